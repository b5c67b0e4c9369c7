//! Functions: Python functions (a code object with its globals, defaults and closure) and
//! native ones (a Rust `fn` with a name), and the arguments every call passes.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::PyResult;
use crate::runtime_code::Code;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// A `def` or `lambda` made at run time.
pub struct Function {
    /// `__code__` (assignable, as in CPython).
    pub code: RefCell<Rc<Code>>,
    pub globals: Obj,
    pub builtins: Obj,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    /// `__defaults__`: a tuple or None.
    pub defaults: RefCell<Value>,
    /// `__kwdefaults__`: a dict or None.
    pub kwdefaults: RefCell<Value>,
    /// `__closure__`: a tuple of cells or None.
    pub closure: RefCell<Value>,
    pub annotations: RefCell<Value>,
    pub doc: RefCell<Value>,
    pub module: RefCell<Value>,
    pub type_params: RefCell<Value>,
    /// `__dict__`, made on first use.
    pub dict: RefCell<Option<Obj>>,
}

/// The arguments of a call, as CPython's vectorcall passes them: the positional values, then
/// one value per keyword name in `kwnames`.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub values: &'a [Value],
    pub kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn new(values: &'a [Value]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    #[inline]
    pub fn positional(&self) -> &'a [Value] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    pub fn keywords(&self) -> impl Iterator<Item = (&'a Value, &'a Value)> + 'a {
        let kw_values = &self.values[self.values.len() - self.kwnames.len()..];
        self.kwnames.iter().zip(kw_values.iter())
    }

    pub fn has_keywords(&self) -> bool {
        !self.kwnames.is_empty()
    }
}

impl std::fmt::Debug for Args<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Args({:?}, kw={:?})", self.values, self.kwnames)
    }
}

/// The signature of every native function and method: a method receives its instance as the
/// first positional argument.
pub type NativeFn = fn(&mut Vm, Args<'_>) -> PyResult;

/// A builtin that reads the frame calling it (`locals()`, `eval`): given that frame by the
/// `CALL` instruction. See [`crate::frame_locals`].
pub type FrameFn = fn(&mut Vm, &crate::frame::Frame, Args<'_>) -> PyResult;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NativeKind {
    /// A module-level function (`len`): never binds.
    Function,
    /// A method of a built-in type (`list.append`): binds to an instance like a Python
    /// function does.
    Method,
    /// A class method of a built-in type (`dict.fromkeys`, `int.from_bytes`).
    ClassMethod,
    /// A static method of a built-in type (`str.maketrans`).
    StaticMethod,
}

pub struct NativeFunction {
    pub name: &'static str,
    pub func: NativeFn,
    pub kind: NativeKind,
    /// The instance (or class) a bound native method was taken from: passed first.
    pub receiver: Option<Value>,
    /// The class defining a method (for `__qualname__` and the descriptor's type check).
    pub owner: Option<Obj>,
    pub module: Option<&'static str>,
    /// A method CPython declares `METH_NOARGS` (`list.clear`, `int.bit_length`): called with
    /// any argument besides its receiver, it raises CPython's `TypeError` before running.
    pub no_arguments: bool,
    /// Set for the builtins that read their caller's frame: what `CALL` runs instead of
    /// `func`, with the calling frame.
    pub with_frame: Option<FrameFn>,
}
