//! # taipan-snapshots: the per-stage snapshot harness
//!
//! **For:** checking every stage of Taipan against CPython 3.13, the oracle. It owns the one
//! golden mechanism ([`golden`]), the list of stages and how each is run ([`stage`]), the one
//! place that knows how to run the oracle ([`oracle`]), and the standard-library conformance
//! runs ([`conformance`]). `cargo xtask snap|bless|conformance` and the test suite both use it.
//! **Not for:** anything a user of Taipan runs.
//!
//! A *stage* is a command line of `taipan` that has a CPython twin with identical output (for
//! the tokens stage, `-m tokenize -e FILE`; for the ast stage, `-m ast -a FILE`), or the
//! `syntax` pseudo-stage ([`syntax`]: what `ast.parse` raises, for the invalid-syntax fixtures),
//! or a *run* stage for the program fixtures (`fixtures/programs/`): `run` runs `taipan FILE`
//! beside `python3.13 FILE`, and `run-pyc` runs the `.pyc` CPython wrote for the program
//! (committed beside it) against the same golden; both compare stdout, the last line of stderr
//! and the exit status ([`golden::keep_last_stderr_line`]).
//! A *golden* is the oracle's stdout, stderr and exit status for one fixture and one stage,
//! committed beside the fixture as `NAME.STAGE`; both sides pass through one normalisation
//! ([`golden::normalize`]: Python traceback frames dropped). The test suite runs Taipan
//! in-process on each fixture and compares with the golden; it never needs the oracle. Adding a
//! stage means adding one entry to [`stage::STAGES`]; a stage still being built is listed in
//! [`stage::STAGES_IN_PROGRESS`] (its fixture tests are reported as ignored).

pub mod code_conformance;
pub mod conformance;
pub mod facts;
pub mod golden;
pub mod oracle;
pub mod pyc_conformance;
pub mod stage;
pub mod syntax;

use std::path::{Path, PathBuf};

pub use golden::Outcome;

/// The repository root (where `fixtures/` lives).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Every file under `dir` whose name ends with `suffix`, sorted, skipping directories named in
/// `skip`. The one directory walk of the harness (fixtures, the standard library, tidy checks).
pub fn files_under(dir: &Path, suffix: &str, skip: &[&str]) -> Vec<PathBuf> {
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

/// The README's example programs: each is a program fixture (the `run` and `run-pyc` stages),
/// with its goldens in `tests/golden/examples/` so that `examples/` holds only the programs.
pub const EXAMPLES: &str = "examples";

/// Every fixture source, sorted, as paths relative to the repository root: `fixtures/`, then
/// the example programs (`examples/*.py`). Under
/// `fixtures/programs/` a fixture is a file directly in a topic folder: the folders below a
/// topic hold the packages and modules its programs import (`fixtures/programs/imports/`),
/// which are not programs of their own.
pub fn fixtures() -> Vec<PathBuf> {
    let root = repo_root();
    files_under(&root.join("fixtures"), ".py", &[])
        .into_iter()
        .map(|path| {
            path.strip_prefix(&root)
                .expect("under the root")
                .to_path_buf()
        })
        .filter(|path| !is_program_support(path))
        .chain(
            files_under(&root.join(EXAMPLES), ".py", &[])
                .into_iter()
                .filter_map(|path| path.strip_prefix(&root).ok().map(Path::to_path_buf)),
        )
        .collect()
}

/// `fixtures/programs/<topic>/<folder>/…`: a module that program fixtures import.
fn is_program_support(path: &Path) -> bool {
    path.starts_with(crate::stage::PROGRAM_FIXTURES) && path.components().count() > 4
}

/// Run `taipan` in-process with `args`, capturing what it writes.
pub fn run_taipan(args: &[String]) -> Outcome {
    run_taipan_limited(args, None)
}

/// [`run_taipan`] with a program step limit (see `taipan::run_limited`).
pub fn run_taipan_limited(args: &[String], step_limit: Option<u64>) -> Outcome {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut stdin: &[u8] = &[];
    let status = {
        let mut io = taipan::Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        };
        taipan::run_limited(args, &mut io, step_limit)
    };
    Outcome {
        status,
        stdout,
        stderr,
    }
}
