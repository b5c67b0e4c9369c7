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
        Value::Obj(r)
            if matches!(r.payload(), Payload::Type(_)) && vm.is_subclass(r, this_class) =>
        {
            r.clone()
        }
        _ => {
            let c = vm.class_of(receiver);
            if !vm.is_subclass(&c, this_class) {
                // As CPython's supercheck: a proxy's `__class__` may still qualify.
                let class_name = vm.names.__class__.clone();
                let proxied = match attr::get_attr_opt(vm, receiver, &class_name)? {
                    Some(Value::Obj(pc))
                        if matches!(pc.payload(), Payload::Type(_))
                            && vm.is_subclass(&pc, this_class) =>
                    {
                        Some(pc)
                    }
                    _ => None,
                };
                match proxied {
                    Some(pc) => pc,
                    None => {
                        let what = match receiver.payload() {
                            Some(Payload::Type(t)) => format!("type {}", t.name()),
                            _ => format!("instance of {}", vm.type_name(receiver)),
                        };
                        return Err(vm.type_error(format!(
                            "super(type, obj): obj ({what}) is not an instance or subtype of type ({}).",
                            crate::types::type_name(this_class)
                        )));
                    }
                }
            } else {
                c
            }
        }
    };
    Ok(Value::Obj(Obj::new(
        vm.types.super_.clone(),
        Payload::Super {
            this_class: this_class.clone(),
            receiver: receiver.clone(),
            receiver_type,
        },
    )))
}

/// `super(class)`: an unbound super object, bound later by its `__get__`. It is marked by a
/// `receiver_type` that is the `super` type itself (no MRO search can start there).
pub fn new_unbound_super(vm: &mut Vm, class: &Value) -> PyResult {
    let this_class = match class {
        Value::Obj(c) if matches!(c.payload(), Payload::Type(_)) => c.clone(),
        _ => {
            return Err(vm.type_error(format!(
                "super() argument 1 must be a type, not {}",
                vm.type_name(class)
            )));
        }
    };
    Ok(Value::Obj(Obj::new(
        vm.types.super_.clone(),
        Payload::Super {
            this_class,
            receiver: Value::None,
            receiver_type: vm.types.super_.clone(),
        },
    )))
}

fn is_unbound(vm: &Vm, sup: &Obj) -> bool {
    matches!(sup.payload(), Payload::Super { receiver_type, .. } if receiver_type.is(&vm.types.super_))
}

/// `super()` with no arguments, inside a function: the class is the function's `__class__`
/// cell and the receiver its first argument, with CPython's `RuntimeError`s when either is
/// missing (`super(): no arguments`, `super(): arg[0] deleted`, `super(): __class__ cell not
/// found`, `super(): empty __class__ cell`).
pub fn zero_arg_super(vm: &mut Vm, frame: &crate::frame::Frame) -> PyResult {
    let code = &frame.code;
    if code.object.argcount == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let first = match frame.locals.first().cloned().flatten() {
        // A first argument captured by a closure lives in a cell (after `MAKE_CELL`).
        Some(Value::Obj(o))
            if code
                .localsplus_kinds
                .first()
                .is_some_and(|k| k.is(taipan_bytecode::LocalKind::CELL)) =>
        {
            match o.payload() {
                Payload::Cell(c) => c.borrow().clone(),
                _ => Some(Value::Obj(o.clone())),
            }
        }
        other => other,
    };
    let Some(first) = first else {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    };
    let mut class_cell = None;
    for (i, (name, kind)) in code
        .localsplus_names
        .iter()
        .zip(code.localsplus_kinds.iter())
        .enumerate()
    {
        if kind.is(taipan_bytecode::LocalKind::FREE)
            && name
                .as_str_obj()
                .is_some_and(|s| s.as_str() == Some("__class__"))
        {
            class_cell = Some(frame.locals.get(i).cloned().flatten());
            break;
        }
    }
    let Some(cell) = class_cell else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let class = match cell {
        Some(Value::Obj(c)) => match c.payload() {
            Payload::Cell(inner) => inner.borrow().clone(),
            _ => Some(Value::Obj(c.clone())),
        },
        other => other,
    };
    let Some(class) = class else {
        return Err(vm.runtime_error("super(): empty __class__ cell"));
    };
    if !matches!(class.payload(), Some(Payload::Type(_))) {
        return Err(vm.runtime_error(format!(
            "super(): __class__ is not a type ({})",
            vm.type_name(&class)
        )));
    }
    new_super(vm, &class, &first)
}

/// The attribute `name` found after `this_class` in the receiver type's MRO, with the class
/// that defines it.
pub fn super_find(vm: &mut Vm, sup: &Obj, name: &Value) -> Option<(Value, Obj)> {
    let Payload::Super {
        this_class,
        receiver_type,
        ..
    } = sup.payload()
    else {
        return None;
    };
    if is_unbound(vm, sup) {
        return None;
    }
    let mro = type_object(receiver_type)?.mro.borrow().clone();
    let start = mro.iter().position(|c| c.is(this_class))? + 1;
    for c in &mro[start..] {
        if let Some(t) = type_object(c)
            && let Some(v) = crate::ops::mapping::table_get_str(vm, &t.dict.borrow(), name)
        {
            return Some((v, c.clone()));
        }
    }
    None
}

pub fn super_get_attr(vm: &mut Vm, sup: &Obj, name: &Value) -> PyResult<Option<Value>> {
    let Payload::Super {
        receiver,
        receiver_type,
        ..
    } = sup.payload()
    else {
        return Ok(None);
    };
    let is_class_name = vm.str_lossy(name) == "__class__";
    if !is_class_name && let Some((v, _owner)) = super_find(vm, sup, name) {
        let receiver = receiver.clone();
        let receiver_type = receiver_type.clone();
        // Bind as the found attribute would be bound on the receiver.
        let inst = if receiver.is(&Value::Obj(receiver_type.clone())) {
            None
        } else {
            Some(&receiver)
        };
        return attr::bind(vm, v, inst, &receiver_type).map(Some);
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
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let pos = argparse::between(vm, &rest, "super", 0, 2)?;
        match pos.len() {
            0 => Err(vm.runtime_error("super(): no arguments")),
            1 => new_unbound_super(vm, &pos[0]),
            _ => new_super(vm, &pos[0], &pos[1]),
        }
    });
    method(vm, &s, "__init__", |_vm, _a| Ok(Value::None));
    method(vm, &s, "__get__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
        let Some(Payload::Super { this_class, .. }) = this.payload() else {
            return Ok(Value::None);
        };
        let unbound = this.as_obj().is_some_and(|o| is_unbound(vm, o));
        if !unbound || rest[0].is_none() {
            return Ok(this.clone());
        }
        let class = Value::Obj(this_class.clone());
        new_super(vm, &class, &rest[0])
    });
    method(vm, &s, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::Super {
            this_class,
            receiver_type,
            ..
        }) = this.payload()
        else {
            return Ok(Value::None);
        };
        let text = if receiver_type.is(&vm.types.super_) {
            format!(
                "<super: <class '{}'>, NULL>",
                crate::types::type_name(this_class)
            )
        } else {
            format!(
                "<super: <class '{}'>, <{} object>>",
                crate::types::type_name(this_class),
                crate::types::type_name(receiver_type)
            )
        };
        Ok(vm.new_string(text))
    });
}
