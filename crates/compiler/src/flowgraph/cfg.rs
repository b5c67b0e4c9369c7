//! The block structure: CPython 3.13's `basicblock` and `cfg_builder`, and the conversions
//! between an instruction sequence and a graph (`_PyCfg_FromInstructionSequence`,
//! `_PyCfg_ToInstructionSequence`).
//!
//! Blocks live in one arena (`Cfg::blocks`) and are identified by their index there; the
//! order the code is laid out in is the `next` chain from the entry block (CPython's `b_next`),
//! which passes re-link freely. Blocks dropped from the chain stay in the arena, unused.

use taipan_bytecode::{JumpKind, Opcode};

use crate::error::{CompileError, ErrorKind};
use crate::ir::{ExceptHandlerInfo, Instr, InstructionSequence, Location};

/// A block's index in [`Cfg::blocks`].
pub(crate) type BlockId = usize;

/// One instruction of a block: CPython's `cfg_instr`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CInstr {
    pub opcode: Opcode,
    pub oparg: i32,
    pub loc: Location,
    /// The block a jump or `SETUP_*` goes to (`i_target`).
    pub target: Option<BlockId>,
    /// The handler block covering this instruction (`i_except`).
    pub except: Option<BlockId>,
}

impl CInstr {
    pub fn new(opcode: Opcode, oparg: i32, loc: Location) -> CInstr {
        CInstr {
            opcode,
            oparg,
            loc,
            target: None,
            except: None,
        }
    }

    /// `INSTR_SET_OP0`: an opcode without an argument (the target stays, unused, as in C).
    pub fn set_op0(&mut self, opcode: Opcode) {
        self.opcode = opcode;
        self.oparg = 0;
    }

    /// `INSTR_SET_OP1`.
    pub fn set_op1(&mut self, opcode: Opcode, oparg: i32) {
        self.opcode = opcode;
        self.oparg = oparg;
    }
}

/// A basic block: CPython's `basicblock`, the fields the passes use.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub instrs: Vec<CInstr>,
    pub next: Option<BlockId>,
    /// The jump-target label (`b_label`): the index of the block's first instruction in the
    /// sequence it was built from when that instruction was a target; labels given later
    /// count up from the largest.
    pub label: Option<i32>,
    pub startdepth: i32,
    pub predecessors: i32,
    pub unsafe_locals_mask: u64,
    pub preserve_lasti: bool,
    pub visited: bool,
    pub except_handler: bool,
    pub cold: bool,
    pub warm: bool,
    /// The exception stack on entry, while `label_exception_targets` runs (`b_exceptstack`).
    pub except_stack: Option<Vec<Option<BlockId>>>,
}

impl Block {
    fn new() -> Block {
        Block {
            instrs: Vec::new(),
            next: None,
            label: None,
            startdepth: 0,
            predecessors: 0,
            unsafe_locals_mask: 0,
            preserve_lasti: false,
            visited: false,
            except_handler: false,
            cold: false,
            warm: false,
            except_stack: None,
        }
    }

    pub fn last(&self) -> Option<&CInstr> {
        self.instrs.last()
    }

    /// `BB_NO_FALLTHROUGH`: ends in a scope exit or an unconditional jump.
    pub fn no_fallthrough(&self) -> bool {
        self.last()
            .is_some_and(|i| is_scope_exit(i.opcode) || is_unconditional_jump(i.opcode))
    }

    pub fn has_fallthrough(&self) -> bool {
        !self.no_fallthrough()
    }

    /// `basicblock_exits_scope`.
    pub fn exits_scope(&self) -> bool {
        self.last().is_some_and(|i| is_scope_exit(i.opcode))
    }

    /// `basicblock_has_no_lineno`.
    pub fn has_no_lineno(&self) -> bool {
        self.instrs.iter().all(|i| i.loc.lineno < 0)
    }

    /// `basicblock_has_eval_break`.
    pub fn has_eval_break(&self) -> bool {
        self.instrs.iter().any(|i| has_eval_break(i.opcode))
    }
}

/// `OPCODE_HAS_JUMP` (CPython's `is_jump`): real jumps and `JUMP`/`JUMP_NO_INTERRUPT`.
pub(crate) fn is_jump(op: Opcode) -> bool {
    matches!(
        crate::opinfo::jump_kind(op),
        JumpKind::Forward | JumpKind::Backward
    )
}

/// `IS_BLOCK_PUSH_OPCODE`: the `SETUP_*` pseudo instructions.
pub(crate) fn is_block_push(op: Opcode) -> bool {
    crate::opinfo::jump_kind(op) == JumpKind::Handler
}

/// `HAS_TARGET`.
pub(crate) fn has_target(op: Opcode) -> bool {
    crate::opinfo::jump_kind(op) != JumpKind::None
}

/// `IS_SCOPE_EXIT_OPCODE`.
pub(crate) fn is_scope_exit(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::RETURN_VALUE | Opcode::RETURN_CONST | Opcode::RAISE_VARARGS | Opcode::RERAISE
    )
}

/// `IS_UNCONDITIONAL_JUMP_OPCODE`.
pub(crate) fn is_unconditional_jump(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::JUMP
            | Opcode::JUMP_NO_INTERRUPT
            | Opcode::JUMP_FORWARD
            | Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
    )
}

/// `IS_TERMINATOR_OPCODE`: what ends a block while the graph is built.
pub(crate) fn is_terminator(op: Opcode) -> bool {
    is_jump(op) || is_scope_exit(op)
}

/// `OPCODE_HAS_EVAL_BREAK` for the opcodes the compiler emits (CPython 3.13's metadata:
/// calls, backward jumps, `RESUME`, and the `JUMP` pseudo instruction).
pub(crate) fn has_eval_break(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::CALL
            | Opcode::CALL_KW
            | Opcode::CALL_FUNCTION_EX
            | Opcode::JUMP_BACKWARD
            | Opcode::RESUME
            | Opcode::JUMP
            | Opcode::ENTER_EXECUTOR
    )
}

/// `_PyCompile_InstrSize`: code units of an instruction with its `EXTENDED_ARG` prefixes and
/// inline caches.
pub(crate) fn instr_size(opcode: Opcode, oparg: i32) -> i32 {
    let extended =
        i32::from(oparg > 0xFF_FFFF) + i32::from(oparg > 0xFFFF) + i32::from(oparg > 0xFF);
    extended + 1 + crate::opinfo::cache_entries(opcode) as i32
}

pub(crate) fn system_error(message: &str) -> CompileError {
    CompileError {
        kind: ErrorKind::SystemError,
        message: message.to_owned(),
        location: Location::NONE,
    }
}

/// CPython's `ValueError` for a malformed graph ("Invalid CFG, …").
pub(crate) fn value_error(message: &str) -> CompileError {
    CompileError {
        kind: ErrorKind::ValueError,
        message: message.to_owned(),
        location: Location::NONE,
    }
}

/// CPython's `PyErr_NoMemory()`: a `MemoryError` with no message. Raised where a hand-made
/// sequence would make a pass grow without bound (CPython grows until an allocation fails).
pub(crate) fn memory_error() -> CompileError {
    CompileError {
        kind: ErrorKind::MemoryError,
        message: String::new(),
        location: Location::NONE,
    }
}

/// A control-flow graph of basic blocks: CPython's `cfg_builder`.
#[derive(Clone, Debug, Default)]
pub struct Cfg {
    pub(crate) blocks: Vec<Block>,
    /// A defect of the sequence the graph was built from (a jump out of range), reported by
    /// the first pass that runs.
    pub(crate) error: Option<String>,
    /// How many more times jump threading may rewrite the block being optimised. A block's
    /// jump can move along a chain of jumps at most once per block; only a cycle of bare
    /// jumps (which code generation never makes, and on which CPython would thread forever)
    /// exhausts it.
    pub(crate) jump_threads_left: usize,
}

/// Builds blocks as CPython's `cfg_builder` does while instructions are added.
struct Builder {
    cfg: Cfg,
    current: BlockId,
    current_label: Option<i32>,
}

impl Builder {
    /// `cfg_builder_current_block_is_terminated`.
    fn current_is_terminated(&mut self) -> bool {
        let block = &mut self.cfg.blocks[self.current];
        if block.last().is_some_and(|i| is_terminator(i.opcode)) {
            return true;
        }
        if let Some(label) = self.current_label {
            if block.last().is_some() || block.label.is_some() {
                return true;
            }
            block.label = Some(label);
            self.current_label = None;
        }
        false
    }

    /// `cfg_builder_maybe_start_new_block`.
    fn maybe_start_new_block(&mut self) {
        if self.current_is_terminated() {
            let id = self.cfg.new_block();
            self.cfg.blocks[id].label = self.current_label.take();
            self.cfg.blocks[self.current].next = Some(id);
            self.current = id;
        }
    }

    fn use_label(&mut self, label: i32) {
        self.current_label = Some(label);
        self.maybe_start_new_block();
    }

    fn addop(&mut self, instr: CInstr) {
        self.maybe_start_new_block();
        self.cfg.blocks[self.current].instrs.push(instr);
    }
}

impl Cfg {
    pub(crate) const ENTRY: BlockId = 0;

    pub(crate) fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block::new());
        self.blocks.len() - 1
    }

    /// The blocks in layout order.
    pub(crate) fn order(&self) -> Vec<BlockId> {
        let mut out = Vec::new();
        let mut b = if self.blocks.is_empty() {
            None
        } else {
            Some(Self::ENTRY)
        };
        while let Some(id) = b {
            out.push(id);
            b = self.blocks[id].next;
        }
        out
    }

    /// `next_nonempty_block`.
    pub(crate) fn next_nonempty(&self, mut b: Option<BlockId>) -> Option<BlockId> {
        while let Some(id) = b {
            if !self.blocks[id].instrs.is_empty() {
                return Some(id);
            }
            b = self.blocks[id].next;
        }
        None
    }

    /// `get_max_label`.
    pub(crate) fn max_label(&self) -> i32 {
        self.order()
            .into_iter()
            .filter_map(|b| self.blocks[b].label)
            .max()
            .unwrap_or(-1)
    }

    /// `make_cfg_traversal_stack`'s side effect: every block unvisited.
    pub(crate) fn clear_visited(&mut self) {
        for b in &mut self.blocks {
            b.visited = false;
        }
    }

    /// `copy_basicblock`: a new block with the same instructions.
    pub(crate) fn copy_block(&mut self, block: BlockId) -> BlockId {
        let id = self.new_block();
        self.blocks[id].instrs = self.blocks[block].instrs.clone();
        id
    }

    /// Cuts a sequence into basic blocks (`_PyCfg_FromInstructionSequence`), and points every
    /// jump at its block (`translate_jump_labels_to_targets`, which CPython runs first thing
    /// in `_PyCfg_OptimizeCodeUnit`).
    pub fn from_sequence(mut seq: InstructionSequence) -> Cfg {
        seq.apply_label_map();
        let n = seq.instrs.len();
        let mut is_target = vec![false; n + 1];
        let mut error = None;
        for instr in &seq.instrs {
            if has_target(instr.opcode) {
                match usize::try_from(instr.oparg) {
                    Ok(t) if t <= n => is_target[t] = true,
                    _ => error = Some("jump target out of range".to_owned()),
                }
            }
        }
        let mut builder = Builder {
            cfg: Cfg::default(),
            current: 0,
            current_label: None,
        };
        builder.cfg.new_block();
        for (i, instr) in seq.instrs.iter().enumerate() {
            if is_target[i] {
                builder.use_label(i as i32);
            }
            builder.addop(CInstr::new(instr.opcode, instr.oparg, instr.loc));
        }
        if is_target[n] {
            builder.use_label(n as i32);
        }
        let mut cfg = builder.cfg;
        cfg.error = error;
        // Labels are instruction indices: map them to blocks.
        let mut label_to_block = vec![None; n + 1];
        for b in cfg.order() {
            if let Some(l) = cfg.blocks[b].label
                && let Some(slot) = label_to_block.get_mut(l as usize)
            {
                *slot = Some(b);
            }
        }
        for b in cfg.order() {
            for instr in &mut cfg.blocks[b].instrs {
                if has_target(instr.opcode) {
                    instr.target = usize::try_from(instr.oparg)
                        .ok()
                        .and_then(|l| label_to_block.get(l).copied().flatten());
                    if instr.target.is_none() && cfg.error.is_none() {
                        cfg.error = Some("jump target out of range".to_owned());
                    }
                }
            }
        }
        cfg
    }

    /// Index of each block's first instruction in the laid-out sequence (an empty block: the
    /// next instruction's), as `_PyCfg_ToInstructionSequence` + label map give.
    pub(crate) fn block_starts(&self) -> Vec<i32> {
        let mut starts = vec![-1; self.blocks.len()];
        let mut index = 0i32;
        for b in self.order() {
            starts[b] = index;
            index += self.blocks[b].instrs.len() as i32;
        }
        starts
    }

    /// The blocks as one sequence again, jump opargs and handler labels as instruction
    /// indices (`_PyCfg_ToInstructionSequence`).
    pub fn to_sequence(&self) -> InstructionSequence {
        let starts = self.block_starts();
        let mut instrs = Vec::new();
        for b in self.order() {
            for instr in &self.blocks[b].instrs {
                let mut oparg = instr.oparg;
                if has_target(instr.opcode) {
                    oparg = instr.target.map_or(-1, |t| starts[t]);
                }
                let except_handler = instr.except.map(|h| ExceptHandlerInfo {
                    label: starts[h],
                    startdepth: self.blocks[h].startdepth,
                    preserve_lasti: self.blocks[h].preserve_lasti,
                });
                instrs.push(Instr {
                    opcode: instr.opcode,
                    oparg,
                    loc: instr.loc,
                    except_handler,
                });
            }
        }
        InstructionSequence::from_resolved(instrs)
    }

    /// `check_cfg`, plus a defect found while building.
    pub(crate) fn check(&self) -> Result<(), CompileError> {
        if let Some(e) = &self.error {
            return Err(system_error(e));
        }
        // Walks the `next` chain in place (no `order()` list: this runs four times a unit).
        let mut next = if self.blocks.is_empty() {
            None
        } else {
            Some(Self::ENTRY)
        };
        while let Some(b) = next {
            next = self.blocks[b].next;
            let instrs = &self.blocks[b].instrs;
            for (i, instr) in instrs.iter().enumerate() {
                if is_terminator(instr.opcode) && i + 1 != instrs.len() {
                    return Err(system_error("malformed control flow graph."));
                }
                if has_target(instr.opcode) && instr.target.is_none() {
                    return Err(system_error("jump with NULL target"));
                }
            }
        }
        Ok(())
    }
}
