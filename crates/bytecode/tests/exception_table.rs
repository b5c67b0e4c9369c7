//! `co_exceptiontable` decoding and encoding against tables CPython 3.13.0 wrote.
//!
//! Each case is `code.co_exceptiontable.hex()` and `dis._parse_exception_table(code)` (offsets
//! in bytes, as dis gives them) printed under CPython 3.13.0 for the code object named in its
//! comment.

use taipan_bytecode::exception_table::{self, ExceptionTableEntry};

struct Case {
    table: &'static str,
    /// (start, end, target, depth, lasti), offsets in bytes.
    entries: &'static [(u32, u32, u32, u32, bool)],
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn entries(case: &Case) -> Vec<ExceptionTableEntry> {
    case.entries
        .iter()
        .map(|&(start, end, target, depth, lasti)| ExceptionTableEntry {
            start: start / 2,
            end: end / 2,
            target: target / 2,
            depth,
            lasti,
        })
        .collect()
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // try: f of `def f(x):\n    try:\n        with open(x) as fh:\n            return fh.read()\n
    //   except (OSError, ValueError) as e:\n        raise RuntimeError from e\n    finally:\n
    //   print('done')\n`
    // async: g of `async def g(d):\n    async with d as b:\n        async for c in b:\n
    //   await c\n`
    // except_star: the module `try:\n    f()\nexcept* TypeError as e:\n    pass\n`
    // try: f
    Case {
        table: "820b4103008d1032039d09410300b20a410007bc03410300bf01412f00c10003410300c10310411f03c11307411a03c11a05411f03c11f03412f00c12f0d413c03",
        entries: &[(4, 26, 134, 0, false), (26, 58, 100, 1, true), (58, 76, 134, 0, false), (100, 120, 128, 3, true), (120, 126, 134, 0, false), (126, 128, 222, 0, false), (128, 134, 134, 0, false), (134, 166, 190, 1, true), (166, 180, 180, 1, true), (180, 190, 190, 1, true), (190, 196, 222, 0, false), (222, 248, 248, 1, true)],
    },
    // async: g
    Case {
        table: "8207411801890125068a034118018d033e0390042b049401270895032b0498063e039e0129089f063e03a501411801a7012b04a9013e03ab013e03ac0b411801b7013a04b806411801be06411507c1040141070cc1050c411507c11107411801",
        entries: &[(4, 18, 176, 0, true), (18, 20, 74, 3, false), (20, 26, 176, 0, true), (26, 32, 124, 1, true), (32, 40, 86, 2, false), (40, 42, 78, 4, false), (42, 48, 86, 2, false), (48, 60, 124, 1, true), (60, 62, 82, 4, false), (62, 74, 124, 1, true), (74, 76, 176, 0, true), (78, 80, 86, 2, false), (82, 84, 124, 1, true), (86, 88, 124, 1, true), (88, 110, 176, 0, true), (110, 112, 116, 2, false), (112, 124, 176, 0, true), (124, 136, 170, 3, true), (136, 138, 142, 6, false), (138, 162, 170, 3, true), (162, 176, 176, 0, true)],
    },
    // except_star: <module>
    Case {
        table: "82070a008a1c2b03",
        entries: &[(4, 18, 20, 0, false), (20, 76, 86, 1, true)],
    },
];

#[test]
fn decoding_is_dis_parse_exception_table() {
    for case in CASES {
        assert_eq!(
            exception_table::decode(&hex(case.table)),
            entries(case),
            "{}",
            case.table
        );
    }
}

#[test]
fn encoding_gives_cpythons_bytes() {
    for case in CASES {
        assert_eq!(exception_table::encode(&entries(case)), hex(case.table));
    }
}

#[test]
fn a_truncated_table_keeps_its_whole_entries() {
    let case = &CASES[2];
    let table = hex(case.table);
    // The first entry is 4 bytes long, the second 4.
    assert_eq!(exception_table::decode(&table[..7]), entries(case)[..1]);
    assert_eq!(exception_table::decode(&table[..3]), []);
    assert_eq!(exception_table::decode(&[]), []);
}
