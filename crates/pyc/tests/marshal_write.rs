//! Writing: for simple values `dumps` gives CPython 3.13.0's bytes exactly (each expected string
//! is `marshal.dumps(X).hex()` under `PYENV_VERSION=3.13.0 python3`); for everything, what it
//! writes reads back equal.

use taipan_bytecode::{CodeObject, Constant, Int, PyString};
use taipan_pyc::marshal::{
    DumpError, dumps, dumps_code, loads, loads_code, sort_sets, sort_sets_in_code, try_dumps,
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn tuple(items: Vec<Constant>) -> Constant {
    Constant::Tuple(items.into())
}

#[test]
fn cpython_bytes_for_simple_values() {
    let cases: Vec<(Constant, &str)> = vec![
        (Constant::None, "4e"),                             // None
        (Constant::Bool(true), "54"),                       // True
        (Constant::StopIteration, "53"),                    // StopIteration
        (Constant::Ellipsis, "2e"),                         // ...
        (Constant::int(1), "e901000000"),                   // 1
        (Constant::int(-(1 << 31)), "e900000080"),          // -2**31
        (Constant::int(1 << 31), "ec03000000000000000200"), // 2**31
        (
            Constant::Int(Int::from_limbs(true, &[0, 0, 64])),
            "ecfbffffff00000000000000000004", // -(2**70)
        ),
        (
            Constant::Int(Int::from_limbs(false, &[0, 0, 1])),
            "ec0500000000000000000000001000", // 2**64
        ),
        (Constant::Float(1.5), "e7000000000000f83f"), // 1.5
        (Constant::Float(-0.0), "e70000000000000080"), // -0.0
        (
            Constant::Complex {
                real: 1.0,
                imag: 2.0,
            },
            "f9000000000000f03f0000000000000040", // 1+2j
        ),
        (Constant::Bytes(b"ab".as_slice().into()), "f3020000006162"), // b'ab'
        (Constant::str("ab"), "da026162"),                            // 'ab'
        (Constant::str("a b"), "fa03612062"),                         // 'a b'
        (
            Constant::Str(PyString::from_code_points([0xE9, 0xD800])),
            "f505000000c3a9eda080", // 'é\ud800'
        ),
        (tuple(vec![]), "a900"), // ()
        (
            tuple(vec![Constant::int(1), Constant::str("a")]),
            "a902e901000000da0161", // (1, 'a')
        ),
        (
            Constant::List(vec![Constant::int(1), Constant::str("ab")].into()),
            "db02000000e901000000da026162", // [1, 'ab']
        ),
        (
            Constant::Dict(vec![(Constant::str("a"), Constant::int(1))].into()),
            "fbda0161e90100000030", // {'a': 1}
        ),
        (
            Constant::Set(vec![Constant::int(1), Constant::int(2)].into()),
            "bc02000000e901000000e902000000", // {1, 2}
        ),
        (
            Constant::FrozenSet(
                vec![Constant::str("a"), Constant::str("b"), Constant::int(3)].into(),
            ),
            "be03000000da0161da0162e903000000", // frozenset({'b', 'a', 3})
        ),
        (Constant::FrozenSet(Box::new([])), "be00000000"), // frozenset()
        (
            tuple(vec![Constant::str("ab"), Constant::str("ab")]),
            "a902da0261627201000000", // ('ab', 'ab')
        ),
    ];
    for (value, expected) in cases {
        assert_eq!(hex(&dumps(&value)), expected, "{value:?}");
    }
    // 'x'*300: `A` (interned: only name characters); (None,)*256: `(`.
    let long = dumps(&Constant::str(&"x".repeat(300)));
    assert_eq!(hex(&long[..5]), "c12c010000");
    let many = dumps(&tuple(vec![Constant::None; 256]));
    assert_eq!(hex(&many[..5]), "a800010000");
}

/// Values CPython writes differently (its choices depend on reference counts) still read back
/// equal.
#[test]
fn round_trips() {
    let values = [
        Constant::Str(PyString::from_code_points([0x1F600, 0xDC00, 0x41])),
        Constant::Float(f64::NAN),
        Constant::Float(f64::from_bits(0x7ff0_0000_0000_0001)), // a signalling NaN's bits
        Constant::Int(Int::from_limbs(false, &[u32::MAX; 9])),
        Constant::Int(Int::Small(i64::MIN)),
        tuple(vec![
            Constant::str("é"),
            Constant::str("é"),
            Constant::List(vec![Constant::str("é")].into()),
            Constant::Dict(vec![(Constant::str("é"), Constant::str("é"))].into()),
        ]),
        Constant::FrozenSet(
            vec![
                tuple(vec![Constant::int(2), Constant::str("b")]),
                tuple(vec![Constant::int(1), Constant::str("a")]),
                Constant::Float(0.5),
                Constant::Bytes(b"".as_slice().into()),
            ]
            .into(),
        ),
    ];
    for value in values {
        let data = dumps(&value);
        assert_eq!(loads(&data).unwrap(), value);
    }
}

#[test]
fn code_objects_round_trip() {
    let mut inner = CodeObject::empty("g");
    inner.qualname = PyString::new("f.<locals>.g");
    inner.localsplusnames = vec![PyString::new("a")];
    inner.localspluskinds = vec![taipan_bytecode::LocalKind(0x80)];
    inner.code = vec![149, 0, 103, 0];
    inner.filename = PyString::new("m.py");
    let mut outer = CodeObject::empty("<module>");
    outer.filename = PyString::new("m.py");
    outer.names = vec![PyString::new("g"), PyString::new("print")];
    outer.consts = vec![
        Constant::Code(Box::new(inner)),
        Constant::str("print"),
        Constant::None,
    ];
    outer.linetable = vec![0xf0, 3, 1, 1, 1];
    let data = dumps_code(&outer);
    assert_eq!(loads_code(&data).unwrap(), outer);
    // The repeated "m.py" and "print" are written once, then referenced.
    let text = String::from_utf8_lossy(&data);
    assert_eq!(text.matches("m.py").count(), 1);
    assert_eq!(text.matches("print").count(), 1);
}

/// Set items are written in the order given (a file read and written back keeps CPython's
/// order); `sort_sets` puts them in CPython's order: by their own marshalled bytes.
#[test]
fn set_order() {
    let items = [
        Constant::str("b"),
        Constant::int(7),
        Constant::Float(2.5),
        Constant::str("a"),
        tuple(vec![Constant::str("x")]),
        Constant::Bytes(b"z".as_slice().into()),
    ];
    let mut forward = Constant::FrozenSet(items.to_vec().into());
    let mut reversed = items.to_vec();
    reversed.reverse();
    let mut reversed = Constant::FrozenSet(reversed.into());
    assert_ne!(dumps(&forward), dumps(&reversed));
    sort_sets(&mut forward).unwrap();
    sort_sets(&mut reversed).unwrap();
    let sorted = dumps(&forward);
    assert_eq!(sorted, dumps(&reversed));
    // marshal.dumps(frozenset({'b', 7, 2.5, 'a', ('x',), b'z'})) under CPython 3.13.0: the same
    // items in the same order (CPython's own type byte, `3e`, lacks FLAG_REF: a reference count
    // decided it).
    assert_eq!(
        hex(&sorted[1..]),
        "06000000a901da0178da0161da0162e7000000000000\
         0440e907000000f3010000007a"
    );
    // Inside code objects, nested sets first.
    let mut code = CodeObject::empty("f");
    code.consts = vec![Constant::FrozenSet(
        vec![
            Constant::FrozenSet(vec![Constant::int(2), Constant::int(1)].into()),
            Constant::int(0),
        ]
        .into(),
    )];
    sort_sets_in_code(&mut code).unwrap();
    let Constant::FrozenSet(outer) = &code.consts[0] else {
        panic!("not a frozenset")
    };
    let Constant::FrozenSet(inner) = &outer[0] else {
        panic!("inner set not first: {outer:?}")
    };
    assert_eq!(&inner[..], [Constant::int(1), Constant::int(2)]);
}

#[test]
fn values_cpython_cannot_write() {
    let mut deep = Constant::None;
    for _ in 0..2000 {
        deep = tuple(vec![deep]);
    }
    assert_eq!(try_dumps(&deep), Err(DumpError::TooDeep));
    if let Constant::Tuple(items) = deep {
        // 2000 levels, the None included: CPython's limit exactly.
        let data = dumps(&items[0]);
        assert!(loads(&data).is_ok());
    }
}
