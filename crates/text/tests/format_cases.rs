//! Readable `format()` cases; every expected string was printed by CPython 3.13.0 for
//! `format(value, spec)`.

use num_bigint::BigInt;
use taipan_text::*;

#[test]
fn floats() {
    let cases: &[(f64, &str, &str)] = &[
        (0.125, ".2f", "0.12"),
        (0.1, ".20f", "0.10000000000000000555"),
        (
            1e300,
            ".0f",
            "1000000000000000052504760255204420248704468581108159154915854115511802457988908195\
             786371375080447864043704443832883878176942523235360430575644792184786706982848387200\
             926575803737830233794788090059368953234970799945081119038967640880074652742780142494\
             579258788820056842838115669472196386865459400540160",
        ),
        (2.675, ".2f", "2.67"),
        (-0.0, "z.1f", "0.0"),
        (-0.001, "z.2f", "0.00"),
        (1234567.891, ",.2f", "1,234,567.89"),
        (1234567.891, "_.3e", "1.235e+06"),
        (0.5, "%", "50.000000%"),
        (1.0, "", "1.0"),
        (1e16, "", "1e+16"),
        (123.0, ".2", "1.2e+02"),
        (1.0, "#.0f", "1."),
        (f64::INFINITY, "=+010", "+000000inf"),
        (-1.5, "0=10.2f", "-000001.50"),
        (1234.5, "010,.1f", "0,001,234.5"),
        (12.5, "*^11g", "***12.5****"),
    ];
    for &(value, spec, expected) in cases {
        assert_eq!(
            format_float(value, spec, "float").unwrap(),
            expected,
            "{value} {spec:?}"
        );
    }
}

#[test]
fn ints() {
    let cases: &[(i64, &str, &str)] = &[
        (255, "#x", "0xff"),
        (255, "#010b", "0b11111111"),
        (-255, "=+12_x", "-         ff"),
        (1234567, "0=12,", "0,001,234,567"),
        (1234567, "#_o", "0o455_3207"),
        (65, "c", "A"),
        (-42, " d", "-42"),
        (7, ".3e", "7.000e+00"),
        (3, "%", "300.000000%"),
    ];
    for &(value, spec, expected) in cases {
        let got = format_int(&BigInt::from(value), spec, "int", 4300).unwrap();
        assert_eq!(got, expected, "{value} {spec:?}");
    }
}

#[test]
fn errors() {
    let error = format_float(1.0, "d", "float").unwrap_err();
    assert_eq!(error.kind, ExceptionKind::ValueError);
    assert_eq!(
        error.message,
        "Unknown format code 'd' for object of type 'float'"
    );
    let error = format_int(&BigInt::from(5), "abc", "bool", 4300).unwrap_err();
    assert_eq!(
        error.message,
        "Invalid format specifier 'abc' for object of type 'bool'"
    );
    let error = format_int(&BigInt::from(-1), "c", "int", 4300).unwrap_err();
    assert_eq!(error.kind, ExceptionKind::OverflowError);
    assert_eq!(error.message, "%c arg not in range(0x110000)");
    let error = format_str("a", "+", "str").unwrap_err();
    assert_eq!(error.message, "Sign not allowed in string format specifier");
    let error = format_str("a", ",", "str").unwrap_err();
    assert_eq!(error.message, "Cannot specify ',' with 's'.");
    // A width CPython cannot allocate: MemoryError there, refused here before allocating.
    let error = format_str("a", "9223372036854775807", "str").unwrap_err();
    assert_eq!(error.kind, ExceptionKind::MemoryError);
}

#[test]
fn lone_surrogates_as_code_points() {
    // format('\ud800a', '*^6.1') and format('a\udfff', '>4')
    assert_eq!(
        format_code_points(&[0xD800, 0x61], "*^6.1", "str").unwrap(),
        [0x2A, 0x2A, 0xD800, 0x2A, 0x2A, 0x2A]
    );
    assert_eq!(
        format_code_points(&[0x61, 0xDFFF], ">4", "str").unwrap(),
        [0x20, 0x20, 0x61, 0xDFFF]
    );
}

#[test]
fn percent_char_codes() {
    // '%c' % 65 == 'A'; '%c' % 0xd800 is a lone surrogate; '%c' % -1 and '%c' % 2**70 raise
    // OverflowError: %c arg not in range(0x110000)
    assert_eq!(percent_char_code(65), Ok(65));
    assert_eq!(percent_char_code(0xD800), Ok(0xD800));
    for bad in [
        BigInt::from(-1),
        BigInt::from(0x110000),
        BigInt::from(2).pow(70),
    ] {
        let error = percent_char_code(&bad).unwrap_err();
        assert_eq!(error.kind, ExceptionKind::OverflowError);
        assert_eq!(error.message, "%c arg not in range(0x110000)");
    }
}

#[test]
fn surrogate_characters_from_ints() {
    // format(0xd800, '*^6c') and format(0xdfff, '=3c')
    assert_eq!(
        format_int_code_points(0xD800, "*^6c", "int", 4300).unwrap(),
        [0x2A, 0x2A, 0xD800, 0x2A, 0x2A, 0x2A]
    );
    assert_eq!(
        format_int_code_points(0xDFFF, "=3c", "int", 4300).unwrap(),
        [0x20, 0x20, 0xDFFF]
    );
    assert_eq!(
        format_int_code_points(0xD800, "+c", "int", 4300)
            .unwrap_err()
            .message,
        "Sign not allowed with integer format specifier 'c'"
    );
}

#[test]
fn percent_spec_overflow() {
    // '%50000000000000000000d' % 1 and '%.50000000000000000000d' % 1 raise ValueError;
    // '%9223372036854775807d' % 1 raises MemoryError.
    let parse = |format: &str| {
        let chars: Vec<char> = format.chars().collect();
        parse_percent_spec(&chars, 1).map(|(spec, _)| spec)
    };
    assert_eq!(
        parse("%50000000000000000000d").unwrap_err().message,
        "width too big"
    );
    assert_eq!(
        parse("%.50000000000000000000d").unwrap_err().message,
        "precision too big"
    );
    let spec = parse("%9223372036854775807d").unwrap();
    let PercentCount::Given(width) = spec.width else {
        panic!("a width")
    };
    let error = percent_int(1, 'd', spec.flags, width, None, 4300).unwrap_err();
    assert_eq!(error.kind, ExceptionKind::MemoryError);
}
