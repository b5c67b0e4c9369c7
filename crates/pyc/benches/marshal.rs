//! Marshal throughput over the oracle's standard-library `.pyc` files (every
//! `__pycache__/*.cpython-313*.pyc` outside `site-packages`; set `TAIPAN_PYC_CORPUS` to another
//! directory, or the test data is used). `cargo bench -p taipan-pyc`; `cargo xtask bench pyc`
//! compares with CPython's `marshal` in one run.

use std::path::{Path, PathBuf};

use divan::counter::BytesCount;
use taipan_bytecode::Constant;

fn main() {
    divan::main();
}

fn pyc_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "site-packages" {
                pyc_files(&path, out);
            }
        } else if name.ends_with(".pyc") {
            out.push(path);
        }
    }
}

fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TAIPAN_PYC_CORPUS") {
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
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
    }
}

/// The marshal data of every `.pyc` (its bytes after the 16-byte header).
fn corpus() -> &'static [Vec<u8>] {
    static CORPUS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        pyc_files(&corpus_dir(), &mut files);
        files.sort();
        files
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
