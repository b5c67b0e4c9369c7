//! The two byte forms marshal gives a `str`, to [`PyString`]: UTF-8 with lone surrogates allowed
//! (`u`, `t`: CPython decodes with `"surrogatepass"`), and one byte per code point (`a`, `A`,
//! `z`, `Z`: CPython reads any byte value, i.e. Latin-1, though it writes only ASCII).

use taipan_text::PyString;

use super::error::{ErrorKind, Utf8Reason};

/// A `u`/`t` payload as CPython's `PyUnicode_DecodeUTF8(..., "surrogatepass")` decodes it, or
/// its `UnicodeDecodeError` (positions within `bytes`).
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<PyString, ErrorKind> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(PyString::new(text));
    }
    match PyString::from_surrogatepass(bytes) {
        Some(string) => Ok(string),
        None => Err(utf8_error(bytes)),
    }
}

/// An `a`/`z` payload: each byte is one code point.
pub(crate) fn decode_latin1(bytes: &[u8]) -> PyString {
    PyString::from_ascii(bytes)
        .unwrap_or_else(|| PyString::from_code_points(bytes.iter().map(|&b| u32::from(b))))
}

/// CPython's `UnicodeDecodeError` for the first undecodable sequence of `bytes`, which must hold
/// one. CPython decodes strictly and lets the `surrogatepass` handler accept a complete
/// three-byte surrogate (`ED A0..BF 80..BF`); otherwise the strict decoder's error stands: an
/// invalid start byte, or the longest valid prefix of a sequence followed by an invalid
/// continuation byte or by the end of the data.
fn utf8_error(bytes: &[u8]) -> ErrorKind {
    let error = |start: usize, end: usize, reason| ErrorKind::Utf8 {
        byte: bytes[start],
        start,
        end,
        reason,
    };
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        // Continuation bytes needed, and the range allowed for the first of them.
        let (need, second) = match lead {
            0xC2..=0xDF => (1, 0x80..=0xBF),
            0xE0 => (2, 0xA0..=0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80..=0xBF),
            0xED => (2, 0x80..=0x9F),
            0xF0 => (3, 0x90..=0xBF),
            0xF1..=0xF3 => (3, 0x80..=0xBF),
            0xF4 => (3, 0x80..=0x8F),
            _ => return error(i, i, Utf8Reason::InvalidStart),
        };
        let surrogate = lead == 0xED
            && matches!(bytes.get(i + 1), Some(0xA0..=0xBF))
            && matches!(bytes.get(i + 2), Some(0x80..=0xBF));
        if surrogate {
            i += 3;
            continue;
        }
        for k in 1..=need {
            let Some(&next) = bytes.get(i + k) else {
                return error(i, i + k - 1, Utf8Reason::UnexpectedEnd);
            };
            let allowed = if k == 1 { second.clone() } else { 0x80..=0xBF };
            if !allowed.contains(&next) {
                return error(i, i + k - 1, Utf8Reason::InvalidContinuation);
            }
        }
        i += need + 1;
    }
    // Unreachable for bytes that failed to decode; say so rather than panic.
    error_at_end(bytes)
}

fn error_at_end(bytes: &[u8]) -> ErrorKind {
    ErrorKind::Utf8 {
        byte: bytes.last().copied().unwrap_or(0),
        start: bytes.len().saturating_sub(1),
        end: bytes.len().saturating_sub(1),
        reason: Utf8Reason::UnexpectedEnd,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        decode_utf8(bytes).unwrap_err().to_string()
    }

    /// Messages from `marshal.loads(b'u' + len + bytes)` under CPython 3.13.0.
    #[test]
    fn cpython_messages() {
        let cases: [(&[u8], &str); 12] = [
            (
                b"\xc3(",
                "byte 0xc3 in position 0: invalid continuation byte",
            ),
            (
                b"\xed\xa0",
                "byte 0xed in position 0: invalid continuation byte",
            ),
            (b"\xed", "byte 0xed in position 0: unexpected end of data"),
            (
                b"\xe0\x80\x80",
                "byte 0xe0 in position 0: invalid continuation byte",
            ),
            (
                b"\xf0\x90\x80A",
                "bytes in position 0-2: invalid continuation byte",
            ),
            (
                b"\xf0\x90\x80",
                "bytes in position 0-2: unexpected end of data",
            ),
            (b"\xff", "byte 0xff in position 0: invalid start byte"),
            (b"a\x80", "byte 0x80 in position 1: invalid start byte"),
            (b"\xc3", "byte 0xc3 in position 0: unexpected end of data"),
            (
                b"\xf4\x90\x80\x80",
                "byte 0xf4 in position 0: invalid continuation byte",
            ),
            (b"\xc0\xaf", "byte 0xc0 in position 0: invalid start byte"),
            (
                b"\xe1\x80\xc0",
                "bytes in position 0-1: invalid continuation byte",
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                message(bytes),
                format!("'utf-8' codec can't decode {expected}"),
                "{bytes:x?}"
            );
        }
    }

    #[test]
    fn surrogates_and_latin1() {
        let lone = decode_utf8(b"\xed\xa0\x80x\xed\xbf\xbf").unwrap();
        assert_eq!(
            lone.code_points().collect::<Vec<_>>(),
            [0xD800, 0x78, 0xDFFF]
        );
        assert_eq!(decode_latin1(b"caf\xe9").as_str(), Some("café"));
        assert_eq!(decode_latin1(b"abc").as_str(), Some("abc"));
    }
}
