//! `import` and `from … import` (compile.c's `compiler_import`, `compiler_import_as`,
//! `compiler_from_import`).

use taipan_ast::{ExprContext, Import, ImportFrom};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::{CResult, Compiler};
use crate::error::CompileError;
use crate::ir::Location;

/// `INTRINSIC_IMPORT_STAR`.
const INTRINSIC_IMPORT_STAR: i32 = 2;

impl Compiler<'_> {
    /// `compiler_import`: `IMPORT_NAME` with level 0 and no from-list, then the binding: the
    /// top package for `import a.b`, the submodule for `import a.b as c`.
    pub(crate) fn compiler_import(&mut self, loc: Location, s: &Import<'_>) -> CResult {
        for alias in s.names.iter() {
            self.addop_load_const(Constant::int(0), loc);
            self.addop_load_const(Constant::None, loc);
            self.addop_name(Opcode::IMPORT_NAME, alias.name, loc)?;
            match alias.asname {
                Some(asname) => self.import_as(loc, alias.name, asname)?,
                None => {
                    let top = alias.name.split('.').next().unwrap_or(alias.name);
                    self.nameop(top, ExprContext::Store, loc)?;
                }
            }
        }
        Ok(())
    }

    /// `compiler_import_as`: for a dotted name, `IMPORT_FROM` each attribute after the first,
    /// then bind the last one.
    fn import_as(&mut self, loc: Location, name: &str, asname: &str) -> CResult {
        let mut parts = name.split('.');
        parts.next();
        let attrs: Vec<&str> = parts.collect();
        if attrs.is_empty() {
            return self.nameop(asname, ExprContext::Store, loc);
        }
        for (i, attr) in attrs.iter().enumerate() {
            // The attribute is not mangled (CPython's ADDOP_N).
            let index = self.add_name_unmangled(attr) as i32;
            self.addop_i(Opcode::IMPORT_FROM, index, loc);
            if i + 1 < attrs.len() {
                self.addop_i(Opcode::SWAP, 2, loc);
                self.addop(Opcode::POP_TOP, loc);
            }
        }
        self.nameop(asname, ExprContext::Store, loc)?;
        self.addop(Opcode::POP_TOP, loc);
        Ok(())
    }

    /// `compiler_from_import`.
    pub(crate) fn compiler_from_import(&mut self, loc: Location, s: &ImportFrom<'_>) -> CResult {
        self.addop_load_const(Constant::int(i64::from(s.level)), loc);
        let names: Vec<Constant> = s
            .names
            .iter()
            .map(|a| Constant::Str(PyString::new(a.name)))
            .collect();
        if s.module == Some("__future__") && self.future_import_too_late(loc) {
            return Err(CompileError::syntax(
                "from __future__ imports must occur at the beginning of the file",
                loc,
            ));
        }
        self.addop_load_const(Constant::Tuple(names.into_boxed_slice()), loc);
        self.addop_name(Opcode::IMPORT_NAME, s.module.unwrap_or(""), loc)?;
        for (i, alias) in s.names.iter().enumerate() {
            if i == 0 && alias.name.starts_with('*') {
                self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_IMPORT_STAR, loc);
                self.addop(Opcode::POP_TOP, Location::NONE);
                return Ok(());
            }
            self.addop_name(Opcode::IMPORT_FROM, alias.name, loc)?;
            let store_name = alias.asname.unwrap_or(alias.name);
            self.nameop(store_name, ExprContext::Store, loc)?;
        }
        // Remove the imported module.
        self.addop(Opcode::POP_TOP, loc);
        Ok(())
    }

    /// Whether a `from __future__` import at `loc` comes after the last legal one (CPython's
    /// `location_is_after(LOC(s), c_future.ff_location)`).
    fn future_import_too_late(&self, loc: Location) -> bool {
        let Some(last) = self.symtable.future.location else {
            // No future import was legal: any is too late.
            return location_is_after(loc, Location::new(-1, -1, -1, -1));
        };
        location_is_after(loc, last)
    }
}

/// CPython's `location_is_after`: `a` starts after `b` ends.
fn location_is_after(a: Location, b: Location) -> bool {
    a.lineno > b.end_lineno || (a.lineno == b.end_lineno && a.col_offset > b.end_col_offset)
}
