//! The `\N{name}` look-up of CPython 3.13 (`unicodedata`'s `_getcode` without named sequences),
//! over Unicode 15.1.0.
//!
//! CPython's rules, each checked against CPython 3.13.0:
//! - `HANGUL SYLLABLE ` and `CJK UNIFIED IDEOGRAPH-` names are computed, and their prefixes and
//!   the rest are matched case-sensitively (`\N{CJK UNIFIED IDEOGRAPH-4e00}` is unknown; four or
//!   five upper-case hex digits, so `-04E00` is fine);
//! - any other name is matched case-insensitively, against the character names and every name
//!   alias (`\N{BOM}`, `\N{LINE FEED}`), never loosely (`LATIN_SMALL LETTER A` is unknown);
//! - named sequences are refused.
//!
//! The character names come from `unicode_names2` (a newer Unicode than 15.1), filtered by
//! [`UNNAMED_IN_15_1`]; the aliases are CPython's own list ([`ALIASES`]).

use super::names_data::{ALIASES, UNNAMED_IN_15_1};

/// The code point named `name` (the bytes between `\N{` and `}`), if CPython 3.13 knows it.
pub(super) fn lookup(name: &[u8]) -> Option<u32> {
    if let Some(rest) = name.strip_prefix(b"HANGUL SYLLABLE ") {
        return hangul_syllable(rest);
    }
    if let Some(rest) = name.strip_prefix(b"CJK UNIFIED IDEOGRAPH-") {
        return unified_ideograph(rest);
    }
    // CPython's longest name buffer; no name comes near it.
    if name.is_empty() || name.len() > 256 || !name.is_ascii() {
        return None;
    }
    let upper = std::str::from_utf8(name).ok()?.to_ascii_uppercase();
    if let Ok(i) = ALIASES.binary_search_by(|&(alias, _)| alias.cmp(upper.as_str())) {
        return Some(ALIASES[i].1);
    }
    // `character` matches loosely (UAX44-LM2); CPython does not: check the exact name.
    let ch = unicode_names2::character(&upper)?;
    let cp = u32::from(ch);
    if is_hangul_syllable(cp) || is_unified_ideograph(cp) || is_unnamed_in_15_1(cp) {
        return None;
    }
    let canonical = unicode_names2::name(ch)?;
    (canonical.to_string() == upper).then_some(cp)
}

/// The jamo names of `Modules/unicodedata.c`: leading consonants, vowels, trailing consonants.
const CHOSEONG: [&str; 19] = [
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P",
    "H",
];
const JUNGSEONG: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE",
    "WI", "YU", "EU", "YI", "I",
];
const JONGSEONG: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M",
    "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];

/// The longest jamo name `rest` starts with: (index, length).
fn longest_jamo(rest: &[u8], table: &[&str]) -> Option<(u32, usize)> {
    let mut best: Option<(u32, usize)> = None;
    for (index, jamo) in (0u32..).zip(table) {
        if rest.starts_with(jamo.as_bytes()) && best.is_none_or(|(_, len)| jamo.len() > len) {
            best = Some((index, jamo.len()));
        }
    }
    best
}

fn hangul_syllable(rest: &[u8]) -> Option<u32> {
    let (l, len) = longest_jamo(rest, &CHOSEONG)?;
    let rest = &rest[len..];
    let (v, len) = longest_jamo(rest, &JUNGSEONG)?;
    let rest = &rest[len..];
    let (t, len) = longest_jamo(rest, &JONGSEONG)?;
    (len == rest.len()).then_some(0xAC00 + (l * 21 + v) * 28 + t)
}

fn is_hangul_syllable(cp: u32) -> bool {
    (0xAC00..=0xD7A3).contains(&cp)
}

fn unified_ideograph(hex: &[u8]) -> Option<u32> {
    if hex.len() != 4 && hex.len() != 5 {
        return None;
    }
    let mut cp = 0;
    for &digit in hex {
        let value = match digit {
            b'0'..=b'9' => digit - b'0',
            b'A'..=b'F' => digit - b'A' + 10,
            _ => return None,
        };
        cp = cp << 4 | u32::from(value);
    }
    is_unified_ideograph(cp).then_some(cp)
}

/// The CJK unified ideographs of Unicode 15.1 (from CPython 3.13.0's `unicodedata.name`).
fn is_unified_ideograph(cp: u32) -> bool {
    const RANGES: [(u32, u32); 10] = [
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0x20000, 0x2A6DF),
        (0x2A700, 0x2B739),
        (0x2B740, 0x2B81D),
        (0x2B820, 0x2CEA1),
        (0x2CEB0, 0x2EBE0),
        (0x2EBF0, 0x2EE5D),
        (0x30000, 0x3134A),
        (0x31350, 0x323AF),
    ];
    RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&cp))
}

fn is_unnamed_in_15_1(cp: u32) -> bool {
    let i = UNNAMED_IN_15_1.partition_point(|&(_, hi)| hi < cp);
    UNNAMED_IN_15_1.get(i).is_some_and(|&(lo, _)| lo <= cp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp(name: &str) -> Option<u32> {
        lookup(name.as_bytes())
    }

    // Expectations from CPython 3.13.0: `'\N{…}'` evaluated, or its SyntaxError.
    #[test]
    fn names_aliases_and_case() {
        assert_eq!(cp("LATIN SMALL LETTER A"), Some(0x61));
        assert_eq!(cp("latin small letter a"), Some(0x61));
        assert_eq!(cp("LATIN SMALL LETTER A "), None);
        assert_eq!(cp("LATIN_SMALL LETTER A"), None);
        assert_eq!(cp("LATINSMALLLETTERA"), None);
        assert_eq!(cp("BOM"), Some(0xFEFF));
        assert_eq!(cp("byte order mark"), Some(0xFEFF));
        assert_eq!(cp("LINE FEED"), Some(0x0A));
        assert_eq!(cp("LF"), Some(0x0A));
        assert_eq!(cp("NULL"), Some(0));
        assert_eq!(cp("NUL"), Some(0));
        assert_eq!(cp("SPACE"), Some(0x20));
        assert_eq!(cp("LATIN CAPITAL LETTER GHA"), Some(0x1A2));
        assert_eq!(cp("latin capital letter gha"), Some(0x1A2));
        // Aliases added after Unicode 15.1.
        assert_eq!(cp("CUNEIFORM SIGN KALAM"), None);
        // A named sequence.
        assert_eq!(cp("LATIN CAPITAL LETTER A WITH MACRON AND GRAVE"), None);
        assert_eq!(cp("CJK COMPATIBILITY IDEOGRAPH-F900"), Some(0xF900));
        assert_eq!(cp("cjk compatibility ideograph-f900"), Some(0xF900));
        // Egyptian hieroglyph extension (Unicode 16) and Tangut: unknown to CPython 3.13.
        assert_eq!(cp("EGYPTIAN HIEROGLYPH-13460"), None);
        assert_eq!(cp("TANGUT IDEOGRAPH-17000"), None);
        assert_eq!(cp(""), None);
        assert_eq!(cp("é"), None);
    }

    #[test]
    fn computed_names() {
        assert_eq!(cp("CJK UNIFIED IDEOGRAPH-4E00"), Some(0x4E00));
        assert_eq!(cp("CJK UNIFIED IDEOGRAPH-04E00"), Some(0x4E00));
        assert_eq!(cp("CJK UNIFIED IDEOGRAPH-4e00"), None);
        assert_eq!(cp("cjk unified ideograph-4E00"), None);
        assert_eq!(cp("CJK UNIFIED IDEOGRAPH-9FFF"), Some(0x9FFF));
        assert_eq!(cp("CJK UNIFIED IDEOGRAPH-323AF"), Some(0x323AF));
        // Extension J (Unicode 17) is not in 15.1.
        assert_eq!(cp("CJK UNIFIED IDEOGRAPH-323B0"), None);
        assert_eq!(cp("HANGUL SYLLABLE GA"), Some(0xAC00));
        assert_eq!(cp("HANGUL SYLLABLE A"), Some(0xC544));
        assert_eq!(cp("HANGUL SYLLABLE GAGS"), Some(0xAC03));
        assert_eq!(cp("HANGUL SYLLABLE "), None);
        assert_eq!(cp("hangul syllable GA"), None);
        assert_eq!(cp("HANGUL SYLLABLE ga"), None);
        // Every syllable by its own name.
        for code in 0xAC00..=0xD7A3 {
            let name = unicode_names2::name(char::from_u32(code).unwrap()).unwrap();
            assert_eq!(cp(&name.to_string()), Some(code));
        }
    }

    /// Every name CPython 3.13.0 gives, against this look-up. Needs a file of `HEX;NAME` lines
    /// for every named code point, as made by
    /// `python3.13 -c "import unicodedata as u; [print('%X;%s' % (c, u.name(chr(c)))) for c in
    /// range(0x110000) if u.name(chr(c), None)]"`, named by `TAIPAN_UNICODE_NAMES`.
    #[test]
    #[ignore = "needs a name list from CPython 3.13"]
    fn every_cpython_name() {
        let path = std::env::var("TAIPAN_UNICODE_NAMES").expect("TAIPAN_UNICODE_NAMES");
        let text = std::fs::read_to_string(path).expect("the name list");
        let mut named = std::collections::HashSet::new();
        for line in text.lines() {
            let (hex, name) = line.split_once(';').expect("HEX;NAME");
            let code = u32::from_str_radix(hex, 16).expect("hex");
            named.insert(code);
            assert_eq!(cp(name), Some(code), "{name}");
            if !name.starts_with("CJK UNIFIED") && !name.starts_with("HANGUL SYLLABLE") {
                assert_eq!(cp(&name.to_ascii_lowercase()), Some(code), "{name}");
            }
        }
        for code in 0..0x110000 {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            if let Some(name) = unicode_names2::name(ch)
                && !named.contains(&code)
            {
                assert_eq!(cp(&name.to_string()), None, "{name}");
            }
        }
    }
}
