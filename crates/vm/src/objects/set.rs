//! `set` and `frozenset`.
//!
//! Known difference: the table iterates in insertion order, while CPython's set table iterates
//! in hash-slot order (so `{3, 1, 2}` prints `{1, 2, 3}` there). The planned fix is a set table
//! with CPython's probing and resizing rules.

use std::cell::RefCell;

use crate::argparse;
use crate::dict::DictTable;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{IterState, Payload};
use crate::objects::{method, staticmethod};
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// A new `set` holding `items`.
pub fn new_set(vm: &mut Vm, items: Vec<Value>) -> PyResult {
    let s = Obj::new(vm.types.set.clone(), Payload::Set(RefCell::new(DictTable::new())));
    for v in items {
        mapping::set_add(vm, &s, v)?;
    }
    Ok(Value::Obj(s))
}

pub fn new_frozenset(vm: &mut Vm, items: Vec<Value>) -> PyResult {
    let mut t = DictTable::new();
    for v in items {
        mapping::table_add(vm, &mut t, v)?;
    }
    Ok(Value::Obj(Obj::new(vm.types.frozenset.clone(), Payload::FrozenSet(t))))
}

/// The elements of a set or frozenset.
pub fn set_items(v: &Value) -> Option<Vec<Value>> {
    match v.payload() {
        Some(Payload::Set(t)) => Some(t.borrow().keys()),
        Some(Payload::FrozenSet(t)) => Some(t.keys()),
        _ => None,
    }
}

fn is_anyset(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)))
}

/// Make a result of the same kind as `like` (set or frozenset).
fn same_kind(vm: &mut Vm, like: &Value, items: Vec<Value>) -> PyResult {
    match like.payload() {
        Some(Payload::FrozenSet(_)) => new_frozenset(vm, items),
        _ => new_set(vm, items),
    }
}

fn contains(vm: &mut Vm, set: &Value, v: &Value) -> PyResult<bool> {
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
    for (t, frozen) in [(vm.types.set.clone(), false), (vm.types.frozenset.clone(), true)] {
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
            Ok(Value::Bool(contains(vm, s, &rest[0])?))
        });
        method(vm, &t, "__iter__", |vm, a| {
            let (s, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
            let Value::Obj(o) = s else { return Ok(Value::None) };
            let len = set_items(s).map_or(0, |v| v.len());
            Ok(crate::objects::iter::new_iterator(
                vm,
                &vm.types.set_iterator.clone(),
                IterState::Set { set: o.clone(), pos: 0, len },
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
        method(vm, &t, "intersection", |vm, a| set_multi(vm, a, "intersection"));
        method(vm, &t, "difference", |vm, a| set_multi(vm, a, "difference"));
        method(vm, &t, "symmetric_difference", |vm, a| set_multi(vm, a, "symmetric_difference"));
        method(vm, &t, "issubset", |vm, a| set_relation(vm, a, "issubset"));
        method(vm, &t, "issuperset", |vm, a| set_relation(vm, a, "issuperset"));
        method(vm, &t, "isdisjoint", |vm, a| set_relation(vm, a, "isdisjoint"));
        method(vm, &t, "copy", |vm, a| {
            let (s, _) = argparse::method_args(vm, &a, "copy", 0, 0)?;
            if matches!(s.payload(), Some(Payload::FrozenSet(_))) && vm.class_of(s).is(&vm.types.frozenset) {
                return Ok(s.clone());
            }
            let items = set_items(s).unwrap_or_default();
            same_kind(vm, s, items)
        });
        crate::objects::classmethod(vm, &t, "__class_getitem__", crate::objects::typing::class_getitem);
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
            Some(Payload::Set(t)) => t.borrow_mut().pop_first(),
            _ => None,
        };
        match e {
            Some(e) => Ok(e.key),
            None => Err(vm.error(&vm.exc.key_error.clone(), "pop from an empty set")),
        }
    });
    method(vm, &t, "clear", |vm, a| {
        let (s, _) = argparse::method_args(vm, &a, "clear", 0, 0)?;
        if let Some(Payload::Set(t)) = s.payload() {
            let old = std::mem::take(&mut *t.borrow_mut());
            drop(old);
        }
        Ok(Value::None)
    });
    method(vm, &t, "update", |vm, a| set_update(vm, a, "update"));
    method(vm, &t, "intersection_update", |vm, a| set_update(vm, a, "intersection_update"));
    method(vm, &t, "difference_update", |vm, a| set_update(vm, a, "difference_update"));
    method(vm, &t, "symmetric_difference_update", |vm, a| set_update(vm, a, "symmetric_difference_update"));
    method(vm, &t, "__ior__", |vm, a| set_inplace(vm, a, "update"));
    method(vm, &t, "__iand__", |vm, a| set_inplace(vm, a, "intersection_update"));
    method(vm, &t, "__isub__", |vm, a| set_inplace(vm, a, "difference_update"));
    method(vm, &t, "__ixor__", |vm, a| set_inplace(vm, a, "symmetric_difference_update"));
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
    match mapping::find(vm, o, &key, hash)? {
        Some(i) => {
            if let Payload::Set(t) = o.payload() {
                t.borrow_mut().remove_at(i);
            }
            Ok(true)
        }
        None => Ok(false),
    }
}

fn set_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("set.__new__(X): X is not a type object"));
    };
    let payload = Payload::Set(RefCell::new(DictTable::new()));
    if cls.is(&vm.types.set) {
        return Ok(Value::Obj(Obj::new(cls.clone(), payload)));
    }
    Ok(Value::Obj(Obj::with_dict(cls.clone(), Some(vm.new_dict()), payload)))
}

fn set_init(vm: &mut Vm, args: Args<'_>) -> PyResult {
    if args.has_keywords() {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(vm.type_error(format!("set expected at most 1 argument, got {}", pos.len() - 1)));
    }
    let Some(Value::Obj(s)) = pos.first() else { return Ok(Value::None) };
    if let Payload::Set(t) = s.payload() {
        t.borrow_mut().clear();
    }
    if let Some(it) = pos.get(1) {
        let items = vm.collect(it)?;
        for v in items {
            mapping::set_add(vm, s, v)?;
        }
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
        return Err(vm.type_error(format!("frozenset expected at most 1 argument, got {}", pos.len() - 1)));
    }
    let items = match pos.get(1) {
        Some(it) => {
            if cls.is(&vm.types.frozenset) && vm.class_of(it).is(&vm.types.frozenset) {
                return Ok(it.clone());
            }
            vm.collect(it)?
        }
        None => Vec::new(),
    };
    let f = new_frozenset(vm, items)?;
    if cls.is(&vm.types.frozenset) {
        return Ok(f);
    }
    let table = match f.payload() {
        Some(Payload::FrozenSet(t)) => t.clone(),
        _ => DictTable::new(),
    };
    Ok(Value::Obj(Obj::with_dict(cls.clone(), Some(vm.new_dict()), Payload::FrozenSet(table))))
}

fn frozenset_hash(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (s, _) = argparse::method_args(vm, &args, "__hash__", 0, 0)?;
    let hashes: Vec<i64> = match s.payload() {
        Some(Payload::FrozenSet(t)) => t.iter().map(|e| e.hash).collect(),
        _ => Vec::new(),
    };
    Ok(Value::Int(taipan_hash::hash_frozenset(&hashes)))
}

fn set_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (s, _) = argparse::method_args(vm, &args, "__repr__", 0, 0)?;
    let Value::Obj(o) = s else { return Ok(Value::None) };
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
        }
        inner.push('}');
        Ok(if exact_set { inner } else { format!("{name}({inner})") })
    })();
    vm.repr_leave(o);
    Ok(vm.new_string(result?))
}

/// Elements of `a` combined with `b` by name.
fn combine(vm: &mut Vm, a: &Value, b_items: Vec<Value>, b: &Value, name: &str) -> PyResult<Vec<Value>> {
    let a_items = set_items(a).unwrap_or_default();
    let b_set = if is_anyset(b) { b.clone() } else { new_set(vm, b_items.clone())? };
    let mut out = Vec::new();
    match name {
        "union" => {
            out.extend(a_items);
            out.extend(b_items);
        }
        "intersection" => {
            for x in a_items {
                if contains(vm, &b_set, &x)? {
                    out.push(x);
                }
            }
        }
        "difference" => {
            for x in a_items {
                if !contains(vm, &b_set, &x)? {
                    out.push(x);
                }
            }
        }
        _ => {
            for x in a_items.iter() {
                if !contains(vm, &b_set, x)? {
                    out.push(x.clone());
                }
            }
            for x in set_items(&b_set).unwrap_or_default() {
                if !contains(vm, a, &x)? {
                    out.push(x);
                }
            }
        }
    }
    Ok(out)
}

fn set_op(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    let other = &rest[0];
    if !is_anyset(other) {
        return Ok(vm.not_implemented.clone());
    }
    let (left, right, op) = match name {
        "__or__" => (s, other, "union"),
        "__and__" => (s, other, "intersection"),
        "__sub__" => (s, other, "difference"),
        "__xor__" => (s, other, "symmetric_difference"),
        "__ror__" => (other, s, "union"),
        "__rand__" => (other, s, "intersection"),
        "__rsub__" => (other, s, "difference"),
        _ => (other, s, "symmetric_difference"),
    };
    let right_items = set_items(right).unwrap_or_default();
    let items = combine(vm, left, right_items, right, op)?;
    same_kind(vm, left, items)
}

fn set_multi(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let pos = args.positional();
    let Some(s) = pos.first() else { return Ok(Value::None) };
    let mut acc = set_items(s).unwrap_or_default();
    let mut current = same_kind(vm, s, acc.clone())?;
    for other in &pos[1..] {
        let items = vm.collect(other)?;
        acc = combine(vm, &current, items, other, name)?;
        current = same_kind(vm, s, acc.clone())?;
    }
    if pos.len() == 1 {
        return same_kind(vm, s, acc);
    }
    Ok(current)
}

fn set_relation(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    let items = vm.collect(&rest[0])?;
    let other = new_set(vm, items)?;
    let r = match name {
        "issubset" => subset(vm, s, &other)?,
        "issuperset" => subset(vm, &other, s)?,
        _ => {
            let mut disjoint = true;
            for x in set_items(s).unwrap_or_default() {
                if contains(vm, &other, &x)? {
                    disjoint = false;
                    break;
                }
            }
            disjoint
        }
    };
    Ok(Value::Bool(r))
}

fn subset(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    for x in set_items(a).unwrap_or_default() {
        if !contains(vm, b, &x)? {
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
    let la = set_items(s).map_or(0, |v| v.len());
    let lb = set_items(other).map_or(0, |v| v.len());
    let r = match name {
        "__eq__" => la == lb && subset(vm, s, other)?,
        "__ne__" => !(la == lb && subset(vm, s, other)?),
        "__le__" => subset(vm, s, other)?,
        "__lt__" => la < lb && subset(vm, s, other)?,
        "__ge__" => subset(vm, other, s)?,
        _ => la > lb && subset(vm, other, s)?,
    };
    Ok(Value::Bool(r))
}

fn set_update(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let pos = args.positional();
    let Some(Value::Obj(s)) = pos.first() else { return Ok(Value::None) };
    let s = s.clone();
    for other in &pos[1..] {
        let items = vm.collect(other)?;
        let result = match name {
            "update" => {
                for v in items {
                    mapping::set_add(vm, &s, v)?;
                }
                continue;
            }
            "intersection_update" => combine(vm, &Value::Obj(s.clone()), items, other, "intersection")?,
            "difference_update" => combine(vm, &Value::Obj(s.clone()), items, other, "difference")?,
            _ => combine(vm, &Value::Obj(s.clone()), items, other, "symmetric_difference")?,
        };
        if let Payload::Set(t) = s.payload() {
            t.borrow_mut().clear();
        }
        for v in result {
            mapping::set_add(vm, &s, v)?;
        }
    }
    Ok(Value::None)
}

fn set_inplace(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    set_update(vm, args, name)?;
    let _ = rest;
    Ok(s.clone())
}
