//! Deep nesting: never a stack overflow, and CPython 3.13.0's errors at CPython's limits. The
//! boundaries below were measured with `ast.parse` on CPython 3.13.0 (the last depth it accepts,
//! and the exception one level deeper).

use taipan_ast::{DumpOptions, LineIndex, dump};
use taipan_parser::{ExceptionType, Options, parse};

fn outcome(source: &str) -> Result<String, (ExceptionType, String)> {
    let arena = bumpalo::Bump::new();
    match parse(source, &Options::default(), &arena) {
        Ok(parsed) => {
            let index = LineIndex::new(source);
            Ok(dump(
                &parsed.tree,
                &DumpOptions {
                    indent: None,
                    positions: Some(&index),
                },
            ))
        }
        Err(error) => Err((error.exception, error.message)),
    }
}

fn assert_boundary(
    make: impl Fn(usize) -> String,
    last_ok: usize,
    exception: ExceptionType,
    message: &str,
) {
    assert!(
        outcome(&make(last_ok)).is_ok(),
        "depth {last_ok} must parse and dump"
    );
    assert_eq!(
        outcome(&make(last_ok + 1)).unwrap_err(),
        (exception, message.to_string())
    );
}

const STACK: &str = "Parser stack overflowed - Python source too complex to parse";
const DEPTH: &str = "maximum recursion depth exceeded during ast construction";

#[test]
fn unary_chain_overflows_the_parser_stack() {
    assert_boundary(
        |n| format!("{}1\n", "-".repeat(n)),
        5968,
        ExceptionType::MemoryError,
        STACK,
    );
}

#[test]
fn lambda_chain_overflows_the_parser_stack() {
    assert_boundary(
        |n| format!("{}1\n", "lambda:".repeat(n)),
        2984,
        ExceptionType::MemoryError,
        STACK,
    );
}

#[test]
fn power_chain_overflows_the_parser_stack() {
    assert_boundary(
        |n| format!("{}a\n", "a**".repeat(n)),
        2984,
        ExceptionType::MemoryError,
        STACK,
    );
}

#[test]
fn binary_chain_is_too_deep_for_ast_objects() {
    assert_boundary(
        |n| format!("{}a\n", "a+".repeat(n)),
        9994,
        ExceptionType::RecursionError,
        DEPTH,
    );
}

#[test]
fn attribute_chain_is_too_deep_for_ast_objects() {
    assert_boundary(
        |n| format!("a{}\n", ".b".repeat(n)),
        9994,
        ExceptionType::RecursionError,
        DEPTH,
    );
}

#[test]
fn far_past_the_limits_is_still_an_error_not_a_crash() {
    for source in [
        format!("{}1\n", "-".repeat(200_000)),
        format!("{}a\n", "a+".repeat(200_000)),
    ] {
        assert!(outcome(&source).is_err());
    }
}
