//! `add_checks_for_loads_of_uninitialized_variables` (CPython 3.13): a `LOAD_FAST` of a local
//! that may be unbound on some path becomes `LOAD_FAST_CHECK`. The first 64 locals are
//! tracked across blocks with a bit mask per block; the others only within a block
//! (`fast_scan_many_locals`).

use taipan_bytecode::Opcode;

use super::cfg::{BlockId, Cfg, is_jump};

/// `maybe_push`: adds `mask` to the block's unsafe set; queues it if that taught it something
/// and it is not queued already.
fn maybe_push(cfg: &mut Cfg, b: BlockId, mask: u64, stack: &mut Vec<BlockId>) {
    let block = &mut cfg.blocks[b];
    let both = block.unsafe_locals_mask | mask;
    if block.unsafe_locals_mask != both {
        block.unsafe_locals_mask = both;
        if !block.visited {
            stack.push(b);
            block.visited = true;
        }
    }
}

/// `scan_block_for_locals`.
fn scan_block_for_locals(cfg: &mut Cfg, b: BlockId, stack: &mut Vec<BlockId>) {
    let mut unsafe_mask = cfg.blocks[b].unsafe_locals_mask;
    for i in 0..cfg.blocks[b].instrs.len() {
        let instr = cfg.blocks[b].instrs[i];
        if let Some(handler) = instr.except {
            maybe_push(cfg, handler, unsafe_mask, stack);
        }
        if !(0..64).contains(&instr.oparg) {
            continue;
        }
        let bit = 1u64 << instr.oparg;
        match instr.opcode {
            Opcode::DELETE_FAST | Opcode::LOAD_FAST_AND_CLEAR | Opcode::STORE_FAST_MAYBE_NULL => {
                unsafe_mask |= bit;
            }
            Opcode::STORE_FAST | Opcode::LOAD_FAST_CHECK => unsafe_mask &= !bit,
            Opcode::LOAD_FAST => {
                if unsafe_mask & bit != 0 {
                    cfg.blocks[b].instrs[i].opcode = Opcode::LOAD_FAST_CHECK;
                }
                unsafe_mask &= !bit;
            }
            _ => {}
        }
    }
    let block = &cfg.blocks[b];
    if let Some(next) = block.next
        && block.has_fallthrough()
    {
        maybe_push(cfg, next, unsafe_mask, stack);
    }
    let block = &cfg.blocks[b];
    if let Some(last) = block.last()
        && is_jump(last.opcode)
        && let Some(t) = last.target
    {
        maybe_push(cfg, t, unsafe_mask, stack);
    }
}

/// `fast_scan_many_locals`: locals 64 and up, one block at a time.
fn fast_scan_many_locals(cfg: &mut Cfg, nlocals: usize) {
    let mut states = vec![0usize; nlocals - 64];
    let mut blocknum = 0usize;
    for b in cfg.order() {
        blocknum += 1;
        for instr in &mut cfg.blocks[b].instrs {
            let Ok(arg) = usize::try_from(instr.oparg) else {
                continue;
            };
            if arg < 64 {
                continue;
            }
            let Some(state) = states.get_mut(arg - 64) else {
                continue;
            };
            match instr.opcode {
                Opcode::DELETE_FAST
                | Opcode::LOAD_FAST_AND_CLEAR
                | Opcode::STORE_FAST_MAYBE_NULL => *state = blocknum - 1,
                Opcode::STORE_FAST => *state = blocknum,
                Opcode::LOAD_FAST => {
                    if *state != blocknum {
                        instr.opcode = Opcode::LOAD_FAST_CHECK;
                    }
                    *state = blocknum;
                }
                _ => {}
            }
        }
    }
}

pub(crate) fn add_checks_for_loads_of_uninitialized_variables(
    cfg: &mut Cfg,
    nlocals: usize,
    nparams: usize,
) {
    if nlocals == 0 {
        return;
    }
    let mut nlocals = nlocals;
    if nlocals > 64 {
        fast_scan_many_locals(cfg, nlocals);
        nlocals = 64;
    }
    cfg.clear_visited();
    let mut stack = Vec::new();
    let mut start_mask = 0u64;
    for i in nparams..nlocals {
        start_mask |= 1u64 << i;
    }
    maybe_push(cfg, Cfg::ENTRY, start_mask, &mut stack);
    for b in cfg.order() {
        scan_block_for_locals(cfg, b, &mut stack);
    }
    while let Some(b) = stack.pop() {
        cfg.blocks[b].visited = false;
        scan_block_for_locals(cfg, b, &mut stack);
    }
}
