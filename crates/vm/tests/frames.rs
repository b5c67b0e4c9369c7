//! Frames as Python sees them: `sys._getframe`, `f_back` chains through native calls,
//! generators, properties and `__init__` (which the loop runs as pushed frames), live
//! `f_lineno`/`f_locals`, `tb_frame` identity. Expected output produced by CPython 3.13.0
//! (`PYENV_VERSION=3.13.0 python3 snippet.py`) and pasted here.

fn run(source: &str) -> String {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    out
}

#[test]
fn frame_chains_and_live_frames() {
    let source = r#"import sys
def chain():
    f = sys._getframe()
    out = []
    while f is not None:
        out.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return out
class K:
    def __init__(self):
        self.c = chain()
    @property
    def p(self):
        return chain()
print(K().c)
print(K().p)
print(list(map(lambda _: chain(), [0])))
def g():
    yield chain()
    yield sys._getframe(1).f_code.co_name
it = g()
print(next(it))
def resume():
    return next(it)
print(resume())
def live():
    f = sys._getframe()
    a = f.f_lineno
    x = 5
    return a, f.f_lineno, sorted(f.f_locals)
print(live())
try:
    raise KeyError
except KeyError as e:
    print(e.__traceback__.tb_frame is sys._getframe(), e.__traceback__.tb_frame.f_back)
def deep(n):
    return sys._getframe(n).f_code.co_name
print(deep(0), deep(1))
try:
    deep(50)
except ValueError as e:
    print(e)
class A:
    def __init__(self):
        return 3
try:
    A()
except TypeError as e:
    print(e)
"#;
    let expected = r#"[('chain', 6), ('__init__', 11), ('<module>', 15)]
[('chain', 6), ('p', 14), ('<module>', 16)]
[[('chain', 6), ('<lambda>', 17), ('<module>', 17)]]
[('chain', 6), ('g', 19), ('<module>', 22)]
resume
(28, 30, ['a', 'f', 'x'])
True None
deep <module>
call stack is not deep enough
__init__() should return None, not 'int'
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn function_f_locals_is_a_write_through_proxy() {
    let source = r#"import sys
def f(x):
    y = x * 2
    loc = sys._getframe().f_locals
    print(type(loc).__name__, sorted(loc), loc["y"], "x" in loc, len(loc))
    loc["y"] = 99
    print(y, loc["y"], loc.get("zz", 0), sorted(loc.keys()))
    z = 5
    print(repr(loc))
    def inner():
        return y
    sys._getframe().f_locals["y"] = 7
    return inner(), [k for k in loc]
print(f(3))
print(type(sys._getframe().f_locals).__name__)
"#;
    let expected = r#"FrameLocalsProxy ['loc', 'x', 'y'] 6 True 3
99 99 0 ['loc', 'x', 'y']
{'x': 3, 'loc': {...}, 'z': 5, 'y': 99}
(7, ['x', 'loc', 'z', 'inner', 'y'])
dict
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn f_locals_keeps_extra_keys_and_refuses_deletion() {
    let source = r#"import sys
def f():
    x = 1
    loc = sys._getframe().f_locals
    for op in ("loc[1] = 2", "del loc['x']", "loc['new'] = 5"):
        try:
            exec(op)
            print("ok", op)
        except Exception as e:
            print(type(e).__name__, e)
    print(sorted(map(str, loc)))
f()
"#;
    let expected = r#"ok loc[1] = 2
TypeError cannot remove variables from FrameLocalsProxy
ok loc['new'] = 5
['1', 'loc', 'new', 'op', 'x']
"#;
    assert_eq!(run(source), expected);
}
