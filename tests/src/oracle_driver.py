# The oracle's side of the harness, run as `python3 -c DRIVER [ARGS]`.
#
# With no arguments: runs many commands in one CPython process, for speed. Input: one command per
# line, arguments separated by NUL. Output per command: "STATUS OUTLEN ERRLEN\n" then the bytes.
# A command is either `-m MODULE ARGS` (the module's real `__main__` code, with captured
# stdout/stderr) or `--syntax FILE` (see `syntax`).
#
# With arguments `--syntax FILE`: runs that one command and exits with its status.
import ast
import io
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
        elif argv[0] == "-m":
            sys.argv = [argv[1]] + argv[2:]
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            raise SystemExit("oracle driver: only -m MODULE and --syntax FILE commands are supported")
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
