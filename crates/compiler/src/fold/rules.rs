//! The rewrites of one node, applied after its children were optimized: CPython 3.13's
//! `fold_unaryop`, `fold_binop`, `fold_tuple`, `fold_subscr`, `fold_iter` and `fold_compare`.
//! A node that becomes a constant keeps its own position and loses its `kind` (CPython's
//! `make_const` rewrites the node in place).

use bumpalo::Bump;
use taipan_ast::{
    BinOp, CmpOperator, Compare, Constant, ConstantValue, Expr, ExprContext, Subscript, TextRange,
    Tuple, UnaryOp, UnaryOperator, alloc,
};

use super::format::optimize_format;
use super::operators::{binary, subscript, unary};
use super::value::frozenset_items;

/// A `Constant` node with no `kind`.
pub(super) fn constant<'a>(
    arena: &'a Bump,
    range: TextRange,
    value: ConstantValue<'a>,
) -> Expr<'a> {
    Expr::Constant(alloc(
        arena,
        Constant {
            range,
            value,
            kind: None,
        },
    ))
}

fn constant_value<'e, 'a>(expr: &'e Expr<'a>) -> Option<&'e ConstantValue<'a>> {
    match expr {
        Expr::Constant(c) => Some(&c.value),
        _ => None,
    }
}

/// CPython's `fold_unaryop`: an operator on a constant folds; `not` of a single `is`, `is not`,
/// `in` or `not in` comparison becomes the opposite comparison (the comparison node replaces
/// the `not`, position included). `not` of `==`, `<`… is left alone: those need not be each
/// other's negation.
pub(super) fn fold_unaryop<'a>(arena: &'a Bump, node: &mut UnaryOp<'a>) -> Option<Expr<'a>> {
    match &mut node.operand {
        Expr::Constant(c) => {
            let value = unary(arena, node.op, &c.value)?;
            Some(constant(arena, node.range, value))
        }
        Expr::Compare(compare) if node.op == UnaryOperator::Not && compare.ops.len() == 1 => {
            let negated = match compare.ops.first()? {
                CmpOperator::Is => CmpOperator::IsNot,
                CmpOperator::IsNot => CmpOperator::Is,
                CmpOperator::In => CmpOperator::NotIn,
                CmpOperator::NotIn => CmpOperator::In,
                _ => return None,
            };
            if let Some(op) = compare.ops.first_mut() {
                *op = negated;
            }
            Some(std::mem::replace(&mut node.operand, placeholder(arena)))
        }
        _ => None,
    }
}

/// CPython's `fold_binop`: `'…' % (…)` to an f-string (see [`optimize_format`]), else an
/// operator on two constants.
pub(super) fn fold_binop<'a>(arena: &'a Bump, node: &mut BinOp<'a>) -> Option<Expr<'a>> {
    let left = *constant_value(&node.left)?;
    if let (taipan_ast::Operator::Mod, ConstantValue::Str(format), Expr::Tuple(tuple)) =
        (node.op, left, &node.right)
    {
        if tuple.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            return None;
        }
        return optimize_format(arena, node, format);
    }
    let right = constant_value(&node.right)?;
    let value = binary(arena, node.op, &left, right)?;
    Some(constant(arena, node.range, value))
}

/// The constant tuple of `elts` when every one is a constant (CPython's `make_const_tuple`).
fn constant_tuple<'a>(arena: &'a Bump, elts: &[Expr<'a>]) -> Option<&'a [ConstantValue<'a>]> {
    let values: Option<Vec<ConstantValue<'a>>> =
        elts.iter().map(|e| constant_value(e).copied()).collect();
    Some(arena.alloc_slice_copy(&values?))
}

/// CPython's `fold_tuple`: a loaded tuple display of constants is a constant tuple.
pub(super) fn fold_tuple<'a>(arena: &'a Bump, node: &Tuple<'a>) -> Option<Expr<'a>> {
    if node.ctx != ExprContext::Load {
        return None;
    }
    let items = constant_tuple(arena, node.elts)?;
    Some(constant(arena, node.range, ConstantValue::Tuple(items)))
}

/// CPython's `fold_subscr`: a loaded subscript of a constant by a constant.
pub(super) fn fold_subscr<'a>(arena: &'a Bump, node: &Subscript<'a>) -> Option<Expr<'a>> {
    if node.ctx != ExprContext::Load {
        return None;
    }
    let value = subscript(
        arena,
        constant_value(&node.value)?,
        constant_value(&node.slice)?,
    )?;
    Some(constant(arena, node.range, value))
}

/// CPython's `fold_iter`, for the iterable of `for`, of a comprehension and of a final `in` /
/// `not in`: a list display without starred items becomes a tuple display (a constant tuple
/// when its items are constants), a set display of constants a constant frozenset.
pub(super) fn fold_iter<'a>(arena: &'a Bump, expr: &mut Expr<'a>) {
    match expr {
        Expr::List(list) => {
            if list.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                return;
            }
            let range = list.range;
            let tuple = Tuple {
                range,
                elts: std::mem::take(&mut list.elts),
                ctx: list.ctx,
            };
            *expr = match constant_tuple(arena, tuple.elts) {
                Some(items) => constant(arena, range, ConstantValue::Tuple(items)),
                None => Expr::Tuple(alloc(arena, tuple)),
            };
        }
        Expr::Set(set) => {
            if let Some(items) = constant_tuple(arena, set.elts) {
                let items = frozenset_items(arena, items);
                *expr = constant(arena, set.range, ConstantValue::FrozenSet(items));
            }
        }
        _ => {}
    }
}

/// CPython's `fold_compare`: when the last operator is `in` or `not in`, its operand is an
/// iterable ([`fold_iter`]).
pub(super) fn fold_compare<'a>(arena: &'a Bump, node: &mut Compare<'a>) {
    if let (Some(CmpOperator::In | CmpOperator::NotIn), Some(last)) =
        (node.ops.last(), node.comparators.last_mut())
    {
        fold_iter(arena, last);
    }
}

/// A throw-away expression to leave behind where a node was moved out.
fn placeholder<'a>(arena: &'a Bump) -> Expr<'a> {
    constant(arena, TextRange::NONE, ConstantValue::None)
}
