//! `'…%s…' % (a, b)` to an f-string: CPython 3.13's `optimize_format` (in `fold_binop`).
//!
//! When the left operand is a `str` constant and the right one a tuple display without a
//! starred item, and every `%` unit of the format is a simple `%s`, `%r` or `%a` (flags, a
//! width and a precision of at most two digits each), with exactly as many units as items,
//! the `BinOp` becomes a `JoinedStr`: the literal text between the units as `Constant`s (with
//! `%%` as `%`), and one `FormattedValue` per unit with the unit's conversion and a format
//! spec made from its width and precision (`>5` for `%5s`, `5` for `%-5s`, `.3` for `%.3s`).
//! The pieces CPython makes carry no position (`-1`, [`TextRange::NONE`]); a
//! `FormattedValue` takes its item's position, the `JoinedStr` the `BinOp`'s.

use bumpalo::Bump;
use taipan_ast::{
    BinOp, Constant, ConstantValue, Expr, FormattedValue, JoinedStr, PyStr, TextRange, alloc,
    alloc_slice,
};

use super::value::{code_points, str_from_code_points};

/// Width and precision take at most this many digits less one (CPython's `MAXDIGITS`: the
/// parse gives up on the third digit).
const MAX_DIGITS: usize = 3;

/// One piece of the f-string to be.
enum Piece {
    /// Literal text, `%%` already turned into `%`.
    Literal(Vec<u32>),
    /// A format unit applied to item `item` of the tuple.
    Field {
        conversion: u8,
        spec: String,
        item: usize,
    },
}

/// The `JoinedStr` that `format % (items…)` becomes, or `None` when CPython leaves the
/// expression alone. `node` is the `BinOp`; its right operand must be the tuple (checked).
pub(super) fn optimize_format<'a>(
    arena: &'a Bump,
    node: &mut BinOp<'a>,
    format: PyStr<'a>,
) -> Option<Expr<'a>> {
    let Expr::Tuple(tuple) = &mut node.right else {
        return None;
    };
    let pieces = plan(&code_points(format), tuple.elts.len())?;
    let mut values = Vec::with_capacity(pieces.len());
    for piece in pieces {
        values.push(match piece {
            Piece::Literal(text) => string_constant(arena, str_from_code_points(arena, text)),
            Piece::Field {
                conversion,
                spec,
                item,
            } => {
                let slot = tuple.elts.get_mut(item)?;
                let value = std::mem::replace(slot, placeholder(arena));
                let format_spec = (!spec.is_empty()).then(|| {
                    string_constant(
                        arena,
                        str_from_code_points(arena, spec.chars().map(u32::from)),
                    )
                });
                Expr::FormattedValue(alloc(
                    arena,
                    FormattedValue {
                        range: value.range(),
                        value,
                        conversion: i32::from(conversion),
                        format_spec,
                    },
                ))
            }
        });
    }
    Some(Expr::JoinedStr(alloc(
        arena,
        JoinedStr {
            range: node.range,
            values: alloc_slice(arena, values),
        },
    )))
}

/// A `str` constant without a position, as CPython's `_PyAST_Constant(str, NULL, -1, …)`.
fn string_constant<'a>(arena: &'a Bump, value: PyStr<'a>) -> Expr<'a> {
    Expr::Constant(alloc(
        arena,
        Constant {
            range: TextRange::NONE,
            value: ConstantValue::Str(value),
            kind: None,
        },
    ))
}

/// What is left in a tuple slot whose item moved into the f-string (the tuple is dropped).
fn placeholder<'a>(arena: &'a Bump) -> Expr<'a> {
    Expr::Constant(alloc(
        arena,
        Constant {
            range: TextRange::NONE,
            value: ConstantValue::None,
            kind: None,
        },
    ))
}

/// The pieces of `format` applied to `items` items, or `None` when CPython does not convert:
/// an unsupported unit, or a different number of units and items.
fn plan(format: &[u32], items: usize) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut pos = 0;
    let mut used = 0;
    loop {
        if let Some(text) = literal(format, &mut pos) {
            pieces.push(Piece::Literal(text));
        }
        if pos >= format.len() {
            break;
        }
        if used >= items {
            // More format units than items.
            return None;
        }
        // Skip the '%'.
        pos += 1;
        let unit = unit(format, &mut pos)?;
        pieces.push(Piece::Field {
            conversion: unit.0,
            spec: unit.1,
            item: used,
        });
        used += 1;
    }
    // More items than format units leaves it alone too.
    (used == items).then_some(pieces)
}

/// CPython's `parse_literal`: the text up to the next lone `%`, `%%` turned into `%`; `None`
/// when there is none.
fn literal(format: &[u32], pos: &mut usize) -> Option<Vec<u32>> {
    let percent = u32::from('%');
    let start = *pos;
    let mut text = Vec::new();
    while let Some(&ch) = format.get(*pos) {
        if ch != percent {
            text.push(ch);
            *pos += 1;
        } else if format.get(*pos + 1) == Some(&percent) {
            text.push(percent);
            *pos += 2;
        } else {
            break;
        }
    }
    (*pos != start).then_some(text)
}

/// CPython's `simple_format_arg_parse` then `parse_format`: one unit after its `%`, as
/// `(conversion, format spec)`; `None` for anything but a simple `s`, `r` or `a` unit.
fn unit(format: &[u32], pos: &mut usize) -> Option<(u8, String)> {
    let mut next = || -> Option<char> {
        let ch = char::from_u32(*format.get(*pos)?).unwrap_or('\u{fffd}');
        *pos += 1;
        Some(ch)
    };
    let mut left_justify = false;
    let mut ch;
    loop {
        ch = next()?;
        match ch {
            '-' => left_justify = true,
            // Sign, blank, alternate form and zero padding are parsed and then ignored for
            // `s`, `r` and `a`.
            '+' | ' ' | '#' | '0' => {}
            _ => break,
        }
    }
    let mut width: i32 = -1;
    if ch.is_ascii_digit() {
        width = 0;
        let mut digits = 0;
        while let Some(d) = ch.to_digit(10) {
            width = width * 10 + d as i32;
            ch = next()?;
            digits += 1;
            if digits >= MAX_DIGITS {
                return None;
            }
        }
    }
    let mut precision: i32 = -1;
    if ch == '.' {
        ch = next()?;
        precision = 0;
        let mut digits = 0;
        while let Some(d) = ch.to_digit(10) {
            precision = precision * 10 + d as i32;
            ch = next()?;
            digits += 1;
            if digits >= MAX_DIGITS {
                return None;
            }
        }
    }
    let conversion = match ch {
        's' => b's',
        'r' => b'r',
        'a' => b'a',
        _ => return None,
    };
    let mut spec = String::new();
    if !left_justify && width > 0 {
        spec.push('>');
    }
    if width >= 0 {
        spec.push_str(&width.to_string());
    }
    if precision >= 0 {
        spec.push('.');
        spec.push_str(&precision.to_string());
    }
    Some((conversion, spec))
}
