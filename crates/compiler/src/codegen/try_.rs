//! `try` statements with every exit path (compile.c's `compiler_try_finally`,
//! `compiler_try_except`, `compiler_try_star_finally`, `compiler_try_star_except`). Every jump
//! these emit is `JUMP_NO_INTERRUPT`, as 3.13's are (no eval-breaker check on leaving a
//! handler).

use taipan_ast::{ExprContext, Try};
use taipan_bytecode::{Constant, Opcode};

use super::fblock::NO_LABEL;
use super::{CResult, Compiler, FBlockKind};
use crate::error::CompileError;
use crate::ir::{Label, Location};

/// `INTRINSIC_PREP_RERAISE_STAR`.
const INTRINSIC_PREP_RERAISE_STAR: i32 = 1;

/// Which statement a `try` is: `except` or `except*`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TryKind {
    Except,
    ExceptStar,
}

impl Compiler<'_> {
    /// `compiler_try_finally`: the body (with its handlers, if any), then the `finally` body
    /// twice: once on the normal path, once as the exception handler.
    pub(crate) fn compiler_try_finally(&mut self, loc: Location, s: &Try<'_>) -> CResult {
        self.try_finally(loc, s, TryKind::Except)
    }

    /// `compiler_try_star_finally`.
    pub(crate) fn compiler_try_star_finally(&mut self, loc: Location, s: &Try<'_>) -> CResult {
        self.try_finally(loc, s, TryKind::ExceptStar)
    }

    fn try_finally(&mut self, loc: Location, s: &Try<'_>, kind: TryKind) -> CResult {
        let body = self.new_label();
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();

        // `try` block
        self.addop_jump(Opcode::SETUP_FINALLY, end, loc);
        self.use_label(body);
        let finally = self.push_finally_body(std::ptr::from_ref(s) as usize, s.range);
        self.push_fblock(FBlockKind::FinallyTry, body, Some(end), finally, loc)?;
        if s.handlers.is_empty() {
            self.visit_body(s.body)?;
        } else if kind == TryKind::Except {
            self.compiler_try_except(loc, s)?;
        } else {
            self.compiler_try_star_except(loc, s)?;
        }
        self.addop(Opcode::POP_BLOCK, Location::NONE);
        self.pop_fblock(FBlockKind::FinallyTry, body);
        self.visit_body(s.finalbody)?;
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, exit, Location::NONE);

        // `finally` block
        self.use_label(end);
        let none = Location::NONE;
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, none);
        self.addop(Opcode::PUSH_EXC_INFO, none);
        self.push_fblock(FBlockKind::FinallyEnd, end, None, 0, none)?;
        self.visit_body(s.finalbody)?;
        self.pop_fblock(FBlockKind::FinallyEnd, end);
        self.addop_i(Opcode::RERAISE, 0, none);
        self.use_label(cleanup);
        self.pop_except_and_reraise(none);
        self.use_label(exit);
        Ok(())
    }

    /// Stores `None` in a handler's name and deletes it (`name = None; del name`), so that the
    /// exception does not outlive the handler.
    fn clear_handler_name(&mut self, name: &str) -> CResult {
        self.addop_load_const(Constant::None, Location::NONE);
        self.nameop(name, ExprContext::Store, Location::NONE)?;
        self.nameop(name, ExprContext::Del, Location::NONE)
    }

    /// `compiler_try_except`.
    pub(crate) fn compiler_try_except(&mut self, loc: Location, s: &Try<'_>) -> CResult {
        let body = self.new_label();
        let mut except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let none = Location::NONE;

        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.use_label(body);
        self.push_fblock(FBlockKind::TryExcept, body, None, 0, loc)?;
        self.visit_body(s.body)?;
        self.pop_fblock(FBlockKind::TryExcept, body);
        self.addop(Opcode::POP_BLOCK, none);
        self.visit_body(s.orelse)?;
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, none);
        let n = s.handlers.len();

        self.use_label(except);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, none);
        self.addop(Opcode::PUSH_EXC_INFO, none);
        // The runtime pushes a block here: account for it.
        self.push_fblock(FBlockKind::ExceptionHandler, NO_LABEL, None, 0, loc)?;
        for (i, handler) in s.handlers.iter().enumerate() {
            let hloc = self.loc(handler.range);
            if handler.type_.is_none() && i + 1 < n {
                return Err(CompileError::syntax("default 'except:' must be last", hloc));
            }
            except = self.new_label();
            if let Some(type_) = &handler.type_ {
                self.visit_expr(type_)?;
                self.addop(Opcode::CHECK_EXC_MATCH, hloc);
                self.addop_jump(Opcode::POP_JUMP_IF_FALSE, except, hloc);
            }
            if let Some(name) = handler.name {
                let cleanup_end = self.new_label();
                let cleanup_body = self.new_label();
                self.nameop(name, ExprContext::Store, hloc)?;
                // try:
                //     <handler body>
                // finally:
                //     name = None  # in case the body contains "del name"
                //     del name
                self.addop_jump(Opcode::SETUP_CLEANUP, cleanup_end, hloc);
                self.use_label(cleanup_body);
                let datum = self.push_handler_name(Some(name));
                self.push_fblock(FBlockKind::HandlerCleanup, cleanup_body, None, datum, hloc)?;
                self.visit_body(handler.body)?;
                self.pop_fblock(FBlockKind::HandlerCleanup, cleanup_body);
                self.addop(Opcode::POP_BLOCK, none);
                self.addop(Opcode::POP_BLOCK, none);
                self.addop(Opcode::POP_EXCEPT, none);
                self.clear_handler_name(name)?;
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, none);
                // except:
                self.use_label(cleanup_end);
                self.clear_handler_name(name)?;
                self.addop_i(Opcode::RERAISE, 1, none);
            } else {
                let cleanup_body = self.new_label();
                self.addop(Opcode::POP_TOP, hloc); // exc_value
                self.use_label(cleanup_body);
                self.push_fblock(FBlockKind::HandlerCleanup, cleanup_body, None, 0, hloc)?;
                self.visit_body(handler.body)?;
                self.pop_fblock(FBlockKind::HandlerCleanup, cleanup_body);
                self.addop(Opcode::POP_BLOCK, none);
                self.addop(Opcode::POP_EXCEPT, none);
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, none);
            }
            self.use_label(except);
        }
        self.pop_fblock(FBlockKind::ExceptionHandler, NO_LABEL);
        self.addop_i(Opcode::RERAISE, 0, none);
        self.use_label(cleanup);
        self.pop_except_and_reraise(none);
        self.use_label(end);
        Ok(())
    }

    /// `compiler_try_star_except`: handlers split the exception group; what no handler
    /// matched, and what the handlers raised, is re-raised together
    /// (`INTRINSIC_PREP_RERAISE_STAR`).
    pub(crate) fn compiler_try_star_except(&mut self, loc: Location, s: &Try<'_>) -> CResult {
        let body = self.new_label();
        let mut except = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        let none = Location::NONE;

        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.use_label(body);
        self.push_fblock(FBlockKind::TryExcept, body, None, 0, loc)?;
        self.visit_body(s.body)?;
        self.pop_fblock(FBlockKind::TryExcept, body);
        self.addop(Opcode::POP_BLOCK, none);
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, orelse, none);
        let n = s.handlers.len();

        self.use_label(except);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, none);
        self.addop(Opcode::PUSH_EXC_INFO, none);
        // The runtime pushes a block here: account for it.
        self.push_fblock(FBlockKind::ExceptionGroupHandler, NO_LABEL, None, 0, loc)?;
        for (i, handler) in s.handlers.iter().enumerate() {
            let hloc = self.loc(handler.range);
            except = self.new_label();
            let except_with_error = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                // [orig] -> [orig, [], exc]: the list of raised/re-raised exceptions, and a
                // copy of the group.
                self.addop_i(Opcode::BUILD_LIST, 0, hloc);
                self.addop_i(Opcode::COPY, 2, hloc);
            }
            if let Some(type_) = &handler.type_ {
                self.visit_expr(type_)?;
                self.addop(Opcode::CHECK_EG_MATCH, hloc);
                self.addop_i(Opcode::COPY, 1, hloc);
                self.addop_jump(Opcode::POP_JUMP_IF_NONE, no_match, hloc);
            }
            let cleanup_end = self.new_label();
            let cleanup_body = self.new_label();
            match handler.name {
                Some(name) => self.nameop(name, ExprContext::Store, hloc)?,
                None => self.addop(Opcode::POP_TOP, hloc), // match
            }
            self.addop_jump(Opcode::SETUP_CLEANUP, cleanup_end, hloc);
            self.use_label(cleanup_body);
            let datum = self.push_handler_name(handler.name);
            self.push_fblock(FBlockKind::HandlerCleanup, cleanup_body, None, datum, hloc)?;
            self.visit_body(handler.body)?;
            self.pop_fblock(FBlockKind::HandlerCleanup, cleanup_body);
            self.addop(Opcode::POP_BLOCK, none);
            if let Some(name) = handler.name {
                self.clear_handler_name(name)?;
            }
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, except, none);
            // except:
            self.use_label(cleanup_end);
            if let Some(name) = handler.name {
                self.clear_handler_name(name)?;
            }
            // Add the exception raised to the result list.
            self.addop_i(Opcode::LIST_APPEND, 3, none); // exc
            self.addop(Opcode::POP_TOP, none); // lasti
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, except_with_error, none);
            self.use_label(except);
            self.addop(Opcode::NOP, none); // holds a propagated location
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, except_with_error, none);
            self.use_label(no_match);
            self.addop(Opcode::POP_TOP, hloc); // match (None)
            self.use_label(except_with_error);
            if i + 1 == n {
                // Add exc to the list (when not None, the unhandled part of the group).
                self.addop_i(Opcode::LIST_APPEND, 1, none);
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, reraise_star, none);
            }
        }
        self.pop_fblock(FBlockKind::ExceptionGroupHandler, NO_LABEL);
        let reraise: Label = self.new_label();
        self.use_label(reraise_star);
        self.addop_i(Opcode::CALL_INTRINSIC_2, INTRINSIC_PREP_RERAISE_STAR, none);
        self.addop_i(Opcode::COPY, 1, none);
        self.addop_jump(Opcode::POP_JUMP_IF_NOT_NONE, reraise, none);
        // Nothing to re-raise.
        self.addop(Opcode::POP_TOP, none);
        self.addop(Opcode::POP_BLOCK, none);
        self.addop(Opcode::POP_EXCEPT, none);
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, none);
        self.use_label(reraise);
        self.addop(Opcode::POP_BLOCK, none);
        self.addop_i(Opcode::SWAP, 2, none);
        self.addop(Opcode::POP_EXCEPT, none);
        self.addop_i(Opcode::RERAISE, 0, none);
        self.use_label(cleanup);
        self.pop_except_and_reraise(none);
        self.use_label(orelse);
        self.visit_body(s.orelse)?;
        self.use_label(end);
        Ok(())
    }
}
