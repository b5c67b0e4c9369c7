//! The assembler run backwards: a code object back to a [`Finalized`] unit and the
//! [`UnitMetadata`] that [`super::make_code_object`] turns into an equal code object. It is how
//! the assembler is checked against CPython's without running CPython: every code object in
//! the standard library's `.pyc` files, taken apart and assembled again, must come back
//! identical (`examples/assemble_roundtrip.rs`).
//!
//! What is dropped and must be regenerated: the `EXTENDED_ARG` prefixes (folded into their
//! instruction's oparg), the inline caches, the location table (each instruction gets the
//! position of its first code unit), the exception table (each instruction gets the handler
//! of the entry covering it, the handler named by its instruction index) and the localsplus
//! layout (names sorted back into locals, cells and free variables).
//!
//! The location table is the one place where positions alone do not say everything. CPython
//! starts a new run wherever two neighbouring instructions' locations differ in any of their
//! four numbers, but some different locations decode to the same position: every location on
//! no line at all (kind 15), and on one line with an unknown column, an end line equal to the
//! line or unknown (kind 13). Where the table starts such a run (an entry that follows one
//! of fewer than 8 code units with an equal position: the assembler only splits runs at 8),
//! the instruction is given an *equivalent* location that differs from its neighbour's (the
//! other end line that writes the same entry), so that the assembler keeps the entries apart.

use taipan_bytecode::exception_table;
use taipan_bytecode::linetable::{self, Position};
use taipan_bytecode::{CodeObject, LocalKind, Opcode, instruction};

use super::locations::location;
use crate::flowgraph::Finalized;
use crate::ir::{ExceptHandlerInfo, Instr, InstructionSequence, Location};
use crate::unit::UnitMetadata;

/// Why a code object cannot be taken apart: it is not one CPython's assembler could write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnassembleError(pub String);

impl std::fmt::Display for UnassembleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UnassembleError {}

/// The unit and metadata that assemble to `code` (for any code object CPython's compiler
/// made; for others, to the nearest thing the assembler can write, or an error).
pub fn unassemble(code: &CodeObject) -> Result<(Finalized, UnitMetadata), UnassembleError> {
    let decoded = decode_instructions(code)?;
    let units = unit_locations(code);
    let starts: Vec<u32> = decoded.iter().map(|(start, _, _)| *start).collect();
    let handlers = handlers(code, &starts)?;
    let mut instrs: Vec<Instr> = Vec::with_capacity(decoded.len());
    let mut previous_run = None;
    for ((start, opcode, oparg), except_handler) in decoded.into_iter().zip(handlers) {
        let (mut loc, run) = units
            .get(start as usize)
            .copied()
            .unwrap_or((Location::NONE, usize::MAX));
        if let Some(previous) = instrs.last()
            && previous.loc == loc
            && previous_run != Some(run)
        {
            loc = equivalent_location(loc);
        }
        previous_run = Some(run);
        instrs.push(Instr {
            opcode,
            oparg,
            loc,
            except_handler,
        });
    }
    let metadata = metadata(code)?;
    let finalized = Finalized {
        seq: InstructionSequence::from_resolved(instrs),
        stackdepth: code.stacksize,
        nlocalsplus: code.localsplusnames.len() as u32,
    };
    Ok((finalized, metadata))
}

/// `(first code unit, opcode, oparg)` of each instruction, `EXTENDED_ARG` prefixes folded in.
fn decode_instructions(code: &CodeObject) -> Result<Vec<(u32, Opcode, i32)>, UnassembleError> {
    let mut out = Vec::new();
    for decoded in instruction::decode(&code.code) {
        let Some(op) = decoded.op() else {
            return Err(UnassembleError(format!(
                "unknown opcode {} at byte {}",
                decoded.opcode, decoded.offset
            )));
        };
        if op == Opcode::EXTENDED_ARG {
            continue;
        }
        out.push((decoded.start_offset / 2, op, decoded.arg.unwrap_or(0)));
    }
    Ok(out)
}

/// For each code unit the table covers: its location, and the run it belongs to (a new run
/// at each entry that cannot be the continuation of the previous one's run).
fn unit_locations(code: &CodeObject) -> Vec<(Location, usize)> {
    let mut out = Vec::new();
    let mut run = 0usize;
    let mut previous: Option<(u32, Position)> = None;
    for (units, position) in linetable::entries(&code.linetable, code.firstlineno) {
        let continues = previous.is_some_and(|(len, p)| len == 8 && p == position);
        if previous.is_some() && !continues {
            run += 1;
        }
        previous = Some((units, position));
        out.extend(std::iter::repeat_n(
            (location(position), run),
            units as usize,
        ));
    }
    out
}

/// A different location that the assembler writes as the same entry, where there is one.
fn equivalent_location(loc: Location) -> Location {
    let other_end = if loc.lineno < 0 {
        // No location: only the line is looked at.
        if loc.end_lineno == -1 { -2 } else { -1 }
    } else if (loc.col_offset < 0 || loc.end_col_offset < 0)
        && (loc.end_lineno == loc.lineno || loc.end_lineno == -1)
    {
        // No columns: an end line equal to the line or unknown is the same entry.
        if loc.end_lineno == -1 { loc.lineno } else { -1 }
    } else {
        return loc;
    };
    Location {
        end_lineno: other_end,
        ..loc
    }
}

/// The handler covering each instruction (given by the code units they start at).
fn handlers(
    code: &CodeObject,
    starts: &[u32],
) -> Result<Vec<Option<ExceptHandlerInfo>>, UnassembleError> {
    let entries = exception_table::decode(&code.exceptiontable);
    let mut out = Vec::with_capacity(starts.len());
    let mut next = entries.iter().peekable();
    for &start in starts {
        while next.peek().is_some_and(|e| e.end <= start) {
            next.next();
        }
        let covering = next.peek().filter(|e| e.start <= start);
        out.push(match covering {
            None => None,
            Some(entry) => {
                let label = starts.binary_search(&entry.target).map_err(|_| {
                    UnassembleError(format!(
                        "handler at code unit {} is not an instruction",
                        entry.target
                    ))
                })?;
                let startdepth = i32::try_from(entry.depth)
                    .ok()
                    .and_then(|depth| depth.checked_add(1 + i32::from(entry.lasti)))
                    .ok_or_else(|| {
                        UnassembleError(format!("handler depth {} too large", entry.depth))
                    })?;
                Some(ExceptHandlerInfo {
                    label: i32::try_from(label).unwrap_or(i32::MAX),
                    startdepth,
                    preserve_lasti: entry.lasti,
                })
            }
        });
    }
    Ok(out)
}

/// The unit's metadata: names and counts as they are, localsplus sorted back into its parts.
fn metadata(code: &CodeObject) -> Result<UnitMetadata, UnassembleError> {
    let mut metadata = UnitMetadata::new("");
    metadata.name = code.name.clone();
    metadata.qualname = code.qualname.clone();
    metadata.consts = code.consts.clone();
    metadata.names = code.names.clone();
    metadata.argcount = code
        .argcount
        .checked_sub(code.posonlyargcount)
        .ok_or_else(|| UnassembleError("co_posonlyargcount > co_argcount".to_owned()))?;
    metadata.posonlyargcount = code.posonlyargcount;
    metadata.kwonlyargcount = code.kwonlyargcount;
    metadata.firstlineno = code.firstlineno;
    metadata.flags = code.flags;
    let slots = || code.localsplusnames.iter().zip(&code.localspluskinds);
    for (name, kind) in slots() {
        if kind.is(LocalKind::LOCAL) {
            metadata.varnames.push(name.clone());
            if kind.is(LocalKind::HIDDEN) {
                metadata.fasthidden.push(name.clone());
            }
            if kind.is(LocalKind::CELL) {
                // An argument that is also a cell: CPython's cellvars list it too.
                metadata.cellvars.push(name.clone());
            }
        }
    }
    for (name, kind) in slots() {
        if kind.is(LocalKind::LOCAL) {
            continue;
        }
        if kind.is(LocalKind::CELL) {
            metadata.cellvars.push(name.clone());
        } else if kind.is(LocalKind::FREE) {
            metadata.freevars.push(name.clone());
        }
    }
    Ok(metadata)
}
