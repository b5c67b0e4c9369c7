//! Docstrings: which statement is one (`_PyAST_GetDocString`) and the text CPython 3.13 stores
//! (`_PyCompile_CleanDoc`: tabs expanded, the common indentation of the lines after the first
//! removed, the first line's leading spaces removed).

use taipan_ast::{ConstantValue, Expr, Stmt};
use taipan_bytecode::PyString;

/// The docstring of a body: its first statement when that is an expression statement of a
/// `str` constant.
pub fn get_docstring<'s, 'a>(body: &'s [Stmt<'a>]) -> Option<(&'s Expr<'a>, PyString)> {
    let Some(Stmt::Expr(e)) = body.first() else {
        return None;
    };
    match &e.value {
        Expr::Constant(c) => match &c.value {
            ConstantValue::Str(s) => Some((&e.value, s.to_owned_string())),
            _ => None,
        },
        _ => None,
    }
}

/// `_PyCompile_CleanDoc`: what `inspect.cleandoc` does, minus the removal of blank lines.
pub fn clean_doc(doc: &PyString) -> PyString {
    let expanded = expand_tabs(doc.code_points());
    let space = u32::from(b' ');
    let newline = u32::from(b'\n');

    // The smallest indentation of the non-blank lines after the first.
    let mut margin = usize::MAX;
    let mut lines = expanded.split(|&c| c == newline);
    lines.next();
    for line in lines {
        let indent = line.iter().take_while(|&&c| c == space).count();
        if indent < line.len() {
            margin = margin.min(indent);
        }
    }
    if margin == usize::MAX {
        margin = 0;
    }
    let first_indent = expanded.iter().take_while(|&&c| c == space).count();
    if first_indent == 0 && margin == 0 {
        return PyString::from_code_points(expanded);
    }

    let mut out = Vec::with_capacity(expanded.len());
    for (i, line) in expanded.split(|&c| c == newline).enumerate() {
        if i > 0 {
            out.push(newline);
        }
        let skip = if i == 0 {
            first_indent
        } else {
            line.iter()
                .take(margin)
                .take_while(|&&c| c == space)
                .count()
        };
        out.extend_from_slice(&line[skip..]);
    }
    PyString::from_code_points(out)
}

/// `str.expandtabs()` with tab size 8: columns restart after `\n` and `\r`.
fn expand_tabs(text: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out = Vec::new();
    let mut column = 0usize;
    for c in text {
        match c {
            0x09 => {
                let spaces = 8 - column % 8;
                out.extend(std::iter::repeat_n(u32::from(b' '), spaces));
                column += spaces;
            }
            0x0A | 0x0D => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}
