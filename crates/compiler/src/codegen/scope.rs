//! Code units: opening one for a scope of the symbol table and closing it into a code object
//! (compile.c's `compiler_enter_scope`, `compiler_set_qualname`, `compute_code_flags`,
//! `add_return_at_end`, `optimize_and_assemble`, `compiler_exit_scope`).

use taipan_bytecode::{CodeFlags, CodeObject, Constant, LocalKind, Opcode, PyString};

use super::{CResult, Compiler, SavedUnit, Unit, UnitKind};
use crate::error::{CompileError, ErrorKind};
use crate::ir::{InstructionSequence, Location};
use crate::symtable::{Scope, ScopeId, ScopeKind, SymbolFlags};
use crate::unit::UnitMetadata;

/// A `SystemError` of the compiler (an inconsistency CPython reports as such).
pub(crate) fn system_error(message: impl Into<String>) -> CompileError {
    CompileError {
        kind: ErrorKind::SystemError,
        message: message.into(),
        location: Location::NONE,
    }
}

/// CPython's `dictbytype`: the names of `scope` resolved to `kind` or carrying `flag`, sorted
/// (the order cell and free variables get their slots in).
fn names_by_type(scope: &Scope, kind: ScopeKind, flag: u32) -> Vec<PyString> {
    let mut names: Vec<&String> = scope
        .symbols
        .iter()
        .filter(|(_, sym)| sym.scope == Some(kind) || sym.flags.has(flag))
        .map(|(name, _)| name)
        .collect();
    names.sort();
    names.into_iter().map(|n| PyString::new(n)).collect()
}

impl<'t> Compiler<'t> {
    /// The symbol-table scope of the current unit.
    pub fn ste(&self) -> &'t Scope {
        let table: &'t crate::symtable::SymbolTable = self.symtable;
        let id = self.units.last().map_or(table.root(), |u| u.scope);
        scope_in(table, id)
    }

    /// `compiler_enter_scope`: opens a new code unit for the scope the symbol table made for the
    /// node at address `key` (see [`crate::symtable::SymbolTable::scope_of`]; ignored for
    /// [`UnitKind::Module`], which is the table's root). The new unit inherits the parent's
    /// private name (a class body sets its own afterwards); its argument counts are the
    /// caller's to set. Emits the unit's `RESUME`.
    pub fn enter_scope(&mut self, name: &str, kind: UnitKind, key: usize, lineno: i32) -> CResult {
        let scope_id = if kind == UnitKind::Module {
            self.symtable.root()
        } else {
            self.symtable.by_node.get(&key).copied().ok_or_else(|| {
                system_error(format!(
                    "PySymtable_Lookup: no symbol table entry for {name}"
                ))
            })?
        };
        if self.symtable.scopes.get(scope_id.0 as usize).is_none() {
            return Err(system_error("symbol table entry out of range"));
        }
        let ste = scope_in(self.symtable, scope_id);

        let mut metadata = UnitMetadata::new(name);
        metadata.varnames = ste.varnames.iter().map(|n| PyString::new(n)).collect();
        metadata.cellvars = names_by_type(ste, ScopeKind::Cell, SymbolFlags::DEF_COMP_CELL);
        // The implicit cells of a class body come after the sorted ones, as CPython adds them
        // to the dict afterwards.
        for (needed, implicit) in [
            (ste.needs_class_closure, "__class__"),
            (ste.needs_classdict, "__classdict__"),
        ] {
            if needed
                && !metadata
                    .cellvars
                    .iter()
                    .any(|c| c.as_str() == Some(implicit))
            {
                metadata.cellvars.push(PyString::new(implicit));
            }
        }
        metadata.freevars = names_by_type(ste, ScopeKind::Free, SymbolFlags::DEF_FREE_CLASS);
        metadata.firstlineno = lineno;

        let private = self.units.last().and_then(|u| u.private.clone());
        self.units.push(Unit {
            kind,
            scope: scope_id,
            metadata,
            seq: InstructionSequence::new(),
            private,
            fblocks: Vec::new(),
            loc: Location::NONE,
            in_inlined_comp: 0,
            comp_overrides: Default::default(),
        });
        self.nestlevel += 1;

        let mut loc = Location::line(lineno);
        if kind == UnitKind::Module {
            // The module's RESUME is on line 0 (CPython: `loc.lineno = 0`, end line kept).
            loc.lineno = 0;
        } else {
            self.set_qualname();
        }
        self.addop_i(Opcode::RESUME, 0, loc);
        Ok(())
    }

    /// `compiler_set_qualname`: `co_qualname` from the enclosing units (`<locals>` after a
    /// function, nothing for a name declared `global`, a type-parameter scope skipped).
    fn set_qualname(&mut self) {
        let n = self.units.len();
        let Some(u) = self.units.last() else { return };
        let mut base: Option<String> = None;
        // CPython's `c_stack` holds the parents only: its size is `n - 1`, the module first.
        let stack_size = n.saturating_sub(1);
        if stack_size > 1 {
            let mut parent_index = n - 2;
            if self.units[parent_index].kind == UnitKind::TypeParams {
                if stack_size == 2 {
                    // The type-parameter scope is directly in the module: the qualname is
                    // the name.
                    let name = u.metadata.name.clone();
                    self.u().metadata.qualname = name;
                    return;
                }
                parent_index -= 1;
            }
            let parent = &self.units[parent_index];
            let mut force_global = false;
            if matches!(
                u.kind,
                UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
            ) {
                let name = String::from_utf8_lossy(u.metadata.name.as_bytes()).into_owned();
                let mangled = mangle_with(parent.private.as_deref(), &name);
                let parent_ste = scope_in(self.symtable, parent.scope);
                if parent_ste.scope_of_name(&mangled) == Some(ScopeKind::GlobalExplicit) {
                    force_global = true;
                }
            }
            if !force_global {
                let parent_qualname = String::from_utf8_lossy(parent.metadata.qualname.as_bytes());
                base = Some(
                    if matches!(
                        parent.kind,
                        UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda
                    ) {
                        format!("{parent_qualname}.<locals>")
                    } else {
                        parent_qualname.into_owned()
                    },
                );
            }
        }
        let qualname = match base {
            Some(base) => {
                let mut q = base.into_bytes();
                q.push(b'.');
                q.extend_from_slice(u.metadata.name.as_bytes());
                PyString::from_surrogatepass(&q).unwrap_or_else(|| u.metadata.name.clone())
            }
            None => u.metadata.name.clone(),
        };
        self.u().metadata.qualname = qualname;
    }

    /// `compute_code_flags`: the `co_flags` the scope's kind and contents give, plus the
    /// `from __future__` flags every code object of the module carries.
    pub fn compute_code_flags(&self) -> CodeFlags {
        let ste = self.ste();
        let mut flags = 0u32;
        if ste.is_function_like() {
            flags |= CodeFlags::NEWLOCALS.0 | CodeFlags::OPTIMIZED.0;
            if ste.nested {
                flags |= CodeFlags::NESTED.0;
            }
            if ste.generator && !ste.coroutine {
                flags |= CodeFlags::GENERATOR.0;
            }
            if ste.generator && ste.coroutine {
                flags |= CodeFlags::ASYNC_GENERATOR.0;
            }
            if ste.varargs {
                flags |= CodeFlags::VARARGS.0;
            }
            if ste.varkeywords {
                flags |= CodeFlags::VARKEYWORDS.0;
            }
        }
        if ste.coroutine && !ste.generator {
            flags |= CodeFlags::COROUTINE.0;
        }
        let future = self.symtable.future;
        if future.annotations {
            flags |= CodeFlags::FUTURE_ANNOTATIONS.0;
        }
        if future.barry_as_flufl {
            // CO_FUTURE_BARRY_AS_BDFL.
            flags |= 0x40_0000;
        }
        CodeFlags(flags)
    }

    /// `compiler_exit_scope` after `optimize_and_assemble(c, addNone=1)`: ends the unit with
    /// `return None` (unreachable when the body returns; the CFG removes it), closes it, and
    /// returns its code object. The parent unit becomes current again.
    pub fn exit_scope(&mut self) -> CResult<CodeObject> {
        self.exit_scope_with(true)
    }

    /// [`Compiler::exit_scope`] with CPython's `addNone` explicit: `false` ends the unit with a
    /// bare `RETURN_VALUE` of whatever is on the stack (a generator lambda's body, an `eval`
    /// expression).
    pub fn exit_scope_with(&mut self, add_none: bool) -> CResult<CodeObject> {
        let flags = self.compute_code_flags();
        if self.units.is_empty() {
            return Err(system_error("exit_scope without a unit"));
        }
        // add_return_at_end: every path that falls off the end returns.
        if add_none {
            self.addop_load_const(Constant::None, Location::NONE);
        }
        self.addop(Opcode::RETURN_VALUE, Location::NONE);

        let Some(unit) = self.units.pop() else {
            return Err(system_error("exit_scope without a unit"));
        };
        self.nestlevel = self.nestlevel.saturating_sub(1);
        let Unit {
            scope,
            mut metadata,
            seq,
            ..
        } = unit;
        metadata.flags = flags;
        let nparams = scope_in(self.symtable, scope).varnames.len();
        if self.save_codegen {
            if let Some(parent) = self.units.last_mut() {
                parent.seq.nested.push(seq.clone());
            }
            self.saved_units.push(SavedUnit {
                qualname: String::from_utf8_lossy(metadata.qualname.as_bytes()).into_owned(),
                depth: self.units.len() as u32,
                seq: seq.clone(),
                metadata: metadata.clone(),
            });
        }
        if self.skip_backend {
            let mut code = skeleton_code(&metadata, &self.filename);
            // The sequence stands in for the code, so that equal units (compiled twice from
            // the same source) are equal constants, as their code objects would be.
            code.code = seq.text().into_bytes();
            return Ok(code);
        }
        crate::optimize_and_assemble(seq, &mut metadata, nparams, &self.filename)
    }
}

/// The scope `id` of `table`. Ids come from the table itself (and `enter_scope` checks the one
/// it is given), and a table always has its root scope.
fn scope_in(table: &crate::symtable::SymbolTable, id: ScopeId) -> &Scope {
    table.scope(id)
}

/// `_Py_Mangle`: `__name` in class `private` becomes `_private__name` (leading underscores of
/// the class name dropped); dunder names, dotted names and classes named only `_` are left.
pub(crate) fn mangle_with(private: Option<&str>, name: &str) -> String {
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

/// The code object a unit stands for when the back end is skipped: what a parent needs of it
/// (names, the localsplus layout with its free variables, flags, constants), no code.
fn skeleton_code(metadata: &UnitMetadata, filename: &PyString) -> CodeObject {
    let mut code = CodeObject::empty("?");
    code.name = metadata.name.clone();
    code.qualname = metadata.qualname.clone();
    code.filename = filename.clone();
    code.firstlineno = metadata.firstlineno;
    code.flags = metadata.flags;
    code.argcount = metadata.argcount;
    code.posonlyargcount = metadata.posonlyargcount;
    code.kwonlyargcount = metadata.kwonlyargcount;
    code.consts = metadata.consts.clone();
    code.names = metadata.names.clone();
    for v in &metadata.varnames {
        let cell = metadata.cellvars.contains(v);
        let mut kind = LocalKind::LOCAL;
        if cell {
            kind |= LocalKind::CELL;
        }
        code.localsplusnames.push(v.clone());
        code.localspluskinds.push(LocalKind(kind));
    }
    for c in &metadata.cellvars {
        if !metadata.varnames.contains(c) {
            code.localsplusnames.push(c.clone());
            code.localspluskinds.push(LocalKind(LocalKind::CELL));
        }
    }
    for f in &metadata.freevars {
        code.localsplusnames.push(f.clone());
        code.localspluskinds.push(LocalKind(LocalKind::FREE));
    }
    code
}
