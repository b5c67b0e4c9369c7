//! Building the table: the walk over the tree, then name resolution (`analyze`).

use taipan_ast::{LineIndex, Mod};

use super::{FutureFeatures, SymbolTable};
use crate::error::CompileError;

/// Builds the table of `module`: reads its `from __future__` imports (CPython's `future.c`,
/// merged with `inherited`), walks it, resolves every name. Not yet written.
pub fn build(
    _module: &Mod<'_>,
    _index: &LineIndex,
    _inherited: FutureFeatures,
) -> Result<SymbolTable, CompileError> {
    Err(CompileError::syntax(
        "the symbol table pass is not written yet",
        crate::ir::Location::NONE,
    ))
}

/// The text form of a table (not yet written).
pub fn text(_table: &SymbolTable) -> String {
    String::new()
}
