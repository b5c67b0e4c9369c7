//! The whole back end (`optimize_and_assemble`: CFG passes, finalisation, assembly) against
//! the code objects CPython 3.13's `compile()` makes, on an exchange file written by an oracle
//! script. Each unit: `FILE path[::qualname]`, `CONSTS`/`NAMES`/`VARS` (marshalled tuples:
//! constants, names, and `(varnames, cellvars, freevars)`), optional `NPARAMS n`, `IN n` then
//! `n` lines `opcode oparg lineno end_lineno col end_col` (code generation's sequence from
//! `_testinternalcapi.compiler_codegen`), `CODE` (the marshalled code object), `END`. For a
//! nested unit the true input constants are not exposed: `CONSTS` is its `co_consts`, and a unit
//! is compared only when our optimisation gives back exactly those.
//!
//! Usage: `cargo run -p taipan-compiler --example backend_check -- FILE`
use taipan_bytecode::{Constant, Opcode, PyString};
use taipan_compiler::ir::{Instr, InstructionSequence, Location};
use taipan_compiler::unit::UnitMetadata;

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}
fn strs(c: &Constant) -> Vec<PyString> {
    match c {
        Constant::Tuple(t) => t
            .iter()
            .map(|x| match x {
                Constant::Str(s) => s.clone(),
                _ => PyString::new("?"),
            })
            .collect(),
        _ => vec![],
    }
}
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let mut lines = text.lines();
    let (mut n, mut ok, mut skipped) = (0, 0, 0);
    let mut fields = std::collections::BTreeMap::<&str, usize>::new();
    while let Some(line) = lines.next() {
        let Some(file) = line.strip_prefix("FILE ") else {
            continue;
        };
        let mut md = UnitMetadata::new("<module>");
        let mut instrs = Vec::new();
        let mut code = None;
        let mut nparams = 0usize;
        while let Some(line) = lines.next() {
            if line == "END" {
                break;
            }
            let (k, v) = line.split_once(' ').unwrap();
            match k {
                "CONSTS" => {
                    if let Constant::Tuple(t) = taipan_pyc::marshal::loads(&unhex(v)).unwrap() {
                        md.consts = t.into_vec()
                    }
                }
                "NAMES" => md.names = strs(&taipan_pyc::marshal::loads(&unhex(v)).unwrap()),
                "VARS" => {
                    if let Constant::Tuple(t) = taipan_pyc::marshal::loads(&unhex(v)).unwrap() {
                        md.varnames = strs(&t[0]);
                        md.cellvars = strs(&t[1]);
                        md.freevars = strs(&t[2]);
                    }
                }
                "IN" => {
                    for _ in 0..v.parse::<usize>().unwrap() {
                        let r: Vec<i32> = lines
                            .next()
                            .unwrap()
                            .split(' ')
                            .map(|x| x.parse().unwrap())
                            .collect();
                        instrs.push(Instr {
                            opcode: Opcode::new(r[0] as u16).unwrap(),
                            oparg: r[1],
                            loc: Location::new(r[2], r[3], r[4], r[5]),
                            except_handler: None,
                        });
                    }
                }
                "NPARAMS" => nparams = v.parse().unwrap(),
                "CODE" => code = Some(taipan_pyc::marshal::loads_code(&unhex(v)).unwrap()),
                _ => {}
            }
        }
        let theirs = code.unwrap();
        // Metadata codegen knows but compiler_codegen's dict does not show.
        md.flags = theirs.flags;
        md.name = theirs.name.clone();
        md.qualname = theirs.qualname.clone();
        md.firstlineno = theirs.firstlineno;
        md.posonlyargcount = theirs.posonlyargcount;
        md.argcount = theirs.argcount - theirs.posonlyargcount;
        md.kwonlyargcount = theirs.kwonlyargcount;
        let g = md.consts.clone();
        // Nested units: the input constants are co_consts (the true ones are not exposed); only
        // units whose optimisation gives back exactly co_consts are comparable.
        if nparams > 0 || file.contains("::") {
            let mut cfg = taipan_compiler::flowgraph::Cfg::from_sequence(
                InstructionSequence::from_resolved(instrs.clone()),
            );
            let mut consts = g.clone();
            if taipan_compiler::flowgraph::optimize_code_unit(
                &mut cfg,
                &mut consts,
                md.varnames.len(),
                nparams,
                md.firstlineno,
            )
            .is_err()
                || consts != theirs.consts
            {
                skipped += 1;
                continue;
            }
        }
        md.fasthidden = theirs
            .localsplusnames
            .iter()
            .zip(&theirs.localspluskinds)
            .filter(|(_, k)| k.0 & taipan_bytecode::LocalKind::HIDDEN != 0)
            .map(|(n, _)| n.clone())
            .collect();
        n += 1;
        let seq = InstructionSequence::from_resolved(instrs);
        match taipan_compiler::optimize_and_assemble(
            seq,
            &mut md,
            nparams,
            &PyString::new(file.split("::").next().unwrap()),
        ) {
            Ok(ours) => {
                if ours == theirs {
                    ok += 1;
                    continue;
                }
                let mut which = vec![];
                if ours.code != theirs.code {
                    which.push("code");
                }
                if ours.consts != theirs.consts {
                    which.push("consts");
                }
                if ours.names != theirs.names {
                    which.push("names");
                }
                if ours.linetable != theirs.linetable {
                    which.push("linetable");
                }
                if ours.exceptiontable != theirs.exceptiontable {
                    which.push("exceptiontable");
                }
                if ours.stacksize != theirs.stacksize {
                    which.push("stacksize");
                }
                if ours.localsplusnames != theirs.localsplusnames
                    || ours.localspluskinds != theirs.localspluskinds
                {
                    which.push("localsplus");
                }
                if ours.flags != theirs.flags {
                    which.push("flags");
                }
                if ours.firstlineno != theirs.firstlineno {
                    which.push("firstlineno");
                }
                if which.is_empty() {
                    which.push("other");
                }
                for w in &which {
                    *fields.entry(w).or_default() += 1;
                }
                println!("DIFF {file}: {which:?}");
            }
            Err(e) => println!("ERR {file}: {e}"),
        }
    }
    println!(
        "code objects equal to compile(): {ok}/{} (skipped, constants not recoverable: {skipped}); differing fields: {fields:?}",
        n
    );
}
