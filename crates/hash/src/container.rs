//! Hashes of the immutable containers, from their items' hashes: `tuple` and `frozenset`.

/// xxHash's 64-bit primes, as CPython's `tuplehash` names them (`_PyHASH_XXPRIME_*`).
const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `hash(t)` for a `tuple` whose items hash to `items`, as CPython 3.13's `tuplehash`
/// (`Objects/tupleobject.c`): a simplified xxHash64 round per item (add `item * PRIME_2`,
/// rotate left 31, multiply by `PRIME_1`), then `acc += len ^ (PRIME_5 ^ 3527539)`, which keeps
/// the empty tuple's hash what it was before xxHash. The one value that would read as an error,
/// `-1`, becomes `1546275796`.
pub fn hash_tuple(items: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &item in items {
        acc = acc.wrapping_add((item as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// CPython's `_shuffle_bits`: spreads an entry's hash bits before they are XORed together, so
/// that sets of nearby integers do not cancel out.
fn shuffle_bits(hash: u64) -> u64 {
    ((hash ^ 89_869_747) ^ (hash << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(fs)` for a `frozenset` whose (distinct) elements hash to `items`, in any order, as
/// CPython 3.13's `frozenset_hash` (`Objects/setobject.c`).
///
/// CPython XORs the shuffled hash of every slot of its table, then cancels the contribution of
/// the empty (hash 0) and deleted (hash -1) slots by their parity; what remains is the XOR over
/// the elements alone, which is what this computes. Then the size is mixed in, the bits
/// dispersed (for nested frozensets) and an LCG step applied; `-1` becomes `590923713`.
pub fn hash_frozenset(items: &[i64]) -> i64 {
    let mut hash = items
        .iter()
        .fold(0u64, |acc, &item| acc ^ shuffle_bits(item as u64));
    hash ^= (items.len() as u64 + 1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        return 590_923_713;
    }
    hash as i64
}
