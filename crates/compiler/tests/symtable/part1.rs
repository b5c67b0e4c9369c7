//! Tests of `symtable`, part 1 (the helpers are in `main.rs`).

use super::*;

#[test]
fn duplicate_vararg() {
    check(
        r#"def f(a, *a): pass
"#,
        r#"SyntaxError: duplicate argument 'a' in function definition (1, 11, 1, 12)
"#,
    );
}

#[test]
fn duplicate_posonly() {
    check(
        r#"def f(a, /, a): pass
"#,
        r#"SyntaxError: duplicate argument 'a' in function definition (1, 13, 1, 14)
"#,
    );
}

#[test]
fn duplicate_mangled_argument() {
    check(
        r#"class C:
    def f(self, __a, __a): pass
"#,
        r#"SyntaxError: duplicate argument '__a' in function definition (2, 22, 2, 25)
"#,
    );
}

#[test]
fn global_list_later_conflict() {
    check(
        r#"def f():
    global a, b
    b = 1
    global c, b
"#,
        r#"SyntaxError: name 'b' is assigned to before global declaration (4, 5, 4, 16)
"#,
    );
}

#[test]
fn nonlocal_list_second_unbound() {
    check(
        r#"def f():
    x = 1
    def g():
        nonlocal x, y
"#,
        r#"SyntaxError: no binding for nonlocal 'y' found (4, 9, 4, 22)
"#,
    );
}

#[test]
fn future_annotation_await_in_async() {
    check(
        r#"from __future__ import annotations
async def f(x: await y): pass
"#,
        r#"SyntaxError: await expression cannot be used within an annotation (2, 16, 2, 23)
"#,
    );
}

#[test]
fn future_annotation_comprehension_walrus() {
    check(
        r#"from __future__ import annotations
def f(x: [y := 1 for z in w]): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  annotations 0x1080
  f 0x1002
  y 0x2001
  0 f line=2 nested=0 varnames=x
    x 0x1004
"#,
    );
}

#[test]
fn future_annotation_generic_comprehension_walrus() {
    check(
        r#"from __future__ import annotations
def f[T](x: [y := 1 for z in w]): pass
"#,
        r#"SyntaxError: assignment expression within a comprehension cannot be used within the definition of a generic (2, 14, 2, 15)
"#,
    );
}

#[test]
fn future_annotation_class_comprehension_walrus() {
    check(
        r#"from __future__ import annotations
class C:
    x: [y := 1 for z in w]
"#,
        r#"SyntaxError: assignment expression within a comprehension cannot be used in a class body (3, 9, 3, 10)
"#,
    );
}

#[test]
fn generic_class_comprehensions() {
    check(
        r#"class C[T]:
    x = [T for _ in y]
    def f(self): return [T for _ in y]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  5 C line=1 nested=0 varnames=
    .type_params 0x5012
    .generic_base 0x1012
    T 0x5402
    1 C line=1 nested=1 varnames=
      __type_params__ 0x1002
      .type_params 0x4010
      x 0x1002
      y 0x3010
      f 0x1002
      _ 0x1202
      T 0x4050
      0 f line=3 nested=1 varnames=self
        self 0x1004
        y 0x3010
        _ 0x1202
        T 0x4010
"#,
    );
}

#[test]
fn lambda_in_typevar_bound() {
    check(
        r#"def f[T: lambda: T](): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  5 f line=1 nested=0 varnames=.defaults
    .defaults 0x1004
    T 0x5402
    6 T line=1 nested=1 varnames=
      T 0x4000
      0 lambda line=1 nested=1 varnames=
        T 0x4010
    0 f line=1 nested=1 varnames=
"#,
    );
}

#[test]
fn genexp_in_method_typevar_bound() {
    check(
        r#"class C:
    def f[T: (x for x in T)](self): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    5 f line=2 nested=0 varnames=.defaults
      __classdict__ 0x4050
      .defaults 0x1004
      T 0x5402
      6 T line=2 nested=1 varnames=
        __classdict__ 0x4010
        T 0x4010
        0 genexpr line=2 nested=1 varnames=.0
          .0 0x1004
          x 0x1212
      0 f line=2 nested=1 varnames=self
        self 0x1004
"#,
    );
}

#[test]
fn comprehensions_in_class_type_alias() {
    check(
        r#"class C:
    type A[T: [y for y in T]] = [z for z in T]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    A 0x1002
    5 A line=2 nested=0 varnames=
      __classdict__ 0x4050
      T 0x5402
      6 T line=2 nested=1 varnames=
        __classdict__ 0x4010
        T 0x4010
        0 listcomp line=2 nested=1 varnames=.0
          .0 0x1004
          y 0x1212
      4 A line=2 nested=1 varnames=
        __classdict__ 0x4010
        T 0x4010
        0 listcomp line=2 nested=1 varnames=.0
          .0 0x1004
          z 0x1212
"#,
    );
}

#[test]
fn walrus_in_class_typevar_bound_comprehension() {
    check(
        r#"class C:
    class D[T: [y := 1 for y in T]]: pass
"#,
        r#"SyntaxError: assignment expression cannot rebind comprehension iteration variable 'y' (2, 17, 2, 18)
"#,
    );
}

#[test]
fn nonlocal_type_param_in_class() {
    check(
        r#"def f():
    class C[T]:
        nonlocal T
"#,
        r#"SyntaxError: nonlocal binding not allowed for type parameter 'T' (3, 9, 3, 19)
"#,
    );
}

#[test]
fn nonlocal_skips_class_type_param() {
    check(
        r#"def f():
    T = 1
    class C[T]:
        def g(self):
            nonlocal T
"#,
        r#"SyntaxError: nonlocal binding not allowed for type parameter 'T' (5, 13, 5, 23)
"#,
    );
}

#[test]
fn nonlocal_through_generic_function() {
    check(
        r#"def f():
    x = 1
    def g[T]():
        nonlocal x
        x = 2
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x5002
    g 0x1002
    5 g line=3 nested=1 varnames=.defaults
      .defaults 0x1004
      T 0x1402
      x 0x4000
      0 g line=3 nested=1 varnames=
        x 0x400a
"#,
    );
}

#[test]
fn generic_method_defaults_mangled() {
    check(
        r#"class C:
    def f[T](self, x=__a, *, y=__b) -> __c: pass
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    _C__a 0x3010
    _C__b 0x3010
    5 f line=2 nested=0 varnames=.defaults,.kwdefaults
      __classdict__ 0x4010
      .defaults 0x1004
      .kwdefaults 0x1004
      T 0x1402
      _C__c 0x3010
      0 f line=2 nested=1 varnames=self,x,y
        self 0x1004
        x 0x1004
        y 0x1004
"#,
    );
}

#[test]
fn generic_underscore_class() {
    check(
        r#"class __C[T]:
    pass
"#,
        r#"2 top line=0 nested=0 varnames=
  __C 0x1002
  5 __C line=1 nested=0 varnames=
    .type_params 0x5012
    .generic_base 0x1012
    T 0x1402
    1 __C line=1 nested=1 varnames=
      __type_params__ 0x1002
      .type_params 0x4010
"#,
    );
}

#[test]
fn generic_class_mangled_param_used_in_body() {
    check(
        r#"class C[__T]:
    def f(self, x: __T): return __T
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  5 C line=1 nested=0 varnames=
    .type_params 0x5012
    .generic_base 0x1012
    _C__T 0x5402
    1 C line=1 nested=1 varnames=
      __type_params__ 0x1002
      .type_params 0x4010
      f 0x1002
      _C__T 0x4050
      0 f line=2 nested=1 varnames=self,x
        self 0x1004
        x 0x1004
        _C__T 0x4010
"#,
    );
}

#[test]
fn nested_generic_classes_mangling() {
    check(
        r#"class C[__T]:
    class D[__U]:
        x: __T
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  5 C line=1 nested=0 varnames=
    .type_params 0x5012
    .generic_base 0x1012
    _C__T 0x1402
    1 C line=1 nested=1 varnames=
      __type_params__ 0x1002
      .type_params 0x4010
      D 0x1002
      5 D line=2 nested=1 varnames=
        __classdict__ 0x4010
        .type_params 0x5012
        .generic_base 0x1012
        _D__U 0x1402
        1 D line=2 nested=1 varnames=
          __type_params__ 0x1002
          .type_params 0x4010
          x 0x1102
          _D__T 0x3010
"#,
    );
}

#[test]
fn walrus_comprehension_global_after() {
    check(
        r#"def f():
    [(x := 1) for y in z]
    global x
"#,
        r#"SyntaxError: name 'x' is assigned to before global declaration (3, 5, 3, 13)
"#,
    );
}

#[test]
fn walrus_rebinding_parameter() {
    check(
        r#"def f(x):
    [(x := 1) for y in z]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=x
    x 0x1006
    z 0x3010
    y 0x1202
"#,
    );
}

#[test]
fn nonlocal_dunder_class_in_function() {
    check(
        r#"def f():
    nonlocal __class__
"#,
        r#"SyntaxError: no binding for nonlocal '__class__' found (2, 5, 2, 23)
"#,
    );
}

#[test]
fn nonlocal_dunder_class_in_method() {
    check(
        r#"class C:
    def f(self):
        nonlocal __class__
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    0 f line=2 nested=0 varnames=self
      self 0x1004
      __class__ 0x4008
"#,
    );
}

#[test]
fn walrus_dunder_class_in_method() {
    check(
        r#"class C:
    def f(self):
        [(__class__ := 1) for y in z]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    0 f line=2 nested=0 varnames=self
      self 0x1004
      z 0x3010
      __class__ 0x1002
      y 0x1202
"#,
    );
}

#[test]
fn assigned_dunder_class_with_super() {
    check(
        r#"class C:
    def f(self):
        __class__ = 1
        return lambda: super()
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    0 f line=2 nested=0 varnames=self
      self 0x1004
      __class__ 0x5002
      0 lambda line=4 nested=1 varnames=
        super 0x3010
        __class__ 0x4010
"#,
    );
}

#[test]
fn class_binds_dunder_class() {
    check(
        r#"class C:
    __class__ = 1
    def f(self): return __class__
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    __class__ 0x1002
    f 0x1002
    0 f line=3 nested=0 varnames=self
      self 0x1004
      __class__ 0x4010
"#,
    );
}

#[test]
fn class_binds_dunder_classdict() {
    check(
        r#"class C:
    __classdict__ = 1
    type A = int
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    __classdict__ 0x1002
    A 0x1002
    4 A line=3 nested=0 varnames=
      __classdict__ 0x3010
      int 0x3010
"#,
    );
}

#[test]
fn type_alias_in_nested_class() {
    check(
        r#"class C:
    x = 1
    class D:
        type A = x
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    x 0x1002
    D 0x1002
    1 D line=3 nested=0 varnames=
      A 0x1002
      4 A line=4 nested=0 varnames=
        __classdict__ 0x4010
        x 0x3010
"#,
    );
}

#[test]
fn nested_await_comprehensions_async() {
    check(
        r#"async def f():
    return [[await x for x in y] for z in w]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    w 0x3010
    z 0x1202
    y 0x3010
    x 0x1212
"#,
    );
}

#[test]
fn nested_await_comprehensions_sync() {
    check(
        r#"def f():
    return [[await x for x in y] for z in w]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    w 0x3010
    z 0x1202
    y 0x3010
    x 0x1212
"#,
    );
}

#[test]
fn nested_await_genexps() {
    check(
        r#"async def f():
    return ((await x for x in y) for z in w)
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    w 0x3010
    0 genexpr line=2 nested=1 varnames=.0
      .0 0x1004
      z 0x1202
      y 0x3010
      0 genexpr line=2 nested=1 varnames=.0
        .0 0x1004
        x 0x1212
"#,
    );
}

#[test]
fn await_in_inner_iterable() {
    check(
        r#"[x for x in y for y in (await z)]
"#,
        r#"2 top line=0 nested=0 varnames=
  y 0x3010
  x 0x1212
  z 0x3010
"#,
    );
}

#[test]
fn async_comprehension_of_async_comprehension() {
    check(
        r#"[x async for x in [y async for y in z]]
"#,
        r#"2 top line=0 nested=0 varnames=
  z 0x3010
  y 0x1212
  x 0x1212
"#,
    );
}

#[test]
fn kwonly_default_comprehension() {
    check(
        r#"def f(*, a, b=[c for c in d]): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  d 0x3010
  c 0x1212
  0 f line=1 nested=0 varnames=a,b
    a 0x1004
    b 0x1004
"#,
    );
}

#[test]
fn posonly_lambda_default() {
    check(
        r#"def f(a=lambda: b, /, c=d):
    pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  d 0x3010
  0 lambda line=1 nested=0 varnames=
    b 0x3010
  0 f line=1 nested=0 varnames=a,c
    a 0x1004
    c 0x1004
"#,
    );
}

#[test]
fn walrus_in_lambda_default_comprehension() {
    check(
        r#"lambda x=[(y := 1) for z in w]: 1
"#,
        r#"2 top line=0 nested=0 varnames=
  w 0x3010
  y 0x2001
  z 0x1202
  0 lambda line=1 nested=0 varnames=x
    x 0x1004
"#,
    );
}

#[test]
fn walrus_in_annotation_comprehension() {
    check(
        r#"def f(x: [(y := 1) for z in w]): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  w 0x3010
  y 0x2001
  z 0x1202
  0 f line=1 nested=0 varnames=x
    x 0x1004
"#,
    );
}

#[test]
fn walrus_in_method_annotation_comprehension() {
    check(
        r#"class C:
    def f(x: [(y := 1) for z in w]): pass
"#,
        r#"SyntaxError: assignment expression within a comprehension cannot be used in a class body (2, 16, 2, 17)
"#,
    );
}

#[test]
fn global_after_annotation_and_assign() {
    check(
        r#"def f():
    x: int
    x = 1
    global x
"#,
        r#"SyntaxError: annotated name 'x' can't be global (4, 5, 4, 13)
"#,
    );
}

#[test]
fn annotation_after_global() {
    check(
        r#"def f():
    global x
    x: int
"#,
        r#"SyntaxError: annotated name 'x' can't be global (3, 5, 3, 11)
"#,
    );
}

#[test]
fn module_annotation_then_global() {
    check(
        r#"x: int
global x
"#,
        r#"SyntaxError: annotated name 'x' can't be global (2, 1, 2, 9)
"#,
    );
}

#[test]
fn module_global_then_annotation() {
    check(
        r#"global x
x: int = 1
"#,
        r#"2 top line=0 nested=0 varnames=
  x 0x2103
  int 0x3010
"#,
    );
}

#[test]
fn walrus_in_for_target_comprehension() {
    check(
        r#"def f():
    for x in [(x := 1) for i in y]: pass
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x1002
    y 0x3010
    i 0x1202
"#,
    );
}

#[test]
fn walrus_rebinds_outer_comprehension_variable() {
    check(
        r#"[[(a := b) for b in c] for a in d]
"#,
        r#"SyntaxError: assignment expression cannot rebind comprehension iteration variable 'a' (1, 4, 1, 5)
"#,
    );
}

#[test]
fn walrus_in_condition_rebinds_later_iteration() {
    check(
        r#"[(a, b) for a in c for b in d if (a := b)]
"#,
        r#"SyntaxError: assignment expression cannot rebind comprehension iteration variable 'a' (1, 35, 1, 36)
"#,
    );
}

#[test]
fn walrus_in_iterable_comprehension() {
    check(
        r#"[x for x in [(y := 1) for z in w]]
"#,
        r#"SyntaxError: assignment expression cannot be used in a comprehension iterable expression (1, 15, 1, 21)
"#,
    );
}

#[test]
fn walrus_in_dictcomp_key() {
    check(
        r#"{(y := 1): x for x in w}
"#,
        r#"2 top line=0 nested=0 varnames=
  w 0x3010
  y 0x2001
  x 0x1212
"#,
    );
}

#[test]
fn walrus_target_seen_by_closure() {
    check(
        r#"def f():
    x = [(y := 1) for z in w]
    def g(): return y
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x1002
    w 0x3010
    y 0x5002
    g 0x1002
    z 0x1202
    0 g line=3 nested=1 varnames=
      y 0x4010
"#,
    );
}

#[test]
fn mapping_and_class_patterns() {
    check(
        r#"match x:
    case {**rest}: pass
    case C(a=b, c=[d, *e]): pass
"#,
        r#"2 top line=0 nested=0 varnames=
  x 0x3010
  rest 0x1002
  C 0x3010
  b 0x1002
  d 0x1002
  e 0x1002
"#,
    );
}

#[test]
fn global_capture_pattern() {
    check(
        r#"def f():
    match x:
        case y:
            global y
"#,
        r#"SyntaxError: name 'y' is assigned to before global declaration (4, 13, 4, 21)
"#,
    );
}

#[test]
fn mangling_of_every_binding() {
    check(
        r#"try:
    pass
except E as __e:
    pass
class C:
    try: pass
    except E as __e: pass
    import __a.b
    from m import __c
    with x as __d: pass
    for __f in g: pass
    del __h
    __i += 1
    match x:
        case __j: pass
        case {**__k}:
            pass
        case [*__l]:
            pass

"#,
        r#"2 top line=0 nested=0 varnames=
  E 0x3010
  __e 0x1002
  C 0x1002
  1 C line=5 nested=0 varnames=
    E 0x3010
    _C__e 0x1002
    _C__a 0x1080
    _C__c 0x1080
    x 0x3010
    _C__d 0x1002
    _C__f 0x1002
    g 0x3010
    _C__h 0x1002
    _C__i 0x1002
    _C__j 0x1002
    _C__k 0x1002
    _C__l 0x1002
"#,
    );
}

#[test]
fn super_in_method_comprehension() {
    check(
        r#"class C:
    def f(self):
        return [super().x for _ in y]
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    f 0x1002
    0 f line=2 nested=0 varnames=self
      self 0x1004
      y 0x3010
      _ 0x1202
      super 0x3010
      __class__ 0x4010
"#,
    );
}

#[test]
fn class_body_comprehensions() {
    check(
        r#"class C:
    x = 1
    y = [x for _ in range(3)]
    z = [lambda: x for _ in range(3)]
    w = (x for _ in range(3))
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    x 0x1002
    y 0x1002
    range 0x3010
    z 0x1002
    w 0x1002
    _ 0x1202
    0 lambda line=4 nested=1 varnames=
      x 0x3010
    0 genexpr line=5 nested=0 varnames=.0
      .0 0x1004
      _ 0x1202
      x 0x3010
"#,
    );
}

#[test]
fn generic_class_members() {
    check(
        r#"class C[T]:
    def f[U](self, a: T, b: U) -> T: return __class__
    type A[V: T] = list[V]
    x: T
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  5 C line=1 nested=0 varnames=
    .type_params 0x5012
    .generic_base 0x1012
    T 0x5402
    1 C line=1 nested=1 varnames=
      __type_params__ 0x1002
      .type_params 0x4010
      f 0x1002
      A 0x1002
      x 0x1102
      T 0x4050
      5 f line=2 nested=1 varnames=.defaults
        __classdict__ 0x4010
        .defaults 0x1004
        U 0x1412
        T 0x4010
        __class__ 0x4000
        0 f line=2 nested=1 varnames=self,a,b
          self 0x1004
          a 0x1004
          b 0x1004
          __class__ 0x4010
      5 A line=3 nested=1 varnames=
        __classdict__ 0x4050
        V 0x5402
        T 0x4000
        6 V line=3 nested=1 varnames=
          __classdict__ 0x4010
          T 0x4010
        4 A line=3 nested=1 varnames=
          __classdict__ 0x4010
          list 0x3010
          V 0x4010
"#,
    );
}

#[test]
fn generic_class_in_function() {
    check(
        r#"def outer():
    x = 1
    class C[T: x]:
        def g(self): return x
    type X = x
"#,
        r#"2 top line=0 nested=0 varnames=
  outer 0x1002
  0 outer line=1 nested=0 varnames=
    x 0x5002
    C 0x1002
    X 0x1002
    5 C line=3 nested=1 varnames=
      .type_params 0x5012
      .generic_base 0x1012
      T 0x1402
      x 0x4000
      6 T line=3 nested=1 varnames=
        x 0x4010
      1 C line=3 nested=1 varnames=
        __type_params__ 0x1002
        .type_params 0x4010
        g 0x1002
        x 0x4000
        0 g line=4 nested=1 varnames=self
          self 0x1004
          x 0x4010
    4 X line=5 nested=1 varnames=
      x 0x4010
"#,
    );
}

#[test]
fn class_type_param_bound_and_default_see_class() {
    check(
        r#"class C:
    x = 1
    def f[T: x = x](self): pass
    type Y[U = x] = x
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    x 0x1002
    f 0x1002
    Y 0x1002
    5 f line=3 nested=0 varnames=.defaults
      __classdict__ 0x4050
      .defaults 0x1004
      T 0x1402
      6 T line=3 nested=1 varnames=
        __classdict__ 0x4010
        x 0x3010
      6 T line=3 nested=1 varnames=
        __classdict__ 0x4010
        x 0x3010
      0 f line=3 nested=1 varnames=self
        self 0x1004
    5 Y line=4 nested=0 varnames=
      __classdict__ 0x4050
      U 0x1402
      6 U line=4 nested=1 varnames=
        __classdict__ 0x4010
        x 0x3010
      4 Y line=4 nested=1 varnames=
        __classdict__ 0x4010
        x 0x3010
"#,
    );
}

#[test]
fn lambda_in_comprehension_cells() {
    check(
        r#"def f():
    x = 1
    y = [lambda: x for x in range(3)]
    z = [[x for x in a] for a in b]
    w = [(lambda: a) for a in b]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    x 0x5802
    y 0x1002
    range 0x3010
    z 0x1002
    b 0x3010
    w 0x1002
    a 0x5a12
    0 lambda line=3 nested=1 varnames=
      x 0x4010
    0 lambda line=5 nested=1 varnames=
      a 0x4010
"#,
    );
}

#[test]
fn walrus_in_comprehension_binds_function() {
    check(
        r#"def f():
    [x for x in y if (z := x)]
    return z
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    y 0x3010
    z 0x1012
    x 0x1212
"#,
    );
}

#[test]
fn nested_walrus_binds_outer_function() {
    check(
        r#"def f():
    return [[(w := i) for i in j] for j in k], w
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  0 f line=1 nested=0 varnames=
    k 0x3010
    w 0x1012
    j 0x1212
    i 0x1212
"#,
    );
}

#[test]
fn walrus_then_closure_in_method() {
    check(
        r#"class C:
    def m(self):
        [(y := 1) for x in z]
        return lambda: y
"#,
        r#"2 top line=0 nested=0 varnames=
  C 0x1002
  1 C line=1 nested=0 varnames=
    m 0x1002
    0 m line=2 nested=0 varnames=self
      self 0x1004
      z 0x3010
      y 0x5002
      x 0x1202
      0 lambda line=4 nested=1 varnames=
        y 0x4010
"#,
    );
}

#[test]
fn future_annotations_blocks_hidden() {
    check(
        r#"from __future__ import annotations
def f(a: int = 1, *b: str, c: [x for x in y], **d: q) -> r:
    e: s = 1
    g: t
class K:
    h: u
"#,
        r#"2 top line=0 nested=0 varnames=
  annotations 0x1080
  f 0x1002
  K 0x1002
  0 f line=2 nested=0 varnames=a,c,b,d
    a 0x1004
    c 0x1004
    b 0x1004
    d 0x1004
    e 0x1102
    g 0x1102
  1 K line=5 nested=0 varnames=
    h 0x1102
"#,
    );
}

#[test]
fn annotations_evaluated() {
    check(
        r#"def f(a: int = 1, *b: str, c: [x for x in y], **d: q) -> r:
    e: s = 1
    g: t
class K:
    h: u
    i: [z for z in v]
"#,
        r#"2 top line=0 nested=0 varnames=
  f 0x1002
  int 0x3010
  str 0x3010
  q 0x3010
  y 0x3010
  r 0x3010
  K 0x1002
  x 0x1212
  0 f line=1 nested=0 varnames=a,c,b,d
    a 0x1004
    c 0x1004
    b 0x1004
    d 0x1004
    e 0x1102
    s 0x3010
    g 0x1102
    t 0x3010
  1 K line=4 nested=0 varnames=
    h 0x1102
    u 0x3010
    i 0x1102
    v 0x3010
    z 0x1212
"#,
    );
}

#[test]
fn private_name_mangling() {
    check(
        r#"class __A:
    __x = 1
    def __f(self, __y): return __x, self.__z, __y__
    import __m.__n
    import __o as __p
"#,
        r#"2 top line=0 nested=0 varnames=
  __A 0x1002
  1 __A line=1 nested=0 varnames=
    _A__x 0x1002
    _A__f 0x1002
    _A__m 0x1080
    _A__p 0x1080
    0 __f line=3 nested=0 varnames=self,_A__y
      self 0x1014
      _A__y 0x1004
      _A__x 0x3010
      __y__ 0x3010
"#,
    );
}

#[test]
fn mangling_underscore_class() {
    check(
        r#"class _:
    __x = 1
"#,
        r#"2 top line=0 nested=0 varnames=
  _ 0x1002
  1 _ line=1 nested=0 varnames=
    __x 0x1002
"#,
    );
}

#[test]
fn mangling_nested_class() {
    check(
        r#"class A:
    class B:
        __x = 1
    __y = lambda: __x
"#,
        r#"2 top line=0 nested=0 varnames=
  A 0x1002
  1 A line=1 nested=0 varnames=
    B 0x1002
    _A__y 0x1002
    1 B line=2 nested=0 varnames=
      _B__x 0x1002
    0 lambda line=4 nested=0 varnames=
      _A__x 0x3010
"#,
    );
}
