//! `__pycache__` paths. Every expected value is what CPython 3.13.0's
//! `importlib.util.cache_from_source(PATH, optimization=OPT)` or `source_from_cache(PATH)` gives
//! (with `sys.implementation.cache_tag` = `cpython-313`), or the `ValueError` it raises.

use taipan_pyc::cache::{
    CPYTHON_CACHE_TAG, CacheError, TAIPAN_CACHE_TAG, cache_from_source, optimization_for_level,
    source_from_cache,
};

fn cache(path: &str, optimization: &str) -> String {
    match cache_from_source(path, CPYTHON_CACHE_TAG, optimization) {
        Ok(path) => path,
        Err(error) => format!("ValueError: {error}"),
    }
}

fn source(path: &str) -> String {
    match source_from_cache(path) {
        Ok(path) => path,
        Err(error) => format!("ValueError: {error}"),
    }
}

#[test]
fn cache_paths() {
    let cases = [
        ("foo.py", "", "__pycache__/foo.cpython-313.pyc"),
        ("foo.py", "1", "__pycache__/foo.cpython-313.opt-1.pyc"),
        ("foo.py", "2", "__pycache__/foo.cpython-313.opt-2.pyc"),
        ("foo.py", "x1", "__pycache__/foo.cpython-313.opt-x1.pyc"),
        ("foo.py", "é", "__pycache__/foo.cpython-313.opt-é.pyc"),
        ("foo.py", "١", "__pycache__/foo.cpython-313.opt-١.pyc"),
        ("foo.py", "-1", "ValueError: '-1' is not alphanumeric"),
        ("foo.py", "a.b", "ValueError: 'a.b' is not alphanumeric"),
        ("foo.py", " ", "ValueError: ' ' is not alphanumeric"),
        // No dot: no dot before the tag either.
        ("foo", "", "__pycache__/foocpython-313.pyc"),
        (".bashrc", "", "__pycache__/bashrc.cpython-313.pyc"),
        ("foo.", "", "__pycache__/foo.cpython-313.pyc"),
        ("", "", "__pycache__/cpython-313.pyc"),
        ("a/.py", "", "a/__pycache__/py.cpython-313.pyc"),
        // A file at the root loses its directory (importlib's _path_join drops the empty head).
        ("/foo.py", "", "__pycache__/foo.cpython-313.pyc"),
        ("//x.py", "", "/__pycache__/x.cpython-313.pyc"),
        ("a/b/foo.py", "", "a/b/__pycache__/foo.cpython-313.pyc"),
        (
            "/a/b/foo.py",
            "1",
            "/a/b/__pycache__/foo.cpython-313.opt-1.pyc",
        ),
        ("a//b//foo.py", "", "a//b/__pycache__/foo.cpython-313.pyc"),
        ("a/b/", "", "a/b/__pycache__/cpython-313.pyc"),
        (
            "a/b.c/foo.tar.gz",
            "",
            "a/b.c/__pycache__/foo.tar.cpython-313.pyc",
        ),
        ("a/b/c.pyw", "", "a/b/__pycache__/c.cpython-313.pyc"),
    ];
    for (path, optimization, expected) in cases {
        assert_eq!(
            cache(path, optimization),
            expected,
            "{path:?} {optimization:?}"
        );
    }
}

#[test]
fn source_paths() {
    let cases = [
        ("__pycache__/foo.cpython-313.pyc", "foo.py"),
        ("a/__pycache__/foo.cpython-313.opt-1.pyc", "a/foo.py"),
        // The tag is not checked.
        ("a/__pycache__/foo.taipan-313.pyc", "a/foo.py"),
        ("a/__pycache__/foo.x.opt-1", "a/foo.py"),
        ("/__pycache__/foo.x.pyc", "foo.py"),
        ("__pycache__/.x.pyc", ".py"),
        ("x/__pycache__/f.x.opt-a.b", "x/f.py"),
        (
            "a/foo.cpython-313.pyc",
            "ValueError: __pycache__ not bottom-level directory in 'a/foo.cpython-313.pyc'",
        ),
        (
            "a//__pycache__//foo.x.pyc",
            "ValueError: __pycache__ not bottom-level directory in 'a//__pycache__//foo.x.pyc'",
        ),
        (
            "a/__pycache__/foo.pyc",
            "ValueError: expected only 2 or 3 dots in 'foo.pyc'",
        ),
        (
            "a/__pycache__/foo.a.b.c.d.pyc",
            "ValueError: expected only 2 or 3 dots in 'foo.a.b.c.d.pyc'",
        ),
        (
            "a/__pycache__/",
            "ValueError: expected only 2 or 3 dots in ''",
        ),
        (
            "a/__pycache__/foo.x.opt-.pyc",
            "ValueError: optimization level 'opt-' is not an alphanumeric value",
        ),
        (
            "a/__pycache__/foo.x.y.pyc",
            "ValueError: optimization portion of filename does not start with 'opt-'",
        ),
    ];
    for (path, expected) in cases {
        assert_eq!(source(path), expected, "{path:?}");
    }
}

#[test]
fn taipan_tag_and_levels() {
    assert_eq!(
        cache_from_source("pkg/mod.py", TAIPAN_CACHE_TAG, &optimization_for_level(2)),
        Ok("pkg/__pycache__/mod.taipan-313.opt-2.pyc".to_owned())
    );
    assert_eq!(optimization_for_level(0), "");
    assert_eq!(
        source_from_cache("pkg/__pycache__/mod.taipan-313.opt-2.pyc"),
        Ok("pkg/mod.py".to_owned())
    );
    assert_eq!(
        cache_from_source("x.py", TAIPAN_CACHE_TAG, "1.5"),
        Err(CacheError::OptimizationNotAlphanumeric("1.5".to_owned()))
    );
}
