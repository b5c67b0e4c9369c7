//! CPython's two depth limits on a successful parse, checked without recursion on deep chains:
//!
//! - its PEG parser recurses once per nesting level of right-recursive forms (`- - - x`,
//!   `lambda: lambda: x`, `a ** b ** c`, `a if b else c if d else e`) and raises
//!   `MemoryError("Parser stack overflowed - Python source too complex to parse")` past
//!   `MAXSTACK` (6000) levels;
//! - turning the tree into `ast` objects recurses once per node level and raises
//!   `RecursionError("maximum recursion depth exceeded during ast construction")` past the C
//!   recursion limit (10000, less the depth `ast.parse` is called at).
//!
//! The levels are modelled, not counted as CPython counts them: CPython's count depends on the
//! surrounding rules (a statement, a call, a list…), within a few dozen levels. The constants
//! below are measured with `ast.parse` on CPython 3.13.0 for an expression statement.

use taipan_ast::*;

/// PEG levels above which CPython's parser gives up (`MAXSTACK`).
const PARSER_MAX_LEVEL: u32 = 6000;
/// PEG levels an expression statement already uses when its expression starts.
const PARSER_BASE_LEVEL: u32 = 32;
/// Node depth (the module is 1) above which building `ast` objects fails.
const AST_MAX_DEPTH: u32 = 9997;

/// Whether a tree whose longest logical line has `line_tokens` tokens could exceed a limit.
///
/// Each level of expression nesting takes at least one token of its statement's logical line,
/// and statements nest at most 100 deep (the tokenizer's indentation limit), a few levels each;
/// below this bound the check cannot fail and is skipped.
pub fn may_exceed(line_tokens: u32) -> bool {
    const STATEMENT_LEVELS: u32 = 100 * 4;
    // The shallowest limit: a lambda chain overflows CPython's parser at 2985 lambdas, two
    // levels (and at least two tokens) each.
    line_tokens + STATEMENT_LEVELS + PARSER_BASE_LEVEL >= (PARSER_MAX_LEVEL / 2).min(AST_MAX_DEPTH)
}

/// Which limit a tree exceeds, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    ParserStack,
    AstDepth,
}

#[derive(Default)]
struct Depths {
    /// Deepest node, counting every node CPython converts with a recursion check.
    depth: u32,
    /// Deepest right-recursive nesting, in PEG levels.
    level: u32,
}

impl Depths {
    fn see(&mut self, depth: u32, level: u32) {
        self.depth = self.depth.max(depth);
        self.level = self.level.max(level);
    }
}

/// Checks a tree against CPython's limits.
pub fn check(tree: &Mod<'_>) -> Option<Exceeded> {
    let mut depths = Depths::default();
    match tree {
        Mod::Module { body, .. } | Mod::Interactive { body } => stmts(body, 1, &mut depths),
        Mod::Expression { body } => expr(body, 2, PARSER_BASE_LEVEL, &mut depths),
        Mod::FunctionType { argtypes, returns } => {
            for e in argtypes.iter() {
                expr(e, 2, PARSER_BASE_LEVEL, &mut depths);
            }
            expr(returns, 2, PARSER_BASE_LEVEL, &mut depths);
        }
    }
    if depths.level > PARSER_MAX_LEVEL {
        Some(Exceeded::ParserStack)
    } else if depths.depth > AST_MAX_DEPTH {
        Some(Exceeded::AstDepth)
    } else {
        None
    }
}

// Statements nest at most 100 deep (the tokenizer's indentation limit), so they recurse.
fn stmts(body: &[Stmt<'_>], depth: u32, d: &mut Depths) {
    for s in body {
        stmt(s, depth + 1, d);
    }
}

fn exprs(list: &[Expr<'_>], depth: u32, d: &mut Depths) {
    for e in list {
        expr(e, depth, PARSER_BASE_LEVEL, d);
    }
}

fn opt(e: &Option<Expr<'_>>, depth: u32, d: &mut Depths) {
    if let Some(e) = e {
        expr(e, depth, PARSER_BASE_LEVEL, d);
    }
}

fn arguments(args: &Arguments<'_>, depth: u32, d: &mut Depths) {
    d.see(depth, 0);
    for a in args
        .posonlyargs
        .iter()
        .chain(args.args.iter())
        .chain(args.kwonlyargs.iter())
    {
        d.see(depth + 1, 0);
        opt(&a.annotation, depth + 2, d);
    }
    for a in args.vararg.iter().chain(args.kwarg.iter()) {
        d.see(depth + 1, 0);
        opt(&a.annotation, depth + 2, d);
    }
    exprs(args.defaults, depth + 1, d);
    for e in args.kw_defaults.iter() {
        opt(e, depth + 1, d);
    }
}

fn type_params(params: &[TypeParam<'_>], depth: u32, d: &mut Depths) {
    for p in params {
        let data = p.data();
        d.see(depth, 0);
        opt(&data.bound, depth + 1, d);
        opt(&data.default_value, depth + 1, d);
    }
}

fn stmt(s: &Stmt<'_>, depth: u32, d: &mut Depths) {
    d.see(depth, 0);
    let inner = depth + 1;
    match s {
        Stmt::FunctionDef(f) | Stmt::AsyncFunctionDef(f) => {
            arguments(f.args, inner, d);
            stmts(f.body, depth, d);
            exprs(f.decorator_list, inner, d);
            opt(&f.returns, inner, d);
            type_params(f.type_params, inner, d);
        }
        Stmt::ClassDef(c) => {
            exprs(c.bases, inner, d);
            for k in c.keywords.iter() {
                expr(&k.value, inner + 1, PARSER_BASE_LEVEL, d);
            }
            stmts(c.body, depth, d);
            exprs(c.decorator_list, inner, d);
            type_params(c.type_params, inner, d);
        }
        Stmt::Return(r) => opt(&r.value, inner, d),
        Stmt::Delete(x) => exprs(x.targets, inner, d),
        Stmt::Assign(a) => {
            exprs(a.targets, inner, d);
            expr(&a.value, inner, PARSER_BASE_LEVEL, d);
        }
        Stmt::TypeAlias(t) => {
            expr(&t.name, inner, PARSER_BASE_LEVEL, d);
            type_params(t.type_params, inner, d);
            expr(&t.value, inner, PARSER_BASE_LEVEL, d);
        }
        Stmt::AugAssign(a) => {
            expr(&a.target, inner, PARSER_BASE_LEVEL, d);
            expr(&a.value, inner, PARSER_BASE_LEVEL, d);
        }
        Stmt::AnnAssign(a) => {
            expr(&a.target, inner, PARSER_BASE_LEVEL, d);
            expr(&a.annotation, inner, PARSER_BASE_LEVEL, d);
            opt(&a.value, inner, d);
        }
        Stmt::For(f) | Stmt::AsyncFor(f) => {
            expr(&f.target, inner, PARSER_BASE_LEVEL, d);
            expr(&f.iter, inner, PARSER_BASE_LEVEL, d);
            stmts(f.body, depth, d);
            stmts(f.orelse, depth, d);
        }
        Stmt::While(w) => {
            expr(&w.test, inner, PARSER_BASE_LEVEL, d);
            stmts(w.body, depth, d);
            stmts(w.orelse, depth, d);
        }
        Stmt::If(i) => {
            expr(&i.test, inner, PARSER_BASE_LEVEL, d);
            stmts(i.body, depth, d);
            stmts(i.orelse, depth, d);
        }
        Stmt::With(w) | Stmt::AsyncWith(w) => {
            for item in w.items.iter() {
                expr(&item.context_expr, inner + 1, PARSER_BASE_LEVEL, d);
                opt(&item.optional_vars, inner + 1, d);
            }
            stmts(w.body, depth, d);
        }
        Stmt::Match(m) => {
            expr(&m.subject, inner, PARSER_BASE_LEVEL, d);
            for case in m.cases.iter() {
                pattern(&case.pattern, inner + 1, d);
                opt(&case.guard, inner + 1, d);
                stmts(case.body, inner, d);
            }
        }
        Stmt::Raise(r) => {
            opt(&r.exc, inner, d);
            opt(&r.cause, inner, d);
        }
        Stmt::Try(t) | Stmt::TryStar(t) => {
            stmts(t.body, depth, d);
            for h in t.handlers.iter() {
                d.see(inner, 0);
                opt(&h.type_, inner + 1, d);
                stmts(h.body, inner, d);
            }
            stmts(t.orelse, depth, d);
            stmts(t.finalbody, depth, d);
        }
        Stmt::Assert(a) => {
            expr(&a.test, inner, PARSER_BASE_LEVEL, d);
            opt(&a.msg, inner, d);
        }
        Stmt::Import(_) | Stmt::ImportFrom(_) => d.see(inner, 0),
        Stmt::Expr(e) => expr(&e.value, inner, PARSER_BASE_LEVEL, d),
        Stmt::Global(_)
        | Stmt::Nonlocal(_)
        | Stmt::Pass(_)
        | Stmt::Break(_)
        | Stmt::Continue(_) => {}
    }
}

// Patterns nest only through brackets (at most 200 deep), so they recurse.
fn pattern(p: &Pattern<'_>, depth: u32, d: &mut Depths) {
    d.see(depth, 0);
    match p {
        Pattern::MatchValue(v) => expr(&v.value, depth + 1, PARSER_BASE_LEVEL, d),
        Pattern::MatchSingleton(_) | Pattern::MatchStar(_) => {}
        Pattern::MatchSequence(s) => s.patterns.iter().for_each(|p| pattern(p, depth + 1, d)),
        Pattern::MatchOr(s) => s.patterns.iter().for_each(|p| pattern(p, depth + 1, d)),
        Pattern::MatchMapping(m) => {
            exprs(m.keys, depth + 1, d);
            m.patterns.iter().for_each(|p| pattern(p, depth + 1, d));
        }
        Pattern::MatchClass(c) => {
            expr(&c.cls, depth + 1, PARSER_BASE_LEVEL, d);
            c.patterns.iter().for_each(|p| pattern(p, depth + 1, d));
            c.kwd_patterns.iter().for_each(|p| pattern(p, depth + 1, d));
        }
        Pattern::MatchAs(a) => {
            if let Some(p) = &a.pattern {
                pattern(p, depth + 1, d);
            }
        }
    }
}

/// Expressions can nest arbitrarily deep (`a+a+…`, `-(-(…))`), so they are walked with an
/// explicit stack: (node, node depth, PEG level).
fn expr<'t, 'a>(root: &'t Expr<'a>, depth: u32, level: u32, d: &mut Depths) {
    let mut stack: Vec<(&'t Expr<'a>, u32, u32)> = vec![(root, depth, level)];
    while let Some((e, depth, level)) = stack.pop() {
        d.see(depth, level);
        let next = depth + 1;
        let mut push = |child: &'t Expr<'a>, extra: u32| stack.push((child, next, level + extra));
        match e {
            Expr::BoolOp(x) => x.values.iter().for_each(|c| push(c, 0)),
            Expr::NamedExpr(x) => {
                push(&x.target, 0);
                push(&x.value, 0);
            }
            Expr::BinOp(x) => {
                push(&x.left, 0);
                push(&x.right, if x.op == Operator::Pow { 2 } else { 0 });
            }
            Expr::UnaryOp(x) => push(&x.operand, 1),
            Expr::Lambda(x) => {
                push(&x.body, 2);
                let args = &*x.args;
                for c in args
                    .defaults
                    .iter()
                    .chain(args.kw_defaults.iter().flatten())
                {
                    stack.push((c, next + 1, level));
                }
                d.see(next + 1, 0);
            }
            Expr::IfExp(x) => {
                push(&x.test, 0);
                push(&x.body, 0);
                push(&x.orelse, 1);
            }
            Expr::Dict(x) => {
                x.keys.iter().flatten().for_each(|c| push(c, 0));
                x.values.iter().for_each(|c| push(c, 0));
            }
            Expr::Set(x) => x.elts.iter().for_each(|c| push(c, 0)),
            Expr::ListComp(x) | Expr::SetComp(x) | Expr::GeneratorExp(x) => {
                push(&x.elt, 0);
                comprehensions(x.generators, next, level, &mut stack);
            }
            Expr::DictComp(x) => {
                push(&x.key, 0);
                push(&x.value, 0);
                comprehensions(x.generators, next, level, &mut stack);
            }
            Expr::Await(x) => push(&x.value, 1),
            Expr::Yield(x) => x.value.iter().for_each(|c| push(c, 0)),
            Expr::YieldFrom(x) => push(&x.value, 0),
            Expr::Compare(x) => {
                push(&x.left, 0);
                x.comparators.iter().for_each(|c| push(c, 0));
            }
            Expr::Call(x) => {
                push(&x.func, 0);
                x.args.iter().for_each(|c| push(c, 0));
                for k in x.keywords.iter() {
                    stack.push((&k.value, next + 1, level));
                }
            }
            Expr::FormattedValue(x) => {
                push(&x.value, 0);
                x.format_spec.iter().for_each(|c| push(c, 0));
            }
            Expr::JoinedStr(x) => x.values.iter().for_each(|c| push(c, 0)),
            Expr::Constant(_) | Expr::Name(_) => {}
            Expr::Attribute(x) => push(&x.value, 0),
            Expr::Subscript(x) => {
                push(&x.value, 0);
                push(&x.slice, 0);
            }
            Expr::Starred(x) => push(&x.value, 0),
            Expr::List(x) => x.elts.iter().for_each(|c| push(c, 0)),
            Expr::Tuple(x) => x.elts.iter().for_each(|c| push(c, 0)),
            Expr::Slice(x) => {
                x.lower.iter().for_each(|c| push(c, 0));
                x.upper.iter().for_each(|c| push(c, 0));
                x.step.iter().for_each(|c| push(c, 0));
            }
        }
    }
}

fn comprehensions<'t, 'a>(
    generators: &'t [Comprehension<'a>],
    depth: u32,
    level: u32,
    stack: &mut Vec<(&'t Expr<'a>, u32, u32)>,
) {
    for g in generators {
        stack.push((&g.target, depth + 1, level));
        stack.push((&g.iter, depth + 1, level));
        for c in g.ifs.iter() {
            stack.push((c, depth + 1, level));
        }
    }
}
