//! From the optimised graph to what the assembler writes (CPython 3.13's
//! `convert_pseudo_ops`, `normalize_jumps`, and assemble.c's `resolve_unconditional_jumps` and
//! `resolve_jump_offsets`).

use taipan_bytecode::{JumpKind, Opcode};

use super::cfg::{CInstr, Cfg, instr_size, is_block_push, is_jump, is_unconditional_jump};
use super::jumps::remove_redundant_nops_and_jumps;
use crate::error::CompileError;
use crate::ir::Instr;

/// `convert_pseudo_ops`: `SETUP_*` become `NOP`s (and go), `LOAD_CLOSURE` is `LOAD_FAST`,
/// `STORE_FAST_MAYBE_NULL` is `STORE_FAST`.
pub(crate) fn convert_pseudo_ops(cfg: &mut Cfg) -> Result<(), CompileError> {
    for b in cfg.order() {
        for instr in &mut cfg.blocks[b].instrs {
            if is_block_push(instr.opcode) {
                instr.set_op0(Opcode::NOP);
            } else if instr.opcode == Opcode::LOAD_CLOSURE {
                instr.opcode = Opcode::LOAD_FAST;
            } else if instr.opcode == Opcode::STORE_FAST_MAYBE_NULL {
                instr.opcode = Opcode::STORE_FAST;
            }
        }
    }
    remove_redundant_nops_and_jumps(cfg)
}

/// `normalize_jumps`: a conditional jump backwards becomes the reversed conditional jump over
/// a new block holding `JUMP` to the old target (conditional jumps only go forwards).
pub(crate) fn normalize_jumps(cfg: &mut Cfg) {
    cfg.clear_visited();
    let mut b = Some(Cfg::ENTRY);
    while let Some(id) = b {
        cfg.blocks[id].visited = true;
        if let Some(last) = cfg.blocks[id].last().copied()
            && is_jump(last.opcode)
            && !is_unconditional_jump(last.opcode)
            && let Some(target) = last.target
            && cfg.blocks[target].visited
        {
            let reversed = match last.opcode {
                Opcode::POP_JUMP_IF_NOT_NONE => Some(Opcode::POP_JUMP_IF_NONE),
                Opcode::POP_JUMP_IF_NONE => Some(Opcode::POP_JUMP_IF_NOT_NONE),
                Opcode::POP_JUMP_IF_FALSE => Some(Opcode::POP_JUMP_IF_TRUE),
                Opcode::POP_JUMP_IF_TRUE => Some(Opcode::POP_JUMP_IF_FALSE),
                _ => None,
            };
            if let Some(reversed) = reversed {
                let jb = cfg.new_block();
                let mut jump = CInstr::new(Opcode::JUMP, 0, last.loc);
                jump.target = Some(target);
                let next = cfg.blocks[id].next;
                let cold = cfg.blocks[id].cold;
                let block = &mut cfg.blocks[jb];
                block.instrs.push(jump);
                block.cold = cold;
                block.next = next;
                if let Some(l) = cfg.blocks[id].instrs.last_mut() {
                    l.opcode = reversed;
                    l.target = next;
                }
                cfg.blocks[id].next = Some(jb);
            }
        }
        b = cfg.blocks[id].next;
    }
}

/// assemble.c's `resolve_unconditional_jumps`: `JUMP`/`JUMP_NO_INTERRUPT` take their
/// direction from where the target is (jump opargs are instruction indices here).
pub(crate) fn resolve_unconditional_jumps(instrs: &mut [Instr]) {
    for (i, instr) in instrs.iter_mut().enumerate() {
        let is_forward = instr.oparg > i as i32;
        match instr.opcode {
            Opcode::JUMP => {
                instr.opcode = if is_forward {
                    Opcode::JUMP_FORWARD
                } else {
                    Opcode::JUMP_BACKWARD
                };
            }
            Opcode::JUMP_NO_INTERRUPT => {
                instr.opcode = if is_forward {
                    Opcode::JUMP_FORWARD
                } else {
                    Opcode::JUMP_BACKWARD_NO_INTERRUPT
                };
            }
            _ => {}
        }
    }
}

/// assemble.c's `resolve_jump_offsets`: jump opargs from instruction indices to CPython's
/// relative code-unit offsets (from the end of the jump, caches included), repeated until
/// the `EXTENDED_ARG` prefixes the offsets need stop changing the sizes.
pub(crate) fn resolve_jump_offsets(instrs: &mut [Instr]) {
    let targets: Vec<Option<usize>> = instrs
        .iter()
        .map(|i| {
            if is_jump(i.opcode) {
                usize::try_from(i.oparg).ok()
            } else {
                None
            }
        })
        .collect();
    loop {
        let mut offsets = Vec::with_capacity(instrs.len() + 1);
        let mut total = 0;
        for instr in instrs.iter() {
            offsets.push(total);
            total += instr_size(instr.opcode, instr.oparg);
        }
        offsets.push(total);
        let mut recompile = false;
        let mut offset = 0;
        for (i, instr) in instrs.iter_mut().enumerate() {
            let isize = instr_size(instr.opcode, instr.oparg);
            offset += isize;
            if let Some(t) = targets[i] {
                let target_offset = offsets.get(t).copied().unwrap_or(total);
                instr.oparg = if target_offset < offset {
                    offset - target_offset
                } else {
                    target_offset - offset
                };
                if instr_size(instr.opcode, instr.oparg) != isize {
                    recompile = true;
                }
            }
        }
        if !recompile {
            break;
        }
    }
}

/// Whether an opcode may appear in the assembled code.
pub(crate) fn is_real(op: Opcode) -> bool {
    !crate::opinfo::is_pseudo(op) && crate::opinfo::jump_kind(op) != JumpKind::Handler
}
