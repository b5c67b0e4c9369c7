//! Statements: simple statements, compound statements and their blocks, definitions.

use taipan_ast::*;

use super::{ArgItem, Block, Ctx, PResult, ParamItem, StmtVec, range, user_error};
use crate::build::target::expr_name;

impl<'a> Ctx<'a> {
    pub fn module(&self, lines: Vec<Block<'a>>) -> Mod<'a> {
        let body = self.block(lines).stmts.into_bump_slice_mut();
        Mod::Module {
            body,
            type_ignores: &mut [],
        }
    }

    /// The statements of several lines as one block.
    /// A block with no statement (a blank line).
    pub fn empty_block(&self) -> Block<'a> {
        Block {
            stmts: StmtVec::new_in(self.arena),
            end: 0,
        }
    }

    /// One statement as a block.
    pub fn one_statement(&self, stmt: Stmt<'a>, end: u32) -> Block<'a> {
        let mut stmts = StmtVec::with_capacity_in(1, self.arena);
        stmts.push(stmt);
        Block { stmts, end }
    }

    pub fn block(&self, lines: Vec<Block<'a>>) -> Block<'a> {
        let end = lines.last().map_or(0, |b| b.end);
        Block {
            stmts: {
                let total = lines.iter().map(|b| b.stmts.len()).sum();
                let mut all = StmtVec::with_capacity_in(total, self.arena);
                for line in lines {
                    all.extend(line.stmts);
                }
                all
            },
            end,
        }
    }

    pub fn interactive(&self, body: Vec<Stmt<'a>>) -> Mod<'a> {
        Mod::Interactive {
            body: self.slice(body),
        }
    }

    pub fn pass(&self, l: u32, r: u32) -> Stmt<'a> {
        Stmt::Pass(self.alloc(Simple { range: range(l, r) }))
    }

    pub fn break_(&self, l: u32, r: u32) -> Stmt<'a> {
        Stmt::Break(self.alloc(Simple { range: range(l, r) }))
    }

    pub fn continue_(&self, l: u32, r: u32) -> Stmt<'a> {
        Stmt::Continue(self.alloc(Simple { range: range(l, r) }))
    }

    pub fn return_(&self, l: u32, r: u32, value: Option<Expr<'a>>) -> Stmt<'a> {
        Stmt::Return(self.alloc(Return {
            range: range(l, r),
            value,
        }))
    }

    pub fn raise(
        &self,
        l: u32,
        r: u32,
        exc: Option<Expr<'a>>,
        cause: Option<Expr<'a>>,
    ) -> Stmt<'a> {
        Stmt::Raise(self.alloc(Raise {
            range: range(l, r),
            exc,
            cause,
        }))
    }

    pub fn global(&self, l: u32, r: u32, names: Vec<&'a str>, nonlocal: bool) -> Stmt<'a> {
        let node = self.alloc(Global {
            range: range(l, r),
            names: self.slice(names),
        });
        if nonlocal {
            Stmt::Nonlocal(node)
        } else {
            Stmt::Global(node)
        }
    }

    pub fn delete(&self, l: u32, r: u32, targets: Vec<Expr<'a>>) -> PResult<Stmt<'a>> {
        let targets = targets
            .into_iter()
            .map(|t| self.del_target(t))
            .collect::<PResult<Vec<_>>>()?;
        Ok(Stmt::Delete(self.alloc(Delete {
            range: range(l, r),
            targets: self.slice(targets),
        })))
    }

    pub fn assert(&self, l: u32, r: u32, test: Expr<'a>, msg: Option<Expr<'a>>) -> Stmt<'a> {
        Stmt::Assert(self.alloc(Assert {
            range: range(l, r),
            test,
            msg,
        }))
    }

    pub fn expr_stmt(&self, l: u32, r: u32, value: Expr<'a>) -> Stmt<'a> {
        Stmt::Expr(self.alloc(StmtExpr {
            range: range(l, r),
            value,
        }))
    }

    pub fn type_comment(&self, tc: Option<(u32, u32)>) -> Option<&'a str> {
        tc.map(|(l, r)| self.text(l, r))
    }

    pub fn assign(
        &self,
        l: u32,
        r: u32,
        first: Expr<'a>,
        mut rest: Vec<Expr<'a>>,
        tc: Option<(u32, u32)>,
    ) -> PResult<Stmt<'a>> {
        // The grammar gives at least one `= value`.
        let Some(value) = rest.pop() else {
            return user_error(range(l, r), "invalid syntax");
        };
        if rest.is_empty()
            && let Some(error) = self.assign_here_error(&first, &value)
        {
            return Err(error);
        }
        let mut targets = Vec::with_capacity(rest.len() + 1);
        targets.push(self.assign_target(first)?);
        for t in rest {
            targets.push(self.assign_target(t)?);
        }
        Ok(Stmt::Assign(self.alloc(Assign {
            range: range(l, r),
            targets: self.slice(targets),
            value,
            type_comment: self.type_comment(tc),
        })))
    }

    pub fn aug_assign(
        &self,
        l: u32,
        r: u32,
        target: Expr<'a>,
        op: Operator,
        value: Expr<'a>,
    ) -> PResult<Stmt<'a>> {
        let target = match target {
            Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => self.store(target)?,
            other => {
                return user_error(
                    other.range(),
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        expr_name(&other)
                    ),
                );
            }
        };
        Ok(Stmt::AugAssign(self.alloc(AugAssign {
            range: range(l, r),
            target,
            op,
            value,
        })))
    }

    pub fn ann_assign(
        &self,
        l: u32,
        r: u32,
        target: Expr<'a>,
        annotation: Expr<'a>,
        value: Option<Expr<'a>>,
    ) -> PResult<Stmt<'a>> {
        let simple = matches!(target, Expr::Name(_)) && target.range().start == l;
        let target = match target {
            Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => self.store(target)?,
            Expr::Tuple(_) => {
                return user_error(
                    target.range(),
                    "only single target (not tuple) can be annotated",
                );
            }
            Expr::List(_) => {
                return user_error(
                    target.range(),
                    "only single target (not list) can be annotated",
                );
            }
            other => return user_error(other.range(), "illegal target for annotation"),
        };
        Ok(Stmt::AnnAssign(self.alloc(AnnAssign {
            range: range(l, r),
            target,
            annotation,
            value,
            simple,
        })))
    }

    pub fn alias(&self, l: u32, r: u32, name: &'a str, asname: Option<&'a str>) -> Alias<'a> {
        Alias {
            range: range(l, r),
            name,
            asname,
        }
    }

    pub fn import(&self, l: u32, r: u32, names: Vec<Alias<'a>>) -> Stmt<'a> {
        Stmt::Import(self.alloc(Import {
            range: range(l, r),
            names: self.slice(names),
        }))
    }

    pub fn import_from(
        &self,
        l: u32,
        r: u32,
        dots: Vec<u32>,
        module: Option<&'a str>,
        names: Vec<Alias<'a>>,
    ) -> Stmt<'a> {
        Stmt::ImportFrom(self.alloc(ImportFrom {
            range: range(l, r),
            module,
            names: self.slice(names),
            level: dots.iter().sum(),
        }))
    }

    #[allow(clippy::too_many_arguments)]
    pub fn type_alias(
        &self,
        l: u32,
        r: u32,
        nl: u32,
        nr: u32,
        name: &'a str,
        type_params: Option<Vec<TypeParam<'a>>>,
        value: Expr<'a>,
    ) -> Stmt<'a> {
        Stmt::TypeAlias(self.alloc(TypeAlias {
            range: range(l, r),
            name: self.name_store(nl, nr, name),
            type_params: self.slice(type_params.unwrap_or_default()),
            value,
        }))
    }

    pub fn type_var(
        &self,
        l: u32,
        _m: u32,
        r: u32,
        name: &'a str,
        bound: Option<Expr<'a>>,
        default_value: Option<Expr<'a>>,
    ) -> TypeParam<'a> {
        TypeParam::TypeVar(self.alloc(TypeParamData {
            range: range(l, r),
            name,
            bound,
            default_value,
        }))
    }

    pub fn type_var_tuple(
        &self,
        l: u32,
        _m: u32,
        r: u32,
        name: &'a str,
        default_value: Option<Expr<'a>>,
    ) -> TypeParam<'a> {
        TypeParam::TypeVarTuple(self.alloc(TypeParamData {
            range: range(l, r),
            name,
            bound: None,
            default_value,
        }))
    }

    pub fn param_spec(
        &self,
        l: u32,
        _m: u32,
        r: u32,
        name: &'a str,
        default_value: Option<Expr<'a>>,
    ) -> TypeParam<'a> {
        TypeParam::ParamSpec(self.alloc(TypeParamData {
            range: range(l, r),
            name,
            bound: None,
            default_value,
        }))
    }

    pub fn decorate(&self, decorators: Vec<Expr<'a>>, mut def: Stmt<'a>) -> Stmt<'a> {
        let list = self.slice(decorators);
        match &mut def {
            Stmt::FunctionDef(f) | Stmt::AsyncFunctionDef(f) => f.decorator_list = list,
            Stmt::ClassDef(c) => c.decorator_list = list,
            _ => {}
        }
        def
    }

    pub fn if_(
        &self,
        l: u32,
        test: Expr<'a>,
        body: Block<'a>,
        elifs: Vec<(u32, Expr<'a>, Block<'a>)>,
        orelse: Option<Block<'a>>,
    ) -> Stmt<'a> {
        let (mut tail, mut end): (&'a mut [Stmt<'a>], u32) = match orelse {
            Some(b) => (b.stmts.into_bump_slice_mut(), b.end),
            None => (&mut [], 0),
        };
        for (el, etest, ebody) in elifs.into_iter().rev() {
            if tail.is_empty() {
                end = ebody.end;
            }
            let ebody = ebody.stmts.into_bump_slice_mut();
            let node = Stmt::If(self.alloc(If {
                range: range(el, end),
                test: etest,
                body: ebody,
                orelse: tail,
            }));
            tail = self.slice(vec![node]);
        }
        if tail.is_empty() {
            end = body.end;
        }
        let body = body.stmts.into_bump_slice_mut();
        Stmt::If(self.alloc(If {
            range: range(l, end),
            test,
            body,
            orelse: tail,
        }))
    }

    /// A body and an optional `else` block: the slices and where the statement ends.
    fn body_else(
        &self,
        body: Block<'a>,
        orelse: Option<Block<'a>>,
    ) -> (&'a mut [Stmt<'a>], &'a mut [Stmt<'a>], u32) {
        let mut end = body.end;
        let body = body.stmts.into_bump_slice_mut();
        let orelse = match orelse {
            Some(b) => {
                end = b.end;
                b.stmts.into_bump_slice_mut()
            }
            None => &mut [],
        };
        (body, orelse, end)
    }

    pub fn while_(
        &self,
        l: u32,
        test: Expr<'a>,
        body: Block<'a>,
        orelse: Option<Block<'a>>,
    ) -> Stmt<'a> {
        let (body, orelse, end) = self.body_else(body, orelse);
        Stmt::While(self.alloc(While {
            range: range(l, end),
            test,
            body,
            orelse,
        }))
    }

    #[allow(clippy::too_many_arguments)]
    pub fn for_(
        &self,
        l: u32,
        is_async: bool,
        target: Expr<'a>,
        iter: Expr<'a>,
        tc: Option<(u32, u32)>,
        body: Block<'a>,
        orelse: Option<Block<'a>>,
    ) -> PResult<Stmt<'a>> {
        let target = self.store(target)?;
        let (body, orelse, end) = self.body_else(body, orelse);
        let node = self.alloc(For {
            range: range(l, end),
            target,
            iter,
            body,
            orelse,
            type_comment: self.type_comment(tc),
        });
        Ok(if is_async {
            Stmt::AsyncFor(node)
        } else {
            Stmt::For(node)
        })
    }

    pub fn except_handler(
        &self,
        l: u32,
        type_: Option<Expr<'a>>,
        name: Option<&'a str>,
        body: Block<'a>,
    ) -> ExceptHandler<'a> {
        ExceptHandler {
            range: range(l, body.end),
            type_,
            name,
            body: body.stmts.into_bump_slice_mut(),
        }
    }

    pub fn try_(
        &self,
        l: u32,
        body: Block<'a>,
        handlers: Vec<(bool, ExceptHandler<'a>)>,
        orelse: Option<Block<'a>>,
        finalbody: Option<Block<'a>>,
    ) -> PResult<Stmt<'a>> {
        let star = handlers.first().is_some_and(|h| h.0);
        if let Some((_, h)) = handlers.iter().find(|h| h.0 != star) {
            // CPython points at `except` (and its `*`, when that is the odd one out).
            let start = h.range.start;
            let end = if star {
                start + "except".len() as u32
            } else {
                let rest = &self.source[start as usize..];
                start + rest.find('*').map_or(6, |i| i + 1) as u32
            };
            return user_error(
                TextRange::new(start, end),
                "cannot have both 'except' and 'except*' on the same 'try'",
            );
        }
        let mut end = handlers.last().map_or(body.end, |h| h.1.range.end);
        let (body, orelse, else_end) = self.body_else(body, orelse);
        if !orelse.is_empty() {
            end = else_end;
        }
        let handlers = self.slice(handlers.into_iter().map(|h| h.1).collect());
        let finalbody = match finalbody {
            Some(b) => {
                end = b.end;
                b.stmts.into_bump_slice_mut()
            }
            None => &mut [],
        };
        let node = self.alloc(Try {
            range: range(l, end),
            body,
            handlers,
            orelse,
            finalbody,
        });
        Ok(if star {
            Stmt::TryStar(node)
        } else {
            Stmt::Try(node)
        })
    }

    /// `with`: `unparenthesized` is the plain item-list form, where a lone parenthesized tuple
    /// (`with (a, b):`) means several items, as CPython's first `with_stmt` alternative reads it.
    pub fn with(
        &self,
        l: u32,
        is_async: bool,
        items: Vec<(Expr<'a>, Option<Expr<'a>>)>,
        tc: Option<(u32, u32)>,
        body: Block<'a>,
        unparenthesized: bool,
    ) -> Stmt<'a> {
        let mut items: Vec<WithItem<'a>> = items
            .into_iter()
            .map(|(context_expr, optional_vars)| WithItem {
                context_expr,
                optional_vars,
            })
            .collect();
        if unparenthesized
            && items.len() == 1
            && items[0].optional_vars.is_none()
            && self.is_parenthesized_plain_tuple(&items[0].context_expr)
            && let Some(WithItem {
                context_expr: Expr::Tuple(t),
                ..
            }) = items.pop()
        {
            for e in t.elts.iter_mut() {
                // The tuple is discarded; its elements move into the items.
                let placeholder = Expr::Name(self.alloc(Name {
                    range: TextRange::default(),
                    id: "",
                    ctx: ExprContext::Load,
                }));
                let context_expr = std::mem::replace(e, placeholder);
                items.push(WithItem {
                    context_expr,
                    optional_vars: None,
                });
            }
        }
        let end = body.end;
        let body = body.stmts.into_bump_slice_mut();
        let node = self.alloc(With {
            range: range(l, end),
            items: self.slice(items),
            body,
            type_comment: self.type_comment(tc),
        });
        if is_async {
            Stmt::AsyncWith(node)
        } else {
            Stmt::With(node)
        }
    }

    fn is_parenthesized_plain_tuple(&self, expr: &Expr<'a>) -> bool {
        match expr {
            Expr::Tuple(t) => {
                self.source.as_bytes().get(t.range.start as usize) == Some(&b'(')
                    && !t.elts.is_empty()
                    && t.elts
                        .iter()
                        .all(|e| !matches!(e, Expr::Starred(_) | Expr::NamedExpr(_)))
            }
            _ => false,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn function_def(
        &self,
        l: u32,
        is_async: bool,
        name: &'a str,
        type_params: Option<Vec<TypeParam<'a>>>,
        params: Vec<ParamItem<'a>>,
        returns: Option<Expr<'a>>,
        tc: Option<(u32, u32)>,
        body: Block<'a>,
    ) -> PResult<Stmt<'a>> {
        let args = self.arguments(params, false)?;
        let end = body.end;
        let body = body.stmts.into_bump_slice_mut();
        let node = self.alloc(FunctionDef {
            range: range(l, end),
            name,
            args,
            body,
            decorator_list: &mut [],
            returns,
            type_comment: self.type_comment(tc),
            type_params: self.slice(type_params.unwrap_or_default()),
        });
        Ok(if is_async {
            Stmt::AsyncFunctionDef(node)
        } else {
            Stmt::FunctionDef(node)
        })
    }

    pub fn class_def(
        &self,
        l: u32,
        name: &'a str,
        type_params: Option<Vec<TypeParam<'a>>>,
        args: Option<(u32, (Vec<ArgItem<'a>>, bool), u32)>,
        body: Block<'a>,
    ) -> PResult<Stmt<'a>> {
        let (bases, keywords) = match args {
            Some((lp, items, r)) => self.call_args(lp, r, items)?,
            None => (&mut [][..], &mut [][..]),
        };
        let end = body.end;
        let body = body.stmts.into_bump_slice_mut();
        Ok(Stmt::ClassDef(self.alloc(ClassDef {
            range: range(l, end),
            name,
            bases,
            keywords,
            body,
            decorator_list: &mut [],
            type_params: self.slice(type_params.unwrap_or_default()),
        })))
    }

    pub fn match_(&self, l: u32, subject: Expr<'a>, cases: Vec<(MatchCase<'a>, u32)>) -> Stmt<'a> {
        let end = cases.last().map_or(0, |c| c.1);
        let cases = cases.into_iter().map(|c| c.0).collect();
        Stmt::Match(self.alloc(Match {
            range: range(l, end),
            subject,
            cases: self.slice(cases),
        }))
    }
}
