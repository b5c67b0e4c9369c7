//! Number literals, as CPython's `parsenumber` (`Parser/pegen.c`): underscores dropped, then an
//! `int` (any size), a `float` (correctly rounded) or an imaginary `complex`.

use std::borrow::Cow;

use bumpalo::Bump;
use taipan_ast::{ConstantValue, Int};

use super::{LiteralError, LiteralErrorKind};

/// CPython's default `sys.int_info.default_max_str_digits`: the most digits a decimal `int`
/// literal may have. Only decimal literals are limited (`0x…` of any length is fine).
pub const MAX_STR_DIGITS: usize = 4300;

/// Evaluates a NUMBER token: `42`, `1_000`, `0xFF`, `0o17`, `0b1`, `1.5`, `1e10`, `.5`, `3j`.
///
/// An `int` is `Int::Small` when it fits in an `i64`, else `Int::Big` (limbs in `arena`). A
/// decimal `int` of more than 4300 digits (leading zeros and underscores not counted) is CPython's
/// `SyntaxError` ([`LiteralErrorKind::IntDigitsLimit`]).
pub fn parse_number<'a>(text: &str, arena: &'a Bump) -> Result<ConstantValue<'a>, LiteralError> {
    let malformed = || LiteralError::malformed("number", text.len());
    let clean: Cow<'_, str> = if text.contains('_') {
        Cow::Owned(text.replace('_', ""))
    } else {
        Cow::Borrowed(text)
    };
    let b = clean.as_bytes();
    match b {
        [] => Err(malformed()),
        [rest @ .., b'j' | b'J'] => {
            let imag = parse_float(rest).ok_or_else(malformed)?;
            Ok(ConstantValue::Complex { real: 0.0, imag })
        }
        [b'0', b'x' | b'X', digits @ ..] => radix_int(digits, 4, arena).ok_or_else(malformed),
        [b'0', b'o' | b'O', digits @ ..] => radix_int(digits, 3, arena).ok_or_else(malformed),
        [b'0', b'b' | b'B', digits @ ..] => radix_int(digits, 1, arena).ok_or_else(malformed),
        _ if b.iter().any(|c| matches!(c, b'.' | b'e' | b'E')) => parse_float(b)
            .map(ConstantValue::Float)
            .ok_or_else(malformed),
        _ => decimal_int(b, text.len(), arena),
    }
}

/// A float literal without underscores (`1.`, `.5`, `1e-3`), correctly rounded as CPython's
/// `PyOS_string_to_double`. Only Python's float syntax is accepted (no `inf`, no sign).
fn parse_float(b: &[u8]) -> Option<f64> {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    // Rust's parser is correctly rounded, overflows to infinity and underflows to zero, as
    // CPython's `_Py_dg_strtod`.
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// A decimal `int` (ASCII digits, no underscores).
fn decimal_int<'a>(
    b: &[u8],
    token_len: usize,
    arena: &'a Bump,
) -> Result<ConstantValue<'a>, LiteralError> {
    if !b.iter().all(u8::is_ascii_digit) {
        return Err(LiteralError::malformed("number", token_len));
    }
    let first = b.iter().position(|&c| c != b'0').unwrap_or(b.len());
    let digits = &b[first..];
    if digits.len() > MAX_STR_DIGITS {
        return Err(LiteralError {
            kind: LiteralErrorKind::IntDigitsLimit,
            message: format!(
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value \
                 has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider \
                 hexadecimal for huge integer literals to avoid decimal conversion limits.",
                digits.len()
            ),
            range: 0..token_len,
        });
    }
    // Nine decimal digits at a time: 10^9 < 2^32.
    let mut limbs: Vec<u32> = Vec::with_capacity(digits.len() / 9 + 1);
    for chunk in digits.chunks(9) {
        let mut value = 0u32;
        let mut scale = 1u32;
        for &digit in chunk {
            value = value * 10 + u32::from(digit - b'0');
            scale *= 10;
        }
        mul_add(&mut limbs, scale, value);
    }
    Ok(ConstantValue::Int(int_from_limbs(limbs, arena)))
}

/// `limbs = limbs * factor + addend`, little-endian base 2^32.
fn mul_add(limbs: &mut Vec<u32>, factor: u32, addend: u32) {
    let mut carry = u64::from(addend);
    for limb in limbs.iter_mut() {
        let product = u64::from(*limb) * u64::from(factor) + carry;
        *limb = product as u32;
        carry = product >> 32;
    }
    if carry != 0 {
        limbs.push(carry as u32);
    }
}

/// An `int` in base 2^`bits` (hexadecimal, octal or binary digits, no underscores); `None` if a
/// digit is not one of the base or there is none.
fn radix_int<'a>(digits: &[u8], bits: u32, arena: &'a Bump) -> Option<ConstantValue<'a>> {
    if digits.is_empty() {
        return None;
    }
    let radix = 1 << bits;
    let total_bits = digits.len().checked_mul(bits as usize)?;
    let mut limbs = vec![0u32; total_bits / 32 + 1];
    for (k, &digit) in digits.iter().rev().enumerate() {
        let value = char::from(digit).to_digit(radix)?;
        let at = k * bits as usize;
        let (limb, shift) = (at / 32, at % 32);
        limbs[limb] |= value << shift;
        if shift + bits as usize > 32 {
            limbs[limb + 1] |= value >> (32 - shift);
        }
    }
    Some(ConstantValue::Int(int_from_limbs(limbs, arena)))
}

/// `Int::Small` when the value fits in an `i64`, else `Int::Big` without trailing zero limbs.
fn int_from_limbs<'a>(mut limbs: Vec<u32>, arena: &'a Bump) -> Int<'a> {
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
    match limbs[..] {
        [] => Int::Small(0),
        [low] => Int::Small(i64::from(low)),
        [low, high] if high <= i32::MAX as u32 => {
            Int::Small(i64::from(high) << 32 | i64::from(low))
        }
        _ => Int::Big(arena.alloc_slice_copy(&limbs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> ConstantValue<'static> {
        let arena = Box::leak(Box::new(Bump::new()));
        parse_number(text, arena).unwrap()
    }

    fn small(value: i64) -> ConstantValue<'static> {
        ConstantValue::Int(Int::Small(value))
    }

    fn big(limbs: &'static [u32]) -> ConstantValue<'static> {
        ConstantValue::Int(Int::Big(limbs))
    }

    /// Limbs of a decimal string, by schoolbook arithmetic independent of the code under test.
    fn limbs_of(value: u128) -> Vec<u32> {
        let mut limbs = Vec::new();
        let mut v = value;
        while v != 0 {
            limbs.push(v as u32);
            v >>= 32;
        }
        limbs
    }

    // Values from CPython 3.13.0 (`ast.dump(ast.parse(text))`).
    #[test]
    fn ints() {
        assert_eq!(num("0"), small(0));
        assert_eq!(num("00"), small(0));
        assert_eq!(num("0_0"), small(0));
        assert_eq!(num(&"0".repeat(5000)), small(0));
        assert_eq!(num("0_".repeat(5000).trim_end_matches('_')), small(0));
        assert_eq!(num("42"), small(42));
        assert_eq!(num("1_000_000"), small(1_000_000));
        assert_eq!(num("0x_ff"), small(255));
        assert_eq!(num("0XFF"), small(255));
        assert_eq!(num("0o17"), small(15));
        assert_eq!(num("0O_7_7"), small(63));
        assert_eq!(num("0b1010"), small(10));
        assert_eq!(num("0B_1"), small(1));
        assert_eq!(num("9223372036854775807"), small(i64::MAX));
        assert_eq!(num("0x7fffffffffffffff"), small(i64::MAX));
        assert_eq!(num("9223372036854775808"), big(&[0, 0x8000_0000]));
        assert_eq!(num("0x8000000000000000"), big(&[0, 0x8000_0000]));
        assert_eq!(num("18446744073709551616"), big(&[0, 0, 1]));
        assert_eq!(num("0o2000000000000000000000"), big(&[0, 0, 1]));
        assert_eq!(num("0b1"), small(1));
        assert_eq!(num(&format!("0b1{}", "0".repeat(64))), big(&[0, 0, 1]));
        let value = 123_456_789_012_345_678_901_234_567_890u128;
        let ConstantValue::Int(Int::Big(limbs)) = num("123_456_789_012_345_678_901_234_567_890")
        else {
            panic!("a big int")
        };
        assert_eq!(limbs, limbs_of(value));
        let ConstantValue::Int(Int::Big(limbs)) = num(&format!("{:#x}", value)) else {
            panic!("a big int")
        };
        assert_eq!(limbs, limbs_of(value));
        let ConstantValue::Int(Int::Big(limbs)) = num(&format!("{:#o}", value)) else {
            panic!("a big int")
        };
        assert_eq!(limbs, limbs_of(value));
        let ConstantValue::Int(Int::Big(limbs)) = num(&format!("{:#b}", u128::MAX)) else {
            panic!("a big int")
        };
        assert_eq!(limbs, limbs_of(u128::MAX));
    }

    #[test]
    fn huge_ints() {
        // 10**5000 in hexadecimal has no digit limit. Check it by dividing back down.
        let mut limbs = vec![1u32];
        for _ in 0..5000 {
            mul_add(&mut limbs, 10, 0);
        }
        let hex: String =
            limbs
                .iter()
                .rev()
                .enumerate()
                .fold(String::from("0x"), |mut s, (k, limb)| {
                    if k == 0 {
                        s.push_str(&format!("{limb:x}"));
                    } else {
                        s.push_str(&format!("{limb:08x}"));
                    }
                    s
                });
        let ConstantValue::Int(Int::Big(parsed)) = num(&hex) else {
            panic!("a big int")
        };
        assert_eq!(parsed, &limbs[..]);
        // And 10**4299 (4300 digits) in decimal.
        let mut expected = vec![1u32];
        for _ in 0..4299 {
            mul_add(&mut expected, 10, 0);
        }
        let ConstantValue::Int(Int::Big(parsed)) = num(&format!("1{}", "0".repeat(4299))) else {
            panic!("a big int")
        };
        assert_eq!(parsed, &expected[..]);
    }

    #[test]
    fn digit_limit() {
        let arena = Bump::new();
        // CPython 3.13.0: compile('1' * 4301) and '1_' * 4300 + '1' (4301 digits).
        let message = "Exceeds the limit (4300 digits) for integer string conversion: value has \
                       4301 digits; use sys.set_int_max_str_digits() to increase the limit - \
                       Consider hexadecimal for huge integer literals to avoid decimal conversion \
                       limits.";
        for text in ["1".repeat(4301), format!("{}1", "1_".repeat(4300))] {
            let error = parse_number(&text, &arena).unwrap_err();
            assert_eq!(error.kind, LiteralErrorKind::IntDigitsLimit);
            assert_eq!(error.message, message);
            assert_eq!(error.range, 0..text.len());
        }
        // 4300 digits are fine, with or without underscores; floats and imaginaries have no
        // limit (CPython: inf and infj).
        assert!(parse_number(&"1".repeat(4300), &arena).is_ok());
        assert!(parse_number(&format!("{}1", "1_".repeat(4299)), &arena).is_ok());
        assert_eq!(
            num(&format!("{}.0", "1".repeat(5000))),
            ConstantValue::Float(f64::INFINITY)
        );
        assert_eq!(
            num(&format!("{}j", "1".repeat(5000))),
            ConstantValue::Complex {
                real: 0.0,
                imag: f64::INFINITY
            }
        );
        assert!(parse_number(&format!("0x{}", "f".repeat(5000)), &arena).is_ok());
        assert!(parse_number(&format!("0o{}", "7".repeat(5000)), &arena).is_ok());
        assert!(parse_number(&format!("0b{}", "1".repeat(20000)), &arena).is_ok());
    }

    #[test]
    fn floats() {
        let float = |text: &str| match num(text) {
            ConstantValue::Float(value) => value,
            other => panic!("{other:?}"),
        };
        // CPython 3.13.0's values (repr of the Constant).
        assert_eq!(float("1."), 1.0);
        assert_eq!(float(".5"), 0.5);
        assert_eq!(float("1e10"), 1e10);
        assert_eq!(float("1E+5"), 1e5);
        assert_eq!(float("1.e5"), 1e5);
        assert_eq!(float("1_0.0_1"), 10.01);
        assert_eq!(float("0.1e1_0"), 1e9);
        assert_eq!(float("007.5"), 7.5);
        assert_eq!(float("0e0"), 0.0);
        assert_eq!(float("1e400"), f64::INFINITY);
        assert_eq!(float("1e-400"), 0.0);
        assert_eq!(float("1e99999999999999999999999"), f64::INFINITY);
        assert_eq!(float("1e-99999999999999999999999"), 0.0);
        assert_eq!(float("2.2250738585072011e-308"), 2.225073858507201e-308);
        assert_eq!(float("4.9406564584124654e-324"), 5e-324);
        assert_eq!(float("2.4703282292062327e-324"), 0.0);
        assert_eq!(float("2.4703282292062328e-324"), 5e-324);
        assert_eq!(float("0.1"), 0.1);
        assert_eq!(float("1.7976931348623157e308"), f64::MAX);
        assert_eq!(float("1.7976931348623159e308"), f64::INFINITY);
    }

    #[test]
    fn imaginary() {
        let complex = |imag: f64| ConstantValue::Complex { real: 0.0, imag };
        assert_eq!(num("3j"), complex(3.0));
        assert_eq!(num("0j"), complex(0.0));
        assert_eq!(num("1e10j"), complex(1e10));
        assert_eq!(num("1E5J"), complex(1e5));
        assert_eq!(num("1_0j"), complex(10.0));
        assert_eq!(num("0123j"), complex(123.0));
        assert_eq!(num(".5j"), complex(0.5));
        assert_eq!(num("1.j"), complex(1.0));
    }

    #[test]
    fn malformed_is_an_error_not_a_panic() {
        let arena = Bump::new();
        for text in [
            "", "_", "j", "0x", "0o8", "0b2", "0xg", "1a", "inf", "nan", "+1", "1e", "1e+", ".",
            "..", "1..2", "é", "0x_", "e5", ".e5", "1.5x",
        ] {
            let error = parse_number(text, &arena).unwrap_err();
            assert_eq!(error.kind, LiteralErrorKind::Malformed, "{text:?}");
        }
    }
}
