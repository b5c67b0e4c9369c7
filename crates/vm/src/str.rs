//! The `str` object's storage: one allocation holding a small header and the text, as
//! CPython's compact strings are one allocation (a 5-letter word is 48 bytes in both).
//!
//! [`PyStr`] is the owning handle: a thin, reference-counted pointer (8 bytes), which an exact
//! `str` keeps directly in [`crate::value::Value::Str`]; a `str` subclass instance keeps one
//! in its [`crate::object::Payload::Str`]. [`StrObj`] is what it points at, read through
//! [`StrData`]: UTF-8 text, or code points when the string holds a lone surrogate (which
//! UTF-8 cannot spell).
//!
//! **Why not CPython's PEP 393 layout:** Rust's string algorithms (search, split, case mapping)
//! work on UTF-8, and almost every string a program builds is valid UTF-8. An ASCII string
//! indexes in O(1); other strings index by walking (a cached index is the planned next step).
//! The hash is computed once, on first use, with CPython's SipHash-1-3 over the code points,
//! so dicts and sets iterate in CPython's order.
//!
//! **Why `unsafe` here (the workspace denies it elsewhere):** safe Rust's `Rc<str>` puts two
//! counts before the text and keeps the length in a fat pointer (16 bytes in every value
//! slot); a header with the hash and the code-point count would need a second allocation. The
//! unsafe code is this module's allocation, reference count and the reconstruction of a
//! `&StrObj` from the thin pointer; everything outside sees only safe methods.
//!
//! Invariants (what the unsafe blocks rely on):
//! - a `PyStr` points at a live allocation made by [`PyStr::allocate`] with the layout
//!   [`layout_for`] gives for the header's `len`, which never changes;
//! - the header's `strong` counts the `PyStr` handles; the allocation is freed when it drops
//!   to zero. A count that reaches `u32::MAX` stays there (the string becomes immortal and is
//!   leaked rather than ever freed early);
//! - UTF-8 data is valid UTF-8 (it is copied from a `&str`); code-point data is `len / 4`
//!   native-endian `u32`s at an offset aligned for `u32`.
#![allow(unsafe_code)]

use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::NonNull;

use taipan_hash::HashSecret;

/// The text of a string, borrowed.
#[derive(Clone, Copy)]
pub enum StrData<'a> {
    Utf8(&'a str),
    /// Holds at least one lone surrogate.
    CodePoints(&'a [u32]),
}

/// The fixed part of a string's allocation. 32 bytes.
#[repr(C)]
struct StrHeader {
    /// The number of [`PyStr`] handles (`u32`: see the module's invariants).
    strong: Cell<u32>,
    /// The data is code points (the string holds a lone surrogate), not UTF-8.
    code_points: bool,
    /// The hash once computed; `-1` before (CPython's hash is never -1).
    hash: Cell<i64>,
    /// Number of code points: `len()`.
    chars: usize,
    /// Bytes of data after the header.
    len: usize,
}

const _: () = assert!(std::mem::size_of::<StrHeader>() == 32);

/// A string object: the header, then its data. Unsized; reached through a [`PyStr`].
#[repr(C)]
pub struct StrObj {
    header: StrHeader,
    data: [u8],
}

/// The allocation for `len` bytes of data: the header, the data, padded to the header's
/// alignment (what `size_of_val` of the `StrObj` is).
fn layout_for(len: usize) -> Layout {
    let size = std::mem::size_of::<StrHeader>()
        .checked_add(len)
        .expect("a string's size fits in memory");
    Layout::from_size_align(size, std::mem::align_of::<StrHeader>())
        .expect("a string's size fits in memory")
        .pad_to_align()
}

/// An owning, reference-counted handle to a [`StrObj`]. Cloning increments the count.
pub struct PyStr(NonNull<StrHeader>);

impl PyStr {
    /// A new string of `data`, with `chars` code points.
    fn allocate(code_points: bool, chars: usize, data: &[u8]) -> PyStr {
        let layout = layout_for(data.len());
        // SAFETY: the layout is non-zero-sized (it holds the header).
        let raw = unsafe { std::alloc::alloc(layout) };
        let Some(ptr) = NonNull::new(raw.cast::<StrHeader>()) else {
            std::alloc::handle_alloc_error(layout)
        };
        // SAFETY: `raw` is a fresh allocation of `layout`: room for the header and then
        // `data.len()` bytes; the header is aligned (the layout's alignment is the header's).
        unsafe {
            ptr.as_ptr().write(StrHeader {
                strong: Cell::new(1),
                code_points,
                hash: Cell::new(-1),
                chars,
                len: data.len(),
            });
            let body = raw.add(std::mem::size_of::<StrHeader>());
            std::ptr::copy_nonoverlapping(data.as_ptr(), body, data.len());
        }
        PyStr(ptr)
    }

    pub fn new(text: &str) -> PyStr {
        let chars = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        PyStr::allocate(false, chars, text.as_bytes())
    }

    /// The concatenation of the pieces `pieces()` yields, built in place: the result is
    /// sized first (as CPython's `str.join`), so no intermediate text is held beside it.
    /// `pieces` is called twice and must yield the same pieces both times; if it does not,
    /// the result is still a valid string (whole pieces only, padded with NULs).
    pub fn from_pieces<'a, I>(pieces: impl Fn() -> I) -> PyStr
    where
        I: Iterator<Item = &'a str>,
    {
        let mut len = 0usize;
        let mut chars = 0usize;
        for piece in pieces() {
            len = len.saturating_add(piece.len());
            chars += if piece.is_ascii() {
                piece.len()
            } else {
                piece.chars().count()
            };
        }
        let layout = layout_for(len);
        // SAFETY: the layout is non-zero-sized (it holds the header). Zeroed, so that the data
        // is valid UTF-8 however much of it the second pass fills.
        let raw = unsafe { std::alloc::alloc_zeroed(layout) };
        let Some(ptr) = NonNull::new(raw.cast::<StrHeader>()) else {
            std::alloc::handle_alloc_error(layout)
        };
        // SAFETY: a fresh allocation: the data area is `len` initialised (zero) bytes after
        // the header, borrowed mutably only here.
        let data = unsafe {
            std::slice::from_raw_parts_mut(raw.add(std::mem::size_of::<StrHeader>()), len)
        };
        let mut at = 0;
        for piece in pieces() {
            // Whole pieces only: the data stays valid UTF-8 even if the pieces changed.
            let Some(dst) = data.get_mut(at..at + piece.len()) else {
                break;
            };
            dst.copy_from_slice(piece.as_bytes());
            at += piece.len();
        }
        if at != len {
            chars = std::str::from_utf8(data).map_or(len, |t| t.chars().count());
        }
        // SAFETY: the header slot is the start of the allocation, aligned for it.
        unsafe {
            ptr.as_ptr().write(StrHeader {
                strong: Cell::new(1),
                code_points: false,
                hash: Cell::new(-1),
                chars,
                len,
            });
        }
        PyStr(ptr)
    }

    /// From code points; UTF-8 unless a lone surrogate is among them.
    pub fn from_code_points(points: impl AsRef<[u32]>) -> PyStr {
        let points = points.as_ref();
        if points.iter().all(|&c| char::from_u32(c).is_some()) {
            let text: String = points.iter().filter_map(|&c| char::from_u32(c)).collect();
            return PyStr::new(&text);
        }
        let bytes: Vec<u8> = points.iter().flat_map(|c| c.to_ne_bytes()).collect();
        PyStr::allocate(true, points.len(), &bytes)
    }

    /// Whether the two handles are the same object (`is`).
    #[inline]
    pub fn ptr_eq(&self, other: &PyStr) -> bool {
        self.0 == other.0
    }

    /// The object's address (`id()`).
    #[inline]
    pub fn id(&self) -> usize {
        self.0.as_ptr() as usize
    }

    #[inline]
    fn header(&self) -> &StrHeader {
        // SAFETY: the allocation is live while a handle is (invariant), and starts with an
        // initialised header.
        unsafe { self.0.as_ref() }
    }

    pub fn refcount(&self) -> usize {
        self.header().strong.get() as usize
    }
}

impl Clone for PyStr {
    #[inline]
    fn clone(&self) -> PyStr {
        let strong = &self.header().strong;
        // Saturate: a string referenced u32::MAX times becomes immortal (never freed).
        strong.set(strong.get().saturating_add(1));
        PyStr(self.0)
    }
}

impl Drop for PyStr {
    // Small enough to inline into every `Value`'s drop glue (the freeing is out of line): with
    // the freeing inlined, the glue stopped inlining and `fib` ran 17 % slower.
    #[inline]
    fn drop(&mut self) {
        let strong = &self.header().strong;
        match strong.get() {
            1 => self.free(),
            // Immortal: see the module's invariants.
            u32::MAX => {}
            n => strong.set(n - 1),
        }
    }
}

impl PyStr {
    /// Free the allocation: the last handle is being dropped.
    #[cold]
    #[inline(never)]
    fn free(&mut self) {
        let layout = layout_for(self.header().len);
        // SAFETY: this was the last handle, so nothing else reaches the allocation; it was
        // made by `allocate` or `from_pieces` with this layout (the header's `len` never
        // changes). The header holds no values that need dropping.
        unsafe { std::alloc::dealloc(self.0.as_ptr().cast::<u8>(), layout) }
    }
}

impl std::ops::Deref for PyStr {
    type Target = StrObj;

    #[inline]
    fn deref(&self) -> &StrObj {
        let len = self.header().len;
        let fat = std::ptr::slice_from_raw_parts(self.0.as_ptr().cast::<u8>(), len);
        // SAFETY: the allocation is a header followed by `len` bytes of data (invariant), so
        // it is exactly a `StrObj` whose `data` has `len` elements; it lives while `self`
        // does, and nothing hands out a mutable reference to it (the header's mutable fields
        // are `Cell`s).
        unsafe { &*(fat as *const StrObj) }
    }
}

impl StrObj {
    #[inline]
    pub fn data(&self) -> StrData<'_> {
        if self.header.code_points {
            let count = self.data.len() / 4;
            // SAFETY: code-point data is `count` `u32`s, aligned (see the invariants: the
            // data starts 32 bytes into an allocation aligned for the header).
            let points =
                unsafe { std::slice::from_raw_parts(self.data.as_ptr().cast::<u32>(), count) };
            StrData::CodePoints(points)
        } else {
            // SAFETY: UTF-8 data was copied from a `&str`.
            StrData::Utf8(unsafe { std::str::from_utf8_unchecked(&self.data) })
        }
    }

    /// The text, when it is valid UTF-8 (it holds no lone surrogate).
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self.data() {
            StrData::Utf8(s) => Some(s),
            StrData::CodePoints(_) => None,
        }
    }

    /// The text with lone surrogates replaced by U+FFFD: for messages and file names.
    pub fn to_lossy(&self) -> std::borrow::Cow<'_, str> {
        match self.data() {
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
        match self.data() {
            StrData::Utf8(s) => s.chars().map(|c| c as u32).collect(),
            StrData::CodePoints(points) => points.to_vec(),
        }
    }

    #[inline]
    pub fn char_len(&self) -> usize {
        self.header.chars
    }

    pub fn is_ascii(&self) -> bool {
        !self.header.code_points && self.data.len() == self.header.chars
    }

    /// The code point at `index` (in range).
    pub fn code_point_at(&self, index: usize) -> Option<u32> {
        match self.data() {
            StrData::Utf8(s) if s.len() == self.header.chars => {
                s.as_bytes().get(index).map(|&b| b as u32)
            }
            StrData::Utf8(s) => s.chars().nth(index).map(|c| c as u32),
            StrData::CodePoints(points) => points.get(index).copied(),
        }
    }

    #[inline]
    pub fn hash(&self, secret: &HashSecret) -> i64 {
        let cached = self.header.hash.get();
        if cached != -1 {
            return cached;
        }
        let hash = match self.data() {
            // ASCII text is its own PEP 393 one-byte storage: hash the bytes directly.
            StrData::Utf8(s) if s.len() == self.header.chars => secret.hash_bytes(s.as_bytes()),
            StrData::Utf8(s) => secret.hash_str(s.chars().map(|c| c as u32)),
            StrData::CodePoints(points) => secret.hash_str(points.iter().copied()),
        };
        self.header.hash.set(hash);
        hash
    }

    pub fn eq_str(&self, other: &StrObj) -> bool {
        // Both kinds are canonical (code points only with a lone surrogate), so equal strings
        // have equal kinds and equal data bytes.
        self.header.chars == other.header.chars
            && self.header.code_points == other.header.code_points
            && self.data == other.data
    }

    pub fn cmp_str(&self, other: &StrObj) -> std::cmp::Ordering {
        match (self.data(), other.data()) {
            // UTF-8 byte order is code point order.
            (StrData::Utf8(a), StrData::Utf8(b)) => a.as_bytes().cmp(b.as_bytes()),
            _ => self.code_points().cmp(&other.code_points()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_counts() {
        let s = PyStr::new("héllo");
        assert_eq!(s.as_str(), Some("héllo"));
        assert_eq!(s.char_len(), 5);
        assert!(!s.is_ascii());
        assert_eq!(s.code_point_at(1), Some('é' as u32));
        let t = s.clone();
        assert_eq!(s.refcount(), 2);
        drop(t);
        assert_eq!(s.refcount(), 1);
    }

    #[test]
    fn lone_surrogates_keep_code_points() {
        let s = PyStr::from_code_points(&[0x61, 0xD800, 0x62]);
        assert!(s.as_str().is_none());
        assert_eq!(s.code_points(), vec![0x61, 0xD800, 0x62]);
        assert_eq!(s.char_len(), 3);
        assert!(s.eq_str(&PyStr::from_code_points(&[0x61, 0xD800, 0x62])));
        assert!(!s.eq_str(&PyStr::new("a\u{FFFD}b")));
        // Without a surrogate, code points become UTF-8 text.
        assert_eq!(PyStr::from_code_points(&[0x41, 0x42]).as_str(), Some("AB"));
    }

    #[test]
    fn pieces_concatenate_in_place() {
        let parts = ["ab", "é", "", "cd"];
        let s = PyStr::from_pieces(|| parts.iter().copied());
        assert_eq!(s.as_str(), Some("abécd"));
        assert_eq!(s.char_len(), 5);
        // Pieces that change between the passes still give valid text.
        let calls = Cell::new(0);
        let s = PyStr::from_pieces(|| {
            calls.set(calls.get() + 1);
            let second = calls.get() > 1;
            ["xy", if second { "long piece" } else { "z" }].into_iter()
        });
        assert_eq!(s.as_str(), Some("xy\0"));
        assert_eq!(s.char_len(), 3);
    }

    #[test]
    fn empty_string_has_no_data() {
        let s = PyStr::new("");
        assert_eq!(s.as_str(), Some(""));
        assert_eq!(s.char_len(), 0);
        assert_eq!(std::mem::size_of_val::<StrObj>(&s), 32);
    }
}
