//! `complex`.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn new_complex(vm: &Vm, re: f64, im: f64) -> Value {
    Value::Obj(Obj::new(vm.types.complex.clone(), Payload::Complex(re, im)))
}

/// A complex operand from a complex, float or int.
pub fn as_complex(vm: &Vm, v: &Value) -> Option<PyResult<(f64, f64)>> {
    match v.payload() {
        Some(Payload::Complex(re, im)) => Some(Ok((*re, *im))),
        _ => {
            if let Some(x) = crate::objects::float::as_float(v) {
                return Some(Ok((x, 0.0)));
            }
            crate::objects::int::as_int(v)
                .map(|i| crate::objects::int::int_to_f64(vm, i).map(|x| (x, 0.0)))
        }
    }
}

/// `a / b` by Smith's method with CPython's branch choice; `None` when `b` is zero.
fn complex_quotient(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_re, abs_im) = (b.0.abs(), b.1.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // A NaN among the parts.
        Some((f64::NAN, f64::NAN))
    }
}

fn complex_mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `x ** n` for a natural `n` by binary powering, as CPython does for small integral
/// exponents (exact for Gaussian integers, unlike the polar form).
fn complex_powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = complex_mul(r, p);
        }
        mask <<= 1;
        p = complex_mul(p, p);
    }
    r
}

pub fn complex_pow(vm: &mut Vm, a: (f64, f64), b: (f64, f64)) -> PyResult {
    // CPython: integral real exponents up to 100 in magnitude use repeated multiplication.
    if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let r = if n >= 0 {
            complex_powu(a, n as u64)
        } else {
            match complex_quotient((1.0, 0.0), complex_powu(a, n.unsigned_abs())) {
                Some(q) => q,
                None => return Err(vm.zero_division("zero to a negative or complex power")),
            }
        };
        if (r.0.is_infinite() || r.1.is_infinite()) && a.0.is_finite() && a.1.is_finite() {
            return Err(vm.overflow_error("complex exponentiation"));
        }
        return Ok(new_complex(vm, r.0, r.1));
    }
    if b == (0.0, 0.0) {
        return Ok(new_complex(vm, 1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(vm.zero_division("zero to a negative or complex power"));
        }
        return Ok(new_complex(vm, 0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    let r = (len * phase.cos(), len * phase.sin());
    if !r.0.is_finite() || !r.1.is_finite() {
        return Err(vm.overflow_error("complex exponentiation"));
    }
    Ok(new_complex(vm, r.0, r.1))
}

fn binop(vm: &mut Vm, args: Args<'_>, op: char, reflected: bool) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__add__", 1, 1)?;
    let Some(a) = as_complex(vm, this) else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(b) = as_complex(vm, &rest[0]) else {
        return Ok(vm.not_implemented.clone());
    };
    let (a, b) = (a?, b?);
    let (x, y) = if reflected { (b, a) } else { (a, b) };
    let r = match op {
        '+' => (x.0 + y.0, x.1 + y.1),
        '-' => (x.0 - y.0, x.1 - y.1),
        '*' => (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0),
        '/' => match complex_quotient(x, y) {
            Some(q) => q,
            None => return Err(vm.zero_division("complex division by zero")),
        },
        _ => return complex_pow(vm, x, y),
    };
    Ok(new_complex(vm, r.0, r.1))
}

pub(crate) fn init(vm: &mut Vm) {
    let c = vm.types.complex.clone();
    staticmethod(vm, &c, "__new__", |vm, a| {
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let b = argparse::bind(vm, &rest, "complex", &["real", "imag"], 0)?;
        if let Some(s) = b[0].as_ref().and_then(Value::as_str_obj) {
            let text = s.to_lossy().into_owned();
            return match taipan_text::parse_complex(&text) {
                Ok((re, im)) => Ok(new_complex(vm, re, im)),
                Err(_) => Err(vm.value_error("complex() arg is a malformed string")),
            };
        }
        // As CPython's complex_new: each part is a complex (its own or through
        // `__complex__`) or a real; the cross terms are added only for complex parts, so
        // `complex(0, -0.0)` keeps its negative zero.
        let mut re_is_complex = false;
        let re = match &b[0] {
            Some(v) => {
                let name = vm.intern("__complex__");
                let via_dunder = if matches!(v.payload(), Some(Payload::Complex(..))) {
                    None
                } else {
                    vm.call_special(v, &name, &[])?
                };
                match via_dunder {
                    Some(r) => match r.payload() {
                        Some(Payload::Complex(x, y)) => {
                            re_is_complex = true;
                            (*x, *y)
                        }
                        _ => {
                            return Err(vm.type_error(format!(
                                "__complex__ returned non-complex (type {})",
                                vm.type_name(&r)
                            )));
                        }
                    },
                    None => match v.payload() {
                        Some(Payload::Complex(x, y)) => {
                            re_is_complex = true;
                            (*x, *y)
                        }
                        _ => {
                            let x = crate::objects::float::float_from_value(vm, v).map_err(|_| {
                                vm.type_error(format!(
                                    "complex() first argument must be a string or a number, not '{}'",
                                    vm.type_name(v)
                                ))
                            })?;
                            (x, 0.0)
                        }
                    },
                }
            }
            None => (0.0, 0.0),
        };
        let mut im_is_complex = false;
        let im = match &b[1] {
            Some(v) => match v.payload() {
                Some(Payload::Complex(x, y)) => {
                    im_is_complex = true;
                    (*x, *y)
                }
                _ => match as_complex(vm, v) {
                    Some(r) => r?,
                    None => {
                        return Err(vm.type_error(format!(
                            "complex() argument 'imag' must be a real number, not {}",
                            vm.type_name(v)
                        )));
                    }
                },
            },
            None => (0.0, 0.0),
        };
        let mut real = re.0;
        let mut imag = im.0;
        if im_is_complex {
            real -= im.1;
        }
        if re_is_complex && b[1].is_some() {
            imag += re.1;
        } else if b[1].is_none() {
            imag = re.1;
        }
        Ok(new_complex(vm, real, imag))
    });
    method(vm, &c, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(vm.new_string(taipan_text::complex_repr(*re, *im)))
    });
    method(vm, &c, "__add__", |vm, a| binop(vm, a, '+', false));
    method(vm, &c, "__radd__", |vm, a| binop(vm, a, '+', true));
    method(vm, &c, "__sub__", |vm, a| binop(vm, a, '-', false));
    method(vm, &c, "__rsub__", |vm, a| binop(vm, a, '-', true));
    method(vm, &c, "__mul__", |vm, a| binop(vm, a, '*', false));
    method(vm, &c, "__rmul__", |vm, a| binop(vm, a, '*', true));
    method(vm, &c, "__truediv__", |vm, a| binop(vm, a, '/', false));
    method(vm, &c, "__rtruediv__", |vm, a| binop(vm, a, '/', true));
    method(vm, &c, "__pow__", |vm, a| binop(vm, a, '^', false));
    method(vm, &c, "__rpow__", |vm, a| binop(vm, a, '^', true));
    method(vm, &c, "__neg__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__neg__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(new_complex(vm, -re, -im))
    });
    method(vm, &c, "__pos__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__pos__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(new_complex(vm, *re, *im))
    });
    method(vm, &c, "__ne__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__ne__", 1, 1)?;
        let (this, other) = (this.clone(), rest[0].clone());
        let eq = vm.intern("__eq__");
        match vm.call_special(&this, &eq, &[other])? {
            Some(Value::Bool(b)) => Ok(Value::bool(!b.get())),
            Some(r) => Ok(r),
            None => Ok(vm.not_implemented.clone()),
        }
    });
    method(vm, &c, "__complex__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__complex__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(new_complex(vm, *re, *im))
    });
    method(vm, &c, "__getnewargs__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__getnewargs__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(vm.new_tuple(vec![Value::float(*re), Value::float(*im)]))
    });
    method(vm, &c, "__format__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__format__", 1, 1)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        let spec = argparse::str_arg(vm, &rest[0], "format spec")?;
        if spec.is_empty() {
            let this = this.clone();
            return vm.str(&this);
        }
        match taipan_text::format_complex(*re, *im, &spec, "complex") {
            Ok(s) => Ok(vm.new_string(s)),
            Err(e) => Err(vm.text_error(e)),
        }
    });
    method(vm, &c, "__abs__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__abs__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(Value::float(re.hypot(*im)))
    });
    method(vm, &c, "__bool__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__bool__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(Value::bool(*re != 0.0 || *im != 0.0))
    });
    method(vm, &c, "conjugate", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "conjugate", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(new_complex(vm, *re, -im))
    });
    method(vm, &c, "__eq__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
        let Some(x) = as_complex(vm, this) else {
            return Ok(vm.not_implemented.clone());
        };
        let Some(y) = as_complex(vm, &rest[0]) else {
            return Ok(vm.not_implemented.clone());
        };
        Ok(Value::bool(x? == y?))
    });
    method(vm, &c, "__hash__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::Int(0));
        };
        Ok(Value::Int(taipan_hash::hash_complex(*re, *im).unwrap_or(0)))
    });
}
