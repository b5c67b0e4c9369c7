//! Arithmetic on Python numbers as CPython 3.13 does it: `int` of any size (`Objects/longobject.c`),
//! `float` (`Objects/floatobject.c`) and `complex` (`Objects/complexobject.c`), bit for bit.
//!
//! Every operation returns `None` where CPython raises (division by zero, a negative shift
//! count, an `int` too large for a `float`, a `float` power that overflows…): the AST optimizer
//! then leaves the expression alone, as CPython's `make_const` drops the exception.
//!
//! Float results come from the same IEEE operations CPython's C code performs (Rust's `+`, `*`,
//! `/` and `%` are C's, `powf`/`hypot`/`atan2`/`exp`/`ln`/`sin`/`cos` call the same libm), in the
//! same order, so they are identical to CPython's.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A complex number: CPython's `Py_complex`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub const fn new(re: f64, im: f64) -> Complex {
        Complex { re, im }
    }

    /// CPython's `_Py_c_sum`.
    pub fn add(self, b: Complex) -> Complex {
        Complex::new(self.re + b.re, self.im + b.im)
    }

    /// CPython's `_Py_c_diff`.
    pub fn sub(self, b: Complex) -> Complex {
        Complex::new(self.re - b.re, self.im - b.im)
    }

    /// CPython's `_Py_c_prod`.
    pub fn mul(self, b: Complex) -> Complex {
        Complex::new(
            self.re * b.re - self.im * b.im,
            self.re * b.im + self.im * b.re,
        )
    }

    /// CPython 3.13's `_Py_c_quot` (Smith's algorithm); `None` for a zero divisor (`EDOM`).
    pub fn div(self, b: Complex) -> Option<Complex> {
        let a = self;
        let abs_breal = b.re.abs();
        let abs_bimag = b.im.abs();
        if abs_breal >= abs_bimag {
            if abs_breal == 0.0 {
                return None;
            }
            let ratio = b.im / b.re;
            let denom = b.re + b.im * ratio;
            Some(Complex::new(
                (a.re + a.im * ratio) / denom,
                (a.im - a.re * ratio) / denom,
            ))
        } else if abs_bimag >= abs_breal {
            let ratio = b.re / b.im;
            let denom = b.re * ratio + b.im;
            Some(Complex::new(
                (a.re * ratio + a.im) / denom,
                (a.im * ratio - a.re) / denom,
            ))
        } else {
            // At least one of b's parts is a NaN.
            Some(Complex::new(f64::NAN, f64::NAN))
        }
    }

    /// CPython's `complex_pow` (without a modulus): `c_powi` for a small integral exponent,
    /// `_Py_c_pow` otherwise; `None` where CPython raises `ZeroDivisionError` (zero to a
    /// negative or complex power) or `OverflowError` (an infinite part in the result).
    pub fn pow(self, b: Complex) -> Option<Complex> {
        let result = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
            self.powi(b.re as i64)?
        } else {
            self.pow_general(b)?
        };
        // `_Py_ADJUST_ERANGE2`: an infinite part is an overflow.
        if result.re.is_infinite() || result.im.is_infinite() {
            return None;
        }
        Some(result)
    }

    /// CPython's `c_powi`: repeated squaring, through a division for a negative exponent.
    fn powi(self, n: i64) -> Option<Complex> {
        if n > 0 {
            Some(self.powu(n as u64))
        } else {
            Complex::new(1.0, 0.0).div(self.powu(n.unsigned_abs()))
        }
    }

    /// CPython's `c_powu`.
    fn powu(self, n: u64) -> Complex {
        let mut r = Complex::new(1.0, 0.0);
        let mut p = self;
        let mut mask: u64 = 1;
        // CPython's mask is a C `long`: the loop stops when it would turn negative.
        while mask > 0 && mask <= i64::MAX as u64 && n >= mask {
            if n & mask != 0 {
                r = r.mul(p);
            }
            mask <<= 1;
            p = p.mul(p);
        }
        r
    }

    /// CPython's `_Py_c_pow`; `None` for zero to a negative or complex power (`EDOM`).
    fn pow_general(self, b: Complex) -> Option<Complex> {
        let a = self;
        if b.re == 0.0 && b.im == 0.0 {
            return Some(Complex::new(1.0, 0.0));
        }
        if a.re == 0.0 && a.im == 0.0 {
            if b.im != 0.0 || b.re < 0.0 {
                return None;
            }
            return Some(Complex::new(0.0, 0.0));
        }
        let vabs = a.re.hypot(a.im);
        let mut len = vabs.powf(b.re);
        let at = a.im.atan2(a.re);
        let mut phase = at * b.re;
        if b.im != 0.0 {
            len /= (at * b.im).exp();
            phase += b.im * vabs.ln();
        }
        // `cos` and `sin` of an infinity set `errno` to EDOM, which CPython reports as
        // ZeroDivisionError.
        if phase.is_infinite() {
            return None;
        }
        Some(Complex::new(len * phase.cos(), len * phase.sin()))
    }
}

/// `float(n)` for an `int`: CPython's `PyLong_AsDouble`, rounded half to even; `None` when the
/// value is too large for a `float` (`OverflowError`).
pub(super) fn int_to_f64(value: &BigInt) -> Option<f64> {
    if let Some(small) = value.to_i64() {
        // Rust's integer-to-float conversion rounds to nearest, ties to even, as C's does.
        return Some(small as f64);
    }
    let magnitude = value.magnitude();
    let bits = magnitude.bits();
    // Keep the top 64 bits and fold everything below into a sticky bit: the u64-to-f64
    // conversion then rounds exactly as rounding the whole value would.
    let shift = bits - 64;
    let top = (magnitude >> shift).to_u64()?;
    let below_nonzero = magnitude
        .trailing_zeros()
        .is_some_and(|zeros| zeros < shift);
    let mantissa = top | u64::from(below_nonzero);
    let result = scale_up(mantissa as f64, shift)?;
    Some(if value.sign() == Sign::Minus {
        -result
    } else {
        result
    })
}

/// `x * 2**shift` for `shift >= 0`, or `None` if it overflows.
fn scale_up(x: f64, shift: u64) -> Option<f64> {
    if shift > 2100 {
        return if x == 0.0 { Some(x) } else { None };
    }
    let mut result = x;
    let mut left = shift as i32;
    while left > 0 {
        let step = left.min(1000);
        result *= pow2(step);
        left -= step;
    }
    result.is_finite().then_some(result)
}

/// `2.0**e` for `-1022 <= e <= 1023`, exactly.
fn pow2(e: i32) -> f64 {
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// `x * 2**e` when the result is exactly representable (or overflows to infinity): `x` an
/// integer below 2**54 and `e >= -1074`.
fn scale_exact(x: f64, e: i64) -> f64 {
    if e > 1023 {
        // Only reachable with a value that overflows anyway.
        return x * pow2(1023) * pow2((e - 1023).min(1023) as i32);
    }
    if e >= -1022 {
        return x * pow2(e as i32);
    }
    // Two steps, the first staying in the normal range, the second exact by assumption.
    x * pow2((e + 200) as i32) * pow2(-200)
}

/// `a / b` for two `int`s: CPython's `long_true_divide`, correctly rounded; `None` for a zero
/// divisor or a quotient too large for a `float`.
pub(super) fn int_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    if b.is_zero() {
        return None;
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let sign = |x: f64| if negative { -x } else { x };
    let (na, nb) = (a.magnitude(), b.magnitude());
    if na.is_zero() {
        return Some(sign(0.0));
    }
    if na.bits() <= 53 && nb.bits() <= 53 {
        // Both exact as floats: one IEEE division rounds correctly.
        return Some(sign(na.to_u64()? as f64 / nb.to_u64()? as f64));
    }
    // k = floor(log2(a / b)).
    let diff = na.bits() as i64 - nb.bits() as i64;
    let at_least = if diff >= 0 {
        *na >= (nb << diff as u64)
    } else {
        (na << (-diff) as u64) >= *nb
    };
    let k = if at_least { diff } else { diff - 1 };
    if k >= 1024 {
        return None;
    }
    // The unit in the last place of the result: 2**(k-52) for a normal float, 2**-1074 for a
    // subnormal one. The quotient in those units, rounded half to even.
    let ulp = (k - 52).max(-1074);
    let (num, den) = if ulp <= 0 {
        (na << (-ulp) as u64, nb.clone())
    } else {
        (na.clone(), nb << ulp as u64)
    };
    let (mut q, r) = num.div_rem(&den);
    let twice = r << 1u32;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1u32;
    }
    let result = scale_exact(q.to_u64()? as f64, ulp);
    result.is_finite().then(|| sign(result))
}

/// `a // b` for two `int`s (floor division).
pub(super) fn int_floor_divide(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    (!b.is_zero()).then(|| a.div_floor(b))
}

/// `a % b` for two `int`s (the sign of the divisor).
pub(super) fn int_remainder(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    (!b.is_zero()).then(|| a.mod_floor(b))
}

/// `a ** b` for two `int`s with `b >= 0` (the caller bounds the result's size, as CPython's
/// `safe_power` does).
pub(super) fn int_power(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_zero() {
        return Some(BigInt::one());
    }
    if a.is_zero() || a.is_one() {
        return Some(a.clone());
    }
    if *a == BigInt::from(-1) {
        return Some(if b.is_odd() { a.clone() } else { BigInt::one() });
    }
    let exponent = b.to_u32()?;
    Some(num_traits::pow(a.clone(), exponent as usize))
}

/// `a << b` for two `int`s (the caller bounds the result's size, as CPython's `safe_lshift`).
pub(super) fn int_lshift(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_negative() {
        return None;
    }
    if a.is_zero() {
        return Some(BigInt::zero());
    }
    let shift = b.to_u64().filter(|&s| s <= 1 << 20)?;
    Some(a << shift)
}

/// `a >> b` for two `int`s: arithmetic shift, rounding toward minus infinity.
pub(super) fn int_rshift(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_negative() {
        return None;
    }
    match b.to_u64() {
        Some(shift) if shift < a.bits() + 1 => Some(floor_shift_right(a, shift)),
        // Shifted past every bit: CPython gives 0, or -1 for a negative number.
        _ => Some(if a.is_negative() {
            BigInt::from(-1)
        } else {
            BigInt::zero()
        }),
    }
}

/// `a >> shift` rounding toward minus infinity, whatever the big-integer library's convention.
fn floor_shift_right(a: &BigInt, shift: u64) -> BigInt {
    if a.is_negative() {
        // -((-a - 1) >> s) - 1 == floor(a / 2**s)
        let m: BigInt = -a - 1u32;
        -(m >> shift) - 1u32
    } else {
        a >> shift
    }
}

/// `float % float`: CPython's `float_rem`; `None` for a zero divisor.
pub(super) fn float_remainder(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    if m != 0.0 {
        // The remainder takes the sign of the divisor.
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    Some(m)
}

/// `float // float`: CPython's `float_floor_div` (through `_float_div_mod`); `None` for a zero
/// divisor.
pub(super) fn float_floor_divide(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 && (wx < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    Some(floordiv)
}

/// The result of `float ** float`: a float, or (for a negative base and a fractional
/// exponent) the complex power CPython switches to.
pub(super) enum FloatPower {
    Float(f64),
    Complex(Complex),
}

/// Whether `x` is an odd integer (CPython's `DOUBLE_IS_ODD_INTEGER`).
fn is_odd_integer(x: f64) -> bool {
    (x.abs() % 2.0) == 1.0
}

/// `float ** float`: CPython's `float_pow` with its special cases; `None` where it raises
/// (zero to a negative power, overflow).
pub(super) fn float_power(iv: f64, iw: f64) -> Option<FloatPower> {
    let float = |x: f64| Some(FloatPower::Float(x));
    if iw == 0.0 {
        return float(1.0);
    }
    if iv.is_nan() {
        return float(iv);
    }
    if iw.is_nan() {
        return float(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let base = iv.abs();
        return float(if base == 1.0 {
            1.0
        } else if (iw > 0.0) == (base > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return float(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return None;
        }
        return float(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            // A negative number to a fractional power is complex.
            return Complex::new(iv, 0.0)
                .pow(Complex::new(iw, 0.0))
                .map(FloatPower::Complex);
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return float(if negate { -1.0 } else { 1.0 });
    }
    let result = base.powf(iw);
    if result.is_infinite() {
        // ERANGE: OverflowError.
        return None;
    }
    float(if negate { -result } else { result })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> BigInt {
        text.parse().unwrap()
    }

    #[test]
    fn shifts_round_down() {
        assert_eq!(int_rshift(&big("-5"), &big("1")), Some(big("-3")));
        assert_eq!(int_rshift(&big("-1"), &big("100")), Some(big("-1")));
        assert_eq!(int_rshift(&big("5"), &big("1")), Some(big("2")));
    }

    #[test]
    fn true_division_rounds_correctly() {
        // 10**30 / 3 in CPython: 3.333333333333333e+29
        let q = int_true_divide(&big("1000000000000000000000000000000"), &big("3")).unwrap();
        assert_eq!(q, 3.333333333333333e+29);
        assert_eq!(
            int_true_divide(&big("0"), &big("-5")).unwrap().to_bits(),
            (-0.0f64).to_bits()
        );
        assert_eq!(int_to_f64(&(BigInt::one() << 1024u32)), None);
        assert_eq!(
            int_to_f64(&((BigInt::one() << 64u32) + 1u32)),
            Some(18446744073709551616.0)
        );
    }
}
