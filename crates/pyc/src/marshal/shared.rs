//! Which objects the code writer shares: CPython's compiler keeps one object per distinct
//! constant module-wide (its const cache, keyed as `_PyCode_ConstantKey`: `1`, `1.0` and `True`
//! differ, so do `0.0` and `-0.0`), and marshal writes the second and later references to an
//! object as `r` back-references. Measured in CPython 3.13.0 on `compile()` output and on
//! `marshal.loads(marshal.dumps(code))`, the objects shared are:
//!
//! - every constant other than a code object, nested tuple and frozenset items included;
//! - each code object's `co_consts`, `co_names` and `localsplusnames` tuples (equal to each other
//!   or to a constant tuple);
//! - `co_linetable` and `co_exceptiontable` bytes (equal to each other or to a `bytes`
//!   constant).
//!
//! Not shared: `co_code` and `localspluskinds` (each code object has its own). Strings are
//! shared by the writer's own table.

use std::hash::{Hash, Hasher};

use taipan_bytecode::{Constant, PyString};

/// A value that may be written once and referred to afterwards.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SharedKey<'v> {
    /// A constant (not a `str`: those have their own table; not a code object: never merged).
    Value(&'v Constant),
    /// A tuple of constants (`co_consts`).
    Consts(&'v [Constant]),
    /// A tuple of names (`co_names`, `localsplusnames`).
    Names(&'v [PyString]),
    /// `bytes` (`co_linetable`, `co_exceptiontable`).
    Bytes(&'v [u8]),
}

/// A tuple's items, whichever way the code object holds them.
#[derive(Clone, Copy)]
enum Items<'v> {
    Consts(&'v [Constant]),
    Names(&'v [PyString]),
}

impl<'v> SharedKey<'v> {
    /// The key for `value`, if CPython's compiler merges values of its kind.
    pub(crate) fn for_value(value: &'v Constant) -> Option<Self> {
        match value {
            Constant::Int(_)
            | Constant::Float(_)
            | Constant::Complex { .. }
            | Constant::Bytes(_)
            | Constant::Tuple(_)
            | Constant::FrozenSet(_) => Some(SharedKey::Value(value)),
            _ => None,
        }
    }

    fn items(self) -> Option<Items<'v>> {
        match self {
            SharedKey::Value(Constant::Tuple(items)) => Some(Items::Consts(items)),
            SharedKey::Consts(items) => Some(Items::Consts(items)),
            SharedKey::Names(names) => Some(Items::Names(names)),
            _ => None,
        }
    }

    fn bytes(self) -> Option<&'v [u8]> {
        match self {
            SharedKey::Value(Constant::Bytes(bytes)) => Some(&bytes[..]),
            SharedKey::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }
}

impl<'v> Items<'v> {
    fn len(self) -> usize {
        match self {
            Items::Consts(items) => items.len(),
            Items::Names(names) => names.len(),
        }
    }

    /// The item at `index` as a `str`, if it is one.
    fn str_at(self, index: usize) -> Option<&'v [u8]> {
        match self {
            Items::Consts(items) => match items.get(index) {
                Some(Constant::Str(s)) => Some(s.as_bytes()),
                _ => None,
            },
            Items::Names(names) => names.get(index).map(|s| s.as_bytes()),
        }
    }
}

fn same_items(a: Items<'_>, b: Items<'_>) -> bool {
    match (a, b) {
        (Items::Consts(a), Items::Consts(b)) => a == b,
        (Items::Names(a), Items::Names(b)) => a == b,
        (Items::Consts(_), Items::Names(_)) | (Items::Names(_), Items::Consts(_)) => {
            // Mixed: equal only when every constant is the equal `str`.
            a.len() == b.len()
                && (0..a.len()).all(|i| match (a.str_at(i), b.str_at(i)) {
                    (Some(x), Some(y)) => x == y,
                    _ => false,
                })
        }
    }
}

impl PartialEq for SharedKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        if let (Some(a), Some(b)) = (self.items(), other.items()) {
            return same_items(a, b);
        }
        if let (Some(a), Some(b)) = (self.bytes(), other.bytes()) {
            return a == b;
        }
        match (self, other) {
            // Constant equality is the const cache's key equality (bitwise floats, types apart).
            (SharedKey::Value(a), SharedKey::Value(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for SharedKey<'_> {}

/// A shallow hash (items only by kind, and `str` items by text), so that hashing never recurses
/// and keys equal by [`PartialEq`] hash alike.
impl Hash for SharedKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if let Some(items) = self.items() {
            state.write_u8(0);
            state.write_usize(items.len());
            for i in 0..items.len() {
                match items.str_at(i) {
                    Some(s) => state.write(s),
                    None => state.write_u8(kind(items, i)),
                }
            }
            return;
        }
        if let Some(bytes) = self.bytes() {
            state.write_u8(1);
            state.write(bytes);
            return;
        }
        if let SharedKey::Value(value) = self {
            match value {
                Constant::Int(int) => {
                    state.write_u8(2);
                    int.hash(state);
                }
                Constant::Float(x) => {
                    state.write_u8(3);
                    state.write(&x.to_bits().to_le_bytes());
                }
                Constant::Complex { real, imag } => {
                    state.write_u8(4);
                    state.write(&real.to_bits().to_le_bytes());
                    state.write(&imag.to_bits().to_le_bytes());
                }
                // Frozensets compare in any order: hash only their size.
                Constant::FrozenSet(items) => {
                    state.write_u8(5);
                    state.write_usize(items.len());
                }
                _ => state.write_u8(6),
            }
        }
    }
}

/// A tag for the kind of a non-`str` tuple item.
fn kind(items: Items<'_>, index: usize) -> u8 {
    match items {
        Items::Consts(items) => match items.get(index) {
            Some(Constant::Tuple(_)) => 10,
            Some(Constant::Int(_)) => 11,
            Some(Constant::Float(_)) => 12,
            Some(Constant::Bytes(_)) => 13,
            Some(Constant::FrozenSet(_)) => 14,
            _ => 15,
        },
        Items::Names(_) => 16,
    }
}
