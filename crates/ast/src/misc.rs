//! The small product types and enumerations of CPython's ASDL: operators, contexts, parameters,
//! call keywords, import aliases, `with` items, comprehension clauses, `except` handlers,
//! `match` cases, type parameters and type-ignore comments.

use crate::{Expr, Identifier, Pattern, Stmt, TextRange};

/// `expr_context`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExprContext {
    Load,
    Store,
    Del,
}

/// `boolop`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoolOperator {
    And,
    Or,
}

/// `operator`: the binary operators, in CPython's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

/// `unaryop`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOperator {
    Invert,
    Not,
    UAdd,
    USub,
}

/// `cmpop`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOperator {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

macro_rules! class_names {
    ($($ty:ident { $($variant:ident),* })*) => {$(
        impl $ty {
            /// The class name CPython gives this node.
            pub const fn class_name(self) -> &'static str {
                match self { $($ty::$variant => stringify!($variant),)* }
            }
        }
    )*};
}

class_names! {
    ExprContext { Load, Store, Del }
    BoolOperator { And, Or }
    Operator { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv }
    UnaryOperator { Invert, Not, UAdd, USub }
    CmpOperator { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn }
}

/// `comprehension(expr target, expr iter, expr* ifs, int is_async)`: no position.
#[derive(Debug)]
pub struct Comprehension<'a> {
    pub target: Expr<'a>,
    pub iter: Expr<'a>,
    pub ifs: &'a mut [Expr<'a>],
    pub is_async: bool,
}

/// `ExceptHandler(expr? type, identifier? name, stmt* body)`
#[derive(Debug)]
pub struct ExceptHandler<'a> {
    pub range: TextRange,
    pub type_: Option<Expr<'a>>,
    pub name: Option<Identifier<'a>>,
    pub body: &'a mut [Stmt<'a>],
}

/// `arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr?* kw_defaults,
/// arg? kwarg, expr* defaults)`: no position. A `None` in `kw_defaults` is a keyword-only
/// parameter without a default.
#[derive(Debug)]
pub struct Arguments<'a> {
    pub posonlyargs: &'a mut [Arg<'a>],
    pub args: &'a mut [Arg<'a>],
    pub vararg: Option<&'a mut Arg<'a>>,
    pub kwonlyargs: &'a mut [Arg<'a>],
    pub kw_defaults: &'a mut [Option<Expr<'a>>],
    pub kwarg: Option<&'a mut Arg<'a>>,
    pub defaults: &'a mut [Expr<'a>],
}

/// `arg(identifier arg, expr? annotation, string? type_comment)`
#[derive(Debug)]
pub struct Arg<'a> {
    pub range: TextRange,
    pub arg: Identifier<'a>,
    pub annotation: Option<Expr<'a>>,
    pub type_comment: Option<&'a str>,
}

/// `keyword(identifier? arg, expr value)`: `arg` is `None` for `**mapping`.
#[derive(Debug)]
pub struct Keyword<'a> {
    pub range: TextRange,
    pub arg: Option<Identifier<'a>>,
    pub value: Expr<'a>,
}

/// `alias(identifier name, identifier? asname)`
#[derive(Debug)]
pub struct Alias<'a> {
    pub range: TextRange,
    pub name: Identifier<'a>,
    pub asname: Option<Identifier<'a>>,
}

/// `withitem(expr context_expr, expr? optional_vars)`: no position.
#[derive(Debug)]
pub struct WithItem<'a> {
    pub context_expr: Expr<'a>,
    pub optional_vars: Option<Expr<'a>>,
}

/// `match_case(pattern pattern, expr? guard, stmt* body)`: no position.
#[derive(Debug)]
pub struct MatchCase<'a> {
    pub pattern: Pattern<'a>,
    pub guard: Option<Expr<'a>>,
    pub body: &'a mut [Stmt<'a>],
}

/// `type_param`: `TypeVar(identifier name, expr? bound, expr? default_value)`,
/// `ParamSpec(identifier name, expr? default_value)`,
/// `TypeVarTuple(identifier name, expr? default_value)`. `bound` is always `None` for the last
/// two.
#[derive(Debug)]
pub enum TypeParam<'a> {
    TypeVar(&'a mut TypeParamData<'a>),
    ParamSpec(&'a mut TypeParamData<'a>),
    TypeVarTuple(&'a mut TypeParamData<'a>),
}

/// The fields of a [`TypeParam`].
#[derive(Debug)]
pub struct TypeParamData<'a> {
    pub range: TextRange,
    pub name: Identifier<'a>,
    pub bound: Option<Expr<'a>>,
    pub default_value: Option<Expr<'a>>,
}

impl<'a> TypeParam<'a> {
    pub fn data(&self) -> &TypeParamData<'a> {
        match self {
            TypeParam::TypeVar(d) | TypeParam::ParamSpec(d) | TypeParam::TypeVarTuple(d) => d,
        }
    }

    pub fn data_mut(&mut self) -> &mut TypeParamData<'a> {
        match self {
            TypeParam::TypeVar(d) | TypeParam::ParamSpec(d) | TypeParam::TypeVarTuple(d) => d,
        }
    }

    pub fn class_name(&self) -> &'static str {
        match self {
            TypeParam::TypeVar(_) => "TypeVar",
            TypeParam::ParamSpec(_) => "ParamSpec",
            TypeParam::TypeVarTuple(_) => "TypeVarTuple",
        }
    }
}

/// `TypeIgnore(int lineno, string tag)`: a `# type: ignore[tag]` comment.
#[derive(Debug)]
pub struct TypeIgnore<'a> {
    pub lineno: u32,
    pub tag: &'a str,
}

/// `mod`: what a parse returns, one constructor per mode.
#[derive(Debug)]
pub enum Mod<'a> {
    /// `Module(stmt* body, type_ignore* type_ignores)`: mode `exec`.
    Module {
        body: &'a mut [Stmt<'a>],
        type_ignores: &'a mut [TypeIgnore<'a>],
    },
    /// `Interactive(stmt* body)`: mode `single`.
    Interactive { body: &'a mut [Stmt<'a>] },
    /// `Expression(expr body)`: mode `eval`.
    Expression { body: Expr<'a> },
    /// `FunctionType(expr* argtypes, expr returns)`: mode `func_type`.
    FunctionType {
        argtypes: &'a mut [Expr<'a>],
        returns: Expr<'a>,
    },
}
