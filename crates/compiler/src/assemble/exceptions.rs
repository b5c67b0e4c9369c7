//! `co_exceptiontable`: CPython 3.13's `assemble_exception_table`.
//!
//! The instructions are walked in order; a new entry starts wherever the handler *label*
//! changes (only the label is compared, as CPython does: two neighbours with the same handler
//! but different depths share the first one's entry). An entry covers the code units of its
//! instructions, prefixes and caches included; its target is the code unit where the handler's
//! first instruction starts; its depth is the handler's start depth less the exception and,
//! with `lasti`, less the saved offset (`assemble_emit_exception_table_entry`).

use taipan_bytecode::exception_table::{self, ExceptionTableEntry};

use super::code_units::Layout;
use super::system_error;
use crate::error::CompileError;
use crate::ir::{ExceptHandlerInfo, Instr};

/// The exception table of `instrs`, laid out as `layout` says.
pub fn exception_table(instrs: &[Instr], layout: &Layout) -> Result<Vec<u8>, CompileError> {
    let mut entries = Vec::new();
    // The handler of the entry being built and the code unit it started at.
    let mut open: Option<(ExceptHandlerInfo, u32)> = None;
    for (index, instr) in instrs.iter().enumerate() {
        let handler = instr.except_handler.filter(|h| h.label >= 0);
        let label = handler.map_or(-1, |h| h.label);
        let open_label = open.map_or(-1, |(h, _)| h.label);
        if label == open_label {
            continue;
        }
        let here = layout.start(index).unwrap_or(0);
        if let Some((open_handler, start)) = open {
            entries.push(entry(instrs, layout, open_handler, start, here)?);
        }
        open = handler.map(|h| (h, here));
    }
    if let Some((open_handler, start)) = open {
        entries.push(entry(instrs, layout, open_handler, start, layout.total())?);
    }
    Ok(exception_table::encode(&entries))
}

fn entry(
    instrs: &[Instr],
    layout: &Layout,
    handler: ExceptHandlerInfo,
    start: u32,
    end: u32,
) -> Result<ExceptionTableEntry, CompileError> {
    let target = usize::try_from(handler.label)
        .ok()
        .filter(|&label| label < instrs.len())
        .and_then(|label| layout.start(label))
        .ok_or_else(|| {
            system_error(format!(
                "exception handler label {} is not an instruction",
                handler.label
            ))
        })?;
    let depth = i64::from(handler.startdepth) - 1 - i64::from(handler.preserve_lasti);
    let depth = u32::try_from(depth).map_err(|_| {
        system_error(format!(
            "exception handler start depth {} too small",
            handler.startdepth
        ))
    })?;
    Ok(ExceptionTableEntry {
        start,
        end,
        target,
        depth,
        lasti: handler.preserve_lasti,
    })
}
