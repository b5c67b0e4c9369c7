//! Attributes the built-in types keep in their payloads rather than in a namespace
//! (`f.__name__`, `e.__traceback__`, `c.co_name`, `x.real`…): CPython's getset and member
//! descriptors, answered after the namespace lookups fail.

use crate::error::PyResult;
use crate::object::{GeneratorKind, Payload};
use crate::objects::exception::{exc_args, exc_data};
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub(crate) fn init(_vm: &mut Vm) {}

fn opt(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

/// A native attribute of `obj`, if it has one called `name`.
pub fn native_attribute(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    let Some(s) = name.as_str_obj() else {
        return Ok(None);
    };
    let n = s.to_lossy().into_owned();
    let n = n.as_str();
    if n == "__class__" {
        return Ok(Some(Value::Obj(vm.class_of(obj))));
    }
    match obj {
        Value::Int(_) | Value::Bool(_) => return Ok(int_attr(vm, obj, n)),
        Value::Float(x) => {
            return Ok(match n {
                "real" => Some(Value::float(x.get())),
                "imag" => Some(Value::float(0.0)),
                _ => None,
            });
        }
        Value::None | Value::Str(_) => return Ok(None),
        Value::Obj(_) => {}
    }
    let Value::Obj(o) = obj else { return Ok(None) };
    if n == "__dict__" {
        if let Some(d) = crate::ops::attr::instance_dict(obj) {
            return Ok(Some(Value::Obj(d)));
        }
        if let Payload::Function(f) = o.payload() {
            let d = vm.new_dict();
            *f.dict.borrow_mut() = Some(d.clone());
            return Ok(Some(Value::Obj(d)));
        }
    }
    Ok(match o.payload() {
        Payload::Int(_) => int_attr(vm, obj, n),
        Payload::Float(x) => match n {
            "real" => Some(Value::float(*x)),
            "imag" => Some(Value::float(0.0)),
            _ => None,
        },
        Payload::Complex(re, im) => match n {
            "real" => Some(Value::float(*re)),
            "imag" => Some(Value::float(*im)),
            _ => None,
        },
        Payload::Type(t) => match n {
            "__name__" => Some(vm.new_string(t.name())),
            "__qualname__" => Some(vm.new_string(t.qualname.borrow().clone())),
            "__mro__" => Some(
                vm.new_tuple(
                    t.mro
                        .borrow()
                        .iter()
                        .map(|c| Value::Obj(c.clone()))
                        .collect(),
                ),
            ),
            "__bases__" => Some(
                vm.new_tuple(
                    t.bases
                        .borrow()
                        .iter()
                        .map(|c| Value::Obj(c.clone()))
                        .collect(),
                ),
            ),
            "__base__" => Some(
                t.bases
                    .borrow()
                    .first()
                    .map(|b| Value::Obj(b.clone()))
                    .unwrap_or(Value::None),
            ),
            // A read-only view of the namespace, as CPython's `mappingproxy`.
            "__dict__" => Some(crate::objects::mappingproxy::new_proxy(
                vm,
                Value::Obj(o.clone()),
            )),
            "__basicsize__" => Some(Value::Int(16)),
            "__flags__" => Some(Value::Int(if t.heap { 1 << 9 } else { 0 })),
            "__type_params__" => Some(vm.empty_tuple.clone()),
            "__annotations__" if t.heap => {
                let d = vm.new_dict();
                crate::objects::set_type_attr(vm, o, "__annotations__", Value::Obj(d.clone()));
                Some(Value::Obj(d))
            }
            _ => None,
        },
        Payload::Function(f) => match n {
            "__name__" => Some(f.name.borrow().clone()),
            "__qualname__" => Some(f.qualname.borrow().clone()),
            "__defaults__" => Some(f.defaults.borrow().clone()),
            "__kwdefaults__" => Some(f.kwdefaults.borrow().clone()),
            "__code__" => Some(Value::Obj(Obj::new(
                vm.types.code.clone(),
                Payload::Code(f.code.borrow().clone()),
            ))),
            "__globals__" => Some(Value::Obj(f.globals.clone())),
            "__builtins__" => Some(Value::Obj(f.builtins.clone())),
            "__closure__" => Some(f.closure.borrow().clone()),
            "__doc__" => Some(f.doc.borrow().clone()),
            "__module__" => Some(f.module.borrow().clone()),
            "__type_params__" => Some(f.type_params.borrow().clone()),
            "__annotations__" => {
                let current = f.annotations.borrow().clone();
                let d = match current {
                    Value::None => Value::Obj(vm.new_dict()),
                    Value::Obj(ref t) if matches!(t.payload(), Payload::Tuple(_)) => {
                        // The compiler passes annotations as a flat (name, value, …) tuple.
                        let items = crate::objects::tuple::tuple_items(&current)
                            .map(|t| t.to_vec())
                            .unwrap_or_default();
                        let d = vm.new_dict();
                        for pair in items.chunks(2) {
                            if let [k, v] = pair {
                                mapping::dict_set(vm, &d, k.clone(), v.clone())?;
                            }
                        }
                        Value::Obj(d)
                    }
                    other => other,
                };
                *f.annotations.borrow_mut() = d.clone();
                Some(d)
            }
            _ => None,
        },
        Payload::BoundMethod { func, receiver } => match n {
            "__func__" => Some(func.clone()),
            "__self__" => Some(receiver.clone()),
            _ => {
                let func = func.clone();
                crate::ops::attr::get_attr_opt(vm, &func, name)?
            }
        },
        Payload::Native(f) => match n {
            "__name__" => Some(vm.new_str(f.name)),
            "__qualname__" => Some(match &f.owner {
                Some(owner) => {
                    vm.new_string(format!("{}.{}", crate::types::type_name(owner), f.name))
                }
                None => vm.new_str(f.name),
            }),
            "__self__" => Some(match (&f.receiver, f.module) {
                (Some(r), _) => r.clone(),
                // A module-level built-in's `__self__` is its module (`len.__self__`).
                (None, Some(m)) if f.owner.is_none() => {
                    mapping::dict_get_str(vm, &vm.modules.clone(), m).unwrap_or(Value::None)
                }
                (None, _) => Value::None,
            }),
            "__module__" => Some(f.module.map(|m| vm.new_str(m)).unwrap_or(Value::None)),
            "__doc__" | "__text_signature__" => Some(Value::None),
            "__objclass__" => f.owner.clone().map(Value::Obj),
            _ => None,
        },
        Payload::Code(c) => code_attr(vm, c, n),
        Payload::Exception(d) => match n {
            "args" => Some(d.args.borrow().clone()),
            "__traceback__" => Some(opt(d.traceback.borrow().clone())),
            "__cause__" => Some(opt(d.cause.borrow().clone())),
            "__context__" => Some(opt(d.context.borrow().clone())),
            "__suppress_context__" => Some(Value::bool(d.suppress_context.get())),
            "value"
                if vm.is_instance_of(obj, &vm.exc.stop_iteration.clone())
                    || vm.is_instance_of(obj, &vm.exc.stop_async_iteration.clone()) =>
            {
                Some(exc_args(obj).into_iter().next().unwrap_or(Value::None))
            }
            "code" if vm.is_instance_of(obj, &vm.exc.system_exit.clone()) => {
                let args = exc_args(obj);
                Some(match args.len() {
                    0 => Value::None,
                    1 => args[0].clone(),
                    _ => vm.new_tuple(args),
                })
            }
            "name" | "obj"
                if vm.is_instance_of(obj, &vm.exc.attribute_error.clone())
                    || vm.is_instance_of(obj, &vm.exc.name_error.clone()) =>
            {
                Some(Value::None)
            }
            "errno" | "strerror" | "filename" | "filename2"
                if vm.is_instance_of(obj, &vm.exc.os_error.clone()) =>
            {
                Some(Value::None)
            }
            "msg" | "filename" | "lineno" | "offset" | "text" | "end_lineno" | "end_offset"
                if vm.is_instance_of(obj, &vm.exc.syntax_error.clone()) =>
            {
                Some(Value::None)
            }
            _ => None,
        },
        Payload::Generator(g) => {
            let prefix = match g.kind {
                GeneratorKind::Generator => "gi_",
                GeneratorKind::Coroutine => "cr_",
                GeneratorKind::AsyncGenerator => "ag_",
            };
            match n {
                "__name__" => Some(g.name.borrow().clone()),
                "__qualname__" => Some(g.qualname.borrow().clone()),
                _ => match n.strip_prefix(prefix) {
                    Some("running") => Some(Value::bool(g.running.get())),
                    Some("code") => Some(Value::Obj(Obj::new(
                        vm.types.code.clone(),
                        Payload::Code(g.code.clone()),
                    ))),
                    Some("frame") => Some(match &*g.frame.borrow() {
                        Some(f) if !g.finished.get() => {
                            let snapshot = crate::eval::unwind_frame_snapshot(vm, f);
                            // `f_locals` of a function frame: its fast locals as they are now.
                            if let Some(Payload::Frame(fs)) = snapshot.payload()
                                && f.locals_map.is_none()
                            {
                                let locals = crate::frame_locals::fast_locals_snapshot(vm, f);
                                *fs.locals.borrow_mut() = Some(Value::Obj(locals));
                            }
                            snapshot
                        }
                        _ => Value::None,
                    }),
                    Some("suspended") => Some(Value::bool(
                        g.started.get() && !g.running.get() && !g.finished.get(),
                    )),
                    Some("yieldfrom") | Some("await") => Some(Value::None),
                    _ => None,
                },
            }
        }
        Payload::Range(b) | Payload::Slice(b) => match n {
            "start" => Some(b.start.clone()),
            "stop" => Some(b.stop.clone()),
            "step" => Some(b.step.clone()),
            _ => None,
        },
        Payload::Property(p) => match n {
            "fget" => Some(p.fget.clone()),
            "fset" => Some(p.fset.clone()),
            "fdel" => Some(p.fdel.clone()),
            "__doc__" => Some(p.doc.clone()),
            "__isabstractmethod__" => {
                let mut r = false;
                for f in [&p.fget, &p.fset, &p.fdel] {
                    if !f.is_none() {
                        let k = vm.names.__isabstractmethod__.clone();
                        if let Some(v) = crate::ops::attr::get_attr_opt(vm, f, &k)? {
                            r |= vm.truthy(&v)?;
                        }
                    }
                }
                Some(Value::bool(r))
            }
            _ => None,
        },
        Payload::ClassMethod(f) | Payload::StaticMethod(f) => match n {
            "__func__" | "__wrapped__" => Some(f.clone()),
            "__isabstractmethod__" => {
                let f = f.clone();
                let k = vm.names.__isabstractmethod__.clone();
                Some(crate::ops::attr::get_attr_opt(vm, &f, &k)?.unwrap_or(Value::FALSE))
            }
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                let f = f.clone();
                crate::ops::attr::get_attr_opt(vm, &f, name)?
            }
            _ => None,
        },
        Payload::Cell(c) => match n {
            "cell_contents" => match c.borrow().clone() {
                Some(v) => Some(v),
                None => return Err(vm.value_error("Cell is empty")),
            },
            _ => None,
        },
        Payload::Traceback(tb) => match n {
            "tb_next" => Some(opt(tb.next.borrow().clone())),
            "tb_frame" => Some(tb.frame.clone()),
            "tb_lasti" => Some(Value::Int(tb.lasti as i64 * 2)),
            "tb_lineno" => Some(
                tb.code
                    .line_of(tb.lasti)
                    .map_or(Value::None, |l| Value::Int(l as i64)),
            ),
            _ => None,
        },
        Payload::Frame(f) => {
            if let Value::Obj(o) = obj {
                crate::eval::refresh_frame_object(vm, o);
            }
            match n {
                "f_code" => Some(Value::Obj(Obj::new(
                    vm.types.code.clone(),
                    Payload::Code(f.code.clone()),
                ))),
                "f_globals" => Some(Value::Obj(f.globals.clone())),
                // A function frame's variables through a write-through proxy (PEP 667); a
                // module or class body's namespace itself.
                "f_locals" if f.code.flags.contains(taipan_bytecode::CodeFlags::OPTIMIZED) => {
                    match obj {
                        Value::Obj(o) => {
                            Some(crate::objects::frame_locals_proxy::new_proxy(vm, o.clone()))
                        }
                        _ => None,
                    }
                }
                "f_locals" => Some(
                    f.locals
                        .borrow()
                        .clone()
                        .unwrap_or_else(|| Value::Obj(f.globals.clone())),
                ),
                "f_lineno" => Some(
                    f.code
                        .line_of(f.lasti.get())
                        .map_or(Value::None, |l| Value::Int(l as i64)),
                ),
                "f_lasti" => Some(Value::Int(f.lasti.get() as i64 * 2)),
                "f_back" => Some(f.back.borrow().clone().unwrap_or(Value::None)),
                "f_builtins" => Some(Value::Obj(vm.builtins_dict())),
                // No tracing in Taipan: the values CPython shows without a tracer.
                "f_trace" => Some(Value::None),
                "f_trace_lines" => Some(Value::bool(true)),
                "f_trace_opcodes" => Some(Value::bool(false)),
                _ => None,
            }
        }
        Payload::GetSet { name, owner } => match n {
            "__name__" => Some(name.clone()),
            "__qualname__" => {
                let text = format!(
                    "{}.{}",
                    crate::types::type_name(owner),
                    vm.str_lossy(&name.clone())
                );
                Some(vm.new_string(text))
            }
            "__objclass__" => Some(Value::Obj(owner.clone())),
            "__doc__" => Some(Value::None),
            _ => None,
        },
        Payload::Member { name, owner, .. } => match n {
            "__name__" => Some(name.clone()),
            "__qualname__" => {
                let text = format!(
                    "{}.{}",
                    crate::types::type_name(owner),
                    vm.str_lossy(&name.clone())
                );
                Some(vm.new_string(text))
            }
            "__objclass__" => Some(Value::Obj(owner.clone())),
            _ => None,
        },
        Payload::Super {
            this_class,
            receiver,
            receiver_type,
        } => match n {
            "__thisclass__" => Some(Value::Obj(this_class.clone())),
            "__self__" => Some(receiver.clone()),
            "__self_class__" if receiver_type.is(&vm.types.super_) => Some(Value::None),
            "__self_class__" => Some(Value::Obj(receiver_type.clone())),
            _ => None,
        },
        Payload::DictView { dict, .. } => match n {
            "mapping" => Some(Value::Obj(dict.clone())),
            _ => None,
        },
        Payload::TypeAlias(t) => match n {
            "__name__" => Some(t.name.clone()),
            "__type_params__" => Some(t.type_params.clone()),
            "__value__" => {
                if let Some(v) = t.value.borrow().clone() {
                    return Ok(Some(v));
                }
                let f = t.compute_value.clone();
                let v = vm.call0(&f)?;
                *t.value.borrow_mut() = Some(v.clone());
                Some(v)
            }
            // The module that ran the `type` statement: its evaluation function's.
            "__module__" => match t.compute_value.payload() {
                Some(Payload::Function(f)) => {
                    crate::ops::mapping::dict_get_str(vm, &f.globals, "__name__")
                }
                _ => vm.current_module_name(),
            },
            _ => None,
        },
        Payload::TypeParam(p) => match n {
            "__name__" => Some(p.name.clone()),
            // PEP 695 parameters infer their variance.
            "__covariant__" | "__contravariant__" => Some(Value::FALSE),
            "__infer_variance__" => Some(Value::TRUE),
            "__bound__" => {
                if let Some(b) = p.bound.borrow().clone() {
                    return Ok(Some(b));
                }
                let b = if p.evaluate_bound.is_none() {
                    Value::None
                } else {
                    vm.call0(&p.evaluate_bound.clone())?
                };
                *p.bound.borrow_mut() = Some(b.clone());
                Some(b)
            }
            "__constraints__" => {
                if let Some(b) = p.constraints.borrow().clone() {
                    return Ok(Some(b));
                }
                let b = if p.evaluate_constraints.is_none() {
                    vm.empty_tuple.clone()
                } else {
                    vm.call0(&p.evaluate_constraints.clone())?
                };
                *p.constraints.borrow_mut() = Some(b.clone());
                Some(b)
            }
            _ => None,
        },
        Payload::GenericAlias { origin, args } => match n {
            "__origin__" => Some(origin.clone()),
            "__args__" => Some(args.clone()),
            "__parameters__" => Some(vm.empty_tuple.clone()),
            _ => {
                let origin = origin.clone();
                // As CPython's ga_getattro: other attributes come from the origin (a type
                // alias's `__value__` through `Alias[int]`).
                let is_alias = matches!(origin.payload(), Some(Payload::TypeAlias(_)));
                if (matches!(origin.payload(), Some(Payload::Type(_))) && !n.starts_with("__"))
                    || is_alias
                {
                    crate::ops::attr::get_attr_opt(vm, &origin, name)?
                } else {
                    None
                }
            }
        },
        Payload::Module(_) => None,
        Payload::File(_) => crate::io_file::file_attribute(vm, obj, n),
        Payload::MemoryView(_) => crate::objects::memoryview::attribute(vm, obj, n)?,
        _ => None,
    })
}

fn int_attr(vm: &mut Vm, obj: &Value, n: &str) -> Option<Value> {
    let i = crate::objects::int::to_bigint(obj)?;
    let v = vm.new_int_big(i);
    match n {
        "real" | "numerator" => Some(v),
        "imag" => Some(Value::Int(0)),
        "denominator" => Some(Value::Int(1)),
        _ => None,
    }
}

fn code_attr(vm: &mut Vm, c: &crate::runtime_code::Code, n: &str) -> Option<Value> {
    let o = &c.object;
    let names = |vm: &Vm, v: &[&taipan_text::PyString]| {
        vm.new_tuple(
            v.iter()
                .map(|s| vm.new_string(String::from_utf8_lossy(s.as_bytes()).into_owned()))
                .collect(),
        )
    };
    Some(match n {
        "co_name" => c.name.clone(),
        "co_qualname" => c.qualname.clone(),
        "co_filename" => c.filename.clone(),
        "co_firstlineno" => Value::Int(o.firstlineno as i64),
        "co_argcount" => Value::Int(o.argcount as i64),
        "co_posonlyargcount" => Value::Int(o.posonlyargcount as i64),
        "co_kwonlyargcount" => Value::Int(o.kwonlyargcount as i64),
        "co_stacksize" => Value::Int(o.stacksize as i64),
        "co_flags" => Value::Int(o.flags.0 as i64),
        "co_nlocals" => Value::Int(o.nlocals() as i64),
        "co_varnames" => names(vm, &o.varnames()),
        "co_cellvars" => names(vm, &o.cellvars()),
        "co_freevars" => names(vm, &o.freevars()),
        "co_names" => vm.new_tuple(c.names.to_vec()),
        "co_consts" => vm.new_tuple(c.consts.to_vec()),
        "co_code" => vm.new_bytes(o.code.clone()),
        "co_linetable" => vm.new_bytes(o.linetable.clone()),
        "co_exceptiontable" => vm.new_bytes(o.exceptiontable.clone()),
        _ => return None,
    })
}

/// Set (or delete, `value` None) a native attribute; `Ok(None)` when `name` is not one.
pub fn native_set_attribute(
    vm: &mut Vm,
    obj: &Value,
    name: &Value,
    value: Option<Value>,
) -> PyResult<Option<()>> {
    let Some(s) = name.as_str_obj() else {
        return Ok(None);
    };
    let n = s.to_lossy().into_owned();
    if n == "__class__" && !matches!(obj, Value::Obj(_)) {
        return Err(vm.type_error(if value.is_some() {
            "__class__ assignment only supported for mutable types or ModuleType subclasses"
        } else {
            "can't delete __class__ attribute"
        }));
    }
    let Value::Obj(o) = obj else { return Ok(None) };
    if n == "__class__" {
        let Some(Value::Obj(new)) = value else {
            return Err(vm.type_error("can't delete __class__ attribute"));
        };
        let old = vm.class_of(obj);
        let compatible = match (type_object(&old), type_object(&new)) {
            (Some(a), Some(b)) => a.heap && b.heap && a.layout == b.layout,
            _ => false,
        };
        if !compatible {
            return Err(vm.type_error(
                "__class__ assignment only supported for mutable types or ModuleType subclasses"
                    .to_string(),
            ));
        }
        o.0.set_class(new);
        return Ok(Some(()));
    }
    let set = |slot: &std::cell::RefCell<Value>, v: Option<Value>| {
        *slot.borrow_mut() = v.unwrap_or(Value::None);
    };
    match o.payload() {
        Payload::Function(f) => {
            match n.as_str() {
                "__name__" => set(&f.name, value),
                "__qualname__" => set(&f.qualname, value),
                "__defaults__" => set(&f.defaults, value),
                "__kwdefaults__" => set(&f.kwdefaults, value),
                "__doc__" => set(&f.doc, value),
                "__module__" => set(&f.module, value),
                "__annotations__" => set(&f.annotations, value),
                "__type_params__" => set(&f.type_params, value),
                "__code__" => match value.as_ref().and_then(|v| v.payload()) {
                    Some(Payload::Code(new)) => {
                        // As CPython: the closure must fit the new code's free variables.
                        let nfree = |c: &crate::runtime_code::Code| {
                            c.nlocalsplus().saturating_sub(c.first_free)
                        };
                        let old = nfree(&f.code.borrow());
                        if nfree(new) != old {
                            let name = vm.str_lossy(&f.name.borrow().clone());
                            return Err(vm.value_error(format!(
                                "{name}() requires a code object with {old} free vars, not {}",
                                nfree(new)
                            )));
                        }
                        *f.code.borrow_mut() = new.clone();
                    }
                    _ => return Err(vm.type_error("__code__ must be set to a code object")),
                },
                "__dict__" => match value {
                    Some(Value::Obj(d)) if matches!(d.payload(), Payload::Dict(_)) => {
                        *f.dict.borrow_mut() = Some(d)
                    }
                    _ => return Err(vm.type_error("__dict__ must be set to a dictionary")),
                },
                _ => return Ok(None),
            }
            Ok(Some(()))
        }
        Payload::Exception(d) => {
            match n.as_str() {
                // `__traceback__`, `__cause__`, `__context__` and `__suppress_context__` are
                // BaseException's own (checked) data descriptors.
                "args" => {
                    let items = match &value {
                        Some(v) => vm.collect(v)?,
                        None => Vec::new(),
                    };
                    *d.args.borrow_mut() = vm.new_tuple(items);
                }
                _ => return Ok(None),
            }
            let _ = exc_data(obj);
            Ok(Some(()))
        }
        Payload::Type(t) if t.heap => {
            match n.as_str() {
                "__name__" => match value.as_ref().and_then(Value::as_str_obj) {
                    Some(s) => *t.name.borrow_mut() = s.to_lossy().into_owned(),
                    _ => return Err(vm.type_error("can only assign string to __name__")),
                },
                "__qualname__" => match value.as_ref().and_then(Value::as_str_obj) {
                    Some(s) => *t.qualname.borrow_mut() = s.to_lossy().into_owned(),
                    _ => return Err(vm.type_error("can only assign string to __qualname__")),
                },
                _ => return Ok(None),
            }
            Ok(Some(()))
        }
        Payload::Cell(c) if n == "cell_contents" => {
            *c.borrow_mut() = value;
            Ok(Some(()))
        }
        _ => Ok(None),
    }
}
