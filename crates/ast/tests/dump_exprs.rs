//! `dump` against CPython 3.13.0's `ast.dump`: expressions, patterns, constants, positions.
//!
//! Each test builds by hand the tree CPython's parser makes for a source (quoted in the test)
//! and compares our dump with the string CPython 3.13.0 printed for
//! `ast.dump(ast.parse(source), include_attributes=…, indent=…)`, pasted here verbatim.

mod build;

use build::{B, NO};
use bumpalo::Bump;
use taipan_ast::*;

use BoolOperator::{And, Or};
use ExprContext::{Load, Store};
use build::{check, indented, one_line, with_positions};

/// ```python
/// match p:
///     case 1 | -2 | 3.5 | 1+2j:
///         pass
///     case None | True:
///         pass
///     case [a, *rest, _]:
///         pass
///     case {"k": v, 1: 2, **kw}:
///         pass
///     case Point(0, y=[z] as w) if z > 0:
///         pass
///     case (*_,):
///         pass
/// ```
#[test]
fn match_patterns() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let or = |patterns| {
        Pattern::MatchOr(b.a(MatchOr {
            range: NO,
            patterns: b.s(patterns),
        }))
    };
    let singleton = |value| Pattern::MatchSingleton(b.a(MatchSingleton { range: NO, value }));
    let star = |name| Pattern::MatchStar(b.a(MatchStar { range: NO, name }));
    let complex = b.constant(ConstantValue::Complex {
        real: 0.0,
        imag: 2.0,
    });
    let cases = vec![
        b.case(
            or(vec![
                b.match_value(b.int(1)),
                b.match_value(b.unary(UnaryOperator::USub, b.int(2))),
                b.match_value(b.constant(ConstantValue::Float(3.5))),
                b.match_value(b.binop(b.int(1), Operator::Add, complex)),
            ]),
            None,
            vec![b.pass()],
        ),
        b.case(
            or(vec![
                singleton(ConstantValue::None),
                singleton(ConstantValue::True),
            ]),
            None,
            vec![b.pass()],
        ),
        b.case(
            b.match_sequence(vec![
                b.match_as(None, Some("a")),
                star(Some("rest")),
                b.match_as(None, None),
            ]),
            None,
            vec![b.pass()],
        ),
        b.case(
            Pattern::MatchMapping(b.a(MatchMapping {
                range: NO,
                keys: b.s(vec![b.str("k"), b.int(1)]),
                patterns: b.s(vec![b.match_as(None, Some("v")), b.match_value(b.int(2))]),
                rest: Some("kw"),
            })),
            None,
            vec![b.pass()],
        ),
        b.case(
            Pattern::MatchClass(b.a(MatchClass {
                range: NO,
                cls: b.name("Point"),
                patterns: b.s(vec![b.match_value(b.int(0))]),
                kwd_attrs: b.s(vec!["y"]),
                kwd_patterns: b.s(vec![b.match_as(
                    Some(b.match_sequence(vec![b.match_as(None, Some("z"))])),
                    Some("w"),
                )]),
            })),
            Some(b.compare(b.name("z"), vec![CmpOperator::Gt], vec![b.int(0)])),
            vec![b.pass()],
        ),
        b.case(b.match_sequence(vec![star(None)]), None, vec![b.pass()]),
    ];
    let match_ = Stmt::Match(b.a(Match {
        range: NO,
        subject: b.name("p"),
        cases: b.s(cases),
    }));
    let module = b.module(vec![match_]);
    check(
        dump(&module, &one_line()),
        r#"Module(body=[Match(subject=Name(id='p', ctx=Load()), cases=[match_case(pattern=MatchOr(patterns=[MatchValue(value=Constant(value=1)), MatchValue(value=UnaryOp(op=USub(), operand=Constant(value=2))), MatchValue(value=Constant(value=3.5)), MatchValue(value=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2j)))]), body=[Pass()]), match_case(pattern=MatchOr(patterns=[MatchSingleton(value=None), MatchSingleton(value=True)]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchAs(name='a'), MatchStar(name='rest'), MatchAs()]), body=[Pass()]), match_case(pattern=MatchMapping(keys=[Constant(value='k'), Constant(value=1)], patterns=[MatchAs(name='v'), MatchValue(value=Constant(value=2))], rest='kw'), body=[Pass()]), match_case(pattern=MatchClass(cls=Name(id='Point', ctx=Load()), patterns=[MatchValue(value=Constant(value=0))], kwd_attrs=['y'], kwd_patterns=[MatchAs(pattern=MatchSequence(patterns=[MatchAs(name='z')]), name='w')]), guard=Compare(left=Name(id='z', ctx=Load()), ops=[Gt()], comparators=[Constant(value=0)]), body=[Pass()]), match_case(pattern=MatchSequence(patterns=[MatchStar()]), body=[Pass()])])])"#,
    );
    check(
        dump(&module, &indented("  ")),
        r#"Module(
  body=[
    Match(
      subject=Name(id='p', ctx=Load()),
      cases=[
        match_case(
          pattern=MatchOr(
            patterns=[
              MatchValue(
                value=Constant(value=1)),
              MatchValue(
                value=UnaryOp(
                  op=USub(),
                  operand=Constant(value=2))),
              MatchValue(
                value=Constant(value=3.5)),
              MatchValue(
                value=BinOp(
                  left=Constant(value=1),
                  op=Add(),
                  right=Constant(value=2j)))]),
          body=[
            Pass()]),
        match_case(
          pattern=MatchOr(
            patterns=[
              MatchSingleton(value=None),
              MatchSingleton(value=True)]),
          body=[
            Pass()]),
        match_case(
          pattern=MatchSequence(
            patterns=[
              MatchAs(name='a'),
              MatchStar(name='rest'),
              MatchAs()]),
          body=[
            Pass()]),
        match_case(
          pattern=MatchMapping(
            keys=[
              Constant(value='k'),
              Constant(value=1)],
            patterns=[
              MatchAs(name='v'),
              MatchValue(
                value=Constant(value=2))],
            rest='kw'),
          body=[
            Pass()]),
        match_case(
          pattern=MatchClass(
            cls=Name(id='Point', ctx=Load()),
            patterns=[
              MatchValue(
                value=Constant(value=0))],
            kwd_attrs=[
              'y'],
            kwd_patterns=[
              MatchAs(
                pattern=MatchSequence(
                  patterns=[
                    MatchAs(name='z')]),
                name='w')]),
          guard=Compare(
            left=Name(id='z', ctx=Load()),
            ops=[
              Gt()],
            comparators=[
              Constant(value=0)]),
          body=[
            Pass()]),
        match_case(
          pattern=MatchSequence(
            patterns=[
              MatchStar()]),
          body=[
            Pass()])])])"#,
    );
}

/// ```python
/// a and b or not c
/// (n := ~x ** -y)
/// lambda x, *, y=1: x
/// a if b else c
/// {1: 'a', **d}
/// {1, 2}
/// [x for x in y if x if not x]
/// {x for x in y}
/// {k: v async for k, v in d}
/// (x for x in y)
/// yield
/// yield from z
/// a < b <= c is not d not in e
/// f"{x!r:>{w}} {y}"
/// a.b[1:2, ::3]
/// [*a, (b,)]
/// ()
/// ```
#[test]
fn expressions() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let for_x_in_y = || vec![b.comprehension(b.store("x"), b.name("y"), vec![], false)];
    let exprs = vec![
        b.boolop(
            Or,
            vec![
                b.boolop(And, vec![b.name("a"), b.name("b")]),
                b.unary(UnaryOperator::Not, b.name("c")),
            ],
        ),
        Expr::NamedExpr(b.a(NamedExpr {
            range: NO,
            target: b.store("n"),
            value: b.unary(
                UnaryOperator::Invert,
                b.binop(
                    b.name("x"),
                    Operator::Pow,
                    b.unary(UnaryOperator::USub, b.name("y")),
                ),
            ),
        })),
        Expr::Lambda(b.a(Lambda {
            range: NO,
            args: b.a(Arguments {
                posonlyargs: &mut [],
                args: b.s(vec![b.arg("x", None)]),
                vararg: None,
                kwonlyargs: b.s(vec![b.arg("y", None)]),
                kw_defaults: b.s(vec![Some(b.int(1))]),
                kwarg: None,
                defaults: &mut [],
            }),
            body: b.name("x"),
        })),
        Expr::IfExp(b.a(IfExp {
            range: NO,
            test: b.name("b"),
            body: b.name("a"),
            orelse: b.name("c"),
        })),
        Expr::Dict(b.a(Dict {
            range: NO,
            keys: b.s(vec![Some(b.int(1)), None]),
            values: b.s(vec![b.str("a"), b.name("d")]),
        })),
        Expr::Set(b.a(Set {
            range: NO,
            elts: b.s(vec![b.int(1), b.int(2)]),
        })),
        Expr::ListComp(b.comp(
            b.name("x"),
            vec![b.comprehension(
                b.store("x"),
                b.name("y"),
                vec![b.name("x"), b.unary(UnaryOperator::Not, b.name("x"))],
                false,
            )],
        )),
        Expr::SetComp(b.comp(b.name("x"), for_x_in_y())),
        Expr::DictComp(b.a(DictComp {
            range: NO,
            key: b.name("k"),
            value: b.name("v"),
            generators: b.s(vec![b.comprehension(
                b.tuple(vec![b.store("k"), b.store("v")], Store),
                b.name("d"),
                vec![],
                true,
            )]),
        })),
        Expr::GeneratorExp(b.comp(b.name("x"), for_x_in_y())),
        Expr::Yield(b.a(Yield {
            range: NO,
            value: None,
        })),
        Expr::YieldFrom(b.a(YieldFrom {
            range: NO,
            value: b.name("z"),
        })),
        b.compare(
            b.name("a"),
            vec![
                CmpOperator::Lt,
                CmpOperator::LtE,
                CmpOperator::IsNot,
                CmpOperator::NotIn,
            ],
            vec![b.name("b"), b.name("c"), b.name("d"), b.name("e")],
        ),
        b.joined(vec![
            b.formatted(
                b.name("x"),
                i32::from(b'r'),
                Some(b.joined(vec![b.str(">"), b.formatted(b.name("w"), -1, None)])),
            ),
            b.str(" "),
            b.formatted(b.name("y"), -1, None),
        ]),
        b.subscript(
            b.attr(b.name("a"), "b", Load),
            b.tuple(
                vec![
                    b.slice(Some(b.int(1)), Some(b.int(2)), None),
                    b.slice(None, None, Some(b.int(3))),
                ],
                Load,
            ),
            Load,
        ),
        b.list(
            vec![b.starred(b.name("a")), b.tuple(vec![b.name("b")], Load)],
            Load,
        ),
        b.tuple(vec![], Load),
    ];
    let module = b.module(exprs.into_iter().map(|e| b.expr_stmt(e)).collect());
    check(
        dump(&module, &one_line()),
        r#"Module(body=[Expr(value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())]), UnaryOp(op=Not(), operand=Name(id='c', ctx=Load()))])), Expr(value=NamedExpr(target=Name(id='n', ctx=Store()), value=UnaryOp(op=Invert(), operand=BinOp(left=Name(id='x', ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), operand=Name(id='y', ctx=Load())))))), Expr(value=Lambda(args=arguments(args=[arg(arg='x')], kwonlyargs=[arg(arg='y')], kw_defaults=[Constant(value=1)]), body=Name(id='x', ctx=Load()))), Expr(value=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Name(id='c', ctx=Load()))), Expr(value=Dict(keys=[Constant(value=1), None], values=[Constant(value='a'), Name(id='d', ctx=Load())])), Expr(value=Set(elts=[Constant(value=1), Constant(value=2)])), Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='x', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='x', ctx=Load()))], is_async=0)])), Expr(value=SetComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), is_async=0)])), Expr(value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Name(id='d', ctx=Load()), is_async=1)])), Expr(value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), is_async=0)])), Expr(value=Yield()), Expr(value=YieldFrom(value=Name(id='z', ctx=Load()))), Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), IsNot(), NotIn()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load())])), Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)])), Constant(value=' '), FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1)])), Expr(value=Subscript(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load())), Expr(value=List(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Tuple(elts=[Name(id='b', ctx=Load())], ctx=Load())], ctx=Load())), Expr(value=Tuple(ctx=Load()))])"#,
    );
    // An empty indent string still breaks lines.
    check(
        dump(&module, &indented("")),
        r#"Module(
body=[
Expr(
value=BoolOp(
op=Or(),
values=[
BoolOp(
op=And(),
values=[
Name(id='a', ctx=Load()),
Name(id='b', ctx=Load())]),
UnaryOp(
op=Not(),
operand=Name(id='c', ctx=Load()))])),
Expr(
value=NamedExpr(
target=Name(id='n', ctx=Store()),
value=UnaryOp(
op=Invert(),
operand=BinOp(
left=Name(id='x', ctx=Load()),
op=Pow(),
right=UnaryOp(
op=USub(),
operand=Name(id='y', ctx=Load())))))),
Expr(
value=Lambda(
args=arguments(
args=[
arg(arg='x')],
kwonlyargs=[
arg(arg='y')],
kw_defaults=[
Constant(value=1)]),
body=Name(id='x', ctx=Load()))),
Expr(
value=IfExp(
test=Name(id='b', ctx=Load()),
body=Name(id='a', ctx=Load()),
orelse=Name(id='c', ctx=Load()))),
Expr(
value=Dict(
keys=[
Constant(value=1),
None],
values=[
Constant(value='a'),
Name(id='d', ctx=Load())])),
Expr(
value=Set(
elts=[
Constant(value=1),
Constant(value=2)])),
Expr(
value=ListComp(
elt=Name(id='x', ctx=Load()),
generators=[
comprehension(
target=Name(id='x', ctx=Store()),
iter=Name(id='y', ctx=Load()),
ifs=[
Name(id='x', ctx=Load()),
UnaryOp(
op=Not(),
operand=Name(id='x', ctx=Load()))],
is_async=0)])),
Expr(
value=SetComp(
elt=Name(id='x', ctx=Load()),
generators=[
comprehension(
target=Name(id='x', ctx=Store()),
iter=Name(id='y', ctx=Load()),
is_async=0)])),
Expr(
value=DictComp(
key=Name(id='k', ctx=Load()),
value=Name(id='v', ctx=Load()),
generators=[
comprehension(
target=Tuple(
elts=[
Name(id='k', ctx=Store()),
Name(id='v', ctx=Store())],
ctx=Store()),
iter=Name(id='d', ctx=Load()),
is_async=1)])),
Expr(
value=GeneratorExp(
elt=Name(id='x', ctx=Load()),
generators=[
comprehension(
target=Name(id='x', ctx=Store()),
iter=Name(id='y', ctx=Load()),
is_async=0)])),
Expr(value=Yield()),
Expr(
value=YieldFrom(
value=Name(id='z', ctx=Load()))),
Expr(
value=Compare(
left=Name(id='a', ctx=Load()),
ops=[
Lt(),
LtE(),
IsNot(),
NotIn()],
comparators=[
Name(id='b', ctx=Load()),
Name(id='c', ctx=Load()),
Name(id='d', ctx=Load()),
Name(id='e', ctx=Load())])),
Expr(
value=JoinedStr(
values=[
FormattedValue(
value=Name(id='x', ctx=Load()),
conversion=114,
format_spec=JoinedStr(
values=[
Constant(value='>'),
FormattedValue(
value=Name(id='w', ctx=Load()),
conversion=-1)])),
Constant(value=' '),
FormattedValue(
value=Name(id='y', ctx=Load()),
conversion=-1)])),
Expr(
value=Subscript(
value=Attribute(
value=Name(id='a', ctx=Load()),
attr='b',
ctx=Load()),
slice=Tuple(
elts=[
Slice(
lower=Constant(value=1),
upper=Constant(value=2)),
Slice(
step=Constant(value=3))],
ctx=Load()),
ctx=Load())),
Expr(
value=List(
elts=[
Starred(
value=Name(id='a', ctx=Load()),
ctx=Load()),
Tuple(
elts=[
Name(id='b', ctx=Load())],
ctx=Load())],
ctx=Load())),
Expr(
value=Tuple(ctx=Load()))])"#,
    );
}

/// ```python
/// None, True, False, ...
/// 12345678901234567890123
/// 0xFFFFFFFFFFFFFFFF
/// 1.5, 1e16, 1e-5, 10.0
/// 2.5j, 1e100j, 0j
/// 'it\'s', "say \"hi\"", '\x00\x7f\u2028', '\ud800'
/// b'\x00\xff"', u'kind'
/// ```
#[test]
fn constants() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let c = |value| b.constant(value);
    let big = |limbs: &[u32]| c(ConstantValue::Int(Int::Big(b.s(limbs.to_vec()))));
    let complex = |imag| c(ConstantValue::Complex { real: 0.0, imag });
    let mut surrogate = Vec::new();
    push_code_point(&mut surrogate, 0xD800);
    let surrogate = PyStr::from_surrogatepass(b.s(surrogate)).unwrap();
    let kind_u = Expr::Constant(b.a(Constant {
        range: NO,
        value: ConstantValue::Str(PyStr::new("kind")),
        kind: Some("u"),
    }));
    let exprs = vec![
        b.tuple(
            vec![
                c(ConstantValue::None),
                c(ConstantValue::True),
                c(ConstantValue::False),
                c(ConstantValue::Ellipsis),
            ],
            Load,
        ),
        big(&[0x714244cb, 0x42b64e76, 0x29d]),
        big(&[0xffffffff, 0xffffffff]),
        b.tuple(
            [1.5, 1e16, 1e-5, 10.0]
                .into_iter()
                .map(|x| c(ConstantValue::Float(x)))
                .collect(),
            Load,
        ),
        b.tuple(vec![complex(2.5), complex(1e100), complex(0.0)], Load),
        b.tuple(
            vec![
                b.str("it's"),
                b.str("say \"hi\""),
                b.str("\x00\x7f\u{2028}"),
                c(ConstantValue::Str(surrogate)),
            ],
            Load,
        ),
        b.tuple(vec![c(ConstantValue::Bytes(b"\x00\xff\"")), kind_u], Load),
    ];
    let module = b.module(exprs.into_iter().map(|e| b.expr_stmt(e)).collect());
    check(
        dump(&module, &one_line()),
        r#"Module(body=[Expr(value=Tuple(elts=[Constant(value=None), Constant(value=True), Constant(value=False), Constant(value=Ellipsis)], ctx=Load())), Expr(value=Constant(value=12345678901234567890123)), Expr(value=Constant(value=18446744073709551615)), Expr(value=Tuple(elts=[Constant(value=1.5), Constant(value=1e+16), Constant(value=1e-05), Constant(value=10.0)], ctx=Load())), Expr(value=Tuple(elts=[Constant(value=2.5j), Constant(value=1e+100j), Constant(value=0j)], ctx=Load())), Expr(value=Tuple(elts=[Constant(value="it's"), Constant(value='say "hi"'), Constant(value='\x00\x7f\u2028'), Constant(value='\ud800')], ctx=Load())), Expr(value=Tuple(elts=[Constant(value=b'\x00\xff"'), Constant(value='kind', kind='u')], ctx=Load()))])"#,
    );
}

/// Values no literal produces, in nodes built with `ast.Constant(value=…)`.
#[test]
fn constant_values_beyond_literals() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let c = |value| b.constant(value);
    let mut text = Vec::new();
    for cp in [0x61, 0x2028, 0xD800, 0x10FFFF] {
        push_code_point(&mut text, cp);
    }
    let text = PyStr::from_surrogatepass(b.s(text)).unwrap();
    let elts = vec![
        c(ConstantValue::Float(-0.0)),
        c(ConstantValue::Float(f64::NAN)),
        c(ConstantValue::Float(f64::INFINITY)),
        c(ConstantValue::Complex {
            real: 1.0,
            imag: 2.0,
        }),
        c(ConstantValue::Complex {
            real: -0.0,
            imag: -0.0,
        }),
        c(ConstantValue::Float(1.7976931348623157e308)),
        c(ConstantValue::Float(5e-324)),
        c(ConstantValue::Float(123456789012345678.0)),
        c(ConstantValue::Float(0.1)),
        // Halfway between two 17-digit candidates: CPython rounds to the even one.
        c(ConstantValue::Float(1223383794756801.0 + 0.25)),
        c(ConstantValue::Str(text)),
        c(ConstantValue::Bytes(b"'\"\\\x7f")),
        c(ConstantValue::Int(Int::Big(
            b.s(vec![0x40000000, 0x4674edea, 0x9f2c9cd0, 0xc]),
        ))),
        c(ConstantValue::Int(Int::Big(b.s(vec![0, 0, 1])))),
    ];
    let module = Mod::Expression {
        body: b.tuple(elts, Load),
    };
    // CPython 3.13.0: ast.dump(ast.Expression(body=ast.Tuple(elts=[ast.Constant(value=v) for v
    // in [-0.0, nan, inf, 1+2j, complex(-0.0, -0.0), 1.7976931348623157e308, 5e-324,
    // 123456789012345678.0, 0.1, 1223383794756801.25, 'a\u2028\ud800\U0010ffff',
    // b'\'"\\\x7f', 10**30, 2**64]], ctx=ast.Load())), indent=0)
    check(
        dump(&module, &indented("")),
        r#"Expression(
body=Tuple(
elts=[
Constant(value=-0.0),
Constant(value=nan),
Constant(value=inf),
Constant(value=(1+2j)),
Constant(value=(-0-0j)),
Constant(value=1.7976931348623157e+308),
Constant(value=5e-324),
Constant(value=1.2345678901234568e+17),
Constant(value=0.1),
Constant(value=1223383794756801.2),
Constant(value='a\u2028\ud800\U0010ffff'),
Constant(value=b'\'"\\\x7f'),
Constant(value=1000000000000000000000000000000),
Constant(value=18446744073709551616)],
ctx=Load()))"#,
    );
}

/// Positions on every kind of node that has them:
/// ```python
/// def f[T](a, *, b=1): pass
/// g(k=v)
/// import m as n
/// try: pass
/// except E: pass
/// match x:
///     case [y]: pass
/// ```
#[test]
fn positions_of_every_attributed_kind() {
    let source = "def f[T](a, *, b=1): pass\ng(k=v)\nimport m as n\ntry: pass\nexcept E: pass\nmatch x:\n    case [y]: pass\n";
    let index = LineIndex::new(source);
    let arena = Bump::new();
    let b = B::with_index(&arena, &index);
    let arg = |name, position| Arg {
        range: b.r(position),
        ..b.arg(name, None)
    };
    let def = Stmt::FunctionDef(b.a(FunctionDef {
        range: b.r((1, 0, 1, 25)),
        name: "f",
        args: b.a(Arguments {
            posonlyargs: &mut [],
            args: b.s(vec![arg("a", (1, 9, 1, 10))]),
            vararg: None,
            kwonlyargs: b.s(vec![arg("b", (1, 15, 1, 16))]),
            kw_defaults: b.s(vec![Some(b.at(b.int(1), (1, 17, 1, 18)))]),
            kwarg: None,
            defaults: &mut [],
        }),
        body: b.s(vec![b.at(b.pass(), (1, 21, 1, 25))]),
        decorator_list: &mut [],
        returns: None,
        type_comment: None,
        type_params: b.s(vec![b.at(b.type_var("T", None, None), (1, 6, 1, 7))]),
    }));
    let keyword = Keyword {
        range: b.r((2, 2, 2, 5)),
        ..b.keyword(Some("k"), b.at(b.name("v"), (2, 4, 2, 5)))
    };
    let call = b.at(
        b.call(b.at(b.name("g"), (2, 0, 2, 1)), vec![], vec![keyword]),
        (2, 0, 2, 6),
    );
    let expr = b.at(b.expr_stmt(call), (2, 0, 2, 6));
    let import = Stmt::Import(b.a(Import {
        range: b.r((3, 0, 3, 13)),
        names: b.s(vec![Alias {
            range: b.r((3, 7, 3, 13)),
            ..b.alias("m", Some("n"))
        }]),
    }));
    let try_ = Stmt::Try(b.a(Try {
        range: b.r((4, 0, 5, 14)),
        body: b.s(vec![b.at(b.pass(), (4, 5, 4, 9))]),
        handlers: b.s(vec![ExceptHandler {
            range: b.r((5, 0, 5, 14)),
            type_: Some(b.at(b.name("E"), (5, 7, 5, 8))),
            name: None,
            body: b.s(vec![b.at(b.pass(), (5, 10, 5, 14))]),
        }]),
        orelse: &mut [],
        finalbody: &mut [],
    }));
    let pattern = b.at(
        b.match_sequence(vec![b.at(b.match_as(None, Some("y")), (7, 10, 7, 11))]),
        (7, 9, 7, 12),
    );
    let match_ = Stmt::Match(b.a(Match {
        range: b.r((6, 0, 7, 18)),
        subject: b.at(b.name("x"), (6, 6, 6, 7)),
        cases: b.s(vec![b.case(
            pattern,
            None,
            vec![b.at(b.pass(), (7, 14, 7, 18))],
        )]),
    }));
    let module = b.module(vec![def, expr, import, try_, match_]);
    check(
        dump(&module, &one_line()),
        r#"Module(body=[FunctionDef(name='f', args=arguments(args=[arg(arg='a')], kwonlyargs=[arg(arg='b')], kw_defaults=[Constant(value=1)]), body=[Pass()], type_params=[TypeVar(name='T')]), Expr(value=Call(func=Name(id='g', ctx=Load()), keywords=[keyword(arg='k', value=Name(id='v', ctx=Load()))])), Import(names=[alias(name='m', asname='n')]), Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), body=[Pass()])]), Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='y')]), body=[Pass()])])])"#,
    );
    check(
        dump(&module, &with_positions(&index, None)),
        r#"Module(body=[FunctionDef(name='f', args=arguments(args=[arg(arg='a', lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], kwonlyargs=[arg(arg='b', lineno=1, col_offset=15, end_lineno=1, end_col_offset=16)], kw_defaults=[Constant(value=1, lineno=1, col_offset=17, end_lineno=1, end_col_offset=18)]), body=[Pass(lineno=1, col_offset=21, end_lineno=1, end_col_offset=25)], type_params=[TypeVar(name='T', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=25), Expr(value=Call(func=Name(id='g', ctx=Load(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1), keywords=[keyword(arg='k', value=Name(id='v', ctx=Load(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), lineno=2, col_offset=2, end_lineno=2, end_col_offset=5)], lineno=2, col_offset=0, end_lineno=2, end_col_offset=6), lineno=2, col_offset=0, end_lineno=2, end_col_offset=6), Import(names=[alias(name='m', asname='n', lineno=3, col_offset=7, end_lineno=3, end_col_offset=13)], lineno=3, col_offset=0, end_lineno=3, end_col_offset=13), Try(body=[Pass(lineno=4, col_offset=5, end_lineno=4, end_col_offset=9)], handlers=[ExceptHandler(type=Name(id='E', ctx=Load(), lineno=5, col_offset=7, end_lineno=5, end_col_offset=8), body=[Pass(lineno=5, col_offset=10, end_lineno=5, end_col_offset=14)], lineno=5, col_offset=0, end_lineno=5, end_col_offset=14)], lineno=4, col_offset=0, end_lineno=5, end_col_offset=14), Match(subject=Name(id='x', ctx=Load(), lineno=6, col_offset=6, end_lineno=6, end_col_offset=7), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='y', lineno=7, col_offset=10, end_lineno=7, end_col_offset=11)], lineno=7, col_offset=9, end_lineno=7, end_col_offset=12), body=[Pass(lineno=7, col_offset=14, end_lineno=7, end_col_offset=18)])], lineno=6, col_offset=0, end_lineno=7, end_col_offset=18)])"#,
    );
    check(
        dump(&module, &with_positions(&index, Some("  "))),
        r#"Module(
  body=[
    FunctionDef(
      name='f',
      args=arguments(
        args=[
          arg(
            arg='a',
            lineno=1,
            col_offset=9,
            end_lineno=1,
            end_col_offset=10)],
        kwonlyargs=[
          arg(
            arg='b',
            lineno=1,
            col_offset=15,
            end_lineno=1,
            end_col_offset=16)],
        kw_defaults=[
          Constant(
            value=1,
            lineno=1,
            col_offset=17,
            end_lineno=1,
            end_col_offset=18)]),
      body=[
        Pass(
          lineno=1,
          col_offset=21,
          end_lineno=1,
          end_col_offset=25)],
      type_params=[
        TypeVar(
          name='T',
          lineno=1,
          col_offset=6,
          end_lineno=1,
          end_col_offset=7)],
      lineno=1,
      col_offset=0,
      end_lineno=1,
      end_col_offset=25),
    Expr(
      value=Call(
        func=Name(
          id='g',
          ctx=Load(),
          lineno=2,
          col_offset=0,
          end_lineno=2,
          end_col_offset=1),
        keywords=[
          keyword(
            arg='k',
            value=Name(
              id='v',
              ctx=Load(),
              lineno=2,
              col_offset=4,
              end_lineno=2,
              end_col_offset=5),
            lineno=2,
            col_offset=2,
            end_lineno=2,
            end_col_offset=5)],
        lineno=2,
        col_offset=0,
        end_lineno=2,
        end_col_offset=6),
      lineno=2,
      col_offset=0,
      end_lineno=2,
      end_col_offset=6),
    Import(
      names=[
        alias(
          name='m',
          asname='n',
          lineno=3,
          col_offset=7,
          end_lineno=3,
          end_col_offset=13)],
      lineno=3,
      col_offset=0,
      end_lineno=3,
      end_col_offset=13),
    Try(
      body=[
        Pass(
          lineno=4,
          col_offset=5,
          end_lineno=4,
          end_col_offset=9)],
      handlers=[
        ExceptHandler(
          type=Name(
            id='E',
            ctx=Load(),
            lineno=5,
            col_offset=7,
            end_lineno=5,
            end_col_offset=8),
          body=[
            Pass(
              lineno=5,
              col_offset=10,
              end_lineno=5,
              end_col_offset=14)],
          lineno=5,
          col_offset=0,
          end_lineno=5,
          end_col_offset=14)],
      lineno=4,
      col_offset=0,
      end_lineno=5,
      end_col_offset=14),
    Match(
      subject=Name(
        id='x',
        ctx=Load(),
        lineno=6,
        col_offset=6,
        end_lineno=6,
        end_col_offset=7),
      cases=[
        match_case(
          pattern=MatchSequence(
            patterns=[
              MatchAs(
                name='y',
                lineno=7,
                col_offset=10,
                end_lineno=7,
                end_col_offset=11)],
            lineno=7,
            col_offset=9,
            end_lineno=7,
            end_col_offset=12),
          body=[
            Pass(
              lineno=7,
              col_offset=14,
              end_lineno=7,
              end_col_offset=18)])],
      lineno=6,
      col_offset=0,
      end_lineno=7,
      end_col_offset=18)])"#,
    );
}
