//! The order in which CPython 3.13 iterates a set: a simulation of `Objects/setobject.c`'s
//! open-addressing table.

/// Slots an empty set starts with (`PySet_MINSIZE`).
const MIN_SIZE: usize = 8;
/// How many neighbouring slots a probe scans before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: u64 = 9;
/// How many bits of the hash feed each jump (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

/// Given the hashes of distinct elements added one by one to an empty CPython 3.13 set (or
/// frozenset), the order in which iterating it yields them, as indices into `hashes`.
///
/// This is how `marshal.loads` builds a `frozenset` (`PySet_Add` for each element, in the order
/// stored), and how `set(list)` and `frozenset(tuple)` build theirs; a set built from another set
/// or a dict is filled differently and is not covered. Iteration walks the table slot by slot,
/// so the order is the slot order. The simulation follows `set_add_entry`, `set_table_resize`
/// and `set_insert_clean`:
///
/// - the table starts with 8 slots; an element goes to slot `hash & mask`, else to the first
///   free slot among the next 9 (only if they do not run past the table's end), else the probe
///   jumps: `perturb >>= 5; i = (i * 5 + 1 + perturb) & mask` (`perturb` starts as the hash as
///   an unsigned 64-bit number), scanning the same way from the new `i`;
/// - after each insertion, when `fill * 5 >= mask * 3`, the table is rebuilt with the smallest
///   power of two (at least 8) above `used * 4` (`used * 2` past 50,000 elements), the old
///   slots re-inserted in table order.
///
/// Elements are assumed distinct (an equal element would not be added again). The hashes
/// are the objects' `hash()`: see the other functions of this crate. Sets that lost elements
/// (and so hold deleted markers) are not modelled: a constant never has.
pub fn set_iteration_order(hashes: &[i64]) -> Vec<usize> {
    let mut table = Table::with_size(MIN_SIZE);
    for (index, &hash) in hashes.iter().enumerate() {
        table.insert(hash, index);
        let mask = table.mask() as usize;
        if table.used * 5 >= mask * 3 {
            let used = table.used;
            table = table.resized(if used > 50_000 { used * 2 } else { used * 4 });
        }
    }
    table
        .slots
        .iter()
        .flatten()
        .map(|&(_, index)| index)
        .collect()
}

/// The slots of one table: each free, or an element's hash and its index in the input.
/// With no deletions, CPython's `fill` equals `used`.
struct Table {
    slots: Vec<Option<(i64, usize)>>,
    used: usize,
}

impl Table {
    fn with_size(size: usize) -> Table {
        Table {
            slots: vec![None; size],
            used: 0,
        }
    }

    fn mask(&self) -> u64 {
        self.slots.len() as u64 - 1
    }

    /// A table of the smallest power-of-two size above `min_used` (at least 8), holding this
    /// one's elements re-inserted in slot order (`set_table_resize`).
    fn resized(self, min_used: usize) -> Table {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let mut table = Table::with_size(size);
        for &(hash, index) in self.slots.iter().flatten() {
            table.insert(hash, index);
        }
        table
    }

    /// Puts an element in the first free slot of its probe sequence. `set_add_entry` and
    /// `set_insert_clean` probe alike; the former also compares equal hashes, which never match
    /// here because elements are distinct.
    fn insert(&mut self, hash: i64, index: usize) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = perturb & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for slot in i..=i + probes {
                let slot = &mut self.slots[slot as usize];
                if slot.is_none() {
                    *slot = Some((hash, index));
                    self.used += 1;
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_ints_iterate_in_slot_order() {
        assert_eq!(set_iteration_order(&[3, 1, 2]), vec![1, 2, 0]);
        // 8 collides with 0 in an 8-slot table and lands in the next free slot.
        assert_eq!(set_iteration_order(&[8, 0]), vec![0, 1]);
        assert_eq!(set_iteration_order(&[]), Vec::<usize>::new());
    }
}
