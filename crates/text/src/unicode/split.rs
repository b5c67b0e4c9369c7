//! `str.split()` and `str.rsplit()` without a separator, `str.splitlines()` and `str.strip()`
//! with CPython 3.13's whitespace and line boundaries.
//!
//! The algorithms read [`Located`] code points (see `locate.rs`), so any representation can
//! use them, and answer with ranges in the representation's own units.

use super::classify::{is_linebreak, is_space};
use super::locate::{Located, locate_ascii, locate_str};
use std::ops::Range;

/// `str.split(None, maxsplit)`: the runs of non-whitespace, at most `maxsplit` splits (pass
/// `usize::MAX` for Python's default -1 and any negative value). After the last split the
/// rest of the text is one piece, leading whitespace dropped but trailing kept, as CPython:
/// `'a b  c '.split(None, 1)` is `['a', 'b  c ']`.
pub fn split_whitespace<I>(text: I, maxsplit: usize) -> Vec<Range<usize>>
where
    I: DoubleEndedIterator<Item = Located>,
{
    let mut pieces = Vec::new();
    let mut splits_left = maxsplit;
    let mut rest = text.peekable();
    loop {
        while rest.next_if(|l| is_space(l.cp)).is_some() {}
        let Some(first) = rest.next() else {
            return pieces;
        };
        if splits_left == 0 {
            let end = rest.next_back().map_or(first.end, |last| last.end);
            pieces.push(first.start..end);
            return pieces;
        }
        let mut end = first.end;
        while let Some(next) = rest.next_if(|l| !is_space(l.cp)) {
            end = next.end;
        }
        pieces.push(first.start..end);
        splits_left -= 1;
    }
}

/// `str.rsplit(None, maxsplit)`: as [`split_whitespace`] from the right; the pieces are
/// returned in text order. `'a b  c'.rsplit(None, 1)` is `['a b', 'c']`.
pub fn rsplit_whitespace<I>(text: I, maxsplit: usize) -> Vec<Range<usize>>
where
    I: DoubleEndedIterator<Item = Located>,
{
    let mut pieces = Vec::new();
    let mut splits_left = maxsplit;
    let mut rest = text.rev().peekable();
    loop {
        while rest.next_if(|l| is_space(l.cp)).is_some() {}
        let Some(last) = rest.next() else {
            break;
        };
        if splits_left == 0 {
            let start = rest.next_back().map_or(last.start, |first| first.start);
            pieces.push(start..last.end);
            break;
        }
        let mut start = last.start;
        while let Some(previous) = rest.next_if(|l| !is_space(l.cp)) {
            start = previous.start;
        }
        pieces.push(start..last.end);
        splits_left -= 1;
    }
    pieces.reverse();
    pieces
}

/// `str.splitlines(keepends)`: lines end at `\n`, `\r`, `\r\n`, `\v`, `\f`, `\x1c`, `\x1d`,
/// `\x1e`, `\x85`, `\u2028` and `\u2029`; no empty piece after a final line boundary.
pub fn splitlines<I>(text: I, keepends: bool) -> Vec<Range<usize>>
where
    I: Iterator<Item = Located>,
{
    let mut lines = Vec::new();
    let mut rest = text.peekable();
    while let Some(&first) = rest.peek() {
        let mut content_end = first.start;
        let mut line_end = None;
        for l in rest.by_ref() {
            if is_linebreak(l.cp) {
                content_end = l.start;
                let mut end = l.end;
                if l.cp == u32::from(b'\r')
                    && let Some(newline) = rest.next_if(|n| n.cp == u32::from(b'\n'))
                {
                    end = newline.end;
                }
                line_end = Some(end);
                break;
            }
            content_end = l.end;
        }
        let end = match line_end {
            Some(end) if keepends => end,
            _ => content_end,
        };
        lines.push(first.start..end);
    }
    lines
}

/// Which ends [`strip_matching`] strips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StripSide {
    /// `lstrip()`.
    Left,
    /// `rstrip()`.
    Right,
    /// `strip()`.
    Both,
}

/// What is left of the text after removing the code points that satisfy `strip` from `side`
/// (an empty range when nothing is left).
pub fn strip_matching<I>(text: I, side: StripSide, strip: impl Fn(u32) -> bool) -> Range<usize>
where
    I: DoubleEndedIterator<Item = Located>,
{
    let mut rest = text;
    let kept = match side {
        StripSide::Left => rest
            .find(|l| !strip(l.cp))
            .map(|front| front.start..rest.next_back().map_or(front.end, |back| back.end)),
        StripSide::Right => rest
            .rfind(|l| !strip(l.cp))
            .map(|back| rest.next().map_or(back.start, |front| front.start)..back.end),
        StripSide::Both => rest.find(|l| !strip(l.cp)).map(|front| {
            front.start
                ..rest
                    .rfind(|l| !strip(l.cp))
                    .map_or(front.end, |back| back.end)
        }),
    };
    kept.unwrap_or(0..0)
}

/// `str.strip()`, `lstrip()`, `rstrip()` without an argument: CPython's whitespace removed.
pub fn strip_whitespace<I>(text: I, side: StripSide) -> Range<usize>
where
    I: DoubleEndedIterator<Item = Located>,
{
    strip_matching(text, side, is_space)
}

fn str_pieces(text: &str, ranges: Vec<Range<usize>>) -> Vec<&str> {
    ranges
        .into_iter()
        .filter_map(|range| text.get(range))
        .collect()
}

/// [`split_whitespace`] of a `&str`.
pub fn split_whitespace_str(text: &str, maxsplit: usize) -> Vec<&str> {
    if text.is_ascii() {
        return str_pieces(
            text,
            split_whitespace(locate_ascii(text.as_bytes()), maxsplit),
        );
    }
    str_pieces(text, split_whitespace(locate_str(text), maxsplit))
}

/// [`rsplit_whitespace`] of a `&str`.
pub fn rsplit_whitespace_str(text: &str, maxsplit: usize) -> Vec<&str> {
    if text.is_ascii() {
        return str_pieces(
            text,
            rsplit_whitespace(locate_ascii(text.as_bytes()), maxsplit),
        );
    }
    str_pieces(text, rsplit_whitespace(locate_str(text), maxsplit))
}

/// [`splitlines`] of a `&str`.
pub fn splitlines_str(text: &str, keepends: bool) -> Vec<&str> {
    if text.is_ascii() {
        return str_pieces(text, splitlines(locate_ascii(text.as_bytes()), keepends));
    }
    str_pieces(text, splitlines(locate_str(text), keepends))
}

/// [`strip_whitespace`] of a `&str`.
pub fn strip_whitespace_str(text: &str, side: StripSide) -> &str {
    text.get(strip_whitespace(locate_str(text), side))
        .unwrap_or_default()
}
