//! CPython's second pass, for a parse that failed at a token: its `invalid_*` grammar rules give
//! a friendlier message than "invalid syntax" for common mistakes. An LR parser cannot rerun
//! itself with extra rules, so this module recognises the same shapes on the tokens around the
//! failure, checking them in the order CPython's rules would fire, with CPython's messages and
//! positions. What none of them recognises stays CPython's generic "invalid syntax".
//!
//! The tokens are gathered again (lexing is cheap next to an error report): the parse itself
//! keeps no history.

use taipan_ast::{LineIndex, TextRange};
use taipan_lexer::TokenKind;

use crate::ParseError;
use crate::error::SyntaxErr;
use crate::tokens::{Spanned, Tok, TokenStream};

mod expressions;
mod statements;

use expressions::*;
use statements::*;

/// The tokens of a source, for diagnosis.
pub(super) struct Tokens<'s> {
    source: &'s str,
    list: Vec<Spanned>,
}

pub(super) const LPAR: Tok = Tok::Op(TokenKind::Lpar);
pub(super) const RPAR: Tok = Tok::Op(TokenKind::Rpar);
pub(super) const LSQB: Tok = Tok::Op(TokenKind::Lsqb);
pub(super) const RSQB: Tok = Tok::Op(TokenKind::Rsqb);
pub(super) const LBRACE: Tok = Tok::Op(TokenKind::Lbrace);
pub(super) const RBRACE: Tok = Tok::Op(TokenKind::Rbrace);
pub(super) const COLON: Tok = Tok::Op(TokenKind::Colon);
pub(super) const COMMA: Tok = Tok::Op(TokenKind::Comma);
pub(super) const EQUAL: Tok = Tok::Op(TokenKind::Equal);

pub(super) fn is_open(tok: Tok) -> bool {
    matches!(tok, LPAR | LSQB | LBRACE | Tok::WithLpar)
}

pub(super) fn is_close(tok: Tok) -> bool {
    matches!(tok, RPAR | RSQB | RBRACE)
}

/// A token that can begin an expression.
pub(super) fn starts_expr(tok: Tok) -> bool {
    matches!(
        tok,
        Tok::Name
            | Tok::Number
            | Tok::String
            | Tok::FStringStart
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Lambda
            | Tok::Not
            | Tok::Await
            | Tok::Match
            | Tok::Case
            | Tok::Type
            | LPAR
            | LSQB
            | LBRACE
            | Tok::Op(TokenKind::Minus | TokenKind::Plus | TokenKind::Tilde | TokenKind::Ellipsis)
    )
}

/// A token that can end an expression.
pub(super) fn ends_expr(tok: Tok) -> bool {
    matches!(
        tok,
        Tok::Name
            | Tok::Number
            | Tok::String
            | Tok::FStringEnd
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Match
            | Tok::Case
            | Tok::Type
            | RPAR
            | RSQB
            | RBRACE
            | Tok::Op(TokenKind::Ellipsis)
    )
}

/// Tokens that end a statement line.
pub(super) fn is_line_end(tok: Tok) -> bool {
    matches!(
        tok,
        Tok::Newline | Tok::EndMarker | Tok::Indent | Tok::Dedent | Tok::StartModule
    )
}

impl<'s> Tokens<'s> {
    fn gather(source: &'s str, type_comments: bool) -> Tokens<'s> {
        let mut stream = TokenStream::new(source, Tok::StartModule, type_comments);
        let mut list = Vec::new();
        for token in stream.by_ref() {
            match token {
                Ok(t) => {
                    let end = t.1 == Tok::EndMarker;
                    list.push(t);
                    if end {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        Tokens { source, list }
    }

    fn tok(&self, i: usize) -> Tok {
        self.list.get(i).map_or(Tok::EndMarker, |t| t.1)
    }

    fn text(&self, i: usize) -> &'s str {
        self.list
            .get(i)
            .map_or("", |t| &self.source[t.0 as usize..t.2 as usize])
    }

    fn start(&self, i: usize) -> u32 {
        self.list.get(i).map_or(self.source.len() as u32, |t| t.0)
    }

    fn end(&self, i: usize) -> u32 {
        self.list.get(i).map_or(self.source.len() as u32, |t| t.2)
    }

    /// Index of the first token of the statement line holding token `i`.
    fn line_start(&self, i: usize) -> usize {
        let mut j = i;
        let mut depth = 0i32;
        while j > 0 {
            let t = self.tok(j - 1);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                depth -= 1;
            } else if depth <= 0 && (is_line_end(t) || t == Tok::Op(TokenKind::Semi)) {
                break;
            }
            j -= 1;
        }
        j
    }

    /// The innermost bracket open at token `i`, if any.
    fn enclosing_open(&self, i: usize) -> Option<usize> {
        let mut depth = 0i32;
        let mut j = i;
        while j > 0 {
            j -= 1;
            let t = self.tok(j);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                if depth == 0 {
                    return Some(j);
                }
                depth -= 1;
            } else if depth == 0 && is_line_end(t) {
                return None;
            }
        }
        None
    }

    /// Start of the `disjunction` that ends at token `last` (inclusive): back to the nearest
    /// separator at the same bracket depth.
    fn disjunction_start(&self, last: usize) -> usize {
        let mut depth = 0i32;
        let mut j = last + 1;
        while j > 0 {
            let t = self.tok(j - 1);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if depth == 0 {
                let separator = matches!(
                    t,
                    COMMA
                        | COLON
                        | EQUAL
                        | Tok::If
                        | Tok::Else
                        | Tok::For
                        | Tok::Lambda
                        | Tok::Yield
                        | Tok::Return
                        | Tok::Assert
                        | Tok::Del
                        | Tok::Import
                        | Tok::From
                        | Tok::As
                        | Tok::Elif
                        | Tok::While
                        | Tok::With
                        | Tok::Op(
                            TokenKind::ColonEqual
                                | TokenKind::Rarrow
                                | TokenKind::Semi
                                | TokenKind::PlusEqual
                                | TokenKind::MinEqual
                                | TokenKind::StarEqual
                                | TokenKind::SlashEqual
                        )
                ) || is_line_end(t);
                // A star that is not a binary operator starts a starred item.
                let unary_star = matches!(t, Tok::Op(TokenKind::Star | TokenKind::DoubleStar))
                    && (j < 2 || !ends_expr(self.tok(j - 2)));
                if separator || unary_star {
                    break;
                }
                // `in` after `for x` is the comprehension's, not a comparison.
                if t == Tok::In && self.comprehension_in(j - 1) {
                    break;
                }
            }
            j -= 1;
        }
        j
    }

    /// Whether the `in` at `i` belongs to a `for … in` at the same depth.
    fn comprehension_in(&self, i: usize) -> bool {
        let mut depth = 0i32;
        let mut j = i;
        while j > 0 {
            j -= 1;
            let t = self.tok(j);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                if depth == 0 {
                    return false;
                }
                depth -= 1;
            } else if depth == 0 {
                match t {
                    Tok::For => return true,
                    COMMA | Tok::In | Tok::If => return false,
                    t if is_line_end(t) => return false,
                    _ => {}
                }
            }
        }
        false
    }

    /// Index of the last token of the expression starting at `first`: forward to a separator at
    /// the same depth, or to where a new expression begins right after a complete one.
    fn expression_end(&self, first: usize, stop_at_ternary: bool) -> usize {
        let mut depth = 0i32;
        let mut lambdas = 0;
        let mut j = first;
        let mut last = first;
        while j < self.list.len() {
            let t = self.tok(j);
            if j > first
                && depth == 0
                && starts_expr(t)
                && ends_expr(self.tok(j - 1))
                && !is_open(t)
            {
                break;
            }
            // A lambda's own `:` does not end the expression.
            if depth == 0 && t == Tok::Lambda {
                lambdas += 1;
            }
            if depth == 0 && t == COLON && lambdas > 0 {
                lambdas -= 1;
                last = j;
                j += 1;
                continue;
            }
            if is_open(t) {
                depth += 1;
            } else if is_close(t) {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if depth == 0 {
                let stop = matches!(t, COMMA | COLON | EQUAL | Tok::For | Tok::Async | Tok::As)
                    || matches!(t, Tok::Op(TokenKind::ColonEqual | TokenKind::Semi))
                    || (stop_at_ternary && matches!(t, Tok::If | Tok::Else))
                    || is_line_end(t)
                    || t == Tok::TypeComment;
                if stop {
                    break;
                }
            }
            last = j;
            j += 1;
        }
        last
    }

    /// Index of the last token of the `bitwise_or` starting at `first`.
    fn bitwise_or_end(&self, first: usize) -> usize {
        let mut depth = 0i32;
        let mut j = first;
        let mut last = first;
        while j < self.list.len() {
            let t = self.tok(j);
            if is_open(t) {
                depth += 1;
            } else if is_close(t) {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if depth == 0 && j > first {
                let continues = matches!(
                    t,
                    Tok::Op(
                        TokenKind::Vbar
                            | TokenKind::Circumflex
                            | TokenKind::Amper
                            | TokenKind::LeftShift
                            | TokenKind::RightShift
                            | TokenKind::Plus
                            | TokenKind::Minus
                            | TokenKind::Star
                            | TokenKind::Slash
                            | TokenKind::DoubleSlash
                            | TokenKind::Percent
                            | TokenKind::At
                            | TokenKind::DoubleStar
                            | TokenKind::Tilde
                            | TokenKind::Dot
                    )
                ) || (starts_expr(t) && !ends_expr(self.tok(j - 1)))
                    || (is_open(t));
                if !continues && (!ends_expr(t) || ends_expr(self.tok(j - 1))) {
                    break;
                }
                if starts_expr(t) && ends_expr(self.tok(j - 1)) && !is_open(t) {
                    break;
                }
            }
            last = j;
            j += 1;
        }
        last
    }

    fn error(
        &self,
        first: usize,
        last: usize,
        message: impl Into<String>,
        index: &LineIndex,
    ) -> ParseError {
        SyntaxErr::new(TextRange::new(self.start(first), self.end(last)), message)
            .into_parse_error(self.source, index)
    }
}

/// The friendlier error for a parse that failed at the token starting at `at` (of kind `tok`),
/// if CPython has one; `expected` is what the grammar would have accepted there.
pub(crate) fn diagnose(
    source: &str,
    type_comments: bool,
    at: u32,
    tok: Tok,
    expected: &[String],
    index: &LineIndex,
) -> Option<ParseError> {
    let tokens = Tokens::gather(source, type_comments);
    let i = tokens.list.iter().position(|t| t.0 == at && t.1 == tok)?;
    indented_block(&tokens, i, index)
        .or_else(|| fstring_field(&tokens, i, index))
        .or_else(|| empty_type_params(&tokens, i, index))
        .or_else(|| type_param_bound(&tokens, i, index))
        .or_else(|| def_type_params(&tokens, i, index))
        .or_else(|| return_annotation(&tokens, i, index))
        .or_else(|| dict_starred_value(&tokens, i, index))
        .or_else(|| def_parameters(&tokens, i, index))
        .or_else(|| call_arguments(&tokens, i, index))
        .or_else(|| comprehension_element(&tokens, i, index))
        .or_else(|| conditional_without_else(&tokens, i, index))
        .or_else(|| not_after_operator(&tokens, i, index))
        .or_else(|| delete_target(&tokens, i, index))
        .or_else(|| import_reversed(&tokens, i, index))
        .or_else(|| pattern_target(&tokens, i, index))
        .or_else(|| except_star_without_type(&tokens, i, index))
        .or_else(|| missing_except(&tokens, i, expected, index))
        .or_else(|| stray_colon(&tokens, i, index))
        .or_else(|| except_comma(&tokens, i, index))
        .or_else(|| expected_colon(&tokens, i, expected, index))
        .or_else(|| empty_type_params(&tokens, i, index))
        .or_else(|| fstring_empty_expression(&tokens, i, index))
        .or_else(|| annotated_tuple(&tokens, i, index))
        .or_else(|| walrus_target(&tokens, i, index))
        .or_else(|| starred_group(&tokens, i, index))
        .or_else(|| dict_entry(&tokens, i, index))
        .or_else(|| import_names(&tokens, i, index))
        .or_else(|| legacy_print(&tokens, i, index))
        .or_else(|| keyword_argument(&tokens, i, index))
        .or_else(|| assignment_in_expression(&tokens, i, index))
        .or_else(|| comprehension_target(&tokens, i, index))
        .or_else(|| forgot_comma(&tokens, i, index))
}

/// Index of the bracket closing the one opened at `open`.
pub(super) fn matching_close(tokens: &Tokens<'_>, open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for k in open..tokens.list.len() {
        let t = tokens.tok(k);
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
            if depth == 0 {
                return Some(k);
            }
        } else if is_line_end(t) {
            return None;
        }
    }
    None
}

/// A rough `_PyPegen_get_expr_name` from tokens: what the expression `first..=last` is.
pub(super) fn target_name(tokens: &Tokens<'_>, first: usize, last: usize) -> &'static str {
    if tokens.tok(first) == Tok::Lambda {
        return "lambda";
    }
    let (mut depth, mut conditional, mut boolean, mut comparison, mut binary) =
        (0i32, false, false, false, false);
    for k in first..=last {
        let t = tokens.tok(k);
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
        } else if depth == 0 && k > first {
            match t {
                Tok::If => conditional = true,
                Tok::And | Tok::Or => boolean = true,
                Tok::In | Tok::Is => comparison = true,
                Tok::Not if tokens.tok(k + 1) == Tok::In => comparison = true,
                Tok::Op(
                    TokenKind::Less
                    | TokenKind::Greater
                    | TokenKind::EqEqual
                    | TokenKind::NotEqual
                    | TokenKind::LessEqual
                    | TokenKind::GreaterEqual,
                ) => comparison = true,
                Tok::Op(kind) if kind != TokenKind::Dot => binary = true,
                _ => {}
            }
        }
    }
    if conditional {
        return "conditional expression";
    }
    if boolean || tokens.tok(first) == Tok::Not {
        return "expression";
    }
    if comparison {
        return "comparison";
    }
    if binary
        || matches!(
            tokens.tok(first),
            Tok::Op(TokenKind::Minus | TokenKind::Plus | TokenKind::Tilde)
        )
    {
        return "expression";
    }
    if tokens.tok(first) == Tok::Await {
        return "await expression";
    }
    if is_open(tokens.tok(first)) && matching_close(tokens, first) == Some(last) {
        let has_comma = (first + 1..last)
            .any(|k| tokens.tok(k) == COMMA && tokens.enclosing_open(k) == Some(first));
        let has_for = (first + 1..last)
            .any(|k| tokens.tok(k) == Tok::For && tokens.enclosing_open(k) == Some(first));
        return match tokens.tok(first) {
            LPAR if has_for => "generator expression",
            LPAR if has_comma || last == first + 1 => "tuple",
            LPAR => target_name(tokens, first + 1, last - 1),
            LSQB if has_for => "list comprehension",
            LSQB => "list",
            _ if has_for => "dict comprehension",
            _ if last == first + 1 || (first + 1..last).any(|k| tokens.tok(k) == COLON) => {
                "dict literal"
            }
            _ => "set display",
        };
    }
    match tokens.tok(last) {
        RPAR if last > first => "function call",
        RSQB if last > first => "subscript",
        Tok::Name if last > first && tokens.tok(last - 1) == Tok::Op(TokenKind::Dot) => "attribute",
        Tok::Name => "name",
        Tok::Number | Tok::String | Tok::FStringEnd if tokens.tok(first) == Tok::FStringStart => {
            "f-string expression"
        }
        Tok::Number | Tok::String | Tok::FStringEnd => "literal",
        Tok::True => "True",
        Tok::False => "False",
        Tok::None => "None",
        Tok::Op(TokenKind::Ellipsis) => "ellipsis",
        _ => "expression",
    }
}
