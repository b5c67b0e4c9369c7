//! The exception table (`co_exceptiontable`): decoding and encoding.
//!
//! Since 3.11 CPython finds an exception's handler in a table instead of a block stack
//! (`Objects/exception_handling_notes.txt`). Each entry is four varints: the start of a range of
//! code units, its length, the handler's offset, and the stack depth at the handler shifted left
//! once with the *lasti* flag (push the offset of the raising instruction too) in bit 0. A varint
//! is big-endian groups of 6 bits, bit 6 meaning "more follows"; the assembler sets bit 7 on the
//! first byte of each entry so that the table can be searched from the middle.

/// One entry: exceptions raised by the code units `start..end` go to `target`, with the stack
/// cut to `depth` items (plus the offset of the raising instruction if `lasti`, then the
/// exception).
///
/// Offsets are in **code units** (2 bytes each) as the table stores them; `dis` shows them in
/// bytes, `start * 2` to `end * 2`, and `dis._parse_exception_table` returns bytes too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExceptionTableEntry {
    pub start: u32,
    /// Exclusive: the table stores `end - start`.
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// The entries of a table, as `dis._parse_exception_table` reads them: four varints per entry,
/// bit 7 ignored (it only marks entry starts), up to the first entry cut short by the end of the
/// table, which is dropped with everything after it.
///
/// `dis` reads unbounded Python integers; a value that does not fit in `u32`, or an `end` past
/// `u32::MAX`, cannot come from CPython's assembler (it asserts values below 2^30), and also
/// ends the decoding here.
pub fn decode(table: &[u8]) -> Vec<ExceptionTableEntry> {
    let mut bytes = table.iter().copied();
    let mut entries = Vec::new();
    while let Some(entry) = decode_entry(&mut bytes) {
        entries.push(entry);
    }
    entries
}

fn decode_entry(bytes: &mut impl Iterator<Item = u8>) -> Option<ExceptionTableEntry> {
    let start = read_varint(bytes)?;
    let length = read_varint(bytes)?;
    let target = read_varint(bytes)?;
    let depth_lasti = read_varint(bytes)?;
    Some(ExceptionTableEntry {
        start,
        end: start.checked_add(length)?,
        target,
        depth: depth_lasti >> 1,
        lasti: depth_lasti & 1 != 0,
    })
}

/// One big-endian varint (`dis._parse_varint`); `None` if the table ends inside it or its value
/// passes `u32::MAX`.
fn read_varint(bytes: &mut impl Iterator<Item = u8>) -> Option<u32> {
    let mut byte = bytes.next()?;
    let mut value = u32::from(byte & 63);
    while byte & 64 != 0 {
        byte = bytes.next()?;
        value = value.checked_mul(64)? | u32::from(byte & 63);
    }
    Some(value)
}

/// The bytes CPython 3.13's assembler writes for these entries
/// (`assemble_emit_exception_table_entry` in `Python/assemble.c`): for each entry its start,
/// `end - start`, target and `depth << 1 | lasti`, each a varint in as few 6-bit groups as it
/// needs, the first byte of the entry marked with bit 7.
///
/// CPython asserts each value is below 2^30 (at most 5 groups); larger values take a sixth group
/// here. An `end` before `start` is written as length 0.
pub fn encode(entries: &[ExceptionTableEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in entries {
        write_varint(&mut out, entry.start, 0x80);
        write_varint(&mut out, entry.end.saturating_sub(entry.start), 0);
        write_varint(&mut out, entry.target, 0);
        write_varint(&mut out, entry.depth << 1 | u32::from(entry.lasti), 0);
    }
    out
}

/// `assemble_emit_exception_table_item`: the groups from the highest non-zero one down, bit 6
/// on all but the last, `mark` on the first.
fn write_varint(out: &mut Vec<u8>, value: u32, mut mark: u8) {
    let mut shift = 30;
    while shift > 0 && value >> shift == 0 {
        shift -= 6;
    }
    while shift > 0 {
        out.push(((value >> shift) & 63) as u8 | 64 | mark);
        mark = 0;
        shift -= 6;
    }
    out.push((value & 63) as u8 | mark);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_take_as_many_groups_as_needed() {
        let cases: [(u32, &[u8]); 6] = [
            (0, &[0x80]),
            (63, &[0xbf]),
            (64, &[0xc1, 0x00]),
            (4096, &[0xc1, 0x40, 0x00]),
            ((1 << 30) - 1, &[0xff, 0x7f, 0x7f, 0x7f, 0x3f]),
            (u32::MAX, &[0xc3, 0x7f, 0x7f, 0x7f, 0x7f, 0x3f]),
        ];
        for (value, bytes) in cases {
            let mut out = Vec::new();
            write_varint(&mut out, value, 0x80);
            assert_eq!(out, bytes, "{value}");
            assert_eq!(read_varint(&mut bytes.iter().copied()), Some(value));
        }
    }

    #[test]
    fn truncated_and_oversized_entries_end_decoding() {
        let entry = ExceptionTableEntry {
            start: 3,
            end: 10,
            target: 70,
            depth: 2,
            lasti: true,
        };
        let table = encode(&[entry, entry]);
        for cut in 0..table.len() {
            assert_eq!(decode(&table[..cut]).len(), cut / (table.len() / 2));
        }
        assert_eq!(decode(&table), vec![entry, entry]);
        // Seven groups overflow u32.
        assert_eq!(
            decode(&[0xff, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x3f, 0, 0, 0]),
            vec![]
        );
    }
}
