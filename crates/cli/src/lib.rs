//! # taipan: the `taipan` command
//!
//! The command line of Python 3.13 (`taipan FILE`, `-c`, `-m`, the usual flags), and the stage
//! tools as CPython's own module command lines with identical output. **For:** the `taipan` binary
//! and anything that wants to run it in-process (the snapshot tests do, with captured streams).
//! **Not for:** any stage's logic: each stage lives in its own crate and this one only wires
//! them to the command line.
//!
//! Built so far: `taipan -m tokenize [-e] [FILE]`, `taipan -m ast [-a] [-i INDENT] [-m MODE]
//! [FILE]`, `taipan [-O] -m dis [-C] [-O] [FILE]` (source or `.pyc`) and `taipan [-O] -m
//! py_compile FILE…`. Everything else answers with a clear message saying which stage is
//! missing. [`compile::compile_source`] is `compile(bytes, filename, "exec")`.
//! [`check_syntax`] is what `ast.parse(source_bytes)` raises, for the snapshot harness.
//!
//! ```
//! let mut out = Vec::new();
//! let mut err = Vec::new();
//! let mut io = taipan::Io { stdin: &mut &b"x = 1\n"[..], stdout: &mut out, stderr: &mut err };
//! let status = taipan::run(&["-m".into(), "tokenize".into()], &mut io);
//! assert_eq!(status, 0);
//! assert!(String::from_utf8(out).unwrap().starts_with("1,0-1,1:            NAME           'x'"));
//! ```

pub mod args;
pub mod compile;
mod modules;
mod run;

pub use modules::ast::{PythonException, SyntaxDetails, check_syntax};

use std::io::{Read, Write};

use args::{Action, UsageError};

/// The version string `-V` prints: the Python version Taipan implements.
pub const PYTHON_VERSION: &str = "3.13.0";

/// The streams a run reads and writes.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
}

impl std::fmt::Debug for Io<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Io { .. }")
    }
}

/// Run `taipan` as the process: Python programs write straight to the process's streams (so
/// output appears as it is written); everything else is [`run`] on the locked standard streams.
pub fn run_process(args: &[String]) -> i32 {
    if let Ok(invocation) = args::parse(args)
        && match &invocation.action {
            Action::Command { .. } | Action::Script { .. } => true,
            Action::Module { name, .. } => !modules::is_stage_tool(name),
            _ => false,
        }
    {
        return run::run_action(
            &invocation.action,
            &invocation.options,
            run::Streams::Process,
        );
    }
    let stdin = std::io::stdin();
    let mut stdin = stdin.lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut stderr = std::io::stderr().lock();
    let status = {
        let mut io = Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        };
        run(args, &mut io)
    };
    if stdout.flush().is_err() { 120 } else { status }
}

/// Run `taipan` with `args` (without the program name); returns the exit status.
pub fn run(args: &[String], io: &mut Io<'_>) -> i32 {
    run_limited(args, io, None)
}

/// [`run`], with a program stopped by `RuntimeError` after `step_limit` calls and backward
/// jumps (a test harness's guard against a program that would never end).
pub fn run_limited(args: &[String], io: &mut Io<'_>, step_limit: Option<u64>) -> i32 {
    let invocation = match args::parse(args) {
        Ok(invocation) => invocation,
        Err(UsageError(message)) => {
            let _ = writeln!(io.stderr, "{message}");
            let _ = writeln!(
                io.stderr,
                "usage: taipan [option] ... [-c cmd | -m mod | file | -] [arg] ..."
            );
            let _ = writeln!(io.stderr, "Try `taipan -h' for more information.");
            return 2;
        }
    };
    let result = match invocation.action {
        Action::Version(1) => writeln!(io.stdout, "Python {PYTHON_VERSION}").map(|_| 0),
        Action::Version(_) => writeln!(
            io.stdout,
            "Python {PYTHON_VERSION} (Taipan {})",
            env!("CARGO_PKG_VERSION")
        )
        .map(|_| 0),
        Action::Help => io.stdout.write_all(HELP.as_bytes()).map(|_| 0),
        Action::Module { name, args } => {
            return modules::run(&name, &args, &invocation.options, io);
        }
        Action::Command { .. } | Action::Script { .. } => {
            return run::run_action(
                &invocation.action,
                &invocation.options,
                run::Streams::Captured(io, step_limit),
            );
        }
        Action::Interactive => {
            let _ = writeln!(
                io.stderr,
                "taipan: the interactive prompt is not built yet; run a file or -c CODE"
            );
            return 2;
        }
    };
    result.unwrap_or(120)
}

const HELP: &str = "\
usage: taipan [option] ... [-c cmd | -m mod | file | -] [arg] ...
Taipan: Python 3.13 in Rust. Options as python3.13's:
-B     : don't write .pyc files on import
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables
-h     : print this help message and exit (also -? or --help)
-I     : isolate from the user's environment (implies -E, -P and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements
-P     : don't prepend a potentially unsafe path to sys.path
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered
-V     : print the Python version number and exit (also --version)
-W arg : warning control
-X opt : set implementation-specific option
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Stage tools, with CPython's output: -m tokenize [-e] [file], -m ast [-a] [-i N] [-m MODE] [file],
-m dis [-C] [-O] [file] (also FILE.pyc), -m py_compile FILE...
";
