//! Checking a code object from outside (a `.pyc` file, `marshal` data) before it runs.
//!
//! CPython trusts its bytecode and can crash on hostile `.pyc` files; Taipan rejects what its
//! loop could not give a meaning to. The loop itself never panics on bad indices (it raises
//! `SystemError`), so this pass is about failing early and clearly: every opcode is an
//! executable CPython 3.13 opcode (no pseudo or instrumented ones), every index an oparg takes
//! into constants, names or localsplus is in range, every jump lands on an instruction inside
//! the code, and the exception table stays inside the code and the stack size.

use taipan_bytecode::{CodeObject, Constant, JumpKind, OpFlags, Opcode, OpcodeKind};

/// Why a code object was refused: the message of the `SystemError` raised.
pub fn verify(code: &CodeObject) -> Result<(), String> {
    verify_depth(code, 0)
}

fn verify_depth(code: &CodeObject, depth: usize) -> Result<(), String> {
    if depth > 200 {
        return Err("code objects nested too deeply".to_owned());
    }
    if !code.code.len().is_multiple_of(2) {
        return Err("co_code has an odd length".to_owned());
    }
    let units: Vec<(u8, u8)> = code.code.chunks_exact(2).map(|c| (c[0], c[1])).collect();
    let n = units.len();
    if code.localspluskinds.len() != code.localsplusnames.len() {
        return Err("localsplus names and kinds differ in length".to_owned());
    }
    let nlocals = code.localsplusnames.len() as u64;
    let mut starts = vec![false; n + 1];
    let mut i = 0;
    let mut jumps: Vec<(usize, usize)> = Vec::new();
    while i < n {
        let start = i;
        let mut arg: u64 = 0;
        let mut op;
        loop {
            let (o, a) = units[i];
            op = Opcode::from_byte(o)
                .ok_or_else(|| format!("unknown opcode {o} at offset {}", 2 * i))?;
            arg = (arg << 8) | a as u64;
            i += 1;
            if op != Opcode::EXTENDED_ARG {
                break;
            }
            if i >= n {
                return Err("EXTENDED_ARG at the end of the code".to_owned());
            }
        }
        starts[start] = true;
        if matches!(op.kind(), OpcodeKind::Pseudo | OpcodeKind::Instrumented)
            || op == Opcode::ENTER_EXECUTOR
        {
            return Err(format!(
                "opcode {} cannot run (offset {})",
                op.name(),
                2 * start
            ));
        }
        let flags = op.flags();
        let check = |ok: bool, what: &str| -> Result<(), String> {
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "{} oparg {arg} out of range for {what} (offset {})",
                    op.name(),
                    2 * start
                ))
            }
        };
        if flags.contains(OpFlags::CONST) {
            check(arg < code.consts.len() as u64, "co_consts")?;
        }
        if flags.contains(OpFlags::NAME) {
            let index = match op {
                o if o == Opcode::LOAD_GLOBAL || o == Opcode::LOAD_ATTR => arg >> 1,
                o if o == Opcode::LOAD_SUPER_ATTR => arg >> 2,
                _ => arg,
            };
            check(index < code.names.len() as u64, "co_names")?;
        }
        if flags.contains(OpFlags::LOCAL) || flags.contains(OpFlags::FREE) {
            if op == Opcode::LOAD_FAST_LOAD_FAST
                || op == Opcode::STORE_FAST_STORE_FAST
                || op == Opcode::STORE_FAST_LOAD_FAST
            {
                check((arg >> 4) < nlocals && (arg & 15) < nlocals, "localsplus")?;
            } else {
                check(arg < nlocals, "localsplus")?;
            }
        }
        let next = i + op.cache_entries();
        match op.jump_kind() {
            JumpKind::Forward => jumps.push((start, next + arg as usize)),
            JumpKind::Backward => match next.checked_sub(arg as usize) {
                Some(t) => jumps.push((start, t)),
                None => {
                    return Err(format!(
                        "{} jumps before the start (offset {})",
                        op.name(),
                        2 * start
                    ));
                }
            },
            _ => {}
        }
        if op == Opcode::FOR_ITER {
            // FOR_ITER also skips the END_FOR and POP_TOP after its target.
            jumps.push((start, next + arg as usize + 2));
        }
        i = next;
    }
    for (from, to) in jumps {
        if to > n || (to < n && !starts[to]) {
            return Err(format!(
                "jump from offset {} lands outside the instructions",
                2 * from
            ));
        }
    }
    for e in taipan_bytecode::exception_table::decode(&code.exceptiontable) {
        let (start, end, target) = (e.start as usize, e.end as usize, e.target as usize);
        if start > end || end > n || target >= n || !starts[target] {
            return Err("exception table entry outside the code".to_owned());
        }
        if e.depth > code.stacksize {
            return Err("exception table depth above co_stacksize".to_owned());
        }
    }
    for c in &code.consts {
        verify_constant(c, depth)?;
    }
    Ok(())
}

fn verify_constant(c: &Constant, depth: usize) -> Result<(), String> {
    match c {
        Constant::Code(inner) => verify_depth(inner, depth + 1),
        Constant::Tuple(items)
        | Constant::FrozenSet(items)
        | Constant::List(items)
        | Constant::Set(items) => {
            for i in items.iter() {
                verify_constant(i, depth + 1)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
