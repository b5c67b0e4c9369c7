//! The Unicode facts number parsing needs, with CPython 3.13's (Unicode 15.1) data: which
//! characters are decimal digits (and their value) and which are whitespace.

/// The first code point (the digit zero) of each run of ten decimal digits (category Nd) in
/// Unicode 15.1, as `str.isdecimal()` in CPython 3.13 finds them. Every run holds the digits
/// 0 to 9 in order, so a digit's value is its distance from the start of its run.
const DECIMAL_RUN_STARTS: [u32; 68] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// The value of a decimal digit of any script (`'٣'` is 3), as CPython's
/// `Py_UNICODE_TODECIMAL`; `None` for anything else.
pub(crate) fn decimal_digit_value(ch: char) -> Option<u32> {
    let cp = u32::from(ch);
    if ch.is_ascii_digit() {
        return Some(cp - 0x30);
    }
    let i = DECIMAL_RUN_STARTS.partition_point(|&start| start <= cp);
    let start = *DECIMAL_RUN_STARTS.get(i.checked_sub(1)?)?;
    let value = cp - start;
    (value < 10).then_some(value)
}

/// Whitespace as `str.isspace()` in CPython 3.13 (`Py_UNICODE_ISSPACE`): what `int()` and
/// `float()` strip around a number. It includes the separators U+001C..U+001F, which Rust's
/// `char::is_whitespace` does not, and excludes nothing Rust has beyond them.
pub(crate) fn is_python_space(ch: char) -> bool {
    matches!(
        ch,
        '\t' | '\n'
            | '\x0b'
            | '\x0c'
            | '\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}
