//! # taipan-snapshots: the per-stage snapshot harness
//!
//! **For:** checking every stage of Taipan against CPython 3.13, the oracle. It owns the one
//! golden mechanism ([`golden`]), the list of stages and how each is run ([`stage`]), the one
//! place that knows how to run the oracle ([`oracle`]), and the standard-library conformance
//! runs ([`conformance`]). `cargo xtask snap|bless|conformance` and the test suite both use it.
//! **Not for:** anything a user of Taipan runs.
//!
//! A *stage* is a command line of `taipan` that has a CPython twin with identical output (for
//! the tokens stage, `-m tokenize -e FILE`). A *golden* is the oracle's stdout, stderr and exit
//! status for one fixture and one stage, committed beside the fixture as `NAME.STAGE`. The test
//! suite runs Taipan in-process on each fixture and compares with the golden; it never needs
//! the oracle. Adding a stage means adding one entry to [`stage::STAGES`].

pub mod conformance;
pub mod golden;
pub mod oracle;
pub mod stage;

use std::path::{Path, PathBuf};

pub use golden::Outcome;

/// The repository root (where `fixtures/` lives).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Every fixture source, sorted, as paths relative to the repository root.
pub fn fixtures() -> Vec<PathBuf> {
    let root = repo_root();
    let mut found = Vec::new();
    let mut dirs = vec![root.join("fixtures")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                found.push(
                    path.strip_prefix(&root)
                        .expect("under the root")
                        .to_path_buf(),
                );
            }
        }
    }
    found.sort();
    found
}

/// Run `taipan` in-process with `args`, capturing what it writes.
pub fn run_taipan(args: &[String]) -> Outcome {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut stdin: &[u8] = &[];
    let status = {
        let mut io = taipan::Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        };
        taipan::run(args, &mut io)
    };
    Outcome {
        status,
        stdout,
        stderr,
    }
}
