//! Reading every marshal type code, from bytes CPython 3.13.0 wrote. Each byte string says the
//! Python (run as `PYENV_VERSION=3.13.0 python3`) that produced it: `marshal.dumps(X)` unless
//! noted; hand-made ones name what `marshal.loads` gives for them.

use taipan_bytecode::{CodeFlags, Constant, Int, LocalKind, PyString};
use taipan_pyc::marshal::{loads, loads_code, loads_prefix};

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn tuple(items: Vec<Constant>) -> Constant {
    Constant::Tuple(items.into())
}

fn big(negative: bool, limbs: &[u32]) -> Constant {
    Constant::Int(Int::from_limbs(negative, limbs))
}

#[test]
fn singletons() {
    assert_eq!(loads(b"N").unwrap(), Constant::None); // None
    assert_eq!(loads(b"F").unwrap(), Constant::Bool(false)); // False
    assert_eq!(loads(b"T").unwrap(), Constant::Bool(true)); // True
    assert_eq!(loads(b"S").unwrap(), Constant::StopIteration); // StopIteration
    assert_eq!(loads(b".").unwrap(), Constant::Ellipsis); // Ellipsis
}

#[test]
fn ints() {
    assert_eq!(loads(&hex("e901000000")).unwrap(), Constant::int(1)); // 1
    assert_eq!(loads(&hex("e9ffffffff")).unwrap(), Constant::int(-1)); // -1
    assert_eq!(
        loads(&hex("e900000080")).unwrap(),
        Constant::int(-(1 << 31))
    ); // -2**31
    // 2**31: `l`, 3 digits of 15 bits.
    assert_eq!(
        loads(&hex("ec03000000000000000200")).unwrap(),
        Constant::int(1 << 31)
    );
    // -(2**70)
    assert_eq!(
        loads(&hex("ecfbffffff00000000000000000004")).unwrap(),
        big(true, &[0, 0, 64])
    );
    // 2**64
    assert_eq!(
        loads(&hex("ec0500000000000000000000001000")).unwrap(),
        big(false, &[0, 0, 1])
    );
    // Hand-made `I` (64-bit; CPython reads it, no longer writes it): -2**63.
    assert_eq!(
        loads(&hex("490000000000000080")).unwrap(),
        Constant::int(i64::MIN)
    );
    // Hand-made: `l` with no digits is 0.
    assert_eq!(loads(&hex("6c00000000")).unwrap(), Constant::int(0));
}

#[test]
fn floats_and_complex() {
    assert_eq!(
        loads(&hex("e7000000000000f83f")).unwrap(),
        Constant::Float(1.5)
    ); // 1.5
    // -0.0: kept apart from 0.0 (code-object equality).
    let zero = loads(&hex("e70000000000000080")).unwrap();
    assert_eq!(zero, Constant::Float(-0.0));
    assert_ne!(zero, Constant::Float(0.0));
    // float('inf')
    assert_eq!(
        loads(&hex("e7000000000000f07f")).unwrap(),
        Constant::Float(f64::INFINITY)
    );
    // 1+2j
    assert_eq!(
        loads(&hex("f9000000000000f03f0000000000000040")).unwrap(),
        Constant::Complex {
            real: 1.0,
            imag: 2.0
        }
    );
    // marshal.dumps(1.5, 1): the old text float.
    assert_eq!(loads(&hex("6603312e35")).unwrap(), Constant::Float(1.5));
    // marshal.dumps(-2.5j, 1): the old text complex ('-0', '-2.5').
    assert_eq!(
        loads(&hex("78022d30042d322e35")).unwrap(),
        Constant::Complex {
            real: -0.0,
            imag: -2.5
        }
    );
    // Hand-made `f` texts marshal.loads accepts: stops at a NUL; inf and nan any case.
    assert_eq!(loads(b"f\x071.5\x00abc").unwrap(), Constant::Float(1.5));
    assert_eq!(
        loads(b"f\x08Infinity").unwrap(),
        Constant::Float(f64::INFINITY)
    );
    let Constant::Float(nan) = loads(b"f\x04-nan").unwrap() else {
        panic!("not a float")
    };
    assert!(nan.is_nan());
}

#[test]
fn bytes_and_strings() {
    // b'ab'
    assert_eq!(
        loads(&hex("f3020000006162")).unwrap(),
        Constant::Bytes(b"ab".as_slice().into())
    );
    assert_eq!(loads(&hex("da026162")).unwrap(), Constant::str("ab")); // 'ab': Z
    assert_eq!(loads(&hex("fa03612062")).unwrap(), Constant::str("a b")); // 'a b': z
    // 'x'*300: A (interned ASCII, 4-byte length)
    let mut long = hex("c12c010000");
    long.extend(std::iter::repeat_n(b'x', 300));
    assert_eq!(loads(&long).unwrap(), Constant::str(&"x".repeat(300)));
    // marshal.loads(b'a' + (300).to_bytes(4, 'little') + b'x' * 300): a
    long[0] = b'a';
    assert_eq!(loads(&long).unwrap(), Constant::str(&"x".repeat(300)));
    // 'é\ud800': u, surrogatepass UTF-8
    assert_eq!(
        loads(&hex("f505000000c3a9eda080")).unwrap(),
        Constant::Str(PyString::from_code_points([0xE9, 0xD800]))
    );
    assert_eq!(loads(&hex("f402000000c3a9")).unwrap(), Constant::str("é")); // sys.intern('é'): t
    // Hand-made: a short ASCII string holding a byte above 127 is Latin-1 (marshal.loads gives
    // 'é').
    assert_eq!(loads(b"z\x01\xe9").unwrap(), Constant::str("é"));
    assert_eq!(loads(b"u\x00\x00\x00\x00").unwrap(), Constant::str(""));
}

#[test]
fn containers() {
    // ()
    assert_eq!(loads(&hex("a900")).unwrap(), tuple(vec![]));
    // (1, 'a')
    assert_eq!(
        loads(&hex("a902e901000000da0161")).unwrap(),
        tuple(vec![Constant::int(1), Constant::str("a")])
    );
    // (None,)*256: `(` with a 4-byte length.
    let mut many = hex("a800010000");
    many.extend([b'N'; 256]);
    assert_eq!(loads(&many).unwrap(), tuple(vec![Constant::None; 256]));
    // [1, 'ab']
    assert_eq!(
        loads(&hex("db02000000e901000000da026162")).unwrap(),
        Constant::List(vec![Constant::int(1), Constant::str("ab")].into())
    );
    // {'a': 1}
    assert_eq!(
        loads(&hex("fbda0161e90100000030")).unwrap(),
        Constant::Dict(vec![(Constant::str("a"), Constant::int(1))].into())
    );
    // {1, 2}
    assert_eq!(
        loads(&hex("bc02000000e901000000e902000000")).unwrap(),
        Constant::Set(vec![Constant::int(1), Constant::int(2)].into())
    );
    // frozenset({'b', 'a', 3}): items sorted by their marshalled bytes.
    let Constant::FrozenSet(items) = loads(&hex("be03000000da0161da0162e903000000")).unwrap()
    else {
        panic!("not a frozenset")
    };
    assert_eq!(
        &items[..],
        [Constant::str("a"), Constant::str("b"), Constant::int(3)]
    );
    // frozenset()
    assert_eq!(
        loads(&hex("be00000000")).unwrap(),
        Constant::FrozenSet(Box::new([]))
    );
    // Hand-made: a NULL value ends a dict and drops its key (marshal.loads(b'{N0') == {}).
    assert_eq!(loads(b"{N0").unwrap(), Constant::Dict(Box::new([])));
}

#[test]
fn references() {
    // ('ab', 'ab'): the second is `r` 1 (slot 0 is the tuple, taken before its items).
    assert_eq!(
        loads(&hex("a902da0261627201000000")).unwrap(),
        tuple(vec![Constant::str("ab"), Constant::str("ab")])
    );
    // marshal.dumps(('ab', 'ab'), 2): version 2 has no references.
    assert_eq!(
        loads(&hex("28020000007502000000616275020000006162")).unwrap(),
        tuple(vec![Constant::str("ab"), Constant::str("ab")])
    );
    // Hand-made: a reference to a whole tuple, nested:
    // marshal.loads(b'\xa9\x02\xa9\x01\xda\x01a' + b'r\x01\x00\x00\x00') == (('a',), ('a',))
    let inner = tuple(vec![Constant::str("a")]);
    assert_eq!(
        loads(b"\xa9\x02\xa9\x01\xda\x01ar\x01\x00\x00\x00").unwrap(),
        tuple(vec![inner.clone(), inner])
    );
    // FLAG_REF on a singleton stores nothing: in
    // marshal.loads(b'\xa9\x03\xce\xda\x01xr\x01\x00\x00\x00') == (None, 'x', 'x'), slot 0 is the
    // tuple and slot 1 the 'x' (index 2 is `invalid reference`).
    assert_eq!(
        loads(b"\xa9\x03\xce\xda\x01xr\x01\x00\x00\x00").unwrap(),
        tuple(vec![Constant::None, Constant::str("x"), Constant::str("x")])
    );
    assert!(loads(b"\xa9\x03\xce\xda\x01xr\x02\x00\x00\x00").is_err());
}

/// `marshal.dumps(compile('x = 1\n', 'f.py', 'exec'))`
const MODULE: &str = "e30000000000000000000000000100000000000000f30800000095005300720067012902e9010000004e2901da0178a900f300000000da04662e7079da083c6d6f64756c653e720700000001000000730a000000f003010101d8040581017205000000";

#[test]
fn code_object() {
    let code = loads_code(&hex(MODULE)).unwrap();
    assert_eq!(code.argcount, 0);
    assert_eq!(code.stacksize, 1);
    assert_eq!(code.flags, CodeFlags(0));
    assert_eq!(code.code, hex("9500530072006701"));
    assert_eq!(code.consts, [Constant::int(1), Constant::None]);
    assert_eq!(code.names, [PyString::new("x")]);
    assert!(code.localsplusnames.is_empty());
    assert_eq!(code.filename.as_str(), Some("f.py"));
    assert_eq!(code.name.as_str(), Some("<module>"));
    // The qualname is `r` 7, the name.
    assert_eq!(code.qualname.as_str(), Some("<module>"));
    assert_eq!(code.firstlineno, 1);
    assert_eq!(code.linetable, hex("f003010101d804058101"));
    assert!(code.exceptiontable.is_empty());
}

/// def f(a, b=2, *c, d, **e):
///     def g(): return a
///     return g
/// marshal.dumps(f.__code__)
const FUNCTION: &str = "e3020000000000000001000000020000000f000000f3140000005e0095005500340153011a006a086e055505240029024e630000000000000000000000000100000013000000f3080000003e0195005400240029014ea9002901da0161730100000080da073c737464696e3eda0167da0c662e3c6c6f63616c733e2e67110000007307000000f8800090418858f300000000720300000029067204000000da0162da0164da0163da0165720600000073060000006020202020207205000000da0166720d00000010000000730b000000f88000dd0415d80b0c80487208000000";

#[test]
fn nested_code_objects() {
    let f = loads_code(&hex(FUNCTION)).unwrap();
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 0, 1));
    assert_eq!(f.flags, CodeFlags(0x0f));
    let names: Vec<_> = f
        .localsplusnames
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(names, ["a", "b", "d", "c", "e", "g"]);
    // `a` is a local and a cell.
    assert_eq!(f.localspluskinds[0], LocalKind(0x60));
    assert_eq!(f.qualname.as_str(), Some("f"));
    let g = f.nested_code().next().unwrap();
    assert_eq!(g.qualname.as_str(), Some("f.<locals>.g"));
    assert_eq!(g.freevars().len(), 1);
    assert_eq!(g.filename.as_str(), Some("<stdin>"));
}

#[test]
fn prefix_and_trailing_bytes() {
    // marshal.loads ignores what follows the value.
    let (value, used) = loads_prefix(b"\xe9\x07\x00\x00\x00rest").unwrap();
    assert_eq!((value, used), (Constant::int(7), 5));
}
