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

/// `yield from` and `await` resume the delegate in the evaluation loop (CPython's `SEND_GEN`):
/// values sent and thrown through, return values, `gi_running`, the handled exception seen
/// by the delegate, `f_back` of a delegate's frame, close() order, a Python-driven coroutine.
#[test]
fn delegation_in_the_loop() {
    let source = r#"import sys
def inner():
    x = yield 1
    print("inner got", x)
    try:
        y = yield 2
    except ValueError as e:
        print("inner caught", e, sys.exception())
        y = "thrown"
    print("inner y", y)
    return "inner-result"
def outer():
    r = yield from inner()
    print("outer r", r)
    r2 = yield from []
    print("outer r2", r2)
    return "done"
g = outer()
print(next(g)); print(g.send("a"))
try:
    g.send("b")
except StopIteration as e:
    print("stop", e.value)
g = outer()
next(g); g.send("a")
try:
    g.throw(ValueError("boom"))
except StopIteration as e:
    print("stop", e.value)
def running():
    yield from selfref()
def selfref():
    print("running?", outer_gen.gi_running, outer_gen.gi_yieldfrom is not None)
    try:
        yield from outer_gen
    except ValueError as e:
        print("ValueError", e)
    yield 5
outer_gen = running()
print(list(outer_gen))
def raises_stop():
    yield 1
    raise StopIteration("x")
def deleg():
    yield from raises_stop()
try:
    print(list(deleg()))
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
def ctx():
    try:
        raise KeyError("k")
    except KeyError:
        yield from inner_ctx()
def inner_ctx():
    yield repr(sys.exception())
    yield repr(sys.exception())
print(list(ctx()))
def gen_depth(n):
    if n == 0:
        yield sys._getframe().f_back.f_code.co_name
        return 0
    r = yield from gen_depth(n - 1)
    return r + 1
g = gen_depth(3)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("depth result", e.value)
class Loop:
    def __init__(self): self.log = []
async def leaf(x):
    return x * 2
async def mid(x):
    a = await leaf(x)
    b = await leaf(a)
    return a + b
class Sleep:
    def __await__(self):
        v = yield "sleeping"
        return v
async def top():
    s = await mid(3)
    t = await Sleep()
    return s, t
c = top()
print(c.send(None))
try:
    c.send("woken")
except StopIteration as e:
    print("coroutine result", e.value)
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("inner finally")
def outer_close():
    try:
        yield from closer()
    finally:
        print("outer finally")
g = outer_close(); next(g); g.close(); print("closed", g.gi_frame)
def counts():
    for i in range(3):
        got = yield i
        print("got", got)
def fwd():
    yield from counts()
g = fwd(); print(next(g), g.send("x"), g.send("y"))
try:
    g.send("z")
except StopIteration:
    print("finished")
"#;
    assert_eq!(
        run(source),
        r#"1
inner got a
2
inner y b
outer r inner-result
outer r2 None
stop done
inner got a
inner caught boom boom
inner y thrown
outer r inner-result
outer r2 None
stop done
running? True False
ValueError generator already executing
[5]
RuntimeError generator raised StopIteration StopIteration
["KeyError('k')", "KeyError('k')"]
gen_depth
depth result 3
sleeping
coroutine result (18, 'woken')
inner finally
outer finally
closed None
got x
got y
0 1 2
got z
finished
"#
    );
}

/// A generator dropped while suspended in a `try` is closed at the loop's next safe point
/// (a call, a return, a backward jump, an exception unwinding), before anything the program
/// can observe, so its `finally` prints where CPython's (closed at the drop) does.
#[test]
fn dropped_generator_closed_before_next_observable_step() {
    let source = r#"def gen(tag):
    try:
        yield 1
        yield 2
    finally:
        print("finally", tag)
def f():
    g = gen("a"); next(g)
    del g
    x = 1 + 2
    print("after del", x)
    g = gen("b"); next(g)
    g = None
    y = [1, 2][0]
    print("after rebind", y)
    g = gen("c"); next(g)
    del g
    raise ValueError("v")
try:
    f()
except ValueError as e:
    print("caught", e)
def h():
    g = gen("d"); next(g)
    del g
    return 5
print(h())
"#;
    assert_eq!(
        run(source),
        r#"finally a
after del 3
finally b
after rebind 1
finally c
caught v
finally d
5
"#
    );
}
