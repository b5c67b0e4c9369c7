//! Classes: `__build_class__` with the class body's code unit (compile.c's `compiler_class`,
//! `compiler_class_body`), the body's preamble (`__module__`, `__qualname__`,
//! `__firstlineno__`, `__type_params__`, the `__classdict__` cell), its docstring and
//! `SETUP_ANNOTATIONS`, and the epilogue (`__static_attributes__`, `__classdictcell__`,
//! `__classcell__`).

use taipan_ast::{ClassDef, Expr, ExprContext, Keyword};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::function::{INTRINSIC_SUBSCRIPT_GENERIC, node_key, system_error};

/// `CALL_INTRINSIC_1` oparg: a list to a tuple (`INTRINSIC_LIST_TO_TUPLE`).
const INTRINSIC_LIST_TO_TUPLE: i32 = 6;
use super::{CResult, Compiler, UnitKind};
use crate::error::CompileError;
use crate::ir::Location;

/// CPython's `STACK_USE_GUIDELINE`: past this many stack items a call takes the
/// `CALL_FUNCTION_EX` path.
const STACK_USE_GUIDELINE: usize = 30;

impl Compiler<'_> {
    /// Records `self.<name> = …` seen in a method for the nearest enclosing class's
    /// `__static_attributes__` (compile.c's `compiler_maybe_add_static_attribute_to_class`).
    /// The caller checks the target is an attribute of a plain name `self` in a store; this
    /// looks for the innermost class among the units *enclosing* the current one (a store in
    /// the class body itself does not count), and keeps the name unmangled.
    pub fn record_static_attribute(&mut self, name: &str) {
        let enclosing = self.units.len().saturating_sub(1);
        if let Some(class) = self.units[..enclosing]
            .iter_mut()
            .rev()
            .find(|u| u.kind == UnitKind::Class)
        {
            let attrs = &mut class.metadata.static_attributes;
            if !attrs.iter().any(|a| a == name) {
                attrs.push(name.to_owned());
            }
        }
    }

    /// `compiler_class`: a `class` statement.
    pub fn visit_class_def(&mut self, s: &ClassDef<'_>) -> CResult {
        self.visit_decorators(s.decorator_list)?;
        let loc = self.loc(s.range);
        let firstlineno = self.first_line_with_decorators(s.decorator_list, loc);
        let is_generic = !s.type_params.is_empty();
        if is_generic {
            let name = format!("<generic parameters of {}>", s.name);
            self.enter_scope(
                &name,
                UnitKind::TypeParams,
                s.type_params.as_ptr() as usize,
                firstlineno,
            )?;
            // The type parameters' names are mangled with the class's name.
            self.u().private = Some(s.name.to_owned());
            self.type_params(s.type_params)?;
            self.nameop(".type_params", ExprContext::Store, loc)?;
        }

        self.class_body(s, firstlineno)?;

        if is_generic {
            self.nameop(".type_params", ExprContext::Load, loc)?;
            self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_SUBSCRIPT_GENERIC, loc);
            self.nameop(".generic_base", ExprContext::Store, loc)?;
            self.generic_class_call(loc, s.bases, s.keywords)?;
            let code = self.exit_scope_with(false)?;
            self.make_closure(code, 0, loc)?;
            self.addop(Opcode::PUSH_NULL, loc);
            self.addop_i(Opcode::CALL, 0, loc);
        } else {
            self.call_helper(loc, 2, s.bases, s.keywords)?;
        }

        self.apply_decorators(s.decorator_list);
        self.nameop(s.name, ExprContext::Store, loc)
    }

    /// `compiler_class_body`: the class body's code unit, then `__build_class__`, the function
    /// made from it and the class name pushed (the bases and the call follow).
    fn class_body(&mut self, s: &ClassDef<'_>, firstlineno: i32) -> CResult {
        self.enter_scope(s.name, UnitKind::Class, node_key(s), firstlineno)?;
        self.u().private = Some(s.name.to_owned());
        let loc = Location::line(firstlineno);

        self.nameop("__name__", ExprContext::Load, loc)?;
        self.nameop("__module__", ExprContext::Store, loc)?;
        let qualname = self.u().metadata.qualname.clone();
        self.addop_load_const(Constant::Str(qualname), loc);
        self.nameop("__qualname__", ExprContext::Store, loc)?;
        self.addop_load_const(
            Constant::Int(taipan_bytecode::Int::Small(i64::from(firstlineno))),
            loc,
        );
        self.nameop("__firstlineno__", ExprContext::Store, loc)?;
        if !s.type_params.is_empty() {
            self.nameop(".type_params", ExprContext::Load, loc)?;
            self.nameop("__type_params__", ExprContext::Store, loc)?;
        }
        let ste = self.def_ste()?;
        if ste.needs_classdict {
            // The class namespace itself, kept in a cell for the annotation and
            // type-parameter scopes that read it (a STORE_DEREF that nameop would not emit in
            // a class body).
            self.addop(Opcode::LOAD_LOCALS, loc);
            let cell = self.class_cell_index("__classdict__")?;
            self.addop_i(Opcode::STORE_DEREF, cell, loc);
        }

        // SETUP_ANNOTATIONS, the cleaned docstring as `__doc__`, the statements.
        self.compiler_body(loc, s.body)?;

        let mut attrs = std::mem::take(&mut self.u().metadata.static_attributes);
        attrs.sort_unstable();
        attrs.dedup();
        let attrs: Box<[Constant]> = attrs
            .iter()
            .map(|a| Constant::Str(PyString::new(a)))
            .collect();
        self.addop_load_const(Constant::Tuple(attrs), Location::NONE);
        self.nameop("__static_attributes__", ExprContext::Store, Location::NONE)?;

        if ste.needs_classdict {
            let cell = self.class_cell_index("__classdict__")?;
            self.addop_i(Opcode::LOAD_CLOSURE, cell, Location::NONE);
            self.nameop("__classdictcell__", ExprContext::Store, Location::NONE)?;
        }
        if ste.needs_class_closure {
            // The `__class__` cell, stored in the namespace for `type.__new__` and returned.
            let cell = self.class_cell_index("__class__")?;
            self.addop_i(Opcode::LOAD_CLOSURE, cell, Location::NONE);
            self.addop_i(Opcode::COPY, 1, Location::NONE);
            self.nameop("__classcell__", ExprContext::Store, Location::NONE)?;
        } else {
            self.addop_load_const(Constant::None, Location::NONE);
        }
        self.addop(Opcode::RETURN_VALUE, Location::NONE);
        let code = self.exit_scope()?;

        // Attributed to the class line, not a decorator's.
        let loc = self.loc(s.range);
        self.addop(Opcode::LOAD_BUILD_CLASS, loc);
        self.addop(Opcode::PUSH_NULL, loc);
        self.make_closure(code, 0, loc)?;
        self.addop_load_const(Constant::Str(PyString::new(s.name)), loc);
        Ok(())
    }

    /// The index of a class body's own cell (`__class__` or `__classdict__`).
    fn class_cell_index(&mut self, name: &str) -> CResult<i32> {
        self.u()
            .metadata
            .cellvars
            .iter()
            .position(|n| n.as_str() == Some(name))
            .map(|i| i as i32)
            .ok_or_else(|| system_error(format!("no cell {name:?} in a class body")))
    }

    /// The `__build_class__` call of a generic class, inside its type-parameter function:
    /// `compiler_call_helper` with the class's bases followed by `.generic_base` (CPython
    /// appends a `Name` node to the bases, which a shared tree cannot do here, so the call is
    /// generated with that name in mind: the plain calling sequence, or, with `*` bases or
    /// `**` keywords or very many of them, a list of positionals and a dict of keywords for
    /// `CALL_FUNCTION_EX`).
    fn generic_class_call(
        &mut self,
        loc: Location,
        bases: &[Expr<'_>],
        keywords: &[Keyword<'_>],
    ) -> CResult {
        self.check_repeated_keywords(keywords)?;
        // Two items pushed already: the body's function and the class name.
        let pushed = 2;
        let nelts = bases.len() + 1;
        let nkwelts = keywords.len();
        let has_star = bases.iter().any(|b| matches!(b, Expr::Starred(_)));
        let ex_call = nelts + nkwelts * 2 > STACK_USE_GUIDELINE
            || has_star
            || keywords.iter().any(|k| k.arg.is_none());
        if !ex_call {
            for base in bases {
                self.visit_expr(base)?;
            }
            self.nameop(".generic_base", ExprContext::Load, loc)?;
            let n = pushed + nelts + nkwelts;
            if nkwelts == 0 {
                self.addop_i(Opcode::CALL, n as i32, loc);
                return Ok(());
            }
            let mut names = Vec::with_capacity(nkwelts);
            for keyword in keywords {
                self.visit_expr(&keyword.value)?;
                names.push(Constant::Str(PyString::new(
                    keyword.arg.unwrap_or_default(),
                )));
            }
            self.addop_load_const(Constant::Tuple(names.into_boxed_slice()), loc);
            self.addop_i(Opcode::CALL_KW, n as i32, loc);
            return Ok(());
        }

        // The positionals as a tuple (compile.c's `starunpack_helper` into a list, then
        // `INTRINSIC_LIST_TO_TUPLE`), `.generic_base` last.
        let big = nelts + pushed > STACK_USE_GUIDELINE;
        if !has_star && !big {
            for base in bases {
                self.visit_expr(base)?;
            }
            self.nameop(".generic_base", ExprContext::Load, loc)?;
            self.addop_i(Opcode::BUILD_TUPLE, (nelts + pushed) as i32, loc);
        } else {
            let mut built = false;
            if big {
                self.addop_i(Opcode::BUILD_LIST, pushed as i32, loc);
                built = true;
            }
            for (i, base) in bases.iter().enumerate() {
                if let Expr::Starred(starred) = base {
                    if !built {
                        self.addop_i(Opcode::BUILD_LIST, (i + pushed) as i32, loc);
                        built = true;
                    }
                    self.visit_expr(&starred.value)?;
                    self.addop_i(Opcode::LIST_EXTEND, 1, loc);
                } else {
                    self.visit_expr(base)?;
                    if built {
                        self.addop_i(Opcode::LIST_APPEND, 1, loc);
                    }
                }
            }
            self.nameop(".generic_base", ExprContext::Load, loc)?;
            if built {
                self.addop_i(Opcode::LIST_APPEND, 1, loc);
            } else {
                self.addop_i(Opcode::BUILD_LIST, (nelts + pushed) as i32, loc);
            }
            self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
        }

        // The keywords as one dict, `**` mappings merged in.
        if nkwelts > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, keyword) in keywords.iter().enumerate() {
                if keyword.arg.is_some() {
                    nseen += 1;
                    continue;
                }
                if nseen > 0 {
                    self.keyword_subdict(loc, &keywords[i - nseen..i])?;
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
                self.visit_expr(&keyword.value)?;
                self.addop_i(Opcode::DICT_MERGE, 1, loc);
            }
            if nseen > 0 {
                self.keyword_subdict(loc, &keywords[nkwelts - nseen..])?;
                if have_dict {
                    self.addop_i(Opcode::DICT_MERGE, 1, loc);
                }
            }
        }
        self.addop_i(Opcode::CALL_FUNCTION_EX, i32::from(nkwelts > 0), loc);
        Ok(())
    }

    /// compile.c's `compiler_subkwargs`: a run of `name=value` keywords as one dict.
    fn keyword_subdict(&mut self, loc: Location, keywords: &[Keyword<'_>]) -> CResult {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for keyword in keywords {
                self.visit_expr(&keyword.value)?;
            }
            let names: Box<[Constant]> = keywords
                .iter()
                .map(|k| Constant::Str(PyString::new(k.arg.unwrap_or_default())))
                .collect();
            self.addop_load_const(Constant::Tuple(names), loc);
            self.addop_i(Opcode::BUILD_CONST_KEY_MAP, n as i32, loc);
            return Ok(());
        }
        if big {
            self.addop_i(Opcode::BUILD_MAP, 0, Location::NONE);
        }
        for keyword in keywords {
            self.addop_load_const(
                Constant::Str(PyString::new(keyword.arg.unwrap_or_default())),
                loc,
            );
            self.visit_expr(&keyword.value)?;
            if big {
                self.addop_i(Opcode::MAP_ADD, 1, Location::NONE);
            }
        }
        if !big {
            self.addop_i(Opcode::BUILD_MAP, n as i32, loc);
        }
        Ok(())
    }

    /// compile.c's `validate_keywords`: "keyword argument repeated".
    fn check_repeated_keywords(&self, keywords: &[Keyword<'_>]) -> CResult {
        for (i, keyword) in keywords.iter().enumerate() {
            let Some(name) = keyword.arg else { continue };
            if let Some(repeat) = keywords[i + 1..].iter().find(|k| k.arg == Some(name)) {
                return Err(CompileError::syntax(
                    format!("keyword argument repeated: {name}"),
                    self.loc(repeat.range),
                ));
            }
        }
        Ok(())
    }
}
