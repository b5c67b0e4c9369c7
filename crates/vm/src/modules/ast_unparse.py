# The second part of Taipan's `ast` module (see ast.py), run in the same namespace right after
# it: `unparse`, source text for a tree as CPython 3.13's `ast.unparse` writes it: the same
# spacing, quotes, parentheses (by operator precedence) and line breaks.

# Precedence levels, weakest first (`|` shares the level of a bare expression).
_NAMED_EXPR, _TUPLE, _YIELD, _TEST, _OR, _AND, _NOT, _CMP, _EXPR = range(1, 10)
_BOR = _EXPR
_BXOR, _BAND, _SHIFT, _ARITH, _TERM, _FACTOR, _POWER, _AWAIT, _ATOM = range(10, 19)


def _tighter(level):
    return min(level + 1, _ATOM)


_ALL_QUOTES = ("'", '"', '"""', "'''")
_MULTI_QUOTES = ('"""', "'''")
_INFSTR = "1e" + repr(sys.float_info.max_10_exp + 1)
_UNARY = {"Invert": "~", "Not": "not", "UAdd": "+", "USub": "-"}
_UNARY_LEVEL = {"not": _NOT, "~": _FACTOR, "+": _FACTOR, "-": _FACTOR}
_BINARY = {"Add": "+", "Sub": "-", "Mult": "*", "MatMult": "@", "Div": "/", "Mod": "%",
           "LShift": "<<", "RShift": ">>", "BitOr": "|", "BitXor": "^", "BitAnd": "&",
           "FloorDiv": "//", "Pow": "**"}
_BINARY_LEVEL = {"+": _ARITH, "-": _ARITH, "*": _TERM, "@": _TERM, "/": _TERM, "%": _TERM,
                 "<<": _SHIFT, ">>": _SHIFT, "|": _BOR, "^": _BXOR, "&": _BAND, "//": _TERM,
                 "**": _POWER}
_COMPARE = {"Eq": "==", "NotEq": "!=", "Lt": "<", "LtE": "<=", "Gt": ">", "GtE": ">=",
            "Is": "is", "IsNot": "is not", "In": "in", "NotIn": "not in"}
_BOOLEAN = {"And": "and", "Or": "or"}
_BOOLEAN_LEVEL = {"and": _AND, "or": _OR}


def _escape_char(c, escape_whitespace):
    # As the `unicode_escape` codec spells what cannot be printed; newlines and tabs stay as
    # they are unless asked.
    if not escape_whitespace and c in "\n\t":
        return c
    if c == "\\":
        return "\\\\"
    if c.isprintable():
        return c
    code = ord(c)
    if c == "\t":
        return "\\t"
    if c == "\n":
        return "\\n"
    if c == "\r":
        return "\\r"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _str_literal(string, quote_types=_ALL_QUOTES, escape_whitespace=False):
    """The body of a string literal for `string` and the quotes that can enclose it."""
    escaped = "".join(_escape_char(c, escape_whitespace) for c in string)
    candidates = list(quote_types)
    if "\n" in escaped:
        candidates = [q for q in candidates if q in _MULTI_QUOTES]
    candidates = [q for q in candidates if q not in escaped]
    if not candidates:
        text = repr(string)
        quote = next((q for q in quote_types if text[0] in q), text[0])
        return text[1:-1], [quote]
    if escaped:
        # Prefer a quote that differs from the last character; a triple quote that does not
        # gets that character escaped.
        candidates.sort(key=lambda q: q[0] == escaped[-1])
        if candidates[0][0] == escaped[-1]:
            escaped = escaped[:-1] + "\\" + escaped[-1]
    return escaped, candidates


class _Block:
    """`with unparser.block():` a colon, then the body one level deeper."""

    def __init__(self, unparser, extra):
        self.unparser = unparser
        self.extra = extra

    def __enter__(self):
        self.unparser.write(":")
        if self.extra:
            self.unparser.write(self.extra)
        self.unparser._indent += 1

    def __exit__(self, *exc):
        self.unparser._indent -= 1


class _Delimit:
    """`with unparser.delimit_if(start, end, condition):` brackets around what is written."""

    def __init__(self, unparser, start, end, condition=True):
        self.unparser = unparser
        self.start = start
        self.end = end
        self.condition = condition

    def __enter__(self):
        if self.condition:
            self.unparser.write(self.start)

    def __exit__(self, *exc):
        if self.condition:
            self.unparser.write(self.end)


class _Buffered:
    """`with unparser.buffered() as buffer:` collects what is written into `buffer`."""

    def __init__(self, unparser):
        self.unparser = unparser
        self.buffer = []

    def __enter__(self):
        self.saved = self.unparser._source
        self.unparser._source = self.buffer
        return self.buffer

    def __exit__(self, *exc):
        self.unparser._source = self.saved


class _Unparser(NodeVisitor):
    """Writes source text for a tree."""

    def __init__(self):
        self._source = []
        self._precedences = {}
        self._type_ignores = {}
        self._indent = 0
        self._in_try_star = False

    # Output.

    def write(self, *text):
        self._source.extend(text)

    def interleave(self, between, each, items):
        first = True
        for item in items:
            if first:
                first = False
            else:
                between()
            each(item)

    def items_view(self, each, items):
        # A one-item sequence keeps its comma.
        if len(items) == 1:
            each(items[0])
            self.write(",")
        else:
            self.interleave(lambda: self.write(", "), each, items)

    def maybe_newline(self):
        if self._source:
            self.write("\n")

    def fill(self, text=""):
        self.maybe_newline()
        self.write("    " * self._indent + text)

    def block(self, *, extra=None):
        return _Block(self, extra)

    def delimit(self, start, end):
        return _Delimit(self, start, end)

    def delimit_if(self, start, end, condition):
        return _Delimit(self, start, end, condition)

    def buffered(self):
        return _Buffered(self)

    def require_parens(self, level, node):
        return self.delimit_if("(", ")", self.get_precedence(node) > level)

    def get_precedence(self, node):
        return self._precedences.get(node, _TEST)

    def set_precedence(self, level, *nodes):
        for node in nodes:
            self._precedences[node] = level

    def get_raw_docstring(self, node):
        if not isinstance(node, (AsyncFunctionDef, FunctionDef, ClassDef, Module)) or len(node.body) < 1:
            return None
        node = node.body[0]
        if not isinstance(node, Expr):
            return None
        node = node.value
        if isinstance(node, Constant) and isinstance(node.value, str):
            return node
        return None

    def get_type_comment(self, node):
        comment = self._type_ignores.get(node.lineno) or node.type_comment
        if comment is not None:
            return f" # type: {comment}"
        return None

    def traverse(self, node):
        if isinstance(node, list):
            for item in node:
                self.traverse(item)
        else:
            super().visit(node)

    def visit(self, node):
        self._source = []
        self.traverse(node)
        return "".join(self._source)

    def _write_docstring_and_traverse_body(self, node):
        docstring = self.get_raw_docstring(node)
        if docstring:
            self._write_docstring(docstring)
            self.traverse(node.body[1:])
        else:
            self.traverse(node.body)

    # Modules and statements.

    def visit_Module(self, node):
        self._type_ignores = {ignore.lineno: f"ignore{ignore.tag}" for ignore in node.type_ignores}
        self._write_docstring_and_traverse_body(node)
        self._type_ignores.clear()

    def visit_FunctionType(self, node):
        with self.delimit("(", ")"):
            self.interleave(lambda: self.write(", "), self.traverse, node.argtypes)
        self.write(" -> ")
        self.traverse(node.returns)

    def visit_Expr(self, node):
        self.fill()
        self.set_precedence(_YIELD, node.value)
        self.traverse(node.value)

    def visit_NamedExpr(self, node):
        with self.require_parens(_NAMED_EXPR, node):
            self.set_precedence(_ATOM, node.target, node.value)
            self.traverse(node.target)
            self.write(" := ")
            self.traverse(node.value)

    def visit_Import(self, node):
        self.fill("import ")
        self.interleave(lambda: self.write(", "), self.traverse, node.names)

    def visit_ImportFrom(self, node):
        self.fill("from ")
        self.write("." * (node.level or 0))
        if node.module:
            self.write(node.module)
        self.write(" import ")
        self.interleave(lambda: self.write(", "), self.traverse, node.names)

    def visit_Assign(self, node):
        self.fill()
        for target in node.targets:
            self.set_precedence(_TUPLE, target)
            self.traverse(target)
            self.write(" = ")
        self.traverse(node.value)
        comment = self.get_type_comment(node)
        if comment:
            self.write(comment)

    def visit_AugAssign(self, node):
        self.fill()
        self.traverse(node.target)
        self.write(" " + _BINARY[node.op.__class__.__name__] + "= ")
        self.traverse(node.value)

    def visit_AnnAssign(self, node):
        self.fill()
        with self.delimit_if("(", ")", not node.simple and isinstance(node.target, Name)):
            self.traverse(node.target)
        self.write(": ")
        self.traverse(node.annotation)
        if node.value:
            self.write(" = ")
            self.traverse(node.value)

    def visit_Return(self, node):
        self.fill("return")
        if node.value:
            self.write(" ")
            self.traverse(node.value)

    def visit_Pass(self, node):
        self.fill("pass")

    def visit_Break(self, node):
        self.fill("break")

    def visit_Continue(self, node):
        self.fill("continue")

    def visit_Delete(self, node):
        self.fill("del ")
        self.interleave(lambda: self.write(", "), self.traverse, node.targets)

    def visit_Assert(self, node):
        self.fill("assert ")
        self.traverse(node.test)
        if node.msg:
            self.write(", ")
            self.traverse(node.msg)

    def visit_Global(self, node):
        self.fill("global ")
        self.interleave(lambda: self.write(", "), self.write, node.names)

    def visit_Nonlocal(self, node):
        self.fill("nonlocal ")
        self.interleave(lambda: self.write(", "), self.write, node.names)

    def visit_Await(self, node):
        with self.require_parens(_AWAIT, node):
            self.write("await")
            if node.value:
                self.write(" ")
                self.set_precedence(_ATOM, node.value)
                self.traverse(node.value)

    def visit_Yield(self, node):
        with self.require_parens(_YIELD, node):
            self.write("yield")
            if node.value:
                self.write(" ")
                self.set_precedence(_ATOM, node.value)
                self.traverse(node.value)

    def visit_YieldFrom(self, node):
        with self.require_parens(_YIELD, node):
            self.write("yield from ")
            if not node.value:
                raise ValueError("Node can't be used without a value attribute.")
            self.set_precedence(_ATOM, node.value)
            self.traverse(node.value)

    def visit_Raise(self, node):
        self.fill("raise")
        if not node.exc:
            if node.cause:
                raise ValueError("Node can't use cause without an exception.")
            return
        self.write(" ")
        self.traverse(node.exc)
        if node.cause:
            self.write(" from ")
            self.traverse(node.cause)

    def _try(self, node):
        self.fill("try")
        with self.block():
            self.traverse(node.body)
        for handler in node.handlers:
            self.traverse(handler)
        if node.orelse:
            self.fill("else")
            with self.block():
                self.traverse(node.orelse)
        if node.finalbody:
            self.fill("finally")
            with self.block():
                self.traverse(node.finalbody)

    def visit_Try(self, node):
        saved = self._in_try_star
        try:
            self._in_try_star = False
            self._try(node)
        finally:
            self._in_try_star = saved

    def visit_TryStar(self, node):
        saved = self._in_try_star
        try:
            self._in_try_star = True
            self._try(node)
        finally:
            self._in_try_star = saved

    def visit_ExceptHandler(self, node):
        self.fill("except*" if self._in_try_star else "except")
        if node.type:
            self.write(" ")
            self.traverse(node.type)
        if node.name:
            self.write(" as ")
            self.write(node.name)
        with self.block():
            self.traverse(node.body)

    def visit_ClassDef(self, node):
        self.maybe_newline()
        for decorator in node.decorator_list:
            self.fill("@")
            self.traverse(decorator)
        self.fill("class " + node.name)
        if hasattr(node, "type_params"):
            self._type_params(node.type_params)
        with self.delimit_if("(", ")", node.bases or node.keywords):
            comma = False
            for item in node.bases + node.keywords:
                if comma:
                    self.write(", ")
                else:
                    comma = True
                self.traverse(item)
        with self.block():
            self._write_docstring_and_traverse_body(node)

    def visit_FunctionDef(self, node):
        self._function(node, "def")

    def visit_AsyncFunctionDef(self, node):
        self._function(node, "async def")

    def _function(self, node, keyword):
        self.maybe_newline()
        for decorator in node.decorator_list:
            self.fill("@")
            self.traverse(decorator)
        self.fill(keyword + " " + node.name)
        if hasattr(node, "type_params"):
            self._type_params(node.type_params)
        with self.delimit("(", ")"):
            self.traverse(node.args)
        if node.returns:
            self.write(" -> ")
            self.traverse(node.returns)
        with self.block(extra=self.get_type_comment(node)):
            self._write_docstring_and_traverse_body(node)

    def _type_params(self, type_params):
        if type_params is not None and len(type_params) > 0:
            with self.delimit("[", "]"):
                self.interleave(lambda: self.write(", "), self.traverse, type_params)

    def visit_TypeVar(self, node):
        self.write(node.name)
        if node.bound:
            self.write(": ")
            self.traverse(node.bound)
        if node.default_value:
            self.write(" = ")
            self.traverse(node.default_value)

    def visit_TypeVarTuple(self, node):
        self.write("*" + node.name)
        if node.default_value:
            self.write(" = ")
            self.traverse(node.default_value)

    def visit_ParamSpec(self, node):
        self.write("**" + node.name)
        if node.default_value:
            self.write(" = ")
            self.traverse(node.default_value)

    def visit_TypeAlias(self, node):
        self.fill("type ")
        self.traverse(node.name)
        self._type_params(node.type_params)
        self.write(" = ")
        self.traverse(node.value)

    def visit_For(self, node):
        self._for("for ", node)

    def visit_AsyncFor(self, node):
        self._for("async for ", node)

    def _for(self, keyword, node):
        self.fill(keyword)
        self.set_precedence(_TUPLE, node.target)
        self.traverse(node.target)
        self.write(" in ")
        self.traverse(node.iter)
        with self.block(extra=self.get_type_comment(node)):
            self.traverse(node.body)
        if node.orelse:
            self.fill("else")
            with self.block():
                self.traverse(node.orelse)

    def visit_If(self, node):
        self.fill("if ")
        self.traverse(node.test)
        with self.block():
            self.traverse(node.body)
        # An else holding only an if is written as elif.
        while node.orelse and len(node.orelse) == 1 and isinstance(node.orelse[0], If):
            node = node.orelse[0]
            self.fill("elif ")
            self.traverse(node.test)
            with self.block():
                self.traverse(node.body)
        if node.orelse:
            self.fill("else")
            with self.block():
                self.traverse(node.orelse)

    def visit_While(self, node):
        self.fill("while ")
        self.traverse(node.test)
        with self.block():
            self.traverse(node.body)
        if node.orelse:
            self.fill("else")
            with self.block():
                self.traverse(node.orelse)

    def visit_With(self, node):
        self.fill("with ")
        self.interleave(lambda: self.write(", "), self.traverse, node.items)
        with self.block(extra=self.get_type_comment(node)):
            self.traverse(node.body)

    def visit_AsyncWith(self, node):
        self.fill("async with ")
        self.interleave(lambda: self.write(", "), self.traverse, node.items)
        with self.block(extra=self.get_type_comment(node)):
            self.traverse(node.body)

    # Strings.

    def _write_str_avoiding_backslashes(self, string, *, quote_types=_ALL_QUOTES):
        string, quote_types = _str_literal(string, quote_types=quote_types)
        quote = quote_types[0]
        self.write(f"{quote}{string}{quote}")

    def _write_docstring(self, node):
        self.fill()
        if node.kind == "u":
            self.write("u")
        self._write_str_avoiding_backslashes(node.value, quote_types=_MULTI_QUOTES)

    def visit_JoinedStr(self, node):
        self.write("f")
        parts = []
        for value in node.values:
            with self.buffered() as buffer:
                self._write_fstring_inner(value)
            parts.append(("".join(buffer), isinstance(value, Constant)))
        written = []
        quote_types = list(_ALL_QUOTES)
        fallback_to_repr = False
        for value, is_constant in parts:
            if is_constant:
                value, new_quote_types = _str_literal(
                    value, quote_types=quote_types, escape_whitespace=True)
                if set(new_quote_types).isdisjoint(quote_types):
                    fallback_to_repr = True
                    break
                quote_types = new_quote_types
            elif "\n" in value:
                quote_types = [q for q in quote_types if q in _MULTI_QUOTES]
            written.append(value)
        if fallback_to_repr:
            # No quote suits every part: triple single quotes, constant parts as repr spells them.
            quote_types = ["'''"]
            written = []
            for value, is_constant in parts:
                if is_constant:
                    value = repr('"' + value)[2:-1]
                written.append(value)
        quote = quote_types[0]
        self.write(f"{quote}{''.join(written)}{quote}")

    def _write_fstring_inner(self, node, is_format_spec=False):
        if isinstance(node, JoinedStr):
            for value in node.values:
                self._write_fstring_inner(value, is_format_spec=is_format_spec)
        elif isinstance(node, Constant) and isinstance(node.value, str):
            value = node.value.replace("{", "{{").replace("}", "}}")
            if is_format_spec:
                value = value.replace("\\", "\\\\").replace("'", "\\'")
                value = value.replace('"', '\\"').replace("\n", "\\n")
            self.write(value)
        elif isinstance(node, FormattedValue):
            self.visit_FormattedValue(node)
        else:
            raise ValueError(f"Unexpected node inside JoinedStr, {node!r}")

    def visit_FormattedValue(self, node):
        inner = _Unparser()
        inner.set_precedence(_tighter(_TEST), node.value)
        with self.delimit("{", "}"):
            expression = inner.visit(node.value)
            if expression.startswith("{"):
                # `{ {` so that the braces are not read as an escaped one.
                self.write(" ")
            self.write(expression)
            if node.conversion != -1:
                self.write(f"!{chr(node.conversion)}")
            if node.format_spec:
                self.write(":")
                self._write_fstring_inner(node.format_spec, is_format_spec=True)

    # Expressions.

    def visit_Name(self, node):
        self.write(node.id)

    def _write_constant(self, value):
        if isinstance(value, (float, complex)):
            # Infinities as an overflowing literal, NaNs as inf - inf.
            self.write(repr(value).replace("inf", _INFSTR).replace("nan", f"({_INFSTR}-{_INFSTR})"))
        else:
            self.write(repr(value))

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, tuple):
            with self.delimit("(", ")"):
                self.items_view(self._write_constant, value)
        elif value is ...:
            self.write("...")
        else:
            if node.kind == "u":
                self.write("u")
            self._write_constant(node.value)

    def visit_List(self, node):
        with self.delimit("[", "]"):
            self.interleave(lambda: self.write(", "), self.traverse, node.elts)

    def visit_ListComp(self, node):
        with self.delimit("[", "]"):
            self.traverse(node.elt)
            for generator in node.generators:
                self.traverse(generator)

    def visit_GeneratorExp(self, node):
        with self.delimit("(", ")"):
            self.traverse(node.elt)
            for generator in node.generators:
                self.traverse(generator)

    def visit_SetComp(self, node):
        with self.delimit("{", "}"):
            self.traverse(node.elt)
            for generator in node.generators:
                self.traverse(generator)

    def visit_DictComp(self, node):
        with self.delimit("{", "}"):
            self.traverse(node.key)
            self.write(": ")
            self.traverse(node.value)
            for generator in node.generators:
                self.traverse(generator)

    def visit_comprehension(self, node):
        self.write(" async for " if node.is_async else " for ")
        self.set_precedence(_TUPLE, node.target)
        self.traverse(node.target)
        self.write(" in ")
        self.set_precedence(_tighter(_TEST), node.iter, *node.ifs)
        self.traverse(node.iter)
        for condition in node.ifs:
            self.write(" if ")
            self.traverse(condition)

    def visit_IfExp(self, node):
        with self.require_parens(_TEST, node):
            self.set_precedence(_tighter(_TEST), node.body, node.test)
            self.traverse(node.body)
            self.write(" if ")
            self.traverse(node.test)
            self.write(" else ")
            self.set_precedence(_TEST, node.orelse)
            self.traverse(node.orelse)

    def visit_Set(self, node):
        if node.elts:
            with self.delimit("{", "}"):
                self.interleave(lambda: self.write(", "), self.traverse, node.elts)
        else:
            # `{}` would be an empty dict.
            self.write("{*()}")

    def visit_Dict(self, node):
        def write_item(item):
            key, value = item
            if key is None:
                self.write("**")
                self.set_precedence(_EXPR, value)
                self.traverse(value)
            else:
                self.traverse(key)
                self.write(": ")
                self.traverse(value)

        with self.delimit("{", "}"):
            self.interleave(lambda: self.write(", "), write_item, list(zip(node.keys, node.values)))

    def visit_Tuple(self, node):
        with self.delimit_if("(", ")", len(node.elts) == 0 or self.get_precedence(node) > _TUPLE):
            self.items_view(self.traverse, node.elts)

    def visit_UnaryOp(self, node):
        operator = _UNARY[node.op.__class__.__name__]
        level = _UNARY_LEVEL[operator]
        with self.require_parens(level, node):
            self.write(operator)
            # `-1`, but `not x`.
            if level != _FACTOR:
                self.write(" ")
            self.set_precedence(level, node.operand)
            self.traverse(node.operand)

    def visit_BinOp(self, node):
        operator = _BINARY[node.op.__class__.__name__]
        level = _BINARY_LEVEL[operator]
        with self.require_parens(level, node):
            if operator == "**":
                left, right = _tighter(level), level
            else:
                left, right = level, _tighter(level)
            self.set_precedence(left, node.left)
            self.traverse(node.left)
            self.write(f" {operator} ")
            self.set_precedence(right, node.right)
            self.traverse(node.right)

    def visit_Compare(self, node):
        with self.require_parens(_CMP, node):
            self.set_precedence(_tighter(_CMP), node.left, *node.comparators)
            self.traverse(node.left)
            for op, operand in zip(node.ops, node.comparators):
                self.write(" " + _COMPARE[op.__class__.__name__] + " ")
                self.traverse(operand)

    def visit_BoolOp(self, node):
        operator = _BOOLEAN[node.op.__class__.__name__]
        level = _BOOLEAN_LEVEL[operator]
        current = [level]

        def each(value):
            current[0] = _tighter(current[0])
            self.set_precedence(current[0], value)
            self.traverse(value)

        with self.require_parens(level, node):
            separator = f" {operator} "
            self.interleave(lambda: self.write(separator), each, node.values)

    def visit_Attribute(self, node):
        self.set_precedence(_ATOM, node.value)
        self.traverse(node.value)
        # `3 .real`: `3.real` would be a float literal.
        if isinstance(node.value, Constant) and isinstance(node.value.value, int):
            self.write(" ")
        self.write(".")
        self.write(node.attr)

    def visit_Call(self, node):
        self.set_precedence(_ATOM, node.func)
        self.traverse(node.func)
        with self.delimit("(", ")"):
            comma = False
            for item in node.args + node.keywords:
                if comma:
                    self.write(", ")
                else:
                    comma = True
                self.traverse(item)

    def visit_Subscript(self, node):
        self.set_precedence(_ATOM, node.value)
        self.traverse(node.value)
        with self.delimit("[", "]"):
            if isinstance(node.slice, Tuple) and node.slice.elts:
                self.items_view(self.traverse, node.slice.elts)
            else:
                self.traverse(node.slice)

    def visit_Starred(self, node):
        self.write("*")
        self.set_precedence(_EXPR, node.value)
        self.traverse(node.value)

    def visit_Slice(self, node):
        if node.lower:
            self.traverse(node.lower)
        self.write(":")
        if node.upper:
            self.traverse(node.upper)
        if node.step:
            self.write(":")
            self.traverse(node.step)

    def visit_Match(self, node):
        self.fill("match ")
        self.traverse(node.subject)
        with self.block():
            for case in node.cases:
                self.traverse(case)

    def visit_arg(self, node):
        self.write(node.arg)
        if node.annotation:
            self.write(": ")
            self.traverse(node.annotation)

    def visit_arguments(self, node):
        first = True
        positional = node.posonlyargs + node.args
        defaults = [None] * (len(positional) - len(node.defaults)) + node.defaults
        for index, (argument, default) in enumerate(zip(positional, defaults), 1):
            if first:
                first = False
            else:
                self.write(", ")
            self.traverse(argument)
            if default:
                self.write("=")
                self.traverse(default)
            if index == len(node.posonlyargs):
                self.write(", /")
        if node.vararg or node.kwonlyargs:
            if first:
                first = False
            else:
                self.write(", ")
            self.write("*")
            if node.vararg:
                self.write(node.vararg.arg)
                if node.vararg.annotation:
                    self.write(": ")
                    self.traverse(node.vararg.annotation)
        if node.kwonlyargs:
            for argument, default in zip(node.kwonlyargs, node.kw_defaults):
                self.write(", ")
                self.traverse(argument)
                if default:
                    self.write("=")
                    self.traverse(default)
        if node.kwarg:
            if not first:
                self.write(", ")
            self.write("**" + node.kwarg.arg)
            if node.kwarg.annotation:
                self.write(": ")
                self.traverse(node.kwarg.annotation)

    def visit_keyword(self, node):
        if node.arg is None:
            self.write("**")
        else:
            self.write(node.arg)
            self.write("=")
        self.traverse(node.value)

    def visit_Lambda(self, node):
        with self.require_parens(_TEST, node):
            self.write("lambda")
            with self.buffered() as buffer:
                self.traverse(node.args)
            if buffer:
                self.write(" ", *buffer)
            self.write(": ")
            self.set_precedence(_TEST, node.body)
            self.traverse(node.body)

    def visit_alias(self, node):
        self.write(node.name)
        if node.asname:
            self.write(" as " + node.asname)

    def visit_withitem(self, node):
        self.traverse(node.context_expr)
        if node.optional_vars:
            self.write(" as ")
            self.traverse(node.optional_vars)

    def visit_match_case(self, node):
        self.fill("case ")
        self.traverse(node.pattern)
        if node.guard:
            self.write(" if ")
            self.traverse(node.guard)
        with self.block():
            self.traverse(node.body)

    def visit_MatchValue(self, node):
        self.traverse(node.value)

    def visit_MatchSingleton(self, node):
        self._write_constant(node.value)

    def visit_MatchSequence(self, node):
        with self.delimit("[", "]"):
            self.interleave(lambda: self.write(", "), self.traverse, node.patterns)

    def visit_MatchStar(self, node):
        name = node.name
        if name is None:
            name = "_"
        self.write(f"*{name}")

    def visit_MatchMapping(self, node):
        def write_pair(pair):
            key, pattern = pair
            self.traverse(key)
            self.write(": ")
            self.traverse(pattern)

        with self.delimit("{", "}"):
            keys = node.keys
            self.interleave(lambda: self.write(", "), write_pair, list(zip(keys, node.patterns, strict=True)))
            if node.rest is not None:
                if keys:
                    self.write(", ")
                self.write(f"**{node.rest}")

    def visit_MatchClass(self, node):
        self.set_precedence(_ATOM, node.cls)
        self.traverse(node.cls)
        with self.delimit("(", ")"):
            patterns = node.patterns
            self.interleave(lambda: self.write(", "), self.traverse, patterns)
            attrs = node.kwd_attrs
            if attrs:
                def write_attribute(pair):
                    attr, pattern = pair
                    self.write(f"{attr}=")
                    self.traverse(pattern)

                if patterns:
                    self.write(", ")
                self.interleave(lambda: self.write(", "), write_attribute,
                                list(zip(attrs, node.kwd_patterns, strict=True)))

    def visit_MatchAs(self, node):
        name = node.name
        pattern = node.pattern
        if name is None:
            self.write("_")
        elif pattern is None:
            self.write(node.name)
        else:
            with self.require_parens(_TEST, node):
                self.set_precedence(_BOR, node.pattern)
                self.traverse(node.pattern)
                self.write(f" as {node.name}")

    def visit_MatchOr(self, node):
        with self.require_parens(_BOR, node):
            self.set_precedence(_tighter(_BOR), *node.patterns)
            self.interleave(lambda: self.write(" | "), self.traverse, node.patterns)


def unparse(ast_obj):
    return _Unparser().visit(ast_obj)
