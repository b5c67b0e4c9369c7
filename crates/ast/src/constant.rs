//! The values a `Constant` node (and `MatchSingleton`) can hold: every literal CPython's parser
//! produces.

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
}

/// An integer of any size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Int<'a> {
    /// Fits in an `i64`.
    Small(i64),
    /// Larger than `i64::MAX`: the magnitude as little-endian 32-bit limbs, no trailing zero limb.
    /// Literals are never negative (`-5` is `UnaryOp(USub, 5)`), so neither is this.
    Big(&'a [u32]),
}
