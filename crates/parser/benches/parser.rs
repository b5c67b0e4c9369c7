//! Parser throughput over the standard-library corpus (the oracle's `Lib/` without its tests;
//! set `TAIPAN_CORPUS` to another directory of `.py` files, or the fixtures are used): source
//! text to the arena AST, one arena per file (reset, or new).
//! `cargo bench -p taipan-parser`; `cargo xtask bench parser` compares with CPython's
//! `ast.parse`, ruff's and RustPython's parsers in one run.

use std::path::{Path, PathBuf};

use bumpalo::Bump;
use divan::counter::BytesCount;
use taipan_parser::{Options, parse};

fn main() {
    divan::main();
}

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(
                name,
                "test" | "tests" | "idle_test" | "site-packages" | "__pycache__"
            ) {
                python_files(&path, out);
            }
        } else if name.ends_with(".py") {
            out.push(path);
        }
    }
}

fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TAIPAN_CORPUS") {
        return dir.into();
    }
    let oracle = std::process::Command::new("python3")
        .env("PYENV_VERSION", "3.13.0")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output();
    match oracle {
        Ok(out) if out.status.success() => {
            PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
        }
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"),
    }
}

fn corpus() -> &'static [String] {
    static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        python_files(&corpus_dir(), &mut files);
        files.sort();
        files
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
