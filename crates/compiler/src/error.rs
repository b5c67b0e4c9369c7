//! The compiler's one error type: the exception CPython 3.13's compiler raises (almost always a
//! `SyntaxError` from the symbol table or code generation), positioned by the [`Location`] of
//! the node it names; and the `SyntaxWarning`s it issues on the way.

use crate::ir::Location;

/// The class of the exception a compile error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    SyntaxError,
    /// Nesting too deep for the compiler (CPython: "maximum recursion depth exceeded during
    /// compilation").
    RecursionError,
    /// What CPython raises as `SystemError` ("too many statically nested blocks" is a
    /// SyntaxError; this is for the few internal limits CPython reports as SystemError).
    SystemError,
    /// Limits CPython reports as `OverflowError`.
    OverflowError,
    /// What CPython's back end raises when an allocation fails (`PyErr_NoMemory`, with an
    /// empty message): a hand-made instruction sequence whose optimisation would grow without
    /// bound (a cycle of jumps, a `SWAP` of a huge depth) is refused with it.
    MemoryError,
    /// What CPython's back end raises for a malformed graph (`ValueError: Invalid CFG, stack
    /// underflow`, `… inconsistent stackdepth`).
    ValueError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::SystemError => "SystemError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::ValueError => "ValueError",
        }
    }
}

/// A compile error: class, CPython's message, and where (UTF-8 byte columns, 0-based, as the
/// AST's; [`CompileError::cpython_position`] gives `SyntaxError`'s character offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub message: String,
    pub location: Location,
}

impl CompileError {
    pub fn syntax(message: impl Into<String>, location: Location) -> CompileError {
        CompileError {
            kind: ErrorKind::SyntaxError,
            message: message.into(),
            location,
        }
    }

    /// `SyntaxError`'s `(lineno, offset, end_lineno, end_offset)`: offsets 1-based and counted
    /// in characters of their line, as CPython's `_PyPegen_byte_offset_to_character_offset`
    /// reports them. `source` is the text the tree was parsed from.
    pub fn cpython_position(&self, source: &str) -> (i32, i32, i32, i32) {
        let l = self.location;
        let char_col = |lineno: i32, col: i32| -> i32 {
            if lineno < 1 || col < 0 {
                return col + 1;
            }
            let Some(line) = source.split_inclusive('\n').nth(lineno as usize - 1) else {
                return col + 1;
            };
            let col = col as usize;
            if col > line.len() {
                return col as i32 + 1;
            }
            let prefix = &line.as_bytes()[..col];
            String::from_utf8_lossy(prefix).chars().count() as i32 + 1
        };
        (
            l.lineno,
            char_col(l.lineno, l.col_offset),
            l.end_lineno,
            char_col(l.end_lineno, l.end_col_offset),
        )
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for CompileError {}

/// A `SyntaxWarning` (or `DeprecationWarning`) the compiler issues, such as `"is" with
/// 'int' literal. Did you mean "=="?`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// `"SyntaxWarning"` or `"DeprecationWarning"`.
    pub category: &'static str,
    pub message: String,
    pub location: Location,
}
