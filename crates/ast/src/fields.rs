//! Every node's fields, in CPython's order, walked once for every consumer of a tree:
//! [`TreeSink`] is told each node's class, position and fields, and each field's value (a node,
//! a list, a string, an int, a constant). `ast.dump`'s text ([`crate::dump`]) is one sink; the
//! VM's `ast` module, which builds Python node objects, is another. So the knowledge of which
//! fields each of CPython's ~100 node classes has, and in what order, lives here alone.
//!
//! As `ast.dump` prints them, a field whose value is `None` or an empty list is not reported
//! (except the `value` of `Constant` and `MatchSingleton`): a sink that builds nodes fills those
//! fields with the class defaults (`None`, `[]`).

use crate::{
    Alias, Arg, Arguments, Comprehension, ConstantValue, ExceptHandler, Expr, Keyword, MatchCase,
    Mod, Pattern, Stmt, TextRange, TypeIgnore, TypeParam, WithItem,
};

/// A consumer of a tree's nodes. Implement the primitives; the node walks are provided.
/// `level` is the nesting depth of the value being reported (for indentation).
pub trait TreeSink: Sized {
    /// What a sink keeps while a node's fields are reported.
    type Open;

    /// A node of class `class`: `fields` reports its fields into the `Open` state; `range`,
    /// when the class has position attributes, gives them. Returns whether the node was
    /// *simple* (as `ast.dump` means it: it printed no fields).
    fn node(
        &mut self,
        level: usize,
        class: &str,
        range: Option<TextRange>,
        fields: impl FnOnce(&mut Self, &mut Self::Open),
    ) -> bool;

    /// A node with no fields and no attributes: a context or an operator.
    fn leaf(&mut self, class: &str) -> bool;

    /// A field named `name` whose value `value` reports (and says whether it was simple).
    fn field(
        &mut self,
        open: &mut Self::Open,
        name: &str,
        value: impl FnOnce(&mut Self, usize) -> bool,
    );

    /// A list value: `item` reports each item.
    fn list<T>(
        &mut self,
        level: usize,
        items: &[T],
        item: impl FnMut(&mut Self, &T, usize),
    ) -> bool;

    /// An identifier or other string value.
    fn string(&mut self, text: &str) -> bool;

    /// An int value (ASDL `int` fields; booleans among them as 0 and 1).
    fn int_value(&mut self, value: i64) -> bool;

    /// A constant: the `value` of `Constant` and `MatchSingleton`.
    fn constant(&mut self, value: &ConstantValue<'_>) -> bool;

    /// `None` as a list item (`Dict.keys`, `arguments.kw_defaults`).
    fn none(&mut self) -> bool;

    // Fields of the common shapes; `None` and empty lists are left out.

    fn expr_field(&mut self, open: &mut Self::Open, name: &str, expr: &Expr<'_>) {
        self.field(open, name, |p, level| p.expr(expr, level));
    }

    fn opt_expr_field(&mut self, open: &mut Self::Open, name: &str, expr: &Option<Expr<'_>>) {
        if let Some(expr) = expr {
            self.expr_field(open, name, expr);
        }
    }

    fn exprs_field(&mut self, open: &mut Self::Open, name: &str, exprs: &[Expr<'_>]) {
        if !exprs.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, exprs, |p, e, level| {
                    p.expr(e, level);
                })
            });
        }
    }

    /// `Dict.keys` and `arguments.kw_defaults`: a missing item prints as `None`.
    fn opt_exprs_field(&mut self, open: &mut Self::Open, name: &str, exprs: &[Option<Expr<'_>>]) {
        if !exprs.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, exprs, |p, e, level| match e {
                    Some(e) => {
                        p.expr(e, level);
                    }
                    None => {
                        p.none();
                    }
                })
            });
        }
    }

    fn stmts_field(&mut self, open: &mut Self::Open, name: &str, stmts: &[Stmt<'_>]) {
        if !stmts.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, stmts, |p, s, level| {
                    p.stmt(s, level);
                })
            });
        }
    }

    fn patterns_field(&mut self, open: &mut Self::Open, name: &str, patterns: &[Pattern<'_>]) {
        if !patterns.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, patterns, |p, pattern, level| {
                    p.pattern(pattern, level);
                })
            });
        }
    }

    fn type_params_field(&mut self, open: &mut Self::Open, params: &[TypeParam<'_>]) {
        if !params.is_empty() {
            self.field(open, "type_params", |p, level| {
                p.list(level, params, |p, param, level| {
                    p.type_param(param, level);
                })
            });
        }
    }

    fn keywords_field(&mut self, open: &mut Self::Open, keywords: &[Keyword<'_>]) {
        if !keywords.is_empty() {
            self.field(open, "keywords", |p, level| {
                p.list(level, keywords, |p, k, level| {
                    p.keyword(k, level);
                })
            });
        }
    }

    fn generators_field(&mut self, open: &mut Self::Open, generators: &[Comprehension<'_>]) {
        if !generators.is_empty() {
            self.field(open, "generators", |p, level| {
                p.list(level, generators, |p, c, level| {
                    p.comprehension(c, level);
                })
            });
        }
    }

    fn aliases_field(&mut self, open: &mut Self::Open, names: &[Alias<'_>]) {
        if !names.is_empty() {
            self.field(open, "names", |p, level| {
                p.list(level, names, |p, a, level| {
                    p.alias(a, level);
                })
            });
        }
    }

    /// An identifier or other string field.
    fn str_field(&mut self, open: &mut Self::Open, name: &str, text: &str) {
        self.field(open, name, |p, _| p.string(text));
    }

    fn opt_str_field(&mut self, open: &mut Self::Open, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.str_field(open, name, text);
        }
    }

    fn strs_field(&mut self, open: &mut Self::Open, name: &str, texts: &[&str]) {
        if !texts.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, texts, |p, text, _| {
                    p.string(text);
                })
            });
        }
    }

    fn int(&mut self, open: &mut Self::Open, name: &str, value: i64) {
        self.field(open, name, |p, _| p.int_value(value));
    }

    fn bool_field(&mut self, open: &mut Self::Open, name: &str, value: bool) {
        self.int(open, name, i64::from(value));
    }

    fn leaf_field(&mut self, open: &mut Self::Open, name: &str, class: &str) {
        self.field(open, name, |p, _| p.leaf(class));
    }

    fn constant_field(&mut self, open: &mut Self::Open, value: &ConstantValue<'_>) {
        self.field(open, "value", |p, _| p.constant(value));
    }

    // The nodes.

    fn module(&mut self, module: &Mod<'_>, level: usize) -> bool {
        match module {
            Mod::Module { body, type_ignores } => self.node(level, "Module", None, |p, o| {
                p.stmts_field(o, "body", body);
                if !type_ignores.is_empty() {
                    p.field(o, "type_ignores", |p, level| {
                        p.list(level, type_ignores, |p, t, level| {
                            p.type_ignore(t, level);
                        })
                    });
                }
            }),
            Mod::Interactive { body } => self.node(level, "Interactive", None, |p, o| {
                p.stmts_field(o, "body", body);
            }),
            Mod::Expression { body } => self.node(level, "Expression", None, |p, o| {
                p.expr_field(o, "body", body);
            }),
            Mod::FunctionType { argtypes, returns } => {
                self.node(level, "FunctionType", None, |p, o| {
                    p.exprs_field(o, "argtypes", argtypes);
                    p.expr_field(o, "returns", returns);
                })
            }
        }
    }

    fn type_ignore(&mut self, ignore: &TypeIgnore<'_>, level: usize) -> bool {
        self.node(level, "TypeIgnore", None, |p, o| {
            p.int(o, "lineno", ignore.lineno.into());
            p.str_field(o, "tag", ignore.tag);
        })
    }

    fn stmt(&mut self, stmt: &Stmt<'_>, level: usize) -> bool {
        let range = Some(stmt.range());
        let class = stmt.class_name();
        match stmt {
            Stmt::FunctionDef(n) | Stmt::AsyncFunctionDef(n) => {
                self.node(level, class, range, |p, o| {
                    p.str_field(o, "name", n.name);
                    p.field(o, "args", |p, level| p.arguments(n.args, level));
                    p.stmts_field(o, "body", n.body);
                    p.exprs_field(o, "decorator_list", n.decorator_list);
                    p.opt_expr_field(o, "returns", &n.returns);
                    p.opt_str_field(o, "type_comment", n.type_comment);
                    p.type_params_field(o, n.type_params);
                })
            }
            Stmt::ClassDef(n) => self.node(level, class, range, |p, o| {
                p.str_field(o, "name", n.name);
                p.exprs_field(o, "bases", n.bases);
                p.keywords_field(o, n.keywords);
                p.stmts_field(o, "body", n.body);
                p.exprs_field(o, "decorator_list", n.decorator_list);
                p.type_params_field(o, n.type_params);
            }),
            Stmt::Return(n) => self.node(level, class, range, |p, o| {
                p.opt_expr_field(o, "value", &n.value);
            }),
            Stmt::Delete(n) => self.node(level, class, range, |p, o| {
                p.exprs_field(o, "targets", n.targets);
            }),
            Stmt::Assign(n) => self.node(level, class, range, |p, o| {
                p.exprs_field(o, "targets", n.targets);
                p.expr_field(o, "value", &n.value);
                p.opt_str_field(o, "type_comment", n.type_comment);
            }),
            Stmt::TypeAlias(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "name", &n.name);
                p.type_params_field(o, n.type_params);
                p.expr_field(o, "value", &n.value);
            }),
            Stmt::AugAssign(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "target", &n.target);
                p.leaf_field(o, "op", n.op.class_name());
                p.expr_field(o, "value", &n.value);
            }),
            Stmt::AnnAssign(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "target", &n.target);
                p.expr_field(o, "annotation", &n.annotation);
                p.opt_expr_field(o, "value", &n.value);
                p.bool_field(o, "simple", n.simple);
            }),
            Stmt::For(n) | Stmt::AsyncFor(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "target", &n.target);
                p.expr_field(o, "iter", &n.iter);
                p.stmts_field(o, "body", n.body);
                p.stmts_field(o, "orelse", n.orelse);
                p.opt_str_field(o, "type_comment", n.type_comment);
            }),
            Stmt::While(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "test", &n.test);
                p.stmts_field(o, "body", n.body);
                p.stmts_field(o, "orelse", n.orelse);
            }),
            Stmt::If(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "test", &n.test);
                p.stmts_field(o, "body", n.body);
                p.stmts_field(o, "orelse", n.orelse);
            }),
            Stmt::With(n) | Stmt::AsyncWith(n) => self.node(level, class, range, |p, o| {
                if !n.items.is_empty() {
                    p.field(o, "items", |p, level| {
                        p.list(level, n.items, |p, item, level| {
                            p.with_item(item, level);
                        })
                    });
                }
                p.stmts_field(o, "body", n.body);
                p.opt_str_field(o, "type_comment", n.type_comment);
            }),
            Stmt::Match(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "subject", &n.subject);
                if !n.cases.is_empty() {
                    p.field(o, "cases", |p, level| {
                        p.list(level, n.cases, |p, case, level| {
                            p.match_case(case, level);
                        })
                    });
                }
            }),
            Stmt::Raise(n) => self.node(level, class, range, |p, o| {
                p.opt_expr_field(o, "exc", &n.exc);
                p.opt_expr_field(o, "cause", &n.cause);
            }),
            Stmt::Try(n) | Stmt::TryStar(n) => self.node(level, class, range, |p, o| {
                p.stmts_field(o, "body", n.body);
                if !n.handlers.is_empty() {
                    p.field(o, "handlers", |p, level| {
                        p.list(level, n.handlers, |p, h, level| {
                            p.except_handler(h, level);
                        })
                    });
                }
                p.stmts_field(o, "orelse", n.orelse);
                p.stmts_field(o, "finalbody", n.finalbody);
            }),
            Stmt::Assert(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "test", &n.test);
                p.opt_expr_field(o, "msg", &n.msg);
            }),
            Stmt::Import(n) => self.node(level, class, range, |p, o| {
                p.aliases_field(o, n.names);
            }),
            Stmt::ImportFrom(n) => self.node(level, class, range, |p, o| {
                p.opt_str_field(o, "module", n.module);
                p.aliases_field(o, n.names);
                p.int(o, "level", n.level.into());
            }),
            Stmt::Global(n) | Stmt::Nonlocal(n) => self.node(level, class, range, |p, o| {
                p.strs_field(o, "names", n.names);
            }),
            Stmt::Expr(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
            }),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {
                self.node(level, class, range, |_, _| {})
            }
        }
    }

    fn expr(&mut self, expr: &Expr<'_>, level: usize) -> bool {
        // Expressions nest as deep as CPython allows (about 10,000 levels): grow the stack
        // rather than overflow it, whatever thread dumps.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_node(expr, level))
    }

    fn expr_node(&mut self, expr: &Expr<'_>, level: usize) -> bool {
        let range = Some(expr.range());
        let class = expr.class_name();
        match expr {
            Expr::BoolOp(n) => self.node(level, class, range, |p, o| {
                p.leaf_field(o, "op", n.op.class_name());
                p.exprs_field(o, "values", n.values);
            }),
            Expr::NamedExpr(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "target", &n.target);
                p.expr_field(o, "value", &n.value);
            }),
            Expr::BinOp(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "left", &n.left);
                p.leaf_field(o, "op", n.op.class_name());
                p.expr_field(o, "right", &n.right);
            }),
            Expr::UnaryOp(n) => self.node(level, class, range, |p, o| {
                p.leaf_field(o, "op", n.op.class_name());
                p.expr_field(o, "operand", &n.operand);
            }),
            Expr::Lambda(n) => self.node(level, class, range, |p, o| {
                p.field(o, "args", |p, level| p.arguments(n.args, level));
                p.expr_field(o, "body", &n.body);
            }),
            Expr::IfExp(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "test", &n.test);
                p.expr_field(o, "body", &n.body);
                p.expr_field(o, "orelse", &n.orelse);
            }),
            Expr::Dict(n) => self.node(level, class, range, |p, o| {
                p.opt_exprs_field(o, "keys", n.keys);
                p.exprs_field(o, "values", n.values);
            }),
            Expr::Set(n) => self.node(level, class, range, |p, o| {
                p.exprs_field(o, "elts", n.elts);
            }),
            Expr::ListComp(n) | Expr::SetComp(n) | Expr::GeneratorExp(n) => {
                self.node(level, class, range, |p, o| {
                    p.expr_field(o, "elt", &n.elt);
                    p.generators_field(o, n.generators);
                })
            }
            Expr::DictComp(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "key", &n.key);
                p.expr_field(o, "value", &n.value);
                p.generators_field(o, n.generators);
            }),
            Expr::Await(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
            }),
            Expr::Yield(n) => self.node(level, class, range, |p, o| {
                p.opt_expr_field(o, "value", &n.value);
            }),
            Expr::YieldFrom(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
            }),
            Expr::Compare(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "left", &n.left);
                if !n.ops.is_empty() {
                    p.field(o, "ops", |p, level| {
                        p.list(level, n.ops, |p, op, _| {
                            p.leaf(op.class_name());
                        })
                    });
                }
                p.exprs_field(o, "comparators", n.comparators);
            }),
            Expr::Call(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "func", &n.func);
                p.exprs_field(o, "args", n.args);
                p.keywords_field(o, n.keywords);
            }),
            Expr::FormattedValue(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
                p.int(o, "conversion", n.conversion.into());
                p.opt_expr_field(o, "format_spec", &n.format_spec);
            }),
            Expr::JoinedStr(n) => self.node(level, class, range, |p, o| {
                p.exprs_field(o, "values", n.values);
            }),
            Expr::Constant(n) => self.node(level, class, range, |p, o| {
                p.constant_field(o, &n.value);
                p.opt_str_field(o, "kind", n.kind);
            }),
            Expr::Attribute(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
                p.str_field(o, "attr", n.attr);
                p.leaf_field(o, "ctx", n.ctx.class_name());
            }),
            Expr::Subscript(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
                p.expr_field(o, "slice", &n.slice);
                p.leaf_field(o, "ctx", n.ctx.class_name());
            }),
            Expr::Starred(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
                p.leaf_field(o, "ctx", n.ctx.class_name());
            }),
            Expr::Name(n) => self.node(level, class, range, |p, o| {
                p.str_field(o, "id", n.id);
                p.leaf_field(o, "ctx", n.ctx.class_name());
            }),
            Expr::List(n) => self.node(level, class, range, |p, o| {
                p.exprs_field(o, "elts", n.elts);
                p.leaf_field(o, "ctx", n.ctx.class_name());
            }),
            Expr::Tuple(n) => self.node(level, class, range, |p, o| {
                p.exprs_field(o, "elts", n.elts);
                p.leaf_field(o, "ctx", n.ctx.class_name());
            }),
            Expr::Slice(n) => self.node(level, class, range, |p, o| {
                p.opt_expr_field(o, "lower", &n.lower);
                p.opt_expr_field(o, "upper", &n.upper);
                p.opt_expr_field(o, "step", &n.step);
            }),
        }
    }

    fn pattern(&mut self, pattern: &Pattern<'_>, level: usize) -> bool {
        let range = Some(pattern.range());
        let class = pattern.class_name();
        match pattern {
            Pattern::MatchValue(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "value", &n.value);
            }),
            Pattern::MatchSingleton(n) => self.node(level, class, range, |p, o| {
                p.constant_field(o, &n.value);
            }),
            Pattern::MatchSequence(n) => self.node(level, class, range, |p, o| {
                p.patterns_field(o, "patterns", n.patterns);
            }),
            Pattern::MatchMapping(n) => self.node(level, class, range, |p, o| {
                p.exprs_field(o, "keys", n.keys);
                p.patterns_field(o, "patterns", n.patterns);
                p.opt_str_field(o, "rest", n.rest);
            }),
            Pattern::MatchClass(n) => self.node(level, class, range, |p, o| {
                p.expr_field(o, "cls", &n.cls);
                p.patterns_field(o, "patterns", n.patterns);
                p.strs_field(o, "kwd_attrs", n.kwd_attrs);
                p.patterns_field(o, "kwd_patterns", n.kwd_patterns);
            }),
            Pattern::MatchStar(n) => self.node(level, class, range, |p, o| {
                p.opt_str_field(o, "name", n.name);
            }),
            Pattern::MatchAs(n) => self.node(level, class, range, |p, o| {
                if let Some(pattern) = &n.pattern {
                    p.field(o, "pattern", |p, level| p.pattern(pattern, level));
                }
                p.opt_str_field(o, "name", n.name);
            }),
            Pattern::MatchOr(n) => self.node(level, class, range, |p, o| {
                p.patterns_field(o, "patterns", n.patterns);
            }),
        }
    }

    fn type_param(&mut self, param: &TypeParam<'_>, level: usize) -> bool {
        let data = param.data();
        self.node(level, param.class_name(), Some(data.range), |p, o| {
            p.str_field(o, "name", data.name);
            p.opt_expr_field(o, "bound", &data.bound);
            p.opt_expr_field(o, "default_value", &data.default_value);
        })
    }

    fn arguments(&mut self, args: &Arguments<'_>, level: usize) -> bool {
        self.node(level, "arguments", None, |p, o| {
            p.args_field(o, "posonlyargs", args.posonlyargs);
            p.args_field(o, "args", args.args);
            if let Some(arg) = &args.vararg {
                p.field(o, "vararg", |p, level| p.arg(arg, level));
            }
            p.args_field(o, "kwonlyargs", args.kwonlyargs);
            p.opt_exprs_field(o, "kw_defaults", args.kw_defaults);
            if let Some(arg) = &args.kwarg {
                p.field(o, "kwarg", |p, level| p.arg(arg, level));
            }
            p.exprs_field(o, "defaults", args.defaults);
        })
    }

    fn args_field(&mut self, open: &mut Self::Open, name: &str, args: &[Arg<'_>]) {
        if !args.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, args, |p, a, level| {
                    p.arg(a, level);
                })
            });
        }
    }

    fn arg(&mut self, arg: &Arg<'_>, level: usize) -> bool {
        self.node(level, "arg", Some(arg.range), |p, o| {
            p.str_field(o, "arg", arg.arg);
            p.opt_expr_field(o, "annotation", &arg.annotation);
            p.opt_str_field(o, "type_comment", arg.type_comment);
        })
    }

    fn keyword(&mut self, keyword: &Keyword<'_>, level: usize) -> bool {
        self.node(level, "keyword", Some(keyword.range), |p, o| {
            p.opt_str_field(o, "arg", keyword.arg);
            p.expr_field(o, "value", &keyword.value);
        })
    }

    fn alias(&mut self, alias: &Alias<'_>, level: usize) -> bool {
        self.node(level, "alias", Some(alias.range), |p, o| {
            p.str_field(o, "name", alias.name);
            p.opt_str_field(o, "asname", alias.asname);
        })
    }

    fn with_item(&mut self, item: &WithItem<'_>, level: usize) -> bool {
        self.node(level, "withitem", None, |p, o| {
            p.expr_field(o, "context_expr", &item.context_expr);
            p.opt_expr_field(o, "optional_vars", &item.optional_vars);
        })
    }

    fn match_case(&mut self, case: &MatchCase<'_>, level: usize) -> bool {
        self.node(level, "match_case", None, |p, o| {
            p.field(o, "pattern", |p, level| p.pattern(&case.pattern, level));
            p.opt_expr_field(o, "guard", &case.guard);
            p.stmts_field(o, "body", case.body);
        })
    }

    fn except_handler(&mut self, handler: &ExceptHandler<'_>, level: usize) -> bool {
        self.node(level, "ExceptHandler", Some(handler.range), |p, o| {
            p.opt_expr_field(o, "type", &handler.type_);
            p.opt_str_field(o, "name", handler.name);
            p.stmts_field(o, "body", handler.body);
        })
    }

    fn comprehension(&mut self, comprehension: &Comprehension<'_>, level: usize) -> bool {
        self.node(level, "comprehension", None, |p, o| {
            p.expr_field(o, "target", &comprehension.target);
            p.expr_field(o, "iter", &comprehension.iter);
            p.exprs_field(o, "ifs", comprehension.ifs);
            p.bool_field(o, "is_async", comprehension.is_async);
        })
    }
}
