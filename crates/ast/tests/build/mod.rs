//! A small tree builder for tests: one short call per node, default (empty) ranges unless a
//! position is given with [`B::at`].

#![allow(dead_code)]

use bumpalo::Bump;
use taipan_ast::*;

/// Builds nodes in `arena`; `index` turns CPython's (line, column) pairs into byte ranges.
pub struct B<'a> {
    pub arena: &'a Bump,
    pub index: Option<&'a LineIndex>,
}

/// A node whose range can be set after it is built.
pub trait SetRange {
    fn set(&mut self, range: TextRange);
}

impl SetRange for Expr<'_> {
    fn set(&mut self, range: TextRange) {
        self.set_range(range);
    }
}

impl SetRange for Stmt<'_> {
    fn set(&mut self, range: TextRange) {
        self.set_range(range);
    }
}

impl SetRange for Pattern<'_> {
    fn set(&mut self, range: TextRange) {
        self.set_range(range);
    }
}

impl SetRange for TypeParam<'_> {
    fn set(&mut self, range: TextRange) {
        self.data_mut().range = range;
    }
}

/// No position (tests without attributes).
pub const NO: TextRange = TextRange { start: 0, end: 0 };

impl<'a> B<'a> {
    pub fn new(arena: &'a Bump) -> B<'a> {
        B { arena, index: None }
    }

    pub fn with_index(arena: &'a Bump, index: &'a LineIndex) -> B<'a> {
        B {
            arena,
            index: Some(index),
        }
    }

    /// The byte range of CPython's `lineno, col_offset, end_lineno, end_col_offset`.
    pub fn r(&self, (line, col, end_line, end_col): (u32, u32, u32, u32)) -> TextRange {
        let index = self.index.expect("a builder with a line index");
        TextRange::new(
            index.line_start(line).unwrap() + col,
            index.line_start(end_line).unwrap() + end_col,
        )
    }

    /// `node` with the position CPython gives as `(lineno, col_offset, end_lineno,
    /// end_col_offset)`.
    pub fn at<T: SetRange>(&self, mut node: T, position: (u32, u32, u32, u32)) -> T {
        node.set(self.r(position));
        node
    }

    pub fn s<T>(&self, items: Vec<T>) -> &'a mut [T] {
        alloc_slice(self.arena, items)
    }

    pub fn a<T>(&self, value: T) -> &'a mut T {
        alloc(self.arena, value)
    }

    // Modules.

    pub fn module(&self, body: Vec<Stmt<'a>>) -> Mod<'a> {
        Mod::Module {
            body: self.s(body),
            type_ignores: &mut [],
        }
    }

    // Expressions.

    pub fn name_ctx(&self, id: &'a str, ctx: ExprContext) -> Expr<'a> {
        Expr::Name(self.a(Name { range: NO, id, ctx }))
    }

    pub fn name(&self, id: &'a str) -> Expr<'a> {
        self.name_ctx(id, ExprContext::Load)
    }

    pub fn store(&self, id: &'a str) -> Expr<'a> {
        self.name_ctx(id, ExprContext::Store)
    }

    pub fn constant(&self, value: ConstantValue<'a>) -> Expr<'a> {
        Expr::Constant(self.a(Constant {
            range: NO,
            value,
            kind: None,
        }))
    }

    pub fn int(&self, n: i64) -> Expr<'a> {
        self.constant(ConstantValue::Int(Int::Small(n)))
    }

    pub fn str(&self, text: &'a str) -> Expr<'a> {
        self.constant(ConstantValue::Str(PyStr::new(text)))
    }

    pub fn none(&self) -> Expr<'a> {
        self.constant(ConstantValue::None)
    }

    pub fn binop(&self, left: Expr<'a>, op: Operator, right: Expr<'a>) -> Expr<'a> {
        Expr::BinOp(self.a(BinOp {
            range: NO,
            left,
            op,
            right,
        }))
    }

    pub fn unary(&self, op: UnaryOperator, operand: Expr<'a>) -> Expr<'a> {
        Expr::UnaryOp(self.a(UnaryOp {
            range: NO,
            op,
            operand,
        }))
    }

    pub fn boolop(&self, op: BoolOperator, values: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::BoolOp(self.a(BoolOp {
            range: NO,
            op,
            values: self.s(values),
        }))
    }

    pub fn call(
        &self,
        func: Expr<'a>,
        args: Vec<Expr<'a>>,
        keywords: Vec<Keyword<'a>>,
    ) -> Expr<'a> {
        Expr::Call(self.a(Call {
            range: NO,
            func,
            args: self.s(args),
            keywords: self.s(keywords),
        }))
    }

    pub fn keyword(&self, arg: Option<&'a str>, value: Expr<'a>) -> Keyword<'a> {
        Keyword {
            range: NO,
            arg,
            value,
        }
    }

    pub fn attr(&self, value: Expr<'a>, attr: &'a str, ctx: ExprContext) -> Expr<'a> {
        Expr::Attribute(self.a(Attribute {
            range: NO,
            value,
            attr,
            ctx,
        }))
    }

    pub fn subscript(&self, value: Expr<'a>, slice: Expr<'a>, ctx: ExprContext) -> Expr<'a> {
        Expr::Subscript(self.a(Subscript {
            range: NO,
            value,
            slice,
            ctx,
        }))
    }

    pub fn starred(&self, value: Expr<'a>) -> Expr<'a> {
        Expr::Starred(self.a(Starred {
            range: NO,
            value,
            ctx: ExprContext::Load,
        }))
    }

    pub fn tuple(&self, elts: Vec<Expr<'a>>, ctx: ExprContext) -> Expr<'a> {
        Expr::Tuple(self.a(Tuple {
            range: NO,
            elts: self.s(elts),
            ctx,
        }))
    }

    pub fn list(&self, elts: Vec<Expr<'a>>, ctx: ExprContext) -> Expr<'a> {
        Expr::List(self.a(List {
            range: NO,
            elts: self.s(elts),
            ctx,
        }))
    }

    pub fn compare(
        &self,
        left: Expr<'a>,
        ops: Vec<CmpOperator>,
        comparators: Vec<Expr<'a>>,
    ) -> Expr<'a> {
        Expr::Compare(self.a(Compare {
            range: NO,
            left,
            ops: self.s(ops),
            comparators: self.s(comparators),
        }))
    }

    pub fn comprehension(
        &self,
        target: Expr<'a>,
        iter: Expr<'a>,
        ifs: Vec<Expr<'a>>,
        is_async: bool,
    ) -> Comprehension<'a> {
        Comprehension {
            target,
            iter,
            ifs: self.s(ifs),
            is_async,
        }
    }

    pub fn comp(&self, elt: Expr<'a>, generators: Vec<Comprehension<'a>>) -> &'a mut Comp<'a> {
        self.a(Comp {
            range: NO,
            elt,
            generators: self.s(generators),
        })
    }

    pub fn slice(
        &self,
        lower: Option<Expr<'a>>,
        upper: Option<Expr<'a>>,
        step: Option<Expr<'a>>,
    ) -> Expr<'a> {
        Expr::Slice(self.a(Slice {
            range: NO,
            lower,
            upper,
            step,
        }))
    }

    pub fn formatted(
        &self,
        value: Expr<'a>,
        conversion: i32,
        format_spec: Option<Expr<'a>>,
    ) -> Expr<'a> {
        Expr::FormattedValue(self.a(FormattedValue {
            range: NO,
            value,
            conversion,
            format_spec,
        }))
    }

    pub fn joined(&self, values: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::JoinedStr(self.a(JoinedStr {
            range: NO,
            values: self.s(values),
        }))
    }

    // Parameters.

    pub fn arg(&self, arg: &'a str, annotation: Option<Expr<'a>>) -> Arg<'a> {
        Arg {
            range: NO,
            arg,
            annotation,
            type_comment: None,
        }
    }

    pub fn no_arguments(&self) -> &'a mut Arguments<'a> {
        self.a(Arguments {
            posonlyargs: &mut [],
            args: &mut [],
            vararg: None,
            kwonlyargs: &mut [],
            kw_defaults: &mut [],
            kwarg: None,
            defaults: &mut [],
        })
    }

    pub fn type_var(
        &self,
        name: &'a str,
        bound: Option<Expr<'a>>,
        default_value: Option<Expr<'a>>,
    ) -> TypeParam<'a> {
        TypeParam::TypeVar(self.a(TypeParamData {
            range: NO,
            name,
            bound,
            default_value,
        }))
    }

    // Statements.

    pub fn expr_stmt(&self, value: Expr<'a>) -> Stmt<'a> {
        Stmt::Expr(self.a(StmtExpr { range: NO, value }))
    }

    pub fn pass(&self) -> Stmt<'a> {
        Stmt::Pass(self.a(Simple { range: NO }))
    }

    pub fn assign(&self, targets: Vec<Expr<'a>>, value: Expr<'a>) -> Stmt<'a> {
        Stmt::Assign(self.a(Assign {
            range: NO,
            targets: self.s(targets),
            value,
            type_comment: None,
        }))
    }

    pub fn ann_assign(
        &self,
        target: Expr<'a>,
        annotation: Expr<'a>,
        value: Option<Expr<'a>>,
        simple: bool,
    ) -> Stmt<'a> {
        Stmt::AnnAssign(self.a(AnnAssign {
            range: NO,
            target,
            annotation,
            value,
            simple,
        }))
    }

    pub fn alias(&self, name: &'a str, asname: Option<&'a str>) -> Alias<'a> {
        Alias {
            range: NO,
            name,
            asname,
        }
    }

    // Patterns.

    pub fn match_value(&self, value: Expr<'a>) -> Pattern<'a> {
        Pattern::MatchValue(self.a(MatchValue { range: NO, value }))
    }

    pub fn match_as(&self, pattern: Option<Pattern<'a>>, name: Option<&'a str>) -> Pattern<'a> {
        Pattern::MatchAs(self.a(MatchAs {
            range: NO,
            pattern,
            name,
        }))
    }

    pub fn match_sequence(&self, patterns: Vec<Pattern<'a>>) -> Pattern<'a> {
        Pattern::MatchSequence(self.a(MatchSequence {
            range: NO,
            patterns: self.s(patterns),
        }))
    }

    pub fn case(
        &self,
        pattern: Pattern<'a>,
        guard: Option<Expr<'a>>,
        body: Vec<Stmt<'a>>,
    ) -> MatchCase<'a> {
        MatchCase {
            pattern,
            guard,
            body: self.s(body),
        }
    }
}

// Options and comparison.

pub fn one_line() -> DumpOptions<'static> {
    DumpOptions::default()
}

pub fn indented(indent: &str) -> DumpOptions<'static> {
    DumpOptions {
        indent: Some(indent.to_string()),
        positions: None,
    }
}

pub fn with_positions<'i>(index: &'i LineIndex, indent: Option<&str>) -> DumpOptions<'i> {
    DumpOptions {
        indent: indent.map(str::to_string),
        positions: Some(index),
    }
}

/// Compares line by line first, so a failure shows the first differing line.
#[track_caller]
pub fn check(got: String, expected: &str) {
    for (i, (g, e)) in got.lines().zip(expected.lines()).enumerate() {
        assert_eq!(g, e, "line {}", i + 1);
    }
    assert_eq!(got, expected);
}
