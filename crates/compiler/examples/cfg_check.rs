//! Compares the CFG passes with CPython's on an exchange file written by an oracle script
//! (CPython 3.13's `_testinternalcapi`): for each unit, code generation's sequence and
//! constants (`IN`, `CONSTS`), CPython's `optimize_cfg` result (`OUT`, `OUTCONSTS`), and the
//! instructions of the code object `compile()` made (`FINAL`, `STACKSIZE`, `FINALCONSTS`).
//!
//! Usage: `cargo run -p taipan-compiler --example cfg_check -- FILE [-v]`

use taipan_bytecode::{Constant, Opcode};
use taipan_compiler::flowgraph::{Cfg, finalize, optimize_code_unit};
use taipan_compiler::ir::{Instr, InstructionSequence, Location};
use taipan_compiler::unit::UnitMetadata;

struct Unit {
    file: String,
    nlocals: usize,
    consts: Vec<Constant>,
    input: Vec<Vec<i64>>,
    out: Vec<Vec<i64>>,
    out_consts: Vec<Constant>,
    fin: Vec<Vec<i64>>,
    stacksize: u32,
    fin_consts: Vec<Constant>,
    /// `(nparams, firstlineno, flags, varnames, cellvars, freevars)`.
    meta: Vec<Constant>,
}

fn consts_of(hex: &str) -> Vec<Constant> {
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect();
    match taipan_pyc::marshal::loads(&bytes) {
        Ok(Constant::Tuple(t)) => t.into_vec(),
        _ => Vec::new(),
    }
}

fn parse(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut lines = text.lines();
    let rows = |lines: &mut std::str::Lines<'_>, n: usize| -> Vec<Vec<i64>> {
        (0..n)
            .filter_map(|_| lines.next())
            .map(|l| l.split(' ').map(|x| x.parse().unwrap_or(0)).collect())
            .collect()
    };
    while let Some(line) = lines.next() {
        let Some(file) = line.strip_prefix("FILE ") else {
            continue;
        };
        let mut unit = Unit {
            file: file.to_owned(),
            nlocals: 0,
            consts: Vec::new(),
            input: Vec::new(),
            out: Vec::new(),
            out_consts: Vec::new(),
            fin: Vec::new(),
            stacksize: 0,
            fin_consts: Vec::new(),
            meta: Vec::new(),
        };
        while let Some(line) = lines.next() {
            if line == "END" {
                break;
            }
            let (key, value) = line.split_once(' ').unwrap_or((line, ""));
            match key {
                "NLOCALS" => unit.nlocals = value.parse().unwrap_or(0),
                "CONSTS" => unit.consts = consts_of(value),
                "OUTCONSTS" => unit.out_consts = consts_of(value),
                "FINALCONSTS" => unit.fin_consts = consts_of(value),
                "META" => unit.meta = consts_of(value),
                "STACKSIZE" => unit.stacksize = value.parse().unwrap_or(0),
                "IN" => unit.input = rows(&mut lines, value.parse().unwrap_or(0)),
                "OUT" => unit.out = rows(&mut lines, value.parse().unwrap_or(0)),
                "FINAL" => unit.fin = rows(&mut lines, value.parse().unwrap_or(0)),
                _ => {}
            }
        }
        units.push(unit);
    }
    units
}

fn loc(r: &[i64]) -> Location {
    Location::new(r[2] as i32, r[3] as i32, r[4] as i32, r[5] as i32)
}

fn name(op: i64) -> String {
    Opcode::new(op as u16).map_or(op.to_string(), |o| o.name().to_owned())
}

fn show(instr: &Instr) -> String {
    let l = instr.loc;
    format!(
        "{} {} {}:{}-{}:{}",
        instr.opcode.name(),
        instr.oparg,
        l.lineno,
        l.col_offset,
        l.end_lineno,
        l.end_col_offset
    )
}

fn show_row(r: &[i64]) -> String {
    format!(
        "{} {} {}:{}-{}:{}",
        name(r[0]),
        r[1],
        r[2],
        r[4],
        r[3],
        r[5]
    )
}

/// The first difference between our optimised sequence and CPython's, constants compared by
/// value.
fn diff_optimized(
    ours: &[Instr],
    consts: &[Constant],
    theirs: &[Vec<i64>],
    their_consts: &[Constant],
) -> Option<String> {
    for (i, (a, r)) in ours.iter().zip(theirs).enumerate() {
        let op = a.opcode;
        let mut same = i64::from(op.number()) == r[0] && a.loc == loc(r);
        if same && (op.has_arg() || op.jump_kind() != taipan_bytecode::JumpKind::None) {
            if matches!(op, Opcode::LOAD_CONST | Opcode::RETURN_CONST) {
                same = consts.get(a.oparg as usize) == their_consts.get(r[1] as usize);
            } else {
                same = i64::from(a.oparg) == r[1];
            }
        }
        if !same {
            return Some(format!("at {i}: ours {} theirs {}", show(a), show_row(r)));
        }
    }
    if ours.len() != theirs.len() {
        return Some(format!(
            "length ours {} theirs {}",
            ours.len(),
            theirs.len()
        ));
    }
    None
}

fn diff_final(ours: &[Instr], theirs: &[Vec<i64>]) -> Option<String> {
    for (i, (a, r)) in ours.iter().zip(theirs).enumerate() {
        let h = a.except_handler.map_or((-1, 0, 0), |h| {
            (h.label as i64, h.startdepth as i64, h.preserve_lasti as i64)
        });
        let same = i64::from(a.opcode.number()) == r[0]
            && i64::from(a.oparg) == r[1]
            && a.loc == loc(r)
            && h == (r[6], r[7], r[8]);
        if !same {
            return Some(format!(
                "at {i}: ours {} h{:?} theirs {} h({}, {}, {})",
                show(a),
                h,
                show_row(r),
                r[6],
                r[7],
                r[8]
            ));
        }
    }
    if ours.len() != theirs.len() {
        return Some(format!(
            "length ours {} theirs {}",
            ours.len(),
            theirs.len()
        ));
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: cfg_check FILE [-v]");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "-v");
    let text = std::fs::read_to_string(path).expect("readable exchange file");
    let units = parse(&text);
    let (mut opt_ok, mut opt_consts_ok, mut fin_ok, mut stack_ok, mut e2e) = (0, 0, 0, 0, 0);
    for unit in &units {
        let instrs: Vec<Instr> = unit
            .input
            .iter()
            .map(|r| Instr {
                opcode: Opcode::new(r[0] as u16).unwrap_or(Opcode::NOP),
                oparg: r[1] as i32,
                loc: loc(r),
                except_handler: None,
            })
            .collect();
        let mut cfg = Cfg::from_sequence(InstructionSequence::from_resolved(instrs));
        let mut consts = unit.consts.clone();
        if let Err(e) = optimize_code_unit(&mut cfg, &mut consts, unit.nlocals, 0, 1) {
            println!("{}: error {e}", unit.file);
            continue;
        }
        let seq = cfg.to_sequence();
        match diff_optimized(&seq.instrs, &consts, &unit.out, &unit.out_consts) {
            None => opt_ok += 1,
            Some(d) if verbose => println!("OPT {}: {d}", unit.file),
            Some(_) => {}
        }
        if consts == unit.out_consts {
            opt_consts_ok += 1;
        } else if verbose {
            println!(
                "OPTCONSTS {}: ours {:?} theirs {:?}",
                unit.file,
                consts
                    .iter()
                    .filter(|c| !unit.out_consts.contains(c))
                    .collect::<Vec<_>>(),
                unit.out_consts.len() as i64 - consts.len() as i64
            );
        }
        let int = |i: usize| match unit.meta.get(i) {
            Some(Constant::Int(taipan_bytecode::Int::Small(v))) => *v,
            _ => 0,
        };
        let names = |i: usize| -> Vec<taipan_bytecode::PyString> {
            match unit.meta.get(i) {
                Some(Constant::Tuple(t)) => t
                    .iter()
                    .filter_map(|c| match c {
                        Constant::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        let nparams = int(0) as usize;
        let mut md = UnitMetadata::new("<unit>");
        md.firstlineno = int(1) as i32;
        md.flags = taipan_bytecode::CodeFlags(int(2) as u32);
        md.varnames = names(3);
        md.cellvars = names(4);
        md.freevars = names(5);
        let mut cfg = Cfg::from_sequence(InstructionSequence::from_resolved(
            unit.input
                .iter()
                .map(|r| Instr {
                    opcode: Opcode::new(r[0] as u16).unwrap_or(Opcode::NOP),
                    oparg: r[1] as i32,
                    loc: loc(r),
                    except_handler: None,
                })
                .collect(),
        ));
        let mut consts = unit.consts.clone();
        if let Err(e) =
            optimize_code_unit(&mut cfg, &mut consts, unit.nlocals, nparams, md.firstlineno)
        {
            println!("{}: error {e}", unit.file);
            continue;
        }
        if consts != unit.fin_consts {
            continue;
        }
        e2e += 1;
        md.consts = consts;
        match finalize(cfg, &md) {
            Ok(f) => {
                if f.stackdepth == unit.stacksize {
                    stack_ok += 1;
                } else if verbose {
                    println!(
                        "STACK {}: ours {} theirs {}",
                        unit.file, f.stackdepth, unit.stacksize
                    );
                }
                match diff_final(&f.seq.instrs, &unit.fin) {
                    None => fin_ok += 1,
                    Some(d) if verbose => println!("FINAL {}: {d}", unit.file),
                    Some(_) => {}
                }
            }
            Err(e) => println!("{}: finalize error {e}", unit.file),
        }
    }
    let n = units.len();
    println!("units: {n}");
    println!("optimize_cfg instructions equal (consts by value): {opt_ok}/{n}");
    println!("optimize_cfg consts lists equal: {opt_consts_ok}/{n}");
    println!("units whose consts after our optimisation equal compile()'s co_consts: {e2e}/{n}");
    println!(
        "  of those, finalized instructions (opcode, oparg, location, handler) equal: {fin_ok}/{e2e}"
    );
    println!("  of those, co_stacksize equal: {stack_ok}/{e2e}");
}
