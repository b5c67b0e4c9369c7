//! CPython 3.13's `marshal` format, version 4: the bytes of a `.pyc` file after its header.
//!
//! [`loads`] reads every type code CPython 3.13 reads (including those it no longer writes: text
//! floats `f`/`x` and 64-bit ints `I`), with CPython's checks and error messages; [`dumps`]
//! writes what CPython 3.13 writes, closely enough that `marshal.loads` gives an equal object
//! (the choices made are listed in `write.rs`), keeping the order of set items as given: see
//! [`sort_sets`] for CPython's order.
//!
//! Reading never panics and never overflows the stack, whatever the input: lengths are checked
//! against the data left before anything is allocated for them, nesting is limited to
//! CPython's [`MAX_DEPTH`], and back-references (which CPython shares, and a [`Constant`] tree
//! must copy) are limited in how deep and how large they can make the value.
//!
//! Values CPython would build differently, by design: a set or dict keeps every item the data
//! holds, in order, where CPython's would drop those equal (by Python's `==`) to an earlier
//! one; a `r` naming a container that is still being read (a value containing itself) is an
//! error here.

mod code;
mod codes;
mod error;
mod hashable;
mod long;
mod read;
mod set_order;
mod shared;
mod text;
mod write;

use taipan_bytecode::{CodeObject, Constant};

pub use codes::{FLAG_REF, MAX_DEPTH, VERSION};
pub use error::{ErrorKind, MarshalError, NullIn, Utf8Reason};
pub use read::{EXPANSION_FLOOR, EXPANSION_LIMIT};
pub use set_order::{sort_sets, sort_sets_in_code};
pub use write::DumpError;

/// Type codes, as CPython names them (`TYPE_NONE` is [`type_code::NONE`], ...).
pub mod type_code {
    pub use super::codes::*;
}

/// The value marshalled at the start of `data`, as `marshal.loads(data)` (bytes after it are
/// ignored, as CPython ignores them).
///
/// ```
/// use taipan_bytecode::Constant;
/// // marshal.dumps((1, 'a')) under CPython 3.13
/// let value = taipan_pyc::marshal::loads(b"\xa9\x02\xe9\x01\x00\x00\x00\xda\x01a").unwrap();
/// assert_eq!(value, Constant::Tuple(vec![Constant::int(1), Constant::str("a")].into()));
/// let error = taipan_pyc::marshal::loads(b"(\x01\x00\x00\x00q").unwrap_err();
/// assert_eq!(error.to_string(), "bad marshal data (unknown type code) at byte 5");
/// ```
pub fn loads(data: &[u8]) -> Result<Constant, MarshalError> {
    loads_prefix(data).map(|(value, _)| value)
}

/// [`loads`], and how many bytes of `data` the value took.
pub fn loads_prefix(data: &[u8]) -> Result<(Constant, usize), MarshalError> {
    let mut reader = read::Reader::new(data);
    let value = reader.read_object()?;
    Ok((value, reader.position()))
}

/// The code object marshalled at the start of `data`; an error if the value is not one.
pub fn loads_code(data: &[u8]) -> Result<CodeObject, MarshalError> {
    match loads(data)? {
        Constant::Code(code) => Ok(*code),
        other => Err(MarshalError {
            offset: 0,
            kind: ErrorKind::TaipanNotCode(type_name(&other)),
        }),
    }
}

/// `marshal.dumps(value)`.
///
/// # Panics
///
/// If `value` nests more than [`MAX_DEPTH`] levels deep or holds 2**31 items or bytes in one
/// container, which CPython cannot marshal either: [`try_dumps`] reports that instead. Values
/// [`loads`] gives are always within these limits.
pub fn dumps(value: &Constant) -> Vec<u8> {
    match try_dumps(value) {
        Ok(data) => data,
        Err(error) => panic!("marshal.dumps: {error}"),
    }
}

/// `marshal.dumps(value)`, or CPython's `ValueError` for a value it cannot marshal.
pub fn try_dumps(value: &Constant) -> Result<Vec<u8>, DumpError> {
    write::write_value(value)
}

/// `marshal.dumps(code)`.
///
/// # Panics
///
/// As [`dumps`]; [`try_dumps_code`] reports the error instead.
pub fn dumps_code(code: &CodeObject) -> Vec<u8> {
    match try_dumps_code(code) {
        Ok(data) => data,
        Err(error) => panic!("marshal.dumps: {error}"),
    }
}

/// `marshal.dumps(code)`, or CPython's `ValueError` for a value it cannot marshal.
pub fn try_dumps_code(code: &CodeObject) -> Result<Vec<u8>, DumpError> {
    write::write_code(code)
}

/// The Python type name of a value (`type(value).__name__`).
pub fn type_name(value: &Constant) -> &'static str {
    match value {
        Constant::None => "NoneType",
        Constant::StopIteration => "type",
        Constant::Ellipsis => "ellipsis",
        Constant::Bool(_) => "bool",
        Constant::Int(_) => "int",
        Constant::Float(_) => "float",
        Constant::Complex { .. } => "complex",
        Constant::Str(_) => "str",
        Constant::Bytes(_) => "bytes",
        Constant::Tuple(_) => "tuple",
        Constant::FrozenSet(_) => "frozenset",
        Constant::List(_) => "list",
        Constant::Set(_) => "set",
        Constant::Dict(_) => "dict",
        Constant::Code(_) => "code",
    }
}
