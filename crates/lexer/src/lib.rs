//! # taipan-lexer: Python 3.13 source to tokens, exactly as CPython 3.13 tokenizes it
//!
//! The first stage of Taipan's pipeline. It models **Python 3.13** (the tokens, token numbers,
//! error messages and positions of CPython 3.13's tokenizer) and its token format is
//! [`FORMAT_VERSION`]; a change to [`Token`] or [`TokenKind`] is a semver change of this crate.
//!
//! **For:** turning decoded source text into tokens, with byte ranges, for a parser; and producing
//! the token stream of CPython's `tokenize` module (line/column positions, COMMENT and NL tokens,
//! its text form) for tools and snapshot tests. **Not for:** parsing, or evaluating literals (a
//! STRING token's text is left raw, escapes and all).
//!
//! One lexer, two views:
//! - [`Lexer`] in [`Mode::Parser`] yields what the parser consumes: significant tokens (iterate
//!   with [`parser_tokens`]) as [`Token`]s, twelve bytes each, kind plus byte range; the lexer
//!   allocates nothing per token.
//! - [`Tokenize`] yields what `tokenize.generate_tokens` yields, as [`TokenInfo`]s, whose
//!   `Display` is the line `python -m tokenize` prints.
//!
//! Bad input yields a [`LexError`]: CPython's exception class, message and position.
//!
//! ```
//! use taipan_lexer::{TokenKind, parser_tokens};
//!
//! let source = "if x:\n    y = 1  # comment\n";
//! let kinds: Vec<TokenKind> = parser_tokens(source).map(|t| t.unwrap().kind).collect();
//! assert_eq!(kinds, [
//!     TokenKind::Name, TokenKind::Name, TokenKind::Colon, TokenKind::Newline,
//!     TokenKind::Indent, TokenKind::Name, TokenKind::Equal, TokenKind::Number, TokenKind::Newline,
//!     TokenKind::Dedent, TokenKind::EndMarker,
//! ]);
//!
//! // The `tokenize` view, as `python3.13 -m tokenize -e` prints it.
//! let lines: Vec<String> = taipan_lexer::Tokenize::new("x = 'a'\n")
//!     .map(|t| t.unwrap().display(true).to_string())
//!     .collect();
//! assert_eq!(lines[2].trim_end(), "1,4-1,7:            STRING         \"'a'\"");
//! ```

mod error;
mod fstring;
mod lexer;
mod number;
mod raw;
pub mod source;
mod token;
pub mod tokenize;
mod unicode;

pub use error::{ExceptionType, LexError, LexErrorKind, NumberKind};
pub use lexer::{LexWarning, Lexer, Mode};
pub use token::{Token, TokenKind};
pub use tokenize::{TokenInfo, Tokenize, python_repr};

/// The Python version whose tokenizer this crate reproduces.
pub const PYTHON_VERSION: (u8, u8) = (3, 13);

/// The version of this crate's token format ([`Token`], [`TokenKind`] numbering).
pub const FORMAT_VERSION: u32 = 1;

/// The tokens the parser consumes: no COMMENT or NL tokens, CPython's strict checks.
pub fn parser_tokens(source: &str) -> impl Iterator<Item = Result<Token, LexError>> + '_ {
    Lexer::new(source, Mode::Parser).filter(|t| !matches!(t, Ok(token) if token.kind.is_trivia()))
}
