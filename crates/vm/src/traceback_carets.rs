//! The `~~~^^^` markers under a traceback's source line (CPython 3.13's
//! `traceback.FrameSummary` caret rules). Not yet implemented: no markers are printed.

use crate::vm::Vm;

/// The marker line for an instruction spanning `(lineno, col)`–`(end_lineno, end_col)` on the
/// source line `line`, or `None` when CPython prints none.
pub fn carets(_vm: &mut Vm, _filename: &str, _lineno: i32, _end_lineno: i32, _col: i32, _end_col: i32, _line: &str) -> Option<String> {
    None
}
