//! `l`: an int of any size as 15-bit digits (CPython's `PyLong_MARSHAL_SHIFT`), whatever the
//! interpreter's own digit size. Reading checks what CPython's `r_PyLong` checks; writing gives
//! the digits `w_PyLong` gives.

use taipan_bytecode::Int;

use super::error::ErrorKind;

const SHIFT: u32 = 15;
const MASK: u32 = (1 << SHIFT) - 1;

/// The int whose `count` digits start `digits` (which may hold fewer bytes than `2 * count`:
/// then the data is too short). On error, the kind and its offset within `digits`.
///
/// As CPython, digits are checked in order: a digit of 2**15 or more is `digit out of range in
/// long`, a last digit of 0 `unnormalized long data`, and running out of data `marshal data too
/// short` where the first missing digit would start.
pub(crate) fn read_digits(
    digits: &[u8],
    count: usize,
    negative: bool,
) -> Result<Int, (usize, ErrorKind)> {
    let available = count.min(digits.len() / 2);
    let mut limbs = Vec::with_capacity(available * SHIFT as usize / 32 + 1);
    let (mut acc, mut bits) = (0u64, 0u32);
    for i in 0..available {
        let digit = u32::from(u16::from_le_bytes([digits[2 * i], digits[2 * i + 1]]));
        if digit > MASK {
            return Err((2 * i, ErrorKind::LongDigit));
        }
        if digit == 0 && i + 1 == count {
            return Err((2 * i, ErrorKind::LongUnnormalized));
        }
        acc |= u64::from(digit) << bits;
        bits += SHIFT;
        if bits >= 32 {
            limbs.push(acc as u32);
            acc >>= 32;
            bits -= 32;
        }
    }
    if available < count {
        return Err((2 * available, ErrorKind::TooShort));
    }
    if bits > 0 {
        limbs.push(acc as u32);
    }
    Ok(Int::from_limbs(negative, &limbs))
}

/// The 15-bit digits of `|value|`, least significant first, without high zero digits (none for
/// zero), and whether `value` is negative.
pub(crate) fn to_digits(value: &Int) -> (bool, Vec<u16>) {
    let (negative, limbs) = value.to_limbs();
    let mut digits = Vec::with_capacity(limbs.len() * 32 / SHIFT as usize + 1);
    let (mut acc, mut bits) = (0u64, 0u32);
    for limb in limbs {
        acc |= u64::from(limb) << bits;
        bits += 32;
        while bits >= SHIFT {
            digits.push((acc as u32 & MASK) as u16);
            acc >>= SHIFT;
            bits -= SHIFT;
        }
    }
    if bits > 0 {
        digits.push((acc as u32 & MASK) as u16);
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (negative, digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(digits: &[u16]) -> Vec<u8> {
        digits.iter().flat_map(|d| d.to_le_bytes()).collect()
    }

    #[test]
    fn round_trip() {
        for value in [
            Int::Small(0),
            Int::Small(1 << 31),
            Int::Small(-(1 << 40) - 12345),
            Int::Small(i64::MIN),
            Int::Small(i64::MAX),
            Int::from_limbs(false, &[0, 0, 1]),
            Int::from_limbs(true, &[7, 0xFFFF_FFFF, 0xFFFF_FFFF, 3]),
        ] {
            let (negative, digits) = to_digits(&value);
            let read = read_digits(&bytes(&digits), digits.len(), negative).unwrap();
            assert_eq!(read, value);
        }
    }

    #[test]
    fn checks() {
        // 2**30 is digits [0, 0, 1].
        assert_eq!(to_digits(&Int::Small(1 << 30)), (false, vec![0, 0, 1]));
        assert_eq!(
            read_digits(&bytes(&[1, 0x8000]), 2, false),
            Err((2, ErrorKind::LongDigit))
        );
        assert_eq!(
            read_digits(&bytes(&[1, 0]), 2, false),
            Err((2, ErrorKind::LongUnnormalized))
        );
        assert_eq!(
            read_digits(&bytes(&[1]), 2, false),
            Err((2, ErrorKind::TooShort))
        );
        // A bad digit before the data runs out is reported first, as CPython reads in order.
        assert_eq!(
            read_digits(&bytes(&[0x8000]), 3, false),
            Err((0, ErrorKind::LongDigit))
        );
    }
}
