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
//! `MAKE_CELL`/`COPY_FREE_VARS` prologue, pseudo-instruction conversion, jump offsets).

use taipan_bytecode::Constant;

use crate::error::CompileError;
use crate::ir::InstructionSequence;
use crate::unit::UnitMetadata;

/// A control-flow graph of basic blocks (not yet written).
#[derive(Clone, Debug, Default)]
pub struct Cfg {
    seq: InstructionSequence,
}

impl Cfg {
    /// Cuts a sequence into basic blocks (`_PyCfg_FromInstructionSequence`).
    pub fn from_sequence(mut seq: InstructionSequence) -> Cfg {
        seq.apply_label_map();
        Cfg { seq }
    }

    /// The blocks as one sequence again, jump opargs as instruction indices
    /// (`_PyCfg_ToInstructionSequence`).
    pub fn to_sequence(&self) -> InstructionSequence {
        self.seq.clone()
    }
}

/// `_PyCfg_OptimizeCodeUnit`: every optimisation pass, in CPython's order. `consts` may grow
/// (folded tuples) and shrink (unused constants removed).
pub fn optimize_code_unit(
    cfg: &mut Cfg,
    consts: &mut Vec<Constant>,
    nlocals: usize,
    nparams: usize,
    firstlineno: i32,
) -> Result<(), CompileError> {
    let _ = (cfg, consts, nlocals, nparams, firstlineno);
    Ok(())
}

/// A unit ready for assembly: real opcodes only, jump opargs as code-unit offsets (CPython's
/// relative form), every instruction's handler labelled.
#[derive(Clone, Debug)]
pub struct Finalized {
    pub seq: InstructionSequence,
    pub stackdepth: u32,
    pub nlocalsplus: u32,
}

/// `_PyCfg_OptimizedCfgToInstructionSequence`: stack depth, localsplus layout (it may add
/// `MAKE_CELL`/`COPY_FREE_VARS` and renumber locals; `metadata` gains nothing visible),
/// pseudo-instruction conversion and jump resolution.
pub fn finalize(cfg: Cfg, metadata: &UnitMetadata) -> Result<Finalized, CompileError> {
    let _ = metadata;
    Ok(Finalized {
        seq: cfg.seq,
        stackdepth: 0,
        nlocalsplus: 0,
    })
}
