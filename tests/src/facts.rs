//! The opcode facts of `taipan_bytecode::Opcode` in the text the oracle driver's
//! `--opcode-facts` writes from CPython's `opcode`, `dis` and `_opcode.stack_effect`. The
//! golden, `tests/golden/opcode_facts.txt`, is the oracle's; `cargo xtask bless-goldens`
//! regenerates it.

use std::fmt::Write as _;

use taipan_bytecode::{OpFlags, Opcode, OpcodeKind};

/// Where the committed golden lives, relative to the repository root.
pub const GOLDEN: &str = "tests/golden/opcode_facts.txt";

/// The folder of `.pyc` goldens: each `NAME.py` beside the `NAME.pyc` the oracle compiled from it
/// (unchecked-hash header, so the bytes do not depend on file times) and `NAME.dis`, the oracle
/// driver's `--pyc --both NAME.pyc` output (addresses hidden).
pub const PYC_GOLDENS: &str = "tests/golden/pyc";

/// The opargs whose stack effects are compared (negative ones included: CPython refuses an
/// oparg that makes a count negative, and so must we).
const OPARGS: [i32; 25] = [
    -5,
    -3,
    -2,
    -1,
    0,
    1,
    2,
    3,
    4,
    5,
    7,
    8,
    15,
    16,
    17,
    31,
    32,
    33,
    255,
    256,
    257,
    511,
    65535,
    65536,
    i32::MAX,
];

/// Taipan's side of the facts.
pub fn taipan_opcode_facts() -> String {
    let groups = [
        (OpFlags::ARG, "arg"),
        (OpFlags::CONST, "const"),
        (OpFlags::NAME, "name"),
        (OpFlags::LOCAL, "local"),
        (OpFlags::FREE, "free"),
        (OpFlags::JUMP, "jump"),
        (OpFlags::COMPARE, "compare"),
        (OpFlags::EXC, "exc"),
    ];
    let mut out = String::new();
    for op in Opcode::all() {
        let kind = match op.kind() {
            OpcodeKind::Base => "base",
            OpcodeKind::Specialized => "specialized",
            OpcodeKind::Instrumented => "instrumented",
            OpcodeKind::Pseudo => "pseudo",
        };
        let flags: Vec<&str> = groups
            .iter()
            .filter(|(flag, _)| op.flags().contains(*flag))
            .map(|(_, name)| *name)
            .collect();
        let caches: Vec<String> = op
            .cache_format()
            .iter()
            .map(|c| format!("{}:{}", c.name, c.size))
            .collect();
        let _ = writeln!(
            out,
            "{} {} kind={kind} base={} flags={} caches={} [{}]",
            op.number(),
            op.name(),
            op.base().name(),
            flags.join(","),
            op.cache_entries(),
            caches.join(",")
        );
        if op.kind() == OpcodeKind::Specialized {
            continue;
        }
        let effects: Vec<String> = OPARGS
            .iter()
            .map(|&oparg| {
                let one: Vec<String> = [None, Some(false), Some(true)]
                    .iter()
                    .map(|&jump| {
                        op.stack_effect(oparg, jump)
                            .map_or_else(|_| "E".to_owned(), |e| e.to_string())
                    })
                    .collect();
                format!("{oparg}:{}", one.join("/"))
            })
            .collect();
        let _ = writeln!(out, "  {}", effects.join(" "));
    }
    out
}
