//! Hashes of the numbers and singletons: `int`, `float`, `complex`, `bool`, `None`.
//!
//! Python makes numbers that compare equal hash equal across types (`hash(1) == hash(1.0) ==
//! hash(True) == hash(1+0j)`): the hash of a rational `x` is `x` reduced modulo the prime
//! [`MODULUS`] = 2^61 - 1, keeping the sign (`Python/pyhash.c`, `Objects/longobject.c`).

use crate::secret::fix_minus_one;

/// `sys.hash_info.modulus`: the prime 2^61 - 1 that numeric hashes reduce modulo.
pub const MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.inf`: the hash of `float('inf')` (negated for `-inf`).
pub const INF: i64 = 314_159;
/// `sys.hash_info.imag`: the multiplier of the imaginary part in a `complex` hash.
pub const IMAG: u64 = 1_000_003;
/// `hash(None)`: a constant since CPython 3.12 (`none_hash` returns `0xFCA86420`).
pub const NONE: i64 = 0xFCA8_6420;
/// The bits of [`MODULUS`].
const BITS: u32 = 61;

/// `hash(n)` for an `int` that fits in 64 bits.
pub fn hash_int(value: i64) -> i64 {
    let reduced = (value.unsigned_abs() % MODULUS) as i64;
    fix_minus_one(if value < 0 { -reduced } else { reduced })
}

/// `hash(n)` for an `int` of any size, given its sign and its magnitude as little-endian
/// 32-bit limbs (high zero limbs allowed; no limbs is zero).
///
/// The magnitude is reduced modulo [`MODULUS`] (CPython's `long_hash` does it 30 bits at a time
/// with rotations; any grouping gives the same residue), then the sign is applied, and `-1`
/// becomes `-2`.
pub fn hash_big_int(negative: bool, limbs: &[u32]) -> i64 {
    let modulus = u128::from(MODULUS);
    let reduced = limbs.iter().rev().fold(0u128, |acc, &limb| {
        ((acc << 32) | u128::from(limb)) % modulus
    }) as i64;
    fix_minus_one(if negative { -reduced } else { reduced })
}

/// `hash(True)` is 1, `hash(False)` is 0: `bool` is an `int`.
pub fn hash_bool(value: bool) -> i64 {
    i64::from(value)
}

/// `hash(None)`: [`NONE`].
pub fn hash_none() -> i64 {
    NONE
}

/// `hash(x)` for a `float`, as CPython's `_Py_HashDouble`; `None` for a NaN.
///
/// Since CPython 3.10 a NaN hashes by identity (`_Py_HashPointer` of the object), so no value
/// can be given for it here: the caller must use the object's identity. Infinities hash to
/// `±`[`INF`]. A finite `x` hashes as the rational it is, modulo [`MODULUS`]: its `frexp`
/// mantissa is consumed 28 bits at a time into a 61-bit accumulator (each step a rotation, which
/// is multiplication by 2^28 modulo 2^61 - 1), the exponent applied as a final rotation, then the
/// sign; `-1` becomes `-2`.
pub fn hash_float(value: f64) -> Option<i64> {
    if value.is_nan() {
        return None;
    }
    if value.is_infinite() {
        return Some(if value > 0.0 { INF } else { -INF });
    }
    let (mut mantissa, mut exponent) = frexp(value);
    let mut sign: i64 = 1;
    if mantissa < 0.0 {
        sign = -1;
        mantissa = -mantissa;
    }
    let mut x: u64 = 0;
    while mantissa != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        mantissa *= 268_435_456.0; // 2^28
        exponent -= 28;
        let digit = mantissa as u64; // truncation: the next 28 bits
        mantissa -= digit as f64;
        x += digit;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    // Multiply by 2^exponent, i.e. rotate left by exponent modulo 61 (negative exponents
    // rotate right, which C writes as a left rotation by 60 - ((-1 - e) % 61)).
    let shift = if exponent >= 0 {
        exponent % BITS as i32
    } else {
        BITS as i32 - 1 - ((-1 - exponent) % BITS as i32)
    } as u32;
    x = ((x << shift) & MODULUS) | (x >> (BITS - shift));
    Some(fix_minus_one((x as i64).wrapping_mul(sign)))
}

/// `hash(complex(real, imag))`: `hash(real) + IMAG * hash(imag)` in wrapping unsigned
/// arithmetic, `-1` becoming `-2` (`complex_hash`); `None` if a part is a NaN (the object's
/// identity decides then, as for a NaN `float`).
pub fn hash_complex(real: f64, imag: f64) -> Option<i64> {
    let real = hash_float(real)? as u64;
    let imag = hash_float(imag)? as u64;
    Some(fix_minus_one(
        real.wrapping_add(IMAG.wrapping_mul(imag)) as i64
    ))
}

/// C's `frexp` for a finite `value`: `(m, e)` with `value == m * 2^e` and `0.5 <= |m| < 1`
/// (`(0.0, 0)` for zero).
fn frexp(value: f64) -> (f64, i32) {
    if value == 0.0 {
        return (value, 0);
    }
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(value * f64::from_bits(0x43f0_0000_0000_0000)); // 2^64
        return (m, e - 64);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, biased - 1022)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_matches_c() {
        assert_eq!(frexp(1.0), (0.5, 1));
        assert_eq!(frexp(-3.0), (-0.75, 2));
        assert_eq!(frexp(0.1), (0.8, -3));
        assert_eq!(frexp(f64::MIN_POSITIVE / 4.0), (0.5, -1023));
        assert_eq!(frexp(5e-324), (0.5, -1073));
    }

    #[test]
    fn equal_numbers_hash_equal() {
        for v in [0i64, 1, -1, 2, 1 << 40, -(1 << 52), 1 << 62] {
            assert_eq!(hash_float(v as f64), Some(hash_int(v)), "{v}");
            assert_eq!(hash_complex(v as f64, 0.0), Some(hash_int(v)), "{v}");
        }
        assert_eq!(hash_int(i64::MIN), hash_big_int(true, &[0, 0x8000_0000]));
        assert_eq!(
            hash_float(2f64.powi(64)),
            Some(hash_big_int(false, &[0, 0, 1]))
        );
    }
}
