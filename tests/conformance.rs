//! The committed conformance figures must not drop. Where the oracle (CPython 3.13) is
//! installed, this reruns each command stage over the standard library and compares with
//! `conformance/STAGE.md`; where it is not, it says so and checks nothing. A stage without a
//! committed report yet (its first figure is whatever `cargo xtask conformance STAGE` measures)
//! is skipped with a message.

use taipan_snapshots::conformance::{self, committed_figure, report_path};
use taipan_snapshots::oracle::Oracle;
use taipan_snapshots::stage::STAGES;

#[test]
fn conformance_figures_do_not_drop() {
    let oracle = match Oracle::find() {
        Ok(oracle) => oracle,
        Err(why) => {
            eprintln!("SKIPPED: no oracle, conformance not checked: {why}");
            return;
        }
    };
    let (root, files) = oracle
        .stdlib_files()
        .expect("the oracle's standard library");
    for stage in STAGES.iter().filter(|s| s.args().is_some()) {
        let path = report_path(stage);
        let committed = match std::fs::read_to_string(&path) {
            Ok(committed) => committed,
            Err(e) => {
                eprintln!(
                    "SKIPPED: stage {}: no committed report ({}: {e}); `cargo xtask conformance {}` writes it",
                    stage.name,
                    path.display(),
                    stage.name
                );
                continue;
            }
        };
        let (committed_identical, _) =
            committed_figure(&committed).expect("a figure in the committed report");
        let report =
            conformance::run(stage, &oracle, &root, &files, &|| {}).expect("conformance run");
        let differing: Vec<&str> = report
            .differing
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        assert!(
            report.identical >= committed_identical,
            "stage {}: {} / {} identical, below the committed {committed_identical}; differing: {differing:?}",
            stage.name,
            report.identical,
            report.total,
        );
        eprintln!(
            "stage {}: {} / {} identical (committed {committed_identical})",
            stage.name, report.identical, report.total
        );
    }
}

/// The `pyc` stage: every standard-library `.pyc` read, rewritten, disassembled and dumped as
/// CPython does (see `taipan_snapshots::pyc_conformance`).
#[test]
fn pyc_conformance_figure_does_not_drop() {
    use taipan_snapshots::pyc_conformance;
    let oracle = match Oracle::find() {
        Ok(oracle) => oracle,
        Err(why) => {
            eprintln!("SKIPPED: no oracle, pyc conformance not checked: {why}");
            return;
        }
    };
    let path = pyc_conformance::report_path();
    let Ok(committed) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED: no committed report {}; `cargo xtask conformance pyc` writes it",
            path.display()
        );
        return;
    };
    let (committed_identical, _) =
        committed_figure(&committed).expect("a figure in the committed report");
    let (root, files) = oracle.stdlib_pycs().expect("the oracle's standard library");
    let report = pyc_conformance::run(&oracle, &root, &files, &|| {}).expect("pyc conformance run");
    let differing: Vec<&str> = report.differing.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        report.identical >= committed_identical,
        "stage pyc: {} / {} identical, below the committed {committed_identical}; differing: {differing:?}",
        report.identical,
        report.total,
    );
    eprintln!(
        "stage pyc: {} / {} identical (committed {committed_identical})",
        report.identical, report.total
    );
}

/// The compiler: every standard-library `.py` file compiled at levels 0, 1 and 2, its code
/// object compared with `compile()`'s (see `taipan_snapshots::code_conformance`). No level's
/// figure may drop.
#[test]
fn code_conformance_figures_do_not_drop() {
    use taipan_snapshots::code_conformance::{self, LEVELS, committed_figures};
    let oracle = match Oracle::find() {
        Ok(oracle) => oracle,
        Err(why) => {
            eprintln!("SKIPPED: no oracle, code conformance not checked: {why}");
            return;
        }
    };
    let path = code_conformance::report_path();
    let Ok(committed) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED: no committed report {}; `cargo xtask conformance code` writes it",
            path.display()
        );
        return;
    };
    let figures = committed_figures(&committed).expect("figures in the committed report");
    let (root, files) = oracle
        .stdlib_files()
        .expect("the oracle's standard library");
    let report =
        code_conformance::run(&oracle, &root, &files, &|| {}).expect("code conformance run");
    for (slot, level) in LEVELS.iter().enumerate() {
        let lost: Vec<&str> = report.differing[slot]
            .iter()
            .map(|(n, _)| n.as_str())
            .take(20)
            .collect();
        assert!(
            report.equal[slot] >= figures[slot],
            "code, level {level}: {} / {} equal, below the committed {}; some differing: {lost:?}",
            report.equal[slot],
            report.total,
            figures[slot]
        );
        eprintln!(
            "code, level {level}: {} / {} equal (committed {})",
            report.equal[slot], report.total, figures[slot]
        );
    }
}
