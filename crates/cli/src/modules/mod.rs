//! `taipan -m NAME`: the modules built into the command line.

pub mod ast;
mod compileall;
mod dis;
mod py_compile;
mod tokenize;

use crate::Io;
use crate::args::Options;

/// The modules `-m` runs in the command line itself (the stage tools, with CPython's output);
/// any other runs on the VM.
pub(crate) fn is_stage_tool(name: &str) -> bool {
    matches!(
        name,
        "tokenize" | "ast" | "dis" | "py_compile" | "compileall"
    )
}

/// Run module `name` as a script with `args`; returns the exit status.
pub(crate) fn run(name: &str, args: &[String], options: &Options, io: &mut Io<'_>) -> i32 {
    match name {
        "tokenize" => tokenize::main(args, io),
        "ast" => ast::main(args, io),
        "dis" => dis::main(args, options, io),
        "py_compile" => py_compile::main(args, options, io),
        "compileall" => compileall::main(args, options, io),
        // Any other module runs on the VM, found on `sys.path` as CPython's runpy finds it.
        _ => crate::run::run_action(
            &crate::args::Action::Module {
                name: name.to_owned(),
                args: args.to_vec(),
            },
            options,
            crate::run::Streams::Captured(io, None),
        ),
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
