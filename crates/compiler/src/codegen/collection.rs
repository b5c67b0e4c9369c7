//! Lists, tuples, sets and dicts, with `*`/`**` items, and unpacking assignment targets
//! (compile.c's `starunpack_helper`, `compiler_dict`, `compiler_subdict`, `unpack_helper`,
//! `assignment_helper`).

use taipan_ast::{Dict, Expr};
use taipan_bytecode::{Constant, Opcode};

use super::expr::STACK_USE_GUIDELINE;
use super::{CResult, Compiler, constant::const_of};
use crate::error::CompileError;
use crate::ir::Location;

/// `INTRINSIC_LIST_TO_TUPLE` (`CALL_INTRINSIC_1`).
const INTRINSIC_LIST_TO_TUPLE: i32 = 6;

/// The values of `items` if every one is a constant (CPython's `are_all_items_const`).
fn all_constants<'e, 'a: 'e>(
    items: impl Iterator<Item = Option<&'e Expr<'a>>>,
) -> Option<Vec<Constant>> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Some(Expr::Constant(c)) => out.push(const_of(&c.value)),
            _ => return None,
        }
    }
    Some(out)
}

impl Compiler<'_> {
    /// `starunpack_helper`: builds a list, set or tuple (`tuple`: a list converted at the end
    /// unless it can be built at once) from `elts` after `pushed` values already on the stack.
    /// More than two constants become one constant extended into an empty collection; a
    /// starred item or more than [`STACK_USE_GUIDELINE`] items build it item by item.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn starunpack_helper(
        &mut self,
        loc: Location,
        elts: &[Expr<'_>],
        pushed: usize,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        if n > 2
            && let Some(values) = all_constants(elts.iter().map(Some))
        {
            let folded = values.into_boxed_slice();
            if tuple && pushed == 0 {
                self.addop_load_const(Constant::Tuple(folded), loc);
            } else {
                let folded = if add == Opcode::SET_ADD {
                    Constant::FrozenSet(dedup_frozenset(folded))
                } else {
                    Constant::Tuple(folded)
                };
                self.addop_i(build, pushed as i32, loc);
                self.addop_load_const(folded, loc);
                self.addop_i(extend, 1, loc);
                if tuple {
                    self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
                }
            }
            return Ok(());
        }
        let big = n + pushed > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !seen_star && !big {
            self.visit_exprs(elts)?;
            let op = if tuple { Opcode::BUILD_TUPLE } else { build };
            self.addop_i(op, (n + pushed) as i32, loc);
            return Ok(());
        }
        let mut sequence_built = false;
        if big {
            self.addop_i(build, pushed as i32, loc);
            sequence_built = true;
        }
        for (i, elt) in elts.iter().enumerate() {
            if let Expr::Starred(s) = elt {
                if !sequence_built {
                    self.addop_i(build, (i + pushed) as i32, loc);
                    sequence_built = true;
                }
                self.visit_expr(&s.value)?;
                self.addop_i(extend, 1, loc);
            } else {
                self.visit_expr(elt)?;
                if sequence_built {
                    self.addop_i(add, 1, loc);
                }
            }
        }
        if tuple {
            self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
        }
        Ok(())
    }

    /// `unpack_helper`: `UNPACK_SEQUENCE`, or `UNPACK_EX` around the one starred target.
    pub(crate) fn unpack_helper(&mut self, loc: Location, elts: &[Expr<'_>]) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt, Expr::Starred(_)) {
                if seen_star {
                    return Err(CompileError::syntax(
                        "multiple starred expressions in assignment",
                        loc,
                    ));
                }
                if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                    return Err(CompileError::syntax(
                        "too many expressions in star-unpacking assignment",
                        loc,
                    ));
                }
                self.addop_i(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as i32, loc);
                seen_star = true;
            }
        }
        if !seen_star {
            self.addop_i(Opcode::UNPACK_SEQUENCE, n as i32, loc);
        }
        Ok(())
    }

    /// `assignment_helper`: unpacks TOS into the targets `elts` (a list or tuple target).
    pub(crate) fn assignment_helper(&mut self, loc: Location, elts: &[Expr<'_>]) -> CResult {
        self.unpack_helper(loc, elts)?;
        for elt in elts {
            match elt {
                Expr::Starred(s) => self.visit_expr(&s.value)?,
                _ => self.visit_expr(elt)?,
            }
        }
        Ok(())
    }

    /// `compiler_subdict`: the plain `key: value` items `begin..end` of a dict display as
    /// one dict: `BUILD_CONST_KEY_MAP` when every key is a constant, `BUILD_MAP` else, item
    /// by item (`MAP_ADD`) past the stack guideline.
    fn visit_subdict(&mut self, d: &Dict<'_>, begin: usize, end: usize) -> CResult {
        let loc = self.loc(d.range);
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let keys = d.keys.get(begin..end).unwrap_or(&[]);
        let values = d.values.get(begin..end).unwrap_or(&[]);
        if n > 1
            && !big
            && let Some(consts) = all_constants(keys.iter().map(Option::as_ref))
        {
            self.visit_exprs(values)?;
            self.addop_load_const(Constant::Tuple(consts.into_boxed_slice()), loc);
            self.addop_i(Opcode::BUILD_CONST_KEY_MAP, n as i32, loc);
            return Ok(());
        }
        if big {
            self.addop_i(Opcode::BUILD_MAP, 0, loc);
        }
        for (key, value) in keys.iter().zip(values) {
            if let Some(key) = key {
                self.visit_expr(key)?;
            }
            self.visit_expr(value)?;
            if big {
                self.addop_i(Opcode::MAP_ADD, 1, loc);
            }
        }
        if !big {
            self.addop_i(Opcode::BUILD_MAP, n as i32, loc);
        }
        Ok(())
    }

    /// `compiler_dict`: runs of plain items become sub-dicts merged with `DICT_UPDATE`, as do
    /// `**mapping` items.
    pub(crate) fn visit_dict(&mut self, d: &Dict<'_>) -> CResult {
        let loc = self.loc(d.range);
        let n = d.values.len().min(d.keys.len());
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            let is_unpacking = d.keys[i].is_none();
            if is_unpacking {
                if elements > 0 {
                    self.visit_subdict(d, i - elements, i)?;
                    if have_dict {
                        self.addop_i(Opcode::DICT_UPDATE, 1, loc);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.addop_i(Opcode::BUILD_MAP, 0, loc);
                    have_dict = true;
                }
                self.visit_expr(&d.values[i])?;
                self.addop_i(Opcode::DICT_UPDATE, 1, loc);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.visit_subdict(d, i - elements, i + 1)?;
                if have_dict {
                    self.addop_i(Opcode::DICT_UPDATE, 1, loc);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.visit_subdict(d, n - elements, n)?;
            if have_dict {
                self.addop_i(Opcode::DICT_UPDATE, 1, loc);
            }
            have_dict = true;
        }
        if !have_dict {
            self.addop_i(Opcode::BUILD_MAP, 0, loc);
        }
        Ok(())
    }
}

/// A frozenset's elements without duplicates (`{1, 1, 2}` folds to `frozenset({1, 2})`),
/// keeping the first of equal values as a set does. Equality here is Python's `==` on the
/// constants a display can hold: `1`, `1.0` and `True` are one element.
fn dedup_frozenset(items: Box<[Constant]>) -> Box<[Constant]> {
    let mut out: Vec<Constant> = Vec::with_capacity(items.len());
    for item in items.into_vec() {
        if !out.iter().any(|seen| python_eq(seen, &item)) {
            out.push(item);
        }
    }
    // Adding the new frozenset to the constants merges it (`merge_consts_recursive`), which
    // rebuilds it from its own iteration order: that order is the new insertion order, and
    // decides how the code object's frozenset iterates and prints.
    let order = taipan_bytecode::repr::set_order(&out, super::constant::hash_secret());
    let mut slots: Vec<Option<Constant>> = out.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Python's `==` between two scalar constants (numbers compare across int, bool, float and
/// complex; other kinds only with their own kind).
fn python_eq(a: &Constant, b: &Constant) -> bool {
    fn as_number(c: &Constant) -> Option<(f64, f64, Option<i64>)> {
        match c {
            Constant::Bool(v) => Some((f64::from(u8::from(*v)), 0.0, Some(i64::from(*v)))),
            Constant::Int(taipan_bytecode::Int::Small(v)) => Some((*v as f64, 0.0, Some(*v))),
            Constant::Float(f) => Some((*f, 0.0, None)),
            Constant::Complex { real, imag } => Some((*real, *imag, None)),
            _ => None,
        }
    }
    match (as_number(a), as_number(b)) {
        (Some((_, _, Some(x))), Some((_, _, Some(y)))) => x == y,
        (Some((ar, ai, ax)), Some((br, bi, bx))) => {
            // An int against a float: exact when the int converts exactly.
            let exact =
                |x: Option<i64>, f: f64| x.is_none_or(|x| (x as f64) as i64 == x && x as f64 == f);
            ar == br && ai == bi && exact(ax, ar) && exact(bx, br)
        }
        _ => a == b,
    }
}
