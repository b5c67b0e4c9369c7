//! Arbitrary input never panics: random specs, number texts and values through every entry
//! point (results unchecked; the oracle tables check them).

use num_bigint::BigInt;
use taipan_text::*;

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Up to `max_len` characters from `alphabet`; digit runs stay short so widths stay small.
    fn text(&mut self, alphabet: &[char], max_len: usize) -> String {
        let len = self.below(max_len + 1);
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

const SPEC_CHARS: &[char] = &[
    '<', '>', '=', '^', '+', '-', ' ', 'z', '#', '0', '1', '9', ',', '_', '.', 'b', 'c', 'd', 'e',
    'E', 'f', 'F', 'g', 'G', 'n', 'o', 's', 'x', 'X', '%', 'é', '٣', '\u{0}',
];
const NUMBER_CHARS: &[char] = &[
    '0', '1', '7', '9', 'a', 'f', 'x', 'o', 'b', 'p', 'P', 'e', 'E', '.', '_', '+', '-', ' ', 'i',
    'n', 'N', 'F', '٣', '\u{a0}', '\u{2028}', '\u{1c}', '\u{0}', 'j', '(', ')',
];
const PERCENT_CHARS: &[char] = &[
    '%', '(', ')', 'a', '-', '+', ' ', '#', '0', '5', '.', '*', 'h', 'l', 'd', 'x', 'f', 'g', 's',
    'r', 'c', '€',
];

#[test]
fn random_inputs_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let values = [
        BigInt::from(0),
        BigInt::from(-1),
        BigInt::from(0x10FFFF),
        BigInt::from(i64::MIN),
        BigInt::from(10).pow(400),
        -BigInt::from(7).pow(2000),
    ];
    for round in 0..40_000 {
        // Digit runs are cut to 4 so no spec asks for a gigantic width or precision.
        let mut spec = rng.text(SPEC_CHARS, 8);
        while spec.chars().filter(char::is_ascii_digit).count() > 4 {
            spec.pop();
        }
        let x = if round % 3 == 0 {
            f64::from_bits(rng.next())
        } else {
            (rng.next() as i64 as f64) / 1e6
        };
        let int = &values[rng.below(values.len())];
        let _ = format_int(int, &spec, "int", 4300);
        let _ = format_int(rng.next() as i64, &spec, "int", 4300);
        let _ = format_float(x, &spec, "float");
        let _ = format_complex(x, -x, &spec, "complex");
        let _ = format_str("ab\u{e9}", &spec, "str");
        let number = rng.text(NUMBER_CHARS, 12);
        let _ = parse_float(&number);
        let _ = parse_complex(&number);
        let _ = parse_float_bytes(number.as_bytes());
        let _ = parse_int_bytes(number.as_bytes(), 0, 4300);
        let _ = parse_int(&number, [0, 2, 10, 16, 36, 1, 37][rng.below(7)], 4300);
        let _ = float_fromhex(&number);
        let _ = round_float(x, rng.below(700) as i64 - 350);
        let _ = float_hex(x);
        let _ = float_to_int(x);
        let _ = int_to_f64(int);
        let format: Vec<char> = rng.text(PERCENT_CHARS, 8).chars().collect();
        if let Some(start) = format.iter().position(|&c| c == '%')
            && let Ok((spec, _)) = parse_percent_spec(&format, start + 1)
        {
            let _ = spec.unsupported();
            let width = rng.below(30);
            let precision = Some(rng.below(30));
            let _ = percent_int(int, 'x', spec.flags, width, precision, 4300);
            let _ = percent_float(x, 'g', spec.flags, width, precision);
            let _ = percent_text("abc", spec.flags, width, precision);
        }
    }
}

#[test]
fn long_digit_runs_only_parse() {
    // Parsing alone allocates nothing sized by the numbers, so any digit run is fine.
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..20_000 {
        let digits: String = (0..rng.below(30))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        let more: String = (0..rng.below(30))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        let _ = FormatSpec::parse(&format!("{digits}.{more}f"), "float");
        let format: Vec<char> = format!("%{digits}.{more}d").chars().collect();
        let _ = parse_percent_spec(&format, 1);
        let _ = int_to_str(&BigInt::from(10).pow(50), rng.next() as usize);
    }
}

#[test]
fn huge_sizes_are_refused_not_allocated() {
    // CPython raises MemoryError for these (or builds gigabytes); we refuse up front.
    let huge = "9999999999999";
    assert_eq!(
        format_float(1.0, huge, "float").unwrap_err().kind,
        ExceptionKind::MemoryError
    );
    assert_eq!(
        format_int(1, &format!("0{huge}_x"), "int", 4300)
            .unwrap_err()
            .kind,
        ExceptionKind::MemoryError
    );
    let flags = PercentFlags::default();
    assert!(percent_float(1.0, 'f', flags, usize::MAX, None).is_err());
    assert!(percent_int(1, 'd', flags, 0, Some(usize::MAX), 0).is_err());
    assert!(float_to_string(1.0, 'f', usize::MAX, FloatFlags::default()).is_err());
}
