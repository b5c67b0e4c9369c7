//! Literal evaluation: the text of a NUMBER, STRING, FSTRING_MIDDLE or NAME token to the value
//! CPython 3.13 puts in the tree, with CPython's warnings and errors, word for word.
//!
//! - [`parse_number`]: `1_000`, `0xff`, `1e10`, `3j` (`Parser/pegen.c` `parsenumber`).
//! - [`decode_string`]: a STRING token, prefix and quotes included, to `str` or `bytes`
//!   (`Parser/string_parser.c` `_PyPegen_parse_string`).
//! - [`decode_fstring_middle`]: the literal text of an f-string (`_PyPegen_decode_fstring_part`,
//!   and `_PyPegen_decoded_constant_from_token` for a format spec).
//! - [`normalize_identifier`]: NFKC for non-ASCII names (`_PyPegen_new_identifier`).
//! - [`string_kind`]: the `kind` of a string `Constant` (`'u'` for a `u'…'` literal).
//!
//! Values borrow from the token text when nothing had to be decoded; otherwise they are copied
//! into the arena. Every function is total: any input text gives a value or a [`LiteralError`],
//! never a panic.
//!
//! CPython translates `\r\n` and a lone `\r` to `\n` before tokenizing; the texts given here may
//! still hold them (inside triple-quoted strings, or after a line-continuation backslash) and
//! decoding translates them the same way, so values hold `\n` only.
//!
//! ## Where CPython 3.13.0 locates these warnings and errors
//!
//! Measured with `compile()` on CPython 3.13.0; the literal functions only report *what*, the
//! caller knows the tokens:
//! - A [`LiteralWarning`] (`SyntaxWarning`, at most one per call: CPython warns about the first
//!   invalid escape of a literal only) is reported on the start line of: the STRING token, for
//!   [`decode_string`]; the **FSTRING_END** token of the f-string, for an f-string's literal text
//!   (CPython decodes those parts when the whole f-string has been parsed); the FSTRING_MIDDLE
//!   token itself, for a format spec. Under `-W error` the warning becomes a `SyntaxError` with
//!   the same message spanning that same token.
//! - A [`LiteralError`] from [`decode_string`] is a `SyntaxError` spanning the STRING token
//!   (`lineno`/`offset` of its start to `end_lineno`/`end_offset` of its end), whether it is a
//!   codec error or `bytes can only contain ASCII literal characters`.
//! - From [`decode_fstring_middle`] on an f-string's literal text: a `SyntaxError` located at the
//!   last token the parser has fetched when it builds the `JoinedStr`, which is the FSTRING_END
//!   token. On a format spec CPython 3.13.0 does not convert the error at all: `compile()` raises
//!   `UnicodeDecodeError` whose text is [`LiteralError::detail`] (a CPython quirk).
//! - From [`parse_number`] ([`LiteralErrorKind::IntDigitsLimit`]): a `SyntaxError` with lines
//!   `lineno` and `end_lineno` of the NUMBER token and **both offsets 0** (CPython passes column
//!   -1 "to avoid a wall of 1000s of '^'s").

// Until the grammar calls them.

mod ident;
mod names;
mod names_data;
mod number;
mod string;

pub use ident::normalize_identifier;
pub use number::parse_number;
pub use string::{decode_fstring_middle, decode_string, string_kind};

use std::fmt;
use std::ops::Range;

/// A value and the `SyntaxWarning` CPython issues while decoding it, if any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    pub warning: Option<LiteralWarning>,
}

/// A `SyntaxWarning` about an escape sequence: `invalid escape sequence '\d'` or
/// `invalid octal escape sequence '\777'`.
///
/// The message is built on demand ([`LiteralWarning::message`], or `Display`), so decoding
/// allocates nothing for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiteralWarning {
    /// Byte offset of the escape's backslash in the text given to the decoding function.
    pub offset: usize,
    /// The escape after its backslash: one ASCII character (`d`), or three octal digits (`777`).
    escape: [u8; 3],
    octal: bool,
}

impl LiteralWarning {
    pub(crate) fn invalid(offset: usize, escape: u8) -> LiteralWarning {
        LiteralWarning {
            offset,
            escape: [escape, 0, 0],
            octal: false,
        }
    }

    pub(crate) fn octal(offset: usize, digits: [u8; 3]) -> LiteralWarning {
        LiteralWarning {
            offset,
            escape: digits,
            octal: true,
        }
    }

    /// The escaped character (the first octal digit for an octal escape).
    pub fn escaped(&self) -> u8 {
        self.escape[0]
    }

    /// CPython's message, e.g. `invalid escape sequence '\d'`.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for LiteralWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, escape) = if self.octal {
            ("invalid octal escape sequence", &self.escape[..])
        } else {
            ("invalid escape sequence", &self.escape[..1])
        };
        // Escapes are ASCII (a backslash before a non-ASCII character is no escape).
        let escape: String = escape.iter().map(|&b| char::from(b)).collect();
        write!(f, "{what} '\\{escape}'")
    }
}

/// What kind of failure a [`LiteralError`] is; the exception CPython raises depends on it and on
/// the caller (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralErrorKind {
    /// A plain `SyntaxError` from the parser (`bytes can only contain ASCII literal characters`).
    Syntax,
    /// A `UnicodeDecodeError` of the `unicodeescape` codec; the parser reports it as
    /// `SyntaxError("(unicode error) …")`.
    UnicodeDecode,
    /// A `ValueError` from decoding a bytes literal's escapes; the parser reports it as
    /// `SyntaxError("(value error) …")`.
    Value,
    /// A decimal integer over 4300 digits (`sys.int_info.default_max_str_digits`).
    IntDigitsLimit,
    /// Text that is not a literal of the kind asked for (no such token comes from the lexer;
    /// CPython would raise `SystemError: bad argument to internal function`).
    Malformed,
}

/// A literal CPython refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralError {
    pub kind: LiteralErrorKind,
    /// The `SyntaxError` message CPython 3.13 reports, e.g. `(unicode error) 'unicodeescape'
    /// codec can't decode bytes in position 0-2: truncated \xXX escape`.
    pub message: String,
    /// The bytes of the given text that are at fault (an escape sequence, or the whole text).
    /// CPython 3.13 does not locate errors this finely; it is given for tools.
    pub range: Range<usize>,
}

impl LiteralError {
    /// The underlying exception's own text: the message without the parser's `(unicode error) `
    /// or `(value error) ` prefix.
    #[allow(
        dead_code,
        reason = "for the format-spec UnicodeDecodeError, not reported yet"
    )]
    pub fn detail(&self) -> &str {
        let prefix = match self.kind {
            LiteralErrorKind::UnicodeDecode => "(unicode error) ",
            LiteralErrorKind::Value => "(value error) ",
            _ => "",
        };
        self.message.strip_prefix(prefix).unwrap_or(&self.message)
    }

    pub(crate) fn malformed(what: &str, len: usize) -> LiteralError {
        LiteralError {
            kind: LiteralErrorKind::Malformed,
            message: format!("bad argument to internal function: not a {what} literal"),
            range: 0..len,
        }
    }
}

impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LiteralError {}
