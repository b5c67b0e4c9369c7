//! The committed conformance figures must not drop. Where the oracle (CPython 3.13) is
//! installed, this reruns each stage over the standard library and compares with
//! `conformance/STAGE.md`; where it is not, it says so and checks nothing.

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
    for stage in STAGES {
        let path = report_path(stage);
        let committed =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
