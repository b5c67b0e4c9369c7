//! The compiler over CPython's standard library: every `.py` file (tests included,
//! `site-packages` left out) at optimisation levels 0, 1 and 2, against the oracle.
//!
//! For each file and level Taipan (in-process, [`taipan::compile::compile_source`]) compiles the
//! source as `compile(source_bytes, PATH, "exec", optimize=LEVEL)` does and writes the code
//! object as a `.pyc` to a scratch file, or its error line to a `.err` file. The oracle driver
//! (`--code FILE LEVEL OURS`) compiles the same source with CPython, loads Taipan's `.pyc` with
//! `marshal`, and says `equal` when the two code objects are `==` and their field dumps
//! (which also cover what `==` skips) are identical, or when both raise the same error. In those
//! dumps frozenset constants list their items sorted: the order a frozenset iterates in is not
//! part of code-object equality, and a trip through marshal changes it (marshal sorts items by
//! their marshalled bytes, which depend on CPython's reference counts). `-m dis` conformance
//! shows the iteration order, and the fixtures' code dumps too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::golden::first_difference;
use crate::oracle::Oracle;

/// The optimisation levels measured.
pub const LEVELS: [i32; 3] = [0, 1, 2];

/// The outcome of one run.
#[derive(Clone, Debug, Default)]
pub struct CodeReport {
    pub oracle_version: String,
    /// Files per level.
    pub total: usize,
    /// Equal code objects (or the same error), per level.
    pub equal: [usize; 3],
    /// Per level, the files that differ with their first difference.
    pub differing: [Vec<(String, String)>; 3],
}

/// Where the committed report lives.
pub fn report_path() -> PathBuf {
    crate::repo_root().join("conformance").join("code.md")
}

/// Taipan's side: compiles `file` at `level`, writes `scratch.pyc` or `scratch.err`; returns
/// the path written.
pub fn taipan_compile(file: &Path, level: i32, scratch: &Path) -> PathBuf {
    let name = file.to_string_lossy().into_owned();
    let bytes = std::fs::read(file).unwrap_or_default();
    match taipan::compile::compile_source(&bytes, &name, level) {
        Ok(compiled) => {
            let pyc = taipan_pyc::Pyc {
                header: taipan_pyc::PycHeader::timestamp(0, bytes.len() as u64),
                code: compiled.code,
            };
            let path = scratch.with_extension("pyc");
            match taipan_pyc::try_write_pyc(&pyc) {
                Ok(data) => {
                    let _ = std::fs::write(&path, data);
                    path
                }
                Err(e) => write_error(scratch, &format!("taipan: marshal: {e}")),
            }
        }
        Err(failure) => {
            let e = &failure.exception;
            let line = match &e.syntax {
                Some(s) => format!(
                    "{}: {} (line {}, offset {})",
                    e.type_name,
                    e.message,
                    s.lineno.map_or("None".to_owned(), |n| n.to_string()),
                    s.offset.map_or("None".to_owned(), |n| n.to_string())
                ),
                None => format!("{}: {}", e.type_name, e.message),
            };
            write_error(scratch, &line)
        }
    }
}

fn write_error(scratch: &Path, line: &str) -> PathBuf {
    let path = scratch.with_extension("err");
    let _ = std::fs::write(&path, format!("{line}\n"));
    path
}

/// Run over `files` at every level, one oracle process per core. `progress` is called once per
/// file and level.
pub fn run(
    oracle: &Oracle,
    root: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn() + Sync),
) -> Result<CodeReport, String> {
    let scratch = std::env::temp_dir().join(format!("taipan-code-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let jobs: Vec<(usize, i32)> = LEVELS
        .iter()
        .flat_map(|&level| (0..files.len()).map(move |i| (i, level)))
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);
    let chunk = jobs.len().div_ceil(workers).max(1);
    type One = (usize, i32, Option<String>);
    let results: Result<Vec<One>, String> = std::thread::scope(|scope| {
        let runs: Vec<_> = jobs
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                let scratch = &scratch;
                scope.spawn(move || -> Result<Vec<One>, String> {
                    // Taipan writes each result just before the oracle is asked about it, in
                    // batches, so that scratch space stays small.
                    let mut done = Vec::with_capacity(part.len());
                    for batch in part.chunks(64) {
                        let ours: Vec<PathBuf> = batch
                            .iter()
                            .enumerate()
                            .map(|(k, &(i, level))| {
                                let base = scratch.join(format!("{n}-{k}"));
                                taipan_compile(&files[i], level, &base)
                            })
                            .collect();
                        let commands: Vec<Vec<String>> = batch
                            .iter()
                            .zip(&ours)
                            .map(|(&(i, level), ours)| {
                                vec![
                                    "--code".to_owned(),
                                    files[i].to_string_lossy().into_owned(),
                                    level.to_string(),
                                    ours.to_string_lossy().into_owned(),
                                ]
                            })
                            .collect();
                        oracle.run_many(&commands, root, &mut |k, outcome| {
                            progress();
                            let text = String::from_utf8_lossy(&outcome.stdout).into_owned();
                            let (i, level) = batch[k];
                            let difference = if text.starts_with("equal\n") {
                                None
                            } else {
                                Some(describe(&text, &outcome.stderr))
                            };
                            done.push((i, level, difference));
                        })?;
                        for path in &ours {
                            let _ = std::fs::remove_file(path);
                        }
                    }
                    Ok(done)
                })
            })
            .collect();
        let mut all = Vec::new();
        for run in runs {
            all.extend(run.join().expect("conformance thread")?);
        }
        Ok(all)
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let mut results = results?;
    results.sort_by_key(|r| (r.1, r.0));
    let mut report = CodeReport {
        oracle_version: oracle.version.clone(),
        total: files.len(),
        ..CodeReport::default()
    };
    for (i, level, difference) in results {
        let slot = level as usize;
        match difference {
            None => report.equal[slot] += 1,
            Some(detail) => {
                let name = files[i].strip_prefix(root).unwrap_or(&files[i]);
                report.differing[slot].push((name.to_string_lossy().into_owned(), detail));
            }
        }
    }
    Ok(report)
}

/// The first difference between the oracle's and Taipan's dumps in the driver's answer.
fn describe(text: &str, stderr: &[u8]) -> String {
    match text
        .split_once("-- cpython\n")
        .and_then(|(_, rest)| rest.split_once("-- taipan\n"))
    {
        Some((want, got)) => first_difference(want.as_bytes(), got.as_bytes()),
        None => format!(
            "the oracle driver failed:\n{}{}",
            text,
            String::from_utf8_lossy(stderr)
        ),
    }
}

impl CodeReport {
    /// The committed Markdown report: figures per level, then the differing files (the first
    /// `listed` of each level, to keep the report readable).
    pub fn to_markdown(&self, known_causes: &str, listed: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Conformance: the compiler (`code`)\n");
        let _ = writeln!(
            out,
            "Every `.py` file of CPython {}'s standard library (tests included, `site-packages` \
             left out), compiled by Taipan at each optimisation level, written as a `.pyc`, loaded \
             by CPython and compared with `compile(source_bytes, PATH, \"exec\", optimize=LEVEL)`: \
             equal means `==` and an identical dump of every field of every code object (or the \
             same compile error: CPython rejects 5 of the files). In the dumps, frozenset \
             constants list their items sorted (their iteration order is not part of code-object \
             equality, and a trip through marshal changes it). Written by `cargo xtask \
             conformance code`; do not edit by hand.\n",
            self.oracle_version
        );
        for (slot, level) in LEVELS.iter().enumerate() {
            let _ = writeln!(
                out,
                "level {level}: {} / {} equal",
                self.equal[slot], self.total
            );
        }
        for (slot, level) in LEVELS.iter().enumerate() {
            let differing = &self.differing[slot];
            let _ = writeln!(
                out,
                "\n## Level {level}: {} files differ\n",
                differing.len()
            );
            for (name, detail) in differing.iter().take(listed) {
                let _ = writeln!(out, "### `{name}`\n\n```\n{detail}```\n");
            }
            if differing.len() > listed {
                let _ = writeln!(out, "… and {} more.\n", differing.len() - listed);
            }
        }
        if !known_causes.trim().is_empty() {
            let _ = writeln!(out, "\n## Known causes\n\n{}", known_causes.trim());
        }
        out
    }
}

/// The committed figures of a report: equal files at levels 0, 1, 2.
pub fn committed_figures(report: &str) -> Option<[usize; 3]> {
    let mut figures = [0; 3];
    for (slot, level) in LEVELS.iter().enumerate() {
        let prefix = format!("level {level}: ");
        let line = report.lines().find(|l| l.starts_with(&prefix))?;
        figures[slot] = line[prefix.len()..].split(' ').next()?.parse().ok()?;
    }
    Some(figures)
}
