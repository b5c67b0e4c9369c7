//! The second pass: name resolution over the blocks the walk made (CPython's
//! `symtable_analyze`, `analyze_block`, `analyze_name`, `inline_comprehension`,
//! `analyze_cells`, `drop_class_free`, `update_symbols`).
//!
//! Each block receives from its parent the names bound in enclosing function-like blocks
//! (`bound`), the names declared or known global (`global`) and the type parameters in view;
//! it decides each of its names' scope, analyses its children with the names it adds, and
//! hands back the names free in it or below (`free`). A local that some child uses freely
//! becomes a cell. Comprehensions that PEP 709 inlines are analysed as blocks and then merged
//! into their parent.

use hashbrown::HashSet;
use indexmap::IndexMap;

use super::builder::Builder;
use super::name_set::NameSet;
use super::{BlockType, ScopeId, ScopeKind, Symbol, SymbolFlags};
use crate::error::CompileError;
use crate::ir::Location;

const DEF_GLOBAL: u32 = SymbolFlags::DEF_GLOBAL;
const DEF_PARAM: u32 = SymbolFlags::DEF_PARAM;
const DEF_NONLOCAL: u32 = SymbolFlags::DEF_NONLOCAL;
const DEF_FREE_CLASS: u32 = SymbolFlags::DEF_FREE_CLASS;
const DEF_TYPE_PARAM: u32 = SymbolFlags::DEF_TYPE_PARAM;
const DEF_COMP_CELL: u32 = SymbolFlags::DEF_COMP_CELL;
const DEF_BOUND: u32 = SymbolFlags::DEF_BOUND;

type Names = HashSet<String>;
/// A block's resolved scopes by name, in the order names were met (the hasher only speeds up
/// lookups: an `IndexMap` iterates in insertion order whatever it hashes with).
type Scopes = IndexMap<String, ScopeKind, hashbrown::DefaultHashBuilder>;
/// The free names handed up: their iteration order decides the order in which names that
/// only pass through a block join its symbols, so it is CPython's set order.
type FreeNames = NameSet;

pub(super) fn analyze(b: &mut Builder<'_>) -> Result<(), CompileError> {
    let mut free = FreeNames::new();
    let mut global = Names::new();
    let mut type_params = Names::new();
    analyze_block(
        b,
        ScopeId(0),
        None,
        &mut free,
        &mut global,
        &mut type_params,
        None,
    )
}

fn idx(id: ScopeId) -> usize {
    id.0 as usize
}

/// CPython's `analyze_block`.
fn analyze_block(
    b: &mut Builder<'_>,
    id: ScopeId,
    mut bound: Option<Names>,
    free: &mut FreeNames,
    global: &mut Names,
    type_params: &mut Names,
    class_entry: Option<ScopeId>,
) -> Result<(), CompileError> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
        let mut local = Names::new();
        let mut scopes = Scopes::default();
        let mut newglobal = Names::new();
        let mut newfree = FreeNames::new();
        let mut newbound = Names::new();
        let mut inlined_cells = Names::new();

        let (is_class, function_like, can_see_class_scope) = {
            let s = b.scope(id);
            (
                s.block_type == BlockType::Class,
                s.is_function_like(),
                s.can_see_class_scope,
            )
        };
        // A class's own names are invisible to the blocks inside it: they get what the class
        // got, before its names are analysed.
        if is_class {
            newglobal.extend(global.iter().cloned());
            if let Some(bound) = &bound {
                newbound.extend(bound.iter().cloned());
            }
        }
        let symbols: Vec<(String, u32)> = b
            .scope(id)
            .symbols
            .iter()
            .map(|(name, s)| (name.clone(), s.flags.0))
            .collect();
        for (name, flags) in symbols {
            analyze_name(
                b,
                id,
                &mut scopes,
                &name,
                flags,
                bound.as_mut(),
                &mut local,
                free,
                global,
                type_params,
                class_entry,
            )?;
        }
        if !is_class {
            if function_like {
                newbound.extend(local.iter().cloned());
            }
            if let Some(bound) = &bound {
                newbound.extend(bound.iter().cloned());
            }
            newglobal.extend(global.iter().cloned());
        } else {
            newbound.insert("__class__".to_owned());
            newbound.insert("__classdict__".to_owned());
        }

        let children = b.scope(id).children.clone();
        for child in children.iter().copied() {
            let (child_sees_class, inline_comp) = {
                let c = b.scope(child);
                (
                    c.can_see_class_scope,
                    // PEP 709: every comprehension but a generator expression is inlined,
                    // except in annotation scopes that can see a class.
                    c.comprehension.is_some() && !c.generator && !can_see_class_scope,
                )
            };
            let new_class_entry = if child_sees_class {
                if is_class { Some(id) } else { class_entry }
            } else {
                None
            };
            // CPython's `analyze_child_block`: the child works on copies.
            let mut child_free = NameSet::copy_of(&newfree);
            let mut child_global = newglobal.clone();
            let mut child_type_params = type_params.clone();
            analyze_block(
                b,
                child,
                Some(newbound.clone()),
                &mut child_free,
                &mut child_global,
                &mut child_type_params,
                new_class_entry,
            )?;
            if inline_comp {
                inline_comprehension(
                    b,
                    id,
                    child,
                    &mut scopes,
                    &mut child_free,
                    &mut inlined_cells,
                );
                b.scopes[idx(child)].comp_inlined = true;
            }
            newfree.update(&child_free);
            let c = b.scope(child);
            if c.free || c.child_free {
                b.scopes[idx(id)].child_free = true;
            }
        }

        // The children of inlined comprehensions become this block's children.
        let mut spliced = Vec::with_capacity(children.len());
        for child in b.scope(id).children.iter().copied() {
            let c = b.scope(child);
            if c.comp_inlined {
                spliced.extend(c.children.iter().copied());
            } else {
                spliced.push(child);
            }
        }
        b.scopes[idx(id)].children = spliced;

        if function_like {
            analyze_cells(&mut scopes, &mut newfree, &inlined_cells);
        } else if is_class {
            drop_class_free(b, id, &mut newfree);
        }
        update_symbols(
            b,
            id,
            &scopes,
            bound.as_ref(),
            &newfree,
            &inlined_cells,
            is_class || can_see_class_scope,
        );
        free.update(&newfree);
        Ok(())
    })
}

/// Where the first `global`/`nonlocal` directive for `name` in block `id` is.
fn error_at_directive(b: &Builder<'_>, id: ScopeId, name: &str, message: String) -> CompileError {
    let location = b.blocks[idx(id)]
        .directives
        .iter()
        .find(|(n, _)| n == name)
        .map_or(Location::NONE, |(_, loc)| *loc);
    CompileError::syntax(message, location)
}

/// CPython's `analyze_name`: the scope of one name of block `id`.
#[allow(clippy::too_many_arguments)]
fn analyze_name(
    b: &mut Builder<'_>,
    id: ScopeId,
    scopes: &mut Scopes,
    name: &str,
    flags: u32,
    bound: Option<&mut Names>,
    local: &mut Names,
    free: &mut FreeNames,
    global: &mut Names,
    type_params: &mut Names,
    class_entry: Option<ScopeId>,
) -> Result<(), CompileError> {
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(error_at_directive(
                b,
                id,
                name,
                format!("name '{name}' is nonlocal and global"),
            ));
        }
        scopes.insert(name.to_owned(), ScopeKind::GlobalExplicit);
        global.insert(name.to_owned());
        if let Some(bound) = bound {
            bound.remove(name);
        }
        return Ok(());
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(error_at_directive(
                b,
                id,
                name,
                "nonlocal declaration not allowed at module level".to_owned(),
            ));
        };
        if !bound.contains(name) {
            return Err(error_at_directive(
                b,
                id,
                name,
                format!("no binding for nonlocal '{name}' found"),
            ));
        }
        if type_params.contains(name) {
            return Err(error_at_directive(
                b,
                id,
                name,
                format!("nonlocal binding not allowed for type parameter '{name}'"),
            ));
        }
        scopes.insert(name.to_owned(), ScopeKind::Free);
        b.scopes[idx(id)].free = true;
        free.insert(name);
        return Ok(());
    }
    if flags & DEF_BOUND != 0 {
        scopes.insert(name.to_owned(), ScopeKind::Local);
        local.insert(name.to_owned());
        global.remove(name);
        if flags & DEF_TYPE_PARAM != 0 {
            type_params.insert(name.to_owned());
        } else {
            type_params.remove(name);
        }
        return Ok(());
    }
    // In a block that can see a class's namespace, a name the class binds is looked up
    // there at run time (so it is not free here), even if a function outside binds it too.
    if let Some(class) = class_entry {
        let class_flags = b.scope(class).symbols.get(name).map_or(0, |s| s.flags.0);
        if class_flags & DEF_GLOBAL != 0 {
            scopes.insert(name.to_owned(), ScopeKind::GlobalExplicit);
            return Ok(());
        } else if class_flags & DEF_BOUND != 0 && class_flags & DEF_NONLOCAL == 0 {
            scopes.insert(name.to_owned(), ScopeKind::GlobalImplicit);
            return Ok(());
        }
    }
    if bound.is_some_and(|bound| bound.contains(name)) {
        scopes.insert(name.to_owned(), ScopeKind::Free);
        b.scopes[idx(id)].free = true;
        free.insert(name);
        return Ok(());
    }
    if global.contains(name) {
        scopes.insert(name.to_owned(), ScopeKind::GlobalImplicit);
        return Ok(());
    }
    if b.scope(id).nested {
        b.scopes[idx(id)].free = true;
    }
    scopes.insert(name.to_owned(), ScopeKind::GlobalImplicit);
    Ok(())
}

/// CPython's `is_free_in_any_child`.
fn is_free_in_any_child(b: &Builder<'_>, comp: ScopeId, name: &str) -> bool {
    b.scope(comp)
        .children
        .iter()
        .any(|&c| b.scope(c).scope_of_name(name) == Some(ScopeKind::Free))
}

/// CPython's `inline_comprehension` (PEP 709): the comprehension's names join its parent.
fn inline_comprehension(
    b: &mut Builder<'_>,
    parent: ScopeId,
    comp: ScopeId,
    scopes: &mut Scopes,
    comp_free: &mut FreeNames,
    inlined_cells: &mut Names,
) {
    let parent_is_class = b.scope(parent).block_type == BlockType::Class;
    let symbols: Vec<(String, Symbol)> = b
        .scope(comp)
        .symbols
        .iter()
        .map(|(n, s)| (n.clone(), *s))
        .collect();
    for (name, sym) in symbols {
        let mut only_flags = sym.flags.0;
        // The comprehension's parameter `.0`.
        if only_flags & DEF_PARAM != 0 {
            continue;
        }
        let mut scope = sym.scope;
        if scope == Some(ScopeKind::Cell) || only_flags & DEF_COMP_CELL != 0 {
            inlined_cells.insert(name.clone());
        }
        // `__class__` is never free through a class block (see `drop_class_free`): in a
        // class body, CPython 3.13.0 makes it an implicit global of the class.
        if scope == Some(ScopeKind::Free) && parent_is_class && name == "__class__" {
            scope = Some(ScopeKind::GlobalImplicit);
            only_flags &= !SymbolFlags::DEF_FREE;
            comp_free.remove(&name);
        }
        let existing = b.scope(parent).symbols.get(&name).map(|s| s.flags.0);
        match existing {
            None => {
                b.scopes[idx(parent)].symbols.insert(
                    name.clone(),
                    Symbol {
                        flags: SymbolFlags(only_flags),
                        scope: None,
                    },
                );
                if let Some(scope) = scope {
                    scopes.insert(name, scope);
                }
            }
            Some(existing) => {
                // A name free in the comprehension but bound in the parent is simply local
                // once inlined, unless a block inside the comprehension needs it as a cell, or
                // the parent is a class.
                if existing & DEF_BOUND != 0
                    && !is_free_in_any_child(b, comp, &name)
                    && !parent_is_class
                {
                    comp_free.remove(&name);
                }
            }
        }
    }
    b.scopes[idx(comp)].free = !comp_free.is_empty();
}

/// CPython's `analyze_cells`: locals that a child uses freely become cells.
fn analyze_cells(scopes: &mut Scopes, free: &mut FreeNames, inlined_cells: &Names) {
    for (name, scope) in scopes.iter_mut() {
        if *scope != ScopeKind::Local {
            continue;
        }
        if !free.contains(name) && !inlined_cells.contains(name.as_str()) {
            continue;
        }
        *scope = ScopeKind::Cell;
        free.remove(name);
    }
}

/// CPython's `drop_class_free`: `__class__` and `__classdict__` free in a class's methods or
/// annotation scopes are provided by the class itself.
fn drop_class_free(b: &mut Builder<'_>, id: ScopeId, free: &mut FreeNames) {
    if free.remove("__class__") {
        b.scopes[idx(id)].needs_class_closure = true;
    }
    if free.remove("__classdict__") {
        b.scopes[idx(id)].needs_classdict = true;
    }
}

/// CPython's `update_symbols`: records each name's scope, and adds the names free in
/// children but not bound here (they pass through as free).
fn update_symbols(
    b: &mut Builder<'_>,
    id: ScopeId,
    scopes: &Scopes,
    bound: Option<&Names>,
    free: &FreeNames,
    inlined_cells: &Names,
    classflag: bool,
) {
    let symbols = &mut b.scopes[idx(id)].symbols;
    for (name, sym) in symbols.iter_mut() {
        if inlined_cells.contains(name.as_str()) {
            sym.flags.0 |= DEF_COMP_CELL;
        }
        sym.scope = scopes.get(name.as_str()).copied();
    }
    for name in free.iter() {
        if let Some(sym) = symbols.get_mut(name) {
            // A method's free variable that is also a name of the class.
            if classflag {
                sym.flags.0 |= DEF_FREE_CLASS;
            }
            continue;
        }
        if bound.is_some_and(|bound| !bound.contains(name)) {
            continue;
        }
        symbols.insert(
            name.to_owned(),
            Symbol {
                flags: SymbolFlags(0),
                scope: Some(ScopeKind::Free),
            },
        );
    }
}
