//! The parser's one error type inside the crate, and its conversion to [`crate::ParseError`]:
//! CPython's `SyntaxError` attributes from byte ranges.

use taipan_ast::{LineIndex, TextRange};
use taipan_lexer::{ExceptionType, LexError};

use crate::ParseError;

/// An error found while parsing, positioned by byte range; turned into a [`ParseError`] (with
/// CPython's line and character offsets) once, at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxErr {
    pub exception: ExceptionType,
    pub message: String,
    pub range: TextRange,
    /// Set when the error is the tokenizer's (positioned by CPython's rules already).
    pub lex: Option<Box<LexError>>,
}

impl SyntaxErr {
    pub fn new(range: TextRange, message: impl Into<String>) -> SyntaxErr {
        SyntaxErr {
            exception: ExceptionType::SyntaxError,
            message: message.into(),
            range,
            lex: None,
        }
    }
}

/// The text of a 1-based line as CPython puts it in `SyntaxError.text`: the line with its
/// newline (CPython keeps the `\n`; a final line without one gets none).
pub(crate) fn line_text(source: &str, index: &LineIndex, lineno: u32) -> Option<String> {
    let start = index.line_start(lineno)? as usize;
    let rest = &source[start.min(source.len())..];
    let end = rest.find(['\n', '\r']).map_or(rest.len(), |i| i + 1);
    let mut line = rest[..end].to_string();
    if line.ends_with('\r') {
        line.pop();
        line.push('\n');
    }
    Some(line)
}

/// CPython's character offset (1-based) of a byte column within a line. Bytes past the end of
/// the source (the implicit final newline) count one each.
fn char_offset(source: &str, line_start: u32, col: u32) -> u32 {
    let start = (line_start as usize).min(source.len());
    let wanted = line_start as usize + col as usize;
    let end = wanted.min(source.len());
    let beyond = (wanted - end) as u32;
    match source.get(start..end) {
        Some(text) => text.chars().count() as u32 + 1 + beyond,
        None => col + 1,
    }
}

impl SyntaxErr {
    /// CPython's exception for this error: `lineno`/`offset` from the range start,
    /// `end_lineno`/`end_offset` from its end, offsets in characters.
    pub(crate) fn into_parse_error(self, source: &str, index: &LineIndex) -> ParseError {
        if let Some(lex) = &self.lex {
            return from_lex_error(lex, source, index);
        }
        let pos = index.position(self.range);
        let start_line = index.line_start(pos.lineno).unwrap_or(0);
        let end_line = index.line_start(pos.end_lineno).unwrap_or(0);
        ParseError {
            exception: self.exception,
            message: self.message,
            lineno: pos.lineno,
            offset: char_offset(source, start_line, pos.col_offset),
            end_lineno: pos.end_lineno,
            end_offset: char_offset(source, end_line, pos.end_col_offset),
            text: line_text(source, index, pos.lineno),
        }
    }
}

/// A lexer error as CPython's parser reports it: the tokenizer's position is the error's start
/// and end (CPython sets `end_offset` equal to `offset` for tokenizer errors... unless the parser
/// repositions them, which `crate::errors` does).
pub(crate) fn from_lex_error(error: &LexError, source: &str, index: &LineIndex) -> ParseError {
    ParseError {
        exception: error.exception_type(),
        message: error.kind.to_string(),
        lineno: error.lineno,
        offset: error.offset,
        end_lineno: error.lineno,
        end_offset: error.offset,
        text: line_text(source, index, error.lineno),
    }
}
