//! Invariants of the token stream, checked on every fixture before any snapshot: ranges are in
//! bounds, on character boundaries and in order, and what lies between tokens is only what a
//! tokenizer may skip (blanks, backslash continuations, and the second brace of `{{`/`}}`).
//! Plus one insta snapshot of the parser stream, which has no CPython twin.

use std::path::{Path, PathBuf};

use taipan_lexer::source::{Errors, decode};
use taipan_lexer::{Lexer, Mode, TokenKind};

fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixtures dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"),
        &mut out,
    );
    out.sort();
    assert!(out.len() > 50, "fixtures found: {}", out.len());
    out
}

fn skippable_gap(gap: &str, previous: Option<TokenKind>) -> bool {
    let mut rest = gap;
    // `{{` and `}}` in f-strings: the second brace belongs to no token.
    if previous == Some(TokenKind::FStringMiddle) {
        rest = rest.strip_prefix(['{', '}']).unwrap_or(rest);
    }
    rest.replace("\\\r\n", "")
        .replace("\\\n", "")
        .chars()
        .all(|c| matches!(c, ' ' | '\t' | '\x0c'))
}

#[test]
fn token_ranges_are_ordered_in_bounds_and_cover_the_source() {
    for path in fixtures() {
        let bytes = std::fs::read(&path).expect("readable");
        let Ok(decoded) = decode(&bytes, None, Errors::Replace) else {
            continue;
        };
        for mode in [Mode::Parser, Mode::Tokenize] {
            let mut lexer = Lexer::new(&decoded.text, mode);
            let mut tokens = Vec::new();
            for token in lexer.by_ref() {
                match token {
                    Ok(token) => tokens.push(token),
                    Err(_) => break,
                }
            }
            let text = lexer.text();
            let mut cursor = 0usize;
            let mut previous = None;
            for token in &tokens {
                let (start, end) = (token.start as usize, token.end as usize);
                assert!(
                    start <= end && end <= text.len(),
                    "{}: {token:?} out of bounds",
                    path.display()
                );
                assert!(
                    text.get(start..end).is_some(),
                    "{}: {token:?} splits a character",
                    path.display()
                );
                if matches!(
                    token.kind,
                    TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker
                ) {
                    continue;
                }
                assert!(
                    start >= cursor,
                    "{}: {token:?} starts before the previous token ends",
                    path.display()
                );
                let gap = &text[cursor..start];
                // Parser mode drops comments and NL; tokenize mode must account for every byte.
                if mode == Mode::Tokenize {
                    assert!(
                        skippable_gap(gap, previous),
                        "{}: unexpected gap {gap:?} before {token:?}",
                        path.display()
                    );
                }
                cursor = end;
                previous = Some(token.kind);
            }
        }
    }
}

#[test]
fn parser_stream_snapshot() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/hello.py"),
    )
    .unwrap();
    let mut lexer = Lexer::new(&source, Mode::Parser);
    let mut lines = Vec::new();
    for token in lexer.by_ref() {
        let token = token.expect("the example lexes");
        if token.kind.is_trivia() {
            continue;
        }
        lines.push(format!(
            "{:>4}..{:<4} {:<14} {:?}",
            token.start,
            token.end,
            token.kind.name(),
            &source[token.range().start..token.range().end.min(source.len())]
        ));
    }
    insta::assert_snapshot!(lines.join("\n"));
}
