//! Which Python wrote a `.pyc` file, from its magic number: for error messages that say more
//! than "bad magic number" (the ranges are those listed in CPython 3.13's
//! `Lib/importlib/_bootstrap_external.py`).

/// The magic number of CPython 3.13's `.pyc` files: `importlib.util.MAGIC_NUMBER` is its two
/// little-endian bytes followed by `\r\n`.
pub const MAGIC_NUMBER: u16 = taipan_bytecode::MAGIC_NUMBER;

/// The four bytes a CPython 3.13 `.pyc` file starts with: `b'\xf3\r\r\n'`.
pub const MAGIC: [u8; 4] = {
    let [low, high] = MAGIC_NUMBER.to_le_bytes();
    [low, high, b'\r', b'\n']
};

/// The magic number as a little-endian u32 of its four bytes: CPython's `_RAW_MAGIC_NUMBER`,
/// the key of the source hash.
pub const RAW_MAGIC_NUMBER: u32 = u32::from_le_bytes(MAGIC);

/// First and last magic numbers of each Python 3 version (alphas and betas included).
const PYTHON3: [(u16, u16, &str); 14] = [
    (3000, 3131, "3.0"),
    (3141, 3151, "3.1"),
    (3160, 3180, "3.2"),
    (3190, 3230, "3.3"),
    (3250, 3310, "3.4"),
    (3320, 3351, "3.5"),
    (3360, 3379, "3.6"),
    (3390, 3394, "3.7"),
    (3400, 3413, "3.8"),
    (3420, 3425, "3.9"),
    (3430, 3439, "3.10"),
    (3450, 3495, "3.11"),
    (3500, 3531, "3.12"),
    (3550, 3571, "3.13"),
];

/// The Python version whose `.pyc` files start with these bytes, if they look like a magic
/// number at all (a 16-bit number then `\r\n`).
pub fn python_version(bytes: &[u8]) -> Option<String> {
    let [low, high, b'\r', b'\n', ..] = *bytes else {
        return None;
    };
    let number = u16::from_le_bytes([low, high]);
    if let Some((_, _, version)) = PYTHON3
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&number))
    {
        return Some(format!("Python {version}"));
    }
    Some(match number {
        3572..=3999 => "a Python newer than 3.13".to_owned(),
        20121 => "Python 1.5".to_owned(),
        50428 => "Python 1.6".to_owned(),
        50823 => "Python 2.0".to_owned(),
        60202 => "Python 2.1".to_owned(),
        60717 => "Python 2.2".to_owned(),
        62011..=62021 => "Python 2.3".to_owned(),
        62041..=62061 => "Python 2.4".to_owned(),
        62071..=62131 => "Python 2.5".to_owned(),
        62151..=62161 => "Python 2.6".to_owned(),
        62171..=62211 => "Python 2.7".to_owned(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(MAGIC, *b"\xf3\r\r\n");
        assert_eq!(RAW_MAGIC_NUMBER, 0x0a0d_0df3);
        assert_eq!(python_version(&MAGIC).as_deref(), Some("Python 3.13"));
        // 3.12.0's magic, 3531.
        assert_eq!(
            python_version(b"\xcb\r\r\n").as_deref(),
            Some("Python 3.12")
        );
        assert_eq!(
            python_version(b"\x03\xf3\r\n").as_deref(),
            Some("Python 2.7")
        );
        assert_eq!(python_version(b"\x7fELF"), None);
    }
}
