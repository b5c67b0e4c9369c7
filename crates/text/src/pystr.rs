//! Python `str` values as the pipeline stores them: code points, lone surrogates included, in
//! "surrogatepass" UTF-8 (marshal's byte form of a `str`). [`PyStr`] borrows them (the AST keeps
//! its strings in an arena), [`PyString`] owns them (code object constants, names).

/// A Python `str` value: a sequence of code points which, unlike a Rust `str`, may include lone
/// surrogates (`'\ud800'` is a valid Python literal).
///
/// Stored as "surrogatepass" UTF-8: ordinary UTF-8, except that a surrogate code point is
/// encoded on its own as three bytes (`ED A0 80` for U+D800), never paired. That is the byte form
/// `marshal` writes for a `str`, so a .pyc writer can copy it as is.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyStr<'a> {
    bytes: &'a [u8],
}

impl<'a> PyStr<'a> {
    /// A string without surrogates.
    pub const fn new(text: &'a str) -> PyStr<'a> {
        PyStr {
            bytes: text.as_bytes(),
        }
    }

    /// A string from surrogatepass UTF-8, or `None` if `bytes` is not such an encoding.
    pub fn from_surrogatepass(bytes: &'a [u8]) -> Option<PyStr<'a>> {
        let mut rest = bytes;
        while !rest.is_empty() {
            let (_, len) = decode_code_point(rest)?;
            rest = &rest[len..];
        }
        Some(PyStr { bytes })
    }

    /// The surrogatepass UTF-8 bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The text, when the string has no lone surrogate.
    pub fn as_str(&self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes).ok()
    }

    /// The code points, surrogates included.
    pub fn code_points(self) -> impl Iterator<Item = u32> + Clone + 'a {
        let mut rest = self.bytes;
        std::iter::from_fn(move || {
            let (cp, len) = decode_code_point(rest)?;
            rest = &rest[len..];
            Some(cp)
        })
    }

    /// The length in code points, as Python's `len()`.
    pub fn len(&self) -> usize {
        self.code_points().count()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl std::fmt::Debug for PyStr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_str() {
            Some(text) => write!(f, "PyStr({text:?})"),
            None => write!(f, "PyStr({:?})", self.code_points().collect::<Vec<_>>()),
        }
    }
}

/// Appends one code point (surrogates allowed) in surrogatepass UTF-8.
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0..=0x7F => out.push(cp as u8),
        0x80..=0x7FF => out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]),
        0x800..=0xFFFF => out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
        _ => out.extend_from_slice(&[
            0xF0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3F) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
    }
}

/// Decodes the first code point of surrogatepass UTF-8: `(code point, byte length)`.
fn decode_code_point(bytes: &[u8]) -> Option<(u32, usize)> {
    let first = *bytes.first()?;
    let (len, init) = match first {
        0x00..=0x7F => return Some((u32::from(first), 1)),
        0xC2..=0xDF => (2, u32::from(first & 0x1F)),
        0xE0..=0xEF => (3, u32::from(first & 0x0F)),
        0xF0..=0xF4 => (4, u32::from(first & 0x07)),
        _ => return None,
    };
    let tail = bytes.get(1..len)?;
    let mut cp = init;
    for &b in tail {
        if b & 0xC0 != 0x80 {
            return None;
        }
        cp = (cp << 6) | u32::from(b & 0x3F);
    }
    let min = [0, 0, 0x80, 0x800, 0x10000][len];
    (cp >= min && cp <= 0x10FFFF).then_some((cp, len))
}

/// An owned Python `str`: the owning form of [`PyStr`], same encoding.
///
/// Shared, as CPython shares a `str` object: cloning is a reference-count increment, so the
/// many repeats of one name in a `.pyc` (marshal's back-references) or in a compiler's tables
/// cost no allocation.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct PyString {
    bytes: std::sync::Arc<[u8]>,
}

impl PyString {
    /// A string without surrogates.
    pub fn new(text: &str) -> PyString {
        PyString {
            bytes: text.as_bytes().into(),
        }
    }

    /// A string from surrogatepass UTF-8, or `None` if `bytes` is not such an encoding.
    pub fn from_surrogatepass(bytes: &[u8]) -> Option<PyString> {
        PyStr::from_surrogatepass(bytes).map(|s| s.to_owned_string())
    }

    /// A string from ASCII bytes, or `None` if a byte is not ASCII (one check, no decoding:
    /// how marshal's ASCII strings are read).
    pub fn from_ascii(bytes: &[u8]) -> Option<PyString> {
        bytes.is_ascii().then(|| PyString {
            bytes: bytes.into(),
        })
    }

    /// The string made of `code_points` (surrogates allowed; each must be at most U+10FFFF).
    pub fn from_code_points(code_points: impl IntoIterator<Item = u32>) -> PyString {
        let mut bytes = Vec::new();
        for cp in code_points {
            push_code_point(&mut bytes, cp);
        }
        PyString {
            bytes: bytes.into(),
        }
    }

    /// The borrowed form.
    pub fn as_py_str(&self) -> PyStr<'_> {
        PyStr { bytes: &self.bytes }
    }

    /// The surrogatepass UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The text, when the string has no lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// The code points, surrogates included.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        self.as_py_str().code_points()
    }

    /// The length in code points, as Python's `len()`.
    pub fn len(&self) -> usize {
        self.as_py_str().len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl From<&str> for PyString {
    fn from(text: &str) -> PyString {
        PyString::new(text)
    }
}

impl std::fmt::Debug for PyString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_py_str().fmt(f)
    }
}

impl PyStr<'_> {
    /// An owned copy.
    pub fn to_owned_string(&self) -> PyString {
        PyString {
            bytes: self.bytes.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_round_trip() {
        let mut bytes = Vec::new();
        for cp in [0x61, 0xD800, 0xDC00, 0x1F600, 0xE9] {
            push_code_point(&mut bytes, cp);
        }
        let s = PyStr::from_surrogatepass(&bytes).unwrap();
        assert_eq!(
            s.code_points().collect::<Vec<_>>(),
            [0x61, 0xD800, 0xDC00, 0x1F600, 0xE9]
        );
        assert_eq!(s.as_str(), None);
        assert_eq!(s.len(), 5);
        assert_eq!(PyStr::new("hé").as_str(), Some("hé"));
        assert!(PyStr::from_surrogatepass(&[0xC0, 0x80]).is_none());
    }
}
