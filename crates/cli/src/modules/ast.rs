//! `-m ast`: CPython 3.13's `python -m ast [-h] [-m MODE] [--no-type-comments] [-a] [-i INDENT]
//! [infile]`, with its exact output.
//!
//! As `ast.main()`: read the file (or standard input) as bytes, `ast.parse` them (which decodes
//! them as `compile()` does), print `ast.dump(tree, include_attributes, indent)`. The
//! `SyntaxWarning`s the parser issues go to standard error as `warnings` prints them; an
//! exception is printed as an uncaught one (exit status 1), without CPython's stack frames.

mod argparse;
pub(crate) mod source;
pub(crate) mod traceback;

pub use source::{PythonException, SyntaxDetails, check_syntax};

use bumpalo::Bump;
use taipan_ast::{DumpOptions, LineIndex};
use taipan_parser::{Mode, Options};

use crate::Io;

/// No indentation is wider than this (CPython would build the string and run out of memory).
const MAX_INDENT: i64 = 1 << 16;

pub(crate) fn main(args: &[String], io: &mut Io<'_>) -> i32 {
    let arguments = match argparse::parse(args, io) {
        Ok(arguments) => arguments,
        Err(status) => return status,
    };
    let (bytes, name) = if arguments.infile == "-" {
        let mut bytes = Vec::new();
        if let Err(error) = io.stdin.read_to_end(&mut bytes) {
            let exception = traceback::os_error(&error, "<stdin>");
            let _ = io
                .stderr
                .write_all(traceback::uncaught(&exception).as_bytes());
            return 1;
        }
        (bytes, "<stdin>".to_owned())
    } else {
        match std::fs::read(&arguments.infile) {
            Ok(bytes) => (bytes, arguments.infile.clone()),
            Err(error) => {
                let exception = traceback::os_error(&error, &arguments.infile);
                let _ = io
                    .stderr
                    .write_all(traceback::uncaught(&exception).as_bytes());
                return 1;
            }
        }
    };
    let options = Options {
        mode: Mode::from_name(&arguments.mode).expect("argparse checked the choice"),
        type_comments: arguments.type_comments,
        ..Options::default()
    };
    let arena = Bump::new();
    let parsed = match source::parse_source(&bytes, &name, &options, &arena) {
        Ok(parsed) => parsed,
        Err(failure) => {
            let text = failure.text.unwrap_or("");
            print_warnings(io, &name, &failure.warnings, text, failure.lossy);
            let _ = io
                .stderr
                .write_all(traceback::uncaught(&failure.exception).as_bytes());
            return 1;
        }
    };
    print_warnings(io, &name, &parsed.warnings, parsed.text, parsed.lossy);
    let index = arguments
        .include_attributes
        .then(|| LineIndex::new(parsed.text));
    let indent = " ".repeat(arguments.indent.clamp(0, MAX_INDENT) as usize);
    let mut out = taipan_ast::dump(
        &parsed.tree,
        &DumpOptions {
            indent: Some(indent),
            positions: index.as_ref(),
        },
    );
    out.push('\n');
    match io.stdout.write_all(out.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 120,
    }
}

/// `SyntaxWarning`s as `warnings` prints them. `linecache` shows the warned line, except for
/// pseudo-files such as `<stdin>` and files it cannot decode.
fn print_warnings(
    io: &mut Io<'_>,
    name: &str,
    warnings: &[taipan_parser::Warning],
    text: &str,
    lossy: bool,
) {
    let pseudo_file = name.starts_with('<') && name.ends_with('>');
    for warning in warnings {
        let line = if pseudo_file || lossy {
            None
        } else {
            traceback::source_line(text, warning.lineno)
        };
        let out = traceback::syntax_warning(name, warning.lineno, &warning.message, line);
        let _ = io.stderr.write_all(out.as_bytes());
    }
}
