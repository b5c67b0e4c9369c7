//! Values produced by CPython 3.13.0 (64-bit Linux), committed so the tests need no oracle.
//!
//! Unless a test says otherwise, each expected value is `hash(x)` printed by
//! `PYTHONHASHSEED=0 python3.13 -c "print([(x, hash(x)) for x in [...]])"` for the inputs shown.

use taipan_hash::*;

fn str_hash(secret: &HashSecret, text: &str) -> i64 {
    secret.hash_str(text.chars().map(u32::from))
}

#[test]
fn str_hashes_use_the_pep393_width() {
    let secret = HashSecret::from_seed(0);
    let cases: [(&str, i64); 7] = [
        ("", 0),
        ("a", 4644417185603328019),
        ("abc", -4594863902769663758),
        ("été", -1033370291238291217), // 1 byte per char
        ("€", -5529981157763016009),   // 2 bytes
        ("a😀", -6970120874385731343), // 4 bytes
        ("hello world, this is long", 7650859633215404784),
    ];
    for (text, expected) in cases {
        assert_eq!(str_hash(&secret, text), expected, "{text:?}");
    }
    // A lone surrogate, '\ud800'.
    assert_eq!(secret.hash_str([0xD800]), 5926611903945376553);
}

#[test]
fn bytes_hashes() {
    let secret = HashSecret::from_seed(0);
    assert_eq!(secret.hash_bytes(b""), 0);
    // Same bytes as the one-byte-per-char str: same hash.
    assert_eq!(secret.hash_bytes(b"a"), 4644417185603328019);
    assert_eq!(secret.hash_bytes(b"abc"), -4594863902769663758);
    assert_eq!(
        secret.hash_bytes(&b"\x00\xff".repeat(9)),
        189145054799445544
    );
}

/// `PYTHONHASHSEED=123 python3.13 -c "print(hash('abc'), hash('\u20ac'), hash(b'abc'),
/// hash(('abc', 1)))"` and the secret read with
/// `bytes((ctypes.c_ubyte * 24).in_dll(ctypes.pythonapi, '_Py_HashSecret')).hex()`.
#[test]
fn a_nonzero_seed_fills_the_secret_with_the_lcg() {
    let secret = HashSecret::from_seed(123);
    assert_eq!(str_hash(&secret, "abc"), -6019719312852672851);
    assert_eq!(str_hash(&secret, "€"), 1478577648940306351);
    assert_eq!(secret.hash_bytes(b"abc"), -6019719312852672851);
    let abc = str_hash(&secret, "abc");
    assert_eq!(hash_tuple(&[abc, hash_int(1)]), -2386327141370109413);
    assert_eq!(HashSecret::from_seed(0).bytes(), [0; 24]);
}

#[test]
fn int_hashes_reduce_modulo_2_61_minus_1() {
    let cases: [(i64, i64); 10] = [
        (0, 0),
        (1, 1),
        (-1, -2),
        (-2, -2),
        (2305843009213693950, 2305843009213693950),
        (2305843009213693951, 0),
        (2305843009213693952, 1),
        (-2305843009213693952, -2),
        (i64::MAX, 3),
        (i64::MIN, -4),
    ];
    for (value, expected) in cases {
        assert_eq!(hash_int(value), expected, "{value}");
    }
}

#[test]
fn big_int_hashes() {
    /// Little-endian 32-bit limbs of a decimal number.
    fn limbs(decimal: &str) -> Vec<u32> {
        let mut limbs: Vec<u32> = Vec::new();
        for digit in decimal.bytes() {
            let mut carry = u64::from(digit - b'0');
            for limb in &mut limbs {
                let v = u64::from(*limb) * 10 + carry;
                *limb = v as u32;
                carry = v >> 32;
            }
            if carry != 0 {
                limbs.push(carry as u32);
            }
        }
        limbs
    }
    // 2**64, -(2**64) - 5, 3**100, -(7**80), 2**122 - 1, (2**61-1)*(2**70) - 1
    let cases: [(bool, &str, i64); 6] = [
        (false, "18446744073709551616", 8),
        (true, "18446744073709551621", -13),
        (
            false,
            "515377520732011331036461129765621272702107522001",
            1175369268131054105,
        ),
        (
            true,
            "40536215597144386832065866109016673800875222251012083746192454448001",
            -1570130832937155295,
        ),
        (false, "5316911983139663491615228241121378303", 0),
        (
            false,
            "2722258935367507706526405238736734388223",
            2305843009213693950,
        ),
    ];
    for (negative, magnitude, expected) in cases {
        assert_eq!(
            hash_big_int(negative, &limbs(magnitude)),
            expected,
            "{magnitude}"
        );
    }
    // High zero limbs change nothing.
    assert_eq!(hash_big_int(true, &[1, 0, 0]), -2);
    assert_eq!(hash_big_int(false, &[]), 0);
}

#[test]
fn float_hashes() {
    let cases: [(f64, i64); 14] = [
        (0.0, 0),
        (-0.0, 0),
        (0.5, 1152921504606846976),
        (-1.0, -2),
        (1.5, 1152921504606846977),
        (0.1, 230584300921369408),
        (-2.5e-7, -976437270670017967),
        (1e100, 1822893315824342674),
        (5e-324, 16777216),
        (f64::MAX, 2234066890152476671),
        (f64::INFINITY, 314159),
        (f64::NEG_INFINITY, -314159),
        (2305843009213693952.0, 1), // 2.0**61
        (4.336808689942018e-19, 1), // 2.0**-61
    ];
    for (value, expected) in cases {
        assert_eq!(hash_float(value), Some(expected), "{value:e}");
    }
    assert_eq!(hash_float(f64::NAN), None);
}

#[test]
fn complex_hashes() {
    let cases: [((f64, f64), i64); 5] = [
        ((0.0, 1.0), 1000003),
        ((1.0, 2.0), 2000007),
        ((-0.5, -3.25), -2882303761520117449),
        ((f64::INFINITY, 1.0), 1314162),
        ((1e300, 1e-300), -3889407508137364311),
    ];
    for ((real, imag), expected) in cases {
        assert_eq!(hash_complex(real, imag), Some(expected), "{real} {imag}");
    }
    assert_eq!(hash_complex(1.0, f64::NAN), None);
}

#[test]
fn singletons() {
    assert_eq!(hash_none(), 4238894112);
    assert_eq!(hash_bool(true), 1);
    assert_eq!(hash_bool(false), 0);
}

#[test]
fn tuple_hashes() {
    let secret = HashSecret::from_seed(0);
    let abc = str_hash(&secret, "abc");
    let one_two = hash_tuple(&[1, 2]);
    let cases: [(Vec<i64>, i64); 7] = [
        (vec![], 5740354900026072187),
        (vec![1], -6644214454873602895),
        (vec![1, 2], -3550055125485641917),
        (
            vec![hash_none(), hash_bool(true), abc],
            -6974760308459337818,
        ), // (None, True, 'abc')
        (
            vec![hash_tuple(&[1]), hash_tuple(&[2, 3])],
            -6436372076133321993,
        ), // ((1,), (2, 3))
        (vec![hash_int(-1)], 8078679518589016365),
        (vec![hash_float(1.5).unwrap(), -2], -9002791676578425913),
    ];
    for (items, expected) in cases {
        assert_eq!(hash_tuple(&items), expected, "{items:?}");
    }
    assert_eq!(one_two, -3550055125485641917);
}

#[test]
fn frozenset_hashes() {
    let secret = HashSecret::from_seed(0);
    let a = str_hash(&secret, "a");
    let b = str_hash(&secret, "b");
    let hundred: Vec<i64> = (0..100).collect();
    let cases: [(Vec<i64>, i64); 6] = [
        (vec![], 133146708735736),
        (vec![1], -558064481276695278),
        (vec![1, 2, 3], -272375401224217160),
        (vec![a, b], 1679668661828516449),
        (vec![-2, -2], 399283329322573), // frozenset([-1, -2]): both hash to -2
        (hundred, 4411996150312757951),  // frozenset(range(100))
    ];
    for (items, expected) in cases {
        assert_eq!(hash_frozenset(&items), expected, "{items:?}");
        let mut reversed = items.clone();
        reversed.reverse();
        assert_eq!(hash_frozenset(&reversed), expected, "order must not matter");
    }
}

/// `python3.13 -c "import _imp, importlib.util as u;
/// print(_imp.source_hash(u._RAW_MAGIC_NUMBER, b'x = 1\n').hex(), u._RAW_MAGIC_NUMBER)"`
#[test]
fn source_hash_is_keyed_siphash() {
    assert_eq!(
        source_hash(168627699, b"x = 1\n"),
        [0xe7, 0x86, 0xe2, 0x89, 0x36, 0x51, 0x12, 0x0e]
    );
}

/// Each expected order is the position in the input of each element of `list(frozenset(vals))`,
/// printed under `PYTHONHASHSEED=0` by:
///
/// ```python
/// def order(vals):
///     ids = {id(x): i for i, x in enumerate(vals)}
///     return [ids[id(x)] for x in frozenset(vals)]
/// ```
#[test]
fn set_iteration_order_matches_cpython() {
    let secret = HashSecret::from_seed(0);
    let ints = |v: &[i64]| v.iter().map(|&v| hash_int(v)).collect::<Vec<_>>();
    let cases: Vec<(Vec<i64>, Vec<usize>)> = vec![
        (
            ints(&[5, 3, 100, -7, 8, 0, 16, 24, 1]),
            vec![5, 8, 1, 2, 0, 4, 6, 7, 3],
        ),
        (
            ints(&(0..12).map(|i| i * 8).collect::<Vec<_>>()),
            vec![0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
        ),
        (
            ints(&[-1, -2, -3, -(1 << 62), 1 << 62, -8]),
            vec![4, 0, 1, 5, 2, 3],
        ),
        (
            ["a", "b", "c", "d", "e", "f", "abc", "€", "😀", "xyz"]
                .iter()
                .map(|s| str_hash(&secret, s))
                .collect(),
            vec![3, 5, 9, 8, 1, 2, 0, 6, 7, 4],
        ),
        (
            ints(&(0..400).step_by(37).collect::<Vec<_>>()),
            vec![0, 7, 1, 8, 2, 9, 3, 10, 4, 5, 6],
        ),
        (
            ints(&(0..40).map(|i| i * 1024).collect::<Vec<_>>()),
            vec![
                0, 1, 4, 2, 3, 5, 6, 7, 8, 9, 12, 16, 20, 24, 13, 17, 21, 25, 28, 29, 32, 33, 37,
                36, 10, 14, 18, 22, 26, 30, 34, 38, 11, 15, 19, 23, 27, 31, 35, 39,
            ],
        ),
    ];
    for (hashes, expected) in cases {
        assert_eq!(set_iteration_order(&hashes), expected, "{hashes:?}");
    }
}
