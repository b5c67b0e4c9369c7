# The oracle's side of the harness, run as `python3 -c DRIVER [ARGS]`.
#
# With no arguments: runs many commands in one CPython process, for speed. Input: one command per
# line, arguments separated by NUL. Output per command: "STATUS OUTLEN ERRLEN\n" then the bytes.
# A command is either `-m MODULE ARGS` (the module's real `__main__` code, with captured
# stdout/stderr) or `--syntax FILE` (see `syntax`).
#
# With arguments `--syntax FILE`: runs that one command and exits with its status.
#
# `--pyc FILE [REWRITTEN] [-C] [-O] [--both]`: for a .pyc file, what
# `dis.dis(marshal.loads(data[16:]))` prints (with `--both`, then also with show_caches and
# show_offsets), then the full field dump of its code objects (see `code_dump`), then, if REWRITTEN is
# given (the same file written back by Taipan), whether CPython loads it as an equal code object.
# `--opcode-facts`: the facts of every opcode, as `taipan_bytecode::Opcode` must give them.
# `--code FILE LEVEL [OURS]`: `compile(source_bytes, FILE, "exec", optimize=LEVEL)`; with OURS
# (Taipan's result: a `.pyc` it wrote, or a `.err` file holding its error line) the verdict
# `equal` or `different` and, when different, both sides' field dumps (see `compile_code`).
# `--code-dump FILE`: the field dump of `compile(source_bytes, FILE, "exec")`.
# `--passes FILE LEVEL`: each compiler pass's output for FILE (see `passes`).
import ast
import io
import marshal
import runpy
import sys
import traceback
import warnings

def syntax(path):
    """What `ast.parse(source_bytes, path)` raises: the class, message, the four position
    attributes and `text` of a SyntaxError, one per line; `ok` if nothing."""
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(source, path)
        except SyntaxError as e:
            lines = ["%s: %s" % (type(e).__name__, e.msg)]
            for name in ("lineno", "offset", "end_lineno", "end_offset", "text"):
                lines.append("%s: %r" % (name, getattr(e, name)))
            return 1, "\n".join(lines) + "\n"
        except Exception as e:
            return 1, "%s: %s\n" % (type(e).__name__, e)
    return 0, "ok\n"

def code_dump(code):
    """Every field of a code object and, recursively, of the code objects among its constants:
    the text `taipan_bytecode::dump` writes."""
    import dis
    lines = []
    def text(s):
        return s.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    def one(co, path):
        lines.append("code %s" % text(path))
        for field in ("argcount", "posonlyargcount", "kwonlyargcount", "stacksize"):
            lines.append("  %s: %d" % (field, getattr(co, "co_" + field)))
        lines.append("  flags: %#x (%s)" % (co.co_flags, dis.pretty_flags(co.co_flags)))
        lines.append("  firstlineno: %d" % co.co_firstlineno)
        for field in ("filename", "name", "qualname"):
            lines.append("  %s: %s" % (field, text(repr(getattr(co, "co_" + field)))))
        lines.append("  code: %s" % co.co_code.hex())
        lines.append("  consts:")
        for i, c in enumerate(co.co_consts):
            lines.append("    %d: %s" % (i, text(repr(c))))
        lines.append("  names: %s" % text(repr(co.co_names)))
        lines.append("  varnames: %s" % text(repr(co.co_varnames)))
        lines.append("  cellvars: %s" % text(repr(co.co_cellvars)))
        lines.append("  freevars: %s" % text(repr(co.co_freevars)))
        lines.append("  nlocals: %d" % co.co_nlocals)
        lines.append("  linetable: %s" % co.co_linetable.hex())
        lines.append("  exceptiontable: %s" % co.co_exceptiontable.hex())
        lines.append("  lines: %s" % " ".join("%s-%s:%s" % l for l in co.co_lines()))
        lines.append("  positions: %s" % " ".join(
            ",".join("-" if p is None else str(p) for p in pos) for pos in co.co_positions()))
        for e in dis._parse_exception_table(co):
            lines.append("  handler: %d-%d -> %d [%d]%s" % (
                e.start, e.end, e.target, e.depth, " lasti" if e.lasti else ""))
        n = 0
        for c in co.co_consts:
            if isinstance(c, type(co)):
                one(c, "%s/%d:%s" % (path, n, c.co_name))
                n += 1
    one(code, code.co_name)
    return "\n".join(lines) + "\n"

def same_bits(a, b):
    """`a == b` for code objects, except that float constants compare by their bits. CPython's
    `==` compares a NaN constant by identity, so a code object holding one never equals another
    load of itself; bits are what a faithful rewrite must keep."""
    import struct
    def key(c):
        if isinstance(c, type(a)):
            return ("code", c.replace(co_consts=tuple(
                x if not isinstance(x, (float, complex, tuple, frozenset, type(a))) else None
                for x in c.co_consts)), tuple(key(x) for x in c.co_consts))
        if isinstance(c, float):
            return ("float", struct.pack("<d", c))
        if isinstance(c, complex):
            return ("complex", struct.pack("<dd", c.real, c.imag))
        if isinstance(c, tuple):
            return ("tuple", tuple(key(x) for x in c))
        if isinstance(c, frozenset):
            return ("frozenset", frozenset(key(x) for x in c))
        return (type(c), c)
    return key(a) == key(b)

def pyc(args):
    """See `--pyc` above."""
    import dis
    show_caches = "-C" in args
    show_offsets = "-O" in args
    files = [a for a in args if a not in ("-C", "-O", "--both")]
    with open(files[0], "rb") as f:
        data = f.read()
    code = marshal.loads(data[16:])
    dis.dis(code, show_caches=show_caches, show_offsets=show_offsets)
    if "--both" in args:
        print("-- dis -C -O")
        dis.dis(code, show_caches=True, show_offsets=True)
    print("-- header: %s" % data[:16].hex())
    original = code_dump(code)
    sys.stdout.write(original)
    if len(files) > 1:
        with open(files[1], "rb") as f:
            rewritten = f.read()
        try:
            again = marshal.loads(rewritten[16:])
            import re
            def hide(text):
                # Two loads give two objects: their nested code objects' addresses differ.
                return re.sub(r"<code object (.*?) at 0x[0-9a-f]+,", r"<code object \1,", text)
            same = ((again == code or same_bits(again, code)) and rewritten[:16] == data[:16]
                    and hide(code_dump(again)) == hide(original))
            print("-- rewritten: %s" % ("equal" if same else "DIFFERENT"))
        except Exception as e:
            print("-- rewritten: %s: %s" % (type(e).__name__, e))

def compile_error_text(e):
    """One line naming a compile error: class, message, and for a SyntaxError its position."""
    if isinstance(e, SyntaxError):
        return "%s: %s (line %s, offset %s)" % (type(e).__name__, e.msg, e.lineno, e.offset)
    return "%s: %s" % (type(e).__name__, e)

def compile_quietly(source, path, level):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compile(source, path, "exec", dont_inherit=True, optimize=level)

def compile_code(args):
    """See `--code` above. Equal means `==` (or equal float bits, for NaN constants) and an
    identical field dump, which also covers what `==` skips (filename, stack size...)."""
    path, level = args[0], int(args[1])
    with open(path, "rb") as f:
        source = f.read()
    try:
        code, want = compile_quietly(source, path, level), None
    except Exception as e:
        code, want = None, compile_error_text(e)
    if len(args) < 3:
        sys.stdout.write(want + "\n" if code is None else code_dump(code))
        return
    ours = args[2]
    if ours.endswith(".err"):
        with open(ours, encoding="utf-8", errors="replace") as f:
            got = f.read().rstrip("\n")
        if code is None and got == want:
            print("equal")
        else:
            print("different")
            print("-- cpython")
            sys.stdout.write(want + "\n" if code is None else code_dump(code))
            print("-- taipan")
            print(got)
        return
    with open(ours, "rb") as f:
        again = marshal.loads(f.read()[16:])
    import re
    def hide(text):
        return re.sub(r"<code object (.*?) at 0x[0-9a-f]+,", r"<code object \1,", text)
    if code is None:
        print("different")
        print("-- cpython")
        print(want)
        print("-- taipan")
        sys.stdout.write(hide(code_dump(again)))
        return
    # What CPython's own `.pyc` of the file holds: marshal writes a frozenset's items sorted,
    # so a loaded frozenset iterates (and prints) in another order than the one `compile()`
    # built; both sides are compared after the same trip through marshal.
    code = marshal.loads(marshal.dumps(code))
    wanted, got = hide(code_dump(code)), hide(code_dump(again))
    if (again == code or same_bits(again, code)) and wanted == got:
        print("equal")
    else:
        print("different")
        print("-- cpython")
        sys.stdout.write(wanted)
        print("-- taipan")
        sys.stdout.write(got)

def code_dump_command(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        # Warnings shown as `python -m dis FILE` shows them.
        code = compile(source, path, "exec", dont_inherit=True)
    except Exception:
        # As `python -m dis FILE` shows a compile error: uncaught.
        traceback.print_exc()
        return 1
    sys.stdout.write(code_dump(code))
    return 0

def seq_text(seq):
    """An instruction sequence as `taipan_compiler::ir::InstructionSequence::text` writes it."""
    import _opcode_metadata
    names = {}
    for name, number in _opcode_metadata.opmap.items():
        names[number] = name
    lines = []
    for i, (op, arg, l, el, c, ec) in enumerate(seq.get_instructions()):
        lines.append("%d %s %s %d:%d-%d:%d" % (i, names.get(op, str(op)),
                                              "-" if arg is None else arg, l, c, el, ec))
    return "".join(line + "\n" for line in lines)

def symtable_text(source, path):
    """The raw symbol table, as `taipan_compiler::symtable::SymbolTable::text` writes it."""
    import _symtable
    out = []
    def one(t, depth):
        ind = "  " * depth
        out.append("%s%s %s line=%s nested=%d varnames=%s" % (
            ind, t.type, t.name, t.lineno, int(bool(t.nested)), ",".join(t.varnames)))
        for name, flags in t.symbols.items():
            out.append("%s  %s %#x" % (ind, name, flags))
        for c in t.children:
            one(c, depth + 1)
    one(_symtable.symtable(source, path, "exec"), 0)
    return "".join(line + "\n" for line in out)

def passes(args):
    """`--passes FILE LEVEL`: the output of each of CPython's compiler passes for FILE, each
    section headed `-- PASS`: `fold` (the optimised AST), `symtable`, `codegen` (the top code
    unit's instruction sequence), `cfg` (that sequence after `optimize_cfg`), `code` (the
    field dump of the code object). A pass that raises prints the error instead."""
    import _testinternalcapi
    path, level = args[0], int(args[1])
    with open(path, "rb") as f:
        source = f.read()
    def section(name, make):
        print("-- " + name)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sys.stdout.write(make())
        except Exception as e:
            print(compile_error_text(e))
    # `ast.parse(optimize=0)` does not fold at all; `compile()` at level 0 does: ask for the
    # optimised tree at exactly the level `compile()` uses.
    section("fold", lambda: ast.dump(compile(source, path, "exec", flags=ast.PyCF_OPTIMIZED_AST,
                                             dont_inherit=True, optimize=level)) + "\n")
    section("symtable", lambda: symtable_text(source, path))
    state = {}
    def codegen():
        tree = ast.parse(source, path)
        seq, meta = _testinternalcapi.compiler_codegen(tree, path, level)
        state["seq"], state["meta"] = seq, meta
        return seq_text(seq)
    section("codegen", codegen)
    def cfg():
        meta = state["meta"]
        # The keys are CPython's constant keys (`_PyCode_ConstantKey`): the value itself, or
        # a tuple whose second item is the value (`(type, value)`, `(keys, tuple)`).
        consts = [c[1] if isinstance(c, tuple) else c
                  for c, _ in sorted(meta["consts"].items(), key=lambda kv: kv[1])]
        opt = _testinternalcapi.optimize_cfg(state["seq"], consts, len(meta["varnames"]))
        return seq_text(opt)
    section("cfg", cfg)
    section("code", lambda: code_dump(compile_quietly(source, path, level)))

def opcode_facts():
    """One line per opcode: what `taipan_bytecode::Opcode` must say about it."""
    import opcode, _opcode, dis
    opargs = [-5, -3, -2, -1, 0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 255, 256, 257,
              511, 65535, 65536, 2**31 - 1]
    names = dict(opcode.opmap)
    names.update(opcode._specialized_opmap)
    groups = ["hasarg", "hasconst", "hasname", "haslocal", "hasfree", "hasjump", "hascompare", "hasexc"]
    for name, number in sorted(names.items(), key=lambda item: item[1]):
        base = dis.deoptmap.get(name, name)
        if name in opcode._specialized_opmap:
            kind = "specialized"
        elif number >= 256:
            kind = "pseudo"
        elif number >= opcode.MIN_INSTRUMENTED_OPCODE:
            kind = "instrumented"
        else:
            kind = "base"
        flags = [g[3:] for g in groups if opcode.opmap[base] in getattr(opcode, g)]
        caches = ",".join("%s:%d" % item for item in opcode._cache_format.get(base, {}).items())
        print("%d %s kind=%s base=%s flags=%s caches=%d [%s]" % (
            number, name, kind, base, ",".join(flags), opcode._inline_cache_entries.get(base, 0), caches))
        if kind == "specialized":
            continue
        effects = []
        for oparg in opargs:
            one = []
            for jump in (None, False, True):
                try:
                    one.append(str(_opcode.stack_effect(number, oparg, jump=jump)))
                except ValueError:
                    one.append("E")
            effects.append("%d:%s" % (oparg, "/".join(one)))
        print("  " + " ".join(effects))

def run(argv):
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", newline="\n", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True)
    saved = sys.stdout, sys.stderr, sys.argv
    sys.stdout, sys.stderr = stdout, stderr
    status = 0
    try:
        if argv[0] == "--syntax":
            status, text = syntax(argv[1])
            stdout.write(text)
        elif argv[0] == "--pyc":
            pyc(argv[1:])
        elif argv[0] == "--opcode-facts":
            opcode_facts()
        elif argv[0] == "--code":
            compile_code(argv[1:])
        elif argv[0] == "--code-dump":
            status = code_dump_command(argv[1])
        elif argv[0] == "--passes":
            passes(argv[1:])
        elif argv[0] == "-m":
            sys.argv = [argv[1]] + argv[2:]
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            raise SystemExit("oracle driver: only -m MODULE, --syntax FILE and --pyc FILE commands are supported")
    except SystemExit as exit:
        if exit.code is None:
            status = 0
        elif isinstance(exit.code, int):
            status = exit.code
        else:
            print(exit.code, file=sys.stderr)
            status = 1
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        stdout.flush()
        stderr.flush()
        sys.stdout, sys.stderr, sys.argv = saved
    return status, out.getvalue(), err.getvalue()

def main():
    if sys.argv[1:2] == ["--syntax"]:
        status, text = syntax(sys.argv[2])
        sys.stdout.write(text)
        sys.exit(status)
    if sys.argv[1:2] == ["--pyc"]:
        pyc(sys.argv[2:])
        sys.exit(0)
    if sys.argv[1:2] == ["--opcode-facts"]:
        opcode_facts()
        sys.exit(0)
    if sys.argv[1:2] == ["--code"]:
        compile_code(sys.argv[2:])
        sys.exit(0)
    if sys.argv[1:2] == ["--code-dump"]:
        sys.exit(code_dump_command(sys.argv[2]))
    if sys.argv[1:2] == ["--passes"]:
        passes(sys.argv[2:])
        sys.exit(0)
    source = sys.stdin.buffer
    sink = sys.stdout.buffer
    for line in source:
        argv = line.rstrip(b"\n").decode("utf-8", "surrogateescape").split("\0")
        status, out, err = run(argv)
        sink.write(b"%d %d %d\n" % (status, len(out), len(err)))
        sink.write(out)
        sink.write(err)
        sink.flush()

main()
