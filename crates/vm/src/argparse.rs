//! Checking the arguments of native functions, with the messages CPython's argument parsing
//! gives (`len() takes exactly one argument (2 given)`, `… expected at most 2 arguments, got 3`).

use crate::error::{PyErr, PyResult};
use crate::function::Args;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

/// Refuse keyword arguments.
pub fn no_kwargs(vm: &Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    if args.has_keywords() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// Exactly `n` positional arguments (METH_O / METH_NOARGS style messages), no keywords.
pub fn exact<'a>(vm: &Vm, args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    no_kwargs(vm, args, name)?;
    let pos = args.positional();
    if pos.len() != n {
        return Err(match n {
            0 => vm.type_error(format!("{name}() takes no arguments ({} given)", pos.len())),
            1 => vm.type_error(format!(
                "{name}() takes exactly one argument ({} given)",
                pos.len()
            )),
            _ => vm.type_error(format!("{name} expected {n} arguments, got {}", pos.len())),
        });
    }
    Ok(pos)
}

/// Between `min` and `max` positional arguments, no keywords (`PyArg_UnpackTuple` messages).
pub fn between<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_kwargs(vm, args, name)?;
    let pos = args.positional();
    // As CPython's `_PyArg_CheckPositional`: "expected 2 arguments" when the count is fixed.
    let bound = |limit: &'static str| if min == max { "" } else { limit };
    if pos.len() < min {
        let s = if min == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{name} expected {}{min} argument{s}, got {}",
            bound("at least "),
            pos.len()
        )));
    }
    if pos.len() > max {
        let s = if max == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{name} expected {}{max} argument{s}, got {}",
            bound("at most "),
            pos.len()
        )));
    }
    Ok(pos)
}

/// A method's receiver plus between `min` and `max` further positional arguments.
pub fn method_args<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a [Value])> {
    no_kwargs(vm, args, name)?;
    let pos = args.positional();
    let Some((this, rest)) = pos.split_first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    if rest.len() < min || rest.len() > max {
        return Err(if min == max {
            // METH_NOARGS / METH_O methods are named with their class (`list.append()`).
            let shown = qualified_method_name(vm, this, name);
            match min {
                0 => vm.type_error(format!(
                    "{shown}() takes no arguments ({} given)",
                    rest.len()
                )),
                1 => vm.type_error(format!(
                    "{shown}() takes exactly one argument ({} given)",
                    rest.len()
                )),
                _ => vm.type_error(format!(
                    "{name} expected {min} arguments, got {}",
                    rest.len()
                )),
            }
        } else if rest.len() < min {
            let s = if min == 1 { "" } else { "s" };
            vm.type_error(format!(
                "{name} expected at least {min} argument{s}, got {}",
                rest.len()
            ))
        } else {
            let s = if max == 1 { "" } else { "s" };
            vm.type_error(format!(
                "{name} expected at most {max} argument{s}, got {}",
                rest.len()
            ))
        });
    }
    Ok((this, rest))
}

/// `Class.name` for a method `name` found on the receiver's class (or, for a class method,
/// the class itself), as CPython names METH_NOARGS/METH_O methods in argument errors; special
/// methods and names not found stay bare.
fn qualified_method_name(vm: &Vm, this: &Value, name: &str) -> String {
    if name.starts_with("__") && name.ends_with("__") {
        return name.to_owned();
    }
    let key = vm.intern(name);
    let mut owners = vec![vm.class_of(this)];
    if let Value::Obj(o) = this
        && matches!(o.payload(), Payload::Type(_))
    {
        owners.insert(0, o.clone());
    }
    for owner in owners {
        let Some(t) = crate::types::type_object(&owner) else {
            continue;
        };
        let mro = t.mro.borrow().clone();
        for class in mro {
            let Some(ct) = crate::types::type_object(&class) else {
                continue;
            };
            if crate::ops::mapping::table_get_str(vm, &ct.dict.borrow(), &key).is_some() {
                return format!("{}.{name}", crate::types::type_name(&class));
            }
        }
    }
    name.to_owned()
}

/// Positional and keyword arguments matched to parameter names (`PyArg_ParseTupleAndKeywords`
/// style): `names` in order; the result has one slot per name.
pub fn bind<'a>(
    vm: &Vm,
    args: &Args<'a>,
    fname: &str,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = args.positional();
    if pos.len() > names.len() {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} argument{} ({} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.keywords() {
        let key = vm.str_lossy(k);
        match names.iter().position(|n| *n == key) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!(
                        "argument for {fname}() given by name ('{key}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v.clone());
            }
            None => {
                return Err(vm.type_error(format!(
                    "{fname}() got an unexpected keyword argument '{key}'"
                )));
            }
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(vm.type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// The keyword argument `name`, if given.
pub fn kwarg(vm: &Vm, args: &Args<'_>, name: &str) -> Option<Value> {
    args.keywords()
        .find(|(k, _)| vm.str_lossy(k) == name)
        .map(|(_, v)| v.clone())
}

/// An `int` argument that fits in `i64`, via `__index__`.
pub fn index_i64(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        _ => {
            let big = crate::objects::int::index_value(vm, v)?;
            num_traits::ToPrimitive::to_i64(&big)
                .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
    }
}

/// The text of a `str` argument, or CPython's `TypeError`.
pub fn str_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<String> {
    match v.as_str_obj() {
        Some(s) => Ok(s.to_lossy().into_owned()),
        _ => Err(type_mismatch(vm, what, "str", v)),
    }
}

pub fn type_mismatch(vm: &Vm, what: &str, expected: &str, got: &Value) -> PyErr {
    vm.type_error(format!(
        "{what} must be {expected}, not {}",
        vm.type_name(got)
    ))
}
