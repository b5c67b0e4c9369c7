//! The values a `Constant` node (and `MatchSingleton`) can hold: every literal CPython's parser
//! produces, and the containers CPython's AST optimizer makes (constant tuples and frozensets).

pub use taipan_text::{PyStr, push_code_point};

/// The value of a `Constant`, as CPython's `constant` ASDL type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ConstantValue<'a> {
    None,
    True,
    False,
    Ellipsis,
    Int(Int<'a>),
    Float(f64),
    /// A complex number; literals only ever have a zero real part (`3j`).
    Complex {
        real: f64,
        imag: f64,
    },
    Str(PyStr<'a>),
    Bytes(&'a [u8]),
    /// A tuple of constants: never written by the parser, made by the AST optimizer from a
    /// tuple display of constants (`(1, 2)`) or a list display after `in`/`for`.
    Tuple(&'a [ConstantValue<'a>]),
    /// A `frozenset` of constants, made by the AST optimizer from a set display after
    /// `in`/`for`. The items are distinct (by Python's `==`) and kept in the order CPython
    /// inserted them; the order a `frozenset` iterates and prints in is that of its hash table,
    /// which depends on the hashes ([`crate::dump`] computes it with `taipan-hash`).
    FrozenSet(&'a [ConstantValue<'a>]),
}

/// An integer of any size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Int<'a> {
    /// Fits in an `i64`.
    Small(i64),
    /// Larger than `i64::MAX`: the magnitude as little-endian 32-bit limbs, no trailing zero limb.
    /// Literals are never negative (`-5` is `UnaryOp(USub, 5)`), so neither is this.
    Big(&'a [u32]),
    /// Smaller than `i64::MIN`: the magnitude (so more than 2**63) as little-endian 32-bit limbs,
    /// no trailing zero limb. Only the AST optimizer makes these (`-(2**64)` folds to one).
    BigNeg(&'a [u32]),
}

impl ConstantValue<'_> {
    /// `hash(value)` as CPython 3.13 computes it (64-bit build), `str` and `bytes` keyed by
    /// `secret`; `None` when CPython hashes the value by identity (`Ellipsis`, a NaN, or a
    /// container holding one), which no function of the value can reproduce.
    pub fn hash(&self, secret: &taipan_hash::HashSecret) -> Option<i64> {
        // Constants nest (tuples of tuples) as deep as the source's brackets.
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || self.hash_inner(secret))
    }

    fn hash_inner(&self, secret: &taipan_hash::HashSecret) -> Option<i64> {
        Some(match self {
            ConstantValue::None => taipan_hash::hash_none(),
            ConstantValue::True => taipan_hash::hash_bool(true),
            ConstantValue::False => taipan_hash::hash_bool(false),
            ConstantValue::Ellipsis => return None,
            ConstantValue::Int(Int::Small(n)) => taipan_hash::hash_int(*n),
            ConstantValue::Int(Int::Big(limbs)) => taipan_hash::hash_big_int(false, limbs),
            ConstantValue::Int(Int::BigNeg(limbs)) => taipan_hash::hash_big_int(true, limbs),
            ConstantValue::Float(x) => taipan_hash::hash_float(*x)?,
            ConstantValue::Complex { real, imag } => taipan_hash::hash_complex(*real, *imag)?,
            ConstantValue::Str(s) => secret.hash_str(s.code_points()),
            ConstantValue::Bytes(b) => secret.hash_bytes(b),
            ConstantValue::Tuple(items) => {
                let hashes: Option<Vec<i64>> = items.iter().map(|c| c.hash(secret)).collect();
                taipan_hash::hash_tuple(&hashes?)
            }
            ConstantValue::FrozenSet(items) => {
                let hashes: Option<Vec<i64>> = items.iter().map(|c| c.hash(secret)).collect();
                taipan_hash::hash_frozenset(&hashes?)
            }
        })
    }
}

/// The order in which CPython iterates (and prints) a `frozenset` whose distinct `items` were
/// inserted in the order given ([`ConstantValue::FrozenSet`]'s order), as indices into
/// `items`. When an item's hash depends on identity (`Ellipsis`, NaN) the insertion order is
/// kept, as no value-based order can match CPython's.
pub fn frozenset_order(
    items: &[ConstantValue<'_>],
    secret: &taipan_hash::HashSecret,
) -> Vec<usize> {
    let hashes: Option<Vec<i64>> = items.iter().map(|c| c.hash(secret)).collect();
    match hashes {
        Some(hashes) => taipan_hash::set_iteration_order(&hashes),
        None => (0..items.len()).collect(),
    }
}
