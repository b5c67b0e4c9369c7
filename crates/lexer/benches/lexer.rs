//! Lexer throughput over the standard-library corpus (the oracle's `Lib/` without its tests;
//! set `TAIPAN_CORPUS` to another directory of `.py` files, or the fixtures are used).
//! `cargo bench -p taipan-lexer`; `cargo xtask bench lexer` compares with CPython in one run.

use std::path::Path;

use divan::counter::BytesCount;

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

/// What the parser consumes.
#[divan::bench(sample_count = 10)]
fn parser_stream(bencher: divan::Bencher<'_, '_>) {
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        let mut count = 0usize;
        for text in corpus() {
            for token in taipan_lexer::parser_tokens(text) {
                if token.is_err() {
                    break;
                }
                count += 1;
            }
        }
        count
    });
}

/// The `tokenize` module's view, with line/column positions.
#[divan::bench(sample_count = 5)]
fn tokenize_view(bencher: divan::Bencher<'_, '_>) {
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        let mut count = 0usize;
        for text in corpus() {
            for token in taipan_lexer::Tokenize::new(text) {
                if token.is_err() {
                    break;
                }
                count += 1;
            }
        }
        count
    });
}
