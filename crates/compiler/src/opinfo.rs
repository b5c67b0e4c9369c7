//! The opcode facts the back end asks for per instruction (jump kind, inline-cache size), from
//! a table filled once from [`Opcode`]'s own: the passes ask millions of times, and this is an
//! indexed load where `Opcode`'s accessors are a call through its lazily built table.

use std::sync::OnceLock;

use taipan_bytecode::{JumpKind, Opcode};

/// `(jump kind, cache entries, is pseudo)` by opcode number.
fn table() -> &'static [(JumpKind, u8, bool)] {
    static TABLE: OnceLock<Vec<(JumpKind, u8, bool)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=Opcode::MAX_NUMBER)
            .map(|n| {
                Opcode::new(n).map_or((JumpKind::None, 0, false), |op| {
                    (
                        op.jump_kind(),
                        u8::try_from(op.cache_entries()).unwrap_or(u8::MAX),
                        op.is_pseudo(),
                    )
                })
            })
            .collect()
    })
}

/// `op.jump_kind()`.
#[inline]
pub(crate) fn jump_kind(op: Opcode) -> JumpKind {
    match table().get(usize::from(op.number())) {
        Some(&(kind, _, _)) => kind,
        None => op.jump_kind(),
    }
}

/// `op.cache_entries()`.
#[inline]
pub(crate) fn cache_entries(op: Opcode) -> usize {
    match table().get(usize::from(op.number())) {
        Some(&(_, n, _)) if n != u8::MAX => usize::from(n),
        _ => op.cache_entries(),
    }
}

/// `op.is_pseudo()`.
#[inline]
pub(crate) fn is_pseudo(op: Opcode) -> bool {
    match table().get(usize::from(op.number())) {
        Some(&(_, _, pseudo)) => pseudo,
        None => op.is_pseudo(),
    }
}
