//! PEP 626/657 location table (`co_linetable`): decoding to `co_lines()`/`co_positions()`, encoding.
//!
//! The table is a sequence of entries, each giving one source location to the next 1 to 8 code
//! units (CPython's `Objects/locations.md`). An entry's first byte is `1kkkklll`: bit 7 marks the
//! start of an entry, `kkkk` is its kind, `lll` its length in code units minus one. Lines are
//! deltas from the previous entry's line, starting at `co_firstlineno`. By kind:
//!
//! | kind  | form      | bytes after the first                       | location                       |
//! |-------|-----------|---------------------------------------------|--------------------------------|
//! | 0-9   | short     | `0ccceeee`                                  | same line, column `kind*8 + ccc`, end column `column + eeee` |
//! | 10-12 | one line  | column, end column                          | line delta `kind - 10`, one line |
//! | 13    | no column | signed varint line delta                    | columns unknown                |
//! | 14    | long      | signed line delta, end-line delta, column + 1, end column + 1 (varints) | anything |
//! | 15    | none      | —                                           | no location at all             |
//!
//! Varints here are little-endian groups of 6 bits, bit 6 meaning "more follows"; a signed
//! varint keeps the sign in its lowest bit. (The exception table's varints are big-endian.)
//!
//! Decoding mirrors `Objects/codeobject.c` exactly, including its two different readers: the
//! `co_positions()` one reads each entry's bytes in sequence, the `co_lines()` one skips to the
//! next byte with bit 7 set. A last entry cut short reads as in CPython, which runs into the NUL
//! byte ending every `bytes` object: one 0 is read past the end. Where CPython would read
//! further (undefined behaviour), the iteration ends. So no input makes them panic or loop.

use crate::CodeObject;

/// A source location, as one item of `co_positions()`: `(lineno, end_lineno, col_offset,
/// end_col_offset)`, each `None` where CPython yields `None`.
///
/// Columns are UTF-8 byte offsets, the end exclusive. CPython yields `None` for a stored `-1`:
/// a "none" entry gives four `None`s, a "no column" entry gives both columns `None` (and the end
/// line equal to the line), a long entry can give any part `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Position {
    pub line: Option<i32>,
    pub end_line: Option<i32>,
    pub column: Option<i32>,
    pub end_column: Option<i32>,
}

impl Position {
    /// No location: what a kind-15 entry gives.
    pub const NONE: Position = Position {
        line: None,
        end_line: None,
        column: None,
        end_column: None,
    };

    /// From CPython's `int`s, where `-1` means unknown (`_source_offset_converter`).
    fn from_raw(line: i32, end_line: i32, column: i32, end_column: i32) -> Position {
        let known = |v: i32| (v != -1).then_some(v);
        Position {
            line: known(line),
            end_line: known(end_line),
            column: known(column),
            end_column: known(end_column),
        }
    }
}

/// Entry kinds (`_PyCodeLocationInfoKind`); 0 to 9 are the short forms.
const ONE_LINE0: u8 = 10;
const NO_COLUMNS: u8 = 13;
const LONG: u8 = 14;
const NO_LOCATION: u8 = 15;

/// The entries of a table: `(length in code units, location)`, in order, as `co_positions()`
/// reads them (CPython's `advance_with_locations`). [`encode`] of these entries gives the table
/// back for any table CPython's compiler wrote.
pub fn entries(table: &[u8], first_line: i32) -> Entries<'_> {
    Entries {
        reader: Reader { table, next: 0 },
        line: first_line,
    }
}

/// One [`Position`] per code unit the table covers: `code.co_positions()`.
///
/// As in CPython, the table decides the count, not `co_code`: for every code object CPython's
/// compiler makes, they agree; a hand-made table may cover fewer or more units than the code.
pub fn positions(code: &CodeObject) -> impl Iterator<Item = Position> + '_ {
    positions_of(&code.linetable, code.firstlineno)
}

/// [`positions`] for a bare table and `co_firstlineno`.
pub fn positions_of(table: &[u8], first_line: i32) -> impl Iterator<Item = Position> + '_ {
    entries(table, first_line)
        .flat_map(|(units, position)| std::iter::repeat_n(position, units as usize))
}

/// `code.co_lines()`: `(start, end, line)` with byte offsets into `co_code`, the end exclusive,
/// consecutive entries with the same line merged into one range (as `lineiter_next` does; a run
/// of unknown lines merges too).
pub fn lines(code: &CodeObject) -> impl Iterator<Item = (u32, u32, Option<i32>)> + '_ {
    lines_of(&code.linetable, code.firstlineno)
}

/// [`lines`] for a bare table and `co_firstlineno`.
pub fn lines_of(table: &[u8], first_line: i32) -> Lines<'_> {
    Lines {
        ranges: Ranges {
            table,
            next: 0,
            line: first_line,
            end: 0,
        },
        pending: None,
    }
}

/// Iterator of [`entries`].
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    reader: Reader<'a>,
    /// CPython's `computed_line`: the line the deltas apply to.
    line: i32,
}

impl Iterator for Entries<'_> {
    type Item = (u32, Position);

    fn next(&mut self) -> Option<(u32, Position)> {
        // A truncated entry ends the table: put the reader at the end so it stays ended.
        let entry = self.read_entry();
        if entry.is_none() {
            self.reader.next = self.reader.table.len();
        }
        entry
    }
}

impl Entries<'_> {
    fn read_entry(&mut self) -> Option<(u32, Position)> {
        if self.reader.at_end() {
            return None;
        }
        let first = self.reader.byte()?;
        let kind = (first >> 3) & 15;
        let units = u32::from(first & 7) + 1;
        let position = match kind {
            NO_LOCATION => Position::NONE,
            LONG => {
                let delta = self.reader.signed_varint()?;
                let line = self.line.wrapping_add(delta);
                let end_line = line.wrapping_add(self.reader.varint()? as i32);
                let column = (self.reader.varint()? as i32).wrapping_sub(1);
                let end_column = (self.reader.varint()? as i32).wrapping_sub(1);
                self.line = line;
                Position::from_raw(line, end_line, column, end_column)
            }
            NO_COLUMNS => {
                self.line = self.line.wrapping_add(self.reader.signed_varint()?);
                Position::from_raw(self.line, self.line, -1, -1)
            }
            ONE_LINE0..=12 => {
                let column = i32::from(self.reader.byte()?);
                let end_column = i32::from(self.reader.byte()?);
                self.line = self.line.wrapping_add(i32::from(kind - ONE_LINE0));
                Position::from_raw(self.line, self.line, column, end_column)
            }
            _ => {
                // Short form: CPython ORs the byte's high nibble into the column (bit 7 of a
                // well-formed second byte is clear, so that is the 3 low column bits).
                let second = self.reader.byte()?;
                let column = i32::from(kind) << 3 | i32::from(second >> 4);
                let end_column = column + i32::from(second & 15);
                Position::from_raw(self.line, self.line, column, end_column)
            }
        };
        Some((units, position))
    }
}

/// Reads bytes and varints off the table for [`Entries`].
///
/// Past the last byte it reads one 0: a CPython `bytes` object ends with a NUL byte, which its
/// reader runs into when the table's last entry is cut short. Reading further would be
/// undefined in CPython; here it gives `None`, ending the iteration.
#[derive(Clone, Debug)]
struct Reader<'a> {
    table: &'a [u8],
    next: usize,
}

impl Reader<'_> {
    fn at_end(&self) -> bool {
        self.next >= self.table.len()
    }

    fn byte(&mut self) -> Option<u8> {
        let byte = match self.next.cmp(&self.table.len()) {
            std::cmp::Ordering::Less => self.table[self.next],
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => return None,
        };
        self.next += 1;
        Some(byte)
    }

    fn varint(&mut self) -> Option<u32> {
        scan_varint(std::iter::from_fn(|| self.byte()))
    }

    fn signed_varint(&mut self) -> Option<i32> {
        self.varint().map(unsign)
    }
}

/// An unsigned varint from `bytes`, or `None` if they run out first.
///
/// CPython accumulates in an `unsigned int` with `(byte & 63) << shift`; past 32 bits that
/// shift is undefined in C, and x86-64 (the oracle's build) takes the count modulo 32, which
/// `wrapping_shl` does too. Only hostile tables have such varints (`co_lines()` meets them when
/// a varint's continuation bits run into the following entries).
fn scan_varint(mut bytes: impl Iterator<Item = u8>) -> Option<u32> {
    let mut value = 0u32;
    let mut shift = 0u32;
    loop {
        let byte = bytes.next()?;
        value |= u32::from(byte & 63).wrapping_shl(shift);
        if byte & 64 == 0 {
            return Some(value);
        }
        shift = shift.wrapping_add(6);
    }
}

/// A signed varint's value from its unsigned form: the sign is the lowest bit.
fn unsign(value: u32) -> i32 {
    let magnitude = (value >> 1) as i32;
    if value & 1 != 0 {
        -magnitude
    } else {
        magnitude
    }
}

/// The address ranges `co_lines()` starts from: CPython's `advance`, which reads only each
/// entry's first byte and line delta, then skips to the next byte with bit 7 set.
#[derive(Clone, Debug)]
struct Ranges<'a> {
    table: &'a [u8],
    next: usize,
    line: i32,
    /// Byte offset where the next range starts.
    end: u32,
}

impl Iterator for Ranges<'_> {
    /// `(start, end, line)` in bytes, `-1` for no line.
    type Item = (u32, u32, i32);

    fn next(&mut self) -> Option<(u32, u32, i32)> {
        let first = *self.table.get(self.next)?;
        let kind = (first >> 3) & 15;
        let delta = match kind {
            // Past the table's end CPython reads its NUL terminator, which ends any varint.
            NO_COLUMNS | LONG => {
                let bytes = self.table[self.next + 1..].iter().copied().chain([0]);
                scan_varint(bytes).map_or(0, unsign)
            }
            11 => 1,
            12 => 2,
            _ => 0,
        };
        self.line = self.line.wrapping_add(delta);
        let line = if kind == NO_LOCATION { -1 } else { self.line };
        let start = self.end;
        self.end = start.wrapping_add((u32::from(first & 7) + 1) * 2);
        self.next += 1;
        while self.next < self.table.len() && self.table[self.next] & 128 == 0 {
            self.next += 1;
        }
        Some((start, self.end, line))
    }
}

/// Iterator of [`lines`].
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    ranges: Ranges<'a>,
    /// The range read past the end of the previous merge (CPython steps back over it).
    pending: Option<(u32, u32, i32)>,
}

impl Iterator for Lines<'_> {
    type Item = (u32, u32, Option<i32>);

    fn next(&mut self) -> Option<(u32, u32, Option<i32>)> {
        let (start, mut end, line) = self.pending.take().or_else(|| self.ranges.next())?;
        for range in self.ranges.by_ref() {
            if range.2 != line {
                self.pending = Some(range);
                break;
            }
            end = range.1;
        }
        Some((start, end, (line != -1).then_some(line)))
    }
}

/// The table CPython 3.13's assembler writes (`assemble_location_info` in
/// `Python/assemble.c`) for instructions with these locations, given as `(length in code units,
/// location)` runs, starting from `co_firstlineno`.
///
/// Like the assembler, consecutive runs with equal locations are merged first, runs of zero
/// units are dropped, and runs longer than 8 units are split into entries of 8 and a remainder.
/// Each entry takes the shortest form that holds it (`write_location_info_entry`):
///
/// - no line (`None` or negative): kind 15;
/// - a column unknown, on one line (end line equal or unknown): kind 13, the line delta only;
/// - on one line with the same line as the previous entry, column < 80, end column within
///   0..16 after it: a short form (this does not move the current line);
/// - on one line, line delta 0, 1 or 2, both columns < 128: a one-line form;
/// - anything else: the long form.
pub fn encode(first_line: i32, locations: &[(u32, Position)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut line = first_line;
    let mut run: Option<(u32, Position)> = None;
    for &(units, position) in locations.iter().filter(|(units, _)| *units > 0) {
        match &mut run {
            Some((len, current)) if *current == position => *len += units,
            _ => {
                if let Some((len, current)) = run {
                    emit_run(&mut out, &mut line, current, len);
                }
                run = Some((units, position));
            }
        }
    }
    if let Some((len, current)) = run {
        emit_run(&mut out, &mut line, current, len);
    }
    out
}

/// `assemble_emit_location`: entries of at most 8 units.
fn emit_run(out: &mut Vec<u8>, line: &mut i32, position: Position, mut units: u32) {
    while units > 8 {
        emit_entry(out, line, position, 8);
        units -= 8;
    }
    emit_entry(out, line, position, units);
}

/// `write_location_info_entry`: one entry of 1 to 8 units; `line` is the assembler's
/// `a_lineno`, the line the next delta is taken from.
fn emit_entry(out: &mut Vec<u8>, line: &mut i32, position: Position, units: u32) {
    let start = |out: &mut Vec<u8>, kind: u8| out.push(0x80 | kind << 3 | (units - 1) as u8);
    let raw = |v: Option<i32>| v.unwrap_or(-1);
    let lineno = raw(position.line);
    let end_lineno = raw(position.end_line);
    let column = raw(position.column);
    let end_column = raw(position.end_column);
    if lineno < 0 {
        start(out, NO_LOCATION);
        return;
    }
    let delta = lineno.wrapping_sub(*line);
    if column < 0 || end_column < 0 {
        if end_lineno == lineno || end_lineno == -1 {
            start(out, NO_COLUMNS);
            write_signed_varint(out, delta);
            *line = lineno;
            return;
        }
    } else if end_lineno == lineno {
        if delta == 0 && column < 80 && end_column >= column && end_column - column < 16 {
            start(out, (column >> 3) as u8);
            out.push(((column & 7) << 4) as u8 | (end_column - column) as u8);
            return;
        }
        if (0..3).contains(&delta) && column < 128 && end_column < 128 {
            start(out, ONE_LINE0 + delta as u8);
            out.push(column as u8);
            out.push(end_column as u8);
            *line = lineno;
            return;
        }
    }
    start(out, LONG);
    write_signed_varint(out, delta);
    // C passes these differences and offsets as `unsigned int`: a negative one wraps.
    write_varint(out, end_lineno.wrapping_sub(lineno) as u32);
    write_varint(out, column.wrapping_add(1) as u32);
    write_varint(out, end_column.wrapping_add(1) as u32);
    *line = lineno;
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 64 {
        out.push(64 | (value & 63) as u8);
        value >>= 6;
    }
    out.push(value as u8);
}

fn write_signed_varint(out: &mut Vec<u8>, value: i32) {
    let magnitude = value.unsigned_abs();
    let value = if value < 0 {
        (magnitude << 1) | 1
    } else {
        magnitude << 1
    };
    write_varint(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_tables_end_cleanly() {
        // Truncated varints, a short form without its second byte, bytes without bit 7.
        let tables: [&[u8]; 6] = [
            &[0xf0],
            &[0xe8, 0xff, 0xff],
            &[0x80],
            &[0xd0, 0x01],
            &[0x05, 0x7f, 0x7f, 0x41],
            &[
                0xf7, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x01, 0x02, 0x03,
            ],
        ];
        for table in tables {
            let _ = positions_of(table, 1).count();
            let _ = lines_of(table, i32::MAX).count();
            let _ = entries(table, i32::MIN).count();
        }
        // A long entry cut short: co_positions() stops, co_lines() reads CPython's NUL as a
        // line delta of 0.
        assert_eq!(entries(&[0xf0], 1).count(), 0);
        assert_eq!(
            lines_of(&[0xf0], 7).collect::<Vec<_>>(),
            vec![(0, 2, Some(7))]
        );
    }

    #[test]
    fn varints() {
        for value in [0u32, 1, 63, 64, 4095, 4096, u32::MAX] {
            let mut out = Vec::new();
            write_varint(&mut out, value);
            assert_eq!(scan_varint(out.iter().copied()), Some(value));
        }
        for value in [0i32, 1, -1, 300, -300, i32::MAX, -i32::MAX] {
            let mut out = Vec::new();
            write_signed_varint(&mut out, value);
            assert_eq!(scan_varint(out.iter().copied()).map(unsign), Some(value));
        }
    }
}
