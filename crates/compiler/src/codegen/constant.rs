//! AST constants to code-object constants.

use taipan_ast::{ConstantValue, Int};
use taipan_bytecode::Constant;

/// The key of `str`/`bytes` hashes, from `PYTHONHASHSEED` as CPython derives it (seed 0 when
/// the variable is unset or invalid): set iteration order depends on it.
pub(crate) fn hash_secret() -> &'static taipan_hash::HashSecret {
    static SECRET: std::sync::OnceLock<taipan_hash::HashSecret> = std::sync::OnceLock::new();
    SECRET.get_or_init(|| {
        taipan_hash::HashSecret::from_env()
            .unwrap_or_else(|_| taipan_hash::HashSecret::from_seed(0))
    })
}

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
        // CPython's compiler rebuilds a frozenset constant when it merges constants
        // (`merge_consts_recursive`): the new set is filled in the old one's iteration order,
        // and that insertion order decides how the code object's frozenset iterates and prints.
        ConstantValue::FrozenSet(items) => Constant::FrozenSet(
            taipan_ast::frozenset_order(items, hash_secret())
                .into_iter()
                .filter_map(|i| items.get(i))
                .map(const_of)
                .collect(),
        ),
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
