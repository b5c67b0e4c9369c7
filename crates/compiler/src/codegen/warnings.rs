//! The compiler's `SyntaxWarning`s (compile.c's `check_caller`, `check_subscripter`,
//! `check_index`, `check_compare`, `compiler_warn`).

use super::Compiler;

impl Compiler<'_> {}
