//! `format(str, spec)`: `str.__format__`, as CPython's `format_string_internal`.

use super::layout::push_padded;
use super::spec::{Align, FormatSpec, Grouping, Sign, unknown_code};
use crate::error::MAX_TEXT_LEN;
use crate::error::TextError;

/// `format(value, spec)` for a `str`: the precision truncates (in code points), the default
/// alignment is left; signs, `z`, `#` and `=` are refused with CPython's messages.
pub fn format_str(value: &str, spec: &str, type_name: &str) -> Result<String, TextError> {
    let spec = FormatSpec::parse(spec, type_name)?;
    format_str_spec(value, &spec, type_name)
}

/// [`format_str`] with a parsed spec.
pub fn format_str_spec(
    value: &str,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, TextError> {
    let align = check_str_spec(spec, type_name)?;
    let (text, len) = match spec.precision {
        Some(precision) => match value.char_indices().nth(precision) {
            Some((cut, _)) => (&value[..cut], precision),
            None => (value, value.chars().count()),
        },
        None => (value, value.chars().count()),
    };
    let mut out = String::with_capacity(text.len());
    push_padded(
        &mut out,
        text,
        len,
        spec.fill_char(),
        align,
        spec.width.unwrap_or(0),
    )?;
    Ok(out)
}

/// [`format_str`] for a string given as code points, for one holding lone surrogates (which a
/// Rust `str` cannot): the same checks, truncation and padding, on code points.
pub fn format_code_points(
    value: &[u32],
    spec: &str,
    type_name: &str,
) -> Result<Vec<u32>, TextError> {
    let spec = FormatSpec::parse(spec, type_name)?;
    let align = check_str_spec(&spec, type_name)?;
    let text = match spec.precision {
        Some(precision) => value.get(..precision).unwrap_or(value),
        None => value,
    };
    let width = spec.width.unwrap_or(0);
    if width > MAX_TEXT_LEN {
        return Err(TextError::memory());
    }
    let padding = width.saturating_sub(text.len());
    let left = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let fill = u32::from(spec.fill_char());
    let mut out = Vec::with_capacity(text.len() + padding);
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(text);
    out.extend(std::iter::repeat_n(fill, padding - left));
    Ok(out)
}

/// CPython's checks of a spec for a `str`, in its order; the alignment to use.
fn check_str_spec(spec: &FormatSpec, type_name: &str) -> Result<Align, TextError> {
    // A str's spec has the default type 's', which takes no thousands separator; the parser
    // checked only an explicit type.
    if let (None, Some(grouping)) = (spec.kind, spec.grouping) {
        let separator = match grouping {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        };
        return Err(TextError::value(format!(
            "Cannot specify '{separator}' with 's'."
        )));
    }
    match spec.kind {
        None | Some('s') => {}
        Some(other) => return Err(unknown_code(other, type_name)),
    }
    match spec.sign {
        Some(Sign::Space) => {
            return Err(TextError::value(
                "Space not allowed in string format specifier",
            ));
        }
        Some(_) => {
            return Err(TextError::value(
                "Sign not allowed in string format specifier",
            ));
        }
        None => {}
    }
    if spec.no_neg_zero {
        return Err(TextError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(TextError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let align = spec.align_or(Align::Left);
    if align == Align::AfterSign {
        return Err(TextError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    Ok(align)
}
