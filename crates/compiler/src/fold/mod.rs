//! The AST optimizer: CPython 3.13's `Python/ast_opt.c`, run on the tree before the symbol
//! table. Constant folding of unary and binary operators, subscripts and tuples (with CPython's
//! size limits), `__debug__`, `'%s' % (…)` to f-string, constant tuples/frozensets for `in` and
//! `for` over a literal list/set, and what the optimisation level removes (`-O`: asserts and
//! `__debug__` is `False`; `-OO`: docstrings too). The result is what `ast.parse(source,
//! optimize=LEVEL)` dumps in CPython 3.13.

use bumpalo::Bump;
use taipan_ast::Mod;

/// Optimises `module` in place at `optimize` level (0, 1 or 2; `-1` is the interpreter's
/// default, 0). Not yet written: leaves the tree as it is.
pub fn optimize<'a>(module: &mut Mod<'a>, arena: &'a Bump, optimize: i32) {
    let _ = (module, arena, optimize);
}
