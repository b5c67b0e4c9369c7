//! `getset_descriptor`: a built-in attribute that lives in an object's payload (`int.real`,
//! `type.__name__`, an instance's `__dict__`), shown as a descriptor in its type's namespace
//! as CPython shows it (`int.__dict__['real']`, `type.__dict__['__dict__']`,
//! `C.__dict__['__weakref__']`).
//!
//! Attribute access through one reads or writes the payload ([`crate::objects::getset`]'s
//! `native_attribute`/`native_set_attribute`); being data descriptors, they win over an
//! instance dict, as CPython's do. Only the attributes listed in [`install`] (and a class's
//! `__dict__`/`__weakref__`) have one; the other native attributes are still answered after
//! the namespace lookups fail.

use crate::argparse;
use crate::error::PyResult;
use crate::object::Payload;
use crate::objects::{method, set_type_attr};
use crate::ops::mapping;
use crate::types::{Layout, type_object};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// The getset descriptors of the built-in types, by type.
pub(crate) fn install(vm: &mut Vm) {
    let t = vm.types.getset_descriptor.clone();
    method(vm, &t, "__get__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
        let Some(Payload::GetSet { name, owner }) = this.payload() else {
            return Ok(this.clone());
        };
        if rest[0].is_none() {
            if rest.get(1).is_some_and(Value::is_none) {
                return Err(vm.type_error("__get__(None, None) is invalid"));
            }
            return Ok(this.clone());
        }
        getset_get(vm, name, owner, &rest[0])
    });
    method(vm, &t, "__set__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__set__", 2, 2)?;
        let Some(Payload::GetSet { name, owner }) = this.payload() else {
            return Ok(Value::None);
        };
        if !getset_set(vm, name, owner, &rest[0], Some(rest[1].clone()))? {
            let n = name.clone();
            crate::ops::set_attr(vm, &rest[0], &n, rest[1].clone())?;
        }
        Ok(Value::None)
    });
    method(vm, &t, "__delete__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__delete__", 1, 1)?;
        let Some(Payload::GetSet { name, owner }) = this.payload() else {
            return Ok(Value::None);
        };
        if !getset_set(vm, name, owner, &rest[0], None)? {
            let n = name.clone();
            crate::ops::del_attr(vm, &rest[0], &n)?;
        }
        Ok(Value::None)
    });
    method(vm, &t, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::GetSet { name, owner }) = this.payload() else {
            return Ok(Value::None);
        };
        let text = format!(
            "<attribute '{}' of '{}' objects>",
            vm.str_lossy(&name.clone()),
            crate::types::type_name(owner)
        );
        Ok(vm.new_string(text))
    });
    let table: [(Obj, &[&str]); 3] = [
        (
            vm.types.type_.clone(),
            &[
                "__name__",
                "__qualname__",
                "__bases__",
                "__mro__",
                "__dict__",
            ],
        ),
        (
            vm.types.int.clone(),
            &["real", "imag", "numerator", "denominator"],
        ),
        (vm.types.float.clone(), &["real", "imag"]),
    ];
    for (owner, names) in table {
        for name in names {
            let d = new_getset(vm, name, &owner);
            set_type_attr(vm, &owner, name, d);
        }
    }
}

fn new_getset(vm: &Vm, name: &str, owner: &Obj) -> Value {
    let name = vm.intern(name);
    Value::Obj(Obj::new(
        vm.types.getset_descriptor.clone(),
        Payload::GetSet {
            name,
            owner: owner.clone(),
        },
    ))
}

/// CPython's descr_check: a getset applies to instances of its type only.
fn check(vm: &mut Vm, name: &Value, owner: &Obj, instance: &Value) -> PyResult<()> {
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

/// `descr.__get__(instance)`: the payload attribute.
pub fn getset_get(vm: &mut Vm, name: &Value, owner: &Obj, instance: &Value) -> PyResult {
    check(vm, name, owner, instance)?;
    let name_value = name.clone();
    // No weak references are kept: a class's `__weakref__` slot always reads None.
    if name
        .as_str_obj()
        .is_some_and(|s| s.as_str() == Some("__weakref__"))
    {
        return Ok(Value::None);
    }
    match crate::objects::getset::native_attribute(vm, instance, &name_value)? {
        Some(v) => Ok(v),
        None => Err(crate::ops::attr::attribute_missing(
            vm,
            instance,
            &name_value,
        )),
    }
}

/// Store into (or delete, `value` None) the payload attribute. `Ok(false)` when a type's
/// attribute is not a payload one (the type's own rules then store it).
pub fn getset_set(
    vm: &mut Vm,
    name: &Value,
    owner: &Obj,
    instance: &Value,
    value: Option<Value>,
) -> PyResult<bool> {
    check(vm, name, owner, instance)?;
    let name_value = name.clone();
    let is_type = matches!(instance.payload(), Some(Payload::Type(_)));
    let is_dict = name
        .as_str_obj()
        .is_some_and(|s| s.as_str() == Some("__dict__"));
    if is_dict
        && !is_type
        && let Some(d) = crate::ops::attr::instance_dict(instance)
    {
        return replace_instance_dict(vm, &d, value).map(|()| true);
    }
    if crate::objects::getset::native_set_attribute(vm, instance, &name_value, value)?.is_some() {
        return Ok(true);
    }
    let fixed = name
        .as_str_obj()
        .is_some_and(|s| matches!(s.as_str(), Some("__dict__" | "__mro__")));
    if is_type && !fixed {
        return Ok(false);
    }
    Err(vm.attribute_error(format!(
        "attribute '{}' of '{}' objects is not writable",
        vm.str_lossy(&name_value),
        crate::types::type_name(owner)
    )))
}

/// `obj.__dict__ = d`: the instance's dict takes `d`'s items (the dict object itself stays, as
/// Taipan keeps it in the object's box; CPython would adopt `d`).
fn replace_instance_dict(vm: &mut Vm, dict: &Obj, value: Option<Value>) -> PyResult<()> {
    let Some(value) = value else {
        return Err(vm.type_error("cannot delete __dict__"));
    };
    let items = match value.payload() {
        Some(Payload::Dict(d)) => d.borrow().items(),
        _ => {
            return Err(vm.type_error(format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                vm.type_name(&value)
            )));
        }
    };
    if let Payload::Dict(d) = dict.payload() {
        let old = std::mem::take(&mut *d.borrow_mut());
        drop(old);
    }
    for (k, v) in items {
        mapping::dict_set(vm, dict, k, v)?;
    }
    Ok(())
}

/// Finish a new class's namespace as CPython's `type_new`: `__qualname__` leaves it (it is the
/// type's own attribute), the `__dict__` and `__weakref__` descriptors join it when the class is
/// the first of its line to give instances a dict or weak references (`dict_slot`/`weakref_slot`:
/// whether `__slots__` names them; `has_slots`: whether there is a `__slots__`), and
/// `__doc__` is None when the body set none.
pub(crate) fn finish_class_namespace(
    vm: &mut Vm,
    cls: &Obj,
    has_slots: bool,
    dict_slot: bool,
    weakref_slot: bool,
) {
    let Some(t) = type_object(cls) else { return };
    let qualname = vm.names.__qualname__.clone();
    remove_entry(vm, t, &qualname);
    let dict_name = vm.names.__dict__.clone();
    let weakref_name = vm.intern("__weakref__");
    let mro: Vec<Obj> = t.mro.borrow().iter().skip(1).cloned().collect();
    let inherited = |vm: &Vm, name: &Value| {
        mro.iter().any(|b| {
            type_object(b)
                .is_some_and(|bt| mapping::table_get_str(vm, &bt.dict.borrow(), name).is_some())
        })
    };
    // The first built-in base other than object decides what its instances already have.
    let solid = mro
        .iter()
        .filter_map(|b| type_object(b))
        .find(|bt| !bt.heap && bt.layout != Layout::Object)
        .map(|bt| bt.layout);
    let base_has_dict = matches!(
        solid,
        Some(Layout::Exception | Layout::Type | Layout::Module | Layout::Function)
    );
    let base_has_weakref = matches!(
        solid,
        Some(
            Layout::Int
                | Layout::Bool
                | Layout::Tuple
                | Layout::Bytes
                | Layout::Set
                | Layout::FrozenSet
                | Layout::Type
                | Layout::Module
                | Layout::Function
        )
    );
    if (!has_slots || dict_slot) && !base_has_dict && !inherited(vm, &dict_name) {
        let d = new_getset(vm, "__dict__", cls);
        set_type_attr(vm, cls, "__dict__", d);
    }
    if (!has_slots || weakref_slot) && !base_has_weakref && !inherited(vm, &weakref_name) {
        let d = new_getset(vm, "__weakref__", cls);
        set_type_attr(vm, cls, "__weakref__", d);
    }
    let doc = vm.intern("__doc__");
    if mapping::table_get_str(vm, &t.dict.borrow(), &doc).is_none() {
        set_type_attr(vm, cls, "__doc__", Value::None);
    }
}

fn remove_entry(vm: &Vm, t: &crate::types::TypeObject, name: &Value) {
    let Some(s) = name.as_str_obj() else {
        return;
    };
    let found = {
        let d = t.dict.borrow();
        match d.probe(s.hash(vm.hash_secret()), name, mapping::native_eq) {
            crate::dict::Probe::Found(i) => Some(i),
            _ => None,
        }
    };
    if let Some(i) = found {
        let old = t.dict.borrow_mut().remove_at(i);
        drop(old);
        vm.types_changed();
    }
}
