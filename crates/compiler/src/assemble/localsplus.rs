//! `co_localsplusnames` and `co_localspluskinds`: CPython 3.13's `compute_localsplus_info`.
//!
//! The slots are laid out as the flowgraph's `fix_cell_offsets` numbers them:
//! - each local (`varnames`, parameters first) keeps its index; its kind is `CO_FAST_LOCAL`,
//!   plus `CO_FAST_HIDDEN` if an inlined comprehension hid it (`fasthidden`) and `CO_FAST_CELL`
//!   if it is also a cell (an argument captured by an inner scope). CPython does not set the
//!   `CO_FAST_ARG_*` bits ("for now we do not distinguish arg kinds"), so neither does this;
//! - the cells that are not locals follow, in `cellvars` order, closing up over the ones that
//!   were (`CO_FAST_CELL`);
//! - then the free variables (`CO_FAST_FREE`), numbered after all the cells less the ones
//!   that were locals.

use hashbrown::HashSet;
use taipan_bytecode::{LocalKind, PyString};

use super::system_error;
use crate::error::CompileError;
use crate::unit::UnitMetadata;

/// The names and kinds of the `nlocalsplus` slots.
pub fn localsplus_info(
    metadata: &UnitMetadata,
    nlocalsplus: u32,
) -> Result<(Vec<PyString>, Vec<LocalKind>), CompileError> {
    let len = nlocalsplus as usize;
    // Every slot must get a name: more slots than names is refused before they are allocated.
    let names = metadata.varnames.len() + metadata.cellvars.len() + metadata.freevars.len();
    if len > names {
        return Err(system_error(format!(
            "nlocalsplus {nlocalsplus} is more than the {names} local, cell and free names"
        )));
    }
    let mut slots: Vec<Option<(PyString, LocalKind)>> = vec![None; len];
    let mut set = |offset: usize, name: &PyString, kind: u8| -> Result<(), CompileError> {
        let slot = slots.get_mut(offset).ok_or_else(|| {
            system_error(format!(
                "localsplus slot {offset} of {name:?} past nlocalsplus {nlocalsplus}"
            ))
        })?;
        *slot = Some((name.clone(), LocalKind(kind)));
        Ok(())
    };
    let varnames: HashSet<&PyString> = metadata.varnames.iter().collect();
    let cellvars: HashSet<&PyString> = metadata.cellvars.iter().collect();
    let fasthidden: HashSet<&PyString> = metadata.fasthidden.iter().collect();
    for (offset, name) in metadata.varnames.iter().enumerate() {
        let mut kind = LocalKind::LOCAL;
        if fasthidden.contains(name) {
            kind |= LocalKind::HIDDEN;
        }
        if cellvars.contains(name) {
            kind |= LocalKind::CELL;
        }
        set(offset, name, kind)?;
    }
    let nlocals = metadata.varnames.len();
    let mut dropped = 0;
    for (index, name) in metadata.cellvars.iter().enumerate() {
        if varnames.contains(name) {
            dropped += 1;
            continue;
        }
        set(index + nlocals - dropped, name, LocalKind::CELL)?;
    }
    let ncells = metadata.cellvars.len();
    for (index, name) in metadata.freevars.iter().enumerate() {
        set(ncells + index + nlocals - dropped, name, LocalKind::FREE)?;
    }
    let mut names = Vec::with_capacity(len);
    let mut kinds = Vec::with_capacity(len);
    for (offset, slot) in slots.into_iter().enumerate() {
        let (name, kind) =
            slot.ok_or_else(|| system_error(format!("localsplus slot {offset} left empty")))?;
        names.push(name);
        kinds.push(kind);
    }
    Ok((names, kinds))
}
