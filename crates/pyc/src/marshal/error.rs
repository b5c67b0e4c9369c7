//! `MarshalError`: why marshal data could not be read, in CPython 3.13's words, and where.

use std::fmt;

/// Marshal data that cannot be read: what is wrong ([`ErrorKind`]) and the byte offset where it
/// was found.
///
/// `Display` is CPython's message followed by the offset, e.g. `bad marshal data (unknown type
/// code) at byte 17`; [`MarshalError::message`] is CPython's message alone and
/// [`MarshalError::exception`] the class of the exception `marshal.loads` raises.
///
/// The offset is that of the object's type byte for errors about a whole object (an unknown type
/// code, a size out of range, an invalid reference, a NULL in the wrong place, a bad code object,
/// an unhashable set element or dict key); for data that ends early, the offset where the read
/// that ran out began (`marshal data too short`) or the end of the data (`EOF read where object
/// expected`, `EOF read where not expected`); for undecodable UTF-8, the offset of the first byte that cannot be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarshalError {
    pub offset: usize,
    pub kind: ErrorKind,
}

/// What is wrong with marshal data. The variants that CPython also detects carry its message;
/// the `Taipan*` ones are limits of this reader that CPython does not have (it shares objects
/// where Taipan's [`taipan_bytecode::Constant`] is a tree).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `EOFError: EOF read where object expected`: the data ends where an object should start.
    EofObject,
    /// `EOFError: EOF read where not expected`: the data ends where a one-byte length should be
    /// (of a short string, a small tuple or a text float).
    EofNotExpected,
    /// `EOFError: marshal data too short`: a fixed-size field or a counted payload runs past the
    /// end.
    TooShort,
    /// `ValueError: bad marshal data (unknown type code)`.
    UnknownType(u8),
    /// `ValueError: bad marshal data (invalid reference)`: a `r` index past the objects stored so
    /// far, or naming a frozenset or code object still being read.
    InvalidReference,
    /// A `r` naming a tuple, list, dict or set that is still being read: CPython builds a value
    /// that contains itself; a `Constant` cannot.
    TaipanRecursiveReference,
    /// `ValueError: bad marshal data (bytes object size out of range)`.
    BytesSize,
    /// `ValueError: bad marshal data (string size out of range)`.
    StringSize,
    /// `ValueError: bad marshal data (tuple size out of range)`.
    TupleSize,
    /// `ValueError: bad marshal data (list size out of range)`.
    ListSize,
    /// `ValueError: bad marshal data (set size out of range)`.
    SetSize,
    /// `ValueError: bad marshal data (long size out of range)`.
    LongSize,
    /// `ValueError: bad marshal data (digit out of range in long)`.
    LongDigit,
    /// `ValueError: bad marshal data (unnormalized long data)`: the top 15-bit digit is 0.
    LongUnnormalized,
    /// `ValueError: bad marshal data (index list too large)`: more than 2**31 - 2 stored objects.
    IndexListTooLarge,
    /// `TypeError: NULL object in marshal data for {tuple|list|set|code object|object}`.
    Null(NullIn),
    /// `ValueError: recursion limit exceeded`: objects nested more than
    /// [`MAX_DEPTH`](super::MAX_DEPTH) deep.
    RecursionLimit,
    /// `UnicodeDecodeError`: a `str` whose bytes are not UTF-8, even with lone surrogates allowed.
    /// `start..=end` are positions within the string's bytes, as CPython reports them.
    Utf8 {
        byte: u8,
        start: usize,
        end: usize,
        reason: Utf8Reason,
    },
    /// `ValueError: could not convert string to float: '...'` (the text is CPython's, at most 200
    /// bytes).
    FloatText(String),
    /// `TypeError: unhashable type: '...'`: a list, dict or set as a set element or dict key.
    Unhashable(&'static str),
    /// `SystemError: Objects/codeobject.c:412: bad argument to internal function`: a code object
    /// field of the wrong type, `localsplusnames` and `localspluskinds` of different lengths, or a
    /// negative count or flags (CPython's `_PyCode_Validate`).
    CodeBadArgument,
    /// `ValueError: code: co_code is malformed`: an odd number of bytes of bytecode.
    CodeMalformed,
    /// `ValueError: code: co_varnames is too small`: fewer locals than the arguments need.
    CodeVarnamesTooSmall,
    /// `SystemError: non-string found in code slot`: a name that is not a `str`.
    CodeNonString,
    /// Refs expand to a value nested more than [`MAX_DEPTH`](super::MAX_DEPTH) deep (CPython
    /// shares the object; a tree would have to copy it into itself ever deeper).
    TaipanTooDeep,
    /// Refs expand to more than [`EXPANSION_LIMIT`](super::EXPANSION_LIMIT) times the data's size: CPython
    /// shares objects where a tree copies them, so a few bytes of refs could ask for gigabytes.
    TaipanTooLarge,
    /// [`loads_code`](super::loads_code) read a value that is not a code object (its type name).
    TaipanNotCode(&'static str),
}

/// Where a NULL (`'0'`) was found, for CPython's `NULL object in marshal data for ...`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullIn {
    Tuple,
    List,
    Set,
    Code,
    /// At the top level.
    Object,
}

/// Why UTF-8 could not be decoded, in CPython's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Utf8Reason {
    InvalidStart,
    InvalidContinuation,
    UnexpectedEnd,
}

impl MarshalError {
    pub(crate) fn new(offset: usize, kind: ErrorKind) -> MarshalError {
        MarshalError { offset, kind }
    }

    /// The class of the exception CPython's `marshal.loads` raises for this data.
    pub fn exception(&self) -> &'static str {
        use ErrorKind::*;
        match &self.kind {
            EofObject | EofNotExpected | TooShort => "EOFError",
            Null(_) | Unhashable(_) => "TypeError",
            Utf8 { .. } => "UnicodeDecodeError",
            CodeBadArgument | CodeNonString => "SystemError",
            _ => "ValueError",
        }
    }

    /// CPython's message, without the offset.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// The same error, `by` bytes further on (for data embedded in a larger file).
    pub fn shifted(self, by: usize) -> MarshalError {
        MarshalError {
            offset: self.offset + by,
            kind: self.kind,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        let bad = |f: &mut fmt::Formatter<'_>, what: &str| write!(f, "bad marshal data ({what})");
        match self {
            EofObject => f.write_str("EOF read where object expected"),
            EofNotExpected => f.write_str("EOF read where not expected"),
            TooShort => f.write_str("marshal data too short"),
            UnknownType(_) => bad(f, "unknown type code"),
            InvalidReference => bad(f, "invalid reference"),
            TaipanRecursiveReference => bad(
                f,
                "reference to an object that contains it; Taipan cannot build that",
            ),
            BytesSize => bad(f, "bytes object size out of range"),
            StringSize => bad(f, "string size out of range"),
            TupleSize => bad(f, "tuple size out of range"),
            ListSize => bad(f, "list size out of range"),
            SetSize => bad(f, "set size out of range"),
            LongSize => bad(f, "long size out of range"),
            LongDigit => bad(f, "digit out of range in long"),
            LongUnnormalized => bad(f, "unnormalized long data"),
            IndexListTooLarge => bad(f, "index list too large"),
            Null(place) => {
                let place = match place {
                    NullIn::Tuple => "tuple",
                    NullIn::List => "list",
                    NullIn::Set => "set",
                    NullIn::Code => "code object",
                    NullIn::Object => "object",
                };
                write!(f, "NULL object in marshal data for {place}")
            }
            RecursionLimit => f.write_str("recursion limit exceeded"),
            Utf8 {
                byte,
                start,
                end,
                reason,
            } => {
                f.write_str("'utf-8' codec can't decode ")?;
                if start == end {
                    write!(f, "byte {byte:#04x} in position {start}")?;
                } else {
                    write!(f, "bytes in position {start}-{end}")?;
                }
                f.write_str(match reason {
                    Utf8Reason::InvalidStart => ": invalid start byte",
                    Utf8Reason::InvalidContinuation => ": invalid continuation byte",
                    Utf8Reason::UnexpectedEnd => ": unexpected end of data",
                })
            }
            FloatText(text) => write!(f, "could not convert string to float: '{text}'"),
            Unhashable(type_name) => write!(f, "unhashable type: '{type_name}'"),
            CodeBadArgument => {
                f.write_str("Objects/codeobject.c:412: bad argument to internal function")
            }
            CodeMalformed => f.write_str("code: co_code is malformed"),
            CodeVarnamesTooSmall => f.write_str("code: co_varnames is too small"),
            CodeNonString => f.write_str("non-string found in code slot"),
            TaipanTooDeep => bad(
                f,
                "references expand to a value nested too deeply; Taipan copies shared objects",
            ),
            TaipanTooLarge => bad(
                f,
                "references expand to too large a value; Taipan copies shared objects",
            ),
            TaipanNotCode(found) => write!(f, "expected a code object, found {found}"),
        }
    }
}

impl fmt::Display for MarshalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)
    }
}

impl std::error::Error for MarshalError {}
