//! Comprehensions and generator expressions, inlined (PEP 709) or in their own code unit
//! (compile.c's `compiler_comprehension` family).

use super::Compiler;

impl Compiler<'_> {}
