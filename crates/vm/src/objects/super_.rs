//! `super`: attribute lookup starting after a class in an instance's MRO.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::ops::attr;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// `super(class, obj_or_type)`.
pub fn new_super(vm: &mut Vm, class: &Value, receiver: &Value) -> PyResult {
    let Value::Obj(this_class) = class else {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(class)
        )));
    };
    if !matches!(this_class.payload(), Payload::Type(_)) {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(class)
        )));
    }
    // The type whose MRO is searched: the receiver's class, or the receiver if it is a
    // subclass of `class`.
    let receiver_type = match receiver {
        Value::Obj(r) if matches!(r.payload(), Payload::Type(_)) && vm.is_subclass(r, this_class) => r.clone(),
        _ => {
            let c = vm.class_of(receiver);
            if !vm.is_subclass(&c, this_class) {
                return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
            }
            c
        }
    };
    Ok(Value::Obj(Obj::new(
        vm.types.super_.clone(),
        Payload::Super { this_class: this_class.clone(), receiver: receiver.clone(), receiver_type },
    )))
}

/// The attribute `name` found after `this_class` in the receiver type's MRO, with the class
/// that defines it.
pub fn super_find(vm: &mut Vm, sup: &Obj, name: &Value) -> Option<(Value, Obj)> {
    let Payload::Super { this_class, receiver_type, .. } = sup.payload() else { return None };
    let mro = type_object(receiver_type)?.mro.borrow().clone();
    let start = mro.iter().position(|c| c.is(this_class))? + 1;
    for c in &mro[start..] {
        if let Some(t) = type_object(c) {
            if let Some(v) = crate::ops::mapping::table_get_str(vm, &t.dict.borrow(), name) {
                return Some((v, c.clone()));
            }
        }
    }
    None
}

pub fn super_get_attr(vm: &mut Vm, sup: &Obj, name: &Value) -> PyResult<Option<Value>> {
    let Payload::Super { receiver, receiver_type, .. } = sup.payload() else { return Ok(None) };
    let is_class_name = vm.str_lossy(name) == "__class__";
    if !is_class_name {
        if let Some((v, _owner)) = super_find(vm, sup, name) {
            let receiver = receiver.clone();
            let receiver_type = receiver_type.clone();
            // Bind as the found attribute would be bound on the receiver.
            let inst = if receiver.is(&Value::Obj(receiver_type.clone())) { None } else { Some(&receiver) };
            return attr::bind(vm, v, inst, &receiver_type).map(Some);
        }
    }
    let class = vm.types.super_.clone();
    let sup_v = Value::Obj(sup.clone());
    if let Some(v) = attr::type_lookup(vm, &class, name) {
        return attr::bind(vm, v, Some(&sup_v), &class).map(Some);
    }
    crate::objects::getset::native_attribute(vm, &sup_v, name)
}

pub(crate) fn init(vm: &mut Vm) {
    let s = vm.types.super_.clone();
    staticmethod(vm, &s, "__new__", |vm, a| {
        let rest = Args { values: &a.values[1..], kwnames: a.kwnames };
        let pos = argparse::between(vm, &rest, "super", 0, 2)?;
        match pos.len() {
            0 => Err(vm.runtime_error("super(): no arguments")),
            1 => Err(vm.type_error("super() with one argument is not supported by Taipan yet")),
            _ => new_super(vm, &pos[0], &pos[1]),
        }
    });
    method(vm, &s, "__init__", |_vm, _a| Ok(Value::None));
    method(vm, &s, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::Super { this_class, receiver_type, .. }) = this.payload() else { return Ok(Value::None) };
        let text = format!(
            "<super: <class '{}'>, <{} object>>",
            crate::types::type_name(this_class),
            crate::types::type_name(receiver_type)
        );
        Ok(vm.new_string(text))
    });
}
