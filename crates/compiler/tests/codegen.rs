//! Code generation of statements, module-level code and scopes (cg-core), against CPython
//! 3.13's `_testinternalcapi.compiler_codegen`: each expected text below is the oracle's output
//! for the snippet, printed by the oracle script in the format of `examples/codegen_text.rs`
//! (the module unit with its metadata, then each nested unit's instruction sequence). The
//! compile errors are those of CPython's `compile()`: message and (lineno, offset, end_lineno,
//! end_offset).

use taipan_bytecode::Constant;
use taipan_bytecode::repr::{ReprOptions, constant_repr};
use taipan_compiler::codegen::codegen_only;

/// The snippet's codegen output: the module unit with its metadata, then the nested units'
/// sequences (the oracle shows no metadata for them).
fn codegen_text(src: &str, optimize: i32) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(src, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let mut tree = parsed.tree;
    let index = taipan_ast::LineIndex::new(src);
    taipan_compiler::fold::optimize(&mut tree, &arena, optimize);
    let options = taipan_compiler::Options {
        filename: "s.py".to_owned(),
        optimize,
        ..Default::default()
    };
    let output = match codegen_only(&tree, &index, &options) {
        Ok(output) => output,
        Err(e) => return format!("error: {e}"),
    };
    let mut out = String::new();
    let text = |s: &taipan_bytecode::PyString| String::from_utf8_lossy(s.as_bytes()).into_owned();
    let list = |v: &[taipan_bytecode::PyString]| v.iter().map(text).collect::<Vec<_>>().join(" ");
    for (i, unit) in output.preorder().into_iter().enumerate() {
        out.push_str(&format!("== {}\n", unit.qualname));
        if i == 0 {
            let md = &unit.metadata;
            out.push_str("consts:\n");
            for c in &md.consts {
                let repr = match c {
                    Constant::Code(code) => format!("<code {}>", text(&code.name)),
                    other => constant_repr(other, &ReprOptions::default()),
                };
                out.push_str(&format!("  {repr}\n"));
            }
            out.push_str(&format!("names: {}\n", list(&md.names)));
            out.push_str(&format!("varnames: {}\n", list(&md.varnames)));
            out.push_str(&format!("cellvars: {}\n", list(&md.cellvars)));
            out.push_str(&format!("freevars: {}\n", list(&md.freevars)));
            out.push_str(&format!(
                "argcount={} posonlyargcount={} kwonlyargcount={}\n",
                md.argcount, md.posonlyargcount, md.kwonlyargcount
            ));
        }
        out.push_str(&unit.seq.text());
    }
    out
}

/// The whole compiled code object of `src` in `mode` (front end, code generation and back
/// end), as `taipan_bytecode::dump` writes it: the text the oracle driver's `code_dump` writes
/// for `compile(src, "s.py", mode)`.
fn code_dump(src: &str, mode: taipan_compiler::Mode) -> String {
    let arena = bumpalo::Bump::new();
    let parser_mode = match mode {
        taipan_compiler::Mode::Exec => taipan_parser::Mode::Exec,
        taipan_compiler::Mode::Eval => taipan_parser::Mode::Eval,
        taipan_compiler::Mode::Single => taipan_parser::Mode::Single,
    };
    let parser_options = taipan_parser::Options {
        mode: parser_mode,
        ..Default::default()
    };
    let parsed = taipan_parser::parse(src, &parser_options, &arena).expect("the snippet parses");
    let mut tree = parsed.tree;
    let index = taipan_ast::LineIndex::new(src);
    let options = taipan_compiler::Options {
        mode,
        filename: "s.py".to_owned(),
        ..Default::default()
    };
    match taipan_compiler::compile(&mut tree, &arena, &index, &options) {
        Ok(compiled) => taipan_bytecode::dump::dump(&compiled.code, &ReprOptions::default()),
        Err(e) => format!("error: {e}"),
    }
}

/// The exception `compile(src)` raises: message and CPython's position.
fn compile_error(src: &str) -> (String, (i32, i32, i32, i32)) {
    let arena = bumpalo::Bump::new();
    let parsed = match taipan_parser::parse(src, &taipan_parser::Options::default(), &arena) {
        Ok(parsed) => parsed,
        Err(e) => {
            return (
                e.message,
                (
                    e.lineno.unwrap_or(-1),
                    e.offset.unwrap_or(-1),
                    e.end_lineno.unwrap_or(-1),
                    e.end_offset.unwrap_or(-1),
                ),
            );
        }
    };
    let index = taipan_ast::LineIndex::new(src);
    match codegen_only(&parsed.tree, &index, &taipan_compiler::Options::default()) {
        Ok(_) => ("no error".to_owned(), (0, 0, 0, 0)),
        Err(e) => (e.message.clone(), e.cpython_position(src)),
    }
}

#[test]
fn assign_chained_and_unpacking() {
    let src = "a = b = 1\nx, *y = z\n";
    let expected = r#"== <module>
consts:
  1
  None
names: a b z x y
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:8-1:9
2 COPY 1 1:0-1:9
3 STORE_NAME 0 1:0-1:1
4 STORE_NAME 1 1:4-1:5
5 LOAD_NAME 2 2:8-2:9
6 UNPACK_EX 1 2:0-2:5
7 STORE_NAME 3 2:0-2:1
8 STORE_NAME 4 2:4-2:5
9 LOAD_CONST 1 -1:-1--1:-1
10 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn augassign_every_target() {
    let src = "x += 1\na.b -= 2\nc[d] *= 3\ne[1:2] //= f\n";
    let expected = r#"== <module>
consts:
  1
  2
  3
  None
names: x a b c d e f
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:0-1:1
2 LOAD_CONST 0 1:5-1:6
3 BINARY_OP 13 1:0-1:6
4 STORE_NAME 0 1:0-1:1
5 LOAD_NAME 1 2:0-2:1
6 COPY 1 2:0-2:3
7 LOAD_ATTR 4 2:0-2:3
8 LOAD_CONST 1 2:7-2:8
9 BINARY_OP 23 2:0-2:8
10 SWAP 2 2:0-2:3
11 STORE_ATTR 2 2:0-2:3
12 LOAD_NAME 3 3:0-3:1
13 LOAD_NAME 4 3:2-3:3
14 COPY 2 3:0-3:4
15 COPY 2 3:0-3:4
16 BINARY_SUBSCR - 3:0-3:4
17 LOAD_CONST 2 3:8-3:9
18 BINARY_OP 18 3:0-3:9
19 SWAP 3 3:0-3:4
20 SWAP 2 3:0-3:4
21 STORE_SUBSCR - 3:0-3:4
22 LOAD_NAME 5 4:0-4:1
23 LOAD_CONST 0 4:2-4:3
24 LOAD_CONST 1 4:4-4:5
25 COPY 3 4:0-4:6
26 COPY 3 4:0-4:6
27 COPY 3 4:0-4:6
28 BINARY_SLICE - 4:0-4:6
29 LOAD_NAME 6 4:11-4:12
30 BINARY_OP 15 4:0-4:12
31 SWAP 4 4:0-4:6
32 SWAP 3 4:0-4:6
33 SWAP 2 4:0-4:6
34 STORE_SLICE - 4:0-4:6
35 LOAD_CONST 3 -1:-1--1:-1
36 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn annassign_module() {
    let src = "x: int = 1\ny: str\na.b: int\nc[d]: e\n";
    let expected = r#"== <module>
consts:
  1
  'x'
  'y'
  None
names: x int __annotations__ str a c d e
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 SETUP_ANNOTATIONS - 1:0-1:10
2 LOAD_CONST 0 1:9-1:10
3 STORE_NAME 0 1:0-1:1
4 LOAD_NAME 1 1:3-1:6
5 LOAD_NAME 2 1:0-1:10
6 LOAD_CONST 1 1:0-1:10
7 STORE_SUBSCR - 1:0-1:10
8 LOAD_NAME 3 2:3-2:6
9 LOAD_NAME 2 2:0-2:6
10 LOAD_CONST 2 2:0-2:6
11 STORE_SUBSCR - 2:0-2:6
12 LOAD_NAME 4 3:0-3:1
13 POP_TOP - 3:0-3:1
14 LOAD_NAME 1 3:5-3:8
15 POP_TOP - 3:5-3:8
16 LOAD_NAME 5 4:0-4:1
17 POP_TOP - 4:0-4:1
18 LOAD_NAME 6 4:2-4:3
19 POP_TOP - 4:2-4:3
20 LOAD_NAME 7 4:6-4:7
21 POP_TOP - 4:6-4:7
22 LOAD_CONST 3 -1:-1--1:-1
23 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn if_elif_else() {
    let src = "if a:\n    b\nelif c:\n    d\nelse:\n    e\n";
    let expected = r#"== <module>
consts:
  None
names: a b c d e
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:3-1:4
2 TO_BOOL - 1:3-1:4
3 POP_JUMP_IF_FALSE 7 1:3-1:4
4 LOAD_NAME 1 2:4-2:5
5 POP_TOP - -1:-1--1:-1
6 JUMP_NO_INTERRUPT 15 -1:-1--1:-1
7 LOAD_NAME 2 3:5-3:6
8 TO_BOOL - 3:5-3:6
9 POP_JUMP_IF_FALSE 13 3:5-3:6
10 LOAD_NAME 3 4:4-4:5
11 POP_TOP - -1:-1--1:-1
12 JUMP_NO_INTERRUPT 15 -1:-1--1:-1
13 LOAD_NAME 4 6:4-6:5
14 POP_TOP - -1:-1--1:-1
15 LOAD_CONST 0 -1:-1--1:-1
16 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn while_else_break_continue() {
    let src =
        "while a:\n    if b:\n        break\n    if c:\n        continue\n    d\nelse:\n    e\n";
    let expected = r#"== <module>
consts:
  None
names: a b c d e
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:6-1:7
2 TO_BOOL - 1:6-1:7
3 POP_JUMP_IF_FALSE 19 1:6-1:7
4 LOAD_NAME 1 2:7-2:8
5 TO_BOOL - 2:7-2:8
6 POP_JUMP_IF_FALSE 9 2:7-2:8
7 NOP - 3:8-3:13
8 JUMP 21 3:8-3:13
9 LOAD_NAME 2 4:7-4:8
10 TO_BOOL - 4:7-4:8
11 POP_JUMP_IF_FALSE 14 4:7-4:8
12 NOP - 5:8-5:16
13 JUMP 1 5:8-5:16
14 LOAD_NAME 3 6:4-6:5
15 POP_TOP - -1:-1--1:-1
16 LOAD_NAME 0 1:6-1:7
17 TO_BOOL - 1:6-1:7
18 POP_JUMP_IF_TRUE 4 1:6-1:7
19 LOAD_NAME 4 8:4-8:5
20 POP_TOP - -1:-1--1:-1
21 LOAD_CONST 0 -1:-1--1:-1
22 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn for_else_break_continue() {
    let src = "for x in y:\n    if x:\n        break\n    continue\nelse:\n    z\n";
    let expected = r#"== <module>
consts:
  None
names: y x z
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:9-1:10
2 GET_ITER - 1:9-1:10
3 FOR_ITER 15 1:9-1:10
4 NOP - 1:4-1:5
5 STORE_NAME 1 1:4-1:5
6 LOAD_NAME 1 2:7-2:8
7 TO_BOOL - 2:7-2:8
8 POP_JUMP_IF_FALSE 12 2:7-2:8
9 NOP - 3:8-3:13
10 POP_TOP - 3:8-3:13
11 JUMP 19 3:8-3:13
12 NOP - 4:4-4:12
13 JUMP 3 4:4-4:12
14 JUMP 3 -1:-1--1:-1
15 END_FOR - -1:-1--1:-1
16 POP_TOP - -1:-1--1:-1
17 LOAD_NAME 2 6:4-6:5
18 POP_TOP - -1:-1--1:-1
19 LOAD_CONST 0 -1:-1--1:-1
20 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn try_except_else_finally() {
    let src = "try:\n    a\nexcept E as e:\n    b\nexcept (F, G):\n    c\nexcept:\n    d\nelse:\n    f\nfinally:\n    g\n";
    let expected = r#"== <module>
consts:
  None
names: a f E e b F G c d g
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 SETUP_FINALLY 54 1:0-12:5
2 SETUP_FINALLY 9 1:0-12:5
3 LOAD_NAME 0 2:4-2:5
4 POP_TOP - -1:-1--1:-1
5 POP_BLOCK - -1:-1--1:-1
6 LOAD_NAME 1 10:4-10:5
7 POP_TOP - -1:-1--1:-1
8 JUMP_NO_INTERRUPT 50 -1:-1--1:-1
9 SETUP_CLEANUP 47 -1:-1--1:-1
10 PUSH_EXC_INFO - -1:-1--1:-1
11 LOAD_NAME 2 3:7-3:8
12 CHECK_EXC_MATCH - 3:0-4:5
13 POP_JUMP_IF_FALSE 29 3:0-4:5
14 STORE_NAME 3 3:0-4:5
15 SETUP_CLEANUP 25 3:0-4:5
16 LOAD_NAME 4 4:4-4:5
17 POP_TOP - -1:-1--1:-1
18 POP_BLOCK - -1:-1--1:-1
19 POP_BLOCK - -1:-1--1:-1
20 POP_EXCEPT - -1:-1--1:-1
21 LOAD_CONST 0 -1:-1--1:-1
22 STORE_NAME 3 -1:-1--1:-1
23 DELETE_NAME 3 -1:-1--1:-1
24 JUMP_NO_INTERRUPT 50 -1:-1--1:-1
25 LOAD_CONST 0 -1:-1--1:-1
26 STORE_NAME 3 -1:-1--1:-1
27 DELETE_NAME 3 -1:-1--1:-1
28 RERAISE 1 -1:-1--1:-1
29 LOAD_NAME 5 5:8-5:9
30 LOAD_NAME 6 5:11-5:12
31 BUILD_TUPLE 2 5:7-5:13
32 CHECK_EXC_MATCH - 5:0-6:5
33 POP_JUMP_IF_FALSE 40 5:0-6:5
34 POP_TOP - 5:0-6:5
35 LOAD_NAME 7 6:4-6:5
36 POP_TOP - -1:-1--1:-1
37 POP_BLOCK - -1:-1--1:-1
38 POP_EXCEPT - -1:-1--1:-1
39 JUMP_NO_INTERRUPT 50 -1:-1--1:-1
40 POP_TOP - 7:0-8:5
41 LOAD_NAME 8 8:4-8:5
42 POP_TOP - -1:-1--1:-1
43 POP_BLOCK - -1:-1--1:-1
44 POP_EXCEPT - -1:-1--1:-1
45 JUMP_NO_INTERRUPT 50 -1:-1--1:-1
46 RERAISE 0 -1:-1--1:-1
47 COPY 3 -1:-1--1:-1
48 POP_EXCEPT - -1:-1--1:-1
49 RERAISE 1 -1:-1--1:-1
50 POP_BLOCK - -1:-1--1:-1
51 LOAD_NAME 9 12:4-12:5
52 POP_TOP - -1:-1--1:-1
53 JUMP_NO_INTERRUPT 62 -1:-1--1:-1
54 SETUP_CLEANUP 59 -1:-1--1:-1
55 PUSH_EXC_INFO - -1:-1--1:-1
56 LOAD_NAME 9 12:4-12:5
57 POP_TOP - -1:-1--1:-1
58 RERAISE 0 -1:-1--1:-1
59 COPY 3 -1:-1--1:-1
60 POP_EXCEPT - -1:-1--1:-1
61 RERAISE 1 -1:-1--1:-1
62 LOAD_CONST 0 -1:-1--1:-1
63 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn try_star() {
    let src = "try:\n    a\nexcept* E as e:\n    b\nexcept* F:\n    c\n";
    let expected = r#"== <module>
consts:
  None
names: a E e b F c
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 SETUP_FINALLY 6 1:0-6:5
2 LOAD_NAME 0 2:4-2:5
3 POP_TOP - -1:-1--1:-1
4 POP_BLOCK - -1:-1--1:-1
5 JUMP_NO_INTERRUPT 64 -1:-1--1:-1
6 SETUP_CLEANUP 61 -1:-1--1:-1
7 PUSH_EXC_INFO - -1:-1--1:-1
8 BUILD_LIST 0 3:0-4:5
9 COPY 2 3:0-4:5
10 LOAD_NAME 1 3:8-3:9
11 CHECK_EG_MATCH - 3:0-4:5
12 COPY 1 3:0-4:5
13 POP_JUMP_IF_NONE 31 3:0-4:5
14 STORE_NAME 2 3:0-4:5
15 SETUP_CLEANUP 23 3:0-4:5
16 LOAD_NAME 3 4:4-4:5
17 POP_TOP - -1:-1--1:-1
18 POP_BLOCK - -1:-1--1:-1
19 LOAD_CONST 0 -1:-1--1:-1
20 STORE_NAME 2 -1:-1--1:-1
21 DELETE_NAME 2 -1:-1--1:-1
22 JUMP_NO_INTERRUPT 29 -1:-1--1:-1
23 LOAD_CONST 0 -1:-1--1:-1
24 STORE_NAME 2 -1:-1--1:-1
25 DELETE_NAME 2 -1:-1--1:-1
26 LIST_APPEND 3 -1:-1--1:-1
27 POP_TOP - -1:-1--1:-1
28 JUMP_NO_INTERRUPT 32 -1:-1--1:-1
29 NOP - -1:-1--1:-1
30 JUMP_NO_INTERRUPT 32 -1:-1--1:-1
31 POP_TOP - 3:0-4:5
32 LOAD_NAME 4 5:8-5:9
33 CHECK_EG_MATCH - 5:0-6:5
34 COPY 1 5:0-6:5
35 POP_JUMP_IF_NONE 47 5:0-6:5
36 POP_TOP - 5:0-6:5
37 SETUP_CLEANUP 42 5:0-6:5
38 LOAD_NAME 5 6:4-6:5
39 POP_TOP - -1:-1--1:-1
40 POP_BLOCK - -1:-1--1:-1
41 JUMP_NO_INTERRUPT 45 -1:-1--1:-1
42 LIST_APPEND 3 -1:-1--1:-1
43 POP_TOP - -1:-1--1:-1
44 JUMP_NO_INTERRUPT 48 -1:-1--1:-1
45 NOP - -1:-1--1:-1
46 JUMP_NO_INTERRUPT 48 -1:-1--1:-1
47 POP_TOP - 5:0-6:5
48 LIST_APPEND 1 -1:-1--1:-1
49 JUMP_NO_INTERRUPT 50 -1:-1--1:-1
50 CALL_INTRINSIC_2 1 -1:-1--1:-1
51 COPY 1 -1:-1--1:-1
52 POP_JUMP_IF_NOT_NONE 57 -1:-1--1:-1
53 POP_TOP - -1:-1--1:-1
54 POP_BLOCK - -1:-1--1:-1
55 POP_EXCEPT - -1:-1--1:-1
56 JUMP_NO_INTERRUPT 64 -1:-1--1:-1
57 POP_BLOCK - -1:-1--1:-1
58 SWAP 2 -1:-1--1:-1
59 POP_EXCEPT - -1:-1--1:-1
60 RERAISE 0 -1:-1--1:-1
61 COPY 3 -1:-1--1:-1
62 POP_EXCEPT - -1:-1--1:-1
63 RERAISE 1 -1:-1--1:-1
64 LOAD_CONST 0 -1:-1--1:-1
65 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn try_finally_unwinding() {
    let src = "for x in y:\n    try:\n        break\n    finally:\n        z\n";
    let expected = r#"== <module>
consts:
  None
names: y x z
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:9-1:10
2 GET_ITER - 1:9-1:10
3 FOR_ITER 26 1:9-1:10
4 NOP - 1:4-1:5
5 STORE_NAME 1 1:4-1:5
6 SETUP_FINALLY 17 2:4-5:9
7 NOP - 3:8-3:13
8 POP_BLOCK - 3:8-3:13
9 LOAD_NAME 2 5:8-5:9
10 POP_TOP - -1:-1--1:-1
11 POP_TOP - -1:-1--1:-1
12 JUMP 28 -1:-1--1:-1
13 POP_BLOCK - -1:-1--1:-1
14 LOAD_NAME 2 5:8-5:9
15 POP_TOP - -1:-1--1:-1
16 JUMP_NO_INTERRUPT 25 -1:-1--1:-1
17 SETUP_CLEANUP 22 -1:-1--1:-1
18 PUSH_EXC_INFO - -1:-1--1:-1
19 LOAD_NAME 2 5:8-5:9
20 POP_TOP - -1:-1--1:-1
21 RERAISE 0 -1:-1--1:-1
22 COPY 3 -1:-1--1:-1
23 POP_EXCEPT - -1:-1--1:-1
24 RERAISE 1 -1:-1--1:-1
25 JUMP 3 -1:-1--1:-1
26 END_FOR - -1:-1--1:-1
27 POP_TOP - -1:-1--1:-1
28 LOAD_CONST 0 -1:-1--1:-1
29 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn with_items() {
    let src = "with a as b, c:\n    d\n";
    let expected = r#"== <module>
consts:
  None
names: a b c d
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:5-1:6
2 BEFORE_WITH - 1:5-1:6
3 SETUP_WITH 40 1:5-1:6
4 STORE_NAME 1 1:10-1:11
5 LOAD_NAME 2 1:13-1:14
6 BEFORE_WITH - 1:13-1:14
7 SETUP_WITH 18 1:13-1:14
8 POP_TOP - 1:13-1:14
9 LOAD_NAME 3 2:4-2:5
10 POP_TOP - -1:-1--1:-1
11 POP_BLOCK - -1:-1--1:-1
12 LOAD_CONST 0 1:13-1:14
13 LOAD_CONST 0 1:13-1:14
14 LOAD_CONST 0 1:13-1:14
15 CALL 2 1:13-1:14
16 POP_TOP - 1:13-1:14
17 JUMP 33 1:13-1:14
18 SETUP_CLEANUP 30 1:13-1:14
19 PUSH_EXC_INFO - 1:13-1:14
20 WITH_EXCEPT_START - 1:13-1:14
21 TO_BOOL - -1:-1--1:-1
22 POP_JUMP_IF_TRUE 24 -1:-1--1:-1
23 RERAISE 2 -1:-1--1:-1
24 POP_TOP - -1:-1--1:-1
25 POP_BLOCK - -1:-1--1:-1
26 POP_EXCEPT - -1:-1--1:-1
27 POP_TOP - -1:-1--1:-1
28 POP_TOP - -1:-1--1:-1
29 JUMP_NO_INTERRUPT 33 -1:-1--1:-1
30 COPY 3 -1:-1--1:-1
31 POP_EXCEPT - -1:-1--1:-1
32 RERAISE 1 -1:-1--1:-1
33 POP_BLOCK - -1:-1--1:-1
34 LOAD_CONST 0 1:5-1:6
35 LOAD_CONST 0 1:5-1:6
36 LOAD_CONST 0 1:5-1:6
37 CALL 2 1:5-1:6
38 POP_TOP - 1:5-1:6
39 JUMP 55 1:5-1:6
40 SETUP_CLEANUP 52 1:5-1:6
41 PUSH_EXC_INFO - 1:5-1:6
42 WITH_EXCEPT_START - 1:5-1:6
43 TO_BOOL - -1:-1--1:-1
44 POP_JUMP_IF_TRUE 46 -1:-1--1:-1
45 RERAISE 2 -1:-1--1:-1
46 POP_TOP - -1:-1--1:-1
47 POP_BLOCK - -1:-1--1:-1
48 POP_EXCEPT - -1:-1--1:-1
49 POP_TOP - -1:-1--1:-1
50 POP_TOP - -1:-1--1:-1
51 JUMP_NO_INTERRUPT 55 -1:-1--1:-1
52 COPY 3 -1:-1--1:-1
53 POP_EXCEPT - -1:-1--1:-1
54 RERAISE 1 -1:-1--1:-1
55 LOAD_CONST 0 -1:-1--1:-1
56 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn return_through_blocks() {
    let src = "def f():\n    for x in y:\n        with a:\n            try:\n                return x\n            except E as e:\n                return e\n";
    let expected = r#"== <module>
consts:
  <code f>
  None
names: f
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-7:24
2 MAKE_FUNCTION - 1:0-7:24
3 STORE_NAME 0 1:0-7:24
4 LOAD_CONST 1 -1:-1--1:-1
5 RETURN_VALUE - -1:-1--1:-1
== f
0 RESUME 0 1:0-1:0
1 LOAD_GLOBAL 0 2:13-2:14
2 GET_ITER - 2:13-2:14
3 FOR_ITER 88 2:13-2:14
4 NOP - 2:8-2:9
5 STORE_FAST 0 2:8-2:9
6 LOAD_GLOBAL 2 3:13-3:14
7 BEFORE_WITH - 3:13-3:14
8 SETUP_WITH 72 3:13-3:14
9 POP_TOP - 3:13-3:14
10 SETUP_FINALLY 25 4:12-7:24
11 LOAD_FAST 0 5:23-5:24
12 POP_BLOCK - 5:16-5:24
13 POP_BLOCK - 3:13-3:14
14 SWAP 2 3:13-3:14
15 LOAD_CONST 0 3:13-3:14
16 LOAD_CONST 0 3:13-3:14
17 LOAD_CONST 0 3:13-3:14
18 CALL 2 3:13-3:14
19 POP_TOP - 3:13-3:14
20 SWAP 2 -1:-1--1:-1
21 POP_TOP - -1:-1--1:-1
22 RETURN_VALUE - -1:-1--1:-1
23 POP_BLOCK - -1:-1--1:-1
24 JUMP_NO_INTERRUPT 65 -1:-1--1:-1
25 SETUP_CLEANUP 62 -1:-1--1:-1
26 PUSH_EXC_INFO - -1:-1--1:-1
27 LOAD_GLOBAL 4 6:19-6:20
28 CHECK_EXC_MATCH - 6:12-7:24
29 POP_JUMP_IF_FALSE 61 6:12-7:24
30 STORE_FAST 1 6:12-7:24
31 SETUP_CLEANUP 57 6:12-7:24
32 LOAD_FAST 1 7:23-7:24
33 POP_BLOCK - 7:16-7:24
34 SWAP 2 7:16-7:24
35 POP_BLOCK - 7:16-7:24
36 POP_EXCEPT - 7:16-7:24
37 LOAD_CONST 0 7:16-7:24
38 STORE_FAST 1 7:16-7:24
39 DELETE_FAST 1 7:16-7:24
40 POP_BLOCK - 3:13-3:14
41 SWAP 2 3:13-3:14
42 LOAD_CONST 0 3:13-3:14
43 LOAD_CONST 0 3:13-3:14
44 LOAD_CONST 0 3:13-3:14
45 CALL 2 3:13-3:14
46 POP_TOP - 3:13-3:14
47 SWAP 2 -1:-1--1:-1
48 POP_TOP - -1:-1--1:-1
49 RETURN_VALUE - -1:-1--1:-1
50 POP_BLOCK - -1:-1--1:-1
51 POP_BLOCK - -1:-1--1:-1
52 POP_EXCEPT - -1:-1--1:-1
53 LOAD_CONST 0 -1:-1--1:-1
54 STORE_FAST 1 -1:-1--1:-1
55 DELETE_FAST 1 -1:-1--1:-1
56 JUMP_NO_INTERRUPT 65 -1:-1--1:-1
57 LOAD_CONST 0 -1:-1--1:-1
58 STORE_FAST 1 -1:-1--1:-1
59 DELETE_FAST 1 -1:-1--1:-1
60 RERAISE 1 -1:-1--1:-1
61 RERAISE 0 -1:-1--1:-1
62 COPY 3 -1:-1--1:-1
63 POP_EXCEPT - -1:-1--1:-1
64 RERAISE 1 -1:-1--1:-1
65 POP_BLOCK - -1:-1--1:-1
66 LOAD_CONST 0 3:13-3:14
67 LOAD_CONST 0 3:13-3:14
68 LOAD_CONST 0 3:13-3:14
69 CALL 2 3:13-3:14
70 POP_TOP - 3:13-3:14
71 JUMP 87 3:13-3:14
72 SETUP_CLEANUP 84 3:13-3:14
73 PUSH_EXC_INFO - 3:13-3:14
74 WITH_EXCEPT_START - 3:13-3:14
75 TO_BOOL - -1:-1--1:-1
76 POP_JUMP_IF_TRUE 78 -1:-1--1:-1
77 RERAISE 2 -1:-1--1:-1
78 POP_TOP - -1:-1--1:-1
79 POP_BLOCK - -1:-1--1:-1
80 POP_EXCEPT - -1:-1--1:-1
81 POP_TOP - -1:-1--1:-1
82 POP_TOP - -1:-1--1:-1
83 JUMP_NO_INTERRUPT 87 -1:-1--1:-1
84 COPY 3 -1:-1--1:-1
85 POP_EXCEPT - -1:-1--1:-1
86 RERAISE 1 -1:-1--1:-1
87 JUMP 3 -1:-1--1:-1
88 END_FOR - -1:-1--1:-1
89 POP_TOP - -1:-1--1:-1
90 LOAD_CONST 0 -1:-1--1:-1
91 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn async_statements() {
    let src =
        "async def f():\n    async with a as b:\n        async for x in b:\n            break\n";
    let expected = r#"== <module>
consts:
  <code f>
  None
names: f
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-4:17
2 MAKE_FUNCTION - 1:0-4:17
3 STORE_NAME 0 1:0-4:17
4 LOAD_CONST 1 -1:-1--1:-1
5 RETURN_VALUE - -1:-1--1:-1
== f
0 SETUP_CLEANUP 80 -1:-1--1:-1
1 RESUME 0 1:0-1:0
2 LOAD_GLOBAL 0 2:15-2:16
3 BEFORE_ASYNC_WITH - 2:15-2:16
4 GET_AWAITABLE 1 2:15-2:16
5 LOAD_CONST 0 2:15-2:16
6 SEND 13 2:15-2:16
7 SETUP_FINALLY 12 2:15-2:16
8 YIELD_VALUE 1 2:15-2:16
9 POP_BLOCK - -1:-1--1:-1
10 RESUME 3 2:15-2:16
11 JUMP_NO_INTERRUPT 6 2:15-2:16
12 CLEANUP_THROW - 2:15-2:16
13 END_SEND - 2:15-2:16
14 SETUP_WITH 53 2:15-2:16
15 STORE_FAST 0 2:20-2:21
16 LOAD_FAST 0 3:23-3:24
17 GET_AITER - 3:23-3:24
18 SETUP_FINALLY 35 3:8-4:17
19 GET_ANEXT - 3:8-4:17
20 LOAD_CONST 0 3:8-4:17
21 SEND 28 3:8-4:17
22 SETUP_FINALLY 27 3:8-4:17
23 YIELD_VALUE 1 3:8-4:17
24 POP_BLOCK - -1:-1--1:-1
25 RESUME 3 3:8-4:17
26 JUMP_NO_INTERRUPT 21 3:8-4:17
27 CLEANUP_THROW - 3:8-4:17
28 END_SEND - 3:8-4:17
29 POP_BLOCK - 3:8-4:17
30 STORE_FAST 1 3:18-3:19
31 NOP - 4:12-4:17
32 POP_TOP - 4:12-4:17
33 JUMP 36 4:12-4:17
34 JUMP 18 -1:-1--1:-1
35 END_ASYNC_FOR - 3:23-3:24
36 POP_BLOCK - 2:15-2:16
37 LOAD_CONST 0 2:15-2:16
38 LOAD_CONST 0 2:15-2:16
39 LOAD_CONST 0 2:15-2:16
40 CALL 2 2:15-2:16
41 GET_AWAITABLE 2 2:15-2:16
42 LOAD_CONST 0 2:15-2:16
43 SEND 50 2:15-2:16
44 SETUP_FINALLY 49 2:15-2:16
45 YIELD_VALUE 1 2:15-2:16
46 POP_BLOCK - -1:-1--1:-1
47 RESUME 3 2:15-2:16
48 JUMP_NO_INTERRUPT 43 2:15-2:16
49 CLEANUP_THROW - 2:15-2:16
50 END_SEND - 2:15-2:16
51 POP_TOP - 2:15-2:16
52 JUMP 78 2:15-2:16
53 SETUP_CLEANUP 75 2:15-2:16
54 PUSH_EXC_INFO - 2:15-2:16
55 WITH_EXCEPT_START - 2:15-2:16
56 GET_AWAITABLE 2 2:15-2:16
57 LOAD_CONST 0 2:15-2:16
58 SEND 65 2:15-2:16
59 SETUP_FINALLY 64 2:15-2:16
60 YIELD_VALUE 1 2:15-2:16
61 POP_BLOCK - -1:-1--1:-1
62 RESUME 3 2:15-2:16
63 JUMP_NO_INTERRUPT 58 2:15-2:16
64 CLEANUP_THROW - 2:15-2:16
65 END_SEND - 2:15-2:16
66 TO_BOOL - -1:-1--1:-1
67 POP_JUMP_IF_TRUE 69 -1:-1--1:-1
68 RERAISE 2 -1:-1--1:-1
69 POP_TOP - -1:-1--1:-1
70 POP_BLOCK - -1:-1--1:-1
71 POP_EXCEPT - -1:-1--1:-1
72 POP_TOP - -1:-1--1:-1
73 POP_TOP - -1:-1--1:-1
74 JUMP_NO_INTERRUPT 78 -1:-1--1:-1
75 COPY 3 -1:-1--1:-1
76 POP_EXCEPT - -1:-1--1:-1
77 RERAISE 1 -1:-1--1:-1
78 LOAD_CONST 0 -1:-1--1:-1
79 RETURN_VALUE - -1:-1--1:-1
80 CALL_INTRINSIC_1 3 -1:-1--1:-1
81 RERAISE 1 -1:-1--1:-1
82 LOAD_CONST 0 -1:-1--1:-1
83 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn raise_and_assert() {
    let src = "raise\nraise E\nraise E from F\nassert a\nassert a, \"m\"\n";
    let expected = r#"== <module>
consts:
  'm'
  None
names: E F a
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 RAISE_VARARGS 0 1:0-1:5
2 LOAD_NAME 0 2:6-2:7
3 RAISE_VARARGS 1 2:0-2:7
4 LOAD_NAME 0 3:6-3:7
5 LOAD_NAME 1 3:13-3:14
6 RAISE_VARARGS 2 3:0-3:14
7 LOAD_NAME 2 4:7-4:8
8 TO_BOOL - 4:7-4:8
9 POP_JUMP_IF_TRUE 12 4:7-4:8
10 LOAD_ASSERTION_ERROR - 4:0-4:8
11 RAISE_VARARGS 1 4:7-4:8
12 LOAD_NAME 2 5:7-5:8
13 TO_BOOL - 5:7-5:8
14 POP_JUMP_IF_TRUE 19 5:7-5:8
15 LOAD_ASSERTION_ERROR - 5:0-5:13
16 LOAD_CONST 0 5:10-5:13
17 CALL 0 5:0-5:13
18 RAISE_VARARGS 1 5:7-5:8
19 LOAD_CONST 1 -1:-1--1:-1
20 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn assert_removed_by_dash_o() {
    let src = "assert a, \"m\"\n";
    let expected = r#"== <module>
consts:
  None
names: 
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 -1:-1--1:-1
2 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 1), expected);
}

#[test]
fn imports() {
    let src = "import a\nimport a.b.c\nimport a.b.c as d\nfrom . import x\nfrom .m import y as z\nfrom a import *\n";
    let expected = r#"== <module>
consts:
  0
  None
  1
  ('x',)
  ('y',)
  ('*',)
names: a a.b.c b c d  x m y z
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-1:8
2 LOAD_CONST 1 1:0-1:8
3 IMPORT_NAME 0 1:0-1:8
4 STORE_NAME 0 1:0-1:8
5 LOAD_CONST 0 2:0-2:12
6 LOAD_CONST 1 2:0-2:12
7 IMPORT_NAME 1 2:0-2:12
8 STORE_NAME 0 2:0-2:12
9 LOAD_CONST 0 3:0-3:17
10 LOAD_CONST 1 3:0-3:17
11 IMPORT_NAME 1 3:0-3:17
12 IMPORT_FROM 2 3:0-3:17
13 SWAP 2 3:0-3:17
14 POP_TOP - 3:0-3:17
15 IMPORT_FROM 3 3:0-3:17
16 STORE_NAME 4 3:0-3:17
17 POP_TOP - 3:0-3:17
18 LOAD_CONST 2 4:0-4:15
19 LOAD_CONST 3 4:0-4:15
20 IMPORT_NAME 5 4:0-4:15
21 IMPORT_FROM 6 4:0-4:15
22 STORE_NAME 6 4:0-4:15
23 POP_TOP - 4:0-4:15
24 LOAD_CONST 2 5:0-5:21
25 LOAD_CONST 4 5:0-5:21
26 IMPORT_NAME 7 5:0-5:21
27 IMPORT_FROM 8 5:0-5:21
28 STORE_NAME 9 5:0-5:21
29 POP_TOP - 5:0-5:21
30 LOAD_CONST 0 6:0-6:15
31 LOAD_CONST 5 6:0-6:15
32 IMPORT_NAME 0 6:0-6:15
33 CALL_INTRINSIC_1 2 6:0-6:15
34 POP_TOP - -1:-1--1:-1
35 LOAD_CONST 1 -1:-1--1:-1
36 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn delete_global_nonlocal_pass() {
    let src = "def f():\n    global g\n    x = 1\n    def h():\n        nonlocal x\n        del x, g\n    pass\n";
    let expected = r#"== <module>
consts:
  <code f>
  None
names: f
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-7:8
2 MAKE_FUNCTION - 1:0-7:8
3 STORE_NAME 0 1:0-7:8
4 LOAD_CONST 1 -1:-1--1:-1
5 RETURN_VALUE - -1:-1--1:-1
== f
0 RESUME 0 1:0-1:0
1 LOAD_CONST 1 3:8-3:9
2 STORE_DEREF 0 3:4-3:5
3 LOAD_CLOSURE 0 4:4-6:16
4 BUILD_TUPLE 1 4:4-6:16
5 LOAD_CONST 2 4:4-6:16
6 MAKE_FUNCTION - 4:4-6:16
7 SET_FUNCTION_ATTRIBUTE 8 4:4-6:16
8 STORE_FAST 0 4:4-6:16
9 NOP - 7:4-7:8
10 LOAD_CONST 0 -1:-1--1:-1
11 RETURN_VALUE - -1:-1--1:-1
== f.<locals>.h
0 RESUME 0 4:0-4:0
1 DELETE_DEREF 0 6:12-6:13
2 DELETE_FAST 0 6:15-6:16
3 LOAD_CONST 0 -1:-1--1:-1
4 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn module_docstring_cleaned() {
    let src = "\"\"\"Doc.\n\n    indented\n      more\n\"\"\"\nx\n1\n";
    let expected = r#"== <module>
consts:
  'Doc.\n\nindented\n  more\n'
  None
names: __doc__ x
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-5:3
2 STORE_NAME 0 -1:-1--1:-1
3 LOAD_NAME 1 6:0-6:1
4 POP_TOP - -1:-1--1:-1
5 NOP - 7:0-7:1
6 LOAD_CONST 1 -1:-1--1:-1
7 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn docstring_dropped_by_dash_oo() {
    let src = "\"\"\"Doc.\"\"\"\nx = 1\n";
    let expected = r#"== <module>
consts:
  1
  None
names: x
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 2:4-2:5
2 STORE_NAME 0 2:0-2:1
3 LOAD_CONST 1 -1:-1--1:-1
4 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 2), expected);
}

#[test]
fn private_names_mangled() {
    let src = "class C:\n    __x = 1\n    def f(self):\n        return __y\n";
    let expected = r#"== <module>
consts:
  <code C>
  'C'
  None
names: C
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_BUILD_CLASS - 1:0-4:18
2 PUSH_NULL - 1:0-4:18
3 LOAD_CONST 0 1:0-4:18
4 MAKE_FUNCTION - 1:0-4:18
5 LOAD_CONST 1 1:0-4:18
6 CALL 2 1:0-4:18
7 STORE_NAME 0 1:0-4:18
8 LOAD_CONST 2 -1:-1--1:-1
9 RETURN_VALUE - -1:-1--1:-1
== C
0 RESUME 0 1:0-1:0
1 LOAD_NAME 0 1:0-1:0
2 STORE_NAME 1 1:0-1:0
3 LOAD_CONST 0 1:0-1:0
4 STORE_NAME 2 1:0-1:0
5 LOAD_CONST 1 1:0-1:0
6 STORE_NAME 3 1:0-1:0
7 LOAD_CONST 1 2:10-2:11
8 STORE_NAME 4 2:4-2:7
9 LOAD_CONST 2 3:4-4:18
10 MAKE_FUNCTION - 3:4-4:18
11 STORE_NAME 5 3:4-4:18
12 LOAD_CONST 3 -1:-1--1:-1
13 STORE_NAME 6 -1:-1--1:-1
14 LOAD_CONST 4 -1:-1--1:-1
15 RETURN_VALUE - -1:-1--1:-1
16 LOAD_CONST 4 -1:-1--1:-1
17 RETURN_VALUE - -1:-1--1:-1
== C.f
0 RESUME 0 3:0-3:0
1 LOAD_GLOBAL 0 4:15-4:18
2 RETURN_VALUE - 4:8-4:18
3 LOAD_CONST 0 -1:-1--1:-1
4 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn handler_name_unwinding() {
    let src = "def f():\n    while a:\n        try:\n            pass\n        except E as e:\n            continue\n";
    let expected = r#"== <module>
consts:
  <code f>
  None
names: f
varnames: 
cellvars: 
freevars: 
argcount=0 posonlyargcount=0 kwonlyargcount=0
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-6:20
2 MAKE_FUNCTION - 1:0-6:20
3 STORE_NAME 0 1:0-6:20
4 LOAD_CONST 1 -1:-1--1:-1
5 RETURN_VALUE - -1:-1--1:-1
== f
0 RESUME 0 1:0-1:0
1 LOAD_GLOBAL 0 2:10-2:11
2 TO_BOOL - 2:10-2:11
3 POP_JUMP_IF_FALSE 41 2:10-2:11
4 SETUP_FINALLY 8 3:8-6:20
5 NOP - 4:12-4:16
6 POP_BLOCK - -1:-1--1:-1
7 JUMP_NO_INTERRUPT 38 -1:-1--1:-1
8 SETUP_CLEANUP 35 -1:-1--1:-1
9 PUSH_EXC_INFO - -1:-1--1:-1
10 LOAD_GLOBAL 2 5:15-5:16
11 CHECK_EXC_MATCH - 5:8-6:20
12 POP_JUMP_IF_FALSE 34 5:8-6:20
13 STORE_FAST 0 5:8-6:20
14 SETUP_CLEANUP 30 5:8-6:20
15 NOP - 6:12-6:20
16 POP_BLOCK - 6:12-6:20
17 POP_BLOCK - 6:12-6:20
18 POP_EXCEPT - 6:12-6:20
19 LOAD_CONST 0 6:12-6:20
20 STORE_FAST 0 6:12-6:20
21 DELETE_FAST 0 6:12-6:20
22 JUMP 1 6:12-6:20
23 POP_BLOCK - -1:-1--1:-1
24 POP_BLOCK - -1:-1--1:-1
25 POP_EXCEPT - -1:-1--1:-1
26 LOAD_CONST 0 -1:-1--1:-1
27 STORE_FAST 0 -1:-1--1:-1
28 DELETE_FAST 0 -1:-1--1:-1
29 JUMP_NO_INTERRUPT 38 -1:-1--1:-1
30 LOAD_CONST 0 -1:-1--1:-1
31 STORE_FAST 0 -1:-1--1:-1
32 DELETE_FAST 0 -1:-1--1:-1
33 RERAISE 1 -1:-1--1:-1
34 RERAISE 0 -1:-1--1:-1
35 COPY 3 -1:-1--1:-1
36 POP_EXCEPT - -1:-1--1:-1
37 RERAISE 1 -1:-1--1:-1
38 LOAD_GLOBAL 0 2:10-2:11
39 TO_BOOL - 2:10-2:11
40 POP_JUMP_IF_TRUE 4 2:10-2:11
41 LOAD_CONST 0 -1:-1--1:-1
42 RETURN_VALUE - -1:-1--1:-1
"#;
    assert_eq!(codegen_text(src, 0), expected);
}

#[test]
fn error_return_outside_function() {
    let src = "x = 1\nreturn x\n";
    assert_eq!(
        compile_error(src),
        ("'return' outside function".to_owned(), (2, 1, 2, 9))
    );
}

#[test]
fn error_break_outside_loop() {
    let src = "if x:\n    break\n";
    assert_eq!(
        compile_error(src),
        ("'break' outside loop".to_owned(), (2, 5, 2, 10))
    );
}

#[test]
fn error_continue_not_in_loop() {
    let src = "while x:\n    def f():\n        continue\n";
    assert_eq!(
        compile_error(src),
        ("'continue' not properly in loop".to_owned(), (3, 9, 3, 17))
    );
}

#[test]
fn error_break_in_except_star() {
    let src = "for x in y:\n    try:\n        pass\n    except* E:\n        break\n";
    assert_eq!(
        compile_error(src),
        (
            "'break', 'continue' and 'return' cannot appear in an except* block".to_owned(),
            (5, 9, 5, 14)
        )
    );
}

#[test]
fn error_return_in_except_star() {
    let src = "def f():\n    try:\n        pass\n    except* E:\n        return 1\n";
    assert_eq!(
        compile_error(src),
        (
            "'break', 'continue' and 'return' cannot appear in an except* block".to_owned(),
            (5, 16, 5, 17)
        )
    );
}

#[test]
fn error_future_import_late() {
    let src = "x = 1\nfrom __future__ import annotations\n";
    assert_eq!(
        compile_error(src),
        (
            "from __future__ imports must occur at the beginning of the file".to_owned(),
            (2, 1, 2, 35)
        )
    );
}

#[test]
fn error_async_with_outside_async() {
    let src = "def f():\n    async with a:\n        pass\n";
    assert_eq!(
        compile_error(src),
        (
            "'async with' outside async function".to_owned(),
            (2, 5, 3, 13)
        )
    );
}

#[test]
fn error_async_for_outside_async() {
    let src = "def f():\n    async for a in b:\n        pass\n";
    assert_eq!(
        compile_error(src),
        (
            "'async for' outside async function".to_owned(),
            (2, 5, 3, 13)
        )
    );
}

#[test]
fn error_return_value_in_async_generator() {
    let src = "async def f():\n    yield 1\n    return 2\n";
    assert_eq!(
        compile_error(src),
        (
            "'return' with value in async generator".to_owned(),
            (3, 5, 3, 13)
        )
    );
}

#[test]
fn error_too_many_nested_blocks() {
    let src = "for x0 in y:\n    for x1 in y:\n        for x2 in y:\n            for x3 in y:\n                for x4 in y:\n                    for x5 in y:\n                        for x6 in y:\n                            for x7 in y:\n                                for x8 in y:\n                                    for x9 in y:\n                                        for x10 in y:\n                                            for x11 in y:\n                                                for x12 in y:\n                                                    for x13 in y:\n                                                        for x14 in y:\n                                                            for x15 in y:\n                                                                for x16 in y:\n                                                                    for x17 in y:\n                                                                        for x18 in y:\n                                                                            for x19 in y:\n                                                                                for x20 in y:\n                                                                                    for x21 in y:\n                                                                                        pass\n";
    assert_eq!(
        compile_error(src),
        (
            "too many statically nested blocks".to_owned(),
            (22, 85, 23, 93)
        )
    );
}

#[test]
fn error_delete_debug() {
    let src = "del __debug__\n";
    assert_eq!(
        compile_error(src),
        ("cannot delete __debug__".to_owned(), (1, 5, 1, 14))
    );
}

#[test]
fn error_annotate_debug() {
    let src = "__debug__: int\n";
    assert_eq!(
        compile_error(src),
        ("cannot assign to __debug__".to_owned(), (1, 1, 1, 15))
    );
}

#[test]
fn eval_mode_returns_the_value() {
    let src = "a + b.c";
    let expected = r#"code <module>
  argcount: 0
  posonlyargcount: 0
  kwonlyargcount: 0
  stacksize: 2
  flags: 0x0 (0x0)
  firstlineno: 1
  filename: 's.py'
  name: '<module>'
  qualname: '<module>'
  code: 95005c005c0152040000000000000000000000000000000000002d0000002400
  consts:
  names: ('a', 'b', 'c')
  varnames: ()
  cellvars: ()
  freevars: ()
  nlocals: 0
  linetable: f003010101d800018041874381438207
  exceptiontable: 
  lines: 0-2:0 2-32:1
  positions: 0,1,0,0 1,1,0,1 1,1,4,5 1,1,4,7 1,1,4,7 1,1,4,7 1,1,4,7 1,1,4,7 1,1,4,7 1,1,4,7 1,1,4,7 1,1,4,7 1,1,4,7 1,1,0,7 1,1,0,7 1,1,0,7
"#;
    assert_eq!(code_dump(src, taipan_compiler::Mode::Eval), expected);
}

#[test]
fn single_mode_prints_expressions() {
    let src = "x = 1; x; x + 1\n";
    let expected = r#"code <module>
  argcount: 0
  posonlyargcount: 0
  kwonlyargcount: 0
  stacksize: 2
  flags: 0x0 (0x0)
  firstlineno: 1
  filename: 's.py'
  name: '<module>'
  qualname: '<module>'
  code: 9500530072005c00370120005c0053002d000000370120006701
  consts:
    0: 1
    1: None
  names: ('x',)
  varnames: ()
  cellvars: ()
  freevars: ()
  nlocals: 0
  linetable: f003010101d8040580018271882188618c25
  exceptiontable: 
  lines: 0-2:0 2-26:1
  positions: 0,1,0,0 1,1,4,5 1,1,0,1 1,1,7,8 1,1,7,8 1,1,7,8 1,1,10,11 1,1,14,15 1,1,10,15 1,1,10,15 1,1,10,15 1,1,10,15 1,1,10,15
"#;
    assert_eq!(code_dump(src, taipan_compiler::Mode::Single), expected);
}

#[test]
fn single_mode_statement_block() {
    let src = "for i in range(3):\n    i\n\n";
    let expected = r#"code <module>
  argcount: 0
  posonlyargcount: 0
  kwonlyargcount: 0
  stacksize: 3
  flags: 0x0 (0x0)
  firstlineno: 1
  filename: 's.py'
  name: '<module>'
  qualname: '<module>'
  code: 95005c0022005300350100000000000013004806000072015c01370120004d0800000b0020006701
  consts:
    0: 3
    1: None
  names: ('range', 'i')
  varnames: ()
  cellvars: ()
  freevars: ()
  nlocals: 0
  linetable: f003010101d9090e88718e188041dc0405f203000a12
  exceptiontable: 
  lines: 0-2:0 2-24:1 24-34:2 34-40:1
  positions: 0,1,0,0 1,1,9,14 1,1,9,14 1,1,15,16 1,1,9,17 1,1,9,17 1,1,9,17 1,1,9,17 1,1,9,17 1,1,9,17 1,1,9,17 1,1,4,5 2,2,4,5 2,2,4,5 2,2,4,5 2,2,4,5 2,2,4,5 1,1,9,17 1,1,9,17 1,1,9,17
"#;
    assert_eq!(code_dump(src, taipan_compiler::Mode::Single), expected);
}

#[test]
fn single_mode_annotation() {
    let src = "y: int = 2\n";
    let expected = r#"code <module>
  argcount: 0
  posonlyargcount: 0
  kwonlyargcount: 0
  stacksize: 3
  flags: 0x0 (0x0)
  firstlineno: 1
  filename: 's.py'
  name: '<module>'
  qualname: '<module>'
  code: 95002500530072005c015c025301270000006702
  consts:
    0: 2
    1: 'y'
    2: None
  names: ('y', 'int', '__annotations__')
  varnames: ()
  cellvars: ()
  freevars: ()
  nlocals: 0
  linetable: f003010101d80000881180018033840a
  exceptiontable: 
  lines: 0-2:0 2-20:1
  positions: 0,1,0,0 1,1,0,0 1,1,9,10 1,1,0,1 1,1,3,6 1,1,0,10 1,1,0,10 1,1,0,10 1,1,0,10 1,1,0,10
"#;
    assert_eq!(code_dump(src, taipan_compiler::Mode::Single), expected);
}
