//! The `pyc` stage over CPython's standard library: every `.pyc` file CPython 3.13 wrote for it
//! (plain, `opt-1`, `opt-2`; `site-packages` left out), against the oracle.
//!
//! For each file, Taipan (in-process, through the `taipan` command line):
//! 1. reads it (`taipan_pyc::read_pyc`) and writes it back (`write_pyc`) to a scratch file;
//! 2. disassembles it (`taipan -m dis FILE.pyc`, and with `-C -O`: caches and offsets shown) and
//!    dumps its header and every field of every code object (`taipan -m dis --code-dump FILE.pyc`).
//!
//! The oracle driver (`--pyc --both FILE REWRITTEN`) prints `dis.dis(marshal.loads(data[16:]))`
//! (plain, then with `show_caches` and `show_offsets`), the
//! same header and field dump from CPython's own code object, and whether CPython loads the
//! rewritten file as an equal code object (`==`, and equal field by field). A file is
//! identical when all three texts are.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::golden::{first_difference, hide_addresses};
use crate::oracle::Oracle;

/// The outcome of one run.
#[derive(Clone, Debug, Default)]
pub struct PycReport {
    pub oracle_version: String,
    pub total: usize,
    /// Read without error by Taipan.
    pub read: usize,
    /// Rewritten by Taipan and loaded by CPython as an equal code object.
    pub round_trip: usize,
    /// `dis` text identical, plain and with `-C -O`.
    pub dis: usize,
    /// Header and field dump identical.
    pub dump: usize,
    /// All of the above.
    pub identical: usize,
    /// Files that differ, with their first difference.
    pub differing: Vec<(String, String)>,
}

/// Where the committed report lives.
pub fn report_path() -> PathBuf {
    crate::repo_root().join("conformance").join("pyc.md")
}

const REWRITTEN_EQUAL: &str = "-- rewritten: equal\n";

/// Taipan reads `file` and writes it back to `scratch`: (read, written).
fn rewrite(file: &Path, scratch: &Path) -> (bool, bool) {
    let bytes = std::fs::read(file).unwrap_or_default();
    match taipan_pyc::read_pyc(&bytes) {
        Ok(pyc) => (
            true,
            std::fs::write(scratch, taipan_pyc::write_pyc(&pyc)).is_ok(),
        ),
        Err(_) => (false, false),
    }
}

/// Taipan's side for one file: the text the oracle driver prints when all is well (without the
/// rewritten-file verdict unless `written`).
pub fn taipan_text(file: &Path, written: bool) -> String {
    let arg = file.to_string_lossy().into_owned();
    let dis = crate::run_taipan(&["-m".into(), "dis".into(), arg.clone()]);
    let variant = crate::run_taipan(&["-m".into(), "dis".into(), "-CO".into(), arg.clone()]);
    let dump = crate::run_taipan(&["-m".into(), "dis".into(), "--code-dump".into(), arg]);
    let mut text = String::from_utf8_lossy(&dis.stdout).into_owned();
    text.push_str("-- dis -C -O\n");
    text.push_str(&String::from_utf8_lossy(&variant.stdout));
    text.push_str(&String::from_utf8_lossy(&dump.stdout));
    if written {
        text.push_str(REWRITTEN_EQUAL);
    }
    text
}

/// Run over `files`, one oracle process per core. `progress` is called once per file.
pub fn run(
    oracle: &Oracle,
    root: &Path,
    files: &[PathBuf],
    progress: &(dyn Fn() + Sync),
) -> Result<PycReport, String> {
    let scratch = std::env::temp_dir().join(format!("taipan-pyc-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);
    let chunk = files.len().div_ceil(workers).max(1);
    type One = (usize, bool, bool, bool, bool, Option<String>);
    let results: Result<Vec<One>, String> = std::thread::scope(|scope| {
        let runs: Vec<_> = files
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                let scratch = &scratch;
                scope.spawn(move || -> Result<Vec<One>, String> {
                    let rewritten: Vec<PathBuf> = (0..part.len())
                        .map(|i| scratch.join(format!("{}.pyc", n * chunk + i)))
                        .collect();
                    let commands: Vec<Vec<String>> = part
                        .iter()
                        .zip(&rewritten)
                        .map(|(f, r)| {
                            vec![
                                "--pyc".to_owned(),
                                "--both".to_owned(),
                                f.to_string_lossy().into_owned(),
                                r.to_string_lossy().into_owned(),
                            ]
                        })
                        .collect();
                    // Taipan writes every rewritten file before the oracle reads them.
                    let ours: Vec<(bool, bool)> = part
                        .iter()
                        .zip(&rewritten)
                        .map(|(f, r)| rewrite(f, r))
                        .collect();
                    let mut done = Vec::with_capacity(part.len());
                    oracle.run_many(&commands, root, &mut |i, want| {
                        progress();
                        let want = hide_addresses(&want.stdout);
                        let (read, written) = ours[i];
                        let got = hide_addresses(taipan_text(&part[i], written).as_bytes());
                        let split = |t: &[u8]| -> (Vec<u8>, Vec<u8>, bool) {
                            let text = String::from_utf8_lossy(t).into_owned();
                            let (dis, rest) = text.split_once("-- header: ").unwrap_or((&text, ""));
                            let equal = rest.ends_with(REWRITTEN_EQUAL);
                            let dump = rest.strip_suffix(REWRITTEN_EQUAL).unwrap_or(rest);
                            (dis.as_bytes().to_vec(), dump.as_bytes().to_vec(), equal)
                        };
                        let (want_dis, want_dump, oracle_equal) = split(&want);
                        let (got_dis, got_dump, ours_written) = split(&got);
                        let difference = (want != got).then(|| first_difference(&want, &got));
                        done.push((
                            n * chunk + i,
                            read,
                            oracle_equal && ours_written,
                            want_dis == got_dis,
                            want_dump == got_dump,
                            difference,
                        ));
                    })?;
                    for r in &rewritten {
                        let _ = std::fs::remove_file(r);
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
    results.sort_by_key(|r| r.0);
    let mut report = PycReport {
        oracle_version: oracle.version.clone(),
        total: files.len(),
        ..PycReport::default()
    };
    for (i, read, round_trip, dis, dump, difference) in results {
        report.read += usize::from(read);
        report.round_trip += usize::from(round_trip);
        report.dis += usize::from(dis);
        report.dump += usize::from(dump);
        match difference {
            None => report.identical += 1,
            Some(detail) => {
                let name = files[i].strip_prefix(root).unwrap_or(&files[i]);
                report
                    .differing
                    .push((name.to_string_lossy().into_owned(), detail));
            }
        }
    }
    Ok(report)
}

impl PycReport {
    /// The committed Markdown report.
    pub fn to_markdown(&self, known_causes: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Conformance: the `pyc` stage\n");
        let _ = writeln!(
            out,
            "Every `.pyc` file CPython {} wrote for its standard library (`__pycache__` folders, \
             plain, `opt-1` and `opt-2`; `site-packages` left out). For each, Taipan reads it and \
             writes it back; CPython must load the rewritten file as an equal code object (`==` \
             and every field equal). `taipan -m dis [-C -O] FILE.pyc` must print what \
             `dis.dis(marshal.loads(data[16:]))` prints (plain, and with `show_caches` and \
             `show_offsets`), and `taipan -m dis --code-dump FILE.pyc` \
             the oracle's header and field-by-field dump of every code object. Code object \
             addresses are hidden on both sides; both run with `PYTHONHASHSEED=0` (set orders). \
             Written by `cargo xtask conformance pyc`; do not edit by hand.\n",
            self.oracle_version
        );
        let _ = writeln!(out, "identical: {} / {}\n", self.identical, self.total);
        let _ = writeln!(out, "| check | files |\n|---|---|");
        let _ = writeln!(out, "| read by Taipan | {} / {} |", self.read, self.total);
        let _ = writeln!(
            out,
            "| rewritten, loaded by CPython as an equal code object | {} / {} |",
            self.round_trip, self.total
        );
        let _ = writeln!(
            out,
            "| `dis` text identical (plain, and `-C -O`) | {} / {} |",
            self.dis, self.total
        );
        let _ = writeln!(
            out,
            "| header and field dump identical | {} / {} |",
            self.dump, self.total
        );
        let _ = writeln!(out, "\n## Differences\n");
        if self.differing.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for (name, detail) in &self.differing {
            let _ = writeln!(out, "### `{name}`\n\n```\n{detail}```\n");
        }
        if !known_causes.trim().is_empty() {
            let _ = writeln!(out, "\n## Known causes\n\n{}", known_causes.trim());
        }
        out
    }
}
