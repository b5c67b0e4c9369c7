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

/// "'(' was never closed", at the bracket.
fn never_closed(bracket: (u8, u32), source: &str, index: &LineIndex) -> ParseError {
    let (ch, at) = bracket;
    let err = SyntaxErr::new(
        TextRange::new(at, at + 1),
        format!("'{}' was never closed", ch as char),
    );
    err.into_parse_error(source, index)
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
            token: (l, tok, r), ..
        } => generic(l, tok, r, source, index),
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
                let bracket_line = index.line_col(bracket.1).0;
                if primary.lineno > bracket_line {
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
    let range = TextRange::new(l, r);
    match tok {
        Tok::Indent => {
            let mut e = SyntaxErr::new(range, "unexpected indent").into_parse_error(source, index);
            e.exception = ExceptionType::IndentationError;
            e
        }
        Tok::Dedent => {
            let mut e =
                SyntaxErr::new(range, "unexpected unindent").into_parse_error(source, index);
            e.exception = ExceptionType::IndentationError;
            e
        }
        _ => {
            let mut e = SyntaxErr::new(range, "invalid syntax").into_parse_error(source, index);
            if e.text.is_none() {
                e.text = line_text(source, index, e.lineno);
            }
            e
        }
    }
}
