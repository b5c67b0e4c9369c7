//! F-strings as Python 3.12+ tokenizes them (PEP 701): FSTRING_START, then FSTRING_MIDDLE for
//! literal text, ordinary tokens for each replacement field's expression, and FSTRING_END.
//!
//! As in CPython, an f-string pushes an entry on a mode stack; `{` switches that entry to
//! expression mode (the normal tokenizer, with bracket depths tracked per f-string), a `:` at the
//! field's own depth switches back to literal mode for the format spec, and the `}` that closes
//! the field returns to literal mode.

use crate::error::{LexError, LexErrorKind};
use crate::lexer::{FStringMode, Lexer, MAX_EXPR_NESTING, MAXFSTRINGLEVEL};
use crate::token::{Token, TokenKind};

type LexResult = Result<Token, Box<LexError>>;

impl Lexer<'_> {
    /// The prefix and opening quote have been scanned (`pos` is just past the quote).
    pub(crate) fn fstring_start(&mut self, start: usize) -> LexResult {
        let quote = self.bytes()[self.pos - 1];
        self.first_lineno = self.lineno;
        let mut quote_size = 1;
        let after_quote = self.nextc()?;
        if after_quote == Some(quote) {
            let after_after = self.nextc()?;
            if after_after == Some(quote) {
                quote_size = 3;
            } else {
                self.backup(after_after);
                self.backup(after_quote);
            }
        } else {
            self.backup(after_quote);
        }
        if self.fstrings.len() + 1 >= MAXFSTRINGLEVEL {
            return Err(self.error_at_cursor(LexErrorKind::TooManyNestedFStrings));
        }
        let prefix = &self.bytes()[start..];
        let raw = match prefix[0] {
            b'f' | b'F' => matches!(prefix[1], b'r' | b'R'),
            _ => true,
        };
        self.fstrings.push(FStringMode {
            in_expr_mode: false,
            quote,
            quote_size,
            raw,
            start,
            start_line_start: self.line_start,
            start_lineno: self.lineno,
            curly_bracket_depth: 0,
            curly_bracket_expr_start_depth: -1,
            in_format_spec: false,
        });
        Ok(self.token(TokenKind::FStringStart, start, self.pos))
    }

    fn enter_expression(&mut self) -> Result<(), Box<LexError>> {
        let mode = self.fstrings.last_mut().expect("in an f-string");
        mode.curly_bracket_expr_start_depth += 1;
        if mode.curly_bracket_expr_start_depth >= MAX_EXPR_NESTING {
            return Err(self.error_at_cursor(LexErrorKind::FStringNestedTooDeeply));
        }
        let mode = self.fstrings.last_mut().expect("in an f-string");
        mode.in_expr_mode = true;
        mode.in_format_spec = false;
        Ok(())
    }

    /// CPython's `tok_get_fstring_mode`: literal text, or the end of the f-string.
    pub(crate) fn fstring_mode(&mut self) -> LexResult {
        let start = self.pos;
        self.tok_start = Some(start);
        self.first_lineno = self.lineno;
        let mode = *self.fstrings.last().expect("in an f-string");

        let start_char = self.nextc()?;
        if start_char == Some(b'{') {
            let peek = self.nextc()?;
            self.backup(peek);
            self.backup(start_char);
            if peek != Some(b'{') {
                // A replacement field right away: nothing literal to return first.
                let depth = mode.curly_bracket_expr_start_depth + 1;
                if depth >= MAX_EXPR_NESTING {
                    return Err(self.error_at_cursor(LexErrorKind::FStringNestedTooDeeply));
                }
                let top = self.fstrings.last_mut().expect("in an f-string");
                top.curly_bracket_expr_start_depth = depth;
                top.in_expr_mode = true;
                return self.normal_mode();
            }
        } else {
            self.backup(start_char);
        }

        // The closing quote(s)?
        let mut closed = true;
        for _ in 0..mode.quote_size {
            let c = self.nextc()?;
            if c != Some(mode.quote) {
                self.backup(c);
                closed = false;
                break;
            }
        }
        if closed {
            self.fstrings.pop();
            return Ok(self.token(TokenKind::FStringEnd, start, self.pos));
        }
        // A partial match of a triple quote was consumed: start the literal from `start` again.
        self.pos = start;
        self.fstring_middle(start, mode)
    }

    fn fstring_middle(&mut self, start: usize, mode: FStringMode) -> LexResult {
        let mut end_quote_size = 0;
        let mut unicode_escape = false;
        while end_quote_size != mode.quote_size {
            let c = self.nextc()?;
            let in_format_spec = mode.in_format_spec && mode.curly_bracket_expr_start_depth >= 0;
            if c.is_none() || (mode.quote_size == 1 && c == Some(b'\n')) {
                if in_format_spec && c == Some(b'\n') {
                    // A newline ends a single-quoted format spec: back to expression mode.
                    self.backup(c);
                    let top = self.fstrings.last_mut().expect("in an f-string");
                    top.in_expr_mode = true;
                    top.in_format_spec = false;
                    return Ok(self.token(TokenKind::FStringMiddle, start, self.pos));
                }
                let detected_at = self.lineno;
                self.pos = mode.start + 1;
                self.line_start = mode.start_line_start;
                self.lineno = mode.start_lineno;
                let kind = if mode.quote_size == 3 {
                    LexErrorKind::UnterminatedTripleQuotedFString { detected_at }
                } else {
                    LexErrorKind::UnterminatedFString { detected_at }
                };
                return Err(self.error_at_cursor(kind));
            }
            let ch = c.expect("not at the end");
            if ch == mode.quote {
                end_quote_size += 1;
                continue;
            }
            end_quote_size = 0;
            match ch {
                b'{' => {
                    let peek = self.nextc()?;
                    if peek != Some(b'{') || in_format_spec {
                        self.backup(peek);
                        self.backup(c);
                        self.enter_expression()?;
                        return Ok(self.token(TokenKind::FStringMiddle, start, self.pos));
                    }
                    // `{{`: the text runs to the first brace; the second is skipped.
                    return Ok(self.token(TokenKind::FStringMiddle, start, self.pos - 1));
                }
                b'}' => {
                    if unicode_escape {
                        return Ok(self.token(TokenKind::FStringMiddle, start, self.pos));
                    }
                    let peek = self.nextc()?;
                    if peek == Some(b'}') && !in_format_spec && mode.curly_bracket_depth == 0 {
                        return Ok(self.token(TokenKind::FStringMiddle, start, self.pos - 1));
                    }
                    self.backup(peek);
                    self.backup(c);
                    let top = self.fstrings.last_mut().expect("in an f-string");
                    top.in_expr_mode = true;
                    top.in_format_spec = false;
                    return Ok(self.token(TokenKind::FStringMiddle, start, self.pos));
                }
                b'\\' => {
                    let mut peek = self.nextc()?;
                    if peek == Some(b'\r') {
                        peek = self.nextc()?;
                    }
                    if let Some(brace @ (b'{' | b'}')) = peek {
                        // `\{`: the brace is handled by the next turn of the loop. As CPython,
                        // outside raw f-strings this is an invalid escape worth a warning.
                        if !mode.raw {
                            let message = format!("invalid escape sequence '\\{}'", brace as char);
                            self.warnings.push(crate::lexer::LexWarning {
                                lineno: self.lineno,
                                message,
                            });
                        }
                        self.backup(peek);
                        continue;
                    }
                    if !mode.raw && peek == Some(b'N') {
                        let next = self.nextc()?;
                        if next == Some(b'{') {
                            unicode_escape = true;
                        } else {
                            self.backup(next);
                        }
                    }
                }
                _ => {}
            }
        }
        // The closing quotes: give them back, for FSTRING_END next time.
        self.pos -= mode.quote_size as usize;
        Ok(self.token(TokenKind::FStringMiddle, start, self.pos))
    }
}
