//! Expressions (compile.c's `compiler_visit_expr1` family): operators, comparisons, boolean
//! jumps, names, attributes, subscripts and slices, collections with starred items, unpacking,
//! f-strings, `yield`/`await`, conditional and named expressions.

use taipan_ast::Expr;

use super::{CResult, Compiler, not_yet};
use crate::ir::Label;

impl Compiler<'_> {
    /// `compiler_visit_expr`: evaluates `e` (or stores/deletes into it, per its context).
    pub fn visit_expr(&mut self, e: &Expr<'_>) -> CResult {
        let _ = e;
        Err(not_yet("expressions"))
    }

    /// `compiler_jump_if`: jumps to `target` when `e`'s truth equals `cond`.
    pub fn jump_if(&mut self, e: &Expr<'_>, target: Label, cond: bool) -> CResult {
        let _ = (e, target, cond);
        Err(not_yet("conditional jumps"))
    }
}
