//! CPython's `repr()` of constants, as `dis` prints them.
//!
//! Scalars use `taipan-text`, the one implementation of Python's reprs. Containers follow
//! CPython: `(1,)` for a one-tuple, `frozenset({…})` with the elements in the order CPython's
//! set iterates them — which depends on their hashes, so on `PYTHONHASHSEED` (see
//! [`ReprOptions::secret`]) — and `<code object NAME at 0x…, file "FILE", line N>` for code.

use taipan_hash::HashSecret;

use crate::{CodeObject, Constant, Int};

/// What a repr depends on beyond the value.
#[derive(Clone, Debug, Default)]
pub struct ReprOptions {
    /// The hash secret that orders sets, as CPython derives it from `PYTHONHASHSEED`. CPython
    /// picks a random one when the variable is unset; [`HashSecret::default`] is seed 0's, so
    /// that Taipan's output is deterministic and equals CPython's run with `PYTHONHASHSEED=0`.
    pub secret: HashSecret,
}

/// `repr(value)`.
pub fn constant_repr(value: &Constant, options: &ReprOptions) -> String {
    let mut out = String::new();
    push_repr(&mut out, value, options);
    out
}

/// `repr(code)`: `<code object NAME at 0xADDRESS, file "FILE", line N>`. The address is where
/// the object lives in this process, as CPython's is; harnesses normalise it.
pub fn code_repr(code: &CodeObject, _options: &ReprOptions) -> String {
    format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        String::from_utf8_lossy(code.name.as_bytes()),
        std::ptr::from_ref(code) as usize,
        String::from_utf8_lossy(code.filename.as_bytes()),
        code.firstlineno
    )
}

fn push_repr(out: &mut String, value: &Constant, options: &ReprOptions) {
    // Constants nest (tuples of tuples); hostile input can nest them deeply.
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || {
        push_repr_inner(out, value, options)
    });
}

fn push_repr_inner(out: &mut String, value: &Constant, options: &ReprOptions) {
    match value {
        Constant::None => out.push_str("None"),
        Constant::StopIteration => out.push_str("<class 'StopIteration'>"),
        Constant::Ellipsis => out.push_str("Ellipsis"),
        Constant::Bool(true) => out.push_str("True"),
        Constant::Bool(false) => out.push_str("False"),
        Constant::Int(int) => out.push_str(&int.repr()),
        Constant::Float(f) => taipan_text::push_float_repr(out, *f),
        Constant::Complex { real, imag } => taipan_text::push_complex_repr(out, *real, *imag),
        Constant::Str(s) => taipan_text::push_code_points_repr(out, s.code_points()),
        Constant::Bytes(b) => taipan_text::push_bytes_repr(out, b),
        Constant::Tuple(items) => {
            out.push('(');
            push_items(out, items.iter(), options);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Constant::List(items) => {
            out.push('[');
            push_items(out, items.iter(), options);
            out.push(']');
        }
        Constant::FrozenSet(items) | Constant::Set(items) => {
            let frozen = matches!(value, Constant::FrozenSet(_));
            if items.is_empty() {
                out.push_str(if frozen { "frozenset()" } else { "set()" });
                return;
            }
            if frozen {
                out.push_str("frozenset(");
            }
            out.push('{');
            let order = set_order(items, &options.secret);
            push_items(out, order.iter().map(|&i| &items[i]), options);
            out.push('}');
            if frozen {
                out.push(')');
            }
        }
        Constant::Dict(pairs) => {
            out.push('{');
            for (n, (key, value)) in pairs.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                push_repr(out, key, options);
                out.push_str(": ");
                push_repr(out, value, options);
            }
            out.push('}');
        }
        Constant::Code(code) => out.push_str(&code_repr(code, options)),
    }
}

fn push_items<'a>(
    out: &mut String,
    items: impl Iterator<Item = &'a Constant>,
    options: &ReprOptions,
) {
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        push_repr(out, item, options);
    }
}

/// The order CPython iterates a set built by adding `items` one by one (as `marshal.loads`
/// builds it). When an element's hash cannot be known (NaN and `Ellipsis` hash by identity),
/// the stored order is kept.
pub fn set_order(items: &[Constant], secret: &HashSecret) -> Vec<usize> {
    let hashes: Option<Vec<i64>> = items.iter().map(|c| hash(c, secret)).collect();
    match hashes {
        Some(hashes) => taipan_hash::set_iteration_order(&hashes),
        None => (0..items.len()).collect(),
    }
}

/// `hash(value)` as CPython computes it, when it does not depend on object identity.
pub fn hash(value: &Constant, secret: &HashSecret) -> Option<i64> {
    Some(match value {
        Constant::None => taipan_hash::hash_none(),
        Constant::Bool(b) => taipan_hash::hash_bool(*b),
        Constant::Int(Int::Small(v)) => taipan_hash::hash_int(*v),
        Constant::Int(Int::Big { negative, limbs }) => taipan_hash::hash_big_int(*negative, limbs),
        Constant::Float(f) => taipan_hash::hash_float(*f)?,
        Constant::Complex { real, imag } => taipan_hash::hash_complex(*real, *imag)?,
        Constant::Str(s) => secret.hash_str(s.code_points()),
        Constant::Bytes(b) => secret.hash_bytes(b),
        Constant::Tuple(items) => {
            let hashes: Option<Vec<i64>> = items.iter().map(|c| hash(c, secret)).collect();
            taipan_hash::hash_tuple(&hashes?)
        }
        Constant::FrozenSet(items) => {
            let hashes: Option<Vec<i64>> = items.iter().map(|c| hash(c, secret)).collect();
            taipan_hash::hash_frozenset(&hashes?)
        }
        Constant::StopIteration
        | Constant::Ellipsis
        | Constant::List(_)
        | Constant::Set(_)
        | Constant::Dict(_)
        | Constant::Code(_) => return None,
    })
}
