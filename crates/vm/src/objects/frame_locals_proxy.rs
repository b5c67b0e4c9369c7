//! `FrameLocalsProxy`: what `frame.f_locals` is for a function frame in CPython 3.13 (PEP 667):
//! a live, write-through view of the frame's variables. Reads see the variables as they are
//! now; `f_locals[name] = value` changes the frame's local (or its cell).
//!
//! The proxy holds the frame object. The frame itself is found when needed among the running
//! frames (`Vm::callers`, where a frame calling out — including the operations on a proxy
//! that `eval` parks its frame for — waits: see `eval::refresh_frame_object`). A frame that has
//! finished is no longer found: the proxy then shows its last state, as a snapshot.

use crate::argparse;
use crate::error::PyResult;
use crate::object::Payload;
use crate::objects::method;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// A proxy of the function frame whose frame object is `frame_object`.
pub fn new_proxy(vm: &Vm, frame_object: Obj) -> Value {
    Value::Obj(Obj::new(
        vm.types.frame_locals_proxy.clone(),
        Payload::FrameLocalsProxy(frame_object),
    ))
}

fn frame_object_of(vm: &Vm, proxy: &Value) -> PyResult<Obj> {
    match proxy.payload() {
        Some(Payload::FrameLocalsProxy(f)) => Ok(f.clone()),
        _ => Err(crate::objects::receiver_error(
            vm,
            "FrameLocalsProxy",
            "__getitem__",
            Some(proxy),
        )),
    }
}

/// The frame's variables now, as a dict (a fresh one while the frame runs).
fn current(vm: &mut Vm, proxy: &Value) -> PyResult<Value> {
    let frame_object = frame_object_of(vm, proxy)?;
    crate::eval::refresh_frame_object(vm, &frame_object);
    let locals = match frame_object.payload() {
        Payload::Frame(f) => f.locals.borrow().clone(),
        _ => None,
    };
    Ok(locals.unwrap_or_else(|| Value::Obj(vm.new_dict())))
}

/// `proxy[name] = value`: into the running frame's variable of that name when it has one;
/// any other key is kept beside the variables (CPython's extra locals), as is every store
/// once the frame has finished.
fn store(vm: &mut Vm, proxy: &Value, key: &Value, value: Value) -> PyResult<()> {
    let frame_object = frame_object_of(vm, proxy)?;
    if crate::eval::store_frame_local(vm, &frame_object, key, value.clone()) {
        return Ok(());
    }
    vm.hash(key)?;
    if let Payload::Frame(f) = frame_object.payload() {
        let mut extra = f.extra_locals.borrow_mut();
        match extra.iter_mut().find(|(k, _)| k.is(key)) {
            Some(slot) => slot.1 = value.clone(),
            None => extra.push((key.clone(), value.clone())),
        }
    }
    let d = current(vm, proxy)?;
    vm.set_item(&d, key, value)
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.frame_locals_proxy.clone();
    // Reads go to the variables' current dict, by the dict's own method.
    macro_rules! delegate {
        ($($name:literal),*) => {
            $(method(vm, &t, $name, |vm, a| {
                let Some((this, rest)) = a.values.split_first() else {
                    return Err(vm.type_error(concat!("FrameLocalsProxy.", $name, " needs an argument")));
                };
                let d = current(vm, this)?;
                vm.call_method(&d, $name, rest)
            });)*
        };
    }
    delegate!(
        "__getitem__",
        "__contains__",
        "__iter__",
        "__len__",
        "__eq__",
        "keys",
        "values",
        "items",
        "get",
        "copy"
    );
    // Keyed on the frame object: each `f_locals` is a new proxy, and a frame's variables
    // may hold one of them (CPython prints `{...}` there, as for a dict holding itself).
    method(vm, &t, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let frame_object = frame_object_of(vm, this)?;
        if !vm.repr_enter(&frame_object) {
            return Ok(vm.new_str("{...}"));
        }
        let d = current(vm, this);
        let r = d.and_then(|d| vm.repr(&d));
        vm.repr_leave(&frame_object);
        r
    });
    method(vm, &t, "__delitem__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__delitem__", 1, 1)?;
        frame_object_of(vm, this)?;
        Err(vm.type_error("cannot remove variables from FrameLocalsProxy"))
    });
    method(vm, &t, "__setitem__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__setitem__", 2, 2)?;
        store(vm, this, &rest[0], rest[1].clone())?;
        Ok(Value::None)
    });
}
