//! `float(str)`, `int(str, base)`, `round(float, n)`, `float.hex`, `float.fromhex` and
//! `str(int)` against tables of CPython 3.13.0's results (`tests/data/`).

mod oracle;

use num_bigint::BigInt;
use oracle::*;
use taipan_text::*;

/// A float result as the tables write it: its IEEE bits in hex.
fn render_float(result: Result<f64, TextError>) -> String {
    render(&result.map(|x| format!("{:016x}", x.to_bits())))
}

fn render_int(result: Result<BigInt, TextError>) -> String {
    render(&result.map(|n| {
        let hex = n.magnitude().to_str_radix(16);
        if n < BigInt::ZERO {
            format!("-{hex}")
        } else {
            hex
        }
    }))
}

#[test]
fn parse_float_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/parse_float.tsv")) {
        // NaNs compare by bits: CPython's and Rust's are both the default quiet NaN.
        let got = render_float(parse_float(&row[0]));
        let want = expected(&row, 1);
        mismatches.check(|| format!("float({:?})", row[0]), got, want);
    }
    mismatches.finish("parse_float.tsv");
}

#[test]
fn parse_int_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/parse_int.tsv")) {
        let base: u32 = row[1].parse().expect("base");
        let got = render_int(parse_int(&row[0], base, DEFAULT_MAX_STR_DIGITS));
        mismatches.check(
            || format!("int({:?}, {base})", row[0]),
            got,
            expected(&row, 2),
        );
    }
    mismatches.finish("parse_int.tsv");
}

#[test]
fn float_round_hex_fromhex_match_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/float_misc.tsv")) {
        let (got, want) = match row[0].as_str() {
            "round" => {
                let x = float_from_bits(&row[1]);
                let ndigits: i64 = row[2].parse().expect("ndigits");
                (render_float(round_float(x, ndigits)), expected(&row, 3))
            }
            "hex" => (
                render(&Ok(float_hex(float_from_bits(&row[1])))),
                expected(&row, 2),
            ),
            _ => (render_float(float_fromhex(&row[1])), expected(&row, 2)),
        };
        mismatches.check(
            || format!("{} {:?}", row[0], &row[1..row.len() - 2]),
            got,
            want,
        );
    }
    mismatches.finish("float_misc.tsv");
}

#[test]
fn int_to_str_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/int_str.tsv")) {
        let value = int_from_hex(&row[1]);
        let got = render(&int_to_str(&value, DEFAULT_MAX_STR_DIGITS));
        if let Ok(small) = i64::try_from(&value) {
            assert_eq!(
                int_to_str(small, DEFAULT_MAX_STR_DIGITS),
                Ok(small.to_string())
            );
        }
        mismatches.check(|| format!("str(0x{})", row[1]), got, expected(&row, 2));
    }
    mismatches.finish("int_str.tsv");
}

#[test]
fn float_to_string_matches_cpython_digits() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/float_digits.tsv")) {
        let value = float_from_bits(&row[0]);
        let code = row[1].chars().next().expect("a conversion");
        let precision: usize = row[2].parse().expect("precision");
        let flags = FloatFlags {
            alternate: row[3] == "1",
            // repr adds ".0" to an integral value.
            add_dot_zero: code == 'r',
            ..FloatFlags::default()
        };
        let got = render(&float_to_string(value, code, precision, flags));
        mismatches.check(
            || format!("{} {code} .{precision} alt={}", float_repr(value), row[3]),
            got,
            expected(&row, 4),
        );
    }
    mismatches.finish("float_digits.tsv");
}

#[test]
fn int_float_conversions_match_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/int_float.tsv")) {
        let got = if row[0] == "float" {
            let value = int_from_hex(&row[1]);
            if let Ok(small) = i64::try_from(&value) {
                assert_eq!(int_to_f64(small), int_to_f64(&value), "{value}");
            }
            render_float(int_to_f64(&value))
        } else {
            render_int(float_to_int(float_from_bits(&row[1])))
        };
        mismatches.check(|| format!("{} {}", row[0], row[1]), got, expected(&row, 2));
    }
    mismatches.finish("int_float.tsv");
}

#[test]
fn parse_bytes_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/parse_bytes.tsv")) {
        let bytes: Vec<u8> = (0..row[1].len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&row[1][i..i + 2], 16).expect("hex byte"))
            .collect();
        let got = if row[0] == "float" {
            render_float(parse_float_bytes(&bytes))
        } else {
            let base: u32 = row[2].parse().expect("base");
            render_int(parse_int_bytes(&bytes, base, DEFAULT_MAX_STR_DIGITS))
        };
        mismatches.check(
            || format!("{}({:?})", row[0], bytes_repr(&bytes)),
            got,
            expected(&row, 3),
        );
    }
    mismatches.finish("parse_bytes.tsv");
}

#[test]
fn parse_complex_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/parse_complex.tsv")) {
        let got = render(
            &parse_complex(&row[0])
                .map(|(real, imag)| format!("{:016x}\t{:016x}", real.to_bits(), imag.to_bits())),
        );
        mismatches.check(|| format!("complex({:?})", row[0]), got, expected(&row, 1));
    }
    mismatches.finish("parse_complex.tsv");
}
