//! printf-style formatting (`'%5.2f' % x`): parsing one conversion spec and the kernels that turn
//! a number or a text into its padded form, as CPython 3.13's `PyUnicode_Format`
//! (`Objects/unicodeobject.c`). The argument plumbing (tuples, mappings, `*` arguments, calling
//! `str()`/`repr()`/`__index__`/`__float__`) belongs to the VM.

use crate::error::{MAX_TEXT_LEN, TextError};
use crate::format::{FloatFlags, float_to_string};
use crate::int_text::{IntRef, int_to_str};

/// The flag characters `-`, `+`, ` `, `#`, `0` (any order, repeats allowed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// `-`: pad on the right (wins over `0`).
    pub left: bool,
    /// `+`: a sign for non-negative numbers too (wins over ` `).
    pub plus: bool,
    /// ` `: a space where a non-negative number's sign would go.
    pub blank: bool,
    /// `#`: `0x`/`0X`/`0o` prefixes, a kept point and zeros for floats.
    pub alternate: bool,
    /// `0`: numbers are padded with zeros after the sign.
    pub zero: bool,
}

/// A width or precision as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentCount {
    Absent,
    Given(usize),
    /// `*`: taken from the next argument (the VM converts it; a negative width means `-` and
    /// its absolute value, a negative precision means none).
    FromArgument,
}

/// One conversion spec: `%[(key)][flags][width][.precision][h|l|L]conversion`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentSpec {
    pub key: Option<String>,
    pub flags: PercentFlags,
    pub width: PercentCount,
    pub precision: PercentCount,
    /// The conversion character, unchecked: `%` after a bare `%` is the literal; for anything
    /// else, CPython takes the argument first and then reports [`PercentSpec::unsupported`].
    pub conversion: char,
    /// Where the conversion character is in the format string (in characters).
    pub conversion_index: usize,
    /// `%%`: a literal percent sign, taking no argument (only when nothing is between).
    pub literal_percent: bool,
}

impl PercentSpec {
    /// CPython's error for a conversion character it does not know (including a `%` after a
    /// key, flags or width): "unsupported format character 'y' (0x79) at index 1".
    pub fn unsupported(&self) -> TextError {
        let code = u32::from(self.conversion);
        let shown = if (32..=126).contains(&code) {
            self.conversion
        } else {
            '?'
        };
        TextError::value(format!(
            "unsupported format character '{shown}' ({code:#x}) at index {}",
            self.conversion_index
        ))
    }
}

/// Parses the spec that follows a `%` at `format[start - 1]`; returns it and the index after
/// its conversion character. Errors, as CPython's: "incomplete format", "incomplete format key",
/// "width too big", "precision too big" (`ValueError`).
pub fn parse_percent_spec(
    format: &[char],
    start: usize,
) -> Result<(PercentSpec, usize), TextError> {
    let incomplete = || TextError::value("incomplete format");
    let mut pos = start;
    let mut key = None;
    if format.get(pos) == Some(&'(') {
        // The key runs to the matching parenthesis: "%(a(b))s" has the key "a(b)".
        let mut depth = 1;
        let key_start = pos + 1;
        pos += 1;
        while depth > 0 {
            match format.get(pos) {
                None => return Err(TextError::value("incomplete format key")),
                Some('(') => depth += 1,
                Some(')') => depth -= 1,
                Some(_) => {}
            }
            pos += 1;
        }
        key = Some(format[key_start..pos - 1].iter().collect());
    }
    let mut flags = PercentFlags::default();
    loop {
        match format.get(pos) {
            Some('-') => flags.left = true,
            Some('+') => flags.plus = true,
            Some(' ') => flags.blank = true,
            Some('#') => flags.alternate = true,
            Some('0') => flags.zero = true,
            _ => break,
        }
        pos += 1;
    }
    let width = parse_count(format, &mut pos, i64::MAX as u64, "width too big")?;
    let mut precision = PercentCount::Absent;
    if format.get(pos) == Some(&'.') {
        pos += 1;
        precision = parse_count(format, &mut pos, i32::MAX as u64, "precision too big")?;
        if precision == PercentCount::Absent {
            precision = PercentCount::Given(0);
        }
    }
    if matches!(format.get(pos), Some('h' | 'l' | 'L')) {
        pos += 1;
    }
    let conversion = *format.get(pos).ok_or_else(incomplete)?;
    let spec = PercentSpec {
        literal_percent: conversion == '%' && pos == start,
        key,
        flags,
        width,
        precision,
        conversion,
        conversion_index: pos,
    };
    Ok((spec, pos + 1))
}

fn parse_count(
    format: &[char],
    pos: &mut usize,
    max: u64,
    too_big: &str,
) -> Result<PercentCount, TextError> {
    if format.get(*pos) == Some(&'*') {
        *pos += 1;
        return Ok(PercentCount::FromArgument);
    }
    let mut value: Option<u64> = None;
    while let Some(digit) = format.get(*pos).and_then(|c| c.to_digit(10)) {
        let next = value
            .unwrap_or(0)
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(digit)))
            .filter(|&v| v <= max)
            .ok_or_else(|| TextError::value(too_big))?;
        value = Some(next);
        *pos += 1;
    }
    Ok(match value {
        Some(v) => PercentCount::Given(usize::try_from(v).map_err(|_| TextError::memory())?),
        None => PercentCount::Absent,
    })
}

/// `%d %i %u %o %x %X` of an integer (the VM has already applied `__index__`/`__int__`): the
/// precision is a minimum number of digits, `#` adds `0o`/`0x`/`0X`; decimal conversions obey
/// the int/str digit limit `max_str_digits` (0: none).
pub fn percent_int<'a>(
    value: impl Into<IntRef<'a>>,
    conversion: char,
    flags: PercentFlags,
    width: usize,
    precision: Option<usize>,
    max_str_digits: usize,
) -> Result<String, TextError> {
    let value = value.into();
    let negative = value.is_negative();
    let (mut digits, prefix) = match conversion {
        'o' => (value.magnitude_digits(8), "0o"),
        'x' => (value.magnitude_digits(16), "0x"),
        'X' => (value.magnitude_digits(16).to_ascii_uppercase(), "0X"),
        _ => {
            let mut text = int_to_str(value, max_str_digits)?;
            if negative {
                text.remove(0);
            }
            (text, "")
        }
    };
    if let Some(precision) = precision {
        // CPython keeps room for a sign and a prefix within a C int.
        if precision > i32::MAX as usize - 3 {
            return Err(TextError::overflow("precision too large"));
        }
        if precision > MAX_TEXT_LEN {
            return Err(TextError::memory());
        }
        if precision > digits.len() {
            digits.insert_str(0, &"0".repeat(precision - digits.len()));
        }
    }
    let prefix = if flags.alternate { prefix } else { "" };
    pad_number(negative, prefix, &digits, flags, width)
}

/// `%e %E %f %F %g %G` of a float (the VM has already applied `__float__`): the precision
/// defaults to 6; `#` keeps the point and trailing zeros.
pub fn percent_float(
    value: f64,
    conversion: char,
    flags: PercentFlags,
    width: usize,
    precision: Option<usize>,
) -> Result<String, TextError> {
    let float_flags = FloatFlags {
        alternate: flags.alternate,
        ..FloatFlags::default()
    };
    let text = float_to_string(value, conversion, precision.unwrap_or(6), float_flags)?;
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    pad_number(negative, "", body, flags, width)
}

/// The code point `%c` writes for an integer argument (a surrogate is allowed: the VM builds
/// the string); any integer outside `range(0x110000)`, however large, is CPython's
/// `OverflowError` "%c arg not in range(0x110000)".
pub fn percent_char_code<'a>(value: impl Into<IntRef<'a>>) -> Result<u32, TextError> {
    value
        .into()
        .to_i64()
        .and_then(|code| u32::try_from(code).ok())
        .filter(|&code| code < 0x110000)
        .ok_or_else(|| TextError::overflow("%c arg not in range(0x110000)"))
}

/// `%s %r %a %c` once the VM has the text (`str()`, `repr()`, `ascii()` or the character): the
/// precision keeps that many characters (pass `None` for `%c`, which ignores it); padded with
/// spaces, on the left unless `-`. The `0`, `+`, ` ` and `#` flags do nothing here.
pub fn percent_text(
    text: &str,
    flags: PercentFlags,
    width: usize,
    precision: Option<usize>,
) -> Result<String, TextError> {
    if width > MAX_TEXT_LEN {
        return Err(TextError::memory());
    }
    let (text, len) = match precision.and_then(|p| text.char_indices().nth(p).map(|(i, _)| (i, p)))
    {
        Some((cut, len)) => (&text[..cut], len),
        None => (text, text.chars().count()),
    };
    let padding = width.saturating_sub(len);
    let mut out = String::with_capacity(text.len() + padding);
    if !flags.left {
        out.extend(std::iter::repeat_n(' ', padding));
    }
    out.push_str(text);
    if flags.left {
        out.extend(std::iter::repeat_n(' ', padding));
    }
    Ok(out)
}

/// CPython's layout of a number for `%`: `[spaces][sign][prefix][zeros]digits[spaces]`; zeros
/// with the `0` flag (unless `-`), spaces on the right with `-`, else on the left.
fn pad_number(
    negative: bool,
    prefix: &str,
    body: &str,
    flags: PercentFlags,
    width: usize,
) -> Result<String, TextError> {
    if width > MAX_TEXT_LEN {
        return Err(TextError::memory());
    }
    let sign = if negative {
        Some('-')
    } else if flags.plus {
        Some('+')
    } else if flags.blank {
        Some(' ')
    } else {
        None
    };
    let len = usize::from(sign.is_some()) + prefix.len() + body.len();
    let padding = width.saturating_sub(len);
    let mut out = String::with_capacity(len + padding);
    let spaces = |out: &mut String, n| out.extend(std::iter::repeat_n(' ', n));
    if !flags.left && !flags.zero {
        spaces(&mut out, padding);
    }
    if let Some(sign) = sign {
        out.push(sign);
    }
    out.push_str(prefix);
    if !flags.left && flags.zero {
        out.extend(std::iter::repeat_n('0', padding));
    }
    out.push_str(body);
    if flags.left {
        spaces(&mut out, padding);
    }
    Ok(out)
}
