//! `dump` against CPython 3.13.0's `ast.dump`.
//!
//! Each test builds by hand the tree CPython's parser makes for a source (quoted in the test)
//! and compares our dump with the string CPython 3.13.0 printed for
//! `ast.dump(ast.parse(source), include_attributes=…, indent=…)`, pasted here verbatim.

mod build;

use build::{B, NO};
use bumpalo::Bump;
use taipan_ast::dump::{dump_expr, dump_pattern, dump_stmt};
use taipan_ast::*;

use ExprContext::{Del, Load, Store};
use build::{check, indented, one_line, with_positions};

/// `é = 'ü'\nif x:\n    pass\nelse:\n    y += 1\n`: columns are UTF-8 bytes.
#[test]
fn positions() {
    let source = "é = 'ü'\nif x:\n    pass\nelse:\n    y += 1\n";
    let index = LineIndex::new(source);
    let arena = Bump::new();
    let b = B::with_index(&arena, &index);
    let assign = Stmt::Assign(b.a(Assign {
        range: b.r((1, 0, 1, 9)),
        targets: b.s(vec![b.at(b.store("é"), (1, 0, 1, 2))]),
        value: b.at(b.str("ü"), (1, 5, 1, 9)),
        type_comment: None,
    }));
    let aug = Stmt::AugAssign(b.a(AugAssign {
        range: b.r((5, 4, 5, 10)),
        target: b.at(b.store("y"), (5, 4, 5, 5)),
        op: Operator::Add,
        value: b.at(b.int(1), (5, 9, 5, 10)),
    }));
    let if_ = Stmt::If(b.a(If {
        range: b.r((2, 0, 5, 10)),
        test: b.at(b.name("x"), (2, 3, 2, 4)),
        body: b.s(vec![b.at(b.pass(), (3, 4, 3, 8))]),
        orelse: b.s(vec![aug]),
    }));
    let module = b.module(vec![assign, if_]);
    check(
        dump(&module, &one_line()),
        r#"Module(body=[Assign(targets=[Name(id='é', ctx=Store())], value=Constant(value='ü')), If(test=Name(id='x', ctx=Load()), body=[Pass()], orelse=[AugAssign(target=Name(id='y', ctx=Store()), op=Add(), value=Constant(value=1))])])"#,
    );
    check(
        dump(&module, &with_positions(&index, None)),
        r#"Module(body=[Assign(targets=[Name(id='é', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], value=Constant(value='ü', lineno=1, col_offset=5, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), If(test=Name(id='x', ctx=Load(), lineno=2, col_offset=3, end_lineno=2, end_col_offset=4), body=[Pass(lineno=3, col_offset=4, end_lineno=3, end_col_offset=8)], orelse=[AugAssign(target=Name(id='y', ctx=Store(), lineno=5, col_offset=4, end_lineno=5, end_col_offset=5), op=Add(), value=Constant(value=1, lineno=5, col_offset=9, end_lineno=5, end_col_offset=10), lineno=5, col_offset=4, end_lineno=5, end_col_offset=10)], lineno=2, col_offset=0, end_lineno=5, end_col_offset=10)])"#,
    );
    check(
        dump(&module, &with_positions(&index, Some("    "))),
        r#"Module(
    body=[
        Assign(
            targets=[
                Name(
                    id='é',
                    ctx=Store(),
                    lineno=1,
                    col_offset=0,
                    end_lineno=1,
                    end_col_offset=2)],
            value=Constant(
                value='ü',
                lineno=1,
                col_offset=5,
                end_lineno=1,
                end_col_offset=9),
            lineno=1,
            col_offset=0,
            end_lineno=1,
            end_col_offset=9),
        If(
            test=Name(
                id='x',
                ctx=Load(),
                lineno=2,
                col_offset=3,
                end_lineno=2,
                end_col_offset=4),
            body=[
                Pass(
                    lineno=3,
                    col_offset=4,
                    end_lineno=3,
                    end_col_offset=8)],
            orelse=[
                AugAssign(
                    target=Name(
                        id='y',
                        ctx=Store(),
                        lineno=5,
                        col_offset=4,
                        end_lineno=5,
                        end_col_offset=5),
                    op=Add(),
                    value=Constant(
                        value=1,
                        lineno=5,
                        col_offset=9,
                        end_lineno=5,
                        end_col_offset=10),
                    lineno=5,
                    col_offset=4,
                    end_lineno=5,
                    end_col_offset=10)],
            lineno=2,
            col_offset=0,
            end_lineno=5,
            end_col_offset=10)])"#,
    );
}

/// ```python
/// @dec
/// @mod.dec(1)
/// async def f[T](a, /, b: int = 1, *args: str, c, d=2, **kw) -> list[T]:
///     "doc"
///     return await g(*a, k=1, **m)
/// ```
#[test]
fn function() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let args = b.a(Arguments {
        posonlyargs: b.s(vec![b.arg("a", None)]),
        args: b.s(vec![b.arg("b", Some(b.name("int")))]),
        vararg: Some(b.a(b.arg("args", Some(b.name("str"))))),
        kwonlyargs: b.s(vec![b.arg("c", None), b.arg("d", None)]),
        kw_defaults: b.s(vec![None, Some(b.int(2))]),
        kwarg: Some(b.a(b.arg("kw", None))),
        defaults: b.s(vec![b.int(1)]),
    });
    let call = b.call(
        b.name("g"),
        vec![b.starred(b.name("a"))],
        vec![b.keyword(Some("k"), b.int(1)), b.keyword(None, b.name("m"))],
    );
    let ret = Stmt::Return(b.a(Return {
        range: NO,
        value: Some(Expr::Await(b.a(Await {
            range: NO,
            value: call,
        }))),
    }));
    let def = Stmt::AsyncFunctionDef(b.a(FunctionDef {
        range: NO,
        name: "f",
        args,
        body: b.s(vec![b.expr_stmt(b.str("doc")), ret]),
        decorator_list: b.s(vec![
            b.name("dec"),
            b.call(b.attr(b.name("mod"), "dec", Load), vec![b.int(1)], vec![]),
        ]),
        returns: Some(b.subscript(b.name("list"), b.name("T"), Load)),
        type_comment: None,
        type_params: b.s(vec![b.type_var("T", None, None)]),
    }));
    let module = b.module(vec![def]);
    check(
        dump(&module, &one_line()),
        r#"Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b', annotation=Name(id='int', ctx=Load()))], vararg=arg(arg='args', annotation=Name(id='str', ctx=Load())), kwonlyargs=[arg(arg='c'), arg(arg='d')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=[Expr(value=Constant(value='doc')), Return(value=Await(value=Call(func=Name(id='g', ctx=Load()), args=[Starred(value=Name(id='a', ctx=Load()), ctx=Load())], keywords=[keyword(arg='k', value=Constant(value=1)), keyword(value=Name(id='m', ctx=Load()))])))], decorator_list=[Name(id='dec', ctx=Load()), Call(func=Attribute(value=Name(id='mod', ctx=Load()), attr='dec', ctx=Load()), args=[Constant(value=1)])], returns=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='T', ctx=Load()), ctx=Load()), type_params=[TypeVar(name='T')])])"#,
    );
    check(
        dump(&module, &indented("  ")),
        r#"Module(
  body=[
    AsyncFunctionDef(
      name='f',
      args=arguments(
        posonlyargs=[
          arg(arg='a')],
        args=[
          arg(
            arg='b',
            annotation=Name(id='int', ctx=Load()))],
        vararg=arg(
          arg='args',
          annotation=Name(id='str', ctx=Load())),
        kwonlyargs=[
          arg(arg='c'),
          arg(arg='d')],
        kw_defaults=[
          None,
          Constant(value=2)],
        kwarg=arg(arg='kw'),
        defaults=[
          Constant(value=1)]),
      body=[
        Expr(
          value=Constant(value='doc')),
        Return(
          value=Await(
            value=Call(
              func=Name(id='g', ctx=Load()),
              args=[
                Starred(
                  value=Name(id='a', ctx=Load()),
                  ctx=Load())],
              keywords=[
                keyword(
                  arg='k',
                  value=Constant(value=1)),
                keyword(
                  value=Name(id='m', ctx=Load()))])))],
      decorator_list=[
        Name(id='dec', ctx=Load()),
        Call(
          func=Attribute(
            value=Name(id='mod', ctx=Load()),
            attr='dec',
            ctx=Load()),
          args=[
            Constant(value=1)])],
      returns=Subscript(
        value=Name(id='list', ctx=Load()),
        slice=Name(id='T', ctx=Load()),
        ctx=Load()),
      type_params=[
        TypeVar(name='T')])])"#,
    );
}

/// ```python
/// class C[T: int, *Ts, **P = [int]](B, metaclass=M):
///     x: int
///     (y): int = 0
/// ```
#[test]
fn class() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let class = Stmt::ClassDef(b.a(ClassDef {
        range: NO,
        name: "C",
        bases: b.s(vec![b.name("B")]),
        keywords: b.s(vec![b.keyword(Some("metaclass"), b.name("M"))]),
        body: b.s(vec![
            b.ann_assign(b.store("x"), b.name("int"), None, true),
            b.ann_assign(b.store("y"), b.name("int"), Some(b.int(0)), false),
        ]),
        decorator_list: &mut [],
        type_params: b.s(vec![
            b.type_var("T", Some(b.name("int")), None),
            TypeParam::TypeVarTuple(b.a(TypeParamData {
                range: NO,
                name: "Ts",
                bound: None,
                default_value: None,
            })),
            TypeParam::ParamSpec(b.a(TypeParamData {
                range: NO,
                name: "P",
                bound: None,
                default_value: Some(b.list(vec![b.name("int")], Load)),
            })),
        ]),
    }));
    let module = b.module(vec![class]);
    check(
        dump(&module, &one_line()),
        r#"Module(body=[ClassDef(name='C', bases=[Name(id='B', ctx=Load())], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load()))], body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), simple=1), AnnAssign(target=Name(id='y', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=0), simple=0)], type_params=[TypeVar(name='T', bound=Name(id='int', ctx=Load())), TypeVarTuple(name='Ts'), ParamSpec(name='P', default_value=List(elts=[Name(id='int', ctx=Load())], ctx=Load()))])])"#,
    );
    check(
        dump(&module, &indented(" ")),
        r#"Module(
 body=[
  ClassDef(
   name='C',
   bases=[
    Name(id='B', ctx=Load())],
   keywords=[
    keyword(
     arg='metaclass',
     value=Name(id='M', ctx=Load()))],
   body=[
    AnnAssign(
     target=Name(id='x', ctx=Store()),
     annotation=Name(id='int', ctx=Load()),
     simple=1),
    AnnAssign(
     target=Name(id='y', ctx=Store()),
     annotation=Name(id='int', ctx=Load()),
     value=Constant(value=0),
     simple=0)],
   type_params=[
    TypeVar(
     name='T',
     bound=Name(id='int', ctx=Load())),
    TypeVarTuple(name='Ts'),
    ParamSpec(
     name='P',
     default_value=List(
      elts=[
       Name(id='int', ctx=Load())],
      ctx=Load()))])])"#,
    );
}

/// `type X[T = int] = list[T]`
#[test]
fn type_alias() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let alias = Stmt::TypeAlias(b.a(TypeAlias {
        range: NO,
        name: b.store("X"),
        type_params: b.s(vec![b.type_var("T", None, Some(b.name("int")))]),
        value: b.subscript(b.name("list"), b.name("T"), Load),
    }));
    check(
        dump(&b.module(vec![alias]), &one_line()),
        r#"Module(body=[TypeAlias(name=Name(id='X', ctx=Store()), type_params=[TypeVar(name='T', default_value=Name(id='int', ctx=Load()))], value=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='T', ctx=Load()), ctx=Load()))])"#,
    );
}

/// ```python
/// for i, j in z:
///     break
/// else:
///     continue
/// while not x:
///     del a[0], b.c
/// async with a as b, c:
///     pass
/// try:
///     raise E from None
/// except* (A, B) as e:
///     pass
/// else:
///     pass
/// finally:
///     pass
/// try:
///     pass
/// except:
///     raise
/// ```
#[test]
fn control_flow() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let for_ = Stmt::For(b.a(For {
        range: NO,
        target: b.tuple(vec![b.store("i"), b.store("j")], Store),
        iter: b.name("z"),
        body: b.s(vec![Stmt::Break(b.a(Simple { range: NO }))]),
        orelse: b.s(vec![Stmt::Continue(b.a(Simple { range: NO }))]),
        type_comment: None,
    }));
    let while_ = Stmt::While(b.a(While {
        range: NO,
        test: b.unary(UnaryOperator::Not, b.name("x")),
        body: b.s(vec![Stmt::Delete(b.a(Delete {
            range: NO,
            targets: b.s(vec![
                b.subscript(b.name("a"), b.int(0), Del),
                b.attr(b.name("b"), "c", Del),
            ]),
        }))]),
        orelse: &mut [],
    }));
    let with = Stmt::AsyncWith(b.a(With {
        range: NO,
        items: b.s(vec![
            WithItem {
                context_expr: b.name("a"),
                optional_vars: Some(b.store("b")),
            },
            WithItem {
                context_expr: b.name("c"),
                optional_vars: None,
            },
        ]),
        body: b.s(vec![b.pass()]),
        type_comment: None,
    }));
    let try_star = Stmt::TryStar(b.a(Try {
        range: NO,
        body: b.s(vec![Stmt::Raise(b.a(Raise {
            range: NO,
            exc: Some(b.name("E")),
            cause: Some(b.none()),
        }))]),
        handlers: b.s(vec![ExceptHandler {
            range: NO,
            type_: Some(b.tuple(vec![b.name("A"), b.name("B")], Load)),
            name: Some("e"),
            body: b.s(vec![b.pass()]),
        }]),
        orelse: b.s(vec![b.pass()]),
        finalbody: b.s(vec![b.pass()]),
    }));
    let try_ = Stmt::Try(b.a(Try {
        range: NO,
        body: b.s(vec![b.pass()]),
        handlers: b.s(vec![ExceptHandler {
            range: NO,
            type_: None,
            name: None,
            body: b.s(vec![Stmt::Raise(b.a(Raise {
                range: NO,
                exc: None,
                cause: None,
            }))]),
        }]),
        orelse: &mut [],
        finalbody: &mut [],
    }));
    let module = b.module(vec![for_, while_, with, try_star, try_]);
    check(
        dump(&module, &one_line()),
        r#"Module(body=[For(target=Tuple(elts=[Name(id='i', ctx=Store()), Name(id='j', ctx=Store())], ctx=Store()), iter=Name(id='z', ctx=Load()), body=[Break()], orelse=[Continue()]), While(test=UnaryOp(op=Not(), operand=Name(id='x', ctx=Load())), body=[Delete(targets=[Subscript(value=Name(id='a', ctx=Load()), slice=Constant(value=0), ctx=Del()), Attribute(value=Name(id='b', ctx=Load()), attr='c', ctx=Del())])]), AsyncWith(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], body=[Pass()]), TryStar(body=[Raise(exc=Name(id='E', ctx=Load()), cause=Constant(value=None))], handlers=[ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), name='e', body=[Pass()])], orelse=[Pass()], finalbody=[Pass()]), Try(body=[Pass()], handlers=[ExceptHandler(body=[Raise()])])])"#,
    );
    check(
        dump(&module, &indented("\t")),
        r#"Module(
	body=[
		For(
			target=Tuple(
				elts=[
					Name(id='i', ctx=Store()),
					Name(id='j', ctx=Store())],
				ctx=Store()),
			iter=Name(id='z', ctx=Load()),
			body=[
				Break()],
			orelse=[
				Continue()]),
		While(
			test=UnaryOp(
				op=Not(),
				operand=Name(id='x', ctx=Load())),
			body=[
				Delete(
					targets=[
						Subscript(
							value=Name(id='a', ctx=Load()),
							slice=Constant(value=0),
							ctx=Del()),
						Attribute(
							value=Name(id='b', ctx=Load()),
							attr='c',
							ctx=Del())])]),
		AsyncWith(
			items=[
				withitem(
					context_expr=Name(id='a', ctx=Load()),
					optional_vars=Name(id='b', ctx=Store())),
				withitem(
					context_expr=Name(id='c', ctx=Load()))],
			body=[
				Pass()]),
		TryStar(
			body=[
				Raise(
					exc=Name(id='E', ctx=Load()),
					cause=Constant(value=None))],
			handlers=[
				ExceptHandler(
					type=Tuple(
						elts=[
							Name(id='A', ctx=Load()),
							Name(id='B', ctx=Load())],
						ctx=Load()),
					name='e',
					body=[
						Pass()])],
			orelse=[
				Pass()],
			finalbody=[
				Pass()]),
		Try(
			body=[
				Pass()],
			handlers=[
				ExceptHandler(
					body=[
						Raise()])])])"#,
    );
}

/// ```python
/// import a.b as c, d
/// from . import (x as y)
/// from ..m import *
/// from m import z
/// global g, h
/// nonlocal n
/// assert x, "msg"
/// x = y = 1
/// ```
#[test]
fn imports_and_simple_statements() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let import_from = |module, names, level| {
        Stmt::ImportFrom(b.a(ImportFrom {
            range: NO,
            module,
            names: b.s(names),
            level,
        }))
    };
    let body = vec![
        Stmt::Import(b.a(Import {
            range: NO,
            names: b.s(vec![b.alias("a.b", Some("c")), b.alias("d", None)]),
        })),
        import_from(None, vec![b.alias("x", Some("y"))], 1),
        import_from(Some("m"), vec![b.alias("*", None)], 2),
        import_from(Some("m"), vec![b.alias("z", None)], 0),
        Stmt::Global(b.a(Global {
            range: NO,
            names: b.s(vec!["g", "h"]),
        })),
        Stmt::Nonlocal(b.a(Global {
            range: NO,
            names: b.s(vec!["n"]),
        })),
        Stmt::Assert(b.a(Assert {
            range: NO,
            test: b.name("x"),
            msg: Some(b.str("msg")),
        })),
        b.assign(vec![b.store("x"), b.store("y")], b.int(1)),
    ];
    check(
        dump(&b.module(body), &one_line()),
        r#"Module(body=[Import(names=[alias(name='a.b', asname='c'), alias(name='d')]), ImportFrom(names=[alias(name='x', asname='y')], level=1), ImportFrom(module='m', names=[alias(name='*')], level=2), ImportFrom(module='m', names=[alias(name='z')], level=0), Global(names=['g', 'h']), Nonlocal(names=['n']), Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='msg')), Assign(targets=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], value=Constant(value=1))])"#,
    );
}

/// `ast.parse(source, type_comments=True)` of
/// `x = 1  # type: int\nfor a in b:  # type: str\n    pass\nimport y  # type: ignore[abc]\n`
#[test]
fn type_comments_and_ignores() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let body = vec![
        Stmt::Assign(b.a(Assign {
            range: NO,
            targets: b.s(vec![b.store("x")]),
            value: b.int(1),
            type_comment: Some("int"),
        })),
        Stmt::For(b.a(For {
            range: NO,
            target: b.store("a"),
            iter: b.name("b"),
            body: b.s(vec![b.pass()]),
            orelse: &mut [],
            type_comment: Some("str"),
        })),
        Stmt::Import(b.a(Import {
            range: NO,
            names: b.s(vec![b.alias("y", None)]),
        })),
    ];
    let module = Mod::Module {
        body: b.s(body),
        type_ignores: b.s(vec![TypeIgnore {
            lineno: 4,
            tag: "[abc]",
        }]),
    };
    check(
        dump(&module, &one_line()),
        r#"Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1), type_comment='int'), For(target=Name(id='a', ctx=Store()), iter=Name(id='b', ctx=Load()), body=[Pass()], type_comment='str'), Import(names=[alias(name='y')])], type_ignores=[TypeIgnore(lineno=4, tag='[abc]')])"#,
    );
}

/// The other modes: `eval` of `x + 1`, `single` of `x = 1`, `func_type` of
/// `(int, str) -> bool`; and `exec` of an empty source.
#[test]
fn modes() {
    let arena = Bump::new();
    let b = B::new(&arena);
    let expression = Mod::Expression {
        body: b.binop(b.name("x"), Operator::Add, b.int(1)),
    };
    check(
        dump(&expression, &one_line()),
        r#"Expression(body=BinOp(left=Name(id='x', ctx=Load()), op=Add(), right=Constant(value=1)))"#,
    );
    let interactive = Mod::Interactive {
        body: b.s(vec![b.assign(vec![b.store("x")], b.int(1))]),
    };
    check(
        dump(&interactive, &one_line()),
        r#"Interactive(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])"#,
    );
    let function_type = Mod::FunctionType {
        argtypes: b.s(vec![b.name("int"), b.name("str")]),
        returns: b.name("bool"),
    };
    check(
        dump(&function_type, &one_line()),
        r#"FunctionType(argtypes=[Name(id='int', ctx=Load()), Name(id='str', ctx=Load())], returns=Name(id='bool', ctx=Load()))"#,
    );
    check(dump(&b.module(vec![]), &one_line()), r#"Module()"#);
    check(dump(&b.module(vec![]), &indented("  ")), "Module()");
}

/// `dump_expr`, `dump_stmt` and `dump_pattern` print one node as `ast.dump` of that node.
#[test]
fn single_nodes() {
    let arena = Bump::new();
    let b = B::new(&arena);
    // ast.parse('g(k=v)').body[0].value
    let call = b.call(b.name("g"), vec![], vec![b.keyword(Some("k"), b.name("v"))]);
    check(
        dump_expr(&call, &one_line()),
        "Call(func=Name(id='g', ctx=Load()), keywords=[keyword(arg='k', value=Name(id='v', ctx=Load()))])",
    );
    check(
        dump_expr(&call, &indented("  ")),
        "Call(
  func=Name(id='g', ctx=Load()),
  keywords=[
    keyword(
      arg='k',
      value=Name(id='v', ctx=Load()))])",
    );

    // ast.parse('if x:\n  pass').body[0], include_attributes=True, indent=1
    let source = "if x:\n  pass";
    let index = LineIndex::new(source);
    let b = B::with_index(&arena, &index);
    let if_ = b.at(
        Stmt::If(b.a(If {
            range: NO,
            test: b.at(b.name("x"), (1, 3, 1, 4)),
            body: b.s(vec![b.at(b.pass(), (2, 2, 2, 6))]),
            orelse: &mut [],
        })),
        (1, 0, 2, 6),
    );
    check(
        dump_stmt(&if_, &with_positions(&index, Some(" "))),
        "If(
 test=Name(
  id='x',
  ctx=Load(),
  lineno=1,
  col_offset=3,
  end_lineno=1,
  end_col_offset=4),
 body=[
  Pass(
   lineno=2,
   col_offset=2,
   end_lineno=2,
   end_col_offset=6)],
 lineno=1,
 col_offset=0,
 end_lineno=2,
 end_col_offset=6)",
    );

    // ast.parse('match x:\n case [1, *r] | {}: pass').body[0].cases[0].pattern
    let pattern = Pattern::MatchOr(b.a(MatchOr {
        range: NO,
        patterns: b.s(vec![
            b.match_sequence(vec![
                b.match_value(b.int(1)),
                Pattern::MatchStar(b.a(MatchStar {
                    range: NO,
                    name: Some("r"),
                })),
            ]),
            Pattern::MatchMapping(b.a(MatchMapping {
                range: NO,
                keys: &mut [],
                patterns: &mut [],
                rest: None,
            })),
        ]),
    }));
    check(
        dump_pattern(&pattern, &one_line()),
        "MatchOr(patterns=[MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchStar(name='r')]), MatchMapping()])",
    );
}

/// Nodes that print no fields are "simple": they stay on their parent's line.
#[test]
fn empty_nodes() {
    let arena = Bump::new();
    let b = B::new(&arena);
    // ast.dump(ast.Set(elts=[])), ast.dump(ast.Dict(keys=[], values=[]), indent=2),
    // ast.dump(ast.Tuple(elts=[], ctx=ast.Load()), indent=2)
    let set = Expr::Set(b.a(Set {
        range: NO,
        elts: &mut [],
    }));
    check(dump_expr(&set, &one_line()), "Set()");
    let dict = Expr::Dict(b.a(Dict {
        range: NO,
        keys: &mut [],
        values: &mut [],
    }));
    check(dump_expr(&dict, &indented("  ")), "Dict()");
    check(
        dump_expr(&b.tuple(vec![], Load), &indented("  ")),
        "Tuple(ctx=Load())",
    );
    // ast.dump(ast.MatchSingleton(value=None)), ast.dump(ast.Constant(value=None), indent=4)
    let singleton = Pattern::MatchSingleton(b.a(MatchSingleton {
        range: NO,
        value: ConstantValue::None,
    }));
    check(
        dump_pattern(&singleton, &one_line()),
        "MatchSingleton(value=None)",
    );
    check(
        dump_expr(&b.none(), &indented("    ")),
        "Constant(value=None)",
    );
    // ast.dump(ast.Module(body=[ast.Pass(), ast.Break(), ast.Continue()], type_ignores=[]),
    // indent=3)
    let module = b.module(vec![
        b.pass(),
        Stmt::Break(b.a(Simple { range: NO })),
        Stmt::Continue(b.a(Simple { range: NO })),
    ]);
    check(
        dump(&module, &indented("   ")),
        "Module(
   body=[
      Pass(),
      Break(),
      Continue()])",
    );
    // ast.dump(ast.parse('lambda: 0'), indent=2)
    let lambda = Expr::Lambda(b.a(Lambda {
        range: NO,
        args: b.no_arguments(),
        body: b.int(0),
    }));
    check(
        dump(&b.module(vec![b.expr_stmt(lambda)]), &indented("  ")),
        "Module(
  body=[
    Expr(
      value=Lambda(
        args=arguments(),
        body=Constant(value=0)))])",
    );
}
