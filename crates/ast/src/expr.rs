//! Expressions: CPython's `expr` sum type, one struct per constructor.

use crate::{
    Arguments, BoolOperator, CmpOperator, Comprehension, ConstantValue, ExprContext, Identifier,
};
use crate::{Keyword, Operator, TextRange, UnaryOperator};

/// An expression: a pointer into the arena, 16 bytes, whatever the node.
#[derive(Debug)]
pub enum Expr<'a> {
    BoolOp(&'a mut BoolOp<'a>),
    NamedExpr(&'a mut NamedExpr<'a>),
    BinOp(&'a mut BinOp<'a>),
    UnaryOp(&'a mut UnaryOp<'a>),
    Lambda(&'a mut Lambda<'a>),
    IfExp(&'a mut IfExp<'a>),
    Dict(&'a mut Dict<'a>),
    Set(&'a mut Set<'a>),
    ListComp(&'a mut Comp<'a>),
    SetComp(&'a mut Comp<'a>),
    DictComp(&'a mut DictComp<'a>),
    GeneratorExp(&'a mut Comp<'a>),
    Await(&'a mut Await<'a>),
    Yield(&'a mut Yield<'a>),
    YieldFrom(&'a mut YieldFrom<'a>),
    Compare(&'a mut Compare<'a>),
    Call(&'a mut Call<'a>),
    FormattedValue(&'a mut FormattedValue<'a>),
    JoinedStr(&'a mut JoinedStr<'a>),
    Constant(&'a mut Constant<'a>),
    Attribute(&'a mut Attribute<'a>),
    Subscript(&'a mut Subscript<'a>),
    Starred(&'a mut Starred<'a>),
    Name(&'a mut Name<'a>),
    List(&'a mut List<'a>),
    Tuple(&'a mut Tuple<'a>),
    Slice(&'a mut Slice<'a>),
}

macro_rules! each_expr {
    ($self:expr, $node:ident => $body:expr) => {
        match $self {
            Expr::BoolOp($node) => $body,
            Expr::NamedExpr($node) => $body,
            Expr::BinOp($node) => $body,
            Expr::UnaryOp($node) => $body,
            Expr::Lambda($node) => $body,
            Expr::IfExp($node) => $body,
            Expr::Dict($node) => $body,
            Expr::Set($node) => $body,
            Expr::ListComp($node) => $body,
            Expr::SetComp($node) => $body,
            Expr::DictComp($node) => $body,
            Expr::GeneratorExp($node) => $body,
            Expr::Await($node) => $body,
            Expr::Yield($node) => $body,
            Expr::YieldFrom($node) => $body,
            Expr::Compare($node) => $body,
            Expr::Call($node) => $body,
            Expr::FormattedValue($node) => $body,
            Expr::JoinedStr($node) => $body,
            Expr::Constant($node) => $body,
            Expr::Attribute($node) => $body,
            Expr::Subscript($node) => $body,
            Expr::Starred($node) => $body,
            Expr::Name($node) => $body,
            Expr::List($node) => $body,
            Expr::Tuple($node) => $body,
            Expr::Slice($node) => $body,
        }
    };
}

impl<'a> Expr<'a> {
    pub fn range(&self) -> TextRange {
        each_expr!(self, node => node.range)
    }

    pub fn set_range(&mut self, range: TextRange) {
        each_expr!(self, node => node.range = range)
    }

    /// The class name CPython gives this node (`"BinOp"`, `"ListComp"`…).
    pub fn class_name(&self) -> &'static str {
        match self {
            Expr::BoolOp(_) => "BoolOp",
            Expr::NamedExpr(_) => "NamedExpr",
            Expr::BinOp(_) => "BinOp",
            Expr::UnaryOp(_) => "UnaryOp",
            Expr::Lambda(_) => "Lambda",
            Expr::IfExp(_) => "IfExp",
            Expr::Dict(_) => "Dict",
            Expr::Set(_) => "Set",
            Expr::ListComp(_) => "ListComp",
            Expr::SetComp(_) => "SetComp",
            Expr::DictComp(_) => "DictComp",
            Expr::GeneratorExp(_) => "GeneratorExp",
            Expr::Await(_) => "Await",
            Expr::Yield(_) => "Yield",
            Expr::YieldFrom(_) => "YieldFrom",
            Expr::Compare(_) => "Compare",
            Expr::Call(_) => "Call",
            Expr::FormattedValue(_) => "FormattedValue",
            Expr::JoinedStr(_) => "JoinedStr",
            Expr::Constant(_) => "Constant",
            Expr::Attribute(_) => "Attribute",
            Expr::Subscript(_) => "Subscript",
            Expr::Starred(_) => "Starred",
            Expr::Name(_) => "Name",
            Expr::List(_) => "List",
            Expr::Tuple(_) => "Tuple",
            Expr::Slice(_) => "Slice",
        }
    }

    /// The context of the node kinds that have one (Name, Attribute, Subscript, Starred, List,
    /// Tuple).
    pub fn ctx(&self) -> Option<ExprContext> {
        match self {
            Expr::Attribute(node) => Some(node.ctx),
            Expr::Subscript(node) => Some(node.ctx),
            Expr::Starred(node) => Some(node.ctx),
            Expr::Name(node) => Some(node.ctx),
            Expr::List(node) => Some(node.ctx),
            Expr::Tuple(node) => Some(node.ctx),
            _ => None,
        }
    }
}

/// `BoolOp(boolop op, expr* values)`
#[derive(Debug)]
pub struct BoolOp<'a> {
    pub range: TextRange,
    pub op: BoolOperator,
    pub values: &'a mut [Expr<'a>],
}

/// `NamedExpr(expr target, expr value)`
#[derive(Debug)]
pub struct NamedExpr<'a> {
    pub range: TextRange,
    pub target: Expr<'a>,
    pub value: Expr<'a>,
}

/// `BinOp(expr left, operator op, expr right)`
#[derive(Debug)]
pub struct BinOp<'a> {
    pub range: TextRange,
    pub left: Expr<'a>,
    pub op: Operator,
    pub right: Expr<'a>,
}

/// `UnaryOp(unaryop op, expr operand)`
#[derive(Debug)]
pub struct UnaryOp<'a> {
    pub range: TextRange,
    pub op: UnaryOperator,
    pub operand: Expr<'a>,
}

/// `Lambda(arguments args, expr body)`
#[derive(Debug)]
pub struct Lambda<'a> {
    pub range: TextRange,
    pub args: &'a mut Arguments<'a>,
    pub body: Expr<'a>,
}

/// `IfExp(expr test, expr body, expr orelse)`
#[derive(Debug)]
pub struct IfExp<'a> {
    pub range: TextRange,
    pub test: Expr<'a>,
    pub body: Expr<'a>,
    pub orelse: Expr<'a>,
}

/// `Dict(expr?* keys, expr* values)`: a `None` key is a `**mapping` entry.
#[derive(Debug)]
pub struct Dict<'a> {
    pub range: TextRange,
    pub keys: &'a mut [Option<Expr<'a>>],
    pub values: &'a mut [Expr<'a>],
}

/// `Set(expr* elts)`
#[derive(Debug)]
pub struct Set<'a> {
    pub range: TextRange,
    pub elts: &'a mut [Expr<'a>],
}

/// `ListComp`, `SetComp` and `GeneratorExp`: `(expr elt, comprehension* generators)`.
#[derive(Debug)]
pub struct Comp<'a> {
    pub range: TextRange,
    pub elt: Expr<'a>,
    pub generators: &'a mut [Comprehension<'a>],
}

/// `DictComp(expr key, expr value, comprehension* generators)`
#[derive(Debug)]
pub struct DictComp<'a> {
    pub range: TextRange,
    pub key: Expr<'a>,
    pub value: Expr<'a>,
    pub generators: &'a mut [Comprehension<'a>],
}

/// `Await(expr value)`
#[derive(Debug)]
pub struct Await<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
}

/// `Yield(expr? value)`
#[derive(Debug)]
pub struct Yield<'a> {
    pub range: TextRange,
    pub value: Option<Expr<'a>>,
}

/// `YieldFrom(expr value)`
#[derive(Debug)]
pub struct YieldFrom<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
}

/// `Compare(expr left, cmpop* ops, expr* comparators)`
#[derive(Debug)]
pub struct Compare<'a> {
    pub range: TextRange,
    pub left: Expr<'a>,
    pub ops: &'a mut [CmpOperator],
    pub comparators: &'a mut [Expr<'a>],
}

/// `Call(expr func, expr* args, keyword* keywords)`
#[derive(Debug)]
pub struct Call<'a> {
    pub range: TextRange,
    pub func: Expr<'a>,
    pub args: &'a mut [Expr<'a>],
    pub keywords: &'a mut [Keyword<'a>],
}

/// `FormattedValue(expr value, int conversion, expr? format_spec)`: `conversion` is -1 (none)
/// or the code of `s`, `r` or `a`.
#[derive(Debug)]
pub struct FormattedValue<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
    pub conversion: i32,
    pub format_spec: Option<Expr<'a>>,
}

/// `JoinedStr(expr* values)`
#[derive(Debug)]
pub struct JoinedStr<'a> {
    pub range: TextRange,
    pub values: &'a mut [Expr<'a>],
}

/// `Constant(constant value, string? kind)`: `kind` is `Some("u")` for a `u'…'` literal.
#[derive(Debug)]
pub struct Constant<'a> {
    pub range: TextRange,
    pub value: ConstantValue<'a>,
    pub kind: Option<&'a str>,
}

/// `Attribute(expr value, identifier attr, expr_context ctx)`
#[derive(Debug)]
pub struct Attribute<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
    pub attr: Identifier<'a>,
    pub ctx: ExprContext,
}

/// `Subscript(expr value, expr slice, expr_context ctx)`
#[derive(Debug)]
pub struct Subscript<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
    pub slice: Expr<'a>,
    pub ctx: ExprContext,
}

/// `Starred(expr value, expr_context ctx)`
#[derive(Debug)]
pub struct Starred<'a> {
    pub range: TextRange,
    pub value: Expr<'a>,
    pub ctx: ExprContext,
}

/// `Name(identifier id, expr_context ctx)`
#[derive(Debug)]
pub struct Name<'a> {
    pub range: TextRange,
    pub id: Identifier<'a>,
    pub ctx: ExprContext,
}

/// `List(expr* elts, expr_context ctx)`
#[derive(Debug)]
pub struct List<'a> {
    pub range: TextRange,
    pub elts: &'a mut [Expr<'a>],
    pub ctx: ExprContext,
}

/// `Tuple(expr* elts, expr_context ctx)`
#[derive(Debug)]
pub struct Tuple<'a> {
    pub range: TextRange,
    pub elts: &'a mut [Expr<'a>],
    pub ctx: ExprContext,
}

/// `Slice(expr? lower, expr? upper, expr? step)`
#[derive(Debug)]
pub struct Slice<'a> {
    pub range: TextRange,
    pub lower: Option<Expr<'a>>,
    pub upper: Option<Expr<'a>>,
    pub step: Option<Expr<'a>>,
}
