//! The activation record of a running code object.
//!
//! **How frames live.** A frame is a plain Rust struct, boxed, owned by the evaluation loop while
//! it runs (the running one by the loop, its callers by `Vm::callers`) and by its generator object
//! while suspended. A Python-to-Python call pushes a new frame and the same loop continues in it;
//! returning pops it. Python sees a frame through a frame object made on demand, once per frame
//! and kept in `snapshot`, brought up to date from the running frame when read.

use std::rc::Rc;

use crate::runtime_code::Code;
use crate::value::{Obj, Value};
use crate::value_stack::ValueStack;

pub struct Frame {
    pub code: Rc<Code>,
    /// The next instruction (code units).
    pub pc: usize,
    /// The instruction being executed (for tracebacks and `f_lasti`).
    pub lasti: usize,
    /// Localsplus: arguments and locals, then cells, then free variables (a cell slot holds a
    /// cell object). `None` is unbound.
    pub locals: Vec<Option<Value>>,
    /// The evaluation stack; `None` is CPython's NULL (pushed by `PUSH_NULL`, the method form of
    /// `LOAD_ATTR`, …).
    pub stack: ValueStack,
    pub globals: Obj,
    pub builtins: Obj,
    /// The locals mapping of module and class bodies (`LOAD_NAME`/`STORE_NAME`).
    pub locals_map: Option<Value>,
    /// The function object being run, if any (for `super()` without arguments it is the
    /// `__class__` cell that matters, but the function names generator objects).
    pub function: Option<Obj>,
    /// The Python frame object, once Python asked for it.
    pub snapshot: Option<Obj>,
    /// What the caller does with this frame's return value (see [`OnReturn`]).
    pub on_return: OnReturn,
}

/// What happens to a frame's return value in its caller. A call the loop turns into a pushed
/// frame instead of a nested run (a property getter or setter, a class's `__init__`, as
/// CPython 3.13's `LOAD_ATTR_PROPERTY` and `CALL_ALLOC_AND_ENTER_INIT` do) may need its result
/// handled differently from a plain call's.
#[derive(Clone, Default)]
pub enum OnReturn {
    /// Push it on the caller's stack (a call).
    #[default]
    Push,
    /// Drop it (a property setter run for `STORE_ATTR`).
    Discard,
    /// It must be `None` (else `TypeError`); push this new instance instead (`__init__`).
    Init(Value),
    /// This is the frame of `generator`, resumed in the loop by the caller's `FOR_ITER`
    /// (CPython's `FOR_ITER_GEN`) or, `by_send`, its `SEND` (`SEND_GEN`: `yield from` and
    /// `await`): a yield goes back to the caller as the next item or the value yielded (the
    /// frame returning into the generator object); a return ends the loop, FOR_ITER's
    /// dropping the value and its iterator, SEND's pushing the value; either way the caller
    /// jumps `exhausted_jump` units on. `outer_handled` is the caller's exception being
    /// handled, put back when control returns to it.
    ResumedGen {
        generator: Obj,
        outer_handled: Value,
        exhausted_jump: usize,
        by_send: bool,
    },
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Obj, builtins: Obj, locals_map: Option<Value>) -> Frame {
        let n = code.nlocalsplus();
        let stack = ValueStack::with_capacity(code.object.stacksize as usize);
        Frame {
            code,
            pc: 0,
            lasti: 0,
            locals: vec![None; n],
            stack,
            globals,
            builtins,
            locals_map,
            function: None,
            snapshot: None,
            on_return: OnReturn::Push,
        }
    }

    /// Reuse this frame's allocations for a new activation (see `Vm::new_frame`): the frame
    /// is as `Vm::recycle_frame` left it.
    #[inline]
    pub fn reset(
        &mut self,
        code: &Rc<Code>,
        globals: &Obj,
        builtins: &Obj,
        locals_map: Option<Value>,
    ) {
        let n = code.nlocalsplus();
        self.locals.extend(std::iter::repeat_n(None, n));
        self.stack.reserve(code.object.stacksize as usize);
        if !Rc::ptr_eq(&self.code, code) {
            self.code = code.clone();
        }
        if !self.globals.is(globals) {
            self.globals = globals.clone();
        }
        if !self.builtins.is(builtins) {
            self.builtins = builtins.clone();
        }
        self.pc = 0;
        self.lasti = 0;
        self.locals_map = locals_map;
    }

    #[inline(always)]
    pub fn push(&mut self, value: Value) {
        self.stack.push(Some(value));
    }

    /// Pop a value; a NULL (or an empty stack, which only hostile bytecode can cause) reads as
    /// `None` rather than crashing.
    #[inline(always)]
    pub fn pop(&mut self) -> Value {
        self.stack.pop().flatten().unwrap_or(Value::None)
    }

    #[inline]
    pub fn pop_opt(&mut self) -> Option<Value> {
        self.stack.pop().flatten()
    }

    #[inline]
    pub fn top(&self) -> Value {
        self.stack.last().cloned().flatten().unwrap_or(Value::None)
    }

    #[inline]
    pub fn peek(&self, depth: usize) -> Value {
        let len = self.stack.len();
        if depth == 0 || depth > len {
            return Value::None;
        }
        self.stack[len - depth].clone().unwrap_or(Value::None)
    }

    pub fn line(&self) -> Option<i32> {
        self.code.line_of(self.lasti)
    }
}
