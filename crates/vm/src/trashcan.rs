//! Freeing deeply nested objects without deep Rust recursion: CPython's "trashcan".
//!
//! Dropping the last reference to a container drops its items, which may be containers whose
//! last reference that was, and so on: a tuple nested a million deep (`a = (a,)` in a loop)
//! would free itself through a million nested Rust calls and overflow the stack. As CPython's
//! `Py_TRASHCAN_BEGIN`, a drop deeper than [`MAX_DEPTH`] puts the object's contents on a list
//! instead of freeing them, and the outermost drop frees that list, one item at a time, before
//! it returns. Freeing stays prompt (everything is gone when the outermost drop returns); only
//! its order changes past the bound.
//!
//! **Architecture invariant:** every heap object's contents are released through
//! [`release`] (see `ObjBox`'s `Drop`), and a drop runs no Python code (finalisers of
//! generators are deferred to the loop's safe points), so a freed object's contents may wait
//! on the list without anything observing the order.

use std::cell::{Cell, RefCell};

use crate::object::Payload;
use crate::value::Obj;

/// How deep drops may nest before their contents wait on the list. Each level costs a few
/// hundred bytes of stack (more in a debug build), and the VM may run on a thread with a small
/// stack (a test harness thread has 2 MiB); CPython's bound is 50.
const MAX_DEPTH: u32 = 256;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static PENDING: RefCell<Vec<(Payload, Option<Obj>)>> = const { RefCell::new(Vec::new()) };
}

/// Whether freeing this payload can free other objects (a str's or an int's cannot).
#[inline]
pub(crate) fn holds_objects(payload: &Payload) -> bool {
    !matches!(
        payload,
        Payload::Int(_)
            | Payload::Float(_)
            | Payload::Complex(..)
            | Payload::StrSub(_)
            | Payload::Bytes(_)
            | Payload::ByteArray(_)
            | Payload::Singleton(_)
    )
}

/// Free a dying object's contents (its payload and instance dict), now or, past the depth
/// bound, when the outermost drop gets to them.
pub(crate) fn release(payload: Payload, dict: Option<Obj>) {
    let depth = DEPTH.get();
    if depth >= MAX_DEPTH {
        PENDING.with_borrow_mut(|list| list.push((payload, dict)));
        return;
    }
    DEPTH.set(depth + 1);
    drop(payload);
    drop(dict);
    if depth == 0 {
        // The outermost drop: free what deeper ones left, each again with the whole bound.
        while let Some(next) = PENDING.with_borrow_mut(Vec::pop) {
            drop(next);
        }
    }
    DEPTH.set(depth);
}
