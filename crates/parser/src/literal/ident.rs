//! Identifiers: CPython normalises a non-ASCII name to NFKC (PEP 3131), so `ﬁ` is the name `fi`.

use bumpalo::Bump;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The identifier CPython 3.13 makes of a NAME token's text (`_PyPegen_new_identifier`): the
/// text itself when it is ASCII or already in NFKC (borrowed), else its NFKC form, in `arena`.
///
/// CPython checks nothing after normalising: the result need not be an identifier (`ℌ` is `H`,
/// and a name that normalises to a keyword stays a name).
pub fn normalize_identifier<'a>(name: &'a str, arena: &'a Bump) -> &'a str {
    if name.is_ascii() || is_nfkc_quick(name.chars()) == IsNormalized::Yes {
        return name;
    }
    let normalized: String = name.nfkc().collect();
    if normalized == name {
        name
    } else {
        arena.alloc_str(&normalized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expectations from CPython 3.13.0: `ast.parse(f'{name} = 1').body[0].targets[0].id`.
    #[test]
    fn nfkc() {
        let arena = Bump::new();
        let cases = [
            ("x", "x"),
            ("_private", "_private"),
            ("café", "café"),
            // "cafe" + U+0301 COMBINING ACUTE ACCENT composes.
            ("cafe\u{301}", "café"),
            ("ﬁ", "fi"),
            ("ℌ", "H"),
            ("𝐢𝐟", "if"),
            ("ｘ", "x"),
            ("Ⅸ", "IX"),
            ("µ", "μ"),
            ("ſ", "s"),
            ("ª", "a"),
            ("한국어", "한국어"),
            // Hangul jamo compose into a syllable.
            ("\u{1100}\u{1161}", "가"),
            ("ǅ", "Dž"),
        ];
        for (name, id) in cases {
            assert_eq!(normalize_identifier(name, &arena), id, "{name:?}");
        }
        let ascii = "plain";
        assert!(std::ptr::eq(normalize_identifier(ascii, &arena), ascii));
        let nfkc = "café";
        assert!(std::ptr::eq(normalize_identifier(nfkc, &arena), nfkc));
    }
}
