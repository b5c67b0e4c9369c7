//! The error every fallible function of this crate returns: which Python exception CPython
//! raises, and its message, for the VM to raise.

use std::fmt;

/// The built-in exception class CPython raises for a failed formatting or parsing step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExceptionKind {
    /// `ValueError`: a bad format spec, an unparsable number, the int/str digit limit.
    ValueError,
    /// `OverflowError`: `%c` out of range, an int too large for a float, `inf` to hex digits.
    OverflowError,
    /// `MemoryError`: a result too large to build (CPython fails to allocate it).
    MemoryError,
}

/// A failure with CPython's exception class and message (`str(exc)`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextError {
    pub kind: ExceptionKind,
    pub message: String,
}

impl TextError {
    pub fn value(message: impl Into<String>) -> TextError {
        TextError {
            kind: ExceptionKind::ValueError,
            message: message.into(),
        }
    }

    pub fn overflow(message: impl Into<String>) -> TextError {
        TextError {
            kind: ExceptionKind::OverflowError,
            message: message.into(),
        }
    }

    /// CPython's `MemoryError()` has an empty message.
    pub fn memory() -> TextError {
        TextError {
            kind: ExceptionKind::MemoryError,
            message: String::new(),
        }
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.kind {
            ExceptionKind::ValueError => "ValueError",
            ExceptionKind::OverflowError => "OverflowError",
            ExceptionKind::MemoryError => "MemoryError",
        };
        if self.message.is_empty() {
            f.write_str(name)
        } else {
            write!(f, "{name}: {}", self.message)
        }
    }
}

impl std::error::Error for TextError {}

/// The longest text this crate builds, in characters. CPython would try to allocate more (a width
/// of `2**62` raises `MemoryError` there); past this bound we report the `MemoryError` without
/// trying, so no input makes us allocate unboundedly.
pub const MAX_TEXT_LEN: usize = 1 << 31;
