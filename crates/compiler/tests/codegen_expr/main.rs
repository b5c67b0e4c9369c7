//! Code generation of expressions, calls and comprehensions, against CPython 3.13's own code
//! generation. Each expected text is the oracle's `_testinternalcapi.compiler_codegen` output
//! for the snippet (every unit: the module, then each nested unit after a `--- nested` line,
//! depth first), printed as `INDEX OPNAME OPARG LINE:COL-END_LINE:END_COL` by a script that ran
//! `ast.parse` + `compiler_codegen` on CPython 3.13.0 (which runs the AST optimizer first, as
//! [`codegen_text`] does).

use taipan_compiler::codegen::codegen_only;

/// Code generation's text of every unit of `source`, in the oracle's order.
fn codegen_text(source: &str) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(source, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let mut tree = parsed.tree;
    // As `compiler_codegen`, after the AST optimizer.
    taipan_compiler::fold::optimize(&mut tree, &arena, 0);
    let index = taipan_ast::LineIndex::new(source);
    let options = taipan_compiler::Options {
        filename: "f.py".to_owned(),
        ..Default::default()
    };
    let output = codegen_only(&tree, &index, &options).expect("code generation succeeds");
    output
        .preorder()
        .iter()
        .map(|unit| unit.seq.text())
        .collect::<Vec<_>>()
        .join("--- nested\n")
}

fn check(source: &str, expected: &str) {
    let expected = expected.strip_prefix('\n').unwrap_or(expected);
    let got = codegen_text(source);
    if got != expected {
        let first = got
            .lines()
            .zip(expected.lines())
            .position(|(g, e)| g != e)
            .unwrap_or(got.lines().count().min(expected.lines().count()));
        panic!(
            "code generation differs from the oracle at line {first}\n--- got\n{got}--- expected\n{expected}"
        );
    }
}

/// The warnings (message, line) code generation issues for `source`.
fn warnings(source: &str) -> Vec<(String, i32)> {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(source, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let index = taipan_ast::LineIndex::new(source);
    let output = codegen_only(&parsed.tree, &index, &taipan_compiler::Options::default())
        .expect("code generation succeeds");
    output
        .warnings
        .into_iter()
        .map(|w| (w.message, w.location.lineno))
        .collect()
}

/// The compile error (message and CPython's 1-based positions) for `source`.
fn error(source: &str) -> (String, (i32, i32, i32, i32)) {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(source, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let index = taipan_ast::LineIndex::new(source);
    let err = codegen_only(&parsed.tree, &index, &taipan_compiler::Options::default())
        .expect_err("code generation fails");
    let position = err.cpython_position(source);
    (err.message, position)
}

mod part1;
mod part2;
mod part3;
mod part4;
