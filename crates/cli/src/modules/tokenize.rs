//! `-m tokenize`: CPython 3.13's `python -m tokenize [-e] [filename.py]`, with its exact output.

use taipan_lexer::source::{self, Errors};
use taipan_lexer::{LexError, LexErrorKind, TokenInfo, TokenKind, Tokenize, python_repr};

use crate::Io;

const USAGE: &str = "usage: python -m tokenize [-h] [-e] [filename.py]\n";
const HELP: &str = "\
usage: python -m tokenize [-h] [-e] [filename.py]

positional arguments:
  filename.py  the file to tokenize; defaults to stdin

options:
  -h, --help   show this help message and exit
  -e, --exact  display token names using the exact type
";

struct Arguments {
    filename: Option<String>,
    exact: bool,
}

/// argparse's reading of `[-h] [-e] [filename.py]`.
fn parse(args: &[String], io: &mut Io<'_>) -> Result<Arguments, i32> {
    let mut parsed = Arguments {
        filename: None,
        exact: false,
    };
    let mut extra = Vec::new();
    let mut only_positional = false;
    for arg in args {
        if !only_positional && arg == "--" {
            only_positional = true;
            continue;
        }
        if !only_positional && arg.starts_with('-') && arg.len() > 1 {
            match arg.as_str() {
                "-h" | "--help" => {
                    let _ = io.stdout.write_all(HELP.as_bytes());
                    return Err(0);
                }
                "-e" | "--exact" | "--e" | "--ex" | "--exa" | "--exac" => parsed.exact = true,
                _ if arg.starts_with("-e") && arg[2..].chars().all(|c| c == 'e') => {
                    parsed.exact = true
                }
                _ => extra.push(arg.clone()),
            }
            continue;
        }
        if parsed.filename.is_none() {
            parsed.filename = Some(arg.clone());
        } else {
            extra.push(arg.clone());
        }
    }
    if !extra.is_empty() {
        let _ = io.stderr.write_all(USAGE.as_bytes());
        let _ = writeln!(
            io.stderr,
            "python -m tokenize: error: unrecognized arguments: {}",
            extra.join(" ")
        );
        return Err(2);
    }
    Ok(parsed)
}

pub(crate) fn main(args: &[String], io: &mut Io<'_>) -> i32 {
    let arguments = match parse(args, io) {
        Ok(arguments) => arguments,
        Err(status) => return status,
    };
    let (bytes, filename) = match &arguments.filename {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => (bytes, path.clone()),
            Err(error) => {
                let _ = writeln!(io.stderr, "error: {}", os_error(&error, path));
                return 1;
            }
        },
        None => {
            let mut bytes = Vec::new();
            if let Err(error) = io.stdin.read_to_end(&mut bytes) {
                let _ = writeln!(io.stderr, "error: {error}");
                return 1;
            }
            (bytes, "<stdin>".to_owned())
        }
    };

    // From a file, `tokenize.tokenize` detects the encoding and reports it first; from stdin,
    // `generate_tokens` reads text and reports none.
    let (text, encoding) = if arguments.filename.is_some() {
        match source::decode(&bytes, Some(&filename), Errors::Replace) {
            Ok(decoded) => (decoded.text, Some(decoded.encoding)),
            Err(error) => {
                let _ = writeln!(io.stderr, "{filename}: error: {error}");
                return 1;
            }
        }
    } else {
        (String::from_utf8_lossy(&bytes), None)
    };

    // As CPython: every token is produced before any is printed, so an error prints no tokens.
    let mut tokenize = Tokenize::new(&text);
    let mut tokens: Vec<TokenInfo<'_>> = Vec::new();
    let mut failure: Option<LexError> = None;
    for token in tokenize.by_ref() {
        match token {
            Ok(token) => tokens.push(token),
            Err(error) => {
                failure = Some(error);
                break;
            }
        }
    }
    for warning in tokenize.warnings() {
        let _ = writeln!(
            io.stderr,
            "<string>:{}: SyntaxWarning: {}",
            warning.lineno, warning.message
        );
    }
    if let Some(error) = failure {
        let _ = writeln!(
            io.stderr,
            "{filename}:{}:{}: error: {}",
            error.lineno,
            error.offset,
            tokenize_message(&error)
        );
        return 1;
    }

    let mut out = String::with_capacity(tokens.len() * 48);
    if let Some(encoding) = encoding {
        let info = TokenInfo {
            kind: TokenKind::Encoding,
            string: encoding.into(),
            start: (0, 0),
            end: (0, 0),
        };
        out.push_str(&format!("{}\n", info.display(arguments.exact)));
    }
    for token in &tokens {
        out.push_str(&format!("{}\n", token.display(arguments.exact)));
    }
    match io.stdout.write_all(out.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 120,
    }
}

/// `tokenize` rewrites one message of the C tokenizer (`_transform_msg`).
fn tokenize_message(error: &LexError) -> String {
    match error.kind {
        LexErrorKind::UnterminatedTripleQuotedString { .. } => {
            "EOF in multi-line string".to_owned()
        }
        _ => error.kind.to_string(),
    }
}

/// Python's `str(OSError)`: `[Errno 2] No such file or directory: 'x.py'`.
fn os_error(error: &std::io::Error, path: &str) -> String {
    let description = match error.raw_os_error() {
        Some(code) => {
            let text = error.to_string();
            // Rust renders "No such file or directory (os error 2)"; Python "[Errno 2] No such …".
            let text = text.split(" (os error").next().unwrap_or(&text).to_owned();
            format!("[Errno {code}] {text}")
        }
        None => error.to_string(),
    };
    format!("{description}: {}", python_repr(path))
}
