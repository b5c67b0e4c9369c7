//! The Unicode facts of one code point, as CPython 3.13's `str` methods read them: the record
//! of [`props`] found through the generated two-level tables (`index_tables.rs`, then
//! `record_tables.rs`).

use super::index_tables::{BLOCK_OF, BLOCK_SHIFT, RECORD_IN_BLOCK};
use super::record_tables::{EXTENDED_CASE, NUMERIC_VALUES, RECORDS};

// The flag bits, in the order the generator (`tools/gen_unicode_tables.py`) numbers them.
const ALPHA: u16 = 1 << 0;
const DECIMAL: u16 = 1 << 1;
const DIGIT: u16 = 1 << 2;
const NUMERIC: u16 = 1 << 3;
const SPACE: u16 = 1 << 4;
const LINEBREAK: u16 = 1 << 5;
const LOWER: u16 = 1 << 6;
const UPPER: u16 = 1 << 7;
const TITLE: u16 = 1 << 8;
const CASED: u16 = 1 << 9;
const CASE_IGNORABLE: u16 = 1 << 10;
const XID_START: u16 = 1 << 11;
const XID_CONTINUE: u16 = 1 << 12;

/// The case mapping fields from this value up are runs of `EXTENDED_CASE`; those below are
/// deltas, which lie within ±0x10FFFF.
const EXTENDED: i32 = 1 << 30;

/// A case mapping field of a record for a mapping to `len` code points starting at `index` in
/// `EXTENDED_CASE` (used by the generated tables).
pub(super) const fn ext(len: i32, index: i32) -> i32 {
    EXTENDED | (len << 24) | index
}

/// One distinct combination of facts; many code points share each record.
#[derive(Debug)]
pub(super) struct CharRecord {
    flags: u16,
    /// The digit value (0–9), or 255 for none.
    digit: u8,
    /// Index in `NUMERIC_VALUES` (0 when the code point has no numeric value).
    numeric: u8,
    /// Lower, upper, title and casefold mappings: each a delta to add to the code point, or an
    /// [`ext`] run.
    case: [i32; 4],
}

impl CharRecord {
    pub(super) const fn new(flags: u16, digit: u8, numeric: u8, case: [i32; 4]) -> CharRecord {
        CharRecord {
            flags,
            digit,
            numeric,
            case,
        }
    }
}

/// The facts CPython 3.13 (Unicode 15.1) holds about one code point. Any `u32` is accepted:
/// surrogates and values past U+10FFFF have no properties and map to themselves.
#[derive(Clone, Copy, Debug)]
pub struct CharProps {
    cp: u32,
    record: &'static CharRecord,
}

/// The facts of code point `cp`.
#[inline]
pub fn props(cp: u32) -> CharProps {
    let record = lookup(cp).unwrap_or(&RECORDS[0]);
    CharProps { cp, record }
}

#[inline]
fn lookup(cp: u32) -> Option<&'static CharRecord> {
    let block = usize::from(*BLOCK_OF.get((cp >> BLOCK_SHIFT) as usize)?);
    let offset = (cp & ((1 << BLOCK_SHIFT) - 1)) as usize;
    let index = *RECORD_IN_BLOCK.get((block << BLOCK_SHIFT) | offset)?;
    RECORDS.get(usize::from(index))
}

/// Which of a record's four case mappings.
#[derive(Clone, Copy)]
enum CaseKind {
    Lower = 0,
    Upper = 1,
    Title = 2,
    Fold = 3,
}

impl CharProps {
    #[inline]
    fn has(self, flag: u16) -> bool {
        self.record.flags & flag != 0
    }

    /// Alphabetic as `str.isalpha()`: categories Lm, Lt, Lu, Ll, Lo.
    #[inline]
    pub fn is_alpha(self) -> bool {
        self.has(ALPHA)
    }

    /// `str.isdecimal()`: has a decimal digit value (category Nd).
    #[inline]
    pub fn is_decimal(self) -> bool {
        self.has(DECIMAL)
    }

    /// `str.isdigit()`: has a digit value (decimals, superscripts, circled digits, …).
    #[inline]
    pub fn is_digit(self) -> bool {
        self.has(DIGIT)
    }

    /// `str.isnumeric()`: has a numeric value (digits, fractions, Roman numerals, CJK numerals).
    #[inline]
    pub fn is_numeric(self) -> bool {
        self.has(NUMERIC)
    }

    /// `str.isalnum()` of one character: alphabetic, decimal, digit or numeric.
    #[inline]
    pub fn is_alnum(self) -> bool {
        self.has(ALPHA | DECIMAL | DIGIT | NUMERIC)
    }

    /// `str.isspace()`: category Zs or bidirectional class WS, B or S (so `\x1c`–`\x1f` and
    /// U+0085 are whitespace, U+200B is not).
    #[inline]
    pub fn is_space(self) -> bool {
        self.has(SPACE)
    }

    /// A line boundary of `str.splitlines()`: `\n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029`.
    #[inline]
    pub fn is_linebreak(self) -> bool {
        self.has(LINEBREAK)
    }

    /// The Lowercase property (what `str.islower()` counts).
    #[inline]
    pub fn is_lower(self) -> bool {
        self.has(LOWER)
    }

    /// The Uppercase property (what `str.isupper()` counts).
    #[inline]
    pub fn is_upper(self) -> bool {
        self.has(UPPER)
    }

    /// Titlecase: category Lt (`ǅ`).
    #[inline]
    pub fn is_title(self) -> bool {
        self.has(TITLE)
    }

    /// The Cased property: decides `str.title()`'s words and the final-sigma rule.
    #[inline]
    pub fn is_cased(self) -> bool {
        self.has(CASED)
    }

    /// The Case_Ignorable property: skipped when the final-sigma rule looks for cased letters.
    #[inline]
    pub fn is_case_ignorable(self) -> bool {
        self.has(CASE_IGNORABLE)
    }

    /// XID_Start, as CPython's `str.isidentifier()` reads it for the first character (which may
    /// also be `_`, not XID_Start itself).
    #[inline]
    pub fn is_xid_start(self) -> bool {
        self.has(XID_START)
    }

    /// XID_Continue, as `str.isidentifier()` reads it after the first character.
    #[inline]
    pub fn is_xid_continue(self) -> bool {
        self.has(XID_CONTINUE)
    }

    /// The decimal value (`unicodedata.decimal`), what `int()` and `float()` read a Unicode
    /// digit as.
    #[inline]
    pub fn decimal_value(self) -> Option<u32> {
        if self.has(DECIMAL) {
            Some(u32::from(self.record.digit))
        } else {
            None
        }
    }

    /// The digit value (`unicodedata.digit`): decimals and also `²` or `①`.
    #[inline]
    pub fn digit_value(self) -> Option<u32> {
        if self.has(DIGIT) {
            Some(u32::from(self.record.digit))
        } else {
            None
        }
    }

    /// The numeric value (`unicodedata.numeric`): `½` is 0.5, `Ⅻ` 12.0.
    #[inline]
    pub fn numeric_value(self) -> Option<f64> {
        if self.has(NUMERIC) {
            NUMERIC_VALUES
                .get(usize::from(self.record.numeric))
                .copied()
        } else {
            None
        }
    }

    /// The full lowercase mapping (`'İ'` → `'i̇'`, two code points), without the final-sigma
    /// rule, which needs the context: see [`super::lower`].
    #[inline]
    pub fn to_lower(self) -> CaseMapping {
        self.mapping(CaseKind::Lower)
    }

    /// The full uppercase mapping (`'ß'` → `'SS'`).
    #[inline]
    pub fn to_upper(self) -> CaseMapping {
        self.mapping(CaseKind::Upper)
    }

    /// The full titlecase mapping (`'ǆ'` → `'ǅ'`, `'ﬁ'` → `'Fi'`).
    #[inline]
    pub fn to_title(self) -> CaseMapping {
        self.mapping(CaseKind::Title)
    }

    /// The full case folding (`'ß'` → `'ss'`), as `str.casefold()`.
    #[inline]
    pub fn to_folded(self) -> CaseMapping {
        self.mapping(CaseKind::Fold)
    }

    #[inline]
    fn mapping(self, kind: CaseKind) -> CaseMapping {
        let field = self.record.case[kind as usize];
        if field < EXTENDED {
            return CaseMapping::one(self.cp.wrapping_add_signed(field));
        }
        let len = ((field >> 24) & 0x3) as usize;
        let start = (field & 0xFFFF) as usize;
        let mut mapping = CaseMapping {
            len: 0,
            code_points: [0; 3],
        };
        if let Some(run) = EXTENDED_CASE.get(start..start + len) {
            mapping.code_points[..len].copy_from_slice(run);
            mapping.len = len as u8;
        }
        mapping
    }
}

/// A full case mapping of one code point: one to three code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseMapping {
    len: u8,
    code_points: [u32; 3],
}

impl CaseMapping {
    #[inline]
    pub(super) fn one(cp: u32) -> CaseMapping {
        CaseMapping {
            len: 1,
            code_points: [cp, 0, 0],
        }
    }

    /// The code points.
    #[inline]
    pub fn as_slice(&self) -> &[u32] {
        self.code_points.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

impl IntoIterator for CaseMapping {
    type Item = u32;
    type IntoIter = std::iter::Take<std::array::IntoIter<u32, 3>>;

    fn into_iter(self) -> Self::IntoIter {
        self.code_points.into_iter().take(usize::from(self.len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beyond_unicode_has_no_properties() {
        for cp in [0xD800, 0xDFFF, 0x110000, u32::MAX] {
            let p = props(cp);
            assert!(!p.is_alpha() && !p.is_space() && !p.is_cased() && !p.is_xid_continue());
            assert_eq!(p.numeric_value(), None);
            for mapping in [p.to_lower(), p.to_upper(), p.to_title(), p.to_folded()] {
                assert_eq!(mapping.as_slice(), [cp]);
            }
        }
    }

    #[test]
    fn full_mappings() {
        // From CPython 3.13.0: 'ß'.upper(), 'İ'.lower(), 'ǆ'.title(), 'ﬃ'.title(), '½'.
        assert_eq!(props(0xDF).to_upper().as_slice(), [0x53, 0x53]);
        assert_eq!(props(0x130).to_lower().as_slice(), [0x69, 0x307]);
        assert_eq!(props(0x1C6).to_title().as_slice(), [0x1C5]);
        assert_eq!(props(0xFB03).to_title().as_slice(), [0x46, 0x66, 0x69]);
        assert_eq!(props(0xBD).numeric_value(), Some(0.5));
    }
}
