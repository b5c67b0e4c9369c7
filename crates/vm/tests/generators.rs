//! Generators resumed by `for` in the evaluation loop itself (CPython's `FOR_ITER_GEN`):
//! finalisation, exceptions leaving them, the exception state they share with their caller,
//! frames, recursion through nested generators. Expected output produced by CPython 3.13.0
//! (`PYENV_VERSION=3.13.0 python3 snippet.py`) and pasted here.

fn run(source: &str) -> String {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    out
}

#[test]
fn for_loops_over_generators() {
    let source = r#"import sys
def g(n):
    try:
        for i in range(n):
            yield i
    finally:
        print("fin", n)
print(list(g(3)), sum(g(4)))
for x in g(5):
    if x == 2:
        break
print("after break")
def bad():
    yield 1
    raise KeyError("k")
try:
    for v in bad():
        print(v)
except KeyError as e:
    print("caught", e)
def h():
    try:
        raise ValueError("inner")
    except ValueError:
        yield sys.exception()
    yield sys.exception()
try:
    raise TypeError("outer")
except TypeError:
    for e in h():
        print(repr(e), repr(sys.exception()))
def me():
    yield next(it)
it = me()
try:
    for _ in it: pass
except ValueError as e:
    print(e)
def frames():
    yield sys._getframe(1).f_code.co_name
def user():
    for n in frames():
        return n
print(user())
def stop():
    yield 1
    raise StopIteration
try:
    for v in stop(): print(v)
except RuntimeError as e:
    print("RT", e)
def ret():
    yield 1
    return 5
print([x for x in ret()])
gen = g(2)
print(next(gen))
for x in gen: print("rest", x)
print(gen.gi_running, gen.gi_frame)
def deep(n):
    if n:
        for x in deep(n - 1):
            yield x
    else:
        yield 0
print(list(deep(50)))
"#;
    let expected = r#"fin 3
fin 4
[0, 1, 2] 6
fin 5
after break
1
caught 'k'
ValueError('inner') TypeError('outer')
TypeError('outer') TypeError('outer')
generator already executing
user
1
RT generator raised StopIteration
[1]
0
rest 1
fin 2
False None
[0]
"#;
    assert_eq!(run(source), expected);
}

#[test]
fn a_generator_sees_its_callers_handled_exception() {
    let source = r#"import sys
def h():
    try:
        raise ValueError("inner")
    except ValueError:
        yield sys.exception()
    yield sys.exception()
try:
    raise TypeError("outer")
except TypeError:
    it = h()
    print(repr(next(it)), repr(next(it)))
"#;
    let expected = r#"ValueError('inner') TypeError('outer')
"#;
    assert_eq!(run(source), expected);
}
