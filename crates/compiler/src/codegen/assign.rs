//! Augmented and annotated assignments (compile.c's `compiler_augassign`,
//! `compiler_annassign`, `check_ann_expr`, `check_ann_subscr`, `check_annotation`).

use taipan_ast::{AnnAssign, Attribute, AugAssign, Expr, ExprContext, Operator};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::{CResult, Compiler, UnitKind};
use crate::error::CompileError;
use crate::ir::Location;

impl Compiler<'_> {
    /// `compiler_augassign`: load the target (keeping what it needs to be stored again),
    /// apply the in-place operator, store.
    pub(crate) fn compiler_augassign(&mut self, stmt_loc: Location, s: &AugAssign<'_>) -> CResult {
        let e = &s.target;
        let loc = self.loc(e.range());
        match e {
            Expr::Attribute(a) => {
                self.visit_expr(&a.value)?;
                self.addop_i(Opcode::COPY, 1, loc);
                let attr_loc = self.attr_location(loc, a);
                self.addop_name(Opcode::LOAD_ATTR, a.attr, attr_loc)?;
            }
            Expr::Subscript(sub) => {
                self.visit_expr(&sub.value)?;
                match &sub.slice {
                    Expr::Slice(slice) if slice.step.is_none() => {
                        self.two_element_slice(slice)?;
                        self.addop_i(Opcode::COPY, 3, loc);
                        self.addop_i(Opcode::COPY, 3, loc);
                        self.addop_i(Opcode::COPY, 3, loc);
                        self.addop(Opcode::BINARY_SLICE, loc);
                    }
                    slice => {
                        self.visit_expr(slice)?;
                        self.addop_i(Opcode::COPY, 2, loc);
                        self.addop_i(Opcode::COPY, 2, loc);
                        self.addop(Opcode::BINARY_SUBSCR, loc);
                    }
                }
            }
            Expr::Name(n) => self.nameop(n.id, ExprContext::Load, loc)?,
            _ => {
                return Err(super::scope::system_error(format!(
                    "invalid node type ({}) for augmented assignment",
                    e.class_name()
                )));
            }
        }
        self.visit_expr(&s.value)?;
        self.addop_i(Opcode::BINARY_OP, inplace_oparg(s.op), stmt_loc);
        match e {
            Expr::Attribute(a) => {
                let attr_loc = self.attr_location(loc, a);
                self.addop_i(Opcode::SWAP, 2, attr_loc);
                self.addop_name(Opcode::STORE_ATTR, a.attr, attr_loc)?;
            }
            Expr::Subscript(sub) => {
                if matches!(&sub.slice, Expr::Slice(slice) if slice.step.is_none()) {
                    self.addop_i(Opcode::SWAP, 4, loc);
                    self.addop_i(Opcode::SWAP, 3, loc);
                    self.addop_i(Opcode::SWAP, 2, loc);
                    self.addop(Opcode::STORE_SLICE, loc);
                } else {
                    self.addop_i(Opcode::SWAP, 3, loc);
                    self.addop_i(Opcode::SWAP, 2, loc);
                    self.addop(Opcode::STORE_SUBSCR, loc);
                }
            }
            Expr::Name(n) => self.nameop(n.id, ExprContext::Store, loc)?,
            _ => {}
        }
        Ok(())
    }

    /// The bounds of a two-element slice, `None` for a missing one (compile.c's
    /// `compiler_slice` without the step).
    fn two_element_slice(&mut self, s: &taipan_ast::Slice<'_>) -> CResult {
        let loc = self.loc(s.range);
        for bound in [&s.lower, &s.upper] {
            match bound {
                Some(e) => self.visit_expr(e)?,
                None => self.addop_load_const(Constant::None, loc),
            }
        }
        Ok(())
    }

    /// `update_start_location_to_match_attr`: an attribute access spanning lines is located
    /// at the attribute name's line.
    pub(crate) fn attr_location(&self, loc: Location, a: &Attribute<'_>) -> Location {
        let mut loc = loc;
        let attr = self.loc(a.range);
        if loc.lineno != attr.end_lineno {
            loc.lineno = attr.end_lineno;
            // CPython counts the name in characters against a column in bytes.
            let len = a.attr.chars().count() as i32;
            if len <= attr.end_col_offset {
                loc.col_offset = attr.end_col_offset - len;
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

    /// `compiler_annassign`: the assignment first, then (for a simple name in a module or
    /// class body) the annotation stored in `__annotations__`, or (for a complex target) the
    /// target's parts evaluated and the annotation checked.
    pub(crate) fn compiler_annassign(&mut self, loc: Location, s: &AnnAssign<'_>) -> CResult {
        let target = &s.target;
        if let Some(value) = &s.value {
            self.visit_expr(value)?;
            self.visit_expr(target)?;
        }
        let future_annotations = self.symtable.future.annotations;
        let kind = self.units.last().map(|u| u.kind);
        let module_or_class = matches!(kind, Some(UnitKind::Module | UnitKind::Class));
        match target {
            Expr::Name(n) => {
                if n.id == "__debug__" {
                    return Err(CompileError::syntax("cannot assign to __debug__", loc));
                }
                if s.simple && module_or_class {
                    if future_annotations {
                        self.visit_annexpr(&s.annotation)?;
                    } else {
                        self.visit_expr(&s.annotation)?;
                    }
                    self.addop_name(Opcode::LOAD_NAME, "__annotations__", loc)?;
                    let mangled = self.mangle(n.id).into_owned();
                    self.addop_load_const(Constant::Str(PyString::new(&mangled)), loc);
                    self.addop(Opcode::STORE_SUBSCR, loc);
                }
            }
            Expr::Attribute(a) => {
                if a.attr == "__debug__" {
                    return Err(CompileError::syntax("cannot assign to __debug__", loc));
                }
                if s.value.is_none() {
                    self.check_ann_expr(&a.value)?;
                }
            }
            Expr::Subscript(sub) => {
                if s.value.is_none() {
                    self.check_ann_expr(&sub.value)?;
                    self.check_ann_subscr(&sub.slice)?;
                }
            }
            _ => {
                return Err(super::scope::system_error(format!(
                    "invalid node type ({}) for annotated assignment",
                    target.class_name()
                )));
            }
        }
        // The annotation is evaluated last (check_annotation): only in a module or class,
        // and not under `from __future__ import annotations`.
        if !s.simple && !future_annotations && module_or_class {
            self.check_ann_expr(&s.annotation)?;
        }
        Ok(())
    }

    /// `check_ann_expr`: evaluate and discard.
    fn check_ann_expr(&mut self, e: &Expr<'_>) -> CResult {
        self.visit_expr(e)?;
        let loc = self.loc(e.range());
        self.addop(Opcode::POP_TOP, loc);
        Ok(())
    }

    /// `check_ann_subscr`: every part of a subscript is evaluated.
    fn check_ann_subscr(&mut self, e: &Expr<'_>) -> CResult {
        match e {
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            Expr::Tuple(t) => {
                for elt in t.elts.iter() {
                    self.check_ann_subscr(elt)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }
}

/// The `BINARY_OP` oparg of an in-place operator (`NB_INPLACE_*`).
pub(crate) fn inplace_oparg(op: Operator) -> i32 {
    // NB_ADD … NB_XOR are 0…12 in this order; the in-place forms are 13 more.
    let binary = match op {
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
    binary + 13
}
