//! What code generation knows about one code unit besides its instructions: CPython 3.13's
//! `_PyCompile_CodeUnitMetadata`, the input the assembler needs along with the optimised
//! instruction sequence (and the `metadata` dict `_testinternalcapi.compiler_codegen` returns).

use taipan_bytecode::{CodeFlags, Constant, PyString};

/// The metadata of one code unit (a module, class body, function, lambda, comprehension,
/// annotation or type-parameter scope).
#[derive(Clone, Debug)]
pub struct UnitMetadata {
    /// `co_name`.
    pub name: PyString,
    /// `co_qualname`.
    pub qualname: PyString,
    /// `co_consts`, in order of first use (CPython's `u_consts` dict, keyed by
    /// `_PyCode_ConstantKey`: the [`Constant`] equality).
    pub consts: Vec<Constant>,
    /// `co_names`, in order of first use.
    pub names: Vec<PyString>,
    /// Parameters first (in order), then other fast locals in order of first use.
    pub varnames: Vec<PyString>,
    /// Cell variables: sorted by name (CPython's `dictbytype` sorts), except that for a class
    /// body `__class__`/`__classdict__` come as CPython puts them.
    pub cellvars: Vec<PyString>,
    /// Free variables, sorted by name.
    pub freevars: Vec<PyString>,
    /// Locals hidden by an inlined comprehension (PEP 709): `u_fasthidden`, the names whose
    /// localsplus kind gets `CO_FAST_HIDDEN`.
    pub fasthidden: Vec<PyString>,
    /// CPython's `u_argcount`: the positional-or-keyword parameters, *not* counting the
    /// positional-only ones (`co_argcount` is `posonlyargcount + argcount`, as the assembler's
    /// `makecode` adds them).
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// `co_firstlineno`.
    pub firstlineno: i32,
    /// The flags `compute_code_flags` gives (the assembler adds nothing but what it derives).
    pub flags: CodeFlags,
    /// Class bodies only: the attribute names stored on `self` in the methods nested in the
    /// class (CPython's `u_static_attributes`, a set here kept as a list without duplicates),
    /// which become the class's `__static_attributes__`. Not part of the code object.
    pub static_attributes: Vec<String>,
}

impl UnitMetadata {
    /// Metadata with the given name and nothing else.
    pub fn new(name: &str) -> UnitMetadata {
        UnitMetadata {
            name: PyString::new(name),
            qualname: PyString::new(name),
            consts: Vec::new(),
            names: Vec::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            fasthidden: Vec::new(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            firstlineno: 1,
            flags: CodeFlags(0),
            static_attributes: Vec::new(),
        }
    }
}
