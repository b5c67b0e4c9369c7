//! The assembler checked against CPython's without running CPython: every code object of the
//! standard library's `.pyc` files (`__pycache__/*.cpython-313.pyc`, written by CPython
//! 3.13.0's own compiler; `site-packages` left out), nested ones included, is taken apart
//! ([`assemble::unassemble`]: no `EXTENDED_ARG`s, caches, location or exception table left)
//! and assembled again; the result must equal the original in every field.
//!
//! ```text
//! cargo run --release -p taipan-compiler --example assemble_roundtrip [STDLIB_DIR] [-v]
//! ```
//!
//! Prints the figure (code objects identical / total), and with `-v` the first few code objects
//! that differ, field by field.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use taipan_bytecode::{CodeObject, LocalKind, Opcode};
use taipan_compiler::assemble;

const DEFAULT_STDLIB: &str = "/root/.pyenv/versions/3.13.0/lib/python3.13";

fn main() {
    let mut root = PathBuf::from(DEFAULT_STDLIB);
    let mut verbose = false;
    for arg in std::env::args().skip(1) {
        if arg == "-v" {
            verbose = true;
        } else {
            root = PathBuf::from(arg);
        }
    }
    let mut files = Vec::new();
    collect_pycs(&root, &mut files);
    files.sort();
    let mut stats = Stats::default();
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                stats.unreadable += 1;
                continue;
            }
        };
        match taipan_pyc::read_pyc(&bytes) {
            Ok(pyc) => check_tree(&pyc.code, file, &mut stats, verbose),
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                stats.unreadable += 1;
            }
        }
    }
    println!(
        "{} .pyc files ({} unreadable); code objects identical: {} / {}",
        files.len(),
        stats.unreadable,
        stats.identical,
        stats.total
    );
    println!(
        "  of which {} with EXTENDED_ARG, {} with an exception table, {} with cells or free \
         variables, {} with hidden locals",
        stats.with_extended_args,
        stats.with_exception_table,
        stats.with_cells_or_frees,
        stats.with_hidden_locals
    );
    for (field, count) in &stats.differing_fields {
        println!("  {field} differs in {count}");
    }
    if stats.identical != stats.total {
        std::process::exit(1);
    }
}

#[derive(Default)]
struct Stats {
    unreadable: usize,
    total: usize,
    identical: usize,
    differing_fields: BTreeMap<&'static str, usize>,
    shown: usize,
    /// How much of the assembler the corpus exercises.
    with_extended_args: usize,
    with_exception_table: usize,
    with_cells_or_frees: usize,
    with_hidden_locals: usize,
}

/// `__pycache__/*.cpython-313.pyc` under `dir` (not the optimised `.opt-N` ones), skipping
/// `site-packages`.
fn collect_pycs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if name != "site-packages" {
                collect_pycs(&path, out);
            }
        } else if name.ends_with(".cpython-313.pyc")
            && path
                .parent()
                .is_some_and(|p| p.file_name().is_some_and(|n| n == "__pycache__"))
        {
            out.push(path);
        }
    }
}

/// Checks `code` and every code object nested in it.
fn check_tree(code: &CodeObject, file: &Path, stats: &mut Stats, verbose: bool) {
    let mut stack = vec![code];
    while let Some(code) = stack.pop() {
        stack.extend(code.nested_code());
        stats.total += 1;
        count_features(code, stats);
        let differing = check(code);
        if differing.is_empty() {
            stats.identical += 1;
            continue;
        }
        for field in &differing {
            *stats.differing_fields.entry(field).or_default() += 1;
        }
        if verbose && stats.shown < 20 {
            stats.shown += 1;
            println!(
                "{} {:?} line {}: {}",
                file.display(),
                code.qualname,
                code.firstlineno,
                differing.join(", ")
            );
        }
    }
}

fn count_features(code: &CodeObject, stats: &mut Stats) {
    let extended = Opcode::EXTENDED_ARG.number() as u8;
    if code.code.chunks(2).any(|unit| unit[0] == extended) {
        stats.with_extended_args += 1;
    }
    if !code.exceptiontable.is_empty() {
        stats.with_exception_table += 1;
    }
    let kinds = || code.localspluskinds.iter();
    if kinds().any(|k| k.is(LocalKind::CELL | LocalKind::FREE)) {
        stats.with_cells_or_frees += 1;
    }
    if kinds().any(|k| k.is(LocalKind::HIDDEN)) {
        stats.with_hidden_locals += 1;
    }
}

/// The fields in which `code` assembled again differs from `code`.
fn check(code: &CodeObject) -> Vec<&'static str> {
    let (unit, metadata) = match assemble::unassemble(code) {
        Ok(parts) => parts,
        Err(_) => return vec!["unassemble"],
    };
    let again = match assemble::make_code_object(&metadata, &unit, &code.filename) {
        Ok(again) => again,
        Err(_) => return vec!["make_code_object"],
    };
    let mut differing = Vec::new();
    let mut field = |name: &'static str, same: bool| {
        if !same {
            differing.push(name);
        }
    };
    field("argcount", again.argcount == code.argcount);
    field(
        "posonlyargcount",
        again.posonlyargcount == code.posonlyargcount,
    );
    field(
        "kwonlyargcount",
        again.kwonlyargcount == code.kwonlyargcount,
    );
    field("stacksize", again.stacksize == code.stacksize);
    field("flags", again.flags == code.flags);
    field("code", again.code == code.code);
    field("consts", again.consts == code.consts);
    field("names", again.names == code.names);
    field(
        "localsplusnames",
        again.localsplusnames == code.localsplusnames,
    );
    field(
        "localspluskinds",
        again.localspluskinds == code.localspluskinds,
    );
    field("filename", again.filename == code.filename);
    field("name", again.name == code.name);
    field("qualname", again.qualname == code.qualname);
    field("firstlineno", again.firstlineno == code.firstlineno);
    field("linetable", again.linetable == code.linetable);
    field(
        "exceptiontable",
        again.exceptiontable == code.exceptiontable,
    );
    field("code object ==", again == *code);
    differing
}
