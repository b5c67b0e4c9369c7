//! CPython's second pass, for a parse that failed at a token: its `invalid_*` grammar rules give
//! a friendlier message than "invalid syntax" for common mistakes. An LR parser cannot rerun
//! itself with extra rules, so this module recognises the same shapes on the tokens around the
//! failure, checking them in the order CPython's rules would fire, with CPython's messages and
//! positions. What none of them recognises stays CPython's generic "invalid syntax".
//!
//! The tokens are gathered again (lexing is cheap next to an error report): the parse itself
//! keeps no history.

use taipan_ast::{LineIndex, TextRange};
use taipan_lexer::{ExceptionType, TokenKind};

use crate::ParseError;
use crate::error::{SyntaxErr, char_position, line_text};
use crate::errors::{TokenEnd, positionless_token};
use crate::tokens::{Spanned, Tok, TokenStream};

/// The tokens of a source, for diagnosis.
struct Tokens<'s> {
    source: &'s str,
    list: Vec<Spanned>,
}

const LPAR: Tok = Tok::Op(TokenKind::Lpar);
const RPAR: Tok = Tok::Op(TokenKind::Rpar);
const LSQB: Tok = Tok::Op(TokenKind::Lsqb);
const RSQB: Tok = Tok::Op(TokenKind::Rsqb);
const LBRACE: Tok = Tok::Op(TokenKind::Lbrace);
const RBRACE: Tok = Tok::Op(TokenKind::Rbrace);
const COLON: Tok = Tok::Op(TokenKind::Colon);
const COMMA: Tok = Tok::Op(TokenKind::Comma);
const EQUAL: Tok = Tok::Op(TokenKind::Equal);

fn is_open(tok: Tok) -> bool {
    matches!(tok, LPAR | LSQB | LBRACE | Tok::WithLpar)
}

fn is_close(tok: Tok) -> bool {
    matches!(tok, RPAR | RSQB | RBRACE)
}

/// A token that can begin an expression.
fn starts_expr(tok: Tok) -> bool {
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
fn ends_expr(tok: Tok) -> bool {
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
fn is_line_end(tok: Tok) -> bool {
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
            if j > first && depth == 0 && is_open(t) && ends_expr(self.tok(j - 1)) {
                // A call or subscript continues the expression.
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
                if !continues && !(ends_expr(t) && !ends_expr(self.tok(j - 1))) {
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
        .or_else(|| missing_except(&tokens, i, expected, index))
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

/// The keyword naming a compound statement whose header starts at token `first`, and the
/// index of that keyword.
fn header(tokens: &Tokens<'_>, first: usize) -> Option<(String, usize)> {
    let mut k = first;
    if tokens.tok(k) == Tok::Async {
        k += 1;
    }
    let what = match tokens.tok(k) {
        Tok::If => "'if' statement".to_string(),
        Tok::Elif => "'elif' statement".to_string(),
        Tok::Else => "'else' statement".to_string(),
        Tok::While => "'while' statement".to_string(),
        Tok::For => "'for' statement".to_string(),
        Tok::With => "'with' statement".to_string(),
        Tok::Try => "'try' statement".to_string(),
        Tok::Except if tokens.tok(k + 1) == Tok::Op(TokenKind::Star) => {
            "'except*' statement".to_string()
        }
        Tok::Except => "'except' statement".to_string(),
        Tok::Finally => "'finally' statement".to_string(),
        Tok::Def => "function definition".to_string(),
        Tok::Class => "class definition".to_string(),
        Tok::Match => "'match' statement".to_string(),
        Tok::Case => "'case' statement".to_string(),
        _ => return None,
    };
    Some((what, k))
}

/// `if x:` NEWLINE then no INDENT: "expected an indented block after 'if' statement on line 1".
fn indented_block(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if i < 2 || tokens.tok(i) == Tok::Indent || tokens.tok(i - 1) != Tok::Newline {
        return None;
    }
    // The header ends with `:` (possibly followed by a type comment).
    let mut colon = i - 2;
    if tokens.tok(colon) == Tok::TypeComment && colon > 0 {
        colon -= 1;
    }
    if tokens.tok(colon) != COLON {
        return None;
    }
    let first = tokens.line_start(colon);
    let (what, keyword) = header(tokens, first)?;
    let line = index.line_col(tokens.start(keyword)).0;
    let message = format!("expected an indented block after {what} on line {line}");
    let mut error = match tokens.tok(i) {
        Tok::EndMarker => positionless_token(TokenEnd::EndOfInput, &message, tokens.source, index),
        Tok::Dedent => positionless_token(
            TokenEnd::At(tokens.start(i)),
            &message,
            tokens.source,
            index,
        ),
        _ => tokens.error(i, i, message, index),
    };
    error.exception = ExceptionType::IndentationError;
    Some(error)
}

/// A header missing its `:`: CPython says "expected ':'" where its rule forces the colon
/// (`def`, `try`, `finally`, `else`), and where a NEWLINE comes instead of it.
fn expected_colon(
    tokens: &Tokens<'_>,
    i: usize,
    expected: &[String],
    index: &LineIndex,
) -> Option<ParseError> {
    if !expected.iter().any(|e| e == "\":\"") {
        return None;
    }
    let first = tokens.line_start(i);
    let (_, keyword) = header(tokens, first)?;
    let forced = matches!(
        tokens.tok(keyword),
        Tok::Def | Tok::Try | Tok::Finally | Tok::Else
    );
    let newline = tokens.tok(i) == Tok::Newline;
    if !(forced || newline) {
        return None;
    }
    if tokens.tok(keyword) == Tok::Lambda {
        return None;
    }
    Some(tokens.error(i, i, "expected ':'", index))
}

/// `import` or `from x import` with nothing after.
fn import_names(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if tokens.tok(i) != Tok::Newline || i == 0 {
        return None;
    }
    let previous = tokens.tok(i - 1);
    if previous == Tok::Import {
        // RAISE_SYNTAX_ERROR_STARTING_FROM the NEWLINE: the end is where the tokenizer stands,
        // past the newline.
        let (lineno, offset) = char_position(tokens.source, index, tokens.start(i));
        let end = offset as i32; // the newline's own column, 1-based, is the bytes consumed
        return Some(ParseError {
            exception: ExceptionType::SyntaxError,
            message: "Expected one or more names after 'import'".to_string(),
            lineno: Some(lineno as i32),
            offset: Some(offset as i32),
            end_lineno: Some(lineno as i32),
            end_offset: Some(end),
            text: line_text(tokens.source, index, lineno),
        });
    }
    if previous == COMMA {
        let first = tokens.line_start(i);
        if tokens.tok(first) == Tok::From && !(first..i).any(|k| tokens.tok(k) == LPAR) {
            return Some(tokens.error(
                i,
                i,
                "trailing comma not allowed without surrounding parentheses",
                index,
            ));
        }
    }
    None
}

/// `print 'x'`: "Missing parentheses in call to 'print'. Did you mean print(...)?"
fn legacy_print(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if i == 0
        || tokens.tok(i - 1) != Tok::Name
        || !starts_expr(tokens.tok(i))
        || tokens.tok(i) == LPAR
    {
        return None;
    }
    let name = tokens.text(i - 1);
    if name != "print" && name != "exec" {
        return None;
    }
    // `b=star_expressions`: to the end of the expression list.
    let mut last = tokens.expression_end(i, false);
    while tokens.tok(last + 1) == COMMA && starts_expr(tokens.tok(last + 2)) {
        last = tokens.expression_end(last + 2, false);
    }
    let message = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
    Some(tokens.error(i - 1, last, message, index))
}

/// `f(a.b=1)`: "expression cannot contain assignment, perhaps you meant \"==\"?"
fn keyword_argument(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if tokens.tok(i) != EQUAL || i == 0 {
        return None;
    }
    let open = tokens.enclosing_open(i)?;
    if tokens.tok(open) != LPAR || open == 0 || !ends_expr(tokens.tok(open - 1)) {
        return None;
    }
    let start = tokens.disjunction_start(i - 1);
    if start == i || (start + 1 == i && tokens.tok(start) == Tok::Name) {
        return None;
    }
    if start + 1 == i && matches!(tokens.tok(start), Tok::True | Tok::False | Tok::None) {
        return Some(tokens.error(
            start,
            start,
            format!("cannot assign to {}", tokens.text(start)),
            index,
        ));
    }
    Some(tokens.error(
        start,
        i,
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        index,
    ))
}

/// `if x = 1:` or `[x = 1]`: an `=` where a `named_expression` is being read.
fn assignment_in_expression(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if tokens.tok(i) != EQUAL || i == 0 || !ends_expr(tokens.tok(i - 1)) {
        return None;
    }
    let start = tokens.disjunction_start(i - 1);
    if start >= i {
        return None;
    }
    // Where does the named expression sit? In a condition, or inside brackets.
    let before = if start == 0 {
        Tok::StartModule
    } else {
        tokens.tok(start - 1)
    };
    let in_condition = matches!(before, Tok::If | Tok::Elif | Tok::While);
    let in_brackets = matches!(before, LSQB | LBRACE | COMMA) && tokens.enclosing_open(i).is_some();
    if !(in_condition || in_brackets) {
        return None;
    }
    if !starts_expr(tokens.tok(i + 1)) {
        return None;
    }
    let value_end = tokens.bitwise_or_end(i + 1);
    if matches!(
        tokens.tok(value_end + 1),
        EQUAL | Tok::Op(TokenKind::ColonEqual)
    ) {
        return None;
    }
    if start + 1 == i && tokens.tok(start) == Tok::Name {
        return Some(tokens.error(
            start,
            value_end,
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            index,
        ));
    }
    if matches!(
        tokens.tok(start),
        LSQB | LPAR | Tok::True | Tok::None | Tok::False
    ) {
        return None;
    }
    let name = target_name(tokens, start, i - 1);
    Some(tokens.error(
        start,
        i - 1,
        format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
        index,
    ))
}

/// A rough `_PyPegen_get_expr_name` from tokens: what the expression `first..=last` is.
fn target_name(tokens: &Tokens<'_>, first: usize, last: usize) -> &'static str {
    let mut depth = 0i32;
    let mut binary = false;
    for k in first..=last {
        let t = tokens.tok(k);
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
        } else if depth == 0 && k > first && matches!(t, Tok::Op(kind) if kind != TokenKind::Dot) {
            binary = true;
        }
    }
    if binary {
        return "expression";
    }
    match tokens.tok(last) {
        RPAR if last > first => "function call",
        RSQB if last > first => "subscript",
        Tok::Name if last > first && tokens.tok(last - 1) == Tok::Op(TokenKind::Dot) => "attribute",
        Tok::Name => "name",
        Tok::Number | Tok::String | Tok::FStringEnd if first == last => "literal",
        Tok::True => "True",
        Tok::False => "False",
        Tok::None => "None",
        _ => "expression",
    }
}

/// `[x, y for x, y in z]`: "did you forget parentheses around the comprehension target?"
fn comprehension_target(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if !matches!(tokens.tok(i), Tok::For | Tok::Async) {
        return None;
    }
    let open = tokens.enclosing_open(i)?;
    if !matches!(tokens.tok(open), LSQB | LBRACE) {
        return None;
    }
    let mut depth = 0i32;
    let mut comma = false;
    for k in open + 1..i {
        let t = tokens.tok(k);
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
        } else if depth == 0 && t == COMMA {
            comma = true;
        }
    }
    if !comma {
        return None;
    }
    Some(tokens.error(
        open + 1,
        i - 1,
        "did you forget parentheses around the comprehension target?",
        index,
    ))
}

/// Two expressions side by side inside brackets: "invalid syntax. Perhaps you forgot a comma?"
fn forgot_comma(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if i == 0 || !starts_expr(tokens.tok(i)) || !ends_expr(tokens.tok(i - 1)) {
        return None;
    }
    tokens.enclosing_open(i)?;
    let start = tokens.disjunction_start(i - 1);
    // CPython's `!(NAME STRING | SOFT_KEYWORD)` before the first expression.
    let first = tokens.tok(start);
    if first == Tok::Name && matches!(tokens.tok(start + 1), Tok::String | Tok::FStringStart) {
        return None;
    }
    if matches!(first, Tok::Match | Tok::Case | Tok::Type)
        || (first == Tok::Name && matches!(tokens.text(start), "match" | "case" | "type" | "_"))
    {
        return None;
    }
    let last = tokens.expression_end(i, false);
    Some(tokens.error(
        start,
        last,
        "invalid syntax. Perhaps you forgot a comma?",
        index,
    ))
}

/// A `try` block followed by neither `except` nor `finally`.
fn missing_except(
    tokens: &Tokens<'_>,
    i: usize,
    expected: &[String],
    index: &LineIndex,
) -> Option<ParseError> {
    let wanted = |w: &str| expected.iter().any(|e| e == w);
    if !(wanted("\"except\"") && wanted("\"finally\""))
        || tokens.tok(i) == Tok::Op(TokenKind::Colon)
    {
        return None;
    }
    if tokens.tok(i) == Tok::EndMarker {
        let mut e = positionless_token(
            TokenEnd::EndOfInput,
            "expected 'except' or 'finally' block",
            tokens.source,
            index,
        );
        e.exception = ExceptionType::SyntaxError;
        return Some(e);
    }
    Some(tokens.error(i, i, "expected 'except' or 'finally' block", index))
}

/// `except A, B:`: "multiple exception types must be parenthesized", from the first type to
/// where the tokenizer stands (past the `:`).
fn except_comma(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if tokens.tok(i) != COMMA {
        return None;
    }
    let first = tokens.line_start(i);
    if tokens.tok(first) != Tok::Except {
        return None;
    }
    let mut start = first + 1;
    if tokens.tok(start) == Tok::Op(TokenKind::Star) {
        start += 1;
    }
    let mut k = i;
    let mut depth = 0i32;
    while k < tokens.list.len() {
        let t = tokens.tok(k);
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
        } else if depth == 0 && (t == COLON || is_line_end(t)) {
            break;
        }
        k += 1;
    }
    if tokens.tok(k) != COLON {
        return None;
    }
    let with_as = (i..k).any(|j| tokens.tok(j) == Tok::As);
    let message = if with_as {
        "multiple exception types must be parenthesized when using 'as'"
    } else {
        "multiple exception types must be parenthesized"
    };
    let mut error = tokens.error(start, k, message, index);
    error.end_offset = error.end_offset.map(|e| e - 1);
    Some(error)
}

/// `def f[]()`: "Type parameter list cannot be empty", from the `]` to past it.
fn empty_type_params(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if tokens.tok(i) != RSQB || i < 2 || tokens.tok(i - 1) != LSQB {
        return None;
    }
    let owner = tokens.tok(i - 3);
    let named = matches!(
        tokens.tok(i - 2),
        Tok::Name | Tok::Match | Tok::Case | Tok::Type
    );
    if !(named && matches!(owner, Tok::Def | Tok::Class | Tok::Type)) {
        return None;
    }
    let mut error = tokens.error(i, i, "Type parameter list cannot be empty", index);
    error.end_offset = error.end_offset.map(|e| e - 1);
    Some(error)
}

/// Whether token `i` is inside an f-string's replacement field.
fn in_fstring(tokens: &Tokens<'_>, i: usize) -> bool {
    let mut depth = 0i32;
    for k in (0..i).rev() {
        match tokens.tok(k) {
            Tok::FStringEnd => depth += 1,
            Tok::FStringStart => {
                if depth == 0 {
                    return true;
                }
                depth -= 1;
            }
            t if is_line_end(t) => return false,
            _ => {}
        }
    }
    false
}

/// `f'{}'`: "f-string: valid expression required before '}'" (or `!`, `:`, `=`).
fn fstring_empty_expression(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if i == 0 || tokens.tok(i - 1) != LBRACE || !in_fstring(tokens, i) {
        return None;
    }
    let what = match tokens.tok(i) {
        RBRACE => "}",
        COLON => ":",
        EQUAL => "=",
        Tok::Op(TokenKind::Exclamation) => "!",
        _ => return None,
    };
    Some(tokens.error(
        i,
        i,
        format!("f-string: valid expression required before '{what}'"),
        index,
    ))
}

/// `a, b: int`: "only single target (not tuple) can be annotated", at the first target.
fn annotated_tuple(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if tokens.tok(i) != COLON {
        return None;
    }
    let first = tokens.line_start(i);
    let mut depth = 0i32;
    let mut first_comma = None;
    for k in first..i {
        let t = tokens.tok(k);
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
        } else if depth == 0 && t == COMMA && first_comma.is_none() {
            first_comma = Some(k);
        } else if depth == 0 && matches!(t, EQUAL | Tok::Lambda) {
            return None;
        }
    }
    let comma = first_comma?;
    if comma == first || header(tokens, first).is_some() {
        return None;
    }
    Some(tokens.error(
        first,
        comma - 1,
        "only single target (not tuple) can be annotated",
        index,
    ))
}

/// `(a.b := 1)`: "cannot use assignment expressions with attribute", at the target.
fn walrus_target(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if tokens.tok(i) != Tok::Op(TokenKind::ColonEqual) || i == 0 || !ends_expr(tokens.tok(i - 1)) {
        return None;
    }
    let start = tokens.disjunction_start(i - 1);
    if start >= i {
        return None;
    }
    let name = target_name(tokens, start, i - 1);
    Some(tokens.error(
        start,
        i - 1,
        format!("cannot use assignment expressions with {name}"),
        index,
    ))
}

/// `(*a)`: "cannot use starred expression here", at the starred expression.
fn starred_group(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if tokens.tok(i) != RPAR {
        return None;
    }
    let open = tokens.enclosing_open(i)?;
    let star = tokens.tok(open + 1);
    if tokens.tok(open) != LPAR || !matches!(star, Tok::Op(TokenKind::Star | TokenKind::DoubleStar))
    {
        return None;
    }
    if (open + 1..i).any(|k| tokens.tok(k) == COMMA)
        || (open > 0 && ends_expr(tokens.tok(open - 1)))
    {
        return None;
    }
    if star == Tok::Op(TokenKind::DoubleStar) {
        return Some(tokens.error(
            open + 1,
            open + 1,
            "cannot use double starred expression here",
            index,
        ));
    }
    Some(tokens.error(open + 1, i - 1, "cannot use starred expression here", index))
}

/// Dict displays: `{1: }` ("expression expected after dictionary key and ':'") and
/// `{1: 2, 3}` ("':' expected after dictionary key").
fn dict_entry(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if !matches!(tokens.tok(i), RBRACE | COMMA) {
        return None;
    }
    let open = tokens.enclosing_open(i)?;
    if tokens.tok(open) != LBRACE
        || in_fstring(tokens, open) && tokens.tok(open.saturating_sub(1)) != EQUAL && false
    {
        return None;
    }
    // Is it a dict? A `:` at the top level of the braces before the failure.
    let mut depth = 0i32;
    let mut colon = false;
    for k in open + 1..i {
        let t = tokens.tok(k);
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
        } else if depth == 0 && (t == COLON || t == Tok::Op(TokenKind::DoubleStar)) {
            colon = true;
        }
    }
    if !colon {
        return None;
    }
    if tokens.tok(i - 1) == COLON {
        return Some(tokens.error(
            i - 1,
            i - 1,
            "expression expected after dictionary key and ':'",
            index,
        ));
    }
    if !ends_expr(tokens.tok(i - 1)) {
        return None;
    }
    // The key just read has no `:`. CPython: from the key's last column to an unknown end.
    let (lineno, offset) = char_position(tokens.source, index, tokens.end(i - 1));
    Some(ParseError {
        exception: ExceptionType::SyntaxError,
        message: "':' expected after dictionary key".to_string(),
        lineno: Some(lineno as i32),
        offset: Some(offset as i32 - 1),
        end_lineno: Some(lineno as i32),
        end_offset: Some(0),
        text: line_text(tokens.source, index, lineno),
    })
}
