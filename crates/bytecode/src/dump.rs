//! A full field dump of a code object and its nested code objects: the text form snapshot
//! tests compare, field by field, with CPython's (the oracle driver writes the same text from
//! a real `types.CodeType`).
//!
//! Each code object is a `code PATH` line (nested ones are `PARENT/N:NAME`, N counting code
//! constants) followed by one line per field: the marshalled fields, then what CPython derives
//! from them (`co_varnames`, `co_cellvars`, `co_freevars`, `co_nlocals`, `co_lines()`,
//! `co_positions()`, the decoded exception table).

use std::fmt::Write as _;

use crate::repr::{ReprOptions, constant_repr};
use crate::{CodeObject, Constant, PyString, exception_table, linetable};

/// The dump of `code` and, after it, of every code object among its constants, recursively.
pub fn dump(code: &CodeObject, options: &ReprOptions) -> String {
    let mut out = String::new();
    dump_into(&mut out, code, &lossy(&code.name), options);
    out
}

fn lossy(s: &PyString) -> String {
    String::from_utf8_lossy(s.as_bytes()).into_owned()
}

fn str_tuple(items: &[&PyString], options: &ReprOptions) -> String {
    let tuple = Constant::Tuple(items.iter().map(|s| Constant::Str((*s).clone())).collect());
    constant_repr(&tuple, options)
}

fn dump_into(out: &mut String, code: &CodeObject, path: &str, options: &ReprOptions) {
    let str_repr = |s: &PyString| constant_repr(&Constant::Str(s.clone()), options);
    let _ = writeln!(out, "code {path}");
    let _ = writeln!(out, "  argcount: {}", code.argcount);
    let _ = writeln!(out, "  posonlyargcount: {}", code.posonlyargcount);
    let _ = writeln!(out, "  kwonlyargcount: {}", code.kwonlyargcount);
    let _ = writeln!(out, "  stacksize: {}", code.stacksize);
    let _ = writeln!(
        out,
        "  flags: {:#x} ({})",
        code.flags.0,
        code.flags.pretty()
    );
    let _ = writeln!(out, "  firstlineno: {}", code.firstlineno);
    let _ = writeln!(out, "  filename: {}", str_repr(&code.filename));
    let _ = writeln!(out, "  name: {}", str_repr(&code.name));
    let _ = writeln!(out, "  qualname: {}", str_repr(&code.qualname));
    let _ = writeln!(out, "  code: {}", hex(&code.code));
    out.push_str("  consts:\n");
    for (i, c) in code.consts.iter().enumerate() {
        let _ = writeln!(out, "    {i}: {}", constant_repr(c, options));
    }
    let names: Vec<&PyString> = code.names.iter().collect();
    let _ = writeln!(out, "  names: {}", str_tuple(&names, options));
    let _ = writeln!(out, "  varnames: {}", str_tuple(&code.varnames(), options));
    let _ = writeln!(out, "  cellvars: {}", str_tuple(&code.cellvars(), options));
    let _ = writeln!(out, "  freevars: {}", str_tuple(&code.freevars(), options));
    let _ = writeln!(out, "  nlocals: {}", code.nlocals());
    let _ = writeln!(out, "  linetable: {}", hex(&code.linetable));
    let _ = writeln!(out, "  exceptiontable: {}", hex(&code.exceptiontable));
    let opt = |v: Option<i32>| v.map_or_else(|| "None".to_owned(), |v| v.to_string());
    let lines: Vec<String> = linetable::lines(code)
        .map(|(start, end, line)| format!("{start}-{end}:{}", opt(line)))
        .collect();
    let _ = writeln!(out, "  lines: {}", lines.join(" "));
    let dash = |v: Option<i32>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
    let positions: Vec<String> = linetable::positions(code)
        .map(|p| {
            format!(
                "{},{},{},{}",
                dash(p.line),
                dash(p.end_line),
                dash(p.column),
                dash(p.end_column)
            )
        })
        .collect();
    let _ = writeln!(out, "  positions: {}", positions.join(" "));
    for e in exception_table::decode(&code.exceptiontable) {
        let _ = writeln!(
            out,
            "  handler: {}-{} -> {} [{}]{}",
            2 * u64::from(e.start),
            2 * u64::from(e.end),
            2 * u64::from(e.target),
            e.depth,
            if e.lasti { " lasti" } else { "" }
        );
    }
    for (n, nested) in code.nested_code().enumerate() {
        let path = format!("{path}/{n}:{}", lossy(&nested.name));
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            dump_into(out, nested, &path, options)
        });
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
