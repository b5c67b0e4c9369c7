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

pub fn complex_pow(vm: &mut Vm, a: (f64, f64), b: (f64, f64)) -> PyResult {
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
        '/' => {
            if y == (0.0, 0.0) {
                return Err(vm.zero_division("division by zero"));
            }
            let d = y.0 * y.0 + y.1 * y.1;
            ((x.0 * y.0 + x.1 * y.1) / d, (x.1 * y.0 - x.0 * y.1) / d)
        }
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
        if let Some(Some(Payload::Str(s))) = b[0].as_ref().map(|v| v.payload()) {
            let text = s.to_lossy().into_owned();
            return match taipan_text::parse_complex(&text) {
                Ok((re, im)) => Ok(new_complex(vm, re, im)),
                Err(_) => Err(vm.value_error("complex() arg is a malformed string")),
            };
        }
        let re = match &b[0] {
            Some(v) => match as_complex(vm, v) {
                Some(r) => r?,
                None => {
                    let x = crate::objects::float::float_from_value(vm, v)?;
                    (x, 0.0)
                }
            },
            None => (0.0, 0.0),
        };
        let im = match &b[1] {
            Some(v) => match as_complex(vm, v) {
                Some(r) => r?,
                None => {
                    return Err(vm.type_error(format!(
                        "complex() argument 'imag' must be a real number, not {}",
                        vm.type_name(v)
                    )));
                }
            },
            None => (0.0, 0.0),
        };
        Ok(new_complex(vm, re.0 - im.1, re.1 + im.0))
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
            Some(Value::Bool(b)) => Ok(Value::Bool(!b)),
            Some(r) => Ok(r),
            None => Ok(vm.not_implemented.clone()),
        }
    });
    method(vm, &c, "__getnewargs__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__getnewargs__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(vm.new_tuple(vec![Value::Float(*re), Value::Float(*im)]))
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
        Ok(Value::Float(re.hypot(*im)))
    });
    method(vm, &c, "__bool__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__bool__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(Value::Bool(*re != 0.0 || *im != 0.0))
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
        Ok(Value::Bool(x? == y?))
    });
    method(vm, &c, "__hash__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let Some(Payload::Complex(re, im)) = this.payload() else {
            return Ok(Value::Int(0));
        };
        Ok(Value::Int(taipan_hash::hash_complex(*re, *im).unwrap_or(0)))
    });
}
