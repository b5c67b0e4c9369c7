//! Whole `.pyc` files: the [header](crate::header) then a marshalled code object.

use std::fmt;

use taipan_bytecode::{CodeObject, Constant};

use crate::header::{HEADER_LEN, HeaderError, PycHeader};
use crate::marshal::{self, DumpError, MarshalError};

/// A `.pyc` file's contents.
#[derive(Clone, Debug, PartialEq)]
pub struct Pyc {
    pub header: PycHeader,
    pub code: CodeObject,
}

/// A `.pyc` file that cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub enum PycError {
    /// The header is wrong: another Python's file (or not a `.pyc`), too short, or bad flags.
    Header(HeaderError),
    /// The marshal data is wrong; its offset counts from the start of the file.
    Marshal(MarshalError),
    /// The marshal data holds something other than a code object (importlib's `ImportError:
    /// Non-code object`; the value's type name).
    NotCode(&'static str),
}

/// Reads a `.pyc` file: the header, then the code object after it (bytes after the code object
/// are ignored, as CPython ignores them).
pub fn read_pyc(data: &[u8]) -> Result<Pyc, PycError> {
    let header = PycHeader::parse(data).map_err(PycError::Header)?;
    let body = &data[HEADER_LEN..];
    match marshal::loads(body) {
        Ok(Constant::Code(code)) => Ok(Pyc {
            header,
            code: *code,
        }),
        Ok(other) => Err(PycError::NotCode(marshal::type_name(&other))),
        Err(error) => Err(PycError::Marshal(error.shifted(HEADER_LEN))),
    }
}

/// The bytes of a `.pyc` file, as `importlib._bootstrap_external._code_to_timestamp_pyc` (or
/// `_code_to_hash_pyc`) writes them.
///
/// # Panics
///
/// If the code object cannot be marshalled (see [`marshal::dumps`]); [`try_write_pyc`] reports
/// that instead.
pub fn write_pyc(pyc: &Pyc) -> Vec<u8> {
    match try_write_pyc(pyc) {
        Ok(data) => data,
        Err(error) => panic!("marshal.dumps: {error}"),
    }
}

/// [`write_pyc`], or the reason the code object cannot be marshalled.
pub fn try_write_pyc(pyc: &Pyc) -> Result<Vec<u8>, DumpError> {
    let body = marshal::try_dumps_code(&pyc.code)?;
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(&pyc.header.to_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

impl fmt::Display for PycError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PycError::Header(error) => error.fmt(f),
            PycError::Marshal(error) => error.fmt(f),
            PycError::NotCode(found) => write!(f, "Non-code object ({found}) in .pyc file"),
        }
    }
}

impl std::error::Error for PycError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PycError::Header(error) => Some(error),
            PycError::Marshal(error) => Some(error),
            PycError::NotCode(_) => None,
        }
    }
}

impl From<HeaderError> for PycError {
    fn from(error: HeaderError) -> PycError {
        PycError::Header(error)
    }
}
