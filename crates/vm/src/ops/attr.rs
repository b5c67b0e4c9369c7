//! Attribute access: MRO lookup (cached), the descriptor protocol, instance dicts,
//! `__getattr__`/`__getattribute__`, and the type's own attribute rules.

use crate::error::{PyErr, PyResult};
use crate::function::{Args, NativeKind};
use crate::object::Payload;
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Find `name` along `class`'s MRO, without binding (`_PyType_Lookup`). `name` should be an
/// interned str: the cache is keyed by its address.
pub fn type_lookup(vm: &Vm, class: &Obj, name: &Value) -> Option<Value> {
    type_object(class)?;
    let name_id = match name {
        Value::Str(s) => s.id(),
        Value::Obj(o) => o.id(),
        _ => return None,
    };
    // A global cache as CPython's method cache: indexed by (type, name), each entry holding
    // both (so neither address can be reused while cached) and the type epoch it is valid for.
    let epoch = vm.type_epoch.get();
    let slot = method_cache_slot(class, name_id);
    if let Some(Some(e)) = vm.method_cache.borrow().get(slot)
        && e.epoch == epoch
        && e.class.is(class)
        && e.name.is(name)
    {
        return e.value.clone();
    }
    let found = lookup_uncached(vm, class, name);
    if let Some(entry) = vm.method_cache.borrow_mut().get_mut(slot) {
        *entry = Some(crate::vm::MethodCacheEntry {
            class: class.clone(),
            name: name.clone(),
            epoch,
            value: found.clone(),
        });
    }
    found
}

#[inline]
fn method_cache_slot(class: &Obj, name_id: usize) -> usize {
    let h = (class.id() >> 4).wrapping_mul(0x9E37_79B9) ^ (name_id >> 4);
    h & (crate::vm::METHOD_CACHE_SIZE - 1)
}

fn lookup_uncached(vm: &Vm, class: &Obj, name: &Value) -> Option<Value> {
    let t = type_object(class)?;
    let mro = t.mro.borrow();
    for base in mro.iter() {
        if let Some(bt) = type_object(base) {
            let dict = bt.dict.borrow();
            if let Some(v) = mapping::table_get_str(vm, &dict, name) {
                return Some(v);
            }
        }
    }
    None
}

/// Lookup by Rust string (interns first).
pub fn type_lookup_str(vm: &Vm, class: &Obj, name: &str) -> Option<Value> {
    let name = vm.intern(name);
    type_lookup(vm, class, &name)
}

/// `type(obj).__special__` lookup: bypasses the instance, as CPython's special method lookup.
pub fn lookup_special(vm: &Vm, obj: &Value, name: &Value) -> Option<Value> {
    let class = vm.class_of(obj);
    type_lookup(vm, &class, name)
}

/// Whether a class attribute is a data descriptor (its type defines `__set__` or `__delete__`).
pub fn is_data_descriptor(vm: &Vm, attr: &Value) -> bool {
    match attr {
        Value::Obj(o) => match o.payload() {
            Payload::Property(_) | Payload::Member { .. } | Payload::GetSet { .. } => true,
            Payload::Function(_) | Payload::Native(_) | Payload::StrSub(_) | Payload::Int(_) => {
                false
            }
            Payload::ClassMethod(_) | Payload::StaticMethod(_) => false,
            _ => {
                let class = vm.class_of(attr);
                if type_object(&class).is_some_and(|t| !t.heap) {
                    return false;
                }
                type_lookup(vm, &class, &vm.names.__set__).is_some()
                    || type_lookup(vm, &class, &vm.names.__delete__).is_some()
            }
        },
        _ => false,
    }
}

/// Whether a data descriptor has `__get__`: one with only `__set__` lets the instance dict
/// win on reads (CPython's generic getattr checks `tp_descr_get` before the dict).
fn has_getter(vm: &Vm, attr: &Value) -> bool {
    match attr.payload() {
        Some(Payload::Property(_) | Payload::Member { .. } | Payload::GetSet { .. }) => true,
        _ => {
            let class = vm.class_of(attr);
            !type_object(&class).is_some_and(|t| t.heap)
                || type_lookup(vm, &class, &vm.names.__get__).is_some()
        }
    }
}

/// Call `attr.__get__(instance, owner)` if `attr` is a descriptor; else `attr` itself.
pub fn bind(vm: &mut Vm, attr: Value, instance: Option<&Value>, owner: &Obj) -> PyResult {
    let Value::Obj(o) = &attr else {
        return Ok(attr);
    };
    match o.payload() {
        Payload::Function(_) => match instance {
            Some(inst) => Ok(vm.new_bound_method(attr.clone(), inst.clone())),
            None => Ok(attr),
        },
        Payload::Native(n) => match (n.kind, instance) {
            (NativeKind::Method, Some(inst)) if n.receiver.is_none() => {
                Ok(vm.new_bound_native(o, inst.clone()))
            }
            (NativeKind::ClassMethod, _) if n.receiver.is_none() => {
                Ok(vm.new_bound_native(o, Value::Obj(owner.clone())))
            }
            _ => Ok(attr),
        },
        Payload::ClassMethod(f) => Ok(vm.new_bound_method(f.clone(), Value::Obj(owner.clone()))),
        Payload::StaticMethod(f) => Ok(f.clone()),
        Payload::Property(p) => match instance {
            None => Ok(attr),
            Some(inst) => {
                if p.fget.is_none() {
                    let name = p.name.borrow().clone();
                    let owner_name = vm.type_name(inst);
                    let msg = match name {
                        Value::None => format!("property of '{owner_name}' object has no getter"),
                        n => format!(
                            "property {} of '{owner_name}' object has no getter",
                            vm.repr_string(&n)?
                        ),
                    };
                    return Err(vm.attribute_error(msg));
                }
                let fget = p.fget.clone();
                vm.call(&fget, Args::new(&[inst.clone()]))
            }
        },
        Payload::Member {
            index,
            name,
            owner: member_owner,
        } => match instance {
            None => Ok(attr),
            Some(inst) => {
                crate::objects::descr::member_check(vm, &attr, inst)?;
                let slot = match inst {
                    Value::Obj(io) => match io.payload() {
                        Payload::Instance { slots } => {
                            slots.borrow().get(*index).cloned().flatten()
                        }
                        _ => None,
                    },
                    _ => None,
                };
                slot.ok_or_else(|| {
                    vm.attribute_error(format!(
                        "'{}' object has no attribute '{}'",
                        crate::types::type_name(member_owner),
                        vm.str_lossy(name)
                    ))
                })
            }
        },
        Payload::GetSet { name, owner } => match instance {
            None => Ok(attr),
            Some(inst) => crate::objects::getset_descr::getset_get(vm, name, owner, inst),
        },
        Payload::StrSub(_)
        | Payload::Int(_)
        | Payload::Tuple(_)
        | Payload::Dict(_)
        | Payload::List(_)
        | Payload::Type(_)
        | Payload::Module(_) => Ok(attr),
        _ => {
            let class = vm.class_of(&attr);
            if type_object(&class).is_some_and(|t| !t.heap) {
                return Ok(attr);
            }
            match type_lookup(vm, &class, &vm.names.__get__) {
                Some(get) => {
                    let inst = instance.cloned().unwrap_or(Value::None);
                    vm.call(
                        &get,
                        Args::new(&[attr.clone(), inst, Value::Obj(owner.clone())]),
                    )
                }
                None => Ok(attr),
            }
        }
    }
}

/// The instance `__dict__` of `obj`, if it has one.
pub fn instance_dict(obj: &Value) -> Option<Obj> {
    match obj {
        Value::Obj(o) => match o.payload() {
            Payload::Module(m) => Some(m.dict.clone()),
            Payload::Function(f) => f.dict.borrow().clone(),
            _ => o.dict().cloned(),
        },
        _ => None,
    }
}

/// `getattr(obj, name)`: an `AttributeError` raised on the way (by a property, a
/// `__getattr__`, a slot) propagates as it is, as in CPython.
pub fn get_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult {
    match lookup_attr(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(attribute_missing(vm, obj, name)),
    }
}

/// The `AttributeError` CPython raises for a missing attribute, with `name` and `obj` set.
pub fn attribute_missing(vm: &mut Vm, obj: &Value, name: &Value) -> PyErr {
    let name_text = vm.str_lossy(name);
    let message = match obj {
        Value::Obj(o) => match o.payload() {
            Payload::Type(t) => {
                format!("type object '{}' has no attribute '{name_text}'", t.name())
            }
            Payload::Module(m) => {
                let modname = mapping::dict_get_str(vm, &m.dict, "__name__")
                    .map(|n| vm.str_lossy(&n))
                    .unwrap_or_else(|| "?".to_owned());
                format!("module '{modname}' has no attribute '{name_text}'")
            }
            _ => format!(
                "'{}' object has no attribute '{name_text}'",
                vm.type_name(obj)
            ),
        },
        _ => format!(
            "'{}' object has no attribute '{name_text}'",
            vm.type_name(obj)
        ),
    };
    let e = vm.new_exception(&vm.exc.attribute_error, vec![vm.new_string(message)]);
    let _ = set_attr_raw(vm, &e, "name", name.clone());
    let _ = set_attr_raw(vm, &e, "obj", obj.clone());
    PyErr::new(e)
}

/// `getattr(obj, name, <missing>)`: `Ok(None)` when the attribute does not exist
/// (an `AttributeError` was raised and swallowed, as CPython's `_PyObject_LookupAttr`).
pub fn get_attr_opt(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    match lookup_attr(vm, obj, name) {
        Ok(v) => Ok(v),
        Err(e) if vm.is_instance_of(&e.value(), &vm.exc.attribute_error.clone()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The attribute, `Ok(None)` when plainly absent, or the error raised looking for it.
fn lookup_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    let class = vm.class_of(obj);
    let heap = type_object(&class).is_some_and(|t| t.heap);
    if !heap {
        return generic_get_attr(vm, obj, name, &class);
    }
    // A user `__getattribute__` replaces the whole algorithm; `__getattr__` is the fallback
    // when it (or the generic algorithm) raises `AttributeError` (CPython's
    // slot_tp_getattr_hook).
    let user_getattribute =
        type_lookup(vm, &class, &vm.names.__getattribute__).filter(|ga| !is_native(ga));
    let result = match user_getattribute {
        Some(ga) => vm
            .call(&ga, Args::new(&[obj.clone(), name.clone()]))
            .map(Some),
        None => generic_get_attr(vm, obj, name, &class),
    };
    let Some(hook) = type_lookup(vm, &class, &vm.names.__getattr__) else {
        return result;
    };
    match result {
        Ok(Some(v)) => Ok(Some(v)),
        Ok(None) => vm.call_method_value(&hook, obj, &[name.clone()]).map(Some),
        Err(e) if vm.is_instance_of(&e.value(), &vm.exc.attribute_error.clone()) => {
            vm.call_method_value(&hook, obj, &[name.clone()]).map(Some)
        }
        Err(e) => Err(e),
    }
}

fn is_native(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Native(_)))
}

/// `object.__getattribute__` (and `type.__getattribute__` for classes).
pub fn generic_get_attr(
    vm: &mut Vm,
    obj: &Value,
    name: &Value,
    class: &Obj,
) -> PyResult<Option<Value>> {
    if let Value::Obj(o) = obj {
        if let Payload::Type(_) = o.payload() {
            return type_get_attr(vm, o, name, class);
        }
        if let Payload::Super { .. } = o.payload() {
            return crate::objects::super_::super_get_attr(vm, o, name);
        }
    }
    let class_attr = type_lookup(vm, class, name);
    if let Some(attr) = &class_attr
        && is_data_descriptor(vm, attr)
        && has_getter(vm, attr)
    {
        return bind(vm, attr.clone(), Some(obj), class).map(Some);
    }
    if let Some(dict) = instance_dict(obj)
        && let Some(v) = mapping::dict_get(vm, &dict, name)?
    {
        return Ok(Some(v));
    }
    if let Some(attr) = class_attr {
        // A built-in type's per-instance attributes (`__doc__` of a function or property, …)
        // are getset descriptors in CPython, ahead of plain values in the type's dict.
        let plain_value = !matches!(
            attr.payload(),
            Some(
                Payload::Function(_)
                    | Payload::Native(_)
                    | Payload::ClassMethod(_)
                    | Payload::StaticMethod(_)
            )
        );
        if plain_value
            && type_object(class).is_some_and(|t| !t.heap)
            && let Some(v) = crate::objects::getset::native_attribute(vm, obj, name)?
        {
            return Ok(Some(v));
        }
        return bind(vm, attr, Some(obj), class).map(Some);
    }
    crate::objects::getset::native_attribute(vm, obj, name)
}

/// `type.__getattribute__`: metatype data descriptors, then the MRO of the class itself (with
/// `__get__(None, cls)`), then the metatype's other attributes.
fn type_get_attr(vm: &mut Vm, cls: &Obj, name: &Value, meta: &Obj) -> PyResult<Option<Value>> {
    let meta_attr = type_lookup(vm, meta, name);
    if let Some(attr) = &meta_attr
        && is_data_descriptor(vm, attr)
        && has_getter(vm, attr)
    {
        return bind(vm, attr.clone(), Some(&Value::Obj(cls.clone())), meta).map(Some);
    }
    if let Some(attr) = type_lookup(vm, cls, name) {
        return bind(vm, attr, None, cls).map(Some);
    }
    if let Some(attr) = meta_attr {
        return bind(vm, attr, Some(&Value::Obj(cls.clone())), meta).map(Some);
    }
    crate::objects::getset::native_attribute(vm, &Value::Obj(cls.clone()), name)
}

/// `setattr(obj, name, value)`.
pub fn set_attr(vm: &mut Vm, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    let class = vm.class_of(obj);
    if type_object(&class).is_some_and(|t| t.heap)
        && let Some(sa) = type_lookup(vm, &class, &vm.names.__setattr__)
        && !is_native(&sa)
    {
        vm.call(&sa, Args::new(&[obj.clone(), name.clone(), value]))?;
        return Ok(());
    }
    generic_set_attr(vm, obj, name, Some(value), &class)
}

/// `delattr(obj, name)`.
pub fn del_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<()> {
    let class = vm.class_of(obj);
    if type_object(&class).is_some_and(|t| t.heap)
        && let Some(da) = type_lookup(vm, &class, &vm.names.__delattr__)
        && !is_native(&da)
    {
        vm.call(&da, Args::new(&[obj.clone(), name.clone()]))?;
        return Ok(());
    }
    generic_set_attr(vm, obj, name, None, &class)
}

/// `object.__setattr__`/`__delattr__` (`value` `None` deletes).
pub fn generic_set_attr(
    vm: &mut Vm,
    obj: &Value,
    name: &Value,
    value: Option<Value>,
    class: &Obj,
) -> PyResult<()> {
    if let Value::Obj(o) = obj {
        if let Payload::Type(t) = o.payload() {
            return crate::objects::type_::type_set_attr(vm, o, t, name, value);
        }
        // Native per-instance attributes (`__class__`, a function's `__defaults__`, an
        // exception's `__cause__`, …) are data descriptors in CPython: they win over the
        // instance dict. Plain user instances only have `__class__` and `__dict__`.
        let native_first = match o.payload() {
            Payload::Instance { .. } => name
                .as_str_obj()
                .is_some_and(|s| matches!(s.as_str(), Some("__class__" | "__dict__"))),
            _ => true,
        };
        if native_first
            && let Some(r) =
                crate::objects::getset::native_set_attribute(vm, obj, name, value.clone())?
        {
            return Ok(r);
        }
    }
    if let Some(attr) = type_lookup(vm, class, name)
        && descriptor_set(vm, &attr, obj, name, value.clone())?
    {
        return Ok(());
    }
    let dict = match obj {
        Value::Obj(o) => match o.payload() {
            Payload::Function(f) => {
                let mut d = f.dict.borrow_mut();
                if d.is_none() {
                    *d = Some(vm.new_dict());
                }
                d.clone()
            }
            _ => instance_dict(obj),
        },
        _ => None,
    };
    match dict {
        Some(d) => match value {
            Some(v) => mapping::dict_set(vm, &d, name.clone(), v),
            None => {
                if mapping::dict_del(vm, &d, name)?.is_none() {
                    return Err(attribute_missing(vm, obj, name));
                }
                Ok(())
            }
        },
        None => {
            if let Some(r) =
                crate::objects::getset::native_set_attribute(vm, obj, name, value.clone())?
            {
                return Ok(r);
            }
            let tn = vm.type_name(obj);
            let name_text = vm.str_lossy(name);
            let has_attr = type_lookup(vm, class, name).is_some();
            let msg = if has_attr {
                format!("'{tn}' object attribute '{name_text}' is read-only")
            } else {
                format!(
                    "'{tn}' object has no attribute '{name_text}' and no __dict__ for setting new attributes"
                )
            };
            let e = vm.new_exception(&vm.exc.attribute_error, vec![vm.new_string(msg)]);
            let _ = set_attr_raw(vm, &e, "name", name.clone());
            let _ = set_attr_raw(vm, &e, "obj", obj.clone());
            Err(PyErr::new(e))
        }
    }
}

/// Store or delete (`value` `None`) through `attr` when it is a data descriptor of `obj`'s
/// class (property, slot member, or a class with `__set__`/`__delete__`): `Ok(false)` when
/// it is not one and the instance dict should be used.
pub fn descriptor_set(
    vm: &mut Vm,
    attr: &Value,
    obj: &Value,
    name: &Value,
    value: Option<Value>,
) -> PyResult<bool> {
    let attr = attr.clone();
    if let Value::Obj(ao) = &attr {
        match ao.payload() {
            Payload::Property(p) => {
                let (f, what) = if value.is_some() {
                    (p.fset.clone(), "setter")
                } else {
                    (p.fdel.clone(), "deleter")
                };
                if f.is_none() {
                    let pname = p.name.borrow().clone();
                    let tn = vm.type_name(obj);
                    let msg = match pname {
                        Value::None => format!("property of '{tn}' object has no {what}"),
                        n => format!(
                            "property {} of '{tn}' object has no {what}",
                            vm.repr_string(&n)?
                        ),
                    };
                    return Err(vm.attribute_error(msg));
                }
                let mut args = vec![obj.clone()];
                args.extend(value);
                vm.call(&f, Args::new(&args))?;
                return Ok(true);
            }
            Payload::GetSet { name, owner } => {
                return crate::objects::getset_descr::getset_set(vm, name, owner, obj, value);
            }
            Payload::Member { index, .. } => {
                crate::objects::descr::member_check(vm, &attr, obj)?;
                if let Value::Obj(io) = obj
                    && let Payload::Instance { slots } = io.payload()
                {
                    let mut slots = slots.borrow_mut();
                    if *index >= slots.len() {
                        slots.resize(*index + 1, None);
                    }
                    if value.is_none() && slots[*index].is_none() {
                        drop(slots);
                        return Err(attribute_missing(vm, obj, name));
                    }
                    slots[*index] = value;
                    return Ok(true);
                }
            }
            _ => {
                if is_data_descriptor(vm, &attr) {
                    let aclass = vm.class_of(&attr);
                    let (hook, mut args) = if value.is_some() {
                        (
                            type_lookup(vm, &aclass, &vm.names.__set__),
                            vec![attr.clone(), obj.clone()],
                        )
                    } else {
                        (
                            type_lookup(vm, &aclass, &vm.names.__delete__),
                            vec![attr.clone(), obj.clone()],
                        )
                    };
                    let del = value.is_none();
                    args.extend(value);
                    match hook {
                        Some(h) => {
                            vm.call(&h, Args::new(&args))?;
                            return Ok(true);
                        }
                        None => {
                            return Err(vm.attribute_error(if del {
                                "__delete__"
                            } else {
                                "__set__"
                            }));
                        }
                    }
                }
            }
        }
    }
    Ok(false)
}

/// Store into an object's instance dict directly (exception attributes set by the runtime).
pub fn set_attr_raw(vm: &Vm, obj: &Obj, name: &str, value: Value) -> PyResult<()> {
    if let Some(d) = obj.dict() {
        mapping::dict_set_str(vm, d, name, value);
    }
    Ok(())
}
