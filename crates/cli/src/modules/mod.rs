//! `taipan -m NAME`: the modules built into the command line.

pub mod ast;
mod dis;
mod py_compile;
mod tokenize;

use crate::Io;
use crate::args::Options;

/// Run module `name` as a script with `args`; returns the exit status.
pub(crate) fn run(name: &str, args: &[String], options: &Options, io: &mut Io<'_>) -> i32 {
    match name {
        "tokenize" => tokenize::main(args, io),
        "ast" => ast::main(args, io),
        "dis" => dis::main(args, options, io),
        "py_compile" => py_compile::main(args, options, io),
        _ => {
            let _ = writeln!(
                io.stderr,
                "taipan: -m {name} is not available yet: modules run on the virtual machine, which is \
                 not built; available now: -m tokenize, -m ast, -m dis, -m py_compile"
            );
            2
        }
    }
}

/// `SyntaxWarning`s as `warnings` prints them (line, message), with the source line when the
/// file is a real one and its text is known.
pub(crate) fn print_warnings(
    io: &mut Io<'_>,
    name: &str,
    warnings: &[(u32, String)],
    text: Option<&str>,
) {
    let pseudo_file = name.starts_with('<') && name.ends_with('>');
    for (lineno, message) in warnings {
        let line = match text {
            Some(text) if !pseudo_file => ast::traceback::source_line(text, *lineno),
            _ => None,
        };
        let out = ast::traceback::syntax_warning(name, *lineno, message, line);
        let _ = io.stderr.write_all(out.as_bytes());
    }
}
