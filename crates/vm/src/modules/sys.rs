//! The `sys` module, as much as the core needs.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::io::{Stream, new_file};
use crate::object::Payload;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// A named tuple like CPython's struct sequences (`sys.version_info`, `sys.flags`).
pub fn struct_seq(vm: &mut Vm, type_name: &str, fields: &[&str], values: Vec<Value>) -> PyResult {
    let class =
        crate::objects::type_::make_class(vm, type_name, vec![Value::Obj(vm.types.tuple.clone())])?;
    let names = fields.iter().map(|f| vm.new_str(f)).collect();
    let names = vm.new_tuple(names);
    crate::objects::set_type_attr(vm, &class, "_fields", names);
    crate::objects::set_type_attr(vm, &class, "n_fields", Value::Int(fields.len() as i64));
    // A method of the class (a plain function in the namespace would not receive `self`).
    crate::objects::method(vm, &class, "__repr__", struct_seq_repr);
    let dict = vm.new_dict();
    for (f, v) in fields.iter().zip(values.iter()) {
        mapping::dict_set_str(vm, &dict, f, v.clone());
    }
    Ok(Value::Obj(Obj::with_dict(
        class,
        Some(dict),
        Payload::Tuple(crate::object::TupleItems::new(values)),
    )))
}

fn struct_seq_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let class = vm.class_of(&this);
    let fields_name = vm.intern("_fields");
    let fields = crate::ops::attr::type_lookup(vm, &class, &fields_name).unwrap_or(Value::None);
    let names: Vec<String> = crate::objects::tuple::tuple_items(&fields)
        .map(|t| t.iter().map(|n| vm.str_lossy(n)).collect())
        .unwrap_or_default();
    let values = crate::objects::tuple::tuple_items(&this)
        .map(|t| t.to_vec())
        .unwrap_or_default();
    let mut parts = Vec::new();
    for (n, v) in names.iter().zip(values.iter()) {
        parts.push(format!("{n}={}", vm.repr_string(v)?));
    }
    let module = vm.intern("__module__");
    let prefix = match crate::ops::attr::type_lookup(vm, &class, &module) {
        Some(m) if vm.str_lossy(&m) != "builtins" => format!("{}.", vm.str_lossy(&m)),
        _ => String::new(),
    };
    Ok(vm.new_string(format!(
        "{prefix}{}({})",
        crate::types::type_name(&class),
        parts.join(", ")
    )))
}

pub fn make(vm: &mut Vm) -> PyResult<Obj> {
    let m = crate::import::new_module(vm, "sys");
    let Some(d) = crate::ops::attr::instance_dict(&Value::Obj(m.clone())) else {
        return Ok(m);
    };
    let argv: Vec<Value> = vm.argv.iter().map(|a| vm.new_str(a)).collect();
    let argv = vm.new_list(argv);
    mapping::dict_set_str(vm, &d, "argv", argv);
    let orig = vm.new_list(Vec::new());
    mapping::dict_set_str(vm, &d, "orig_argv", orig);
    mapping::dict_set_str(vm, &d, "modules", Value::Obj(vm.modules.clone()));
    let stdout = new_file(
        vm,
        Stream::Stdout(vm.flags.stdout.clone()),
        false,
        "<stdout>",
        "w",
    );
    let stderr = new_file(
        vm,
        Stream::Stderr(vm.flags.stderr.clone()),
        false,
        "<stderr>",
        "w",
    );
    let stdin = new_file(
        vm,
        Stream::Stdin(vm.flags.stdin.clone()),
        false,
        "<stdin>",
        "r",
    );
    for (n, v) in [
        ("stdout", &stdout),
        ("__stdout__", &stdout),
        ("stderr", &stderr),
        ("__stderr__", &stderr),
        ("stdin", &stdin),
        ("__stdin__", &stdin),
    ] {
        mapping::dict_set_str(vm, &d, n, v.clone());
    }
    let version_info = struct_seq(
        vm,
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        vec![
            Value::Int(3),
            Value::Int(13),
            Value::Int(0),
            vm.new_str("final"),
            Value::Int(0),
        ],
    )?;
    if let Value::Obj(o) = &version_info {
        let c = vm.class_of(&Value::Obj(o.clone()));
        crate::objects::set_type_attr(vm, &c, "__module__", vm.new_str("sys"));
    }
    mapping::dict_set_str(vm, &d, "version_info", version_info.clone());
    let version = vm.new_string(format!("3.13.0 (Taipan {})", env!("CARGO_PKG_VERSION")));
    mapping::dict_set_str(vm, &d, "version", version);
    mapping::dict_set_str(vm, &d, "hexversion", Value::Int(0x030D00F0));
    mapping::dict_set_str(vm, &d, "api_version", Value::Int(1013));
    let ns_class = vm.types.namespace.clone();
    // A namespace object keeps its attributes in a dict of its own.
    let imp = Value::Obj(Obj::with_dict(
        ns_class,
        Some(vm.new_dict()),
        Payload::Instance {
            slots: std::cell::RefCell::new(Vec::new()),
        },
    ));
    if let Value::Obj(o) = &imp
        && let Some(nd) = o.dict()
    {
        mapping::dict_set_str(vm, nd, "name", vm.new_str("taipan"));
        mapping::dict_set_str(vm, nd, "cache_tag", vm.new_str("taipan-313"));
        mapping::dict_set_str(vm, nd, "version", version_info.clone());
        mapping::dict_set_str(vm, nd, "hexversion", Value::Int(0x030D00F0));
    }
    mapping::dict_set_str(vm, &d, "implementation", imp);
    let int_info = struct_seq(
        vm,
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
        vec![
            Value::Int(30),
            Value::Int(4),
            Value::Int(4300),
            Value::Int(640),
        ],
    )?;
    if let Value::Obj(o) = &int_info {
        let c = vm.class_of(&Value::Obj(o.clone()));
        crate::objects::set_type_attr(vm, &c, "__module__", vm.new_str("sys"));
    }
    mapping::dict_set_str(vm, &d, "int_info", int_info);
    let float_info = struct_seq(
        vm,
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        vec![
            Value::float(f64::MAX),
            Value::Int(1024),
            Value::Int(308),
            Value::float(f64::MIN_POSITIVE),
            Value::Int(-1021),
            Value::Int(-307),
            Value::Int(15),
            Value::Int(53),
            Value::float(f64::EPSILON),
            Value::Int(2),
            Value::Int(1),
        ],
    )?;
    if let Value::Obj(o) = &float_info {
        let c = vm.class_of(&Value::Obj(o.clone()));
        crate::objects::set_type_attr(vm, &c, "__module__", vm.new_str("sys"));
    }
    mapping::dict_set_str(vm, &d, "float_info", float_info);
    let flag_names = [
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ];
    let mut flag_values: Vec<Value> = flag_names.iter().map(|_| Value::Int(0)).collect();
    flag_values[3] = Value::Int(vm.flags.optimize as i64);
    flag_values[4] = Value::Int(i64::from(vm.flags.dont_write_bytecode));
    flag_values[8] = Value::Int(i64::from(vm.flags.verbose));
    flag_values[13] = Value::FALSE;
    flag_values[16] = Value::FALSE;
    flag_values[17] = Value::Int(4300);
    let flags = struct_seq(vm, "flags", &flag_names, flag_values)?;
    if let Value::Obj(o) = &flags {
        let c = vm.class_of(&Value::Obj(o.clone()));
        crate::objects::set_type_attr(vm, &c, "__module__", vm.new_str("sys"));
    }
    mapping::dict_set_str(vm, &d, "flags", flags);
    // `sys.hash_info`: Taipan hashes as CPython 3.13 on 64-bit Linux does (siphash13 for
    // str/bytes, the 2**61 - 1 modulus for numbers).
    let hash_info = struct_seq(
        vm,
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
        vec![
            Value::Int(64),
            Value::Int((1 << 61) - 1),
            Value::Int(314159),
            Value::Int(0),
            Value::Int(1000003),
            vm.new_str("siphash13"),
            Value::Int(64),
            Value::Int(128),
            Value::Int(0),
        ],
    )?;
    if let Value::Obj(o) = &hash_info {
        let c = vm.class_of(&Value::Obj(o.clone()));
        crate::objects::set_type_attr(vm, &c, "__module__", vm.new_str("sys"));
    }
    mapping::dict_set_str(vm, &d, "hash_info", hash_info);
    let thread_info = struct_seq(
        vm,
        "thread_info",
        &["name", "lock", "version"],
        vec![vm.new_str("pthread"), vm.new_str("semaphore"), Value::None],
    )?;
    if let Value::Obj(o) = &thread_info {
        let c = vm.class_of(&Value::Obj(o.clone()));
        crate::objects::set_type_attr(vm, &c, "__module__", vm.new_str("sys"));
    }
    mapping::dict_set_str(vm, &d, "thread_info", thread_info);
    mapping::dict_set_str(vm, &d, "float_repr_style", vm.new_str("short"));
    mapping::dict_set_str(vm, &d, "api_version", Value::Int(1013));
    mapping::dict_set_str(vm, &d, "abiflags", vm.new_str(""));
    mapping::dict_set_str(vm, &d, "platlibdir", vm.new_str("lib"));
    mapping::dict_set_str(vm, &d, "pycache_prefix", Value::None);
    let options: Vec<Value> = vm.flags.warnoptions.iter().map(|o| vm.new_str(o)).collect();
    let warnoptions = vm.new_list(options);
    mapping::dict_set_str(vm, &d, "warnoptions", warnoptions);
    // Where CPython 3.13 would be installed; Taipan has no installation tree of its own.
    for name in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        mapping::dict_set_str(vm, &d, name, vm.new_str("/usr/local"));
    }
    let builtin_names: Vec<Value> = ["builtins", "io", "math", "sys", "time"]
        .iter()
        .map(|n| vm.new_str(n))
        .collect();
    let builtin_names = vm.new_tuple(builtin_names);
    mapping::dict_set_str(vm, &d, "builtin_module_names", builtin_names);
    for name in ["warnoptions", "meta_path", "path_hooks"] {
        let l = vm.new_list(Vec::new());
        mapping::dict_set_str(vm, &d, name, l);
    }
    let cache = vm.new_dict();
    mapping::dict_set_str(vm, &d, "path_importer_cache", Value::Obj(cache));
    let copyright = "Copyright (c) 2001-2024 Python Software Foundation.\nAll Rights Reserved.\n\nCopyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\nCopyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.";
    mapping::dict_set_str(vm, &d, "copyright", vm.new_str(copyright));
    mapping::dict_set_str(vm, &d, "maxsize", Value::Int(i64::MAX));
    mapping::dict_set_str(vm, &d, "maxunicode", Value::Int(0x10FFFF));
    mapping::dict_set_str(
        vm,
        &d,
        "byteorder",
        vm.new_str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    mapping::dict_set_str(vm, &d, "platform", vm.new_str(std::env::consts::OS));
    mapping::dict_set_str(
        vm,
        &d,
        "executable",
        vm.new_str(
            &std::env::current_exe()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        ),
    );
    let entries: Vec<Value> = vm.flags.path.iter().map(|p| vm.new_str(p)).collect();
    let path = vm.new_list(entries);
    mapping::dict_set_str(vm, &d, "path", path);
    let dont_write = Value::bool(vm.flags.dont_write_bytecode);
    mapping::dict_set_str(vm, &d, "dont_write_bytecode", dont_write);
    // The import system's other visible state. Taipan's finders are built in (not on
    // `meta_path`), so these stay empty: a program may read them, and changing them has no
    // effect yet.
    for name in ["meta_path", "path_hooks"] {
        let list = vm.new_list(Vec::new());
        mapping::dict_set_str(vm, &d, name, list);
    }
    let importer_cache = Value::Obj(vm.new_dict());
    mapping::dict_set_str(vm, &d, "path_importer_cache", importer_cache);
    mapping::dict_set_str(vm, &d, "pycache_prefix", Value::None);
    let options: Vec<Value> = vm.flags.warnoptions.iter().map(|o| vm.new_str(o)).collect();
    let warnoptions = vm.new_list(options);
    mapping::dict_set_str(vm, &d, "warnoptions", warnoptions);
    mapping::dict_set_str(vm, &d, "__name__", vm.new_str("sys"));
    let fns: [(&'static str, crate::function::NativeFn); 22] = [
        ("exit", |vm, a| {
            let p = argparse::between(vm, &a, "exit", 0, 1)?;
            let args = p.to_vec();
            Err(crate::error::PyErr::new(
                vm.new_exception(&vm.exc.system_exit.clone(), args),
            ))
        }),
        ("getrecursionlimit", |vm, _a| {
            Ok(Value::Int(vm.recursion_limit as i64))
        }),
        ("setrecursionlimit", |vm, a| {
            let p = argparse::exact(vm, &a, "setrecursionlimit", 1)?;
            if matches!(p[0], Value::Float(_)) {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            let n = argparse::index_i64(vm, &p[0])?;
            if n < 1 {
                return Err(vm.value_error("recursion limit must be greater or equal than 1"));
            }
            if (n as usize) <= vm.depth {
                return Err(vm.error(&vm.exc.recursion_error.clone(), format!(
                    "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
                    vm.depth
                )));
            }
            vm.recursion_limit = n.min(1 << 30) as usize;
            Ok(Value::None)
        }),
        ("exc_info", |vm, _a| {
            let h = vm.handled.clone();
            if h.is_none() {
                return Ok(vm.new_tuple(vec![Value::None, Value::None, Value::None]));
            }
            let class = Value::Obj(vm.class_of(&h));
            let tb = crate::objects::exception::exc_data(&h)
                .and_then(|d| d.traceback.borrow().clone())
                .unwrap_or(Value::None);
            Ok(vm.new_tuple(vec![class, h, tb]))
        }),
        ("exception", |vm, _a| Ok(vm.handled.clone())),
        ("_getframe", |vm, a| {
            let p = argparse::between(vm, &a, "_getframe", 0, 1)?;
            let depth = match p.first() {
                Some(v) => argparse::index_i64(vm, v)?,
                None => 0,
            };
            vm.frame_at_depth(usize::try_from(depth).unwrap_or(0))
        }),
        ("intern", |vm, a| {
            let p = argparse::exact(vm, &a, "intern", 1)?;
            match &p[0] {
                Value::Str(s) => Ok(Value::Str(vm.intern_str(s))),
                other if other.as_str_obj().is_some() => {
                    Err(vm.type_error(format!("can't intern {}", vm.type_name(other))))
                }
                other => Err(vm.type_error(format!(
                    "intern() argument must be str, not {}",
                    vm.type_name(other)
                ))),
            }
        }),
        ("getsizeof", |vm, a| {
            let p = argparse::between(vm, &a, "getsizeof", 1, 2)?;
            let name = vm.names.__sizeof__.clone();
            match vm.call_special(&p[0], &name, &[])? {
                Some(Value::Int(n)) => Ok(Value::Int(
                    n + if matches!(p[0], Value::Obj(_)) { 16 } else { 0 },
                )),
                _ => Ok(Value::Int(
                    crate::builtins::sizeof_estimate(vm, &p[0]) as i64
                )),
            }
        }),
        ("get_int_max_str_digits", |vm, _a| {
            Ok(Value::Int(vm.int_max_str_digits as i64))
        }),
        ("set_int_max_str_digits", |vm, a| {
            let b = argparse::bind(vm, &a, "set_int_max_str_digits", &["maxdigits"], 1)?;
            let n = argparse::index_i64(vm, b[0].as_ref().unwrap_or(&Value::None))?;
            if n != 0 && n < 640 {
                return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
            }
            vm.int_max_str_digits = n as usize;
            Ok(Value::None)
        }),
        ("getdefaultencoding", |vm, _a| Ok(vm.new_str("utf-8"))),
        ("getfilesystemencoding", |vm, _a| Ok(vm.new_str("utf-8"))),
        ("getfilesystemencodeerrors", |vm, _a| {
            Ok(vm.new_str("surrogateescape"))
        }),
        ("getswitchinterval", |_vm, _a| Ok(Value::float(0.005))),
        ("gettrace", |_vm, _a| Ok(Value::None)),
        ("getprofile", |_vm, _a| Ok(Value::None)),
        ("settrace", |vm, a| {
            argparse::exact(vm, &a, "settrace", 1)?;
            Ok(Value::None)
        }),
        ("setprofile", |vm, a| {
            argparse::exact(vm, &a, "setprofile", 1)?;
            Ok(Value::None)
        }),
        ("getrefcount", |vm, a| {
            let p = argparse::exact(vm, &a, "getrefcount", 1)?;
            Ok(Value::Int(match &p[0] {
                Value::Obj(o) => o.refcount() as i64,
                Value::Str(s) => s.refcount() as i64,
                _ => 1 << 30,
            }))
        }),
        ("is_finalizing", |_vm, _a| Ok(Value::FALSE)),
        ("displayhook", |vm, a| {
            let p = argparse::exact(vm, &a, "displayhook", 1)?;
            if !p[0].is_none() {
                let r = vm.repr_string(&p[0])?;
                crate::io::write_stdout(vm, &format!("{r}\n"))?;
            }
            Ok(Value::None)
        }),
        ("excepthook", |vm, a| {
            let p = argparse::between(vm, &a, "excepthook", 3, 3)?;
            let text = crate::traceback::format_exception(vm, &p[1]);
            crate::io::write_stderr(vm, &text)?;
            Ok(Value::None)
        }),
    ];
    for (name, f) in fns {
        let v = crate::objects::function(vm, name, f, Some("sys"));
        mapping::dict_set_str(vm, &d, name, v);
    }
    Ok(m)
}

/// Create `sys` and register it (with `builtins`) in `sys.modules`.
pub(crate) fn install(vm: &mut Vm) {
    let Ok(sys) = make(vm) else { return };
    vm.sys_dict = crate::ops::attr::instance_dict(&Value::Obj(sys.clone()));
    let modules = vm.modules.clone();
    mapping::dict_set_str(vm, &modules, "sys", Value::Obj(sys));
    let b = Value::Obj(vm.builtins.clone());
    mapping::dict_set_str(vm, &modules, "builtins", b);
}
