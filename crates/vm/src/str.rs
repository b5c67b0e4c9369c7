//! The `str` object's storage: UTF-8 text, or code points when the string holds a lone
//! surrogate (which UTF-8 cannot spell).
//!
//! **Why not CPython's PEP 393 layout:** Rust's string algorithms (search, split, case mapping)
//! work on UTF-8, and almost every string a program builds is valid UTF-8. An ASCII string
//! indexes in O(1); other strings index by walking (a cached index is the planned next step).
//! The hash is computed once, on first use, with CPython's SipHash-1-3 over the code points,
//! so dicts and sets iterate in CPython's order.

use std::cell::Cell;

use taipan_hash::HashSecret;

pub enum StrData {
    Utf8(Box<str>),
    /// Holds at least one lone surrogate.
    CodePoints(Box<[u32]>),
}

pub struct StrObj {
    data: StrData,
    /// Number of code points: `len()`.
    chars: usize,
    /// The hash once computed; `-1` before (CPython's hash is never -1).
    hash: Cell<i64>,
}

impl StrObj {
    pub fn new(text: &str) -> StrObj {
        StrObj::from_string(text.to_owned())
    }

    pub fn from_string(text: String) -> StrObj {
        let chars = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        StrObj {
            data: StrData::Utf8(text.into_boxed_str()),
            chars,
            hash: Cell::new(-1),
        }
    }

    /// From code points; UTF-8 unless a lone surrogate is among them.
    pub fn from_code_points(points: Vec<u32>) -> StrObj {
        if points.iter().all(|&c| char::from_u32(c).is_some()) {
            let text: String = points.iter().filter_map(|&c| char::from_u32(c)).collect();
            return StrObj::from_string(text);
        }
        let chars = points.len();
        StrObj {
            data: StrData::CodePoints(points.into_boxed_slice()),
            chars,
            hash: Cell::new(-1),
        }
    }

    pub fn data(&self) -> &StrData {
        &self.data
    }

    /// The text, when it is valid UTF-8 (it holds no lone surrogate).
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match &self.data {
            StrData::Utf8(s) => Some(s),
            StrData::CodePoints(_) => None,
        }
    }

    /// The text with lone surrogates replaced by U+FFFD: for messages and file names.
    pub fn to_lossy(&self) -> std::borrow::Cow<'_, str> {
        match &self.data {
            StrData::Utf8(s) => std::borrow::Cow::Borrowed(s),
            StrData::CodePoints(points) => std::borrow::Cow::Owned(
                points
                    .iter()
                    .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                    .collect(),
            ),
        }
    }

    pub fn code_points(&self) -> Vec<u32> {
        match &self.data {
            StrData::Utf8(s) => s.chars().map(|c| c as u32).collect(),
            StrData::CodePoints(points) => points.to_vec(),
        }
    }

    #[inline]
    pub fn char_len(&self) -> usize {
        self.chars
    }

    pub fn is_ascii(&self) -> bool {
        match &self.data {
            StrData::Utf8(s) => s.len() == self.chars,
            StrData::CodePoints(_) => false,
        }
    }

    /// The code point at `index` (in range).
    pub fn code_point_at(&self, index: usize) -> Option<u32> {
        match &self.data {
            StrData::Utf8(s) if s.len() == self.chars => s.as_bytes().get(index).map(|&b| b as u32),
            StrData::Utf8(s) => s.chars().nth(index).map(|c| c as u32),
            StrData::CodePoints(points) => points.get(index).copied(),
        }
    }

    #[inline]
    pub fn hash(&self, secret: &HashSecret) -> i64 {
        let cached = self.hash.get();
        if cached != -1 {
            return cached;
        }
        let hash = match &self.data {
            // ASCII text is its own PEP 393 one-byte storage: hash the bytes directly.
            StrData::Utf8(s) if s.len() == self.chars => secret.hash_bytes(s.as_bytes()),
            StrData::Utf8(s) => secret.hash_str(s.chars().map(|c| c as u32)),
            StrData::CodePoints(points) => secret.hash_str(points.iter().copied()),
        };
        self.hash.set(hash);
        hash
    }

    pub fn eq_str(&self, other: &StrObj) -> bool {
        if self.chars != other.chars {
            return false;
        }
        match (&self.data, &other.data) {
            (StrData::Utf8(a), StrData::Utf8(b)) => a == b,
            (StrData::CodePoints(a), StrData::CodePoints(b)) => a == b,
            _ => false,
        }
    }

    pub fn cmp_str(&self, other: &StrObj) -> std::cmp::Ordering {
        match (&self.data, &other.data) {
            // UTF-8 byte order is code point order.
            (StrData::Utf8(a), StrData::Utf8(b)) => a.as_bytes().cmp(b.as_bytes()),
            _ => self.code_points().cmp(&other.code_points()),
        }
    }
}
