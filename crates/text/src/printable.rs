//! `str.isprintable()` of one character, with CPython 3.13's Unicode data.

use unicode_general_category::{GeneralCategory, get_general_category};

/// CPython's `Py_UNICODE_ISPRINTABLE` (`str.isprintable()` of one character): everything but
/// the "Other" (Cc, Cf, Cs, Co, Cn) and "Separator" (Zl, Zp, Zs) categories, except the space.
/// It decides whether `repr()` escapes a character and how some errors name it.
///
/// CPython 3.13 uses Unicode 15.1; the category tables here are a later version, so the
/// characters assigned since 15.1 count as unassigned (not printable), as in CPython.
pub fn is_printable(ch: char) -> bool {
    if ch == ' ' {
        return true;
    }
    if matches!(
        get_general_category(ch),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::Surrogate
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::SpaceSeparator
    ) {
        return false;
    }
    let cp = u32::from(ch);
    // Not one of the ranges that were unassigned in Unicode 15.1.
    let i = ASSIGNED_AFTER_15_1.partition_point(|&(_, last)| last < cp);
    ASSIGNED_AFTER_15_1
        .get(i)
        .is_none_or(|&(first, _)| cp < first)
}

/// [`is_printable`] of a code point; lone surrogates and non-code-points are not printable.
pub fn is_printable_code_point(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(is_printable)
}

/// The Unicode version of the category tables, checked by a test: a new version means the
/// table below must be regenerated.
#[cfg(test)]
pub(crate) const TABLES_UNICODE_VERSION: (u64, u64, u64) =
    unicode_general_category::UNICODE_VERSION;

/// The printable characters of the category tables' Unicode version (16.0) that Unicode 15.1
/// (CPython 3.13's `unicodedata.unidata_version`) leaves unassigned, as inclusive ranges. Found
/// by comparing every code point with CPython 3.13.0's `chr(cp).isprintable()`.
const ASSIGNED_AFTER_15_1: &[(u32, u32)] = &[
    (0x897, 0x897),
    (0x1B4E, 0x1B4F),
    (0x1B7F, 0x1B7F),
    (0x1C89, 0x1C8A),
    (0x2427, 0x2429),
    (0x31E4, 0x31E5),
    (0xA7CB, 0xA7CD),
    (0xA7DA, 0xA7DC),
    (0x105C0, 0x105F3),
    (0x10D40, 0x10D65),
    (0x10D69, 0x10D85),
    (0x10D8E, 0x10D8F),
    (0x10EC2, 0x10EC4),
    (0x10EFC, 0x10EFC),
    (0x11380, 0x11389),
    (0x1138B, 0x1138B),
    (0x1138E, 0x1138E),
    (0x11390, 0x113B5),
    (0x113B7, 0x113C0),
    (0x113C2, 0x113C2),
    (0x113C5, 0x113C5),
    (0x113C7, 0x113CA),
    (0x113CC, 0x113D5),
    (0x113D7, 0x113D8),
    (0x113E1, 0x113E2),
    (0x116D0, 0x116E3),
    (0x11BC0, 0x11BE1),
    (0x11BF0, 0x11BF9),
    (0x11F5A, 0x11F5A),
    (0x13460, 0x143FA),
    (0x16100, 0x16139),
    (0x16D40, 0x16D79),
    (0x18CFF, 0x18CFF),
    (0x1CC00, 0x1CCF9),
    (0x1CD00, 0x1CEB3),
    (0x1E5D0, 0x1E5FA),
    (0x1E5FF, 0x1E5FF),
    (0x1F8B2, 0x1F8BB),
    (0x1F8C0, 0x1F8C1),
    (0x1FA89, 0x1FA89),
    (0x1FA8F, 0x1FA8F),
    (0x1FABE, 0x1FABE),
    (0x1FAC6, 0x1FAC6),
    (0x1FADC, 0x1FADC),
    (0x1FADF, 0x1FADF),
    (0x1FAE9, 0x1FAE9),
    (0x1FBCB, 0x1FBEF),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_the_version_the_correction_was_made_for() {
        assert_eq!(TABLES_UNICODE_VERSION, (16, 0, 0));
        assert!(ASSIGNED_AFTER_15_1.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn printable_as_cpython() {
        // From CPython 3.13.0's `str.isprintable()`.
        for ch in ['a', ' ', '~', 'é', '\u{a0}' /* no-break space: Zs */] {
            assert_eq!(is_printable(ch), ch != '\u{a0}', "{ch:?}");
        }
        for cp in [
            0x0, 0x1F, 0x7F, 0x85, 0xAD, 0x2028, 0x2029, 0x3000, 0xE000, 0xFEFF, 0x378,
        ] {
            assert!(!is_printable_code_point(cp), "{cp:#x}");
        }
        for cp in [0x897, 0x13460, 0x143FA, 0x1FBCB, 0x1FBEF] {
            assert!(!is_printable_code_point(cp), "{cp:#x}: unassigned in 15.1");
        }
        for cp in [0x898, 0x1B50, 0x1F600, 0x1FBF0, 0x4E00] {
            assert!(is_printable_code_point(cp), "{cp:#x}");
        }
        assert!(!is_printable_code_point(0xD800));
        assert!(!is_printable_code_point(0x110000));
    }
}
