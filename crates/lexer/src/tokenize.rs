//! The `tokenize` view: CPython's `tokenize` module's token stream, and its text form.
//!
//! [`TokenInfo`] is `tokenize.TokenInfo` without the `line` field: kind, string, and start/end as
//! (line, column) with columns in characters. Its `Display` is the line `python -m tokenize`
//! prints. The differences from the lexer's own [`Token`]s are the ones CPython's
//! `_tokenize` module makes: OP for operators (unless exact types are asked for), the text of
//! NEWLINE and NL tokens, and the position of the tokens after the end of the file.

use std::borrow::Cow;
use std::fmt;

use crate::error::LexError;
use crate::lexer::{Lexer, Mode, count_chars};
use crate::token::{Token, TokenKind};

/// One token as `tokenize` reports it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TokenInfo<'src> {
    /// The exact kind; [`TokenKind::generic`] gives what `tokenize` calls `type`.
    pub kind: TokenKind,
    pub string: Cow<'src, str>,
    /// (line, column): line 1-based, column 0-based in characters.
    pub start: (u32, u32),
    pub end: (u32, u32),
}

impl TokenInfo<'_> {
    /// The line `python -m tokenize` prints: `"%-20s%-15s%-15r"` of the range, the kind name and
    /// the string's repr. `exact` is `-e`.
    pub fn display(&self, exact: bool) -> DisplayTokenInfo<'_> {
        DisplayTokenInfo { info: self, exact }
    }
}

/// See [`TokenInfo::display`].
#[derive(Debug)]
pub struct DisplayTokenInfo<'a> {
    info: &'a TokenInfo<'a>,
    exact: bool,
}

impl fmt::Display for DisplayTokenInfo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let info = self.info;
        let range = format!(
            "{},{}-{},{}:",
            info.start.0, info.start.1, info.end.0, info.end.1
        );
        // As `TokenInfo.exact_type`: an OP's exact type comes from its string (so `<>` and a
        // stray `\r` stay OP).
        let kind = match info.kind.generic() {
            TokenKind::Op if self.exact => {
                TokenKind::from_operator_text(&info.string).unwrap_or(TokenKind::Op)
            }
            generic => generic,
        };
        write!(
            f,
            "{range:<20}{:<15}{:<15}",
            kind.name(),
            python_repr(&info.string)
        )
    }
}

/// The tokens of `source` as `tokenize.generate_tokens` gives them (no ENCODING token).
#[derive(Debug)]
pub struct Tokenize<'src> {
    lexer: Lexer<'src>,
    /// Start of the line holding the previous token's start, and that line's number: positions
    /// are found by scanning forward from here.
    line_start: usize,
    lineno: u32,
}

impl<'src> Tokenize<'src> {
    pub fn new(source: &'src str) -> Tokenize<'src> {
        Tokenize {
            lexer: Lexer::new(source, Mode::Tokenize),
            line_start: 0,
            lineno: 1,
        }
    }

    /// The `SyntaxWarning`s issued so far.
    pub fn warnings(&self) -> &[crate::LexWarning] {
        self.lexer.warnings()
    }

    /// The line and line start holding byte `offset`, moving the cursor forward (tokens come
    /// in order, so this is linear over the whole file).
    fn locate(&mut self, offset: usize) -> (u32, usize) {
        let bytes = self.lexer.text().as_bytes();
        // Rarely a token starts on an earlier line than the previous one (an INDENT after an
        // f-string left open, as in CPython): step back line by line, never rescan from the top.
        while offset < self.line_start {
            let previous_end = self.line_start - 1;
            self.line_start = memchr::memrchr(b'\n', &bytes[..previous_end]).map_or(0, |i| i + 1);
            self.lineno -= 1;
        }
        while let Some(i) = memchr::memchr(b'\n', &bytes[self.line_start..offset.min(bytes.len())])
        {
            self.line_start += i + 1;
            self.lineno += 1;
        }
        (self.lineno, self.line_start)
    }

    fn position(&mut self, offset: usize) -> (u32, u32) {
        let (lineno, line_start) = self.locate(offset);
        let col = count_chars(&self.lexer.text().as_bytes()[line_start..offset]) as u32;
        (lineno, col)
    }

    fn info(&mut self, token: Token) -> TokenInfo<'src> {
        let text_len = self.lexer.text().len();
        let (start, end) = (token.start as usize, token.end as usize);
        // ENDMARKER and the dedents at the end of the file: on the line after the last.
        if token.kind == TokenKind::EndMarker
            || (token.kind == TokenKind::Dedent && start == text_len)
        {
            let (lineno, line_start) = self.locate(text_len);
            let line_count = if line_start == text_len {
                lineno - 1
            } else {
                lineno
            };
            let pos = (line_count + 1, 0);
            return TokenInfo {
                kind: token.kind,
                string: Cow::Borrowed(""),
                start: pos,
                end: pos,
            };
        }
        let implicit = self.lexer.has_implicit_newline() && end == text_len;
        let start_pos = self.position(start);
        let text = self.lexer.text();
        let (string, end_pos): (Cow<'src, str>, (u32, u32)) = match token.kind {
            TokenKind::Newline => {
                // CPython leaves the newline out of the token, then adds one column for it.
                let end_col =
                    start_pos.1 + count_chars(&text.as_bytes()[start..end - 1]) as u32 + 1;
                let string = if implicit {
                    self.slice(start, end - 1)
                } else if text.as_bytes()[start] == b'\r' {
                    Cow::Borrowed("\r\n")
                } else {
                    Cow::Borrowed("\n")
                };
                (string, (start_pos.0, end_col))
            }
            TokenKind::Nl => {
                let end_col = start_pos.1 + count_chars(&text.as_bytes()[start..end]) as u32;
                let string = if implicit {
                    Cow::Borrowed("")
                } else {
                    self.slice(start, end)
                };
                (string, (start_pos.0, end_col))
            }
            _ => (self.slice(start, end), self.position(end)),
        };
        TokenInfo {
            kind: token.kind,
            string,
            start: start_pos,
            end: end_pos,
        }
    }

    fn slice(&self, start: usize, end: usize) -> Cow<'src, str> {
        match &self.lexer.text {
            Cow::Borrowed(text) => Cow::Borrowed(&text[start..end]),
            Cow::Owned(text) => Cow::Owned(text[start..end].to_owned()),
        }
    }
}

impl<'src> Iterator for Tokenize<'src> {
    type Item = Result<TokenInfo<'src>, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let token = self.lexer.next_token()?;
        Some(token.map(|token| self.info(token)))
    }
}

/// Python's `repr()` of a `str` (kept here for compatibility; it is [`taipan_text::str_repr`]).
pub fn python_repr(s: &str) -> String {
    taipan_text::str_repr(s)
}
