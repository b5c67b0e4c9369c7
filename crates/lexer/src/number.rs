//! Number literals, scanned character by character as CPython's tokenizer scans them, so that the
//! same malformed literal gets the same error at the same column.

use crate::error::{LexError, LexErrorKind, NumberKind};
use crate::lexer::{Lexer, Mode};
use crate::token::{Token, TokenKind};

type LexResult = Result<Token, Box<LexError>>;

fn is_digit(c: Option<u8>) -> bool {
    c.is_some_and(|b| b.is_ascii_digit())
}

fn is_potential_identifier_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl Lexer<'_> {
    fn invalid_literal(&self, kind: NumberKind) -> Box<LexError> {
        self.error_at_cursor(LexErrorKind::InvalidLiteral(kind))
    }

    /// CPython's `tok_decimal_tail`: digits with single underscores between them. Returns the
    /// character after them.
    fn decimal_tail(&mut self) -> Result<Option<u8>, Box<LexError>> {
        loop {
            let mut c = self.nextc()?;
            while is_digit(c) {
                c = self.nextc()?;
            }
            if c != Some(b'_') {
                return Ok(c);
            }
            let c = self.nextc()?;
            if !is_digit(c) {
                self.backup(c);
                return Err(self.invalid_literal(NumberKind::Decimal));
            }
        }
    }

    /// CPython's `lookahead`: does `word` follow, and then something that cannot continue a name?
    /// Consumes nothing.
    fn lookahead(&self, word: &[u8]) -> bool {
        let rest = &self.bytes()[self.pos..];
        rest.starts_with(word)
            && rest
                .get(word.len())
                .is_none_or(|&b| !is_potential_identifier_char(b))
    }

    /// CPython's `verify_end_of_number` (parser mode only): a literal directly followed by a
    /// letter is an error, except before the keywords that may follow a number in valid code
    /// (where CPython issues a `SyntaxWarning`, collected in `warnings`).
    fn verify_end_of_number(
        &mut self,
        c: Option<u8>,
        kind: NumberKind,
    ) -> Result<(), Box<LexError>> {
        if self.mode == Mode::Tokenize {
            return Ok(());
        }
        let Some(ch) = c else { return Ok(()) };
        let keyword_follows = match ch {
            b'a' => self.lookahead(b"nd"),
            b'e' => self.lookahead(b"lse"),
            b'f' => self.lookahead(b"or"),
            b'i' => matches!(self.peek(), Some(b'f' | b'n' | b's')),
            b'o' => self.lookahead(b"r"),
            b'n' => self.lookahead(b"ot"),
            _ => false,
        };
        if !keyword_follows && ch < 0x80 && is_potential_identifier_char(ch) {
            self.backup(c);
            return Err(self.invalid_literal(kind));
        }
        if keyword_follows {
            // As CPython's `verify_end_of_number`: `1if x else y` is valid but warned about.
            self.warnings.push(crate::lexer::LexWarning {
                lineno: self.lineno,
                message: format!("invalid {} literal", kind.name()),
            });
        }
        Ok(())
    }

    /// Digits of a hexadecimal, octal or binary literal after its `0x`/`0o`/`0b`.
    fn radix_digits(&mut self, kind: NumberKind) -> Result<Option<u8>, Box<LexError>> {
        let (is_valid, checks_decimal): (fn(u8) -> bool, bool) = match kind {
            NumberKind::Hexadecimal => (|b| b.is_ascii_hexdigit(), false),
            NumberKind::Octal => (|b| (b'0'..=b'7').contains(&b), true),
            _ => (|b| b == b'0' || b == b'1', true),
        };
        let mut c = self.nextc()?;
        loop {
            if c == Some(b'_') {
                c = self.nextc()?;
            }
            if !c.is_some_and(is_valid) {
                if checks_decimal && is_digit(c) {
                    let digit = c.expect("is a digit") as char;
                    return Err(self.error_at_cursor(LexErrorKind::InvalidDigit { digit, kind }));
                }
                self.backup(c);
                return Err(self.invalid_literal(kind));
            }
            loop {
                c = self.nextc()?;
                if !c.is_some_and(is_valid) {
                    break;
                }
            }
            if c != Some(b'_') {
                break;
            }
        }
        if checks_decimal && is_digit(c) {
            let digit = c.expect("is a digit") as char;
            return Err(self.error_at_cursor(LexErrorKind::InvalidDigit { digit, kind }));
        }
        self.verify_end_of_number(c, kind)?;
        Ok(c)
    }

    /// A number starting with the digit `first` at `start` (already consumed).
    pub(crate) fn number(&mut self, start: usize, first: u8) -> LexResult {
        let c = if first == b'0' {
            let c = self.nextc()?;
            match c {
                Some(b'x' | b'X') => self.radix_digits(NumberKind::Hexadecimal)?,
                Some(b'o' | b'O') => self.radix_digits(NumberKind::Octal)?,
                Some(b'b' | b'B') => self.radix_digits(NumberKind::Binary)?,
                _ => return self.zero_prefixed(start, c),
            }
        } else {
            let c = self.decimal_tail()?;
            return self.after_integer(start, c);
        };
        self.backup(c);
        Ok(self.token(TokenKind::Number, start, self.pos))
    }

    /// `0`, `00`, `0_0`, `0.5`, `0e1`, `0j`, and old-style octal (`012`).
    fn zero_prefixed(&mut self, start: usize, mut c: Option<u8>) -> LexResult {
        loop {
            if c == Some(b'_') {
                c = self.nextc()?;
                if !is_digit(c) {
                    self.backup(c);
                    return Err(self.invalid_literal(NumberKind::Decimal));
                }
            }
            if c != Some(b'0') {
                break;
            }
            c = self.nextc()?;
        }
        let mut nonzero = false;
        if is_digit(c) {
            nonzero = true;
            c = self.decimal_tail()?;
        }
        match c {
            Some(b'.') => return self.number_fraction(start),
            Some(b'e' | b'E') => return self.exponent(start, c),
            Some(b'j' | b'J') => return self.imaginary(start),
            _ => {}
        }
        if nonzero && self.mode == Mode::Parser {
            self.backup(c);
            let line_start = self.line_start;
            let mut error = self.error_at_cursor(LexErrorKind::LeadingZeros);
            // CPython reports this one as a known byte range: from the literal's first digit.
            error.offset = (start + 1 - line_start) as u32;
            return Err(error);
        }
        self.verify_end_of_number(c, NumberKind::Decimal)?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, start, self.pos))
    }

    /// After the integer part of a decimal literal.
    fn after_integer(&mut self, start: usize, c: Option<u8>) -> LexResult {
        match c {
            Some(b'.') => self.number_fraction(start),
            Some(b'e' | b'E') => self.exponent(start, c),
            Some(b'j' | b'J') => self.imaginary(start),
            _ => {
                self.verify_end_of_number(c, NumberKind::Decimal)?;
                self.backup(c);
                Ok(self.token(TokenKind::Number, start, self.pos))
            }
        }
    }

    /// CPython's `fraction:` label: the `.` has just been consumed.
    pub(crate) fn number_fraction(&mut self, start: usize) -> LexResult {
        let mut c = self.nextc()?;
        if is_digit(c) {
            c = self.decimal_tail()?;
        }
        match c {
            Some(b'e' | b'E') => self.exponent(start, c),
            Some(b'j' | b'J') => self.imaginary(start),
            _ => {
                self.verify_end_of_number(c, NumberKind::Decimal)?;
                self.backup(c);
                Ok(self.token(TokenKind::Number, start, self.pos))
            }
        }
    }

    /// CPython's `exponent:` label: `e` (the argument) has just been consumed.
    fn exponent(&mut self, start: usize, e: Option<u8>) -> LexResult {
        let mut c = self.nextc()?;
        if matches!(c, Some(b'+' | b'-')) {
            c = self.nextc()?;
            if !is_digit(c) {
                self.backup(c);
                return Err(self.invalid_literal(NumberKind::Decimal));
            }
        } else if !is_digit(c) {
            // `1else`, `1e`: the `e` is not part of the number.
            self.backup(c);
            self.verify_end_of_number(e, NumberKind::Decimal)?;
            self.backup(e);
            return Ok(self.token(TokenKind::Number, start, self.pos));
        }
        let c = self.decimal_tail()?;
        if matches!(c, Some(b'j' | b'J')) {
            return self.imaginary(start);
        }
        self.verify_end_of_number(c, NumberKind::Decimal)?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, start, self.pos))
    }

    /// CPython's `imaginary:` label: the `j` has just been consumed.
    fn imaginary(&mut self, start: usize) -> LexResult {
        let c = self.nextc()?;
        self.verify_end_of_number(c, NumberKind::Imaginary)?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, start, self.pos))
    }
}
