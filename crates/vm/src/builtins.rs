//! The `builtins` module: the built-in functions and the names of the built-in types.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{IterState, Payload};
use crate::objects::function as native_function;
use crate::ops::{BinOp, CompareOp, attr, mapping};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// `ascii(v)`: `repr()` with non-ASCII characters escaped.
pub fn ascii_of(vm: &mut Vm, v: &Value) -> PyResult {
    let r = vm.repr(v)?;
    let s = vm.str_lossy(&r);
    let points = crate::objects::str::as_str(&r)
        .map(|s| s.code_points())
        .unwrap_or_default();
    if s.is_ascii() && points.iter().all(|c| *c < 0x80) {
        return Ok(r);
    }
    let mut out = String::new();
    for c in points {
        vm.check_text_len(out.len())?;
        match c {
            0..=0x7F => out.push(c as u8 as char),
            0x80..=0xFF => out.push_str(&format!("\\x{c:02x}")),
            0x100..=0xFFFF => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    Ok(vm.new_string(out))
}

/// The name CPython uses for a callable in call errors (`f()`, `print()`).
pub fn callable_name(vm: &Vm, f: &Value) -> String {
    // As CPython's `_PyObject_FunctionStr`: `module.qualname()`, the module left out when it
    // is `builtins` or unknown; objects without a `__qualname__` are "<type> object".
    let qualify = |module: Option<String>, qualname: String| match module {
        Some(m) if m != "builtins" && !m.is_empty() => format!("{m}.{qualname}()"),
        _ => format!("{qualname}()"),
    };
    match f.payload() {
        Some(Payload::Function(func)) => {
            let module = match &*func.module.borrow() {
                m if m.as_str_obj().is_some() => Some(vm.str_lossy(m)),
                _ => None,
            };
            qualify(module, vm.str_lossy(&func.qualname.borrow()))
        }
        Some(Payload::Native(n)) => match &n.owner {
            Some(owner) => format!("{}.{}()", crate::types::type_name(owner), n.name),
            None => qualify(n.module.map(str::to_owned), n.name.to_owned()),
        },
        Some(Payload::BoundMethod { func, .. }) => {
            let func = func.clone();
            callable_name(vm, &func)
        }
        Some(Payload::Type(t)) => {
            let module = mapping::table_get_str(vm, &t.dict.borrow(), &vm.names.__module__)
                .map(|m| vm.str_lossy(&m));
            qualify(module, t.qualname.borrow().clone())
        }
        _ => format!("{} object", vm.type_name(f)),
    }
}

pub fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Function(_)
            | Payload::Native(_)
            | Payload::BoundMethod { .. }
            | Payload::Type(_),
        ) => true,
        _ => {
            let class = vm.class_of(v);
            attr::type_lookup(vm, &class, &vm.names.__call__).is_some()
        }
    }
}

/// `isinstance(obj, classinfo)` with `__instancecheck__`.
pub fn isinstance(vm: &mut Vm, obj: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Obj(c) = cls {
        if let Payload::Type(_) = c.payload() {
            if vm.is_instance_of(obj, c) {
                return Ok(true);
            }
            let meta = vm.class_of(cls);
            if meta.is(&vm.types.type_) {
                return Ok(false);
            }
            if let Some(f) = attr::type_lookup(vm, &meta, &vm.names.__instancecheck__.clone()) {
                let r = vm.call_method_value(&f, cls, &[obj.clone()])?;
                return vm.truthy(&r);
            }
            return Ok(false);
        }
        if let Payload::Tuple(items) = c.payload() {
            for item in items.iter() {
                if isinstance(vm, obj, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Payload::GenericAlias { origin, args } = c.payload() {
            if vm.str_lossy(origin) == "|" {
                let args = args.clone();
                return isinstance(vm, obj, &args);
            }
            return Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"));
        }
    }
    let meta = vm.class_of(cls);
    if let Some(f) = attr::type_lookup(vm, &meta, &vm.names.__instancecheck__.clone()) {
        let r = vm.call_method_value(&f, cls, &[obj.clone()])?;
        return vm.truthy(&r);
    }
    Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

pub fn issubclass(vm: &mut Vm, sub: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Obj(c) = cls {
        if let Payload::Tuple(items) = c.payload() {
            for item in items.iter() {
                if issubclass(vm, sub, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Payload::GenericAlias { origin, args } = c.payload()
            && vm.str_lossy(origin) == "|"
        {
            let args = args.clone();
            return issubclass(vm, sub, &args);
        }
        let meta = vm.class_of(cls);
        if !meta.is(&vm.types.type_)
            && let Some(f) = attr::type_lookup(vm, &meta, &vm.names.__subclasscheck__.clone())
        {
            let r = vm.call_method_value(&f, cls, &[sub.clone()])?;
            return vm.truthy(&r);
        }
        if let Payload::Type(_) = c.payload() {
            let Value::Obj(s) = sub else {
                return Err(vm.type_error("issubclass() arg 1 must be a class"));
            };
            if !matches!(s.payload(), Payload::Type(_)) {
                return Err(vm.type_error("issubclass() arg 1 must be a class"));
            }
            return Ok(vm.is_subclass(s, c));
        }
    }
    Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
}

/// A rough `sys.getsizeof` (CPython's exact sizes are not modelled).
pub fn sizeof_estimate(vm: &Vm, v: &Value) -> usize {
    let _ = vm;
    if let Some(s) = v.as_str_obj() {
        return 41 + s.char_len();
    }
    match v.payload() {
        Some(Payload::List(l)) => 56 + 8 * l.borrow().len(),
        Some(Payload::Tuple(t)) => 40 + 8 * t.len(),
        Some(Payload::Dict(d)) => 64 + 24 * d.borrow().len(),
        _ => 48,
    }
}

macro_rules! register {
    ($vm:ident, $dict:ident, $($name:literal => $f:expr),* $(,)?) => {
        $(
            let f = crate::objects::function($vm, $name, $f, Some("builtins"));
            mapping::dict_set_str($vm, &$dict, $name, f);
        )*
    };
}

pub(crate) fn init(vm: &mut Vm) {
    let d = vm.builtins_dict();
    register!(vm, d,
        "print" => builtin_print,
        "len" => |vm, a| { let p = argparse::exact(vm, &a, "len", 1)?; Ok(Value::Int(vm.len(&p[0])? as i64)) },
        "repr" => |vm, a| { let p = argparse::exact(vm, &a, "repr", 1)?; vm.repr(&p[0]) },
        "ascii" => |vm, a| { let p = argparse::exact(vm, &a, "ascii", 1)?; ascii_of(vm, &p[0]) },
        "hash" => |vm, a| { let p = argparse::exact(vm, &a, "hash", 1)?; Ok(Value::Int(vm.hash(&p[0])?)) },
        "id" => |vm, a| { let p = argparse::exact(vm, &a, "id", 1)?; Ok(Value::Int(match p[0].heap_id() { Some(id) => id as i64, None => vm.hash(&p[0])? })) },
        "abs" => |vm, a| { let p = argparse::exact(vm, &a, "abs", 1)?; vm.absolute(&p[0]) },
        "callable" => |vm, a| { let p = argparse::exact(vm, &a, "callable", 1)?; Ok(Value::bool(is_callable(vm, &p[0]))) },
        "isinstance" => |vm, a| { let p = argparse::between(vm, &a, "isinstance", 2, 2)?; Ok(Value::bool(isinstance(vm, &p[0], &p[1])?)) },
        "issubclass" => |vm, a| { let p = argparse::between(vm, &a, "issubclass", 2, 2)?; Ok(Value::bool(issubclass(vm, &p[0], &p[1])?)) },
        "getattr" => builtin_getattr,
        "setattr" => |vm, a| { let p = argparse::between(vm, &a, "setattr", 3, 3)?; let n = attr_name(vm, &p[1])?; crate::ops::set_attr(vm, &p[0], &n, p[2].clone())?; Ok(Value::None) },
        "delattr" => |vm, a| { let p = argparse::between(vm, &a, "delattr", 2, 2)?; let n = attr_name(vm, &p[1])?; crate::ops::del_attr(vm, &p[0], &n)?; Ok(Value::None) },
        "hasattr" => |vm, a| { let p = argparse::between(vm, &a, "hasattr", 2, 2)?; let n = attr_name(vm, &p[1])?; Ok(Value::bool(crate::ops::get_attr_opt(vm, &p[0], &n)?.is_some())) },
        "iter" => builtin_iter,
        "next" => builtin_next,
        "aiter" => builtin_aiter,
        "anext" => builtin_anext,
        "sorted" => builtin_sorted,
        "min" => |vm, a| min_max(vm, a, "min", CompareOp::Lt),
        "max" => |vm, a| min_max(vm, a, "max", CompareOp::Gt),
        "sum" => builtin_sum,
        "all" => |vm, a| { let p = argparse::exact(vm, &a, "all", 1)?; let it = vm.iter(&p[0])?; while let Some(v) = vm.next(&it)? { if !vm.truthy(&v)? { return Ok(Value::FALSE); } } Ok(Value::TRUE) },
        "any" => |vm, a| { let p = argparse::exact(vm, &a, "any", 1)?; let it = vm.iter(&p[0])?; while let Some(v) = vm.next(&it)? { if vm.truthy(&v)? { return Ok(Value::TRUE); } } Ok(Value::FALSE) },
        "divmod" => |vm, a| { let p = argparse::between(vm, &a, "divmod", 2, 2)?; let (x, y) = (p[0].clone(), p[1].clone()); let dm = vm.names.__divmod__.clone(); let rdm = vm.names.__rdivmod__.clone(); match vm.binary_protocol(&x, &y, &dm, &rdm)? { Some(r) => Ok(r), None => Err(vm.type_error(format!("unsupported operand type(s) for divmod(): '{}' and '{}'", vm.type_name(&x), vm.type_name(&y)))) } },
        "pow" => builtin_pow,
        "round" => builtin_round,
        "chr" => |vm, a| { let p = argparse::exact(vm, &a, "chr", 1)?; let i = crate::objects::int::index_value(vm, &p[0])?; match num_traits::ToPrimitive::to_u32(&i).filter(|c| *c < 0x110000) { Some(c) => Ok(crate::objects::str::char_value(vm, c)), None => Err(vm.value_error("chr() arg not in range(0x110000)")) } },
        "ord" => builtin_ord,
        "bin" => |vm, a| { let p = argparse::exact(vm, &a, "bin", 1)?; radix(vm, &p[0], "#b") },
        "oct" => |vm, a| { let p = argparse::exact(vm, &a, "oct", 1)?; radix(vm, &p[0], "#o") },
        "hex" => |vm, a| { let p = argparse::exact(vm, &a, "hex", 1)?; radix(vm, &p[0], "#x") },
        "format" => |vm, a| { let p = argparse::between(vm, &a, "format", 1, 2)?; let spec = p.get(1).cloned().unwrap_or_else(|| vm.new_str("")); if spec.as_str_obj().is_none() { return Err(vm.type_error(format!("format() argument 2 must be str, not {}", vm.type_name(&spec)))); } vm.format(&p[0], &spec) },
        "input" => crate::io::builtin_input,
        "open" => crate::io_file::builtin_open,
        "compile" => crate::compile::builtin_compile,
        "__import__" => crate::import::builtin_import,
        "__build_class__" => build_class,
        "breakpoint" => |_vm, _a| Ok(Value::None),
    );
    // `locals`, `globals`, `vars`, `dir`, `exec`, `eval`: they read their caller's frame.
    crate::frame_locals::install(vm);
    let t = vm.types.clone_list();
    for (name, class) in t {
        mapping::dict_set_str(vm, &d, name, Value::Obj(class));
    }
    for (name, class) in vm
        .exc
        .all()
        .into_iter()
        .map(|(n, c)| (n, c.clone()))
        .collect::<Vec<_>>()
    {
        mapping::dict_set_str(vm, &d, name, Value::Obj(class));
    }
    let os_error = Value::Obj(vm.exc.os_error.clone());
    mapping::dict_set_str(vm, &d, "EnvironmentError", os_error.clone());
    mapping::dict_set_str(vm, &d, "IOError", os_error);
    mapping::dict_set_str(vm, &d, "None", Value::None);
    mapping::dict_set_str(vm, &d, "True", Value::TRUE);
    mapping::dict_set_str(vm, &d, "False", Value::FALSE);
    let ni = vm.not_implemented.clone();
    mapping::dict_set_str(vm, &d, "NotImplemented", ni);
    let el = vm.ellipsis.clone();
    mapping::dict_set_str(vm, &d, "Ellipsis", el);
    mapping::dict_set_str(vm, &d, "__debug__", Value::bool(vm.flags.optimize == 0));
    let name = vm.new_str("builtins");
    mapping::dict_set_str(vm, &d, "__name__", name);
    mapping::dict_set_str(vm, &d, "__doc__", Value::None);
}

fn attr_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.as_str_obj() {
        Some(s) => Ok(vm.intern(&s.to_lossy())),
        _ => Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        ))),
    }
}

fn builtin_print(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let mut sep = None;
    let mut end = None;
    let mut file = None;
    let mut flush = false;
    for (k, v) in args.keywords() {
        match vm.str_lossy(k).as_str() {
            "sep" => sep = Some(v.clone()),
            "end" => end = Some(v.clone()),
            "file" => file = Some(v.clone()),
            "flush" => flush = vm.truthy(v)?,
            other => {
                return Err(vm.type_error(format!(
                    "print() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    let text_of = |vm: &mut Vm, v: Option<Value>, default: &str, what: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_owned()),
            Some(v) => match v.as_str_obj() {
                Some(s) => Ok(s.to_lossy().into_owned()),
                _ => Err(vm.type_error(format!(
                    "{what} must be None or a string, not {}",
                    vm.type_name(&v)
                ))),
            },
        }
    };
    let sep = text_of(vm, sep, " ", "sep")?;
    let end = text_of(vm, end, "\n", "end")?;
    let file = match file {
        None | Some(Value::None) => match crate::io::stdout_object(vm) {
            Some(f) => f,
            // No `sys.stdout` (or it is None): print does nothing, as in CPython.
            None => return Ok(Value::None),
        },
        Some(f) => f,
    };
    if matches!(file.payload(), Some(Payload::File(_))) {
        // A native stream: one write of the whole line (what it receives is the same).
        let mut out = String::new();
        for (i, v) in args.positional().iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            let s = vm.str(v)?;
            out.push_str(&vm.str_lossy(&s));
        }
        out.push_str(&end);
        crate::io::write_to(vm, &file, &out)?;
    } else {
        // Any other object gets each piece through its own `write` call, as CPython's
        // print does: the objects, then the separators, then `end`.
        let sep_value = vm.new_string(sep);
        for (i, v) in args.positional().iter().enumerate() {
            if i > 0 {
                vm.call_method(&file, "write", std::slice::from_ref(&sep_value))?;
            }
            let s = vm.str(v)?;
            vm.call_method(&file, "write", &[s])?;
        }
        let end_value = vm.new_string(end);
        vm.call_method(&file, "write", &[end_value])?;
    }
    if flush {
        vm.call_method(&file, "flush", &[])?;
    }
    Ok(Value::None)
}

fn builtin_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "getattr", 2, 3)?;
    let n = attr_name(vm, &p[1])?;
    match p.get(2) {
        None => crate::ops::get_attr(vm, &p[0], &n),
        Some(default) => {
            Ok(crate::ops::get_attr_opt(vm, &p[0], &n)?.unwrap_or_else(|| default.clone()))
        }
    }
}

fn builtin_iter(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "iter", 1, 2)?;
    match p.get(1) {
        None => vm.iter(&p[0]),
        Some(sentinel) => {
            if !is_callable(vm, &p[0]) {
                return Err(vm.type_error("iter(v, w): v must be callable"));
            }
            Ok(crate::objects::iter::callable_iter(
                vm,
                p[0].clone(),
                sentinel.clone(),
            ))
        }
    }
}

fn builtin_next(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "next", 1, 2)?;
    let it = &p[0];
    let class = vm.class_of(it);
    let is_iter = matches!(
        it.payload(),
        Some(Payload::Iterator(_) | Payload::Generator(_))
    ) || attr::type_lookup(vm, &class, &vm.names.__next__.clone()).is_some();
    if !is_iter {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    }
    // A generator's return value must reach StopIteration.value.
    if let Some(Payload::Generator(_)) = it.payload()
        && let Value::Obj(o) = it
    {
        return match crate::objects::generator::send(vm, o, Value::None)? {
            crate::objects::generator::SendResult::Yield(v) => Ok(v),
            crate::objects::generator::SendResult::Return(v) => match p.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(v)),
            },
        };
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match p.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration(Value::None)),
        },
    }
}

fn builtin_anext(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "anext", 1, 2)?;
    if let Some(default) = p.get(1) {
        return crate::objects::generator::anext_with_default(vm, &p[0], default.clone());
    }
    if let Some(Payload::Generator(_)) = p[0].payload() {
        return crate::objects::generator::get_anext(vm, &p[0]);
    }
    // As CPython's builtin: `__anext__()`'s result as it is, or "not an async iterator".
    let class = vm.class_of(&p[0]);
    let Some(f) = attr::type_lookup(vm, &class, &vm.names.__anext__.clone()) else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(&p[0])
        )));
    };
    vm.call_method_value(&f, &p[0], &[])
}

/// `aiter(obj)`: `obj.__aiter__()`, which must give an async iterator.
fn builtin_aiter(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::exact(vm, &args, "aiter", 1)?;
    let class = vm.class_of(&p[0]);
    let Some(f) = attr::type_lookup(vm, &class, &vm.names.__aiter__.clone()) else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterable",
            vm.type_name(&p[0])
        )));
    };
    let it = vm.call_method_value(&f, &p[0], &[])?;
    let it_class = vm.class_of(&it);
    if attr::type_lookup(vm, &it_class, &vm.names.__anext__.clone()).is_none() {
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

fn builtin_sorted(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let items = vm.collect(&pos[0])?;
    let list = vm.new_list(items);
    let sort = vm.intern("sort");
    let f = crate::ops::get_attr(vm, &list, &sort)?;
    let kw_values: Vec<Value> = args.keywords().map(|(_, v)| v.clone()).collect();
    vm.call(
        &f,
        Args {
            values: &kw_values,
            kwnames: args.kwnames,
        },
    )?;
    Ok(list)
}

fn min_max(vm: &mut Vm, args: Args<'_>, name: &str, op: CompareOp) -> PyResult {
    let pos = args.positional();
    let mut key = None;
    let mut default = None;
    for (k, v) in args.keywords() {
        match vm.str_lossy(k).as_str() {
            "key" => key = Some(v.clone()).filter(|v| !v.is_none()),
            "default" => default = Some(v.clone()),
            other => {
                return Err(vm.type_error(format!(
                    "{name}() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    // One iterable is consumed as it goes (never collected: `max(genexpr)` over millions of
    // items holds one at a time, as CPython's).
    let (iterator, mut rest) = match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => (Some(vm.iter(&pos[0])?), Vec::new().into_iter()),
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            (None, pos.to_vec().into_iter())
        }
    };
    let mut best: Option<(Value, Value)> = None;
    loop {
        let v = match &iterator {
            Some(it) => match vm.next(it)? {
                Some(v) => v,
                None => break,
            },
            None => match rest.next() {
                Some(v) => v,
                None => break,
            },
        };
        let k = match &key {
            Some(f) => vm.call1(f, v.clone())?,
            None => v.clone(),
        };
        match &best {
            None => best = Some((k, v)),
            Some((bk, _)) => {
                if vm.compare_bool(&k, bk, op)? {
                    best = Some((k, v));
                }
            }
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => {
            default.ok_or_else(|| vm.value_error(format!("{name}() iterable argument is empty")))
        }
    }
}

fn builtin_sum(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = argparse::bind(vm, &args, "sum", &["iterable", "start"], 1)?;
    let mut acc = b[1].clone().unwrap_or(Value::Int(0));
    if let Some(_) = acc.as_str_obj() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if let Some(Payload::Bytes(_)) = acc.payload() {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    let it = vm.iter(b[0].as_ref().unwrap_or(&Value::None))?;
    // Float sums are compensated as CPython 3.12+ does (Neumaier).
    let mut float_comp: Option<(f64, f64)> = None;
    while let Some(v) = vm.next(&it)? {
        if let (Value::Float(a), Value::Float(x)) = (&acc, &v) {
            let (s, c) = float_comp.unwrap_or((a.get(), 0.0));
            let t = s + x.get();
            let c = if s.abs() >= x.get().abs() {
                c + ((s - t) + x.get())
            } else {
                c + ((x.get() - t) + s)
            };
            float_comp = Some((t, c));
            acc = Value::float(t);
            continue;
        }
        if let (Some((s, c)), Value::Float(_)) = (float_comp.take(), &acc) {
            acc = Value::float(if c.is_finite() { s + c } else { s });
        }
        if let (Value::Float(a), Value::Int(i)) = (&acc, &v) {
            let x = *i as f64;
            let (s, c) = float_comp.unwrap_or((a.get(), 0.0));
            let t = s + x;
            let c = if s.abs() >= x.abs() {
                c + ((s - t) + x)
            } else {
                c + ((x - t) + s)
            };
            float_comp = Some((t, c));
            acc = Value::float(t);
            continue;
        }
        acc = vm.binary_op(&acc, &v, BinOp::Add, false)?;
    }
    if let (Some((s, c)), Value::Float(_)) = (float_comp, &acc) {
        acc = Value::float(if c.is_finite() { s + c } else { s });
    }
    Ok(acc)
}

/// An int, bool, float or complex (or an instance of a subclass of one).
fn builtin_number(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => true,
        Value::Obj(o) => matches!(
            o.payload(),
            Payload::Int(_) | Payload::Float(_) | Payload::Complex(..)
        ),
        Value::None | Value::Str(_) => false,
    }
}

fn builtin_pow(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = argparse::bind(vm, &args, "pow", &["base", "exp", "mod"], 2)?;
    let base = b[0].clone().unwrap_or(Value::None);
    let exp = b[1].clone().unwrap_or(Value::None);
    match &b[2] {
        None | Some(Value::None) => vm.binary_op(&base, &exp, BinOp::Pow, false),
        Some(m) => {
            match (
                crate::objects::int::as_int(&base),
                crate::objects::int::as_int(&exp),
                crate::objects::int::as_int(m),
            ) {
                (Some(x), Some(y), Some(z)) => crate::objects::int::pow_mod(vm, x, y, z),
                _ if [&base, &exp, m].iter().all(|v| builtin_number(v)) => {
                    // Built-in numbers only, one of them a float or complex: their
                    // `nb_power` refuses a modulus (CPython's float_pow / complex_pow).
                    if [&base, &exp, m]
                        .iter()
                        .any(|v| matches!(v.payload(), Some(Payload::Complex(..))))
                    {
                        Err(vm.value_error("complex modulo"))
                    } else {
                        Err(vm.type_error(
                            "pow() 3rd argument not allowed unless all arguments are integers",
                        ))
                    }
                }
                _ => {
                    let name = vm.names.__pow__.clone();
                    match vm.call_special(&base, &name, &[exp.clone(), m.clone()])? {
                        Some(r) if !vm.is_not_implemented(&r) => Ok(r),
                        _ => Err(vm.type_error(format!(
                            "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                            vm.type_name(&base),
                            vm.type_name(&exp),
                            vm.type_name(m)
                        ))),
                    }
                }
            }
        }
    }
}

fn builtin_round(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = argparse::bind(vm, &args, "round", &["number", "ndigits"], 1)?;
    let number = b[0].clone().unwrap_or(Value::None);
    let name = vm.names.__round__.clone();
    let extra: Vec<Value> = match &b[1] {
        Some(n) if !n.is_none() => vec![n.clone()],
        _ => Vec::new(),
    };
    match vm.call_special(&number, &name, &extra)? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "type {} doesn't define __round__ method",
            vm.type_name(&number)
        ))),
    }
}

fn builtin_ord(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::exact(vm, &args, "ord", 1)?;
    match p[0].payload() {
        _ if let Some(s) = p[0].as_str_obj() => {
            if s.char_len() != 1 {
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                )));
            }
            Ok(Value::Int(s.code_point_at(0).unwrap_or(0) as i64))
        }
        Some(Payload::Bytes(b)) => {
            if b.len() != 1 {
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    b.len()
                )));
            }
            Ok(Value::Int(b[0] as i64))
        }
        Some(Payload::ByteArray(b)) => {
            let b = b.borrow();
            if b.len() != 1 {
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    b.len()
                )));
            }
            Ok(Value::Int(b[0] as i64))
        }
        _ => Err(vm.type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(&p[0])
        ))),
    }
}

fn radix(vm: &mut Vm, v: &Value, spec: &str) -> PyResult {
    let i = crate::objects::int::index_value(vm, v)?;
    crate::format::format_int(vm, &i, spec)
}

pub(crate) fn builtin_vars(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "vars", 0, 1)?;
    match p.first() {
        None => Ok(vm.current_globals().map(Value::Obj).unwrap_or(Value::None)),
        Some(o) => {
            let dict_name = vm.names.__dict__.clone();
            match crate::ops::get_attr_opt(vm, o, &dict_name)? {
                Some(d) => Ok(d),
                None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
            }
        }
    }
}

pub(crate) fn builtin_dir(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "dir", 0, 1)?;
    let names = match p.first() {
        None => match &vm.current_globals() {
            Some(g) => match g.payload() {
                Payload::Dict(t) => t.borrow().keys(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        },
        Some(o) => {
            let name = vm.names.__dir__.clone();
            match vm.call_special(o, &name, &[])? {
                Some(r) => vm.collect(&r)?,
                None => Vec::new(),
            }
        }
    };
    let list = vm.new_list(names);
    let sort = vm.intern("sort");
    let f = crate::ops::get_attr(vm, &list, &sort)?;
    vm.call0(&f)?;
    Ok(list)
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`: run the class body in a fresh
/// namespace and call the metaclass.
fn build_class(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    if pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = pos[0].clone();
    let Some(Payload::Function(_)) = func.payload() else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let name = pos[1].clone();
    if name.as_str_obj().is_none() {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    let orig_bases: Vec<Value> = pos[2..].to_vec();
    // PEP 560: __mro_entries__.
    let mut bases = Vec::new();
    let mut changed = false;
    for b in &orig_bases {
        if matches!(b.payload(), Some(Payload::Type(_))) {
            bases.push(b.clone());
            continue;
        }
        let me = vm.names.__mro_entries__.clone();
        match crate::ops::get_attr_opt(vm, b, &me)? {
            Some(f) => {
                let t = vm.new_tuple(orig_bases.clone());
                let r = vm.call1(&f, t)?;
                let Some(items) = crate::objects::tuple::tuple_items(&r).map(|t| t.to_vec()) else {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                };
                bases.extend(items);
                changed = true;
            }
            None => bases.push(b.clone()),
        }
    }
    let mut metaclass = None;
    let mut kw_names = Vec::new();
    let mut kw_values = Vec::new();
    for (k, v) in args.keywords() {
        if vm.str_lossy(k) == "metaclass" {
            metaclass = Some(v.clone());
        } else {
            kw_names.push(k.clone());
            kw_values.push(v.clone());
        }
    }
    let is_class_meta = metaclass
        .as_ref()
        .is_none_or(|m| matches!(m.payload(), Some(Payload::Type(_))));
    let meta = match metaclass {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => Value::Obj(vm.class_of(b)),
            None => Value::Obj(vm.types.type_.clone()),
        },
    };
    // The most derived metaclass.
    let meta = if is_class_meta {
        let mut winner = match &meta {
            Value::Obj(o) => o.clone(),
            _ => vm.types.type_.clone(),
        };
        for b in &bases {
            let bm = vm.class_of(b);
            if vm.is_subclass(&winner, &bm) {
                continue;
            }
            if vm.is_subclass(&bm, &winner) {
                winner = bm;
                continue;
            }
            return Err(vm.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Value::Obj(winner)
    } else {
        meta
    };
    let bases_tuple = vm.new_tuple(bases.clone());
    // __prepare__.
    let prepare_name = vm.names.__prepare__.clone();
    let ns = match crate::ops::get_attr_opt(vm, &meta, &prepare_name)? {
        Some(p) => {
            let mut values = vec![name.clone(), bases_tuple.clone()];
            values.extend(kw_values.iter().cloned());
            vm.call(
                &p,
                Args {
                    values: &values,
                    kwnames: &kw_names,
                },
            )?
        }
        None => Value::Obj(vm.new_dict()),
    };
    if !matches!(ns.payload(), Some(Payload::Dict(_))) {
        let class = vm.class_of(&ns);
        if attr::type_lookup(vm, &class, &vm.names.__getitem__.clone()).is_none() {
            let mn = match &meta {
                Value::Obj(o) if matches!(o.payload(), Payload::Type(_)) => {
                    crate::types::type_name(o)
                }
                _ => "<metaclass>".to_owned(),
            };
            return Err(vm.type_error(format!(
                "{mn}.__prepare__() must return a mapping, not {}",
                vm.type_name(&ns)
            )));
        }
    }
    // Run the body with `ns` as its locals.
    let Value::Obj(func_obj) = &func else {
        return Ok(Value::None);
    };
    let mut frame = crate::eval::args::frame_for_call(vm, func_obj, Args::new(&[]))?;
    frame.locals_map = Some(ns.clone());
    let cell = vm.run_frame(frame)?;
    if changed {
        let ob = vm.new_tuple(orig_bases.clone());
        vm.set_item(&ns, &vm.names.__orig_bases__.clone(), ob)?;
    }
    let mut values = vec![name, bases_tuple, ns];
    values.extend(kw_values);
    let cls = vm.call(
        &meta,
        Args {
            values: &values,
            kwnames: &kw_names,
        },
    )?;
    if let Some(Payload::Cell(c)) = cell.payload() {
        let current = c.borrow().clone();
        match current {
            Some(v) if v.is(&cls) => {}
            Some(v) => {
                let _ = v;
                return Err(vm.type_error("__class__ set to <class> defining <class> as <class>"));
            }
            None => *c.borrow_mut() = Some(cls.clone()),
        }
    }
    Ok(cls)
}

impl crate::vm::Types {
    /// The built-in types `builtins` names, with their names.
    pub(crate) fn clone_list(&self) -> Vec<(&'static str, Obj)> {
        vec![
            ("object", self.object.clone()),
            ("type", self.type_.clone()),
            ("int", self.int.clone()),
            ("bool", self.bool.clone()),
            ("float", self.float.clone()),
            ("complex", self.complex.clone()),
            ("str", self.str.clone()),
            ("bytes", self.bytes.clone()),
            ("bytearray", self.bytearray.clone()),
            ("tuple", self.tuple.clone()),
            ("list", self.list.clone()),
            ("dict", self.dict.clone()),
            ("set", self.set.clone()),
            ("frozenset", self.frozenset.clone()),
            ("range", self.range.clone()),
            ("slice", self.slice.clone()),
            ("property", self.property.clone()),
            ("classmethod", self.classmethod.clone()),
            ("staticmethod", self.staticmethod.clone()),
            ("super", self.super_.clone()),
            ("enumerate", self.enumerate.clone()),
            ("zip", self.zip.clone()),
            ("map", self.map.clone()),
            ("filter", self.filter.clone()),
            ("reversed", self.reversed.clone()),
            ("memoryview", self.memoryview.clone()),
        ]
    }
}

/// Unused-import guard for helpers that build iterators here.
#[allow(dead_code)]
fn _iter_state(_s: IterState) {}

#[allow(dead_code)]
fn _native(vm: &Vm) -> Value {
    native_function::new_cell(vm, None)
}
