//! The CFG passes against CPython 3.13.0. Each case is one code unit: CPython's code generation
//! output (`_testinternalcapi.compiler_codegen`, with the unit's constants), what CPython's
//! `optimize_cfg` made of it (`_testinternalcapi.optimize_cfg`, which runs
//! `_PyCfg_OptimizeCodeUnit` with no parameters), and the instructions of the code object
//! `compile()` made (decoded from `co_code`, with the exception table's handler per
//! instruction as `h=INDEX/STARTDEPTH/LASTI`) with its `co_stacksize` and `co_consts`. All the
//! expected text below was written by a script from the oracle's output (for nested units the
//! input constants are the code object's `co_consts`, which both sides get alike).

use taipan_bytecode::{CodeFlags, Constant, Int, Opcode, PyString};
use taipan_compiler::flowgraph::{Cfg, finalize, optimize_code_unit};
use taipan_compiler::ir::{Instr, InstructionSequence, Location};
use taipan_compiler::unit::UnitMetadata;

struct Case {
    #[allow(dead_code)]
    source: &'static str,
    consts: &'static str,
    /// `(nparams, firstlineno, flags, varnames, cellvars, freevars)`, marshalled.
    meta: &'static str,
    nlocals: usize,
    input: &'static str,
    optimized: &'static str,
    optimized_consts: &'static str,
    finalized: &'static str,
    final_consts: &'static str,
    stacksize: u32,
}

fn unhex(hex: &str) -> Vec<Constant> {
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect();
    match taipan_pyc::marshal::loads(&bytes).expect("marshal") {
        Constant::Tuple(t) => t.into_vec(),
        other => panic!("not a tuple: {other:?}"),
    }
}

/// Reads the text form `INDEX OPNAME OPARG LINENO:COL-END_LINENO:END_COL`.
fn parse_sequence(text: &str) -> InstructionSequence {
    let instrs = text
        .lines()
        .map(|line| {
            let mut parts = line.split(' ');
            let _index = parts.next();
            let opcode = Opcode::from_name(parts.next().expect("name")).expect("opcode");
            let oparg = parts.next().expect("oparg").parse().unwrap_or(0);
            let (start, end) = parts.next().expect("loc").split_once('-').expect("range");
            // The end part may itself start with '-' (no location: "-1:-1--1:-1").
            let (start, end) = if start.is_empty() {
                let (s, e) = end.split_once("--").expect("range");
                (format!("-{s}"), format!("-{e}"))
            } else if end.is_empty() {
                (
                    start.to_owned(),
                    line.rsplit_once("--").expect("range").1.to_owned(),
                )
            } else {
                (start.to_owned(), end.to_owned())
            };
            let (l, c) = start.split_once(':').expect("start");
            let (el, ec) = end.split_once(':').expect("end");
            let n = |s: &str| s.parse::<i32>().expect("number");
            Instr {
                opcode,
                oparg,
                loc: Location::new(n(l), n(el), n(c), n(ec)),
                except_handler: None,
            }
        })
        .collect();
    InstructionSequence::from_resolved(instrs)
}

fn finalized_text(seq: &InstructionSequence) -> String {
    let mut out = String::new();
    for (i, instr) in seq.instrs.iter().enumerate() {
        let l = instr.loc;
        let h = instr.except_handler.map_or((-1, 0, 0), |h| {
            (h.label, h.startdepth, i32::from(h.preserve_lasti))
        });
        out += &format!(
            "{i} {} {} {}:{}-{}:{} h={}/{}/{}\n",
            instr.opcode.name(),
            instr.oparg,
            l.lineno,
            l.col_offset,
            l.end_lineno,
            l.end_col_offset,
            h.0,
            h.1,
            h.2
        );
    }
    out
}

fn check(case: Case) {
    let input = parse_sequence(case.input);
    assert_eq!(input.text(), case.input, "the input round-trips");

    // optimize_cfg as _testinternalcapi runs it: no parameters.
    let mut cfg = Cfg::from_sequence(input.clone());
    let mut consts = unhex(case.consts);
    optimize_code_unit(&mut cfg, &mut consts, case.nlocals, 0, 1).expect("optimize");
    assert_eq!(cfg.to_sequence().text(), case.optimized);
    assert_eq!(consts, unhex(case.optimized_consts));

    // The whole back end as compile() runs it.
    let meta = unhex(case.meta);
    let int = |i: usize| match &meta[i] {
        Constant::Int(Int::Small(v)) => *v,
        other => panic!("{other:?}"),
    };
    let names = |i: usize| -> Vec<PyString> {
        match &meta[i] {
            Constant::Tuple(t) => t
                .iter()
                .map(|c| match c {
                    Constant::Str(s) => s.clone(),
                    other => panic!("{other:?}"),
                })
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    let mut md = UnitMetadata::new("<case>");
    md.firstlineno = int(1) as i32;
    md.flags = CodeFlags(int(2) as u32);
    md.varnames = names(3);
    md.cellvars = names(4);
    md.freevars = names(5);
    let mut cfg = Cfg::from_sequence(input);
    let mut consts = unhex(case.consts);
    optimize_code_unit(
        &mut cfg,
        &mut consts,
        case.nlocals,
        int(0) as usize,
        md.firstlineno,
    )
    .expect("optimize");
    assert_eq!(consts, unhex(case.final_consts));
    md.consts = consts;
    let finalized = finalize(cfg, &md).expect("finalize");
    assert_eq!(finalized_text(&finalized.seq), case.finalized);
    assert_eq!(finalized.stackdepth, case.stacksize);
}
// Generated from CPython 3.13.0 (_testinternalcapi.compiler_codegen, optimize_cfg, compile()).

#[test]
fn constant_condition_and_return_const() {
    check(Case {
        source: "while 1:\n    if x:\n        break\nelse:\n    y = 2\n",
        consts: "2903e901000000e9020000004e",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:6-1:7
2 TO_BOOL - 1:6-1:7
3 POP_JUMP_IF_FALSE 12 1:6-1:7
4 LOAD_NAME 0 2:7-2:8
5 TO_BOOL - 2:7-2:8
6 POP_JUMP_IF_FALSE 9 2:7-2:8
7 NOP - 3:8-3:13
8 JUMP 14 3:8-3:13
9 LOAD_CONST 0 1:6-1:7
10 TO_BOOL - 1:6-1:7
11 POP_JUMP_IF_TRUE 4 1:6-1:7
12 LOAD_CONST 1 5:8-5:9
13 STORE_NAME 1 5:4-5:5
14 LOAD_CONST 2 -1:-1--1:-1
15 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 NOP - 1:6-1:7
2 LOAD_NAME 0 2:7-2:8
3 TO_BOOL - 2:7-2:8
4 POP_JUMP_IF_FALSE 6 2:7-2:8
5 RETURN_CONST 1 3:8-3:13
6 JUMP 2 1:6-1:7
",
        optimized_consts: "2902e9010000004e",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 NOP 0 1:6-1:7 h=-1/0/0
2 LOAD_NAME 0 2:7-2:8 h=-1/0/0
3 TO_BOOL 0 2:7-2:8 h=-1/0/0
4 POP_JUMP_IF_FALSE 1 2:7-2:8 h=-1/0/0
5 RETURN_CONST 1 3:8-3:13 h=-1/0/0
6 JUMP_BACKWARD 10 1:6-1:7 h=-1/0/0
",
        final_consts: "a902e9010000004e",
        stacksize: 1,
    });
}

#[test]
fn tuple_folding_and_swaps() {
    check(Case {
        source: "a, b = b, a\nx = (a, 1)\nt = (1, (2, 3), -4)\nfor i in (1, 2): print(i)\n",
        consts: "2904e901000000a9037200000000a902e902000000e903000000e9fcffffffa902720000000072030000004e",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:7-1:8
2 LOAD_NAME 1 1:10-1:11
3 BUILD_TUPLE 2 1:7-1:11
4 UNPACK_SEQUENCE 2 1:0-1:4
5 STORE_NAME 1 1:0-1:1
6 STORE_NAME 0 1:3-1:4
7 LOAD_NAME 1 2:5-2:6
8 LOAD_CONST 0 2:8-2:9
9 BUILD_TUPLE 2 2:4-2:10
10 STORE_NAME 2 2:0-2:1
11 LOAD_CONST 1 3:4-3:19
12 STORE_NAME 3 3:0-3:1
13 LOAD_CONST 2 4:9-4:15
14 GET_ITER - 4:9-4:15
15 FOR_ITER 24 4:9-4:15
16 NOP - 4:4-4:5
17 STORE_NAME 4 4:4-4:5
18 LOAD_NAME 5 4:17-4:22
19 PUSH_NULL - 4:17-4:22
20 LOAD_NAME 4 4:23-4:24
21 CALL 1 4:17-4:25
22 POP_TOP - -1:-1--1:-1
23 JUMP 15 -1:-1--1:-1
24 END_FOR - -1:-1--1:-1
25 POP_TOP - -1:-1--1:-1
26 LOAD_CONST 3 -1:-1--1:-1
27 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:7-1:8
2 LOAD_NAME 1 1:10-1:11
3 SWAP 2 1:0-1:4
4 STORE_NAME 1 1:0-1:1
5 STORE_NAME 0 1:3-1:4
6 LOAD_NAME 1 2:5-2:6
7 LOAD_CONST 0 2:8-2:9
8 BUILD_TUPLE 2 2:4-2:10
9 STORE_NAME 2 2:0-2:1
10 LOAD_CONST 1 3:4-3:19
11 STORE_NAME 3 3:0-3:1
12 LOAD_CONST 2 4:9-4:15
13 GET_ITER - 4:9-4:15
14 FOR_ITER 22 4:9-4:15
15 STORE_NAME 4 4:4-4:5
16 LOAD_NAME 5 4:17-4:22
17 PUSH_NULL - 4:17-4:22
18 LOAD_NAME 4 4:23-4:24
19 CALL 1 4:17-4:25
20 POP_TOP - 4:17-4:25
21 JUMP 14 4:17-4:25
22 END_FOR - 4:9-4:15
23 POP_TOP - 4:9-4:15
24 RETURN_CONST 3 4:9-4:15
",
        optimized_consts: "2904e901000000a9037200000000a902e902000000e903000000e9fcffffffa902720000000072030000004e",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 LOAD_NAME 0 1:7-1:8 h=-1/0/0
2 LOAD_NAME 1 1:10-1:11 h=-1/0/0
3 SWAP 2 1:0-1:4 h=-1/0/0
4 STORE_NAME 1 1:0-1:1 h=-1/0/0
5 STORE_NAME 0 1:3-1:4 h=-1/0/0
6 LOAD_NAME 1 2:5-2:6 h=-1/0/0
7 LOAD_CONST 0 2:8-2:9 h=-1/0/0
8 BUILD_TUPLE 2 2:4-2:10 h=-1/0/0
9 STORE_NAME 2 2:0-2:1 h=-1/0/0
10 LOAD_CONST 1 3:4-3:19 h=-1/0/0
11 STORE_NAME 3 3:0-3:1 h=-1/0/0
12 LOAD_CONST 2 4:9-4:15 h=-1/0/0
13 GET_ITER 0 4:9-4:15 h=-1/0/0
14 FOR_ITER 11 4:9-4:15 h=-1/0/0
15 STORE_NAME 4 4:4-4:5 h=-1/0/0
16 LOAD_NAME 5 4:17-4:22 h=-1/0/0
17 PUSH_NULL 0 4:17-4:22 h=-1/0/0
18 LOAD_NAME 4 4:23-4:24 h=-1/0/0
19 CALL 1 4:17-4:25 h=-1/0/0
20 POP_TOP 0 4:17-4:25 h=-1/0/0
21 JUMP_BACKWARD 13 4:17-4:25 h=-1/0/0
22 END_FOR 0 4:9-4:15 h=-1/0/0
23 POP_TOP 0 4:9-4:15 h=-1/0/0
24 RETURN_CONST 3 4:9-4:15 h=-1/0/0
",
        final_consts: "a904e901000000290372010000002902e902000000e903000000e9fcffffff2902720100000072020000004e",
        stacksize: 4,
    });
}

#[test]
fn try_except_finally() {
    check(Case {
        source: "try:\n    f()\nexcept ValueError as e:\n    g(e)\nexcept:\n    pass\nelse:\n    h()\nfinally:\n    k()\n",
        consts: "29014e",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 SETUP_FINALLY 51 1:0-10:7
2 SETUP_FINALLY 13 1:0-10:7
3 LOAD_NAME 0 2:4-2:5
4 PUSH_NULL - 2:4-2:5
5 CALL 0 2:4-2:7
6 POP_TOP - -1:-1--1:-1
7 POP_BLOCK - -1:-1--1:-1
8 LOAD_NAME 1 8:4-8:5
9 PUSH_NULL - 8:4-8:5
10 CALL 0 8:4-8:7
11 POP_TOP - -1:-1--1:-1
12 JUMP_NO_INTERRUPT 45 -1:-1--1:-1
13 SETUP_CLEANUP 42 -1:-1--1:-1
14 PUSH_EXC_INFO - -1:-1--1:-1
15 LOAD_NAME 2 3:7-3:17
16 CHECK_EXC_MATCH - 3:0-4:8
17 POP_JUMP_IF_FALSE 36 3:0-4:8
18 STORE_NAME 3 3:0-4:8
19 SETUP_CLEANUP 32 3:0-4:8
20 LOAD_NAME 4 4:4-4:5
21 PUSH_NULL - 4:4-4:5
22 LOAD_NAME 3 4:6-4:7
23 CALL 1 4:4-4:8
24 POP_TOP - -1:-1--1:-1
25 POP_BLOCK - -1:-1--1:-1
26 POP_BLOCK - -1:-1--1:-1
27 POP_EXCEPT - -1:-1--1:-1
28 LOAD_CONST 0 -1:-1--1:-1
29 STORE_NAME 3 -1:-1--1:-1
30 DELETE_NAME 3 -1:-1--1:-1
31 JUMP_NO_INTERRUPT 45 -1:-1--1:-1
32 LOAD_CONST 0 -1:-1--1:-1
33 STORE_NAME 3 -1:-1--1:-1
34 DELETE_NAME 3 -1:-1--1:-1
35 RERAISE 1 -1:-1--1:-1
36 POP_TOP - 5:0-6:8
37 NOP - 6:4-6:8
38 POP_BLOCK - -1:-1--1:-1
39 POP_EXCEPT - -1:-1--1:-1
40 JUMP_NO_INTERRUPT 45 -1:-1--1:-1
41 RERAISE 0 -1:-1--1:-1
42 COPY 3 -1:-1--1:-1
43 POP_EXCEPT - -1:-1--1:-1
44 RERAISE 1 -1:-1--1:-1
45 POP_BLOCK - -1:-1--1:-1
46 LOAD_NAME 5 10:4-10:5
47 PUSH_NULL - 10:4-10:5
48 CALL 0 10:4-10:7
49 POP_TOP - -1:-1--1:-1
50 JUMP_NO_INTERRUPT 61 -1:-1--1:-1
51 SETUP_CLEANUP 58 -1:-1--1:-1
52 PUSH_EXC_INFO - -1:-1--1:-1
53 LOAD_NAME 5 10:4-10:5
54 PUSH_NULL - 10:4-10:5
55 CALL 0 10:4-10:7
56 POP_TOP - -1:-1--1:-1
57 RERAISE 0 -1:-1--1:-1
58 COPY 3 -1:-1--1:-1
59 POP_EXCEPT - -1:-1--1:-1
60 RERAISE 1 -1:-1--1:-1
61 LOAD_CONST 0 -1:-1--1:-1
62 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 SETUP_FINALLY 43 1:0-10:7
2 SETUP_FINALLY 16 1:0-10:7
3 LOAD_NAME 0 2:4-2:5
4 PUSH_NULL - 2:4-2:5
5 CALL 0 2:4-2:7
6 POP_TOP - 2:4-2:7
7 LOAD_NAME 1 8:4-8:5
8 PUSH_NULL - 8:4-8:5
9 CALL 0 8:4-8:7
10 POP_TOP - 8:4-8:7
11 LOAD_NAME 5 10:4-10:5
12 PUSH_NULL - 10:4-10:5
13 CALL 0 10:4-10:7
14 POP_TOP - 10:4-10:7
15 RETURN_CONST 0 10:4-10:7
16 SETUP_CLEANUP 40 -1:-1--1:-1
17 PUSH_EXC_INFO - -1:-1--1:-1
18 LOAD_NAME 2 3:7-3:17
19 CHECK_EXC_MATCH - 3:0-4:8
20 POP_JUMP_IF_FALSE 37 3:0-4:8
21 STORE_NAME 3 3:0-4:8
22 SETUP_CLEANUP 33 3:0-4:8
23 LOAD_NAME 4 4:4-4:5
24 PUSH_NULL - 4:4-4:5
25 LOAD_NAME 3 4:6-4:7
26 CALL 1 4:4-4:8
27 POP_TOP - 4:4-4:8
28 POP_EXCEPT - 4:4-4:8
29 LOAD_CONST 0 4:4-4:8
30 STORE_NAME 3 4:4-4:8
31 DELETE_NAME 3 4:4-4:8
32 JUMP_NO_INTERRUPT 11 4:4-4:8
33 LOAD_CONST 0 -1:-1--1:-1
34 STORE_NAME 3 -1:-1--1:-1
35 DELETE_NAME 3 -1:-1--1:-1
36 RERAISE 1 -1:-1--1:-1
37 POP_TOP - 5:0-6:8
38 POP_EXCEPT - 6:4-6:8
39 JUMP_NO_INTERRUPT 11 6:4-6:8
40 COPY 3 -1:-1--1:-1
41 POP_EXCEPT - -1:-1--1:-1
42 RERAISE 1 -1:-1--1:-1
43 SETUP_CLEANUP 50 -1:-1--1:-1
44 PUSH_EXC_INFO - -1:-1--1:-1
45 LOAD_NAME 5 10:4-10:5
46 PUSH_NULL - 10:4-10:5
47 CALL 0 10:4-10:7
48 POP_TOP - 10:4-10:7
49 RERAISE 0 10:4-10:7
50 COPY 3 -1:-1--1:-1
51 POP_EXCEPT - -1:-1--1:-1
52 RERAISE 1 -1:-1--1:-1
",
        optimized_consts: "29014e",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 NOP 0 1:0-10:7 h=-1/0/0
2 LOAD_NAME 0 2:4-2:5 h=15/1/0
3 PUSH_NULL 0 2:4-2:5 h=15/1/0
4 CALL 0 2:4-2:7 h=15/1/0
5 POP_TOP 0 2:4-2:7 h=15/1/0
6 LOAD_NAME 1 8:4-8:5 h=40/1/0
7 PUSH_NULL 0 8:4-8:5 h=40/1/0
8 CALL 0 8:4-8:7 h=40/1/0
9 POP_TOP 0 8:4-8:7 h=40/1/0
10 LOAD_NAME 5 10:4-10:5 h=-1/0/0
11 PUSH_NULL 0 10:4-10:5 h=-1/0/0
12 CALL 0 10:4-10:7 h=-1/0/0
13 POP_TOP 0 10:4-10:7 h=-1/0/0
14 RETURN_CONST 0 10:4-10:7 h=-1/0/0
15 PUSH_EXC_INFO 0 -1:-1--1:-1 h=37/3/1
16 LOAD_NAME 2 3:7-3:17 h=37/3/1
17 CHECK_EXC_MATCH 0 3:0-4:8 h=37/3/1
18 POP_JUMP_IF_FALSE 18 3:0-4:8 h=37/3/1
19 STORE_NAME 3 3:0-4:8 h=37/3/1
20 LOAD_NAME 4 4:4-4:5 h=30/3/1
21 PUSH_NULL 0 4:4-4:5 h=30/3/1
22 LOAD_NAME 3 4:6-4:7 h=30/3/1
23 CALL 1 4:4-4:8 h=30/3/1
24 POP_TOP 0 4:4-4:8 h=30/3/1
25 POP_EXCEPT 0 4:4-4:8 h=40/1/0
26 LOAD_CONST 0 4:4-4:8 h=40/1/0
27 STORE_NAME 3 4:4-4:8 h=40/1/0
28 DELETE_NAME 3 4:4-4:8 h=40/1/0
29 JUMP_BACKWARD_NO_INTERRUPT 27 4:4-4:8 h=40/1/0
30 LOAD_CONST 0 -1:-1--1:-1 h=37/3/1
31 STORE_NAME 3 -1:-1--1:-1 h=37/3/1
32 DELETE_NAME 3 -1:-1--1:-1 h=37/3/1
33 RERAISE 1 -1:-1--1:-1 h=37/3/1
34 POP_TOP 0 5:0-6:8 h=37/3/1
35 POP_EXCEPT 0 6:4-6:8 h=40/1/0
36 JUMP_BACKWARD_NO_INTERRUPT 34 6:4-6:8 h=40/1/0
37 COPY 3 -1:-1--1:-1 h=40/1/0
38 POP_EXCEPT 0 -1:-1--1:-1 h=40/1/0
39 RERAISE 1 -1:-1--1:-1 h=40/1/0
40 PUSH_EXC_INFO 0 -1:-1--1:-1 h=46/3/1
41 LOAD_NAME 5 10:4-10:5 h=46/3/1
42 PUSH_NULL 0 10:4-10:5 h=46/3/1
43 CALL 0 10:4-10:7 h=46/3/1
44 POP_TOP 0 10:4-10:7 h=46/3/1
45 RERAISE 0 10:4-10:7 h=46/3/1
46 COPY 3 -1:-1--1:-1 h=-1/0/0
47 POP_EXCEPT 0 -1:-1--1:-1 h=-1/0/0
48 RERAISE 1 -1:-1--1:-1 h=-1/0/0
",
        final_consts: "a9014e",
        stacksize: 4,
    });
}

#[test]
fn with_and_async_cold_blocks() {
    check(Case {
        source: "import os\nwith open(p) as f:\n    data = f.read()\nif data is None or not data:\n    raise SystemExit(1)\n",
        consts: "2903e9000000004ee901000000",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-1:9
2 LOAD_CONST 1 1:0-1:9
3 IMPORT_NAME 0 1:0-1:9
4 STORE_NAME 0 1:0-1:9
5 LOAD_NAME 1 2:5-2:9
6 PUSH_NULL - 2:5-2:9
7 LOAD_NAME 2 2:10-2:11
8 CALL 1 2:5-2:12
9 BEFORE_WITH - 2:5-2:12
10 SETUP_WITH 23 2:5-2:12
11 STORE_NAME 3 2:16-2:17
12 LOAD_NAME 3 3:11-3:12
13 LOAD_ATTR 9 3:11-3:17
14 CALL 0 3:11-3:19
15 STORE_NAME 5 3:4-3:8
16 POP_BLOCK - -1:-1--1:-1
17 LOAD_CONST 1 2:5-2:12
18 LOAD_CONST 1 2:5-2:12
19 LOAD_CONST 1 2:5-2:12
20 CALL 2 2:5-2:12
21 POP_TOP - 2:5-2:12
22 JUMP 38 2:5-2:12
23 SETUP_CLEANUP 35 2:5-2:12
24 PUSH_EXC_INFO - 2:5-2:12
25 WITH_EXCEPT_START - 2:5-2:12
26 TO_BOOL - -1:-1--1:-1
27 POP_JUMP_IF_TRUE 29 -1:-1--1:-1
28 RERAISE 2 -1:-1--1:-1
29 POP_TOP - -1:-1--1:-1
30 POP_BLOCK - -1:-1--1:-1
31 POP_EXCEPT - -1:-1--1:-1
32 POP_TOP - -1:-1--1:-1
33 POP_TOP - -1:-1--1:-1
34 JUMP_NO_INTERRUPT 38 -1:-1--1:-1
35 COPY 3 -1:-1--1:-1
36 POP_EXCEPT - -1:-1--1:-1
37 RERAISE 1 -1:-1--1:-1
38 LOAD_NAME 5 4:3-4:7
39 LOAD_CONST 1 4:11-4:15
40 IS_OP 0 4:3-4:15
41 TO_BOOL - 4:3-4:15
42 POP_JUMP_IF_TRUE 46 4:3-4:15
43 LOAD_NAME 5 4:23-4:27
44 TO_BOOL - 4:23-4:27
45 POP_JUMP_IF_TRUE 51 4:23-4:27
46 LOAD_NAME 6 5:10-5:20
47 PUSH_NULL - 5:10-5:20
48 LOAD_CONST 2 5:21-5:22
49 CALL 1 5:10-5:23
50 RAISE_VARARGS 1 5:4-5:23
51 LOAD_CONST 1 -1:-1--1:-1
52 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 LOAD_CONST 0 1:0-1:9
2 LOAD_CONST 1 1:0-1:9
3 IMPORT_NAME 0 1:0-1:9
4 STORE_NAME 0 1:0-1:9
5 LOAD_NAME 1 2:5-2:9
6 PUSH_NULL - 2:5-2:9
7 LOAD_NAME 2 2:10-2:11
8 CALL 1 2:5-2:12
9 BEFORE_WITH - 2:5-2:12
10 SETUP_WITH 32 2:5-2:12
11 STORE_NAME 3 2:16-2:17
12 LOAD_NAME 3 3:11-3:12
13 LOAD_ATTR 9 3:11-3:17
14 CALL 0 3:11-3:19
15 STORE_NAME 5 3:4-3:8
16 LOAD_CONST 1 2:5-2:12
17 LOAD_CONST 1 2:5-2:12
18 LOAD_CONST 1 2:5-2:12
19 CALL 2 2:5-2:12
20 POP_TOP - 2:5-2:12
21 LOAD_NAME 5 4:3-4:7
22 POP_JUMP_IF_NONE 26 4:3-4:15
23 LOAD_NAME 5 4:23-4:27
24 TO_BOOL - 4:23-4:27
25 POP_JUMP_IF_TRUE 31 4:23-4:27
26 LOAD_NAME 6 5:10-5:20
27 PUSH_NULL - 5:10-5:20
28 LOAD_CONST 2 5:21-5:22
29 CALL 1 5:10-5:23
30 RAISE_VARARGS 1 5:4-5:23
31 RETURN_CONST 1 4:23-4:27
32 SETUP_CLEANUP 43 2:5-2:12
33 PUSH_EXC_INFO - 2:5-2:12
34 WITH_EXCEPT_START - 2:5-2:12
35 TO_BOOL - 2:5-2:12
36 POP_JUMP_IF_TRUE 38 2:5-2:12
37 RERAISE 2 2:5-2:12
38 POP_TOP - 2:5-2:12
39 POP_EXCEPT - 2:5-2:12
40 POP_TOP - 2:5-2:12
41 POP_TOP - 2:5-2:12
42 JUMP_NO_INTERRUPT 21 2:5-2:12
43 COPY 3 -1:-1--1:-1
44 POP_EXCEPT - -1:-1--1:-1
45 RERAISE 1 -1:-1--1:-1
",
        optimized_consts: "2903e9000000004ee901000000",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 LOAD_CONST 0 1:0-1:9 h=-1/0/0
2 LOAD_CONST 1 1:0-1:9 h=-1/0/0
3 IMPORT_NAME 0 1:0-1:9 h=-1/0/0
4 STORE_NAME 0 1:0-1:9 h=-1/0/0
5 LOAD_NAME 1 2:5-2:9 h=-1/0/0
6 PUSH_NULL 0 2:5-2:9 h=-1/0/0
7 LOAD_NAME 2 2:10-2:11 h=-1/0/0
8 CALL 1 2:5-2:12 h=-1/0/0
9 BEFORE_WITH 0 2:5-2:12 h=-1/0/0
10 STORE_NAME 3 2:16-2:17 h=31/3/1
11 LOAD_NAME 3 3:11-3:12 h=31/3/1
12 LOAD_ATTR 9 3:11-3:17 h=31/3/1
13 CALL 0 3:11-3:19 h=31/3/1
14 STORE_NAME 5 3:4-3:8 h=31/3/1
15 LOAD_CONST 1 2:5-2:12 h=-1/0/0
16 LOAD_CONST 1 2:5-2:12 h=-1/0/0
17 LOAD_CONST 1 2:5-2:12 h=-1/0/0
18 CALL 2 2:5-2:12 h=-1/0/0
19 POP_TOP 0 2:5-2:12 h=-1/0/0
20 LOAD_NAME 5 4:3-4:7 h=-1/0/0
21 POP_JUMP_IF_NONE 7 4:3-4:15 h=-1/0/0
22 LOAD_NAME 5 4:23-4:27 h=-1/0/0
23 TO_BOOL 0 4:23-4:27 h=-1/0/0
24 POP_JUMP_IF_TRUE 8 4:23-4:27 h=-1/0/0
25 LOAD_NAME 6 5:10-5:20 h=-1/0/0
26 PUSH_NULL 0 5:10-5:20 h=-1/0/0
27 LOAD_CONST 2 5:21-5:22 h=-1/0/0
28 CALL 1 5:10-5:23 h=-1/0/0
29 RAISE_VARARGS 1 5:4-5:23 h=-1/0/0
30 RETURN_CONST 1 4:23-4:27 h=-1/0/0
31 PUSH_EXC_INFO 0 2:5-2:12 h=41/5/1
32 WITH_EXCEPT_START 0 2:5-2:12 h=41/5/1
33 TO_BOOL 0 2:5-2:12 h=41/5/1
34 POP_JUMP_IF_TRUE 1 2:5-2:12 h=41/5/1
35 RERAISE 2 2:5-2:12 h=41/5/1
36 POP_TOP 0 2:5-2:12 h=41/5/1
37 POP_EXCEPT 0 2:5-2:12 h=-1/0/0
38 POP_TOP 0 2:5-2:12 h=-1/0/0
39 POP_TOP 0 2:5-2:12 h=-1/0/0
40 JUMP_BACKWARD_NO_INTERRUPT 33 2:5-2:12 h=-1/0/0
41 COPY 3 -1:-1--1:-1 h=-1/0/0
42 POP_EXCEPT 0 -1:-1--1:-1 h=-1/0/0
43 RERAISE 1 -1:-1--1:-1 h=-1/0/0
",
        final_consts: "a903e9000000004ee901000000",
        stacksize: 6,
    });
}

#[test]
fn bool_ops_is_none_to_bool() {
    check(Case {
        source: "x = a and b or c\nif x is not None and not (y in z):\n    print(x < 3)\n",
        consts: "29024ee903000000",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:4-1:5
2 COPY 1 1:4-1:11
3 TO_BOOL - 1:4-1:11
4 POP_JUMP_IF_FALSE 7 1:4-1:11
5 POP_TOP - 1:4-1:11
6 LOAD_NAME 1 1:10-1:11
7 COPY 1 1:4-1:16
8 TO_BOOL - 1:4-1:16
9 POP_JUMP_IF_TRUE 12 1:4-1:16
10 POP_TOP - 1:4-1:16
11 LOAD_NAME 2 1:15-1:16
12 STORE_NAME 3 1:0-1:1
13 LOAD_NAME 3 2:3-2:4
14 LOAD_CONST 0 2:12-2:16
15 IS_OP 1 2:3-2:16
16 TO_BOOL - 2:3-2:16
17 POP_JUMP_IF_FALSE 30 2:3-2:16
18 LOAD_NAME 4 2:26-2:27
19 LOAD_NAME 5 2:31-2:32
20 CONTAINS_OP 1 2:26-2:32
21 TO_BOOL - 2:26-2:32
22 POP_JUMP_IF_FALSE 30 2:26-2:32
23 LOAD_NAME 6 3:4-3:9
24 PUSH_NULL - 3:4-3:9
25 LOAD_NAME 3 3:10-3:11
26 LOAD_CONST 1 3:14-3:15
27 COMPARE_OP 2 3:10-3:15
28 CALL 1 3:4-3:16
29 POP_TOP - -1:-1--1:-1
30 LOAD_CONST 0 -1:-1--1:-1
31 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:4-1:5
2 COPY 1 1:4-1:11
3 TO_BOOL - 1:4-1:11
4 POP_JUMP_IF_FALSE 7 1:4-1:11
5 POP_TOP - 1:4-1:11
6 LOAD_NAME 1 1:10-1:11
7 COPY 1 1:4-1:16
8 TO_BOOL - 1:4-1:16
9 POP_JUMP_IF_TRUE 12 1:4-1:16
10 POP_TOP - 1:4-1:16
11 LOAD_NAME 2 1:15-1:16
12 STORE_NAME 3 1:0-1:1
13 LOAD_NAME 3 2:3-2:4
14 POP_JUMP_IF_NONE 28 2:3-2:16
15 LOAD_NAME 4 2:26-2:27
16 LOAD_NAME 5 2:31-2:32
17 CONTAINS_OP 1 2:26-2:32
18 POP_JUMP_IF_FALSE 27 2:26-2:32
19 LOAD_NAME 6 3:4-3:9
20 PUSH_NULL - 3:4-3:9
21 LOAD_NAME 3 3:10-3:11
22 LOAD_CONST 1 3:14-3:15
23 COMPARE_OP 2 3:10-3:15
24 CALL 1 3:4-3:16
25 POP_TOP - 3:4-3:16
26 RETURN_CONST 0 3:4-3:16
27 RETURN_CONST 0 2:26-2:32
28 RETURN_CONST 0 2:3-2:16
",
        optimized_consts: "29024ee903000000",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 LOAD_NAME 0 1:4-1:5 h=-1/0/0
2 COPY 1 1:4-1:11 h=-1/0/0
3 TO_BOOL 0 1:4-1:11 h=-1/0/0
4 POP_JUMP_IF_FALSE 2 1:4-1:11 h=-1/0/0
5 POP_TOP 0 1:4-1:11 h=-1/0/0
6 LOAD_NAME 1 1:10-1:11 h=-1/0/0
7 COPY 1 1:4-1:16 h=-1/0/0
8 TO_BOOL 0 1:4-1:16 h=-1/0/0
9 POP_JUMP_IF_TRUE 2 1:4-1:16 h=-1/0/0
10 POP_TOP 0 1:4-1:16 h=-1/0/0
11 LOAD_NAME 2 1:15-1:16 h=-1/0/0
12 STORE_NAME 3 1:0-1:1 h=-1/0/0
13 LOAD_NAME 3 2:3-2:4 h=-1/0/0
14 POP_JUMP_IF_NONE 19 2:3-2:16 h=-1/0/0
15 LOAD_NAME 4 2:26-2:27 h=-1/0/0
16 LOAD_NAME 5 2:31-2:32 h=-1/0/0
17 CONTAINS_OP 1 2:26-2:32 h=-1/0/0
18 POP_JUMP_IF_FALSE 12 2:26-2:32 h=-1/0/0
19 LOAD_NAME 6 3:4-3:9 h=-1/0/0
20 PUSH_NULL 0 3:4-3:9 h=-1/0/0
21 LOAD_NAME 3 3:10-3:11 h=-1/0/0
22 LOAD_CONST 1 3:14-3:15 h=-1/0/0
23 COMPARE_OP 2 3:10-3:15 h=-1/0/0
24 CALL 1 3:4-3:16 h=-1/0/0
25 POP_TOP 0 3:4-3:16 h=-1/0/0
26 RETURN_CONST 0 3:4-3:16 h=-1/0/0
27 RETURN_CONST 0 2:26-2:32 h=-1/0/0
28 RETURN_CONST 0 2:3-2:16 h=-1/0/0
",
        final_consts: "a9024ee903000000",
        stacksize: 4,
    });
}

#[test]
fn function_fast_locals_and_superinstructions() {
    check(Case {
        source: "def f(a, b=1, *args, **kw):\n    c = a + b\n    d, e = c, a\n    if c:\n        del c\n    for i in args:\n        z = i\n    return c, d, e, z\n",
        consts: "29014e",
        meta: "a906e904000000e901000000e90f000000a909da0161da0162da0461726773da026b77da0163da0164da0165da0169da017aa900720e000000",
        nlocals: 9,
        input: "\
0 RESUME 0 1:0-1:0
1 LOAD_FAST 0 2:8-2:9
2 LOAD_FAST 1 2:12-2:13
3 BINARY_OP 0 2:8-2:13
4 STORE_FAST 4 2:4-2:5
5 LOAD_FAST 4 3:11-3:12
6 LOAD_FAST 0 3:14-3:15
7 BUILD_TUPLE 2 3:11-3:15
8 UNPACK_SEQUENCE 2 3:4-3:8
9 STORE_FAST 5 3:4-3:5
10 STORE_FAST 6 3:7-3:8
11 LOAD_FAST 4 4:7-4:8
12 TO_BOOL - 4:7-4:8
13 POP_JUMP_IF_FALSE 15 4:7-4:8
14 DELETE_FAST 4 5:12-5:13
15 LOAD_FAST 2 6:13-6:17
16 GET_ITER - 6:13-6:17
17 FOR_ITER 23 6:13-6:17
18 NOP - 6:8-6:9
19 STORE_FAST 7 6:8-6:9
20 LOAD_FAST 7 7:12-7:13
21 STORE_FAST 8 7:8-7:9
22 JUMP 17 -1:-1--1:-1
23 END_FOR - -1:-1--1:-1
24 POP_TOP - -1:-1--1:-1
25 LOAD_FAST 4 8:11-8:12
26 LOAD_FAST 5 8:14-8:15
27 LOAD_FAST 6 8:17-8:18
28 LOAD_FAST 8 8:20-8:21
29 BUILD_TUPLE 4 8:11-8:21
30 RETURN_VALUE - 8:4-8:21
31 LOAD_CONST 0 -1:-1--1:-1
32 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 1:0-1:0
1 LOAD_FAST_CHECK 0 2:8-2:9
2 LOAD_FAST_CHECK 1 2:12-2:13
3 BINARY_OP 0 2:8-2:13
4 STORE_FAST 4 2:4-2:5
5 LOAD_FAST_LOAD_FAST 64 3:11-3:12
6 STORE_FAST_STORE_FAST 101 3:7-3:8
7 LOAD_FAST 4 4:7-4:8
8 TO_BOOL - 4:7-4:8
9 POP_JUMP_IF_FALSE 11 4:7-4:8
10 DELETE_FAST 4 5:12-5:13
11 LOAD_FAST_CHECK 2 6:13-6:17
12 GET_ITER - 6:13-6:17
13 FOR_ITER 18 6:13-6:17
14 STORE_FAST 7 6:8-6:9
15 LOAD_FAST 7 7:12-7:13
16 STORE_FAST 8 7:8-7:9
17 JUMP 13 7:8-7:9
18 END_FOR - 6:13-6:17
19 POP_TOP - 6:13-6:17
20 LOAD_FAST_CHECK 4 8:11-8:12
21 LOAD_FAST_LOAD_FAST 86 8:14-8:15
22 LOAD_FAST_CHECK 8 8:20-8:21
23 BUILD_TUPLE 4 8:11-8:21
24 RETURN_VALUE - 8:4-8:21
",
        optimized_consts: "29014e",
        finalized: "\
0 RESUME 0 1:0-1:0 h=-1/0/0
1 LOAD_FAST_LOAD_FAST 1 2:8-2:9 h=-1/0/0
2 BINARY_OP 0 2:8-2:13 h=-1/0/0
3 STORE_FAST 4 2:4-2:5 h=-1/0/0
4 LOAD_FAST_LOAD_FAST 64 3:11-3:12 h=-1/0/0
5 STORE_FAST_STORE_FAST 101 3:7-3:8 h=-1/0/0
6 LOAD_FAST 4 4:7-4:8 h=-1/0/0
7 TO_BOOL 0 4:7-4:8 h=-1/0/0
8 POP_JUMP_IF_FALSE 1 4:7-4:8 h=-1/0/0
9 DELETE_FAST 4 5:12-5:13 h=-1/0/0
10 LOAD_FAST 2 6:13-6:17 h=-1/0/0
11 GET_ITER 0 6:13-6:17 h=-1/0/0
12 FOR_ITER 5 6:13-6:17 h=-1/0/0
13 STORE_FAST 7 6:8-6:9 h=-1/0/0
14 LOAD_FAST 7 7:12-7:13 h=-1/0/0
15 STORE_FAST 8 7:8-7:9 h=-1/0/0
16 JUMP_BACKWARD 7 7:8-7:9 h=-1/0/0
17 END_FOR 0 6:13-6:17 h=-1/0/0
18 POP_TOP 0 6:13-6:17 h=-1/0/0
19 LOAD_FAST_CHECK 4 8:11-8:12 h=-1/0/0
20 LOAD_FAST_LOAD_FAST 86 8:14-8:15 h=-1/0/0
21 LOAD_FAST_CHECK 8 8:20-8:21 h=-1/0/0
22 BUILD_TUPLE 4 8:11-8:21 h=-1/0/0
23 RETURN_VALUE 0 8:4-8:21 h=-1/0/0
",
        final_consts: "a9014e",
        stacksize: 4,
    });
}

#[test]
fn closure_cells_and_generator() {
    check(Case {
        source: "def outer(a):\n    b = 2\n    def inner():\n        nonlocal b\n        b += a\n        yield b\n    return inner\n",
        consts: "29034ee902000000e30000000000000000000000000200000033000000f3200000003e02230020009500540154002d0d00006d01540176009505200067003703660129014ea9002902da0161da016273020000008080da063c636173653eda05696e6e6572da146f757465722e3c6c6f63616c733e2e696e6e6572030000007314000000f8e9008000e00809885189068801d80e0f8b07f97304000000830b0e01",
        meta: "a906e9010000007201000000e903000000a902da0161da05696e6e657229027204000000da0162a900",
        nlocals: 2,
        input: "\
0 RESUME 0 1:0-1:0
1 LOAD_CONST 1 2:8-2:9
2 STORE_DEREF 1 2:4-2:5
3 LOAD_CLOSURE 0 3:4-6:15
4 LOAD_CLOSURE 1 3:4-6:15
5 BUILD_TUPLE 2 3:4-6:15
6 LOAD_CONST 2 3:4-6:15
7 MAKE_FUNCTION - 3:4-6:15
8 SET_FUNCTION_ATTRIBUTE 8 3:4-6:15
9 STORE_FAST 1 3:4-6:15
10 LOAD_FAST 1 7:11-7:16
11 RETURN_VALUE - 7:4-7:16
12 LOAD_CONST 0 -1:-1--1:-1
13 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 1:0-1:0
1 LOAD_CONST 1 2:8-2:9
2 STORE_DEREF 1 2:4-2:5
3 LOAD_CLOSURE 0 3:4-6:15
4 LOAD_CLOSURE 1 3:4-6:15
5 BUILD_TUPLE 2 3:4-6:15
6 LOAD_CONST 2 3:4-6:15
7 MAKE_FUNCTION - 3:4-6:15
8 SET_FUNCTION_ATTRIBUTE 8 3:4-6:15
9 STORE_FAST 1 3:4-6:15
10 LOAD_FAST 1 7:11-7:16
11 RETURN_VALUE - 7:4-7:16
",
        optimized_consts: "29034ee902000000e30000000000000000000000000200000033000000f3200000003e02230020009500540154002d0d00006d01540176009505200067003703660129014ea9002902da0161da016273020000008080da063c636173653eda05696e6e6572da146f757465722e3c6c6f63616c733e2e696e6e6572030000007314000000f8e9008000e00809885189068801d80e0f8b07f97304000000830b0e01",
        finalized: "\
0 MAKE_CELL 0 -1:-1--1:-1 h=-1/0/0
1 MAKE_CELL 2 -1:-1--1:-1 h=-1/0/0
2 RESUME 0 1:0-1:0 h=-1/0/0
3 LOAD_CONST 1 2:8-2:9 h=-1/0/0
4 STORE_DEREF 2 2:4-2:5 h=-1/0/0
5 LOAD_FAST 0 3:4-6:15 h=-1/0/0
6 LOAD_FAST 2 3:4-6:15 h=-1/0/0
7 BUILD_TUPLE 2 3:4-6:15 h=-1/0/0
8 LOAD_CONST 2 3:4-6:15 h=-1/0/0
9 MAKE_FUNCTION 0 3:4-6:15 h=-1/0/0
10 SET_FUNCTION_ATTRIBUTE 8 3:4-6:15 h=-1/0/0
11 STORE_FAST 1 3:4-6:15 h=-1/0/0
12 LOAD_FAST 1 7:11-7:16 h=-1/0/0
13 RETURN_VALUE 0 7:4-7:16 h=-1/0/0
",
        final_consts: "a9034ee902000000e30000000000000000000000000200000033000000f3200000003e02230020009500540154002d0d00006d01540176009505200067003703660129014ea9002902da0161da016273020000008080da063c636173653eda05696e6e6572da146f757465722e3c6c6f63616c733e2e696e6e6572030000007314000000f8e9008000e00809885189068801d80e0f8b07f97304000000830b0e01",
        stacksize: 2,
    });
}

#[test]
fn generator_free_vars() {
    check(Case {
        source: "def outer(a):\n    b = 2\n    def inner():\n        nonlocal b\n        b += a\n        yield b\n    return inner\n",
        consts: "29014e",
        meta: "a906e900000000e903000000e933000000a9007204000000a902da0161da0162",
        nlocals: 0,
        input: "\
0 SETUP_CLEANUP 12 -1:-1--1:-1
1 RESUME 0 3:0-3:0
2 LOAD_DEREF 1 5:8-5:9
3 LOAD_DEREF 0 5:13-5:14
4 BINARY_OP 13 5:8-5:14
5 STORE_DEREF 1 5:8-5:9
6 LOAD_DEREF 1 6:14-6:15
7 YIELD_VALUE 0 6:8-6:15
8 RESUME 1 6:8-6:15
9 POP_TOP - -1:-1--1:-1
10 LOAD_CONST 0 -1:-1--1:-1
11 RETURN_VALUE - -1:-1--1:-1
12 CALL_INTRINSIC_1 3 -1:-1--1:-1
13 RERAISE 1 -1:-1--1:-1
14 LOAD_CONST 0 -1:-1--1:-1
15 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 SETUP_CLEANUP 11 -1:-1--1:-1
1 RESUME 0 3:0-3:0
2 LOAD_DEREF 1 5:8-5:9
3 LOAD_DEREF 0 5:13-5:14
4 BINARY_OP 13 5:8-5:14
5 STORE_DEREF 1 5:8-5:9
6 LOAD_DEREF 1 6:14-6:15
7 YIELD_VALUE 0 6:8-6:15
8 RESUME 5 6:8-6:15
9 POP_TOP - 6:8-6:15
10 RETURN_CONST 0 6:8-6:15
11 CALL_INTRINSIC_1 3 -1:-1--1:-1
12 RERAISE 1 -1:-1--1:-1
",
        optimized_consts: "29014e",
        finalized: "\
0 COPY_FREE_VARS 2 -1:-1--1:-1 h=-1/0/0
1 RETURN_GENERATOR 0 3:-1-3:-1 h=-1/0/0
2 POP_TOP 0 3:-1-3:-1 h=-1/0/0
3 RESUME 0 3:0-3:0 h=13/2/1
4 LOAD_DEREF 1 5:8-5:9 h=13/2/1
5 LOAD_DEREF 0 5:13-5:14 h=13/2/1
6 BINARY_OP 13 5:8-5:14 h=13/2/1
7 STORE_DEREF 1 5:8-5:9 h=13/2/1
8 LOAD_DEREF 1 6:14-6:15 h=13/2/1
9 YIELD_VALUE 0 6:8-6:15 h=13/2/1
10 RESUME 5 6:8-6:15 h=13/2/1
11 POP_TOP 0 6:8-6:15 h=13/2/1
12 RETURN_CONST 0 6:8-6:15 h=13/2/1
13 CALL_INTRINSIC_1 3 -1:-1--1:-1 h=-1/0/0
14 RERAISE 1 -1:-1--1:-1 h=-1/0/0
",
        final_consts: "a9014e",
        stacksize: 2,
    });
}

#[test]
fn comprehension_hidden_locals() {
    check(Case {
        source: "def f(xs):\n    y = [x * 2 for x in xs if x]\n    return y, x\n",
        consts: "29024ee902000000",
        meta: "a906e9010000007201000000e903000000a903da027873da0178da0179a9007207000000",
        nlocals: 3,
        input: "\
0 RESUME 0 1:0-1:0
1 LOAD_FAST 0 2:24-2:26
2 GET_ITER - 2:24-2:26
3 LOAD_FAST_AND_CLEAR 1 2:8-2:32
4 SWAP 2 2:8-2:32
5 SETUP_FINALLY 22 2:8-2:32
6 BUILD_LIST 0 2:8-2:32
7 SWAP 2 2:8-2:32
8 FOR_ITER 18 2:24-2:26
9 STORE_FAST 1 2:19-2:20
10 LOAD_FAST 1 2:30-2:31
11 TO_BOOL - 2:30-2:31
12 POP_JUMP_IF_FALSE 17 2:30-2:31
13 LOAD_FAST 1 2:9-2:10
14 LOAD_CONST 1 2:13-2:14
15 BINARY_OP 5 2:9-2:14
16 LIST_APPEND 2 2:9-2:14
17 JUMP 8 2:9-2:14
18 END_FOR - -1:-1--1:-1
19 POP_TOP - -1:-1--1:-1
20 POP_BLOCK - -1:-1--1:-1
21 JUMP_NO_INTERRUPT 27 -1:-1--1:-1
22 SWAP 2 -1:-1--1:-1
23 POP_TOP - -1:-1--1:-1
24 SWAP 2 2:8-2:32
25 STORE_FAST_MAYBE_NULL 1 2:8-2:32
26 RERAISE 0 -1:-1--1:-1
27 SWAP 2 2:8-2:32
28 STORE_FAST_MAYBE_NULL 1 2:8-2:32
29 STORE_FAST 2 2:4-2:5
30 LOAD_FAST 2 3:11-3:12
31 LOAD_GLOBAL 0 3:14-3:15
32 BUILD_TUPLE 2 3:11-3:15
33 RETURN_VALUE - 3:4-3:15
34 LOAD_CONST 0 -1:-1--1:-1
35 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 1:0-1:0
1 LOAD_FAST_CHECK 0 2:24-2:26
2 GET_ITER - 2:24-2:26
3 LOAD_FAST_AND_CLEAR 1 2:8-2:32
4 SWAP 2 2:8-2:32
5 SETUP_FINALLY 25 2:8-2:32
6 BUILD_LIST 0 2:8-2:32
7 SWAP 2 2:8-2:32
8 FOR_ITER 17 2:24-2:26
9 STORE_FAST_LOAD_FAST 17 2:19-2:20
10 TO_BOOL - 2:30-2:31
11 POP_JUMP_IF_FALSE 8 2:9-2:14
12 LOAD_FAST 1 2:9-2:10
13 LOAD_CONST 1 2:13-2:14
14 BINARY_OP 5 2:9-2:14
15 LIST_APPEND 2 2:9-2:14
16 JUMP 8 2:9-2:14
17 END_FOR - 2:24-2:26
18 POP_TOP - 2:24-2:26
19 STORE_FAST 2 2:4-2:5
20 STORE_FAST_MAYBE_NULL 1 2:8-2:32
21 LOAD_FAST 2 3:11-3:12
22 LOAD_GLOBAL 0 3:14-3:15
23 BUILD_TUPLE 2 3:11-3:15
24 RETURN_VALUE - 3:4-3:15
25 SWAP 2 -1:-1--1:-1
26 POP_TOP - -1:-1--1:-1
27 SWAP 2 2:8-2:32
28 STORE_FAST_MAYBE_NULL 1 2:8-2:32
29 RERAISE 0 2:8-2:32
",
        optimized_consts: "29024ee902000000",
        finalized: "\
0 RESUME 0 1:0-1:0 h=-1/0/0
1 LOAD_FAST 0 2:24-2:26 h=-1/0/0
2 GET_ITER 0 2:24-2:26 h=-1/0/0
3 LOAD_FAST_AND_CLEAR 1 2:8-2:32 h=-1/0/0
4 SWAP 2 2:8-2:32 h=-1/0/0
5 BUILD_LIST 0 2:8-2:32 h=25/3/0
6 SWAP 2 2:8-2:32 h=25/3/0
7 FOR_ITER 16 2:24-2:26 h=25/3/0
8 STORE_FAST_LOAD_FAST 17 2:19-2:20 h=25/3/0
9 TO_BOOL 0 2:30-2:31 h=25/3/0
10 POP_JUMP_IF_TRUE 2 2:9-2:14 h=-1/0/0
11 JUMP_BACKWARD 11 2:9-2:14 h=-1/0/0
12 LOAD_FAST 1 2:9-2:10 h=25/3/0
13 LOAD_CONST 1 2:13-2:14 h=25/3/0
14 BINARY_OP 5 2:9-2:14 h=25/3/0
15 LIST_APPEND 2 2:9-2:14 h=25/3/0
16 JUMP_BACKWARD 18 2:9-2:14 h=25/3/0
17 END_FOR 0 2:24-2:26 h=25/3/0
18 POP_TOP 0 2:24-2:26 h=25/3/0
19 STORE_FAST 2 2:4-2:5 h=-1/0/0
20 STORE_FAST 1 2:8-2:32 h=-1/0/0
21 LOAD_FAST 2 3:11-3:12 h=-1/0/0
22 LOAD_GLOBAL 0 3:14-3:15 h=-1/0/0
23 BUILD_TUPLE 2 3:11-3:15 h=-1/0/0
24 RETURN_VALUE 0 3:4-3:15 h=-1/0/0
25 SWAP 2 -1:-1--1:-1 h=-1/0/0
26 POP_TOP 0 -1:-1--1:-1 h=-1/0/0
27 SWAP 2 2:8-2:32 h=-1/0/0
28 STORE_FAST 1 2:8-2:32 h=-1/0/0
29 RERAISE 0 2:8-2:32 h=-1/0/0
",
        final_consts: "a9024ee902000000",
        stacksize: 5,
    });
}

#[test]
fn class_body_class_cell() {
    check(Case {
        source: "class C:\n    def f(self):\n        return __class__\n",
        consts: "2904da0143e901000000e30100000000000000000000000100000003000000f3080000003e0195005401240029014ea9002902da0473656c66da095f5f636c6173735f5f73020000002080da063c636173653eda0166da03432e66020000007309000000f88000d80f18d00818f3000000007204000000",
        meta: "a906e900000000e9010000007201000000a9002901da095f5f636c6173735f5f7203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 1:0-1:0
1 LOAD_NAME 0 1:0-1:0
2 STORE_NAME 1 1:0-1:0
3 LOAD_CONST 0 1:0-1:0
4 STORE_NAME 2 1:0-1:0
5 LOAD_CONST 1 1:0-1:0
6 STORE_NAME 3 1:0-1:0
7 LOAD_CLOSURE 0 2:4-3:24
8 BUILD_TUPLE 1 2:4-3:24
9 LOAD_CONST 2 2:4-3:24
10 MAKE_FUNCTION - 2:4-3:24
11 SET_FUNCTION_ATTRIBUTE 8 2:4-3:24
12 STORE_NAME 4 2:4-3:24
13 LOAD_CONST 3 -1:-1--1:-1
14 STORE_NAME 5 -1:-1--1:-1
15 LOAD_CLOSURE 0 -1:-1--1:-1
16 COPY 1 -1:-1--1:-1
17 STORE_NAME 6 -1:-1--1:-1
18 RETURN_VALUE - -1:-1--1:-1
19 LOAD_CONST 4 -1:-1--1:-1
20 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 1:0-1:0
1 LOAD_NAME 0 1:0-1:0
2 STORE_NAME 1 1:0-1:0
3 LOAD_CONST 0 1:0-1:0
4 STORE_NAME 2 1:0-1:0
5 LOAD_CONST 1 1:0-1:0
6 STORE_NAME 3 1:0-1:0
7 LOAD_CLOSURE 0 2:4-3:24
8 BUILD_TUPLE 1 2:4-3:24
9 LOAD_CONST 2 2:4-3:24
10 MAKE_FUNCTION - 2:4-3:24
11 SET_FUNCTION_ATTRIBUTE 8 2:4-3:24
12 STORE_NAME 4 2:4-3:24
13 LOAD_CONST 3 2:4-3:24
14 STORE_NAME 5 2:4-3:24
15 LOAD_CLOSURE 0 2:4-3:24
16 COPY 1 2:4-3:24
17 STORE_NAME 6 2:4-3:24
18 RETURN_VALUE - 2:4-3:24
",
        optimized_consts: "2904da0143e901000000e30100000000000000000000000100000003000000f3080000003e0195005401240029014ea9002902da0473656c66da095f5f636c6173735f5f73020000002080da063c636173653eda0166da03432e66020000007309000000f88000d80f18d00818f3000000007204000000",
        finalized: "\
0 MAKE_CELL 0 -1:-1--1:-1 h=-1/0/0
1 RESUME 0 1:0-1:0 h=-1/0/0
2 LOAD_NAME 0 1:0-1:0 h=-1/0/0
3 STORE_NAME 1 1:0-1:0 h=-1/0/0
4 LOAD_CONST 0 1:0-1:0 h=-1/0/0
5 STORE_NAME 2 1:0-1:0 h=-1/0/0
6 LOAD_CONST 1 1:0-1:0 h=-1/0/0
7 STORE_NAME 3 1:0-1:0 h=-1/0/0
8 LOAD_FAST 0 2:4-3:24 h=-1/0/0
9 BUILD_TUPLE 1 2:4-3:24 h=-1/0/0
10 LOAD_CONST 2 2:4-3:24 h=-1/0/0
11 MAKE_FUNCTION 0 2:4-3:24 h=-1/0/0
12 SET_FUNCTION_ATTRIBUTE 8 2:4-3:24 h=-1/0/0
13 STORE_NAME 4 2:4-3:24 h=-1/0/0
14 LOAD_CONST 3 2:4-3:24 h=-1/0/0
15 STORE_NAME 5 2:4-3:24 h=-1/0/0
16 LOAD_FAST 0 2:4-3:24 h=-1/0/0
17 COPY 1 2:4-3:24 h=-1/0/0
18 STORE_NAME 6 2:4-3:24 h=-1/0/0
19 RETURN_VALUE 0 2:4-3:24 h=-1/0/0
",
        final_consts: "a904da0143e901000000e30100000000000000000000000100000003000000f3080000003e0195005401240029014ea9002902da0473656c66da095f5f636c6173735f5f73020000002080da063c636173653eda0166da03432e66020000007309000000f88000d80f18d00818f3000000007205000000",
        stacksize: 2,
    });
}

#[test]
fn match_sequence_and_mapping() {
    check(Case {
        source: "match p:\n    case (a, b):\n        x = b, a\n    case {'k': v, **rest}:\n        pass\n    case _:\n        x = None\n",
        consts: "2904e902000000e901000000da016b4e",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:6-1:7
2 COPY 1 2:9-2:15
3 MATCH_SEQUENCE - 2:9-2:15
4 POP_JUMP_IF_FALSE 20 2:9-2:15
5 GET_LEN - 2:9-2:15
6 LOAD_CONST 0 2:9-2:15
7 COMPARE_OP 72 2:9-2:15
8 POP_JUMP_IF_FALSE 20 2:9-2:15
9 UNPACK_SEQUENCE 2 2:9-2:15
10 SWAP 2 2:10-2:11
11 SWAP 2 2:13-2:14
12 STORE_NAME 1 2:9-2:15
13 STORE_NAME 2 2:9-2:15
14 POP_TOP - 2:9-2:15
15 LOAD_NAME 2 3:12-3:13
16 LOAD_NAME 1 3:15-3:16
17 BUILD_TUPLE 2 3:12-3:16
18 STORE_NAME 3 3:8-3:9
19 JUMP 55 -1:-1--1:-1
20 POP_TOP - 2:9-2:15
21 MATCH_MAPPING - 4:9-4:25
22 POP_JUMP_IF_FALSE 51 4:9-4:25
23 GET_LEN - 4:9-4:25
24 LOAD_CONST 1 4:9-4:25
25 COMPARE_OP 172 4:9-4:25
26 POP_JUMP_IF_FALSE 51 4:9-4:25
27 LOAD_CONST 2 4:10-4:13
28 BUILD_TUPLE 1 4:9-4:25
29 MATCH_KEYS - 4:9-4:25
30 COPY 1 4:9-4:25
31 LOAD_CONST 3 4:9-4:25
32 IS_OP 1 4:9-4:25
33 POP_JUMP_IF_FALSE 49 4:9-4:25
34 UNPACK_SEQUENCE 1 4:9-4:25
35 SWAP 3 4:15-4:16
36 SWAP 2 4:15-4:16
37 BUILD_MAP 0 4:9-4:25
38 SWAP 3 4:9-4:25
39 DICT_UPDATE 2 4:9-4:25
40 UNPACK_SEQUENCE 1 4:9-4:25
41 COPY 2 4:9-4:25
42 SWAP 2 4:9-4:25
43 DELETE_SUBSCR - 4:9-4:25
44 SWAP 2 4:9-4:25
45 STORE_NAME 4 4:9-4:25
46 STORE_NAME 5 4:9-4:25
47 NOP - 5:8-5:12
48 JUMP 55 -1:-1--1:-1
49 POP_TOP - 4:9-4:25
50 POP_TOP - 4:9-4:25
51 POP_TOP - 4:9-4:25
52 NOP - 6:9-6:10
53 LOAD_CONST 3 7:12-7:16
54 STORE_NAME 3 7:8-7:9
55 LOAD_CONST 3 -1:-1--1:-1
56 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:6-1:7
2 COPY 1 2:9-2:15
3 MATCH_SEQUENCE - 2:9-2:15
4 POP_JUMP_IF_FALSE 18 2:9-2:15
5 GET_LEN - 2:9-2:15
6 LOAD_CONST 0 2:9-2:15
7 COMPARE_OP 72 2:9-2:15
8 POP_JUMP_IF_FALSE 18 2:9-2:15
9 UNPACK_SEQUENCE 2 2:9-2:15
10 STORE_NAME 1 2:9-2:15
11 STORE_NAME 2 2:9-2:15
12 POP_TOP - 2:9-2:15
13 LOAD_NAME 2 3:12-3:13
14 LOAD_NAME 1 3:15-3:16
15 BUILD_TUPLE 2 3:12-3:16
16 STORE_NAME 3 3:8-3:9
17 RETURN_CONST 2 3:8-3:9
18 POP_TOP - 2:9-2:15
19 MATCH_MAPPING - 4:9-4:25
20 POP_JUMP_IF_FALSE 45 4:9-4:25
21 GET_LEN - 4:9-4:25
22 LOAD_CONST 1 4:9-4:25
23 COMPARE_OP 172 4:9-4:25
24 POP_JUMP_IF_FALSE 45 4:9-4:25
25 LOAD_CONST 3 4:9-4:25
26 MATCH_KEYS - 4:9-4:25
27 COPY 1 4:9-4:25
28 POP_JUMP_IF_NONE 43 4:9-4:25
29 UNPACK_SEQUENCE 1 4:9-4:25
30 SWAP 3 4:15-4:16
31 SWAP 2 4:15-4:16
32 BUILD_MAP 0 4:9-4:25
33 SWAP 3 4:9-4:25
34 DICT_UPDATE 2 4:9-4:25
35 UNPACK_SEQUENCE 1 4:9-4:25
36 COPY 2 4:9-4:25
37 SWAP 2 4:9-4:25
38 DELETE_SUBSCR - 4:9-4:25
39 SWAP 2 4:9-4:25
40 STORE_NAME 4 4:9-4:25
41 STORE_NAME 5 4:9-4:25
42 RETURN_CONST 2 5:8-5:12
43 POP_TOP - 4:9-4:25
44 POP_TOP - 4:9-4:25
45 POP_TOP - 4:9-4:25
46 NOP - 6:9-6:10
47 LOAD_CONST 2 7:12-7:16
48 STORE_NAME 3 7:8-7:9
49 RETURN_CONST 2 7:8-7:9
",
        optimized_consts: "2904e902000000e9010000004ea901da016b",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 LOAD_NAME 0 1:6-1:7 h=-1/0/0
2 COPY 1 2:9-2:15 h=-1/0/0
3 MATCH_SEQUENCE 0 2:9-2:15 h=-1/0/0
4 POP_JUMP_IF_FALSE 16 2:9-2:15 h=-1/0/0
5 GET_LEN 0 2:9-2:15 h=-1/0/0
6 LOAD_CONST 0 2:9-2:15 h=-1/0/0
7 COMPARE_OP 72 2:9-2:15 h=-1/0/0
8 POP_JUMP_IF_FALSE 10 2:9-2:15 h=-1/0/0
9 UNPACK_SEQUENCE 2 2:9-2:15 h=-1/0/0
10 STORE_NAME 1 2:9-2:15 h=-1/0/0
11 STORE_NAME 2 2:9-2:15 h=-1/0/0
12 POP_TOP 0 2:9-2:15 h=-1/0/0
13 LOAD_NAME 2 3:12-3:13 h=-1/0/0
14 LOAD_NAME 1 3:15-3:16 h=-1/0/0
15 BUILD_TUPLE 2 3:12-3:16 h=-1/0/0
16 STORE_NAME 3 3:8-3:9 h=-1/0/0
17 RETURN_CONST 2 3:8-3:9 h=-1/0/0
18 POP_TOP 0 2:9-2:15 h=-1/0/0
19 MATCH_MAPPING 0 4:9-4:25 h=-1/0/0
20 POP_JUMP_IF_FALSE 29 4:9-4:25 h=-1/0/0
21 GET_LEN 0 4:9-4:25 h=-1/0/0
22 LOAD_CONST 1 4:9-4:25 h=-1/0/0
23 COMPARE_OP 172 4:9-4:25 h=-1/0/0
24 POP_JUMP_IF_FALSE 23 4:9-4:25 h=-1/0/0
25 LOAD_CONST 3 4:9-4:25 h=-1/0/0
26 MATCH_KEYS 0 4:9-4:25 h=-1/0/0
27 COPY 1 4:9-4:25 h=-1/0/0
28 POP_JUMP_IF_NONE 16 4:9-4:25 h=-1/0/0
29 UNPACK_SEQUENCE 1 4:9-4:25 h=-1/0/0
30 SWAP 3 4:15-4:16 h=-1/0/0
31 SWAP 2 4:15-4:16 h=-1/0/0
32 BUILD_MAP 0 4:9-4:25 h=-1/0/0
33 SWAP 3 4:9-4:25 h=-1/0/0
34 DICT_UPDATE 2 4:9-4:25 h=-1/0/0
35 UNPACK_SEQUENCE 1 4:9-4:25 h=-1/0/0
36 COPY 2 4:9-4:25 h=-1/0/0
37 SWAP 2 4:9-4:25 h=-1/0/0
38 DELETE_SUBSCR 0 4:9-4:25 h=-1/0/0
39 SWAP 2 4:9-4:25 h=-1/0/0
40 STORE_NAME 4 4:9-4:25 h=-1/0/0
41 STORE_NAME 5 4:9-4:25 h=-1/0/0
42 RETURN_CONST 2 5:8-5:12 h=-1/0/0
43 POP_TOP 0 4:9-4:25 h=-1/0/0
44 POP_TOP 0 4:9-4:25 h=-1/0/0
45 POP_TOP 0 4:9-4:25 h=-1/0/0
46 NOP 0 6:9-6:10 h=-1/0/0
47 LOAD_CONST 2 7:12-7:16 h=-1/0/0
48 STORE_NAME 3 7:8-7:9 h=-1/0/0
49 RETURN_CONST 2 7:8-7:9 h=-1/0/0
",
        final_consts: "a904e902000000e9010000004e2901da016b",
        stacksize: 4,
    });
}

#[test]
fn more_than_64_locals() {
    check(Case {
        source: "def f(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57, a58, a59, a60, a61, a62, a63, a64, a65):\n    del a65\n    if a0:\n        a65 = a64\n    return a65, z\n",
        consts: "29014e",
        meta: "a906e942000000e901000000e903000000a942da026130da026131da026132da026133da026134da026135da026136da026137da026138da026139da03613130da03613131da03613132da03613133da03613134da03613135da03613136da03613137da03613138da03613139da03613230da03613231da03613232da03613233da03613234da03613235da03613236da03613237da03613238da03613239da03613330da03613331da03613332da03613333da03613334da03613335da03613336da03613337da03613338da03613339da03613430da03613431da03613432da03613433da03613434da03613435da03613436da03613437da03613438da03613439da03613530da03613531da03613532da03613533da03613534da03613535da03613536da03613537da03613538da03613539da03613630da03613631da03613632da03613633da03613634da03613635a9007247000000",
        nlocals: 66,
        input: "\
0 RESUME 0 1:0-1:0
1 DELETE_FAST 65 2:8-2:11
2 LOAD_FAST 0 3:7-3:9
3 TO_BOOL - 3:7-3:9
4 POP_JUMP_IF_FALSE 7 3:7-3:9
5 LOAD_FAST 64 4:14-4:17
6 STORE_FAST 65 4:8-4:11
7 LOAD_FAST 65 5:11-5:14
8 LOAD_GLOBAL 0 5:16-5:17
9 BUILD_TUPLE 2 5:11-5:17
10 RETURN_VALUE - 5:4-5:17
11 LOAD_CONST 0 -1:-1--1:-1
12 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 1:0-1:0
1 DELETE_FAST 65 2:8-2:11
2 LOAD_FAST_CHECK 0 3:7-3:9
3 TO_BOOL - 3:7-3:9
4 POP_JUMP_IF_FALSE 7 3:7-3:9
5 LOAD_FAST_CHECK 64 4:14-4:17
6 STORE_FAST 65 4:8-4:11
7 LOAD_FAST_CHECK 65 5:11-5:14
8 LOAD_GLOBAL 0 5:16-5:17
9 BUILD_TUPLE 2 5:11-5:17
10 RETURN_VALUE - 5:4-5:17
",
        optimized_consts: "29014e",
        finalized: "\
0 RESUME 0 1:0-1:0 h=-1/0/0
1 DELETE_FAST 65 2:8-2:11 h=-1/0/0
2 LOAD_FAST 0 3:7-3:9 h=-1/0/0
3 TO_BOOL 0 3:7-3:9 h=-1/0/0
4 POP_JUMP_IF_FALSE 2 3:7-3:9 h=-1/0/0
5 LOAD_FAST_CHECK 64 4:14-4:17 h=-1/0/0
6 STORE_FAST 65 4:8-4:11 h=-1/0/0
7 LOAD_FAST_CHECK 65 5:11-5:14 h=-1/0/0
8 LOAD_GLOBAL 0 5:16-5:17 h=-1/0/0
9 BUILD_TUPLE 2 5:11-5:17 h=-1/0/0
10 RETURN_VALUE 0 5:4-5:17 h=-1/0/0
",
        final_consts: "a9014e",
        stacksize: 2,
    });
}

#[test]
fn jumps_with_extended_args() {
    check(Case {
        source: "while x:\n    y0 = x.a.b.c.d\n    y1 = x.a.b.c.d\n    y2 = x.a.b.c.d\n    y3 = x.a.b.c.d\n    y4 = x.a.b.c.d\n    y5 = x.a.b.c.d\n    y6 = x.a.b.c.d\n",
        consts: "29014e",
        meta: "a906e900000000e9010000007201000000a90072030000007203000000",
        nlocals: 0,
        input: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:6-1:7
2 TO_BOOL - 1:6-1:7
3 POP_JUMP_IF_FALSE 49 1:6-1:7
4 LOAD_NAME 0 2:9-2:10
5 LOAD_ATTR 2 2:9-2:12
6 LOAD_ATTR 4 2:9-2:14
7 LOAD_ATTR 6 2:9-2:16
8 LOAD_ATTR 8 2:9-2:18
9 STORE_NAME 5 2:4-2:6
10 LOAD_NAME 0 3:9-3:10
11 LOAD_ATTR 2 3:9-3:12
12 LOAD_ATTR 4 3:9-3:14
13 LOAD_ATTR 6 3:9-3:16
14 LOAD_ATTR 8 3:9-3:18
15 STORE_NAME 6 3:4-3:6
16 LOAD_NAME 0 4:9-4:10
17 LOAD_ATTR 2 4:9-4:12
18 LOAD_ATTR 4 4:9-4:14
19 LOAD_ATTR 6 4:9-4:16
20 LOAD_ATTR 8 4:9-4:18
21 STORE_NAME 7 4:4-4:6
22 LOAD_NAME 0 5:9-5:10
23 LOAD_ATTR 2 5:9-5:12
24 LOAD_ATTR 4 5:9-5:14
25 LOAD_ATTR 6 5:9-5:16
26 LOAD_ATTR 8 5:9-5:18
27 STORE_NAME 8 5:4-5:6
28 LOAD_NAME 0 6:9-6:10
29 LOAD_ATTR 2 6:9-6:12
30 LOAD_ATTR 4 6:9-6:14
31 LOAD_ATTR 6 6:9-6:16
32 LOAD_ATTR 8 6:9-6:18
33 STORE_NAME 9 6:4-6:6
34 LOAD_NAME 0 7:9-7:10
35 LOAD_ATTR 2 7:9-7:12
36 LOAD_ATTR 4 7:9-7:14
37 LOAD_ATTR 6 7:9-7:16
38 LOAD_ATTR 8 7:9-7:18
39 STORE_NAME 10 7:4-7:6
40 LOAD_NAME 0 8:9-8:10
41 LOAD_ATTR 2 8:9-8:12
42 LOAD_ATTR 4 8:9-8:14
43 LOAD_ATTR 6 8:9-8:16
44 LOAD_ATTR 8 8:9-8:18
45 STORE_NAME 11 8:4-8:6
46 LOAD_NAME 0 1:6-1:7
47 TO_BOOL - 1:6-1:7
48 POP_JUMP_IF_TRUE 4 1:6-1:7
49 LOAD_CONST 0 -1:-1--1:-1
50 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 RESUME 0 0:0-1:0
1 LOAD_NAME 0 1:6-1:7
2 TO_BOOL - 1:6-1:7
3 POP_JUMP_IF_FALSE 50 1:6-1:7
4 LOAD_NAME 0 2:9-2:10
5 LOAD_ATTR 2 2:9-2:12
6 LOAD_ATTR 4 2:9-2:14
7 LOAD_ATTR 6 2:9-2:16
8 LOAD_ATTR 8 2:9-2:18
9 STORE_NAME 5 2:4-2:6
10 LOAD_NAME 0 3:9-3:10
11 LOAD_ATTR 2 3:9-3:12
12 LOAD_ATTR 4 3:9-3:14
13 LOAD_ATTR 6 3:9-3:16
14 LOAD_ATTR 8 3:9-3:18
15 STORE_NAME 6 3:4-3:6
16 LOAD_NAME 0 4:9-4:10
17 LOAD_ATTR 2 4:9-4:12
18 LOAD_ATTR 4 4:9-4:14
19 LOAD_ATTR 6 4:9-4:16
20 LOAD_ATTR 8 4:9-4:18
21 STORE_NAME 7 4:4-4:6
22 LOAD_NAME 0 5:9-5:10
23 LOAD_ATTR 2 5:9-5:12
24 LOAD_ATTR 4 5:9-5:14
25 LOAD_ATTR 6 5:9-5:16
26 LOAD_ATTR 8 5:9-5:18
27 STORE_NAME 8 5:4-5:6
28 LOAD_NAME 0 6:9-6:10
29 LOAD_ATTR 2 6:9-6:12
30 LOAD_ATTR 4 6:9-6:14
31 LOAD_ATTR 6 6:9-6:16
32 LOAD_ATTR 8 6:9-6:18
33 STORE_NAME 9 6:4-6:6
34 LOAD_NAME 0 7:9-7:10
35 LOAD_ATTR 2 7:9-7:12
36 LOAD_ATTR 4 7:9-7:14
37 LOAD_ATTR 6 7:9-7:16
38 LOAD_ATTR 8 7:9-7:18
39 STORE_NAME 10 7:4-7:6
40 LOAD_NAME 0 8:9-8:10
41 LOAD_ATTR 2 8:9-8:12
42 LOAD_ATTR 4 8:9-8:14
43 LOAD_ATTR 6 8:9-8:16
44 LOAD_ATTR 8 8:9-8:18
45 STORE_NAME 11 8:4-8:6
46 LOAD_NAME 0 1:6-1:7
47 TO_BOOL - 1:6-1:7
48 POP_JUMP_IF_TRUE 4 1:6-1:7
49 RETURN_CONST 0 1:6-1:7
50 RETURN_CONST 0 1:6-1:7
",
        optimized_consts: "29014e",
        finalized: "\
0 RESUME 0 0:0-1:0 h=-1/0/0
1 LOAD_NAME 0 1:6-1:7 h=-1/0/0
2 TO_BOOL 0 1:6-1:7 h=-1/0/0
3 POP_JUMP_IF_FALSE 305 1:6-1:7 h=-1/0/0
4 LOAD_NAME 0 2:9-2:10 h=-1/0/0
5 LOAD_ATTR 2 2:9-2:12 h=-1/0/0
6 LOAD_ATTR 4 2:9-2:14 h=-1/0/0
7 LOAD_ATTR 6 2:9-2:16 h=-1/0/0
8 LOAD_ATTR 8 2:9-2:18 h=-1/0/0
9 STORE_NAME 5 2:4-2:6 h=-1/0/0
10 LOAD_NAME 0 3:9-3:10 h=-1/0/0
11 LOAD_ATTR 2 3:9-3:12 h=-1/0/0
12 LOAD_ATTR 4 3:9-3:14 h=-1/0/0
13 LOAD_ATTR 6 3:9-3:16 h=-1/0/0
14 LOAD_ATTR 8 3:9-3:18 h=-1/0/0
15 STORE_NAME 6 3:4-3:6 h=-1/0/0
16 LOAD_NAME 0 4:9-4:10 h=-1/0/0
17 LOAD_ATTR 2 4:9-4:12 h=-1/0/0
18 LOAD_ATTR 4 4:9-4:14 h=-1/0/0
19 LOAD_ATTR 6 4:9-4:16 h=-1/0/0
20 LOAD_ATTR 8 4:9-4:18 h=-1/0/0
21 STORE_NAME 7 4:4-4:6 h=-1/0/0
22 LOAD_NAME 0 5:9-5:10 h=-1/0/0
23 LOAD_ATTR 2 5:9-5:12 h=-1/0/0
24 LOAD_ATTR 4 5:9-5:14 h=-1/0/0
25 LOAD_ATTR 6 5:9-5:16 h=-1/0/0
26 LOAD_ATTR 8 5:9-5:18 h=-1/0/0
27 STORE_NAME 8 5:4-5:6 h=-1/0/0
28 LOAD_NAME 0 6:9-6:10 h=-1/0/0
29 LOAD_ATTR 2 6:9-6:12 h=-1/0/0
30 LOAD_ATTR 4 6:9-6:14 h=-1/0/0
31 LOAD_ATTR 6 6:9-6:16 h=-1/0/0
32 LOAD_ATTR 8 6:9-6:18 h=-1/0/0
33 STORE_NAME 9 6:4-6:6 h=-1/0/0
34 LOAD_NAME 0 7:9-7:10 h=-1/0/0
35 LOAD_ATTR 2 7:9-7:12 h=-1/0/0
36 LOAD_ATTR 4 7:9-7:14 h=-1/0/0
37 LOAD_ATTR 6 7:9-7:16 h=-1/0/0
38 LOAD_ATTR 8 7:9-7:18 h=-1/0/0
39 STORE_NAME 10 7:4-7:6 h=-1/0/0
40 LOAD_NAME 0 8:9-8:10 h=-1/0/0
41 LOAD_ATTR 2 8:9-8:12 h=-1/0/0
42 LOAD_ATTR 4 8:9-8:14 h=-1/0/0
43 LOAD_ATTR 6 8:9-8:16 h=-1/0/0
44 LOAD_ATTR 8 8:9-8:18 h=-1/0/0
45 STORE_NAME 11 8:4-8:6 h=-1/0/0
46 LOAD_NAME 0 1:6-1:7 h=-1/0/0
47 TO_BOOL 0 1:6-1:7 h=-1/0/0
48 POP_JUMP_IF_FALSE 3 1:6-1:7 h=-1/0/0
49 JUMP_BACKWARD 304 1:6-1:7 h=-1/0/0
50 RETURN_CONST 0 1:6-1:7 h=-1/0/0
51 RETURN_CONST 0 1:6-1:7 h=-1/0/0
",
        final_consts: "a9014e",
        stacksize: 1,
    });
}

#[test]
fn async_with_and_yield_in_try() {
    check(Case {
        source: "async def f(s):\n    async with s as t:\n        try:\n            await t\n        except E:\n            return 1\n",
        consts: "29024ee901000000",
        meta: "a906e9010000007201000000e983000000a902da0173da0174a9007206000000",
        nlocals: 2,
        input: "\
0 SETUP_CLEANUP 109 -1:-1--1:-1
1 RESUME 0 1:0-1:0
2 LOAD_FAST 0 2:15-2:16
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
14 SETUP_WITH 82 2:15-2:16
15 STORE_FAST 1 2:20-2:21
16 SETUP_FINALLY 31 3:8-6:20
17 LOAD_FAST 1 4:18-4:19
18 GET_AWAITABLE 0 4:12-4:19
19 LOAD_CONST 0 4:12-4:19
20 SEND 27 4:12-4:19
21 SETUP_FINALLY 26 4:12-4:19
22 YIELD_VALUE 1 4:12-4:19
23 POP_BLOCK - -1:-1--1:-1
24 RESUME 3 4:12-4:19
25 JUMP_NO_INTERRUPT 20 4:12-4:19
26 CLEANUP_THROW - 4:12-4:19
27 END_SEND - 4:12-4:19
28 POP_TOP - -1:-1--1:-1
29 POP_BLOCK - -1:-1--1:-1
30 JUMP_NO_INTERRUPT 65 -1:-1--1:-1
31 SETUP_CLEANUP 62 -1:-1--1:-1
32 PUSH_EXC_INFO - -1:-1--1:-1
33 LOAD_GLOBAL 0 5:15-5:16
34 CHECK_EXC_MATCH - 5:8-6:20
35 POP_JUMP_IF_FALSE 61 5:8-6:20
36 POP_TOP - 5:8-6:20
37 NOP - 6:19-6:20
38 POP_BLOCK - 6:19-6:20
39 POP_EXCEPT - 6:19-6:20
40 POP_BLOCK - 2:15-2:16
41 LOAD_CONST 0 2:15-2:16
42 LOAD_CONST 0 2:15-2:16
43 LOAD_CONST 0 2:15-2:16
44 CALL 2 2:15-2:16
45 GET_AWAITABLE 2 2:15-2:16
46 LOAD_CONST 0 2:15-2:16
47 SEND 54 2:15-2:16
48 SETUP_FINALLY 53 2:15-2:16
49 YIELD_VALUE 1 2:15-2:16
50 POP_BLOCK - -1:-1--1:-1
51 RESUME 3 2:15-2:16
52 JUMP_NO_INTERRUPT 47 2:15-2:16
53 CLEANUP_THROW - 2:15-2:16
54 END_SEND - 2:15-2:16
55 POP_TOP - 2:15-2:16
56 LOAD_CONST 1 -1:-1--1:-1
57 RETURN_VALUE - -1:-1--1:-1
58 POP_BLOCK - -1:-1--1:-1
59 POP_EXCEPT - -1:-1--1:-1
60 JUMP_NO_INTERRUPT 65 -1:-1--1:-1
61 RERAISE 0 -1:-1--1:-1
62 COPY 3 -1:-1--1:-1
63 POP_EXCEPT - -1:-1--1:-1
64 RERAISE 1 -1:-1--1:-1
65 POP_BLOCK - 2:15-2:16
66 LOAD_CONST 0 2:15-2:16
67 LOAD_CONST 0 2:15-2:16
68 LOAD_CONST 0 2:15-2:16
69 CALL 2 2:15-2:16
70 GET_AWAITABLE 2 2:15-2:16
71 LOAD_CONST 0 2:15-2:16
72 SEND 79 2:15-2:16
73 SETUP_FINALLY 78 2:15-2:16
74 YIELD_VALUE 1 2:15-2:16
75 POP_BLOCK - -1:-1--1:-1
76 RESUME 3 2:15-2:16
77 JUMP_NO_INTERRUPT 72 2:15-2:16
78 CLEANUP_THROW - 2:15-2:16
79 END_SEND - 2:15-2:16
80 POP_TOP - 2:15-2:16
81 JUMP 107 2:15-2:16
82 SETUP_CLEANUP 104 2:15-2:16
83 PUSH_EXC_INFO - 2:15-2:16
84 WITH_EXCEPT_START - 2:15-2:16
85 GET_AWAITABLE 2 2:15-2:16
86 LOAD_CONST 0 2:15-2:16
87 SEND 94 2:15-2:16
88 SETUP_FINALLY 93 2:15-2:16
89 YIELD_VALUE 1 2:15-2:16
90 POP_BLOCK - -1:-1--1:-1
91 RESUME 3 2:15-2:16
92 JUMP_NO_INTERRUPT 87 2:15-2:16
93 CLEANUP_THROW - 2:15-2:16
94 END_SEND - 2:15-2:16
95 TO_BOOL - -1:-1--1:-1
96 POP_JUMP_IF_TRUE 98 -1:-1--1:-1
97 RERAISE 2 -1:-1--1:-1
98 POP_TOP - -1:-1--1:-1
99 POP_BLOCK - -1:-1--1:-1
100 POP_EXCEPT - -1:-1--1:-1
101 POP_TOP - -1:-1--1:-1
102 POP_TOP - -1:-1--1:-1
103 JUMP_NO_INTERRUPT 107 -1:-1--1:-1
104 COPY 3 -1:-1--1:-1
105 POP_EXCEPT - -1:-1--1:-1
106 RERAISE 1 -1:-1--1:-1
107 LOAD_CONST 0 -1:-1--1:-1
108 RETURN_VALUE - -1:-1--1:-1
109 CALL_INTRINSIC_1 3 -1:-1--1:-1
110 RERAISE 1 -1:-1--1:-1
111 LOAD_CONST 0 -1:-1--1:-1
112 RETURN_VALUE - -1:-1--1:-1
",
        optimized: "\
0 SETUP_CLEANUP 94 -1:-1--1:-1
1 RESUME 0 1:0-1:0
2 LOAD_FAST_CHECK 0 2:15-2:16
3 BEFORE_ASYNC_WITH - 2:15-2:16
4 GET_AWAITABLE 1 2:15-2:16
5 LOAD_CONST 0 2:15-2:16
6 SEND 11 2:15-2:16
7 SETUP_FINALLY 39 2:15-2:16
8 YIELD_VALUE 1 2:15-2:16
9 RESUME 3 2:15-2:16
10 JUMP_NO_INTERRUPT 6 2:15-2:16
11 END_SEND - 2:15-2:16
12 SETUP_WITH 71 2:15-2:16
13 STORE_FAST 1 2:20-2:21
14 SETUP_FINALLY 43 3:8-6:20
15 LOAD_FAST 1 4:18-4:19
16 GET_AWAITABLE 0 4:12-4:19
17 LOAD_CONST 0 4:12-4:19
18 SEND 23 4:12-4:19
19 SETUP_FINALLY 41 4:12-4:19
20 YIELD_VALUE 1 4:12-4:19
21 RESUME 3 4:12-4:19
22 JUMP_NO_INTERRUPT 18 4:12-4:19
23 END_SEND - 4:12-4:19
24 POP_TOP - 4:12-4:19
25 LOAD_CONST 0 2:15-2:16
26 LOAD_CONST 0 2:15-2:16
27 LOAD_CONST 0 2:15-2:16
28 CALL 2 2:15-2:16
29 GET_AWAITABLE 2 2:15-2:16
30 LOAD_CONST 0 2:15-2:16
31 SEND 36 2:15-2:16
32 SETUP_FINALLY 69 2:15-2:16
33 YIELD_VALUE 1 2:15-2:16
34 RESUME 3 2:15-2:16
35 JUMP_NO_INTERRUPT 31 2:15-2:16
36 END_SEND - 2:15-2:16
37 POP_TOP - 2:15-2:16
38 RETURN_CONST 0 2:15-2:16
39 CLEANUP_THROW - 2:15-2:16
40 JUMP_NO_INTERRUPT 11 2:15-2:16
41 CLEANUP_THROW - 4:12-4:19
42 JUMP_NO_INTERRUPT 23 4:12-4:19
43 SETUP_CLEANUP 66 -1:-1--1:-1
44 PUSH_EXC_INFO - -1:-1--1:-1
45 LOAD_GLOBAL 0 5:15-5:16
46 CHECK_EXC_MATCH - 5:8-6:20
47 POP_JUMP_IF_FALSE 65 5:8-6:20
48 POP_TOP - 5:8-6:20
49 POP_EXCEPT - 6:19-6:20
50 LOAD_CONST 0 2:15-2:16
51 LOAD_CONST 0 2:15-2:16
52 LOAD_CONST 0 2:15-2:16
53 CALL 2 2:15-2:16
54 GET_AWAITABLE 2 2:15-2:16
55 LOAD_CONST 0 2:15-2:16
56 SEND 62 2:15-2:16
57 SETUP_FINALLY 61 2:15-2:16
58 YIELD_VALUE 1 2:15-2:16
59 RESUME 3 2:15-2:16
60 JUMP_NO_INTERRUPT 56 2:15-2:16
61 CLEANUP_THROW - 2:15-2:16
62 END_SEND - 2:15-2:16
63 POP_TOP - 2:15-2:16
64 RETURN_CONST 1 2:15-2:16
65 RERAISE 0 5:8-6:20
66 COPY 3 -1:-1--1:-1
67 POP_EXCEPT - -1:-1--1:-1
68 RERAISE 1 -1:-1--1:-1
69 CLEANUP_THROW - 2:15-2:16
70 JUMP_NO_INTERRUPT 36 2:15-2:16
71 SETUP_CLEANUP 91 2:15-2:16
72 PUSH_EXC_INFO - 2:15-2:16
73 WITH_EXCEPT_START - 2:15-2:16
74 GET_AWAITABLE 2 2:15-2:16
75 LOAD_CONST 0 2:15-2:16
76 SEND 82 2:15-2:16
77 SETUP_FINALLY 81 2:15-2:16
78 YIELD_VALUE 1 2:15-2:16
79 RESUME 3 2:15-2:16
80 JUMP_NO_INTERRUPT 76 2:15-2:16
81 CLEANUP_THROW - 2:15-2:16
82 END_SEND - 2:15-2:16
83 TO_BOOL - 2:15-2:16
84 POP_JUMP_IF_TRUE 86 2:15-2:16
85 RERAISE 2 2:15-2:16
86 POP_TOP - 2:15-2:16
87 POP_EXCEPT - 2:15-2:16
88 POP_TOP - 2:15-2:16
89 POP_TOP - 2:15-2:16
90 RETURN_CONST 0 2:15-2:16
91 COPY 3 -1:-1--1:-1
92 POP_EXCEPT - -1:-1--1:-1
93 RERAISE 1 -1:-1--1:-1
94 CALL_INTRINSIC_1 3 -1:-1--1:-1
95 RERAISE 1 -1:-1--1:-1
",
        optimized_consts: "29024ee901000000",
        finalized: "\
0 RETURN_GENERATOR 0 1:-1-1:-1 h=-1/0/0
1 POP_TOP 0 1:-1-1:-1 h=-1/0/0
2 RESUME 0 1:0-1:0 h=87/2/1
3 LOAD_FAST 0 2:15-2:16 h=87/2/1
4 BEFORE_ASYNC_WITH 0 2:15-2:16 h=87/2/1
5 GET_AWAITABLE 1 2:15-2:16 h=87/2/1
6 LOAD_CONST 0 2:15-2:16 h=87/2/1
7 SEND 3 2:15-2:16 h=87/2/1
8 YIELD_VALUE 1 2:15-2:16 h=36/4/0
9 RESUME 3 2:15-2:16 h=87/2/1
10 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=87/2/1
11 END_SEND 0 2:15-2:16 h=87/2/1
12 STORE_FAST 1 2:20-2:21 h=66/3/1
13 NOP 0 3:8-6:20 h=-1/0/0
14 LOAD_FAST 1 4:18-4:19 h=40/2/0
15 GET_AWAITABLE 0 4:12-4:19 h=40/2/0
16 LOAD_CONST 0 4:12-4:19 h=40/2/0
17 SEND 3 4:12-4:19 h=40/2/0
18 YIELD_VALUE 1 4:12-4:19 h=38/4/0
19 RESUME 3 4:12-4:19 h=40/2/0
20 JUMP_BACKWARD_NO_INTERRUPT 5 4:12-4:19 h=40/2/0
21 END_SEND 0 4:12-4:19 h=40/2/0
22 POP_TOP 0 4:12-4:19 h=40/2/0
23 LOAD_CONST 0 2:15-2:16 h=87/2/1
24 LOAD_CONST 0 2:15-2:16 h=87/2/1
25 LOAD_CONST 0 2:15-2:16 h=87/2/1
26 CALL 2 2:15-2:16 h=87/2/1
27 GET_AWAITABLE 2 2:15-2:16 h=87/2/1
28 LOAD_CONST 0 2:15-2:16 h=87/2/1
29 SEND 3 2:15-2:16 h=87/2/1
30 YIELD_VALUE 1 2:15-2:16 h=64/3/0
31 RESUME 3 2:15-2:16 h=87/2/1
32 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=87/2/1
33 END_SEND 0 2:15-2:16 h=87/2/1
34 POP_TOP 0 2:15-2:16 h=87/2/1
35 RETURN_CONST 0 2:15-2:16 h=87/2/1
36 CLEANUP_THROW 0 2:15-2:16 h=87/2/1
37 JUMP_BACKWARD_NO_INTERRUPT 32 2:15-2:16 h=-1/0/0
38 CLEANUP_THROW 0 4:12-4:19 h=40/2/0
39 JUMP_BACKWARD_NO_INTERRUPT 23 4:12-4:19 h=-1/0/0
40 PUSH_EXC_INFO 0 -1:-1--1:-1 h=61/4/1
41 LOAD_GLOBAL 0 5:15-5:16 h=61/4/1
42 CHECK_EXC_MATCH 0 5:8-6:20 h=61/4/1
43 POP_JUMP_IF_FALSE 20 5:8-6:20 h=61/4/1
44 POP_TOP 0 5:8-6:20 h=61/4/1
45 POP_EXCEPT 0 6:19-6:20 h=66/3/1
46 LOAD_CONST 0 2:15-2:16 h=87/2/1
47 LOAD_CONST 0 2:15-2:16 h=87/2/1
48 LOAD_CONST 0 2:15-2:16 h=87/2/1
49 CALL 2 2:15-2:16 h=87/2/1
50 GET_AWAITABLE 2 2:15-2:16 h=87/2/1
51 LOAD_CONST 0 2:15-2:16 h=87/2/1
52 SEND 4 2:15-2:16 h=87/2/1
53 YIELD_VALUE 1 2:15-2:16 h=56/3/0
54 RESUME 3 2:15-2:16 h=87/2/1
55 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=87/2/1
56 CLEANUP_THROW 0 2:15-2:16 h=87/2/1
57 END_SEND 0 2:15-2:16 h=87/2/1
58 POP_TOP 0 2:15-2:16 h=87/2/1
59 RETURN_CONST 1 2:15-2:16 h=87/2/1
60 RERAISE 0 5:8-6:20 h=61/4/1
61 COPY 3 -1:-1--1:-1 h=66/3/1
62 POP_EXCEPT 0 -1:-1--1:-1 h=66/3/1
63 RERAISE 1 -1:-1--1:-1 h=66/3/1
64 CLEANUP_THROW 0 2:15-2:16 h=87/2/1
65 JUMP_BACKWARD_NO_INTERRUPT 42 2:15-2:16 h=-1/0/0
66 PUSH_EXC_INFO 0 2:15-2:16 h=84/5/1
67 WITH_EXCEPT_START 0 2:15-2:16 h=84/5/1
68 GET_AWAITABLE 2 2:15-2:16 h=84/5/1
69 LOAD_CONST 0 2:15-2:16 h=84/5/1
70 SEND 4 2:15-2:16 h=84/5/1
71 YIELD_VALUE 1 2:15-2:16 h=74/7/0
72 RESUME 3 2:15-2:16 h=84/5/1
73 JUMP_BACKWARD_NO_INTERRUPT 5 2:15-2:16 h=84/5/1
74 CLEANUP_THROW 0 2:15-2:16 h=84/5/1
75 END_SEND 0 2:15-2:16 h=84/5/1
76 TO_BOOL 0 2:15-2:16 h=84/5/1
77 POP_JUMP_IF_TRUE 1 2:15-2:16 h=84/5/1
78 RERAISE 2 2:15-2:16 h=84/5/1
79 POP_TOP 0 2:15-2:16 h=84/5/1
80 POP_EXCEPT 0 2:15-2:16 h=87/2/1
81 POP_TOP 0 2:15-2:16 h=87/2/1
82 POP_TOP 0 2:15-2:16 h=87/2/1
83 RETURN_CONST 0 2:15-2:16 h=87/2/1
84 COPY 3 -1:-1--1:-1 h=87/2/1
85 POP_EXCEPT 0 -1:-1--1:-1 h=87/2/1
86 RERAISE 1 -1:-1--1:-1 h=87/2/1
87 CALL_INTRINSIC_1 3 -1:-1--1:-1 h=-1/0/0
88 RERAISE 1 -1:-1--1:-1 h=-1/0/0
",
        final_consts: "a9024ee901000000",
        stacksize: 7,
    });
}

/// Hostile sequences (random opcodes, opargs, jump targets and locations) give a result or an
/// error, never a panic or a hang.
#[test]
fn random_sequences_never_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| -> u64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n.max(1)
    };
    let opcodes: Vec<Opcode> = Opcode::all()
        .filter(|op| op.kind() == taipan_bytecode::OpcodeKind::Base || op.is_pseudo())
        .collect();
    let common = [
        Opcode::LOAD_CONST,
        Opcode::POP_JUMP_IF_FALSE,
        Opcode::JUMP,
        Opcode::NOP,
        Opcode::SWAP,
        Opcode::BUILD_TUPLE,
        Opcode::LOAD_FAST,
        Opcode::STORE_FAST,
        Opcode::RETURN_VALUE,
        Opcode::SETUP_FINALLY,
        Opcode::POP_BLOCK,
        Opcode::TO_BOOL,
        Opcode::COPY,
        Opcode::POP_TOP,
    ];
    for _ in 0..3000 {
        let len = 1 + next(30) as usize;
        let instrs: Vec<Instr> = (0..len)
            .map(|_| {
                let opcode = if next(2) == 0 {
                    common[next(common.len() as u64) as usize]
                } else {
                    opcodes[next(opcodes.len() as u64) as usize]
                };
                let oparg = match next(10) {
                    0 => next(1 << 20) as i32,
                    1 => -(next(3) as i32),
                    _ => next(len as u64 + 1) as i32,
                };
                let line = next(5) as i32 - 1;
                Instr {
                    opcode,
                    oparg,
                    loc: Location::new(line, line, 0, 1),
                    except_handler: None,
                }
            })
            .collect();
        let mut consts: Vec<Constant> = (0..next(4))
            .map(|i| match i {
                0 => Constant::None,
                1 => Constant::int(next(3) as i64),
                _ => Constant::Bool(next(2) == 0),
            })
            .collect();
        let mut cfg = Cfg::from_sequence(InstructionSequence::from_resolved(instrs));
        let nlocals = next(70) as usize;
        if optimize_code_unit(&mut cfg, &mut consts, nlocals, next(3) as usize, 1).is_err() {
            continue;
        }
        let _ = cfg.to_sequence();
        let mut md = UnitMetadata::new("<random>");
        md.varnames = (0..next(3))
            .map(|i| PyString::new(&format!("v{i}")))
            .collect();
        md.cellvars = (0..next(3))
            .map(|i| PyString::new(&format!("v{i}")))
            .collect();
        md.freevars = (0..next(2))
            .map(|i| PyString::new(&format!("f{i}")))
            .collect();
        md.flags = CodeFlags(next(0x400) as u32);
        md.consts = consts;
        let _ = finalize(cfg, &md);
    }
}

/// One item of a hand-made sequence: an instruction `(name, oparg, lineno)` (a jump's oparg is
/// a label number; `lineno` -1 is no location) or a label placed before the next instruction.
enum Item {
    I(&'static str, i32, i32),
    L(u32),
}

/// A sequence built as CPython's tests build theirs (`seq.addop`, `seq.use_label`), through
/// the whole back end (`optimize_and_assemble`, which is `optimize_cfg` followed by
/// `assemble_code_object`), with one local `v0` and one name `n0`. Returns `Ok((stacksize,
/// co_code as hex))` or `Err("Kind: message")`.
fn back_end(items: &[Item]) -> Result<(u32, String), String> {
    use taipan_compiler::ir::Label;
    let mut seq = InstructionSequence::new();
    let labels: Vec<Label> = (0..4).map(|_| seq.new_label()).collect();
    for item in items {
        match *item {
            Item::L(l) => seq.use_label(labels[l as usize]),
            Item::I(name, oparg, line) => {
                let opcode = Opcode::from_name(name).expect("opcode");
                let oparg = if taipan_compiler::ir::has_target(opcode) {
                    labels[oparg as usize].0 as i32
                } else {
                    oparg
                };
                let loc = if line < 0 {
                    Location::NONE
                } else {
                    Location::new(line, line, 0, 1)
                };
                seq.add(opcode, oparg, loc);
            }
        }
    }
    let mut md = UnitMetadata::new("f");
    md.consts = vec![Constant::None];
    md.varnames = vec![PyString::new("v0")];
    md.names = vec![PyString::new("n0")];
    match taipan_compiler::optimize_and_assemble(seq, &mut md, 0, &PyString::new("f.py")) {
        Ok(code) => Ok((
            code.stacksize,
            code.code.iter().map(|b| format!("{b:02x}")).collect(),
        )),
        Err(e) => Err(format!("{}: {}", e.kind.name(), e.message)),
    }
}

// The expectations below are what CPython 3.13.0 answers for the same sequence:
// `_testinternalcapi.optimize_cfg(seq, [None], nlocals)`, then `assemble_code_object` on its
// output (a script printed `type(e).__name__: e`, or `co_stacksize` and `co_code.hex()`).
// CPython's `MemoryError`s came with the address space limited to 3 GiB.

/// `SWAP -2**31`: CPython wraps `oparg - 1` in `apply_static_swaps` and leaves the `SWAP`;
/// the stack-depth pass then refuses its stack effect.
#[test]
fn swap_of_most_negative_depth() {
    use Item::I;
    let seq = [
        I("LOAD_NAME", 0, 1),
        I("LOAD_NAME", 0, 1),
        I("SWAP", i32::MIN, 1),
        I("POP_TOP", 0, 1),
        I("STORE_FAST", 0, 1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&seq),
        Err("SystemError: Invalid stack effect for opcode=115, arg=-2147483648".to_owned())
    );
}

/// `UNPACK_SEQUENCE 2**31-1`: the stack depth reaches `i32::MAX`; past it, it wraps.
#[test]
fn unpack_of_largest_count() {
    use Item::I;
    let seq = [
        I("LOAD_CONST", 0, 1),
        I("UNPACK_SEQUENCE", i32::MAX, 1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&seq),
        Ok((2147483647, "5300477f47ff47ff75ff00006700".to_owned()))
    );
    // One item more: CPython's depth wraps negative, an underflow.
    let seq = [
        I("LOAD_CONST", 0, 1),
        I("UNPACK_SEQUENCE", i32::MAX, 1),
        I("UNPACK_SEQUENCE", i32::MAX, 1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&seq),
        Err("ValueError: Invalid CFG, stack underflow".to_owned())
    );
}

/// A run of `SWAP`s as deep as `2**31-1`, or of negative depth, is a `MemoryError` (CPython's
/// `swaptimize` fails to allocate its simulated stack).
#[test]
fn swap_runs_too_deep_to_simulate() {
    use Item::I;
    for (a, b) in [(i32::MAX, 2), (-3, -2)] {
        let seq = [
            I("LOAD_CONST", 0, 1),
            I("SWAP", a, 1),
            I("SWAP", b, 1),
            I("RETURN_CONST", 0, 1),
        ];
        assert_eq!(back_end(&seq), Err("MemoryError: ".to_owned()), "{a} {b}");
    }
}

/// A cycle of jumps to jumps: CPython threads it forever until memory runs out (its
/// `MemoryError` is then masked as "SystemError: <built-in function optimize_cfg> returned a
/// result with an exception set", as `jump_thread` drops the error); Taipan reports the
/// `MemoryError`.
#[test]
fn cycle_of_jumps_to_jumps() {
    use Item::{I, L};
    let seq = [
        I("LOAD_NAME", 0, 1),
        I("POP_JUMP_IF_TRUE", 1, 1),
        I("RETURN_CONST", 0, 1),
        L(1),
        I("JUMP", 2, 1),
        L(2),
        I("JUMP", 1, 1),
    ];
    assert_eq!(back_end(&seq), Err("MemoryError: ".to_owned()));
}

/// A cycle of blocks without line numbers ending in unconditional jumps: exit-block inlining
/// never settles (CPython: `MemoryError`).
#[test]
fn cycle_of_blocks_without_line_numbers() {
    use Item::{I, L};
    let seq = [
        I("LOAD_CONST", 0, 1),
        I("JUMP", 1, 1),
        L(1),
        I("NOP", 0, -1),
        I("JUMP", 2, -1),
        L(2),
        I("NOP", 0, -1),
        I("JUMP", 1, -1),
    ];
    assert_eq!(back_end(&seq), Err("MemoryError: ".to_owned()));
}

/// Malformed stacks are CPython's `ValueError`s.
#[test]
fn stack_underflow_and_inconsistent_depth() {
    use Item::{I, L};
    let underflow = [I("POP_TOP", 0, 1), I("RETURN_CONST", 0, 1)];
    assert_eq!(
        back_end(&underflow),
        Err("ValueError: Invalid CFG, stack underflow".to_owned())
    );
    let inconsistent = [
        I("LOAD_NAME", 0, 1),
        I("POP_JUMP_IF_TRUE", 1, 1),
        I("LOAD_CONST", 0, 1),
        L(1),
        I("RETURN_CONST", 0, 1),
    ];
    assert_eq!(
        back_end(&inconsistent),
        Err("ValueError: Invalid CFG, inconsistent stackdepth".to_owned())
    );
}
