//! The built-in types' behaviour: one module per type family, each filling its types'
//! namespaces with native methods at start-up ([`bootstrap`]).

pub mod abc;
pub mod bool_none;
pub mod bytes;
pub mod code;
pub mod complex;
pub mod descr;
pub mod dict;
pub mod exception;
pub mod exception_group;
pub mod float;
pub mod frame_locals_proxy;
pub mod function;
pub mod generator;
pub mod getset;
pub mod getset_descr;
pub mod int;
pub mod iter;
pub mod list;
pub mod mappingproxy;
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
pub mod utf_wide;

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
    code::init(vm);
    iter::init(vm);
    generator::init(vm);
    descr::init(vm);
    super_::init(vm);
    exception::init(vm);
    exception_group::init(vm);
    typing::init(vm);
    getset::init(vm);
    getset_descr::install(vm);
    crate::import::init_module_type(vm);
    // `object.__doc__` (what instances of classes without a docstring do not inherit: a class
    // namespace always has its own `__doc__`).
    let object = vm.types.object.clone();
    let doc = vm.new_str(
        "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n",
    );
    set_type_attr(vm, &object, "__doc__", doc);
    mappingproxy::init(vm);
    frame_locals_proxy::init(vm);
    for ty in vm.all_builtin_types() {
        let name = type_object(&ty).map(|t| t.name()).unwrap_or_default();
        let module = match name.split_once('.') {
            Some((m, _)) => m.to_owned(),
            None => "builtins".to_owned(),
        };
        if let Some((_, short)) = name.split_once('.')
            && let Some(t) = type_object(&ty)
        {
            *t.name.borrow_mut() = short.to_owned();
            *t.qualname.borrow_mut() = short.to_owned();
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
    let Some(s) = key.as_str_obj() else { return };
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
        NativeKind::Method if is_slot_wrapper(owner, name) => vm.types.wrapper_descriptor.clone(),
        NativeKind::Method => vm.types.method_descriptor.clone(),
        NativeKind::ClassMethod => vm.types.classmethod_descriptor.clone(),
        _ => vm.types.builtin_function.clone(),
    };
    Value::Obj(Obj::new(
        class,
        Payload::Native(Box::new(NativeFunction {
            name,
            func,
            kind,
            receiver: None,
            owner: owner.cloned(),
            module: None,
            no_arguments: matches!(kind, NativeKind::Method)
                && owner.is_some_and(|o| takes_no_arguments(&crate::types::type_name(o), name)),
            with_frame: None,
        })),
    ))
}

/// Whether a built-in method is one of CPython's slot wrappers (`wrapper_descriptor`: the
/// special methods its type slots implement, `int.__add__`, `object.__init__`) rather than a
/// `method_descriptor` (`str.upper`, and the few special methods `list` and `dict` define
/// as plain methods).
pub fn is_slot_wrapper(owner: Option<&Obj>, name: &str) -> bool {
    SLOT_WRAPPERS.contains(&name) && {
        let owner_name = owner.map(crate::types::type_name).unwrap_or_default();
        slot_wrapper_named(&owner_name, name)
    }
}

fn slot_wrapper_named(owner: &str, name: &str) -> bool {
    SLOT_WRAPPERS.contains(&name)
        && !matches!(
            (owner, name),
            ("list" | "dict", "__getitem__") | ("dict", "__contains__")
        )
}

/// The special methods CPython's type slots implement (its `slotdefs`).
const SLOT_WRAPPERS: &[&str] = &[
    "__getattribute__",
    "__getattr__",
    "__setattr__",
    "__delattr__",
    "__repr__",
    "__hash__",
    "__call__",
    "__str__",
    "__lt__",
    "__le__",
    "__eq__",
    "__ne__",
    "__gt__",
    "__ge__",
    "__iter__",
    "__next__",
    "__get__",
    "__set__",
    "__delete__",
    "__init__",
    "__del__",
    "__await__",
    "__aiter__",
    "__anext__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__mod__",
    "__rmod__",
    "__divmod__",
    "__rdivmod__",
    "__pow__",
    "__rpow__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__bool__",
    "__invert__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__and__",
    "__rand__",
    "__xor__",
    "__rxor__",
    "__or__",
    "__ror__",
    "__int__",
    "__float__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__imod__",
    "__ipow__",
    "__ilshift__",
    "__irshift__",
    "__iand__",
    "__ixor__",
    "__ior__",
    "__floordiv__",
    "__rfloordiv__",
    "__truediv__",
    "__rtruediv__",
    "__ifloordiv__",
    "__itruediv__",
    "__index__",
    "__matmul__",
    "__rmatmul__",
    "__imatmul__",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
];

/// The `TypeError` of a built-in method called on an object of the wrong type (`str.upper(5)`):
/// CPython words it differently for slot wrappers and for other methods.
pub fn receiver_error(
    vm: &Vm,
    owner: &str,
    name: &str,
    received: Option<&Value>,
) -> crate::error::PyErr {
    let received = received.map(|v| vm.type_name(v)).unwrap_or_default();
    vm.type_error(if slot_wrapper_named(owner, name) {
        format!("descriptor '{name}' requires a '{owner}' object but received a '{received}'")
    } else {
        format!("descriptor '{name}' for '{owner}' objects doesn't apply to a '{received}' object")
    })
}

/// CPython's method-descriptor checks, made for every built-in method called unbound (its
/// receiver passed first: `int.__add__('x', 1)`, and the method form `obj.method(…)` the
/// evaluation loop calls): the receiver must be an instance of the class defining the method,
/// and a `METH_NOARGS` method takes nothing else.
#[inline]
pub fn check_method_call(
    vm: &Vm,
    n: &crate::function::NativeFunction,
    values: &[Value],
    kwnames: &[Value],
) -> crate::error::PyResult<()> {
    if !matches!(n.kind, crate::function::NativeKind::Method) {
        return Ok(());
    }
    let Some(owner) = &n.owner else {
        return Ok(());
    };
    let fits = match values.first() {
        Some(Value::Obj(o)) => o.class_is(owner) || vm.is_instance_of(&values[0], owner),
        Some(Value::Str(_)) => owner.is(&vm.types.str) || owner.is(&vm.types.object),
        Some(v) => vm.is_instance_of(v, owner),
        None => {
            let owner_name = crate::types::type_name(owner);
            return Err(vm.type_error(if is_slot_wrapper(Some(owner), n.name) {
                format!(
                    "descriptor '{}' of '{owner_name}' object needs an argument",
                    n.name
                )
            } else {
                format!("unbound method {owner_name}.{}() needs an argument", n.name)
            }));
        }
    };
    if !fits {
        let owner_name = crate::types::type_name(owner);
        return Err(receiver_error(vm, &owner_name, n.name, values.first()));
    }
    check_no_arguments(vm, n, values.len() - 1, kwnames)
}

/// A `METH_NOARGS` method's argument check: `given` values after the receiver (keyword values
/// included, named by `kwnames`).
#[inline]
pub fn check_no_arguments(
    vm: &Vm,
    n: &crate::function::NativeFunction,
    given: usize,
    kwnames: &[Value],
) -> crate::error::PyResult<()> {
    if !n.no_arguments || given == 0 {
        return Ok(());
    }
    let owner_name = n
        .owner
        .as_ref()
        .map(crate::types::type_name)
        .unwrap_or_default();
    Err(vm.type_error(if kwnames.is_empty() {
        format!(
            "{owner_name}.{}() takes no arguments ({given} given)",
            n.name
        )
    } else {
        format!("{owner_name}.{}() takes no keyword arguments", n.name)
    }))
}

/// The case-mapping and classification methods `str`, `bytes` and `bytearray` share, all
/// `METH_NOARGS` in CPython.
const TEXT_NO_ARGUMENTS: &[&str] = &[
    "capitalize",
    "isalnum",
    "isalpha",
    "isascii",
    "isdigit",
    "islower",
    "isspace",
    "istitle",
    "isupper",
    "lower",
    "swapcase",
    "title",
    "upper",
];

/// The methods CPython declares `METH_NOARGS`, by type, as CPython 3.13 reports them (a
/// method of these types that raises "takes no arguments (1 given)" when passed one), besides
/// [`TEXT_NO_ARGUMENTS`] for the three text types.
const NO_ARGUMENTS: &[(&str, &[&str])] = &[
    (
        "int",
        &[
            "__ceil__",
            "__floor__",
            "__getnewargs__",
            "__sizeof__",
            "__trunc__",
            "as_integer_ratio",
            "bit_count",
            "bit_length",
            "conjugate",
            "is_integer",
        ],
    ),
    (
        "float",
        &[
            "__ceil__",
            "__floor__",
            "__getnewargs__",
            "__trunc__",
            "as_integer_ratio",
            "conjugate",
            "hex",
            "is_integer",
        ],
    ),
    ("complex", &["__complex__", "__getnewargs__", "conjugate"]),
    (
        "str",
        &[
            "__getnewargs__",
            "__sizeof__",
            "casefold",
            "isdecimal",
            "isidentifier",
            "isnumeric",
            "isprintable",
        ],
    ),
    ("bytes", &["__bytes__", "__getnewargs__"]),
    (
        "bytearray",
        &[
            "__alloc__",
            "__reduce__",
            "__sizeof__",
            "clear",
            "copy",
            "reverse",
        ],
    ),
    (
        "list",
        &["__reversed__", "__sizeof__", "clear", "copy", "reverse"],
    ),
    ("tuple", &["__getnewargs__"]),
    (
        "dict",
        &[
            "__reversed__",
            "__sizeof__",
            "clear",
            "copy",
            "items",
            "keys",
            "popitem",
            "values",
        ],
    ),
    ("set", &["__reduce__", "__sizeof__", "clear", "copy", "pop"]),
    ("frozenset", &["__reduce__", "__sizeof__", "copy"]),
    ("range", &["__reduce__", "__reversed__"]),
    (
        "memoryview",
        &["__enter__", "release", "tolist", "toreadonly"],
    ),
    (
        "object",
        &["__dir__", "__getstate__", "__reduce__", "__sizeof__"],
    ),
    ("BaseException", &["__reduce__"]),
];

fn takes_no_arguments(owner: &str, name: &str) -> bool {
    (matches!(owner, "str" | "bytes" | "bytearray") && TEXT_NO_ARGUMENTS.contains(&name))
        || NO_ARGUMENTS
            .iter()
            .any(|(ty, names)| *ty == owner && names.contains(&name))
}

/// Register the six rich comparisons on `ty`: `comparison_methods!(vm, &t, |vm, a, op| body)`
/// defines `__eq__` … `__ge__`, each a native method running `body` with `op` its `CompareOp`
/// (one registration for every type whose comparisons share one function).
macro_rules! comparison_methods {
    ($vm:expr, $ty:expr, |$v:ident, $a:ident, $op:ident| $body:expr) => {
        $crate::objects::comparison_methods!(@one $vm, $ty, "__eq__", Eq, |$v, $a, $op| $body);
        $crate::objects::comparison_methods!(@one $vm, $ty, "__ne__", Ne, |$v, $a, $op| $body);
        $crate::objects::comparison_methods!(@one $vm, $ty, "__lt__", Lt, |$v, $a, $op| $body);
        $crate::objects::comparison_methods!(@one $vm, $ty, "__le__", Le, |$v, $a, $op| $body);
        $crate::objects::comparison_methods!(@one $vm, $ty, "__gt__", Gt, |$v, $a, $op| $body);
        $crate::objects::comparison_methods!(@one $vm, $ty, "__ge__", Ge, |$v, $a, $op| $body);
    };
    (@one $vm:expr, $ty:expr, $name:literal, $variant:ident, |$v:ident, $a:ident, $op:ident| $body:expr) => {
        $crate::objects::method($vm, $ty, $name, |$v, $a| {
            let $op = $crate::ops::CompareOp::$variant;
            $body
        })
    };
}
pub(crate) use comparison_methods;

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
        Payload::Native(Box::new(NativeFunction {
            name,
            func,
            kind: NativeKind::Function,
            receiver: None,
            owner: None,
            module,
            no_arguments: false,
            with_frame: None,
        })),
    ))
}
