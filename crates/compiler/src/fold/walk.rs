//! The walk over the tree: CPython 3.13's `astfold_*` functions. Children are optimized before
//! their node's own rewrite ([`super::rules`]), in CPython's order. Under
//! `from __future__ import annotations` the annotations (of parameters, returns and annotated
//! assignments) are left as written, since they are compiled to their source text. Type
//! parameters' bounds and defaults are optimized; `FunctionType` trees are not walked at all.

use std::cell::Cell;

use bumpalo::Bump;
use taipan_ast::{
    Arg, Arguments, Comprehension, ConstantValue, Expr, ExprContext, JoinedStr, Mod, Pattern, Stmt,
    TypeParam, alloc, alloc_slice,
};

use super::rules::{
    constant, fold_binop, fold_compare, fold_iter, fold_subscr, fold_tuple, fold_unaryop,
};

/// Stack to keep free before recursing, and to add when it runs out (deep trees).
const RED_ZONE: usize = 64 * 1024;
const STACK_GROWTH: usize = 2 * 1024 * 1024;

/// The optimizer's state: CPython's `_PyASTOptimizeState`.
pub(super) struct Folder<'a> {
    pub arena: &'a Bump,
    /// The optimization level, 0 for the default (`-1` is taken as 0, as `compile()` does).
    pub optimize: i32,
    /// `from __future__ import annotations` is in force (`CO_FUTURE_ANNOTATIONS`).
    pub future_annotations: bool,
    /// `recursion_depth`: the statements, expressions and patterns being folded, plus the
    /// depth `compile()` starts at ([`crate::recursion`]).
    pub depth: Cell<u32>,
    /// The depth passed `recursion_limit`: the walk stops, and `compile()` fails.
    pub too_deep: Cell<bool>,
}

impl<'a> Folder<'a> {
    /// Counts one more level of nesting (CPython's check on entering `astfold_stmt`,
    /// `astfold_expr` and `astfold_pattern`); false past the limit, where nothing deeper is
    /// walked.
    fn enter(&self) -> bool {
        if self.too_deep.get() {
            return false;
        }
        let depth = self.depth.get() + 1;
        if depth > crate::recursion::LIMIT {
            self.too_deep.set(true);
            return false;
        }
        self.depth.set(depth);
        true
    }

    fn leave(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    /// CPython's `astfold_mod`.
    pub fn module(&self, module: &mut Mod<'a>) {
        match module {
            Mod::Module { body, .. } => self.body(body),
            Mod::Interactive { body } => self.stmts(body),
            Mod::Expression { body } => self.expr(body),
            // Function type comments take no part in folding.
            Mod::FunctionType { .. } => {}
        }
    }

    /// CPython's `astfold_body`: the statements of a module, class or function body. A body
    /// whose first statement *became* a string constant by folding (`'a' + 'b'`) must not gain
    /// a docstring: CPython wraps that string in a `JoinedStr`.
    fn body(&self, stmts: &mut [Stmt<'a>]) {
        let had_docstring = has_docstring(stmts);
        self.stmts(stmts);
        if had_docstring || !has_docstring(stmts) {
            return;
        }
        if let Some(Stmt::Expr(statement)) = stmts.first_mut() {
            let value = std::mem::replace(
                &mut statement.value,
                constant(self.arena, statement.range, ConstantValue::None),
            );
            statement.value = Expr::JoinedStr(alloc(
                self.arena,
                JoinedStr {
                    range: statement.range,
                    values: alloc_slice(self.arena, [value]),
                },
            ));
        }
    }

    fn stmts(&self, stmts: &mut [Stmt<'a>]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    fn exprs(&self, exprs: &mut [Expr<'a>]) {
        for expr in exprs {
            self.expr(expr);
        }
    }

    fn opt_expr(&self, expr: &mut Option<Expr<'a>>) {
        if let Some(expr) = expr {
            self.expr(expr);
        }
    }

    /// An annotation: left alone under `from __future__ import annotations`.
    fn annotation(&self, expr: &mut Option<Expr<'a>>) {
        if !self.future_annotations {
            self.opt_expr(expr);
        }
    }

    /// CPython's `astfold_stmt`.
    fn stmt(&self, stmt: &mut Stmt<'a>) {
        if !self.enter() {
            return;
        }
        stacker::maybe_grow(RED_ZONE, STACK_GROWTH, || self.stmt_inner(stmt));
        self.leave();
    }

    fn stmt_inner(&self, stmt: &mut Stmt<'a>) {
        match stmt {
            Stmt::FunctionDef(n) | Stmt::AsyncFunctionDef(n) => {
                self.type_params(n.type_params);
                self.arguments(n.args);
                self.body(n.body);
                self.exprs(n.decorator_list);
                self.annotation(&mut n.returns);
            }
            Stmt::ClassDef(n) => {
                self.type_params(n.type_params);
                self.exprs(n.bases);
                for keyword in n.keywords.iter_mut() {
                    self.expr(&mut keyword.value);
                }
                self.body(n.body);
                self.exprs(n.decorator_list);
            }
            Stmt::Return(n) => self.opt_expr(&mut n.value),
            Stmt::Delete(n) => self.exprs(n.targets),
            Stmt::Assign(n) => {
                self.exprs(n.targets);
                self.expr(&mut n.value);
            }
            Stmt::TypeAlias(n) => {
                self.expr(&mut n.name);
                self.type_params(n.type_params);
                self.expr(&mut n.value);
            }
            Stmt::AugAssign(n) => {
                self.expr(&mut n.target);
                self.expr(&mut n.value);
            }
            Stmt::AnnAssign(n) => {
                self.expr(&mut n.target);
                if !self.future_annotations {
                    self.expr(&mut n.annotation);
                }
                self.opt_expr(&mut n.value);
            }
            Stmt::For(n) => {
                self.expr(&mut n.target);
                self.expr(&mut n.iter);
                self.stmts(n.body);
                self.stmts(n.orelse);
                fold_iter(self.arena, &mut n.iter);
            }
            // CPython does not turn an `async for`'s iterable into a tuple.
            Stmt::AsyncFor(n) => {
                self.expr(&mut n.target);
                self.expr(&mut n.iter);
                self.stmts(n.body);
                self.stmts(n.orelse);
            }
            Stmt::While(n) => {
                self.expr(&mut n.test);
                self.stmts(n.body);
                self.stmts(n.orelse);
            }
            Stmt::If(n) => {
                self.expr(&mut n.test);
                self.stmts(n.body);
                self.stmts(n.orelse);
            }
            Stmt::With(n) | Stmt::AsyncWith(n) => {
                for item in n.items.iter_mut() {
                    self.expr(&mut item.context_expr);
                    self.opt_expr(&mut item.optional_vars);
                }
                self.stmts(n.body);
            }
            Stmt::Match(n) => {
                self.expr(&mut n.subject);
                for case in n.cases.iter_mut() {
                    self.pattern(&mut case.pattern);
                    self.opt_expr(&mut case.guard);
                    self.stmts(case.body);
                }
            }
            Stmt::Raise(n) => {
                self.opt_expr(&mut n.exc);
                self.opt_expr(&mut n.cause);
            }
            Stmt::Try(n) | Stmt::TryStar(n) => {
                self.stmts(n.body);
                for handler in n.handlers.iter_mut() {
                    self.opt_expr(&mut handler.type_);
                    self.stmts(handler.body);
                }
                self.stmts(n.orelse);
                self.stmts(n.finalbody);
            }
            Stmt::Assert(n) => {
                self.expr(&mut n.test);
                self.opt_expr(&mut n.msg);
            }
            Stmt::Expr(n) => self.expr(&mut n.value),
            Stmt::Import(_)
            | Stmt::ImportFrom(_)
            | Stmt::Global(_)
            | Stmt::Nonlocal(_)
            | Stmt::Pass(_)
            | Stmt::Break(_)
            | Stmt::Continue(_) => {}
        }
    }

    /// CPython's `astfold_type_param`: bounds and defaults.
    fn type_params(&self, params: &mut [TypeParam<'a>]) {
        for param in params {
            let data = param.data_mut();
            self.opt_expr(&mut data.bound);
            self.opt_expr(&mut data.default_value);
        }
    }

    /// CPython's `astfold_arguments`.
    fn arguments(&self, args: &mut Arguments<'a>) {
        for arg in args.posonlyargs.iter_mut() {
            self.arg(arg);
        }
        for arg in args.args.iter_mut() {
            self.arg(arg);
        }
        if let Some(arg) = &mut args.vararg {
            self.arg(arg);
        }
        for arg in args.kwonlyargs.iter_mut() {
            self.arg(arg);
        }
        for default in args.kw_defaults.iter_mut() {
            self.opt_expr(default);
        }
        if let Some(arg) = &mut args.kwarg {
            self.arg(arg);
        }
        self.exprs(args.defaults);
    }

    /// CPython's `astfold_arg`: its annotation.
    fn arg(&self, arg: &mut Arg<'a>) {
        self.annotation(&mut arg.annotation);
    }

    /// CPython's `astfold_comprehension`: the iterable becomes a tuple or frozenset when it
    /// can (`fold_iter`), for async comprehensions too.
    fn comprehension(&self, comprehension: &mut Comprehension<'a>) {
        self.expr(&mut comprehension.target);
        self.expr(&mut comprehension.iter);
        self.exprs(comprehension.ifs);
        fold_iter(self.arena, &mut comprehension.iter);
    }

    fn comprehensions(&self, generators: &mut [Comprehension<'a>]) {
        for comprehension in generators {
            self.comprehension(comprehension);
        }
    }

    /// CPython's `astfold_expr`.
    fn expr(&self, expr: &mut Expr<'a>) {
        if !self.enter() {
            return;
        }
        stacker::maybe_grow(RED_ZONE, STACK_GROWTH, || self.expr_inner(expr));
        self.leave();
    }

    fn expr_inner(&self, expr: &mut Expr<'a>) {
        let arena = self.arena;
        let replacement = match expr {
            Expr::BoolOp(n) => {
                self.exprs(n.values);
                None
            }
            Expr::BinOp(n) => {
                self.expr(&mut n.left);
                self.expr(&mut n.right);
                fold_binop(arena, n)
            }
            Expr::UnaryOp(n) => {
                self.expr(&mut n.operand);
                fold_unaryop(arena, n)
            }
            Expr::Lambda(n) => {
                self.arguments(n.args);
                self.expr(&mut n.body);
                None
            }
            Expr::IfExp(n) => {
                self.expr(&mut n.test);
                self.expr(&mut n.body);
                self.expr(&mut n.orelse);
                None
            }
            Expr::Dict(n) => {
                for key in n.keys.iter_mut() {
                    self.opt_expr(key);
                }
                self.exprs(n.values);
                None
            }
            Expr::Set(n) => {
                self.exprs(n.elts);
                None
            }
            Expr::ListComp(n) | Expr::SetComp(n) | Expr::GeneratorExp(n) => {
                self.expr(&mut n.elt);
                self.comprehensions(n.generators);
                None
            }
            Expr::DictComp(n) => {
                self.expr(&mut n.key);
                self.expr(&mut n.value);
                self.comprehensions(n.generators);
                None
            }
            Expr::Await(n) => {
                self.expr(&mut n.value);
                None
            }
            Expr::Yield(n) => {
                self.opt_expr(&mut n.value);
                None
            }
            Expr::YieldFrom(n) => {
                self.expr(&mut n.value);
                None
            }
            Expr::Compare(n) => {
                self.expr(&mut n.left);
                self.exprs(n.comparators);
                fold_compare(arena, n);
                None
            }
            Expr::Call(n) => {
                self.expr(&mut n.func);
                self.exprs(n.args);
                for keyword in n.keywords.iter_mut() {
                    self.expr(&mut keyword.value);
                }
                None
            }
            Expr::FormattedValue(n) => {
                self.expr(&mut n.value);
                self.opt_expr(&mut n.format_spec);
                None
            }
            Expr::JoinedStr(n) => {
                self.exprs(n.values);
                None
            }
            Expr::Attribute(n) => {
                self.expr(&mut n.value);
                None
            }
            Expr::Subscript(n) => {
                self.expr(&mut n.value);
                self.expr(&mut n.slice);
                fold_subscr(arena, n)
            }
            Expr::Starred(n) => {
                self.expr(&mut n.value);
                None
            }
            Expr::Slice(n) => {
                self.opt_expr(&mut n.lower);
                self.opt_expr(&mut n.upper);
                self.opt_expr(&mut n.step);
                None
            }
            Expr::List(n) => {
                self.exprs(n.elts);
                None
            }
            Expr::Tuple(n) => {
                self.exprs(n.elts);
                fold_tuple(arena, n)
            }
            // `__debug__` is the constant `not optimize`.
            Expr::Name(n) if n.ctx == ExprContext::Load && n.id == "__debug__" => {
                let value = if self.optimize == 0 {
                    ConstantValue::True
                } else {
                    ConstantValue::False
                };
                Some(constant(arena, n.range, value))
            }
            // The target of `:=` is a name: only the value is walked.
            Expr::NamedExpr(n) => {
                self.expr(&mut n.value);
                None
            }
            Expr::Name(_) | Expr::Constant(_) => None,
        };
        if let Some(replacement) = replacement {
            *expr = replacement;
        }
    }

    /// CPython's `astfold_pattern`: only the value expressions of patterns (`MatchValue`,
    /// `MatchMapping` keys, `MatchClass`'s class), where negative and complex literals fold.
    fn pattern(&self, pattern: &mut Pattern<'a>) {
        if !self.enter() {
            return;
        }
        stacker::maybe_grow(RED_ZONE, STACK_GROWTH, || self.pattern_inner(pattern));
        self.leave();
    }

    fn pattern_inner(&self, pattern: &mut Pattern<'a>) {
        match pattern {
            Pattern::MatchValue(n) => self.expr(&mut n.value),
            Pattern::MatchSingleton(_) | Pattern::MatchStar(_) => {}
            Pattern::MatchSequence(n) => self.patterns(n.patterns),
            Pattern::MatchMapping(n) => {
                self.exprs(n.keys);
                self.patterns(n.patterns);
            }
            Pattern::MatchClass(n) => {
                self.expr(&mut n.cls);
                self.patterns(n.patterns);
                self.patterns(n.kwd_patterns);
            }
            Pattern::MatchAs(n) => {
                if let Some(pattern) = &mut n.pattern {
                    self.pattern(pattern);
                }
            }
            Pattern::MatchOr(n) => self.patterns(n.patterns),
        }
    }

    fn patterns(&self, patterns: &mut [Pattern<'a>]) {
        for pattern in patterns {
            self.pattern(pattern);
        }
    }
}

/// CPython's `_PyAST_GetDocString` test: the first statement is an expression statement whose
/// value is a `str` constant.
pub(super) fn has_docstring(stmts: &[Stmt<'_>]) -> bool {
    matches!(
        stmts.first(),
        Some(Stmt::Expr(statement))
            if matches!(&statement.value, Expr::Constant(c) if matches!(c.value, ConstantValue::Str(_)))
    )
}
