//! The CFG passes against CPython 3.13.0. Each case is one code unit: CPython's code generation
//! output (`_testinternalcapi.compiler_codegen`, with the unit's constants), what CPython's
//! `optimize_cfg` made of it (`_testinternalcapi.optimize_cfg`, which runs
//! `_PyCfg_OptimizeCodeUnit` with no parameters), and the instructions of the code object
//! `compile()` made (decoded from `co_code`, with the exception table's handler per
//! instruction as `h=INDEX/STARTDEPTH/LASTI`) with its `co_stacksize` and `co_consts`. All the
//! expected text below was written by a script from the oracle's output (for nested units the
//! input constants are the code object's `co_consts`, which both sides get alike).

use taipan_bytecode::{CodeFlags, Constant, Int, Opcode, PyString};
use taipan_compiler::flowgraph::{Cfg, finalize, optimize_code_unit};
use taipan_compiler::ir::{Instr, InstructionSequence, Location};
use taipan_compiler::unit::UnitMetadata;

struct Case {
    #[allow(dead_code)]
    source: &'static str,
    consts: &'static str,
    /// `(nparams, firstlineno, flags, varnames, cellvars, freevars)`, marshalled.
    meta: &'static str,
    nlocals: usize,
    input: &'static str,
    optimized: &'static str,
    optimized_consts: &'static str,
    finalized: &'static str,
    final_consts: &'static str,
    stacksize: u32,
}

fn unhex(hex: &str) -> Vec<Constant> {
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect();
    match taipan_pyc::marshal::loads(&bytes).expect("marshal") {
        Constant::Tuple(t) => t.into_vec(),
        other => panic!("not a tuple: {other:?}"),
    }
}

/// Reads the text form `INDEX OPNAME OPARG LINENO:COL-END_LINENO:END_COL`.
fn parse_sequence(text: &str) -> InstructionSequence {
    let instrs = text
        .lines()
        .map(|line| {
            let mut parts = line.split(' ');
            let _index = parts.next();
            let opcode = Opcode::from_name(parts.next().expect("name")).expect("opcode");
            let oparg = parts.next().expect("oparg").parse().unwrap_or(0);
            let (start, end) = parts.next().expect("loc").split_once('-').expect("range");
            // The end part may itself start with '-' (no location: "-1:-1--1:-1").
            let (start, end) = if start.is_empty() {
                let (s, e) = end.split_once("--").expect("range");
                (format!("-{s}"), format!("-{e}"))
            } else if end.is_empty() {
                (
                    start.to_owned(),
                    line.rsplit_once("--").expect("range").1.to_owned(),
                )
            } else {
                (start.to_owned(), end.to_owned())
            };
            let (l, c) = start.split_once(':').expect("start");
            let (el, ec) = end.split_once(':').expect("end");
            let n = |s: &str| s.parse::<i32>().expect("number");
            Instr {
                opcode,
                oparg,
                loc: Location::new(n(l), n(el), n(c), n(ec)),
                except_handler: None,
            }
        })
        .collect();
    InstructionSequence::from_resolved(instrs)
}

fn finalized_text(seq: &InstructionSequence) -> String {
    let mut out = String::new();
    for (i, instr) in seq.instrs.iter().enumerate() {
        let l = instr.loc;
        let h = instr.except_handler.map_or((-1, 0, 0), |h| {
            (h.label, h.startdepth, i32::from(h.preserve_lasti))
        });
        out += &format!(
            "{i} {} {} {}:{}-{}:{} h={}/{}/{}\n",
            instr.opcode.name(),
            instr.oparg,
            l.lineno,
            l.col_offset,
            l.end_lineno,
            l.end_col_offset,
            h.0,
            h.1,
            h.2
        );
    }
    out
}

fn check(case: Case) {
    let input = parse_sequence(case.input);
    assert_eq!(input.text(), case.input, "the input round-trips");

    // optimize_cfg as _testinternalcapi runs it: no parameters.
    let mut cfg = Cfg::from_sequence(input.clone());
    let mut consts = unhex(case.consts);
    optimize_code_unit(&mut cfg, &mut consts, case.nlocals, 0, 1).expect("optimize");
    assert_eq!(cfg.to_sequence().text(), case.optimized);
    assert_eq!(consts, unhex(case.optimized_consts));

    // The whole back end as compile() runs it.
    let meta = unhex(case.meta);
    let int = |i: usize| match &meta[i] {
        Constant::Int(Int::Small(v)) => *v,
        other => panic!("{other:?}"),
    };
    let names = |i: usize| -> Vec<PyString> {
        match &meta[i] {
            Constant::Tuple(t) => t
                .iter()
                .map(|c| match c {
                    Constant::Str(s) => s.clone(),
                    other => panic!("{other:?}"),
                })
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    let mut md = UnitMetadata::new("<case>");
    md.firstlineno = int(1) as i32;
    md.flags = CodeFlags(int(2) as u32);
    md.varnames = names(3);
    md.cellvars = names(4);
    md.freevars = names(5);
    let mut cfg = Cfg::from_sequence(input);
    let mut consts = unhex(case.consts);
    optimize_code_unit(
        &mut cfg,
        &mut consts,
        case.nlocals,
        int(0) as usize,
        md.firstlineno,
    )
    .expect("optimize");
    assert_eq!(consts, unhex(case.final_consts));
    md.consts = consts;
    let finalized = finalize(cfg, &md).expect("finalize");
    assert_eq!(finalized_text(&finalized.seq), case.finalized);
    assert_eq!(finalized.stackdepth, case.stacksize);
}
// Generated from CPython 3.13.0 (_testinternalcapi.compiler_codegen, optimize_cfg, compile()).

/// One item of a hand-made sequence: an instruction `(name, oparg, lineno)` (a jump's oparg is
/// a label number; `lineno` -1 is no location) or a label placed before the next instruction.
enum Item {
    I(&'static str, i32, i32),
    L(u32),
}

/// A sequence built as CPython's tests build theirs (`seq.addop`, `seq.use_label`), through
/// the whole back end (`optimize_and_assemble`, which is `optimize_cfg` followed by
/// `assemble_code_object`), with one local `v0` and one name `n0`. Returns `Ok((stacksize,
/// co_code as hex))` or `Err("Kind: message")`.
fn back_end(items: &[Item]) -> Result<(u32, String), String> {
    use taipan_compiler::ir::Label;
    let mut seq = InstructionSequence::new();
    let labels: Vec<Label> = (0..4).map(|_| seq.new_label()).collect();
    for item in items {
        match *item {
            Item::L(l) => seq.use_label(labels[l as usize]),
            Item::I(name, oparg, line) => {
                let opcode = Opcode::from_name(name).expect("opcode");
                let oparg = if taipan_compiler::ir::has_target(opcode) {
                    labels[oparg as usize].0 as i32
                } else {
                    oparg
                };
                let loc = if line < 0 {
                    Location::NONE
                } else {
                    Location::new(line, line, 0, 1)
                };
                seq.add(opcode, oparg, loc);
            }
        }
    }
    let mut md = UnitMetadata::new("f");
    md.consts = vec![Constant::None];
    md.varnames = vec![PyString::new("v0")];
    md.names = vec![PyString::new("n0")];
    match taipan_compiler::optimize_and_assemble(seq, &mut md, 0, &PyString::new("f.py")) {
        Ok(code) => Ok((
            code.stacksize,
            code.code.iter().map(|b| format!("{b:02x}")).collect(),
        )),
        Err(e) => Err(format!("{}: {}", e.kind.name(), e.message)),
    }
}

// The expectations below are what CPython 3.13.0 answers for the same sequence:
// `_testinternalcapi.optimize_cfg(seq, [None], nlocals)`, then `assemble_code_object` on its
// output (a script printed `type(e).__name__: e`, or `co_stacksize` and `co_code.hex()`).
// CPython's `MemoryError`s came with the address space limited to 3 GiB.

mod part1;
mod part2;
