//! Annotations as strings, for `from __future__ import annotations` (PEP 563): CPython's
//! `_PyAST_ExprAsUnicode` (`Python/ast_unparse.c`).

use taipan_ast::Expr;
use taipan_bytecode::PyString;

use super::CResult;

/// The text of an annotation as CPython's unparser writes it.
pub(crate) fn unparse_annotation(e: &Expr<'_>) -> CResult<PyString> {
    let _ = e;
    Err(super::not_yet("string annotations"))
}
