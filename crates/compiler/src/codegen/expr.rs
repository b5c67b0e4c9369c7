//! Expressions (compile.c's `compiler_visit_expr1` family): operators, names, attributes,
//! subscripts and slices, named and conditional expressions, `yield`/`await`. Collections are
//! in `collection.rs`, comparisons and boolean jumps in `condition.rs`, f-strings in
//! `fstring.rs`, calls in `call.rs`, comprehensions in `comprehension.rs`.

use taipan_ast::{
    Attribute, Expr, ExprContext, Operator, Slice, Subscript, TextRange, UnaryOperator,
};
use taipan_bytecode::{Constant, Opcode};

use super::{CResult, Compiler, UnitKind, constant::const_of};
use crate::error::CompileError;
use crate::ir::{Label, Location};
use crate::symtable::Scope;

/// CPython's `STACK_USE_GUIDELINE`: past this many items a collection or a call is built
/// incrementally instead of from values all pushed at once.
pub(crate) const STACK_USE_GUIDELINE: usize = 30;

/// `RESUME`'s oparg after a `yield` (`RESUME_AFTER_YIELD`).
const RESUME_AFTER_YIELD: i32 = 1;
/// After `yield from` (`RESUME_AFTER_YIELD_FROM`).
const RESUME_AFTER_YIELD_FROM: i32 = 2;
/// After `await` (`RESUME_AFTER_AWAIT`).
const RESUME_AFTER_AWAIT: i32 = 3;

/// `INTRINSIC_ASYNC_GEN_WRAP` (`CALL_INTRINSIC_1`).
const INTRINSIC_ASYNC_GEN_WRAP: i32 = 4;
/// `INTRINSIC_UNARY_POSITIVE`.
const INTRINSIC_UNARY_POSITIVE: i32 = 5;

/// `BINARY_OP`'s oparg for `op` (CPython's `NB_*` numbering), in place (`+=`…) if asked: the
/// oparg `compiler_addop_binary` gives.
pub fn binary_oparg(op: Operator, inplace: bool) -> i32 {
    let base = match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    };
    if inplace {
        base + taipan_bytecode::oparg::BINARY_OP_INPLACE as i32
    } else {
        base
    }
}

impl Compiler<'_> {
    /// The symbol-table scope of the unit being generated (`c->u->u_ste`).
    pub(crate) fn unit_ste(&self) -> Option<&Scope> {
        let unit = self.units.last()?;
        self.symtable.scopes.get(unit.scope.0 as usize)
    }

    /// The kind of the unit being generated (`c->u->u_scope_type`).
    pub(crate) fn unit_kind(&self) -> Option<UnitKind> {
        self.units.last().map(|u| u.kind)
    }

    /// `compiler_visit_expr`: evaluates `e` (or stores/deletes into it, per its context).
    pub fn visit_expr(&mut self, e: &Expr<'_>) -> CResult {
        // Deep trees (long operator chains) recurse once per level: grow the stack rather
        // than overflow it.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.visit_expr1(e))
    }

    /// `VISIT_SEQ(c, expr, …)`.
    pub fn visit_exprs(&mut self, es: &[Expr<'_>]) -> CResult {
        for e in es {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    /// `compiler_visit_expr1`.
    fn visit_expr1(&mut self, e: &Expr<'_>) -> CResult {
        let loc = self.loc(e.range());
        match e {
            Expr::NamedExpr(n) => {
                self.visit_expr(&n.value)?;
                self.addop_i(Opcode::COPY, 1, loc);
                self.visit_expr(&n.target)?;
            }
            Expr::BoolOp(b) => self.visit_boolop(b)?,
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
                self.addop_i(Opcode::BINARY_OP, binary_oparg(b.op, false), loc);
            }
            Expr::UnaryOp(u) => {
                self.visit_expr(&u.operand)?;
                match u.op {
                    UnaryOperator::UAdd => {
                        self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_UNARY_POSITIVE, loc)
                    }
                    UnaryOperator::Not => {
                        self.addop(Opcode::TO_BOOL, loc);
                        self.addop(Opcode::UNARY_NOT, loc);
                    }
                    UnaryOperator::Invert => self.addop(Opcode::UNARY_INVERT, loc),
                    UnaryOperator::USub => self.addop(Opcode::UNARY_NEGATIVE, loc),
                }
            }
            Expr::Lambda(l) => self.visit_lambda(l)?,
            Expr::IfExp(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(&i.test, next, false)?;
                self.visit_expr(&i.body)?;
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, Location::NONE);
                self.use_label(next);
                self.visit_expr(&i.orelse)?;
                self.use_label(end);
            }
            Expr::Dict(d) => self.visit_dict(d)?,
            Expr::Set(s) => self.starunpack_helper(
                loc,
                s.elts,
                0,
                Opcode::BUILD_SET,
                Opcode::SET_ADD,
                Opcode::SET_UPDATE,
                false,
            )?,
            Expr::GeneratorExp(c) => self.visit_comp(
                e,
                &**c as *const _ as usize,
                super::comprehension::CompKind::GenExp,
                c.generators,
                &c.elt,
                None,
            )?,
            Expr::ListComp(c) => self.visit_comp(
                e,
                &**c as *const _ as usize,
                super::comprehension::CompKind::List,
                c.generators,
                &c.elt,
                None,
            )?,
            Expr::SetComp(c) => self.visit_comp(
                e,
                &**c as *const _ as usize,
                super::comprehension::CompKind::Set,
                c.generators,
                &c.elt,
                None,
            )?,
            Expr::DictComp(c) => self.visit_comp(
                e,
                &**c as *const _ as usize,
                super::comprehension::CompKind::Dict,
                c.generators,
                &c.key,
                Some(&c.value),
            )?,
            Expr::Yield(y) => {
                if !self.unit_ste().is_some_and(Scope::is_function_like) {
                    return Err(CompileError::syntax("'yield' outside function", loc));
                }
                match &y.value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.addop_load_const(Constant::None, loc),
                }
                self.addop_yield(loc);
            }
            Expr::YieldFrom(y) => {
                if !self.unit_ste().is_some_and(Scope::is_function_like) {
                    return Err(CompileError::syntax("'yield' outside function", loc));
                }
                if self.unit_kind() == Some(UnitKind::AsyncFunction) {
                    return Err(CompileError::syntax(
                        "'yield from' inside async function",
                        loc,
                    ));
                }
                self.visit_expr(&y.value)?;
                self.addop(Opcode::GET_YIELD_FROM_ITER, loc);
                self.addop_load_const(Constant::None, loc);
                self.add_yield_from(loc, false);
            }
            Expr::Await(a) => {
                // Top-level await (PyCF_ALLOW_TOP_LEVEL_AWAIT) is not a compile() option
                // here, so the checks always apply.
                if !self.unit_ste().is_some_and(Scope::is_function_like) {
                    return Err(CompileError::syntax("'await' outside function", loc));
                }
                if !matches!(
                    self.unit_kind(),
                    Some(UnitKind::AsyncFunction | UnitKind::Comprehension)
                ) {
                    return Err(CompileError::syntax("'await' outside async function", loc));
                }
                self.visit_expr(&a.value)?;
                self.addop_i(Opcode::GET_AWAITABLE, 0, loc);
                self.addop_load_const(Constant::None, loc);
                self.add_yield_from(loc, true);
            }
            Expr::Compare(c) => self.visit_compare(c)?,
            Expr::Call(c) => self.visit_call(c)?,
            Expr::Constant(c) => self.addop_load_const(const_of(&c.value), loc),
            Expr::JoinedStr(j) => self.visit_joined_str(j)?,
            Expr::FormattedValue(f) => self.visit_formatted_value(f)?,
            Expr::Attribute(a) => self.visit_attribute(a)?,
            Expr::Subscript(s) => self.visit_subscript(s)?,
            Expr::Starred(s) => {
                let msg = if s.ctx == ExprContext::Store {
                    "starred assignment target must be in a list or tuple"
                } else {
                    "can't use starred expression here"
                };
                return Err(CompileError::syntax(msg, loc));
            }
            Expr::Slice(s) => {
                let n = self.visit_slice_parts(s)?;
                self.addop_i(Opcode::BUILD_SLICE, n, loc);
            }
            Expr::Name(n) => self.nameop(n.id, n.ctx, loc)?,
            Expr::List(l) => match l.ctx {
                ExprContext::Store => self.assignment_helper(loc, l.elts)?,
                ExprContext::Load => self.starunpack_helper(
                    loc,
                    l.elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    false,
                )?,
                ExprContext::Del => self.visit_exprs(l.elts)?,
            },
            Expr::Tuple(t) => match t.ctx {
                ExprContext::Store => self.assignment_helper(loc, t.elts)?,
                ExprContext::Load => self.starunpack_helper(
                    loc,
                    t.elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?,
                ExprContext::Del => self.visit_exprs(t.elts)?,
            },
        }
        Ok(())
    }

    /// `update_start_location_to_match_attr`: when the object and the attribute name are on
    /// different lines, the attribute's instructions start where the name does (its end
    /// minus its length in characters, as CPython counts it).
    pub fn update_start_location_to_match_attr(
        &self,
        mut loc: Location,
        attr_range: TextRange,
        attr: &str,
    ) -> Location {
        let whole = self.loc(attr_range);
        if loc.lineno != whole.end_lineno {
            loc.lineno = whole.end_lineno;
            let len = attr.chars().count() as i32;
            if len <= whole.end_col_offset {
                loc.col_offset = whole.end_col_offset - len;
            } else {
                loc.col_offset = -1;
                loc.end_col_offset = -1;
            }
            loc.end_lineno = loc.lineno.max(loc.end_lineno);
            if loc.lineno == loc.end_lineno {
                loc.end_col_offset = loc.col_offset.max(loc.end_col_offset);
            }
        }
        loc
    }

    /// The `Attribute` case of `compiler_visit_expr1`.
    fn visit_attribute(&mut self, a: &Attribute<'_>) -> CResult {
        let loc = self.loc(a.range);
        if a.ctx == ExprContext::Load
            && let Some(nargs) = self.can_optimize_super_call(a)
        {
            self.load_args_for_super(&a.value)?;
            let opcode = if nargs > 0 {
                Opcode::LOAD_SUPER_ATTR
            } else {
                Opcode::LOAD_ZERO_SUPER_ATTR
            };
            self.addop_name(opcode, a.attr, loc)?;
            let loc = self.update_start_location_to_match_attr(loc, a.range, a.attr);
            self.addop(Opcode::NOP, loc);
            return Ok(());
        }
        self.maybe_add_static_attribute_to_class(a);
        self.visit_expr(&a.value)?;
        let loc = self.update_start_location_to_match_attr(loc, a.range, a.attr);
        match a.ctx {
            ExprContext::Load => self.addop_name(Opcode::LOAD_ATTR, a.attr, loc),
            ExprContext::Store => {
                if a.attr == "__debug__" {
                    return Err(CompileError::syntax("cannot assign to __debug__", loc));
                }
                self.addop_name(Opcode::STORE_ATTR, a.attr, loc)
            }
            ExprContext::Del => self.addop_name(Opcode::DELETE_ATTR, a.attr, loc),
        }
    }

    /// `compiler_maybe_add_static_attribute_to_class`: a store to `self.X` (whatever the
    /// function's parameters are called) is recorded in the nearest enclosing class body for
    /// `__static_attributes__`.
    fn maybe_add_static_attribute_to_class(&mut self, a: &Attribute<'_>) {
        if a.ctx != ExprContext::Store {
            return;
        }
        if let Expr::Name(n) = &a.value
            && n.id == "self"
        {
            self.record_static_attribute(a.attr);
        }
    }

    /// `compiler_subscript`.
    fn visit_subscript(&mut self, s: &Subscript<'_>) -> CResult {
        let loc = self.loc(s.range);
        if s.ctx == ExprContext::Load {
            self.check_subscripter(&s.value);
            self.check_index(&s.value, &s.slice);
        }
        self.visit_expr(&s.value)?;
        match &s.slice {
            Expr::Slice(slice) if slice.step.is_none() && s.ctx != ExprContext::Del => {
                self.visit_slice_parts(slice)?;
                if s.ctx == ExprContext::Load {
                    self.addop(Opcode::BINARY_SLICE, loc);
                } else {
                    self.addop(Opcode::STORE_SLICE, loc);
                }
            }
            slice => {
                self.visit_expr(slice)?;
                let op = match s.ctx {
                    ExprContext::Load => Opcode::BINARY_SUBSCR,
                    ExprContext::Store => Opcode::STORE_SUBSCR,
                    ExprContext::Del => Opcode::DELETE_SUBSCR,
                };
                self.addop(op, loc);
            }
        }
        Ok(())
    }

    /// `compiler_slice`: pushes the bounds (None for a missing one) and the step if any;
    /// returns how many values it pushed (`BUILD_SLICE`'s oparg).
    fn visit_slice_parts(&mut self, s: &Slice<'_>) -> CResult<i32> {
        let loc = self.loc(s.range);
        let mut n = 2;
        match &s.lower {
            Some(lower) => self.visit_expr(lower)?,
            None => self.addop_load_const(Constant::None, loc),
        }
        match &s.upper {
            Some(upper) => self.visit_expr(upper)?,
            None => self.addop_load_const(Constant::None, loc),
        }
        if let Some(step) = &s.step {
            n += 1;
            self.visit_expr(step)?;
        }
        Ok(n)
    }

    /// `ADDOP_YIELD`: yields TOS; an async generator wraps the value first.
    pub fn addop_yield(&mut self, loc: Location) {
        if self.unit_ste().is_some_and(|s| s.generator && s.coroutine) {
            self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_ASYNC_GEN_WRAP, loc);
        }
        self.addop_i(Opcode::YIELD_VALUE, 0, loc);
        self.addop_i(Opcode::RESUME, RESUME_AFTER_YIELD, loc);
    }

    /// `compiler_add_yield_from` (`ADD_YIELD_FROM`): the `SEND` loop delegating to the
    /// iterator under TOS (`await_` for `await`, else `yield from`), with the virtual
    /// try/except whose handler is `CLEANUP_THROW`.
    pub fn add_yield_from(&mut self, loc: Location, await_: bool) {
        let send = self.new_label();
        let fail = self.new_label();
        let exit = self.new_label();
        self.use_label(send);
        self.addop_jump(Opcode::SEND, exit, loc);
        self.addop_jump(Opcode::SETUP_FINALLY, fail, loc);
        self.addop_i(Opcode::YIELD_VALUE, 1, loc);
        self.addop(Opcode::POP_BLOCK, Location::NONE);
        let resume = if await_ {
            RESUME_AFTER_AWAIT
        } else {
            RESUME_AFTER_YIELD_FROM
        };
        self.addop_i(Opcode::RESUME, resume, loc);
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, send, loc);
        self.use_label(fail);
        self.addop(Opcode::CLEANUP_THROW, loc);
        self.use_label(exit);
        self.addop(Opcode::END_SEND, loc);
    }

    /// `compiler_jump_if`'s general case and the shape the others share: evaluate, convert
    /// to bool, jump when the truth is `cond`.
    pub(crate) fn jump_if_general(&mut self, e: &Expr<'_>, target: Label, cond: bool) -> CResult {
        self.visit_expr(e)?;
        let loc = self.loc(e.range());
        self.addop(Opcode::TO_BOOL, loc);
        let op = if cond {
            Opcode::POP_JUMP_IF_TRUE
        } else {
            Opcode::POP_JUMP_IF_FALSE
        };
        self.addop_jump(op, target, loc);
        Ok(())
    }
}
