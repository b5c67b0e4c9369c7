//! Turning a failed parse into the exception CPython 3.13 raises, following
//! `Parser/pegen_errors.c`: tokenizer errors first, then the grammar's own errors, then the
//! generic `invalid syntax` at the token the parser could not use — and in every case a look at
//! the rest of the source, where a tokenizer error (or a bracket never closed) takes priority.

use taipan_ast::{LineIndex, TextRange};
use taipan_lexer::{ExceptionType, LexError, LexErrorKind};

use crate::ParseError;
use crate::build::PError;
use crate::error::{SyntaxErr, from_lex_error, line_text};
use crate::tokens::{Tok, TokenStream};

/// "'(' was never closed", at the bracket (CPython leaves the end unknown: `end_offset` 0).
fn never_closed(bracket: (u8, u32), source: &str, index: &LineIndex) -> ParseError {
    let (ch, at) = bracket;
    let message = format!("'{}' was never closed", ch as char);
    let mut error =
        SyntaxErr::new(TextRange::new(at, at + 1), message).into_parse_error(source, index);
    error.end_offset = Some(0);
    error
}

/// A tokenizer error as the parser reports it: an end of input inside brackets names the
/// innermost open bracket.
fn tokenizer_error(
    error: &LexError,
    stream: &TokenStream<'_>,
    source: &str,
    index: &LineIndex,
) -> ParseError {
    if error.kind == LexErrorKind::UnexpectedEof
        && let Some(&bracket) = stream.open_brackets.last()
    {
        return never_closed(bracket, source, index);
    }
    from_lex_error(error, source, index)
}

pub(crate) fn report(
    error: PError,
    stream: &mut TokenStream<'_>,
    source: &str,
    index: &LineIndex,
) -> ParseError {
    let primary = match error {
        PError::User { error } => {
            if let Some(lex) = &error.lex {
                return tokenizer_error(lex, stream, source, index);
            }
            error.into_parse_error(source, index)
        }
        PError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            // Mode `single`: a statement line, then more than the end of the input.
            let single = expected.len() == 1 && expected[0] == "ENDMARKER";
            match stream.before_last {
                Some((nl, Tok::Newline, nr)) if single && tok != Tok::Dedent => SyntaxErr::new(
                    TextRange::new(nl, nr),
                    "multiple statements found while compiling a single statement",
                )
                .into_parse_error(source, index),
                _ => crate::diagnose::diagnose(
                    source,
                    stream.type_comments(),
                    l,
                    tok,
                    &expected,
                    index,
                )
                .unwrap_or_else(|| generic(l, tok, r, source, index)),
            }
        }
        PError::UnrecognizedEof { location, .. } => {
            SyntaxErr::new(TextRange::new(location, location), "invalid syntax")
                .into_parse_error(source, index)
        }
        PError::InvalidToken { location } => {
            SyntaxErr::new(TextRange::new(location, location), "invalid syntax")
                .into_parse_error(source, index)
        }
        PError::ExtraToken { token: (l, tok, r) } => generic(l, tok, r, source, index),
    };
    // `_PyPegen_tokenize_full_source_to_check_for_errors`: a tokenizer error further on wins;
    // so does a bracket left open on a line before the error's.
    match stream.lex_to_end() {
        Some(lex) if lex.kind == LexErrorKind::UnexpectedEof => {
            if let Some(&bracket) = stream.open_brackets.last() {
                let bracket_line = index.line_col(bracket.1).0 as i32;
                // CPython compares with the line of the last token its parser read.
                let error_line = match stream.last {
                    Some((start, _, _)) => Some(index.line_col(start).0 as i32),
                    None => primary.lineno,
                };
                if error_line.is_some_and(|line| line > bracket_line) {
                    return never_closed(bracket, source, index);
                }
            }
            primary
        }
        Some(lex) => from_lex_error(&lex, source, index),
        None => primary,
    }
}

/// The generic error at a token the grammar could not use.
fn generic(l: u32, tok: Tok, r: u32, source: &str, index: &LineIndex) -> ParseError {
    match tok {
        Tok::Indent => positionless_token(TokenEnd::At(r), "unexpected indent", source, index),
        Tok::Dedent => positionless_token(TokenEnd::At(l), "unexpected unindent", source, index),
        Tok::EndMarker => {
            // `RAISE_SYNTAX_ERROR_KNOWN_LOCATION` at a token without columns: 0 and 0.
            let mut e = positionless_token(TokenEnd::EndOfInput, "invalid syntax", source, index);
            e.exception = ExceptionType::SyntaxError;
            e.offset = Some(0);
            e.end_offset = Some(0);
            e
        }
        _ => SyntaxErr::new(TextRange::new(l, r), "invalid syntax").into_parse_error(source, index),
    }
}

/// Where CPython's tokenizer stands after a token that has no position of its own.
pub(crate) enum TokenEnd {
    At(u32),
    /// The end of the input: CPython reports the last line, and every character of it (its
    /// newline included) as the offset.
    EndOfInput,
}

/// An error at an INDENT, DEDENT or ENDMARKER token. CPython gives those tokens no column, and
/// `_PyPegen_raise_error` then reports the tokenizer's position in the line (without the usual
/// `+ 1`) and an unknown end (`-1`).
pub(crate) fn positionless_token(
    at: TokenEnd,
    message: &str,
    source: &str,
    index: &LineIndex,
) -> ParseError {
    let (lineno, offset) = match at {
        TokenEnd::At(at) => {
            let (lineno, offset) = crate::error::char_position(source, index, at);
            (lineno, offset - 1)
        }
        TokenEnd::EndOfInput => {
            let trimmed = source.trim_end_matches(['\n', '\r', ' ', '\t', '\x0c']);
            // An empty source has not even a first line: CPython says line 0.
            let last_line = if source.is_empty() {
                0
            } else {
                index.line_col(trimmed.len() as u32).0.max(1)
            };
            let start = index.line_start(last_line).unwrap_or(0) as usize;
            let rest = source.get(start..).unwrap_or("");
            // The tokenizer has read the whole last line, its newline (real or implicit) too.
            // CPython has translated `\r\n` to `\n`: a `\r` before the newline does not count.
            let line_len = rest.find('\n').map_or(rest.chars().count() + 1, |i| {
                rest[..i].trim_end_matches('\r').chars().count() + 1
            });
            (last_line, line_len as u32)
        }
    };
    ParseError {
        exception: ExceptionType::IndentationError,
        message: message.to_string(),
        lineno: Some(lineno as i32),
        offset: Some(offset as i32),
        end_lineno: Some(lineno as i32),
        end_offset: Some(-1),
        text: line_text(source, index, lineno),
        warnings: Vec::new(),
    }
}
