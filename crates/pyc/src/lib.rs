//! # taipan-pyc: CPython 3.13's marshal format and `.pyc` files
//!
//! The stage after the compiler: code objects ([`taipan_bytecode::CodeObject`]) to the bytes
//! CPython 3.13 stores them as, and back.
//!
//! **For:** [`marshal`] format 4 exactly as CPython 3.13 reads and writes it (every type code,
//! back-references, CPython's error messages); `.pyc` files ([`read_pyc`], [`write_pyc`]) and
//! their 16-byte [`header`] (PEP 552 timestamp or hash); whether a `.pyc` is up to date
//! with its source, by importlib's rules ([`header::validate`]); and where `.pyc` files live
//! ([`cache`]: `__pycache__` paths). **Not for:** compiling (taipan-compiler), inspecting or
//! disassembling code objects (taipan-bytecode), importing or running them (taipan-vm), or any
//! other Python version's format.
//!
//! Reading is safe on any input: it never panics, never overflows the stack, and allocates in
//! proportion to the input; bad data is a [`MarshalError`] with CPython's message and the byte
//! offset.
//!
//! ```
//! use taipan_bytecode::{CodeObject, Constant};
//! use taipan_pyc::{Pyc, PycHeader, read_pyc, write_pyc, cache};
//!
//! let mut code = CodeObject::empty("<module>");
//! code.code = vec![149, 0, 103, 0]; // RESUME 0, RETURN_CONST 0
//! code.consts = vec![Constant::None];
//! code.filename = "hello.py".into();
//! let source = b"pass\n";
//! let pyc = Pyc { header: PycHeader::hash(source, true), code };
//!
//! let bytes = write_pyc(&pyc);
//! assert_eq!(&bytes[..8], b"\xf3\r\r\n\x03\0\0\0"); // magic 3571, checked hash
//! assert_eq!(read_pyc(&bytes).unwrap(), pyc);
//! assert_eq!(
//!     cache::cache_from_source("pkg/hello.py", cache::TAIPAN_CACHE_TAG, "").unwrap(),
//!     "pkg/__pycache__/hello.taipan-313.pyc"
//! );
//! ```

pub mod cache;
pub mod header;
pub mod magic;
pub mod marshal;
mod pyc;

pub use header::{CheckHashBasedPycs, HeaderError, PycHeader, Stale, source_hash, validate};
pub use marshal::MarshalError;
pub use pyc::{Pyc, PycError, read_pyc, try_write_pyc, write_pyc};
