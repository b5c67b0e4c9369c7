//! `co_linetable` decoding and encoding against tables CPython 3.13.0 wrote.
//!
//! Each case is a code object compiled by CPython 3.13.0, printed by a script run under it:
//! for a code object `code`, `code.co_firstlineno`, `code.co_linetable.hex()`,
//! `len(code.co_code) // 2`, `list(code.co_lines())`, and `list(code.co_positions())` with
//! equal neighbours counted (`[(len(list(g)), p) for p, g in itertools.groupby(...)]`). The
//! sources are in each case's comment. Reading the whole standard library is
//! `tests/tables_dump.rs`.

use taipan_bytecode::linetable::{self, Position};

struct Case {
    first_line: i32,
    /// `co_linetable`, in hex.
    table: &'static str,
    code_units: usize,
    lines: &'static [(u32, u32, Option<i32>)],
    /// `co_positions()` as (how many in a row, position).
    positions: &'static [(usize, [Option<i32>; 4])],
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // short: `def f():\n    x = 1\n    return x\n` (f's code): short forms only.
    // multiline: `result = call(a,\n    b +\n        c,\n    [d,\n     e])\nprint(result)\n`:
    //   one-line forms and long forms for the ranges over several lines, lines going back.
    // long_line: `y = f(` + 'a' * 130 + `, b)\nz = g(` + 'c' * 70 + `, ` + 'd' * 20 + `)\n`:
    //   columns past 127 take the long form.
    // jumps: `a = 1\n` + `\n` * 300 + `b = 2\n` + `\n` * 70000 + `c = (\n` + `\n` * 500 + `3)\n`:
    //   line deltas of hundreds and tens of thousands, both signs.
    // columns: `x = [n0, n1, ..., n27]\n`: every short-form column group, then one-line forms.
    // attrs: `def f(o):\n    return o.a.b.c(o.d)\n`: LOAD_ATTR is 10 code units, split 8 + 2.
    // try: `def f(x):\n    try:\n        with open(x) as fh:\n            return fh.read()\n
    //   except (OSError, ValueError) as e:\n        raise RuntimeError from e\n    finally:\n
    //   print('done')\n`: entries without a location (kind 15).
    // no_columns: `def h(a):\n    return a.b(c)\n` parsed, then every expression given
    //   col_offset -1 and every node end_lineno/end_col_offset None before `compile(tree, ...)`:
    //   entries without columns (kind 13).
    // short: f
    Case {
        first_line: 1,
        table: "8000d808098041d80b0c8048",
        code_units: 5,
        lines: &[(0, 2, Some(1)), (2, 6, Some(2)), (6, 10, Some(3))],
        positions: &[(1, [Some(1), Some(1), Some(0), Some(0)]), (1, [Some(2), Some(2), Some(8), Some(9)]), (1, [Some(2), Some(2), Some(4), Some(5)]), (1, [Some(3), Some(3), Some(11), Some(12)]), (1, [Some(3), Some(3), Some(4), Some(12)])],
    },
    // multiline: <module>
    Case {
        first_line: 1,
        table: "f003010101d9090d8861d80405d80809f10301050ae00506d80506f003010508f307040a098006f10a0001068066850d",
        code_units: 25,
        lines: &[(0, 2, Some(0)), (2, 8, Some(1)), (8, 10, Some(2)), (10, 12, Some(3)), (12, 16, Some(2)), (16, 18, Some(4)), (18, 20, Some(5)), (20, 22, Some(4)), (22, 32, Some(1)), (32, 50, Some(6))],
        positions: &[(1, [Some(0), Some(1), Some(0), Some(0)]), (2, [Some(1), Some(1), Some(9), Some(13)]), (1, [Some(1), Some(1), Some(14), Some(15)]), (1, [Some(2), Some(2), Some(4), Some(5)]), (1, [Some(3), Some(3), Some(8), Some(9)]), (2, [Some(2), Some(3), Some(4), Some(9)]), (1, [Some(4), Some(4), Some(5), Some(6)]), (1, [Some(5), Some(5), Some(5), Some(6)]), (1, [Some(4), Some(5), Some(4), Some(7)]), (4, [Some(1), Some(5), Some(9), Some(8)]), (1, [Some(1), Some(1), Some(0), Some(6)]), (2, [Some(6), Some(6), Some(0), Some(5)]), (1, [Some(6), Some(6), Some(6), Some(12)]), (6, [Some(6), Some(6), Some(0), Some(13)])],
    },
    // long_line: <module>
    Case {
        first_line: 1,
        table: "f003010101d90405f00000074902f000004b024c02f30000054d028001d90405d0064cd04e62d304638101",
        code_units: 20,
        lines: &[(0, 2, Some(0)), (2, 20, Some(1)), (20, 40, Some(2))],
        positions: &[(1, [Some(0), Some(1), Some(0), Some(0)]), (2, [Some(1), Some(1), Some(4), Some(5)]), (1, [Some(1), Some(1), Some(6), Some(136)]), (1, [Some(1), Some(1), Some(138), Some(139)]), (4, [Some(1), Some(1), Some(4), Some(140)]), (1, [Some(1), Some(1), Some(0), Some(1)]), (2, [Some(2), Some(2), Some(4), Some(5)]), (1, [Some(2), Some(2), Some(6), Some(76)]), (1, [Some(2), Some(2), Some(78), Some(98)]), (4, [Some(2), Some(2), Some(4), Some(99)]), (2, [Some(2), Some(2), Some(0), Some(1)])],
    },
    // jumps: <module>
    Case {
        first_line: 1,
        table: "f003010101d804058001f05a090005068001f04c5b22000102f16b0f000102",
        code_units: 8,
        lines: &[(0, 2, Some(0)), (2, 6, Some(1)), (6, 10, Some(302)), (10, 12, Some(70804)), (12, 16, Some(70303))],
        positions: &[(1, [Some(0), Some(1), Some(0), Some(0)]), (1, [Some(1), Some(1), Some(4), Some(5)]), (1, [Some(1), Some(1), Some(0), Some(1)]), (1, [Some(302), Some(302), Some(4), Some(5)]), (1, [Some(302), Some(302), Some(0), Some(1)]), (1, [Some(70804), Some(70804), Some(0), Some(1)]), (2, [Some(70303), Some(70303), Some(0), Some(1)])],
    },
    // columns: <module>
    Case {
        first_line: 1,
        table: "f003010101d80507881288529012905298129852a012a052a812a853b023b073b843c013c063c833d05053d05558d05a5dd05f62d06467d0696cd06e71d07376d0787bf000007e014102f0000043024602f000000547028101",
        code_units: 32,
        lines: &[(0, 2, Some(0)), (2, 64, Some(1))],
        positions: &[(1, [Some(0), Some(1), Some(0), Some(0)]), (1, [Some(1), Some(1), Some(5), Some(7)]), (1, [Some(1), Some(1), Some(9), Some(11)]), (1, [Some(1), Some(1), Some(13), Some(15)]), (1, [Some(1), Some(1), Some(17), Some(19)]), (1, [Some(1), Some(1), Some(21), Some(23)]), (1, [Some(1), Some(1), Some(25), Some(27)]), (1, [Some(1), Some(1), Some(29), Some(31)]), (1, [Some(1), Some(1), Some(33), Some(35)]), (1, [Some(1), Some(1), Some(37), Some(39)]), (1, [Some(1), Some(1), Some(41), Some(43)]), (1, [Some(1), Some(1), Some(45), Some(48)]), (1, [Some(1), Some(1), Some(50), Some(53)]), (1, [Some(1), Some(1), Some(55), Some(58)]), (1, [Some(1), Some(1), Some(60), Some(63)]), (1, [Some(1), Some(1), Some(65), Some(68)]), (1, [Some(1), Some(1), Some(70), Some(73)]), (1, [Some(1), Some(1), Some(75), Some(78)]), (1, [Some(1), Some(1), Some(80), Some(83)]), (1, [Some(1), Some(1), Some(85), Some(88)]), (1, [Some(1), Some(1), Some(90), Some(93)]), (1, [Some(1), Some(1), Some(95), Some(98)]), (1, [Some(1), Some(1), Some(100), Some(103)]), (1, [Some(1), Some(1), Some(105), Some(108)]), (1, [Some(1), Some(1), Some(110), Some(113)]), (1, [Some(1), Some(1), Some(115), Some(118)]), (1, [Some(1), Some(1), Some(120), Some(123)]), (1, [Some(1), Some(1), Some(125), Some(128)]), (1, [Some(1), Some(1), Some(130), Some(133)]), (1, [Some(1), Some(1), Some(4), Some(134)]), (2, [Some(1), Some(1), Some(0), Some(1)])],
    },
    // attrs: f
    Case {
        first_line: 1,
        table: "8000d80b0c8f3389338f3589358f3789379031973391338b3cd00417",
        code_units: 48,
        lines: &[(0, 2, Some(1)), (2, 96, Some(2))],
        positions: &[(1, [Some(1), Some(1), Some(0), Some(0)]), (1, [Some(2), Some(2), Some(11), Some(12)]), (10, [Some(2), Some(2), Some(11), Some(14)]), (10, [Some(2), Some(2), Some(11), Some(16)]), (10, [Some(2), Some(2), Some(11), Some(18)]), (1, [Some(2), Some(2), Some(19), Some(20)]), (10, [Some(2), Some(2), Some(19), Some(22)]), (4, [Some(2), Some(2), Some(11), Some(23)]), (1, [Some(2), Some(2), Some(4), Some(23)])],
    },
    // try: f
    Case {
        first_line: 1,
        table: "8000f002060516dc0d1190218c579802d81315973791379339f703000e158857f40a00090e88668d0df70b000e158d57fbe40c13945ad00b20f300010522dc0e1aa001d00821fbf003010522faf005000e15f40a00090e88668d0df88c0588668d0dfa",
        code_units: 127,
        lines: &[(0, 2, Some(1)), (2, 4, Some(2)), (4, 28, Some(3)), (28, 58, Some(4)), (58, 76, Some(3)), (76, 100, Some(8)), (100, 128, Some(3)), (128, 136, None), (136, 166, Some(5)), (166, 180, Some(6)), (180, 188, None), (188, 190, Some(5)), (190, 196, None), (196, 198, Some(3)), (198, 222, Some(8)), (222, 224, None), (224, 248, Some(8)), (248, 254, None)],
        positions: &[(1, [Some(1), Some(1), Some(0), Some(0)]), (1, [Some(2), Some(8), Some(4), Some(21)]), (5, [Some(3), Some(3), Some(13), Some(17)]), (1, [Some(3), Some(3), Some(18), Some(19)]), (5, [Some(3), Some(3), Some(13), Some(20)]), (1, [Some(3), Some(3), Some(24), Some(26)]), (1, [Some(4), Some(4), Some(19), Some(21)]), (10, [Some(4), Some(4), Some(19), Some(26)]), (4, [Some(4), Some(4), Some(19), Some(28)]), (9, [Some(3), Some(3), Some(13), Some(20)]), (5, [Some(8), Some(8), Some(8), Some(13)]), (1, [Some(8), Some(8), Some(14), Some(20)]), (6, [Some(8), Some(8), Some(8), Some(21)]), (14, [Some(3), Some(3), Some(13), Some(20)]), (4, [None, None, None, None]), (5, [Some(5), Some(5), Some(12), Some(19)]), (5, [Some(5), Some(5), Some(21), Some(31)]), (1, [Some(5), Some(5), Some(11), Some(32)]), (4, [Some(5), Some(6), Some(4), Some(33)]), (5, [Some(6), Some(6), Some(14), Some(26)]), (1, [Some(6), Some(6), Some(32), Some(33)]), (1, [Some(6), Some(6), Some(8), Some(33)]), (4, [None, None, None, None]), (1, [Some(5), Some(6), Some(4), Some(33)]), (3, [None, None, None, None]), (1, [Some(3), Some(3), Some(13), Some(20)]), (5, [Some(8), Some(8), Some(8), Some(13)]), (1, [Some(8), Some(8), Some(14), Some(20)]), (6, [Some(8), Some(8), Some(8), Some(21)]), (1, [None, None, None, None]), (5, [Some(8), Some(8), Some(8), Some(13)]), (1, [Some(8), Some(8), Some(14), Some(20)]), (6, [Some(8), Some(8), Some(8), Some(21)]), (3, [None, None, None, None])],
    },
    // no_columns: h
    Case {
        first_line: 1,
        table: "8000ef02ef00eb008040",
        code_units: 22,
        lines: &[(0, 2, Some(1)), (2, 44, Some(2))],
        positions: &[(1, [Some(1), Some(1), Some(0), Some(0)]), (20, [Some(2), Some(2), None, None]), (1, [Some(2), Some(2), Some(4), Some(4)])],
    },
];

fn expected_positions(case: &Case) -> Vec<Position> {
    case.positions
        .iter()
        .flat_map(|&(n, [line, end_line, column, end_column])| {
            std::iter::repeat_n(
                Position {
                    line,
                    end_line,
                    column,
                    end_column,
                },
                n,
            )
        })
        .collect()
}

#[test]
fn positions_are_co_positions() {
    for case in CASES {
        let table = hex(case.table);
        let positions: Vec<_> = linetable::positions_of(&table, case.first_line).collect();
        assert_eq!(positions, expected_positions(case), "{}", case.table);
        assert_eq!(positions.len(), case.code_units);
    }
}

#[test]
fn lines_are_co_lines() {
    for case in CASES {
        let table = hex(case.table);
        let lines: Vec<_> = linetable::lines_of(&table, case.first_line).collect();
        assert_eq!(lines, case.lines, "{}", case.table);
    }
}

#[test]
fn the_code_object_api_reads_its_own_table() {
    let case = &CASES[0];
    let mut code = taipan_bytecode::CodeObject::empty("f");
    code.firstlineno = case.first_line;
    code.linetable = hex(case.table);
    assert_eq!(
        linetable::positions(&code).collect::<Vec<_>>(),
        expected_positions(case)
    );
    assert_eq!(linetable::lines(&code).collect::<Vec<_>>(), case.lines);
}

#[test]
fn encoding_gives_cpythons_bytes() {
    for case in CASES {
        let table = hex(case.table);
        // From the entries as decoded, and from one position per code unit (what a compiler
        // has): runs are merged and split into entries of at most 8 units as CPython does.
        let entries: Vec<_> = linetable::entries(&table, case.first_line).collect();
        assert_eq!(
            linetable::encode(case.first_line, &entries),
            table,
            "{}",
            case.table
        );
        let units: Vec<_> = expected_positions(case)
            .into_iter()
            .map(|p| (1, p))
            .collect();
        assert_eq!(
            linetable::encode(case.first_line, &units),
            table,
            "{}",
            case.table
        );
    }
}

#[test]
fn encoding_edge_cases() {
    let at = |line, end_line, column, end_column| Position {
        line: Some(line),
        end_line: Some(end_line),
        column: Some(column),
        end_column: Some(end_column),
    };
    // Zero-length runs vanish; equal neighbours merge; 17 units split as 8 + 8 + 1.
    let runs = [
        (0, at(9, 9, 0, 1)),
        (10, at(1, 1, 79, 94)),
        (7, at(1, 1, 79, 94)),
    ];
    assert_eq!(
        linetable::encode(1, &runs),
        [0xcf, 0x7f, 0xcf, 0x7f, 0xc8, 0x7f]
    );
    // Column 80 leaves the short form; end before start too; 128 leaves the one-line form.
    assert_eq!(
        linetable::encode(1, &[(1, at(1, 1, 80, 81))]),
        [0xd0, 80, 81]
    );
    assert_eq!(linetable::encode(1, &[(1, at(1, 1, 5, 4))]), [0xd0, 5, 4]);
    assert_eq!(
        linetable::encode(1, &[(1, at(1, 1, 128, 129))]),
        [0xf0, 0, 0, 0x41, 2, 0x42, 2]
    );
    // No location; a line without columns; a column without an end line.
    assert_eq!(linetable::encode(1, &[(2, Position::NONE)]), [0xf9]);
    let no_columns = Position {
        line: Some(3),
        end_line: None,
        column: None,
        end_column: None,
    };
    assert_eq!(linetable::encode(1, &[(1, no_columns)]), [0xe8, 4]);
    let no_end = Position {
        end_line: None,
        ..at(1, 1, 2, 3)
    };
    let table = linetable::encode(1, &[(1, no_end)]);
    // CPython writes end_lineno - lineno = -2 as an unsigned varint: six groups.
    assert_eq!(table, [0xf0, 0, 0x7e, 0x7f, 0x7f, 0x7f, 0x7f, 0x03, 3, 4]);
    let decoded: Vec<_> = linetable::positions_of(&table, 1).collect();
    assert_eq!(
        decoded,
        [Position {
            end_line: None,
            ..at(1, 1, 2, 3)
        }]
    );
}

#[test]
fn hostile_tables_never_panic() {
    // Every table of up to 3 bytes drawn from interesting values, through every reader.
    let bytes = [
        0x00, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xe0, 0xe8, 0xf0, 0xf7, 0xf8, 0xff,
    ];
    let mut tables = vec![vec![]];
    for len in 1..=3 {
        let mut table = vec![0; len];
        for n in 0..bytes.len().pow(len as u32) {
            let mut n = n;
            for slot in table.iter_mut() {
                *slot = bytes[n % bytes.len()];
                n /= bytes.len();
            }
            tables.push(table.clone());
        }
    }
    for table in &tables {
        for first_line in [0, 1, i32::MAX, i32::MIN] {
            let positions = linetable::positions_of(table, first_line).count();
            assert!(positions <= table.len() * 8);
            let _ = linetable::lines_of(table, first_line).count();
        }
    }
}
