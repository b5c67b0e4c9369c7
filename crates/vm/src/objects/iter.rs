//! The built-in iterators (over lists, tuples, strings, ranges, dicts, sets) and the lazy
//! built-ins `enumerate`, `zip`, `map`, `filter`, `reversed`, `iter(callable, sentinel)`.

use std::cell::RefCell;

use num_traits::{One, Signed};

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{IterState, Payload};
use crate::objects::{method, staticmethod};
use crate::str::PyStr;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn new_iterator(vm: &Vm, class: &Obj, state: IterState) -> Value {
    let _ = vm;
    Value::Obj(Obj::new(
        class.clone(),
        Payload::Iterator(Box::new(RefCell::new(state))),
    ))
}

pub fn seq_iter(vm: &Vm, class: &Obj, seq: Value) -> Value {
    new_iterator(vm, class, IterState::Seq { seq, index: 0 })
}

pub fn str_iter(vm: &Vm, s: &PyStr) -> Value {
    // As CPython: an ASCII string's iterator is a `str_ascii_iterator`, others' a
    // `str_iterator`.
    let class = if s.is_ascii() {
        &vm.types.str_iterator
    } else {
        &vm.types.str_unicode_iterator
    };
    new_iterator(
        vm,
        class,
        IterState::Str {
            string: s.clone(),
            byte: 0,
        },
    )
}

/// `iter(v)` for the exact built-in containers (no lookup), else `None`.
pub fn native_iter(vm: &mut Vm, v: &Value) -> Option<Value> {
    if let Value::Str(s) = v {
        return Some(str_iter(vm, s));
    }
    let Value::Obj(o) = v else { return None };
    if o.dict().is_some() {
        return None;
    }
    Some(match o.payload() {
        Payload::List(_) => seq_iter(vm, &vm.types.list_iterator.clone(), v.clone()),
        Payload::Tuple(_) => seq_iter(vm, &vm.types.tuple_iterator.clone(), v.clone()),
        Payload::Dict(_) => {
            crate::objects::dict::dict_iter(vm, o, crate::object::DictViewKind::Keys)
        }
        Payload::Iterator(_) | Payload::Generator(_) => {
            let class = vm.class_of(v);
            if class.is(&vm.types.generator)
                || crate::types::type_object(&class).is_some_and(|t| !t.heap)
            {
                v.clone()
            } else {
                return None;
            }
        }
        Payload::Range(bounds) => {
            let (Value::Int(a), Value::Int(b), Value::Int(c)) =
                (&bounds.start, &bounds.stop, &bounds.step)
            else {
                return None;
            };
            new_iterator(
                vm,
                &vm.types.range_iterator.clone(),
                IterState::Range {
                    next: *a,
                    stop: *b,
                    step: *c,
                },
            )
        }
        _ => return None,
    })
}

/// One step of a built-in iterator.
pub fn next_native(vm: &mut Vm, it: &Obj, state: &RefCell<IterState>) -> PyResult<Option<Value>> {
    let mut st = state.borrow_mut();
    match &mut *st {
        IterState::Range { next, stop, step } => {
            let cur = *next;
            let more = if *step > 0 { cur < *stop } else { cur > *stop };
            if !more {
                return Ok(None);
            }
            match cur.checked_add(*step) {
                Some(n) => *next = n,
                None => *next = *stop,
            }
            Ok(Some(Value::Int(cur)))
        }
        IterState::Seq { seq, index } => {
            let item = match seq.payload() {
                Some(Payload::List(l)) => l.borrow().get(*index).cloned(),
                Some(Payload::Tuple(t)) => t.get(*index).cloned(),
                _ => None,
            };
            match item {
                Some(v) => {
                    *index += 1;
                    Ok(Some(v))
                }
                None => {
                    *st = IterState::Exhausted;
                    Ok(None)
                }
            }
        }
        IterState::Str { string, byte } => {
            let s = string;
            match s.as_str() {
                Some(t) => match t[*byte..].chars().next() {
                    Some(c) => {
                        *byte += c.len_utf8();
                        Ok(Some(crate::objects::str::char_value(vm, c as u32)))
                    }
                    None => Ok(None),
                },
                None => match s.code_point_at(*byte) {
                    Some(c) => {
                        *byte += 1;
                        Ok(Some(crate::objects::str::char_value(vm, c)))
                    }
                    None => Ok(None),
                },
            }
        }
        IterState::BigRange { next, stop, step } => {
            let more = if step.is_positive() {
                *next < *stop
            } else {
                *next > *stop
            };
            if !more {
                return Ok(None);
            }
            let cur = next.clone();
            *next += &*step;
            Ok(Some(vm.new_int_big(cur)))
        }
        IterState::DictKeys { dict, pos, len }
        | IterState::DictValues { dict, pos, len }
        | IterState::DictItems { dict, pos, len } => {
            let Payload::Dict(t) = dict.payload() else {
                return Ok(None);
            };
            let t = t.borrow();
            if t.len() != *len {
                *len = usize::MAX;
                drop(t);
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            let Some((p, e)) = t.next_from(*pos) else {
                return Ok(None);
            };
            *pos = p + 1;
            let (k, v) = (e.key.clone(), e.value.clone());
            drop(t);
            let kind = match &*st {
                IterState::DictKeys { .. } => 0,
                IterState::DictValues { .. } => 1,
                _ => 2,
            };
            drop(st);
            Ok(Some(match kind {
                0 => k,
                1 => v,
                _ => vm.new_pair(k, v),
            }))
        }
        IterState::Set { set, pos, len } => {
            let entry = match set.payload() {
                Payload::Set(t) | Payload::FrozenSet(t) => {
                    let t = t.borrow();
                    if t.len() != *len {
                        drop(t);
                        *len = usize::MAX;
                        return Err(vm.runtime_error("Set changed size during iteration"));
                    }
                    t.next_from(*pos).map(|(p, e)| (p, e.key.clone()))
                }
                _ => None,
            };
            match entry {
                Some((p, k)) => {
                    *pos = p + 1;
                    Ok(Some(k))
                }
                None => Ok(None),
            }
        }
        IterState::Reversed { seq, index } => {
            if *index == 0 {
                return Ok(None);
            }
            let seq = seq.clone();
            let i = *index - 1;
            *index = i;
            drop(st);
            let item = match seq.payload() {
                Some(Payload::List(l)) => l.borrow().get(i).cloned(),
                Some(Payload::Tuple(t)) => t.get(i).cloned(),
                _ => {
                    let v = vm.get_item(&seq, &Value::Int(i as i64))?;
                    return Ok(Some(v));
                }
            };
            if item.is_none()
                && let IterState::Reversed { index, .. } = &mut *state.borrow_mut()
            {
                *index = 0;
            }
            Ok(item)
        }
        IterState::Bytes { bytes, index } => {
            let b = match bytes.payload() {
                Some(Payload::Bytes(b)) => b.get(*index).copied(),
                Some(Payload::ByteArray(b)) => b.borrow().get(*index).copied(),
                _ => None,
            };
            match b {
                Some(b) => {
                    *index += 1;
                    Ok(Some(Value::Int(b as i64)))
                }
                None => Ok(None),
            }
        }
        IterState::Exhausted => Ok(None),
        _ => {
            // The lazy built-ins run Python code: release the borrow first.
            drop(st);
            next_lazy(vm, it, state)
        }
    }
}

fn next_lazy(vm: &mut Vm, _it: &Obj, state: &RefCell<IterState>) -> PyResult<Option<Value>> {
    enum Step {
        Enumerate(Value, Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Callable(Value, Value),
        GetItem(Value, i64),
        Done,
    }
    let step = match &*state.borrow() {
        IterState::Enumerate { iter, count } => Step::Enumerate(iter.clone(), count.clone()),
        IterState::Zip { iters, strict } => Step::Zip(iters.clone(), *strict),
        IterState::Map { func, iters } => Step::Map(func.clone(), iters.clone()),
        IterState::Filter { func, iter } => Step::Filter(func.clone(), iter.clone()),
        IterState::Callable { func, sentinel } => Step::Callable(func.clone(), sentinel.clone()),
        IterState::GetItem { obj, index } => Step::GetItem(obj.clone(), *index),
        _ => Step::Done,
    };
    match step {
        Step::Enumerate(iter, count) => {
            let Some(v) = vm.next(&iter)? else {
                return Ok(None);
            };
            let next_count = match &count {
                Value::Int(i) => match i.checked_add(1) {
                    Some(n) => Value::Int(n),
                    None => vm.new_int_big(num_bigint::BigInt::from(*i) + 1),
                },
                other => vm.binary_op(other, &Value::Int(1), crate::ops::BinOp::Add, false)?,
            };
            if let IterState::Enumerate { count: c, .. } = &mut *state.borrow_mut() {
                *c = next_count;
            }
            Ok(Some(vm.new_pair(count, v)))
        }
        Step::Zip(iters, strict) => {
            if iters.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for (i, it) in iters.iter().enumerate() {
                match vm.next(it)? {
                    Some(v) => items.push(v),
                    None => {
                        if strict {
                            if i > 0 {
                                let s = if i == 1 { " " } else { "s 1-" };
                                let which = if i == 1 {
                                    "1".to_owned()
                                } else {
                                    format!("{i}")
                                };
                                return Err(vm.value_error(format!(
                                    "zip() argument {} is shorter than argument{s}{which}",
                                    i + 1
                                )));
                            }
                            for (j, other) in iters.iter().enumerate().skip(1) {
                                if vm.next(other)?.is_some() {
                                    let s = if j == 1 { " " } else { "s 1-" };
                                    let which = if j == 1 {
                                        "1".to_owned()
                                    } else {
                                        format!("{j}")
                                    };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is longer than argument{s}{which}",
                                        j + 1
                                    )));
                                }
                            }
                        }
                        *state.borrow_mut() = IterState::Exhausted;
                        return Ok(None);
                    }
                }
            }
            Ok(Some(vm.new_tuple(items)))
        }
        Step::Map(func, iters) => {
            let mut args = Vec::with_capacity(iters.len());
            for it in &iters {
                match vm.next(it)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            vm.call(&func, Args::new(&args)).map(Some)
        }
        Step::Filter(func, iter) => loop {
            let Some(v) = vm.next(&iter)? else {
                return Ok(None);
            };
            let keep = if func.is_none() {
                vm.truthy(&v)?
            } else {
                let r = vm.call1(&func, v.clone())?;
                vm.truthy(&r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Step::Callable(func, sentinel) => {
            let v = match vm.call0(&func) {
                Ok(v) => v,
                Err(e) if vm.is_instance_of(&e.value(), &vm.exc.stop_iteration.clone()) => {
                    *state.borrow_mut() = IterState::Exhausted;
                    return Ok(None);
                }
                Err(e) => return Err(e),
            };
            if vm.eq(&v, &sentinel)? {
                *state.borrow_mut() = IterState::Exhausted;
                return Ok(None);
            }
            Ok(Some(v))
        }
        Step::GetItem(obj, index) => match vm.get_item(&obj, &Value::Int(index)) {
            Ok(v) => {
                if let IterState::GetItem { index: i, .. } = &mut *state.borrow_mut() {
                    *i += 1;
                }
                Ok(Some(v))
            }
            Err(e)
                if vm.is_instance_of(&e.value(), &vm.exc.index_error.clone())
                    || vm.is_instance_of(&e.value(), &vm.exc.stop_iteration.clone()) =>
            {
                *state.borrow_mut() = IterState::Exhausted;
                Ok(None)
            }
            Err(e) => Err(e),
        },
        Step::Done => Ok(None),
    }
}

fn iter_self(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (it, _) = argparse::method_args(vm, &args, "__iter__", 0, 0)?;
    Ok(it.clone())
}

fn iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (it, _) = argparse::method_args(vm, &args, "__next__", 0, 0)?;
    let Value::Obj(o) = it else {
        return Err(vm.stop_iteration(Value::None));
    };
    let Payload::Iterator(state) = o.payload() else {
        return Err(vm.stop_iteration(Value::None));
    };
    match next_native(vm, o, state)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn length_hint(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (it, _) = argparse::method_args(vm, &args, "__length_hint__", 0, 0)?;
    let Some(Payload::Iterator(state)) = it.payload() else {
        return Ok(Value::Int(0));
    };
    let n = match &*state.borrow() {
        IterState::Seq { seq, index } => match seq.payload() {
            Some(Payload::List(l)) => l.borrow().len().saturating_sub(*index),
            Some(Payload::Tuple(t)) => t.len().saturating_sub(*index),
            _ => 0,
        },
        IterState::Range { next, stop, step } => {
            let n = if *step > 0 {
                (stop - next + step - 1) / step
            } else {
                (next - stop - step - 1) / (-step)
            };
            n.max(0) as usize
        }
        IterState::Reversed { index, .. } => *index,
        _ => 0,
    };
    Ok(Value::Int(n as i64))
}

pub(crate) fn init(vm: &mut Vm) {
    let t = &vm.types;
    let classes = [
        t.list_iterator.clone(),
        t.list_reverseiterator.clone(),
        t.tuple_iterator.clone(),
        t.range_iterator.clone(),
        t.longrange_iterator.clone(),
        t.str_iterator.clone(),
        t.str_unicode_iterator.clone(),
        t.bytes_iterator.clone(),
        t.bytearray_iterator.clone(),
        t.dict_keyiterator.clone(),
        t.dict_valueiterator.clone(),
        t.dict_itemiterator.clone(),
        t.dict_reversekeyiterator.clone(),
        t.set_iterator.clone(),
        t.enumerate.clone(),
        t.zip.clone(),
        t.map.clone(),
        t.filter.clone(),
        t.reversed.clone(),
        t.callable_iterator.clone(),
        t.seq_iterator.clone(),
    ];
    for c in &classes {
        method(vm, c, "__iter__", iter_self);
        method(vm, c, "__next__", iter_next);
        method(vm, c, "__length_hint__", length_hint);
    }
    let enumerate = vm.types.enumerate.clone();
    staticmethod(vm, &enumerate, "__new__", |vm, a| {
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let bound = argparse::bind(vm, &rest, "enumerate", &["iterable", "start"], 1)?;
        let iter = vm.iter(bound[0].as_ref().unwrap_or(&Value::None))?;
        let count = match &bound[1] {
            Some(s) => {
                let b = crate::objects::int::index_value(vm, s)?;
                vm.new_int_big(b)
            }
            None => Value::Int(0),
        };
        Ok(new_iterator(
            vm,
            &vm.types.enumerate.clone(),
            IterState::Enumerate { iter, count },
        ))
    });
    let zip = vm.types.zip.clone();
    staticmethod(vm, &zip, "__new__", |vm, a| {
        let pos = &a.positional()[1..];
        let mut strict = false;
        for (k, v) in a.keywords() {
            if vm.str_lossy(k) == "strict" {
                strict = vm.truthy(v)?;
            } else {
                return Err(vm.type_error("zip() takes at most one keyword argument"));
            }
        }
        let mut iters = Vec::new();
        for (i, p) in pos.iter().enumerate() {
            match vm.iter(p) {
                Ok(it) => iters.push(it),
                Err(e) => {
                    let _ = i;
                    return Err(e);
                }
            }
        }
        Ok(new_iterator(
            vm,
            &vm.types.zip.clone(),
            IterState::Zip { iters, strict },
        ))
    });
    let map = vm.types.map.clone();
    staticmethod(vm, &map, "__new__", |vm, a| {
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        argparse::no_kwargs(vm, &rest, "map")?;
        let pos = rest.positional();
        if pos.len() < 2 {
            return Err(vm.type_error("map() must have at least two arguments."));
        }
        let mut iters = Vec::new();
        for p in &pos[1..] {
            iters.push(vm.iter(p)?);
        }
        Ok(new_iterator(
            vm,
            &vm.types.map.clone(),
            IterState::Map {
                func: pos[0].clone(),
                iters,
            },
        ))
    });
    let filter = vm.types.filter.clone();
    staticmethod(vm, &filter, "__new__", |vm, a| {
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let pos = argparse::between(vm, &rest, "filter", 2, 2)?;
        let iter = vm.iter(&pos[1])?;
        Ok(new_iterator(
            vm,
            &vm.types.filter.clone(),
            IterState::Filter {
                func: pos[0].clone(),
                iter,
            },
        ))
    });
    let reversed = vm.types.reversed.clone();
    staticmethod(vm, &reversed, "__new__", |vm, a| {
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let pos = argparse::between(vm, &rest, "reversed", 1, 1)?;
        let seq = pos[0].clone();
        let name = vm.names.__reversed__.clone();
        if let Some(r) = vm.call_special(&seq, &name, &[])? {
            return Ok(r);
        }
        let class = vm.class_of(&seq);
        if crate::ops::attr::type_lookup(vm, &class, &vm.names.__getitem__.clone()).is_none()
            || matches!(seq.payload(), Some(Payload::Dict(_)))
        {
            return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(&seq))));
        }
        let n = vm.len(&seq)?;
        Ok(new_iterator(
            vm,
            &vm.types.reversed.clone(),
            IterState::Reversed { seq, index: n },
        ))
    });
}

/// `iter(callable, sentinel)`.
pub fn callable_iter(vm: &Vm, func: Value, sentinel: Value) -> Value {
    new_iterator(
        vm,
        &vm.types.callable_iterator,
        IterState::Callable { func, sentinel },
    )
}

#[allow(dead_code)]
fn one() -> num_bigint::BigInt {
    num_bigint::BigInt::one()
}
