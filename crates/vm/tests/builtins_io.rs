//! File objects and the standard streams, `print`, memoryview, codec errors, NaN identity,
//! `anext` with a default, `types.FunctionType`, call-error messages and `sys` attributes:
//! small programs whose expected output was produced by CPython 3.13.0
//! (`PYENV_VERSION=3.13.0 python3 snippet.py`) and pasted here.

fn run(source: &str) -> (String, String) {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    (out, err)
}

#[test]
fn text_file_reading() {
    let source = r###"p = '/tmp/taipan_bio_text_read.txt'
with open(p, 'w') as f:
    print(f.write('alpha\nbeta\r\ngamma\rdelta'), f.mode, f.closed, f.writable(), f.readable())
print(f.closed)
with open(p) as f:
    print(repr(f.read(3)), repr(f.readline()), f.readlines(), repr(f.read()), repr(f.read(0)))
with open(p, newline='') as f:
    print(list(f))
with open(p, encoding='utf-8') as f:
    print(f.tell(), repr(f.readline(2)), f.tell(), f.seek(0), repr(f.readline()), f.seekable())
print(type(f).__name__, f.name == p, f.encoding, f.errors)
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"23 w False True False
True
'alp' 'ha\n' ['beta\n', 'gamma\n', 'delta'] '' ''
['alpha\n', 'beta\r\n', 'gamma\r', 'delta']
0 'al' 2 0 'alpha\n' True
TextIOWrapper True utf-8 strict
"###
    );
    assert_eq!(err, "");
}

#[test]
fn binary_and_update_modes() {
    let source = r###"p = '/tmp/taipan_bio_modes.bin'
with open(p, 'wb') as f:
    print(type(f).__name__, f.mode, f.write(b'0123456789'), f.tell())
with open(p, 'rb') as f:
    print(type(f).__name__, f.mode, f.read(4), f.tell(), f.seek(-3, 2), f.read(), f.seek(0), f.readline(3))
with open(p, 'r+b') as f:
    print(type(f).__name__, f.mode, f.write(b'AB'), f.read(2), f.seek(0), f.read())
with open(p, 'ab') as f:
    print(f.mode, f.write(b'!'), f.tell())
with open(p, 'w+') as f:
    f.writelines(['x\n', 'y\n'])
    f.seek(0)
    print(repr(f.read()), f.truncate(2), f.seek(0), repr(f.read()))
with open(p, 'a') as f:
    f.write('z')
print(repr(open(p).read()))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"BufferedWriter wb 10 10
BufferedReader rb b'0123' 4 7 b'789' 0 b'012'
BufferedRandom rb+ 2 b'23' 0 b'AB23456789'
ab 1 11
'x\ny\n' 2 0 'x\n'
'x\nz'
"###
    );
    assert_eq!(err, "");
}

#[test]
fn open_errors() {
    let source = r###"import io
p = '/tmp/taipan_bio_errors.txt'
open(p, 'w').close()
for mode in ['rw', 'rr', 'tb', '', 'r+x', 'U']:
    try:
        open(p, mode)
    except ValueError as e:
        print(repr(mode), e)
try:
    open(p, 'rb', encoding='utf-8')
except ValueError as e:
    print(e)
try:
    open('/tmp/taipan_bio_no_such_dir/x')
except FileNotFoundError as e:
    print(e, e.errno, e.strerror, e.args)
try:
    open(p, 'x')
except FileExistsError as e:
    print(type(e).__name__, e.errno)
try:
    open('/tmp')
except IsADirectoryError as e:
    print(type(e).__name__, e.errno)
f = open(p, 'w')
try:
    f.read()
except io.UnsupportedOperation as e:
    print(type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))
try:
    f.write(b'x')
except TypeError as e:
    print(e)
f.close()
f.close()
for op in (f.read, lambda: f.write('x'), f.flush, f.tell):
    try:
        op()
    except ValueError as e:
        print(e)
g = open(p, 'wb')
try:
    g.write('s')
except TypeError as e:
    print(e)
g.close()
r = open(p)
try:
    r.seek(1, 1)
except io.UnsupportedOperation as e:
    print(e)
r.close()
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"'rw' must have exactly one of create/read/write/append mode
'rr' invalid mode: 'rr'
'tb' can't have text and binary mode at once
'' Must have exactly one of create/read/write/append mode and at most one plus
'r+x' must have exactly one of create/read/write/append mode
'U' invalid mode: 'U'
binary mode doesn't take an encoding argument
[Errno 2] No such file or directory: '/tmp/taipan_bio_no_such_dir/x' 2 No such file or directory (2, 'No such file or directory')
FileExistsError 17
IsADirectoryError 21
UnsupportedOperation not readable True True
write() argument must be str, not bytes
I/O operation on closed file.
I/O operation on closed file.
I/O operation on closed file.
I/O operation on closed file.
a bytes-like object is required, not 'str'
can't do nonzero cur-relative seeks
"###
    );
    assert_eq!(err, "");
}

#[test]
fn print_and_standard_streams() {
    let source = r###"import sys
class Writer:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
w = Writer()
print('a', 'b', 1, sep='_', end='|', file=w)
print(w.parts)
saved = sys.stdout
sys.stdout = w
print('captured', 2)
sys.stdout = saved
print(w.parts[-4:])
print(sys.stdout.write('direct\n'))
sys.stdout.writelines(['l1\n', 'l2\n'])
print(sys.stdout.name, sys.stdout.mode, sys.stdout.closed, sys.stdout.writable(), sys.stdout.readable())
print(sys.stdin.name, sys.stdin.readable(), sys.stderr.name, sys.stdout.fileno(), sys.stderr.fileno())
try:
    print('x', file=5)
except AttributeError as e:
    print(e)
try:
    print('x', sep=3)
except TypeError as e:
    print(e)
sys.stdout = None
print('lost')
sys.stdout = saved
print('back')
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"['a', '_', 'b', '_', '1', '|']
['captured', ' ', '2', '\n']
direct
7
l1
l2
<stdout> w False True False
<stdin> True <stderr> 1 2
'int' object has no attribute 'write'
sep must be None or a string, not int
back
"###
    );
    assert_eq!(err, "");
}

#[test]
fn unicode_error_attributes() {
    let source = r###"try:
    b'ab\xff'.decode('ascii')
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason, '|', e)
try:
    b'na\xc3'.decode('utf-8')
except UnicodeDecodeError as e:
    print(e.encoding, e.start, e.end, e.reason, '|', e, e.args)
try:
    'x\u20acy'.encode('latin-1')
except UnicodeEncodeError as e:
    print(e.encoding, repr(e.object), e.start, e.end, e.reason, '|', e)
try:
    'ab\xe9\xe8'.encode('ascii')
except UnicodeEncodeError as e:
    print(e.start, e.end, '|', e)
for data, enc in [(b'\x00', 'utf-16'), (b'\x00\xd8a\x00', 'utf-16-le'), (b'\x00\xdc', 'utf-16'), (b'\x00\xd8', 'utf-16'), (b'\x00\x00\x11\x00', 'utf-32'), (b'a\x00b', 'utf-32-be')]:
    try:
        data.decode(enc)
    except UnicodeDecodeError as e:
        print(e.encoding, e.start, e.end, e.reason, '|', e)
print([s.encode(enc).decode(enc) == s for s in ['h\xe9llo \U0001f600'] for enc in ['utf-16', 'utf-16-be', 'utf-32', 'utf-32-le']])
print(b'\xfe\xff\x00a'.decode('utf-16'), repr(b'a\x00\x00\xd8'.decode('utf-16-le', 'replace')))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"ascii b'ab\xff' 2 3 ordinal not in range(128) | 'ascii' codec can't decode byte 0xff in position 2: ordinal not in range(128)
utf-8 2 3 unexpected end of data | 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data ('utf-8', b'na\xc3', 2, 3, 'unexpected end of data')
latin-1 'x€y' 1 2 ordinal not in range(256) | 'latin-1' codec can't encode character '\u20ac' in position 1: ordinal not in range(256)
2 4 | 'ascii' codec can't encode characters in position 2-3: ordinal not in range(128)
utf-16-le 0 1 truncated data | 'utf-16-le' codec can't decode byte 0x00 in position 0: truncated data
utf-16-le 0 2 illegal UTF-16 surrogate | 'utf-16-le' codec can't decode bytes in position 0-1: illegal UTF-16 surrogate
utf-16-le 0 2 illegal encoding | 'utf-16-le' codec can't decode bytes in position 0-1: illegal encoding
utf-16-le 0 2 unexpected end of data | 'utf-16-le' codec can't decode bytes in position 0-1: unexpected end of data
utf-32-le 0 4 code point not in range(0x110000) | 'utf-32-le' codec can't decode bytes in position 0-3: code point not in range(0x110000)
utf-32-be 0 3 truncated data | 'utf-32-be' codec can't decode bytes in position 0-2: truncated data
[True, True, True, True]
a 'a�'
"###
    );
    assert_eq!(err, "");
}

#[test]
fn overflow_error_from_erange() {
    let source = r###"try:
    2.0 ** 10000
except OverflowError as e:
    print(e.args, '|', e)
for label, make in [('str', lambda: 'ab' * (2 ** 62)), ('bytes', lambda: b'ab' * (2 ** 62)), ('one char', lambda: 'a' * (2 ** 62)), ('list', lambda: [1, 2] * (2 ** 62))]:
    try:
        make()
    except (OverflowError, MemoryError) as e:
        print(label, type(e).__name__, repr(str(e)))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"(34, 'Numerical result out of range') | (34, 'Numerical result out of range')
str OverflowError 'repeated string is too long'
bytes OverflowError 'repeated bytes are too long'
one char MemoryError ''
list MemoryError ''
"###
    );
    assert_eq!(err, "");
}

#[test]
fn memoryview_views() {
    let source = r###"data = bytearray(b'abcdef')
mv = memoryview(data)
print(mv[0], mv[-1], bytes(mv[1:3]), len(mv), mv.readonly, mv.format, mv.itemsize, mv.nbytes, mv.shape, mv.strides, mv.ndim)
mv[0] = ord('A')
sub = mv[2:4]
sub[0] = ord('C')
print(data, sub.tobytes(), sub.tolist(), mv[::-1].tobytes(), mv[::2].tolist(), mv[::2].strides, mv[::2].contiguous)
mv[1:3] = b'XY'
print(data, mv.obj is data, mv == b'AXYdef', mv.hex(), list(memoryview(b'\x01\x02')))
h = memoryview(bytearray(8)).cast('h')
h[1] = -2
h[2] = 300
print(h.format, h.itemsize, h.tolist(), bytes(h.obj), len(h), h.cast('B').tolist()[:4])
print(memoryview(b'x\x00\x00\x00').cast('i')[0], memoryview(b'abc').cast('c')[1], memoryview(bytearray(8)).cast('d').tolist())
with memoryview(b'ctx') as m:
    print(m.tobytes(), m[::-1].tobytes(), hash(m) == hash(b'ctx'))
print(repr(m).startswith('<released memory at 0x'))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"97 102 b'bc' 6 False B 1 6 (6,) (1,) 1
bytearray(b'AbCdef') b'Cd' [67, 100] b'fedCbA' [65, 67, 101] (2,) False
bytearray(b'AXYdef') True True 415859646566 [1, 2]
h 2 [0, -2, 300, 0] b'\x00\x00\xfe\xff,\x01\x00\x00' 4 [0, 0, 254, 255]
120 b'b' [0.0]
b'ctx' b'xtc' True
True
"###
    );
    assert_eq!(err, "");
}

#[test]
fn memoryview_errors_and_exports() {
    let source = r###"m = memoryview(bytearray(b'abcd'))
tests = ['m[10]', 'm["a"]', 'm.__setitem__(0, 300)', 'm.__setitem__(0, b"x")',
         'm.__setitem__(slice(0, 2), b"xyz")', 'm.cast("H").cast("i")', 'memoryview(b"abc").cast("H")',
         'm[::2].cast("B")', 'memoryview(5)', 'm.cast("Z")', 'hash(m)', 'memoryview(b"ro").__setitem__(0, 1)']
for t in tests:
    try:
        eval(t)
    except Exception as e:
        print(t, type(e).__name__, e)
d = bytearray(b'xy')
v = memoryview(d)
w = v[::1]
v.release()
try:
    d.append(1)
except BufferError as e:
    print('BufferError:', e)
w.release()
d.append(ord('z'))
print(d)
try:
    v[0]
except ValueError as e:
    print(e)
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"m[10] IndexError index out of bounds on dimension 1
m["a"] TypeError memoryview: invalid slice key
m.__setitem__(0, 300) ValueError memoryview: invalid value for format 'B'
m.__setitem__(0, b"x") TypeError memoryview: invalid type for format 'B'
m.__setitem__(slice(0, 2), b"xyz") ValueError memoryview assignment: lvalue and rvalue have different structures
m.cast("H").cast("i") TypeError memoryview: cannot cast between two non-byte formats
memoryview(b"abc").cast("H") TypeError memoryview: length is not a multiple of itemsize
m[::2].cast("B") TypeError memoryview: casts are restricted to C-contiguous views
memoryview(5) TypeError memoryview: a bytes-like object is required, not 'int'
m.cast("Z") ValueError memoryview: destination format must be a native single character format prefixed with an optional '@'
hash(m) ValueError cannot hash writable memoryview object
memoryview(b"ro").__setitem__(0, 1) TypeError cannot modify read-only memory
BufferError: Existing exports of data: object cannot be re-sized
bytearray(b'xyz')
operation forbidden on released memoryview object
"###
    );
    assert_eq!(err, "");
}

#[test]
fn nan_identity() {
    let source = r###"import math
nan = float('nan')
inf = float('inf')
print(float('nan') is float('nan'), [nan] == [nan], nan in [nan], (nan,) == (nan,), [float('nan')] == [float('nan')])
print(nan in {nan}, nan in {float('nan')}, len({float('nan'), float('nan')}), {nan: 1}[nan])
a = inf - inf
print(a is inf - inf, [a] == [a], nan * 0 is nan, float(nan) is nan, math.nan is math.nan, -nan is nan)
print(repr(a), str(-a), math.copysign(1, -a), f'{nan:.2f}', hash(nan) == hash(nan), nan.hex())
m = memoryview(bytearray(8)).cast('d')
m[0] = nan
print(bytes(m.obj))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"False True True True False
True False 2 1
False True False True True False
nan nan 1.0 nan True nan
b'\x00\x00\x00\x00\x00\x00\xf8\x7f'
"###
    );
    assert_eq!(err, "");
}

#[test]
fn anext_with_default() {
    let source = r###"class Counter:
    def __init__(self):
        self.n = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.n += 1
        if self.n > 2:
            raise StopAsyncIteration
        return self.n
async def agen():
    yield 'only'
async def main():
    it = Counter()
    print(await anext(it, 'd'), await anext(it, 'd'), await anext(it, 'd'))
    g = agen()
    print(await anext(g, 'empty'), await anext(g, 'empty'))
    for call in (lambda: anext(5, 1), lambda: anext(5), lambda: aiter(5)):
        try:
            call()
        except TypeError as e:
            print(e)
    class NotAwaitable:
        pass
    try:
        await NotAwaitable()
    except TypeError as e:
        print(e)
try:
    main().send(None)
except StopIteration:
    print('done')
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"1 2 d
only empty
'int' object is not an async iterator
'int' object is not an async iterator
'int' object is not an async iterable
object NotAwaitable can't be used in 'await' expression
done
"###
    );
    assert_eq!(err, "");
}

#[test]
fn function_type_and_build_class() {
    let source = r###"function = type(lambda: 0)
module = compile("class X:\n    x = 1\n    def method(self):\n        return 'built'\n", '<cls>', 'exec')
body = function([c for c in module.co_consts if hasattr(c, 'co_code')][0], globals())
Built = __build_class__(body, 'Built')
print(Built.__name__, Built.x, Built().method())
f = function(compile('y = 2', '<b>', 'exec'), {'__name__': 'mod'}, 'renamed')
print(f.__name__, f.__module__, f.__defaults__)
def outer():
    v = 1
    def inner():
        return v
    return inner
code = outer().__code__
for args in [(5, {}), (code, []), (code, {}), (code, {}, None, None, (1,)), (code, {}, 5)]:
    try:
        function(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    __build_class__(5, 'X')
except TypeError as e:
    print(e)
class Bytes:
    def __bytes__(self):
        return b'custom'
class BadBytes:
    def __bytes__(self):
        return 'no'
print(bytes(Bytes()), bytearray(b'q'))
try:
    bytes(BadBytes())
except TypeError as e:
    print(e)
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"Built 1 built
renamed mod None
TypeError function() argument 'code' must be code, not int
TypeError function() argument 'globals' must be dict, not list
TypeError arg 5 (closure) must be tuple
TypeError arg 5 (closure) expected cell, found int
TypeError arg 3 (name) must be None or string
__build_class__: func must be a function
b'custom' bytearray(b'q')
__bytes__ returned non-bytes (type str)
"###
    );
    assert_eq!(err, "");
}

#[test]
fn call_error_messages() {
    let source = r###"def collect(*args, **kwargs):
    return args, kwargs
class C:
    def m(self, **k):
        pass
tests = [lambda: collect(**{'a': 1}, **{'a': 2}), lambda: collect(**{1: 2}), lambda: collect(*1),
         lambda: collect(**[1]), lambda: C().m(**{'a': 1}, **{'a': 2}), lambda: len(*1),
         lambda: C(**{'a': 1}, **{'a': 2}), lambda: divmod(1), lambda: isinstance(1), lambda: int(x=1),
         lambda: pow(2, 3.0, 5), lambda: pow(2.0, 3, 5), lambda: pow(2, 3, 5.0), lambda: pow('a', 2, 3),
         lambda: pow(1j, 2, 3), lambda: type('X', (5,), {}), lambda: 300 in b'cat',
         lambda: [].append(), lambda: set().add(1, 2), lambda: bytes.fromhex(), lambda: ''.upper(1)]
for t in tests:
    try:
        t()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"TypeError __main__.collect() got multiple values for keyword argument 'a'
TypeError keywords must be strings
TypeError __main__.collect() argument after * must be an iterable, not int
TypeError __main__.collect() argument after ** must be a mapping, not list
TypeError __main__.C.m() got multiple values for keyword argument 'a'
TypeError len() argument after * must be an iterable, not int
TypeError __main__.C() got multiple values for keyword argument 'a'
TypeError divmod expected 2 arguments, got 1
TypeError isinstance expected 2 arguments, got 1
TypeError int() got an unexpected keyword argument 'x'
TypeError pow() 3rd argument not allowed unless all arguments are integers
TypeError pow() 3rd argument not allowed unless all arguments are integers
TypeError pow() 3rd argument not allowed unless all arguments are integers
TypeError unsupported operand type(s) for ** or pow(): 'str', 'int', 'int'
ValueError complex modulo
TypeError metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases
ValueError byte must be in range(0, 256)
TypeError list.append() takes exactly one argument (0 given)
TypeError set.add() takes exactly one argument (2 given)
TypeError bytes.fromhex() takes exactly one argument (0 given)
TypeError str.upper() takes no arguments (1 given)
"###
    );
    assert_eq!(err, "");
}

#[test]
fn range_big_slices() {
    let source = r###"r = range(10)
for sl in [slice(0, 7, 3), slice(None, None, -1), slice(-3, None), slice(100, -100, -2), slice(5, 2)]:
    print(r[sl], range(3, 40, 7)[sl], range(10 ** 20, -5, -3)[sl])
big = range(10 ** 20)
print(big[10 ** 19:10 ** 19 + 3], big[-1], len(range(10 ** 10)))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"range(0, 7, 3) range(3, 45, 21) range(100000000000000000000, 99999999999999999979, -9)
range(9, -1, -1) range(38, -4, -7) range(-2, 100000000000000000003, 3)
range(7, 10) range(24, 45, 7) range(4, -5, -3)
range(9, -1, -2) range(38, -4, -14) range(99999999999999999700, 295, 6)
range(5, 2) range(38, 17, 7) range(99999999999999999985, 99999999999999999994, -3)
range(10000000000000000000, 10000000000000000003) 99999999999999999999 10000000000
"###
    );
    assert_eq!(err, "");
}

#[test]
fn sys_attributes() {
    let source = r###"import sys
print(sys.hash_info.width, sys.hash_info.modulus == 2 ** 61 - 1, sys.hash_info.inf, sys.hash_info.nan, sys.hash_info.imag, sys.hash_info.algorithm)
print(type(sys.hash_info).__name__, sys.float_repr_style, sys.api_version, repr(sys.abiflags), sys.platlibdir)
print(sys.getfilesystemencodeerrors(), sys.getswitchinterval(), sys.gettrace(), sys.getprofile(), sys.warnoptions)
print('sys' in sys.builtin_module_names, sys.pycache_prefix, sys.copyright.splitlines()[0])
print(sys.hash_info)
print(sys.version_info, sys.float_info.max, sys.int_info)
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"64 True 314159 0 1000003 siphash13
hash_info short 1013 '' lib
surrogateescape 0.005 None None []
True None Copyright (c) 2001-2024 Python Software Foundation.
sys.hash_info(width=64, modulus=2305843009213693951, inf=314159, nan=0, imag=1000003, algorithm='siphash13', hash_bits=64, seed_bits=128, cutoff=0)
sys.version_info(major=3, minor=13, micro=0, releaselevel='final', serial=0) 1.7976931348623157e+308 sys.int_info(bits_per_digit=30, sizeof_digit=4, default_max_str_digits=4300, str_digits_check_threshold=640)
"###
    );
    assert_eq!(err, "");
}

#[test]
fn generator_finalised_at_exit() {
    let source = r###"def stubborn():
    while True:
        try:
            yield 'value'
        except GeneratorExit:
            print('ignoring GeneratorExit')
g = stubborn()
print(next(g))
h = stubborn()
print(next(h))
try:
    h.close()
except RuntimeError as e:
    print(e)
print('end')
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"value
value
ignoring GeneratorExit
generator ignored GeneratorExit
end
ignoring GeneratorExit
ignoring GeneratorExit
"###
    );
    assert!(
        err.ends_with(
            r###"RuntimeError: generator ignored GeneratorExit
"###
        ),
        "stderr: {err}"
    );
}

#[test]
fn string_io_and_bytes_io() {
    let source = r###"import io, sys
s = io.StringIO('h\xe9llo\nworld')
print(s.tell(), s.read(2), s.tell(), s.readline(), s.seek(0), s.write('X'), s.getvalue(), s.closed, s.encoding, s.newlines)
print(s.seek(20), s.write('!'), repr(s.getvalue()), s.tell(), s.truncate(3), repr(s.getvalue()), s.tell())
for t in ['s.seek(1, 1)', 's.seek(-1)', 's.write(5)', 's.fileno()', 's.name', 'sys.stdout.nope', 'io.BytesIO().write("s")', 'io.StringIO(5)', 'io.StringIO("x", newline="z")']:
    try:
        eval(t)
    except Exception as e:
        print(t, type(e).__name__, e)
b = io.BytesIO(b'abc\ndef')
print(b.read(2), b.readline(), b.tell(), b.getvalue(), b.seek(0, 2), b.write(b'!'), b.getvalue(), list(io.BytesIO(b'a\nb')), b.seek(-1, 2), b.read1())
s.close()
try:
    s.getvalue()
except ValueError as e:
    print(e)
print(repr(io.StringIO('a\r\nb').read()), repr(io.StringIO('a\r\nb', newline=None).read()))
with io.StringIO() as buf:
    print('hello', 'x', file=buf)
    print(repr(buf.getvalue()))
class My(io.StringIO):
    pass
m = My('q')
m.attr = 1
print(m.read(), m.attr, type(m).__name__, isinstance(m, io.StringIO))
saved = sys.stdout
sys.stdout = io.StringIO()
print('hidden', 1)
value = sys.stdout.getvalue()
sys.stdout = saved
print(repr(value))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"0 hé 2 llo
 0 1 Xéllo
world False None None
20 1 'Xéllo\nworld\x00\x00\x00\x00\x00\x00\x00\x00\x00!' 21 3 'Xél' 21
s.seek(1, 1) OSError Can't do nonzero cur-relative seeks
s.seek(-1) ValueError Negative seek position -1
s.write(5) TypeError string argument expected, got 'int'
s.fileno() UnsupportedOperation fileno
s.name AttributeError '_io.StringIO' object has no attribute 'name'
sys.stdout.nope AttributeError '_io.TextIOWrapper' object has no attribute 'nope'
io.BytesIO().write("s") TypeError a bytes-like object is required, not 'str'
io.StringIO(5) TypeError initial_value must be str or None, not int
io.StringIO("x", newline="z") ValueError illegal newline value: 'z'
b'ab' b'c\n' 4 b'abc\ndef' 7 1 b'abc\ndef!' [b'a\n', b'b'] 7 b'!'
I/O operation on closed file
'a\r\nb' 'a\nb'
'hello x\n'
q 1 My True
'hidden 1\n'
"###
    );
    assert_eq!(err, "");
}

#[test]
fn text_decode_errors_per_chunk() {
    let source = r###"p = '/tmp/taipan_bio_chunks.bin'
open(p, 'wb').write(b'ok line\nbad \xff here\n')
f = open(p)
try:
    f.readline()
except UnicodeDecodeError as e:
    print(e, e.start, e.end)
print(repr(open(p, errors='replace').read()), repr(open(p, errors='surrogateescape').read()))
data = ('\xe9' * 5000 + '\n').encode() * 3 + b'tail \xff end\n'
open(p, 'wb').write(data)
n = 0
try:
    for line in open(p):
        n += 1
except UnicodeDecodeError as e:
    print(n, e.start, e.end, e.reason)
g = open(p)
print(len(g.read(7000)), g.tell(), g.seek(0), len(g.readline()))
try:
    g.read()
except UnicodeDecodeError as e:
    print(e.start, e.end)
open(p, 'wb').write(('\xfc' * 9000).encode())
h = open(p)
print(len(h.read(4097)), len(h.read(5000)), repr(h.read()))
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"'utf-8' codec can't decode byte 0xff in position 12: invalid start byte 12 13
'ok line\nbad � here\n' 'ok line\nbad \udcff here\n'
2 5432 5433 invalid start byte
7000 13999 0 5001
13625 13626
4097 4903 ''
"###
    );
    assert_eq!(err, "");
}

#[test]
fn open_standard_descriptors() {
    let source = r###"f = open(1, 'w', closefd=False)
print(repr(f), f.name, f.fileno())
f.write('via descriptor\n')
f.flush()
for bad in (99, -1):
    try:
        open(bad)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
print('end')
"###;
    let (out, err) = run(source);
    assert_eq!(
        out,
        r###"<_io.TextIOWrapper name=1 mode='w' encoding='UTF-8'> 1 1
via descriptor
OSError [Errno 9] Bad file descriptor
ValueError negative file descriptor
end
"###
    );
    assert_eq!(err, "");
}
