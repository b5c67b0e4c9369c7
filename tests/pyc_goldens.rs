//! The `.pyc` stage on committed files, without the oracle: for each `tests/golden/pyc/NAME.pyc`
//! (compiled by CPython 3.13 from `NAME.py`), `taipan -m dis`, `taipan -m dis -C -O` and
//! `taipan -m dis --code-dump` together print the oracle's `NAME.dis`, and the file reads and
//! writes back to an equal code object. `cargo xtask bless-goldens` regenerates them.

use taipan_snapshots::facts::PYC_GOLDENS;
use taipan_snapshots::golden::{first_difference, hide_addresses};
use taipan_snapshots::pyc_conformance::taipan_text;

#[test]
fn pyc_goldens_match_the_oracle() {
    let root = taipan_snapshots::repo_root();
    let dir = root.join(PYC_GOLDENS);
    let pycs = taipan_snapshots::files_under(&dir, ".pyc", &[]);
    assert!(!pycs.is_empty(), "no .pyc goldens in {}", dir.display());
    std::env::set_current_dir(&root).expect("the repository root");
    for pyc in pycs {
        let relative = pyc.strip_prefix(&root).expect("under the root");
        let golden = std::fs::read(pyc.with_extension("dis")).expect("the .dis golden");
        let got = hide_addresses(taipan_text(relative, false).as_bytes());
        assert!(
            golden == got,
            "{} differs from the oracle:\n{}",
            relative.display(),
            first_difference(&golden, &got)
        );
        let bytes = std::fs::read(&pyc).expect("the .pyc");
        let read = taipan_pyc::read_pyc(&bytes).expect("reads");
        let again = taipan_pyc::read_pyc(&taipan_pyc::write_pyc(&read)).expect("reads back");
        assert_eq!(read, again, "{} round trip", relative.display());
    }
}
