//! Comparisons, `and`/`or`, and conditional jumps (compile.c's `compiler_compare`,
//! `compiler_addcompare`, `compiler_boolop`, `compiler_jump_if`).

use taipan_ast::{BoolOp, BoolOperator, CmpOperator, Compare, Expr, UnaryOperator};
use taipan_bytecode::{Opcode, oparg};

use super::{CResult, Compiler};
use crate::ir::{Label, Location};

impl Compiler<'_> {
    /// `compiler_addcompare`: one comparison of the two values on top of the stack. The
    /// `COMPARE_OP` oparg carries the comparison and the specializer's mask; the bool
    /// conversion bit is left to the CFG optimiser (it folds a following `TO_BOOL`).
    pub fn addcompare(&mut self, op: CmpOperator, loc: Location) {
        let cmp = match op {
            CmpOperator::Lt => 0,
            CmpOperator::LtE => 1,
            CmpOperator::Eq => 2,
            CmpOperator::NotEq => 3,
            CmpOperator::Gt => 4,
            CmpOperator::GtE => 5,
            CmpOperator::Is => return self.addop_i(Opcode::IS_OP, 0, loc),
            CmpOperator::IsNot => return self.addop_i(Opcode::IS_OP, 1, loc),
            CmpOperator::In => return self.addop_i(Opcode::CONTAINS_OP, 0, loc),
            CmpOperator::NotIn => return self.addop_i(Opcode::CONTAINS_OP, 1, loc),
        };
        self.addop_i(
            Opcode::COMPARE_OP,
            oparg::compare_oparg(cmp, false) as i32,
            loc,
        );
    }

    /// `compiler_compare`: a comparison or a chain of them, as a value. A chain keeps the
    /// middle operand with `SWAP`/`COPY` and leaves early on the first false link.
    pub(crate) fn visit_compare(&mut self, c: &Compare<'_>) -> CResult {
        let loc = self.loc(c.range);
        self.check_compare(c);
        self.visit_expr(&c.left)?;
        let n = c.ops.len().min(c.comparators.len());
        if n == 0 {
            return Ok(());
        }
        if n == 1 {
            self.visit_expr(&c.comparators[0])?;
            self.addcompare(c.ops[0], loc);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n - 1 {
            self.visit_expr(&c.comparators[i])?;
            self.addop_i(Opcode::SWAP, 2, loc);
            self.addop_i(Opcode::COPY, 2, loc);
            self.addcompare(c.ops[i], loc);
            self.addop_i(Opcode::COPY, 1, loc);
            self.addop(Opcode::TO_BOOL, loc);
            self.addop_jump(Opcode::POP_JUMP_IF_FALSE, cleanup, loc);
            self.addop(Opcode::POP_TOP, loc);
        }
        self.visit_expr(&c.comparators[n - 1])?;
        self.addcompare(c.ops[n - 1], loc);
        let end = self.new_label();
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, Location::NONE);
        self.use_label(cleanup);
        self.addop_i(Opcode::SWAP, 2, loc);
        self.addop(Opcode::POP_TOP, loc);
        self.use_label(end);
        Ok(())
    }

    /// `compiler_boolop`: `and`/`or` as a value: each operand but the last is kept, tested
    /// and either returned or dropped.
    pub(crate) fn visit_boolop(&mut self, b: &BoolOp<'_>) -> CResult {
        let loc = self.loc(b.range);
        let jump = match b.op {
            BoolOperator::And => Opcode::POP_JUMP_IF_FALSE,
            BoolOperator::Or => Opcode::POP_JUMP_IF_TRUE,
        };
        let end = self.new_label();
        let Some((last, rest)) = b.values.split_last() else {
            return Ok(());
        };
        for value in rest {
            self.visit_expr(value)?;
            self.addop_i(Opcode::COPY, 1, loc);
            self.addop(Opcode::TO_BOOL, loc);
            self.addop_jump(jump, end, loc);
            self.addop(Opcode::POP_TOP, loc);
        }
        self.visit_expr(last)?;
        self.use_label(end);
        Ok(())
    }

    /// `compiler_jump_if`: jumps to `target` when `e`'s truth equals `cond`, looking through
    /// `not`, `and`/`or`, conditional expressions and comparison chains as CPython does.
    pub fn jump_if(&mut self, e: &Expr<'_>, target: Label, cond: bool) -> CResult {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.jump_if1(e, target, cond))
    }

    fn jump_if1(&mut self, e: &Expr<'_>, target: Label, cond: bool) -> CResult {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOperator::Not => {
                self.jump_if(&u.operand, target, !cond)
            }
            Expr::BoolOp(b) => {
                let Some((last, rest)) = b.values.split_last() else {
                    return Ok(());
                };
                let cond2 = b.op == BoolOperator::Or;
                let next2 = if cond2 != cond {
                    Some(self.new_label())
                } else {
                    None
                };
                for value in rest {
                    self.jump_if(value, next2.unwrap_or(target), cond2)?;
                }
                self.jump_if(last, target, cond)?;
                if let Some(next2) = next2 {
                    self.use_label(next2);
                }
                Ok(())
            }
            Expr::IfExp(i) => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(&i.test, next2, false)?;
                self.jump_if(&i.body, target, cond)?;
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, Location::NONE);
                self.use_label(next2);
                self.jump_if(&i.orelse, target, cond)?;
                self.use_label(end);
                Ok(())
            }
            Expr::Compare(c) if c.ops.len() > 1 && c.comparators.len() == c.ops.len() => {
                let loc = self.loc(c.range);
                let n = c.ops.len() - 1;
                self.check_compare(c);
                let cleanup = self.new_label();
                self.visit_expr(&c.left)?;
                for i in 0..n {
                    self.visit_expr(&c.comparators[i])?;
                    self.addop_i(Opcode::SWAP, 2, loc);
                    self.addop_i(Opcode::COPY, 2, loc);
                    self.addcompare(c.ops[i], loc);
                    self.addop(Opcode::TO_BOOL, loc);
                    self.addop_jump(Opcode::POP_JUMP_IF_FALSE, cleanup, loc);
                }
                self.visit_expr(&c.comparators[n])?;
                self.addcompare(c.ops[n], loc);
                self.addop(Opcode::TO_BOOL, loc);
                let op = if cond {
                    Opcode::POP_JUMP_IF_TRUE
                } else {
                    Opcode::POP_JUMP_IF_FALSE
                };
                self.addop_jump(op, target, loc);
                let end = self.new_label();
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, Location::NONE);
                self.use_label(cleanup);
                self.addop(Opcode::POP_TOP, loc);
                if !cond {
                    self.addop_jump(Opcode::JUMP_NO_INTERRUPT, target, Location::NONE);
                }
                self.use_label(end);
                Ok(())
            }
            _ => self.jump_if_general(e, target, cond),
        }
    }
}
