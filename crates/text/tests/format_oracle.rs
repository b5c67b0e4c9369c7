//! `format(value, spec)` against tables of CPython 3.13.0's results (`tests/data/format_*.tsv`):
//! random and chosen values, random specs, valid and not.

mod oracle;

use oracle::*;
use taipan_text::*;

#[test]
fn format_int_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/format_int.tsv")) {
        let value = int_from_hex(&row[1]);
        let got = render(&format_int(&value, &row[2], "int", DEFAULT_MAX_STR_DIGITS));
        mismatches.check(
            || format!("format({value}, {:?})", row[2]),
            got,
            expected(&row, 3),
        );
        // The machine-word path gives the same.
        if let Ok(small) = i64::try_from(&value) {
            let got = render(&format_int(small, &row[2], "int", DEFAULT_MAX_STR_DIGITS));
            mismatches.check(
                || format!("format({small}i64, {:?})", row[2]),
                got,
                expected(&row, 3),
            );
        }
    }
    mismatches.finish("format_int.tsv");
}

#[test]
fn format_float_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/format_float.tsv")) {
        let value = float_from_bits(&row[1]);
        let got = render(&format_float(value, &row[2], "float"));
        mismatches.check(
            || format!("format({}, {:?})", float_repr(value), row[2]),
            got,
            expected(&row, 3),
        );
    }
    mismatches.finish("format_float.tsv");
}

#[test]
fn format_complex_and_str_match_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/format_complex_str.tsv")) {
        let got = if row[0] == "complex" {
            let (real, imag) = row[1].split_once(',').expect("two parts");
            let (real, imag) = (float_from_bits(real), float_from_bits(imag));
            render(&format_complex(real, imag, &row[2], "complex"))
        } else {
            let text = render(&format_str(&row[1], &row[2], "str"));
            // The code-point form agrees.
            let points: Vec<u32> = row[1].chars().map(u32::from).collect();
            let by_points = format_code_points(&points, &row[2], "str").map(|points| {
                points
                    .iter()
                    .map(|&p| char::from_u32(p).expect("no surrogates here"))
                    .collect::<String>()
            });
            assert_eq!(render(&by_points), text, "{:?} {:?}", row[1], row[2]);
            text
        };
        mismatches.check(
            || format!("format({} {:?}, {:?})", row[0], row[1], row[2]),
            got,
            expected(&row, 3),
        );
    }
    mismatches.finish("format_complex_str.tsv");
}
