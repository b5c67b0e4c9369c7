//! Code generation: CPython 3.13's `Python/compile.c`. Walks the (optimised) tree with the
//! symbol table and emits, for each code unit, an [`InstructionSequence`] of real and pseudo
//! instructions plus its [`UnitMetadata`]; a finished unit goes through the CFG optimiser and
//! the assembler (see [`crate::optimize_and_assemble`]) and becomes a constant of its parent.
//!
//! The methods keep CPython's names, so compile.c and this module can be read side by side:
//! `compiler_nameop` is [`Compiler::nameop`], `ADDOP_I` is [`Compiler::addop_i`], and so on.
//! Each family of nodes has its own file: `stmt.rs` (statement dispatch and the simple
//! statements), `assign.rs` (augmented and annotated assignments), `loops.rs` (`if`, `for`,
//! `while`), `try_.rs`, `with.rs`, `import.rs`, `expr.rs` (expressions), `call.rs` (calls),
//! `comprehension.rs`, `function.rs` (functions, lambdas, classes, type parameters,
//! annotations, decorators), `pattern.rs` (`match`), `warnings.rs`. The core: `module.rs` (the
//! module unit, [`codegen_module`], [`codegen_only`]), `scope.rs` (opening and closing code
//! units: qualnames, flags, cells and free variables), `nameop.rs` (names and mangling),
//! `fblock.rs` (frame blocks and early exits), `docstring.rs`.
//!
//! Each finished unit can be kept for inspection ([`Compiler::save_codegen`]: CPython's
//! `c_save_nested_seqs`); `examples/codegen_text.rs` prints them in the oracle script's format.

mod annotations;
mod assign;
mod call;
mod class;
mod collection;
pub mod comprehension;
mod condition;
pub mod constant;
mod docstring;
pub mod expr;
mod fblock;
mod fstring;
mod function;
mod import;
mod loops;
mod module;
mod nameop;
mod pattern;
mod scope;
mod stmt;
mod try_;
mod type_params;
mod warnings;
mod with;

pub use fblock::{FinallyBodies, MAX_BLOCKS, NO_LABEL};
pub use module::{CodegenOutput, SavedUnit, codegen_module, codegen_only, codegen_only_with_table};

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
    /// Keep each finished unit's code-generation output (CPython's `c_save_nested_seqs`, what
    /// `_testinternalcapi.compiler_codegen` shows): see [`Compiler::saved_units`].
    pub save_codegen: bool,
    /// The units finished so far, in completion order (innermost first, the module last), when
    /// [`Compiler::save_codegen`] is set.
    pub saved_units: Vec<SavedUnit>,
    /// Stop after code generation: finished units become skeleton code objects (names, locals,
    /// flags, consts; no code) instead of going through the back end. [`codegen_only`] sets it.
    pub skip_backend: bool,
    /// The tree being compiled, to find `finally` bodies again when unwinding (see `fblock.rs`).
    pub ast_root: Option<&'t dyn FinallyBodies>,
    /// `try` statements (address, range) whose `finally` body frame blocks may compile again;
    /// a `FinallyTry` block's `datum` indexes it.
    pub finally_bodies: Vec<(usize, TextRange)>,
    /// Names bound by `except … as NAME` handlers; a `HandlerCleanup` block's `datum` is 1 + an
    /// index here (0: no name).
    pub handler_names: Vec<String>,
}

impl<'t> Compiler<'t> {
    /// A compiler for one module, as CPython's `compiler_setup` makes it (after the symbol
    /// table is built).
    pub fn new(
        symtable: &'t SymbolTable,
        index: &'t LineIndex,
        filename: &str,
        optimize: i32,
        interactive: bool,
    ) -> Compiler<'t> {
        Compiler {
            symtable,
            index,
            filename: PyString::new(filename),
            optimize,
            interactive,
            units: Vec::new(),
            warnings: Vec::new(),
            nestlevel: 0,
            save_codegen: false,
            saved_units: Vec::new(),
            skip_backend: false,
            ast_root: None,
            finally_bodies: Vec::new(),
            handler_names: Vec::new(),
        }
    }
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
        // Nodes the AST optimizer made without a position (the pieces of a `%`-format turned
        // f-string) have CPython's -1 positions: no location.
        if range.is_none() {
            return Location::NONE;
        }
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
        // Merged as CPython's `u_consts` dict merges them (see `ListIndex::const_index`).
        let metadata = &mut self.u().metadata;
        metadata
            .consts_index
            .const_index(&mut metadata.consts, value)
    }

    /// `ADDOP_LOAD_CONST`.
    pub fn addop_load_const(&mut self, value: Constant, loc: Location) {
        let i = self.add_const(value);
        self.addop_i(Opcode::LOAD_CONST, i as i32, loc);
    }

    /// `compiler_add_o(u_names)` of an already-mangled name: its index in `co_names`.
    pub fn add_name_unmangled(&mut self, name: &str) -> u32 {
        let metadata = &mut self.u().metadata;
        metadata.names_index.name_index(&mut metadata.names, name)
    }
}
