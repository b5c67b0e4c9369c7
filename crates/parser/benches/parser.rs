//! Parser throughput over the standard-library corpus (the oracle's `Lib/` without its tests;
//! set `TAIPAN_CORPUS` to another directory of `.py` files, or the fixtures are used): source
//! text to the arena AST, one arena per file (reset, or new).
//! `cargo bench -p taipan-parser`; `cargo xtask bench parser` compares with CPython's
//! `ast.parse`, ruff's and RustPython's parsers in one run.

use std::path::Path;

use bumpalo::Bump;
use divan::counter::BytesCount;
use taipan_parser::{Options, parse};

#[path = "../../../benches/corpus.rs"]
mod corpus;

fn main() {
    divan::main();
}

fn corpus() -> &'static [String] {
    static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = corpus::dir(
            "TAIPAN_CORPUS",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"),
        );
        corpus::files(&dir, ".py", corpus::TEST_FOLDERS)
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter_map(|bytes| {
                taipan_lexer::source::decode(&bytes, None, taipan_lexer::source::Errors::Replace)
                    .ok()
                    .map(|d| d.text.into_owned())
            })
            .collect()
    })
}

fn corpus_bytes() -> usize {
    corpus().iter().map(String::len).sum()
}

/// `ast.parse(source)`: one arena, reset before each file (how a tool parsing many files would
/// run).
#[divan::bench(sample_count = 10)]
fn parse_reset_arena(bencher: divan::Bencher<'_, '_>) {
    let options = Options::default();
    let mut arena = Bump::new();
    bencher
        .counter(BytesCount::new(corpus_bytes()))
        .bench_local(|| {
            let mut ok = 0usize;
            for text in corpus() {
                arena.reset();
                ok += usize::from(divan::black_box(parse(text, &options, &arena)).is_ok());
            }
            ok
        });
}

/// The same with a new arena per file (its allocation and growth included).
#[divan::bench(sample_count = 5)]
fn parse_fresh_arena(bencher: divan::Bencher<'_, '_>) {
    let options = Options::default();
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        let mut ok = 0usize;
        for text in corpus() {
            let arena = Bump::new();
            ok += usize::from(divan::black_box(parse(text, &options, &arena)).is_ok());
        }
        ok
    });
}
