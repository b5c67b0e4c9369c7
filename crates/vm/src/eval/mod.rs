//! The evaluation loop: one loop runs CPython 3.13 bytecode.
//!
//! **Architecture invariants.**
//! - A Python-to-Python call (`CALL` of a function; a property accessor, a class's `__init__`,
//!   a generator resumed by `FOR_ITER`) parks the caller on `Vm::callers` and continues in the
//!   callee in the same loop; a return pops back (the callee's `OnReturn` says what the caller
//!   gets). `Vm::callers` plus the running frame is always the whole chain of Python frames (a
//!   native function called by `CALL` runs with its caller parked). The Rust stack grows only when
//!   native code calls back into Python (`sorted(key=…)`, `__eq__` from a dict lookup, a
//!   generator resumed by `next()`), and that path goes through `stacker` so deep recursion is a
//!   `RecursionError` at `sys.getrecursionlimit()`, never a crash.
//! - Errors are values ([`Control::Error`]); a handler comes from the code object's exception
//!   table ([`unwind`]), and each frame an exception leaves adds a traceback entry, as CPython's
//!   `PyTraceBack_Here`.
//! - Hostile bytecode cannot crash the loop: an out-of-range index reads as a `SystemError`, an
//!   empty stack pops `None`, a jump past the end stops the frame with a `SystemError`.

pub mod args;
mod attr_cache;
mod calls;
mod global_cache;
mod misc;
mod unwind;

use std::rc::Rc;
use std::sync::LazyLock;

use taipan_bytecode::{CodeFlags, Opcode};

use crate::error::{PyErr, PyResult};
use crate::frame::Frame;
use crate::object::Payload;
use crate::ops::{BinOp, CompareOp};
use crate::runtime_code::Code;
use crate::value::Value;
use crate::vm::Vm;

pub use unwind::{add_traceback, refresh_frame_object, store_frame_local};

use global_cache::{cached_global, site_index, store_global_cache};

/// The Python frame object of a suspended frame (generators' `gi_frame`).
pub fn unwind_frame_snapshot(vm: &Vm, frame: &Frame) -> Value {
    unwind::frame_snapshot(vm, frame)
}

/// How a frame's run ended.
pub enum Exit {
    Return(Value),
    Yield(Value),
}

/// What the instruction loop hands back to the frame loop.
pub(crate) enum Control {
    Error(PyErr),
    /// Re-raise without a new traceback entry (`RERAISE`, bare `raise`).
    Reraise(PyErr),
    Return(Value),
    Yield(Value),
    /// Push this frame (a Python call) and continue in it.
    Call(Box<Frame>),
    /// `RETURN_GENERATOR`: the current frame becomes a generator object, returned to the caller.
    MakeGenerator,
}

macro_rules! opcodes {
    ($($name:ident),* $(,)?) => {
        #[allow(non_upper_case_globals, dead_code)]
        mod op {
            use taipan_bytecode::Opcode;
            $(pub const $name: u8 = Opcode::$name.number() as u8;)*
        }
    };
}

opcodes! {
    CACHE, BEFORE_ASYNC_WITH, BEFORE_WITH, BINARY_SLICE, BINARY_SUBSCR, CHECK_EG_MATCH,
    CHECK_EXC_MATCH, CLEANUP_THROW, DELETE_SUBSCR, END_ASYNC_FOR, END_FOR, END_SEND,
    EXIT_INIT_CHECK, FORMAT_SIMPLE, FORMAT_WITH_SPEC, GET_AITER, GET_ANEXT, GET_ITER, GET_LEN,
    GET_YIELD_FROM_ITER, INTERPRETER_EXIT, LOAD_ASSERTION_ERROR, LOAD_BUILD_CLASS, LOAD_LOCALS,
    MAKE_FUNCTION, MATCH_KEYS, MATCH_MAPPING, MATCH_SEQUENCE, NOP, POP_EXCEPT, POP_TOP,
    PUSH_EXC_INFO, PUSH_NULL, RETURN_GENERATOR, RETURN_VALUE, SETUP_ANNOTATIONS, STORE_SLICE,
    STORE_SUBSCR, TO_BOOL, UNARY_INVERT, UNARY_NEGATIVE, UNARY_NOT, WITH_EXCEPT_START, BINARY_OP,
    BUILD_CONST_KEY_MAP, BUILD_LIST, BUILD_MAP, BUILD_SET, BUILD_SLICE, BUILD_STRING,
    BUILD_TUPLE, CALL, CALL_FUNCTION_EX, CALL_INTRINSIC_1, CALL_INTRINSIC_2, CALL_KW,
    COMPARE_OP, CONTAINS_OP, CONVERT_VALUE, COPY, COPY_FREE_VARS, DELETE_ATTR, DELETE_DEREF,
    DELETE_FAST, DELETE_GLOBAL, DELETE_NAME, DICT_MERGE, DICT_UPDATE, ENTER_EXECUTOR,
    EXTENDED_ARG, FOR_ITER, GET_AWAITABLE, IMPORT_FROM, IMPORT_NAME, IS_OP, JUMP_BACKWARD,
    JUMP_BACKWARD_NO_INTERRUPT, JUMP_FORWARD, LIST_APPEND, LIST_EXTEND, LOAD_ATTR, LOAD_CONST,
    LOAD_DEREF, LOAD_FAST, LOAD_FAST_AND_CLEAR, LOAD_FAST_CHECK, LOAD_FAST_LOAD_FAST,
    LOAD_FROM_DICT_OR_DEREF, LOAD_FROM_DICT_OR_GLOBALS, LOAD_GLOBAL, LOAD_NAME, LOAD_SUPER_ATTR,
    MAKE_CELL, MAP_ADD, MATCH_CLASS, POP_JUMP_IF_FALSE, POP_JUMP_IF_NONE, POP_JUMP_IF_NOT_NONE,
    POP_JUMP_IF_TRUE, RAISE_VARARGS, RERAISE, RETURN_CONST, SEND, SET_ADD,
    SET_FUNCTION_ATTRIBUTE, SET_UPDATE, STORE_ATTR, STORE_DEREF, STORE_FAST,
    STORE_FAST_LOAD_FAST, STORE_FAST_STORE_FAST, STORE_GLOBAL, STORE_NAME, SWAP, UNPACK_EX,
    UNPACK_SEQUENCE, YIELD_VALUE, RESUME,
}

/// Inline cache entries after each opcode (code units to skip). The loop reads it through
/// `Vm::op_caches`, a reference taken once: dereferencing the `LazyLock` costs a check.
pub(crate) static CACHES: LazyLock<[u8; 256]> = LazyLock::new(|| {
    let mut t = [0u8; 256];
    for (b, slot) in t.iter_mut().enumerate() {
        if let Some(op) = Opcode::from_byte(b as u8) {
            *slot = op.cache_entries() as u8;
        }
    }
    t
});

/// Whether calling a function with this code makes a generator, coroutine or async generator.
pub fn is_generator_code(code: &Code) -> bool {
    code.flags.0
        & (CodeFlags::GENERATOR.0
            | CodeFlags::COROUTINE.0
            | CodeFlags::ASYNC_GENERATOR.0
            | CodeFlags::ITERABLE_COROUTINE.0)
        != 0
}

impl Vm {
    /// Run a frame to completion.
    pub fn run_frame(&mut self, frame: Frame) -> PyResult {
        let (frame, result) = self.execute(Box::new(frame), None);
        self.recycle_frame(frame);
        match result? {
            Exit::Return(v) | Exit::Yield(v) => Ok(v),
        }
    }

    /// Run `entry` until it returns or yields; `throw` raises an exception at its current
    /// instruction first (`generator.throw()`). The frame is handed back for generators.
    pub(crate) fn execute(
        &mut self,
        entry: Box<Frame>,
        throw: Option<PyErr>,
    ) -> (Box<Frame>, PyResult<Exit>) {
        stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || {
            self.execute_frames(entry, throw)
        })
    }

    fn execute_frames(
        &mut self,
        entry: Box<Frame>,
        throw: Option<PyErr>,
    ) -> (Box<Frame>, PyResult<Exit>) {
        let frame = entry;
        // This run's callers are `self.callers[base..]`; the ones below belong to runs further
        // out (a native function that called back into Python).
        let base = self.callers.len();
        let (frame, result) = self.execute_frames_from(frame, base, throw);
        (frame, result)
    }

    fn execute_frames_from(
        &mut self,
        entry: Box<Frame>,
        base: usize,
        throw: Option<PyErr>,
    ) -> (Box<Frame>, PyResult<Exit>) {
        let mut frame = entry;
        self.depth += 1;
        let mut pending: Option<(PyErr, bool)> = match throw {
            Some(e) => Some((e, false)),
            None if self.depth > self.recursion_limit => Some((self.recursion_error(), false)),
            // A run started by native code (`list(it)` calling `__next__`, a generator resumed
            // by `next()`) counts as a call: a native loop calling Python forever is still
            // interruptible and bounded by a step budget, as CPython checks at `RESUME`.
            None => self.check_signals().map(|e| (e, false)),
        };
        loop {
            let control = match pending.take() {
                Some((e, reraise)) => {
                    if reraise {
                        Control::Reraise(e)
                    } else {
                        Control::Error(e)
                    }
                }
                None => self.run_instructions(&mut frame, base),
            };
            match control {
                Control::Return(v) => match self.pop_caller(base) {
                    Some(caller) => {
                        self.depth -= 1;
                        let mut done = std::mem::replace(&mut frame, caller);
                        let action = std::mem::take(&mut done.on_return);
                        self.recycle_frame(done);
                        if let Err(e) = self.deliver_return(&mut frame, action, v) {
                            pending = Some((e, false));
                        }
                    }
                    None => {
                        self.depth -= 1;
                        return (frame, Ok(Exit::Return(v)));
                    }
                },
                Control::Yield(v) => {
                    // Only a generator frame yields, and it is always the entry frame.
                    self.depth -= 1;
                    return (frame, Ok(Exit::Yield(v)));
                }
                Control::Call(callee) => {
                    if let Some(e) = self.check_signals() {
                        pending = Some((e, false));
                        continue;
                    }
                    if self.depth >= self.recursion_limit {
                        pending = Some((self.recursion_error(), false));
                        continue;
                    }
                    self.depth += 1;
                    self.callers.push(std::mem::replace(&mut frame, callee));
                }
                Control::MakeGenerator => {
                    let func = frame.function.clone();
                    match self.pop_caller(base) {
                        Some(caller) => {
                            self.depth -= 1;
                            let mut gen_frame = std::mem::replace(&mut frame, caller);
                            let action = std::mem::take(&mut gen_frame.on_return);
                            let g = crate::objects::generator::new_generator(
                                self,
                                *gen_frame,
                                func.as_ref(),
                            );
                            if let Err(e) = self.deliver_return(&mut frame, action, g) {
                                pending = Some((e, false));
                            }
                        }
                        None => {
                            self.depth -= 1;
                            let placeholder = Box::new(Frame::new(
                                frame.code.clone(),
                                frame.globals.clone(),
                                frame.builtins.clone(),
                                None,
                            ));
                            let gen_frame = std::mem::replace(&mut frame, placeholder);
                            let g = crate::objects::generator::new_generator(
                                self,
                                *gen_frame,
                                func.as_ref(),
                            );
                            return (frame, Ok(Exit::Return(g)));
                        }
                    }
                }
                Control::Error(e) => {
                    if crate::objects::generator::finalizers_pending() {
                        // A safe point before an exception unwinds (see `run_instructions`).
                        crate::objects::generator::run_pending_finalizers(self);
                    }
                    self.note_raise(&e);
                    unwind::add_traceback(self, &e, &mut frame);
                    if let Some(next) = self.handle(&mut frame, base, e) {
                        return next;
                    }
                }
                Control::Reraise(e) => {
                    if let Some(next) = self.handle(&mut frame, base, e) {
                        return next;
                    }
                }
            }
        }
    }

    /// The innermost caller of this run (`base` as in `execute_frames`), taken off.
    #[inline]
    fn pop_caller(&mut self, base: usize) -> Option<Box<Frame>> {
        if self.callers.len() > base {
            self.callers.pop()
        } else {
            None
        }
    }

    /// Hand a returning frame's value to its caller as the call site asked (see `OnReturn`).
    #[inline]
    fn deliver_return(
        &mut self,
        caller: &mut Frame,
        action: crate::frame::OnReturn,
        v: Value,
    ) -> PyResult<()> {
        use crate::frame::OnReturn;
        match action {
            OnReturn::Push => caller.push(v),
            OnReturn::Discard => drop(v),
            OnReturn::ResumedGen {
                generator,
                outer_handled,
                exhausted_jump,
                by_send,
            } => {
                crate::objects::generator::resumed_finished(self, &generator, outer_handled);
                if by_send {
                    // `yield from`/`await` is over: its value, past the SEND loop.
                    caller.push(v);
                } else {
                    // The `for` loop is over (the value is dropped, with the iterator).
                    drop(v);
                    caller.stack.pop();
                }
                caller.pc += exhausted_jump;
            }
            OnReturn::Init(instance) => {
                if !v.is_none() {
                    // As CPython's `EXIT_INIT_CHECK`.
                    return Err(self.type_error(format!(
                        "__init__() should return None, not '{}'",
                        self.type_name(&v)
                    )));
                }
                caller.push(instance);
            }
        }
        Ok(())
    }

    /// Find a handler for `e` in `frame` or, popping frames, in a caller. `None` when one was
    /// found (the loop continues); otherwise the entry frame's result.
    fn handle(
        &mut self,
        frame: &mut Box<Frame>,
        base: usize,
        e: PyErr,
    ) -> Option<(Box<Frame>, PyResult<Exit>)> {
        let mut e = e;
        loop {
            // Out of budget: no handler may catch anything any more (an exception table can
            // send control backwards, making a loop without a backward jump).
            let exhausted = match self.step_budget.as_mut() {
                Some(0) => true,
                Some(b) => {
                    *b -= 1;
                    false
                }
                None => false,
            };
            if !exhausted && unwind::jump_to_handler(self, frame, &e) {
                return None;
            }
            match self.pop_caller(base) {
                Some(caller) => {
                    self.depth -= 1;
                    let mut done = std::mem::replace(frame, caller);
                    if let crate::frame::OnReturn::ResumedGen {
                        generator,
                        outer_handled,
                        ..
                    } = std::mem::take(&mut done.on_return)
                    {
                        // The exception leaves a generator resumed by `FOR_ITER`: it is
                        // finished, and raises in the caller.
                        crate::objects::generator::resumed_finished(
                            self,
                            &generator,
                            outer_handled,
                        );
                    }
                    self.recycle_frame(done);
                    // The exception leaves the callee and is raised again in the caller.
                    unwind::add_traceback(self, &e, frame);
                    e = e.clone();
                }
                None => {
                    self.depth -= 1;
                    let f = std::mem::replace(
                        frame,
                        Box::new(Frame::new(
                            frame.code.clone(),
                            frame.globals.clone(),
                            frame.builtins.clone(),
                            None,
                        )),
                    );
                    return Some((f, Err(e)));
                }
            }
        }
    }

    pub fn recursion_error(&self) -> PyErr {
        self.error(
            &self.exc.recursion_error,
            "maximum recursion depth exceeded",
        )
    }

    /// Set `__context__` of an exception raised while another is being handled.
    fn note_raise(&mut self, e: &PyErr) {
        if self.handled.is_none() {
            return;
        }
        let handled = self.handled.clone();
        unwind::set_context(self, &e.exception, handled);
    }

    /// Execute instructions of `frame` until something the frame loop must handle.
    ///
    /// A Python-to-Python call pushes the caller on `self.callers` and continues here in the
    /// callee, and a return pops back to a caller of this run (above `base`), without leaving
    /// the loop: CPython's "inlined" calls.
    fn run_instructions(&mut self, frame_box: &mut Box<Frame>, base: usize) -> Control {
        let mut code: Rc<Code> = frame_box.code.clone();
        let caches: &'static [u8; 256] = self.op_caches;
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => return Control::Error(e),
                }
            };
        }
        // Continue in the callee frame `$callee` (a Python call).
        macro_rules! enter {
            ($callee:expr) => {{
                let callee: Box<Frame> = $callee;
                // The frame loop checks the recursion limit, signals and the step budget.
                if self.depth >= self.recursion_limit
                    || self.step_budget.is_some()
                    || self.interrupt_pending()
                {
                    return Control::Call(callee);
                }
                self.depth += 1;
                self.callers.push(std::mem::replace(frame_box, callee));
                code = frame_box.code.clone();
                continue;
            }};
        }
        // Return `$v` to the caller, in this loop when it is one of this run's frames.
        macro_rules! leave {
            ($v:expr) => {{
                let v: Value = $v;
                let Some(caller) = self.pop_caller(base) else {
                    return Control::Return(v);
                };
                self.depth -= 1;
                let mut done = std::mem::replace(frame_box, caller);
                code = frame_box.code.clone();
                if matches!(done.on_return, crate::frame::OnReturn::Push) {
                    // A plain call's return (the common case, without moving `OnReturn`).
                    self.recycle_frame(done);
                    frame_box.push(v);
                } else {
                    let action = std::mem::take(&mut done.on_return);
                    self.recycle_frame(done);
                    tri!(self.deliver_return(frame_box, action, v));
                }
                continue;
            }};
        }
        // Generators dropped while suspended in a `try` are closed at safe points: here, and
        // before a call, a return, a yield and a backward jump (not at every instruction: the
        // check cost the loop a few percent). Between safe points only straight-line code
        // without calls runs, so the program cannot observe the delay.
        macro_rules! safe_point {
            () => {
                if crate::objects::generator::finalizers_pending() {
                    crate::objects::generator::run_pending_finalizers(self);
                }
            };
        }
        safe_point!();
        let mut ext: u32 = 0;
        loop {
            // One indirection for the handlers below (the box only changes at a call/return).
            let frame: &mut Frame = frame_box;
            let units: &[(u8, u8)] = &code.units;
            let Some(&(opcode, arg0)) = units.get(frame.pc) else {
                return Control::Error(
                    self.system_error("bytecode ran past the end of the code object"),
                );
            };
            let oparg = ext | arg0 as u32;
            ext = 0;
            frame.lasti = frame.pc;
            frame.pc += 1 + caches[opcode as usize] as usize;
            match opcode {
                // The prefix's bits go to the next instruction's argument (which is then the
                // one `lasti` names, as CPython reports).
                op::EXTENDED_ARG => ext = oparg << 8,
                op::NOP | op::RESUME | op::CACHE | op::ENTER_EXECUTOR => {}
                op::LOAD_FAST | op::LOAD_FAST_CHECK => match frame.locals.get(oparg as usize) {
                    Some(Some(v)) => {
                        let v = v.clone();
                        frame.push(v);
                    }
                    _ => return Control::Error(unwind::unbound_local(self, &code, oparg as usize)),
                },
                op::LOAD_FAST_LOAD_FAST => {
                    for i in [oparg >> 4, oparg & 15] {
                        match frame.locals.get(i as usize) {
                            Some(Some(v)) => {
                                let v = v.clone();
                                frame.push(v);
                            }
                            _ => {
                                return Control::Error(unwind::unbound_local(
                                    self, &code, i as usize,
                                ));
                            }
                        }
                    }
                }
                op::LOAD_FAST_AND_CLEAR => {
                    let v = frame.locals.get_mut(oparg as usize).and_then(Option::take);
                    frame.stack.push(v);
                }
                op::STORE_FAST => {
                    // A NULL (an inlined comprehension restoring an unbound name, PEP 709)
                    // leaves the local unbound.
                    let v = frame.pop_opt();
                    if let Some(slot) = frame.locals.get_mut(oparg as usize) {
                        // Drop the old value after the store (its finaliser may run code).
                        let _old = std::mem::replace(slot, v);
                    }
                }
                op::STORE_FAST_LOAD_FAST => {
                    let v = frame.pop();
                    if let Some(slot) = frame.locals.get_mut((oparg >> 4) as usize) {
                        *slot = Some(v);
                    }
                    match frame.locals.get((oparg & 15) as usize) {
                        Some(Some(v)) => {
                            let v = v.clone();
                            frame.push(v);
                        }
                        _ => {
                            return Control::Error(unwind::unbound_local(
                                self,
                                &code,
                                (oparg & 15) as usize,
                            ));
                        }
                    }
                }
                op::STORE_FAST_STORE_FAST => {
                    let a = frame.pop();
                    let b = frame.pop();
                    if let Some(slot) = frame.locals.get_mut((oparg >> 4) as usize) {
                        *slot = Some(a);
                    }
                    if let Some(slot) = frame.locals.get_mut((oparg & 15) as usize) {
                        *slot = Some(b);
                    }
                }
                op::DELETE_FAST => match frame.locals.get_mut(oparg as usize) {
                    Some(slot @ Some(_)) => *slot = None,
                    _ => return Control::Error(unwind::unbound_local(self, &code, oparg as usize)),
                },
                op::LOAD_CONST => match code.consts.get(oparg as usize) {
                    Some(v) => frame.push(v.clone()),
                    None => {
                        return Control::Error(self.system_error("constant index out of range"));
                    }
                },
                op::RETURN_CONST => match code.consts.get(oparg as usize) {
                    Some(v) => {
                        safe_point!();
                        leave!(v.clone())
                    }
                    None => {
                        return Control::Error(self.system_error("constant index out of range"));
                    }
                },
                op::RETURN_VALUE => {
                    let v = frame.pop();
                    safe_point!();
                    leave!(v);
                }
                op::POP_TOP => {
                    frame.stack.pop();
                }
                op::END_FOR => {
                    frame.stack.pop();
                }
                op::PUSH_NULL => frame.stack.push(None),
                op::COPY => {
                    let n = oparg as usize;
                    let len = frame.stack.len();
                    if n == 0 || n > len {
                        return Control::Error(self.system_error("COPY out of the stack"));
                    }
                    let v = frame.stack[len - n].clone();
                    frame.stack.push(v);
                }
                op::SWAP => {
                    let n = oparg as usize;
                    let len = frame.stack.len();
                    if n < 2 || n > len {
                        return Control::Error(self.system_error("SWAP out of the stack"));
                    }
                    frame.stack.swap(len - 1, len - n);
                }
                op::BINARY_OP => {
                    let b = frame.pop();
                    let a = frame.pop();
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        let r = match oparg {
                            0 | 13 => x.checked_add(*y),
                            10 | 23 => x.checked_sub(*y),
                            5 | 18 => x.checked_mul(*y),
                            _ => None,
                        };
                        if let Some(r) = r {
                            frame.push(Value::Int(r));
                            continue;
                        }
                    }
                    // Floats (and a float with an int): IEEE arithmetic is Python's
                    // (CPython's `BINARY_OP_*_FLOAT`); a zero divisor takes the general path
                    // for its ZeroDivisionError.
                    if let Some(r) = crate::ops::number::float_binop_fast(&a, &b, oparg) {
                        frame.push(Value::float(r));
                        continue;
                    }
                    let Some((bop, inplace)) = BinOp::from_oparg(oparg) else {
                        return Control::Error(self.system_error("bad BINARY_OP oparg"));
                    };
                    let r = tri!(self.binary_op(&a, &b, bop, inplace));
                    frame.push(r);
                }
                op::COMPARE_OP => {
                    let b = frame.pop();
                    let a = frame.pop();
                    let Some(cop) = CompareOp::from_oparg(oparg) else {
                        return Control::Error(self.system_error("bad COMPARE_OP oparg"));
                    };
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        let r = cop.test(x.cmp(y));
                        frame.push(Value::bool(r));
                        continue;
                    }
                    if oparg & 16 != 0 {
                        let r = tri!(self.compare_bool(&a, &b, cop));
                        frame.push(Value::bool(r));
                    } else {
                        let r = tri!(self.rich_compare(&a, &b, cop));
                        frame.push(r);
                    }
                }
                op::IS_OP => {
                    let b = frame.pop();
                    let a = frame.pop();
                    frame.push(Value::bool(a.is(&b) != (oparg == 1)));
                }
                op::CONTAINS_OP => {
                    let container = frame.pop();
                    let item = frame.pop();
                    let r = if is_frame_proxy(&container) {
                        tri!(self.call_parked(frame_box, |vm| vm.contains(&container, &item)))
                    } else {
                        tri!(self.contains(&container, &item))
                    };
                    frame_box.push(Value::bool(r != (oparg == 1)));
                }
                op::TO_BOOL => {
                    let v = frame.pop();
                    let b = match v {
                        Value::Bool(b) => b.get(),
                        _ => tri!(self.truthy(&v)),
                    };
                    frame.push(Value::bool(b));
                }
                op::UNARY_NOT => {
                    let v = frame.pop();
                    let b = tri!(self.truthy(&v));
                    frame.push(Value::bool(!b));
                }
                op::UNARY_NEGATIVE => {
                    let v = frame.pop();
                    let r = tri!(self.negative(&v));
                    frame.push(r);
                }
                op::UNARY_INVERT => {
                    let v = frame.pop();
                    let r = tri!(self.invert(&v));
                    frame.push(r);
                }
                op::POP_JUMP_IF_FALSE | op::POP_JUMP_IF_TRUE => {
                    let v = frame.pop();
                    let b = match v {
                        Value::Bool(b) => b.get(),
                        _ => tri!(self.truthy(&v)),
                    };
                    if b == (opcode == op::POP_JUMP_IF_TRUE) {
                        frame.pc += oparg as usize;
                    }
                }
                op::POP_JUMP_IF_NONE | op::POP_JUMP_IF_NOT_NONE => {
                    let v = frame.pop();
                    if v.is_none() == (opcode == op::POP_JUMP_IF_NONE) {
                        frame.pc += oparg as usize;
                    }
                }
                op::JUMP_FORWARD => frame.pc += oparg as usize,
                op::JUMP_BACKWARD | op::JUMP_BACKWARD_NO_INTERRUPT => {
                    safe_point!();
                    match frame.pc.checked_sub(oparg as usize) {
                        Some(pc) => frame.pc = pc,
                        None => {
                            return Control::Error(
                                self.system_error("jump before the start of the code"),
                            );
                        }
                    }
                    if opcode == op::JUMP_BACKWARD {
                        if let Some(e) = self.check_signals() {
                            return Control::Error(e);
                        }
                    } else if let Some(budget) = self.step_budget.as_mut() {
                        // Not an interrupt point, but a loop all the same.
                        if *budget == 0 {
                            return Control::Error(self.runtime_error("step budget exhausted"));
                        }
                        *budget -= 1;
                    }
                }
                op::GET_ITER => {
                    let v = frame.pop();
                    let it = if is_frame_proxy(&v) {
                        tri!(self.call_parked(frame_box, |vm| vm.iter(&v)))
                    } else {
                        tri!(self.iter(&v))
                    };
                    frame_box.push(it);
                }
                op::FOR_ITER => {
                    let it = frame.top();
                    // A generator runs here, in this loop (unless a check of the frame loop
                    // is due: the generator could not be put back from there).
                    if matches!(it.payload(), Some(Payload::Generator(_)))
                        && self.depth + 1 < self.recursion_limit
                        && self.step_budget.is_none()
                        && !self.interrupt_pending()
                    {
                        let jump = oparg as usize + 2;
                        if let Ok(g) =
                            crate::objects::generator::resume_in_loop(self, &it, None, jump)
                        {
                            enter!(g);
                        }
                    }
                    match tri!(self.for_iter_next(&it)) {
                        Some(v) => frame.push(v),
                        None => {
                            frame.stack.pop();
                            // Past the END_FOR and POP_TOP that end the loop.
                            frame.pc += oparg as usize + 2;
                        }
                    }
                }
                op::LOAD_GLOBAL => {
                    let Some(name) = code.names.get((oparg >> 1) as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let slot = units
                        .get(frame.lasti + 1)
                        .map_or(usize::MAX, |&(hi, lo)| ((hi as usize) << 8) | lo as usize);
                    let v = match cached_global(&code, slot, frame) {
                        Some(v) => v,
                        None => {
                            let v = tri!(self.load_global(frame, name));
                            store_global_cache(&code, slot, frame, &v);
                            v
                        }
                    };
                    frame.push(v);
                    if oparg & 1 != 0 {
                        frame.stack.push(None);
                    }
                }
                op::STORE_GLOBAL => {
                    let Some(name) = code.names.get(oparg as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let v = frame.pop();
                    crate::ops::mapping::dict_set_str_value(self, &frame.globals, name.clone(), v);
                }
                op::DELETE_GLOBAL => {
                    let Some(name) = code.names.get(oparg as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let g = frame.globals.clone();
                    if tri!(crate::ops::mapping::dict_del(self, &g, name)).is_none() {
                        let n = self.str_lossy(name);
                        return Control::Error(self.name_error(&n));
                    }
                }
                op::LOAD_NAME => {
                    let Some(name) = code.names.get(oparg as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let v = tri!(self.load_name(frame, name));
                    frame.push(v);
                }
                op::STORE_NAME => {
                    let Some(name) = code.names.get(oparg as usize).cloned() else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let v = frame.pop();
                    tri!(self.store_name(frame, name, v));
                }
                op::DELETE_NAME => {
                    let Some(name) = code.names.get(oparg as usize).cloned() else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    tri!(self.delete_name(frame, &name));
                }
                op::LOAD_ATTR => {
                    let Some(name) = code.names.get((oparg >> 1) as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let site = code.attr_cache.get(site_index(units, frame.lasti));
                    let owner = frame.pop();
                    if oparg & 1 != 0 {
                        let (meth, this) = tri!(self.load_method(&owner, name, site));
                        frame.push(meth);
                        frame.stack.push(this);
                    } else {
                        let v = match self.instance_attr_fast(&owner, name, false, site) {
                            calls::FastAttr::Found(v, _) => v,
                            calls::FastAttr::Getter(fget) => {
                                let args = [owner];
                                let f = tri!(args::frame_for_call_boxed(
                                    self,
                                    &fget,
                                    crate::function::Args::new(&args)
                                ));
                                enter!(f);
                            }
                            calls::FastAttr::Slow
                                if matches!(owner.payload(), Some(Payload::Frame(_))) =>
                            {
                                // A frame object reads its running frame (see
                                // `refresh_frame_object`), which may be this one.
                                tri!(self.call_parked(frame_box, |vm| {
                                    crate::ops::get_attr(vm, &owner, name)
                                }))
                            }
                            calls::FastAttr::Slow => tri!(crate::ops::get_attr(self, &owner, name)),
                        };
                        frame_box.push(v);
                    }
                }
                op::STORE_ATTR => {
                    let Some(name) = code.names.get(oparg as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let owner = frame.pop();
                    let v = frame.pop();
                    let site = code.attr_cache.get(site_index(units, frame.lasti));
                    match self.instance_setattr_fast(&owner, name, v, site) {
                        calls::FastSet::Done => {}
                        calls::FastSet::Setter(fset, v) => {
                            let args = [owner, v];
                            let mut f = tri!(args::frame_for_call_boxed(
                                self,
                                &fset,
                                crate::function::Args::new(&args)
                            ));
                            f.on_return = crate::frame::OnReturn::Discard;
                            enter!(f);
                        }
                        calls::FastSet::Slow(v) => {
                            tri!(crate::ops::set_attr(self, &owner, name, v))
                        }
                    }
                }
                op::DELETE_ATTR => {
                    let Some(name) = code.names.get(oparg as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let owner = frame.pop();
                    tri!(crate::ops::del_attr(self, &owner, name));
                }
                op::LOAD_SUPER_ATTR => {
                    tri!(self.load_super_attr(frame, &code, oparg));
                }
                op::BINARY_SUBSCR => {
                    let key = frame.pop();
                    let container = frame.pop();
                    let v = match crate::objects::list::fast_get_item(self, &container, &key) {
                        Some(r) => tri!(r),
                        None if is_frame_proxy(&container) => {
                            tri!(self.call_parked(frame_box, |vm| vm.get_item(&container, &key)))
                        }
                        None => tri!(self.get_item(&container, &key)),
                    };
                    frame_box.push(v);
                }
                op::STORE_SUBSCR => {
                    let key = frame.pop();
                    let container = frame.pop();
                    let v = frame.pop();
                    match crate::objects::list::fast_set_item(self, &container, &key, &v) {
                        Some(r) => tri!(r),
                        None if is_frame_proxy(&container) => {
                            tri!(self.call_parked(frame_box, |vm| vm.set_item(&container, &key, v)))
                        }
                        None => tri!(self.set_item(&container, &key, v)),
                    }
                }
                op::DELETE_SUBSCR => {
                    let key = frame.pop();
                    let container = frame.pop();
                    tri!(self.del_item(&container, &key));
                }
                op::BINARY_SLICE => {
                    let stop = frame.pop();
                    let start = frame.pop();
                    let container = frame.pop();
                    let slice = crate::objects::slice::new_slice(self, start, stop, Value::None);
                    let v = tri!(self.get_item(&container, &slice));
                    frame.push(v);
                }
                op::STORE_SLICE => {
                    let stop = frame.pop();
                    let start = frame.pop();
                    let container = frame.pop();
                    let v = frame.pop();
                    let slice = crate::objects::slice::new_slice(self, start, stop, Value::None);
                    tri!(self.set_item(&container, &slice, v));
                }
                op::BUILD_SLICE => {
                    let step = if oparg == 3 { frame.pop() } else { Value::None };
                    let stop = frame.pop();
                    let start = frame.pop();
                    let s = crate::objects::slice::new_slice(self, start, stop, step);
                    frame.push(s);
                }
                op::CALL | op::CALL_KW => {
                    safe_point!();
                    // CALL_KW's names tuple, kept alive while the call reads it.
                    let kw_tuple = if opcode == op::CALL_KW {
                        frame.pop()
                    } else {
                        Value::None
                    };
                    let kwnames: &[Value] = match kw_tuple.payload() {
                        Some(Payload::Tuple(t)) => t,
                        _ => &[],
                    };
                    match self.call_instruction(frame_box, oparg as usize, kwnames) {
                        Ok(None) => {}
                        Ok(Some(callee)) => enter!(callee),
                        Err(e) => return Control::Error(e),
                    }
                }
                op::CALL_FUNCTION_EX => {
                    safe_point!();
                    let kwargs = if oparg & 1 != 0 {
                        Some(frame.pop())
                    } else {
                        None
                    };
                    let callargs = frame.pop();
                    let _null = frame.pop_opt();
                    let func = frame.pop();
                    match self.call_function_ex(frame, func, callargs, kwargs) {
                        Ok(calls::CallOutcome::Value(v)) => frame.push(v),
                        Ok(calls::CallOutcome::Frame(f)) => enter!(f),
                        Err(e) => return Control::Error(e),
                    }
                }
                op::CALL_INTRINSIC_1 => {
                    let v = frame.pop();
                    let r = tri!(self.intrinsic_1(frame, oparg, v));
                    frame.push(r);
                }
                op::CALL_INTRINSIC_2 => {
                    let v1 = frame.pop();
                    let v2 = frame.pop();
                    let r = tri!(self.intrinsic_2(oparg, v2, v1));
                    frame.push(r);
                }
                op::MAKE_FUNCTION => {
                    let code_value = frame.pop();
                    let f = tri!(crate::objects::function::make_function(
                        self, code_value, frame
                    ));
                    frame.push(f);
                }
                op::SET_FUNCTION_ATTRIBUTE => {
                    let func = frame.pop();
                    let attr = frame.pop();
                    crate::objects::function::set_function_attribute(&func, oparg, attr);
                    frame.push(func);
                }
                op::MAKE_CELL => {
                    let i = oparg as usize;
                    if let Some(slot) = frame.locals.get_mut(i) {
                        let value = slot.take();
                        *slot = Some(crate::objects::function::new_cell(self, value));
                    }
                }
                op::COPY_FREE_VARS => {
                    let n = oparg as usize;
                    let closure = frame.function.as_ref().and_then(|f| match f.payload() {
                        Payload::Function(f) => Some(f.closure.borrow().clone()),
                        _ => None,
                    });
                    if let Some(Value::Obj(t)) = closure
                        && let Payload::Tuple(cells) = t.payload()
                    {
                        let start = frame.locals.len().saturating_sub(n);
                        for (k, cell) in cells.iter().take(n).enumerate() {
                            if let Some(slot) = frame.locals.get_mut(start + k) {
                                *slot = Some(cell.clone());
                            }
                        }
                    }
                }
                op::LOAD_DEREF => {
                    let v = tri!(self.load_deref(frame, oparg as usize));
                    frame.push(v);
                }
                op::STORE_DEREF => {
                    let v = frame.pop();
                    if let Some(Some(Value::Obj(cell))) = frame.locals.get(oparg as usize)
                        && let Payload::Cell(c) = cell.payload()
                    {
                        let _old = c.replace(Some(v));
                    }
                }
                op::DELETE_DEREF => {
                    let mut ok = false;
                    if let Some(Some(Value::Obj(cell))) = frame.locals.get(oparg as usize)
                        && let Payload::Cell(c) = cell.payload()
                    {
                        ok = c.borrow_mut().take().is_some();
                    }
                    if !ok {
                        return Control::Error(unwind::unbound_deref(self, &code, oparg as usize));
                    }
                }
                op::LOAD_FROM_DICT_OR_DEREF => {
                    let mapping = frame.pop();
                    let name = code
                        .localsplus_names
                        .get(oparg as usize)
                        .cloned()
                        .unwrap_or(Value::None);
                    match tri!(self.mapping_lookup(&mapping, &name)) {
                        Some(v) => frame.push(v),
                        None => {
                            let v = tri!(self.load_deref(frame, oparg as usize));
                            frame.push(v);
                        }
                    }
                }
                op::LOAD_FROM_DICT_OR_GLOBALS => {
                    let mapping = frame.pop();
                    let Some(name) = code.names.get(oparg as usize) else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    match tri!(self.mapping_lookup(&mapping, name)) {
                        Some(v) => frame.push(v),
                        None => {
                            let v = tri!(self.load_global(frame, name));
                            frame.push(v);
                        }
                    }
                }
                op::LOAD_LOCALS => match &frame.locals_map {
                    Some(m) => {
                        let m = m.clone();
                        frame.push(m);
                    }
                    None => return Control::Error(self.system_error("no locals found")),
                },
                op::BUILD_TUPLE => {
                    // A pair is built straight from the stack, in one allocation.
                    let t = if oparg == 2 && frame.stack.len() >= 2 {
                        let b = frame.pop();
                        let a = frame.pop();
                        self.new_tuple_items(crate::object::TupleItems::Two([a, b]))
                    } else {
                        let items = tri!(pop_n(self, frame, oparg as usize));
                        self.new_tuple(items)
                    };
                    frame.push(t);
                }
                op::BUILD_LIST => {
                    let items = tri!(pop_n(self, frame, oparg as usize));
                    let l = self.new_list(items);
                    frame.push(l);
                }
                op::BUILD_SET => {
                    let items = tri!(pop_n(self, frame, oparg as usize));
                    let s = tri!(crate::objects::set::new_set(self, items));
                    frame.push(s);
                }
                op::BUILD_MAP => {
                    let items = tri!(pop_n(self, frame, 2 * oparg as usize));
                    let d = self.new_dict();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        tri!(crate::ops::mapping::dict_set(self, &d, k, v));
                    }
                    frame.push(Value::Obj(d));
                }
                op::BUILD_CONST_KEY_MAP => {
                    let keys = frame.pop();
                    let values = tri!(pop_n(self, frame, oparg as usize));
                    let d = self.new_dict();
                    if let Some(Payload::Tuple(ks)) = keys.payload() {
                        for (k, v) in ks.iter().zip(values) {
                            tri!(crate::ops::mapping::dict_set(self, &d, k.clone(), v));
                        }
                    }
                    frame.push(Value::Obj(d));
                }
                op::BUILD_STRING => {
                    let parts = tri!(pop_n(self, frame, oparg as usize));
                    let s = tri!(crate::objects::str::concat(self, &parts));
                    frame.push(s);
                }
                op::LIST_APPEND => {
                    let v = frame.pop();
                    let target = frame.peek(oparg as usize);
                    if let Some(Payload::List(l)) = target.payload() {
                        crate::objects::list::push(&mut l.borrow_mut(), v);
                    }
                }
                op::SET_ADD => {
                    let v = frame.pop();
                    if let Value::Obj(s) = frame.peek(oparg as usize) {
                        tri!(crate::ops::mapping::set_add(self, &s, v));
                    }
                }
                op::MAP_ADD => {
                    let v = frame.pop();
                    let k = frame.pop();
                    if let Value::Obj(d) = frame.peek(oparg as usize) {
                        tri!(crate::ops::mapping::dict_set(self, &d, k, v));
                    }
                }
                op::LIST_EXTEND => {
                    let iterable = frame.pop();
                    let target = frame.peek(oparg as usize);
                    tri!(self.list_extend_op(&target, &iterable));
                }
                op::SET_UPDATE => {
                    let iterable = frame.pop();
                    let target = frame.peek(oparg as usize);
                    if let Value::Obj(s) = target {
                        // `_PySet_Update`: a set operand merges in its slot order.
                        tri!(crate::objects::set::update_from(self, &s, &iterable));
                    }
                }
                op::DICT_UPDATE | op::DICT_MERGE => {
                    let update = frame.pop();
                    let target = frame.peek(oparg as usize);
                    let func = if opcode == op::DICT_MERGE {
                        Some(frame.peek(oparg as usize + 3))
                    } else {
                        None
                    };
                    tri!(self.dict_update_op(&target, &update, func));
                }
                op::UNPACK_SEQUENCE => {
                    let seq = frame.pop();
                    let items = tri!(self.unpack(&seq, oparg as usize, None));
                    for v in items.into_iter().rev() {
                        frame.push(v);
                    }
                }
                op::UNPACK_EX => {
                    let seq = frame.pop();
                    let before = (oparg & 0xFF) as usize;
                    let after = (oparg >> 8) as usize;
                    let items = tri!(self.unpack(&seq, before, Some(after)));
                    for v in items.into_iter().rev() {
                        frame.push(v);
                    }
                }
                op::FORMAT_SIMPLE => {
                    let v = frame.pop();
                    let r = match &v {
                        Value::Str(_) => v.clone(),
                        _ => tri!(self.format(&v, &self.intern(""))),
                    };
                    frame.push(r);
                }
                op::FORMAT_WITH_SPEC => {
                    let spec = frame.pop();
                    let v = frame.pop();
                    let r = tri!(self.format(&v, &spec));
                    frame.push(r);
                }
                op::CONVERT_VALUE => {
                    let v = frame.pop();
                    let r = match oparg {
                        1 => tri!(self.str(&v)),
                        2 => tri!(self.repr(&v)),
                        3 => tri!(crate::builtins::ascii_of(self, &v)),
                        _ => v,
                    };
                    frame.push(r);
                }
                op::RAISE_VARARGS => {
                    return match self.raise_varargs(frame, oparg) {
                        (e, true) => Control::Reraise(e),
                        (e, false) => Control::Error(e),
                    };
                }
                op::RERAISE => {
                    let exc = frame.pop();
                    // CPython restores `f_lasti` from the stack for `oparg != 0`, but finds the
                    // handler from the RERAISE itself ("We can't use frame->instr_ptr here, as
                    // RERAISE may have set it"); our handler lookup reads `lasti`, so it stays
                    // at this instruction (restoring it looped through the same handler).
                    let _ = oparg;
                    return Control::Reraise(self.exception_to_err(exc));
                }
                op::PUSH_EXC_INFO => {
                    let exc = frame.pop();
                    let prev = std::mem::replace(&mut self.handled, exc.clone());
                    frame.push(prev);
                    frame.push(exc);
                }
                op::POP_EXCEPT => {
                    let prev = frame.pop();
                    self.handled = prev;
                }
                op::CHECK_EXC_MATCH => {
                    let class = frame.pop();
                    let exc = frame.top();
                    let r = tri!(self.exception_matches(&exc, &class));
                    frame.push(Value::bool(r));
                }
                op::CHECK_EG_MATCH => {
                    let match_type = frame.pop();
                    let eg = frame.pop();
                    let (rest, matched) = tri!(crate::objects::exception_group::check_eg_match(
                        self, eg, match_type
                    ));
                    frame.push(rest);
                    frame.push(matched);
                }
                op::LOAD_ASSERTION_ERROR => {
                    frame.push(Value::Obj(self.exc.assertion_error.clone()));
                }
                op::LOAD_BUILD_CLASS => {
                    let bc = tri!(self.load_builtin_name(frame, "__build_class__"));
                    frame.push(bc);
                }
                op::SETUP_ANNOTATIONS => {
                    tri!(self.setup_annotations(frame));
                }
                op::BEFORE_WITH => {
                    let mgr = frame.pop();
                    let (exit, entered) = tri!(self.before_with(&mgr, false));
                    frame.push(exit);
                    frame.push(entered);
                }
                op::BEFORE_ASYNC_WITH => {
                    let mgr = frame.pop();
                    let (exit, entered) = tri!(self.before_with(&mgr, true));
                    frame.push(exit);
                    frame.push(entered);
                }
                op::WITH_EXCEPT_START => {
                    let val = frame.peek(1);
                    let exit = frame.peek(4);
                    let r = tri!(self.with_except_start(&exit, &val));
                    frame.push(r);
                }
                op::GET_LEN => {
                    let v = frame.top();
                    let n = tri!(self.len(&v));
                    frame.push(Value::Int(n as i64));
                }
                op::MATCH_MAPPING => {
                    let v = frame.top();
                    let r = self.is_mapping_for_match(&v);
                    frame.push(Value::bool(r));
                }
                op::MATCH_SEQUENCE => {
                    let v = frame.top();
                    let r = self.is_sequence_for_match(&v);
                    frame.push(Value::bool(r));
                }
                op::MATCH_KEYS => {
                    let keys = frame.top();
                    let subject = frame.peek(2);
                    let r = tri!(self.match_keys(&subject, &keys));
                    frame.push(r);
                }
                op::MATCH_CLASS => {
                    let names = frame.pop();
                    let class = frame.pop();
                    let subject = frame.pop();
                    let r = tri!(self.match_class(&subject, &class, oparg as usize, &names));
                    frame.push(r);
                }
                op::IMPORT_NAME => {
                    let fromlist = frame.pop();
                    let level = frame.pop();
                    let Some(name) = code.names.get(oparg as usize).cloned() else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let m = tri!(self.import_name(frame, &name, &fromlist, &level));
                    frame.push(m);
                }
                op::IMPORT_FROM => {
                    let Some(name) = code.names.get(oparg as usize).cloned() else {
                        return Control::Error(self.system_error("name index out of range"));
                    };
                    let module = frame.top();
                    let v = tri!(self.import_from(&module, &name));
                    frame.push(v);
                }
                op::RETURN_GENERATOR => {
                    // The frame continues, suspended, in a generator: the `POP_TOP` after
                    // this instruction discards what resuming pushes.
                    frame.push(Value::None);
                    return Control::MakeGenerator;
                }
                op::YIELD_VALUE => {
                    safe_point!();
                    let v = frame.pop();
                    if matches!(frame.on_return, crate::frame::OnReturn::ResumedGen { .. }) {
                        // Back to the `FOR_ITER` that resumed this generator, with its item.
                        let Some(caller) = self.pop_caller(base) else {
                            return Control::Error(
                                self.system_error("generator frame without caller"),
                            );
                        };
                        self.depth -= 1;
                        let mut gen_frame = std::mem::replace(frame_box, caller);
                        if let crate::frame::OnReturn::ResumedGen {
                            generator,
                            outer_handled,
                            ..
                        } = std::mem::take(&mut gen_frame.on_return)
                        {
                            crate::objects::generator::resumed_yielded(
                                self,
                                &generator,
                                outer_handled,
                                gen_frame,
                            );
                        }
                        code = frame_box.code.clone();
                        frame_box.push(v);
                        continue;
                    }
                    return Control::Yield(v);
                }
                op::GET_YIELD_FROM_ITER => {
                    let v = frame.pop();
                    let it = tri!(self.get_yield_from_iter(&v, &code));
                    frame.push(it);
                }
                op::SEND => {
                    let mut v = frame.pop();
                    let receiver = frame.top();
                    // A generator or coroutine delegated to runs here, in this loop, as for
                    // `FOR_ITER` (CPython's `SEND_GEN`).
                    if self.depth + 1 < self.recursion_limit
                        && self.step_budget.is_none()
                        && !self.interrupt_pending()
                    {
                        match crate::objects::generator::resume_in_loop(
                            self,
                            &receiver,
                            Some(v),
                            oparg as usize,
                        ) {
                            Ok(g) => enter!(g),
                            Err(back) => v = back,
                        }
                    }
                    match tri!(self.send(&receiver, v)) {
                        crate::objects::generator::SendResult::Yield(y) => frame.push(y),
                        crate::objects::generator::SendResult::Return(r) => {
                            frame.push(r);
                            frame.pc += oparg as usize;
                        }
                    }
                }
                op::END_SEND => {
                    let v = frame.pop();
                    frame.pop();
                    frame.push(v);
                }
                op::CLEANUP_THROW => {
                    let exc = frame.pop();
                    let _last_sent = frame.pop();
                    let _sub_iter = frame.pop();
                    if self.is_instance_of(&exc, &self.exc.stop_iteration.clone()) {
                        let value = crate::objects::exception::stop_iteration_value(self, &exc);
                        frame.push(Value::None);
                        frame.push(value);
                    } else {
                        return Control::Reraise(self.exception_to_err(exc));
                    }
                }
                op::GET_AWAITABLE => {
                    let v = frame.pop();
                    let a = tri!(crate::objects::generator::get_awaitable(self, &v, oparg));
                    frame.push(a);
                }
                op::GET_AITER => {
                    let v = frame.pop();
                    let a = tri!(crate::objects::generator::get_aiter(self, &v));
                    frame.push(a);
                }
                op::GET_ANEXT => {
                    let v = frame.top();
                    let a = tri!(crate::objects::generator::get_anext(self, &v));
                    frame.push(a);
                }
                op::END_ASYNC_FOR => {
                    let exc = frame.pop();
                    let _aiter = frame.pop();
                    if !self.is_instance_of(&exc, &self.exc.stop_async_iteration.clone()) {
                        return Control::Reraise(self.exception_to_err(exc));
                    }
                }
                op::EXIT_INIT_CHECK => {
                    let v = frame.pop();
                    if !v.is_none() {
                        return Control::Error(self.type_error(format!(
                            "__init__() should return None, not '{}'",
                            self.type_name(&v)
                        )));
                    }
                }
                op::INTERPRETER_EXIT => {
                    let v = frame.pop();
                    return Control::Return(v);
                }
                _ => {
                    return Control::Error(self.system_error(format!("unknown opcode {opcode}")));
                }
            }
        }
    }
}

/// A `FrameLocalsProxy`, whose operations need the frame using them parked where the proxy
/// finds it (see `objects::frame_locals_proxy`).
#[inline(always)]
fn is_frame_proxy(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::FrameLocalsProxy(_)))
}

/// Pop `n` values, in stack order.
fn pop_n(vm: &Vm, frame: &mut Frame, n: usize) -> PyResult<Vec<Value>> {
    if n > frame.stack.len() {
        return Err(vm.system_error("stack underflow"));
    }
    let at = frame.stack.len() - n;
    Ok(frame
        .stack
        .drain_from(at)
        .map(|v| v.unwrap_or(Value::None))
        .collect())
}

impl Vm {
    /// Raise `value` (an exception instance or class) as an error, for `RERAISE` and friends.
    pub fn exception_to_err(&mut self, value: Value) -> PyErr {
        match &value {
            Value::Obj(o) if matches!(o.payload(), Payload::Exception(_)) => PyErr::new(o.clone()),
            _ => match crate::objects::exception::make_raisable(self, value) {
                Ok(o) => PyErr::new(o),
                Err(e) => e,
            },
        }
    }

    /// Pending signals (Ctrl-C) become `KeyboardInterrupt` at a backward jump or a call.
    pub fn check_signals(&mut self) -> Option<PyErr> {
        if let Some(budget) = self.step_budget.as_mut() {
            if *budget == 0 {
                return Some(self.runtime_error("step budget exhausted"));
            }
            *budget -= 1;
        }
        if self.take_interrupt() {
            return Some(PyErr::new(
                self.new_exception(&self.exc.keyboard_interrupt.clone(), Vec::new()),
            ));
        }
        None
    }
}
