//! Source bytes to a tree, as `compile(source_bytes, filename, mode, PyCF_ONLY_AST)` does it, and
//! the exception it raises otherwise.
//!
//! Decoding follows CPython's C tokenizer for byte strings, which differs from
//! `tokenize.detect_encoding` (what [`taipan_lexer::source`] mirrors) in a few places:
//! - a NUL byte anywhere is refused before anything else;
//! - undecodable bytes in the first two lines do not spoil the search for a coding cookie;
//! - without a cookie (UTF-8), invalid bytes are checked token by token: in a comment they are
//!   accepted, in a string literal they raise `(unicode error)` at the string, elsewhere at the
//!   byte itself, and in an f-string's literal part they escape as a bare `UnicodeDecodeError`;
//! - encoding errors (unknown codec, BOM and cookie disagreeing, bytes the cookie's codec cannot
//!   decode) are `SyntaxError`s at line 0.

use bumpalo::Bump;
use taipan_ast::Mod;
use taipan_lexer::source::{self, DecodeError, Errors};
use taipan_lexer::{Lexer, TokenKind};
use taipan_parser::{Options, ParseError, Warning};

/// An exception as Python reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PythonException {
    /// The class name: `SyntaxError`, `IndentationError`, `UnicodeDecodeError`, ...
    pub type_name: String,
    /// For a `SyntaxError`, its `msg`; for any other exception, `str()` of it.
    pub message: String,
    /// The `SyntaxError` attributes, for `SyntaxError` and its subclasses.
    pub syntax: Option<Box<SyntaxDetails>>,
}

/// The attributes of a `SyntaxError`, `None` where Python has `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyntaxDetails {
    pub filename: Option<String>,
    pub lineno: Option<i64>,
    pub offset: Option<i64>,
    pub end_lineno: Option<i64>,
    pub end_offset: Option<i64>,
    pub text: Option<String>,
}

impl PythonException {
    /// The exception printed as uncaught, as CPython 3.13 prints it but without stack frames:
    /// `Traceback (most recent call last):`, then `traceback.format_exception_only`.
    pub fn uncaught(&self) -> String {
        super::traceback::uncaught(self)
    }

    fn syntax_error(message: impl Into<String>, details: SyntaxDetails) -> PythonException {
        PythonException {
            type_name: "SyntaxError".to_owned(),
            message: message.into(),
            syntax: Some(Box::new(details)),
        }
    }

    /// What the parser raised, as the exception CPython would build from it.
    fn from_parse_error(error: ParseError, filename: &str) -> PythonException {
        let int = |n: Option<i32>| n.map(i64::from);
        PythonException {
            type_name: error.exception.name().to_owned(),
            message: error.message,
            syntax: Some(Box::new(SyntaxDetails {
                filename: Some(filename.to_owned()),
                lineno: int(error.lineno),
                offset: int(error.offset),
                end_lineno: int(error.end_lineno),
                end_offset: int(error.end_offset),
                text: error.text,
            })),
        }
    }
}

/// A parsed source: the decoded text (in the arena), its tree and the warnings.
#[derive(Debug)]
pub(crate) struct Source<'a> {
    pub text: &'a str,
    pub tree: Mod<'a>,
    pub warnings: Vec<Warning>,
    /// True if undecodable bytes (in comments) were replaced: Python's `linecache` then cannot
    /// read the file, so warnings show no source line.
    pub lossy: bool,
}

/// A failed parse: the exception, and the warnings issued before it.
#[derive(Debug)]
pub(crate) struct Failure<'a> {
    pub exception: PythonException,
    pub warnings: Vec<Warning>,
    /// The decoded text, when decoding succeeded.
    pub text: Option<&'a str>,
    pub lossy: bool,
}

impl From<PythonException> for Failure<'_> {
    fn from(exception: PythonException) -> Self {
        Failure {
            exception,
            warnings: Vec::new(),
            text: None,
            lossy: false,
        }
    }
}

/// `compile(bytes, filename, mode, PyCF_ONLY_AST | type comments)`.
pub(crate) fn parse_source<'a>(
    bytes: &[u8],
    filename: &str,
    options: &Options,
    arena: &'a Bump,
) -> Result<Source<'a>, Failure<'a>> {
    let (text, lossy) = decode(bytes, filename)?;
    let text: &'a str = arena.alloc_str(&text);
    match taipan_parser::parse(text, options, arena) {
        Ok(parsed) => Ok(Source {
            text,
            tree: parsed.tree,
            warnings: parsed.warnings,
            lossy,
        }),
        Err(mut error) => {
            let warnings = std::mem::take(&mut error.warnings);
            Err(Failure {
                exception: PythonException::from_parse_error(error, filename),
                warnings,
                text: Some(text),
                lossy,
            })
        }
    }
}

/// What `ast.parse(source_bytes, filename)` raises, if anything: `compile()` in `exec` mode
/// without type comments, stopping after the parser.
pub fn check_syntax(bytes: &[u8], filename: &str) -> Result<(), PythonException> {
    let arena = Bump::new();
    parse_source(bytes, filename, &Options::default(), &arena)
        .map(|_| ())
        .map_err(|failure| failure.exception)
}

/// Bytes to text as `compile()` decodes them; the flag says whether bytes were replaced.
fn decode(bytes: &[u8], filename: &str) -> Result<(String, bool), PythonException> {
    if memchr_zero(bytes) {
        return Err(PythonException::syntax_error(
            "source code string cannot contain null bytes",
            SyntaxDetails::default(),
        ));
    }
    let encoding_error = |message: String| {
        PythonException::syntax_error(
            message,
            SyntaxDetails {
                filename: Some(filename.to_owned()),
                lineno: Some(0),
                offset: Some(-1),
                ..SyntaxDetails::default()
            },
        )
    };
    let (encoding, bom) = match detect_encoding(bytes, filename) {
        Ok(found) => found,
        Err(DecodeError::UnknownEncoding { encoding, .. }) => {
            return Err(encoding_error(format!("unknown encoding: {encoding}")));
        }
        Err(DecodeError::BomMismatch { .. }) => {
            let cookie = detect_encoding(&bytes[3..], filename)
                .map(|(name, _)| name)
                .unwrap_or_default();
            return Err(encoding_error(format!(
                "encoding problem: {cookie} with BOM"
            )));
        }
        Err(other) => return Err(encoding_error(other.to_string())),
    };
    let body = if bom { &bytes[3..] } else { bytes };
    if encoding == "utf-8" || encoding == "utf-8-sig" {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok((text.to_owned(), false)),
            Err(_) => decode_invalid_utf8(body, filename),
        };
    }
    // Any other codec decodes the whole text at once. `source::decode` finds the codec from a
    // cookie, so the text is framed by one naming the codec found (an ASCII line, removed after).
    let frame = format!("# coding: {encoding}\n");
    let mut framed = frame.clone().into_bytes();
    framed.extend_from_slice(body);
    match source::decode(&framed, Some(filename), Errors::Strict) {
        Ok(decoded) => Ok((decoded.text[frame.len()..].to_owned(), false)),
        Err(DecodeError::Undecodable {
            encoding,
            byte,
            position,
            reason,
        }) => {
            let position = position - frame.len();
            // CPython decodes after turning `\r\n` into `\n`: positions count the shorter text.
            let crlf = body[..position.min(body.len())]
                .windows(2)
                .filter(|w| w == b"\r\n")
                .count();
            Err(encoding_error(format!(
                "'{encoding}' codec can't decode byte 0x{byte:02x} in position {}: {reason}",
                position - crlf
            )))
        }
        Err(other) => Err(encoding_error(other.to_string())),
    }
}

/// The encoding as CPython's C tokenizer finds it: `detect_encoding`, except that bytes that are
/// not UTF-8 in the lines it reads do not matter (the cookie is ASCII; such a line is a comment,
/// or code in a file without cookie).
fn detect_encoding(bytes: &[u8], filename: &str) -> Result<(String, bool), DecodeError> {
    let line_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| from + i + 1)
    };
    let first = line_end(0);
    let second = line_end(first);
    let mut result = source::detect_encoding(bytes, Some(filename));
    for end in [first, second] {
        if !matches!(result, Err(DecodeError::InvalidDeclaration { .. })) {
            break;
        }
        let mut probe = Vec::with_capacity(bytes.len());
        for chunk in bytes[..end].utf8_chunks() {
            probe.extend_from_slice(chunk.valid().as_bytes());
            if !chunk.invalid().is_empty() {
                probe.push(b'?');
            }
        }
        probe.extend_from_slice(&bytes[end..]);
        result = source::detect_encoding(&probe, Some(filename));
    }
    result
}

fn memchr_zero(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// One undecodable sequence: where it is in the bytes and in the lossily decoded text.
#[derive(Clone, Copy, Debug)]
struct Invalid {
    byte: usize,
    len: usize,
    text: usize,
    /// The bytes end in the middle of the sequence (Python's "unexpected end of data").
    truncated: bool,
}

fn invalid_sequences(bytes: &[u8]) -> (String, Vec<Invalid>) {
    let mut text = String::with_capacity(bytes.len() + 8);
    let mut found = Vec::new();
    let mut byte = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        byte += chunk.valid().len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            found.push(Invalid {
                byte,
                len: bad.len(),
                text: text.len(),
                truncated: byte + bad.len() == bytes.len(),
            });
            text.push('\u{fffd}');
            byte += bad.len();
        }
    }
    (text, found)
}

/// Python's `UnicodeDecodeError` text for the sequence at `position` of a decoded span.
fn utf8_error_text(first: u8, position: usize, seq: &Invalid, span_end: Option<usize>) -> String {
    // Within a span (a string body), the sequence is cut short if the span ends inside it.
    let truncated = seq.truncated || span_end.is_some_and(|end| seq.byte + seq.len >= end);
    let reason = if (0x80..0xc2).contains(&first) || first >= 0xf5 {
        "invalid start byte"
    } else if truncated {
        "unexpected end of data"
    } else {
        "invalid continuation byte"
    };
    if seq.len == 1 {
        format!("'utf-8' codec can't decode byte 0x{first:02x} in position {position}: {reason}")
    } else {
        format!(
            "'utf-8' codec can't decode bytes in position {position}-{}: {reason}",
            position + seq.len - 1
        )
    }
}

/// Where a byte offset of `text` is: its 1-based line, the line's start, and its character column.
fn locate(text: &str, offset: usize) -> (usize, usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let lineno = 1 + before
        .bytes()
        .enumerate()
        .filter(|&(i, b)| b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')))
        .count();
    (lineno, line_start, text[line_start..offset].chars().count())
}

/// The line starting at `line_start`, without its end of line.
fn line_at(text: &str, line_start: usize) -> &str {
    let rest = &text[line_start..];
    &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())]
}

/// UTF-8 source with undecodable bytes: decide, as CPython's tokenizer and parser would, whether
/// they are an error (see the module docs).
fn decode_invalid_utf8(body: &[u8], filename: &str) -> Result<(String, bool), PythonException> {
    let (text, invalid) = invalid_sequences(body);
    let mut lexer = Lexer::new(&text, taipan_lexer::Mode::Tokenize);
    let mut tokens = Vec::new();
    let mut stopped_at = None;
    while let Some(token) = lexer.next_token() {
        match token {
            Ok(token) => tokens.push(token),
            Err(error) => {
                stopped_at = Some(error.byte as usize);
                break;
            }
        }
    }
    for seq in &invalid {
        let token = tokens
            .iter()
            .find(|t| (t.start as usize) <= seq.text && seq.text < t.end as usize);
        let first = body[seq.byte];
        match token {
            Some(t) if t.kind == TokenKind::Comment => continue,
            Some(t) if t.kind == TokenKind::String => {
                // A bytes literal is refused by the parser for its non-ASCII character instead.
                let prefix = text[t.start as usize..]
                    .bytes()
                    .take_while(u8::is_ascii_alphabetic);
                if prefix.clone().any(|b| b == b'b' || b == b'B') {
                    continue;
                }
                return Err(string_error(&text, body, t.start as usize, seq, filename));
            }
            Some(t) if t.kind == TokenKind::FStringMiddle => {
                let start = text_to_byte(&invalid, t.start as usize);
                return Err(PythonException {
                    type_name: "UnicodeDecodeError".to_owned(),
                    message: utf8_error_text(first, seq.byte - start, seq, None),
                    syntax: None,
                });
            }
            Some(_) => {}
            // The lexer stopped on an earlier error: the parser reports that one.
            None if stopped_at.is_some_and(|at| at < seq.text) => break,
            None => {}
        }
        // In a name, or anything else: CPython decodes the run of identifier bytes around it.
        let in_name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b >= 0x80;
        let run_start = body[..seq.byte]
            .iter()
            .rposition(|b| !in_name(b))
            .map_or(0, |i| i + 1);
        let run_end = seq.byte
            + body[seq.byte..]
                .iter()
                .position(|b| !in_name(b))
                .unwrap_or(body.len() - seq.byte);
        let (lineno, line_start, column) = locate(&text, seq.text);
        return Err(PythonException::syntax_error(
            format!(
                "(unicode error) {}",
                utf8_error_text(first, seq.byte - run_start, seq, Some(run_end))
            ),
            SyntaxDetails {
                filename: Some(filename.to_owned()),
                lineno: Some(lineno as i64),
                offset: Some(column as i64 + 1),
                end_lineno: Some(lineno as i64),
                end_offset: Some(-1),
                text: Some(format!("{}\n", line_at(&text, line_start))),
            },
        ));
    }
    Ok((text, true))
}

/// The byte offset in the original bytes of a byte offset in the lossy text.
fn text_to_byte(invalid: &[Invalid], text_offset: usize) -> usize {
    let mut shift: isize = 0;
    for seq in invalid {
        if seq.text >= text_offset {
            break;
        }
        shift += seq.len as isize - '\u{fffd}'.len_utf8() as isize;
    }
    (text_offset as isize + shift) as usize
}

/// CPython's `_PyPegen_byte_offset_to_character_offset`: the characters in the first `bytes`
/// bytes of `line` (a cut character counts as one; past the end, the terminating NUL counts).
fn characters_in_prefix(line: &str, bytes: usize) -> i64 {
    let utf8 = line.as_bytes();
    if bytes > utf8.len() {
        return line.chars().count() as i64 + 1;
    }
    String::from_utf8_lossy(&utf8[..bytes]).chars().count() as i64
}

/// `(unicode error)` for undecodable bytes in a string literal starting at `start` (in `text`).
fn string_error(
    text: &str,
    body: &[u8],
    start: usize,
    seq: &Invalid,
    filename: &str,
) -> PythonException {
    let invalid_all = invalid_sequences(body).1;
    let token_byte = text_to_byte(&invalid_all, start);
    // The literal's body: after the prefix letters and the opening quote(s).
    let raw = &body[token_byte..];
    let prefix = raw.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let quote = raw[prefix];
    let triple = raw[prefix..].starts_with(&[quote; 3]);
    let quote_len = if triple { 3 } else { 1 };
    let body_start = token_byte + prefix + quote_len;
    let closing = if triple { vec![quote; 3] } else { vec![quote] };
    let mut body_end = body_start;
    while body_end < body.len() && !body[body_end..].starts_with(&closing) {
        body_end += if body[body_end] == b'\\' { 2 } else { 1 };
    }
    let body_end = body_end.min(body.len());
    let (lineno, line_start, column) = locate(text, start);
    let first = body[seq.byte];
    let message = format!(
        "(unicode error) {}",
        utf8_error_text(first, seq.byte - body_start, seq, Some(body_end))
    );
    let offset = column as i64 + 1;
    // The literal ends `end` bytes into the source, on line `end_lineno`.
    let end = (body_end + quote_len).min(body.len());
    let before = &body[..end];
    let end_line_start = before
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    let end_lineno = 1 + before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && body.get(i + 1) != Some(&b'\n')))
        .count();
    let multi_line = end_lineno != lineno;
    // The text is the first line. From a multi-line literal the tokenizer's buffer holds it
    // without its newline, but when `filename` names a file CPython reads the line from there.
    let line = line_at(text, line_start);
    let line = if !multi_line || std::path::Path::new(filename).is_file() {
        format!("{line}\n")
    } else {
        line.to_owned()
    };
    // CPython turns the end's byte column into characters of the *first* line as it holds it
    // (undecodable bytes already replaced by U+FFFD, three bytes each in UTF-8).
    let end_offset = characters_in_prefix(&line, end - end_line_start + 1);
    PythonException::syntax_error(
        message,
        SyntaxDetails {
            filename: Some(filename.to_owned()),
            lineno: Some(lineno as i64),
            offset: Some(offset),
            end_lineno: Some(end_lineno as i64),
            end_offset: Some(end_offset),
            text: Some(line),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(bytes: &[u8]) -> PythonException {
        decode(bytes, "f.py").expect_err("an error")
    }

    fn details(e: &PythonException) -> (Option<i64>, Option<i64>, Option<i64>, Option<i64>) {
        let d = e.syntax.as_ref().expect("a SyntaxError");
        (d.lineno, d.offset, d.end_lineno, d.end_offset)
    }

    // Each expectation is what CPython 3.13.0's `compile(bytes, 'f.py', 'exec', 0x400)` raised.
    #[test]
    fn encoding_errors_are_syntax_errors_at_line_0() {
        let e = error(b"# coding: foo\n");
        assert_eq!(e.message, "unknown encoding: foo");
        assert_eq!(details(&e), (Some(0), Some(-1), None, None));
        let e = error(b"\xef\xbb\xbf# coding: latin-1\n");
        assert_eq!(e.message, "encoding problem: iso-8859-1 with BOM");
        let e = error(b"\xef\xbb\xbf# coding: utf8\n");
        assert_eq!(e.message, "encoding problem: utf8 with BOM");
        let e = error(b"# coding: ascii\r\n\r\nx = '\xe9'\n");
        assert_eq!(
            e.message,
            "'ascii' codec can't decode byte 0xe9 in position 22: ordinal not in range(128)"
        );
        let e = error(b"x = 1\0\n");
        assert_eq!(e.message, "source code string cannot contain null bytes");
        assert_eq!(e.syntax, Some(Box::default()));
    }

    #[test]
    fn cookies_survive_undecodable_lines() {
        assert!(decode(b"# coding: latin-1 \xff\nx = '\xe9'\n", "f.py").is_ok());
        assert!(decode(b"# \xff\n", "f.py").is_ok());
        assert!(decode(b"x = 1 # \xff\n", "f.py").is_ok());
    }

    #[test]
    fn undecodable_utf8() {
        let e = error(b"x = 'ab\xffc'\n");
        assert_eq!(
            e.message,
            "(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"
        );
        assert_eq!(details(&e), (Some(1), Some(5), Some(1), Some(9)));
        let e = error(b"x = '\xe2\x82'\n");
        assert_eq!(
            e.message,
            "(unicode error) 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"
        );
        assert_eq!(details(&e), (Some(1), Some(5), Some(1), Some(7)));
        let e = error(b"x = u'\xe9\xe9\xe9'\n");
        assert_eq!(details(&e), (Some(1), Some(5), Some(1), Some(8)));
        let e = error(b"x = \"\"\"a\n\xff\"\"\"\n");
        assert_eq!(details(&e), (Some(1), Some(5), Some(2), Some(5)));
        assert_eq!(e.syntax.unwrap().text.as_deref(), Some("x = \"\"\"a"));
        let e = error(b"x = '\xe2\x82 \xf0\x9f\x90 \xc0\xaf \xed\xa0\x80 \xff\xfe'\n");
        assert_eq!(details(&e), (Some(1), Some(5), Some(1), Some(13)));
        let e = error(b"xy = '\xff\xff\xff'\n");
        assert_eq!(details(&e), (Some(1), Some(6), Some(1), Some(8)));
        let e = error(b"x = '\xc3\xa9\xc3\xa9\xff'\n");
        assert_eq!(details(&e), (Some(1), Some(5), Some(1), Some(8)));
        let e = error(b"abc = 1; de\xe9f = 2\n");
        assert_eq!(
            e.message,
            "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 2: invalid continuation byte"
        );
        assert_eq!(details(&e), (Some(1), Some(12), Some(1), Some(-1)));
        let e = error(b"x = 1\r\n\xff");
        assert_eq!(details(&e), (Some(2), Some(1), Some(2), Some(-1)));
        assert_eq!(e.syntax.unwrap().text.as_deref(), Some("\u{fffd}\n"));
        assert!(decode(b"x = b'\xff'\n", "f.py").is_ok());
        let e = error(b"x = f'a\xffb{x}'\n");
        assert_eq!(e.type_name, "UnicodeDecodeError");
        assert_eq!(
            e.message,
            "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"
        );
    }
}
