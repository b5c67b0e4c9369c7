//! A stage run over CPython's whole standard library against the oracle, and the committed
//! report of it (`conformance/STAGE.md`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::golden::first_difference;
use crate::oracle::Oracle;
use crate::stage::Stage;

/// The outcome of one conformance run.
#[derive(Clone, Debug)]
pub struct Report {
    pub stage: &'static str,
    pub oracle_version: String,
    pub total: usize,
    pub identical: usize,
    /// Files that differ (relative to the standard library), each with its first difference.
    pub differing: Vec<(String, String)>,
    /// Files the oracle itself rejects (exit status not 0), all handled identically or not.
    pub rejected_by_oracle: Vec<String>,
}

/// Where the committed report for `stage` lives.
pub fn report_path(stage: &Stage) -> PathBuf {
    crate::repo_root()
        .join("conformance")
        .join(format!("{}.md", stage.name))
}

/// Run `stage` on `files` under the oracle and in-process Taipan, comparing stdout, stderr and
/// exit status. `progress` is called once per file and side.
pub fn run(
    stage: &Stage,
    oracle: &Oracle,
    root: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn() + Sync),
) -> Result<Report, String> {
    let commands: Vec<Vec<String>> = files.iter().map(|f| stage.command(f)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);
    let chunk = commands.len().div_ceil(workers).max(1);

    // The oracle in its own threads (one interpreter per chunk), Taipan in the others.
    let next = AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<crate::Outcome>>> =
        commands.iter().map(|_| Default::default()).collect();
    let expected = std::thread::scope(|scope| {
        let oracle_runs: Vec<_> = commands
            .chunks(chunk)
            .map(|part| scope.spawn(move || oracle.run_many(part, root, progress)))
            .collect();
        let taipan_runs: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= commands.len() {
                            break;
                        }
                        let outcome = crate::run_taipan(&commands[i]);
                        *slots[i].lock().expect("not poisoned") = Some(outcome);
                        progress();
                    }
                })
            })
            .collect();
        let mut expected = Vec::with_capacity(commands.len());
        let mut failure = None;
        for run in oracle_runs {
            match run.join().expect("oracle thread") {
                Ok(part) => expected.extend(part),
                Err(e) => failure = Some(e),
            }
        }
        for run in taipan_runs {
            run.join().expect("taipan thread");
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(expected),
        }
    })?;
    let actual: Vec<crate::Outcome> = slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .expect("not poisoned")
                .expect("every file ran")
        })
        .collect();

    let mut report = Report {
        stage: stage.name,
        oracle_version: oracle.version.clone(),
        total: files.len(),
        identical: 0,
        differing: Vec::new(),
        rejected_by_oracle: Vec::new(),
    };
    for ((file, want), got) in files.iter().zip(&expected).zip(&actual) {
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        if want.status != 0 {
            report.rejected_by_oracle.push(name.clone());
        }
        match want.diff(got) {
            None => report.identical += 1,
            Some(_) => {
                let detail = if want.status != got.status {
                    format!(
                        "exit status {} (oracle) vs {} (taipan)",
                        want.status, got.status
                    )
                } else if want.stdout != got.stdout {
                    first_difference(&want.stdout, &got.stdout)
                } else {
                    first_difference(&want.stderr, &got.stderr)
                };
                report.differing.push((name, detail));
            }
        }
    }
    Ok(report)
}

impl Report {
    /// The committed Markdown report.
    pub fn to_markdown(&self, stage: &Stage, known_causes: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Conformance: the `{}` stage\n", self.stage);
        let _ = writeln!(
            out,
            "`taipan {} FILE` against `python3 {} FILE` (CPython {}) over every `.py` file of the \
             oracle's standard library (`site-packages` left out): stdout, stderr and exit status \
             must be identical. Written by `cargo xtask conformance {}`; do not edit by hand.\n",
            stage.args.join(" "),
            stage.args.join(" "),
            self.oracle_version,
            self.stage
        );
        let _ = writeln!(out, "identical: {} / {}\n", self.identical, self.total);
        let _ = writeln!(
            out,
            "The oracle itself rejects {} of them (exit status 1); they count as identical only when \
             Taipan fails the same way, message and position included:\n",
            self.rejected_by_oracle.len()
        );
        for name in &self.rejected_by_oracle {
            let _ = writeln!(out, "- `{name}`");
        }
        let _ = writeln!(out, "\n## Differences\n");
        if self.differing.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for (name, detail) in &self.differing {
            let _ = writeln!(out, "### `{name}`\n\n```\n{}```\n", detail);
        }
        if !known_causes.trim().is_empty() {
            let _ = writeln!(out, "\n## Known causes\n\n{}", known_causes.trim());
        }
        out
    }
}

/// The `identical: N / M` figure of a committed report.
pub fn committed_figure(markdown: &str) -> Option<(usize, usize)> {
    let line = markdown.lines().find(|l| l.starts_with("identical: "))?;
    let (a, b) = line["identical: ".len()..].split_once(" / ")?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// The hand-written "Known causes" section of a committed report, kept across regenerations.
pub fn known_causes(markdown: &str) -> String {
    markdown
        .split_once("\n## Known causes\n")
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_default()
}
