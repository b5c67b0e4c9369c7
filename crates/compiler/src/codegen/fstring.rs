//! f-strings (compile.c's `compiler_joined_str`, `compiler_formatted_value`).

use taipan_ast::{FormattedValue, JoinedStr};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::expr::STACK_USE_GUIDELINE;
use super::{CResult, Compiler};
use crate::error::{CompileError, ErrorKind};

impl Compiler<'_> {
    /// `compiler_joined_str`: the parts concatenated by `BUILD_STRING`; past the stack
    /// guideline, `''.join([...])` built part by part.
    pub(crate) fn visit_joined_str(&mut self, j: &JoinedStr<'_>) -> CResult {
        let loc = self.loc(j.range);
        let n = j.values.len();
        if n > STACK_USE_GUIDELINE {
            self.addop_load_const(Constant::Str(PyString::new("")), loc);
            self.addop_name(Opcode::LOAD_METHOD, "join", loc)?;
            self.addop_i(Opcode::BUILD_LIST, 0, loc);
            for value in j.values.iter() {
                self.visit_expr(value)?;
                self.addop_i(Opcode::LIST_APPEND, 1, loc);
            }
            self.addop_i(Opcode::CALL, 1, loc);
        } else {
            self.visit_exprs(j.values)?;
            if n > 1 {
                self.addop_i(Opcode::BUILD_STRING, n as i32, loc);
            } else if n == 0 {
                self.addop_load_const(Constant::Str(PyString::new("")), loc);
            }
        }
        Ok(())
    }

    /// `compiler_formatted_value`: the value, its `!s`/`!r`/`!a` conversion, then
    /// `FORMAT_SIMPLE` or the spec and `FORMAT_WITH_SPEC`.
    pub(crate) fn visit_formatted_value(&mut self, f: &FormattedValue<'_>) -> CResult {
        self.visit_expr(&f.value)?;
        let loc = self.loc(f.range);
        if f.conversion != -1 {
            let oparg = match u8::try_from(f.conversion).ok() {
                Some(b's') => 1,
                Some(b'r') => 2,
                Some(b'a') => 3,
                _ => {
                    return Err(CompileError {
                        kind: ErrorKind::SystemError,
                        message: format!("Unrecognized conversion character {}", f.conversion),
                        location: loc,
                    });
                }
            };
            self.addop_i(Opcode::CONVERT_VALUE, oparg, loc);
        }
        match &f.format_spec {
            Some(spec) => {
                self.visit_expr(spec)?;
                self.addop(Opcode::FORMAT_WITH_SPEC, loc);
            }
            None => self.addop(Opcode::FORMAT_SIMPLE, loc),
        }
        Ok(())
    }
}
