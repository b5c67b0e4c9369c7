//! Constant values as operands: conversions between the AST's [`ConstantValue`] and numbers,
//! truth values, Python's `==` between constants, and building constant tuples and frozensets.

use std::collections::HashMap;

use bumpalo::Bump;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};
use taipan_ast::{ConstantValue, Int, PyStr};

use super::number::{Complex, int_to_f64};

/// A numeric operand after CPython's coercions: `bool` is an `int`.
#[derive(Clone, Debug)]
pub(super) enum Number {
    Int(BigInt),
    Float(f64),
    Complex(Complex),
}

/// The number a constant is, if it is one (`bool`s are `int`s).
pub(super) fn as_number(value: &ConstantValue<'_>) -> Option<Number> {
    Some(match value {
        ConstantValue::True => Number::Int(BigInt::from(1)),
        ConstantValue::False => Number::Int(BigInt::zero()),
        ConstantValue::Int(int) => Number::Int(int_value(int)),
        ConstantValue::Float(x) => Number::Float(*x),
        ConstantValue::Complex { real, imag } => Number::Complex(Complex::new(*real, *imag)),
        _ => return None,
    })
}

/// The integer a constant is, if it is an `int` or a `bool`.
pub(super) fn as_int(value: &ConstantValue<'_>) -> Option<BigInt> {
    match as_number(value)? {
        Number::Int(n) => Some(n),
        _ => None,
    }
}

/// An AST integer as a big integer.
pub(super) fn int_value(int: &Int<'_>) -> BigInt {
    match int {
        Int::Small(n) => BigInt::from(*n),
        Int::Big(limbs) => BigInt::from_biguint(Sign::Plus, BigUint::from_slice(limbs)),
        Int::BigNeg(limbs) => BigInt::from_biguint(Sign::Minus, BigUint::from_slice(limbs)),
    }
}

/// A big integer as an AST integer: `Small` when it fits in an `i64`, else its limbs in the
/// arena.
pub(super) fn int_constant<'a>(arena: &'a Bump, value: &BigInt) -> ConstantValue<'a> {
    if let Some(small) = value.to_i64() {
        return ConstantValue::Int(Int::Small(small));
    }
    let limbs = arena.alloc_slice_copy(&value.magnitude().to_u32_digits());
    ConstantValue::Int(match value.sign() {
        Sign::Minus => Int::BigNeg(limbs),
        _ => Int::Big(limbs),
    })
}

/// A number as a constant.
pub(super) fn number_constant<'a>(arena: &'a Bump, number: &Number) -> ConstantValue<'a> {
    match number {
        Number::Int(n) => int_constant(arena, n),
        Number::Float(x) => ConstantValue::Float(*x),
        Number::Complex(c) => ConstantValue::Complex {
            real: c.re,
            imag: c.im,
        },
    }
}

/// `float(x)` of a real operand (CPython's `CONVERT_TO_DOUBLE`).
pub(super) fn to_float(number: &Number) -> Option<f64> {
    match number {
        Number::Int(n) => int_to_f64(n),
        Number::Float(x) => Some(*x),
        Number::Complex(_) => None,
    }
}

/// `complex(x)` of an operand (CPython's `TO_COMPLEX`: an `int` through `PyLong_AsDouble`).
pub(super) fn to_complex(number: &Number) -> Option<Complex> {
    match number {
        Number::Complex(c) => Some(*c),
        real => Some(Complex::new(to_float(real)?, 0.0)),
    }
}

/// `bool(value)`: CPython's `PyObject_IsTrue` for a constant.
pub(super) fn is_true(value: &ConstantValue<'_>) -> bool {
    match value {
        ConstantValue::None | ConstantValue::False => false,
        ConstantValue::True | ConstantValue::Ellipsis => true,
        ConstantValue::Int(Int::Small(n)) => *n != 0,
        ConstantValue::Int(Int::Big(_) | Int::BigNeg(_)) => true,
        // NaN is true: it is not equal to zero.
        ConstantValue::Float(x) => *x != 0.0,
        ConstantValue::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        ConstantValue::Str(s) => !s.is_empty(),
        ConstantValue::Bytes(b) => !b.is_empty(),
        ConstantValue::Tuple(items) | ConstantValue::FrozenSet(items) => !items.is_empty(),
    }
}

/// A `bool` as a constant.
pub(super) fn bool_constant<'a>(value: bool) -> ConstantValue<'a> {
    if value {
        ConstantValue::True
    } else {
        ConstantValue::False
    }
}

/// `a == b` for two constants, as Python compares them: numbers by exact value across `bool`,
/// `int`, `float` and `complex` (`1 == 1.0 == True`, `2**53 + 1 != 2.0**53`), strings and bytes
/// by content, tuples item by item, `None` and `Ellipsis` to themselves. NaN equals nothing
/// (CPython's identity shortcut only applies to one and the same object, which two constants
/// of a display never are).
pub(super) fn py_equal(a: &ConstantValue<'_>, b: &ConstantValue<'_>) -> bool {
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || py_equal_inner(a, b))
}

fn py_equal_inner(a: &ConstantValue<'_>, b: &ConstantValue<'_>) -> bool {
    match (a, b) {
        (ConstantValue::None, ConstantValue::None)
        | (ConstantValue::Ellipsis, ConstantValue::Ellipsis) => true,
        (ConstantValue::Str(x), ConstantValue::Str(y)) => x.as_bytes() == y.as_bytes(),
        (ConstantValue::Bytes(x), ConstantValue::Bytes(y)) => x == y,
        (ConstantValue::Tuple(x), ConstantValue::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| py_equal(p, q))
        }
        (ConstantValue::FrozenSet(x), ConstantValue::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| py_equal(p, q)))
        }
        _ => match (as_number(a), as_number(b)) {
            (Some(x), Some(y)) => numbers_equal(&x, &y),
            _ => false,
        },
    }
}

/// Exact numeric equality, as CPython's rich comparisons of `int`, `float` and `complex`.
fn numbers_equal(a: &Number, b: &Number) -> bool {
    match (a, b) {
        (Number::Complex(x), Number::Complex(y)) => x.re == y.re && x.im == y.im,
        (Number::Complex(c), real) | (real, Number::Complex(c)) => {
            c.im == 0.0 && numbers_equal(&Number::Float(c.re), real)
        }
        (Number::Int(x), Number::Int(y)) => x == y,
        (Number::Float(x), Number::Float(y)) => x == y,
        (Number::Int(n), Number::Float(x)) | (Number::Float(x), Number::Int(n)) => {
            float_equals_int(*x, n)
        }
    }
}

/// Whether a float is exactly an integer's value (no rounding, as CPython's `float_richcompare`).
fn float_equals_int(x: f64, n: &BigInt) -> bool {
    if !x.is_finite() || x.fract() != 0.0 {
        return false;
    }
    float_to_int(x).is_some_and(|value| &value == n)
}

/// The integer value of an integral, finite float.
fn float_to_int(x: f64) -> Option<BigInt> {
    if !x.is_finite() || x.fract() != 0.0 {
        return None;
    }
    let bits = x.abs().to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    if exponent == 0 {
        // Zero or subnormal: only zero is integral.
        return Some(BigInt::zero());
    }
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    let shift = exponent - 1075;
    let magnitude = if shift >= 0 {
        BigInt::from(mantissa) << shift as u64
    } else {
        BigInt::from(mantissa >> (-shift) as u64)
    };
    Some(if x < 0.0 { -magnitude } else { magnitude })
}

/// The items of a `frozenset` built from `items` in order (CPython's `PyFrozenSet_New` of a
/// tuple): an item equal to one already in is not added again, the first one stays.
pub(super) fn frozenset_items<'a>(
    arena: &'a Bump,
    items: &[ConstantValue<'a>],
) -> &'a [ConstantValue<'a>] {
    // Equal values hash alike, so only items of the same hash need comparing (the secret is
    // irrelevant to equality); values hashed by identity (`Ellipsis`, NaNs) share one bucket.
    let secret = taipan_hash::HashSecret::default();
    let mut buckets: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    let mut kept: Vec<ConstantValue<'a>> = Vec::with_capacity(items.len());
    for item in items {
        let bucket = buckets.entry(item.hash(&secret)).or_default();
        let seen = bucket
            .iter()
            .any(|&i| kept.get(i).is_some_and(|k| py_equal(k, item)));
        if !seen {
            bucket.push(kept.len());
            kept.push(*item);
        }
    }
    arena.alloc_slice_copy(&kept)
}

/// The code points of a string.
pub(super) fn code_points(s: PyStr<'_>) -> Vec<u32> {
    s.code_points().collect()
}

/// A string of code points, in the arena.
pub(super) fn str_from_code_points<'a>(
    arena: &'a Bump,
    code_points: impl IntoIterator<Item = u32>,
) -> PyStr<'a> {
    let mut bytes = Vec::new();
    for cp in code_points {
        taipan_ast::push_code_point(&mut bytes, cp);
    }
    str_from_bytes(arena, &bytes)
}

/// A string from surrogatepass UTF-8 bytes already known to be well formed, in the arena.
pub(super) fn str_from_bytes<'a>(arena: &'a Bump, bytes: &[u8]) -> PyStr<'a> {
    let stored = arena.alloc_slice_copy(bytes);
    PyStr::from_surrogatepass(stored).unwrap_or(PyStr::new(""))
}
