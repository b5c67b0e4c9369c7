//! Times parse and each compiler stage over a list of Python files, for profiling
//! (`perf record -g target/release/examples/bench_compile LIST ROUNDS`). LIST holds one path a
//! line; files that do not decode, parse or compile are skipped.
//!
//! Usage: `cargo run --release -p taipan-compiler --example bench_compile -- LIST [ROUNDS]`
use std::time::{Duration, Instant};

use bumpalo::Bump;
use taipan_compiler::{Mode, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(list) = args.next() else {
        eprintln!("usage: bench_compile LIST [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let paths = std::fs::read_to_string(&list).unwrap_or_default();
    let mut sources = Vec::new();
    for path in paths.lines().filter(|l| !l.is_empty()) {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(decoded) =
            taipan_lexer::source::decode(&bytes, None, taipan_lexer::source::Errors::Replace)
        else {
            continue;
        };
        sources.push((path.to_owned(), decoded.text.into_owned()));
    }
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    let (mut parse, mut fold, mut symtable, mut codegen) =
        (Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX);
    let mut ok = 0;
    for _ in 0..rounds {
        let (mut p, mut f, mut s, mut c) = (
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
        );
        ok = 0;
        for (path, text) in &sources {
            let arena = Bump::new();
            let t = Instant::now();
            let Ok(parsed) = taipan_parser::parse(text, &taipan_parser::Options::default(), &arena)
            else {
                continue;
            };
            let mut tree = parsed.tree;
            let index = taipan_ast::LineIndex::new(text);
            p += t.elapsed();
            let options = Options {
                mode: Mode::Exec,
                filename: path.clone(),
                ..Options::default()
            };
            let t = Instant::now();
            taipan_compiler::fold::optimize_with_future(&mut tree, &arena, 0, false);
            f += t.elapsed();
            let t = Instant::now();
            let Ok(table) = taipan_compiler::symtable::build(&tree, &index, options.future) else {
                continue;
            };
            s += t.elapsed();
            let t = Instant::now();
            let mut compiler = taipan_compiler::codegen::Compiler::new(
                &table,
                &index,
                &options.filename,
                0,
                false,
            );
            let code = taipan_compiler::codegen::codegen_module(&mut compiler, &tree);
            c += t.elapsed();
            if code.is_ok() {
                ok += 1;
            }
            std::hint::black_box(code.ok());
        }
        parse = parse.min(p);
        fold = fold.min(f);
        symtable = symtable.min(s);
        codegen = codegen.min(c);
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files ({ok} compiled), {mb:.1} MB, best of {rounds}",
        sources.len()
    );
    for (name, d) in [
        ("parse", parse),
        ("fold", fold),
        ("symtable", symtable),
        ("codegen+backend", codegen),
    ] {
        println!(
            "{name:<16} {:>8.3} s {:>8.1} MB/s",
            d.as_secs_f64(),
            mb / d.as_secs_f64()
        );
    }
}
