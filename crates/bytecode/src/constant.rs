//! The values a code object holds in `co_consts`, and more generally every value marshal can
//! carry.

use taipan_text::PyString;

use crate::CodeObject;

/// A value of `co_consts`, or any value marshal format 4 can carry.
///
/// Compiled code only ever holds the immutable kinds (`None` … `Code`); `List`, `Dict` and `Set`
/// exist because `marshal.loads` accepts them, and a `.pyc` reader must not refuse what CPython
/// reads.
///
/// Equality is CPython's *code-object* equality of constants (`_PyCode_ConstantKey`), not
/// Python's `==`: `1`, `1.0` and `True` differ, `0.0` and `-0.0` differ, two NaNs with the same
/// bits are equal. That is what makes `==` between code objects compare what the compiler
/// produced.
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    /// `StopIteration`, the class: marshal has a type code for it.
    StopIteration,
    Ellipsis,
    Bool(bool),
    Int(Int),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(PyString),
    Bytes(Box<[u8]>),
    Tuple(Box<[Constant]>),
    /// The elements in the order marshal stored them (CPython writes them sorted by their
    /// marshalled bytes); [`crate::repr`] shows them in CPython's iteration order.
    FrozenSet(Box<[Constant]>),
    List(Box<[Constant]>),
    Set(Box<[Constant]>),
    Dict(Box<[(Constant, Constant)]>),
    Code(Box<CodeObject>),
}

/// An integer of any size. `Small` whenever the value fits in an `i64` (constructors keep that
/// canonical, so derived equality is value equality).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Int {
    Small(i64),
    /// Beyond `i64`: sign and magnitude as little-endian 32-bit limbs, without high zero limbs.
    Big {
        negative: bool,
        limbs: Box<[u32]>,
    },
}

impl Int {
    /// The integer with this sign and magnitude (little-endian 32-bit limbs, any length).
    pub fn from_limbs(negative: bool, limbs: &[u32]) -> Int {
        let len = limbs.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        let limbs = &limbs[..len];
        if limbs.len() <= 2 {
            let magnitude = limbs
                .iter()
                .rev()
                .fold(0u64, |acc, &l| (acc << 32) | u64::from(l));
            if negative && magnitude <= 1u64 << 63 {
                return Int::Small((magnitude as i64).wrapping_neg());
            }
            if !negative && magnitude <= i64::MAX as u64 {
                return Int::Small(magnitude as i64);
            }
        }
        Int::Big {
            negative,
            limbs: limbs.into(),
        }
    }

    /// Sign and magnitude (little-endian 32-bit limbs, no high zero limb; zero has none).
    pub fn to_limbs(&self) -> (bool, Vec<u32>) {
        match self {
            Int::Small(v) => {
                let m = v.unsigned_abs();
                let mut limbs = vec![m as u32, (m >> 32) as u32];
                while limbs.last() == Some(&0) {
                    limbs.pop();
                }
                (*v < 0, limbs)
            }
            Int::Big { negative, limbs } => (*negative, limbs.to_vec()),
        }
    }

    /// CPython's `repr()`.
    pub fn repr(&self) -> String {
        match self {
            Int::Small(v) => v.to_string(),
            Int::Big { negative, limbs } => {
                let digits = taipan_text::limbs_repr(limbs);
                if *negative {
                    format!("-{digits}")
                } else {
                    digits
                }
            }
        }
    }
}

impl From<i64> for Int {
    fn from(v: i64) -> Int {
        Int::Small(v)
    }
}

impl PartialEq for Constant {
    fn eq(&self, other: &Constant) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (StopIteration, StopIteration) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (
                Complex { real, imag },
                Complex {
                    real: real2,
                    imag: imag2,
                },
            ) => real.to_bits() == real2.to_bits() && imag.to_bits() == imag2.to_bits(),
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (List(a), List(b)) => a == b,
            // Sets compare as sets: the same elements in any order.
            (FrozenSet(a), FrozenSet(b)) | (Set(a), Set(b)) => {
                a.len() == b.len() && a.iter().all(|x| b.contains(x))
            }
            (Dict(a), Dict(b)) => a == b,
            (Code(a), Code(b)) => a == b,
            _ => false,
        }
    }
}

impl Constant {
    /// A `str` constant.
    pub fn str(text: &str) -> Constant {
        Constant::Str(PyString::new(text))
    }

    /// An `int` constant.
    pub fn int(v: i64) -> Constant {
        Constant::Int(Int::Small(v))
    }

    /// The code object, if this is one.
    pub fn as_code(&self) -> Option<&CodeObject> {
        match self {
            Constant::Code(code) => Some(code),
            _ => None,
        }
    }
}
