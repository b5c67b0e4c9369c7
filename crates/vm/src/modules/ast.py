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

