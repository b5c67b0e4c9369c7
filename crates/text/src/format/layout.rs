//! Laying out a formatted number: sign, prefix, padding, digit grouping, as CPython's
//! `calc_number_widths` and `fill_number` (`Python/formatter_unicode.c`) do.

use std::borrow::Cow;

use super::spec::{Align, Sign};
use crate::error::{MAX_TEXT_LEN, TextError};

/// A number in pieces, as the layout sees it: `[-]<prefix><digits>[.]<remainder>`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumberParts<'a> {
    pub negative: bool,
    /// `0x`, `0o`, `0b` (already in the case to write), or empty.
    pub prefix: &'a str,
    /// The integer digits, which grouping and zero padding apply to.
    pub digits: &'a str,
    /// Whether a decimal point follows the digits.
    pub decimal_point: bool,
    /// Everything after: fraction digits, exponent, `%`, `inf`, the character of `'c'`.
    pub remainder: &'a str,
}

/// How to lay a number out: resolved from a format spec by the caller.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub sign: Sign,
    pub fill: char,
    pub align: Align,
    pub width: usize,
    /// Separator and group size (3, or 4 for `_` with `b`/`o`/`x`/`X`).
    pub grouping: Option<(char, usize)>,
}

/// Appends the laid-out number to `out`.
pub(crate) fn push_number(
    out: &mut String,
    parts: &NumberParts<'_>,
    layout: &Layout,
) -> Result<(), TextError> {
    if layout.width > MAX_TEXT_LEN {
        return Err(TextError::memory());
    }
    let sign = match (layout.sign, parts.negative) {
        (_, true) => Some('-'),
        (Sign::Plus, false) => Some('+'),
        (Sign::Space, false) => Some(' '),
        (Sign::Minus, false) => None,
    };
    let remainder_len = parts.remainder.chars().count();
    let non_digit = usize::from(sign.is_some())
        + parts.prefix.len()
        + usize::from(parts.decimal_point)
        + remainder_len;
    // Zero padding ('0' fill, '=' alignment) is part of the digits, so it gets separators.
    let min_width = if layout.fill == '0' && layout.align == Align::AfterSign {
        layout.width.saturating_sub(non_digit)
    } else {
        0
    };
    let grouped: Cow<'_, str> = if parts.digits.is_empty() {
        Cow::Borrowed("")
    } else if layout.grouping.is_none() && min_width <= parts.digits.len() {
        // Nothing to insert: the common case, without building a copy.
        Cow::Borrowed(parts.digits)
    } else {
        Cow::Owned(group_digits(parts.digits, min_width, layout.grouping))
    };
    let used = non_digit + grouped.len();
    let padding = layout.width.saturating_sub(used);
    let (left, inner, right) = match layout.align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    out.reserve(used + padding);
    push_fill(out, layout.fill, left);
    if let Some(sign) = sign {
        out.push(sign);
    }
    out.push_str(parts.prefix);
    push_fill(out, layout.fill, inner);
    out.push_str(&grouped);
    if parts.decimal_point {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(out, layout.fill, right);
    Ok(())
}

pub(crate) fn push_fill(out: &mut String, fill: char, count: usize) {
    out.extend(std::iter::repeat_n(fill, count));
}

/// The digits with separators, padded with zeros (which get separators too) to at least
/// `min_width` characters, as CPython's `_PyUnicode_InsertThousandsGrouping`: groups are taken
/// from the right; a last group that would only hold padding is shortened to what the width
/// still needs, so the result may exceed `min_width` by a separator's `0`.
fn group_digits(digits: &str, min_width: usize, grouping: Option<(char, usize)>) -> String {
    // (zeros, digits) per group, rightmost first.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut remaining = digits.len();
    let mut min_width = min_width;
    let mut done = false;
    if let Some((_, size)) = grouping {
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            let taken = remaining.min(len);
            groups.push((len - taken, taken));
            remaining -= taken;
            min_width = min_width.saturating_sub(len);
            if remaining == 0 && min_width == 0 {
                done = true;
                break;
            }
            min_width = min_width.saturating_sub(1);
        }
    }
    if !done {
        let len = remaining.max(min_width).max(1);
        let taken = remaining.min(len);
        groups.push((len - taken, taken));
    }
    let separator = grouping.map_or(',', |(sep, _)| sep);
    let mut out = String::new();
    let mut next = 0;
    for (i, &(zeros, taken)) in groups.iter().rev().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        push_fill(&mut out, '0', zeros);
        out.push_str(digits.get(next..next + taken).unwrap_or(""));
        next += taken;
    }
    out
}

/// Pads already-formatted text to `width` (CPython's `calc_padding` + `fill_padding`, used for
/// strings and complex numbers): `^` puts the odd fill character on the right.
pub(crate) fn push_padded(
    out: &mut String,
    text: &str,
    text_len: usize,
    fill: char,
    align: Align,
    width: usize,
) -> Result<(), TextError> {
    if width > MAX_TEXT_LEN {
        return Err(TextError::memory());
    }
    let padding = width.saturating_sub(text_len);
    let left = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    push_fill(out, fill, left);
    out.push_str(text);
    push_fill(out, fill, padding - left);
    Ok(())
}
