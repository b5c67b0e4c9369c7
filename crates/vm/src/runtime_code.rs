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

    /// The (opcode, oparg) units; each `LOAD_GLOBAL`'s first cache unit is given the index of
    /// its entry in `global_cache`. Returns the units and the number of such entries.
    pub(crate) fn decode_units(code: &[u8]) -> (Box<[(u8, u8)]>, usize) {
        let mut units: Box<[(u8, u8)]> = code.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        let load_global = taipan_bytecode::Opcode::LOAD_GLOBAL.number() as u8;
        let extended = taipan_bytecode::Opcode::EXTENDED_ARG.number() as u8;
        let mut slots = 0usize;
        let mut i = 0;
        while i < units.len() {
            let op = units[i].0;
            let caches = taipan_bytecode::Opcode::from_byte(op).map_or(0, |o| o.cache_entries());
            if op == load_global && i + 1 < units.len() && slots < u16::MAX as usize {
                units[i + 1] = ((slots >> 8) as u8, slots as u8);
                slots += 1;
            }
            i += 1 + if op == extended { 0 } else { caches };
        }
        (units, slots)
    }

    pub(crate) fn decode_exception_table(table: &[u8]) -> Box<[ExceptionTableEntry]> {
        exception_table::decode(table).into_boxed_slice()
    }
}
