//! The symbol table pass: CPython 3.13's `Python/symtable.c`. It walks a module's tree once,
//! makes a [`Scope`] for every block that gets its own namespace (module, class, function,
//! lambda, comprehension, annotation and PEP 695 type-parameter/type-alias/type-variable
//! scopes), records what each name is used for there ([`SymbolFlags`]), and then resolves
//! every name to its [`ScopeKind`]: local, global (explicit or implicit), free or cell.
//! Comprehensions that PEP 709 inlines are analysed as their own scope and then marked
//! [`Scope::comp_inlined`], their symbols merged into the parent as CPython does.
//!
//! The text form ([`SymbolTable::text`]) lists every scope and symbol, in the format the oracle
//! driver writes from CPython's `_symtable` module. Over the standard library it is identical
//! to CPython's for every file (see `examples/symtable_text.rs`), including the order in which
//! names that only pass through a block join its symbols: CPython adds them in the iteration
//! order of a `set` of `str`, which `name_set.rs` simulates (it follows `PYTHONHASHSEED`).
//!
//! Scopes are found by the address of the AST node that opened them, as CPython keys
//! `st_blocks` by node pointer. The key of each block kind (`by_node`):
//!
//! | block | key | lookup |
//! |---|---|---|
//! | module (`top`) | the [`taipan_ast::Mod`] given to [`build`] | [`SymbolTable::root`] |
//! | function, async function | its [`taipan_ast::FunctionDef`] struct | [`SymbolTable::scope_of`] |
//! | class | its [`taipan_ast::ClassDef`] struct | [`SymbolTable::scope_of`] |
//! | lambda | its [`taipan_ast::Lambda`] struct | [`SymbolTable::scope_of`] |
//! | list/set comprehension, generator expression | its [`taipan_ast::Comp`] struct | [`SymbolTable::scope_of`] |
//! | dict comprehension | its [`taipan_ast::DictComp`] struct | [`SymbolTable::scope_of`] |
//! | type alias value (`type X = …`) | its [`taipan_ast::TypeAlias`] struct | [`SymbolTable::scope_of`] |
//! | type parameters of a generic def/class/alias | the `type_params` slice's data pointer | [`SymbolTable::scope_of_type_params`] |
//! | a type variable's bound or constraints | its [`taipan_ast::TypeParamData`] struct | [`SymbolTable::scope_of_type_param_bound`] |
//! | a type variable's default | that struct's address + 1 (as CPython's key) | [`SymbolTable::scope_of_type_param_default`] |
//!
//! Annotation blocks (`from __future__ import annotations`) are walked, for their errors, but
//! recorded nowhere, as in CPython (they are never compiled: the annotations become strings).

mod analyze;
mod builder;
mod future;
mod name_set;
mod text;

use crate::ir::Location;
use indexmap::IndexMap;

pub use builder::{build, mangle};
pub use future::parse_future_features;

/// Which `from __future__` features a module turned on that change compilation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FutureFeatures {
    /// `from __future__ import annotations` (`CO_FUTURE_ANNOTATIONS`).
    pub annotations: bool,
    /// `barry_as_FLUFL`.
    pub barry_as_flufl: bool,
    /// The location of the last `from __future__` import of the module's leading block
    /// (CPython's `ff_location`): code generation raises "from __future__ imports must occur
    /// at the beginning of the file" for a `from __future__` import on a later line.
    pub location: Option<Location>,
}

/// An index into [`SymbolTable::scopes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

/// CPython 3.13's `_Py_block_ty`, with its numbering (`_symtable`'s `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockType {
    Function = 0,
    Class = 1,
    Module = 2,
    /// An annotation scope under `from __future__ import annotations`-free class bodies and
    /// the like (`AnnotationBlock`).
    Annotation = 3,
    /// The value of a `type X = …` statement (`TypeAliasBlock`).
    TypeAlias = 4,
    /// The scope holding a generic function's or class's type parameters
    /// (`TypeParametersBlock`).
    TypeParameters = 5,
    /// A type variable's bound, constraints or default (`TypeVariableBlock`).
    TypeVariable = 6,
}

/// How a name is resolved in a scope (CPython's `SCOPE_*` values, in bits 12… of the flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Local = 1,
    GlobalExplicit = 2,
    GlobalImplicit = 3,
    Free = 4,
    Cell = 5,
}

/// What a name is used for in one scope: CPython's `DEF_*` bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SymbolFlags(pub u32);

impl SymbolFlags {
    pub const DEF_GLOBAL: u32 = 1;
    pub const DEF_LOCAL: u32 = 2;
    pub const DEF_PARAM: u32 = 4;
    pub const DEF_NONLOCAL: u32 = 8;
    pub const USE: u32 = 16;
    pub const DEF_FREE: u32 = 32;
    pub const DEF_FREE_CLASS: u32 = 64;
    pub const DEF_IMPORT: u32 = 128;
    pub const DEF_ANNOT: u32 = 256;
    pub const DEF_COMP_ITER: u32 = 512;
    pub const DEF_TYPE_PARAM: u32 = 1024;
    pub const DEF_COMP_CELL: u32 = 2048;
    pub const DEF_BOUND: u32 = Self::DEF_LOCAL | Self::DEF_PARAM | Self::DEF_IMPORT;

    pub fn has(self, bits: u32) -> bool {
        self.0 & bits != 0
    }
}

/// One name in one scope: CPython's flag word split in two, the `DEF_*`/`USE` bits and the
/// resolved scope (CPython's bits 12… of the word; [`SymbolTable::text`] prints them joined).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub flags: SymbolFlags,
    /// `None` while the table is being built, and in annotation blocks, which CPython never
    /// analyses.
    pub scope: Option<ScopeKind>,
}

/// One block with its own namespace: CPython's `PySTEntryObject` (`ste_*` fields).
#[derive(Clone, Debug)]
pub struct Scope {
    pub block_type: BlockType,
    /// `ste_name`: the function/class name, `"top"`, `"lambda"`, `"listcomp"`, `"genexpr"`…
    pub name: String,
    /// The symbols, in order of first mention (CPython's `ste_symbols` dict order; the hasher
    /// only speeds up lookups, an `IndexMap` iterates in insertion order).
    pub symbols: IndexMap<String, Symbol, hashbrown::DefaultHashBuilder>,
    /// `ste_varnames`: the parameters, in order.
    pub varnames: Vec<String>,
    /// `ste_children` after analysis: the blocks directly inside this one, in source order,
    /// an inlined comprehension replaced by its own children (as CPython splices them).
    pub children: Vec<ScopeId>,
    /// The enclosing block (for a block inside an annotation block, that block).
    pub parent: Option<ScopeId>,
    /// `ste_nested`: the block is inside a function-like block (directly or not).
    pub nested: bool,
    /// `ste_free`: the block has free variables (after analysis; for an inlined comprehension,
    /// whether any remained free after inlining).
    pub free: bool,
    /// `ste_generator`: the block contains `yield` (or is a generator expression).
    pub generator: bool,
    /// `ste_coroutine`: an `async def`, or a block containing `await`, `async for`/`async with`
    /// comprehension clauses, or an inlined comprehension that does.
    pub coroutine: bool,
    /// `ste_comprehension`: which comprehension this scope is (`None` for other blocks).
    pub comprehension: Option<ComprehensionKind>,
    /// `ste_varargs`: the block has a `*args` parameter.
    pub varargs: bool,
    /// `ste_varkeywords`: the block has a `**kwargs` parameter.
    pub varkeywords: bool,
    /// `ste_returns_value`: the block has a `return` with a value.
    pub returns_value: bool,
    /// `ste_needs_class_closure`: a class body whose methods use `__class__`/`super()`.
    pub needs_class_closure: bool,
    /// `ste_needs_classdict`: a class body whose annotation/type scopes read its namespace.
    pub needs_classdict: bool,
    /// `ste_comp_inlined` (PEP 709).
    pub comp_inlined: bool,
    /// `ste_comp_iter_expr`: the nesting count of comprehension iterables being walked when
    /// the block was entered (only meaningful while building).
    pub comp_iter_expr: u32,
    /// `ste_can_see_class_scope`: an annotation/type-parameter scope directly in a class.
    pub can_see_class_scope: bool,
    /// `ste_child_free`: some child scope has free variables.
    pub child_free: bool,
    /// Not a CPython field: a comprehension block (of any kind) whose `ste_coroutine` is set
    /// (it awaits, or has an `async for` clause).
    pub has_await_in_comprehension: bool,
    /// Where the block starts (`ste_lineno`, `ste_col_offset`, …).
    pub location: Location,
    /// `ste_mangled_names`, sorted: for a generic class's type-parameter block and the
    /// non-class blocks inside it, the only names that get private-name mangling (the class's
    /// type parameters); `None`: every private name is mangled.
    pub mangled_names: Option<Vec<String>>,
}

/// `ste_comprehension`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

impl Scope {
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.symbols.get(name)
    }

    /// CPython's `_PyST_GetScope`: the resolved scope of `name`, or `None` if unknown here.
    pub fn scope_of_name(&self, name: &str) -> Option<ScopeKind> {
        self.symbols.get(name).and_then(|s| s.scope)
    }

    /// CPython's `_Py_MaybeMangle`: `name` as code in this block spells it inside class
    /// `private` (the innermost enclosing class, CPython's `c_private`). A block with
    /// [`Scope::mangled_names`] (a generic class's type-parameter block and the blocks in it)
    /// mangles only those names; every other block mangles all private names.
    pub fn maybe_mangle(&self, private: Option<&str>, name: &str) -> String {
        if let Some(names) = &self.mangled_names
            && names.binary_search_by(|n| n.as_str().cmp(name)).is_err()
        {
            return name.to_owned();
        }
        mangle(private, name)
    }

    /// CPython's `_PyST_IsFunctionLike`: function, lambda, comprehension, annotation and PEP
    /// 695 scopes (their names live in fast locals).
    pub fn is_function_like(&self) -> bool {
        matches!(
            self.block_type,
            BlockType::Function
                | BlockType::Annotation
                | BlockType::TypeVariable
                | BlockType::TypeAlias
                | BlockType::TypeParameters
        )
    }
}

/// The symbol table of a module: every scope, the root first.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// Node address → scope.
    pub by_node: hashbrown::HashMap<usize, ScopeId>,
    pub future: FutureFeatures,
}

impl SymbolTable {
    pub fn root(&self) -> ScopeId {
        ScopeId(0)
    }

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    /// The scope a node opened (see the module documentation for which node is the key).
    pub fn scope_of<T>(&self, node: &T) -> Option<ScopeId> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }

    /// The text form, as the oracle driver prints `_symtable.symtable(src, filename, "exec")`:
    /// for each block (depth-first, `ste_children` order, two spaces of indent per level)
    /// `TYPE NAME line=N nested=0|1 varnames=A,B` and then one line per symbol
    /// `  NAME 0xFLAGS` (the DEF bits with the scope in bits 12…).
    pub fn text(&self) -> String {
        text::text(self)
    }

    /// The type-parameter block of a generic function, class or type alias: keyed by its
    /// non-empty `type_params` slice.
    pub fn scope_of_type_params(
        &self,
        type_params: &[taipan_ast::TypeParam<'_>],
    ) -> Option<ScopeId> {
        if type_params.is_empty() {
            return None;
        }
        self.by_node.get(&(type_params.as_ptr() as usize)).copied()
    }

    /// The block of a type variable's bound (or constraint tuple).
    pub fn scope_of_type_param_bound(
        &self,
        param: &taipan_ast::TypeParamData<'_>,
    ) -> Option<ScopeId> {
        self.by_node.get(&(param as *const _ as usize)).copied()
    }

    /// The block of a type parameter's default (CPython keys it by the node's address + 1).
    pub fn scope_of_type_param_default(
        &self,
        param: &taipan_ast::TypeParamData<'_>,
    ) -> Option<ScopeId> {
        self.by_node.get(&(param as *const _ as usize + 1)).copied()
    }
}
