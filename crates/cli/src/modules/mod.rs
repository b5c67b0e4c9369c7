//! `taipan -m NAME`: the modules built into the command line.

pub mod ast;
mod dis;
mod tokenize;

use crate::Io;

/// Run module `name` as a script with `args`; returns the exit status.
pub(crate) fn run(name: &str, args: &[String], io: &mut Io<'_>) -> i32 {
    match name {
        "tokenize" => tokenize::main(args, io),
        "ast" => ast::main(args, io),
        "dis" => dis::main(args, io),
        _ => {
            let _ = writeln!(
                io.stderr,
                "taipan: -m {name} is not available yet: modules run on the virtual machine, which is \
                 not built; available now: -m tokenize, -m ast, -m dis FILE.pyc"
            );
            2
        }
    }
}
