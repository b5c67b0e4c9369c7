//! The AST optimizer against CPython 3.13.0: every expected dump below is
//! `ast.dump(compile(source, '<test>', mode, flags=PyCF_ONLY_AST | PyCF_OPTIMIZED_AST,
//! optimize=level))` as the oracle printed it (with `include_attributes=True` for the
//! position cases), run with `PYTHONHASHSEED=0` (frozensets of strings print in hash order).

use bumpalo::Bump;
use taipan_ast::{DumpOptions, LineIndex, dump};
use taipan_parser::{Mode, Options, parse};

struct Case {
    name: &'static str,
    level: i32,
    mode: Mode,
    source: &'static str,
    expected: &'static str,
}

fn folded(case: &Case, positions: bool) -> String {
    let arena = Bump::new();
    let options = Options {
        mode: case.mode,
        ..Options::default()
    };
    let mut tree = match parse(case.source, &options, &arena) {
        Ok(parsed) => parsed.tree,
        Err(error) => panic!("{}: does not parse: {}", case.name, error.message),
    };
    taipan_compiler::fold::optimize(&mut tree, &arena, case.level);
    let index = LineIndex::new(case.source);
    let options = DumpOptions {
        indent: None,
        positions: positions.then_some(&index),
    };
    dump(&tree, &options)
}

fn check(cases: &[Case], positions: bool) {
    let mut failures = Vec::new();
    for case in cases {
        let got = folded(case, positions);
        if got != case.expected {
            failures.push(format!(
                "{}:\n  expected {}\n  got      {}",
                case.name, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn folds_as_cpython() {
    check(CASES, false);
}

#[test]
fn positions_as_cpython() {
    check(POSITION_CASES, true);
}

/// `from __future__ import annotations` inherited from the caller (compile flags) leaves
/// annotations alone too. Expected: the oracle with `flags=PyCF_ONLY_AST |
/// PyCF_OPTIMIZED_AST | CO_FUTURE_ANNOTATIONS`.
#[test]
fn inherited_future_annotations() {
    let source = "x: 1 + 2 = 1 + 2";
    let arena = Bump::new();
    let mut tree = parse(source, &Options::default(), &arena).unwrap().tree;
    taipan_compiler::fold::optimize_with_future(&mut tree, &arena, 0, true);
    assert_eq!(
        dump(&tree, &DumpOptions::default()),
        INHERITED_FUTURE_EXPECTED
    );
}

/// A long chain of additions folds without overflowing the stack.
#[test]
fn deep_chain_folds() {
    let terms = 9000;
    let source = vec!["1"; terms].join("+");
    let arena = Bump::new();
    let mut tree = parse(&source, &Options::default(), &arena).unwrap().tree;
    taipan_compiler::fold::optimize(&mut tree, &arena, 0);
    assert_eq!(
        dump(&tree, &DumpOptions::default()),
        format!("Module(body=[Expr(value=Constant(value={terms}))])")
    );
}

const CASES: &[Case] = &[
    Case {
        name: "unary_minus_int",
        level: 0,
        mode: Mode::Exec,
        source: "-1",
        expected: "Module(body=[Expr(value=Constant(value=-1))])",
    },
    Case {
        name: "unary_plus_bool_is_int",
        level: 0,
        mode: Mode::Exec,
        source: "+True",
        expected: "Module(body=[Expr(value=Constant(value=1))])",
    },
    Case {
        name: "invert_bool",
        level: 0,
        mode: Mode::Exec,
        source: "~True",
        expected: "Module(body=[Expr(value=Constant(value=-2))])",
    },
    Case {
        name: "invert_float_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "~1.5",
        expected: "Module(body=[Expr(value=UnaryOp(op=Invert(), operand=Constant(value=1.5)))])",
    },
    Case {
        name: "not_constant",
        level: 0,
        mode: Mode::Exec,
        source: "not 0, not 'a', not (), not ..., not None, not 0j",
        expected: "Module(body=[Expr(value=Constant(value=(True, False, True, False, True, True)))])",
    },
    Case {
        name: "minus_zero",
        level: 0,
        mode: Mode::Exec,
        source: "-0, -0.0, -(0j), -(1j)",
        expected: "Module(body=[Expr(value=Constant(value=(0, -0.0, (-0-0j), (-0-1j))))])",
    },
    Case {
        name: "minus_str_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "-'a'",
        expected: "Module(body=[Expr(value=UnaryOp(op=USub(), operand=Constant(value='a')))])",
    },
    Case {
        name: "not_is_becomes_is_not",
        level: 0,
        mode: Mode::Exec,
        source: "not a is b",
        expected: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[IsNot()], comparators=[Name(id='b', ctx=Load())]))])",
    },
    Case {
        name: "not_in_becomes_not_in",
        level: 0,
        mode: Mode::Exec,
        source: "not a in b\nnot a not in b\nnot a is not b",
        expected: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[NotIn()], comparators=[Name(id='b', ctx=Load())])), Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[In()], comparators=[Name(id='b', ctx=Load())])), Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Is()], comparators=[Name(id='b', ctx=Load())]))])",
    },
    Case {
        name: "not_eq_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "not a == b\nnot a < b",
        expected: "Module(body=[Expr(value=UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), ops=[Eq()], comparators=[Name(id='b', ctx=Load())]))), Expr(value=UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), ops=[Lt()], comparators=[Name(id='b', ctx=Load())])))])",
    },
    Case {
        name: "not_chained_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "not a is b is c",
        expected: "Module(body=[Expr(value=UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), ops=[Is(), Is()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())])))])",
    },
    Case {
        name: "minus_big",
        level: 0,
        mode: Mode::Exec,
        source: "-(18446744073709551616), -(9223372036854775808), -(9223372036854775809)",
        expected: "Module(body=[Expr(value=Constant(value=(-18446744073709551616, -9223372036854775808, -9223372036854775809)))])",
    },
    Case {
        name: "int_ops",
        level: 0,
        mode: Mode::Exec,
        source: "1 + 2, 7 - 10, 6 * 7, 7 // 2, -7 // 2, 7 % -3, -7 % 3, 5 & 3, 5 | 3, 5 ^ 3, -5 >> 1, 1 << 10",
        expected: "Module(body=[Expr(value=Constant(value=(3, -3, 42, 3, -4, -2, 2, 1, 7, 6, -3, 1024)))])",
    },
    Case {
        name: "int_true_division",
        level: 0,
        mode: Mode::Exec,
        source: "1 / 3, 0 / -5, 10000000000000000000000000000000000000000 / 3, 1 / 10000000000000000000000000000000000000000",
        expected: "Module(body=[Expr(value=Constant(value=(0.3333333333333333, -0.0, 3.333333333333333e+39, 1e-40)))])",
    },
    Case {
        name: "int_division_by_zero",
        level: 0,
        mode: Mode::Exec,
        source: "1 / 0, 1 // 0, 1 % 0, 1.0 % 0, 0 ** -1",
        expected: "Module(body=[Expr(value=Tuple(elts=[BinOp(left=Constant(value=1), op=Div(), right=Constant(value=0)), BinOp(left=Constant(value=1), op=FloorDiv(), right=Constant(value=0)), BinOp(left=Constant(value=1), op=Mod(), right=Constant(value=0)), BinOp(left=Constant(value=1.0), op=Mod(), right=Constant(value=0)), BinOp(left=Constant(value=0), op=Pow(), right=Constant(value=-1))], ctx=Load()))])",
    },
    Case {
        name: "int_negative_power_is_float",
        level: 0,
        mode: Mode::Exec,
        source: "2 ** -1, (-2) ** -3",
        expected: "Module(body=[Expr(value=Constant(value=(0.5, -0.125)))])",
    },
    Case {
        name: "bool_arithmetic",
        level: 0,
        mode: Mode::Exec,
        source: "True + True, True & False, True | False, True ^ True, True & 3, True * 5, True << 2",
        expected: "Module(body=[Expr(value=Constant(value=(2, False, True, False, 1, 5, 4)))])",
    },
    Case {
        name: "shift_limits",
        level: 0,
        mode: Mode::Exec,
        source: "1 << 127, 1 << 128, 3 << 126, 1 << -1, 0 << 1000, 5 >> -1, 1 >> 1000, -1 >> 1000",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value=170141183460469231731687303715884105728), BinOp(left=Constant(value=1), op=LShift(), right=Constant(value=128)), Constant(value=255211775190703847597530955573826158592), BinOp(left=Constant(value=1), op=LShift(), right=Constant(value=-1)), Constant(value=0), BinOp(left=Constant(value=5), op=RShift(), right=Constant(value=-1)), Constant(value=0), Constant(value=-1)], ctx=Load()))])",
    },
    Case {
        name: "power_limits",
        level: 0,
        mode: Mode::Exec,
        source: "2 ** 64, 2 ** 65, 10 ** 20, 10 ** 40, 3 ** 80, 2 ** 0, 0 ** 1000, (-2) ** 63",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value=18446744073709551616), BinOp(left=Constant(value=2), op=Pow(), right=Constant(value=65)), Constant(value=100000000000000000000), BinOp(left=Constant(value=10), op=Pow(), right=Constant(value=40)), BinOp(left=Constant(value=3), op=Pow(), right=Constant(value=80)), Constant(value=1), Constant(value=0), Constant(value=-9223372036854775808)], ctx=Load()))])",
    },
    Case {
        name: "multiply_limits",
        level: 0,
        mode: Mode::Exec,
        source: "18446744073709551615 * 18446744073709551615, 36893488147419103231 * 18446744073709551615, 0 * 3402823669209384634633746074317682114560",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value=340282366920938463426481119284349108225), BinOp(left=Constant(value=36893488147419103231), op=Mult(), right=Constant(value=18446744073709551615)), Constant(value=0)], ctx=Load()))])",
    },
    Case {
        name: "int_too_big_for_float",
        level: 0,
        mode: Mode::Exec,
        source: "3402823669209384634633746074317682114560 ** 1 * 1.0, 1797693134862315907729305190789024733617976978442306473688157939712512573439023612011491066281830609478806463745713408117002069148826961014908301683048596839212442624000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 + 0.5",
        expected: "Module(body=[Expr(value=Tuple(elts=[BinOp(left=BinOp(left=Constant(value=3402823669209384634633746074317682114560), op=Pow(), right=Constant(value=1)), op=Mult(), right=Constant(value=1.0)), Constant(value=1.7976931348623158e+285)], ctx=Load()))])",
    },
    Case {
        name: "float_ops",
        level: 0,
        mode: Mode::Exec,
        source: "0.1 + 0.2, 1e308 * 10, 1.5 - 2, 3 * 0.1, 1 / 3.0",
        expected: "Module(body=[Expr(value=Constant(value=(0.30000000000000004, inf, -0.5, 0.30000000000000004, 0.3333333333333333)))])",
    },
    Case {
        name: "float_floor_div_and_mod",
        level: 0,
        mode: Mode::Exec,
        source: "-7.5 % 2, 7.5 % -2, 7.5 // -2, -0.0 // 1, 0.0 // -1, 5.0 % 5, -5.0 % 5, 1e300 * 1e10 // 1e-300",
        expected: "Module(body=[Expr(value=Constant(value=(0.5, -0.5, -4.0, -0.0, -0.0, 0.0, 0.0, nan)))])",
    },
    Case {
        name: "float_division_by_zero",
        level: 0,
        mode: Mode::Exec,
        source: "1 / 0.0, 1.0 // 0.0, 1.0 % -0.0",
        expected: "Module(body=[Expr(value=Tuple(elts=[BinOp(left=Constant(value=1), op=Div(), right=Constant(value=0.0)), BinOp(left=Constant(value=1.0), op=FloorDiv(), right=Constant(value=0.0)), BinOp(left=Constant(value=1.0), op=Mod(), right=Constant(value=-0.0))], ctx=Load()))])",
    },
    Case {
        name: "float_power",
        level: 0,
        mode: Mode::Exec,
        source: "2 ** 0.5, 2.0 ** -1075, 10.0 ** 400, 0.0 ** -1, (-2.0) ** 3, (-0.0) ** 3, 1e400 ** 0, 0.5 ** 1e400, (-1.0) ** 1e400",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value=1.4142135623730951), Constant(value=0.0), BinOp(left=Constant(value=10.0), op=Pow(), right=Constant(value=400)), BinOp(left=Constant(value=0.0), op=Pow(), right=Constant(value=-1)), Constant(value=-8.0), Constant(value=-0.0), Constant(value=1.0), Constant(value=0.0), Constant(value=1.0)], ctx=Load()))])",
    },
    Case {
        name: "negative_base_fractional_power_is_complex",
        level: 0,
        mode: Mode::Exec,
        source: "(-8) ** (1/3), (-1) ** 0.5",
        expected: "Module(body=[Expr(value=Constant(value=((1.0000000000000002+1.7320508075688772j), (6.123233995736766e-17+1j))))])",
    },
    Case {
        name: "complex_ops",
        level: 0,
        mode: Mode::Exec,
        source: "1j * 1j, 1 + 2j - 3, (1+2j) * (3-4j), (1+2j) / (3-4j), 1j ** 2, (1+1j) ** 0.5, 2 ** 1j",
        expected: "Module(body=[Expr(value=Constant(value=((-1+0j), (-2+2j), (11+2j), (-0.2+0.4j), (-1+0j), (1.0986841134678098+0.45508986056222733j), (0.7692389013639721+0.6389612763136348j))))])",
    },
    Case {
        name: "complex_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "1j / 0, (1+2j) // 2, (1+2j) % 2, 0j ** -1, (1e400j) ** 2, 2.5j ** 1e400",
        expected: "Module(body=[Expr(value=Tuple(elts=[BinOp(left=Constant(value=1j), op=Div(), right=Constant(value=0)), BinOp(left=Constant(value=(1+2j)), op=FloorDiv(), right=Constant(value=2)), BinOp(left=Constant(value=(1+2j)), op=Mod(), right=Constant(value=2)), BinOp(left=Constant(value=0j), op=Pow(), right=Constant(value=-1)), Constant(value=(nan+nanj)), BinOp(left=Constant(value=2.5j), op=Pow(), right=Constant(value=inf))], ctx=Load()))])",
    },
    Case {
        name: "concatenation",
        level: 0,
        mode: Mode::Exec,
        source: "'a' + 'b', b'a' + b'b', (1,) + (2, 3), 'a' + b'b', 'a' + 1",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value='ab'), Constant(value=b'ab'), Constant(value=(1, 2, 3)), BinOp(left=Constant(value='a'), op=Add(), right=Constant(value=b'b')), BinOp(left=Constant(value='a'), op=Add(), right=Constant(value=1))], ctx=Load()))])",
    },
    Case {
        name: "str_repeat_limit",
        level: 0,
        mode: Mode::Exec,
        source: "('ab' * 2048)[0], ('ab' * 2049)[0], 'ab' * -1, '' * -1, 'ab' * True, 3 * 'ab', 'a' * 1.5",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value='a'), Subscript(value=BinOp(left=Constant(value='ab'), op=Mult(), right=Constant(value=2049)), slice=Constant(value=0), ctx=Load()), BinOp(left=Constant(value='ab'), op=Mult(), right=Constant(value=-1)), Constant(value=''), Constant(value='ab'), Constant(value='ababab'), BinOp(left=Constant(value='a'), op=Mult(), right=Constant(value=1.5))], ctx=Load()))])",
    },
    Case {
        name: "bytes_repeat_limit",
        level: 0,
        mode: Mode::Exec,
        source: "(b'ab' * 2048)[0], (b'ab' * 2049)[0]",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value=97), Subscript(value=BinOp(left=Constant(value=b'ab'), op=Mult(), right=Constant(value=2049)), slice=Constant(value=0), ctx=Load())], ctx=Load()))])",
    },
    Case {
        name: "tuple_repeat_limit",
        level: 0,
        mode: Mode::Exec,
        source: "((1,) * 256)[0], ((1,) * 257)[0], ((1, 2) * 128)[0], (((1, 2, 3, 4),) * 204)[0], (((1, 2, 3, 4),) * 205)[0], () * 10, (1,) * -1",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value=1), Subscript(value=BinOp(left=Constant(value=(1,)), op=Mult(), right=Constant(value=257)), slice=Constant(value=0), ctx=Load()), Constant(value=1), Constant(value=(1, 2, 3, 4)), Subscript(value=BinOp(left=Constant(value=((1, 2, 3, 4),)), op=Mult(), right=Constant(value=205)), slice=Constant(value=0), ctx=Load()), Constant(value=()), BinOp(left=Constant(value=(1,)), op=Mult(), right=Constant(value=-1))], ctx=Load()))])",
    },
    Case {
        name: "percent_on_str_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "'%s' % 'a', b'%d' % 1, '%s' % (1,)",
        expected: "Module(body=[Expr(value=Tuple(elts=[BinOp(left=Constant(value='%s'), op=Mod(), right=Constant(value='a')), BinOp(left=Constant(value=b'%d'), op=Mod(), right=Constant(value=1)), BinOp(left=Constant(value='%s'), op=Mod(), right=Constant(value=(1,)))], ctx=Load()))])",
    },
    Case {
        name: "matmul_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "1 @ 2",
        expected: "Module(body=[Expr(value=BinOp(left=Constant(value=1), op=MatMult(), right=Constant(value=2)))])",
    },
    Case {
        name: "subscripts",
        level: 0,
        mode: Mode::Exec,
        source: "'abc'[1], 'abc'[-1], 'abc'[3], 'abc'[True], 'abc'[1.0], b'abc'[0], (1, (2, 3))[1], (1, 2)[-3], 'abc'[1:2]",
        expected: "Module(body=[Expr(value=Tuple(elts=[Constant(value='b'), Constant(value='c'), Subscript(value=Constant(value='abc'), slice=Constant(value=3), ctx=Load()), Constant(value='b'), Subscript(value=Constant(value='abc'), slice=Constant(value=1.0), ctx=Load()), Constant(value=97), Constant(value=(2, 3)), Subscript(value=Constant(value=(1, 2)), slice=Constant(value=-3), ctx=Load()), Subscript(value=Constant(value='abc'), slice=Slice(lower=Constant(value=1), upper=Constant(value=2)), ctx=Load())], ctx=Load()))])",
    },
    Case {
        name: "subscript_store_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "(1, 2)[0] = x",
        expected: "Module(body=[Assign(targets=[Subscript(value=Constant(value=(1, 2)), slice=Constant(value=0), ctx=Store())], value=Name(id='x', ctx=Load()))])",
    },
    Case {
        name: "tuples",
        level: 0,
        mode: Mode::Exec,
        source: "x = (1, 2), (), (1, (2, 'a')), (a, 1), [1, 2], (*a, 1)",
        expected: "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Constant(value=(1, 2)), Constant(value=()), Constant(value=(1, (2, 'a'))), Tuple(elts=[Name(id='a', ctx=Load()), Constant(value=1)], ctx=Load()), List(elts=[Constant(value=1), Constant(value=2)], ctx=Load()), Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Constant(value=1)], ctx=Load())], ctx=Load()))])",
    },
    Case {
        name: "tuple_target_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "(a, b) = 1, 2",
        expected: "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], ctx=Store())], value=Constant(value=(1, 2)))])",
    },
    Case {
        name: "in_list_and_set",
        level: 0,
        mode: Mode::Exec,
        source: "x in [1, 2]\nx not in [a, b]\nx in [*a]\nx in {1, 2}\nx in {1, True, 1.0}\nx in {a}\nx not in []\na in [1] in [2]",
        expected: "Module(body=[Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[In()], comparators=[Constant(value=(1, 2))])), Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[NotIn()], comparators=[Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load())])), Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[In()], comparators=[List(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load())], ctx=Load())])), Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[In()], comparators=[Constant(value=frozenset({1, 2}))])), Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[In()], comparators=[Constant(value=frozenset({1}))])), Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[In()], comparators=[Set(elts=[Name(id='a', ctx=Load())])])), Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[NotIn()], comparators=[Constant(value=())])), Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[In(), In()], comparators=[List(elts=[Constant(value=1)], ctx=Load()), Constant(value=(2,))]))])",
    },
    Case {
        name: "for_and_comprehension_iter",
        level: 0,
        mode: Mode::Exec,
        source: "for x in [1, 2]: pass\nfor x in [a, b]: pass\n[y for y in [1, 2]]\n{y for y in {1, 2}}\n(y for y in [a] if y in [3])",
        expected: "Module(body=[For(target=Name(id='x', ctx=Store()), iter=Constant(value=(1, 2)), body=[Pass()]), For(target=Name(id='x', ctx=Store()), iter=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), body=[Pass()]), Expr(value=ListComp(elt=Name(id='y', ctx=Load()), generators=[comprehension(target=Name(id='y', ctx=Store()), iter=Constant(value=(1, 2)), is_async=0)])), Expr(value=SetComp(elt=Name(id='y', ctx=Load()), generators=[comprehension(target=Name(id='y', ctx=Store()), iter=Constant(value=frozenset({1, 2})), is_async=0)])), Expr(value=GeneratorExp(elt=Name(id='y', ctx=Load()), generators=[comprehension(target=Name(id='y', ctx=Store()), iter=Tuple(elts=[Name(id='a', ctx=Load())], ctx=Load()), ifs=[Compare(left=Name(id='y', ctx=Load()), ops=[In()], comparators=[Constant(value=(3,))])], is_async=0)]))])",
    },
    Case {
        name: "async_for_iter_not_folded",
        level: 0,
        mode: Mode::Exec,
        source: "async def f():\n    async for x in [1, 2]: pass\n    [y async for y in [1, 2]]",
        expected: "Module(body=[AsyncFunctionDef(name='f', args=arguments(), body=[AsyncFor(target=Name(id='x', ctx=Store()), iter=List(elts=[Constant(value=1), Constant(value=2)], ctx=Load()), body=[Pass()]), Expr(value=ListComp(elt=Name(id='y', ctx=Load()), generators=[comprehension(target=Name(id='y', ctx=Store()), iter=Constant(value=(1, 2)), is_async=1)]))])])",
    },
    Case {
        name: "frozenset_order",
        level: 0,
        mode: Mode::Exec,
        source: "x in {'b', 'a', 3, (1, 'c'), b'd', 2.5, None}",
        expected: "Module(body=[Expr(value=Compare(left=Name(id='x', ctx=Load()), ops=[In()], comparators=[Constant(value=frozenset({b'd', None, 2.5, 3, 'b', (1, 'c'), 'a'}))]))])",
    },
    Case {
        name: "debug_level_0",
        level: 0,
        mode: Mode::Exec,
        source: "__debug__",
        expected: "Module(body=[Expr(value=Constant(value=True))])",
    },
    Case {
        name: "debug_level_1",
        level: 1,
        mode: Mode::Exec,
        source: "__debug__",
        expected: "Module(body=[Expr(value=Constant(value=False))])",
    },
    Case {
        name: "debug_level_2",
        level: 2,
        mode: Mode::Exec,
        source: "if __debug__: pass",
        expected: "Module(body=[If(test=Constant(value=False), body=[Pass()])])",
    },
    Case {
        name: "assert_kept_level_1",
        level: 1,
        mode: Mode::Exec,
        source: "assert x, 'm'",
        expected: "Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='m'))])",
    },
    Case {
        name: "docstrings_kept_level_2",
        level: 2,
        mode: Mode::Exec,
        source: "'doc'\ndef f():\n    'doc'\nclass C:\n    'doc'",
        expected: "Module(body=[Expr(value=Constant(value='doc')), FunctionDef(name='f', args=arguments(), body=[Expr(value=Constant(value='doc'))]), ClassDef(name='C', body=[Expr(value=Constant(value='doc'))])])",
    },
    Case {
        name: "docstring_by_folding",
        level: 0,
        mode: Mode::Exec,
        source: "'a' + 'b'\ndef f():\n    'x'[0]\nclass C:\n    ('a', 'b')[1]",
        expected: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='ab')])), FunctionDef(name='f', args=arguments(), body=[Expr(value=JoinedStr(values=[Constant(value='x')]))]), ClassDef(name='C', body=[Expr(value=JoinedStr(values=[Constant(value='b')]))])])",
    },
    Case {
        name: "docstring_by_folding_interactive",
        level: 0,
        mode: Mode::Single,
        source: "'a' + 'b'",
        expected: "Interactive(body=[Expr(value=Constant(value='ab'))])",
    },
    Case {
        name: "expression_mode",
        level: 0,
        mode: Mode::Eval,
        source: "1 + 2",
        expected: "Expression(body=Constant(value=3))",
    },
    Case {
        name: "format_simple",
        level: 0,
        mode: Mode::Exec,
        source: "'%s %r %a' % (a, b, c)",
        expected: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='a', ctx=Load()), conversion=115), Constant(value=' '), FormattedValue(value=Name(id='b', ctx=Load()), conversion=114), Constant(value=' '), FormattedValue(value=Name(id='c', ctx=Load()), conversion=97)]))])",
    },
    Case {
        name: "format_width_precision",
        level: 0,
        mode: Mode::Exec,
        source: "'%5s|%-5s|%.3s|%%|%+05.2s|%-12.34r' % (a, b, c, d, e)",
        expected: "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='a', ctx=Load()), conversion=115, format_spec=Constant(value='>5')), Constant(value='|'), FormattedValue(value=Name(id='b', ctx=Load()), conversion=115, format_spec=Constant(value='5')), Constant(value='|'), FormattedValue(value=Name(id='c', ctx=Load()), conversion=115, format_spec=Constant(value='.3')), Constant(value='|%|'), FormattedValue(value=Name(id='d', ctx=Load()), conversion=115, format_spec=Constant(value='>5.2')), Constant(value='|'), FormattedValue(value=Name(id='e', ctx=Load()), conversion=114, format_spec=Constant(value='12.34'))]))])",
    },
    Case {
        name: "format_unsupported",
        level: 0,
        mode: Mode::Exec,
        source: "'%d' % (a,)\n'%s' % (*a,)\n'%s %s' % (a,)\n'%s' % (a, b)\n'%123s' % (a,)\n'%.123s' % (a,)\n'%' % (a,)\n'%5' % (a,)",
        expected: "Module(body=[Expr(value=BinOp(left=Constant(value='%d'), op=Mod(), right=Tuple(elts=[Name(id='a', ctx=Load())], ctx=Load()))), Expr(value=BinOp(left=Constant(value='%s'), op=Mod(), right=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load())], ctx=Load()))), Expr(value=BinOp(left=Constant(value='%s %s'), op=Mod(), right=Tuple(elts=[Name(id='a', ctx=Load())], ctx=Load()))), Expr(value=BinOp(left=Constant(value='%s'), op=Mod(), right=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))), Expr(value=BinOp(left=Constant(value='%123s'), op=Mod(), right=Tuple(elts=[Name(id='a', ctx=Load())], ctx=Load()))), Expr(value=BinOp(left=Constant(value='%.123s'), op=Mod(), right=Tuple(elts=[Name(id='a', ctx=Load())], ctx=Load()))), Expr(value=BinOp(left=Constant(value='%'), op=Mod(), right=Tuple(elts=[Name(id='a', ctx=Load())], ctx=Load()))), Expr(value=BinOp(left=Constant(value='%5'), op=Mod(), right=Tuple(elts=[Name(id='a', ctx=Load())], ctx=Load())))])",
    },
    Case {
        name: "format_literals_only",
        level: 0,
        mode: Mode::Exec,
        source: "'a%%b' % ()\n'' % ()",
        expected: "Module(body=[Expr(value=BinOp(left=Constant(value='a%%b'), op=Mod(), right=Constant(value=()))), Expr(value=BinOp(left=Constant(value=''), op=Mod(), right=Constant(value=())))])",
    },
    Case {
        name: "future_annotations",
        level: 0,
        mode: Mode::Exec,
        source: "'doc'\nfrom __future__ import annotations\nx: 1 + 2 = 1 + 2\ndef f(a: 1 + 2 = 1 + 2, *b: -1, **c: -2) -> 1 + 2: pass\ndef g[T: 1 + 2](): pass",
        expected: "Module(body=[Expr(value=Constant(value='doc')), ImportFrom(module='__future__', names=[alias(name='annotations')], level=0), AnnAssign(target=Name(id='x', ctx=Store()), annotation=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)), value=Constant(value=3), simple=1), FunctionDef(name='f', args=arguments(args=[arg(arg='a', annotation=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)))], vararg=arg(arg='b', annotation=UnaryOp(op=USub(), operand=Constant(value=1))), kwarg=arg(arg='c', annotation=UnaryOp(op=USub(), operand=Constant(value=2))), defaults=[Constant(value=3)]), body=[Pass()], returns=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2))), FunctionDef(name='g', args=arguments(), body=[Pass()], type_params=[TypeVar(name='T', bound=Constant(value=3))])])",
    },
    Case {
        name: "annotations_folded_without_future",
        level: 0,
        mode: Mode::Exec,
        source: "x: 1 + 2 = 1 + 2\ndef f(a: 1 + 2 = 1 + 2) -> 1 + 2: pass",
        expected: "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Constant(value=3), value=Constant(value=3), simple=1), FunctionDef(name='f', args=arguments(args=[arg(arg='a', annotation=Constant(value=3))], defaults=[Constant(value=3)]), body=[Pass()], returns=Constant(value=3))])",
    },
    Case {
        name: "late_future_import_is_not_future",
        level: 0,
        mode: Mode::Exec,
        source: "import os\nfrom __future__ import annotations\nx: 1 + 2",
        expected: "Module(body=[Import(names=[alias(name='os')]), ImportFrom(module='__future__', names=[alias(name='annotations')], level=0), AnnAssign(target=Name(id='x', ctx=Store()), annotation=Constant(value=3), simple=1)])",
    },
    Case {
        name: "relative_future_import_is_not_future",
        level: 0,
        mode: Mode::Exec,
        source: "from .__future__ import annotations\nx: 1 + 2",
        expected: "Module(body=[ImportFrom(module='__future__', names=[alias(name='annotations')], level=1), AnnAssign(target=Name(id='x', ctx=Store()), annotation=Constant(value=3), simple=1)])",
    },
    Case {
        name: "match_patterns",
        level: 0,
        mode: Mode::Exec,
        source: "match x:\n    case -1:\n        pass\n    case 1 + 2j:\n        pass\n    case {-1: y}:\n        pass\n    case (1, 2):\n        pass\n    case C(a=-1) if -1:\n        pass",
        expected: "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchValue(value=Constant(value=-1)), body=[Pass()]), match_case(pattern=MatchValue(value=Constant(value=(1+2j))), body=[Pass()]), match_case(pattern=MatchMapping(keys=[Constant(value=-1)], patterns=[MatchAs(name='y')]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=Constant(value=2))]), body=[Pass()]), match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load()), kwd_attrs=['a'], kwd_patterns=[MatchValue(value=Constant(value=-1))]), guard=Constant(value=-1), body=[Pass()])])])",
    },
    Case {
        name: "type_params",
        level: 0,
        mode: Mode::Exec,
        source: "type X[T: 1 + 2 = 3 + 4, *Ts = -1, **P = -2] = 1 + 2\ndef f[T = 1 + 2](): pass\nclass C[T: (1, 2)]: pass",
        expected: "Module(body=[TypeAlias(name=Name(id='X', ctx=Store()), type_params=[TypeVar(name='T', bound=Constant(value=3), default_value=Constant(value=7)), TypeVarTuple(name='Ts', default_value=Constant(value=-1)), ParamSpec(name='P', default_value=Constant(value=-2))], value=Constant(value=3)), FunctionDef(name='f', args=arguments(), body=[Pass()], type_params=[TypeVar(name='T', default_value=Constant(value=3))]), ClassDef(name='C', body=[Pass()], type_params=[TypeVar(name='T', bound=Constant(value=(1, 2)))])])",
    },
    Case {
        name: "walks_everywhere",
        level: 0,
        mode: Mode::Exec,
        source: "@d(1 + 1)\ndef f(a=1 + 1, *, b=2 + 2):\n    global g\n    return lambda c=-1: -2\nwith a(-1) as b[-2]: yield -3\ntry: -4\nexcept E(-5): -6\nelse: -7\nfinally: -8\nwhile -9: del x[-10]\nx += -11\nf(-12, k=-13, *-14, **-15)\n{-16: -17, **-18}\nf'{-19:{-20}}'\n(y := -21)\na if -22 else -23\nraise -24 from -25\na.b[-26:-27:-28]\nawait x(-29)",
        expected: "Module(body=[FunctionDef(name='f', args=arguments(args=[arg(arg='a')], kwonlyargs=[arg(arg='b')], kw_defaults=[Constant(value=4)], defaults=[Constant(value=2)]), body=[Global(names=['g']), Return(value=Lambda(args=arguments(args=[arg(arg='c')], defaults=[Constant(value=-1)]), body=Constant(value=-2)))], decorator_list=[Call(func=Name(id='d', ctx=Load()), args=[Constant(value=2)])]), With(items=[withitem(context_expr=Call(func=Name(id='a', ctx=Load()), args=[Constant(value=-1)]), optional_vars=Subscript(value=Name(id='b', ctx=Load()), slice=Constant(value=-2), ctx=Store()))], body=[Expr(value=Yield(value=Constant(value=-3)))]), Try(body=[Expr(value=Constant(value=-4))], handlers=[ExceptHandler(type=Call(func=Name(id='E', ctx=Load()), args=[Constant(value=-5)]), body=[Expr(value=Constant(value=-6))])], orelse=[Expr(value=Constant(value=-7))], finalbody=[Expr(value=Constant(value=-8))]), While(test=Constant(value=-9), body=[Delete(targets=[Subscript(value=Name(id='x', ctx=Load()), slice=Constant(value=-10), ctx=Del())])]), AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Constant(value=-11)), Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Constant(value=-12), Starred(value=Constant(value=-14), ctx=Load())], keywords=[keyword(arg='k', value=Constant(value=-13)), keyword(value=Constant(value=-15))])), Expr(value=Dict(keys=[Constant(value=-16), None], values=[Constant(value=-17), Constant(value=-18)])), Expr(value=JoinedStr(values=[FormattedValue(value=Constant(value=-19), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Constant(value=-20), conversion=-1)]))])), Expr(value=NamedExpr(target=Name(id='y', ctx=Store()), value=Constant(value=-21))), Expr(value=IfExp(test=Constant(value=-22), body=Name(id='a', ctx=Load()), orelse=Constant(value=-23))), Raise(exc=Constant(value=-24), cause=Constant(value=-25)), Expr(value=Subscript(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), slice=Slice(lower=Constant(value=-26), upper=Constant(value=-27), step=Constant(value=-28)), ctx=Load())), Expr(value=Await(value=Call(func=Name(id='x', ctx=Load()), args=[Constant(value=-29)])))])",
    },
];

const POSITION_CASES: &[Case] = &[
    Case {
        name: "positions_format",
        level: 0,
        mode: Mode::Exec,
        source: "'a %s b' % (x,)",
        expected: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='a ', lineno=-1, col_offset=-1, end_lineno=-1, end_col_offset=-1), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), conversion=115, lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), Constant(value=' b', lineno=-1, col_offset=-1, end_lineno=-1, end_col_offset=-1)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)])",
    },
    Case {
        name: "positions_not_compare",
        level: 0,
        mode: Mode::Exec,
        source: "not (a is b)",
        expected: "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), ops=[IsNot()], comparators=[Name(id='b', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11)], lineno=1, col_offset=5, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)])",
    },
    Case {
        name: "positions_folded",
        level: 0,
        mode: Mode::Exec,
        source: "(1 +\n 2)\nx in [1,\n 2]",
        expected: "Module(body=[Expr(value=Constant(value=3, lineno=1, col_offset=1, end_lineno=2, end_col_offset=2), lineno=1, col_offset=0, end_lineno=2, end_col_offset=3), Expr(value=Compare(left=Name(id='x', ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1), ops=[In()], comparators=[Constant(value=(1, 2), lineno=3, col_offset=5, end_lineno=4, end_col_offset=3)], lineno=3, col_offset=0, end_lineno=4, end_col_offset=3), lineno=3, col_offset=0, end_lineno=4, end_col_offset=3)])",
    },
    Case {
        name: "positions_docstring_by_folding",
        level: 0,
        mode: Mode::Exec,
        source: "'a' + 'b'",
        expected: "Module(body=[Expr(value=JoinedStr(values=[Constant(value='ab', lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)])",
    },
];

const INHERITED_FUTURE_EXPECTED: &str = "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)), value=Constant(value=3), simple=1)])";
