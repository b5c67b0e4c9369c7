//! The stages, each a `taipan` command line whose output must equal CPython 3.13's.

use std::path::Path;

/// One stage of the pipeline as seen from the command line.
#[derive(Clone, Copy, Debug)]
pub struct Stage {
    /// The golden files' extension (`fixtures/x/y.py` → `fixtures/x/y.tokens`).
    pub name: &'static str,
    /// The module and arguments before the file: the same for `taipan` and `python3.13`.
    pub args: &'static [&'static str],
}

/// Every stage built so far, in pipeline order: the harness reports the first that differs.
pub const STAGES: &[Stage] = &[Stage {
    name: "tokens",
    args: &["-m", "tokenize", "-e"],
}];

impl Stage {
    /// The stage called `name`.
    pub fn named(name: &str) -> Option<Stage> {
        STAGES.iter().copied().find(|s| s.name == name)
    }

    /// The full argument list for `file`.
    pub fn command(&self, file: &Path) -> Vec<String> {
        let mut args: Vec<String> = self.args.iter().map(|s| s.to_string()).collect();
        args.push(file.to_string_lossy().into_owned());
        args
    }

    /// Where the golden for `fixture` lives.
    pub fn golden_path(&self, fixture: &Path) -> std::path::PathBuf {
        fixture.with_extension(self.name)
    }
}
