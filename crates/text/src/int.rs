//! `repr()` of an `int` too large for a machine word.

/// The decimal digits of a non-negative integer given as little-endian 32-bit limbs (the least
/// significant limb first). Trailing zero limbs are allowed; no limbs is zero.
pub fn limbs_repr(limbs: &[u32]) -> String {
    let mut out = String::new();
    push_limbs_repr(&mut out, limbs);
    out
}

/// [`limbs_repr`], appended to `out`.
pub fn push_limbs_repr(out: &mut String, limbs: &[u32]) {
    const CHUNK: u64 = 1_000_000_000;
    let mut number: Vec<u32> = limbs.to_vec();
    while number.last() == Some(&0) {
        number.pop();
    }
    // Divide by 10^9 until nothing is left: each remainder is nine more digits, lowest first.
    let mut chunks: Vec<u32> = Vec::new();
    while !number.is_empty() {
        let mut remainder: u64 = 0;
        for limb in number.iter_mut().rev() {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / CHUNK) as u32;
            remainder = current % CHUNK;
        }
        chunks.push(remainder as u32);
        while number.last() == Some(&0) {
            number.pop();
        }
    }
    match chunks.split_last() {
        None => out.push('0'),
        Some((highest, rest)) => {
            out.push_str(&highest.to_string());
            for chunk in rest.iter().rev() {
                out.push_str(&format!("{chunk:09}"));
            }
        }
    }
}
