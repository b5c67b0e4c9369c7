//! Deeply nested data: comparing, printing and freeing it must raise CPython's `RecursionError`
//! or just work, never overflow the Rust stack. Expected outputs were printed by CPython 3.13
//! (`PYENV_VERSION=3.13.0 python3`) for the same programs.

fn run(source: &str) -> String {
    let (status, out, err) = taipan_vm::run_source_captured(source, "<test>", &[]);
    assert_eq!(status, 0, "stderr: {err}");
    out
}

/// CPython's C recursion guard, with its messages, on comparison and repr.
#[test]
fn deep_compare_and_repr_raise_recursion_error() {
    let source = r#"def nest(n, wrap):
    a = 0
    for _ in range(n):
        a = wrap(a)
    return a
for name, wrap in [("tuple", lambda a: (a,)), ("list", lambda a: [a]), ("dict", lambda a: {0: a})]:
    x, y = nest(20000, wrap), nest(20000, wrap)
    for what, f in [("==", lambda: x == y), ("<", lambda: x < y), ("repr", lambda: repr(x))]:
        try:
            f()
            print(name, what, "ok")
        except RecursionError as e:
            print(name, what, e)
        except TypeError as e:
            print(name, what, e)
    print(name, "shallow", nest(50, wrap) == nest(50, wrap), len(repr(nest(500, wrap))))
"#;
    assert_eq!(
        run(source),
        r#"tuple == maximum recursion depth exceeded in comparison
tuple < maximum recursion depth exceeded in comparison
tuple repr maximum recursion depth exceeded while getting the repr of an object
tuple shallow True 1501
list == maximum recursion depth exceeded in comparison
list < maximum recursion depth exceeded in comparison
list repr maximum recursion depth exceeded while getting the repr of an object
list shallow True 1001
dict == maximum recursion depth exceeded in comparison
dict < '<' not supported between instances of 'dict' and 'dict'
dict repr maximum recursion depth exceeded while getting the repr of an object
dict shallow True 2501
"#
    );
}

/// Freeing a structure a few hundred thousand levels deep (the trashcan).
#[test]
fn deep_structures_free_without_overflow() {
    let source = r#"class Node:
    def __init__(self, next):
        self.next = next
a = None
for _ in range(300000):
    a = Node(a)
b = 0
for _ in range(300000):
    b = [b, (b,)]
c = 0
for _ in range(300000):
    c = {"k": c}
del a, b, c
print("freed")
"#;
    assert_eq!(
        run(source),
        r#"freed
"#
    );
}

/// CPython crashes hashing a tuple nested this deep; Taipan raises `RecursionError`.
#[test]
fn deep_tuple_hash_is_an_error_not_a_crash() {
    let source = "a = 0\nfor _ in range(20000):\n    a = (a,)\ntry:\n    hash(a)\nexcept RecursionError as e:\n    print(e)\n";
    assert_eq!(run(source), "maximum recursion depth exceeded\n");
}

/// `compile()` of an `ast` tree built in Python, nested past CPython's limit (100,000 unary
/// minus signs; 50,000 nested `if`s): CPython's `RecursionError`, never a stack overflow.
#[test]
fn deep_ast_objects_compile_to_recursion_error() {
    let source = r#"import ast
e = ast.Constant(1, lineno=1, col_offset=0)
for _ in range(100000):
    e = ast.UnaryOp(ast.USub(), e, lineno=1, col_offset=0)
try:
    compile(ast.Expression(e), "<deep>", "eval")
except RecursionError as error:
    print("RecursionError:", error)
body = [ast.Pass(lineno=1, col_offset=0)]
for _ in range(50000):
    body = [ast.If(ast.Constant(1, lineno=1, col_offset=0), body, [], lineno=1, col_offset=0)]
try:
    compile(ast.Module(body, []), "<deep>", "exec")
except RecursionError as error:
    print("RecursionError:", error)
"#;
    assert_eq!(
        run(source),
        "RecursionError: maximum recursion depth exceeded while traversing 'expr' node\n\
         RecursionError: maximum recursion depth exceeded while traversing 'expr' node\n"
    );
}
