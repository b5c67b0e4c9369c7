# Taipan's `ast`: CPython 3.13's Python-level API. The node classes are made here from the
# table below (the classes' documented fields and their types); `parse` runs Taipan's parser
# and builds node objects natively (`_ast_native`, put in this namespace before this source
# runs); the helpers work on node objects, as CPython's do.
"""
The `ast` module helps Python applications to process trees of the Python
abstract syntax grammar.  The abstract syntax itself might change with
each Python release; this module helps to find out programmatically what
the current grammar looks like and allows modifications of it.
"""

import sys

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192
PyCF_OPTIMIZED_AST = 33792

# Each abstract class, its attributes in brackets, then its concrete classes with their fields:
# `type name` where the type is a node class, `identifier`, `string`, `int` or `constant`, and
# `?` marks an optional field, `*` a list. Product types (no abstract base) come last.
_SCHEMA = """
mod []
  Module: stmt* body, type_ignore* type_ignores
  Interactive: stmt* body
  Expression: expr body
  FunctionType: expr* argtypes, expr returns
stmt [lineno col_offset end_lineno? end_col_offset?]
  FunctionDef: identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params
  AsyncFunctionDef: identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params
  ClassDef: identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params
  Return: expr? value
  Delete: expr* targets
  Assign: expr* targets, expr value, string? type_comment
  TypeAlias: expr name, type_param* type_params, expr value
  AugAssign: expr target, operator op, expr value
  AnnAssign: expr target, expr annotation, expr? value, int simple
  For: expr target, expr iter, stmt* body, stmt* orelse, string? type_comment
  AsyncFor: expr target, expr iter, stmt* body, stmt* orelse, string? type_comment
  While: expr test, stmt* body, stmt* orelse
  If: expr test, stmt* body, stmt* orelse
  With: withitem* items, stmt* body, string? type_comment
  AsyncWith: withitem* items, stmt* body, string? type_comment
  Match: expr subject, match_case* cases
  Raise: expr? exc, expr? cause
  Try: stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody
  TryStar: stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody
  Assert: expr test, expr? msg
  Import: alias* names
  ImportFrom: identifier? module, alias* names, int? level
  Global: identifier* names
  Nonlocal: identifier* names
  Expr: expr value
  Pass:
  Break:
  Continue:
expr [lineno col_offset end_lineno? end_col_offset?]
  BoolOp: boolop op, expr* values
  NamedExpr: expr target, expr value
  BinOp: expr left, operator op, expr right
  UnaryOp: unaryop op, expr operand
  Lambda: arguments args, expr body
  IfExp: expr test, expr body, expr orelse
  Dict: expr* keys, expr* values
  Set: expr* elts
  ListComp: expr elt, comprehension* generators
  SetComp: expr elt, comprehension* generators
  DictComp: expr key, expr value, comprehension* generators
  GeneratorExp: expr elt, comprehension* generators
  Await: expr value
  Yield: expr? value
  YieldFrom: expr value
  Compare: expr left, cmpop* ops, expr* comparators
  Call: expr func, expr* args, keyword* keywords
  FormattedValue: expr value, int conversion, expr? format_spec
  JoinedStr: expr* values
  Constant: constant value, string? kind
  Attribute: expr value, identifier attr, expr_context ctx
  Subscript: expr value, expr slice, expr_context ctx
  Starred: expr value, expr_context ctx
  Name: identifier id, expr_context ctx
  List: expr* elts, expr_context ctx
  Tuple: expr* elts, expr_context ctx
  Slice: expr? lower, expr? upper, expr? step
expr_context []
  Load:
  Store:
  Del:
boolop []
  And:
  Or:
operator []
  Add:
  Sub:
  Mult:
  MatMult:
  Div:
  Mod:
  Pow:
  LShift:
  RShift:
  BitOr:
  BitXor:
  BitAnd:
  FloorDiv:
unaryop []
  Invert:
  Not:
  UAdd:
  USub:
cmpop []
  Eq:
  NotEq:
  Lt:
  LtE:
  Gt:
  GtE:
  Is:
  IsNot:
  In:
  NotIn:
excepthandler [lineno col_offset end_lineno? end_col_offset?]
  ExceptHandler: expr? type, identifier? name, stmt* body
pattern [lineno col_offset end_lineno end_col_offset]
  MatchValue: expr value
  MatchSingleton: constant value
  MatchSequence: pattern* patterns
  MatchMapping: expr* keys, pattern* patterns, identifier? rest
  MatchClass: expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns
  MatchStar: identifier? name
  MatchAs: pattern? pattern, identifier? name
  MatchOr: pattern* patterns
type_ignore []
  TypeIgnore: int lineno, string tag
type_param [lineno col_offset end_lineno end_col_offset]
  TypeVar: identifier name, expr? bound, expr? default_value
  ParamSpec: identifier name, expr? default_value
  TypeVarTuple: identifier name, expr? default_value
arguments: arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults []
arg: identifier arg, expr? annotation, string? type_comment [lineno col_offset end_lineno? end_col_offset?]
keyword: identifier? arg, expr value [lineno col_offset end_lineno? end_col_offset?]
alias: identifier name, identifier? asname [lineno col_offset end_lineno? end_col_offset?]
withitem: expr context_expr, expr? optional_vars []
match_case: pattern pattern, expr? guard, stmt* body []
comprehension: expr target, expr iter, expr* ifs, int is_async []
"""


class AST:
    _fields = ()
    _attributes = ()
    _field_types = {}
    __match_args__ = ()
    # Each field's kind: "*" a list, "?" optional, "ctx" a context (defaults to Load()), ""
    # required.
    _kinds = {}

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = cls._fields
        if len(args) > len(fields):
            plural = "" if len(fields) == 1 else "s"
            raise TypeError(
                f"{cls.__name__} constructor takes at most {len(fields)} positional argument{plural}"
            )
        for name, value in zip(fields, args):
            setattr(self, name, value)
        positional = fields[: len(args)]
        for name, value in kwargs.items():
            if name in positional:
                raise TypeError(f"{cls.__name__} got multiple values for argument {name!r}")
            if name not in fields and name not in cls._attributes:
                _deprecated(
                    f"{cls.__name__}.__init__ got an unexpected keyword argument {name!r}. "
                    "Support for arbitrary keyword arguments is deprecated and will be removed "
                    "in Python 3.15.")
            setattr(self, name, value)
        for name in fields[len(args):]:
            if name in kwargs:
                continue
            kind = cls._kinds.get(name, "")
            if kind == "*":
                setattr(self, name, [])
            elif kind == "?":
                setattr(self, name, None)
            elif kind == "ctx":
                setattr(self, name, Load())
            else:
                # A required field left out (CPython reports these in hash order; Taipan in
                # field order).
                _deprecated(
                    f"{cls.__name__}.__init__ missing 1 required positional argument: "
                    f"{name!r}. This will become an error in Python 3.15.")

    def __reduce__(self):
        return type(self), (), self.__dict__


AST.__module__ = "ast"


def _deprecated(message):
    # A DeprecationWarning at the line that called the node's constructor.
    import warnings

    warnings.warn(message, DeprecationWarning, stacklevel=3)

_TYPE_NAMES = {"identifier": str, "string": str, "int": int, "constant": object}
_CLASS_TABLE = {}


def _make_classes():
    pending = []  # (class, [(type, kind, name)]) to resolve once every class exists
    base = None
    for line in _SCHEMA.strip().splitlines():
        indented = line.startswith("  ")
        line = line.strip()
        attributes = ()
        if line.endswith("]"):
            line, _, attrs = line[:-1].rpartition("[")
            attributes = tuple(a.rstrip("?") for a in attrs.split())
            optional_attributes = [a[:-1] for a in attrs.split() if a.endswith("?")]
            line = line.strip()
        else:
            optional_attributes = []
        if not indented and ":" not in line:
            base = type(line, (AST,), {"__module__": "ast", "_attributes": attributes})
            for name in optional_attributes:
                setattr(base, name, None)
            globals()[line] = base
            continue
        name, _, spec = line.partition(":")
        parent = base if indented else AST
        fields = []
        for part in spec.split(","):
            part = part.strip()
            if not part:
                continue
            type_name, field = part.split()
            fields.append((type_name, field))
        namespace = {
            "__module__": "ast",
            "_fields": tuple(f for _, f in fields),
            "__match_args__": tuple(f for _, f in fields),
        }
        if not indented:
            namespace["_attributes"] = attributes
        cls = type(name, (parent,), namespace)
        if not indented:
            for attribute in optional_attributes:
                setattr(cls, attribute, None)
        globals()[name] = cls
        pending.append((cls, fields))
    for cls, fields in pending:
        kinds = {}
        types = {}
        lists = []
        others = []
        for type_name, field in fields:
            kind = type_name[-1] if type_name[-1] in "*?" else ""
            bare = type_name.rstrip("*?")
            field_type = _TYPE_NAMES.get(bare) or globals()[bare]
            if kind == "*":
                types[field] = list[field_type]
                lists.append(field)
            elif kind == "?":
                types[field] = field_type | None
                setattr(cls, field, None)
                others.append(field)
            else:
                types[field] = field_type
                others.append(field)
            if bare == "expr_context":
                kind = "ctx"
            kinds[field] = kind
        cls._kinds = kinds
        cls._field_types = types
        cls.__annotations__ = dict(types)
        _CLASS_TABLE[cls.__name__] = (cls, tuple(lists), tuple(others))


_make_classes()
del _make_classes


def parse(source, filename="<unknown>", mode="exec", *, type_comments=False,
          feature_version=None, optimize=-1):
    """
    Parse the source into an AST node.
    Equivalent to compile(source, filename, mode, PyCF_ONLY_AST).
    Pass type_comments=True to get back type comments where the syntax allows.
    """
    if isinstance(source, AST):
        return source
    level = optimize if optimize > 0 else None
    return _ast_native.parse(source, filename, mode, type_comments, _CLASS_TABLE, level)


def _parse_for_compile(source, filename, mode, type_comments, optimize):
    # compile(..., PyCF_ONLY_AST [| PyCF_OPTIMIZED_AST]): `optimize` is the folding level or None.
    if isinstance(source, AST):
        return source
    return _ast_native.parse(source, filename, mode, type_comments, _CLASS_TABLE, optimize)


def literal_eval(node_or_string):
    """
    Evaluate an expression node or a string containing only a Python
    expression.  The string or node provided may only consist of the following
    Python literal structures: strings, bytes, numbers, tuples, lists, dicts,
    sets, booleans, and None.

    Caution: A complex expression can overflow the C stack and cause a crash.
    """
    if isinstance(node_or_string, str):
        node_or_string = parse(node_or_string.lstrip(" \t"), mode="eval")
    if isinstance(node_or_string, Expression):
        node_or_string = node_or_string.body

    def malformed(node):
        message = "malformed node or string"
        line = getattr(node, "lineno", None)
        if line:
            message += f" on line {line}"
        raise ValueError(message + f": {node!r}")

    def number(node):
        if not isinstance(node, Constant) or type(node.value) not in (int, float, complex):
            malformed(node)
        return node.value

    def signed(node):
        if isinstance(node, UnaryOp) and isinstance(node.op, (UAdd, USub)):
            operand = number(node.operand)
            return +operand if isinstance(node.op, UAdd) else -operand
        return number(node)

    def convert(node):
        if isinstance(node, Constant):
            return node.value
        if isinstance(node, Tuple):
            return tuple(map(convert, node.elts))
        if isinstance(node, List):
            return list(map(convert, node.elts))
        if isinstance(node, Set):
            return set(map(convert, node.elts))
        if (isinstance(node, Call) and isinstance(node.func, Name) and node.func.id == "set"
                and node.args == node.keywords == []):
            return set()
        if isinstance(node, Dict):
            if len(node.keys) != len(node.values):
                malformed(node)
            return dict(zip(map(convert, node.keys), map(convert, node.values)))
        if isinstance(node, BinOp) and isinstance(node.op, (Add, Sub)):
            left = signed(node.left)
            right = number(node.right)
            if isinstance(left, (int, float)) and isinstance(right, complex):
                return left + right if isinstance(node.op, Add) else left - right
        return signed(node)

    return convert(node_or_string)


def dump(node, annotate_fields=True, include_attributes=False, *, indent=None,
         show_empty=False):
    """
    Return a formatted dump of the tree in node.  This is mainly useful for
    debugging purposes.  If annotate_fields is true (by default),
    the returned string will show the names and the values for fields.
    If annotate_fields is false, the result string will be more compact by
    omitting unambiguous field names.  Attributes such as line
    numbers and column offsets are not dumped by default.  If this is wanted,
    include_attributes can be set to true.  If indent is a non-negative
    integer or string, then the tree will be pretty-printed with that indent
    level. None (the default) selects the single line representation.
    If show_empty is False, then empty lists and fields that are None
    will be omitted from the output for better readability.
    """
    if not isinstance(node, AST):
        raise TypeError(f"expected AST, got {node.__class__.__name__!r}")
    if indent is not None and not isinstance(indent, str):
        indent = " " * indent

    def format_value(value, level):
        # Returns the text and whether it is "simple" (a scalar, an empty list, or a node that
        # printed nothing), which decides whether a node may go on one line.
        if indent is not None:
            level += 1
            opening = "\n" + indent * level
            separator = ",\n" + indent * level
        else:
            opening = ""
            separator = ", "
        if isinstance(value, AST):
            return format_node(value, level, opening, separator)
        if isinstance(value, list):
            if not value:
                return "[]", True
            items = separator.join(format_value(item, level)[0] for item in value)
            return f"[{opening}{items}]", False
        return repr(value), True

    def format_node(node, level, opening, separator):
        cls = type(node)
        parts = []
        # Fields left out so far: written positionally (without names) they must still be
        # shown when a later field is, to keep positions right.
        skipped = []
        all_simple = True
        named = annotate_fields
        keeps_empty = isinstance(node, (Constant, MatchSingleton))
        for name in node._fields:
            try:
                value = getattr(node, name)
            except AttributeError:
                named = True
                continue
            if value is None and getattr(cls, name, ...) is None:
                named = True
                continue
            if not show_empty and (value is None or value == []) and not keeps_empty:
                skipped.append(repr(value))
                continue
            if not named:
                parts.extend(skipped)
                skipped = []
            text, simple = format_value(value, level)
            all_simple = all_simple and simple
            parts.append(f"{name}={text}" if named else text)
        if include_attributes and node._attributes:
            for name in node._attributes:
                try:
                    value = getattr(node, name)
                except AttributeError:
                    continue
                if value is None and getattr(cls, name, ...) is None:
                    continue
                text, simple = format_value(value, level)
                all_simple = all_simple and simple
                parts.append(f"{name}={text}")
        class_name = node.__class__.__name__
        if all_simple and len(parts) <= 3:
            return f"{class_name}({', '.join(parts)})", not parts
        return f"{class_name}({opening}{separator.join(parts)})", False

    return format_value(node, 0)[0]


def copy_location(new_node, old_node):
    """
    Copy source location (`lineno`, `col_offset`, `end_lineno`, and `end_col_offset`
    attributes) from *old_node* to *new_node* if possible, and return *new_node*.
    """
    for attr in "lineno", "col_offset", "end_lineno", "end_col_offset":
        if attr in old_node._attributes and attr in new_node._attributes:
            value = getattr(old_node, attr, None)
            # end_lineno and end_col_offset are optional attributes, and they
            # should be copied whether the value is None or not.
            if value is not None or (hasattr(old_node, attr) and attr.startswith("end_")):
                setattr(new_node, attr, value)
    return new_node


def fix_missing_locations(node):
    """
    When you compile a node tree with compile(), the compiler expects lineno and
    col_offset attributes for every node that supports them.  This is rather
    tedious to fill in for generated nodes, so this helper adds these attributes
    recursively where not already set, by setting them to the values of the
    parent node.  It works recursively starting at *node*.
    """
    def fix(node, lineno, col_offset, end_lineno, end_col_offset):
        if "lineno" in node._attributes:
            if not hasattr(node, "lineno"):
                node.lineno = lineno
            else:
                lineno = node.lineno
        if "end_lineno" in node._attributes:
            if getattr(node, "end_lineno", None) is None:
                node.end_lineno = end_lineno
            else:
                end_lineno = node.end_lineno
        if "col_offset" in node._attributes:
            if not hasattr(node, "col_offset"):
                node.col_offset = col_offset
            else:
                col_offset = node.col_offset
        if "end_col_offset" in node._attributes:
            if getattr(node, "end_col_offset", None) is None:
                node.end_col_offset = end_col_offset
            else:
                end_col_offset = node.end_col_offset
        for child in iter_child_nodes(node):
            fix(child, lineno, col_offset, end_lineno, end_col_offset)

    fix(node, 1, 0, 1, 0)
    return node


def increment_lineno(node, n=1):
    """
    Increment the line number and end line number of each node in the tree
    starting at *node* by *n*. This is useful to "move code" to a different
    location in a file.
    """
    for child in walk(node):
        # TypeIgnore is a special case where lineno is not an attribute
        # but rather a field of the node itself.
        if isinstance(child, TypeIgnore):
            child.lineno = getattr(child, "lineno", 0) + n
            continue
        if "lineno" in child._attributes:
            child.lineno = getattr(child, "lineno", 0) + n
        if "end_lineno" in child._attributes and (end := getattr(child, "end_lineno", 0)) is not None:
            child.end_lineno = end + n
    return node


def iter_fields(node):
    """
    Yield a tuple of ``(fieldname, value)`` for each field in ``node._fields``
    that is present on *node*.
    """
    for field in node._fields:
        try:
            yield field, getattr(node, field)
        except AttributeError:
            pass


def iter_child_nodes(node):
    """
    Yield all direct child nodes of *node*, that is, all fields that are nodes
    and all items of fields that are lists of nodes.
    """
    for name, field in iter_fields(node):
        if isinstance(field, AST):
            yield field
        elif isinstance(field, list):
            for item in field:
                if isinstance(item, AST):
                    yield item


def get_docstring(node, clean=True):
    """
    Return the docstring for the given node or None if no docstring can
    be found.  If the node provided does not have docstrings a TypeError
    will be raised.

    If *clean* is `True`, all tabs are expanded to spaces and any whitespace
    that can be uniformly removed from the second line onwards is removed.
    """
    if not isinstance(node, (AsyncFunctionDef, FunctionDef, ClassDef, Module)):
        raise TypeError("%r can't have docstrings" % node.__class__.__name__)
    if not (node.body and isinstance(node.body[0], Expr)):
        return None
    node = node.body[0].value
    if isinstance(node, Constant) and isinstance(node.value, str):
        text = node.value
    else:
        return None
    if clean:
        text = _cleandoc(text)
    return text


def _cleandoc(doc):
    # inspect.cleandoc: tabs expanded, the common indentation of the lines after the first
    # removed, the first line's leading blanks removed, blank lines at both ends dropped.
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip(" "))
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    lines[0] = lines[0].lstrip(" ")
    if margin is not None:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _splitlines_no_ff(source, maxlines=None):
    """Split a string into lines ignoring form feed and other chars.

    This mimics how the Python parser splits source code.
    """
    lines = []
    index = 0
    while index < len(source) and (maxlines is None or len(lines) < maxlines):
        end = index
        while end < len(source) and source[end] not in "\r\n":
            end += 1
        if end < len(source):
            if source[end] == "\r" and end + 1 < len(source) and source[end + 1] == "\n":
                end += 2
            else:
                end += 1
        lines.append(source[index:end])
        index = end
    return lines


def _pad_whitespace(source):
    """Replace all chars except '\\f\\t' in a line with spaces."""
    return "".join(c if c in "\f\t" else " " for c in source)


def get_source_segment(source, node, *, padded=False):
    """Get source code segment of the *source* that generated *node*.

    If some location information (`lineno`, `end_lineno`, `col_offset`,
    or `end_col_offset`) is missing, return None.

    If *padded* is `True`, the first line of a multi-line statement will
    be padded with spaces to match its original position.
    """
    try:
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        lineno = node.lineno - 1
        end_lineno = node.end_lineno - 1
        col_offset = node.col_offset
        end_col_offset = node.end_col_offset
    except AttributeError:
        return None
    lines = _splitlines_no_ff(source, maxlines=end_lineno + 1)
    if end_lineno == lineno:
        return lines[lineno].encode()[col_offset:end_col_offset].decode()
    padding = _pad_whitespace(lines[lineno].encode()[:col_offset].decode()) if padded else ""
    first = padding + lines[lineno].encode()[col_offset:].decode()
    last = lines[end_lineno].encode()[:end_col_offset].decode()
    return "".join([first] + lines[lineno + 1:end_lineno] + [last])


def walk(node):
    """
    Recursively yield all descendant nodes in the tree starting at *node*
    (including *node* itself), in no specified order.  This is useful if you
    only want to modify nodes in place and don't care about the context.
    """
    todo = [node]
    index = 0
    while index < len(todo):
        node = todo[index]
        index += 1
        todo.extend(iter_child_nodes(node))
        yield node


class NodeVisitor:
    """
    A node visitor base class that walks the abstract syntax tree and calls a
    visitor function for every node found.  This function may return a value
    which is forwarded by the `visit` method.

    This class is meant to be subclassed, with the subclass adding visitor
    methods.
    """

    def visit(self, node):
        """Visit a node."""
        method = "visit_" + node.__class__.__name__
        visitor = getattr(self, method, self.generic_visit)
        return visitor(node)

    def generic_visit(self, node):
        """Called if no explicit visitor function exists for a node."""
        for field, value in iter_fields(node):
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        self.visit(item)
            elif isinstance(value, AST):
                self.visit(value)


class NodeTransformer(NodeVisitor):
    """
    A :class:`NodeVisitor` subclass that walks the abstract syntax tree and
    allows modification of nodes.

    The `NodeTransformer` will walk the AST and use the return value of the
    visitor methods to replace or remove the old node.  If the return value of
    the visitor method is ``None``, the node will be removed from its location,
    otherwise it is replaced with the return value.  The return value may be the
    original node in which case no replacement takes place.
    """

    def generic_visit(self, node):
        for field, old_value in iter_fields(node):
            if isinstance(old_value, list):
                new_values = []
                for value in old_value:
                    if isinstance(value, AST):
                        value = self.visit(value)
                        if value is None:
                            continue
                        elif not isinstance(value, AST):
                            new_values.extend(value)
                            continue
                    new_values.append(value)
                old_value[:] = new_values
            elif isinstance(old_value, AST):
                new_node = self.visit(old_value)
                if new_node is None:
                    delattr(node, field)
                else:
                    setattr(node, field, new_node)
        return node


# --- unparse -------------------------------------------------------------------------------
# Source text for a tree, as CPython 3.13's `ast.unparse` writes it: the same spacing, quotes,
# parentheses (by operator precedence) and line breaks, so that its output is CPython's.

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
