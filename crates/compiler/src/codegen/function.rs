//! Functions and lambdas: decorators, positional defaults, keyword-only defaults, annotations,
//! the function body with its docstring, the `StopIteration` guard of generators and
//! coroutines, and closures (compile.c's `compiler_function`, `compiler_function_body`,
//! `compiler_lambda`, `compiler_default_arguments`, `compiler_visit_annotations`,
//! `compiler_make_closure`, `wrap_in_stopiteration_handler`). Classes are in `class.rs`, PEP 695
//! type parameters and `type` aliases in `type_params.rs`.

use taipan_ast::{Arg, Arguments, Expr, ExprContext, FunctionDef, Lambda};
use taipan_bytecode::{CodeObject, Constant, Opcode, PyString};

use super::docstring::{clean_doc, get_docstring};
use super::{CResult, Compiler, UnitKind};
use crate::error::{CompileError, ErrorKind};
use crate::ir::{Instr, Location};
use crate::symtable::{Scope, ScopeKind};

/// `SET_FUNCTION_ATTRIBUTE` opargs (CPython's `MAKE_FUNCTION_*` flags), in the order
/// `compiler_make_closure` sets them: closure, annotations, keyword defaults, defaults.
pub const MAKE_FUNCTION_DEFAULTS: u32 = 0x01;
pub const MAKE_FUNCTION_KWDEFAULTS: u32 = 0x02;
pub const MAKE_FUNCTION_ANNOTATIONS: u32 = 0x04;
pub const MAKE_FUNCTION_CLOSURE: u32 = 0x08;

/// `CALL_INTRINSIC_1` opargs used by definitions (CPython's `INTRINSIC_*`).
pub const INTRINSIC_STOPITERATION_ERROR: i32 = 3;
pub const INTRINSIC_TYPEVAR: i32 = 7;
pub const INTRINSIC_PARAMSPEC: i32 = 8;
pub const INTRINSIC_TYPEVARTUPLE: i32 = 9;
pub const INTRINSIC_SUBSCRIPT_GENERIC: i32 = 10;
pub const INTRINSIC_TYPEALIAS: i32 = 11;
/// `CALL_INTRINSIC_2` opargs.
pub const INTRINSIC_TYPEVAR_WITH_BOUND: i32 = 2;
pub const INTRINSIC_TYPEVAR_WITH_CONSTRAINTS: i32 = 3;
pub const INTRINSIC_SET_FUNCTION_TYPE_PARAMS: i32 = 4;
pub const INTRINSIC_SET_TYPEPARAM_DEFAULT: i32 = 5;

/// The key the symbol table files a node's scope under: the node's address (CPython keys
/// `ste` entries by node pointer). See [`crate::symtable::SymbolTable::scope_of`].
pub(crate) fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// A compile error CPython reports as `SystemError` (an inconsistency between the symbol
/// table and code generation, never expected on a tree the parser made).
pub(crate) fn system_error(message: String) -> CompileError {
    CompileError {
        kind: ErrorKind::SystemError,
        message,
        location: Location::NONE,
    }
}

impl<'t> Compiler<'t> {
    /// The symbol-table scope of the unit being generated (`c->u->u_ste`).
    pub(crate) fn def_ste(&self) -> CResult<&'t Scope> {
        let table: &'t crate::symtable::SymbolTable = self.symtable;
        let unit = self
            .units
            .last()
            .ok_or_else(|| system_error("no code unit is open".to_owned()))?;
        table
            .scopes
            .get(unit.scope.0 as usize)
            .ok_or_else(|| system_error("a code unit names no symbol-table scope".to_owned()))
    }

    /// The current unit's kind, if a unit is open.
    pub(crate) fn def_unit_kind(&self) -> Option<UnitKind> {
        self.units.last().map(|u| u.kind)
    }

    /// Adds a code object to `co_consts`. CPython keys code objects by their value
    /// (`_PyCode_ConstantKey` is the code object, compared with `code.__eq__`): a unit compiled
    /// twice from the same source (a genexp in a `while` test) is one constant.
    pub(crate) fn add_code_const(&mut self, code: CodeObject) -> u32 {
        self.add_const(Constant::Code(Box::new(code)))
    }

    /// `compiler_function`: a `def` or `async def` statement.
    pub fn visit_function_def(&mut self, s: &FunctionDef<'_>, is_async: bool) -> CResult {
        self.check_debug_args(s.args)?;
        self.visit_decorators(s.decorator_list)?;
        let loc = self.loc(s.range);
        let firstlineno = self.first_line_with_decorators(s.decorator_list, loc);
        let is_generic = !s.type_params.is_empty();

        let mut funcflags = self.default_arguments(loc, s.args)?;
        let mut num_typeparam_args = 0;
        if is_generic {
            // The defaults become the arguments of the type-parameter function, which passes
            // them on (as `.defaults` / `.kwdefaults`) to the function it makes.
            if funcflags & MAKE_FUNCTION_DEFAULTS != 0 {
                num_typeparam_args += 1;
            }
            if funcflags & MAKE_FUNCTION_KWDEFAULTS != 0 {
                num_typeparam_args += 1;
            }
            if num_typeparam_args == 2 {
                self.addop_i(Opcode::SWAP, 2, loc);
            }
            let name = format!("<generic parameters of {}>", s.name);
            self.enter_scope(
                &name,
                UnitKind::TypeParams,
                s.type_params.as_ptr() as usize,
                firstlineno,
            )?;
            self.type_params(s.type_params)?;
            if funcflags & (MAKE_FUNCTION_DEFAULTS | MAKE_FUNCTION_KWDEFAULTS) != 0 {
                self.addop_i(Opcode::LOAD_FAST, 0, loc);
            }
            if num_typeparam_args == 2 {
                self.addop_i(Opcode::LOAD_FAST, 1, loc);
            }
        }

        if self.visit_annotations(loc, s.args, s.returns.as_ref())? {
            funcflags |= MAKE_FUNCTION_ANNOTATIONS;
        }

        self.function_body(s, is_async, funcflags, firstlineno)?;

        if is_generic {
            self.addop_i(Opcode::SWAP, 2, loc);
            self.addop_i(
                Opcode::CALL_INTRINSIC_2,
                INTRINSIC_SET_FUNCTION_TYPE_PARAMS,
                loc,
            );
            self.u().metadata.argcount = num_typeparam_args;
            let code = self.exit_scope_with(false)?;
            self.make_closure(code, 0, loc)?;
            self.call_type_params_function(num_typeparam_args, loc);
        }

        self.apply_decorators(s.decorator_list);
        self.nameop(s.name, ExprContext::Store, loc)
    }

    /// Calls the type-parameter function just made, with the defaults tuple and keyword
    /// defaults dict that were pushed before it (CPython 3.13 passes the first of them in the
    /// `self` slot of `CALL`, hence `CALL n-1` after a `SWAP`; with none, a `NULL` goes there).
    pub(crate) fn call_type_params_function(&mut self, num_args: u32, loc: Location) {
        if num_args > 0 {
            self.addop_i(Opcode::SWAP, num_args as i32 + 1, loc);
            self.addop_i(Opcode::CALL, num_args as i32 - 1, loc);
        } else {
            self.addop(Opcode::PUSH_NULL, loc);
            self.addop_i(Opcode::CALL, 0, loc);
        }
    }

    /// `compiler_function_body`: the function's own code unit, then the function object.
    fn function_body(
        &mut self,
        s: &FunctionDef<'_>,
        is_async: bool,
        funcflags: u32,
        firstlineno: i32,
    ) -> CResult {
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.enter_scope(s.name, kind, node_key(s), firstlineno)?;

        // The docstring (or None) is always the first constant of a function. As CPython 3.13,
        // the docstring statement is skipped even under `-OO`, which drops its text.
        let docstring = get_docstring(s.body);
        let first = usize::from(docstring.is_some());
        let docstring = docstring
            .filter(|_| self.optimize < 2)
            .map(|(_, text)| Constant::Str(clean_doc(&text)));
        self.add_const(docstring.unwrap_or(Constant::None));

        self.set_arg_counts(s.args);
        for stmt in s.body.iter().skip(first) {
            self.visit_stmt(stmt)?;
        }
        let ste = self.def_ste()?;
        if ste.coroutine || ste.generator {
            self.wrap_body_in_stopiteration_handler();
        }
        let code = self.exit_scope()?;
        let loc = self.loc(s.range);
        self.make_closure(code, funcflags, loc)
    }

    /// `co_argcount`, `co_posonlyargcount`, `co_kwonlyargcount` of the unit being generated.
    fn set_arg_counts(&mut self, args: &Arguments<'_>) {
        let metadata = &mut self.u().metadata;
        metadata.argcount = args.args.len() as u32;
        metadata.posonlyargcount = args.posonlyargs.len() as u32;
        metadata.kwonlyargcount = args.kwonlyargs.len() as u32;
    }

    /// compile.c's `wrap_in_stopiteration_handler`: a generator's or coroutine's body runs under a handler
    /// that turns an escaping `StopIteration` into a `RuntimeError`; the `SETUP_CLEANUP` goes
    /// in front of everything, `RESUME` included.
    fn wrap_body_in_stopiteration_handler(&mut self) {
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

    /// `compiler_lambda`.
    pub fn visit_lambda(&mut self, e: &Lambda<'_>) -> CResult {
        self.check_debug_args(e.args)?;
        let loc = self.loc(e.range);
        let funcflags = self.default_arguments(loc, e.args)?;

        self.enter_scope("<lambda>", UnitKind::Lambda, node_key(e), loc.lineno)?;
        // None first, so that a lambda never has a docstring.
        self.add_const(Constant::None);
        self.set_arg_counts(e.args);
        self.visit_expr(&e.body)?;
        let code = if self.def_ste()?.generator {
            self.exit_scope_with(false)?
        } else {
            let body_loc = self.loc(e.body.range());
            self.addop(Opcode::RETURN_VALUE, body_loc);
            self.exit_scope()?
        };
        self.make_closure(code, funcflags, loc)
    }

    /// `compiler_make_closure`: pushes a function made from `code` (with `LOAD_CLOSURE`s and a
    /// closure tuple when it has free variables), then `SET_FUNCTION_ATTRIBUTE` for each bit of
    /// `flags` (`MAKE_FUNCTION_*`: defaults, kwdefaults, annotations, closure).
    pub fn make_closure(&mut self, code: CodeObject, flags: u32, loc: Location) -> CResult {
        let mut flags = flags;
        let freevars: Vec<String> = code
            .freevars()
            .iter()
            .map(|name| name.as_str().unwrap_or_default().to_owned())
            .collect();
        if !freevars.is_empty() {
            for name in &freevars {
                let index = self.closure_index(name, &code)?;
                self.addop_i(Opcode::LOAD_CLOSURE, index, loc);
            }
            flags |= MAKE_FUNCTION_CLOSURE;
            self.addop_i(Opcode::BUILD_TUPLE, freevars.len() as i32, loc);
        }
        let index = self.add_code_const(code);
        self.addop_i(Opcode::LOAD_CONST, index as i32, loc);
        self.addop(Opcode::MAKE_FUNCTION, loc);
        for bit in [
            MAKE_FUNCTION_CLOSURE,
            MAKE_FUNCTION_ANNOTATIONS,
            MAKE_FUNCTION_KWDEFAULTS,
            MAKE_FUNCTION_DEFAULTS,
        ] {
            if flags & bit != 0 {
                self.addop_i(Opcode::SET_FUNCTION_ATTRIBUTE, bit as i32, loc);
            }
        }
        Ok(())
    }

    /// The `LOAD_CLOSURE` oparg of a free variable of a nested code object: its cell in this
    /// unit, or this unit's own free variable (numbered after the cells), as compile.c's
    /// `get_ref_type` + `compiler_lookup_arg`. A class body's `__class__`/`__classdict__` are
    /// always its cells; a name that is both a class local and a method's free variable is a
    /// free variable of the class.
    fn closure_index(&mut self, name: &str, code: &CodeObject) -> CResult<i32> {
        let is_cell = if self.def_unit_kind() == Some(UnitKind::Class)
            && (name == "__class__" || name == "__classdict__")
        {
            true
        } else {
            // Through the overrides of an inlined comprehension being compiled, as CPython
            // reads its temporarily replaced `ste_symbols`.
            match self.symbol_scope(name) {
                Some(kind) => kind == ScopeKind::Cell,
                None => {
                    return Err(system_error(format!(
                        "_PyST_GetScope(name={name:?}) failed: unknown scope in unit {}",
                        self.def_ste()?.name
                    )));
                }
            }
        };
        let metadata = &self.u().metadata;
        let found = if is_cell {
            metadata
                .cellvars
                .iter()
                .position(|n| n.as_str() == Some(name))
        } else {
            metadata
                .freevars
                .iter()
                .position(|n| n.as_str() == Some(name))
                .map(|i| i + metadata.cellvars.len())
        };
        found.map(|i| i as i32).ok_or_else(|| {
            system_error(format!(
                "compiler_lookup_arg(name={name:?}) failed in {:?}; freevars of code {:?}",
                metadata.name.as_str().unwrap_or_default(),
                code.name.as_str().unwrap_or_default()
            ))
        })
    }

    /// `compiler_decorators`: evaluates the decorators, first to last.
    pub(crate) fn visit_decorators(&mut self, decorators: &[Expr<'_>]) -> CResult {
        for decorator in decorators {
            self.visit_expr(decorator)?;
        }
        Ok(())
    }

    /// `compiler_apply_decorators`: calls them, last to first, each at its own location.
    pub(crate) fn apply_decorators(&mut self, decorators: &[Expr<'_>]) {
        for decorator in decorators.iter().rev() {
            let loc = self.loc(decorator.range());
            self.addop_i(Opcode::CALL, 0, loc);
        }
    }

    /// The first line of a definition: its first decorator's, if it has any.
    pub(crate) fn first_line_with_decorators(&self, decorators: &[Expr<'_>], loc: Location) -> i32 {
        match decorators.first() {
            Some(first) => self.loc(first.range()).lineno,
            None => loc.lineno,
        }
    }

    /// `compiler_default_arguments`: pushes the defaults tuple and the keyword-only defaults
    /// dict, and returns the `MAKE_FUNCTION_*` bits of what it pushed.
    fn default_arguments(&mut self, loc: Location, args: &Arguments<'_>) -> CResult<u32> {
        let mut funcflags = 0;
        if !args.defaults.is_empty() {
            for default in args.defaults.iter() {
                self.visit_expr(default)?;
            }
            self.addop_i(Opcode::BUILD_TUPLE, args.defaults.len() as i32, loc);
            funcflags |= MAKE_FUNCTION_DEFAULTS;
        }
        if !args.kwonlyargs.is_empty() && self.visit_kwonly_defaults(loc, args)? {
            funcflags |= MAKE_FUNCTION_KWDEFAULTS;
        }
        Ok(funcflags)
    }

    /// `compiler_visit_kwonlydefaults`: the values of the keyword-only parameters that have a
    /// default, then `BUILD_CONST_KEY_MAP` with their (mangled) names. Whether a dict was pushed.
    fn visit_kwonly_defaults(&mut self, loc: Location, args: &Arguments<'_>) -> CResult<bool> {
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(args.kw_defaults.iter()) {
            if let Some(default) = default {
                let mangled = self.mangle(arg.arg).into_owned();
                keys.push(Constant::Str(PyString::new(&mangled)));
                self.visit_expr(default)?;
            }
        }
        if keys.is_empty() {
            return Ok(false);
        }
        let count = keys.len() as i32;
        self.addop_load_const(Constant::Tuple(keys.into_boxed_slice()), loc);
        self.addop_i(Opcode::BUILD_CONST_KEY_MAP, count, loc);
        Ok(true)
    }

    /// `compiler_visit_annotations`: pushes `(name, annotation, …)` for the parameters (in the
    /// order positional, positional-only, `*args`, keyword-only, `**kwargs`) and `return`, as
    /// one tuple. Whether a tuple was pushed.
    fn visit_annotations(
        &mut self,
        loc: Location,
        args: &Arguments<'_>,
        returns: Option<&Expr<'_>>,
    ) -> CResult<bool> {
        let mut len = 0;
        for arg in args.args.iter() {
            self.visit_arg_annotation(arg.arg, arg.annotation.as_ref(), &mut len, loc)?;
        }
        for arg in args.posonlyargs.iter() {
            self.visit_arg_annotation(arg.arg, arg.annotation.as_ref(), &mut len, loc)?;
        }
        if let Some(arg) = &args.vararg {
            self.visit_arg_annotation(arg.arg, arg.annotation.as_ref(), &mut len, loc)?;
        }
        for arg in args.kwonlyargs.iter() {
            self.visit_arg_annotation(arg.arg, arg.annotation.as_ref(), &mut len, loc)?;
        }
        if let Some(arg) = &args.kwarg {
            self.visit_arg_annotation(arg.arg, arg.annotation.as_ref(), &mut len, loc)?;
        }
        self.visit_arg_annotation("return", returns, &mut len, loc)?;
        if len == 0 {
            return Ok(false);
        }
        self.addop_i(Opcode::BUILD_TUPLE, len, loc);
        Ok(true)
    }

    /// `compiler_visit_argannotation`: one `(name, annotation)` pair, the annotation as a string
    /// under `from __future__ import annotations`; `*args: *Ts` unpacks `Ts` into one value.
    fn visit_arg_annotation(
        &mut self,
        id: &str,
        annotation: Option<&Expr<'_>>,
        len: &mut i32,
        loc: Location,
    ) -> CResult {
        let Some(annotation) = annotation else {
            return Ok(());
        };
        let mangled = self.mangle(id).into_owned();
        self.addop_load_const(Constant::Str(PyString::new(&mangled)), loc);
        if self.symtable.future.annotations {
            self.visit_annexpr(annotation)?;
        } else if let Expr::Starred(starred) = annotation {
            self.visit_expr(&starred.value)?;
            self.addop_i(Opcode::UNPACK_SEQUENCE, 1, loc);
        } else {
            self.visit_expr(annotation)?;
        }
        *len += 2;
        Ok(())
    }

    /// `compiler_visit_annexpr`: an annotation as the source text CPython's unparser gives it.
    pub fn visit_annexpr(&mut self, annotation: &Expr<'_>) -> CResult {
        let text = super::annotations::unparse_annotation(annotation)?;
        let loc = self.loc(annotation.range());
        self.addop_load_const(Constant::Str(text), loc);
        Ok(())
    }

    /// `compiler_check_debug_args`: no parameter may be called `__debug__`.
    fn check_debug_args(&self, args: &Arguments<'_>) -> CResult {
        let all = args
            .posonlyargs
            .iter()
            .chain(args.args.iter())
            .chain(args.vararg.as_deref())
            .chain(args.kwonlyargs.iter())
            .chain(args.kwarg.as_deref());
        for arg in all {
            self.check_debug_arg(arg)?;
        }
        Ok(())
    }

    fn check_debug_arg(&self, arg: &Arg<'_>) -> CResult {
        if arg.arg == "__debug__" {
            return Err(CompileError::syntax(
                "cannot assign to __debug__",
                self.loc(arg.range),
            ));
        }
        Ok(())
    }
}
