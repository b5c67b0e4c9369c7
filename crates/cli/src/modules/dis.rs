//! `taipan -m dis [-C] [-O] [infile]`: `python3.13 -m dis`'s command line.
//!
//! One extension CPython lacks: given a compiled file (`FILE.pyc`), it prints what
//! `dis.dis(marshal.loads(data[16:]))` prints for it. With `--code-dump` (Taipan's own flag) it
//! prints instead the `.pyc` header and every field of every code object
//! (`taipan_bytecode::dump`), the text the snapshot harness compares with CPython's; for a
//! source file, every field of the compiled code object (no header).
//!
//! A source file is compiled as `dis` does it: `compile(source, name, "exec")` at the
//! interpreter's optimisation level (`taipan -O -m dis`), errors printed as uncaught.

use taipan_bytecode::dis::{self, Options};
use taipan_bytecode::repr::ReprOptions;

use super::ast::traceback;
use crate::Io;
use crate::args::Options as Interpreter;

const USAGE: &str = "usage: dis.py [-h] [-C] [-O] [infile]\n";

const HELP: &str = "usage: dis.py [-h] [-C] [-O] [infile]

positional arguments:
  infile

options:
  -h, --help          show this help message and exit
  -C, --show-caches   show inline caches
  -O, --show-offsets  show instruction offsets
";

/// The long options and what they set, in the order argparse lists ambiguous matches.
const LONG: [(&str, Flag); 4] = [
    ("--help", Flag::Help),
    ("--show-caches", Flag::Caches),
    ("--show-offsets", Flag::Offsets),
    ("--code-dump", Flag::CodeDump),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flag {
    Help,
    Caches,
    Offsets,
    CodeDump,
}

#[derive(Debug, Default)]
struct Arguments {
    show_caches: bool,
    show_offsets: bool,
    code_dump: bool,
    infile: Option<String>,
}

enum Parsed {
    Run(Arguments),
    Exit(i32),
}

fn usage_error(io: &mut Io<'_>, message: &str) -> Parsed {
    let _ = writeln!(io.stderr, "{USAGE}dis.py: error: {message}");
    Parsed::Exit(2)
}

/// argparse's reading of the arguments: bundled short flags (`-CO`), unambiguous prefixes of
/// long options, `--`, one positional.
fn parse(args: &[String], io: &mut Io<'_>) -> Parsed {
    let mut parsed = Arguments::default();
    let mut positional = Vec::new();
    let mut only_positional = false;
    let mut unrecognized = Vec::new();
    for arg in args {
        if only_positional || arg == "-" || !arg.starts_with('-') {
            positional.push(arg.clone());
            continue;
        }
        if arg == "--" {
            only_positional = true;
            continue;
        }
        let flags: Vec<Flag> = if arg.starts_with("--") {
            let (name, value) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (arg.as_str(), None),
            };
            let matches: Vec<&(&str, Flag)> = match LONG.iter().find(|(long, _)| *long == name) {
                Some(exact) => vec![exact],
                None => LONG
                    .iter()
                    .filter(|(long, _)| long.starts_with(name))
                    .collect(),
            };
            match matches.as_slice() {
                [] => {
                    unrecognized.push(arg.clone());
                    continue;
                }
                [(_, flag)] => {
                    if let Some(value) = value {
                        return explicit_argument(io, *flag, value);
                    }
                    vec![*flag]
                }
                many => {
                    let names: Vec<&str> = many.iter().map(|(n, _)| *n).collect();
                    return usage_error(
                        io,
                        &format!("ambiguous option: {arg} could match {}", names.join(", ")),
                    );
                }
            }
        } else {
            // Bundled short flags, as argparse splits them: an unknown letter makes the rest
            // of the word unrecognized; `=` gives the flag an argument it does not take.
            let mut flags = Vec::new();
            let body = &arg[1..];
            for (i, c) in body.char_indices() {
                let flag = match c {
                    'h' => Flag::Help,
                    'C' => Flag::Caches,
                    'O' => Flag::Offsets,
                    '=' if !flags.is_empty() => {
                        let last = *flags.last().expect("not empty");
                        return explicit_argument(io, last, &body[i + 1..]);
                    }
                    _ => {
                        unrecognized.push(format!("-{}", &body[i..]));
                        break;
                    }
                };
                flags.push(flag);
            }
            flags
        };
        for flag in flags {
            match flag {
                Flag::Help => {
                    let _ = io.stdout.write_all(HELP.as_bytes());
                    return Parsed::Exit(0);
                }
                Flag::Caches => parsed.show_caches = true,
                Flag::Offsets => parsed.show_offsets = true,
                Flag::CodeDump => parsed.code_dump = true,
            }
        }
    }
    let mut positional = positional.into_iter();
    parsed.infile = positional.next();
    unrecognized.extend(positional);
    if !unrecognized.is_empty() {
        return usage_error(
            io,
            &format!("unrecognized arguments: {}", unrecognized.join(" ")),
        );
    }
    Parsed::Run(parsed)
}

/// argparse's error for `-C=1` or `--show-caches=1`: a flag given an argument.
fn explicit_argument(io: &mut Io<'_>, flag: Flag, value: &str) -> Parsed {
    let names = match flag {
        Flag::Help => "-h/--help",
        Flag::Caches => "-C/--show-caches",
        Flag::Offsets => "-O/--show-offsets",
        Flag::CodeDump => "--code-dump",
    };
    usage_error(
        io,
        &format!("argument {names}: ignored explicit argument '{value}'"),
    )
}

pub(crate) fn main(args: &[String], interpreter: &Interpreter, io: &mut Io<'_>) -> i32 {
    let args = match parse(args, io) {
        Parsed::Run(args) => args,
        Parsed::Exit(status) => return status,
    };
    let infile = args.infile.clone().unwrap_or_else(|| "-".to_owned());
    // `dis` names standard input `<stdin>` when it compiles it.
    let name = if infile == "-" {
        "<stdin>"
    } else {
        infile.as_str()
    };
    let data = if infile == "-" {
        let mut data = Vec::new();
        if let Err(e) = io.stdin.read_to_end(&mut data) {
            let _ = writeln!(io.stderr, "taipan: reading stdin: {e}");
            return 1;
        }
        data
    } else {
        match std::fs::read(&infile) {
            Ok(data) => data,
            Err(error) => {
                let exception = traceback::os_error(&error, &infile);
                let _ = io
                    .stderr
                    .write_all(traceback::uncaught(&exception).as_bytes());
                return 1;
            }
        }
    };
    let is_pyc = infile.ends_with(".pyc");
    let (code, header) = if is_pyc {
        match taipan_pyc::read_pyc(&data) {
            Ok(pyc) => (pyc.code, Some(&data[..16.min(data.len())])),
            Err(e) => {
                let _ = writeln!(io.stderr, "taipan: {infile}: {e}");
                return 1;
            }
        }
    } else {
        match crate::compile::compile_source(&data, name, i32::from(interpreter.optimize.min(2))) {
            Ok(compiled) => {
                super::print_warnings(io, name, &compiled.warnings, compiled.text.as_deref());
                (compiled.code, None)
            }
            Err(failure) => {
                super::print_warnings(io, name, &failure.warnings, failure.text.as_deref());
                let _ = io
                    .stderr
                    .write_all(traceback::uncaught(&failure.exception).as_bytes());
                return 1;
            }
        }
    };
    let repr = ReprOptions {
        secret: match taipan_hash::HashSecret::from_env() {
            Ok(secret) => secret,
            Err(e) => {
                let _ = writeln!(io.stderr, "Fatal Python error: {e}");
                return 1;
            }
        },
    };
    let text = if args.code_dump {
        let dump = taipan_bytecode::dump::dump(&code, &repr);
        match header {
            Some(header) => format!("-- header: {}\n{dump}", hex(header)),
            None => dump,
        }
    } else {
        let options = Options {
            show_caches: args.show_caches,
            show_offsets: args.show_offsets,
            depth: None,
            repr,
        };
        dis::dis(&code, &options)
    };
    match io.stdout.write_all(text.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 120,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `taipan -m dis ARGS`: (status, stdout, stderr).
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

    // Each expectation is what `python3.13 -m dis ARGS /dev/null` printed (argparse acts before
    // the file is read).
    #[test]
    fn argparse_errors_as_cpython() {
        let usage = "usage: dis.py [-h] [-C] [-O] [infile]\n";
        for (args, message) in [
            (&["-X", "f"][..], "unrecognized arguments: -X"),
            (&["-Cxz", "f"], "unrecognized arguments: -xz"),
            (&["-COx", "f"], "unrecognized arguments: -x"),
            (&["a", "b"], "unrecognized arguments: b"),
            (
                &["--show", "f"],
                "ambiguous option: --show could match --show-caches, --show-offsets",
            ),
            (
                &["-C=1", "f"],
                "argument -C/--show-caches: ignored explicit argument '1'",
            ),
            (
                &["--show-offsets=x", "f"],
                "argument -O/--show-offsets: ignored explicit argument 'x'",
            ),
        ] {
            let (status, out, err) = run(args);
            assert_eq!(status, 2, "{args:?}");
            assert_eq!(out, "");
            assert_eq!(
                err,
                format!("{usage}dis.py: error: {message}\n"),
                "{args:?}"
            );
        }
    }

    #[test]
    fn help_as_cpython() {
        let (status, out, _) = run(&["-Ch"]);
        assert_eq!(status, 0);
        assert_eq!(out, HELP);
    }

    #[test]
    fn bad_pyc_is_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("taipan-dis-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("text.pyc");
        std::fs::write(&path, b"hello\n").unwrap();
        let (status, out, err) = run(&[path.to_str().unwrap()]);
        assert_eq!((status, out.as_str()), (1, ""));
        assert!(err.contains("bad magic number: b'hell'"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
