//! The first step of `int()`, `float()` and `complex()` on a `str` in CPython 3.13: Unicode
//! decimal digits and whitespace turned into their ASCII forms, so one ASCII parser follows.

use super::classify::{decimal_value, is_space};

/// As CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: code points below U+007F are
/// kept, other whitespace becomes `' '`, other decimal digits their ASCII digit (`'٣'` → `'3'`);
/// at the first other code point (U+007F included) the text ends with a `'?'`, which no number
/// parser accepts. ASCII control characters such as `'\x1c'` are kept: CPython's parsers then
/// reject them, since they are not C whitespace.
pub fn decimal_and_space_to_ascii(text: impl IntoIterator<Item = u32>, out: &mut String) {
    for cp in text {
        if cp < 0x7F {
            out.push(char::from(cp as u8));
        } else if is_space(cp) {
            out.push(' ');
        } else if let Some(digit) = decimal_value(cp) {
            out.push(char::from(b'0' + digit as u8));
        } else {
            out.push('?');
            return;
        }
    }
}
