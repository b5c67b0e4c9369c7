//! `co_code`: each instruction as its `EXTENDED_ARG` prefixes, its own code unit and its zeroed
//! inline cache entries, as CPython 3.13's `write_instr` writes them; and where each
//! instruction starts, which the location and exception tables count in.

use taipan_bytecode::{JumpKind, Opcode};

use super::system_error;
use crate::error::CompileError;
use crate::ir::Instr;

/// Where each instruction of a sequence lands in `co_code`, in code units: CPython's
/// `i_offset`, and the size `_PyCompile_InstrSize` gives (prefixes + 1 + caches).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Start of instruction `i` (its first prefix); one more entry at the end: the total.
    starts: Vec<u32>,
}

impl Layout {
    /// Checks each instruction can be written (a real opcode, an oparg that fits) and places
    /// it.
    pub fn new(instrs: &[Instr]) -> Result<Layout, CompileError> {
        let mut starts = Vec::with_capacity(instrs.len() + 1);
        let mut offset = 0u32;
        starts.push(0);
        for (index, instr) in instrs.iter().enumerate() {
            let oparg = oparg(instr, index)?;
            let size = size(instr.opcode, oparg);
            offset = offset
                .checked_add(size)
                .ok_or_else(|| system_error("code object too large"))?;
            starts.push(offset);
        }
        Ok(Layout { starts })
    }

    /// The first code unit of instruction `index` (of the end, for `index == len`).
    pub fn start(&self, index: usize) -> Option<u32> {
        self.starts.get(index).copied()
    }

    /// The code units instruction `index` takes.
    pub fn size(&self, index: usize) -> u32 {
        match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(start), Some(end)) => end - start,
            _ => 0,
        }
    }

    /// The length of the code in code units.
    pub fn total(&self) -> u32 {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The index of the instruction starting at code unit `offset`, if one does.
    pub fn instruction_at(&self, offset: u32) -> Option<usize> {
        let index = self.starts.binary_search(&offset).ok()?;
        (index + 1 < self.starts.len()).then_some(index)
    }
}

/// The oparg written for `instr`; an error for a pseudo opcode or a negative oparg, which
/// CPython's assembler never receives.
///
/// An opcode without an argument is written with its oparg as it is, as CPython's release
/// build does (`_PyCompile_InstrSize` counts the prefixes any oparg needs, `write_instr` writes
/// its low byte; only a debug build asserts it is 0): the flowgraph's jump offsets count the
/// same sizes, and for the sequences CPython's passes make it is always 0 anyway.
pub fn oparg(instr: &Instr, index: usize) -> Result<u32, CompileError> {
    let op = instr.opcode;
    if crate::opinfo::is_pseudo(op) || op.number() > 255 {
        return Err(system_error(format!(
            "pseudo instruction {} (at {index}) reached the assembler",
            op.name()
        )));
    }
    u32::try_from(instr.oparg).map_err(|_| {
        system_error(format!(
            "negative oparg {} of {} (at {index})",
            instr.oparg,
            op.name()
        ))
    })
}

/// The code units `op` with `oparg` takes: `EXTENDED_ARG` prefixes, itself, its caches
/// (`_PyCompile_InstrSize`).
pub fn size(op: Opcode, oparg: u32) -> u32 {
    prefixes(oparg) + 1 + op.cache_entries() as u32
}

fn prefixes(oparg: u32) -> u32 {
    u32::from(oparg > 0xFF) + u32::from(oparg > 0xFFFF) + u32::from(oparg > 0xFF_FFFF)
}

/// `assemble_emit_instr` over the sequence (CPython's `write_instr`): the bytes of `co_code`.
pub fn write(instrs: &[Instr], layout: &Layout) -> Result<Vec<u8>, CompileError> {
    let extended_arg = Opcode::EXTENDED_ARG.number() as u8;
    let mut code = Vec::with_capacity(2 * layout.total() as usize);
    for (index, instr) in instrs.iter().enumerate() {
        let oparg = oparg(instr, index)?;
        for shift in (1..=prefixes(oparg)).rev() {
            code.extend([extended_arg, (oparg >> (8 * shift)) as u8]);
        }
        code.extend([instr.opcode.number() as u8, oparg as u8]);
        code.resize(code.len() + 2 * instr.opcode.cache_entries(), 0);
    }
    Ok(code)
}

/// Checks every jump lands on the start of an instruction, as CPython's jump resolution
/// guarantees (a wrong relative oparg would make the interpreter run the middle of one).
pub fn check_jumps(instrs: &[Instr], layout: &Layout) -> Result<(), CompileError> {
    for (index, instr) in instrs.iter().enumerate() {
        let kind = crate::opinfo::jump_kind(instr.opcode);
        if !matches!(kind, JumpKind::Forward | JumpKind::Backward) {
            continue;
        }
        let (Some(start), Ok(oparg)) = (layout.start(index), oparg(instr, index)) else {
            continue;
        };
        let after = i64::from(start) + i64::from(layout.size(index));
        let target = if kind == JumpKind::Forward {
            after + i64::from(oparg)
        } else {
            after - i64::from(oparg)
        };
        let lands = u32::try_from(target)
            .ok()
            .and_then(|target| layout.instruction_at(target));
        if lands.is_none() {
            return Err(system_error(format!(
                "{} (at {index}) jumps to code unit {target}, not the start of an instruction",
                instr.opcode.name()
            )));
        }
    }
    Ok(())
}
