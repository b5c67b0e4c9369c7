//! The corpus the crates' divan benches read: the one copy of "find the oracle's standard
//! library and list its files", included by each bench with `#[path]` (a bench cannot depend on
//! the harness crate, which depends on the crate being benched).

// Each bench uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The folders left out of the `.py` corpus: the standard library without its tests (what
/// `cargo xtask bench` measures too).
pub const TEST_FOLDERS: &[&str] = &["test", "tests", "idle_test", "site-packages", "__pycache__"];

/// The directory named by the environment variable `var`, else the oracle's standard library
/// (`PYENV_VERSION=3.13.0 python3`), else `fallback`.
pub fn dir(var: &str, fallback: PathBuf) -> PathBuf {
    if let Some(dir) = std::env::var_os(var) {
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
        _ => fallback,
    }
}

/// Every file under `dir` whose name ends with `suffix`, sorted, skipping folders named in
/// `skip`.
pub fn files(dir: &Path, suffix: &str, skip: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !skip.contains(&name) {
                    dirs.push(path);
                }
            } else if name.ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
