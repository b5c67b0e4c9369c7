//! `if`, `for`, `async for` and `while` (compile.c's `compiler_if`, `compiler_for`,
//! `compiler_async_for`, `compiler_while`).

use taipan_ast::{For, If, While};
use taipan_bytecode::{Constant, Opcode};

use super::{CResult, Compiler, FBlockKind, UnitKind};
use crate::error::CompileError;
use crate::ir::Location;

impl Compiler<'_> {
    /// `compiler_if`.
    pub(crate) fn compiler_if(&mut self, s: &If<'_>) -> CResult {
        let end = self.new_label();
        let next = if s.orelse.is_empty() {
            end
        } else {
            self.new_label()
        };
        self.jump_if(&s.test, next, false)?;
        self.visit_body(s.body)?;
        if !s.orelse.is_empty() {
            // 3.13 jumps over the `else` branch without an interrupt check.
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, Location::NONE);
            self.use_label(next);
            self.visit_body(s.orelse)?;
        }
        self.use_label(end);
        Ok(())
    }

    /// `compiler_for`.
    pub(crate) fn compiler_for(&mut self, loc: Location, s: &For<'_>) -> CResult {
        let start = self.new_label();
        let body = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(FBlockKind::ForLoop, start, Some(end), 0, loc)?;
        self.visit_expr(&s.iter)?;
        let iter_loc = self.loc(s.iter.range());
        self.addop(Opcode::GET_ITER, iter_loc);
        self.use_label(start);
        self.addop_jump(Opcode::FOR_ITER, cleanup, iter_loc);
        // A NOP on the target's line, for line tracing of a multi-line `for` (removed later
        // when redundant).
        let target_loc = self.loc(s.target.range());
        self.addop(Opcode::NOP, target_loc);
        self.use_label(body);
        self.visit_expr(&s.target)?;
        self.visit_body(s.body)?;
        // The jump back is artificial.
        self.addop_jump(Opcode::JUMP, start, Location::NONE);
        self.use_label(cleanup);
        // END_FOR first: a generator's iteration jumps to it, others past it.
        self.addop(Opcode::END_FOR, Location::NONE);
        self.addop(Opcode::POP_TOP, Location::NONE);
        self.pop_fblock(FBlockKind::ForLoop, start);
        self.visit_body(s.orelse)?;
        self.use_label(end);
        Ok(())
    }

    /// `compiler_async_for`.
    pub(crate) fn compiler_async_for(&mut self, loc: Location, s: &For<'_>) -> CResult {
        if self.units.last().map(|u| u.kind) != Some(UnitKind::AsyncFunction) {
            return Err(CompileError::syntax(
                "'async for' outside async function",
                loc,
            ));
        }
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.visit_expr(&s.iter)?;
        let iter_loc = self.loc(s.iter.range());
        self.addop(Opcode::GET_AITER, iter_loc);
        self.use_label(start);
        self.push_fblock(FBlockKind::ForLoop, start, Some(end), 0, loc)?;
        // SETUP_FINALLY guards the __anext__ call.
        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.addop(Opcode::GET_ANEXT, loc);
        self.addop_load_const(Constant::None, loc);
        self.add_yield_from(loc, true);
        self.addop(Opcode::POP_BLOCK, loc);
        // Success block for __anext__.
        self.visit_expr(&s.target)?;
        self.visit_body(s.body)?;
        self.addop_jump(Opcode::JUMP, start, Location::NONE);
        self.pop_fblock(FBlockKind::ForLoop, start);
        // Except block for __anext__: the iterator's line, as END_ASYNC_FOR follows the
        // `for`, not the body.
        self.use_label(except);
        self.addop(Opcode::END_ASYNC_FOR, iter_loc);
        self.visit_body(s.orelse)?;
        self.use_label(end);
        Ok(())
    }

    /// `compiler_while`.
    pub(crate) fn compiler_while(&mut self, loc: Location, s: &While<'_>) -> CResult {
        let lp = self.new_label();
        let body = self.new_label();
        let end = self.new_label();
        let anchor = self.new_label();
        self.use_label(lp);
        self.push_fblock(FBlockKind::WhileLoop, lp, Some(end), 0, loc)?;
        self.jump_if(&s.test, anchor, false)?;
        self.use_label(body);
        self.visit_body(s.body)?;
        self.jump_if(&s.test, body, true)?;
        self.pop_fblock(FBlockKind::WhileLoop, lp);
        self.use_label(anchor);
        self.visit_body(s.orelse)?;
        self.use_label(end);
        Ok(())
    }
}
