//! Definitions: functions, lambdas, classes, decorators, defaults, annotations, closures and
//! PEP 695 type parameters and aliases (compile.c's `compiler_function`, `compiler_class`,
//! `compiler_lambda`, `compiler_make_closure`, `compiler_type_params`…).

use taipan_ast::{ClassDef, FunctionDef, Lambda, TypeAlias};
use taipan_bytecode::CodeObject;

use super::{CResult, Compiler, not_yet};
use crate::ir::Location;

impl Compiler<'_> {
    /// `compiler_function` (`is_async` for `async def`).
    pub fn visit_function_def(&mut self, s: &FunctionDef<'_>, is_async: bool) -> CResult {
        let _ = (s, is_async);
        Err(not_yet("functions"))
    }

    /// `compiler_class`.
    pub fn visit_class_def(&mut self, s: &ClassDef<'_>) -> CResult {
        let _ = s;
        Err(not_yet("classes"))
    }

    /// `compiler_lambda`.
    pub fn visit_lambda(&mut self, e: &Lambda<'_>) -> CResult {
        let _ = e;
        Err(not_yet("lambdas"))
    }

    /// `compiler_typealias`.
    pub fn visit_type_alias(&mut self, s: &TypeAlias<'_>) -> CResult {
        let _ = s;
        Err(not_yet("type aliases"))
    }

    /// `compiler_make_closure`: pushes a function made from `code` (with `LOAD_CLOSURE`s and a
    /// closure tuple when it has free variables), then `SET_FUNCTION_ATTRIBUTE` for each bit of
    /// `flags` (`MAKE_FUNCTION_*`: defaults, kwdefaults, annotations, closure).
    pub fn make_closure(&mut self, code: CodeObject, flags: u32, loc: Location) -> CResult {
        let _ = (code, flags, loc);
        Err(not_yet("closures"))
    }
}
