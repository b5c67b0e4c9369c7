//! CPython 3.13's order for the items of a set or frozenset in marshal data: sorted by each
//! item's own marshalled bytes (`w_complex_object` marshals every item alone and sorts the
//! pairs), so that `.pyc` files do not depend on the hash seed. CPython iterates a set it loads
//! in that order of insertion.
//!
//! The writer does not sort: it writes the items in the order the value holds them, so a file
//! read and written back keeps CPython's order exactly. (CPython's order cannot be recomputed
//! from the values alone: an item's bytes include `FLAG_REF` when CPython saw more than one
//! reference to it, a reference count a value does not carry.) A set built anew, as by a
//! compiler, is put in CPython's order by [`sort_sets`], as closely as values allow: every item
//! but the singletons counts as referenced, as nearly all are when CPython compiles them.

use taipan_bytecode::{CodeObject, Constant};

use super::codes::MAX_DEPTH;
use super::write::{DumpError, Task, Writer};

/// Sorts the items of every set and frozenset within `value` (itself included; inner sets
/// first, since an outer set's order depends on its items' bytes) into CPython 3.13's marshal
/// order.
pub fn sort_sets(value: &mut Constant) -> Result<(), DumpError> {
    sort_within(value, 1)
}

/// [`sort_sets`] for every constant of a code object and of the code objects nested in it.
pub fn sort_sets_in_code(code: &mut CodeObject) -> Result<(), DumpError> {
    for item in &mut code.consts {
        sort_within(item, 2)?;
    }
    Ok(())
}

fn sort_within(value: &mut Constant, depth: usize) -> Result<(), DumpError> {
    if depth > MAX_DEPTH {
        return Err(DumpError::TooDeep);
    }
    match value {
        Constant::Tuple(items) | Constant::List(items) => {
            for item in items.iter_mut() {
                sort_within(item, depth + 1)?;
            }
        }
        Constant::Dict(items) => {
            for (key, item) in items.iter_mut() {
                sort_within(key, depth + 1)?;
                sort_within(item, depth + 1)?;
            }
        }
        Constant::Code(code) => {
            for item in &mut code.consts {
                sort_within(item, depth + 2)?;
            }
        }
        Constant::Set(items) | Constant::FrozenSet(items) => {
            for item in items.iter_mut() {
                sort_within(item, depth + 1)?;
            }
            let mut keyed = Vec::with_capacity(items.len());
            for item in std::mem::take(items).into_vec() {
                let mut alone = Writer::default();
                alone.write(Task::Value(&item, 1))?;
                keyed.push((alone.out, item));
            }
            // Stable: equal bytes (equal items) keep their order.
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            *items = keyed.into_iter().map(|(_, item)| item).collect();
        }
        _ => {}
    }
    Ok(())
}
