//! PEP 695/696 type parameters and `type` aliases (compile.c's `compiler_type_params`,
//! `compiler_type_param_bound_or_default`, `compiler_typealias`, `compiler_typealias_body`).
//! Generic functions and classes call [`Compiler::type_params`] inside their
//! `<generic parameters of …>` unit (see `function.rs` and `class.rs`).

use taipan_ast::{Expr, ExprContext, TypeAlias, TypeParam};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::function::{
    INTRINSIC_PARAMSPEC, INTRINSIC_SET_TYPEPARAM_DEFAULT, INTRINSIC_TYPEALIAS, INTRINSIC_TYPEVAR,
    INTRINSIC_TYPEVAR_WITH_BOUND, INTRINSIC_TYPEVAR_WITH_CONSTRAINTS, INTRINSIC_TYPEVARTUPLE,
    node_key, system_error,
};
use super::{CResult, Compiler, UnitKind};

impl Compiler<'_> {
    /// `compiler_type_params`: makes each type parameter (`TypeVar`, `TypeVarTuple`,
    /// `ParamSpec`, with their lazily evaluated bound, constraints and default), stores it
    /// under its name, and leaves the tuple of them on the stack.
    pub(crate) fn type_params(&mut self, type_params: &[TypeParam<'_>]) -> CResult {
        let Some(first) = type_params.first() else {
            return Ok(());
        };
        for type_param in type_params {
            let data = type_param.data();
            let loc = self.loc(data.range);
            self.addop_load_const(Constant::Str(PyString::new(data.name)), loc);
            match type_param {
                TypeParam::TypeVar(_) => {
                    if let Some(bound) = &data.bound {
                        self.type_param_bound_or_default(bound, data.name, node_key(data), false)?;
                        let intrinsic = if matches!(bound, Expr::Tuple(_)) {
                            INTRINSIC_TYPEVAR_WITH_CONSTRAINTS
                        } else {
                            INTRINSIC_TYPEVAR_WITH_BOUND
                        };
                        self.addop_i(Opcode::CALL_INTRINSIC_2, intrinsic, loc);
                    } else {
                        self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_TYPEVAR, loc);
                    }
                }
                TypeParam::TypeVarTuple(_) => {
                    self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_TYPEVARTUPLE, loc);
                }
                TypeParam::ParamSpec(_) => {
                    self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_PARAMSPEC, loc);
                }
            }
            if let Some(default) = &data.default_value {
                // `*Ts = *tuple[int, ...]`: a TypeVarTuple's default may be starred.
                let allow_starred = matches!(type_param, TypeParam::TypeVarTuple(_));
                // CPython keys the default's scope by the type parameter's address + 1.
                self.type_param_bound_or_default(
                    default,
                    data.name,
                    node_key(data) + 1,
                    allow_starred,
                )?;
                self.addop_i(
                    Opcode::CALL_INTRINSIC_2,
                    INTRINSIC_SET_TYPEPARAM_DEFAULT,
                    loc,
                );
            }
            self.addop_i(Opcode::COPY, 1, loc);
            self.nameop(data.name, ExprContext::Store, loc)?;
        }
        let loc = self.loc(first.data().range);
        self.addop_i(Opcode::BUILD_TUPLE, type_params.len() as i32, loc);
        Ok(())
    }

    /// `compiler_type_param_bound_or_default`: a bound, constraints or default is evaluated
    /// lazily, by a function of its own (named after the type parameter) made here.
    fn type_param_bound_or_default(
        &mut self,
        e: &Expr<'_>,
        name: &str,
        key: usize,
        allow_starred: bool,
    ) -> CResult {
        let loc = self.loc(e.range());
        self.enter_scope(name, UnitKind::TypeParams, key, loc.lineno)?;
        match e {
            Expr::Starred(starred) if allow_starred => {
                self.visit_expr(&starred.value)?;
                self.addop_i(Opcode::UNPACK_SEQUENCE, 1, loc);
            }
            _ => self.visit_expr(e)?,
        }
        self.addop(Opcode::RETURN_VALUE, loc);
        let code = self.exit_scope()?;
        self.make_closure(code, 0, loc)
    }

    /// `compiler_typealias`: `type X[T] = value`.
    pub fn visit_type_alias(&mut self, s: &TypeAlias<'_>) -> CResult {
        let loc = self.loc(s.range);
        let Expr::Name(name) = &s.name else {
            return Err(system_error("a type alias's name is not a Name".to_owned()));
        };
        let name = name.id;
        let is_generic = !s.type_params.is_empty();
        if is_generic {
            let scope_name = format!("<generic parameters of {name}>");
            self.enter_scope(
                &scope_name,
                UnitKind::TypeParams,
                s.type_params.as_ptr() as usize,
                loc.lineno,
            )?;
            self.addop_load_const(Constant::Str(PyString::new(name)), loc);
            self.type_params(s.type_params)?;
        } else {
            self.addop_load_const(Constant::Str(PyString::new(name)), loc);
            self.addop_load_const(Constant::None, loc);
        }

        self.type_alias_body(s, name)?;

        if is_generic {
            let code = self.exit_scope_with(false)?;
            self.make_closure(code, 0, loc)?;
            self.addop(Opcode::PUSH_NULL, loc);
            self.addop_i(Opcode::CALL, 0, loc);
        }
        self.nameop(name, ExprContext::Store, loc)
    }

    /// `compiler_typealias_body`: the alias's value, evaluated lazily by a function of its
    /// own, then the `TypeAliasType` made from (name, type parameters, that function).
    fn type_alias_body(&mut self, s: &TypeAlias<'_>, name: &str) -> CResult {
        let loc = self.loc(s.range);
        self.enter_scope(name, UnitKind::Function, node_key(s), loc.lineno)?;
        // None first, so that the function never has a docstring.
        self.add_const(Constant::None);
        self.visit_expr(&s.value)?;
        self.addop(Opcode::RETURN_VALUE, loc);
        let code = self.exit_scope_with(false)?;
        self.make_closure(code, 0, loc)?;
        self.addop_i(Opcode::BUILD_TUPLE, 3, loc);
        self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_TYPEALIAS, loc);
        Ok(())
    }
}
