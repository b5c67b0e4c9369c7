//! `list`, and the indexing fast paths of lists and tuples.

use std::cell::RefCell;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::ops::CompareOp;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// The loop's `obj[i]` for exact lists and tuples with an int index.
#[inline]
pub fn fast_get_item(vm: &mut Vm, obj: &Value, key: &Value) -> Option<PyResult> {
    let (Value::Obj(o), Value::Int(i)) = (obj, key) else {
        return None;
    };
    // Exact lists and tuples only: a subclass may override `__getitem__`.
    if !o.class_is(&vm.types.list) && !o.class_is(&vm.types.tuple) {
        return None;
    }
    match o.payload() {
        Payload::List(l) => {
            let l = l.borrow();
            let idx = if *i < 0 { *i + l.len() as i64 } else { *i };
            Some(match l.get(idx as usize).filter(|_| idx >= 0) {
                Some(v) => Ok(v.clone()),
                None => Err(vm.index_error("list index out of range")),
            })
        }
        Payload::Tuple(t) => {
            let idx = if *i < 0 { *i + t.len() as i64 } else { *i };
            Some(match t.get(idx as usize).filter(|_| idx >= 0) {
                Some(v) => Ok(v.clone()),
                None => Err(vm.index_error("tuple index out of range")),
            })
        }
        _ => None,
    }
}

#[inline]
pub fn fast_set_item(vm: &mut Vm, obj: &Value, key: &Value, value: &Value) -> Option<PyResult<()>> {
    let (Value::Obj(o), Value::Int(i)) = (obj, key) else {
        return None;
    };
    if !o.class_is(&vm.types.list) {
        return None;
    }
    match o.payload() {
        Payload::List(l) => {
            let old = {
                let mut l = l.borrow_mut();
                let idx = if *i < 0 { *i + l.len() as i64 } else { *i };
                if idx < 0 || idx as usize >= l.len() {
                    None
                } else {
                    Some(std::mem::replace(&mut l[idx as usize], value.clone()))
                }
            };
            Some(match old {
                Some(_) => Ok(()),
                None => Err(vm.index_error("list assignment index out of range")),
            })
        }
        _ => None,
    }
}

pub(crate) fn list_of(v: &Value) -> Option<&RefCell<Vec<Value>>> {
    match v.payload() {
        Some(Payload::List(l)) => Some(l),
        _ => None,
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a RefCell<Vec<Value>>> {
    args.values.first().and_then(list_of).ok_or_else(|| {
        vm.type_error(format!(
            "descriptor '{name}' for 'list' objects doesn't apply to a '{}' object",
            args.values
                .first()
                .map(|v| vm.type_name(v))
                .unwrap_or_default()
        ))
    })
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.list.clone();
    staticmethod(vm, &t, "__new__", list_new);
    method(vm, &t, "__init__", list_init);
    method(vm, &t, "__len__", |vm, a| {
        Ok(Value::Int(this(vm, &a, "__len__")?.borrow().len() as i64))
    });
    method(vm, &t, "__getitem__", list_getitem);
    method(vm, &t, "__setitem__", list_setitem);
    method(vm, &t, "__delitem__", list_delitem);
    method(vm, &t, "__contains__", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
        let items = list_of(l).map(|l| l.borrow().clone()).unwrap_or_default();
        for v in items {
            if vm.eq(&v, &rest[0])? {
                return Ok(Value::TRUE);
            }
        }
        Ok(Value::FALSE)
    });
    method(vm, &t, "__iter__", |vm, a| {
        let l = a.values.first().cloned().unwrap_or(Value::None);
        Ok(crate::objects::iter::seq_iter(
            vm,
            &vm.types.list_iterator.clone(),
            l,
        ))
    });
    method(vm, &t, "__reversed__", |vm, a| {
        let l = a.values.first().cloned().unwrap_or(Value::None);
        let n = list_of(&l).map(|l| l.borrow().len()).unwrap_or(0);
        Ok(crate::objects::iter::new_iterator(
            vm,
            &vm.types.list_reverseiterator.clone(),
            crate::object::IterState::Reversed { seq: l, index: n },
        ))
    });
    method(vm, &t, "__repr__", list_repr);
    method(vm, &t, "__add__", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "__add__", 1, 1)?;
        let Some(other) = list_of(&rest[0]) else {
            return Err(vm.type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                vm.type_name(&rest[0])
            )));
        };
        let mut items = list_of(l).map(|l| l.borrow().clone()).unwrap_or_default();
        items.extend(other.borrow().iter().cloned());
        Ok(vm.new_list(items))
    });
    method(vm, &t, "__iadd__", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "__iadd__", 1, 1)?;
        let items = vm.collect(&rest[0])?;
        if let Some(lst) = list_of(l) {
            lst.borrow_mut().extend(items);
        }
        Ok(l.clone())
    });
    method(vm, &t, "__mul__", list_mul);
    method(vm, &t, "__rmul__", list_mul);
    method(vm, &t, "__imul__", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "__imul__", 1, 1)?;
        let n = repeat_count(vm, &rest[0])?;
        if let Some(lst) = list_of(l) {
            let items = lst.borrow().clone();
            if items.len().saturating_mul(n) > (1 << 32) {
                return Err(vm.memory_error());
            }
            let mut out = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                out.extend(items.iter().cloned());
            }
            *lst.borrow_mut() = out;
        }
        Ok(l.clone())
    });
    crate::objects::comparison_methods!(vm, &t, |vm, a, op| seq_compare_method(vm, a, op, true));
    crate::objects::set_type_attr(vm, &t, "__hash__", Value::None);
    method(vm, &t, "append", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "append", 1, 1)?;
        if let Some(lst) = list_of(l) {
            push(&mut lst.borrow_mut(), rest[0].clone());
        }
        Ok(Value::None)
    });
    method(vm, &t, "extend", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "extend", 1, 1)?;
        let items = vm.collect(&rest[0])?;
        if let Some(lst) = list_of(l) {
            lst.borrow_mut().extend(items);
        }
        Ok(Value::None)
    });
    method(vm, &t, "insert", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "insert", 2, 2)?;
        let i = argparse::index_i64(vm, &rest[0])?;
        if let Some(lst) = list_of(l) {
            let mut lst = lst.borrow_mut();
            let n = lst.len() as i64;
            let idx = if i < 0 { (i + n).max(0) } else { i.min(n) };
            lst.insert(idx as usize, rest[1].clone());
        }
        Ok(Value::None)
    });
    method(vm, &t, "pop", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "pop", 0, 1)?;
        let i = match rest.first() {
            Some(v) => argparse::index_i64(vm, v)?,
            None => -1,
        };
        let Some(lst) = list_of(l) else {
            return Ok(Value::None);
        };
        let mut lst = lst.borrow_mut();
        if lst.is_empty() {
            return Err(vm.index_error("pop from empty list"));
        }
        let n = lst.len() as i64;
        let idx = if i < 0 { i + n } else { i };
        if idx < 0 || idx >= n {
            return Err(vm.index_error("pop index out of range"));
        }
        Ok(lst.remove(idx as usize))
    });
    method(vm, &t, "remove", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "remove", 1, 1)?;
        let items = list_of(l).map(|l| l.borrow().clone()).unwrap_or_default();
        for (i, v) in items.iter().enumerate() {
            if vm.eq(v, &rest[0])? {
                if let Some(lst) = list_of(l) {
                    let mut lst = lst.borrow_mut();
                    if i < lst.len() {
                        lst.remove(i);
                    }
                }
                return Ok(Value::None);
            }
        }
        Err(vm.value_error("list.remove(x): x not in list"))
    });
    method(vm, &t, "index", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "index", 1, 3)?;
        let items = list_of(l).map(|l| l.borrow().clone()).unwrap_or_default();
        let (start, stop) =
            crate::objects::tuple::search_range(vm, items.len(), rest.get(1), rest.get(2))?;
        for (i, v) in items.iter().enumerate().take(stop).skip(start) {
            if vm.eq(v, &rest[0])? {
                return Ok(Value::Int(i as i64));
            }
        }
        let r = vm.repr_string(&rest[0])?;
        Err(vm.value_error(format!("{r} is not in list")))
    });
    method(vm, &t, "count", |vm, a| {
        let (l, rest) = argparse::method_args(vm, &a, "count", 1, 1)?;
        let items = list_of(l).map(|l| l.borrow().clone()).unwrap_or_default();
        let mut n = 0;
        for v in items {
            if vm.eq(&v, &rest[0])? {
                n += 1;
            }
        }
        Ok(Value::Int(n))
    });
    method(vm, &t, "clear", |vm, a| {
        let l = this(vm, &a, "clear")?;
        let old = std::mem::take(&mut *l.borrow_mut());
        drop(old);
        Ok(Value::None)
    });
    method(vm, &t, "copy", |vm, a| {
        let l = this(vm, &a, "copy")?;
        let items = l.borrow().clone();
        Ok(vm.new_list(items))
    });
    method(vm, &t, "reverse", |vm, a| {
        let l = this(vm, &a, "reverse")?;
        l.borrow_mut().reverse();
        Ok(Value::None)
    });
    method(vm, &t, "sort", list_sort);
    method(vm, &t, "__sizeof__", |vm, a| {
        let l = this(vm, &a, "__sizeof__")?;
        Ok(Value::Int(40 + 8 * l.borrow().capacity() as i64))
    });
    crate::objects::classmethod(
        vm,
        &t,
        "__class_getitem__",
        crate::objects::typing::class_getitem,
    );
}

fn list_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("list.__new__(X): X is not a type object"));
    };
    let payload = Payload::List(RefCell::new(Vec::new()));
    if cls.is(&vm.types.list) {
        return Ok(Value::Obj(Obj::new(cls.clone(), payload)));
    }
    Ok(Value::Obj(Obj::with_dict(
        cls.clone(),
        Some(vm.new_dict()),
        payload,
    )))
}

fn list_init(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let l = this(vm, &args, "__init__")?;
    if args.has_keywords() {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "list expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    let items = match pos.get(1) {
        Some(it) => vm.collect(it)?,
        None => Vec::new(),
    };
    *l.borrow_mut() = items;
    Ok(Value::None)
}

fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    if crate::objects::int::as_int(v).is_none() {
        let class = vm.class_of(v);
        if crate::ops::attr::type_lookup(vm, &class, &vm.names.__index__.clone()).is_none() {
            return Err(vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                vm.type_name(v)
            )));
        }
    }
    let n = match argparse::index_i64(vm, v) {
        Ok(n) => n,
        Err(_) => return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    };
    Ok(n.max(0) as usize)
}

fn list_mul(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (l, rest) = argparse::method_args(vm, &args, "__mul__", 1, 1)?;
    let n = repeat_count(vm, &rest[0])?;
    let items = list_of(l).map(|l| l.borrow().clone()).unwrap_or_default();
    if items.len().saturating_mul(n) > (1 << 32) {
        return Err(vm.memory_error());
    }
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(vm.new_list(out))
}

/// `==`, `<`, … between two lists (or two tuples): CPython's lexicographic comparison.
pub fn seq_compare_method(vm: &mut Vm, args: Args<'_>, op: CompareOp, is_list: bool) -> PyResult {
    let (a, rest) = argparse::method_args(vm, &args, "__eq__", 1, 1)?;
    let get = |v: &Value| -> Option<Vec<Value>> {
        match v.payload() {
            Some(Payload::List(l)) if is_list => Some(l.borrow().clone()),
            Some(Payload::Tuple(t)) if !is_list => Some(t.to_vec()),
            _ => None,
        }
    };
    let (Some(x), Some(y)) = (get(a), get(&rest[0])) else {
        return Ok(vm.not_implemented.clone());
    };
    seq_compare(vm, &x, &y, op).map(Value::bool)
}

pub fn seq_compare(vm: &mut Vm, x: &[Value], y: &[Value], op: CompareOp) -> PyResult<bool> {
    if x.len() != y.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(op == CompareOp::Ne);
    }
    for (a, b) in x.iter().zip(y.iter()) {
        // Items whose order is known without Python code (ints, strs, floats other than NaN)
        // are compared once, not for `==` and then again for the operator.
        if let Some(ord) = native_order(a, b) {
            if ord == std::cmp::Ordering::Equal {
                continue;
            }
            return Ok(match op {
                CompareOp::Eq => false,
                CompareOp::Ne => true,
                _ => op.test(ord),
            });
        }
        if !vm.eq(a, b)? {
            return match op {
                CompareOp::Eq => Ok(false),
                CompareOp::Ne => Ok(true),
                _ => vm.compare_bool(a, b, op),
            };
        }
    }
    Ok(op.test(x.len().cmp(&y.len())))
}

/// Append one item, growing the storage as CPython's `list_resize` does (about an eighth more
/// than needed, not double): a list built by `append` holds at most 12.5 % spare slots, as
/// CPython's does, where `Vec`'s doubling would leave up to 100 %.
#[inline]
pub fn push(items: &mut Vec<Value>, v: Value) {
    if items.len() == items.capacity() {
        let n = items.len() + 1;
        let target = (n + (n >> 3) + 6) & !3;
        items.reserve_exact(target - items.len());
    }
    items.push(v);
}

/// The order of two exact ints, two exact strs or two floats (neither NaN), as `<`/`==`
/// give it; `None` when only the general protocol can tell.
fn native_order(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.get().partial_cmp(&y.get()),
        (Value::Str(s), Value::Str(t)) => Some(s.cmp_str(t)),
        _ => None,
    }
}

fn list_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let l = this(vm, &args, "__repr__")?;
    let Some(Value::Obj(o)) = args.values.first() else {
        return Ok(Value::None);
    };
    if !vm.repr_enter(o) {
        return Ok(vm.new_str("[...]"));
    }
    let items = l.borrow().clone();
    let result = (|| {
        let mut out = String::from("[");
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&vm.repr_string(v)?);
            vm.check_text_len(out.len())?;
        }
        out.push(']');
        Ok(out)
    })();
    vm.repr_leave(o);
    Ok(vm.new_string(result?))
}

fn list_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (l, rest) = argparse::method_args(vm, &args, "__getitem__", 1, 1)?;
    let key = &rest[0];
    let Some(lst) = list_of(l) else {
        return Ok(vm.not_implemented.clone());
    };
    if let Some(Payload::Slice { .. }) = key.payload() {
        return get_slice(vm, lst, key);
    }
    let i = index_arg(vm, key, "list")?;
    let items = lst.borrow();
    let idx = if i < 0 { i + items.len() as i64 } else { i };
    match items.get(idx as usize).filter(|_| idx >= 0) {
        Some(v) => Ok(v.clone()),
        None => Err(vm.index_error("list index out of range")),
    }
}

/// An integer index, or CPython's `list indices must be integers or slices, not X`.
pub fn index_arg(vm: &mut Vm, key: &Value, what: &str) -> PyResult<i64> {
    if crate::objects::int::as_int(key).is_none() {
        let class = vm.class_of(key);
        if crate::ops::attr::type_lookup(vm, &class, &vm.names.__index__.clone()).is_none() {
            return Err(vm.type_error(format!(
                "{what} indices must be integers or slices, not {}",
                vm.type_name(key)
            )));
        }
    }
    argparse::index_i64(vm, key)
        .map_err(|_| vm.index_error("cannot fit 'int' into an index-sized integer".to_string()))
}

fn list_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (l, rest) = argparse::method_args(vm, &args, "__setitem__", 2, 2)?;
    let Some(lst) = list_of(l) else {
        return Ok(Value::None);
    };
    let key = &rest[0];
    if let Some(Payload::Slice { .. }) = key.payload() {
        return set_slice(vm, lst, key, &rest[1]).map(|()| Value::None);
    }
    let i = index_arg(vm, key, "list")?;
    let mut items = lst.borrow_mut();
    let idx = if i < 0 { i + items.len() as i64 } else { i };
    if idx < 0 || idx as usize >= items.len() {
        return Err(vm.index_error("list assignment index out of range"));
    }
    let old = std::mem::replace(&mut items[idx as usize], rest[1].clone());
    drop(items);
    drop(old);
    Ok(Value::None)
}

/// `lst[slice]`: a new list.
pub(crate) fn get_slice(vm: &mut Vm, lst: &RefCell<Vec<Value>>, key: &Value) -> PyResult {
    let len = lst.borrow().len();
    let (start, _, step, count) = crate::objects::slice::indices(vm, key, len)?;
    let items = lst.borrow();
    let mut out = Vec::with_capacity(count);
    let mut i = start;
    for _ in 0..count {
        if let Some(v) = items.get(i as usize) {
            out.push(v.clone());
        }
        i += step;
    }
    drop(items);
    Ok(vm.new_list(out))
}

/// `lst[slice] = value`.
pub(crate) fn set_slice(
    vm: &mut Vm,
    lst: &RefCell<Vec<Value>>,
    key: &Value,
    value: &Value,
) -> PyResult<()> {
    {
        let new_items = vm.collect(value)?;
        let len = lst.borrow().len();
        let (start, stop, step, count) = crate::objects::slice::indices(vm, key, len)?;
        let mut items = lst.borrow_mut();
        if step == 1 {
            let start = start as usize;
            let stop = (stop as usize).max(start);
            let end = stop.min(items.len());
            let removed: Vec<Value> = items.splice(start..end, new_items).collect();
            drop(items);
            drop(removed);
            return Ok(());
        }
        if new_items.len() != count {
            return Err(vm.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {count}",
                new_items.len()
            )));
        }
        let mut i = start;
        for v in new_items {
            if let Some(slot) = items.get_mut(i as usize) {
                *slot = v;
            }
            i += step;
        }
        Ok(())
    }
}

fn list_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (l, rest) = argparse::method_args(vm, &args, "__delitem__", 1, 1)?;
    let Some(lst) = list_of(l) else {
        return Ok(Value::None);
    };
    let key = &rest[0];
    if let Some(Payload::Slice { .. }) = key.payload() {
        let len = lst.borrow().len();
        let (start, _, step, count) = crate::objects::slice::indices(vm, key, len)?;
        let mut idxs: Vec<usize> = (0..count)
            .map(|k| (start + k as i64 * step) as usize)
            .collect();
        idxs.sort_unstable();
        let mut items = lst.borrow_mut();
        let mut removed = Vec::new();
        for i in idxs.into_iter().rev() {
            if i < items.len() {
                removed.push(items.remove(i));
            }
        }
        drop(items);
        drop(removed);
        return Ok(Value::None);
    }
    let i = index_arg(vm, key, "list")?;
    let mut items = lst.borrow_mut();
    let idx = if i < 0 { i + items.len() as i64 } else { i };
    if idx < 0 || idx as usize >= items.len() {
        return Err(vm.index_error("list assignment index out of range"));
    }
    let old = items.remove(idx as usize);
    drop(items);
    drop(old);
    Ok(Value::None)
}

fn list_sort(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let l = this(vm, &args, "sort")?;
    if !args.positional()[1..].is_empty() {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in args.keywords() {
        match vm.str_lossy(k).as_str() {
            "key" => key = Some(v.clone()).filter(|v| !v.is_none()),
            "reverse" => reverse = vm.truthy(v)?,
            other => {
                return Err(vm.type_error(format!(
                    "sort() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    // Sort a copy while the list is emptied, as CPython does, to detect modification.
    let items = std::mem::take(&mut *l.borrow_mut());
    let result = sort_values(vm, items, key.as_ref(), reverse);
    let modified = !l.borrow().is_empty();
    match result {
        Ok(sorted) => {
            *l.borrow_mut() = sorted;
            if modified {
                return Err(vm.value_error("list modified during sort"));
            }
            Ok(Value::None)
        }
        Err((e, original)) => {
            *l.borrow_mut() = original;
            Err(e)
        }
    }
}

/// A stable sort with Python's `<` (and an optional key function), as `list.sort`.
///
/// Sorts a permutation of `u32` indices (with a scratch half as long), then moves the items
/// into place: besides the keys, the extra memory is 6 bytes an item, about what CPython's
/// merge state costs, where sorting `(key, value)` pairs would cost 48.
pub fn sort_values(
    vm: &mut Vm,
    mut items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> Result<Vec<Value>, (crate::error::PyErr, Vec<Value>)> {
    if items.len() < 2 {
        return Ok(items);
    }
    let Ok(count) = u32::try_from(items.len()) else {
        return Err((vm.memory_error(), items));
    };
    let keys = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for v in &items {
                match vm.call1(f, v.clone()) {
                    Ok(k) => ks.push(k),
                    Err(e) => return Err((e, items)),
                }
            }
            Some(ks)
        }
        None => None,
    };
    let mut order: Vec<u32> = (0..count).collect();
    if reverse {
        // Reverse first and sort stably, then reverse again: stable for equal keys.
        order.reverse();
    }
    let mut err = None;
    {
        let keys = keys.as_deref().unwrap_or(&items);
        let mut scratch = vec![0u32; order.len() / 2];
        merge_sort(&mut order, &mut scratch, &mut |a: u32, b: u32| -> bool {
            if err.is_some() {
                return false;
            }
            match vm.compare_bool(&keys[b as usize], &keys[a as usize], CompareOp::Lt) {
                Ok(r) => r,
                Err(e) => {
                    err = Some(e);
                    false
                }
            }
        });
    }
    drop(keys);
    if let Some(e) = err {
        return Err((e, items));
    }
    if reverse {
        order.reverse();
    }
    permute(&mut items, &mut order);
    Ok(items)
}

/// Rearrange `items` so that position `i` holds what was at `order[i]`, in place (following
/// each cycle of the permutation); `order` is left as the identity.
fn permute(items: &mut [Value], order: &mut [u32]) {
    for start in 0..items.len() {
        if order[start] as usize == start {
            continue;
        }
        let first = std::mem::take(&mut items[start]);
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start {
                items[at] = first;
                break;
            }
            items[at] = std::mem::take(&mut items[from]);
            at = from;
        }
    }
}

/// Stable merge sort of indices in place; `lt_rev(a, b)` is "b < a": true moves `b` ahead of
/// `a`. `scratch` holds at least half of `v`. Halves are split at the middle down to runs of
/// 16, which are insertion-sorted: the comparisons a program can observe through `__lt__`
/// are the same as before this sort worked in place.
fn merge_sort(v: &mut [u32], scratch: &mut [u32], lt_rev: &mut dyn FnMut(u32, u32) -> bool) {
    if v.len() <= 1 {
        return;
    }
    if v.len() <= 16 {
        for i in 1..v.len() {
            let x = v[i];
            let mut pos = i;
            // Move before elements that are greater than x (x < e).
            while pos > 0 && lt_rev(v[pos - 1], x) {
                v[pos] = v[pos - 1];
                pos -= 1;
            }
            v[pos] = x;
        }
        return;
    }
    let mid = v.len() / 2;
    merge_sort(&mut v[..mid], scratch, lt_rev);
    merge_sort(&mut v[mid..], scratch, lt_rev);
    // Merge: the left half moves to the scratch, the right half is read where it is (the
    // output never overtakes it).
    let left = &mut scratch[..mid];
    left.copy_from_slice(&v[..mid]);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < v.len() {
        // Take from the right only if right < left (stability).
        if lt_rev(left[i], v[j]) {
            v[k] = v[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    v[k..k + (mid - i)].copy_from_slice(&left[i..]);
}
