//! `HashSecret`: CPython's `_Py_HashSecret`, and the hashes keyed by it (`str`, `bytes`).

use std::hash::Hasher;

use siphasher::sip::SipHasher13;

/// The 24 bytes of CPython's `_Py_HashSecret` (`Python/bootstrap_hash.c`), which key the hashes
/// of `str` and `bytes`.
///
/// CPython fills them at start-up from `PYTHONHASHSEED`: `0` gives all zero bytes, `N > 0` gives
/// the bytes of a linear congruential generator seeded with `N` ([`HashSecret::from_seed`]), and
/// unset or `random` gives bytes from the operating system. The SipHash keys are the first two
/// little-endian 64-bit words (the `siphash` view of CPython's union); the last 8 bytes are used
/// by hashes Taipan does not model (expat's salt).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct HashSecret {
    bytes: [u8; 24],
}

/// `PYTHONHASHSEED` holds neither `random` nor an integer in `[0; 4294967295]`.
///
/// CPython stops at start-up with this message (as a fatal error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidHashSeed;

impl std::fmt::Display for InvalidHashSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]")
    }
}

impl std::error::Error for InvalidHashSeed {}

impl HashSecret {
    /// The secret `PYTHONHASHSEED=seed` gives: all zeros for `0` (randomization disabled),
    /// otherwise CPython's `lcg_urandom`: `x = x * 214013 + 2531011` (32-bit wrapping) once per
    /// byte, each byte being `(x >> 16) & 0xff`.
    pub fn from_seed(seed: u32) -> HashSecret {
        let mut bytes = [0u8; 24];
        if seed != 0 {
            let mut x = seed;
            for byte in &mut bytes {
                x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
                *byte = ((x >> 16) & 0xff) as u8;
            }
        }
        HashSecret { bytes }
    }

    /// The secret from the raw 24 bytes (as `_Py_HashSecret.uc` holds them).
    pub fn from_bytes(bytes: [u8; 24]) -> HashSecret {
        HashSecret { bytes }
    }

    /// The 24 bytes.
    pub fn bytes(&self) -> [u8; 24] {
        self.bytes
    }

    /// The secret the process environment asks for, through `PYTHONHASHSEED`
    /// (see [`HashSecret::from_hash_seed_var`]). CPython ignores the variable under `-E` and
    /// `-I`; a command line honouring those calls `from_hash_seed_var(None)` instead.
    pub fn from_env() -> Result<HashSecret, InvalidHashSeed> {
        let value = std::env::var_os("PYTHONHASHSEED");
        let value = value.as_ref().map(|v| v.to_str().unwrap_or("\u{fffd}"));
        HashSecret::from_hash_seed_var(value)
    }

    /// The secret for this value of `PYTHONHASHSEED` (`None`: unset), parsed as CPython's
    /// `config_init_hash_seed` does (`strtoul` in base 10: leading white space and a sign
    /// allowed, nothing after the digits, at most 4294967295).
    ///
    /// **Taipan differs on purpose** when the variable is unset, empty or `random`: CPython then
    /// draws the secret from the operating system, so `hash("a")` and set order change from run
    /// to run; Taipan uses seed 0 (the all-zero secret), so its runs are reproducible. Set
    /// `PYTHONHASHSEED=0` for CPython to compare.
    pub fn from_hash_seed_var(value: Option<&str>) -> Result<HashSecret, InvalidHashSeed> {
        match value {
            // CPython's config_get_env treats an empty variable as unset.
            None | Some("") | Some("random") => Ok(HashSecret::from_seed(0)),
            Some(text) => parse_seed(text).map(HashSecret::from_seed),
        }
    }

    /// SipHash key 0: the first 8 bytes, little-endian.
    pub fn k0(&self) -> u64 {
        u64::from_le_bytes(self.bytes[0..8].try_into().expect("8 bytes"))
    }

    /// SipHash key 1: bytes 8..16, little-endian.
    pub fn k1(&self) -> u64 {
        u64::from_le_bytes(self.bytes[8..16].try_into().expect("8 bytes"))
    }

    fn hasher(&self) -> SipHasher13 {
        SipHasher13::new_with_keys(self.k0(), self.k1())
    }

    /// `hash(b)` for a `bytes` (or `bytearray`'s contents hashed as bytes, `memoryview`):
    /// CPython's `_Py_HashBytes`: 0 for no bytes, else SipHash-1-3 keyed by the secret, with
    /// `-1` turned into `-2`. `sys.hash_info.cutoff` is 0 in CPython 3.13, so short inputs take
    /// the same path (no DJBX33A).
    pub fn hash_bytes(&self, bytes: &[u8]) -> i64 {
        if bytes.is_empty() {
            return 0;
        }
        fix_minus_one(self.hasher().hash(bytes) as i64)
    }

    /// `hash(s)` for a `str` given as its code points (lone surrogates included).
    ///
    /// CPython hashes the PEP 393 storage of the string: one byte per character when every code
    /// point is below 256, two little-endian bytes when below 65536, else four; so `"é"` hashes as
    /// `b"\xe9"`, not as its UTF-8. The empty string hashes to 0.
    pub fn hash_str(&self, code_points: impl IntoIterator<Item = u32>) -> i64 {
        let code_points: Vec<u32> = code_points.into_iter().collect();
        let max = code_points.iter().copied().max().unwrap_or(0);
        if code_points.is_empty() {
            return 0;
        }
        let mut hasher = self.hasher();
        if max < 0x100 {
            let units: Vec<u8> = code_points.iter().map(|&c| c as u8).collect();
            hasher.write(&units);
        } else if max < 0x1_0000 {
            let units: Vec<u8> = code_points
                .iter()
                .flat_map(|&c| (c as u16).to_le_bytes())
                .collect();
            hasher.write(&units);
        } else {
            let units: Vec<u8> = code_points.iter().flat_map(|&c| c.to_le_bytes()).collect();
            hasher.write(&units);
        }
        fix_minus_one(hasher.finish() as i64)
    }
}

impl Default for HashSecret {
    /// Seed 0: the all-zero secret.
    fn default() -> HashSecret {
        HashSecret::from_seed(0)
    }
}

impl std::fmt::Debug for HashSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HashSecret(")?;
        for b in self.bytes {
            write!(f, "{b:02x}")?;
        }
        write!(f, ")")
    }
}

/// CPython's `_Py_KeyedHash(key, bytes)` as `_imp.source_hash(key, source)` returns it: SipHash-1-3
/// with keys `(key, 0)`, as the 8 little-endian bytes of the result. Hash-based `.pyc` files
/// (PEP 552) store this, with `key` = `importlib.util._RAW_MAGIC_NUMBER`. It does not depend on
/// `PYTHONHASHSEED`.
pub fn source_hash(key: u64, bytes: &[u8]) -> [u8; 8] {
    SipHasher13::new_with_keys(key, 0).hash(bytes).to_le_bytes()
}

/// `-1` is CPython's error return from a hash function, so a hash that comes out as `-1` is
/// reported as `-2`.
pub(crate) fn fix_minus_one(hash: i64) -> i64 {
    if hash == -1 { -2 } else { hash }
}

/// `strtoul(text, &end, 10)` with CPython's checks: the whole text consumed, at least one
/// digit, and the result (after `strtoul`'s negation of a `-` value, modulo 2^64) at most
/// `u32::MAX`. So `-0` is accepted and `-1` is not.
fn parse_seed(text: &str) -> Result<u32, InvalidHashSeed> {
    // C's isspace: space, \t, \n, \v, \f, \r.
    let rest = text.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match rest.as_bytes().first() {
        Some(b'-') => (true, &rest[1..]),
        Some(b'+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InvalidHashSeed);
    }
    // Any value past u32::MAX is refused, whatever its size (strtoul's ERANGE included).
    let mut value: u64 = 0;
    for b in digits.bytes() {
        value = value * 10 + u64::from(b - b'0');
        if value > u64::from(u32::MAX) {
            return Err(InvalidHashSeed);
        }
    }
    match (negative, value) {
        (false, v) => Ok(v as u32),
        (true, 0) => Ok(0),
        // -N is 2^64 - N for strtoul: past the range.
        (true, _) => Err(InvalidHashSeed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_parsing_follows_strtoul() {
        assert_eq!(parse_seed("123"), Ok(123));
        assert_eq!(parse_seed("  +7"), Ok(7));
        assert_eq!(parse_seed("-0"), Ok(0));
        assert_eq!(parse_seed("4294967295"), Ok(u32::MAX));
        assert_eq!(parse_seed("4294967296"), Err(InvalidHashSeed));
        assert_eq!(parse_seed("-1"), Err(InvalidHashSeed));
        assert_eq!(parse_seed("12 "), Err(InvalidHashSeed));
        assert_eq!(parse_seed(" "), Err(InvalidHashSeed));
        assert_eq!(parse_seed("0x10"), Err(InvalidHashSeed));
        assert_eq!(parse_seed("99999999999999999999999"), Err(InvalidHashSeed));
    }

    #[test]
    fn unset_and_random_mean_seed_zero() {
        for value in [None, Some(""), Some("random")] {
            assert_eq!(
                HashSecret::from_hash_seed_var(value),
                Ok(HashSecret::from_seed(0))
            );
        }
        assert_eq!(HashSecret::from_seed(0).bytes(), [0; 24]);
    }
}
