# Runs CPython 3.13 with every module it imports from now on compiled by Taipan: the harness's
# way to check Taipan's compiler with CPython's own regression tests, independently of Taipan's VM
# (`cargo xtask cpython-tests`).
#
# Usage: python3 -c HOOK SERVER_COMMAND_JSON LEVEL -- MODULE ARGS...   (runs MODULE as __main__)
#
# The hook starts one Taipan compile server (`cargo xtask compile-server`, SERVER_COMMAND_JSON is
# its argv as JSON) and replaces `SourceLoader.source_to_code`, the one place importlib turns source
# into code, with a request to it. Cached `.pyc` files are bypassed (`cache_from_source` raises
# NotImplementedError, which importlib treats as "no bytecode cache") so that nothing CPython
# compiled earlier is used, and nothing Taipan compiled is written.
#
# Protocol (binary, over the server's stdin/stdout): request `LEVEL\tPATH\tLEN\n` + LEN source
# bytes; answer `OK LEN\n` + LEN bytes of marshalled code, or `ERR LEN\n` + LEN bytes of
# UTF-8 text: the exception's class, message, lineno, offset, end_lineno, end_offset and text,
# separated by NUL (empty for None).
import importlib._bootstrap_external as external
import json
import marshal
import runpy
import subprocess
import sys

server_command = json.loads(sys.argv[1])
level = int(sys.argv[2])
assert sys.argv[3] == "--"
module, args = sys.argv[4], sys.argv[5:]

server = subprocess.Popen(server_command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
compiled_by_taipan = 0

def taipan_compile(data, path):
    global compiled_by_taipan
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = str(path).encode("utf-8", "surrogateescape")
    server.stdin.write(b"%d\t%s\t%d\n" % (level, name, len(data)) + data)
    server.stdin.flush()
    status, length = server.stdout.readline().split()
    payload = server.stdout.read(int(length))
    if status == b"OK":
        compiled_by_taipan += 1
        return marshal.loads(payload)
    kind, msg, lineno, offset, end_lineno, end_offset, text = payload.decode("utf-8").split("\0")
    number = lambda s: int(s) if s else None
    cls = getattr(__builtins__, kind, SyntaxError) if not isinstance(__builtins__, dict) \
        else __builtins__.get(kind, SyntaxError)
    if issubclass(cls, SyntaxError):
        raise cls(msg, (str(path), number(lineno), number(offset), text or None,
                        number(end_lineno), number(end_offset)))
    raise cls(msg)

def source_to_code(self, data, path, *, _optimize=-1):
    return taipan_compile(data, path)

def no_cache(path, debug_override=None, *, optimization=None):
    raise NotImplementedError

external.SourceLoader.source_to_code = source_to_code
external.cache_from_source = no_cache
sys.dont_write_bytecode = True
sys.argv = [module] + args
try:
    runpy.run_module(module, run_name="__main__", alter_sys=True)
finally:
    sys.stderr.write("taipan-import-hook: %d modules compiled by Taipan\n" % compiled_by_taipan)
    server.stdin.close()
    server.wait()
