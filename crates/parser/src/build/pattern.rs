//! `match` statement patterns.

use taipan_ast::*;

use super::{Block, Ctx, PResult, range, user_error};

/// One entry of a mapping pattern.
#[derive(Debug)]
pub enum MappingItem<'a> {
    Key(Expr<'a>, Pattern<'a>),
    /// `**rest`
    Rest(u32, u32, &'a str),
}

/// One argument of a class pattern.
#[derive(Debug)]
pub enum ClassPatternArg<'a> {
    Positional(Pattern<'a>),
    Keyword(&'a str, Pattern<'a>),
}

impl<'a> Ctx<'a> {
    /// A `case` block, and where it ends.
    pub fn match_case(
        &self,
        pattern: Pattern<'a>,
        guard: Option<Expr<'a>>,
        body: Block<'a>,
    ) -> (MatchCase<'a>, u32) {
        (
            MatchCase {
                pattern,
                guard,
                body: body.stmts.into_bump_slice_mut(),
            },
            body.end,
        )
    }

    pub fn match_sequence(&self, l: u32, r: u32, patterns: Vec<Pattern<'a>>) -> Pattern<'a> {
        Pattern::MatchSequence(self.alloc(MatchSequence {
            range: range(l, r),
            patterns: self.slice(patterns),
        }))
    }

    pub fn match_as(
        &self,
        l: u32,
        r: u32,
        pattern: Option<Pattern<'a>>,
        name: &'a str,
    ) -> PResult<Pattern<'a>> {
        if name == "_" {
            let start = r - 1;
            return user_error(TextRange::new(start, r), "cannot use '_' as a target");
        }
        Ok(Pattern::MatchAs(self.alloc(MatchAs {
            range: range(l, r),
            pattern,
            name: Some(name),
        })))
    }

    pub fn match_or(
        &self,
        l: u32,
        r: u32,
        first: Pattern<'a>,
        rest: Vec<Pattern<'a>>,
    ) -> Pattern<'a> {
        let mut patterns = Vec::with_capacity(rest.len() + 1);
        patterns.push(first);
        patterns.extend(rest);
        Pattern::MatchOr(self.alloc(MatchOr {
            range: range(l, r),
            patterns: self.slice(patterns),
        }))
    }

    /// A complex literal pattern (`1 + 2j`): CPython requires a real left operand and an
    /// imaginary right one.
    pub fn complex_pattern(
        &self,
        l: u32,
        r: u32,
        real: Expr<'a>,
        op: Operator,
        imag: Expr<'a>,
    ) -> PResult<Expr<'a>> {
        let is_imaginary = |e: &Expr<'a>| match e {
            Expr::Constant(c) => matches!(c.value, ConstantValue::Complex { .. }),
            Expr::UnaryOp(u) => {
                matches!(&u.operand, Expr::Constant(c) if matches!(c.value, ConstantValue::Complex { .. }))
            }
            _ => false,
        };
        if is_imaginary(&real) {
            return user_error(real.range(), "real number required in complex literal");
        }
        if !is_imaginary(&imag) {
            return user_error(imag.range(), "imaginary number required in complex literal");
        }
        Ok(self.binop(l, r, real, op, imag))
    }

    pub fn match_value(&self, l: u32, r: u32, value: Expr<'a>) -> Pattern<'a> {
        Pattern::MatchValue(self.alloc(MatchValue {
            range: range(l, r),
            value,
        }))
    }

    pub fn match_singleton(&self, l: u32, r: u32, value: ConstantValue<'a>) -> Pattern<'a> {
        Pattern::MatchSingleton(self.alloc(MatchSingleton {
            range: range(l, r),
            value,
        }))
    }

    /// A bare name: a capture, or the wildcard `_`.
    pub fn capture(&self, l: u32, r: u32, name: &'a str) -> Pattern<'a> {
        let name = if name == "_" { None } else { Some(name) };
        Pattern::MatchAs(self.alloc(MatchAs {
            range: range(l, r),
            pattern: None,
            name,
        }))
    }

    pub fn match_star(&self, l: u32, r: u32, name: &'a str) -> Pattern<'a> {
        let name = if name == "_" { None } else { Some(name) };
        Pattern::MatchStar(self.alloc(MatchStar {
            range: range(l, r),
            name,
        }))
    }

    pub fn match_mapping(
        &self,
        l: u32,
        r: u32,
        items: Vec<MappingItem<'a>>,
    ) -> PResult<Pattern<'a>> {
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        for item in items {
            if rest.is_some() {
                let at = match &item {
                    MappingItem::Key(k, _) => k.range(),
                    MappingItem::Rest(l, r, _) => range(*l, *r),
                };
                return user_error(at, "invalid syntax");
            }
            match item {
                MappingItem::Key(k, p) => {
                    keys.push(k);
                    patterns.push(p);
                }
                MappingItem::Rest(l, r, name) => {
                    if name == "_" {
                        return user_error(range(l + 2, r), "invalid syntax");
                    }
                    rest = Some(name)
                }
            }
        }
        Ok(Pattern::MatchMapping(self.alloc(MatchMapping {
            range: range(l, r),
            keys: self.slice(keys),
            patterns: self.slice(patterns),
            rest,
        })))
    }

    pub fn match_class(
        &self,
        l: u32,
        r: u32,
        cls: Expr<'a>,
        args: Vec<ClassPatternArg<'a>>,
    ) -> PResult<Pattern<'a>> {
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        let mut misplaced: Option<TextRange> = None;
        for arg in args {
            match arg {
                ClassPatternArg::Positional(p) => {
                    if !kwd_patterns.is_empty() {
                        // CPython spans the run of positional patterns after the keywords.
                        misplaced = Some(misplaced.map_or(p.range(), |m| m.cover(p.range())));
                        continue;
                    }
                    patterns.push(p);
                }
                ClassPatternArg::Keyword(name, p) => {
                    kwd_attrs.push(name);
                    kwd_patterns.push(p);
                }
            }
        }
        if let Some(at) = misplaced {
            return user_error(at, "positional patterns follow keyword patterns");
        }
        Ok(Pattern::MatchClass(self.alloc(MatchClass {
            range: range(l, r),
            cls,
            patterns: self.slice(patterns),
            kwd_attrs: self.slice(kwd_attrs),
            kwd_patterns: self.slice(kwd_patterns),
        })))
    }
}
