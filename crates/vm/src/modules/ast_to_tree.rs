//! `compile()` of an `ast` node object: the node objects become the ast crate's arena tree
//! (CPython's `obj2ast`), which the compiler stage then compiles as it compiles parsed source.
//!
//! **Positions.** The arena tree keeps byte ranges into a source, where node objects carry
//! `lineno`/`col_offset` pairs. The converter makes a source-free [`LineIndex`] whose lines
//! all have the same length, longer than any column in the tree, so that each `(line,
//! column)` is one offset and the compiler's line table comes out as the objects say.
//! Missing `end_lineno`/`end_col_offset` default to the start, as CPython's.
//!
//! Errors are CPython's `TypeError`s and `ValueError`s: a missing required field, a field of
//! the wrong type, an unknown node.

use bumpalo::Bump;
use taipan_ast::*;

use crate::error::PyResult;
use crate::object::Payload;
use crate::ops::attr;
use crate::str::{StrData, StrObj};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// The tree of `node` (an `ast.mod` object) in `arena`, and the line index its ranges use.
pub fn convert<'a>(
    vm: &mut Vm,
    ast_module: &Value,
    node: &Value,
    arena: &'a Bump,
) -> PyResult<(Mod<'a>, LineIndex)> {
    let Some(ast_dict) = attr::instance_dict(ast_module) else {
        return Err(vm.system_error("the ast module has no namespace"));
    };
    let (max_line, max_col) = extent(vm, node)?;
    let stride = max_col.saturating_add(2).max(1);
    if u64::from(max_line + 2) * u64::from(stride) >= u64::from(u32::MAX) {
        return Err(vm.value_error("AST positions out of range"));
    }
    let starts = (0..=max_line + 1).map(|line| line * stride).collect();
    let mut conv = Converter {
        vm,
        arena,
        ast: ast_dict,
        stride,
        depth: 0,
    };
    let tree = conv.module(node)?;
    Ok((tree, LineIndex::from_line_starts(starts)))
}

/// The largest line and column numbers any node in the tree carries (for the line stride).
/// Iterative: trees built in Python can be arbitrarily deep (the conversion itself then stops
/// at CPython's depth limit). Shared nodes are visited once.
fn extent(vm: &mut Vm, node: &Value) -> PyResult<(u32, u32)> {
    let mut line = 0u32;
    let mut col = 0u32;
    let mut seen = std::collections::HashSet::new();
    let mut todo = vec![node.clone()];
    while let Some(node) = todo.pop() {
        match node.payload() {
            Some(Payload::List(items)) => {
                todo.extend(items.borrow().iter().cloned());
                continue;
            }
            Some(Payload::Instance { .. }) => {}
            _ => continue,
        }
        if let Value::Obj(o) = &node
            && !seen.insert(o.id())
        {
            continue;
        }
        let Some(dict) = attr::instance_dict(&node) else {
            continue;
        };
        let entries = match dict.payload() {
            Payload::Dict(d) => d.borrow().items(),
            _ => Vec::new(),
        };
        for (key, value) in entries {
            let key = vm.str_lossy(&key);
            let clamp = |n: i64| n.clamp(0, i64::from(u32::MAX / 2)) as u32;
            match (key.as_str(), &value) {
                ("lineno" | "end_lineno", Value::Int(n)) => line = line.max(clamp(*n)),
                ("col_offset" | "end_col_offset", Value::Int(n)) => col = col.max(clamp(*n)),
                _ => {
                    if matches!(
                        value.payload(),
                        Some(Payload::List(_) | Payload::Instance { .. })
                    ) {
                        todo.push(value);
                    }
                }
            }
        }
    }
    Ok((line, col))
}

struct Converter<'v, 'a> {
    vm: &'v mut Vm,
    arena: &'a Bump,
    /// The `ast` module's namespace (its node classes).
    ast: Obj,
    stride: u32,
    /// How many statements, expressions and patterns enclose the node being converted.
    depth: usize,
}

/// CPython's C recursion limit, which bounds `obj2ast` too.
const MAX_DEPTH: usize = 10_000;

impl<'a> Converter<'_, 'a> {
    /// Whether `obj` is an instance of the `ast` class `name`.
    fn is(&mut self, obj: &Value, name: &str) -> bool {
        match crate::ops::mapping::dict_get_str(self.vm, &self.ast, name) {
            Some(Value::Obj(class)) => self.vm.is_instance_of(obj, &class),
            _ => false,
        }
    }

    /// The attribute `name` of `obj`, if set (and not `None`).
    fn get(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let n = self.vm.intern(name);
        Ok(attr::get_attr_opt(self.vm, obj, &n)?.filter(|v| !v.is_none()))
    }

    /// A required field: CPython's `required field "NAME" missing from OWNER`.
    fn required(&mut self, obj: &Value, name: &str, owner: &str) -> PyResult<Value> {
        match self.get(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self
                .vm
                .type_error(format!("required field \"{name}\" missing from {owner}"))),
        }
    }

    fn int_field(&mut self, obj: &Value, name: &str, owner: &str) -> PyResult<i64> {
        let v = self.required(obj, name, owner)?;
        match v {
            Value::Int(n) => Ok(n),
            Value::Bool(b) => Ok(i64::from(b.get())),
            _ => Err(self.vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                self.vm.type_name(&v)
            ))),
        }
    }

    fn offset(&self, line: i64, col: i64) -> u32 {
        let line = line.clamp(1, i64::from(u32::MAX)) as u32;
        let col = col.clamp(0, i64::from(self.stride - 1)) as u32;
        (line - 1).saturating_mul(self.stride).saturating_add(col)
    }

    /// The range of a node with position attributes.
    fn range(&mut self, obj: &Value, owner: &str) -> PyResult<TextRange> {
        let line = self.int_field(obj, "lineno", owner)?;
        let col = self.int_field(obj, "col_offset", owner)?;
        let end_line = match self.get(obj, "end_lineno")? {
            Some(Value::Int(n)) => n,
            _ => line,
        };
        let end_col = match self.get(obj, "end_col_offset")? {
            Some(Value::Int(n)) => n,
            _ => col,
        };
        Ok(TextRange::new(
            self.offset(line, col),
            self.offset(end_line, end_col),
        ))
    }

    fn ident(&mut self, v: &Value) -> PyResult<&'a str> {
        match v.as_str_obj() {
            Some(s) => Ok(self.arena.alloc_str(&s.to_lossy())),
            _ => Err(self.vm.type_error("AST identifier must be of type str")),
        }
    }

    fn ident_field(&mut self, obj: &Value, name: &str, owner: &str) -> PyResult<&'a str> {
        let v = self.required(obj, name, owner)?;
        self.ident(&v)
    }

    fn opt_ident(&mut self, obj: &Value, name: &str) -> PyResult<Option<&'a str>> {
        match self.get(obj, name)? {
            Some(v) => self.ident(&v).map(Some),
            None => Ok(None),
        }
    }

    /// A list field: CPython's `OWNER field "NAME" must be a list, not a X`.
    fn list<T>(
        &mut self,
        obj: &Value,
        name: &str,
        owner: &str,
        mut item: impl FnMut(&mut Self, &Value) -> PyResult<T>,
    ) -> PyResult<&'a mut [T]> {
        let Some(v) = self.get(obj, name)? else {
            return Ok(&mut []);
        };
        let items = match v.payload() {
            Some(Payload::List(items)) => items.borrow().clone(),
            _ => {
                return Err(self.vm.type_error(format!(
                    "{owner} field \"{name}\" must be a list, not a {}",
                    self.vm.type_name(&v)
                )));
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for it in &items {
            out.push(item(self, it)?);
        }
        Ok(self.arena.alloc_slice_fill_iter(out))
    }

    fn exprs(&mut self, obj: &Value, name: &str, owner: &str) -> PyResult<&'a mut [Expr<'a>]> {
        self.list(obj, name, owner, |c, v| c.expr(v))
    }

    fn stmts(&mut self, obj: &Value, name: &str, owner: &str) -> PyResult<&'a mut [Stmt<'a>]> {
        self.list(obj, name, owner, |c, v| c.stmt(v))
    }

    fn expr_field(&mut self, obj: &Value, name: &str, owner: &str) -> PyResult<Expr<'a>> {
        let v = self.required(obj, name, owner)?;
        self.expr(&v)
    }

    fn opt_expr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Expr<'a>>> {
        match self.get(obj, name)? {
            Some(v) => self.expr(&v).map(Some),
            None => Ok(None),
        }
    }

    fn module(&mut self, obj: &Value) -> PyResult<Mod<'a>> {
        if self.is(obj, "Module") {
            Ok(Mod::Module {
                body: self.stmts(obj, "body", "Module")?,
                type_ignores: self.list(obj, "type_ignores", "Module", |c, v| {
                    Ok(TypeIgnore {
                        lineno: c.int_field(v, "lineno", "TypeIgnore")?.max(0) as u32,
                        tag: {
                            let t = c.required(v, "tag", "TypeIgnore")?;
                            c.ident(&t)?
                        },
                    })
                })?,
            })
        } else if self.is(obj, "Expression") {
            Ok(Mod::Expression {
                body: self.expr_field(obj, "body", "Expression")?,
            })
        } else if self.is(obj, "Interactive") {
            Ok(Mod::Interactive {
                body: self.stmts(obj, "body", "Interactive")?,
            })
        } else if self.is(obj, "FunctionType") {
            Ok(Mod::FunctionType {
                argtypes: self.exprs(obj, "argtypes", "FunctionType")?,
                returns: self.expr_field(obj, "returns", "FunctionType")?,
            })
        } else {
            Err(self.expected("mod", obj))
        }
    }

    /// CPython's `expected some sort of KIND, but got REPR`.
    fn expected(&mut self, kind: &str, obj: &Value) -> crate::error::PyErr {
        let repr = self.vm.repr_string(obj).unwrap_or_default();
        self.vm
            .type_error(format!("expected some sort of {kind}, but got {repr}"))
    }

    /// The exact `ast` class name of `obj` when its class is that `ast` class (the fast path),
    /// else the first abstract-kind member it is an instance of.
    fn class_name(&mut self, obj: &Value, candidates: &[&'static str]) -> Option<&'static str> {
        let class = self.vm.class_of(obj);
        let name = crate::types::type_object(&class).map(|t| t.name())?;
        if let Some(&found) = candidates.iter().find(|&&c| c == name)
            && matches!(crate::ops::mapping::dict_get_str(self.vm, &self.ast, found), Some(Value::Obj(c)) if c.is(&class))
        {
            return Some(found);
        }
        candidates.iter().copied().find(|c| self.is(obj, c))
    }

    /// Run `f` one level deeper: past [`MAX_DEPTH`] CPython's `RecursionError`, and the Rust
    /// stack grows as needed on the way (trees built in Python can nest without bound).
    fn nested<T>(&mut self, kind: &str, f: impl FnOnce(&mut Self) -> PyResult<T>) -> PyResult<T> {
        if self.depth >= MAX_DEPTH {
            return Err(self.vm.error(
                &self.vm.exc.recursion_error.clone(),
                format!("maximum recursion depth exceeded while traversing '{kind}' node"),
            ));
        }
        self.depth += 1;
        let result = stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.depth -= 1;
        result
    }

    fn stmt(&mut self, obj: &Value) -> PyResult<Stmt<'a>> {
        self.nested("stmt", |c| c.stmt_node(obj))
    }

    fn stmt_node(&mut self, obj: &Value) -> PyResult<Stmt<'a>> {
        const KINDS: &[&str] = &[
            "FunctionDef",
            "AsyncFunctionDef",
            "ClassDef",
            "Return",
            "Delete",
            "Assign",
            "TypeAlias",
            "AugAssign",
            "AnnAssign",
            "For",
            "AsyncFor",
            "While",
            "If",
            "With",
            "AsyncWith",
            "Match",
            "Raise",
            "Try",
            "TryStar",
            "Assert",
            "Import",
            "ImportFrom",
            "Global",
            "Nonlocal",
            "Expr",
            "Pass",
            "Break",
            "Continue",
        ];
        // As CPython's obj2ast: the position attributes are read before the kind is known.
        let range = self.range(obj, "stmt")?;
        let Some(kind) = self.class_name(obj, KINDS) else {
            return Err(self.expected("stmt", obj));
        };
        let a = self.arena;
        Ok(match kind {
            "FunctionDef" | "AsyncFunctionDef" => {
                let node = a.alloc(FunctionDef {
                    range,
                    name: self.ident_field(obj, "name", kind)?,
                    args: {
                        let v = self.required(obj, "args", kind)?;
                        self.arguments(&v)?
                    },
                    body: self.stmts(obj, "body", kind)?,
                    decorator_list: self.exprs(obj, "decorator_list", kind)?,
                    returns: self.opt_expr(obj, "returns")?,
                    type_comment: self.opt_ident(obj, "type_comment")?,
                    type_params: self.list(obj, "type_params", kind, |c, v| c.type_param(v))?,
                });
                if kind == "FunctionDef" {
                    Stmt::FunctionDef(node)
                } else {
                    Stmt::AsyncFunctionDef(node)
                }
            }
            "ClassDef" => Stmt::ClassDef(a.alloc(ClassDef {
                range,
                name: self.ident_field(obj, "name", kind)?,
                bases: self.exprs(obj, "bases", kind)?,
                keywords: self.list(obj, "keywords", kind, |c, v| c.keyword(v))?,
                body: self.stmts(obj, "body", kind)?,
                decorator_list: self.exprs(obj, "decorator_list", kind)?,
                type_params: self.list(obj, "type_params", kind, |c, v| c.type_param(v))?,
            })),
            "Return" => Stmt::Return(a.alloc(Return {
                range,
                value: self.opt_expr(obj, "value")?,
            })),
            "Delete" => Stmt::Delete(a.alloc(Delete {
                range,
                targets: self.exprs(obj, "targets", kind)?,
            })),
            "Assign" => Stmt::Assign(a.alloc(Assign {
                range,
                targets: self.exprs(obj, "targets", kind)?,
                value: self.expr_field(obj, "value", kind)?,
                type_comment: self.opt_ident(obj, "type_comment")?,
            })),
            "TypeAlias" => Stmt::TypeAlias(a.alloc(TypeAlias {
                range,
                name: self.expr_field(obj, "name", kind)?,
                type_params: self.list(obj, "type_params", kind, |c, v| c.type_param(v))?,
                value: self.expr_field(obj, "value", kind)?,
            })),
            "AugAssign" => Stmt::AugAssign(a.alloc(AugAssign {
                range,
                target: self.expr_field(obj, "target", kind)?,
                op: {
                    let v = self.required(obj, "op", kind)?;
                    self.operator(&v)?
                },
                value: self.expr_field(obj, "value", kind)?,
            })),
            "AnnAssign" => Stmt::AnnAssign(a.alloc(AnnAssign {
                range,
                target: self.expr_field(obj, "target", kind)?,
                annotation: self.expr_field(obj, "annotation", kind)?,
                value: self.opt_expr(obj, "value")?,
                simple: self.int_field(obj, "simple", kind)? != 0,
            })),
            "For" | "AsyncFor" => {
                let node = a.alloc(For {
                    range,
                    target: self.expr_field(obj, "target", kind)?,
                    iter: self.expr_field(obj, "iter", kind)?,
                    body: self.stmts(obj, "body", kind)?,
                    orelse: self.stmts(obj, "orelse", kind)?,
                    type_comment: self.opt_ident(obj, "type_comment")?,
                });
                if kind == "For" {
                    Stmt::For(node)
                } else {
                    Stmt::AsyncFor(node)
                }
            }
            "While" => Stmt::While(a.alloc(While {
                range,
                test: self.expr_field(obj, "test", kind)?,
                body: self.stmts(obj, "body", kind)?,
                orelse: self.stmts(obj, "orelse", kind)?,
            })),
            "If" => Stmt::If(a.alloc(If {
                range,
                test: self.expr_field(obj, "test", kind)?,
                body: self.stmts(obj, "body", kind)?,
                orelse: self.stmts(obj, "orelse", kind)?,
            })),
            "With" | "AsyncWith" => {
                let node = a.alloc(With {
                    range,
                    items: self.list(obj, "items", kind, |c, v| {
                        Ok(WithItem {
                            context_expr: c.expr_field(v, "context_expr", "withitem")?,
                            optional_vars: c.opt_expr(v, "optional_vars")?,
                        })
                    })?,
                    body: self.stmts(obj, "body", kind)?,
                    type_comment: self.opt_ident(obj, "type_comment")?,
                });
                if kind == "With" {
                    Stmt::With(node)
                } else {
                    Stmt::AsyncWith(node)
                }
            }
            "Match" => Stmt::Match(a.alloc(Match {
                range,
                subject: self.expr_field(obj, "subject", kind)?,
                cases: self.list(obj, "cases", kind, |c, v| {
                    Ok(MatchCase {
                        pattern: {
                            let p = c.required(v, "pattern", "match_case")?;
                            c.pattern(&p)?
                        },
                        guard: c.opt_expr(v, "guard")?,
                        body: c.stmts(v, "body", "match_case")?,
                    })
                })?,
            })),
            "Raise" => Stmt::Raise(a.alloc(Raise {
                range,
                exc: self.opt_expr(obj, "exc")?,
                cause: self.opt_expr(obj, "cause")?,
            })),
            "Try" | "TryStar" => {
                let node = a.alloc(Try {
                    range,
                    body: self.stmts(obj, "body", kind)?,
                    handlers: self.list(obj, "handlers", kind, |c, v| c.handler(v))?,
                    orelse: self.stmts(obj, "orelse", kind)?,
                    finalbody: self.stmts(obj, "finalbody", kind)?,
                });
                if kind == "Try" {
                    Stmt::Try(node)
                } else {
                    Stmt::TryStar(node)
                }
            }
            "Assert" => Stmt::Assert(a.alloc(Assert {
                range,
                test: self.expr_field(obj, "test", kind)?,
                msg: self.opt_expr(obj, "msg")?,
            })),
            "Import" => Stmt::Import(a.alloc(Import {
                range,
                names: self.list(obj, "names", kind, |c, v| c.alias(v))?,
            })),
            "ImportFrom" => Stmt::ImportFrom(a.alloc(ImportFrom {
                range,
                module: self.opt_ident(obj, "module")?,
                names: self.list(obj, "names", kind, |c, v| c.alias(v))?,
                level: match self.get(obj, "level")? {
                    Some(Value::Int(n)) => n.clamp(0, i64::from(u32::MAX)) as u32,
                    _ => 0,
                },
            })),
            "Global" | "Nonlocal" => {
                let node = a.alloc(Global {
                    range,
                    names: self.list(obj, "names", kind, |c, v| c.ident(v))?,
                });
                if kind == "Global" {
                    Stmt::Global(node)
                } else {
                    Stmt::Nonlocal(node)
                }
            }
            "Expr" => Stmt::Expr(a.alloc(StmtExpr {
                range,
                value: self.expr_field(obj, "value", kind)?,
            })),
            "Pass" => Stmt::Pass(a.alloc(Simple { range })),
            "Break" => Stmt::Break(a.alloc(Simple { range })),
            _ => Stmt::Continue(a.alloc(Simple { range })),
        })
    }

    fn expr(&mut self, obj: &Value) -> PyResult<Expr<'a>> {
        self.nested("expr", |c| c.expr_node(obj))
    }

    fn expr_node(&mut self, obj: &Value) -> PyResult<Expr<'a>> {
        const KINDS: &[&str] = &[
            "BoolOp",
            "NamedExpr",
            "BinOp",
            "UnaryOp",
            "Lambda",
            "IfExp",
            "Dict",
            "Set",
            "ListComp",
            "SetComp",
            "DictComp",
            "GeneratorExp",
            "Await",
            "Yield",
            "YieldFrom",
            "Compare",
            "Call",
            "FormattedValue",
            "JoinedStr",
            "Constant",
            "Attribute",
            "Subscript",
            "Starred",
            "Name",
            "List",
            "Tuple",
            "Slice",
        ];
        let range = self.range(obj, "expr")?;
        let Some(kind) = self.class_name(obj, KINDS) else {
            return Err(self.expected("expr", obj));
        };
        let a = self.arena;
        Ok(match kind {
            "BoolOp" => Expr::BoolOp(a.alloc(BoolOp {
                range,
                op: {
                    let v = self.required(obj, "op", kind)?;
                    if self.is(&v, "And") {
                        BoolOperator::And
                    } else if self.is(&v, "Or") {
                        BoolOperator::Or
                    } else {
                        return Err(self.expected("boolop", &v));
                    }
                },
                values: self.exprs(obj, "values", kind)?,
            })),
            "NamedExpr" => Expr::NamedExpr(a.alloc(NamedExpr {
                range,
                target: self.expr_field(obj, "target", kind)?,
                value: self.expr_field(obj, "value", kind)?,
            })),
            "BinOp" => Expr::BinOp(a.alloc(BinOp {
                range,
                left: self.expr_field(obj, "left", kind)?,
                op: {
                    let v = self.required(obj, "op", kind)?;
                    self.operator(&v)?
                },
                right: self.expr_field(obj, "right", kind)?,
            })),
            "UnaryOp" => Expr::UnaryOp(a.alloc(UnaryOp {
                range,
                op: {
                    let v = self.required(obj, "op", kind)?;
                    let ops = [
                        ("Invert", UnaryOperator::Invert),
                        ("Not", UnaryOperator::Not),
                        ("UAdd", UnaryOperator::UAdd),
                        ("USub", UnaryOperator::USub),
                    ];
                    match ops.iter().find(|(n, _)| self.is(&v, n)) {
                        Some((_, op)) => *op,
                        None => return Err(self.expected("unaryop", &v)),
                    }
                },
                operand: self.expr_field(obj, "operand", kind)?,
            })),
            "Lambda" => Expr::Lambda(a.alloc(Lambda {
                range,
                args: {
                    let v = self.required(obj, "args", kind)?;
                    self.arguments(&v)?
                },
                body: self.expr_field(obj, "body", kind)?,
            })),
            "IfExp" => Expr::IfExp(a.alloc(IfExp {
                range,
                test: self.expr_field(obj, "test", kind)?,
                body: self.expr_field(obj, "body", kind)?,
                orelse: self.expr_field(obj, "orelse", kind)?,
            })),
            "Dict" => Expr::Dict(a.alloc(Dict {
                range,
                keys: self.list(obj, "keys", kind, |c, v| {
                    if v.is_none() {
                        Ok(None)
                    } else {
                        c.expr(v).map(Some)
                    }
                })?,
                values: self.exprs(obj, "values", kind)?,
            })),
            "Set" => Expr::Set(a.alloc(Set {
                range,
                elts: self.exprs(obj, "elts", kind)?,
            })),
            "ListComp" | "SetComp" | "GeneratorExp" => {
                let node = a.alloc(Comp {
                    range,
                    elt: self.expr_field(obj, "elt", kind)?,
                    generators: self.list(obj, "generators", kind, |c, v| c.comprehension(v))?,
                });
                match kind {
                    "ListComp" => Expr::ListComp(node),
                    "SetComp" => Expr::SetComp(node),
                    _ => Expr::GeneratorExp(node),
                }
            }
            "DictComp" => Expr::DictComp(a.alloc(DictComp {
                range,
                key: self.expr_field(obj, "key", kind)?,
                value: self.expr_field(obj, "value", kind)?,
                generators: self.list(obj, "generators", kind, |c, v| c.comprehension(v))?,
            })),
            "Await" => Expr::Await(a.alloc(Await {
                range,
                value: self.expr_field(obj, "value", kind)?,
            })),
            "Yield" => Expr::Yield(a.alloc(Yield {
                range,
                value: self.opt_expr(obj, "value")?,
            })),
            "YieldFrom" => Expr::YieldFrom(a.alloc(YieldFrom {
                range,
                value: self.expr_field(obj, "value", kind)?,
            })),
            "Compare" => Expr::Compare(a.alloc(Compare {
                range,
                left: self.expr_field(obj, "left", kind)?,
                ops: self.list(obj, "ops", kind, |c, v| c.cmpop(v))?,
                comparators: self.exprs(obj, "comparators", kind)?,
            })),
            "Call" => Expr::Call(a.alloc(Call {
                range,
                func: self.expr_field(obj, "func", kind)?,
                args: self.exprs(obj, "args", kind)?,
                keywords: self.list(obj, "keywords", kind, |c, v| c.keyword(v))?,
            })),
            "FormattedValue" => Expr::FormattedValue(a.alloc(FormattedValue {
                range,
                value: self.expr_field(obj, "value", kind)?,
                conversion: self.int_field(obj, "conversion", kind)? as i32,
                format_spec: self.opt_expr(obj, "format_spec")?,
            })),
            "JoinedStr" => Expr::JoinedStr(a.alloc(JoinedStr {
                range,
                values: self.exprs(obj, "values", kind)?,
            })),
            "Constant" => {
                let n = self.vm.intern("value");
                let Some(value) = attr::get_attr_opt(self.vm, obj, &n)? else {
                    return Err(self
                        .vm
                        .type_error("required field \"value\" missing from Constant"));
                };
                Expr::Constant(a.alloc(Constant {
                    range,
                    value: self.constant(&value)?,
                    kind: self.opt_ident(obj, "kind")?,
                }))
            }
            "Attribute" => Expr::Attribute(a.alloc(Attribute {
                range,
                value: self.expr_field(obj, "value", kind)?,
                attr: self.ident_field(obj, "attr", kind)?,
                ctx: self.ctx(obj, kind)?,
            })),
            "Subscript" => Expr::Subscript(a.alloc(Subscript {
                range,
                value: self.expr_field(obj, "value", kind)?,
                slice: self.expr_field(obj, "slice", kind)?,
                ctx: self.ctx(obj, kind)?,
            })),
            "Starred" => Expr::Starred(a.alloc(Starred {
                range,
                value: self.expr_field(obj, "value", kind)?,
                ctx: self.ctx(obj, kind)?,
            })),
            "Name" => Expr::Name(a.alloc(Name {
                range,
                id: self.ident_field(obj, "id", kind)?,
                ctx: self.ctx(obj, kind)?,
            })),
            "List" => Expr::List(a.alloc(List {
                range,
                elts: self.exprs(obj, "elts", kind)?,
                ctx: self.ctx(obj, kind)?,
            })),
            "Tuple" => Expr::Tuple(a.alloc(Tuple {
                range,
                elts: self.exprs(obj, "elts", kind)?,
                ctx: self.ctx(obj, kind)?,
            })),
            _ => Expr::Slice(a.alloc(Slice {
                range,
                lower: self.opt_expr(obj, "lower")?,
                upper: self.opt_expr(obj, "upper")?,
                step: self.opt_expr(obj, "step")?,
            })),
        })
    }

    fn ctx(&mut self, obj: &Value, owner: &str) -> PyResult<ExprContext> {
        let v = self.required(obj, "ctx", owner)?;
        if self.is(&v, "Load") {
            Ok(ExprContext::Load)
        } else if self.is(&v, "Store") {
            Ok(ExprContext::Store)
        } else if self.is(&v, "Del") {
            Ok(ExprContext::Del)
        } else {
            Err(self.expected("expr_context", &v))
        }
    }

    fn operator(&mut self, v: &Value) -> PyResult<Operator> {
        let ops = [
            ("Add", Operator::Add),
            ("Sub", Operator::Sub),
            ("Mult", Operator::Mult),
            ("MatMult", Operator::MatMult),
            ("Div", Operator::Div),
            ("Mod", Operator::Mod),
            ("Pow", Operator::Pow),
            ("LShift", Operator::LShift),
            ("RShift", Operator::RShift),
            ("BitOr", Operator::BitOr),
            ("BitXor", Operator::BitXor),
            ("BitAnd", Operator::BitAnd),
            ("FloorDiv", Operator::FloorDiv),
        ];
        match ops.iter().find(|(n, _)| self.is(v, n)) {
            Some((_, op)) => Ok(*op),
            None => Err(self.expected("operator", v)),
        }
    }

    fn cmpop(&mut self, v: &Value) -> PyResult<CmpOperator> {
        let ops = [
            ("Eq", CmpOperator::Eq),
            ("NotEq", CmpOperator::NotEq),
            ("LtE", CmpOperator::LtE),
            ("Lt", CmpOperator::Lt),
            ("GtE", CmpOperator::GtE),
            ("Gt", CmpOperator::Gt),
            ("IsNot", CmpOperator::IsNot),
            ("Is", CmpOperator::Is),
            ("NotIn", CmpOperator::NotIn),
            ("In", CmpOperator::In),
        ];
        match ops.iter().find(|(n, _)| self.is(v, n)) {
            Some((_, op)) => Ok(*op),
            None => Err(self.expected("cmpop", v)),
        }
    }

    fn str_constant(&mut self, s: &StrObj) -> PyResult<ConstantValue<'a>> {
        Ok(match s.data() {
            StrData::Utf8(text) => ConstantValue::Str(PyStr::new(self.arena.alloc_str(text))),
            StrData::CodePoints(points) => {
                let mut bytes = Vec::new();
                for &p in points.iter() {
                    taipan_ast::push_code_point(&mut bytes, p);
                }
                let bytes = self.arena.alloc_slice_copy(&bytes);
                match PyStr::from_surrogatepass(bytes) {
                    Some(s) => ConstantValue::Str(s),
                    None => return Err(self.vm.value_error("invalid string")),
                }
            }
        })
    }

    fn constant(&mut self, v: &Value) -> PyResult<ConstantValue<'a>> {
        Ok(match v {
            Value::None => ConstantValue::None,
            Value::Bool(b) => {
                if b.get() {
                    ConstantValue::True
                } else {
                    ConstantValue::False
                }
            }
            Value::Int(n) => ConstantValue::Int(Int::Small(*n)),
            Value::Float(f) => ConstantValue::Float(f.get()),
            Value::Str(s) => self.str_constant(s)?,
            Value::Obj(o) => {
                if v.is(&self.vm.ellipsis) {
                    return Ok(ConstantValue::Ellipsis);
                }
                match o.payload() {
                    Payload::Int(big) => {
                        let (sign, limbs) = big.to_u32_digits();
                        let limbs = self.arena.alloc_slice_copy(&limbs);
                        if sign == num_bigint::Sign::Minus {
                            ConstantValue::Int(Int::BigNeg(limbs))
                        } else {
                            ConstantValue::Int(Int::Big(limbs))
                        }
                    }
                    Payload::Float(f) => ConstantValue::Float(*f),
                    Payload::Complex(real, imag) => ConstantValue::Complex {
                        real: *real,
                        imag: *imag,
                    },
                    Payload::StrSub(s) => self.str_constant(s)?,
                    Payload::Bytes(b) => ConstantValue::Bytes(self.arena.alloc_slice_copy(b)),
                    Payload::Tuple(items) => {
                        let items = items.to_vec();
                        let mut out = Vec::with_capacity(items.len());
                        for item in &items {
                            out.push(self.constant(item)?);
                        }
                        ConstantValue::Tuple(self.arena.alloc_slice_fill_iter(out))
                    }
                    Payload::FrozenSet(items) => {
                        let items: Vec<Value> =
                            items.borrow().iter().map(|e| e.key.clone()).collect();
                        let mut out = Vec::with_capacity(items.len());
                        for item in &items {
                            out.push(self.constant(item)?);
                        }
                        ConstantValue::FrozenSet(self.arena.alloc_slice_fill_iter(out))
                    }
                    _ => {
                        return Err(self.vm.type_error(format!(
                            "got an invalid type in Constant: {}",
                            self.vm.type_name(v)
                        )));
                    }
                }
            }
        })
    }

    fn arguments(&mut self, obj: &Value) -> PyResult<&'a mut Arguments<'a>> {
        if !self.is(obj, "arguments") {
            return Err(self.expected("arguments", obj));
        }
        let owner = "arguments";
        let vararg = match self.get(obj, "vararg")? {
            Some(v) => Some(&mut *self.arena.alloc(self.arg(&v)?)),
            None => None,
        };
        let kwarg = match self.get(obj, "kwarg")? {
            Some(v) => Some(&mut *self.arena.alloc(self.arg(&v)?)),
            None => None,
        };
        let node = Arguments {
            posonlyargs: self.list(obj, "posonlyargs", owner, |c, v| c.arg(v))?,
            args: self.list(obj, "args", owner, |c, v| c.arg(v))?,
            vararg,
            kwonlyargs: self.list(obj, "kwonlyargs", owner, |c, v| c.arg(v))?,
            kw_defaults: self.list(obj, "kw_defaults", owner, |c, v| {
                if v.is_none() {
                    Ok(None)
                } else {
                    c.expr(v).map(Some)
                }
            })?,
            kwarg,
            defaults: self.exprs(obj, "defaults", owner)?,
        };
        Ok(self.arena.alloc(node))
    }

    fn arg(&mut self, obj: &Value) -> PyResult<Arg<'a>> {
        if !self.is(obj, "arg") {
            return Err(self.expected("arg", obj));
        }
        Ok(Arg {
            range: self.range(obj, "arg")?,
            arg: self.ident_field(obj, "arg", "arg")?,
            annotation: self.opt_expr(obj, "annotation")?,
            type_comment: self.opt_ident(obj, "type_comment")?,
        })
    }

    fn keyword(&mut self, obj: &Value) -> PyResult<Keyword<'a>> {
        if !self.is(obj, "keyword") {
            return Err(self.expected("keyword", obj));
        }
        Ok(Keyword {
            range: self.range(obj, "keyword")?,
            arg: self.opt_ident(obj, "arg")?,
            value: self.expr_field(obj, "value", "keyword")?,
        })
    }

    fn alias(&mut self, obj: &Value) -> PyResult<Alias<'a>> {
        if !self.is(obj, "alias") {
            return Err(self.expected("alias", obj));
        }
        Ok(Alias {
            range: self.range(obj, "alias")?,
            name: self.ident_field(obj, "name", "alias")?,
            asname: self.opt_ident(obj, "asname")?,
        })
    }

    fn comprehension(&mut self, obj: &Value) -> PyResult<Comprehension<'a>> {
        if !self.is(obj, "comprehension") {
            return Err(self.expected("comprehension", obj));
        }
        Ok(Comprehension {
            target: self.expr_field(obj, "target", "comprehension")?,
            iter: self.expr_field(obj, "iter", "comprehension")?,
            ifs: self.exprs(obj, "ifs", "comprehension")?,
            is_async: self.int_field(obj, "is_async", "comprehension")? != 0,
        })
    }

    fn handler(&mut self, obj: &Value) -> PyResult<ExceptHandler<'a>> {
        if !self.is(obj, "ExceptHandler") {
            return Err(self.expected("excepthandler", obj));
        }
        Ok(ExceptHandler {
            range: self.range(obj, "excepthandler")?,
            type_: self.opt_expr(obj, "type")?,
            name: self.opt_ident(obj, "name")?,
            body: self.stmts(obj, "body", "ExceptHandler")?,
        })
    }

    fn type_param(&mut self, obj: &Value) -> PyResult<TypeParam<'a>> {
        const KINDS: &[&str] = &["TypeVar", "ParamSpec", "TypeVarTuple"];
        let Some(kind) = self.class_name(obj, KINDS) else {
            return Err(self.expected("type_param", obj));
        };
        let data = self.arena.alloc(TypeParamData {
            range: self.range(obj, "type_param")?,
            name: self.ident_field(obj, "name", kind)?,
            bound: if kind == "TypeVar" {
                self.opt_expr(obj, "bound")?
            } else {
                None
            },
            default_value: self.opt_expr(obj, "default_value")?,
        });
        Ok(match kind {
            "TypeVar" => TypeParam::TypeVar(data),
            "ParamSpec" => TypeParam::ParamSpec(data),
            _ => TypeParam::TypeVarTuple(data),
        })
    }

    fn pattern(&mut self, obj: &Value) -> PyResult<Pattern<'a>> {
        self.nested("pattern", |c| c.pattern_node(obj))
    }

    fn pattern_node(&mut self, obj: &Value) -> PyResult<Pattern<'a>> {
        const KINDS: &[&str] = &[
            "MatchValue",
            "MatchSingleton",
            "MatchSequence",
            "MatchMapping",
            "MatchClass",
            "MatchStar",
            "MatchAs",
            "MatchOr",
        ];
        let range = self.range(obj, "pattern")?;
        let Some(kind) = self.class_name(obj, KINDS) else {
            return Err(self.expected("pattern", obj));
        };
        let a = self.arena;
        Ok(match kind {
            "MatchValue" => Pattern::MatchValue(a.alloc(MatchValue {
                range,
                value: self.expr_field(obj, "value", kind)?,
            })),
            "MatchSingleton" => {
                let n = self.vm.intern("value");
                let value = attr::get_attr_opt(self.vm, obj, &n)?.unwrap_or(Value::None);
                Pattern::MatchSingleton(a.alloc(MatchSingleton {
                    range,
                    value: self.constant(&value)?,
                }))
            }
            "MatchSequence" => Pattern::MatchSequence(a.alloc(MatchSequence {
                range,
                patterns: self.list(obj, "patterns", kind, |c, v| c.pattern(v))?,
            })),
            "MatchMapping" => Pattern::MatchMapping(a.alloc(MatchMapping {
                range,
                keys: self.exprs(obj, "keys", kind)?,
                patterns: self.list(obj, "patterns", kind, |c, v| c.pattern(v))?,
                rest: self.opt_ident(obj, "rest")?,
            })),
            "MatchClass" => Pattern::MatchClass(a.alloc(MatchClass {
                range,
                cls: self.expr_field(obj, "cls", kind)?,
                patterns: self.list(obj, "patterns", kind, |c, v| c.pattern(v))?,
                kwd_attrs: self.list(obj, "kwd_attrs", kind, |c, v| c.ident(v))?,
                kwd_patterns: self.list(obj, "kwd_patterns", kind, |c, v| c.pattern(v))?,
            })),
            "MatchStar" => Pattern::MatchStar(a.alloc(MatchStar {
                range,
                name: self.opt_ident(obj, "name")?,
            })),
            "MatchAs" => Pattern::MatchAs(a.alloc(MatchAs {
                range,
                pattern: match self.get(obj, "pattern")? {
                    Some(p) => Some(self.pattern(&p)?),
                    None => None,
                },
                name: self.opt_ident(obj, "name")?,
            })),
            _ => Pattern::MatchOr(a.alloc(MatchOr {
                range,
                patterns: self.list(obj, "patterns", kind, |c, v| c.pattern(v))?,
            })),
        })
    }
}
