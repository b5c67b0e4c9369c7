//! Parser mode's strict checks, against CPython 3.13's `compile()`. Each expectation (exception
//! class, message, line, offset) is what `compile(source, "<s>", "exec")` raised in CPython
//! 3.13.0 for the source, for errors its tokenizer reports unchanged. (The `tokenize` view of
//! the same rules is covered by the fixtures, whose goldens come from the oracle too.)

use taipan_lexer::{ExceptionType, LexError, Token, parser_tokens};

fn first_error(source: &str) -> Option<LexError> {
    parser_tokens(source).find_map(Result::err)
}

#[track_caller]
fn check(source: &str, class: ExceptionType, message: &str, lineno: u32, offset: u32) {
    let error = first_error(source).unwrap_or_else(|| panic!("{source:?}: no error"));
    assert_eq!(
        (
            error.exception_type(),
            error.kind.to_string().as_str(),
            error.lineno,
            error.offset
        ),
        (class, message, lineno, offset),
        "{source:?}"
    );
}

use ExceptionType::{IndentationError, SyntaxError};

#[test]
fn identifiers_are_verified() {
    check(
        "a€b = 1\n",
        SyntaxError,
        "invalid character '€' (U+20AC)",
        1,
        2,
    );
    check(
        "\u{a0}x = 1\n",
        SyntaxError,
        "invalid non-printable character U+00A0",
        1,
        1,
    );
}

#[test]
fn number_literals() {
    check("x = 1abc\n", SyntaxError, "invalid decimal literal", 1, 5);
    check("x = 1e\n", SyntaxError, "invalid decimal literal", 1, 5);
    check("x = 1_\n", SyntaxError, "invalid decimal literal", 1, 6);
    check("x = 0x\n", SyntaxError, "invalid hexadecimal literal", 1, 6);
    check(
        "x = 0b2\n",
        SyntaxError,
        "invalid digit '2' in binary literal",
        1,
        7,
    );
    check(
        "x = 0o8\n",
        SyntaxError,
        "invalid digit '8' in octal literal",
        1,
        7,
    );
    check(
        "x = 012\n",
        SyntaxError,
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        1,
        5,
    );
    // Before a keyword CPython only warns.
    assert!(first_error("x = 1 if 1else 2\n").is_none());
}

#[test]
fn brackets_are_matched() {
    check("x = )\n", SyntaxError, "unmatched ')'", 1, 5);
    check(
        "x = (]\n",
        SyntaxError,
        "closing parenthesis ']' does not match opening parenthesis '('",
        1,
        6,
    );
    check(
        "x = (\n]\n",
        SyntaxError,
        "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
        2,
        1,
    );
}

#[test]
fn strings_and_fstrings() {
    check(
        "x = 'abc\n",
        SyntaxError,
        "unterminated string literal (detected at line 1)",
        1,
        5,
    );
    check(
        "x = '''abc\n",
        SyntaxError,
        "unterminated triple-quoted string literal (detected at line 1)",
        1,
        5,
    );
    check("f'{x!r'\n", SyntaxError, "f-string: expecting '}'", 1, 6);
    check(
        "x = f'}'\n",
        SyntaxError,
        "f-string: single '}' is not allowed",
        1,
        7,
    );
}

#[test]
fn indentation_and_characters() {
    check(
        "if x:\n    y\n  z\n",
        IndentationError,
        "unindent does not match any outer indentation level",
        3,
        4,
    );
    check(
        "x = 1\x01\n",
        SyntaxError,
        "invalid non-printable character U+0001",
        1,
        6,
    );
}

#[test]
fn parser_stream_has_no_trivia() {
    let tokens: Vec<Token> = parser_tokens("x = (1,  # c\n\n 2)\n")
        .map(Result::unwrap)
        .collect();
    assert!(tokens.iter().all(|t| !t.kind.is_trivia()));
    assert_eq!(tokens.len(), 9, "{tokens:?}");
}
