//! `dict` and its views.

use std::cell::RefCell;

use crate::argparse;
use crate::dict::DictTable;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{DictViewKind, IterState, Payload};
use crate::objects::{method, staticmethod};
use crate::ops::attr;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn dict_table(v: &Value) -> Option<&RefCell<DictTable>> {
    match v.payload() {
        Some(Payload::Dict(d)) => Some(d),
        _ => None,
    }
}

fn this_obj<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Obj> {
    match args.values.first() {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Dict(_)) => Ok(o),
        other => Err(vm.type_error(format!(
            "descriptor '{name}' for 'dict' objects doesn't apply to a '{}' object",
            other.map(|v| vm.type_name(v)).unwrap_or_default()
        ))),
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.dict.clone();
    staticmethod(vm, &t, "__new__", dict_new);
    method(vm, &t, "__init__", dict_init);
    method(vm, &t, "__len__", |vm, a| {
        let d = this_obj(vm, &a, "__len__")?;
        Ok(Value::Int(len_of(d) as i64))
    });
    method(vm, &t, "__getitem__", dict_getitem);
    method(vm, &t, "__setitem__", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "__setitem__", 2, 2)?;
        let Value::Obj(d) = d else {
            return Ok(Value::None);
        };
        mapping::dict_set(vm, d, rest[0].clone(), rest[1].clone())?;
        Ok(Value::None)
    });
    method(vm, &t, "__delitem__", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "__delitem__", 1, 1)?;
        let Value::Obj(d) = d else {
            return Ok(Value::None);
        };
        if mapping::dict_del(vm, d, &rest[0])?.is_none() {
            return Err(vm.key_error(rest[0].clone()));
        }
        Ok(Value::None)
    });
    method(vm, &t, "__contains__", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
        let Value::Obj(d) = d else {
            return Ok(Value::FALSE);
        };
        Ok(Value::bool(mapping::contains(vm, d, &rest[0])?))
    });
    method(vm, &t, "__iter__", |vm, a| {
        let d = this_obj(vm, &a, "__iter__")?.clone();
        Ok(dict_iter(vm, &d, DictViewKind::Keys))
    });
    method(vm, &t, "__reversed__", |vm, a| {
        let d = this_obj(vm, &a, "__reversed__")?.clone();
        let keys = match d.payload() {
            Payload::Dict(t) => t.borrow().keys(),
            _ => Vec::new(),
        };
        let n = keys.len();
        let list = vm.new_list(keys);
        Ok(crate::objects::iter::new_iterator(
            vm,
            &vm.types.dict_reversekeyiterator.clone(),
            IterState::Reversed {
                seq: list,
                index: n,
            },
        ))
    });
    method(vm, &t, "__repr__", dict_repr);
    method(vm, &t, "__eq__", |vm, a| dict_eq(vm, a, false));
    method(vm, &t, "__ne__", |vm, a| dict_eq(vm, a, true));
    method(vm, &t, "__or__", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "__or__", 1, 1)?;
        if dict_table(&rest[0]).is_none() {
            return Ok(vm.not_implemented.clone());
        }
        let out = copy_dict(vm, d)?;
        update_from(vm, &out, &rest[0])?;
        Ok(Value::Obj(out))
    });
    method(vm, &t, "__ror__", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "__ror__", 1, 1)?;
        if dict_table(&rest[0]).is_none() {
            return Ok(vm.not_implemented.clone());
        }
        let out = copy_dict(vm, &rest[0])?;
        update_from(vm, &out, d)?;
        Ok(Value::Obj(out))
    });
    method(vm, &t, "__ior__", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "__ior__", 1, 1)?;
        let Value::Obj(o) = d else {
            return Ok(Value::None);
        };
        update_from(vm, o, &rest[0])?;
        Ok(d.clone())
    });
    crate::objects::set_type_attr(vm, &t, "__hash__", Value::None);
    method(vm, &t, "get", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "get", 1, 2)?;
        let Value::Obj(d) = d else {
            return Ok(Value::None);
        };
        Ok(mapping::dict_get(vm, d, &rest[0])?
            .unwrap_or_else(|| rest.get(1).cloned().unwrap_or(Value::None)))
    });
    method(vm, &t, "setdefault", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "setdefault", 1, 2)?;
        let Value::Obj(d) = d else {
            return Ok(Value::None);
        };
        if let Some(v) = mapping::dict_get(vm, d, &rest[0])? {
            return Ok(v);
        }
        let v = rest.get(1).cloned().unwrap_or(Value::None);
        mapping::dict_set(vm, d, rest[0].clone(), v.clone())?;
        Ok(v)
    });
    method(vm, &t, "pop", |vm, a| {
        let (d, rest) = argparse::method_args(vm, &a, "pop", 1, 2)?;
        let Value::Obj(d) = d else {
            return Ok(Value::None);
        };
        match mapping::dict_del(vm, d, &rest[0])? {
            Some(v) => Ok(v),
            None => match rest.get(1) {
                Some(default) => Ok(default.clone()),
                None => Err(vm.key_error(rest[0].clone())),
            },
        }
    });
    method(vm, &t, "popitem", |vm, a| {
        let d = this_obj(vm, &a, "popitem")?;
        let entry = match d.payload() {
            Payload::Dict(t) => t.borrow_mut().pop_last(),
            _ => None,
        };
        match entry {
            Some(e) => Ok(vm.new_pair(e.key, e.value)),
            None => Err(vm.error(&vm.exc.key_error.clone(), "popitem(): dictionary is empty")),
        }
    });
    method(vm, &t, "keys", |vm, a| view(vm, a, DictViewKind::Keys));
    method(vm, &t, "values", |vm, a| view(vm, a, DictViewKind::Values));
    method(vm, &t, "items", |vm, a| view(vm, a, DictViewKind::Items));
    method(vm, &t, "update", |vm, a| {
        let d = this_obj(vm, &a, "update")?.clone();
        let pos = a.positional();
        if pos.len() > 2 {
            return Err(vm.type_error(format!(
                "update expected at most 1 argument, got {}",
                pos.len() - 1
            )));
        }
        if let Some(other) = pos.get(1) {
            update_from(vm, &d, other)?;
        }
        for (k, v) in a.keywords() {
            mapping::dict_set(vm, &d, k.clone(), v.clone())?;
        }
        Ok(Value::None)
    });
    method(vm, &t, "clear", |vm, a| {
        let d = this_obj(vm, &a, "clear")?;
        let old = match d.payload() {
            Payload::Dict(t) => std::mem::take(&mut *t.borrow_mut()),
            _ => DictTable::new(),
        };
        drop(old);
        Ok(Value::None)
    });
    method(vm, &t, "copy", |vm, a| {
        let d = this_obj(vm, &a, "copy")?.clone();
        let table = match d.payload() {
            Payload::Dict(t) => t.borrow().clone(),
            _ => DictTable::new(),
        };
        Ok(Value::Obj(Obj::new(
            vm.types.dict.clone(),
            Payload::Dict(Box::new(RefCell::new(table))),
        )))
    });
    crate::objects::classmethod(vm, &t, "fromkeys", |vm, a| {
        let (cls, rest) = argparse::method_args(vm, &a, "fromkeys", 1, 2)?;
        let keys = vm.collect(&rest[0])?;
        let value = rest.get(1).cloned().unwrap_or(Value::None);
        let d = vm.call0(cls)?;
        for k in keys {
            vm.set_item(&d, &k, value.clone())?;
        }
        Ok(d)
    });
    method(vm, &t, "__sizeof__", |vm, a| {
        let d = this_obj(vm, &a, "__sizeof__")?;
        Ok(Value::Int(48 + 24 * len_of(d) as i64))
    });
    crate::objects::classmethod(
        vm,
        &t,
        "__class_getitem__",
        crate::objects::typing::class_getitem,
    );
    init_views(vm);
}

fn len_of(d: &Obj) -> usize {
    match d.payload() {
        Payload::Dict(t) => t.borrow().len(),
        _ => 0,
    }
}

fn copy_dict(vm: &mut Vm, d: &Value) -> PyResult<Obj> {
    let table = dict_table(d)
        .map(|t| t.borrow().clone())
        .unwrap_or_default();
    let _ = vm;
    Ok(Obj::new(
        vm.types.dict.clone(),
        Payload::Dict(Box::new(RefCell::new(table))),
    ))
}

/// `d.update(other)`: a mapping (anything with `keys()`) or an iterable of pairs.
pub fn update_from(vm: &mut Vm, d: &Obj, other: &Value) -> PyResult<()> {
    if let Some(t) = dict_table(other) {
        let items = t.borrow().items();
        for (k, v) in items {
            mapping::dict_set(vm, d, k, v)?;
        }
        return Ok(());
    }
    let keys_name = vm.names.keys.clone();
    if let Some(keys) = attr::get_attr_opt(vm, other, &keys_name)? {
        let keys = vm.call0(&keys)?;
        let keys = vm.collect(&keys)?;
        for k in keys {
            let v = vm.get_item(other, &k)?;
            mapping::dict_set(vm, d, k, v)?;
        }
        return Ok(());
    }
    let it = vm
        .iter(other)
        .map_err(|_| vm.type_error(format!("'{}' object is not iterable", vm.type_name(other))))?;
    let mut n = 0;
    while let Some(item) = vm.next(&it)? {
        let pair = match vm.collect(&item) {
            Ok(p) => p,
            Err(_) => {
                return Err(vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{n} to a sequence"
                )));
            }
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{n} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut it2 = pair.into_iter();
        let (Some(k), Some(v)) = (it2.next(), it2.next()) else {
            break;
        };
        mapping::dict_set(vm, d, k, v)?;
        n += 1;
    }
    Ok(())
}

fn dict_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("dict.__new__(X): X is not a type object"));
    };
    let payload = Payload::Dict(Box::new(RefCell::new(DictTable::new())));
    if cls.is(&vm.types.dict) {
        return Ok(Value::Obj(Obj::new(cls.clone(), payload)));
    }
    Ok(Value::Obj(Obj::with_dict(
        cls.clone(),
        Some(vm.new_dict()),
        payload,
    )))
}

fn dict_init(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let d = this_obj(vm, &args, "__init__")?.clone();
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "dict expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    if let Some(other) = pos.get(1) {
        update_from(vm, &d, other)?;
    }
    for (k, v) in args.keywords() {
        mapping::dict_set(vm, &d, k.clone(), v.clone())?;
    }
    Ok(Value::None)
}

fn dict_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (d, rest) = argparse::method_args(vm, &args, "__getitem__", 1, 1)?;
    let Value::Obj(o) = d else {
        return Ok(Value::None);
    };
    if let Some(v) = mapping::dict_get(vm, o, &rest[0])? {
        return Ok(v);
    }
    // A subclass's __missing__.
    let class = vm.class_of(d);
    if !class.is(&vm.types.dict)
        && let Some(missing) = attr::type_lookup(vm, &class, &vm.names.__missing__.clone())
    {
        return vm.call_method_value(&missing, d, &[rest[0].clone()]);
    }
    Err(vm.key_error(rest[0].clone()))
}

fn dict_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let d = this_obj(vm, &args, "__repr__")?.clone();
    let items = match d.payload() {
        Payload::Dict(t) => t.borrow().items(),
        _ => Vec::new(),
    };
    if items.is_empty() {
        return Ok(vm.new_str("{}"));
    }
    if !vm.repr_enter(&d) {
        return Ok(vm.new_str("{...}"));
    }
    let result = (|| {
        let mut out = String::from("{");
        for (i, (k, v)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&vm.repr_string(k)?);
            out.push_str(": ");
            out.push_str(&vm.repr_string(v)?);
            vm.check_text_len(out.len())?;
        }
        out.push('}');
        Ok(out)
    })();
    vm.repr_leave(&d);
    Ok(vm.new_string(result?))
}

fn dict_eq(vm: &mut Vm, args: Args<'_>, negate: bool) -> PyResult {
    let (d, rest) = argparse::method_args(vm, &args, "__eq__", 1, 1)?;
    let (Some(a), Some(b)) = (dict_table(d), dict_table(&rest[0])) else {
        return Ok(vm.not_implemented.clone());
    };
    if a.borrow().len() != b.borrow().len() {
        return Ok(Value::bool(negate));
    }
    let items = a.borrow().items();
    let Value::Obj(other) = &rest[0] else {
        return Ok(Value::bool(negate));
    };
    for (k, v) in items {
        match mapping::dict_get(vm, other, &k)? {
            Some(w) => {
                if !vm.eq(&v, &w)? {
                    return Ok(Value::bool(negate));
                }
            }
            None => return Ok(Value::bool(negate)),
        }
    }
    Ok(Value::bool(!negate))
}

/// An iterator over a dict's keys, values or items.
pub fn dict_iter(vm: &Vm, d: &Obj, kind: DictViewKind) -> Value {
    let len = len_of(d);
    let (state, class) = match kind {
        DictViewKind::Keys => (
            IterState::DictKeys {
                dict: d.clone(),
                pos: 0,
                len,
            },
            vm.types.dict_keyiterator.clone(),
        ),
        DictViewKind::Values => (
            IterState::DictValues {
                dict: d.clone(),
                pos: 0,
                len,
            },
            vm.types.dict_valueiterator.clone(),
        ),
        DictViewKind::Items => (
            IterState::DictItems {
                dict: d.clone(),
                pos: 0,
                len,
            },
            vm.types.dict_itemiterator.clone(),
        ),
    };
    crate::objects::iter::new_iterator(vm, &class, state)
}

fn view(vm: &mut Vm, args: Args<'_>, kind: DictViewKind) -> PyResult {
    let d = this_obj(vm, &args, "keys")?.clone();
    let class = match kind {
        DictViewKind::Keys => vm.types.dict_keys.clone(),
        DictViewKind::Values => vm.types.dict_values.clone(),
        DictViewKind::Items => vm.types.dict_items.clone(),
    };
    Ok(Value::Obj(Obj::new(
        class,
        Payload::DictView { dict: d, kind },
    )))
}

fn view_parts(v: &Value) -> Option<(&Obj, DictViewKind)> {
    match v.payload() {
        Some(Payload::DictView { dict, kind }) => Some((dict, *kind)),
        _ => None,
    }
}

fn view_items(v: &Value) -> Vec<Value> {
    let Some((d, kind)) = view_parts(v) else {
        return Vec::new();
    };
    let _ = d;
    match (d.payload(), kind) {
        (Payload::Dict(t), DictViewKind::Keys) => t.borrow().keys(),
        (Payload::Dict(t), DictViewKind::Values) => t.borrow().values(),
        _ => Vec::new(),
    }
}

fn init_views(vm: &mut Vm) {
    for class in [
        vm.types.dict_keys.clone(),
        vm.types.dict_values.clone(),
        vm.types.dict_items.clone(),
    ] {
        method(vm, &class, "__len__", |vm, a| {
            let (v, _) = argparse::method_args(vm, &a, "__len__", 0, 0)?;
            Ok(Value::Int(
                view_parts(v).map_or(0, |(d, _)| len_of(d)) as i64
            ))
        });
        method(vm, &class, "__iter__", |vm, a| {
            let (v, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
            let Some((d, kind)) = view_parts(v) else {
                return Ok(Value::None);
            };
            let d = d.clone();
            Ok(dict_iter(vm, &d, kind))
        });
        method(vm, &class, "__reversed__", |vm, a| {
            let (v, _) = argparse::method_args(vm, &a, "__reversed__", 0, 0)?;
            let items = vm.collect(v)?;
            let n = items.len();
            let list = vm.new_list(items);
            Ok(crate::objects::iter::new_iterator(
                vm,
                &vm.types.list_reverseiterator.clone(),
                IterState::Reversed {
                    seq: list,
                    index: n,
                },
            ))
        });
        method(vm, &class, "__repr__", |vm, a| {
            let (v, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
            let tn = vm.type_name(v);
            let items = vm.collect(v)?;
            let list = vm.new_list(items);
            let inner = vm.repr_string(&list)?;
            Ok(vm.new_string(format!("{tn}({inner})")))
        });
        method(vm, &class, "__contains__", |vm, a| {
            let (v, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
            let Some((d, kind)) = view_parts(v) else {
                return Ok(Value::FALSE);
            };
            let d = d.clone();
            match kind {
                DictViewKind::Keys => Ok(Value::bool(mapping::contains(vm, &d, &rest[0])?)),
                DictViewKind::Items => {
                    let Some(pair) =
                        crate::objects::tuple::tuple_items(&rest[0]).map(|t| t.to_vec())
                    else {
                        return Ok(Value::FALSE);
                    };
                    if pair.len() != 2 {
                        return Ok(Value::FALSE);
                    }
                    match mapping::dict_get(vm, &d, &pair[0])? {
                        Some(val) => Ok(Value::bool(vm.eq(&val, &pair[1])?)),
                        None => Ok(Value::FALSE),
                    }
                }
                DictViewKind::Values => {
                    for x in view_items(v) {
                        if vm.eq(&x, &rest[0])? {
                            return Ok(Value::TRUE);
                        }
                    }
                    Ok(Value::FALSE)
                }
            }
        });
    }
    // Keys and items views are set-like.
    for class in [vm.types.dict_keys.clone(), vm.types.dict_items.clone()] {
        let ops: [(&'static str, crate::function::NativeFn); 11] = [
            ("__and__", |vm, a| view_binop(vm, a, "__and__")),
            ("__or__", |vm, a| view_binop(vm, a, "__or__")),
            ("__sub__", |vm, a| view_binop(vm, a, "__sub__")),
            ("__xor__", |vm, a| view_binop(vm, a, "__xor__")),
            ("__eq__", |vm, a| view_binop(vm, a, "__eq__")),
            ("__ne__", |vm, a| view_binop(vm, a, "__ne__")),
            ("__le__", |vm, a| view_binop(vm, a, "__le__")),
            ("__lt__", |vm, a| view_binop(vm, a, "__lt__")),
            ("__ge__", |vm, a| view_binop(vm, a, "__ge__")),
            ("__gt__", |vm, a| view_binop(vm, a, "__gt__")),
            ("isdisjoint", |vm, a| view_binop(vm, a, "isdisjoint")),
        ];
        for (name, func) in ops {
            method(vm, &class, name, func);
        }
    }
}

/// Set operations of keys/items views: done on sets built from both sides.
fn view_binop(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (v, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    let other = &rest[0];
    let is_set_like = matches!(
        other.payload(),
        Some(Payload::Set(_) | Payload::FrozenSet(_) | Payload::DictView { .. })
    );
    if matches!(
        name,
        "__eq__" | "__ne__" | "__le__" | "__lt__" | "__ge__" | "__gt__"
    ) && !is_set_like
    {
        return Ok(vm.not_implemented.clone());
    }
    if let Some(r) = view_compare(vm, v, other, name)? {
        return Ok(Value::bool(r));
    }
    let left_items = vm.collect(v)?;
    let left = crate::objects::set::new_set(vm, left_items)?;
    let right_items = match vm.collect(other) {
        Ok(items) => items,
        Err(_) => return Ok(vm.not_implemented.clone()),
    };
    let right = crate::objects::set::new_set(vm, right_items)?;
    let method = vm.intern(name);
    let f = attr::get_attr(vm, &left, &method)?;
    vm.call1(&f, right)
}

/// Rich comparison of a view with a set-like operand, as CPython's `dictview_richcompare`:
/// lengths, then membership of every element of one side in the other (`all_contained_in`),
/// so items with unhashable values compare fine.
fn view_compare(vm: &mut Vm, view: &Value, other: &Value, name: &str) -> PyResult<Option<bool>> {
    let (len_self, len_other) = match name {
        "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => {
            (vm.len(view)?, vm.len(other)?)
        }
        _ => return Ok(None),
    };
    let (ok, inner, outer) = match name {
        "__eq__" | "__ne__" => (len_self == len_other, view, other),
        "__lt__" => (len_self < len_other, view, other),
        "__le__" => (len_self <= len_other, view, other),
        "__gt__" => (len_self > len_other, other, view),
        _ => (len_self >= len_other, other, view),
    };
    let mut result = ok;
    if result {
        for item in vm.collect(inner)? {
            if !vm.contains(outer, &item)? {
                result = false;
                break;
            }
        }
    }
    Ok(Some(if name == "__ne__" { !result } else { result }))
}
