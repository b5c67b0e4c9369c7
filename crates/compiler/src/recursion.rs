//! CPython 3.13's nesting limit in `compile()`: the AST optimizer (`ast_opt.c`) and the symbol
//! table each count the statements, expressions and patterns (and, in the symbol table, type
//! parameters) they are inside of, starting from the C recursion depth already in use when
//! `compile()` is called, and raise `RecursionError("maximum recursion depth exceeded during
//! compilation")` past `Py_C_RECURSION_LIMIT`. Both counts nest the same way, so whichever runs
//! first (the optimizer) raises; the symbol table's check only matters for trees the optimizer
//! did not see.

use crate::error::{CompileError, ErrorKind};
use crate::ir::Location;

/// `Py_C_RECURSION_LIMIT` (3.13, release build).
pub(crate) const LIMIT: u32 = 10_000;

/// The C recursion depth in use when `compile()` starts, as `python3.13 -m dis FILE` calls it,
/// measured on the oracle: `x = a+a+…` (one statement, `n` binary operators, so `n + 2` nested
/// nodes) compiles with 9,992 operators and fails with 9,993; a statement, a call or a function
/// around the expression each take one level more. Called from other Python code the start
/// differs by a level or two (`python3.13 -c "compile(…)"` at module level: 4, inside a
/// function: 3): that the depth of the calling code counts cannot be modelled here.
pub(crate) const STARTING_DEPTH: u32 = 6;

/// CPython's error when a count passes [`LIMIT`].
pub(crate) fn exceeded() -> CompileError {
    CompileError {
        kind: ErrorKind::RecursionError,
        message: "maximum recursion depth exceeded during compilation".to_owned(),
        location: Location::NONE,
    }
}
