//! printf-style `format % arg` against a table of CPython 3.13.0's results
//! (`tests/data/percent.tsv`): one conversion per format, its argument converted as the VM will.

mod oracle;

use oracle::*;
use taipan_text::*;

/// What the VM does for one conversion whose argument is already of the right type.
fn run(format: &str, arg: &str, kind: &str) -> Result<String, TextError> {
    let chars: Vec<char> = format.chars().collect();
    let percent = chars.iter().position(|&c| c == '%').expect("a conversion");
    let (spec, next) = parse_percent_spec(&chars, percent + 1)?;
    assert_eq!(next, chars.len(), "one conversion per row");
    let width = match spec.width {
        PercentCount::Given(width) => width,
        _ => 0,
    };
    let precision = match spec.precision {
        PercentCount::Given(precision) => Some(precision),
        _ => None,
    };
    let prefix: String = chars[..percent].iter().collect();
    let text = match (kind, spec.conversion) {
        ("int", 'd' | 'i' | 'u' | 'o' | 'x' | 'X') => {
            let value = int_from_hex(arg);
            let big = percent_int(
                &value,
                spec.conversion,
                spec.flags,
                width,
                precision,
                DEFAULT_MAX_STR_DIGITS,
            );
            // The machine-word path gives the same.
            if let Ok(small) = i64::try_from(&value) {
                let small = percent_int(
                    small,
                    spec.conversion,
                    spec.flags,
                    width,
                    precision,
                    DEFAULT_MAX_STR_DIGITS,
                );
                assert_eq!(small, big, "{format:?} % {value}");
            }
            big?
        }
        ("float", 'e' | 'E' | 'f' | 'F' | 'g' | 'G') => percent_float(
            float_from_bits(arg),
            spec.conversion,
            spec.flags,
            width,
            precision,
        )?,
        ("text", 's') => percent_text(arg, spec.flags, width, precision)?,
        ("text", 'r') => percent_text(&str_repr(arg), spec.flags, width, precision)?,
        ("text", 'c') => {
            let ch = match arg.strip_prefix('#') {
                Some(code) => char::from_u32(code.parse().expect("code")).expect("char"),
                None => arg.chars().next().expect("one character"),
            };
            percent_text(&ch.to_string(), spec.flags, width, None)?
        }
        _ => return Err(spec.unsupported()),
    };
    Ok(prefix + &text)
}

#[test]
fn percent_formatting_matches_cpython() {
    let mut mismatches = Mismatches::default();
    for row in rows(include_str!("data/percent.tsv")) {
        let got = render(&run(&row[1], &row[2], &row[0]));
        mismatches.check(
            || format!("{:?} % {} {:?}", row[1], row[0], row[2]),
            got,
            expected(&row, 3),
        );
    }
    mismatches.finish("percent.tsv");
}
