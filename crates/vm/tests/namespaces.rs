//! Namespaces as Python sees them: `locals()`/`globals()`/`vars()`/`dir()` and `exec`/`eval`
//! reading their caller's frame, type namespaces (`mappingproxy`, getset descriptors) and code
//! objects. Expected outputs were produced by CPython 3.13.0
//! (`PYENV_VERSION=3.13.0 python3 snippet.py`) and pasted here.

fn run(source: &str) -> String {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    out
}

/// `locals()`/`vars()`/`dir()` read the calling frame: a fresh snapshot of fast locals and cells
/// in a function (PEP 667), the namespace in a class or module body; inlined comprehensions
/// (PEP 709) show only their own variables and leave them unbound after.
#[test]
fn locals_snapshot_in_functions_and_namespaces_in_bodies() {
    let source = r#"def f(a, b=2):
    c = a + b
    def inner():
        return c
    snap = locals()
    c = 10
    return sorted((k, v) for k, v in snap.items() if k != "inner"), sorted(locals()), snap is locals()
print(f(1))
def g():
    x = 1
    exec("x = 2; y = 3")
    return x, "y" in locals(), eval("x + 1")
print(g())
def h():
    i = "before"
    out = [sorted(locals()) for i in range(1)]
    return out, i, sorted(locals())
print(h())
def unbound_after():
    [j for j in range(2)]
    try:
        return j
    except NameError as e:
        return type(e).__name__
print(unbound_after())
def d():
    zz = 1
    return dir(), vars() == locals()
print(d())
class K:
    a = 1
    names = sorted(locals())
    print(eval("a + 1"), [sorted(locals()) for q in [0]])
print(K.names)
print(locals() is globals(), vars() is globals())
"#;
    let expected = r#"([('a', 1), ('b', 2), ('c', 3)], ['a', 'b', 'c', 'inner', 'snap'], False)
(1, False, 2)
([['i']], 'before', ['i', 'out'])
NameError
(['zz'], True)
2 [['q']]
['__firstlineno__', '__module__', '__qualname__', 'a']
True True
"#;
    assert_eq!(run(source), expected);
}

/// `exec`/`eval` with the caller's namespaces or explicit ones, `closure=`, and their argument
/// errors; a string-input syntax error at the end of an `eval` source is at offset 0.
#[test]
fn exec_and_eval_namespaces() {
    let source = r#"g = {"x": 1}
exec("y = x + 1", g)
print(g["y"], type(g["__builtins__"]).__name__)
l = {}
exec("z = 5", g, l)
print(l, "z" in g)
print(eval("x + w", {"x": 1}, {"w": 2}), eval("x", None, {"x": 7}))
def outer():
    v = 3
    def inner():
        return v
    return inner
fn = outer()
exec(fn.__code__, {}, None, closure=fn.__closure__)
for args in [("1", 5), ("1", {}, 5)]:
    try:
        exec(*args)
    except TypeError as e:
        print(e)
    try:
        eval(*args)
    except TypeError as e:
        print(e)
try:
    exec(fn.__code__)
except TypeError as e:
    print(e)
try:
    compile("1 +", "<s>", "eval")
except SyntaxError as e:
    print(e.msg, e.lineno, e.offset)
m = compile("a = 1", "<m>", "exec")
print(m.co_filename, eval(compile("2 * 3", "<e>", "eval")))
"#;
    let expected = r#"2 dict
{'z': 5} False
3 7
exec() globals must be a dict, not int
globals must be a dict
locals must be a mapping or None, not int
locals must be a mapping
code object requires a closure of exactly length 1
invalid syntax 1 0
<m> 6
"#;
    assert_eq!(run(source), expected);
}

/// `C.__dict__` is a read-only `mappingproxy`; native attributes appear in type namespaces as
/// `getset_descriptor`s; a function's `__code__` can be replaced; code objects compare.
#[test]
fn type_namespaces_are_mappingproxies_with_getset_descriptors() {
    let source = r#"class C:
    "doc"
    x = 1
    def m(self): pass
p = C.__dict__
print(type(p).__name__, p["x"], "x" in p, p.get("nope", 0), len(p) == len(dict(p)))
print([k for k in p])
try:
    p["y"] = 2
except TypeError as e:
    print(e)
C.y = 2
print("y" in p, p["y"], vars(C) is not p, vars(C) == p)
print(repr(type.__dict__["__name__"]), type.__dict__["__name__"].__get__(C))
print(type(int.__dict__["real"]).__name__, int.__dict__["real"].__get__(7), int.real)
try:
    int.__dict__["real"].__get__("s")
except TypeError as e:
    print(e)
try:
    (5).real = 1
except AttributeError as e:
    print(e)
class D(C):
    pass
print([k for k in D.__dict__], D.__doc__, D().__dict__, D().__weakref__)
class S:
    __slots__ = ("a",)
print([k for k in S.__dict__])
print(C.__qualname__, hasattr(C(), "__qualname__"))
def f(): return 1
def g(): return 2
f.__code__ = g.__code__
print(f(), f.__name__, f.__code__ == g.__code__, g.__code__.replace(co_name="r").co_name)
print(list(g.__code__.co_lines())[-1][2] == g.__code__.co_firstlineno)
"#;
    let expected = r#"mappingproxy 1 True 0 True
['__module__', '__firstlineno__', '__doc__', 'x', 'm', '__static_attributes__', '__dict__', '__weakref__']
'mappingproxy' object does not support item assignment
True 2 True True
<attribute '__name__' of 'type' objects> C
getset_descriptor 7 <attribute 'real' of 'int' objects>
descriptor 'real' for 'int' objects doesn't apply to a 'str' object
attribute 'real' of 'int' objects is not writable
['__module__', '__firstlineno__', '__static_attributes__', '__doc__'] None {} None
['__module__', '__firstlineno__', '__slots__', '__static_attributes__', 'a', '__doc__']
C False
2 f True r
True
"#;
    assert_eq!(run(source), expected);
}

/// Built-in special methods are `wrapper_descriptor`s (bound: `method-wrapper`), other built-in
/// methods `method_descriptor`s; the two word a wrong receiver differently.
#[test]
fn slot_wrappers_and_method_descriptors() {
    let source = r#"print(repr(int.__add__), repr(str.upper), repr(object.__init__), type(list.__getitem__).__name__, type(dict.__contains__).__name__)
print(repr((1).__add__)[:30], type((1).__add__).__name__, type("a".upper).__name__)
try: str.upper(5)
except TypeError as e: print(e)
try: str.__len__(5)
except TypeError as e: print(e)
print(int.__add__(1, 2), (3).__add__(4), type(object.__init__.__get__(1)).__name__, str.__dict__["upper"].__get__("q")())
print(int.__add__.__name__, int.__add__.__qualname__, int.__add__.__objclass__)
"#;
    let expected = r#"<slot wrapper '__add__' of 'int' objects> <method 'upper' of 'str' objects> <slot wrapper '__init__' of 'object' objects> method_descriptor method_descriptor
<method-wrapper '__add__' of i method-wrapper builtin_function_or_method
descriptor 'upper' for 'str' objects doesn't apply to a 'int' object
descriptor '__len__' requires a 'str' object but received a 'int'
3 7 method-wrapper Q
__add__ int.__add__ <class 'int'>
"#;
    assert_eq!(run(source), expected);
}

/// A class's own `__dict__`/`__weakref__` descriptors (when it is the first of its line to give
/// instances a dict), `__dict__` assignment, `__qualname__` kept out of the namespace, and the
/// read-only attributes of types.
#[test]
fn class_namespace_descriptors() {
    let source = r#"class A:
    def __init__(self): self.a = 1
a = A()
print(dir(a)[-5:], '__dict__' in dir(a), '__weakref__' in dir(A))
print(vars(a), a.__dict__)
a.__dict__ = {'b': 2}
print(a.b, vars(a))
X = type('X', (), {'__qualname__': 'Y', 'k': 1})
print(X.__qualname__, list(X.__dict__), X.__name__)
class S:
    __slots__ = ('p', '__dict__')
s = S(); s.q = 3
print(s.__dict__, list(S.__dict__))
try: A.__dict__ = {}
except (AttributeError, TypeError) as e: print(type(e).__name__, e)
try: del A.__dict__
except (AttributeError, TypeError) as e: print(type(e).__name__, e)
print(A.__dict__['__init__'].__name__, type(A.__dict__['__dict__']).__name__)
print(A.__dict__['__dict__'].__get__(a), A.__dict__['__weakref__'].__get__(a))
class M(type): pass
class C(metaclass=M): pass
print(list(M.__dict__), list(C.__dict__), type(C.__dict__).__name__)
class E(Exception): pass
print(list(E.__dict__), E().__dict__)
print(int.__name__, int.__qualname__, int.__mro__, bool.__bases__)
try: int.__name__ = 'x'
except TypeError as e: print(e)
C.__name__ = 'CC'
print(C.__name__, C)
print(A.__doc__, A().__doc__)
print(sorted(type.__dict__.keys() & {'__name__', '__dict__', '__mro__'}))
print(hasattr(A, '__weakref__'), A.__weakref__)
"#;
    let expected = r#"['__static_attributes__', '__str__', '__subclasshook__', '__weakref__', 'a'] True True
{'a': 1} {'a': 1}
2 {'b': 2}
Y ['k', '__module__', '__dict__', '__weakref__', '__doc__'] X
{'q': 3} ['__module__', '__firstlineno__', '__slots__', '__static_attributes__', 'p', '__dict__', '__doc__']
AttributeError attribute '__dict__' of 'type' objects is not writable
AttributeError attribute '__dict__' of 'type' objects is not writable
__init__ getset_descriptor
{'b': 2} None
['__module__', '__firstlineno__', '__static_attributes__', '__doc__'] ['__module__', '__firstlineno__', '__static_attributes__', '__dict__', '__weakref__', '__doc__'] mappingproxy
['__module__', '__firstlineno__', '__static_attributes__', '__weakref__', '__doc__'] {}
int int (<class 'int'>, <class 'object'>) (<class 'int'>,)
cannot set '__name__' attribute of immutable type 'int'
CC <class '__main__.C'>
None None
['__dict__', '__mro__', '__name__']
True <attribute '__weakref__' of 'A' objects>
"#;
    assert_eq!(run(source), expected);
}

/// A star-call (`CALL_FUNCTION_EX`) of a frame-reading builtin sees the caller's frame too.
#[test]
fn frame_readers_through_star_calls() {
    let source = r#"def f():
    x = 1
    args = ("x + 1",)
    print(eval(*args), sorted(locals(**{})), dir(*()))
    exec(*("print(x)",))
f()
"#;
    let expected = r#"2 ['args', 'x'] ['args', 'x']
1
"#;
    assert_eq!(run(source), expected);
}
