//! Exception handlers: which blocks are handlers (`mark_except_handlers`) and which handler
//! covers each instruction (`label_exception_targets`), as CPython 3.13's flowgraph.c.

use taipan_bytecode::Opcode;

use super::cfg::{BlockId, Cfg, is_block_push, is_jump};

/// `RESUME`'s oparg for the start of a function (`RESUME_AT_FUNC_START`).
const RESUME_AT_FUNC_START: i32 = 0;
/// `RESUME_OPARG_DEPTH1_MASK`: set on a `RESUME` after a `YIELD_VALUE` that runs inside
/// exactly one handler.
const RESUME_OPARG_DEPTH1_MASK: i32 = 0x4;

/// `mark_except_handlers`: every `SETUP_*` target is a handler.
pub(crate) fn mark_except_handlers(cfg: &mut Cfg) {
    for b in cfg.order() {
        let targets: Vec<BlockId> = cfg.blocks[b]
            .instrs
            .iter()
            .filter(|i| is_block_push(i.opcode))
            .filter_map(|i| i.target)
            .collect();
        for t in targets {
            cfg.blocks[t].except_handler = true;
        }
    }
}

/// The handler stack: index 0 is "no handler", as CPython's `_PyCfgExceptStack`.
type ExceptStack = Vec<Option<BlockId>>;

fn top(stack: &ExceptStack) -> Option<BlockId> {
    stack.last().copied().flatten()
}

/// `label_exception_targets`: a walk of the graph carrying the stack of active handlers;
/// `SETUP_*` pushes, `POP_BLOCK` pops (and becomes a `NOP`), every other instruction records
/// the handler on top.
pub(crate) fn label_exception_targets(cfg: &mut Cfg) {
    cfg.clear_visited();
    let mut todo: Vec<BlockId> = vec![Cfg::ENTRY];
    cfg.blocks[Cfg::ENTRY].visited = true;
    cfg.blocks[Cfg::ENTRY].except_stack = Some(vec![None]);
    while let Some(b) = todo.pop() {
        let mut stack = cfg.blocks[b].except_stack.take();
        let mut handler = stack.as_ref().and_then(top);
        let mut last_yield_except_depth: i32 = -1;
        let n = cfg.blocks[b].instrs.len();
        for i in 0..n {
            let instr = cfg.blocks[b].instrs[i];
            if is_block_push(instr.opcode) {
                if let Some(target) = instr.target {
                    if !cfg.blocks[target].visited {
                        cfg.blocks[target].except_stack = stack.clone();
                        cfg.blocks[target].visited = true;
                        todo.push(target);
                    }
                    if matches!(instr.opcode, Opcode::SETUP_WITH | Opcode::SETUP_CLEANUP) {
                        cfg.blocks[target].preserve_lasti = true;
                    }
                    if let Some(s) = stack.as_mut() {
                        s.push(Some(target));
                    }
                    handler = Some(target);
                }
            } else if instr.opcode == Opcode::POP_BLOCK {
                if let Some(s) = stack.as_mut() {
                    if s.len() > 1 {
                        s.pop();
                    }
                    handler = top(s);
                }
                cfg.blocks[b].instrs[i].set_op0(Opcode::NOP);
            } else if is_jump(instr.opcode) {
                cfg.blocks[b].instrs[i].except = handler;
                if let Some(target) = instr.target
                    && !cfg.blocks[target].visited
                {
                    if cfg.blocks[b].has_fallthrough() {
                        cfg.blocks[target].except_stack = stack.clone();
                    } else {
                        cfg.blocks[target].except_stack = stack.take();
                    }
                    cfg.blocks[target].visited = true;
                    todo.push(target);
                }
            } else if instr.opcode == Opcode::YIELD_VALUE {
                cfg.blocks[b].instrs[i].except = handler;
                last_yield_except_depth = stack.as_ref().map_or(0, |s| s.len() as i32 - 1);
            } else if instr.opcode == Opcode::RESUME {
                let ins = &mut cfg.blocks[b].instrs[i];
                ins.except = handler;
                if ins.oparg != RESUME_AT_FUNC_START {
                    if last_yield_except_depth == 1 {
                        ins.oparg |= RESUME_OPARG_DEPTH1_MASK;
                    }
                    last_yield_except_depth = -1;
                }
            } else {
                cfg.blocks[b].instrs[i].except = handler;
            }
        }
        if cfg.blocks[b].has_fallthrough()
            && let Some(next) = cfg.blocks[b].next
            && !cfg.blocks[next].visited
        {
            cfg.blocks[next].except_stack = stack.take();
            cfg.blocks[next].visited = true;
            todo.push(next);
        }
    }
    for block in &mut cfg.blocks {
        block.except_stack = None;
    }
}
