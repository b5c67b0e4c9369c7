//! Every code point, through every probe of `tools/gen_unicode_goldens.py`, against CPython
//! 3.13.0's answers: `tests/data/unicode_hashes.txt` holds an FNV-1a hash of the answers of
//! each probe over each plane.

use taipan_text::unicode::*;

const HASHES: &str = include_str!("data/unicode_hashes.txt");

const SIGMA: u32 = 0x3A3;
const A: u32 = b'A' as u32;
const SMALL_A: u32 = b'a' as u32;

struct Fnv(u64);

impl Fnv {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100000001B3);
        }
    }
}

/// The encoding of the generator's `enc_str_bytes`.
fn push_string(out: &mut Vec<u8>, text: &[u32]) {
    for cp in text {
        out.extend_from_slice(&cp.to_le_bytes());
    }
    out.extend_from_slice(&[0xFF; 4]);
}

fn push_bool(out: &mut Vec<u8>, value: bool) {
    out.push(u8::from(value));
}

fn push_opt_small(out: &mut Vec<u8>, value: Option<u32>) {
    out.push(value.map_or(0xFF, |v| v as u8));
}

/// The probe `name`'s answer for code point `cp`, encoded as the generator does.
fn answer(name: &str, cp: u32, out: &mut Vec<u8>) {
    let mut mapped = Vec::<u32>::new();
    match name {
        "upper" => upper([cp], &mut mapped),
        "lower" => lower([cp], &mut mapped),
        "casefold" => casefold([cp], &mut mapped),
        "title" => title([cp], &mut mapped),
        "capitalize" => capitalize([cp], &mut mapped),
        "swapcase" => swapcase([cp], &mut mapped),
        "title_then_a" => title([cp, SMALL_A, u32::from(b'B')], &mut mapped),
        "lower_sigma_after" => lower([A, cp, SIGMA], &mut mapped),
        "lower_sigma_before" => lower([A, SIGMA, cp], &mut mapped),
        "swapcase_sigma_before" => swapcase([SMALL_A, SIGMA, cp], &mut mapped),
        "capitalize_sigma_between" => capitalize([u32::from(b'x'), A, cp, SIGMA], &mut mapped),
        "isalpha" => return push_bool(out, isalpha([cp])),
        "isalnum" => return push_bool(out, isalnum([cp])),
        "isdecimal" => return push_bool(out, isdecimal([cp])),
        "isdigit" => return push_bool(out, isdigit([cp])),
        "isnumeric" => return push_bool(out, isnumeric([cp])),
        "isspace" => return push_bool(out, isspace([cp])),
        "islower" => return push_bool(out, islower([cp])),
        "isupper" => return push_bool(out, isupper([cp])),
        "istitle" => return push_bool(out, istitle([cp])),
        "islower_then_a" => return push_bool(out, islower([cp, SMALL_A])),
        "isupper_then_A" => return push_bool(out, isupper([cp, A])),
        "istitle_after_A" => return push_bool(out, istitle([A, cp])),
        "istitle_then_a" => return push_bool(out, istitle([cp, SMALL_A])),
        "isidentifier" => return push_bool(out, isidentifier([cp])),
        "isidentifier_after_a" => return push_bool(out, isidentifier([SMALL_A, cp])),
        "isprintable" => return push_bool(out, isprintable([cp])),
        "decimal" => return push_opt_small(out, decimal_value(cp)),
        "digit" => return push_opt_small(out, digit_value(cp)),
        "numeric" => {
            let bytes = numeric_value(cp).map_or([0xFF; 8], f64::to_le_bytes);
            return out.extend_from_slice(&bytes);
        }
        "split_count" => {
            let text = [SMALL_A, cp, u32::from(b'b')];
            let pieces = split_whitespace(locate_code_points(&text), usize::MAX);
            return out.push(pieces.len() as u8);
        }
        "splitlines_count" => {
            let text = [SMALL_A, cp, u32::from(b'b')];
            return out.push(splitlines(locate_code_points(&text), false).len() as u8);
        }
        "strip_len" => {
            let text = [cp, SMALL_A, cp];
            let kept = strip_whitespace(locate_code_points(&text), StripSide::Both);
            return out.push(kept.len() as u8);
        }
        _ => panic!("unknown probe {name}"),
    }
    push_string(out, &mapped);
}

#[test]
fn every_code_point_answers_as_cpython() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut buffer = Vec::new();
    for line in HASHES.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split(' ').collect();
        let [name, plane, expected] = fields[..] else {
            panic!("bad line {line:?}");
        };
        let plane: u32 = plane.parse().unwrap();
        let expected = u64::from_str_radix(expected, 16).unwrap();
        let mut hash = Fnv(0xCBF29CE484222325);
        for cp in plane << 16..(plane + 1) << 16 {
            buffer.clear();
            answer(name, cp, &mut buffer);
            hash.feed(&buffer);
        }
        if hash.0 != expected {
            failures.push(format!("{name} in plane {plane}"));
        }
        checked += 1;
    }
    assert_eq!(checked, 33 * 17);
    assert!(failures.is_empty(), "differ from CPython: {failures:#?}");
}
