//! `match` statements: every pattern kind as CPython 3.13 compiles it (compile.c's
//! `compiler_match`, `compiler_pattern*`, the pattern context with its `fail_pop` labels and
//! stores, `MatchOr` alternatives' name reordering).

use taipan_ast::Match;

use super::{CResult, Compiler, not_yet};

impl Compiler<'_> {
    /// `compiler_match`.
    pub fn visit_match(&mut self, s: &Match<'_>) -> CResult {
        let _ = s;
        Err(not_yet("match statements"))
    }
}
