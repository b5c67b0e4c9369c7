//! `range`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Bounds;
use crate::object::{IterState, Payload};
use crate::objects::int::to_bigint;
use crate::objects::{method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

fn parts(v: &Value) -> Option<(BigInt, BigInt, BigInt)> {
    match v.payload() {
        Some(Payload::Range(b)) => Some((
            to_bigint(&b.start)?,
            to_bigint(&b.stop)?,
            to_bigint(&b.step)?,
        )),
        _ => None,
    }
}

/// The number of items of a range.
pub fn range_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            BigInt::zero()
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        BigInt::zero()
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.range.clone();
    staticmethod(vm, &t, "__new__", range_new);
    method(vm, &t, "__len__", |vm, a| {
        let (r, _) = argparse::method_args(vm, &a, "__len__", 0, 0)?;
        let (s, e, st) = parts(r).unwrap_or_default();
        let n = range_len(&s, &e, &st);
        match n.to_i64() {
            Some(n) => Ok(Value::Int(n)),
            None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        }
    });
    method(vm, &t, "__iter__", |vm, a| {
        let (r, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
        let (s, e, st) = parts(r).unwrap_or_default();
        Ok(range_iter(vm, s, e, st))
    });
    method(vm, &t, "__reversed__", |vm, a| {
        let (r, _) = argparse::method_args(vm, &a, "__reversed__", 0, 0)?;
        let (s, e, st) = parts(r).unwrap_or_default();
        let n = range_len(&s, &e, &st);
        let last = &s + (&n - 1) * &st;
        let new_stop = &s - &st;
        Ok(range_iter(vm, last, new_stop, -st))
    });
    method(vm, &t, "__getitem__", range_getitem);
    method(vm, &t, "__contains__", |vm, a| {
        let (r, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
        let (s, e, st) = parts(r).unwrap_or_default();
        if let (Some(x), false) = (to_bigint(&rest[0]), matches!(rest[0], Value::Float(_))) {
            let inside = if st.is_positive() {
                x >= s && x < e
            } else {
                x <= s && x > e
            };
            return Ok(Value::bool(inside && (&x - &s).mod_floor(&st).is_zero()));
        }
        let items = vm.collect(r)?;
        for v in items {
            if vm.eq(&v, &rest[0])? {
                return Ok(Value::TRUE);
            }
        }
        Ok(Value::FALSE)
    });
    method(vm, &t, "__repr__", |vm, a| {
        let (r, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let (s, e, st) = parts(r).unwrap_or_default();
        let text = if st == BigInt::from(1) {
            format!("range({s}, {e})")
        } else {
            format!("range({s}, {e}, {st})")
        };
        Ok(vm.new_string(text))
    });
    method(vm, &t, "__eq__", |vm, a| {
        let (r, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
        let (Some(x), Some(y)) = (parts(r), parts(&rest[0])) else {
            return Ok(vm.not_implemented.clone());
        };
        let lx = range_len(&x.0, &x.1, &x.2);
        let ly = range_len(&y.0, &y.1, &y.2);
        let eq =
            lx == ly && (lx.is_zero() || (x.0 == y.0 && (lx == BigInt::from(1) || x.2 == y.2)));
        Ok(Value::bool(eq))
    });
    method(vm, &t, "__hash__", |vm, a| {
        let (r, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let (s, e, st) = parts(r).unwrap_or_default();
        let n = range_len(&s, &e, &st);
        let t = vm.new_tuple(vec![
            vm.new_int_big(n.clone()),
            if n.is_zero() {
                Value::None
            } else {
                vm.new_int_big(s)
            },
            if n <= BigInt::from(1) {
                Value::None
            } else {
                vm.new_int_big(st)
            },
        ]);
        Ok(Value::Int(vm.hash(&t)?))
    });
    method(vm, &t, "count", |vm, a| {
        let (r, rest) = argparse::method_args(vm, &a, "count", 1, 1)?;
        let c = vm.contains(r, &rest[0])?;
        Ok(Value::Int(c as i64))
    });
    method(vm, &t, "index", |vm, a| {
        let (r, rest) = argparse::method_args(vm, &a, "index", 1, 1)?;
        let (s, e, st) = parts(r).unwrap_or_default();
        if let Some(x) = to_bigint(&rest[0]) {
            let inside = if st.is_positive() {
                x >= s && x < e
            } else {
                x <= s && x > e
            };
            if inside && (&x - &s).mod_floor(&st).is_zero() {
                return Ok(vm.new_int_big((x - s) / st));
            }
        }
        let r = vm.repr_string(&rest[0])?;
        Err(vm.value_error(format!("{r} is not in range")))
    });
}

fn range_iter(vm: &mut Vm, start: BigInt, stop: BigInt, step: BigInt) -> Value {
    let state = match (start.to_i64(), stop.to_i64(), step.to_i64()) {
        (Some(a), Some(b), Some(c)) => IterState::Range {
            next: a,
            stop: b,
            step: c,
        },
        _ => IterState::BigRange {
            next: start,
            stop,
            step,
        },
    };
    let class = match state {
        IterState::Range { .. } => vm.types.range_iterator.clone(),
        _ => vm.types.longrange_iterator.clone(),
    };
    crate::objects::iter::new_iterator(vm, &class, state)
}

fn range_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    argparse::no_kwargs(vm, &rest, "range")?;
    let pos = rest.positional();
    let conv = |vm: &mut Vm, v: &Value| -> PyResult<Value> {
        let b = crate::objects::int::index_value(vm, v)?;
        Ok(vm.new_int_big(b))
    };
    let (start, stop, step) = match pos.len() {
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        1 => (Value::Int(0), conv(vm, &pos[0])?, Value::Int(1)),
        2 => (conv(vm, &pos[0])?, conv(vm, &pos[1])?, Value::Int(1)),
        3 => (conv(vm, &pos[0])?, conv(vm, &pos[1])?, conv(vm, &pos[2])?),
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if to_bigint(&step).is_some_and(|s| s.is_zero()) {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Obj(Obj::new(
        vm.types.range.clone(),
        Payload::Range(Box::new(Bounds { start, stop, step })),
    )))
}

fn range_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (r, rest) = argparse::method_args(vm, &args, "__getitem__", 1, 1)?;
    let (s, e, st) = parts(r).unwrap_or_default();
    let n = range_len(&s, &e, &st);
    let key = &rest[0];
    if let Some(Payload::Slice(bounds)) = key.payload() {
        let Bounds {
            start: sl_start,
            stop: sl_stop,
            step: sl_step,
        } = &**bounds;
        // CPython's range slicing (`compute_slice` over `_PySlice_GetLongIndices`): the
        // slice's indices clamped to the length in big integers, then mapped through the
        // range; the new stop is the mapped stop index, not a normalised one.
        let index = |vm: &mut Vm, v: &Value| -> PyResult<Option<BigInt>> {
            if v.is_none() {
                return Ok(None);
            }
            crate::objects::int::index_value(vm, v)
                .map(Some)
                .map_err(|_| {
                    vm.type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )
                })
        };
        let step = index(vm, sl_step)?.unwrap_or_else(|| BigInt::from(1));
        if step.is_zero() {
            return Err(vm.value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step.is_negative() {
            (BigInt::from(-1), &n - 1)
        } else {
            (BigInt::zero(), n.clone())
        };
        let clamp = |i: BigInt| -> BigInt {
            let i = if i.is_negative() { i + &n } else { i };
            if i < lower {
                lower.clone()
            } else if i > upper {
                upper.clone()
            } else {
                i
            }
        };
        let (default_start, default_stop) = if step.is_negative() {
            (upper.clone(), lower.clone())
        } else {
            (lower.clone(), upper.clone())
        };
        let a = index(vm, sl_start)?.map_or(default_start, &clamp);
        let b = index(vm, sl_stop)?.map_or(default_stop, &clamp);
        let new_start = &s + &st * a;
        let new_stop = &s + &st * b;
        let new_step = &st * step;
        return Ok(Value::Obj(Obj::new(
            vm.types.range.clone(),
            Payload::Range(Box::new(Bounds {
                start: vm.new_int_big(new_start),
                stop: vm.new_int_big(new_stop),
                step: vm.new_int_big(new_step),
            })),
        )));
    }
    let i = crate::objects::int::index_value(vm, key).map_err(|_| {
        vm.type_error(format!(
            "range indices must be integers or slices, not {}",
            vm.type_name(key)
        ))
    })?;
    let idx = if i.is_negative() { &i + &n } else { i };
    if idx.is_negative() || idx >= n {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(vm.new_int_big(s + st * idx))
}
