//! Unicode facts CPython's messages depend on.

use unicode_general_category::{GeneralCategory, get_general_category};

/// CPython's `Py_UNICODE_ISPRINTABLE` (`str.isprintable` of one character): everything but
/// the "Other" (Cc, Cf, Cs, Co, Cn) and "Separator" (Zl, Zp, Zs) categories, except the space.
/// It decides whether `repr()` escapes a character and how some errors name it.
pub(crate) fn is_printable(ch: char) -> bool {
    if ch == ' ' {
        return true;
    }
    !matches!(
        get_general_category(ch),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::Surrogate
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::SpaceSeparator
    )
}
