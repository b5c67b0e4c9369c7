//! `repr()` of `str` and `bytes`.

use crate::printable::is_printable_code_point;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The quote `repr()` uses: `'`, unless the text has a `'` and no `"`.
fn choose_quote(mut units: impl Iterator<Item = u32>) -> u32 {
    let (mut single, mut double) = (false, false);
    for unit in units.by_ref() {
        single |= unit == u32::from(b'\'');
        double |= unit == u32::from(b'"');
        if single && double {
            break;
        }
    }
    if single && !double {
        u32::from(b'"')
    } else {
        u32::from(b'\'')
    }
}

/// Appends `\x`, `\u` or `\U` and `digits` lowercase hex digits of `value`.
fn push_hex_escape(out: &mut String, letter: char, value: u32, digits: u32) {
    out.push('\\');
    out.push(letter);
    for shift in (0..digits).rev() {
        out.push(char::from(HEX[((value >> (4 * shift)) & 0xF) as usize]));
    }
}

/// Python's `repr()` of a `str` without surrogates: `'abc'`, `"it's"`, `'\n\x00\u2028'`.
pub fn str_repr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_str_repr(&mut out, text);
    out
}

/// [`str_repr`], appended to `out`.
pub fn push_str_repr(out: &mut String, text: &str) {
    push_code_points_repr(out, text.chars().map(u32::from));
}

/// Python's `repr()` of a `str` given as code points, lone surrogates (`0xD800..=0xDFFF`)
/// included: they are not printable, so they print as `\udxxx`. Values above `0x10FFFF` are not
/// code points; they print as `\U` escapes of the value.
pub fn code_points_repr<I>(code_points: I) -> String
where
    I: IntoIterator<Item = u32>,
    I::IntoIter: Clone,
{
    let mut out = String::new();
    push_code_points_repr(&mut out, code_points);
    out
}

/// [`code_points_repr`], appended to `out`.
pub fn push_code_points_repr<I>(out: &mut String, code_points: I)
where
    I: IntoIterator<Item = u32>,
    I::IntoIter: Clone,
{
    let code_points = code_points.into_iter();
    let quote = choose_quote(code_points.clone());
    let quote_char = char::from(quote as u8);
    out.push(quote_char);
    for cp in code_points {
        match cp {
            _ if cp == quote || cp == u32::from(b'\\') => {
                out.push('\\');
                out.push(char::from(cp as u8));
            }
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            0x00..=0x1F | 0x7F => push_hex_escape(out, 'x', cp, 2),
            0x20..=0x7E => out.push(char::from(cp as u8)),
            _ => match char::from_u32(cp) {
                Some(ch) if is_printable_code_point(cp) => out.push(ch),
                _ if cp <= 0xFF => push_hex_escape(out, 'x', cp, 2),
                _ if cp <= 0xFFFF => push_hex_escape(out, 'u', cp, 4),
                _ => push_hex_escape(out, 'U', cp, 8),
            },
        }
    }
    out.push(quote_char);
}

/// Python's `repr()` of a `bytes`: `b'abc'`, `b"it's"`, `b'\x00\xff'`.
pub fn bytes_repr(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 3);
    push_bytes_repr(&mut out, bytes);
    out
}

/// [`bytes_repr`], appended to `out`.
pub fn push_bytes_repr(out: &mut String, bytes: &[u8]) {
    let quote = choose_quote(bytes.iter().map(|&b| u32::from(b))) as u8;
    out.push('b');
    out.push(char::from(quote));
    for &byte in bytes {
        match byte {
            _ if byte == quote || byte == b'\\' => {
                out.push('\\');
                out.push(char::from(byte));
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7E => out.push(char::from(byte)),
            _ => push_hex_escape(out, 'x', u32::from(byte), 2),
        }
    }
    out.push(char::from(quote));
}
