//! A set of names that iterates as CPython 3.13's `set` of `str` does: a simulation of
//! `Objects/setobject.c`'s open-addressing table (insertion, deletion markers, resizing, the
//! table copy of `set(other)` and the merge of `|=`).
//!
//! The analysis hands free names up the tree in such sets, and CPython's `update_symbols` adds
//! the names that only pass through a block to its symbols in the set's iteration order. That
//! order follows the names' `hash()`, so it depends on `PYTHONHASHSEED` (read as
//! [`taipan_hash::HashSecret::from_env`] does: unset means seed 0, where CPython would draw a
//! random seed and change the order from run to run).

use std::sync::OnceLock;

use taipan_hash::HashSecret;

/// `PySet_MINSIZE`.
const MIN_SIZE: usize = 8;
/// `LINEAR_PROBES`.
const LINEAR_PROBES: usize = 9;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Debug)]
enum Slot {
    Unused,
    /// A deleted element's marker (`dummy`): probes pass over it, nothing reuses it.
    Dummy,
    Active(i64, String),
}

/// `hash(name)` under the process's hash secret.
fn str_hash(name: &str) -> i64 {
    static SECRET: OnceLock<HashSecret> = OnceLock::new();
    SECRET
        .get_or_init(|| HashSecret::from_env().unwrap_or_default())
        .hash_str(name.chars().map(u32::from))
}

#[derive(Clone, Debug)]
pub(super) struct NameSet {
    slots: Vec<Slot>,
    /// Active elements plus deletion markers.
    fill: usize,
    /// Active elements.
    used: usize,
}

impl Default for NameSet {
    fn default() -> Self {
        NameSet::new()
    }
}

/// The slots a probe for `hash` visits, in order, in a table of `mask + 1` slots: the home
/// slot and up to 9 after it (when they do not run past the end), then a jump.
fn probe(hash: i64, mask: usize, mut visit: impl FnMut(usize) -> bool) {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for slot in i..=i + probes {
            if visit(slot) {
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// `set_insert_clean`: into the first unused slot of the probe sequence.
fn insert_clean(slots: &mut [Slot], hash: i64, name: String) {
    let mask = slots.len() - 1;
    let mut name = Some(name);
    probe(hash, mask, |i| {
        if matches!(slots[i], Slot::Unused) {
            if let Some(name) = name.take() {
                slots[i] = Slot::Active(hash, name);
            }
            return true;
        }
        false
    });
}

impl NameSet {
    pub fn new() -> NameSet {
        NameSet {
            slots: vec![Slot::Unused; MIN_SIZE],
            fill: 0,
            used: 0,
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The slot holding `name`, if it is there.
    fn find(&self, name: &str, hash: i64) -> Option<usize> {
        let mut found = None;
        probe(hash, self.mask(), |i| match &self.slots[i] {
            Slot::Unused => true,
            Slot::Active(h, n) if *h == hash && n == name => {
                found = Some(i);
                true
            }
            _ => false,
        });
        found
    }

    pub fn contains(&self, name: &str) -> bool {
        self.used > 0 && self.find(name, str_hash(name)).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// `set_add_entry`.
    pub fn insert(&mut self, name: &str) {
        self.insert_hashed(name, str_hash(name));
    }

    fn insert_hashed(&mut self, name: &str, hash: i64) {
        let mask = self.mask();
        let mut unused = None;
        let mut present = false;
        probe(hash, mask, |i| match &self.slots[i] {
            Slot::Unused => {
                unused = Some(i);
                true
            }
            Slot::Active(h, n) if *h == hash && n == name => {
                present = true;
                true
            }
            _ => false,
        });
        let Some(i) = unused else { return };
        if present {
            return;
        }
        self.slots[i] = Slot::Active(hash, name.to_owned());
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            let used = self.used;
            self.resize(if used > 50_000 { used * 2 } else { used * 4 });
        }
    }

    /// `set_discard_entry`: true if `name` was there.
    pub fn remove(&mut self, name: &str) -> bool {
        if self.used == 0 {
            return false;
        }
        let Some(i) = self.find(name, str_hash(name)) else {
            return false;
        };
        self.slots[i] = Slot::Dummy;
        self.used -= 1;
        true
    }

    /// `set_table_resize`: the smallest power of two above `min_used`, the active elements
    /// re-inserted in slot order.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Unused; size]);
        for slot in old {
            if let Slot::Active(hash, name) = slot {
                insert_clean(&mut self.slots, hash, name);
            }
        }
        self.fill = self.used;
    }

    /// `set(other)`: a new set merged from `other`.
    pub fn copy_of(other: &NameSet) -> NameSet {
        let mut set = NameSet::new();
        set.update(other);
        set
    }

    /// `set_merge` (`self |= other`).
    pub fn update(&mut self, other: &NameSet) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            // An empty table of the same size: the slots are copied as they are.
            self.slots = other.slots.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            for slot in &other.slots {
                if let Slot::Active(hash, name) = slot {
                    insert_clean(&mut self.slots, *hash, name.clone());
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        for slot in &other.slots {
            if let Slot::Active(hash, name) = slot {
                self.insert_hashed(name, *hash);
            }
        }
    }

    /// The names in iteration (slot) order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Active(_, name) => Some(name.as_str()),
            _ => None,
        })
    }
}
