//! The control-flow graph and its optimisation: CPython 3.13's `Python/flowgraph.c`.
//!
//! [`Cfg::from_sequence`] cuts code generation's instruction sequence into basic blocks;
//! [`optimize_code_unit`] runs CPython's passes in CPython's order (`_PyCfg_OptimizeCodeUnit`:
//! exception-target labelling, jump threading, constant folding of conditions and tuples,
//! unreachable-code and NOP removal, duplicate-exit inlining, `LOAD_FAST_CHECK` analysis,
//! superinstructions, cold-block placement, line-number propagation); [`Cfg::to_sequence`]
//! gives the result back as a sequence (what `_testinternalcapi.optimize_cfg` returns); and
//! [`finalize`] does what CPython does between optimisation and assembly
//! (`_PyCfg_OptimizedCfgToInstructionSequence`: stack depth, the localsplus layout with the
//! `MAKE_CELL`/`COPY_FREE_VARS` prologue, pseudo-instruction conversion; then assemble.c's
//! jump direction and offset resolution).
//!
//! Checked against CPython 3.13.0 over the standard library (`examples/cfg_check.rs`,
//! `examples/backend_check.rs`, fed by oracle scripts): for every code unit (70,561 at
//! `optimize=0`, 74,223 at `optimize=2`) the optimised sequence equals `_testinternalcapi.
//! optimize_cfg`'s on the same input; finalized units equal the instructions, handlers and
//! `co_stacksize` of `compile()`'s code objects, and with the assembler whole code objects are
//! identical (all 1,721 modules, 67,871 of 67,874 nested units whose input constants could be
//! recovered; the 3 others received different constants than CPython's compile did).
//! One difference from `optimize_cfg` is deliberate: a folded constant equal to one already in
//! the list reuses its index, as in a real compilation (whose constant cache makes equal
//! constants identical), where `optimize_cfg`'s fresh cache appends a duplicate.
//!
//! One file per pass: `cfg.rs` (blocks, sequence conversion), `except.rs` (handlers),
//! `jumps.rs` (inlining, unreachable code, redundant NOPs and jumps, threading), `fold.rs`
//! (`optimize_basic_block`), `consts.rs`, `fastlocals.rs`, `superinstr.rs`, `cold.rs`,
//! `lines.rs`, `stackdepth.rs`, `localsplus.rs`, `pseudo.rs`.

mod cfg;
mod cold;
mod consts;
mod except;
mod fastlocals;
mod fold;
mod jumps;
mod lines;
mod localsplus;
mod pseudo;
mod stackdepth;
mod superinstr;

use taipan_bytecode::Constant;

pub use cfg::Cfg;

/// Code units an instruction takes in `co_code`: its `EXTENDED_ARG` prefixes, itself and its
/// inline caches (CPython's `_PyCompile_InstrSize`), for the assembler's offsets.
pub fn instr_size(opcode: taipan_bytecode::Opcode, oparg: i32) -> i32 {
    cfg::instr_size(opcode, oparg)
}

use crate::error::CompileError;
use crate::ir::InstructionSequence;
use crate::unit::UnitMetadata;

/// `optimize_cfg`: the optimisation proper, between the preprocessing and the constant and
/// local-variable passes.
fn optimize_cfg(
    cfg: &mut Cfg,
    consts: &mut Vec<Constant>,
    firstlineno: i32,
) -> Result<(), CompileError> {
    cfg.check()?;
    jumps::inline_small_or_no_lineno_blocks(cfg)?;
    jumps::remove_unreachable(cfg);
    lines::resolve_line_numbers(cfg, firstlineno);
    let mut b = Some(Cfg::ENTRY);
    while let Some(id) = b {
        fold::optimize_basic_block(cfg, id, consts)?;
        b = cfg.blocks[id].next;
    }
    jumps::remove_redundant_nops_and_pairs(cfg);
    jumps::remove_unreachable(cfg);
    jumps::remove_redundant_nops_and_jumps(cfg)
}

/// `_PyCfg_OptimizeCodeUnit`: every optimisation pass, in CPython's order. `consts` may grow
/// (folded tuples, `bool`s of constant conditions) and shrink (unused constants removed).
/// `nparams` locals (the parameters) count as initialised for the `LOAD_FAST_CHECK` analysis.
pub fn optimize_code_unit(
    cfg: &mut Cfg,
    consts: &mut Vec<Constant>,
    nlocals: usize,
    nparams: usize,
    firstlineno: i32,
) -> Result<(), CompileError> {
    if cfg.blocks.is_empty() {
        return Ok(());
    }
    cfg.check()?;
    except::mark_except_handlers(cfg);
    except::label_exception_targets(cfg);
    optimize_cfg(cfg, consts, firstlineno)?;
    consts::remove_unused_consts(cfg, consts)?;
    fastlocals::add_checks_for_loads_of_uninitialized_variables(cfg, nlocals, nparams);
    superinstr::insert_superinstructions(cfg);
    cold::push_cold_blocks_to_end(cfg)?;
    lines::resolve_line_numbers(cfg, firstlineno);
    Ok(())
}

/// A unit ready for assembly: what [`crate::assemble::make_code_object`] receives.
///
/// `seq.instrs` is the final instruction stream, in order, one entry per instruction as
/// `co_code` will hold it *without* its `EXTENDED_ARG` prefixes and inline caches (the
/// assembler emits those: the prefixes from the oparg's size, `Opcode::cache_entries` zeroed
/// cache units). In it:
/// - every opcode is real (no pseudo instruction is left: `SETUP_*`/`POP_BLOCK` are gone,
///   `JUMP`/`JUMP_NO_INTERRUPT` are `JUMP_FORWARD`/`JUMP_BACKWARD`/
///   `JUMP_BACKWARD_NO_INTERRUPT`, `LOAD_CLOSURE` is `LOAD_FAST`, `STORE_FAST_MAYBE_NULL` is
///   `STORE_FAST`); the prologue (`COPY_FREE_VARS`, `MAKE_CELL`, `RETURN_GENERATOR; POP_TOP`)
///   is in place;
/// - a jump's `oparg` is CPython's final relative offset in code units: from the end of the
///   jump instruction (after its own `EXTENDED_ARG`s, itself and its caches) forwards for
///   `JUMP_FORWARD`, `POP_JUMP_IF_*`, `FOR_ITER`, `SEND`, backwards for `JUMP_BACKWARD*`,
///   exactly the value `co_code` stores;
/// - cell and free variable opargs (`MAKE_CELL`, `LOAD_DEREF`, `STORE_DEREF`, `DELETE_DEREF`,
///   `LOAD_FROM_DICT_OR_DEREF`, and `LOAD_FAST` from `LOAD_CLOSURE`) are localsplus indices
///   (cells that are also parameters share the parameter's slot);
/// - other opargs are final (constant indices after unused constants were removed, name
///   indices, `LOAD_FAST_LOAD_FAST` pairs, …);
/// - `loc` is the instruction's location for the line table (`lineno == -1`: none);
/// - `except_handler` is the handler covering the instruction, `None` if none:
///   `label` is the **index in `seq.instrs`** of the handler's first instruction (the
///   assembler turns it into a code-unit offset), `startdepth` is the stack depth on entry to
///   the handler block as the stack-depth pass computed it (it counts the values the handler
///   entry pushes: CPython's assembler writes `startdepth - 1 - preserve_lasti` as the
///   exception-table depth; checked against `co_exceptiontable` over the standard library),
///   and `preserve_lasti` is set for `SETUP_WITH`/`SETUP_CLEANUP` handlers;
/// - an opcode without an argument has `oparg` 0.
///
/// `stackdepth` is `co_stacksize`; `nlocalsplus` is the number of localsplus slots (locals,
/// then cells that are not parameters, then free variables).
#[derive(Clone, Debug)]
pub struct Finalized {
    pub seq: InstructionSequence,
    pub stackdepth: u32,
    pub nlocalsplus: u32,
}

/// `_PyCfg_OptimizedCfgToInstructionSequence` followed by the jump resolution of
/// `_PyAssemble_MakeCodeObject`: stack depth, localsplus layout (it may add `MAKE_CELL`/
/// `COPY_FREE_VARS`/`RETURN_GENERATOR` and renumber cell opargs; `metadata` is only read),
/// pseudo-instruction conversion, conditional backward jumps normalised, jump directions and
/// offsets resolved.
pub fn finalize(mut cfg: Cfg, metadata: &UnitMetadata) -> Result<Finalized, CompileError> {
    if cfg.blocks.is_empty() {
        cfg.new_block();
    }
    cfg.check()?;
    let stackdepth = stackdepth::calculate_stackdepth(&mut cfg)?;
    let nlocalsplus = localsplus::prepare_localsplus(&mut cfg, metadata);
    pseudo::convert_pseudo_ops(&mut cfg)?;
    pseudo::normalize_jumps(&mut cfg);
    let mut seq = cfg.to_sequence();
    pseudo::resolve_unconditional_jumps(&mut seq.instrs);
    if let Some(bad) = seq.instrs.iter().find(|i| !pseudo::is_real(i.opcode)) {
        return Err(cfg::system_error(&format!(
            "pseudo instruction {} left after conversion",
            bad.opcode.name()
        )));
    }
    for instr in &mut seq.instrs {
        if !instr.opcode.has_arg() {
            instr.oparg = 0;
        }
    }
    pseudo::resolve_jump_offsets(&mut seq.instrs);
    Ok(Finalized {
        seq,
        // CPython never makes a code object with `co_stacksize` 0 (a unit that only returns a
        // constant or re-raises still gets 1: checked against the oracle).
        stackdepth: stackdepth.max(1) as u32,
        nlocalsplus: nlocalsplus as u32,
    })
}
