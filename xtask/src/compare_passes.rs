//! `cargo xtask compare-passes FILE [LEVEL]` (or `-c SNIPPET [LEVEL]`): each of Taipan's
//! compiler passes beside CPython's own for one source, so that a difference is found at the pass
//! that made it. The passes and their texts are `taipan_compiler::passes`'s; CPython's come from
//! the oracle driver (`--passes`: `ast` with `PyCF_OPTIMIZED_AST`, `_symtable`, and
//! `_testinternalcapi.compiler_codegen`/`optimize_cfg` for the module's own code unit).

use taipan_bytecode::repr::ReprOptions;
use taipan_snapshots::golden::{first_difference, hide_addresses};
use taipan_snapshots::oracle::Oracle;

/// Splits the driver's output into `(pass, text)` sections headed `-- PASS`.
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("-- ") {
            out.push((name.trim_end().to_owned(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
        }
    }
    out
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: cargo xtask compare-passes FILE [LEVEL] | -c SNIPPET [LEVEL]";
    let (path, level, _scratch) = match args {
        [flag, snippet, rest @ ..] if flag == "-c" => {
            let dir = std::env::temp_dir().join(format!("taipan-passes-{}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let path = dir.join("snippet.py");
            std::fs::write(&path, format!("{snippet}\n")).map_err(|e| e.to_string())?;
            (path, rest.first().cloned(), Some(dir))
        }
        [file, rest @ ..] => (file.into(), rest.first().cloned(), None),
        [] => return Err(usage.to_owned()),
    };
    let level: i32 = level
        .map_or(Ok(0), |l| l.parse())
        .map_err(|_| usage.to_owned())?;
    let oracle = Oracle::find()?;
    let name = path.to_string_lossy().into_owned();
    let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
    let decoded = taipan_lexer::source::decode(&bytes, None, taipan_lexer::source::Errors::Strict)
        .map_err(|e| format!("{name}: {e:?}"))?;
    let source = decoded.text.into_owned();
    let arena = bumpalo::Bump::new();
    let parse_options = taipan_parser::Options {
        skip_ast_construction_limit: true,
        ..taipan_parser::Options::default()
    };
    let parsed = taipan_parser::parse(&source, &parse_options, &arena)
        .map_err(|e| format!("{name}: the parser rejects it: {}", e.message))?;
    let mut tree = parsed.tree;
    let options = taipan_compiler::Options {
        filename: name.clone(),
        optimize: level,
        ..taipan_compiler::Options::default()
    };
    let repr = ReprOptions {
        secret: taipan_hash::HashSecret::from_env().map_err(|e| e.to_string())?,
    };
    let ours = taipan_compiler::passes::run_passes(&mut tree, &arena, &source, &options, &repr);
    let theirs = oracle.run_driver(
        &["--passes".into(), name.clone(), level.to_string()],
        std::path::Path::new("."),
    )?;
    let theirs = sections(&String::from_utf8_lossy(&hide_addresses(&theirs.stdout)));
    let mut first = true;
    for pass in &ours {
        let Some((_, want)) = theirs.iter().find(|(n, _)| *n == pass.name) else {
            println!("{:<9} (the oracle gave no output)", pass.name);
            continue;
        };
        let got = String::from_utf8_lossy(&hide_addresses(pass.text.as_bytes())).into_owned();
        if *want == got {
            println!("{:<9} same", pass.name);
        } else {
            println!("{:<9} DIFFERS", pass.name);
            if first {
                print!("{}", first_difference(want.as_bytes(), got.as_bytes()));
                first = false;
            }
        }
    }
    Ok(())
}
