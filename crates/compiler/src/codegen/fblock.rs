//! Frame blocks: the compile-time stack of the loops, `try`s, `with`s and handlers enclosing
//! the code being generated, and what leaving them early costs (compile.c's
//! `compiler_push_fblock`, `compiler_pop_fblock`, `compiler_unwind_fblock`,
//! `compiler_unwind_fblock_stack`, `compiler_call_exit_with_nones`,
//! `compiler_pop_except_and_reraise`).
//!
//! CPython keeps a pointer to the `finally` body in the frame block and compiles the body again
//! at every `return`/`break`/`continue` that leaves it. Here the block's `datum` indexes
//! [`Compiler::finally_bodies`]: the address and range of the `try` statement, which
//! [`Compiler::ast_root`] finds again in the tree (safely: nothing borrowed is stored).

use taipan_ast::{ExprContext, Mod, Stmt, TextRange};
use taipan_bytecode::{Constant, Opcode};

use super::{CResult, Compiler, FBlock, FBlockKind};
use crate::error::CompileError;
use crate::ir::{Label, Location};

/// CPython's `CO_MAXBLOCKS`: how deep frame blocks may nest in one code unit.
pub const MAX_BLOCKS: usize = 21;

/// The label CPython calls `NO_LABEL`, for blocks that need none.
pub const NO_LABEL: Label = Label(u32::MAX);

/// The tree a module was compiled from, as code generation sees it when it has to compile a
/// `finally` body again: it finds the `try` statement by address.
pub trait FinallyBodies: std::fmt::Debug {
    /// Visits the `finally` body of the `try`/`try*` statement at address `key` (whose range is
    /// `range`, to find it without walking the whole tree).
    fn visit_finally(&self, c: &mut Compiler<'_>, key: usize, range: TextRange) -> CResult;
}

impl FinallyBodies for Mod<'_> {
    fn visit_finally(&self, c: &mut Compiler<'_>, key: usize, range: TextRange) -> CResult {
        let body: &[Stmt<'_>] = match self {
            Mod::Module { body, .. } | Mod::Interactive { body } => body,
            Mod::Expression { .. } | Mod::FunctionType { .. } => &[],
        };
        match find_finally(body, key, range) {
            Some(finalbody) => c.visit_body(finalbody),
            None => Err(super::scope::system_error(
                "taipan: the finally body to unwind is not in the tree",
            )),
        }
    }
}

/// The `finally` body of the `try` at address `key`, looked for only in statements whose range
/// holds `range`.
fn find_finally<'s, 'a>(
    stmts: &'s [Stmt<'a>],
    key: usize,
    range: TextRange,
) -> Option<&'s [Stmt<'a>]> {
    let contains = |r: TextRange| r.start <= range.start && range.end <= r.end;
    for s in stmts {
        if !contains(s.range()) {
            continue;
        }
        let found = stacker::maybe_grow(64 * 1024, 1024 * 1024, || match s {
            Stmt::Try(t) | Stmt::TryStar(t) => {
                if std::ptr::from_ref::<taipan_ast::Try<'a>>(t) as usize == key {
                    return Some(&*t.finalbody);
                }
                find_finally(t.body, key, range)
                    .or_else(|| {
                        t.handlers
                            .iter()
                            .find_map(|h| find_finally(h.body, key, range))
                    })
                    .or_else(|| find_finally(t.orelse, key, range))
                    .or_else(|| find_finally(t.finalbody, key, range))
            }
            Stmt::FunctionDef(f) | Stmt::AsyncFunctionDef(f) => find_finally(f.body, key, range),
            Stmt::ClassDef(c) => find_finally(c.body, key, range),
            Stmt::For(f) | Stmt::AsyncFor(f) => {
                find_finally(f.body, key, range).or_else(|| find_finally(f.orelse, key, range))
            }
            Stmt::While(w) => {
                find_finally(w.body, key, range).or_else(|| find_finally(w.orelse, key, range))
            }
            Stmt::If(i) => {
                find_finally(i.body, key, range).or_else(|| find_finally(i.orelse, key, range))
            }
            Stmt::With(w) | Stmt::AsyncWith(w) => find_finally(w.body, key, range),
            Stmt::Match(m) => m
                .cases
                .iter()
                .find_map(|case| find_finally(case.body, key, range)),
            _ => None,
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

impl Compiler<'_> {
    /// `compiler_push_fblock`. `datum` is what the block's kind needs when unwinding: for
    /// [`FBlockKind::FinallyTry`]/[`FBlockKind::FinallyEnd`] an index into
    /// [`Compiler::finally_bodies`] (see [`Compiler::push_finally_body`]), for
    /// [`FBlockKind::HandlerCleanup`] `0` or 1 + an index into [`Compiler::handler_names`];
    /// ignored otherwise.
    pub fn push_fblock(
        &mut self,
        kind: FBlockKind,
        block: Label,
        exit: Option<Label>,
        datum: usize,
        loc: Location,
    ) -> CResult {
        if self.u().fblocks.len() >= MAX_BLOCKS {
            return Err(CompileError::syntax(
                "too many statically nested blocks",
                loc,
            ));
        }
        self.u().fblocks.push(FBlock {
            kind,
            block,
            exit,
            loc,
            datum,
        });
        Ok(())
    }

    /// `compiler_pop_fblock`.
    pub fn pop_fblock(&mut self, kind: FBlockKind, block: Label) {
        let popped = self.u().fblocks.pop();
        debug_assert!(popped.is_some_and(|f| f.kind == kind && f.block == block));
    }

    /// Records the `finally` body of the `try` statement `node` (address and range) for the
    /// frame blocks that must compile it again; the index is the block's `datum`.
    pub fn push_finally_body(&mut self, key: usize, range: TextRange) -> usize {
        self.finally_bodies.push((key, range));
        self.finally_bodies.len() - 1
    }

    /// Records the name an `except … as NAME` handler binds; the returned value is the
    /// [`FBlockKind::HandlerCleanup`] block's `datum` (`0` stands for no name).
    pub fn push_handler_name(&mut self, name: Option<&str>) -> usize {
        match name {
            Some(name) => {
                self.handler_names.push(name.to_owned());
                self.handler_names.len()
            }
            None => 0,
        }
    }

    /// `compiler_call_exit_with_nones`: `__exit__(None, None, None)`.
    pub fn call_exit_with_nones(&mut self, loc: Location) {
        self.addop_load_const(Constant::None, loc);
        self.addop_load_const(Constant::None, loc);
        self.addop_load_const(Constant::None, loc);
        self.addop_i(Opcode::CALL, 2, loc);
    }

    /// `compiler_pop_except_and_reraise`: `COPY 3; POP_EXCEPT; RERAISE 1`.
    pub fn pop_except_and_reraise(&mut self, loc: Location) {
        self.addop_i(Opcode::COPY, 3, loc);
        self.addop(Opcode::POP_EXCEPT, loc);
        self.addop_i(Opcode::RERAISE, 1, loc);
    }

    /// `compiler_unwind_fblock`: the code that leaves `info` early. If `preserve_tos`, the
    /// value on top of the stack (a return value) is kept above what is popped.
    pub(crate) fn unwind_fblock(
        &mut self,
        loc: &mut Location,
        info: &FBlock,
        preserve_tos: bool,
    ) -> CResult {
        match info.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator
            | FBlockKind::StopIteration => {}
            FBlockKind::ForLoop => {
                // Pop the iterator.
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_TOP, *loc);
            }
            FBlockKind::TryExcept => self.addop(Opcode::POP_BLOCK, *loc),
            FBlockKind::FinallyTry => {
                // This POP_BLOCK gets the line of the statement that unwinds.
                self.addop(Opcode::POP_BLOCK, *loc);
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, NO_LABEL, None, 0, *loc)?;
                }
                let (key, range) = self
                    .finally_bodies
                    .get(info.datum)
                    .copied()
                    .ok_or_else(|| super::scope::system_error("taipan: unknown finally body"))?;
                let Some(root) = self.ast_root else {
                    return Err(super::scope::system_error(
                        "taipan: no tree to find a finally body in",
                    ));
                };
                root.visit_finally(self, key, range)?;
                if preserve_tos {
                    self.pop_fblock(FBlockKind::PopValue, NO_LABEL);
                }
                // The finally body should seem to run after the statement that unwinds: what
                // follows gets no location.
                *loc = Location::NONE;
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_TOP, *loc); // exc_value
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_BLOCK, *loc);
                self.addop(Opcode::POP_EXCEPT, *loc);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                *loc = info.loc;
                self.addop(Opcode::POP_BLOCK, *loc);
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.call_exit_with_nones(*loc);
                if info.kind == FBlockKind::AsyncWith {
                    self.addop_i(Opcode::GET_AWAITABLE, 2, *loc);
                    self.addop_load_const(Constant::None, *loc);
                    self.add_yield_from(*loc, true);
                }
                self.addop(Opcode::POP_TOP, *loc);
                // The exit should seem to run after the statement that unwinds.
                *loc = Location::NONE;
            }
            FBlockKind::HandlerCleanup => {
                let name = info
                    .datum
                    .checked_sub(1)
                    .and_then(|i| self.handler_names.get(i).cloned());
                if name.is_some() {
                    self.addop(Opcode::POP_BLOCK, *loc);
                }
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_BLOCK, *loc);
                self.addop(Opcode::POP_EXCEPT, *loc);
                if let Some(name) = name {
                    self.addop_load_const(Constant::None, *loc);
                    self.nameop(&name, ExprContext::Store, *loc)?;
                    self.nameop(&name, ExprContext::Del, *loc)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_TOP, *loc);
            }
        }
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`: unwinds every frame block (or, with `stop_at_loop`,
    /// those inside the innermost loop, which is returned).
    pub fn unwind_fblock_stack(
        &mut self,
        loc: &mut Location,
        preserve_tos: bool,
        stop_at_loop: bool,
    ) -> CResult<Option<FBlock>> {
        let Some(top) = self.u().fblocks.last().copied() else {
            return Ok(None);
        };
        if top.kind == FBlockKind::ExceptionGroupHandler {
            return Err(CompileError::syntax(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                *loc,
            ));
        }
        if stop_at_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        let result = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.unwind_fblock(loc, &top, preserve_tos)?;
            self.unwind_fblock_stack(loc, preserve_tos, stop_at_loop)
        });
        self.u().fblocks.push(top);
        result
    }
}
