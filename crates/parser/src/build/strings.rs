//! String literals: implicit concatenation, f-strings and their replacement fields, built as
//! CPython 3.13's `_PyPegen_concatenate_strings` builds them.
//!
//! Without an f-string, adjacent literals fold into one `Constant` (`kind='u'` when the first
//! has a `u` prefix). With one, the result is a `JoinedStr` whose adjacent literal pieces are
//! merged into one `Constant` spanning them, and whose empty pieces are dropped.

use taipan_ast::*;

use super::{Ctx, PResult, range, user_error};
use crate::literal::{self, LiteralError, LiteralErrorKind};

/// One literal of an implicit concatenation.
#[derive(Debug)]
pub enum StringPart<'a> {
    /// A STRING token.
    Plain(u32, u32),
    /// An f-string: FSTRING_START to FSTRING_END, and what lies between.
    FString(u32, u32, Vec<FStringElement<'a>>),
}

/// What an f-string (or a format spec) holds.
#[derive(Debug)]
pub enum FStringElement<'a> {
    /// An FSTRING_MIDDLE token: literal text, escapes still raw.
    Literal(u32, u32),
    /// A replacement field: its `=` debug text (verbatim source), and the `FormattedValue`.
    Field(Option<(u32, u32)>, Expr<'a>),
}

/// A piece of a `JoinedStr` under construction.
enum Piece<'a> {
    Text(TextRange, Vec<u8>),
    Value(Expr<'a>),
}

fn is_raw_prefix(prefix: &str) -> bool {
    prefix.bytes().any(|b| b == b'r' || b == b'R')
}

impl<'a> Ctx<'a> {
    fn literal_error<T>(&self, error: LiteralError, at: TextRange) -> PResult<T> {
        let at = match error.kind {
            // CPython reports a too-long integer with both offsets 0 — positioned by the caller.
            LiteralErrorKind::IntDigitsLimit => at,
            _ => at,
        };
        user_error(at, error.message)
    }

    pub fn strings(&self, l: u32, r: u32, parts: Vec<StringPart<'a>>) -> PResult<Expr<'a>> {
        let has_fstring = parts.iter().any(|p| matches!(p, StringPart::FString(..)));
        if !has_fstring {
            return self.plain_strings(l, r, parts);
        }
        let mut pieces: Vec<Piece<'a>> = Vec::new();
        for part in parts {
            match part {
                StringPart::Plain(pl, pr) => {
                    let text = self.text(pl, pr);
                    let decoded = literal::decode_string(text, self.arena)
                        .or_else(|e| self.literal_error(e, range(pl, pr)))?;
                    if let Some(w) = decoded.warning {
                        self.warn(pl, w.message());
                    }
                    match decoded.value {
                        ConstantValue::Str(s) => {
                            pieces.push(Piece::Text(range(pl, pr), s.as_bytes().to_vec()))
                        }
                        _ => {
                            return user_error(
                                self.after_strings(r),
                                "cannot mix bytes and nonbytes literals",
                            );
                        }
                    }
                }
                StringPart::FString(fl, fr, elements) => {
                    let prefix_end = self.text(fl, fr).find(['\'', '"']).unwrap_or(0);
                    let raw = is_raw_prefix(&self.text(fl, fr)[..prefix_end]);
                    self.fstring_pieces(elements, raw, fr, &mut pieces)?;
                }
            }
        }
        let values = self.merge_pieces(pieces);
        Ok(Expr::JoinedStr(self.alloc(JoinedStr {
            range: range(l, r),
            values,
        })))
    }

    fn plain_strings(&self, l: u32, r: u32, parts: Vec<StringPart<'a>>) -> PResult<Expr<'a>> {
        let mut value: Option<ConstantValue<'a>> = None;
        let mut kind = None;
        let mut buffer: Vec<u8> = Vec::new();
        let mut is_bytes = false;
        for (index, part) in parts.iter().enumerate() {
            let StringPart::Plain(pl, pr) = *part else {
                continue;
            };
            let text = self.text(pl, pr);
            let decoded = literal::decode_string(text, self.arena)
                .or_else(|e| self.literal_error(e, range(pl, pr)))?;
            if let Some(w) = decoded.warning {
                self.warn(pl, w.message());
            }
            let this_bytes = matches!(decoded.value, ConstantValue::Bytes(_));
            if index == 0 {
                kind = literal::string_kind(text);
                is_bytes = this_bytes;
                if parts.len() == 1 {
                    value = Some(decoded.value);
                    break;
                }
            } else if this_bytes != is_bytes {
                return user_error(
                    self.after_strings(r),
                    "cannot mix bytes and nonbytes literals",
                );
            }
            match decoded.value {
                ConstantValue::Str(s) => buffer.extend_from_slice(s.as_bytes()),
                ConstantValue::Bytes(b) => buffer.extend_from_slice(b),
                _ => {}
            }
        }
        let value = match value {
            Some(v) => v,
            None if is_bytes => ConstantValue::Bytes(self.arena.alloc_slice_copy(&buffer)),
            None => ConstantValue::Str(self.pystr(&buffer)),
        };
        Ok(Expr::Constant(self.alloc(Constant {
            range: range(l, r),
            value,
            kind,
        })))
    }

    /// The token after a run of strings ending at `end`: CPython reports "cannot mix bytes and
    /// nonbytes literals" at the last token it read.
    fn after_strings(&self, end: u32) -> TextRange {
        let rest = &self.source[end as usize..];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len();
        let at = end + skipped as u32;
        TextRange::new(at, at + 1)
    }

    fn pystr(&self, bytes: &[u8]) -> PyStr<'a> {
        let stored: &'a [u8] = self.arena.alloc_slice_copy(bytes);
        PyStr::from_surrogatepass(stored).unwrap_or(PyStr::new(""))
    }

    /// The pieces of one f-string (or format spec); `end` is the end of its FSTRING_END, where
    /// CPython reports problems with its literal text.
    fn fstring_pieces(
        &self,
        elements: Vec<FStringElement<'a>>,
        raw: bool,
        end: u32,
        pieces: &mut Vec<Piece<'a>>,
    ) -> PResult<()> {
        for element in elements {
            match element {
                FStringElement::Literal(ml, mr) => {
                    let decoded =
                        literal::decode_fstring_middle(self.text(ml, mr), raw, self.arena)
                            .or_else(|e| {
                                self.literal_error(e, range(end.saturating_sub(1), end))
                            })?;
                    if let Some(w) = decoded.warning {
                        self.warn(end.saturating_sub(1), w.message());
                    }
                    // The lexer cuts `a{{` as `a{` (as the `tokenize` module shows it); the
                    // parser's token, and so the Constant, also covers the second brace.
                    let bytes = self.source.as_bytes();
                    let last = bytes.get(mr.wrapping_sub(1) as usize).copied();
                    let doubled = matches!(last, Some(b'{' | b'}'))
                        && bytes.get(mr as usize).copied() == last;
                    let end = if doubled { mr + 1 } else { mr };
                    pieces.push(Piece::Text(
                        range(ml, end),
                        decoded.value.as_bytes().to_vec(),
                    ));
                }
                FStringElement::Field(debug, value) => {
                    if let Some((dl, dr)) = debug {
                        pieces.push(Piece::Text(range(dl, dr), debug_text(self.text(dl, dr))));
                    }
                    pieces.push(Piece::Value(value));
                }
            }
        }
        Ok(())
    }

    fn merge_pieces(&self, pieces: Vec<Piece<'a>>) -> &'a mut [Expr<'a>] {
        let mut values = Vec::new();
        let mut pending: Option<(TextRange, Vec<u8>)> = None;
        let flush = |pending: &mut Option<(TextRange, Vec<u8>)>, values: &mut Vec<Expr<'a>>| {
            if let Some((at, text)) = pending.take()
                && !text.is_empty()
            {
                values.push(Expr::Constant(self.alloc(Constant {
                    range: at,
                    value: ConstantValue::Str(self.pystr(&text)),
                    kind: None,
                })));
            }
        };
        for piece in pieces {
            match piece {
                Piece::Text(at, text) => match &mut pending {
                    Some((range, buffer)) => {
                        *range = range.cover(at);
                        buffer.extend_from_slice(&text);
                    }
                    None => pending = Some((at, text)),
                },
                Piece::Value(value) => {
                    flush(&mut pending, &mut values);
                    values.push(value);
                }
            }
        }
        flush(&mut pending, &mut values);
        self.slice(values)
    }

    /// A replacement field `{expr[=][!c][:spec]}`: the `FormattedValue`, with its debug text.
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    pub fn replacement_field(
        &self,
        l: u32,
        r: u32,
        rb: u32,
        value: Expr<'a>,
        debug: Option<u32>,
        conversion: Option<(u32, u32, u32)>,
        spec: Option<(u32, Vec<FStringElement<'a>>)>,
    ) -> PResult<FStringElement<'a>> {
        let mut code = -1;
        if let Some((bang, cl, cr)) = conversion {
            if cl != bang + 1 {
                return user_error(
                    range(bang, cr),
                    "f-string: conversion type must come right after the exclamanation mark",
                );
            }
            code = match self.text(cl, cr) {
                "s" => 's' as i32,
                "r" => 'r' as i32,
                "a" => 'a' as i32,
                other => {
                    return user_error(
                        range(cl, cr),
                        format!(
                            "f-string: invalid conversion character '{other}': expected 's', 'r', or 'a'"
                        ),
                    );
                }
            };
        }
        let format_spec = match spec {
            None => None,
            Some((colon, elements)) => {
                let mut pieces = Vec::new();
                // A format spec's literal text is decoded like the f-string's own (raw or not
                // is not known here; CPython decodes spec text without the raw flag).
                self.fstring_pieces(elements, false, rb, &mut pieces)?;
                let values = self.merge_pieces(pieces);
                Some(Expr::JoinedStr(self.alloc(JoinedStr {
                    range: range(colon, rb),
                    values,
                })))
            }
        };
        let debug_text = debug.map(|_| {
            let end = conversion
                .map(|c| c.0)
                .or(spec_start(&format_spec))
                .unwrap_or(rb);
            (l + 1, end)
        });
        if debug.is_some() && conversion.is_none() && format_spec.is_none() {
            code = 'r' as i32;
        }
        let node = Expr::FormattedValue(self.alloc(FormattedValue {
            range: range(l, r),
            value,
            conversion: code,
            format_spec,
        }));
        Ok(FStringElement::Field(debug_text, node))
    }
}

fn spec_start(spec: &Option<Expr<'_>>) -> Option<u32> {
    spec.as_ref().map(|s| s.range().start)
}

/// The text an `=` replacement field repeats: the source as written, with newlines translated
/// and, as CPython's tokenizer does, everything from a `#` to the end of its line dropped (even a
/// `#` inside a string of the expression).
fn debug_text(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'\r' => {
                out.push(b'\n');
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}
