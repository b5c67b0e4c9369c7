//! The builtins that read the frame calling them: `locals()`, `globals()`, `vars()` and `dir()`
//! without an argument, and `exec`/`eval` without explicit namespaces.
//!
//! **How they reach the frame.** A native function carrying a [`FrameFn`]
//! ([`crate::function::NativeFunction::with_frame`]) is called by the `CALL` and
//! `CALL_FUNCTION_EX` instructions with the calling frame (see `call_instruction` and
//! `call_function_ex`); called any other way (through `map`, a `functools.partial`), it falls
//! back to its plain [`crate::function::NativeFn`], which sees only the globals of the
//! innermost running code.
//!
//! **What they see** (CPython 3.13, PEP 667): in a function, `locals()` is a fresh dict
//! snapshot of the frame's bound fast locals, cells and free variables, in `co_localsplusnames`
//! order; writing to it changes nothing in the frame. In a module or class body it is the real
//! namespace mapping, except while an inlined comprehension's hidden variables are bound
//! (PEP 709): then it is a snapshot of the fast locals only, as CPython's frame-locals proxy.
//!
//! **Not for:** frame objects (`sys._getframe`, `f_back`), which the evaluation loop owns.

use taipan_bytecode::{CodeFlags, LocalKind};

use crate::argparse;
use crate::error::PyResult;
use crate::frame::Frame;
use crate::function::{Args, FrameFn, NativeFn, NativeFunction, NativeKind};
use crate::object::Payload;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// The frame reader of `callable`, when it is a builtin that reads its caller's frame.
#[inline]
pub fn frame_reader(callable: &Value) -> Option<FrameFn> {
    match callable.payload() {
        Some(Payload::Native(n)) => match &**n {
            NativeFunction {
                with_frame: Some(f),
                receiver: None,
                ..
            } => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

/// `locals()` in `frame`: the namespace mapping of a module or class body, else a new dict.
pub fn locals_of(vm: &mut Vm, frame: &Frame) -> Value {
    let optimized = frame.code.flags.contains(CodeFlags::OPTIMIZED);
    if !optimized && !has_bound_hidden(frame) {
        if let Some(map) = &frame.locals_map {
            return map.clone();
        }
        return Value::Obj(frame.globals.clone());
    }
    Value::Obj(fast_locals_snapshot(vm, frame))
}

/// Whether an inlined comprehension's (hidden) variable is bound in `frame`.
fn has_bound_hidden(frame: &Frame) -> bool {
    frame
        .code
        .localsplus_kinds
        .iter()
        .zip(frame.locals.iter())
        .any(|(kind, value)| kind.is(LocalKind::HIDDEN) && value.is_some())
}

/// A dict of `frame`'s bound fast locals, cell contents and free variables, by name, in
/// localsplus order (CPython's frame-locals proxy copied into a dict).
pub fn fast_locals_snapshot(vm: &mut Vm, frame: &Frame) -> Obj {
    let dict = vm.new_dict();
    let code = &frame.code;
    for (i, slot) in frame.locals.iter().enumerate() {
        let Some(value) = slot else { continue };
        let kind = code.localsplus_kinds.get(i).copied().unwrap_or_default();
        // A cell or free slot holds its cell; an inlined comprehension may reuse a cell's
        // name for a plain local, so only an actual cell is looked through (as CPython).
        let value = match value {
            Value::Obj(o) if kind.is(LocalKind::CELL | LocalKind::FREE) => match o.payload() {
                Payload::Cell(c) => match c.borrow().clone() {
                    Some(v) => v,
                    None => continue,
                },
                _ => value.clone(),
            },
            _ => value.clone(),
        };
        let Some(name) = code.localsplus_names.get(i).cloned() else {
            continue;
        };
        mapping::dict_set_str_value(vm, &dict, name, value);
    }
    dict
}

/// Replace the frame-reading builtins with natives that carry their [`FrameFn`]s.
pub(crate) fn install(vm: &mut Vm) {
    let readers: [(&'static str, NativeFn, FrameFn); 6] = [
        ("locals", locals_frameless, |vm, frame, args| {
            argparse::exact(vm, &args, "locals", 0)?;
            Ok(locals_of(vm, frame))
        }),
        ("globals", globals_frameless, |vm, frame, args| {
            argparse::exact(vm, &args, "globals", 0)?;
            Ok(Value::Obj(frame.globals.clone()))
        }),
        ("vars", crate::builtins::builtin_vars, |vm, frame, args| {
            if args.values.is_empty() {
                return Ok(locals_of(vm, frame));
            }
            crate::builtins::builtin_vars(vm, args)
        }),
        ("dir", crate::builtins::builtin_dir, |vm, frame, args| {
            if !args.values.is_empty() {
                return crate::builtins::builtin_dir(vm, args);
            }
            let locals = locals_of(vm, frame);
            sorted_keys(vm, &locals)
        }),
        (
            "exec",
            |vm, a| crate::compile::builtin_exec(vm, a, false, None),
            |vm, frame, a| {
                let caller = caller_namespaces(vm, frame);
                crate::compile::builtin_exec(vm, a, false, Some(caller))
            },
        ),
        (
            "eval",
            |vm, a| crate::compile::builtin_exec(vm, a, true, None),
            |vm, frame, a| {
                let caller = caller_namespaces(vm, frame);
                crate::compile::builtin_exec(vm, a, true, Some(caller))
            },
        ),
    ];
    let builtins = vm.builtins_dict();
    for (name, func, with_frame) in readers {
        let f = Value::Obj(Obj::new(
            vm.types.builtin_function.clone(),
            Payload::Native(Box::new(NativeFunction {
                name,
                func,
                kind: NativeKind::Function,
                receiver: None,
                owner: None,
                module: Some("builtins"),
                no_arguments: false,
                with_frame: Some(with_frame),
            })),
        ));
        mapping::dict_set_str(vm, &builtins, name, f);
    }
}

/// The globals and locals `exec`/`eval` default to in `frame`.
fn caller_namespaces(vm: &mut Vm, frame: &Frame) -> (Obj, Value) {
    (frame.globals.clone(), locals_of(vm, frame))
}

/// `locals()` reached without its frame: the innermost running code's globals.
fn locals_frameless(vm: &mut Vm, args: Args<'_>) -> PyResult {
    argparse::exact(vm, &args, "locals", 0)?;
    Ok(frameless_globals(vm))
}

fn globals_frameless(vm: &mut Vm, args: Args<'_>) -> PyResult {
    argparse::exact(vm, &args, "globals", 0)?;
    Ok(frameless_globals(vm))
}

fn frameless_globals(vm: &mut Vm) -> Value {
    match vm.current_globals() {
        Some(g) => Value::Obj(g),
        None => Value::Obj(vm.new_dict()),
    }
}

/// `dir()`: the sorted keys of the locals mapping.
fn sorted_keys(vm: &mut Vm, locals: &Value) -> PyResult {
    let keys = match locals.payload() {
        Some(Payload::Dict(d)) => d.borrow().keys(),
        _ => {
            let keys_name = vm.names.keys.clone();
            let keys = crate::ops::get_attr(vm, locals, &keys_name)?;
            let keys = vm.call0(&keys)?;
            vm.collect(&keys)?
        }
    };
    let list = vm.new_list(keys);
    let sort = vm.intern("sort");
    let f = crate::ops::get_attr(vm, &list, &sort)?;
    vm.call0(&f)?;
    Ok(list)
}
