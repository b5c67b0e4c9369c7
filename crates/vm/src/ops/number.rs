//! Binary and unary operators: fast paths for exact ints and floats, then CPython's
//! binary-op protocol (`__op__`, then the right operand's `__rop__`, the reflected one first
//! when the right type is a proper subclass overriding it; in-place `__iop__` tried first).

use crate::error::PyResult;
use crate::ops::attr::type_lookup;
use crate::value::Value;
use crate::vm::Vm;

/// The `NB_*` operators of `BINARY_OP`, in oparg order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    And,
    FloorDiv,
    LShift,
    MatMul,
    Mul,
    Mod,
    Or,
    Pow,
    RShift,
    Sub,
    TrueDiv,
    Xor,
}

const OPS: [BinOp; 13] = [
    BinOp::Add,
    BinOp::And,
    BinOp::FloorDiv,
    BinOp::LShift,
    BinOp::MatMul,
    BinOp::Mul,
    BinOp::Mod,
    BinOp::Or,
    BinOp::Pow,
    BinOp::RShift,
    BinOp::Sub,
    BinOp::TrueDiv,
    BinOp::Xor,
];

impl BinOp {
    /// `BINARY_OP`'s oparg: the operator and whether it is the in-place form.
    pub fn from_oparg(oparg: u32) -> Option<(BinOp, bool)> {
        let i = oparg as usize;
        if i < 13 {
            Some((OPS[i], false))
        } else if i < 26 {
            Some((OPS[i - 13], true))
        } else {
            None
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::And => "&",
            BinOp::FloorDiv => "//",
            BinOp::LShift => "<<",
            BinOp::MatMul => "@",
            BinOp::Mul => "*",
            BinOp::Mod => "%",
            BinOp::Or => "|",
            BinOp::Pow => "**",
            BinOp::RShift => ">>",
            BinOp::Sub => "-",
            BinOp::TrueDiv => "/",
            BinOp::Xor => "^",
        }
    }

    /// (`__op__`, `__rop__`, `__iop__`).
    pub fn dunders(self, vm: &Vm) -> (Value, Value, Value) {
        let n = &vm.names;
        let (a, b, c) = match self {
            BinOp::Add => (&n.__add__, &n.__radd__, &n.__iadd__),
            BinOp::And => (&n.__and__, &n.__rand__, &n.__iand__),
            BinOp::FloorDiv => (&n.__floordiv__, &n.__rfloordiv__, &n.__ifloordiv__),
            BinOp::LShift => (&n.__lshift__, &n.__rlshift__, &n.__ilshift__),
            BinOp::MatMul => (&n.__matmul__, &n.__rmatmul__, &n.__imatmul__),
            BinOp::Mul => (&n.__mul__, &n.__rmul__, &n.__imul__),
            BinOp::Mod => (&n.__mod__, &n.__rmod__, &n.__imod__),
            BinOp::Or => (&n.__or__, &n.__ror__, &n.__ior__),
            BinOp::Pow => (&n.__pow__, &n.__rpow__, &n.__ipow__),
            BinOp::RShift => (&n.__rshift__, &n.__rrshift__, &n.__irshift__),
            BinOp::Sub => (&n.__sub__, &n.__rsub__, &n.__isub__),
            BinOp::TrueDiv => (&n.__truediv__, &n.__rtruediv__, &n.__itruediv__),
            BinOp::Xor => (&n.__xor__, &n.__rxor__, &n.__ixor__),
        };
        (a.clone(), b.clone(), c.clone())
    }
}

impl Vm {
    /// `a OP b` (or `a OP= b` when `inplace`).
    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinOp, inplace: bool) -> PyResult {
        if let Some(r) = crate::objects::int::fast_binary(self, a, b, op) {
            return r;
        }
        let (name, rname, iname) = op.dunders(self);
        if inplace && let Some(f) = crate::ops::attr::lookup_special(self, a, &iname) {
            let r = self.call_method_value(&f, a, &[b.clone()])?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Some(r) = self.binary_protocol(a, b, &name, &rname)? {
            return Ok(r);
        }
        let sym = op.symbol();
        let msg = if op == BinOp::Pow && !inplace {
            format!(
                "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                self.type_name(a),
                self.type_name(b)
            )
        } else {
            format!(
                "unsupported operand type(s) for {}{}: '{}' and '{}'",
                sym,
                if inplace { "=" } else { "" },
                self.type_name(a),
                self.type_name(b)
            )
        };
        Err(self.type_error(msg))
    }

    /// `a.__op__(b)`, then `b.__rop__(a)`; `None` when both say `NotImplemented`.
    pub fn binary_protocol(
        &mut self,
        a: &Value,
        b: &Value,
        name: &Value,
        rname: &Value,
    ) -> PyResult<Option<Value>> {
        let a_class = self.class_of(a);
        let b_class = self.class_of(b);
        let same = a_class.is(&b_class);
        let f = type_lookup(self, &a_class, name);
        let rf = if same {
            None
        } else {
            type_lookup(self, &b_class, rname)
        };
        let mut rf = rf;
        if let Some(r) = &rf
            && self.is_subclass(&b_class, &a_class)
        {
            let overrides = match (&f, type_lookup(self, &a_class, rname)) {
                (_, Some(ar)) => !ar.is(r),
                (_, None) => true,
            };
            if overrides {
                let res = self.call_method_value(r, b, &[a.clone()])?;
                if !self.is_not_implemented(&res) {
                    return Ok(Some(res));
                }
                rf = None;
            }
        }
        if let Some(f) = f {
            let res = self.call_method_value(&f, a, &[b.clone()])?;
            if !self.is_not_implemented(&res) {
                return Ok(Some(res));
            }
        }
        if let Some(r) = rf {
            let res = self.call_method_value(&r, b, &[a.clone()])?;
            if !self.is_not_implemented(&res) {
                return Ok(Some(res));
            }
        }
        Ok(None)
    }

    /// `-a`.
    pub fn negative(&mut self, a: &Value) -> PyResult {
        match a {
            Value::Int(i) => match i.checked_neg() {
                Some(n) => Ok(Value::Int(n)),
                None => Ok(self.new_int_big(-num_bigint::BigInt::from(*i))),
            },
            Value::Float(x) => Ok(Value::float(-x.get())),
            Value::Bool(b) => Ok(Value::Int(-(b.get() as i64))),
            _ => self.unary(a, self.names.__neg__.clone(), "unary -"),
        }
    }

    pub fn positive(&mut self, a: &Value) -> PyResult {
        match a {
            Value::Int(_) | Value::Float(_) => Ok(a.clone()),
            Value::Bool(b) => Ok(Value::Int(b.get() as i64)),
            _ => self.unary(a, self.names.__pos__.clone(), "unary +"),
        }
    }

    pub fn invert(&mut self, a: &Value) -> PyResult {
        match a {
            Value::Int(i) => Ok(Value::Int(!i)),
            Value::Bool(b) => {
                // Deprecated in 3.12+, still allowed: ~True == -2.
                Ok(Value::Int(!(b.get() as i64)))
            }
            _ => self.unary(a, self.names.__invert__.clone(), "unary ~"),
        }
    }

    pub fn absolute(&mut self, a: &Value) -> PyResult {
        match a {
            Value::Int(i) => match i.checked_abs() {
                Some(n) => Ok(Value::Int(n)),
                None => {
                    Ok(self.new_int_big(num_bigint::BigInt::from(*i).magnitude().clone().into()))
                }
            },
            Value::Float(x) => Ok(Value::float(x.get().abs())),
            Value::Bool(b) => Ok(Value::Int(b.get() as i64)),
            _ => {
                let name = self.names.__abs__.clone();
                match self.call_special(a, &name, &[])? {
                    Some(v) => Ok(v),
                    None => Err(self.type_error(format!(
                        "bad operand type for abs(): '{}'",
                        self.type_name(a)
                    ))),
                }
            }
        }
    }

    fn unary(&mut self, a: &Value, name: Value, what: &str) -> PyResult {
        match self.call_special(a, &name, &[])? {
            Some(v) => Ok(v),
            None => Err(self.type_error(format!(
                "bad operand type for {what}: '{}'",
                self.type_name(a)
            ))),
        }
    }
}

/// `a OP b` for `+ - * /` (and their in-place forms) when both are floats, or a float and an
/// int small enough to convert exactly (as CPython converts it: to the nearest double, which
/// for |i| <= 2**53 is the int itself); `None` for the general path.
#[inline(always)]
pub(crate) fn float_binop_fast(a: &Value, b: &Value, oparg: u32) -> Option<f64> {
    const EXACT: i64 = 1 << 53;
    let as_float = |v: &Value| match v {
        Value::Float(f) => Some(f.get()),
        Value::Int(i) if (-EXACT..=EXACT).contains(i) => Some(*i as f64),
        _ => None,
    };
    if !matches!(a, Value::Float(_)) && !matches!(b, Value::Float(_)) {
        // int / int is true division: exact operands give the correctly rounded quotient.
        if !matches!(oparg, 11 | 24) || !matches!((a, b), (Value::Int(_), Value::Int(_))) {
            return None;
        }
    }
    let (x, y) = (as_float(a)?, as_float(b)?);
    let r = match oparg {
        0 | 13 => x + y,
        10 | 23 => x - y,
        5 | 18 => x * y,
        11 | 24 if y != 0.0 => x / y,
        _ => return None,
    };
    // A NaN result takes the general path, which gives it an identity of its own
    // (`objects::float::fresh_nan`).
    (!r.is_nan()).then_some(r)
}
