//! The code unit stream of `co_code`: decoding with `EXTENDED_ARG` prefixes and inline `CACHE`
//! entries, and encoding.
//!
//! A code unit is two bytes, opcode then oparg byte. An oparg wider than 8 bits is spread over
//! `EXTENDED_ARG` prefixes, most significant byte first. After an instruction come its inline
//! cache entries ([`Opcode::cache_entries`] code units, zero in `co_code`).

use crate::Opcode;

/// One decoded instruction, as `dis` walks them: `EXTENDED_ARG` prefixes are instructions too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Byte offset of this code unit.
    pub offset: u32,
    /// Byte offset of the first `EXTENDED_ARG` prefixing it (or `offset`): dis's `start_offset`.
    pub start_offset: u32,
    /// The opcode byte as found (a specialized or unknown number is kept as is).
    pub opcode: u8,
    /// The full oparg, prefixes included, for an opcode with an argument; `None` otherwise.
    /// Signed, because CPython keeps it in a C `int`: four prefixes can make it negative.
    pub arg: Option<i32>,
    /// Inline cache code units following the instruction (as many as its base opcode has).
    pub cache_units: u32,
}

impl Instruction {
    /// The opcode, if the byte names one.
    pub fn op(&self) -> Option<Opcode> {
        Opcode::from_byte(self.opcode)
    }

    /// The base opcode (a specialized opcode's base), if the byte names one.
    pub fn base(&self) -> Option<Opcode> {
        self.op().map(Opcode::base)
    }

    /// Byte offset of the next instruction (after the caches).
    pub fn next_offset(&self) -> u32 {
        self.offset + 2 + 2 * self.cache_units
    }

    /// The byte offset a jump goes to, as `dis` computes it (relative to the next instruction,
    /// after its caches); `None` for an instruction that does not jump.
    pub fn jump_target(&self) -> Option<i64> {
        let arg = i64::from(self.arg?);
        let next = i64::from(self.next_offset());
        match self.base()?.jump_kind() {
            crate::JumpKind::Forward => Some(next + 2 * arg),
            crate::JumpKind::Backward => Some(next - 2 * arg),
            crate::JumpKind::None | crate::JumpKind::Handler => None,
        }
    }
}

/// Decodes `code` as `dis._unpack_opargs` does: one [`Instruction`] per code unit that is not a
/// cache entry. A trailing odd byte is ignored; an unknown opcode byte is reported with no
/// argument and no caches.
pub fn decode(code: &[u8]) -> Decoder<'_> {
    Decoder {
        code,
        offset: 0,
        extended: 0,
        prefixes: 0,
    }
}

/// The iterator [`decode`] returns.
#[derive(Clone, Debug)]
pub struct Decoder<'a> {
    code: &'a [u8],
    offset: usize,
    extended: i32,
    prefixes: u32,
}

impl Iterator for Decoder<'_> {
    type Item = Instruction;

    fn next(&mut self) -> Option<Instruction> {
        let unit = self.code.get(self.offset..self.offset + 2)?;
        let (byte, arg_byte) = (unit[0], unit[1]);
        let offset = self.offset as u32;
        let base = Opcode::from_byte(byte).map(Opcode::base);
        let cache_units = base.map_or(0, |op| op.cache_entries() as u32);
        let is_extended = base == Some(Opcode::EXTENDED_ARG);
        let arg = if base.is_some_and(Opcode::has_arg) {
            let arg = i32::from(arg_byte) | self.extended;
            // C int arithmetic: the shifted value wraps into the sign bit.
            self.extended = if is_extended { arg.wrapping_shl(8) } else { 0 };
            Some(arg)
        } else {
            self.extended = 0;
            None
        };
        let start_offset = if is_extended {
            self.prefixes += 1;
            offset
        } else {
            let start = offset - 2 * self.prefixes;
            self.prefixes = 0;
            start
        };
        self.offset += 2 + 2 * cache_units as usize;
        Some(Instruction {
            offset,
            start_offset,
            opcode: byte,
            arg,
            cache_units,
        })
    }
}

/// Encodes instructions: each `(opcode, oparg)` becomes its `EXTENDED_ARG` prefixes (as many
/// as the oparg needs), its code unit, and its zeroed cache entries — what CPython's assembler
/// writes. Pseudo instructions cannot be encoded and are refused.
pub fn encode(instructions: &[(Opcode, u32)]) -> Result<Vec<u8>, Opcode> {
    let mut code = Vec::with_capacity(instructions.len() * 2);
    for &(op, arg) in instructions {
        push(&mut code, op, arg)?;
    }
    Ok(code)
}

/// The number of code units `(op, arg)` takes: prefixes, the instruction and its caches.
pub fn size_in_units(op: Opcode, arg: u32) -> usize {
    extended_prefixes(arg) + 1 + op.cache_entries()
}

fn extended_prefixes(arg: u32) -> usize {
    match arg {
        0..=0xFF => 0,
        0x100..=0xFFFF => 1,
        0x1_0000..=0xFF_FFFF => 2,
        _ => 3,
    }
}

/// Appends one encoded instruction to `code`.
pub fn push(code: &mut Vec<u8>, op: Opcode, arg: u32) -> Result<(), Opcode> {
    let Ok(byte) = u8::try_from(op.number()) else {
        return Err(op);
    };
    let arg = if op.has_arg() { arg } else { 0 };
    for shift in (1..=extended_prefixes(arg)).rev() {
        code.push(Opcode::EXTENDED_ARG.number() as u8);
        code.push((arg >> (8 * shift)) as u8);
    }
    code.push(byte);
    code.push(arg as u8);
    code.resize(code.len() + 2 * op.cache_entries(), 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extended_args_round_trip() {
        let ops = [
            (Opcode::RESUME, 0),
            (Opcode::LOAD_CONST, 0x1_2345),
            (Opcode::LOAD_GLOBAL, 3),
            (Opcode::RETURN_VALUE, 0),
        ];
        let code = encode(&ops).unwrap();
        // RESUME; 2 prefixes + LOAD_CONST; LOAD_GLOBAL + 4 caches; RETURN_VALUE.
        assert_eq!(code.len(), 2 * (1 + 3 + 5 + 1));
        let decoded: Vec<_> = decode(&code)
            .filter(|i| i.op() != Some(Opcode::EXTENDED_ARG))
            .map(|i| (i.op().unwrap(), i.arg.unwrap_or(0) as u32))
            .collect();
        assert_eq!(decoded, ops);
        let load_const = decode(&code).nth(3).unwrap();
        assert_eq!((load_const.offset, load_const.start_offset), (6, 2));
    }

    #[test]
    fn hostile_bytes_decode_without_panic() {
        let code = [71, 255, 71, 255, 71, 255, 71, 255, 83, 1, 0xFF, 3, 91];
        let all: Vec<_> = decode(&code).collect();
        assert_eq!(all.len(), 6);
        assert!(
            all[4].arg.unwrap() < 0,
            "four prefixes overflow into the sign bit as in C"
        );
    }

    #[test]
    fn pseudo_instructions_are_refused() {
        assert_eq!(encode(&[(Opcode::JUMP, 1)]), Err(Opcode::JUMP));
    }
}
