//! The `module` type's methods: `ModuleType(name, doc=None)` and CPython's module `repr`
//! (`importlib._bootstrap._module_repr`: from the spec when there is one, else from
//! `__file__` or the loader).

use crate::argparse;
use crate::error::PyResult;
use crate::object::{ModuleObj, Payload};
use crate::objects::{method, staticmethod};
use crate::ops::{attr, mapping};
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.module.clone();
    staticmethod(vm, &t, "__new__", |vm, a| {
        let Some(Value::Obj(cls)) = a.values.first() else {
            return Err(vm.type_error("module.__new__(X): X is not a type object"));
        };
        let dict = vm.new_dict();
        for name in [
            "__name__",
            "__doc__",
            "__package__",
            "__loader__",
            "__spec__",
        ] {
            mapping::dict_set_str(vm, &dict, name, Value::None);
        }
        Ok(Value::Obj(Obj::new(
            cls.clone(),
            Payload::Module(ModuleObj { dict }),
        )))
    });
    method(vm, &t, "__init__", |vm, a| {
        let b = argparse::bind(vm, &a, "module", &["self", "name", "doc"], 2)?;
        let (Some(module), Some(name)) = (&b[0], &b[1]) else {
            return Ok(Value::None);
        };
        if name.as_str_obj().is_none() {
            return Err(vm.type_error(format!(
                "module.__init__() argument 'name' must be str, not {}",
                vm.type_name(name)
            )));
        }
        if let Some(d) = attr::instance_dict(module) {
            mapping::dict_set_str(vm, &d, "__name__", name.clone());
            let doc = b[2].clone().unwrap_or(Value::None);
            mapping::dict_set_str(vm, &d, "__doc__", doc);
            mapping::dict_set_str(vm, &d, "__package__", Value::None);
            mapping::dict_set_str(vm, &d, "__loader__", Value::None);
            mapping::dict_set_str(vm, &d, "__spec__", Value::None);
        }
        Ok(Value::None)
    });
    method(vm, &t, "__repr__", |vm, a| {
        let (module, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let text = module_repr(vm, module)?;
        Ok(vm.new_string(text))
    });
}

fn get(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    let n = vm.intern(name);
    attr::get_attr_opt(vm, obj, &n)
}

/// `repr(module)`, as CPython 3.13.
fn module_repr(vm: &mut Vm, module: &Value) -> PyResult<String> {
    let loader = get(vm, module, "__loader__")?.filter(|l| !l.is_none());
    if let Some(spec) = get(vm, module, "__spec__")?.filter(|s| !s.is_none()) {
        return repr_from_spec(vm, &spec);
    }
    let name = match get(vm, module, "__name__")? {
        Some(n) => vm.repr_string(&n)?,
        None => "'?'".to_owned(),
    };
    match get(vm, module, "__file__")? {
        Some(file) => Ok(format!("<module {name} from {}>", vm.repr_string(&file)?)),
        None => match loader {
            Some(loader) => Ok(format!("<module {name} ({})>", vm.repr_string(&loader)?)),
            // Taipan's built-in modules are made without a spec (no import machinery runs at
            // start-up); CPython's say `(built-in)` through theirs.
            None if is_builtin(vm, module)? => Ok(format!("<module {name} (built-in)>")),
            None => Ok(format!("<module {name}>")),
        },
    }
}

/// Whether `module` is one of Taipan's built-in modules, as imported.
fn is_builtin(vm: &mut Vm, module: &Value) -> PyResult<bool> {
    let Some(name) = get(vm, module, "__name__")? else {
        return Ok(false);
    };
    let name = vm.str_lossy(&name);
    if !super::BUILTIN_MODULES.contains(&name.as_str()) {
        return Ok(false);
    }
    let key = vm.new_str(&name);
    let modules = vm.modules.clone();
    Ok(mapping::dict_get(vm, &modules, &key)?.is_some_and(|m| m.is(module)))
}

/// `_module_repr_from_spec`.
fn repr_from_spec(vm: &mut Vm, spec: &Value) -> PyResult<String> {
    let name = match get(vm, spec, "name")?.filter(|n| !n.is_none()) {
        Some(n) => vm.repr_string(&n)?,
        None => "'?'".to_owned(),
    };
    let origin = get(vm, spec, "origin")?.filter(|o| !o.is_none());
    let Some(origin) = origin else {
        let loader = get(vm, spec, "loader")?.filter(|l| !l.is_none());
        let Some(loader) = loader else {
            return Ok(format!("<module {name}>"));
        };
        let class = vm.class_of(&loader);
        let class_name = crate::types::type_object(&class)
            .map(|t| t.name())
            .unwrap_or_default();
        if class_name == "NamespaceLoader"
            && let Some(path) = get(vm, &loader, "_path")?
        {
            let items = vm.collect(&path)?;
            let list = vm.new_list(items);
            return Ok(format!(
                "<module {name} (namespace) from {}>",
                vm.repr_string(&list)?
            ));
        }
        return Ok(format!("<module {name} ({})>", vm.repr_string(&loader)?));
    };
    let has_location = match get(vm, spec, "has_location")? {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    if has_location {
        Ok(format!("<module {name} from {}>", vm.repr_string(&origin)?))
    } else {
        Ok(format!("<module {name} ({})>", vm.str_lossy(&origin)))
    }
}
