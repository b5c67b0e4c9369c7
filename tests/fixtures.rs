//! One test per fixture and stage: Taipan's output must equal the committed oracle golden.
//! Needs no oracle. `cargo xtask bless` writes the goldens; `cargo xtask snap` shows diffs.

use libtest_mimic::{Arguments, Failed, Trial};
use taipan_snapshots::{Outcome, fixtures, repo_root, run_taipan, stage::STAGES};

fn main() {
    let args = Arguments::from_args();
    // Fixture paths (and so error messages) are relative to the repository root, as the goldens.
    std::env::set_current_dir(repo_root()).expect("the repository root exists");
    let mut trials = Vec::new();
    for fixture in fixtures() {
        for stage in STAGES {
            let golden_path = stage.golden_path(&fixture);
            let name = format!("{}::{}", stage.name, fixture.with_extension("").display());
            let fixture = fixture.clone();
            trials.push(Trial::test(name, move || {
                let bytes = std::fs::read(&golden_path).map_err(|e| {
                    Failed::from(format!(
                        "{}: {e} (run `cargo xtask bless`)",
                        golden_path.display()
                    ))
                })?;
                let expected = Outcome::from_golden(&bytes).map_err(Failed::from)?;
                let actual = run_taipan(&stage.command(&fixture));
                match expected.diff(&actual) {
                    None => Ok(()),
                    Some(report) => Err(Failed::from(report)),
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
