//! Annotations as strings, for `from __future__ import annotations` (PEP 563): CPython's
//! `_PyAST_ExprAsUnicode` (`Python/ast_unparse.c`), which writes an expression back as source
//! with the fewest parentheses its precedence levels need.
//!
//! The text is built as bytes in [`PyString`]'s encoding (UTF-8 with lone surrogates encoded
//! one by one), since f-string pieces may hold surrogates until they are `repr`'d.

use taipan_ast::{
    Arg, Arguments, BoolOperator, CmpOperator, Comprehension, ConstantValue, Expr, Keyword,
    Operator, UnaryOperator,
};
use taipan_bytecode::PyString;
use taipan_bytecode::repr::{ReprOptions, constant_repr};

use super::CResult;
use super::constant::const_of;
use super::function::system_error;

// Precedence levels (ast_unparse.c's `PR_*`).
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The text of an annotation as CPython's unparser writes it (at level `PR_TEST`).
pub(crate) fn unparse_annotation(e: &Expr<'_>) -> CResult<PyString> {
    let mut out = Vec::new();
    Unparser { out: &mut out }.expr(e, PR_TEST);
    PyString::from_surrogatepass(&out)
        .ok_or_else(|| system_error("an unparsed annotation is not text".to_owned()))
}

struct Unparser<'o> {
    out: &'o mut Vec<u8>,
}

/// `repr()` of a constant, with infinities written `1e309` (as `append_repr`).
fn constant_text(value: &ConstantValue<'_>) -> String {
    let repr = constant_repr(&const_of(value), &ReprOptions::default());
    match value {
        ConstantValue::Float(_) | ConstantValue::Complex { .. } => repr.replace("inf", "1e309"),
        _ => repr,
    }
}

impl Unparser<'_> {
    fn s(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    fn open(&mut self, cond: bool) {
        if cond {
            self.s("(");
        }
    }

    fn close(&mut self, cond: bool) {
        if cond {
            self.s(")");
        }
    }

    fn expr(&mut self, e: &Expr<'_>, level: u8) {
        // The compiler's nesting limit still allows ~10,000 levels (a long operator chain):
        // grow the stack rather than overflow it.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e, level));
    }

    fn expr_inner(&mut self, e: &Expr<'_>, level: u8) {
        match e {
            Expr::BoolOp(b) => {
                let (op, pr) = match b.op {
                    BoolOperator::And => (" and ", PR_AND),
                    BoolOperator::Or => (" or ", PR_OR),
                };
                self.open(level > pr);
                for (i, v) in b.values.iter().enumerate() {
                    if i > 0 {
                        self.s(op);
                    }
                    self.expr(v, pr + 1);
                }
                self.close(level > pr);
            }
            Expr::BinOp(b) => {
                let (op, pr) = match b.op {
                    Operator::Add => (" + ", PR_ARITH),
                    Operator::Sub => (" - ", PR_ARITH),
                    Operator::Mult => (" * ", PR_TERM),
                    Operator::MatMult => (" @ ", PR_TERM),
                    Operator::Div => (" / ", PR_TERM),
                    Operator::Mod => (" % ", PR_TERM),
                    Operator::LShift => (" << ", PR_SHIFT),
                    Operator::RShift => (" >> ", PR_SHIFT),
                    Operator::BitOr => (" | ", PR_BOR),
                    Operator::BitXor => (" ^ ", PR_BXOR),
                    Operator::BitAnd => (" & ", PR_BAND),
                    Operator::FloorDiv => (" // ", PR_TERM),
                    Operator::Pow => (" ** ", PR_POWER),
                };
                let rassoc = u8::from(b.op == Operator::Pow);
                self.open(level > pr);
                self.expr(&b.left, pr + rassoc);
                self.s(op);
                self.expr(&b.right, pr + 1 - rassoc);
                self.close(level > pr);
            }
            Expr::UnaryOp(u) => {
                let (op, pr) = match u.op {
                    UnaryOperator::Invert => ("~", PR_FACTOR),
                    UnaryOperator::Not => ("not ", PR_NOT),
                    UnaryOperator::UAdd => ("+", PR_FACTOR),
                    UnaryOperator::USub => ("-", PR_FACTOR),
                };
                self.open(level > pr);
                self.s(op);
                self.expr(&u.operand, pr);
                self.close(level > pr);
            }
            Expr::Lambda(l) => {
                self.open(level > PR_TEST);
                let positional = l.args.args.len() + l.args.posonlyargs.len();
                self.s(if positional > 0 { "lambda " } else { "lambda" });
                self.arguments(l.args);
                self.s(": ");
                self.expr(&l.body, PR_TEST);
                self.close(level > PR_TEST);
            }
            Expr::IfExp(i) => {
                self.open(level > PR_TEST);
                self.expr(&i.body, PR_TEST + 1);
                self.s(" if ");
                self.expr(&i.test, PR_TEST + 1);
                self.s(" else ");
                self.expr(&i.orelse, PR_TEST);
                self.close(level > PR_TEST);
            }
            Expr::Dict(d) => {
                self.s("{");
                for (i, (key, value)) in d.keys.iter().zip(d.values.iter()).enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    match key {
                        Some(key) => {
                            self.expr(key, PR_TEST);
                            self.s(": ");
                            self.expr(value, PR_TEST);
                        }
                        None => {
                            self.s("**");
                            self.expr(value, PR_EXPR);
                        }
                    }
                }
                self.s("}");
            }
            Expr::Set(s) => {
                self.s("{");
                self.items(s.elts);
                self.s("}");
            }
            Expr::GeneratorExp(c) => {
                self.s("(");
                self.expr(&c.elt, PR_TEST);
                self.comprehensions(c.generators);
                self.s(")");
            }
            Expr::ListComp(c) => {
                self.s("[");
                self.expr(&c.elt, PR_TEST);
                self.comprehensions(c.generators);
                self.s("]");
            }
            Expr::SetComp(c) => {
                self.s("{");
                self.expr(&c.elt, PR_TEST);
                self.comprehensions(c.generators);
                self.s("}");
            }
            Expr::DictComp(c) => {
                self.s("{");
                self.expr(&c.key, PR_TEST);
                self.s(": ");
                self.expr(&c.value, PR_TEST);
                self.comprehensions(c.generators);
                self.s("}");
            }
            Expr::Yield(y) => match &y.value {
                None => self.s("(yield)"),
                Some(v) => {
                    self.s("(yield ");
                    self.expr(v, PR_TEST);
                    self.s(")");
                }
            },
            Expr::YieldFrom(y) => {
                self.s("(yield from ");
                self.expr(&y.value, PR_TEST);
                self.s(")");
            }
            Expr::Await(a) => {
                self.open(level > PR_AWAIT);
                self.s("await ");
                self.expr(&a.value, PR_ATOM);
                self.close(level > PR_AWAIT);
            }
            Expr::Compare(c) => {
                self.open(level > PR_CMP);
                self.expr(&c.left, PR_CMP + 1);
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    self.s(match op {
                        CmpOperator::Eq => " == ",
                        CmpOperator::NotEq => " != ",
                        CmpOperator::Lt => " < ",
                        CmpOperator::LtE => " <= ",
                        CmpOperator::Gt => " > ",
                        CmpOperator::GtE => " >= ",
                        CmpOperator::Is => " is ",
                        CmpOperator::IsNot => " is not ",
                        CmpOperator::In => " in ",
                        CmpOperator::NotIn => " not in ",
                    });
                    self.expr(right, PR_CMP + 1);
                }
                self.close(level > PR_CMP);
            }
            Expr::Call(c) => {
                self.expr(&c.func, PR_ATOM);
                if c.args.len() == 1
                    && c.keywords.is_empty()
                    && let Some(Expr::GeneratorExp(_)) = c.args.first()
                {
                    // A lone generator expression argument brings its own parentheses.
                    self.expr(&c.args[0], PR_TEST);
                    return;
                }
                self.s("(");
                let mut first = true;
                for arg in c.args.iter() {
                    self.sep(&mut first);
                    self.expr(arg, PR_TEST);
                }
                for keyword in c.keywords.iter() {
                    self.sep(&mut first);
                    self.keyword(keyword);
                }
                self.s(")");
            }
            Expr::Constant(c) => match &c.value {
                ConstantValue::Ellipsis => self.s("..."),
                value => {
                    // The `u` of a `u'…'` literal is kept.
                    if let Some(kind) = c.kind {
                        self.s(kind);
                    }
                    self.s(&constant_text(value));
                }
            },
            Expr::JoinedStr(j) => self.joined_str(j.values, false),
            Expr::FormattedValue(_) => self.fstring_element(e, false),
            Expr::Attribute(a) => {
                self.expr(&a.value, PR_ATOM);
                // `1 .real`: an int needs a space before the dot.
                let int = matches!(&a.value, Expr::Constant(c) if matches!(c.value, ConstantValue::Int(_)));
                self.s(if int { " ." } else { "." });
                self.s(a.attr);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value, PR_ATOM);
                self.s("[");
                self.expr(&s.slice, PR_TUPLE);
                self.s("]");
            }
            Expr::Starred(s) => {
                self.s("*");
                self.expr(&s.value, PR_EXPR);
            }
            Expr::Slice(s) => {
                if let Some(lower) = &s.lower {
                    self.expr(lower, PR_TEST);
                }
                self.s(":");
                if let Some(upper) = &s.upper {
                    self.expr(upper, PR_TEST);
                }
                if let Some(step) = &s.step {
                    self.s(":");
                    self.expr(step, PR_TEST);
                }
            }
            Expr::Name(n) => self.s(n.id),
            Expr::List(l) => {
                self.s("[");
                self.items(l.elts);
                self.s("]");
            }
            Expr::Tuple(t) => {
                if t.elts.is_empty() {
                    self.s("()");
                    return;
                }
                self.open(level > PR_TUPLE);
                self.items(t.elts);
                if t.elts.len() == 1 {
                    self.s(",");
                }
                self.close(level > PR_TUPLE);
            }
            Expr::NamedExpr(n) => {
                self.open(level > PR_TUPLE);
                self.expr(&n.target, PR_ATOM);
                self.s(":=");
                self.expr(&n.value, PR_ATOM);
                self.close(level > PR_TUPLE);
            }
        }
    }

    fn sep(&mut self, first: &mut bool) {
        if !*first {
            self.s(", ");
        }
        *first = false;
    }

    fn items(&mut self, elts: &[Expr<'_>]) {
        for (i, e) in elts.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.expr(e, PR_TEST);
        }
    }

    fn keyword(&mut self, keyword: &Keyword<'_>) {
        match keyword.arg {
            None => self.s("**"),
            Some(name) => {
                self.s(name);
                self.s("=");
            }
        }
        self.expr(&keyword.value, PR_TEST);
    }

    fn comprehensions(&mut self, generators: &[Comprehension<'_>]) {
        for generator in generators {
            self.s(if generator.is_async {
                " async for "
            } else {
                " for "
            });
            self.expr(&generator.target, PR_TUPLE);
            self.s(" in ");
            self.expr(&generator.iter, PR_TEST + 1);
            for condition in generator.ifs.iter() {
                self.s(" if ");
                self.expr(condition, PR_TEST + 1);
            }
        }
    }

    fn arg(&mut self, arg: &Arg<'_>) {
        self.s(arg.arg);
        if let Some(annotation) = &arg.annotation {
            self.s(": ");
            self.expr(annotation, PR_TEST);
        }
    }

    /// `append_ast_args`: a lambda's parameters.
    fn arguments(&mut self, args: &Arguments<'_>) {
        let mut first = true;
        let posonly = args.posonlyargs.len();
        let positional = posonly + args.args.len();
        let defaults = args.defaults.len();
        for (i, arg) in args.posonlyargs.iter().chain(args.args.iter()).enumerate() {
            self.sep(&mut first);
            self.arg(arg);
            if let Some(di) = (i + defaults).checked_sub(positional)
                && let Some(default) = args.defaults.get(di)
            {
                self.s("=");
                self.expr(default, PR_TEST);
            }
            if posonly > 0 && i + 1 == posonly {
                self.s(", /");
            }
        }
        if args.vararg.is_some() || !args.kwonlyargs.is_empty() {
            self.sep(&mut first);
            self.s("*");
            if let Some(vararg) = &args.vararg {
                self.arg(vararg);
            }
        }
        for (arg, default) in args.kwonlyargs.iter().zip(args.kw_defaults.iter()) {
            self.sep(&mut first);
            self.arg(arg);
            if let Some(default) = default {
                self.s("=");
                self.expr(default, PR_TEST);
            }
        }
        if let Some(kwarg) = &args.kwarg {
            self.sep(&mut first);
            self.s("**");
            self.arg(kwarg);
        }
    }

    /// `append_joinedstr`: an f-string's body written out, then (unless it is a format spec)
    /// `f` and the body's `repr`.
    fn joined_str(&mut self, values: &[Expr<'_>], is_format_spec: bool) {
        let mut body = Vec::new();
        {
            let mut inner = Unparser { out: &mut body };
            for value in values {
                inner.fstring_element(value, is_format_spec);
            }
        }
        if is_format_spec {
            self.out.extend_from_slice(&body);
            return;
        }
        self.s("f");
        match PyString::from_surrogatepass(&body) {
            Some(text) => {
                let repr = constant_repr(
                    &taipan_bytecode::Constant::Str(text),
                    &ReprOptions::default(),
                );
                self.s(&repr);
            }
            None => self.s("''"),
        }
    }

    fn fstring_element(&mut self, e: &Expr<'_>, is_format_spec: bool) {
        match e {
            Expr::Constant(c) => {
                if let ConstantValue::Str(s) = &c.value {
                    // Braces are doubled inside an f-string.
                    for &b in s.as_bytes() {
                        match b {
                            b'{' => self.s("{{"),
                            b'}' => self.s("}}"),
                            _ => self.out.push(b),
                        }
                    }
                }
            }
            Expr::JoinedStr(j) => self.joined_str(j.values, is_format_spec),
            Expr::FormattedValue(f) => {
                let mut value = Vec::new();
                Unparser { out: &mut value }.expr(&f.value, PR_TEST + 1);
                // A value starting with a brace is set off from the outer one by a space.
                self.s(if value.first() == Some(&b'{') {
                    "{ "
                } else {
                    "{"
                });
                self.out.extend_from_slice(&value);
                match u8::try_from(f.conversion) {
                    Ok(b'a') => self.s("!a"),
                    Ok(b'r') => self.s("!r"),
                    Ok(b's') => self.s("!s"),
                    _ => {}
                }
                if let Some(spec) = &f.format_spec {
                    self.s(":");
                    self.fstring_element(spec, true);
                }
                self.s("}");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unparse_annotation;

    /// (annotation source, `f.__annotations__['x']` under `from __future__ import annotations`
    /// as CPython 3.13.0 gives it for `def f(x: SOURCE): pass`).
    const CASES: &[(&str, &str)] = &[
        ("int", "int"),
        ("List[int]", "List[int]"),
        ("Dict[str, 'X']", "Dict[str, 'X']"),
        ("a.b.c", "a.b.c"),
        ("1 .real", "1 .real"),
        ("x | None", "x | None"),
        ("(a or b) and c", "(a or b) and c"),
        ("not a", "not a"),
        ("-x ** -y", "-x ** (-y)"),
        ("(-x) ** y", "(-x) ** y"),
        ("a ** b ** c", "a ** b ** c"),
        ("(a ** b) ** c", "(a ** b) ** c"),
        ("a - (b - c)", "a - (b - c)"),
        ("a if b else c", "a if b else c"),
        ("(a if b else c) if d else e", "(a if b else c) if d else e"),
        ("lambda: 1", "lambda: 1"),
        (
            "lambda x, /, y=2, *a, z, k=3, **kw: x",
            "lambda x, /, y=2, *a, z, k=3, **kw: x",
        ),
        (
            "[x for x in y if x async for z in w]",
            "[x for x in y if x async for z in w]",
        ),
        ("{k: v for k, v in d}", "{k: v for k, v in d}"),
        ("(x for x in y)", "(x for x in y)"),
        ("f(x for x in y)", "f(x for x in y)"),
        ("f(a, *b, c=1, **d)", "f(a, *b, c=1, **d)"),
        ("f'{x!r:>{w}} {{lit}}'", "f'{x!r:>{w}} {{lit}}'"),
        ("f'{ {1: 2}[1] }'", "f'{ {1: 2}[1]}'"),
        ("x[1:2, ::3]", "x[1:2, ::3]"),
        ("x[()]", "x[()]"),
        ("x[(1,)]", "x[1,]"),
        ("(1,)", "(1,)"),
        ("(1, 2)", "(1, 2)"),
        ("1e400", "1e309"),
        ("-1e400j", "-1e309j"),
        ("b'bytes'", "b'bytes'"),
        ("'single\\'quote'", "\"single'quote\""),
        ("...", "..."),
        ("None", "None"),
        ("True", "True"),
        ("{1, 2}", "{1, 2}"),
        ("{**a, 'b': c}", "{**a, 'b': c}"),
        ("[*a, b]", "[*a, b]"),
        ("a < b < c", "a < b < c"),
        ("a not in b is not c", "a not in b is not c"),
        ("x[a:b]", "x[a:b]"),
        ("Callable[..., int]", "Callable[..., int]"),
        ("Tuple[()]", "Tuple[()]"),
        ("'it''s'", "'its'"),
        ("u'x'", "u'x'"),
        ("3.14", "3.14"),
        ("10**100", "10 ** 100"),
        ("0xff", "255"),
        ("1_000", "1000"),
        ("2j", "2j"),
        ("1+2j", "1 + 2j"),
        ("f'{x=}'", "f'x={x!r}'"),
        ("f'{x:{y}.{z}f}'", "f'{x:{y}.{z}f}'"),
        ("f'a' 'b'", "f'ab'"),
    ];

    #[test]
    fn unparses_as_cpython() {
        for (source, expected) in CASES {
            let arena = bumpalo::Bump::new();
            let options = taipan_parser::Options {
                mode: taipan_parser::Mode::Eval,
                ..Default::default()
            };
            let parsed = taipan_parser::parse(source, &options, &arena).expect("parses");
            let taipan_ast::Mod::Expression { body } = &parsed.tree else {
                panic!("not an expression");
            };
            let text = unparse_annotation(body).expect("unparses");
            assert_eq!(text.as_str(), Some(*expected), "{source}");
        }
    }
}
