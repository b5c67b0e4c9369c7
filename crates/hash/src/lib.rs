//! # taipan-hash: CPython 3.13's `hash()` values and set order, bit for bit
//!
//! The one place in Taipan that computes hashes equal to those of CPython 3.13 on a 64-bit
//! build (`sys.hash_info`: SipHash-1-3, 64-bit hashes, modulus 2^61 - 1, cutoff 0), and the
//! order in which CPython iterates a set built from them. The disassembler needs it to print a
//! `frozenset` constant in CPython's order; the VM will need it for `hash()`, `dict` and `set`.
//!
//! **For:** the hash of every value that can be a constant (`None`, `bool`, `int` of any size,
//! `float`, `complex`, `str`, `bytes`, `tuple`, `frozenset`, from the hashes of their items),
//! CPython's hash secret as `PYTHONHASHSEED` sets it ([`HashSecret`]), `_imp.source_hash`
//! ([`source_hash`], for hash-based `.pyc` files), and set iteration order
//! ([`set_iteration_order`]). **Not for:** hashes by identity (objects without `__hash__`,
//! `Ellipsis`, and NaNs since 3.10: their hash is their address in CPython, so no function here
//! can give it), user-defined `__hash__`, or hashing Rust values for Rust's own maps.
//!
//! `str` and `bytes` hashes depend on the secret: use `PYTHONHASHSEED=0` (or the seed given to
//! [`HashSecret::from_seed`]) to compare with CPython. Numbers, tuples of numbers and
//! `source_hash` do not.
//!
//! ```
//! use taipan_hash::*;
//!
//! // PYTHONHASHSEED=0 python3.13 -c "print(hash('abc'), hash((1, 'abc')), hash(1.5))"
//! let secret = HashSecret::from_seed(0);
//! let abc = secret.hash_str("abc".chars().map(u32::from));
//! assert_eq!(abc, -4594863902769663758);
//! assert_eq!(hash_tuple(&[hash_int(1), abc]), 7667418664931415648);
//! assert_eq!(hash_float(1.5), Some(1152921504606846977));
//! assert_eq!(hash_float(f64::NAN), None); // identity-based in CPython 3.13
//! assert_eq!(hash_big_int(false, &[0, 0, 1]), 8); // 2**64 % (2**61 - 1)
//!
//! // list(frozenset([16, 8, 0])) == [16, 8, 0] in CPython: 16 and 8 collide with 0's slot.
//! assert_eq!(set_iteration_order(&[16, 8, 0]), vec![0, 1, 2]);
//! ```

mod container;
mod numeric;
mod secret;
mod set_order;

pub use container::{hash_frozenset, hash_tuple};
pub use numeric::{
    IMAG, INF, MODULUS, NONE, hash_big_int, hash_bool, hash_complex, hash_float, hash_int,
    hash_none,
};
pub use secret::{HashSecret, InvalidHashSeed, source_hash};
pub use set_order::set_iteration_order;
