//! Operators applied to constants, as CPython 3.13's AST optimizer applies them: the unary
//! operators, the binary operators behind CPython's `safe_multiply`, `safe_power`,
//! `safe_lshift` and `safe_mod` guards (which refuse results that would be large or slow to
//! build), and subscripts. Every function returns `None` where CPython's operation raises or a
//! guard refuses: the expression then stays as it is.

use bumpalo::Bump;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use taipan_ast::{ConstantValue, Operator, UnaryOperator};

use super::number::{
    Complex, FloatPower, float_floor_divide, float_power, float_remainder, int_floor_divide,
    int_lshift, int_power, int_remainder, int_rshift, int_to_f64, int_true_divide,
};
use super::value::{
    Number, as_int, as_number, bool_constant, code_points, int_constant, is_true, number_constant,
    str_from_bytes, str_from_code_points, to_complex, to_float,
};

/// The largest `int` result, in bits, the optimizer builds by `*`, `**` or `<<`
/// (CPython's `MAX_INT_SIZE`).
const MAX_INT_SIZE: u64 = 128;
/// The longest tuple or frozenset repetition builds (`MAX_COLLECTION_SIZE`).
const MAX_COLLECTION_SIZE: i64 = 256;
/// The longest `str` or `bytes` repetition builds (`MAX_STR_SIZE`).
const MAX_STR_SIZE: i64 = 4096;
/// The most items, nested collections included, a repeated tuple may hold (`MAX_TOTAL_ITEMS`).
const MAX_TOTAL_ITEMS: i64 = 1024;

/// `op value`: CPython's `fold_unaryop` on a constant operand.
pub(super) fn unary<'a>(
    arena: &'a Bump,
    op: UnaryOperator,
    value: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    if op == UnaryOperator::Not {
        return Some(bool_constant(!is_true(value)));
    }
    let number = as_number(value)?;
    let result = match (op, number) {
        // `~True` is -2 (with a DeprecationWarning at run time, none here).
        (UnaryOperator::Invert, Number::Int(n)) => Number::Int(-n - 1),
        (UnaryOperator::Invert, _) => return None,
        // `+True` is the int 1.
        (UnaryOperator::UAdd, n) => n,
        (UnaryOperator::USub, Number::Int(n)) => Number::Int(-n),
        (UnaryOperator::USub, Number::Float(x)) => Number::Float(-x),
        (UnaryOperator::USub, Number::Complex(c)) => Number::Complex(Complex::new(-c.re, -c.im)),
        (UnaryOperator::Not, _) => return None,
    };
    Some(number_constant(arena, &result))
}

/// `left op right` for two constants: CPython's `fold_binop` after its `%`-format case.
pub(super) fn binary<'a>(
    arena: &'a Bump,
    op: Operator,
    left: &ConstantValue<'a>,
    right: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    match op {
        Operator::Add => add(arena, left, right),
        Operator::Mult => safe_multiply(arena, left, right),
        Operator::Pow => safe_power(arena, left, right),
        Operator::LShift => safe_lshift(arena, left, right),
        // `safe_mod`: never `%`-format a str or bytes (the result's size is unbounded).
        Operator::Mod if matches!(left, ConstantValue::Str(_) | ConstantValue::Bytes(_)) => None,
        // No constant implements `@`.
        Operator::MatMult => None,
        _ => numeric(arena, op, left, right),
    }
}

/// `left + right`: concatenation of two strs, bytes or tuples (without a size limit, as
/// CPython), or numeric addition.
fn add<'a>(
    arena: &'a Bump,
    left: &ConstantValue<'a>,
    right: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    match (left, right) {
        (ConstantValue::Str(a), ConstantValue::Str(b)) => {
            let joined = [a.as_bytes(), b.as_bytes()].concat();
            Some(ConstantValue::Str(str_from_bytes(arena, &joined)))
        }
        (ConstantValue::Bytes(a), ConstantValue::Bytes(b)) => {
            let joined = [*a, *b].concat();
            Some(ConstantValue::Bytes(arena.alloc_slice_copy(&joined)))
        }
        (ConstantValue::Tuple(a), ConstantValue::Tuple(b)) => {
            let joined = [*a, *b].concat();
            Some(ConstantValue::Tuple(arena.alloc_slice_copy(&joined)))
        }
        _ => numeric(arena, Operator::Add, left, right),
    }
}

/// CPython's `check_complexity`: `limit` less the number of items of `value`, tuples and
/// frozensets counted with all their nested items; negative once past the limit.
fn check_complexity(value: &ConstantValue<'_>, mut limit: i64) -> i64 {
    match value {
        ConstantValue::Tuple(items) | ConstantValue::FrozenSet(items) => {
            limit -= items.len() as i64;
            for item in items.iter() {
                if limit < 0 {
                    break;
                }
                limit =
                    stacker::maybe_grow(32 * 1024, 1024 * 1024, || check_complexity(item, limit));
            }
            limit
        }
        _ => limit,
    }
}

/// `PyLong_AsLong`: the value of an int that fits a C `long`; `-1` (CPython's error value,
/// which every caller then refuses as negative) when it does not.
fn as_c_long(n: &BigInt) -> i64 {
    n.to_i64().unwrap_or(-1)
}

/// CPython's `safe_multiply`: `int * int` only up to a 128-bit result, a sequence only
/// repeated up to its size limit.
fn safe_multiply<'a>(
    arena: &'a Bump,
    left: &ConstantValue<'a>,
    right: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    let (left_int, right_int) = (as_int(left), as_int(right));
    match (&left_int, right) {
        (Some(v), _) if right_int.is_some() => {
            let w = right_int.as_ref()?;
            if !v.is_zero() && !w.is_zero() && v.bits() + w.bits() > MAX_INT_SIZE {
                return None;
            }
        }
        (Some(v), ConstantValue::Tuple(items) | ConstantValue::FrozenSet(items)) => {
            let size = items.len() as i64;
            if size != 0 {
                let n = as_c_long(v);
                if n < 0 || n > MAX_COLLECTION_SIZE / size {
                    return None;
                }
                if n != 0 && check_complexity(right, MAX_TOTAL_ITEMS / n) < 0 {
                    return None;
                }
            }
        }
        (Some(v), ConstantValue::Str(_) | ConstantValue::Bytes(_)) => {
            let size = match right {
                ConstantValue::Str(s) => s.len() as i64,
                ConstantValue::Bytes(b) => b.len() as i64,
                _ => 0,
            };
            if size != 0 {
                let n = as_c_long(v);
                if n < 0 || n > MAX_STR_SIZE / size {
                    return None;
                }
            }
        }
        (None, _)
            if right_int.is_some()
                && matches!(
                    left,
                    ConstantValue::Tuple(_)
                        | ConstantValue::FrozenSet(_)
                        | ConstantValue::Str(_)
                        | ConstantValue::Bytes(_)
                ) =>
        {
            return safe_multiply(arena, right, left);
        }
        _ => {}
    }
    multiply(arena, left, right)
}

/// `left * right` once the guards passed: sequence repetition or numeric multiplication.
fn multiply<'a>(
    arena: &'a Bump,
    left: &ConstantValue<'a>,
    right: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    let is_sequence = |value: &ConstantValue<'_>| {
        matches!(
            value,
            ConstantValue::Str(_) | ConstantValue::Bytes(_) | ConstantValue::Tuple(_)
        )
    };
    let (sequence, count) = match (as_int(left), as_int(right)) {
        (Some(n), None) if is_sequence(right) => (right, n),
        (None, Some(n)) if is_sequence(left) => (left, n),
        _ => return numeric(arena, Operator::Mult, left, right),
    };
    // `PyNumber_AsSsize_t` raises OverflowError past a Py_ssize_t; a negative count is zero.
    let count = count.to_i64()?.max(0);
    let repeat = |len: usize| -> Option<usize> {
        if len == 0 {
            Some(0)
        } else {
            usize::try_from(count).ok()
        }
    };
    Some(match sequence {
        ConstantValue::Str(s) => {
            let times = repeat(s.as_bytes().len())?;
            ConstantValue::Str(str_from_bytes(arena, &s.as_bytes().repeat(times)))
        }
        ConstantValue::Bytes(b) => {
            let times = repeat(b.len())?;
            ConstantValue::Bytes(arena.alloc_slice_copy(&b.repeat(times)))
        }
        ConstantValue::Tuple(items) => {
            let times = repeat(items.len())?;
            ConstantValue::Tuple(arena.alloc_slice_copy(&items.repeat(times)))
        }
        _ => return None,
    })
}

/// CPython's `safe_power`: `int ** int` only when the result stays within 128 bits.
fn safe_power<'a>(
    arena: &'a Bump,
    left: &ConstantValue<'a>,
    right: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    if let (Some(v), Some(w)) = (as_int(left), as_int(right))
        && !v.is_zero()
        && w.is_positive()
    {
        let wbits = w.to_u64()?;
        if v.bits() > MAX_INT_SIZE / wbits {
            return None;
        }
    }
    numeric(arena, Operator::Pow, left, right)
}

/// CPython's `safe_lshift`: `int << int` only when the result stays within 128 bits.
fn safe_lshift<'a>(
    arena: &'a Bump,
    left: &ConstantValue<'a>,
    right: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    if let (Some(v), Some(w)) = (as_int(left), as_int(right))
        && !v.is_zero()
        && !w.is_zero()
    {
        // `PyLong_AsSize_t` refuses a negative count.
        let wbits = w.to_u64()?;
        if wbits > MAX_INT_SIZE || v.bits() > MAX_INT_SIZE - wbits {
            return None;
        }
    }
    numeric(arena, Operator::LShift, left, right)
}

/// A binary operator on two numbers, after Python's coercions: `bool` op `bool` for `&`, `|`,
/// `^` stays a `bool`; otherwise `int` op `int` is an `int` (a `float` for `/` and for a
/// negative power), anything with a `complex` is computed in `complex`, anything else with a
/// `float` in `float`.
fn numeric<'a>(
    arena: &'a Bump,
    op: Operator,
    left: &ConstantValue<'a>,
    right: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    if let (Some(a), Some(b)) = (as_bool(left), as_bool(right)) {
        match op {
            Operator::BitAnd => return Some(bool_constant(a & b)),
            Operator::BitOr => return Some(bool_constant(a | b)),
            Operator::BitXor => return Some(bool_constant(a ^ b)),
            _ => {}
        }
    }
    let (a, b) = (as_number(left)?, as_number(right)?);
    let result = match (&a, &b) {
        (Number::Int(x), Number::Int(y)) => int_operator(op, x, y)?,
        (Number::Complex(_), _) | (_, Number::Complex(_)) => {
            Number::Complex(complex_operator(op, to_complex(&a)?, to_complex(&b)?)?)
        }
        _ => float_operator(op, to_float(&a)?, to_float(&b)?)?,
    };
    Some(number_constant(arena, &result))
}

fn as_bool(value: &ConstantValue<'_>) -> Option<bool> {
    match value {
        ConstantValue::True => Some(true),
        ConstantValue::False => Some(false),
        _ => None,
    }
}

/// `int op int` (`Objects/longobject.c`).
fn int_operator(op: Operator, x: &BigInt, y: &BigInt) -> Option<Number> {
    Some(Number::Int(match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div => return Some(Number::Float(int_true_divide(x, y)?)),
        Operator::FloorDiv => int_floor_divide(x, y)?,
        Operator::Mod => int_remainder(x, y)?,
        Operator::Pow if y.is_negative() => {
            // `long_pow` hands a negative exponent to `float_pow`.
            return float_operator(op, int_to_f64(x)?, int_to_f64(y)?);
        }
        Operator::Pow => int_power(x, y)?,
        Operator::LShift => int_lshift(x, y)?,
        Operator::RShift => int_rshift(x, y)?,
        Operator::BitOr => x | y,
        Operator::BitXor => x ^ y,
        Operator::BitAnd => x & y,
        Operator::MatMult => return None,
    }))
}

/// `float op float` (`Objects/floatobject.c`); `**` may turn complex.
fn float_operator(op: Operator, x: f64, y: f64) -> Option<Number> {
    Some(Number::Float(match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div if y == 0.0 => return None,
        Operator::Div => x / y,
        Operator::FloorDiv => float_floor_divide(x, y)?,
        Operator::Mod => float_remainder(x, y)?,
        Operator::Pow => match float_power(x, y)? {
            FloatPower::Float(f) => f,
            FloatPower::Complex(c) => return Some(Number::Complex(c)),
        },
        _ => return None,
    }))
}

/// `complex op complex` (`Objects/complexobject.c` of 3.13: no `//` or `%`).
fn complex_operator(op: Operator, x: Complex, y: Complex) -> Option<Complex> {
    match op {
        Operator::Add => Some(x.add(y)),
        Operator::Sub => Some(x.sub(y)),
        Operator::Mult => Some(x.mul(y)),
        Operator::Div => x.div(y),
        Operator::Pow => x.pow(y),
        _ => None,
    }
}

/// `value[index]` for two constants: CPython's `fold_subscr` (`PyObject_GetItem`). Only
/// an `int` (or `bool`) index into a str, bytes or tuple can succeed.
pub(super) fn subscript<'a>(
    arena: &'a Bump,
    value: &ConstantValue<'a>,
    index: &ConstantValue<'a>,
) -> Option<ConstantValue<'a>> {
    if !matches!(
        value,
        ConstantValue::Str(_) | ConstantValue::Bytes(_) | ConstantValue::Tuple(_)
    ) {
        return None;
    }
    // An index beyond a Py_ssize_t is an IndexError.
    let index = as_int(index)?.to_i64()?;
    let position = |len: usize| -> Option<usize> {
        let len = len as i64;
        let i = if index < 0 { index + len } else { index };
        (0..len).contains(&i).then_some(i as usize)
    };
    match value {
        ConstantValue::Str(s) => {
            let cps = code_points(*s);
            let cp = *cps.get(position(cps.len())?)?;
            Some(ConstantValue::Str(str_from_code_points(arena, [cp])))
        }
        ConstantValue::Bytes(b) => {
            let byte = *b.get(position(b.len())?)?;
            Some(int_constant(arena, &BigInt::from(byte)))
        }
        ConstantValue::Tuple(items) => items.get(position(items.len())?).copied(),
        _ => None,
    }
}
