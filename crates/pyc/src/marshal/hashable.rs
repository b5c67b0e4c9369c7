//! Which values Python can hash: CPython raises `TypeError: unhashable type: '...'` when marshal
//! data puts a list, dict or set (or a tuple or code object holding one) in a set or as a dict
//! key, and so does this reader.

use taipan_bytecode::Constant;

/// The type name of the first unhashable value `hash(value)` meets (depth first, in order, as
/// CPython hashes a tuple's items and a code object's constants), if any.
///
/// Iterative: values can nest [`MAX_DEPTH`](super::MAX_DEPTH) deep. A frozenset is hashable
/// without looking inside: marshal data cannot put an unhashable value in one.
pub(crate) fn unhashable(value: &Constant) -> Option<&'static str> {
    let mut pending: Vec<&[Constant]> = vec![std::slice::from_ref(value)];
    while let Some(rest) = pending.pop() {
        let Some((first, rest)) = rest.split_first() else {
            continue;
        };
        pending.push(rest);
        match first {
            Constant::List(_) => return Some("list"),
            Constant::Dict(_) => return Some("dict"),
            Constant::Set(_) => return Some("set"),
            Constant::Tuple(items) => pending.push(items),
            Constant::Code(code) => pending.push(&code.consts),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_in_order() {
        let value = Constant::Tuple(
            vec![
                Constant::int(1),
                Constant::Tuple(vec![Constant::Dict(Box::new([]))].into()),
                Constant::List(Box::new([])),
            ]
            .into(),
        );
        assert_eq!(unhashable(&value), Some("dict"));
        assert_eq!(unhashable(&Constant::FrozenSet(Box::new([]))), None);
        assert_eq!(unhashable(&Constant::str("x")), None);
    }
}
