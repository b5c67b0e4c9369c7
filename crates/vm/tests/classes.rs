//! Classes, attribute lookup, descriptors and calls: small programs whose expected output
//! was produced by CPython 3.13.0 (`PYENV_VERSION=3.13.0 python3 snippet.py`) and pasted here.

fn run(source: &str) -> String {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    out
}

#[test]
fn zero_and_two_argument_super() {
    let source = r#"class A:
    def f(self): return 'A'
    @classmethod
    def c(cls): return 'A.c ' + cls.__name__
class B(A):
    def f(self):
        s = super()
        return 'B>' + s.f()
    def g(self):
        del self
        super()
    @classmethod
    def c(cls): return 'B>' + super().c()
    def nested(self):
        return [super().f() for _ in range(1)]
    def closure(self):
        def inner():
            return self
        return super().f(), inner() is self
print(B().f(), B.c(), B().nested(), B().closure())
try: B().g()
except RuntimeError as e: print(e)
try: super(A, 3)
except TypeError as e: print(e)
try: super(B, A)
except TypeError as e: print(e)
def outside(): super()
try: outside()
except RuntimeError as e: print(e)
u = super(B)
print(u, u.__get__(B()).f())
class C(B):
    def f(self):
        x = super
        return 'C>' + x().f()
print(C().f())
"#;
    let expected = r#"B>A B>A.c B ['A'] ('A', True)
super(): arg[0] deleted
super(type, obj): obj (instance of int) is not an instance or subtype of type (A).
super(type, obj): obj (type A) is not an instance or subtype of type (B).
super(): no arguments
<super: <class 'B'>, NULL> A
C>B>A
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn getattr_hooks_and_descriptor_precedence() {
    let source = r#"class P:
    @property
    def x(self):
        raise AttributeError("inner problem")
    def __getattr__(self, name):
        return f"__getattr__({name})"
print(P().x, P().y)
class Q:
    @property
    def x(self):
        raise AttributeError("inner problem")
try: Q().x
except AttributeError as e: print(e)
print(hasattr(Q(), 'x'), getattr(Q(), 'x', 'dflt'))
class OnlySet:
    def __set__(self, obj, value): print("set", value)
class D:
    s = OnlySet()
d = D()
d.__dict__["s"] = "from dict"
print(d.s)
d.s = 1
class Meta(type):
    @property
    def kind(cls): return "meta"
class E(metaclass=Meta):
    kind = "class"
print(E.kind)
try: E.kind = 1
except AttributeError as e: print(e)
"#;
    let expected = r#"__getattr__(x) __getattr__(y)
inner problem
False dflt
from dict
set 1
meta
property 'kind' of 'Meta' object has no setter
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn class_creation_slots_and_native_attributes() {
    let source = r#"class O: pass
class A(O): pass
class B(O): pass
try:
    class Bad(A, O, B): pass
except TypeError as e: print(e)
try:
    class Dup(A, A): pass
except TypeError as e: print(e)
try:
    class Conflict:
        __slots__ = ("a",)
        a = 1
except ValueError as e: print(e)
class S:
    __slots__ = ("a",)
m = S.__dict__["a"]
s = S()
m.__set__(s, 10)
print(s.a, m.__get__(s, S), repr(m), m.__objclass__.__name__)
try: m.__get__(3, int)
except TypeError as e: print(e)
class Broken:
    pass
try:
    class Sub(Broken, x=1): pass
except TypeError as e: print(e)
try: (1).__class__ = bool
except TypeError as e: print(e)
class H: pass
class Other: pass
h = H()
h.__class__ = Other
print(type(h).__name__)
def f(a=[]): return a
f.__defaults__ = ([9],)
print(f())
class T:
    @property
    def c(self):
        "Doc."
        return 1
print(T.c.__doc__, T.c.fget.__doc__)
"#;
    let expected = r#"Cannot create a consistent method resolution order (MRO) for bases O, B
duplicate base class A
'a' in __slots__ conflicts with class variable
10 10 <member 'a' of 'S' objects> S
descriptor 'a' for 'S' objects doesn't apply to a 'int' object
Sub.__init_subclass__() takes no keyword arguments
__class__ assignment only supported for mutable types or ModuleType subclasses
Other
[9]
Doc. Doc.
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn argument_binding_errors() {
    let source = r#"def f(a, *, b): pass
try: f(1, 2, 3, b=1)
except TypeError as e: print(e)
def g(a, b=1, *, c, d=3): pass
try: g(1, 2, 3, c=1, d=2)
except TypeError as e: print(e)
try: g(1, 2, 3)
except TypeError as e: print(e)
def h(): pass
try: h(1)
except TypeError as e: print(e)
try: h(1, x=2)
except TypeError as e: print(e)
def k(a): pass
try: k(1, 2, a=3)
except TypeError as e: print(e)
"#;
    let expected = r#"f() takes 1 positional argument but 3 positional arguments (and 1 keyword-only argument) were given
g() takes from 1 to 2 positional arguments but 3 positional arguments (and 2 keyword-only arguments) were given
g() takes from 1 to 2 positional arguments but 3 were given
h() takes 0 positional arguments but 1 was given
h() got an unexpected keyword argument 'x'
k() got multiple values for argument 'a'
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn generator_iter_and_unions() {
    let source = r#"class W:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __iter__(self):
        yield self.x
        yield self.y
print(list(W(1, 2)), [*W(3, 4)], dict([W(5, 6)]))
x, y = W(7, 8)
print(x, y)
print(int | None, (int | str) | float, int | int, (int | str).__args__)
print(isinstance(3, int | str), isinstance(None, int | None), isinstance("s", int | None))
print(len.__self__.__name__)
"#;
    let expected = r#"[1, 2] [3, 4] {5: 6}
7 8
int | None int | str | float <class 'int'> (<class 'int'>, <class 'str'>)
True True False
builtins
"#;
    assert_eq!(run(source), expected);
}

/// Functions made by `MAKE_FUNCTION` and by `FunctionType(...)` share one constructor; their
/// names, docstrings, modules, defaults and closures as CPython 3.13 gives them (output pasted).
#[test]
fn functions_made_both_ways() {
    let source = r#"FunctionType = type(lambda: 0)
def f(a, b=2, *, c=3):
    "doc"
    return a + b + c
print(f.__name__, f.__doc__, f.__module__, f.__defaults__, f.__kwdefaults__, f(1))
g = FunctionType(f.__code__, globals())
print(g.__name__, g.__doc__, g.__defaults__, g.__kwdefaults__, g.__module__)
h = FunctionType(f.__code__, globals(), "h", (5, 6), None, {"c": 1})
print(h.__name__, h.__defaults__, h(1))
def outer():
    x = 1
    def inner(): return x
    return inner
i = outer()
j = FunctionType(i.__code__, {}, None, None, i.__closure__)
print(j(), j.__module__, j.__name__)
"#;
    let expected = r#"f doc __main__ (2,) {'c': 3} 6
f doc None None __main__
h (5, 6) 8
1 None inner
"#;
    assert_eq!(run(source), expected);
}

/// The attribute caches' plans (slot members read and written in place, instance dicts probed
/// at a remembered entry) against CPython, including dicts filled in different orders, deleted
/// and re-added attributes, and a slot member that does not apply to the instance.
#[test]
fn cached_attribute_plans_slots_and_dict_hints() {
    let source = r#"class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x, self.y
ps = [P(i) for i in range(3)]
for p in ps:
    try:
        print(p.get())
    except AttributeError as e:
        print("AttributeError:", e)
    p.y = p.x * 10
    print(p.get())
del ps[0].x
for p in ps:
    try:
        print(p.x)
    except AttributeError as e:
        print("AttributeError:", e)
class Q(P):
    pass
q = Q(5); q.y = 6; q.z = 7
print(q.get(), q.z, q.__dict__)
class R:
    __slots__ = ("a",)
class S:
    pass
S.a = R.__dict__["a"]
try:
    S().a = 1
except TypeError as e:
    print("TypeError:", e)
class Both:
    __slots__ = ("a", "__dict__")
b = Both(); b.a = 1; b.c = 2
print(b.a, b.c, b.__dict__)
class A:
    pass
objs = [A() for _ in range(4)]
for i, o in enumerate(objs):
    if i % 2:
        o.b = i; o.a = -i
    else:
        o.a = i; o.b = -i
for _ in range(2):
    print([(o.a, o.b) for o in objs])
del objs[1].a
objs[1].a = 100
objs[2].__dict__.clear()
objs[2].b = 7; objs[2].a = 8
print([(o.a, o.b) for o in objs], [list(vars(o)) for o in objs])
try:
    S().a
except TypeError as e:
    print("TypeError:", e)
"#;
    assert_eq!(
        run(source),
        r#"AttributeError: 'P' object has no attribute 'y'
(0, 0)
AttributeError: 'P' object has no attribute 'y'
(1, 10)
AttributeError: 'P' object has no attribute 'y'
(2, 20)
AttributeError: 'P' object has no attribute 'x'
1
2
(5, 6) 7 {'z': 7}
TypeError: descriptor 'a' for 'R' objects doesn't apply to a 'S' object
1 2 {'c': 2}
[(0, 0), (-1, 1), (2, -2), (-3, 3)]
[(0, 0), (-1, 1), (2, -2), (-3, 3)]
[(0, 0), (100, 1), (8, 7), (-3, 3)] [['a', 'b'], ['b', 'a'], ['b', 'a'], ['b', 'a']]
TypeError: descriptor 'a' for 'R' objects doesn't apply to a 'S' object
"#
    );
}
