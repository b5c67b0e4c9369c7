//! The compiler's `SyntaxWarning`s (compile.c's `check_caller`, `check_subscripter`,
//! `check_index`, `check_compare`, `compiler_warn`), recorded in [`Compiler::warnings`].

use taipan_ast::{CmpOperator, Compare, ConstantValue, Expr};

use super::Compiler;
use crate::error::Warning;
use crate::ir::Location;

/// CPython's `infer_type`: the type name of what `e` evaluates to, when the node's kind
/// alone says.
fn infer_type(e: &Expr<'_>) -> Option<&'static str> {
    Some(match e {
        Expr::Tuple(_) => "tuple",
        Expr::List(_) | Expr::ListComp(_) => "list",
        Expr::Dict(_) | Expr::DictComp(_) => "dict",
        Expr::Set(_) | Expr::SetComp(_) => "set",
        Expr::GeneratorExp(_) => "generator",
        Expr::Lambda(_) => "function",
        Expr::JoinedStr(_) | Expr::FormattedValue(_) => "str",
        Expr::Constant(c) => constant_type(&c.value),
        _ => return None,
    })
}

/// The type name of a constant's value.
fn constant_type(v: &ConstantValue<'_>) -> &'static str {
    match v {
        ConstantValue::None => "NoneType",
        ConstantValue::True | ConstantValue::False => "bool",
        ConstantValue::Ellipsis => "ellipsis",
        ConstantValue::Int(_) => "int",
        ConstantValue::Float(_) => "float",
        ConstantValue::Complex { .. } => "complex",
        ConstantValue::Str(_) => "str",
        ConstantValue::Bytes(_) => "bytes",
        ConstantValue::Tuple(_) => "tuple",
        ConstantValue::FrozenSet(_) => "frozenset",
    }
}

impl Compiler<'_> {
    /// `compiler_warn`: a `SyntaxWarning` at `loc`.
    pub fn warn(&mut self, loc: Location, message: String) {
        self.warnings.push(Warning {
            category: "SyntaxWarning",
            message,
            location: loc,
        });
    }

    /// `check_caller`: calling a literal that cannot be callable.
    pub(crate) fn check_caller(&mut self, e: &Expr<'_>) {
        let warn = matches!(
            e,
            Expr::Constant(_)
                | Expr::Tuple(_)
                | Expr::List(_)
                | Expr::ListComp(_)
                | Expr::Dict(_)
                | Expr::DictComp(_)
                | Expr::Set(_)
                | Expr::SetComp(_)
                | Expr::GeneratorExp(_)
                | Expr::JoinedStr(_)
                | Expr::FormattedValue(_)
        );
        if let (true, Some(ty)) = (warn, infer_type(e)) {
            let loc = self.loc(e.range());
            self.warn(
                loc,
                format!("'{ty}' object is not callable; perhaps you missed a comma?"),
            );
        }
    }

    /// `check_subscripter`: subscripting a literal that cannot be subscripted.
    pub(crate) fn check_subscripter(&mut self, e: &Expr<'_>) {
        let warn = match e {
            Expr::Constant(c) => matches!(
                c.value,
                ConstantValue::None
                    | ConstantValue::Ellipsis
                    | ConstantValue::Int(_)
                    | ConstantValue::True
                    | ConstantValue::False
                    | ConstantValue::Float(_)
                    | ConstantValue::Complex { .. }
                    | ConstantValue::FrozenSet(_)
            ),
            Expr::Set(_) | Expr::SetComp(_) | Expr::GeneratorExp(_) | Expr::Lambda(_) => true,
            _ => false,
        };
        if let (true, Some(ty)) = (warn, infer_type(e)) {
            let loc = self.loc(e.range());
            self.warn(
                loc,
                format!("'{ty}' object is not subscriptable; perhaps you missed a comma?"),
            );
        }
    }

    /// `check_index`: indexing a sequence literal with something that is not an integer.
    pub(crate) fn check_index(&mut self, e: &Expr<'_>, s: &Expr<'_>) {
        let Some(index_type) = infer_type(s) else {
            return;
        };
        if matches!(index_type, "int" | "bool") {
            return;
        }
        let warn = match e {
            Expr::Constant(c) => matches!(
                c.value,
                ConstantValue::Str(_) | ConstantValue::Bytes(_) | ConstantValue::Tuple(_)
            ),
            Expr::Tuple(_)
            | Expr::List(_)
            | Expr::ListComp(_)
            | Expr::JoinedStr(_)
            | Expr::FormattedValue(_) => true,
            _ => false,
        };
        if let (true, Some(ty)) = (warn, infer_type(e)) {
            let loc = self.loc(e.range());
            self.warn(
                loc,
                format!(
                    "{ty} indices must be integers or slices, not {index_type}; perhaps you missed a comma?"
                ),
            );
        }
    }

    /// `check_compare`: `is`/`is not` with a literal other than `None`, `True`, `False` or
    /// `...` (one warning per comparison, for its first such link).
    pub(crate) fn check_compare(&mut self, c: &Compare<'_>) {
        // `check_is_arg`: whether identity with this operand is meaningful.
        fn is_arg(e: &Expr<'_>) -> bool {
            match e {
                Expr::Constant(c) => matches!(
                    c.value,
                    ConstantValue::None
                        | ConstantValue::True
                        | ConstantValue::False
                        | ConstantValue::Ellipsis
                ),
                _ => true,
            }
        }
        let mut left_expr = &c.left;
        let mut left = is_arg(left_expr);
        for (op, right_expr) in c.ops.iter().zip(c.comparators.iter()) {
            let right = is_arg(right_expr);
            if matches!(op, CmpOperator::Is | CmpOperator::IsNot) && (!right || !left) {
                let literal = if !left { left_expr } else { right_expr };
                let ty = infer_type(literal).unwrap_or("object");
                let message = if *op == CmpOperator::Is {
                    format!("\"is\" with '{ty}' literal. Did you mean \"==\"?")
                } else {
                    format!("\"is not\" with '{ty}' literal. Did you mean \"!=\"?")
                };
                let loc = self.loc(c.range);
                self.warn(loc, message);
                return;
            }
            left = right;
            left_expr = right_expr;
        }
    }
}
