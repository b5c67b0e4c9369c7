//! `calculate_stackdepth` (CPython 3.13): the deepest stack any path needs, walking the graph
//! with each block's depth on entry (which must agree on every path into it).

use taipan_bytecode::Opcode;

use super::cfg::{
    BlockId, Cfg, has_target, is_scope_exit, is_unconditional_jump, system_error, value_error,
};
use crate::error::CompileError;

fn effect(op: Opcode, oparg: i32, jump: bool) -> Result<i32, CompileError> {
    op.stack_effect(oparg, Some(jump)).map_err(|_| {
        system_error(&format!(
            "Invalid stack effect for opcode={}, arg={}",
            op.number(),
            oparg
        ))
    })
}

/// `stackdepth_push`.
fn push(
    cfg: &mut Cfg,
    stack: &mut Vec<BlockId>,
    b: BlockId,
    depth: i32,
) -> Result<(), CompileError> {
    let block = &mut cfg.blocks[b];
    if !(block.startdepth < 0 || block.startdepth == depth) {
        // CPython 3.13 raises this and the underflow below as `ValueError`.
        return Err(value_error("Invalid CFG, inconsistent stackdepth"));
    }
    if block.startdepth < depth && block.startdepth < 100 {
        block.startdepth = depth;
        stack.push(b);
    }
    Ok(())
}

/// Sets every block's `startdepth` (`i32::MIN` for blocks never reached) and returns the
/// maximum depth.
pub(crate) fn calculate_stackdepth(cfg: &mut Cfg) -> Result<i32, CompileError> {
    for block in &mut cfg.blocks {
        block.startdepth = i32::MIN;
    }
    let mut maxdepth = 0;
    let mut stack = Vec::new();
    push(cfg, &mut stack, Cfg::ENTRY, 0)?;
    // Depths add with wrapping, as CPython's `int`s do (it is built with `-fwrapv`): a depth
    // pushed past `i32::MAX` comes back negative and is reported as a stack underflow.
    while let Some(b) = stack.pop() {
        let mut depth = cfg.blocks[b].startdepth;
        let mut next = cfg.blocks[b].next;
        for i in 0..cfg.blocks[b].instrs.len() {
            let instr = cfg.blocks[b].instrs[i];
            let new_depth = depth.wrapping_add(effect(instr.opcode, instr.oparg, false)?);
            if new_depth < 0 {
                return Err(value_error("Invalid CFG, stack underflow"));
            }
            maxdepth = maxdepth.max(new_depth);
            if has_target(instr.opcode) {
                let target_depth = depth.wrapping_add(effect(instr.opcode, instr.oparg, true)?);
                maxdepth = maxdepth.max(target_depth);
                if let Some(t) = instr.target {
                    push(cfg, &mut stack, t, target_depth)?;
                }
            }
            depth = new_depth;
            if is_unconditional_jump(instr.opcode) || is_scope_exit(instr.opcode) {
                next = None;
                break;
            }
        }
        if let Some(next) = next {
            push(cfg, &mut stack, next, depth)?;
        }
    }
    Ok(maxdepth)
}
