//! `taipan-compare [--rounds N] FILE...`: parses the files with ruff's and RustPython's parsers
//! and prints, for each parser, one line `parser=NAME files=N ok=K bytes=B best_secs=S rounds=R`
//! (the best of `R` timings of parsing all the files, sources already read and decoded).
//!
//! Run by `cargo xtask bench parser`; a workspace of its own (`benches/compare`) so that the main
//! workspace never builds these parsers.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Parses every source, returns how many parsed.
type Parse = fn(&[String]) -> usize;

fn best_of(rounds: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut ok = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        ok = f();
        best = best.min(start.elapsed());
    }
    (best, ok)
}

fn ruff(sources: &[String]) -> usize {
    sources
        .iter()
        .filter(|text| black_box(ruff_python_parser::parse_module(text)).is_ok())
        .count()
}

fn rustpython(sources: &[String]) -> usize {
    sources
        .iter()
        .filter(|text| {
            black_box(rustpython_parser::parse(
                text,
                rustpython_parser::Mode::Module,
                "<bench>",
            ))
            .is_ok()
        })
        .count()
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut rounds = 5;
    if args.peek().map(String::as_str) == Some("--rounds") {
        args.next();
        rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds);
    }
    let sources: Vec<String> = args
        .map(|path| match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("taipan-compare: {path}: {e}");
                std::process::exit(2);
            }
        })
        .collect();
    let bytes: usize = sources.iter().map(String::len).sum();
    let parsers: [(&str, Parse); 2] = [
        ("ruff_python_parser@0.0.10", ruff),
        ("rustpython-parser@0.4.0", rustpython),
    ];
    for (name, parse) in parsers {
        let (best, ok) = best_of(rounds, || parse(&sources));
        println!(
            "parser={name} files={} ok={ok} bytes={bytes} best_secs={:.6} rounds={rounds}",
            sources.len(),
            best.as_secs_f64()
        );
    }
}
