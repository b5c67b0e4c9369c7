//! `prepare_localsplus` (CPython 3.13): the localsplus layout (locals, then cells that are not
//! also parameters, then free variables), the prologue (`COPY_FREE_VARS`, `MAKE_CELL`s,
//! `RETURN_GENERATOR; POP_TOP` for generators and coroutines) and the renumbering of cell and
//! free variable opargs (`fix_cell_offsets`).

use taipan_bytecode::{CodeFlags, Opcode};

use super::cfg::{CInstr, Cfg};
use crate::ir::Location;
use crate::unit::UnitMetadata;

/// `build_cellfixedoffsets`: each cell or free variable's localsplus slot, before the slots
/// of cells that are parameters are dropped.
fn build_cellfixedoffsets(md: &UnitMetadata) -> Vec<usize> {
    let nlocals = md.varnames.len();
    let mut fixed: Vec<usize> = (0..md.cellvars.len() + md.freevars.len())
        .map(|i| nlocals + i)
        .collect();
    for (cellindex, name) in md.cellvars.iter().enumerate() {
        if let Some(argoffset) = md.varnames.iter().position(|v| v == name) {
            fixed[cellindex] = argoffset;
        }
    }
    fixed
}

fn insert_prefix_instructions(cfg: &mut Cfg, md: &UnitMetadata, fixed: &[usize]) {
    let entry = &mut cfg.blocks[Cfg::ENTRY].instrs;
    let flags = md.flags;
    let is_generator = flags.contains(CodeFlags::GENERATOR)
        || flags.contains(CodeFlags::COROUTINE)
        || flags.contains(CodeFlags::ASYNC_GENERATOR);
    if is_generator {
        // RETURN_GENERATOR + POP_TOP: a net stack effect of 0 (it pushes before switching).
        let loc = Location::new(md.firstlineno, md.firstlineno, -1, -1);
        entry.insert(0, CInstr::new(Opcode::RETURN_GENERATOR, 0, loc));
        entry.insert(1, CInstr::new(Opcode::POP_TOP, 0, loc));
    }
    let ncellvars = md.cellvars.len();
    if ncellvars > 0 {
        // MAKE_CELL in localsplus order (cells that are parameters come first).
        let nvars = ncellvars + md.varnames.len();
        let mut sorted = vec![0usize; nvars];
        for (i, &slot) in fixed.iter().take(ncellvars).enumerate() {
            if let Some(s) = sorted.get_mut(slot) {
                *s = i + 1;
            }
        }
        let mut ncellsused = 0;
        for &s in &sorted {
            if s == 0 {
                continue;
            }
            entry.insert(
                ncellsused,
                CInstr::new(Opcode::MAKE_CELL, s as i32 - 1, Location::NONE),
            );
            ncellsused += 1;
        }
    }
    let nfreevars = md.freevars.len();
    if nfreevars > 0 {
        entry.insert(
            0,
            CInstr::new(Opcode::COPY_FREE_VARS, nfreevars as i32, Location::NONE),
        );
    }
}

/// `fix_cell_offsets`: returns how many cell slots were dropped (cells that are parameters).
fn fix_cell_offsets(cfg: &mut Cfg, md: &UnitMetadata, fixed: &mut [usize]) -> usize {
    let nlocals = md.varnames.len();
    let mut numdropped = 0;
    for (i, slot) in fixed.iter_mut().enumerate() {
        if *slot == i + nlocals {
            *slot -= numdropped;
        } else {
            numdropped += 1;
        }
    }
    for b in cfg.order() {
        for instr in &mut cfg.blocks[b].instrs {
            if matches!(
                instr.opcode,
                Opcode::MAKE_CELL
                    | Opcode::LOAD_CLOSURE
                    | Opcode::LOAD_DEREF
                    | Opcode::STORE_DEREF
                    | Opcode::DELETE_DEREF
                    | Opcode::LOAD_FROM_DICT_OR_DEREF
            ) && let Some(&slot) = usize::try_from(instr.oparg).ok().and_then(|o| fixed.get(o))
            {
                instr.oparg = slot as i32;
            }
        }
    }
    numdropped
}

/// Returns `nlocalsplus`.
pub(crate) fn prepare_localsplus(cfg: &mut Cfg, md: &UnitMetadata) -> usize {
    let nlocalsplus = md.varnames.len() + md.cellvars.len() + md.freevars.len();
    let mut fixed = build_cellfixedoffsets(md);
    insert_prefix_instructions(cfg, md, &fixed);
    let numdropped = fix_cell_offsets(cfg, md, &mut fixed);
    nlocalsplus - numdropped
}
