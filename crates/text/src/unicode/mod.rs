//! The Unicode algorithms behind Python 3.13's `str` methods, exactly as CPython 3.13.0 gives
//! them with its Unicode 15.1 database: case mappings (full ones, final sigma included),
//! character classification and numeric values, and the string algorithms with Python's own
//! rules (whitespace splitting, line boundaries, tab expansion, padding).
//!
//! **For:** the VM's `str` methods and its `int()`/`float()` reading of Unicode digits
//! ([`decimal_and_space_to_ascii`]). The functions are plain algorithms over code points; a
//! Python `str` may hold lone surrogates, so they take code points as `u32` (a surrogate has
//! no properties and maps to itself) and write into any [`CodePointSink`]; most also have a
//! `&str` form with an ASCII fast path.
//! **Not for:** method argument handling and errors (the VM's), `str.translate` or
//! `str.format`, Unicode normalisation or names.
//!
//! The data is generated from CPython 3.13.0 itself by `tools/gen_unicode_tables.py` (every
//! code point asked through `str` methods and `unicodedata`), so it cannot drift from the
//! oracle; `tests/unicode_*.rs` check every code point again against oracle goldens.
//!
//! ```
//! use taipan_text::unicode::*;
//!
//! assert_eq!(upper_str("straße"), "STRASSE");
//! assert_eq!(lower_str("ΟΔΟΣ ΟΔΟΣ"), "οδος οδος");
//! assert_eq!(title_str("ǆemal ﬁsh they're"), "ǅemal Fish They'Re");
//! assert_eq!(capitalize_str("ǆA"), "ǅa");
//! let mut lowered = Vec::<u32>::new();
//! lower([0x130, 0xD800], &mut lowered); // 'İ' and a lone surrogate
//! assert_eq!(lowered, [0x69, 0x307, 0xD800]);
//! assert!(isidentifier("_ℌ1".chars().map(u32::from)));
//! assert_eq!(decimal_value(0x663), Some(3)); // '٣'
//! assert_eq!(split_whitespace_str(" a\x1cb\u{85}c ", 1), ["a", "b\u{85}c "]);
//! assert_eq!(splitlines_str("a\r\nb\x0bc", true), ["a\r\n", "b\x0b", "c"]);
//! ```

mod casing;
mod classify;
#[rustfmt::skip]
mod index_tables;
mod locate;
mod numeric_text;
mod pad;
mod record;
#[rustfmt::skip]
mod record_tables;
mod sink;
mod split;

pub use casing::{
    ascii_capitalize, ascii_swapcase, ascii_title, capitalize, capitalize_str, casefold,
    casefold_str, lower, lower_str, swapcase, swapcase_str, title, title_str, upper, upper_str,
};
pub use classify::{
    decimal_value, digit_value, is_linebreak, is_space, isalnum, isalpha, isdecimal, isdigit,
    isidentifier, islower, isnumeric, isprintable, isspace, istitle, isupper, numeric_value,
};
pub use locate::{Located, locate_ascii, locate_code_points, locate_str, locate_surrogatepass};
pub use numeric_text::decimal_and_space_to_ascii;
pub use pad::{
    center_padding, expandtabs, expandtabs_len, ljust_padding, pad, rjust_padding, zfill,
};
pub use record::{CaseMapping, CharProps, props};
pub use sink::CodePointSink;
pub use split::{
    StripSide, rsplit_whitespace, rsplit_whitespace_str, split_whitespace, split_whitespace_str,
    splitlines, splitlines_str, strip_matching, strip_whitespace, strip_whitespace_str,
};
