# Write a program's code object as a .pyc (the 16-byte header, then marshal), read it back,
# check its header as the import system does, and run it.
import importlib.util
import io
import marshal

source = "greeting = 'hello from a .pyc'\nprint(greeting, sum(range(10)))\n"
code = compile(source, "<generated>", "exec")

# PEP 552 header: magic number, flags (0: timestamp-based), source mtime and size.
mtime = 1_700_000_000
header = importlib.util.MAGIC_NUMBER + (0).to_bytes(4, "little")
header += mtime.to_bytes(4, "little") + len(source.encode()).to_bytes(4, "little")
pyc = io.BytesIO()
pyc.write(header)
marshal.dump(code, pyc)
data = pyc.getvalue()
print("pyc bytes:", len(data), "header:", data[:16].hex(" ", 4))

pyc.seek(0)
magic = pyc.read(4)
flags = int.from_bytes(pyc.read(4), "little")
stamp = int.from_bytes(pyc.read(4), "little")
size = int.from_bytes(pyc.read(4), "little")
print("magic ok:", magic == importlib.util.MAGIC_NUMBER, "flags:", flags, "mtime:", stamp, "size:", size)
loaded = marshal.load(pyc)
print("same code:", loaded == code, loaded.co_filename, loaded.co_names)
exec(loaded)
