//! Diagnoses about expressions: missing commas, `=` where an expression is read, calls,
//! comprehensions, displays, f-string replacement fields.

use taipan_ast::LineIndex;
use taipan_lexer::{ExceptionType, TokenKind};

use super::*;
use crate::ParseError;
use crate::error::{char_position, line_text};
use crate::tokens::Tok;

/// `print 'x'`: "Missing parentheses in call to 'print'. Did you mean print(...)?"
pub(super) fn legacy_print(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
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
pub(super) fn keyword_argument(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if tokens.tok(i) != EQUAL || i == 0 || tokens.tok(tokens.line_start(i)) == Tok::Case {
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
pub(super) fn assignment_in_expression(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    // `if (x) { y = 2 }`: CPython's second pass reads the braces after the condition as a
    // display, and stops at the `=` inside it.
    let i = if matches!(tokens.tok(i), LBRACE | LSQB) && i > 0 && ends_expr(tokens.tok(i - 1)) {
        let close = matching_close(tokens, i).unwrap_or(tokens.list.len());
        match (i + 1..close)
            .find(|&k| tokens.tok(k) == EQUAL && tokens.enclosing_open(k) == Some(i))
        {
            Some(k) if k == i + 2 && tokens.tok(i + 1) == Tok::Name => k,
            _ => return None,
        }
    } else {
        i
    };
    if tokens.tok(i) != EQUAL || i == 0 || !ends_expr(tokens.tok(i - 1)) {
        return None;
    }
    let start = tokens.disjunction_start(i - 1);
    if start >= i {
        return None;
    }
    if !reads_named_expression(tokens, start, i) {
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

/// `[x, y for x, y in z]`: "did you forget parentheses around the comprehension target?"
pub(super) fn comprehension_target(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
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
pub(super) fn forgot_comma(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if i == 0 || !starts_expr(tokens.tok(i)) || !ends_expr(tokens.tok(i - 1)) {
        return None;
    }
    let open = tokens.enclosing_open(i)?;
    let start = tokens.disjunction_start(i - 1);
    // A parameter name is no expression: `def f(a b)` is plain invalid syntax.
    if is_def_parameters(tokens, open) && matches!(tokens.tok(start.wrapping_sub(1)), LPAR | COMMA)
    {
        return None;
    }
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

/// Whether token `i` is inside an f-string's replacement field.
pub(super) fn in_fstring(tokens: &Tokens<'_>, i: usize) -> bool {
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
pub(super) fn fstring_empty_expression(
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

/// `(a.b := 1)`: "cannot use assignment expressions with attribute", at the target.
pub(super) fn walrus_target(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if tokens.tok(i) != Tok::Op(TokenKind::ColonEqual) || i == 0 || !ends_expr(tokens.tok(i - 1)) {
        return None;
    }
    let start = tokens.disjunction_start(i - 1);
    if start >= i || (start + 1 == i && tokens.tok(start) == Tok::Name) {
        return None;
    }
    // Only where CPython reads a `named_expression`: in brackets, or a condition.
    if !reads_named_expression(tokens, start, i) {
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
pub(super) fn starred_group(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if tokens.tok(i) == Tok::Op(TokenKind::DoubleStar)
        && i > 0
        && tokens.tok(i - 1) == LPAR
        && (i < 2 || !ends_expr(tokens.tok(i - 2)))
        && tokens.tok(tokens.expression_end(i + 1, false) + 1) == RPAR
    {
        return Some(tokens.error(i, i, "cannot use double starred expression here", index));
    }
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
pub(super) fn dict_entry(tokens: &Tokens<'_>, i: usize, index: &LineIndex) -> Option<ParseError> {
    if !matches!(tokens.tok(i), RBRACE | COMMA) {
        return None;
    }
    let open = tokens.enclosing_open(i)?;
    if tokens.tok(open) != LBRACE {
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
        warnings: Vec::new(),
    })
}

/// The `{` opening the f-string replacement field that holds token `i` at its top level.
pub(super) fn field_open(tokens: &Tokens<'_>, i: usize) -> Option<usize> {
    let open = tokens.enclosing_open(i)?;
    (tokens.tok(open) == LBRACE
        && open > 0
        && in_fstring(tokens, open)
        && matches!(
            tokens.tok(open - 1),
            Tok::FStringStart | Tok::FStringMiddle | RBRACE | COLON
        ))
    .then_some(open)
}

/// Errors inside an f-string replacement field (CPython's `invalid_replacement_field`).
pub(super) fn fstring_field(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    let open = field_open(tokens, i)?;
    let at_top = |k: usize| tokens.enclosing_open(k) == Some(open);
    // Where the field's parts are: the `=`, `!` and `:` at its top level.
    let (mut bang, mut colon) = (None, None);
    for k in open + 1..i {
        if !at_top(k) {
            continue;
        }
        match tokens.tok(k) {
            Tok::Op(TokenKind::Exclamation) if colon.is_none() => bang = Some(k),
            COLON if colon.is_none() => colon = Some(k),
            _ => {}
        }
    }
    let previous = tokens.tok(i - 1);
    let message = if let Some(c) = colon {
        // `lambda x: 1` inside a field: the lexer took the `:` for a format spec.
        if tokens.tok(open + 1) == Tok::Lambda && bang.is_none() {
            let mut e = tokens.error(
                open + 1,
                c,
                "f-string: lambda expressions are not allowed without parentheses",
                index,
            );
            e.exception = ExceptionType::SyntaxError;
            return Some(e);
        }
        "f-string: expecting '}', or format specs"
    } else if i == open + 1 {
        if matches!(
            tokens.tok(i),
            RBRACE | COLON | EQUAL | Tok::Op(TokenKind::Exclamation)
        ) {
            return None; // `fstring_empty_expression`
        }
        "f-string: expecting a valid expression after '{'"
    } else if previous == Tok::Op(TokenKind::Exclamation) {
        if matches!(tokens.tok(i), COLON | RBRACE) {
            "f-string: missing conversion character"
        } else {
            "f-string: invalid conversion character"
        }
    } else if bang.is_some() {
        "f-string: expecting ':' or '}'"
    } else if previous == EQUAL && at_top(i - 1) {
        "f-string: expecting '!', or ':', or '}'"
    } else if !starts_expr(tokens.tok(open + 1)) && tokens.tok(open + 1) != Tok::Yield {
        "f-string: expecting a valid expression after '{'"
    } else if starts_expr(tokens.tok(i)) && ends_expr(previous) {
        return None; // two expressions: "Perhaps you forgot a comma?"
    } else {
        "f-string: expecting '=', or '!', or ':', or '}'"
    };
    if message == "f-string: expecting a valid expression after '{'" {
        return Some(tokens.error(open + 1, open + 1, message, index));
    }
    Some(tokens.error(i, i, message, index))
}

/// Call-argument errors from CPython's `invalid_arguments` and `invalid_kwarg`.
pub(super) fn call_arguments(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    let open = tokens.enclosing_open(i)?;
    if tokens.tok(open) != LPAR || open == 0 || !ends_expr(tokens.tok(open - 1)) {
        return None;
    }
    if tokens.tok(tokens.line_start(i)) == Tok::Case {
        return None;
    }
    let t = tokens.tok(i);
    let previous = tokens.tok(i - 1);
    // `f(a=)`: "expected argument value expression", over `a=`.
    if previous == EQUAL && matches!(t, COMMA | RPAR) && tokens.tok(i - 2) == Tok::Name {
        return Some(tokens.error(i - 2, i - 1, "expected argument value expression", index));
    }

    if t == EQUAL {
        let start = tokens.disjunction_start(i - 1);
        let item_start = if start > 0
            && matches!(
                tokens.tok(start - 1),
                Tok::Op(TokenKind::Star | TokenKind::DoubleStar)
            ) {
            start - 1
        } else {
            start
        };
        match tokens.tok(item_start) {
            Tok::Op(TokenKind::DoubleStar) => {
                let end = tokens.expression_end(i + 1, false);
                return Some(tokens.error(
                    item_start,
                    end,
                    "cannot assign to keyword argument unpacking",
                    index,
                ));
            }
            Tok::Op(TokenKind::Star) => {
                let end = tokens.expression_end(i + 1, false);
                return Some(tokens.error(
                    item_start,
                    end,
                    "cannot assign to iterable argument unpacking",
                    index,
                ));
            }
            Tok::True | Tok::False | Tok::None if item_start + 1 == i => {
                let message = format!("cannot assign to {}", tokens.text(item_start));
                return Some(tokens.error(item_start, i, message, index));
            }
            _ => {}
        }
    }
    // `f(a=x for x in y)`.
    if t == Tok::For && tokens.enclosing_open(i) == Some(open) {
        let start = tokens.disjunction_start(i - 1);
        if start >= 2 && tokens.tok(start - 1) == EQUAL && tokens.tok(start - 2) == Tok::Name {
            return Some(tokens.error(
                start - 2,
                start - 1,
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                index,
            ));
        }
    }
    None
}

/// `[*a for a in b]`, `{**a for a in b}`, `[x for x y]`.
pub(super) fn comprehension_element(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    // `f(*)`, `[*]`: "Invalid star expression", at the token after the star.
    if i >= 2
        && tokens.tok(i - 1) == Tok::Op(TokenKind::Star)
        && matches!(tokens.tok(i), COMMA | RPAR | RSQB | RBRACE)
        && (is_open(tokens.tok(i - 2)) || tokens.tok(i - 2) == COMMA)
    {
        return Some(tokens.error(i, i, "Invalid star expression", index));
    }
    let open = tokens.enclosing_open(i)?;
    let star = tokens.tok(open + 1);
    if tokens.tok(i) == Tok::For && matches!(star, Tok::Op(TokenKind::Star | TokenKind::DoubleStar))
    {
        let end = i - 1;
        let message = match (tokens.tok(open), star) {
            (LBRACE, Tok::Op(TokenKind::DoubleStar)) => {
                "dict unpacking cannot be used in dict comprehension"
            }
            (_, Tok::Op(TokenKind::Star)) => "iterable unpacking cannot be used in comprehension",
            _ => return None,
        };
        let _ = end;
        let last = if star == Tok::Op(TokenKind::DoubleStar) {
            open + 1
        } else {
            open + 2
        };
        return Some(tokens.error(open + 1, last, message, index));
    }
    // `for` targets not followed by `in`.
    let for_at = (open + 1..i)
        .rev()
        .find(|&k| tokens.tok(k) == Tok::For && tokens.enclosing_open(k) == Some(open))?;
    if (for_at + 1..i).any(|k| tokens.tok(k) == Tok::In && tokens.enclosing_open(k) == Some(open)) {
        return None;
    }
    if !matches!(tokens.tok(open), LSQB | LBRACE | LPAR) || for_at + 1 == i {
        return None;
    }
    Some(tokens.error(i, i, "'in' expected after for-loop variables", index))
}

/// `x if y` with no `else`: "expected 'else' after 'if' expression", from the value to the
/// condition.
pub(super) fn conditional_without_else(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if matches!(tokens.tok(i), Tok::Else | COLON) {
        return None;
    }
    let if_at = (0..i)
        .rev()
        .take_while(|&k| !is_line_end(tokens.tok(k)))
        .find(|&k| {
            tokens.tok(k) == Tok::If && tokens.enclosing_open(k) == tokens.enclosing_open(i)
        })?;
    if if_at == 0 || !ends_expr(tokens.tok(if_at - 1)) || tokens.line_start(if_at) == if_at {
        return None;
    }
    if (if_at + 1..i).any(|k| {
        tokens.tok(k) == Tok::Else && tokens.enclosing_open(k) == tokens.enclosing_open(if_at)
    }) {
        return None;
    }
    // The `if` of a comprehension is not a conditional expression.
    if (tokens.line_start(if_at)..if_at).any(|k| {
        tokens.tok(k) == Tok::For && tokens.enclosing_open(k) == tokens.enclosing_open(if_at)
    }) {
        return None;
    }
    if is_case_guard(tokens, if_at) {
        return None;
    }
    let value = tokens.disjunction_start(if_at - 1);
    let condition_end = i - 1;
    if condition_end <= if_at {
        return None;
    }
    Some(tokens.error(
        value,
        condition_end,
        "expected 'else' after 'if' expression",
        index,
    ))
}

/// Whether the `if` at `if_at` is the guard of a case header (`case P if x`): the first `if`
/// or `:` outside brackets after the `case` keyword (patterns hold no `if`). CPython parses the
/// guard after the patterns, never as the `if` of a conditional expression, so a header without
/// its `:` is "expected ':'", not "expected 'else' after 'if' expression".
fn is_case_guard(tokens: &Tokens<'_>, if_at: usize) -> bool {
    let start = tokens.line_start(if_at);
    if tokens.tok(start) != Tok::Case {
        return false;
    }
    let mut depth = 0usize;
    for k in start + 1..if_at {
        match tokens.tok(k) {
            LPAR | LSQB | LBRACE => depth += 1,
            RPAR | RSQB | RBRACE => depth = depth.saturating_sub(1),
            Tok::If | COLON if depth == 0 => return false,
            _ => {}
        }
    }
    depth == 0
}

/// `1 + not x`: "'not' after an operator must be parenthesized".
pub(super) fn not_after_operator(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if tokens.tok(i) != Tok::Not || i == 0 || !matches!(tokens.tok(i - 1), Tok::Op(_)) {
        return None;
    }
    if matches!(
        tokens.tok(i - 1),
        LPAR | LSQB | LBRACE | COMMA | COLON | EQUAL
    ) {
        return None;
    }
    let end = tokens.bitwise_or_end(i + 1);
    Some(tokens.error(
        i,
        end,
        "'not' after an operator must be parenthesized",
        index,
    ))
}

/// `{1: *a}`: "cannot use a starred expression in a dictionary value".
pub(super) fn dict_starred_value(
    tokens: &Tokens<'_>,
    i: usize,
    index: &LineIndex,
) -> Option<ParseError> {
    if tokens.tok(i) != Tok::Op(TokenKind::Star) || i == 0 || tokens.tok(i - 1) != COLON {
        return None;
    }
    let open = tokens.enclosing_open(i)?;
    if tokens.tok(open) != LBRACE || in_fstring(tokens, open) {
        return None;
    }
    let end = tokens.bitwise_or_end(i + 1);
    Some(tokens.error(
        i,
        end,
        "cannot use a starred expression in a dictionary value",
        index,
    ))
}

/// Whether the `(` at `open` opens a `def`'s parameter list (after its name or type parameters).
fn is_def_parameters(tokens: &Tokens<'_>, open: usize) -> bool {
    if tokens.tok(open) != LPAR || open < 2 {
        return false;
    }
    let mut name = open - 1;
    if tokens.tok(name) == RSQB {
        // Skip the type parameters back to their `[`.
        let mut depth = 0i32;
        let mut k = name;
        loop {
            match tokens.tok(k) {
                t if is_close(t) => depth += 1,
                t if is_open(t) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            if k == 0 {
                return false;
            }
            k -= 1;
        }
        if k == 0 {
            return false;
        }
        name = k - 1;
    }
    name > 0 && tokens.tok(name - 1) == Tok::Def
}

/// Whether CPython reads a `named_expression` at the expression `start..i`: in a condition
/// (`if`, `elif`, `while`), or as an item in brackets (a display, a subscript, a group), but not
/// in a call's parentheses, which hold arguments.
fn reads_named_expression(tokens: &Tokens<'_>, start: usize, i: usize) -> bool {
    let before = if start == 0 {
        Tok::StartModule
    } else {
        tokens.tok(start - 1)
    };
    if matches!(before, Tok::If | Tok::Elif | Tok::While) {
        return true;
    }
    let Some(open) = tokens.enclosing_open(i) else {
        return false;
    };
    let in_call = tokens.tok(open) == LPAR && open > 0 && ends_expr(tokens.tok(open - 1));
    matches!(before, LPAR | LSQB | LBRACE | COMMA) && !in_call
}
