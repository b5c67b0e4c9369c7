//! Statements: CPython's `stmt` sum type, one struct per constructor (shared where CPython's
//! constructors have the same fields: `FunctionDef`/`AsyncFunctionDef`, `For`/`AsyncFor`,
//! `With`/`AsyncWith`, `Try`/`TryStar`).

use crate::{Alias, Arguments, ExceptHandler, Expr, Identifier, MatchCase, Operator, TextRange};
use crate::{Keyword, TypeParam, WithItem};

/// A statement: a pointer into the arena, 16 bytes, whatever the node.
#[derive(Debug)]
pub enum Stmt<'a> {
    FunctionDef(&'a mut FunctionDef<'a>),
    AsyncFunctionDef(&'a mut FunctionDef<'a>),
    ClassDef(&'a mut ClassDef<'a>),
    Return(&'a mut Return<'a>),
    Delete(&'a mut Delete<'a>),
    Assign(&'a mut Assign<'a>),
    TypeAlias(&'a mut TypeAlias<'a>),
    AugAssign(&'a mut AugAssign<'a>),
    AnnAssign(&'a mut AnnAssign<'a>),
    For(&'a mut For<'a>),
    AsyncFor(&'a mut For<'a>),
    While(&'a mut While<'a>),
    If(&'a mut If<'a>),
    With(&'a mut With<'a>),
    AsyncWith(&'a mut With<'a>),
    Match(&'a mut Match<'a>),
    Raise(&'a mut Raise<'a>),
    Try(&'a mut Try<'a>),
    TryStar(&'a mut Try<'a>),
    Assert(&'a mut Assert<'a>),
    Import(&'a mut Import<'a>),
    ImportFrom(&'a mut ImportFrom<'a>),
    Global(&'a mut Global<'a>),
    Nonlocal(&'a mut Global<'a>),
    Expr(&'a mut StmtExpr<'a>),
    Pass(&'a mut Simple),
    Break(&'a mut Simple),
    Continue(&'a mut Simple),
}

macro_rules! each_stmt {
    ($self:expr, $node:ident => $body:expr) => {
        match $self {
            Stmt::FunctionDef($node) | Stmt::AsyncFunctionDef($node) => $body,
            Stmt::ClassDef($node) => $body,
            Stmt::Return($node) => $body,
            Stmt::Delete($node) => $body,
            Stmt::Assign($node) => $body,
            Stmt::TypeAlias($node) => $body,
            Stmt::AugAssign($node) => $body,
            Stmt::AnnAssign($node) => $body,
            Stmt::For($node) | Stmt::AsyncFor($node) => $body,
            Stmt::While($node) => $body,
            Stmt::If($node) => $body,
            Stmt::With($node) | Stmt::AsyncWith($node) => $body,
            Stmt::Match($node) => $body,
            Stmt::Raise($node) => $body,
            Stmt::Try($node) | Stmt::TryStar($node) => $body,
            Stmt::Assert($node) => $body,
            Stmt::Import($node) => $body,
            Stmt::ImportFrom($node) => $body,
            Stmt::Global($node) | Stmt::Nonlocal($node) => $body,
            Stmt::Expr($node) => $body,
            Stmt::Pass($node) | Stmt::Break($node) | Stmt::Continue($node) => $body,
        }
    };
}

impl<'a> Stmt<'a> {
    pub fn range(&self) -> TextRange {
        each_stmt!(self, node => node.range)
    }

    pub fn set_range(&mut self, range: TextRange) {
        each_stmt!(self, node => node.range = range)
    }

    /// The class name CPython gives this node.
    pub fn class_name(&self) -> &'static str {
        match self {
            Stmt::FunctionDef(_) => "FunctionDef",
            Stmt::AsyncFunctionDef(_) => "AsyncFunctionDef",
            Stmt::ClassDef(_) => "ClassDef",
            Stmt::Return(_) => "Return",
            Stmt::Delete(_) => "Delete",
            Stmt::Assign(_) => "Assign",
            Stmt::TypeAlias(_) => "TypeAlias",
            Stmt::AugAssign(_) => "AugAssign",
            Stmt::AnnAssign(_) => "AnnAssign",
            Stmt::For(_) => "For",
            Stmt::AsyncFor(_) => "AsyncFor",
            Stmt::While(_) => "While",
            Stmt::If(_) => "If",
            Stmt::With(_) => "With",
            Stmt::AsyncWith(_) => "AsyncWith",
            Stmt::Match(_) => "Match",
            Stmt::Raise(_) => "Raise",
            Stmt::Try(_) => "Try",
            Stmt::TryStar(_) => "TryStar",
            Stmt::Assert(_) => "Assert",
            Stmt::Import(_) => "Import",
            Stmt::ImportFrom(_) => "ImportFrom",
            Stmt::Global(_) => "Global",
            Stmt::Nonlocal(_) => "Nonlocal",
            Stmt::Expr(_) => "Expr",
            Stmt::Pass(_) => "Pass",
            Stmt::Break(_) => "Break",
            Stmt::Continue(_) => "Continue",
        }
    }
}

/// `FunctionDef` and `AsyncFunctionDef`: `(identifier name, arguments args, stmt* body,
/// expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)`.
#[derive(Debug)]
pub struct FunctionDef<'a> {
    pub range: TextRange,
    pub name: Identifier<'a>,
    pub args: &'a mut Arguments<'a>,
    pub body: &'a mut [Stmt<'a>],
    pub decorator_list: &'a mut [Expr<'a>],
    pub returns: Option<Expr<'a>>,
    pub type_comment: Option<&'a str>,
    pub type_params: &'a mut [TypeParam<'a>],
}

/// `ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list,
/// type_param* type_params)`
#[derive(Debug)]
pub struct ClassDef<'a> {
    pub range: TextRange,
    pub name: Identifier<'a>,
    pub bases: &'a mut [Expr<'a>],
    pub keywords: &'a mut [Keyword<'a>],
    pub body: &'a mut [Stmt<'a>],
    pub decorator_list: &'a mut [Expr<'a>],
    pub type_params: &'a mut [TypeParam<'a>],
}

/// `Return(expr? value)`
#[derive(Debug)]
pub struct Return<'a> {
    pub range: TextRange,
    pub value: Option<Expr<'a>>,
}

/// `Delete(expr* targets)`
#[derive(Debug)]
pub struct Delete<'a> {
    pub range: TextRange,
    pub targets: &'a mut [Expr<'a>],
}

/// `Assign(expr* targets, expr value, string? type_comment)`
#[derive(Debug)]
pub struct Assign<'a> {
    pub range: TextRange,
    pub targets: &'a mut [Expr<'a>],
    pub value: Expr<'a>,
    pub type_comment: Option<&'a str>,
}

/// `TypeAlias(expr name, type_param* type_params, expr value)`
#[derive(Debug)]
pub struct TypeAlias<'a> {
    pub range: TextRange,
    pub name: Expr<'a>,
    pub type_params: &'a mut [TypeParam<'a>],
    pub value: Expr<'a>,
}

/// `AugAssign(expr target, operator op, expr value)`
#[derive(Debug)]
pub struct AugAssign<'a> {
    pub range: TextRange,
    pub target: Expr<'a>,
    pub op: Operator,
    pub value: Expr<'a>,
}

/// `AnnAssign(expr target, expr annotation, expr? value, int simple)`: `simple` is true for a
/// bare name target not in parentheses.
#[derive(Debug)]
pub struct AnnAssign<'a> {
    pub range: TextRange,
    pub target: Expr<'a>,
    pub annotation: Expr<'a>,
    pub value: Option<Expr<'a>>,
    pub simple: bool,
}

/// `For` and `AsyncFor`: `(expr target, expr iter, stmt* body, stmt* orelse,
/// string? type_comment)`.
#[derive(Debug)]
pub struct For<'a> {
    pub range: TextRange,
    pub target: Expr<'a>,
    pub iter: Expr<'a>,
    pub body: &'a mut [Stmt<'a>],
    pub orelse: &'a mut [Stmt<'a>],
    pub type_comment: Option<&'a str>,
}

/// `While(expr test, stmt* body, stmt* orelse)`
#[derive(Debug)]
pub struct While<'a> {
    pub range: TextRange,
    pub test: Expr<'a>,
    pub body: &'a mut [Stmt<'a>],
    pub orelse: &'a mut [Stmt<'a>],
}

/// `If(expr test, stmt* body, stmt* orelse)`: an `elif` is an `If` alone in `orelse`.
#[derive(Debug)]
pub struct If<'a> {
    pub range: TextRange,
    pub test: Expr<'a>,
    pub body: &'a mut [Stmt<'a>],
    pub orelse: &'a mut [Stmt<'a>],
}

/// `With` and `AsyncWith`: `(withitem* items, stmt* body, string? type_comment)`.
#[derive(Debug)]
pub struct With<'a> {
    pub range: TextRange,
    pub items: &'a mut [WithItem<'a>],
    pub body: &'a mut [Stmt<'a>],
    pub type_comment: Option<&'a str>,
}

/// `Match(expr subject, match_case* cases)`
#[derive(Debug)]
pub struct Match<'a> {
    pub range: TextRange,
    pub subject: Expr<'a>,
    pub cases: &'a mut [MatchCase<'a>],
}

/// `Raise(expr? exc, expr? cause)`
#[derive(Debug)]
pub struct Raise<'a> {
    pub range: TextRange,
    pub exc: Option<Expr<'a>>,
    pub cause: Option<Expr<'a>>,
}

/// `Try` and `TryStar`: `(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)`.
#[derive(Debug)]
pub struct Try<'a> {
    pub range: TextRange,
    pub body: &'a mut [Stmt<'a>],
    pub handlers: &'a mut [ExceptHandler<'a>],
    pub orelse: &'a mut [Stmt<'a>],
    pub finalbody: &'a mut [Stmt<'a>],
}

/// `Assert(expr test, expr? msg)`
#[derive(Debug)]
pub struct Assert<'a> {
    pub range: TextRange,
    pub test: Expr<'a>,
    pub msg: Option<Expr<'a>>,
}

/// `Import(alias* names)`
#[derive(Debug)]
pub struct Import<'a> {
    pub range: TextRange,
    pub names: &'a mut [Alias<'a>],
}

/// `ImportFrom(identifier? module, alias* names, int? level)`
#[derive(Debug)]
pub struct ImportFrom<'a> {
    pub range: TextRange,
    pub module: Option<Identifier<'a>>,
    pub names: &'a mut [Alias<'a>],
    pub level: u32,
}

/// `Global` and `Nonlocal`: `(identifier* names)`.
#[derive(Debug)]
pub struct Global<'a> {
    pub range: TextRange,
    pub names: &'a mut [Identifier<'a>],
}

/// `Expr(expr value)`: an expression statement.
#[derive(Debug)]
pub struct StmtExpr<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
}

/// `Pass`, `Break` and `Continue`: nothing but a position.
#[derive(Debug)]
pub struct Simple {
    pub range: TextRange,
}
