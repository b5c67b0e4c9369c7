//! `str`: construction, comparison, indexing and the method set, on [`StrObj`].
//!
//! The methods work on the UTF-8 text; the rare string holding a lone surrogate goes through
//! its code points where the result depends on them (indexing, `len`, hashing, comparison),
//! and is treated with U+FFFD in its place by the text-searching methods (a known gap).

use std::borrow::Cow;

use taipan_text::unicode as uni;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::ops::CompareOp;
use crate::str::{PyStr, StrData, StrObj};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// `repr()` of a string object.
pub fn repr_of(v: &Value) -> String {
    as_str(v).map(repr_text).unwrap_or_default()
}

pub fn repr_text(s: &StrObj) -> String {
    match s.data() {
        StrData::Utf8(t) => taipan_text::str_repr(t),
        StrData::CodePoints(p) => taipan_text::code_points_repr(p.iter().copied()),
    }
}

/// The decimal value of a Unicode decimal digit (for `int()`).
pub fn unicode_decimal(c: char) -> Option<u32> {
    uni::decimal_value(c as u32)
}

/// The `StrObj` of a value, if it is a `str`.
#[inline]
pub fn as_str(v: &Value) -> Option<&StrObj> {
    v.as_str_obj()
}

/// Join string values (f-string parts, `a + b`). `MemoryError` past `Vm::max_text_len`
/// characters (unlimited in a program; the fuzz targets bound it, so that text doubled at
/// every step cannot exhaust memory within a step budget).
pub fn concat(vm: &mut Vm, parts: &[Value]) -> PyResult {
    let chars = parts
        .iter()
        .filter_map(as_str)
        .fold(0usize, |n, s| n.saturating_add(s.char_len()));
    vm.check_text_len(chars)?;
    let size = parts
        .iter()
        .filter_map(|p| as_str(p).and_then(StrObj::as_str))
        .map(str::len)
        .sum();
    let mut out = String::with_capacity(size);
    let mut points: Option<Vec<u32>> = None;
    for p in parts {
        if let Some(s) = as_str(p) {
            match (s.as_str(), &mut points) {
                (Some(t), None) => out.push_str(t),
                (_, Some(pts)) => pts.extend(s.code_points()),
                (None, None) => {
                    let mut pts: Vec<u32> = out.chars().map(|c| c as u32).collect();
                    pts.extend(s.code_points());
                    points = Some(pts);
                }
            }
        }
    }
    Ok(match points {
        Some(p) => vm.new_str_obj(PyStr::from_code_points(p)),
        None => vm.new_string(out),
    })
}

fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a StrObj> {
    args.values
        .first()
        .and_then(as_str)
        .ok_or_else(|| crate::objects::receiver_error(vm, "str", name, args.values.first()))
}

fn text_arg<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<Cow<'a, str>> {
    match as_str(v) {
        Some(s) => Ok(s.to_lossy()),
        None => Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v)))),
    }
}

/// The text of a receiver already known to be a `str` (borrowed: no copy for UTF-8 text).
fn text_of(v: &Value) -> Cow<'_, str> {
    as_str(v).map(StrObj::to_lossy).unwrap_or(Cow::Borrowed(""))
}

/// Whether `v` is a `str` that is no subclass instance (those carry a `__dict__`), so a
/// method may return it unchanged as CPython does.
fn is_plain_str(v: &Value) -> bool {
    v.is_exact_str()
}

/// The byte offset of char index `index` (at most the length) in `text`.
fn byte_at(text: &str, ascii: bool, index: usize) -> usize {
    if ascii {
        return index.min(text.len());
    }
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The number of chars in `text[..byte]`.
fn chars_before(text: &str, ascii: bool, byte: usize) -> usize {
    if ascii {
        byte
    } else {
        text[..byte].chars().count()
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.str.clone();
    staticmethod(vm, &t, "__new__", str_new);
    method(vm, &t, "__repr__", |vm, a| {
        let s = this(vm, &a, "__repr__")?;
        Ok(vm.new_string(repr_text(s)))
    });
    method(vm, &t, "__str__", |vm, a| {
        let s = this(vm, &a, "__str__")?;
        let v = &a.values[0];
        if v.is_exact_str() {
            return Ok(v.clone());
        }
        Ok(vm.new_str_obj(clone_str(s)))
    });
    method(vm, &t, "__hash__", |vm, a| {
        let s = this(vm, &a, "__hash__")?;
        Ok(Value::Int(s.hash(vm.hash_secret())))
    });
    method(vm, &t, "__len__", |vm, a| {
        Ok(Value::Int(this(vm, &a, "__len__")?.char_len() as i64))
    });
    crate::objects::comparison_methods!(vm, &t, |vm, a, op| str_compare(vm, a, op));
    method(vm, &t, "__add__", str_add);
    method(vm, &t, "__mul__", str_mul);
    method(vm, &t, "__rmul__", str_mul);
    method(vm, &t, "__mod__", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "__mod__", 1, 1)?;
        let fmt = text_of(s);
        let rhs = rest[0].clone();
        crate::percent::format_percent(vm, &fmt, &rhs)
    });
    method(vm, &t, "__rmod__", |vm, _a| Ok(vm.not_implemented.clone()));
    method(vm, &t, "__getitem__", str_getitem);
    method(vm, &t, "__contains__", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
        let hay = text_of(s);
        let needle = match as_str(&rest[0]) {
            Some(n) => n.to_lossy(),
            None => {
                return Err(vm.type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    vm.type_name(&rest[0])
                )));
            }
        };
        Ok(Value::bool(hay.contains(needle.as_ref())))
    });
    method(vm, &t, "__iter__", |vm, a| {
        let Some(s) = a.values.first().and_then(Value::as_py_str) else {
            return Ok(Value::None);
        };
        Ok(crate::objects::iter::str_iter(vm, s))
    });
    method(vm, &t, "__format__", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "__format__", 1, 1)?;
        let spec = argparse::str_arg(vm, &rest[0], "format spec")?;
        let text = text_of(s);
        let out = crate::format::format_str(vm, &text, &spec)?;
        Ok(vm.new_string(out))
    });
    method(vm, &t, "__getnewargs__", |vm, a| {
        let s = this(vm, &a, "__getnewargs__")?;
        let v = vm.new_str_obj(clone_str(s));
        Ok(vm.new_tuple(vec![v]))
    });
    method(vm, &t, "__sizeof__", |vm, a| {
        let s = this(vm, &a, "__sizeof__")?;
        Ok(Value::Int(41 + s.char_len() as i64))
    });
    // Case mapping.
    method(vm, &t, "upper", |vm, a| {
        map_text(vm, a, "upper", uni::upper_str)
    });
    method(vm, &t, "lower", |vm, a| {
        map_text(vm, a, "lower", uni::lower_str)
    });
    method(vm, &t, "casefold", |vm, a| {
        map_text(vm, a, "casefold", uni::casefold_str)
    });
    method(vm, &t, "title", |vm, a| {
        map_text(vm, a, "title", uni::title_str)
    });
    method(vm, &t, "capitalize", |vm, a| {
        map_text(vm, a, "capitalize", uni::capitalize_str)
    });
    method(vm, &t, "swapcase", |vm, a| {
        map_text(vm, a, "swapcase", uni::swapcase_str)
    });
    // Classification.
    method(vm, &t, "isalpha", |vm, a| {
        predicate(vm, a, "isalpha", uni::isalpha)
    });
    method(vm, &t, "isalnum", |vm, a| {
        predicate(vm, a, "isalnum", uni::isalnum)
    });
    method(vm, &t, "isdecimal", |vm, a| {
        predicate(vm, a, "isdecimal", uni::isdecimal)
    });
    method(vm, &t, "isdigit", |vm, a| {
        predicate(vm, a, "isdigit", uni::isdigit)
    });
    method(vm, &t, "isnumeric", |vm, a| {
        predicate(vm, a, "isnumeric", uni::isnumeric)
    });
    method(vm, &t, "isspace", |vm, a| {
        predicate(vm, a, "isspace", uni::isspace)
    });
    method(vm, &t, "islower", |vm, a| {
        predicate(vm, a, "islower", uni::islower)
    });
    method(vm, &t, "isupper", |vm, a| {
        predicate(vm, a, "isupper", uni::isupper)
    });
    method(vm, &t, "istitle", |vm, a| {
        predicate(vm, a, "istitle", uni::istitle)
    });
    method(vm, &t, "isidentifier", |vm, a| {
        predicate(vm, a, "isidentifier", uni::isidentifier)
    });
    method(vm, &t, "isprintable", |vm, a| {
        predicate(vm, a, "isprintable", uni::isprintable)
    });
    method(vm, &t, "isascii", |vm, a| {
        Ok(Value::bool(this(vm, &a, "isascii")?.is_ascii()))
    });
    // Searching and splitting.
    method(vm, &t, "join", str_join);
    method(vm, &t, "split", |vm, a| str_split(vm, a, false));
    method(vm, &t, "rsplit", |vm, a| str_split(vm, a, true));
    method(vm, &t, "splitlines", str_splitlines);
    method(vm, &t, "strip", |vm, a| {
        str_strip(vm, a, uni::StripSide::Both, "strip")
    });
    method(vm, &t, "lstrip", |vm, a| {
        str_strip(vm, a, uni::StripSide::Left, "lstrip")
    });
    method(vm, &t, "rstrip", |vm, a| {
        str_strip(vm, a, uni::StripSide::Right, "rstrip")
    });
    method(vm, &t, "replace", str_replace);
    method(vm, &t, "startswith", |vm, a| str_affix(vm, a, true));
    method(vm, &t, "endswith", |vm, a| str_affix(vm, a, false));
    method(vm, &t, "find", |vm, a| {
        str_find(vm, a, "find", false, false)
    });
    method(vm, &t, "rfind", |vm, a| {
        str_find(vm, a, "rfind", true, false)
    });
    method(vm, &t, "index", |vm, a| {
        str_find(vm, a, "index", false, true)
    });
    method(vm, &t, "rindex", |vm, a| {
        str_find(vm, a, "rindex", true, true)
    });
    method(vm, &t, "count", str_count);
    method(vm, &t, "partition", |vm, a| str_partition(vm, a, false));
    method(vm, &t, "rpartition", |vm, a| str_partition(vm, a, true));
    method(vm, &t, "removeprefix", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "removeprefix", 1, 1)?;
        let text = text_of(s);
        let p = text_arg(vm, &rest[0], "removeprefix() argument")?;
        Ok(vm.new_string(text.strip_prefix(p.as_ref()).unwrap_or(&text).to_owned()))
    });
    method(vm, &t, "removesuffix", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "removesuffix", 1, 1)?;
        let text = text_of(s);
        let p = text_arg(vm, &rest[0], "removesuffix() argument")?;
        Ok(vm.new_string(text.strip_suffix(p.as_ref()).unwrap_or(&text).to_owned()))
    });
    // Padding.
    method(vm, &t, "center", |vm, a| str_pad(vm, a, "center"));
    method(vm, &t, "ljust", |vm, a| str_pad(vm, a, "ljust"));
    method(vm, &t, "rjust", |vm, a| str_pad(vm, a, "rjust"));
    method(vm, &t, "zfill", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "zfill", 1, 1)?;
        let width = argparse::index_i64(vm, &rest[0])?.max(0) as usize;
        let text = text_of(s);
        let len = text.chars().count();
        if len >= width {
            return Ok(vm.new_str(&text));
        }
        let zeros = "0".repeat(width - len);
        let out = match text.chars().next() {
            Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &text[1..]),
            _ => format!("{zeros}{text}"),
        };
        Ok(vm.new_string(out))
    });
    method(vm, &t, "expandtabs", |vm, a| {
        let s = this(vm, &a, "expandtabs")?;
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let bound = argparse::bind(vm, &rest, "expandtabs", &["tabsize"], 0)?;
        let tab = match &bound[0] {
            Some(v) => argparse::index_i64(vm, v)?,
            None => 8,
        };
        let mut out: Vec<u32> = Vec::new();
        uni::expandtabs(
            s.code_points(),
            tab.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
            &mut out,
        );
        Ok(vm.new_str_obj(PyStr::from_code_points(out)))
    });
    method(vm, &t, "format", |vm, a| {
        let s = this(vm, &a, "format")?;
        let text = s.to_lossy().into_owned();
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        crate::strformat::str_format(vm, &text, rest, None)
    });
    method(vm, &t, "format_map", |vm, a| {
        let (s, rest) = argparse::method_args(vm, &a, "format_map", 1, 1)?;
        let text = text_of(s);
        crate::strformat::str_format(vm, &text, Args::new(&[]), Some(rest[0].clone()))
    });
    method(vm, &t, "encode", str_encode);
    method(vm, &t, "translate", str_translate);
    staticmethod(vm, &t, "maketrans", str_maketrans);
}

/// A new string object with the text of `s`.
fn clone_str(s: &StrObj) -> PyStr {
    match s.data() {
        StrData::Utf8(t) => PyStr::new(t),
        StrData::CodePoints(p) => PyStr::from_code_points(p.to_vec()),
    }
}

fn map_text(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&str) -> String) -> PyResult {
    argparse::method_args(vm, &args, name, 0, 0)?;
    let s = this(vm, &args, name)?;
    match s.as_str() {
        Some(t) => Ok(vm.new_string(f(t))),
        None => {
            let mut out: Vec<u32> = Vec::new();
            let pts = s.code_points();
            match name {
                "upper" => uni::upper(pts, &mut out),
                "lower" => uni::lower(pts, &mut out),
                "casefold" => uni::casefold(pts, &mut out),
                "title" => uni::title(pts, &mut out),
                "capitalize" => uni::capitalize(pts, &mut out),
                _ => uni::swapcase(pts, &mut out),
            }
            Ok(vm.new_str_obj(PyStr::from_code_points(out)))
        }
    }
}

fn predicate(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(Vec<u32>) -> bool) -> PyResult {
    argparse::method_args(vm, &args, name, 0, 0)?;
    let s = this(vm, &args, name)?;
    Ok(Value::bool(f(s.code_points())))
}

fn str_compare(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult {
    let (a, rest) = argparse::method_args(vm, &args, "__eq__", 1, 1)?;
    match (as_str(a), as_str(&rest[0])) {
        (Some(x), Some(y)) => Ok(Value::bool(match op {
            CompareOp::Eq => x.eq_str(y),
            CompareOp::Ne => !x.eq_str(y),
            _ => op.test(x.cmp_str(y)),
        })),
        _ => Ok(vm.not_implemented.clone()),
    }
}

fn str_add(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (a, rest) = argparse::method_args(vm, &args, "__add__", 1, 1)?;
    match (as_str(a), as_str(&rest[0])) {
        (Some(_), Some(_)) => concat(vm, &[a.clone(), rest[0].clone()]),
        _ => Err(vm.type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            vm.type_name(&rest[0])
        ))),
    }
}

fn str_mul(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (a, rest) = argparse::method_args(vm, &args, "__mul__", 1, 1)?;
    let Some(s) = as_str(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let n = match crate::objects::int::as_int(&rest[0]) {
        Some(_) => repeat_count(vm, &rest[0])?,
        None => {
            let class = vm.class_of(&rest[0]);
            if crate::ops::attr::type_lookup(vm, &class, &vm.names.__index__.clone()).is_some() {
                repeat_count(vm, &rest[0])?
            } else {
                return Err(vm.type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    vm.type_name(&rest[0])
                )));
            }
        }
    };
    let n = n.max(0) as usize;
    // Past `sys.maxsize` characters CPython refuses with OverflowError; a size it could
    // address but not allocate is a MemoryError.
    if s.char_len() > 0 && n > (i64::MAX as usize) / s.char_len() {
        return Err(vm.overflow_error("repeated string is too long"));
    }
    if n.saturating_mul(s.char_len()) > (1 << 34) {
        return Err(vm.memory_error());
    }
    vm.check_text_len(n.saturating_mul(s.char_len()))?;
    match s.as_str() {
        Some(t) => Ok(vm.new_string(t.repeat(n))),
        None => {
            let pts = s.code_points();
            let mut out = Vec::with_capacity(pts.len() * n);
            for _ in 0..n {
                out.extend_from_slice(&pts);
            }
            Ok(vm.new_str_obj(PyStr::from_code_points(out)))
        }
    }
}

/// A sequence repeat count: CPython converts it with `OverflowError` "cannot fit 'int' into an
/// index-sized integer" when it exceeds a C ssize_t.
pub fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let big = crate::objects::int::index_value(vm, v)?;
    num_traits::ToPrimitive::to_i64(&big).ok_or_else(|| {
        vm.overflow_error(format!(
            "cannot fit '{}' into an index-sized integer",
            vm.type_name(v)
        ))
    })
}

fn str_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (a, rest) = argparse::method_args(vm, &args, "__getitem__", 1, 1)?;
    let Some(s) = as_str(a) else {
        return Ok(vm.not_implemented.clone());
    };
    str_index(vm, s, &rest[0])
}

/// `s[key]` for an index or a slice.
pub fn str_index(vm: &mut Vm, s: &StrObj, key: &Value) -> PyResult {
    let len = s.char_len();
    if let Some(Payload::Slice { .. }) = key.payload() {
        let (start, _stop, step, count) = crate::objects::slice::indices(vm, key, len)?;
        if step == 1
            && let Some(t) = s.as_str()
        {
            if s.is_ascii() {
                let start = start as usize;
                return Ok(vm.new_str(&t[start..start + count]));
            }
            let out: String = t.chars().skip(start as usize).take(count).collect();
            return Ok(vm.new_string(out));
        }
        let pts = s.code_points();
        let mut out = Vec::with_capacity(count);
        let mut i = start;
        for _ in 0..count {
            out.push(pts[i as usize]);
            i += step;
        }
        return Ok(vm.new_str_obj(PyStr::from_code_points(out)));
    }
    let i = match crate::objects::int::as_int(key) {
        Some(_) => argparse::index_i64(vm, key)?,
        None => {
            let class = vm.class_of(key);
            if crate::ops::attr::type_lookup(vm, &class, &vm.names.__index__.clone()).is_some() {
                argparse::index_i64(vm, key)?
            } else {
                return Err(vm.type_error(format!(
                    "string indices must be integers, not '{}'",
                    vm.type_name(key)
                )));
            }
        }
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(vm.index_error("string index out of range"));
    }
    match s.code_point_at(idx as usize) {
        Some(c) => Ok(char_value(vm, c)),
        None => Err(vm.index_error("string index out of range")),
    }
}

/// A one-character string.
pub fn char_value(vm: &Vm, c: u32) -> Value {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii() => {
            let mut buf = [0u8; 4];
            vm.intern(ch.encode_utf8(&mut buf))
        }
        Some(ch) => vm.new_string(ch.to_string()),
        None => vm.new_str_obj(PyStr::from_code_points(vec![c])),
    }
}

fn str_join(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (sep, rest) = argparse::method_args(vm, &args, "str.join", 1, 1)?;
    // An exact list or tuple is read in place, as CPython's `PySequence_Fast`: joining runs no
    // Python code, so the list cannot change meanwhile.
    if let Value::Obj(o) = &rest[0] {
        match o.payload() {
            Payload::List(items) if o.class_is(&vm.types.list) => {
                return join_items(vm, sep, &items.borrow());
            }
            Payload::Tuple(items) if o.class_is(&vm.types.tuple) => {
                return join_items(vm, sep, items);
            }
            _ => {}
        }
    }
    let items = vm.collect(&rest[0])?;
    join_items(vm, sep, &items)
}

/// The UTF-8 text of a str value ("" for anything else).
fn plain_text(v: &Value) -> &str {
    as_str(v).and_then(StrObj::as_str).unwrap_or("")
}

fn join_items(vm: &mut Vm, sep: &Value, items: &[Value]) -> PyResult {
    // A single exact str joins to itself, as in CPython.
    if let [only @ Value::Str(_)] = items {
        return Ok(only.clone());
    }
    // One pass checks the items and sizes the result (characters for the text bound, bytes
    // for the allocation), as CPython's join does before it copies anything.
    let sep_obj = as_str(sep);
    let sep_chars = sep_obj.map_or(0, StrObj::char_len);
    let sep_bytes = sep_obj.and_then(StrObj::as_str).map_or(0, str::len);
    let mut any_surrogate = sep_obj.is_some_and(|s| s.as_str().is_none());
    let mut chars = 0usize;
    let mut bytes = 0usize;
    for (i, item) in items.iter().enumerate() {
        let Some(s) = as_str(item) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                vm.type_name(item)
            )));
        };
        any_surrogate |= s.as_str().is_none();
        let (sep_c, sep_b) = if i > 0 {
            (sep_chars, sep_bytes)
        } else {
            (0, 0)
        };
        chars = chars.saturating_add(s.char_len()).saturating_add(sep_c);
        bytes = bytes
            .saturating_add(s.as_str().map_or(0, str::len))
            .saturating_add(sep_b);
    }
    if bytes > isize::MAX as usize / 2 {
        return Err(vm.overflow_error("join() result is too long for a Python string"));
    }
    vm.check_text_len(chars)?;
    if any_surrogate {
        let mut parts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                parts.push(sep.clone());
            }
            parts.push(item.clone());
        }
        return concat(vm, &parts);
    }
    // Built in place, as CPython does: no intermediate text beside the result.
    let sep_text = sep_obj.and_then(StrObj::as_str).unwrap_or("");
    Ok(Value::Str(PyStr::from_pieces(|| {
        items
            .iter()
            .enumerate()
            .flat_map(move |(i, item)| [if i > 0 { sep_text } else { "" }, plain_text(item)])
    })))
}

fn str_split(vm: &mut Vm, args: Args<'_>, right: bool) -> PyResult {
    let name = if right { "rsplit" } else { "split" };
    let s = this(vm, &args, name)?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(vm, &rest, name, &["sep", "maxsplit"], 0)?;
    let maxsplit = match &bound[1] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => -1,
    };
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let text = s.to_lossy();
    let parts: Vec<&str> = match &bound[0] {
        None | Some(Value::None) => {
            if right {
                uni::rsplit_whitespace_str(&text, max)
            } else {
                uni::split_whitespace_str(&text, max)
            }
        }
        Some(sep) => {
            let sep = text_arg(vm, sep, "must be str or None")?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if right {
                let mut v: Vec<&str> = text.rsplitn(max.saturating_add(1), sep.as_ref()).collect();
                v.reverse();
                v
            } else {
                text.splitn(max.saturating_add(1), sep.as_ref()).collect()
            }
        }
    };
    let items = parts.into_iter().map(|p| vm.new_str(p)).collect();
    Ok(vm.new_list(items))
}

fn str_splitlines(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let s = this(vm, &args, "splitlines")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(vm, &rest, "splitlines", &["keepends"], 0)?;
    let keep = match &bound[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let text = s.to_lossy();
    let items = uni::splitlines_str(&text, keep)
        .into_iter()
        .map(|p| vm.new_str(p))
        .collect();
    Ok(vm.new_list(items))
}

fn str_strip(vm: &mut Vm, args: Args<'_>, side: uni::StripSide, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 0, 1)?;
    let text = text_of(s);
    let out = match rest.first() {
        None | Some(Value::None) => uni::strip_whitespace_str(&text, side),
        Some(chars) => {
            let chars = text_arg(vm, chars, &format!("{name} arg"))
                .map_err(|_| vm.type_error(format!("{name} arg must be None or str")))?;
            let set: Vec<char> = chars.chars().collect();
            match side {
                uni::StripSide::Both => text.trim_matches(set.as_slice()),
                uni::StripSide::Left => text.trim_start_matches(set.as_slice()),
                uni::StripSide::Right => text.trim_end_matches(set.as_slice()),
            }
        }
    };
    // Nothing stripped: the string itself, as CPython returns it.
    if out.len() == text.len() && is_plain_str(s) {
        return Ok(s.clone());
    }
    Ok(vm.new_str(out))
}

fn str_replace(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let s = this(vm, &args, "replace")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(vm, &rest, "replace", &["old", "new", "count"], 2)?;
    let old = text_arg(
        vm,
        bound[0].as_ref().unwrap_or(&Value::None),
        "replace() argument 1",
    )?;
    let new = text_arg(
        vm,
        bound[1].as_ref().unwrap_or(&Value::None),
        "replace() argument 2",
    )?;
    let count = match &bound[2] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => -1,
    };
    let text = s.to_lossy();
    let out = if count < 0 {
        text.replace(old.as_ref(), &new)
    } else {
        text.replacen(old.as_ref(), &new, count as usize)
    };
    Ok(vm.new_string(out))
}

/// Resolve optional `start`/`end` arguments as CPython's slice-like search bounds on a string
/// of `len` chars: negative values count from the end (floored at 0), `end` is capped at
/// `len`, but `start` is not (a start past the end finds nothing, not even "").
fn char_range(
    vm: &mut Vm,
    len: usize,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<(usize, usize)> {
    let norm = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = search_bound(vm, v)?;
                Ok(if i < 0 { (i + len as i64).max(0) } else { i })
            }
        }
    };
    let s = norm(vm, start, 0)?;
    let e = norm(vm, end, len as i64)?.min(len as i64);
    Ok((s as usize, e as usize))
}

/// A search bound: an index, clamped like CPython's slice indices (`None` is handled by the
/// caller).
fn search_bound(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if crate::objects::int::as_int(v).is_none() {
        let class = vm.class_of(v);
        if crate::ops::attr::type_lookup(vm, &class, &vm.names.__index__.clone()).is_none() {
            return Err(
                vm.type_error("slice indices must be integers or None or have an __index__ method")
            );
        }
    }
    let big = crate::objects::int::index_value(vm, v)?;
    Ok(
        num_traits::ToPrimitive::to_i64(&big).unwrap_or(if big.sign() == num_bigint::Sign::Minus {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        }),
    )
}

/// The window `text[start..end]` (char indices, `start <= end <= len`) as a borrowed slice and
/// the byte offset it starts at.
fn window(text: &str, ascii: bool, start: usize, end: usize) -> (&str, usize) {
    let b0 = byte_at(text, ascii, start);
    let b1 = if ascii {
        end.min(text.len())
    } else {
        b0 + byte_at(&text[b0..], false, end - start)
    };
    (&text[b0..b1], b0)
}

fn str_affix(vm: &mut Vm, args: Args<'_>, prefix: bool) -> PyResult {
    let name = if prefix { "startswith" } else { "endswith" };
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 3)?;
    let so = this(vm, &args, name)?;
    let text = text_of(s);
    let len = so.char_len();
    let (st, en) = char_range(vm, len, rest.get(1), rest.get(2))?;
    let candidates: Vec<Value> = match rest[0].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ if rest[0].as_str_obj().is_some() => vec![rest[0].clone()],
        _ => {
            return Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                vm.type_name(&rest[0])
            )));
        }
    };
    for c in &candidates {
        let Some(cs) = as_str(c) else {
            return Err(vm.type_error(format!(
                "tuple for {name} must only contain str, not {}",
                vm.type_name(c)
            )));
        };
        // As CPython: a start past the end matches nothing; an empty affix matches when
        // start <= end.
        if st > len || st > en {
            continue;
        }
        let (sub, _) = window(&text, so.is_ascii(), st, en);
        let c = cs.to_lossy();
        let hit = if prefix {
            sub.starts_with(c.as_ref())
        } else {
            sub.ends_with(c.as_ref())
        };
        if hit {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn str_find(vm: &mut Vm, args: Args<'_>, name: &str, right: bool, raise: bool) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 3)?;
    let so = this(vm, &args, name)?;
    let text = text_of(s);
    let needle = text_arg(vm, &rest[0], "must be str")?;
    let ascii = so.is_ascii();
    let len = so.char_len();
    let (st, en) = char_range(vm, len, rest.get(1), rest.get(2))?;
    let found = if st > len || en < st {
        None
    } else {
        let (sub, base) = window(&text, ascii, st, en);
        let pos = if right {
            sub.rfind(needle.as_ref())
        } else {
            sub.find(needle.as_ref())
        };
        pos.map(|b| st + chars_before(&text[base..], ascii, b))
    };
    match found {
        Some(i) => Ok(Value::Int(i as i64)),
        None if raise => Err(vm.value_error("substring not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn str_count(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, "count", 1, 3)?;
    let so = this(vm, &args, "count")?;
    let text = text_of(s);
    let needle = text_arg(vm, &rest[0], "must be str")?;
    let len = so.char_len();
    let (st, en) = char_range(vm, len, rest.get(1), rest.get(2))?;
    if st > len || en < st {
        return Ok(Value::Int(0));
    }
    let n = if needle.is_empty() {
        en - st + 1
    } else {
        window(&text, so.is_ascii(), st, en)
            .0
            .matches(needle.as_ref())
            .count()
    };
    Ok(Value::Int(n as i64))
}

fn str_partition(vm: &mut Vm, args: Args<'_>, right: bool) -> PyResult {
    let name = if right { "rpartition" } else { "partition" };
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 1)?;
    let text = text_of(s);
    let sep = text_arg(vm, &rest[0], "must be str")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let pos = if right {
        text.rfind(sep.as_ref())
    } else {
        text.find(sep.as_ref())
    };
    let items = match pos {
        Some(i) => {
            let (head, tail) = (&text[..i], &text[i + sep.len()..]);
            vec![vm.new_str(head), rest[0].clone(), vm.new_str(tail)]
        }
        None => {
            let empty = vm.new_str("");
            if right {
                vec![empty.clone(), empty, s.clone()]
            } else {
                vec![s.clone(), empty.clone(), empty]
            }
        }
    };
    Ok(vm.new_tuple(items))
}

fn str_pad(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, name, 1, 2)?;
    let text = text_of(s);
    let width = argparse::index_i64(vm, &rest[0])?.max(0) as usize;
    let fill = match rest.get(1) {
        Some(f) => {
            let f = as_str(f)
                .map(|s| s.to_lossy().into_owned())
                .ok_or_else(|| {
                    vm.type_error(format!(
                        "{name}() argument 2 must be a unicode character, not {}",
                        vm.type_name(f)
                    ))
                })?;
            let mut cs = f.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    );
                }
            }
        }
        None => ' ',
    };
    let len = text.chars().count();
    if len >= width {
        return Ok(vm.new_str(&text));
    }
    let (left, right) = match name {
        "center" => uni::center_padding(len, width),
        "ljust" => uni::ljust_padding(len, width),
        _ => uni::rjust_padding(len, width),
    };
    let f = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    Ok(vm.new_string(format!("{}{text}{}", f(left), f(right))))
}

fn str_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    let Some(Value::Obj(cls)) = pos.first() else {
        return Err(vm.type_error("str.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(vm, &rest, "str", &["object", "encoding", "errors"], 0)?;
    let value = match (&bound[0], &bound[1], &bound[2]) {
        (None, None, None) => vm.new_str(""),
        (Some(o), None, None) => vm.str(o)?,
        (o, enc, errors) => {
            let data = crate::objects::bytes::bytes_of(vm, o.as_ref().unwrap_or(&Value::None))
                .map_err(|_| {
                    vm.type_error(format!(
                        "decoding to str: need a bytes-like object, {} found",
                        o.as_ref().map(|v| vm.type_name(v)).unwrap_or_default()
                    ))
                })?;
            let enc = match enc {
                Some(e) => argparse::str_arg(vm, e, "str() argument 'encoding'")?,
                None => "utf-8".to_owned(),
            };
            let errors = match errors {
                Some(e) => argparse::str_arg(vm, e, "str() argument 'errors'")?,
                None => "strict".to_owned(),
            };
            crate::objects::bytes::decode(vm, &data, &enc, &errors)?
        }
    };
    if cls.is(&vm.types.str) {
        return Ok(value);
    }
    let s = as_str(&value)
        .map(clone_str)
        .unwrap_or_else(|| PyStr::new(""));
    Ok(Value::Obj(Obj::with_dict(
        cls.clone(),
        Some(vm.new_dict()),
        Payload::StrSub(s),
    )))
}

fn str_encode(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let s = this(vm, &args, "encode")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = argparse::bind(vm, &rest, "encode", &["encoding", "errors"], 0)?;
    let enc = match &bound[0] {
        Some(e) => argparse::str_arg(vm, e, "encode() argument 'encoding'")?,
        None => "utf-8".to_owned(),
    };
    let errors = match &bound[1] {
        Some(e) => argparse::str_arg(vm, e, "encode() argument 'errors'")?,
        None => "strict".to_owned(),
    };
    crate::objects::bytes::encode(vm, s, &enc, &errors)
}

fn str_translate(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (s, rest) = argparse::method_args(vm, &args, "translate", 1, 1)?;
    let Some(so) = as_str(s) else {
        return Ok(Value::None);
    };
    let table = rest[0].clone();
    let mut out: Vec<u32> = Vec::new();
    for c in so.code_points() {
        match vm.get_item(&table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(v) => {
                if let Some(i) = crate::objects::int::as_int(&v) {
                    let i = i.to_big();
                    let cp = num_traits::ToPrimitive::to_u32(&i).filter(|c| *c <= 0x10FFFF);
                    match cp {
                        Some(cp) => out.push(cp),
                        None => {
                            return Err(
                                vm.value_error("character mapping must be in range(0x110000)")
                            );
                        }
                    }
                } else if let Some(t) = as_str(&v) {
                    out.extend(t.code_points());
                } else {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            }
            Err(e) if vm.is_instance_of(&e.value(), &vm.exc.lookup_error.clone()) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(vm.new_str_obj(PyStr::from_code_points(out)))
}

fn str_maketrans(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = argparse::between(vm, &args, "maketrans", 1, 3)?;
    let d = vm.new_dict();
    if pos.len() == 1 {
        let Some(Payload::Dict(t)) = pos[0].payload() else {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        let items = t.borrow().items();
        for (k, v) in items {
            let key = match as_str(&k) {
                Some(s) if s.char_len() == 1 => Value::Int(s.code_point_at(0).unwrap_or(0) as i64),
                Some(_) => {
                    return Err(
                        vm.value_error("string keys in translate table must be of length 1")
                    );
                }
                None => k,
            };
            crate::ops::mapping::dict_set(vm, &d, key, v)?;
        }
        return Ok(Value::Obj(d));
    }
    let x = as_str(&pos[0]).map(|s| s.code_points()).ok_or_else(|| {
        vm.type_error("first maketrans argument must be a string if there is a second argument")
    })?;
    let y = as_str(&pos[1])
        .map(|s| s.code_points())
        .ok_or_else(|| vm.type_error("maketrans() argument 2 must be str"))?;
    if x.len() != y.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.iter().zip(y.iter()) {
        crate::ops::mapping::dict_set(vm, &d, Value::Int(*a as i64), Value::Int(*b as i64))?;
    }
    if let Some(z) = pos.get(2) {
        let z = as_str(z).map(|s| s.code_points()).unwrap_or_default();
        for c in z {
            crate::ops::mapping::dict_set(vm, &d, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Obj(d))
}
