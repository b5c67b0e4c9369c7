//! Every pass's output for one module, for people studying the compiler: the optimised tree,
//! the symbol table, the top code unit's instruction sequence after code generation and after
//! the CFG optimiser, and the finished code object. Each text is the one the oracle driver
//! writes from CPython's own passes (`_testinternalcapi`, `_symtable`, `ast`), so
//! `cargo xtask compare-passes FILE` names the first pass whose output differs.

use bumpalo::Bump;
use taipan_ast::{DumpOptions, LineIndex, Mod, dump};
use taipan_bytecode::repr::ReprOptions;

use crate::error::CompileError;
use crate::{Options, symtable};

/// One pass's output: its name (`fold`, `symtable`, `codegen`, `cfg`, `code`) and text.
#[derive(Clone, Debug)]
pub struct PassOutput {
    pub name: &'static str,
    pub text: String,
}

/// The text of a compile error as the oracle driver writes it: class, message and, for a
/// `SyntaxError`, `(line L, offset O)`.
pub fn error_text(error: &CompileError, source: &str) -> String {
    match error.kind {
        crate::ErrorKind::SyntaxError => {
            let (lineno, offset, _, _) = error.cpython_position(source);
            format!(
                "{}: {} (line {lineno}, offset {offset})\n",
                error.kind.name(),
                error.message
            )
        }
        _ => format!("{}: {}\n", error.kind.name(), error.message),
    }
}

/// Runs the passes on `module` (parsed from `source`), recording each one's text. A pass that
/// fails records its error and the passes after it that need its result are skipped.
pub fn run_passes<'a>(
    module: &mut Mod<'a>,
    arena: &'a Bump,
    source: &str,
    options: &Options,
    repr: &ReprOptions,
) -> Vec<PassOutput> {
    let index = LineIndex::new(source);
    let mut out = Vec::new();
    let folded =
        crate::fold::optimize_checked(module, arena, options.optimize, options.future.annotations);
    out.push(PassOutput {
        name: "fold",
        text: match folded {
            Ok(()) => dump(&*module, &DumpOptions::default()) + "\n",
            Err(error) => error_text(&error, source),
        },
    });
    // Each pass runs once, on the previous pass's result; a pass that fails ends the list.
    let module: &Mod<'a> = module;
    let table = match symtable::build(module, &index, options.future) {
        Ok(table) => table,
        Err(error) => {
            out.push(PassOutput {
                name: "symtable",
                text: error_text(&error, source),
            });
            return out;
        }
    };
    out.push(PassOutput {
        name: "symtable",
        text: table.text(),
    });
    match crate::codegen::codegen_only_with_table(module, &index, &table, options) {
        Ok(output) => {
            // Completion order puts the module's unit last.
            let top = output.units.last();
            out.push(PassOutput {
                name: "codegen",
                text: top.map(|u| u.seq.text()).unwrap_or_default(),
            });
            if let Some(top) = top {
                // As `_testinternalcapi.optimize_cfg(seq, consts, nlocals)`: no parameters,
                // first line 0.
                let mut consts = top.metadata.consts.clone();
                let mut cfg = crate::flowgraph::Cfg::from_sequence(top.seq.clone());
                let text = match crate::flowgraph::optimize_code_unit(
                    &mut cfg,
                    &mut consts,
                    top.metadata.varnames.len(),
                    0,
                    0,
                ) {
                    Ok(()) => cfg.to_sequence().text(),
                    Err(error) => error_text(&error, source),
                };
                out.push(PassOutput { name: "cfg", text });
            }
        }
        Err(error) => {
            out.push(PassOutput {
                name: "codegen",
                text: error_text(&error, source),
            });
            return out;
        }
    }
    out.push(PassOutput {
        name: "code",
        text: match crate::compile_with_table(module, &index, &table, options) {
            Ok(compiled) => taipan_bytecode::dump::dump(&compiled.code, repr),
            Err(error) => error_text(&error, source),
        },
    });
    out
}
