//! `taipan-text` against CPython 3.13.0: every expected string below is what `repr()` printed
//! in CPython 3.13.0 for the value in the comment or argument.

use taipan_text::*;

#[test]
fn str_repr_matches_cpython() {
    let cases: &[(&str, &str)] = &[
        ("", "''"),
        ("abc", "'abc'"),
        ("it's", r#""it's""#),
        (r#"say "hi""#, r#"'say "hi"'"#),
        (r#"both ' and ""#, r#"'both \' and "'"#),
        (r"back\slash", r"'back\\slash'"),
        ("\t\n\r\x00\x1f\x7f", r"'\t\n\r\x00\x1f\x7f'"),
        (
            "\u{80}\u{9f}\u{a0}\u{ad}\u{e9}\u{ff}",
            r"'\x80\x9f\xa0\xadéÿ'",
        ),
        (
            "\u{2028}\u{2029}\u{3000}\u{feff}\u{e000}\u{378}",
            r"'\u2028\u2029\u3000\ufeff\ue000\u0378'",
        ),
        ("é漢字😀", "'é漢字😀'"),
        // U+13460 is assigned in Unicode 16.0 but not in CPython 3.13's 15.1.
        (
            "\u{e0001}\u{10ffff}\u{13460}",
            r"'\U000e0001\U0010ffff\U00013460'",
        ),
    ];
    for &(text, expected) in cases {
        assert_eq!(str_repr(text), expected, "{text:?}");
        assert_eq!(
            code_points_repr(text.chars().map(u32::from)),
            expected,
            "{text:?}"
        );
    }
}

#[test]
fn lone_surrogates() {
    // repr('\ud800\udfff') and repr("'\udc80")
    assert_eq!(code_points_repr([0xD800, 0xDFFF]), r"'\ud800\udfff'");
    assert_eq!(code_points_repr([0x27, 0xDC80]), r#""'\udc80""#);
    let mut out = String::from("x=");
    push_code_points_repr(&mut out, [0x61, 0xDBFF]);
    assert_eq!(out, r"x='a\udbff'");
}

#[test]
fn bytes_repr_matches_cpython() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "b''"),
        (b"abc", "b'abc'"),
        (b"it's", r#"b"it's""#),
        (b"\"", r#"b'"'"#),
        (b"both ' and \"", r#"b'both \' and "'"#),
        (b"\\", r"b'\\'"),
        (b"\t\n\r\x00\x7f\x80\xff", r"b'\t\n\r\x00\x7f\x80\xff'"),
        (b"\x1e\x1f !", r"b'\x1e\x1f !'"),
    ];
    for &(bytes, expected) in cases {
        assert_eq!(bytes_repr(bytes), expected, "{bytes:?}");
    }
}

#[test]
fn float_repr_matches_cpython() {
    let cases: &[(f64, &str)] = &[
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (1e-5, "1e-05"),
        (1e-4, "0.0001"),
        (0.1, "0.1"),
        (123456789012345678.0, "1.2345678901234568e+17"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-2.5, "-2.5"),
        (1.5e-7, "1.5e-07"),
        (2.5e300, "2.5e+300"),
        (12345.678, "12345.678"),
        (1e22, "1e+22"),
        (9999999999999998.0, "9999999999999998.0"),
        (0.30000000000000004, "0.30000000000000004"),
        (0.00012345, "0.00012345"),
        // Exactly halfway between two shortest candidates: CPython takes the even digit.
        (1223383794756801.0 + 0.25, "1223383794756801.2"),
        (1223383794756801.0 + 0.75, "1223383794756801.8"),
        (3877031973315.0 + 0.28125, "3877031973315.2812"),
        (1999999999999999.0 + 0.75, "1999999999999999.8"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (-f64::NAN, "nan"),
    ];
    for &(value, expected) in cases {
        assert_eq!(float_repr(value), expected, "{value:e}");
    }
}

#[test]
fn complex_repr_matches_cpython() {
    let nan = f64::NAN;
    let cases: &[(f64, f64, &str)] = &[
        (0.0, 1e16, "1e+16j"),
        (0.0, 1e15, "1000000000000000j"),
        (0.0, 1e-5, "1e-05j"),
        (0.0, 0.0, "0j"),
        (0.0, -0.0, "-0j"),
        (-0.0, -0.0, "(-0-0j)"), // -0.0j
        (-0.0, 1.0, "(-0+1j)"),
        (0.0, 2.5, "2.5j"),
        (0.0, 1e100, "1e+100j"),
        (0.0, f64::INFINITY, "infj"),
        (0.0, nan, "nanj"),
        (0.0, -nan, "nanj"),
        (1.0, nan, "(1+nanj)"),
        (1.0, -nan, "(1+nanj)"),
        (-nan, 1.0, "(nan+1j)"),
        (1e16, 1e-5, "(1e+16+1e-05j)"),
        (f64::INFINITY, f64::NEG_INFINITY, "(inf-infj)"),
        (1.5, -2.0, "(1.5-2j)"),
        (0.0, 9999999999999998.0, "9999999999999998j"),
        (0.0, 1223383794756801.0 + 0.25, "1223383794756801.2j"),
    ];
    for &(real, imag, expected) in cases {
        assert_eq!(complex_repr(real, imag), expected, "{real:e} {imag:e}");
    }
}

#[test]
fn big_ints() {
    let cases: &[(&[u32], &str)] = &[
        (&[], "0"),
        (&[0], "0"),
        (&[7, 0], "7"),
        (&[0x0, 0x80000000], "9223372036854775808"),
        (&[0x0, 0x0, 0x1], "18446744073709551616"),
        (
            &[0x40000000, 0x4674edea, 0x9f2c9cd0, 0xc],
            "1000000000000000000000000000000",
        ),
        (
            &[0xffffffff, 0xffffffff, 0xffffffff, 0xf],
            "1267650600228229401496703205375",
        ),
        (
            &[0x97b40000, 0x437d6f70, 0x27e41b32],
            "12345678901000000000000000000",
        ),
        (&[0x3b9aca00], "1000000000"),
        (&[0x0, 0x1], "4294967296"),
        (&[0xffffffff], "4294967295"),
    ];
    for &(limbs, expected) in cases {
        assert_eq!(limbs_repr(limbs), expected, "{limbs:x?}");
    }
}
