//! The first pass: the walk over the tree that records, per block, what each name is used for
//! (CPython's `symtable_visit_*`), with the errors CPython raises on the way. Name resolution
//! (`analyze.rs`) follows.

use hashbrown::{HashMap, HashSet};
use indexmap::IndexMap;
use taipan_ast::{
    Alias, Arguments, Comprehension, ExceptHandler, Expr, ExprContext, Keyword, LineIndex,
    MatchCase, Mod, Pattern, Stmt, TextRange, TypeParam, WithItem,
};

use super::{
    BlockType, ComprehensionKind, FutureFeatures, Scope, ScopeId, Symbol, SymbolFlags, SymbolTable,
};
use crate::error::{CompileError, ErrorKind};
use crate::ir::Location;

const DEF_GLOBAL: u32 = SymbolFlags::DEF_GLOBAL;
const DEF_LOCAL: u32 = SymbolFlags::DEF_LOCAL;
const DEF_PARAM: u32 = SymbolFlags::DEF_PARAM;
const DEF_NONLOCAL: u32 = SymbolFlags::DEF_NONLOCAL;
const USE: u32 = SymbolFlags::USE;
const DEF_IMPORT: u32 = SymbolFlags::DEF_IMPORT;
const DEF_ANNOT: u32 = SymbolFlags::DEF_ANNOT;
const DEF_COMP_ITER: u32 = SymbolFlags::DEF_COMP_ITER;
const DEF_TYPE_PARAM: u32 = SymbolFlags::DEF_TYPE_PARAM;

/// CPython's `Py_C_RECURSION_LIMIT`, and the depth `compile()` starts at: the symbol table
/// counts every statement, expression, pattern and type parameter it enters against it
/// ([`crate::recursion`]).
const RECURSION_LIMIT: u32 = crate::recursion::LIMIT;
const STARTING_DEPTH: u32 = crate::recursion::STARTING_DEPTH;

/// What the walk keeps per block besides the [`Scope`] itself.
#[derive(Default)]
pub(super) struct BlockState {
    /// `ste_directives`: `global`/`nonlocal` statements (and walrus targets bound through a
    /// comprehension), by mangled name, for the analysis's error positions.
    pub directives: Vec<(String, Location)>,
    /// `ste_comp_iter_target`.
    comp_iter_target: bool,
    /// `ste_scope_info`: what a type-variable block evaluates, for error messages.
    scope_info: Option<&'static str>,
    /// Which shared `ste_mangled_names` set the block uses (CPython shares one set object
    /// between a generic class's type-parameter block and the blocks inside it).
    mangled_set: Option<usize>,
}

pub(super) struct Builder<'i> {
    index: &'i LineIndex,
    pub scopes: Vec<Scope>,
    pub blocks: Vec<BlockState>,
    /// `st_stack`: the blocks being walked, innermost last.
    stack: Vec<ScopeId>,
    by_node: HashMap<usize, ScopeId>,
    /// `st_private`: the name of the class whose body (or header) is being walked.
    private: Option<String>,
    mangled_sets: Vec<HashSet<String>>,
    future: FutureFeatures,
    depth: u32,
}

/// Builds the table of `module`: reads its `from __future__` imports (CPython's `future.c`,
/// merged with `inherited`), walks it, resolves every name.
pub fn build(
    module: &Mod<'_>,
    index: &LineIndex,
    inherited: FutureFeatures,
) -> Result<SymbolTable, CompileError> {
    let future = super::future::parse_future_features(module, index, inherited)?;
    let mut builder = Builder {
        index,
        scopes: Vec::new(),
        blocks: Vec::new(),
        stack: Vec::new(),
        by_node: HashMap::new(),
        private: None,
        mangled_sets: Vec::new(),
        future,
        depth: STARTING_DEPTH,
    };
    // The module block starts at line 0 (CPython's `loc0`).
    builder.enter_block(
        "top",
        BlockType::Module,
        Some(module as *const Mod<'_> as usize),
        Location::new(0, 0, 0, 0),
    );
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => builder.visit_body(body)?,
        Mod::Expression { body } => builder.visit_expr(body)?,
        Mod::FunctionType { .. } => {
            return Err(CompileError {
                kind: ErrorKind::SystemError,
                message: "this compiler does not handle FunctionTypes".to_owned(),
                location: Location::NONE,
            });
        }
    }
    builder.exit_block();
    super::analyze::analyze(&mut builder)?;
    let Builder {
        mut scopes,
        by_node,
        mangled_sets,
        blocks,
        ..
    } = builder;
    for (scope, block) in scopes.iter_mut().zip(&blocks) {
        scope.mangled_names = block.mangled_set.and_then(|i| {
            let mut names: Vec<String> = mangled_sets.get(i)?.iter().cloned().collect();
            names.sort();
            Some(names)
        });
    }
    Ok(SymbolTable {
        scopes,
        by_node,
        future,
    })
}

/// CPython's `_Py_Mangle`: `__name` inside class `Private` becomes `_Private__name`, unless
/// it ends in `__`, contains a dot, or the class name is all underscores.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(private) = private else {
        return name.to_owned();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_owned();
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_owned();
    }
    format!("_{stripped}{name}")
}

impl Builder<'_> {
    fn loc(&self, range: TextRange) -> Location {
        let p = self.index.position(range);
        Location::new(
            p.lineno as i32,
            p.end_lineno as i32,
            p.col_offset as i32,
            p.end_col_offset as i32,
        )
    }

    fn cur(&self) -> ScopeId {
        self.stack.last().copied().unwrap_or(ScopeId(0))
    }

    pub(super) fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    fn cur_scope(&self) -> &Scope {
        self.scope(self.cur())
    }

    fn cur_scope_mut(&mut self) -> &mut Scope {
        let id = self.cur();
        &mut self.scopes[id.0 as usize]
    }

    fn cur_block_mut(&mut self) -> &mut BlockState {
        let id = self.cur();
        &mut self.blocks[id.0 as usize]
    }

    fn future_annotations(&self) -> bool {
        self.future.annotations
    }

    /// CPython's `_Py_MaybeMangle`: in a block with a `ste_mangled_names` set, only the names
    /// in it are mangled.
    fn maybe_mangle(&self, id: ScopeId, name: &str) -> String {
        if let Some(set) = self.blocks[id.0 as usize].mangled_set
            && !self.mangled_sets.get(set).is_some_and(|s| s.contains(name))
        {
            return name.to_owned();
        }
        mangle(self.private.as_deref(), name)
    }

    fn enter_block(
        &mut self,
        name: &str,
        block_type: BlockType,
        key: Option<usize>,
        loc: Location,
    ) {
        let prev = self.stack.last().copied();
        let id = ScopeId(self.scopes.len() as u32);
        let (nested, comp_iter_expr, mangled_set) = match prev {
            Some(p) => {
                let ps = self.scope(p);
                let inherited_set = if block_type == BlockType::Class {
                    None
                } else {
                    self.blocks[p.0 as usize].mangled_set
                };
                (
                    ps.nested || ps.is_function_like(),
                    ps.comp_iter_expr,
                    inherited_set,
                )
            }
            None => (false, 0, None),
        };
        self.scopes.push(Scope {
            block_type,
            name: name.to_owned(),
            symbols: IndexMap::default(),
            varnames: Vec::new(),
            children: Vec::new(),
            parent: prev,
            nested,
            free: false,
            generator: false,
            coroutine: false,
            comprehension: None,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            needs_classdict: false,
            comp_inlined: false,
            comp_iter_expr,
            can_see_class_scope: false,
            child_free: false,
            has_await_in_comprehension: false,
            location: loc,
            mangled_names: None,
        });
        self.blocks.push(BlockState {
            mangled_set,
            ..BlockState::default()
        });
        self.stack.push(id);
        // Annotation blocks (`from __future__ import annotations`) are walked for their
        // errors only: CPython adds them to no parent's children.
        if block_type == BlockType::Annotation {
            return;
        }
        if let Some(key) = key {
            self.by_node.insert(key, id);
        }
        if let Some(p) = prev {
            self.scopes[p.0 as usize].children.push(id);
        }
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    fn error(&self, message: impl Into<String>, range: TextRange) -> CompileError {
        CompileError::syntax(message, self.loc(range))
    }

    /// CPython's `symtable_add_def`: type parameters join the block's mangled-names set first.
    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> Result<(), CompileError> {
        if flag & DEF_TYPE_PARAM != 0
            && let Some(set) = self.blocks[self.cur().0 as usize].mangled_set
            && let Some(s) = self.mangled_sets.get_mut(set)
        {
            s.insert(name.to_owned());
        }
        self.add_def_in(self.cur(), name, flag, range)
    }

    /// CPython's `symtable_add_def_helper`: records `flag` for `name` (mangled) in block `id`.
    fn add_def_in(
        &mut self,
        id: ScopeId,
        name: &str,
        flag: u32,
        range: TextRange,
    ) -> Result<(), CompileError> {
        let mangled = self.maybe_mangle(self.cur(), name);
        let existing = self.scope(id).symbols.get(&mangled).map(|s| s.flags.0);
        let mut val = match existing {
            Some(val) => {
                if flag & DEF_PARAM != 0 && val & DEF_PARAM != 0 {
                    return Err(self.error(
                        format!("duplicate argument '{name}' in function definition"),
                        range,
                    ));
                }
                if flag & DEF_TYPE_PARAM != 0 && val & DEF_TYPE_PARAM != 0 {
                    return Err(self.error(format!("duplicate type parameter '{name}'"), range));
                }
                val | flag
            }
            None => flag,
        };
        if self.blocks[id.0 as usize].comp_iter_target {
            // An iteration variable of a comprehension: a walrus target of the same name
            // was already bound through it.
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.error(
                    format!(
                        "comprehension inner loop cannot rebind assignment expression target '{name}'"
                    ),
                    range,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        let scope = &mut self.scopes[id.0 as usize];
        scope.symbols.insert(
            mangled.clone(),
            Symbol {
                flags: SymbolFlags(val),
                scope: None,
            },
        );
        if flag & DEF_PARAM != 0 {
            scope.varnames.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            // CPython also records the name in the module's symbols (`st_global`).
            let top = &mut self.scopes[0];
            let entry = top.symbols.entry(mangled).or_insert(Symbol {
                flags: SymbolFlags(0),
                scope: None,
            });
            entry.flags.0 |= flag;
        }
        Ok(())
    }

    /// CPython's `symtable_lookup_entry`: the flags of `name` (mangled) in block `id`.
    fn lookup_in(&self, id: ScopeId, name: &str) -> u32 {
        let mangled = self.maybe_mangle(id, name);
        self.scope(id)
            .symbols
            .get(&mangled)
            .map_or(0, |s| s.flags.0)
    }

    fn record_directive(&mut self, name: &str, range: TextRange) {
        let mangled = self.maybe_mangle(self.cur(), name);
        let loc = self.loc(range);
        self.cur_block_mut().directives.push((mangled, loc));
    }

    fn enter_recursion(&mut self) -> Result<(), CompileError> {
        self.depth += 1;
        if self.depth > RECURSION_LIMIT {
            return Err(CompileError {
                kind: ErrorKind::RecursionError,
                message: "maximum recursion depth exceeded during compilation".to_owned(),
                location: Location::NONE,
            });
        }
        Ok(())
    }

    fn visit_body(&mut self, body: &[Stmt<'_>]) -> Result<(), CompileError> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_exprs(&mut self, exprs: &[Expr<'_>]) -> Result<(), CompileError> {
        for e in exprs {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, s: &Stmt<'_>) -> Result<(), CompileError> {
        self.enter_recursion()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.visit_stmt_inner(s));
        self.depth -= 1;
        r
    }

    fn visit_stmt_inner(&mut self, s: &Stmt<'_>) -> Result<(), CompileError> {
        match s {
            Stmt::FunctionDef(f) | Stmt::AsyncFunctionDef(f) => {
                let is_async = matches!(s, Stmt::AsyncFunctionDef(_));
                self.add_def(f.name, DEF_LOCAL, f.range)?;
                self.visit_exprs(f.args.defaults)?;
                for d in f.args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.visit_exprs(f.decorator_list)?;
                let generic = !f.type_params.is_empty();
                if generic {
                    // CPython tests `args->defaults != NULL`, and the parser always makes
                    // the (possibly empty) sequence: `.defaults` is always there.
                    let has_kwdefaults = f.args.kw_defaults.iter().any(Option::is_some);
                    self.enter_type_param_block(
                        f.name,
                        f.type_params.as_ptr() as usize,
                        true,
                        has_kwdefaults,
                        false,
                        f.range,
                    )?;
                    self.visit_type_params(f.type_params)?;
                }
                self.visit_annotations(s, f.args, f.returns.as_ref())?;
                self.enter_block(
                    f.name,
                    BlockType::Function,
                    Some(&**f as *const _ as usize),
                    self.loc(f.range),
                );
                if is_async {
                    self.cur_scope_mut().coroutine = true;
                }
                self.visit_arguments(f.args)?;
                self.visit_body(f.body)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
            }
            Stmt::ClassDef(c) => {
                self.add_def(c.name, DEF_LOCAL, c.range)?;
                self.visit_exprs(c.decorator_list)?;
                let saved_private = self.private.clone();
                let generic = !c.type_params.is_empty();
                if generic {
                    self.enter_type_param_block(
                        c.name,
                        c.type_params.as_ptr() as usize,
                        false,
                        false,
                        true,
                        c.range,
                    )?;
                    self.private = Some(c.name.to_owned());
                    self.mangled_sets.push(HashSet::new());
                    let set = self.mangled_sets.len() - 1;
                    self.cur_block_mut().mangled_set = Some(set);
                    self.visit_type_params(c.type_params)?;
                }
                self.visit_exprs(c.bases)?;
                self.visit_keywords(c.keywords)?;
                self.enter_block(
                    c.name,
                    BlockType::Class,
                    Some(&**c as *const _ as usize),
                    self.loc(c.range),
                );
                self.private = Some(c.name.to_owned());
                if generic {
                    self.add_def("__type_params__", DEF_LOCAL, c.range)?;
                    self.add_def(".type_params", USE, c.range)?;
                }
                self.visit_body(c.body)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
                self.private = saved_private;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.visit_expr(v)?;
                    self.cur_scope_mut().returns_value = true;
                }
            }
            Stmt::Delete(d) => self.visit_exprs(d.targets)?,
            Stmt::Assign(a) => {
                self.visit_exprs(a.targets)?;
                self.visit_expr(&a.value)?;
            }
            Stmt::TypeAlias(t) => {
                self.visit_expr(&t.name)?;
                let name = match &t.name {
                    Expr::Name(n) => n.id,
                    _ => "",
                };
                let in_class = self.cur_scope().block_type == BlockType::Class;
                let generic = !t.type_params.is_empty();
                if generic {
                    self.enter_type_param_block(
                        name,
                        t.type_params.as_ptr() as usize,
                        false,
                        false,
                        false,
                        t.range,
                    )?;
                    self.visit_type_params(t.type_params)?;
                }
                self.enter_block(
                    name,
                    BlockType::TypeAlias,
                    Some(&**t as *const _ as usize),
                    self.loc(t.range),
                );
                self.cur_scope_mut().can_see_class_scope = in_class;
                if in_class {
                    self.add_def("__classdict__", USE, t.value.range())?;
                }
                self.visit_expr(&t.value)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.target)?;
                self.visit_expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(target) = &a.target {
                    let cur = self.lookup_in(self.cur(), target.id);
                    let at_module = self.cur().0 == 0;
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && !at_module && a.simple {
                        let msg = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{}' can't be global", target.id)
                        } else {
                            format!("annotated name '{}' can't be nonlocal", target.id)
                        };
                        return Err(self.error(msg, a.range));
                    }
                    if a.simple {
                        self.add_def(target.id, DEF_ANNOT | DEF_LOCAL, target.range)?;
                    } else if a.value.is_some() {
                        self.add_def(target.id, DEF_LOCAL, target.range)?;
                    }
                } else {
                    self.visit_expr(&a.target)?;
                }
                self.visit_annotation(&a.annotation)?;
                if let Some(v) = &a.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::For(f) | Stmt::AsyncFor(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_body(f.body)?;
                self.visit_body(f.orelse)?;
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_body(w.body)?;
                self.visit_body(w.orelse)?;
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_body(i.body)?;
                self.visit_body(i.orelse)?;
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                for case in m.cases.iter() {
                    self.visit_match_case(case)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(exc) = &r.exc {
                    self.visit_expr(exc)?;
                    if let Some(cause) = &r.cause {
                        self.visit_expr(cause)?;
                    }
                }
            }
            Stmt::Try(t) | Stmt::TryStar(t) => {
                self.visit_body(t.body)?;
                for h in t.handlers.iter() {
                    self.visit_handler(h)?;
                }
                self.visit_body(t.orelse)?;
                self.visit_body(t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                if let Some(msg) = &a.msg {
                    self.visit_expr(msg)?;
                }
            }
            Stmt::Import(i) => {
                for a in i.names.iter() {
                    self.visit_alias(a)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for a in i.names.iter() {
                    self.visit_alias(a)?;
                }
            }
            Stmt::Global(g) => {
                for name in g.names.iter() {
                    let cur = self.lookup_in(self.cur(), name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and global")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to global declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("name '{name}' is assigned to before global declaration")
                        };
                        return Err(self.error(msg, g.range));
                    }
                    self.add_def(name, DEF_GLOBAL, g.range)?;
                    self.record_directive(name, g.range);
                }
            }
            Stmt::Nonlocal(g) => {
                for name in g.names.iter() {
                    let cur = self.lookup_in(self.cur(), name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and nonlocal")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to nonlocal declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be nonlocal")
                        } else {
                            format!("name '{name}' is assigned to before nonlocal declaration")
                        };
                        return Err(self.error(msg, g.range));
                    }
                    self.add_def(name, DEF_NONLOCAL, g.range)?;
                    self.record_directive(name, g.range);
                }
            }
            Stmt::Expr(e) => self.visit_expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::With(w) | Stmt::AsyncWith(w) => {
                for item in w.items.iter() {
                    self.visit_withitem(item)?;
                }
                self.visit_body(w.body)?;
            }
        }
        Ok(())
    }

    /// CPython's `symtable_enter_type_param_block`.
    fn enter_type_param_block(
        &mut self,
        name: &str,
        key: usize,
        has_defaults: bool,
        has_kwdefaults: bool,
        is_class: bool,
        range: TextRange,
    ) -> Result<(), CompileError> {
        let in_class = self.cur_scope().block_type == BlockType::Class;
        self.enter_block(name, BlockType::TypeParameters, Some(key), self.loc(range));
        if in_class {
            self.cur_scope_mut().can_see_class_scope = true;
            self.add_def("__classdict__", USE, range)?;
        }
        if is_class {
            // Set when the type-parameter tuple is made, used when the bases are built.
            self.add_def(".type_params", DEF_LOCAL, range)?;
            self.add_def(".type_params", USE, range)?;
            // The `Generic[...]` base.
            self.add_def(".generic_base", DEF_LOCAL, range)?;
            self.add_def(".generic_base", USE, range)?;
        }
        if has_defaults {
            self.add_def(".defaults", DEF_PARAM, range)?;
        }
        if has_kwdefaults {
            self.add_def(".kwdefaults", DEF_PARAM, range)?;
        }
        Ok(())
    }

    fn visit_type_params(&mut self, params: &[TypeParam<'_>]) -> Result<(), CompileError> {
        for tp in params {
            self.enter_recursion()?;
            let r = self.visit_type_param(tp);
            self.depth -= 1;
            r?;
        }
        Ok(())
    }

    fn visit_type_param(&mut self, tp: &TypeParam<'_>) -> Result<(), CompileError> {
        let data = tp.data();
        self.add_def(data.name, DEF_TYPE_PARAM | DEF_LOCAL, data.range)?;
        let key = data as *const _ as usize;
        let default_info = match tp {
            TypeParam::TypeVar(_) => {
                if let Some(bound) = &data.bound {
                    let info = if matches!(bound, Expr::Tuple(_)) {
                        "a TypeVar constraint"
                    } else {
                        "a TypeVar bound"
                    };
                    self.visit_bound_or_default(bound, data.name, key, info)?;
                }
                "a TypeVar default"
            }
            TypeParam::TypeVarTuple(_) => "a TypeVarTuple default",
            TypeParam::ParamSpec(_) => "a ParamSpec default",
        };
        if let Some(default) = &data.default_value {
            // CPython keys the default's block by the node's address + 1.
            self.visit_bound_or_default(default, data.name, key + 1, default_info)?;
        }
        Ok(())
    }

    fn visit_bound_or_default(
        &mut self,
        e: &Expr<'_>,
        name: &str,
        key: usize,
        info: &'static str,
    ) -> Result<(), CompileError> {
        let in_class = self.cur_scope().can_see_class_scope;
        self.enter_block(
            name,
            BlockType::TypeVariable,
            Some(key),
            self.loc(e.range()),
        );
        self.cur_scope_mut().can_see_class_scope = in_class;
        if in_class {
            self.add_def("__classdict__", USE, e.range())?;
        }
        self.cur_block_mut().scope_info = Some(info);
        self.visit_expr(e)?;
        self.exit_block();
        Ok(())
    }

    /// CPython's `symtable_visit_annotation`: under `from __future__ import annotations`
    /// the annotation is walked in an annotation block of its own.
    fn visit_annotation(&mut self, annotation: &Expr<'_>) -> Result<(), CompileError> {
        let future = self.future_annotations();
        if future {
            self.enter_block(
                "_annotation",
                BlockType::Annotation,
                None,
                self.loc(annotation.range()),
            );
        }
        self.visit_expr(annotation)?;
        if future {
            self.exit_block();
        }
        Ok(())
    }

    /// CPython's `symtable_visit_annotations`: a function's parameter annotations (in one
    /// annotation block under the future import), then its return annotation.
    fn visit_annotations(
        &mut self,
        def: &Stmt<'_>,
        args: &Arguments<'_>,
        returns: Option<&Expr<'_>>,
    ) -> Result<(), CompileError> {
        let future = self.future_annotations();
        if future {
            self.enter_block(
                "_annotation",
                BlockType::Annotation,
                None,
                self.loc(def.range()),
            );
        }
        for a in args.posonlyargs.iter().chain(args.args.iter()) {
            if let Some(ann) = &a.annotation {
                self.visit_expr(ann)?;
            }
        }
        if let Some(ann) = args.vararg.as_ref().and_then(|a| a.annotation.as_ref()) {
            self.visit_expr(ann)?;
        }
        if let Some(ann) = args.kwarg.as_ref().and_then(|a| a.annotation.as_ref()) {
            self.visit_expr(ann)?;
        }
        for a in args.kwonlyargs.iter() {
            if let Some(ann) = &a.annotation {
                self.visit_expr(ann)?;
            }
        }
        if future {
            self.exit_block();
        }
        if let Some(r) = returns {
            self.visit_annotation(r)?;
        }
        Ok(())
    }

    /// CPython's `symtable_visit_arguments`: the parameters, in `co_varnames` order.
    fn visit_arguments(&mut self, args: &Arguments<'_>) -> Result<(), CompileError> {
        for a in args
            .posonlyargs
            .iter()
            .chain(args.args.iter())
            .chain(args.kwonlyargs.iter())
        {
            self.add_def(a.arg, DEF_PARAM, a.range)?;
        }
        if let Some(a) = &args.vararg {
            self.add_def(a.arg, DEF_PARAM, a.range)?;
            self.cur_scope_mut().varargs = true;
        }
        if let Some(a) = &args.kwarg {
            self.add_def(a.arg, DEF_PARAM, a.range)?;
            self.cur_scope_mut().varkeywords = true;
        }
        Ok(())
    }

    fn visit_keywords(&mut self, keywords: &[Keyword<'_>]) -> Result<(), CompileError> {
        for k in keywords {
            self.visit_expr(&k.value)?;
        }
        Ok(())
    }

    fn visit_alias(&mut self, a: &Alias<'_>) -> Result<(), CompileError> {
        let name = a.asname.unwrap_or(a.name);
        if name == "*" {
            if self.cur_scope().block_type != BlockType::Module {
                return Err(self.error("import * only allowed at module level", a.range));
            }
            return Ok(());
        }
        // `import a.b` binds `a`.
        let store = name.split('.').next().unwrap_or(name);
        self.add_def(store, DEF_IMPORT, a.range)
    }

    fn visit_handler(&mut self, h: &ExceptHandler<'_>) -> Result<(), CompileError> {
        if let Some(t) = &h.type_ {
            self.visit_expr(t)?;
        }
        if let Some(name) = h.name {
            self.add_def(name, DEF_LOCAL, h.range)?;
        }
        self.visit_body(h.body)
    }

    fn visit_withitem(&mut self, item: &WithItem<'_>) -> Result<(), CompileError> {
        self.visit_expr(&item.context_expr)?;
        if let Some(v) = &item.optional_vars {
            self.visit_expr(v)?;
        }
        Ok(())
    }

    fn visit_match_case(&mut self, case: &MatchCase<'_>) -> Result<(), CompileError> {
        self.visit_pattern(&case.pattern)?;
        if let Some(g) = &case.guard {
            self.visit_expr(g)?;
        }
        self.visit_body(case.body)
    }

    fn visit_pattern(&mut self, p: &Pattern<'_>) -> Result<(), CompileError> {
        self.enter_recursion()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.visit_pattern_inner(p));
        self.depth -= 1;
        r
    }

    fn visit_pattern_inner(&mut self, p: &Pattern<'_>) -> Result<(), CompileError> {
        match p {
            Pattern::MatchValue(v) => self.visit_expr(&v.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                for p in s.patterns.iter() {
                    self.visit_pattern(p)?;
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(name) = s.name {
                    self.add_def(name, DEF_LOCAL, s.range)?;
                }
            }
            Pattern::MatchMapping(m) => {
                self.visit_exprs(m.keys)?;
                for p in m.patterns.iter() {
                    self.visit_pattern(p)?;
                }
                if let Some(rest) = m.rest {
                    self.add_def(rest, DEF_LOCAL, m.range)?;
                }
            }
            Pattern::MatchClass(c) => {
                self.visit_expr(&c.cls)?;
                for p in c.patterns.iter().chain(c.kwd_patterns.iter()) {
                    self.visit_pattern(p)?;
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.visit_pattern(p)?;
                }
                if let Some(name) = a.name {
                    self.add_def(name, DEF_LOCAL, a.range)?;
                }
            }
            Pattern::MatchOr(o) => {
                for p in o.patterns.iter() {
                    self.visit_pattern(p)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn visit_expr(&mut self, e: &Expr<'_>) -> Result<(), CompileError> {
        self.enter_recursion()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.visit_expr_inner(e));
        self.depth -= 1;
        r
    }

    /// CPython's `symtable_raise_if_annotation_block`: `what` may not appear in annotation,
    /// type-alias, type-parameter or type-variable blocks.
    fn raise_if_annotation_block(&self, what: &str, range: TextRange) -> Result<(), CompileError> {
        let msg = match self.cur_scope().block_type {
            BlockType::Annotation => format!("{what} cannot be used within an annotation"),
            BlockType::TypeVariable => {
                let info = self.blocks[self.cur().0 as usize]
                    .scope_info
                    .unwrap_or("a TypeVar bound");
                format!("{what} cannot be used within {info}")
            }
            BlockType::TypeAlias => format!("{what} cannot be used within a type alias"),
            BlockType::TypeParameters => {
                format!("{what} cannot be used within the definition of a generic")
            }
            _ => return Ok(()),
        };
        Err(self.error(msg, range))
    }

    /// `yield` inside a comprehension block.
    fn raise_if_comprehension_block(&self, range: TextRange) -> Result<(), CompileError> {
        let msg = match self.cur_scope().comprehension {
            None => return Ok(()),
            Some(ComprehensionKind::List) => "'yield' inside list comprehension",
            Some(ComprehensionKind::Set) => "'yield' inside set comprehension",
            Some(ComprehensionKind::Dict) => "'yield' inside dict comprehension",
            Some(ComprehensionKind::Generator) => "'yield' inside generator expression",
        };
        Err(self.error(msg, range))
    }

    fn visit_expr_inner(&mut self, e: &Expr<'_>) -> Result<(), CompileError> {
        match e {
            Expr::NamedExpr(n) => {
                self.raise_if_annotation_block("named expression", n.range)?;
                self.visit_named_expr(n.range, &n.target, &n.value)?;
            }
            Expr::BoolOp(b) => self.visit_exprs(b.values)?,
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand)?,
            Expr::Lambda(l) => {
                self.visit_exprs(l.args.defaults)?;
                for d in l.args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.enter_block(
                    "lambda",
                    BlockType::Function,
                    Some(&**l as *const _ as usize),
                    self.loc(l.range),
                );
                self.visit_arguments(l.args)?;
                self.visit_expr(&l.body)?;
                self.exit_block();
            }
            Expr::IfExp(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for k in d.keys.iter().flatten() {
                    self.visit_expr(k)?;
                }
                self.visit_exprs(d.values)?;
            }
            Expr::Set(s) => self.visit_exprs(s.elts)?,
            Expr::GeneratorExp(c) => self.visit_comprehension(
                "genexpr",
                ComprehensionKind::Generator,
                &**c as *const _ as usize,
                c.range,
                c.generators,
                &c.elt,
                None,
            )?,
            Expr::ListComp(c) => self.visit_comprehension(
                "listcomp",
                ComprehensionKind::List,
                &**c as *const _ as usize,
                c.range,
                c.generators,
                &c.elt,
                None,
            )?,
            Expr::SetComp(c) => self.visit_comprehension(
                "setcomp",
                ComprehensionKind::Set,
                &**c as *const _ as usize,
                c.range,
                c.generators,
                &c.elt,
                None,
            )?,
            Expr::DictComp(c) => self.visit_comprehension(
                "dictcomp",
                ComprehensionKind::Dict,
                &**c as *const _ as usize,
                c.range,
                c.generators,
                &c.key,
                Some(&c.value),
            )?,
            Expr::Yield(y) => {
                self.raise_if_annotation_block("yield expression", y.range)?;
                if let Some(v) = &y.value {
                    self.visit_expr(v)?;
                }
                self.cur_scope_mut().generator = true;
                self.raise_if_comprehension_block(y.range)?;
            }
            Expr::YieldFrom(y) => {
                self.raise_if_annotation_block("yield expression", y.range)?;
                self.visit_expr(&y.value)?;
                self.cur_scope_mut().generator = true;
                self.raise_if_comprehension_block(y.range)?;
            }
            Expr::Await(a) => {
                self.raise_if_annotation_block("await expression", a.range)?;
                self.visit_expr(&a.value)?;
                self.cur_scope_mut().coroutine = true;
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(c.comparators)?;
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                self.visit_exprs(c.args)?;
                self.visit_keywords(c.keywords)?;
            }
            Expr::FormattedValue(f) => {
                self.visit_expr(&f.value)?;
                if let Some(spec) = &f.format_spec {
                    self.visit_expr(spec)?;
                }
            }
            Expr::JoinedStr(j) => self.visit_exprs(j.values)?,
            Expr::Constant(_) => {}
            Expr::Attribute(a) => self.visit_expr(&a.value)?,
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)?;
            }
            Expr::Starred(s) => self.visit_expr(&s.value)?,
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
            Expr::Name(n) => {
                let load = n.ctx == ExprContext::Load;
                self.add_def(n.id, if load { USE } else { DEF_LOCAL }, n.range)?;
                // `super` counts as a use of `__class__` in function-like blocks.
                if load && self.cur_scope().is_function_like() && n.id == "super" {
                    self.add_def("__class__", USE, n.range)?;
                }
            }
            Expr::List(l) => self.visit_exprs(l.elts)?,
            Expr::Tuple(t) => self.visit_exprs(t.elts)?,
        }
        Ok(())
    }

    /// CPython's `symtable_handle_namedexpr`.
    fn visit_named_expr(
        &mut self,
        range: TextRange,
        target: &Expr<'_>,
        value: &Expr<'_>,
    ) -> Result<(), CompileError> {
        if self.cur_scope().comp_iter_expr > 0 {
            return Err(self.error(
                "assignment expression cannot be used in a comprehension iterable expression",
                range,
            ));
        }
        if self.cur_scope().comprehension.is_some()
            && let Expr::Name(name) = target
        {
            self.extend_named_expr_scope(name.id, name.range)?;
        }
        self.visit_expr(value)?;
        self.visit_expr(target)
    }

    /// CPython's `symtable_extend_namedexpr_scope`: a walrus inside a comprehension binds in
    /// the nearest enclosing function (nonlocal) or module (global).
    fn extend_named_expr_scope(
        &mut self,
        name: &str,
        range: TextRange,
    ) -> Result<(), CompileError> {
        for i in (0..self.stack.len()).rev() {
            let id = self.stack[i];
            let scope = self.scope(id);
            if scope.comprehension.is_some() {
                if self.lookup_in(id, name) & DEF_COMP_ITER != 0 {
                    return Err(self.error(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{name}'"
                        ),
                        range,
                    ));
                }
                continue;
            }
            match scope.block_type {
                BlockType::Function => {
                    let flag = if self.lookup_in(id, name) & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(name, flag, range)?;
                    self.record_directive(name, range);
                    return self.add_def_in(id, name, DEF_LOCAL, range);
                }
                BlockType::Module => {
                    self.add_def(name, DEF_GLOBAL, range)?;
                    self.record_directive(name, range);
                    return self.add_def_in(id, name, DEF_GLOBAL, range);
                }
                BlockType::Class => {
                    return Err(self.error(
                        "assignment expression within a comprehension cannot be used in a class body",
                        range,
                    ));
                }
                BlockType::TypeParameters => {
                    return Err(self.error(
                        "assignment expression within a comprehension cannot be used within the definition of a generic",
                        range,
                    ));
                }
                BlockType::TypeAlias => {
                    return Err(self.error(
                        "assignment expression within a comprehension cannot be used in a type alias",
                        range,
                    ));
                }
                BlockType::TypeVariable => {
                    return Err(self.error(
                        "assignment expression within a comprehension cannot be used in a TypeVar bound",
                        range,
                    ));
                }
                BlockType::Annotation => {}
            }
        }
        Ok(())
    }

    /// CPython's `symtable_handle_comprehension`: the outermost iterable is evaluated in the
    /// enclosing block; the rest in a new function block whose parameter `.0` is that
    /// iterable's iterator.
    #[allow(clippy::too_many_arguments)]
    fn visit_comprehension(
        &mut self,
        name: &str,
        kind: ComprehensionKind,
        key: usize,
        range: TextRange,
        generators: &[Comprehension<'_>],
        elt: &Expr<'_>,
        value: Option<&Expr<'_>>,
    ) -> Result<(), CompileError> {
        let is_generator = kind == ComprehensionKind::Generator;
        let outermost = generators.first();
        if let Some(outermost) = outermost {
            self.cur_scope_mut().comp_iter_expr += 1;
            let r = self.visit_expr(&outermost.iter);
            self.cur_scope_mut().comp_iter_expr -= 1;
            r?;
        }
        self.enter_block(name, BlockType::Function, Some(key), self.loc(range));
        self.cur_scope_mut().comprehension = Some(kind);
        if outermost.is_some_and(|o| o.is_async) {
            self.cur_scope_mut().coroutine = true;
        }
        self.add_def(".0", DEF_PARAM, range)?;
        if let Some(outermost) = outermost {
            self.cur_block_mut().comp_iter_target = true;
            let r = self.visit_expr(&outermost.target);
            self.cur_block_mut().comp_iter_target = false;
            r?;
            self.visit_exprs(outermost.ifs)?;
        }
        for generator in generators.iter().skip(1) {
            self.cur_block_mut().comp_iter_target = true;
            let r = self.visit_expr(&generator.target);
            self.cur_block_mut().comp_iter_target = false;
            r?;
            self.cur_scope_mut().comp_iter_expr += 1;
            let r = self.visit_expr(&generator.iter);
            self.cur_scope_mut().comp_iter_expr -= 1;
            r?;
            self.visit_exprs(generator.ifs)?;
            if generator.is_async {
                self.cur_scope_mut().coroutine = true;
            }
        }
        // A dict comprehension's value is walked before its key, as CPython does.
        if let Some(value) = value {
            self.visit_expr(value)?;
        }
        self.visit_expr(elt)?;
        let scope = self.cur_scope_mut();
        scope.generator = is_generator;
        scope.has_await_in_comprehension = scope.coroutine;
        let is_async = scope.coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur_scope_mut().coroutine = true;
        }
        Ok(())
    }
}
