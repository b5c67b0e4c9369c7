//! Rich comparison with CPython's protocol: the reflected operation first when the right
//! operand's type is a subclass that overrides it, `NotImplemented` handing over to the other
//! side, identity as the last resort of `==`/`!=`.

use std::cmp::Ordering;

use crate::error::PyResult;
use crate::object::Payload;
use crate::ops::attr::type_lookup;
use crate::value::Value;
use crate::vm::Vm;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    /// From `COMPARE_OP`'s oparg (bits 5 and up).
    pub fn from_oparg(oparg: u32) -> Option<CompareOp> {
        Some(match oparg >> 5 {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            5 => CompareOp::Ge,
            _ => return None,
        })
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    pub fn reflected(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    #[inline]
    pub fn test(self, ord: Ordering) -> bool {
        match self {
            CompareOp::Lt => ord == Ordering::Less,
            CompareOp::Le => ord != Ordering::Greater,
            CompareOp::Eq => ord == Ordering::Equal,
            CompareOp::Ne => ord != Ordering::Equal,
            CompareOp::Gt => ord == Ordering::Greater,
            CompareOp::Ge => ord != Ordering::Less,
        }
    }

    fn dunder(self, vm: &Vm) -> Value {
        match self {
            CompareOp::Lt => vm.names.__lt__.clone(),
            CompareOp::Le => vm.names.__le__.clone(),
            CompareOp::Eq => vm.names.__eq__.clone(),
            CompareOp::Ne => vm.names.__ne__.clone(),
            CompareOp::Gt => vm.names.__gt__.clone(),
            CompareOp::Ge => vm.names.__ge__.clone(),
        }
    }
}

impl Vm {
    /// `a OP b`.
    pub fn rich_compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult {
        if let Some(r) = fast_compare(a, b, op) {
            return Ok(Value::bool(r));
        }
        // As CPython's `PyObject_RichCompare`: comparing nested containers recurses.
        self.native_recursion(" in comparison", |vm| vm.rich_compare_slow(a, b, op))
    }

    fn rich_compare_slow(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult {
        // Exact tuples compare element by element here, not through `tuple.__lt__` and its
        // argument parsing: sorting by tuple keys is common. A tuple's items never change,
        // so they are read in place.
        if let (Value::Obj(x), Value::Obj(y)) = (a, b)
            && let (Payload::Tuple(s), Payload::Tuple(t)) = (x.payload(), y.payload())
            && x.class_is(&self.types.tuple)
            && y.class_is(&self.types.tuple)
        {
            return crate::objects::list::seq_compare(self, s, t, op).map(Value::bool);
        }
        let a_class = self.class_of(a);
        let b_class = self.class_of(b);
        let name = op.dunder(self);
        let reflected_name = op.reflected().dunder(self);
        let mut checked_reflected = false;
        if !a_class.is(&b_class)
            && self.is_subclass(&b_class, &a_class)
            && let Some(f) = type_lookup(self, &b_class, &reflected_name)
        {
            checked_reflected = true;
            let r = self.call_method_value(&f, b, &[a.clone()])?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Some(f) = type_lookup(self, &a_class, &name) {
            let r = self.call_method_value(&f, a, &[b.clone()])?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if !checked_reflected && let Some(f) = type_lookup(self, &b_class, &reflected_name) {
            let r = self.call_method_value(&f, b, &[a.clone()])?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        match op {
            CompareOp::Eq => Ok(Value::bool(a.is(b))),
            CompareOp::Ne => Ok(Value::bool(!a.is(b))),
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    /// `a == b` as a bool (identity implies equality, as in containers).
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        if let Some(r) = fast_compare(a, b, CompareOp::Eq) {
            return Ok(r);
        }
        let r = self.rich_compare(a, b, CompareOp::Eq)?;
        self.truthy(&r)
    }

    /// `a OP b` as a bool.
    pub fn compare_bool(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<bool> {
        if let Some(r) = fast_compare(a, b, op) {
            return Ok(r);
        }
        let r = self.rich_compare(a, b, op)?;
        self.truthy(&r)
    }

    pub fn is_not_implemented(&self, v: &Value) -> bool {
        v.is(&self.not_implemented)
    }
}

/// Comparisons of exact built-in numbers and strings, without lookups.
#[inline]
pub fn fast_compare(a: &Value, b: &Value, op: CompareOp) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(op.test(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Some(match op {
            CompareOp::Lt => x.get() < y.get(),
            CompareOp::Le => x.get() <= y.get(),
            CompareOp::Eq => x.get() == y.get(),
            CompareOp::Ne => x.get() != y.get(),
            CompareOp::Gt => x.get() > y.get(),
            CompareOp::Ge => x.get() >= y.get(),
        }),
        (Value::Int(x), Value::Float(y)) => crate::objects::float::compare_int_float(*x, y.get())
            .map(|o| op.test(o))
            .or(Some(op == CompareOp::Ne)),
        (Value::Float(x), Value::Int(y)) => crate::objects::float::compare_int_float(*y, x.get())
            .map(|o| op.test(o.reverse()))
            .or(Some(op == CompareOp::Ne)),
        (Value::None, Value::None) => match op {
            CompareOp::Eq => Some(true),
            CompareOp::Ne => Some(false),
            _ => None,
        },
        (Value::Str(s), Value::Str(t)) => Some(match op {
            CompareOp::Eq => s.eq_str(t),
            CompareOp::Ne => !s.eq_str(t),
            _ => op.test(s.cmp_str(t)),
        }),
        _ => None,
    }
}
