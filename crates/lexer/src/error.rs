//! The lexer's one error type: a Python exception (class, message, position) as CPython raises it.

use std::fmt;

/// The Python exception class an error is raised as.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExceptionType {
    SyntaxError,
    IndentationError,
    TabError,
    /// Not from the lexer: CPython's parser raises it when its own stack would overflow
    /// ("Parser stack overflowed - Python source too complex to parse").
    MemoryError,
    /// Not from the lexer: CPython raises it when a tree is too deep to turn into `ast` objects
    /// ("maximum recursion depth exceeded during ast construction").
    RecursionError,
}

impl ExceptionType {
    pub const fn name(self) -> &'static str {
        match self {
            ExceptionType::SyntaxError => "SyntaxError",
            ExceptionType::IndentationError => "IndentationError",
            ExceptionType::TabError => "TabError",
            ExceptionType::MemoryError => "MemoryError",
            ExceptionType::RecursionError => "RecursionError",
        }
    }
}

/// What went wrong. `Display` gives CPython 3.13's message, word for word.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum LexErrorKind {
    /// A character that cannot start or continue any token (in an identifier, parser mode only).
    InvalidCharacter(char),
    /// A control character outside a string.
    NonPrintableCharacter(char),
    /// `invalid decimal literal`, `invalid hexadecimal literal`, …
    InvalidLiteral(NumberKind),
    /// `invalid digit '8' in octal literal`
    InvalidDigit {
        digit: char,
        kind: NumberKind,
    },
    /// `012`: old-style octal (parser mode only).
    LeadingZeros,
    UnterminatedString {
        detected_at: u32,
        escaped_quote: bool,
    },
    UnterminatedTripleQuotedString {
        detected_at: u32,
    },
    UnterminatedFString {
        detected_at: u32,
    },
    UnterminatedTripleQuotedFString {
        detected_at: u32,
    },
    FStringExpectingBrace,
    FStringSingleBrace,
    FStringUnmatched(char),
    FStringNestedTooDeeply,
    TooManyNestedFStrings,
    /// A closing bracket with nothing open (parser mode only).
    Unmatched(char),
    /// A closing bracket that does not match the open one (parser mode only).
    MismatchedBracket {
        close: char,
        open: char,
        open_line: Option<u32>,
    },
    TooManyNestedParens,
    LineContinuation,
    /// End of input inside brackets or after a backslash continuation.
    UnexpectedEof,
    Dedent,
    TabSpace,
    TooDeep,
    NullBytes,
    /// Bytes that are not valid in the source's encoding, and cookie problems: the message is
    /// CPython's, built by [`crate::source`].
    Encoding(String),
}

/// The literal kinds CPython names in number errors.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NumberKind {
    Decimal,
    Hexadecimal,
    Octal,
    Binary,
    Imaginary,
}

impl NumberKind {
    pub const fn name(self) -> &'static str {
        match self {
            NumberKind::Decimal => "decimal",
            NumberKind::Hexadecimal => "hexadecimal",
            NumberKind::Octal => "octal",
            NumberKind::Binary => "binary",
            NumberKind::Imaginary => "imaginary",
        }
    }
}

impl LexErrorKind {
    /// The exception class CPython raises for this error.
    pub fn exception_type(&self) -> ExceptionType {
        match self {
            LexErrorKind::Dedent | LexErrorKind::TooDeep => ExceptionType::IndentationError,
            LexErrorKind::TabSpace => ExceptionType::TabError,
            _ => ExceptionType::SyntaxError,
        }
    }
}

impl fmt::Display for LexErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use LexErrorKind::*;
        match self {
            InvalidCharacter(c) => write!(f, "invalid character '{c}' (U+{:04X})", *c as u32),
            NonPrintableCharacter(c) => {
                write!(f, "invalid non-printable character U+{:04X}", *c as u32)
            }
            InvalidLiteral(kind) => write!(f, "invalid {} literal", kind.name()),
            InvalidDigit { digit, kind } => {
                write!(f, "invalid digit '{digit}' in {} literal", kind.name())
            }
            LeadingZeros => f.write_str(
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers",
            ),
            UnterminatedString {
                detected_at,
                escaped_quote: false,
            } => {
                write!(
                    f,
                    "unterminated string literal (detected at line {detected_at})"
                )
            }
            UnterminatedString {
                detected_at,
                escaped_quote: true,
            } => write!(
                f,
                "unterminated string literal (detected at line {detected_at}); \
                 perhaps you escaped the end quote?"
            ),
            UnterminatedTripleQuotedString { detected_at } => {
                write!(
                    f,
                    "unterminated triple-quoted string literal (detected at line {detected_at})"
                )
            }
            UnterminatedFString { detected_at } => {
                write!(
                    f,
                    "unterminated f-string literal (detected at line {detected_at})"
                )
            }
            UnterminatedTripleQuotedFString { detected_at } => {
                write!(
                    f,
                    "unterminated triple-quoted f-string literal (detected at line {detected_at})"
                )
            }
            FStringExpectingBrace => f.write_str("f-string: expecting '}'"),
            FStringSingleBrace => f.write_str("f-string: single '}' is not allowed"),
            FStringUnmatched(c) => write!(f, "f-string: unmatched '{c}'"),
            FStringNestedTooDeeply => f.write_str("f-string: expressions nested too deeply"),
            TooManyNestedFStrings => f.write_str("too many nested f-strings"),
            Unmatched(c) => write!(f, "unmatched '{c}'"),
            MismatchedBracket {
                close,
                open,
                open_line: Some(line),
            } => write!(
                f,
                "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {line}"
            ),
            MismatchedBracket {
                close,
                open,
                open_line: None,
            } => {
                write!(
                    f,
                    "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
                )
            }
            TooManyNestedParens => f.write_str("too many nested parentheses"),
            LineContinuation => {
                f.write_str("unexpected character after line continuation character")
            }
            UnexpectedEof => f.write_str("unexpected EOF in multi-line statement"),
            Dedent => f.write_str("unindent does not match any outer indentation level"),
            TabSpace => f.write_str("inconsistent use of tabs and spaces in indentation"),
            TooDeep => f.write_str("too many levels of indentation"),
            NullBytes => f.write_str("source code cannot contain null bytes"),
            Encoding(message) => f.write_str(message),
        }
    }
}

/// A lexing error with the position CPython reports for it.
///
/// `lineno` and `offset` are the `SyntaxError` attributes of the same names: a 1-based line and
/// CPython's `offset` for this error, counted in characters (which for most errors is the 1-based
/// column just past the offending character, and for indentation errors the length of the line
/// plus one, exactly as CPython computes them).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LexError {
    pub kind: LexErrorKind,
    pub lineno: u32,
    pub offset: u32,
    /// Byte offset in the source where the error was detected.
    pub byte: u32,
}

impl LexError {
    pub fn exception_type(&self) -> ExceptionType {
        self.kind.exception_type()
    }
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {}, offset {})",
            self.exception_type().name(),
            self.kind,
            self.lineno,
            self.offset
        )
    }
}

impl std::error::Error for LexError {}
