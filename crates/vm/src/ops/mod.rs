//! The object protocols: what `a + b`, `a.x`, `a[i]`, `f(x)`, `repr(a)` mean for any values.
//!
//! Each operation tries the exact built-in types first (no lookups), then follows CPython's
//! protocol through the type's namespace (see `crate::types` for why that is sound).

pub mod attr;
pub mod call;
pub mod compare;
pub mod mapping;
pub mod number;
pub mod protocol;

pub use attr::{del_attr, get_attr, get_attr_opt, set_attr, set_attr_raw};
pub use compare::CompareOp;
pub use number::BinOp;
