//! `float`: IEEE doubles with CPython's division, modulo, power and comparison rules.

use std::cmp::Ordering;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::int::{IntRef, as_int};
use crate::objects::{method, staticmethod};
use crate::ops::{BinOp, CompareOp};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// The value of a `float` (subclasses included).
pub fn as_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(x) => Some(x.get()),
        Value::Obj(o) => match o.payload() {
            Payload::Float(x) => Some(*x),
            _ => None,
        },
        _ => None,
    }
}

/// A float operand from a float or an int (for mixed arithmetic).
fn as_float_or_int(vm: &Vm, v: &Value) -> Option<PyResult<f64>> {
    if let Some(x) = as_float(v) {
        return Some(Ok(x));
    }
    as_int(v).map(|i| crate::objects::int::int_to_f64(vm, i))
}

/// Exact comparison of an int with a float (CPython compares without rounding the int).
pub fn compare_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if i.unsigned_abs() <= (1 << 53) {
        // Exactly representable: a float comparison is exact.
        return (i as f64).partial_cmp(&f);
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    // `as i128` saturates, which keeps the order for floats beyond the i64 range.
    let whole = f.trunc();
    match (i as i128).cmp(&(whole as i128)) {
        Ordering::Equal => (0.0).partial_cmp(&(f - whole)),
        o => Some(o),
    }
}

pub fn int_float_eq(i: i64, f: f64) -> bool {
    compare_int_float(i, f) == Some(Ordering::Equal)
}

fn compare_big_float(b: &num_bigint::BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fi = f.trunc();
    let fb = crate::objects::int::f64_to_big(fi);
    match b.cmp(&fb) {
        Ordering::Equal => {
            let frac = f - fi;
            Some(if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            })
        }
        o => Some(o),
    }
}

/// `x ** y` for floats, with CPython's special cases and errors.
pub fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult {
    if x == 0.0 && y < 0.0 {
        return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
        // A negative base to a fractional power is complex.
        return crate::objects::complex::complex_pow(vm, (x, 0.0), (y, 0.0));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        // CPython raises the C library's ERANGE as `OverflowError(34, '<strerror>')`: two
        // arguments, so `e.args` is the pair and `str(e)` shows the tuple.
        let args = vec![Value::Int(34), vm.new_str("Numerical result out of range")];
        let class = vm.exc.overflow_error.clone();
        return Err(crate::error::PyErr::new(vm.new_exception(&class, args)));
    }
    Ok(Value::float(r))
}

/// Python's float `%`.
pub fn float_mod(x: f64, y: f64) -> f64 {
    let mut m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    m
}

/// Python's float `//` (CPython's `float_floor_div` via divmod).
pub fn float_floordiv(x: f64, y: f64) -> f64 {
    let m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let fl = div.floor();
        if div - fl > 0.5 { fl + 1.0 } else { fl }
    } else {
        0.0f64.copysign(x / y)
    }
}

/// A binary operator on two floats; `None` for operators floats do not have.
/// A NaN that is a new object. Floats are immediates, so a float's identity is its bits; a
/// NaN's 51 payload bits give each NaN that CPython would allocate afresh (`float('nan')`,
/// `inf - inf`) bits of its own: `float('nan') is float('nan')` is False and
/// `len({float('nan'), float('nan')}) == 2`, while one NaN still `is` itself (`x in [x]`).
/// The payload never shows: repr, hashing by identity and packing to bytes ignore it
/// ([`canonical_nan_bits`]).
pub fn fresh_nan(negative: bool) -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let payload = NEXT.fetch_add(1, AtomicOrdering::Relaxed) & 0x0007_FFFF_FFFF_FFFF;
    // Payload 0 is the machine's default NaN (what arithmetic makes); skip it.
    let payload = if payload == 0 { 1 } else { payload };
    let sign = if negative { 1u64 << 63 } else { 0 };
    f64::from_bits(sign | 0x7FF8_0000_0000_0000 | payload)
}

/// The bits CPython stores for a float: NaNs without Taipan's identity payload.
pub fn canonical_nan_bits(x: f64) -> f64 {
    if x.is_nan() {
        if x.is_sign_negative() {
            -f64::NAN
        } else {
            f64::NAN
        }
    } else {
        x
    }
}

/// Arithmetic's result as a new float: a NaN result gets its own identity (see
/// [`fresh_nan`]), as every result is a new object in CPython.
fn new_float(r: f64, _x: f64, _y: f64) -> Value {
    if r.is_nan() {
        Value::float(fresh_nan(r.is_sign_negative()))
    } else {
        Value::float(r)
    }
}

pub fn float_binop(vm: &mut Vm, x: f64, y: f64, op: BinOp) -> Option<PyResult> {
    Some(match op {
        BinOp::Add => Ok(new_float(x + y, x, y)),
        BinOp::Sub => Ok(new_float(x - y, x, y)),
        BinOp::Mul => Ok(new_float(x * y, x, y)),
        BinOp::TrueDiv => {
            if y == 0.0 {
                Err(vm.zero_division("float division by zero"))
            } else {
                Ok(new_float(x / y, x, y))
            }
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                Err(vm.zero_division("float floor division by zero"))
            } else {
                Ok(Value::float(float_floordiv(x, y)))
            }
        }
        BinOp::Mod => {
            if y == 0.0 {
                Err(vm.zero_division("float modulo by zero"))
            } else {
                Ok(Value::float(float_mod(x, y)))
            }
        }
        BinOp::Pow => float_pow(vm, x, y),
        _ => return None,
    })
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.float.clone();
    staticmethod(vm, &t, "__new__", float_new);
    method(vm, &t, "__repr__", float_repr);
    crate::objects::classmethod(vm, &t, "__getformat__", |vm, a| {
        let (_cls, rest) = argparse::method_args(vm, &a, "__getformat__", 1, 1)?;
        let kind = argparse::str_arg(vm, &rest[0], "__getformat__() argument")?;
        match kind.as_str() {
            "double" | "float" => Ok(vm.new_str("IEEE, little-endian")),
            _ => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
        }
    });
    method(vm, &t, "__hash__", float_hash);
    method(vm, &t, "__bool__", |vm, a| {
        unary(vm, a, |_, x| Ok(Value::bool(x != 0.0)))
    });
    method(vm, &t, "__float__", |vm, a| {
        unary(vm, a, |_, x| Ok(Value::float(x)))
    });
    method(vm, &t, "__int__", |vm, a| {
        unary(vm, a, |vm, x| crate::objects::int::float_to_int(vm, x))
    });
    method(vm, &t, "__trunc__", |vm, a| {
        unary(vm, a, |vm, x| crate::objects::int::float_to_int(vm, x))
    });
    method(vm, &t, "__floor__", |vm, a| {
        unary(vm, a, |vm, x| {
            crate::objects::int::float_to_int(vm, x.floor())
        })
    });
    method(vm, &t, "__ceil__", |vm, a| {
        unary(vm, a, |vm, x| {
            crate::objects::int::float_to_int(vm, x.ceil())
        })
    });
    method(vm, &t, "__neg__", |vm, a| {
        unary(vm, a, |_, x| Ok(Value::float(-x)))
    });
    method(vm, &t, "__pos__", |vm, a| {
        unary(vm, a, |_, x| Ok(Value::float(x)))
    });
    method(vm, &t, "__abs__", |vm, a| {
        unary(vm, a, |_, x| Ok(Value::float(x.abs())))
    });
    method(vm, &t, "conjugate", |vm, a| {
        unary(vm, a, |_, x| Ok(Value::float(x)))
    });
    method(vm, &t, "is_integer", |vm, a| {
        unary(vm, a, |_, x| {
            Ok(Value::bool(x.is_finite() && x.fract() == 0.0))
        })
    });
    method(vm, &t, "as_integer_ratio", float_as_integer_ratio);
    method(vm, &t, "hex", float_hex);
    crate::objects::classmethod(vm, &t, "fromhex", float_fromhex);
    method(vm, &t, "__round__", float_round);
    method(vm, &t, "__format__", float_format);
    method(vm, &t, "__getnewargs__", |vm, a| {
        unary(vm, a, |vm, x| Ok(vm.new_tuple(vec![Value::float(x)])))
    });
    macro_rules! binops {
        ($($name:literal, $rname:literal => $op:ident;)*) => {
            $(
                method(vm, &t, $name, |vm, args| float_binop_method(vm, args, BinOp::$op, false));
                method(vm, &t, $rname, |vm, args| float_binop_method(vm, args, BinOp::$op, true));
            )*
        };
    }
    binops! {
        "__add__", "__radd__" => Add;
        "__sub__", "__rsub__" => Sub;
        "__mul__", "__rmul__" => Mul;
        "__truediv__", "__rtruediv__" => TrueDiv;
        "__floordiv__", "__rfloordiv__" => FloorDiv;
        "__mod__", "__rmod__" => Mod;
    }
    method(vm, &t, "__pow__", |vm, args| {
        float_pow_method(vm, args, false)
    });
    method(vm, &t, "__rpow__", |vm, args| {
        float_pow_method(vm, args, true)
    });
    method(vm, &t, "__divmod__", |vm, args| {
        float_divmod(vm, args, false)
    });
    method(vm, &t, "__rdivmod__", |vm, args| {
        float_divmod(vm, args, true)
    });
    crate::objects::comparison_methods!(vm, &t, |vm, a, op| float_compare(vm, a, op));
}

fn this_float(vm: &Vm, args: &Args<'_>) -> PyResult<f64> {
    args.values
        .first()
        .and_then(as_float)
        .ok_or_else(|| vm.type_error("descriptor requires a 'float' object"))
}

fn unary(vm: &mut Vm, args: Args<'_>, f: fn(&mut Vm, f64) -> PyResult) -> PyResult {
    let x = this_float(vm, &args)?;
    f(vm, x)
}

fn float_binop_method(vm: &mut Vm, args: Args<'_>, op: BinOp, reflected: bool) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, op.symbol(), 1, 1)?;
    let Some(a) = as_float(this) else {
        return Ok(vm.not_implemented.clone());
    };
    let b = match as_float_or_int(vm, &rest[0]) {
        Some(b) => b?,
        None => return Ok(vm.not_implemented.clone()),
    };
    let (x, y) = if reflected { (b, a) } else { (a, b) };
    float_binop(vm, x, y, op).unwrap_or_else(|| Ok(vm.not_implemented.clone()))
}

fn float_pow_method(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__pow__", 1, 2)?;
    if rest.get(1).is_some_and(|m| !m.is_none()) {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    let Some(a) = as_float(this) else {
        return Ok(vm.not_implemented.clone());
    };
    let b = match as_float_or_int(vm, &rest[0]) {
        Some(b) => b?,
        None => return Ok(vm.not_implemented.clone()),
    };
    let (x, y) = if reflected { (b, a) } else { (a, b) };
    float_pow(vm, x, y)
}

fn float_divmod(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__divmod__", 1, 1)?;
    let Some(a) = as_float(this) else {
        return Ok(vm.not_implemented.clone());
    };
    let b = match as_float_or_int(vm, &rest[0]) {
        Some(b) => b?,
        None => return Ok(vm.not_implemented.clone()),
    };
    let (x, y) = if reflected { (b, a) } else { (a, b) };
    if y == 0.0 {
        return Err(vm.zero_division("float divmod()"));
    }
    Ok(vm.new_tuple(vec![
        Value::float(float_floordiv(x, y)),
        Value::float(float_mod(x, y)),
    ]))
}

fn float_compare(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__eq__", 1, 1)?;
    let Some(a) = as_float(this) else {
        return Ok(vm.not_implemented.clone());
    };
    let other = &rest[0];
    let ord = if let Some(b) = as_float(other) {
        a.partial_cmp(&b)
    } else if let Some(i) = as_int(other) {
        match i {
            IntRef::Small(i) => compare_int_float(i, a).map(Ordering::reverse),
            IntRef::Big(b) => compare_big_float(b, a).map(Ordering::reverse),
        }
    } else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(Value::bool(match ord {
        Some(o) => op.test(o),
        None => op == CompareOp::Ne,
    }))
}

fn float_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    let Some(Value::Obj(cls)) = pos.first() else {
        return Err(vm.type_error("float.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    if args.has_keywords() {
        return Err(vm.type_error("float() takes no keyword arguments"));
    }
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "float expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    let x = match pos.get(1) {
        None => 0.0,
        Some(v) => float_from_value(vm, v)?,
    };
    if cls.is(&vm.types.float) {
        return Ok(Value::float(x));
    }
    Ok(Value::Obj(Obj::with_dict(
        cls.clone(),
        Some(vm.new_dict()),
        Payload::Float(x),
    )))
}

/// `float(v)`.
pub fn float_from_value(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(x) = as_float(v) {
        return Ok(x);
    }
    if v.as_str_obj().is_some()
        || matches!(v.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_)))
    {
        // Each `float('nan')` is a new object (see `fresh_nan`).
        let x = parse_float(vm, "", v)?;
        return Ok(if x.is_nan() {
            fresh_nan(x.is_sign_negative())
        } else {
            x
        });
    }
    let name = vm.names.__float__.clone();
    if let Some(r) = vm.call_special(v, &name, &[])? {
        return match as_float(&r) {
            Some(x) => Ok(x),
            None => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(v),
                vm.type_name(&r)
            ))),
        };
    }
    if let Some(i) = as_int(v) {
        return crate::objects::int::int_to_f64(vm, i);
    }
    let name = vm.names.__index__.clone();
    if let Some(r) = vm.call_special(v, &name, &[])?
        && let Some(i) = as_int(&r)
    {
        return crate::objects::int::int_to_f64(vm, i);
    }
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(v)
    )))
}

/// Parse as `float(str)` / `float(bytes)`: `taipan-text`'s exact parser (CPython's grammar,
/// digits of any script, correctly rounded).
pub fn parse_float(vm: &Vm, text: &str, original: &Value) -> PyResult<f64> {
    let parsed = match original.payload() {
        Some(Payload::Bytes(b)) => taipan_text::parse_float_bytes(b),
        Some(Payload::ByteArray(b)) => {
            taipan_text::parse_float_bytes(&b.borrow()).map_err(|mut e| {
                if let Some(at) = e.message.find(": b") {
                    let (head, tail) = e.message.split_at(at + 2);
                    e.message = format!("{head}bytearray({tail})");
                }
                e
            })
        }
        _ if let Some(s) = original.as_str_obj() => match s.as_str() {
            Some(t) => taipan_text::parse_float(t),
            None => Err(taipan_text::TextError::value(format!(
                "could not convert string to float: {}",
                crate::objects::str::repr_text(s)
            ))),
        },
        _ => taipan_text::parse_float(text),
    };
    parsed.map_err(|e| vm.text_error(e))
}

fn float_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let x = this_float(vm, &args)?;
    Ok(vm.new_string(taipan_text::float_repr(x)))
}

fn float_hash(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let x = this_float(vm, &args)?;
    let h = match taipan_hash::hash_float(x) {
        Some(h) => h,
        None => match args.values.first() {
            // NaN hashes by identity, as CPython.
            Some(Value::Obj(o)) => (o.id() >> 4) as i64,
            _ => (x.to_bits() >> 4) as i64 & i64::MAX,
        },
    };
    Ok(Value::Int(h))
}

fn float_as_integer_ratio(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let x = this_float(vm, &args)?;
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let (mut mant, mut exp) = frexp(x);
    for _ in 0..300 {
        if mant == mant.floor() {
            break;
        }
        mant *= 2.0;
        exp -= 1;
    }
    let mut num = crate::objects::int::f64_to_big(mant);
    let mut den = num_bigint::BigInt::from(1);
    if exp > 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    let n = Value::from_bigint(num, &vm.types.int);
    let d = Value::from_bigint(den, &vm.types.int);
    Ok(vm.new_pair(n, d))
}

/// (mantissa in [0.5, 1), exponent) with x = m * 2**e.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let mut e = 0;
    let mut m = x;
    while m.abs() >= 1.0 {
        m /= 2.0;
        e += 1;
    }
    while m.abs() < 0.5 {
        m *= 2.0;
        e -= 1;
    }
    (m, e)
}

fn float_hex(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let x = this_float(vm, &args)?;
    Ok(vm.new_string(crate::format::float_hex(x)))
}

fn float_fromhex(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (cls, rest) = argparse::method_args(vm, &args, "fromhex", 1, 1)?;
    let s = argparse::str_arg(vm, &rest[0], "fromhex() argument")?;
    let x = crate::format::float_fromhex(vm, &s)?;
    if cls.is(&Value::Obj(vm.types.float.clone())) {
        return Ok(Value::float(x));
    }
    vm.call1(cls, Value::float(x))
}

fn float_round(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__round__", 0, 1)?;
    let x = as_float(this).unwrap_or(0.0);
    match rest.first() {
        None | Some(Value::None) => {
            let r = x.round_ties_even();
            crate::objects::int::float_to_int(vm, r)
        }
        Some(n) => {
            let nd = argparse::index_i64(vm, n)?;
            Ok(Value::float(crate::format::round_float(vm, x, nd)?))
        }
    }
}

fn float_format(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__format__", 1, 1)?;
    let spec = argparse::str_arg(vm, &rest[0], "format spec")?;
    let x = as_float(this).unwrap_or(0.0);
    crate::format::format_float(vm, x, &spec)
}
