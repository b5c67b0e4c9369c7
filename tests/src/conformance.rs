//! A stage run over CPython's whole standard library against the oracle, and the committed
//! report of it (`conformance/STAGE.md`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// Run `stage` (a command stage) on `files` under the oracle and in-process Taipan, comparing
/// stdout, stderr and exit status (both normalised, see [`crate::golden::normalize`]).
/// `progress` is called twice per file (oracle, Taipan).
///
/// The files are split into one chunk per core; each chunk has its own oracle process (the
/// driver), and its thread runs Taipan on each file as the oracle's answer for it arrives, so
/// only the differences are kept in memory (the `ast` stage prints gigabytes).
pub fn run(
    stage: &Stage,
    oracle: &Oracle,
    root: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn() + Sync),
) -> Result<Report, String> {
    if stage.args().is_none() {
        return Err(format!(
            "stage {} is not a command line: no conformance run",
            stage.name
        ));
    }
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);
    let chunk = files.len().div_ceil(workers).max(1);

    /// One file's comparison: its index, whether the oracle rejected it, the difference if any.
    type Compared = (usize, bool, Option<String>);
    let compared: Vec<Compared> = std::thread::scope(|scope| {
        let runs: Vec<_> = files
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                scope.spawn(move || -> Result<Vec<Compared>, String> {
                    let commands: Vec<Vec<String>> =
                        part.iter().map(|f| stage.command(f)).collect();
                    let mut done = Vec::with_capacity(part.len());
                    oracle.run_many(&commands, root, &mut |i, want| {
                        progress();
                        let want = crate::golden::normalize(want);
                        let got = stage.run_taipan(&part[i]);
                        progress();
                        done.push((n * chunk + i, want.status != 0, describe(&want, &got)));
                    })?;
                    Ok(done)
                })
            })
            .collect();
        let mut all = Vec::with_capacity(files.len());
        for run in runs {
            all.extend(run.join().expect("conformance thread")?);
        }
        Ok::<_, String>(all)
    })?;

    let mut report = Report {
        stage: stage.name,
        oracle_version: oracle.version.clone(),
        total: files.len(),
        identical: 0,
        differing: Vec::new(),
        rejected_by_oracle: Vec::new(),
    };
    let mut compared = compared;
    compared.sort_by_key(|&(i, _, _)| i);
    for (i, rejected, difference) in compared {
        let file = &files[i];
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        if rejected {
            report.rejected_by_oracle.push(name.clone());
        }
        match difference {
            None => report.identical += 1,
            Some(detail) => report.differing.push((name, detail)),
        }
    }
    Ok(report)
}

/// How `got` differs from `want`, in a few lines, or `None`.
fn describe(want: &crate::Outcome, got: &crate::Outcome) -> Option<String> {
    want.diff(got)?;
    Some(if want.status != got.status {
        format!(
            "exit status {} (oracle) vs {} (taipan)\n",
            want.status, got.status
        )
    } else if want.stdout != got.stdout {
        first_difference(&want.stdout, &got.stdout)
    } else {
        first_difference(&want.stderr, &got.stderr)
    })
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
            stage.args().unwrap_or_default().join(" "),
            stage.args().unwrap_or_default().join(" "),
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
