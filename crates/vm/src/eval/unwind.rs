//! Exception unwinding: traceback entries, the exception table, implicit chaining.

use std::cell::RefCell;

use crate::error::PyErr;
use crate::frame::Frame;
use crate::object::{ExceptionData, FrameSnapshot, Payload, TracebackData};
use crate::runtime_code::Code;
use crate::value::{Obj, Value};
use crate::vm::Vm;

fn exception_data(o: &Obj) -> Option<&ExceptionData> {
    match o.payload() {
        Payload::Exception(d) => Some(d),
        _ => None,
    }
}

/// Prepend a traceback entry for `frame` to the exception's `__traceback__`
/// (CPython's `PyTraceBack_Here`).
pub fn add_traceback(vm: &mut Vm, e: &PyErr, frame: &Frame) {
    let Some(data) = exception_data(&e.exception) else {
        return;
    };
    let snapshot = frame_snapshot(vm, frame);
    let next = data.traceback.borrow().clone();
    let tb = Obj::new(
        vm.types.traceback.clone(),
        Payload::Traceback(Box::new(TracebackData {
            next: RefCell::new(next.filter(|v| !v.is_none())),
            frame: snapshot,
            code: frame.code.clone(),
            lasti: frame.lasti,
        })),
    );
    *data.traceback.borrow_mut() = Some(Value::Obj(tb));
}

/// The Python-visible frame object of a running frame.
pub fn frame_snapshot(vm: &Vm, frame: &Frame) -> Value {
    if let Some(s) = &frame.snapshot {
        if let Payload::Frame(f) = s.payload() {
            f.lasti.set(frame.lasti);
        }
        return Value::Obj(s.clone());
    }
    Value::Obj(Obj::new(
        vm.types.frame.clone(),
        Payload::Frame(Box::new(FrameSnapshot {
            code: frame.code.clone(),
            globals: frame.globals.clone(),
            locals: RefCell::new(frame.locals_map.clone()),
            lasti: std::cell::Cell::new(frame.lasti),
            back: None,
        })),
    ))
}

/// Jump to the handler of the instruction that raised, if the exception table has one.
pub fn jump_to_handler(vm: &mut Vm, frame: &mut Frame, e: &PyErr) -> bool {
    let _ = vm;
    // The handler is that of the unit just before the next instruction, as CPython's
    // `exception_unwind` (`INSTR_OFFSET() - 1`): not `lasti`, which RERAISE rewinds to the
    // original raise for the frame's position.
    let offset = frame.pc.checked_sub(1).unwrap_or(frame.lasti);
    let Some(entry) = frame.code.handler_for(offset).copied() else {
        return false;
    };
    let depth = entry.depth as usize;
    if frame.stack.len() < depth {
        return false;
    }
    frame.stack.truncate(depth);
    if entry.lasti {
        frame.push(Value::Int(frame.lasti as i64));
    }
    frame.push(e.value());
    frame.pc = entry.target as usize;
    true
}

/// Set `exc.__context__ = context` unless that would make a cycle (CPython breaks the cycle
/// by cutting the chain where `exc` reappears).
pub fn set_context(vm: &mut Vm, exc: &Obj, context: Value) {
    let _ = vm;
    let Value::Obj(ctx) = &context else { return };
    if ctx.is(exc) {
        return;
    }
    let Some(data) = exception_data(exc) else {
        return;
    };
    // Already chained to this exception: nothing to do.
    if data
        .context
        .borrow()
        .as_ref()
        .is_some_and(|c| c.is(&context))
    {
        return;
    }
    // Walk the new context's chain; if `exc` is on it, cut it there.
    let mut cursor = ctx.clone();
    let mut steps = 0;
    while let Some(cd) = exception_data(&cursor) {
        let next = cd.context.borrow().clone();
        match next {
            Some(Value::Obj(n)) => {
                if n.is(exc) {
                    *cd.context.borrow_mut() = None;
                    break;
                }
                cursor = n;
            }
            _ => break,
        }
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    *data.context.borrow_mut() = Some(context);
}

pub fn unbound_local(vm: &Vm, code: &Code, i: usize) -> PyErr {
    let name = code
        .localsplus_names
        .get(i)
        .map(|n| vm.str_lossy(n))
        .unwrap_or_default();
    let e = vm.new_exception(
        &vm.exc.unbound_local_error,
        vec![vm.new_string(format!(
            "cannot access local variable '{name}' where it is not associated with a value"
        ))],
    );
    let _ = crate::ops::set_attr_raw(vm, &e, "name", vm.intern(&name));
    PyErr::new(e)
}

pub fn unbound_deref(vm: &Vm, code: &Code, i: usize) -> PyErr {
    let name = code
        .localsplus_names
        .get(i)
        .map(|n| vm.str_lossy(n))
        .unwrap_or_default();
    if i >= code.first_free {
        let e = vm.new_exception(
            &vm.exc.name_error,
            vec![vm.new_string(format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ))],
        );
        let _ = crate::ops::set_attr_raw(vm, &e, "name", vm.intern(&name));
        PyErr::new(e)
    } else {
        unbound_local(vm, code, i)
    }
}
