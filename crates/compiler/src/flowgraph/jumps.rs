//! Jumps and dead code: inlining of small exit blocks and blocks without line numbers,
//! unreachable-block removal, redundant `NOP` and jump removal, and jump threading, as CPython
//! 3.13's flowgraph.c.

use taipan_bytecode::Opcode;

use super::cfg::{
    BlockId, CInstr, Cfg, is_block_push, is_jump, is_unconditional_jump, memory_error, system_error,
};
use crate::error::CompileError;

/// `MAX_COPY_SIZE`: the largest exit block copied into a block that jumps to it.
const MAX_COPY_SIZE: usize = 4;

/// `basicblock_inline_small_or_no_lineno_blocks`: a block ending in an unconditional jump to
/// a small exit block, or to a block without line numbers and without fallthrough, takes a
/// copy of that block instead of the jump. Returns how many instructions it gained, if it
/// inlined.
fn inline_block(cfg: &mut Cfg, b: BlockId) -> Option<usize> {
    let last = cfg.blocks[b].last().copied()?;
    if !is_unconditional_jump(last.opcode) {
        return None;
    }
    let target = last.target?;
    let t = &cfg.blocks[target];
    let small_exit_block = t.exits_scope() && t.instrs.len() <= MAX_COPY_SIZE;
    let no_lineno_no_fallthrough = t.has_no_lineno() && !t.has_fallthrough();
    if !(small_exit_block || no_lineno_no_fallthrough) {
        return None;
    }
    let removed_jump_opcode = last.opcode;
    let copied = cfg.blocks[target].instrs.clone();
    let gained = copied.len();
    let block = &mut cfg.blocks[b];
    if let Some(l) = block.instrs.last_mut() {
        l.set_op0(Opcode::NOP);
    }
    block.instrs.extend(copied);
    if no_lineno_no_fallthrough && let Some(l) = block.instrs.last_mut() {
        // Keep the eval-breaker check of the jump that was removed.
        if is_unconditional_jump(l.opcode) && removed_jump_opcode == Opcode::JUMP {
            l.opcode = Opcode::JUMP;
        }
    }
    cfg.blocks[target].predecessors -= 1;
    Some(gained)
}

/// How many instructions inlining may add to a graph of `len` instructions before it is
/// taken for a cycle: as many again as it had, and a million more. Inlining only copies exit
/// blocks of at most [`MAX_COPY_SIZE`] instructions and the few blocks without line numbers
/// that code generation makes, so real units stay far below it.
fn inline_budget(len: usize) -> usize {
    len.saturating_add(1 << 20)
}

/// `inline_small_or_no_lineno_blocks`, to a fixed point.
///
/// Each round moves every block's jump one step further along its chain of blocks to inline,
/// so a graph without cycles settles within as many rounds as it has blocks. A cycle of
/// blocks without line numbers, each ending in an unconditional jump to the next (which code
/// generation never makes), never settles and doubles in size round after round: CPython
/// grows until memory runs out and raises `MemoryError`, and so does this, once the rounds or
/// the instruction budget ([`inline_budget`]) are spent.
pub(crate) fn inline_small_or_no_lineno_blocks(cfg: &mut Cfg) -> Result<(), CompileError> {
    let original: usize = cfg
        .order()
        .iter()
        .map(|&b| cfg.blocks[b].instrs.len())
        .sum();
    let mut budget = inline_budget(original);
    for _ in 0..=cfg.blocks.len() {
        let mut changes = false;
        let mut b = Some(Cfg::ENTRY);
        while let Some(id) = b {
            if let Some(gained) = inline_block(cfg, id) {
                changes = true;
                budget = budget.checked_sub(gained).ok_or_else(memory_error)?;
            }
            b = cfg.blocks[id].next;
        }
        if !changes {
            return Ok(());
        }
    }
    Err(memory_error())
}

/// `remove_unreachable`: counts predecessors from the entry block (jumps, `SETUP_*` targets,
/// fallthrough) and empties every block nothing reaches.
pub(crate) fn remove_unreachable(cfg: &mut Cfg) {
    for block in &mut cfg.blocks {
        block.predecessors = 0;
    }
    cfg.clear_visited();
    let mut stack = vec![Cfg::ENTRY];
    cfg.blocks[Cfg::ENTRY].predecessors = 1;
    cfg.blocks[Cfg::ENTRY].visited = true;
    while let Some(b) = stack.pop() {
        if let Some(next) = cfg.blocks[b].next
            && cfg.blocks[b].has_fallthrough()
        {
            if !cfg.blocks[next].visited {
                stack.push(next);
                cfg.blocks[next].visited = true;
            }
            cfg.blocks[next].predecessors += 1;
        }
        let targets: Vec<BlockId> = cfg.blocks[b]
            .instrs
            .iter()
            .filter(|i| is_jump(i.opcode) || is_block_push(i.opcode))
            .filter_map(|i| i.target)
            .collect();
        for target in targets {
            if !cfg.blocks[target].visited {
                stack.push(target);
                cfg.blocks[target].visited = true;
            }
            cfg.blocks[target].predecessors += 1;
        }
    }
    for b in cfg.order() {
        let block = &mut cfg.blocks[b];
        if block.predecessors == 0 {
            block.instrs.clear();
            block.except_handler = false;
        }
    }
}

/// `basicblock_remove_redundant_nops`: drops the `NOP`s whose line is carried by a
/// neighbour (or that have none). Returns how many were removed.
pub(crate) fn remove_block_redundant_nops(cfg: &mut Cfg, b: BlockId) -> usize {
    let next_nonempty = cfg.next_nonempty(cfg.blocks[b].next);
    // The line of the next block's first instruction that survives (skipping NOPs without a
    // location, which go anyway).
    let next_block_lineno = next_nonempty.map(|n| {
        cfg.blocks[n]
            .instrs
            .iter()
            .find(|i| !(i.opcode == Opcode::NOP && i.loc.lineno < 0))
            .map_or(-1, |i| i.loc.lineno)
    });
    let instrs = &mut cfg.blocks[b].instrs;
    let len = instrs.len();
    let mut dest = 0;
    let mut prev_lineno = -1;
    for src in 0..len {
        let lineno = instrs[src].loc.lineno;
        if instrs[src].opcode == Opcode::NOP {
            if lineno < 0 {
                continue;
            }
            if prev_lineno == lineno {
                continue;
            }
            if src + 1 < len {
                let next_lineno = instrs[src + 1].loc.lineno;
                if next_lineno == lineno {
                    continue;
                }
                if next_lineno < 0 {
                    instrs[src + 1].loc = instrs[src].loc;
                    continue;
                }
            } else if let Some(next_lineno) = next_block_lineno
                && lineno == next_lineno
            {
                continue;
            }
        }
        if dest != src {
            instrs[dest] = instrs[src];
        }
        dest += 1;
        prev_lineno = lineno;
    }
    instrs.truncate(dest);
    len - dest
}

/// `remove_redundant_nops` over the whole graph.
pub(crate) fn remove_redundant_nops(cfg: &mut Cfg) -> usize {
    let mut changes = 0;
    for b in cfg.order() {
        changes += remove_block_redundant_nops(cfg, b);
    }
    changes
}

/// `remove_redundant_nops_and_pairs`: also turns `LOAD_CONST; POP_TOP` and `COPY 1; POP_TOP`
/// pairs (within straight-line code) into `NOP`s, to a fixed point.
pub(crate) fn remove_redundant_nops_and_pairs(cfg: &mut Cfg) {
    let mut done = false;
    while !done {
        done = true;
        let mut prev: Option<(BlockId, usize)>;
        let mut cur: Option<(BlockId, usize)> = None;
        let mut b = Some(Cfg::ENTRY);
        while let Some(id) = b {
            remove_block_redundant_nops(cfg, id);
            if cfg.blocks[id].label.is_some() {
                // A jump target: forget the previous instruction.
                cur = None;
            }
            for i in 0..cfg.blocks[id].instrs.len() {
                prev = cur;
                cur = Some((id, i));
                let (prev_opcode, prev_oparg) = prev.map_or((None, 0), |(pb, pi)| {
                    let p = cfg.blocks[pb].instrs[pi];
                    (Some(p.opcode), p.oparg)
                });
                let opcode = cfg.blocks[id].instrs[i].opcode;
                let redundant = opcode == Opcode::POP_TOP
                    && (prev_opcode == Some(Opcode::LOAD_CONST)
                        || (prev_opcode == Some(Opcode::COPY) && prev_oparg == 1));
                if redundant {
                    if let Some((pb, pi)) = prev {
                        cfg.blocks[pb].instrs[pi].set_op0(Opcode::NOP);
                    }
                    cfg.blocks[id].instrs[i].set_op0(Opcode::NOP);
                    done = false;
                }
            }
            let ends_in_jump =
                cur.is_some_and(|(cb, ci)| is_jump(cfg.blocks[cb].instrs[ci].opcode));
            if ends_in_jump || !cfg.blocks[id].has_fallthrough() {
                cur = None;
            }
            b = cfg.blocks[id].next;
        }
    }
}

/// `remove_redundant_jumps`: an unconditional jump to the block that follows anyway becomes a
/// `NOP`. Returns how many.
pub(crate) fn remove_redundant_jumps(cfg: &mut Cfg) -> Result<usize, CompileError> {
    let mut changes = 0;
    for b in cfg.order() {
        let Some(last) = cfg.blocks[b].last().copied() else {
            continue;
        };
        if is_unconditional_jump(last.opcode) {
            let jump_target = cfg.next_nonempty(last.target);
            if jump_target.is_none() {
                return Err(system_error("jump with NULL target"));
            }
            let next = cfg.next_nonempty(cfg.blocks[b].next);
            if jump_target == next {
                changes += 1;
                if let Some(l) = cfg.blocks[b].instrs.last_mut() {
                    l.set_op0(Opcode::NOP);
                }
            }
        }
    }
    Ok(changes)
}

/// `remove_redundant_nops_and_jumps`, to a fixed point.
pub(crate) fn remove_redundant_nops_and_jumps(cfg: &mut Cfg) -> Result<(), CompileError> {
    loop {
        let removed_nops = remove_redundant_nops(cfg);
        let removed_jumps = remove_redundant_jumps(cfg)?;
        if removed_nops + removed_jumps == 0 {
            return Ok(());
        }
    }
}

/// `jump_thread`: the last instruction `i` of block `b` jumps to a block starting with the
/// jump `target`; it becomes a `NOP` followed by a jump (`opcode`) straight to where `target`
/// goes, with `target`'s location. Returns whether anything changed.
///
/// Threading a block's jump moves it one block along a chain of jumps; a chain without a
/// cycle ends within as many steps as there are blocks ([`Cfg::jump_threads_left`]). A cycle
/// of bare jumps (never made by code generation) makes CPython thread forever, appending a
/// jump each time, until memory runs out: it is refused with a `MemoryError` here.
pub(crate) fn jump_thread(
    cfg: &mut Cfg,
    b: BlockId,
    i: usize,
    target: CInstr,
    opcode: Opcode,
) -> Result<bool, CompileError> {
    let inst = cfg.blocks[b].instrs[i];
    if inst.target == target.target {
        return Ok(false);
    }
    cfg.jump_threads_left = cfg
        .jump_threads_left
        .checked_sub(1)
        .ok_or_else(memory_error)?;
    let block = &mut cfg.blocks[b];
    block.instrs[i].set_op0(Opcode::NOP);
    let mut jump = CInstr::new(opcode, 0, target.loc);
    jump.target = target.target;
    // As CPython's `basicblock_add_jump`, the appended jump is a fresh instruction: it has no
    // handler (`i_except` zeroed), whatever the jump it replaces had.
    block.instrs.push(jump);
    Ok(true)
}
