//! Targets: expressions given a Store or Del context, with CPython's messages for what cannot
//! be assigned to or deleted (`_PyPegen_get_expr_name` and `RAISE_SYNTAX_ERROR_INVALID_TARGET`).

use taipan_ast::*;

use super::{Ctx, PError, PResult, user_error};

/// How CPython names an expression in "cannot assign to …" messages.
pub(crate) fn expr_name(expr: &Expr<'_>) -> &'static str {
    match expr {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::GeneratorExp(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::JoinedStr(_) | Expr::FormattedValue(_) => "f-string expression",
        Expr::Constant(c) => match c.value {
            ConstantValue::None => "None",
            ConstantValue::True => "True",
            ConstantValue::False => "False",
            ConstantValue::Ellipsis => "ellipsis",
            _ => "literal",
        },
        Expr::Compare(_) => "comparison",
        Expr::IfExp(_) => "conditional expression",
        Expr::NamedExpr(_) => "named expression",
        Expr::Slice(_) => "slice",
    }
}

/// The first part of a would-be target that cannot be one (`_PyPegen_get_invalid_target`).
pub(crate) fn invalid_target<'e, 'a>(expr: &'e Expr<'a>, del: bool) -> Option<&'e Expr<'a>> {
    match expr {
        Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => None,
        Expr::Starred(s) if !del => invalid_target(&s.value, del),
        Expr::List(l) => l.elts.iter().find_map(|e| invalid_target(e, del)),
        Expr::Tuple(t) => t.elts.iter().find_map(|e| invalid_target(e, del)),
        Expr::Compare(c) if !del => {
            // `for x in y in z`: CPython blames the left side when the comparison is `in`.
            if c.ops.first() == Some(&CmpOperator::In) {
                invalid_target(&c.left, del)
            } else {
                Some(expr)
            }
        }
        _ => Some(expr),
    }
}

fn set_ctx(expr: &mut Expr<'_>, ctx: ExprContext) {
    match expr {
        Expr::Name(n) => n.ctx = ctx,
        Expr::Attribute(a) => a.ctx = ctx,
        Expr::Subscript(s) => s.ctx = ctx,
        Expr::Starred(s) => {
            s.ctx = ctx;
            set_ctx(&mut s.value, ctx);
        }
        Expr::List(l) => {
            l.ctx = ctx;
            for e in l.elts.iter_mut() {
                set_ctx(e, ctx);
            }
        }
        Expr::Tuple(t) => {
            t.ctx = ctx;
            for e in t.elts.iter_mut() {
                set_ctx(e, ctx);
            }
        }
        _ => {}
    }
}

impl<'a> Ctx<'a> {
    /// An assignment target (`star_targets`): Store context, or CPython's error.
    pub fn store(&self, mut expr: Expr<'a>) -> PResult<Expr<'a>> {
        if let Some(bad) = invalid_target(&expr, false) {
            return user_error(bad.range(), format!("cannot assign to {}", expr_name(bad)));
        }
        set_ctx(&mut expr, ExprContext::Store);
        Ok(expr)
    }

    /// A target of an `=` assignment: as [`Ctx::store`], with the messages of CPython's
    /// `invalid_assignment` rule.
    pub fn assign_target(&self, expr: Expr<'a>) -> PResult<Expr<'a>> {
        if matches!(expr, Expr::Yield(_) | Expr::YieldFrom(_)) {
            return user_error(expr.range(), "assignment to yield expression not possible");
        }
        self.store(expr)
    }

    /// A `del` target: Del context, or CPython's error.
    pub fn del_target(&self, mut expr: Expr<'a>) -> PResult<Expr<'a>> {
        if let Some(bad) = invalid_target(&expr, true) {
            return user_error(bad.range(), format!("cannot delete {}", expr_name(bad)));
        }
        set_ctx(&mut expr, ExprContext::Del);
        Ok(expr)
    }
}

/// Whether `expr` was written inside its own parentheses (a group).
fn parenthesized(expr: &Expr<'_>, source: &str) -> bool {
    let range = expr.range();
    let before = source[..range.start as usize].trim_end();
    let after = source[range.end as usize..].trim_start();
    before.ends_with('(') && after.starts_with(')')
}

/// Whether `expr` is what CPython's `bitwise_or` rule reads (no comparison, `not`, boolean
/// operator, conditional, lambda, walrus, star or bare tuple at the top), parentheses aside.
fn is_bitwise_or(expr: &Expr<'_>, source: &str) -> bool {
    match expr {
        Expr::BoolOp(_)
        | Expr::Compare(_)
        | Expr::IfExp(_)
        | Expr::Lambda(_)
        | Expr::NamedExpr(_)
        | Expr::Starred(_)
        | Expr::Yield(_)
        | Expr::YieldFrom(_) => parenthesized(expr, source),
        Expr::UnaryOp(u) if u.op == UnaryOperator::Not => parenthesized(expr, source),
        Expr::Tuple(t) => source.as_bytes().get(t.range.start as usize) == Some(&b'('),
        _ => true,
    }
}

/// The expression a source text starts with: the leftmost operand, down the tree.
fn leftmost<'e, 'a>(expr: &'e Expr<'a>, source: &str) -> &'e Expr<'a> {
    let mut e = expr;
    loop {
        if parenthesized(e, source) {
            return e;
        }
        e = match e {
            Expr::BinOp(b) => &b.left,
            Expr::BoolOp(b) => &b.values[0],
            Expr::Compare(c) => &c.left,
            Expr::IfExp(i) => &i.body,
            Expr::Attribute(a) => &a.value,
            Expr::Subscript(s) => &s.value,
            Expr::Call(c) => &c.func,
            Expr::Tuple(t)
                if source.as_bytes().get(t.range.start as usize) != Some(&b'(')
                    && !t.elts.is_empty() =>
            {
                &t.elts[0]
            }
            _ => return e,
        };
    }
}

impl<'a> Ctx<'a> {
    /// `f() = 1`: CPython's `invalid_named_expression` reads a lone `bitwise_or = bitwise_or`
    /// before its assignment rules, and words the error "cannot assign to function call here.
    /// Maybe you meant '==' instead of '='?", at the whole left side.
    pub fn assign_here_error(&self, target: &Expr<'a>, value: &Expr<'a>) -> Option<PError> {
        // In an unparenthesized tuple, CPython's rule reads the last item as `bitwise_or`.
        let target = match target {
            Expr::Tuple(t) if self.source.as_bytes().get(t.range.start as usize) != Some(&b'(') => {
                t.elts.last()?
            }
            _ => target,
        };
        invalid_target(target, false)?;
        if !is_bitwise_or(target, self.source) {
            return None;
        }
        let start = leftmost(target, self.source);
        let excluded = match start {
            Expr::List(_) | Expr::GeneratorExp(_) => true,
            Expr::Tuple(t) => self.source.as_bytes().get(t.range.start as usize) == Some(&b'('),
            Expr::Constant(c) => {
                matches!(
                    c.value,
                    ConstantValue::True | ConstantValue::False | ConstantValue::None
                ) && !parenthesized(start, self.source)
            }
            _ => false,
        };
        if excluded {
            return None;
        }
        let value_start = leftmost(value, self.source);
        let value_ok = !matches!(
            value_start,
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Lambda(_) | Expr::Starred(_)
        ) && !matches!(value_start, Expr::UnaryOp(u) if u.op == UnaryOperator::Not)
            || parenthesized(value_start, self.source);
        if !value_ok {
            return None;
        }
        Some(PError::User {
            error: crate::error::SyntaxErr::new(
                target.range(),
                format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    expr_name(target)
                ),
            ),
        })
    }
}
