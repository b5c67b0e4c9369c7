//! The `LOAD_GLOBAL` inline cache (CPython's `LOAD_GLOBAL_MODULE`/`_BUILTIN`): each site's entry
//! in `Code::global_cache` holds the value found and the versions of the globals and builtins
//! dicts it is valid for; a dict changing anywhere gives it a new version.

use crate::frame::Frame;
use crate::object::Payload;
use crate::runtime_code::Code;
use crate::value::Value;

/// The index an instruction's first inline cache unit holds (see `Code::decode_units`).
#[inline(always)]
pub(super) fn site_index(units: &[(u8, u8)], lasti: usize) -> usize {
    units
        .get(lasti + 1)
        .map_or(usize::MAX, |&(hi, lo)| ((hi as usize) << 8) | lo as usize)
}

/// The cached value of a `LOAD_GLOBAL`, if the dicts have not changed since it was stored.
#[inline]
pub(super) fn cached_global(code: &Code, slot: usize, frame: &Frame) -> Option<Value> {
    let entry = code.global_cache.get(slot)?.borrow();
    let e = entry.as_ref()?;
    if e.globals_id != frame.globals.id() {
        return None;
    }
    let (Payload::Dict(g), Payload::Dict(b)) = (frame.globals.payload(), frame.builtins.payload())
    else {
        return None;
    };
    if g.borrow().version() != e.globals_version || b.borrow().version() != e.builtins_version {
        return None;
    }
    Some(e.value.clone())
}

pub(super) fn store_global_cache(code: &Code, slot: usize, frame: &Frame, value: &Value) {
    let Some(cell) = code.global_cache.get(slot) else {
        return;
    };
    let (Payload::Dict(g), Payload::Dict(b)) = (frame.globals.payload(), frame.builtins.payload())
    else {
        return;
    };
    *cell.borrow_mut() = Some(crate::runtime_code::GlobalCacheEntry {
        globals_id: frame.globals.id(),
        globals_version: g.borrow().version(),
        builtins_version: b.borrow().version(),
        value: value.clone(),
    });
}
