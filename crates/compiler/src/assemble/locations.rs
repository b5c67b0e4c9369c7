//! `co_linetable`: CPython 3.13's `assemble_location_info`.
//!
//! Each instruction's location covers all its code units (its `EXTENDED_ARG` prefixes and
//! caches included); consecutive instructions with the same location (CPython's
//! `same_location`: all four numbers equal) make one run; a run is written as entries of at
//! most 8 code units, each in the shortest form `write_location_info_entry` picks.
//! [`taipan_bytecode::linetable::encode`] is that writer: it merges equal neighbours, splits at
//! 8 and chooses the short, one-line, no-column, long or none form by the same tests. The one
//! thing to get right here is handing it positions that are equal exactly when CPython's
//! locations are: [`position`] maps every `i32` to itself and `-1` to `None`, which the
//! encoder maps back to `-1`, so no two different locations meet as equal positions.

use taipan_bytecode::linetable::{self, Position};

use super::code_units::Layout;
use crate::ir::{Instr, Location};

/// The location table of `instrs`, laid out as `layout` says, lines counted from
/// `firstlineno` (`co_firstlineno`).
pub fn location_table(instrs: &[Instr], layout: &Layout, firstlineno: i32) -> Vec<u8> {
    let runs: Vec<(u32, Position)> = instrs
        .iter()
        .enumerate()
        .map(|(index, instr)| (layout.size(index), position(instr.loc)))
        .collect();
    linetable::encode(firstlineno, &runs)
}

/// A location as the encoder takes it: CPython's `-1` ("unknown") is `None`, any other number
/// (even another negative one, which the encoder treats as CPython does) is kept.
pub fn position(loc: Location) -> Position {
    let known = |v: i32| (v != -1).then_some(v);
    Position {
        line: known(loc.lineno),
        end_line: known(loc.end_lineno),
        column: known(loc.col_offset),
        end_column: known(loc.end_col_offset),
    }
}

/// The inverse of [`position`].
pub fn location(position: Position) -> Location {
    let raw = |v: Option<i32>| v.unwrap_or(-1);
    Location::new(
        raw(position.line),
        raw(position.end_line),
        raw(position.column),
        raw(position.end_column),
    )
}
