//! The AST optimizer: CPython 3.13's `Python/ast_opt.c`, run on the tree before the symbol
//! table. The result is what `ast.parse(source, optimize=LEVEL)` dumps in CPython 3.13 (and,
//! for level 0, `compile(source, …, flags=PyCF_ONLY_AST | PyCF_OPTIMIZED_AST, optimize=0)`).
//!
//! What it does, node by node, after optimizing the node's children:
//! - `UnaryOp` on a constant folds (`-1`, `not 0`, `~True`); `not` of a single `is`/`is not`/
//!   `in`/`not in` comparison becomes the opposite comparison.
//! - `BinOp` on two constants folds with Python's semantics (`int` of any size, `float`,
//!   `complex`, `bool`, str/bytes/tuple concatenation and repetition), unless the operation
//!   raises or CPython's size guards refuse it: `int` results past 128 bits by `*`, `**`,
//!   `<<`; repetitions past 4096 characters or 256 items (1024 nested); `%` on a str or
//!   bytes ([`operators`]). `'%s %r %a' % (a, b, c)` becomes an f-string ([`format`]).
//! - A loaded tuple display of constants becomes a constant tuple; a loaded subscript of a
//!   constant by a constant folds (`"abc"[1]`, `(1, 2)[0]`).
//! - The iterable of `for` (not `async for`), of comprehensions, and the right operand of a
//!   final `in`/`not in`: a list display becomes a tuple (constant when it can), a set display
//!   of constants a constant frozenset.
//! - `__debug__` is `True` at level 0, `False` above.
//! - A body whose first statement only became a string by folding gets it wrapped in a
//!   `JoinedStr`, so that folding never makes a docstring.
//!
//! What it does not do, in 3.13: remove `assert`s or docstrings (the code generator does, at
//! levels 1 and 2), fold comparisons or boolean operators, or touch annotations under
//! `from __future__ import annotations`.

mod format;
mod number;
mod operators;
mod rules;
mod value;
mod walk;

use std::cell::Cell;

use bumpalo::Bump;
use taipan_ast::{Mod, Stmt};

use crate::error::CompileError;

/// Optimises `module` in place at `optimize` level (0, 1 or 2; `-1`, the interpreter's
/// default, is 0). New nodes and values are allocated in `arena`, the tree's arena.
/// `from __future__ import annotations` is read from the module itself.
pub fn optimize<'a>(module: &mut Mod<'a>, arena: &'a Bump, optimize: i32) {
    optimize_with_future(module, arena, optimize, false);
}

/// [`optimize`], with `from __future__ import annotations` also in force when
/// `inherited_annotations` is set (`compile(…, flags=CO_FUTURE_ANNOTATIONS)`, or inherited from
/// the calling code).
pub fn optimize_with_future<'a>(
    module: &mut Mod<'a>,
    arena: &'a Bump,
    optimize: i32,
    inherited_annotations: bool,
) {
    // Past CPython's nesting limit the rest of the tree is left as it is: `compile()` refuses
    // such a tree ([`optimize_checked`]).
    let _ = optimize_checked(module, arena, optimize, inherited_annotations);
}

/// [`optimize_with_future`], failing as CPython's AST optimizer does on a tree nested deeper
/// than its recursion limit (`RecursionError: maximum recursion depth exceeded during
/// compilation`, see [`crate::recursion`]).
pub fn optimize_checked<'a>(
    module: &mut Mod<'a>,
    arena: &'a Bump,
    optimize: i32,
    inherited_annotations: bool,
) -> Result<(), CompileError> {
    let folder = walk::Folder {
        arena,
        optimize: optimize.max(0),
        future_annotations: inherited_annotations || imports_future_annotations(module),
        depth: Cell::new(crate::recursion::STARTING_DEPTH),
        too_deep: Cell::new(false),
    };
    folder.module(module);
    if folder.too_deep.get() {
        return Err(crate::recursion::exceeded());
    }
    Ok(())
}

/// Whether the module's `from __future__` imports (CPython's `future.c`: the statements at its
/// top, after a docstring, as long as they are absolute imports from `__future__`) name
/// `annotations`.
pub fn imports_future_annotations(module: &Mod<'_>) -> bool {
    let body: &[Stmt<'_>] = match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => body,
        Mod::Expression { .. } | Mod::FunctionType { .. } => return false,
    };
    let skip = usize::from(walk::has_docstring(body));
    let mut annotations = false;
    for stmt in body.iter().skip(skip) {
        match stmt {
            Stmt::ImportFrom(import)
                if import.level == 0 && import.module == Some("__future__") =>
            {
                annotations |= import.names.iter().any(|alias| alias.name == "annotations");
            }
            _ => break,
        }
    }
    annotations
}
