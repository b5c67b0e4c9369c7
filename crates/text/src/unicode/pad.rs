//! `str.expandtabs()`, `str.zfill()`, `str.center()`, `ljust()` and `rjust()` as CPython 3.13
//! computes them.
//!
//! The result's size comes from the caller's arguments (a width, a tab size): the caller checks
//! it can allocate that much first (CPython raises `MemoryError` or `OverflowError`), so these
//! functions only write.

use super::sink::CodePointSink;

const TAB: u32 = 0x09;
const SPACE: u32 = 0x20;

/// The length in code points of `text.expandtabs(tabsize)`, or `None` when it would pass
/// `isize::MAX` (CPython's `OverflowError: result too long`). The caller checks this before
/// [`expandtabs`], and decides whether it can allocate that much (else `MemoryError`).
/// `tabsize` is a C `int` in CPython: a Python int outside its range is the caller's
/// `OverflowError`.
pub fn expandtabs_len(text: impl IntoIterator<Item = u32>, tabsize: i32) -> Option<usize> {
    let mut len: usize = 0;
    let mut column: usize = 0;
    for cp in text {
        if cp == TAB {
            if let Ok(tabsize) = usize::try_from(tabsize)
                && tabsize > 0
            {
                let spaces = tabsize - column % tabsize;
                column = column.checked_add(spaces)?;
                len = len.checked_add(spaces)?;
            }
        } else {
            len = len.checked_add(1)?;
            column = column.checked_add(1)?;
            if cp == u32::from(b'\n') || cp == u32::from(b'\r') {
                column = 0;
            }
        }
    }
    (len <= isize::MAX as usize).then_some(len)
}

/// `str.expandtabs(tabsize)`: each tab becomes the spaces up to the next multiple of `tabsize`
/// columns; only `\n` and `\r` restart the column count (not the other line boundaries); a
/// `tabsize` of zero or less removes tabs. Check the size with [`expandtabs_len`] first.
pub fn expandtabs(text: impl IntoIterator<Item = u32>, tabsize: i32, out: &mut impl CodePointSink) {
    let mut column: usize = 0;
    for cp in text {
        if cp == TAB {
            if let Ok(tabsize) = usize::try_from(tabsize)
                && tabsize > 0
            {
                let spaces = tabsize - column % tabsize;
                column = column.saturating_add(spaces);
                out.push_repeated(SPACE, spaces);
            }
        } else {
            out.push_code_point(cp);
            column = column.saturating_add(1);
            if cp == u32::from(b'\n') || cp == u32::from(b'\r') {
                column = 0;
            }
        }
    }
}

/// `str.zfill(width)` of a text of `len` code points: zeros on the left up to `width`, after a
/// leading `+` or `-` if there is one (`'-42'.zfill(5)` is `'-0042'`, `'+'.zfill(3)` is
/// `'+00'`). A negative Python width is 0 here.
pub fn zfill(
    text: impl IntoIterator<Item = u32>,
    len: usize,
    width: usize,
    out: &mut impl CodePointSink,
) {
    let mut code_points = text.into_iter();
    let fill = width.saturating_sub(len);
    if fill > 0 {
        let first = code_points.next();
        match first {
            Some(sign @ (0x2B | 0x2D)) => {
                out.push_code_point(sign);
                out.push_repeated(u32::from(b'0'), fill);
            }
            Some(cp) => {
                out.push_repeated(u32::from(b'0'), fill);
                out.push_code_point(cp);
            }
            None => out.push_repeated(u32::from(b'0'), fill),
        }
    }
    for cp in code_points {
        out.push_code_point(cp);
    }
}

/// The fill characters `str.center(width)` puts on the left and on the right of a text of
/// `len` code points. When the margin is odd, the extra one goes on the left if `width` is odd
/// too, else on the right, as CPython: `'a'.center(4)` is `' a  '`, `'ab'.center(5)` is
/// `'  ab '`.
pub fn center_padding(len: usize, width: usize) -> (usize, usize) {
    let margin = width.saturating_sub(len);
    let left = margin / 2 + (margin & width & 1);
    (left, margin - left)
}

/// The fill characters `str.ljust(width)` puts on the left and on the right.
pub fn ljust_padding(len: usize, width: usize) -> (usize, usize) {
    (0, width.saturating_sub(len))
}

/// The fill characters `str.rjust(width)` puts on the left and on the right.
pub fn rjust_padding(len: usize, width: usize) -> (usize, usize) {
    (width.saturating_sub(len), 0)
}

/// Writes `text` with `left` and `right` copies of `fill` around it.
pub fn pad(
    text: impl IntoIterator<Item = u32>,
    (left, right): (usize, usize),
    fill: u32,
    out: &mut impl CodePointSink,
) {
    out.push_repeated(fill, left);
    for cp in text {
        out.push_code_point(cp);
    }
    out.push_repeated(fill, right);
}
