//! The module unit (compile.c's `compiler_codegen`, `compiler_body`, `find_ann`,
//! `compiler_mod`), and code generation on its own ([`codegen_only`]: what
//! `_testinternalcapi.compiler_codegen` shows of CPython's).

use taipan_ast::{ExprContext, LineIndex, Mod, Stmt};
use taipan_bytecode::{CodeObject, Constant, Opcode};

use super::docstring::{clean_doc, get_docstring};
use super::{CResult, Compiler, UnitKind};
use crate::error::{CompileError, ErrorKind, Warning};
use crate::ir::{InstructionSequence, Location};
use crate::symtable::SymbolTable;
use crate::unit::UnitMetadata;

/// One finished code unit's code-generation output, kept when [`Compiler::save_codegen`] is set.
#[derive(Clone, Debug)]
pub struct SavedUnit {
    pub qualname: String,
    /// How many units enclosed it (0 for the module).
    pub depth: u32,
    /// The instruction sequence as code generation left it (before the CFG passes), the
    /// implicit `return` included.
    pub seq: InstructionSequence,
    pub metadata: UnitMetadata,
}

/// What [`codegen_only`] gives: every unit's code-generation output, and the warnings.
#[derive(Clone, Debug)]
pub struct CodegenOutput {
    /// In completion order: nested units before the unit holding them, the module last.
    pub units: Vec<SavedUnit>,
    pub warnings: Vec<Warning>,
}

impl CodegenOutput {
    /// The units in the order the oracle lists them: the module first, then each unit followed
    /// by the units nested in it (depth first, in completion order among siblings).
    pub fn preorder(&self) -> Vec<&SavedUnit> {
        // Completion order is a post-order walk: rebuild the tree with a stack.
        let mut stack: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, unit) in self.units.iter().enumerate() {
            let mut children = Vec::new();
            while let Some((top, _)) = stack.last() {
                if self.units[*top].depth > unit.depth {
                    if let Some(child) = stack.pop() {
                        children.push(child);
                    }
                } else {
                    break;
                }
            }
            children.reverse();
            let mut flat = Vec::new();
            for (child, grandchildren) in children {
                flat.push(child);
                flat.extend(grandchildren);
            }
            stack.push((i, flat));
        }
        let mut out = Vec::new();
        for (root, rest) in stack {
            out.push(&self.units[root]);
            out.extend(rest.into_iter().map(|i| &self.units[i]));
        }
        out
    }
}

/// Runs the symbol table and code generation over `module` (already optimised by
/// [`crate::fold`] if wanted), without the back end: each unit's instruction sequence and
/// metadata, as CPython's `_PyCompile_CodeGen` with nested sequences saved.
pub fn codegen_only(
    module: &Mod<'_>,
    index: &LineIndex,
    options: &crate::Options,
) -> Result<CodegenOutput, CompileError> {
    let table = crate::symtable::build(module, index, options.future)?;
    codegen_only_with_table(module, index, &table, options)
}

/// [`codegen_only`] with a symbol table already built.
pub fn codegen_only_with_table(
    module: &Mod<'_>,
    index: &LineIndex,
    table: &SymbolTable,
    options: &crate::Options,
) -> Result<CodegenOutput, CompileError> {
    let mut compiler = Compiler::new(
        table,
        index,
        &options.filename,
        options.optimize,
        options.mode == crate::Mode::Single,
    );
    compiler.save_codegen = true;
    compiler.skip_backend = true;
    codegen_module(&mut compiler, module)?;
    Ok(CodegenOutput {
        units: compiler.saved_units,
        warnings: compiler.warnings,
    })
}

/// `compiler_mod`: generates the code of a whole module and everything nested in it, and
/// returns the module's code object. `Module` is `exec` mode, `Interactive` is `single` (each
/// expression statement prints), `Expression` is `eval` (the value is returned).
pub fn codegen_module<'t>(compiler: &mut Compiler<'t>, module: &'t Mod<'_>) -> CResult<CodeObject> {
    compiler.ast_root = Some(module);
    compiler.enter_scope("<module>", UnitKind::Module, 0, 1)?;
    let loc = Location::line(1);
    let add_none = match module {
        Mod::Module { body, .. } => {
            compiler.compiler_body(loc, body)?;
            true
        }
        Mod::Interactive { body } => {
            if find_ann(body) {
                compiler.addop(Opcode::SETUP_ANNOTATIONS, loc);
            }
            compiler.interactive = true;
            compiler.visit_body(body)?;
            true
        }
        Mod::Expression { body } => {
            compiler.visit_expr(body)?;
            false
        }
        Mod::FunctionType { .. } => {
            return Err(CompileError {
                kind: ErrorKind::SystemError,
                message: "module kind 4 should not be possible".to_owned(),
                location: Location::NONE,
            });
        }
    };
    compiler.exit_scope_with(add_none)
}

impl Compiler<'_> {
    /// `compiler_body`: a module's or class's statements, with `SETUP_ANNOTATIONS` first when
    /// the body annotates a name, and the docstring (cleaned, unless `-OO` drops it) stored
    /// in `__doc__`.
    pub fn compiler_body(&mut self, loc: Location, stmts: &[Stmt<'_>]) -> CResult {
        let mut loc = loc;
        // SETUP_ANNOTATIONS of a module gets the first statement's location.
        if self.units.last().map(|u| u.kind) == Some(UnitKind::Module)
            && let Some(first) = stmts.first()
        {
            loc = self.loc(first.range());
        }
        if find_ann(stmts) {
            self.addop(Opcode::SETUP_ANNOTATIONS, loc);
        }
        if stmts.is_empty() {
            return Ok(());
        }
        let mut first = 0;
        if let Some((value, doc)) = get_docstring(stmts) {
            first = 1;
            if self.optimize < 2 {
                let loc = self.loc(value.range());
                self.addop_load_const(Constant::Str(clean_doc(&doc)), loc);
                self.nameop("__doc__", ExprContext::Store, Location::NONE)?;
            }
        }
        self.visit_body(stmts.get(first..).unwrap_or(&[]))
    }
}

/// `find_ann`: whether a body annotates a name anywhere outside nested scopes (an `AnnAssign`,
/// also inside compound statements).
pub fn find_ann(stmts: &[Stmt<'_>]) -> bool {
    stmts.iter().any(|st| {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match st {
            Stmt::AnnAssign(_) => true,
            Stmt::For(f) | Stmt::AsyncFor(f) => find_ann(f.body) || find_ann(f.orelse),
            Stmt::While(w) => find_ann(w.body) || find_ann(w.orelse),
            Stmt::If(i) => find_ann(i.body) || find_ann(i.orelse),
            Stmt::With(w) | Stmt::AsyncWith(w) => find_ann(w.body),
            Stmt::Try(t) | Stmt::TryStar(t) => {
                t.handlers.iter().any(|h| find_ann(h.body))
                    || find_ann(t.body)
                    || find_ann(t.finalbody)
                    || find_ann(t.orelse)
            }
            Stmt::Match(m) => m.cases.iter().any(|c| find_ann(c.body)),
            _ => false,
        })
    })
}
