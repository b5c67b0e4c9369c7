//! The `math` module, with CPython's domain and range errors.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

#[path = "math_erf.rs"]
mod erf;
#[path = "math_special.rs"]
mod special;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(x) => Ok(x.get()),
        Value::Int(i) => Ok(*i as f64),
        _ => crate::objects::float::float_from_value(vm, v).map_err(|e| {
            if v.as_str_obj().is_some() {
                vm.type_error(format!("must be real number, not {}", vm.type_name(v)))
            } else {
                e
            }
        }),
    }
}

fn unary(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    f: fn(f64) -> f64,
    domain: fn(f64) -> bool,
) -> PyResult {
    let p = argparse::exact(vm, &args, name, 1)?;
    let x = float_arg(vm, &p[0])?;
    if !domain(x) {
        return Err(vm.value_error("math domain error"));
    }
    let r = f(x);
    if r.is_infinite() && x.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    if r.is_nan() && !x.is_nan() {
        return Err(vm.value_error("math domain error"));
    }
    Ok(Value::float(r))
}

macro_rules! unary_fns {
    ($($name:literal => $f:expr, $domain:expr;)*) => {
        [$(($name, (|vm: &mut Vm, a: Args<'_>| unary(vm, a, $name, $f, $domain)) as crate::function::NativeFn)),*]
    };
}

fn any(_: f64) -> bool {
    true
}

pub fn make(vm: &mut Vm) -> Obj {
    let m = crate::import::new_module(vm, "math");
    let Some(d) = crate::ops::attr::instance_dict(&Value::Obj(m.clone())) else {
        return m;
    };
    let unaries = unary_fns! {
        "sqrt" => f64::sqrt, |x| x >= 0.0 || x.is_nan();
        "exp" => f64::exp, any;
        "exp2" => f64::exp2, any;
        "expm1" => f64::exp_m1, any;
        "sin" => f64::sin, |x| !x.is_infinite();
        "cos" => f64::cos, |x| !x.is_infinite();
        "tan" => f64::tan, |x| !x.is_infinite();
        "asin" => f64::asin, |x| (-1.0..=1.0).contains(&x) || x.is_nan();
        "acos" => f64::acos, |x| (-1.0..=1.0).contains(&x) || x.is_nan();
        "atan" => f64::atan, any;
        "sinh" => f64::sinh, any;
        "cosh" => f64::cosh, any;
        "tanh" => f64::tanh, any;
        "asinh" => f64::asinh, any;
        "acosh" => f64::acosh, |x| x >= 1.0 || x.is_nan();
        "atanh" => f64::atanh, |x| (x > -1.0 && x < 1.0) || x.is_nan();
        "fabs" => f64::abs, any;
        "log1p" => f64::ln_1p, |x| x > -1.0 || x.is_nan();
        "erf" => erf::erf, any;
        "erfc" => erf::erfc, any;
        "gamma" => special::gamma, |x| !(x <= 0.0 && x.fract() == 0.0) && x != f64::NEG_INFINITY;
        "lgamma" => special::lgamma, |x| !(x <= 0.0 && x.fract() == 0.0);
        "degrees" => f64::to_degrees, any;
        "radians" => f64::to_radians, any;
        "cbrt" => libm_cbrt, any;
    };
    for (name, f) in unaries {
        let v = crate::objects::function(vm, name, f, Some("math"));
        mapping::dict_set_str(vm, &d, name, v);
    }
    let others: [(&'static str, crate::function::NativeFn); 31] = [
        ("floor", |vm, a| {
            int_round(vm, a, "floor", f64::floor, "__floor__")
        }),
        ("ceil", |vm, a| {
            int_round(vm, a, "ceil", f64::ceil, "__ceil__")
        }),
        ("trunc", |vm, a| {
            int_round(vm, a, "trunc", f64::trunc, "__trunc__")
        }),
        ("log", math_log),
        ("ulp", |vm, a| {
            let p = argparse::exact(vm, &a, "ulp", 1)?;
            let x = float_arg(vm, &p[0])?.abs();
            if x.is_nan() || x.is_infinite() {
                return Ok(Value::float(x));
            }
            let up = next_after(x, f64::INFINITY);
            Ok(Value::float(if up.is_infinite() {
                x - next_after(x, f64::NEG_INFINITY)
            } else {
                up - x
            }))
        }),
        ("nextafter", |vm, a| {
            let b = argparse::bind(vm, &a, "nextafter", &["x", "y", "steps"], 2)?;
            let x = float_arg(vm, b[0].as_ref().unwrap_or(&Value::None))?;
            let y = float_arg(vm, b[1].as_ref().unwrap_or(&Value::None))?;
            let steps = match &b[2] {
                None | Some(Value::None) => 1,
                Some(v) => {
                    let n = crate::objects::int::index_value(vm, v)?;
                    if n.is_negative() {
                        return Err(vm.value_error("steps must be a non-negative integer"));
                    }
                    n.to_u64().unwrap_or(u64::MAX)
                }
            };
            let mut r = x;
            // Each step moves one representable double; 2**64 steps cross every double.
            for _ in 0..steps.min(1 << 12) {
                let n = next_after(r, y);
                if n == r || n.is_nan() {
                    r = n;
                    break;
                }
                r = n;
            }
            if steps > 1 << 12 && r != y && !r.is_nan() {
                r = step_many(r, y, steps - (1 << 12));
            }
            Ok(Value::float(r))
        }),
        ("remainder", |vm, a| {
            let p = argparse::exact(vm, &a, "remainder", 2)?;
            let (x, y) = (float_arg(vm, &p[0])?, float_arg(vm, &p[1])?);
            ieee_remainder(x, y)
                .map(Value::float)
                .ok_or_else(|| vm.value_error("math domain error"))
        }),
        ("log2", |vm, a| {
            let p = argparse::exact(vm, &a, "log2", 1)?;
            Ok(Value::float(log_helper(vm, &p[0], f64::log2)?))
        }),
        ("log10", |vm, a| {
            let p = argparse::exact(vm, &a, "log10", 1)?;
            Ok(Value::float(log_helper(vm, &p[0], f64::log10)?))
        }),
        ("pow", |vm, a| {
            let p = argparse::between(vm, &a, "pow", 2, 2)?;
            let x = float_arg(vm, &p[0])?;
            let y = float_arg(vm, &p[1])?;
            if x == 0.0 && y < 0.0 {
                return Err(vm.value_error("math domain error"));
            }
            if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
                return Err(vm.value_error("math domain error"));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(vm.overflow_error("math range error"));
            }
            Ok(Value::float(r))
        }),
        ("atan2", |vm, a| {
            let p = argparse::between(vm, &a, "atan2", 2, 2)?;
            let (y, x) = (float_arg(vm, &p[0])?, float_arg(vm, &p[1])?);
            Ok(Value::float(y.atan2(x)))
        }),
        ("hypot", |vm, a| {
            let mut acc = 0f64;
            let mut vals = Vec::new();
            for v in a.positional() {
                vals.push(float_arg(vm, v)?.abs());
            }
            if vals.iter().any(|v| v.is_infinite()) {
                return Ok(Value::float(f64::INFINITY));
            }
            let max = vals.iter().cloned().fold(0.0, f64::max);
            if max == 0.0 || max.is_nan() {
                return Ok(Value::float(max));
            }
            for v in vals {
                acc += (v / max) * (v / max);
            }
            Ok(Value::float(max * acc.sqrt()))
        }),
        ("copysign", |vm, a| {
            let p = argparse::between(vm, &a, "copysign", 2, 2)?;
            let (x, y) = (float_arg(vm, &p[0])?, float_arg(vm, &p[1])?);
            Ok(Value::float(x.copysign(y)))
        }),
        ("fmod", |vm, a| {
            let p = argparse::between(vm, &a, "fmod", 2, 2)?;
            let (x, y) = (float_arg(vm, &p[0])?, float_arg(vm, &p[1])?);
            if y == 0.0 || x.is_infinite() {
                return Err(vm.value_error("math domain error"));
            }
            Ok(Value::float(x % y))
        }),
        ("isnan", |vm, a| {
            let p = argparse::exact(vm, &a, "isnan", 1)?;
            let x = float_arg(vm, &p[0])?;
            Ok(Value::bool(x.is_nan()))
        }),
        ("isinf", |vm, a| {
            let p = argparse::exact(vm, &a, "isinf", 1)?;
            let x = float_arg(vm, &p[0])?;
            Ok(Value::bool(x.is_infinite()))
        }),
        ("isfinite", |vm, a| {
            let p = argparse::exact(vm, &a, "isfinite", 1)?;
            let x = float_arg(vm, &p[0])?;
            Ok(Value::bool(x.is_finite()))
        }),
        ("isclose", math_isclose),
        ("factorial", |vm, a| {
            let p = argparse::exact(vm, &a, "factorial", 1)?;
            if matches!(p[0], Value::Float(_)) {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            let n = crate::objects::int::index_value(vm, &p[0])?;
            if n.is_negative() {
                return Err(vm.value_error("factorial() not defined for negative values"));
            }
            let n = n.to_u64().ok_or_else(|| {
                vm.overflow_error("factorial() argument should not exceed 9223372036854775807")
            })?;
            if n > 100_000 {
                return Err(vm.memory_error());
            }
            let mut acc = BigInt::one();
            for i in 2..=n {
                acc *= i;
            }
            Ok(vm.new_int_big(acc))
        }),
        ("gcd", |vm, a| {
            let mut acc = BigInt::zero();
            for v in a.positional() {
                let x = crate::objects::int::index_value(vm, v)?;
                acc = acc.gcd(&x);
            }
            Ok(vm.new_int_big(acc))
        }),
        ("lcm", |vm, a| {
            let mut acc = BigInt::one();
            for v in a.positional() {
                let x = crate::objects::int::index_value(vm, v)?;
                if x.is_zero() {
                    return Ok(Value::Int(0));
                }
                acc = acc.lcm(&x);
            }
            Ok(vm.new_int_big(acc.abs()))
        }),
        ("isqrt", |vm, a| {
            let p = argparse::exact(vm, &a, "isqrt", 1)?;
            let n = crate::objects::int::index_value(vm, &p[0])?;
            if n.is_negative() {
                return Err(vm.value_error("isqrt() argument must be nonnegative"));
            }
            Ok(vm.new_int_big(n.sqrt()))
        }),
        ("comb", |vm, a| {
            let p = argparse::between(vm, &a, "comb", 2, 2)?;
            let n = crate::objects::int::index_value(vm, &p[0])?;
            let k = crate::objects::int::index_value(vm, &p[1])?;
            if n.is_negative() {
                return Err(vm.value_error("n must be a non-negative integer"));
            }
            if k.is_negative() {
                return Err(vm.value_error("k must be a non-negative integer"));
            }
            if k > n {
                return Ok(Value::Int(0));
            }
            let k = std::cmp::min(k.clone(), &n - &k).to_u64().unwrap_or(0);
            let mut acc = BigInt::one();
            for i in 0..k {
                acc = acc * (&n - i) / (i + 1);
            }
            Ok(vm.new_int_big(acc))
        }),
        ("perm", |vm, a| {
            let p = argparse::between(vm, &a, "perm", 1, 2)?;
            let n = crate::objects::int::index_value(vm, &p[0])?;
            let k = match p.get(1) {
                Some(k) if !k.is_none() => crate::objects::int::index_value(vm, k)?,
                _ => n.clone(),
            };
            if n.is_negative() || k.is_negative() {
                return Err(vm.value_error("n must be a non-negative integer"));
            }
            if k > n {
                return Ok(Value::Int(0));
            }
            let k = k.to_u64().unwrap_or(0);
            let mut acc = BigInt::one();
            for i in 0..k {
                acc *= &n - i;
            }
            Ok(vm.new_int_big(acc))
        }),
        ("fsum", |vm, a| {
            let p = argparse::exact(vm, &a, "fsum", 1)?;
            let items = vm.collect(&p[0])?;
            let mut values = Vec::with_capacity(items.len());
            for v in &items {
                values.push(float_arg(vm, v)?);
            }
            match exact_sum(&values) {
                Ok(x) => Ok(Value::float(x)),
                Err((true, msg)) => Err(vm.overflow_error(msg)),
                Err((false, msg)) => Err(vm.value_error(msg)),
            }
        }),
        ("sumprod", math_sumprod),
        ("prod", |vm, a| {
            let pos = a.positional();
            let Some(it) = pos.first() else {
                return Err(vm.type_error("prod() missing required argument 'iterable' (pos 1)"));
            };
            let start = argparse::kwarg(vm, &a, "start").unwrap_or(Value::Int(1));
            let items = vm.collect(it)?;
            let mut acc = start;
            for v in items {
                acc = vm.binary_op(&acc, &v, crate::ops::BinOp::Mul, false)?;
            }
            Ok(acc)
        }),
        ("dist", |vm, a| {
            let p = argparse::between(vm, &a, "dist", 2, 2)?;
            let x = vm.collect(&p[0])?;
            let y = vm.collect(&p[1])?;
            if x.len() != y.len() {
                return Err(vm.value_error("both points must have the same number of dimensions"));
            }
            let mut acc = 0.0;
            for (a, b) in x.iter().zip(y.iter()) {
                let d = float_arg(vm, a)? - float_arg(vm, b)?;
                acc += d * d;
            }
            Ok(Value::float(acc.sqrt()))
        }),
        ("modf", |vm, a| {
            let p = argparse::exact(vm, &a, "modf", 1)?;
            let x = float_arg(vm, &p[0])?;
            let t = x.trunc();
            Ok(vm.new_tuple(vec![
                Value::float(if x.is_infinite() {
                    0.0f64.copysign(x)
                } else {
                    x - t
                }),
                Value::float(t),
            ]))
        }),
        ("frexp", |vm, a| {
            let p = argparse::exact(vm, &a, "frexp", 1)?;
            let x = float_arg(vm, &p[0])?;
            let (m, e) = crate::objects::float::frexp(x);
            Ok(vm.new_tuple(vec![Value::float(m), Value::Int(e as i64)]))
        }),
        ("ldexp", |vm, a| {
            let p = argparse::between(vm, &a, "ldexp", 2, 2)?;
            let x = float_arg(vm, &p[0])?;
            let e = argparse::index_i64(vm, &p[1])?.clamp(-5000, 5000) as i32;
            let r = x * 2f64.powi(e.clamp(-1074, 1023)) * 2f64.powi(e - e.clamp(-1074, 1023));
            if r.is_infinite() && x.is_finite() {
                return Err(vm.overflow_error("math range error"));
            }
            Ok(Value::float(r))
        }),
    ];
    for (name, f) in others {
        let v = crate::objects::function(vm, name, f, Some("math"));
        mapping::dict_set_str(vm, &d, name, v);
    }
    for (name, x) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        mapping::dict_set_str(vm, &d, name, Value::float(x));
    }
    m
}

fn int_round(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(f64) -> f64, dunder: &str) -> PyResult {
    let p = argparse::exact(vm, &args, name, 1)?;
    match &p[0] {
        Value::Float(x) => crate::objects::int::float_to_int(vm, f(x.get())),
        Value::Int(_) | Value::Bool(_) => Ok(Value::Int(crate::argparse::index_i64(vm, &p[0])?)),
        other => {
            let n = vm.intern(dunder);
            if let Some(r) = vm.call_special(other, &n, &[])? {
                return Ok(r);
            }
            let x = float_arg(vm, other)?;
            crate::objects::int::float_to_int(vm, f(x))
        }
    }
}

/// A logarithm of a real number or of an int of any size, as CPython's `loghelper`: ints that
/// fit a double are converted; larger ones are split as `m * 2**e` (m in [0.5, 1), rounded to
/// 53 bits) and give `f(m) + f(2) * e`.
fn log_helper(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(n) = crate::objects::int::to_bigint(v) {
        if !n.is_positive() {
            return Err(vm.value_error("math domain error"));
        }
        return match taipan_text::int_to_f64(&n) {
            Ok(x) => Ok(f(x)),
            Err(_) => {
                let (m, e) = big_frexp(&n);
                Ok(f(m) + f(2.0) * e as f64)
            }
        };
    }
    let x = float_arg(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(vm.value_error("math domain error"));
    }
    Ok(f(x))
}

/// `(m, e)` with `n == m * 2**e` approximately, `m` in [0.5, 1) rounded half-even to 53 bits.
fn big_frexp(n: &BigInt) -> (f64, u64) {
    let bits = n.bits();
    if bits <= 53 {
        let x = n.to_f64().unwrap_or(0.0);
        return (x / 2f64.powi(bits as i32), bits);
    }
    let shift = bits - 53;
    let mag = n.magnitude();
    let mut top = (mag >> shift as usize).to_u64().unwrap_or(0);
    let half = num_bigint::BigUint::one() << (shift as usize - 1);
    let rem = mag - ((mag >> shift as usize) << shift as usize);
    if rem > half || (rem == half && top & 1 == 1) {
        top += 1;
    }
    let mut e = bits;
    if top == 1u64 << 53 {
        top >>= 1;
        e += 1;
    }
    (top as f64 / 2f64.powi(53), e)
}

fn math_log(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "log", 1, 2)?;
    let x = log_helper(vm, &p[0], f64::ln)?;
    match p.get(1) {
        None => Ok(Value::float(x)),
        Some(b) => {
            let base = log_helper(vm, b, f64::ln)?;
            if base == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            Ok(Value::float(x / base))
        }
    }
}

fn math_isclose(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = argparse::bind(vm, &args, "isclose", &["a", "b", "rel_tol", "abs_tol"], 2)?;
    let x = float_arg(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let y = float_arg(vm, b[1].as_ref().unwrap_or(&Value::None))?;
    let rel = match &b[2] {
        Some(v) => float_arg(vm, v)?,
        None => 1e-9,
    };
    let abs_tol = match &b[3] {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let diff = (x - y).abs();
    Ok(Value::bool(
        diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs_tol,
    ))
}

/// C's `nextafter`: the next double after `x` in the direction of `y`.
fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let away = (y > x) == (x > 0.0);
    f64::from_bits(if away { bits + 1 } else { bits - 1 })
}

/// `nextafter` repeated `steps` times, through the ordered integer view of doubles.
fn step_many(x: f64, y: f64, steps: u64) -> f64 {
    let key = |v: f64| -> i64 {
        let b = v.to_bits() as i64;
        if b < 0 { i64::MIN - b } else { b }
    };
    let unkey = |k: i64| -> f64 {
        f64::from_bits(if k < 0 {
            (i64::MIN - k) as u64
        } else {
            k as u64
        })
    };
    let (kx, ky) = (key(x), key(y));
    let dist = (ky as i128 - kx as i128).unsigned_abs();
    if (steps as u128) >= dist {
        return y;
    }
    let k = if ky > kx {
        kx as i128 + steps as i128
    } else {
        kx as i128 - steps as i128
    };
    unkey(k as i64)
}

/// IEEE 754 remainder, as CPython's `math.remainder`: `x - n*y` with `n` the integer nearest
/// `x/y` (ties to even); `None` for a domain error.
fn ieee_remainder(x: f64, y: f64) -> Option<f64> {
    if x.is_nan() {
        return Some(x);
    }
    if y.is_nan() {
        return Some(y);
    }
    if x.is_infinite() || y == 0.0 {
        return None;
    }
    if y.is_infinite() {
        return Some(x);
    }
    let (ax, ay) = (x.abs(), y.abs());
    let m = ax % ay;
    let c = ay - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        // A tie: pick the even multiple.
        m - 2.0 * ((0.5 * (ax - m)) % ay)
    };
    Some(1f64.copysign(x) * r)
}

/// The correctly rounded sum of doubles, as CPython's `math.fsum` (Shewchuk's partials, then
/// a half-way correction); errors are (is_overflow, message).
fn exact_sum(values: &[f64]) -> Result<f64, (bool, &'static str)> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for &original in values {
        let mut x = original;
        let mut kept = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        if x != 0.0 {
            if !x.is_finite() {
                if original.is_finite() {
                    return Err((true, "intermediate overflow in fsum"));
                }
                if original.is_infinite() {
                    inf_sum += original;
                }
                special += original;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err((false, "-inf + inf in fsum"));
        }
        return Ok(special);
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-way cases correctly: the next partial decides the direction.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// `math.sumprod(p, q)`: exact for ints, an accurately rounded dot product for floats
/// (each product split exactly with a fused multiply-add), else generic `+`/`*`.
fn math_sumprod(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::exact(vm, &args, "sumprod", 2)?;
    let xs = vm.collect(&p[0])?;
    let ys = vm.collect(&p[1])?;
    if xs.len() != ys.len() {
        return Err(vm.value_error("Inputs are not the same length"));
    }
    let is_int = |v: &Value| {
        matches!(v, Value::Int(_)) || matches!(v.payload(), Some(crate::object::Payload::Int(_)))
    };
    let is_real = |v: &Value| is_int(v) || matches!(v, Value::Float(_));
    if xs.iter().chain(ys.iter()).all(is_int) {
        let mut acc = BigInt::zero();
        for (x, y) in xs.iter().zip(ys.iter()) {
            let (Some(a), Some(b)) = (
                crate::objects::int::to_bigint(x),
                crate::objects::int::to_bigint(y),
            ) else {
                break;
            };
            acc += a * b;
        }
        return Ok(Value::from_bigint(acc, &vm.types.int));
    }
    if xs.iter().chain(ys.iter()).all(is_real) {
        let mut terms = Vec::with_capacity(xs.len() * 2);
        for (x, y) in xs.iter().zip(ys.iter()) {
            let (a, b) = (float_arg(vm, x)?, float_arg(vm, y)?);
            let prod = a * b;
            terms.push(prod);
            if prod.is_finite() {
                terms.push(a.mul_add(b, -prod));
            }
        }
        return match exact_sum(&terms) {
            Ok(x) => Ok(Value::float(x)),
            Err(_) => Ok(Value::float(terms.iter().sum())),
        };
    }
    let mut acc = Value::Int(0);
    for (x, y) in xs.iter().zip(ys.iter()) {
        let prod = vm.binary_op(x, y, crate::ops::BinOp::Mul, false)?;
        acc = vm.binary_op(&acc, &prod, crate::ops::BinOp::Add, false)?;
    }
    Ok(acc)
}

/// `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1` (x finite and nonzero).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp + bias)
}

/// `x * 2**e`, through two steps so that huge or tiny scales stay exact.
fn ldexp(x: f64, e: i32) -> f64 {
    let half = e / 2;
    x * 2f64.powi(half) * 2f64.powi(e - half)
}

/// The cube root as the C library CPython links on Linux (glibc) computes it: a polynomial
/// first guess on the mantissa in [0.5, 1), one Halley step, and the exponent's third
/// rescaled by 2**(1/3) factors. Rust's `f64::cbrt` rounds differently (`math.cbrt(27)` is
/// 3.0000000000000004 in CPython).
#[allow(clippy::excessive_precision)]
fn libm_cbrt(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    let factors = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    let (xm, xe) = frexp(x.abs());
    let u = 0.354895765043919860
        + (1.50819193781584896
            + (-2.11499494167371287
                + (2.44693122563534430
                    + (-1.83469277483613086
                        + (0.784932344976639262 - 0.145263899385486377 * xm) * xm)
                        * xm)
                    * xm)
                * xm)
            * xm;
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * factors[(2 + xe % 3) as usize];
    ldexp(ym, xe / 3).copysign(x)
}
