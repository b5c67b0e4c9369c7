//! Parses a file and prints its tree as `python3.13 -m ast -a FILE` does (any PEP 263 encoding; the `taipan -m ast` command handles encodings, modes and errors in full).
//!
//! ```text
//! cargo run -p taipan-parser --example dump -- FILE...
//! ```

use taipan_ast::{DumpOptions, LineIndex, dump};
use taipan_parser::{Options, parse};

fn main() {
    let mut status = 0;
    let paths: Vec<String> = std::env::args().skip(1).collect();
    // With several files, each output is headed by `=== PATH`.
    let many = paths.len() > 1;
    for path in paths {
        if many {
            println!("=== {path}");
        }
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            status = 1;
            continue;
        };
        let decoded = match taipan_lexer::source::decode(
            &bytes,
            Some(&path),
            taipan_lexer::source::Errors::Strict,
        ) {
            Ok(decoded) => decoded,
            Err(error) => {
                println!("decode error: {error:?}");
                continue;
            }
        };
        let source: &str = &decoded.text;
        let arena = bumpalo::Bump::new();
        let options = Options {
            type_comments: true,
            ..Options::default()
        };
        match parse(source, &options, &arena) {
            Ok(parsed) => {
                let index = LineIndex::new(source);
                let options = DumpOptions {
                    indent: Some("   ".to_string()),
                    positions: Some(&index),
                };
                println!("{}", dump(&parsed.tree, &options));
            }
            Err(error) => {
                let show = |v: Option<i32>| v.map_or("None".to_string(), |v| v.to_string());
                println!(
                    "{}: {} ({}, {}, {}, {})",
                    error.exception.name(),
                    error.message,
                    show(error.lineno),
                    show(error.offset),
                    show(error.end_lineno),
                    show(error.end_offset)
                );
                status = 1;
            }
        }
    }
    std::process::exit(status);
}
