//! # taipan-parser: Python 3.13 source to an arena AST, exactly as CPython 3.13 parses it
//!
//! The second stage of Taipan's pipeline: the lexer's tokens in, a [`taipan_ast`] tree out
//! (allocated in the caller's [`bumpalo::Bump`]), or the `SyntaxError`, `IndentationError` or
//! `TabError` CPython 3.13's parser raises, with its message and position. It models the grammar
//! of Python [`PYTHON_VERSION`]; the tree's format is `taipan_ast`'s.
//!
//! **For:** `ast.parse()`: the four modes (`exec`, `eval`, `single`, `func_type`), type comments
//! on request, literal evaluation (numbers, strings, f-strings), CPython's syntax errors and
//! `SyntaxWarning`s. **Not for:** decoding bytes (see `taipan_lexer::source`), or the checks
//! CPython makes after parsing (symbol tables, `'return' outside function`: the compiler).
//!
//! ## Architecture invariants
//! - One LR(1) grammar (`grammar.lalrpop`, generated at build time by lalrpop) serves all four
//!   modes: the token stream starts with a token naming the mode.
//! - The token stream (`tokens.rs`) is the only place that looks ahead: it tells keywords from
//!   names and decides soft keywords; the grammar never backtracks.
//! - Every grammar action is a call into `build/`, which allocates nodes; checks CPython makes
//!   inside its grammar (targets, parameter and argument order) live there, with its messages.
//! - Errors carry byte ranges until the end, where `errors.rs` turns them into CPython's
//!   `lineno`/`offset` (in characters) and applies CPython's priorities between errors.
//!
//! ```
//! use taipan_ast::{DumpOptions, dump};
//! use taipan_parser::{Options, parse};
//!
//! let arena = bumpalo::Bump::new();
//! let parsed = parse("x = 1\n", &Options::default(), &arena).unwrap();
//! assert_eq!(
//!     dump(&parsed.tree, &DumpOptions::default()),
//!     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])",
//! );
//!
//! let error = parse("x = (1,\n", &Options::default(), &arena).unwrap_err();
//! assert_eq!((error.message.as_str(), error.lineno, error.offset), ("'(' was never closed", Some(1), Some(5)));
//! ```

pub use taipan_ast as ast;
pub use taipan_lexer::ExceptionType;
mod build;
mod diagnose;
mod error;
mod errors;
mod limits;
mod literal;
mod tokens;

lalrpop_util::lalrpop_mod!(
    #[allow(
        clippy::all,
        clippy::pedantic,
        unused,
        missing_debug_implementations,
        rust_2018_idioms
    )]
    grammar
);

use build::Ctx;
use taipan_ast::{LineIndex, TypeIgnore};
use tokens::{Tok, TokenStream};

use bumpalo::Bump;
use taipan_ast::Mod;

/// The Python version whose grammar this crate implements.
pub const PYTHON_VERSION: (u8, u8) = (3, 13);

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
    /// Leave out the limit `ast.parse` hits when it turns the tree into `ast` objects
    /// (`RecursionError: maximum recursion depth exceeded during ast construction`).
    /// `compile()` never builds those objects: its depth limits are the compiler's own (the
    /// AST optimizer's and the symbol table's, "during compilation"). The parser's own stack
    /// limit (`MemoryError`) still applies.
    pub skip_ast_construction_limit: bool,
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
/// The positions are CPython's, quirks included: `offset` and `end_offset` are 1-based and
/// counted in characters of the line, not bytes; `end_offset` is `-1` or `0` where CPython
/// leaves the end unknown; all four are `None` where CPython gives no position (null bytes in
/// the source, and the `MemoryError`/`RecursionError` of too deep a nesting). `text` is the
/// offending line as CPython stores it in the exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub exception: ExceptionType,
    pub message: String,
    pub lineno: Option<i32>,
    pub offset: Option<i32>,
    pub end_lineno: Option<i32>,
    pub end_offset: Option<i32>,
    pub text: Option<String>,
    /// The `SyntaxWarning`s CPython issues before raising (the tokenizer's, over the whole
    /// source: CPython tokenizes to the end when a parse fails).
    pub warnings: Vec<Warning>,
}

impl ParseError {
    /// An error without a position.
    pub(crate) fn unpositioned(exception: ExceptionType, message: &str) -> ParseError {
        ParseError {
            exception,
            message: message.to_string(),
            lineno: None,
            offset: None,
            end_lineno: None,
            end_offset: None,
            text: None,
            warnings: Vec::new(),
        }
    }
}

/// Parses `source` (already decoded) into a tree allocated in `arena`.
pub fn parse<'a>(
    source: &'a str,
    options: &Options,
    arena: &'a Bump,
) -> Result<Parsed<'a>, ParseError> {
    // CPython translates newlines before tokenizing. A lone `\r` becomes `\n` here, which
    // keeps every offset (`\r\n` the lexer handles as it is).
    let lone_cr = memchr::memchr_iter(b'\r', source.as_bytes())
        .any(|i| source.as_bytes().get(i + 1) != Some(&b'\n'));
    let source: &'a str = if lone_cr {
        let bytes = source.as_bytes();
        let translated: String = source
            .char_indices()
            .map(|(i, c)| {
                if c == '\r' && bytes.get(i + 1) != Some(&b'\n') {
                    '\n'
                } else {
                    c
                }
            })
            .collect();
        arena.alloc_str(&translated)
    } else {
        source
    };
    let start = match options.mode {
        Mode::Exec => Tok::StartModule,
        Mode::Eval => Tok::StartExpression,
        Mode::Single => Tok::StartInteractive,
        Mode::FuncType => Tok::StartFuncType,
    };
    let mut stream = TokenStream::new(source, start, options.type_comments);
    let ctx = Ctx::new(source, arena);
    let result = grammar::TopParser::new().parse(&ctx, &mut stream);
    // Line numbers are needed only for warnings and errors: built on demand.
    let index = std::cell::OnceCell::new();
    let index = || index.get_or_init(|| LineIndex::new(source));
    match result {
        Ok(tree)
            if limits::may_exceed(stream.longest_line.max(stream.line_tokens()))
                && exceeded_limit(&tree, options).is_some() =>
        {
            let (exception, message) = match exceeded_limit(&tree, options) {
                Some(limits::Exceeded::ParserStack) => (
                    ExceptionType::MemoryError,
                    "Parser stack overflowed - Python source too complex to parse",
                ),
                _ => (
                    ExceptionType::RecursionError,
                    "maximum recursion depth exceeded during ast construction",
                ),
            };
            Err(ParseError::unpositioned(exception, message))
        }
        Ok(mut tree) => {
            if let Mod::Module { type_ignores, .. } = &mut tree {
                let ignores: Vec<TypeIgnore<'a>> = stream
                    .type_ignores
                    .iter()
                    .map(|t| TypeIgnore {
                        lineno: t.lineno,
                        tag: &source[t.tag.0 as usize..t.tag.1 as usize],
                    })
                    .collect();
                *type_ignores = ctx.slice(ignores);
            }
            let literal = ctx.warnings.into_inner();
            let warnings = if literal.is_empty() && stream.lexer_warnings().is_empty() {
                Vec::new()
            } else {
                merge_warnings(&stream, literal, index())
            };
            Ok(Parsed { tree, warnings })
        }
        Err(error) => {
            let mut error = errors::report(error, &mut stream, source, index());
            error.warnings = merge_warnings(&stream, ctx.warnings.into_inner(), index());
            Err(error)
        }
    }
}

/// The limit `tree` exceeds among those `options` apply.
fn exceeded_limit(tree: &Mod<'_>, options: &Options) -> Option<limits::Exceeded> {
    match limits::check(tree) {
        Some(limits::Exceeded::AstDepth) if options.skip_ast_construction_limit => None,
        exceeded => exceeded,
    }
}

/// The tokenizer's warnings and the parser's (literal escapes), in source order: CPython issues
/// each as it reads the token, or builds the literal, and does not deduplicate them.
fn merge_warnings(
    stream: &TokenStream<'_>,
    literal: Vec<(u32, String)>,
    index: &LineIndex,
) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = stream
        .lexer_warnings()
        .iter()
        .map(|w| Warning {
            lineno: w.lineno,
            message: w.message.clone(),
        })
        .collect();
    let lexer_count = warnings.len();
    for (offset, message) in literal {
        warnings.push(Warning {
            lineno: index.line_col(offset).0,
            message,
        });
    }
    if lexer_count > 0 && lexer_count < warnings.len() {
        // A stable sort: on one line, the tokenizer's come first.
        warnings.sort_by_key(|w| w.lineno);
    }
    warnings
}
