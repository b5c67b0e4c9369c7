//! Ctrl-C: a SIGINT handler sets a flag that the evaluation loop turns into
//! `KeyboardInterrupt` at the next backward jump or call, as CPython's eval breaker does.
//!
//! Installing a handler needs the C library; without `unsafe` (denied in this workspace) the
//! flag is only set by [`request_interrupt`], which embedders and tests can call. The default
//! SIGINT action (terminate) stays in force for the `taipan` binary until a safe signal crate
//! is adopted.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Ask the running program to raise `KeyboardInterrupt`.
pub fn request_interrupt() {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Whether an interrupt is pending (without taking it).
#[inline]
pub fn interrupt_pending() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// Take a pending interrupt.
#[inline]
pub fn take_interrupt() -> bool {
    INTERRUPTED.load(Ordering::Relaxed) && INTERRUPTED.swap(false, Ordering::Relaxed)
}
