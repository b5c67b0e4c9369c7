//! Running Python code: `taipan FILE`, `taipan FILE.pyc`, `taipan -c CODE`, with the VM.
//!
//! In-process callers (the snapshot tests) get the program's output through [`Io`], copied
//! from buffers when the program ends; the `taipan` binary passes the process's own streams
//! ([`run_process`]) so output streams as it is written and `input()` prompts appear.

use std::cell::RefCell;
use std::io::Write;

use std::rc::Rc;

use taipan_vm::{Config, SharedBuffer, Vm};

use crate::Io;
use crate::args::{Action, Options};
use crate::modules::ast::traceback;

/// Where the VM's standard streams go.
pub(crate) enum Streams<'a, 'io> {
    /// Buffers copied to these streams when the program ends; the program's step limit.
    Captured(&'a mut Io<'io>, Option<u64>),
    /// The process's own streams.
    Process,
}

/// Run a `Command` or `Script` action; the exit status.
pub(crate) fn run_action(action: &Action, options: &Options, streams: Streams<'_, '_>) -> i32 {
    let (argv, source): (Vec<String>, Source) = match action {
        Action::Command { code, args } => {
            let mut argv = vec!["-c".to_owned()];
            argv.extend(args.iter().cloned());
            (argv, Source::Text(code.clone()))
        }
        Action::Script { path, args } => {
            let mut argv = vec![path.clone()];
            argv.extend(args.iter().cloned());
            (argv, Source::File(path.clone()))
        }
        Action::Module { name, args } => {
            // As runpy: `sys.argv[0]` is the module's file once found ("-m" until then).
            let mut argv = vec!["-m".to_owned()];
            argv.extend(args.iter().cloned());
            (argv, Source::Module(name.clone()))
        }
        _ => return 2,
    };
    let mut config = Config::process(argv);
    config.optimize = i32::from(options.optimize.min(2));
    config.path = search_path(&source, options);
    let environment = |name: &str| {
        (!options.ignore_environment && !options.isolated)
            .then(|| std::env::var(name).ok())
            .flatten()
            .filter(|v| !v.is_empty())
    };
    config.dont_write_bytecode =
        options.dont_write_bytecode || environment("PYTHONDONTWRITEBYTECODE").is_some();
    // As CPython: PYTHONWARNINGS' comma-separated options, then the -W ones.
    config.warnoptions = environment("PYTHONWARNINGS")
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    config.warnoptions.extend(options.warnings.iter().cloned());
    config.verbose = options.verbose.max(
        environment("PYTHONVERBOSE")
            .and_then(|v| v.parse::<u8>().ok().or(Some(1)))
            .unwrap_or(0),
    );
    let out = SharedBuffer::default();
    let err = SharedBuffer::default();
    let captured = matches!(streams, Streams::Captured(..));
    let mut io_opt = None;
    let mut step_limit = None;
    if let Streams::Captured(io, limit) = streams {
        step_limit = limit;
        config.stdout = Rc::new(RefCell::new(Box::new(out.clone())));
        config.stderr = Rc::new(RefCell::new(Box::new(err.clone())));
        let mut input = Vec::new();
        let _ = io.stdin.read_to_end(&mut input);
        config.stdin = Some(Rc::new(RefCell::new((input, 0))));
        io_opt = Some(io);
    }
    let stderr_sink = config.stderr.clone();
    let mut vm = Vm::new(config);
    vm.step_budget = step_limit;
    // Ctrl-C raises KeyboardInterrupt in the program (the process's own run only: an
    // in-process caller keeps its signal handling).
    let sigint = if captured || sigint_ignored() {
        None
    } else {
        signal_hook::flag::register(signal_hook::consts::SIGINT, vm.interrupt_flag()).ok()
    };
    let status = run_source(&mut vm, &source, options, &stderr_sink);
    taipan_vm::io::flush_all(&mut vm);
    let died_of_interrupt = vm.uncaught_interrupt;
    drop(vm);
    if let Some(id) = sigint {
        signal_hook::low_level::unregister(id);
        if died_of_interrupt {
            // As CPython after an uncaught KeyboardInterrupt: end by SIGINT itself, so the
            // parent sees a process killed by the signal (a shell prints status 130).
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGINT);
        }
    }
    if captured && let Some(io) = io_opt {
        let _ = io.stdout.write_all(&out.0.borrow());
        let _ = io.stderr.write_all(&err.0.borrow());
    }
    status
}

/// Whether this process started with SIGINT ignored (as a background job of a
/// non-interactive shell is): CPython then leaves it ignored and installs no handler.
/// Read from Linux's `/proc/self/status` (`SigIgn`, a hex mask with bit `SIGINT - 1`); where
/// that is unavailable, assume not ignored.
fn sigint_ignored() -> bool {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (signal_hook::consts::SIGINT - 1)) != 0)
}

enum Source {
    Text(String),
    File(String),
    /// `-m NAME`.
    Module(String),
}

/// `sys.path` at start-up, as CPython 3.13 computes it: the script's folder (absolute), the
/// working folder for `-m`, `''` for `-c` (none of these with `-P` or `-I`); then the folders
/// of `PYTHONPATH` and of `TAIPANPATH` (unless `-E` or `-I`). Taipan has no library folder of
/// its own yet: modules that are not built in come from these.
fn search_path(source: &Source, options: &Options) -> Vec<String> {
    let mut path = Vec::new();
    if !options.safe_path && !options.isolated {
        match source {
            Source::Text(_) => path.push(String::new()),
            Source::File(file) => {
                let file = absolute(file);
                let folder = std::path::Path::new(&file)
                    .parent()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                path.push(folder);
            }
            Source::Module(_) => path.push(absolute(".").trim_end_matches("/.").to_owned()),
        }
    }
    if !options.ignore_environment && !options.isolated {
        for variable in ["PYTHONPATH", "TAIPANPATH"] {
            if let Ok(value) = std::env::var(variable) {
                path.extend(
                    value
                        .split(':')
                        .filter(|p| !p.is_empty())
                        .map(|p| absolute(p).trim_end_matches("/.").to_owned()),
                );
            }
        }
    }
    path
}

fn run_source(
    vm: &mut Vm,
    source: &Source,
    options: &Options,
    stderr: &taipan_vm::io::Sink,
) -> i32 {
    let optimize = i32::from(options.optimize.min(2));
    let write_err = |text: &str| {
        let _ = stderr.borrow_mut().write_all(text.as_bytes());
    };
    let (bytes, filename) = match source {
        Source::Module(name) => {
            return match taipan_vm::import::run_module_as_main(vm, name) {
                Ok(status) => status,
                Err(message) => {
                    let program = std::env::args()
                        .next()
                        .unwrap_or_else(|| "taipan".to_owned());
                    write_err(&format!("{program}: {message}\n"));
                    1
                }
            };
        }
        Source::Text(code) => {
            // As CPython 3.13, tracebacks show `-c` source lines: its text is what `<string>`
            // means to them (for code `exec`'d from it too, as CPython).
            vm.source_cache
                .insert("<string>".to_owned(), Some(code.clone()));
            (code.clone().into_bytes(), "<string>".to_owned())
        }
        // As CPython (since 3.9), the script's path is made absolute (joined to the working
        // folder, not normalised) for `__file__`, its code's `co_filename` and tracebacks;
        // `sys.argv[0]` keeps it as given.
        Source::File(path) => match std::fs::read(path) {
            Ok(data) => (data, absolute(path)),
            Err(e) => {
                let detail = match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        "[Errno 2] No such file or directory".to_owned()
                    }
                    std::io::ErrorKind::PermissionDenied => {
                        "[Errno 13] Permission denied".to_owned()
                    }
                    _ => match e.raw_os_error() {
                        Some(21) => "[Errno 21] Is a directory".to_owned(),
                        Some(n) => format!("[Errno {n}] {e}"),
                        None => e.to_string(),
                    },
                };
                let program = std::env::args()
                    .next()
                    .unwrap_or_else(|| "taipan".to_owned());
                write_err(&format!(
                    "{program}: can't open file '{}': {detail}\n",
                    absolute(path)
                ));
                return 2;
            }
        },
    };
    let is_pyc = bytes.starts_with(&taipan_pyc::magic::MAGIC) || filename.ends_with(".pyc");
    let code = if is_pyc {
        match taipan_pyc::read_pyc(&bytes) {
            Ok(pyc) => {
                if let Err(why) = taipan_vm::verify::verify(&pyc.code) {
                    write_err(&format!("SystemError: invalid bytecode: {why}\n"));
                    return 1;
                }
                pyc.code
            }
            Err(e) => {
                write_err(&format!(
                    "RuntimeError: Bad code object in .pyc file ({e})\n"
                ));
                return 1;
            }
        }
    } else {
        match crate::compile::compile_source(&bytes, &filename, optimize) {
            Ok(compiled) => {
                write_warnings(
                    &filename,
                    &compiled.warnings,
                    compiled.text.as_deref(),
                    &write_err,
                );
                compiled.code
            }
            Err(failure) => {
                write_warnings(
                    &filename,
                    &failure.warnings,
                    failure.text.as_deref(),
                    &write_err,
                );
                let text = traceback::uncaught(&failure.exception);
                // A script's own SyntaxError is printed without the traceback header.
                let text = text
                    .strip_prefix("Traceback (most recent call last):\n")
                    .unwrap_or(&text);
                write_err(text);
                return 1;
            }
        }
    };
    let main_file = match source {
        Source::File(_) => Some(filename.as_str()),
        Source::Text(_) | Source::Module(_) => None,
    };
    vm.run_main(code, main_file)
}

fn write_warnings(
    name: &str,
    warnings: &[(u32, String)],
    text: Option<&str>,
    write_err: &dyn Fn(&str),
) {
    let pseudo_file = name.starts_with('<') && name.ends_with('>');
    for (lineno, message) in warnings {
        let line = match text {
            Some(text) if !pseudo_file => traceback::source_line(text, *lineno),
            _ => None,
        };
        write_err(&traceback::syntax_warning(name, *lineno, message, line));
    }
}

fn absolute(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        return path.to_owned();
    }
    match std::env::current_dir() {
        Ok(d) => d.join(p).display().to_string(),
        Err(_) => path.to_owned(),
    }
}
