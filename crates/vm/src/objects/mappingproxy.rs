//! `mappingproxy`: the read-only view of a mapping that `C.__dict__` gives (and
//! `types.MappingProxyType(m)` makes). Reads go to the mapping; there is no `__setitem__` or
//! `__delitem__`, so stores fail with CPython's "'mappingproxy' object does not support item
//! assignment".
//!
//! A proxy of a class's namespace holds the class itself: type namespaces are tables inside
//! the type object rather than dict objects, so lookups read the table, and the operations that
//! need a whole mapping (`keys()`, iteration, `copy()`, `==`) work on a fresh dict of its items.

use crate::argparse;
use crate::error::PyResult;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// A proxy of `target` (a mapping, or a type object for its namespace).
pub fn new_proxy(vm: &Vm, target: Value) -> Value {
    Value::Obj(Obj::new(
        vm.types.mappingproxy.clone(),
        Payload::MappingProxy(target),
    ))
}

fn target_of(vm: &Vm, proxy: &Value) -> PyResult<Value> {
    match proxy.payload() {
        Some(Payload::MappingProxy(t)) => Ok(t.clone()),
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'mappingproxy' object but received a '{}'",
            vm.type_name(proxy)
        ))),
    }
}

/// [`target_of`] for a method called on the wrong receiver, with CPython's wording.
fn check_receiver(vm: &Vm, proxy: &Value, name: &str) -> PyResult<()> {
    match proxy.payload() {
        Some(Payload::MappingProxy(_)) => Ok(()),
        _ => Err(crate::objects::receiver_error(
            vm,
            "mappingproxy",
            name,
            Some(proxy),
        )),
    }
}

/// The proxied mapping as a mapping object: a type's namespace becomes a new dict of its items.
fn mapping_of(vm: &mut Vm, proxy: &Value) -> PyResult<Value> {
    let target = target_of(vm, proxy)?;
    let Some(t) = target.as_obj().and_then(type_object) else {
        return Ok(target);
    };
    let items = t.dict.borrow().items();
    let d = vm.new_dict();
    for (k, v) in items {
        mapping::dict_set(vm, &d, k, v)?;
    }
    Ok(Value::Obj(d))
}

/// `proxy[key]` without building anything: `None` when absent.
fn lookup(vm: &mut Vm, proxy: &Value, key: &Value) -> PyResult<Option<Value>> {
    let target = target_of(vm, proxy)?;
    if let Some(t) = target.as_obj().and_then(type_object) {
        if key.as_str_obj().is_none() {
            vm.hash(key)?;
            return Ok(None);
        }
        return Ok(mapping::table_get_str(vm, &t.dict.borrow(), key));
    }
    if let Value::Obj(d) = &target
        && matches!(d.payload(), Payload::Dict(_))
    {
        return mapping::dict_get(vm, d, key);
    }
    match vm.get_item(&target, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.is_instance_of(&e.value(), &vm.exc.key_error.clone()) => Ok(None),
        Err(e) => Err(e),
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.mappingproxy.clone();
    staticmethod(vm, &t, "__new__", |vm, a| {
        let b = argparse::bind(vm, &a, "mappingproxy", &["cls", "mapping"], 2)?;
        let m = b[1].clone().unwrap_or(Value::None);
        let class = vm.class_of(&m);
        let getitem = vm.names.__getitem__.clone();
        let is_sequence = m.as_str_obj().is_some()
            || matches!(m.payload(), Some(Payload::List(_) | Payload::Tuple(_)));
        if is_sequence || crate::ops::attr::type_lookup(vm, &class, &getitem).is_none() {
            return Err(vm.type_error(format!(
                "mappingproxy() argument must be a mapping, not {}",
                vm.type_name(&m)
            )));
        }
        Ok(new_proxy(vm, m))
    });
    method(vm, &t, "__getitem__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__getitem__", 1, 1)?;
        check_receiver(vm, this, "__getitem__")?;
        match lookup(vm, this, &rest[0])? {
            Some(v) => Ok(v),
            None => Err(vm.key_error(rest[0].clone())),
        }
    });
    method(vm, &t, "get", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "get", 1, 2)?;
        check_receiver(vm, this, "get")?;
        let default = rest.get(1).cloned().unwrap_or(Value::None);
        Ok(lookup(vm, this, &rest[0])?.unwrap_or(default))
    });
    method(vm, &t, "__contains__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
        check_receiver(vm, this, "__contains__")?;
        let target = target_of(vm, this)?;
        if target.as_obj().and_then(type_object).is_some() {
            return Ok(Value::bool(lookup(vm, this, &rest[0])?.is_some()));
        }
        Ok(Value::bool(vm.contains(&target, &rest[0])?))
    });
    method(vm, &t, "__len__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__len__", 0, 0)?;
        check_receiver(vm, this, "__len__")?;
        let target = target_of(vm, this)?;
        if let Some(t) = target.as_obj().and_then(type_object) {
            return Ok(Value::Int(t.dict.borrow().len() as i64));
        }
        Ok(Value::Int(vm.len(&target)? as i64))
    });
    method(vm, &t, "__iter__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
        check_receiver(vm, this, "__iter__")?;
        let m = mapping_of(vm, this)?;
        vm.iter(&m)
    });
    for name in ["keys", "values", "items", "copy", "__reversed__"] {
        let f: crate::function::NativeFn = match name {
            "keys" => |vm, a| delegate(vm, a, "keys"),
            "values" => |vm, a| delegate(vm, a, "values"),
            "items" => |vm, a| delegate(vm, a, "items"),
            "copy" => |vm, a| delegate(vm, a, "copy"),
            _ => |vm, a| delegate(vm, a, "__reversed__"),
        };
        method(vm, &t, name, f);
    }
    method(vm, &t, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        check_receiver(vm, this, "__repr__")?;
        let m = mapping_of(vm, this)?;
        let inner = vm.repr_string(&m)?;
        Ok(vm.new_string(format!("mappingproxy({inner})")))
    });
    method(vm, &t, "__str__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__str__", 0, 0)?;
        check_receiver(vm, this, "__str__")?;
        let m = mapping_of(vm, this)?;
        let s = vm.str_string(&m)?;
        Ok(vm.new_string(s))
    });
    crate::objects::comparison_methods!(vm, &t, |vm, a, op| compare(vm, a, op));
    method(vm, &t, "__or__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__or__", 1, 1)?;
        check_receiver(vm, this, "__or__")?;
        let other = match rest[0].payload() {
            Some(Payload::MappingProxy(_)) => mapping_of(vm, &rest[0])?,
            _ => rest[0].clone(),
        };
        let m = mapping_of(vm, this)?;
        let copy = vm.call_method(&m, "copy", &[])?;
        vm.call_method(&copy, "__ior__", &[other])
    });
}

/// `proxy.keys()` and friends: the method of the proxied mapping.
fn delegate(vm: &mut Vm, a: crate::function::Args<'_>, name: &str) -> PyResult {
    let (this, _) = argparse::method_args(vm, &a, name, 0, 0)?;
    check_receiver(vm, this, name)?;
    let m = mapping_of(vm, this)?;
    vm.call_method(&m, name, &[])
}

/// Comparisons compare the proxied mapping with the other operand.
fn compare(vm: &mut Vm, a: crate::function::Args<'_>, op: crate::ops::CompareOp) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
    check_receiver(vm, this, "__eq__")?;
    let m = mapping_of(vm, this)?;
    let other = match rest[0].payload() {
        Some(Payload::MappingProxy(_)) => mapping_of(vm, &rest[0])?,
        _ => rest[0].clone(),
    };
    vm.rich_compare(&m, &other, op)
}
