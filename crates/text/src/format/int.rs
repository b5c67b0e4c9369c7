//! `format(int, spec)`: `int.__format__`, as CPython's `format_long_internal`.

use super::float::format_float_spec;
use super::layout::{Layout, NumberParts, push_number};
use super::spec::{Align, FormatSpec, Grouping, unknown_code};
use crate::error::TextError;
use crate::int_text::{IntRef, int_to_f64, int_to_str};

/// `format(value, spec)` for an `int` (or `bool`: `type_name` is how errors name the type).
/// The types `b c d o x X n` and none format the integer; `e E f F g G %` format it converted to
/// a float. `max_str_digits` is `sys.get_int_max_str_digits()` (0: no limit), which the decimal
/// types obey.
///
/// `'c'` of a surrogate code point cannot be a Rust `String`: it comes back as U+FFFD here, and
/// exactly from [`format_int_code_points`].
pub fn format_int<'a>(
    value: impl Into<IntRef<'a>>,
    spec: &str,
    type_name: &str,
    max_str_digits: usize,
) -> Result<String, TextError> {
    let spec = FormatSpec::parse(spec, type_name)?;
    format_int_spec(value.into(), &spec, type_name, max_str_digits)
}

/// [`format_int`] with a parsed spec.
pub fn format_int_spec(
    value: IntRef<'_>,
    spec: &FormatSpec,
    type_name: &str,
    max_str_digits: usize,
) -> Result<String, TextError> {
    let base = match spec.kind {
        None | Some('d' | 'n') => 10,
        Some('b') => 2,
        Some('o') => 8,
        Some('x' | 'X') => 16,
        Some('c') => 0,
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            return format_float_spec(int_to_f64(value)?, spec, type_name);
        }
        Some(other) => return Err(unknown_code(other, type_name)),
    };
    if spec.precision.is_some() {
        return Err(TextError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(TextError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let layout = Layout {
        sign: spec.sign_or_default(),
        fill: spec.fill_char(),
        align: spec.align_or(Align::Right),
        width: spec.width.unwrap_or(0),
        grouping: match (spec.grouping, base) {
            (Some(Grouping::Comma), _) => Some((',', 3)),
            (Some(Grouping::Underscore), 10) => Some(('_', 3)),
            (Some(Grouping::Underscore), _) => Some(('_', 4)),
            (None, _) => None,
        },
    };
    let mut out = String::new();
    if base == 0 {
        if spec.sign.is_some() {
            return Err(TextError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(TextError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let code = value
            .to_i64()
            .ok_or_else(|| TextError::overflow("Python int too large to convert to C long"))?;
        let ch = u32::try_from(code)
            .ok()
            .filter(|&c| c < 0x110000)
            .ok_or_else(|| TextError::overflow("%c arg not in range(0x110000)"))?;
        let ch = char::from_u32(ch).unwrap_or('\u{FFFD}');
        let text = ch.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            decimal_point: false,
            remainder: &text,
        };
        push_number(&mut out, &parts, &layout)?;
        return Ok(out);
    }
    let negative = value.is_negative();
    let mut digits = if base == 10 {
        let mut text = int_to_str(value, max_str_digits)?;
        if negative {
            text.remove(0);
        }
        text
    } else {
        value.magnitude_digits(base)
    };
    if spec.kind == Some('X') {
        digits.make_ascii_uppercase();
    }
    let prefix = match (spec.alternate, spec.kind) {
        (true, Some('b')) => "0b",
        (true, Some('o')) => "0o",
        (true, Some('x')) => "0x",
        (true, Some('X')) => "0X",
        _ => "",
    };
    let parts = NumberParts {
        negative,
        prefix,
        digits: &digits,
        decimal_point: false,
        remainder: "",
    };
    push_number(&mut out, &parts, &layout)?;
    Ok(out)
}

/// [`format_int`] as code points, exact for `'c'` of a surrogate (`format(0xd800, 'c')` is
/// `'\ud800'`), which a `String` cannot hold.
pub fn format_int_code_points<'a>(
    value: impl Into<IntRef<'a>>,
    spec: &str,
    type_name: &str,
    max_str_digits: usize,
) -> Result<Vec<u32>, TextError> {
    let spec = FormatSpec::parse(spec, type_name)?;
    let value = value.into();
    let surrogate = value
        .to_i64()
        .filter(|code| (0xD800..=0xDFFF).contains(code) && spec.kind == Some('c'));
    let Some(code) = surrogate else {
        let text = format_int_spec(value, &spec, type_name, max_str_digits)?;
        return Ok(text.chars().map(u32::from).collect());
    };
    // The same checks and layout with a stand-in character, then the surrogate in its place:
    // 'c' takes no sign or prefix, so the padding before it is all that precedes it.
    let text = format_int_spec(IntRef::Small(0xFFFD), &spec, type_name, max_str_digits)?;
    let mut points: Vec<u32> = text.chars().map(u32::from).collect();
    let padding = points.len().saturating_sub(1);
    let before = match spec.align_or(Align::Right) {
        Align::Left => 0,
        Align::Center => padding / 2,
        Align::Right | Align::AfterSign => padding,
    };
    if let Some(slot) = points.get_mut(before) {
        *slot = code as u32;
    }
    Ok(points)
}
