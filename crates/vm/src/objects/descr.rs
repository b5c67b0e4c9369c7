//! `property`, `classmethod`, `staticmethod`: the descriptor types Python code uses.

use std::cell::RefCell;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{Payload, PropertyData};
use crate::objects::{method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

fn new_property(
    vm: &Vm,
    class: Obj,
    fget: Value,
    fset: Value,
    fdel: Value,
    doc: Value,
    name: Value,
) -> Value {
    let _ = vm;
    Value::Obj(Obj::with_dict(
        class,
        None,
        Payload::Property(Box::new(PropertyData {
            fget,
            fset,
            fdel,
            doc,
            name: RefCell::new(name),
        })),
    ))
}

fn prop(v: &Value) -> Option<&PropertyData> {
    match v.payload() {
        Some(Payload::Property(p)) => Some(p),
        _ => None,
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let p = vm.types.property.clone();
    staticmethod(vm, &p, "__new__", |vm, a| {
        let Some(Value::Obj(cls)) = a.values.first() else {
            return Ok(Value::None);
        };
        let cls = cls.clone();
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let b = argparse::bind(vm, &rest, "property", &["fget", "fset", "fdel", "doc"], 0)?;
        let get = |i: usize| b[i].clone().unwrap_or(Value::None);
        let mut doc = get(3);
        if doc.is_none() && !get(0).is_none() {
            let dn = vm.names.__doc__.clone();
            doc = crate::ops::attr::get_attr_opt(vm, &get(0), &dn)?.unwrap_or(Value::None);
        }
        Ok(new_property(
            vm,
            cls,
            get(0),
            get(1),
            get(2),
            doc,
            Value::None,
        ))
    });
    method(vm, &p, "__get__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
        if rest[0].is_none() {
            return Ok(this.clone());
        }
        let owner = vm.class_of(&rest[0]);
        crate::ops::attr::bind(vm, this.clone(), Some(&rest[0]), &owner)
    });
    method(vm, &p, "__set__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__set__", 2, 2)?;
        let Some(pd) = prop(this) else {
            return Ok(Value::None);
        };
        if pd.fset.is_none() {
            return Err(vm.attribute_error("property has no setter"));
        }
        let f = pd.fset.clone();
        vm.call(&f, Args::new(&[rest[0].clone(), rest[1].clone()]))?;
        Ok(Value::None)
    });
    method(vm, &p, "__delete__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__delete__", 1, 1)?;
        let Some(pd) = prop(this) else {
            return Ok(Value::None);
        };
        if pd.fdel.is_none() {
            return Err(vm.attribute_error("property has no deleter"));
        }
        let f = pd.fdel.clone();
        vm.call(&f, Args::new(&[rest[0].clone()]))?;
        Ok(Value::None)
    });
    method(vm, &p, "__set_name__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__set_name__", 2, 2)?;
        if let Some(pd) = prop(this) {
            *pd.name.borrow_mut() = rest[1].clone();
        }
        Ok(Value::None)
    });
    init_member(vm);
    for (name, which) in [("getter", 0usize), ("setter", 1), ("deleter", 2)] {
        let f: crate::function::NativeFn = match which {
            0 => |vm, a| copy_with(vm, a, 0),
            1 => |vm, a| copy_with(vm, a, 1),
            _ => |vm, a| copy_with(vm, a, 2),
        };
        method(vm, &p, name, f);
    }
    let cm = vm.types.classmethod.clone();
    staticmethod(vm, &cm, "__new__", |vm, a| {
        let Some(Value::Obj(cls)) = a.values.first() else {
            return Ok(Value::None);
        };
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let pos = argparse::between(vm, &rest, "classmethod", 1, 1)?;
        Ok(Value::Obj(Obj::with_dict(
            cls.clone(),
            Some(vm.new_dict()),
            Payload::ClassMethod(pos[0].clone()),
        )))
    });
    method(vm, &cm, "__get__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
        let Some(Payload::ClassMethod(f)) = this.payload() else {
            return Ok(Value::None);
        };
        let owner = match rest.get(1) {
            Some(o) if !o.is_none() => o.clone(),
            _ => Value::Obj(vm.class_of(&rest[0])),
        };
        Ok(vm.new_bound_method(f.clone(), owner))
    });
    let sm = vm.types.staticmethod.clone();
    staticmethod(vm, &sm, "__new__", |vm, a| {
        let Some(Value::Obj(cls)) = a.values.first() else {
            return Ok(Value::None);
        };
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let pos = argparse::between(vm, &rest, "staticmethod", 1, 1)?;
        Ok(Value::Obj(Obj::with_dict(
            cls.clone(),
            Some(vm.new_dict()),
            Payload::StaticMethod(pos[0].clone()),
        )))
    });
    method(vm, &sm, "__get__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
        let Some(Payload::StaticMethod(f)) = this.payload() else {
            return Ok(Value::None);
        };
        Ok(f.clone())
    });
    method(vm, &sm, "__call__", |vm, a| {
        let Some(Payload::StaticMethod(f)) = a.values.first().and_then(|v| v.payload()) else {
            return Ok(Value::None);
        };
        let f = f.clone();
        vm.call(
            &f,
            Args {
                values: &a.values[1..],
                kwnames: a.kwnames,
            },
        )
    });
    for class in [cm, sm] {
        method(vm, &class, "__init__", |_vm, _a| Ok(Value::None));
    }
}

fn copy_with(vm: &mut Vm, args: Args<'_>, which: usize) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "setter", 1, 1)?;
    let Some(pd) = prop(this) else {
        return Ok(Value::None);
    };
    let mut parts = [pd.fget.clone(), pd.fset.clone(), pd.fdel.clone()];
    parts[which] = rest[0].clone();
    let class = vm.class_of(this);
    let [g, s, d] = parts;
    let doc = pd.doc.clone();
    let name = pd.name.borrow().clone();
    Ok(new_property(vm, class, g, s, d, doc, name))
}

/// `member_descriptor` (a `__slots__` entry): `__get__`/`__set__`/`__delete__` called
/// explicitly do what attribute access on the instance does.
fn init_member(vm: &mut Vm) {
    let m = vm.types.member_descriptor.clone();
    method(vm, &m, "__get__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
        if rest[0].is_none() {
            return Ok(this.clone());
        }
        member_check(vm, this, &rest[0])?;
        let owner = vm.class_of(&rest[0]);
        crate::ops::attr::bind(vm, this.clone(), Some(&rest[0]), &owner)
    });
    method(vm, &m, "__set__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__set__", 2, 2)?;
        member_check(vm, this, &rest[0])?;
        let name = member_name(this);
        crate::ops::attr::descriptor_set(vm, this, &rest[0], &name, Some(rest[1].clone()))?;
        Ok(Value::None)
    });
    method(vm, &m, "__delete__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__delete__", 1, 1)?;
        member_check(vm, this, &rest[0])?;
        let name = member_name(this);
        crate::ops::attr::descriptor_set(vm, this, &rest[0], &name, None)?;
        Ok(Value::None)
    });
    method(vm, &m, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::Member { name, owner, .. }) = this.payload() else {
            return Ok(Value::None);
        };
        let text = format!(
            "<member '{}' of '{}' objects>",
            vm.str_lossy(&name.clone()),
            crate::types::type_name(owner)
        );
        Ok(vm.new_string(text))
    });
}

fn member_name(member: &Value) -> Value {
    match member.payload() {
        Some(Payload::Member { name, .. }) => name.clone(),
        _ => Value::None,
    }
}

/// CPython's descr_check: the instance must be of the slot's class.
pub(crate) fn member_check(vm: &mut Vm, member: &Value, instance: &Value) -> PyResult<()> {
    let Some(Payload::Member { name, owner, .. }) = member.payload() else {
        return Ok(());
    };
    let class = vm.class_of(instance);
    if vm.is_subclass(&class, owner) {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        vm.str_lossy(&name.clone()),
        crate::types::type_name(owner),
        vm.type_name(instance)
    )))
}
