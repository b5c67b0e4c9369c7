//! AST constants to code-object constants.

use taipan_ast::{ConstantValue, Int};
use taipan_bytecode::Constant;

/// The `co_consts` value of an AST constant.
pub fn const_of(value: &ConstantValue<'_>) -> Constant {
    match value {
        ConstantValue::None => Constant::None,
        ConstantValue::True => Constant::Bool(true),
        ConstantValue::False => Constant::Bool(false),
        ConstantValue::Ellipsis => Constant::Ellipsis,
        ConstantValue::Int(Int::Small(v)) => Constant::Int(taipan_bytecode::Int::Small(*v)),
        ConstantValue::Int(Int::Big(limbs)) => {
            Constant::Int(taipan_bytecode::Int::from_limbs(false, limbs))
        }
        ConstantValue::Int(Int::BigNeg(limbs)) => {
            Constant::Int(taipan_bytecode::Int::from_limbs(true, limbs))
        }
        ConstantValue::Float(v) => Constant::Float(*v),
        ConstantValue::Complex { real, imag } => Constant::Complex {
            real: *real,
            imag: *imag,
        },
        ConstantValue::Str(s) => Constant::Str(s.to_owned_string()),
        ConstantValue::Bytes(b) => Constant::Bytes((*b).into()),
        ConstantValue::Tuple(items) => Constant::Tuple(items.iter().map(const_of).collect()),
        // Marshal sorts a frozenset's items when it writes them; the order here is CPython's
        // insertion order, which only iteration (not equality) depends on.
        ConstantValue::FrozenSet(items) => {
            Constant::FrozenSet(items.iter().map(const_of).collect())
        }
    }
}

/// Whether a constant is or holds a NaN. CPython's constant keys compare a float by object, so
/// constants holding a NaN (each a new object when the AST optimizer folds one) are never
/// merged with one another.
pub fn contains_nan(value: &Constant) -> bool {
    match value {
        Constant::Float(v) => v.is_nan(),
        Constant::Complex { real, imag } => real.is_nan() || imag.is_nan(),
        Constant::Tuple(items) | Constant::FrozenSet(items) => items.iter().any(contains_nan),
        _ => false,
    }
}
