//! The per-block peepholes of CPython 3.13's `optimize_basic_block`: constant conditions,
//! `LOAD_CONST` + `TO_BOOL`/`RETURN_VALUE`/`IS_OP None`, tuples of constants, jump threading,
//! `TO_BOOL` after comparisons, `LOAD_GLOBAL` + `PUSH_NULL`, and the `SWAP` optimisations
//! (`swaptimize`, `apply_static_swaps`).

use taipan_bytecode::{Constant, Int, OpFlags, Opcode};

use super::cfg::{BlockId, CInstr, Cfg, has_target, memory_error, system_error};
use super::jumps::jump_thread;
use crate::error::{CompileError, ErrorKind};
use crate::ir::Location;

/// `OPCODE_HAS_CONST`.
pub(crate) fn has_const(op: Opcode) -> bool {
    op.flags().contains(OpFlags::CONST)
}

/// `PyObject_IsTrue` of a constant.
fn is_true(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(Int::Small(v)) => *v != 0,
        Constant::Int(_) => true,
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.as_bytes().is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) | Constant::List(t) | Constant::Set(t) => {
            !t.is_empty()
        }
        Constant::Dict(d) => !d.is_empty(),
        Constant::StopIteration | Constant::Ellipsis | Constant::Code(_) => true,
    }
}

/// `get_const_value`: the constant a `LOAD_CONST` loads.
fn const_value(opcode: Opcode, oparg: i32, consts: &[Constant]) -> Result<Constant, CompileError> {
    if opcode == Opcode::LOAD_CONST
        && let Some(c) = usize::try_from(oparg).ok().and_then(|i| consts.get(i))
    {
        return Ok(c.clone());
    }
    Err(system_error(
        "Internal error: failed to get value of a constant",
    ))
}

/// `add_const`: the index of a constant equal (by `_PyCode_ConstantKey`, which the const
/// cache merges on) to `c`, appending it if there is none.
pub(crate) fn add_const(c: Constant, consts: &mut Vec<Constant>) -> Result<i32, CompileError> {
    if let Some(i) = consts.iter().position(|x| *x == c) {
        return Ok(i as i32);
    }
    if consts.len() >= i32::MAX as usize - 1 {
        return Err(CompileError {
            kind: ErrorKind::OverflowError,
            message: "too many constants".to_owned(),
            location: Location::NONE,
        });
    }
    consts.push(c);
    Ok(consts.len() as i32 - 1)
}

/// `fold_tuple_on_constants`: `LOAD_CONST c1 … LOAD_CONST cn; BUILD_TUPLE n` (the build at
/// `start + n`) becomes `NOP`s and `LOAD_CONST (c1, …, cn)`.
fn fold_tuple_on_constants(
    instrs: &mut [CInstr],
    start: usize,
    n: usize,
    consts: &mut Vec<Constant>,
) -> Result<(), CompileError> {
    if instrs[start..start + n]
        .iter()
        .any(|i| !has_const(i.opcode))
    {
        return Ok(());
    }
    let mut items = Vec::with_capacity(n);
    for i in &instrs[start..start + n] {
        items.push(const_value(i.opcode, i.oparg, consts)?);
    }
    let index = add_const(Constant::Tuple(items.into_boxed_slice()), consts)?;
    for i in &mut instrs[start..start + n] {
        i.set_op0(Opcode::NOP);
    }
    instrs[start + n].set_op1(Opcode::LOAD_CONST, index);
    Ok(())
}

/// `optimize_basic_block` (CPython 3.13).
pub(crate) fn optimize_basic_block(
    cfg: &mut Cfg,
    b: BlockId,
    consts: &mut Vec<Constant>,
) -> Result<(), CompileError> {
    // What the loop looks at: normally the instruction at `i`, but a `COPY 1` right after a
    // `LOAD_CONST` is looked at as that `LOAD_CONST` (CPython's `is_copy_of_load_const`).
    let mut opcode = Opcode::CACHE;
    let mut oparg = 0;
    let mut target: Option<CInstr> = None;
    cfg.jump_threads_left = cfg.blocks.len() + 1;
    let mut i: isize = 0;
    while (i as usize) < cfg.blocks[b].instrs.len() {
        let iu = i as usize;
        let inst = cfg.blocks[b].instrs[iu];
        let is_copy_of_load_const =
            opcode == Opcode::LOAD_CONST && inst.opcode == Opcode::COPY && inst.oparg == 1;
        if !is_copy_of_load_const {
            opcode = inst.opcode;
            oparg = inst.oparg;
            target = if has_target(opcode) {
                inst.target
                    .and_then(|t| cfg.blocks[t].instrs.first().copied())
            } else {
                None
            };
        }
        let len = cfg.blocks[b].instrs.len();
        let nextop = if iu + 1 < len {
            Some(cfg.blocks[b].instrs[iu + 1].opcode)
        } else {
            None
        };
        let target_op = target.map(|t| t.opcode);
        let instrs_len = len;
        match opcode {
            Opcode::LOAD_CONST => match nextop {
                Some(Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE) => {
                    let cnt = const_value(opcode, oparg, consts)?;
                    let truth = is_true(&cnt);
                    let instrs = &mut cfg.blocks[b].instrs;
                    instrs[iu].set_op0(Opcode::NOP);
                    let jump_if_true = nextop == Some(Opcode::POP_JUMP_IF_TRUE);
                    if truth == jump_if_true {
                        instrs[iu + 1].opcode = Opcode::JUMP;
                    } else {
                        instrs[iu + 1].set_op0(Opcode::NOP);
                    }
                }
                Some(Opcode::IS_OP) => {
                    // LOAD_CONST None; IS_OP; [TO_BOOL;] POP_JUMP_IF_x → POP_JUMP_IF_[NOT_]NONE.
                    let cnt = const_value(opcode, oparg, consts)?;
                    if cnt == Constant::None && instrs_len > iu + 2 {
                        let instrs = &mut cfg.blocks[b].instrs;
                        let mut jump_index = iu + 2;
                        let mut proceed = true;
                        if instrs[jump_index].opcode == Opcode::TO_BOOL {
                            instrs[jump_index].set_op0(Opcode::NOP);
                            if instrs_len <= iu + 3 {
                                proceed = false;
                            }
                            jump_index = iu + 3;
                        }
                        if proceed {
                            let mut invert = instrs[iu + 1].oparg != 0;
                            let jump_op = instrs[jump_index].opcode;
                            if jump_op == Opcode::POP_JUMP_IF_FALSE {
                                invert = !invert;
                            } else if jump_op != Opcode::POP_JUMP_IF_TRUE {
                                proceed = false;
                            }
                            if proceed {
                                instrs[iu].set_op0(Opcode::NOP);
                                instrs[iu + 1].set_op0(Opcode::NOP);
                                instrs[jump_index].opcode = if invert {
                                    Opcode::POP_JUMP_IF_NOT_NONE
                                } else {
                                    Opcode::POP_JUMP_IF_NONE
                                };
                            }
                        }
                    }
                }
                Some(Opcode::RETURN_VALUE) => {
                    let instrs = &mut cfg.blocks[b].instrs;
                    instrs[iu].set_op0(Opcode::NOP);
                    i += 1;
                    instrs[iu + 1].set_op1(Opcode::RETURN_CONST, oparg);
                }
                Some(Opcode::TO_BOOL) => {
                    let cnt = const_value(opcode, oparg, consts)?;
                    let index = add_const(Constant::Bool(is_true(&cnt)), consts)?;
                    let instrs = &mut cfg.blocks[b].instrs;
                    instrs[iu].set_op0(Opcode::NOP);
                    instrs[iu + 1].set_op1(Opcode::LOAD_CONST, index);
                }
                _ => {}
            },
            Opcode::BUILD_TUPLE => {
                let instrs = &mut cfg.blocks[b].instrs;
                if nextop == Some(Opcode::UNPACK_SEQUENCE) && oparg == instrs[iu + 1].oparg {
                    match oparg {
                        1 => {
                            instrs[iu].set_op0(Opcode::NOP);
                            instrs[iu + 1].set_op0(Opcode::NOP);
                            i += 1;
                            continue;
                        }
                        2 | 3 => {
                            instrs[iu].set_op0(Opcode::NOP);
                            instrs[iu + 1].opcode = Opcode::SWAP;
                            i += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                if let Ok(n) = usize::try_from(oparg)
                    && iu >= n
                {
                    fold_tuple_on_constants(instrs, iu - n, n, consts)?;
                }
            }
            Opcode::POP_JUMP_IF_NOT_NONE
            | Opcode::POP_JUMP_IF_NONE
            | Opcode::POP_JUMP_IF_FALSE
            | Opcode::POP_JUMP_IF_TRUE => {
                if let (Some(Opcode::JUMP), Some(t)) = (target_op, target)
                    && jump_thread(cfg, b, iu, t, inst.opcode)?
                {
                    i -= 1;
                }
            }
            Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT => match (target_op, target) {
                (Some(Opcode::JUMP), Some(t)) => {
                    if jump_thread(cfg, b, iu, t, Opcode::JUMP)? {
                        i -= 1;
                    }
                }
                (Some(Opcode::JUMP_NO_INTERRUPT), Some(t)) => {
                    if jump_thread(cfg, b, iu, t, opcode)? {
                        i -= 1;
                    }
                }
                _ => {}
            },
            Opcode::STORE_FAST => {
                let instrs = &mut cfg.blocks[b].instrs;
                if nextop == Some(opcode)
                    && oparg == instrs[iu + 1].oparg
                    && instrs[iu].loc.lineno == instrs[iu + 1].loc.lineno
                {
                    instrs[iu].opcode = Opcode::POP_TOP;
                    instrs[iu].oparg = 0;
                }
            }
            Opcode::SWAP if oparg == 1 => {
                cfg.blocks[b].instrs[iu].set_op0(Opcode::NOP);
            }
            Opcode::LOAD_GLOBAL if nextop == Some(Opcode::PUSH_NULL) && (oparg & 1) == 0 => {
                let instrs = &mut cfg.blocks[b].instrs;
                instrs[iu].set_op1(Opcode::LOAD_GLOBAL, oparg | 1);
                instrs[iu + 1].set_op0(Opcode::NOP);
            }
            Opcode::COMPARE_OP if nextop == Some(Opcode::TO_BOOL) => {
                let instrs = &mut cfg.blocks[b].instrs;
                instrs[iu].set_op0(Opcode::NOP);
                instrs[iu + 1].set_op1(Opcode::COMPARE_OP, oparg | 16);
                i += 1;
                continue;
            }
            Opcode::CONTAINS_OP | Opcode::IS_OP if nextop == Some(Opcode::TO_BOOL) => {
                let instrs = &mut cfg.blocks[b].instrs;
                instrs[iu].set_op0(Opcode::NOP);
                instrs[iu + 1].set_op1(opcode, oparg);
                i += 1;
                continue;
            }
            Opcode::TO_BOOL if nextop == Some(Opcode::TO_BOOL) => {
                cfg.blocks[b].instrs[iu].set_op0(Opcode::NOP);
                i += 1;
                continue;
            }
            Opcode::UNARY_NOT => {
                if nextop == Some(Opcode::TO_BOOL) {
                    let instrs = &mut cfg.blocks[b].instrs;
                    instrs[iu].set_op0(Opcode::NOP);
                    instrs[iu + 1].set_op0(Opcode::UNARY_NOT);
                    i += 1;
                    continue;
                }
                if nextop == Some(Opcode::UNARY_NOT) {
                    let instrs = &mut cfg.blocks[b].instrs;
                    instrs[iu].set_op0(Opcode::NOP);
                    instrs[iu + 1].set_op0(Opcode::NOP);
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }

    let mut i = 0;
    while i < cfg.blocks[b].instrs.len() {
        if cfg.blocks[b].instrs[i].opcode == Opcode::SWAP {
            let instrs = &mut cfg.blocks[b].instrs;
            i = swaptimize(instrs, i)?;
            apply_static_swaps(instrs, i);
        }
        i += 1;
    }
    Ok(())
}

/// The deepest `SWAP` run [`swaptimize`] simulates. CPython allocates an int per stack item
/// and raises `MemoryError` when that fails (as it does for a negative depth, whose size
/// wraps to a huge one); this bound (64 MiB of items) stands for that failure. No code
/// generation output comes near it.
const MAX_SWAP_DEPTH: i32 = 1 << 24;

/// `swaptimize`: replaces the run of `SWAP`s and `NOP`s starting at `ix` with the shortest
/// run of `SWAP`s with the same effect. Returns the index of the run's last instruction (or
/// `ix` if the run had a single `SWAP`).
fn swaptimize(instrs: &mut [CInstr], ix: usize) -> Result<usize, CompileError> {
    let run = &mut instrs[ix..];
    let mut depth = run[0].oparg;
    let mut len = 1;
    let mut more = false;
    while len < run.len() {
        let op = run[len].opcode;
        if op == Opcode::SWAP {
            depth = depth.max(run[len].oparg);
            more = true;
        } else if op != Opcode::NOP {
            break;
        }
        len += 1;
    }
    if !more {
        return Ok(ix);
    }
    if !(0..=MAX_SWAP_DEPTH).contains(&depth) {
        return Err(memory_error());
    }
    let depth = depth as usize;
    // Simulate the run on a stack of item numbers.
    const VISITED: i32 = -1;
    let mut stack: Vec<i32> = (0..depth as i32).collect();
    for ins in &run[..len] {
        if ins.opcode == Opcode::SWAP {
            let k = ins.oparg as usize;
            if k >= 1 && k <= depth {
                stack.swap(0, k - 1);
            }
        }
    }
    // Rebuild it from the end, one cycle of the permutation at a time (each cycle goes
    // through position 0, the only one a SWAP can exchange with).
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as i32 {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 && current >= 0 {
                run[current as usize].opcode = Opcode::SWAP;
                run[current as usize].oparg = j as i32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next_j = stack[j] as usize;
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while current >= 0 {
        run[current as usize].set_op0(Opcode::NOP);
        current -= 1;
    }
    Ok(ix + len - 1)
}

/// Instructions that only consume the top of the stack and may be reordered (`SWAPPABLE`).
fn swappable(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::STORE_FAST | Opcode::STORE_FAST_MAYBE_NULL | Opcode::POP_TOP
    )
}

/// `STORES_TO`: the local a store writes, if it is one.
fn stores_to(instr: &CInstr) -> Option<i32> {
    matches!(
        instr.opcode,
        Opcode::STORE_FAST | Opcode::STORE_FAST_MAYBE_NULL
    )
    .then_some(instr.oparg)
}

/// `next_swappable_instruction`: the next swappable instruction after `i`, skipping `NOP`s,
/// not crossing into another line when `lineno` is given.
fn next_swappable_instruction(instrs: &[CInstr], mut i: usize, lineno: i32) -> Option<usize> {
    loop {
        i += 1;
        let instr = instrs.get(i)?;
        if lineno >= 0 && instr.loc.lineno != lineno {
            return None;
        }
        if instr.opcode == Opcode::NOP {
            continue;
        }
        return swappable(instr.opcode).then_some(i);
    }
}

/// `apply_static_swaps`: a `SWAP` followed by instructions that only store or pop is
/// done by exchanging those instructions instead, walking back from `i`.
fn apply_static_swaps(instrs: &mut [CInstr], i: usize) {
    let mut i = i as isize;
    while i >= 0 {
        let iu = i as usize;
        let swap = instrs[iu];
        if swap.opcode != Opcode::SWAP {
            if swap.opcode == Opcode::NOP || swappable(swap.opcode) {
                i -= 1;
                continue;
            }
            return;
        }
        let Some(j) = next_swappable_instruction(instrs, iu, -1) else {
            return;
        };
        let mut k = j;
        let lineno = instrs[j].loc.lineno;
        // CPython (built with `-fwrapv`) wraps `INT_MIN - 1` to `INT_MAX`: the walk then stops
        // at the first instruction that is not swappable, leaving the `SWAP` alone.
        let mut count = swap.oparg.wrapping_sub(1);
        while count > 0 {
            match next_swappable_instruction(instrs, k, lineno) {
                Some(next) => k = next,
                None => return,
            }
            count -= 1;
        }
        let store_j = stores_to(&instrs[j]);
        let store_k = stores_to(&instrs[k]);
        if store_j.is_some() || store_k.is_some() {
            if store_j == store_k {
                return;
            }
            let clash = instrs[j + 1..k].iter().any(|instr| {
                let store = stores_to(instr);
                store.is_some() && (store == store_j || store == store_k)
            });
            if clash {
                return;
            }
        }
        instrs[iu].set_op0(Opcode::NOP);
        instrs.swap(j, k);
        i -= 1;
    }
}
