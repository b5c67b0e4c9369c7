//! `-m py_compile`: CPython 3.13's `python -m py_compile [-q] FILE…`, writing
//! `__pycache__/NAME.taipan-313[.opt-N].pyc` (Taipan's cache tag) that CPython can load.
//!
//! As `py_compile.main`: each file is compiled at the interpreter's optimisation level
//! (`taipan -O -m py_compile`); the first failure ends the run with status 1, its message (the
//! `SyntaxError` as `traceback.format_exception_only` shows it, or the `OSError`) on standard
//! error unless `-q`; `-` reads the file names from standard input. The header is a timestamp
//! one, or a checked hash one when `SOURCE_DATE_EPOCH` is set (`py_compile`'s default
//! invalidation mode); the file is written to a temporary name and renamed into place, as
//! importlib's `_write_atomic`.

use taipan_pyc::cache::{TAIPAN_CACHE_TAG, cache_from_source, optimization_for_level};
use taipan_pyc::{Pyc, PycHeader};

use super::ast::traceback;
use crate::Io;
use crate::args::Options as Interpreter;

const USAGE: &str = "usage: py_compile.py [-h] [-q] filenames [filenames ...]\n";

const HELP: &str = "usage: py_compile.py [-h] [-q] filenames [filenames ...]

A simple command-line interface for py_compile module.

positional arguments:
  filenames    Files to compile

options:
  -h, --help   show this help message and exit
  -q, --quiet  Suppress error output
";

pub(crate) fn main(args: &[String], interpreter: &Interpreter, io: &mut Io<'_>) -> i32 {
    let mut quiet = false;
    let mut filenames = Vec::new();
    let mut only_positional = false;
    for arg in args {
        if only_positional || arg == "-" || !arg.starts_with('-') {
            filenames.push(arg.clone());
        } else if arg == "--" {
            only_positional = true;
        } else if arg == "-h" || (arg.len() > 2 && "--help".starts_with(arg.as_str())) {
            let _ = io.stdout.write_all(HELP.as_bytes());
            return 0;
        } else if arg == "-q" || (arg.len() > 2 && "--quiet".starts_with(arg.as_str())) {
            quiet = true;
        } else {
            let _ = writeln!(
                io.stderr,
                "{USAGE}py_compile.py: error: unrecognized arguments: {arg}"
            );
            return 2;
        }
    }
    if filenames.is_empty() {
        let _ = writeln!(
            io.stderr,
            "{USAGE}py_compile.py: error: the following arguments are required: filenames"
        );
        return 2;
    }
    if filenames == ["-"] {
        let mut names = String::new();
        let _ = io.stdin.read_to_string(&mut names);
        filenames = names.lines().map(str::to_owned).collect();
    }
    let optimize = interpreter.optimize.min(2);
    for filename in &filenames {
        if let Err(message) = compile_file(filename, optimize) {
            if !quiet {
                let _ = io.stderr.write_all(message.as_bytes());
            }
            return 1;
        }
    }
    0
}

/// `py_compile.compile(filename, doraise=True)`: the message of the `PyCompileError` or
/// `OSError` it raises.
pub(crate) fn compile_file(filename: &str, optimize: u8) -> Result<String, String> {
    let os_error = |error: std::io::Error| {
        let exception = traceback::os_error(&error, filename);
        exception.message
    };
    let source = std::fs::read(filename).map_err(os_error)?;
    let metadata = std::fs::metadata(filename).map_err(os_error)?;
    let compiled = crate::compile::compile_source(&source, filename, i32::from(optimize)).map_err(
        |failure| match failure.exception.syntax {
            Some(_) => traceback::exception_only(&failure.exception),
            None => format!(
                "Sorry: {}: {}",
                failure.exception.type_name, failure.exception.message
            ),
        },
    )?;
    let cfile = cache_from_source(
        filename,
        TAIPAN_CACHE_TAG,
        &optimization_for_level(u32::from(optimize)),
    )
    .map_err(|e| e.to_string())?;
    let header = if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
        PycHeader::hash(&source, true)
    } else {
        let mtime = metadata
            .modified()
            .map(taipan_pyc::header::mtime_seconds)
            .unwrap_or(0);
        PycHeader::timestamp(mtime, metadata.len())
    };
    let bytes = taipan_pyc::try_write_pyc(&Pyc {
        header,
        code: compiled.code,
    })
    .map_err(|e| format!("Sorry: ValueError: {e}"))?;
    taipan_pyc::cache::write_atomic(&cfile, &bytes, taipan_pyc::cache::mode_of(&metadata))
        .map_err(os_error)?;
    Ok(cfile)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `taipan -m py_compile ARGS`: (status, stdout, stderr).
    fn run(args: &[&str]) -> (i32, String, String) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let mut io = Io {
            stdin: &mut &b""[..],
            stdout: &mut out,
            stderr: &mut err,
        };
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let status = main(&args, &Interpreter::default(), &mut io);
        (
            status,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    // Each expectation is what `python3.13 -m py_compile ARGS` printed.
    #[test]
    fn usage_as_cpython() {
        assert_eq!(
            run(&[]),
            (
                2,
                String::new(),
                format!(
                    "{USAGE}py_compile.py: error: the following arguments are required: filenames\n"
                )
            )
        );
        assert_eq!(run(&["-h"]), (0, HELP.to_owned(), String::new()));
    }

    #[test]
    fn missing_file_as_cpython() {
        assert_eq!(
            run(&["nofile.py"]),
            (
                1,
                String::new(),
                "[Errno 2] No such file or directory: 'nofile.py'".to_owned()
            )
        );
        assert_eq!(run(&["-q", "nofile.py"]), (1, String::new(), String::new()));
    }

    /// A compiled file lands at CPython's cache path with Taipan's tag and a timestamp header
    /// recording the source's mtime and size; `-O` levels add `.opt-N`.
    #[test]
    fn writes_the_cache_file() {
        let dir = std::env::temp_dir().join(format!("taipan-py-compile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let source = dir.join("good.py");
        std::fs::write(&source, "def f():\n    return 1\n").unwrap();
        let name = source.to_str().unwrap();
        let (status, out, err) = run(&[name]);
        assert_eq!((status, out.as_str(), err.as_str()), (0, "", ""));
        let data = std::fs::read(dir.join("__pycache__/good.taipan-313.pyc")).unwrap();
        let pyc = taipan_pyc::read_pyc(&data).unwrap();
        let meta = std::fs::metadata(&source).unwrap();
        let mtime = taipan_pyc::header::mtime_seconds(meta.modified().unwrap());
        assert_eq!(pyc.header, PycHeader::timestamp(mtime, meta.len()));
        assert_eq!(pyc.code.name.as_str(), Some("<module>"));
        assert_eq!(pyc.code.filename.as_str(), Some(name));

        let mut out = Vec::new();
        let mut err = Vec::new();
        let mut io = Io {
            stdin: &mut &b""[..],
            stdout: &mut out,
            stderr: &mut err,
        };
        let optimized = Interpreter {
            optimize: 2,
            ..Interpreter::default()
        };
        assert_eq!(main(&[name.to_owned()], &optimized, &mut io), 0);
        assert!(dir.join("__pycache__/good.taipan-313.opt-2.pyc").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A syntax error is reported as `py_compile` reports it (`python3.13 -m py_compile` on the
    /// same file printed this), status 1, and nothing is written.
    #[test]
    fn syntax_error_as_cpython() {
        let dir =
            std::env::temp_dir().join(format!("taipan-py-compile-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let source = dir.join("bad.py");
        std::fs::write(&source, "x = (\n").unwrap();
        let name = source.to_str().unwrap();
        let (status, out, err) = run(&[name]);
        assert_eq!((status, out.as_str()), (1, ""));
        assert_eq!(
            err,
            format!(
                "  File \"{name}\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n"
            )
        );
        assert!(!dir.join("__pycache__").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
