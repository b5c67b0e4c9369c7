//! The table behind `set` and `frozenset`: CPython 3.13's open-addressing set table, slot for
//! slot, so that iteration (which walks the slots) yields elements in CPython's order.
//!
//! The layout rules followed (as `Objects/setobject.c` behaves):
//! - at least 8 slots, always a power of two; an element's probe starts at `hash & mask`,
//!   scans up to 9 following slots when they do not run past the end, then jumps with
//!   `perturb >>= 5; i = (i * 5 + 1 + perturb) & mask` (`perturb` starts as the hash, unsigned);
//! - a new element takes the first deleted slot ("dummy") seen on its probe, else the empty
//!   slot that ended it; only filling an empty slot counts towards `fill`, and when
//!   `fill * 5 >= mask * 3` afterwards the table is rebuilt for `used * 4` (`used * 2` past
//!   50,000 elements): the smallest power of two above that, elements re-inserted in slot order;
//! - deleting leaves a dummy; `pop` scans from a finger left after the previous pop.
//!
//! **For:** storage and slot-order walks. **Not for:** comparing keys: equality may run Python
//! code, so lookups are driven from `crate::ops::mapping`, one slot at a time through
//! [`ProbeCursor`], with no borrow of the table held while Python code runs; any change to the
//! table bumps [`SetTable::version`] so that a lookup can restart as CPython's does.

use crate::value::Value;

/// Slots of an empty table (`PySet_MINSIZE`).
pub const MIN_SIZE: usize = 8;
/// Neighbouring slots a probe scans before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// Bits of the hash consumed by each jump (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
pub struct SetEntry {
    pub hash: i64,
    pub key: Value,
}

#[derive(Clone)]
pub enum Slot {
    Empty,
    /// A deleted element's place: probes continue past it; an insertion may reuse it.
    Dummy,
    Active(SetEntry),
}

#[derive(Clone)]
pub struct SetTable {
    slots: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots: `len()`.
    used: usize,
    /// Where the next `pop` starts looking.
    finger: usize,
    version: u64,
}

impl Default for SetTable {
    fn default() -> SetTable {
        SetTable::new()
    }
}

/// A position in a probe sequence.
#[derive(Clone, Copy)]
pub struct ProbeCursor {
    base: usize,
    offset: usize,
    probes: usize,
    perturb: u64,
}

impl ProbeCursor {
    pub fn new(hash: i64, mask: usize) -> ProbeCursor {
        let base = (hash as u64 as usize) & mask;
        ProbeCursor {
            base,
            offset: 0,
            probes: linear_probes(base, mask),
            perturb: hash as u64,
        }
    }

    pub fn slot(&self) -> usize {
        self.base + self.offset
    }

    pub fn advance(&mut self, mask: usize) {
        if self.offset < self.probes {
            self.offset += 1;
            return;
        }
        self.perturb >>= PERTURB_SHIFT;
        self.base = self
            .base
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(self.perturb as usize)
            & mask;
        self.offset = 0;
        self.probes = linear_probes(self.base, mask);
    }
}

fn linear_probes(base: usize, mask: usize) -> usize {
    if base + LINEAR_PROBES <= mask {
        LINEAR_PROBES
    } else {
        0
    }
}

/// The table size CPython picks for `min_used`: the smallest power of two above it, at least 8.
fn size_for(min_used: usize) -> usize {
    let mut size = MIN_SIZE;
    while size <= min_used {
        size <<= 1;
    }
    size
}

impl SetTable {
    pub fn new() -> SetTable {
        SetTable {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
            version: 0,
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    pub fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    pub fn fill(&self) -> usize {
        self.fill
    }

    /// Changes whenever the table changes (an element added or removed, a rebuild).
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn slot(&self, i: usize) -> Option<&Slot> {
        self.slots.get(i)
    }

    pub fn entry_at(&self, i: usize) -> Option<&SetEntry> {
        match self.slots.get(i) {
            Some(Slot::Active(e)) => Some(e),
            _ => None,
        }
    }

    /// Put a new element at slot `i`, which a probe found free (empty or dummy); rebuild the
    /// table when filling an empty slot brought it to 3/5 full (`set_add_entry`).
    pub fn insert_at(&mut self, i: usize, hash: i64, key: Value) {
        let Some(slot) = self.slots.get_mut(i) else {
            return;
        };
        let was_empty = matches!(slot, Slot::Empty);
        *slot = Slot::Active(SetEntry { hash, key });
        self.used += 1;
        self.version += 1;
        if was_empty {
            self.fill += 1;
            if self.fill * 5 >= self.mask() * 3 {
                self.resize(self.growth_target());
            }
        }
    }

    /// The `minused` CPython passes when a table grows or sheds dummies.
    fn growth_target(&self) -> usize {
        if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// Place an element known to be absent into a table without dummies (`set_insert_clean`).
    fn insert_clean(slots: &mut [Slot], hash: i64, key: Value) {
        let mask = slots.len() - 1;
        let mut cursor = ProbeCursor::new(hash, mask);
        // The table is never full, so the probe ends; the bound only guards the loop.
        for _ in 0..=slots.len() * 2 + 64 {
            if let Some(slot @ Slot::Empty) = slots.get_mut(cursor.slot()) {
                *slot = Slot::Active(SetEntry { hash, key });
                return;
            }
            cursor.advance(mask);
        }
        // Unreachable for a table below 3/5 full; a linear scan keeps the element anyway.
        if let Some(slot) = slots.iter_mut().find(|s| matches!(s, Slot::Empty)) {
            *slot = Slot::Active(SetEntry { hash, key });
        }
    }

    /// Rebuild for `min_used` elements (`set_table_resize`): a small table without dummies
    /// that would stay small is left alone; otherwise elements are re-inserted in slot order.
    pub fn resize(&mut self, min_used: usize) {
        let size = size_for(min_used);
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        for slot in old {
            if let Slot::Active(e) = slot {
                Self::insert_clean(&mut self.slots, e.hash, e.key);
            }
        }
        self.fill = self.used;
        self.version += 1;
    }

    /// Replace slot `i`'s element by a dummy (`set_discard_entry`), returning the element.
    pub fn remove_at(&mut self, i: usize) -> Option<SetEntry> {
        let slot = self.slots.get_mut(i)?;
        if !matches!(slot, Slot::Active(_)) {
            return None;
        }
        let Slot::Active(e) = std::mem::replace(slot, Slot::Dummy) else {
            return None;
        };
        self.used -= 1;
        self.version += 1;
        Some(e)
    }

    /// `set.pop()`: the first element at or after the finger, wrapping around.
    pub fn pop(&mut self) -> Option<SetEntry> {
        if self.used == 0 {
            return None;
        }
        let size = self.slots.len();
        let start = self.finger & self.mask();
        let i = (0..size)
            .map(|k| (start + k) % size)
            .find(|&i| matches!(self.slots.get(i), Some(Slot::Active(_))))?;
        self.finger = i + 1;
        self.remove_at(i)
    }

    /// Empty the table back to 8 slots (`set_clear_internal`), handing back the old slots so
    /// that the caller drops the elements outside any borrow.
    pub fn take_all(&mut self) -> Vec<Slot> {
        self.fill = 0;
        self.used = 0;
        self.version += 1;
        std::mem::replace(&mut self.slots, vec![Slot::Empty; MIN_SIZE])
    }

    /// The start of `set_merge`: one resize up front when `other`'s elements might bring the
    /// table to 3/5 full; then, into an empty table, `other`'s elements are copied (slot for
    /// slot when the sizes match and `other` has no dummies, else by clean insertion in slot
    /// order) and `true` returned. `false`: the caller adds them one by one.
    pub fn merge_fast(&mut self, other: &SetTable) -> bool {
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill != 0 {
            return false;
        }
        if self.slots.len() == other.slots.len() && other.fill == other.used {
            self.slots = other.slots.clone();
        } else {
            for e in other.iter() {
                Self::insert_clean(&mut self.slots, e.hash, e.key.clone());
            }
        }
        self.fill = other.used;
        self.used = other.used;
        self.version += 1;
        true
    }

    /// The up-front resize before adding `n` keys of a dict (`set_update_internal`).
    pub fn reserve_for(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
    }

    /// After a difference update: rebuild when more than a quarter of the slots are dummies.
    pub fn shed_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth_target());
        }
    }

    /// Live elements in slot order.
    pub fn iter(&self) -> impl Iterator<Item = &SetEntry> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Active(e) => Some(e),
            _ => None,
        })
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    pub fn entries(&self) -> Vec<(i64, Value)> {
        self.iter().map(|e| (e.hash, e.key.clone())).collect()
    }

    /// The next live element at or after slot `pos`: (its slot, the element).
    pub fn next_from(&self, mut pos: usize) -> Option<(usize, &SetEntry)> {
        while let Some(slot) = self.slots.get(pos) {
            if let Slot::Active(e) = slot {
                return Some((pos, e));
            }
            pos += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_ints_sit_in_their_slots() {
        let mut t = SetTable::new();
        for n in [3i64, 1, 2] {
            let mut c = ProbeCursor::new(n, t.mask());
            while !matches!(t.slot(c.slot()), Some(Slot::Empty)) {
                c.advance(t.mask());
            }
            t.insert_at(c.slot(), n, Value::Int(n));
        }
        let order: Vec<i64> = t.iter().map(|e| e.hash).collect();
        assert_eq!(order, vec![1, 2, 3]);
    }
}
