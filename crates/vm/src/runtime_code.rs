//! A code object prepared to run: its instructions as (opcode, oparg) units, its constants as
//! values, its names interned, its exception table decoded.
//!
//! Built once per code object (a function's code is shared by every call). The raw
//! [`CodeObject`] is kept for `co_*` attributes, line numbers and `dis`.

use std::cell::Cell;

use taipan_bytecode::exception_table::{self, ExceptionTableEntry};
use taipan_bytecode::{CodeFlags, CodeObject, LocalKind};

use crate::value::Value;

pub struct Code {
    pub object: CodeObject,
    /// `co_code` as (opcode, oparg) pairs, one per code unit (caches included, so that jump
    /// offsets and exception-table offsets index this directly).
    pub units: Box<[(u8, u8)]>,
    pub consts: Box<[Value]>,
    /// `co_names`, interned.
    pub names: Box<[Value]>,
    /// `co_localsplusnames`, interned.
    pub localsplus_names: Box<[Value]>,
    pub localsplus_kinds: Box<[LocalKind]>,
    pub exception_table: Box<[ExceptionTableEntry]>,
    pub flags: CodeFlags,
    pub name: Value,
    pub qualname: Value,
    pub filename: Value,
    /// Index of the first free variable in localsplus.
    pub first_free: usize,
    /// Counts calls, for the adaptive tier (not yet used).
    pub warmup: Cell<u32>,
    /// One entry per `LOAD_GLOBAL`: the value found last time, valid while the globals and
    /// builtins dicts keep the versions recorded with it (CPython's `LOAD_GLOBAL_MODULE`/
    /// `_BUILTIN` specialisations, keyed on dict versions). The instruction's first inline
    /// cache unit holds its index here.
    pub global_cache: Box<[std::cell::RefCell<Option<GlobalCacheEntry>>]>,
    /// One entry per `LOAD_ATTR` and `STORE_ATTR`: what the attribute's name means on
    /// instances of the class seen last time (see `eval::attr_cache`), valid while no type
    /// changed. The instruction's first inline cache unit holds its index here.
    pub attr_cache: Box<[std::cell::RefCell<AttrSiteCache>]>,
}

/// The plans one attribute site has seen, for up to [`AttrSiteCache::WAYS`] classes (a method
/// of a base class sees instances of each subclass).
#[derive(Default)]
pub struct AttrSiteCache {
    pub entries: [Option<AttrCacheEntry>; AttrSiteCache::WAYS],
    /// The entry the next new class replaces.
    pub next: usize,
}

impl AttrSiteCache {
    pub const WAYS: usize = 4;
}

/// A cached attribute plan for instances of one class (CPython's `LOAD_ATTR_INSTANCE_VALUE`,
/// `LOAD_ATTR_METHOD_WITH_VALUES`, `LOAD_ATTR_PROPERTY`, `STORE_ATTR_INSTANCE_VALUE`
/// specialisations, keyed on the type version: here the class's address and the global type
/// epoch, which every class creation and type change advances).
pub struct AttrCacheEntry {
    pub class_id: usize,
    pub epoch: u64,
    pub plan: AttrPlan,
}

/// What `obj.name` (or `obj.name = v`) does on instances of a class with the default
/// `__getattribute__` (`__setattr__`).
#[derive(Clone)]
pub enum AttrPlan {
    /// Load: the instance `__dict__`, then this class attribute (a plain function bound to the
    /// instance, a value without `__get__` as it is; `None`: the general path on a miss).
    /// Store: into the instance `__dict__`.
    ///
    /// `hint` is where the name was last found in an instance dict (CPython's
    /// `LOAD_ATTR_WITH_HINT`): instances of one class usually fill their dicts in the same
    /// order, so the entry at the hint is checked (by key identity) before any hashing.
    Dict {
        class_attr: Option<crate::value::Value>,
        hint: std::cell::Cell<u32>,
    },
    /// A `__slots__` member: the instance's slot at this index.
    Slot(usize),
    /// A property whose getter (load) or setter (store) is this Python function.
    Property(crate::value::Obj),
    /// Anything else: the general path.
    Slow,
}

impl AttrPlan {
    /// A dict plan with no hint yet.
    pub fn dict(class_attr: Option<crate::value::Value>) -> AttrPlan {
        AttrPlan::Dict {
            class_attr,
            hint: std::cell::Cell::new(0),
        }
    }
}

/// A cached global lookup.
pub struct GlobalCacheEntry {
    pub globals_id: usize,
    pub globals_version: u64,
    pub builtins_version: u64,
    pub value: crate::value::Value,
}

impl Code {
    pub fn nlocalsplus(&self) -> usize {
        self.localsplus_names.len()
    }

    pub fn argcount(&self) -> usize {
        self.object.argcount as usize
    }

    pub fn total_args(&self) -> usize {
        let mut n = (self.object.argcount + self.object.kwonlyargcount) as usize;
        if self.flags.contains(CodeFlags::VARARGS) {
            n += 1;
        }
        if self.flags.contains(CodeFlags::VARKEYWORDS) {
            n += 1;
        }
        n
    }

    /// The handler for an exception raised by the instruction at `index` (code units).
    pub fn handler_for(&self, index: usize) -> Option<&ExceptionTableEntry> {
        let index = index as u32;
        self.exception_table
            .iter()
            .find(|e| e.start <= index && index < e.end)
    }

    /// The source line of the instruction at `index` (code units), if it has one.
    pub fn line_of(&self, index: usize) -> Option<i32> {
        self.position_of(index).and_then(|p| p.0)
    }

    /// (line, end line, column, end column) of the instruction at `index`.
    pub fn position_of(
        &self,
        index: usize,
    ) -> Option<(Option<i32>, Option<i32>, Option<i32>, Option<i32>)> {
        let p = taipan_bytecode::linetable::positions_of(
            &self.object.linetable,
            self.object.firstlineno,
        )
        .nth(index)?;
        Some((p.line, p.end_line, p.column, p.end_column))
    }

    /// The (opcode, oparg) units; the first cache unit of each `LOAD_GLOBAL` is given the index
    /// of its entry in `global_cache`, that of each `LOAD_ATTR`/`STORE_ATTR` its entry in
    /// `attr_cache`. Returns the units and the numbers of such entries.
    pub(crate) fn decode_units(code: &[u8]) -> (Box<[(u8, u8)]>, usize, usize) {
        use taipan_bytecode::Opcode;
        let mut units: Box<[(u8, u8)]> = code.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        let load_global = Opcode::LOAD_GLOBAL.number() as u8;
        let load_attr = Opcode::LOAD_ATTR.number() as u8;
        let store_attr = Opcode::STORE_ATTR.number() as u8;
        let extended = Opcode::EXTENDED_ARG.number() as u8;
        let (mut global_slots, mut attr_slots) = (0usize, 0usize);
        let mut i = 0;
        while i < units.len() {
            let op = units[i].0;
            let caches = Opcode::from_byte(op).map_or(0, |o| o.cache_entries());
            let counter = if op == load_global {
                Some(&mut global_slots)
            } else if op == load_attr || op == store_attr {
                Some(&mut attr_slots)
            } else {
                None
            };
            if let Some(slots) = counter
                && i + 1 < units.len()
                && *slots < u16::MAX as usize
            {
                units[i + 1] = ((*slots >> 8) as u8, *slots as u8);
                *slots += 1;
            }
            i += 1 + if op == extended { 0 } else { caches };
        }
        (units, global_slots, attr_slots)
    }

    pub(crate) fn decode_exception_table(table: &[u8]) -> Box<[ExceptionTableEntry]> {
        exception_table::decode(table).into_boxed_slice()
    }
}
