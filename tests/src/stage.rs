//! The stages, each compared with CPython 3.13: per fixture from committed goldens, and (command
//! stages) over the whole standard library.

use std::path::{Path, PathBuf};

use crate::golden::{Outcome, keep_last_stderr_line, normalize};
use crate::oracle::Oracle;

/// How a stage runs on each side.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// A `taipan` command line with a CPython twin: the module and arguments before the file,
    /// the same for `taipan` and `python3.13`.
    Command(&'static [&'static str]),
    /// An oracle-driver command (`oracle_driver.py` arguments before the file) beside a
    /// `taipan` command line (arguments before the file) that prints the same text: for
    /// outputs CPython has no command line for, such as the field dump of a compiled file.
    Driver {
        oracle: &'static [&'static str],
        taipan: &'static [&'static str],
    },
    /// What `ast.parse(source_bytes, NAME)` raises: the exception's class, message, the four
    /// position attributes and `text` (see [`crate::syntax`]). The oracle computes it in
    /// `oracle_driver.py`, Taipan in-process with [`taipan::check_syntax`].
    Syntax,
    /// Run the program: `taipan FILE` beside `python3.13 FILE`, compared on stdout, the last
    /// line of stderr and the exit status ([`crate::golden::keep_last_stderr_line`]).
    Run,
    /// Run the `.pyc` CPython wrote for the program (committed beside it as
    /// `NAME.cpython.pyc`, see [`cpython_pyc_path`]): `taipan NAME.cpython.pyc`, compared with
    /// the `run` stage's golden (CPython running the *source*). Tells VM bugs from compiler
    /// bugs. The oracle's side writes the `.pyc` (`py_compile`, unchecked-hash header) and runs
    /// it, and blessing checks that CPython's own run of it matches the `run` golden; tests
    /// never need CPython.
    RunPyc,
}

/// Which fixtures a stage has goldens for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every fixture.
    All,
    /// The invalid-syntax fixtures, `fixtures/invalid/<topic>/<name>.py`.
    Invalid,
    /// The fixtures that compile: all but the invalid-syntax ones.
    Valid,
    /// The program fixtures, `fixtures/programs/<topic>/<name>.py`: whole programs to run.
    Programs,
}

/// One stage of the pipeline.
#[derive(Clone, Copy, Debug)]
pub struct Stage {
    /// The golden files' extension (`fixtures/x/y.py` → `fixtures/x/y.tokens`).
    pub name: &'static str,
    pub kind: Kind,
    pub scope: Scope,
}

/// Every stage built so far, in pipeline order: the harness reports the first that differs.
pub const STAGES: &[Stage] = &[
    Stage {
        name: "tokens",
        kind: Kind::Command(&["-m", "tokenize", "-e"]),
        scope: Scope::All,
    },
    Stage {
        name: "ast",
        kind: Kind::Command(&["-m", "ast", "-a"]),
        scope: Scope::All,
    },
    Stage {
        name: "syntax",
        kind: Kind::Syntax,
        scope: Scope::Invalid,
    },
    Stage {
        name: "dis",
        kind: Kind::Command(&["-m", "dis"]),
        scope: Scope::Valid,
    },
    Stage {
        name: "code",
        kind: Kind::Driver {
            oracle: &["--code-dump"],
            taipan: &["-m", "dis", "--code-dump"],
        },
        scope: Scope::Valid,
    },
    Stage {
        name: "run",
        kind: Kind::Run,
        scope: Scope::Programs,
    },
    Stage {
        name: "run-pyc",
        kind: Kind::RunPyc,
        scope: Scope::Programs,
    },
];

/// **The switch for stages still being built.** Their fixture tests run in the normal test suite
/// but are reported as *ignored* (libtest-mimic), so CI stays green while they are expected to
/// fail; `cargo test -p taipan-snapshots --test fixtures -- --ignored` runs them, `cargo xtask
/// snap` and `cargo xtask syntax-report` measure them. Remove a stage from this list once its
/// fixtures pass: from then on a difference fails the build.
///
/// Empty since 2026-11-25: the `run` and `run-pyc` stages left it when all 262 program fixtures
/// gave CPython's output from source and from CPython's `.pyc`.
pub const STAGES_IN_PROGRESS: &[&str] = &[];

/// The most calls and backward jumps a program fixture may make under test (the largest
/// fixture makes a few hundred thousand).
pub const PROGRAM_STEP_LIMIT: u64 = 20_000_000;

/// A fixture whose output is known to differ from the oracle's in one stage, and why. Its test
/// is reported as ignored; `-- --ignored` runs it.
#[derive(Debug)]
pub struct KnownDifference {
    pub stage: &'static str,
    pub fixture: &'static str,
    pub cause: &'static str,
}

/// **Every fixture known to differ**, with its cause.
pub const KNOWN_DIFFERENCES: &[KnownDifference] = &[
    KnownDifference {
        stage: "ast",
        fixture: "fixtures/invalid/encoding/invalid_utf8_in_bytes_literal.py",
        cause: "CPython counts the error's end in raw bytes of an undecodable line but converts it \
                with the line re-encoded from its replacement characters; Taipan works on the \
                decoded text, so the end offset differs by the extra bytes of each U+FFFD",
    },
    KnownDifference {
        stage: "syntax",
        fixture: "fixtures/invalid/encoding/invalid_utf8_in_bytes_literal.py",
        cause: "as for the `ast` stage: the end offset of an error on an undecodable line",
    },
];

/// The recorded cause, if `fixture` is a known difference of `stage`.
pub fn known_difference(stage: &str, fixture: &std::path::Path) -> Option<&'static str> {
    KNOWN_DIFFERENCES
        .iter()
        .find(|k| k.stage == stage && std::path::Path::new(k.fixture) == fixture)
        .map(|k| k.cause)
}

/// Where the invalid-syntax fixtures live, relative to the repository root.
pub const INVALID_FIXTURES: &str = "fixtures/invalid";

/// Where the program fixtures live, relative to the repository root.
pub const PROGRAM_FIXTURES: &str = "fixtures/programs";

/// The `.pyc` CPython wrote for a program fixture, committed beside it:
/// `fixtures/programs/t/name.py` → `fixtures/programs/t/name.cpython.pyc`.
pub fn cpython_pyc_path(fixture: &Path) -> PathBuf {
    golden_home(fixture, "cpython.pyc")
}

/// Where a fixture's file with extension `extension` lives: beside it, but for an example
/// program (`examples/NAME.py`) in `tests/golden/examples/NAME.EXTENSION`.
pub fn golden_home(fixture: &Path, extension: &str) -> PathBuf {
    if fixture.starts_with(crate::EXAMPLES)
        && let Some(stem) = fixture.file_stem()
    {
        return Path::new("tests/golden/examples")
            .join(stem)
            .with_extension(extension);
    }
    fixture.with_extension(extension)
}

/// Whether `fixture` is a program that runs (a program fixture or an example program).
pub fn is_program(fixture: &Path) -> bool {
    fixture.starts_with(PROGRAM_FIXTURES) || fixture.starts_with(crate::EXAMPLES)
}

/// For a program fixture: its `run` golden and CPython's `.pyc` are there, and the `.pyc` was
/// compiled from the source as it is now (its unchecked-hash header holds the source's hash).
/// Checked by an always-run test, since the run stages' own tests are ignored while in progress:
/// an edited program without a fresh bless fails here.
pub fn check_program_files(fixture: &Path) -> Result<(), String> {
    let run = golden_home(fixture, "run");
    let golden = std::fs::read(&run).map_err(|e| format!("{}: {e}", run.display()))?;
    Outcome::from_golden(&golden).map_err(|e| format!("{}: {e}", run.display()))?;
    let source = std::fs::read(fixture).map_err(|e| format!("{}: {e}", fixture.display()))?;
    let pyc_path = cpython_pyc_path(fixture);
    let pyc = std::fs::read(&pyc_path).map_err(|e| format!("{}: {e}", pyc_path.display()))?;
    let expected = taipan_pyc::PycHeader::hash(&source, false).to_bytes();
    if pyc.get(..expected.len()) != Some(&expected[..]) {
        return Err(format!(
            "{}: not CPython 3.13's unchecked-hash .pyc of the current source (run `cargo xtask \
             bless {}`)",
            pyc_path.display(),
            fixture.display()
        ));
    }
    Ok(())
}

impl Stage {
    /// The stage called `name`.
    pub fn named(name: &str) -> Option<Stage> {
        STAGES.iter().copied().find(|s| s.name == name)
    }

    /// Listed in [`STAGES_IN_PROGRESS`].
    pub fn in_progress(&self) -> bool {
        STAGES_IN_PROGRESS.contains(&self.name)
    }

    /// Whether `fixture` (relative to the repository root) has a golden for this stage.
    pub fn applies_to(&self, fixture: &Path) -> bool {
        if fixture.starts_with(crate::EXAMPLES) {
            // The example programs are checked by running them, not stage by stage.
            return self.scope == Scope::Programs;
        }
        match self.scope {
            Scope::All => true,
            Scope::Invalid => fixture.starts_with(INVALID_FIXTURES),
            Scope::Valid => !fixture.starts_with(INVALID_FIXTURES),
            Scope::Programs => fixture.starts_with(PROGRAM_FIXTURES),
        }
    }

    /// The command line's arguments for a command stage.
    pub fn args(&self) -> Option<&'static [&'static str]> {
        match self.kind {
            Kind::Command(args) => Some(args),
            Kind::Driver { .. } | Kind::Syntax | Kind::Run | Kind::RunPyc => None,
        }
    }

    /// The arguments after `python3`/`taipan` for `file` (a command stage), or what the oracle
    /// driver takes (`--syntax FILE`).
    pub fn command(&self, file: &Path) -> Vec<String> {
        let file = file.to_string_lossy().into_owned();
        match self.kind {
            Kind::Command(args) => {
                let mut command: Vec<String> = args.iter().map(|s| s.to_string()).collect();
                command.push(file);
                command
            }
            Kind::Driver { oracle, .. } => {
                let mut command: Vec<String> = oracle.iter().map(|s| s.to_string()).collect();
                command.push(file);
                command
            }
            Kind::Syntax => vec!["--syntax".to_owned(), file],
            // `-B`: the modules a program imports are not cached beside the fixtures (these
            // machines set PYTHONDONTWRITEBYTECODE; a run elsewhere may not).
            Kind::Run => vec!["-B".to_owned(), file],
            Kind::RunPyc => vec![
                "-B".to_owned(),
                cpython_pyc_path(Path::new(&file))
                    .to_string_lossy()
                    .into_owned(),
            ],
        }
    }

    /// Where the golden for `fixture` lives. `run-pyc` shares the `run` golden: running
    /// CPython's `.pyc` must do what running the source does.
    pub fn golden_path(&self, fixture: &Path) -> PathBuf {
        match self.kind {
            Kind::RunPyc => golden_home(fixture, "run"),
            _ => golden_home(fixture, self.name),
        }
    }

    /// Taipan's outcome for `file` (relative to the current directory), in-process, normalised.
    pub fn run_taipan(&self, file: &Path) -> Outcome {
        self.compared_part(normalize(match self.kind {
            Kind::Command(_) => crate::run_taipan(&self.command(file)),
            // A program that would never end stops with a RuntimeError (and fails its test)
            // instead of hanging the test run.
            Kind::Run | Kind::RunPyc => {
                crate::run_taipan_limited(&self.command(file), Some(PROGRAM_STEP_LIMIT))
            }
            Kind::Driver { taipan, .. } => {
                let mut command: Vec<String> = taipan.iter().map(|s| s.to_string()).collect();
                command.push(file.to_string_lossy().into_owned());
                crate::run_taipan(&command)
            }
            Kind::Syntax => crate::syntax::taipan(file),
        }))
    }

    /// The oracle's outcome for `file` (relative to `cwd`), as a separate process, normalised.
    /// For `run-pyc`, CPython first compiles `file` to its `.pyc` (written beside it).
    pub fn run_oracle(&self, oracle: &Oracle, file: &Path, cwd: &Path) -> Result<Outcome, String> {
        let outcome = match self.kind {
            Kind::Command(_) | Kind::Run => oracle.run(&self.command(file), cwd)?,
            Kind::RunPyc => {
                oracle.write_pyc(file, &cpython_pyc_path(file), cwd)?;
                oracle.run(&self.command(file), cwd)?
            }
            Kind::Driver { .. } | Kind::Syntax => oracle.run_driver(&self.command(file), cwd)?,
        };
        Ok(self.compared_part(normalize(outcome)))
    }

    /// What of a normalised outcome the stage compares: all of it, but for the run stages only
    /// the last line of stderr.
    fn compared_part(&self, outcome: Outcome) -> Outcome {
        match self.kind {
            Kind::Run | Kind::RunPyc => keep_last_stderr_line(outcome),
            Kind::Command(_) | Kind::Driver { .. } | Kind::Syntax => outcome,
        }
    }

    /// Whether blessing writes this stage's golden. `run-pyc` writes the `.pyc` instead (in
    /// [`Stage::run_oracle`]) and checks its outcome against the `run` golden the `run` stage
    /// writes ([`Stage::check_pyc_run`]).
    pub fn writes_golden(&self) -> bool {
        !matches!(self.kind, Kind::RunPyc)
    }

    /// For `run-pyc` at bless time: CPython's run of its own `.pyc` (`pyc_outcome`) must equal
    /// its run of the source, or the shared golden would not fit both. `Err` says how they differ.
    pub fn check_pyc_run(
        oracle: &Oracle,
        fixture: &Path,
        pyc_outcome: &Outcome,
        cwd: &Path,
    ) -> Result<(), String> {
        let source = STAGES
            .iter()
            .find(|s| matches!(s.kind, Kind::Run))
            .ok_or("no run stage")?
            .run_oracle(oracle, fixture, cwd)?;
        match source.diff(pyc_outcome) {
            None => Ok(()),
            Some(diff) => Err(format!(
                "{}: CPython running its .pyc differs from running the source:\n{diff}",
                fixture.display()
            )),
        }
    }
}
