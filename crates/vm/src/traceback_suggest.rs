//! The "Did you mean: 'x'?" and "Did you forget to import 'x'?" endings CPython 3.13's
//! `traceback.TracebackException` adds to NameError, AttributeError and ImportError messages
//! (`_compute_suggestion_error` with the C `_suggestions._generate_suggestions`: the closest
//! candidate by a Levenshtein distance over UTF-8 bytes where a case flip costs 1 and any other
//! edit 2, within a third of the characters involved).
//!
//! Not for: computing the messages themselves (the raising code does).

use crate::object::Payload;
use crate::objects::exception::exc_data;
use crate::value::Value;
use crate::vm::Vm;

/// `Python/suggestions.c`'s limits and costs.
const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// What traceback.py appends to `str(exc)`, or an empty string.
pub fn suggestion_suffix(vm: &mut Vm, exc: &Value) -> String {
    if vm.is_instance_of(exc, &vm.exc.syntax_error.clone()) {
        return String::new();
    }
    if vm.is_instance_of(exc, &vm.exc.import_error.clone()) {
        if let Some(wrong) = attr_str(vm, exc, "name_from") {
            let module = attr_str(vm, exc, "name");
            return match module.and_then(|m| import_error_candidates(vm, &m, &wrong)) {
                Some(d) => best_match(&d, &wrong)
                    .map(|s| format!(". Did you mean: '{s}'?"))
                    .unwrap_or_default(),
                None => String::new(),
            };
        }
        return String::new();
    }
    let is_name_error = vm.is_instance_of(exc, &vm.exc.name_error.clone());
    let is_attribute_error = vm.is_instance_of(exc, &vm.exc.attribute_error.clone());
    if !is_name_error && !is_attribute_error {
        return String::new();
    }
    let Some(wrong) = attr_str(vm, exc, "name") else {
        return String::new();
    };
    let candidates = if is_attribute_error {
        attribute_error_candidates(vm, exc, &wrong)
    } else {
        name_error_candidates(vm, exc)
    };
    let suggestion = candidates.and_then(|d| best_match(&d, &wrong));
    let mut out = String::new();
    if let Some(s) = &suggestion {
        out.push_str(&format!(". Did you mean: '{s}'?"));
    }
    if is_name_error && STDLIB_MODULE_NAMES.binary_search(&wrong.as_str()).is_ok() {
        if suggestion.is_some() {
            out.push_str(&format!(" Or did you forget to import '{wrong}'?"));
        } else {
            out.push_str(&format!(". Did you forget to import '{wrong}'?"));
        }
    }
    out
}

/// `getattr(exc, name, None)` when it is a str.
fn attr_str(vm: &mut Vm, exc: &Value, name: &str) -> Option<String> {
    let key = vm.intern(name);
    let v = crate::ops::get_attr_opt(vm, exc, &key).ok().flatten()?;
    match v.as_str_obj() {
        Some(s) => Some(s.to_lossy().into_owned()),
        _ => None,
    }
}

fn str_items(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .filter_map(|v| match v.as_str_obj() {
            Some(s) => Some(s.to_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

fn dict_keys(v: &Value) -> Vec<String> {
    match v.payload() {
        Some(Payload::Dict(t)) => str_items(&t.borrow().keys()),
        _ => Vec::new(),
    }
}

/// `dir(obj)`, or None when it fails.
fn dir_of(vm: &mut Vm, obj: &Value) -> Option<Vec<String>> {
    let builtins = vm.builtins_dict();
    let dir = crate::ops::mapping::dict_get_str(vm, &builtins, "dir")?;
    let listing = vm.call1(&dir, obj.clone()).ok()?;
    let items = vm.collect(&listing).ok()?;
    Some(str_items(&items))
}

/// `dir(exc.obj)`, without `_`-names unless the wrong name starts with `_`.
fn attribute_error_candidates(vm: &mut Vm, exc: &Value, wrong: &str) -> Option<Vec<String>> {
    let key = vm.intern("obj");
    let obj = crate::ops::get_attr_opt(vm, exc, &key)
        .ok()
        .flatten()
        .unwrap_or(Value::None);
    let mut d = dir_of(vm, &obj)?;
    if !wrong.starts_with('_') {
        d.retain(|n| !n.starts_with('_'));
    }
    Some(d)
}

/// `dir(__import__(exc.name))` (the top-level package, as `__import__` returns it).
fn import_error_candidates(vm: &mut Vm, module: &str, wrong: &str) -> Option<Vec<String>> {
    let top = module.split('.').next().unwrap_or(module);
    let modules = vm.modules.clone();
    let m = crate::ops::mapping::dict_get_str(vm, &modules, top)?;
    let mut d = dir_of(vm, &m)?;
    if !wrong.starts_with('_') {
        d.retain(|n| !n.starts_with('_'));
    }
    Some(d)
}

/// The innermost frame's local, global and builtin names, in that order.
fn name_error_candidates(vm: &mut Vm, exc: &Value) -> Option<Vec<String>> {
    let mut cursor = exc_data(exc).and_then(|d| d.traceback.borrow().clone())?;
    let mut steps = 0;
    loop {
        let Some(Payload::Traceback(t)) = cursor.payload() else {
            return None;
        };
        let next = t.next.borrow().clone();
        match next {
            Some(n) if !n.is_none() && steps < 10_000_000 => cursor = n,
            _ => break,
        }
        steps += 1;
    }
    let Some(Payload::Traceback(t)) = cursor.payload() else {
        return None;
    };
    let Some(Payload::Frame(frame)) = t.frame.payload() else {
        return None;
    };
    let mut d = Vec::new();
    let locals = frame.locals.borrow().clone();
    match locals {
        Some(l) => d.extend(dict_keys(&l)),
        // A function's fast locals (their values are gone once it has returned).
        None => d.extend(str_items(
            &frame.code.localsplus_names
                [..frame.code.first_free.min(frame.code.localsplus_names.len())],
        )),
    }
    d.extend(dict_keys(&Value::Obj(frame.globals.clone())));
    d.extend(dict_keys(&Value::Obj(vm.builtins_dict())));
    Some(d)
}

/// `_suggestions._generate_suggestions`: the candidate closest to `wrong`, first on ties.
fn best_match(candidates: &[String], wrong: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let wrong_bytes = wrong.as_bytes();
    let mut best: Option<(&String, usize)> = None;
    for candidate in candidates {
        if candidate == wrong {
            continue;
        }
        let mut max_distance = (wrong_bytes.len() + candidate.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let distance = levenshtein(wrong_bytes, candidate.as_bytes(), max_distance);
        if distance > max_distance {
            continue;
        }
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(s, _)| s.clone())
}

/// Cost of replacing byte `a` by `b`: free when equal, cheap for an ASCII case flip.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance, or more than `max_cost` when it exceeds it.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (mut a, mut b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a = &a[..a.len() - suffix];
    b = &b[..b.len() - suffix];
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// `sys.stdlib_module_names` of CPython 3.13, sorted (for the binary search).
const STDLIB_MODULE_NAMES: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_android_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_colorize",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_interpchannels",
    "_interpqueues",
    "_interpreters",
    "_io",
    "_ios_support",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_opcode_metadata",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydatetime",
    "_pydecimal",
    "_pyio",
    "_pylong",
    "_pyrepl",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha2",
    "_sha3",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_suggestions",
    "_symtable",
    "_sysconfig",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_wmi",
    "_zoneinfo",
    "abc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "atexit",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtplib",
    "socket",
    "socketserver",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];
