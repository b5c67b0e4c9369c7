//! `float.hex()`, `float.fromhex()`, `round(float, n)` and `int(float)`, as CPython 3.13's
//! `Objects/floatobject.c`.

use num_bigint::{BigInt, BigUint};
use num_traits::{One, Zero};

use crate::error::TextError;

/// `float.hex(value)`: `0x1.8000000000000p+0`, always 13 fraction digits; subnormals as
/// `0x0.….p-1022`; `0x0.0p+0`, `inf`, `-inf`, `nan`.
pub fn float_hex(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_string();
    }
    if value.is_infinite() {
        return if value < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = value.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let (lead, exponent) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    format!("{sign}0x{lead}.{fraction:013x}p{exponent:+}")
}

fn invalid_hex() -> TextError {
    TextError::value("invalid hexadecimal floating-point string")
}

/// `float.fromhex(text)`: `[sign] ['0x'] hexdigits ['.' hexdigits] ['p' [sign] digits]` or
/// `inf`/`infinity`/`nan`, with ASCII whitespace around; rounded half-to-even to the nearest
/// double. CPython's errors: `ValueError` "invalid hexadecimal floating-point string",
/// `OverflowError` "hexadecimal value too large to represent as a float".
pub fn float_fromhex(text: &str) -> Result<f64, TextError> {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let bytes = text.as_bytes();
    let start = bytes.iter().take_while(|b| is_space(b)).count();
    let end = bytes.len()
        - bytes[start..]
            .iter()
            .rev()
            .take_while(|b| is_space(b))
            .count();
    let body = &bytes[start..end];
    let (negative, body) = match body.first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let signed = |x: f64| if negative { -x } else { x };
    if let Some(special) = parse_inf_or_nan(body) {
        return Ok(signed(special));
    }
    let body = match body {
        [b'0', b'x' | b'X', rest @ ..] => rest,
        _ => body,
    };
    let int_len = body.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    let (int_digits, rest) = body.split_at(int_len);
    let (fraction_digits, rest) = match rest.split_first() {
        Some((b'.', after)) => {
            let len = after.iter().take_while(|b| b.is_ascii_hexdigit()).count();
            after.split_at(len)
        }
        _ => (&[][..], rest),
    };
    if int_digits.is_empty() && fraction_digits.is_empty() {
        return Err(invalid_hex());
    }
    let mut exponent: i128 = 0;
    let rest = match rest.split_first() {
        Some((b'p' | b'P', after)) => {
            let (exp_negative, after) = match after.split_first() {
                Some((b'-', more)) => (true, more),
                Some((b'+', more)) => (false, more),
                _ => (false, after),
            };
            let len = after.iter().take_while(|b| b.is_ascii_digit()).count();
            if len == 0 {
                return Err(invalid_hex());
            }
            // CPython reads the exponent with strtol, which saturates; any saturated value is
            // far outside a double's range either way.
            for &digit in &after[..len] {
                exponent = (exponent * 10 + i128::from(digit - b'0')).min(i128::from(i64::MAX));
            }
            if exp_negative {
                exponent = -exponent;
            }
            &after[len..]
        }
        _ => rest,
    };
    // CPython computes the value (and reports an overflow) before looking at what follows it.
    let trailing_ok = rest.is_empty();
    let mut coefficient = BigUint::zero();
    for &digit in int_digits.iter().chain(fraction_digits) {
        let value = (digit as char).to_digit(16).unwrap_or(0);
        coefficient = (coefficient << 4u32) + BigUint::from(value);
    }
    let value = if coefficient.is_zero() {
        0.0
    } else {
        let exponent = exponent - 4 * fraction_digits.len() as i128;
        scale_to_double(&coefficient, exponent).ok_or_else(|| {
            TextError::overflow("hexadecimal value too large to represent as a float")
        })?
    };
    if !trailing_ok {
        return Err(invalid_hex());
    }
    Ok(signed(value))
}

/// `coefficient * 2**exponent` rounded half-to-even to a double; `None` past the largest.
fn scale_to_double(coefficient: &BigUint, exponent: i128) -> Option<f64> {
    let bits = i128::from(coefficient.bits() as i64);
    // One past the exponent of the top bit: the value lies in [2**(top-1), 2**top).
    let top = exponent + bits;
    if top > 1024 {
        return None;
    }
    if top < -1074 {
        return Some(0.0);
    }
    // The weight of the last bit kept: 53 bits, fewer for a subnormal.
    let lsb = top.max(-1021) - 53;
    let (mut kept, lsb) = if exponent >= lsb {
        (coefficient.clone(), exponent)
    } else {
        let shift = (lsb - exponent) as u64;
        let kept = coefficient >> shift;
        let dropped = coefficient - (&kept << shift);
        let half = BigUint::one() << (shift - 1);
        let odd = kept.bit(0);
        let up = dropped > half || (dropped == half && odd);
        (if up { kept + 1u32 } else { kept }, lsb)
    };
    let mut lsb = lsb as i32;
    // Bring the integer below 2**53 (it is exact after rounding) before scaling.
    while kept.bits() > 53 {
        kept >>= 1u32;
        lsb += 1;
    }
    let mantissa = kept.iter_u64_digits().next().unwrap_or(0) as f64;
    let value = mantissa * power_of_two(lsb);
    (!value.is_infinite()).then_some(value)
}

/// `2**exponent` exactly, for `-1074 <= exponent <= 1023`; a scaling beyond goes through two
/// steps so the product, when representable, is still exact.
fn power_of_two(exponent: i32) -> f64 {
    if exponent > 1023 {
        return power_of_two(1023) * power_of_two(exponent - 1023);
    }
    if exponent >= -1022 {
        f64::from_bits(((exponent + 1023) as u64) << 52)
    } else if exponent >= -1074 {
        f64::from_bits(1u64 << (exponent + 1074))
    } else {
        0.0
    }
}

/// `inf`, `infinity` or `nan` in any case (after the sign), as CPython's
/// `_Py_parse_inf_or_nan` accepts them.
pub(crate) fn parse_inf_or_nan(text: &[u8]) -> Option<f64> {
    if text.eq_ignore_ascii_case(b"inf") || text.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if text.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// `round(value, ndigits)` for a float: the decimal value with `ndigits` digits after the point
/// (before it when negative) nearest to the exact binary value, ties to even, read back as the
/// nearest double: `round(2.675, 2)` is `2.67`. As CPython: `inf`/`nan` round to themselves,
/// `ndigits > 323` leaves the value, `ndigits < -308` gives a zero of its sign, and a result
/// past the largest double is `OverflowError` "rounded value too large to represent".
pub fn round_float(value: f64, ndigits: i64) -> Result<f64, TextError> {
    if !value.is_finite() || ndigits > 323 {
        return Ok(value);
    }
    if ndigits < -308 {
        return Ok(0.0 * value);
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let text = if ndigits >= 0 {
        format!("{sign}{:.*}", ndigits as usize, value.abs())
    } else {
        let places = ndigits.unsigned_abs() as usize;
        format!("{sign}{}e{places}", round_integer_part(value.abs(), places))
    };
    let rounded: f64 = text.parse().unwrap_or(value);
    if rounded.is_infinite() {
        return Err(TextError::overflow("rounded value too large to represent"));
    }
    Ok(rounded)
}

/// The non-negative `value` divided by `10**places` and rounded to an integer, ties to even, on
/// the exact value; as decimal digits.
fn round_integer_part(value: f64, places: usize) -> String {
    // Every double's exact expansion ends within 1074 places; this is it.
    let exact = format!("{value:.1074}");
    let (int_part, fraction) = exact.split_once('.').unwrap_or((exact.as_str(), ""));
    let fraction_nonzero = fraction.bytes().any(|b| b != b'0');
    let int_part = int_part.trim_start_matches('0');
    if places > int_part.len() {
        return "0".to_string();
    }
    let (kept, dropped) = int_part.split_at(int_part.len() - places);
    let dropped = dropped.as_bytes();
    let above_half = match dropped.split_first() {
        None => false,
        Some((&first, rest)) => {
            first > b'5' || (first == b'5' && (rest.iter().any(|&b| b != b'0') || fraction_nonzero))
        }
    };
    let exactly_half = dropped.first() == Some(&b'5')
        && dropped[1..].iter().all(|&b| b == b'0')
        && !fraction_nonzero;
    let mut kept: BigUint = kept.parse().unwrap_or_default();
    let odd = kept.bit(0);
    if above_half || (exactly_half && odd) {
        kept += 1u32;
    }
    kept.to_string()
}

/// `int(value)` for a float: truncated toward zero. CPython's errors: `OverflowError` "cannot
/// convert float infinity to integer", `ValueError` "cannot convert float NaN to integer".
pub fn float_to_int(value: f64) -> Result<BigInt, TextError> {
    if value.is_nan() {
        return Err(TextError::value("cannot convert float NaN to integer"));
    }
    if value.is_infinite() {
        return Err(TextError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let truncated = value.trunc();
    if truncated.abs() < 9.0e18 {
        return Ok(BigInt::from(truncated as i64));
    }
    // |value| >= 2**63: an integer times a power of two.
    let bits = truncated.to_bits();
    let exponent = ((bits >> 52) & 0x7FF) as i64 - 1075;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    let magnitude = BigInt::from(mantissa) << (exponent as u64);
    Ok(if value < 0.0 { -magnitude } else { magnitude })
}
