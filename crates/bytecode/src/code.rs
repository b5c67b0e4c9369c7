//! `CodeObject`: every field of CPython 3.13's `types.CodeType`, as marshal stores it.

use taipan_text::PyString;

use crate::Constant;

/// A CPython 3.13 code object: the fields marshal writes, in its order, and nothing derived.
///
/// Derived views CPython offers as attributes are methods here: `co_varnames`, `co_cellvars`,
/// `co_freevars`, `co_nlocals` come from the *localsplus* names and kinds; `co_lines()` and
/// `co_positions()` decode `linetable` ([`crate::linetable`]); the exception table decodes with
/// [`crate::exception_table`].
///
/// Equality compares every field, constants by [`Constant`]'s code-object equality: the same
/// question CPython's `code.__eq__` answers (it also ignores nothing that marshal keeps).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// The most values the evaluation stack holds at once.
    pub stacksize: u32,
    pub flags: CodeFlags,
    /// `co_code`: 16-bit code units (opcode, oparg), inline caches zeroed. See [`crate::instruction`].
    pub code: Vec<u8>,
    pub consts: Vec<Constant>,
    /// `co_names`: global, attribute and import names.
    pub names: Vec<PyString>,
    /// Locals, then cells, then free variables: CPython's `co_localsplusnames`.
    pub localsplusnames: Vec<PyString>,
    /// One [`LocalKind`] per entry of `localsplusnames`: `co_localspluskinds`.
    pub localspluskinds: Vec<LocalKind>,
    pub filename: PyString,
    pub name: PyString,
    pub qualname: PyString,
    pub firstlineno: i32,
    /// `co_linetable`: PEP 626/657 location entries ([`crate::linetable`]).
    pub linetable: Vec<u8>,
    /// `co_exceptiontable` ([`crate::exception_table`]).
    pub exceptiontable: Vec<u8>,
}

/// `co_flags` bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    pub const OPTIMIZED: CodeFlags = CodeFlags(0x0001);
    pub const NEWLOCALS: CodeFlags = CodeFlags(0x0002);
    pub const VARARGS: CodeFlags = CodeFlags(0x0004);
    pub const VARKEYWORDS: CodeFlags = CodeFlags(0x0008);
    pub const NESTED: CodeFlags = CodeFlags(0x0010);
    pub const GENERATOR: CodeFlags = CodeFlags(0x0020);
    pub const NOFREE: CodeFlags = CodeFlags(0x0040);
    pub const COROUTINE: CodeFlags = CodeFlags(0x0080);
    pub const ITERABLE_COROUTINE: CodeFlags = CodeFlags(0x0100);
    pub const ASYNC_GENERATOR: CodeFlags = CodeFlags(0x0200);
    /// `from __future__ import annotations` (a compiler flag that marks code objects too).
    pub const FUTURE_ANNOTATIONS: CodeFlags = CodeFlags(0x100_0000);
    /// The names `dis.pretty_flags` gives the bits (`dis.COMPILER_FLAG_NAMES`).
    pub const NAMES: [(u32, &'static str); 10] = [
        (0x0001, "OPTIMIZED"),
        (0x0002, "NEWLOCALS"),
        (0x0004, "VARARGS"),
        (0x0008, "VARKEYWORDS"),
        (0x0010, "NESTED"),
        (0x0020, "GENERATOR"),
        (0x0040, "NOFREE"),
        (0x0080, "COROUTINE"),
        (0x0100, "ITERABLE_COROUTINE"),
        (0x0200, "ASYNC_GENERATOR"),
    ];

    pub fn contains(self, other: CodeFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// As `dis.pretty_flags`: known names, unknown bits in hex, comma-separated.
    pub fn pretty(self) -> String {
        let mut names = Vec::new();
        let mut rest = self.0;
        for bit in 0..32 {
            let flag = 1u32 << bit;
            if rest & flag != 0 {
                match Self::NAMES.iter().find(|(f, _)| *f == flag) {
                    Some((_, name)) => names.push((*name).to_owned()),
                    None => names.push(format!("{flag:#x}")),
                }
                rest ^= flag;
                if rest == 0 {
                    break;
                }
            }
        }
        if self.0 == 0 {
            // dis's loop runs out without finding a bit and appends hex(0).
            names.push("0x0".to_owned());
        }
        names.join(", ")
    }
}

impl std::ops::BitOr for CodeFlags {
    type Output = CodeFlags;
    fn bitor(self, rhs: CodeFlags) -> CodeFlags {
        CodeFlags(self.0 | rhs.0)
    }
}

impl std::fmt::Debug for CodeFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CodeFlags({:#x})", self.0)
    }
}

/// What one *localsplus* slot is: CPython's `CO_FAST_*` bits (`co_localspluskinds`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LocalKind(pub u8);

impl LocalKind {
    /// A positional parameter.
    pub const ARG_POS: u8 = 0x02;
    /// A keyword parameter.
    pub const ARG_KW: u8 = 0x04;
    /// `*args` or `**kwargs`.
    pub const ARG_VAR: u8 = 0x08;
    /// Hidden from `locals()`: the targets of an inlined comprehension (PEP 709).
    pub const HIDDEN: u8 = 0x10;
    /// A local variable.
    pub const LOCAL: u8 = 0x20;
    /// A cell: a local captured by an inner scope.
    pub const CELL: u8 = 0x40;
    /// A free variable: captured from an outer scope.
    pub const FREE: u8 = 0x80;

    pub fn is(self, bits: u8) -> bool {
        self.0 & bits != 0
    }
}

impl std::fmt::Debug for LocalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LocalKind({:#04x})", self.0)
    }
}

impl CodeObject {
    /// A code object with no code, for building one field by field.
    pub fn empty(name: &str) -> CodeObject {
        CodeObject {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 0,
            flags: CodeFlags::default(),
            code: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            localsplusnames: Vec::new(),
            localspluskinds: Vec::new(),
            filename: PyString::new(""),
            name: PyString::new(name),
            qualname: PyString::new(name),
            firstlineno: 1,
            linetable: Vec::new(),
            exceptiontable: Vec::new(),
        }
    }

    fn localsplus_where(&self, keep: impl Fn(LocalKind) -> bool) -> Vec<&PyString> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, kind)| keep(**kind))
            .map(|(name, _)| name)
            .collect()
    }

    /// `co_varnames`: the locals (parameters first).
    pub fn varnames(&self) -> Vec<&PyString> {
        self.localsplus_where(|k| k.is(LocalKind::LOCAL))
    }

    /// `co_cellvars`.
    pub fn cellvars(&self) -> Vec<&PyString> {
        self.localsplus_where(|k| k.is(LocalKind::CELL))
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> Vec<&PyString> {
        self.localsplus_where(|k| k.is(LocalKind::FREE))
    }

    /// `co_nlocals`.
    pub fn nlocals(&self) -> usize {
        self.varnames().len()
    }

    /// The name of localsplus slot `index` (CPython's `_varname_from_oparg`), if it exists.
    pub fn varname_from_oparg(&self, index: u32) -> Option<&PyString> {
        self.localsplusnames.get(index as usize)
    }

    /// The nested code objects among the constants, in order.
    pub fn nested_code(&self) -> impl Iterator<Item = &CodeObject> {
        self.consts.iter().filter_map(Constant::as_code)
    }
}
