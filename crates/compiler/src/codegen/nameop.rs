//! Names: loading, storing and deleting a variable as its scope says (compile.c's
//! `compiler_nameop`), names in `co_names` (`compiler_addop_name`, with the `LOAD_ATTR` and
//! `LOAD_SUPER_ATTR` oparg encodings), and private-name mangling (`_Py_MaybeMangle`).

use std::borrow::Cow;

use taipan_ast::ExprContext;
use taipan_bytecode::{Opcode, PyString};

use super::scope::mangle_with;
use super::{CResult, Compiler};
use crate::error::CompileError;
use crate::ir::Location;
use crate::symtable::{BlockType, ScopeKind};

/// How `compiler_nameop` reaches a name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameAccess {
    Fast,
    Global,
    Deref,
    Name,
}

impl Compiler<'_> {
    /// `_Py_MaybeMangle`: `name` with private-name mangling applied in the current class
    /// (inside a type-parameter scope of a class, only the names the symbol table lists).
    pub fn mangle<'n>(&self, name: &'n str) -> Cow<'n, str> {
        let Some(unit) = self.units.last() else {
            return Cow::Borrowed(name);
        };
        let Some(private) = unit.private.as_deref() else {
            return Cow::Borrowed(name);
        };
        if let Some(listed) = &self.ste().mangled_names
            && !listed.iter().any(|n| n == name)
        {
            return Cow::Borrowed(name);
        }
        let mangled = mangle_with(Some(private), name);
        if mangled == name {
            Cow::Borrowed(name)
        } else {
            Cow::Owned(mangled)
        }
    }

    /// `compiler_nameop`: loads, stores or deletes `name` as its scope says.
    pub fn nameop(&mut self, name: &str, ctx: ExprContext, loc: Location) -> CResult {
        // forbidden_name
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => {
                    return Err(CompileError::syntax("cannot assign to __debug__", loc));
                }
                ExprContext::Del => {
                    return Err(CompileError::syntax("cannot delete __debug__", loc));
                }
                ExprContext::Load => {}
            }
        }
        let mangled = self.mangle(name);
        let ste = self.ste();
        // Through an inlined comprehension's temporary symbols (cg-expr's CompOverrides).
        let scope = self.symbol_scope(&mangled);
        let function_like = ste.is_function_like();
        let is_class = ste.block_type == BlockType::Class;
        let can_see_class_scope = ste.can_see_class_scope;
        let hidden_now = self.is_fast_hidden(&mangled);
        let in_inlined_comp = self.units.last().map_or(0, |u| u.in_inlined_comp);

        let access = match scope {
            Some(ScopeKind::Free) | Some(ScopeKind::Cell) => NameAccess::Deref,
            Some(ScopeKind::Local) if function_like || hidden_now => NameAccess::Fast,
            Some(ScopeKind::GlobalImplicit) if function_like => NameAccess::Global,
            Some(ScopeKind::GlobalExplicit) => NameAccess::Global,
            _ => NameAccess::Name,
        };

        match access {
            NameAccess::Deref => {
                let op = match ctx {
                    ExprContext::Load => {
                        if is_class && in_inlined_comp == 0 {
                            // A class body reads its namespace first.
                            self.addop(Opcode::LOAD_LOCALS, loc);
                            Opcode::LOAD_FROM_DICT_OR_DEREF
                        } else if can_see_class_scope {
                            let i = self.freevar_index("__classdict__");
                            self.addop_i(Opcode::LOAD_DEREF, i, loc);
                            Opcode::LOAD_FROM_DICT_OR_DEREF
                        } else {
                            Opcode::LOAD_DEREF
                        }
                    }
                    ExprContext::Store => Opcode::STORE_DEREF,
                    ExprContext::Del => Opcode::DELETE_DEREF,
                };
                let i = if scope == Some(ScopeKind::Free) {
                    self.freevar_index(&mangled)
                } else {
                    self.cellvar_index(&mangled)
                };
                self.addop_i(op, i, loc);
            }
            NameAccess::Fast => {
                let op = match ctx {
                    ExprContext::Load => Opcode::LOAD_FAST,
                    ExprContext::Store => Opcode::STORE_FAST,
                    ExprContext::Del => Opcode::DELETE_FAST,
                };
                let i = self.local_index(&mangled);
                self.addop_i(op, i, loc);
            }
            NameAccess::Global => {
                let op = match ctx {
                    ExprContext::Load => {
                        if can_see_class_scope && scope == Some(ScopeKind::GlobalImplicit) {
                            let i = self.freevar_index("__classdict__");
                            self.addop_i(Opcode::LOAD_DEREF, i, loc);
                            Opcode::LOAD_FROM_DICT_OR_GLOBALS
                        } else {
                            Opcode::LOAD_GLOBAL
                        }
                    }
                    ExprContext::Store => Opcode::STORE_GLOBAL,
                    ExprContext::Del => Opcode::DELETE_GLOBAL,
                };
                let mut i = self.add_name_unmangled(&mangled) as i32;
                if op == Opcode::LOAD_GLOBAL {
                    i <<= 1;
                }
                self.addop_i(op, i, loc);
            }
            NameAccess::Name => {
                let op = match ctx {
                    ExprContext::Load => {
                        if is_class && in_inlined_comp > 0 {
                            Opcode::LOAD_GLOBAL
                        } else {
                            Opcode::LOAD_NAME
                        }
                    }
                    ExprContext::Store => Opcode::STORE_NAME,
                    ExprContext::Del => Opcode::DELETE_NAME,
                };
                let mut i = self.add_name_unmangled(&mangled) as i32;
                if op == Opcode::LOAD_GLOBAL {
                    i <<= 1;
                }
                self.addop_i(op, i, loc);
            }
        }
        Ok(())
    }

    /// The index of a fast local in `co_varnames`, adding it if new (`dict_add_o(u_varnames)`).
    pub fn local_index(&mut self, name: &str) -> i32 {
        index_or_push(&mut self.u().metadata.varnames, name)
    }

    /// The index of a cell variable (`u_cellvars`), adding it if new.
    pub fn cellvar_index(&mut self, name: &str) -> i32 {
        index_or_push(&mut self.u().metadata.cellvars, name)
    }

    /// The index of a free variable: free variables are numbered after the cells, as CPython's
    /// `dictbytype(…, offset = len(cellvars))` numbers them. Adds it if new.
    pub fn freevar_index(&mut self, name: &str) -> i32 {
        let ncells = self.u().metadata.cellvars.len() as i32;
        ncells + index_or_push(&mut self.u().metadata.freevars, name)
    }

    /// `ADDOP_NAME`: an instruction whose oparg is the index of the (mangled) `name` in
    /// `co_names`. The pseudo opcodes `LOAD_METHOD`, `LOAD_SUPER_METHOD`,
    /// `LOAD_ZERO_SUPER_ATTR` and `LOAD_ZERO_SUPER_METHOD` become `LOAD_ATTR`/`LOAD_SUPER_ATTR`
    /// with their flag bits, as `compiler_addop_name` encodes them.
    pub fn addop_name(&mut self, opcode: Opcode, name: &str, loc: Location) -> CResult {
        let mangled = self.mangle(name);
        let mut arg = self.add_name_unmangled(&mangled) as i32;
        let mut op = opcode;
        match opcode {
            Opcode::LOAD_ATTR => arg <<= 1,
            Opcode::LOAD_METHOD => {
                op = Opcode::LOAD_ATTR;
                arg = (arg << 1) | 1;
            }
            Opcode::LOAD_SUPER_ATTR => arg = (arg << 2) | 2,
            Opcode::LOAD_SUPER_METHOD => {
                op = Opcode::LOAD_SUPER_ATTR;
                arg = (arg << 2) | 3;
            }
            Opcode::LOAD_ZERO_SUPER_ATTR => {
                op = Opcode::LOAD_SUPER_ATTR;
                arg <<= 2;
            }
            Opcode::LOAD_ZERO_SUPER_METHOD => {
                op = Opcode::LOAD_SUPER_ATTR;
                arg = (arg << 2) | 1;
            }
            _ => {}
        }
        self.addop_i(op, arg, loc);
        Ok(())
    }
}

fn index_or_push(list: &mut Vec<PyString>, name: &str) -> i32 {
    if let Some(i) = list.iter().position(|n| n.as_str() == Some(name)) {
        return i as i32;
    }
    list.push(PyString::new(name));
    list.len() as i32 - 1
}
