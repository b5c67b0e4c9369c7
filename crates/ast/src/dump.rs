//! The text form of a tree: CPython 3.13's `ast.dump`, character for character.
//!
//! [`dump`] gives what `ast.dump(node, annotate_fields=True, include_attributes=…,
//! indent=…)` returns in CPython 3.13 for the same tree:
//!
//! - fields print as `name=value` in CPython's field order; a field whose value is `None` or an
//!   empty list is left out, except the `value` of `Constant` and `MatchSingleton`;
//! - values print as Python's `repr()` (from `taipan-text`): identifiers and strings with
//!   CPython's quoting and escapes, booleans of the ASDL's `int` fields (`AnnAssign.simple`,
//!   `comprehension.is_async`) as `0`/`1`;
//! - with [`DumpOptions::positions`], the nodes that have CPython attributes (statements,
//!   expressions, patterns, `arg`, `keyword`, `alias`, `ExceptHandler`, type parameters) end with
//!   `lineno`, `col_offset`, `end_lineno` and `end_col_offset`, computed from their range;
//! - with [`DumpOptions::indent`], a node whose fields are all simple (no nested node with
//!   fields, no non-empty list) and at most three prints on one line, anything else one field
//!   per line; without it, everything is on one line, separated by `, `.

use std::fmt::Write as _;

use crate::fields::TreeSink;
use crate::{ConstantValue, Expr, Int, LineIndex, Mod, Pattern, PyStr, Stmt, TextRange};

/// How to print: CPython's `indent` and `include_attributes` arguments.
#[derive(Debug, Default)]
pub struct DumpOptions<'i> {
    /// `indent`: `None` prints on one line; `Some(s)` pretty-prints with `s` per level (CPython
    /// turns an integer indent `n` into `n` spaces: pass `" ".repeat(n)`).
    pub indent: Option<String>,
    /// `include_attributes=True`, with the source's line index to turn ranges into CPython's
    /// line and column numbers.
    pub positions: Option<&'i LineIndex>,
}

/// `ast.dump` of a whole tree.
pub fn dump(module: &Mod<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.module(module, 0);
    printer.out
}

/// `ast.dump` of one expression.
pub fn dump_expr(expr: &Expr<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.expr(expr, 0);
    printer.out
}

/// `ast.dump` of one statement.
pub fn dump_stmt(stmt: &Stmt<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.stmt(stmt, 0);
    printer.out
}

/// `ast.dump` of one pattern.
pub fn dump_pattern(pattern: &Pattern<'_>, options: &DumpOptions<'_>) -> String {
    let mut printer = Printer::new(options);
    printer.pattern(pattern, 0);
    printer.out
}

/// Writes into one buffer. Every method that prints a value takes the `level` of the node whose
/// field it is and returns whether the value was *simple* (CPython's word: a scalar, an empty
/// list, or a node that printed no fields).
struct Printer<'o> {
    out: String,
    indent: Option<&'o str>,
    positions: Option<&'o LineIndex>,
}

/// A node being printed: how deep it is and where its fields are in the buffer.
struct Open {
    /// The nesting level of the node's fields.
    level: usize,
    /// Where the text after `Class(` starts.
    body: usize,
    /// How many fields were printed.
    count: usize,
    all_simple: bool,
    /// Start and end in the buffer of the first three fields (all a one-line node can have).
    spans: [(usize, usize); 3],
}

impl<'o> Printer<'o> {
    fn new(options: &'o DumpOptions<'o>) -> Printer<'o> {
        Printer {
            out: String::new(),
            indent: options.indent.as_deref(),
            positions: options.positions,
        }
    }

    /// A newline and `level` indents, or nothing on one line.
    fn break_line(&mut self, level: usize) {
        if let Some(indent) = self.indent {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(indent);
            }
        }
    }

    /// The separator between two fields or list items.
    fn separator(&mut self, level: usize) {
        self.out.push(',');
        if self.indent.is_some() {
            self.break_line(level);
        } else {
            self.out.push(' ');
        }
    }
}

impl TreeSink for Printer<'_> {
    type Open = Open;

    /// Prints `Class(`, then the fields `fields` writes, then (with positions) the attributes of
    /// `range`, then `)`.
    fn node(
        &mut self,
        level: usize,
        class: &str,
        range: Option<TextRange>,
        fields: impl FnOnce(&mut Self, &mut Open),
    ) -> bool {
        self.out.push_str(class);
        self.out.push('(');
        let mut open = Open {
            level: level + 1,
            body: self.out.len(),
            count: 0,
            all_simple: true,
            spans: [(0, 0); 3],
        };
        fields(self, &mut open);
        if let (Some(range), Some(index)) = (range, self.positions) {
            if range.is_none() {
                for name in ["lineno", "col_offset", "end_lineno", "end_col_offset"] {
                    self.int(&mut open, name, -1);
                }
            } else {
                let position = index.position(range);
                self.int(&mut open, "lineno", position.lineno.into());
                self.int(&mut open, "col_offset", position.col_offset.into());
                self.int(&mut open, "end_lineno", position.end_lineno.into());
                self.int(&mut open, "end_col_offset", position.end_col_offset.into());
            }
        }
        if self.indent.is_some() && open.all_simple && (1..=3).contains(&open.count) {
            // Fields were laid out one per line; a short node of simple fields goes on one.
            open.spans[open.count - 1].1 = self.out.len();
            let laid_out = self.out.split_off(open.body);
            for (i, &(start, end)) in open.spans[..open.count].iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.out
                    .push_str(&laid_out[start - open.body..end - open.body]);
            }
        }
        self.out.push(')');
        open.count == 0
    }

    /// A node with no fields and no attributes: contexts and operators.
    fn leaf(&mut self, class: &str) -> bool {
        self.out.push_str(class);
        self.out.push_str("()");
        true
    }

    /// Prints `name=` and the value `value` writes as a field of `open`.
    fn field(&mut self, open: &mut Open, name: &str, value: impl FnOnce(&mut Self, usize) -> bool) {
        if open.count == 0 {
            self.break_line(open.level);
        } else {
            if open.count <= 3 {
                open.spans[open.count - 1].1 = self.out.len();
            }
            self.separator(open.level);
        }
        if open.count < 3 {
            open.spans[open.count].0 = self.out.len();
        }
        self.out.push_str(name);
        self.out.push('=');
        let simple = value(self, open.level);
        open.all_simple &= simple;
        open.count += 1;
    }

    /// A list value: `[]`, or its items on one line or one per line.
    fn list<T>(
        &mut self,
        level: usize,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T, usize),
    ) -> bool {
        if items.is_empty() {
            self.out.push_str("[]");
            return true;
        }
        let level = level + 1;
        self.out.push('[');
        self.break_line(level);
        for (i, value) in items.iter().enumerate() {
            if i > 0 {
                self.separator(level);
            }
            item(self, value, level);
        }
        self.out.push(']');
        false
    }

    fn string(&mut self, text: &str) -> bool {
        taipan_text::push_str_repr(&mut self.out, text);
        true
    }

    fn int_value(&mut self, value: i64) -> bool {
        let _ = write!(self.out, "{value}");
        true
    }

    fn constant(&mut self, value: &ConstantValue<'_>) -> bool {
        push_constant_repr(&mut self.out, value);
        true
    }

    fn none(&mut self) -> bool {
        self.out.push_str("None");
        true
    }
}

/// The `repr()` of a Python string, lone surrogates included.
fn push_py_str_repr(out: &mut String, text: PyStr<'_>) {
    match text.as_str() {
        Some(text) => taipan_text::push_str_repr(out, text),
        None => {
            let code_points: Vec<u32> = text.code_points().collect();
            taipan_text::push_code_points_repr(out, code_points)
        }
    }
}

/// The `repr()` of a constant, as `ast.dump` prints a `Constant`'s value. A `frozenset`'s
/// items print in CPython's iteration order under the hash secret of `PYTHONHASHSEED=0` (the
/// order of `str` and `bytes` items depends on the seed; seed 0 makes it deterministic).
pub fn push_constant_repr(out: &mut String, value: &ConstantValue<'_>) {
    // Constant tuples nest as deep as the source's brackets.
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || {
        push_constant_repr_inner(out, value)
    });
}

fn push_constant_repr_inner(out: &mut String, value: &ConstantValue<'_>) {
    match value {
        ConstantValue::None => out.push_str("None"),
        ConstantValue::True => out.push_str("True"),
        ConstantValue::False => out.push_str("False"),
        ConstantValue::Ellipsis => out.push_str("Ellipsis"),
        ConstantValue::Int(Int::Small(n)) => {
            let _ = write!(out, "{n}");
        }
        ConstantValue::Int(Int::Big(limbs)) => taipan_text::push_limbs_repr(out, limbs),
        ConstantValue::Int(Int::BigNeg(limbs)) => {
            out.push('-');
            taipan_text::push_limbs_repr(out, limbs)
        }
        ConstantValue::Float(x) => taipan_text::push_float_repr(out, *x),
        ConstantValue::Complex { real, imag } => taipan_text::push_complex_repr(out, *real, *imag),
        ConstantValue::Str(s) => push_py_str_repr(out, *s),
        ConstantValue::Bytes(b) => taipan_text::push_bytes_repr(out, b),
        ConstantValue::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_constant_repr(out, item);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        ConstantValue::FrozenSet(items) => {
            if items.is_empty() {
                out.push_str("frozenset()");
                return;
            }
            out.push_str("frozenset({");
            let order = crate::frozenset_order(items, &taipan_hash::HashSecret::default());
            for (i, &index) in order.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if let Some(item) = items.get(index) {
                    push_constant_repr(out, item);
                }
            }
            out.push_str("})");
        }
    }
}
