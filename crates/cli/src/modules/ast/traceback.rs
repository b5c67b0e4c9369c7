//! Python 3.13's text for an uncaught exception (`traceback.TracebackException.format`) and for a
//! warning (`warnings.formatwarning`), for the exceptions and warnings the `ast` module raises.
//!
//! Taipan prints no stack frames: the frames CPython shows belong to its own installation (runpy,
//! `ast.py`), so an uncaught exception is the header line followed by the exception itself.

use super::source::{PythonException, SyntaxDetails};

/// The first line of every traceback.
pub(crate) const HEADER: &str = "Traceback (most recent call last):\n";

/// An uncaught exception as CPython prints it, without its frames.
pub(crate) fn uncaught(exception: &PythonException) -> String {
    let mut out = String::from(HEADER);
    out.push_str(&exception_only(exception));
    out
}

/// `traceback.format_exception_only`, joined.
pub(crate) fn exception_only(exception: &PythonException) -> String {
    match &exception.syntax {
        Some(details) => syntax_error(&exception.type_name, &exception.message, details),
        None if exception.message.is_empty() => format!("{}\n", exception.type_name),
        None => format!("{}: {}\n", exception.type_name, exception.message),
    }
}

/// Python's `str.isspace` for one character.
pub(crate) fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// A `SyntaxError` as traceback.py shows it: where (file and line), the line with carets under
/// the offending range, then the class and message.
fn syntax_error(type_name: &str, message: &str, details: &SyntaxDetails) -> String {
    let mut out = String::new();
    let mut suffix = String::new();
    if let Some(lineno) = details.lineno {
        let filename = details
            .filename
            .as_deref()
            .filter(|name| !name.is_empty())
            .unwrap_or("<string>");
        out.push_str(&format!("  File \"{filename}\", line {lineno}\n"));
    } else if let Some(filename) = &details.filename {
        suffix = format!(" ({filename})");
    }
    if let Some(text) = &details.text {
        out.push_str(&source_and_carets(text, details));
    }
    let message = if message.is_empty() {
        "<no detail available>"
    } else {
        message
    };
    out.push_str(&format!("{type_name}: {message}{suffix}\n"));
    out
}

/// The offending line (left-stripped of spaces and form feeds, not tabs) and, when the offset
/// falls on it, a caret line: 1-based character offsets, clamped to the line, at least one caret.
fn source_and_carets(text: &str, details: &SyntaxDetails) -> String {
    let rtext = text.trim_end_matches('\n');
    let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
    let rlen = rtext.chars().count() as i64;
    let spaces = rlen - ltext.chars().count() as i64;
    let Some(mut offset) = details.offset else {
        return format!("    {ltext}\n");
    };
    let mut end_offset = if details.lineno == details.end_lineno {
        match details.end_offset {
            None | Some(0) => offset,
            Some(end) => end,
        }
    } else {
        rlen + 1
    };
    let text_len = text.chars().count() as i64;
    if !text.is_empty() && offset > text_len {
        offset = rlen + 1;
    }
    if !text.is_empty() && end_offset > text_len {
        end_offset = rlen + 1;
    }
    if offset >= end_offset || end_offset < 0 {
        end_offset = offset + 1;
    }
    let colno = offset - 1 - spaces;
    let end_colno = end_offset - 1 - spaces;
    if colno < 0 {
        return format!("    {ltext}\n");
    }
    // Whitespace other than spaces (tabs) is kept so that the carets line up.
    let caretspace: String = ltext
        .chars()
        .take(colno as usize)
        .map(|c| if py_isspace(c) { c } else { ' ' })
        .collect();
    let carets = "^".repeat((end_colno - colno).max(0) as usize);
    format!("    {ltext}\n    {caretspace}{carets}\n")
}

/// A `SyntaxWarning` as `warnings.showwarning` prints it, with the source line `linecache` finds
/// (stripped), if any.
pub(crate) fn syntax_warning(
    filename: &str,
    lineno: u32,
    message: &str,
    line: Option<&str>,
) -> String {
    let mut out = format!("{filename}:{lineno}: SyntaxWarning: {message}\n");
    if let Some(line) = line {
        let line = line.trim_matches(py_isspace);
        if !line.is_empty() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// Line `lineno` (1-based) of `text` as `linecache` reads it: lines end at `\n`, `\r\n` or `\r`.
pub(crate) fn source_line(text: &str, lineno: u32) -> Option<&str> {
    let mut rest = text;
    let mut current = 1;
    loop {
        let end = rest.find(['\n', '\r']);
        if current == lineno {
            return Some(&rest[..end.unwrap_or(rest.len())]);
        }
        let end = end?;
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
        if rest.is_empty() {
            return None;
        }
        current += 1;
    }
}

/// The exception `open()` raises: its class from the errno, `str()` as Python words it.
pub(crate) fn os_error(error: &std::io::Error, path: &str) -> PythonException {
    let (type_name, message) = match error.raw_os_error() {
        Some(code) => {
            let type_name = match code {
                2 => "FileNotFoundError",
                1 | 13 => "PermissionError",
                20 => "NotADirectoryError",
                21 => "IsADirectoryError",
                _ => "OSError",
            };
            let text = error.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text).to_owned();
            (
                type_name,
                format!("[Errno {code}] {text}: {}", taipan_lexer::python_repr(path)),
            )
        }
        None => ("OSError", error.to_string()),
    };
    PythonException {
        type_name: type_name.to_owned(),
        message,
        syntax: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str, offsets: (i64, i64, i64, i64)) -> String {
        let (lineno, offset, end_lineno, end_offset) = offsets;
        exception_only(&PythonException {
            type_name: "SyntaxError".into(),
            message: "invalid syntax".into(),
            syntax: Some(Box::new(SyntaxDetails {
                filename: Some("f.py".into()),
                lineno: Some(lineno),
                offset: Some(offset),
                end_lineno: Some(end_lineno),
                end_offset: Some(end_offset),
                text: Some(text.into()),
            })),
        })
    }

    // Expectations from CPython 3.13.0's traceback module, for the same attributes.
    #[test]
    fn carets() {
        assert_eq!(
            error("def f(:\n", (1, 7, 1, 8)),
            "  File \"f.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n"
        );
        // Leading spaces stripped, tabs kept and reproduced under the text.
        assert_eq!(
            error("  \tx = (1 +\n", (1, 6, 1, 11)),
            "  File \"f.py\", line 1\n    \tx = (1 +\n    \t  ^^^^^\nSyntaxError: invalid syntax\n"
        );
        // End offset 0 or -1: one caret; past the end of the line: clamped.
        assert_eq!(
            error("x = (\n", (1, 5, 1, 0)),
            "  File \"f.py\", line 1\n    x = (\n        ^\nSyntaxError: invalid syntax\n"
        );
        assert_eq!(
            error("1 +\n", (1, 9, 1, 12)),
            "  File \"f.py\", line 1\n    1 +\n       ^\nSyntaxError: invalid syntax\n"
        );
        // Several lines: carets to the end of the first.
        assert_eq!(
            error("f(a,\n", (1, 3, 2, 2)),
            "  File \"f.py\", line 1\n    f(a,\n      ^^\nSyntaxError: invalid syntax\n"
        );
        // An empty text (eval mode on an empty file): line 0, no carets.
        assert_eq!(
            error("", (0, 0, 0, 0)),
            "  File \"f.py\", line 0\n    \nSyntaxError: invalid syntax\n"
        );
    }

    #[test]
    fn no_line_number() {
        let e = PythonException {
            type_name: "SyntaxError".into(),
            message: "source code string cannot contain null bytes".into(),
            syntax: Some(Box::default()),
        };
        assert_eq!(
            uncaught(&e),
            "Traceback (most recent call last):\nSyntaxError: source code string cannot contain null bytes\n"
        );
    }

    #[test]
    fn warnings_and_lines() {
        assert_eq!(
            syntax_warning(
                "w.py",
                2,
                "invalid escape sequence '\\d'",
                Some("  \tx = '\\d'  ")
            ),
            "w.py:2: SyntaxWarning: invalid escape sequence '\\d'\n  x = '\\d'\n"
        );
        assert_eq!(
            syntax_warning("<stdin>", 1, "m", None),
            "<stdin>:1: SyntaxWarning: m\n"
        );
        assert_eq!(source_line("a\r\nb\rc\n", 3), Some("c"));
        assert_eq!(source_line("a\n", 2), None);
    }
}
