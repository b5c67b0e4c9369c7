//! Containers, iteration and generators against CPython 3.13: the expected outputs were produced
//! by running each snippet under `PYENV_VERSION=3.13.0 python3` (script: a throw-away generator
//! in /tmp that wrote this file).

fn run(source: &str) -> String {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    out
}

/// Run `source` in a VM whose text is bounded at `max_text_len` characters; its stdout.
fn run_with_text_bound(source: &str, max_text_len: usize) -> String {
    use std::cell::RefCell;
    use std::rc::Rc;
    let out = taipan_vm::SharedBuffer::default();
    let mut config = taipan_vm::Config::process(vec!["t".to_owned()]);
    config.stdout = Rc::new(RefCell::new(Box::new(out.clone())));
    let mut vm = taipan_vm::Vm::new(config);
    vm.max_text_len = max_text_len;
    let code = taipan_vm::compile::compile_text(&mut vm, source, "<test>", "exec", 0)
        .unwrap_or_else(|_| panic!("compiles"));
    let status = vm.run_main(code.object.clone(), Some("<test>"));
    taipan_vm::io::flush_all(&mut vm);
    assert_eq!(status, 0);
    String::from_utf8_lossy(&out.0.borrow()).into_owned()
}

#[test]
fn set_literal_slot_order() {
    assert_eq!(
        run("print({3, 1, 2}, {9, 1}, {1, 9}, set(range(20, 0, -1)))\n"),
        "{1, 2, 3} {9, 1} {1, 9} {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}\n"
    );
}

#[test]
fn set_ops_build_order() {
    assert_eq!(
        run(
            "a = {1, 2}; b = {9}\nprint(a ^ b, b ^ a, a | b, b | a, a & {1, 2, 9, 17}, {9, 1} - {100})\n"
        ),
        "{9, 2, 1} {1, 2, 9} {1, 2, 9} {9, 2, 1} {1, 2} {9, 1}\n"
    );
}

#[test]
fn set_deletions_and_growth() {
    assert_eq!(
        run(
            "t = set()\nfor i in range(60):\n    t.add(i * 7919 % 1000)\nfor i in range(0, 1000, 3):\n    t.discard(i)\nprint(t)\nt.update(range(500, 510))\nprint(t)\n"
        ),
        "{514, 517, 137, 271, 785, 274, 788, 919, 922, 28, 542, 31, 545, 676, 679, 299, 302, 433, 947, 436, 950, 56, 190, 704, 193, 707, 838, 841, 461, 464, 595, 598, 218, 221, 352, 866, 355, 869, 109, 623, 112, 626, 757, 760, 380, 383}\n{514, 517, 137, 271, 785, 274, 788, 919, 922, 28, 542, 31, 545, 676, 679, 299, 302, 433, 947, 436, 950, 56, 190, 704, 193, 707, 838, 841, 461, 464, 595, 598, 218, 221, 352, 866, 355, 503, 869, 504, 109, 508, 623, 112, 626, 500, 757, 501, 502, 760, 505, 506, 507, 380, 509, 383}\n"
    );
}

#[test]
fn set_pop_finger() {
    assert_eq!(
        run(
            "q = set()\nfor i in (5, 13, 21, 29, 37):\n    q.add(i)\nprint(q, q.pop(), q.pop(), q)\np = {5, 13, 21, 29, 37}\nprint(p, p.pop(), p)\n"
        ),
        "{13, 21, 29} 37 5 {13, 21, 29}\n{5, 37, 21, 13} 29 {5, 37, 21, 13}\n"
    );
}

#[test]
fn set_inplace_ops() {
    assert_eq!(
        run(
            "w = {1, 2, 3}; w &= {2, 3, 4, 10, 18}; print(w)\nw = {1, 2, 3, 9, 17}; w ^= {17, 25, 33, 3}; print(w)\nc = set(range(20)); c -= set(range(0, 20, 2)); print(c, c.copy())\n"
        ),
        "{2, 3}\n{1, 2, 33, 9, 25}\n{1, 3, 5, 7, 9, 11, 13, 15, 17, 19} {1, 3, 5, 7, 9, 11, 13, 15, 17, 19}\n"
    );
}

#[test]
fn set_of_set_membership() {
    assert_eq!(
        run(
            "print({1} in {frozenset({1})}, {1, 2} in [frozenset({2, 1})])\ns = {frozenset({1})}\ns.discard({1}); print(s)\n"
        ),
        "True True\nset()\n"
    );
}

#[test]
fn frozenset_from_dict_and_iter() {
    assert_eq!(
        run("print(frozenset([17, 9, 1, 25]), set({9: 0, 1: 0}), {*range(40, 30, -1)})\n"),
        "frozenset({17, 25, 9, 1}) {9, 1} {32, 33, 34, 35, 36, 37, 38, 39, 40, 31}\n"
    );
}

#[test]
fn dict_view_compare_unhashable() {
    assert_eq!(
        run(
            "print({1: []}.items() == {1: []}.items(), {1: 2}.keys() == {1}, {1: 2}.keys() < {1, 2})\n"
        ),
        "True True True\n"
    );
}

#[test]
fn slice_hash() {
    assert_eq!(
        run("print(hash(slice(1, 2, 3)), {slice(1, 2): 'x'}[slice(1, 2)])\n"),
        "-2340833382717974474 x\n"
    );
}

#[test]
fn generator_finally_on_drop() {
    assert_eq!(
        run(
            "def w():\n    try:\n        yield 1\n    finally:\n        print('cleanup')\ng = w()\nnext(g)\ndel g\nprint('after')\n"
        ),
        "cleanup\nafter\n"
    );
}

#[test]
fn generator_close_returns_value() {
    assert_eq!(
        run(
            "def r():\n    try:\n        yield 1\n    except GeneratorExit:\n        return 'val'\nh = r()\nnext(h)\nprint(h.close())\n"
        ),
        "val\n"
    );
}

#[test]
fn close_through_yield_from() {
    assert_eq!(
        run(
            "def gen(name):\n    try:\n        yield 1\n    finally:\n        print(name, 'finally')\ndef outer():\n    try:\n        yield from gen('inner')\n    finally:\n        print('outer finally')\no = outer()\nnext(o)\no = None\nprint('end')\n"
        ),
        "inner finally\nouter finally\nend\n"
    );
}

#[test]
fn try_finally_reraise() {
    assert_eq!(
        run(
            "def f():\n    try:\n        raise ValueError(1)\n    finally:\n        print('c')\ntry:\n    f()\nexcept ValueError as e:\n    print('ok', e)\n"
        ),
        "c\nok 1\n"
    );
}

/// `Vm::max_text_len`: a repr that would outgrow it raises `MemoryError` (the embedder's
/// bound; CPython's is the address space), caught like any exception: a container's, and
/// any repr built from nested reprs (a slice of slices doubles with each level; the fuzzer
/// ran one out of memory).
#[test]
fn container_repr_bounded_by_max_text_len() {
    let source = "t = ()\nfor _ in range(20):\n    t = (t, t, t)\ntry:\n    repr(t)\nexcept MemoryError:\n    print('MemoryError')\nprint(len(repr([1] * 100)))\ns = None\nfor _ in range(40):\n    s = slice(s, s)\ntry:\n    f'{s}'\nexcept MemoryError:\n    print('MemoryError')\n";
    assert_eq!(
        run_with_text_bound(source, 10_000),
        "MemoryError\n300\nMemoryError\n"
    );
}

/// `Vm::max_text_len` bounds text built from text too: a str's repr of a repr (each doubles
/// the backslashes), `s + s`, f-string concatenation, `s * n`, `str.join` and `ascii()` raise
/// `MemoryError` past it (the fuzzer ran hostile code doubling a str's repr at every step out of
/// memory), and text under it is built as before.
#[test]
fn str_building_bounded_by_max_text_len() {
    let source = r#"
def grow(step):
    s = "a\\b"
    try:
        for _ in range(40):
            s = step(s)
    except MemoryError:
        return "MemoryError"
    return len(s)
print(grow(repr))
print(grow(lambda s: s + s))
print(grow(lambda s: f"{s}{s}"))
print(grow(lambda s: s * 2))
print(grow(lambda s: "".join([s, s])))
print(grow(lambda s: ascii(s + "\xe9")))
print(len(repr("x" * 5000)), len("y" * 9000 + "z" * 1000))
"#;
    assert_eq!(
        run_with_text_bound(source, 10_000),
        "MemoryError\nMemoryError\nMemoryError\nMemoryError\nMemoryError\nMemoryError\n5002 10000\n"
    );
}

/// `Vm::step_budget` counts each level of native recursion, not only backward jumps and
/// calls: the repr of data nested 5,000 deep is one instruction but 5,000 levels of work, so
/// a budget of 1,000 stops it (an uncatchable `RuntimeError`) where the same budget lets the
/// loop that built the data finish (the fuzzer found hostile code repeating such a repr
/// every step).
#[test]
fn step_budget_counts_native_recursion() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let run = |depth: u32| {
        let out = taipan_vm::SharedBuffer::default();
        let err = taipan_vm::SharedBuffer::default();
        let mut config = taipan_vm::Config::process(vec!["t".to_owned()]);
        config.stdout = Rc::new(RefCell::new(Box::new(out.clone())));
        config.stderr = Rc::new(RefCell::new(Box::new(err.clone())));
        let mut vm = taipan_vm::Vm::new(config);
        let source = format!(
            "d = {{}}\nfor _ in range({depth}):\n    d = {{1: d}}\nprint('built')\ntry:\n    print(len(repr(d)))\nexcept RuntimeError:\n    print('caught')\n"
        );
        let code = taipan_vm::compile::compile_text(&mut vm, &source, "<test>", "exec", 0)
            .unwrap_or_else(|_| panic!("compiles"));
        let status = taipan_vm::run_untrusted(&mut vm, code.object.clone(), None, Some(1_000));
        taipan_vm::io::flush_all(&mut vm);
        let out = String::from_utf8_lossy(&out.0.borrow()).into_owned();
        let err = String::from_utf8_lossy(&err.0.borrow()).into_owned();
        (status, out, err)
    };
    // Shallow data: the budget suffices (502 is CPython 3.13.0's length for depth 100).
    let (status, out, _) = run(100);
    assert_eq!((status, out.as_str()), (0, "built\n502\n"));
    // Deep data: the repr runs the budget out, and no handler may catch that.
    let (status, out, err) = run(900);
    assert_eq!((status, out.as_str()), (1, "built\n"));
    assert!(
        err.ends_with("RuntimeError: step budget exhausted\n"),
        "{err}"
    );
}

/// Expected output produced by CPython 3.13.0 and pasted here.
#[test]
fn bytes_and_bytearray_from_ints() {
    let source = r#"print(bytes([1,2,255]), bytearray(range(3)), bytes(iter([65])))
for x in ([256], [-1], 5.0, object()):
    for t in (bytes, bytearray):
        try: t(x)
        except Exception as e: print(t.__name__, type(e).__name__, e)
"#;
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    assert_eq!(
        out,
        r#"b'\x01\x02\xff' bytearray(b'\x00\x01\x02') b'A'
bytes ValueError bytes must be in range(0, 256)
bytearray ValueError byte must be in range(0, 256)
bytes ValueError bytes must be in range(0, 256)
bytearray ValueError byte must be in range(0, 256)
bytes TypeError cannot convert 'float' object to bytes
bytearray TypeError cannot convert 'float' object to bytearray
bytes TypeError cannot convert 'object' object to bytes
bytearray TypeError cannot convert 'object' object to bytearray
"#
    );
}

/// Expected output produced by CPython 3.13.0 and pasted here.
#[test]
fn rich_comparisons_of_builtin_types() {
    let source = r#"for a, b in [(1, 2), (2.5, 2.5), ("a", "b"), ((1, 2), (1, 3)), ([1], [0]), (b"a", b"b")]:
    print([a == b, a != b, a < b, a <= b, a > b, a >= b], int.__lt__(1, 2), float.__ge__(1.0, 2.0), str.__ne__("x", 1))
print(type({}.__class__.__dict__) is type(int.__dict__), int.__dict__ == int.__dict__)
"#;
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    assert_eq!(
        out,
        r#"[False, True, True, True, False, False] True False NotImplemented
[True, False, False, True, False, True] True False NotImplemented
[False, True, True, True, False, False] True False NotImplemented
[False, True, True, True, False, False] True False NotImplemented
[False, True, False, False, True, True] True False NotImplemented
[False, True, True, True, False, False] True False NotImplemented
True True
"#
    );
}

/// Tuple keys found without `__eq__` (item by item: identity, then native equality), and
/// tuples ordered item by item without comparing each pair twice: NaN, -0.0, bool/int/float
/// mixes, nested tuples, a tuple subclass's own `__eq__`, sorting and min/max by tuples.
#[test]
fn tuple_keys_and_tuple_order() {
    let source = r#"nan = float("nan")
d = {(1, "a"): 1, (2.0, "b"): 2, (nan, 1): 3, ((1, 2), (3,)): 4}
print(d[(1, "a")], d[(2, "b")], d.get((nan, 1)), d.get((float("nan"), 1)), d[((1, 2), (3,))])
print((True, "a") in {(1, "a"): 0}, (1.0, "a") in {(1, "a"): 0})
class T(tuple):
    def __eq__(self, other):
        print("T.__eq__"); return True
    __hash__ = tuple.__hash__
print(T((1, 2)) in {(1, 2): 0}, (1, 2) in {T((1, 2)): 0})
class S(str):
    __slots__ = ()
    def __eq__(self, o): return True
    __hash__ = str.__hash__
x = [(3, "b"), (1, "z"), (3, "a"), (2.5, "q"), (nan, "n"), (-0.0, "m"), (0, "l")]
print(sorted(x, key=lambda t: (t[1], t[0]))[:3])
print((1, 2) < (1, 2.5), (1, nan) < (1, 2), (nan,) == (nan,), (x[4][0],) == (x[4][0],))
print((-0.0, 1) == (0, 1), ("a", 1) < ("a", 2), ("b",) > ("a", 9), (1, "a") != (1, "a"))
print(sorted([("b", 2), ("a", 3), ("b", 1), ("a", 1)]))
print(max([(1, "x"), (1, "y"), (0, "z")]), min(((s, len(s)) for s in ["bb", "a", "ccc"])))
t1 = (1, [2]); t2 = (1, [2])
print(t1 == t2, {(1, 2, 3): "x"}[(1, 2, 3)])
"#;
    assert_eq!(
        run(source),
        r#"1 2 3 None 4
True True
T.__eq__
T.__eq__
True True
[(3, 'a'), (3, 'b'), (0, 'l')]
True False True True
True True True False
[('a', 1), ('a', 3), ('b', 1), ('b', 2)]
(1, 'y') ('a', 1)
True x
"#
    );
}

/// Subscripting an exact dict directly (no `__getitem__` lookup): missing keys raise
/// CPython's `KeyError` (a tuple key wrapped), a subclass still gets `__missing__`, and an
/// unhashable key CPython's `TypeError`.
#[test]
fn dict_subscript_direct() {
    let source = r#"d = {}
d[(1, 2)] = 1; d["a"] = 2; d[1.0] = 3
print(d[(1, 2)], d[1], d["a"])
for k in [(1, 3), "b", 2, ()]:
    try:
        d[k]
    except KeyError as e:
        print(repr(e), e.args)
class D(dict):
    def __missing__(self, k): return k * 2
print(D()[4])
try:
    d[[1]] = 2
except TypeError as e:
    print(e)
try:
    d[{}]
except TypeError as e:
    print(e)
"#;
    assert_eq!(
        run(source),
        r#"1 3 2
KeyError((1, 3)) ((1, 3),)
KeyError('b') ('b',)
KeyError(2) (2,)
KeyError(()) ((),)
8
unhashable type: 'list'
unhashable type: 'dict'
"#
    );
}
