//! The token stream the grammar reads: the lexer's tokens with keywords told apart from names,
//! soft keywords decided, type comments picked out, and a start token naming the mode.
//!
//! CPython's PEG parser decides soft keywords (`match`, `case`, `type`) by backtracking; an LR
//! grammar cannot, so this stream decides them by looking ahead within the logical line:
//! - `match` at the start of a statement is a keyword when the logical line ends with `:` (a
//!   simple statement never does; a `match` header always does, its block being on the lines
//!   after it);
//! - `case` at the start of a statement directly inside a `match` block is always a keyword (in
//!   CPython's grammar a match block holds nothing but case blocks, and a case block's body may
//!   follow its `:` on the same line, so its line need not end with `:`); anywhere else it is a
//!   name;
//! - `type` is a keyword when a name follows it (two names in a row are never an expression).
//!
//! It also marks the `(` of a parenthesized `with` item list (`with (a as b, c):`), which an LR
//! grammar cannot tell from a parenthesized expression without reading to the `)`.

use std::collections::VecDeque;

use taipan_lexer::{LexError, Lexer, Mode, Token, TokenKind};

use crate::error::SyntaxErr;

/// A terminal of the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    // Start tokens: one per mode, so that one generated parser serves all four.
    StartModule,
    StartExpression,
    StartInteractive,
    StartFuncType,
    Name,
    Number,
    String,
    FStringStart,
    FStringMiddle,
    FStringEnd,
    Newline,
    Indent,
    Dedent,
    EndMarker,
    TypeComment,
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // Soft keywords, where they act as keywords.
    Match,
    Case,
    Type,
    /// The `(` right after `with` that opens a list of `with` items rather than an expression.
    WithLpar,
    /// Any operator or bracket: the lexer's kind.
    Op(TokenKind),
}

fn keyword(text: &str) -> Option<Tok> {
    Some(match text {
        "False" => Tok::False,
        "None" => Tok::None,
        "True" => Tok::True,
        "and" => Tok::And,
        "as" => Tok::As,
        "assert" => Tok::Assert,
        "async" => Tok::Async,
        "await" => Tok::Await,
        "break" => Tok::Break,
        "class" => Tok::Class,
        "continue" => Tok::Continue,
        "def" => Tok::Def,
        "del" => Tok::Del,
        "elif" => Tok::Elif,
        "else" => Tok::Else,
        "except" => Tok::Except,
        "finally" => Tok::Finally,
        "for" => Tok::For,
        "from" => Tok::From,
        "global" => Tok::Global,
        "if" => Tok::If,
        "import" => Tok::Import,
        "in" => Tok::In,
        "is" => Tok::Is,
        "lambda" => Tok::Lambda,
        "nonlocal" => Tok::Nonlocal,
        "not" => Tok::Not,
        "or" => Tok::Or,
        "pass" => Tok::Pass,
        "raise" => Tok::Raise,
        "return" => Tok::Return,
        "try" => Tok::Try,
        "while" => Tok::While,
        "with" => Tok::With,
        "yield" => Tok::Yield,
        _ => return None,
    })
}

/// A token with its byte range, as the grammar receives it.
pub type Spanned = (u32, Tok, u32);

/// A `# type: ignore` comment, for `Module.type_ignores`.
#[derive(Debug, Clone, Copy)]
pub struct TypeIgnoreComment {
    pub lineno: u32,
    /// Byte range of the tag (the text after `ignore`).
    pub tag: (u32, u32),
}

/// The grammar's token source.
pub struct TokenStream<'a> {
    source: &'a str,
    lexer: Lexer<'a>,
    /// Tokens classified and waiting (look-ahead).
    pending: VecDeque<Spanned>,
    start: Option<Tok>,
    type_comments: bool,
    /// The previous token handed out: soft keywords only start statements.
    previous: Option<Tok>,
    lexer_done: bool,
    /// The lexer's error, once met; the stream ends there.
    pub error: Option<LexError>,
    pub type_ignores: Vec<TypeIgnoreComment>,
    /// Tokens of the logical line being read, and the most any line had: a bound on how deep
    /// an expression can nest (see `limits`).
    line_tokens: u32,
    pub longest_line: u32,
    /// The token handed out before `last`.
    pub before_last: Option<Spanned>,
    /// The last token handed out (for error positions).
    pub last: Option<Spanned>,
    lineno: u32,
    line_scan: usize,
    /// Where the comment just skipped starts, until the next token.
    comment_start: Option<u32>,
    /// Set after a TYPE_COMMENT: CPython's tokenizer then ends the line with NEWLINE even when
    /// the comment is alone on it (the line is no longer "blank").
    after_type_comment: bool,
    /// One entry per indented block the parser is in: whether it is a `match` block (the only
    /// place `case` is a keyword).
    blocks: Vec<bool>,
    /// Set from a `match` keyword to the INDENT of its block.
    match_header: bool,
    /// The brackets open at the point the lexer has reached: character and offset.
    pub open_brackets: Vec<(u8, u32)>,
}

impl std::fmt::Debug for TokenStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenStream")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl<'a> TokenStream<'a> {
    pub fn new(source: &'a str, start: Tok, type_comments: bool) -> TokenStream<'a> {
        TokenStream {
            source,
            lexer: Lexer::new(source, Mode::Parser),
            pending: VecDeque::new(),
            start: Some(start),
            type_comments,
            previous: None,
            lexer_done: false,
            error: None,
            type_ignores: Vec::new(),
            last: None,
            lineno: 1,
            line_scan: 0,
            open_brackets: Vec::new(),
            after_type_comment: false,
            comment_start: None,
            before_last: None,
            line_tokens: 0,
            longest_line: 0,
            blocks: Vec::new(),
            match_header: false,
        }
    }

    /// The lexer's `SyntaxWarning`s so far.
    pub fn lexer_warnings(&self) -> &[taipan_lexer::LexWarning] {
        self.lexer.warnings()
    }

    /// Tokens of the logical line read last (the file may not end with a NEWLINE).
    pub fn line_tokens(&self) -> u32 {
        self.line_tokens
    }

    pub fn type_comments(&self) -> bool {
        self.type_comments
    }

    /// Runs the lexer to the end of the source (after a parse error, as CPython does to find
    /// a tokenizer error further on): the first lexer error met, if any.
    pub fn lex_to_end(&mut self) -> Option<LexError> {
        if self.error.is_some() {
            return self.error.clone();
        }
        while self.next_raw().is_some() {}
        self.error.clone()
    }

    /// The next significant token from the lexer, classified without look-ahead (names that are
    /// soft keywords stay names).
    fn next_raw(&mut self) -> Option<Spanned> {
        if self.lexer_done {
            return None;
        }
        loop {
            let token: Token = match self.lexer.next_token() {
                None => {
                    self.lexer_done = true;
                    return None;
                }
                Some(Err(error)) => {
                    self.lexer_done = true;
                    self.error = Some(error);
                    return None;
                }
                Some(Ok(token)) => token,
            };
            let after_type_comment = std::mem::take(&mut self.after_type_comment);
            if !matches!(token.kind, TokenKind::Comment | TokenKind::Newline) {
                self.comment_start = None;
            }
            let tok = match token.kind {
                TokenKind::Comment => {
                    if self.type_comments
                        && let Some(tok) = self.type_comment(token)
                    {
                        self.after_type_comment = true;
                        return Some(tok);
                    }
                    self.comment_start = Some(token.start);
                    continue;
                }
                TokenKind::Nl if after_type_comment && self.open_brackets.is_empty() => {
                    Tok::Newline
                }
                TokenKind::Nl => continue,
                TokenKind::Name => {
                    let text = &self.lexer.text()[token.range()];
                    keyword(text).unwrap_or(Tok::Name)
                }
                TokenKind::Number => Tok::Number,
                TokenKind::String => Tok::String,
                TokenKind::FStringStart => Tok::FStringStart,
                TokenKind::FStringMiddle => Tok::FStringMiddle,
                TokenKind::FStringEnd => Tok::FStringEnd,
                TokenKind::Newline => {
                    // CPython's NEWLINE after a comment starts where the comment does.
                    if let Some(start) = self.comment_start.take() {
                        return Some((start, Tok::Newline, token.end));
                    }
                    Tok::Newline
                }
                TokenKind::Indent => Tok::Indent,
                TokenKind::Dedent => Tok::Dedent,
                TokenKind::EndMarker => Tok::EndMarker,
                kind => {
                    match kind {
                        TokenKind::Lpar => self.open_brackets.push((b'(', token.start)),
                        TokenKind::Lsqb => self.open_brackets.push((b'[', token.start)),
                        TokenKind::Lbrace => self.open_brackets.push((b'{', token.start)),
                        TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                            self.open_brackets.pop();
                        }
                        // `<>` is NOTEQUAL to the tokenizer but, without `barry_as_FLUFL`, a
                        // syntax error to the parser.
                        TokenKind::NotEqual if &self.source.as_bytes()[token.range()] == b"<>" => {
                            return Some((token.start, Tok::Op(TokenKind::Op), token.end));
                        }
                        _ => {}
                    }
                    Tok::Op(kind)
                }
            };
            return Some((token.start, tok, token.end));
        }
    }

    /// A comment CPython's tokenizer (asked for type comments) turns into TYPE_COMMENT or
    /// TYPE_IGNORE: `#`, then `type:` with any run of blanks where the prefix `# type: ` has a
    /// space.
    fn type_comment(&mut self, token: Token) -> Option<Spanned> {
        let text = &self.source.as_bytes()[token.start as usize..token.end as usize];
        let mut i = 0;
        for &want in b"# type: " {
            if want == b' ' {
                while i < text.len() && (text[i] == b' ' || text[i] == b'\t') {
                    i += 1;
                }
            } else if text.get(i) == Some(&want) {
                i += 1;
            } else {
                return None;
            }
        }
        let rest = &text[i..];
        let is_ignore = rest.starts_with(b"ignore")
            && !rest
                .get(6)
                .is_some_and(|&c| c >= 128 || c.is_ascii_alphanumeric());
        let start = token.start + i as u32;
        if is_ignore {
            let lineno = self.line_of(token.start);
            self.type_ignores.push(TypeIgnoreComment {
                lineno,
                tag: (start + 6, token.end),
            });
            None
        } else {
            Some((start, Tok::TypeComment, token.end))
        }
    }

    /// The 1-based line of a byte offset, counting forward (offsets only grow).
    fn line_of(&mut self, offset: u32) -> u32 {
        let bytes = self.source.as_bytes();
        let end = (offset as usize).min(bytes.len());
        while self.line_scan < end {
            match bytes[self.line_scan] {
                b'\n' => self.lineno += 1,
                b'\r' if bytes.get(self.line_scan + 1) != Some(&b'\n') => self.lineno += 1,
                _ => {}
            }
            self.line_scan += 1;
        }
        self.lineno
    }

    /// Makes sure `pending` holds at least `n` tokens, if the lexer has them.
    fn fill(&mut self, n: usize) -> bool {
        while self.pending.len() < n {
            match self.next_raw() {
                Some(token) => self.pending.push_back(token),
                None => return false,
            }
        }
        true
    }

    fn at_statement_start(&self) -> bool {
        matches!(
            self.previous,
            None | Some(
                Tok::Newline | Tok::Indent | Tok::Dedent | Tok::StartModule | Tok::StartInteractive
            )
        )
    }

    /// Where a simple statement may start: `type X = …` is a keyword only there.
    fn at_simple_statement_start(&self) -> bool {
        self.at_statement_start()
            || matches!(
                self.previous,
                Some(Tok::Op(TokenKind::Semi | TokenKind::Colon))
            )
    }

    /// Whether the `match` at `pending[0]` heads a match statement: its line ends with `:` (a
    /// match statement's cases are always on the lines after its header), or (a header missing
    /// its colon, which CPython reports as "expected ':'") it is followed by something that
    /// cannot continue a `match` name in an expression.
    fn heads_match_statement(&mut self) -> bool {
        if !self.fill(2) {
            return false;
        }
        let next = self.pending[1].1;
        if next == Tok::Op(TokenKind::Colon) {
            // `match: int` is an annotation.
            return false;
        }
        if self.line_ends_with_colon(1) {
            return true;
        }
        matches!(
            next,
            Tok::Name
                | Tok::Number
                | Tok::String
                | Tok::FStringStart
                | Tok::None
                | Tok::True
                | Tok::False
                | Tok::Lambda
                | Tok::Not
                | Tok::Await
                | Tok::Op(TokenKind::Lbrace)
        )
    }

    /// True if the logical line from `pending[from]` on ends with `:` (at bracket depth 0) just
    /// before its NEWLINE.
    fn line_ends_with_colon(&mut self, from: usize) -> bool {
        let mut i = from;
        let mut last = None;
        loop {
            if !self.fill(i + 1) {
                return false;
            }
            let tok = self.pending[i].1;
            match tok {
                Tok::Newline | Tok::EndMarker | Tok::Indent | Tok::Dedent => {
                    return last == Some(Tok::Op(TokenKind::Colon));
                }
                Tok::TypeComment => {}
                _ => last = Some(tok),
            }
            i += 1;
        }
    }

    /// Decides whether the `(` at `pending[at]` (right after `with`) opens with items: its match
    /// is followed by `:`, and an `as` appears inside it at depth one.
    fn with_items_paren(&mut self, at: usize) -> bool {
        let mut depth = 0usize;
        let mut saw_as = false;
        let mut i = at;
        loop {
            if !self.fill(i + 1) {
                // The `(` is never closed: CPython still reads it as a with-item list, and
                // fails where that list does.
                return saw_as;
            }
            match self.pending[i].1 {
                Tok::Op(TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace) => depth += 1,
                Tok::Op(TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return saw_as
                            && self.fill(i + 2)
                            && matches!(
                                self.pending[i + 1].1,
                                Tok::Op(TokenKind::Colon) | Tok::Newline
                            );
                    }
                }
                Tok::As if depth == 1 => saw_as = true,
                Tok::Newline | Tok::EndMarker => return false,
                _ => {}
            }
            i += 1;
        }
    }
}

impl Iterator for TokenStream<'_> {
    type Item = Result<Spanned, SyntaxErr>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(start) = self.start.take() {
            self.previous = Some(start);
            return Some(Ok((0, start, 0)));
        }
        // The common case needs no look-ahead buffer: a token that is not a soft-keyword
        // candidate and not `with` goes straight through.
        if self.pending.is_empty() {
            match self.next_raw() {
                Some(token @ (_, tok, _)) if !matches!(tok, Tok::Name | Tok::With) => {
                    return Some(Ok(self.hand_out(token)));
                }
                Some(token) => self.pending.push_back(token),
                None => {}
            }
        }
        if !self.fill(1) {
            return self.error.clone().map(|e| {
                Err(SyntaxErr {
                    exception: e.exception_type(),
                    message: e.kind.to_string(),
                    range: taipan_ast::TextRange::new(e.byte, e.byte),
                    lex: Some(Box::new(e)),
                    current_end: false,
                })
            });
        }
        let (start, mut tok, end) = self.pending[0];
        match tok {
            Tok::Name => {
                let text = &self.source[start as usize..end as usize];
                match text {
                    "match" if self.at_statement_start() && self.heads_match_statement() => {
                        tok = Tok::Match;
                    }
                    // Directly inside a match block CPython's grammar allows only case blocks,
                    // so a `case` starting a statement there is the keyword whatever follows
                    // it: `case -1: pass`, `case (1, 2): pass` and `case[0]: x = 1` are cases
                    // (their lines need not end with `:`), and `case = 1` is an error at the
                    // `=`, where CPython reports it, not at `case`. Outside match blocks `case`
                    // is always a name.
                    "case" if self.at_statement_start() && self.blocks.last() == Some(&true) => {
                        tok = Tok::Case;
                    }
                    "type"
                        if self.at_simple_statement_start()
                            && self.fill(2)
                            && self.pending[1].1 == Tok::Name =>
                    {
                        tok = Tok::Type;
                    }
                    _ => {}
                }
            }
            Tok::With
                if self.fill(2)
                    && self.pending[1].1 == Tok::Op(TokenKind::Lpar)
                    && self.with_items_paren(1) =>
            {
                self.pending[1].1 = Tok::WithLpar;
            }
            _ => {}
        }
        self.pending.pop_front();
        Some(Ok(self.hand_out((start, tok, end))))
    }
}

impl TokenStream<'_> {
    /// Records a token as handed to the grammar (block tracking for `case`, the previous token
    /// for statement starts) and returns it.
    #[inline]
    fn hand_out(&mut self, token: Spanned) -> Spanned {
        let tok = token.1;
        if tok == Tok::Newline {
            self.longest_line = self.longest_line.max(self.line_tokens);
            self.line_tokens = 0;
        } else {
            self.line_tokens += 1;
        }
        match tok {
            Tok::Match => self.match_header = true,
            Tok::Indent => {
                self.blocks.push(std::mem::take(&mut self.match_header));
            }
            Tok::Dedent => {
                self.blocks.pop();
            }
            Tok::Newline => {}
            _ if self.previous == Some(Tok::Newline) => self.match_header = false,
            _ => {}
        }
        self.previous = Some(tok);
        self.before_last = self.last;
        self.last = Some(token);
        token
    }
}
