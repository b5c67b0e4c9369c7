//! Diagnoses about statements: blocks and headers, imports, `try`/`except`, `del`,
//! parameter lists, type parameters and patterns.

use taipan_ast::LineIndex;
use taipan_lexer::{ExceptionType, TokenKind};

use super::*;
use crate::ParseError;
use crate::error::{char_position, line_text};
use crate::errors::{TokenEnd, positionless_token};
use crate::tokens::Tok;

/// The keyword naming a compound statement whose header starts at token `first`, and the
/// index of that keyword.
pub(super) fn header(tokens: &Tokens<'_>, first: usize) -> Option<(String, usize)> {
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
pub(super) fn indented_block(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
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
    // DEDENTs at the end of the input come from the tokenizer's end: it stands past the input.
    let at_end =
        (i..tokens.list.len()).all(|k| matches!(tokens.tok(k), Tok::Dedent | Tok::EndMarker));
    let mut error = match tokens.tok(i) {
        Tok::EndMarker => positionless_token(TokenEnd::EndOfInput, &message, tokens.source, index),
        Tok::Dedent if at_end => {
            positionless_token(TokenEnd::EndOfInput, &message, tokens.source, index)
        }
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
pub(super) fn expected_colon(
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
    // Inside the parameter list a `:` is an annotation, not the header's colon.
    if !(forced || newline) || tokens.enclosing_open(i).is_some() {
        return None;
    }
    if tokens.tok(keyword) == Tok::Lambda {
        return None;
    }
    Some(tokens.error(i, i, "expected ':'", index))
}

/// `import` or `from x import` with nothing after.
pub(super) fn import_names(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
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
            warnings: Vec::new(),
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

/// A `try` block followed by neither `except` nor `finally`.
pub(super) fn missing_except(
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
pub(super) fn except_comma(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
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
    let message = "multiple exception types must be parenthesized";
    let mut error = tokens.error(start, k, message, index);
    error.end_offset = error.end_offset.map(|e| e - 1);
    Some(error)
}

/// `def f[]()`: "Type parameter list cannot be empty", from the `]` to past it.
pub(super) fn empty_type_params(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
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
    // The end is where the tokenizer stands: past the `]` for a `def` or `class`, past the
    // token after it for a `type` alias (whose rule looks one token further).
    let last = if owner == Tok::Type { i + 1 } else { i };
    let mut error = tokens.error(i, last, "Type parameter list cannot be empty", index);
    error.end_offset = error.end_offset.map(|e| e - 1);
    Some(error)
}

/// `a, b: int`: "only single target (not tuple) can be annotated", at the first target.
pub(super) fn annotated_tuple(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
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

/// `def f[…]` whose type parameters do not parse: CPython skips the optional list and then
/// forces `(`: "expected '('" at the `[`, unless a `*T: bound` or `**P: bound` is the problem.
pub(super) fn def_type_params(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    let first = tokens.line_start(i);
    let def = if tokens.tok(first) == Tok::Async {
        first + 1
    } else {
        first
    };
    if tokens.tok(def) != Tok::Def || tokens.tok(def + 2) != LSQB {
        return None;
    }
    let open = def + 2;
    let close = matching_close(tokens, open).unwrap_or(usize::MAX);
    if i <= open || i > close {
        return None;
    }
    Some(tokens.error(open, open, "expected '('", index))
}

/// Parameter-list errors CPython words itself.
pub(super) fn def_parameters(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    let first = tokens.line_start(i);
    let def = if tokens.tok(first) == Tok::Async {
        first + 1
    } else {
        first
    };
    let lambda = (first..i).rev().find(|&k| {
        tokens.tok(k) == Tok::Lambda && tokens.enclosing_open(k) == tokens.enclosing_open(i)
    });
    let in_def = tokens.tok(def) == Tok::Def;
    if in_def && i == def + 2 && !matches!(tokens.tok(i), LPAR | LSQB) {
        return Some(tokens.error(i, i, "expected '('", index));
    }
    let (list_start, lambda_form) = match lambda {
        Some(l) => (l, true),
        None if in_def => {
            let open = (def + 1..i).find(|&k| tokens.tok(k) == LPAR)?;
            // The failure is in the parameter list, or one bracket inside it.
            let inner = tokens.enclosing_open(i);
            if inner != Some(open) && inner.and_then(|o| tokens.enclosing_open(o)) != Some(open) {
                return None;
            }
            (open, false)
        }
        None => return None,
    };
    let t = tokens.tok(i);
    let previous = tokens.tok(i - 1);
    // `def f(a=)`: "expected default value expression", at the `=`.
    if previous == EQUAL && !lambda_form && matches!(t, COMMA | RPAR) && i - 1 > list_start {
        return Some(tokens.error(i - 1, i - 1, "expected default value expression", index));
    }
    // `def f(a, /*)`: "expected comma between / and *".
    if previous == Tok::Op(TokenKind::Slash) && t == Tok::Op(TokenKind::Star) {
        return Some(tokens.error(i, i, "expected comma between / and *", index));
    }
    // `def f((a, b))`: parenthesized parameters.
    let open = if t == LPAR {
        Some(i)
    } else {
        tokens.enclosing_open(i).filter(|&o| o > list_start)
    };
    if let Some(open) = open
        && tokens.tok(open) == LPAR
        && (open == list_start + 1 || matches!(tokens.tok(open - 1), COMMA))
    {
        let close = matching_close(tokens, open)?;
        let message = if lambda_form {
            "Lambda expression parameters cannot be parenthesized"
        } else {
            "Function parameters cannot be parenthesized"
        };
        return Some(tokens.error(open, close, message, index));
    }
    None
}

/// `del a < b`: "cannot delete comparison", at the whole target.
pub(super) fn delete_target(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    let first = tokens.line_start(i);
    if tokens.tok(first) != Tok::Del {
        return None;
    }
    let mut start = first + 1;
    for k in first + 1..i {
        if tokens.tok(k) == COMMA && tokens.enclosing_open(k).is_none() {
            start = k + 1;
        }
    }
    if start > i || !starts_expr(tokens.tok(start)) {
        return None;
    }
    let end = tokens.expression_end(start, false);
    let name = target_name(tokens, start, end);
    if matches!(name, "name" | "attribute" | "subscript" | "tuple" | "list") {
        return None;
    }
    Some(tokens.error(start, end, format!("cannot delete {name}"), index))
}

/// `import a from b`: "Did you mean to use 'from ... import ...' instead?"
pub(super) fn import_reversed(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    let first = tokens.line_start(i);
    if tokens.tok(first) != Tok::Import || tokens.tok(i) != Tok::From {
        return None;
    }
    let mut end = i + 1;
    while tokens.tok(end + 1) == Tok::Op(TokenKind::Dot) && tokens.tok(end + 2) == Tok::Name {
        end += 2;
    }
    let mut e = tokens.error(
        first,
        end + 1,
        "Did you mean to use 'from ... import ...' instead?",
        index,
    );
    e.end_offset = e.end_offset.map(|x| x - 1);
    Some(e)
}

/// `case 1 as 2:`: "invalid pattern target", at the target.
pub(super) fn pattern_target(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if i == 0 || tokens.tok(i - 1) != Tok::As || tokens.tok(tokens.line_start(i)) != Tok::Case {
        return None;
    }
    if matches!(tokens.tok(i), Tok::Name) || !starts_expr(tokens.tok(i)) {
        return None;
    }
    let end = tokens.expression_end(i, false);
    let name = target_name(tokens, i, end);
    if name == "literal" || name == "expression" {
        return Some(tokens.error(i, i, "invalid pattern target", index));
    }
    Some(tokens.error(
        i,
        end,
        format!("cannot use {name} as pattern target"),
        index,
    ))
}

/// `except*:`: "expected one or more exception types".
pub(super) fn except_star_without_type(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if i < 2 || tokens.tok(i - 1) != Tok::Op(TokenKind::Star) || tokens.tok(i - 2) != Tok::Except {
        return None;
    }
    if !matches!(tokens.tok(i), COLON | Tok::Newline) {
        return None;
    }
    Some(tokens.error(i, i, "expected one or more exception types", index))
}

/// `def f[*Ts: int]`: "cannot use bound with TypeVarTuple" (or ParamSpec, or constraints),
/// from the `:` to where the tokenizer stands (past the token after the bound).
pub(super) fn type_param_bound(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    let open = tokens
        .enclosing_open(i)
        .filter(|&o| tokens.tok(o) == LSQB)?;
    let owner_ok = open >= 2
        && matches!(
            tokens.tok(open - 1),
            Tok::Name | Tok::Match | Tok::Case | Tok::Type
        )
        && matches!(tokens.tok(open - 2), Tok::Def | Tok::Class | Tok::Type);
    if !owner_ok {
        return None;
    }
    for k in open + 1..=i {
        let kind = match tokens.tok(k) {
            Tok::Op(TokenKind::Star) => "TypeVarTuple",
            Tok::Op(TokenKind::DoubleStar) => "ParamSpec",
            _ => continue,
        };
        if tokens.tok(k + 2) != COLON || tokens.enclosing_open(k) != Some(open) {
            continue;
        }
        let colon = k + 2;
        let end = tokens.expression_end(colon + 1, false);
        let constraints = tokens.tok(colon + 1) == LPAR
            && matching_close(tokens, colon + 1) == Some(end)
            && (colon + 2..end).any(|j| tokens.tok(j) == COMMA);
        let what = if constraints { "constraints" } else { "bound" };
        let mut e = tokens.error(
            colon,
            end + 1,
            format!("cannot use {what} with {kind}"),
            index,
        );
        e.end_offset = e.end_offset.map(|x| x - 1);
        return Some(e);
    }
    None
}

/// `def f() -> :`: the return annotation fails, so CPython's forced `:` fails at the `->`.
pub(super) fn return_annotation(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if i == 0 || tokens.tok(i - 1) != Tok::Op(TokenKind::Rarrow) || starts_expr(tokens.tok(i)) {
        return None;
    }
    let first = tokens.line_start(i);
    let def = if tokens.tok(first) == Tok::Async {
        first + 1
    } else {
        first
    };
    if tokens.tok(def) != Tok::Def {
        return None;
    }
    Some(tokens.error(i - 1, i - 1, "expected ':'", index))
}

/// `x in y:` (a block header without its keyword), or `f(x): pass`, `case -1: pass` outside a
/// match block (a one-line block without its keyword): the `:` cannot follow an expression that
/// is no annotation target, so CPython's first pass stops at it; its second pass reads an
/// annotation after it only to report "illegal target for annotation", which a token that
/// starts no expression (NEWLINE, `pass`...) cannot give. The error stays at the `:`, not at
/// the token after it.
pub(super) fn stray_colon(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if starts_expr(tokens.tok(i))
        || i < 2
        || tokens.tok(i - 1) != COLON
        || tokens.enclosing_open(i - 1).is_some()
    {
        return None;
    }
    let first = tokens.line_start(i - 1);
    if first >= i - 1 || header(tokens, first).is_some() || tokens.tok(first) == Tok::Lambda {
        return None;
    }
    if (first..i - 1).any(|k| {
        matches!(tokens.tok(k), EQUAL | Tok::Lambda)
            || tokens.tok(k) == COLON && tokens.enclosing_open(k).is_none()
    }) {
        return None;
    }
    let target = target_name(tokens, first, i - 2);
    if matches!(target, "name" | "attribute" | "subscript") {
        return None;
    }
    Some(tokens.error(i - 1, i - 1, "invalid syntax", index))
}
