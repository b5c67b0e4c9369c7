//! The source lines of a traceback entry and the `~~~^^^` markers under them, as CPython
//! 3.13's `traceback.StackSummary.format_frame_summary` prints them: the instruction's lines
//! (first, last, and those around the anchors; `...<N lines>...` for the rest), dedented, with
//! markers unless `_should_show_carets` says they would only repeat the whole line; the anchors
//! of binary operators (`~~~^~~~`), subscripts and calls (`~~~^^^^^`) found by parsing the
//! instruction's source segment, as `_extract_caret_anchors_from_line_segment` does.
//!
//! Not for: reading files (the caller passes a line getter) or the `File "…", line N` header.

use taipan_ast::{Expr, LineIndex, Mod, Stmt};
use taipan_parser::{Mode, Options};

/// Where the secondary markers run: from `(left_line, left_col)` (inclusive) to
/// `(right_line, right_col)` (exclusive), in characters of the segment's lines.
#[derive(Debug, Clone, Copy)]
struct Anchors {
    left_line: usize,
    left_col: usize,
    right_line: usize,
    right_col: usize,
    primary: char,
    secondary: char,
}

/// The printed lines (each with its 4-space indent) for an instruction at lines
/// `lineno..=end_lineno`, columns `col`..`end_col` (UTF-8 byte offsets, as `co_positions`).
/// `get_line` returns a 1-based source line without its newline.
pub fn frame_source_lines(
    get_line: &mut dyn FnMut(i32) -> Option<String>,
    lineno: i32,
    end_lineno: Option<i32>,
    col: Option<i32>,
    end_col: Option<i32>,
) -> Vec<String> {
    // FrameSummary: end_lineno defaults to lineno; lines are read rstripped.
    let end_lineno = end_lineno.unwrap_or(lineno);
    if end_lineno < lineno || end_lineno - lineno > 100_000 {
        return Vec::new();
    }
    let original: Vec<String> = (lineno..=end_lineno)
        .map(|l| get_line(l).unwrap_or_default().trim_end().to_owned())
        .collect();
    if original.iter().all(|l| l.trim().is_empty()) {
        return Vec::new();
    }
    let (Some(col), Some(end_col)) = (col, end_col) else {
        // Without columns only the first line is shown, stripped.
        let first = original
            .first()
            .map(|l| l.trim().to_owned())
            .unwrap_or_default();
        return vec![if first.is_empty() {
            String::new()
        } else {
            format!("    {first}")
        }];
    };
    let dedented = dedent(&original);
    let all_lines: Vec<Vec<char>> = dedented.iter().map(|l| l.chars().collect()).collect();
    let (Some(first_line), Some(last_line)) = (original.first(), original.last()) else {
        return Vec::new();
    };
    let (Some(first_dedented), Some(last_dedented)) = (all_lines.first(), all_lines.last()) else {
        return Vec::new();
    };
    let start_offset = byte_to_char_offset(first_line, col.max(0) as usize);
    let end_offset = byte_to_char_offset(last_line, end_col.max(0) as usize);
    let dedent_chars = first_line
        .chars()
        .count()
        .saturating_sub(first_dedented.len());
    let start_offset = start_offset.saturating_sub(dedent_chars);
    let end_offset = end_offset.saturating_sub(dedent_chars);
    let dp_start = display_width(first_dedented, start_offset);
    let dp_end = display_width(last_dedented, end_offset);

    // The instruction's own source text.
    let joined: Vec<char> = dedented.join("\n").chars().collect();
    let tail = last_dedented.len() as isize - end_offset as isize;
    let seg_end = (joined.len() as isize - tail).clamp(0, joined.len() as isize) as usize;
    let segment: String = joined
        .get(start_offset.min(seg_end)..seg_end)
        .map(|s| s.iter().collect())
        .unwrap_or_default();

    let anchors = extract_anchors(&segment);
    let show = should_show_carets(
        start_offset,
        end_offset,
        &dedented,
        &all_lines,
        anchors.is_some(),
    );

    let n = all_lines.len();
    let mut significant: Vec<isize> = vec![0, n as isize - 1];
    let mut left_offset = 0;
    let mut right_offset = 0;
    if let Some(a) = &anchors {
        left_offset = a.left_col + if a.left_line == 0 { start_offset } else { 0 };
        right_offset = a.right_col + if a.right_line == 0 { start_offset } else { 0 };
        left_offset = all_lines
            .get(a.left_line)
            .map_or(left_offset, |l| display_width(l, left_offset));
        right_offset = all_lines
            .get(a.right_line)
            .map_or(right_offset, |l| display_width(l, right_offset));
        for center in [a.left_line as isize, a.right_line as isize] {
            significant.extend(center - 1..center + 2);
        }
    }
    significant.retain(|&l| l >= 0 && l < n as isize);
    significant.sort_unstable();
    significant.dedup();

    let mut result: Vec<String> = Vec::new();
    let output_line = |index: usize, result: &mut Vec<String>| {
        let Some(line) = all_lines.get(index) else {
            return;
        };
        result.push(line.iter().collect());
        if !show {
            return;
        }
        let num_spaces = line.iter().take_while(|c| c.is_whitespace()).count();
        let num_carets = if index == n - 1 {
            dp_end
        } else {
            display_width(line, line.len())
        };
        let mut carets = String::with_capacity(num_carets);
        for c in 0..num_carets {
            let ch = if c < num_spaces || (index == 0 && c < dp_start) {
                ' '
            } else if let Some(a) = anchors.as_ref().filter(|a| {
                (index > a.left_line || (index == a.left_line && c >= left_offset))
                    && (index < a.right_line || (index == a.right_line && c < right_offset))
            }) {
                a.secondary
            } else {
                anchors.as_ref().map_or('^', |a| a.primary)
            };
            carets.push(ch);
        }
        result.push(carets);
    };
    for (i, &l) in significant.iter().enumerate() {
        if i > 0 {
            let gap = l - significant[i - 1];
            if gap == 2 {
                output_line((l - 1) as usize, &mut result);
            } else if gap > 2 {
                result.push(format!("...<{} lines>...", gap - 1));
            }
        }
        output_line(l as usize, &mut result);
    }
    dedent(&result)
        .into_iter()
        .map(|l| format!("    {l}"))
        .collect()
}

/// `textwrap.dedent` over lines: whitespace-only lines become empty; the longest common
/// leading run of spaces and tabs of the other lines is removed.
fn dedent(lines: &[String]) -> Vec<String> {
    let is_blank = |l: &str| l.chars().all(|c| c == ' ' || c == '\t');
    let mut margin: Option<&str> = None;
    for l in lines.iter().filter(|l| !is_blank(l)) {
        let indent_len = l.len() - l.trim_start_matches([' ', '\t']).len();
        let indent = &l[..indent_len];
        margin = Some(match margin {
            None => indent,
            Some(m) => {
                let common = m
                    .bytes()
                    .zip(indent.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &m[..common]
            }
        });
    }
    let cut = margin.map_or(0, str::len);
    lines
        .iter()
        .map(|l| {
            if is_blank(l) {
                String::new()
            } else {
                l.get(cut..).unwrap_or(l).to_owned()
            }
        })
        .collect()
}

/// `_byte_offset_to_character_offset`: characters starting before byte `offset` (a character
/// cut by the offset counts, as decoding with `errors="replace"` does).
fn byte_to_char_offset(line: &str, offset: usize) -> usize {
    line.char_indices().take_while(|(i, _)| *i < offset).count()
}

/// `_display_width`: East Asian wide and fullwidth characters take two columns.
fn display_width(line: &[char], offset: usize) -> usize {
    if line.iter().all(char::is_ascii) {
        return offset;
    }
    line.iter()
        .take(offset)
        .map(|&c| if is_wide(c) { 2 } else { 1 })
        .sum()
}

/// Unicode East Asian Width W or F (the main blocks).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x231A..=0x231B | 0x2329..=0x232A | 0x23E9..=0x23EC | 0x23F0 | 0x23F3
        | 0x25FD..=0x25FE | 0x2614..=0x2615 | 0x2648..=0x2653 | 0x267F | 0x2693 | 0x26A1
        | 0x26AA..=0x26AB | 0x26BD..=0x26BE | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA
        | 0x26F2..=0x26F3 | 0x26F5 | 0x26FA | 0x26FD | 0x2705 | 0x270A..=0x270B | 0x2728 | 0x274C
        | 0x274E | 0x2753..=0x2755 | 0x2757 | 0x2795..=0x2797 | 0x27B0 | 0x27BF | 0x2B1B..=0x2B1C
        | 0x2B50 | 0x2B55 | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x16FE0..=0x18CFF | 0x1B000..=0x1B2FF
        | 0x1F004 | 0x1F0CF | 0x1F18E | 0x1F191..=0x1F19A | 0x1F200..=0x1F320 | 0x1F32D..=0x1F335
        | 0x1F337..=0x1F37C | 0x1F37E..=0x1F393 | 0x1F3A0..=0x1F3CA | 0x1F3CF..=0x1F3D3
        | 0x1F3E0..=0x1F3F0 | 0x1F3F4 | 0x1F3F8..=0x1F43E | 0x1F440 | 0x1F442..=0x1F4FC
        | 0x1F4FF..=0x1F53D | 0x1F54B..=0x1F54E | 0x1F550..=0x1F567 | 0x1F57A | 0x1F595..=0x1F596
        | 0x1F5A4 | 0x1F5FB..=0x1F64F | 0x1F680..=0x1F6C5 | 0x1F6CC | 0x1F6D0..=0x1F6D2
        | 0x1F6D5..=0x1F6D7 | 0x1F6DC..=0x1F6DF | 0x1F6EB..=0x1F6EC | 0x1F6F4..=0x1F6FC
        | 0x1F7E0..=0x1F7EB | 0x1F7F0 | 0x1F90C..=0x1F93A | 0x1F93C..=0x1F945 | 0x1F947..=0x1F9FF
        | 0x1FA70..=0x1FAFF | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// `_should_show_carets`: no markers when the instruction is a whole `return f(…)` or
/// `x = f(…)` line, or when they would underline the whole line.
fn should_show_carets(
    start_offset: usize,
    end_offset: usize,
    dedented: &[String],
    all_lines: &[Vec<char>],
    has_anchors: bool,
) -> bool {
    let source = dedented.join("\n");
    let arena = bumpalo::Bump::new();
    let options = Options {
        mode: Mode::Exec,
        ..Options::default()
    };
    if let Ok(parsed) = taipan_parser::parse(&source, &options, &arena) {
        let Mod::Module { body, .. } = &parsed.tree else {
            return false;
        };
        let Some(statement) = body.first() else {
            return false;
        };
        let value = match statement {
            Stmt::Return(r) => match &r.value {
                Some(v @ Expr::Call(c)) if matches!(c.func, Expr::Name(_)) => Some(v.range()),
                _ => None,
            },
            Stmt::Assign(a) => match (&a.value, &*a.targets) {
                (v @ Expr::Call(_), [Expr::Name(_)]) => Some(v.range()),
                _ => None,
            },
            _ => None,
        };
        if let Some(range) = value {
            // Columns compared as CPython does: the node's byte columns against the
            // character offsets.
            let index = LineIndex::new(&source);
            let p = index.position(range);
            if p.lineno == 1
                && p.end_lineno as usize == all_lines.len()
                && p.col_offset as usize == start_offset
                && p.end_col_offset as usize == end_offset
            {
                return false;
            }
        }
    }
    if has_anchors {
        return true;
    }
    let first = all_lines.first().map(Vec::as_slice).unwrap_or_default();
    let last = all_lines.last().map(Vec::as_slice).unwrap_or_default();
    let before = first
        .get(..start_offset.min(first.len()))
        .unwrap_or_default();
    let after = last.get(end_offset.min(last.len())..).unwrap_or_default();
    before.iter().any(|c| !c.is_whitespace()) || after.iter().any(|c| !c.is_whitespace())
}

/// `_extract_caret_anchors_from_line_segment`: the operator of a binary operation, or the
/// brackets of a subscript or call, found by parsing `(\n{segment}\n)`.
fn extract_anchors(segment: &str) -> Option<Anchors> {
    let wrapped = format!("(\n{segment}\n)");
    let arena = bumpalo::Bump::new();
    let options = Options {
        mode: Mode::Exec,
        ..Options::default()
    };
    let parsed = taipan_parser::parse(&wrapped, &options, &arena).ok()?;
    let Mod::Module { body, .. } = &parsed.tree else {
        return None;
    };
    let [Stmt::Expr(statement)] = &**body else {
        return None;
    };
    let index = LineIndex::new(&wrapped);
    let lines: Vec<Vec<char>> = split_lines(segment)
        .into_iter()
        .map(|l| l.chars().collect())
        .collect();
    let wrapped_lines: Vec<&str> = wrapped.split('\n').collect();
    let cursor = Cursor { lines: &lines };
    // A byte offset of the wrapped text as (segment line, character column).
    let position = |offset: u32| -> Option<(usize, usize)> {
        let (line, byte_col) = index.line_col(offset);
        let seg_line = (line as usize).checked_sub(2)?;
        let text = wrapped_lines.get(line as usize - 1)?;
        Some((seg_line, byte_to_char_offset(text, byte_col as usize)))
    };
    let end_of = |e: &Expr<'_>, force_valid: bool| -> Option<(usize, usize)> {
        let (l, c) = position(e.range().end)?;
        if force_valid {
            cursor.next_valid(l, c)
        } else {
            Some((l, c))
        }
    };
    match &statement.value {
        Expr::BinOp(b) => {
            let (l, c) = end_of(&b.left, true)?;
            let (l, c) = cursor.until(l, c, |ch| !ch.is_whitespace() && ch != ')')?;
            let line = lines.get(l)?;
            let mut right_col = c + 1;
            let (right_line, right_start) = position(b.right.range().start)?;
            if right_col < line.len()
                && (right_line > l || right_col < right_start)
                && line
                    .get(right_col)
                    .is_some_and(|ch| !ch.is_whitespace() && *ch != '\\' && *ch != '#')
            {
                right_col += 1;
            }
            Some(Anchors {
                left_line: l,
                left_col: c,
                right_line: l,
                right_col,
                primary: '~',
                secondary: '^',
            })
        }
        // `value[...]` and `func(...)`: `^` from the opening bracket to the end.
        Expr::Subscript(_) | Expr::Call(_) => {
            let (head, open) = match &statement.value {
                Expr::Subscript(s) => (&s.value, '['),
                Expr::Call(call) => (&call.func, '('),
                _ => return None,
            };
            let (l, c) = end_of(head, true)?;
            let (l, c) = cursor.until(l, c, |ch| ch == open)?;
            let (rl, rc) = end_of(&statement.value, false)?;
            Some(Anchors {
                left_line: l,
                left_col: c,
                right_line: rl,
                right_col: rc,
                primary: '~',
                secondary: '^',
            })
        }
        _ => None,
    }
}

/// `str.splitlines` for text of `\n`-joined lines: no empty piece after a final newline.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Walking the segment's characters as the anchor search does (skipping line continuations
/// and comments).
struct Cursor<'a> {
    lines: &'a [Vec<char>],
}

impl Cursor<'_> {
    fn next_valid(&self, mut line: usize, mut col: usize) -> Option<(usize, usize)> {
        while line < self.lines.len() && col >= self.lines[line].len() {
            col = 0;
            line += 1;
        }
        (line < self.lines.len()).then_some((line, col))
    }

    fn until(
        &self,
        mut line: usize,
        mut col: usize,
        stop: impl Fn(char) -> bool,
    ) -> Option<(usize, usize)> {
        // Bounded by the segment's length: every step moves forward.
        loop {
            let ch = *self.lines.get(line)?.get(col)?;
            if ch == '\\' || ch == '#' {
                (line, col) = self.next_valid(line + 1, 0)?;
            } else if !stop(ch) {
                (line, col) = self.next_valid(line, col + 1)?;
            } else {
                return Some((line, col));
            }
        }
    }
}
