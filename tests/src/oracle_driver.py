# Runs many `python -m MODULE ARGS` command lines in one CPython process, for speed: each runs
# the module's real `__main__` code with captured stdout/stderr. Input: one command per line,
# arguments separated by NUL. Output per command: "STATUS OUTLEN ERRLEN\n" then the bytes.
import io
import runpy
import sys
import traceback

def run(argv):
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", newline="\n", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True)
    saved = sys.stdout, sys.stderr, sys.argv
    sys.stdout, sys.stderr = stdout, stderr
    status = 0
    try:
        if argv[0] != "-m":
            raise SystemExit("oracle driver: only -m MODULE commands are supported")
        sys.argv = [argv[1]] + argv[2:]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
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
