//! Marshal throughput over the oracle's standard-library `.pyc` files (every
//! `__pycache__/*.cpython-313*.pyc` outside `site-packages`; set `TAIPAN_PYC_CORPUS` to another
//! directory, or the test data is used). `cargo bench -p taipan-pyc`; `cargo xtask bench pyc`
//! compares with CPython's `marshal` in one run.

use std::path::Path;

use divan::counter::BytesCount;
use taipan_bytecode::Constant;

#[path = "../../../benches/corpus.rs"]
mod corpus;

fn main() {
    divan::main();
}

fn corpus() -> &'static [Vec<u8>] {
    static CORPUS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = corpus::dir(
            "TAIPAN_PYC_CORPUS",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
        );
        corpus::files(&dir, ".pyc", &["site-packages"])
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter(|bytes| bytes.len() > 16)
            .map(|bytes| bytes[16..].to_vec())
            .collect()
    })
}

/// The values, for `dumps`.
fn values() -> &'static [Constant] {
    static VALUES: std::sync::OnceLock<Vec<Constant>> = std::sync::OnceLock::new();
    VALUES.get_or_init(|| {
        corpus()
            .iter()
            .filter_map(|data| taipan_pyc::marshal::loads(data).ok())
            .collect()
    })
}

fn corpus_bytes() -> usize {
    corpus().iter().map(Vec::len).sum()
}

#[divan::bench(sample_count = 10)]
fn loads(bencher: divan::Bencher<'_, '_>) {
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        let mut ok = 0usize;
        for data in corpus() {
            ok += usize::from(divan::black_box(taipan_pyc::marshal::loads(data)).is_ok());
        }
        ok
    });
}

#[divan::bench(sample_count = 10)]
fn dumps(bencher: divan::Bencher<'_, '_>) {
    let values = values();
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        let mut written = 0usize;
        for value in values {
            written += divan::black_box(taipan_pyc::marshal::dumps(value)).len();
        }
        written
    });
}
