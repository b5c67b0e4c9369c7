//! Style rules enforced as tests (as rust-analyzer does): what review would otherwise have to
//! catch by eye.

use std::path::PathBuf;

fn sources() -> Vec<(PathBuf, String)> {
    let root = taipan_snapshots::repo_root();
    let mut files = Vec::new();
    for dir in ["crates", "xtask", "tests", "fuzz/fuzz_targets"] {
        files.extend(taipan_snapshots::files_under(
            &root.join(dir),
            ".rs",
            &["target", "fixtures"],
        ));
    }
    files
        .into_iter()
        .map(|p| (p.clone(), std::fs::read_to_string(&p).expect("readable")))
        .collect()
}

/// A file past ~1,500 lines is asking to be split into files with one job each.
#[test]
fn files_stay_small() {
    for (path, text) in sources() {
        let lines = text.lines().count();
        assert!(
            lines <= 1500,
            "{} has {lines} lines: split it",
            path.display()
        );
    }
}

/// Each crate's root says what the crate is for and not for, before any code.
#[test]
fn crate_roots_are_documented() {
    let root = taipan_snapshots::repo_root();
    let Ok(crates) = std::fs::read_dir(root.join("crates")) else {
        panic!("no crates/")
    };
    for krate in crates.flatten() {
        let lib = krate.path().join("src/lib.rs");
        let text =
            std::fs::read_to_string(&lib).unwrap_or_else(|e| panic!("{}: {e}", lib.display()));
        assert!(
            text.starts_with("//! # "),
            "{} must open with `//! # name: purpose` docs",
            lib.display()
        );
        assert!(
            text.contains("**For:**") && text.contains("**Not for:**"),
            "{} must say what it is for and not for",
            lib.display()
        );
    }
}

/// Stubs are not features and debugging leftovers are not code.
#[test]
fn no_stubs_or_debug_leftovers() {
    let banned = [
        concat!("todo", "!("),
        concat!("unimplemented", "!("),
        concat!("dbg", "!("),
    ];
    for (path, text) in sources() {
        for (i, line) in text.lines().enumerate() {
            for word in banned {
                assert!(!line.contains(word), "{}:{}: {word}", path.display(), i + 1);
            }
        }
    }
}
