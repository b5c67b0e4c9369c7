//! `slice`, and resolving a slice against a sequence length (`slice.indices`).

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Bounds;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn new_slice(vm: &Vm, start: Value, stop: Value, step: Value) -> Value {
    Value::Obj(Obj::new(
        vm.types.slice.clone(),
        Payload::Slice(Box::new(Bounds { start, stop, step })),
    ))
}

/// (start, stop, step, count) of a slice applied to a sequence of `len` items.
pub fn indices(vm: &mut Vm, slice: &Value, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let Some(Payload::Slice(bounds)) = slice.payload() else {
        return Err(vm.type_error("expected a slice"));
    };
    let Bounds { start, stop, step } = &**bounds;
    let (start, stop, step) = (start.clone(), stop.clone(), step.clone());
    let index = |vm: &mut Vm, v: &Value| -> PyResult<i64> {
        match crate::objects::int::as_int(v) {
            Some(_) | None => {
                let big = crate::objects::int::index_value(vm, v).map_err(|_| {
                    vm.type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )
                })?;
                Ok(num_traits::ToPrimitive::to_i64(&big).unwrap_or(
                    if big.sign() == num_bigint::Sign::Minus {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    },
                ))
            }
        }
    };
    let step = if step.is_none() { 1 } else { index(vm, &step)? };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: i64| -> i64 {
        if v < 0 {
            (v + len).max(lower)
        } else {
            v.min(upper)
        }
    };
    let start = if start.is_none() {
        if step < 0 { upper } else { lower }
    } else {
        clamp(index(vm, &start)?)
    };
    let stop = if stop.is_none() {
        if step < 0 { lower } else { upper }
    } else {
        clamp(index(vm, &stop)?)
    };
    let count = if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, count))
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.slice.clone();
    staticmethod(vm, &t, "__new__", |vm, a| {
        let pos = argparse::between(
            vm,
            &Args {
                values: &a.values[1..],
                kwnames: a.kwnames,
            },
            "slice",
            1,
            3,
        )?;
        let (start, stop, step) = match pos.len() {
            1 => (Value::None, pos[0].clone(), Value::None),
            2 => (pos[0].clone(), pos[1].clone(), Value::None),
            _ => (pos[0].clone(), pos[1].clone(), pos[2].clone()),
        };
        Ok(new_slice(vm, start, stop, step))
    });
    method(vm, &t, "__repr__", |vm, a| {
        let (s, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::Slice(bounds)) = s.payload() else {
            return Ok(Value::None);
        };
        let Bounds { start, stop, step } = &**bounds;
        let (start, stop, step) = (start.clone(), stop.clone(), step.clone());
        let text = format!(
            "slice({}, {}, {})",
            vm.repr_string(&start)?,
            vm.repr_string(&stop)?,
            vm.repr_string(&step)?
        );
        Ok(vm.new_string(text))
    });
    method(vm, &t, "indices", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "indices", 1, 1)?;
        let len = argparse::index_i64(vm, &rest[0])?;
        if len < 0 {
            return Err(vm.value_error("length should not be negative"));
        }
        let (start, stop, step, _) = indices(vm, s, len as usize)?;
        Ok(vm.new_tuple(vec![Value::Int(start), Value::Int(stop), Value::Int(step)]))
    });
    method(vm, &t, "__eq__", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
        let (Some(Payload::Slice(first)), Some(Payload::Slice(second))) =
            (s.payload(), rest[0].payload())
        else {
            return Ok(vm.not_implemented.clone());
        };
        let x = vm.new_tuple(vec![
            first.start.clone(),
            first.stop.clone(),
            first.step.clone(),
        ]);
        let y = vm.new_tuple(vec![
            second.start.clone(),
            second.stop.clone(),
            second.step.clone(),
        ]);
        Ok(Value::bool(vm.eq(&x, &y)?))
    });
    method(vm, &t, "__hash__", |vm, a| {
        let (s, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let Some(Payload::Slice(bounds)) = s.payload() else {
            return Ok(Value::Int(0));
        };
        let Bounds { start, stop, step } = &**bounds;
        let parts = [start.clone(), stop.clone(), step.clone()];
        let mut hashes = [0i64; 3];
        for (h, v) in hashes.iter_mut().zip(parts.iter()) {
            *h = vm.hash(v)?;
        }
        Ok(Value::Int(slice_hash(hashes)))
    });
}

/// `hash(slice)` (hashable since 3.12): CPython's `slice_hash` runs the tuple hash's xxHash
/// rounds over start, stop and step but, unlike a tuple, does not mix in the length.
fn slice_hash(lanes: [i64; 3]) -> i64 {
    const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
    const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
    const XXPRIME_5: u64 = 2_870_177_450_012_600_261;
    let mut acc = XXPRIME_5;
    for lane in lanes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}
