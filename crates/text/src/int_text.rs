//! `int` to and from what other number forms need: decimal text under CPython's int/str digit
//! limit (`sys.set_int_max_str_digits`), and the correctly rounded conversion to `float`.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use crate::error::TextError;

/// An `int` as the VM holds it: a machine word, or a big integer. Every function taking an int
/// takes `impl Into<IntRef>`, so both `5i64` and `&big` work and small ints never allocate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl From<i64> for IntRef<'_> {
    fn from(value: i64) -> Self {
        IntRef::Small(value)
    }
}

impl<'a> From<&'a BigInt> for IntRef<'a> {
    fn from(value: &'a BigInt) -> Self {
        IntRef::Big(value)
    }
}

impl IntRef<'_> {
    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(v) => v.sign() == Sign::Minus,
        }
    }

    /// The digits of the absolute value in `base` (2, 8, 10 or 16), lower case, no limit.
    pub(crate) fn magnitude_digits(self, base: u32) -> String {
        match self {
            IntRef::Small(v) => {
                let m = v.unsigned_abs();
                match base {
                    2 => format!("{m:b}"),
                    8 => format!("{m:o}"),
                    16 => format!("{m:x}"),
                    _ => m.to_string(),
                }
            }
            IntRef::Big(v) => v.magnitude().to_str_radix(base),
        }
    }

    pub(crate) fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(v) => v.to_i64(),
        }
    }
}

/// CPython's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// `str(value)` (decimal), refused as CPython refuses it when the number has more than
/// `max_str_digits` digits (0: no limit), with CPython's `ValueError` message.
pub fn int_to_str<'a>(
    value: impl Into<IntRef<'a>>,
    max_str_digits: usize,
) -> Result<String, TextError> {
    let value = match value.into() {
        // The smallest limit CPython accepts is 640 digits; a word has at most 19.
        IntRef::Small(v) => return Ok(v.to_string()),
        IntRef::Big(v) => v,
    };
    check_str_digits(value, max_str_digits)?;
    let text = value.to_str_radix(10);
    let digits = text.len() - usize::from(value.sign() == Sign::Minus);
    if max_str_digits > 0 && digits > max_str_digits {
        return Err(too_many_digits_error(max_str_digits));
    }
    Ok(text)
}

/// Refuses, before converting, a number certainly past the limit: CPython rejects one of
/// `10 * limit / 90 + 2` or more 30-bit digits without computing its decimal form.
pub(crate) fn check_str_digits(value: &BigInt, max_str_digits: usize) -> Result<(), TextError> {
    if max_str_digits == 0 {
        return Ok(());
    }
    let size_in_30_bit_digits = value.bits().div_ceil(30);
    let bound = (max_str_digits as u64).saturating_mul(10) / 90 + 2;
    if size_in_30_bit_digits >= bound {
        return Err(too_many_digits_error(max_str_digits));
    }
    Ok(())
}

fn too_many_digits_error(limit: usize) -> TextError {
    TextError::value(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// `float(value)`: the nearest double, ties to even, as CPython's `PyLong_AsDouble`; an
/// `OverflowError` "int too large to convert to float" when that rounds past the largest double.
pub fn int_to_f64<'a>(value: impl Into<IntRef<'a>>) -> Result<f64, TextError> {
    let value = match value.into() {
        // Rust's conversion rounds to nearest, ties to even, as CPython's.
        IntRef::Small(v) => return Ok(v as f64),
        IntRef::Big(v) => v,
    };
    let overflow = || TextError::overflow("int too large to convert to float");
    let magnitude = value.magnitude();
    let bits = magnitude.bits();
    let result = if bits <= 64 {
        magnitude
            .to_u64()
            .map(|m| m as f64)
            .unwrap_or(f64::INFINITY)
    } else {
        // The top 64 bits, with the lowest one set if anything below them is (a sticky bit:
        // it only matters for breaking a tie, and lies below the 53 bits kept).
        let shift = bits - 64;
        let top: u64 = (magnitude >> shift).to_u64().unwrap_or(u64::MAX);
        let below_nonzero = magnitude.trailing_zeros().is_some_and(|tz| tz < shift);
        let top = top | u64::from(below_nonzero);
        if shift > 1100 {
            f64::INFINITY
        } else {
            (top as f64) * 2f64.powi(shift as i32)
        }
    };
    if result.is_infinite() {
        return Err(overflow());
    }
    Ok(if value.sign() == Sign::Minus {
        -result
    } else {
        result
    })
}
