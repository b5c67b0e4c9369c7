//! The `str` method algorithms of `taipan_text::unicode` on tricky and random strings, against
//! CPython 3.13.0's answers in `tests/data/unicode_cases.txt` (written by
//! `tools/gen_unicode_goldens.py`).

use std::ops::Range;
use taipan_text::unicode::*;
use taipan_text::{PyStr, PyString};

const CASES: &str = include_str!("data/unicode_cases.txt");

fn parse_string(field: &str) -> Vec<u32> {
    if field.is_empty() {
        return Vec::new();
    }
    field
        .split('.')
        .map(|hex| u32::from_str_radix(hex, 16).unwrap())
        .collect()
}

fn show_string(text: &[u32]) -> String {
    text.iter()
        .map(|cp| format!("{cp:X}"))
        .collect::<Vec<_>>()
        .join(".")
}

fn show_list(text: &[u32], pieces: &[Range<usize>]) -> String {
    let mut out = pieces.len().to_string();
    for piece in pieces {
        out.push('/');
        out.push_str(&show_string(&text[piece.clone()]));
    }
    out
}

/// Python's maxsplit or width argument: negative means "no limit" / "no padding".
fn count_argument(arg: &str, negative: usize) -> usize {
    let value: i64 = arg.parse().unwrap();
    usize::try_from(value).unwrap_or(negative)
}

fn predicates(text: &[u32]) -> String {
    let answers = [
        isalpha(text.iter().copied()),
        isalnum(text.iter().copied()),
        isdecimal(text.iter().copied()),
        isdigit(text.iter().copied()),
        isnumeric(text.iter().copied()),
        isspace(text.iter().copied()),
        islower(text.iter().copied()),
        isupper(text.iter().copied()),
        istitle(text.iter().copied()),
        isidentifier(text.iter().copied()),
        isprintable(text.iter().copied()),
    ];
    answers
        .iter()
        .map(|&b| if b { "True" } else { "False" })
        .collect::<Vec<_>>()
        .join(",")
}

/// `int(text)` by [`decimal_and_space_to_ascii`] and then a plain reading of ASCII (C
/// whitespace around, a sign, decimal digits), as CPython's `int()` of a `str` goes.
fn int_of(text: &[u32]) -> String {
    let mut ascii = String::new();
    decimal_and_space_to_ascii(text.iter().copied(), &mut ascii);
    let trimmed = ascii.trim_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let digits = trimmed.trim_start_matches(['+', '-']);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || trimmed.len() > digits.len() + 1
    {
        return "error".to_owned();
    }
    match trimmed.parse::<i128>() {
        Ok(value) => value.to_string(),
        Err(_) => "error".to_owned(),
    }
}

/// Our answer to one line of the golden, in the golden's notation.
fn run(method: &str, arg: &str, text: &[u32]) -> String {
    let cps = || text.iter().copied();
    let mut out = Vec::<u32>::new();
    match method {
        "upper" => upper(cps(), &mut out),
        "lower" => lower(cps(), &mut out),
        "casefold" => casefold(cps(), &mut out),
        "title" => title(cps(), &mut out),
        "capitalize" => capitalize(cps(), &mut out),
        "swapcase" => swapcase(cps(), &mut out),
        "predicates" => return predicates(text),
        "split" => {
            let maxsplit = count_argument(arg, usize::MAX);
            return show_list(text, &split_whitespace(locate_code_points(text), maxsplit));
        }
        "rsplit" => {
            let maxsplit = count_argument(arg, usize::MAX);
            return show_list(text, &rsplit_whitespace(locate_code_points(text), maxsplit));
        }
        "splitlines" => {
            let keepends = arg == "True";
            return show_list(text, &splitlines(locate_code_points(text), keepends));
        }
        "strip" | "lstrip" | "rstrip" => {
            let side = match method {
                "strip" => StripSide::Both,
                "lstrip" => StripSide::Left,
                _ => StripSide::Right,
            };
            let kept = strip_whitespace(locate_code_points(text), side);
            return show_string(&text[kept]);
        }
        "expandtabs" => {
            let tabsize: i32 = arg.parse().unwrap();
            expandtabs(cps(), tabsize, &mut out);
            assert_eq!(expandtabs_len(cps(), tabsize), Some(out.len()));
        }
        "zfill" => zfill(cps(), text.len(), count_argument(arg, 0), &mut out),
        "center" => {
            let padding = center_padding(text.len(), count_argument(arg, 0));
            pad(cps(), padding, u32::from(b'*'), &mut out);
        }
        "ljust" => {
            let padding = ljust_padding(text.len(), count_argument(arg, 0));
            pad(cps(), padding, 0xE9, &mut out);
        }
        "rjust" => {
            let padding = rjust_padding(text.len(), count_argument(arg, 0));
            pad(cps(), padding, u32::from(b' '), &mut out);
        }
        "int" => return int_of(text),
        _ => panic!("unknown method {method}"),
    }
    show_string(&out)
}

/// The `&str` forms on the same lines, where the input has no surrogate.
fn run_str(method: &str, arg: &str, text: &str) -> Option<String> {
    let to_cps = |s: &str| s.chars().map(u32::from).collect::<Vec<_>>();
    let show_pieces = |pieces: Vec<&str>| {
        let mut out = pieces.len().to_string();
        for piece in pieces {
            out.push('/');
            out.push_str(&show_string(&to_cps(piece)));
        }
        out
    };
    let result = match method {
        "upper" => upper_str(text),
        "lower" => lower_str(text),
        "casefold" => casefold_str(text),
        "title" => title_str(text),
        "capitalize" => capitalize_str(text),
        "swapcase" => swapcase_str(text),
        "split" => {
            return Some(show_pieces(split_whitespace_str(
                text,
                count_argument(arg, usize::MAX),
            )));
        }
        "rsplit" => {
            return Some(show_pieces(rsplit_whitespace_str(
                text,
                count_argument(arg, usize::MAX),
            )));
        }
        "splitlines" => return Some(show_pieces(splitlines_str(text, arg == "True"))),
        "strip" => strip_whitespace_str(text, StripSide::Both).to_owned(),
        "lstrip" => strip_whitespace_str(text, StripSide::Left).to_owned(),
        "rstrip" => strip_whitespace_str(text, StripSide::Right).to_owned(),
        _ => return None,
    };
    Some(show_string(&to_cps(&result)))
}

/// The splitting methods on the surrogatepass UTF-8 of the input (lone surrogates included),
/// located by [`locate_surrogatepass`].
fn run_surrogatepass(method: &str, arg: &str, text: &[u32]) -> Option<String> {
    let bytes = PyString::from_code_points(text.iter().copied());
    let bytes = bytes.as_bytes();
    let piece = |range: Range<usize>| -> Vec<u32> {
        let slice = bytes.get(range).expect("a range of the text");
        let piece = PyStr::from_surrogatepass(slice).expect("whole code points");
        piece.code_points().collect()
    };
    let show_pieces = |ranges: Vec<Range<usize>>| {
        let mut out = ranges.len().to_string();
        for range in ranges {
            out.push('/');
            out.push_str(&show_string(&piece(range)));
        }
        out
    };
    let located = || locate_surrogatepass(bytes);
    Some(match method {
        "split" => show_pieces(split_whitespace(located(), count_argument(arg, usize::MAX))),
        "rsplit" => show_pieces(rsplit_whitespace(
            located(),
            count_argument(arg, usize::MAX),
        )),
        "splitlines" => show_pieces(splitlines(located(), arg == "True")),
        "strip" => show_string(&piece(strip_whitespace(located(), StripSide::Both))),
        "lstrip" => show_string(&piece(strip_whitespace(located(), StripSide::Left))),
        "rstrip" => show_string(&piece(strip_whitespace(located(), StripSide::Right))),
        _ => return None,
    })
}

#[test]
fn str_methods_answer_as_cpython() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in CASES.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [method, arg, input, expected] = fields[..] else {
            panic!("bad line {line:?}");
        };
        let text = parse_string(input);
        let got = run(method, arg, &text);
        if got != expected {
            failures.push(format!(
                "{method}({arg}) of {input}: got {got}, CPython {expected}"
            ));
        }
        let as_str: Option<String> = text.iter().map(|&cp| char::from_u32(cp)).collect();
        if let Some(as_str) = as_str
            && let Some(got) = run_str(method, arg, &as_str)
            && got != expected
        {
            failures.push(format!(
                "{method}_str({arg}) of {input}: got {got}, CPython {expected}"
            ));
        }
        if let Some(got) = run_surrogatepass(method, arg, &text)
            && got != expected
        {
            failures.push(format!(
                "{method} of surrogatepass({arg}) of {input}: got {got}, CPython {expected}"
            ));
        }
        checked += 1;
    }
    assert!(checked > 8000);
    assert!(
        failures.is_empty(),
        "{} differ from CPython: {failures:#?}",
        failures.len()
    );
}
