//! `ast.main()`'s command line, read as Python 3.13's `argparse` reads it: option prefixes
//! (`--inc`), bundled short flags (`-ai2`), attached values (`-mexec`, `--mode=eval`), `--`, the
//! order in which actions run (an error or `-h` stops at once), and argparse's messages.

use taipan_lexer::python_repr;

use super::traceback::py_isspace;
use crate::Io;

const PROG: &str = "python -m ast";

/// `parser.format_usage()` at argparse's default width (80 columns, no terminal).
const USAGE: &str = "\
usage: python -m ast [-h] [-m {exec,single,eval,func_type}]
                     [--no-type-comments] [-a] [-i INDENT]
                     [infile]
";

const HELP_BODY: &str = "
positional arguments:
  infile                the file to parse; defaults to stdin

options:
  -h, --help            show this help message and exit
  -m, --mode {exec,single,eval,func_type}
                        specify what kind of code must be parsed
  --no-type-comments    don't add information about type comments
  -a, --include-attributes
                        include attributes such as line numbers and column
                        offsets
  -i, --indent INDENT   indentation of nodes (number of spaces)
";

const MODES: [&str; 4] = ["exec", "single", "eval", "func_type"];

/// The namespace `parse_args()` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Arguments {
    pub infile: String,
    pub mode: String,
    pub type_comments: bool,
    pub include_attributes: bool,
    pub indent: i64,
}

impl Default for Arguments {
    fn default() -> Arguments {
        Arguments {
            infile: "-".to_owned(),
            mode: "exec".to_owned(),
            type_comments: true,
            include_attributes: false,
            indent: 3,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opt {
    Help,
    Mode,
    NoTypeComments,
    Attributes,
    Indent,
}

/// The option strings in the order `ast.main()` registers them: argparse lists ambiguous
/// matches in this order.
const OPTION_STRINGS: [(&str, Opt); 9] = [
    ("-h", Opt::Help),
    ("--help", Opt::Help),
    ("-m", Opt::Mode),
    ("--mode", Opt::Mode),
    ("--no-type-comments", Opt::NoTypeComments),
    ("-a", Opt::Attributes),
    ("--include-attributes", Opt::Attributes),
    ("-i", Opt::Indent),
    ("--indent", Opt::Indent),
];

impl Opt {
    /// How argparse names the action in messages.
    fn name(self) -> &'static str {
        match self {
            Opt::Help => "-h/--help",
            Opt::Mode => "-m/--mode",
            Opt::NoTypeComments => "--no-type-comments",
            Opt::Attributes => "-a/--include-attributes",
            Opt::Indent => "-i/--indent",
        }
    }

    fn takes_value(self) -> bool {
        matches!(self, Opt::Mode | Opt::Indent)
    }

    fn lookup(string: &str) -> Option<Opt> {
        OPTION_STRINGS
            .iter()
            .find(|(s, _)| *s == string)
            .map(|&(_, opt)| opt)
    }
}

/// argparse's `(action, option_string, sep, explicit_arg)`: `opt` is `None` for an unknown
/// option; `sep` is `Some("=")` or `Some("")` when a value was attached.
#[derive(Clone, Debug)]
struct Found {
    opt: Option<Opt>,
    string: String,
    sep: Option<&'static str>,
    explicit: Option<String>,
}

/// `ArgumentError`: `argument NAME: MESSAGE`, or the bare message.
struct ArgError {
    opt: Option<Opt>,
    message: String,
}

impl ArgError {
    fn new(opt: Option<Opt>, message: String) -> ArgError {
        ArgError { opt, message }
    }

    fn text(&self) -> String {
        match self.opt {
            Some(opt) => format!("argument {}: {}", opt.name(), self.message),
            None => self.message.clone(),
        }
    }
}

/// What stopped the parse early: `-h` (help printed) or an error to print.
enum Stop {
    Help,
    Error(ArgError),
}

impl From<ArgError> for Stop {
    fn from(error: ArgError) -> Stop {
        Stop::Error(error)
    }
}

/// `parser.parse_args(args)`: the namespace, or the exit status after printing help (0) or an
/// error (2).
pub(crate) fn parse(args: &[String], io: &mut Io<'_>) -> Result<Arguments, i32> {
    let mut parser = Parser {
        args,
        found: Vec::new(),
        pattern: Vec::new(),
        extras: Vec::new(),
        infile_pending: true,
        namespace: Arguments::default(),
    };
    match parser.run() {
        Ok(()) => Ok(parser.namespace),
        Err(Stop::Help) => {
            let _ = io.stdout.write_all(USAGE.as_bytes());
            let _ = io.stdout.write_all(HELP_BODY.as_bytes());
            Err(0)
        }
        Err(Stop::Error(error)) => {
            let _ = io.stderr.write_all(USAGE.as_bytes());
            let _ = writeln!(io.stderr, "{PROG}: error: {}", error.text());
            Err(2)
        }
    }
}

struct Parser<'a> {
    args: &'a [String],
    /// The option found in each argument (`None` for arguments).
    found: Vec<Option<Found>>,
    /// argparse's pattern: `O` option, `A` argument, `-` for `--`.
    pattern: Vec<u8>,
    extras: Vec<String>,
    infile_pending: bool,
    namespace: Arguments,
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), Stop> {
        let mut after_dashes = false;
        for arg in self.args {
            let found = if after_dashes {
                None
            } else if arg == "--" {
                after_dashes = true;
                self.pattern.push(b'-');
                self.found.push(None);
                continue;
            } else {
                classify(arg)?
            };
            self.pattern.push(if found.is_some() { b'O' } else { b'A' });
            self.found.push(found);
        }
        let last_option = self.pattern.iter().rposition(|&p| p == b'O');
        let mut start = 0;
        while let Some(last) = last_option.filter(|&last| start <= last) {
            let next = (start..=last)
                .find(|&i| self.pattern[i] == b'O')
                .unwrap_or(last);
            if start != next {
                let end = self.consume_positionals(start);
                if end > start {
                    start = end;
                    continue;
                }
            }
            if self.pattern[start] != b'O' {
                self.extras.extend(self.args[start..next].iter().cloned());
                start = next;
            }
            start = self.consume_optional(start)?;
        }
        let stop = self.consume_positionals(start);
        self.extras.extend(self.args[stop..].iter().cloned());
        if !self.extras.is_empty() {
            return Err(Stop::Error(ArgError::new(
                None,
                format!("unrecognized arguments: {}", self.extras.join(" ")),
            )));
        }
        Ok(())
    }

    /// The `infile` positional (`nargs='?'`, pattern `-*A?-*`), if still unfilled.
    fn consume_positionals(&mut self, start: usize) -> usize {
        if !self.infile_pending {
            return start;
        }
        let rest = &self.pattern[start..];
        let mut count = rest.iter().take_while(|&&p| p == b'-').count();
        if rest.get(count) == Some(&b'A') {
            count += 1;
        }
        count += rest[count..].iter().take_while(|&&p| p == b'-').count();
        let mut values: Vec<&String> = self.args[start..start + count].iter().collect();
        if let Some(i) = values.iter().position(|v| *v == "--") {
            values.remove(i);
        }
        if let Some(value) = values.first() {
            self.namespace.infile = (*value).clone();
        }
        self.infile_pending = false;
        start + count
    }

    /// One option argument, with the flags bundled into it and the value it takes.
    fn consume_optional(&mut self, start: usize) -> Result<usize, Stop> {
        let found = self.found[start].clone().expect("an option");
        let (mut opt, mut string, mut sep, mut explicit) =
            (found.opt, found.string, found.sep, found.explicit);
        let mut actions: Vec<(Opt, Option<String>)> = Vec::new();
        let stop;
        loop {
            let Some(action) = opt else {
                self.extras.push(self.args[start].clone());
                return Ok(start + 1);
            };
            let Some(value) = explicit.take() else {
                if action.takes_value() {
                    if self.pattern.get(start + 1) != Some(&b'A') {
                        return Err(
                            ArgError::new(Some(action), "expected one argument".into()).into()
                        );
                    }
                    actions.push((action, Some(self.args[start + 1].clone())));
                    stop = start + 2;
                } else {
                    actions.push((action, None));
                    stop = start + 1;
                }
                break;
            };
            let single_dash = string.chars().nth(1) != Some('-');
            if !action.takes_value() && single_dash && !value.is_empty() {
                if sep == Some("=") || value.starts_with('-') {
                    let message = format!("ignored explicit argument {}", python_repr(&value));
                    return Err(ArgError::new(Some(action), message).into());
                }
                actions.push((action, None));
                let first = value.chars().next().expect("not empty");
                let next_string = format!("-{first}");
                match Opt::lookup(&next_string) {
                    Some(next) => {
                        opt = Some(next);
                        string = next_string;
                        let rest = &value[first.len_utf8()..];
                        (sep, explicit) = if rest.is_empty() {
                            (None, None)
                        } else if let Some(after) = rest.strip_prefix('=') {
                            (Some("="), Some(after.to_owned()))
                        } else {
                            (Some(""), Some(rest.to_owned()))
                        };
                    }
                    None => {
                        self.extras.push(format!("-{value}"));
                        stop = start + 1;
                        break;
                    }
                }
            } else if action.takes_value() {
                actions.push((action, Some(value)));
                stop = start + 1;
                break;
            } else {
                let message = format!("ignored explicit argument {}", python_repr(&value));
                return Err(ArgError::new(Some(action), message).into());
            }
        }
        for (action, value) in actions {
            self.take_action(action, value)?;
        }
        Ok(stop)
    }

    fn take_action(&mut self, action: Opt, value: Option<String>) -> Result<(), Stop> {
        match action {
            Opt::Help => return Err(Stop::Help),
            Opt::NoTypeComments => self.namespace.type_comments = false,
            Opt::Attributes => self.namespace.include_attributes = true,
            Opt::Mode => {
                let value = value.unwrap_or_default();
                if !MODES.contains(&value.as_str()) {
                    let choices: Vec<String> = MODES.iter().map(|m| python_repr(m)).collect();
                    let message = format!(
                        "invalid choice: {} (choose from {})",
                        python_repr(&value),
                        choices.join(", ")
                    );
                    return Err(ArgError::new(Some(action), message).into());
                }
                self.namespace.mode = value;
            }
            Opt::Indent => {
                let value = value.unwrap_or_default();
                match python_int(&value) {
                    Some(n) => self.namespace.indent = n,
                    None => {
                        let message = format!("invalid int value: {}", python_repr(&value));
                        return Err(ArgError::new(Some(action), message).into());
                    }
                }
            }
        }
        Ok(())
    }
}

/// argparse's `_parse_optional`: is `arg` an option (known or not), or an argument?
fn classify(arg: &str) -> Result<Option<Found>, ArgError> {
    if !arg.starts_with('-') {
        return Ok(None);
    }
    if let Some(opt) = Opt::lookup(arg) {
        return Ok(Some(Found {
            opt: Some(opt),
            string: arg.to_owned(),
            sep: None,
            explicit: None,
        }));
    }
    if arg == "-" {
        return Ok(None);
    }
    if let Some((name, value)) = arg.split_once('=')
        && let Some(opt) = Opt::lookup(name)
    {
        return Ok(Some(Found {
            opt: Some(opt),
            string: name.to_owned(),
            sep: Some("="),
            explicit: Some(value.to_owned()),
        }));
    }
    let matches = option_tuples(arg);
    if matches.len() > 1 {
        let names: Vec<&str> = matches.iter().map(|f| f.string.as_str()).collect();
        return Err(ArgError::new(
            None,
            format!("ambiguous option: {arg} could match {}", names.join(", ")),
        ));
    }
    if let Some(found) = matches.into_iter().next() {
        return Ok(Some(found));
    }
    if is_negative_number(arg) || arg.contains(' ') {
        return Ok(None);
    }
    Ok(Some(Found {
        opt: None,
        string: arg.to_owned(),
        sep: None,
        explicit: None,
    }))
}

/// argparse's `_get_option_tuples`: options `arg` abbreviates, or a short option with its value
/// attached.
fn option_tuples(arg: &str) -> Vec<Found> {
    let mut found = Vec::new();
    if arg[1..].starts_with('-') {
        let (prefix, sep, explicit) = match arg.split_once('=') {
            Some((prefix, value)) => (prefix, Some("="), Some(value.to_owned())),
            None => (arg, None, None),
        };
        for (string, opt) in OPTION_STRINGS {
            if string.starts_with(prefix) {
                found.push(Found {
                    opt: Some(opt),
                    string: string.to_owned(),
                    sep,
                    explicit: explicit.clone(),
                });
            }
        }
    } else {
        let split = 1 + arg[1..].chars().next().map_or(0, char::len_utf8);
        let (short, rest) = arg.split_at(split);
        for (string, opt) in OPTION_STRINGS {
            if string == short {
                found.push(Found {
                    opt: Some(opt),
                    string: string.to_owned(),
                    sep: Some(""),
                    explicit: Some(rest.to_owned()),
                });
            } else if string.starts_with(arg) {
                found.push(Found {
                    opt: Some(opt),
                    string: string.to_owned(),
                    sep: None,
                    explicit: None,
                });
            }
        }
    }
    found
}

/// `^-\d+$|^-\d*\.\d+$`
fn is_negative_number(arg: &str) -> bool {
    let Some(rest) = arg.strip_prefix('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once('.') {
        None => digits(rest),
        Some((whole, fraction)) => (whole.is_empty() || digits(whole)) && digits(fraction),
    }
}

/// Python's `int(text)` for base 10: surrounding whitespace, a sign, digits with single
/// underscores between them. Values past `i64` saturate (no indentation is that wide anyway).
fn python_int(text: &str) -> Option<i64> {
    let text = text.trim_matches(py_isspace);
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut value: i64 = 0;
    for b in digits.bytes() {
        match b {
            b'_' => {}
            b'0'..=b'9' => value = value.saturating_mul(10).saturating_add(i64::from(b - b'0')),
            _ => return None,
        }
    }
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> (Result<Arguments, i32>, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = {
            let mut io = Io {
                stdin: &mut &b""[..],
                stdout: &mut out,
                stderr: &mut err,
            };
            parse(&args, &mut io)
        };
        (
            result,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    fn error(args: &[&str]) -> String {
        let (result, _, err) = run(args);
        assert_eq!(result, Err(2), "{args:?}");
        let last = err.lines().last().unwrap();
        last.strip_prefix("python -m ast: error: ")
            .unwrap()
            .to_owned()
    }

    fn ok(args: &[&str]) -> Arguments {
        run(args).0.expect("parsed")
    }

    // Expectations from `python3.13 -m ast ARGS`.
    #[test]
    fn values_flags_and_prefixes() {
        let a = ok(&["--mo", "eval", "--inc", "-i2", "x.py"]);
        assert_eq!(
            (a.mode.as_str(), a.include_attributes, a.indent),
            ("eval", true, 2)
        );
        assert_eq!(a.infile, "x.py");
        let a = ok(&["-ai", "7", "--no", "-m=single"]);
        assert_eq!(
            (a.include_attributes, a.indent, a.type_comments),
            (true, 7, false)
        );
        assert_eq!(a.mode, "single");
        assert_eq!(ok(&["-i", "-1"]).indent, -1);
        assert_eq!(ok(&["--indent= +1_0 "]).indent, 10);
        assert_eq!(ok(&["--", "-a"]).infile, "-a");
        assert_eq!(ok(&["-a", "--", "x"]).infile, "x");
        assert_eq!(ok(&["-x y"]).infile, "-x y");
        assert_eq!(ok(&[]), Arguments::default());
    }

    #[test]
    fn errors() {
        assert_eq!(
            error(&["-m", "foo", "x"]),
            "argument -m/--mode: invalid choice: 'foo' (choose from 'exec', 'single', 'eval', 'func_type')"
        );
        assert_eq!(
            error(&["-i", "x"]),
            "argument -i/--indent: invalid int value: 'x'"
        );
        assert_eq!(
            error(&["-i"]),
            "argument -i/--indent: expected one argument"
        );
        assert_eq!(
            error(&["-m", "-a"]),
            "argument -m/--mode: expected one argument"
        );
        assert_eq!(error(&["a", "b"]), "unrecognized arguments: b");
        assert_eq!(error(&["--x", "-ax"]), "unrecognized arguments: --x -x");
        assert_eq!(
            error(&["--in", "3"]),
            "ambiguous option: --in could match --include-attributes, --indent"
        );
        assert_eq!(
            error(&["-a=1"]),
            "argument -a/--include-attributes: ignored explicit argument '1'"
        );
        assert_eq!(
            error(&["--no-type-comments=x"]),
            "argument --no-type-comments: ignored explicit argument 'x'"
        );
        // Actions run in order: the first error wins, and -h before it prints help.
        assert_eq!(
            error(&["-i", "x", "-m", "y"]),
            "argument -i/--indent: invalid int value: 'x'"
        );
        let (result, out, err) = run(&["a", "b", "-h", "-i", "x"]);
        assert_eq!(result, Err(0));
        assert!(out.starts_with(USAGE) && out.ends_with("(number of spaces)\n") && err.is_empty());
        let (_, _, err) = run(&["-z"]);
        assert_eq!(
            err,
            "usage: python -m ast [-h] [-m {exec,single,eval,func_type}]\n                     \
             [--no-type-comments] [-a] [-i INDENT]\n                     [infile]\n\
             python -m ast: error: unrecognized arguments: -z\n"
        );
    }
}
