//! `BaseException` and the attributes and messages of the built-in exception classes.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{ExceptionData, Payload};
use crate::objects::{method, staticmethod};
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn exc_data(v: &Value) -> Option<&ExceptionData> {
    match v.payload() {
        Some(Payload::Exception(d)) => Some(d),
        _ => None,
    }
}

pub fn exc_args(v: &Value) -> Vec<Value> {
    exc_data(v)
        .map(|d| match d.args.borrow().payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        })
        .unwrap_or_default()
}

/// What `raise X` raises: an instance as is, a class instantiated with no arguments.
pub fn make_raisable(vm: &mut Vm, v: Value) -> PyResult<Obj> {
    match &v {
        Value::Obj(o) => match o.payload() {
            Payload::Exception(_) => Ok(o.clone()),
            Payload::Type(_) if vm.is_subclass(o, &vm.exc.base_exception) => {
                let inst = vm.call0(&v)?;
                match inst {
                    Value::Obj(io) if matches!(io.payload(), Payload::Exception(_)) => Ok(io),
                    other => {
                        let r = vm.repr_string(&v)?;
                        Err(vm.type_error(format!(
                            "calling {r} should have returned an instance of BaseException, not {}",
                            vm.type_name(&other)
                        )))
                    }
                }
            }
            _ => Err(vm.type_error("exceptions must derive from BaseException")),
        },
        _ => Err(vm.type_error("exceptions must derive from BaseException")),
    }
}

/// The `__cause__` of `raise X from Y`.
pub fn make_cause(vm: &mut Vm, v: Value) -> PyResult<Obj> {
    match &v {
        Value::Obj(o) if matches!(o.payload(), Payload::Exception(_)) => Ok(o.clone()),
        Value::Obj(o)
            if matches!(o.payload(), Payload::Type(_))
                && vm.is_subclass(o, &vm.exc.base_exception) =>
        {
            make_raisable(vm, v)
        }
        _ => Err(vm.type_error("exception causes must derive from BaseException")),
    }
}

/// `StopIteration.value`.
pub fn stop_iteration_value(vm: &Vm, exc: &Value) -> Value {
    let _ = vm;
    exc_args(exc).into_iter().next().unwrap_or(Value::None)
}

/// `exc.add_note(text)`.
pub fn add_note_str(vm: &mut Vm, exc: &Value, text: &str) {
    let note = vm.new_str(text);
    let _ = add_note(vm, exc, note);
}

fn add_note(vm: &mut Vm, exc: &Value, note: Value) -> PyResult<()> {
    let Value::Obj(o) = exc else { return Ok(()) };
    let Some(d) = o.dict() else { return Ok(()) };
    let key = vm.names.__notes__.clone();
    let notes = match mapping::dict_get(vm, d, &key)? {
        Some(n) => n,
        None => {
            let l = vm.new_list(Vec::new());
            mapping::dict_set(vm, d, key, l.clone())?;
            l
        }
    };
    match notes.payload() {
        Some(Payload::List(l)) => {
            l.borrow_mut().push(note);
            Ok(())
        }
        _ => Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
}

/// `str(exc)` by CPython's rules for the class.
pub fn exception_str(vm: &mut Vm, exc: &Value) -> PyResult<String> {
    let args = exc_args(exc);
    let class = vm.class_of(exc);
    if vm.is_subclass(&class, &vm.exc.key_error) && args.len() == 1 {
        return vm.repr_string(&args[0]);
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => vm.str_string(&args[0]),
        _ => {
            let t = vm.new_tuple(args);
            vm.str_string(&t)
        }
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let b = vm.exc.base_exception.clone();
    staticmethod(vm, &b, "__new__", base_new);
    method(vm, &b, "__init__", |vm, a| {
        let pos = a.positional();
        let Some(this) = pos.first() else {
            return Ok(Value::None);
        };
        let class = vm.class_of(this);
        if a.has_keywords() && type_object(&class).is_some_and(|t| !t.heap) {
            return Err(vm.type_error(format!(
                "{}() takes no keyword arguments",
                crate::types::type_name(&class)
            )));
        }
        if let Some(d) = exc_data(this) {
            *d.args.borrow_mut() = vm.new_tuple(pos[1..].to_vec());
        }
        Ok(Value::None)
    });
    method(vm, &b, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let name = crate::types::type_name(&vm.class_of(this));
        let args = exc_args(this);
        let inner = if args.len() == 1 {
            vm.repr_string(&args[0])?
        } else {
            let t = vm.new_tuple(args);
            let r = vm.repr_string(&t)?;
            r.trim_start_matches('(')
                .trim_end_matches(')')
                .trim_end_matches(',')
                .to_owned()
        };
        Ok(vm.new_string(format!("{name}({inner})")))
    });
    method(vm, &b, "__str__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__str__", 0, 0)?;
        let s = exception_str(vm, this)?;
        Ok(vm.new_string(s))
    });
    method(vm, &b, "with_traceback", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "with_traceback", 1, 1)?;
        if let Some(d) = exc_data(this) {
            *d.traceback.borrow_mut() = if rest[0].is_none() {
                None
            } else {
                Some(rest[0].clone())
            };
        }
        Ok(this.clone())
    });
    method(vm, &b, "add_note", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "add_note", 1, 1)?;
        if rest[0].as_str_obj().is_none() {
            return Err(vm.type_error(format!(
                "note must be a str, not '{}'",
                vm.type_name(&rest[0])
            )));
        }
        add_note(vm, this, rest[0].clone())?;
        Ok(Value::None)
    });
    method(vm, &b, "__reduce__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__reduce__", 0, 0)?;
        let class = Value::Obj(vm.class_of(this));
        let args = exc_args(this);
        let t = vm.new_tuple(args);
        Ok(vm.new_tuple(vec![class, t]))
    });
    chaining_properties(vm, &b);
    unicode_error_methods(vm);
    let ke = vm.exc.key_error.clone();
    method(vm, &ke, "__str__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__str__", 0, 0)?;
        let s = exception_str(vm, this)?;
        Ok(vm.new_string(s))
    });
    // Classes whose __init__ records named attributes.
    let se = vm.exc.stop_iteration.clone();
    method(vm, &se, "__init__", |vm, a| {
        let pos = a.positional();
        let Some(this) = pos.first() else {
            return Ok(Value::None);
        };
        if let Some(d) = exc_data(this) {
            *d.args.borrow_mut() = vm.new_tuple(pos[1..].to_vec());
        }
        let value = pos.get(1).cloned().unwrap_or(Value::None);
        set_dict_attr(vm, this, "value", value);
        Ok(Value::None)
    });
    let sx = vm.exc.system_exit.clone();
    method(vm, &sx, "__init__", |vm, a| {
        let pos = a.positional();
        let Some(this) = pos.first() else {
            return Ok(Value::None);
        };
        if let Some(d) = exc_data(this) {
            *d.args.borrow_mut() = vm.new_tuple(pos[1..].to_vec());
        }
        let code = match pos.len() {
            1 => Value::None,
            2 => pos[1].clone(),
            _ => vm.new_tuple(pos[1..].to_vec()),
        };
        set_dict_attr(vm, this, "code", code);
        Ok(Value::None)
    });
    for class in [vm.exc.name_error.clone(), vm.exc.attribute_error.clone()] {
        method(vm, &class, "__init__", |vm, a| {
            let pos = a.positional();
            let Some(this) = pos.first() else {
                return Ok(Value::None);
            };
            if let Some(d) = exc_data(this) {
                *d.args.borrow_mut() = vm.new_tuple(pos[1..].to_vec());
            }
            let name = argparse::kwarg(vm, &a, "name").unwrap_or(Value::None);
            set_dict_attr(vm, this, "name", name);
            if vm.is_instance_of(this, &vm.exc.attribute_error.clone()) {
                let obj = argparse::kwarg(vm, &a, "obj").unwrap_or(Value::None);
                set_dict_attr(vm, this, "obj", obj);
            }
            Ok(Value::None)
        });
    }
    let ie = vm.exc.import_error.clone();
    method(vm, &ie, "__init__", |vm, a| {
        let pos = a.positional();
        let Some(this) = pos.first() else {
            return Ok(Value::None);
        };
        if let Some(d) = exc_data(this) {
            *d.args.borrow_mut() = vm.new_tuple(pos[1..].to_vec());
        }
        let msg = pos.get(1).cloned().unwrap_or(Value::None);
        set_dict_attr(
            vm,
            this,
            "msg",
            if pos.len() == 2 { msg } else { Value::None },
        );
        let name = argparse::kwarg(vm, &a, "name").unwrap_or(Value::None);
        let path = argparse::kwarg(vm, &a, "path").unwrap_or(Value::None);
        let name_from = argparse::kwarg(vm, &a, "name_from").unwrap_or(Value::None);
        set_dict_attr(vm, this, "name", name);
        set_dict_attr(vm, this, "path", path);
        set_dict_attr(vm, this, "name_from", name_from);
        Ok(Value::None)
    });
    let oe = vm.exc.os_error.clone();
    method(vm, &oe, "__init__", |vm, a| {
        let pos = a.positional();
        let Some(this) = pos.first() else {
            return Ok(Value::None);
        };
        if let Some(d) = exc_data(this) {
            // With a filename (3 to 5 arguments), `args` keeps only (errno, strerror), as
            // CPython's OSError does.
            let kept = if (4..=6).contains(&pos.len()) {
                &pos[1..3]
            } else {
                &pos[1..]
            };
            *d.args.borrow_mut() = vm.new_tuple(kept.to_vec());
        }
        let (errno, strerror, filename) = if (3..=6).contains(&pos.len()) {
            (
                pos[1].clone(),
                pos[2].clone(),
                pos.get(3).cloned().unwrap_or(Value::None),
            )
        } else {
            (Value::None, Value::None, Value::None)
        };
        set_dict_attr(vm, this, "errno", errno);
        set_dict_attr(vm, this, "strerror", strerror);
        set_dict_attr(vm, this, "filename", filename);
        set_dict_attr(
            vm,
            this,
            "filename2",
            pos.get(5).cloned().unwrap_or(Value::None),
        );
        Ok(Value::None)
    });
    method(vm, &oe, "__str__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__str__", 0, 0)?;
        let get = |vm: &mut Vm, n: &str| {
            let k = vm.intern(n);
            crate::ops::attr::instance_dict(this)
                .and_then(|d| mapping::dict_get_str_value(vm, &d, &k))
                .unwrap_or(Value::None)
        };
        let errno = get(vm, "errno");
        let strerror = get(vm, "strerror");
        let filename = get(vm, "filename");
        if !errno.is_none() || !strerror.is_none() {
            let e = vm.str_string(&errno)?;
            let s = vm.str_string(&strerror)?;
            if !filename.is_none() {
                let f = vm.repr_string(&filename)?;
                return Ok(vm.new_string(format!("[Errno {e}] {s}: {f}")));
            }
            return Ok(vm.new_string(format!("[Errno {e}] {s}")));
        }
        let s = exception_str(vm, this)?;
        Ok(vm.new_string(s))
    });
    let syn = vm.exc.syntax_error.clone();
    method(vm, &syn, "__init__", |vm, a| {
        let pos = a.positional();
        let Some(this) = pos.first() else {
            return Ok(Value::None);
        };
        if let Some(d) = exc_data(this) {
            *d.args.borrow_mut() = vm.new_tuple(pos[1..].to_vec());
        }
        set_dict_attr(vm, this, "msg", pos.get(1).cloned().unwrap_or(Value::None));
        let details = pos
            .get(2)
            .and_then(|d| crate::objects::tuple::tuple_items(d).map(|t| t.to_vec()))
            .unwrap_or_default();
        for (i, name) in [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ]
        .iter()
        .enumerate()
        {
            set_dict_attr(
                vm,
                this,
                name,
                details.get(i).cloned().unwrap_or(Value::None),
            );
        }
        set_dict_attr(vm, this, "print_file_and_line", Value::None);
        Ok(Value::None)
    });
    method(vm, &syn, "__str__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__str__", 0, 0)?;
        let get = |vm: &mut Vm, n: &str| {
            let k = vm.intern(n);
            crate::ops::attr::instance_dict(this)
                .and_then(|d| mapping::dict_get_str_value(vm, &d, &k))
                .unwrap_or(Value::None)
        };
        let msg = get(vm, "msg");
        let msg = if msg.is_none() {
            exception_str(vm, this)?
        } else {
            vm.str_string(&msg)?
        };
        let filename = get(vm, "filename");
        let lineno = get(vm, "lineno");
        let file = match filename.as_str_obj() {
            Some(s) => {
                let f = s.to_lossy().into_owned();
                Some(f.rsplit('/').next().unwrap_or(&f).to_owned())
            }
            _ => None,
        };
        let text = match (file, &lineno) {
            (Some(f), Value::Int(l)) => format!("{msg} ({f}, line {l})"),
            (Some(f), _) => format!("{msg} ({f})"),
            (None, Value::Int(l)) => format!("{msg} (line {l})"),
            _ => msg,
        };
        Ok(vm.new_string(text))
    });
}

fn set_dict_attr(vm: &Vm, this: &Value, name: &str, value: Value) {
    if let Value::Obj(o) = this
        && let Some(d) = o.dict()
    {
        mapping::dict_set_str(vm, d, name, value);
    }
}

fn base_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("BaseException.__new__(X): X is not a type object"));
    };
    if !vm.is_subclass(cls, &vm.exc.base_exception) {
        return Err(vm.type_error(format!(
            "BaseException.__new__({}): {} is not a subtype of BaseException",
            crate::types::type_name(cls),
            crate::types::type_name(cls)
        )));
    }
    let rest = args.positional()[1..].to_vec();
    // `OSError(errno, strerror, …)` makes the subclass for the errno, as CPython's
    // `OSError.__new__` does when called on OSError itself.
    let mut cls = cls.clone();
    if cls.is(&vm.exc.os_error)
        && (2..=5).contains(&rest.len())
        && let Value::Int(errno) = rest[0]
        && let Some(sub) = os_error_subclass(vm, errno)
    {
        cls = sub;
    }
    let e = vm.new_exception(&cls, rest);
    Ok(Value::Obj(e))
}

/// The OSError subclass CPython picks for a (Linux) errno.
fn os_error_subclass(vm: &Vm, errno: i64) -> Option<crate::value::Obj> {
    let x = &vm.exc;
    Some(match errno {
        11 | 114 | 115 => x.blocking_io_error.clone(),
        10 => x.child_process_error.clone(),
        32 | 108 => x.broken_pipe_error.clone(),
        103 => x.connection_aborted_error.clone(),
        111 => x.connection_refused_error.clone(),
        104 => x.connection_reset_error.clone(),
        17 => x.file_exists_error.clone(),
        2 => x.file_not_found_error.clone(),
        21 => x.is_a_directory_error.clone(),
        20 => x.not_a_directory_error.clone(),
        4 => x.interrupted_error.clone(),
        1 | 13 => x.permission_error.clone(),
        3 => x.process_lookup_error.clone(),
        110 => x.timeout_error.clone(),
        _ => return None,
    })
}

/// `__cause__`, `__context__`, `__traceback__` and `__suppress_context__` as data descriptors
/// on BaseException (CPython's getset/members): assignments are checked and reach the
/// exception's fields, never its `__dict__`.
fn chaining_properties(vm: &mut Vm, base: &Obj) {
    let add = |vm: &mut Vm,
               name: &'static str,
               get: crate::function::NativeFn,
               set: crate::function::NativeFn| {
        let fget = crate::objects::function(vm, name, get, None);
        let fset = crate::objects::function(vm, name, set, None);
        let data = crate::object::PropertyData {
            fget,
            fset,
            fdel: Value::None,
            doc: Value::None,
            name: std::cell::RefCell::new(vm.intern(name)),
        };
        let p = Value::Obj(Obj::with_dict(
            vm.types.property.clone(),
            None,
            Payload::Property(Box::new(data)),
        ));
        crate::objects::set_type_attr(vm, base, name, p);
    };
    fn or_none(v: Option<Value>) -> Value {
        v.unwrap_or(Value::None)
    }
    fn this_and_value<'a>(
        vm: &mut Vm,
        a: &'a Args<'_>,
        name: &str,
    ) -> PyResult<(&'a ExceptionData, Value)> {
        let (this, rest) = argparse::method_args(vm, a, name, 1, 1)?;
        match exc_data(this) {
            Some(d) => Ok((d, rest[0].clone())),
            None => Err(vm.type_error(format!("descriptor '{name}' requires an exception"))),
        }
    }
    fn exception_or_none(_vm: &Vm, v: &Value) -> bool {
        v.is_none() || exc_data(v).is_some()
    }
    add(
        vm,
        "__cause__",
        |vm, a| {
            let (this, _) = argparse::method_args(vm, &a, "__cause__", 0, 0)?;
            Ok(or_none(
                exc_data(this).and_then(|d| d.cause.borrow().clone()),
            ))
        },
        |vm, a| {
            let (d, v) = this_and_value(vm, &a, "__cause__")?;
            if !exception_or_none(vm, &v) {
                return Err(
                    vm.type_error("exception cause must be None or derive from BaseException")
                );
            }
            *d.cause.borrow_mut() = (!v.is_none()).then_some(v);
            d.suppress_context.set(true);
            Ok(Value::None)
        },
    );
    add(
        vm,
        "__context__",
        |vm, a| {
            let (this, _) = argparse::method_args(vm, &a, "__context__", 0, 0)?;
            Ok(or_none(
                exc_data(this).and_then(|d| d.context.borrow().clone()),
            ))
        },
        |vm, a| {
            let (d, v) = this_and_value(vm, &a, "__context__")?;
            if !exception_or_none(vm, &v) {
                return Err(
                    vm.type_error("exception context must be None or derive from BaseException")
                );
            }
            *d.context.borrow_mut() = (!v.is_none()).then_some(v);
            Ok(Value::None)
        },
    );
    add(
        vm,
        "__traceback__",
        |vm, a| {
            let (this, _) = argparse::method_args(vm, &a, "__traceback__", 0, 0)?;
            Ok(or_none(
                exc_data(this).and_then(|d| d.traceback.borrow().clone()),
            ))
        },
        |vm, a| {
            let (d, v) = this_and_value(vm, &a, "__traceback__")?;
            if !v.is_none() && !matches!(v.payload(), Some(Payload::Traceback(_))) {
                return Err(vm.type_error("__traceback__ must be a traceback or None"));
            }
            *d.traceback.borrow_mut() = (!v.is_none()).then_some(v);
            Ok(Value::None)
        },
    );
    add(
        vm,
        "__suppress_context__",
        |vm, a| {
            let (this, _) = argparse::method_args(vm, &a, "__suppress_context__", 0, 0)?;
            Ok(Value::bool(
                exc_data(this).is_some_and(|d| d.suppress_context.get()),
            ))
        },
        |vm, a| {
            let (d, v) = this_and_value(vm, &a, "__suppress_context__")?;
            match v {
                Value::Bool(b) => d.suppress_context.set(b.get()),
                _ => return Err(vm.type_error("attribute value type must be bool")),
            }
            Ok(Value::None)
        },
    );
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)` and `UnicodeEncodeError`: their
/// attributes and CPython's messages ("'utf-8' codec can't decode byte 0xff in position 0:
/// invalid start byte").
fn unicode_error_methods(vm: &mut Vm) {
    for class in [
        vm.exc.unicode_decode_error.clone(),
        vm.exc.unicode_encode_error.clone(),
    ] {
        method(vm, &class, "__init__", |vm, a| {
            let pos = a.positional();
            let Some(this) = pos.first() else {
                return Ok(Value::None);
            };
            let decode = vm.is_instance_of(this, &vm.exc.unicode_decode_error.clone());
            let name = if decode {
                "UnicodeDecodeError"
            } else {
                "UnicodeEncodeError"
            };
            let args = &pos[1..];
            if args.len() != 5 {
                return Err(vm.type_error(format!(
                    "function takes exactly 5 arguments ({} given)",
                    args.len()
                )));
            }
            let is_str = |v: &Value| v.as_str_obj().is_some();
            if !is_str(&args[0]) {
                return Err(vm.type_error(format!(
                    "{name}() argument 1 must be str, not {}",
                    vm.type_name(&args[0])
                )));
            }
            let object_ok = if decode {
                matches!(
                    args[1].payload(),
                    Some(Payload::Bytes(_) | Payload::ByteArray(_))
                )
            } else {
                is_str(&args[1])
            };
            if !object_ok {
                let want = if decode { "a bytes-like object" } else { "str" };
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be {want}, not {}",
                    vm.type_name(&args[1])
                )));
            }
            for (k, v) in args[2..4].iter().enumerate() {
                if !matches!(v, Value::Int(_)) {
                    return Err(vm.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        vm.type_name(v)
                    )));
                }
                let _ = k;
            }
            if !is_str(&args[4]) {
                return Err(vm.type_error(format!(
                    "{name}() argument 5 must be str, not {}",
                    vm.type_name(&args[4])
                )));
            }
            if let Some(d) = exc_data(this) {
                *d.args.borrow_mut() = vm.new_tuple(args.to_vec());
            }
            for (i, n) in ["encoding", "object", "start", "end", "reason"]
                .iter()
                .enumerate()
            {
                set_dict_attr(vm, this, n, args[i].clone());
            }
            Ok(Value::None)
        });
        method(vm, &class, "__str__", |vm, a| {
            let (this, _) = argparse::method_args(vm, &a, "__str__", 0, 0)?;
            let get = |vm: &mut Vm, n: &str| {
                let k = vm.intern(n);
                crate::ops::attr::instance_dict(this)
                    .and_then(|d| mapping::dict_get_str_value(vm, &d, &k))
            };
            let (
                Some(enc),
                Some(obj),
                Some(Value::Int(start)),
                Some(Value::Int(end)),
                Some(reason),
            ) = (
                get(vm, "encoding"),
                get(vm, "object"),
                get(vm, "start"),
                get(vm, "end"),
                get(vm, "reason"),
            )
            else {
                let s = exception_str(vm, this)?;
                return Ok(vm.new_string(s));
            };
            let enc = vm.str_string(&enc)?;
            let reason = vm.str_string(&reason)?;
            let decode = vm.is_instance_of(this, &vm.exc.unicode_decode_error.clone());
            let text = if decode {
                let bytes: Vec<u8> = match obj.payload() {
                    Some(Payload::Bytes(b)) => b.to_vec(),
                    Some(Payload::ByteArray(b)) => b.borrow().to_vec(),
                    _ => Vec::new(),
                };
                match usize::try_from(start).ok().and_then(|s| bytes.get(s)) {
                    Some(byte) if end == start + 1 => {
                        format!(
                            "'{enc}' codec can't decode byte {byte:#04x} in position {start}: {reason}"
                        )
                    }
                    _ => format!(
                        "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                        end - 1
                    ),
                }
            } else {
                let chars: Vec<u32> = match obj.as_str_obj() {
                    Some(s) => s.code_points(),
                    _ => Vec::new(),
                };
                match usize::try_from(start).ok().and_then(|s| chars.get(s)) {
                    Some(&c) if end == start + 1 => {
                        let shown = if c <= 0xff {
                            format!("\\x{c:02x}")
                        } else if c <= 0xffff {
                            format!("\\u{c:04x}")
                        } else {
                            format!("\\U{c:08x}")
                        };
                        format!(
                            "'{enc}' codec can't encode character '{shown}' in position {start}: {reason}"
                        )
                    }
                    _ => format!(
                        "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
                        end - 1
                    ),
                }
            };
            Ok(vm.new_string(text))
        });
    }
}
