//! `remove_unused_consts` (CPython 3.13): drops the constants no instruction loads (the first
//! is always kept: it may be the docstring) and renumbers the loads.

use taipan_bytecode::Constant;

use super::cfg::{Cfg, system_error};
use super::fold::has_const;
use crate::error::CompileError;

pub(crate) fn remove_unused_consts(
    cfg: &mut Cfg,
    consts: &mut Vec<Constant>,
) -> Result<(), CompileError> {
    let nconsts = consts.len();
    if nconsts == 0 {
        return Ok(());
    }
    let order = cfg.order();
    let mut used = vec![false; nconsts];
    used[0] = true;
    for &b in &order {
        for instr in &cfg.blocks[b].instrs {
            if has_const(instr.opcode) {
                match usize::try_from(instr.oparg)
                    .ok()
                    .and_then(|i| used.get_mut(i))
                {
                    Some(slot) => *slot = true,
                    None => return Err(system_error("constant index out of range")),
                }
            }
        }
    }
    let n_used = used.iter().filter(|u| **u).count();
    if n_used == nconsts {
        return Ok(());
    }
    let mut reverse = vec![-1i32; nconsts];
    let mut kept = Vec::with_capacity(n_used);
    for (i, c) in consts.drain(..).enumerate() {
        if used[i] {
            reverse[i] = kept.len() as i32;
            kept.push(c);
        }
    }
    *consts = kept;
    for &b in &order {
        for instr in &mut cfg.blocks[b].instrs {
            if has_const(instr.opcode) {
                instr.oparg = reverse[instr.oparg as usize];
            }
        }
    }
    Ok(())
}
