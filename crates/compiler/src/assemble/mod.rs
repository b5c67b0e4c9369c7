//! Assembly: CPython 3.13's `Python/assemble.c`. A finalized instruction sequence and its unit's
//! metadata become a [`CodeObject`]: the code units (with `EXTENDED_ARG` prefixes and zeroed
//! inline caches), the location table, the exception table, and the localsplus names and kinds.

use taipan_bytecode::{CodeObject, PyString};

use crate::error::CompileError;
use crate::flowgraph::Finalized;
use crate::unit::UnitMetadata;

/// `_PyAssemble_MakeCodeObject` (not yet written).
pub fn make_code_object(
    metadata: &UnitMetadata,
    unit: &Finalized,
    filename: &PyString,
) -> Result<CodeObject, CompileError> {
    let _ = (unit, filename);
    Ok(CodeObject::empty(metadata.name.as_str().unwrap_or("?")))
}
