//! # taipan-parser: Python 3.13 source to an arena AST, exactly as CPython 3.13 parses it
//!
//! (Crate documentation is completed with the grammar.)

pub use taipan_ast as ast;
pub use taipan_lexer::ExceptionType;

use bumpalo::Bump;
use taipan_ast::Mod;

/// What to parse: the `mode` argument of `compile()` / `ast.parse()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A module: `Module`.
    #[default]
    Exec,
    /// One expression: `Expression`.
    Eval,
    /// One interactive statement: `Interactive`.
    Single,
    /// A function type comment `(int, str) -> bool`: `FunctionType`.
    FuncType,
}

impl Mode {
    /// The mode named as `compile()` names it.
    pub fn from_name(name: &str) -> Option<Mode> {
        Some(match name {
            "exec" => Mode::Exec,
            "eval" => Mode::Eval,
            "single" => Mode::Single,
            "func_type" => Mode::FuncType,
            _ => return None,
        })
    }
}

/// How to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub mode: Mode,
    /// Fill `type_comment` fields and `type_ignores`, as `ast.parse(type_comments=True)`.
    pub type_comments: bool,
}

/// A successful parse.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub tree: Mod<'a>,
    /// The `SyntaxWarning`s CPython would issue while parsing, in order.
    pub warnings: Vec<Warning>,
}

/// A `SyntaxWarning` (such as `invalid escape sequence '\d'`), with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub lineno: u32,
    pub message: String,
}

/// The exception CPython's parser raises: class, message, and the `SyntaxError` attributes.
///
/// `offset` and `end_offset` are CPython's: 1-based and counted in characters of the line, not
/// bytes; `text` is the offending line as CPython stores it in the exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub exception: ExceptionType,
    pub message: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    pub text: Option<String>,
}

/// Parses `source` (already decoded) into a tree allocated in `arena`.
pub fn parse<'a>(
    source: &'a str,
    options: &Options,
    arena: &'a Bump,
) -> Result<Parsed<'a>, ParseError> {
    let _ = (source, options, arena);
    Err(ParseError {
        exception: ExceptionType::SyntaxError,
        message: "taipan: the parser is not built yet".to_string(),
        lineno: 1,
        offset: 1,
        end_lineno: 1,
        end_offset: 1,
        text: None,
    })
}
