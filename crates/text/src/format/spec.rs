//! The format-spec mini-language (`[[fill]align][sign][z][#][0][width][grouping][.precision]
//! [type]`), parsed as CPython 3.13's `parse_internal_render_format_spec` does, with its errors.

use crate::error::TextError;
use crate::unicode::decimal_value;

/// Where padding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`: the odd fill character goes to the right.
    Center,
    /// `=`: between the sign (and `0x` prefix) and the digits.
    AfterSign,
}

/// The sign option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `+`: a sign for positive numbers too.
    Plus,
    /// `-`: only negative numbers get a sign (the default).
    Minus,
    /// ` `: a space where a positive number's sign would go.
    Space,
}

/// The thousands separator option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `,` every three digits.
    Comma,
    /// `_` every three digits, or every four for `b`, `o`, `x`, `X`.
    Underscore,
}

/// A parsed format spec. The defaults that depend on the type formatted (alignment, fill) are
/// resolved by [`FormatSpec::align_or`] and [`FormatSpec::fill_char`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    /// The fill character, when one was written before the alignment.
    pub fill: Option<char>,
    pub align: Option<Align>,
    pub sign: Option<Sign>,
    /// `z`: negative zero (after rounding) is written as zero.
    pub no_neg_zero: bool,
    /// `#`: the alternate form.
    pub alternate: bool,
    /// A `0` before the width without an explicit fill: fill with `0`, and for numbers without
    /// an explicit alignment pad after the sign.
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    /// The presentation type character, if any.
    pub kind: Option<char>,
}

impl FormatSpec {
    /// Parses `spec` for a value of type `type_name` (named in the "Invalid format specifier"
    /// error). Checks only what CPython checks before looking at the value's type: the syntax,
    /// number overflow, and which types take a thousands separator.
    pub fn parse(spec: &str, type_name: &str) -> Result<FormatSpec, TextError> {
        // Specs are short: decode into a stack buffer, the heap only for a long (invalid) one.
        let mut buffer = ['\0'; 24];
        let heap: Vec<char>;
        let chars: &[char] = if spec.len() <= buffer.len() {
            let mut len = 0;
            for (slot, ch) in buffer.iter_mut().zip(spec.chars()) {
                *slot = ch;
                len += 1;
            }
            &buffer[..len]
        } else {
            heap = spec.chars().collect();
            &heap
        };
        let mut pos = 0;
        let mut out = FormatSpec {
            fill: None,
            align: None,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            kind: None,
        };
        let at = |i: usize| chars.get(i).copied();
        if let Some(align) = at(1).and_then(align_of) {
            out.fill = at(0);
            out.align = Some(align);
            pos = 2;
        } else if let Some(align) = at(0).and_then(align_of) {
            out.align = Some(align);
            pos = 1;
        }
        match at(pos) {
            Some('+') => out.sign = Some(Sign::Plus),
            Some('-') => out.sign = Some(Sign::Minus),
            Some(' ') => out.sign = Some(Sign::Space),
            _ => {}
        }
        if out.sign.is_some() {
            pos += 1;
        }
        if at(pos) == Some('z') {
            out.no_neg_zero = true;
            pos += 1;
        }
        if at(pos) == Some('#') {
            out.alternate = true;
            pos += 1;
        }
        if out.fill.is_none() && at(pos) == Some('0') {
            out.zero_pad = true;
            pos += 1;
        }
        out.width = parse_count(chars, &mut pos)?;
        if at(pos) == Some(',') {
            out.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if at(pos) == Some('_') {
            if out.grouping.is_some() {
                return Err(TextError::value("Cannot specify both ',' and '_'."));
            }
            out.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if at(pos) == Some(',') {
            return Err(TextError::value("Cannot specify both ',' and '_'."));
        }
        if at(pos) == Some('.') {
            pos += 1;
            out.precision = parse_count(chars, &mut pos)?;
            if out.precision.is_none() {
                return Err(TextError::value("Format specifier missing precision"));
            }
        }
        match chars.len() - pos {
            0 => {}
            1 => out.kind = at(pos),
            _ => {
                return Err(TextError::value(format!(
                    "Invalid format specifier '{spec}' for object of type '{type_name}'"
                )));
            }
        }
        if let Some(grouping) = out.grouping {
            let allowed = match out.kind {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
                Some('b' | 'o' | 'x' | 'X') => grouping == Grouping::Underscore,
                Some(_) => false,
            };
            if !allowed {
                let separator = match grouping {
                    Grouping::Comma => ',',
                    Grouping::Underscore => '_',
                };
                return Err(TextError::value(format!(
                    "Cannot specify '{separator}' with {}.",
                    quoted_code(out.kind.unwrap_or('\0'))
                )));
            }
        }
        Ok(out)
    }

    /// The alignment: the one written, else `default` (`>` for numbers, `<` for strings), except
    /// that a `0` before the width makes a number's default `=`.
    pub fn align_or(&self, default: Align) -> Align {
        match self.align {
            Some(align) => align,
            None if self.zero_pad && default == Align::Right => Align::AfterSign,
            None => default,
        }
    }

    /// The fill character: the one written, `0` after a `0` flag, else a space.
    pub fn fill_char(&self) -> char {
        match self.fill {
            Some(fill) => fill,
            None if self.zero_pad => '0',
            None => ' ',
        }
    }

    /// The sign option, `-` when none was written.
    pub fn sign_or_default(&self) -> Sign {
        self.sign.unwrap_or(Sign::Minus)
    }
}

fn align_of(ch: char) -> Option<Align> {
    match ch {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// Reads a run of decimal digits (of any script, as CPython's `get_integer`); `None` when there
/// are none. A value past `Py_ssize_t`'s range is CPython's "Too many decimal digits" error.
fn parse_count(chars: &[char], pos: &mut usize) -> Result<Option<usize>, TextError> {
    let mut value: u64 = 0;
    let start = *pos;
    while let Some(digit) = chars.get(*pos).and_then(|&c| decimal_value(u32::from(c))) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(digit)))
            .filter(|&v| v <= i64::MAX as u64)
            .ok_or_else(|| TextError::value("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    if *pos == start {
        return Ok(None);
    }
    Ok(Some(
        usize::try_from(value).map_err(|_| TextError::memory())?,
    ))
}

/// A presentation type as CPython's messages quote it: `'x'` for printable ASCII, else its code
/// in hex, `'\x1'`, `'\x20ac'`.
pub(crate) fn quoted_code(kind: char) -> String {
    let code = u32::from(kind);
    if code > 32 && code < 128 {
        format!("'{kind}'")
    } else {
        format!("'\\x{code:x}'")
    }
}

/// CPython's error for a presentation type the value's type does not have.
pub(crate) fn unknown_code(kind: char, type_name: &str) -> TextError {
    TextError::value(format!(
        "Unknown format code {} for object of type '{type_name}'",
        quoted_code(kind)
    ))
}
