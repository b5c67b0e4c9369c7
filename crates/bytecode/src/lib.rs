//! # taipan-bytecode: CPython 3.13's compiled form
//!
//! The instruction set, code objects, location and exception tables, and the disassembler of
//! CPython 3.13.0, as Rust types. This is the boundary between Taipan's compiler (which builds
//! [`CodeObject`]s) and its VM and `.pyc` writer (which consume them); a Rust program can use it
//! alone to read, inspect, edit or print CPython's bytecode.
//!
//! **For:** the facts of each opcode ([`Opcode`], one table), decoding and encoding the code unit
//! stream ([`instruction`]), code objects and their constants, `co_lines()`/`co_positions()`
//! ([`linetable`]), the exception table ([`exception_table`]), and text equal to CPython's
//! `dis.dis` ([`dis`]), plus a full field dump of code objects ([`dump`]) and constants'
//! `repr()` ([`repr`]). **Not for:** compiling (taipan-compiler), marshal and `.pyc` files
//! (taipan-pyc), running code (taipan-vm).
//!
//! Versions: this crate models Python [`PYTHON_VERSION`]; its format version is CPython's
//! bytecode magic number, [`MAGIC_NUMBER`]. A change of any public type is a semver change.
//!
//! ```
//! use taipan_bytecode::{CodeObject, Constant, Opcode, dis};
//!
//! // `return 1` as CPython 3.13 compiles it: RESUME 0, RETURN_CONST 0.
//! let mut code = CodeObject::empty("<module>");
//! code.code = vec![Opcode::RESUME.number() as u8, 0, Opcode::RETURN_CONST.number() as u8, 0];
//! code.consts = vec![Constant::int(1)];
//! code.stacksize = 1;
//! let text = dis::disassemble(&code, &dis::Options::default());
//! // Without a location table there is no line-number column.
//! assert_eq!(
//!     text,
//!     "          RESUME                   0\n          RETURN_CONST             0 (1)\n"
//! );
//! assert_eq!(Opcode::from_name("LOAD_GLOBAL").unwrap().cache_entries(), 4);
//! ```

mod code;
mod constant;
pub mod dis;
pub mod dump;
pub mod exception_table;
pub mod instruction;
pub mod linetable;
pub mod oparg;
mod opcode;
pub mod repr;

pub use code::{CodeFlags, CodeObject, LocalKind};
pub use constant::{Constant, Int};
pub use opcode::{CacheEntry, JumpKind, OpFlags, Opcode, OpcodeKind, StackEffectError};
pub use taipan_text::{PyStr, PyString};

/// The Python version whose bytecode this crate models.
pub const PYTHON_VERSION: (u8, u8) = (3, 13);

/// CPython 3.13's bytecode magic number (`importlib.util.MAGIC_NUMBER` is its two little-endian
/// bytes followed by `\r\n`): the version of this crate's format.
pub const MAGIC_NUMBER: u16 = 3571;
