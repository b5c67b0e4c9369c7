//! Reading the oracle tables in `tests/data/`: tab-separated rows written by a script that ran
//! CPython 3.13.0, with `\\` and `\u{hex}` escapes for anything outside printable ASCII.

#![allow(dead_code)]

use num_bigint::BigInt;
use taipan_text::{ExceptionKind, TextError};

/// Undoes the tables' escaping.
pub fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex escape");
                out.push(char::from_u32(code).expect("a non-surrogate code point"));
            }
            other => panic!("bad escape {other:?} in {field:?}"),
        }
    }
    out
}

/// The rows of a table (comment lines skipped), split into unescaped fields.
pub fn rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| line.split('\t').map(unescape).collect())
        .collect()
}

pub fn float_from_bits(hex: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(hex, 16).expect("float bits"))
}

pub fn int_from_hex(hex: &str) -> BigInt {
    let (negative, digits) = match hex.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, hex),
    };
    let value = BigInt::parse_bytes(digits.as_bytes(), 16).expect("hex int");
    if negative { -value } else { value }
}

/// A result as the tables write it: `ok<TAB>text` or `err<TAB>Class<TAB>message`.
pub fn render(result: &Result<String, TextError>) -> String {
    match result {
        Ok(text) => format!("ok\t{text}"),
        Err(error) => {
            let class = match error.kind {
                ExceptionKind::ValueError => "ValueError",
                ExceptionKind::OverflowError => "OverflowError",
                ExceptionKind::MemoryError => "MemoryError",
            };
            format!("err\t{class}\t{}", error.message)
        }
    }
}

/// The expected result fields (from `first` on) joined back as [`render`] writes them.
pub fn expected(row: &[String], first: usize) -> String {
    row[first..].join("\t")
}

/// Collects mismatches and fails with the first few.
#[derive(Default)]
pub struct Mismatches {
    count: usize,
    total: usize,
    shown: Vec<String>,
}

impl Mismatches {
    pub fn check(&mut self, what: impl FnOnce() -> String, got: String, want: String) {
        self.total += 1;
        if got != want {
            self.count += 1;
            if self.shown.len() < 40 {
                self.shown
                    .push(format!("{}\n     got: {got:?}\n    want: {want:?}", what()));
            }
        }
    }

    pub fn finish(self, table: &str) {
        assert!(self.total > 0, "{table}: no rows");
        if self.count > 0 {
            panic!(
                "{table}: {} of {} rows differ from CPython:\n{}",
                self.count,
                self.total,
                self.shown.join("\n")
            );
        }
    }
}
