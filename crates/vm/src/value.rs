//! The value representation: what a stack slot, a local or a container element holds.
//!
//! **Architecture invariant:** `None`, `bool`, `int`s that fit in 64 bits and `float`s are
//! immediate (no allocation, no reference count); an exact `str` is a [`PyStr`], a thin
//! reference-counted pointer to its one allocation of header and text; everything else is an
//! [`Obj`], a reference-counted pointer to an [`ObjBox`]. Cloning a `Value` is an increment, dropping it a decrement:
//! finalisation is as deterministic as CPython's. An `int` outside `i64` is an `Obj` holding a
//! big integer, and is never equal in representation to a small one: every operation returning
//! an int normalises through [`Value::from_bigint`].

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::object::Payload;
use crate::str::{PyStr, StrObj};

/// A Python value. 16 bytes.
///
/// `repr(u64)`: an eight-byte tag, then the payload at offset 8 for every variant. With
/// the default layout a `bool` sat at offset 1, and moves of a `Value` became overlapping
/// unaligned copies of bytes 1..16, which defeat store-to-load forwarding: the evaluation
/// loop ran a third slower for it.
///
/// Every payload is an eight-byte integer or pointer ([`FloatWord`], [`BoolWord`]: a float
/// and a bool kept as integer words): the compiler then treats a `Value` (and an
/// `Option<Value>`, and `PyResult`) as a pair of integer scalars, passed and returned in two
/// registers and moved as two words, instead of a 16-byte block in memory written as two
/// words and read back as one vector load (a store-forwarding stall at every call boundary).
#[repr(u64)]
pub enum Value {
    None,
    Bool(BoolWord),
    /// An `int` that fits in an `i64` (bigger ones are [`Payload::Int`] objects).
    Int(i64),
    Float(FloatWord),
    Obj(Obj),
    /// An exact `str` (instances of `str` subclasses are [`Payload::Str`] objects): one
    /// allocation of header and text, as CPython's compact strings.
    Str(PyStr),
}

/// A `float`'s bits: the payload of [`Value::Float`] (see [`Value`] for why not an `f64`).
/// No `PartialEq`: comparing floats by their bits would be wrong for NaN and `-0.0`, so a
/// comparison must go through [`FloatWord::get`].
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct FloatWord(u64);

impl FloatWord {
    #[inline(always)]
    pub const fn new(x: f64) -> FloatWord {
        FloatWord(x.to_bits())
    }

    #[inline(always)]
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

/// A `bool` as a word: the payload of [`Value::Bool`] (see [`Value`]). Always 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct BoolWord(u64);

impl BoolWord {
    pub const TRUE: BoolWord = BoolWord(1);
    pub const FALSE: BoolWord = BoolWord(0);

    #[inline(always)]
    pub const fn new(b: bool) -> BoolWord {
        BoolWord(b as u64)
    }

    #[inline(always)]
    pub const fn get(self) -> bool {
        self.0 != 0
    }
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);

impl Clone for Value {
    // Written out so that it always inlines: the derived one was an out-of-line call on the
    // evaluation loop's hottest paths (`LOAD_FAST`, `LOAD_CONST`).
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::None => Value::None,
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            Value::Obj(o) => Value::Obj(Obj(Rc::clone(&o.0))),
            Value::Str(s) => Value::Str(s.clone()),
        }
    }
}

/// A reference-counted pointer to a heap object.
#[derive(Clone)]
pub struct Obj(pub(crate) Rc<ObjBox>);

/// A heap object: its class and its payload (the state of the built-in type it is, or derives
/// from). Instances of user classes also carry a `__dict__` and `__slots__` storage
/// ([`Payload::Instance`] or, for subclasses of built-ins, [`ObjBox::dict`]).
pub struct ObjBox {
    /// `type(obj)`. `None` only for the `type` type itself, whose class is itself (kept out of
    /// the box so that `type` does not own a reference to itself). A `Cell`, not a `RefCell`
    /// (which would add a borrow flag to every object): read through [`ObjBox::class`] and
    /// the other accessors, which hold it for no longer than a clone or a comparison.
    class: std::cell::Cell<Option<Obj>>,
    /// The instance `__dict__` of objects that have one (user-class instances, functions,
    /// modules keep theirs in the payload).
    pub(crate) dict: Option<Obj>,
    pub(crate) payload: Payload,
}

// An object is its reference counts (16 bytes, from `Rc`) and this: 72 bytes, which glibc's
// allocator serves as an 80-byte chunk (a pair tuple; CPython's is 64 with its GC header).
// Keep it there: 8 more bytes would cost 16 on every object.
const _: () = assert!(std::mem::size_of::<ObjBox>() <= 56);

impl ObjBox {
    /// Apply `f` to the class (`None`: this is `type` itself). `f` must not reach this
    /// object's class again (it sees `None` meanwhile): a comparison or a clone.
    #[inline]
    pub(crate) fn with_class<R>(&self, f: impl FnOnce(Option<&Obj>) -> R) -> R {
        let class = self.class.take();
        let r = f(class.as_ref());
        self.class.set(class);
        r
    }

    /// `type(obj)` (`None` for `type` itself).
    #[inline]
    pub(crate) fn class(&self) -> Option<Obj> {
        self.with_class(|c| c.cloned())
    }

    /// The address of the class (for caches keyed on it); 0 for `type` itself.
    #[inline]
    pub(crate) fn class_id(&self) -> usize {
        self.with_class(|c| c.map_or(0, Obj::id))
    }

    /// `obj.__class__ = class`.
    pub(crate) fn set_class(&self, class: Obj) {
        drop(self.class.replace(Some(class)));
    }
}

impl Drop for ObjBox {
    /// Contents go through the trashcan, so that freeing deeply nested data cannot overflow
    /// the stack (see [`crate::trashcan`]).
    fn drop(&mut self) {
        if crate::trashcan::holds_objects(&self.payload) || self.dict.is_some() {
            let payload = std::mem::replace(&mut self.payload, Payload::Singleton(""));
            crate::trashcan::release(payload, self.dict.take());
        }
    }
}

impl Obj {
    pub fn new(class: Obj, payload: Payload) -> Obj {
        Obj(Rc::new(ObjBox {
            class: std::cell::Cell::new(Some(class)),
            dict: None,
            payload,
        }))
    }

    pub fn with_dict(class: Obj, dict: Option<Obj>, payload: Payload) -> Obj {
        Obj(Rc::new(ObjBox {
            class: std::cell::Cell::new(Some(class)),
            dict,
            payload,
        }))
    }

    pub(crate) fn classless(payload: Payload) -> Obj {
        Obj(Rc::new(ObjBox {
            class: std::cell::Cell::new(None),
            dict: None,
            payload,
        }))
    }

    #[inline]
    pub fn payload(&self) -> &Payload {
        &self.0.payload
    }

    /// Identity (`is`).
    #[inline]
    pub fn is(&self, other: &Obj) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Whether `type(self) is class` (without taking a reference to the class).
    #[inline]
    pub fn class_is(&self, class: &Obj) -> bool {
        self.0.with_class(|c| c.is_some_and(|c| c.is(class)))
    }

    /// A number that identifies the object while it lives (`id()`).
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    pub fn dict(&self) -> Option<&Obj> {
        self.0.dict.as_ref()
    }

    pub fn refcount(&self) -> usize {
        Rc::strong_count(&self.0)
    }
}

impl Value {
    pub const TRUE: Value = Value::Bool(BoolWord::TRUE);
    pub const FALSE: Value = Value::Bool(BoolWord::FALSE);

    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    pub fn as_obj(&self) -> Option<&Obj> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// The payload of a heap object. An exact `str` has none: read strings through
    /// [`Value::as_str_obj`], which serves exact strs and str subclasses alike.
    pub fn payload(&self) -> Option<&Payload> {
        match self {
            Value::Obj(o) => Some(o.payload()),
            _ => None,
        }
    }

    /// The string of a `str` (exact or of a subclass).
    #[inline]
    pub fn as_str_obj(&self) -> Option<&StrObj> {
        self.as_py_str().map(|s| &**s)
    }

    /// The string handle of a `str` (exact or of a subclass): to keep the text alive.
    #[inline]
    pub fn as_py_str(&self) -> Option<&PyStr> {
        match self {
            Value::Str(s) => Some(s),
            Value::Obj(o) => match o.payload() {
                Payload::StrSub(s) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// The address of a heap value (an object or a str): its `id()`. `None` for immediates.
    #[inline]
    pub fn heap_id(&self) -> Option<usize> {
        match self {
            Value::Obj(o) => Some(o.id()),
            Value::Str(s) => Some(s.id()),
            _ => None,
        }
    }

    /// Whether this is an exact `str` (not an instance of a subclass).
    #[inline]
    pub fn is_exact_str(&self) -> bool {
        matches!(self, Value::Str(_))
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints and floats are values, not objects: CPython caches -5..=256 and a
            // float is only `is` itself; equal immediates are treated as the same object.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.get().to_bits() == b.get().to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a.is(b),
            (Value::Str(a), Value::Str(b)) => a.ptr_eq(b),
            _ => false,
        }
    }

    /// An `int` from a big integer, small when it fits.
    pub fn from_bigint(value: BigInt, int_type: &Obj) -> Value {
        match value.to_i64() {
            Some(small) => Value::Int(small),
            None => Value::Obj(Obj::new(int_type.clone(), Payload::Int(value))),
        }
    }

    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(BoolWord::new(b))
    }

    #[inline(always)]
    pub const fn float(x: f64) -> Value {
        Value::Float(FloatWord::new(x))
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => f.write_str("None"),
            Value::Bool(b) => write!(f, "{}", if b.get() { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{:?}", x.get()),
            Value::Obj(o) => write!(f, "{o:?}"),
            Value::Str(s) => write!(f, "<str object at {:#x}>", s.id()),
        }
    }
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "<{} object at {:#x}>",
            self.payload().kind_name(),
            self.id()
        )
    }
}
