//! Statements other than definitions and `match` (compile.c's `compiler_visit_stmt` family):
//! the dispatch, and the simple statements (assignment, `return`, `break`/`continue`, `raise`,
//! `assert`, `del`, expression statements). Loops and `if` are in `loops.rs`, `try` in
//! `try_.rs`, `with` in `with.rs`, imports in `import.rs`, augmented and annotated
//! assignments in `assign.rs`.

use taipan_ast::{Expr, Stmt};
use taipan_bytecode::{Constant, Opcode};

use super::{CResult, Compiler};
use crate::error::{CompileError, Warning};
use crate::ir::Location;

/// `INTRINSIC_PRINT`, the intrinsic `single` mode prints expression statements with.
const INTRINSIC_PRINT: i32 = 1;

impl Compiler<'_> {
    /// `compiler_visit_stmt`.
    pub fn visit_stmt(&mut self, s: &Stmt<'_>) -> CResult {
        // Statements nest only as deep as the tokenizer allows (100 indents), but a tree built
        // by hand may nest deeper: grow the stack rather than overflow it.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.visit_stmt_inner(s))
    }

    fn visit_stmt_inner(&mut self, s: &Stmt<'_>) -> CResult {
        let loc = self.loc(s.range());
        if let Some(u) = self.units.last_mut() {
            u.loc = loc;
        }
        match s {
            Stmt::FunctionDef(f) => self.visit_function_def(f, false),
            Stmt::AsyncFunctionDef(f) => self.visit_function_def(f, true),
            Stmt::ClassDef(c) => self.visit_class_def(c),
            Stmt::TypeAlias(t) => self.visit_type_alias(t),
            Stmt::Return(r) => self.compiler_return(loc, r.value.as_ref()),
            Stmt::Delete(d) => {
                for target in d.targets.iter() {
                    self.visit_expr(target)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.visit_expr(&a.value)?;
                let n = a.targets.len();
                for (i, target) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.addop_i(Opcode::COPY, 1, loc);
                    }
                    self.visit_expr(target)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.compiler_augassign(loc, a),
            Stmt::AnnAssign(a) => self.compiler_annassign(loc, a),
            Stmt::For(f) => self.compiler_for(loc, f),
            Stmt::AsyncFor(f) => self.compiler_async_for(loc, f),
            Stmt::While(w) => self.compiler_while(loc, w),
            Stmt::If(i) => self.compiler_if(i),
            Stmt::Match(m) => self.visit_match(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(exc) = &r.exc {
                    self.visit_expr(exc)?;
                    n += 1;
                    if let Some(cause) = &r.cause {
                        self.visit_expr(cause)?;
                        n += 1;
                    }
                }
                self.addop_i(Opcode::RAISE_VARARGS, n, loc);
                Ok(())
            }
            Stmt::Try(t) => {
                if t.finalbody.is_empty() {
                    self.compiler_try_except(loc, t)
                } else {
                    self.compiler_try_finally(loc, t)
                }
            }
            Stmt::TryStar(t) => {
                if t.finalbody.is_empty() {
                    self.compiler_try_star_except(loc, t)
                } else {
                    self.compiler_try_star_finally(loc, t)
                }
            }
            Stmt::Assert(a) => self.compiler_assert(loc, &a.test, a.msg.as_ref()),
            Stmt::Import(i) => self.compiler_import(loc, i),
            Stmt::ImportFrom(i) => self.compiler_from_import(loc, i),
            Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(()),
            Stmt::Expr(e) => self.compiler_stmt_expr(loc, &e.value),
            Stmt::Pass(_) => {
                self.addop(Opcode::NOP, loc);
                Ok(())
            }
            Stmt::Break(_) => self.compiler_break(loc),
            Stmt::Continue(_) => self.compiler_continue(loc),
            Stmt::With(w) => self.compiler_with(w, 0),
            Stmt::AsyncWith(w) => self.compiler_async_with(loc, w, 0),
        }
    }

    /// `VISIT_SEQ(c, stmt, body)`.
    pub fn visit_body(&mut self, body: &[Stmt<'_>]) -> CResult {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// `compiler_stmt_expr`: an expression statement. In `single` mode at the top level the
    /// value is printed; a constant is only a `NOP` (for its line); otherwise the value is
    /// popped.
    fn compiler_stmt_expr(&mut self, loc: Location, value: &Expr<'_>) -> CResult {
        if self.interactive && self.nestlevel <= 1 {
            self.visit_expr(value)?;
            self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_PRINT, loc);
            self.addop(Opcode::POP_TOP, Location::NONE);
            return Ok(());
        }
        if matches!(value, Expr::Constant(_)) {
            self.addop(Opcode::NOP, loc);
            return Ok(());
        }
        self.visit_expr(value)?;
        self.addop(Opcode::POP_TOP, Location::NONE);
        Ok(())
    }

    /// `compiler_return`.
    fn compiler_return(&mut self, stmt_loc: Location, value: Option<&Expr<'_>>) -> CResult {
        let ste = self.ste();
        if !ste.is_function_like() {
            return Err(CompileError::syntax("'return' outside function", stmt_loc));
        }
        if value.is_some() && ste.coroutine && ste.generator {
            return Err(CompileError::syntax(
                "'return' with value in async generator",
                stmt_loc,
            ));
        }
        let constant = match value {
            Some(Expr::Constant(c)) => Some(c.value),
            _ => None,
        };
        let preserve_tos = value.is_some() && constant.is_none();
        let mut loc = stmt_loc;
        if preserve_tos {
            if let Some(v) = value {
                self.visit_expr(v)?;
            }
        } else if let Some(v) = value {
            // An instruction with the value's line.
            loc = self.loc(v.range());
            self.addop(Opcode::NOP, loc);
        }
        let value_line = value.map(|v| self.loc(v.range()).lineno);
        if value_line != Some(stmt_loc.lineno) {
            loc = stmt_loc;
            self.addop(Opcode::NOP, loc);
        }
        self.unwind_fblock_stack(&mut loc, preserve_tos, false)?;
        match constant {
            _ if value.is_none() => self.addop_load_const(Constant::None, loc),
            Some(c) => self.addop_load_const(super::constant::const_of(&c), loc),
            None => {}
        }
        self.addop(Opcode::RETURN_VALUE, loc);
        Ok(())
    }

    /// `compiler_break`.
    fn compiler_break(&mut self, origin: Location) -> CResult {
        let mut loc = origin;
        self.addop(Opcode::NOP, loc);
        let Some(lp) = self.unwind_fblock_stack(&mut loc, false, true)? else {
            return Err(CompileError::syntax("'break' outside loop", origin));
        };
        self.unwind_fblock(&mut loc, &lp, false)?;
        let exit = lp.exit.unwrap_or(lp.block);
        self.addop_jump(Opcode::JUMP, exit, loc);
        Ok(())
    }

    /// `compiler_continue`.
    fn compiler_continue(&mut self, origin: Location) -> CResult {
        let mut loc = origin;
        self.addop(Opcode::NOP, loc);
        let Some(lp) = self.unwind_fblock_stack(&mut loc, false, true)? else {
            return Err(CompileError::syntax(
                "'continue' not properly in loop",
                origin,
            ));
        };
        self.addop_jump(Opcode::JUMP, lp.block, loc);
        Ok(())
    }

    /// `compiler_assert`: nothing under `-O`; a tuple test warns (it is always true).
    fn compiler_assert(
        &mut self,
        loc: Location,
        test: &Expr<'_>,
        msg: Option<&Expr<'_>>,
    ) -> CResult {
        if let Expr::Tuple(t) = test
            && !t.elts.is_empty()
        {
            self.warnings.push(Warning {
                category: "SyntaxWarning",
                message: "assertion is always true, perhaps remove parentheses?".to_owned(),
                location: loc,
            });
        }
        if self.optimize > 0 {
            return Ok(());
        }
        let end = self.new_label();
        self.jump_if(test, end, true)?;
        self.addop(Opcode::LOAD_ASSERTION_ERROR, loc);
        if let Some(msg) = msg {
            self.visit_expr(msg)?;
            self.addop_i(Opcode::CALL, 0, loc);
        }
        let test_loc = self.loc(test.range());
        self.addop_i(Opcode::RAISE_VARARGS, 1, test_loc);
        self.use_label(end);
        Ok(())
    }
}
