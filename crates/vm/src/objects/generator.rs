//! Generators, coroutines and async generators: a suspended frame resumed by `send`/`throw`,
//! delegation through `yield from`/`await`, and the `asend`/`athrow` awaitables.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use taipan_bytecode::CodeFlags;

use crate::argparse;
use crate::error::{PyErr, PyResult};
use crate::eval::Exit;
use crate::frame::Frame;
use crate::function::Args;
use crate::object::{AwaitableData, GeneratorData, GeneratorKind, Payload};
use crate::objects::method;
use crate::runtime_code::Code;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// What resuming a generator gave.
pub enum SendResult {
    Yield(Value),
    Return(Value),
}

pub fn new_generator(vm: &mut Vm, frame: Frame, func: Option<&Obj>) -> Value {
    let code = frame.code.clone();
    let kind = if code.flags.contains(CodeFlags::COROUTINE) {
        GeneratorKind::Coroutine
    } else if code.flags.contains(CodeFlags::ASYNC_GENERATOR) {
        GeneratorKind::AsyncGenerator
    } else {
        GeneratorKind::Generator
    };
    let (name, qualname) = match func.map(|f| f.payload()) {
        Some(Payload::Function(f)) => (f.name.borrow().clone(), f.qualname.borrow().clone()),
        _ => (code.name.clone(), code.qualname.clone()),
    };
    let data = GeneratorData {
        kind,
        frame: RefCell::new(Some(Box::new(frame))),
        running: Cell::new(false),
        name: RefCell::new(name),
        qualname: RefCell::new(qualname),
        code,
        running_async: Cell::new(false),
        delegate: RefCell::new(None),
        finished: Cell::new(false),
        started: Cell::new(false),
    };
    let class = match kind {
        GeneratorKind::Generator => vm.types.generator.clone(),
        GeneratorKind::Coroutine => vm.types.coroutine.clone(),
        GeneratorKind::AsyncGenerator => vm.types.async_generator.clone(),
    };
    Value::Obj(Obj::new(class, Payload::Generator(Box::new(data))))
}

fn gen_data(o: &Obj) -> Option<&GeneratorData> {
    match o.payload() {
        Payload::Generator(g) => Some(g),
        _ => None,
    }
}

/// The frame of `it` to resume in the evaluation loop (see `OnReturn::ResumedGen`) for the
/// caller's `FOR_ITER` (`sent` is `None`) or `SEND` (the value sent), when `it` is a
/// generator (for `SEND`, or a coroutine) that can run now. Otherwise the sent value is handed
/// back for the general path (which also reports a running generator's error).
pub(crate) fn resume_in_loop(
    vm: &mut Vm,
    it: &Value,
    sent: Option<Value>,
    exhausted_jump: usize,
) -> Result<Box<Frame>, Value> {
    let by_send = sent.is_some();
    let sent = sent.unwrap_or(Value::None);
    let Value::Obj(o) = it else { return Err(sent) };
    let Payload::Generator(g) = o.payload() else {
        return Err(sent);
    };
    let kind_ok = match g.kind {
        GeneratorKind::Generator => true,
        GeneratorKind::Coroutine => by_send,
        GeneratorKind::AsyncGenerator => false,
    };
    // A just-started generator refuses a value other than None: the general path says so.
    if !kind_ok || g.running.get() || (!g.started.get() && !sent.is_none()) {
        return Err(sent);
    }
    let Some(mut frame) = g.frame.borrow_mut().take() else {
        return Err(sent);
    };
    if g.started.get() {
        // The value sent, as `resume` pushes it.
        frame.push(sent);
    }
    g.started.set(true);
    g.running.set(true);
    let outer_handled = enter_exception_state(vm, g);
    frame.on_return = crate::frame::OnReturn::ResumedGen {
        generator: o.clone(),
        outer_handled,
        exhausted_jump,
        by_send,
    };
    Ok(frame)
}

/// A generator frame resumed in the loop yields: it goes back into its generator object and
/// the exception state is the caller's again (as `resume` does after a yield).
pub(crate) fn resumed_yielded(
    vm: &mut Vm,
    generator: &Obj,
    outer_handled: Value,
    frame: Box<Frame>,
) {
    if let Some(g) = gen_data(generator) {
        leave_exception_state(vm, g, outer_handled);
        g.running.set(false);
        *g.frame.borrow_mut() = Some(frame);
    }
}

/// The exception being handled as a generator resumes: its own, saved when it last yielded
/// inside an `except`, else its caller's (CPython chains a generator's exception state to its
/// caller's: `sys.exception()` in a generator sees what the caller handles). Returns the
/// caller's, to put back.
fn enter_exception_state(vm: &mut Vm, g: &GeneratorData) -> Value {
    let outer_handled = vm.handled.clone();
    if let Some(saved) = g.delegate.borrow_mut().take() {
        vm.handled = saved;
    }
    outer_handled
}

/// The generator yields: keep the exception it is handling (if its own) for its next resume,
/// and give the caller back its own.
fn leave_exception_state(vm: &mut Vm, g: &GeneratorData, outer_handled: Value) {
    let inner_handled = std::mem::replace(&mut vm.handled, outer_handled);
    if !inner_handled.is_none() && !inner_handled.is(&vm.handled) {
        *g.delegate.borrow_mut() = Some(inner_handled);
    }
}

/// A generator frame resumed in the loop returned or raised: the generator is finished and
/// the exception state is the caller's again.
pub(crate) fn resumed_finished(vm: &mut Vm, generator: &Obj, outer_handled: Value) {
    vm.handled = outer_handled;
    if let Some(g) = gen_data(generator) {
        g.running.set(false);
        g.finished.set(true);
    }
}

/// `next(genr)`: `None` when it finished.
pub fn next_generator(vm: &mut Vm, genr: &Obj) -> PyResult<Option<Value>> {
    match send(vm, genr, Value::None)? {
        SendResult::Yield(v) => Ok(Some(v)),
        SendResult::Return(_) => Ok(None),
    }
}

/// The delegate of a generator suspended in `yield from`/`await` (CPython's `_PyGen_yf`).
fn delegate_of(frame: &Frame) -> Option<Value> {
    // Suspended right after a YIELD_VALUE whose next instruction is RESUME 2 or 3.
    let (op, arg) = *frame.code.units.get(frame.pc)?;
    if op as u16 != taipan_bytecode::Opcode::RESUME.number() || (arg & 3) < 2 {
        return None;
    }
    frame.stack.last().cloned().flatten()
}

/// Resume `genr` with `value` (or with `throw` raised at its suspension point).
fn resume(vm: &mut Vm, genr: &Obj, value: Value, throw: Option<PyErr>) -> PyResult<SendResult> {
    let Some(g) = gen_data(genr) else {
        return Err(vm.type_error("not a generator"));
    };
    if g.running.get() {
        let what = match g.kind {
            GeneratorKind::Generator => "generator already executing",
            GeneratorKind::Coroutine => "coroutine already executing",
            GeneratorKind::AsyncGenerator => "async generator already executing",
        };
        return Err(vm.value_error(what));
    }
    let Some(mut frame) = g.frame.borrow_mut().take() else {
        if let Some(e) = throw {
            return Err(e);
        }
        if g.kind == GeneratorKind::Coroutine {
            return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
        }
        return Ok(SendResult::Return(Value::None));
    };
    if !g.started.get() {
        if throw.is_none() && !value.is_none() {
            *g.frame.borrow_mut() = Some(frame);
            let what = match g.kind {
                GeneratorKind::Generator => "can't send non-None value to a just-started generator",
                GeneratorKind::Coroutine => "can't send non-None value to a just-started coroutine",
                GeneratorKind::AsyncGenerator => {
                    "can't send non-None value to a just-started async generator"
                }
            };
            return Err(vm.type_error(what));
        }
    } else {
        // As CPython's `gen_send_ex2`, the sent value (`None` for a throw) is pushed either
        // way: a handler of the `yield from` loop (`CLEANUP_THROW`, depth 2) counts on it.
        frame.push(value);
    }
    g.started.set(true);
    g.running.set(true);
    let outer_handled = enter_exception_state(vm, g);
    let (frame, result) = vm.execute(frame, throw);
    g.running.set(false);
    match result {
        Ok(Exit::Yield(v)) => {
            leave_exception_state(vm, g, outer_handled);
            *g.frame.borrow_mut() = Some(frame);
            Ok(SendResult::Yield(v))
        }
        Ok(Exit::Return(v)) => {
            vm.handled = outer_handled;
            g.finished.set(true);
            Ok(SendResult::Return(v))
        }
        Err(e) => {
            vm.handled = outer_handled;
            g.finished.set(true);
            Err(e)
        }
    }
}

/// `genr.send(value)`.
pub fn send(vm: &mut Vm, genr: &Obj, value: Value) -> PyResult<SendResult> {
    resume(vm, genr, value, None)
}

/// `genr.throw(exc)`: into the delegate first when suspended in `yield from`.
pub fn throw(vm: &mut Vm, genr: &Obj, exc: PyErr) -> PyResult<SendResult> {
    let Some(g) = gen_data(genr) else {
        return Err(exc);
    };
    let delegate = g.frame.borrow().as_ref().and_then(|f| delegate_of(f));
    if let Some(yf) = delegate {
        let is_exit = vm.is_instance_of(&exc.value(), &vm.exc.generator_exit.clone());
        if is_exit {
            // Close the delegate, then raise GeneratorExit here.
            g.running.set(true);
            let r = close_value(vm, &yf);
            g.running.set(false);
            if let Err(e) = r {
                return resume(vm, genr, Value::None, Some(e));
            }
            return resume(vm, genr, Value::None, Some(exc));
        }
        g.running.set(true);
        let r = match &yf {
            Value::Obj(o) if matches!(o.payload(), Payload::Generator(_)) => {
                throw(vm, o, exc.clone())
            }
            _ => {
                let throw_name = vm.names.throw.clone();
                match crate::ops::attr::get_attr_opt(vm, &yf, &throw_name) {
                    Ok(Some(t)) => match vm.call1(&t, exc.value()) {
                        Ok(v) => Ok(SendResult::Yield(v)),
                        Err(e) => Err(e),
                    },
                    Ok(None) => {
                        g.running.set(false);
                        return resume(vm, genr, Value::None, Some(exc));
                    }
                    Err(e) => Err(e),
                }
            }
        };
        g.running.set(false);
        return match r {
            Ok(SendResult::Yield(v)) => Ok(SendResult::Yield(v)),
            Ok(SendResult::Return(v)) => {
                // The delegate finished: continue our frame past the `yield from` with its value.
                if let Some(f) = g.frame.borrow_mut().as_mut() {
                    f.stack.pop();
                    // Jump over the SEND loop: the value becomes the result of END_SEND.
                    skip_to_end_send(f);
                }
                resume_with_value(vm, genr, v)
            }
            Err(e) => resume(vm, genr, Value::None, Some(e)),
        };
    }
    resume(vm, genr, Value::None, Some(exc))
}

/// After a delegate finished during `throw`, move the frame to its `END_SEND` with the
/// delegate's result, as CPython's `gen_send_ex` with the StopIteration value.
fn skip_to_end_send(frame: &mut Frame) {
    let end_send = taipan_bytecode::Opcode::END_SEND.number() as u8;
    let mut pc = frame.pc;
    while let Some(&(op, _)) = frame.code.units.get(pc) {
        if op == end_send {
            frame.pc = pc;
            return;
        }
        pc += 1;
    }
}

fn resume_with_value(vm: &mut Vm, genr: &Obj, v: Value) -> PyResult<SendResult> {
    let Some(g) = gen_data(genr) else {
        return Ok(SendResult::Return(v));
    };
    if let Some(f) = g.frame.borrow_mut().as_mut() {
        // END_SEND pops [receiver, value]: give it a placeholder receiver and the value.
        f.push(Value::None);
    }
    resume(vm, genr, v, None)
}

/// `genr.close()`.
pub fn close(vm: &mut Vm, genr: &Obj) -> PyResult<()> {
    close_returning(vm, genr).map(drop)
}

/// `genr.close()` with its result: since 3.13, the value a generator returns while handling
/// the `GeneratorExit` (else `None`).
pub fn close_returning(vm: &mut Vm, genr: &Obj) -> PyResult<Value> {
    let Some(g) = gen_data(genr) else {
        return Ok(Value::None);
    };
    if g.frame.borrow().is_none() {
        return Ok(Value::None);
    }
    if !g.started.get() {
        g.frame.borrow_mut().take();
        g.finished.set(true);
        return Ok(Value::None);
    }
    let exit = PyErr::new(vm.new_exception(&vm.exc.generator_exit.clone(), Vec::new()));
    match throw(vm, genr, exit) {
        Ok(SendResult::Yield(_)) => {
            let msg = match g.kind {
                GeneratorKind::AsyncGenerator => "async generator ignored GeneratorExit",
                GeneratorKind::Coroutine => "coroutine ignored GeneratorExit",
                GeneratorKind::Generator => "generator ignored GeneratorExit",
            };
            Err(vm.runtime_error(msg))
        }
        Ok(SendResult::Return(v)) => Ok(v),
        Err(e) => {
            let v = e.value();
            if vm.is_instance_of(&v, &vm.exc.generator_exit.clone())
                || vm.is_instance_of(&v, &vm.exc.stop_iteration.clone())
            {
                Ok(Value::None)
            } else {
                Err(e)
            }
        }
    }
}

/// A suspended generator or coroutine whose last reference went away while inside a `try`
/// block: CPython closes it on the spot (`_PyGen_Finalize`), running its `except`/`finally`.
/// A destructor cannot run Python code here, so [`GeneratorData`]'s `Drop` parks the frame in
/// this queue and the evaluation loop closes the parked frames at its next instruction
/// boundary ([`run_pending_finalizers`]), oldest first. Observable difference: the cleanup runs
/// after the instruction that dropped the last reference rather than inside it.
struct Orphan {
    kind: GeneratorKind,
    frame: Box<Frame>,
    name: Value,
    qualname: Value,
    code: Rc<Code>,
    handled: Option<Value>,
}

thread_local! {
    static ORPHANS: RefCell<Vec<Orphan>> = const { RefCell::new(Vec::new()) };
    /// Set while [`ORPHANS`] holds frames: a plain (thread-local, like the queue: VMs on
    /// other threads must not see or clear it) load for the evaluation loop to test.
    static PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether generators dropped on this thread wait to be closed.
#[inline(always)]
pub fn finalizers_pending() -> bool {
    PENDING.with(std::cell::Cell::get)
}

/// Called by `GeneratorData`'s destructor: park the frame when closing it would run code.
pub(crate) fn orphaned(data: &mut GeneratorData) {
    if !data.started.get() || data.finished.get() || data.kind == GeneratorKind::AsyncGenerator {
        return;
    }
    let Some(frame) = data.frame.get_mut().take() else {
        return;
    };
    // Suspended outside any `try` of its own (RESUME's "exception depth 1" bit, 4): CPython
    // only clears the locals; dropping the frame does that.
    if let Some(&(op, arg)) = frame.code.units.get(frame.pc)
        && op as u16 == taipan_bytecode::Opcode::RESUME.number()
        && arg & 4 != 0
    {
        return;
    }
    let orphan = Orphan {
        kind: data.kind,
        frame,
        name: data.name.borrow().clone(),
        qualname: data.qualname.borrow().clone(),
        code: data.code.clone(),
        handled: data.delegate.get_mut().take(),
    };
    // A destructor running while the queue is borrowed (a drain in progress) still parks.
    let parked = ORPHANS.with(|q| q.try_borrow_mut().map(|mut q| q.push(orphan)).is_ok());
    if parked {
        PENDING.with(|p| p.set(true));
    }
}

/// Close the generators parked by [`orphaned`], in the order they were dropped. Errors are
/// reported as CPython reports an exception in a finaliser ("Exception ignored in: ...") and
/// otherwise discarded.
pub fn run_pending_finalizers(vm: &mut Vm) {
    PENDING.with(|p| p.set(false));
    loop {
        let next = ORPHANS.with(|q| {
            let mut q = q.borrow_mut();
            if q.is_empty() {
                None
            } else {
                Some(q.remove(0))
            }
        });
        let Some(o) = next else { break };
        let class = match o.kind {
            GeneratorKind::Coroutine => vm.types.coroutine.clone(),
            _ => vm.types.generator.clone(),
        };
        let data = GeneratorData {
            kind: o.kind,
            frame: RefCell::new(Some(o.frame)),
            running: Cell::new(false),
            name: RefCell::new(o.name),
            qualname: RefCell::new(o.qualname),
            code: o.code,
            running_async: Cell::new(false),
            delegate: RefCell::new(o.handled),
            finished: Cell::new(false),
            started: Cell::new(true),
        };
        let genr = Obj::new(class, Payload::Generator(Box::new(data)));
        let closed = close(vm, &genr);
        // Finalised once: a generator that ignored GeneratorExit is not parked again when
        // this object goes (CPython clears the frame after `_PyGen_Finalize`).
        if let Payload::Generator(g) = genr.payload() {
            g.finished.set(true);
        }
        if let Err(e) = closed {
            let repr = vm
                .repr_string(&Value::Obj(genr.clone()))
                .unwrap_or_default();
            // As CPython's unraisable hook: the traceback (if any) and "Type: message".
            let text = crate::traceback::format_exception(vm, &e.value());
            let _ = crate::io::write_stderr(vm, &format!("Exception ignored in: {repr}\n{text}"));
        }
    }
}

/// Interpreter exit: `__main__`'s globals are cleared as CPython's `_PyModule_ClearDict` does
/// (names with one leading underscore first, then the rest, each set to None; `__builtins__`
/// kept), so that generators still suspended in a `try` are closed and run their handlers,
/// reporting failures as "Exception ignored in: ...".
pub fn finalize_main(vm: &mut Vm, globals: &Obj) {
    let Payload::Dict(d) = globals.payload() else {
        return;
    };
    let keys = d.borrow().keys();
    for underscore_pass in [true, false] {
        for k in &keys {
            let Some(s) = k.as_str_obj() else {
                continue;
            };
            let name = s.to_lossy();
            let single_underscore = name.starts_with('_') && !name.starts_with("__");
            if name == "__builtins__" || single_underscore != underscore_pass {
                continue;
            }
            let _ = crate::ops::mapping::dict_set(vm, globals, k.clone(), Value::None);
            if finalizers_pending() {
                run_pending_finalizers(vm);
            }
        }
    }
}

fn close_value(vm: &mut Vm, v: &Value) -> PyResult<()> {
    match v {
        Value::Obj(o) if matches!(o.payload(), Payload::Generator(_)) => close(vm, o),
        _ => {
            let close_name = vm.names.close.clone();
            if let Some(c) = crate::ops::attr::get_attr_opt(vm, v, &close_name)? {
                vm.call0(&c)?;
            }
            Ok(())
        }
    }
}

/// `CALL_INTRINSIC_1 INTRINSIC_STOPITERATION_ERROR`: a `StopIteration` escaping a generator
/// becomes a `RuntimeError` (PEP 479).
pub fn stopiteration_error(vm: &mut Vm, code: &Rc<Code>, exc: Value) -> Value {
    let what = if code.flags.contains(CodeFlags::ASYNC_GENERATOR) {
        "async generator"
    } else if code.flags.contains(CodeFlags::COROUTINE) {
        "coroutine"
    } else {
        "generator"
    };
    let msg = if vm.is_instance_of(&exc, &vm.exc.stop_iteration.clone()) {
        format!("{what} raised StopIteration")
    } else if what == "async generator"
        && vm.is_instance_of(&exc, &vm.exc.stop_async_iteration.clone())
    {
        format!("{what} raised StopAsyncIteration")
    } else {
        return exc;
    };
    let e = vm.new_exception(&vm.exc.runtime_error.clone(), vec![vm.new_string(msg)]);
    if let Payload::Exception(d) = e.payload() {
        *d.cause.borrow_mut() = Some(exc.clone());
        d.suppress_context.set(true);
        *d.context.borrow_mut() = Some(exc);
    }
    Value::Obj(e)
}

pub fn wrap_async_gen_value(vm: &Vm, v: Value) -> Value {
    Value::Obj(Obj::new(
        vm.types.async_generator_wrapped.clone(),
        Payload::Cell(RefCell::new(Some(v))),
    ))
}

fn unwrap_async_gen_value(vm: &Vm, v: &Value) -> Option<Value> {
    match v {
        Value::Obj(o) if Vm::class_of_obj(&vm.types, o).is(&vm.types.async_generator_wrapped) => {
            match o.payload() {
                Payload::Cell(c) => c.borrow().clone(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `GET_AWAITABLE`.
pub fn get_awaitable(vm: &mut Vm, v: &Value, where_: u32) -> PyResult {
    if let Some(Payload::Generator(g)) = v.payload() {
        if g.kind == GeneratorKind::Coroutine {
            if g.frame
                .borrow()
                .as_ref()
                .is_some_and(|f| delegate_of(f).is_some())
                && g.started.get()
            {
                return Err(vm.runtime_error("coroutine is being awaited already"));
            }
            return Ok(v.clone());
        }
        if g.kind == GeneratorKind::Generator
            && g.code.flags.contains(CodeFlags::ITERABLE_COROUTINE)
        {
            return Ok(v.clone());
        }
    }
    let class = vm.class_of(v);
    let name = vm.names.__await__.clone();
    let Some(f) = crate::ops::attr::type_lookup(vm, &class, &name) else {
        let tn = vm.type_name(v);
        let msg = match where_ {
            1 => format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {tn}"
            ),
            2 => format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {tn}"
            ),
            _ => format!("object {tn} can't be used in 'await' expression"),
        };
        return Err(vm.type_error(msg));
    };
    let it = vm.call_method_value(&f, v, &[])?;
    if let Some(Payload::Generator(g)) = it.payload()
        && g.kind == GeneratorKind::Coroutine
    {
        return Err(vm.type_error("__await__() returned a coroutine"));
    }
    let it_class = vm.class_of(&it);
    if crate::ops::attr::type_lookup(vm, &it_class, &vm.names.__next__.clone()).is_none() {
        return Err(vm.type_error(format!(
            "__await__() returned non-iterator of type '{}'",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

/// `GET_AITER`.
pub fn get_aiter(vm: &mut Vm, v: &Value) -> PyResult {
    let name = vm.names.__aiter__.clone();
    let class = vm.class_of(v);
    let Some(f) = crate::ops::attr::type_lookup(vm, &class, &name) else {
        return Err(vm.type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            vm.type_name(v)
        )));
    };
    let it = vm.call_method_value(&f, v, &[])?;
    let it_class = vm.class_of(&it);
    if crate::ops::attr::type_lookup(vm, &it_class, &vm.names.__anext__.clone()).is_none() {
        return Err(vm.type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

/// `GET_ANEXT`.
pub fn get_anext(vm: &mut Vm, aiter: &Value) -> PyResult {
    if let Value::Obj(o) = aiter
        && let Payload::Generator(g) = o.payload()
        && g.kind == GeneratorKind::AsyncGenerator
    {
        return Ok(asend_awaitable(vm, o, Value::None));
    }
    let name = vm.names.__anext__.clone();
    let class = vm.class_of(aiter);
    let Some(f) = crate::ops::attr::type_lookup(vm, &class, &name) else {
        return Err(vm.type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            vm.type_name(aiter)
        )));
    };
    let awaitable = vm.call_method_value(&f, aiter, &[])?;
    get_awaitable(vm, &awaitable, 0).map_err(|_| {
        vm.type_error(format!(
            "'async for' received an invalid object from __anext__: {}",
            vm.type_name(&awaitable)
        ))
    })
}

fn asend_awaitable(vm: &Vm, agen: &Obj, value: Value) -> Value {
    Value::Obj(Obj::new(
        vm.types.async_generator_asend.clone(),
        Payload::Awaitable(Box::new(AwaitableData::ASend {
            agen: agen.clone(),
            value: RefCell::new(Some(value)),
            state: Cell::new(0),
        })),
    ))
}

fn athrow_awaitable(vm: &Vm, agen: &Obj, throw: Option<(Value, Value, Value)>) -> Value {
    Value::Obj(Obj::new(
        vm.types.async_generator_athrow.clone(),
        Payload::Awaitable(Box::new(AwaitableData::AThrow {
            agen: agen.clone(),
            throw,
            state: Cell::new(0),
        })),
    ))
}

/// Interpret what an async generator's frame gave: a wrapped value ends the awaitable with
/// `StopIteration(value)`; anything else is passed through to the event loop.
fn agen_result(vm: &mut Vm, r: PyResult<SendResult>) -> PyResult<SendResult> {
    match r {
        Ok(SendResult::Yield(v)) => match unwrap_async_gen_value(vm, &v) {
            Some(inner) => Ok(SendResult::Return(inner)),
            None => Ok(SendResult::Yield(v)),
        },
        Ok(SendResult::Return(_)) => Err(PyErr::new(
            vm.new_exception(&vm.exc.stop_async_iteration.clone(), Vec::new()),
        )),
        Err(e) => Err(e),
    }
}

/// `anext(aiter, default)`: CPython's `anext_awaitable` over what `__anext__()` returned.
pub fn anext_with_default(vm: &mut Vm, aiter: &Value, default: Value) -> PyResult {
    let name = vm.names.__anext__.clone();
    let class = vm.class_of(aiter);
    let Some(f) = crate::ops::attr::type_lookup(vm, &class, &name) else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(aiter)
        )));
    };
    let awaitable = match aiter {
        Value::Obj(o) if gen_data(o).is_some_and(|g| g.kind == GeneratorKind::AsyncGenerator) => {
            asend_awaitable(vm, o, Value::None)
        }
        _ => vm.call_method_value(&f, aiter, &[])?,
    };
    Ok(Value::Obj(Obj::new(
        vm.types.anext_awaitable.clone(),
        Payload::Awaitable(Box::new(AwaitableData::ANext {
            awaitable: RefCell::new(awaitable),
            resolved: Cell::new(false),
            default,
        })),
    )))
}

/// The iterator an `anext_awaitable` drives: `__anext__()`'s result made awaitable once.
fn anext_iterator(
    vm: &mut Vm,
    awaitable: &RefCell<Value>,
    resolved: &Cell<bool>,
) -> PyResult<Value> {
    let current = awaitable.borrow().clone();
    if resolved.get() {
        return Ok(current);
    }
    let it = get_awaitable(vm, &current, 0)?;
    *awaitable.borrow_mut() = it.clone();
    resolved.set(true);
    Ok(it)
}

/// An `anext_awaitable`'s step: `StopAsyncIteration` from the iterator becomes its return
/// of the default.
fn anext_outcome(vm: &mut Vm, r: PyResult<SendResult>, default: &Value) -> PyResult<SendResult> {
    match r {
        Err(e) if vm.is_instance_of(&e.value(), &vm.exc.stop_async_iteration.clone()) => {
            Ok(SendResult::Return(default.clone()))
        }
        other => other,
    }
}

/// `SEND` into an `asend`/`athrow` awaitable or a coroutine wrapper.
pub fn awaitable_send(vm: &mut Vm, aw: &Obj, value: Value) -> PyResult<SendResult> {
    let Payload::Awaitable(data) = aw.payload() else {
        return Ok(SendResult::Return(Value::None));
    };
    match &**data {
        AwaitableData::ANext {
            awaitable,
            resolved,
            default,
        } => {
            let it = anext_iterator(vm, awaitable, resolved)?;
            let r = vm.send(&it, value);
            anext_outcome(vm, r, default)
        }
        AwaitableData::CoroutineWrapper(coro) => send(vm, coro, value),
        AwaitableData::ASend {
            agen,
            value: initial,
            state,
        } => {
            if state.get() == 2 {
                return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
            }
            let v = if state.get() == 0 {
                state.set(1);
                let first = initial.borrow_mut().take().unwrap_or(Value::None);
                if value.is_none() { first } else { value }
            } else {
                value
            };
            let sent = send(vm, agen, v);
            let r = agen_result(vm, sent);
            if !matches!(r, Ok(SendResult::Yield(_))) {
                state.set(2);
            }
            r
        }
        AwaitableData::AThrow {
            agen,
            throw: exc,
            state,
        } => {
            if state.get() == 2 {
                return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
            }
            let r = if state.get() == 0 {
                state.set(1);
                let err = match exc {
                    Some((t, v, tb)) => make_throw_error(vm, t.clone(), v.clone(), tb.clone())?,
                    None => {
                        PyErr::new(vm.new_exception(&vm.exc.generator_exit.clone(), Vec::new()))
                    }
                };
                throw(vm, agen, err)
            } else {
                send(vm, agen, value)
            };
            let is_close = exc.is_none();
            let r = match r {
                Ok(SendResult::Yield(v))
                    if is_close && unwrap_async_gen_value(vm, &v).is_some() =>
                {
                    state.set(2);
                    return Err(vm.runtime_error("async generator ignored GeneratorExit"));
                }
                Err(e)
                    if is_close
                        && (vm.is_instance_of(&e.value(), &vm.exc.generator_exit.clone())
                            || vm.is_instance_of(
                                &e.value(),
                                &vm.exc.stop_async_iteration.clone(),
                            )) =>
                {
                    state.set(2);
                    return Ok(SendResult::Return(Value::None));
                }
                other => agen_result(vm, other),
            };
            if !matches!(r, Ok(SendResult::Yield(_))) {
                state.set(2);
            }
            r
        }
    }
}

fn awaitable_throw(vm: &mut Vm, aw: &Obj, err: PyErr) -> PyResult<SendResult> {
    let Payload::Awaitable(data) = aw.payload() else {
        return Err(err);
    };
    match &**data {
        AwaitableData::CoroutineWrapper(coro) => throw(vm, coro, err),
        AwaitableData::ANext {
            awaitable,
            resolved,
            default,
        } => {
            let it = anext_iterator(vm, awaitable, resolved)?;
            let r = match &it {
                Value::Obj(o) if matches!(o.payload(), Payload::Generator(_)) => throw(vm, o, err),
                Value::Obj(o) if matches!(o.payload(), Payload::Awaitable(_)) => {
                    awaitable_throw(vm, o, err)
                }
                _ => {
                    let exc = err.value();
                    match vm.call_method(&it, "throw", &[exc]) {
                        Ok(v) => Ok(SendResult::Yield(v)),
                        Err(e) if vm.is_instance_of(&e.value(), &vm.exc.stop_iteration.clone()) => {
                            let v = crate::objects::exception::stop_iteration_value(vm, &e.value());
                            Ok(SendResult::Return(v))
                        }
                        Err(e) => Err(e),
                    }
                }
            };
            anext_outcome(vm, r, default)
        }
        AwaitableData::ASend { agen, state, .. } | AwaitableData::AThrow { agen, state, .. } => {
            if state.get() == 2 {
                return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
            }
            state.set(1);
            let thrown = throw(vm, agen, err);
            let r = agen_result(vm, thrown);
            if !matches!(r, Ok(SendResult::Yield(_))) {
                state.set(2);
            }
            r
        }
    }
}

/// The exception `throw(typ, val, tb)` raises.
fn make_throw_error(vm: &mut Vm, typ: Value, val: Value, tb: Value) -> PyResult<PyErr> {
    let exc = if val.is_none() {
        crate::objects::exception::make_raisable(vm, typ)?
    } else if matches!(typ.payload(), Some(Payload::Type(_)))
        && !matches!(val.payload(), Some(Payload::Exception(_)))
    {
        match vm.call1(&typ, val)? {
            Value::Obj(o) => o,
            _ => return Err(vm.type_error("exceptions must derive from BaseException")),
        }
    } else {
        crate::objects::exception::make_raisable(vm, val)?
    };
    if !tb.is_none()
        && let Payload::Exception(d) = exc.payload()
    {
        *d.traceback.borrow_mut() = Some(tb);
    }
    Ok(PyErr::new(exc))
}

fn to_value(vm: &mut Vm, r: PyResult<SendResult>) -> PyResult {
    match r? {
        SendResult::Yield(v) => Ok(v),
        SendResult::Return(v) => Err(vm.stop_iteration(v)),
    }
}

fn throw_args(vm: &mut Vm, rest: &[Value]) -> PyResult<PyErr> {
    let typ = rest.first().cloned().unwrap_or(Value::None);
    let val = rest.get(1).cloned().unwrap_or(Value::None);
    let tb = rest.get(2).cloned().unwrap_or(Value::None);
    if !tb.is_none() && !matches!(tb.payload(), Some(Payload::Traceback(_))) {
        return Err(vm.type_error("throw() third argument must be a traceback object"));
    }
    make_throw_error(vm, typ, val, tb)
}

pub(crate) fn init(vm: &mut Vm) {
    for class in [vm.types.generator.clone(), vm.types.coroutine.clone()] {
        method(vm, &class, "send", |vm, a| {
            let (g, rest) = argparse::method_args(vm, &a, "send", 1, 1)?;
            let Value::Obj(o) = g else {
                return Ok(Value::None);
            };
            let r = send(vm, o, rest[0].clone());
            to_value(vm, r)
        });
        method(vm, &class, "throw", |vm, a| {
            let (g, rest) = argparse::method_args(vm, &a, "throw", 1, 3)?;
            let Value::Obj(o) = g else {
                return Ok(Value::None);
            };
            let err = throw_args(vm, rest)?;
            let r = throw(vm, o, err);
            to_value(vm, r)
        });
        method(vm, &class, "close", |vm, a| {
            let (g, _) = argparse::method_args(vm, &a, "close", 0, 0)?;
            let Value::Obj(o) = g else {
                return Ok(Value::None);
            };
            close_returning(vm, o)
        });
        method(vm, &class, "__repr__", |vm, a| {
            let (g, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
            let Value::Obj(o) = g else {
                return Ok(Value::None);
            };
            let Some(d) = gen_data(o) else {
                return Ok(Value::None);
            };
            let q = vm.str_lossy(&d.qualname.borrow());
            let kind = match d.kind {
                GeneratorKind::Generator => "generator",
                GeneratorKind::Coroutine => "coroutine",
                GeneratorKind::AsyncGenerator => "async_generator",
            };
            Ok(vm.new_string(format!("<{kind} object {q} at {:#x}>", o.id())))
        });
    }
    let g = vm.types.generator.clone();
    method(vm, &g, "__iter__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
        Ok(g.clone())
    });
    method(vm, &g, "__next__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__next__", 0, 0)?;
        let Value::Obj(o) = g else {
            return Ok(Value::None);
        };
        let r = send(vm, o, Value::None);
        to_value(vm, r)
    });
    let c = vm.types.coroutine.clone();
    method(vm, &c, "__await__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__await__", 0, 0)?;
        let Value::Obj(o) = g else {
            return Ok(Value::None);
        };
        Ok(Value::Obj(Obj::new(
            vm.types.coroutine_wrapper.clone(),
            Payload::Awaitable(Box::new(AwaitableData::CoroutineWrapper(o.clone()))),
        )))
    });
    let ag = vm.types.async_generator.clone();
    method(vm, &ag, "__aiter__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__aiter__", 0, 0)?;
        Ok(g.clone())
    });
    method(vm, &ag, "__anext__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__anext__", 0, 0)?;
        let Value::Obj(o) = g else {
            return Ok(Value::None);
        };
        Ok(asend_awaitable(vm, o, Value::None))
    });
    method(vm, &ag, "asend", |vm, a| {
        let (g, rest) = argparse::method_args(vm, &a, "asend", 1, 1)?;
        let Value::Obj(o) = g else {
            return Ok(Value::None);
        };
        Ok(asend_awaitable(vm, o, rest[0].clone()))
    });
    method(vm, &ag, "athrow", |vm, a| {
        let (g, rest) = argparse::method_args(vm, &a, "athrow", 1, 3)?;
        let Value::Obj(o) = g else {
            return Ok(Value::None);
        };
        let t = (
            rest[0].clone(),
            rest.get(1).cloned().unwrap_or(Value::None),
            rest.get(2).cloned().unwrap_or(Value::None),
        );
        Ok(athrow_awaitable(vm, o, Some(t)))
    });
    method(vm, &ag, "aclose", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "aclose", 0, 0)?;
        let Value::Obj(o) = g else {
            return Ok(Value::None);
        };
        Ok(athrow_awaitable(vm, o, None))
    });
    method(vm, &ag, "__repr__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Value::Obj(o) = g else {
            return Ok(Value::None);
        };
        let Some(d) = gen_data(o) else {
            return Ok(Value::None);
        };
        let q = vm.str_lossy(&d.qualname.borrow());
        Ok(vm.new_string(format!("<async_generator object {q} at {:#x}>", o.id())))
    });
    for class in [
        vm.types.coroutine_wrapper.clone(),
        vm.types.async_generator_asend.clone(),
        vm.types.async_generator_athrow.clone(),
        vm.types.anext_awaitable.clone(),
    ] {
        method(vm, &class, "__iter__", |vm, a| {
            let (g, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
            Ok(g.clone())
        });
        method(vm, &class, "__await__", |vm, a| {
            let (g, _) = argparse::method_args(vm, &a, "__await__", 0, 0)?;
            Ok(g.clone())
        });
        method(vm, &class, "__next__", |vm, a| {
            let (g, _) = argparse::method_args(vm, &a, "__next__", 0, 0)?;
            let Value::Obj(o) = g else {
                return Ok(Value::None);
            };
            let r = awaitable_send(vm, o, Value::None);
            to_value(vm, r)
        });
        method(vm, &class, "send", |vm, a| {
            let (g, rest) = argparse::method_args(vm, &a, "send", 1, 1)?;
            let Value::Obj(o) = g else {
                return Ok(Value::None);
            };
            let r = awaitable_send(vm, o, rest[0].clone());
            to_value(vm, r)
        });
        method(vm, &class, "throw", |vm, a| {
            let (g, rest) = argparse::method_args(vm, &a, "throw", 1, 3)?;
            let Value::Obj(o) = g else {
                return Ok(Value::None);
            };
            let err = throw_args(vm, rest)?;
            let r = awaitable_throw(vm, o, err);
            to_value(vm, r)
        });
        method(vm, &class, "close", |vm, a| {
            let (_g, _) = argparse::method_args(vm, &a, "close", 0, 0)?;
            Ok(Value::None)
        });
    }
    let _ = Args::new(&[]);
}
