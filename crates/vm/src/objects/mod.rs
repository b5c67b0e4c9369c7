//! The built-in types' behaviour: one module per type family, each filling its types'
//! namespaces with native methods at start-up ([`bootstrap`]).

pub mod abc;
pub mod bool_none;
pub mod bytes;
pub mod complex;
pub mod descr;
pub mod dict;
pub mod exception;
pub mod exception_group;
pub mod float;
pub mod function;
pub mod generator;
pub mod getset;
pub mod int;
pub mod iter;
pub mod list;
pub mod memoryview;
pub mod object;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod super_;
pub mod tuple;
pub mod type_;
pub mod typing;

use crate::function::{NativeFn, NativeFunction, NativeKind};
use crate::object::Payload;
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Link the built-in types (bases, MROs) and fill their namespaces.
pub(crate) fn bootstrap(vm: &mut Vm) {
    let t = &vm.types;
    // Bases other than `object`.
    set_bases(&t.bool, vec![t.int.clone()]);
    for ty in vm.all_builtin_types() {
        compute_builtin_mro(&ty);
    }
    for (_, ty) in vm.exc.all() {
        compute_builtin_mro(ty);
    }
    object::init(vm);
    type_::init(vm);
    bool_none::init(vm);
    int::init(vm);
    float::init(vm);
    complex::init(vm);
    str::init(vm);
    bytes::init(vm);
    memoryview::init(vm);
    list::init(vm);
    tuple::init(vm);
    dict::init(vm);
    set::init(vm);
    range::init(vm);
    slice::init(vm);
    function::init(vm);
    iter::init(vm);
    generator::init(vm);
    descr::init(vm);
    super_::init(vm);
    exception::init(vm);
    exception_group::init(vm);
    typing::init(vm);
    getset::init(vm);
    for ty in vm.all_builtin_types() {
        let name = type_object(&ty).map(|t| t.name()).unwrap_or_default();
        let module = match name.split_once('.') {
            Some((m, _)) => m.to_owned(),
            None => "builtins".to_owned(),
        };
        if let Some((_, short)) = name.split_once('.') {
            if let Some(t) = type_object(&ty) {
                *t.name.borrow_mut() = short.to_owned();
                *t.qualname.borrow_mut() = short.to_owned();
            }
        }
        set_attr_if_absent(vm, &ty, "__module__", vm.new_str(&module));
        set_attr_if_absent(vm, &ty, "__doc__", Value::None);
    }
    for (_, ty) in vm.exc.all() {
        set_attr_if_absent(vm, ty, "__module__", vm.new_str("builtins"));
        set_attr_if_absent(vm, ty, "__doc__", Value::None);
    }
}

fn set_bases(ty: &Obj, bases: Vec<Obj>) {
    if let Some(t) = type_object(ty) {
        *t.bases.borrow_mut() = bases;
    }
}

/// MRO of a built-in type from its bases' MROs.
fn compute_builtin_mro(ty: &Obj) {
    let Some(t) = type_object(ty) else { return };
    let bases = t.bases.borrow().clone();
    let mut seqs: Vec<Vec<Obj>> = bases
        .iter()
        .map(|b| {
            let bm = type_object(b)
                .map(|bt| bt.mro.borrow().clone())
                .unwrap_or_default();
            if bm.is_empty() { vec![b.clone()] } else { bm }
        })
        .collect();
    seqs.push(bases.clone());
    let mut mro = vec![ty.clone()];
    mro.extend(crate::types::c3_merge(seqs).unwrap_or(bases));
    *t.mro.borrow_mut() = mro;
}

fn set_attr_if_absent(vm: &Vm, ty: &Obj, name: &str, value: Value) {
    if let Some(t) = type_object(ty) {
        let key = vm.intern(name);
        let present = mapping::table_get_str(vm, &t.dict.borrow(), &key).is_some();
        if !present {
            set_type_attr(vm, ty, name, value);
        }
    }
}

/// Store `name = value` in a type's namespace.
pub fn set_type_attr(vm: &Vm, ty: &Obj, name: &str, value: Value) {
    let Some(t) = type_object(ty) else { return };
    let key = vm.intern(name);
    let Value::Obj(ko) = &key else { return };
    let Payload::Str(s) = ko.payload() else {
        return;
    };
    let hash = s.hash(vm.hash_secret());
    let mut d = t.dict.borrow_mut();
    match d.probe(hash, &key, mapping::native_eq) {
        crate::dict::Probe::Found(i) => {
            d.set_value(i, value);
        }
        _ => d.push(hash, key, value),
    }
    drop(d);
    vm.types_changed();
}

fn native(
    vm: &Vm,
    name: &'static str,
    func: NativeFn,
    kind: NativeKind,
    owner: Option<&Obj>,
) -> Value {
    let class = match kind {
        NativeKind::Method => vm.types.method_descriptor.clone(),
        NativeKind::ClassMethod => vm.types.classmethod_descriptor.clone(),
        _ => vm.types.builtin_function.clone(),
    };
    Value::Obj(Obj::new(
        class,
        Payload::Native(NativeFunction {
            name,
            func,
            kind,
            receiver: None,
            owner: owner.cloned(),
            module: None,
        }),
    ))
}

/// Add a method (its instance comes first in the arguments).
pub fn method(vm: &Vm, ty: &Obj, name: &'static str, func: NativeFn) {
    let f = native(vm, name, func, NativeKind::Method, Some(ty));
    set_type_attr(vm, ty, name, f);
}

/// Add a class method (the class comes first).
pub fn classmethod(vm: &Vm, ty: &Obj, name: &'static str, func: NativeFn) {
    let f = native(vm, name, func, NativeKind::ClassMethod, Some(ty));
    set_type_attr(vm, ty, name, f);
}

/// Add a static method (`__new__` is one: it receives the class explicitly).
pub fn staticmethod(vm: &Vm, ty: &Obj, name: &'static str, func: NativeFn) {
    let f = native(vm, name, func, NativeKind::StaticMethod, Some(ty));
    set_type_attr(vm, ty, name, f);
}

/// A module-level native function.
pub fn function(
    vm: &Vm,
    name: &'static str,
    func: NativeFn,
    module: Option<&'static str>,
) -> Value {
    Value::Obj(Obj::new(
        vm.types.builtin_function.clone(),
        Payload::Native(NativeFunction {
            name,
            func,
            kind: NativeKind::Function,
            receiver: None,
            owner: None,
            module,
        }),
    ))
}
