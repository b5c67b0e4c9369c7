//! The table behind `dict`, `set` and `frozenset`: CPython's compact, insertion-ordered design.
//!
//! Entries live in a vector in insertion order (a deleted entry leaves a hole until the next
//! compaction); a hashbrown [`HashTable`] maps a hash to entry indices. Iteration walks the
//! vector, so order is insertion order as in CPython (sets iterate in insertion order too here;
//! CPython's set order differs and is modelled where it is observable: see `objects::set`).
//!
//! **Architecture invariant:** this type never runs Python code. Comparing keys may (a user
//! `__eq__`), so lookups are split: [`DictTable::probe`] answers what it can decide without
//! Python code and hands back the candidates it cannot; `crate::ops::mapping` compares those
//! outside any borrow and re-checks with [`DictTable::version`] that the table did not change
//! meanwhile, as CPython restarts a lookup whose dict mutated under it.

use hashbrown::HashTable;

use crate::value::Value;

thread_local! {
    static VERSIONS: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// A fresh version number, unique across all tables of the thread (CPython's global dict
/// version counter): a cache keyed on (dict, version) can never be fooled by another table.
fn next_version() -> u64 {
    VERSIONS.with(|v| {
        let n = v.get() + 1;
        v.set(n);
        n
    })
}

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default, Clone)]
pub struct DictTable {
    entries: Vec<Option<Entry>>,
    /// Positions in `entries`, as `u32` (half the size of `usize`, as CPython sizes its
    /// indices to the table): a table cannot hold 2^32 entries in this process's memory.
    index: HashTable<u32>,
    used: usize,
    version: u64,
}

/// What a probe found without running Python code.
pub enum Probe {
    Found(usize),
    Absent,
    /// Entries with the same hash whose keys only Python code can compare with the key
    /// ([`DictTable::undecided`] lists them).
    Undecided,
}

impl DictTable {
    pub fn new() -> DictTable {
        DictTable::default()
    }

    pub fn with_capacity(n: usize) -> DictTable {
        DictTable {
            entries: Vec::with_capacity(n),
            index: HashTable::with_capacity(n),
            used: 0,
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

    /// Changes whenever an entry is added, removed or replaced.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The number of entry slots (holes included): the bound of positions for iteration.
    pub fn slots(&self) -> usize {
        self.entries.len()
    }

    pub fn entry_at(&self, pos: usize) -> Option<&Entry> {
        self.entries.get(pos).and_then(Option::as_ref)
    }

    /// The entry holding `key` itself (the same object), if any: the common case of interned
    /// names (attribute and global lookups), found with one index probe and no equality calls.
    #[inline]
    pub fn find_identical(&self, hash: i64, key: &Value) -> Option<usize> {
        self.find_where(hash, |k| k.is(key))
    }

    /// The first entry with this hash whose key satisfies `matches` (which runs no Python
    /// code): one probe sequence.
    #[inline]
    pub fn find_where(&self, hash: i64, matches: impl Fn(&Value) -> bool) -> Option<usize> {
        let entries = &self.entries;
        self.index
            .find(hash as u64, |&i| {
                entries
                    .get(i as usize)
                    .and_then(Option::as_ref)
                    .is_some_and(|e| e.hash == hash && matches(&e.key))
            })
            .map(|&i| i as usize)
    }

    /// Look `key` up, deciding equality with `native_eq` (`Some(answer)` when it can be
    /// decided without Python code).
    #[inline]
    pub fn probe(
        &self,
        hash: i64,
        key: &Value,
        native_eq: impl Fn(&Value, &Value) -> Option<bool>,
    ) -> Probe {
        let mut undecided = false;
        for &i in self.index.iter_hash(hash as u64) {
            let i = i as usize;
            let Some(entry) = self.entries.get(i).and_then(Option::as_ref) else {
                continue;
            };
            if entry.hash != hash {
                continue;
            }
            if entry.key.is(key) {
                return Probe::Found(i);
            }
            match native_eq(&entry.key, key) {
                Some(true) => return Probe::Found(i),
                Some(false) => {}
                None => undecided = true,
            }
        }
        if undecided {
            Probe::Undecided
        } else {
            Probe::Absent
        }
    }

    /// After [`Probe::Undecided`]: the entries (position, key) whose keys only Python code
    /// can compare with `key`.
    pub fn undecided(
        &self,
        hash: i64,
        key: &Value,
        native_eq: impl Fn(&Value, &Value) -> Option<bool>,
    ) -> Vec<(usize, Value)> {
        let mut out = Vec::new();
        for &i in self.index.iter_hash(hash as u64) {
            let i = i as usize;
            if let Some(entry) = self.entries.get(i).and_then(Option::as_ref)
                && entry.hash == hash
                && !entry.key.is(key)
                && native_eq(&entry.key, key).is_none()
            {
                out.push((i, entry.key.clone()));
            }
        }
        out
    }

    /// Append a new entry (the caller checked the key is absent).
    pub fn push(&mut self, hash: i64, key: Value, value: Value) {
        let i = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash as u64, i, |&j| {
            entries
                .get(j as usize)
                .and_then(Option::as_ref)
                .map_or(0, |e| e.hash as u64)
        });
        self.used += 1;
        self.version = next_version();
    }

    /// Replace the value of entry `i`; returns the old value.
    pub fn set_value(&mut self, i: usize, value: Value) -> Option<Value> {
        self.version = next_version();
        self.entries
            .get_mut(i)
            .and_then(Option::as_mut)
            .map(|e| std::mem::replace(&mut e.value, value))
    }

    pub fn value_at(&self, i: usize) -> Option<&Value> {
        self.entry_at(i).map(|e| &e.value)
    }

    /// Remove entry `i`, returning it.
    pub fn remove_at(&mut self, i: usize) -> Option<Entry> {
        let entry = self.entries.get_mut(i)?.take()?;
        if let Ok(found) = self
            .index
            .find_entry(entry.hash as u64, |&j| j as usize == i)
        {
            found.remove();
        }
        self.used -= 1;
        self.version = next_version();
        if self.entries.len() > 16 && self.used * 2 < self.entries.len() {
            self.compact();
        }
        Some(entry)
    }

    /// Drop the holes, keeping order. Entry indices change: iterators notice through
    /// [`DictTable::version`] and the length.
    fn compact(&mut self) {
        let entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries)
            .into_iter()
            .filter(Option::is_some)
            .collect();
        let mut index = HashTable::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                index.insert_unique(e.hash as u64, i as u32, |&j: &u32| {
                    entries
                        .get(j as usize)
                        .and_then(Option::as_ref)
                        .map_or(0, |e| e.hash as u64)
                });
            }
        }
        self.index = index;
        self.entries = entries;
    }

    /// Remove and return the last entry (`dict.popitem()`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let i = self.entries.iter().rposition(Option::is_some)?;
        let entry = self.remove_at(i);
        // Drop trailing holes so repeated popitem stays O(1).
        while matches!(self.entries.last(), Some(None)) {
            self.entries.pop();
        }
        entry
    }

    /// Remove and return the first entry (`set.pop()`).
    pub fn pop_first(&mut self) -> Option<Entry> {
        let i = self.entries.iter().position(Option::is_some)?;
        self.remove_at(i)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.used = 0;
        self.version = next_version();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter_map(Option::as_ref)
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// The next live entry at or after `pos`: (its position, the entry).
    pub fn next_from(&self, mut pos: usize) -> Option<(usize, &Entry)> {
        while pos < self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                return Some((pos, e));
            }
            pos += 1;
        }
        None
    }
}
