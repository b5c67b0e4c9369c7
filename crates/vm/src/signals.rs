//! Ctrl-C: `KeyboardInterrupt` at the next safe point, as CPython's eval breaker.
//!
//! Each [`Vm`] has an interrupt flag ([`Vm::interrupt_flag`]). Whoever owns the process sets
//! it from a signal handler: the `taipan` binary registers it for SIGINT (through the
//! `signal-hook` crate, whose registration is a safe API: `unsafe` is denied here); an
//! embedder may share it with its own handler or set it from another thread. The loop checks
//! it at calls and backward jumps (CPython's points: a loop or a recursion always reaches
//! one) and raises `KeyboardInterrupt` there. The library installs no handler itself: what a
//! signal does to a process is its owner's choice.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::vm::Vm;

impl Vm {
    /// The flag that makes this VM raise `KeyboardInterrupt` at its next safe point.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }

    /// Ask the running program to raise `KeyboardInterrupt`.
    pub fn request_interrupt(&self) {
        self.interrupt.store(true, Ordering::Relaxed);
    }

    /// Whether an interrupt is pending (without taking it).
    #[inline]
    pub(crate) fn interrupt_pending(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed)
    }

    /// Take a pending interrupt.
    #[inline]
    pub(crate) fn take_interrupt(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed) && self.interrupt.swap(false, Ordering::Relaxed)
    }
}
