//! Functions, cells, bound methods, code objects as Python sees them.

use std::cell::RefCell;

use crate::argparse;
use crate::error::PyResult;
use crate::frame::Frame;
use crate::function::{Args, Function};
use crate::object::Payload;
use crate::objects::method;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// `MAKE_FUNCTION`: a function from a code object, with the running frame's globals.
pub fn make_function(vm: &mut Vm, code: Value, frame: &Frame) -> PyResult {
    let Some(Payload::Code(code)) = code.payload() else {
        return Err(vm.system_error("MAKE_FUNCTION expects a code object"));
    };
    let f = new_function(
        vm,
        code.clone(),
        frame.globals.clone(),
        frame.builtins.clone(),
    );
    Ok(function_object(vm, f))
}

/// A function of `code` in `globals` with no defaults, closure or annotations: its
/// `__module__` from the globals' `__name__`, its docstring the first constant when that is a
/// str (as CPython 3.13), the rest as `MAKE_FUNCTION` leaves them.
fn new_function(
    vm: &mut Vm,
    code: std::rc::Rc<crate::runtime_code::Code>,
    globals: Obj,
    builtins: Obj,
) -> Function {
    let module = mapping::dict_get_str(vm, &globals, "__name__").unwrap_or(Value::None);
    let doc = match code.consts.first() {
        Some(v @ Value::Str(_)) => v.clone(),
        _ => Value::None,
    };
    Function {
        name: RefCell::new(code.name.clone()),
        qualname: RefCell::new(code.qualname.clone()),
        code: RefCell::new(code),
        globals,
        builtins,
        defaults: RefCell::new(Value::None),
        kwdefaults: RefCell::new(Value::None),
        closure: RefCell::new(Value::None),
        annotations: RefCell::new(Value::None),
        doc: RefCell::new(doc),
        module: RefCell::new(module),
        type_params: RefCell::new(vm.empty_tuple.clone()),
        dict: RefCell::new(None),
    }
}

fn function_object(vm: &Vm, f: Function) -> Value {
    Value::Obj(Obj::new(
        vm.types.function.clone(),
        Payload::Function(Box::new(f)),
    ))
}

/// `SET_FUNCTION_ATTRIBUTE`.
pub fn set_function_attribute(func: &Value, flag: u32, attr: Value) {
    let Some(Payload::Function(f)) = func.payload() else {
        return;
    };
    match flag {
        0x01 => *f.defaults.borrow_mut() = attr,
        0x02 => *f.kwdefaults.borrow_mut() = attr,
        0x04 => *f.annotations.borrow_mut() = attr,
        0x08 => *f.closure.borrow_mut() = attr,
        _ => {}
    }
}

pub fn new_cell(vm: &Vm, value: Option<Value>) -> Value {
    Value::Obj(Obj::new(
        vm.types.cell.clone(),
        Payload::Cell(RefCell::new(value)),
    ))
}

/// `types.FunctionType(code, globals, name=None, argdefs=None, closure=None,
/// kwdefaults=None)`: a function from a code object, checked as CPython's `func_new`.
fn function_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let b = argparse::bind(
        vm,
        &rest,
        "function",
        &[
            "code",
            "globals",
            "name",
            "argdefs",
            "closure",
            "kwdefaults",
        ],
        2,
    )?;
    let arg = |i: usize| b[i].clone().unwrap_or(Value::None);
    let code_value = arg(0);
    let Some(Payload::Code(code)) = code_value.payload() else {
        return Err(vm.type_error(format!(
            "function() argument 'code' must be code, not {}",
            vm.type_name(&code_value)
        )));
    };
    let globals = arg(1);
    let Some(globals) = globals
        .as_obj()
        .filter(|g| matches!(g.payload(), Payload::Dict(_)))
        .cloned()
    else {
        return Err(vm.type_error(format!(
            "function() argument 'globals' must be dict, not {}",
            vm.type_name(&globals)
        )));
    };
    let name = arg(2);
    if !name.is_none() && name.as_str_obj().is_none() {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    let defaults = arg(3);
    if !defaults.is_none() && !matches!(defaults.payload(), Some(Payload::Tuple(_))) {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let closure = arg(4);
    let free = code.nlocalsplus().saturating_sub(code.first_free);
    let given = match closure.payload() {
        Some(Payload::Tuple(t)) => Some(t.len()),
        _ if closure.is_none() => None,
        _ => return Err(vm.type_error("arg 5 (closure) must be tuple")),
    };
    match given {
        None if free > 0 => {
            return Err(vm.type_error("arg 5 (closure) must be tuple"));
        }
        Some(n) if n != free => {
            return Err(vm.value_error(format!(
                "{} requires closure of length {free}, not {n}",
                vm.str_lossy(&code.name)
            )));
        }
        _ => {}
    }
    if let Some(Payload::Tuple(cells)) = closure.payload()
        && let Some(bad) = cells
            .iter()
            .find(|c| !matches!(c.payload(), Some(Payload::Cell(_))))
    {
        return Err(vm.type_error(format!(
            "arg 5 (closure) expected cell, found {}",
            vm.type_name(bad)
        )));
    }
    let kwdefaults = arg(5);
    if !kwdefaults.is_none() && !matches!(kwdefaults.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error("arg 6 (kwdefaults) must be None or dict"));
    }
    let code = code.clone();
    let builtins = match mapping::dict_get_str(vm, &globals, "__builtins__") {
        Some(Value::Obj(m)) if matches!(m.payload(), Payload::Module(_)) => {
            crate::ops::attr::instance_dict(&Value::Obj(m)).unwrap_or_else(|| vm.builtins_dict())
        }
        Some(Value::Obj(d)) if matches!(d.payload(), Payload::Dict(_)) => d,
        _ => vm.builtins_dict(),
    };
    let f = new_function(vm, code, globals, builtins);
    if !name.is_none() {
        *f.name.borrow_mut() = name;
    }
    *f.defaults.borrow_mut() = defaults;
    *f.kwdefaults.borrow_mut() = kwdefaults;
    *f.closure.borrow_mut() = closure;
    Ok(function_object(vm, f))
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.function.clone();
    crate::objects::staticmethod(vm, &t, "__new__", function_new);
    method(vm, &t, "__repr__", |vm, a| {
        let (f, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::Function(func)) = f.payload() else {
            return Ok(Value::None);
        };
        let q = vm.str_lossy(&func.qualname.borrow());
        let id = f.as_obj().map(|o| o.id()).unwrap_or(0);
        Ok(vm.new_string(format!("<function {q} at {id:#x}>")))
    });
    method(vm, &t, "__get__", |vm, a| {
        let (f, rest) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
        if rest[0].is_none() {
            return Ok(f.clone());
        }
        Ok(vm.new_bound_method(f.clone(), rest[0].clone()))
    });
    method(vm, &t, "__call__", |vm, a| {
        let Some(f) = a.values.first().cloned() else {
            return Ok(Value::None);
        };
        vm.call(
            &f,
            Args {
                values: &a.values[1..],
                kwnames: a.kwnames,
            },
        )
    });
    let m = vm.types.method.clone();
    method(vm, &m, "__repr__", |vm, a| {
        let (bm, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::BoundMethod { func, receiver }) = bm.payload() else {
            return Ok(Value::None);
        };
        let (func, receiver) = (func.clone(), receiver.clone());
        let qn = vm.intern("__qualname__");
        let name = match crate::ops::attr::get_attr_opt(vm, &func, &qn)? {
            Some(n) => vm.str_lossy(&n),
            None => "?".to_owned(),
        };
        let r = vm.repr_string(&receiver)?;
        Ok(vm.new_string(format!("<bound method {name} of {r}>")))
    });
    method(vm, &m, "__call__", |vm, a| {
        let Some(f) = a.values.first().cloned() else {
            return Ok(Value::None);
        };
        vm.call(
            &f,
            Args {
                values: &a.values[1..],
                kwnames: a.kwnames,
            },
        )
    });
    method(vm, &m, "__eq__", |vm, a| {
        let (x, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
        match (x.payload(), rest[0].payload()) {
            (
                Some(Payload::BoundMethod {
                    func: f1,
                    receiver: r1,
                }),
                Some(Payload::BoundMethod {
                    func: f2,
                    receiver: r2,
                }),
            ) => Ok(Value::bool(f1.is(f2) && r1.is(r2))),
            _ => Ok(vm.not_implemented.clone()),
        }
    });
    method(vm, &m, "__hash__", |vm, a| {
        let (x, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let Some(Payload::BoundMethod { func, receiver }) = x.payload() else {
            return Ok(Value::Int(0));
        };
        let (func, receiver) = (func.clone(), receiver.clone());
        let h1 = vm.hash(&func)?;
        let h2 = match &receiver {
            Value::Obj(o) => (o.id() >> 4) as i64,
            other => vm.hash(other)?,
        };
        Ok(Value::Int(h1 ^ h2))
    });
    for class in [
        vm.types.builtin_function.clone(),
        vm.types.method_descriptor.clone(),
        vm.types.classmethod_descriptor.clone(),
        vm.types.wrapper_descriptor.clone(),
        vm.types.method_wrapper.clone(),
    ] {
        method(vm, &class, "__repr__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
            let Some(Payload::Native(n)) = f.payload() else {
                return Ok(Value::None);
            };
            let slot = crate::objects::is_slot_wrapper(n.owner.as_ref(), n.name)
                && n.kind == crate::function::NativeKind::Method;
            let text = match (&n.receiver, &n.owner) {
                (Some(r), Some(_)) if slot => {
                    let tn = vm.type_name(r);
                    let id = r.as_obj().map(|o| o.id()).unwrap_or(0);
                    format!("<method-wrapper '{}' of {tn} object at {id:#x}>", n.name)
                }
                (None, Some(owner)) if slot => format!(
                    "<slot wrapper '{}' of '{}' objects>",
                    n.name,
                    crate::types::type_name(owner)
                ),
                (Some(r), Some(owner)) if !matches!(r.payload(), Some(Payload::Module(_))) => {
                    let owner_name = crate::types::type_name(owner);
                    let tn = vm.type_name(r);
                    let id = r.as_obj().map(|o| o.id()).unwrap_or(0);
                    let _ = owner_name;
                    format!("<built-in method {} of {tn} object at {id:#x}>", n.name)
                }
                (None, Some(owner)) => format!(
                    "<method '{}' of '{}' objects>",
                    n.name,
                    crate::types::type_name(owner)
                ),
                _ => format!("<built-in function {}>", n.name),
            };
            Ok(vm.new_string(text))
        });
        method(vm, &class, "__call__", |vm, a| {
            let Some(f) = a.values.first().cloned() else {
                return Ok(Value::None);
            };
            vm.call(
                &f,
                Args {
                    values: &a.values[1..],
                    kwnames: a.kwnames,
                },
            )
        });
    }
    for md in [
        vm.types.method_descriptor.clone(),
        vm.types.wrapper_descriptor.clone(),
    ] {
        method(vm, &md, "__get__", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "__get__", 1, 2)?;
            if rest[0].is_none() {
                return Ok(f.clone());
            }
            match f {
                Value::Obj(o) => Ok(vm.new_bound_native(o, rest[0].clone())),
                _ => Ok(f.clone()),
            }
        });
    }
    let cell = vm.types.cell.clone();
    method(vm, &cell, "__repr__", |vm, a| {
        let (c, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let id = c.as_obj().map(|o| o.id()).unwrap_or(0);
        let Some(Payload::Cell(inner)) = c.payload() else {
            return Ok(Value::None);
        };
        let text = match &*inner.borrow() {
            Some(v) => {
                let tn = vm.type_name(v);
                let vid = v.heap_id().unwrap_or(0);
                format!("<cell at {id:#x}: {tn} object at {vid:#x}>")
            }
            None => format!("<cell at {id:#x}: empty>"),
        };
        Ok(vm.new_string(text))
    });
    let code = vm.types.code.clone();
    method(vm, &code, "__repr__", |vm, a| {
        let (c, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::Code(code)) = c.payload() else {
            return Ok(Value::None);
        };
        let id = c.as_obj().map(|o| o.id()).unwrap_or(0);
        let name = vm.str_lossy(&code.name);
        let file = vm.str_lossy(&code.filename);
        Ok(vm.new_string(format!(
            "<code object {name} at {id:#x}, file \"{file}\", line {}>",
            code.object.firstlineno
        )))
    });
}
