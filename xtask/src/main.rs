//! `cargo xtask`: the project's development commands.
//!
//! - `snap [FILTER]`: every fixture through every stage against the committed goldens; per
//!   fixture, the first stage that differs, with a diff.
//! - `bless [FILTER]`: regenerate goldens from the oracle (refuses without it). For the program
//!   fixtures it also writes the `.pyc` CPython compiles of each (`NAME.cpython.pyc`, for the
//!   `run-pyc` stage) and checks that CPython running it does what running the source does.
//! - `conformance STAGE`: run a stage over CPython's standard library, write `conformance/STAGE.md`.
//! - `conformance pyc`: the standard library's `.pyc` files read, rewritten and disassembled.
//! - `conformance code`: the compiler over the standard library at levels 0, 1, 2: code
//!   objects equal to `compile()`'s (`conformance/code.md`).
//! - `syntax-report [-v]`: over the invalid-syntax fixtures, how many of Taipan's errors match the
//!   oracle's in class, message and all four positions, and in class and line.
//! - `compare-passes FILE [LEVEL]` / `-c SNIPPET [LEVEL]`: each compiler pass's output beside
//!   CPython's (optimised AST, symbol table, code generation, CFG, code object).
//! - `cpython-tests [TEST…]`: CPython's regression tests run by CPython on code Taipan compiled,
//!   beside CPython's own result (see `cpython_tests.rs`).
//! - `bench lexer|parser|pyc|compiler`: Taipan's lexer, parser or marshal beside CPython's (and, for the
//!   parser, ruff's and RustPython's) on the same files, with ratios.
//! - `bench vm [NAME…] [--runs N] [--markdown]`: the programs of `benches/vm` under CPython 3.13
//!   and Taipan, time ratios, peak memory, start-up, and the VM issue's targets (`bench_vm.rs`).

mod bench;
mod bench_import;
mod bench_vm;
mod compare_passes;
mod cpython_tests;

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use taipan_snapshots::conformance::{self, known_causes, report_path};
use taipan_snapshots::oracle::Oracle;
use taipan_snapshots::stage::{STAGES, Stage};
use taipan_snapshots::syntax::Summary;
use taipan_snapshots::{Outcome, fixtures, repo_root};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("snap") => snap(args.get(1).map(String::as_str)),
        Some("bless") => bless(args.get(1).map(String::as_str)),
        Some("conformance") if args.get(1).map(String::as_str) == Some("pyc") => {
            run_pyc_conformance()
        }
        Some("conformance") if args.get(1).map(String::as_str) == Some("code") => {
            run_code_conformance()
        }
        Some("bless-goldens") => bless_goldens(),
        Some("cpython-tests") => cpython_tests::run(&args[1..]),
        Some("compare-passes") => compare_passes::run(&args[1..]),
        Some("compile-server") => cpython_tests::compile_server(),
        Some("conformance") => match args.get(1).and_then(|name| Stage::named(name)) {
            Some(stage) => run_conformance(&stage),
            None => Err(format!(
                "usage: cargo xtask conformance STAGE (stages: {})",
                stage_names()
            )),
        },
        Some("syntax-report") => syntax_report(args.get(1).is_some_and(|a| a == "-v")),
        Some("bench") => match args.get(1).map(String::as_str) {
            Some("lexer") => bench::lexer(),
            Some("parser") => bench::parser(),
            Some("pyc") => bench::pyc(),
            Some("compiler") => bench::compiler(),
            Some("vm") => bench_vm::run(&args[2..]),
            Some("import") => bench_import::run(&args[2..]),
            _ => Err(
                "usage: cargo xtask bench lexer|parser|pyc|compiler | bench vm [NAME…] [--runs N] [--markdown] | bench import [--runs N] [--markdown]"
                    .to_owned(),
            ),
        },
        _ => Err(
            "usage: cargo xtask snap [FILTER] | bless [FILTER] | bless-goldens | conformance STAGE|pyc|code | compare-passes FILE [LEVEL] | cpython-tests [TEST...] | syntax-report [-v] | bench lexer|parser|pyc|compiler|vm"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn stage_names() -> String {
    STAGES.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

fn selected(filter: Option<&str>) -> Vec<std::path::PathBuf> {
    fixtures()
        .into_iter()
        .filter(|f| filter.is_none_or(|pat| f.to_string_lossy().contains(pat)))
        .collect()
}

fn snap(filter: Option<&str>) -> Result<(), String> {
    std::env::set_current_dir(repo_root()).map_err(|e| e.to_string())?;
    let (mut passed, mut failed, mut failed_done) = (0, 0, 0);
    let mut per_stage: Vec<(usize, usize)> = vec![(0, 0); STAGES.len()];
    for fixture in selected(filter) {
        // Stages run in pipeline order; report the first one that differs.
        let mut first_failure = None;
        for (n, stage) in STAGES.iter().enumerate() {
            if !stage.applies_to(&fixture) {
                continue;
            }
            per_stage[n].1 += 1;
            let golden = stage.golden_path(&fixture);
            let difference = match std::fs::read(&golden) {
                Ok(bytes) => Outcome::from_golden(&bytes)?.diff(&stage.run_taipan(&fixture)),
                Err(_) => Some(format!(
                    "no golden {} (run `cargo xtask bless`)\n",
                    golden.display()
                )),
            };
            match difference {
                None => per_stage[n].0 += 1,
                Some(diff) => {
                    first_failure.get_or_insert((*stage, diff));
                }
            }
        }
        match first_failure {
            None => passed += 1,
            Some((stage, diff)) => {
                failed += 1;
                if !stage.in_progress() {
                    failed_done += 1;
                }
                let note = if stage.in_progress() {
                    ", in progress"
                } else {
                    ""
                };
                println!(
                    "FAIL {} (first differing stage: {}{note})\n{diff}",
                    fixture.display(),
                    stage.name
                );
            }
        }
    }
    println!("snap: {passed} fixtures pass every stage, {failed} differ");
    for (stage, (pass, total)) in STAGES.iter().zip(per_stage) {
        let note = if stage.in_progress() {
            " (in progress)"
        } else {
            ""
        };
        println!("  {}: {pass} / {total}{note}", stage.name);
    }
    if failed_done > 0 {
        Err(format!("{failed_done} fixtures differ in a finished stage"))
    } else {
        Ok(())
    }
}

fn bless(filter: Option<&str>) -> Result<(), String> {
    let oracle =
        Oracle::find().map_err(|why| format!("bless refuses to run without the oracle: {why}"))?;
    let root = repo_root();
    let mut jobs: Vec<(std::path::PathBuf, Stage)> = Vec::new();
    for fixture in selected(filter) {
        for stage in STAGES.iter().filter(|stage| stage.applies_to(&fixture)) {
            jobs.push((fixture.clone(), *stage));
        }
    }
    let bar = progress(jobs.len(), "bless");
    let changed = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((fixture, stage)) = jobs.get(i) else {
                            return Ok(());
                        };
                        let outcome = stage.run_oracle(&oracle, fixture, &root)?;
                        if !stage.writes_golden() {
                            // run-pyc: the .pyc is written; its run must match the source's.
                            Stage::check_pyc_run(&oracle, fixture, &outcome, &root)?;
                            bar.inc(1);
                            continue;
                        }
                        let path = root.join(stage.golden_path(fixture));
                        let bytes = outcome.to_golden();
                        if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                            std::fs::write(&path, &bytes)
                                .map_err(|e| format!("{}: {e}", path.display()))?;
                            changed.fetch_add(1, Ordering::Relaxed);
                        }
                        bar.inc(1);
                    }
                })
            })
            .collect();
        runs.into_iter()
            .try_for_each(|run| run.join().expect("bless thread"))
    })?;
    bar.finish_and_clear();
    println!(
        "bless: {} goldens from CPython {}, {} changed",
        jobs.len(),
        oracle.version,
        changed.into_inner()
    );
    Ok(())
}

/// The acceptance figures of the parser's errors: over the invalid-syntax fixtures, Taipan's
/// `syntax` report against the oracle's golden.
fn syntax_report(verbose: bool) -> Result<(), String> {
    std::env::set_current_dir(repo_root()).map_err(|e| e.to_string())?;
    let stage = Stage::named("syntax").expect("the syntax stage");
    let (mut total, mut exact, mut line) = (0, 0, 0);
    let mut topics: Vec<(String, usize, usize)> = Vec::new();
    for fixture in fixtures().into_iter().filter(|f| stage.applies_to(f)) {
        let golden = stage.golden_path(&fixture);
        let bytes = std::fs::read(&golden)
            .map_err(|e| format!("{}: {e} (run `cargo xtask bless`)", golden.display()))?;
        let want = Summary::parse(&Outcome::from_golden(&bytes)?.stdout);
        let got = Summary::parse(&stage.run_taipan(&fixture).stdout);
        let topic = fixture
            .parent()
            .and_then(|p| p.file_name())
            .map_or_else(String::new, |t| t.to_string_lossy().into_owned());
        if topics.last().is_none_or(|(t, _, _)| *t != topic) {
            topics.push((topic, 0, 0));
        }
        let entry = topics.last_mut().expect("pushed");
        total += 1;
        entry.1 += 1;
        let same = want.matches_exactly(&got);
        if same {
            exact += 1;
            entry.2 += 1;
        }
        if want.matches_type_and_line(&got) {
            line += 1;
        }
        if verbose && !same {
            println!(
                "{}\n  oracle: {}: {} {:?}\n  taipan: {}: {} {:?}",
                fixture.display(),
                want.type_name,
                want.message,
                want.positions,
                got.type_name,
                got.message,
                got.positions
            );
        }
    }
    println!("syntax-report: {total} invalid-syntax fixtures");
    println!("  class, message and all four positions: {exact} / {total}");
    println!("  class and line:                         {line} / {total}");
    println!("  exact, per topic:");
    for (topic, count, same) in topics {
        println!("    {topic:<16} {same} / {count}");
    }
    Ok(())
}

fn run_conformance(stage: &Stage) -> Result<(), String> {
    let oracle = Oracle::find()?;
    let (root, files) = oracle.stdlib_files()?;
    let bar = progress(files.len() * 2, &format!("conformance {}", stage.name));
    let report = conformance::run(stage, &oracle, &root, &files, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let path = report_path(stage);
    let causes = std::fs::read_to_string(&path)
        .map(|old| known_causes(&old))
        .unwrap_or_default();
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).map_err(|e| e.to_string())?;
    std::fs::write(&path, report.to_markdown(stage, &causes)).map_err(|e| e.to_string())?;
    println!(
        "conformance {}: {} / {} identical ({} rejected by the oracle); report in {}",
        stage.name,
        report.identical,
        report.total,
        report.rejected_by_oracle.len(),
        path.display()
    );
    for (name, _) in &report.differing {
        println!("  differs: {name}");
    }
    Ok(())
}

/// `cargo xtask conformance pyc`: the standard library's `.pyc` files (see
/// `taipan_snapshots::pyc_conformance`), report in `conformance/pyc.md`.
fn run_pyc_conformance() -> Result<(), String> {
    use taipan_snapshots::pyc_conformance;
    let oracle = Oracle::find()?;
    let (root, files) = oracle.stdlib_pycs()?;
    let bar = progress(files.len(), "conformance pyc");
    let report = pyc_conformance::run(&oracle, &root, &files, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let path = pyc_conformance::report_path();
    let causes = std::fs::read_to_string(&path)
        .map(|old| known_causes(&old))
        .unwrap_or_default();
    std::fs::write(&path, report.to_markdown(&causes)).map_err(|e| e.to_string())?;
    println!(
        "conformance pyc: {} / {} identical (read {}, round trip {}, dis {}, dump {}); report in {}",
        report.identical,
        report.total,
        report.read,
        report.round_trip,
        report.dis,
        report.dump,
        path.display()
    );
    for (name, _) in report.differing.iter().take(30) {
        println!("  differs: {name}");
    }
    Ok(())
}

/// `cargo xtask conformance code`: every standard-library `.py` file compiled at levels 0, 1
/// and 2 (see `taipan_snapshots::code_conformance`), report in `conformance/code.md`.
fn run_code_conformance() -> Result<(), String> {
    use taipan_snapshots::code_conformance::{self, LEVELS};
    let oracle = Oracle::find()?;
    let (root, files) = oracle.stdlib_files()?;
    let bar = progress(files.len() * LEVELS.len(), "conformance code");
    let report = code_conformance::run(&oracle, &root, &files, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let path = code_conformance::report_path();
    let causes = std::fs::read_to_string(&path)
        .map(|old| known_causes(&old))
        .unwrap_or_default();
    std::fs::write(&path, report.to_markdown(&causes, 40)).map_err(|e| e.to_string())?;
    for (slot, level) in LEVELS.iter().enumerate() {
        println!(
            "conformance code, level {level}: {} / {} equal",
            report.equal[slot], report.total
        );
    }
    println!("report in {}", path.display());
    Ok(())
}

/// `cargo xtask bless-goldens`: the harness's goldens that are not per fixture, from the oracle:
/// the opcode facts, and the `.pyc` goldens (`tests/golden/pyc`: each `NAME.py` compiled to
/// `NAME.pyc` with an unchecked-hash header, and its `NAME.dis`).
fn bless_goldens() -> Result<(), String> {
    let oracle = Oracle::find()?;
    let root = repo_root();
    let outcome = oracle.run_driver(&["--opcode-facts".to_owned()], &root)?;
    if outcome.status != 0 {
        return Err(String::from_utf8_lossy(&outcome.stderr).into_owned());
    }
    let path = root.join(taipan_snapshots::facts::GOLDEN);
    std::fs::write(&path, &outcome.stdout).map_err(|e| e.to_string())?;
    println!("bless-goldens: {}", path.display());
    let dir = root.join(taipan_snapshots::facts::PYC_GOLDENS);
    for source in taipan_snapshots::files_under(&dir, ".py", &[]) {
        let pyc = source.with_extension("pyc");
        let compile = format!(
            "import py_compile; py_compile.compile({:?}, cfile={:?}, doraise=True, \
             invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)",
            source.to_string_lossy(),
            pyc.to_string_lossy()
        );
        let compiled = oracle.run(&["-c".to_owned(), compile], &root)?;
        if compiled.status != 0 {
            return Err(String::from_utf8_lossy(&compiled.stderr).into_owned());
        }
        let relative = pyc.strip_prefix(&root).unwrap_or(&pyc);
        let args = [
            "--pyc".to_owned(),
            "--both".to_owned(),
            relative.to_string_lossy().into_owned(),
        ];
        let outcome = oracle.run_driver(&args, &root)?;
        if outcome.status != 0 {
            return Err(String::from_utf8_lossy(&outcome.stderr).into_owned());
        }
        let golden = pyc.with_extension("dis");
        std::fs::write(
            &golden,
            taipan_snapshots::golden::hide_addresses(&outcome.stdout),
        )
        .map_err(|e| e.to_string())?;
        println!("bless-goldens: {}", golden.display());
    }
    println!("from CPython {}", oracle.version);
    Ok(())
}

pub(crate) fn progress(len: usize, label: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(label.to_owned());
    bar
}
