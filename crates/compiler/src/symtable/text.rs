//! The text form of a table: what the oracle driver prints from CPython's `_symtable` module
//! (each block's `type`, `name`, `lineno`, `nested`, `varnames`, its symbols with their flag
//! words, then its children).

use std::fmt::Write;

use super::SymbolTable;

pub(super) fn text(table: &SymbolTable) -> String {
    let mut out = String::new();
    // Depth-first without recursion: (block, depth), children pushed in reverse.
    let mut pending = vec![(table.root(), 0usize)];
    while let Some((id, depth)) = pending.pop() {
        let Some(scope) = table.scopes.get(id.0 as usize) else {
            continue;
        };
        let indent = "  ".repeat(depth);
        let _ = writeln!(
            out,
            "{indent}{} {} line={} nested={} varnames={}",
            scope.block_type as u32,
            scope.name,
            scope.location.lineno,
            u32::from(scope.nested),
            scope.varnames.join(","),
        );
        for (name, symbol) in &scope.symbols {
            let word = symbol.flags.0 | symbol.scope.map_or(0, |s| (s as u32) << 12);
            let _ = writeln!(out, "{indent}  {name} {word:#x}");
        }
        for &child in scope.children.iter().rev() {
            pending.push((child, depth + 1));
        }
    }
    out
}
