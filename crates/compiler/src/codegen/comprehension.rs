//! Comprehensions and generator expressions, inlined (PEP 709) or in their own code unit
//! (compile.c's `compiler_comprehension`, `compiler_sync_comprehension_generator`,
//! `compiler_async_comprehension_generator`, `push_inlined_comprehension_state`,
//! `pop_inlined_comprehension_state`, `genexp_stopiteration_handler`).

use taipan_ast::{Comprehension, Expr};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::{CResult, Compiler, FBlockKind, UnitKind};
use crate::error::CompileError;
use crate::ir::{Instr, Label, Location};
use crate::symtable::{BlockType, Scope, ScopeId, ScopeKind, Symbol, SymbolFlags};

/// `INTRINSIC_STOPITERATION_ERROR` (`CALL_INTRINSIC_1`).
const INTRINSIC_STOPITERATION_ERROR: i32 = 3;

/// Which comprehension (`COMP_GENEXP`, `COMP_LISTCOMP`…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    GenExp,
    List,
    Set,
    Dict,
}

impl CompKind {
    fn unit_name(self) -> &'static str {
        match self {
            CompKind::GenExp => "<genexpr>",
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
        }
    }
}

/// What `push_inlined_comprehension_state` saved, for `pop_inlined_comprehension_state`.
#[derive(Debug, Default)]
pub(crate) struct InlinedState {
    /// The names whose outer values were pushed (`LOAD_FAST_AND_CLEAR`), in order.
    pushed_locals: Vec<String>,
    /// The names made fast locals for the comprehension's duration.
    fast_hidden: Vec<String>,
    /// The symbol overrides made, with what each replaced, to undo.
    temp_symbols: Vec<(String, Option<Symbol>)>,
    cleanup: Option<Label>,
    end: Option<Label>,
}

/// The element part of a comprehension: `elt` (the key, for a dict) and `val`.
struct Element<'x, 'a> {
    kind: CompKind,
    elt: &'x Expr<'a>,
    val: Option<&'x Expr<'a>>,
}

impl Compiler<'_> {
    /// `compiler_comprehension`: `e` is the comprehension node, `key` its address (the
    /// symbol table's key for its scope).
    pub(crate) fn visit_comp<'a>(
        &mut self,
        e: &Expr<'_>,
        key: usize,
        kind: CompKind,
        generators: &[Comprehension<'_>],
        elt: &Expr<'a>,
        val: Option<&Expr<'a>>,
    ) -> CResult {
        let loc = self.loc(e.range());
        let Some(scope_id) = self.symtable.by_node.get(&key).copied() else {
            return Err(CompileError {
                kind: crate::error::ErrorKind::SystemError,
                message: "no symbol table entry for a comprehension".into(),
                location: loc,
            });
        };
        let entry = self.symtable.scope(scope_id);
        let is_inlined = entry.comp_inlined;
        let is_async = entry.coroutine;
        let Some(outermost) = generators.first() else {
            return Ok(());
        };
        let outer_kind = self.unit_kind();
        let element = Element { kind, elt, val };

        let mut state = None;
        if is_inlined {
            self.comprehension_iter(outermost)?;
            state = Some(self.push_inlined_comprehension_state(loc, scope_id)?);
        } else {
            self.enter_scope(kind.unit_name(), UnitKind::Comprehension, key, loc.lineno)?;
            // The outermost iterator is the implicit argument `.0`.
            self.u().metadata.argcount = 1;
        }

        if is_async
            && kind != CompKind::GenExp
            && !matches!(
                outer_kind,
                Some(UnitKind::AsyncFunction | UnitKind::Comprehension)
            )
        {
            return Err(CompileError::syntax(
                "asynchronous comprehension outside of an asynchronous function",
                loc,
            ));
        }

        let build = match kind {
            CompKind::GenExp => None,
            CompKind::List => Some(Opcode::BUILD_LIST),
            CompKind::Set => Some(Opcode::BUILD_SET),
            CompKind::Dict => Some(Opcode::BUILD_MAP),
        };
        if let Some(build) = build {
            self.addop_i(build, 0, loc);
            if is_inlined {
                self.addop_i(Opcode::SWAP, 2, loc);
            }
        }

        self.comprehension_generator(loc, generators, 0, 0, &element, is_inlined)?;

        if let Some(state) = state {
            return self.pop_inlined_comprehension_state(loc, state);
        }

        if kind == CompKind::GenExp {
            self.genexp_stopiteration_handler();
        } else {
            self.addop(Opcode::RETURN_VALUE, loc);
        }
        let code = self.exit_scope()?;
        self.make_closure(code, 0, loc)?;
        self.comprehension_iter(outermost)?;
        self.addop_i(Opcode::CALL, 0, loc);
        if is_async && kind != CompKind::GenExp {
            self.addop_i(Opcode::GET_AWAITABLE, 0, loc);
            self.addop_load_const(Constant::None, loc);
            self.add_yield_from(loc, true);
        }
        Ok(())
    }

    /// `compiler_comprehension_iter`: the outermost iterable and its iterator.
    fn comprehension_iter(&mut self, comp: &Comprehension<'_>) -> CResult {
        self.visit_expr(&comp.iter)?;
        let loc = self.loc(comp.iter.range());
        let op = if comp.is_async {
            Opcode::GET_AITER
        } else {
            Opcode::GET_ITER
        };
        self.addop(op, loc);
        Ok(())
    }

    /// `genexp_stopiteration_handler`: a generator's body inside a handler turning a
    /// `StopIteration` escaping it into a `RuntimeError`, and an implicit `return None`.
    pub fn genexp_stopiteration_handler(&mut self) {
        let handler = self.new_label();
        self.u().seq.insert(
            0,
            Instr {
                opcode: Opcode::SETUP_CLEANUP,
                oparg: handler.0 as i32,
                loc: Location::NONE,
                except_handler: None,
            },
        );
        self.addop_load_const(Constant::None, Location::NONE);
        self.addop(Opcode::RETURN_VALUE, Location::NONE);
        self.use_label(handler);
        self.addop_i(
            Opcode::CALL_INTRINSIC_1,
            INTRINSIC_STOPITERATION_ERROR,
            Location::NONE,
        );
        self.addop_i(Opcode::RERAISE, 1, Location::NONE);
    }

    /// `compiler_comprehension_generator`.
    fn comprehension_generator(
        &mut self,
        loc: Location,
        generators: &[Comprehension<'_>],
        gen_index: usize,
        depth: i32,
        element: &Element<'_, '_>,
        iter_on_stack: bool,
    ) -> CResult {
        let Some(generator) = generators.get(gen_index) else {
            return Ok(());
        };
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            if generator.is_async {
                self.async_comprehension_generator(
                    loc,
                    generators,
                    gen_index,
                    depth,
                    element,
                    iter_on_stack,
                )
            } else {
                self.sync_comprehension_generator(
                    loc,
                    generators,
                    gen_index,
                    depth,
                    element,
                    iter_on_stack,
                )
            }
        })
    }

    /// The element's store into the collection being built (or its `yield`), after the
    /// last `for`.
    fn comprehension_element(
        &mut self,
        element: &Element<'_, '_>,
        depth: i32,
    ) -> CResult<Location> {
        let mut elt_loc = self.loc(element.elt.range());
        match (element.kind, element.val) {
            (CompKind::GenExp, _) => {
                self.visit_expr(element.elt)?;
                self.addop_yield(elt_loc);
                self.addop(Opcode::POP_TOP, elt_loc);
            }
            (CompKind::List, _) => {
                self.visit_expr(element.elt)?;
                self.addop_i(Opcode::LIST_APPEND, depth + 1, elt_loc);
            }
            (CompKind::Set, _) => {
                self.visit_expr(element.elt)?;
                self.addop_i(Opcode::SET_ADD, depth + 1, elt_loc);
            }
            (CompKind::Dict, Some(val)) => {
                self.visit_expr(element.elt)?;
                self.visit_expr(val)?;
                let val_loc = self.loc(val.range());
                elt_loc.end_lineno = val_loc.end_lineno;
                elt_loc.end_col_offset = val_loc.end_col_offset;
                self.addop_i(Opcode::MAP_ADD, depth + 1, elt_loc);
            }
            (CompKind::Dict, None) => {}
        }
        Ok(elt_loc)
    }

    /// `compiler_sync_comprehension_generator`: one `for … in … if …` clause.
    fn sync_comprehension_generator(
        &mut self,
        loc: Location,
        generators: &[Comprehension<'_>],
        gen_index: usize,
        mut depth: i32,
        element: &Element<'_, '_>,
        iter_on_stack: bool,
    ) -> CResult {
        let mut start = Some(self.new_label());
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        let generator = &generators[gen_index];
        if !iter_on_stack {
            if gen_index == 0 {
                // The outermost iterator, the unit's argument.
                self.u().metadata.argcount = 1;
                self.addop_i(Opcode::LOAD_FAST, 0, loc);
            } else {
                // `for y in [f(x)]` binds y to one value: no loop.
                let elts: &[Expr<'_>] = match &generator.iter {
                    Expr::List(l) => l.elts,
                    Expr::Tuple(t) => t.elts,
                    _ => &[],
                };
                if let [single] = elts
                    && !matches!(single, Expr::Starred(_))
                {
                    self.visit_expr(single)?;
                    start = None;
                }
                if start.is_some() {
                    self.visit_expr(&generator.iter)?;
                    let iter_loc = self.loc(generator.iter.range());
                    self.addop(Opcode::GET_ITER, iter_loc);
                }
            }
        }
        if let Some(start) = start {
            depth += 1;
            self.use_label(start);
            let iter_loc = self.loc(generator.iter.range());
            self.addop_jump(Opcode::FOR_ITER, anchor, iter_loc);
        }
        self.visit_expr(&generator.target)?;
        for cond in generator.ifs.iter() {
            self.jump_if(cond, if_cleanup, false)?;
        }
        let next = gen_index + 1;
        let elt_loc = if next < generators.len() {
            self.comprehension_generator(loc, generators, next, depth, element, false)?;
            self.loc(element.elt.range())
        } else {
            self.comprehension_element(element, depth)?
        };
        self.use_label(if_cleanup);
        if let Some(start) = start {
            self.addop_jump(Opcode::JUMP, start, elt_loc);
            self.use_label(anchor);
            self.addop(Opcode::END_FOR, Location::NONE);
            self.addop(Opcode::POP_TOP, Location::NONE);
        }
        Ok(())
    }

    /// `compiler_async_comprehension_generator`: one `async for … in … if …` clause.
    fn async_comprehension_generator(
        &mut self,
        loc: Location,
        generators: &[Comprehension<'_>],
        gen_index: usize,
        mut depth: i32,
        element: &Element<'_, '_>,
        iter_on_stack: bool,
    ) -> CResult {
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        let generator = &generators[gen_index];
        if !iter_on_stack {
            if gen_index == 0 {
                self.u().metadata.argcount = 1;
                self.addop_i(Opcode::LOAD_FAST, 0, loc);
            } else {
                self.visit_expr(&generator.iter)?;
                let iter_loc = self.loc(generator.iter.range());
                self.addop(Opcode::GET_AITER, iter_loc);
            }
        }
        self.use_label(start);
        self.push_fblock(FBlockKind::AsyncComprehensionGenerator, start, None, 0, loc)?;
        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.addop(Opcode::GET_ANEXT, loc);
        self.addop_load_const(Constant::None, loc);
        self.add_yield_from(loc, true);
        self.addop(Opcode::POP_BLOCK, loc);
        self.visit_expr(&generator.target)?;
        for cond in generator.ifs.iter() {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        let next = gen_index + 1;
        let elt_loc = if next < generators.len() {
            self.comprehension_generator(loc, generators, next, depth, element, false)?;
            self.loc(element.elt.range())
        } else {
            self.comprehension_element(element, depth)?
        };
        self.use_label(if_cleanup);
        self.addop_jump(Opcode::JUMP, start, elt_loc);
        self.pop_fblock(FBlockKind::AsyncComprehensionGenerator, start);
        self.use_label(except);
        self.addop(Opcode::END_ASYNC_FOR, loc);
        Ok(())
    }
}

/// What an inlined comprehension being compiled changes in how its unit sees names (PEP 709):
/// CPython rewrites `ste_symbols` (`temp_symbols`) and sets `u_fasthidden[name] = True` for
/// the duration. The symbol table here is shared and read-only, so the changes live beside
/// it, per unit; [`Compiler::symbol_scope`] and [`Compiler::is_fast_hidden`] read them.
#[derive(Clone, Debug, Default)]
pub struct CompOverrides {
    /// Names whose symbol is, for now, the comprehension's.
    pub symbols: hashbrown::HashMap<String, Symbol>,
    /// Names that are, for now, fast locals of a module or class body.
    pub fast_hidden: hashbrown::HashSet<String>,
}

impl Compiler<'_> {
    /// `_PyST_GetScope(c->u->u_ste, name)` as code generation must see it: the symbol
    /// table's scope of (mangled) `name` in the current unit, unless an inlined comprehension
    /// being compiled overrides it. `nameop` resolves names with this.
    pub fn symbol_scope(&self, name: &str) -> Option<ScopeKind> {
        let unit = self.units.last()?;
        if let Some(symbol) = unit.comp_overrides.symbols.get(name) {
            return symbol.scope;
        }
        self.symtable
            .scopes
            .get(unit.scope.0 as usize)?
            .scope_of_name(name)
    }

    /// Whether `u_fasthidden[name]` is `True`: a module- or class-level name that an inlined
    /// comprehension being compiled binds, and that is a fast local meanwhile.
    pub fn is_fast_hidden(&self, name: &str) -> bool {
        self.units
            .last()
            .is_some_and(|u| u.comp_overrides.fast_hidden.contains(name))
    }

    /// The module's symbol for `name` (`c->c_st->st_top`), as code generation sees it: an
    /// inlined comprehension at module level overrides the module's own symbols meanwhile.
    pub fn top_symbol(&self, name: &str) -> Option<Symbol> {
        if let Some(module) = self.units.first()
            && module.scope == self.symtable.root()
            && let Some(symbol) = module.comp_overrides.symbols.get(name)
        {
            return Some(*symbol);
        }
        self.symtable
            .scope(self.symtable.root())
            .symbol(name)
            .copied()
    }

    /// The current unit's symbol for `name`, overrides first.
    fn current_symbol(&self, name: &str) -> Option<Symbol> {
        let unit = self.units.last()?;
        if let Some(symbol) = unit.comp_overrides.symbols.get(name) {
            return Some(*symbol);
        }
        self.symtable
            .scopes
            .get(unit.scope.0 as usize)?
            .symbol(name)
            .copied()
    }

    /// The index of `name` in `co_varnames`, added if new (`ADDOP_NAME(…, varnames)`).
    fn varname_index(&mut self, name: &str) -> i32 {
        let varnames = &mut self.u().metadata.varnames;
        if let Some(i) = varnames.iter().position(|n| n.as_str() == Some(name)) {
            return i as i32;
        }
        varnames.push(PyString::new(name));
        varnames.len() as i32 - 1
    }

    /// `MAKE_CELL`'s oparg at code generation: the index among the cell variables, or
    /// among the free variables after them.
    fn cell_index(&mut self, name: &str, free: bool) -> i32 {
        let metadata = &mut self.u().metadata;
        let ncells = metadata.cellvars.len();
        let list = if free {
            &mut metadata.freevars
        } else {
            &mut metadata.cellvars
        };
        let i = match list.iter().position(|n| n.as_str() == Some(name)) {
            Some(i) => i,
            None => {
                list.push(PyString::new(name));
                list.len() - 1
            }
        };
        if free { (ncells + i) as i32 } else { i as i32 }
    }

    /// `push_inlined_comprehension_state`: before an inlined comprehension's body, gives its
    /// names their scopes inside it, saves (`LOAD_FAST_AND_CLEAR`) the outer values of the
    /// names it binds, and opens the handler that restores them on an exception.
    pub(crate) fn push_inlined_comprehension_state(
        &mut self,
        loc: Location,
        comp_scope: ScopeId,
    ) -> CResult<InlinedState> {
        let symtable = self.symtable;
        let entry = symtable.scope(comp_scope);
        let outer_is_class = self
            .unit_ste()
            .is_some_and(|s| s.block_type == BlockType::Class);
        let outer_function_like = self.unit_ste().is_some_and(Scope::is_function_like);
        let in_class_block = outer_is_class && self.u().in_inlined_comp == 0;
        self.u().in_inlined_comp += 1;
        let mut state = InlinedState::default();
        for (name, symbol) in &entry.symbols {
            let scope = symbol.scope;
            let outer = self.current_symbol(name);
            let outsc = outer.and_then(|s| s.scope);
            let differs = scope != outsc
                && scope != Some(ScopeKind::Free)
                && !(scope == Some(ScopeKind::Cell) && outsc == Some(ScopeKind::Free));
            if differs || in_class_block {
                let previous = self
                    .u()
                    .comp_overrides
                    .symbols
                    .insert(name.clone(), *symbol);
                state.temp_symbols.push((name.clone(), previous));
            }
            let flags = symbol.flags;
            if (flags.has(SymbolFlags::DEF_LOCAL) && !flags.has(SymbolFlags::DEF_NONLOCAL))
                || in_class_block
            {
                if !outer_function_like && !self.is_fast_hidden(name) {
                    let unit = self.u();
                    unit.comp_overrides.fast_hidden.insert(name.clone());
                    if !unit
                        .metadata
                        .fasthidden
                        .iter()
                        .any(|n| n.as_str() == Some(name))
                    {
                        unit.metadata.fasthidden.push(PyString::new(name));
                    }
                    state.fast_hidden.push(name.clone());
                }
                let index = self.varname_index(name);
                self.addop_i(Opcode::LOAD_FAST_AND_CLEAR, index, loc);
                if scope == Some(ScopeKind::Cell) {
                    let index = self.cell_index(name, outsc == Some(ScopeKind::Free));
                    self.addop_i(Opcode::MAKE_CELL, index, loc);
                }
                state.pushed_locals.push(name.clone());
            }
        }
        if !state.pushed_locals.is_empty() {
            // The outermost iterator, evaluated first, goes back on top.
            self.addop_i(Opcode::SWAP, state.pushed_locals.len() as i32 + 1, loc);
            let cleanup = self.new_label();
            let end = self.new_label();
            state.cleanup = Some(cleanup);
            state.end = Some(end);
            self.addop_jump(Opcode::SETUP_FINALLY, cleanup, loc);
        }
        Ok(state)
    }

    /// `pop_inlined_comprehension_state`: after an inlined comprehension, restores the saved
    /// outer values (on the normal path and in the exception handler) and the scopes.
    pub(crate) fn pop_inlined_comprehension_state(
        &mut self,
        loc: Location,
        state: InlinedState,
    ) -> CResult {
        let unit = self.u();
        unit.in_inlined_comp = unit.in_inlined_comp.saturating_sub(1);
        for (name, previous) in state.temp_symbols.into_iter().rev() {
            match previous {
                Some(symbol) => unit.comp_overrides.symbols.insert(name, symbol),
                None => unit.comp_overrides.symbols.remove(&name),
            };
        }
        if let (Some(cleanup), Some(end)) = (state.cleanup, state.end) {
            self.addop(Opcode::POP_BLOCK, Location::NONE);
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, Location::NONE);
            self.use_label(cleanup);
            // Drop the incomplete result under the exception.
            self.addop_i(Opcode::SWAP, 2, Location::NONE);
            self.addop(Opcode::POP_TOP, Location::NONE);
            self.restore_inlined_comprehension_locals(loc, &state.pushed_locals);
            self.addop_i(Opcode::RERAISE, 0, Location::NONE);
            self.use_label(end);
            self.restore_inlined_comprehension_locals(loc, &state.pushed_locals);
        }
        let unit = self.u();
        for name in &state.fast_hidden {
            unit.comp_overrides.fast_hidden.remove(name);
        }
        Ok(())
    }

    /// `restore_inlined_comprehension_locals`: the result back under the saved values, then
    /// each stored back (`STORE_FAST_MAYBE_NULL`: a saved value may be unbound).
    fn restore_inlined_comprehension_locals(&mut self, loc: Location, pushed: &[String]) {
        self.addop_i(Opcode::SWAP, pushed.len() as i32 + 1, loc);
        for name in pushed.iter().rev() {
            let index = self.varname_index(name);
            self.addop_i(Opcode::STORE_FAST_MAYBE_NULL, index, loc);
        }
    }
}
