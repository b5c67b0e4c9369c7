//! Source bytes to a code object, as `compile(source_bytes, filename, "exec")` does it: decode,
//! parse, then the compiler stage. Shared by `-m dis`, `-m py_compile` and the harness.

use bumpalo::Bump;
use taipan_ast::LineIndex;
use taipan_bytecode::CodeObject;
use taipan_compiler::{CompileError, ErrorKind, Mode, Options};
use taipan_parser::Options as ParseOptions;

use crate::modules::ast::{PythonException, SyntaxDetails, source};

/// A compile that did not produce code: the exception, the warnings issued before it, and the
/// decoded text (for warning lines) when there was one.
#[derive(Debug)]
pub struct CompileFailure {
    pub exception: PythonException,
    pub warnings: Vec<(u32, String)>,
    /// The decoded text, when decoding succeeded and lost nothing (for warning lines).
    pub text: Option<String>,
}

/// A compiled source: its code object and the `SyntaxWarning`s issued (line, message), parser's
/// first, then the compiler's.
#[derive(Debug)]
pub struct CompiledSource {
    pub code: CodeObject,
    pub warnings: Vec<(u32, String)>,
    /// The decoded text, when decoding lost nothing (for the source lines of warnings).
    pub text: Option<String>,
}

/// `compile(bytes, filename, "exec", optimize=optimize, dont_inherit=True)`.
pub fn compile_source(
    bytes: &[u8],
    filename: &str,
    optimize: i32,
) -> Result<CompiledSource, CompileFailure> {
    let arena = Bump::new();
    // `compile()` never builds `ast` objects: only the compiler's own depth limits apply.
    let parse_options = ParseOptions {
        skip_ast_construction_limit: true,
        ..ParseOptions::default()
    };
    let parsed =
        source::parse_source(bytes, filename, &parse_options, &arena).map_err(|failure| {
            CompileFailure {
                exception: failure.exception,
                warnings: failure
                    .warnings
                    .into_iter()
                    .map(|w| (w.lineno, w.message))
                    .collect(),
                text: failure.text.filter(|_| !failure.lossy).map(str::to_owned),
            }
        })?;
    let mut warnings: Vec<(u32, String)> = parsed
        .warnings
        .iter()
        .map(|w| (w.lineno, w.message.clone()))
        .collect();
    let mut tree = parsed.tree;
    let index = LineIndex::new(parsed.text);
    let options = Options {
        mode: Mode::Exec,
        filename: filename.to_owned(),
        optimize,
        ..Options::default()
    };
    match taipan_compiler::compile(&mut tree, &arena, &index, &options) {
        Ok(compiled) => {
            warnings.extend(
                compiled
                    .warnings
                    .iter()
                    .map(|w| (w.location.lineno.max(0) as u32, w.message.clone())),
            );
            Ok(CompiledSource {
                code: compiled.code,
                warnings,
                text: (!parsed.lossy).then(|| parsed.text.to_owned()),
            })
        }
        Err(error) => Err(CompileFailure {
            exception: exception_of(&error, parsed.text, filename),
            warnings,
            text: (!parsed.lossy).then(|| parsed.text.to_owned()),
        }),
    }
}

/// The Python exception a compile error is.
fn exception_of(error: &CompileError, text: &str, filename: &str) -> PythonException {
    if error.kind != ErrorKind::SyntaxError {
        return PythonException {
            type_name: error.kind.name().to_owned(),
            message: error.message.clone(),
            syntax: None,
        };
    }
    let (lineno, offset, end_lineno, end_offset) = error.cpython_position(text);
    let line = (lineno >= 1)
        .then(|| text.split_inclusive('\n').nth(lineno as usize - 1))
        .flatten()
        .map(|l| {
            let mut l = l.trim_end_matches(['\n', '\r']).to_owned();
            l.push('\n');
            l
        });
    PythonException {
        type_name: "SyntaxError".to_owned(),
        message: error.message.clone(),
        syntax: Some(Box::new(SyntaxDetails {
            filename: Some(filename.to_owned()),
            lineno: Some(lineno.into()),
            offset: Some(offset.into()),
            end_lineno: Some(end_lineno.into()),
            end_offset: Some(end_offset.into()),
            text: line,
        })),
    }
}
