//! `insert_superinstructions` (CPython 3.13): `LOAD_FAST_LOAD_FAST`, `STORE_FAST_LOAD_FAST`
//! and `STORE_FAST_STORE_FAST` from adjacent pairs on one line with opargs below 16.

use taipan_bytecode::Opcode;

use super::cfg::{CInstr, Cfg};
use super::jumps::remove_redundant_nops;

/// `make_super_instruction`.
fn make_super_instruction(pair: &mut [CInstr], super_op: Opcode) {
    let (line1, line2) = (pair[0].loc.lineno, pair[1].loc.lineno);
    if line1 >= 0 && line2 >= 0 && line1 != line2 {
        return;
    }
    if pair[0].oparg >= 16 || pair[1].oparg >= 16 {
        return;
    }
    let oparg = (pair[0].oparg << 4) | pair[1].oparg;
    pair[0].set_op1(super_op, oparg);
    pair[1].set_op0(Opcode::NOP);
}

pub(crate) fn insert_superinstructions(cfg: &mut Cfg) {
    for b in cfg.order() {
        let instrs = &mut cfg.blocks[b].instrs;
        for i in 0..instrs.len().saturating_sub(1) {
            let super_op = match (instrs[i].opcode, instrs[i + 1].opcode) {
                (Opcode::LOAD_FAST, Opcode::LOAD_FAST) => Opcode::LOAD_FAST_LOAD_FAST,
                (Opcode::STORE_FAST, Opcode::LOAD_FAST) => Opcode::STORE_FAST_LOAD_FAST,
                (Opcode::STORE_FAST, Opcode::STORE_FAST) => Opcode::STORE_FAST_STORE_FAST,
                _ => continue,
            };
            make_super_instruction(&mut instrs[i..i + 2], super_op);
        }
    }
    remove_redundant_nops(cfg);
}
