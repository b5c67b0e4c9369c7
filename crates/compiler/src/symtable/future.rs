//! `from __future__` imports: CPython's `Python/future.c`. Only the imports at the very start
//! of a module (after its docstring) are future statements; a `from __future__` import later
//! on is an error code generation raises ("from __future__ imports must occur at the
//! beginning of the file", using [`FutureFeatures::location`]).

use taipan_ast::{ConstantValue, Expr, LineIndex, Mod, Stmt, TextRange};

use super::FutureFeatures;
use crate::error::CompileError;
use crate::ir::Location;

/// The features a module's future statements turn on, merged with `inherited` (the flags
/// `compile()` was given). Raises CPython's errors for `braces` ("not a chance") and for
/// unknown features, at the offending name.
pub fn parse_future_features(
    module: &Mod<'_>,
    index: &LineIndex,
    inherited: FutureFeatures,
) -> Result<FutureFeatures, CompileError> {
    // The flags `compile()` was given add features, never a location: `location` is that of
    // this module's own future statements (`None`: it has none, and any `from __future__`
    // import is one too late).
    let mut features = FutureFeatures {
        location: None,
        ..inherited
    };
    let body: &[Stmt<'_>] = match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => body,
        _ => return Ok(features),
    };
    let start = usize::from(body.first().is_some_and(is_docstring));
    for s in body.iter().skip(start) {
        let Stmt::ImportFrom(import) = s else { break };
        if import.module != Some("__future__") || import.level != 0 {
            break;
        }
        for alias in import.names.iter() {
            match alias.name {
                "nested_scopes" | "generators" | "division" | "absolute_import"
                | "with_statement" | "print_function" | "unicode_literals" | "generator_stop" => {}
                "barry_as_FLUFL" => features.barry_as_flufl = true,
                "annotations" => features.annotations = true,
                "braces" => return Err(error(index, "not a chance".to_owned(), import.range)),
                other => {
                    return Err(error(
                        index,
                        format!("future feature {other} is not defined"),
                        import.range,
                    ));
                }
            }
        }
        features.location = Some(location(index, import.range));
    }
    Ok(features)
}

/// CPython's `_PyAST_GetDocString` test: an expression statement that is a `str` constant.
fn is_docstring(s: &Stmt<'_>) -> bool {
    matches!(s, Stmt::Expr(e) if matches!(&e.value, Expr::Constant(c) if matches!(c.value, ConstantValue::Str(_))))
}

fn location(index: &LineIndex, range: TextRange) -> Location {
    let p = index.position(range);
    Location::new(
        p.lineno as i32,
        p.end_lineno as i32,
        p.col_offset as i32,
        p.end_col_offset as i32,
    )
}

/// CPython 3.13 places these errors at the statement's start only: `(lineno, col_offset + 1)`
/// with `end_lineno = lineno` and no end offset (`end_col_offset` -1 here).
fn error(index: &LineIndex, message: String, range: TextRange) -> CompileError {
    let start = location(index, range);
    CompileError::syntax(
        message,
        Location::new(start.lineno, start.lineno, start.col_offset, -1),
    )
}
