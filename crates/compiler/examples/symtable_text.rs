//! Prints the symbol table text of Python files (`SymbolTable::text`), or the error the
//! symbol table raises, as `ExceptionName: message (lineno, offset, end_lineno, end_offset)`
//! with CPython's 1-based character offsets.
//!
//! `cargo run -p taipan-compiler --example symtable_text -- FILE...`: with several files each
//! output is preceded by a `=== FILE` line.

use taipan_ast::LineIndex;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let many = files.len() > 1;
    for file in &files {
        if many {
            println!("=== {file}");
        }
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                println!("IOError: {e}");
                continue;
            }
        };
        let decoded = match taipan_lexer::source::decode(
            &bytes,
            Some(file),
            taipan_lexer::source::Errors::Strict,
        ) {
            Ok(d) => d,
            Err(e) => {
                println!("DecodeError: {e}");
                continue;
            }
        };
        print!("{}", symtable_text(&decoded.text));
    }
}

fn symtable_text(source: &str) -> String {
    let arena = bumpalo::Bump::new();
    let parsed = match taipan_parser::parse(source, &taipan_parser::Options::default(), &arena) {
        Ok(p) => p,
        Err(e) => return format!("ParseError: {e:?}\n"),
    };
    let index = LineIndex::new(source);
    match taipan_compiler::symtable::build(&parsed.tree, &index, Default::default()) {
        Ok(table) => table.text(),
        Err(e) => {
            let (l, c, el, ec) = e.cpython_position(source);
            // A negative end column stands for CPython's `None`.
            let ec = if e.location.end_col_offset < 0 {
                "None".to_owned()
            } else {
                ec.to_string()
            };
            if e.location.is_none() {
                return format!("{}: {}\n", e.kind.name(), e.message);
            }
            format!("{}: {} ({l}, {c}, {el}, {ec})\n", e.kind.name(), e.message)
        }
    }
}
