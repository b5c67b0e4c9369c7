//! `repr()` of `float` and `complex`.
//!
//! CPython's `repr(float)` is the shortest decimal string that reads back to the same double
//! (`float_repr_style == 'short'`). Rust's `{:e}` produces the same digits (the shortest, and of
//! those the closest to the exact value); what remains is CPython's layout of them.

/// Python's `repr()` of a `float`: `1.0`, `0.1`, `1e+16`, `1e-05`, `-0.0`, `inf`, `nan`.
pub fn float_repr(value: f64) -> String {
    let mut out = String::new();
    push_float_repr(&mut out, value);
    out
}

/// [`float_repr`], appended to `out`.
pub fn push_float_repr(out: &mut String, value: f64) {
    push_short(out, value, true, false);
}

/// Python's `repr()` of a `complex`: `2.5j` when the real part is `+0.0`, otherwise both parts
/// in parentheses, `(1-2j)`, `(-0+1j)`. Neither part gets a `.0`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let mut out = String::new();
    push_complex_repr(&mut out, real, imag);
    out
}

/// [`complex_repr`], appended to `out`.
pub fn push_complex_repr(out: &mut String, real: f64, imag: f64) {
    if real == 0.0 && real.is_sign_positive() {
        push_short(out, imag, false, false);
        out.push('j');
    } else {
        out.push('(');
        push_short(out, real, false, false);
        push_short(out, imag, false, true);
        out.push_str("j)");
    }
}

/// CPython's `'r'` float formatting: shortest digits; fixed notation when the decimal exponent
/// is in `-4..16`, else `d.ddde±XX` (at least two exponent digits). `dot_zero` appends `.0` to a
/// fixed-notation integer (`repr(float)` does, `repr(complex)` does not); `plus` writes `+` before
/// a value without a minus sign (the imaginary part of a parenthesised complex). A NaN never
/// gets a minus sign.
fn push_short(out: &mut String, value: f64, dot_zero: bool, plus: bool) {
    if value.is_nan() {
        if plus {
            out.push('+');
        }
        out.push_str("nan");
        return;
    }
    if value.is_sign_negative() {
        out.push('-');
    } else if plus {
        out.push('+');
    }
    if value.is_infinite() {
        out.push_str("inf");
        return;
    }
    // `{:e}` gives `d[.ddd]e[-]X`: the shortest round-tripping digits and the exponent.
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific
        .split_once('e')
        .expect("`{:e}` always writes an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}` writes a decimal exponent");
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let (digits, exponent) = round_half_even(value.abs(), digits, exponent);
    let ndigits = digits.len() as i32;
    if (-4..16).contains(&exponent) {
        // The decimal point goes after `point` digits (`point <= 0`: before leading zeros).
        let point = exponent + 1;
        if point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.push_str(&digits);
        } else if point >= ndigits {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', (point - ndigits) as usize));
            if dot_zero {
                out.push_str(".0");
            }
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if ndigits > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exponent < 0 { '-' } else { '+' });
        let magnitude = exponent.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
    }
}

/// Settles a tie the way CPython's `dtoa` does. When the value lies exactly halfway between two
/// shortest candidates (`1223383794756801.25`: `…801.2` or `…801.3`), Rust's formatter rounds
/// the half up and CPython rounds it to the even digit. A tie needs the exact value to have one
/// digit more than the shortest form, ending in 5, and the shortest form to need at least 16
/// digits (a double's spacing is below 1 unit of the 16th digit otherwise); subnormals never tie,
/// as their exact expansions are hundreds of digits long.
fn round_half_even(value: f64, digits: String, exponent: i32) -> (String, i32) {
    if digits.len() < 16 {
        return (digits, exponent);
    }
    // Every double's exact decimal expansion has at most 767 significant digits.
    let exact = format!("{value:.780e}");
    let (mantissa, exact_exponent) = exact.split_once('e').expect("`{:e}` writes an exponent");
    let exact_exponent: i32 = exact_exponent.parse().expect("a decimal exponent");
    let exact_digits: Vec<u8> = mantissa.bytes().filter(|&b| b != b'.').collect();
    let significant = exact_digits.len()
        - exact_digits
            .iter()
            .rev()
            .take_while(|&&b| b == b'0')
            .count();
    if significant != digits.len() + 1 || exact_digits[significant - 1] != b'5' {
        return (digits, exponent);
    }
    // The two neighbours: the digits before the 5, and one unit of their last digit more.
    let mut even = exact_digits[..significant - 1].to_vec();
    let mut even_exponent = exact_exponent;
    if even.last().is_some_and(|&d| (d - b'0') % 2 == 1) {
        let mut i = even.len();
        loop {
            if i == 0 {
                even.insert(0, b'1');
                even_exponent += 1;
                break;
            }
            i -= 1;
            if even[i] == b'9' {
                even[i] = b'0';
            } else {
                even[i] += 1;
                break;
            }
        }
    }
    let candidate = String::from_utf8(even).expect("ASCII digits");
    let candidate = candidate.trim_end_matches('0');
    let exact_exponent = even_exponent;
    // Keep Rust's digits unless the even candidate reads back as the same double.
    let text = format!("0.{candidate}e{}", exact_exponent + 1);
    if text.parse::<f64>() == Ok(value) && !candidate.is_empty() {
        (candidate.to_string(), exact_exponent)
    } else {
        (digits, exponent)
    }
}
