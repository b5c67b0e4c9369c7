//! The four modes and type comments, against CPython 3.13.0: each expectation below is what
//! `ast.dump(ast.parse(SOURCE, mode=MODE, type_comments=True), include_attributes=True)` (or
//! the `SyntaxError` it raised, with its four positions) printed on CPython 3.13.0, pasted as it
//! came.

use taipan_ast::{DumpOptions, LineIndex, dump};
use taipan_parser::{Mode, Options, parse};

const CASES: &[(&str, &str, &str)] = &[
    (
        "eval",
        "a + b * 2",
        "Expression(body=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), op=Add(), right=BinOp(left=Name(id='b', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=Mult(), right=Constant(value=2, lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9))",
    ),
    (
        "eval",
        "x if y else z\n\n",
        "Expression(body=IfExp(test=Name(id='y', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), body=Name(id='x', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), orelse=Name(id='z', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13))",
    ),
    (
        "eval",
        "1, 2",
        "Expression(body=Tuple(elts=[Constant(value=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Constant(value=2, lineno=1, col_offset=3, end_lineno=1, end_col_offset=4)], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4))",
    ),
    (
        "eval",
        "lambda: (yield)",
        "Expression(body=Lambda(args=arguments(), body=Yield(lineno=1, col_offset=9, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15))",
    ),
    (
        "eval",
        "f(*a, **k)",
        "Expression(body=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4)], keywords=[keyword(value=Name(id='k', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=6, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10))",
    ),
    ("eval", "x = 1", "SyntaxError: invalid syntax (1, 3, 1, 4)"),
    ("eval", "*a, b", "SyntaxError: invalid syntax (1, 1, 1, 2)"),
    ("eval", "", "SyntaxError: invalid syntax (0, 0, 0, 0)"),
    (
        "single",
        "x = 1; y = 2",
        "Interactive(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), Assign(targets=[Name(id='y', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], value=Constant(value=2, lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), lineno=1, col_offset=7, end_lineno=1, end_col_offset=12)])",
    ),
    (
        "single",
        "if x:\n  y\n",
        "Interactive(body=[If(test=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Expr(value=Name(id='y', ctx=Load(), lineno=2, col_offset=2, end_lineno=2, end_col_offset=3), lineno=2, col_offset=2, end_lineno=2, end_col_offset=3)], lineno=1, col_offset=0, end_lineno=2, end_col_offset=3)])",
    ),
    (
        "single",
        "x = 1\ny = 2\n",
        "SyntaxError: multiple statements found while compiling a single statement (1, 6, 1, 7)",
    ),
    ("single", "\n", "SyntaxError: invalid syntax (1, 0, 1, 0)"),
    (
        "func_type",
        "(int, *str, **bytes) -> List[int]",
        "FunctionType(argtypes=[Name(id='int', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=4), Name(id='str', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=10), Name(id='bytes', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=19)], returns=Subscript(value=Name(id='List', ctx=Load(), lineno=1, col_offset=24, end_lineno=1, end_col_offset=28), slice=Name(id='int', ctx=Load(), lineno=1, col_offset=29, end_lineno=1, end_col_offset=32), ctx=Load(), lineno=1, col_offset=24, end_lineno=1, end_col_offset=33))",
    ),
    (
        "func_type",
        "() -> None",
        "FunctionType(returns=Constant(value=None, lineno=1, col_offset=6, end_lineno=1, end_col_offset=10))",
    ),
    (
        "func_type",
        "(a) -> b\n",
        "FunctionType(argtypes=[Name(id='a', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2)], returns=Name(id='b', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8))",
    ),
    (
        "func_type",
        "int -> str",
        "SyntaxError: invalid syntax (1, 1, 1, 4)",
    ),
    (
        "exec",
        "x = 1  # type: int\n",
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), type_comment='int', lineno=1, col_offset=0, end_lineno=1, end_col_offset=18)])",
    ),
    (
        "exec",
        "def f(a,  # type: int\n      b):\n    # type: (...) -> None\n    pass\n",
        "Module(body=[FunctionDef(name='f', args=arguments(args=[arg(arg='a', type_comment='int', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), arg(arg='b', lineno=2, col_offset=6, end_lineno=2, end_col_offset=7)]), body=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], type_comment='(...) -> None', lineno=1, col_offset=0, end_lineno=4, end_col_offset=8)])",
    ),
    (
        "exec",
        "for x in y:  # type: int\n    pass\n",
        "Module(body=[For(target=Name(id='x', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], type_comment='int', lineno=1, col_offset=0, end_lineno=2, end_col_offset=8)])",
    ),
    (
        "exec",
        "x = 1  # type: ignore[foo]\n",
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[TypeIgnore(lineno=1, tag='[foo]')])",
    ),
];

fn outcome(mode: &str, source: &str) -> String {
    let arena = bumpalo::Bump::new();
    let options = Options {
        mode: Mode::from_name(mode).expect("a mode"),
        type_comments: true,
        ..Options::default()
    };
    match parse(source, &options, &arena) {
        Ok(parsed) => {
            let index = LineIndex::new(source);
            dump(
                &parsed.tree,
                &DumpOptions {
                    indent: None,
                    positions: Some(&index),
                },
            )
        }
        Err(e) => {
            let show = |v: Option<i32>| v.map_or("None".to_string(), |v| v.to_string());
            format!(
                "{}: {} ({}, {}, {}, {})",
                e.exception.name(),
                e.message,
                show(e.lineno),
                show(e.offset),
                show(e.end_lineno),
                show(e.end_offset)
            )
        }
    }
}

#[test]
fn every_mode_as_cpython() {
    let mut failures = Vec::new();
    for &(mode, source, expected) in CASES {
        let got = outcome(mode, source);
        if got != expected {
            failures.push(format!(
                "{mode} {source:?}\n  want {expected}\n  got  {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
