//! Type objects: name, bases, MRO, namespace, and how their instances are laid out.
//!
//! **How a type's behaviour dispatches.** Every type, built-in or not, keeps its attributes in
//! one namespace ([`TypeObject::dict`]); the built-in types' methods (`list.append`,
//! `int.__add__`) are [`crate::function::NativeFunction`]s stored there at start-up. An
//! operation looks the dunder up along the MRO (`ops::lookup_special`), exactly what CPython's
//! slot wrappers make observable. For speed, the evaluation loop and `ops` first try the exact
//! built-in types directly (an `int + int` never looks anything up), which is sound because
//! built-in types' namespaces are immutable. Lookups on other types go through the VM's global
//! method cache (`ops::attr::type_lookup`), keyed by (type, interned name) and stamped with a
//! global epoch that every write to any type's namespace (or `__bases__`) advances: CPython's
//! method cache and type version tags, simplified.

use std::cell::{Cell, RefCell};

use crate::dict::DictTable;
use crate::value::Obj;

/// Which built-in payload instances of a type carry (the "solid base" in CPython's terms).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    Object,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    Module,
    Property,
    ClassMethod,
    StaticMethod,
    Function,
    /// A built-in type that cannot be subclassed (its instances are made natively).
    Final,
}

pub struct TypeObject {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub bases: RefCell<Vec<Obj>>,
    pub mro: RefCell<Vec<Obj>>,
    pub dict: RefCell<DictTable>,
    pub layout: Layout,
    /// Defined by a `class` statement (or `type(name, bases, ns)`): its namespace is writable.
    pub heap: bool,
    /// Instances get a `__dict__`.
    pub instance_dict: bool,
    /// The `__slots__` names, in slot order (inherited ones first).
    pub slot_names: RefCell<Vec<String>>,
    pub basetype: bool,
    /// `__abstractmethods__` is non-empty: instantiation is refused.
    pub abstract_methods: Cell<bool>,
    /// Subclasses (weakly), for `__subclasses__()`.
    pub subclasses: RefCell<Vec<std::rc::Weak<crate::value::ObjBox>>>,
}

impl TypeObject {
    pub fn new(name: &str, bases: Vec<Obj>, layout: Layout, heap: bool) -> TypeObject {
        TypeObject {
            name: RefCell::new(name.to_owned()),
            qualname: RefCell::new(name.to_owned()),
            bases: RefCell::new(bases),
            mro: RefCell::new(Vec::new()),
            dict: RefCell::new(DictTable::new()),
            layout,
            heap,
            instance_dict: heap,
            slot_names: RefCell::new(Vec::new()),
            basetype: true,
            abstract_methods: Cell::new(false),
            subclasses: RefCell::new(Vec::new()),
        }
    }

    pub fn name(&self) -> String {
        self.name.borrow().clone()
    }
}

/// The C3 linearisation of a class with `bases` (each given with its own MRO), or `None` when
/// no consistent order exists (the caller raises CPython's `TypeError: Cannot create a
/// consistent method resolution order (MRO) for bases …`).
pub fn c3_merge(mut sequences: Vec<Vec<Obj>>) -> Option<Vec<Obj>> {
    let mut result = Vec::new();
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Some(result);
        }
        let mut candidate = None;
        for seq in &sequences {
            let head = &seq[0];
            let in_tail = sequences
                .iter()
                .any(|s| s.iter().skip(1).any(|o| o.is(head)));
            if !in_tail {
                candidate = Some(head.clone());
                break;
            }
        }
        let head = candidate?;
        for seq in sequences.iter_mut() {
            if seq.first().is_some_and(|o| o.is(&head)) {
                seq.remove(0);
            }
        }
        result.push(head);
    }
}

/// A type's `__name__` (for messages: `'int' object is not callable`).
pub fn type_name(class: &Obj) -> String {
    match class.payload() {
        crate::object::Payload::Type(t) => t.name(),
        _ => "?".to_owned(),
    }
}

/// The [`TypeObject`] of a class object.
pub fn type_object(class: &Obj) -> Option<&TypeObject> {
    match class.payload() {
        crate::object::Payload::Type(t) => Some(t),
        _ => None,
    }
}
