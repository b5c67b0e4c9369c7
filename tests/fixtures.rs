//! One test per fixture and stage: Taipan's output must equal the committed oracle golden.
//! Needs no oracle. `cargo xtask bless` writes the goldens; `cargo xtask snap` shows diffs.
//! The `run` and `run-pyc` stages run the program fixtures in-process (`taipan::run`), so a
//! program's `SystemExit` must come back as a status, never end the test process.
//!
//! The fixture tests of stages listed in `STAGES_IN_PROGRESS`, and the fixtures listed in
//! `KNOWN_DIFFERENCES` (each with its cause), are reported as ignored; run them with
//! `-- --ignored`.

use libtest_mimic::{Arguments, Failed, Trial};
use taipan_snapshots::stage::{STAGES, check_program_files, is_program};
use taipan_snapshots::{Outcome, fixtures, repo_root};

fn main() {
    let args = Arguments::from_args();
    // Fixture paths (and so error messages) are relative to the repository root, as the goldens.
    std::env::set_current_dir(repo_root()).expect("the repository root exists");
    let mut trials = Vec::new();
    for fixture in fixtures() {
        for stage in STAGES.iter().filter(|s| s.applies_to(&fixture)) {
            let golden_path = stage.golden_path(&fixture);
            let name = format!("{}::{}", stage.name, fixture.with_extension("").display());
            let known = taipan_snapshots::stage::known_difference(stage.name, &fixture).is_some();
            let fixture = fixture.clone();
            let trial = Trial::test(name, move || {
                let bytes = std::fs::read(&golden_path).map_err(|e| {
                    Failed::from(format!(
                        "{}: {e} (run `cargo xtask bless`)",
                        golden_path.display()
                    ))
                })?;
                let expected = Outcome::from_golden(&bytes).map_err(Failed::from)?;
                let actual = stage.run_taipan(&fixture);
                match expected.diff(&actual) {
                    None => Ok(()),
                    Some(report) => Err(Failed::from(report)),
                }
            });
            trials.push(trial.with_ignored_flag(stage.in_progress() || known));
        }
    }
    // The run stages' files, checked even while those stages are in progress.
    for fixture in fixtures().into_iter().filter(|f| is_program(f)) {
        let name = format!("program-files::{}", fixture.with_extension("").display());
        trials.push(Trial::test(name, move || {
            check_program_files(&fixture).map_err(Failed::from)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
