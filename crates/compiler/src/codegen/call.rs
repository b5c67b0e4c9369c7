//! Calls (compile.c's `compiler_call`, `compiler_call_helper`, `maybe_optimize_method_call`,
//! keyword validation, `**` and `*` unpacking).

use taipan_ast::{Expr, Keyword};

use super::{CResult, Compiler, not_yet};
use crate::ir::Location;

impl Compiler<'_> {
    /// `compiler_call_helper`: pushes the arguments (after `n` already pushed positionals) and
    /// emits the call. Used for calls and for class creation (`__build_class__`).
    pub fn call_helper(
        &mut self,
        loc: Location,
        n: usize,
        args: &[Expr<'_>],
        keywords: &[Keyword<'_>],
    ) -> CResult {
        let _ = (loc, n, args, keywords);
        Err(not_yet("calls"))
    }
}
