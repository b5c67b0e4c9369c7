//! `import`, as CPython 3.13's import system behaves: `sys.modules` first, then the modules
//! built into Taipan (written in Rust), then the folders of `sys.path` (or a package's
//! `__path__`) for packages, modules, sourceless `.pyc` files and namespace packages, with
//! `__pycache__` caching ([`cache`]). Relative imports, `fromlist` handling and the errors
//! (`ModuleNotFoundError`, circular-import `ImportError`s) follow `importlib._bootstrap` and
//! `import.c`.
//!
//! **Design.** The machinery is Rust: one lookup, no Python frames on the way (CPython runs its
//! `importlib` in Python; its frames never show in tracebacks, and neither do these). The
//! objects programs see (`ModuleSpec`, `SourceFileLoader`, `_NamespacePath`) are Python classes
//! from `bootstrap.py`, made on the first import from a file, carrying what the Rust finder
//! found. `sys.meta_path` and `sys.path_hooks` exist but are not consulted.

pub mod cache;
pub mod finder;
mod module_type;

use crate::argparse;
use crate::error::{PyErr, PyResult};
use crate::function::Args;
use crate::object::{ModuleObj, Payload};
use crate::ops::{attr, mapping};
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub(crate) use module_type::init as init_module_type;

/// A new module object named `name`.
pub fn new_module(vm: &mut Vm, name: &str) -> Obj {
    let dict = vm.new_dict();
    mapping::dict_set_str(vm, &dict, "__name__", vm.new_str(name));
    mapping::dict_set_str(vm, &dict, "__doc__", Value::None);
    mapping::dict_set_str(vm, &dict, "__package__", vm.new_str(""));
    mapping::dict_set_str(vm, &dict, "__loader__", Value::None);
    mapping::dict_set_str(vm, &dict, "__spec__", Value::None);
    Obj::new(vm.types.module.clone(), Payload::Module(ModuleObj { dict }))
}

/// The names of the modules built into Taipan, importable without a file.
pub const BUILTIN_MODULES: &[&str] = &[
    "_ast_native",
    "_dis",
    "_tokenize",
    "ast",
    "builtins",
    "dis",
    "importlib",
    "importlib.util",
    "io",
    "marshal",
    "math",
    "sys",
    "time",
    "token",
    "tokenize",
    "warnings",
];

/// The module `name` (a full dotted name), imported if need be: CPython's `_gcd_import`.
/// Returns the module itself (`a.b.c`'s, not `a`'s).
pub fn import_module(vm: &mut Vm, name: &str) -> PyResult {
    let key = vm.new_str(name);
    let modules = vm.modules.clone();
    if let Some(m) = mapping::dict_get(vm, &modules, &key)? {
        if m.is_none() {
            return Err(module_not_found(
                vm,
                &format!("import of {name} halted; None in sys.modules"),
                name,
            ));
        }
        return Ok(m);
    }
    find_and_load(vm, name)
}

/// Import `name` (not in `sys.modules`): its parent package first, then the module from the
/// parent's `__path__` (or the built-in modules and `sys.path` for a top-level name).
fn find_and_load(vm: &mut Vm, name: &str) -> PyResult {
    let (parent, tail) = match name.rsplit_once('.') {
        Some((parent, tail)) => (Some(parent), tail),
        None => (None, name),
    };
    let mut search = None;
    let mut parent_module = None;
    if let Some(parent) = parent {
        let module = import_module(vm, parent)?;
        // Importing the parent may have imported this module too.
        let key = vm.new_str(name);
        let modules = vm.modules.clone();
        if let Some(m) = mapping::dict_get(vm, &modules, &key)? {
            return Ok(m);
        }
        let path_name = vm.intern("__path__");
        let Some(path) = attr::get_attr_opt(vm, &module, &path_name)? else {
            return Err(module_not_found(
                vm,
                &format!("No module named '{name}'; '{parent}' is not a package"),
                name,
            ));
        };
        search = Some(string_list(vm, &path)?);
        parent_module = Some(module);
    }
    let module = match search {
        _ if BUILTIN_MODULES.contains(&name) => load_builtin(vm, name)?,
        _ => {
            let entries = match search {
                Some(entries) => entries,
                None => sys_path(vm)?,
            };
            let Some(found) = finder::find(tail, &entries) else {
                return Err(module_not_found(
                    vm,
                    &format!("No module named '{name}'"),
                    name,
                ));
            };
            load_found(vm, name, &found)?
        }
    };
    if let Some(parent) = parent_module {
        // As importlib: the parent gets the child as an attribute once it has loaded.
        let tail = vm.new_str(tail);
        attr::set_attr(vm, &parent, &tail, module.clone())?;
    }
    Ok(module)
}

/// A built-in module, made and recorded in `sys.modules`.
fn load_builtin(vm: &mut Vm, name: &str) -> PyResult {
    let module = match name {
        "math" => crate::modules::math::make(vm),
        "time" => crate::modules::time::make(vm),
        "io" => crate::io_file::make_module(vm),
        "marshal" => crate::modules::marshal::make(vm),
        "_dis" => crate::modules::dis_native::make(vm),
        "_ast_native" => crate::modules::ast_native::make(vm),
        "_tokenize" => crate::modules::tokenize_native::make(vm),
        "token" => {
            let native = import_module(vm, "_tokenize")?;
            let kinds_name = vm.intern("kinds");
            let kinds = attr::get_attr(vm, &native, &kinds_name)?;
            let kinds = vm.call(&kinds, Args::new(&[]))?;
            let source = include_str!("../modules/token.py");
            python_module_with(vm, name, source, &[("_kinds", kinds)])?
        }
        "warnings" => {
            let line = crate::objects::function(
                vm,
                "_source_line",
                |vm, a| {
                    let p = argparse::between(vm, &a, "_source_line", 2, 2)?;
                    let filename = vm.str_lossy(&p[0]);
                    let lineno = argparse::index_i64(vm, &p[1])?;
                    let lineno = i32::try_from(lineno).unwrap_or(0);
                    let line = crate::traceback::source_line(vm, &filename, lineno);
                    Ok(vm.new_string(line.unwrap_or_default()))
                },
                Some("warnings"),
            );
            let source = include_str!("../modules/warnings.py");
            python_module_with(vm, name, source, &[("_source_line", line)])?
        }
        "tokenize" => {
            let native = import_module(vm, "_tokenize")?;
            let source = include_str!("../modules/tokenize.py");
            python_module_with(vm, name, source, &[("_tokenize", native)])?
        }
        "ast" => {
            let native = import_module(vm, "_ast_native")?;
            // `ast.py`, then `ast_unparse.py` in the same namespace (one module, two files).
            let source = concat!(
                include_str!("../modules/ast.py"),
                "\n",
                include_str!("../modules/ast_unparse.py")
            );
            python_module_with(vm, name, source, &[("_ast_native", native)])?
        }
        "dis" => {
            let native = import_module(vm, "_dis")?;
            python_module_with(
                vm,
                name,
                include_str!("../modules/dis.py"),
                &[("_dis", native)],
            )?
        }
        "importlib" => python_module(vm, name, include_str!("../modules/importlib.py"))?,
        "importlib.util" => python_module(vm, name, include_str!("../modules/importlib_util.py"))?,
        _ => {
            return Err(module_not_found(
                vm,
                &format!("No module named '{name}'"),
                name,
            ));
        }
    };
    let m = Value::Obj(module);
    let key = vm.new_str(name);
    let modules = vm.modules.clone();
    mapping::dict_set(vm, &modules, key, m.clone())?;
    Ok(m)
}

/// A built-in module written in Python (embedded source), with the import system's native
/// helpers in its namespace as `_taipan_import`.
fn python_module(vm: &mut Vm, name: &str, source: &str) -> PyResult<Obj> {
    python_module_with(vm, name, source, &[])
}

/// [`python_module`] with more native objects in its namespace before its source runs.
fn python_module_with(
    vm: &mut Vm,
    name: &str,
    source: &str,
    natives: &[(&str, Value)],
) -> PyResult<Obj> {
    let module = new_module(vm, name);
    let Some(d) = attr::instance_dict(&Value::Obj(module.clone())) else {
        return Err(vm.system_error("module has no namespace"));
    };
    let native = native_helpers(vm);
    mapping::dict_set_str(vm, &d, "_taipan_import", native);
    for (key, value) in natives {
        mapping::dict_set_str(vm, &d, key, value.clone());
    }
    let code = crate::compile::compile_text(vm, source, &format!("<frozen {name}>"), "exec", 0)?;
    run_code_in(vm, code, &d)?;
    Ok(module)
}

/// Load a module the finder found: make the module and its spec, record it in `sys.modules`,
/// run its code there. On an error the module leaves `sys.modules` again, as in CPython.
fn load_found(vm: &mut Vm, name: &str, found: &finder::Found) -> PyResult {
    let spec = make_spec(vm, name, found)?;
    let module = Value::Obj(new_module(vm, name));
    init_module_attrs(vm, &module, &spec, found)?;
    let key = vm.new_str(name);
    let modules = vm.modules.clone();
    mapping::dict_set(vm, &modules, key.clone(), module.clone())?;
    if found.kind == finder::Kind::Namespace {
        verbose_import(vm, name, &spec);
        return Ok(module);
    }
    let initializing = vm.intern("_initializing");
    attr::set_attr(vm, &spec, &initializing, Value::TRUE)?;
    let result = exec_module(vm, &module, name, found);
    let _ = attr::set_attr(vm, &spec, &initializing, Value::FALSE);
    if let Err(e) = result {
        let _ = mapping::dict_del(vm, &modules, &key);
        return Err(e);
    }
    verbose_import(vm, name, &spec);
    // A module may replace itself in `sys.modules` while it runs: importers get the
    // replacement, as CPython's `_load_unlocked` returns `sys.modules[name]`.
    match mapping::dict_get(vm, &modules, &key)? {
        Some(m) => Ok(m),
        None => Err(plain_import_error(
            vm,
            &format!("Loaded module {name} not found in sys.modules"),
        )),
    }
}

/// Run a found module's code in its namespace.
fn exec_module(vm: &mut Vm, module: &Value, name: &str, found: &finder::Found) -> PyResult<()> {
    let Some(origin) = &found.origin else {
        return Ok(());
    };
    let code = match found.kind {
        finder::Kind::Source => cache::source_code(vm, name, origin)?,
        _ => {
            let data =
                std::fs::read(origin).map_err(|e| crate::io_file::os_error(vm, &e, origin))?;
            let pyc = taipan_pyc::read_pyc(&data).map_err(|e| {
                import_error(vm, &format!("bad code object in {origin}: {e}"), name)
            })?;
            crate::verify::verify(&pyc.code)
                .map_err(|why| vm.system_error(format!("invalid bytecode in {origin}: {why}")))?;
            crate::compile::load_code(vm, pyc.code)
        }
    };
    let Some(globals) = attr::instance_dict(module) else {
        return Ok(());
    };
    run_code_in(vm, code, &globals)
}

/// Run module code in the namespace `globals` (which gets `__builtins__` first, as CPython's
/// `exec` gives it).
fn run_code_in(
    vm: &mut Vm,
    code: std::rc::Rc<crate::runtime_code::Code>,
    globals: &Obj,
) -> PyResult<()> {
    if mapping::dict_get_str(vm, globals, "__builtins__").is_none() {
        let builtins = Value::Obj(vm.builtins.clone());
        mapping::dict_set_str(vm, globals, "__builtins__", builtins);
    }
    let builtins = vm.builtins_dict();
    let frame = crate::frame::Frame::new(
        code,
        globals.clone(),
        builtins,
        Some(Value::Obj(globals.clone())),
    );
    vm.run_frame(frame).map(|_| ())
}

/// The module attributes importlib's `_init_module_attrs` sets from a spec.
fn init_module_attrs(
    vm: &mut Vm,
    module: &Value,
    spec: &Value,
    found: &finder::Found,
) -> PyResult<()> {
    let Some(d) = attr::instance_dict(module) else {
        return Ok(());
    };
    let get = |vm: &mut Vm, name: &str| -> PyResult<Value> {
        let n = vm.intern(name);
        attr::get_attr(vm, spec, &n)
    };
    let loader = get(vm, "loader")?;
    let parent = get(vm, "parent")?;
    mapping::dict_set_str(vm, &d, "__spec__", spec.clone());
    mapping::dict_set_str(vm, &d, "__loader__", loader);
    mapping::dict_set_str(vm, &d, "__package__", parent);
    if found.search_locations.is_some() {
        let path = get(vm, "submodule_search_locations")?;
        mapping::dict_set_str(vm, &d, "__path__", path);
    }
    if let Some(origin) = &found.origin {
        mapping::dict_set_str(vm, &d, "__file__", vm.new_str(origin));
        let cached = get(vm, "cached")?;
        mapping::dict_set_str(vm, &d, "__cached__", cached);
    } else {
        // As CPython 3.13: a namespace package has `__file__`, set to None.
        mapping::dict_set_str(vm, &d, "__file__", Value::None);
    }
    Ok(())
}

/// The `ModuleSpec` of a found module, with its loader.
fn make_spec(vm: &mut Vm, name: &str, found: &finder::Found) -> PyResult {
    let bootstrap = bootstrap(vm)?;
    let class = |vm: &mut Vm, class: &str| -> PyResult {
        mapping::dict_get_str(vm, &bootstrap, class)
            .ok_or_else(|| vm.system_error(format!("import bootstrap lacks {class}")))
    };
    let name_value = vm.new_str(name);
    let loader = match (&found.kind, &found.origin) {
        (finder::Kind::Namespace, _) | (_, None) => {
            let class = class(vm, "NamespaceLoader")?;
            let locations = found.search_locations.clone().unwrap_or_default();
            let locations = namespace_path(vm, &bootstrap, &locations)?;
            vm.call(&class, Args::new(&[name_value.clone(), locations]))?
        }
        (kind, Some(origin)) => {
            let class_name = if *kind == finder::Kind::Source {
                "SourceFileLoader"
            } else {
                "SourcelessFileLoader"
            };
            let class = class(vm, class_name)?;
            let origin = vm.new_str(origin);
            vm.call(&class, Args::new(&[name_value.clone(), origin]))?
        }
    };
    let spec_class = class(vm, "ModuleSpec")?;
    let spec = vm.call(&spec_class, Args::new(&[name_value, loader]))?;
    let set = |vm: &mut Vm, attribute: &str, value: Value| -> PyResult<()> {
        let n = vm.intern(attribute);
        attr::set_attr(vm, &spec, &n, value)
    };
    if let Some(origin) = &found.origin {
        set(vm, "origin", vm.new_str(origin))?;
        set(vm, "has_location", Value::TRUE)?;
        let cached = match found.kind {
            finder::Kind::Source => {
                let optimization =
                    taipan_pyc::cache::optimization_for_level(vm.flags.optimize.max(0) as u32);
                match taipan_pyc::cache::cache_from_source(
                    origin,
                    taipan_pyc::cache::TAIPAN_CACHE_TAG,
                    &optimization,
                ) {
                    Ok(path) => vm.new_string(path),
                    Err(_) => Value::None,
                }
            }
            _ => vm.new_str(origin),
        };
        set(vm, "cached", cached)?;
    }
    if let Some(locations) = &found.search_locations {
        let value = if found.kind == finder::Kind::Namespace {
            namespace_path(vm, &bootstrap, locations)?
        } else {
            let items = locations.iter().map(|l| vm.new_str(l)).collect();
            vm.new_list(items)
        };
        set(vm, "submodule_search_locations", value)?;
    }
    Ok(spec)
}

/// A namespace package's `__path__`: a `_NamespacePath` of its folders.
fn namespace_path(vm: &mut Vm, bootstrap: &Obj, locations: &[String]) -> PyResult {
    let items = locations.iter().map(|l| vm.new_str(l)).collect();
    let list = vm.new_list(items);
    match mapping::dict_get_str(vm, bootstrap, "_NamespacePath") {
        Some(class) => vm.call(&class, Args::new(&[list])),
        None => Ok(list),
    }
}

/// `-v`'s line for an imported module: `import 'name' # <loader repr>`.
fn verbose_import(vm: &mut Vm, name: &str, spec: &Value) {
    if vm.flags.verbose == 0 {
        return;
    }
    let n = vm.intern("loader");
    let loader = match attr::get_attr(vm, spec, &n) {
        Ok(loader) => vm.repr_string(&loader).unwrap_or_default(),
        Err(_) => String::new(),
    };
    cache::verbose(vm, &format!("import '{name}' # {loader}"));
}

/// The namespace of `bootstrap.py` (the spec and loader classes), run on first use.
fn bootstrap(vm: &mut Vm) -> PyResult<Obj> {
    let module = bootstrap_module(vm)?;
    attr::instance_dict(&Value::Obj(module))
        .ok_or_else(|| vm.system_error("import bootstrap has no namespace"))
}

/// The module `bootstrap.py` runs in (`_frozen_importlib`), made on first use.
fn bootstrap_module(vm: &mut Vm) -> PyResult<Obj> {
    if let Some(m) = &vm.import_bootstrap {
        return Ok(m.clone());
    }
    let module = python_module(vm, "_frozen_importlib", include_str!("bootstrap.py"))?;
    vm.import_bootstrap = Some(module.clone());
    Ok(module)
}

/// The native functions the import system's Python side calls (`_taipan_import`).
fn native_helpers(vm: &mut Vm) -> Value {
    let module = new_module(vm, "_taipan_import");
    if let Some(d) = attr::instance_dict(&Value::Obj(module.clone())) {
        let fns: [(&'static str, crate::function::NativeFn); 10] = [
            ("abspath", |vm, a| {
                let p = argparse::between(vm, &a, "abspath", 1, 1)?;
                let path = argparse::str_arg(vm, &p[0], "abspath() argument 1")?;
                Ok(vm.new_string(finder::absolute(&path)))
            }),
            ("import_module", |vm, a| {
                let p = argparse::between(vm, &a, "import_module", 1, 1)?;
                let name = argparse::str_arg(vm, &p[0], "import_module() argument 1")?;
                import_module(vm, &name)
            }),
            ("import_level", |vm, a| {
                let p = argparse::between(vm, &a, "import_level", 3, 3)?;
                let (name, level) = (p[0].clone(), argparse::index_i64(vm, &p[2])?);
                let absolute = sanity_checked_name(vm, &name, &p[1], level)?;
                import_module(vm, &absolute)
            }),
            ("resolve", |vm, a| {
                let p = argparse::between(vm, &a, "resolve", 3, 3)?;
                let (name, level) = (p[0].clone(), argparse::index_i64(vm, &p[2])?);
                let absolute = sanity_checked_name(vm, &name, &p[1], level)?;
                Ok(vm.new_string(absolute))
            }),
            ("exec_module", |vm, a| {
                let p = argparse::between(vm, &a, "exec_module", 1, 1)?;
                exec_from_spec(vm, &p[0])?;
                Ok(Value::None)
            }),
            ("reload", |vm, a| {
                let p = argparse::between(vm, &a, "reload", 1, 1)?;
                reexec(vm, &p[0])?;
                Ok(Value::None)
            }),
            ("find_spec", |vm, a| {
                let p = argparse::between(vm, &a, "find_spec", 1, 1)?;
                let name = argparse::str_arg(vm, &p[0], "find_spec() argument 1")?;
                find_spec(vm, &name)
            }),
            ("bootstrap", |vm, _a| bootstrap_module(vm).map(Value::Obj)),
            ("cache_from_source", |vm, a| {
                let p = argparse::between(vm, &a, "cache_from_source", 1, 2)?;
                let path = argparse::str_arg(vm, &p[0], "cache_from_source() argument 1")?;
                let optimization = match p.get(1) {
                    Some(v) if !v.is_none() => vm.str_lossy(v),
                    _ => taipan_pyc::cache::optimization_for_level(vm.flags.optimize.max(0) as u32),
                };
                match taipan_pyc::cache::cache_from_source(
                    &path,
                    taipan_pyc::cache::TAIPAN_CACHE_TAG,
                    &optimization,
                ) {
                    Ok(cached) => Ok(vm.new_string(cached)),
                    Err(e) => Err(vm.value_error(e.to_string())),
                }
            }),
            ("source_from_cache", |vm, a| {
                let p = argparse::between(vm, &a, "source_from_cache", 1, 1)?;
                let path = argparse::str_arg(vm, &p[0], "source_from_cache() argument 1")?;
                match taipan_pyc::cache::source_from_cache(&path) {
                    Ok(source) => Ok(vm.new_string(source)),
                    Err(e) => Err(vm.value_error(e.to_string())),
                }
            }),
        ];
        for (name, f) in fns {
            let v = crate::objects::function(vm, name, f, Some("_taipan_import"));
            mapping::dict_set_str(vm, &d, name, v);
        }
    }
    Value::Obj(module)
}

/// importlib's `_sanity_check` and `_resolve_name` for `import_module(name, package)`: the
/// absolute name.
fn sanity_checked_name(vm: &mut Vm, name: &Value, package: &Value, level: i64) -> PyResult<String> {
    let Some(name) = name.as_str_obj() else {
        let t = vm.class_of(name);
        let t = vm.repr_string(&Value::Obj(t))?;
        return Err(vm.type_error(format!("module name must be str, not {t}")));
    };
    let name = name.to_lossy().into_owned();
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if level > 0 {
        let Some(package) = package.as_str_obj() else {
            return Err(vm.type_error("__package__ not set to a string"));
        };
        let package = package.to_lossy().into_owned();
        if package.is_empty() {
            return Err(plain_import_error(
                vm,
                "attempted relative import with no known parent package",
            ));
        }
        let globals = vm.new_dict();
        mapping::dict_set_str(vm, &globals, "__package__", vm.new_str(&package));
        return resolve_name(vm, &name, &Value::Obj(globals), level);
    }
    if name.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    Ok(name)
}

/// A loader's `exec_module(module)`: run the file its `__spec__` names in the module.
fn exec_from_spec(vm: &mut Vm, module: &Value) -> PyResult<()> {
    let n = vm.intern("__spec__");
    let spec = attr::get_attr(vm, module, &n)?;
    let get = |vm: &mut Vm, name: &str| -> PyResult<Value> {
        let n = vm.intern(name);
        attr::get_attr(vm, &spec, &n)
    };
    let name = get(vm, "name")?;
    let name = vm.str_lossy(&name);
    let origin = get(vm, "origin")?;
    let Some(origin) = origin.as_str_obj() else {
        return Ok(());
    };
    let origin = origin.to_lossy().into_owned();
    let locations = get(vm, "submodule_search_locations")?;
    let search_locations = if locations.is_none() {
        None
    } else {
        Some(string_list(vm, &locations)?)
    };
    let kind = if origin.ends_with(".pyc") {
        finder::Kind::Sourceless
    } else {
        finder::Kind::Source
    };
    let found = finder::Found {
        kind,
        origin: Some(origin),
        search_locations,
    };
    exec_module(vm, module, &name, &found)
}

/// `importlib.util.find_spec(name)` for an absolute name: the spec the import system would
/// use, or `None`; a module already imported gives its `__spec__`.
pub fn find_spec(vm: &mut Vm, name: &str) -> PyResult {
    let key = vm.new_str(name);
    let modules = vm.modules.clone();
    if let Some(m) = mapping::dict_get(vm, &modules, &key)? {
        let n = vm.intern("__spec__");
        return Ok(attr::get_attr_opt(vm, &m, &n)?.unwrap_or(Value::None));
    }
    let (entries, tail) = match name.rsplit_once('.') {
        Some((parent, tail)) => {
            let parent = import_module(vm, parent)?;
            let n = vm.intern("__path__");
            let Some(path) = attr::get_attr_opt(vm, &parent, &n)? else {
                return Err(module_not_found(
                    vm,
                    &format!(
                        "__path__ attribute not found on '{}' while trying to find '{name}'",
                        name.rsplit_once('.').map_or("", |p| p.0)
                    ),
                    name,
                ));
            };
            (string_list(vm, &path)?, tail)
        }
        None => {
            if BUILTIN_MODULES.contains(&name) {
                return Ok(Value::None);
            }
            (sys_path(vm)?, name)
        }
    };
    match finder::find(tail, &entries) {
        Some(found) => make_spec(vm, name, &found),
        None => Ok(Value::None),
    }
}

/// Run a module's code again in its own namespace (`importlib.reload`, a loader's
/// `exec_module`): found again by its `__spec__`'s name, as CPython's `reload` does.
pub fn reexec(vm: &mut Vm, module: &Value) -> PyResult<()> {
    let n = vm.intern("__name__");
    let name = attr::get_attr(vm, module, &n)?;
    let name = vm.str_lossy(&name);
    if BUILTIN_MODULES.contains(&name.as_str()) {
        return Ok(());
    }
    let (entries, tail) = match name.rsplit_once('.') {
        Some((parent, tail)) => {
            let parent = import_module(vm, parent)?;
            let n = vm.intern("__path__");
            let path = attr::get_attr(vm, &parent, &n)?;
            (string_list(vm, &path)?, tail.to_owned())
        }
        None => (sys_path(vm)?, name.clone()),
    };
    let Some(found) = finder::find(&tail, &entries) else {
        return Err(module_not_found(
            vm,
            &format!("spec not found for the module '{name}'"),
            &name,
        ));
    };
    let spec = make_spec(vm, &name, &found)?;
    init_module_attrs(vm, module, &spec, &found)?;
    exec_module(vm, module, &name, &found)
}

/// `sys.path` as strings (entries that are not `str` are skipped, as CPython's `PathFinder`).
fn sys_path(vm: &mut Vm) -> PyResult<Vec<String>> {
    let path = vm
        .sys_dict
        .clone()
        .and_then(|sys| mapping::dict_get_str(vm, &sys, "path"));
    match path {
        Some(path) => string_list(vm, &path),
        None => Err(plain_import_error(
            vm,
            "sys.path must be a list of directory names",
        )),
    }
}

/// The `str` items of an iterable (`sys.path`, a `__path__`).
fn string_list(vm: &mut Vm, v: &Value) -> PyResult<Vec<String>> {
    let items = vm.collect(v)?;
    Ok(items
        .iter()
        .filter_map(|item| match item.as_str_obj() {
            Some(s) => Some(s.to_lossy().into_owned()),
            _ => None,
        })
        .collect())
}

/// `ModuleNotFoundError(message, name=name)`.
fn module_not_found(vm: &mut Vm, message: &str, name: &str) -> PyErr {
    let class = vm.exc.module_not_found_error.clone();
    import_error_of(vm, &class, message, name)
}

/// `ImportError(message, name=name)`.
fn import_error(vm: &mut Vm, message: &str, name: &str) -> PyErr {
    let class = vm.exc.import_error.clone();
    import_error_of(vm, &class, message, name)
}

/// `ImportError(message)`: no module name.
fn plain_import_error(vm: &mut Vm, message: &str) -> PyErr {
    let class = vm.exc.import_error.clone();
    import_error_named(vm, &class, message, Value::None)
}

fn import_error_of(vm: &mut Vm, class: &Obj, message: &str, name: &str) -> PyErr {
    let name = vm.new_str(name);
    import_error_named(vm, class, message, name)
}

/// An `ImportError` (or subclass) with the attributes its constructor sets: `msg`, `name`,
/// `path`, `name_from`.
fn import_error_named(vm: &mut Vm, class: &Obj, message: &str, name: Value) -> PyErr {
    let message = vm.new_str(message);
    let e = vm.new_exception(class, vec![message.clone()]);
    if let Some(d) = e.dict() {
        mapping::dict_set_str(vm, d, "msg", message);
        mapping::dict_set_str(vm, d, "name", name);
        mapping::dict_set_str(vm, d, "path", Value::None);
        mapping::dict_set_str(vm, d, "name_from", Value::None);
    }
    PyErr::new(e)
}

/// The package a relative import is relative to: CPython's `_calc___package__` over the
/// importing module's globals.
fn calc_package(vm: &mut Vm, globals: &Value) -> PyResult<Option<Value>> {
    let Some(Payload::Dict(_)) = globals.payload() else {
        return Ok(None);
    };
    let Value::Obj(globals) = globals else {
        return Ok(None);
    };
    if let Some(package) = mapping::dict_get_str(vm, globals, "__package__")
        && !package.is_none()
    {
        return Ok(Some(package));
    }
    if let Some(spec) = mapping::dict_get_str(vm, globals, "__spec__")
        && !spec.is_none()
    {
        let n = vm.intern("parent");
        return attr::get_attr(vm, &spec, &n).map(Some);
    }
    let Some(name) = mapping::dict_get_str(vm, globals, "__name__") else {
        return Err(vm.error(&vm.exc.key_error.clone(), "'__name__' not in globals"));
    };
    if mapping::dict_get_str(vm, globals, "__path__").is_some() {
        return Ok(Some(name));
    }
    let name = vm.str_lossy(&name);
    Ok(Some(vm.new_str(name.rsplit_once('.').map_or("", |p| p.0))))
}

/// The absolute name of a relative import: CPython's `_resolve_name`.
fn resolve_name(vm: &mut Vm, name: &str, globals: &Value, level: i64) -> PyResult<String> {
    let package = calc_package(vm, globals)?;
    let package = match package {
        Some(p) => match p.as_str_obj() {
            Some(s) => s.to_lossy().into_owned(),
            _ => return Err(vm.type_error("package must be a string")),
        },
        None => String::new(),
    };
    if package.is_empty() {
        return Err(plain_import_error(
            vm,
            "attempted relative import with no known parent package",
        ));
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rsplit_once('.') {
            Some((head, _)) => base = head,
            None => {
                return Err(plain_import_error(
                    vm,
                    "attempted relative import beyond top-level package",
                ));
            }
        }
    }
    Ok(if name.is_empty() {
        base.to_owned()
    } else {
        format!("{base}.{name}")
    })
}

/// `__import__(name, globals, locals, fromlist, level)`: CPython's
/// `PyImport_ImportModuleLevelObject`.
pub fn import_module_level(
    vm: &mut Vm,
    name: &str,
    globals: &Value,
    fromlist: &Value,
    level: i64,
) -> PyResult {
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    let absolute = if level > 0 {
        resolve_name(vm, name, globals, level)?
    } else {
        if name.is_empty() {
            return Err(vm.value_error("Empty module name"));
        }
        name.to_owned()
    };
    let module = import_module(vm, &absolute)?;
    let has_fromlist = !fromlist.is_none() && vm.truthy(fromlist)?;
    if !has_fromlist {
        if level == 0 || !name.is_empty() {
            let front = name.split('.').next().unwrap_or(name);
            if level == 0 {
                return import_module(vm, front);
            }
            let cut = name.len() - front.len();
            let wanted = &absolute[..absolute.len() - cut];
            let key = vm.new_str(wanted);
            let modules = vm.modules.clone();
            return match mapping::dict_get(vm, &modules, &key)? {
                Some(m) => Ok(m),
                None => Err(vm.error(
                    &vm.exc.key_error.clone(),
                    format!("'{wanted}' not in sys.modules as expected"),
                )),
            };
        }
        return Ok(module);
    }
    let path_name = vm.intern("__path__");
    if attr::get_attr_opt(vm, &module, &path_name)?.is_some() {
        handle_fromlist(vm, &module, fromlist, false)?;
    }
    Ok(module)
}

/// Import the submodules a `from package import a, b` names that are not attributes yet:
/// importlib's `_handle_fromlist`.
fn handle_fromlist(vm: &mut Vm, module: &Value, fromlist: &Value, recursive: bool) -> PyResult<()> {
    let items = vm.collect(fromlist)?;
    for item in items {
        let Some(s) = item.as_str_obj() else {
            let n = vm.intern("__name__");
            let where_ = if recursive {
                let modname = attr::get_attr(vm, module, &n)?;
                format!("{}.__all__", vm.str_lossy(&modname))
            } else {
                "``from list''".to_owned()
            };
            return Err(vm.type_error(format!(
                "Item in {where_} must be str, not {}",
                vm.type_name(&item)
            )));
        };
        let x = s.to_lossy().into_owned();
        if x == "*" {
            let all = vm.intern("__all__");
            if !recursive && let Some(all) = attr::get_attr_opt(vm, module, &all)? {
                handle_fromlist(vm, module, &all, true)?;
            }
            continue;
        }
        if attr::get_attr_opt(vm, module, &item)?.is_some() {
            continue;
        }
        let n = vm.intern("__name__");
        let modname = attr::get_attr(vm, module, &n)?;
        let from_name = format!("{}.{x}", vm.str_lossy(&modname));
        if let Err(e) = import_module(vm, &from_name) {
            // A submodule that does not exist is not an error here: the `IMPORT_FROM` that
            // follows reports the missing name.
            let exc = e.value();
            if vm.is_instance_of(&exc, &vm.exc.module_not_found_error.clone()) {
                let n = vm.intern("name");
                let missing = attr::get_attr_opt(vm, &exc, &n)?;
                let same = missing.is_some_and(|m| vm.str_lossy(&m) == from_name);
                let key = vm.new_str(&from_name);
                let modules = vm.modules.clone();
                let blocked = matches!(mapping::dict_get(vm, &modules, &key)?, Some(Value::None));
                if same && !blocked {
                    continue;
                }
            }
            return Err(e);
        }
    }
    Ok(())
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn builtin_import(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = argparse::bind(
        vm,
        &args,
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
        1,
    )?;
    let name = match b[0].as_ref().and_then(Value::as_str_obj) {
        Some(s) => s.to_lossy().into_owned(),
        _ => return Err(vm.type_error("module name must be a string")),
    };
    let level = match &b[4] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => 0,
    };
    let globals = b[1].clone().unwrap_or(Value::None);
    let fromlist = b[3].clone().unwrap_or(Value::None);
    import_module_level(vm, &name, &globals, &fromlist, level)
}

/// `from module import name` (`IMPORT_FROM`): the attribute, else the submodule
/// `module.name` from `sys.modules`, else CPython's `ImportError` (naming a circular import
/// when the module is still initialising).
pub fn import_from(vm: &mut Vm, module: &Value, name: &Value) -> PyResult {
    if let Some(v) = attr::get_attr_opt(vm, module, name)? {
        return Ok(v);
    }
    let n = vm.str_lossy(name);
    let name_attr = vm.intern("__name__");
    let package = attr::get_attr_opt(vm, module, &name_attr).ok().flatten();
    let package = package.filter(|p| p.as_str_obj().is_some());
    if let Some(package) = &package {
        let full = format!("{}.{n}", vm.str_lossy(package));
        let key = vm.new_str(&full);
        let modules = vm.modules.clone();
        if let Some(m) = mapping::dict_get(vm, &modules, &key)? {
            return Ok(m);
        }
    }
    let modname = match &package {
        Some(p) => vm.repr_string(p)?,
        None => "'<unknown module name>'".to_owned(),
    };
    let name_repr = vm.repr_string(name)?;
    let file_attr = vm.intern("__file__");
    let file = attr::get_attr_opt(vm, module, &file_attr)
        .ok()
        .flatten()
        .filter(|f| f.as_str_obj().is_some());
    let message = match &file {
        None => format!("cannot import name {name_repr} from {modname} (unknown location)"),
        Some(f) => {
            let path = vm.str_lossy(f);
            let spec_attr = vm.intern("__spec__");
            let spec = attr::get_attr_opt(vm, module, &spec_attr).ok().flatten();
            let initializing = match spec {
                Some(spec) if !spec.is_none() => {
                    let i = vm.intern("_initializing");
                    match attr::get_attr_opt(vm, &spec, &i).ok().flatten() {
                        Some(v) => vm.truthy(&v).unwrap_or(false),
                        None => false,
                    }
                }
                _ => false,
            };
            if initializing {
                format!(
                    "cannot import name {name_repr} from partially initialized module {modname} (most likely due to a circular import) ({path})"
                )
            } else {
                format!("cannot import name {name_repr} from {modname} ({path})")
            }
        }
    };
    let message = vm.new_string(message);
    let e = vm.new_exception(&vm.exc.import_error.clone(), vec![message.clone()]);
    if let Some(d) = e.dict() {
        mapping::dict_set_str(vm, d, "msg", message);
        let package = package.unwrap_or(Value::None);
        mapping::dict_set_str(vm, d, "name", package);
        mapping::dict_set_str(vm, d, "name_from", name.clone());
        mapping::dict_set_str(vm, d, "path", file.unwrap_or(Value::None));
    }
    Err(PyErr::new(e))
}

/// How `-m NAME` finds what to run: the module's file and spec, or for a package its
/// `__main__` submodule (CPython's `runpy._get_module_details`). The parent packages are
/// imported on the way, as CPython does.
pub fn main_module_details(
    vm: &mut Vm,
    name: &str,
) -> Result<(String, Value, finder::Found), String> {
    let mut name = name.to_owned();
    for _ in 0..2 {
        if name.starts_with('.') {
            return Err("Relative module names not supported".to_owned());
        }
        let (entries, tail) = match name.rsplit_once('.') {
            Some((parent, tail)) => {
                let parent_module = import_module(vm, parent).map_err(|e| describe(vm, &e))?;
                let n = vm.intern("__path__");
                let path = attr::get_attr_opt(vm, &parent_module, &n)
                    .ok()
                    .flatten()
                    .ok_or_else(|| {
                        format!("Error while finding module specification for '{name}' (ModuleNotFoundError: __path__ attribute not found on '{parent}' while trying to find '{name}')")
                    })?;
                let entries = string_list(vm, &path).map_err(|e| describe(vm, &e))?;
                (entries, tail.to_owned())
            }
            None => (sys_path(vm).map_err(|e| describe(vm, &e))?, name.clone()),
        };
        let Some(found) = finder::find(&tail, &entries) else {
            if let Some(package) = name.strip_suffix(".__main__") {
                return Err(format!(
                    "No module named {name}; '{package}' is a package and cannot be directly executed"
                ));
            }
            return Err(format!("No module named {name}"));
        };
        if found.search_locations.is_some() {
            if name.ends_with(".__main__") {
                return Err("Cannot use package as __main__ module".to_owned());
            }
            // A package runs its `__main__` submodule: import the package first.
            import_module(vm, &name).map_err(|e| describe(vm, &e))?;
            name = format!("{name}.__main__");
            continue;
        }
        let spec = make_spec(vm, &name, &found).map_err(|e| describe(vm, &e))?;
        return Ok((name, spec, found));
    }
    let package = name.trim_end_matches(".__main__").to_owned();
    Err(format!(
        "No module named {name}; '{package}' is a package and cannot be directly executed"
    ))
}

/// `ClassName: message` of an exception, for `-m`'s error lines.
fn describe(vm: &mut Vm, e: &PyErr) -> String {
    let exc = e.value();
    let class = vm.type_name(&exc);
    let text = vm.str_lossy(&exc);
    format!("Error while finding module specification ({class}: {text})")
}

/// Run module `name` as `__main__` (`-m`): its code in a fresh `__main__` module with the
/// spec's attributes. The exit status, as [`Vm::run_main`].
pub fn run_module_as_main(vm: &mut Vm, name: &str) -> Result<i32, String> {
    let (name, spec, found) = main_module_details(vm, name)?;
    let Some(origin) = found.origin.clone() else {
        return Err(format!("No module named {name}"));
    };
    // `sys.argv[0]` becomes the module's file, as runpy sets it.
    if let Some(sys) = vm.sys_dict.clone()
        && let Some(argv) = mapping::dict_get_str(vm, &sys, "argv")
        && let Some(Payload::List(items)) = argv.payload()
        && let Some(first) = items.borrow_mut().first_mut()
    {
        *first = vm.new_str(&origin);
    }
    let code = match found.kind {
        finder::Kind::Source => cache::source_code(vm, &name, &origin),
        _ => Err(vm.system_error("sourceless -m modules are not supported")),
    };
    Ok(vm.run_main_module(code, &spec, &found))
}
