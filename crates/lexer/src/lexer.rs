//! The tokenizer state machine: indentation, brackets, newlines, comments, names, strings and
//! operators (normal mode). Numbers live in [`crate::number`], f-string mode in
//! [`crate::fstring`].
//!
//! The rules are CPython 3.13's `Parser/lexer/lexer.c`, reimplemented: the same order of checks,
//! the same one-character look-ahead and back-up, so that every token boundary, every error and
//! every error position comes out as CPython's. Where CPython reads the source a line at a time,
//! this lexer works on the whole text and keeps the same line bookkeeping (`lineno`, the start of
//! the current line, and the start of CPython's line buffer) so that positions agree.

use std::borrow::Cow;

use crate::error::{LexError, LexErrorKind};
use crate::raw::{Raw, raw_token};
use crate::token::{Token, TokenKind};

/// CPython's tab size for indentation (`tok->tabsize`).
const TABSIZE: u32 = 8;
/// CPython's `MAXINDENT`: at most 100 indentation levels.
pub(crate) const MAXINDENT: usize = 100;
/// CPython's `MAXLEVEL`: at most 200 open brackets.
pub(crate) const MAXLEVEL: usize = 200;
/// CPython's `MAXFSTRINGLEVEL`: the mode stack holds at most 150 entries.
pub(crate) const MAXFSTRINGLEVEL: usize = 150;
/// CPython's `MAX_EXPR_NESTING` for replacement fields inside format specs.
pub(crate) const MAX_EXPR_NESTING: i32 = 3;

/// Which of CPython's two tokenizer behaviours to follow.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// What the parser sees (`compile()`): strict checks on identifiers, number endings, leading
    /// zeros and brackets.
    Parser,
    /// What the `tokenize` module sees (CPython's `extra_tokens`): the same tokens plus COMMENT
    /// and NL, and the lenient rules `tokenize` has always had (`1abc`, `012`, `)` unmatched).
    Tokenize,
}

/// An open bracket: the character, and where it was opened.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Paren {
    pub(crate) ch: u8,
    pub(crate) lineno: u32,
}

/// One entry of CPython's tokenizer mode stack for an f-string.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FStringMode {
    /// True while tokenizing a replacement field's expression (CPython's `TOK_REGULAR_MODE`
    /// on an f-string entry).
    pub(crate) in_expr_mode: bool,
    pub(crate) quote: u8,
    pub(crate) quote_size: u8,
    pub(crate) raw: bool,
    /// Byte offset of the f-string's first character (its prefix).
    pub(crate) start: usize,
    pub(crate) start_line_start: usize,
    pub(crate) start_lineno: u32,
    pub(crate) curly_bracket_depth: i32,
    pub(crate) curly_bracket_expr_start_depth: i32,
    pub(crate) in_format_spec: bool,
}

/// The tokenizer. Iterate it for tokens; see the crate docs for the two views.
#[derive(Debug)]
pub struct Lexer<'src> {
    /// The source, with a `\n` appended when it does not end with one (CPython's implicit newline).
    pub(crate) text: Cow<'src, str>,
    pub(crate) source_len: usize,
    pub(crate) mode: Mode,
    /// CPython's `tok->cur`.
    pub(crate) pos: usize,
    /// Start of the line `lineno` counts, and one past its `\n`.
    pub(crate) line_start: usize,
    pub(crate) line_end: usize,
    pub(crate) lineno: u32,
    /// Start of CPython's line buffer (`tok->buf`): the current line, or the first line of a
    /// token or continuation that spans several.
    pub(crate) buf_start: usize,
    /// CPython's `tok->start`: `Some` while a token is being scanned.
    pub(crate) tok_start: Option<usize>,
    /// CPython's `tok->multi_line_start`/`first_lineno` for string tokens.
    pub(crate) first_lineno: u32,
    pub(crate) at_eof: bool,
    pub(crate) atbol: bool,
    pub(crate) pendin: i32,
    pub(crate) indents: Vec<(u32, u32)>,
    pub(crate) parens: Vec<Paren>,
    pub(crate) fstrings: Vec<FStringMode>,
    pub(crate) comment_newline: bool,
    pub(crate) blankline: bool,
    pub(crate) finished: bool,
    pub(crate) warnings: Vec<LexWarning>,
}

/// A `SyntaxWarning` CPython's tokenizer issues (and then carries on).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LexWarning {
    pub lineno: u32,
    pub message: String,
}

type LexResult = Result<Token, Box<LexError>>;

impl<'src> Lexer<'src> {
    /// A lexer over `source` (already decoded; see [`crate::source`] for bytes).
    pub fn new(source: &'src str, mode: Mode) -> Lexer<'src> {
        let text = if source.is_empty() || source.ends_with('\n') {
            Cow::Borrowed(source)
        } else {
            let mut padded = String::with_capacity(source.len() + 1);
            padded.push_str(source);
            padded.push('\n');
            Cow::Owned(padded)
        };
        Lexer {
            text,
            source_len: source.len(),
            mode,
            pos: 0,
            line_start: 0,
            line_end: 0,
            lineno: 0,
            buf_start: 0,
            tok_start: None,
            first_lineno: 0,
            at_eof: false,
            atbol: true,
            pendin: 0,
            indents: vec![(0, 0)],
            parens: Vec::new(),
            fstrings: Vec::new(),
            comment_newline: false,
            blankline: false,
            finished: false,
            warnings: Vec::new(),
        }
    }

    /// The text the lexer runs over: the source, plus the implicit final `\n` if it lacked one.
    /// Token ranges index this text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True if the lexer added a `\n` the source did not end with.
    pub fn has_implicit_newline(&self) -> bool {
        self.text.len() != self.source_len
    }

    /// The warnings issued so far, in order.
    pub fn warnings(&self) -> &[LexWarning] {
        &self.warnings
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    #[inline]
    pub(crate) fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    // ----- CPython's tok_nextc / tok_backup --------------------------------------------------

    /// The next byte, reading a new line when the current one is used up; `None` at the end.
    #[inline]
    pub(crate) fn nextc(&mut self) -> Result<Option<u8>, Box<LexError>> {
        if self.pos < self.line_end {
            let c = self.bytes()[self.pos];
            self.pos += 1;
            return Ok(Some(c));
        }
        self.next_line()
    }

    #[cold]
    fn next_line(&mut self) -> Result<Option<u8>, Box<LexError>> {
        if self.at_eof || self.pos >= self.text.len() {
            self.at_eof = true;
            if self.tok_start.is_none() && self.fstrings.is_empty() {
                // CPython resets its buffer before the read that finds the end.
                self.buf_start = self.pos;
            }
            return Ok(None);
        }
        let start = self.pos;
        let bytes = self.bytes();
        let (end, has_nul) = match memchr::memchr2(b'\n', 0, &bytes[start..]) {
            Some(i) if bytes[start + i] == b'\n' => (start + i + 1, false),
            Some(i) => {
                let end = memchr::memchr(b'\n', &bytes[start + i..])
                    .map_or(bytes.len(), |j| start + i + j + 1);
                (end, true)
            }
            None => (bytes.len(), false),
        };
        if self.tok_start.is_none() && self.fstrings.is_empty() {
            self.buf_start = start;
        }
        self.line_start = start;
        self.line_end = end;
        self.lineno += 1;
        if has_nul {
            self.pos = start;
            return Err(self.error_at_cursor(LexErrorKind::NullBytes));
        }
        let c = self.bytes()[self.pos];
        self.pos += 1;
        Ok(Some(c))
    }

    #[inline]
    pub(crate) fn backup(&mut self, c: Option<u8>) {
        if c.is_some() {
            self.pos -= 1;
        }
    }

    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    // ----- errors ----------------------------------------------------------------------------

    /// The number of characters in `text[from..to]`.
    pub(crate) fn chars_between(&self, from: usize, to: usize) -> u32 {
        let to = to.min(self.text.len());
        let from = from.min(to);
        count_chars(&self.bytes()[from..to]) as u32
    }

    /// CPython's `_PyTokenizer_syntaxerror`: the offset is the number of characters from the start
    /// of the line to the cursor.
    pub(crate) fn error_at_cursor(&self, kind: LexErrorKind) -> Box<LexError> {
        Box::new(LexError {
            kind,
            lineno: self.lineno,
            offset: self.chars_between(self.line_start, self.pos),
            byte: self.pos as u32,
        })
    }

    /// CPython's `_tokenizer_error` (indentation, continuation and tab errors): the offset is
    /// the length of the line buffer in characters, plus one for its newline.
    pub(crate) fn error_at_line_end(&self, kind: LexErrorKind) -> Box<LexError> {
        let end = self.line_end.max(self.buf_start);
        let mut offset = self.chars_between(self.buf_start, end);
        if end > self.buf_start && self.bytes()[end - 1] != b'\n' {
            offset += 1;
        }
        Box::new(LexError {
            kind,
            lineno: self.lineno,
            offset,
            byte: self.pos as u32,
        })
    }

    /// CPython's end-of-file error inside brackets or after a continuation: the offset is the
    /// size of the line buffer in bytes.
    fn error_eof(&self) -> Box<LexError> {
        let offset = if self.tok_start.is_none() && self.fstrings.is_empty() {
            0
        } else {
            (self.line_end.max(self.buf_start) - self.buf_start) as u32
        };
        Box::new(LexError {
            kind: LexErrorKind::UnexpectedEof,
            lineno: self.lineno,
            offset,
            byte: self.pos as u32,
        })
    }

    #[inline]
    pub(crate) fn token(&self, kind: TokenKind, start: usize, end: usize) -> Token {
        Token {
            kind,
            start: start as u32,
            end: end as u32,
        }
    }

    // ----- the token loop ---------------------------------------------------------------------

    /// The next token, or the error that ends tokenizing. After ENDMARKER or an error, `None`.
    pub fn next_token(&mut self) -> Option<Result<Token, LexError>> {
        if self.finished {
            return None;
        }
        let result = match self.fstrings.last() {
            Some(mode) if !mode.in_expr_mode => self.fstring_mode(),
            _ => self.normal_mode(),
        };
        match &result {
            Ok(token) if token.kind == TokenKind::EndMarker => self.finished = true,
            Err(_) => self.finished = true,
            Ok(_) => {}
        }
        Some(result.map_err(|error| *error))
    }

    pub(crate) fn normal_mode(&mut self) -> LexResult {
        // CPython's `nextline:` label: a fresh logical line in parser mode; in tokenize mode
        // blank lines come back as NL instead of looping.
        self.tok_start = None;
        self.blankline = false;
        if self.atbol {
            self.atbol = false;
            self.indentation()?;
        }
        self.tok_start = Some(self.pos);

        if self.pendin != 0 {
            if self.pendin < 0 {
                self.pendin += 1;
                if self.at_eof {
                    // Trailing dedents sit at the end of the text.
                    let end = self.text.len();
                    return Ok(self.token(TokenKind::Dedent, end, end));
                }
                return Ok(self.token(TokenKind::Dedent, self.pos, self.pos));
            }
            self.pendin -= 1;
            return Ok(self.token(TokenKind::Indent, self.buf_start, self.pos));
        }
        self.again()
    }

    /// CPython's indentation block at the beginning of a line.
    fn indentation(&mut self) -> Result<(), Box<LexError>> {
        let mut col: u32 = 0;
        let mut altcol: u32 = 0;
        let mut cont_line_col: u32 = 0;
        let c = loop {
            let c = self.nextc()?;
            match c {
                Some(b' ') => {
                    col += 1;
                    altcol += 1;
                }
                Some(b'\t') => {
                    col = (col / TABSIZE + 1) * TABSIZE;
                    altcol += 1;
                }
                // As CPython's tokenizer: a form feed resets the column ("for Emacs users").
                Some(0x0c) => {
                    col = 0;
                    altcol = 0;
                }
                Some(b'\\') => {
                    // Indentation cannot be split over lines with backslashes: the first
                    // backslash found decides the column.
                    if cont_line_col == 0 {
                        cont_line_col = col;
                    }
                    self.continuation_line()?;
                }
                other => break other,
            }
        };
        self.backup(c);
        if matches!(c, Some(b'#' | b'\n' | b'\r')) {
            self.blankline = true;
        }
        if self.blankline || !self.parens.is_empty() {
            return Ok(());
        }
        if cont_line_col != 0 {
            col = cont_line_col;
            altcol = cont_line_col;
        }
        let &(top, alttop) = self.indents.last().expect("indent stack never empty");
        if col == top {
            if altcol != alttop {
                return Err(self.error_at_line_end(LexErrorKind::TabSpace));
            }
        } else if col > top {
            if self.indents.len() >= MAXINDENT {
                return Err(self.error_at_line_end(LexErrorKind::TooDeep));
            }
            if altcol <= alttop {
                return Err(self.error_at_line_end(LexErrorKind::TabSpace));
            }
            self.pendin += 1;
            self.indents.push((col, altcol));
        } else {
            while self.indents.len() > 1 && col < self.indents.last().expect("non-empty").0 {
                self.pendin -= 1;
                self.indents.pop();
            }
            let &(top, alttop) = self.indents.last().expect("indent stack never empty");
            if col != top {
                return Err(self.error_at_line_end(LexErrorKind::Dedent));
            }
            if altcol != alttop {
                return Err(self.error_at_line_end(LexErrorKind::TabSpace));
            }
        }
        Ok(())
    }

    /// CPython's `tok_continuation_line`: after a backslash, a newline must follow, and then
    /// something other than the end of the file.
    fn continuation_line(&mut self) -> Result<(), Box<LexError>> {
        let mut c = self.nextc()?;
        if c == Some(b'\r') {
            c = self.nextc()?;
        }
        if c != Some(b'\n') {
            return Err(self.error_at_line_end(LexErrorKind::LineContinuation));
        }
        let c = self.nextc()?;
        if c.is_none() {
            return Err(self.error_eof());
        }
        self.backup(c);
        Ok(())
    }

    /// CPython's `again:` label: skip blanks, then one token.
    fn again(&mut self) -> LexResult {
        loop {
            self.tok_start = None;
            // Blanks within the current line, in bulk; `nextc` takes over at the line's end.
            let bytes = self.text.as_bytes();
            let mut pos = self.pos;
            while pos < self.line_end && matches!(bytes[pos], b' ' | b'\t' | 0x0c) {
                pos += 1;
            }
            self.pos = pos;
            let mut c = self.nextc()?;
            while matches!(c, Some(b' ' | b'\t' | 0x0c)) {
                c = self.nextc()?;
            }
            let start = if c.is_some() { self.pos - 1 } else { self.pos };
            self.tok_start = Some(start);

            let Some(ch) = c else {
                if !self.parens.is_empty() {
                    return Err(self.error_eof());
                }
                let end = self.text.len();
                return Ok(self.token(TokenKind::EndMarker, end, end));
            };

            if ch == b'#' {
                // As CPython: a comment runs to the end of the line (`\n` or `\r`).
                let bytes = self.bytes();
                let rest = &bytes[self.pos..self.line_end];
                let len = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
                self.pos += len;
                self.comment_newline = self.blankline;
                return Ok(self.token(TokenKind::Comment, start, self.pos));
            }
            if ch == b'\\' {
                self.continuation_line()?;
                continue;
            }
            if ch == b'\n' {
                return Ok(self.newline(start));
            }
            if ch == b'\r' {
                let c = self.nextc()?;
                if c == Some(b'\n') {
                    return Ok(self.newline(start));
                }
                // A `\r` not followed by `\n`: CPython goes on with the next character as if
                // it started the token, so the `\r` stays in the token's text.
                let Some(next) = c else {
                    return Ok(self.token(TokenKind::Op, start, self.pos));
                };
                if next == b'\\' {
                    // A continuation after the stray `\r`: loop, never recurse (inputs of
                    // many `\r\\\n` in a row must not grow the stack).
                    self.continuation_line()?;
                    continue;
                }
                return self.dispatch(start, next, false);
            }
            return self.dispatch(start, ch, true);
        }
    }

    /// One token whose first significant character `ch` has just been consumed; the token's text
    /// starts at `start`. `names` is false after a stray `\r`, where CPython has already passed
    /// its identifier check.
    fn dispatch(&mut self, start: usize, ch: u8, names: bool) -> LexResult {
        let ch_pos = self.pos - 1;
        match ch {
            b'.' if self.peek().is_some_and(|b| b.is_ascii_digit()) => {
                return self.number_fraction(start);
            }
            b'0'..=b'9' => return self.number(start, ch),
            _ => {}
        }
        if let Some((raw, len)) = raw_token(&self.text[ch_pos..]) {
            match raw {
                Raw::AsciiName if names => {
                    self.pos = ch_pos + len;
                    return Ok(self.token(TokenKind::Name, start, self.pos));
                }
                Raw::Name if names => {
                    self.pos = ch_pos + len;
                    if self.mode == Mode::Parser {
                        self.verify_identifier(start)?;
                    }
                    return Ok(self.token(TokenKind::Name, start, self.pos));
                }
                Raw::Name | Raw::AsciiName => {}
                Raw::StringStart if names || len == 1 => {
                    self.pos = ch_pos + len;
                    return self.string(start);
                }
                Raw::FStringStart if names => {
                    self.pos = ch_pos + len;
                    return self.fstring_start(start);
                }
                Raw::StringStart | Raw::FStringStart => {}
                _ => {
                    let kind = raw.operator_kind().expect("operators have kinds");
                    return self.operator(start, kind, len);
                }
            }
        }
        self.punctuation(start, ch)
    }

    /// A newline: NEWLINE ends a logical line; NL is a newline that does not (blank lines,
    /// comment lines, and newlines inside brackets).
    fn newline(&mut self, start: usize) -> Token {
        self.atbol = true;
        if self.blankline || !self.parens.is_empty() {
            self.comment_newline = false;
            return self.token(TokenKind::Nl, start, self.pos);
        }
        if self.comment_newline {
            self.comment_newline = false;
            return self.token(TokenKind::Nl, start, self.pos);
        }
        self.token(TokenKind::Newline, start, self.pos)
    }

    /// Operators found by the raw lexer: bracket bookkeeping and f-string format specs.
    fn operator(&mut self, start: usize, kind: TokenKind, len: usize) -> LexResult {
        let op_start = self.pos - 1;
        let first = self.bytes()[op_start];
        // In a replacement field, a `:` at the field's own depth starts the format spec.
        if first == b':'
            && let Some(mode) = self.fstrings.last_mut()
            && mode.curly_bracket_expr_start_depth >= 0
            && mode.curly_bracket_depth - 1 == mode.curly_bracket_expr_start_depth
        {
            mode.in_expr_mode = false;
            mode.in_format_spec = true;
            self.pos = op_start + 1;
            return Ok(self.token(TokenKind::Colon, start, self.pos));
        }
        self.pos = op_start + len;
        if len == 1 {
            self.brackets(first)?;
        }
        Ok(self.token(kind, start, self.pos))
    }

    /// A character the raw lexer does not know (or a letter after a stray `\r`): CPython makes
    /// it a one-character OP, unless it is not printable.
    fn punctuation(&mut self, start: usize, ch: u8) -> LexResult {
        if ch >= 0x80 {
            // Only after a stray `\r`: take the whole character.
            while self.peek().is_some_and(|b| (b as i8) < -0x40) {
                self.pos += 1;
            }
            return Ok(self.token(TokenKind::Op, start, self.pos));
        }
        self.brackets(ch)?;
        if !(0x20..0x7f).contains(&ch) {
            return Err(self.error_at_cursor(LexErrorKind::NonPrintableCharacter(ch as char)));
        }
        Ok(self.token(TokenKind::Op, start, self.pos))
    }

    /// CPython's bracket bookkeeping for a one-character token `c` just scanned.
    fn brackets(&mut self, c: u8) -> Result<(), Box<LexError>> {
        match c {
            b'(' | b'[' | b'{' => {
                if self.parens.len() >= MAXLEVEL {
                    return Err(self.error_at_cursor(LexErrorKind::TooManyNestedParens));
                }
                self.parens.push(Paren {
                    ch: c,
                    lineno: self.lineno,
                });
                if let Some(mode) = self.fstrings.last_mut() {
                    mode.curly_bracket_depth += 1;
                }
            }
            b')' | b']' | b'}' => {
                if let Some(mode) = self.fstrings.last()
                    && mode.curly_bracket_depth == 0
                    && c == b'}'
                {
                    return Err(self.error_at_cursor(LexErrorKind::FStringSingleBrace));
                }
                if self.mode == Mode::Parser && self.parens.is_empty() {
                    return Err(self.error_at_cursor(LexErrorKind::Unmatched(c as char)));
                }
                if let Some(open) = self.parens.pop() {
                    let matches =
                        matches!((open.ch, c), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                    if self.mode == Mode::Parser && !matches {
                        if let Some(mode) = self.fstrings.last()
                            && open.ch == b'{'
                            && mode.curly_bracket_depth - 1 == mode.curly_bracket_expr_start_depth
                        {
                            return Err(
                                self.error_at_cursor(LexErrorKind::FStringUnmatched(c as char))
                            );
                        }
                        let open_line = (open.lineno != self.lineno).then_some(open.lineno);
                        return Err(self.error_at_cursor(LexErrorKind::MismatchedBracket {
                            close: c as char,
                            open: open.ch as char,
                            open_line,
                        }));
                    }
                }
                if let Some(mode) = self.fstrings.last_mut() {
                    mode.curly_bracket_depth -= 1;
                    if mode.curly_bracket_depth < 0 {
                        return Err(self.error_at_cursor(LexErrorKind::FStringUnmatched(c as char)));
                    }
                    if c == b'}' && mode.curly_bracket_depth == mode.curly_bracket_expr_start_depth
                    {
                        mode.curly_bracket_expr_start_depth -= 1;
                        mode.in_expr_mode = false;
                        mode.in_format_spec = false;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// PEP 3131 (parser mode only, as CPython's `verify_identifier`): every character of a name
    /// must be XID_Start (or `_`) then XID_Continue.
    fn verify_identifier(&mut self, start: usize) -> Result<(), Box<LexError>> {
        let name = &self.text[start..self.pos];
        let mut chars = name.char_indices();
        let invalid = chars.find(|&(i, ch)| {
            if i == 0 {
                !(ch == '_' || unicode_ident::is_xid_start(ch))
            } else {
                !unicode_ident::is_xid_continue(ch)
            }
        });
        if let Some((i, ch)) = invalid {
            self.pos = start + i + ch.len_utf8();
            let kind = if crate::unicode::is_printable(ch) {
                LexErrorKind::InvalidCharacter(ch)
            } else {
                LexErrorKind::NonPrintableCharacter(ch)
            };
            return Err(self.error_at_cursor(kind));
        }
        Ok(())
    }

    /// A string literal after its prefix and opening quote (CPython's `letter_quote:`).
    fn string(&mut self, start: usize) -> LexResult {
        let quote = self.bytes()[self.pos - 1];
        self.first_lineno = self.lineno;
        let multi_line_start = self.line_start;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let mut has_escaped_quote = false;

        let c = self.nextc()?;
        let mut c_after = c;
        if c == Some(quote) {
            c_after = self.nextc()?;
            if c_after == Some(quote) {
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        if c_after != Some(quote) {
            self.backup(c_after);
        }

        while end_quote_size != quote_size {
            // The fast path: skip to the next byte that matters within the current line.
            if self.pos < self.line_end {
                let rest = &self.text.as_bytes()[self.pos..self.line_end];
                let skip = memchr::memchr3(quote, b'\\', b'\n', rest).unwrap_or(rest.len());
                if skip > 0 {
                    self.pos += skip;
                    end_quote_size = 0;
                }
            }
            let c = self.nextc()?;
            match c {
                None | Some(b'\n') if c.is_none() || quote_size == 1 => {
                    let detected_at = self.lineno;
                    self.pos = start + 1;
                    self.line_start = multi_line_start;
                    self.lineno = self.first_lineno;
                    if let Some(mode) = self.fstrings.last()
                        && mode.quote == quote
                        && mode.quote_size == quote_size
                    {
                        return Err(self.error_at_cursor(LexErrorKind::FStringExpectingBrace));
                    }
                    let kind = if quote_size == 3 {
                        LexErrorKind::UnterminatedTripleQuotedString { detected_at }
                    } else {
                        LexErrorKind::UnterminatedString {
                            detected_at,
                            escaped_quote: has_escaped_quote,
                        }
                    };
                    return Err(self.error_at_cursor(kind));
                }
                Some(b) if b == quote => end_quote_size += 1,
                Some(b'\\') => {
                    end_quote_size = 0;
                    let mut escaped = self.nextc()?;
                    if escaped == Some(quote) {
                        has_escaped_quote = true;
                    }
                    if escaped == Some(b'\r') {
                        escaped = self.nextc()?;
                    }
                    let _ = escaped;
                }
                _ => end_quote_size = 0,
            }
        }
        Ok(self.token(TokenKind::String, start, self.pos))
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Token, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_token()
    }
}

/// The number of UTF-8 characters in `bytes` (counting non-continuation bytes).
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}
