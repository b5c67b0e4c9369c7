//! Walking a tree: [`Visitor`] reads it, [`VisitorMut`] may change it in place.
//!
//! Both are CPython's `ast.NodeVisitor` / `ast.NodeTransformer` idea in Rust's usual shape: a
//! trait with one `visit_*` method per kind of node, each defaulting to the matching `walk_*`
//! function, which visits the node's children **in CPython's field order** (the order of
//! `node._fields`, so `FunctionDef` visits its `args` before its `body`, its `decorator_list` and
//! its `returns`, and `Dict` visits all its keys before all its values). Override the methods
//! for the nodes you care about and call the `walk_*` function from the override to keep going
//! into the children (or don't, to prune).
//!
//! Every child that is a node is visited: statements, expressions, patterns, type parameters,
//! and the product types (`arguments`, `arg`, `keyword`, `alias`, `withitem`, `match_case`,
//! `ExceptHandler`, `comprehension`, `TypeIgnore`), and, like `NodeVisitor.generic_visit`, the
//! operator and context singletons ([`Visitor::visit_operator`]…). Constants are reached through
//! [`Visitor::visit_constant`] (the `value` of `Constant` and `MatchSingleton`). Plain
//! identifiers and other strings are not visited on their own; they are fields of their nodes.
//!
//! A [`Visitor<'a>`] sees `&Expr<'a>`: it may keep the identifiers and strings it finds (they are
//! `&'a str`, borrowed from the source or the arena), not the nodes. A [`VisitorMut<'a>`] sees
//! `&mut Expr<'a>`: it may rewrite fields or replace whole nodes with new ones allocated in the
//! tree's arena (hold the `&'a Bump` in the visitor). The mutable walk functions carry a `_mut`
//! suffix: [`walk_expr_mut`]…
//!
//! ```
//! use bumpalo::Bump;
//! use taipan_ast::visit::{Visitor, walk_expr};
//! use taipan_ast::*;
//!
//! /// Collects the names a tree loads.
//! struct Loads<'a>(Vec<&'a str>);
//!
//! impl<'a> Visitor<'a> for Loads<'a> {
//!     fn visit_expr(&mut self, expr: &Expr<'a>) {
//!         if let Expr::Name(name) = expr {
//!             if name.ctx == ExprContext::Load {
//!                 self.0.push(name.id);
//!             }
//!         }
//!         walk_expr(self, expr);
//!     }
//! }
//!
//! let arena = Bump::new();
//! // `a + b`
//! let name = |id| Expr::Name(alloc(&arena, Name { range: TextRange::default(), id, ctx: ExprContext::Load }));
//! let sum = Expr::BinOp(alloc(&arena, BinOp {
//!     range: TextRange::default(),
//!     left: name("a"),
//!     op: Operator::Add,
//!     right: name("b"),
//! }));
//! let mut loads = Loads(Vec::new());
//! loads.visit_expr(&sum);
//! assert_eq!(loads.0, ["a", "b"]);
//! ```

use crate::{
    Alias, Arg, Arguments, BoolOperator, CmpOperator, Comprehension, ConstantValue, ExceptHandler,
    Expr, ExprContext, Keyword, MatchCase, Mod, Operator, Pattern, Stmt, TypeIgnore, TypeParam,
    UnaryOperator, WithItem,
};

/// Defines a visitor trait and its walk functions from one description, once for `&` and once
/// for `&mut`, so that the two can never visit different children or in a different order.
/// `$($mut)?` is empty for the read-only visitor and `mut` for the other.
macro_rules! visitor {
    (
        $(#[$trait_doc:meta])*
        trait $Visitor:ident;
        ref($($mut:tt)?);
        walk_mod: $walk_mod:ident,
        walk_stmt: $walk_stmt:ident,
        walk_expr: $walk_expr:ident,
        walk_pattern: $walk_pattern:ident,
        walk_type_param: $walk_type_param:ident,
        walk_arguments: $walk_arguments:ident,
        walk_arg: $walk_arg:ident,
        walk_keyword: $walk_keyword:ident,
        walk_with_item: $walk_with_item:ident,
        walk_match_case: $walk_match_case:ident,
        walk_except_handler: $walk_except_handler:ident,
        walk_comprehension: $walk_comprehension:ident,
    ) => {
        $(#[$trait_doc])*
        pub trait $Visitor<'a> {
            /// A whole tree; walks its body.
            fn visit_mod(&mut self, module: &$($mut)? Mod<'a>) {
                $walk_mod(self, module);
            }
            fn visit_stmt(&mut self, stmt: &$($mut)? Stmt<'a>) {
                $walk_stmt(self, stmt);
            }
            fn visit_expr(&mut self, expr: &$($mut)? Expr<'a>) {
                $walk_expr(self, expr);
            }
            fn visit_pattern(&mut self, pattern: &$($mut)? Pattern<'a>) {
                $walk_pattern(self, pattern);
            }
            fn visit_type_param(&mut self, param: &$($mut)? TypeParam<'a>) {
                $walk_type_param(self, param);
            }
            fn visit_arguments(&mut self, arguments: &$($mut)? Arguments<'a>) {
                $walk_arguments(self, arguments);
            }
            fn visit_arg(&mut self, arg: &$($mut)? Arg<'a>) {
                $walk_arg(self, arg);
            }
            fn visit_keyword(&mut self, keyword: &$($mut)? Keyword<'a>) {
                $walk_keyword(self, keyword);
            }
            /// An import alias: no children.
            fn visit_alias(&mut self, _alias: &$($mut)? Alias<'a>) {}
            fn visit_with_item(&mut self, item: &$($mut)? WithItem<'a>) {
                $walk_with_item(self, item);
            }
            fn visit_match_case(&mut self, case: &$($mut)? MatchCase<'a>) {
                $walk_match_case(self, case);
            }
            fn visit_except_handler(&mut self, handler: &$($mut)? ExceptHandler<'a>) {
                $walk_except_handler(self, handler);
            }
            fn visit_comprehension(&mut self, comprehension: &$($mut)? Comprehension<'a>) {
                $walk_comprehension(self, comprehension);
            }
            /// A `# type: ignore` comment: no children.
            fn visit_type_ignore(&mut self, _ignore: &$($mut)? TypeIgnore<'a>) {}
            /// The `value` of a `Constant` or `MatchSingleton`.
            fn visit_constant(&mut self, _value: &$($mut)? ConstantValue<'a>) {}
            /// The `ctx` of `Name`, `Attribute`, `Subscript`, `Starred`, `List` and `Tuple`.
            fn visit_expr_context(&mut self, _ctx: &$($mut)? ExprContext) {}
            /// The `op` of `BoolOp`.
            fn visit_bool_operator(&mut self, _op: &$($mut)? BoolOperator) {}
            /// The `op` of `BinOp` and `AugAssign`.
            fn visit_operator(&mut self, _op: &$($mut)? Operator) {}
            /// The `op` of `UnaryOp`.
            fn visit_unary_operator(&mut self, _op: &$($mut)? UnaryOperator) {}
            /// Each of the `ops` of `Compare`.
            fn visit_cmp_operator(&mut self, _op: &$($mut)? CmpOperator) {}
        }

        /// Visits the children of a tree: `body` (and `type_ignores`), or `argtypes` and
        /// `returns`.
        pub fn $walk_mod<'a, V: $Visitor<'a> + ?Sized>(visitor: &mut V, module: &$($mut)? Mod<'a>) {
            match module {
                Mod::Module { body, type_ignores } => {
                    for stmt in &$($mut)? **body {
                        visitor.visit_stmt(stmt);
                    }
                    for ignore in &$($mut)? **type_ignores {
                        visitor.visit_type_ignore(ignore);
                    }
                }
                Mod::Interactive { body } => {
                    for stmt in &$($mut)? **body {
                        visitor.visit_stmt(stmt);
                    }
                }
                Mod::Expression { body } => visitor.visit_expr(body),
                Mod::FunctionType { argtypes, returns } => {
                    for expr in &$($mut)? **argtypes {
                        visitor.visit_expr(expr);
                    }
                    visitor.visit_expr(returns);
                }
            }
        }

        /// Visits the children of a statement in CPython's field order.
        pub fn $walk_stmt<'a, V: $Visitor<'a> + ?Sized>(visitor: &mut V, stmt: &$($mut)? Stmt<'a>) {
            match stmt {
                Stmt::FunctionDef(n) | Stmt::AsyncFunctionDef(n) => {
                    visitor.visit_arguments(&$($mut)? *n.args);
                    stmts!(visitor, n.body $(, $mut)?);
                    exprs!(visitor, n.decorator_list $(, $mut)?);
                    if let Some(returns) = &$($mut)? n.returns {
                        visitor.visit_expr(returns);
                    }
                    type_params!(visitor, n.type_params $(, $mut)?);
                }
                Stmt::ClassDef(n) => {
                    exprs!(visitor, n.bases $(, $mut)?);
                    for keyword in &$($mut)? *n.keywords {
                        visitor.visit_keyword(keyword);
                    }
                    stmts!(visitor, n.body $(, $mut)?);
                    exprs!(visitor, n.decorator_list $(, $mut)?);
                    type_params!(visitor, n.type_params $(, $mut)?);
                }
                Stmt::Return(n) => {
                    if let Some(value) = &$($mut)? n.value {
                        visitor.visit_expr(value);
                    }
                }
                Stmt::Delete(n) => exprs!(visitor, n.targets $(, $mut)?),
                Stmt::Assign(n) => {
                    exprs!(visitor, n.targets $(, $mut)?);
                    visitor.visit_expr(&$($mut)? n.value);
                }
                Stmt::TypeAlias(n) => {
                    visitor.visit_expr(&$($mut)? n.name);
                    type_params!(visitor, n.type_params $(, $mut)?);
                    visitor.visit_expr(&$($mut)? n.value);
                }
                Stmt::AugAssign(n) => {
                    visitor.visit_expr(&$($mut)? n.target);
                    visitor.visit_operator(&$($mut)? n.op);
                    visitor.visit_expr(&$($mut)? n.value);
                }
                Stmt::AnnAssign(n) => {
                    visitor.visit_expr(&$($mut)? n.target);
                    visitor.visit_expr(&$($mut)? n.annotation);
                    if let Some(value) = &$($mut)? n.value {
                        visitor.visit_expr(value);
                    }
                }
                Stmt::For(n) | Stmt::AsyncFor(n) => {
                    visitor.visit_expr(&$($mut)? n.target);
                    visitor.visit_expr(&$($mut)? n.iter);
                    stmts!(visitor, n.body $(, $mut)?);
                    stmts!(visitor, n.orelse $(, $mut)?);
                }
                Stmt::While(n) => {
                    visitor.visit_expr(&$($mut)? n.test);
                    stmts!(visitor, n.body $(, $mut)?);
                    stmts!(visitor, n.orelse $(, $mut)?);
                }
                Stmt::If(n) => {
                    visitor.visit_expr(&$($mut)? n.test);
                    stmts!(visitor, n.body $(, $mut)?);
                    stmts!(visitor, n.orelse $(, $mut)?);
                }
                Stmt::With(n) | Stmt::AsyncWith(n) => {
                    for item in &$($mut)? *n.items {
                        visitor.visit_with_item(item);
                    }
                    stmts!(visitor, n.body $(, $mut)?);
                }
                Stmt::Match(n) => {
                    visitor.visit_expr(&$($mut)? n.subject);
                    for case in &$($mut)? *n.cases {
                        visitor.visit_match_case(case);
                    }
                }
                Stmt::Raise(n) => {
                    if let Some(exc) = &$($mut)? n.exc {
                        visitor.visit_expr(exc);
                    }
                    if let Some(cause) = &$($mut)? n.cause {
                        visitor.visit_expr(cause);
                    }
                }
                Stmt::Try(n) | Stmt::TryStar(n) => {
                    stmts!(visitor, n.body $(, $mut)?);
                    for handler in &$($mut)? *n.handlers {
                        visitor.visit_except_handler(handler);
                    }
                    stmts!(visitor, n.orelse $(, $mut)?);
                    stmts!(visitor, n.finalbody $(, $mut)?);
                }
                Stmt::Assert(n) => {
                    visitor.visit_expr(&$($mut)? n.test);
                    if let Some(msg) = &$($mut)? n.msg {
                        visitor.visit_expr(msg);
                    }
                }
                Stmt::Import(n) => {
                    for alias in &$($mut)? *n.names {
                        visitor.visit_alias(alias);
                    }
                }
                Stmt::ImportFrom(n) => {
                    for alias in &$($mut)? *n.names {
                        visitor.visit_alias(alias);
                    }
                }
                Stmt::Expr(n) => visitor.visit_expr(&$($mut)? n.value),
                Stmt::Global(_)
                | Stmt::Nonlocal(_)
                | Stmt::Pass(_)
                | Stmt::Break(_)
                | Stmt::Continue(_) => {}
            }
        }

        /// Visits the children of an expression in CPython's field order.
        pub fn $walk_expr<'a, V: $Visitor<'a> + ?Sized>(visitor: &mut V, expr: &$($mut)? Expr<'a>) {
            match expr {
                Expr::BoolOp(n) => {
                    visitor.visit_bool_operator(&$($mut)? n.op);
                    exprs!(visitor, n.values $(, $mut)?);
                }
                Expr::NamedExpr(n) => {
                    visitor.visit_expr(&$($mut)? n.target);
                    visitor.visit_expr(&$($mut)? n.value);
                }
                Expr::BinOp(n) => {
                    visitor.visit_expr(&$($mut)? n.left);
                    visitor.visit_operator(&$($mut)? n.op);
                    visitor.visit_expr(&$($mut)? n.right);
                }
                Expr::UnaryOp(n) => {
                    visitor.visit_unary_operator(&$($mut)? n.op);
                    visitor.visit_expr(&$($mut)? n.operand);
                }
                Expr::Lambda(n) => {
                    visitor.visit_arguments(&$($mut)? *n.args);
                    visitor.visit_expr(&$($mut)? n.body);
                }
                Expr::IfExp(n) => {
                    visitor.visit_expr(&$($mut)? n.test);
                    visitor.visit_expr(&$($mut)? n.body);
                    visitor.visit_expr(&$($mut)? n.orelse);
                }
                Expr::Dict(n) => {
                    for key in (&$($mut)? *n.keys).into_iter().flatten() {
                        visitor.visit_expr(key);
                    }
                    exprs!(visitor, n.values $(, $mut)?);
                }
                Expr::Set(n) => exprs!(visitor, n.elts $(, $mut)?),
                Expr::ListComp(n) | Expr::SetComp(n) | Expr::GeneratorExp(n) => {
                    visitor.visit_expr(&$($mut)? n.elt);
                    for comprehension in &$($mut)? *n.generators {
                        visitor.visit_comprehension(comprehension);
                    }
                }
                Expr::DictComp(n) => {
                    visitor.visit_expr(&$($mut)? n.key);
                    visitor.visit_expr(&$($mut)? n.value);
                    for comprehension in &$($mut)? *n.generators {
                        visitor.visit_comprehension(comprehension);
                    }
                }
                Expr::Await(n) => visitor.visit_expr(&$($mut)? n.value),
                Expr::Yield(n) => {
                    if let Some(value) = &$($mut)? n.value {
                        visitor.visit_expr(value);
                    }
                }
                Expr::YieldFrom(n) => visitor.visit_expr(&$($mut)? n.value),
                Expr::Compare(n) => {
                    visitor.visit_expr(&$($mut)? n.left);
                    for op in &$($mut)? *n.ops {
                        visitor.visit_cmp_operator(op);
                    }
                    exprs!(visitor, n.comparators $(, $mut)?);
                }
                Expr::Call(n) => {
                    visitor.visit_expr(&$($mut)? n.func);
                    exprs!(visitor, n.args $(, $mut)?);
                    for keyword in &$($mut)? *n.keywords {
                        visitor.visit_keyword(keyword);
                    }
                }
                Expr::FormattedValue(n) => {
                    visitor.visit_expr(&$($mut)? n.value);
                    if let Some(spec) = &$($mut)? n.format_spec {
                        visitor.visit_expr(spec);
                    }
                }
                Expr::JoinedStr(n) => exprs!(visitor, n.values $(, $mut)?),
                Expr::Constant(n) => visitor.visit_constant(&$($mut)? n.value),
                Expr::Attribute(n) => {
                    visitor.visit_expr(&$($mut)? n.value);
                    visitor.visit_expr_context(&$($mut)? n.ctx);
                }
                Expr::Subscript(n) => {
                    visitor.visit_expr(&$($mut)? n.value);
                    visitor.visit_expr(&$($mut)? n.slice);
                    visitor.visit_expr_context(&$($mut)? n.ctx);
                }
                Expr::Starred(n) => {
                    visitor.visit_expr(&$($mut)? n.value);
                    visitor.visit_expr_context(&$($mut)? n.ctx);
                }
                Expr::Name(n) => visitor.visit_expr_context(&$($mut)? n.ctx),
                Expr::List(n) => {
                    exprs!(visitor, n.elts $(, $mut)?);
                    visitor.visit_expr_context(&$($mut)? n.ctx);
                }
                Expr::Tuple(n) => {
                    exprs!(visitor, n.elts $(, $mut)?);
                    visitor.visit_expr_context(&$($mut)? n.ctx);
                }
                Expr::Slice(n) => {
                    if let Some(lower) = &$($mut)? n.lower {
                        visitor.visit_expr(lower);
                    }
                    if let Some(upper) = &$($mut)? n.upper {
                        visitor.visit_expr(upper);
                    }
                    if let Some(step) = &$($mut)? n.step {
                        visitor.visit_expr(step);
                    }
                }
            }
        }

        /// Visits the children of a pattern in CPython's field order.
        pub fn $walk_pattern<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            pattern: &$($mut)? Pattern<'a>,
        ) {
            match pattern {
                Pattern::MatchValue(n) => visitor.visit_expr(&$($mut)? n.value),
                Pattern::MatchSingleton(n) => visitor.visit_constant(&$($mut)? n.value),
                Pattern::MatchSequence(n) => patterns!(visitor, n.patterns $(, $mut)?),
                Pattern::MatchMapping(n) => {
                    exprs!(visitor, n.keys $(, $mut)?);
                    patterns!(visitor, n.patterns $(, $mut)?);
                }
                Pattern::MatchClass(n) => {
                    visitor.visit_expr(&$($mut)? n.cls);
                    patterns!(visitor, n.patterns $(, $mut)?);
                    patterns!(visitor, n.kwd_patterns $(, $mut)?);
                }
                Pattern::MatchStar(_) => {}
                Pattern::MatchAs(n) => {
                    if let Some(pattern) = &$($mut)? n.pattern {
                        visitor.visit_pattern(pattern);
                    }
                }
                Pattern::MatchOr(n) => patterns!(visitor, n.patterns $(, $mut)?),
            }
        }

        /// Visits a type parameter's `bound` and `default_value`.
        pub fn $walk_type_param<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            param: &$($mut)? TypeParam<'a>,
        ) {
            let (TypeParam::TypeVar(data)
            | TypeParam::ParamSpec(data)
            | TypeParam::TypeVarTuple(data)) = param;
            if let Some(bound) = &$($mut)? data.bound {
                visitor.visit_expr(bound);
            }
            if let Some(default) = &$($mut)? data.default_value {
                visitor.visit_expr(default);
            }
        }

        /// Visits `posonlyargs`, `args`, `vararg`, `kwonlyargs`, `kw_defaults`, `kwarg`,
        /// `defaults`, in that (CPython's) order.
        pub fn $walk_arguments<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            arguments: &$($mut)? Arguments<'a>,
        ) {
            for arg in &$($mut)? *arguments.posonlyargs {
                visitor.visit_arg(arg);
            }
            for arg in &$($mut)? *arguments.args {
                visitor.visit_arg(arg);
            }
            if let Some(arg) = &$($mut)? arguments.vararg {
                visitor.visit_arg(arg);
            }
            for arg in &$($mut)? *arguments.kwonlyargs {
                visitor.visit_arg(arg);
            }
            for default in (&$($mut)? *arguments.kw_defaults).into_iter().flatten() {
                visitor.visit_expr(default);
            }
            if let Some(arg) = &$($mut)? arguments.kwarg {
                visitor.visit_arg(arg);
            }
            exprs!(visitor, arguments.defaults $(, $mut)?);
        }

        /// Visits a parameter's annotation.
        pub fn $walk_arg<'a, V: $Visitor<'a> + ?Sized>(visitor: &mut V, arg: &$($mut)? Arg<'a>) {
            if let Some(annotation) = &$($mut)? arg.annotation {
                visitor.visit_expr(annotation);
            }
        }

        /// Visits a call keyword's value.
        pub fn $walk_keyword<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            keyword: &$($mut)? Keyword<'a>,
        ) {
            visitor.visit_expr(&$($mut)? keyword.value);
        }

        /// Visits `context_expr`, then `optional_vars`.
        pub fn $walk_with_item<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            item: &$($mut)? WithItem<'a>,
        ) {
            visitor.visit_expr(&$($mut)? item.context_expr);
            if let Some(vars) = &$($mut)? item.optional_vars {
                visitor.visit_expr(vars);
            }
        }

        /// Visits `pattern`, `guard`, then `body`.
        pub fn $walk_match_case<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            case: &$($mut)? MatchCase<'a>,
        ) {
            visitor.visit_pattern(&$($mut)? case.pattern);
            if let Some(guard) = &$($mut)? case.guard {
                visitor.visit_expr(guard);
            }
            stmts!(visitor, case.body $(, $mut)?);
        }

        /// Visits `type`, then `body`.
        pub fn $walk_except_handler<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            handler: &$($mut)? ExceptHandler<'a>,
        ) {
            if let Some(type_) = &$($mut)? handler.type_ {
                visitor.visit_expr(type_);
            }
            stmts!(visitor, handler.body $(, $mut)?);
        }

        /// Visits `target`, `iter`, then `ifs`.
        pub fn $walk_comprehension<'a, V: $Visitor<'a> + ?Sized>(
            visitor: &mut V,
            comprehension: &$($mut)? Comprehension<'a>,
        ) {
            visitor.visit_expr(&$($mut)? comprehension.target);
            visitor.visit_expr(&$($mut)? comprehension.iter);
            exprs!(visitor, comprehension.ifs $(, $mut)?);
        }
    };
}

/// Visits each node of a slice field with `$method`.
macro_rules! each {
    ($visitor:ident, $method:ident, $($field:ident).+ $(, $mut:tt)?) => {
        for item in &$($mut)? *$($field).+ {
            $visitor.$method(item);
        }
    };
}

macro_rules! exprs {
    ($visitor:ident, $($field:ident).+ $(, $mut:tt)?) => {
        each!($visitor, visit_expr, $($field).+ $(, $mut)?)
    };
}

macro_rules! stmts {
    ($visitor:ident, $($field:ident).+ $(, $mut:tt)?) => {
        each!($visitor, visit_stmt, $($field).+ $(, $mut)?)
    };
}

macro_rules! patterns {
    ($visitor:ident, $($field:ident).+ $(, $mut:tt)?) => {
        each!($visitor, visit_pattern, $($field).+ $(, $mut)?)
    };
}

macro_rules! type_params {
    ($visitor:ident, $($field:ident).+ $(, $mut:tt)?) => {
        each!($visitor, visit_type_param, $($field).+ $(, $mut)?)
    };
}

visitor! {
    /// A read-only walk over a tree. Every method defaults to walking the node's children (see
    /// the [module docs](self)); override the ones you need.
    trait Visitor;
    ref();
    walk_mod: walk_mod,
    walk_stmt: walk_stmt,
    walk_expr: walk_expr,
    walk_pattern: walk_pattern,
    walk_type_param: walk_type_param,
    walk_arguments: walk_arguments,
    walk_arg: walk_arg,
    walk_keyword: walk_keyword,
    walk_with_item: walk_with_item,
    walk_match_case: walk_match_case,
    walk_except_handler: walk_except_handler,
    walk_comprehension: walk_comprehension,
}

visitor! {
    /// A walk over a tree that may change it: fields can be rewritten, and a child can be
    /// replaced by assigning a new node (allocated in the tree's arena) through the `&mut`.
    /// Every method defaults to walking the node's children with the `*_mut` walk functions.
    trait VisitorMut;
    ref(mut);
    walk_mod: walk_mod_mut,
    walk_stmt: walk_stmt_mut,
    walk_expr: walk_expr_mut,
    walk_pattern: walk_pattern_mut,
    walk_type_param: walk_type_param_mut,
    walk_arguments: walk_arguments_mut,
    walk_arg: walk_arg_mut,
    walk_keyword: walk_keyword_mut,
    walk_with_item: walk_with_item_mut,
    walk_match_case: walk_match_case_mut,
    walk_except_handler: walk_except_handler_mut,
    walk_comprehension: walk_comprehension_mut,
}

#[cfg(test)]
mod tests {
    use bumpalo::Bump;

    use super::*;
    use crate::*;

    const NO: TextRange = TextRange::new(0, 0);

    fn name<'a>(arena: &'a Bump, id: &'a str, ctx: ExprContext) -> Expr<'a> {
        Expr::Name(alloc(arena, Name { range: NO, id, ctx }))
    }

    fn int(arena: &Bump, n: i64) -> Expr<'_> {
        Expr::Constant(alloc(
            arena,
            Constant {
                range: NO,
                value: ConstantValue::Int(Int::Small(n)),
                kind: None,
            },
        ))
    }

    fn arg<'a>(id: &'a str, annotation: Option<Expr<'a>>) -> Arg<'a> {
        Arg {
            range: NO,
            arg: id,
            annotation,
            type_comment: None,
        }
    }

    fn binop<'a>(arena: &'a Bump, left: Expr<'a>, right: Expr<'a>) -> Expr<'a> {
        Expr::BinOp(alloc(
            arena,
            BinOp {
                range: NO,
                left,
                op: Operator::Add,
                right,
            },
        ))
    }

    /// ```python
    /// @d
    /// def f[T](a: int = 1, *, b=2) -> r:
    ///     return {k: -v for k in x if k}
    /// ```
    fn function(arena: &Bump) -> Mod<'_> {
        use ExprContext::{Load, Store};
        let comprehension = Comprehension {
            target: name(arena, "k", Store),
            iter: name(arena, "x", Load),
            ifs: alloc_slice(arena, [name(arena, "k", Load)]),
            is_async: false,
        };
        let dict_comp = Expr::DictComp(alloc(
            arena,
            DictComp {
                range: NO,
                key: name(arena, "k", Load),
                value: Expr::UnaryOp(alloc(
                    arena,
                    UnaryOp {
                        range: NO,
                        op: UnaryOperator::USub,
                        operand: name(arena, "v", Load),
                    },
                )),
                generators: alloc_slice(arena, [comprehension]),
            },
        ));
        let args = alloc(
            arena,
            Arguments {
                posonlyargs: &mut [],
                args: alloc_slice(arena, [arg("a", Some(name(arena, "int", Load)))]),
                vararg: None,
                kwonlyargs: alloc_slice(arena, [arg("b", None)]),
                kw_defaults: alloc_slice(arena, [Some(int(arena, 2))]),
                kwarg: None,
                defaults: alloc_slice(arena, [int(arena, 1)]),
            },
        );
        let ret = Stmt::Return(alloc(
            arena,
            Return {
                range: NO,
                value: Some(dict_comp),
            },
        ));
        let def = Stmt::FunctionDef(alloc(
            arena,
            FunctionDef {
                range: NO,
                name: "f",
                args,
                body: alloc_slice(arena, [ret]),
                decorator_list: alloc_slice(arena, [name(arena, "d", Load)]),
                returns: Some(name(arena, "r", Load)),
                type_comment: None,
                type_params: alloc_slice(
                    arena,
                    [TypeParam::TypeVar(alloc(
                        arena,
                        TypeParamData {
                            range: NO,
                            name: "T",
                            bound: None,
                            default_value: None,
                        },
                    ))],
                ),
            },
        ));
        Mod::Module {
            body: alloc_slice(arena, [def]),
            type_ignores: &mut [],
        }
    }

    /// Records the class name of every node, as a `NodeVisitor.generic_visit` would.
    #[derive(Default)]
    struct Order(Vec<&'static str>);

    impl<'a> Visitor<'a> for Order {
        fn visit_mod(&mut self, module: &Mod<'a>) {
            self.0.push("Module");
            walk_mod(self, module);
        }
        fn visit_stmt(&mut self, stmt: &Stmt<'a>) {
            self.0.push(stmt.class_name());
            walk_stmt(self, stmt);
        }
        fn visit_expr(&mut self, expr: &Expr<'a>) {
            self.0.push(expr.class_name());
            walk_expr(self, expr);
        }
        fn visit_type_param(&mut self, param: &TypeParam<'a>) {
            self.0.push(param.class_name());
            walk_type_param(self, param);
        }
        fn visit_arguments(&mut self, arguments: &Arguments<'a>) {
            self.0.push("arguments");
            walk_arguments(self, arguments);
        }
        fn visit_arg(&mut self, arg: &Arg<'a>) {
            self.0.push("arg");
            walk_arg(self, arg);
        }
        fn visit_comprehension(&mut self, comprehension: &Comprehension<'a>) {
            self.0.push("comprehension");
            walk_comprehension(self, comprehension);
        }
        fn visit_expr_context(&mut self, ctx: &ExprContext) {
            self.0.push(ctx.class_name());
        }
        fn visit_unary_operator(&mut self, op: &UnaryOperator) {
            self.0.push(op.class_name());
        }
    }

    #[test]
    fn visits_in_cpython_field_order() {
        let arena = Bump::new();
        let module = function(&arena);
        let mut order = Order::default();
        order.visit_mod(&module);
        // CPython 3.13.0: the class names an `ast.NodeVisitor` whose `generic_visit` records
        // `type(node).__name__` sees, in order, for the source of `function`.
        assert_eq!(
            order.0,
            [
                "Module",
                "FunctionDef",
                "arguments",
                "arg",
                "Name",
                "Load",
                "arg",
                "Constant",
                "Constant",
                "Return",
                "DictComp",
                "Name",
                "Load",
                "UnaryOp",
                "USub",
                "Name",
                "Load",
                "comprehension",
                "Name",
                "Store",
                "Name",
                "Load",
                "Name",
                "Load",
                "Name",
                "Load",
                "Name",
                "Load",
                "TypeVar"
            ]
        );
    }

    /// Counts the names, by context, and keeps the loaded ones (`&'a str` outlive the walk).
    #[derive(Default)]
    struct Names<'a> {
        loads: Vec<&'a str>,
        stores: usize,
    }

    impl<'a> Visitor<'a> for Names<'a> {
        fn visit_expr(&mut self, expr: &Expr<'a>) {
            if let Expr::Name(name) = expr {
                match name.ctx {
                    ExprContext::Load => self.loads.push(name.id),
                    _ => self.stores += 1,
                }
            }
            walk_expr(self, expr);
        }
    }

    #[test]
    fn counts_names() {
        let arena = Bump::new();
        let module = function(&arena);
        let loads = {
            let mut names = Names::default();
            names.visit_mod(&module);
            assert_eq!(names.stores, 1);
            names.loads
        };
        assert_eq!(loads, ["int", "k", "v", "x", "k", "d", "r"]);
    }

    /// Renames `x` to `y` (names and parameters), adds one to every integer constant, and
    /// replaces each `w` with a new constant `2` allocated in the tree's arena.
    struct Rewrite<'a> {
        arena: &'a Bump,
    }

    impl<'a> VisitorMut<'a> for Rewrite<'a> {
        fn visit_expr(&mut self, expr: &mut Expr<'a>) {
            match expr {
                Expr::Name(name) if name.id == "x" => name.id = "y",
                Expr::Name(name) if name.id == "w" => *expr = int(self.arena, 2),
                _ => walk_expr_mut(self, expr),
            }
        }

        fn visit_arg(&mut self, arg: &mut Arg<'a>) {
            if arg.arg == "x" {
                arg.arg = "y";
            }
            walk_arg_mut(self, arg);
        }

        fn visit_constant(&mut self, value: &mut ConstantValue<'a>) {
            if let ConstantValue::Int(Int::Small(n)) = value {
                *n += 1;
            }
        }
    }

    #[test]
    fn rewrites_in_place() {
        use ExprContext::Load;
        let arena = Bump::new();
        // def f(x, *, k=1):
        //     return x + z + w
        let sum = binop(
            &arena,
            binop(&arena, name(&arena, "x", Load), name(&arena, "z", Load)),
            name(&arena, "w", Load),
        );
        let def = Stmt::FunctionDef(alloc(
            &arena,
            FunctionDef {
                range: NO,
                name: "f",
                args: alloc(
                    &arena,
                    Arguments {
                        posonlyargs: &mut [],
                        args: alloc_slice(&arena, [arg("x", None)]),
                        vararg: None,
                        kwonlyargs: alloc_slice(&arena, [arg("k", None)]),
                        kw_defaults: alloc_slice(&arena, [Some(int(&arena, 1))]),
                        kwarg: None,
                        defaults: &mut [],
                    },
                ),
                body: alloc_slice(
                    &arena,
                    [Stmt::Return(alloc(
                        &arena,
                        Return {
                            range: NO,
                            value: Some(sum),
                        },
                    ))],
                ),
                decorator_list: &mut [],
                returns: None,
                type_comment: None,
                type_params: &mut [],
            },
        ));
        let mut module = Mod::Module {
            body: alloc_slice(&arena, [def]),
            type_ignores: &mut [],
        };
        Rewrite { arena: &arena }.visit_mod(&mut module);
        // CPython 3.13.0: ast.dump(ast.parse('def f(y, *, k=2):\n    return y + z + 2'))
        assert_eq!(
            dump(&module, &DumpOptions::default()),
            "Module(body=[FunctionDef(name='f', args=arguments(args=[arg(arg='y')], \
             kwonlyargs=[arg(arg='k')], kw_defaults=[Constant(value=2)]), \
             body=[Return(value=BinOp(left=BinOp(left=Name(id='y', ctx=Load()), op=Add(), \
             right=Name(id='z', ctx=Load())), op=Add(), right=Constant(value=2)))])])"
        );
    }

    /// The walk reaches patterns, `match_case` guards and bodies, and `with` items.
    #[test]
    fn reaches_patterns_and_items() {
        use ExprContext::{Load, Store};
        let arena = Bump::new();
        // match s:
        //     case [a, *_] if g: pass
        // with c as v: pass
        let pass = || Stmt::Pass(alloc(&arena, Simple { range: NO }));
        let pattern = Pattern::MatchSequence(alloc(
            &arena,
            MatchSequence {
                range: NO,
                patterns: alloc_slice(
                    &arena,
                    [
                        Pattern::MatchAs(alloc(
                            &arena,
                            MatchAs {
                                range: NO,
                                pattern: None,
                                name: Some("a"),
                            },
                        )),
                        Pattern::MatchStar(alloc(
                            &arena,
                            MatchStar {
                                range: NO,
                                name: None,
                            },
                        )),
                    ],
                ),
            },
        ));
        let match_ = Stmt::Match(alloc(
            &arena,
            Match {
                range: NO,
                subject: name(&arena, "s", Load),
                cases: alloc_slice(
                    &arena,
                    [MatchCase {
                        pattern,
                        guard: Some(name(&arena, "g", Load)),
                        body: alloc_slice(&arena, [pass()]),
                    }],
                ),
            },
        ));
        let with = Stmt::With(alloc(
            &arena,
            With {
                range: NO,
                items: alloc_slice(
                    &arena,
                    [WithItem {
                        context_expr: name(&arena, "c", Load),
                        optional_vars: Some(name(&arena, "v", Store)),
                    }],
                ),
                body: alloc_slice(&arena, [pass()]),
                type_comment: None,
            },
        ));
        let module = Mod::Module {
            body: alloc_slice(&arena, [match_, with]),
            type_ignores: &mut [],
        };

        #[derive(Default)]
        struct Seen(Vec<String>);
        impl<'a> Visitor<'a> for Seen {
            fn visit_stmt(&mut self, stmt: &Stmt<'a>) {
                self.0.push(stmt.class_name().to_string());
                walk_stmt(self, stmt);
            }
            fn visit_expr(&mut self, expr: &Expr<'a>) {
                if let Expr::Name(name) = expr {
                    self.0.push(name.id.to_string());
                }
                walk_expr(self, expr);
            }
            fn visit_pattern(&mut self, pattern: &Pattern<'a>) {
                self.0.push(pattern.class_name().to_string());
                walk_pattern(self, pattern);
            }
        }
        let mut seen = Seen::default();
        seen.visit_mod(&module);
        assert_eq!(
            seen.0,
            [
                "Match",
                "s",
                "MatchSequence",
                "MatchAs",
                "MatchStar",
                "g",
                "Pass",
                "With",
                "c",
                "v",
                "Pass"
            ]
        );
    }
}
