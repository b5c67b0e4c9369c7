//! The `syntax` pseudo-stage: what `ast.parse(source_bytes, NAME)` raises, as text.
//!
//! The golden `NAME.syntax` of an invalid fixture holds the exception's class and message, then
//! its four position attributes and `text`, one per line (Python `repr`s):
//!
//! ```text
//! SyntaxError: invalid syntax
//! lineno: 1
//! offset: 7
//! end_lineno: 1
//! end_offset: 8
//! text: 'def f(:\n'
//! ```
//!
//! An exception other than `SyntaxError` (and its subclasses) is one line, `Class: str(e)`; a
//! source that parses is `ok`. The exit status is 1 if something was raised, else 0. The oracle
//! writes this text in `oracle_driver.py` (`syntax`), Taipan here from [`taipan::check_syntax`].

use std::fmt::Write as _;
use std::path::Path;

use taipan::PythonException;

use crate::golden::Outcome;

/// Taipan's report for `file` (relative to the current directory; named as given).
pub fn taipan(file: &Path) -> Outcome {
    let name = file.to_string_lossy();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            return Outcome {
                status: 1,
                stdout: format!("OSError: {error}\n").into_bytes(),
                stderr: Vec::new(),
            };
        }
    };
    let (status, text) = match taipan::check_syntax(&bytes, &name) {
        Ok(()) => (0, "ok\n".to_owned()),
        Err(exception) => (1, report(&exception)),
    };
    Outcome {
        status,
        stdout: text.into_bytes(),
        stderr: Vec::new(),
    }
}

/// The report text of an exception.
pub fn report(exception: &PythonException) -> String {
    let mut out = format!("{}: {}\n", exception.type_name, exception.message);
    if let Some(details) = &exception.syntax {
        let int = |n: Option<i64>| n.map_or_else(|| "None".to_owned(), |n| n.to_string());
        let _ = writeln!(out, "lineno: {}", int(details.lineno));
        let _ = writeln!(out, "offset: {}", int(details.offset));
        let _ = writeln!(out, "end_lineno: {}", int(details.end_lineno));
        let _ = writeln!(out, "end_offset: {}", int(details.end_offset));
        let text = details
            .text
            .as_deref()
            .map_or_else(|| "None".to_owned(), taipan_lexer::python_repr);
        let _ = writeln!(out, "text: {text}");
    }
    out
}

/// A report read back: what the acceptance figures compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// `SyntaxError`, `IndentationError`, ... or `ok`.
    pub type_name: String,
    pub message: String,
    /// `lineno`, `offset`, `end_lineno`, `end_offset` as written (`None` included).
    pub positions: [String; 4],
}

impl Summary {
    /// Read a report (a golden's stdout, or Taipan's).
    pub fn parse(stdout: &[u8]) -> Summary {
        let text = String::from_utf8_lossy(stdout);
        let mut lines = text.lines();
        let first = lines.next().unwrap_or("");
        let (type_name, message) = first.split_once(": ").unwrap_or((first, ""));
        let mut positions: [String; 4] = Default::default();
        for line in lines {
            let Some((key, value)) = line.split_once(": ") else {
                continue;
            };
            let slot = match key {
                "lineno" => 0,
                "offset" => 1,
                "end_lineno" => 2,
                "end_offset" => 3,
                _ => continue,
            };
            positions[slot] = value.to_owned();
        }
        Summary {
            type_name: type_name.to_owned(),
            message: message.to_owned(),
            positions,
        }
    }

    /// Same class, message and all four positions.
    pub fn matches_exactly(&self, other: &Summary) -> bool {
        self == other
    }

    /// Same class and line.
    pub fn matches_type_and_line(&self, other: &Summary) -> bool {
        self.type_name == other.type_name && self.positions[0] == other.positions[0]
    }
}

/// The exception a report describes, rebuilt (for checking how Taipan prints the oracle's own
/// exceptions). `None` for `ok` or a report it cannot read.
pub fn exception_from_report(stdout: &[u8], filename: &str) -> Option<PythonException> {
    let text = std::str::from_utf8(stdout).ok()?;
    let mut lines = text.lines();
    let (type_name, message) = lines.next()?.split_once(": ")?;
    let mut details = taipan::SyntaxDetails {
        filename: Some(filename.to_owned()),
        ..Default::default()
    };
    let mut syntax = false;
    for line in lines {
        let (key, value) = line.split_once(": ")?;
        let int = || -> Option<Option<i64>> {
            if value == "None" {
                Some(None)
            } else {
                value.parse().ok().map(Some)
            }
        };
        syntax = true;
        match key {
            "lineno" => details.lineno = int()?,
            "offset" => details.offset = int()?,
            "end_lineno" => details.end_lineno = int()?,
            "end_offset" => details.end_offset = int()?,
            "text" if value == "None" => details.text = None,
            "text" => details.text = Some(python_unrepr(value)?),
            _ => return None,
        }
    }
    if details.lineno.is_none() && details.text.is_none() && syntax {
        // CPython's SyntaxError without position has no filename either (null bytes).
        details.filename = None;
    }
    Some(PythonException {
        type_name: type_name.to_owned(),
        message: message.to_owned(),
        syntax: syntax.then(|| Box::new(details)),
    })
}

/// The `str` a Python `repr()` of a `str` stands for.
fn python_unrepr(repr: &str) -> Option<String> {
    let quote = repr.chars().next()?;
    let inner = repr.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = chars.next()?;
        let mut hex = |n: usize| -> Option<char> {
            let digits: String = chars.by_ref().take(n).collect();
            char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
        };
        out.push(match escaped {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'x' => hex(2)?,
            'u' => hex(4)?,
            'U' => hex(8)?,
            other => other,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use taipan::SyntaxDetails;

    /// Taipan prints the oracle's own exception exactly as the oracle's `-m ast` did, for every
    /// invalid-syntax fixture: the traceback format, checked while the parser is still being
    /// built. (Skipped where `-m ast`, which parses with type comments, raised differently.)
    #[test]
    fn ast_goldens_print_the_syntax_goldens_exception() {
        let root = crate::repo_root();
        let mut checked = 0;
        for fixture in crate::fixtures() {
            if !fixture.starts_with(crate::stage::INVALID_FIXTURES) {
                continue;
            }
            let read = |ext: &str| {
                let bytes = std::fs::read(root.join(fixture.with_extension(ext))).unwrap();
                Outcome::from_golden(&bytes).unwrap()
            };
            let (syntax, ast) = (read("syntax"), read("ast"));
            let name = fixture.to_string_lossy();
            let exception = exception_from_report(&syntax.stdout, &name)
                .unwrap_or_else(|| panic!("{name}: unreadable report"));
            let stderr = String::from_utf8(ast.stderr).unwrap();
            let printed = &stderr[stderr.find("Traceback").unwrap()..];
            let last_line = |s: &str| s.lines().last().unwrap_or("").to_owned();
            if last_line(printed) != last_line(&exception.uncaught()) {
                continue;
            }
            assert_eq!(exception.uncaught(), printed, "{name}");
            checked += 1;
        }
        assert!(checked > 300, "only {checked} fixtures checked");
    }

    #[test]
    fn unrepr() {
        for s in [
            "a'b",
            "a\"b",
            "x\n\t\\ \u{e9} \u{1f600} \u{7f} \u{200b}",
            "'\"",
        ] {
            assert_eq!(
                python_unrepr(&taipan_lexer::python_repr(s)).as_deref(),
                Some(s)
            );
        }
    }

    #[test]
    fn report_round_trips() {
        let exception = PythonException {
            type_name: "SyntaxError".into(),
            message: "invalid syntax".into(),
            syntax: Some(Box::new(SyntaxDetails {
                filename: Some("f.py".into()),
                lineno: Some(1),
                offset: Some(7),
                end_lineno: Some(1),
                end_offset: None,
                text: Some("def f(:\n".into()),
            })),
        };
        let text = report(&exception);
        assert_eq!(
            text,
            "SyntaxError: invalid syntax\nlineno: 1\noffset: 7\nend_lineno: 1\nend_offset: None\ntext: 'def f(:\\n'\n"
        );
        let summary = Summary::parse(text.as_bytes());
        assert_eq!(summary.type_name, "SyntaxError");
        assert_eq!(summary.message, "invalid syntax");
        assert_eq!(summary.positions, ["1", "7", "1", "None"].map(String::from));
        let other = Summary::parse(b"SyntaxError: x\nlineno: 1\n");
        assert!(summary.matches_type_and_line(&other) && !summary.matches_exactly(&other));
    }
}
