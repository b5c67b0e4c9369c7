//! Binding a call's arguments to a new frame's parameters, with CPython's error messages.

use crate::error::PyResult;
use crate::frame::Frame;
use crate::function::Args;
use crate::object::Payload;
use crate::value::{Obj, Value};
use crate::vm::Vm;
use taipan_bytecode::CodeFlags;

/// A frame for calling `func` with `args`: parameters bound, defaults filled, `*args` and
/// `**kwargs` collected.
pub fn frame_for_call(vm: &mut Vm, func: &Obj, args: Args<'_>) -> PyResult<Frame> {
    frame_for_call_boxed(vm, func, args).map(|f| *f)
}

/// [`frame_for_call`], in a pooled box (the loop's calls use this: no allocation once warm).
pub fn frame_for_call_boxed(vm: &mut Vm, func: &Obj, args: Args<'_>) -> PyResult<Box<Frame>> {
    let Payload::Function(f) = func.payload() else {
        return Err(vm.system_error("frame_for_call on a non-function"));
    };
    let code = f.code.borrow().clone();
    let mut frame = vm.new_frame(&code, &f.globals, &f.builtins, None);
    frame.function = Some(func.clone());
    let argcount = code.argcount();
    let posonly = code.object.posonlyargcount as usize;
    let kwonly = code.object.kwonlyargcount as usize;
    let varargs = code.flags.contains(CodeFlags::VARARGS);
    let varkw = code.flags.contains(CodeFlags::VARKEYWORDS);
    let positional = args.positional();
    let n_pos = positional.len();

    // Fast path: exactly the positional parameters, nothing else.
    if !args.has_keywords() && n_pos == argcount && !varargs && kwonly == 0 {
        for (slot, v) in frame.locals.iter_mut().zip(positional) {
            *slot = Some(v.clone());
        }
        if varkw {
            frame.locals[argcount] = Some(Value::Obj(vm.new_dict()));
        }
        return Ok(frame);
    }

    let total = argcount + kwonly;
    for (i, v) in positional.iter().take(argcount).enumerate() {
        frame.locals[i] = Some(v.clone());
    }
    let mut next = total;
    if varargs {
        let extra: Vec<Value> = positional.iter().skip(argcount).cloned().collect();
        frame.locals[next] = Some(vm.new_tuple(extra));
        next += 1;
    }
    let kwargs_dict = if varkw {
        let d = vm.new_dict();
        frame.locals[next] = Some(Value::Obj(d.clone()));
        Some(d)
    } else {
        None
    };

    let func_name = vm.str_lossy(&f.qualname.borrow());
    let mut posonly_passed_as_kw: Vec<String> = Vec::new();
    for (name, value) in args.keywords() {
        let name_text = match name.as_str_obj() {
            Some(s) => s,
            _ => return Err(vm.type_error(format!("{func_name}() keywords must be strings"))),
        };
        let mut found = None;
        for i in posonly..total {
            if let Some(p) = code.localsplus_names[i].as_str_obj()
                && p.eq_str(name_text)
            {
                found = Some(i);
                break;
            }
        }
        match found {
            Some(i) => {
                if frame.locals[i].is_some() {
                    return Err(vm.type_error(format!(
                        "{func_name}() got multiple values for argument '{}'",
                        name_text.to_lossy()
                    )));
                }
                frame.locals[i] = Some(value.clone());
            }
            None => {
                let is_posonly = (0..posonly).any(|i| {
                    code.localsplus_names[i]
                        .as_str_obj()
                        .is_some_and(|p| p.eq_str(name_text))
                });
                match &kwargs_dict {
                    Some(d) => {
                        crate::ops::mapping::dict_set(vm, d, name.clone(), value.clone())?;
                    }
                    None if is_posonly => {
                        posonly_passed_as_kw.push(name_text.to_lossy().into_owned())
                    }
                    None => {
                        return Err(vm.type_error(format!(
                            "{func_name}() got an unexpected keyword argument '{}'",
                            name_text.to_lossy()
                        )));
                    }
                }
            }
        }
    }
    if !posonly_passed_as_kw.is_empty() {
        return Err(vm.type_error(format!(
            "{func_name}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_passed_as_kw.join(", ")
        )));
    }

    // Too many positional arguments is reported after the keyword errors, as CPython does.
    if !varargs && n_pos > argcount {
        // As CPython: keyword-only arguments passed by keyword are counted in the message.
        let kwonly_given = args
            .keywords()
            .filter(|(name, _)| {
                (argcount..total).any(|i| {
                    matches!(
                        (name.as_str_obj(), code.localsplus_names.get(i).and_then(Value::as_str_obj)),
                        (Some(a), Some(b)) if a.eq_str(b)
                    )
                })
            })
            .count();
        return Err(too_many_positional(vm, f, &code, n_pos, kwonly_given));
    }

    // Defaults for the missing positional parameters.
    if n_pos < argcount {
        let defaults = match &*f.defaults.borrow() {
            Value::Obj(o) => match o.payload() {
                Payload::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let first_default = argcount.saturating_sub(defaults.len());
        let mut missing = Vec::new();
        for i in n_pos..argcount {
            if frame.locals[i].is_none() {
                if i >= first_default {
                    frame.locals[i] = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(vm.str_lossy(&code.localsplus_names[i]));
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_arguments(vm, &func_name, "positional", &missing));
        }
    }
    if kwonly > 0 {
        let kwdefaults = f.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        for i in argcount..total {
            if frame.locals[i].is_none() {
                let name = code.localsplus_names[i].clone();
                let default = match &kwdefaults {
                    Value::Obj(d) if matches!(d.payload(), Payload::Dict(_)) => {
                        crate::ops::mapping::dict_get_str_value(vm, d, &name)
                    }
                    _ => None,
                };
                match default {
                    Some(v) => frame.locals[i] = Some(v),
                    None => missing.push(vm.str_lossy(&name)),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_arguments(vm, &func_name, "keyword-only", &missing));
        }
    }
    Ok(frame)
}

fn missing_arguments(
    vm: &Vm,
    func_name: &str,
    kind: &str,
    missing: &[String],
) -> crate::error::PyErr {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => {
            let (last, rest) = quoted
                .split_last()
                .map(|(l, r)| (l.clone(), r.to_vec()))
                .unwrap_or_default();
            format!("{}, and {}", rest.join(", "), last)
        }
    };
    let plural = if missing.len() == 1 { "" } else { "s" };
    vm.type_error(format!(
        "{func_name}() missing {} required {kind} argument{plural}: {list}",
        missing.len()
    ))
}

fn too_many_positional(
    vm: &Vm,
    f: &crate::function::Function,
    code: &crate::runtime_code::Code,
    given: usize,
    kwonly_given: usize,
) -> crate::error::PyErr {
    let func_name = vm.str_lossy(&f.qualname.borrow());
    let argcount = code.argcount();
    let ndefaults = match &*f.defaults.borrow() {
        Value::Obj(o) => match o.payload() {
            Payload::Tuple(t) => t.len(),
            _ => 0,
        },
        _ => 0,
    };
    let takes = if ndefaults > 0 {
        format!(
            "from {} to {} positional arguments",
            argcount - ndefaults.min(argcount),
            argcount
        )
    } else {
        format!(
            "{} positional argument{}",
            argcount,
            if argcount == 1 { "" } else { "s" }
        )
    };
    let given_text = if kwonly_given > 0 {
        format!(
            "{} positional argument{} (and {} keyword-only argument{})",
            given,
            if given == 1 { "" } else { "s" },
            kwonly_given,
            if kwonly_given == 1 { "" } else { "s" }
        )
    } else {
        format!("{given}")
    };
    let verb = if given == 1 && kwonly_given == 0 {
        "was"
    } else {
        "were"
    };
    vm.type_error(format!(
        "{func_name}() takes {takes} but {given_text} {verb} given"
    ))
}
