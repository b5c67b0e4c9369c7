//! A frame's evaluation stack.
//!
//! **Why not a `Vec`:** `Vec::push` checks capacity and may grow, and on the loop's hottest
//! path (every `LOAD_FAST`, `LOAD_CONST`, call result) that check and the out-of-line call the
//! compiler made of it cost more than the store itself. A code object declares its maximum
//! depth (`co_stacksize`), so the stack is allocated to that many slots up front and a push is
//! a bounds-checked store. Slots at or above the stack pointer are always `None`, so storing
//! into one never runs a destructor, and values leave the stack (pop, truncate, drain) at once:
//! finalisation stays as prompt as CPython's. Hostile code that pushes past its declared depth
//! only grows the allocation (never a panic).
//!
//! A slot holding `None` is CPython's NULL (`PUSH_NULL`, the method form of `LOAD_ATTR`).

use crate::value::Value;

#[derive(Default)]
pub struct ValueStack {
    slots: Vec<Option<Value>>,
    sp: usize,
}

impl ValueStack {
    pub fn with_capacity(n: usize) -> ValueStack {
        let mut slots = Vec::new();
        slots.resize_with(n, || None);
        ValueStack { slots, sp: 0 }
    }

    /// Make room for `n` more values without further allocation.
    pub fn reserve(&mut self, n: usize) {
        let want = self.sp.saturating_add(n);
        if self.slots.len() < want {
            self.slots.resize_with(want, || None);
        }
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.sp
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.sp == 0
    }

    #[inline(always)]
    pub fn push(&mut self, value: Option<Value>) {
        match self.slots.get_mut(self.sp) {
            Some(slot) => {
                // The slot is empty (see the module docs): no destructor to run, and keeping
                // the drop out of line keeps this store a store.
                let old = std::mem::replace(slot, value);
                if old.is_some() {
                    drop_slow(old);
                }
                self.sp += 1;
            }
            None => self.push_past_end(value),
        }
    }

    #[cold]
    #[inline(never)]
    fn push_past_end(&mut self, value: Option<Value>) {
        self.slots.truncate(self.sp);
        self.slots.push(value);
        self.sp += 1;
    }

    /// The top value, taken off; `None` when the stack is empty.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<Option<Value>> {
        if self.sp == 0 {
            return None;
        }
        self.sp -= 1;
        self.slots.get_mut(self.sp).map(Option::take)
    }

    #[inline]
    pub fn last(&self) -> Option<&Option<Value>> {
        self.sp.checked_sub(1).and_then(|i| self.slots.get(i))
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Option<Value>> {
        if i < self.sp { self.slots.get(i) } else { None }
    }

    /// Drop the values from depth `n` up (in stack order, as `Vec::truncate`).
    #[inline]
    pub fn truncate(&mut self, n: usize) {
        if n >= self.sp {
            return;
        }
        let end = self.sp;
        self.sp = n;
        for slot in self.slots.get_mut(n..end).into_iter().flatten() {
            drop(slot.take());
        }
    }

    /// A call's callable, at depth `n`, off the stack with whatever is left above it (the
    /// NULL of a function call; the arguments were taken): returned as an object.
    #[inline]
    pub fn take_callable(&mut self, n: usize) -> Option<crate::value::Obj> {
        let end = self.sp;
        if n >= end {
            return None;
        }
        self.sp = n;
        let callable = self.slots.get_mut(n).and_then(Option::take);
        // At most the NULL of a function call is left above it.
        if end == n + 2 {
            if let Some(rest @ Some(_)) = self.slots.get_mut(n + 1).map(Option::take) {
                drop_slow(rest);
            }
        } else if end > n + 2 {
            for slot in self.slots.get_mut(n + 1..end).into_iter().flatten() {
                drop(slot.take());
            }
        }
        match callable {
            Some(Value::Obj(o)) => Some(o),
            _ => None,
        }
    }

    pub fn clear(&mut self) {
        self.truncate(0);
    }

    pub fn swap(&mut self, a: usize, b: usize) {
        if a < self.sp && b < self.sp {
            self.slots.swap(a, b);
        }
    }

    /// Take the values from `start` up, bottom first; what the caller does not consume is
    /// dropped with the iterator.
    pub fn drain_from(&mut self, start: usize) -> Drain<'_> {
        let end = self.sp;
        let start = start.min(end);
        self.sp = start;
        Drain {
            slots: self
                .slots
                .get_mut(start..end)
                .unwrap_or_default()
                .iter_mut(),
        }
    }
}

#[cold]
#[inline(never)]
fn drop_slow(value: Option<Value>) {
    drop(value);
}

impl std::ops::Index<usize> for ValueStack {
    type Output = Option<Value>;

    /// Callers check `i < len()` first, as with a `Vec` (the loop's handlers do).
    fn index(&self, i: usize) -> &Option<Value> {
        &self.slots[i]
    }
}

pub struct Drain<'a> {
    slots: std::slice::IterMut<'a, Option<Value>>,
}

impl Iterator for Drain<'_> {
    type Item = Option<Value>;

    #[inline]
    fn next(&mut self) -> Option<Option<Value>> {
        self.slots.next().map(Option::take)
    }
}

impl Drop for Drain<'_> {
    fn drop(&mut self) {
        for slot in self.slots.by_ref() {
            drop(slot.take());
        }
    }
}
