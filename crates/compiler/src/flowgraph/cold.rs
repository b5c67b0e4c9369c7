//! `push_cold_blocks_to_end` (CPython 3.13): blocks reachable only from exception handlers
//! ("cold") move after all the others, in their order; a cold block that fell through into
//! a warm one gets an explicit jump.

use taipan_bytecode::Opcode;

use super::cfg::{BlockId, CInstr, Cfg, is_jump};
use super::jumps::remove_redundant_nops_and_jumps;
use crate::error::CompileError;
use crate::ir::Location;

/// `mark_warm`: everything reachable from the entry without going through a handler.
fn mark_warm(cfg: &mut Cfg) {
    cfg.clear_visited();
    let mut stack = vec![Cfg::ENTRY];
    cfg.blocks[Cfg::ENTRY].visited = true;
    while let Some(b) = stack.pop() {
        cfg.blocks[b].warm = true;
        if let Some(next) = cfg.blocks[b].next
            && cfg.blocks[b].has_fallthrough()
            && !cfg.blocks[next].visited
        {
            stack.push(next);
            cfg.blocks[next].visited = true;
        }
        let targets: Vec<BlockId> = cfg.blocks[b]
            .instrs
            .iter()
            .filter(|i| is_jump(i.opcode))
            .filter_map(|i| i.target)
            .collect();
        for t in targets {
            if !cfg.blocks[t].visited {
                stack.push(t);
                cfg.blocks[t].visited = true;
            }
        }
    }
}

/// `mark_cold`: everything reachable from a handler that is not warm.
fn mark_cold(cfg: &mut Cfg) {
    mark_warm(cfg);
    cfg.clear_visited();
    let mut stack = Vec::new();
    for b in cfg.order() {
        if cfg.blocks[b].except_handler {
            stack.push(b);
            cfg.blocks[b].visited = true;
        }
    }
    while let Some(b) = stack.pop() {
        cfg.blocks[b].cold = true;
        if let Some(next) = cfg.blocks[b].next
            && cfg.blocks[b].has_fallthrough()
            && !cfg.blocks[next].warm
            && !cfg.blocks[next].visited
        {
            stack.push(next);
            cfg.blocks[next].visited = true;
        }
        let targets: Vec<BlockId> = cfg.blocks[b]
            .instrs
            .iter()
            .filter(|i| is_jump(i.opcode))
            .filter_map(|i| i.target)
            .collect();
        for t in targets {
            if !cfg.blocks[t].warm && !cfg.blocks[t].visited {
                stack.push(t);
                cfg.blocks[t].visited = true;
            }
        }
    }
}

pub(crate) fn push_cold_blocks_to_end(cfg: &mut Cfg) -> Result<(), CompileError> {
    if cfg.blocks[Cfg::ENTRY].next.is_none() {
        return Ok(());
    }
    mark_cold(cfg);
    let mut next_lbl = cfg.max_label() + 1;

    // A cold block falling through into a warm one jumps there explicitly instead.
    let mut b = Some(Cfg::ENTRY);
    while let Some(id) = b {
        let block = &cfg.blocks[id];
        if let Some(next) = block.next
            && block.cold
            && block.has_fallthrough()
            && cfg.blocks[next].warm
        {
            let jump_block = cfg.new_block();
            if cfg.blocks[next].label.is_none() {
                cfg.blocks[next].label = Some(next_lbl);
                next_lbl += 1;
            }
            let mut jump = CInstr::new(Opcode::JUMP_NO_INTERRUPT, 0, Location::NONE);
            jump.target = Some(next);
            let jb = &mut cfg.blocks[jump_block];
            jb.instrs.push(jump);
            jb.cold = true;
            jb.next = Some(next);
            jb.predecessors = 1;
            cfg.blocks[id].next = Some(jump_block);
        }
        b = cfg.blocks[id].next;
    }

    // Unlink each streak of cold blocks and append them all at the end.
    let mut cold_head: Option<BlockId> = None;
    let mut cold_tail: Option<BlockId> = None;
    let mut b = Cfg::ENTRY;
    while cfg.blocks[b].next.is_some() {
        while let Some(next) = cfg.blocks[b].next {
            if cfg.blocks[next].cold {
                break;
            }
            b = next;
        }
        let Some(streak_start) = cfg.blocks[b].next else {
            break;
        };
        let mut streak_end = streak_start;
        while let Some(next) = cfg.blocks[streak_end].next {
            if !cfg.blocks[next].cold {
                break;
            }
            streak_end = next;
        }
        match cold_tail {
            None => cold_head = Some(streak_start),
            Some(tail) => cfg.blocks[tail].next = Some(streak_start),
        }
        cold_tail = Some(streak_end);
        cfg.blocks[b].next = cfg.blocks[streak_end].next;
        cfg.blocks[streak_end].next = None;
    }
    cfg.blocks[b].next = cold_head;
    if cold_head.is_some() {
        remove_redundant_nops_and_jumps(cfg)?;
    }
    Ok(())
}
