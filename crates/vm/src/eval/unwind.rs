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
pub fn add_traceback(vm: &mut Vm, e: &PyErr, frame: &mut Frame) {
    let Some(data) = exception_data(&e.exception) else {
        return;
    };
    let snapshot = frame_object(&vm.types.frame, frame);
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

/// The Python-visible frame object of a running frame (its position brought up to date).
pub fn frame_snapshot(vm: &Vm, frame: &Frame) -> Value {
    snapshot_of(&vm.types.frame, frame)
}

fn snapshot_of(frame_type: &Obj, frame: &Frame) -> Value {
    if let Some(s) = &frame.snapshot {
        if let Payload::Frame(f) = s.payload() {
            f.lasti.set(frame.lasti);
        }
        return Value::Obj(s.clone());
    }
    Value::Obj(Obj::new(
        frame_type.clone(),
        Payload::Frame(Box::new(FrameSnapshot {
            code: frame.code.clone(),
            globals: frame.globals.clone(),
            locals: RefCell::new(frame.locals_map.clone()),
            lasti: std::cell::Cell::new(frame.lasti),
            back: RefCell::new(None),
            extra_locals: RefCell::new(Vec::new()),
        })),
    ))
}

/// [`frame_snapshot`], kept in the frame so that every later request (a traceback entry,
/// `sys._getframe`) gives the same object, as CPython's one frame object per frame.
pub fn frame_object(frame_type: &Obj, frame: &mut Frame) -> Value {
    let v = snapshot_of(frame_type, frame);
    if frame.snapshot.is_none()
        && let Value::Obj(o) = &v
    {
        frame.snapshot = Some(o.clone());
    }
    v
}

/// Bring a frame object up to date with its frame, if that frame is running: CPython's frame
/// objects are live views (`f_lineno` moves on, `f_locals` shows later assignments), ours are
/// kept current when read. The running frames are found on `vm.callers` (`LOAD_ATTR` on a frame
/// object parks its own frame there first, as calls do).
pub fn refresh_frame_object(vm: &mut Vm, object: &Obj) {
    let Some(index) = vm
        .callers
        .iter()
        .rposition(|f| f.snapshot.as_ref().is_some_and(|s| s.is(object)))
    else {
        return;
    };
    let callers = std::mem::take(&mut vm.callers);
    if let (Some(frame), Payload::Frame(f)) = (callers.get(index), object.payload()) {
        f.lasti.set(frame.lasti);
        if frame.locals_map.is_none() {
            let locals = crate::frame_locals::locals_of(vm, frame);
            let extra = f.extra_locals.borrow().clone();
            if let Value::Obj(d) = &locals {
                for (k, v) in extra {
                    let _ = crate::ops::mapping::dict_set(vm, d, k, v);
                }
            }
            *f.locals.borrow_mut() = Some(locals);
        }
    }
    vm.callers = callers;
}

/// `f_locals[name] = value` on a function frame that is running: the variable `name` of the
/// frame whose frame object is `object` (its cell's contents for a cell or free variable).
/// `false` when the frame is not running or has no variable of that name.
pub fn store_frame_local(vm: &mut Vm, object: &Obj, name: &Value, value: Value) -> bool {
    let Some(frame) = vm
        .callers
        .iter_mut()
        .rev()
        .find(|f| f.snapshot.as_ref().is_some_and(|s| s.is(object)))
    else {
        return false;
    };
    let Some(wanted) = name.as_str_obj() else {
        return false;
    };
    let index = frame
        .code
        .localsplus_names
        .iter()
        .position(|n| match n.as_str_obj() {
            Some(s) => s.eq_str(wanted),
            _ => false,
        });
    let Some(slot) = index.and_then(|i| frame.locals.get_mut(i)) else {
        return false;
    };
    if let Some(Value::Obj(cell)) = slot
        && let Payload::Cell(c) = cell.payload()
    {
        *c.borrow_mut() = Some(value);
        return true;
    }
    *slot = Some(value);
    true
}

impl Vm {
    /// `sys._getframe(depth)`: the frame object `depth` calls out from the Python frame that
    /// made the call, its `f_back` chain linked down to the outermost frame, its `f_locals`
    /// as they are now. The running frames are `self.callers` (a native function called by
    /// `CALL` runs with its caller parked there: see `call_instruction`).
    pub fn frame_at_depth(&mut self, depth: usize) -> crate::error::PyResult<Value> {
        let n = self.callers.len();
        if depth >= n {
            return Err(self.value_error("call stack is not deep enough"));
        }
        let frame_type = self.types.frame.clone();
        let mut callers = std::mem::take(&mut self.callers);
        let mut back: Option<Value> = None;
        for frame in callers.iter_mut() {
            let obj = frame_object(&frame_type, frame);
            if let Some(Payload::Frame(f)) = obj.payload() {
                *f.back.borrow_mut() = back.take();
            }
            back = Some(obj);
        }
        let target = n - 1 - depth;
        let result = match callers.get(target) {
            Some(frame) => {
                let obj = snapshot_of(&frame_type, frame);
                if frame.locals_map.is_none() {
                    let locals = crate::frame_locals::locals_of(self, frame);
                    if let Some(Payload::Frame(f)) = obj.payload() {
                        *f.locals.borrow_mut() = Some(locals);
                    }
                }
                obj
            }
            None => Value::None,
        };
        self.callers = callers;
        Ok(result)
    }
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
