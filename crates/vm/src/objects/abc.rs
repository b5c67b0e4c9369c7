//! The parts of `abc` the core needs: `__abstractmethods__` bookkeeping (instantiating a class
//! with abstract methods is refused) and the mapping/sequence registrations `match` consults.

use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Whether a class has been registered as a mapping for `match` (not modelled: only dict
/// subclasses match mapping patterns).
pub fn registered_mapping(vm: &Vm, class: &Obj) -> bool {
    flag(vm, class, "__abc_tpflags__", 1 << 6)
}

pub fn registered_sequence(vm: &Vm, class: &Obj) -> bool {
    flag(vm, class, "__abc_tpflags__", 1 << 5)
}

fn flag(vm: &Vm, class: &Obj, name: &str, bit: i64) -> bool {
    let Some(t) = type_object(class) else {
        return false;
    };
    for c in t.mro.borrow().iter() {
        if let Some(ct) = type_object(c) {
            let key = vm.intern(name);
            if let Some(Value::Int(f)) = mapping::table_get_str(vm, &ct.dict.borrow(), &key) {
                return f & bit != 0;
            }
        }
    }
    false
}

/// Recompute whether `cls` is abstract from its `__abstractmethods__`.
pub fn update_abstract(vm: &mut Vm, cls: &Obj) -> PyResult<()> {
    let Some(t) = type_object(cls) else {
        return Ok(());
    };
    let key = vm.names.__abstractmethods__.clone();
    let value = mapping::table_get_str(vm, &t.dict.borrow(), &key);
    let abstract_ = match value {
        Some(v) => {
            let n = vm.len(&v).unwrap_or(0);
            n > 0
        }
        None => false,
    };
    t.abstract_methods.set(abstract_);
    Ok(())
}

/// `Can't instantiate abstract class X without an implementation for abstract method 'f'`.
pub fn abstract_error(vm: &mut Vm, cls: &Obj) -> PyErr {
    let name = crate::types::type_name(cls);
    let key = vm.names.__abstractmethods__.clone();
    let methods = type_object(cls)
        .and_then(|t| mapping::table_get_str(vm, &t.dict.borrow(), &key))
        .and_then(|v| vm.collect(&v).ok())
        .unwrap_or_default();
    let mut names: Vec<String> = methods.iter().map(|m| vm.str_lossy(m)).collect();
    names.sort();
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let s = if names.len() == 1 { "" } else { "s" };
    let _ = Payload::Singleton("");
    vm.type_error(format!(
        "Can't instantiate abstract class {name} without an implementation for abstract method{s} {}",
        quoted.join(", ")
    ))
}
