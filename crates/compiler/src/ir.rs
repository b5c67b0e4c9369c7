//! The instruction sequence: what code generation produces, what the CFG optimiser reads and
//! writes, and what the assembler turns into a code object. CPython 3.13's
//! `_PyInstructionSequence` (`Python/instruction_sequence.c`), with the same numbering, so that
//! each pass's output can be compared with what `_testinternalcapi` shows of CPython's.
//!
//! Labels are small integers handed out in order ([`InstructionSequence::new_label`]); a jump's
//! (or a `SETUP_*`'s) oparg is a label id until [`InstructionSequence::apply_label_map`] turns
//! every such oparg into the index of the instruction the label stands before, as CPython's
//! `_PyInstructionSequence_ApplyLabelMap` does. The text form ([`InstructionSequence::text`]) is
//! that resolved view, one instruction per line, the same text the oracle driver writes from
//! `InstructionSequence.get_instructions()`.

use std::fmt::Write as _;

use taipan_bytecode::{JumpKind, Opcode};

/// A source span of an instruction: CPython's `_PyCompilerSrcLocation`. Lines are 1-based,
/// columns 0-based UTF-8 byte offsets; `-1` everywhere is "no location" ([`Location::NONE`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col_offset: i32,
    pub end_col_offset: i32,
}

impl Location {
    /// CPython's `NO_LOCATION`.
    pub const NONE: Location = Location {
        lineno: -1,
        end_lineno: -1,
        col_offset: -1,
        end_col_offset: -1,
    };

    pub const fn new(lineno: i32, end_lineno: i32, col_offset: i32, end_col_offset: i32) -> Self {
        Location {
            lineno,
            end_lineno,
            col_offset,
            end_col_offset,
        }
    }

    /// A location carrying only a line (CPython's `LOCATION(lineno, lineno, 0, 0)` as used for
    /// `RESUME` and implicit returns).
    pub const fn line(lineno: i32) -> Location {
        Location::new(lineno, lineno, 0, 0)
    }

    pub fn is_none(self) -> bool {
        self.lineno < 0
    }
}

/// A jump target, before it is placed: an index into the sequence's label map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(pub u32);

/// One instruction of a sequence. For an opcode with a target ([`has_target`]) `oparg` is a
/// label id (or, after [`InstructionSequence::apply_label_map`], an instruction index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    pub opcode: Opcode,
    pub oparg: i32,
    pub loc: Location,
    /// The handler covering this instruction, once the CFG has labelled exception targets
    /// (CPython's `i_except_handler_info`); `None` in code generation's output.
    pub except_handler: Option<ExceptHandlerInfo>,
}

/// Which handler covers an instruction: CPython's `_PyExceptHandlerInfo`. `label` is the
/// handler's instruction index in the final sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptHandlerInfo {
    pub label: i32,
    pub startdepth: i32,
    pub preserve_lasti: bool,
}

/// Whether an opcode's oparg names an instruction: the jumps and the pseudo `SETUP_*`s
/// (CPython's `HAS_TARGET`).
pub fn has_target(opcode: Opcode) -> bool {
    crate::opinfo::jump_kind(opcode) != JumpKind::None
}

/// An instruction sequence of one code unit, with its labels, and the sequences of the code
/// units nested in it (kept only for inspection, as CPython's `add_nested`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstructionSequence {
    pub instrs: Vec<Instr>,
    /// Label id → index of the instruction it stands before (`-1` while unplaced).
    labels: Vec<i32>,
    /// Set once the label map has been applied: jump opargs are then instruction indices.
    labels_applied: bool,
    pub nested: Vec<InstructionSequence>,
}

impl InstructionSequence {
    pub fn new() -> Self {
        Self::default()
    }

    /// A fresh, unplaced label.
    pub fn new_label(&mut self) -> Label {
        self.labels.push(-1);
        Label(self.labels.len() as u32 - 1)
    }

    /// Places `label` before the next instruction to be added.
    pub fn use_label(&mut self, label: Label) {
        self.labels[label.0 as usize] = self.instrs.len() as i32;
    }

    /// Appends an instruction.
    pub fn add(&mut self, opcode: Opcode, oparg: i32, loc: Location) {
        self.instrs.push(Instr {
            opcode,
            oparg,
            loc,
            except_handler: None,
        });
    }

    /// Appends a jump (or `SETUP_*`) to `target`.
    pub fn add_jump(&mut self, opcode: Opcode, target: Label, loc: Location) {
        debug_assert!(has_target(opcode), "{} has no target", opcode.name());
        self.add(opcode, target.0 as i32, loc);
    }

    /// Inserts an instruction at `pos`, moving labels placed after it (CPython's
    /// `_PyInstructionSequence_InsertInstruction`).
    pub fn insert(&mut self, pos: usize, instr: Instr) {
        self.instrs.insert(pos, instr);
        for target in &mut self.labels {
            if *target >= pos as i32 && *target >= 0 {
                *target += 1;
            }
        }
        if self.labels_applied {
            for instr in &mut self.instrs {
                if has_target(instr.opcode) && instr.oparg >= pos as i32 {
                    instr.oparg += 1;
                }
            }
        }
    }

    /// Where a label was placed, if it was.
    pub fn label_target(&self, label: Label) -> Option<usize> {
        self.labels
            .get(label.0 as usize)
            .and_then(|&t| usize::try_from(t).ok())
    }

    pub fn label_count(&self) -> usize {
        self.labels.len()
    }

    /// Turns every target oparg from a label id into an instruction index. Idempotent.
    pub fn apply_label_map(&mut self) {
        if self.labels_applied {
            return;
        }
        for instr in &mut self.instrs {
            if has_target(instr.opcode) {
                instr.oparg = self.labels.get(instr.oparg as usize).copied().unwrap_or(-1);
            }
        }
        self.labels_applied = true;
    }

    /// Whether jump opargs are instruction indices (true after [`Self::apply_label_map`]).
    pub fn labels_applied(&self) -> bool {
        self.labels_applied
    }

    /// A sequence whose jump opargs already are instruction indices: what the oracle hands
    /// over (`get_instructions()`), and what the CFG passes return.
    pub fn from_resolved(instrs: Vec<Instr>) -> Self {
        InstructionSequence {
            instrs,
            labels: Vec::new(),
            labels_applied: true,
            nested: Vec::new(),
        }
    }

    /// The text form, labels resolved: `INDEX OPNAME OPARG LINENO:COL-END_LINENO:END_COL` per
    /// instruction (`-` for an opcode without an oparg: CPython shows `None`; locations of
    /// `-1` print as `-1`). The oracle driver writes the same text from CPython's tuples.
    pub fn text(&self) -> String {
        let mut resolved = self.clone();
        resolved.apply_label_map();
        let mut out = String::new();
        for (i, instr) in resolved.instrs.iter().enumerate() {
            let oparg = if instr.opcode.has_arg() || has_target(instr.opcode) {
                instr.oparg.to_string()
            } else {
                "-".to_owned()
            };
            let l = instr.loc;
            let _ = writeln!(
                out,
                "{i} {} {oparg} {}:{}-{}:{}",
                instr.opcode.name(),
                l.lineno,
                l.col_offset,
                l.end_lineno,
                l.end_col_offset
            );
        }
        out
    }
}
