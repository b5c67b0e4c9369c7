//! `tuple`.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn tuple_items(v: &Value) -> Option<&[Value]> {
    match v.payload() {
        Some(Payload::Tuple(t)) => Some(t),
        _ => None,
    }
}

/// `start`/`stop` arguments of `index()` resolved against a length.
pub fn search_range(
    vm: &mut Vm,
    len: usize,
    start: Option<&Value>,
    stop: Option<&Value>,
) -> PyResult<(usize, usize)> {
    let norm = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None => Ok(default),
            Some(v) => {
                let i = argparse::index_i64(vm, v)?;
                Ok(if i < 0 {
                    (i + len as i64).max(0)
                } else {
                    i.min(len as i64)
                })
            }
        }
    };
    let s = norm(vm, start, 0)?;
    let e = norm(vm, stop, len as i64)?;
    Ok((s as usize, e.max(0) as usize))
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.tuple.clone();
    staticmethod(vm, &t, "__new__", tuple_new);
    method(vm, &t, "__len__", |vm, a| {
        let (v, _) = argparse::method_args(vm, &a, "__len__", 0, 0)?;
        Ok(Value::Int(tuple_items(v).map_or(0, |t| t.len()) as i64))
    });
    method(vm, &t, "__getitem__", tuple_getitem);
    method(vm, &t, "__contains__", |vm, a| {
        let (v, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
        let items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
        for x in items {
            if vm.eq(&x, &rest[0])? {
                return Ok(Value::TRUE);
            }
        }
        Ok(Value::FALSE)
    });
    method(vm, &t, "__iter__", |vm, a| {
        let v = a.values.first().cloned().unwrap_or(Value::None);
        Ok(crate::objects::iter::seq_iter(
            vm,
            &vm.types.tuple_iterator.clone(),
            v,
        ))
    });
    method(vm, &t, "__repr__", tuple_repr);
    method(vm, &t, "__hash__", tuple_hash);
    method(vm, &t, "__add__", |vm, a| {
        let (v, rest) = argparse::method_args(vm, &a, "__add__", 1, 1)?;
        let Some(other) = tuple_items(&rest[0]) else {
            return Err(vm.type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                vm.type_name(&rest[0])
            )));
        };
        let mut items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
        items.extend_from_slice(other);
        Ok(vm.new_tuple(items))
    });
    method(vm, &t, "__mul__", tuple_mul);
    method(vm, &t, "__rmul__", tuple_mul);
    crate::objects::comparison_methods!(vm, &t, |vm, a, op| {
        crate::objects::list::seq_compare_method(vm, a, op, false)
    });
    method(vm, &t, "count", |vm, a| {
        let (v, rest) = argparse::method_args(vm, &a, "count", 1, 1)?;
        let items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
        let mut n = 0;
        for x in items {
            if vm.eq(&x, &rest[0])? {
                n += 1;
            }
        }
        Ok(Value::Int(n))
    });
    method(vm, &t, "index", |vm, a| {
        let (v, rest) = argparse::method_args(vm, &a, "index", 1, 3)?;
        let items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
        let (start, stop) = search_range(vm, items.len(), rest.get(1), rest.get(2))?;
        for (i, x) in items.iter().enumerate().take(stop).skip(start) {
            if vm.eq(x, &rest[0])? {
                return Ok(Value::Int(i as i64));
            }
        }
        Err(vm.value_error("tuple.index(x): x not in tuple"))
    });
    method(vm, &t, "__getnewargs__", |vm, a| {
        let (v, _) = argparse::method_args(vm, &a, "__getnewargs__", 0, 0)?;
        let items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
        let inner = vm.new_tuple(items);
        Ok(vm.new_tuple(vec![inner]))
    });
    crate::objects::classmethod(
        vm,
        &t,
        "__class_getitem__",
        crate::objects::typing::class_getitem,
    );
}

fn tuple_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("tuple.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    if args.has_keywords() {
        return Err(vm.type_error("tuple() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "tuple expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    let items = match pos.get(1) {
        Some(v) => {
            if cls.is(&vm.types.tuple) && vm.class_of(v).is(&vm.types.tuple) {
                return Ok(v.clone());
            }
            vm.collect(v)?
        }
        None => Vec::new(),
    };
    if cls.is(&vm.types.tuple) {
        return Ok(vm.new_tuple(items));
    }
    Ok(Value::Obj(Obj::with_dict(
        cls.clone(),
        Some(vm.new_dict()),
        Payload::Tuple(crate::object::TupleItems::new(items)),
    )))
}

fn tuple_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (v, rest) = argparse::method_args(vm, &args, "__getitem__", 1, 1)?;
    let items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
    let key = &rest[0];
    if let Some(Payload::Slice { .. }) = key.payload() {
        let (start, _, step, count) = crate::objects::slice::indices(vm, key, items.len())?;
        let mut out = Vec::with_capacity(count);
        let mut i = start;
        for _ in 0..count {
            if let Some(x) = items.get(i as usize) {
                out.push(x.clone());
            }
            i += step;
        }
        return Ok(vm.new_tuple(out));
    }
    let i = crate::objects::list::index_arg(vm, key, "tuple")?;
    let idx = if i < 0 { i + items.len() as i64 } else { i };
    match items.get(idx as usize).filter(|_| idx >= 0) {
        Some(x) => Ok(x.clone()),
        None => Err(vm.index_error("tuple index out of range")),
    }
}

fn tuple_mul(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (v, rest) = argparse::method_args(vm, &args, "__mul__", 1, 1)?;
    if crate::objects::int::as_int(&rest[0]).is_none() {
        return Err(vm.type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            vm.type_name(&rest[0])
        )));
    }
    let n = argparse::index_i64(vm, &rest[0])?.max(0) as usize;
    let items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
    if items.len().saturating_mul(n) > (1 << 32) {
        return Err(vm.memory_error());
    }
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(vm.new_tuple(out))
}

fn tuple_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (v, _) = argparse::method_args(vm, &args, "__repr__", 0, 0)?;
    let items = tuple_items(v).map(|t| t.to_vec()).unwrap_or_default();
    let Value::Obj(o) = v else {
        return Ok(Value::None);
    };
    if items.is_empty() {
        return Ok(vm.new_str("()"));
    }
    if !vm.repr_enter(o) {
        return Ok(vm.new_str("(...)"));
    }
    let result = (|| {
        let mut out = String::from("(");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&vm.repr_string(x)?);
            vm.check_text_len(out.len())?;
        }
        if items.len() == 1 {
            out.push(',');
        }
        out.push(')');
        Ok(out)
    })();
    vm.repr_leave(o);
    Ok(vm.new_string(result?))
}

fn tuple_hash(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (v, _) = argparse::method_args(vm, &args, "__hash__", 0, 0)?;
    let items = tuple_items(v).unwrap_or_default();
    hash_items(vm, items).map(Value::Int)
}

/// CPython's tuple hash of these items (a tuple's items never change, so they are read in
/// place while their hashes, which may run Python code, are computed).
pub(crate) fn hash_items(vm: &mut Vm, items: &[Value]) -> PyResult<i64> {
    let mut small = [0i64; 8];
    if items.len() <= small.len() {
        for (slot, x) in small.iter_mut().zip(items) {
            *slot = vm.hash(x)?;
        }
        return Ok(taipan_hash::hash_tuple(&small[..items.len()]));
    }
    let mut hashes = Vec::with_capacity(items.len());
    for x in items {
        hashes.push(vm.hash(x)?);
    }
    Ok(taipan_hash::hash_tuple(&hashes))
}
