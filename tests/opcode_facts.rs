//! `taipan_bytecode::Opcode` states CPython 3.13's facts: numbers, names, kinds, the `dis.has*`
//! groups, inline-cache layouts and `_opcode.stack_effect` for many opargs, jump and no-jump.
//! The golden is the oracle's (`cargo xtask bless-goldens`).

use taipan_snapshots::facts::{GOLDEN, taipan_opcode_facts};

#[test]
fn opcode_table_equals_cpython() {
    let path = taipan_snapshots::repo_root().join(GOLDEN);
    let want = std::fs::read_to_string(&path).expect("the committed golden");
    let got = taipan_opcode_facts();
    if want != got {
        let diff = taipan_snapshots::golden::first_difference(want.as_bytes(), got.as_bytes());
        panic!(
            "the opcode table differs from CPython's ({}):\n{diff}",
            path.display()
        );
    }
}
