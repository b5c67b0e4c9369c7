//! Location and exception tables of a whole corpus against CPython's own reading of them.
//!
//! Ignored by default: it needs a dump written by CPython 3.13.0. Make one with the script in
//! this file's doc below, then run
//! `TAIPAN_TABLES_DUMP=/tmp/stdlib.jsonl cargo test -p taipan-bytecode --test tables_dump -- --ignored --nocapture`.
//!
//! The dump has one JSON array per code object: `[where, co_firstlineno, co_linetable hex,
//! len(co_code) // 2, list(co_lines()), list(co_positions()), co_exceptiontable hex,
//! dis._parse_exception_table(code) as [start, end, target, depth, lasti]]`, written by:
//!
//! ```python
//! import dis, json, marshal, os, sys, types
//! def walk(code, where):
//!     yield where + ":" + code.co_qualname, code
//!     for c in code.co_consts:
//!         if isinstance(c, types.CodeType):
//!             yield from walk(c, where)
//! root = os.path.dirname(os.__file__)
//! with open(sys.argv[1], "w") as out:
//!     for dirpath, dirnames, filenames in os.walk(root):
//!         if "site-packages" in dirpath.split(os.sep):
//!             continue
//!         for fn in filenames:
//!             if fn.endswith(".pyc"):
//!                 path = os.path.join(dirpath, fn)
//!                 with open(path, "rb") as f:
//!                     top = marshal.loads(f.read()[16:])
//!                 for where, code in walk(top, path):
//!                     out.write(json.dumps([where, code.co_firstlineno, code.co_linetable.hex(),
//!                         len(code.co_code) // 2, [list(x) for x in code.co_lines()],
//!                         [list(p) for p in code.co_positions()], code.co_exceptiontable.hex(),
//!                         [[e.start, e.end, e.target, e.depth, e.lasti]
//!                          for e in dis._parse_exception_table(code)]]) + "\n")
//! ```

use taipan_bytecode::{exception_table, linetable};

#[test]
#[ignore = "needs a dump made by CPython 3.13 (see the file's doc)"]
fn tables_match_cpython_on_a_corpus() {
    let Ok(path) = std::env::var("TAIPAN_TABLES_DUMP") else {
        eprintln!("TAIPAN_TABLES_DUMP is not set: nothing to check");
        return;
    };
    let file = std::fs::File::open(&path).expect("the dump file");
    let mut counts = Counts::default();
    for line in std::io::BufRead::lines(std::io::BufReader::new(file)) {
        let row = Json::parse(&line.expect("a line of text"));
        check(row.list(), &mut counts);
    }
    eprintln!("{path}: {counts:#?}");
    assert_eq!(counts.failures, 0, "see the messages above");
}

#[derive(Debug, Default)]
struct Counts {
    code_objects: usize,
    linetable_bytes: usize,
    location_entries: usize,
    positions: usize,
    line_ranges: usize,
    positions_count_equals_code_units: usize,
    exception_tables: usize,
    exception_entries: usize,
    failures: usize,
}

fn check(row: &[Json], counts: &mut Counts) {
    let where_ = row[0].str();
    let first_line = row[1].int() as i32;
    let table = hex(row[2].str());
    let code_units = row[3].int() as usize;
    let want_lines: Vec<(u32, u32, Option<i32>)> = row[4]
        .list()
        .iter()
        .map(|r| {
            let r = r.list();
            (r[0].int() as u32, r[1].int() as u32, r[2].opt())
        })
        .collect();
    let want_positions: Vec<linetable::Position> = row[5]
        .list()
        .iter()
        .map(|p| {
            let p = p.list();
            linetable::Position {
                line: p[0].opt(),
                end_line: p[1].opt(),
                column: p[2].opt(),
                end_column: p[3].opt(),
            }
        })
        .collect();
    let exceptions = hex(row[6].str());
    let want_entries: Vec<exception_table::ExceptionTableEntry> = row[7]
        .list()
        .iter()
        .map(|e| {
            let e = e.list();
            // dis gives bytes; the table holds code units.
            exception_table::ExceptionTableEntry {
                start: e[0].int() as u32 / 2,
                end: e[1].int() as u32 / 2,
                target: e[2].int() as u32 / 2,
                depth: e[3].int() as u32,
                lasti: e[4].bool(),
            }
        })
        .collect();

    let positions: Vec<_> = linetable::positions_of(&table, first_line).collect();
    let lines: Vec<_> = linetable::lines_of(&table, first_line).collect();
    let entries: Vec<_> = linetable::entries(&table, first_line).collect();
    // One position per code unit is what a compiler hands the encoder. (CPython could in
    // principle write neighbouring entries that decode alike, for the locations (5, 5, -1, -1)
    // then (5, -1, -1, -1), which positions cannot tell apart; the standard library has none.)
    let units: Vec<_> = positions.iter().map(|&p| (1, p)).collect();
    let decoded = exception_table::decode(&exceptions);
    let checks = [
        ("co_positions()", positions == want_positions),
        ("co_lines()", lines == want_lines),
        (
            "encode(entries(co_linetable))",
            linetable::encode(first_line, &entries) == table,
        ),
        (
            "encode(one position per code unit)",
            linetable::encode(first_line, &units) == table,
        ),
        ("exception table decoding", decoded == want_entries),
        (
            "exception table encoding",
            exception_table::encode(&decoded) == exceptions,
        ),
    ];
    for (what, ok) in checks {
        if !ok {
            counts.failures += 1;
            if counts.failures <= 20 {
                eprintln!("{where_}: {what} differs");
            }
        }
    }

    counts.code_objects += 1;
    counts.linetable_bytes += table.len();
    counts.location_entries += entries.len();
    counts.positions += positions.len();
    counts.line_ranges += lines.len();
    counts.positions_count_equals_code_units += usize::from(positions.len() == code_units);
    counts.exception_tables += usize::from(!exceptions.is_empty());
    counts.exception_entries += decoded.len();
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Just enough JSON for the dump: arrays, integers, strings, `null`, booleans.
#[derive(Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<Json>),
}

impl Json {
    fn parse(text: &str) -> Json {
        let (value, rest) = Json::value(text.trim_start());
        assert!(rest.trim().is_empty(), "trailing text: {rest}");
        value
    }

    fn value(text: &str) -> (Json, &str) {
        let text = text.trim_start();
        if let Some(mut rest) = text.strip_prefix('[') {
            let mut items = Vec::new();
            loop {
                rest = rest.trim_start();
                if let Some(after) = rest.strip_prefix(']') {
                    return (Json::List(items), after);
                }
                if let Some(after) = rest.strip_prefix(',') {
                    rest = after;
                    continue;
                }
                let (item, after) = Json::value(rest);
                items.push(item);
                rest = after;
            }
        }
        if let Some(rest) = text.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = rest.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => return (Json::Str(out), &rest[i + 1..]),
                    // Escapes only occur in the `where` column, which is only printed.
                    '\\' => out.push(chars.next().expect("escape").1),
                    c => out.push(c),
                }
            }
            panic!("unterminated string");
        }
        for (word, value) in [
            ("null", Json::Null),
            ("true", Json::Bool(true)),
            ("false", Json::Bool(false)),
        ] {
            if let Some(rest) = text.strip_prefix(word) {
                return (value, rest);
            }
        }
        let len = text
            .find(|c: char| !(c == '-' || c.is_ascii_digit()))
            .unwrap_or(text.len());
        (
            Json::Int(text[..len].parse().expect("an integer")),
            &text[len..],
        )
    }

    fn list(&self) -> &[Json] {
        match self {
            Json::List(items) => items,
            other => panic!("not a list: {other:?}"),
        }
    }

    fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }

    fn int(&self) -> i64 {
        match self {
            Json::Int(v) => *v,
            other => panic!("not an integer: {other:?}"),
        }
    }

    fn opt(&self) -> Option<i32> {
        match self {
            Json::Null => None,
            other => Some(other.int() as i32),
        }
    }

    fn bool(&self) -> bool {
        match self {
            Json::Bool(b) => *b,
            other => panic!("not a boolean: {other:?}"),
        }
    }
}
