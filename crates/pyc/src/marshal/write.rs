//! Writing marshal data: CPython 3.13's `w_object`, making the choices CPython makes where they
//! are cheap to make, so that files look like CPython's and `marshal.loads` reads back an equal
//! object:
//!
//! - ints that fit in 32 bits as `i`, others as `l`; tuples of fewer than 256 items as `)`;
//! - `str`: ASCII as `z`/`a` (`Z`/`A` when CPython would have interned it: names, and constants
//!   made only of `[A-Za-z0-9_]`, as `_PyCode_New` interns), others as `u`/`t`;
//! - set and frozenset items in the order the value holds them: the order read from a file is
//!   kept (it is the order CPython will insert them in, so iterate them in, when it loads the
//!   file); a value built anew can be put in CPython's order first with
//!   [`sort_sets`](super::sort_sets);
//! - every object but the singletons stored with `FLAG_REF`, as CPython stores every object it
//!   sees more than one reference to, and each repeated `str` written as a `r` back-reference
//!   (CPython shares interned strings by identity; equal strings are shared here by value).
//!
//! - for a code object ([`write_code`]), every value CPython's compiler would have made one object
//!   written once and referred to with `r` afterwards (see [`super::shared`]), so that CPython
//!   loads Taipan's compiled code with the identities of its own (`co_consts is co_consts`).
//!
//! Not reproduced: which other objects CPython shares depends on its reference counts, which a
//! value does not have, so the bytes are CPython's only for simple values.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use taipan_bytecode::{CodeObject, Constant, Int, LocalKind, PyString};

use super::codes::*;
use super::long;
use super::shared::SharedKey;

/// Why a value cannot be marshalled (CPython's `ValueError`s from `marshal.dumps`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpError {
    /// `object too deeply nested to marshal`: more than [`MAX_DEPTH`] levels.
    TooDeep,
    /// `unmarshallable object`: a sequence or string of 2**31 items or bytes or more.
    TooLarge,
}

impl std::fmt::Display for DumpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DumpError::TooDeep => "object too deeply nested to marshal",
            DumpError::TooLarge => "unmarshallable object",
        })
    }
}

impl std::error::Error for DumpError {}

/// What is left to write, most recent last. Writing is a loop over this stack rather than
/// recursion, so no value is too deep for the Rust stack; each object carries its nesting depth
/// for CPython's limit.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Task<'v> {
    Value(&'v Constant, usize),
    /// A tuple of constants (a code object's `co_consts`).
    Consts(&'v [Constant], usize),
    /// A tuple of names.
    Names(&'v [PyString], usize),
    /// A `str` that CPython would have interned.
    Name(&'v PyString, usize),
    /// `bytes` that CPython's compiler merges with equal ones (`co_linetable`,
    /// `co_exceptiontable`).
    Bytes(&'v [u8], usize),
    /// `bytes` each code object has its own of (`co_code`).
    OwnBytes(&'v [u8], usize),
    Kinds(&'v [LocalKind], usize),
    /// A raw 4-byte int (a code object's `firstlineno`).
    Int32(i32),
    /// The NULL ending a dict.
    Null,
}

/// One marshal output, with its reference list.
#[derive(Debug, Default)]
pub(crate) struct Writer<'v> {
    pub(crate) out: Vec<u8>,
    /// Each `str` written so far, and its reference index.
    strings: HashMap<&'v [u8], u32, BuildHasherDefault<FxHasher>>,
    /// When writing compiled code: each value CPython's compiler would have made one object
    /// (see [`super::shared`]), and its reference index.
    shared: Option<HashMap<SharedKey<'v>, u32, BuildHasherDefault<FxHasher>>>,
    /// Objects stored with `FLAG_REF` so far.
    stored: u32,
    tasks: Vec<Task<'v>>,
}

impl Writer<'_> {
    /// A writer sized for a typical module: growing the string table and the output from
    /// nothing costs more than the memory.
    fn for_module() -> Self {
        Writer {
            out: Vec::with_capacity(4096),
            strings: HashMap::with_capacity_and_hasher(256, Default::default()),
            ..Writer::default()
        }
    }
}

/// The marshal data of `value`.
pub(crate) fn write_value(value: &Constant) -> Result<Vec<u8>, DumpError> {
    let mut writer = Writer::for_module();
    writer.write(Task::Value(value, 1))?;
    Ok(writer.out)
}

/// The marshal data of `code` (as a top-level code object).
pub(crate) fn write_code(code: &CodeObject) -> Result<Vec<u8>, DumpError> {
    let mut writer = Writer::for_module();
    writer.shared = Some(HashMap::default());
    writer.code(code, 1)?;
    writer.run()?;
    Ok(writer.out)
}

/// CPython's `all_name_chars`: the constants `_PyCode_New` interns.
fn all_name_chars(s: &PyString) -> bool {
    s.as_bytes()
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// CPython's depth check, made as each object starts.
fn check_depth(depth: usize) -> Result<(), DumpError> {
    if depth > MAX_DEPTH {
        Err(DumpError::TooDeep)
    } else {
        Ok(())
    }
}

impl<'v> Writer<'v> {
    pub(crate) fn write(&mut self, task: Task<'v>) -> Result<(), DumpError> {
        self.tasks.push(task);
        self.run()
    }

    /// Writes until no task is left.
    fn run(&mut self) -> Result<(), DumpError> {
        while let Some(task) = self.tasks.pop() {
            match task {
                Task::Value(value, depth) => self.value(value, depth)?,
                Task::Consts(items, depth) => {
                    check_depth(depth)?;
                    if self.back_reference(SharedKey::Consts(items)) {
                        continue;
                    }
                    self.tuple_header(items.len())?;
                    let tasks = items.iter().rev().map(|item| Task::Value(item, depth + 1));
                    self.tasks.extend(tasks);
                }
                Task::Names(names, depth) => {
                    check_depth(depth)?;
                    if self.back_reference(SharedKey::Names(names)) {
                        continue;
                    }
                    self.tuple_header(names.len())?;
                    let tasks = names.iter().rev().map(|name| Task::Name(name, depth + 1));
                    self.tasks.extend(tasks);
                }
                Task::Name(name, depth) => {
                    check_depth(depth)?;
                    self.str(name, true)?;
                }
                Task::Bytes(bytes, depth) => {
                    check_depth(depth)?;
                    if !self.back_reference(SharedKey::Bytes(bytes)) {
                        self.bytes(bytes)?;
                    }
                }
                Task::OwnBytes(bytes, depth) => {
                    check_depth(depth)?;
                    self.bytes(bytes)?;
                }
                Task::Kinds(kinds, depth) => {
                    check_depth(depth)?;
                    self.stored_type(STRING);
                    self.size(kinds.len())?;
                    self.out.extend(kinds.iter().map(|kind| kind.0));
                }
                Task::Int32(value) => self.out.extend_from_slice(&value.to_le_bytes()),
                Task::Null => self.out.push(NULL),
            }
        }
        Ok(())
    }

    /// Writes a value without items, or the header of a container and its items as tasks.
    fn value(&mut self, value: &'v Constant, depth: usize) -> Result<(), DumpError> {
        check_depth(depth)?;
        if let Some(key) = SharedKey::for_value(value)
            && self.back_reference(key)
        {
            return Ok(());
        }
        match value {
            Constant::None => self.out.push(NONE),
            Constant::StopIteration => self.out.push(STOPITER),
            Constant::Ellipsis => self.out.push(ELLIPSIS),
            Constant::Bool(false) => self.out.push(FALSE),
            Constant::Bool(true) => self.out.push(TRUE),
            Constant::Int(int) => self.int(int),
            Constant::Float(x) => {
                self.stored_type(BINARY_FLOAT);
                self.out.extend_from_slice(&x.to_le_bytes());
            }
            Constant::Complex { real, imag } => {
                self.stored_type(BINARY_COMPLEX);
                self.out.extend_from_slice(&real.to_le_bytes());
                self.out.extend_from_slice(&imag.to_le_bytes());
            }
            Constant::Str(s) => self.str(s, all_name_chars(s))?,
            Constant::Bytes(bytes) => self.bytes(bytes)?,
            Constant::Tuple(items) => {
                self.tuple_header(items.len())?;
                self.items(items, depth);
            }
            Constant::List(items) => {
                self.stored_type(LIST);
                self.size(items.len())?;
                self.items(items, depth);
            }
            Constant::Dict(items) => {
                self.stored_type(DICT);
                self.tasks.push(Task::Null);
                for (key, item) in items.iter().rev() {
                    self.tasks.push(Task::Value(item, depth + 1));
                    self.tasks.push(Task::Value(key, depth + 1));
                }
            }
            Constant::Set(items) => {
                self.stored_type(SET);
                self.size(items.len())?;
                self.items(items, depth);
            }
            Constant::FrozenSet(items) => {
                self.stored_type(FROZENSET);
                self.size(items.len())?;
                self.items(items, depth);
            }
            Constant::Code(code) => self.code(code, depth)?,
        }
        Ok(())
    }

    /// Items of a container at `depth`, as tasks (first on top).
    fn items(&mut self, items: &'v [Constant], depth: usize) {
        let tasks = items.iter().rev().map(|item| Task::Value(item, depth + 1));
        self.tasks.extend(tasks);
    }

    /// When sharing values: writes a `r` to the object equal to `key` written before and
    /// returns true, or notes that `key` is the object written next (which takes the next
    /// reference index) and returns false.
    fn back_reference(&mut self, key: SharedKey<'v>) -> bool {
        let Some(shared) = &mut self.shared else {
            return false;
        };
        if let Some(&index) = shared.get(&key) {
            self.out.push(REF);
            self.out.extend_from_slice(&index.to_le_bytes());
            return true;
        }
        shared.insert(key, self.stored);
        false
    }

    /// A type byte with `FLAG_REF`: the object takes the next reference index.
    fn stored_type(&mut self, type_code: u8) {
        self.out.push(type_code | FLAG_REF);
        self.stored += 1;
    }

    fn size(&mut self, len: usize) -> Result<(), DumpError> {
        let len = i32::try_from(len).map_err(|_| DumpError::TooLarge)?;
        self.out.extend_from_slice(&len.to_le_bytes());
        Ok(())
    }

    fn int(&mut self, int: &Int) {
        if let Int::Small(v) = *int
            && let Ok(v) = i32::try_from(v)
        {
            self.stored_type(INT);
            self.out.extend_from_slice(&v.to_le_bytes());
            return;
        }
        let (negative, digits) = long::to_digits(int);
        self.stored_type(LONG);
        // An int of 2**31 digits would take 8 GB: the count always fits.
        let count = digits.len() as i32;
        let count = if negative { -count } else { count };
        self.out.extend_from_slice(&count.to_le_bytes());
        for digit in digits {
            self.out.extend_from_slice(&digit.to_le_bytes());
        }
    }

    fn bytes(&mut self, bytes: &[u8]) -> Result<(), DumpError> {
        self.stored_type(STRING);
        self.size(bytes.len())?;
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    /// A `str`, or a reference to the equal one written before.
    fn str(&mut self, s: &'v PyString, interned: bool) -> Result<(), DumpError> {
        let bytes = s.as_bytes();
        if let Some(&index) = self.strings.get(bytes) {
            self.out.push(REF);
            self.out.extend_from_slice(&index.to_le_bytes());
            return Ok(());
        }
        self.strings.insert(bytes, self.stored);
        if bytes.is_ascii() {
            // One byte per character: the length in bytes is the length in characters.
            if bytes.len() < 256 {
                self.stored_type(if interned {
                    SHORT_ASCII_INTERNED
                } else {
                    SHORT_ASCII
                });
                self.out.push(bytes.len() as u8);
            } else {
                self.stored_type(if interned { ASCII_INTERNED } else { ASCII });
                self.size(bytes.len())?;
            }
        } else {
            self.stored_type(if interned { INTERNED } else { UNICODE });
            self.size(bytes.len())?;
        }
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    fn tuple_header(&mut self, len: usize) -> Result<(), DumpError> {
        if len < 256 {
            self.stored_type(SMALL_TUPLE);
            self.out.push(len as u8);
            Ok(())
        } else {
            self.stored_type(TUPLE);
            self.size(len)
        }
    }

    /// A code object at `depth`: 3.13's fields in 3.13's order (its counts now, the rest as
    /// tasks).
    fn code(&mut self, code: &'v CodeObject, depth: usize) -> Result<(), DumpError> {
        check_depth(depth)?;
        self.stored_type(CODE);
        for count in [
            code.argcount,
            code.posonlyargcount,
            code.kwonlyargcount,
            code.stacksize,
            code.flags.0,
        ] {
            self.out.extend_from_slice(&count.to_le_bytes());
        }
        let d = depth + 1;
        self.tasks.extend([
            Task::Bytes(&code.exceptiontable, d),
            Task::Bytes(&code.linetable, d),
            Task::Int32(code.firstlineno),
            Task::Name(&code.qualname, d),
            Task::Name(&code.name, d),
            Task::Name(&code.filename, d),
            Task::Kinds(&code.localspluskinds, d),
            Task::Names(&code.localsplusnames, d),
            Task::Names(&code.names, d),
            Task::Consts(&code.consts, d),
            Task::OwnBytes(&code.code, d),
        ]);
        Ok(())
    }
}

/// A fast non-cryptographic hasher (rustc's FxHash) for the writer's table of strings: the
/// strings are the caller's own values, and SipHash would cost a good part of the writing time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
