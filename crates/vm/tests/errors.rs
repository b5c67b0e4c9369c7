//! Uncaught-exception output compared whole with CPython 3.13.0's: position markers,
//! chained exceptions, groups, notes, suggestions, `except*`, SystemExit and exception
//! attributes. Every expected value was produced by running the snippet under the oracle
//! (`PYENV_VERSION=3.13.0 python3 FILE`, the file at the same path as here).

/// Writes `source` where the oracle's copy was (tracebacks read their source lines from the
/// file) and runs it.
fn run(name: &str, source: &str) -> (i32, String, String) {
    let dir = "/tmp/taipan_vm_errors";
    let _ = std::fs::create_dir_all(dir);
    let path = format!("{dir}/{name}.py");
    std::fs::write(&path, source).expect("test file written");
    taipan_vm::run_source_captured(source, &path, &[path.clone()])
}

fn check(name: &str, source: &str, status: i32, stdout: &str, stderr: &str) {
    let (s, o, e) = run(name, source);
    assert_eq!(e, stderr, "stderr of {name}");
    assert_eq!(o, stdout, "stdout of {name}");
    assert_eq!(s, status, "status of {name}");
}

#[test]
fn binop_marker() {
    check(
        "binop_marker",
        r#"def f(a, b):
    return a + b

f(1, "x")
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/binop_marker.py", line 4, in <module>
    f(1, "x")
    ~^^^^^^^^
  File "/tmp/taipan_vm_errors/binop_marker.py", line 2, in f
    return a + b
           ~~^~~
TypeError: unsupported operand type(s) for +: 'int' and 'str'
"#,
    );
}

#[test]
fn subscript_marker() {
    check(
        "subscript_marker",
        r#"d = {"a": 1}
x = d["b"] + 1
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/subscript_marker.py", line 2, in <module>
    x = d["b"] + 1
        ~^^^^^
KeyError: 'b'
"#,
    );
}

#[test]
fn call_whole_line_no_marker() {
    check(
        "call_whole_line_no_marker",
        r#"def g():
    raise ValueError("bad")

g()
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/call_whole_line_no_marker.py", line 4, in <module>
    g()
    ~^^
  File "/tmp/taipan_vm_errors/call_whole_line_no_marker.py", line 2, in g
    raise ValueError("bad")
ValueError: bad
"#,
    );
}

#[test]
fn assign_call_no_marker() {
    check(
        "assign_call_no_marker",
        r#"def g():
    raise ValueError("bad")

y = g()
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/assign_call_no_marker.py", line 4, in <module>
    y = g()
  File "/tmp/taipan_vm_errors/assign_call_no_marker.py", line 2, in g
    raise ValueError("bad")
ValueError: bad
"#,
    );
}

#[test]
fn call_in_expression() {
    check(
        "call_in_expression",
        r#"def g():
    raise ValueError("bad")

y = [g() for _ in range(1)]
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/call_in_expression.py", line 4, in <module>
    y = [g() for _ in range(1)]
         ~^^
  File "/tmp/taipan_vm_errors/call_in_expression.py", line 2, in g
    raise ValueError("bad")
ValueError: bad
"#,
    );
}

#[test]
fn attribute_on_none() {
    check(
        "attribute_on_none",
        r#"x = None
print(x.foo)
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/attribute_on_none.py", line 2, in <module>
    print(x.foo)
          ^^^^^
AttributeError: 'NoneType' object has no attribute 'foo'
"#,
    );
}

#[test]
fn multi_line_call() {
    check(
        "multi_line_call",
        r#"def h(*a):
    raise RuntimeError("m")

result = h(
    1,
    2,
) + 3
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/multi_line_call.py", line 4, in <module>
    result = h(
             ~^
        1,
        ^^
        2,
        ^^
    ) + 3
    ^
  File "/tmp/taipan_vm_errors/multi_line_call.py", line 2, in h
    raise RuntimeError("m")
RuntimeError: m
"#,
    );
}

#[test]
fn multi_line_binop() {
    check(
        "multi_line_binop",
        r#"a = 1
b = "s"
c = (a
     +
     b)
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/multi_line_binop.py", line 3, in <module>
    c = (a
         ~
         +
         ^
         b)
         ~
TypeError: unsupported operand type(s) for +: 'int' and 'str'
"#,
    );
}

#[test]
fn long_multi_line_call() {
    check(
        "long_multi_line_call",
        r#"def h(*a):
    raise RuntimeError("m")

print(h(1,
        2,
        3,
        4,
        5,
        6))
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/long_multi_line_call.py", line 4, in <module>
    print(h(1,
          ~^^^
            2,
            ^^
    ...<2 lines>...
            5,
            ^^
            6))
            ^^
  File "/tmp/taipan_vm_errors/long_multi_line_call.py", line 2, in h
    raise RuntimeError("m")
RuntimeError: m
"#,
    );
}

#[test]
fn nested_subscript() {
    check(
        "nested_subscript",
        r#"data = {"rows": [[1, 2], [3]]}
print(data["rows"][1][1])
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/nested_subscript.py", line 2, in <module>
    print(data["rows"][1][1])
          ~~~~~~~~~~~~~~~^^^
IndexError: list index out of range
"#,
    );
}

#[test]
fn division_marker() {
    check(
        "division_marker",
        r#"def ratio(x, y):
    return x / y

values = [ratio(1, n) for n in (1, 0)]
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/division_marker.py", line 4, in <module>
    values = [ratio(1, n) for n in (1, 0)]
              ~~~~~^^^^^^
  File "/tmp/taipan_vm_errors/division_marker.py", line 2, in ratio
    return x / y
           ~~^~~
ZeroDivisionError: division by zero
"#,
    );
}

#[test]
fn wide_chars() {
    check(
        "wide_chars",
        r#"名前 = {"鍵": 1}
print(名前["なし"])
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/wide_chars.py", line 2, in <module>
    print(名前["なし"])
          ~~~~^^^^^^^^
KeyError: 'なし'
"#,
    );
}

#[test]
fn chained_cause() {
    check(
        "chained_cause",
        r#"def load():
    try:
        {}["k"]
    except KeyError as e:
        raise RuntimeError("load failed") from e

load()
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/chained_cause.py", line 3, in load
    {}["k"]
    ~~^^^^^
KeyError: 'k'

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/chained_cause.py", line 7, in <module>
    load()
    ~~~~^^
  File "/tmp/taipan_vm_errors/chained_cause.py", line 5, in load
    raise RuntimeError("load failed") from e
RuntimeError: load failed
"#,
    );
}

#[test]
fn chained_context() {
    check(
        "chained_context",
        r#"try:
    1 / 0
except ZeroDivisionError:
    int("x")
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/chained_context.py", line 2, in <module>
    1 / 0
    ~~^~~
ZeroDivisionError: division by zero

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/chained_context.py", line 4, in <module>
    int("x")
    ~~~^^^^^
ValueError: invalid literal for int() with base 10: 'x'
"#,
    );
}

#[test]
fn suppressed_context() {
    check(
        "suppressed_context",
        r#"try:
    1 / 0
except ZeroDivisionError:
    raise ValueError("clean") from None
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/suppressed_context.py", line 4, in <module>
    raise ValueError("clean") from None
ValueError: clean
"#,
    );
}

#[test]
fn notes() {
    check(
        "notes",
        r#"e = ValueError("with notes")
e.add_note("first note")
e.add_note("second\nmultiline")
raise e
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/notes.py", line 4, in <module>
    raise e
ValueError: with notes
first note
second
multiline
"#,
    );
}

#[test]
fn group_flat() {
    check(
        "group_flat",
        r#"raise ExceptionGroup("many", [ValueError(1), TypeError("t")])
"#,
        1,
        r#""#,
        r#"  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/group_flat.py", line 1, in <module>
  |     raise ExceptionGroup("many", [ValueError(1), TypeError("t")])
  | ExceptionGroup: many (2 sub-exceptions)
  +-+---------------- 1 ----------------
    | ValueError: 1
    +---------------- 2 ----------------
    | TypeError: t
    +------------------------------------
"#,
    );
}

#[test]
fn group_nested_notes() {
    check(
        "group_nested_notes",
        r#"def inner():
    raise ExceptionGroup("inner", [KeyError("k"), OSError(2, "nope")])

try:
    inner()
except ExceptionGroup as g:
    g.add_note("wrapped")
    raise ExceptionGroup("outer", [g, ValueError("v")])
"#,
        1,
        r#""#,
        r#"  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/group_nested_notes.py", line 5, in <module>
  |     inner()
  |     ~~~~~^^
  |   File "/tmp/taipan_vm_errors/group_nested_notes.py", line 2, in inner
  |     raise ExceptionGroup("inner", [KeyError("k"), OSError(2, "nope")])
  | ExceptionGroup: inner (2 sub-exceptions)
  | wrapped
  +-+---------------- 1 ----------------
    | KeyError: 'k'
    +---------------- 2 ----------------
    | FileNotFoundError: [Errno 2] nope
    +------------------------------------

During handling of the above exception, another exception occurred:

  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/group_nested_notes.py", line 8, in <module>
  |     raise ExceptionGroup("outer", [g, ValueError("v")])
  | ExceptionGroup: outer (2 sub-exceptions)
  +-+---------------- 1 ----------------
    | Exception Group Traceback (most recent call last):
    |   File "/tmp/taipan_vm_errors/group_nested_notes.py", line 5, in <module>
    |     inner()
    |     ~~~~~^^
    |   File "/tmp/taipan_vm_errors/group_nested_notes.py", line 2, in inner
    |     raise ExceptionGroup("inner", [KeyError("k"), OSError(2, "nope")])
    | ExceptionGroup: inner (2 sub-exceptions)
    | wrapped
    +-+---------------- 1 ----------------
      | KeyError: 'k'
      +---------------- 2 ----------------
      | FileNotFoundError: [Errno 2] nope
      +------------------------------------
    +---------------- 2 ----------------
    | ValueError: v
    +------------------------------------
"#,
    );
}

#[test]
fn group_wide() {
    check(
        "group_wide",
        r#"raise ExceptionGroup("wide", [ValueError(i) for i in range(17)])
"#,
        1,
        r#""#,
        r#"  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/group_wide.py", line 1, in <module>
  |     raise ExceptionGroup("wide", [ValueError(i) for i in range(17)])
  | ExceptionGroup: wide (17 sub-exceptions)
  +-+---------------- 1 ----------------
    | ValueError: 0
    +---------------- 2 ----------------
    | ValueError: 1
    +---------------- 3 ----------------
    | ValueError: 2
    +---------------- 4 ----------------
    | ValueError: 3
    +---------------- 5 ----------------
    | ValueError: 4
    +---------------- 6 ----------------
    | ValueError: 5
    +---------------- 7 ----------------
    | ValueError: 6
    +---------------- 8 ----------------
    | ValueError: 7
    +---------------- 9 ----------------
    | ValueError: 8
    +---------------- 10 ----------------
    | ValueError: 9
    +---------------- 11 ----------------
    | ValueError: 10
    +---------------- 12 ----------------
    | ValueError: 11
    +---------------- 13 ----------------
    | ValueError: 12
    +---------------- 14 ----------------
    | ValueError: 13
    +---------------- 15 ----------------
    | ValueError: 14
    +---------------- ... ----------------
    | and 2 more exceptions
    +------------------------------------
"#,
    );
}

#[test]
fn group_with_cause() {
    check(
        "group_with_cause",
        r#"try:
    raise TypeError("root")
except TypeError as t:
    raise ExceptionGroup("eg", [ValueError("a")]) from t
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/group_with_cause.py", line 2, in <module>
    raise TypeError("root")
TypeError: root

The above exception was the direct cause of the following exception:

  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/group_with_cause.py", line 4, in <module>
  |     raise ExceptionGroup("eg", [ValueError("a")]) from t
  | ExceptionGroup: eg (1 sub-exception)
  +-+---------------- 1 ----------------
    | ValueError: a
    +------------------------------------
"#,
    );
}

#[test]
fn except_star_rest() {
    check(
        "except_star_rest",
        r#"try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as e:
    print("caught", repr(e))
"#,
        1,
        r#"caught ExceptionGroup('eg', [ValueError(1), ValueError(3)])
"#,
        r#"  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/except_star_rest.py", line 2, in <module>
  |     raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
  | ExceptionGroup: eg (1 sub-exception)
  +-+---------------- 1 ----------------
    | TypeError: 2
    +------------------------------------
"#,
    );
}

#[test]
fn except_star_raise_in_handler() {
    check(
        "except_star_raise_in_handler",
        r#"try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
except* ValueError:
    raise KeyError("from handler")
except* TypeError as e:
    print("handled", e.exceptions)
"#,
        1,
        r#"handled (TypeError(2),)
"#,
        r#"  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/except_star_raise_in_handler.py", line 2, in <module>
  |     raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
  | ExceptionGroup: eg (1 sub-exception)
  +-+---------------- 1 ----------------
    | ValueError: 1
    +------------------------------------

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/except_star_raise_in_handler.py", line 4, in <module>
    raise KeyError("from handler")
KeyError: 'from handler'
"#,
    );
}

#[test]
fn except_star_naked() {
    check(
        "except_star_naked",
        r#"try:
    raise ValueError("naked")
except* ValueError as e:
    print(type(e).__name__, e.exceptions)
    raise
"#,
        1,
        r#"ExceptionGroup (ValueError('naked'),)
"#,
        r#"  | ExceptionGroup:  (1 sub-exception)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/tmp/taipan_vm_errors/except_star_naked.py", line 2, in <module>
    |     raise ValueError("naked")
    | ValueError: naked
    +------------------------------------
"#,
    );
}

#[test]
fn except_star_semantics() {
    check(
        "except_star_semantics",
        r#"eg = ExceptionGroup("eg", [ValueError(1), ExceptionGroup("sub", [TypeError(2), ValueError(3)]), OSError(4)])
try:
    raise eg
except* ValueError as e:
    print("V", repr(e))
except* (TypeError, OSError) as e:
    print("TO", repr(e))
m, r = eg.split(ValueError)
print(repr(m), repr(r))
print(repr(eg.subgroup(lambda x: isinstance(x, OSError))))
print(eg.split(KeyError))
class MyEG(ExceptionGroup):
    pass
e2 = MyEG("mine", [ValueError(1), TypeError(2)])
print(type(e2.split(ValueError)[0]).__name__, type(e2.derive([ValueError(5)])).__name__)
try:
    try:
        raise ExceptionGroup("x", [ValueError(1), TypeError(2)])
    except* ValueError:
        pass
except ExceptionGroup as g:
    print("rest", repr(g))
try:
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError as e:
        raise
except ExceptionGroup as g:
    print("reraised", repr(g), g is not None)
"#,
        0,
        r#"V ExceptionGroup('eg', [ValueError(1), ExceptionGroup('sub', [ValueError(3)])])
TO ExceptionGroup('eg', [ExceptionGroup('sub', [TypeError(2)]), OSError(4)])
ExceptionGroup('eg', [ValueError(1), ExceptionGroup('sub', [ValueError(3)])]) ExceptionGroup('eg', [ExceptionGroup('sub', [TypeError(2)]), OSError(4)])
ExceptionGroup('eg', [OSError(4)])
(None, ExceptionGroup('eg', [ValueError(1), ExceptionGroup('sub', [TypeError(2), ValueError(3)]), OSError(4)]))
ExceptionGroup ExceptionGroup
rest ExceptionGroup('x', [TypeError(2)])
reraised ExceptionGroup('x', [ValueError(1)]) True
"#,
        r#""#,
    );
}

#[test]
fn name_error_suggestion() {
    check(
        "name_error_suggestion",
        r#"counter = 1
print(countr)
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/name_error_suggestion.py", line 2, in <module>
    print(countr)
          ^^^^^^
NameError: name 'countr' is not defined. Did you mean: 'counter'?
"#,
    );
}

#[test]
fn name_error_in_function() {
    check(
        "name_error_in_function",
        r#"def f():
    total = 0
    return totl + 1

f()
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/name_error_in_function.py", line 5, in <module>
    f()
    ~^^
  File "/tmp/taipan_vm_errors/name_error_in_function.py", line 3, in f
    return totl + 1
           ^^^^
NameError: name 'totl' is not defined. Did you mean: 'total'?
"#,
    );
}

#[test]
fn name_error_stdlib() {
    check(
        "name_error_stdlib",
        r#"print(math.pi)
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/name_error_stdlib.py", line 1, in <module>
    print(math.pi)
          ^^^^
NameError: name 'math' is not defined. Did you forget to import 'math'?
"#,
    );
}

#[test]
fn attribute_suggestion() {
    check(
        "attribute_suggestion",
        r#"class Point:
    def __init__(self):
        self.horizontal = 1

p = Point()
print(p.horizontl)
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/attribute_suggestion.py", line 6, in <module>
    print(p.horizontl)
          ^^^^^^^^^^^
AttributeError: 'Point' object has no attribute 'horizontl'. Did you mean: 'horizontal'?
"#,
    );
}

#[test]
fn attribute_module_suggestion() {
    check(
        "attribute_module_suggestion",
        r#"import sys
sys.argvv
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/attribute_module_suggestion.py", line 2, in <module>
    sys.argvv
AttributeError: module 'sys' has no attribute 'argvv'. Did you mean: 'argv'?
"#,
    );
}

#[test]
fn recursion() {
    check(
        "recursion",
        r#"def r(n):
    return r(n + 1)

r(0)
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/recursion.py", line 4, in <module>
    r(0)
    ~^^^
  File "/tmp/taipan_vm_errors/recursion.py", line 2, in r
    return r(n + 1)
  File "/tmp/taipan_vm_errors/recursion.py", line 2, in r
    return r(n + 1)
  File "/tmp/taipan_vm_errors/recursion.py", line 2, in r
    return r(n + 1)
  [Previous line repeated 996 more times]
RecursionError: maximum recursion depth exceeded
"#,
    );
}

#[test]
fn repeated_lines() {
    check(
        "repeated_lines",
        r#"def down(n):
    if n == 0:
        raise ValueError("bottom")
    down(n - 1)

down(10)
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/repeated_lines.py", line 6, in <module>
    down(10)
    ~~~~^^^^
  File "/tmp/taipan_vm_errors/repeated_lines.py", line 4, in down
    down(n - 1)
    ~~~~^^^^^^^
  File "/tmp/taipan_vm_errors/repeated_lines.py", line 4, in down
    down(n - 1)
    ~~~~^^^^^^^
  File "/tmp/taipan_vm_errors/repeated_lines.py", line 4, in down
    down(n - 1)
    ~~~~^^^^^^^
  [Previous line repeated 7 more times]
  File "/tmp/taipan_vm_errors/repeated_lines.py", line 3, in down
    raise ValueError("bottom")
ValueError: bottom
"#,
    );
}

#[test]
fn system_exit_message() {
    check(
        "system_exit_message",
        r#"import sys
print("out")
sys.exit("bye")
"#,
        1,
        r#"out
"#,
        r#"bye
"#,
    );
}

#[test]
fn system_exit_code() {
    check(
        "system_exit_code",
        r#"raise SystemExit(3)
"#,
        3,
        r#""#,
        r#""#,
    );
}

#[test]
fn key_error_str() {
    check(
        "key_error_str",
        r#"d = {}
try:
    d[("a", 1)]
except KeyError as e:
    print(str(e), repr(e), e.args)
print(str(KeyError()), str(KeyError("a", "b")), str(KeyError("")))
d[""]
"#,
        1,
        r#"('a', 1) KeyError(('a', 1)) (('a', 1),)
 ('a', 'b') ''
"#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/key_error_str.py", line 7, in <module>
    d[""]
    ~^^^^
KeyError: ''
"#,
    );
}

#[test]
fn exception_attributes() {
    check(
        "exception_attributes",
        r#"e = BaseException()
print(e.args, e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__, e.__notes__ if hasattr(e, "__notes__") else "no notes")
n = NameError("x")
print(n.name)
a = AttributeError("y")
print(a.name, a.obj)
s = StopIteration(5)
print(s.value)
i = ImportError("m")
print(i.msg, i.name, i.path)
o = OSError(2, "No such file", "f.txt")
print(o.errno, o.strerror, o.filename, str(o))
x = SystemExit()
print(x.code)
print(repr(ValueError("a", 1)), str(ValueError("a", 1)), repr(ValueError()))
"#,
        0,
        r#"() None None False None no notes
None
None None
5
m None None
2 No such file f.txt [Errno 2] No such file: 'f.txt'
None
ValueError('a', 1) ('a', 1) ValueError()
"#,
        r#""#,
    );
}

#[test]
fn custom_exception_module_name() {
    check(
        "custom_exception_module_name",
        r#"class AppError(Exception):
    def __str__(self):
        return "app broke"

class Inner:
    class Nested(Exception):
        pass

try:
    raise Inner.Nested("deep")
except Exception as e:
    print(type(e).__qualname__)
raise AppError()
"#,
        1,
        r#"Inner.Nested
"#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/custom_exception_module_name.py", line 13, in <module>
    raise AppError()
AppError: app broke
"#,
    );
}

#[test]
fn str_failing() {
    check(
        "str_failing",
        r#"class Bad(Exception):
    def __str__(self):
        raise RuntimeError("no")

raise Bad()
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/str_failing.py", line 5, in <module>
    raise Bad()
Bad: <exception str() failed>
"#,
    );
}

#[test]
fn error_in_handler_chain_three() {
    check(
        "error_in_handler_chain_three",
        r#"try:
    try:
        raise ValueError("one")
    except ValueError:
        raise TypeError("two")
except TypeError:
    raise KeyError("three")
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/error_in_handler_chain_three.py", line 3, in <module>
    raise ValueError("one")
ValueError: one

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/error_in_handler_chain_three.py", line 5, in <module>
    raise TypeError("two")
TypeError: two

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/error_in_handler_chain_three.py", line 7, in <module>
    raise KeyError("three")
KeyError: 'three'
"#,
    );
}

#[test]
fn method_marker() {
    check(
        "method_marker",
        r#"class A:
    def run(self, items):
        return items.missing_method(1)

A().run([])
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/method_marker.py", line 5, in <module>
    A().run([])
    ~~~~~~~^^^^
  File "/tmp/taipan_vm_errors/method_marker.py", line 3, in run
    return items.missing_method(1)
           ^^^^^^^^^^^^^^^^^^^^
AttributeError: 'list' object has no attribute 'missing_method'
"#,
    );
}

#[test]
fn assert_marker() {
    check(
        "assert_marker",
        r#"x = 3
assert x == 4, f"x is {x}"
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/assert_marker.py", line 2, in <module>
    assert x == 4, f"x is {x}"
           ^^^^^^
AssertionError: x is 3
"#,
    );
}

#[test]
fn unicode_error_attributes() {
    check(
        "unicode_error_attributes",
        r#"u = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(u)
print(u.encoding, u.object, u.start, u.end, u.reason, u.args)
print(UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 2, "bad"))
print(UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "ordinal not in range(128)"))
print(UnicodeEncodeError("ascii", "h\u20acllo", 1, 2, "x"), UnicodeEncodeError("ascii", "h\U0001F600", 1, 2, "x"))
try:
    UnicodeDecodeError("x")
except TypeError as e:
    print(e)
raise UnicodeEncodeError("ascii", "hello", 1, 4, "x")
"#,
        1,
        r#"'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
utf-8 b'\xff' 0 1 invalid start byte ('utf-8', b'\xff', 0, 1, 'invalid start byte')
'utf-8' codec can't decode bytes in position 0-1: bad
'ascii' codec can't encode character '\xe9' in position 1: ordinal not in range(128)
'ascii' codec can't encode character '\u20ac' in position 1: x 'ascii' codec can't encode character '\U0001f600' in position 1: x
function takes exactly 5 arguments (1 given)
"#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/unicode_error_attributes.py", line 11, in <module>
    raise UnicodeEncodeError("ascii", "hello", 1, 4, "x")
UnicodeEncodeError: 'ascii' codec can't encode characters in position 1-3: x
"#,
    );
}

#[test]
fn chaining_descriptors() {
    check(
        "chaining_descriptors",
        r#"e = ValueError("m")
e.__cause__ = KeyError("c")
print(e.__suppress_context__, e.__dict__, repr(e.__cause__))
for name, value in (("__traceback__", 5), ("__cause__", 5), ("__context__", "x"), ("__suppress_context__", 1)):
    try:
        setattr(e, name, value)
    except TypeError as x:
        print(name, x)
e.__suppress_context__ = False
e.__context__ = OSError(2, "gone")
print(type(e.__context__).__name__, e.__context__.errno)
raise e
"#,
        1,
        r#"True {} KeyError('c')
__traceback__ __traceback__ must be a traceback or None
__cause__ exception cause must be None or derive from BaseException
__context__ exception context must be None or derive from BaseException
__suppress_context__ attribute value type must be bool
FileNotFoundError 2
"#,
        r#"KeyError: 'c'

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/chaining_descriptors.py", line 12, in <module>
    raise e
ValueError: m
"#,
    );
}

#[test]
fn reraise_star_with_raise_e() {
    check(
        "reraise_star_with_raise_e",
        r#"try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
except* ValueError as e:
    raise e
except* TypeError:
    pass
"#,
        1,
        r#""#,
        r#"  + Exception Group Traceback (most recent call last):
  |   File "/tmp/taipan_vm_errors/reraise_star_with_raise_e.py", line 4, in <module>
  |     raise e
  |   File "/tmp/taipan_vm_errors/reraise_star_with_raise_e.py", line 2, in <module>
  |     raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
  | ExceptionGroup: eg (1 sub-exception)
  +-+---------------- 1 ----------------
    | ValueError: 1
    +------------------------------------
"#,
    );
}

#[test]
fn syntax_error_uncaught() {
    check(
        "syntax_error_uncaught",
        r#"compile("x = (1,\n", "<snippet>", "exec")
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/syntax_error_uncaught.py", line 1, in <module>
    compile("x = (1,\n", "<snippet>", "exec")
    ~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "<snippet>", line 1
    x = (1,
        ^
SyntaxError: '(' was never closed
"#,
    );
}

#[test]
fn syntax_error_raised() {
    check(
        "syntax_error_raised",
        r#"raise SyntaxError("custom", ("f.py", 3, 5, "  a b c\n", 3, 8))
"#,
        1,
        r#""#,
        r#"Traceback (most recent call last):
  File "/tmp/taipan_vm_errors/syntax_error_raised.py", line 1, in <module>
    raise SyntaxError("custom", ("f.py", 3, 5, "  a b c\n", 3, 8))
  File "f.py", line 3
    a b c
      ^^^
SyntaxError: custom
"#,
    );
}
