# Taipan's `tokenize`: CPython 3.13's Python-level API over the lexer crate's tokenizer (whose
# tokens are CPython's over its whole standard library). `_tokenize` is the native side, put in
# this namespace before this source runs.
"""Tokenization help for Python programs."""

import sys
from token import *
from token import EXACT_TOKEN_TYPES

__all__ = [name for name in dir(sys.modules["token"]) if name.isupper() or name in (
    "tok_name", "ISTERMINAL", "ISNONTERMINAL", "ISEOF")] + [
    "tokenize", "generate_tokens", "detect_encoding", "untokenize", "TokenInfo", "open",
    "TokenError"]


class TokenInfo(tuple):
    """TokenInfo(type, string, start, end, line)"""

    __slots__ = ()
    _fields = ("type", "string", "start", "end", "line")

    def __new__(cls, type, string, start, end, line):
        return tuple.__new__(cls, (type, string, start, end, line))

    type = property(lambda self: self[0])
    string = property(lambda self: self[1])
    start = property(lambda self: self[2])
    end = property(lambda self: self[3])
    line = property(lambda self: self[4])

    def __repr__(self):
        annotated_type = "%d (%s)" % (self.type, tok_name[self.type])
        return ("TokenInfo(type=%s, string=%r, start=%r, end=%r, line=%r)" %
                (annotated_type, self.string, self.start, self.end, self.line))

    def _replace(self, **changes):
        values = [changes.pop(name, value) for name, value in zip(self._fields, self)]
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return TokenInfo(*values)

    @property
    def exact_type(self):
        if self.type == OP and self.string in EXACT_TOKEN_TYPES:
            return EXACT_TOKEN_TYPES[self.string]
        return self.type


class TokenError(Exception):
    pass


class StopTokenizing(Exception):
    pass


def _read_all(readline):
    # The C tokenizer pulls lines until readline is exhausted (StopIteration) or gives ''.
    chunks = []
    while True:
        try:
            line = readline()
        except StopIteration:
            break
        if not line:
            break
        chunks.append(line)
    return chunks


def _tokens(source):
    tokens, error = _tokenize.tokens(source)
    for fields in tokens:
        yield TokenInfo(*fields)
    if error is not None:
        kind, message, lineno, offset, text = error
        if kind == "SyntaxError":
            raise TokenError(message, (lineno, offset))
        exception = {"IndentationError": IndentationError, "TabError": TabError}.get(
            kind, SyntaxError)
        raise exception(message, ("<string>", lineno, offset, text, None, None))


def generate_tokens(readline):
    """Tokenize a source reading Python code as unicode strings.

    This has the same API as tokenize(), except that it expects the *readline*
    callable to return str objects instead of bytes.
    """
    chunks = _read_all(readline)
    for chunk in chunks:
        if not isinstance(chunk, str):
            raise TypeError(f"readline() returned a non-string object")
    return _tokens("".join(chunks))


def detect_encoding(readline):
    """
    The detect_encoding() function is used to detect the encoding that should
    be used to decode a Python source file.  It requires one argument, readline,
    in the same way as the tokenize() generator.

    It will call readline a maximum of twice, and return the encoding used
    (as a string) and a list of any lines (left as bytes) it has read in.
    """
    def read_or_stop():
        try:
            return readline()
        except StopIteration:
            return b""

    first = read_or_stop()
    bom = first.startswith(b"\xef\xbb\xbf")
    if bom:
        first = first[3:]
    default = "utf-8-sig" if bom else "utf-8"
    prefix = b"\xef\xbb\xbf" if bom else b""
    if not first:
        return default, []
    if _has_cookie(first):
        return _tokenize.detect_encoding(prefix + first), [first]
    if first.lstrip(b" \t\f")[:1] not in (b"", b"#", b"\r", b"\n"):
        return default, [first]
    second = read_or_stop()
    if not second:
        return default, [first]
    if _has_cookie(second):
        return _tokenize.detect_encoding(prefix + first + second), [first, second]
    return default, [first, second]


def _has_cookie(line):
    # PEP 263: a comment line holding `coding:` or `coding=` and a name.
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return True  # the native detection reports the bad declaration
    text = text.lstrip(" \t\f")
    if not text.startswith("#"):
        return False
    at = text.find("coding")
    while at != -1:
        rest = text[at + 6:]
        if rest[:1] in (":", "="):
            name = rest[1:].lstrip(" \t")
            if name and (name[0].isalnum() or name[0] in "-_."):
                return True
        at = text.find("coding", at + 1)
    return False


def tokenize(readline):
    """
    The tokenize() generator requires one argument, readline, which
    must be a callable object which provides the same interface as the
    readline() method of built-in file objects.  Each call to the function
    should return one line of input as bytes.

    The first token sequence will always be an ENCODING token
    which tells you which encoding was used to decode the bytes stream.
    """
    encoding, consumed = detect_encoding(readline)
    rest = _read_all(readline)
    data = b"".join(consumed + rest)
    yield TokenInfo(ENCODING, encoding, (0, 0), (0, 0), "")
    yield from _tokens(_tokenize.decode(data))


def open(filename):
    """Open a file in read only mode using the encoding detected by
    detect_encoding().
    """
    import builtins

    with builtins.open(filename, "rb") as raw:
        encoding, _ = detect_encoding(raw.readline)
    return builtins.open(filename, "r", encoding=encoding)


class Untokenizer:
    """Turns tokens back into source: exactly when given 5-tuples with positions, with
    spaces between tokens when given (type, string) pairs."""

    def __init__(self):
        self.tokens = []
        self.prev_row = 1
        self.prev_col = 0
        self.prev_type = None
        self.encoding = None

    def add_whitespace(self, start):
        row, col = start
        if row < self.prev_row or row == self.prev_row and col < self.prev_col:
            raise ValueError(
                f"start ({row},{col}) precedes previous end ({self.prev_row},{self.prev_col})")
        if row > self.prev_row:
            # A token on a later line with no NEWLINE or NL between: a continuation.
            self.tokens.append("\\\n" * (row - self.prev_row))
            self.prev_col = 0
        if col > self.prev_col:
            self.tokens.append(" " * (col - self.prev_col))

    def escape_brackets(self, token):
        characters = []
        consume_until_next_bracket = False
        for character in token:
            if character == "}":
                if consume_until_next_bracket:
                    consume_until_next_bracket = False
                else:
                    characters.append(character)
            if character == "{":
                n_backslashes = sum(1 for char in _itertools_takewhile_backslash(characters))
                if n_backslashes % 2 == 0 or characters[-1] != "N":
                    characters.append(character)
                else:
                    consume_until_next_bracket = True
            characters.append(character)
        return "".join(characters)

    def untokenize(self, iterable):
        it = iter(iterable)
        indents = []
        startline = False
        for t in it:
            if len(t) == 2:
                self.compat(t, it)
                break
            tok_type, token, start, end, line = t
            if tok_type == ENCODING:
                self.encoding = token
                continue
            if tok_type == ENDMARKER:
                break
            if tok_type == INDENT:
                indents.append(token)
                continue
            elif tok_type == DEDENT:
                indents.pop()
                self.prev_row, self.prev_col = end
                continue
            elif tok_type in (NEWLINE, NL):
                startline = True
            elif startline and indents:
                indent = indents[-1]
                if start[1] >= len(indent):
                    self.tokens.append(indent)
                    self.prev_col = len(indent)
                startline = False
            elif tok_type == FSTRING_MIDDLE:
                if "{" in token or "}" in token:
                    token = self.escape_brackets(token)
                    last_line = token.splitlines()[-1]
                    end_line, end_col = end
                    end = (end_line, end_col + last_line.count("{{") + last_line.count("}}"))
            elif tok_type in (STRING, FSTRING_START) and self.prev_type in (STRING, FSTRING_END):
                self.tokens.append(" ")
            self.add_whitespace(start)
            self.tokens.append(token)
            self.prev_row, self.prev_col = end
            if tok_type in (NEWLINE, NL):
                self.prev_row += 1
                self.prev_col = 0
            self.prev_type = tok_type
        return "".join(self.tokens)

    def compat(self, token, iterable):
        indents = []
        toks_append = self.tokens.append
        startline = token[0] in (NEWLINE, NL)
        prevstring = False
        in_fstring = 0
        for tok in _chain((token,), iterable):
            toknum, tokval = tok[:2]
            if toknum == ENCODING:
                self.encoding = tokval
                continue
            if toknum in (NAME, NUMBER):
                tokval += " "
            # Insert a space between two consecutive strings
            if toknum == STRING:
                if prevstring:
                    tokval = " " + tokval
                prevstring = True
            else:
                prevstring = False
            if toknum == FSTRING_START:
                in_fstring += 1
            elif toknum == FSTRING_END:
                in_fstring -= 1
            if toknum == INDENT:
                indents.append(tokval)
                continue
            elif toknum == DEDENT:
                indents.pop()
                continue
            elif toknum in (NEWLINE, NL):
                startline = True
            elif startline and indents:
                toks_append(indents[-1])
                startline = False
            elif toknum == FSTRING_MIDDLE:
                tokval = self.escape_brackets(tokval)
            # Insert a space between two consecutive brackets if we are in an f-string
            if tokval in {"{", "}"} and self.tokens and self.tokens[-1] == tokval and in_fstring:
                tokval = " " + tokval
            # A space between two consecutive strings or f-strings.
            if toknum in (STRING, FSTRING_START) and self.prev_type in (STRING, FSTRING_END):
                self.tokens.append(" ")
            toks_append(tokval)
            self.prev_type = toknum


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


def _itertools_takewhile_backslash(characters):
    # The run of backslashes that ends just before the last character.
    index = len(characters) - 2
    while index >= 0 and characters[index] == "\\":
        yield "\\"
        index -= 1


def untokenize(iterable):
    """Transform tokens back into Python source code.
    It returns a bytes object, encoded using the ENCODING
    token, which is the first token sequence output by tokenize.

    Each element returned by the iterable must be a token sequence
    with at least two elements, a token number and token value.  If
    only two tokens are passed, the resulting output is poor.
    """
    untokenizer = Untokenizer()
    out = untokenizer.untokenize(iterable)
    if untokenizer.encoding is not None:
        out = out.encode(untokenizer.encoding)
    return out
