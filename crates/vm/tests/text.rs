//! The value types of text and numbers (str, bytes, int, float, complex, str.format, %,
//! math, time): program outputs compared with CPython 3.13.0's, pasted from the oracle
//! (`PYENV_VERSION=3.13.0 python3`).

fn run(source: &str) -> String {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    out
}

#[test]
fn str_format() {
    let source = r#"print('{0[1]}{x.real:>{w}}'.format([1, 2], x=3, w=4), '{!r:^9}'.format('a'), '{{}}{}'.format(5))
for t in ['{', '}', '{0!x}', '{0[}', '{:{:{}}}', '{0!r', '{a.}', '{0]}']:
    try:
        print(t.format(1, 2, 3))
    except Exception as e:
        print(type(e).__name__, e)
try:
    '{}{1}'.format(1, 2)
except ValueError as e:
    print(e)
print('{0[-1]}'.format({'-1': 'neg'}), '{a}'.format_map({'a': 7}))
print(format(True, ''), format(True, 'd'), f'{True:>5}', format(3, ''), format(2.5, ''))
"#;
    let expected = r#"2   3    'a'    {}5
ValueError Single '{' encountered in format string
ValueError Single '}' encountered in format string
ValueError Unknown conversion specifier x
ValueError expected '}' before end of string
ValueError Max string recursion exceeded
ValueError unmatched '{' in format spec
KeyError 'a'
KeyError '0]'
cannot switch from automatic field numbering to manual field specification
neg 7
True 1     1 3 2.5
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn str_methods() {
    let source = r#"s = 'héllo wörld'
print(s.find('l'), s.rfind('l'), s.find('', 20), 'abc'.find('', 3), 'abc'.count(''), 'abc'.count('', 4))
print(s.index('w'), s.startswith('llo', 2), s.endswith(('x', 'ld')), s.partition('o'), s.rpartition('o'))
print('a,b,,c'.split(','), ' a  b '.split(), 'a b c'.rsplit(None, 1), 'x\ny\r\nz'.splitlines(True))
print('  pad '.strip(), 'xxaxx'.strip('x'), 'abc'.removeprefix('a'), 'abc'.removesuffix('c'), '-5'.zfill(4))
print('-'.join(['a', 'b']), 'ab'.center(6, '*'), 'a\tb'.expandtabs(4), 'ß'.upper(), 'ǅ'.lower(), 'hello world'.title())
try:
    'x'.join('a', 'b')
except TypeError as e:
    print(e)
try:
    'a' * (10 ** 30)
except OverflowError as e:
    print(e)
"#;
    let expected = r#"2 9 -1 3 4 0
6 True True ('héll', 'o', ' wörld') ('héll', 'o', ' wörld')
['a', 'b', '', 'c'] ['a', 'b'] ['a b', 'c'] ['x\n', 'y\r\n', 'z']
pad a bc ab -005
a-b **ab** a   b SS ǆ Hello World
str.join() takes exactly one argument (2 given)
cannot fit 'int' into an index-sized integer
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn bytes_methods() {
    let source = r#"b = b'hello world'
print(b.title(), b.split(), b.rsplit(b'o', 1), b.replace(b'o', b'0', 1), b.find(b'o', 5), b.rindex(b'o'), b.count(b'l'))
print(b.hex(), b.hex(':'), b.hex('-', 4), b.center(15, b'*'), b'7'.zfill(3), b'a\tb'.expandtabs(4))
print(b.partition(b' '), b'  x '.strip(), b'xxaxx'.lstrip(b'x'), b'AbC'.swapcase(), b'a1'.isalnum(), b'Ab Cd'.istitle())
print(bytes.maketrans(b'ab', b'xy')[97:99], b'abc'.translate(None, b'b'), b'x\ny\r\n'.splitlines(), bytearray.fromhex('0aff'))
print(b'%s and %d and %(k)s' % (b'x', 5, ) if False else b'%s-%d' % (b'x', 5), b'%(k)s' % {b'k': b'v'}, b'%c%c' % (65, b'B'))
ba = bytearray(b'abcdef')
ba[1:3] = b'XYZ'
del ba[0]
ba.insert(0, 33)
print(ba, ba.pop(), ba, repr(bytearray(b"a'b")))
for data, errors in [(b'\xff', 'strict'), (b'a\xe2\x82', 'strict'), (b'\xe2\x82(x', 'strict'), (b'\xc3(', 'backslashreplace'), (b'\xc3(', 'surrogateescape')]:
    try:
        print(ascii(data.decode('utf-8', errors)))
    except UnicodeDecodeError as e:
        print(e)
print('€'.encode('utf-16-le'), 'a€'.encode('utf-16'), '€€'.encode('ascii', 'backslashreplace'), 'é€'.encode('latin-1', 'xmlcharrefreplace'))
try:
    '€€x'.encode('ascii')
except UnicodeEncodeError as e:
    print(e)
"#;
    let expected = r#"b'Hello World' [b'hello', b'world'] [b'hello w', b'rld'] b'hell0 world' 7 7 3
68656c6c6f20776f726c64 68:65:6c:6c:6f:20:77:6f:72:6c:64 68656c-6c6f2077-6f726c64 b'**hello world**' b'007' b'a   b'
(b'hello', b' ', b'world') b'x' b'axx' b'aBc' True True
b'xy' b'ac' [b'x', b'y'] bytearray(b'\n\xff')
b'x-5' b'v' b'AB'
bytearray(b'!XYZde') 102 bytearray(b'!XYZde') bytearray(b"a\'b")
'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
'utf-8' codec can't decode bytes in position 1-2: unexpected end of data
'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte
'\\xc3('
'\udcc3('
b'\xac ' b'\xff\xfea\x00\xac ' b'\\u20ac\\u20ac' b'\xe9&#8364;'
'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn numbers() {
    let source = r#"print(int(' 1_000 '), int('0x1f', 0), int(b'12'), int('١٢'), float(' 1_0.5 '), float('-inf'), float(b'2.5'))
for bad in ['1__0', '0b2', '', '08']:
    try:
        int(bad, 0)
    except ValueError as e:
        print(e)
try:
    float('1e')
except ValueError as e:
    print(e)
print((-1) ** 2 ** 64, 0 ** (10 ** 30), int.from_bytes([1, 2], 'big'), (1024).to_bytes(2, 'little'))
print(complex(0, -0.0), complex(-0.0, -0.0), (1 + 1j) ** 2, (1 + 2j) / (3 - 4j), 1j ** -2, format(1 + 2j, '>12.2f'))
try:
    1j / 0
except ZeroDivisionError as e:
    print(e)
class C:
    def __complex__(self):
        return 5j
print(complex(C()), +(-0j), float.__getformat__('double'))
"#;
    let expected = r#"1000 31 12 12 10.5 -inf 2.5
invalid literal for int() with base 0: '1__0'
invalid literal for int() with base 0: '0b2'
invalid literal for int() with base 0: ''
invalid literal for int() with base 0: '08'
could not convert string to float: '1e'
1 0 258 b'\x00\x04'
-0j (-0-0j) 2j (-0.2+0.4j) (-1-0j)   1.00+2.00j
complex division by zero
5j (-0-0j) IEEE, little-endian
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn math_and_time() {
    let source = r#"import math, time
print(math.cbrt(27), math.cbrt(-27), math.log(2 ** 2000), math.log10(10 ** 400), math.log2(2 ** 3000 + 1))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 0.1, 0.2]), math.sumprod([1, 2], [3, 4]), math.sumprod([0.1, 0.2], [0.3, 0.4]))
print(math.remainder(7, 3), math.remainder(-7.5, 5), math.ulp(1e308), math.ulp(0.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, 1.0, steps=3))
print(math.gamma(0.5), math.gamma(5.5), math.gamma(-2.5), math.gamma(171.5), math.lgamma(0.5), math.lgamma(100.5), math.lgamma(-2.5))
print(math.erf(0.3), math.erf(3.0), math.erfc(5.0), math.erf(-0.1))
print(time.gmtime(0), tuple(time.gmtime(1e9)), time.strftime('%a %d %b %Y %H:%M:%S %j %U %W', time.gmtime(1234567890)))
print(time.asctime(time.gmtime(951782400)), time.mktime(time.gmtime(86400 * 400)), time.gmtime(-86400).tm_year)
"#;
    let expected = r#"3.0000000000000004 -3.0000000000000004 1386.2943611198907 400.0 3000.0
1.3 11 0.11000000000000001
1.0 2.5 1.99584030953472e+292 5e-324 0.9999999999999999 1.5e-323
1.7724538509055159 52.34277778455352 -0.9453087204829417 9.483367566824801e+307 0.5723649429247004 361.4355404677776 -0.05624371649767457
0.3286267594591274 0.9999779095030014 1.5374597944280351e-12 -0.1124629160182849
time.struct_time(tm_year=1970, tm_mon=1, tm_mday=1, tm_hour=0, tm_min=0, tm_sec=0, tm_wday=3, tm_yday=1, tm_isdst=0) (2001, 9, 9, 1, 46, 40, 6, 252, 0) Fri 13 Feb 2009 23:31:30 044 06 06
Tue Feb 29 00:00:00 2000 34560000.0 1969
"#;
    assert_eq!(run(source), expected);
}
