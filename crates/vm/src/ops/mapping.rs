//! Dict and set lookups with Python semantics: keys hash with `__hash__` and compare with
//! `__eq__`, which may run Python code, fail, or mutate the table mid-lookup. Dicts use
//! [`DictTable`], sets [`SetTable`] (CPython's slot layout, probed here one slot at a time).

use crate::dict::{DictTable, Probe};
use crate::error::PyResult;
use crate::object::Payload;
use crate::settable::{ProbeCursor, SetTable, Slot};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Equality decidable without running Python code: exact built-in strings and numbers, and
/// tuples of such (dict keys such as `(word, word)` compare here, not through `__eq__`).
pub fn native_eq(a: &Value, b: &Value) -> Option<bool> {
    native_eq_nested(a, b, 0)
}

/// How deep tuples nest before [`native_eq`] leaves them to `__eq__` (which guards depth).
const NATIVE_EQ_DEPTH: u32 = 16;

/// Whether `o`'s class is a built-in one (not a Python subclass that could override `__eq__`).
fn builtin_class(o: &Obj) -> bool {
    o.0.with_class(|c| {
        c.and_then(crate::types::type_object)
            .is_some_and(|t| !t.heap)
    })
}

fn native_eq_nested(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::None, Value::None) => Some(true),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Int(x), Value::Bool(y)) | (Value::Bool(y), Value::Int(x)) => {
            Some(*x == y.get() as i64)
        }
        (Value::Float(x), Value::Float(y)) => Some(x.get() == y.get()),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            Some(crate::objects::float::int_float_eq(*x, y.get()))
        }
        (Value::Str(s), Value::Str(t)) => Some(s.eq_str(t)),
        (Value::Obj(x), Value::Obj(y)) => match (x.payload(), y.payload()) {
            (Payload::Bytes(s), Payload::Bytes(t)) => Some(s == t),
            (Payload::Int(s), Payload::Int(t)) if x.0.dict.is_none() && y.0.dict.is_none() => {
                Some(s == t)
            }
            // As CPython's tuple comparison: lengths, then each pair by identity or `==`.
            (Payload::Tuple(s), Payload::Tuple(t))
                if depth < NATIVE_EQ_DEPTH && builtin_class(x) && builtin_class(y) =>
            {
                if s.len() != t.len() {
                    return Some(false);
                }
                for (p, q) in s.iter().zip(t.iter()) {
                    if !p.is(q) && !native_eq_nested(p, q, depth + 1)? {
                        return Some(false);
                    }
                }
                Some(true)
            }
            _ => None,
        },
        // An exact str is never equal to an immediate or to a built-in object of another type
        // (a str subclass instance may define `__eq__`).
        (Value::Str(_), Value::Obj(o)) | (Value::Obj(o), Value::Str(_)) => match o.payload() {
            Payload::Bytes(_) | Payload::Tuple(_) if o.0.dict.is_none() => Some(false),
            _ => None,
        },
        (Value::Str(_), _) | (_, Value::Str(_)) => Some(false),
        (Value::Obj(o), _) | (_, Value::Obj(o)) => match o.payload() {
            // A bytes or tuple is never equal to an immediate.
            Payload::Bytes(_) | Payload::Tuple(_) if o.0.dict.is_none() => Some(false),
            _ => None,
        },
        _ => Some(false),
    }
}

fn table_of(obj: &Obj) -> Option<&std::cell::RefCell<DictTable>> {
    match obj.payload() {
        Payload::Dict(t) => Some(t),
        _ => None,
    }
}

/// The table of a `set` or `frozenset`.
pub fn set_table_of(obj: &Obj) -> Option<&std::cell::RefCell<SetTable>> {
    match obj.payload() {
        Payload::Set(t) | Payload::FrozenSet(t) => Some(t),
        _ => None,
    }
}

/// Where a set lookup ended.
pub enum SetLookup {
    /// The slot holding an equal element.
    Found(usize),
    /// Absent: the slot a new element would take (the first dummy of the probe, else the
    /// empty slot that ended it), valid for the table `version` given.
    Absent { slot: usize, version: u64 },
}

/// Look `key` up in a set table the way CPython's `set_add_entry`/`set_lookkey` probe:
/// slot by slot, comparing elements of equal hash; a comparison that runs Python code does so
/// with no borrow held, and when the table changed meanwhile the lookup starts again.
pub fn set_lookup(
    vm: &mut Vm,
    cell: &std::cell::RefCell<SetTable>,
    key: &Value,
    hash: i64,
) -> PyResult<SetLookup> {
    'restart: loop {
        let t = cell.borrow();
        let mask = t.mask();
        let mut cursor = ProbeCursor::new(hash, mask);
        let mut free_slot = None;
        let mut t = Some(t);
        // Each step visits one slot; a table is never full, so the walk ends at an empty slot.
        loop {
            let table = match t.take() {
                Some(b) => b,
                None => cell.borrow(),
            };
            let i = cursor.slot();
            let candidate = match table.slot(i) {
                None | Some(Slot::Empty) => {
                    return Ok(SetLookup::Absent {
                        slot: free_slot.unwrap_or(i),
                        version: table.version(),
                    });
                }
                Some(Slot::Dummy) => {
                    free_slot.get_or_insert(i);
                    None
                }
                Some(Slot::Active(e)) if e.hash == hash => {
                    if e.key.is(key) {
                        return Ok(SetLookup::Found(i));
                    }
                    match native_eq(&e.key, key) {
                        Some(true) => return Ok(SetLookup::Found(i)),
                        Some(false) => None,
                        None => Some(e.key.clone()),
                    }
                }
                Some(Slot::Active(_)) => None,
            };
            if let Some(candidate) = candidate {
                let version = table.version();
                drop(table);
                let equal = vm.eq(&candidate, key)?;
                if equal {
                    return Ok(SetLookup::Found(i));
                }
                let table = cell.borrow();
                if table.version() != version {
                    continue 'restart;
                }
                t = Some(table);
            } else {
                t = Some(table);
            }
            cursor.advance(mask);
        }
    }
}

/// Add `key` (hashed as `hash`) to a set table unless an equal element is there
/// (`set_add_entry`). Returns whether it was added.
pub fn set_add_hashed(
    vm: &mut Vm,
    cell: &std::cell::RefCell<SetTable>,
    key: Value,
    hash: i64,
) -> PyResult<bool> {
    loop {
        match set_lookup(vm, cell, &key, hash)? {
            SetLookup::Found(_) => return Ok(false),
            SetLookup::Absent { slot, version } => {
                let mut t = cell.borrow_mut();
                if t.version() != version {
                    continue;
                }
                t.insert_at(slot, hash, key);
                return Ok(true);
            }
        }
    }
}

/// Remove the element equal to `key` from a set table (`set_discard_entry`); the removed
/// element is dropped by the caller, outside any borrow.
pub fn set_discard_hashed(
    vm: &mut Vm,
    cell: &std::cell::RefCell<SetTable>,
    key: &Value,
    hash: i64,
) -> PyResult<Option<Value>> {
    match set_lookup(vm, cell, key, hash)? {
        SetLookup::Found(i) => Ok(cell.borrow_mut().remove_at(i).map(|e| e.key)),
        SetLookup::Absent { .. } => Ok(None),
    }
}

/// Find the entry index of `key` (hashed as `hash`) in `table_owner`'s table.
pub fn find(vm: &mut Vm, owner: &Obj, key: &Value, hash: i64) -> PyResult<Option<usize>> {
    let cell = match owner.payload() {
        Payload::Dict(t) => t,
        Payload::Set(t) | Payload::FrozenSet(t) => {
            return Ok(match set_lookup(vm, t, key, hash)? {
                SetLookup::Found(i) => Some(i),
                SetLookup::Absent { .. } => None,
            });
        }
        _ => return Ok(None),
    };
    loop {
        let (candidates, version) = {
            let t = cell.borrow();
            let candidates = match t.probe(hash, key, native_eq) {
                Probe::Found(i) => return Ok(Some(i)),
                Probe::Absent => return Ok(None),
                Probe::Undecided => t.undecided(hash, key, native_eq),
            };
            (candidates, t.version())
        };
        let mut restart = false;
        for (i, candidate) in candidates {
            let equal = vm.eq(&candidate, key)?;
            if cell.borrow().version() != version {
                // The table changed under the comparison: look again, as CPython does.
                restart = true;
                break;
            }
            if equal {
                return Ok(Some(i));
            }
        }
        if !restart {
            return Ok(None);
        }
    }
}

/// `d.get(key)` (`None` when absent). Raises for unhashable keys.
pub fn dict_get(vm: &mut Vm, dict: &Obj, key: &Value) -> PyResult<Option<Value>> {
    let hash = vm.hash(key)?;
    dict_get_hashed(vm, dict, key, hash)
}

pub fn dict_get_hashed(vm: &mut Vm, dict: &Obj, key: &Value, hash: i64) -> PyResult<Option<Value>> {
    let Some(i) = find(vm, dict, key, hash)? else {
        return Ok(None);
    };
    Ok(table_of(dict).and_then(|t| t.borrow().value_at(i).cloned()))
}

/// Look up a `str` key without running Python code (namespaces, type dicts). Keys that are
/// not exact strings are skipped, which only matters for namespaces holding odd keys.
pub fn table_get_str(vm: &Vm, table: &DictTable, name: &Value) -> Option<Value> {
    let Some(s) = name.as_str_obj() else {
        return None;
    };
    let hash = s.hash(vm.hash_secret());
    if let Some(i) = table.find_identical(hash, name) {
        return table.value_at(i).cloned();
    }
    match table.probe(hash, name, native_eq) {
        Probe::Found(i) => table.value_at(i).cloned(),
        _ => None,
    }
}

/// [`table_get_str`] on a dict object, trying the entry at `hint` first and leaving there
/// where the name was found (see `AttrPlan::Dict`).
#[inline]
pub fn dict_get_str_hinted(
    vm: &Vm,
    dict: &Obj,
    name: &Value,
    hint: &std::cell::Cell<u32>,
) -> Option<Value> {
    let table = table_of(dict)?.borrow();
    if let Some(e) = table.entry_at(hint.get() as usize)
        && e.key.is(name)
    {
        return Some(e.value.clone());
    }
    let i = find_str(vm, &table, name)?;
    hint.set(i as u32);
    table.value_at(i).cloned()
}

/// `obj.name = value` into an instance dict, trying the entry at `hint` first: the value
/// replaced, if any (for the caller to drop).
#[inline]
pub fn dict_set_str_hinted(
    vm: &Vm,
    dict: &Obj,
    name: &Value,
    value: Value,
    hint: &std::cell::Cell<u32>,
) -> Option<Value> {
    let mut table = table_of(dict)?.borrow_mut();
    let at = hint.get() as usize;
    if table.entry_at(at).is_some_and(|e| e.key.is(name)) {
        return table.set_value(at, value);
    }
    match find_str(vm, &table, name) {
        Some(i) => {
            hint.set(i as u32);
            table.set_value(i, value)
        }
        None => {
            let Some(s) = name.as_str_obj() else {
                return None;
            };
            hint.set(table.slots() as u32);
            table.push(s.hash(vm.hash_secret()), name.clone(), value);
            None
        }
    }
}

/// The entry of a str key, in one pass over the candidates: the key itself, or an equal str.
/// (A key that only Python code could compare with it counts as different, as in
/// [`table_get_str`].)
#[inline]
fn find_str(vm: &Vm, table: &DictTable, name: &Value) -> Option<usize> {
    let Some(s) = name.as_str_obj() else {
        return None;
    };
    table.find_where(s.hash(vm.hash_secret()), |key| {
        key.is(name) || native_eq(key, name) == Some(true)
    })
}

/// [`table_get_str`] on a dict object.
pub fn dict_get_str_value(vm: &Vm, dict: &Obj, name: &Value) -> Option<Value> {
    table_of(dict).and_then(|t| table_get_str(vm, &t.borrow(), name))
}

pub fn dict_get_str(vm: &Vm, dict: &Obj, name: &str) -> Option<Value> {
    let key = vm.intern(name);
    dict_get_str_value(vm, dict, &key)
}

/// `d[key] = value`.
pub fn dict_set(vm: &mut Vm, dict: &Obj, key: Value, value: Value) -> PyResult<()> {
    let hash = vm.hash(&key)?;
    dict_set_hashed(vm, dict, key, hash, value)
}

pub fn dict_set_hashed(
    vm: &mut Vm,
    dict: &Obj,
    key: Value,
    hash: i64,
    value: Value,
) -> PyResult<()> {
    let found = find(vm, dict, &key, hash)?;
    let Some(cell) = table_of(dict) else {
        return Ok(());
    };
    let old = {
        let mut t = cell.borrow_mut();
        match found {
            Some(i) if t.entry_at(i).is_some() => t.set_value(i, value),
            _ => {
                t.push(hash, key, value);
                None
            }
        }
    };
    // The replaced value is dropped here, outside the borrow (its finaliser may run code).
    drop(old);
    Ok(())
}

/// Store a `str` key that hashes natively.
pub fn dict_set_str(vm: &Vm, dict: &Obj, name: &str, value: Value) {
    let key = vm.intern(name);
    dict_set_str_value(vm, dict, key, value);
}

pub fn dict_set_str_value(vm: &Vm, dict: &Obj, key: Value, value: Value) {
    let Some(s) = key.as_str_obj() else { return };
    let hash = s.hash(vm.hash_secret());
    let Some(cell) = table_of(dict) else { return };
    let old = {
        let mut t = cell.borrow_mut();
        match t.probe(hash, &key, native_eq) {
            Probe::Found(i) => t.set_value(i, value),
            _ => {
                t.push(hash, key, value);
                None
            }
        }
    };
    drop(old);
}

/// `del d[key]`: the removed value, or `None` when the key was absent.
pub fn dict_del(vm: &mut Vm, dict: &Obj, key: &Value) -> PyResult<Option<Value>> {
    let hash = vm.hash(key)?;
    let Some(i) = find(vm, dict, key, hash)? else {
        return Ok(None);
    };
    let removed = table_of(dict).and_then(|t| t.borrow_mut().remove_at(i));
    Ok(removed.map(|e| e.value))
}

/// `key in d` / `key in s`.
pub fn contains(vm: &mut Vm, owner: &Obj, key: &Value) -> PyResult<bool> {
    let hash = vm.hash(key)?;
    Ok(find(vm, owner, key, hash)?.is_some())
}

/// Add to a set's table (`set.add`).
pub fn set_add(vm: &mut Vm, set: &Obj, key: Value) -> PyResult<()> {
    let hash = vm.hash(&key)?;
    if let Some(cell) = set_table_of(set) {
        set_add_hashed(vm, cell, key, hash)?;
    }
    Ok(())
}
