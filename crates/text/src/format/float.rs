//! `float` and `complex` to text: CPython's `PyOS_double_to_string` (the digit layout every
//! float formatting shares) and `format(float, spec)` / `format(complex, spec)`.

use super::layout::{Layout, NumberParts, push_number, push_padded};
use super::spec::{Align, FormatSpec, Grouping, Sign, unknown_code};
use crate::dtoa::{self, Digits};
use crate::error::{MAX_TEXT_LEN, TextError};

/// Options of [`float_to_string`], CPython's `Py_DTSF_*` flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// Write `+` before a non-negative value (`Py_DTSF_SIGN`).
    pub always_sign: bool,
    /// Write an integral value as `1.0`, not `1` (`Py_DTSF_ADD_DOT_0`: `repr`, `str`, and the
    /// format spec without a type).
    pub add_dot_zero: bool,
    /// The alternate form `#`: keep the point and trailing zeros (`Py_DTSF_ALT`).
    pub alternate: bool,
    /// `z`: a value that rounds to zero loses its minus sign (`Py_DTSF_NO_NEG_0`).
    pub no_neg_zero: bool,
}

/// CPython's `PyOS_double_to_string`: `value` in the presentation `code` (`e E f F g G`, or
/// `r` for the shortest round-tripping digits, where `precision` is ignored), with `precision`
/// digits after the point (`e`, `f`) or significant digits (`g`; 0 counts as 1). `inf`, `nan`
/// (never with a minus sign) and `-inf`, upper case for `E F G`.
///
/// Fails only when the text would be longer than this crate builds ([`MAX_TEXT_LEN`]).
pub fn float_to_string(
    value: f64,
    code: char,
    precision: usize,
    flags: FloatFlags,
) -> Result<String, TextError> {
    let mut out = String::new();
    push_float_to_string(&mut out, value, code, precision, flags)?;
    Ok(out)
}

/// [`float_to_string`], appended to `out`.
pub fn push_float_to_string(
    out: &mut String,
    value: f64,
    code: char,
    precision: usize,
    flags: FloatFlags,
) -> Result<(), TextError> {
    let upper = code.is_ascii_uppercase();
    let mode = code.to_ascii_lowercase();
    if !value.is_finite() {
        if value.is_infinite() && value < 0.0 {
            out.push('-');
        } else if flags.always_sign {
            out.push('+');
        }
        let word = match (value.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        out.push_str(word);
        return Ok(());
    }
    if precision > MAX_TEXT_LEN {
        return Err(TextError::memory());
    }
    let precision = precision as i64;
    let Digits { digits, decpt } = match mode {
        'e' => dtoa::significant(value, precision as usize + 1),
        'f' => dtoa::fixed(value, precision as usize),
        'g' => dtoa::significant(value, precision.max(1) as usize),
        _ => dtoa::shortest(value),
    };
    let precision = match mode {
        'e' => precision + 1,
        'g' => precision.max(1),
        _ => precision,
    };
    let mut negative = value.is_sign_negative();
    if flags.no_neg_zero && digits == b"0" {
        negative = false;
    }
    let digits_len = digits.len() as i64;
    let mut decpt = decpt;
    // The output is a slice [start, end) of the digits padded with zeros on both sides, with the
    // point after position `decpt`, as CPython's `format_float_short` lays it out.
    let mut end = digits_len;
    let mut use_exp = false;
    match mode {
        'e' => {
            use_exp = true;
            end = precision;
        }
        'f' => end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_zero {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alternate {
                end = precision;
            }
        }
        _ => {
            // repr switches to exponent notation at 1e16.
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exponent = 0;
    if use_exp {
        exponent = decpt - 1;
        decpt = 1;
    }
    let start = if decpt <= 0 { decpt - 1 } else { 0 };
    end = if !use_exp && flags.add_dot_zero {
        end.max(decpt + 1)
    } else {
        end.max(decpt)
    };
    if (end - start) as u64 > MAX_TEXT_LEN as u64 {
        return Err(TextError::memory());
    }
    let mark = out.len();
    if negative {
        out.push('-');
    } else if flags.always_sign {
        out.push('+');
    }
    let digits_text = std::str::from_utf8(&digits).unwrap_or("0");
    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    if decpt <= 0 {
        zeros(out, decpt - start);
        out.push('.');
        zeros(out, -decpt);
    } else {
        zeros(out, -start);
    }
    if 0 < decpt && decpt <= digits_len {
        let (int_part, fraction) = digits_text.split_at(decpt as usize);
        out.push_str(int_part);
        out.push('.');
        out.push_str(fraction);
    } else {
        out.push_str(digits_text);
    }
    if digits_len < decpt {
        zeros(out, decpt - digits_len);
        out.push('.');
        zeros(out, end - decpt);
    } else {
        zeros(out, end - digits_len);
    }
    if out.ends_with('.') && out.len() > mark && !flags.alternate {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exponent < 0 { '-' } else { '+' });
        let magnitude = exponent.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
    }
    Ok(())
}

/// CPython refuses a precision past a C `int` before formatting a float.
const MAX_PRECISION: usize = i32::MAX as usize;

/// `format(value, spec)` for a `float` (`float.__format__`); `type_name` is the value's type
/// as errors name it (`'float'`, or a subclass's name).
pub fn format_float(value: f64, spec: &str, type_name: &str) -> Result<String, TextError> {
    let spec = FormatSpec::parse(spec, type_name)?;
    format_float_spec(value, &spec, type_name)
}

/// [`format_float`] with a parsed spec; `int.__format__` sends `e f g %` here too.
pub fn format_float_spec(
    value: f64,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, TextError> {
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(other) => return Err(unknown_code(other, type_name)),
    }
    let precision = spec.precision;
    if precision.is_some_and(|p| p > MAX_PRECISION) {
        return Err(TextError::value("precision too big"));
    }
    let mut flags = FloatFlags {
        alternate: spec.alternate,
        no_neg_zero: spec.no_neg_zero,
        ..FloatFlags::default()
    };
    let mut value = value;
    let mut percent = false;
    // Without a type: repr's digits, or like 'g' with at least one digit after the point when
    // a precision is given (`format(1.0, '.3')` is `1.0`, `format(123.0, '.2')` is `1.2e+02`).
    let (code, precision) = match (spec.kind, precision) {
        (None, None) => {
            flags.add_dot_zero = true;
            ('r', 0)
        }
        (None, Some(p)) => {
            flags.add_dot_zero = true;
            ('g', p)
        }
        (Some('n'), p) => ('g', p.unwrap_or(6)),
        (Some('%'), p) => {
            value *= 100.0;
            percent = true;
            ('f', p.unwrap_or(6))
        }
        (Some(code), p) => (code, p.unwrap_or(6)),
    };
    let mut text = float_to_string(value, code, precision, flags)?;
    if percent {
        text.push('%');
    }
    let grouping = if spec.kind == Some('n') {
        None
    } else {
        grouping_of(spec.grouping)
    };
    let layout = Layout {
        sign: spec.sign_or_default(),
        fill: spec.fill_char(),
        align: spec.align_or(Align::Right),
        width: spec.width.unwrap_or(0),
        grouping,
    };
    let mut out = String::new();
    push_number(&mut out, &split_number(&text), &layout)?;
    Ok(out)
}

fn grouping_of(grouping: Option<Grouping>) -> Option<(char, usize)> {
    match grouping {
        Some(Grouping::Comma) => Some((',', 3)),
        Some(Grouping::Underscore) => Some(('_', 3)),
        None => None,
    }
}

/// Splits formatted float text into the layout's pieces, as CPython's `parse_number`: a leading
/// `-`, the integer digits, a decimal point, and the rest.
fn split_number(text: &str) -> NumberParts<'_> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let int_len = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(int_len);
    let (decimal_point, remainder) = match rest.strip_prefix('.') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    NumberParts {
        negative,
        prefix: "",
        digits,
        decimal_point,
        remainder,
    }
}

/// `format(complex(real, imag), spec)` (`complex.__format__`). Without a type it is `str()`'s
/// form: parentheses unless the real part is `+0.0`, which is then left out.
pub fn format_complex(
    real: f64,
    imag: f64,
    spec: &str,
    type_name: &str,
) -> Result<String, TextError> {
    let spec = FormatSpec::parse(spec, type_name)?;
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(other) => return Err(unknown_code(other, type_name)),
    }
    if spec.precision.is_some_and(|p| p > MAX_PRECISION) {
        return Err(TextError::value("precision too big"));
    }
    if spec.fill_char() == '0' {
        return Err(TextError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if spec.align_or(Align::Right) == Align::AfterSign {
        return Err(TextError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let flags = FloatFlags {
        alternate: spec.alternate,
        no_neg_zero: spec.no_neg_zero,
        ..FloatFlags::default()
    };
    let mut skip_real = false;
    let mut parens = false;
    let (code, precision) = match (spec.kind, spec.precision) {
        (None, precision) => {
            if real == 0.0 && real.is_sign_positive() {
                skip_real = true;
            } else {
                parens = true;
            }
            match precision {
                None => ('r', 0),
                Some(p) => ('g', p),
            }
        }
        (Some('n'), p) => ('g', p.unwrap_or(6)),
        (Some(code), p) => (code, p.unwrap_or(6)),
    };
    let grouping = if spec.kind == Some('n') {
        None
    } else {
        grouping_of(spec.grouping)
    };
    let real_text = float_to_string(real, code, precision, flags)?;
    let imag_text = float_to_string(imag, code, precision, flags)?;
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    let mut part_layout = Layout {
        sign: spec.sign_or_default(),
        fill: ' ',
        align: Align::Left,
        width: 0,
        grouping,
    };
    if !skip_real {
        push_number(&mut body, &split_number(&real_text), &part_layout)?;
        // The imaginary part always has its sign when it follows the real part.
        part_layout.sign = Sign::Plus;
    }
    push_number(&mut body, &split_number(&imag_text), &part_layout)?;
    body.push('j');
    if parens {
        body.push(')');
    }
    let mut out = String::new();
    let len = body.chars().count();
    push_padded(
        &mut out,
        &body,
        len,
        spec.fill_char(),
        spec.align_or(Align::Right),
        spec.width.unwrap_or(0),
    )?;
    Ok(out)
}
