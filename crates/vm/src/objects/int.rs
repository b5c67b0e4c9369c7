//! `int` (and the arithmetic fast paths of the evaluation loop): 64-bit values inline, bigger
//! ones as `BigInt`, with CPython's results for `//`, `%`, `**`, shifts and true division.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::{classmethod, method, staticmethod};
use crate::ops::BinOp;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// An integer operand: inline, or a reference to a big one.
#[derive(Clone, Copy)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    pub fn to_big(self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        }
    }

    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(i) => i == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }
}

/// The integer value of an `int` or `bool` (subclasses included); `None` for anything else.
pub fn as_int(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(b) => Some(IntRef::Small(b.get() as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::Int(b) => Some(match b.to_i64() {
                Some(i) => IntRef::Small(i),
                None => IntRef::Big(b),
            }),
            _ => None,
        },
        _ => None,
    }
}

pub fn to_bigint(v: &Value) -> Option<BigInt> {
    as_int(v).map(IntRef::to_big)
}

/// `operator.index(v)` as a big integer.
pub fn index_value(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(i) = to_bigint(v) {
        return Ok(i);
    }
    let name = vm.names.__index__.clone();
    match vm.call_special(v, &name, &[])? {
        Some(r) => match to_bigint(&r) {
            Some(i) => Ok(i),
            None => Err(vm.type_error(format!(
                "__index__ returned non-int (type {})",
                vm.type_name(&r)
            ))),
        },
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// `hash()` of an int value.
pub fn hash_value(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let _ = vm;
    Ok(match as_int(v) {
        Some(IntRef::Small(i)) => taipan_hash::hash_int(i),
        Some(IntRef::Big(b)) => hash_big(b),
        None => 0,
    })
}

pub fn hash_big(b: &BigInt) -> i64 {
    let (sign, limbs) = b.to_u32_digits();
    taipan_hash::hash_big_int(sign == Sign::Minus, &limbs)
}

/// The loop's fast path: exact ints and floats (and bools as ints in arithmetic).
#[inline]
pub fn fast_binary(vm: &mut Vm, a: &Value, b: &Value, op: BinOp) -> Option<PyResult> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => small_binop(vm, *x, *y, op),
        (Value::Float(x), Value::Float(y)) => {
            crate::objects::float::float_binop(vm, x.get(), y.get(), op)
        }
        (Value::Int(x), Value::Float(y)) => {
            crate::objects::float::float_binop(vm, *x as f64, y.get(), op)
        }
        (Value::Float(x), Value::Int(y)) => {
            crate::objects::float::float_binop(vm, x.get(), *y as f64, op)
        }
        _ => None,
    }
}

#[inline]
fn small_binop(vm: &mut Vm, x: i64, y: i64, op: BinOp) -> Option<PyResult> {
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        BinOp::FloorDiv if y != 0 => x.checked_div_euclid(y).map(|_| floor_div(x, y)),
        BinOp::Mod if y != 0 => x.checked_rem(y).map(|_| floor_mod(x, y)),
        BinOp::MatMul => return None,
        _ => None,
    };
    match r {
        Some(v) => Some(Ok(Value::Int(v))),
        None => Some(int_binop(vm, IntRef::Small(x), IntRef::Small(y), op)),
    }
}

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

fn floor_mod(x: i64, y: i64) -> i64 {
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

/// Any binary operator on two ints.
pub fn int_binop(vm: &mut Vm, a: IntRef<'_>, b: IntRef<'_>, op: BinOp) -> PyResult {
    let int_type = vm.types.int.clone();
    let big = |v: BigInt| Value::from_bigint(v, &int_type);
    match op {
        BinOp::Add => Ok(big(a.to_big() + b.to_big())),
        BinOp::Sub => Ok(big(a.to_big() - b.to_big())),
        BinOp::Mul => Ok(big(a.to_big() * b.to_big())),
        BinOp::And => Ok(big(a.to_big() & b.to_big())),
        BinOp::Or => Ok(big(a.to_big() | b.to_big())),
        BinOp::Xor => Ok(big(a.to_big() ^ b.to_big())),
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            Ok(big(a.to_big().div_floor(&b.to_big())))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            Ok(big(a.to_big().mod_floor(&b.to_big())))
        }
        BinOp::TrueDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            true_divide(vm, a, b).map(Value::float)
        }
        BinOp::Pow => int_pow(vm, a, b),
        BinOp::LShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            let Some(n) = b.to_big().to_u64().filter(|n| *n < (1 << 40)) else {
                return Err(vm.overflow_error("too many digits in integer"));
            };
            if let IntRef::Small(x) = a
                && n < 63
                && let Some(r) = x.checked_mul(1i64 << n)
            {
                return Ok(Value::Int(r));
            }
            if n > 8 * (1u64 << 33) {
                return Err(vm.memory_error());
            }
            Ok(big(a.to_big() << n as usize))
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = b.to_big().to_u64().unwrap_or(u64::MAX);
            if let IntRef::Small(x) = a {
                return Ok(Value::Int(if n >= 63 {
                    if x < 0 { -1 } else { 0 }
                } else {
                    x >> n
                }));
            }
            let a = a.to_big();
            if n > a.bits() {
                return Ok(Value::Int(if a.is_negative() { -1 } else { 0 }));
            }
            // Floor shift, as CPython's arithmetic right shift of two's complement.
            Ok(big(a.div_floor(&(BigInt::one() << n as usize))))
        }
        BinOp::MatMul => Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'")),
    }
}

fn int_pow(vm: &mut Vm, a: IntRef<'_>, b: IntRef<'_>) -> PyResult {
    if b.is_negative() {
        let x = int_to_f64(vm, a)?;
        let y = int_to_f64(vm, b)?;
        if x == 0.0 {
            return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
        }
        return crate::objects::float::float_pow(vm, x, y);
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b)
        && let Ok(y32) = u32::try_from(y)
        && let Some(r) = x.checked_pow(y32)
    {
        return Ok(Value::Int(r));
    }
    let base = a.to_big();
    let exp_big = b.to_big();
    // 0, 1 and -1 raised to any exponent (however large) are cheap.
    if base.is_zero() {
        return Ok(Value::Int(if exp_big.is_zero() { 1 } else { 0 }));
    }
    if base.is_one() {
        return Ok(Value::Int(1));
    }
    if base == BigInt::from(-1) {
        return Ok(Value::Int(if exp_big.is_even() { 1 } else { -1 }));
    }
    let Some(exp) = exp_big.to_u64() else {
        return Err(vm.memory_error());
    };
    // Refuse results that could not be stored (CPython would raise MemoryError after trying).
    if (base.bits() as u128) * (exp as u128) > (1u128 << 36) {
        return Err(vm.memory_error());
    }
    let r = num_traits::pow::Pow::pow(base, exp);
    Ok(Value::from_bigint(r, &vm.types.int))
}

/// `int → float`, correctly rounded, or CPython's `OverflowError`.
pub fn int_to_f64(vm: &Vm, a: IntRef<'_>) -> PyResult<f64> {
    match a {
        IntRef::Small(i) => Ok(i as f64),
        IntRef::Big(b) => {
            big_to_f64(b).ok_or_else(|| vm.overflow_error("int too large to convert to float"))
        }
    }
}

/// A big integer to the nearest double (ties to even), `None` when it overflows.
pub fn big_to_f64(b: &BigInt) -> Option<f64> {
    let bits = b.bits();
    if bits <= 63 {
        return b.to_i64().map(|i| i as f64);
    }
    let mag = b.magnitude();
    // Keep 55 top bits and a sticky bit ("round to odd"), then let the f64 conversion round.
    let shift = bits - 55;
    let top = (mag >> shift as usize).to_u64().unwrap_or(0);
    let sticky = mag.trailing_zeros().is_some_and(|z| z < shift);
    let top = if sticky { top | 1 } else { top };
    let x = (top as f64) * 2f64.powi(shift as i32);
    if x.is_infinite() || shift > 2000 {
        return None;
    }
    Some(if b.is_negative() { -x } else { x })
}

/// `a / b` for ints, correctly rounded (CPython's long true division).
fn true_divide(vm: &Vm, a: IntRef<'_>, b: IntRef<'_>) -> PyResult<f64> {
    const EXACT: i64 = 1 << 53;
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b)
        && x.abs() <= EXACT
        && y.abs() <= EXACT
    {
        return Ok(x as f64 / y as f64);
    }
    let n = a.to_big();
    let d = b.to_big();
    let negative = n.is_negative() != d.is_negative();
    let n = n.magnitude().clone();
    let d = d.magnitude().clone();
    if n.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let e = n.bits() as i64 - d.bits() as i64;
    // Aim for a quotient of 55 or 56 bits.
    let shift = 55 - e;
    let (num, den) = if shift >= 0 {
        (n << shift as usize, d)
    } else {
        (n, d << (-shift) as usize)
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    let exp = -shift;
    if exp > 1100 {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    let x = if exp < -1100 {
        0.0
    } else {
        ldexp(q as f64, exp as i32)
    };
    if x.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(if negative { -x } else { x })
}

fn ldexp(x: f64, exp: i32) -> f64 {
    // Scale in steps so intermediate powers of two stay finite.
    let mut x = x;
    let mut e = exp;
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e)
}

/// The decimal text of an int, refusing more digits than `sys.get_int_max_str_digits()`.
pub fn int_to_decimal(vm: &Vm, v: IntRef<'_>) -> PyResult<String> {
    match v {
        IntRef::Small(i) => Ok(i.to_string()),
        IntRef::Big(b) => {
            let limit = vm.int_max_str_digits;
            // Cheap bound first: bits * log10(2).
            if limit > 0 && (b.bits() as f64) * std::f64::consts::LOG10_2 > limit as f64 + 1.0 {
                return Err(vm.value_error(format!(
                    "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
                )));
            }
            let s = b.to_string();
            let digits = s.trim_start_matches('-').len();
            if limit > 0 && digits > limit {
                return Err(vm.value_error(format!(
                    "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
                )));
            }
            Ok(s)
        }
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.int.clone();
    staticmethod(vm, &t, "__new__", int_new);
    method(vm, &t, "__repr__", int_repr);
    method(vm, &t, "__hash__", int_hash);
    method(vm, &t, "__bool__", int_bool);
    method(vm, &t, "__int__", int_int);
    method(vm, &t, "__index__", int_int);
    method(vm, &t, "__trunc__", int_int);
    method(vm, &t, "__floor__", int_int);
    method(vm, &t, "__ceil__", int_int);
    method(vm, &t, "__float__", int_float);
    method(vm, &t, "__round__", int_round);
    method(vm, &t, "__neg__", int_neg);
    method(vm, &t, "__pos__", int_int);
    method(vm, &t, "__abs__", int_abs);
    method(vm, &t, "__invert__", int_invert);
    method(vm, &t, "conjugate", int_int);
    method(vm, &t, "bit_length", int_bit_length);
    method(vm, &t, "bit_count", int_bit_count);
    method(vm, &t, "is_integer", int_is_integer);
    method(vm, &t, "as_integer_ratio", int_as_integer_ratio);
    method(vm, &t, "to_bytes", int_to_bytes);
    classmethod(vm, &t, "from_bytes", int_from_bytes);
    method(vm, &t, "__format__", int_format);
    method(vm, &t, "__getnewargs__", int_getnewargs);
    method(vm, &t, "__sizeof__", int_sizeof);
    macro_rules! binops {
        ($($name:literal, $rname:literal => $op:ident;)*) => {
            $(
                method(vm, &t, $name, |vm, args| int_binop_method(vm, args, BinOp::$op, false));
                method(vm, &t, $rname, |vm, args| int_binop_method(vm, args, BinOp::$op, true));
            )*
        };
    }
    binops! {
        "__add__", "__radd__" => Add;
        "__sub__", "__rsub__" => Sub;
        "__mul__", "__rmul__" => Mul;
        "__floordiv__", "__rfloordiv__" => FloorDiv;
        "__mod__", "__rmod__" => Mod;
        "__truediv__", "__rtruediv__" => TrueDiv;
        "__lshift__", "__rlshift__" => LShift;
        "__rshift__", "__rrshift__" => RShift;
        "__and__", "__rand__" => And;
        "__or__", "__ror__" => Or;
        "__xor__", "__rxor__" => Xor;
    }
    method(vm, &t, "__pow__", int_pow_method);
    method(vm, &t, "__rpow__", int_rpow_method);
    method(vm, &t, "__divmod__", |vm, args| int_divmod(vm, args, false));
    method(vm, &t, "__rdivmod__", |vm, args| int_divmod(vm, args, true));
    crate::objects::comparison_methods!(vm, &t, |vm, a, op| int_compare(vm, a, op));
}

fn this_int<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<IntRef<'a>> {
    match args.values.first().and_then(as_int) {
        Some(i) => Ok(i),
        None => Err(crate::objects::receiver_error(
            vm,
            "int",
            name,
            args.values.first(),
        )),
    }
}

fn int_binop_method(vm: &mut Vm, args: Args<'_>, op: BinOp, reflected: bool) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, op.symbol(), 1, 1)?;
    let (Some(a), Some(b)) = (as_int(this), as_int(&rest[0])) else {
        return Ok(vm.not_implemented.clone());
    };
    if reflected {
        int_binop(vm, b, a, op)
    } else {
        int_binop(vm, a, b, op)
    }
}

fn int_pow_method(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__pow__", 1, 2)?;
    let (Some(a), Some(b)) = (as_int(this), as_int(&rest[0])) else {
        return Ok(vm.not_implemented.clone());
    };
    match rest.get(1) {
        None | Some(Value::None) => int_pow(vm, a, b),
        Some(m) => match as_int(m) {
            Some(m) => pow_mod(vm, a, b, m),
            None => Ok(vm.not_implemented.clone()),
        },
    }
}

fn int_rpow_method(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__rpow__", 1, 2)?;
    let (Some(a), Some(b)) = (as_int(this), as_int(&rest[0])) else {
        return Ok(vm.not_implemented.clone());
    };
    int_pow(vm, b, a)
}

/// `pow(a, b, m)` for ints.
pub fn pow_mod(vm: &mut Vm, a: IntRef<'_>, b: IntRef<'_>, m: IntRef<'_>) -> PyResult {
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let m = m.to_big();
    let mut base = a.to_big();
    let mut exp = b.to_big();
    let neg_mod = m.is_negative();
    let mabs = m.abs();
    if exp.is_negative() {
        // Modular inverse.
        let g = base.mod_floor(&mabs).extended_gcd(&mabs);
        if !g.gcd.is_one() {
            return Err(vm.value_error("base is not invertible for the given modulus"));
        }
        base = g.x.mod_floor(&mabs);
        exp = -exp;
    }
    let mut r = base.mod_floor(&mabs).modpow(&exp, &mabs);
    if neg_mod && !r.is_zero() {
        r += &m;
    }
    Ok(Value::from_bigint(r, &vm.types.int))
}

fn int_divmod(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__divmod__", 1, 1)?;
    let (Some(a), Some(b)) = (as_int(this), as_int(&rest[0])) else {
        return Ok(vm.not_implemented.clone());
    };
    let (a, b) = if reflected { (b, a) } else { (a, b) };
    if b.is_zero() {
        return Err(vm.zero_division("integer division or modulo by zero"));
    }
    let q = int_binop(vm, a, b, BinOp::FloorDiv)?;
    let r = int_binop(vm, a, b, BinOp::Mod)?;
    Ok(vm.new_pair(q, r))
}

fn int_compare(vm: &mut Vm, args: Args<'_>, op: crate::ops::CompareOp) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__eq__", 1, 1)?;
    let Some(a) = as_int(this) else {
        return Ok(vm.not_implemented.clone());
    };
    let ord = match as_int(&rest[0]) {
        Some(b) => match (a, b) {
            (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
            _ => a.to_big().cmp(&b.to_big()),
        },
        None => return Ok(vm.not_implemented.clone()),
    };
    Ok(Value::bool(op.test(ord)))
}

fn int_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    let Some(Value::Obj(cls)) = pos.first() else {
        return Err(vm.type_error("int.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(vm, &rest, "int", &["x", "base"], 0)?;
    if rest.positional().is_empty() && argparse::kwarg(vm, &rest, "x").is_some() {
        return Err(vm.type_error("int() got an unexpected keyword argument 'x'"));
    }
    let value = match (&bound[0], &bound[1]) {
        (None, None) => Value::Int(0),
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
        (Some(x), None) => int_from_value(vm, x)?,
        (Some(x), Some(base)) => {
            let base = argparse::index_i64(vm, base)?;
            if base != 0 && !(2..=36).contains(&base) {
                return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            let text = match x.payload() {
                _ if let Some(s) = x.as_str_obj() => s.to_lossy().into_owned(),
                Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
                Some(Payload::ByteArray(b)) => String::from_utf8_lossy(&b.borrow()).into_owned(),
                _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
            };
            parse_int_literal(vm, &text, base as u32, x)?
        }
    };
    if cls.is(&vm.types.int) {
        return Ok(value);
    }
    let big = to_bigint(&value).unwrap_or_default();
    Ok(Value::Obj(Obj::with_dict(
        cls.clone(),
        Some(vm.new_dict()),
        Payload::Int(big),
    )))
}

/// `int(x)` for one argument.
pub fn int_from_value(vm: &mut Vm, x: &Value) -> PyResult {
    match x {
        Value::Int(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(b.get() as i64)),
        Value::Float(f) => return float_to_int(vm, f.get()),
        _ => {}
    }
    match x.payload() {
        _ if x.as_str_obj().is_some() => return parse_int_literal(vm, "", 10, x),
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
            return parse_int_literal(vm, "", 10, x);
        }
        Some(Payload::Int(b)) => return Ok(Value::from_bigint(b.clone(), &vm.types.int)),
        Some(Payload::Float(f)) => return float_to_int(vm, *f),
        _ => {}
    }
    for name in ["__int__", "__index__"] {
        let n = vm.intern(name);
        if let Some(r) = vm.call_special(x, &n, &[])? {
            return match to_bigint(&r) {
                Some(b) => Ok(Value::from_bigint(b, &vm.types.int)),
                None => Err(vm.type_error(format!(
                    "{name} returned non-int (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    }
    let n = vm.names.__trunc__.clone();
    if let Some(r) = vm.call_special(x, &n, &[])? {
        return match to_bigint(&r) {
            Some(b) => Ok(Value::from_bigint(b, &vm.types.int)),
            None => int_from_value(vm, &r),
        };
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// `int(f)` for a float: truncation, with CPython's errors for NaN and infinities.
pub fn float_to_int(vm: &Vm, f: f64) -> PyResult {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::from_bigint(f64_to_big(t), &vm.types.int))
}

/// An integral double as a big integer (exact).
pub fn f64_to_big(t: f64) -> BigInt {
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
    let mut b = BigInt::from(mant);
    if exp >= 0 {
        b <<= exp as usize;
    } else {
        b >>= (-exp) as usize;
    }
    if t < 0.0 { -b } else { b }
}

/// Parse an integer literal as `int(text, base)` does: `taipan-text`'s exact parser, with
/// the digit limit `sys.set_int_max_str_digits()` sets. `original` (a str, bytes or
/// bytearray) decides the flavour and the repr in the error.
pub fn parse_int_literal(vm: &Vm, text: &str, base: u32, original: &Value) -> PyResult {
    let limit = vm.int_max_str_digits;
    let parsed = match original.payload() {
        Some(Payload::Bytes(b)) => taipan_text::parse_int_bytes(b, base, limit),
        Some(Payload::ByteArray(b)) => {
            let data = b.borrow();
            taipan_text::parse_int_bytes(&data, base, limit).map_err(|mut e| {
                // CPython quotes a bytearray's repr as `bytearray(b'...')`.
                if let Some(at) = e.message.find(": b") {
                    let (head, tail) = e.message.split_at(at + 2);
                    e.message = format!("{head}bytearray({tail})");
                }
                e
            })
        }
        _ if let Some(s) = original.as_str_obj() => match s.as_str() {
            Some(t) => taipan_text::parse_int(t, base, limit),
            None => Err(taipan_text::TextError::value(format!(
                "invalid literal for int() with base {base}: {}",
                crate::objects::str::repr_text(s)
            ))),
        },
        _ => taipan_text::parse_int(text, base, limit),
    };
    match parsed {
        Ok(v) => Ok(Value::from_bigint(v, &vm.types.int)),
        Err(e) => Err(vm.text_error(e)),
    }
}

fn int_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__repr__")?;
    let s = int_to_decimal(vm, a)?;
    Ok(vm.new_string(s))
}

fn int_hash(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    Ok(Value::Int(hash_value(vm, &this)?))
}

fn int_bool(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__bool__")?;
    Ok(Value::bool(!a.is_zero()))
}

fn int_int(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__int__")?;
    Ok(match a {
        IntRef::Small(i) => Value::Int(i),
        IntRef::Big(b) => Value::from_bigint(b.clone(), &vm.types.int),
    })
}

fn int_float(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__float__")?;
    Ok(Value::float(int_to_f64(vm, a)?))
}

fn int_neg(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__neg__")?.to_big();
    Ok(Value::from_bigint(-a, &vm.types.int))
}

fn int_abs(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__abs__")?.to_big();
    Ok(Value::from_bigint(a.abs(), &vm.types.int))
}

fn int_invert(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__invert__")?.to_big();
    Ok(Value::from_bigint(-a - 1, &vm.types.int))
}

fn int_round(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__round__", 0, 1)?;
    let a = as_int(this).map(IntRef::to_big).unwrap_or_default();
    let nd = match rest.first() {
        None | Some(Value::None) => return Ok(Value::from_bigint(a, &vm.types.int)),
        Some(n) => index_value(vm, n)?,
    };
    if !nd.is_negative() {
        return Ok(Value::from_bigint(a, &vm.types.int));
    }
    let Some(k) = (-nd).to_u32() else {
        return Ok(Value::Int(0));
    };
    let pow = num_traits::pow::Pow::pow(BigInt::from(10), k);
    // Round half to even at 10**k.
    let (q, r) = a.div_mod_floor(&pow);
    let twice: BigInt = &r * 2;
    let q = match twice.cmp(&pow) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Ok(Value::from_bigint(q * pow, &vm.types.int))
}

fn int_bit_length(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "bit_length")?;
    Ok(Value::Int(match a {
        IntRef::Small(i) => (64 - i.unsigned_abs().leading_zeros()) as i64,
        IntRef::Big(b) => b.bits() as i64,
    }))
}

fn int_bit_count(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "bit_count")?;
    Ok(Value::Int(match a {
        IntRef::Small(i) => i.unsigned_abs().count_ones() as i64,
        IntRef::Big(b) => b
            .magnitude()
            .iter_u64_digits()
            .map(|d| d.count_ones() as i64)
            .sum(),
    }))
}

fn int_is_integer(_vm: &mut Vm, _args: Args<'_>) -> PyResult {
    Ok(Value::TRUE)
}

fn int_as_integer_ratio(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "as_integer_ratio")?.to_big();
    let a = Value::from_bigint(a, &vm.types.int);
    Ok(vm.new_tuple(vec![a, Value::Int(1)]))
}

fn int_to_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(vm, &rest, "to_bytes", &["length", "byteorder", "signed"], 0)?;
    let length = match &bound[0] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let order = match &bound[1] {
        Some(v) => argparse::str_arg(vm, v, "to_bytes() argument 'byteorder'")?,
        None => "big".to_owned(),
    };
    let signed = match &bound[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let a = as_int(&this).map(IntRef::to_big).unwrap_or_default();
    if a.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        a.to_signed_bytes_le()
    } else {
        a.to_bytes_le().1
    };
    if a.is_zero() {
        bytes.clear();
    }
    let length = length as usize;
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if a.is_negative() { 0xFF } else { 0 };
    bytes.resize(length, fill);
    match order.as_str() {
        "little" => {}
        "big" => bytes.reverse(),
        _ => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
    Ok(vm.new_bytes(bytes))
}

fn int_from_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let cls = args.values.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(
        vm,
        &rest,
        "from_bytes",
        &["bytes", "byteorder", "signed"],
        1,
    )?;
    let data =
        crate::objects::bytes::bytes_from_object(vm, bound[0].as_ref().unwrap_or(&Value::None))?;
    let order = match &bound[1] {
        Some(v) => argparse::str_arg(vm, v, "from_bytes() argument 'byteorder'")?,
        None => "big".to_owned(),
    };
    let signed = match &bound[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut le = data.clone();
    match order.as_str() {
        "little" => {}
        "big" => le.reverse(),
        _ => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&le)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &le)
    };
    let v = Value::from_bigint(v, &vm.types.int);
    if cls.is(&Value::Obj(vm.types.int.clone())) {
        return Ok(v);
    }
    vm.call1(&cls, v)
}

fn int_format(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__format__", 1, 1)?;
    let spec = argparse::str_arg(vm, &rest[0], "format spec")?;
    // As CPython's int formatter: an empty spec is `str(self)` (so `format(True, "")` is
    // 'True').
    if spec.is_empty() {
        let this = this.clone();
        return vm.str(&this);
    }
    let a = as_int(this).map(IntRef::to_big).unwrap_or_default();
    crate::format::format_int(vm, &a, &spec)
}

fn int_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__getnewargs__")?.to_big();
    let v = Value::from_bigint(a, &vm.types.int);
    Ok(vm.new_tuple(vec![v]))
}

fn int_sizeof(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let a = this_int(vm, &args, "__sizeof__")?;
    let digits = match a {
        IntRef::Small(0) => 0,
        IntRef::Small(i) => (64 - i.unsigned_abs().leading_zeros()).div_ceil(30) as i64,
        IntRef::Big(b) => b.bits().div_ceil(30) as i64,
    };
    Ok(Value::Int(24 + 4 * digits.max(1)))
}
