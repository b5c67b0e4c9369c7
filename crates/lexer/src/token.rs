//! Token kinds and tokens: the lexer's output type.
//!
//! `TokenKind` numbers are CPython 3.13's own (`Lib/token.py`), so a kind converts to and from the
//! integer a `tokenize.TokenInfo.type` carries. Operators have their *exact* kind here (`Lpar`,
//! `PlusEqual`, …); the `tokenize` view reports them as `OP` unless asked for exact types.

use std::fmt;

macro_rules! token_kinds {
    ($($(#[$doc:meta])* $variant:ident = $num:literal => $name:literal $(, $text:literal)?;)*) => {
        /// A token's kind, numbered as CPython 3.13's `token` module numbers it.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[repr(u8)]
        pub enum TokenKind {
            $($(#[$doc])* $variant = $num,)*
        }

        impl TokenKind {
            /// Every kind, in numeric order.
            pub const ALL: &'static [TokenKind] = &[$(TokenKind::$variant,)*];

            /// The name `token.tok_name` gives this kind (`"NAME"`, `"LPAR"`, …).
            pub const fn name(self) -> &'static str {
                match self { $(TokenKind::$variant => $name,)* }
            }

            /// The fixed text of an operator or delimiter kind, if it has one.
            pub const fn text(self) -> Option<&'static str> {
                match self {
                    $($(TokenKind::$variant => Some($text),)?)*
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            /// The kind with CPython's number `n`, if there is one.
            pub fn from_number(n: u8) -> Option<TokenKind> {
                match n { $($num => Some(TokenKind::$variant),)* _ => None }
            }
        }
    };
}

token_kinds! {
    EndMarker = 0 => "ENDMARKER";
    Name = 1 => "NAME";
    Number = 2 => "NUMBER";
    String = 3 => "STRING";
    Newline = 4 => "NEWLINE";
    Indent = 5 => "INDENT";
    Dedent = 6 => "DEDENT";
    Lpar = 7 => "LPAR", "(";
    Rpar = 8 => "RPAR", ")";
    Lsqb = 9 => "LSQB", "[";
    Rsqb = 10 => "RSQB", "]";
    Colon = 11 => "COLON", ":";
    Comma = 12 => "COMMA", ",";
    Semi = 13 => "SEMI", ";";
    Plus = 14 => "PLUS", "+";
    Minus = 15 => "MINUS", "-";
    Star = 16 => "STAR", "*";
    Slash = 17 => "SLASH", "/";
    Vbar = 18 => "VBAR", "|";
    Amper = 19 => "AMPER", "&";
    Less = 20 => "LESS", "<";
    Greater = 21 => "GREATER", ">";
    Equal = 22 => "EQUAL", "=";
    Dot = 23 => "DOT", ".";
    Percent = 24 => "PERCENT", "%";
    Lbrace = 25 => "LBRACE", "{";
    Rbrace = 26 => "RBRACE", "}";
    EqEqual = 27 => "EQEQUAL", "==";
    NotEqual = 28 => "NOTEQUAL", "!=";
    LessEqual = 29 => "LESSEQUAL", "<=";
    GreaterEqual = 30 => "GREATEREQUAL", ">=";
    Tilde = 31 => "TILDE", "~";
    Circumflex = 32 => "CIRCUMFLEX", "^";
    LeftShift = 33 => "LEFTSHIFT", "<<";
    RightShift = 34 => "RIGHTSHIFT", ">>";
    DoubleStar = 35 => "DOUBLESTAR", "**";
    PlusEqual = 36 => "PLUSEQUAL", "+=";
    MinEqual = 37 => "MINEQUAL", "-=";
    StarEqual = 38 => "STAREQUAL", "*=";
    SlashEqual = 39 => "SLASHEQUAL", "/=";
    PercentEqual = 40 => "PERCENTEQUAL", "%=";
    AmperEqual = 41 => "AMPEREQUAL", "&=";
    VbarEqual = 42 => "VBAREQUAL", "|=";
    CircumflexEqual = 43 => "CIRCUMFLEXEQUAL", "^=";
    LeftShiftEqual = 44 => "LEFTSHIFTEQUAL", "<<=";
    RightShiftEqual = 45 => "RIGHTSHIFTEQUAL", ">>=";
    DoubleStarEqual = 46 => "DOUBLESTAREQUAL", "**=";
    DoubleSlash = 47 => "DOUBLESLASH", "//";
    DoubleSlashEqual = 48 => "DOUBLESLASHEQUAL", "//=";
    At = 49 => "AT", "@";
    AtEqual = 50 => "ATEQUAL", "@=";
    Rarrow = 51 => "RARROW", "->";
    Ellipsis = 52 => "ELLIPSIS", "...";
    ColonEqual = 53 => "COLONEQUAL", ":=";
    Exclamation = 54 => "EXCLAMATION", "!";
    /// An operator CPython has no exact type for: a stray character such as `$` or `?`.
    /// The parser rejects it; `tokenize` shows it as `OP`.
    Op = 55 => "OP";
    TypeIgnore = 56 => "TYPE_IGNORE";
    TypeComment = 57 => "TYPE_COMMENT";
    SoftKeyword = 58 => "SOFT_KEYWORD";
    FStringStart = 59 => "FSTRING_START";
    FStringMiddle = 60 => "FSTRING_MIDDLE";
    FStringEnd = 61 => "FSTRING_END";
    Comment = 62 => "COMMENT";
    Nl = 63 => "NL";
    ErrorToken = 64 => "ERRORTOKEN";
    Encoding = 65 => "ENCODING";
}

impl TokenKind {
    /// CPython's number for this kind.
    pub const fn number(self) -> u8 {
        self as u8
    }

    /// True for operators and delimiters, the kinds `tokenize` reports as `OP`.
    pub const fn is_operator(self) -> bool {
        let n = self as u8;
        n >= TokenKind::Lpar as u8 && n <= TokenKind::Op as u8
    }

    /// The operator kind whose fixed text is `text` (`tokenize`'s `EXACT_TOKEN_TYPES`).
    pub fn from_operator_text(text: &str) -> Option<TokenKind> {
        TokenKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.text() == Some(text))
    }

    /// True for tokens the parser never sees: comments and non-logical newlines.
    pub const fn is_trivia(self) -> bool {
        matches!(self, TokenKind::Comment | TokenKind::Nl)
    }

    /// The kind `tokenize` reports without `-e`: `OP` for every operator.
    pub const fn generic(self) -> TokenKind {
        if self.is_operator() {
            TokenKind::Op
        } else {
            self
        }
    }
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One token: its kind and its byte range in the source the lexer was given.
///
/// Twelve bytes and `Copy`: the lexer hands these out without allocating. The text is
/// `&source[start..end]`, except for the few tokens that `tokenize` shows with text of their own
/// (see [`crate::tokenize`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

const _: () = assert!(std::mem::size_of::<Token>() == 12);
const _: () = assert!(std::mem::size_of::<TokenKind>() == 1);

impl Token {
    /// The token's byte range, for slicing the source.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The token's text in `source`.
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for &kind in TokenKind::ALL {
            assert_eq!(TokenKind::from_number(kind.number()), Some(kind));
        }
        assert_eq!(TokenKind::ALL.len(), 66);
    }

    #[test]
    fn operators_are_between_lpar_and_op() {
        assert!(TokenKind::Lpar.is_operator());
        assert!(TokenKind::Exclamation.is_operator());
        assert!(!TokenKind::Dedent.is_operator());
        assert!(!TokenKind::TypeIgnore.is_operator());
        assert_eq!(TokenKind::Rarrow.generic(), TokenKind::Op);
    }
}
