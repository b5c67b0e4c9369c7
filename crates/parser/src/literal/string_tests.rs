//! Tests of string decoding. Every expectation in the tables below comes from CPython 3.13.0:
//! the value of `ast.parse("x = " + token)`, the `SyntaxWarning` it issued, or its `SyntaxError`
//! message (generated with `compile()` and pasted here). F-string parts were measured inside
//! `f'''…'''` and `rf'''…'''`, format specs inside `f'''{1:…}'''`.

use bumpalo::Bump;
use taipan_ast::ConstantValue;

use super::*;

#[derive(Debug)]
enum V {
    /// A `str` without surrogates.
    S(&'static str),
    /// A `str` as code points.
    C(&'static [u32]),
    B(&'static [u8]),
}
use V::*;

fn assert_str(got: PyStr<'_>, want: &V, what: &str) {
    match want {
        S(text) => assert_eq!(got.as_str(), Some(*text), "{what:?}"),
        C(points) => assert_eq!(got.code_points().collect::<Vec<_>>(), *points, "{what:?}"),
        B(_) => panic!("{what:?}: expected bytes, got {got:?}"),
    }
}

fn string(token: &str, want: V, warning: Option<&str>) {
    let arena = Bump::new();
    let decoded = decode_string(token, &arena).unwrap_or_else(|e| panic!("{token:?}: {e}"));
    match (decoded.value, &want) {
        (ConstantValue::Bytes(got), B(bytes)) => assert_eq!(got, *bytes, "{token:?}"),
        (ConstantValue::Str(got), S(_) | C(_)) => assert_str(got, &want, token),
        (got, _) => panic!("{token:?}: {got:?} is not {want:?}"),
    }
    assert_eq!(
        decoded.warning.map(|w| w.message()).as_deref(),
        warning,
        "{token:?}"
    );
}

fn string_err(token: &str, message: &str) {
    let arena = Bump::new();
    let error = decode_string(token, &arena).unwrap_err();
    assert_eq!(error.message, message, "{token:?}");
    let kind = if message.starts_with("(unicode error)") {
        LiteralErrorKind::UnicodeDecode
    } else if message.starts_with("(value error)") {
        LiteralErrorKind::Value
    } else {
        LiteralErrorKind::Syntax
    };
    assert_eq!(error.kind, kind, "{token:?}");
}

fn middle(text: &str, raw: bool, want: V, warning: Option<&str>) {
    let arena = Bump::new();
    let decoded =
        decode_fstring_middle(text, raw, &arena).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    assert_str(decoded.value, &want, text);
    assert_eq!(
        decoded.warning.map(|w| w.message()).as_deref(),
        warning,
        "{text:?}"
    );
}

fn middle_err(text: &str, raw: bool, message: &str) {
    let arena = Bump::new();
    let error = decode_fstring_middle(text, raw, &arena).unwrap_err();
    assert_eq!(error.message, message, "{text:?}");
    assert_eq!(error.kind, LiteralErrorKind::UnicodeDecode);
}

/// A format spec: decoded as a non-raw middle.
fn spec(text: &str, want: V, warning: Option<&str>) {
    middle(text, false, want, warning);
}

/// CPython 3.13.0 raises the codec's `UnicodeDecodeError` itself for a format spec.
fn spec_exc(text: &str, detail: &str) {
    let arena = Bump::new();
    let error = decode_fstring_middle(text, false, &arena).unwrap_err();
    assert_eq!(error.detail(), detail, "{text:?}");
}

#[test]
fn strings() {
    string("''", S(""), None);
    string("\"\"", S(""), None);
    string("''''''", S(""), None);
    string("\"\"\"\"\"\"", S(""), None);
    string("'abc'", S("abc"), None);
    string("\"abc\"", S("abc"), None);
    string("'''a'b'''", S("a'b"), None);
    string("\"\"\"a\"b\"\"\"", S("a\"b"), None);
    string("'''a\nb'''", S("a\nb"), None);
    string("'héllo wörld 🐍'", S("héllo wörld 🐍"), None);
    string("u'abc'", S("abc"), None);
    string("U'abc'", S("abc"), None);
    string("r'\\d'", S("\\d"), None);
    string("R'\\n\\x4'", S("\\n\\x4"), None);
    string("b'abc'", B(b"abc"), None);
    string("B'abc'", B(b"abc"), None);
    string("br'\\d\\x'", B(b"\\d\\x"), None);
    string("Rb'\\d'", B(b"\\d"), None);
    string("bR'\\d'", B(b"\\d"), None);
    string("rB'\\N{x}'", B(b"\\N{x}"), None);
    string(
        "'\\\\ \\' \\\" \\a \\b \\f \\n \\r \\t \\v'",
        S("\\ ' \" \u{7} \u{8} \u{c} \n \r \t \u{b}"),
        None,
    );
    string(
        "b'\\\\ \\' \\\" \\a \\b \\f \\n \\r \\t \\v'",
        B(b"\\ ' \" \x07 \x08 \x0c \n \x0d \x09 \x0b"),
        None,
    );
    string(
        "'\\0\\12\\123\\1234\\8'",
        S("\u{0}\nSS4\\8"),
        Some("invalid escape sequence '\\8'"),
    );
    string("b'\\0\\12\\123\\1234'", B(b"\x00\nSS4"), None);
    string(
        "'\\x41\\x4a\\x4A\\u00e9\\u20AC\\U0001F40D\\U00000041'",
        S("AJJé€🐍A"),
        None,
    );
    string("b'\\x41\\x4a\\x4A\\xff\\x00'", B(b"AJJ\xff\x00"), None);
    string("'\\ud800\\udc00'", C(&[0xd800, 0xdc00]), None);
    string("'\\uD83D\\uDE00'", C(&[0xd83d, 0xde00]), None);
    string("'\\U0010FFFF'", S("\u{10ffff}"), None);
    string("'\\U0000D800'", C(&[0xd800]), None);
    string("'\\N{LATIN SMALL LETTER A}'", S("a"), None);
    string("'\\N{latin small letter e with acute}'", S("é"), None);
    string("'\\N{BOM}\\N{LF}\\N{NULL}'", S("\u{feff}\n\u{0}"), None);
    string(
        "'\\N{CJK UNIFIED IDEOGRAPH-4E00}\\N{HANGUL SYLLABLE GAGS}'",
        S("一갃"),
        None,
    );
    string(
        "'\\N{EM DASH}\\d'",
        S("—\\d"),
        Some("invalid escape sequence '\\d'"),
    );
    string("'\\d'", S("\\d"), Some("invalid escape sequence '\\d'"));
    string(
        "'\\d\\e'",
        S("\\d\\e"),
        Some("invalid escape sequence '\\d'"),
    );
    string(
        "'a\\400'",
        S("aĀ"),
        Some("invalid octal escape sequence '\\400'"),
    );
    string(
        "'\\777\\d'",
        S("ǿ\\d"),
        Some("invalid octal escape sequence '\\777'"),
    );
    string(
        "'\\d\\777'",
        S("\\dǿ"),
        Some("invalid escape sequence '\\d'"),
    );
    string(
        "'\\400'",
        S("Ā"),
        Some("invalid octal escape sequence '\\400'"),
    );
    string("'\\1000'", S("@0"), None);
    string("'\\0777'", S("?7"), None);
    string(
        "b'\\777'",
        B(b"\xff"),
        Some("invalid octal escape sequence '\\777'"),
    );
    string(
        "b'\\400\\d'",
        B(b"\x00\\d"),
        Some("invalid octal escape sequence '\\400'"),
    );
    string("b'\\d'", B(b"\\d"), Some("invalid escape sequence '\\d'"));
    string(
        "b'\\N{LATIN SMALL LETTER A}'",
        B(b"\\N{LATIN SMALL LETTER A}"),
        Some("invalid escape sequence '\\N'"),
    );
    string(
        "b'\\u1234'",
        B(b"\\u1234"),
        Some("invalid escape sequence '\\u'"),
    );
    string("'\\8'", S("\\8"), Some("invalid escape sequence '\\8'"));
    string("'\\9'", S("\\9"), Some("invalid escape sequence '\\9'"));
    string("'\\{'", S("\\{"), Some("invalid escape sequence '\\{'"));
    string("'\\}'", S("\\}"), Some("invalid escape sequence '\\}'"));
    string("'\\ '", S("\\ "), Some("invalid escape sequence '\\ '"));
    string("'\\\t'", S("\\\t"), Some("invalid escape sequence '\\\t'"));
    string("'\\é'", S("\\é"), None);
    string("'\\\\é'", S("\\é"), None);
    string("'é\\d'", S("é\\d"), Some("invalid escape sequence '\\d'"));
    string("'\\\n'", S(""), None);
    string("'a\\\nb'", S("ab"), None);
    string("b'a\\\nb'", B(b"ab"), None);
    string("'''a\\\nb\\\nc'''", S("abc"), None);
    string_err(
        "'\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
    );
    string_err(
        "'ab\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape",
    );
    string_err(
        "'é\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape",
    );
    string_err(
        "'éé\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 20-22: truncated \\xXX escape",
    );
    string_err(
        "'\\é\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 16-18: truncated \\xXX escape",
    );
    string_err(
        "'\\\\é\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 12-14: truncated \\xXX escape",
    );
    string_err(
        "'🐍\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape",
    );
    string_err(
        "'\\x'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape",
    );
    string_err(
        "'\\xg0'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape",
    );
    string_err(
        "'\\x4g'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
    );
    string_err(
        "'\\xé'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape",
    );
    string_err(
        "'\\u12'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape",
    );
    string_err(
        "'\\u123'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-4: truncated \\uXXXX escape",
    );
    string_err(
        "'\\u12g4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape",
    );
    string_err(
        "'\\U1234'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-5: truncated \\UXXXXXXXX escape",
    );
    string_err(
        "'\\U0011000g'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-8: truncated \\UXXXXXXXX escape",
    );
    string_err(
        "'\\U00110000'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character",
    );
    string_err(
        "'\\UFFFFFFFF'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character",
    );
    string_err(
        "'\\N'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape",
    );
    string_err(
        "'\\N{'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape",
    );
    string_err(
        "'\\N{}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape",
    );
    string_err(
        "'\\Nabc'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape",
    );
    string_err(
        "'\\N{foo}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name",
    );
    string_err(
        "'ab\\N{foo}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-8: unknown Unicode character name",
    );
    string_err(
        "'\\N{é}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-13: unknown Unicode character name",
    );
    string_err(
        "'\\N{LATIN SMALL LETTER A'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-22: malformed \\N character escape",
    );
    string_err(
        "'\\N{LATIN SMALL LETTER A }'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-24: unknown Unicode character name",
    );
    string_err(
        "'\\N{LATIN_SMALL LETTER A}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-23: unknown Unicode character name",
    );
    string_err(
        "'\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-47: unknown Unicode character name",
    );
    string_err(
        "'\\N{CUNEIFORM SIGN KALAM}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-23: unknown Unicode character name",
    );
    string_err(
        "'\\N{cjk unified ideograph-4E00}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: unknown Unicode character name",
    );
    string_err(
        "'''a\n\\x4'''",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape",
    );
    string_err(
        "'''é\n\\N{foo}'''",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 11-17: unknown Unicode character name",
    );
    string_err(
        "'\\d\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape",
    );
    string_err("b'é'", "bytes can only contain ASCII literal characters");
    string_err(
        "b'''a\né'''",
        "bytes can only contain ASCII literal characters",
    );
    string_err("b'\\x4'", "(value error) invalid \\x escape at position 0");
    string_err(
        "b'ab\\x4g'",
        "(value error) invalid \\x escape at position 2",
    );
    string_err("b'\\x'", "(value error) invalid \\x escape at position 0");
    string_err(
        "b'''a\nb\\x'''",
        "(value error) invalid \\x escape at position 3",
    );
    string_err(
        "'\\N{TIBETAN LETTER A}\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 20-67: unknown Unicode character name",
    );
}

#[test]
fn newlines_are_translated() {
    string("'''a\r\nb'''", S("a\nb"), None);
    string("'''a\rb'''", S("a\nb"), None);
    string("'a\\\r\nb'", S("ab"), None);
    string("'a\\\rb'", S("ab"), None);
    string("r'''a\r\nb\r'''", S("a\nb\n"), None);
    string("b'''a\r\nb'''", B(b"a\nb"), None);
    string("br'''a\r\nb\\\r\n'''", B(b"a\nb\\\n"), None);
    string_err(
        "'''a\r\n\\x4'''",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape",
    );
    string_err(
        "b'''a\r\nb\\x'''",
        "(value error) invalid \\x escape at position 3",
    );
    string_err(
        "'''é\r\n\\N{foo}'''",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 11-17: unknown Unicode character name",
    );
    string(
        "'''\\d\r\n'''",
        S("\\d\n"),
        Some("invalid escape sequence '\\d'"),
    );
    string_err(
        "'''\\N{a\r\nb}'''",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name",
    );
    string_err(
        "'''\\\r\n\\x4'''",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape",
    );
    string_err(
        "b'''\\\r\n\\x4'''",
        "(value error) invalid \\x escape at position 2",
    );
}

#[test]
fn fstring_middles() {
    middle("abc", false, S("abc"), None);
    middle("abc", true, S("abc"), None);
    middle(
        "a\\d",
        false,
        S("a\\d"),
        Some("invalid escape sequence '\\d'"),
    );
    middle("a\\d", true, S("a\\d"), None);
    middle(
        "\\d\\e",
        false,
        S("\\d\\e"),
        Some("invalid escape sequence '\\d'"),
    );
    middle("\\d\\e", true, S("\\d\\e"), None);
    middle(
        "\\x41\\d",
        false,
        S("A\\d"),
        Some("invalid escape sequence '\\d'"),
    );
    middle("\\x41\\d", true, S("\\x41\\d"), None);
    middle("\\N{LATIN SMALL LETTER A}", false, S("a"), None);
    middle("é\\N{EM DASH}", false, S("é—"), None);
    middle_err(
        "\\x4",
        false,
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
    );
    middle("\\x4", true, S("\\x4"), None);
    middle_err(
        "é\\x4",
        false,
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape",
    );
    middle("é\\x4", true, S("é\\x4"), None);
    middle_err(
        "\\N{foo}",
        false,
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name",
    );
    middle(
        "a\n\\d",
        false,
        S("a\n\\d"),
        Some("invalid escape sequence '\\d'"),
    );
    middle("a\n\\d", true, S("a\n\\d"), None);
    middle(
        "\\400",
        false,
        S("Ā"),
        Some("invalid octal escape sequence '\\400'"),
    );
    middle("\\400", true, S("\\400"), None);
    middle("a\\\nb", false, S("ab"), None);
    middle("a\\\nb", true, S("a\\\nb"), None);
    middle("\\\\", false, S("\\"), None);
    middle("\\\\", true, S("\\\\"), None);
    middle("\\'\\\"", false, S("'\""), None);
    middle("\\'\\\"", true, S("\\'\\\""), None);
    middle("\\ud800", false, C(&[0xd800]), None);
    middle("\\ud800", true, S("\\ud800"), None);
    middle_err(
        "\\U00110000",
        false,
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character",
    );
    middle("\\U00110000", true, S("\\U00110000"), None);
}

#[test]
fn format_specs() {
    spec("abc", S("abc"), None);
    spec("a\\d", S("a\\d"), Some("invalid escape sequence '\\d'"));
    spec("\\d\\e", S("\\d\\e"), Some("invalid escape sequence '\\d'"));
    spec("\\x41\\d", S("A\\d"), Some("invalid escape sequence '\\d'"));
    spec("\\N{LATIN SMALL LETTER A}", S("a"), None);
    spec("é\\N{EM DASH}", S("é—"), None);
    spec_exc(
        "\\x4",
        "'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
    );
    spec_exc(
        "é\\x4",
        "'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape",
    );
    spec_exc(
        "\\N{foo}",
        "'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name",
    );
    spec("a\n\\d", S("a\n\\d"), Some("invalid escape sequence '\\d'"));
    spec(
        "\\400",
        S("Ā"),
        Some("invalid octal escape sequence '\\400'"),
    );
    spec("a\\\nb", S("ab"), None);
    spec("\\\\", S("\\"), None);
    spec("\\'\\\"", S("'\""), None);
    spec("\\ud800", C(&[0xd800]), None);
    spec_exc(
        "\\U00110000",
        "'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character",
    );
}

#[test]
fn borrowed_when_nothing_to_decode() {
    let arena = Bump::new();
    let token = "'plain text'";
    let ConstantValue::Str(value) = decode_string(token, &arena).unwrap().value else {
        panic!()
    };
    assert!(std::ptr::eq(value.as_bytes(), &token.as_bytes()[1..11]));
    let token = r"rb'\d'";
    let ConstantValue::Bytes(value) = decode_string(token, &arena).unwrap().value else {
        panic!()
    };
    assert!(std::ptr::eq(value, &token.as_bytes()[3..5]));
    let text = r"a\d";
    let value = decode_fstring_middle(text, true, &arena).unwrap().value;
    assert!(std::ptr::eq(value.as_bytes(), text.as_bytes()));
}

#[test]
fn string_kinds() {
    // CPython 3.13.0: `Constant(value='abc', kind='u')` for u'abc' only.
    assert_eq!(string_kind("u'abc'"), Some("u"));
    assert_eq!(string_kind("U'abc'"), None);
    assert_eq!(string_kind("'abc'"), None);
    assert_eq!(string_kind("b'abc'"), None);
}

#[test]
fn fstring_braces() {
    // The lexer cuts `f'a{{b}}c'` into FSTRING_MIDDLE `a{`, `b}`, `c` (as CPython's tokenizer);
    // CPython 3.13.0 gives `Constant(value='a{b}c')`.
    middle("a{", false, S("a{"), None);
    middle("b}", false, S("b}"), None);
    middle("{{", false, S("{"), None);
    middle("}}", true, S("}"), None);
    // `f'\{6*7}'`: the middle is a lone backslash, which stands for itself; the warning about
    // `\{` is the tokenizer's, not repeated here. CPython: `Constant(value='\\')`.
    middle("\\", false, S("\\"), None);
    // `f'a\{{'` and `f'\}}\d'`: CPython gives 'a\\{' and '\\}\\d', warning once (tokenizer)
    // about the brace, and about `\d`.
    middle("a\\{", false, S("a\\{"), None);
    middle("\\}", false, S("\\}"), None);
    middle(
        "\\d",
        false,
        S("\\d"),
        Some("invalid escape sequence '\\d'"),
    );
    // A STRING token does warn about `\{`.
    string("'\\{'", S("\\{"), Some("invalid escape sequence '\\{'"));
}

#[test]
fn offsets_and_ranges() {
    let arena = Bump::new();
    let warning = |token: &str| decode_string(token, &arena).unwrap().warning.unwrap();
    assert_eq!(warning(r"'ab\d'").offset, 3);
    assert_eq!(warning(r"b'''\400'''").offset, 4);
    assert_eq!(warning(r"'\777'").escaped(), b'7');
    let middle = decode_fstring_middle(r"é\q", false, &arena).unwrap();
    assert_eq!(middle.warning.unwrap().offset, 2);
    let range = |token: &str| decode_string(token, &arena).unwrap_err().range;
    assert_eq!(range(r"'ab\x4'"), 3..6);
    assert_eq!(range(r"'\N{foo}'"), 1..8);
    assert_eq!(range(r"b'\x4'"), 2..4);
    assert_eq!(range("b'é'"), 0..5);
    assert_eq!(
        decode_fstring_middle(r"a\U0011ffff", false, &arena)
            .unwrap_err()
            .range,
        1..11
    );
}

#[test]
fn malformed_tokens_are_errors() {
    let arena = Bump::new();
    for token in ["", "'", "abc", "f'x'", "'abc\"", "x'a'", "b", "rb"] {
        let error = decode_string(token, &arena).unwrap_err();
        assert_eq!(error.kind, LiteralErrorKind::Malformed, "{token:?}");
    }
}

/// No input panics: every short text over an alphabet of troublesome characters, as a whole
/// token, inside quotes, and as f-string text.
#[test]
fn total_on_short_inputs() {
    let alphabet = [
        "\\", "'", "\"", "b", "r", "x", "N", "{", "}", "0", "7", "8", "é", "\r", "\n",
    ];
    let arena = Bump::new();
    let mut text = String::new();
    let mut stack = vec![0usize; 0];
    loop {
        text.clear();
        for &k in &stack {
            text.push_str(alphabet[k]);
        }
        let _ = decode_string(&text, &arena);
        for wrapped in [
            format!("'{text}'"),
            format!("b'{text}'"),
            format!("'''{text}'''"),
        ] {
            let _ = decode_string(&wrapped, &arena);
        }
        let _ = decode_fstring_middle(&text, false, &arena);
        let _ = decode_fstring_middle(&text, true, &arena);
        let _ = crate::literal::parse_number(&text, &arena);
        let _ = crate::literal::normalize_identifier(&text, &arena);
        // Next combination, up to four characters.
        let mut k = stack.len();
        loop {
            if k == 0 {
                if stack.len() == 4 {
                    return;
                }
                stack = vec![0; stack.len() + 1];
                break;
            }
            k -= 1;
            stack[k] += 1;
            if stack[k] < alphabet.len() {
                break;
            }
            stack[k] = 0;
        }
    }
}

/// Random literals against CPython 3.13.0. Needs a file of cases made by a script that runs
/// CPython (one line per case: kind, token hex, expected value or error, warning), named by
/// `TAIPAN_LITERAL_CASES`; see the report of the commit that added this module.
#[test]
#[ignore = "needs cases generated by CPython 3.13"]
fn random_against_cpython() {
    let path = std::env::var("TAIPAN_LITERAL_CASES").expect("TAIPAN_LITERAL_CASES");
    let cases = std::fs::read_to_string(path).expect("the case file");
    let unhex = |h: &str| -> Vec<u8> {
        if h == "-" {
            return Vec::new();
        }
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect()
    };
    let arena = Bump::new();
    let mut failures = 0;
    for line in cases.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        let [kind, token, expected, warning] = fields[..] else {
            panic!("{line}")
        };
        let token = String::from_utf8(unhex(token)).unwrap();
        let (tag, payload) = expected.split_at(2);
        let payload = unhex(payload);
        let want_warning = (warning != "-").then(|| String::from_utf8(unhex(warning)).unwrap());
        let got = match kind {
            "str" | "bytes" => decode_string(&token, &arena).map(|d| {
                let bytes = match d.value {
                    ConstantValue::Str(s) => ("S:", s.as_bytes()),
                    ConstantValue::Bytes(b) => ("B:", b),
                    _ => unreachable!(),
                };
                (bytes, d.warning)
            }),
            "middle" => decode_fstring_middle(&token, false, &arena)
                .map(|d| (("S:", d.value.as_bytes()), d.warning)),
            _ => decode_fstring_middle(&token, false, &arena)
                .map(|d| (("S:", d.value.as_bytes()), d.warning)),
        };
        let ok = match (&got, tag) {
            (Ok(((got_tag, bytes), warning)), _) => {
                *got_tag == tag
                    && *bytes == &payload[..]
                    && warning.map(|w| w.message()) == want_warning
            }
            (Err(error), "E:") => error.message.as_bytes() == &payload[..],
            (Err(error), "U:") => error.detail().as_bytes() == &payload[..],
            _ => false,
        };
        if !ok {
            failures += 1;
            eprintln!(
                "{kind} {token:?}: got {got:?}, want {tag}{:?} {want_warning:?}",
                String::from_utf8_lossy(&payload)
            );
        }
    }
    assert_eq!(failures, 0);
}
