//! `float(str)` and `int(str, base)`, as CPython 3.13's `PyFloat_FromString` and
//! `PyLong_FromUnicodeObject`: Unicode digits and whitespace, underscores, the int/str digit limit
//! and the exact error messages.

use num_bigint::BigInt;

use crate::error::TextError;
use crate::float_ops::parse_inf_or_nan;
use crate::unicode::decimal_and_space_to_ascii;
use crate::{bytes_repr, str_repr};

/// CPython's first step for `int()`, `float()` and `complex()` of a `str`: Unicode digits and
/// spaces to ASCII, the text cut at the first other character (see
/// [`decimal_and_space_to_ascii`]).
fn to_ascii_number_text(text: &str) -> Vec<u8> {
    let mut out = String::with_capacity(text.len());
    decimal_and_space_to_ascii(text.chars().map(u32::from), &mut out);
    out.into_bytes()
}

/// ASCII whitespace as C's `isspace` (CPython's `Py_ISSPACE`), what is stripped after the
/// conversion above.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `float(text)`: surrounding whitespace stripped, `_` only between digits, `inf`, `infinity`,
/// `nan` in any case with a sign, decimal digits of any script; out-of-range values are `inf`
/// or zero. The error is CPython's `ValueError` "could not convert string to float: 'x'" with
/// the argument's repr.
pub fn parse_float(text: &str) -> Result<f64, TextError> {
    let ascii = to_ascii_number_text(text);
    parse_float_ascii(&ascii).ok_or_else(|| float_error(&str_repr(text)))
}

/// `float(b)` for `bytes`/`bytearray`: as [`parse_float`] but on the bytes as they are (no
/// Unicode digits or spaces), and the error quotes the bytes' repr.
pub fn parse_float_bytes(bytes: &[u8]) -> Result<f64, TextError> {
    parse_float_ascii(bytes).ok_or_else(|| float_error(&bytes_repr(bytes)))
}

fn float_error(repr: &str) -> TextError {
    TextError::value(format!("could not convert string to float: {repr}"))
}

fn parse_float_ascii(ascii: &[u8]) -> Option<f64> {
    let start = ascii.iter().take_while(|&&b| is_ascii_space(b)).count();
    let end = ascii.len()
        - ascii[start..]
            .iter()
            .rev()
            .take_while(|&&b| is_ascii_space(b))
            .count();
    let body = &ascii[start..end];
    if body.is_empty() {
        return None;
    }
    if body.contains(&b'_') {
        parse_decimal_float(&remove_underscores_between_digits(body)?)
    } else {
        parse_decimal_float(body)
    }
}

/// The text without its underscores, when each one sits between two digits (CPython's
/// `_Py_string_to_number_with_underscores`).
fn remove_underscores_between_digits(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut prev = 0u8;
    for &b in text {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return None;
            }
            out.push(b);
        }
        prev = b;
    }
    (prev != b'_').then_some(out)
}

/// `[sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits]`, or a special value.
fn parse_decimal_float(text: &[u8]) -> Option<f64> {
    let (negative, body) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = match parse_inf_or_nan(body) {
        Some(special) => special,
        None => {
            let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
            let int_len = digits(body);
            let mut pos = int_len;
            let mut fraction_len = 0;
            if body.get(pos) == Some(&b'.') {
                fraction_len = digits(&body[pos + 1..]);
                pos += 1 + fraction_len;
            }
            if int_len + fraction_len == 0 {
                return None;
            }
            if matches!(body.get(pos), Some(b'e' | b'E')) {
                pos += 1;
                if matches!(body.get(pos), Some(b'+' | b'-')) {
                    pos += 1;
                }
                let exp_len = digits(&body[pos.min(body.len())..]);
                if exp_len == 0 {
                    return None;
                }
                pos += exp_len;
            }
            if pos != body.len() {
                return None;
            }
            // Validated; Rust's parser rounds correctly (and takes a huge exponent to inf or 0).
            std::str::from_utf8(body).ok()?.parse::<f64>().ok()?
        }
    };
    Some(if negative { -value } else { value })
}

/// `int(text, base)`: `base` 0 (the prefix decides: `0x`, `0o`, `0b`, else decimal, where a
/// leading zero allows only zero) or 2 to 36; a sign, surrounding whitespace, single
/// underscores between digits (and after a prefix), digits of any script. `max_str_digits` is
/// `sys.get_int_max_str_digits()` (0: no limit), enforced for bases that are not powers of two.
/// Errors as CPython's: "int() base must be >= 2 and <= 36, or 0" (a VM passing a negative or
/// huge base reports the same), "invalid literal for int() with
/// base 10: 'x'" (the repr cut to 200 characters), and the digit limit's.
pub fn parse_int(text: &str, base: u32, max_str_digits: usize) -> Result<BigInt, TextError> {
    check_base(base)?;
    let error = || int_error(base, &str_repr(text));
    let ascii = to_ascii_number_text(text);
    parse_int_ascii(&ascii, base, max_str_digits, &error)
}

/// `int(b, base)` for `bytes`/`bytearray`: as [`parse_int`] but on the bytes as they are, and
/// the error quotes the bytes' repr (cut to 200 characters).
pub fn parse_int_bytes(
    bytes: &[u8],
    base: u32,
    max_str_digits: usize,
) -> Result<BigInt, TextError> {
    check_base(base)?;
    let error = || int_error(base, &bytes_repr(bytes));
    parse_int_ascii(bytes, base, max_str_digits, &error)
}

fn check_base(base: u32) -> Result<(), TextError> {
    if base == 1 || base > 36 {
        return Err(TextError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    Ok(())
}

/// CPython quotes the argument with `%.200R`: its repr, cut to 200 characters.
fn int_error(base: u32, repr: &str) -> TextError {
    let repr: String = repr.chars().take(200).collect();
    TextError::value(format!(
        "invalid literal for int() with base {base}: {repr}"
    ))
}

fn parse_int_ascii(
    ascii: &[u8],
    base: u32,
    max_str_digits: usize,
    error: &dyn Fn() -> TextError,
) -> Result<BigInt, TextError> {
    let mut rest = ascii;
    while let [first, more @ ..] = rest
        && is_ascii_space(*first)
    {
        rest = more;
    }
    let negative = match rest.first() {
        Some(b'-') => {
            rest = &rest[1..];
            true
        }
        Some(b'+') => {
            rest = &rest[1..];
            false
        }
        _ => false,
    };
    let mut base_used = base;
    let mut only_zero = false;
    if base == 0 {
        base_used = match rest {
            [b'0', b'x' | b'X', ..] => 16,
            [b'0', b'o' | b'O', ..] => 8,
            [b'0', b'b' | b'B', ..] => 2,
            [b'0', ..] => {
                // An old-style octal literal ("010") is an error, but zero ("00") is fine.
                only_zero = true;
                10
            }
            _ => 10,
        };
    }
    let prefixed = matches!(
        (base_used, rest),
        (16, [b'0', b'x' | b'X', ..]) | (8, [b'0', b'o' | b'O', ..]) | (2, [b'0', b'b' | b'B', ..])
    );
    if prefixed {
        rest = &rest[2..];
        if rest.first() == Some(&b'_') {
            rest = &rest[1..];
        }
    }
    // Digits with single underscores between them.
    let digit_value = |b: u8| (b as char).to_digit(36).filter(|&d| d < base_used);
    if rest.first() == Some(&b'_') {
        return Err(error());
    }
    let mut digits: Vec<u8> = Vec::new();
    let mut prev = 0u8;
    let mut len = 0;
    for &b in rest {
        if b == b'_' {
            if prev == b'_' {
                return Err(error());
            }
        } else if digit_value(b).is_some() {
            digits.push(b);
        } else {
            break;
        }
        prev = b;
        len += 1;
    }
    // A syntax error anywhere, trailing text included, is reported before the digit limit.
    if prev == b'_' || digits.is_empty() || !rest[len..].iter().all(|&b| is_ascii_space(b)) {
        return Err(error());
    }
    if !base_used.is_power_of_two() && max_str_digits > 0 && digits.len() > max_str_digits {
        return Err(TextError::value(format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion: value \
             has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        )));
    }
    let value = BigInt::parse_bytes(&digits, base_used).ok_or_else(error)?;
    if only_zero && value != BigInt::ZERO {
        return Err(error());
    }
    Ok(if negative { -value } else { value })
}

/// `complex(text)`: `<float>`, `<float>j`, `<float><signed float>j`, and the old forms
/// `<float><sign>j`, `<sign>j`, `j`; optionally in parentheses; whitespace around (and inside
/// the parentheses); `_` only between digits; digits of any script. Errors as CPython's:
/// "could not convert string to complex: '…'" for misplaced underscores, else "complex() arg is
/// a malformed string". Returns `(real, imag)`.
pub fn parse_complex(text: &str) -> Result<(f64, f64), TextError> {
    let malformed = || TextError::value("complex() arg is a malformed string");
    let ascii = to_ascii_number_text(text);
    // As CPython's `_Py_string_to_number_with_underscores`, which reads a C string: an
    // underscore before any NUL means the underscore rules apply, and then a NUL is an error.
    let before_nul = ascii.split(|&b| b == 0).next().unwrap_or(&[]);
    let ascii = if before_nul.contains(&b'_') {
        let underscore_error = || {
            TextError::value(format!(
                "could not convert string to complex: {}",
                str_repr(text)
            ))
        };
        if before_nul.len() != ascii.len() {
            return Err(underscore_error());
        }
        remove_underscores_between_digits(&ascii).ok_or_else(underscore_error)?
    } else {
        ascii
    };
    parse_complex_ascii(&ascii).ok_or_else(malformed)
}

fn parse_complex_ascii(text: &[u8]) -> Option<(f64, f64)> {
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let skip_spaces = |mut i: usize| {
        while is_ascii_space(at(i)) {
            i += 1;
        }
        i
    };
    let is_j = |b: u8| b == b'j' || b == b'J';
    let mut pos = skip_spaces(0);
    let bracket = at(pos) == b'(';
    if bracket {
        pos = skip_spaces(pos + 1);
    }
    let (mut real, mut imag) = (0.0, 0.0);
    match float_prefix(&text[pos..]) {
        Some((first, len)) => {
            pos += len;
            if matches!(at(pos), b'+' | b'-') {
                real = first;
                match float_prefix(&text[pos..]) {
                    Some((second, len)) => {
                        imag = second;
                        pos += len;
                    }
                    None => {
                        imag = if at(pos) == b'+' { 1.0 } else { -1.0 };
                        pos += 1;
                    }
                }
                if !is_j(at(pos)) {
                    return None;
                }
                pos += 1;
            } else if is_j(at(pos)) {
                imag = first;
                pos += 1;
            } else {
                real = first;
            }
        }
        None => {
            if matches!(at(pos), b'+' | b'-') {
                imag = if at(pos) == b'+' { 1.0 } else { -1.0 };
                pos += 1;
            } else {
                imag = 1.0;
            }
            if !is_j(at(pos)) {
                return None;
            }
            pos += 1;
        }
    }
    pos = skip_spaces(pos);
    if bracket {
        if at(pos) != b')' {
            return None;
        }
        pos = skip_spaces(pos + 1);
    }
    (pos == text.len()).then_some((real, imag))
}

/// The longest prefix of `text` that is a float (as C's `strtod`, CPython's
/// `PyOS_string_to_double` with an end pointer): its value and length.
fn float_prefix(text: &[u8]) -> Option<(f64, usize)> {
    let sign_len = usize::from(matches!(text.first(), Some(b'+' | b'-')));
    let body = &text[sign_len..];
    let starts_with =
        |word: &[u8]| body.len() >= word.len() && body[..word.len()].eq_ignore_ascii_case(word);
    let len = if starts_with(b"infinity") {
        8
    } else if starts_with(b"inf") || starts_with(b"nan") {
        3
    } else {
        let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
        let int_len = digits(body);
        let mut len = int_len;
        let mut fraction_len = 0;
        if body.get(len) == Some(&b'.') {
            fraction_len = digits(&body[len + 1..]);
            if int_len + fraction_len > 0 {
                len += 1 + fraction_len;
            }
        }
        if int_len + fraction_len == 0 {
            return None;
        }
        if matches!(body.get(len), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(body.get(len + 1), Some(b'+' | b'-')));
            let exp_len = digits(body.get(len + 1 + sign..).unwrap_or(&[]));
            if exp_len > 0 {
                len += 1 + sign + exp_len;
            }
        }
        len
    };
    let value = parse_decimal_float(&text[..sign_len + len])?;
    Some((value, sign_len + len))
}
