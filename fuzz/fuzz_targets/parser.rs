//! Fuzz the parser: arbitrary bytes as UTF-8 text, through all four modes with and without type
//! comments. On success the tree dumps (with positions) and every node's range lies in the source
//! on char boundaries; on failure the error's position is sane. Nothing may panic.
#![no_main]

use bumpalo::Bump;
use libfuzzer_sys::fuzz_target;
use taipan_ast::visit::{self, Visitor};
use taipan_ast::{
    Alias, Arg, DumpOptions, ExceptHandler, Expr, Keyword, LineIndex, Pattern, Stmt, TextRange,
    TypeParam, dump,
};
use taipan_parser::{Mode, Options, parse};

const MODES: [Mode; 4] = [Mode::Exec, Mode::Eval, Mode::Single, Mode::FuncType];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        // Invalid UTF-8: the lossy text once, in the main mode.
        check(&String::from_utf8_lossy(data), Options::default());
        return;
    };
    for mode in MODES {
        for type_comments in [false, true] {
            check(
                text,
                Options {
                    mode,
                    type_comments,
                },
            );
        }
    }
});

fn check(text: &str, options: Options) {
    let arena = Bump::new();
    match parse(text, &options, &arena) {
        Ok(parsed) => {
            let index = LineIndex::new(text);
            let mut ranges = Ranges { text, options };
            ranges.visit_mod(&parsed.tree);
            let plain = dump(&parsed.tree, &DumpOptions::default());
            let with_positions = dump(
                &parsed.tree,
                &DumpOptions {
                    indent: Some("  ".to_owned()),
                    positions: Some(&index),
                },
            );
            assert!(!plain.is_empty() && with_positions.len() >= plain.len());
            for warning in &parsed.warnings {
                assert!(
                    warning.lineno >= 1,
                    "{options:?}: warning on line 0: {warning:?}"
                );
            }
        }
        Err(error) => {
            // Positions are optional (CPython raises some errors without one), but a line is
            // 1-based and within the source (or just past its end), and an error does not end
            // on a line before it starts. An empty source is CPython's line 0.
            let lines = LineIndex::new(text).line_count() as i32;
            let first = if text.is_empty() { 0 } else { 1 };
            if let Some(lineno) = error.lineno {
                assert!(
                    (first..=lines + 1).contains(&lineno),
                    "{options:?}: error on line {lineno} of {lines}: {error:?}"
                );
            }
            if let (Some(start), Some(end)) = (error.lineno, error.end_lineno) {
                assert!(
                    end >= start,
                    "{options:?}: error ends before it starts: {error:?}"
                );
            }
            assert!(
                !error.message.is_empty(),
                "{options:?}: empty message: {error:?}"
            );
        }
    }
}

/// Checks every range the tree holds.
struct Ranges<'t> {
    text: &'t str,
    options: Options,
}

impl Ranges<'_> {
    fn range(&self, what: &str, range: TextRange) {
        let (start, end) = (range.start as usize, range.end as usize);
        assert!(
            start <= end && end <= self.text.len(),
            "{:?}: {what} range {start}..{end} outside the source (len {})",
            self.options,
            self.text.len()
        );
        assert!(
            self.text.is_char_boundary(start) && self.text.is_char_boundary(end),
            "{:?}: {what} range {start}..{end} not on char boundaries",
            self.options
        );
    }
}

impl<'a> Visitor<'a> for Ranges<'_> {
    fn visit_stmt(&mut self, stmt: &Stmt<'a>) {
        self.range("stmt", stmt.range());
        visit::walk_stmt(self, stmt);
    }
    fn visit_expr(&mut self, expr: &Expr<'a>) {
        self.range(expr.class_name(), expr.range());
        visit::walk_expr(self, expr);
    }
    fn visit_pattern(&mut self, pattern: &Pattern<'a>) {
        self.range("pattern", pattern.range());
        visit::walk_pattern(self, pattern);
    }
    fn visit_type_param(&mut self, param: &TypeParam<'a>) {
        self.range(param.class_name(), param.data().range);
        visit::walk_type_param(self, param);
    }
    fn visit_arg(&mut self, arg: &Arg<'a>) {
        self.range("arg", arg.range);
        visit::walk_arg(self, arg);
    }
    fn visit_keyword(&mut self, keyword: &Keyword<'a>) {
        self.range("keyword", keyword.range);
        visit::walk_keyword(self, keyword);
    }
    fn visit_alias(&mut self, alias: &Alias<'a>) {
        self.range("alias", alias.range);
    }
    fn visit_except_handler(&mut self, handler: &ExceptHandler<'a>) {
        self.range("ExceptHandler", handler.range);
        visit::walk_except_handler(self, handler);
    }
}
