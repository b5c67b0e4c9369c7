//! `cargo xtask bench lexer`: Taipan's lexer and CPython 3.13's tokenizers on the same files in
//! one run, as throughput and ratios (ratios, not absolute times: these machines are noisy).

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
