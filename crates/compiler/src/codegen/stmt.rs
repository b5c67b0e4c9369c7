//! Statements other than definitions and `match` (compile.c's `compiler_visit_stmt` family):
//! assignments, loops, `if`, `with`, `try`/`except`/`except*`/`finally`, `raise`, `return`,
//! `break`/`continue`, imports, `assert`, `del`, `global`/`nonlocal`, expression statements.

use taipan_ast::Stmt;

use super::{CResult, Compiler, not_yet};

impl Compiler<'_> {
    /// `compiler_visit_stmt`.
    pub fn visit_stmt(&mut self, s: &Stmt<'_>) -> CResult {
        let _ = s;
        Err(not_yet("statements"))
    }

    /// `VISIT_SEQ(c, stmt, body)`.
    pub fn visit_body(&mut self, body: &[Stmt<'_>]) -> CResult {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }
}
