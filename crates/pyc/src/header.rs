//! The 16-byte header of a `.pyc` file (PEP 552), and whether a `.pyc` is up to date with its
//! source, by importlib's rules (`_classify_pyc`, `_validate_timestamp_pyc`,
//! `_validate_hash_pyc` and `SourceLoader.get_code` in CPython 3.13's
//! `Lib/importlib/_bootstrap_external.py`).
//!
//! Layout: the 4-byte magic number, a 4-byte little-endian flags word (bit 0: the file is
//! hash-based; bit 1: the hash is checked), then 8 bytes: the source's mtime and size (each a
//! little-endian u32, modulo 2**32), or the source's hash.

use std::fmt;
use std::time::SystemTime;

use crate::magic::{MAGIC, RAW_MAGIC_NUMBER};

/// Length of the header; the marshalled code object follows it.
pub const HEADER_LEN: usize = 16;

/// What a `.pyc` file records about the source it was compiled from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PycHeader {
    /// The default: the source's modification time (whole seconds) and size, each modulo 2**32.
    Timestamp { mtime: u32, size: u32 },
    /// PEP 552: the source's [`source_hash`]. `checked`: importlib compares it with the source
    /// (unless told `--check-hash-based-pycs never`); unchecked files are trusted (unless told
    /// `always`).
    Hash { checked: bool, hash: [u8; 8] },
}

/// A header that cannot be read, in importlib's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// `ImportError: bad magic number in ...: b'...'`: not a CPython 3.13 `.pyc` (the first four
    /// bytes, or fewer if the data is shorter).
    BadMagic { found: Vec<u8> },
    /// `EOFError: reached EOF while reading pyc header`: the right magic, but fewer than 16 bytes.
    Truncated { len: usize },
    /// `ImportError: invalid flags ...`: bits other than the two PEP 552 defines.
    InvalidFlags(u32),
}

impl PycHeader {
    /// A timestamp header for a source of this modification time (seconds since the epoch, as
    /// Python's `int(st_mtime)`) and size in bytes; both are kept modulo 2**32, as CPython does.
    pub fn timestamp(mtime: i64, size: u64) -> PycHeader {
        PycHeader::Timestamp {
            mtime: mtime as u32,
            size: size as u32,
        }
    }

    /// A hash-based header for `source` (the source file's bytes).
    pub fn hash(source: &[u8], checked: bool) -> PycHeader {
        PycHeader::Hash {
            checked,
            hash: source_hash(source),
        }
    }

    /// The flags word: 0 for a timestamp header, `0b01` for an unchecked hash, `0b11` for a
    /// checked one.
    pub fn flags(&self) -> u32 {
        match self {
            PycHeader::Timestamp { .. } => 0,
            PycHeader::Hash { checked, .. } => 0b01 | (u32::from(*checked) << 1),
        }
    }

    /// The header's 16 bytes.
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0; HEADER_LEN];
        out[..4].copy_from_slice(&MAGIC);
        out[4..8].copy_from_slice(&self.flags().to_le_bytes());
        match self {
            PycHeader::Timestamp { mtime, size } => {
                out[8..12].copy_from_slice(&mtime.to_le_bytes());
                out[12..16].copy_from_slice(&size.to_le_bytes());
            }
            PycHeader::Hash { hash, .. } => out[8..16].copy_from_slice(hash),
        }
        out
    }

    /// The header at the start of `data`, checked as importlib's `_classify_pyc` checks it: the
    /// magic number first (so data shorter than 4 bytes has a bad magic number), then the length,
    /// then the flags.
    ///
    /// As importlib, a flags word of `0b10` (checked, but not hash-based) is a timestamp header;
    /// [`PycHeader::to_bytes`] writes it back as 0.
    pub fn parse(data: &[u8]) -> Result<PycHeader, HeaderError> {
        if data.get(..4) != Some(&MAGIC[..]) {
            return Err(HeaderError::BadMagic {
                found: data[..data.len().min(4)].to_vec(),
            });
        }
        let Some(header) = data.get(..HEADER_LEN) else {
            return Err(HeaderError::Truncated { len: data.len() });
        };
        let word = |at: usize| {
            u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
        };
        let flags = word(4);
        if flags & !0b11 != 0 {
            return Err(HeaderError::InvalidFlags(flags));
        }
        Ok(if flags & 0b01 != 0 {
            let mut hash = [0; 8];
            hash.copy_from_slice(&header[8..16]);
            PycHeader::Hash {
                checked: flags & 0b10 != 0,
                hash,
            }
        } else {
            PycHeader::Timestamp {
                mtime: word(8),
                size: word(12),
            }
        })
    }
}

/// CPython's `_imp.source_hash(_RAW_MAGIC_NUMBER, source)`: SipHash-1-3 of the source bytes,
/// keyed with the magic number's four bytes as a little-endian integer and 0, as 8
/// little-endian bytes.
pub fn source_hash(source: &[u8]) -> [u8; 8] {
    taipan_hash::source_hash(u64::from(RAW_MAGIC_NUMBER), source)
}

/// CPython's `--check-hash-based-pycs` option (`_imp.check_hash_based_pycs`): which hash-based
/// `.pyc` files importlib compares with their source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CheckHashBasedPycs {
    /// Checked files are checked, unchecked ones are not.
    #[default]
    Default,
    /// Every hash-based file is checked.
    Always,
    /// No hash-based file is checked.
    Never,
}

impl CheckHashBasedPycs {
    /// The option's value on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckHashBasedPycs::Default => "default",
            CheckHashBasedPycs::Always => "always",
            CheckHashBasedPycs::Never => "never",
        }
    }
}

impl std::str::FromStr for CheckHashBasedPycs {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "default" => Ok(CheckHashBasedPycs::Default),
            "always" => Ok(CheckHashBasedPycs::Always),
            "never" => Ok(CheckHashBasedPycs::Never),
            _ => Err(
                "--check-hash-based-pycs must be one of 'default', 'always', or 'never'".to_owned(),
            ),
        }
    }
}

/// Why a `.pyc` file is out of date with its source (importlib then recompiles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stale {
    /// The recorded modification time (modulo 2**32) is not the source's.
    Mtime { recorded: u32, source: u32 },
    /// The recorded size (modulo 2**32) is not the source's.
    Size { recorded: u32, source: u32 },
    /// The recorded hash is not the source's.
    Hash { recorded: [u8; 8], source: [u8; 8] },
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stale::Mtime { recorded, source } => write!(
                f,
                "bytecode is stale: recorded source mtime {recorded}, source has {source}"
            ),
            Stale::Size { recorded, source } => write!(
                f,
                "bytecode is stale: recorded source size {recorded}, source has {source}"
            ),
            Stale::Hash { .. } => f.write_str("hash in bytecode doesn't match hash of source"),
        }
    }
}

impl std::error::Error for Stale {}

/// Whether [`validate`] will look at the source's bytes for this header: only a hash-based file
/// that is checked (always with `Always`, never with `Never`, if marked checked with `Default`).
/// Callers can skip reading the source otherwise, as importlib does.
pub fn needs_source_bytes(header: &PycHeader, check: CheckHashBasedPycs) -> bool {
    match header {
        PycHeader::Timestamp { .. } => false,
        PycHeader::Hash { checked, .. } => match check {
            CheckHashBasedPycs::Never => false,
            CheckHashBasedPycs::Always => true,
            CheckHashBasedPycs::Default => *checked,
        },
    }
}

/// Whether a `.pyc` with this header may be used for a source with these bytes, modification
/// time (whole seconds: Python's `int(st_mtime)`, see [`mtime_seconds`]) and size, as
/// importlib's `SourceLoader.get_code` decides: a timestamp file if both mtime and size match
/// (modulo 2**32); a hash-based file if it is not checked (see [`needs_source_bytes`]) or its
/// hash is the source's.
pub fn validate(
    header: &PycHeader,
    source_bytes: &[u8],
    source_mtime: i64,
    source_size: u64,
    check: CheckHashBasedPycs,
) -> Result<(), Stale> {
    match *header {
        PycHeader::Timestamp { mtime, size } => {
            let source = source_mtime as u32;
            if mtime != source {
                return Err(Stale::Mtime {
                    recorded: mtime,
                    source,
                });
            }
            let source = source_size as u32;
            if size != source {
                return Err(Stale::Size {
                    recorded: size,
                    source,
                });
            }
            Ok(())
        }
        PycHeader::Hash { hash, .. } => {
            if !needs_source_bytes(header, check) {
                return Ok(());
            }
            let source = source_hash(source_bytes);
            if hash == source {
                Ok(())
            } else {
                Err(Stale::Hash {
                    recorded: hash,
                    source,
                })
            }
        }
    }
}

/// Python's `int(os.stat(path).st_mtime)` for a modification time: whole seconds since the
/// epoch, truncated toward zero (so 1.5 s before the epoch is -1).
pub fn mtime_seconds(time: SystemTime) -> i64 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        Err(before) => -(before.duration().as_secs() as i64),
    }
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::BadMagic { found } => {
                write!(f, "bad magic number: {}", taipan_text::bytes_repr(found))?;
                match crate::magic::python_version(found) {
                    Some(version) => write!(f, " (from {version})")?,
                    None => f.write_str(" (not a .pyc file)")?,
                }
                write!(
                    f,
                    "; expected {} (Python 3.13)",
                    taipan_text::bytes_repr(&MAGIC)
                )
            }
            HeaderError::Truncated { len } => write!(
                f,
                "reached EOF while reading pyc header ({len} bytes of {HEADER_LEN})"
            ),
            HeaderError::InvalidFlags(flags) => write!(f, "invalid flags {flags}"),
        }
    }
}

impl std::error::Error for HeaderError {}
