//! Hostile input: truncated and corrupted files, huge declared lengths, deep nesting, bad and
//! exploding references. Reading must give an error, never panic, overflow the stack, or
//! allocate by a length the data cannot back.

use taipan_bytecode::Constant;
use taipan_pyc::marshal::{ErrorKind, dumps, loads};
use taipan_pyc::{PycError, read_pyc};

/// CPython 3.13.0's own `Lib/__pycache__/bisect.cpython-313.pyc` (3,521 bytes: code objects,
/// references, docstrings, tuples, ints).
const BISECT: &[u8] = include_bytes!("data/bisect.cpython-313.pyc");

#[test]
fn the_sample_reads() {
    let pyc = read_pyc(BISECT).unwrap();
    let names: Vec<_> = pyc
        .code
        .nested_code()
        .map(|c| c.name.as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["insort_right", "bisect_right", "insort_left", "bisect_left"]
    );
}

#[test]
fn truncated_at_every_length() {
    for len in 0..BISECT.len() {
        match read_pyc(&BISECT[..len]) {
            Ok(_) => panic!("{len} bytes read as a whole file"),
            Err(PycError::Marshal(error)) => {
                assert!(len >= 16 && error.offset <= len, "{len}: {error}");
                assert!(
                    matches!(
                        error.kind,
                        ErrorKind::EofObject | ErrorKind::EofNotExpected | ErrorKind::TooShort
                    ),
                    "{len}: {error}"
                );
            }
            Err(PycError::Header(_)) => assert!(len < 16),
            Err(other) => panic!("{len}: {other}"),
        }
    }
}

#[test]
fn every_byte_corrupted() {
    // Each byte in turn replaced by a few values: an error or a value, never a panic; a value
    // must write and read back equal.
    let body = &BISECT[16..];
    let mut data = body.to_vec();
    for i in 0..data.len() {
        for replacement in [0x00, 0xff, body[i] ^ 0x80, body[i].wrapping_add(1)] {
            data[i] = replacement;
            if let Ok(value) = loads(&data) {
                assert_eq!(loads(&dumps(&value)).unwrap(), value, "byte {i}");
            }
        }
        data[i] = body[i];
    }
}

#[test]
fn huge_declared_lengths() {
    let max = [0xff, 0xff, 0xff, 0x7f];
    for type_code in [b's', b'a', b'A', b'u', b't', b'l'] {
        let mut data = vec![type_code];
        data.extend(max);
        let error = loads(&data).unwrap_err();
        assert_eq!(error.kind, ErrorKind::TooShort, "{}", type_code as char);
    }
    for type_code in [b'(', b'[', b'<', b'>'] {
        let mut data = vec![type_code];
        data.extend(max);
        data.extend(b"NNN");
        let error = loads(&data).unwrap_err();
        assert_eq!(error.kind, ErrorKind::EofObject, "{}", type_code as char);
        assert_eq!(error.offset, 8);
    }
}

#[test]
fn deep_nesting() {
    // 100,000 nested containers of each kind: `recursion limit exceeded` for the object at
    // depth 2001 (in a dict, the key `N` of the 2000th dict).
    let cases: [(&[u8], usize); 5] = [
        (b"(\x01\x00\x00\x00", 2000 * 5),
        (b")\x01", 2000 * 2),
        (b"[\x01\x00\x00\x00", 2000 * 5),
        (b"{N", 1999 * 2 + 1),
        (b"<\x01\x00\x00\x00", 2000 * 5),
    ];
    for (open, offset) in cases {
        let error = loads(&open.repeat(100_000)).unwrap_err();
        assert_eq!(
            (error.kind, error.offset),
            (ErrorKind::RecursionLimit, offset),
            "{open:?}"
        );
    }
    // Nested code objects: each is a depth.
    let mut code = b"c".to_vec();
    code.extend([0; 20]);
    let error = loads(&code.repeat(3000)).unwrap_err();
    assert_eq!(
        (error.kind, error.offset),
        (ErrorKind::RecursionLimit, 2000 * 21)
    );
}

#[test]
fn references_out_of_range() {
    // Slot 0 is the tuple, slot 1 the `x`.
    for index in [2i32, 1000, i32::MAX, -1, i32::MIN] {
        let mut data = b"\xa9\x02\xda\x01x".to_vec();
        data.push(b'r');
        data.extend(index.to_le_bytes());
        let error = loads(&data).unwrap_err();
        assert_eq!(
            (error.kind, error.offset),
            (ErrorKind::InvalidReference, 5),
            "index {index}"
        );
    }
}

/// A reference to a deep value, from deep: CPython shares the object; a tree would nest past
/// the depth limit, so it is an error.
#[test]
fn references_too_deep_once_expanded() {
    // (deep, (((...(r 0)...))): slot 0 is 1500 nested tuples, referenced 600 levels down.
    let mut data = b")\x02".to_vec();
    data.extend(b"\xa9\x01".repeat(1500));
    data.push(b'N');
    data.extend(b")\x01".repeat(600));
    let at = data.len();
    data.extend(b"r\x00\x00\x00\x00");
    let error = loads(&data).unwrap_err();
    assert_eq!((error.kind, error.offset), (ErrorKind::TaipanTooDeep, at));
    // 400 levels down it fits.
    let mut fits = data[..2 + 2 * 1500 + 1].to_vec();
    fits.extend(b")\x01".repeat(400));
    fits.extend(b"r\x00\x00\x00\x00");
    assert!(loads(&fits).is_ok());
}

/// "Billion laughs": each tuple holds two references to the previous one, so a few hundred
/// bytes would expand to 2**40 items. CPython shares them; here it is an error, quickly.
#[test]
fn exploding_references() {
    let levels = 40u32;
    let mut data = b"[".to_vec();
    data.extend((levels + 1).to_le_bytes());
    data.extend(b"\xa9\x02NN"); // slot 0
    for i in 1..=levels {
        data.extend(b"\xa9\x02r");
        data.extend((i - 1).to_le_bytes());
        data.push(b'r');
        data.extend((i - 1).to_le_bytes());
    }
    let error = loads(&data).unwrap_err();
    assert_eq!(error.kind, ErrorKind::TaipanTooLarge);
    // A handful of levels is fine.
    let mut small = b"[\x04\x00\x00\x00\xa9\x02NN".to_vec();
    for i in 1..=3u32 {
        small.extend(b"\xa9\x02r");
        small.extend((i - 1).to_le_bytes());
        small.push(b'r');
        small.extend((i - 1).to_le_bytes());
    }
    let Constant::List(items) = loads(&small).unwrap() else {
        panic!("not a list")
    };
    assert_eq!(items.len(), 4);
}

/// Deeply nested frozensets sort and write in reasonable time (sorting marshals each set's
/// items, inner sets already sorted: quadratic in the depth, not exponential).
#[test]
fn nested_frozensets_sort_and_write() {
    let mut value = Constant::None;
    for _ in 0..1500 {
        value = Constant::FrozenSet(vec![value, Constant::int(1)].into());
    }
    taipan_pyc::marshal::sort_sets(&mut value).unwrap();
    let data = dumps(&value);
    assert_eq!(loads(&data).unwrap(), value);
}
