//! The `str.is*()` predicates of whole strings, as CPython 3.13 decides them, and the numeric
//! values of one code point that `int()` and `float()` read.

use super::record::props;
use crate::is_printable_code_point;

/// CPython's whitespace (`str.isspace()`, `str.split()`, `str.strip()`), with a fast path for
/// ASCII: `\t \n \v \f \r`, `\x1c`–`\x1f` and the space.
#[inline]
pub fn is_space(cp: u32) -> bool {
    if cp < 0x80 {
        matches!(cp, 0x09..=0x0D | 0x1C..=0x20)
    } else {
        props(cp).is_space()
    }
}

/// CPython's line boundaries (`str.splitlines()`): `\n \v \f \r \x1c \x1d \x1e \x85 \u2028
/// \u2029`.
#[inline]
pub fn is_linebreak(cp: u32) -> bool {
    matches!(cp, 0x0A..=0x0D | 0x1C..=0x1E | 0x85 | 0x2028 | 0x2029)
}

/// The decimal value of `cp` (`unicodedata.decimal`): the digits `int()` and `float()` accept,
/// such as `'٣'` (3).
#[inline]
pub fn decimal_value(cp: u32) -> Option<u32> {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit().then(|| cp - u32::from(b'0'));
    }
    props(cp).decimal_value()
}

/// The digit value of `cp` (`unicodedata.digit`): decimal digits and also `'²'` or `'①'`.
#[inline]
pub fn digit_value(cp: u32) -> Option<u32> {
    props(cp).digit_value()
}

/// The numeric value of `cp` (`unicodedata.numeric`): `'½'` is 0.5.
#[inline]
pub fn numeric_value(cp: u32) -> Option<f64> {
    props(cp).numeric_value()
}

/// True when `text` is not empty and every code point satisfies `test` (the shape of most
/// `str.is*()` methods).
fn all_nonempty(text: impl IntoIterator<Item = u32>, test: impl Fn(u32) -> bool) -> bool {
    let mut any = false;
    for cp in text {
        if !test(cp) {
            return false;
        }
        any = true;
    }
    any
}

/// `str.isalpha()`.
pub fn isalpha(text: impl IntoIterator<Item = u32>) -> bool {
    all_nonempty(text, |cp| props(cp).is_alpha())
}

/// `str.isalnum()`: every character alphabetic, decimal, digit or numeric.
pub fn isalnum(text: impl IntoIterator<Item = u32>) -> bool {
    all_nonempty(text, |cp| props(cp).is_alnum())
}

/// `str.isdecimal()`.
pub fn isdecimal(text: impl IntoIterator<Item = u32>) -> bool {
    all_nonempty(text, |cp| props(cp).is_decimal())
}

/// `str.isdigit()`.
pub fn isdigit(text: impl IntoIterator<Item = u32>) -> bool {
    all_nonempty(text, |cp| props(cp).is_digit())
}

/// `str.isnumeric()`.
pub fn isnumeric(text: impl IntoIterator<Item = u32>) -> bool {
    all_nonempty(text, |cp| props(cp).is_numeric())
}

/// `str.isspace()`.
pub fn isspace(text: impl IntoIterator<Item = u32>) -> bool {
    all_nonempty(text, is_space)
}

/// `str.isprintable()`: true for the empty string.
pub fn isprintable(text: impl IntoIterator<Item = u32>) -> bool {
    text.into_iter().all(is_printable_code_point)
}

/// `str.islower()`: no uppercase or titlecase character, and at least one lowercase one
/// (uncased characters do not count either way: `'a1'` is lower, `'1'` is not).
pub fn islower(text: impl IntoIterator<Item = u32>) -> bool {
    let mut cased = false;
    for cp in text {
        let p = props(cp);
        if p.is_upper() || p.is_title() {
            return false;
        }
        cased |= p.is_lower();
    }
    cased
}

/// `str.isupper()`: no lowercase or titlecase character, and at least one uppercase one.
pub fn isupper(text: impl IntoIterator<Item = u32>) -> bool {
    let mut cased = false;
    for cp in text {
        let p = props(cp);
        if p.is_lower() || p.is_title() {
            return false;
        }
        cased |= p.is_upper();
    }
    cased
}

/// `str.istitle()`: uppercase and titlecase characters only after uncased ones, lowercase ones
/// only after cased ones, and at least one cased character.
pub fn istitle(text: impl IntoIterator<Item = u32>) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for cp in text {
        let p = props(cp);
        if p.is_upper() || p.is_title() {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if p.is_lower() {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

/// `str.isidentifier()`: an XID_Start character or `_`, then XID_Continue characters, with
/// CPython 3.13's Unicode 15.1 properties. (No NFKC normalisation: that is for identifiers in
/// source code, which the lexer handles; `'ℌ'.isidentifier()` is true on its own merit.)
pub fn isidentifier(text: impl IntoIterator<Item = u32>) -> bool {
    let mut code_points = text.into_iter();
    let Some(first) = code_points.next() else {
        return false;
    };
    if first != u32::from(b'_') && !props(first).is_xid_start() {
        return false;
    }
    code_points.all(|cp| props(cp).is_xid_continue())
}
