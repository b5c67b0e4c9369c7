//! `cargo xtask cpython-tests [TEST…]`: CPython 3.13's own regression tests run by CPython with
//! every module they import compiled by Taipan (`tests/src/taipan_import_hook.py`), beside the
//! same tests compiled by CPython: Taipan's compiler checked by CPython's VM, independently of
//! Taipan's. `cargo xtask compile-server` is the Taipan side of the hook.

use std::io::{BufRead, Read, Write};

use taipan_snapshots::oracle::Oracle;

/// The tests the issue names; any others may be given on the command line.
pub(crate) const DEFAULT_TESTS: &[&str] = &[
    "test_grammar",
    "test_compile",
    "test_syntax",
    "test_patma",
    "test_scope",
    "test_exceptions",
    "test_except_star",
    "test_generators",
    "test_coroutines",
    "test_fstring",
    "test_class",
    "test_with",
    "test_contextlib",
    "test_type_params",
    "test_listcomps",
    "test_setcomps",
    "test_dictcomps",
    "test_unpack",
];

const HOOK: &str = include_str!("../../tests/src/taipan_import_hook.py");

/// unittest's summary of a run: `Ran N tests` and the verdict line (`OK (skipped=2)`,
/// `FAILED (failures=1)`), or what went wrong.
fn summary(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let ran = text.lines().rev().find(|l| l.starts_with("Ran "));
    let verdict = text
        .lines()
        .rev()
        .find(|l| l.starts_with("OK") || l.starts_with("FAILED"));
    match (ran, verdict) {
        (Some(ran), Some(verdict)) => {
            let ran = ran.split(" in ").next().unwrap_or(ran);
            format!("{ran}: {verdict}")
        }
        _ => {
            let last: Vec<&str> = text.lines().rev().take(3).collect();
            format!(
                "no unittest summary; last lines: {}",
                last.into_iter().rev().collect::<Vec<_>>().join(" | ")
            )
        }
    }
}

pub(crate) fn run(tests: &[String]) -> Result<(), String> {
    let oracle = Oracle::find()?;
    let tests: Vec<String> = if tests.is_empty() {
        DEFAULT_TESTS.iter().map(|t| (*t).to_owned()).collect()
    } else {
        tests.to_vec()
    };
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let server = format!(
        "[\"{}\", \"compile-server\"]",
        exe.to_string_lossy()
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
    );
    let cwd = std::env::temp_dir();
    println!(
        "{:<18} {:<44} {}",
        "test", "CPython's compiler", "Taipan's compiler"
    );
    let mut same = 0;
    for test in &tests {
        let module = format!("test.{test}");
        let cpython = oracle.run(&["-m".into(), "unittest".into(), module.clone()], &cwd)?;
        let taipan = oracle.run(
            &[
                "-c".into(),
                HOOK.into(),
                server.clone(),
                "0".into(),
                "--".into(),
                "unittest".into(),
                module,
            ],
            &cwd,
        )?;
        let (want, got) = (summary(&cpython.stderr), summary(&taipan.stderr));
        let compiled = String::from_utf8_lossy(&taipan.stderr)
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("taipan-import-hook: ").map(str::to_owned))
            .unwrap_or_default();
        same += usize::from(want == got);
        println!(
            "{test:<18} {want:<44} {got}{}  [{compiled}]",
            if want == got { "" } else { "   <- differs" }
        );
    }
    println!(
        "{same} / {} test modules give CPython's result",
        tests.len()
    );
    Ok(())
}

/// The compile server (see the hook for the protocol): compiles each request with
/// `taipan::compile::compile_source` until standard input closes.
pub(crate) fn compile_server() -> Result<(), String> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut output = stdout.lock();
    let mut header = Vec::new();
    loop {
        header.clear();
        if input
            .read_until(b'\n', &mut header)
            .map_err(|e| e.to_string())?
            == 0
        {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&header);
        let mut fields = line.trim_end_matches('\n').splitn(3, '\t');
        let (Some(level), Some(path), Some(len)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("compile server: bad request {line:?}"));
        };
        let level: i32 = level.parse().map_err(|_| "bad level".to_owned())?;
        let len: usize = len.parse().map_err(|_| "bad length".to_owned())?;
        let mut source = vec![0; len];
        input.read_exact(&mut source).map_err(|e| e.to_string())?;
        let (status, payload) = match taipan::compile::compile_source(&source, path, level) {
            Ok(compiled) => ("OK", taipan_pyc::marshal::dumps_code(&compiled.code)),
            Err(failure) => {
                let e = failure.exception;
                let s = e.syntax.unwrap_or_default();
                let n = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
                let fields = [
                    e.type_name,
                    e.message,
                    n(s.lineno),
                    n(s.offset),
                    n(s.end_lineno),
                    n(s.end_offset),
                    s.text.unwrap_or_default(),
                ];
                ("ERR", fields.join("\0").into_bytes())
            }
        };
        write!(output, "{status} {}\n", payload.len()).map_err(|e| e.to_string())?;
        output.write_all(&payload).map_err(|e| e.to_string())?;
        output.flush().map_err(|e| e.to_string())?;
    }
}
