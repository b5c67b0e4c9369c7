//! `bool`, `NoneType`, `NotImplementedType`, `ellipsis`.

use crate::argparse;
use crate::objects::{method, staticmethod};
use crate::value::Value;
use crate::vm::Vm;

pub(crate) fn init(vm: &mut Vm) {
    let b = vm.types.bool.clone();
    staticmethod(vm, &b, "__new__", |vm, a| {
        let rest = crate::function::Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let pos = argparse::between(vm, &rest, "bool", 0, 1)?;
        match pos.first() {
            Some(v) => Ok(Value::bool(vm.truthy(v)?)),
            None => Ok(Value::FALSE),
        }
    });
    method(vm, &b, "__repr__", |vm, a| {
        let (v, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        Ok(
            vm.new_str(if matches!(v, Value::Bool(crate::value::BoolWord::TRUE)) {
                "True"
            } else {
                "False"
            }),
        )
    });
    for (name, op) in [
        ("__and__", 0),
        ("__or__", 1),
        ("__xor__", 2),
        ("__rand__", 0),
        ("__ror__", 1),
        ("__rxor__", 2),
    ] {
        let f: crate::function::NativeFn = match op {
            0 => |vm, a| bool_bitop(vm, a, 0),
            1 => |vm, a| bool_bitop(vm, a, 1),
            _ => |vm, a| bool_bitop(vm, a, 2),
        };
        method(vm, &b, name, f);
    }
    let n = vm.types.none_type.clone();
    staticmethod(vm, &n, "__new__", |vm, a| {
        if a.values.len() > 1 {
            return Err(vm.type_error("NoneType takes no arguments"));
        }
        Ok(Value::None)
    });
    method(vm, &n, "__repr__", |vm, _a| Ok(vm.new_str("None")));
    method(vm, &n, "__bool__", |_vm, _a| Ok(Value::FALSE));
    let ni = vm.types.not_implemented_type.clone();
    method(vm, &ni, "__repr__", |vm, _a| {
        Ok(vm.new_str("NotImplemented"))
    });
    staticmethod(vm, &ni, "__new__", |vm, _a| Ok(vm.not_implemented.clone()));
    let el = vm.types.ellipsis_type.clone();
    method(vm, &el, "__repr__", |vm, _a| Ok(vm.new_str("Ellipsis")));
    staticmethod(vm, &el, "__new__", |vm, _a| Ok(vm.ellipsis.clone()));
}

fn bool_bitop(vm: &mut Vm, args: crate::function::Args<'_>, op: u8) -> crate::error::PyResult {
    let (a, rest) = argparse::method_args(vm, &args, "__and__", 1, 1)?;
    match (a, &rest[0]) {
        (Value::Bool(x), Value::Bool(y)) => Ok(Value::bool(match op {
            0 => x.get() & y.get(),
            1 => x.get() | y.get(),
            _ => x.get() ^ y.get(),
        })),
        _ => {
            let bop = match op {
                0 => crate::ops::BinOp::And,
                1 => crate::ops::BinOp::Or,
                _ => crate::ops::BinOp::Xor,
            };
            match (
                crate::objects::int::as_int(a),
                crate::objects::int::as_int(&rest[0]),
            ) {
                (Some(x), Some(y)) => crate::objects::int::int_binop(vm, x, y, bop),
                _ => Ok(vm.not_implemented.clone()),
            }
        }
    }
}
