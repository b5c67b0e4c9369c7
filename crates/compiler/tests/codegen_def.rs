//! Code generation of definitions (functions, lambdas, classes, decorators, defaults,
//! annotations, closures, PEP 695 type parameters and aliases) and of `match` statements,
//! compared with CPython 3.13.0's own code generation: each expected text is what
//! `_testinternalcapi.compiler_codegen(ast.parse(SOURCE), "f.py", OPTIMIZE)` gives, every unit
//! (the module, then each unit followed by those nested in it) as `INDEX OPNAME OPARG
//! LINE:COL-END_LINE:END_COL` lines, written by a script from the oracle's output.

use taipan_ast::LineIndex;
use taipan_compiler::Options;
use taipan_compiler::codegen::codegen_only;

/// Every unit's code-generation text, in the oracle's order, after the AST optimizer.
fn codegen_text(source: &str, optimize: i32) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(source, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let mut tree = parsed.tree;
    let index = LineIndex::new(source);
    taipan_compiler::fold::optimize(&mut tree, &arena, optimize);
    let options = Options {
        filename: "f.py".to_owned(),
        optimize,
        ..Options::default()
    };
    let output = codegen_only(&tree, &index, &options).expect("code generation succeeds");
    output
        .preorder()
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            format!(
                "--- unit {i}
{}",
                unit.seq.text()
            )
        })
        .collect()
}

/// The compile error of a snippet, as `MESSAGE @ LINE:OFFSET-END_LINE:END_OFFSET` with
/// CPython's 1-based character offsets.
fn compile_error(source: &str) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(source, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let mut tree = parsed.tree;
    let index = LineIndex::new(source);
    taipan_compiler::fold::optimize(&mut tree, &arena, 0);
    let options = Options {
        filename: "f.py".to_owned(),
        ..Options::default()
    };
    let error = codegen_only(&tree, &index, &options).expect_err("the snippet does not compile");
    let (line, offset, end_line, end_offset) = error.cpython_position(source);
    format!(
        "{} @ {line}:{offset}-{end_line}:{end_offset}",
        error.message
    )
}

#[test]
fn function_defaults_kwdefaults_docstring() {
    assert_eq!(
        codegen_text("def f(a, b=1, *, c=2):\n    \"doc\"\n    return a\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:11-1:12\n2 BUILD_TUPLE 1 1:0-3:12\n3 LOAD_CONST 1 1:19-1:20\n4 LOAD_CONST 2 1:0-3:12\n5 BUILD_CONST_KEY_MAP 1 1:0-3:12\n6 LOAD_CONST 3 1:0-3:12\n7 MAKE_FUNCTION - 1:0-3:12\n8 SET_FUNCTION_ATTRIBUTE 2 1:0-3:12\n9 SET_FUNCTION_ATTRIBUTE 1 1:0-3:12\n10 STORE_NAME 0 1:0-3:12\n11 LOAD_CONST 4 -1:-1--1:-1\n12 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_FAST 0 3:11-3:12\n2 RETURN_VALUE - 3:4-3:12\n3 LOAD_CONST 1 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn function_docstring_cleaned() {
    assert_eq!(
        codegen_text(
            "def f():\n    \"\"\"First.\n\n        Indented.\n    \"\"\"\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-5:7\n2 MAKE_FUNCTION - 1:0-5:7\n3 STORE_NAME 0 1:0-5:7\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 1 -1:-1--1:-1\n2 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn function_docstring_dropped_by_oo() {
    assert_eq!(
        codegen_text("def f():\n    \"doc\"\n    return 1\n", 2),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-3:12\n2 MAKE_FUNCTION - 1:0-3:12\n3 STORE_NAME 0 1:0-3:12\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 NOP - 3:11-3:12\n2 LOAD_CONST 1 3:11-3:12\n3 RETURN_VALUE - 3:11-3:12\n4 LOAD_CONST 0 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn function_no_docstring() {
    assert_eq!(
        codegen_text("def f():\n    x = 1\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-2:9\n2 MAKE_FUNCTION - 1:0-2:9\n3 STORE_NAME 0 1:0-2:9\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 1 2:8-2:9\n2 STORE_FAST 0 2:4-2:5\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn decorators() {
    assert_eq!(
        codegen_text("@d1\n@d2(1)\ndef f(): pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:1-1:3\n2 LOAD_NAME 1 2:1-2:3\n3 PUSH_NULL - 2:1-2:3\n4 LOAD_CONST 0 2:4-2:5\n5 CALL 1 2:1-2:6\n6 LOAD_CONST 1 3:0-3:13\n7 MAKE_FUNCTION - 3:0-3:13\n8 CALL 0 2:1-2:6\n9 CALL 0 1:1-1:3\n10 STORE_NAME 2 3:0-3:13\n11 LOAD_CONST 2 -1:-1--1:-1\n12 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 NOP - 3:9-3:13\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn annotations() {
    assert_eq!(
        codegen_text(
            "def f(a: int, /, b: str = \"\", *args: tuple, c: float, **kw: dict) -> None: pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:26-1:28\n2 BUILD_TUPLE 1 1:0-1:79\n3 LOAD_CONST 1 1:0-1:79\n4 LOAD_NAME 0 1:20-1:23\n5 LOAD_CONST 2 1:0-1:79\n6 LOAD_NAME 1 1:9-1:12\n7 LOAD_CONST 3 1:0-1:79\n8 LOAD_NAME 2 1:37-1:42\n9 LOAD_CONST 4 1:0-1:79\n10 LOAD_NAME 3 1:47-1:52\n11 LOAD_CONST 5 1:0-1:79\n12 LOAD_NAME 4 1:60-1:64\n13 LOAD_CONST 6 1:0-1:79\n14 LOAD_CONST 7 1:69-1:73\n15 BUILD_TUPLE 12 1:0-1:79\n16 LOAD_CONST 8 1:0-1:79\n17 MAKE_FUNCTION - 1:0-1:79\n18 SET_FUNCTION_ATTRIBUTE 4 1:0-1:79\n19 SET_FUNCTION_ATTRIBUTE 1 1:0-1:79\n20 STORE_NAME 5 1:0-1:79\n21 LOAD_CONST 7 -1:-1--1:-1\n22 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 NOP - 1:75-1:79\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn annotation_starred_vararg() {
    assert_eq!(
        codegen_text("def f(*args: *Ts): pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-1:23\n2 LOAD_NAME 0 1:14-1:16\n3 UNPACK_SEQUENCE 1 1:0-1:23\n4 BUILD_TUPLE 2 1:0-1:23\n5 LOAD_CONST 1 1:0-1:23\n6 MAKE_FUNCTION - 1:0-1:23\n7 SET_FUNCTION_ATTRIBUTE 4 1:0-1:23\n8 STORE_NAME 1 1:0-1:23\n9 LOAD_CONST 2 -1:-1--1:-1\n10 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 NOP - 1:19-1:23\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn annotations_future() {
    assert_eq!(
        codegen_text(
            "from __future__ import annotations\ndef f(a: list[int], b: \"x\" = 1) -> dict[str, int | None]: pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-1:34\n2 LOAD_CONST 1 1:0-1:34\n3 IMPORT_NAME 0 1:0-1:34\n4 IMPORT_FROM 1 1:0-1:34\n5 STORE_NAME 1 1:0-1:34\n6 POP_TOP - 1:0-1:34\n7 LOAD_CONST 2 2:29-2:30\n8 BUILD_TUPLE 1 2:0-2:62\n9 LOAD_CONST 3 2:0-2:62\n10 LOAD_CONST 4 2:9-2:18\n11 LOAD_CONST 5 2:0-2:62\n12 LOAD_CONST 6 2:23-2:26\n13 LOAD_CONST 7 2:0-2:62\n14 LOAD_CONST 8 2:35-2:56\n15 BUILD_TUPLE 6 2:0-2:62\n16 LOAD_CONST 9 2:0-2:62\n17 MAKE_FUNCTION - 2:0-2:62\n18 SET_FUNCTION_ATTRIBUTE 4 2:0-2:62\n19 SET_FUNCTION_ATTRIBUTE 1 2:0-2:62\n20 STORE_NAME 2 2:0-2:62\n21 LOAD_CONST 10 -1:-1--1:-1\n22 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 2:0-2:0\n1 NOP - 2:58-2:62\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn mangled_names_in_class() {
    assert_eq!(
        codegen_text(
            "class C:\n    def f(self, __a=1, *, __b=2) -> None: pass\n    def g(__x: int): pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-3:25\n2 PUSH_NULL - 1:0-3:25\n3 LOAD_CONST 0 1:0-3:25\n4 MAKE_FUNCTION - 1:0-3:25\n5 LOAD_CONST 1 1:0-3:25\n6 CALL 2 1:0-3:25\n7 STORE_NAME 0 1:0-3:25\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_CONST 1 2:20-2:21\n8 BUILD_TUPLE 1 2:4-2:46\n9 LOAD_CONST 2 2:30-2:31\n10 LOAD_CONST 3 2:4-2:46\n11 BUILD_CONST_KEY_MAP 1 2:4-2:46\n12 LOAD_CONST 4 2:4-2:46\n13 LOAD_CONST 5 2:36-2:40\n14 BUILD_TUPLE 2 2:4-2:46\n15 LOAD_CONST 6 2:4-2:46\n16 MAKE_FUNCTION - 2:4-2:46\n17 SET_FUNCTION_ATTRIBUTE 4 2:4-2:46\n18 SET_FUNCTION_ATTRIBUTE 2 2:4-2:46\n19 SET_FUNCTION_ATTRIBUTE 1 2:4-2:46\n20 STORE_NAME 4 2:4-2:46\n21 LOAD_CONST 7 3:4-3:25\n22 LOAD_NAME 5 3:15-3:18\n23 BUILD_TUPLE 2 3:4-3:25\n24 LOAD_CONST 8 3:4-3:25\n25 MAKE_FUNCTION - 3:4-3:25\n26 SET_FUNCTION_ATTRIBUTE 4 3:4-3:25\n27 STORE_NAME 6 3:4-3:25\n28 LOAD_CONST 9 -1:-1--1:-1\n29 STORE_NAME 7 -1:-1--1:-1\n30 LOAD_CONST 5 -1:-1--1:-1\n31 RETURN_VALUE - -1:-1--1:-1\n32 LOAD_CONST 5 -1:-1--1:-1\n33 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 NOP - 2:42-2:46\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 3:0-3:0\n1 NOP - 3:21-3:25\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn closure() {
    assert_eq!(
        codegen_text(
            "def outer():\n    x = 1\n    def inner():\n        return x\n    return inner\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-5:16\n2 MAKE_FUNCTION - 1:0-5:16\n3 STORE_NAME 0 1:0-5:16\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 1 2:8-2:9\n2 STORE_DEREF 0 2:4-2:5\n3 LOAD_CLOSURE 0 3:4-4:16\n4 BUILD_TUPLE 1 3:4-4:16\n5 LOAD_CONST 2 3:4-4:16\n6 MAKE_FUNCTION - 3:4-4:16\n7 SET_FUNCTION_ATTRIBUTE 8 3:4-4:16\n8 STORE_FAST 0 3:4-4:16\n9 LOAD_FAST 0 5:11-5:16\n10 RETURN_VALUE - 5:4-5:16\n11 LOAD_CONST 0 -1:-1--1:-1\n12 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 3:0-3:0\n1 LOAD_DEREF 0 4:15-4:16\n2 RETURN_VALUE - 4:8-4:16\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn async_function_and_generator() {
    assert_eq!(
        codegen_text(
            "async def af(x):\n    await x\ndef gen():\n    yield 1\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-2:11\n2 MAKE_FUNCTION - 1:0-2:11\n3 STORE_NAME 0 1:0-2:11\n4 LOAD_CONST 1 3:0-4:11\n5 MAKE_FUNCTION - 3:0-4:11\n6 STORE_NAME 1 3:0-4:11\n7 LOAD_CONST 2 -1:-1--1:-1\n8 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 SETUP_CLEANUP 16 -1:-1--1:-1\n1 RESUME 0 1:0-1:0\n2 LOAD_FAST 0 2:10-2:11\n3 GET_AWAITABLE 0 2:4-2:11\n4 LOAD_CONST 0 2:4-2:11\n5 SEND 12 2:4-2:11\n6 SETUP_FINALLY 11 2:4-2:11\n7 YIELD_VALUE 1 2:4-2:11\n8 POP_BLOCK - -1:-1--1:-1\n9 RESUME 3 2:4-2:11\n10 JUMP_NO_INTERRUPT 5 2:4-2:11\n11 CLEANUP_THROW - 2:4-2:11\n12 END_SEND - 2:4-2:11\n13 POP_TOP - -1:-1--1:-1\n14 LOAD_CONST 0 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n16 CALL_INTRINSIC_1 3 -1:-1--1:-1\n17 RERAISE 1 -1:-1--1:-1\n18 LOAD_CONST 0 -1:-1--1:-1\n19 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 SETUP_CLEANUP 8 -1:-1--1:-1\n1 RESUME 0 3:0-3:0\n2 LOAD_CONST 1 4:10-4:11\n3 YIELD_VALUE 0 4:4-4:11\n4 RESUME 1 4:4-4:11\n5 POP_TOP - -1:-1--1:-1\n6 LOAD_CONST 0 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n8 CALL_INTRINSIC_1 3 -1:-1--1:-1\n9 RERAISE 1 -1:-1--1:-1\n10 LOAD_CONST 0 -1:-1--1:-1\n11 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn lambda() {
    assert_eq!(
        codegen_text(
            "f = lambda x, *a, k=3, **kw: x\ng = lambda: (yield)\nh = lambda a=1: a\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:20-1:21\n2 LOAD_CONST 1 1:4-1:30\n3 BUILD_CONST_KEY_MAP 1 1:4-1:30\n4 LOAD_CONST 2 1:4-1:30\n5 MAKE_FUNCTION - 1:4-1:30\n6 SET_FUNCTION_ATTRIBUTE 2 1:4-1:30\n7 STORE_NAME 0 1:0-1:1\n8 LOAD_CONST 3 2:4-2:19\n9 MAKE_FUNCTION - 2:4-2:19\n10 STORE_NAME 1 2:0-2:1\n11 LOAD_CONST 4 3:13-3:14\n12 BUILD_TUPLE 1 3:4-3:17\n13 LOAD_CONST 5 3:4-3:17\n14 MAKE_FUNCTION - 3:4-3:17\n15 SET_FUNCTION_ATTRIBUTE 1 3:4-3:17\n16 STORE_NAME 2 3:0-3:1\n17 LOAD_CONST 6 -1:-1--1:-1\n18 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_FAST 0 1:29-1:30\n2 RETURN_VALUE - 1:29-1:30\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 0 2:13-2:18\n2 YIELD_VALUE 0 2:13-2:18\n3 RESUME 1 2:13-2:18\n4 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 3:0-3:0\n1 LOAD_FAST 0 3:16-3:17\n2 RETURN_VALUE - 3:16-3:17\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn lambda_closure() {
    assert_eq!(
        codegen_text("def f(y):\n    return lambda x: x + y\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-2:26\n2 MAKE_FUNCTION - 1:0-2:26\n3 STORE_NAME 0 1:0-2:26\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CLOSURE 0 2:11-2:26\n2 BUILD_TUPLE 1 2:11-2:26\n3 LOAD_CONST 1 2:11-2:26\n4 MAKE_FUNCTION - 2:11-2:26\n5 SET_FUNCTION_ATTRIBUTE 8 2:11-2:26\n6 RETURN_VALUE - 2:4-2:26\n7 LOAD_CONST 0 -1:-1--1:-1\n8 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_FAST 0 2:21-2:22\n2 LOAD_DEREF 0 2:25-2:26\n3 BINARY_OP 0 2:21-2:26\n4 RETURN_VALUE - 2:21-2:26\n5 LOAD_CONST 0 -1:-1--1:-1\n6 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_simple() {
    assert_eq!(
        codegen_text("class C:\n    pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-2:8\n2 PUSH_NULL - 1:0-2:8\n3 LOAD_CONST 0 1:0-2:8\n4 MAKE_FUNCTION - 1:0-2:8\n5 LOAD_CONST 1 1:0-2:8\n6 CALL 2 1:0-2:8\n7 STORE_NAME 0 1:0-2:8\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 NOP - 2:4-2:8\n8 LOAD_CONST 2 -1:-1--1:-1\n9 STORE_NAME 4 -1:-1--1:-1\n10 LOAD_CONST 3 -1:-1--1:-1\n11 RETURN_VALUE - -1:-1--1:-1\n12 LOAD_CONST 3 -1:-1--1:-1\n13 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_bases_keywords_decorators() {
    assert_eq!(
        codegen_text(
            "@dec\nclass C(B, metaclass=M, **kw):\n    \"doc\"\n    x = 1\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:1-1:4\n2 LOAD_BUILD_CLASS - 2:0-4:9\n3 PUSH_NULL - 2:0-4:9\n4 LOAD_CONST 0 2:0-4:9\n5 MAKE_FUNCTION - 2:0-4:9\n6 LOAD_CONST 1 2:0-4:9\n7 LOAD_NAME 1 2:8-2:9\n8 BUILD_TUPLE 3 2:0-4:9\n9 LOAD_CONST 2 2:0-4:9\n10 LOAD_NAME 2 2:21-2:22\n11 BUILD_MAP 1 2:0-4:9\n12 LOAD_NAME 3 2:26-2:28\n13 DICT_MERGE 1 2:0-4:9\n14 CALL_FUNCTION_EX 1 2:0-4:9\n15 CALL 0 1:1-1:4\n16 STORE_NAME 4 2:0-4:9\n17 LOAD_CONST 3 -1:-1--1:-1\n18 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_CONST 2 3:4-3:9\n8 STORE_NAME 4 -1:-1--1:-1\n9 LOAD_CONST 1 4:8-4:9\n10 STORE_NAME 5 4:4-4:5\n11 LOAD_CONST 3 -1:-1--1:-1\n12 STORE_NAME 6 -1:-1--1:-1\n13 LOAD_CONST 4 -1:-1--1:-1\n14 RETURN_VALUE - -1:-1--1:-1\n15 LOAD_CONST 4 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_annotations() {
    assert_eq!(
        codegen_text("class C:\n    x: int\n    y: str = \"a\"\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-3:16\n2 PUSH_NULL - 1:0-3:16\n3 LOAD_CONST 0 1:0-3:16\n4 MAKE_FUNCTION - 1:0-3:16\n5 LOAD_CONST 1 1:0-3:16\n6 CALL 2 1:0-3:16\n7 STORE_NAME 0 1:0-3:16\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 SETUP_ANNOTATIONS - 1:0-1:0\n8 LOAD_NAME 4 2:7-2:10\n9 LOAD_NAME 5 2:4-2:10\n10 LOAD_CONST 2 2:4-2:10\n11 STORE_SUBSCR - 2:4-2:10\n12 LOAD_CONST 3 3:13-3:16\n13 STORE_NAME 6 3:4-3:5\n14 LOAD_NAME 7 3:7-3:10\n15 LOAD_NAME 5 3:4-3:16\n16 LOAD_CONST 4 3:4-3:16\n17 STORE_SUBSCR - 3:4-3:16\n18 LOAD_CONST 5 -1:-1--1:-1\n19 STORE_NAME 8 -1:-1--1:-1\n20 LOAD_CONST 6 -1:-1--1:-1\n21 RETURN_VALUE - -1:-1--1:-1\n22 LOAD_CONST 6 -1:-1--1:-1\n23 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_cell_and_static_attributes() {
    assert_eq!(
        codegen_text(
            "class C:\n    def m(self):\n        self.b = 1\n        self.a = 2\n        self.a = 3\n        return __class__\n    def n(self):\n        def g():\n            self.z = 1\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-9:22\n2 PUSH_NULL - 1:0-9:22\n3 LOAD_CONST 0 1:0-9:22\n4 MAKE_FUNCTION - 1:0-9:22\n5 LOAD_CONST 1 1:0-9:22\n6 CALL 2 1:0-9:22\n7 STORE_NAME 0 1:0-9:22\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_CLOSURE 0 2:4-6:24\n8 BUILD_TUPLE 1 2:4-6:24\n9 LOAD_CONST 2 2:4-6:24\n10 MAKE_FUNCTION - 2:4-6:24\n11 SET_FUNCTION_ATTRIBUTE 8 2:4-6:24\n12 STORE_NAME 4 2:4-6:24\n13 LOAD_CONST 3 7:4-9:22\n14 MAKE_FUNCTION - 7:4-9:22\n15 STORE_NAME 5 7:4-9:22\n16 LOAD_CONST 4 -1:-1--1:-1\n17 STORE_NAME 6 -1:-1--1:-1\n18 LOAD_CLOSURE 0 -1:-1--1:-1\n19 COPY 1 -1:-1--1:-1\n20 STORE_NAME 7 -1:-1--1:-1\n21 RETURN_VALUE - -1:-1--1:-1\n22 LOAD_CONST 5 -1:-1--1:-1\n23 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 1 3:17-3:18\n2 LOAD_FAST 0 3:8-3:12\n3 STORE_ATTR 0 3:8-3:14\n4 LOAD_CONST 2 4:17-4:18\n5 LOAD_FAST 0 4:8-4:12\n6 STORE_ATTR 1 4:8-4:14\n7 LOAD_CONST 3 5:17-5:18\n8 LOAD_FAST 0 5:8-5:12\n9 STORE_ATTR 1 5:8-5:14\n10 LOAD_DEREF 0 6:15-6:24\n11 RETURN_VALUE - 6:8-6:24\n12 LOAD_CONST 0 -1:-1--1:-1\n13 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 7:0-7:0\n1 LOAD_CLOSURE 0 8:8-9:22\n2 BUILD_TUPLE 1 8:8-9:22\n3 LOAD_CONST 1 8:8-9:22\n4 MAKE_FUNCTION - 8:8-9:22\n5 SET_FUNCTION_ATTRIBUTE 8 8:8-9:22\n6 STORE_FAST 1 8:8-9:22\n7 LOAD_CONST 0 -1:-1--1:-1\n8 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 8:0-8:0\n1 LOAD_CONST 1 9:21-9:22\n2 LOAD_DEREF 0 9:12-9:16\n3 STORE_ATTR 0 9:12-9:18\n4 LOAD_CONST 0 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_classdict() {
    assert_eq!(
        codegen_text("class C:\n    def f[T](self): pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-2:24\n2 PUSH_NULL - 1:0-2:24\n3 LOAD_CONST 0 1:0-2:24\n4 MAKE_FUNCTION - 1:0-2:24\n5 LOAD_CONST 1 1:0-2:24\n6 CALL 2 1:0-2:24\n7 STORE_NAME 0 1:0-2:24\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_LOCALS - 1:0-1:0\n8 STORE_DEREF 0 1:0-1:0\n9 LOAD_CLOSURE 0 2:4-2:24\n10 BUILD_TUPLE 1 2:4-2:24\n11 LOAD_CONST 2 2:4-2:24\n12 MAKE_FUNCTION - 2:4-2:24\n13 SET_FUNCTION_ATTRIBUTE 8 2:4-2:24\n14 PUSH_NULL - 2:4-2:24\n15 CALL 0 2:4-2:24\n16 STORE_NAME 4 2:4-2:24\n17 LOAD_CONST 3 -1:-1--1:-1\n18 STORE_NAME 5 -1:-1--1:-1\n19 LOAD_CLOSURE 0 -1:-1--1:-1\n20 STORE_NAME 6 -1:-1--1:-1\n21 LOAD_CONST 4 -1:-1--1:-1\n22 RETURN_VALUE - -1:-1--1:-1\n23 LOAD_CONST 4 -1:-1--1:-1\n24 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 0 2:10-2:11\n2 CALL_INTRINSIC_1 7 2:10-2:11\n3 COPY 1 2:10-2:11\n4 STORE_FAST 1 2:10-2:11\n5 BUILD_TUPLE 1 2:10-2:11\n6 LOAD_CONST 1 2:4-2:24\n7 MAKE_FUNCTION - 2:4-2:24\n8 SWAP 2 2:4-2:24\n9 CALL_INTRINSIC_2 4 2:4-2:24\n10 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 2:0-2:0\n1 NOP - 2:20-2:24\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_nested() {
    assert_eq!(
        codegen_text(
            "class A:\n    class B:\n        def f(self): self.x = 1\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-3:31\n2 PUSH_NULL - 1:0-3:31\n3 LOAD_CONST 0 1:0-3:31\n4 MAKE_FUNCTION - 1:0-3:31\n5 LOAD_CONST 1 1:0-3:31\n6 CALL 2 1:0-3:31\n7 STORE_NAME 0 1:0-3:31\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_BUILD_CLASS - 2:4-3:31\n8 PUSH_NULL - 2:4-3:31\n9 LOAD_CONST 2 2:4-3:31\n10 MAKE_FUNCTION - 2:4-3:31\n11 LOAD_CONST 3 2:4-3:31\n12 CALL 2 2:4-3:31\n13 STORE_NAME 4 2:4-3:31\n14 LOAD_CONST 4 -1:-1--1:-1\n15 STORE_NAME 5 -1:-1--1:-1\n16 LOAD_CONST 5 -1:-1--1:-1\n17 RETURN_VALUE - -1:-1--1:-1\n18 LOAD_CONST 5 -1:-1--1:-1\n19 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_NAME 0 2:0-2:0\n2 STORE_NAME 1 2:0-2:0\n3 LOAD_CONST 0 2:0-2:0\n4 STORE_NAME 2 2:0-2:0\n5 LOAD_CONST 1 2:0-2:0\n6 STORE_NAME 3 2:0-2:0\n7 LOAD_CONST 2 3:8-3:31\n8 MAKE_FUNCTION - 3:8-3:31\n9 STORE_NAME 4 3:8-3:31\n10 LOAD_CONST 3 -1:-1--1:-1\n11 STORE_NAME 5 -1:-1--1:-1\n12 LOAD_CONST 4 -1:-1--1:-1\n13 RETURN_VALUE - -1:-1--1:-1\n14 LOAD_CONST 4 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 3:0-3:0\n1 LOAD_CONST 1 3:30-3:31\n2 LOAD_FAST 0 3:21-3:25\n3 STORE_ATTR 0 3:21-3:27\n4 LOAD_CONST 0 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_function() {
    assert_eq!(
        codegen_text("def f[T, *Ts, **P](a, b=1, *, c=2): pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:24-1:25\n2 BUILD_TUPLE 1 1:0-1:40\n3 LOAD_CONST 1 1:32-1:33\n4 LOAD_CONST 2 1:0-1:40\n5 BUILD_CONST_KEY_MAP 1 1:0-1:40\n6 SWAP 2 1:0-1:40\n7 LOAD_CONST 3 1:0-1:40\n8 MAKE_FUNCTION - 1:0-1:40\n9 SWAP 3 1:0-1:40\n10 CALL 1 1:0-1:40\n11 STORE_NAME 0 1:0-1:40\n12 LOAD_CONST 4 -1:-1--1:-1\n13 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:6-1:7\n2 CALL_INTRINSIC_1 7 1:6-1:7\n3 COPY 1 1:6-1:7\n4 STORE_FAST 2 1:6-1:7\n5 LOAD_CONST 1 1:9-1:12\n6 CALL_INTRINSIC_1 9 1:9-1:12\n7 COPY 1 1:9-1:12\n8 STORE_FAST 3 1:9-1:12\n9 LOAD_CONST 2 1:14-1:17\n10 CALL_INTRINSIC_1 8 1:14-1:17\n11 COPY 1 1:14-1:17\n12 STORE_FAST 4 1:14-1:17\n13 BUILD_TUPLE 3 1:6-1:7\n14 LOAD_FAST 0 1:0-1:40\n15 LOAD_FAST 1 1:0-1:40\n16 LOAD_CONST 3 1:0-1:40\n17 MAKE_FUNCTION - 1:0-1:40\n18 SET_FUNCTION_ATTRIBUTE 2 1:0-1:40\n19 SET_FUNCTION_ATTRIBUTE 1 1:0-1:40\n20 SWAP 2 1:0-1:40\n21 CALL_INTRINSIC_2 4 1:0-1:40\n22 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 NOP - 1:36-1:40\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_function_kwdefaults_only() {
    assert_eq!(
        codegen_text("def f[T](*, a=1): pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:14-1:15\n2 LOAD_CONST 1 1:0-1:22\n3 BUILD_CONST_KEY_MAP 1 1:0-1:22\n4 LOAD_CONST 2 1:0-1:22\n5 MAKE_FUNCTION - 1:0-1:22\n6 SWAP 2 1:0-1:22\n7 CALL 0 1:0-1:22\n8 STORE_NAME 0 1:0-1:22\n9 LOAD_CONST 3 -1:-1--1:-1\n10 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:6-1:7\n2 CALL_INTRINSIC_1 7 1:6-1:7\n3 COPY 1 1:6-1:7\n4 STORE_FAST 2 1:6-1:7\n5 BUILD_TUPLE 1 1:6-1:7\n6 LOAD_FAST 0 1:0-1:22\n7 LOAD_CONST 1 1:0-1:22\n8 MAKE_FUNCTION - 1:0-1:22\n9 SET_FUNCTION_ATTRIBUTE 2 1:0-1:22\n10 SWAP 2 1:0-1:22\n11 CALL_INTRINSIC_2 4 1:0-1:22\n12 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 NOP - 1:18-1:22\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_function_no_defaults() {
    assert_eq!(
        codegen_text("def f[T: int, U: (int, str) = str](x: T) -> U: pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-1:51\n2 MAKE_FUNCTION - 1:0-1:51\n3 PUSH_NULL - 1:0-1:51\n4 CALL 0 1:0-1:51\n5 STORE_NAME 0 1:0-1:51\n6 LOAD_CONST 1 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:6-1:12\n2 LOAD_CONST 1 1:9-1:12\n3 MAKE_FUNCTION - 1:9-1:12\n4 CALL_INTRINSIC_2 2 1:6-1:12\n5 COPY 1 1:6-1:12\n6 STORE_FAST 1 1:6-1:12\n7 LOAD_CONST 2 1:14-1:33\n8 LOAD_CONST 3 1:17-1:27\n9 MAKE_FUNCTION - 1:17-1:27\n10 CALL_INTRINSIC_2 3 1:14-1:33\n11 LOAD_CONST 4 1:30-1:33\n12 MAKE_FUNCTION - 1:30-1:33\n13 CALL_INTRINSIC_2 5 1:14-1:33\n14 COPY 1 1:14-1:33\n15 STORE_FAST 2 1:14-1:33\n16 BUILD_TUPLE 2 1:6-1:12\n17 LOAD_CONST 5 1:0-1:51\n18 LOAD_FAST 1 1:38-1:39\n19 LOAD_CONST 6 1:0-1:51\n20 LOAD_FAST 2 1:44-1:45\n21 BUILD_TUPLE 4 1:0-1:51\n22 LOAD_CONST 7 1:0-1:51\n23 MAKE_FUNCTION - 1:0-1:51\n24 SET_FUNCTION_ATTRIBUTE 4 1:0-1:51\n25 SWAP 2 1:0-1:51\n26 CALL_INTRINSIC_2 4 1:0-1:51\n27 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:9-1:12\n2 RETURN_VALUE - 1:9-1:12\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:18-1:21\n2 LOAD_GLOBAL 2 1:23-1:26\n3 BUILD_TUPLE 2 1:17-1:27\n4 RETURN_VALUE - 1:17-1:27\n5 LOAD_CONST 0 -1:-1--1:-1\n6 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:30-1:33\n2 RETURN_VALUE - 1:30-1:33\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n--- unit 5\n0 RESUME 0 1:0-1:0\n1 NOP - 1:47-1:51\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_class() {
    assert_eq!(
        codegen_text(
            "class C[T, *Ts = *tuple[int], **P = [int]](Base, k=1):\n    x: T\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-2:8\n2 MAKE_FUNCTION - 1:0-2:8\n3 PUSH_NULL - 1:0-2:8\n4 CALL 0 1:0-2:8\n5 STORE_NAME 0 1:0-2:8\n6 LOAD_CONST 1 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:8-1:9\n2 CALL_INTRINSIC_1 7 1:8-1:9\n3 COPY 1 1:8-1:9\n4 STORE_DEREF 1 1:8-1:9\n5 LOAD_CONST 1 1:11-1:28\n6 CALL_INTRINSIC_1 9 1:11-1:28\n7 LOAD_CONST 2 1:17-1:28\n8 MAKE_FUNCTION - 1:17-1:28\n9 CALL_INTRINSIC_2 5 1:11-1:28\n10 COPY 1 1:11-1:28\n11 STORE_FAST 0 1:11-1:28\n12 LOAD_CONST 3 1:30-1:41\n13 CALL_INTRINSIC_1 8 1:30-1:41\n14 LOAD_CONST 4 1:36-1:41\n15 MAKE_FUNCTION - 1:36-1:41\n16 CALL_INTRINSIC_2 5 1:30-1:41\n17 COPY 1 1:30-1:41\n18 STORE_FAST 1 1:30-1:41\n19 BUILD_TUPLE 3 1:8-1:9\n20 STORE_DEREF 0 1:0-2:8\n21 LOAD_BUILD_CLASS - 1:0-2:8\n22 PUSH_NULL - 1:0-2:8\n23 LOAD_CLOSURE 0 1:0-2:8\n24 LOAD_CLOSURE 1 1:0-2:8\n25 BUILD_TUPLE 2 1:0-2:8\n26 LOAD_CONST 5 1:0-2:8\n27 MAKE_FUNCTION - 1:0-2:8\n28 SET_FUNCTION_ATTRIBUTE 8 1:0-2:8\n29 LOAD_CONST 6 1:0-2:8\n30 LOAD_DEREF 0 1:0-2:8\n31 CALL_INTRINSIC_1 10 1:0-2:8\n32 STORE_FAST 2 1:0-2:8\n33 LOAD_GLOBAL 0 1:43-1:47\n34 LOAD_FAST 2 1:0-2:8\n35 LOAD_CONST 7 1:51-1:52\n36 LOAD_CONST 8 1:0-2:8\n37 CALL_KW 5 1:0-2:8\n38 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:18-1:23\n2 LOAD_GLOBAL 2 1:24-1:27\n3 BINARY_SUBSCR - 1:18-1:28\n4 UNPACK_SEQUENCE 1 1:17-1:28\n5 RETURN_VALUE - 1:17-1:28\n6 LOAD_CONST 0 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:37-1:40\n2 BUILD_LIST 1 1:36-1:41\n3 RETURN_VALUE - 1:36-1:41\n4 LOAD_CONST 0 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_LOCALS - 1:0-1:0\n8 LOAD_FROM_DICT_OR_DEREF 0 1:0-1:0\n9 STORE_NAME 4 1:0-1:0\n10 SETUP_ANNOTATIONS - 1:0-1:0\n11 LOAD_LOCALS - 2:7-2:8\n12 LOAD_FROM_DICT_OR_DEREF 1 2:7-2:8\n13 LOAD_NAME 5 2:4-2:8\n14 LOAD_CONST 2 2:4-2:8\n15 STORE_SUBSCR - 2:4-2:8\n16 LOAD_CONST 3 -1:-1--1:-1\n17 STORE_NAME 6 -1:-1--1:-1\n18 LOAD_CONST 4 -1:-1--1:-1\n19 RETURN_VALUE - -1:-1--1:-1\n20 LOAD_CONST 4 -1:-1--1:-1\n21 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn type_alias() {
    assert_eq!(
        codegen_text("type A = int\ntype B[T] = list[T]\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-1:12\n2 LOAD_CONST 1 1:0-1:12\n3 LOAD_CONST 2 1:0-1:12\n4 MAKE_FUNCTION - 1:0-1:12\n5 BUILD_TUPLE 3 1:0-1:12\n6 CALL_INTRINSIC_1 11 1:0-1:12\n7 STORE_NAME 0 1:0-1:12\n8 LOAD_CONST 3 2:0-2:19\n9 MAKE_FUNCTION - 2:0-2:19\n10 PUSH_NULL - 2:0-2:19\n11 CALL 0 2:0-2:19\n12 STORE_NAME 1 2:0-2:19\n13 LOAD_CONST 1 -1:-1--1:-1\n14 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:9-1:12\n2 RETURN_VALUE - 1:0-1:12\n3 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 0 2:0-2:19\n2 LOAD_CONST 1 2:7-2:8\n3 CALL_INTRINSIC_1 7 2:7-2:8\n4 COPY 1 2:7-2:8\n5 STORE_DEREF 0 2:7-2:8\n6 BUILD_TUPLE 1 2:7-2:8\n7 LOAD_CLOSURE 0 2:0-2:19\n8 BUILD_TUPLE 1 2:0-2:19\n9 LOAD_CONST 2 2:0-2:19\n10 MAKE_FUNCTION - 2:0-2:19\n11 SET_FUNCTION_ATTRIBUTE 8 2:0-2:19\n12 BUILD_TUPLE 3 2:0-2:19\n13 CALL_INTRINSIC_1 11 2:0-2:19\n14 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 2:0-2:0\n1 LOAD_GLOBAL 0 2:12-2:16\n2 LOAD_DEREF 0 2:17-2:18\n3 BINARY_SUBSCR - 2:12-2:19\n4 RETURN_VALUE - 2:0-2:19\n5 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn type_alias_in_class() {
    assert_eq!(
        codegen_text("class C:\n    type A[T: int] = dict[T, C]\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-2:31\n2 PUSH_NULL - 1:0-2:31\n3 LOAD_CONST 0 1:0-2:31\n4 MAKE_FUNCTION - 1:0-2:31\n5 LOAD_CONST 1 1:0-2:31\n6 CALL 2 1:0-2:31\n7 STORE_NAME 0 1:0-2:31\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_LOCALS - 1:0-1:0\n8 STORE_DEREF 0 1:0-1:0\n9 LOAD_CLOSURE 0 2:4-2:31\n10 BUILD_TUPLE 1 2:4-2:31\n11 LOAD_CONST 2 2:4-2:31\n12 MAKE_FUNCTION - 2:4-2:31\n13 SET_FUNCTION_ATTRIBUTE 8 2:4-2:31\n14 PUSH_NULL - 2:4-2:31\n15 CALL 0 2:4-2:31\n16 STORE_NAME 4 2:4-2:31\n17 LOAD_CONST 3 -1:-1--1:-1\n18 STORE_NAME 5 -1:-1--1:-1\n19 LOAD_CLOSURE 0 -1:-1--1:-1\n20 STORE_NAME 6 -1:-1--1:-1\n21 LOAD_CONST 4 -1:-1--1:-1\n22 RETURN_VALUE - -1:-1--1:-1\n23 LOAD_CONST 4 -1:-1--1:-1\n24 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 0 2:4-2:31\n2 LOAD_CONST 1 2:11-2:17\n3 LOAD_CLOSURE 1 2:14-2:17\n4 BUILD_TUPLE 1 2:14-2:17\n5 LOAD_CONST 2 2:14-2:17\n6 MAKE_FUNCTION - 2:14-2:17\n7 SET_FUNCTION_ATTRIBUTE 8 2:14-2:17\n8 CALL_INTRINSIC_2 2 2:11-2:17\n9 COPY 1 2:11-2:17\n10 STORE_DEREF 0 2:11-2:17\n11 BUILD_TUPLE 1 2:11-2:17\n12 LOAD_CLOSURE 0 2:4-2:31\n13 LOAD_CLOSURE 1 2:4-2:31\n14 BUILD_TUPLE 2 2:4-2:31\n15 LOAD_CONST 3 2:4-2:31\n16 MAKE_FUNCTION - 2:4-2:31\n17 SET_FUNCTION_ATTRIBUTE 8 2:4-2:31\n18 BUILD_TUPLE 3 2:4-2:31\n19 CALL_INTRINSIC_1 11 2:4-2:31\n20 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 2:0-2:0\n1 LOAD_DEREF 0 2:14-2:17\n2 LOAD_FROM_DICT_OR_GLOBALS 0 2:14-2:17\n3 RETURN_VALUE - 2:14-2:17\n4 LOAD_CONST 0 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 2:0-2:0\n1 LOAD_DEREF 1 2:21-2:25\n2 LOAD_FROM_DICT_OR_GLOBALS 0 2:21-2:25\n3 LOAD_DEREF 1 2:26-2:27\n4 LOAD_FROM_DICT_OR_DEREF 0 2:26-2:27\n5 LOAD_DEREF 1 2:29-2:30\n6 LOAD_FROM_DICT_OR_GLOBALS 1 2:29-2:30\n7 BUILD_TUPLE 2 2:26-2:30\n8 BINARY_SUBSCR - 2:21-2:31\n9 RETURN_VALUE - 2:4-2:31\n10 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_values_and_singletons() {
    assert_eq!(
        codegen_text(
            "match x:\n    case 1 | 2:\n        pass\n    case None:\n        pass\n    case a.b:\n        pass\n    case -1:\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:14\n3 COPY 1 2:9-2:10\n4 LOAD_CONST 0 2:9-2:10\n5 COMPARE_OP 72 2:9-2:10\n6 TO_BOOL - 2:9-2:10\n7 POP_JUMP_IF_FALSE 9 2:9-2:10\n8 JUMP 17 2:9-2:10\n9 COPY 1 2:13-2:14\n10 LOAD_CONST 1 2:13-2:14\n11 COMPARE_OP 72 2:13-2:14\n12 TO_BOOL - 2:13-2:14\n13 POP_JUMP_IF_FALSE 15 2:13-2:14\n14 JUMP 17 2:13-2:14\n15 POP_TOP - 2:9-2:14\n16 JUMP 21 2:9-2:14\n17 POP_TOP - 2:9-2:14\n18 POP_TOP - 2:9-2:14\n19 NOP - 3:8-3:12\n20 JUMP 43 -1:-1--1:-1\n21 COPY 1 4:9-4:13\n22 LOAD_CONST 2 4:9-4:13\n23 IS_OP 0 4:9-4:13\n24 POP_JUMP_IF_FALSE 28 4:9-4:13\n25 POP_TOP - 4:9-4:13\n26 NOP - 5:8-5:12\n27 JUMP 43 -1:-1--1:-1\n28 COPY 1 6:9-6:12\n29 LOAD_NAME 1 6:9-6:10\n30 LOAD_ATTR 4 6:9-6:12\n31 COMPARE_OP 72 6:9-6:12\n32 TO_BOOL - 6:9-6:12\n33 POP_JUMP_IF_FALSE 37 6:9-6:12\n34 POP_TOP - 6:9-6:12\n35 NOP - 7:8-7:12\n36 JUMP 43 -1:-1--1:-1\n37 LOAD_CONST 3 8:9-8:11\n38 COMPARE_OP 72 8:9-8:11\n39 TO_BOOL - 8:9-8:11\n40 POP_JUMP_IF_FALSE 43 8:9-8:11\n41 NOP - 9:8-9:12\n42 JUMP 43 -1:-1--1:-1\n43 LOAD_CONST 2 -1:-1--1:-1\n44 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_sequences() {
    assert_eq!(
        codegen_text(
            "match x:\n    case []:\n        pass\n    case [a, *_, b]:\n        pass\n    case [c, *rest] if c:\n        pass\n    case (d, e, f):\n        pass\n    case [*_]:\n        pass\n    case [_, g, *_]:\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:11\n3 MATCH_SEQUENCE - 2:9-2:11\n4 POP_JUMP_IF_FALSE 13 2:9-2:11\n5 GET_LEN - 2:9-2:11\n6 LOAD_CONST 0 2:9-2:11\n7 COMPARE_OP 72 2:9-2:11\n8 POP_JUMP_IF_FALSE 13 2:9-2:11\n9 POP_TOP - 2:9-2:11\n10 POP_TOP - 2:9-2:11\n11 NOP - 3:8-3:12\n12 JUMP 102 -1:-1--1:-1\n13 POP_TOP - 2:9-2:11\n14 COPY 1 4:9-4:19\n15 MATCH_SEQUENCE - 4:9-4:19\n16 POP_JUMP_IF_FALSE 38 4:9-4:19\n17 GET_LEN - 4:9-4:19\n18 LOAD_CONST 1 4:9-4:19\n19 COMPARE_OP 172 4:9-4:19\n20 POP_JUMP_IF_FALSE 38 4:9-4:19\n21 COPY 1 4:9-4:19\n22 LOAD_CONST 0 4:9-4:19\n23 BINARY_SUBSCR - 4:9-4:19\n24 SWAP 2 4:10-4:11\n25 COPY 1 4:9-4:19\n26 GET_LEN - 4:9-4:19\n27 LOAD_CONST 2 4:9-4:19\n28 BINARY_OP 10 4:9-4:19\n29 BINARY_SUBSCR - 4:9-4:19\n30 SWAP 3 4:17-4:18\n31 SWAP 2 4:17-4:18\n32 POP_TOP - 4:9-4:19\n33 STORE_NAME 1 4:9-4:19\n34 STORE_NAME 2 4:9-4:19\n35 POP_TOP - 4:9-4:19\n36 NOP - 5:8-5:12\n37 JUMP 102 -1:-1--1:-1\n38 POP_TOP - 4:9-4:19\n39 COPY 1 6:9-6:19\n40 MATCH_SEQUENCE - 6:9-6:19\n41 POP_JUMP_IF_FALSE 57 6:9-6:19\n42 GET_LEN - 6:9-6:19\n43 LOAD_CONST 2 6:9-6:19\n44 COMPARE_OP 172 6:9-6:19\n45 POP_JUMP_IF_FALSE 57 6:9-6:19\n46 UNPACK_EX 1 6:9-6:19\n47 SWAP 2 6:10-6:11\n48 SWAP 2 6:13-6:18\n49 STORE_NAME 3 6:9-6:19\n50 STORE_NAME 4 6:9-6:19\n51 LOAD_NAME 3 6:23-6:24\n52 TO_BOOL - 6:23-6:24\n53 POP_JUMP_IF_FALSE 58 6:23-6:24\n54 POP_TOP - 6:9-6:19\n55 NOP - 7:8-7:12\n56 JUMP 102 -1:-1--1:-1\n57 POP_TOP - 6:9-6:19\n58 COPY 1 8:9-8:18\n59 MATCH_SEQUENCE - 8:9-8:18\n60 POP_JUMP_IF_FALSE 78 8:9-8:18\n61 GET_LEN - 8:9-8:18\n62 LOAD_CONST 3 8:9-8:18\n63 COMPARE_OP 72 8:9-8:18\n64 POP_JUMP_IF_FALSE 78 8:9-8:18\n65 UNPACK_SEQUENCE 3 8:9-8:18\n66 SWAP 3 8:10-8:11\n67 SWAP 2 8:10-8:11\n68 SWAP 3 8:13-8:14\n69 SWAP 2 8:13-8:14\n70 SWAP 3 8:16-8:17\n71 SWAP 2 8:16-8:17\n72 STORE_NAME 5 8:9-8:18\n73 STORE_NAME 6 8:9-8:18\n74 STORE_NAME 7 8:9-8:18\n75 POP_TOP - 8:9-8:18\n76 NOP - 9:8-9:12\n77 JUMP 102 -1:-1--1:-1\n78 POP_TOP - 8:9-8:18\n79 COPY 1 10:9-10:13\n80 MATCH_SEQUENCE - 10:9-10:13\n81 POP_JUMP_IF_FALSE 86 10:9-10:13\n82 POP_TOP - 10:9-10:13\n83 POP_TOP - 10:9-10:13\n84 NOP - 11:8-11:12\n85 JUMP 102 -1:-1--1:-1\n86 POP_TOP - 10:9-10:13\n87 MATCH_SEQUENCE - 12:9-12:19\n88 POP_JUMP_IF_FALSE 101 12:9-12:19\n89 GET_LEN - 12:9-12:19\n90 LOAD_CONST 1 12:9-12:19\n91 COMPARE_OP 172 12:9-12:19\n92 POP_JUMP_IF_FALSE 101 12:9-12:19\n93 COPY 1 12:9-12:19\n94 LOAD_CONST 2 12:9-12:19\n95 BINARY_SUBSCR - 12:9-12:19\n96 SWAP 2 12:13-12:14\n97 POP_TOP - 12:9-12:19\n98 STORE_NAME 8 12:9-12:19\n99 NOP - 13:8-13:12\n100 JUMP 102 -1:-1--1:-1\n101 POP_TOP - 12:9-12:19\n102 LOAD_CONST 4 -1:-1--1:-1\n103 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_mappings() {
    assert_eq!(
        codegen_text(
            "match x:\n    case {\"k\": v, **kw}:\n        pass\n    case {1: _, a.b: c}:\n        pass\n    case {}:\n        pass\n    case {**rest}:\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:23\n3 MATCH_MAPPING - 2:9-2:23\n4 POP_JUMP_IF_FALSE 34 2:9-2:23\n5 GET_LEN - 2:9-2:23\n6 LOAD_CONST 0 2:9-2:23\n7 COMPARE_OP 172 2:9-2:23\n8 POP_JUMP_IF_FALSE 34 2:9-2:23\n9 LOAD_CONST 1 2:10-2:13\n10 BUILD_TUPLE 1 2:9-2:23\n11 MATCH_KEYS - 2:9-2:23\n12 COPY 1 2:9-2:23\n13 LOAD_CONST 2 2:9-2:23\n14 IS_OP 1 2:9-2:23\n15 POP_JUMP_IF_FALSE 32 2:9-2:23\n16 UNPACK_SEQUENCE 1 2:9-2:23\n17 SWAP 3 2:15-2:16\n18 SWAP 2 2:15-2:16\n19 BUILD_MAP 0 2:9-2:23\n20 SWAP 3 2:9-2:23\n21 DICT_UPDATE 2 2:9-2:23\n22 UNPACK_SEQUENCE 1 2:9-2:23\n23 COPY 2 2:9-2:23\n24 SWAP 2 2:9-2:23\n25 DELETE_SUBSCR - 2:9-2:23\n26 SWAP 2 2:9-2:23\n27 STORE_NAME 1 2:9-2:23\n28 STORE_NAME 2 2:9-2:23\n29 POP_TOP - 2:9-2:23\n30 NOP - 3:8-3:12\n31 JUMP 91 -1:-1--1:-1\n32 POP_TOP - 2:9-2:23\n33 POP_TOP - 2:9-2:23\n34 POP_TOP - 2:9-2:23\n35 COPY 1 4:9-4:23\n36 MATCH_MAPPING - 4:9-4:23\n37 POP_JUMP_IF_FALSE 63 4:9-4:23\n38 GET_LEN - 4:9-4:23\n39 LOAD_CONST 3 4:9-4:23\n40 COMPARE_OP 172 4:9-4:23\n41 POP_JUMP_IF_FALSE 63 4:9-4:23\n42 LOAD_CONST 0 4:10-4:11\n43 LOAD_NAME 3 4:16-4:17\n44 LOAD_ATTR 8 4:16-4:19\n45 BUILD_TUPLE 2 4:9-4:23\n46 MATCH_KEYS - 4:9-4:23\n47 COPY 1 4:9-4:23\n48 LOAD_CONST 2 4:9-4:23\n49 IS_OP 1 4:9-4:23\n50 POP_JUMP_IF_FALSE 61 4:9-4:23\n51 UNPACK_SEQUENCE 2 4:9-4:23\n52 POP_TOP - 4:13-4:14\n53 SWAP 3 4:21-4:22\n54 SWAP 2 4:21-4:22\n55 POP_TOP - 4:9-4:23\n56 POP_TOP - 4:9-4:23\n57 STORE_NAME 5 4:9-4:23\n58 POP_TOP - 4:9-4:23\n59 NOP - 5:8-5:12\n60 JUMP 91 -1:-1--1:-1\n61 POP_TOP - 4:9-4:23\n62 POP_TOP - 4:9-4:23\n63 POP_TOP - 4:9-4:23\n64 COPY 1 6:9-6:11\n65 MATCH_MAPPING - 6:9-6:11\n66 POP_JUMP_IF_FALSE 71 6:9-6:11\n67 POP_TOP - 6:9-6:11\n68 POP_TOP - 6:9-6:11\n69 NOP - 7:8-7:12\n70 JUMP 91 -1:-1--1:-1\n71 POP_TOP - 6:9-6:11\n72 MATCH_MAPPING - 8:9-8:17\n73 POP_JUMP_IF_FALSE 90 8:9-8:17\n74 BUILD_TUPLE 0 8:9-8:17\n75 MATCH_KEYS - 8:9-8:17\n76 COPY 1 8:9-8:17\n77 LOAD_CONST 2 8:9-8:17\n78 IS_OP 1 8:9-8:17\n79 POP_JUMP_IF_FALSE 88 8:9-8:17\n80 UNPACK_SEQUENCE 0 8:9-8:17\n81 BUILD_MAP 0 8:9-8:17\n82 SWAP 3 8:9-8:17\n83 DICT_UPDATE 2 8:9-8:17\n84 UNPACK_SEQUENCE 0 8:9-8:17\n85 STORE_NAME 6 8:9-8:17\n86 NOP - 9:8-9:12\n87 JUMP 91 -1:-1--1:-1\n88 POP_TOP - 8:9-8:17\n89 POP_TOP - 8:9-8:17\n90 POP_TOP - 8:9-8:17\n91 LOAD_CONST 2 -1:-1--1:-1\n92 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_classes() {
    assert_eq!(
        codegen_text(
            "match x:\n    case Point(1, y=z) as p:\n        pass\n    case Point():\n        pass\n    case C(_, _, a=_):\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:27\n3 COPY 1 2:9-2:27\n4 LOAD_NAME 1 2:9-2:14\n5 LOAD_CONST 0 2:9-2:22\n6 MATCH_CLASS 1 2:9-2:22\n7 COPY 1 2:9-2:22\n8 LOAD_CONST 1 2:9-2:22\n9 IS_OP 1 2:9-2:22\n10 POP_JUMP_IF_FALSE 23 2:9-2:22\n11 UNPACK_SEQUENCE 2 2:9-2:22\n12 LOAD_CONST 2 2:15-2:16\n13 COMPARE_OP 72 2:15-2:16\n14 TO_BOOL - 2:15-2:16\n15 POP_JUMP_IF_FALSE 23 2:15-2:16\n16 SWAP 2 2:20-2:21\n17 SWAP 2 2:9-2:27\n18 STORE_NAME 2 2:9-2:27\n19 STORE_NAME 3 2:9-2:27\n20 POP_TOP - 2:9-2:27\n21 NOP - 3:8-3:12\n22 JUMP 52 -1:-1--1:-1\n23 POP_TOP - 2:9-2:27\n24 POP_TOP - 2:9-2:27\n25 COPY 1 4:9-4:16\n26 LOAD_NAME 1 4:9-4:14\n27 LOAD_CONST 3 4:9-4:16\n28 MATCH_CLASS 0 4:9-4:16\n29 COPY 1 4:9-4:16\n30 LOAD_CONST 1 4:9-4:16\n31 IS_OP 1 4:9-4:16\n32 POP_JUMP_IF_FALSE 37 4:9-4:16\n33 UNPACK_SEQUENCE 0 4:9-4:16\n34 POP_TOP - 4:9-4:16\n35 NOP - 5:8-5:12\n36 JUMP 52 -1:-1--1:-1\n37 POP_TOP - 4:9-4:16\n38 LOAD_NAME 4 6:9-6:10\n39 LOAD_CONST 4 6:9-6:21\n40 MATCH_CLASS 2 6:9-6:21\n41 COPY 1 6:9-6:21\n42 LOAD_CONST 1 6:9-6:21\n43 IS_OP 1 6:9-6:21\n44 POP_JUMP_IF_FALSE 51 6:9-6:21\n45 UNPACK_SEQUENCE 3 6:9-6:21\n46 POP_TOP - 6:9-6:21\n47 POP_TOP - 6:9-6:21\n48 POP_TOP - 6:9-6:21\n49 NOP - 7:8-7:12\n50 JUMP 52 -1:-1--1:-1\n51 POP_TOP - 6:9-6:21\n52 LOAD_CONST 1 -1:-1--1:-1\n53 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_or_reordering() {
    assert_eq!(
        codegen_text(
            "match x:\n    case (q, r) | [r, q]:\n        pass\n    case {\"a\": a, \"b\": b} | [b, a] | (a, b, _):\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:24\n3 COPY 1 2:9-2:15\n4 MATCH_SEQUENCE - 2:9-2:15\n5 POP_JUMP_IF_FALSE 14 2:9-2:15\n6 GET_LEN - 2:9-2:15\n7 LOAD_CONST 0 2:9-2:15\n8 COMPARE_OP 72 2:9-2:15\n9 POP_JUMP_IF_FALSE 14 2:9-2:15\n10 UNPACK_SEQUENCE 2 2:9-2:15\n11 SWAP 2 2:10-2:11\n12 SWAP 2 2:13-2:14\n13 JUMP 30 2:9-2:15\n14 POP_TOP - 2:9-2:15\n15 COPY 1 2:18-2:24\n16 MATCH_SEQUENCE - 2:18-2:24\n17 POP_JUMP_IF_FALSE 27 2:18-2:24\n18 GET_LEN - 2:18-2:24\n19 LOAD_CONST 0 2:18-2:24\n20 COMPARE_OP 72 2:18-2:24\n21 POP_JUMP_IF_FALSE 27 2:18-2:24\n22 UNPACK_SEQUENCE 2 2:18-2:24\n23 SWAP 2 2:19-2:20\n24 SWAP 2 2:22-2:23\n25 SWAP 2 2:18-2:24\n26 JUMP 30 2:18-2:24\n27 POP_TOP - 2:18-2:24\n28 POP_TOP - 2:9-2:24\n29 JUMP 40 2:9-2:24\n30 SWAP 3 2:9-2:24\n31 SWAP 2 2:9-2:24\n32 SWAP 3 2:9-2:24\n33 SWAP 2 2:9-2:24\n34 POP_TOP - 2:9-2:24\n35 STORE_NAME 1 2:9-2:24\n36 STORE_NAME 2 2:9-2:24\n37 POP_TOP - 2:9-2:24\n38 NOP - 3:8-3:12\n39 JUMP 107 -1:-1--1:-1\n40 COPY 1 4:9-4:25\n41 MATCH_MAPPING - 4:9-4:25\n42 POP_JUMP_IF_FALSE 67 4:9-4:25\n43 GET_LEN - 4:9-4:25\n44 LOAD_CONST 0 4:9-4:25\n45 COMPARE_OP 172 4:9-4:25\n46 POP_JUMP_IF_FALSE 67 4:9-4:25\n47 LOAD_CONST 1 4:10-4:13\n48 LOAD_CONST 2 4:18-4:21\n49 BUILD_TUPLE 2 4:9-4:25\n50 MATCH_KEYS - 4:9-4:25\n51 COPY 1 4:9-4:25\n52 LOAD_CONST 3 4:9-4:25\n53 IS_OP 1 4:9-4:25\n54 POP_JUMP_IF_FALSE 65 4:9-4:25\n55 UNPACK_SEQUENCE 2 4:9-4:25\n56 SWAP 4 4:15-4:16\n57 SWAP 3 4:15-4:16\n58 SWAP 2 4:15-4:16\n59 SWAP 4 4:23-4:24\n60 SWAP 3 4:23-4:24\n61 SWAP 2 4:23-4:24\n62 POP_TOP - 4:9-4:25\n63 POP_TOP - 4:9-4:25\n64 JUMP 98 4:9-4:25\n65 POP_TOP - 4:9-4:25\n66 POP_TOP - 4:9-4:25\n67 POP_TOP - 4:9-4:25\n68 COPY 1 4:28-4:34\n69 MATCH_SEQUENCE - 4:28-4:34\n70 POP_JUMP_IF_FALSE 80 4:28-4:34\n71 GET_LEN - 4:28-4:34\n72 LOAD_CONST 0 4:28-4:34\n73 COMPARE_OP 72 4:28-4:34\n74 POP_JUMP_IF_FALSE 80 4:28-4:34\n75 UNPACK_SEQUENCE 2 4:28-4:34\n76 SWAP 2 4:29-4:30\n77 SWAP 2 4:32-4:33\n78 SWAP 2 4:28-4:34\n79 JUMP 98 4:28-4:34\n80 POP_TOP - 4:28-4:34\n81 COPY 1 4:37-4:46\n82 MATCH_SEQUENCE - 4:37-4:46\n83 POP_JUMP_IF_FALSE 95 4:37-4:46\n84 GET_LEN - 4:37-4:46\n85 LOAD_CONST 4 4:37-4:46\n86 COMPARE_OP 72 4:37-4:46\n87 POP_JUMP_IF_FALSE 95 4:37-4:46\n88 UNPACK_SEQUENCE 3 4:37-4:46\n89 SWAP 3 4:38-4:39\n90 SWAP 2 4:38-4:39\n91 SWAP 3 4:41-4:42\n92 SWAP 2 4:41-4:42\n93 POP_TOP - 4:44-4:45\n94 JUMP 98 4:37-4:46\n95 POP_TOP - 4:37-4:46\n96 POP_TOP - 4:9-4:46\n97 JUMP 107 4:9-4:46\n98 SWAP 3 4:9-4:46\n99 SWAP 2 4:9-4:46\n100 SWAP 3 4:9-4:46\n101 SWAP 2 4:9-4:46\n102 POP_TOP - 4:9-4:46\n103 STORE_NAME 3 4:9-4:46\n104 STORE_NAME 4 4:9-4:46\n105 NOP - 5:8-5:12\n106 JUMP 107 -1:-1--1:-1\n107 LOAD_CONST 3 -1:-1--1:-1\n108 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_default_and_guard() {
    assert_eq!(
        codegen_text(
            "match x:\n    case 1:\n        y = 1\n    case _ if y:\n        y = 2\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 LOAD_CONST 0 2:9-2:10\n3 COMPARE_OP 72 2:9-2:10\n4 TO_BOOL - 2:9-2:10\n5 POP_JUMP_IF_FALSE 9 2:9-2:10\n6 LOAD_CONST 0 3:12-3:13\n7 STORE_NAME 1 3:8-3:9\n8 JUMP 15 -1:-1--1:-1\n9 NOP - 4:9-4:10\n10 LOAD_NAME 1 4:14-4:15\n11 TO_BOOL - 4:14-4:15\n12 POP_JUMP_IF_FALSE 15 4:14-4:15\n13 LOAD_CONST 1 5:12-5:13\n14 STORE_NAME 1 5:8-5:9\n15 LOAD_CONST 2 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_only_default() {
    assert_eq!(
        codegen_text("match x:\n    case _:\n        y = 1\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 POP_TOP - 2:9-2:10\n3 LOAD_CONST 0 3:12-3:13\n4 STORE_NAME 1 3:8-3:9\n5 JUMP 6 -1:-1--1:-1\n6 LOAD_CONST 1 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_capture_last() {
    assert_eq!(
        codegen_text(
            "match x:\n    case [1]:\n        pass\n    case y:\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:12\n3 MATCH_SEQUENCE - 2:9-2:12\n4 POP_JUMP_IF_FALSE 17 2:9-2:12\n5 GET_LEN - 2:9-2:12\n6 LOAD_CONST 0 2:9-2:12\n7 COMPARE_OP 72 2:9-2:12\n8 POP_JUMP_IF_FALSE 17 2:9-2:12\n9 UNPACK_SEQUENCE 1 2:9-2:12\n10 LOAD_CONST 0 2:10-2:11\n11 COMPARE_OP 72 2:10-2:11\n12 TO_BOOL - 2:10-2:11\n13 POP_JUMP_IF_FALSE 18 2:10-2:11\n14 POP_TOP - 2:9-2:12\n15 NOP - 3:8-3:12\n16 JUMP 21 -1:-1--1:-1\n17 POP_TOP - 2:9-2:12\n18 STORE_NAME 1 4:9-4:10\n19 NOP - 5:8-5:12\n20 JUMP 21 -1:-1--1:-1\n21 LOAD_CONST 1 -1:-1--1:-1\n22 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_in_function() {
    assert_eq!(
        codegen_text(
            "def f(x):\n    match x:\n        case [a, b] | (b, a):\n            return a\n        case {\"k\": [1, *c]}:\n            return c\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-6:20\n2 MAKE_FUNCTION - 1:0-6:20\n3 STORE_NAME 0 1:0-6:20\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_FAST 0 2:10-2:11\n2 COPY 1 3:13-3:28\n3 COPY 1 3:13-3:19\n4 MATCH_SEQUENCE - 3:13-3:19\n5 POP_JUMP_IF_FALSE 14 3:13-3:19\n6 GET_LEN - 3:13-3:19\n7 LOAD_CONST 1 3:13-3:19\n8 COMPARE_OP 72 3:13-3:19\n9 POP_JUMP_IF_FALSE 14 3:13-3:19\n10 UNPACK_SEQUENCE 2 3:13-3:19\n11 SWAP 2 3:14-3:15\n12 SWAP 2 3:17-3:18\n13 JUMP 30 3:13-3:19\n14 POP_TOP - 3:13-3:19\n15 COPY 1 3:22-3:28\n16 MATCH_SEQUENCE - 3:22-3:28\n17 POP_JUMP_IF_FALSE 27 3:22-3:28\n18 GET_LEN - 3:22-3:28\n19 LOAD_CONST 1 3:22-3:28\n20 COMPARE_OP 72 3:22-3:28\n21 POP_JUMP_IF_FALSE 27 3:22-3:28\n22 UNPACK_SEQUENCE 2 3:22-3:28\n23 SWAP 2 3:23-3:24\n24 SWAP 2 3:26-3:27\n25 SWAP 2 3:22-3:28\n26 JUMP 30 3:22-3:28\n27 POP_TOP - 3:22-3:28\n28 POP_TOP - 3:13-3:28\n29 JUMP 41 3:13-3:28\n30 SWAP 3 3:13-3:28\n31 SWAP 2 3:13-3:28\n32 SWAP 3 3:13-3:28\n33 SWAP 2 3:13-3:28\n34 POP_TOP - 3:13-3:28\n35 STORE_FAST 1 3:13-3:28\n36 STORE_FAST 2 3:13-3:28\n37 POP_TOP - 3:13-3:28\n38 LOAD_FAST 1 4:19-4:20\n39 RETURN_VALUE - 4:12-4:20\n40 JUMP 77 -1:-1--1:-1\n41 MATCH_MAPPING - 5:13-5:27\n42 POP_JUMP_IF_FALSE 76 5:13-5:27\n43 GET_LEN - 5:13-5:27\n44 LOAD_CONST 2 5:13-5:27\n45 COMPARE_OP 172 5:13-5:27\n46 POP_JUMP_IF_FALSE 76 5:13-5:27\n47 LOAD_CONST 3 5:14-5:17\n48 BUILD_TUPLE 1 5:13-5:27\n49 MATCH_KEYS - 5:13-5:27\n50 COPY 1 5:13-5:27\n51 LOAD_CONST 0 5:13-5:27\n52 IS_OP 1 5:13-5:27\n53 POP_JUMP_IF_FALSE 74 5:13-5:27\n54 UNPACK_SEQUENCE 1 5:13-5:27\n55 MATCH_SEQUENCE - 5:19-5:26\n56 POP_JUMP_IF_FALSE 74 5:19-5:26\n57 GET_LEN - 5:19-5:26\n58 LOAD_CONST 2 5:19-5:26\n59 COMPARE_OP 172 5:19-5:26\n60 POP_JUMP_IF_FALSE 74 5:19-5:26\n61 UNPACK_EX 1 5:19-5:26\n62 LOAD_CONST 2 5:20-5:21\n63 COMPARE_OP 72 5:20-5:21\n64 TO_BOOL - 5:20-5:21\n65 POP_JUMP_IF_FALSE 74 5:20-5:21\n66 SWAP 3 5:23-5:25\n67 SWAP 2 5:23-5:25\n68 POP_TOP - 5:13-5:27\n69 POP_TOP - 5:13-5:27\n70 STORE_FAST 3 5:13-5:27\n71 LOAD_FAST 3 6:19-6:20\n72 RETURN_VALUE - 6:12-6:20\n73 JUMP 77 -1:-1--1:-1\n74 POP_TOP - 5:13-5:27\n75 POP_TOP - 5:13-5:27\n76 POP_TOP - 5:13-5:27\n77 LOAD_CONST 0 -1:-1--1:-1\n78 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_class_star_bases() {
    assert_eq!(
        codegen_text(
            "class C[T](*bases, a, k=1, **kw):\n    pass\nclass D[T](A, **kw):\n    pass\nclass E[T](*b):\n    pass\nclass F[T](A, x=1, y=2, **kw, z=3):\n    pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-2:8\n2 MAKE_FUNCTION - 1:0-2:8\n3 PUSH_NULL - 1:0-2:8\n4 CALL 0 1:0-2:8\n5 STORE_NAME 0 1:0-2:8\n6 LOAD_CONST 1 3:0-4:8\n7 MAKE_FUNCTION - 3:0-4:8\n8 PUSH_NULL - 3:0-4:8\n9 CALL 0 3:0-4:8\n10 STORE_NAME 1 3:0-4:8\n11 LOAD_CONST 2 5:0-6:8\n12 MAKE_FUNCTION - 5:0-6:8\n13 PUSH_NULL - 5:0-6:8\n14 CALL 0 5:0-6:8\n15 STORE_NAME 2 5:0-6:8\n16 LOAD_CONST 3 7:0-8:8\n17 MAKE_FUNCTION - 7:0-8:8\n18 PUSH_NULL - 7:0-8:8\n19 CALL 0 7:0-8:8\n20 STORE_NAME 3 7:0-8:8\n21 LOAD_CONST 4 -1:-1--1:-1\n22 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:8-1:9\n2 CALL_INTRINSIC_1 7 1:8-1:9\n3 COPY 1 1:8-1:9\n4 STORE_FAST 0 1:8-1:9\n5 BUILD_TUPLE 1 1:8-1:9\n6 STORE_DEREF 0 1:0-2:8\n7 LOAD_BUILD_CLASS - 1:0-2:8\n8 PUSH_NULL - 1:0-2:8\n9 LOAD_CLOSURE 0 1:0-2:8\n10 BUILD_TUPLE 1 1:0-2:8\n11 LOAD_CONST 1 1:0-2:8\n12 MAKE_FUNCTION - 1:0-2:8\n13 SET_FUNCTION_ATTRIBUTE 8 1:0-2:8\n14 LOAD_CONST 2 1:0-2:8\n15 LOAD_DEREF 0 1:0-2:8\n16 CALL_INTRINSIC_1 10 1:0-2:8\n17 STORE_FAST 1 1:0-2:8\n18 BUILD_LIST 2 1:0-2:8\n19 LOAD_GLOBAL 0 1:12-1:17\n20 LIST_EXTEND 1 1:0-2:8\n21 LOAD_GLOBAL 2 1:19-1:20\n22 LIST_APPEND 1 1:0-2:8\n23 LOAD_FAST 1 1:0-2:8\n24 LIST_APPEND 1 1:0-2:8\n25 CALL_INTRINSIC_1 6 1:0-2:8\n26 LOAD_CONST 3 1:0-2:8\n27 LOAD_CONST 4 1:24-1:25\n28 BUILD_MAP 1 1:0-2:8\n29 LOAD_GLOBAL 4 1:29-1:31\n30 DICT_MERGE 1 1:0-2:8\n31 CALL_FUNCTION_EX 1 1:0-2:8\n32 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_LOCALS - 1:0-1:0\n8 LOAD_FROM_DICT_OR_DEREF 0 1:0-1:0\n9 STORE_NAME 4 1:0-1:0\n10 NOP - 2:4-2:8\n11 LOAD_CONST 2 -1:-1--1:-1\n12 STORE_NAME 5 -1:-1--1:-1\n13 LOAD_CONST 3 -1:-1--1:-1\n14 RETURN_VALUE - -1:-1--1:-1\n15 LOAD_CONST 3 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 3:0-3:0\n1 LOAD_CONST 0 3:8-3:9\n2 CALL_INTRINSIC_1 7 3:8-3:9\n3 COPY 1 3:8-3:9\n4 STORE_FAST 0 3:8-3:9\n5 BUILD_TUPLE 1 3:8-3:9\n6 STORE_DEREF 0 3:0-4:8\n7 LOAD_BUILD_CLASS - 3:0-4:8\n8 PUSH_NULL - 3:0-4:8\n9 LOAD_CLOSURE 0 3:0-4:8\n10 BUILD_TUPLE 1 3:0-4:8\n11 LOAD_CONST 1 3:0-4:8\n12 MAKE_FUNCTION - 3:0-4:8\n13 SET_FUNCTION_ATTRIBUTE 8 3:0-4:8\n14 LOAD_CONST 2 3:0-4:8\n15 LOAD_DEREF 0 3:0-4:8\n16 CALL_INTRINSIC_1 10 3:0-4:8\n17 STORE_FAST 1 3:0-4:8\n18 LOAD_GLOBAL 0 3:11-3:12\n19 LOAD_FAST 1 3:0-4:8\n20 BUILD_TUPLE 4 3:0-4:8\n21 BUILD_MAP 0 3:0-4:8\n22 LOAD_GLOBAL 2 3:16-3:18\n23 DICT_MERGE 1 3:0-4:8\n24 CALL_FUNCTION_EX 1 3:0-4:8\n25 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 3:0-3:0\n1 LOAD_NAME 0 3:0-3:0\n2 STORE_NAME 1 3:0-3:0\n3 LOAD_CONST 0 3:0-3:0\n4 STORE_NAME 2 3:0-3:0\n5 LOAD_CONST 1 3:0-3:0\n6 STORE_NAME 3 3:0-3:0\n7 LOAD_LOCALS - 3:0-3:0\n8 LOAD_FROM_DICT_OR_DEREF 0 3:0-3:0\n9 STORE_NAME 4 3:0-3:0\n10 NOP - 4:4-4:8\n11 LOAD_CONST 2 -1:-1--1:-1\n12 STORE_NAME 5 -1:-1--1:-1\n13 LOAD_CONST 3 -1:-1--1:-1\n14 RETURN_VALUE - -1:-1--1:-1\n15 LOAD_CONST 3 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n--- unit 5\n0 RESUME 0 5:0-5:0\n1 LOAD_CONST 0 5:8-5:9\n2 CALL_INTRINSIC_1 7 5:8-5:9\n3 COPY 1 5:8-5:9\n4 STORE_FAST 0 5:8-5:9\n5 BUILD_TUPLE 1 5:8-5:9\n6 STORE_DEREF 0 5:0-6:8\n7 LOAD_BUILD_CLASS - 5:0-6:8\n8 PUSH_NULL - 5:0-6:8\n9 LOAD_CLOSURE 0 5:0-6:8\n10 BUILD_TUPLE 1 5:0-6:8\n11 LOAD_CONST 1 5:0-6:8\n12 MAKE_FUNCTION - 5:0-6:8\n13 SET_FUNCTION_ATTRIBUTE 8 5:0-6:8\n14 LOAD_CONST 2 5:0-6:8\n15 LOAD_DEREF 0 5:0-6:8\n16 CALL_INTRINSIC_1 10 5:0-6:8\n17 STORE_FAST 1 5:0-6:8\n18 BUILD_LIST 2 5:0-6:8\n19 LOAD_GLOBAL 0 5:12-5:13\n20 LIST_EXTEND 1 5:0-6:8\n21 LOAD_FAST 1 5:0-6:8\n22 LIST_APPEND 1 5:0-6:8\n23 CALL_INTRINSIC_1 6 5:0-6:8\n24 CALL_FUNCTION_EX 0 5:0-6:8\n25 RETURN_VALUE - -1:-1--1:-1\n--- unit 6\n0 RESUME 0 5:0-5:0\n1 LOAD_NAME 0 5:0-5:0\n2 STORE_NAME 1 5:0-5:0\n3 LOAD_CONST 0 5:0-5:0\n4 STORE_NAME 2 5:0-5:0\n5 LOAD_CONST 1 5:0-5:0\n6 STORE_NAME 3 5:0-5:0\n7 LOAD_LOCALS - 5:0-5:0\n8 LOAD_FROM_DICT_OR_DEREF 0 5:0-5:0\n9 STORE_NAME 4 5:0-5:0\n10 NOP - 6:4-6:8\n11 LOAD_CONST 2 -1:-1--1:-1\n12 STORE_NAME 5 -1:-1--1:-1\n13 LOAD_CONST 3 -1:-1--1:-1\n14 RETURN_VALUE - -1:-1--1:-1\n15 LOAD_CONST 3 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n--- unit 7\n0 RESUME 0 7:0-7:0\n1 LOAD_CONST 0 7:8-7:9\n2 CALL_INTRINSIC_1 7 7:8-7:9\n3 COPY 1 7:8-7:9\n4 STORE_FAST 0 7:8-7:9\n5 BUILD_TUPLE 1 7:8-7:9\n6 STORE_DEREF 0 7:0-8:8\n7 LOAD_BUILD_CLASS - 7:0-8:8\n8 PUSH_NULL - 7:0-8:8\n9 LOAD_CLOSURE 0 7:0-8:8\n10 BUILD_TUPLE 1 7:0-8:8\n11 LOAD_CONST 1 7:0-8:8\n12 MAKE_FUNCTION - 7:0-8:8\n13 SET_FUNCTION_ATTRIBUTE 8 7:0-8:8\n14 LOAD_CONST 2 7:0-8:8\n15 LOAD_DEREF 0 7:0-8:8\n16 CALL_INTRINSIC_1 10 7:0-8:8\n17 STORE_FAST 1 7:0-8:8\n18 LOAD_GLOBAL 0 7:11-7:12\n19 LOAD_FAST 1 7:0-8:8\n20 BUILD_TUPLE 4 7:0-8:8\n21 LOAD_CONST 3 7:16-7:17\n22 LOAD_CONST 4 7:21-7:22\n23 LOAD_CONST 5 7:0-8:8\n24 BUILD_CONST_KEY_MAP 2 7:0-8:8\n25 LOAD_GLOBAL 2 7:26-7:28\n26 DICT_MERGE 1 7:0-8:8\n27 LOAD_CONST 6 7:0-8:8\n28 LOAD_CONST 7 7:32-7:33\n29 BUILD_MAP 1 7:0-8:8\n30 DICT_MERGE 1 7:0-8:8\n31 CALL_FUNCTION_EX 1 7:0-8:8\n32 RETURN_VALUE - -1:-1--1:-1\n--- unit 8\n0 RESUME 0 7:0-7:0\n1 LOAD_NAME 0 7:0-7:0\n2 STORE_NAME 1 7:0-7:0\n3 LOAD_CONST 0 7:0-7:0\n4 STORE_NAME 2 7:0-7:0\n5 LOAD_CONST 1 7:0-7:0\n6 STORE_NAME 3 7:0-7:0\n7 LOAD_LOCALS - 7:0-7:0\n8 LOAD_FROM_DICT_OR_DEREF 0 7:0-7:0\n9 STORE_NAME 4 7:0-7:0\n10 NOP - 8:4-8:8\n11 LOAD_CONST 2 -1:-1--1:-1\n12 STORE_NAME 5 -1:-1--1:-1\n13 LOAD_CONST 3 -1:-1--1:-1\n14 RETURN_VALUE - -1:-1--1:-1\n15 LOAD_CONST 3 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_class_cell_and_classdict() {
    assert_eq!(
        codegen_text(
            "class C[T]:\n    def f(self): return __class__\n    def g[U](self, x: U) -> T: return super().g()\n    x: T\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-4:8\n2 MAKE_FUNCTION - 1:0-4:8\n3 PUSH_NULL - 1:0-4:8\n4 CALL 0 1:0-4:8\n5 STORE_NAME 0 1:0-4:8\n6 LOAD_CONST 1 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:8-1:9\n2 CALL_INTRINSIC_1 7 1:8-1:9\n3 COPY 1 1:8-1:9\n4 STORE_DEREF 1 1:8-1:9\n5 BUILD_TUPLE 1 1:8-1:9\n6 STORE_DEREF 0 1:0-4:8\n7 LOAD_BUILD_CLASS - 1:0-4:8\n8 PUSH_NULL - 1:0-4:8\n9 LOAD_CLOSURE 0 1:0-4:8\n10 LOAD_CLOSURE 1 1:0-4:8\n11 BUILD_TUPLE 2 1:0-4:8\n12 LOAD_CONST 1 1:0-4:8\n13 MAKE_FUNCTION - 1:0-4:8\n14 SET_FUNCTION_ATTRIBUTE 8 1:0-4:8\n15 LOAD_CONST 2 1:0-4:8\n16 LOAD_DEREF 0 1:0-4:8\n17 CALL_INTRINSIC_1 10 1:0-4:8\n18 STORE_FAST 0 1:0-4:8\n19 LOAD_FAST 0 1:0-4:8\n20 CALL 3 1:0-4:8\n21 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_LOCALS - 1:0-1:0\n8 LOAD_FROM_DICT_OR_DEREF 2 1:0-1:0\n9 STORE_NAME 4 1:0-1:0\n10 LOAD_LOCALS - 1:0-1:0\n11 STORE_DEREF 1 1:0-1:0\n12 SETUP_ANNOTATIONS - 1:0-1:0\n13 LOAD_CLOSURE 0 2:4-2:33\n14 BUILD_TUPLE 1 2:4-2:33\n15 LOAD_CONST 2 2:4-2:33\n16 MAKE_FUNCTION - 2:4-2:33\n17 SET_FUNCTION_ATTRIBUTE 8 2:4-2:33\n18 STORE_NAME 5 2:4-2:33\n19 LOAD_CLOSURE 3 3:4-3:49\n20 LOAD_CLOSURE 0 3:4-3:49\n21 LOAD_CLOSURE 1 3:4-3:49\n22 BUILD_TUPLE 3 3:4-3:49\n23 LOAD_CONST 3 3:4-3:49\n24 MAKE_FUNCTION - 3:4-3:49\n25 SET_FUNCTION_ATTRIBUTE 8 3:4-3:49\n26 PUSH_NULL - 3:4-3:49\n27 CALL 0 3:4-3:49\n28 STORE_NAME 6 3:4-3:49\n29 LOAD_LOCALS - 4:7-4:8\n30 LOAD_FROM_DICT_OR_DEREF 3 4:7-4:8\n31 LOAD_NAME 7 4:4-4:8\n32 LOAD_CONST 4 4:4-4:8\n33 STORE_SUBSCR - 4:4-4:8\n34 LOAD_CONST 5 -1:-1--1:-1\n35 STORE_NAME 8 -1:-1--1:-1\n36 LOAD_CLOSURE 1 -1:-1--1:-1\n37 STORE_NAME 9 -1:-1--1:-1\n38 LOAD_CLOSURE 0 -1:-1--1:-1\n39 COPY 1 -1:-1--1:-1\n40 STORE_NAME 10 -1:-1--1:-1\n41 RETURN_VALUE - -1:-1--1:-1\n42 LOAD_CONST 6 -1:-1--1:-1\n43 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 2:0-2:0\n1 LOAD_DEREF 0 2:24-2:33\n2 RETURN_VALUE - 2:17-2:33\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 3:0-3:0\n1 LOAD_CONST 0 3:10-3:11\n2 CALL_INTRINSIC_1 7 3:10-3:11\n3 COPY 1 3:10-3:11\n4 STORE_FAST 1 3:10-3:11\n5 BUILD_TUPLE 1 3:10-3:11\n6 LOAD_CONST 1 3:4-3:49\n7 LOAD_FAST 1 3:22-3:23\n8 LOAD_CONST 2 3:4-3:49\n9 LOAD_DEREF 2 3:28-3:29\n10 LOAD_FROM_DICT_OR_DEREF 0 3:28-3:29\n11 BUILD_TUPLE 4 3:4-3:49\n12 LOAD_CLOSURE 1 3:4-3:49\n13 BUILD_TUPLE 1 3:4-3:49\n14 LOAD_CONST 3 3:4-3:49\n15 MAKE_FUNCTION - 3:4-3:49\n16 SET_FUNCTION_ATTRIBUTE 8 3:4-3:49\n17 SET_FUNCTION_ATTRIBUTE 4 3:4-3:49\n18 SWAP 2 3:4-3:49\n19 CALL_INTRINSIC_2 4 3:4-3:49\n20 RETURN_VALUE - -1:-1--1:-1\n--- unit 5\n0 RESUME 0 3:0-3:0\n1 LOAD_GLOBAL 0 3:38-3:43\n2 LOAD_DEREF 0 3:38-3:45\n3 LOAD_FAST 0 3:38-3:45\n4 LOAD_SUPER_ATTR 5 3:38-3:47\n5 NOP - 3:38-3:47\n6 CALL 0 3:38-3:49\n7 RETURN_VALUE - 3:31-3:49\n8 LOAD_CONST 0 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_local_shadowing_free() {
    assert_eq!(
        codegen_text(
            "def outer():\n    x = 1\n    class C:\n        x = 2\n        def f(self): return x\n    return C\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-6:12\n2 MAKE_FUNCTION - 1:0-6:12\n3 STORE_NAME 0 1:0-6:12\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 1 2:8-2:9\n2 STORE_DEREF 0 2:4-2:5\n3 LOAD_BUILD_CLASS - 3:4-5:29\n4 PUSH_NULL - 3:4-5:29\n5 LOAD_CLOSURE 0 3:4-5:29\n6 BUILD_TUPLE 1 3:4-5:29\n7 LOAD_CONST 2 3:4-5:29\n8 MAKE_FUNCTION - 3:4-5:29\n9 SET_FUNCTION_ATTRIBUTE 8 3:4-5:29\n10 LOAD_CONST 3 3:4-5:29\n11 CALL 2 3:4-5:29\n12 STORE_FAST 0 3:4-5:29\n13 LOAD_FAST 0 6:11-6:12\n14 RETURN_VALUE - 6:4-6:12\n15 LOAD_CONST 0 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 3:0-3:0\n1 LOAD_NAME 0 3:0-3:0\n2 STORE_NAME 1 3:0-3:0\n3 LOAD_CONST 0 3:0-3:0\n4 STORE_NAME 2 3:0-3:0\n5 LOAD_CONST 1 3:0-3:0\n6 STORE_NAME 3 3:0-3:0\n7 LOAD_CONST 2 4:12-4:13\n8 STORE_NAME 4 4:8-4:9\n9 LOAD_CLOSURE 0 5:8-5:29\n10 BUILD_TUPLE 1 5:8-5:29\n11 LOAD_CONST 3 5:8-5:29\n12 MAKE_FUNCTION - 5:8-5:29\n13 SET_FUNCTION_ATTRIBUTE 8 5:8-5:29\n14 STORE_NAME 5 5:8-5:29\n15 LOAD_CONST 4 -1:-1--1:-1\n16 STORE_NAME 6 -1:-1--1:-1\n17 LOAD_CONST 5 -1:-1--1:-1\n18 RETURN_VALUE - -1:-1--1:-1\n19 LOAD_CONST 5 -1:-1--1:-1\n20 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 5:0-5:0\n1 LOAD_DEREF 0 5:28-5:29\n2 RETURN_VALUE - 5:21-5:29\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_method_name_free_and_local() {
    assert_eq!(
        codegen_text(
            "def outer():\n    def x(): pass\n    class C:\n        def x(self): pass\n        def y(self): return x\n    return C\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-6:12\n2 MAKE_FUNCTION - 1:0-6:12\n3 STORE_NAME 0 1:0-6:12\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 1 2:4-2:17\n2 MAKE_FUNCTION - 2:4-2:17\n3 STORE_DEREF 0 2:4-2:17\n4 LOAD_BUILD_CLASS - 3:4-5:29\n5 PUSH_NULL - 3:4-5:29\n6 LOAD_CLOSURE 0 3:4-5:29\n7 BUILD_TUPLE 1 3:4-5:29\n8 LOAD_CONST 2 3:4-5:29\n9 MAKE_FUNCTION - 3:4-5:29\n10 SET_FUNCTION_ATTRIBUTE 8 3:4-5:29\n11 LOAD_CONST 3 3:4-5:29\n12 CALL 2 3:4-5:29\n13 STORE_FAST 0 3:4-5:29\n14 LOAD_FAST 0 6:11-6:12\n15 RETURN_VALUE - 6:4-6:12\n16 LOAD_CONST 0 -1:-1--1:-1\n17 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 NOP - 2:13-2:17\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 3:0-3:0\n1 LOAD_NAME 0 3:0-3:0\n2 STORE_NAME 1 3:0-3:0\n3 LOAD_CONST 0 3:0-3:0\n4 STORE_NAME 2 3:0-3:0\n5 LOAD_CONST 1 3:0-3:0\n6 STORE_NAME 3 3:0-3:0\n7 LOAD_CONST 2 4:8-4:25\n8 MAKE_FUNCTION - 4:8-4:25\n9 STORE_NAME 4 4:8-4:25\n10 LOAD_CLOSURE 0 5:8-5:29\n11 BUILD_TUPLE 1 5:8-5:29\n12 LOAD_CONST 3 5:8-5:29\n13 MAKE_FUNCTION - 5:8-5:29\n14 SET_FUNCTION_ATTRIBUTE 8 5:8-5:29\n15 STORE_NAME 5 5:8-5:29\n16 LOAD_CONST 4 -1:-1--1:-1\n17 STORE_NAME 6 -1:-1--1:-1\n18 LOAD_CONST 5 -1:-1--1:-1\n19 RETURN_VALUE - -1:-1--1:-1\n20 LOAD_CONST 5 -1:-1--1:-1\n21 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 4:0-4:0\n1 NOP - 4:21-4:25\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n--- unit 5\n0 RESUME 0 5:0-5:0\n1 LOAD_DEREF 0 5:28-5:29\n2 RETURN_VALUE - 5:21-5:29\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_lambda_mangling() {
    assert_eq!(
        codegen_text(
            "class A:\n    f = lambda self, __k=1: __k\n    g = [lambda: __y for _ in ()]\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-3:33\n2 PUSH_NULL - 1:0-3:33\n3 LOAD_CONST 0 1:0-3:33\n4 MAKE_FUNCTION - 1:0-3:33\n5 LOAD_CONST 1 1:0-3:33\n6 CALL 2 1:0-3:33\n7 STORE_NAME 0 1:0-3:33\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_CONST 1 2:25-2:26\n8 BUILD_TUPLE 1 2:8-2:31\n9 LOAD_CONST 2 2:8-2:31\n10 MAKE_FUNCTION - 2:8-2:31\n11 SET_FUNCTION_ATTRIBUTE 1 2:8-2:31\n12 STORE_NAME 4 2:4-2:5\n13 LOAD_CONST 3 3:30-3:32\n14 GET_ITER - 3:30-3:32\n15 LOAD_FAST_AND_CLEAR 0 3:8-3:33\n16 LOAD_FAST_AND_CLEAR 1 3:8-3:33\n17 SWAP 3 3:8-3:33\n18 SETUP_FINALLY 31 3:8-3:33\n19 BUILD_LIST 0 3:8-3:33\n20 SWAP 2 3:8-3:33\n21 FOR_ITER 27 3:30-3:32\n22 STORE_FAST 1 3:25-3:26\n23 LOAD_CONST 4 3:9-3:20\n24 MAKE_FUNCTION - 3:9-3:20\n25 LIST_APPEND 2 3:9-3:20\n26 JUMP 21 3:9-3:20\n27 END_FOR - -1:-1--1:-1\n28 POP_TOP - -1:-1--1:-1\n29 POP_BLOCK - -1:-1--1:-1\n30 JUMP_NO_INTERRUPT 37 -1:-1--1:-1\n31 SWAP 2 -1:-1--1:-1\n32 POP_TOP - -1:-1--1:-1\n33 SWAP 3 3:8-3:33\n34 STORE_FAST_MAYBE_NULL 1 3:8-3:33\n35 STORE_FAST_MAYBE_NULL 0 3:8-3:33\n36 RERAISE 0 -1:-1--1:-1\n37 SWAP 3 3:8-3:33\n38 STORE_FAST_MAYBE_NULL 1 3:8-3:33\n39 STORE_FAST_MAYBE_NULL 0 3:8-3:33\n40 STORE_NAME 5 3:4-3:5\n41 LOAD_CONST 3 -1:-1--1:-1\n42 STORE_NAME 6 -1:-1--1:-1\n43 LOAD_CONST 5 -1:-1--1:-1\n44 RETURN_VALUE - -1:-1--1:-1\n45 LOAD_CONST 5 -1:-1--1:-1\n46 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_FAST 1 2:28-2:31\n2 RETURN_VALUE - 2:28-2:31\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 3:0-3:0\n1 LOAD_GLOBAL 0 3:17-3:20\n2 RETURN_VALUE - 3:17-3:20\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn async_generator_with() {
    assert_eq!(
        codegen_text("async def f():\n    yield 1\n    async with a: pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-3:22\n2 MAKE_FUNCTION - 1:0-3:22\n3 STORE_NAME 0 1:0-3:22\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 SETUP_CLEANUP 66 -1:-1--1:-1\n1 RESUME 0 1:0-1:0\n2 LOAD_CONST 1 2:10-2:11\n3 CALL_INTRINSIC_1 4 2:4-2:11\n4 YIELD_VALUE 0 2:4-2:11\n5 RESUME 1 2:4-2:11\n6 POP_TOP - -1:-1--1:-1\n7 LOAD_GLOBAL 0 3:15-3:16\n8 BEFORE_ASYNC_WITH - 3:15-3:16\n9 GET_AWAITABLE 1 3:15-3:16\n10 LOAD_CONST 0 3:15-3:16\n11 SEND 18 3:15-3:16\n12 SETUP_FINALLY 17 3:15-3:16\n13 YIELD_VALUE 1 3:15-3:16\n14 POP_BLOCK - -1:-1--1:-1\n15 RESUME 3 3:15-3:16\n16 JUMP_NO_INTERRUPT 11 3:15-3:16\n17 CLEANUP_THROW - 3:15-3:16\n18 END_SEND - 3:15-3:16\n19 SETUP_WITH 39 3:15-3:16\n20 POP_TOP - 3:15-3:16\n21 NOP - 3:18-3:22\n22 POP_BLOCK - 3:15-3:16\n23 LOAD_CONST 0 3:15-3:16\n24 LOAD_CONST 0 3:15-3:16\n25 LOAD_CONST 0 3:15-3:16\n26 CALL 2 3:15-3:16\n27 GET_AWAITABLE 2 3:15-3:16\n28 LOAD_CONST 0 3:15-3:16\n29 SEND 36 3:15-3:16\n30 SETUP_FINALLY 35 3:15-3:16\n31 YIELD_VALUE 1 3:15-3:16\n32 POP_BLOCK - -1:-1--1:-1\n33 RESUME 3 3:15-3:16\n34 JUMP_NO_INTERRUPT 29 3:15-3:16\n35 CLEANUP_THROW - 3:15-3:16\n36 END_SEND - 3:15-3:16\n37 POP_TOP - 3:15-3:16\n38 JUMP 64 3:15-3:16\n39 SETUP_CLEANUP 61 3:15-3:16\n40 PUSH_EXC_INFO - 3:15-3:16\n41 WITH_EXCEPT_START - 3:15-3:16\n42 GET_AWAITABLE 2 3:15-3:16\n43 LOAD_CONST 0 3:15-3:16\n44 SEND 51 3:15-3:16\n45 SETUP_FINALLY 50 3:15-3:16\n46 YIELD_VALUE 1 3:15-3:16\n47 POP_BLOCK - -1:-1--1:-1\n48 RESUME 3 3:15-3:16\n49 JUMP_NO_INTERRUPT 44 3:15-3:16\n50 CLEANUP_THROW - 3:15-3:16\n51 END_SEND - 3:15-3:16\n52 TO_BOOL - -1:-1--1:-1\n53 POP_JUMP_IF_TRUE 55 -1:-1--1:-1\n54 RERAISE 2 -1:-1--1:-1\n55 POP_TOP - -1:-1--1:-1\n56 POP_BLOCK - -1:-1--1:-1\n57 POP_EXCEPT - -1:-1--1:-1\n58 POP_TOP - -1:-1--1:-1\n59 POP_TOP - -1:-1--1:-1\n60 JUMP_NO_INTERRUPT 64 -1:-1--1:-1\n61 COPY 3 -1:-1--1:-1\n62 POP_EXCEPT - -1:-1--1:-1\n63 RERAISE 1 -1:-1--1:-1\n64 LOAD_CONST 0 -1:-1--1:-1\n65 RETURN_VALUE - -1:-1--1:-1\n66 CALL_INTRINSIC_1 3 -1:-1--1:-1\n67 RERAISE 1 -1:-1--1:-1\n68 LOAD_CONST 0 -1:-1--1:-1\n69 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn type_alias_in_function() {
    assert_eq!(
        codegen_text("def f(a):\n    type T[X] = (a, X)\n    return T\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-3:12\n2 MAKE_FUNCTION - 1:0-3:12\n3 STORE_NAME 0 1:0-3:12\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CLOSURE 0 2:4-2:22\n2 BUILD_TUPLE 1 2:4-2:22\n3 LOAD_CONST 1 2:4-2:22\n4 MAKE_FUNCTION - 2:4-2:22\n5 SET_FUNCTION_ATTRIBUTE 8 2:4-2:22\n6 PUSH_NULL - 2:4-2:22\n7 CALL 0 2:4-2:22\n8 STORE_FAST 1 2:4-2:22\n9 LOAD_FAST 1 3:11-3:12\n10 RETURN_VALUE - 3:4-3:12\n11 LOAD_CONST 0 -1:-1--1:-1\n12 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 0 2:4-2:22\n2 LOAD_CONST 1 2:11-2:12\n3 CALL_INTRINSIC_1 7 2:11-2:12\n4 COPY 1 2:11-2:12\n5 STORE_DEREF 0 2:11-2:12\n6 BUILD_TUPLE 1 2:11-2:12\n7 LOAD_CLOSURE 0 2:4-2:22\n8 LOAD_CLOSURE 1 2:4-2:22\n9 BUILD_TUPLE 2 2:4-2:22\n10 LOAD_CONST 2 2:4-2:22\n11 MAKE_FUNCTION - 2:4-2:22\n12 SET_FUNCTION_ATTRIBUTE 8 2:4-2:22\n13 BUILD_TUPLE 3 2:4-2:22\n14 CALL_INTRINSIC_1 11 2:4-2:22\n15 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 2:0-2:0\n1 LOAD_DEREF 1 2:17-2:18\n2 LOAD_DEREF 0 2:20-2:21\n3 BUILD_TUPLE 2 2:16-2:22\n4 RETURN_VALUE - 2:4-2:22\n5 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_function_decorated() {
    assert_eq!(
        codegen_text("@d\ndef f[T](x: T = 1) -> T: pass\n", 0),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:1-1:2\n2 LOAD_CONST 0 2:16-2:17\n3 BUILD_TUPLE 1 2:0-2:29\n4 LOAD_CONST 1 2:0-2:29\n5 MAKE_FUNCTION - 2:0-2:29\n6 SWAP 2 2:0-2:29\n7 CALL 0 2:0-2:29\n8 CALL 0 1:1-1:2\n9 STORE_NAME 1 2:0-2:29\n10 LOAD_CONST 2 -1:-1--1:-1\n11 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 2:6-2:7\n2 CALL_INTRINSIC_1 7 2:6-2:7\n3 COPY 1 2:6-2:7\n4 STORE_FAST 1 2:6-2:7\n5 BUILD_TUPLE 1 2:6-2:7\n6 LOAD_FAST 0 2:0-2:29\n7 LOAD_CONST 1 2:0-2:29\n8 LOAD_FAST 1 2:12-2:13\n9 LOAD_CONST 2 2:0-2:29\n10 LOAD_FAST 1 2:22-2:23\n11 BUILD_TUPLE 4 2:0-2:29\n12 LOAD_CONST 3 2:0-2:29\n13 MAKE_FUNCTION - 2:0-2:29\n14 SET_FUNCTION_ATTRIBUTE 4 2:0-2:29\n15 SET_FUNCTION_ATTRIBUTE 1 2:0-2:29\n16 SWAP 2 2:0-2:29\n17 CALL_INTRINSIC_2 4 2:0-2:29\n18 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 NOP - 2:25-2:29\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn static_attributes_targets() {
    assert_eq!(
        codegen_text(
            "class C:\n    def f(self):\n        self.a, (self.b, *self.c) = 1, (2, 3)\n        for self.d in (): pass\n        with x as self.e: pass\n        self.f += 1\n        del self.g\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-7:18\n2 PUSH_NULL - 1:0-7:18\n3 LOAD_CONST 0 1:0-7:18\n4 MAKE_FUNCTION - 1:0-7:18\n5 LOAD_CONST 1 1:0-7:18\n6 CALL 2 1:0-7:18\n7 STORE_NAME 0 1:0-7:18\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_CONST 2 2:4-7:18\n8 MAKE_FUNCTION - 2:4-7:18\n9 STORE_NAME 4 2:4-7:18\n10 LOAD_CONST 3 -1:-1--1:-1\n11 STORE_NAME 5 -1:-1--1:-1\n12 LOAD_CONST 4 -1:-1--1:-1\n13 RETURN_VALUE - -1:-1--1:-1\n14 LOAD_CONST 4 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 1 3:36-3:45\n2 UNPACK_SEQUENCE 2 3:8-3:33\n3 LOAD_FAST 0 3:8-3:12\n4 STORE_ATTR 0 3:8-3:14\n5 UNPACK_EX 1 3:16-3:33\n6 LOAD_FAST 0 3:17-3:21\n7 STORE_ATTR 1 3:17-3:23\n8 LOAD_FAST 0 3:26-3:30\n9 STORE_ATTR 2 3:26-3:32\n10 LOAD_CONST 2 4:22-4:24\n11 GET_ITER - 4:22-4:24\n12 FOR_ITER 18 4:22-4:24\n13 NOP - 4:12-4:18\n14 LOAD_FAST 0 4:12-4:16\n15 STORE_ATTR 3 4:12-4:18\n16 NOP - 4:26-4:30\n17 JUMP 12 -1:-1--1:-1\n18 END_FOR - -1:-1--1:-1\n19 POP_TOP - -1:-1--1:-1\n20 LOAD_GLOBAL 8 5:13-5:14\n21 BEFORE_WITH - 5:13-5:14\n22 SETUP_WITH 33 5:13-5:14\n23 LOAD_FAST 0 5:18-5:22\n24 STORE_ATTR 5 5:18-5:24\n25 NOP - 5:26-5:30\n26 POP_BLOCK - -1:-1--1:-1\n27 LOAD_CONST 0 5:13-5:14\n28 LOAD_CONST 0 5:13-5:14\n29 LOAD_CONST 0 5:13-5:14\n30 CALL 2 5:13-5:14\n31 POP_TOP - 5:13-5:14\n32 JUMP 48 5:13-5:14\n33 SETUP_CLEANUP 45 5:13-5:14\n34 PUSH_EXC_INFO - 5:13-5:14\n35 WITH_EXCEPT_START - 5:13-5:14\n36 TO_BOOL - -1:-1--1:-1\n37 POP_JUMP_IF_TRUE 39 -1:-1--1:-1\n38 RERAISE 2 -1:-1--1:-1\n39 POP_TOP - -1:-1--1:-1\n40 POP_BLOCK - -1:-1--1:-1\n41 POP_EXCEPT - -1:-1--1:-1\n42 POP_TOP - -1:-1--1:-1\n43 POP_TOP - -1:-1--1:-1\n44 JUMP_NO_INTERRUPT 48 -1:-1--1:-1\n45 COPY 3 -1:-1--1:-1\n46 POP_EXCEPT - -1:-1--1:-1\n47 RERAISE 1 -1:-1--1:-1\n48 LOAD_FAST 0 6:8-6:12\n49 COPY 1 6:8-6:14\n50 LOAD_ATTR 12 6:8-6:14\n51 LOAD_CONST 3 6:18-6:19\n52 BINARY_OP 13 6:8-6:19\n53 SWAP 2 6:8-6:14\n54 STORE_ATTR 6 6:8-6:14\n55 LOAD_FAST 0 7:12-7:16\n56 DELETE_ATTR 7 7:12-7:18\n57 LOAD_CONST 0 -1:-1--1:-1\n58 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn static_attributes_nested_classes() {
    assert_eq!(
        codegen_text(
            "def f():\n    class C:\n        nonlocal_thing = 1\n        def m(self):\n            self.x = 1\n            class D:\n                def n(this): self.y = 2\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-7:39\n2 MAKE_FUNCTION - 1:0-7:39\n3 STORE_NAME 0 1:0-7:39\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_BUILD_CLASS - 2:4-7:39\n2 PUSH_NULL - 2:4-7:39\n3 LOAD_CONST 1 2:4-7:39\n4 MAKE_FUNCTION - 2:4-7:39\n5 LOAD_CONST 2 2:4-7:39\n6 CALL 2 2:4-7:39\n7 STORE_FAST 0 2:4-7:39\n8 LOAD_CONST 0 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_NAME 0 2:0-2:0\n2 STORE_NAME 1 2:0-2:0\n3 LOAD_CONST 0 2:0-2:0\n4 STORE_NAME 2 2:0-2:0\n5 LOAD_CONST 1 2:0-2:0\n6 STORE_NAME 3 2:0-2:0\n7 LOAD_CONST 2 3:25-3:26\n8 STORE_NAME 4 3:8-3:22\n9 LOAD_CONST 3 4:8-7:39\n10 MAKE_FUNCTION - 4:8-7:39\n11 STORE_NAME 5 4:8-7:39\n12 LOAD_CONST 4 -1:-1--1:-1\n13 STORE_NAME 6 -1:-1--1:-1\n14 LOAD_CONST 5 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n16 LOAD_CONST 5 -1:-1--1:-1\n17 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 4:0-4:0\n1 LOAD_CONST 1 5:21-5:22\n2 LOAD_DEREF 0 5:12-5:16\n3 STORE_ATTR 0 5:12-5:18\n4 LOAD_BUILD_CLASS - 6:12-7:39\n5 PUSH_NULL - 6:12-7:39\n6 LOAD_CLOSURE 0 6:12-7:39\n7 BUILD_TUPLE 1 6:12-7:39\n8 LOAD_CONST 2 6:12-7:39\n9 MAKE_FUNCTION - 6:12-7:39\n10 SET_FUNCTION_ATTRIBUTE 8 6:12-7:39\n11 LOAD_CONST 3 6:12-7:39\n12 CALL 2 6:12-7:39\n13 STORE_FAST 1 6:12-7:39\n14 LOAD_CONST 0 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 6:0-6:0\n1 LOAD_NAME 0 6:0-6:0\n2 STORE_NAME 1 6:0-6:0\n3 LOAD_CONST 0 6:0-6:0\n4 STORE_NAME 2 6:0-6:0\n5 LOAD_CONST 1 6:0-6:0\n6 STORE_NAME 3 6:0-6:0\n7 LOAD_CLOSURE 0 7:16-7:39\n8 BUILD_TUPLE 1 7:16-7:39\n9 LOAD_CONST 2 7:16-7:39\n10 MAKE_FUNCTION - 7:16-7:39\n11 SET_FUNCTION_ATTRIBUTE 8 7:16-7:39\n12 STORE_NAME 4 7:16-7:39\n13 LOAD_CONST 3 -1:-1--1:-1\n14 STORE_NAME 5 -1:-1--1:-1\n15 LOAD_CONST 4 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n17 LOAD_CONST 4 -1:-1--1:-1\n18 RETURN_VALUE - -1:-1--1:-1\n--- unit 5\n0 RESUME 0 7:0-7:0\n1 LOAD_CONST 1 7:38-7:39\n2 LOAD_DEREF 0 7:29-7:33\n3 STORE_ATTR 0 7:29-7:35\n4 LOAD_CONST 0 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_mapping_rest_guard_nested() {
    assert_eq!(
        codegen_text(
            "match x:\n    case {\"a\": 1, **rest} if rest:\n        pass\n    case [1, [2, *r], {\"k\": (1 | 2) as a}]:\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:25\n3 MATCH_MAPPING - 2:9-2:25\n4 POP_JUMP_IF_FALSE 37 2:9-2:25\n5 GET_LEN - 2:9-2:25\n6 LOAD_CONST 0 2:9-2:25\n7 COMPARE_OP 172 2:9-2:25\n8 POP_JUMP_IF_FALSE 37 2:9-2:25\n9 LOAD_CONST 1 2:10-2:13\n10 BUILD_TUPLE 1 2:9-2:25\n11 MATCH_KEYS - 2:9-2:25\n12 COPY 1 2:9-2:25\n13 LOAD_CONST 2 2:9-2:25\n14 IS_OP 1 2:9-2:25\n15 POP_JUMP_IF_FALSE 35 2:9-2:25\n16 UNPACK_SEQUENCE 1 2:9-2:25\n17 LOAD_CONST 0 2:15-2:16\n18 COMPARE_OP 72 2:15-2:16\n19 TO_BOOL - 2:15-2:16\n20 POP_JUMP_IF_FALSE 36 2:15-2:16\n21 BUILD_MAP 0 2:9-2:25\n22 SWAP 3 2:9-2:25\n23 DICT_UPDATE 2 2:9-2:25\n24 UNPACK_SEQUENCE 1 2:9-2:25\n25 COPY 2 2:9-2:25\n26 SWAP 2 2:9-2:25\n27 DELETE_SUBSCR - 2:9-2:25\n28 STORE_NAME 1 2:9-2:25\n29 LOAD_NAME 1 2:29-2:33\n30 TO_BOOL - 2:29-2:33\n31 POP_JUMP_IF_FALSE 38 2:29-2:33\n32 POP_TOP - 2:9-2:25\n33 NOP - 3:8-3:12\n34 JUMP 104 -1:-1--1:-1\n35 POP_TOP - 2:9-2:25\n36 POP_TOP - 2:9-2:25\n37 POP_TOP - 2:9-2:25\n38 MATCH_SEQUENCE - 4:9-4:42\n39 POP_JUMP_IF_FALSE 103 4:9-4:42\n40 GET_LEN - 4:9-4:42\n41 LOAD_CONST 3 4:9-4:42\n42 COMPARE_OP 72 4:9-4:42\n43 POP_JUMP_IF_FALSE 103 4:9-4:42\n44 UNPACK_SEQUENCE 3 4:9-4:42\n45 LOAD_CONST 0 4:10-4:11\n46 COMPARE_OP 72 4:10-4:11\n47 TO_BOOL - 4:10-4:11\n48 POP_JUMP_IF_FALSE 102 4:10-4:11\n49 MATCH_SEQUENCE - 4:13-4:20\n50 POP_JUMP_IF_FALSE 102 4:13-4:20\n51 GET_LEN - 4:13-4:20\n52 LOAD_CONST 0 4:13-4:20\n53 COMPARE_OP 172 4:13-4:20\n54 POP_JUMP_IF_FALSE 102 4:13-4:20\n55 UNPACK_EX 1 4:13-4:20\n56 LOAD_CONST 4 4:14-4:15\n57 COMPARE_OP 72 4:14-4:15\n58 TO_BOOL - 4:14-4:15\n59 POP_JUMP_IF_FALSE 102 4:14-4:15\n60 SWAP 2 4:17-4:19\n61 MATCH_MAPPING - 4:22-4:41\n62 POP_JUMP_IF_FALSE 102 4:22-4:41\n63 GET_LEN - 4:22-4:41\n64 LOAD_CONST 0 4:22-4:41\n65 COMPARE_OP 172 4:22-4:41\n66 POP_JUMP_IF_FALSE 102 4:22-4:41\n67 LOAD_CONST 5 4:23-4:26\n68 BUILD_TUPLE 1 4:22-4:41\n69 MATCH_KEYS - 4:22-4:41\n70 COPY 1 4:22-4:41\n71 LOAD_CONST 2 4:22-4:41\n72 IS_OP 1 4:22-4:41\n73 POP_JUMP_IF_FALSE 100 4:22-4:41\n74 UNPACK_SEQUENCE 1 4:22-4:41\n75 COPY 1 4:28-4:40\n76 COPY 1 4:29-4:30\n77 LOAD_CONST 0 4:29-4:30\n78 COMPARE_OP 72 4:29-4:30\n79 TO_BOOL - 4:29-4:30\n80 POP_JUMP_IF_FALSE 82 4:29-4:30\n81 JUMP 90 4:29-4:30\n82 COPY 1 4:33-4:34\n83 LOAD_CONST 4 4:33-4:34\n84 COMPARE_OP 72 4:33-4:34\n85 TO_BOOL - 4:33-4:34\n86 POP_JUMP_IF_FALSE 88 4:33-4:34\n87 JUMP 90 4:33-4:34\n88 POP_TOP - 4:29-4:34\n89 JUMP 100 4:29-4:34\n90 POP_TOP - 4:29-4:34\n91 SWAP 4 4:28-4:40\n92 SWAP 3 4:28-4:40\n93 SWAP 2 4:28-4:40\n94 POP_TOP - 4:22-4:41\n95 POP_TOP - 4:22-4:41\n96 STORE_NAME 2 4:9-4:42\n97 STORE_NAME 3 4:9-4:42\n98 NOP - 5:8-5:12\n99 JUMP 104 -1:-1--1:-1\n100 POP_TOP - 4:9-4:42\n101 POP_TOP - 4:9-4:42\n102 POP_TOP - 4:9-4:42\n103 POP_TOP - 4:9-4:42\n104 LOAD_CONST 2 -1:-1--1:-1\n105 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_class_or_reordering() {
    assert_eq!(
        codegen_text(
            "match x:\n    case A.B(c=[d, e], f={1: g}) | A.C(c=[e, d], f={1: g}):\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:6-1:7\n2 COPY 1 2:9-2:32\n3 LOAD_NAME 1 2:9-2:10\n4 LOAD_ATTR 4 2:9-2:12\n5 LOAD_CONST 0 2:9-2:32\n6 MATCH_CLASS 0 2:9-2:32\n7 COPY 1 2:9-2:32\n8 LOAD_CONST 1 2:9-2:32\n9 IS_OP 1 2:9-2:32\n10 POP_JUMP_IF_FALSE 48 2:9-2:32\n11 UNPACK_SEQUENCE 2 2:9-2:32\n12 MATCH_SEQUENCE - 2:15-2:21\n13 POP_JUMP_IF_FALSE 47 2:15-2:21\n14 GET_LEN - 2:15-2:21\n15 LOAD_CONST 2 2:15-2:21\n16 COMPARE_OP 72 2:15-2:21\n17 POP_JUMP_IF_FALSE 47 2:15-2:21\n18 UNPACK_SEQUENCE 2 2:15-2:21\n19 SWAP 3 2:16-2:17\n20 SWAP 2 2:16-2:17\n21 SWAP 3 2:19-2:20\n22 SWAP 2 2:19-2:20\n23 MATCH_MAPPING - 2:25-2:31\n24 POP_JUMP_IF_FALSE 46 2:25-2:31\n25 GET_LEN - 2:25-2:31\n26 LOAD_CONST 3 2:25-2:31\n27 COMPARE_OP 172 2:25-2:31\n28 POP_JUMP_IF_FALSE 46 2:25-2:31\n29 LOAD_CONST 3 2:26-2:27\n30 BUILD_TUPLE 1 2:25-2:31\n31 MATCH_KEYS - 2:25-2:31\n32 COPY 1 2:25-2:31\n33 LOAD_CONST 1 2:25-2:31\n34 IS_OP 1 2:25-2:31\n35 POP_JUMP_IF_FALSE 44 2:25-2:31\n36 UNPACK_SEQUENCE 1 2:25-2:31\n37 SWAP 5 2:29-2:30\n38 SWAP 4 2:29-2:30\n39 SWAP 3 2:29-2:30\n40 SWAP 2 2:29-2:30\n41 POP_TOP - 2:25-2:31\n42 POP_TOP - 2:25-2:31\n43 JUMP 99 2:9-2:32\n44 POP_TOP - 2:9-2:32\n45 POP_TOP - 2:9-2:32\n46 POP_TOP - 2:9-2:32\n47 POP_TOP - 2:9-2:32\n48 POP_TOP - 2:9-2:32\n49 COPY 1 2:35-2:58\n50 LOAD_NAME 1 2:35-2:36\n51 LOAD_ATTR 6 2:35-2:38\n52 LOAD_CONST 0 2:35-2:58\n53 MATCH_CLASS 0 2:35-2:58\n54 COPY 1 2:35-2:58\n55 LOAD_CONST 1 2:35-2:58\n56 IS_OP 1 2:35-2:58\n57 POP_JUMP_IF_FALSE 96 2:35-2:58\n58 UNPACK_SEQUENCE 2 2:35-2:58\n59 MATCH_SEQUENCE - 2:41-2:47\n60 POP_JUMP_IF_FALSE 95 2:41-2:47\n61 GET_LEN - 2:41-2:47\n62 LOAD_CONST 2 2:41-2:47\n63 COMPARE_OP 72 2:41-2:47\n64 POP_JUMP_IF_FALSE 95 2:41-2:47\n65 UNPACK_SEQUENCE 2 2:41-2:47\n66 SWAP 3 2:42-2:43\n67 SWAP 2 2:42-2:43\n68 SWAP 3 2:45-2:46\n69 SWAP 2 2:45-2:46\n70 MATCH_MAPPING - 2:51-2:57\n71 POP_JUMP_IF_FALSE 94 2:51-2:57\n72 GET_LEN - 2:51-2:57\n73 LOAD_CONST 3 2:51-2:57\n74 COMPARE_OP 172 2:51-2:57\n75 POP_JUMP_IF_FALSE 94 2:51-2:57\n76 LOAD_CONST 3 2:52-2:53\n77 BUILD_TUPLE 1 2:51-2:57\n78 MATCH_KEYS - 2:51-2:57\n79 COPY 1 2:51-2:57\n80 LOAD_CONST 1 2:51-2:57\n81 IS_OP 1 2:51-2:57\n82 POP_JUMP_IF_FALSE 92 2:51-2:57\n83 UNPACK_SEQUENCE 1 2:51-2:57\n84 SWAP 5 2:55-2:56\n85 SWAP 4 2:55-2:56\n86 SWAP 3 2:55-2:56\n87 SWAP 2 2:55-2:56\n88 POP_TOP - 2:51-2:57\n89 POP_TOP - 2:51-2:57\n90 SWAP 2 2:35-2:58\n91 JUMP 99 2:35-2:58\n92 POP_TOP - 2:35-2:58\n93 POP_TOP - 2:35-2:58\n94 POP_TOP - 2:35-2:58\n95 POP_TOP - 2:35-2:58\n96 POP_TOP - 2:35-2:58\n97 POP_TOP - 2:9-2:58\n98 JUMP 114 2:9-2:58\n99 SWAP 4 2:9-2:58\n100 SWAP 3 2:9-2:58\n101 SWAP 2 2:9-2:58\n102 SWAP 4 2:9-2:58\n103 SWAP 3 2:9-2:58\n104 SWAP 2 2:9-2:58\n105 SWAP 4 2:9-2:58\n106 SWAP 3 2:9-2:58\n107 SWAP 2 2:9-2:58\n108 POP_TOP - 2:9-2:58\n109 STORE_NAME 4 2:9-2:58\n110 STORE_NAME 5 2:9-2:58\n111 STORE_NAME 6 2:9-2:58\n112 NOP - 3:8-3:12\n113 JUMP 114 -1:-1--1:-1\n114 LOAD_CONST 1 -1:-1--1:-1\n115 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_tuple_subject_guard() {
    assert_eq!(
        codegen_text(
            "match (a, b):\n    case (1, _) | (_, 1) if a:\n        pass\n    case (x, y) as z:\n        pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_NAME 0 1:7-1:8\n2 LOAD_NAME 1 1:10-1:11\n3 BUILD_TUPLE 2 1:6-1:12\n4 COPY 1 2:9-2:24\n5 COPY 1 2:9-2:15\n6 MATCH_SEQUENCE - 2:9-2:15\n7 POP_JUMP_IF_FALSE 19 2:9-2:15\n8 GET_LEN - 2:9-2:15\n9 LOAD_CONST 0 2:9-2:15\n10 COMPARE_OP 72 2:9-2:15\n11 POP_JUMP_IF_FALSE 19 2:9-2:15\n12 UNPACK_SEQUENCE 2 2:9-2:15\n13 LOAD_CONST 1 2:10-2:11\n14 COMPARE_OP 72 2:10-2:11\n15 TO_BOOL - 2:10-2:11\n16 POP_JUMP_IF_FALSE 19 2:10-2:11\n17 POP_TOP - 2:13-2:14\n18 JUMP 37 2:9-2:15\n19 POP_TOP - 2:9-2:15\n20 COPY 1 2:18-2:24\n21 MATCH_SEQUENCE - 2:18-2:24\n22 POP_JUMP_IF_FALSE 34 2:18-2:24\n23 GET_LEN - 2:18-2:24\n24 LOAD_CONST 0 2:18-2:24\n25 COMPARE_OP 72 2:18-2:24\n26 POP_JUMP_IF_FALSE 34 2:18-2:24\n27 UNPACK_SEQUENCE 2 2:18-2:24\n28 POP_TOP - 2:19-2:20\n29 LOAD_CONST 1 2:22-2:23\n30 COMPARE_OP 72 2:22-2:23\n31 TO_BOOL - 2:22-2:23\n32 POP_JUMP_IF_FALSE 35 2:22-2:23\n33 JUMP 37 2:18-2:24\n34 POP_TOP - 2:18-2:24\n35 POP_TOP - 2:9-2:24\n36 JUMP 44 2:9-2:24\n37 POP_TOP - 2:9-2:24\n38 LOAD_NAME 0 2:28-2:29\n39 TO_BOOL - 2:28-2:29\n40 POP_JUMP_IF_FALSE 44 2:28-2:29\n41 POP_TOP - 2:9-2:24\n42 NOP - 3:8-3:12\n43 JUMP 65 -1:-1--1:-1\n44 COPY 1 4:9-4:20\n45 MATCH_SEQUENCE - 4:9-4:15\n46 POP_JUMP_IF_FALSE 63 4:9-4:15\n47 GET_LEN - 4:9-4:15\n48 LOAD_CONST 0 4:9-4:15\n49 COMPARE_OP 72 4:9-4:15\n50 POP_JUMP_IF_FALSE 63 4:9-4:15\n51 UNPACK_SEQUENCE 2 4:9-4:15\n52 SWAP 3 4:10-4:11\n53 SWAP 2 4:10-4:11\n54 SWAP 3 4:13-4:14\n55 SWAP 2 4:13-4:14\n56 SWAP 3 4:9-4:20\n57 SWAP 2 4:9-4:20\n58 STORE_NAME 2 4:9-4:20\n59 STORE_NAME 3 4:9-4:20\n60 STORE_NAME 4 4:9-4:20\n61 NOP - 5:8-5:12\n62 JUMP 65 -1:-1--1:-1\n63 POP_TOP - 4:9-4:20\n64 POP_TOP - 4:9-4:20\n65 LOAD_CONST 2 -1:-1--1:-1\n66 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn match_str_bytes_star_rest() {
    assert_eq!(
        codegen_text(
            "def f():\n    match x:\n        case str() | bytes():\n            pass\n        case [*_, last]:\n            return last\n        case {**kw}:\n            return kw\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-8:21\n2 MAKE_FUNCTION - 1:0-8:21\n3 STORE_NAME 0 1:0-8:21\n4 LOAD_CONST 1 -1:-1--1:-1\n5 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 2:10-2:11\n2 COPY 1 3:13-3:28\n3 COPY 1 3:13-3:18\n4 LOAD_GLOBAL 2 3:13-3:16\n5 LOAD_CONST 1 3:13-3:18\n6 MATCH_CLASS 0 3:13-3:18\n7 COPY 1 3:13-3:18\n8 LOAD_CONST 0 3:13-3:18\n9 IS_OP 1 3:13-3:18\n10 POP_JUMP_IF_FALSE 13 3:13-3:18\n11 UNPACK_SEQUENCE 0 3:13-3:18\n12 JUMP 27 3:13-3:18\n13 POP_TOP - 3:13-3:18\n14 COPY 1 3:21-3:28\n15 LOAD_GLOBAL 4 3:21-3:26\n16 LOAD_CONST 1 3:21-3:28\n17 MATCH_CLASS 0 3:21-3:28\n18 COPY 1 3:21-3:28\n19 LOAD_CONST 0 3:21-3:28\n20 IS_OP 1 3:21-3:28\n21 POP_JUMP_IF_FALSE 24 3:21-3:28\n22 UNPACK_SEQUENCE 0 3:21-3:28\n23 JUMP 27 3:21-3:28\n24 POP_TOP - 3:21-3:28\n25 POP_TOP - 3:13-3:28\n26 JUMP 31 3:13-3:28\n27 POP_TOP - 3:13-3:28\n28 POP_TOP - 3:13-3:28\n29 NOP - 4:12-4:16\n30 JUMP 71 -1:-1--1:-1\n31 COPY 1 5:13-5:23\n32 MATCH_SEQUENCE - 5:13-5:23\n33 POP_JUMP_IF_FALSE 50 5:13-5:23\n34 GET_LEN - 5:13-5:23\n35 LOAD_CONST 2 5:13-5:23\n36 COMPARE_OP 172 5:13-5:23\n37 POP_JUMP_IF_FALSE 50 5:13-5:23\n38 COPY 1 5:13-5:23\n39 GET_LEN - 5:13-5:23\n40 LOAD_CONST 2 5:13-5:23\n41 BINARY_OP 10 5:13-5:23\n42 BINARY_SUBSCR - 5:13-5:23\n43 SWAP 2 5:18-5:22\n44 POP_TOP - 5:13-5:23\n45 STORE_FAST 0 5:13-5:23\n46 POP_TOP - 5:13-5:23\n47 LOAD_FAST 0 6:19-6:23\n48 RETURN_VALUE - 6:12-6:23\n49 JUMP 71 -1:-1--1:-1\n50 POP_TOP - 5:13-5:23\n51 MATCH_MAPPING - 7:13-7:19\n52 POP_JUMP_IF_FALSE 70 7:13-7:19\n53 BUILD_TUPLE 0 7:13-7:19\n54 MATCH_KEYS - 7:13-7:19\n55 COPY 1 7:13-7:19\n56 LOAD_CONST 0 7:13-7:19\n57 IS_OP 1 7:13-7:19\n58 POP_JUMP_IF_FALSE 68 7:13-7:19\n59 UNPACK_SEQUENCE 0 7:13-7:19\n60 BUILD_MAP 0 7:13-7:19\n61 SWAP 3 7:13-7:19\n62 DICT_UPDATE 2 7:13-7:19\n63 UNPACK_SEQUENCE 0 7:13-7:19\n64 STORE_FAST 1 7:13-7:19\n65 LOAD_FAST 1 8:19-8:21\n66 RETURN_VALUE - 8:12-8:21\n67 JUMP 71 -1:-1--1:-1\n68 POP_TOP - 7:13-7:19\n69 POP_TOP - 7:13-7:19\n70 POP_TOP - 7:13-7:19\n71 LOAD_CONST 0 -1:-1--1:-1\n72 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn method_decorators_async_kwonly() {
    assert_eq!(
        codegen_text(
            "class C:\n    @staticmethod\n    @decorator.with_args(a, b=c)\n    async def m(*, k: int = 0, **kw) -> \"R\":\n        \"doc\"\n        await k\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-6:15\n2 PUSH_NULL - 1:0-6:15\n3 LOAD_CONST 0 1:0-6:15\n4 MAKE_FUNCTION - 1:0-6:15\n5 LOAD_CONST 1 1:0-6:15\n6 CALL 2 1:0-6:15\n7 STORE_NAME 0 1:0-6:15\n8 LOAD_CONST 2 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_NAME 4 2:5-2:17\n8 LOAD_NAME 5 3:5-3:14\n9 LOAD_ATTR 13 3:5-3:24\n10 LOAD_NAME 7 3:25-3:26\n11 LOAD_NAME 8 3:30-3:31\n12 LOAD_CONST 2 3:5-3:24\n13 CALL_KW 2 3:5-3:32\n14 LOAD_CONST 3 4:28-4:29\n15 LOAD_CONST 4 4:4-6:15\n16 BUILD_CONST_KEY_MAP 1 4:4-6:15\n17 LOAD_CONST 5 4:4-6:15\n18 LOAD_NAME 9 4:22-4:25\n19 LOAD_CONST 6 4:4-6:15\n20 LOAD_CONST 7 4:40-4:43\n21 BUILD_TUPLE 4 4:4-6:15\n22 LOAD_CONST 8 4:4-6:15\n23 MAKE_FUNCTION - 4:4-6:15\n24 SET_FUNCTION_ATTRIBUTE 4 4:4-6:15\n25 SET_FUNCTION_ATTRIBUTE 2 4:4-6:15\n26 CALL 0 3:5-3:32\n27 CALL 0 2:5-2:17\n28 STORE_NAME 10 4:4-6:15\n29 LOAD_CONST 9 -1:-1--1:-1\n30 STORE_NAME 11 -1:-1--1:-1\n31 LOAD_CONST 10 -1:-1--1:-1\n32 RETURN_VALUE - -1:-1--1:-1\n33 LOAD_CONST 10 -1:-1--1:-1\n34 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 SETUP_CLEANUP 16 -1:-1--1:-1\n1 RESUME 0 2:0-2:0\n2 LOAD_FAST 0 6:14-6:15\n3 GET_AWAITABLE 0 6:8-6:15\n4 LOAD_CONST 1 6:8-6:15\n5 SEND 12 6:8-6:15\n6 SETUP_FINALLY 11 6:8-6:15\n7 YIELD_VALUE 1 6:8-6:15\n8 POP_BLOCK - -1:-1--1:-1\n9 RESUME 3 6:8-6:15\n10 JUMP_NO_INTERRUPT 5 6:8-6:15\n11 CLEANUP_THROW - 6:8-6:15\n12 END_SEND - 6:8-6:15\n13 POP_TOP - -1:-1--1:-1\n14 LOAD_CONST 1 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n16 CALL_INTRINSIC_1 3 -1:-1--1:-1\n17 RERAISE 1 -1:-1--1:-1\n18 LOAD_CONST 1 -1:-1--1:-1\n19 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn future_annotations_class() {
    assert_eq!(
        codegen_text(
            "from __future__ import annotations\nclass C:\n    x: list[int] = []\n    def f(self, a: C | None, *b: int, **c: dict[str, \"x\"]) -> tuple[int, ...]: pass\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-1:34\n2 LOAD_CONST 1 1:0-1:34\n3 IMPORT_NAME 0 1:0-1:34\n4 IMPORT_FROM 1 1:0-1:34\n5 STORE_NAME 1 1:0-1:34\n6 POP_TOP - 1:0-1:34\n7 LOAD_BUILD_CLASS - 2:0-4:83\n8 PUSH_NULL - 2:0-4:83\n9 LOAD_CONST 2 2:0-4:83\n10 MAKE_FUNCTION - 2:0-4:83\n11 LOAD_CONST 3 2:0-4:83\n12 CALL 2 2:0-4:83\n13 STORE_NAME 2 2:0-4:83\n14 LOAD_CONST 4 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 2:0-2:0\n1 LOAD_NAME 0 2:0-2:0\n2 STORE_NAME 1 2:0-2:0\n3 LOAD_CONST 0 2:0-2:0\n4 STORE_NAME 2 2:0-2:0\n5 LOAD_CONST 1 2:0-2:0\n6 STORE_NAME 3 2:0-2:0\n7 SETUP_ANNOTATIONS - 2:0-2:0\n8 BUILD_LIST 0 3:19-3:21\n9 STORE_NAME 4 3:4-3:5\n10 LOAD_CONST 2 3:7-3:16\n11 LOAD_NAME 5 3:4-3:21\n12 LOAD_CONST 3 3:4-3:21\n13 STORE_SUBSCR - 3:4-3:21\n14 LOAD_CONST 4 4:4-4:83\n15 LOAD_CONST 5 4:19-4:27\n16 LOAD_CONST 6 4:4-4:83\n17 LOAD_CONST 7 4:33-4:36\n18 LOAD_CONST 8 4:4-4:83\n19 LOAD_CONST 9 4:43-4:57\n20 LOAD_CONST 10 4:4-4:83\n21 LOAD_CONST 11 4:62-4:77\n22 BUILD_TUPLE 8 4:4-4:83\n23 LOAD_CONST 12 4:4-4:83\n24 MAKE_FUNCTION - 4:4-4:83\n25 SET_FUNCTION_ATTRIBUTE 4 4:4-4:83\n26 STORE_NAME 6 4:4-4:83\n27 LOAD_CONST 13 -1:-1--1:-1\n28 STORE_NAME 7 -1:-1--1:-1\n29 LOAD_CONST 14 -1:-1--1:-1\n30 RETURN_VALUE - -1:-1--1:-1\n31 LOAD_CONST 14 -1:-1--1:-1\n32 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 4:0-4:0\n1 NOP - 4:79-4:83\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn parameter_kinds() {
    assert_eq!(
        codegen_text(
            "def f(*, a, b=1, c, d=2): pass\ndef g(a, /, b, *, c): pass\nlambda *a, **k: 0\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:14-1:15\n2 LOAD_CONST 1 1:22-1:23\n3 LOAD_CONST 2 1:0-1:30\n4 BUILD_CONST_KEY_MAP 2 1:0-1:30\n5 LOAD_CONST 3 1:0-1:30\n6 MAKE_FUNCTION - 1:0-1:30\n7 SET_FUNCTION_ATTRIBUTE 2 1:0-1:30\n8 STORE_NAME 0 1:0-1:30\n9 LOAD_CONST 4 2:0-2:26\n10 MAKE_FUNCTION - 2:0-2:26\n11 STORE_NAME 1 2:0-2:26\n12 LOAD_CONST 5 3:0-3:17\n13 MAKE_FUNCTION - 3:0-3:17\n14 POP_TOP - -1:-1--1:-1\n15 LOAD_CONST 6 -1:-1--1:-1\n16 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 NOP - 1:26-1:30\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 NOP - 2:22-2:26\n2 LOAD_CONST 0 -1:-1--1:-1\n3 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 3:0-3:0\n1 LOAD_CONST 1 3:16-3:17\n2 RETURN_VALUE - 3:16-3:17\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn class_keywords_super() {
    assert_eq!(
        codegen_text(
            "class C(metaclass=M, **kw):\n    def __init_subclass__(cls): super().__init_subclass__()\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_BUILD_CLASS - 1:0-2:59\n2 PUSH_NULL - 1:0-2:59\n3 LOAD_CONST 0 1:0-2:59\n4 MAKE_FUNCTION - 1:0-2:59\n5 LOAD_CONST 1 1:0-2:59\n6 BUILD_TUPLE 2 1:0-2:59\n7 LOAD_CONST 2 1:0-2:59\n8 LOAD_NAME 0 1:18-1:19\n9 BUILD_MAP 1 1:0-2:59\n10 LOAD_NAME 1 1:23-1:25\n11 DICT_MERGE 1 1:0-2:59\n12 CALL_FUNCTION_EX 1 1:0-2:59\n13 STORE_NAME 2 1:0-2:59\n14 LOAD_CONST 3 -1:-1--1:-1\n15 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_NAME 0 1:0-1:0\n2 STORE_NAME 1 1:0-1:0\n3 LOAD_CONST 0 1:0-1:0\n4 STORE_NAME 2 1:0-1:0\n5 LOAD_CONST 1 1:0-1:0\n6 STORE_NAME 3 1:0-1:0\n7 LOAD_CLOSURE 0 2:4-2:59\n8 BUILD_TUPLE 1 2:4-2:59\n9 LOAD_CONST 2 2:4-2:59\n10 MAKE_FUNCTION - 2:4-2:59\n11 SET_FUNCTION_ATTRIBUTE 8 2:4-2:59\n12 STORE_NAME 4 2:4-2:59\n13 LOAD_CONST 3 -1:-1--1:-1\n14 STORE_NAME 5 -1:-1--1:-1\n15 LOAD_CLOSURE 0 -1:-1--1:-1\n16 COPY 1 -1:-1--1:-1\n17 STORE_NAME 6 -1:-1--1:-1\n18 RETURN_VALUE - -1:-1--1:-1\n19 LOAD_CONST 4 -1:-1--1:-1\n20 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 2:0-2:0\n1 LOAD_GLOBAL 0 2:32-2:37\n2 LOAD_DEREF 0 2:32-2:39\n3 LOAD_FAST 0 2:32-2:39\n4 LOAD_SUPER_ATTR 5 2:32-2:57\n5 NOP - 2:32-2:57\n6 CALL 0 2:32-2:59\n7 POP_TOP - -1:-1--1:-1\n8 LOAD_CONST 0 -1:-1--1:-1\n9 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn type_alias_variadic_defaults() {
    assert_eq!(
        codegen_text(
            "type A[*Ts, **P] = tuple[*Ts]\ntype B[T = int, *U = *tuple[str]] = None\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-1:29\n2 MAKE_FUNCTION - 1:0-1:29\n3 PUSH_NULL - 1:0-1:29\n4 CALL 0 1:0-1:29\n5 STORE_NAME 0 1:0-1:29\n6 LOAD_CONST 1 2:0-2:40\n7 MAKE_FUNCTION - 2:0-2:40\n8 PUSH_NULL - 2:0-2:40\n9 CALL 0 2:0-2:40\n10 STORE_NAME 1 2:0-2:40\n11 LOAD_CONST 2 -1:-1--1:-1\n12 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:0-1:29\n2 LOAD_CONST 1 1:7-1:10\n3 CALL_INTRINSIC_1 9 1:7-1:10\n4 COPY 1 1:7-1:10\n5 STORE_DEREF 0 1:7-1:10\n6 LOAD_CONST 2 1:12-1:15\n7 CALL_INTRINSIC_1 8 1:12-1:15\n8 COPY 1 1:12-1:15\n9 STORE_FAST 0 1:12-1:15\n10 BUILD_TUPLE 2 1:7-1:10\n11 LOAD_CLOSURE 0 1:0-1:29\n12 BUILD_TUPLE 1 1:0-1:29\n13 LOAD_CONST 3 1:0-1:29\n14 MAKE_FUNCTION - 1:0-1:29\n15 SET_FUNCTION_ATTRIBUTE 8 1:0-1:29\n16 BUILD_TUPLE 3 1:0-1:29\n17 CALL_INTRINSIC_1 11 1:0-1:29\n18 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:19-1:24\n2 BUILD_LIST 0 1:25-1:28\n3 LOAD_DEREF 0 1:26-1:28\n4 LIST_EXTEND 1 1:25-1:28\n5 CALL_INTRINSIC_1 6 1:25-1:28\n6 BINARY_SUBSCR - 1:19-1:29\n7 RETURN_VALUE - 1:0-1:29\n8 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 0 2:0-2:40\n2 LOAD_CONST 1 2:7-2:14\n3 CALL_INTRINSIC_1 7 2:7-2:14\n4 LOAD_CONST 2 2:11-2:14\n5 MAKE_FUNCTION - 2:11-2:14\n6 CALL_INTRINSIC_2 5 2:7-2:14\n7 COPY 1 2:7-2:14\n8 STORE_FAST 0 2:7-2:14\n9 LOAD_CONST 3 2:16-2:32\n10 CALL_INTRINSIC_1 9 2:16-2:32\n11 LOAD_CONST 4 2:21-2:32\n12 MAKE_FUNCTION - 2:21-2:32\n13 CALL_INTRINSIC_2 5 2:16-2:32\n14 COPY 1 2:16-2:32\n15 STORE_FAST 1 2:16-2:32\n16 BUILD_TUPLE 2 2:7-2:14\n17 LOAD_CONST 5 2:0-2:40\n18 MAKE_FUNCTION - 2:0-2:40\n19 BUILD_TUPLE 3 2:0-2:40\n20 CALL_INTRINSIC_1 11 2:0-2:40\n21 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 2:0-2:0\n1 LOAD_GLOBAL 0 2:11-2:14\n2 RETURN_VALUE - 2:11-2:14\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n--- unit 5\n0 RESUME 0 2:0-2:0\n1 LOAD_GLOBAL 0 2:22-2:27\n2 LOAD_GLOBAL 2 2:28-2:31\n3 BINARY_SUBSCR - 2:22-2:32\n4 UNPACK_SEQUENCE 1 2:21-2:32\n5 RETURN_VALUE - 2:21-2:32\n6 LOAD_CONST 0 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n--- unit 6\n0 RESUME 0 2:0-2:0\n1 LOAD_CONST 0 2:36-2:40\n2 RETURN_VALUE - 2:0-2:40\n3 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn generic_function_constraints_closure() {
    assert_eq!(
        codegen_text(
            "def f[T: (int, str), U = list[T]]():\n    def g(): return T\n    return g\n",
            0
        ),
        "--- unit 0\n0 RESUME 0 0:0-1:0\n1 LOAD_CONST 0 1:0-3:12\n2 MAKE_FUNCTION - 1:0-3:12\n3 PUSH_NULL - 1:0-3:12\n4 CALL 0 1:0-3:12\n5 STORE_NAME 0 1:0-3:12\n6 LOAD_CONST 1 -1:-1--1:-1\n7 RETURN_VALUE - -1:-1--1:-1\n--- unit 1\n0 RESUME 0 1:0-1:0\n1 LOAD_CONST 0 1:6-1:19\n2 LOAD_CONST 1 1:9-1:19\n3 MAKE_FUNCTION - 1:9-1:19\n4 CALL_INTRINSIC_2 3 1:6-1:19\n5 COPY 1 1:6-1:19\n6 STORE_DEREF 0 1:6-1:19\n7 LOAD_CONST 2 1:21-1:32\n8 CALL_INTRINSIC_1 7 1:21-1:32\n9 LOAD_CLOSURE 0 1:25-1:32\n10 BUILD_TUPLE 1 1:25-1:32\n11 LOAD_CONST 3 1:25-1:32\n12 MAKE_FUNCTION - 1:25-1:32\n13 SET_FUNCTION_ATTRIBUTE 8 1:25-1:32\n14 CALL_INTRINSIC_2 5 1:21-1:32\n15 COPY 1 1:21-1:32\n16 STORE_FAST 1 1:21-1:32\n17 BUILD_TUPLE 2 1:6-1:19\n18 LOAD_CLOSURE 0 1:0-3:12\n19 BUILD_TUPLE 1 1:0-3:12\n20 LOAD_CONST 4 1:0-3:12\n21 MAKE_FUNCTION - 1:0-3:12\n22 SET_FUNCTION_ATTRIBUTE 8 1:0-3:12\n23 SWAP 2 1:0-3:12\n24 CALL_INTRINSIC_2 4 1:0-3:12\n25 RETURN_VALUE - -1:-1--1:-1\n--- unit 2\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:10-1:13\n2 LOAD_GLOBAL 2 1:15-1:18\n3 BUILD_TUPLE 2 1:9-1:19\n4 RETURN_VALUE - 1:9-1:19\n5 LOAD_CONST 0 -1:-1--1:-1\n6 RETURN_VALUE - -1:-1--1:-1\n--- unit 3\n0 RESUME 0 1:0-1:0\n1 LOAD_GLOBAL 0 1:25-1:29\n2 LOAD_DEREF 0 1:30-1:31\n3 BINARY_SUBSCR - 1:25-1:32\n4 RETURN_VALUE - 1:25-1:32\n5 LOAD_CONST 0 -1:-1--1:-1\n6 RETURN_VALUE - -1:-1--1:-1\n--- unit 4\n0 RESUME 0 1:0-1:0\n1 LOAD_CLOSURE 0 2:4-2:21\n2 BUILD_TUPLE 1 2:4-2:21\n3 LOAD_CONST 1 2:4-2:21\n4 MAKE_FUNCTION - 2:4-2:21\n5 SET_FUNCTION_ATTRIBUTE 8 2:4-2:21\n6 STORE_FAST 0 2:4-2:21\n7 LOAD_FAST 0 3:11-3:12\n8 RETURN_VALUE - 3:4-3:12\n9 LOAD_CONST 0 -1:-1--1:-1\n10 RETURN_VALUE - -1:-1--1:-1\n--- unit 5\n0 RESUME 0 2:0-2:0\n1 LOAD_DEREF 0 2:20-2:21\n2 RETURN_VALUE - 2:13-2:21\n3 LOAD_CONST 0 -1:-1--1:-1\n4 RETURN_VALUE - -1:-1--1:-1\n"
    );
}

#[test]
fn error_debug_parameter() {
    assert_eq!(
        compile_error("def f(__debug__): pass\n"),
        "cannot assign to __debug__ @ 1:7-1:16"
    );
}

#[test]
fn error_debug_lambda_parameter() {
    assert_eq!(
        compile_error("lambda __debug__: 1\n"),
        "cannot assign to __debug__ @ 1:8-1:17"
    );
}

#[test]
fn error_debug_kwonly() {
    assert_eq!(
        compile_error("def f(*, __debug__=1): pass\n"),
        "cannot assign to __debug__ @ 1:10-1:19"
    );
}

#[test]
fn error_debug_class_pattern_keyword() {
    assert_eq!(
        compile_error("match x:\n    case C(__debug__=1):\n        pass\n"),
        "cannot assign to __debug__ @ 2:22-2:23"
    );
}

#[test]
fn error_debug_capture() {
    assert_eq!(
        compile_error("match x:\n    case [__debug__]:\n        pass\n"),
        "cannot assign to __debug__ @ 2:11-2:20"
    );
}

#[test]
fn error_duplicate_capture() {
    assert_eq!(
        compile_error("match x:\n    case [a, a]:\n        pass\n"),
        "multiple assignments to name 'a' in pattern @ 2:14-2:15"
    );
}

#[test]
fn error_duplicate_capture_or() {
    assert_eq!(
        compile_error("match x:\n    case [a, (a | a)]:\n        pass\n"),
        "name capture 'a' makes remaining patterns unreachable @ 2:15-2:16"
    );
}

#[test]
fn error_name_capture_unreachable() {
    assert_eq!(
        compile_error("match x:\n    case y:\n        pass\n    case 1:\n        pass\n"),
        "name capture 'y' makes remaining patterns unreachable @ 2:10-2:11"
    );
}

#[test]
fn error_wildcard_unreachable() {
    assert_eq!(
        compile_error("match x:\n    case _:\n        pass\n    case 1:\n        pass\n"),
        "wildcard makes remaining patterns unreachable @ 2:10-2:11"
    );
}

#[test]
fn error_or_irrefutable_not_last() {
    assert_eq!(
        compile_error("match x:\n    case a | 1:\n        pass\n"),
        "name capture 'a' makes remaining patterns unreachable @ 2:10-2:11"
    );
}

#[test]
fn error_or_different_names() {
    assert_eq!(
        compile_error("match x:\n    case [a] | [b]:\n        pass\n"),
        "alternative patterns bind different names @ 2:10-2:19"
    );
}

#[test]
fn error_or_different_counts() {
    assert_eq!(
        compile_error("match x:\n    case [a] | [a, b]:\n        pass\n"),
        "alternative patterns bind different names @ 2:10-2:22"
    );
}

#[test]
fn error_mapping_duplicate_key() {
    assert_eq!(
        compile_error("match x:\n    case {1: a, 1.0: b}:\n        pass\n"),
        "mapping pattern checks duplicate key (1.0) @ 2:10-2:24"
    );
}

#[test]
fn error_mapping_duplicate_str_key() {
    assert_eq!(
        compile_error("match x:\n    case {'k': a, 'k': b}:\n        pass\n"),
        "mapping pattern checks duplicate key ('k') @ 2:10-2:26"
    );
}

#[test]
fn error_class_pattern_repeated_attribute() {
    assert_eq!(
        compile_error("match x:\n    case C(a=1, a=2):\n        pass\n"),
        "attribute name repeated in class pattern: a @ 2:19-2:20"
    );
}

#[test]
fn error_multiple_starred() {
    assert_eq!(
        compile_error("match x:\n    case [*a, *b]:\n        pass\n"),
        "multiple starred names in sequence pattern @ 2:10-2:18"
    );
}

/// Every unit's constants (code objects as `<code NAME>`), module first then each unit followed
/// by those nested in it, as `QUALNAME: REPR, …` lines.
fn consts_text(source: &str) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(source, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let mut tree = parsed.tree;
    let index = LineIndex::new(source);
    taipan_compiler::fold::optimize(&mut tree, &arena, 0);
    let options = Options {
        filename: "f.py".to_owned(),
        ..Options::default()
    };
    let output = codegen_only(&tree, &index, &options).expect("code generation succeeds");
    let repr_options = taipan_bytecode::repr::ReprOptions::default();
    let mut out = String::new();
    for unit in output.preorder() {
        let consts: Vec<String> = unit
            .metadata
            .consts
            .iter()
            .map(|c| match c {
                taipan_bytecode::Constant::Code(code) => {
                    format!("<code {}>", code.name.as_str().unwrap_or_default())
                }
                other => taipan_bytecode::repr::constant_repr(other, &repr_options),
            })
            .collect();
        out.push_str(&format!("{}: {}\n", unit.qualname, consts.join(", ")));
    }
    out
}

/// Constants as the code objects of CPython 3.13.0's `compile()` hold them.
#[test]
fn consts_static_attributes_and_docstrings() {
    assert_eq!(
        consts_text(
            "class C:\n    \"\"\"Doc.\n\n        More.\n    \"\"\"\n    def m(self):\n        \"\"\"Method doc.\n          indented\n        \"\"\"\n        self.b = 1\n        self.a = 2\n        self.__c = 3\n        x = 4\n    def n(self):\n        def g():\n            self.z = 1\n        g()\n"
        ),
        "<module>: <code C>, 'C', None\nC: 'C', 1, 'Doc.\\n\\nMore.\\n', <code m>, <code n>, ('__c', 'a', 'b', 'z'), None\nC.m: 'Method doc.\\nindented\\n', 1, 2, 3, 4, None\nC.n: None, <code g>\nC.n.<locals>.g: None, 1\n"
    );
}

/// Constants as the code objects of CPython 3.13.0's `compile()` hold them.
#[test]
fn consts_generic_class_and_firstlineno() {
    assert_eq!(
        consts_text("@dec\nclass D[T](B):\n    class E:\n        def h(self): self.w = 3\n"),
        "<module>: <code <generic parameters of D>>, None\n<generic parameters of D>: 'T', <code D>, 'D'\nD: 'D', 1, <code E>, 'E', (), None\nD.E: 'D.E', 3, <code h>, ('w',), None\nD.E.h: None, 3\n"
    );
}
