//! String and bytes literals, and the literal text of f-strings.
//!
//! CPython decodes a `str` literal in two steps (`Parser/string_parser.c`): it first rewrites the
//! text so that it is pure ASCII (each non-ASCII character becomes `\UXXXXXXXX`, a backslash
//! before one becomes `\u005c`), then runs the `unicodeescape` codec over that. The value does not
//! depend on the rewriting, but the positions in the codec's error messages count bytes of the
//! rewritten text; this decoder works on the text as it is and computes those positions
//! ([`codec_position`]) only when it reports an error.

use bumpalo::Bump;
use taipan_ast::{ConstantValue, PyStr, push_code_point};

use super::names;
use super::{Decoded, LiteralError, LiteralErrorKind, LiteralWarning};

/// Decodes a STRING token (`'a'`, `b"\x00"`, `R'''…'''`, `u'…'`: prefix and quotes included)
/// into `ConstantValue::Str` or `ConstantValue::Bytes`, as CPython's `_PyPegen_parse_string`.
///
/// The value borrows from `token` when there is nothing to decode (a raw literal, or no
/// backslash, and no `\r`). The warning, if any, is for the first invalid escape; its offset and
/// the error ranges are byte offsets in `token`.
pub fn decode_string<'a>(
    token: &'a str,
    arena: &'a Bump,
) -> Result<Decoded<ConstantValue<'a>>, LiteralError> {
    let Some(literal) = split_string(token) else {
        return Err(LiteralError::malformed("string", token.len()));
    };
    let text = &token[literal.start..literal.end];
    let escapes = !literal.raw && text.contains('\\');
    if literal.bytes {
        // CPython checks from the content to the end of the token, quotes included.
        if !token[literal.start..].is_ascii() {
            return Err(LiteralError {
                kind: LiteralErrorKind::Syntax,
                message: "bytes can only contain ASCII literal characters".to_string(),
                range: 0..token.len(),
            });
        }
        if !escapes {
            let value = translate_newlines(text, arena).as_bytes();
            return Ok(Decoded {
                value: ConstantValue::Bytes(value),
                warning: None,
            });
        }
        let decoded = decode_bytes(text, literal.start, arena)?;
        return Ok(Decoded {
            value: ConstantValue::Bytes(decoded.value),
            warning: decoded.warning,
        });
    }
    if !escapes {
        let value = PyStr::new(translate_newlines(text, arena));
        return Ok(Decoded {
            value: ConstantValue::Str(value),
            warning: None,
        });
    }
    let decoded = decode_unicode(text, literal.start, false, arena)?;
    Ok(Decoded {
        value: ConstantValue::Str(decoded.value),
        warning: decoded.warning,
    })
}

/// Decodes the text of an FSTRING_MIDDLE token (as the lexer cuts it: `f'a{{b'` gives `a{`,
/// escapes still in) into the `str` CPython puts in the `Constant`.
///
/// `raw` is whether the f-string is raw (`rf'…'`), for the literal text of an f-string. For a
/// **format spec** (the text after `:` in a replacement field) pass `false` even in a raw
/// f-string: CPython 3.13 decodes format specs' escapes regardless (`rf'{x:\x41}'` has format
/// spec `'A'`).
///
/// As CPython, an invalid escape `\{` or `\}` is not warned about here: the tokenizer already
/// did. Offsets are byte offsets in `text`.
pub fn decode_fstring_middle<'a>(
    text: &'a str,
    raw: bool,
    arena: &'a Bump,
) -> Result<Decoded<PyStr<'a>>, LiteralError> {
    // `_PyPegen_decode_fstring_part`'s special case for a doubled brace.
    let text = if text == "{{" || text == "}}" {
        &text[..1]
    } else {
        text
    };
    if raw || !text.contains('\\') {
        return Ok(Decoded {
            value: PyStr::new(translate_newlines(text, arena)),
            warning: None,
        });
    }
    decode_unicode(text, 0, true, arena)
}

/// The `kind` of a string `Constant`: `Some("u")` for a literal whose prefix is a lower-case
/// `u` (CPython checks the token's first character only: `U'…'` has no kind).
pub fn string_kind(token: &str) -> Option<&'static str> {
    token.starts_with('u').then_some("u")
}

/// A STRING token's parts: content `start..end` in the token, and the prefix's flags.
struct StringParts {
    bytes: bool,
    raw: bool,
    start: usize,
    end: usize,
}

/// Splits a STRING token as `_PyPegen_parse_string` does; `None` if it is not one.
fn split_string(token: &str) -> Option<StringParts> {
    let b = token.as_bytes();
    let (mut bytes, mut raw) = (false, false);
    let mut i = 0;
    loop {
        match *b.get(i)? {
            b'b' | b'B' => bytes = true,
            b'r' | b'R' => raw = true,
            b'u' | b'U' => {}
            b'\'' | b'"' => break,
            _ => return None,
        }
        i += 1;
    }
    let quote = b[i];
    let mut start = i + 1;
    // Everything after the opening quote, less the closing one.
    let mut end = b.len().checked_sub(1)?;
    if end < start || b[end] != quote {
        return None;
    }
    if end - start >= 4 && b[start] == quote && b[start + 1] == quote {
        start += 2;
        if end < start + 2 || b[end - 1] != quote || b[end - 2] != quote {
            return None;
        }
        end -= 2;
    }
    Some(StringParts {
        bytes,
        raw,
        start,
        end,
    })
}

/// `text` with `\r\n` and lone `\r` as `\n`, as CPython's tokenizer sees source text.
fn translate_newlines<'a>(text: &'a str, arena: &'a Bump) -> &'a str {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    arena.alloc_str(&out)
}

/// Copies the plain text at `b[i..]` up to the next backslash into `out`, translating newlines.
/// Returns the index of the backslash (or the end).
fn copy_plain(b: &[u8], mut i: usize, out: &mut Vec<u8>) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => break,
            b'\r' => {
                out.push(b'\n');
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            }
            _ => {
                // Splitting only at ASCII bytes keeps UTF-8 sequences whole.
                let run = b[i..].iter().position(|&c| c == b'\\' || c == b'\r');
                let end = run.map_or(b.len(), |n| i + n);
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
        }
    }
    i
}

/// The value of a simple one-character escape (`\n`, `\t`, …), shared by `str` and `bytes`.
fn simple_escape(c: u8) -> Option<u8> {
    Some(match c {
        b'\\' => b'\\',
        b'\'' => b'\'',
        b'"' => b'"',
        b'a' => 0x07,
        b'b' => 0x08,
        b'f' => 0x0C,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 0x0B,
        _ => return None,
    })
}

/// An octal escape whose first digit is at `b[i]`: up to three digits. Returns the value and the
/// index after the last digit.
fn octal_escape(b: &[u8], i: usize) -> (u32, usize) {
    let mut value = 0;
    let mut end = i;
    while end < b.len() && end < i + 3 && matches!(b[end], b'0'..=b'7') {
        value = value * 8 + u32::from(b[end] - b'0');
        end += 1;
    }
    (value, end)
}

/// The warning for an octal escape `\ooo` at `b[start]` whose value is over `0o377` (so it has
/// three digits).
fn octal_warning(b: &[u8], start: usize, base: usize) -> LiteralWarning {
    let digit = |k: usize| b.get(start + k).copied().unwrap_or(b'0');
    LiteralWarning::octal(base + start, [digit(1), digit(2), digit(3)])
}

/// The `unicodeescape` codec over `text`, as `decode_unicode_with_escapes`. `base` is added to
/// reported offsets; `fstring` silences warnings about `\{` and `\}`.
fn decode_unicode<'a>(
    text: &str,
    base: usize,
    fstring: bool,
    arena: &'a Bump,
) -> Result<Decoded<PyStr<'a>>, LiteralError> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    // CPython remembers the first invalid escape only.
    let mut first_invalid: Option<LiteralWarning> = None;
    let mut i = 0;
    while i < b.len() {
        i = copy_plain(b, i, &mut out);
        if i >= b.len() {
            break;
        }
        let start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            // A backslash ending the text stands for itself (CPython's `\u005c`).
            out.push(b'\\');
            break;
        };
        if !c.is_ascii() {
            // So does a backslash before a non-ASCII character, which is copied next.
            out.push(b'\\');
            continue;
        }
        i += 1;
        if let Some(value) = simple_escape(c) {
            out.push(value);
            continue;
        }
        let error = |end: usize, reason: &str| unicode_error(text, base, start, end, reason);
        match c {
            // A backslash-newline continues the line.
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'0'..=b'7' => {
                let (value, end) = octal_escape(b, i - 1);
                i = end;
                if value > 0o377 && first_invalid.is_none() {
                    first_invalid = Some(octal_warning(b, start, base));
                }
                push_code_point(&mut out, value);
            }
            b'x' | b'u' | b'U' => {
                let (digits, reason) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value: u32 = 0;
                for _ in 0..digits {
                    match b.get(i).and_then(|&h| char::from(h).to_digit(16)) {
                        Some(digit) => value = value << 4 | digit,
                        None => return Err(error(i, reason)),
                    }
                    i += 1;
                }
                if value > 0x10FFFF {
                    return Err(error(i, "illegal Unicode character"));
                }
                push_code_point(&mut out, value);
            }
            b'N' => {
                const MALFORMED: &str = "malformed \\N character escape";
                if b.get(i) != Some(&b'{') {
                    return Err(error(i, MALFORMED));
                }
                i += 1;
                let name_start = i;
                match b[i..].iter().position(|&c| c == b'}') {
                    None => return Err(error(b.len(), MALFORMED)),
                    Some(0) => return Err(error(i, MALFORMED)),
                    Some(len) => {
                        i += len + 1;
                        match names::lookup(&b[name_start..name_start + len]) {
                            Some(code) => push_code_point(&mut out, code),
                            None => return Err(error(i, "unknown Unicode character name")),
                        }
                    }
                }
            }
            _ => {
                if first_invalid.is_none() {
                    first_invalid = Some(LiteralWarning::invalid(base + start, c));
                }
                out.push(b'\\');
                out.push(c);
            }
        }
    }
    let warning =
        first_invalid.filter(|w| !(fstring && !w.octal && matches!(w.escaped(), b'{' | b'}')));
    let Some(value) = PyStr::from_surrogatepass(arena.alloc_slice_copy(&out)) else {
        return Err(LiteralError::malformed("string", text.len()));
    };
    Ok(Decoded { value, warning })
}

/// The `unicodeescape` codec's error for the escape at `text[start..end]`, as the parser words
/// it: `(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: …`.
fn unicode_error(text: &str, base: usize, start: usize, end: usize, reason: &str) -> LiteralError {
    let from = codec_position(text, start);
    let to = codec_position(text, end);
    let message = if to == from + 1 {
        // Never met (an escape is at least two bytes), but this is the codec's wording.
        format!(
            "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position {from}: \
             {reason}"
        )
    } else {
        format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {from}-{}: \
             {reason}",
            to.saturating_sub(1)
        )
    };
    LiteralError {
        kind: LiteralErrorKind::UnicodeDecode,
        message,
        range: base + start..base + end,
    }
}

/// The offset in CPython's rewritten, pure-ASCII text (`decode_unicode_with_escapes`) of byte
/// `index` of `text`: a non-ASCII character takes ten bytes (`\UXXXXXXXX`), a backslash before a
/// non-ASCII character or ending the text six (`\u005c`), `\r\n` one; a backslash and the byte
/// after it are copied as a pair.
fn codec_position(text: &str, index: usize) -> usize {
    let b = text.as_bytes();
    let (mut i, mut position) = (0, 0);
    // Steps over the character at `b[i]`: (bytes in `text`, bytes in the rewritten text).
    let step = |i: usize| -> (usize, usize) {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => (2, 1),
            c if c.is_ascii() => (1, 1),
            c => (utf8_len(c), 10),
        }
    };
    while i < index && i < b.len() {
        if b[i] == b'\\' {
            i += 1;
            position += 1;
            match b.get(i) {
                None => position += 5,
                Some(c) if !c.is_ascii() => position += 5,
                Some(_) => {
                    let (len, width) = step(i);
                    i += len;
                    position += width;
                }
            }
        } else {
            let (len, width) = step(i);
            i += len;
            position += width;
        }
    }
    position
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// The escapes of a bytes literal, as `_PyBytes_DecodeEscape`.
fn decode_bytes<'a>(
    text: &str,
    base: usize,
    arena: &'a Bump,
) -> Result<Decoded<&'a [u8]>, LiteralError> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut first_invalid: Option<LiteralWarning> = None;
    let mut i = 0;
    while i < b.len() {
        i = copy_plain(b, i, &mut out);
        if i >= b.len() {
            break;
        }
        let start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            return Err(value_error(
                "Trailing \\ in string".to_string(),
                base,
                start,
                i,
            ));
        };
        i += 1;
        if let Some(value) = simple_escape(c) {
            out.push(value);
            continue;
        }
        match c {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'0'..=b'7' => {
                let (value, end) = octal_escape(b, i - 1);
                i = end;
                if value > 0o377 && first_invalid.is_none() {
                    first_invalid = Some(octal_warning(b, start, base));
                }
                out.push((value & 0xFF) as u8);
            }
            b'x' => {
                let hex = |k: usize| b.get(k).and_then(|&h| char::from(h).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(high), Some(low)) => {
                        out.push((high << 4 | low) as u8);
                        i += 2;
                    }
                    _ => {
                        // The position counts the text as the tokenizer saw it (`\r\n` as one).
                        let crlf = b[..start].windows(2).filter(|w| w == b"\r\n").count();
                        let message = format!("invalid \\x escape at position {}", start - crlf);
                        return Err(value_error(message, base, start, i));
                    }
                }
            }
            _ => {
                if first_invalid.is_none() {
                    first_invalid = Some(LiteralWarning::invalid(base + start, c));
                }
                out.push(b'\\');
                // The character after the backslash is then read as an ordinary one.
                i -= 1;
            }
        }
    }
    Ok(Decoded {
        value: arena.alloc_slice_copy(&out),
        warning: first_invalid,
    })
}

fn value_error(detail: String, base: usize, start: usize, end: usize) -> LiteralError {
    LiteralError {
        kind: LiteralErrorKind::Value,
        message: format!("(value error) {detail}"),
        range: base + start..base + end,
    }
}

#[cfg(test)]
#[path = "string_tests.rs"]
mod tests;
