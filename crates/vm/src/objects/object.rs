//! `object`: the root of every class, and the default behaviour each dunder falls back to.

use std::cell::RefCell;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::method;
use crate::objects::staticmethod;
use crate::ops::attr::{self, type_lookup};
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.object.clone();
    staticmethod(vm, &t, "__new__", object_new);
    method(vm, &t, "__init__", object_init);
    method(vm, &t, "__repr__", object_repr);
    method(vm, &t, "__str__", object_str);
    method(vm, &t, "__eq__", object_eq);
    method(vm, &t, "__ne__", object_ne);
    method(vm, &t, "__lt__", not_implemented2);
    method(vm, &t, "__le__", not_implemented2);
    method(vm, &t, "__gt__", not_implemented2);
    method(vm, &t, "__ge__", not_implemented2);
    method(vm, &t, "__hash__", object_hash);
    method(vm, &t, "__getattribute__", object_getattribute);
    method(vm, &t, "__setattr__", object_setattr);
    method(vm, &t, "__delattr__", object_delattr);
    method(vm, &t, "__format__", object_format);
    method(vm, &t, "__dir__", object_dir);
    method(vm, &t, "__sizeof__", object_sizeof);
    method(vm, &t, "__reduce_ex__", object_reduce_ex);
    crate::objects::classmethod(vm, &t, "__init_subclass__", object_init_subclass);
    crate::objects::classmethod(vm, &t, "__subclasshook__", object_subclasshook);
}

/// A new plain instance of `class` (a user class or `object`), with a `__dict__` when the class
/// gives its instances one, and room for its `__slots__`.
pub fn new_instance(vm: &Vm, class: &Obj) -> Value {
    let (has_dict, nslots) = match type_object(class) {
        Some(t) => (t.instance_dict, t.slot_names.borrow().len()),
        None => (false, 0),
    };
    let dict = if has_dict { Some(vm.new_dict()) } else { None };
    Value::Obj(Obj::with_dict(
        class.clone(),
        dict,
        Payload::Instance {
            slots: RefCell::new(vec![None; nslots]),
        },
    ))
}

fn object_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    let Some(Value::Obj(cls)) = pos.first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let Some(t) = type_object(cls) else {
        return Err(vm.type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            vm.type_name(&pos[0])
        )));
    };
    if pos.len() > 1 || args.has_keywords() {
        // Excess arguments are an error unless the class overrides __init__ and not __new__
        // (CPython's object_new rule).
        let init = type_lookup(vm, cls, &vm.names.__init__.clone());
        let new = type_lookup(vm, cls, &vm.names.__new__.clone());
        let init_overridden = init.is_some_and(|i| !is_object_slot(vm, &i, "__init__"));
        let new_overridden = new.is_some_and(|n| !is_object_slot(vm, &n, "__new__"));
        if new_overridden || !init_overridden {
            return Err(vm.type_error(format!("{}() takes no arguments", t.name())));
        }
    }
    if t.abstract_methods.get() {
        return Err(crate::objects::abc::abstract_error(vm, cls));
    }
    if t.layout != crate::types::Layout::Object {
        return Err(vm.type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            t.name(),
            t.name()
        )));
    }
    Ok(new_instance(vm, cls))
}

fn is_object_slot(vm: &Vm, v: &Value, name: &str) -> bool {
    match type_object(&vm.types.object) {
        Some(t) => {
            let key = vm.intern(name);
            crate::ops::mapping::table_get_str(vm, &t.dict.borrow(), &key).is_some_and(|o| o.is(v))
        }
        None => false,
    }
}

fn object_init(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    if pos.len() > 1 || args.has_keywords() {
        let this = &pos[0];
        let cls = vm.class_of(this);
        let init = type_lookup(vm, &cls, &vm.names.__init__.clone());
        let new = type_lookup(vm, &cls, &vm.names.__new__.clone());
        let init_overridden = init.is_some_and(|i| !is_object_slot(vm, &i, "__init__"));
        let new_overridden = new.is_some_and(|n| !is_object_slot(vm, &n, "__new__"));
        if init_overridden || !new_overridden {
            let tn = vm.type_name(this);
            return Err(vm.type_error(format!(
                "{tn}.__init__() takes exactly one argument (the instance to initialize)"
            )));
        }
    }
    Ok(Value::None)
}

/// `<module.Class object at 0x…>`.
pub fn default_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let cls = vm.class_of(v);
    let name = crate::objects::type_::qualified_name(vm, &cls);
    let id = v.heap_id().unwrap_or(0);
    Ok(format!("<{name} object at {id:#x}>"))
}

fn object_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__repr__", 0, 0)?;
    let s = default_repr(vm, this)?;
    Ok(vm.new_string(s))
}

fn object_str(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__str__", 0, 0)?;
    vm.repr(this)
}

fn object_eq(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__eq__", 1, 1)?;
    if this.is(&rest[0]) {
        Ok(Value::TRUE)
    } else {
        Ok(vm.not_implemented.clone())
    }
}

fn object_ne(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__ne__", 1, 1)?;
    // `__ne__` inverts `__eq__` unless that says NotImplemented.
    let eq = vm.intern("__eq__");
    let r = match vm.call_special(this, &eq, &[rest[0].clone()])? {
        Some(r) => r,
        None => return Ok(vm.not_implemented.clone()),
    };
    if vm.is_not_implemented(&r) {
        return Ok(r);
    }
    let b = vm.truthy(&r)?;
    Ok(Value::bool(!b))
}

fn not_implemented2(vm: &mut Vm, _args: Args<'_>) -> PyResult {
    Ok(vm.not_implemented.clone())
}

fn object_hash(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__hash__", 0, 0)?;
    let Some(id) = this.heap_id() else {
        return Ok(Value::Int(vm.hash(this)?));
    };
    // CPython: the address rotated right by 4 bits.
    let h = (id >> 4) | (id << (usize::BITS - 4));
    Ok(Value::Int(h as i64))
}

fn object_getattribute(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__getattribute__", 1, 1)?;
    let name = &rest[0];
    if name.as_str_obj().is_none() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(name)
        )));
    }
    let class = vm.class_of(this);
    match attr::generic_get_attr(vm, this, name, &class)? {
        Some(v) => Ok(v),
        None => Err(attr::attribute_missing(vm, this, name)),
    }
}

fn object_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__setattr__", 2, 2)?;
    let class = vm.class_of(this);
    attr::generic_set_attr(vm, this, &rest[0], Some(rest[1].clone()), &class)?;
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__delattr__", 1, 1)?;
    let class = vm.class_of(this);
    attr::generic_set_attr(vm, this, &rest[0], None, &class)?;
    Ok(Value::None)
}

fn object_format(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__format__", 1, 1)?;
    let spec = argparse::str_arg(vm, &rest[0], "format_spec").map_err(|_| {
        vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(&rest[0])
        ))
    })?;
    if !spec.is_empty() {
        let tn = vm.type_name(this);
        return Err(vm.type_error(format!(
            "unsupported format string passed to {tn}.__format__"
        )));
    }
    vm.str(this)
}

fn object_dir(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__dir__", 0, 0)?;
    let mut names: Vec<Value> = Vec::new();
    if let Some(d) = attr::instance_dict(this)
        && let Payload::Dict(t) = d.payload()
    {
        names.extend(t.borrow().keys());
    }
    let class = vm.class_of(this);
    names.extend(crate::objects::type_::all_attribute_names(vm, &class));
    let set = crate::objects::set::new_set(vm, names)?;
    let list = vm.collect(&set)?;
    Ok(vm.new_list(list))
}

fn object_sizeof(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__sizeof__", 0, 0)?;
    Ok(Value::Int(crate::builtins::sizeof_estimate(vm, this) as i64))
}

fn object_reduce_ex(vm: &mut Vm, _args: Args<'_>) -> PyResult {
    Err(vm.type_error("cannot pickle this object (pickling is not supported by Taipan yet)"))
}

fn object_init_subclass(vm: &mut Vm, args: Args<'_>) -> PyResult {
    // As CPython's no-argument class method check: named after the class it is called on.
    let cls_name = match args.positional().first() {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Type(_)) => {
            crate::types::type_name(o)
        }
        _ => "object".to_owned(),
    };
    if args.has_keywords() {
        return Err(vm.type_error(format!(
            "{cls_name}.__init_subclass__() takes no keyword arguments"
        )));
    }
    let extra = args.positional().len().saturating_sub(1);
    if extra > 0 {
        return Err(vm.type_error(format!(
            "{cls_name}.__init_subclass__() takes no arguments ({extra} given)"
        )));
    }
    Ok(Value::None)
}

fn object_subclasshook(vm: &mut Vm, _args: Args<'_>) -> PyResult {
    Ok(vm.not_implemented.clone())
}
