//! The symbol table against CPython 3.13.0's `_symtable` module: each snippet's expected text
//! (or error, with CPython's message and `(lineno, offset, end_lineno, end_offset)`) was
//! printed by the oracle (`_symtable.symtable(src, "f", "exec")` through the driver's
//! `symtable_text`), never written by hand.

use taipan_ast::LineIndex;

fn table_text(source: &str) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = taipan_parser::parse(source, &taipan_parser::Options::default(), &arena)
        .expect("the snippet parses");
    let index = LineIndex::new(source);
    match taipan_compiler::symtable::build(&parsed.tree, &index, Default::default()) {
        Ok(table) => table.text(),
        Err(e) => {
            let (l, c, el, ec) = e.cpython_position(source);
            let ec = if e.location.end_col_offset < 0 {
                "None".to_owned()
            } else {
                ec.to_string()
            };
            format!("{}: {} ({l}, {c}, {el}, {ec})\n", e.kind.name(), e.message)
        }
    }
}

fn seed_is_zero() -> bool {
    matches!(
        std::env::var("PYTHONHASHSEED").as_deref(),
        Err(_) | Ok("") | Ok("0") | Ok("random")
    )
}

fn check(source: &str, expected: &str) {
    assert_eq!(table_text(source), expected, "source:\n{source}");
}

mod part1;
mod part2;
mod part3;
