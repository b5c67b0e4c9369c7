//! The type codes of marshal format 4, as CPython 3.13's `Python/marshal.c` names them.
//!
//! Each marshalled object starts with one byte: a type code, possibly with [`FLAG_REF`] set.

/// `NULL`: not a value; it ends a dict (and is an error anywhere else).
pub const NULL: u8 = b'0';
pub const NONE: u8 = b'N';
pub const FALSE: u8 = b'F';
pub const TRUE: u8 = b'T';
/// The `StopIteration` class.
pub const STOPITER: u8 = b'S';
pub const ELLIPSIS: u8 = b'.';
/// An int that fits in 32 bits: 4 bytes, little-endian, signed.
pub const INT: u8 = b'i';
/// An int in 8 bytes, little-endian, signed. CPython no longer writes it but still reads it.
pub const INT64: u8 = b'I';
/// A float as text (format 0 and 1): a length byte, then the digits. Read only.
pub const FLOAT: u8 = b'f';
/// A float as 8 bytes, IEEE 754 binary64, little-endian.
pub const BINARY_FLOAT: u8 = b'g';
/// A complex as two text floats (format 0 and 1). Read only.
pub const COMPLEX: u8 = b'x';
/// A complex as two binary floats, real then imaginary.
pub const BINARY_COMPLEX: u8 = b'y';
/// An int of any size: a signed 4-byte count of 15-bit digits, then the digits (2 bytes each,
/// least significant first); the count's sign is the int's.
pub const LONG: u8 = b'l';
/// `bytes`: a 4-byte length, then the bytes.
pub const STRING: u8 = b's';
/// An interned `str`: as [`UNICODE`].
pub const INTERNED: u8 = b't';
/// A back-reference: a 4-byte index into the objects stored with [`FLAG_REF`] so far.
pub const REF: u8 = b'r';
/// A tuple with a 4-byte length.
pub const TUPLE: u8 = b'(';
pub const LIST: u8 = b'[';
/// Key, value, key, value, ..., then [`NULL`].
pub const DICT: u8 = b'{';
pub const CODE: u8 = b'c';
/// A `str`: a 4-byte length, then UTF-8 that may encode lone surrogates ("surrogatepass").
pub const UNICODE: u8 = b'u';
pub const SET: u8 = b'<';
pub const FROZENSET: u8 = b'>';
/// A `str` of code points below 256 (one byte each) with a 4-byte length. CPython writes it only
/// for ASCII; it reads any byte as the code point of that value (Latin-1).
pub const ASCII: u8 = b'a';
pub const ASCII_INTERNED: u8 = b'A';
/// A tuple of fewer than 256 items: a 1-byte length.
pub const SMALL_TUPLE: u8 = b')';
/// [`ASCII`] with a 1-byte length.
pub const SHORT_ASCII: u8 = b'z';
pub const SHORT_ASCII_INTERNED: u8 = b'Z';

/// Set on a type code: the object is stored in the reference list, so that a later [`REF`] can
/// name it.
pub const FLAG_REF: u8 = 0x80;

/// CPython's `MAX_MARSHAL_STACK_DEPTH` (on Linux and macOS): the deepest nesting marshal reads
/// or writes.
pub const MAX_DEPTH: usize = 2000;

/// The marshal format version this crate reads and writes (`marshal.version`).
pub const VERSION: u32 = 4;
