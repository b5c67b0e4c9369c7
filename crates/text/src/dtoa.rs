//! Decimal digits of a double, correctly rounded: the three digit-generation modes of CPython's
//! `_Py_dg_dtoa` (shortest round trip, `n` significant digits, `n` digits after the point).
//!
//! Rust's formatter is the generator: `{:e}` gives the shortest digits ([`crate::float_repr`]
//! settles CPython's ties between two shortest forms), and `{:.N}`/`{:.Ne}` give exact
//! digits rounded half-to-even on the double's exact binary value, which is what `dtoa` does.

/// A finite non-negative double as `0.d₁d₂…dₙ × 10^decpt`. `digits` are ASCII, never end in
/// `0`, and are `"0"` (with `decpt == 1`) for zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Digits {
    pub digits: Vec<u8>,
    pub decpt: i64,
}

/// Every double's exact decimal expansion ends within 1074 digits after the point and has at
/// most 767 significant digits, so asking Rust for more only appends zeros.
const MAX_FRACTION_DIGITS: usize = 1100;
const MAX_SIGNIFICANT_DIGITS: usize = 800;

/// The shortest digits that read back as `value` (dtoa mode 0).
pub(crate) fn shortest(value: f64) -> Digits {
    let value = value.abs();
    // Rust's `{:e}` gives the shortest digits, and of those the closest to the exact value.
    let text = format!("{value:e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    let exponent = exponent.parse::<i64>().unwrap_or(0);
    let all: Vec<u8> = mantissa.bytes().filter(|&b| b != b'.').collect();
    if all.len() >= 16 && may_tie(value, exponent) {
        // Two shortest candidates may be equally close; CPython takes the even one, which
        // `float_repr` settles.
        return shortest_via_repr(value);
    }
    normalize(all, exponent + 1)
}

/// Whether `value` could lie exactly halfway between two shortest candidates. That needs its
/// exact decimal expansion to be one digit longer than the shortest form (at most 18 digits):
/// with `value = m * 2**e`, `m` odd, an integer (`e >= 0`) below 2**53 is its own shortest
/// form and a larger one has no 5 to end in, and a fraction (`e < 0`) has `-e` digits after the
/// point, `-e + exponent10 + 1` in all (kept below 20 here).
fn may_tie(value: f64, exponent10: i64) -> bool {
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let mut mantissa = bits & ((1 << 52) - 1);
    let mut exponent2 = if biased == 0 {
        -1074
    } else {
        mantissa |= 1 << 52;
        biased - 1075
    };
    if mantissa == 0 {
        return false;
    }
    let zeros = mantissa.trailing_zeros() as i64;
    exponent2 += zeros;
    // One digit of slack for the shortest form's exponent being one above the exact value's.
    exponent2 < 0 && -exponent2 + exponent10 < 19
}

fn shortest_via_repr(value: f64) -> Digits {
    // repr writes the digits in one of its layouts; take them back out of it.
    let text = crate::float_repr(value);
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (int_part, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: Vec<u8> = int_part.bytes().chain(fraction.bytes()).collect();
    normalize(all, int_part.len() as i64 + exponent)
}

/// `count` significant digits, correctly rounded (dtoa mode 2); `count` is at least 1.
pub(crate) fn significant(value: f64, count: usize) -> Digits {
    let count = count.clamp(1, MAX_SIGNIFICANT_DIGITS);
    let text = format!("{:.*e}", count - 1, value.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    let exponent = exponent.parse::<i64>().unwrap_or(0);
    let all: Vec<u8> = mantissa.bytes().filter(|&b| b != b'.').collect();
    normalize(all, exponent + 1)
}

/// The digits up to `count` places after the decimal point, correctly rounded (dtoa mode 3).
pub(crate) fn fixed(value: f64, count: usize) -> Digits {
    let count = count.min(MAX_FRACTION_DIGITS);
    let text = format!("{:.*}", count, value.abs());
    let (int_part, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let all: Vec<u8> = int_part.bytes().chain(fraction.bytes()).collect();
    normalize(all, int_part.len() as i64)
}

/// Drops leading zeros (moving the point) and trailing zeros; zero becomes `"0"`, `decpt` 1.
fn normalize(mut all: Vec<u8>, mut decpt: i64) -> Digits {
    let leading = all.iter().take_while(|&&b| b == b'0').count();
    if leading == all.len() {
        return Digits {
            digits: vec![b'0'],
            decpt: 1,
        };
    }
    all.drain(..leading);
    decpt -= leading as i64;
    while all.last() == Some(&b'0') {
        all.pop();
    }
    Digits { digits: all, decpt }
}
