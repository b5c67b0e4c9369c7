//! Source positions: byte ranges on the nodes, CPython's line/column pairs on demand.
//!
//! Nodes store a [`TextRange`] (byte offsets into the decoded source, 8 bytes) rather than
//! CPython's four integers (16 bytes): half the memory, and the parser never has to count lines.
//! [`LineIndex`] turns a byte offset into CPython's `(lineno, col_offset)`: a 1-based line and a
//! 0-based column counted in UTF-8 bytes, exactly the numbers `ast` nodes carry.

/// A half-open byte range `start..end` into the source a tree was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    /// No position: CPython's `-1` in all four attributes, which its AST optimizer gives the
    /// string pieces it makes when it turns `'%s' % (x,)` into an f-string. The printer shows
    /// it as `-1`s; a compiler gives instructions from such a node no location of their own.
    pub const NONE: TextRange = TextRange {
        start: u32::MAX,
        end: u32::MAX,
    };

    pub const fn new(start: u32, end: u32) -> TextRange {
        TextRange { start, end }
    }

    /// Whether this is [`TextRange::NONE`].
    pub const fn is_none(self) -> bool {
        self.start == u32::MAX && self.end == u32::MAX
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// CPython's position of a node: `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    pub lineno: u32,
    pub col_offset: u32,
    pub end_lineno: u32,
    pub end_col_offset: u32,
}

/// The start offset of every line of a source, to answer "which line and column is byte N".
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as CPython's tokenizer reads them (it translates
/// both to `\n` before counting).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// An index of the given line starts (ascending, the first 0), for trees that come from no
    /// source text (`compile()` of `ast` node objects, whose positions are line and column
    /// pairs laid out on lines of one length).
    pub fn from_line_starts(line_starts: Vec<u32>) -> LineIndex {
        let mut line_starts = line_starts;
        if line_starts.first() != Some(&0) {
            line_starts.insert(0, 0);
        }
        LineIndex { line_starts }
    }

    /// `(lineno, col_offset)` of a byte offset: 1-based line, 0-based column in bytes.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        (line as u32 + 1, offset - self.line_starts[line])
    }

    /// CPython's four position attributes of a range.
    pub fn position(&self, range: TextRange) -> Position {
        let (lineno, col_offset) = self.line_col(range.start);
        let (end_lineno, end_col_offset) = self.line_col(range.end);
        Position {
            lineno,
            col_offset,
            end_lineno,
            end_col_offset,
        }
    }

    /// Byte offset where a 1-based line starts, if the source has that line.
    pub fn line_start(&self, lineno: u32) -> Option<u32> {
        self.line_starts
            .get((lineno as usize).checked_sub(1)?)
            .copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}
