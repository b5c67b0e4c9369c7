//! `match` statements: every pattern kind as CPython 3.13 compiles it (compile.c's
//! `compiler_match`, `compiler_pattern*`, the pattern context with its `fail_pop` labels and
//! stores, `MatchOr` alternatives' name reordering).
//!
//! As compile.c, every pattern routine consumes the subject on top of the stack and, on
//! failure, jumps to the `fail_pop` label that pops whatever is left above the subject of the
//! case (`on_top` items plus the captures stashed so far). Captured values are rotated
//! *under* the items still in use, and stored by name only once the whole pattern matched.

use taipan_ast::{
    ConstantValue, Expr, ExprContext, Int, Match, MatchClass, MatchMapping, MatchOr, MatchSequence,
    Pattern,
};
use taipan_bytecode::repr::{ReprOptions, constant_repr};
use taipan_bytecode::{Constant, Opcode, PyString};

use super::constant::const_of;
use super::{CResult, Compiler};
use crate::error::CompileError;
use crate::ir::{Label, Location};

/// `COMPARE_OP` opargs as CPython 3.13 encodes them (`cmp << 5 | mask`): `==` and `>=`.
const COMPARE_EQ: i32 = (2 << 5) | 8;
const COMPARE_GE: i32 = (5 << 5) | 4 | 8;
/// `BINARY_OP` oparg of `-` (`NB_SUBTRACT`).
const NB_SUBTRACT: i32 = 10;

/// CPython's `pattern_context`.
#[derive(Default)]
struct PatternContext {
    /// The names captured so far, in the order their values sit on the stack.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here (else it is an error).
    allow_irrefutable: bool,
    /// `fail_pop[i]` pops `i` items and falls through to `fail_pop[i - 1]`.
    fail_pop: Vec<Label>,
    /// Items on top of the stack that stay above the captures (CPython's `on_top`; it can go
    /// to -1 for a moment, as in CPython, when a class or mapping pattern has no sub-patterns).
    on_top: isize,
}

/// `WILDCARD_CHECK`: `_`.
fn is_wildcard(p: &Pattern<'_>) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

/// `WILDCARD_STAR_CHECK`: `*_`.
fn is_wildcard_star(p: &Pattern<'_>) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

/// A number as Python compares numbers: `1 == 1.0 == True == (1+0j)`.
#[derive(Clone, Copy, PartialEq)]
enum Number {
    Int(i64),
    Float(f64),
    Complex(f64, f64),
}

fn number_of(value: &ConstantValue<'_>) -> Option<Number> {
    Some(match value {
        ConstantValue::False => Number::Int(0),
        ConstantValue::True => Number::Int(1),
        ConstantValue::Int(Int::Small(v)) => Number::Int(*v),
        ConstantValue::Float(v) => Number::Float(*v),
        ConstantValue::Complex { real, imag } => Number::Complex(*real, *imag),
        _ => return None,
    })
}

fn numbers_equal(a: Number, b: Number) -> bool {
    let complex = |n: Number| match n {
        Number::Int(v) => (v as f64, 0.0, Some(v)),
        Number::Float(v) => (v, 0.0, None),
        Number::Complex(r, i) => (r, i, None),
    };
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x == y,
        _ => {
            let (ar, ai, aint) = complex(a);
            let (br, bi, bint) = complex(b);
            // An int equals a float only when the float is exactly that integer.
            let int_ok = match (aint, bint) {
                (Some(x), None) => br.fract() == 0.0 && (br as i64) == x && br.abs() < 9.3e18,
                (None, Some(y)) => ar.fract() == 0.0 && (ar as i64) == y && ar.abs() < 9.3e18,
                _ => true,
            };
            int_ok && ar == br && ai == bi
        }
    }
}

/// Whether two mapping-pattern keys are the same key of a Python set (the duplicate check of
/// `compiler_pattern_mapping` uses a set of the constant values).
fn same_key(a: &ConstantValue<'_>, b: &ConstantValue<'_>) -> bool {
    if let (Some(x), Some(y)) = (number_of(a), number_of(b)) {
        return numbers_equal(x, y);
    }
    match (a, b) {
        (ConstantValue::Int(Int::Big(x)), ConstantValue::Int(Int::Big(y))) => x == y,
        (ConstantValue::Str(x), ConstantValue::Str(y)) => x == y,
        (ConstantValue::Bytes(x), ConstantValue::Bytes(y)) => x == y,
        (ConstantValue::None, ConstantValue::None) => true,
        (ConstantValue::Ellipsis, ConstantValue::Ellipsis) => true,
        _ => false,
    }
}

/// Python's `repr()` of a constant, for error messages.
fn repr_of(value: &ConstantValue<'_>) -> String {
    constant_repr(&const_of(value), &ReprOptions::default())
}

impl Compiler<'_> {
    /// `compiler_match`.
    pub fn visit_match(&mut self, s: &Match<'_>) -> CResult {
        self.visit_expr(&s.subject)?;
        let end = self.new_label();
        let cases = s.cases.len();
        let Some(last) = s.cases.last() else {
            return Ok(());
        };
        let has_default = usize::from(is_wildcard(&last.pattern) && cases > 1);
        let mut pc = PatternContext::default();
        for (i, m) in s.cases[..cases - has_default].iter().enumerate() {
            let loc = self.loc(m.pattern.range());
            // Only copy the subject if this is not the last case to try.
            let keeps_subject = i != cases - has_default - 1;
            if keeps_subject {
                self.addop_i(Opcode::COPY, 1, loc);
            }
            pc.stores.clear();
            // Irrefutable cases must be either guarded, last, or both.
            pc.allow_irrefutable = m.guard.is_some() || i == cases - 1;
            pc.fail_pop.clear();
            pc.on_top = 0;
            self.pattern(&m.pattern, &mut pc)?;
            // It's a match: store the captured names (their values are on the stack).
            for name in std::mem::take(&mut pc.stores) {
                self.nameop(&name, ExprContext::Store, loc)?;
            }
            if let Some(guard) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(guard, target, false)?;
            }
            if keeps_subject {
                self.addop(Opcode::POP_TOP, loc);
            }
            self.visit_body(m.body)?;
            self.addop_jump(Opcode::JUMP, end, Location::NONE);
            // A failed match's cleanup belongs to the pattern's line, not the body's last.
            self.emit_and_reset_fail_pop(loc, &mut pc);
        }
        if has_default == 1 {
            // A trailing `case _:` needs no copy of the subject.
            let loc = self.loc(last.pattern.range());
            if cases == 1 {
                self.addop(Opcode::POP_TOP, loc);
            } else {
                // Line coverage for the default case, which has no code of its own.
                self.addop(Opcode::NOP, loc);
            }
            if let Some(guard) = &last.guard {
                self.jump_if(guard, end, false)?;
            }
            self.visit_body(last.body)?;
        }
        self.use_label(end);
        Ok(())
    }

    /// `compiler_pattern`.
    fn pattern(&mut self, p: &Pattern<'_>, pc: &mut PatternContext) -> CResult {
        // Nested patterns grow the stack instead of overflowing it.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern1(p, pc))
    }

    fn pattern1(&mut self, p: &Pattern<'_>, pc: &mut PatternContext) -> CResult {
        let loc = self.loc(p.range());
        match p {
            Pattern::MatchValue(v) => {
                if !matches!(v.value, Expr::Constant(_) | Expr::Attribute(_)) {
                    return Err(CompileError::syntax(
                        "patterns may only match literals and attribute lookups",
                        loc,
                    ));
                }
                self.visit_expr(&v.value)?;
                self.addop_i(Opcode::COMPARE_OP, COMPARE_EQ, loc);
                self.addop(Opcode::TO_BOOL, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                Ok(())
            }
            Pattern::MatchSingleton(v) => {
                self.addop_load_const(const_of(&v.value), loc);
                self.addop_i(Opcode::IS_OP, 0, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                Ok(())
            }
            Pattern::MatchSequence(seq) => self.pattern_sequence(seq, loc, pc),
            Pattern::MatchMapping(map) => self.pattern_mapping(map, loc, pc),
            Pattern::MatchClass(class) => self.pattern_class(class, loc, pc),
            Pattern::MatchStar(star) => self.pattern_store_name(loc, star.name, pc),
            Pattern::MatchAs(a) => {
                let Some(inner) = &a.pattern else {
                    // An irrefutable match.
                    if !pc.allow_irrefutable {
                        let message = match a.name {
                            Some(name) => format!(
                                "name capture '{name}' makes remaining patterns unreachable"
                            ),
                            None => "wildcard makes remaining patterns unreachable".to_owned(),
                        };
                        return Err(CompileError::syntax(message, loc));
                    }
                    return self.pattern_store_name(loc, a.name, pc);
                };
                // A copy to store if the inner pattern matches.
                pc.on_top += 1;
                self.addop_i(Opcode::COPY, 1, loc);
                self.pattern(inner, pc)?;
                pc.on_top -= 1;
                self.pattern_store_name(loc, a.name, pc)
            }
            Pattern::MatchOr(or) => self.pattern_or(or, loc, pc),
        }
    }

    /// `compiler_pattern_subpattern`: a pattern inside another, where irrefutable patterns are
    /// always allowed.
    fn subpattern(&mut self, p: &Pattern<'_>, pc: &mut PatternContext) -> CResult {
        let allow_irrefutable = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow_irrefutable;
        Ok(())
    }

    /// `ensure_fail_pop`: labels up to `fail_pop[n]`.
    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let label = self.new_label();
            pc.fail_pop.push(label);
        }
    }

    /// `jump_to_fail_pop`: `op` to the label that pops what this failure leaves behind.
    fn jump_to_fail_pop(&mut self, loc: Location, pc: &mut PatternContext, op: Opcode) {
        let pops = (pc.on_top + pc.stores.len() as isize).max(0) as usize;
        self.ensure_fail_pop(pc, pops);
        self.addop_jump(op, pc.fail_pop[pops], loc);
    }

    /// `emit_and_reset_fail_pop`: the `POP_TOP` chain of the failure labels.
    fn emit_and_reset_fail_pop(&mut self, loc: Location, pc: &mut PatternContext) {
        let Some((&first, rest)) = pc.fail_pop.split_first() else {
            return;
        };
        for &label in rest.iter().rev() {
            self.use_label(label);
            self.addop(Opcode::POP_TOP, loc);
        }
        self.use_label(first);
        pc.fail_pop.clear();
    }

    /// `pattern_helper_rotate`: moves TOS `count - 1` places down (3.10's `ROT_N` as `SWAP`s).
    fn pattern_rotate(&mut self, loc: Location, count: usize) {
        for n in (2..=count).rev() {
            self.addop_i(Opcode::SWAP, n as i32, loc);
        }
    }

    /// `pattern_helper_store_name`: captures TOS as `name` (or pops it for `_`), moving it
    /// under the items still in use.
    fn pattern_store_name(
        &mut self,
        loc: Location,
        name: Option<&str>,
        pc: &mut PatternContext,
    ) -> CResult {
        let Some(name) = name else {
            self.addop(Opcode::POP_TOP, loc);
            return Ok(());
        };
        if name == "__debug__" {
            return Err(CompileError::syntax("cannot assign to __debug__", loc));
        }
        if pc.stores.iter().any(|s| s == name) {
            return Err(duplicate_store(name, loc));
        }
        let rotations = (pc.on_top + pc.stores.len() as isize + 1).max(0) as usize;
        self.pattern_rotate(loc, rotations);
        pc.stores.push(name.to_owned());
        Ok(())
    }

    /// `compiler_pattern_sequence`.
    fn pattern_sequence(
        &mut self,
        p: &MatchSequence<'_>,
        loc: Location,
        pc: &mut PatternContext,
    ) -> CResult {
        let patterns = &*p.patterns;
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, pattern) in patterns.iter().enumerate() {
            if matches!(pattern, Pattern::MatchStar(_)) {
                if star.is_some() {
                    return Err(CompileError::syntax(
                        "multiple starred names in sequence pattern",
                        loc,
                    ));
                }
                star_wildcard = is_wildcard_star(pattern);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(pattern);
        }
        // The subject stays on top during the type and length checks.
        pc.on_top += 1;
        self.addop(Opcode::MATCH_SEQUENCE, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        if star.is_none() {
            // No star: len(subject) == size.
            self.addop(Opcode::GET_LEN, loc);
            self.addop_load_const(small_int(size), loc);
            self.addop_i(Opcode::COMPARE_OP, COMPARE_EQ, loc);
            self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        } else if size > 1 {
            // A star: len(subject) >= size - 1.
            self.addop(Opcode::GET_LEN, loc);
            self.addop_load_const(small_int(size - 1), loc);
            self.addop_i(Opcode::COMPARE_OP, COMPARE_GE, loc);
            self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        }
        pc.on_top -= 1;
        if only_wildcard {
            // [] / [_] / [_, *_] / …: nothing to extract.
            self.addop(Opcode::POP_TOP, loc);
            Ok(())
        } else if let (true, Some(star)) = (star_wildcard, star) {
            self.pattern_sequence_subscr(patterns, star, loc, pc)
        } else {
            self.pattern_sequence_unpack(patterns, loc, pc)
        }
    }

    /// `pattern_helper_sequence_unpack` (with `pattern_unpack_helper`).
    fn pattern_sequence_unpack(
        &mut self,
        patterns: &[Pattern<'_>],
        loc: Location,
        pc: &mut PatternContext,
    ) -> CResult {
        let n = patterns.len();
        match patterns
            .iter()
            .position(|p| matches!(p, Pattern::MatchStar(_)))
        {
            Some(i) => {
                if i >= (1 << 8) || n - i > (i32::MAX >> 8) as usize {
                    return Err(CompileError::syntax(
                        "too many expressions in star-unpacking sequence pattern",
                        loc,
                    ));
                }
                self.addop_i(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as i32, loc);
            }
            None => self.addop_i(Opcode::UNPACK_SEQUENCE, n as i32, loc),
        }
        // The new subjects stay on the stack while each is matched in turn.
        pc.on_top += n as isize;
        for pattern in patterns {
            pc.on_top -= 1;
            self.subpattern(pattern, pc)?;
        }
        Ok(())
    }

    /// `pattern_helper_sequence_subscr`: with a `*_`, items are taken by index instead of
    /// unpacking everything (non-negative indexes: the subject may not support negative ones).
    fn pattern_sequence_subscr(
        &mut self,
        patterns: &[Pattern<'_>],
        star: usize,
        loc: Location,
        pc: &mut PatternContext,
    ) -> CResult {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, pattern) in patterns.iter().enumerate() {
            if is_wildcard(pattern) || i == star {
                continue;
            }
            self.addop_i(Opcode::COPY, 1, loc);
            if i < star {
                self.addop_load_const(small_int(i), loc);
            } else {
                self.addop(Opcode::GET_LEN, loc);
                self.addop_load_const(small_int(size - i), loc);
                self.addop_i(Opcode::BINARY_OP, NB_SUBTRACT, loc);
            }
            self.addop(Opcode::BINARY_SUBSCR, loc);
            self.subpattern(pattern, pc)?;
        }
        pc.on_top -= 1;
        self.addop(Opcode::POP_TOP, loc);
        Ok(())
    }

    /// `compiler_pattern_mapping`.
    fn pattern_mapping(
        &mut self,
        p: &MatchMapping<'_>,
        loc: Location,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = p.keys.len();
        if size != p.patterns.len() {
            return Err(CompileError::syntax(
                format!(
                    "keys ({size}) / patterns ({}) length mismatch in mapping pattern",
                    p.patterns.len()
                ),
                loc,
            ));
        }
        // The subject stays on top during the type and length checks.
        pc.on_top += 1;
        self.addop(Opcode::MATCH_MAPPING, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        if size == 0 && p.rest.is_none() {
            // `{}`: done.
            pc.on_top -= 1;
            self.addop(Opcode::POP_TOP, loc);
            return Ok(());
        }
        if size > 0 {
            self.addop(Opcode::GET_LEN, loc);
            self.addop_load_const(small_int(size), loc);
            self.addop_i(Opcode::COMPARE_OP, COMPARE_GE, loc);
            self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        }
        // The keys, literals or attribute lookups, into one tuple for MATCH_KEYS (and for
        // `**rest`); a literal key may not repeat.
        let mut seen: Vec<&ConstantValue<'_>> = Vec::new();
        for key in p.keys.iter() {
            match key {
                Expr::Constant(c) => {
                    if seen.iter().any(|s| same_key(s, &c.value)) {
                        return Err(CompileError::syntax(
                            format!(
                                "mapping pattern checks duplicate key ({})",
                                repr_of(&c.value)
                            ),
                            loc,
                        ));
                    }
                    seen.push(&c.value);
                }
                Expr::Attribute(_) => {}
                _ => {
                    return Err(CompileError::syntax(
                        "mapping pattern keys may only match literals and attribute lookups",
                        loc,
                    ));
                }
            }
            self.visit_expr(key)?;
        }
        self.addop_i(Opcode::BUILD_TUPLE, size as i32, loc);
        self.addop(Opcode::MATCH_KEYS, loc);
        // The keys tuple and the values tuple (or None) are on top of the subject.
        pc.on_top += 2;
        self.addop_i(Opcode::COPY, 1, loc);
        self.addop_load_const(Constant::None, loc);
        self.addop_i(Opcode::IS_OP, 1, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        self.addop_i(Opcode::UNPACK_SEQUENCE, size as i32, loc);
        pc.on_top += size as isize - 1;
        for pattern in p.patterns.iter() {
            pc.on_top -= 1;
            self.subpattern(pattern, pc)?;
        }
        // A match: what follows consumes the keys tuple and the subject.
        pc.on_top -= 2;
        if let Some(rest) = p.rest {
            // rest = dict(subject); for key in keys: del rest[key]
            self.addop_i(Opcode::BUILD_MAP, 0, loc);
            self.addop_i(Opcode::SWAP, 3, loc);
            self.addop_i(Opcode::DICT_UPDATE, 2, loc);
            self.addop_i(Opcode::UNPACK_SEQUENCE, size as i32, loc);
            for remaining in (1..=size).rev() {
                self.addop_i(Opcode::COPY, 1 + remaining as i32, loc);
                self.addop_i(Opcode::SWAP, 2, loc);
                self.addop(Opcode::DELETE_SUBSCR, loc);
            }
            self.pattern_store_name(loc, Some(rest), pc)
        } else {
            self.addop(Opcode::POP_TOP, loc); // the keys tuple
            self.addop(Opcode::POP_TOP, loc); // the subject
            Ok(())
        }
    }

    /// `compiler_pattern_class`.
    fn pattern_class(
        &mut self,
        p: &MatchClass<'_>,
        loc: Location,
        pc: &mut PatternContext,
    ) -> CResult {
        let nargs = p.patterns.len();
        let nattrs = p.kwd_attrs.len();
        if nattrs != p.kwd_patterns.len() {
            return Err(CompileError::syntax(
                format!(
                    "kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern",
                    p.kwd_patterns.len()
                ),
                loc,
            ));
        }
        self.validate_kwd_attrs(p)?;
        self.visit_expr(&p.cls)?;
        let names: Box<[Constant]> = p
            .kwd_attrs
            .iter()
            .map(|a| Constant::Str(PyString::new(a)))
            .collect();
        self.addop_load_const(Constant::Tuple(names), loc);
        self.addop_i(Opcode::MATCH_CLASS, nargs as i32, loc);
        self.addop_i(Opcode::COPY, 1, loc);
        self.addop_load_const(Constant::None, loc);
        self.addop_i(Opcode::IS_OP, 1, loc);
        // TOS is now a tuple of (nargs + nattrs) attributes (or None).
        pc.on_top += 1;
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        self.addop_i(Opcode::UNPACK_SEQUENCE, (nargs + nattrs) as i32, loc);
        pc.on_top += (nargs + nattrs) as isize - 1;
        for pattern in p.patterns.iter().chain(p.kwd_patterns.iter()) {
            pc.on_top -= 1;
            if is_wildcard(pattern) {
                self.addop(Opcode::POP_TOP, loc);
                continue;
            }
            self.subpattern(pattern, pc)?;
        }
        Ok(())
    }

    /// `validate_kwd_attrs`: no `__debug__=`, no attribute twice. Errors point at the
    /// sub-pattern (the tree has no node for the attribute name).
    fn validate_kwd_attrs(&self, p: &MatchClass<'_>) -> CResult {
        for (i, (attr, pattern)) in p.kwd_attrs.iter().zip(p.kwd_patterns.iter()).enumerate() {
            if *attr == "__debug__" {
                return Err(CompileError::syntax(
                    "cannot assign to __debug__",
                    self.loc(pattern.range()),
                ));
            }
            for (other, other_pattern) in p.kwd_attrs.iter().zip(p.kwd_patterns.iter()).skip(i + 1)
            {
                if other == attr {
                    return Err(CompileError::syntax(
                        format!("attribute name repeated in class pattern: {attr}"),
                        self.loc(other_pattern.range()),
                    ));
                }
            }
        }
        Ok(())
    }

    /// `compiler_pattern_or`: each alternative on its own copy of the subject, with its own
    /// failure labels; the names an alternative binds are rotated into the first
    /// alternative's order, then moved under the items in use.
    fn pattern_or(&mut self, p: &MatchOr<'_>, loc: Location, pc: &mut PatternContext) -> CResult {
        let end = self.new_label();
        let size = p.patterns.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let old_allow_irrefutable = pc.allow_irrefutable;
        // The names the first alternative binds, in its order.
        let mut control: Option<Vec<String>> = None;
        let different = || CompileError::syntax("alternative patterns bind different names", loc);
        for (i, alt) in p.patterns.iter().enumerate() {
            let alt_loc = self.loc(alt.range());
            pc.stores = Vec::new();
            // An irrefutable alternative must be last, if allowed at all.
            pc.allow_irrefutable = i == size - 1 && old_allow_irrefutable;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.addop_i(Opcode::COPY, 1, alt_loc);
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(control) if control.len() != pc.stores.len() => return Err(different()),
                Some(control) => {
                    // Reorder the captures on the stack (and in stores) to control's order.
                    for icontrol in (0..control.len()).rev() {
                        let name = &control[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(different());
                        };
                        if icontrol != istores {
                            if istores > icontrol {
                                return Err(different());
                            }
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            pc.stores.splice(at..at, rotated);
                            for _ in 0..rotations {
                                self.pattern_rotate(alt_loc, icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.addop_jump(Opcode::JUMP, end, alt_loc);
            self.emit_and_reset_fail_pop(alt_loc, pc);
        }
        pc.stores = old_stores;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        pc.allow_irrefutable = old_allow_irrefutable;
        // No alternative matched: pop the subject's copy and fail.
        self.addop(Opcode::POP_TOP, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::JUMP);

        self.use_label(end);
        let control = control.unwrap_or_default();
        // Between the new captures and their place: the other new captures, the subject's
        // copy, whatever else is on top, and the captures stashed before.
        let nrots = control.len() as isize + 1 + pc.on_top + pc.stores.len() as isize;
        for name in control {
            self.pattern_rotate(loc, nrots.max(0) as usize);
            if pc.stores.contains(&name) {
                return Err(duplicate_store(&name, loc));
            }
            pc.stores.push(name);
        }
        // Pop the subject's copy.
        self.addop(Opcode::POP_TOP, loc);
        Ok(())
    }
}

/// `compiler_error_duplicate_store`.
fn duplicate_store(name: &str, loc: Location) -> CompileError {
    CompileError::syntax(
        format!("multiple assignments to name '{name}' in pattern"),
        loc,
    )
}

fn small_int(n: usize) -> Constant {
    Constant::Int(taipan_bytecode::Int::Small(n as i64))
}
