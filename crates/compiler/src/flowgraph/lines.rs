//! Line numbers (CPython 3.13's `resolve_line_numbers`): exit blocks without a line number
//! that several blocks jump to are duplicated so that each has one predecessor
//! (`duplicate_exits_without_lineno`, PEP 626: a frame's `f_lineno` must be right when it
//! exits), then locations flow forward into instructions and single-predecessor blocks that
//! have none (`propagate_line_numbers`).

use super::cfg::{BlockId, Cfg, is_jump};

/// `is_exit_or_eval_check_without_lineno`.
fn is_exit_or_eval_check_without_lineno(cfg: &Cfg, b: BlockId) -> bool {
    let block = &cfg.blocks[b];
    if block.exits_scope() || block.has_eval_break() {
        block.has_no_lineno()
    } else {
        false
    }
}

fn duplicate_exits_without_lineno(cfg: &mut Cfg) {
    let mut next_lbl = cfg.max_label() + 1;
    let mut b = Some(Cfg::ENTRY);
    while let Some(id) = b {
        if let Some(last) = cfg.blocks[id].last().copied()
            && is_jump(last.opcode)
            && let Some(target) = cfg.next_nonempty(last.target)
            && is_exit_or_eval_check_without_lineno(cfg, target)
            && cfg.blocks[target].predecessors > 1
        {
            let new_target = cfg.copy_block(target);
            if let Some(first) = cfg.blocks[new_target].instrs.first_mut() {
                first.loc = last.loc;
            }
            if let Some(l) = cfg.blocks[id].instrs.last_mut() {
                l.target = Some(new_target);
            }
            cfg.blocks[target].predecessors -= 1;
            let target_next = cfg.blocks[target].next;
            let nt = &mut cfg.blocks[new_target];
            nt.predecessors = 1;
            nt.label = Some(next_lbl);
            next_lbl += 1;
            nt.next = target_next;
            cfg.blocks[target].next = Some(new_target);
        }
        b = cfg.blocks[id].next;
    }
    // The remaining exits without a line number are reached only by falling through.
    for id in cfg.order() {
        let block = &cfg.blocks[id];
        if let (true, Some(next), Some(last)) = (block.has_fallthrough(), block.next, block.last())
        {
            let loc = last.loc;
            if is_exit_or_eval_check_without_lineno(cfg, next)
                && let Some(first) = cfg.blocks[next].instrs.first_mut()
            {
                first.loc = loc;
            }
        }
    }
}

fn propagate_line_numbers(cfg: &mut Cfg) {
    for id in cfg.order() {
        let Some(last) = cfg.blocks[id].last().copied() else {
            continue;
        };
        let mut prev_location = crate::ir::Location::NONE;
        for instr in &mut cfg.blocks[id].instrs {
            if instr.loc.lineno < 0 {
                instr.loc = prev_location;
            } else {
                prev_location = instr.loc;
            }
        }
        let block = &cfg.blocks[id];
        if block.has_fallthrough()
            && let Some(next) = block.next
            && cfg.blocks[next].predecessors == 1
            && let Some(first) = cfg.blocks[next].instrs.first_mut()
            && first.loc.lineno < 0
        {
            first.loc = prev_location;
        }
        if is_jump(last.opcode)
            && let Some(target) = last.target
            && cfg.blocks[target].predecessors == 1
            && let Some(first) = cfg.blocks[target].instrs.first_mut()
            && first.loc.lineno < 0
        {
            first.loc = prev_location;
        }
    }
}

pub(crate) fn resolve_line_numbers(cfg: &mut Cfg, _firstlineno: i32) {
    duplicate_exits_without_lineno(cfg);
    propagate_line_numbers(cfg);
}
