//! `import`: the modules built into Taipan (`sys`, `math`, `time`, `builtins`), looked up in
//! `sys.modules`. Loading Python source modules and `__pycache__` is the next issue's work;
//! until then any other name is CPython's `ModuleNotFoundError`.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{ModuleObj, Payload};
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

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

/// The module `name`, importing a built-in one on first use.
pub fn import_module(vm: &mut Vm, name: &str) -> PyResult {
    let key = vm.new_str(name);
    let modules = vm.modules.clone();
    if let Some(m) = mapping::dict_get(vm, &modules, &key)? {
        return Ok(m);
    }
    let module = match name {
        "math" => crate::modules::math::make(vm),
        "time" => crate::modules::time::make(vm),
        "io" => crate::io_file::make_module(vm),
        _ => {
            let e = vm.new_exception(
                &vm.exc.module_not_found_error.clone(),
                vec![vm.new_string(format!("No module named '{name}'"))],
            );
            if let Some(d) = e.dict() {
                mapping::dict_set_str(vm, d, "name", vm.new_str(name));
                mapping::dict_set_str(vm, d, "path", Value::None);
            }
            return Err(crate::error::PyErr::new(e));
        }
    };
    let m = Value::Obj(module);
    mapping::dict_set(vm, &modules, key, m.clone())?;
    Ok(m)
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
    let name = argparse::str_arg(
        vm,
        b[0].as_ref().unwrap_or(&Value::None),
        "__import__() argument 1",
    )?;
    let level = match &b[4] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => 0,
    };
    if level > 0 {
        return Err(vm.error(
            &vm.exc.import_error.clone(),
            "attempted relative import with no known parent package",
        ));
    }
    if name.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    let top = name.split('.').next().unwrap_or(&name).to_owned();
    let module = import_module(vm, &name)?;
    let has_fromlist = match &b[3] {
        Some(f) if !f.is_none() => vm.truthy(f)?,
        _ => false,
    };
    if has_fromlist || top == name {
        Ok(module)
    } else {
        import_module(vm, &top)
    }
}
