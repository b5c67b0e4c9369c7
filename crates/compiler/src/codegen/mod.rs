//! Code generation: CPython 3.13's `Python/compile.c`. Walks the (optimised) tree with the
//! symbol table and emits, for each code unit, an [`InstructionSequence`] of real and pseudo
//! instructions plus its [`UnitMetadata`]; a finished unit goes through the CFG optimiser and
//! the assembler (see [`crate::optimize_and_assemble`]) and becomes a constant of its parent.
//!
//! The methods keep CPython's names, so compile.c and this module can be read side by side:
//! `compiler_nameop` is [`Compiler::nameop`], `ADDOP_I` is [`Compiler::addop_i`], and so on.
//! Each family of nodes has its own file: `stmt.rs` (statements), `expr.rs` (expressions),
//! `call.rs` (calls), `comprehension.rs`, `function.rs` (functions, lambdas, classes, type
//! parameters, annotations, decorators), `pattern.rs` (`match`), `warnings.rs`.

mod call;
mod collection;
pub mod comprehension;
mod condition;
pub mod constant;
pub mod expr;
mod fstring;
mod function;
mod pattern;
mod stmt;
mod warnings;

use taipan_ast::{LineIndex, TextRange};
use taipan_bytecode::{Constant, Opcode, PyString};

use crate::error::{CompileError, Warning};
use crate::ir::{InstructionSequence, Label, Location};
use crate::symtable::{ScopeId, SymbolTable};
use crate::unit::UnitMetadata;

/// The result of a code-generation step.
pub type CResult<T = ()> = Result<T, CompileError>;

/// What kind of code unit is being generated (CPython's `COMPILER_SCOPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    Annotations,
    TypeParams,
}

/// One code unit being generated: CPython's `struct compiler_unit`.
#[derive(Debug)]
pub struct Unit {
    pub kind: UnitKind,
    pub scope: ScopeId,
    pub metadata: UnitMetadata,
    pub seq: InstructionSequence,
    /// The class name private names are mangled with (`u_private`).
    pub private: Option<String>,
    /// The frame blocks (`u_fblock`): loops, try/finally, with, handlers… innermost last.
    pub fblocks: Vec<FBlock>,
    /// The location of the statement being compiled (`u_lineno`…), for instructions
    /// without a node of their own.
    pub loc: Location,
    /// `u_in_inlined_comp`.
    pub in_inlined_comp: u32,
    /// What an inlined comprehension being compiled changes in how names resolve (PEP 709's
    /// temporary `ste_symbols` entries and `u_fasthidden`); see
    /// [`Compiler::symbol_scope`] and [`Compiler::is_fast_hidden`], which `nameop` uses.
    pub comp_overrides: comprehension::CompOverrides,
}

/// What a frame block is (`enum fblocktype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FBlockKind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
    StopIteration,
}

/// A frame block: CPython's `struct fblockinfo`. `datum` is what CPython keeps in `fb_datum`
/// (the `finally` body, the `with` location, the handler's name…), given by the statement
/// that pushed it, as an index the owner knows how to read.
#[derive(Clone, Copy, Debug)]
pub struct FBlock {
    pub kind: FBlockKind,
    pub block: Label,
    pub exit: Option<Label>,
    pub loc: Location,
    /// The address of the AST data CPython keeps in `fb_datum` (a `finally` body slice, an
    /// except-handler name…); the statement that pushed the block reads it back.
    pub datum: usize,
}

/// The code generator of one module: CPython's `struct compiler`.
#[derive(Debug)]
pub struct Compiler<'t> {
    pub symtable: &'t SymbolTable,
    pub index: &'t LineIndex,
    pub filename: PyString,
    /// `c_optimize`: 0, 1 or 2.
    pub optimize: i32,
    /// Compiling in `single` mode (`c_interactive`): expression statements print.
    pub interactive: bool,
    /// The unit stack; the last is the one being generated (`c_u`).
    pub units: Vec<Unit>,
    pub warnings: Vec<Warning>,
    /// `c_nestlevel`.
    pub nestlevel: u32,
}

impl<'t> Compiler<'t> {
    /// The current unit.
    pub fn u(&mut self) -> &mut Unit {
        self.units
            .last_mut()
            .expect("a unit is always open while generating")
    }

    /// CPython's `LOC(node)`: the location of a node's range.
    pub fn loc(&self, range: TextRange) -> Location {
        let p = self.index.position(range);
        Location::new(
            p.lineno as i32,
            p.end_lineno as i32,
            p.col_offset as i32,
            p.end_col_offset as i32,
        )
    }

    /// `ADDOP_I`: an instruction with an oparg.
    pub fn addop_i(&mut self, opcode: Opcode, oparg: i32, loc: Location) {
        self.u().seq.add(opcode, oparg, loc);
    }

    /// `ADDOP`: an instruction without an oparg.
    pub fn addop(&mut self, opcode: Opcode, loc: Location) {
        self.u().seq.add(opcode, 0, loc);
    }

    /// `ADDOP_JUMP`: a jump (or `SETUP_*`) to `target`.
    pub fn addop_jump(&mut self, opcode: Opcode, target: Label, loc: Location) {
        self.u().seq.add_jump(opcode, target, loc);
    }

    /// `NEW_JUMP_TARGET_LABEL`.
    pub fn new_label(&mut self) -> Label {
        self.u().seq.new_label()
    }

    /// `USE_LABEL`.
    pub fn use_label(&mut self, label: Label) {
        self.u().seq.use_label(label);
    }

    /// `_PyCompile_AddConst`/`compiler_add_const`: the index of `value` in `co_consts`,
    /// adding it if new (constants are equal as [`Constant`] says: code-object equality).
    pub fn add_const(&mut self, value: Constant) -> u32 {
        let consts = &mut self.u().metadata.consts;
        if let Some(i) = consts.iter().position(|c| *c == value) {
            return i as u32;
        }
        consts.push(value);
        consts.len() as u32 - 1
    }

    /// `ADDOP_LOAD_CONST`.
    pub fn addop_load_const(&mut self, value: Constant, loc: Location) {
        let i = self.add_const(value);
        self.addop_i(Opcode::LOAD_CONST, i as i32, loc);
    }

    /// `compiler_add_o(u_names)` of an already-mangled name: its index in `co_names`.
    pub fn add_name_unmangled(&mut self, name: &str) -> u32 {
        let names = &mut self.u().metadata.names;
        if let Some(i) = names.iter().position(|n| n.as_str() == Some(name)) {
            return i as u32;
        }
        names.push(PyString::new(name));
        names.len() as u32 - 1
    }
}

/// Scope, name and frame-block management (compile.c's `compiler_enter_scope`,
/// `compiler_exit_scope`, `compiler_nameop`, `_Py_Mangle`, `compiler_push_fblock`…).
/// Stubs until written.
impl Compiler<'_> {
    /// `compiler_enter_scope`: opens a new code unit for the scope the symbol table made for the
    /// node at address `key` (see [`crate::symtable::SymbolTable::scope_of`]).
    pub fn enter_scope(&mut self, name: &str, kind: UnitKind, key: usize, lineno: i32) -> CResult {
        let _ = (name, kind, key, lineno);
        Err(not_yet("scopes"))
    }

    /// `compiler_exit_scope` + `optimize_and_assemble`: finishes the current unit and returns
    /// its code object (the parent unit becomes current again).
    pub fn exit_scope(&mut self) -> CResult<taipan_bytecode::CodeObject> {
        Err(not_yet("scopes"))
    }

    /// `compiler_nameop`: loads, stores or deletes `name` as its scope says.
    pub fn nameop(&mut self, name: &str, ctx: taipan_ast::ExprContext, loc: Location) -> CResult {
        let _ = (name, ctx, loc);
        Err(not_yet("names"))
    }

    /// `ADDOP_NAME`: an instruction whose oparg is the index of the (mangled) `name` in
    /// `co_names`.
    pub fn addop_name(&mut self, opcode: Opcode, name: &str, loc: Location) -> CResult {
        let _ = (opcode, name, loc);
        Err(not_yet("names"))
    }

    /// `_Py_MaybeMangle`: `name` with private-name mangling applied in the current class.
    pub fn mangle<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        std::borrow::Cow::Borrowed(name)
    }

    /// `compiler_push_fblock`.
    pub fn push_fblock(
        &mut self,
        kind: FBlockKind,
        block: Label,
        exit: Option<Label>,
        datum: usize,
        loc: Location,
    ) -> CResult {
        let _ = (kind, block, exit, datum, loc);
        Err(not_yet("frame blocks"))
    }

    /// `compiler_pop_fblock`.
    pub fn pop_fblock(&mut self, kind: FBlockKind, block: Label) {
        let _ = (kind, block);
    }
}

/// The error a part of code generation not written yet gives (never a panic).
pub(crate) fn not_yet(what: &str) -> CompileError {
    CompileError {
        kind: crate::error::ErrorKind::SystemError,
        message: format!("taipan: code generation of {what} is not written yet"),
        location: Location::NONE,
    }
}

/// Generates the code of a whole module and everything nested in it (not yet written).
pub fn codegen_module(
    _compiler: &mut Compiler<'_>,
    _module: &taipan_ast::Mod<'_>,
) -> CResult<taipan_bytecode::CodeObject> {
    Err(CompileError::syntax(
        "code generation is not written yet",
        Location::NONE,
    ))
}
