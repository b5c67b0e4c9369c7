//! The payloads of heap objects: one variant per built-in type's state.
//!
//! **Architecture invariant:** a payload never changes variant after creation; mutable state
//! sits in a `RefCell`/`Cell` inside its variant, and no borrow of it is held across a call that
//! can run Python code (such a call can reach the same object again). An instance of a user
//! class that derives from a built-in type carries that built-in's payload (a `class L(list)`
//! instance has [`Payload::List`]), so the built-in's methods work on it unchanged.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::dict::DictTable;
use crate::frame::Frame;
use crate::function::{Function, NativeFunction};
use crate::runtime_code::Code;
use crate::settable::SetTable;
use crate::str::PyStr;
use crate::types::TypeObject;
use crate::value::{Obj, Value};

/// The state of a heap object, by the built-in type it is or derives from.
pub enum Payload {
    /// A plain `object()` or an instance of a class whose bases are all plain: its attributes
    /// live in [`crate::value::ObjBox::dict`]; `__slots__` values in `slots`.
    Instance {
        slots: RefCell<Vec<Option<Value>>>,
    },
    /// An `int` outside `i64`, or any instance of an `int` subclass.
    Int(BigInt),
    /// An instance of a `float` subclass (plain floats are [`Value::Float`]).
    Float(f64),
    Complex(f64, f64),
    /// An instance of a `str` subclass (exact strs are [`Value::Str`]).
    StrSub(PyStr),
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    Tuple(TupleItems),
    List(RefCell<Vec<Value>>),
    Dict(Box<RefCell<DictTable>>),
    /// `set` (mutable) and `frozenset` share the table; the class tells them apart (a
    /// frozenset's table only changes while it is being built).
    Set(Box<RefCell<SetTable>>),
    FrozenSet(Box<RefCell<SetTable>>),
    /// A `range` (boxed: three values would make every payload 16 bytes bigger).
    Range(Box<Bounds>),
    Slice(Box<Bounds>),
    Function(Box<Function>),
    /// A built-in function or method descriptor (`len`, `list.append`).
    Native(Box<NativeFunction>),
    /// A method bound to its instance: `obj.method`.
    BoundMethod {
        func: Value,
        receiver: Value,
    },
    Type(Box<TypeObject>),
    Module(ModuleObj),
    Code(Rc<Code>),
    /// A closure cell.
    Cell(RefCell<Option<Value>>),
    Exception(Box<ExceptionData>),
    /// A generator, coroutine or async generator: its suspended frame.
    Generator(Box<GeneratorData>),
    /// `coroutine.__await__()`'s wrapper and the async-generator `asend`/`athrow` awaitables.
    Awaitable(Box<AwaitableData>),
    Iterator(Box<RefCell<IterState>>),
    Property(Box<PropertyData>),
    ClassMethod(Value),
    StaticMethod(Value),
    Super {
        this_class: Obj,
        receiver: Value,
        receiver_type: Obj,
    },
    /// A `__slots__` member: the index into [`Payload::Instance`]'s slots.
    Member {
        name: Value,
        index: usize,
        owner: Obj,
    },
    /// A dict view (`keys()`, `values()`, `items()`).
    DictView {
        dict: Obj,
        kind: DictViewKind,
    },
    /// `NotImplemented`, `Ellipsis`.
    Singleton(&'static str),
    Traceback(Box<TracebackData>),
    Frame(Box<FrameSnapshot>),
    /// A text or binary stream of the `sys` module or `open()`.
    File(Box<RefCell<crate::io::FileObj>>),
    MemoryView(Box<crate::objects::memoryview::MemoryViewData>),
    /// A type alias made by a `type X = ...` statement.
    TypeAlias(Box<TypeAliasData>),
    /// A PEP 695 type parameter (`TypeVar`, `ParamSpec`, `TypeVarTuple`).
    TypeParam(Box<TypeParamData>),
    /// A read-only view of a mapping (`mappingproxy`): of a dict or other mapping, or of a
    /// type's namespace (`C.__dict__`) when it holds the type.
    MappingProxy(Value),
    /// `frame.f_locals` of a function frame: the frame object it views.
    FrameLocalsProxy(Obj),
    /// A built-in attribute kept in a payload, as a descriptor in its type's namespace
    /// (`getset_descriptor`: `int.__dict__['real']`, `C.__dict__['__dict__']`).
    GetSet {
        name: Value,
        owner: Obj,
    },
    /// `list[int]` and friends.
    GenericAlias {
        origin: Value,
        args: Value,
    },
}

// Every object carries a `Payload`: keep it small (big states are boxed), so that an object
// costs about what CPython's does. 40 bytes: the largest inline variants are two `Value`s
// (a pair tuple, a bound method) and a list.
const _: () = assert!(std::mem::size_of::<Payload>() <= 40);

/// A range's or a slice's `start`, `stop` and `step`.
pub struct Bounds {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A tuple's items: up to two kept in the object itself (pairs are most tuples a program
/// makes: dict items, `enumerate`, `zip`, keys such as `(a, b)`, two return values), more
/// in their own allocation. Reads as a slice.
pub enum TupleItems {
    One([Value; 1]),
    Two([Value; 2]),
    Many(Box<[Value]>),
}

impl TupleItems {
    pub fn new(items: Vec<Value>) -> TupleItems {
        match <[Value; 2]>::try_from(items) {
            Ok(two) => TupleItems::Two(two),
            Err(items) => match <[Value; 1]>::try_from(items) {
                Ok(one) => TupleItems::One(one),
                Err(items) => TupleItems::Many(items.into_boxed_slice()),
            },
        }
    }

    #[inline]
    pub fn as_slice(&self) -> &[Value] {
        match self {
            TupleItems::One(a) => a,
            TupleItems::Two(a) => a,
            TupleItems::Many(b) => b,
        }
    }
}

impl std::ops::Deref for TupleItems {
    type Target = [Value];

    #[inline]
    fn deref(&self) -> &[Value] {
        self.as_slice()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

pub struct ModuleObj {
    pub dict: Obj,
}

/// The state of `BaseException` and every exception class.
#[derive(Default)]
pub struct ExceptionData {
    pub args: RefCell<Value>,
    pub traceback: RefCell<Option<Value>>,
    pub cause: RefCell<Option<Value>>,
    pub context: RefCell<Option<Value>>,
    pub suppress_context: Cell<bool>,
    pub notes: RefCell<Option<Value>>,
}

impl Default for Value {
    fn default() -> Value {
        Value::None
    }
}

pub struct GeneratorData {
    pub kind: GeneratorKind,
    pub frame: RefCell<Option<Box<Frame>>>,
    pub running: Cell<bool>,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    pub code: Rc<Code>,
    /// For an async generator: whether an `asend`/`athrow` is under way (CPython's
    /// `ag_running_async`).
    pub running_async: Cell<bool>,
    /// The `yield from`/`await` delegate while one is active.
    pub delegate: RefCell<Option<Value>>,
    /// Set once `aclose()`/`close()` finished it, or it returned/raised.
    pub finished: Cell<bool>,
    /// The async generator hooks were not asked for: nothing to record.
    pub started: Cell<bool>,
}

impl Drop for GeneratorData {
    /// A suspended generator dropped inside a `try` is closed later, at a safe point: see
    /// `objects::generator::run_pending_finalizers`.
    fn drop(&mut self) {
        crate::objects::generator::orphaned(self);
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GeneratorKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

pub enum AwaitableData {
    /// `coro.__await__()`: iterates the coroutine.
    CoroutineWrapper(Obj),
    /// `agen.asend(v)` / `agen.__anext__()` (value `None`).
    ASend {
        agen: Obj,
        value: RefCell<Option<Value>>,
        state: Cell<u8>,
    },
    /// `anext(aiter, default)`: drives what `__anext__()` returned (resolved to its iterator
    /// on first use) and turns its `StopAsyncIteration` into `StopIteration(default)`.
    ANext {
        awaitable: RefCell<Value>,
        resolved: Cell<bool>,
        default: Value,
    },
    /// `agen.athrow(...)` / `agen.aclose()` (`throw` is `None` for `aclose`).
    AThrow {
        agen: Obj,
        throw: Option<(Value, Value, Value)>,
        state: Cell<u8>,
    },
}

/// The iterators of built-in types, each with its cursor.
pub enum IterState {
    Seq {
        seq: Value,
        index: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    BigRange {
        next: BigInt,
        stop: BigInt,
        step: BigInt,
    },
    Str {
        string: PyStr,
        byte: usize,
    },
    DictKeys {
        dict: Obj,
        pos: usize,
        len: usize,
    },
    DictValues {
        dict: Obj,
        pos: usize,
        len: usize,
    },
    DictItems {
        dict: Obj,
        pos: usize,
        len: usize,
    },
    Set {
        set: Obj,
        pos: usize,
        len: usize,
    },
    Reversed {
        seq: Value,
        index: usize,
    },
    Enumerate {
        iter: Value,
        count: Value,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        iter: Value,
    },
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// A sequence iterated through `__getitem__` (the old protocol).
    GetItem {
        obj: Value,
        index: i64,
    },
    Bytes {
        bytes: Value,
        index: usize,
    },
    Exhausted,
}

pub struct PropertyData {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
    pub name: RefCell<Value>,
}

pub struct TracebackData {
    pub next: RefCell<Option<Value>>,
    pub frame: Value,
    pub code: Rc<Code>,
    /// The instruction index (code units) that raised: `tb_lasti` / 2.
    pub lasti: usize,
}

/// What Python sees of a frame: `sys._getframe()`, `tb_frame`.
pub struct FrameSnapshot {
    pub code: Rc<Code>,
    pub globals: Obj,
    pub locals: RefCell<Option<Value>>,
    pub lasti: Cell<usize>,
    /// `f_back`: linked when `sys._getframe` walks the chain of running frames (a generator's
    /// frame has a new caller each time it resumes).
    pub back: RefCell<Option<Value>>,
    /// Keys stored through `f_locals` that name no variable of the frame (CPython's
    /// `f_extra_locals`): shown with the variables from then on.
    pub extra_locals: RefCell<Vec<(Value, Value)>>,
}

pub struct TypeAliasData {
    pub name: Value,
    pub type_params: Value,
    pub compute_value: Value,
    pub value: RefCell<Option<Value>>,
}

pub struct TypeParamData {
    pub kind: TypeParamKind,
    pub name: Value,
    pub bound: RefCell<Option<Value>>,
    pub evaluate_bound: Value,
    pub constraints: RefCell<Option<Value>>,
    pub evaluate_constraints: Value,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeParamKind {
    TypeVar,
    ParamSpec,
    TypeVarTuple,
}

impl Payload {
    /// A short name of the variant, for debugging output.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Payload::Instance { .. } => "object",
            Payload::Int(_) => "int",
            Payload::Float(_) => "float",
            Payload::Complex(..) => "complex",
            Payload::StrSub(_) => "str",
            Payload::Bytes(_) => "bytes",
            Payload::ByteArray(_) => "bytearray",
            Payload::Tuple(_) => "tuple",
            Payload::List(_) => "list",
            Payload::Dict(_) => "dict",
            Payload::Set(_) => "set",
            Payload::FrozenSet(_) => "frozenset",
            Payload::Range(_) => "range",
            Payload::Slice(_) => "slice",
            Payload::Function(_) => "function",
            Payload::Native(_) => "builtin_function_or_method",
            Payload::BoundMethod { .. } => "method",
            Payload::Type(_) => "type",
            Payload::Module(_) => "module",
            Payload::Code(_) => "code",
            Payload::Cell(_) => "cell",
            Payload::Exception(_) => "exception",
            Payload::Generator(_) => "generator",
            Payload::Awaitable(_) => "awaitable",
            Payload::Iterator(_) => "iterator",
            Payload::Property(_) => "property",
            Payload::ClassMethod(_) => "classmethod",
            Payload::StaticMethod(_) => "staticmethod",
            Payload::Super { .. } => "super",
            Payload::Member { .. } => "member_descriptor",
            Payload::DictView { .. } => "dict_view",
            Payload::Singleton(name) => name,
            Payload::Traceback(_) => "traceback",
            Payload::Frame(_) => "frame",
            Payload::FrameLocalsProxy(_) => "FrameLocalsProxy",
            Payload::File(_) => "file",
            Payload::MemoryView(_) => "memoryview",
            Payload::TypeAlias(_) => "typealias",
            Payload::TypeParam(_) => "typeparam",
            Payload::GenericAlias { .. } => "generic_alias",
            Payload::MappingProxy(_) => "mappingproxy",
            Payload::GetSet { .. } => "getset_descriptor",
        }
    }
}
