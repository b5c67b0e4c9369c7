//! `set` and `frozenset`.
//!
//! Elements live in a [`SetTable`], CPython's slot layout, and every operation builds its
//! result in the order CPython's `Objects/setobject.c` does (a copy then an update for `|`, the
//! smaller side walked for `&`, a copy of the right side updated for `^`, ...), so iteration
//! and `repr` orders match CPython's.

use std::cell::RefCell;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{IterState, Payload};
use crate::objects::{method, staticmethod};
use crate::ops::mapping;
use crate::settable::SetTable;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// A new `set` holding `items`, added one by one (`BUILD_SET`, `PySet_Add`).
pub fn new_set(vm: &mut Vm, items: Vec<Value>) -> PyResult {
    let s = Obj::new(
        vm.types.set.clone(),
        Payload::Set(Box::new(RefCell::new(SetTable::new()))),
    );
    for v in items {
        mapping::set_add(vm, &s, v)?;
    }
    Ok(Value::Obj(s))
}

/// A new `frozenset` holding `items`, added one by one (as `marshal` builds a constant).
pub fn new_frozenset(vm: &mut Vm, items: Vec<Value>) -> PyResult {
    let s = Obj::new(
        vm.types.frozenset.clone(),
        Payload::FrozenSet(Box::new(RefCell::new(SetTable::new()))),
    );
    for v in items {
        mapping::set_add(vm, &s, v)?;
    }
    Ok(Value::Obj(s))
}

/// The elements of a set or frozenset, in iteration (slot) order.
pub fn set_items(v: &Value) -> Option<Vec<Value>> {
    v.payload()
        .and_then(payload_table)
        .map(|t| t.borrow().keys())
}

fn payload_table(p: &Payload) -> Option<&RefCell<SetTable>> {
    match p {
        Payload::Set(t) | Payload::FrozenSet(t) => Some(t),
        _ => None,
    }
}

fn table(v: &Value) -> Option<&RefCell<SetTable>> {
    v.payload().and_then(payload_table)
}

fn set_len(v: &Value) -> usize {
    table(v).map_or(0, |t| t.borrow().len())
}

/// (hash, element) pairs in slot order: a snapshot, so Python code may run while walking it.
fn entries(v: &Value) -> Vec<(i64, Value)> {
    table(v).map_or_else(Vec::new, |t| t.borrow().entries())
}

fn is_anyset(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)))
}

fn same_obj(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Obj(x), Value::Obj(y)) if x.is(y))
}

/// An empty set of `like`'s base kind (CPython's `make_new_set_basetype`: operations on
/// instances of subclasses make plain sets and frozensets).
fn empty_like(vm: &Vm, like: &Value) -> Obj {
    match like.payload() {
        Some(Payload::FrozenSet(_)) => Obj::new(
            vm.types.frozenset.clone(),
            Payload::FrozenSet(Box::new(RefCell::new(SetTable::new()))),
        ),
        _ => Obj::new(
            vm.types.set.clone(),
            Payload::Set(Box::new(RefCell::new(SetTable::new()))),
        ),
    }
}

fn add_hashed(vm: &mut Vm, target: &Obj, key: Value, hash: i64) -> PyResult<()> {
    if let Some(cell) = mapping::set_table_of(target) {
        mapping::set_add_hashed(vm, cell, key, hash)?;
    }
    Ok(())
}

fn contains_hashed(vm: &mut Vm, set: &Value, key: &Value, hash: i64) -> PyResult<bool> {
    let Some(cell) = table(set) else {
        return Ok(false);
    };
    Ok(matches!(
        mapping::set_lookup(vm, cell, key, hash)?,
        mapping::SetLookup::Found(_)
    ))
}

fn discard_hashed(vm: &mut Vm, target: &Obj, key: &Value, hash: i64) -> PyResult<bool> {
    let Some(cell) = mapping::set_table_of(target) else {
        return Ok(false);
    };
    let removed = mapping::set_discard_hashed(vm, cell, key, hash)?;
    Ok(removed.is_some())
}

/// Add every element of `iterable` to `target` (CPython's `set_update_internal`): another set
/// is merged in its slot order after one up-front resize, an exact dict's keys likewise, any
/// other iterable element by element.
pub fn update_from(vm: &mut Vm, target: &Obj, iterable: &Value) -> PyResult<()> {
    let Some(cell) = mapping::set_table_of(target) else {
        return Ok(());
    };
    if is_anyset(iterable) {
        if let Value::Obj(o) = iterable
            && o.is(target)
        {
            return Ok(());
        }
        let other = table(iterable)
            .map(|t| t.borrow().clone())
            .unwrap_or_default();
        if other.is_empty() {
            return Ok(());
        }
        let done = cell.borrow_mut().merge_fast(&other);
        if !done {
            for e in other.iter() {
                mapping::set_add_hashed(vm, cell, e.key.clone(), e.hash)?;
            }
        }
        return Ok(());
    }
    if let Some(Payload::Dict(d)) = iterable.payload()
        && vm.class_of(iterable).is(&vm.types.dict)
    {
        let items: Vec<(i64, Value)> = d.borrow().iter().map(|e| (e.hash, e.key.clone())).collect();
        cell.borrow_mut().reserve_for(items.len());
        for (hash, key) in items {
            mapping::set_add_hashed(vm, cell, key, hash)?;
        }
        return Ok(());
    }
    let items = vm.collect(iterable)?;
    for v in items {
        mapping::set_add(vm, target, v)?;
    }
    Ok(())
}

/// `s.copy()` of any set: a fresh set of the base kind (`set_copy`).
fn copy_of(vm: &mut Vm, s: &Value) -> PyResult<Obj> {
    let result = empty_like(vm, s);
    update_from(vm, &result, s)?;
    Ok(result)
}

/// `so & other` / `so.intersection(other)` (`set_intersection`): over a set, the smaller side
/// is walked and its elements kept; over another iterable, its elements in order.
fn intersection(vm: &mut Vm, so: &Value, other: &Value) -> PyResult<Obj> {
    if same_obj(so, other) {
        return copy_of(vm, so);
    }
    let result = empty_like(vm, so);
    if is_anyset(other) {
        let (big, small) = if set_len(other) > set_len(so) {
            (other, so)
        } else {
            (so, other)
        };
        for (hash, key) in entries(small) {
            if contains_hashed(vm, big, &key, hash)? {
                add_hashed(vm, &result, key, hash)?;
            }
        }
        return Ok(result);
    }
    for key in vm.collect(other)? {
        let hash = vm.hash(&key)?;
        if contains_hashed(vm, so, &key, hash)? {
            add_hashed(vm, &result, key, hash)?;
        }
    }
    Ok(result)
}

/// `so - other` (`set_difference`): a copy with `other` discarded when `so` is much larger or
/// `other` is not a set or dict, else the elements of `so` not in `other`, in slot order.
fn difference(vm: &mut Vm, so: &Value, other: &Value) -> PyResult<Obj> {
    let exact_dict =
        matches!(other.payload(), Some(Payload::Dict(_))) && vm.class_of(other).is(&vm.types.dict);
    let other_size = if is_anyset(other) {
        set_len(other)
    } else if exact_dict {
        match other.payload() {
            Some(Payload::Dict(d)) => d.borrow().len(),
            _ => 0,
        }
    } else {
        usize::MAX
    };
    if other_size == usize::MAX || (set_len(so) >> 2) > other_size {
        let result = copy_of(vm, so)?;
        difference_update(vm, &result, other)?;
        return Ok(result);
    }
    let result = empty_like(vm, so);
    for (hash, key) in entries(so) {
        let present = if exact_dict {
            match other {
                Value::Obj(d) => mapping::find(vm, d, &key, hash)?.is_some(),
                _ => false,
            }
        } else {
            contains_hashed(vm, other, &key, hash)?
        };
        if !present {
            add_hashed(vm, &result, key, hash)?;
        }
    }
    Ok(result)
}

/// `so -= other` (`set_difference_update_internal`); sheds the dummies when more than a quarter
/// of the slots hold them.
fn difference_update(vm: &mut Vm, so: &Obj, other: &Value) -> PyResult<()> {
    if let Value::Obj(o) = other
        && o.is(so)
    {
        clear(so);
        return Ok(());
    }
    if is_anyset(other) {
        for (hash, key) in entries(other) {
            discard_hashed(vm, so, &key, hash)?;
        }
    } else {
        for key in vm.collect(other)? {
            let hash = vm.hash(&key)?;
            discard_hashed(vm, so, &key, hash)?;
        }
    }
    if let Some(cell) = mapping::set_table_of(so) {
        cell.borrow_mut().shed_dummies();
    }
    Ok(())
}

/// `so ^= other` (`set_symmetric_difference_update`): each element of `other` is discarded
/// from `so`, or added when absent.
fn symmetric_difference_update(vm: &mut Vm, so: &Obj, other: &Value) -> PyResult<()> {
    if let Value::Obj(o) = other
        && o.is(so)
    {
        clear(so);
        return Ok(());
    }
    let pairs: Vec<(i64, Value)> = if is_anyset(other) {
        entries(other)
    } else if let Some(Payload::Dict(d)) = other.payload()
        && vm.class_of(other).is(&vm.types.dict)
    {
        d.borrow().iter().map(|e| (e.hash, e.key.clone())).collect()
    } else {
        let tmp = empty_like(vm, &Value::Obj(so.clone()));
        update_from(vm, &tmp, other)?;
        entries(&Value::Obj(tmp))
    };
    for (hash, key) in pairs {
        if !discard_hashed(vm, so, &key, hash)? {
            add_hashed(vm, so, key, hash)?;
        }
    }
    Ok(())
}

/// `so ^ other` (`set_symmetric_difference`): a copy of `other` updated with `so`.
fn symmetric_difference(vm: &mut Vm, so: &Value, other: &Value) -> PyResult<Obj> {
    let result = empty_like(vm, so);
    update_from(vm, &result, other)?;
    symmetric_difference_update(vm, &result, so)?;
    Ok(result)
}

/// `so | other`: a copy of `so` updated with `other`.
fn union(vm: &mut Vm, so: &Value, other: &Value) -> PyResult<Obj> {
    let result = copy_of(vm, so)?;
    if !same_obj(so, other) {
        update_from(vm, &result, other)?;
    }
    Ok(result)
}

fn clear(so: &Obj) {
    if let Some(cell) = mapping::set_table_of(so) {
        let old = cell.borrow_mut().take_all();
        // The elements are dropped here, outside the borrow.
        drop(old);
    }
}

/// `v in set`; an unhashable set `v` is looked up as the frozenset of its elements.
pub fn contains(vm: &mut Vm, set: &Value, v: &Value) -> PyResult<bool> {
    match set {
        Value::Obj(o) => match mapping::contains(vm, o, v) {
            Ok(b) => Ok(b),
            Err(e) if is_anyset(v) && vm.is_instance_of(&e.value(), &vm.exc.type_error.clone()) => {
                // A set is looked up as the frozenset of its elements.
                let items = set_items(v).unwrap_or_default();
                let f = new_frozenset(vm, items)?;
                mapping::contains(vm, o, &f)
            }
            Err(e) => Err(e),
        },
        _ => Ok(false),
    }
}

pub(crate) fn init(vm: &mut Vm) {
    for (t, frozen) in [
        (vm.types.set.clone(), false),
        (vm.types.frozenset.clone(), true),
    ] {
        if frozen {
            staticmethod(vm, &t, "__new__", frozenset_new);
            method(vm, &t, "__hash__", frozenset_hash);
        } else {
            staticmethod(vm, &t, "__new__", set_new);
            method(vm, &t, "__init__", set_init);
            crate::objects::set_type_attr(vm, &t, "__hash__", Value::None);
        }
        method(vm, &t, "__len__", |vm, a| {
            let (s, _) = argparse::method_args(vm, &a, "__len__", 0, 0)?;
            Ok(Value::Int(set_items(s).map_or(0, |v| v.len()) as i64))
        });
        method(vm, &t, "__contains__", |vm, a| {
            let (s, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
            Ok(Value::bool(contains(vm, s, &rest[0])?))
        });
        method(vm, &t, "__iter__", |vm, a| {
            let (s, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
            let Value::Obj(o) = s else {
                return Ok(Value::None);
            };
            let len = set_items(s).map_or(0, |v| v.len());
            Ok(crate::objects::iter::new_iterator(
                vm,
                &vm.types.set_iterator.clone(),
                IterState::Set {
                    set: o.clone(),
                    pos: 0,
                    len,
                },
            ))
        });
        method(vm, &t, "__repr__", set_repr);
        method(vm, &t, "__or__", |vm, a| set_op(vm, a, "__or__"));
        method(vm, &t, "__and__", |vm, a| set_op(vm, a, "__and__"));
        method(vm, &t, "__sub__", |vm, a| set_op(vm, a, "__sub__"));
        method(vm, &t, "__xor__", |vm, a| set_op(vm, a, "__xor__"));
        method(vm, &t, "__ror__", |vm, a| set_op(vm, a, "__ror__"));
        method(vm, &t, "__rand__", |vm, a| set_op(vm, a, "__rand__"));
        method(vm, &t, "__rsub__", |vm, a| set_op(vm, a, "__rsub__"));
        method(vm, &t, "__rxor__", |vm, a| set_op(vm, a, "__rxor__"));
        method(vm, &t, "__eq__", |vm, a| set_cmp(vm, a, "__eq__"));
        method(vm, &t, "__ne__", |vm, a| set_cmp(vm, a, "__ne__"));
        method(vm, &t, "__le__", |vm, a| set_cmp(vm, a, "__le__"));
        method(vm, &t, "__lt__", |vm, a| set_cmp(vm, a, "__lt__"));
        method(vm, &t, "__ge__", |vm, a| set_cmp(vm, a, "__ge__"));
        method(vm, &t, "__gt__", |vm, a| set_cmp(vm, a, "__gt__"));
        method(vm, &t, "union", |vm, a| set_multi(vm, a, "union"));
        method(vm, &t, "intersection", |vm, a| {
            set_multi(vm, a, "intersection")
        });
        method(vm, &t, "difference", |vm, a| set_multi(vm, a, "difference"));
        method(vm, &t, "symmetric_difference", |vm, a| {
            set_multi(vm, a, "symmetric_difference")
        });
        method(vm, &t, "issubset", |vm, a| set_relation(vm, a, "issubset"));
        method(vm, &t, "issuperset", |vm, a| {
            set_relation(vm, a, "issuperset")
        });
        method(vm, &t, "isdisjoint", |vm, a| {
            set_relation(vm, a, "isdisjoint")
        });
        method(vm, &t, "copy", |vm, a| {
            let (s, _) = argparse::method_args(vm, &a, "copy", 0, 0)?;
            if matches!(s.payload(), Some(Payload::FrozenSet(_)))
                && vm.class_of(s).is(&vm.types.frozenset)
            {
                return Ok(s.clone());
            }
            Ok(Value::Obj(copy_of(vm, s)?))
        });
        crate::objects::classmethod(
            vm,
            &t,
            "__class_getitem__",
            crate::objects::typing::class_getitem,
        );
    }
    let t = vm.types.set.clone();
    method(vm, &t, "add", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "add", 1, 1)?;
        if let Value::Obj(o) = s {
            mapping::set_add(vm, o, rest[0].clone())?;
        }
        Ok(Value::None)
    });
    method(vm, &t, "discard", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "discard", 1, 1)?;
        remove(vm, s, &rest[0])?;
        Ok(Value::None)
    });
    method(vm, &t, "remove", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "remove", 1, 1)?;
        if !remove(vm, s, &rest[0])? {
            return Err(vm.key_error(rest[0].clone()));
        }
        Ok(Value::None)
    });
    method(vm, &t, "pop", |vm, a| {
        let (s, _) = argparse::method_args(vm, &a, "pop", 0, 0)?;
        let e = match s.payload() {
            Some(Payload::Set(t)) => t.borrow_mut().pop(),
            _ => None,
        };
        match e {
            Some(e) => Ok(e.key),
            None => Err(vm.error(&vm.exc.key_error.clone(), "pop from an empty set")),
        }
    });
    method(vm, &t, "clear", |vm, a| {
        let (s, _) = argparse::method_args(vm, &a, "clear", 0, 0)?;
        if let Value::Obj(o) = s {
            clear(o);
        }
        Ok(Value::None)
    });
    method(vm, &t, "update", |vm, a| set_update(vm, a, "update"));
    method(vm, &t, "intersection_update", |vm, a| {
        set_update(vm, a, "intersection_update")
    });
    method(vm, &t, "difference_update", |vm, a| {
        set_update(vm, a, "difference_update")
    });
    method(vm, &t, "symmetric_difference_update", |vm, a| {
        set_update(vm, a, "symmetric_difference_update")
    });
    method(vm, &t, "__ior__", |vm, a| set_inplace(vm, a, "update"));
    method(vm, &t, "__iand__", |vm, a| {
        set_inplace(vm, a, "intersection_update")
    });
    method(vm, &t, "__isub__", |vm, a| {
        set_inplace(vm, a, "difference_update")
    });
    method(vm, &t, "__ixor__", |vm, a| {
        set_inplace(vm, a, "symmetric_difference_update")
    });
}

fn remove(vm: &mut Vm, s: &Value, key: &Value) -> PyResult<bool> {
    let Value::Obj(o) = s else { return Ok(false) };
    let key = if is_anyset(key) {
        let items = set_items(key).unwrap_or_default();
        new_frozenset(vm, items)?
    } else {
        key.clone()
    };
    let hash = vm.hash(&key)?;
    discard_hashed(vm, o, &key, hash)
}

fn set_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("set.__new__(X): X is not a type object"));
    };
    let payload = Payload::Set(Box::new(RefCell::new(SetTable::new())));
    if cls.is(&vm.types.set) {
        return Ok(Value::Obj(Obj::new(cls.clone(), payload)));
    }
    Ok(Value::Obj(Obj::with_dict(
        cls.clone(),
        Some(vm.new_dict()),
        payload,
    )))
}

fn set_init(vm: &mut Vm, args: Args<'_>) -> PyResult {
    if args.has_keywords() {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "set expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    let Some(Value::Obj(s)) = pos.first() else {
        return Ok(Value::None);
    };
    // `set_init`: a set re-initialised starts from an empty table.
    if mapping::set_table_of(s).is_some_and(|t| t.borrow().fill() > 0) {
        clear(s);
    }
    if let Some(it) = pos.get(1) {
        update_from(vm, s, it)?;
    }
    Ok(Value::None)
}

fn frozenset_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("frozenset.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    if args.has_keywords() {
        return Err(vm.type_error("frozenset() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "frozenset expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    if let Some(it) = pos.get(1)
        && cls.is(&vm.types.frozenset)
        && vm.class_of(it).is(&vm.types.frozenset)
    {
        return Ok(it.clone());
    }
    let payload = Payload::FrozenSet(Box::new(RefCell::new(SetTable::new())));
    let f = if cls.is(&vm.types.frozenset) {
        Obj::new(cls.clone(), payload)
    } else {
        Obj::with_dict(cls.clone(), Some(vm.new_dict()), payload)
    };
    if let Some(it) = pos.get(1) {
        update_from(vm, &f, it)?;
    }
    Ok(Value::Obj(f))
}

fn frozenset_hash(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (s, _) = argparse::method_args(vm, &args, "__hash__", 0, 0)?;
    let hashes: Vec<i64> = match s.payload() {
        Some(Payload::FrozenSet(t)) => t.borrow().iter().map(|e| e.hash).collect(),
        _ => Vec::new(),
    };
    Ok(Value::Int(taipan_hash::hash_frozenset(&hashes)))
}

fn set_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (s, _) = argparse::method_args(vm, &args, "__repr__", 0, 0)?;
    let Value::Obj(o) = s else {
        return Ok(Value::None);
    };
    let items = set_items(s).unwrap_or_default();
    let class = vm.class_of(s);
    let name = crate::types::type_name(&class);
    let exact_set = class.is(&vm.types.set);
    if items.is_empty() {
        return Ok(vm.new_string(format!("{name}()")));
    }
    if !vm.repr_enter(o) {
        return Ok(vm.new_string(format!("{name}(...)")));
    }
    let result = (|| {
        let mut inner = String::from("{");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                inner.push_str(", ");
            }
            inner.push_str(&vm.repr_string(x)?);
            vm.check_text_len(inner.len())?;
        }
        inner.push('}');
        Ok(if exact_set {
            inner
        } else {
            format!("{name}({inner})")
        })
    })();
    vm.repr_leave(o);
    Ok(vm.new_string(result?))
}

fn set_op(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    let other = &rest[0];
    if !is_anyset(other) {
        return Ok(vm.not_implemented.clone());
    }
    let (left, right) = if name.starts_with("__r") {
        (other, s)
    } else {
        (s, other)
    };
    let result = match name {
        "__or__" | "__ror__" => union(vm, left, right)?,
        "__and__" | "__rand__" => intersection(vm, left, right)?,
        "__sub__" | "__rsub__" => difference(vm, left, right)?,
        _ => symmetric_difference(vm, left, right)?,
    };
    Ok(Value::Obj(result))
}

/// `union`, `intersection`, `difference` with any number of iterables, and
/// `symmetric_difference` with one.
fn set_multi(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    if name == "symmetric_difference" {
        let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
        return Ok(Value::Obj(symmetric_difference(vm, s, &rest[0])?));
    }
    if args.has_keywords() {
        return Err(vm.type_error(format!("set.{name}() takes no keyword arguments")));
    }
    let pos = args.positional();
    let Some(s) = pos.first() else {
        return Ok(Value::None);
    };
    let others = &pos[1..];
    let result = match name {
        "union" => {
            let result = copy_of(vm, s)?;
            for other in others {
                if !same_obj(other, s) {
                    update_from(vm, &result, other)?;
                }
            }
            result
        }
        "intersection" => {
            let mut result = Value::Obj(copy_of(vm, s)?);
            if let Some((first, rest)) = others.split_first() {
                result = Value::Obj(intersection(vm, s, first)?);
                for other in rest {
                    result = Value::Obj(intersection(vm, &result, other)?);
                }
            }
            return Ok(result);
        }
        _ => match others.split_first() {
            None => copy_of(vm, s)?,
            Some((first, rest)) => {
                let result = difference(vm, s, first)?;
                for other in rest {
                    difference_update(vm, &result, other)?;
                }
                result
            }
        },
    };
    Ok(Value::Obj(result))
}

/// A set holding `v`'s elements unless it is one (`issubset`/`issuperset` of iterables).
fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if is_anyset(v) {
        return Ok(v.clone());
    }
    let s = empty_like(vm, &Value::None);
    update_from(vm, &s, v)?;
    Ok(Value::Obj(s))
}

fn set_relation(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    let other = &rest[0];
    let r = match name {
        "issubset" => {
            let other = as_set(vm, other)?;
            subset(vm, s, &other)?
        }
        "issuperset" => {
            let other = as_set(vm, other)?;
            subset(vm, &other, s)?
        }
        _ => {
            if same_obj(s, other) {
                return Ok(Value::bool(set_len(s) == 0));
            }
            let mut disjoint = true;
            if is_anyset(other) {
                let (big, small) = if set_len(other) > set_len(s) {
                    (other, s)
                } else {
                    (s, other)
                };
                for (hash, key) in entries(small) {
                    if contains_hashed(vm, big, &key, hash)? {
                        disjoint = false;
                        break;
                    }
                }
            } else {
                for key in vm.collect(other)? {
                    let hash = vm.hash(&key)?;
                    if contains_hashed(vm, s, &key, hash)? {
                        disjoint = false;
                        break;
                    }
                }
            }
            disjoint
        }
    };
    Ok(Value::bool(r))
}

fn subset(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if set_len(a) > set_len(b) {
        return Ok(false);
    }
    for (hash, key) in entries(a) {
        if !contains_hashed(vm, b, &key, hash)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_cmp(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    let other = &rest[0];
    if !is_anyset(other) {
        return Ok(vm.not_implemented.clone());
    }
    let la = set_len(s);
    let lb = set_len(other);
    let r = match name {
        "__eq__" => la == lb && subset(vm, s, other)?,
        "__ne__" => !(la == lb && subset(vm, s, other)?),
        "__le__" => subset(vm, s, other)?,
        "__lt__" => la < lb && subset(vm, s, other)?,
        "__ge__" => subset(vm, other, s)?,
        _ => la > lb && subset(vm, other, s)?,
    };
    Ok(Value::bool(r))
}

/// The in-place methods: `update` takes any number of iterables, the others as CPython.
fn set_update(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    if args.has_keywords() {
        return Err(vm.type_error(format!("set.{name}() takes no keyword arguments")));
    }
    let pos = args.positional();
    let Some(Value::Obj(s)) = pos.first() else {
        return Ok(Value::None);
    };
    let s = s.clone();
    let others = &pos[1..];
    match name {
        "update" => {
            for other in others {
                update_from(vm, &s, other)?;
            }
        }
        "difference_update" => {
            for other in others {
                difference_update(vm, &s, other)?;
            }
        }
        "symmetric_difference_update" => {
            let (_, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
            symmetric_difference_update(vm, &s, &rest[0])?;
        }
        _ => {
            // `set_intersection_update`: the result's table replaces the set's.
            let mut result = Value::Obj(s.clone());
            for other in others {
                result = Value::Obj(intersection(vm, &result, other)?);
            }
            if !others.is_empty() {
                let new_table = table(&result)
                    .map(|t| t.borrow().clone())
                    .unwrap_or_default();
                if let Some(cell) = mapping::set_table_of(&s) {
                    let old = std::mem::replace(&mut *cell.borrow_mut(), new_table);
                    drop(old);
                }
            }
        }
    }
    Ok(Value::None)
}

fn set_inplace(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    let s = s.clone();
    set_update(vm, args, name)?;
    Ok(s)
}
