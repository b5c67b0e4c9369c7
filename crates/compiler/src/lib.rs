//! # taipan-compiler: Python 3.13 syntax trees to CPython 3.13 code objects
//!
//! The third stage of Taipan's pipeline: a [`taipan_ast`] tree in (it does not parse), a
//! [`taipan_bytecode::CodeObject`] out, equal to the one CPython 3.13.0's `compile()` makes
//! for the same source: instructions, constants, names, locals, flags, stack size, location
//! table and exception table. It models Python [`PYTHON_VERSION`]; its output format is
//! `taipan-bytecode`'s.
//!
//! **For:** `compile()`'s work after parsing, as CPython's passes, each a module whose output
//! can be looked at on its own:
//!
//! | pass | module | CPython 3.13 | text form |
//! |---|---|---|---|
//! | AST optimizer | [`fold`] | `Python/ast_opt.c` | `ast.dump(ast.parse(src, optimize=N))` |
//! | symbol table | [`symtable`] | `Python/symtable.c` | [`symtable::SymbolTable::text`] |
//! | code generation | [`codegen`] | `Python/compile.c` | [`ir::InstructionSequence::text`] |
//! | CFG optimisation | [`flowgraph`] | `Python/flowgraph.c` | the same, after the passes |
//! | assembly | [`assemble`] | `Python/assemble.c` | `dis`, and the code object itself |
//!
//! **Not for:** parsing (`taipan-parser`), writing `.pyc` files (`taipan-pyc`), running code
//! (`taipan-vm`).
//!
//! ## Compiling a tree
//!
//! ```
//! use taipan_compiler::{Options, compile};
//!
//! let source = "x = 2 + 3\nprint(x)\n";
//! let arena = bumpalo::Bump::new();
//! let mut tree = taipan_parser::parse(source, &Default::default(), &arena).unwrap().tree;
//! let index = taipan_ast::LineIndex::new(source);
//! let options = Options { filename: "<memory>".into(), ..Options::default() };
//! let compiled = compile(&mut tree, &arena, &index, &options).unwrap();
//! // What `dis.dis(compile(source, "<memory>", "exec"))` prints in CPython 3.13.
//! assert_eq!(
//!     taipan_bytecode::dis::dis(&compiled.code, &Default::default()),
//!     "  0           RESUME                   0
//!
//!   1           LOAD_CONST               0 (5)
//!               STORE_NAME               0 (x)
//!
//!   2           LOAD_NAME                1 (print)
//!               PUSH_NULL
//!               LOAD_NAME                0 (x)
//!               CALL                     1
//!               POP_TOP
//!               RETURN_CONST             1 (None)
//! ",
//! );
//! ```
//!
//! ## Architecture invariants
//! - Every pass matches its CPython counterpart's output, not just its effect: the per-pass
//!   comparison (`cargo xtask compare-passes`) holds each one to `_testinternalcapi`'s view of
//!   CPython's own passes.
//! - One error type, [`CompileError`]: the exception CPython's compiler raises, with its message
//!   and location. No input panics or overflows the stack.
//! - The crate depends on the AST and bytecode crates only (and small utilities).

pub mod assemble;
pub mod codegen;
pub mod error;
pub mod flowgraph;
pub mod fold;
pub mod ir;
mod opinfo;
pub mod passes;
mod recursion;
pub mod symtable;
pub mod unit;

pub use error::{CompileError, ErrorKind, Warning};

use taipan_bytecode::{CodeObject, PyString};

/// The Python version whose compiler this crate reproduces.
pub const PYTHON_VERSION: (u8, u8) = (3, 13);

/// What to compile: `compile()`'s `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Exec,
    Eval,
    /// Interactive: expression statements print their value (`PRINT_EXPR`).
    Single,
}

/// How to compile.
#[derive(Clone, Debug)]
pub struct Options {
    pub mode: Mode,
    /// `co_filename`.
    pub filename: String,
    /// The optimisation level: 0 (default), 1 (`-O`) or 2 (`-OO`).
    pub optimize: i32,
    /// `from __future__` features inherited from the caller (`compile(flags=…)`).
    pub future: symtable::FutureFeatures,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            mode: Mode::Exec,
            filename: "<string>".to_owned(),
            optimize: 0,
            future: symtable::FutureFeatures::default(),
        }
    }
}

/// A compiled module, and the warnings issued on the way.
#[derive(Debug)]
pub struct Compiled {
    pub code: CodeObject,
    pub warnings: Vec<Warning>,
}

/// One finished code unit through the back end: CFG optimisation, finalisation, assembly
/// (CPython's `optimize_and_assemble_code_unit`). `nparams` is the number of parameters
/// (`ste_varnames`), which the `LOAD_FAST_CHECK` analysis treats as initialised. On success
/// `metadata.consts` has moved into the code object (it is left empty).
pub fn optimize_and_assemble(
    seq: ir::InstructionSequence,
    metadata: &mut unit::UnitMetadata,
    nparams: usize,
    filename: &PyString,
) -> Result<CodeObject, CompileError> {
    let mut cfg = flowgraph::Cfg::from_sequence(seq);
    let nlocals = metadata.varnames.len();
    flowgraph::optimize_code_unit(
        &mut cfg,
        &mut metadata.consts,
        nlocals,
        nparams,
        metadata.firstlineno,
    )?;
    let finalized = flowgraph::finalize(cfg, metadata)?;
    // The constants move into the code object rather than being cloned: they hold the nested
    // code objects, and a clone at every level made the cost grow with the nesting depth.
    let consts = std::mem::take(&mut metadata.consts);
    let code = assemble::make_code_object(metadata, &finalized, filename);
    match code {
        Ok(mut code) => {
            code.consts = consts;
            Ok(code)
        }
        Err(error) => {
            metadata.consts = consts;
            Err(error)
        }
    }
}

/// Compiles a module's tree: the AST optimizer (which rewrites `module` in place, allocating
/// in `arena`), the symbol table, code generation and the back end (CPython's
/// `_PyAST_Compile`). A `Mod::FunctionType` tree is refused as CPython's code generation
/// refuses it. `index` maps the tree's
/// byte ranges to lines and columns (build it from the source the tree was parsed from).
pub fn compile<'a>(
    module: &mut taipan_ast::Mod<'a>,
    arena: &'a bumpalo::Bump,
    index: &taipan_ast::LineIndex,
    options: &Options,
) -> Result<Compiled, CompileError> {
    fold::optimize_checked(module, arena, options.optimize, options.future.annotations)?;
    let table = symtable::build(module, index, options.future)?;
    compile_with_table(module, index, &table, options)
}

/// The passes after the symbol table (code generation and the back end), on a tree the AST
/// optimizer has already rewritten and its symbol table: what [`compile`] and
/// [`passes::run_passes`] share.
pub(crate) fn compile_with_table(
    module: &taipan_ast::Mod<'_>,
    index: &taipan_ast::LineIndex,
    table: &symtable::SymbolTable,
    options: &Options,
) -> Result<Compiled, CompileError> {
    let mut compiler = codegen::Compiler::new(
        table,
        index,
        &options.filename,
        options.optimize,
        options.mode == Mode::Single,
    );
    let code = codegen::codegen_module(&mut compiler, module)?;
    Ok(Compiled {
        code,
        warnings: compiler.warnings,
    })
}
