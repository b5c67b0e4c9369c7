//! The grammar's actions: `Ctx` builds nodes in the arena and makes the checks CPython's grammar
//! makes inside its rules (targets, parameter order, argument order), with CPython's messages.
//!
//! One file per node family: expressions here, statements in `stmt.rs`, parameters and call
//! arguments in `args.rs`, targets in `target.rs`, patterns in `pattern.rs`, strings in
//! `strings.rs`.

mod args;
mod pattern;
mod stmt;
mod strings;
mod target;

use std::cell::RefCell;

use bumpalo::Bump;
use taipan_ast::*;

use crate::error::SyntaxErr;
use crate::tokens::Tok;

pub use args::{ArgItem, ParamItem};
pub use pattern::{ClassPatternArg, MappingItem};
pub use strings::{FStringElement, StringPart};

/// lalrpop's error type, as the actions return it.
pub type PError = lalrpop_util::ParseError<u32, Tok, SyntaxErr>;
pub type PResult<T> = Result<T, PError>;

/// The state the grammar's actions share: the source, the arena, and what a parse collects
/// besides the tree.
pub struct Ctx<'a> {
    pub source: &'a str,
    pub arena: &'a Bump,
    /// `SyntaxWarning`s: byte offset and message.
    pub warnings: RefCell<Vec<(u32, String)>>,
}

impl std::fmt::Debug for Ctx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").finish_non_exhaustive()
    }
}

/// The statements of a block (or of one line), and the end of its last token: CPython ends a
/// compound statement there, a trailing `;` included.
/// Kept in the arena (`StmtVec`) so that a block becomes its node's slice without a copy.
#[derive(Debug)]
pub struct Block<'a> {
    pub stmts: StmtVec<'a>,
    pub end: u32,
}

/// Statements gathered in the arena.
pub type StmtVec<'a> = bumpalo::collections::Vec<'a, Stmt<'a>>;

pub(crate) fn range(l: u32, r: u32) -> TextRange {
    TextRange::new(l, r)
}

pub(crate) fn user_error<T>(range: TextRange, message: impl Into<String>) -> PResult<T> {
    Err(PError::User {
        error: SyntaxErr::new(range, message),
    })
}

impl<'a> Ctx<'a> {
    pub fn new(source: &'a str, arena: &'a Bump) -> Ctx<'a> {
        Ctx {
            source,
            arena,
            warnings: RefCell::new(Vec::new()),
        }
    }

    #[inline]
    pub fn alloc<T>(&self, value: T) -> &'a mut T {
        alloc(self.arena, value)
    }

    #[inline]
    pub fn slice<T>(&self, items: Vec<T>) -> &'a mut [T] {
        if items.is_empty() {
            return &mut [];
        }
        alloc_slice(self.arena, items)
    }

    pub fn text(&self, l: u32, r: u32) -> &'a str {
        &self.source[l as usize..r as usize]
    }

    pub fn warn(&self, offset: u32, message: String) {
        self.warnings.borrow_mut().push((offset, message));
    }

    /// A NAME token's identifier, NFKC-normalised as CPython does for non-ASCII names.
    pub fn identifier(&self, l: u32, r: u32) -> &'a str {
        let text = self.text(l, r);
        if text.is_ascii() {
            text
        } else {
            crate::literal::normalize_identifier(text, self.arena)
        }
    }

    // --- Expressions --------------------------------------------------------------------------

    pub fn name(&self, l: u32, r: u32, id: &'a str) -> Expr<'a> {
        Expr::Name(self.alloc(Name {
            range: range(l, r),
            id,
            ctx: ExprContext::Load,
        }))
    }

    pub fn name_store(&self, l: u32, r: u32, id: &'a str) -> Expr<'a> {
        Expr::Name(self.alloc(Name {
            range: range(l, r),
            id,
            ctx: ExprContext::Store,
        }))
    }

    pub fn constant(&self, l: u32, r: u32, value: ConstantValue<'a>) -> Expr<'a> {
        Expr::Constant(self.alloc(Constant {
            range: range(l, r),
            value,
            kind: None,
        }))
    }

    pub fn number(&self, l: u32, r: u32) -> PResult<Expr<'a>> {
        match crate::literal::parse_number(self.text(l, r), self.arena) {
            Ok(value) => Ok(self.constant(l, r, value)),
            Err(error) => user_error(range(l, r), error.message),
        }
    }

    pub fn starred(&self, l: u32, r: u32, value: Expr<'a>) -> Expr<'a> {
        Expr::Starred(self.alloc(Starred {
            range: range(l, r),
            value,
            ctx: ExprContext::Load,
        }))
    }

    pub fn tuple(&self, l: u32, r: u32, elts: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::Tuple(self.alloc(Tuple {
            range: range(l, r),
            elts: self.slice(elts),
            ctx: ExprContext::Load,
        }))
    }

    pub fn tuple_from(&self, l: u32, r: u32, first: Expr<'a>, rest: Vec<Expr<'a>>) -> Expr<'a> {
        let mut elts = Vec::with_capacity(rest.len() + 1);
        elts.push(first);
        elts.extend(rest);
        self.tuple(l, r, elts)
    }

    pub fn list(&self, l: u32, r: u32, elts: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::List(self.alloc(List {
            range: range(l, r),
            elts: self.slice(elts),
            ctx: ExprContext::Load,
        }))
    }

    pub fn set(&self, l: u32, r: u32, first: Expr<'a>, rest: Vec<Expr<'a>>) -> Expr<'a> {
        let mut elts = Vec::with_capacity(rest.len() + 1);
        elts.push(first);
        elts.extend(rest);
        Expr::Set(self.alloc(Set {
            range: range(l, r),
            elts: self.slice(elts),
        }))
    }

    pub fn dict(&self, l: u32, r: u32, items: Vec<(Option<Expr<'a>>, Expr<'a>)>) -> Expr<'a> {
        let (keys, values): (Vec<_>, Vec<_>) = items.into_iter().unzip();
        Expr::Dict(self.alloc(Dict {
            range: range(l, r),
            keys: self.slice(keys),
            values: self.slice(values),
        }))
    }

    /// A `Comp` node (`ListComp`, `SetComp` or `GeneratorExp`, chosen by `kind`).
    pub fn comp(
        &self,
        kind: fn(&'a mut Comp<'a>) -> Expr<'a>,
        l: u32,
        r: u32,
        elt: Expr<'a>,
        gens: Vec<Comprehension<'a>>,
    ) -> Expr<'a> {
        kind(self.alloc(Comp {
            range: range(l, r),
            elt,
            generators: self.slice(gens),
        }))
    }

    pub fn generator_exp(
        &self,
        l: u32,
        r: u32,
        elt: Expr<'a>,
        gens: Vec<Comprehension<'a>>,
    ) -> Expr<'a> {
        self.comp(Expr::GeneratorExp, l, r, elt, gens)
    }

    pub fn dict_comp(
        &self,
        l: u32,
        r: u32,
        key: Expr<'a>,
        value: Expr<'a>,
        gens: Vec<Comprehension<'a>>,
    ) -> Expr<'a> {
        Expr::DictComp(self.alloc(DictComp {
            range: range(l, r),
            key,
            value,
            generators: self.slice(gens),
        }))
    }

    pub fn comprehension(
        &self,
        is_async: bool,
        target: Expr<'a>,
        iter: Expr<'a>,
        ifs: Vec<Expr<'a>>,
    ) -> PResult<Comprehension<'a>> {
        let target = self.store(target)?;
        Ok(Comprehension {
            target,
            iter,
            ifs: self.slice(ifs),
            is_async,
        })
    }

    pub fn yield_(&self, l: u32, r: u32, value: Option<Expr<'a>>) -> Expr<'a> {
        Expr::Yield(self.alloc(Yield {
            range: range(l, r),
            value,
        }))
    }

    pub fn yield_from(&self, l: u32, r: u32, value: Expr<'a>) -> Expr<'a> {
        Expr::YieldFrom(self.alloc(YieldFrom {
            range: range(l, r),
            value,
        }))
    }

    pub fn await_(&self, l: u32, r: u32, value: Expr<'a>) -> Expr<'a> {
        Expr::Await(self.alloc(Await {
            range: range(l, r),
            value,
        }))
    }

    pub fn named_expr(&self, l: u32, r: u32, target: Expr<'a>, value: Expr<'a>) -> Expr<'a> {
        Expr::NamedExpr(self.alloc(NamedExpr {
            range: range(l, r),
            target,
            value,
        }))
    }

    pub fn if_exp(
        &self,
        l: u32,
        r: u32,
        test: Expr<'a>,
        body: Expr<'a>,
        orelse: Expr<'a>,
    ) -> Expr<'a> {
        Expr::IfExp(self.alloc(IfExp {
            range: range(l, r),
            test,
            body,
            orelse,
        }))
    }

    /// A flat chain `a and b or c …` into CPython's tree: `and` binds tighter, and each run of
    /// one operator is a single `BoolOp`.
    pub fn bool_chain(
        &self,
        first: (u32, Expr<'a>, u32),
        rest: Vec<(BoolOperator, u32, Expr<'a>, u32)>,
    ) -> Expr<'a> {
        // Runs of `and` operands, separated by `or`.
        let mut groups: Vec<(u32, Vec<Expr<'a>>, u32)> = Vec::new();
        let (l, e, r) = first;
        let mut current = (l, vec![e], r);
        for (op, l, e, r) in rest {
            if op == BoolOperator::Or {
                groups.push(std::mem::replace(&mut current, (l, vec![e], r)));
            } else {
                current.1.push(e);
                current.2 = r;
            }
        }
        groups.push(current);
        let mut disjuncts: Vec<Expr<'a>> = Vec::with_capacity(groups.len());
        let (start, end) = (groups[0].0, groups[groups.len() - 1].2);
        for (l, mut operands, r) in groups {
            if operands.len() == 1 {
                disjuncts.extend(operands.pop());
            } else {
                let values = self.slice(operands);
                disjuncts.push(Expr::BoolOp(self.alloc(BoolOp {
                    range: range(l, r),
                    op: BoolOperator::And,
                    values,
                })));
            }
        }
        if disjuncts.len() == 1
            && let Some(only) = disjuncts.pop()
        {
            return only;
        }
        let values = self.slice(disjuncts);
        Expr::BoolOp(self.alloc(BoolOp {
            range: range(start, end),
            op: BoolOperator::Or,
            values,
        }))
    }

    pub fn unary(&self, l: u32, r: u32, op: UnaryOperator, operand: Expr<'a>) -> Expr<'a> {
        Expr::UnaryOp(self.alloc(UnaryOp {
            range: range(l, r),
            op,
            operand,
        }))
    }

    pub fn binop(&self, l: u32, r: u32, left: Expr<'a>, op: Operator, right: Expr<'a>) -> Expr<'a> {
        Expr::BinOp(self.alloc(BinOp {
            range: range(l, r),
            left,
            op,
            right,
        }))
    }

    /// A flat chain `a op b op c …` of binary operators (all left-associative) into the tree
    /// CPython's precedence levels give, by precedence climbing.
    pub fn binary_chain(
        &self,
        first: (u32, Expr<'a>, u32),
        rest: Vec<(Operator, u32, Expr<'a>, u32)>,
    ) -> Expr<'a> {
        fn precedence(op: Operator) -> u8 {
            match op {
                Operator::BitOr => 1,
                Operator::BitXor => 2,
                Operator::BitAnd => 3,
                Operator::LShift | Operator::RShift => 4,
                Operator::Add | Operator::Sub => 5,
                _ => 6,
            }
        }
        // Operands (with the offsets of their first and last tokens, parentheses included) and
        // pending operators, as in a shunting yard.
        let mut operands: Vec<(u32, Expr<'a>, u32)> = Vec::with_capacity(rest.len() + 1);
        let mut operators: Vec<Operator> = Vec::with_capacity(rest.len());
        operands.push(first);
        let reduce = |operands: &mut Vec<(u32, Expr<'a>, u32)>, op: Operator| {
            if let (Some((_, right, r)), Some((l, left, _))) = (operands.pop(), operands.pop()) {
                operands.push((l, self.binop(l, r, left, op, right), r));
            }
        };
        for (op, l, operand, r) in rest {
            while let Some(&top) = operators.last() {
                if precedence(top) >= precedence(op) {
                    operators.pop();
                    reduce(&mut operands, top);
                } else {
                    break;
                }
            }
            operators.push(op);
            operands.push((l, operand, r));
        }
        while let Some(op) = operators.pop() {
            reduce(&mut operands, op);
        }
        // The chain held at least one operand, and each reduction keeps one.
        match operands.pop() {
            Some((_, expr, _)) => expr,
            None => self.constant(0, 0, ConstantValue::None),
        }
    }

    pub fn compare(
        &self,
        l: u32,
        r: u32,
        left: Expr<'a>,
        rest: Vec<(CmpOperator, Expr<'a>)>,
    ) -> Expr<'a> {
        let (ops, comparators): (Vec<_>, Vec<_>) = rest.into_iter().unzip();
        Expr::Compare(self.alloc(Compare {
            range: range(l, r),
            left,
            ops: self.slice(ops),
            comparators: self.slice(comparators),
        }))
    }

    pub fn attribute(&self, l: u32, r: u32, value: Expr<'a>, attr: &'a str) -> Expr<'a> {
        Expr::Attribute(self.alloc(Attribute {
            range: range(l, r),
            value,
            attr,
            ctx: ExprContext::Load,
        }))
    }

    pub fn subscript(&self, l: u32, r: u32, value: Expr<'a>, slice: Expr<'a>) -> Expr<'a> {
        Expr::Subscript(self.alloc(Subscript {
            range: range(l, r),
            value,
            slice,
            ctx: ExprContext::Load,
        }))
    }

    pub fn slice_expr(
        &self,
        l: u32,
        r: u32,
        lower: Option<Expr<'a>>,
        upper: Option<Expr<'a>>,
        step: Option<Expr<'a>>,
    ) -> Expr<'a> {
        Expr::Slice(self.alloc(Slice {
            range: range(l, r),
            lower,
            upper,
            step,
        }))
    }

    /// `Slice` as the grammar names it.
    pub fn slice_of(
        &self,
        l: u32,
        r: u32,
        lower: Option<Expr<'a>>,
        upper: Option<Expr<'a>>,
        step: Option<Expr<'a>>,
    ) -> Expr<'a> {
        self.slice_expr(l, r, lower, upper, step)
    }

    /// A dotted module name (`a.b.c`): the source text when it has no blanks inside, else the
    /// names joined with dots in the arena.
    pub fn dotted_name(&self, l: u32, r: u32, dots: usize) -> &'a str {
        let text = self.text(l, r);
        if dots == 0
            || !text
                .bytes()
                .any(|b| matches!(b, b' ' | b'\t' | b'\\' | b'\n' | b'\r' | b'\x0c' | b'#'))
        {
            return if text.is_ascii() {
                text
            } else {
                self.normalize_dotted(text)
            };
        }
        let joined: Vec<&str> = text
            .split('.')
            .map(|part| {
                let part = part.trim_matches(|c: char| c.is_whitespace() || c == '\\');
                part.trim()
            })
            .collect();
        let joined = joined.join(".");
        self.normalize_dotted(self.arena.alloc_str(&joined))
    }

    fn normalize_dotted(&self, text: &'a str) -> &'a str {
        if text.is_ascii() {
            return text;
        }
        let parts: Vec<&str> = text
            .split('.')
            .map(|p| crate::literal::normalize_identifier(p, self.arena))
            .collect();
        self.arena.alloc_str(&parts.join("."))
    }
}
