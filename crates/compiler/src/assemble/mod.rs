//! Assembly: CPython 3.13's `Python/assemble.c`. A finalized instruction sequence and its unit's
//! metadata become a [`CodeObject`]: the code units (with `EXTENDED_ARG` prefixes and zeroed
//! inline caches), the location table, the exception table, and the localsplus names and kinds.
//!
//! ## What the assembler expects of a [`Finalized`] unit
//!
//! The contract with [`crate::flowgraph::finalize`] (CPython's
//! `_PyCfg_OptimizedCfgToInstructionSequence`, plus the jump resolution that CPython 3.13 does
//! at the start of `_PyAssemble_MakeCodeObject`):
//!
//! - every opcode is a real one (no pseudo instruction, number below 256);
//! - every oparg is in `0..2^31` (0 for an opcode without an argument, as CPython's passes
//!   leave it; another value is written as CPython's release build writes it):
//!   [`code_units`] gives it as many `EXTENDED_ARG` prefixes as it needs;
//! - a jump's oparg is CPython's final relative form: the distance in code units from the end
//!   of the jump (after its prefixes, its own unit and its caches) to the start of the target
//!   (its first `EXTENDED_ARG` prefix, if it has any), forwards or backwards as the opcode
//!   says. The assembler checks that each target is the start of an instruction;
//! - `except_handler` is the handler covering the instruction (`None`, or a label below 0, for
//!   none): `label` is the *index in `seq.instrs`* of the handler's first instruction (CPython
//!   3.13's `h_label` once the label map is applied), `startdepth` the stack depth at the
//!   handler's start counting the exception (and the `lasti` entry if `preserve_lasti`);
//! - `stackdepth` is `co_stacksize`, `nlocalsplus` the number of localsplus slots: locals,
//!   plus cells that are not also arguments, plus free variables.
//!
//! ## What it expects of the [`UnitMetadata`]
//!
//! - `consts` and `names` are final (after the CFG has dropped unused constants): they become
//!   `co_consts` and `co_names` as they are;
//! - `argcount` is CPython's `u_argcount`: the positional-*or-keyword* parameters only. The
//!   positional-only ones are `posonlyargcount`, and `co_argcount` is their sum, as CPython's
//!   `makecode` computes it;
//! - `varnames`, `cellvars`, `freevars` are in CPython's index order (the values of its
//!   `u_varnames`/`u_cellvars`/`u_freevars` dicts); [`localsplus`] lays them out;
//! - `flags` is `co_flags` as `compute_code_flags` gives it: CPython's assembler adds nothing.
//!
//! Input breaking these rules is refused with a [`CompileError`] of kind `SystemError` (where
//! CPython would fail an assertion), never a panic.
//!
//! [`unassemble()`] is the inverse, for checking: a code object back to a `Finalized` unit and
//! metadata that assemble to an equal code object.

pub mod code_units;
pub mod exceptions;
pub mod localsplus;
pub mod locations;
pub mod unassemble;

pub use unassemble::{UnassembleError, unassemble};

use taipan_bytecode::{CodeObject, PyString};

use crate::error::{CompileError, ErrorKind};
use crate::flowgraph::Finalized;
use crate::ir::Location;
use crate::unit::UnitMetadata;

/// `_PyAssemble_MakeCodeObject`: the code object of a finalized unit.
pub fn make_code_object(
    metadata: &UnitMetadata,
    unit: &Finalized,
    filename: &PyString,
) -> Result<CodeObject, CompileError> {
    let instrs = &unit.seq.instrs;
    let layout = code_units::Layout::new(instrs)?;
    code_units::check_jumps(instrs, &layout)?;
    let code = code_units::write(instrs, &layout)?;
    let linetable = locations::location_table(instrs, &layout, metadata.firstlineno);
    let exceptiontable = exceptions::exception_table(instrs, &layout)?;
    let (localsplusnames, localspluskinds) =
        localsplus::localsplus_info(metadata, unit.nlocalsplus)?;
    Ok(CodeObject {
        argcount: metadata
            .posonlyargcount
            .checked_add(metadata.argcount)
            .ok_or_else(|| system_error("too many arguments"))?,
        posonlyargcount: metadata.posonlyargcount,
        kwonlyargcount: metadata.kwonlyargcount,
        stacksize: unit.stackdepth,
        flags: metadata.flags,
        code,
        consts: metadata.consts.clone(),
        names: metadata.names.clone(),
        localsplusnames,
        localspluskinds,
        filename: filename.clone(),
        name: metadata.name.clone(),
        qualname: metadata.qualname.clone(),
        firstlineno: metadata.firstlineno,
        linetable,
        exceptiontable,
    })
}

/// An internal error: what CPython reports as `SystemError` (or fails an assertion on).
pub(crate) fn system_error(message: impl Into<String>) -> CompileError {
    CompileError {
        kind: ErrorKind::SystemError,
        message: message.into(),
        location: Location::NONE,
    }
}
