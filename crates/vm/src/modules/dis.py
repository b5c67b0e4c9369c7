# Taipan's `dis`: CPython 3.13's Python-level API over Taipan's disassembler (the bytecode
# crate's `dis`, whose text equals CPython's). `_dis` is the native side, put in this namespace
# before this source runs.
"""Disassembler of Python byte code into mnemonics."""

import sys

__all__ = [
    "code_info", "dis", "disassemble", "distb", "disco", "findlinestarts", "findlabels",
    "show_code", "get_instructions", "Instruction", "Bytecode", "Positions",
    "cmp_op", "stack_effect", "hascompare", "opname", "opmap", "HAVE_ARGUMENT",
    "EXTENDED_ARG", "hasarg", "hasconst", "hasname", "hasjump", "haslocal", "hasfree",
    "hasexc",
]

_tables = _dis.tables()
opname = _tables["opname"]
opmap = _tables["opmap"]
_specialized_opmap = _tables["_specialized_opmap"]
_cache_format = _tables["_cache_format"]
hasarg = _tables["hasarg"]
hasconst = _tables["hasconst"]
hasname = _tables["hasname"]
hasjump = _tables["hasjump"]
haslocal = _tables["haslocal"]
hasfree = _tables["hasfree"]
hascompare = _tables["hascompare"]
hasexc = _tables["hasexc"]
del _tables
cmp_op = ("<", "<=", "==", "!=", ">", ">=")
HAVE_ARGUMENT = 44
EXTENDED_ARG = opmap["EXTENDED_ARG"]
_inline_cache_entries = {
    name: sum(fields.values()) for name, fields in _cache_format.items()
}

COMPILER_FLAG_NAMES = {
    1: "OPTIMIZED",
    2: "NEWLOCALS",
    4: "VARARGS",
    8: "VARKEYWORDS",
    16: "NESTED",
    32: "GENERATOR",
    64: "NOFREE",
    128: "COROUTINE",
    256: "ITERABLE_COROUTINE",
    512: "ASYNC_GENERATOR",
}


def pretty_flags(flags):
    """Return pretty representation of code flags."""
    names = []
    for bit in range(32):
        flag = 1 << bit
        if flags & flag:
            names.append(COMPILER_FLAG_NAMES.get(flag, hex(flag)))
            flags ^= flag
            if not flags:
                break
    else:
        names.append(hex(flags))
    return ", ".join(names)


def stack_effect(opcode, oparg=None, /, *, jump=None):
    return _dis.stack_effect(opcode, oparg, jump)


def _try_compile(source, name):
    # An expression disassembles as one (its value is the result); anything else as a module.
    try:
        return compile(source, name, "eval")
    except SyntaxError:
        pass
    return compile(source, name, "exec")


def _get_code_object(x):
    """The code object of a function, method, generator, coroutine, source string or code."""
    if hasattr(x, "__func__"):
        x = x.__func__
    if hasattr(x, "__code__"):
        x = x.__code__
    elif hasattr(x, "gi_code"):
        x = x.gi_code
    elif hasattr(x, "ag_code"):
        x = x.ag_code
    elif hasattr(x, "cr_code"):
        x = x.cr_code
    if isinstance(x, str):
        x = _try_compile(x, "<disassembly>")
    if hasattr(x, "co_code"):
        return x
    raise TypeError(f"don't know how to disassemble {type(x).__name__} objects")


def _write(text, file):
    print(text, end="", file=file)


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False,
        show_offsets=False):
    """Disassemble classes, methods, functions, and other compiled objects.

    With no argument, disassemble the last traceback.

    Compiled objects currently include generator objects, async generator
    objects, and coroutine objects, all of which store their code object
    in a special attribute.
    """
    if x is None:
        distb(file=file, show_caches=show_caches, adaptive=adaptive,
              show_offsets=show_offsets)
        return
    if hasattr(x, "__func__"):
        x = x.__func__
    if hasattr(x, "__code__"):
        x = x.__code__
    elif hasattr(x, "gi_code"):
        x = x.gi_code
    elif hasattr(x, "ag_code"):
        x = x.ag_code
    elif hasattr(x, "cr_code"):
        x = x.cr_code
    if hasattr(x, "__dict__"):
        # A class or module: each function, method, class or code object it holds, by name.
        for name, member in sorted(x.__dict__.items()):
            if isinstance(member, _have_code):
                print(f"Disassembly of {name}:", file=file)
                try:
                    dis(member, file=file, depth=depth, show_caches=show_caches,
                        adaptive=adaptive, show_offsets=show_offsets)
                except TypeError as message:
                    print("Sorry:", message, file=file)
                print(file=file)
    elif hasattr(x, "co_code"):
        _write(_dis.dis_text(x, show_caches, show_offsets, depth, True), file)
    elif isinstance(x, (bytes, bytearray)):
        raise TypeError("disassembling raw bytecode is not supported by Taipan yet")
    elif isinstance(x, str):
        code = _try_compile(x, "<dis>")
        _write(_dis.dis_text(code, show_caches, show_offsets, depth, True), file)
    else:
        raise TypeError(f"don't know how to disassemble {type(x).__name__} objects")


def distb(tb=None, *, file=None, show_caches=False, adaptive=False, show_offsets=False):
    """Disassemble a traceback (default: last traceback)."""
    if tb is None:
        try:
            if hasattr(sys, "last_exc"):
                tb = sys.last_exc.__traceback__
            else:
                tb = sys.last_traceback
        except AttributeError:
            raise RuntimeError("no last traceback to disassemble") from None
        while tb.tb_next:
            tb = tb.tb_next
    disassemble(tb.tb_frame.f_code, tb.tb_lasti, file=file, show_caches=show_caches,
                adaptive=adaptive, show_offsets=show_offsets)


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False,
                show_offsets=False):
    """Disassemble a code object."""
    _write(_dis.dis_text(co, show_caches, show_offsets, 0, False), file)


disco = disassemble


def code_info(x):
    """Formatted details of methods, functions, or code."""
    return _format_code_info(_get_code_object(x))


def _format_code_info(co):
    lines = [
        f"Name:              {co.co_name}",
        f"Filename:          {co.co_filename}",
        f"Argument count:    {co.co_argcount}",
        f"Positional-only arguments: {co.co_posonlyargcount}",
        f"Kw-only arguments: {co.co_kwonlyargcount}",
        f"Number of locals:  {co.co_nlocals}",
        f"Stack size:        {co.co_stacksize}",
        f"Flags:             {pretty_flags(co.co_flags)}",
    ]
    if co.co_consts:
        lines.append("Constants:")
        lines.extend(f"{i:4d}: {c!r}" for i, c in enumerate(co.co_consts))
    for title, names in (("Names:", co.co_names), ("Variable names:", co.co_varnames),
                         ("Free variables:", co.co_freevars),
                         ("Cell variables:", co.co_cellvars)):
        if names:
            lines.append(title)
            lines.extend(f"{i:4d}: {n}" for i, n in enumerate(names))
    return "\n".join(lines)


def show_code(co, *, file=None):
    """Print details of methods, functions, or code to *file*."""
    print(code_info(co), file=file)


class Positions(tuple):
    """Positions(lineno, end_lineno, col_offset, end_col_offset)"""

    __slots__ = ()
    _fields = ("lineno", "end_lineno", "col_offset", "end_col_offset")

    def __new__(cls, lineno=None, end_lineno=None, col_offset=None, end_col_offset=None):
        return tuple.__new__(cls, (lineno, end_lineno, col_offset, end_col_offset))

    lineno = property(lambda self: self[0])
    end_lineno = property(lambda self: self[1])
    col_offset = property(lambda self: self[2])
    end_col_offset = property(lambda self: self[3])

    def __repr__(self):
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"Positions({fields})"


class Instruction(tuple):
    """Details for a bytecode operation."""

    __slots__ = ()
    _fields = ("opname", "opcode", "arg", "argval", "argrepr", "offset", "start_offset",
               "starts_line", "line_number", "label", "positions", "cache_info")

    def __new__(cls, opname, opcode, arg, argval, argrepr, offset, start_offset, starts_line,
                line_number, label=None, positions=None, cache_info=None):
        return tuple.__new__(cls, (opname, opcode, arg, argval, argrepr, offset, start_offset,
                                   starts_line, line_number, label, positions, cache_info))

    opname = property(lambda self: self[0])
    opcode = property(lambda self: self[1])
    arg = property(lambda self: self[2])
    argval = property(lambda self: self[3])
    argrepr = property(lambda self: self[4])
    offset = property(lambda self: self[5])
    start_offset = property(lambda self: self[6])
    starts_line = property(lambda self: self[7])
    line_number = property(lambda self: self[8])
    label = property(lambda self: self[9])
    positions = property(lambda self: self[10])
    cache_info = property(lambda self: self[11])

    def __repr__(self):
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"Instruction({fields})"

    def __str__(self):
        # One line of the disassembly (dis's Formatter with no line, offset or label column
        # widths), with its newline.
        fields = [f"L{self.label}:" if self.label is not None else "", "   ",
                  self.opname.ljust(20)]
        if self.arg is not None:
            excess = max(0, len(self.opname) - 20)
            fields.append(repr(self.arg).rjust(5 - excess))
            if self.argrepr:
                fields.append("(" + self.argrepr + ")")
        return " ".join(fields).rstrip() + "\n"

    def _replace(self, **changes):
        values = [changes.pop(name, value) for name, value in zip(self._fields, self)]
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return Instruction(*values)

    @property
    def oparg(self):
        """Alias for Instruction.arg."""
        return self.arg

    @property
    def baseopcode(self):
        """Numeric code for the base operation if operation is specialized."""
        return opmap.get(self.baseopname, self.opcode)

    @property
    def baseopname(self):
        """Human readable name for the base operation if operation is specialized."""
        name = self.opname
        if name in _specialized_opmap:
            for base, fields in _cache_format.items():
                if name.startswith(base):
                    return base
        return name

    @property
    def cache_offset(self):
        """Start index of the cache entries following the operation."""
        return self.offset + 2

    @property
    def end_offset(self):
        """End index of the cache entries following the operation."""
        return self.cache_offset + _inline_cache_entries.get(self.baseopname, 0) * 2

    @property
    def jump_target(self):
        """Bytecode index of the jump target if this is a jump operation."""
        if self.baseopcode in hasjump:
            return self.argval
        return None

    @property
    def is_jump_target(self):
        """True if other code jumps to here, otherwise False."""
        return self.label is not None


def _instructions(co, show_caches=False, first_line=None):
    shift = 0 if first_line is None else first_line - co.co_firstlineno
    for fields in _dis.instructions(co, show_caches):
        fields = list(fields)
        if fields[8] is not None:
            fields[8] += shift
        if fields[10] is not None:
            lineno, end_lineno, col, end_col = fields[10]
            if shift:
                lineno = None if lineno is None else lineno + shift
                end_lineno = None if end_lineno is None else end_lineno + shift
            fields[10] = Positions(lineno, end_lineno, col, end_col)
        yield Instruction(*fields)


def get_instructions(x, *, first_line=None, show_caches=None, adaptive=False):
    """Iterator for the opcodes in methods, functions or code.

    Generates a series of Instruction named tuples giving the details of
    each operation in the supplied code.
    """
    return _instructions(_get_code_object(x), bool(show_caches), first_line)


def findlinestarts(code):
    """Find the offsets in a byte code which are start of lines in the source."""
    for offset, line in _dis.line_starts(code):
        yield offset, line


def findlabels(code):
    """Detect all offsets in a byte code which are jump targets.

    Return the list of offsets.

    """
    len(code)  # raw bytecode (`co_code`), as CPython's: a code object is a TypeError
    labels = []
    for instruction in _instructions(code):
        target = instruction.jump_target
        if target is not None and target not in labels:
            labels.append(target)
    return labels


class Bytecode:
    """The bytecode operations of a piece of code.

    Instantiate this with a function, method, other compiled object, string of
    code, or a code object (as returned by compile()).

    Iterating over this yields the bytecode operations as Instruction instances.
    """

    def __init__(self, x, *, first_line=None, current_offset=None, show_caches=False,
                 adaptive=False, show_offsets=False):
        self.codeobj = co = _get_code_object(x)
        if first_line is None:
            self.first_line = co.co_firstlineno
            self._line_offset = 0
        else:
            self.first_line = first_line
            self._line_offset = first_line - co.co_firstlineno
        self.current_offset = current_offset
        self.show_caches = show_caches
        self.adaptive = adaptive
        self.show_offsets = show_offsets
        self._original_object = x

    def __iter__(self):
        return _instructions(self.codeobj, self.show_caches,
                             None if not self._line_offset else self.first_line)

    def __repr__(self):
        return f"{self.__class__.__name__}({self._original_object!r})"

    @classmethod
    def from_traceback(cls, tb, *, show_caches=False, adaptive=False):
        """Construct a Bytecode from the given traceback."""
        while tb.tb_next:
            tb = tb.tb_next
        return cls(tb.tb_frame.f_code, current_offset=tb.tb_lasti, show_caches=show_caches,
                   adaptive=adaptive)

    def info(self):
        """Return formatted information about the code object."""
        return _format_code_info(self.codeobj)

    def dis(self):
        """Return a formatted view of the bytecode operations."""
        return _dis.dis_text(self.codeobj, self.show_caches, self.show_offsets, 0, False)


def _sample():
    pass


# types.MethodType, types.FunctionType, types.CodeType, classmethod, staticmethod, type.
_have_code = (type(Bytecode.dis.__get__(0)), type(_sample), type(_sample.__code__), classmethod,
              staticmethod, type)
del _sample
