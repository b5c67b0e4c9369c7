//! Deeply nested sources: CPython 3.13.0's errors at CPython's depths, never a stack overflow.
//!
//! The boundaries (the last size that compiles, and the error one size further) were measured
//! with `python3.13 -m dis FILE` on CPython 3.13.0. `compile()` called from other Python code
//! starts a level or two lower in CPython's count (from `python3.13 -c` at module level the
//! chains fail from 9,996 operators instead of 9,993): the compiler models `-m dis`.
//! Sizes ten times CPython's limit check that nothing overflows the stack.

use taipan_compiler::{CompileError, ErrorKind, Options};
use taipan_parser::ExceptionType;

const COMPILATION: &str = "maximum recursion depth exceeded during compilation";

/// How compiling `source` ends, as `compile()` does it: the parser without the limit of
/// `ast` object construction, then the compiler.
fn compile(source: &str) -> Result<(), (String, String)> {
    let arena = bumpalo::Bump::new();
    let parse_options = taipan_parser::Options {
        skip_ast_construction_limit: true,
        ..taipan_parser::Options::default()
    };
    let parsed = taipan_parser::parse(source, &parse_options, &arena)
        .map_err(|e| (format!("{:?}", e.exception), e.message))?;
    let mut tree = parsed.tree;
    let index = taipan_ast::LineIndex::new(source);
    taipan_compiler::compile(&mut tree, &arena, &index, &Options::default())
        .map(|_| ())
        .map_err(|e: CompileError| (e.kind.name().to_owned(), e.message))
}

fn recursion_error() -> Result<(), (String, String)> {
    Err(("RecursionError".to_owned(), COMPILATION.to_owned()))
}

/// `make(last_ok)` compiles, `make(last_ok + 1)` and `make(10 * last_ok)` raise CPython's
/// RecursionError.
fn assert_limit(make: impl Fn(usize) -> String, last_ok: usize) {
    assert_eq!(compile(&make(last_ok)), Ok(()), "{last_ok} levels compile");
    assert_eq!(
        compile(&make(last_ok + 1)),
        recursion_error(),
        "{}",
        last_ok + 1
    );
    assert_eq!(compile(&make(10 * last_ok)), recursion_error(), "ten times");
}

fn chain(n: usize, leaf: &str, op: &str) -> String {
    let mut s = String::with_capacity((n + 1) * (leaf.len() + op.len()));
    s.push_str(leaf);
    for _ in 0..n {
        s.push_str(op);
        s.push_str(leaf);
    }
    s
}

#[test]
fn binary_operator_chain() {
    assert_limit(|n| format!("x = {}\n", chain(n, "a", "+")), 9992);
}

#[test]
fn constant_chain_fails_in_the_ast_optimizer() {
    // Folded away before the symbol table: the optimizer's own count decides.
    assert_limit(|n| format!("x = {}\n", chain(n, "1", "+")), 9992);
}

#[test]
fn expression_statement_chain() {
    assert_limit(|n| format!("{}\n", chain(n, "a", "*")), 9992);
}

#[test]
fn attribute_chain() {
    assert_limit(|n| format!("x = a{}\n", ".b".repeat(n)), 9992);
}

#[test]
fn call_chain() {
    assert_limit(|n| format!("x = f{}\n", "()".repeat(n)), 9992);
}

#[test]
fn subscript_chain() {
    assert_limit(|n| format!("x = a{}\n", "[0]".repeat(n)), 9992);
}

#[test]
fn method_call_chain_counts_two_levels_each() {
    assert_limit(|n| format!("x = a{}\n", ".b()".repeat(n)), 4996);
}

#[test]
fn statements_around_the_chain_count() {
    assert_limit(
        |n| format!("if a:\n if a:\n  if a:\n   x = {}\n", chain(n, "a", "+")),
        9989,
    );
    assert_limit(
        |n| format!("class C:\n def f(self):\n  return a{}\n", ".b".repeat(n)),
        9990,
    );
}

#[test]
fn a_lambda_around_the_chain_counts() {
    assert_limit(|n| format!("x = lambda: {}\n", chain(n, "a", "+")), 9991);
}

#[test]
fn each_elif_nests_a_statement() {
    let make = |elifs: usize| {
        format!(
            "if a: pass\n{}else: x = {}\n",
            "elif a: pass\n".repeat(elifs),
            chain(9000, "a", "+")
        )
    };
    assert_eq!(compile(&make(990)), Ok(()));
    assert_eq!(compile(&make(1000)), recursion_error());
}

/// Right-recursive forms meet CPython's parser limit (`MemoryError`) before the compiler's: at
/// CPython's last depth they compile, without overflowing the stack. (The parser models its
/// limit within a few levels, per context: the errors are checked a little further.)
#[test]
fn parser_bounded_forms_compile_at_the_parser_limit() {
    let cases: [(usize, fn(usize) -> String); 6] = [
        (5967, |n| format!("x = {}a\n", "not ".repeat(n))),
        (5967, |n| format!("x = {}a\n", "-".repeat(n))),
        (5966, |n| format!("x = {}1\n", "-".repeat(n))),
        (5967, |n| format!("x = {}c\n", "a if b else ".repeat(n))),
        (2983, |n| format!("x = {}1\n", "lambda: ".repeat(n))),
        (2983, |n| format!("x = {}\n", chain(n, "a", " ** "))),
    ];
    let overflow = (
        format!("{:?}", ExceptionType::MemoryError),
        "Parser stack overflowed - Python source too complex to parse".to_owned(),
    );
    for (last_ok, make) in cases {
        let ok = make(last_ok);
        assert_eq!(compile(&ok), Ok(()), "{}", &ok[..40.min(ok.len())]);
        assert_eq!(compile(&make(last_ok + 50)), Err(overflow.clone()));
    }
}

/// CPython's parser overflows its stack past 5,965 `elif`s; Taipan's parser does not model
/// that level (it compiles 5,966), but the compiler's count still stops longer chains.
#[test]
fn elif_chain_at_the_parser_limit_compiles() {
    assert_eq!(
        compile(&format!("if a: pass\n{}", "elif a: pass\n".repeat(5965))),
        Ok(())
    );
}

/// Annotations kept as text (`from __future__ import annotations`) are unparsed recursively.
#[test]
fn deep_annotation_is_unparsed_without_overflow() {
    let make = |n| {
        format!(
            "from __future__ import annotations\nx: {}\n",
            chain(n, "a", "+")
        )
    };
    assert_eq!(compile(&make(9000)), Ok(()));
    assert_eq!(compile(&make(100_000)), recursion_error());
}

/// Ten times the parser's limits: an error, never a crash.
#[test]
fn parser_bounded_forms_at_ten_times_the_limit() {
    for source in [
        format!("x = {}a\n", "not ".repeat(59_670)),
        format!("x = {}1\n", "lambda: ".repeat(29_830)),
        format!("if a: pass\n{}", "elif a: pass\n".repeat(59_650)),
        format!("x = {}\n", chain(29_830, "a", " ** ")),
    ] {
        assert!(compile(&source).is_err());
    }
}

/// Brackets nest at most 200 deep (the tokenizer's limit) and blocks 100 (indentation) or 20
/// (CPython's static block limit): far below the compiler's count, and nothing to overflow.
#[test]
fn bracket_and_block_nesting_stops_early() {
    assert_eq!(
        compile(&format!("x = {}a{}\n", "(".repeat(200), ")".repeat(200))),
        Ok(())
    );
    assert_eq!(
        compile(&format!("x = {}a{}\n", "[".repeat(200), "]".repeat(200))),
        Ok(())
    );
    assert_eq!(
        compile(&format!(
            "x = {}a{}\n",
            "[x for x in ".repeat(200),
            "]".repeat(200)
        )),
        Ok(())
    );
    let defs: String = (0..99)
        .map(|i| format!("{}def f():\n", " ".repeat(i)))
        .collect();
    assert_eq!(compile(&format!("{defs}{}pass\n", " ".repeat(99))), Ok(()));
    let whiles: String = (0..22)
        .map(|i| format!("{}while a:\n", " ".repeat(i)))
        .collect();
    let error = compile(&format!("{whiles}{}pass\n", " ".repeat(22))).unwrap_err();
    assert_eq!(
        error,
        (
            "SyntaxError".to_owned(),
            "too many statically nested blocks".to_owned()
        )
    );
}

#[test]
fn recursion_error_kind_is_named_as_cpython_names_it() {
    assert_eq!(ErrorKind::RecursionError.name(), "RecursionError");
}

/// Code generation walks conditions (`not`, conditional expressions) by its own recursion, not
/// through expression visits: as deep as the parser allows, nothing overflows. (CPython 3.13.0
/// compiles each of these.)
#[test]
fn deep_conditions_compile() {
    let nots = "not ".repeat(5967);
    let ifexps = "a if b else ".repeat(5967);
    for source in [
        format!("if {nots}a: pass\n"),
        format!("while {nots}a: pass\n"),
        format!("assert {nots}a\n"),
        format!("x = {nots}a and b\n"),
        format!("if {ifexps}c: pass\n"),
    ] {
        assert_eq!(compile(&source), Ok(()), "{}", &source[..20]);
    }
}
