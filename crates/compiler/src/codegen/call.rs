//! Calls (compile.c's `compiler_call`, `compiler_call_helper`, `maybe_optimize_method_call`,
//! `compiler_call_simple_kw_helper`, `compiler_subkwargs`, `validate_keywords`, and the
//! `super()` attribute optimisation: `can_optimize_super_call`, `load_args_for_super`).

use taipan_ast::{Attribute, Call, Expr, ExprContext, Keyword};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::expr::STACK_USE_GUIDELINE;
use super::{CResult, Compiler, UnitKind};
use crate::error::CompileError;
use crate::ir::Location;
use crate::symtable::{ScopeKind, SymbolFlags};

impl Compiler<'_> {
    /// `compiler_call_helper`: pushes the arguments (after `n` already pushed positionals) and
    /// emits the call. Used for calls and for class creation (`__build_class__`).
    pub fn call_helper(
        &mut self,
        loc: Location,
        n: usize,
        args: &[Expr<'_>],
        keywords: &[Keyword<'_>],
    ) -> CResult {
        self.validate_keywords(keywords)?;
        let nelts = args.len();
        let nkwelts = keywords.len();
        let simple = nelts + nkwelts * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && keywords.iter().all(|k| k.arg.is_some());
        if simple {
            self.visit_exprs(args)?;
            if nkwelts > 0 {
                self.visit_keyword_values(keywords)?;
                self.call_simple_kw_helper(loc, keywords);
                self.addop_i(Opcode::CALL_KW, (n + nelts + nkwelts) as i32, loc);
            } else {
                self.addop_i(Opcode::CALL, (n + nelts) as i32, loc);
            }
            return Ok(());
        }

        // The general form: a tuple of positionals and a dict of keywords.
        match args {
            [Expr::Starred(s)] if n == 0 => self.visit_expr(&s.value)?,
            _ => self.starunpack_helper(
                loc,
                args,
                n,
                Opcode::BUILD_LIST,
                Opcode::LIST_APPEND,
                Opcode::LIST_EXTEND,
                true,
            )?,
        }
        if nkwelts > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, kw) in keywords.iter().enumerate() {
                if kw.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(loc, &keywords[i - nseen..i])?;
                        if have_dict {
                            self.addop_i(Opcode::DICT_MERGE, 1, loc);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.addop_i(Opcode::BUILD_MAP, 0, loc);
                        have_dict = true;
                    }
                    self.visit_expr(&kw.value)?;
                    self.addop_i(Opcode::DICT_MERGE, 1, loc);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(loc, &keywords[nkwelts - nseen..])?;
                if have_dict {
                    self.addop_i(Opcode::DICT_MERGE, 1, loc);
                }
            }
        }
        self.addop_i(Opcode::CALL_FUNCTION_EX, i32::from(nkwelts > 0), loc);
        Ok(())
    }

    /// `VISIT_SEQ(c, keyword, …)`: the keywords' values.
    fn visit_keyword_values(&mut self, keywords: &[Keyword<'_>]) -> CResult {
        for kw in keywords {
            self.visit_expr(&kw.value)?;
        }
        Ok(())
    }

    /// `compiler_call_simple_kw_helper`: the tuple of keyword names `CALL_KW` takes.
    fn call_simple_kw_helper(&mut self, loc: Location, keywords: &[Keyword<'_>]) {
        let names: Box<[Constant]> = keywords
            .iter()
            .map(|k| Constant::Str(PyString::new(k.arg.unwrap_or(""))))
            .collect();
        self.addop_load_const(Constant::Tuple(names), loc);
    }

    /// `compiler_subkwargs`: the named keywords of a run as one dict.
    fn subkwargs(&mut self, loc: Location, keywords: &[Keyword<'_>]) -> CResult {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            self.visit_keyword_values(keywords)?;
            let keys: Box<[Constant]> = keywords
                .iter()
                .map(|k| Constant::Str(PyString::new(k.arg.unwrap_or(""))))
                .collect();
            self.addop_load_const(Constant::Tuple(keys), loc);
            self.addop_i(Opcode::BUILD_CONST_KEY_MAP, n as i32, loc);
            return Ok(());
        }
        if big {
            self.addop_i(Opcode::BUILD_MAP, 0, Location::NONE);
        }
        for kw in keywords {
            self.addop_load_const(Constant::Str(PyString::new(kw.arg.unwrap_or(""))), loc);
            self.visit_expr(&kw.value)?;
            if big {
                self.addop_i(Opcode::MAP_ADD, 1, Location::NONE);
            }
        }
        if !big {
            self.addop_i(Opcode::BUILD_MAP, n as i32, loc);
        }
        Ok(())
    }

    /// `validate_keywords`: no keyword named `__debug__`, none given twice.
    fn validate_keywords(&mut self, keywords: &[Keyword<'_>]) -> CResult {
        for (i, kw) in keywords.iter().enumerate() {
            let Some(arg) = kw.arg else { continue };
            if arg == "__debug__" {
                return Err(CompileError::syntax(
                    "cannot assign to __debug__",
                    self.loc(kw.range),
                ));
            }
            if let Some(other) = keywords[i + 1..].iter().find(|o| o.arg == Some(arg)) {
                return Err(CompileError::syntax(
                    format!("keyword argument repeated: {arg}"),
                    self.loc(other.range),
                ));
            }
        }
        Ok(())
    }

    /// `compiler_call`.
    pub(crate) fn visit_call(&mut self, e: &Call<'_>) -> CResult {
        self.validate_keywords(e.keywords)?;
        if self.maybe_optimize_method_call(e)? {
            return Ok(());
        }
        self.check_caller(&e.func);
        self.visit_expr(&e.func)?;
        let func_loc = self.loc(e.func.range());
        self.addop(Opcode::PUSH_NULL, func_loc);
        let loc = self.loc(e.range);
        self.call_helper(loc, 0, e.args, e.keywords)
    }

    /// `is_import_originated`: whether `e` is a name the module imports (such a name is
    /// likely a module, whose attributes are not methods worth `LOAD_ATTR`'s method form).
    fn is_import_originated(&self, e: &Expr<'_>) -> bool {
        let Expr::Name(n) = e else { return false };
        self.top_symbol(n.id)
            .is_some_and(|s| s.flags.has(SymbolFlags::DEF_IMPORT))
    }

    /// `maybe_optimize_method_call`: `obj.meth(args)` as `LOAD_ATTR` (method form) and a
    /// plain `CALL`, when no `*`/`**` argument and not too many arguments. Returns whether it
    /// emitted the call.
    fn maybe_optimize_method_call(&mut self, e: &Call<'_>) -> CResult<bool> {
        let Expr::Attribute(meth) = &e.func else {
            return Ok(false);
        };
        if meth.ctx != ExprContext::Load || self.is_import_originated(&meth.value) {
            return Ok(false);
        }
        let argsl = e.args.len();
        let kwdsl = e.keywords.len();
        if argsl + kwdsl + usize::from(kwdsl != 0) >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if e.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || e.keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        let meth_loc = self.loc(meth.range);
        let mut loc = meth_loc;
        if let Some(nargs) = self.can_optimize_super_call(meth) {
            self.load_args_for_super(&meth.value)?;
            let opcode = if nargs > 0 {
                Opcode::LOAD_SUPER_METHOD
            } else {
                Opcode::LOAD_ZERO_SUPER_METHOD
            };
            self.addop_name(opcode, meth.attr, loc)?;
            loc = self.update_start_location_to_match_attr(loc, meth.range, meth.attr);
            self.addop(Opcode::NOP, loc);
        } else {
            self.visit_expr(&meth.value)?;
            loc = self.update_start_location_to_match_attr(loc, meth.range, meth.attr);
            self.addop_name(Opcode::LOAD_METHOD, meth.attr, loc)?;
        }
        self.visit_exprs(e.args)?;
        let call_loc = self.loc(e.range);
        let call_loc = self.update_start_location_to_match_attr(call_loc, meth.range, meth.attr);
        if kwdsl > 0 {
            self.visit_keyword_values(e.keywords)?;
            self.call_simple_kw_helper(loc, e.keywords);
            self.addop_i(Opcode::CALL_KW, (argsl + kwdsl) as i32, call_loc);
        } else {
            self.addop_i(Opcode::CALL, argsl as i32, call_loc);
        }
        Ok(true)
    }

    /// CPython's `get_ref_type` (without its error for an unknown name): how `name` resolves
    /// in the current unit.
    fn ref_type(&self, name: &str) -> Option<ScopeKind> {
        if self.unit_kind() == Some(UnitKind::Class)
            && (name == "__class__" || name == "__classdict__")
        {
            return Some(ScopeKind::Cell);
        }
        let mangled = self.mangle(name);
        self.symbol_scope(&mangled)
    }

    /// `can_optimize_super_call`: whether `super().attr` / `super(C, self).attr` can load
    /// the attribute with `LOAD_SUPER_ATTR`: `super` is the builtin as far as can be seen,
    /// and the zero-argument form has a first parameter and the `__class__` cell. Returns
    /// the number of arguments of the `super` call when it can.
    pub(crate) fn can_optimize_super_call(&self, attr: &Attribute<'_>) -> Option<usize> {
        let Expr::Call(call) = &attr.value else {
            return None;
        };
        let Expr::Name(func) = &call.func else {
            return None;
        };
        if func.id != "super" || attr.attr == "__class__" || !call.keywords.is_empty() {
            return None;
        }
        // Statically visible shadowing of `super`.
        if self.symbol_scope(func.id) != Some(ScopeKind::GlobalImplicit) {
            return None;
        }
        if self.top_symbol(func.id).is_some_and(|s| s.scope.is_some()) {
            return None;
        }
        let nargs = call.args.len();
        if nargs == 2 {
            if call.args.iter().any(|a| matches!(a, Expr::Starred(_))) {
                return None;
            }
            return Some(2);
        }
        if nargs != 0 {
            return None;
        }
        let unit = self.units.last()?;
        if unit.metadata.argcount == 0 && unit.metadata.posonlyargcount == 0 {
            return None;
        }
        (self.ref_type("__class__") == Some(ScopeKind::Free)).then_some(0)
    }

    /// `load_args_for_super`: pushes `super` and its two arguments (the given ones, or the
    /// `__class__` cell and the first parameter).
    pub(crate) fn load_args_for_super(&mut self, e: &Expr<'_>) -> CResult {
        let Expr::Call(call) = e else {
            return Ok(());
        };
        let Expr::Name(func) = &call.func else {
            return Ok(());
        };
        let func_loc = self.loc(func.range);
        self.nameop(func.id, ExprContext::Load, func_loc)?;
        if let [first, second] = &*call.args {
            self.visit_expr(first)?;
            self.visit_expr(second)?;
            return Ok(());
        }
        let loc = self.loc(call.range);
        self.nameop("__class__", ExprContext::Load, loc)?;
        let first = self
            .units
            .last()
            .and_then(|u| u.metadata.varnames.first())
            .and_then(|n| n.as_str().map(str::to_owned));
        match first {
            Some(name) => self.nameop(&name, ExprContext::Load, loc),
            None => Err(CompileError::syntax("super(): no arguments", loc)),
        }
    }
}
