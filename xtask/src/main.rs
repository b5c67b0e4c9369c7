//! `cargo xtask`: the project's development commands.
//!
//! - `snap [FILTER]`: every fixture through every stage against the committed goldens; per
//!   fixture, the first stage that differs, with a diff.
//! - `bless [FILTER]`: regenerate goldens from the oracle (refuses without it).
//! - `conformance STAGE`: run a stage over CPython's standard library, write `conformance/STAGE.md`.
//! - `bench lexer`: Taipan's lexer beside CPython's tokenizers on the same files, with ratios.

mod bench;

use std::path::Path;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use taipan_snapshots::conformance::{self, known_causes, report_path};
use taipan_snapshots::oracle::Oracle;
use taipan_snapshots::stage::{STAGES, Stage};
use taipan_snapshots::{Outcome, fixtures, repo_root, run_taipan};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("snap") => snap(args.get(1).map(String::as_str)),
        Some("bless") => bless(args.get(1).map(String::as_str)),
        Some("conformance") => match args.get(1).and_then(|name| Stage::named(name)) {
            Some(stage) => run_conformance(&stage),
            None => Err(format!(
                "usage: cargo xtask conformance STAGE (stages: {})",
                stage_names()
            )),
        },
        Some("bench") => match args.get(1).map(String::as_str) {
            Some("lexer") => bench::lexer(),
            _ => Err("usage: cargo xtask bench lexer".to_owned()),
        },
        _ => Err(
            "usage: cargo xtask snap [FILTER] | bless [FILTER] | conformance STAGE | bench lexer"
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
    let (mut passed, mut failed) = (0, 0);
    for fixture in selected(filter) {
        // Stages run in pipeline order; report the first one that differs.
        let mut first_failure = None;
        for stage in STAGES {
            let golden = stage.golden_path(&fixture);
            let expected = match std::fs::read(&golden) {
                Ok(bytes) => Outcome::from_golden(&bytes)?,
                Err(_) => {
                    first_failure = Some((
                        stage.name,
                        format!("no golden {} (run `cargo xtask bless`)\n", golden.display()),
                    ));
                    break;
                }
            };
            if let Some(diff) = expected.diff(&run_taipan(&stage.command(&fixture))) {
                first_failure = Some((stage.name, diff));
                break;
            }
        }
        match first_failure {
            None => passed += 1,
            Some((stage, diff)) => {
                failed += 1;
                println!(
                    "FAIL {} (first differing stage: {stage})\n{diff}",
                    fixture.display()
                );
            }
        }
    }
    println!("snap: {passed} fixtures pass every stage, {failed} differ");
    if failed > 0 {
        Err(format!("{failed} fixtures differ"))
    } else {
        Ok(())
    }
}

fn bless(filter: Option<&str>) -> Result<(), String> {
    let oracle =
        Oracle::find().map_err(|why| format!("bless refuses to run without the oracle: {why}"))?;
    let root = repo_root();
    let fixtures = selected(filter);
    let bar = progress(fixtures.len() * STAGES.len(), "bless");
    let mut changed = 0;
    for fixture in &fixtures {
        for stage in STAGES {
            let outcome = oracle.run(&stage.command(fixture), &root)?;
            let path = root.join(stage.golden_path(fixture));
            let bytes = outcome.to_golden();
            if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                changed += 1;
            }
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    println!(
        "bless: {} goldens from CPython {}, {changed} changed",
        fixtures.len() * STAGES.len(),
        oracle.version
    );
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
