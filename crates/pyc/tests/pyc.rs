//! `.pyc` files: the header kinds, the source hash, importlib's staleness rules, and errors.
//! Bytes come from CPython 3.13.0 (`PYENV_VERSION=3.13.0 python3`) as each comment says.

use taipan_pyc::header::{HEADER_LEN, needs_source_bytes};
use taipan_pyc::marshal::ErrorKind;
use taipan_pyc::{
    CheckHashBasedPycs, HeaderError, Pyc, PycError, PycHeader, Stale, read_pyc, source_hash,
    validate, write_pyc,
};

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// `py_compile.compile('m.py', cfile='m.pyc',
/// invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)` for `m.py` = `x = 1\n`.
const CHECKED: &str = "f30d0d0a03000000e786e2893651120ee30000000000000000000000000100000000000000f30800000095005300720067012902e9010000004e2901da0178a900f300000000da046d2e7079da083c6d6f64756c653e720700000001000000730a000000f003010101d8040581017205000000";

const BISECT: &[u8] = include_bytes!("data/bisect.cpython-313.pyc");

#[test]
fn source_hash_is_cpythons() {
    // _imp.source_hash(importlib.util._RAW_MAGIC_NUMBER, b'x = 1\n').hex()
    assert_eq!(source_hash(b"x = 1\n"), hex("e786e2893651120e")[..]);
    // ... of b''
    assert_eq!(source_hash(b""), hex("27ec6d312f93b814")[..]);
}

#[test]
fn checked_hash_pyc() {
    let data = hex(CHECKED);
    let pyc = read_pyc(&data).unwrap();
    assert_eq!(pyc.header, PycHeader::hash(b"x = 1\n", true));
    assert_eq!(pyc.code.filename.as_str(), Some("m.py"));
    assert_eq!(pyc.header.to_bytes()[..], data[..HEADER_LEN]);
    let written = write_pyc(&pyc);
    assert_eq!(read_pyc(&written).unwrap(), pyc);
}

#[test]
fn header_kinds() {
    // The same file compiled UNCHECKED_HASH, then TIMESTAMP (mtime 0x6b06dae2, size 6).
    let unchecked = PycHeader::parse(&hex("f30d0d0a01000000e786e2893651120e")).unwrap();
    assert_eq!(
        unchecked,
        PycHeader::Hash {
            checked: false,
            hash: source_hash(b"x = 1\n")
        }
    );
    assert_eq!(unchecked.flags(), 1);
    let timestamp = PycHeader::parse(&hex("f30d0d0a00000000e2da066b06000000")).unwrap();
    assert_eq!(
        timestamp,
        PycHeader::Timestamp {
            mtime: 0x6b06_dae2,
            size: 6
        }
    );
    assert_eq!(
        timestamp.to_bytes()[..],
        hex("f30d0d0a00000000e2da066b06000000")[..]
    );
    // Flags 0b10 without 0b01: importlib's _classify_pyc accepts it as a timestamp pyc.
    let odd = PycHeader::parse(&hex("f30d0d0a020000000100000002000000")).unwrap();
    assert_eq!(odd, PycHeader::Timestamp { mtime: 1, size: 2 });
    // Sizes and times are kept modulo 2**32.
    assert_eq!(
        PycHeader::timestamp(-1, (1 << 32) + 5),
        PycHeader::Timestamp {
            mtime: u32::MAX,
            size: 5
        }
    );
}

#[test]
fn header_errors() {
    // _classify_pyc(b'U\r\r\n' + bytes(12), 'x', {}): "bad magic number in 'x': b'U\r\r\n'"
    let error = PycHeader::parse(b"U\r\r\n\0\0\0\0\0\0\0\0\0\0\0\0").unwrap_err();
    assert_eq!(
        error,
        HeaderError::BadMagic {
            found: b"U\r\r\n".to_vec()
        }
    );
    assert_eq!(
        error.to_string(),
        r"bad magic number: b'U\r\r\n' (from Python 3.8); expected b'\xf3\r\r\n' (Python 3.13)"
    );
    let error = PycHeader::parse(b"\x7fELF").unwrap_err();
    assert!(error.to_string().contains("(not a .pyc file)"), "{error}");
    // Shorter than the magic number: a bad magic number, as importlib checks it first.
    assert!(matches!(
        PycHeader::parse(b"\xf3\r"),
        Err(HeaderError::BadMagic { .. })
    ));
    // "reached EOF while reading pyc header of 'x'"
    assert_eq!(
        PycHeader::parse(b"\xf3\r\r\n\x04\0\0"),
        Err(HeaderError::Truncated { len: 7 })
    );
    // "invalid flags 4 in 'x'"
    let error = PycHeader::parse(&hex("f30d0d0a040000000000000000000000")).unwrap_err();
    assert_eq!(error, HeaderError::InvalidFlags(4));
    assert_eq!(error.to_string(), "invalid flags 4");
}

#[test]
fn marshal_errors_count_from_the_file_start() {
    let mut data = BISECT.to_vec();
    data[16] = b'q';
    let Err(PycError::Marshal(error)) = read_pyc(&data) else {
        panic!("no marshal error")
    };
    assert_eq!(
        (&error.kind, error.offset),
        (&ErrorKind::UnknownType(b'q'), 16)
    );
    assert_eq!(
        error.to_string(),
        "bad marshal data (unknown type code) at byte 16"
    );
    // Not a code object: importlib's "Non-code object".
    let mut data = BISECT[..16].to_vec();
    data.push(b'N');
    assert_eq!(read_pyc(&data), Err(PycError::NotCode("NoneType")));
}

#[test]
fn write_pyc_layout() {
    let pyc = read_pyc(BISECT).unwrap();
    let written = write_pyc(&pyc);
    assert_eq!(written[..HEADER_LEN], BISECT[..HEADER_LEN]);
    assert_eq!(read_pyc(&written).unwrap(), pyc);
}

#[test]
fn timestamp_validation() {
    let header = PycHeader::Timestamp {
        mtime: 1000,
        size: 6,
    };
    let check = CheckHashBasedPycs::Default;
    assert!(!needs_source_bytes(&header, check));
    assert_eq!(validate(&header, b"", 1000, 6, check), Ok(()));
    // Sizes and mtimes compare modulo 2**32.
    assert_eq!(
        validate(&header, b"", 1000 + (1 << 32), (1 << 32) + 6, check),
        Ok(())
    );
    assert_eq!(
        validate(&header, b"", 1001, 6, check),
        Err(Stale::Mtime {
            recorded: 1000,
            source: 1001
        })
    );
    assert_eq!(
        validate(&header, b"", 1000, 7, check),
        Err(Stale::Size {
            recorded: 6,
            source: 7
        })
    );
}

#[test]
fn hash_validation() {
    use CheckHashBasedPycs::{Always, Default, Never};
    let source = b"x = 1\n";
    let other = b"x = 2\n";
    let checked = PycHeader::hash(source, true);
    let unchecked = PycHeader::hash(source, false);
    // Hash-based files ignore mtime and size.
    assert_eq!(validate(&checked, source, 0, 0, Default), Ok(()));
    assert!(matches!(
        validate(&checked, other, 0, 0, Default),
        Err(Stale::Hash { .. })
    ));
    assert!(matches!(
        validate(&checked, other, 0, 0, Always),
        Err(Stale::Hash { .. })
    ));
    assert_eq!(validate(&checked, other, 0, 0, Never), Ok(()));
    // Unchecked: trusted unless `always`.
    assert_eq!(validate(&unchecked, other, 0, 0, Default), Ok(()));
    assert_eq!(validate(&unchecked, other, 0, 0, Never), Ok(()));
    assert!(matches!(
        validate(&unchecked, other, 0, 0, Always),
        Err(Stale::Hash { .. })
    ));
    assert_eq!(
        [Default, Always, Never].map(|c| needs_source_bytes(&unchecked, c)),
        [false, true, false]
    );
    assert_eq!("always".parse::<CheckHashBasedPycs>(), Ok(Always));
    assert!("sometimes".parse::<CheckHashBasedPycs>().is_err());
}

#[test]
fn mtime_like_python() {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    use taipan_pyc::header::mtime_seconds;
    assert_eq!(mtime_seconds(UNIX_EPOCH + Duration::from_millis(1500)), 1);
    // int(-1.5) == -1
    assert_eq!(mtime_seconds(UNIX_EPOCH - Duration::from_millis(1500)), -1);
    let _ = SystemTime::now();
}

#[test]
fn pyc_struct_round_trip() {
    let pyc = Pyc {
        header: PycHeader::timestamp(1_700_000_000, 3423),
        code: read_pyc(BISECT).unwrap().code,
    };
    assert_eq!(read_pyc(&write_pyc(&pyc)).unwrap(), pyc);
}
