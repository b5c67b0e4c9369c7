//! `with` and `async with`, the exception path included (compile.c's `compiler_with`,
//! `compiler_async_with`, `compiler_with_except_finish`).

use taipan_ast::With;
use taipan_bytecode::{Constant, Opcode};

use super::{CResult, Compiler, FBlockKind, UnitKind};
use crate::error::CompileError;
use crate::ir::{Label, Location};

impl Compiler<'_> {
    /// `compiler_with`: item `pos` of `s` (later items nest inside it).
    pub(crate) fn compiler_with(&mut self, s: &With<'_>, pos: usize) -> CResult {
        let Some(item) = s.items.get(pos) else {
            return self.visit_body(s.body);
        };
        let block = self.new_label();
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();

        // Evaluate EXPR; BEFORE_WITH pushes the bound __exit__.
        self.visit_expr(&item.context_expr)?;
        let loc = self.loc(item.context_expr.range());
        self.addop(Opcode::BEFORE_WITH, loc);
        self.addop_jump(Opcode::SETUP_WITH, final_, loc);

        // SETUP_WITH pushes a finally block.
        self.use_label(block);
        self.push_fblock(FBlockKind::With, block, Some(final_), 0, loc)?;
        match &item.optional_vars {
            Some(target) => self.visit_expr(target)?,
            // Discard the result of __enter__().
            None => self.addop(Opcode::POP_TOP, loc),
        }
        if pos + 1 == s.items.len() {
            self.visit_body(s.body)?;
        } else {
            self.compiler_with(s, pos + 1)?;
        }
        self.addop(Opcode::POP_BLOCK, Location::NONE);
        self.pop_fblock(FBlockKind::With, block);

        // Successful outcome: __exit__(None, None, None).
        self.call_exit_with_nones(loc);
        self.addop(Opcode::POP_TOP, loc);
        self.addop_jump(Opcode::JUMP, exit, loc);

        // Exceptional outcome.
        self.use_label(final_);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, loc);
        self.addop(Opcode::PUSH_EXC_INFO, loc);
        self.addop(Opcode::WITH_EXCEPT_START, loc);
        self.with_except_finish(cleanup);
        self.use_label(exit);
        Ok(())
    }

    /// `compiler_async_with`.
    pub(crate) fn compiler_async_with(
        &mut self,
        stmt_loc: Location,
        s: &With<'_>,
        pos: usize,
    ) -> CResult {
        if self.units.last().map(|u| u.kind) != Some(UnitKind::AsyncFunction) {
            return Err(CompileError::syntax(
                "'async with' outside async function",
                stmt_loc,
            ));
        }
        let Some(item) = s.items.get(pos) else {
            return self.visit_body(s.body);
        };
        let block = self.new_label();
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();

        self.visit_expr(&item.context_expr)?;
        let loc = self.loc(item.context_expr.range());
        self.addop(Opcode::BEFORE_ASYNC_WITH, loc);
        self.addop_i(Opcode::GET_AWAITABLE, 1, loc);
        self.addop_load_const(Constant::None, loc);
        self.add_yield_from(loc, true);
        self.addop_jump(Opcode::SETUP_WITH, final_, loc);

        self.use_label(block);
        self.push_fblock(FBlockKind::AsyncWith, block, Some(final_), 0, loc)?;
        match &item.optional_vars {
            Some(target) => self.visit_expr(target)?,
            // Discard the result of __aenter__().
            None => self.addop(Opcode::POP_TOP, loc),
        }
        if pos + 1 == s.items.len() {
            self.visit_body(s.body)?;
        } else {
            self.compiler_async_with(stmt_loc, s, pos + 1)?;
        }
        self.pop_fblock(FBlockKind::AsyncWith, block);
        self.addop(Opcode::POP_BLOCK, loc);

        // Successful outcome: await __aexit__(None, None, None).
        self.call_exit_with_nones(loc);
        self.addop_i(Opcode::GET_AWAITABLE, 2, loc);
        self.addop_load_const(Constant::None, loc);
        self.add_yield_from(loc, true);
        self.addop(Opcode::POP_TOP, loc);
        self.addop_jump(Opcode::JUMP, exit, loc);

        // Exceptional outcome.
        self.use_label(final_);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, loc);
        self.addop(Opcode::PUSH_EXC_INFO, loc);
        self.addop(Opcode::WITH_EXCEPT_START, loc);
        self.addop_i(Opcode::GET_AWAITABLE, 2, loc);
        self.addop_load_const(Constant::None, loc);
        self.add_yield_from(loc, true);
        self.with_except_finish(cleanup);
        self.use_label(exit);
        Ok(())
    }

    /// `compiler_with_except_finish`: re-raise unless `__exit__` returned true.
    fn with_except_finish(&mut self, cleanup: Label) {
        let none = Location::NONE;
        let suppress = self.new_label();
        self.addop(Opcode::TO_BOOL, none);
        self.addop_jump(Opcode::POP_JUMP_IF_TRUE, suppress, none);
        self.addop_i(Opcode::RERAISE, 2, none);
        self.use_label(suppress);
        self.addop(Opcode::POP_TOP, none); // exc_value
        self.addop(Opcode::POP_BLOCK, none);
        self.addop(Opcode::POP_EXCEPT, none);
        self.addop(Opcode::POP_TOP, none);
        self.addop(Opcode::POP_TOP, none);
        let exit = self.new_label();
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, exit, none);
        self.use_label(cleanup);
        self.pop_except_and_reraise(none);
        self.use_label(exit);
    }
}
