//! Tests of `symtable`, part 2 (the helpers are in `main.rs`).

use super::*;

#[test]
fn generic_class_mangles_type_params_only() {
    check(
        r#"class A[__T, __U: __T](__B):
    def __m[__V](self) -> __T: return __V
"#,
        r#"2 top line=0 nested=0 varnames=
  A 0x1002
  5 A line=1 nested=0 varnames=
    .type_params 0x5012
    .generic_base 0x1012
    _A__T 0x5402
    _A__U 0x1402
    __B 0x3010
    6 __U line=1 nested=1 varnames=
      _A__T 0x4010
    1 A line=1 nested=1 varnames=
      __type_params__ 0x1002
      .type_params 0x4010
      _A__m 0x1002
      _A__T 0x4000
      5 __m line=2 nested=1 varnames=.defaults
        __classdict__ 0x4010
        .defaults 0x1004
        _A__V 0x5402
        _A__T 0x4010
        0 __m line=2 nested=1 varnames=self
          self 0x1004
          _A__V 0x4010
"#,
    );
}

#[test]
fn generic_method_mangling() {
    check(
        r#"class A:
    def f[__T](self, x: __T = __T): pass
    type __X[__Y] = __Y
"#,
        r#"2 top line=0 nested=0 varnames=
  A 0x1002
  1 A line=1 nested=0 varnames=
    f 0x1002
    _A__T 0x3010
    _A__X 0x1002
    5 f line=2 nested=0 varnames=.defaults
      __classdict__ 0x4010
      .defaults 0x1004
      _A__T 0x1412
      0 f line=2 nested=1 varnames=self,x
        self 0x1004
        x 0x1004
    5 __X line=3 nested=0 varnames=
      __classdict__ 0x4050
      _A__Y 0x5402
      4 __X line=3 nested=1 varnames=
        __classdict__ 0x4010
        _A__Y 0x4010
"#,
    );
}

#[test]
fn nonlocal_assigned_later() {
    check(
        r#"def f():
    def g():
        nonlocal x
        x = 2
    x = 1
    return g
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    g 0x1012
    x 0x5002
    0 g line=2 nested=1 varnames=
      x 0x400a
"#,
    );
}

#[test]
fn global_then_nested_use() {
    check(
        r#"x = 1
def f():
    global x
    def g(): return x
"#,
        r#"2 top line=0 nested=0 varnames=
  x 0x2003
  f 0x1002
  0 f line=2 nested=0 varnames=
    x 0x2001
    g 0x1002
    0 g line=4 nested=1 varnames=
      x 0x3010
"#,
    );
}

#[test]
fn global_shadowed_in_nested() {
    check(
        r#"def f():
    global x
    def g():
        x = 1
        def h(): return x
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  x 0x2001
  0 f line=1 nested=0 varnames=
    x 0x2001
    g 0x1002
    0 g line=3 nested=1 varnames=
      x 0x5002
      h 0x1002
      0 h line=5 nested=1 varnames=
        x 0x4010
"#,
    );
}

#[test]
fn class_local_invisible_to_methods() {
    check(
        r#"def f():
    class C:
        x = 1
        def g(self): return x
    x = 2
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    C 0x1002
    x 0x5002
    1 C line=2 nested=1 varnames=
      x 0x1042
      g 0x1002
      0 g line=4 nested=1 varnames=self
        self 0x1004
        x 0x4010
"#,
    );
}

#[test]
fn nonlocal_in_class() {
    check(
        r#"def f():
    x = 1
    class C:
        nonlocal x
        x = 2
        def g(self): return x
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x5002
    C 0x1002
    1 C line=3 nested=1 varnames=
      x 0x404a
      g 0x1002
      0 g line=6 nested=1 varnames=self
        self 0x1004
        x 0x4010
"#,
    );
}

#[test]
fn global_in_class() {
    check(
        r#"def f():
    x = 1
    class C:
        global x
        def g(self): return x
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  x 0x2001
  0 f line=1 nested=0 varnames=
    x 0x5002
    C 0x1002
    1 C line=3 nested=1 varnames=
      x 0x2041
      g 0x1002
      0 g line=5 nested=1 varnames=self
        self 0x1004
        x 0x4010
"#,
    );
}

#[test]
fn comprehension_shadowing_parameter() {
    check(
        r#"def f(x):
    return [x for y in x for x in y]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=x
    x 0x1014
    y 0x1212
"#,
    );
}

#[test]
fn comprehension_then_lambda() {
    check(
        r#"def f():
    a = [b for b in c]
    return [lambda: b for b in c]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    a 0x1002
    c 0x3010
    b 0x5a12
    0 lambda line=3 nested=1 varnames=
      b 0x4010
"#,
    );
}

#[test]
fn async_comprehensions() {
    check(
        r#"async def f():
    return [x async for x in y], (z async for z in w), [await q for q in r]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    y 0x3010
    w 0x3010
    r 0x3010
    x 0x1212
    q 0x1212
    0 genexpr line=2 nested=1 varnames=.0
      .0 0x1004
      z 0x1212
"#,
    );
}

#[test]
fn generator_with_return() {
    check(
        r#"def f():
    yield
    return 1
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
"#,
    );
}

#[test]
fn lambda_yield() {
    check(
        r#"lambda: (yield)
"#,
        r#"2 top line=0 nested=0 varnames=
  0 lambda line=1 nested=0 varnames=
"#,
    );
}

#[test]
fn keyword_only_and_positional_only() {
    check(
        r#"def f(*, a=1, b, c=2): pass
def g(a, /, b=1, *c, d, **e): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  g 0x1002
  0 f line=1 nested=0 varnames=a,b,c
    a 0x1004
    b 0x1004
    c 0x1004
  0 g line=2 nested=0 varnames=a,b,d,c,e
    a 0x1004
    b 0x1004
    d 0x1004
    c 0x1004
    e 0x1004
"#,
    );
}

#[test]
fn match_patterns() {
    check(
        r#"match x:
    case {"a": y, **rest}: pass
    case 1, *others: pass
    case C(a, b=c) as d: pass
    case e | f: pass
"#,
        r#"2 top line=0 nested=0 varnames=
  x 0x3010
  y 0x1002
  rest 0x1002
  others 0x1002
  C 0x3010
  a 0x1002
  c 0x1002
  d 0x1002
  e 0x1002
  f 0x1002
"#,
    );
}

#[test]
fn try_star_handler() {
    check(
        r#"try: pass
except* E as e: pass
"#,
        r#"2 top line=0 nested=0 varnames=
  E 0x3010
  e 0x1002
"#,
    );
}

#[test]
fn with_targets() {
    check(
        r#"with a as (b, c), d as e[f]: pass
"#,
        r#"2 top line=0 nested=0 varnames=
  a 0x3010
  b 0x1002
  c 0x1002
  d 0x3010
  e 0x3010
  f 0x3010
"#,
    );
}

#[test]
fn bare_super_name() {
    check(
        r#"def f():
    super
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    super 0x3010
    __class__ 0x3010
"#,
    );
}

#[test]
fn super_in_class_body() {
    check(
        r#"class C:
    super()
    lambda: super()
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    super 0x3010
    0 lambda line=3 nested=0 varnames=
      super 0x3010
      __class__ 0x4010
"#,
    );
}

#[test]
fn dunder_class_in_nested_function() {
    check(
        r#"def f():
    def g():
        return __class__
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    g 0x1002
    0 g line=2 nested=1 varnames=
      __class__ 0x3010
"#,
    );
}

#[test]
fn dunder_class_in_nested_class() {
    check(
        r#"class C:
    def f(self):
        class D:
            def g(self): return __class__
        return __class__
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    0 f line=2 nested=0 varnames=self
      self 0x1004
      D 0x1002
      __class__ 0x4010
      1 D line=3 nested=1 varnames=
        g 0x1002
        0 g line=4 nested=1 varnames=self
          self 0x1004
          __class__ 0x4010
"#,
    );
}

#[test]
fn dunder_class_in_class_comprehension() {
    check(
        r#"class C:
    [__class__ for x in y]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    y 0x3010
    x 0x1202
    __class__ 0x3010
"#,
    );
}

#[test]
fn dunder_class_in_nested_comprehension() {
    check(
        r#"class C:
    def f(self):
        return [[__class__ for a in b] for c in d]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    0 f line=2 nested=0 varnames=self
      self 0x1004
      d 0x3010
      c 0x1202
      b 0x3010
      a 0x1202
      __class__ 0x4010
"#,
    );
}

#[test]
fn dunder_class_in_class_nested_comprehension() {
    check(
        r#"class C:
    x = [[__class__ for a in b] for c in d]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    x 0x1002
    d 0x3010
    c 0x1202
    b 0x3010
    a 0x1202
    __class__ 0x3010
"#,
    );
}

#[test]
fn dunder_class_in_class_comprehension_lambda() {
    check(
        r#"class C:
    x = [lambda: __class__ for c in d]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    x 0x1002
    d 0x3010
    c 0x1202
    __class__ 0x3000
    0 lambda line=2 nested=1 varnames=
      __class__ 0x4010
"#,
    );
}

#[test]
fn free_in_inlined_comprehension() {
    check(
        r#"def f():
    x = 1
    def g():
        return [x for _ in y]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x5002
    g 0x1002
    0 g line=3 nested=1 varnames=
      y 0x3010
      _ 0x1202
      x 0x4010
"#,
    );
}

#[test]
fn lambda_in_nested_comprehension() {
    check(
        r#"def f():
    x = 1
    return [[lambda: x for y in z] for x in w]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x5802
    w 0x3010
    z 0x3010
    y 0x1202
    0 lambda line=3 nested=1 varnames=
      x 0x4010
"#,
    );
}

#[test]
fn lambda_in_comprehension_condition() {
    check(
        r#"def f():
    return [x for x in y for z in x if (lambda: z)]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    y 0x3010
    x 0x1212
    z 0x5a02
    0 lambda line=2 nested=1 varnames=
      z 0x4010
"#,
    );
}

#[test]
fn defaults_evaluated_outside() {
    check(
        r#"def f(a=[x for x in y], *, b=lambda: c):
    pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  y 0x3010
  x 0x1212
  0 lambda line=1 nested=0 varnames=
    c 0x3010
  0 f line=1 nested=0 varnames=a,b
    a 0x1004
    b 0x1004
"#,
    );
}

#[test]
fn decorators_bases_keywords() {
    check(
        r#"@dec(lambda: 1)
class C(Base, metaclass=M, **kw): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  dec 0x3010
  Base 0x3010
  M 0x3010
  kw 0x3010
  0 lambda line=1 nested=0 varnames=
  1 C line=2 nested=0 varnames=
"#,
    );
}

#[test]
fn type_aliases() {
    check(
        r#"type A = int
type B[T] = list[T]
type C[T: int, *Ts, **P] = tuple[T, *Ts]
"#,
        r#"2 top line=0 nested=0 varnames=
  A 0x1002
  B 0x1002
  C 0x1002
  4 A line=1 nested=0 varnames=
    int 0x3010
  5 B line=2 nested=0 varnames=
    T 0x5402
    4 B line=2 nested=1 varnames=
      list 0x3010
      T 0x4010
  5 C line=3 nested=0 varnames=
    T 0x5402
    Ts 0x5402
    P 0x1402
    6 T line=3 nested=1 varnames=
      int 0x3010
    4 C line=3 nested=1 varnames=
      tuple 0x3010
      T 0x4010
      Ts 0x4010
"#,
    );
}

#[test]
fn type_param_defaults() {
    check(
        r#"def f[T: int = str, *Ts = tuple, **P = []](): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  5 f line=1 nested=0 varnames=.defaults
    .defaults 0x1004
    T 0x1402
    Ts 0x1402
    P 0x1402
    6 T line=1 nested=1 varnames=
      int 0x3010
    6 T line=1 nested=1 varnames=
      str 0x3010
    6 Ts line=1 nested=1 varnames=
      tuple 0x3010
    6 P line=1 nested=1 varnames=
    0 f line=1 nested=1 varnames=
"#,
    );
}

#[test]
fn type_param_in_method_comprehension() {
    check(
        r#"class C:
    def f[T](self): return [T for _ in x]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    5 f line=2 nested=0 varnames=.defaults
      __classdict__ 0x4010
      .defaults 0x1004
      T 0x5402
      0 f line=2 nested=1 varnames=self
        self 0x1004
        x 0x3010
        _ 0x1202
        T 0x4010
"#,
    );
}

#[test]
fn type_alias_in_class_with_comprehension() {
    check(
        r#"class C:
    type A = [x for x in y]
    type B[T] = [T for x in y]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    A 0x1002
    B 0x1002
    4 A line=2 nested=0 varnames=
      __classdict__ 0x4010
      y 0x3010
      0 listcomp line=2 nested=1 varnames=.0
        .0 0x1004
        x 0x1212
    5 B line=3 nested=0 varnames=
      __classdict__ 0x4050
      T 0x5402
      4 B line=3 nested=1 varnames=
        __classdict__ 0x4010
        y 0x3010
        T 0x4000
        0 listcomp line=3 nested=1 varnames=.0
          .0 0x1004
          x 0x1202
          T 0x4010
"#,
    );
}

#[test]
fn class_in_function_type_scopes() {
    check(
        r#"def f():
    x = 1
    class C:
        type A = x
        def g[T: x](): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x5002
    C 0x1002
    1 C line=3 nested=1 varnames=
      A 0x1002
      g 0x1002
      x 0x4000
      4 A line=4 nested=1 varnames=
        __classdict__ 0x4010
        x 0x4010
      5 g line=5 nested=1 varnames=.defaults
        __classdict__ 0x4050
        .defaults 0x1004
        T 0x1402
        x 0x4000
        6 T line=5 nested=1 varnames=
          __classdict__ 0x4010
          x 0x4010
        0 g line=5 nested=1 varnames=
"#,
    );
}

#[test]
fn class_binding_hides_outer() {
    check(
        r#"def f():
    x = 1
    class C:
        x = 2
        type A = x
        def g[T: x](): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x1002
    C 0x1002
    1 C line=3 nested=1 varnames=
      x 0x1002
      A 0x1002
      g 0x1002
      4 A line=5 nested=1 varnames=
        __classdict__ 0x4010
        x 0x3010
      5 g line=6 nested=1 varnames=.defaults
        __classdict__ 0x4050
        .defaults 0x1004
        T 0x1402
        6 T line=6 nested=1 varnames=
          __classdict__ 0x4010
          x 0x3010
        0 g line=6 nested=1 varnames=
"#,
    );
}

#[test]
fn global_in_class_seen_by_alias() {
    check(
        r#"def f():
    class C:
        global y
        type A = y
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  y 0x2001
  0 f line=1 nested=0 varnames=
    C 0x1002
    1 C line=2 nested=1 varnames=
      y 0x2001
      A 0x1002
      4 A line=4 nested=1 varnames=
        __classdict__ 0x4010
        y 0x2010
"#,
    );
}

#[test]
fn fstring_names() {
    check(
        r#"f"{x!r:{y}} {z=}"
"#,
        r#"2 top line=0 nested=0 varnames=
  x 0x3010
  y 0x3010
  z 0x3010
"#,
    );
}

#[test]
fn delete_augassign_unpack() {
    check(
        r#"del a, b.c, d[e]
a.b += 1
c[d] = e
(f, *g) = h
"#,
        r#"2 top line=0 nested=0 varnames=
  a 0x1012
  b 0x3010
  d 0x3010
  e 0x3010
  c 0x3010
  f 0x1002
  g 0x1002
  h 0x3010
"#,
    );
}

#[test]
fn calls_and_displays() {
    check(
        r#"print(*args, **kwargs)
x = a if b else c
y = {k: v, **w}
z = {1, *s}
s = a[1:2:3]
"#,
        r#"2 top line=0 nested=0 varnames=
  print 0x3010
  args 0x3010
  kwargs 0x3010
  x 0x1002
  b 0x3010
  a 0x3010
  c 0x3010
  y 0x1002
  k 0x3010
  v 0x3010
  w 0x3010
  z 0x1002
  s 0x1012
"#,
    );
}

#[test]
fn imports() {
    check(
        r#"import a.b.c
import d.e as f
from g import h as i, j
from . import k
"#,
        r#"2 top line=0 nested=0 varnames=
  a 0x1080
  f 0x1080
  i 0x1080
  j 0x1080
  k 0x1080
"#,
    );
}

#[test]
fn comprehension_variable_not_leaked() {
    check(
        r#"def f():
    x = [i for i in range(3)]
    def g(): return i
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x1002
    range 0x3010
    g 0x1002
    i 0x1212
    0 g line=3 nested=1 varnames=
      i 0x3010
"#,
    );
}

#[test]
fn comprehension_then_local_cell() {
    check(
        r#"def f():
    [i for i in range(3)]
    i = 1
    lambda: i
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    range 0x3010
    i 0x5002
    0 lambda line=4 nested=1 varnames=
      i 0x4010
"#,
    );
}

#[test]
fn walrus_in_loop_comprehension() {
    check(
        r#"def f():
    for x in y:
        z = [x := 1 for a in b]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x1002
    y 0x3010
    z 0x1002
    b 0x3010
    a 0x1202
"#,
    );
}

#[test]
fn walrus_target_used_by_lambda() {
    check(
        r#"def f():
    return [(x := y) for y in z] + [lambda: x]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    z 0x3010
    x 0x5002
    y 0x1212
    0 lambda line=2 nested=1 varnames=
      x 0x4010
"#,
    );
}

#[test]
fn walrus_in_nested_function() {
    check(
        r#"def f():
    def g():
        return [(x := y) for y in z]
    return x
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    g 0x1002
    x 0x3010
    0 g line=2 nested=1 varnames=
      z 0x3010
      x 0x1002
      y 0x1212
"#,
    );
}

#[test]
fn walrus_at_module_level() {
    check(
        r#"[(x := y) for y in z]
"#,
        r#"2 top line=0 nested=0 varnames=
  z 0x3010
  x 0x2001
  y 0x1212
"#,
    );
}

#[test]
fn walrus_in_lambda_comprehension() {
    check(
        r#"lambda: [(x := y) for y in z]
"#,
        r#"2 top line=0 nested=0 varnames=
  0 lambda line=1 nested=0 varnames=
    z 0x3010
    x 0x1002
    y 0x1212
"#,
    );
}

#[test]
fn walrus_with_global() {
    check(
        r#"def f():
    global x
    [(x := y) for y in z]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  x 0x2001
  0 f line=1 nested=0 varnames=
    x 0x2003
    z 0x3010
    y 0x1212
"#,
    );
}

#[test]
fn walrus_mangled_in_method() {
    check(
        r#"class C:
    def f():
        [(__x := y) for y in z]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    0 f line=2 nested=0 varnames=
      z 0x3010
      _C__x 0x1002
      y 0x1212
"#,
    );
}

#[test]
fn walrus_in_doubly_nested_comprehension() {
    check(
        r#"def f():
    [[(x := y) for y in z] for q in r]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    r 0x3010
    x 0x1002
    q 0x1202
    z 0x3010
    y 0x1212
"#,
    );
}

#[test]
fn annotated_only_name() {
    check(
        r#"def f():
    x: int
    def g(): return x
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x5102
    int 0x3010
    g 0x1002
    0 g line=3 nested=1 varnames=
      x 0x4010
"#,
    );
}

#[test]
fn annotated_name_in_comprehension() {
    check(
        r#"def f():
    x: int = 1
    [x for _ in y]

"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x1102
    int 0x3010
    y 0x3010
    _ 0x1202
"#,
    );
}

#[test]
fn global_after_assign() {
    check(
        r#"def f():
    x = 1
    global x
"#,
        r#"SyntaxError: name 'x' is assigned to before global declaration (3, 5, 3, 13)
"#,
    );
}

#[test]
fn global_after_use() {
    check(
        r#"def f():
    print(x)
    global x
"#,
        r#"SyntaxError: name 'x' is used prior to global declaration (3, 5, 3, 13)
"#,
    );
}

#[test]
fn global_parameter() {
    check(
        r#"def f(x):
    global x
"#,
        r#"SyntaxError: name 'x' is parameter and global (2, 5, 2, 13)
"#,
    );
}

#[test]
fn nonlocal_parameter() {
    check(
        r#"def f(x):
    nonlocal x
"#,
        r#"SyntaxError: name 'x' is parameter and nonlocal (2, 5, 2, 15)
"#,
    );
}

#[test]
fn global_annotated() {
    check(
        r#"def f():
    x: int
    global x
"#,
        r#"SyntaxError: annotated name 'x' can't be global (3, 5, 3, 13)
"#,
    );
}

#[test]
fn nonlocal_after_assign() {
    check(
        r#"def f():
    x = 1
    def g():
        x = 2
        nonlocal x
"#,
        r#"SyntaxError: name 'x' is assigned to before nonlocal declaration (5, 9, 5, 19)
"#,
    );
}

#[test]
fn nonlocal_after_use() {
    check(
        r#"def f():
    def g():
        print(x)
        nonlocal x
    x = 1
"#,
        r#"SyntaxError: name 'x' is used prior to nonlocal declaration (4, 9, 4, 19)
"#,
    );
}

#[test]
fn no_binding_for_nonlocal() {
    check(
        r#"def f():
    def g():
        nonlocal x
"#,
        r#"SyntaxError: no binding for nonlocal 'x' found (3, 9, 3, 19)
"#,
    );
}

#[test]
fn nonlocal_in_class_without_binding() {
    check(
        r#"class C:
    nonlocal x
"#,
        r#"SyntaxError: no binding for nonlocal 'x' found (2, 5, 2, 15)
"#,
    );
}

#[test]
fn global_and_nonlocal() {
    check(
        r#"def f():
    global x
    nonlocal x
"#,
        r#"SyntaxError: name 'x' is nonlocal and global (2, 5, 2, 13)
"#,
    );
}

#[test]
fn global_and_nonlocal_in_nested() {
    check(
        r#"def f():
    x = 1
    def g():
        global x
        nonlocal x
"#,
        r#"SyntaxError: name 'x' is nonlocal and global (4, 9, 4, 17)
"#,
    );
}

#[test]
fn annotated_global() {
    check(
        r#"def f():
    global x
    x: int = 3
"#,
        r#"SyntaxError: annotated name 'x' can't be global (3, 5, 3, 15)
"#,
    );
}

#[test]
fn nonlocal_without_enclosing() {
    check(
        r#"def f():
    nonlocal x
"#,
        r#"SyntaxError: no binding for nonlocal 'x' found (2, 5, 2, 15)
"#,
    );
}

#[test]
fn duplicate_argument() {
    check(
        r#"def f(a, a): pass
"#,
        r#"SyntaxError: duplicate argument 'a' in function definition (1, 10, 1, 11)
"#,
    );
}

#[test]
fn duplicate_kwonly_argument() {
    check(
        r#"def f(a, *, a): pass
"#,
        r#"SyntaxError: duplicate argument 'a' in function definition (1, 13, 1, 14)
"#,
    );
}

#[test]
fn duplicate_lambda_argument() {
    check(
        r#"lambda a, a: 1
"#,
        r#"SyntaxError: duplicate argument 'a' in function definition (1, 11, 1, 12)
"#,
    );
}
