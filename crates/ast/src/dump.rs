//! The text form of a tree: CPython 3.13's `ast.dump`, character for character.
//!
//! [`dump`] gives what `ast.dump(node, annotate_fields=True, include_attributes=…,
//! indent=…)` returns in CPython 3.13 for the same tree:
//!
//! - fields print as `name=value` in CPython's field order; a field whose value is `None` or an
//!   empty list is left out, except the `value` of `Constant` and `MatchSingleton`;
//! - values print as Python's `repr()` (from `taipan-text`): identifiers and strings with
//!   CPython's quoting and escapes, booleans of the ASDL's `int` fields (`AnnAssign.simple`,
//!   `comprehension.is_async`) as `0`/`1`;
//! - with [`DumpOptions::positions`], the nodes that have CPython attributes (statements,
//!   expressions, patterns, `arg`, `keyword`, `alias`, `ExceptHandler`, type parameters) end with
//!   `lineno`, `col_offset`, `end_lineno` and `end_col_offset`, computed from their range;
//! - with [`DumpOptions::indent`], a node whose fields are all simple (no nested node with
//!   fields, no non-empty list) and at most three prints on one line, anything else one field
//!   per line; without it, everything is on one line, separated by `, `.

use std::fmt::Write as _;

use crate::{
    Alias, Arg, Arguments, Comprehension, ConstantValue, ExceptHandler, Expr, Int, Keyword,
    LineIndex, MatchCase, Mod, Pattern, PyStr, Stmt, TextRange, TypeIgnore, TypeParam, WithItem,
};

/// How to print: CPython's `indent` and `include_attributes` arguments.
#[derive(Debug, Default)]
pub struct DumpOptions<'i> {
    /// `indent`: `None` prints on one line; `Some(s)` pretty-prints with `s` per level (CPython
    /// turns an integer indent `n` into `n` spaces: pass `" ".repeat(n)`).
    pub indent: Option<String>,
    /// `include_attributes=True`, with the source's line index to turn ranges into CPython's
    /// line and column numbers.
    pub positions: Option<&'i LineIndex>,
}

/// `ast.dump` of a whole tree.
pub fn dump(module: &Mod<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.module(module, 0);
    printer.out
}

/// `ast.dump` of one expression.
pub fn dump_expr(expr: &Expr<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.expr(expr, 0);
    printer.out
}

/// `ast.dump` of one statement.
pub fn dump_stmt(stmt: &Stmt<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.stmt(stmt, 0);
    printer.out
}

/// `ast.dump` of one pattern.
pub fn dump_pattern(pattern: &Pattern<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.pattern(pattern, 0);
    printer.out
}

/// Writes into one buffer. Every method that prints a value takes the `level` of the node whose
/// field it is and returns whether the value was *simple* (CPython's word: a scalar, an empty
/// list, or a node that printed no fields).
struct Printer<'o> {
    out: String,
    indent: Option<&'o str>,
    positions: Option<&'o LineIndex>,
}

/// A node being printed: how deep it is and where its fields are in the buffer.
struct Open {
    /// The nesting level of the node's fields.
    level: usize,
    /// Where the text after `Class(` starts.
    body: usize,
    /// How many fields were printed.
    count: usize,
    all_simple: bool,
    /// Start and end in the buffer of the first three fields (all a one-line node can have).
    spans: [(usize, usize); 3],
}

impl<'o> Printer<'o> {
    fn new(options: &'o DumpOptions<'o>) -> Printer<'o> {
        Printer {
            out: String::new(),
            indent: options.indent.as_deref(),
            positions: options.positions,
        }
    }

    /// A newline and `level` indents, or nothing on one line.
    fn break_line(&mut self, level: usize) {
        if let Some(indent) = self.indent {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(indent);
            }
        }
    }

    /// The separator between two fields or list items.
    fn separator(&mut self, level: usize) {
        self.out.push(',');
        if self.indent.is_some() {
            self.break_line(level);
        } else {
            self.out.push(' ');
        }
    }

    /// Prints `Class(`, then the fields `fields` writes, then (with positions) the attributes of
    /// `range`, then `)`.
    fn node(
        &mut self,
        level: usize,
        class: &str,
        range: Option<TextRange>,
        fields: impl FnOnce(&mut Self, &mut Open),
    ) -> bool {
        self.out.push_str(class);
        self.out.push('(');
        let mut open = Open {
            level: level + 1,
            body: self.out.len(),
            count: 0,
            all_simple: true,
            spans: [(0, 0); 3],
        };
        fields(self, &mut open);
        if let (Some(range), Some(index)) = (range, self.positions) {
            if range.is_none() {
                for name in ["lineno", "col_offset", "end_lineno", "end_col_offset"] {
                    self.int(&mut open, name, -1);
                }
            } else {
                let position = index.position(range);
                self.int(&mut open, "lineno", position.lineno.into());
                self.int(&mut open, "col_offset", position.col_offset.into());
                self.int(&mut open, "end_lineno", position.end_lineno.into());
                self.int(&mut open, "end_col_offset", position.end_col_offset.into());
            }
        }
        if self.indent.is_some() && open.all_simple && (1..=3).contains(&open.count) {
            // Fields were laid out one per line; a short node of simple fields goes on one.
            open.spans[open.count - 1].1 = self.out.len();
            let laid_out = self.out.split_off(open.body);
            for (i, &(start, end)) in open.spans[..open.count].iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.out
                    .push_str(&laid_out[start - open.body..end - open.body]);
            }
        }
        self.out.push(')');
        open.count == 0
    }

    /// A node with no fields and no attributes: contexts and operators.
    fn leaf(&mut self, class: &str) -> bool {
        self.out.push_str(class);
        self.out.push_str("()");
        true
    }

    /// Prints `name=` and the value `value` writes as a field of `open`.
    fn field(&mut self, open: &mut Open, name: &str, value: impl FnOnce(&mut Self, usize) -> bool) {
        if open.count == 0 {
            self.break_line(open.level);
        } else {
            if open.count <= 3 {
                open.spans[open.count - 1].1 = self.out.len();
            }
            self.separator(open.level);
        }
        if open.count < 3 {
            open.spans[open.count].0 = self.out.len();
        }
        self.out.push_str(name);
        self.out.push('=');
        let simple = value(self, open.level);
        open.all_simple &= simple;
        open.count += 1;
    }

    /// A list value: `[]`, or its items on one line or one per line.
    fn list<T>(
        &mut self,
        level: usize,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T, usize),
    ) -> bool {
        if items.is_empty() {
            self.out.push_str("[]");
            return true;
        }
        let level = level + 1;
        self.out.push('[');
        self.break_line(level);
        for (i, value) in items.iter().enumerate() {
            if i > 0 {
                self.separator(level);
            }
            item(self, value, level);
        }
        self.out.push(']');
        false
    }

    // Fields of the common shapes; `None` and empty lists are left out.

    fn expr_field(&mut self, open: &mut Open, name: &str, expr: &Expr<'_>) {
        self.field(open, name, |p, level| p.expr(expr, level));
    }

    fn opt_expr_field(&mut self, open: &mut Open, name: &str, expr: &Option<Expr<'_>>) {
        if let Some(expr) = expr {
            self.expr_field(open, name, expr);
        }
    }

    fn exprs_field(&mut self, open: &mut Open, name: &str, exprs: &[Expr<'_>]) {
        if !exprs.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, exprs, |p, e, level| {
                    p.expr(e, level);
                })
            });
        }
    }

    /// `Dict.keys` and `arguments.kw_defaults`: a missing item prints as `None`.
    fn opt_exprs_field(&mut self, open: &mut Open, name: &str, exprs: &[Option<Expr<'_>>]) {
        if !exprs.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, exprs, |p, e, level| match e {
                    Some(e) => {
                        p.expr(e, level);
                    }
                    None => p.out.push_str("None"),
                })
            });
        }
    }

    fn stmts_field(&mut self, open: &mut Open, name: &str, stmts: &[Stmt<'_>]) {
        if !stmts.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, stmts, |p, s, level| {
                    p.stmt(s, level);
                })
            });
        }
    }

    fn patterns_field(&mut self, open: &mut Open, name: &str, patterns: &[Pattern<'_>]) {
        if !patterns.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, patterns, |p, pattern, level| {
                    p.pattern(pattern, level);
                })
            });
        }
    }

    fn type_params_field(&mut self, open: &mut Open, params: &[TypeParam<'_>]) {
        if !params.is_empty() {
            self.field(open, "type_params", |p, level| {
                p.list(level, params, |p, param, level| {
                    p.type_param(param, level);
                })
            });
        }
    }

    fn keywords_field(&mut self, open: &mut Open, keywords: &[Keyword<'_>]) {
        if !keywords.is_empty() {
            self.field(open, "keywords", |p, level| {
                p.list(level, keywords, |p, k, level| {
                    p.keyword(k, level);
                })
            });
        }
    }

    fn generators_field(&mut self, open: &mut Open, generators: &[Comprehension<'_>]) {
        if !generators.is_empty() {
            self.field(open, "generators", |p, level| {
                p.list(level, generators, |p, c, level| {
                    p.comprehension(c, level);
                })
            });
        }
    }

    fn aliases_field(&mut self, open: &mut Open, names: &[Alias<'_>]) {
        if !names.is_empty() {
            self.field(open, "names", |p, level| {
                p.list(level, names, |p, a, level| {
                    p.alias(a, level);
                })
            });
        }
    }

    /// An identifier or other string field.
    fn str_field(&mut self, open: &mut Open, name: &str, text: &str) {
        self.field(open, name, |p, _| {
            taipan_text::push_str_repr(&mut p.out, text);
            true
        });
    }

    fn opt_str_field(&mut self, open: &mut Open, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.str_field(open, name, text);
        }
    }

    fn strs_field(&mut self, open: &mut Open, name: &str, texts: &[&str]) {
        if !texts.is_empty() {
            self.field(open, name, |p, level| {
                p.list(level, texts, |p, text, _| {
                    taipan_text::push_str_repr(&mut p.out, text);
                })
            });
        }
    }

    fn int(&mut self, open: &mut Open, name: &str, value: i64) {
        self.field(open, name, |p, _| {
            let _ = write!(p.out, "{value}");
            true
        });
    }

    fn bool_field(&mut self, open: &mut Open, name: &str, value: bool) {
        self.int(open, name, i64::from(value));
    }

    fn leaf_field(&mut self, open: &mut Open, name: &str, class: &str) {
        self.field(open, name, |p, _| p.leaf(class));
    }

    fn constant_field(&mut self, open: &mut Open, value: &ConstantValue<'_>) {
        self.field(open, "value", |p, _| {
            p.constant(value);
            true
        });
    }

    /// The `repr()` of a constant.
    fn constant(&mut self, value: &ConstantValue<'_>) {
        push_constant_repr(&mut self.out, value);
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

    fn args_field(&mut self, open: &mut Open, name: &str, args: &[Arg<'_>]) {
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

/// The `repr()` of a Python string, lone surrogates included.
fn push_py_str_repr(out: &mut String, text: PyStr<'_>) {
    match text.as_str() {
        Some(text) => taipan_text::push_str_repr(out, text),
        None => {
            let code_points: Vec<u32> = text.code_points().collect();
            taipan_text::push_code_points_repr(out, code_points)
        }
    }
}

/// The `repr()` of a constant, as `ast.dump` prints a `Constant`'s value. A `frozenset`'s
/// items print in CPython's iteration order under the hash secret of `PYTHONHASHSEED=0` (the
/// order of `str` and `bytes` items depends on the seed; seed 0 makes it deterministic).
pub fn push_constant_repr(out: &mut String, value: &ConstantValue<'_>) {
    // Constant tuples nest as deep as the source's brackets.
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || {
        push_constant_repr_inner(out, value)
    });
}

fn push_constant_repr_inner(out: &mut String, value: &ConstantValue<'_>) {
    match value {
        ConstantValue::None => out.push_str("None"),
        ConstantValue::True => out.push_str("True"),
        ConstantValue::False => out.push_str("False"),
        ConstantValue::Ellipsis => out.push_str("Ellipsis"),
        ConstantValue::Int(Int::Small(n)) => {
            let _ = write!(out, "{n}");
        }
        ConstantValue::Int(Int::Big(limbs)) => taipan_text::push_limbs_repr(out, limbs),
        ConstantValue::Int(Int::BigNeg(limbs)) => {
            out.push('-');
            taipan_text::push_limbs_repr(out, limbs)
        }
        ConstantValue::Float(x) => taipan_text::push_float_repr(out, *x),
        ConstantValue::Complex { real, imag } => taipan_text::push_complex_repr(out, *real, *imag),
        ConstantValue::Str(s) => push_py_str_repr(out, *s),
        ConstantValue::Bytes(b) => taipan_text::push_bytes_repr(out, b),
        ConstantValue::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_constant_repr(out, item);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        ConstantValue::FrozenSet(items) => {
            if items.is_empty() {
                out.push_str("frozenset()");
                return;
            }
            out.push_str("frozenset({");
            let order = crate::frozenset_order(items, &taipan_hash::HashSecret::default());
            for (i, &index) in order.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if let Some(item) = items.get(index) {
                    push_constant_repr(out, item);
                }
            }
            out.push_str("})");
        }
    }
}
