//! `str.upper()`, `lower()`, `casefold()`, `title()`, `capitalize()` and `swapcase()` as
//! CPython 3.13 computes them: full case mappings (one character may become up to three), and
//! the final-sigma rule wherever a character is lowered.
//!
//! Each method has a form over code points (any representation, lone surrogates included,
//! written to a [`CodePointSink`]) and a `&str` form with an ASCII fast path.

use super::record::{CaseMapping, CharProps, props};
use super::sink::CodePointSink;

const CAPITAL_SIGMA: u32 = 0x3A3;
const SMALL_SIGMA: u32 = 0x3C3;
const FINAL_SIGMA: u32 = 0x3C2;

/// What the final-sigma rule needs from the text before a character: whether the nearest
/// preceding character that is not case-ignorable is cased (CPython looks back from the sigma,
/// skipping case-ignorable characters).
#[derive(Clone, Copy, Default)]
struct SigmaContext {
    preceded_by_cased: bool,
}

impl SigmaContext {
    /// [`SigmaContext::advance`] past an ASCII character, without the tables: the ASCII cased
    /// characters are the letters, the case-ignorable ones `' . : ^` and the backquote.
    #[inline]
    fn advance_ascii(&mut self, b: u8) {
        if !matches!(b, b'\'' | b'.' | b':' | b'^' | b'`') {
            self.preceded_by_cased = b.is_ascii_alphabetic();
        }
    }

    #[inline]
    fn advance(&mut self, p: CharProps) {
        if !p.is_case_ignorable() {
            self.preceded_by_cased = p.is_cased();
        }
    }

    /// The lowercase of `cp` at this point of the text, `rest` being the code points after it.
    /// As CPython's `str.lower()`: U+03A3 becomes final sigma `ς` when a cased letter precedes
    /// it and none follows (case-ignorable characters skipped both ways), else `σ`.
    #[inline]
    fn lower(self, cp: u32, p: CharProps, rest: impl Iterator<Item = u32>) -> CaseMapping {
        if cp != CAPITAL_SIGMA {
            return p.to_lower();
        }
        let is_final = self.preceded_by_cased && !followed_by_cased(rest);
        CaseMapping::one(if is_final { FINAL_SIGMA } else { SMALL_SIGMA })
    }
}

fn followed_by_cased(rest: impl Iterator<Item = u32>) -> bool {
    for cp in rest {
        let p = props(cp);
        if !p.is_case_ignorable() {
            return p.is_cased();
        }
    }
    false
}

#[inline]
fn push_mapping(out: &mut impl CodePointSink, mapping: CaseMapping) {
    for &cp in mapping.as_slice() {
        out.push_code_point(cp);
    }
}

/// The ASCII byte of `cp`, if it is one: the case algorithms skip the tables for those.
#[inline]
fn ascii(cp: u32) -> Option<u8> {
    u8::try_from(cp).ok().filter(u8::is_ascii)
}

/// `str.upper()`: the full uppercase mapping of each character (`'ß'` → `'SS'`).
pub fn upper(text: impl IntoIterator<Item = u32>, out: &mut impl CodePointSink) {
    for cp in text {
        if cp < 0x80 {
            out.push_code_point(u32::from((cp as u8).to_ascii_uppercase()));
        } else {
            push_mapping(out, props(cp).to_upper());
        }
    }
}

/// `str.casefold()`: the full case folding of each character (`'ß'` → `'ss'`). No final-sigma
/// rule: `'Σ'` always folds to `'σ'`.
pub fn casefold(text: impl IntoIterator<Item = u32>, out: &mut impl CodePointSink) {
    for cp in text {
        if cp < 0x80 {
            out.push_code_point(u32::from((cp as u8).to_ascii_lowercase()));
        } else {
            push_mapping(out, props(cp).to_folded());
        }
    }
}

/// `str.lower()`: the full lowercase mapping (`'İ'` → `'i̇'`), with the final-sigma rule
/// (`'ΑΣ'` → `'ας'`).
pub fn lower<I>(text: I, out: &mut impl CodePointSink)
where
    I: IntoIterator<Item = u32>,
    I::IntoIter: Clone,
{
    let mut context = SigmaContext::default();
    let mut rest = text.into_iter();
    while let Some(cp) = rest.next() {
        if let Some(b) = ascii(cp) {
            out.push_code_point(u32::from(b.to_ascii_lowercase()));
            context.advance_ascii(b);
            continue;
        }
        let p = props(cp);
        push_mapping(out, context.lower(cp, p, rest.clone()));
        context.advance(p);
    }
}

/// `str.title()`: a character following a cased one is lowered (final sigma included), any
/// other is titlecased (`'ǆ'` → `'ǅ'`, `'ﬁ'` → `'Fi'`). A word is a run of cased characters,
/// as CPython decides it: `"they're"` → `"They'Re"`.
pub fn title<I>(text: I, out: &mut impl CodePointSink)
where
    I: IntoIterator<Item = u32>,
    I::IntoIter: Clone,
{
    let mut context = SigmaContext::default();
    let mut previous_is_cased = false;
    let mut rest = text.into_iter();
    while let Some(cp) = rest.next() {
        if let Some(b) = ascii(cp) {
            let mapped = if previous_is_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            out.push_code_point(u32::from(mapped));
            previous_is_cased = b.is_ascii_alphabetic();
            context.advance_ascii(b);
            continue;
        }
        let p = props(cp);
        if previous_is_cased {
            push_mapping(out, context.lower(cp, p, rest.clone()));
        } else {
            push_mapping(out, p.to_title());
        }
        previous_is_cased = p.is_cased();
        context.advance(p);
    }
}

/// `str.capitalize()`: since Python 3.8 the first character is titlecased (not uppercased:
/// `'ǆa'` → `'ǅa'`), the rest lowered with the final-sigma rule.
pub fn capitalize<I>(text: I, out: &mut impl CodePointSink)
where
    I: IntoIterator<Item = u32>,
    I::IntoIter: Clone,
{
    let mut context = SigmaContext::default();
    let mut rest = text.into_iter();
    let mut first = true;
    while let Some(cp) = rest.next() {
        if let Some(b) = ascii(cp) {
            let mapped = if first {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            };
            out.push_code_point(u32::from(mapped));
            first = false;
            context.advance_ascii(b);
            continue;
        }
        let p = props(cp);
        if first {
            push_mapping(out, p.to_title());
            first = false;
        } else {
            push_mapping(out, context.lower(cp, p, rest.clone()));
        }
        context.advance(p);
    }
}

/// `str.swapcase()`: uppercase characters are lowered (final sigma included), lowercase ones
/// uppercased in full, others (titlecase `ǅ` included) kept.
pub fn swapcase<I>(text: I, out: &mut impl CodePointSink)
where
    I: IntoIterator<Item = u32>,
    I::IntoIter: Clone,
{
    let mut context = SigmaContext::default();
    let mut rest = text.into_iter();
    while let Some(cp) = rest.next() {
        if let Some(b) = ascii(cp) {
            out.push_code_point(u32::from(ascii_swapped(b)));
            context.advance_ascii(b);
            continue;
        }
        let p = props(cp);
        if p.is_upper() {
            push_mapping(out, context.lower(cp, p, rest.clone()));
        } else if p.is_lower() {
            push_mapping(out, p.to_upper());
        } else {
            out.push_code_point(cp);
        }
        context.advance(p);
    }
}

fn str_code_points(text: &str) -> impl Iterator<Item = u32> + Clone + '_ {
    text.chars().map(u32::from)
}

/// [`upper`] of a `&str`.
pub fn upper_str(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(text.len());
    upper(str_code_points(text), &mut out);
    out
}

/// [`lower`] of a `&str`.
pub fn lower_str(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    lower(str_code_points(text), &mut out);
    out
}

/// [`casefold`] of a `&str`.
pub fn casefold_str(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    casefold(str_code_points(text), &mut out);
    out
}

/// [`title`] of a `&str`.
pub fn title_str(text: &str) -> String {
    if text.is_ascii() {
        let mut bytes = text.as_bytes().to_vec();
        ascii_title(&mut bytes);
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut out = String::with_capacity(text.len());
    title(str_code_points(text), &mut out);
    out
}

/// [`capitalize`] of a `&str`.
pub fn capitalize_str(text: &str) -> String {
    if text.is_ascii() {
        let mut bytes = text.as_bytes().to_vec();
        ascii_capitalize(&mut bytes);
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut out = String::with_capacity(text.len());
    capitalize(str_code_points(text), &mut out);
    out
}

/// [`swapcase`] of a `&str`.
pub fn swapcase_str(text: &str) -> String {
    if text.is_ascii() {
        let mut bytes = text.as_bytes().to_vec();
        ascii_swapcase(&mut bytes);
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut out = String::with_capacity(text.len());
    swapcase(str_code_points(text), &mut out);
    out
}

// The methods on ASCII-only text, in place, for a representation that knows its string is
// ASCII (CPython's results are the same). `upper()`, `lower()` and `casefold()` of ASCII are
// `make_ascii_uppercase`/`make_ascii_lowercase` of the standard library.

/// [`title`] of ASCII bytes, in place: the ASCII cased characters are the letters.
pub fn ascii_title(bytes: &mut [u8]) {
    let mut previous_is_cased = false;
    for b in bytes {
        let is_cased = b.is_ascii_alphabetic();
        if previous_is_cased {
            b.make_ascii_lowercase();
        } else {
            b.make_ascii_uppercase();
        }
        previous_is_cased = is_cased;
    }
}

/// [`capitalize`] of ASCII bytes, in place.
pub fn ascii_capitalize(bytes: &mut [u8]) {
    bytes.make_ascii_lowercase();
    if let Some(first) = bytes.first_mut() {
        first.make_ascii_uppercase();
    }
}

/// [`swapcase`] of ASCII bytes, in place.
pub fn ascii_swapcase(bytes: &mut [u8]) {
    for b in bytes {
        *b = ascii_swapped(*b);
    }
}

#[inline]
fn ascii_swapped(b: u8) -> u8 {
    if b.is_ascii_uppercase() {
        b.to_ascii_lowercase()
    } else {
        b.to_ascii_uppercase()
    }
}
