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
    pub fn position_of(&self, index: usize) -> Option<(Option<i32>, Option<i32>, Option<i32>, Option<i32>)> {
        let p = taipan_bytecode::linetable::positions_of(&self.object.linetable, self.object.firstlineno)
            .nth(index)?;
        Some((p.line, p.end_line, p.column, p.end_column))
    }

    pub(crate) fn decode_units(code: &[u8]) -> Box<[(u8, u8)]> {
        code.chunks_exact(2).map(|c| (c[0], c[1])).collect()
    }

    pub(crate) fn decode_exception_table(table: &[u8]) -> Box<[ExceptionTableEntry]> {
        exception_table::decode(table).into_boxed_slice()
    }
}
