//! Prints the code-generation output of a Python file, unit by unit, in the form the oracle
//! script writes from CPython's `_testinternalcapi.compiler_codegen`, so the two diff:
//!
//! ```text
//! cargo run -p taipan-compiler --example codegen_text -- FILE [-O N]
//! ```
//!
//! For each unit, the module first and then each unit followed by the units nested in it
//! (siblings in completion order, as `InstructionSequence.get_nested()` lists them):
//! `== QUALNAME`, the constants one per line (code objects as `<code NAME>`), the names,
//! varnames, cellvars and freevars, the argument counts, then the instruction sequence text.

use std::process::ExitCode;

use taipan_bytecode::Constant;
use taipan_bytecode::repr::{ReprOptions, constant_repr};
use taipan_compiler::codegen::{SavedUnit, codegen_only};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut optimize = 0;
    if let Some(i) = args.iter().position(|a| a == "-O") {
        optimize = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(0);
        args.drain(i..(i + 2).min(args.len()));
    }
    let Some(path) = args.first() else {
        eprintln!("usage: codegen_text FILE [-O N]");
        return ExitCode::from(2);
    };
    let source = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let arena = bumpalo::Bump::new();
    let parsed = match taipan_parser::parse(&source, &taipan_parser::Options::default(), &arena) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("{path}: parse error: {}", e.message);
            return ExitCode::from(1);
        }
    };
    let mut tree = parsed.tree;
    let index = taipan_ast::LineIndex::new(&source);
    taipan_compiler::fold::optimize(&mut tree, &arena, optimize);
    let options = taipan_compiler::Options {
        filename: path.clone(),
        optimize,
        ..Default::default()
    };
    match codegen_only(&tree, &index, &options) {
        Ok(output) => {
            let mut out = String::new();
            for unit in output.preorder() {
                print_unit(&mut out, unit);
            }
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let (l, c, el, ec) = e.cpython_position(&source);
            println!("{e} ({l}:{c}-{el}:{ec})");
            ExitCode::from(1)
        }
    }
}

fn print_unit(out: &mut String, unit: &SavedUnit) {
    use std::fmt::Write as _;
    let md = &unit.metadata;
    let text = |s: &taipan_bytecode::PyString| String::from_utf8_lossy(s.as_bytes()).into_owned();
    let list = |v: &[taipan_bytecode::PyString]| v.iter().map(text).collect::<Vec<_>>().join(" ");
    let _ = writeln!(out, "== {}", unit.qualname);
    let _ = writeln!(out, "consts:");
    for c in &md.consts {
        let repr = match c {
            Constant::Code(code) => format!("<code {}>", text(&code.name)),
            other => constant_repr(other, &ReprOptions::default()),
        };
        let _ = writeln!(out, "  {repr}");
    }
    let _ = writeln!(out, "names: {}", list(&md.names));
    let _ = writeln!(out, "varnames: {}", list(&md.varnames));
    let _ = writeln!(out, "cellvars: {}", list(&md.cellvars));
    let _ = writeln!(out, "freevars: {}", list(&md.freevars));
    let _ = writeln!(
        out,
        "argcount={} posonlyargcount={} kwonlyargcount={}",
        md.argcount, md.posonlyargcount, md.kwonlyargcount
    );
    out.push_str(&unit.seq.text());
}
