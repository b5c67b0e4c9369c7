//! Parses files, runs the AST optimizer at a level, prints the tree as CPython 3.13's
//! `ast.dump(ast.parse(source, optimize=LEVEL))` does (level 0: `compile(source, FILE, 'exec',
//! flags=PyCF_ONLY_AST | PyCF_OPTIMIZED_AST, optimize=0)`).
//!
//! ```text
//! cargo run -p taipan-compiler --example fold_dump -- [--positions] LEVEL FILE...
//! ```
//!
//! `--positions` adds the four position attributes (`include_attributes=True`). With several
//! files, each dump is headed by `=== PATH`.

use taipan_ast::{DumpOptions, LineIndex, dump};
use taipan_parser::{Options, parse};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let positions = args.first().is_some_and(|a| a == "--positions");
    if positions {
        args.remove(0);
    }
    let Some(level) = args.first().and_then(|a| a.parse::<i32>().ok()) else {
        eprintln!("usage: fold_dump [--positions] LEVEL FILE...");
        std::process::exit(2);
    };
    let paths = &args[1..];
    let many = paths.len() > 1;
    for path in paths {
        if many {
            println!("=== {path}");
        }
        let Ok(bytes) = std::fs::read(path) else {
            println!("error: cannot read");
            continue;
        };
        let decoded = match taipan_lexer::source::decode(
            &bytes,
            Some(path),
            taipan_lexer::source::Errors::Strict,
        ) {
            Ok(decoded) => decoded,
            Err(error) => {
                println!("error: decode: {error:?}");
                continue;
            }
        };
        let source: &str = &decoded.text;
        let arena = bumpalo::Bump::new();
        match parse(source, &Options::default(), &arena) {
            Ok(parsed) => {
                let mut tree = parsed.tree;
                taipan_compiler::fold::optimize(&mut tree, &arena, level);
                let index = LineIndex::new(source);
                let options = DumpOptions {
                    indent: None,
                    positions: positions.then_some(&index),
                };
                println!("{}", dump(&tree, &options));
            }
            Err(error) => println!("error: {}: {}", error.exception.name(), error.message),
        }
    }
}
