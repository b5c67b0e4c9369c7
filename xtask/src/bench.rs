//! `cargo xtask bench lexer|parser|pyc`: Taipan's lexer, parser or marshal beside CPython 3.13's
//! on the same files in one run, as throughput and ratios (ratios, not absolute times: these
//! machines are noisy). `bench parser` also runs ruff's and RustPython's parsers
//! (`benches/compare`, a cargo workspace of its own) when they build.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use taipan_snapshots::oracle::Oracle;

/// The standard library without its tests: 630 files, about 11.5 MB.
pub(crate) fn corpus(oracle: &Oracle) -> Result<Vec<(PathBuf, String)>, String> {
    let (root, files) = oracle.stdlib_files()?;
    let mut corpus = Vec::new();
    for path in files {
        let relative = path.strip_prefix(&root).unwrap_or(&path);
        if relative
            .components()
            .any(|c| matches!(c.as_os_str().to_str(), Some("test" | "tests" | "idle_test")))
        {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        let Ok(decoded) =
            taipan_lexer::source::decode(&bytes, None, taipan_lexer::source::Errors::Replace)
        else {
            continue;
        };
        corpus.push((path, decoded.text.into_owned()));
    }
    Ok(corpus)
}

/// The best of `rounds` timings of `f`.
fn best_of(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

const PYTHON_BENCH: &str = r#"
import sys, time, tokenize, _tokenize, io
paths = sys.argv[1:]
sources = []
for p in paths:
    with open(p, "rb") as f:
        data = f.read()
    enc, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    sources.append(data.decode("utf-8" if enc == "utf-8-sig" else enc, "replace"))
def best(fn, rounds):
    times = []
    for _ in range(rounds):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return min(times)
def module():
    for s in sources:
        for _ in tokenize.generate_tokens(io.StringIO(s).readline):
            pass
def c_tokenizer():
    for s in sources:
        for _ in _tokenize.TokenizerIter(io.StringIO(s).readline, extra_tokens=False):
            pass
print(best(module, 2), best(c_tokenizer, 3))
"#;

pub(crate) fn lexer() -> Result<(), String> {
    let oracle =
        Oracle::find().map_err(|why| format!("bench needs the oracle to compare with: {why}"))?;
    let corpus = corpus(&oracle)?;
    let bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} files, {:.1} MB (the standard library without its tests)",
        corpus.len(),
        mb
    );

    let mut tokens = 0usize;
    let parser = best_of(5, || {
        tokens = 0;
        for (_, text) in &corpus {
            for token in taipan_lexer::parser_tokens(text) {
                if token.is_err() {
                    break;
                }
                tokens += 1;
            }
        }
    });
    let tokenize_view = best_of(3, || {
        for (_, text) in &corpus {
            for token in taipan_lexer::Tokenize::new(text) {
                if token.is_err() {
                    break;
                }
            }
        }
    });

    let paths: Vec<String> = corpus
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["-c".to_owned(), PYTHON_BENCH.to_owned()];
    args.extend(paths);
    let outcome = oracle.run(&args, std::path::Path::new("."))?;
    let text = String::from_utf8_lossy(&outcome.stdout);
    let times: Vec<f64> = text
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    let [py_module, py_c] = times[..] else {
        return Err(format!(
            "the CPython benchmark failed: {}",
            String::from_utf8_lossy(&outcome.stderr)
        ));
    };

    let rate = |secs: f64| mb / secs;
    let parser_rate = rate(parser.as_secs_f64());
    let view_rate = rate(tokenize_view.as_secs_f64());
    println!("{:<44} {:>9} {:>12}", "tokenizer", "MB/s", "Taipan is");
    println!(
        "{:<44} {:>9.1} {:>12}",
        "taipan parser stream (Lexer, Mode::Parser)", parser_rate, ""
    );
    println!(
        "{:<44} {:>9.1} {:>12}",
        "taipan tokenize view (TokenInfo)", view_rate, ""
    );
    println!(
        "{:<44} {:>9.1} {:>11.1}x",
        "CPython tokenize.generate_tokens",
        rate(py_module),
        parser_rate / rate(py_module)
    );
    println!(
        "{:<44} {:>9.1} {:>11.1}x",
        "CPython C tokenizer (_tokenize.TokenizerIter)",
        rate(py_c),
        parser_rate / rate(py_c)
    );
    println!(
        "({tokens} parser tokens; best of 5 runs for Taipan, 2-3 for CPython; ratios are Taipan's parser stream over each)"
    );
    Ok(())
}

const PYTHON_PARSE_BENCH: &str = r#"
import ast, sys, time
rounds = int(sys.argv[1])
sources = []
for p in sys.argv[2:]:
    with open(p, "rb") as f:
        sources.append(f.read())
def run():
    for s in sources:
        ast.parse(s)
times = []
for _ in range(rounds):
    t = time.perf_counter(); run(); times.append(time.perf_counter() - t)
print(min(times))
"#;

/// One line of `benches/compare`'s output: `parser=NAME files=N ok=K bytes=B best_secs=S ...`.
#[derive(Debug)]
struct Compared {
    name: String,
    files: usize,
    ok: usize,
    bytes: usize,
    secs: f64,
}

impl Compared {
    fn from_line(line: &str) -> Option<Compared> {
        let field = |key: &str| {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        };
        Some(Compared {
            name: field("parser")?.to_owned(),
            files: field("files")?.parse().ok()?,
            ok: field("ok")?.parse().ok()?,
            bytes: field("bytes")?.parse().ok()?,
            secs: field("best_secs")?.parse().ok()?,
        })
    }
}

/// Builds and runs `benches/compare` (ruff's and RustPython's parsers, a cargo workspace of its
/// own) on `paths`; the reason when it cannot be built or run.
fn compare_parsers(paths: &[String], rounds: usize) -> Result<Vec<Compared>, String> {
    let manifest = taipan_snapshots::repo_root().join("benches/compare/Cargo.toml");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("building benches/compare (ruff_python_parser, rustpython-parser)...");
    let build = std::process::Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "--locked",
            "--manifest-path",
        ])
        .arg(&manifest)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !build.success() {
        return Err("benches/compare did not build (see cargo's messages above)".to_owned());
    }
    let output = std::process::Command::new(&cargo)
        .args(["run", "--release", "--quiet", "--locked", "--manifest-path"])
        .arg(&manifest)
        .args(["--", "--rounds", &rounds.to_string()])
        .args(paths)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let results: Vec<Compared> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(Compared::from_line)
        .collect();
    if !output.status.success() || results.is_empty() {
        return Err(format!(
            "benches/compare failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(results)
}

pub(crate) fn parser() -> Result<(), String> {
    const ROUNDS: usize = 5;
    let oracle =
        Oracle::find().map_err(|why| format!("bench needs the oracle to compare with: {why}"))?;
    let corpus = corpus(&oracle)?;
    let bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let paths: Vec<String> = corpus
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    println!(
        "corpus: {} files, {:.1} MB (the standard library without its tests)",
        corpus.len(),
        mb
    );

    let options = taipan_parser::Options::default();
    let mut arena = bumpalo::Bump::new();
    let mut ok = 0usize;
    let taipan = best_of(ROUNDS, || {
        ok = 0;
        for (_, text) in &corpus {
            arena.reset();
            let parsed = taipan_parser::parse(text, &options, &arena);
            ok += usize::from(std::hint::black_box(parsed).is_ok());
        }
    });

    let mut args = vec![
        "-c".to_owned(),
        PYTHON_PARSE_BENCH.to_owned(),
        "3".to_owned(),
    ];
    args.extend(paths.iter().cloned());
    let outcome = oracle.run(&args, std::path::Path::new("."))?;
    let Ok(cpython) = String::from_utf8_lossy(&outcome.stdout)
        .trim()
        .parse::<f64>()
    else {
        return Err(format!(
            "the CPython benchmark failed: {}",
            String::from_utf8_lossy(&outcome.stderr)
        ));
    };

    let compared = compare_parsers(&paths, ROUNDS);

    let taipan_rate = mb / taipan.as_secs_f64();
    let cpython_rate = mb / cpython;
    println!("{:<46} {:>9} {:>12}", "parser", "MB/s", "Taipan is");
    println!(
        "{:<46} {:>9.1} {:>12}",
        "taipan_parser::parse (arena AST)", taipan_rate, ""
    );
    println!(
        "{:<46} {:>9.1} {:>11.2}x",
        "CPython ast.parse (from bytes)",
        cpython_rate,
        taipan_rate / cpython_rate
    );
    let mut notes = Vec::new();
    if ok != corpus.len() {
        notes.push(format!(
            "taipan rejected {} of {} files",
            corpus.len() - ok,
            corpus.len()
        ));
    }
    match &compared {
        Ok(results) => {
            for result in results {
                let rate = result.bytes as f64 / 1e6 / result.secs;
                println!(
                    "{:<46} {:>9.1} {:>11.2}x",
                    result.name,
                    rate,
                    taipan_rate / rate
                );
                if result.ok != result.files {
                    notes.push(format!(
                        "{} rejected {} of {} files",
                        result.name,
                        result.files - result.ok,
                        result.files
                    ));
                }
            }
        }
        Err(why) => println!("(ruff_python_parser and rustpython-parser not run: {why})"),
    }
    println!(
        "(best of {ROUNDS} runs for Taipan and the Rust parsers, 3 for CPython; ratios are Taipan's MB/s over each)"
    );
    for note in notes {
        println!("({note})");
    }
    Ok(())
}

const PYTHON_MARSHAL_BENCH: &str = r#"
import marshal, sys, time
rounds = int(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    paths = f.read().splitlines()
datas = []
for p in paths:
    with open(p, "rb") as f:
        datas.append(f.read()[16:])
def best(fn):
    times = []
    for _ in range(rounds):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return min(times)
def loads():
    for d in datas:
        marshal.loads(d)
objs = [marshal.loads(d) for d in datas]
def dumps():
    for o in objs:
        marshal.dumps(o)
print(best(loads), best(dumps))
"#;

/// `cargo xtask bench pyc`: `marshal` over the standard library's `.pyc` files (their bytes after
/// the 16-byte header): Taipan's `loads` and `dumps` beside CPython's `marshal.loads` and
/// `marshal.dumps`, run by a Python process timing itself on the same bytes in the same run.
/// Each `loads` includes freeing the value (CPython frees each object as the loop moves on).
pub(crate) fn pyc() -> Result<(), String> {
    const ROUNDS: usize = 5;
    let oracle =
        Oracle::find().map_err(|why| format!("bench needs the oracle to compare with: {why}"))?;
    let (_, files) = oracle.stdlib_pycs()?;
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".cpython-313"))
        })
        .collect();
    let mut datas = Vec::with_capacity(files.len());
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if bytes.len() > taipan_pyc::header::HEADER_LEN {
            datas.push(bytes[taipan_pyc::header::HEADER_LEN..].to_vec());
        }
    }
    let bytes: usize = datas.iter().map(Vec::len).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} .pyc files, {:.1} MB of marshal data (the standard library's __pycache__, without site-packages)",
        datas.len(),
        mb
    );

    let mut failed = 0usize;
    let loads = best_of(ROUNDS, || {
        failed = 0;
        for data in &datas {
            failed += usize::from(std::hint::black_box(taipan_pyc::marshal::loads(data)).is_err());
        }
    });
    let values: Vec<_> = datas
        .iter()
        .filter_map(|data| taipan_pyc::marshal::loads(data).ok())
        .collect();
    let dumps = best_of(ROUNDS, || {
        for value in &values {
            std::hint::black_box(taipan_pyc::marshal::dumps(value));
        }
    });

    let list = std::env::temp_dir().join(format!("taipan-bench-pyc-{}.txt", std::process::id()));
    let paths: Vec<String> = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    std::fs::write(&list, paths.join("\n")).map_err(|e| e.to_string())?;
    let args = vec![
        "-c".to_owned(),
        PYTHON_MARSHAL_BENCH.to_owned(),
        "3".to_owned(),
        list.to_string_lossy().into_owned(),
    ];
    let outcome = oracle.run(&args, std::path::Path::new("."));
    let _ = std::fs::remove_file(&list);
    let outcome = outcome?;
    let times: Vec<f64> = String::from_utf8_lossy(&outcome.stdout)
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    let [py_loads, py_dumps] = times[..] else {
        return Err(format!(
            "the CPython benchmark failed: {}",
            String::from_utf8_lossy(&outcome.stderr)
        ));
    };

    let rate = |secs: f64| mb / secs;
    let (loads_rate, dumps_rate) = (rate(loads.as_secs_f64()), rate(dumps.as_secs_f64()));
    println!("{:<36} {:>9} {:>12}", "marshal", "MB/s", "Taipan is");
    println!(
        "{:<36} {:>9.1} {:>12}",
        "taipan marshal::loads", loads_rate, ""
    );
    println!(
        "{:<36} {:>9.1} {:>11.2}x",
        "CPython marshal.loads",
        rate(py_loads),
        loads_rate / rate(py_loads)
    );
    println!(
        "{:<36} {:>9.1} {:>12}",
        "taipan marshal::dumps", dumps_rate, ""
    );
    println!(
        "{:<36} {:>9.1} {:>11.2}x",
        "CPython marshal.dumps",
        rate(py_dumps),
        dumps_rate / rate(py_dumps)
    );
    println!(
        "(MB/s of marshal data read or written; best of {ROUNDS} runs for Taipan, 3 for CPython; ratios are Taipan's MB/s over CPython's)"
    );
    if failed > 0 {
        println!("(taipan could not read {failed} files)");
    }
    Ok(())
}

const PYTHON_COMPILE_BENCH: &str = r#"
import sys, time, warnings
warnings.simplefilter("ignore")
rounds = int(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    paths = f.read().split("\n")
sources = []
for p in paths:
    with open(p, "rb") as f:
        sources.append((f.read(), p))
def run():
    for s, p in sources:
        compile(s, p, "exec", dont_inherit=True)
times = []
for _ in range(rounds):
    t = time.perf_counter(); run(); times.append(time.perf_counter() - t)
print(min(times))
"#;

/// `cargo xtask bench compiler`: source to code objects (parse and compile) over the standard
/// library without its tests, Taipan (`taipan::compile::compile_source`, the same path `-m dis`
/// and `-m py_compile` take) beside CPython's `compile()`, on the files both compile.
pub(crate) fn compiler() -> Result<(), String> {
    const ROUNDS: usize = 3;
    let oracle =
        Oracle::find().map_err(|why| format!("bench needs the oracle to compare with: {why}"))?;
    let corpus = corpus(&oracle)?;
    let mut sources = Vec::new();
    for (path, _) in &corpus {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.to_string_lossy().into_owned();
        // Only files Taipan compiles are timed on both sides, so that the ratio compares the
        // same work.
        if taipan::compile::compile_source(&bytes, &name, 0).is_ok() {
            sources.push((bytes, name));
        }
    }
    let bytes: usize = sources.iter().map(|(b, _)| b.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} of {} files compiled by Taipan, {:.1} MB (the standard library without its tests)",
        sources.len(),
        corpus.len(),
        mb
    );
    let taipan = best_of(ROUNDS, || {
        for (bytes, name) in &sources {
            let _ = std::hint::black_box(taipan::compile::compile_source(bytes, name, 0));
        }
    });
    let list =
        std::env::temp_dir().join(format!("taipan-bench-compile-{}.txt", std::process::id()));
    let paths: Vec<String> = sources.iter().map(|(_, name)| name.clone()).collect();
    std::fs::write(&list, paths.join("\n")).map_err(|e| e.to_string())?;
    let args = vec![
        "-c".to_owned(),
        PYTHON_COMPILE_BENCH.to_owned(),
        ROUNDS.to_string(),
        list.to_string_lossy().into_owned(),
    ];
    let outcome = oracle.run(&args, std::path::Path::new("."));
    let _ = std::fs::remove_file(&list);
    let outcome = outcome?;
    let cpython: f64 = String::from_utf8_lossy(&outcome.stdout)
        .trim()
        .parse()
        .map_err(|_| {
            format!(
                "the CPython benchmark failed: {}",
                String::from_utf8_lossy(&outcome.stderr)
            )
        })?;
    let ours = taipan.as_secs_f64();
    println!(
        "{:<40} {:>9} {:>12}",
        "source -> code objects", "MB/s", "Taipan is"
    );
    println!(
        "{:<40} {:>9.1} {:>12}",
        "taipan (parse + compile)",
        mb / ours,
        ""
    );
    println!(
        "{:<40} {:>9.1} {:>11.2}x",
        "CPython compile()",
        mb / cpython,
        cpython / ours
    );
    println!("(best of {ROUNDS} runs each; the ratio is CPython's time over Taipan's)");
    Ok(())
}
