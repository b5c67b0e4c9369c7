//! The parser's one error type inside the crate, and its conversion to [`crate::ParseError`]:
//! CPython's `SyntaxError` attributes from byte ranges.

use taipan_ast::{LineIndex, TextRange};
use taipan_lexer::{ExceptionType, LexError, LexErrorKind};

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
    /// CPython's `CURRENT_POS` end: where its tokenizer stands, reported without the `+ 1` a
    /// token end gets.
    pub current_end: bool,
}

impl SyntaxErr {
    /// The same error, its end reported as CPython's `CURRENT_POS`.
    pub fn current_position_end(mut self) -> SyntaxErr {
        self.current_end = true;
        self
    }

    pub fn new(range: TextRange, message: impl Into<String>) -> SyntaxErr {
        SyntaxErr {
            exception: ExceptionType::SyntaxError,
            message: message.into(),
            range,
            lex: None,
            current_end: false,
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
    /// `end_lineno`/`end_offset` from its end, offsets in characters. A range ending with a
    /// newline ends on its own line, one column past the newline's start, as CPython's NEWLINE
    /// token does.
    pub(crate) fn into_parse_error(self, source: &str, index: &LineIndex) -> ParseError {
        if let Some(lex) = &self.lex {
            return from_lex_error(lex, source, index);
        }
        let (lineno, offset) = char_position(source, index, self.range.start);
        let ends_with_newline = self.range.end > self.range.start
            && matches!(
                source.as_bytes().get(self.range.end as usize - 1),
                Some(b'\n' | b'\r') | None
            );
        let (end_lineno, end_offset) = if ends_with_newline {
            let mut newline = self.range.end - 1;
            if newline > self.range.start
                && source.as_bytes().get(newline as usize - 1) == Some(&b'\r')
            {
                newline -= 1;
            }
            let (line, offset) = char_position(source, index, newline);
            (line, offset + 1)
        } else if index.line_col(self.range.end).0 != lineno {
            // CPython converts the end column to characters using the *start* line's text,
            // clamped to its length plus one (a quirk of `_PyPegen_raise_error_known_location`).
            let (end_line, end_col) = index.line_col(self.range.end);
            let start = index.line_start(lineno).unwrap_or(0) as usize;
            let line = line_text(source, index, lineno).unwrap_or_default();
            let wanted = end_col as usize + 1;
            let _ = start;
            let end = if wanted > line.len() {
                line.chars().count() + 1
            } else {
                line.get(..wanted).map_or(wanted, |l| l.chars().count())
            };
            (end_line, end as u32)
        } else {
            char_position(source, index, self.range.end)
        };
        let end_offset = if self.current_end {
            end_offset - 1
        } else {
            end_offset
        };
        ParseError {
            exception: self.exception,
            message: self.message,
            lineno: Some(lineno as i32),
            offset: Some(offset as i32),
            end_lineno: Some(end_lineno as i32),
            end_offset: Some(end_offset as i32),
            text: line_text(source, index, lineno),
            warnings: Vec::new(),
        }
    }
}

/// CPython's `(lineno, offset)` of a byte offset: offset 1-based, in characters.
pub(crate) fn char_position(source: &str, index: &LineIndex, at: u32) -> (u32, u32) {
    let (lineno, col) = index.line_col(at);
    let start = index.line_start(lineno).unwrap_or(0);
    (lineno, char_offset(source, start, col))
}

/// A lexer error as CPython's parser reports it. Most keep the tokenizer's position, with the
/// end equal to the start; the ones CPython's `_PyPegen_tokenizer_error` reports itself get its
/// positions (an unknown end is `-1` or `0`, depending on the path CPython takes).
pub(crate) fn from_lex_error(error: &LexError, source: &str, index: &LineIndex) -> ParseError {
    let lineno = error.lineno as i32;
    let offset = error.offset as i32;
    let text = line_text(source, index, error.lineno);
    let (message, offset, end_offset) = match &error.kind {
        LexErrorKind::Dedent => {
            // The offset counts the line's length; CPython's line ends in `\n` alone.
            let line_start = index.line_start(error.lineno).unwrap_or(0) as usize;
            let line = source.get(line_start..).unwrap_or("");
            let crlf = line
                .find('\n')
                .is_some_and(|i| i > 0 && line.as_bytes()[i - 1] == b'\r');
            (
                error.kind.to_string(),
                if crlf { offset - 1 } else { offset },
                -1,
            )
        }
        LexErrorKind::TabSpace | LexErrorKind::TooDeep => (error.kind.to_string(), 1, 0),
        LexErrorKind::UnexpectedEof => ("unexpected EOF while parsing".to_string(), offset, -1),
        LexErrorKind::LineContinuation => {
            // CPython points just past the character after the backslash.
            let line_start = index.line_start(error.lineno).unwrap_or(0) as usize;
            let upto = (error.byte as usize).min(source.len());
            let backslash = source
                .get(line_start..upto)
                .and_then(|line| line.rfind('\\'));
            let offset = match backslash {
                Some(col) => char_offset(source, line_start as u32, col as u32) as i32 + 1,
                None => offset,
            };
            (error.kind.to_string(), offset, 0)
        }
        LexErrorKind::LeadingZeros => {
            // CPython spans the run of zeros (and underscores) the literal starts with.
            let line_start = index.line_start(error.lineno).unwrap_or(0) as usize;
            let line = source.get(line_start..).unwrap_or("");
            let run = line
                .chars()
                .skip((offset - 1).max(0) as usize)
                .take_while(|&c| c == '0' || c == '_')
                .count() as i32;
            (error.kind.to_string(), offset, offset + run)
        }
        LexErrorKind::NullBytes => {
            return ParseError::unpositioned(
                ExceptionType::SyntaxError,
                "source code string cannot contain null bytes",
            );
        }
        _ => (error.kind.to_string(), offset, offset),
    };
    // The tokenizer's own errors carry the line without its newline; the ones the parser
    // reports for it (above) carry the line as read, newline included.
    let reported_by_parser = matches!(
        error.kind,
        LexErrorKind::Dedent
            | LexErrorKind::TabSpace
            | LexErrorKind::TooDeep
            | LexErrorKind::UnexpectedEof
            | LexErrorKind::LineContinuation
    );
    let text = if reported_by_parser {
        text
    } else {
        text.map(|t| t.trim_end_matches(['\n', '\r']).to_string())
    };
    ParseError {
        exception: error.exception_type(),
        message,
        lineno: Some(lineno),
        offset: Some(offset),
        end_lineno: Some(lineno),
        end_offset: Some(end_offset),
        text,
        warnings: Vec::new(),
    }
}
