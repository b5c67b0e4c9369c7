//! # taipan-ast: Python 3.13 abstract syntax trees, in an arena
//!
//! The node types of CPython 3.13's ASDL (`Parser/Python.asdl`): every `mod`, `stmt`, `expr`,
//! `pattern` and `type_param` constructor and every product type, with CPython's class names,
//! field names and field order. The format version is [`FORMAT_VERSION`]; it models the ASDL of
//! Python [`PYTHON_VERSION`]; changing a node type is a semver change of this crate. The text
//! form is CPython's `ast.dump`, produced by [`dump`].
//!
//! **For:** holding, walking ([`visit`]), rewriting and printing Python syntax trees, whether a
//! parser built them or a program did. **Not for:** parsing (that is `taipan-parser`) or any
//! semantic check CPython makes later (symbol tables, `'return' outside function`: the compiler).
//!
//! ## Architecture invariants
//! - Trees live in a [`bumpalo::Bump`] and borrow from it (`Expr<'a>`): children are `&'a mut`
//!   pointers and `&'a mut [T]` slices. Nothing in a tree needs its destructor run, so dropping
//!   the arena frees a whole tree at once; [`alloc`] and [`alloc_slice`] refuse, at compile
//!   time, a type that needs `Drop`.
//! - The sum types ([`Expr`], [`Stmt`], [`Pattern`], [`TypeParam`]) are one pointer plus a tag:
//!   16 bytes, asserted below.
//! - Positions are byte ranges ([`TextRange`]) into the source; [`LineIndex`] gives CPython's
//!   `lineno`/`col_offset` (columns in UTF-8 bytes) when they are wanted.
//! - Identifiers and string contents borrow from the source where they can (`&'a str`).
//!
//! ## Building and dumping a tree without the parser
//!
//! ```
//! use bumpalo::Bump;
//! use taipan_ast::*;
//!
//! let arena = Bump::new();
//! // `x = 1`
//! let target = Expr::Name(alloc(&arena, Name { range: TextRange::new(0, 1), id: "x", ctx: ExprContext::Store }));
//! let one = Expr::Constant(alloc(&arena, Constant {
//!     range: TextRange::new(4, 5),
//!     value: ConstantValue::Int(Int::Small(1)),
//!     kind: None,
//! }));
//! let assign = Stmt::Assign(alloc(&arena, Assign {
//!     range: TextRange::new(0, 5),
//!     targets: alloc_slice(&arena, vec![target]),
//!     value: one,
//!     type_comment: None,
//! }));
//! let module = Mod::Module { body: alloc_slice(&arena, vec![assign]), type_ignores: &mut [] };
//! assert_eq!(
//!     dump(&module, &DumpOptions::default()),
//!     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])",
//! );
//! ```

mod constant;
pub mod dump;
mod expr;
pub mod fields;
mod misc;
mod pattern;
mod range;
mod stmt;
pub mod visit;

pub use bumpalo;
pub use constant::{ConstantValue, Int, PyStr, frozenset_order, push_code_point};
pub use dump::{DumpOptions, dump};
pub use expr::*;
pub use misc::*;
pub use pattern::*;
pub use range::{LineIndex, Position, TextRange};
pub use stmt::*;

/// The Python version whose ASDL these types model.
pub const PYTHON_VERSION: (u8, u8) = (3, 13);

/// The version of this crate's tree format.
pub const FORMAT_VERSION: u32 = 1;

/// An identifier: borrowed from the source, or from the arena when CPython's NFKC normalisation
/// changed it.
pub type Identifier<'a> = &'a str;

/// Moves a node into the arena. Refuses (at compile time) a type whose destructor would have to
/// run, since the arena never runs destructors.
#[inline]
pub fn alloc<T>(arena: &bumpalo::Bump, value: T) -> &mut T {
    const {
        assert!(
            !std::mem::needs_drop::<T>(),
            "arena nodes must not need Drop"
        )
    };
    arena.alloc(value)
}

/// Moves a list of nodes into the arena as a slice (see [`alloc`]).
#[inline]
pub fn alloc_slice<T, I>(arena: &bumpalo::Bump, items: I) -> &mut [T]
where
    I: IntoIterator<Item = T>,
    I::IntoIter: ExactSizeIterator,
{
    const {
        assert!(
            !std::mem::needs_drop::<T>(),
            "arena nodes must not need Drop"
        )
    };
    arena.alloc_slice_fill_iter(items)
}

// The hot enums stay one pointer wide.
const _: () = {
    assert!(size_of::<Expr<'_>>() == 16);
    assert!(size_of::<Option<Expr<'_>>>() == 16);
    assert!(size_of::<Stmt<'_>>() == 16);
    assert!(size_of::<Pattern<'_>>() == 16);
    assert!(size_of::<ConstantValue<'_>>() <= 24);
    assert!(!std::mem::needs_drop::<Mod<'_>>());
    assert!(!std::mem::needs_drop::<Stmt<'_>>());
};
