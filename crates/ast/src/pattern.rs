//! `match` statement patterns: CPython's `pattern` sum type.

use crate::{ConstantValue, Expr, Identifier, TextRange};

/// A pattern: a pointer into the arena, 16 bytes.
#[derive(Debug)]
pub enum Pattern<'a> {
    MatchValue(&'a mut MatchValue<'a>),
    MatchSingleton(&'a mut MatchSingleton<'a>),
    MatchSequence(&'a mut MatchSequence<'a>),
    MatchMapping(&'a mut MatchMapping<'a>),
    MatchClass(&'a mut MatchClass<'a>),
    MatchStar(&'a mut MatchStar<'a>),
    MatchAs(&'a mut MatchAs<'a>),
    MatchOr(&'a mut MatchOr<'a>),
}

macro_rules! each_pattern {
    ($self:expr, $node:ident => $body:expr) => {
        match $self {
            Pattern::MatchValue($node) => $body,
            Pattern::MatchSingleton($node) => $body,
            Pattern::MatchSequence($node) => $body,
            Pattern::MatchMapping($node) => $body,
            Pattern::MatchClass($node) => $body,
            Pattern::MatchStar($node) => $body,
            Pattern::MatchAs($node) => $body,
            Pattern::MatchOr($node) => $body,
        }
    };
}

impl Pattern<'_> {
    pub fn range(&self) -> TextRange {
        each_pattern!(self, node => node.range)
    }

    pub fn set_range(&mut self, range: TextRange) {
        each_pattern!(self, node => node.range = range)
    }

    /// The class name CPython gives this node.
    pub fn class_name(&self) -> &'static str {
        match self {
            Pattern::MatchValue(_) => "MatchValue",
            Pattern::MatchSingleton(_) => "MatchSingleton",
            Pattern::MatchSequence(_) => "MatchSequence",
            Pattern::MatchMapping(_) => "MatchMapping",
            Pattern::MatchClass(_) => "MatchClass",
            Pattern::MatchStar(_) => "MatchStar",
            Pattern::MatchAs(_) => "MatchAs",
            Pattern::MatchOr(_) => "MatchOr",
        }
    }
}

/// `MatchValue(expr value)`
#[derive(Debug)]
pub struct MatchValue<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
}

/// `MatchSingleton(constant value)`: `None`, `True` or `False`.
#[derive(Debug)]
pub struct MatchSingleton<'a> {
    pub range: TextRange,
    pub value: ConstantValue<'a>,
}

/// `MatchSequence(pattern* patterns)`
#[derive(Debug)]
pub struct MatchSequence<'a> {
    pub range: TextRange,
    pub patterns: &'a mut [Pattern<'a>],
}

/// `MatchMapping(expr* keys, pattern* patterns, identifier? rest)`
#[derive(Debug)]
pub struct MatchMapping<'a> {
    pub range: TextRange,
    pub keys: &'a mut [Expr<'a>],
    pub patterns: &'a mut [Pattern<'a>],
    pub rest: Option<Identifier<'a>>,
}

/// `MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)`
#[derive(Debug)]
pub struct MatchClass<'a> {
    pub range: TextRange,
    pub cls: Expr<'a>,
    pub patterns: &'a mut [Pattern<'a>],
    pub kwd_attrs: &'a mut [Identifier<'a>],
    pub kwd_patterns: &'a mut [Pattern<'a>],
}

/// `MatchStar(identifier? name)`
#[derive(Debug)]
pub struct MatchStar<'a> {
    pub range: TextRange,
    pub name: Option<Identifier<'a>>,
}

/// `MatchAs(pattern? pattern, identifier? name)`: with neither, the wildcard `_`.
#[derive(Debug)]
pub struct MatchAs<'a> {
    pub range: TextRange,
    pub pattern: Option<Pattern<'a>>,
    pub name: Option<Identifier<'a>>,
}

/// `MatchOr(pattern* patterns)`
#[derive(Debug)]
pub struct MatchOr<'a> {
    pub range: TextRange,
    pub patterns: &'a mut [Pattern<'a>],
}
