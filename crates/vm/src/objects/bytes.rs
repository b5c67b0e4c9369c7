//! `bytes` and `bytearray`, and text encoding/decoding.

use std::cell::RefCell;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{IterState, Payload};
use crate::objects::{method, staticmethod};
use crate::ops::CompareOp;
use crate::str::StrObj;
use crate::value::{Obj, Value};
use crate::vm::Vm;

#[path = "bytes_methods.rs"]
mod bytes_methods;

/// The bytes of a bytes-like object.
pub fn bytes_of(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        Some(Payload::ByteArray(b)) => Ok(b.borrow().clone()),
        Some(Payload::MemoryView(_)) => crate::objects::memoryview::bytes_of_view(vm, v),
        _ => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `bytes(v)` for a single argument that is no int: bytes-like objects, `__bytes__`, or an
/// iterable of ints in range(256) (as `int.from_bytes` takes).
pub fn bytes_from_object(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Ok(b) = bytes_of(vm, v) {
        return Ok(b);
    }
    let name = vm.intern("__bytes__");
    if let Some(r) = vm.call_special(v, &name, &[])? {
        return bytes_of(vm, &r);
    }
    if crate::objects::str::as_str(v).is_some() {
        return Err(vm.type_error("cannot convert 'str' object to bytes"));
    }
    bytes_from_ints(vm, v, "bytes")
}

/// The bytes of an iterable of ints in range(256), for `bytes(it)`/`bytearray(it)` (`what`
/// names the type in the error when `it` is no iterable).
fn bytes_from_ints(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Vec<u8>> {
    let items = vm.collect(v).map_err(|_| {
        vm.type_error(format!(
            "cannot convert '{}' object to {what}",
            vm.type_name(v)
        ))
    })?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let n = argparse::index_i64(vm, &it)?;
        if !(0..256).contains(&n) {
            // CPython words it per type: bytes_new says "bytes", bytearray's init "byte".
            let noun = if what == "bytearray" { "byte" } else { "bytes" };
            return Err(vm.value_error(format!("{noun} must be in range(0, 256)")));
        }
        out.push(n as u8);
    }
    Ok(out)
}

fn normalize_encoding(enc: &str) -> String {
    enc.to_ascii_lowercase().replace('_', "-")
}

/// A `UnicodeDecodeError`/`UnicodeEncodeError` made as CPython's codecs make them: by calling
/// the class with `(encoding, object, start, end, reason)`, so that the attributes are set and
/// `str()` formats CPython's message from them.
pub fn unicode_error(
    vm: &mut Vm,
    decode: bool,
    encoding: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> crate::error::PyErr {
    let class = if decode {
        vm.exc.unicode_decode_error.clone()
    } else {
        vm.exc.unicode_encode_error.clone()
    };
    let args = [
        vm.new_str(encoding),
        object,
        Value::Int(start as i64),
        Value::Int(end as i64),
        vm.new_str(reason),
    ];
    match vm.call(&Value::Obj(class), crate::function::Args::new(&args)) {
        Ok(Value::Obj(exc)) => crate::error::PyErr::new(exc),
        Ok(_) => vm.system_error("the codec error class returned a non-exception"),
        Err(e) => e,
    }
}

/// UTF-8 with invalid sequences, under an error handler: each maximal invalid subpart (as
/// CPython delimits them) is reported with CPython's reason, or replaced/skipped/escaped.
fn decode_utf8_with_errors(vm: &mut Vm, data: &[u8], errors: &str) -> PyResult {
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut pos = 0;
    while pos < data.len() {
        let rest = &data[pos..];
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => {
                let good = e.valid_up_to();
                let text = std::str::from_utf8(&rest[..good]).unwrap_or("");
                (text, Some((good, e.error_len())))
            }
        };
        out.extend(valid.chars().map(|c| c as u32));
        let Some((good, bad_len)) = bad else { break };
        let start = pos + good;
        let end = start + bad_len.unwrap_or(rest.len() - good).max(1);
        let first = data[start];
        match errors {
            "replace" => out.push(0xFFFD),
            "ignore" => {}
            "backslashreplace" => {
                for b in &data[start..end] {
                    out.extend(format!("\\x{b:02x}").chars().map(|c| c as u32));
                }
            }
            "surrogateescape" => out.extend(data[start..end].iter().map(|&b| 0xDC00 + b as u32)),
            _ => {
                let reason = if (0x80..0xC2).contains(&first) || first >= 0xF5 {
                    "invalid start byte"
                } else if bad_len.is_none() {
                    "unexpected end of data"
                } else {
                    "invalid continuation byte"
                };
                let object = vm.new_bytes(data.to_vec());
                return Err(unicode_error(vm, true, "utf-8", object, start, end, reason));
            }
        }
        pos = end;
    }
    Ok(vm.new_str_obj(crate::str::PyStr::from_code_points(out)))
}

/// `bytes.decode(encoding, errors)`.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult {
    match normalize_encoding(encoding).as_str() {
        "utf-8" | "utf8" | "u8" => match std::str::from_utf8(data) {
            Ok(s) => Ok(vm.new_str(s)),
            Err(_) => decode_utf8_with_errors(vm, data, errors),
        },
        "ascii" | "us-ascii" => {
            if let Some(pos) = data.iter().position(|b| *b >= 0x80)
                && errors == "strict"
            {
                let object = vm.new_bytes(data.to_vec());
                let reason = "ordinal not in range(128)";
                return Err(unicode_error(
                    vm,
                    true,
                    "ascii",
                    object,
                    pos,
                    pos + 1,
                    reason,
                ));
            }
            let s: String = data
                .iter()
                .filter_map(|&b| {
                    if b < 0x80 {
                        Some(b as char)
                    } else if errors == "replace" {
                        Some('\u{FFFD}')
                    } else {
                        None
                    }
                })
                .collect();
            Ok(vm.new_string(s))
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => {
            let s: String = data.iter().map(|&b| b as char).collect();
            Ok(vm.new_string(s))
        }
        other => match crate::objects::utf_wide::Wide::from_name(other) {
            Some(codec) => crate::objects::utf_wide::decode(vm, data, codec, errors),
            None => Err(vm.error(
                &vm.exc.lookup_error.clone(),
                format!("unknown encoding: {other}"),
            )),
        },
    }
}

/// `str.encode(encoding, errors)`.
pub fn encode(vm: &mut Vm, s: &StrObj, encoding: &str, errors: &str) -> PyResult {
    let codec = match normalize_encoding(encoding).as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => {
            if let Some(t) = s.as_str() {
                return Ok(vm.new_bytes(t.as_bytes().to_vec()));
            }
            Codec::Utf8
        }
        "ascii" | "us-ascii" | "646" => Codec::Ascii,
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "latin" | "8859" | "cp819" => {
            Codec::Latin1
        }
        "utf-16" | "utf16" => Codec::Utf16 {
            big: false,
            bom: true,
        },
        "utf-16-le" | "utf-16le" => Codec::Utf16 {
            big: false,
            bom: false,
        },
        "utf-16-be" | "utf-16be" => Codec::Utf16 {
            big: true,
            bom: false,
        },
        "utf-32" | "utf32" => Codec::Utf32 {
            big: false,
            bom: true,
        },
        "utf-32-le" | "utf-32le" => Codec::Utf32 {
            big: false,
            bom: false,
        },
        "utf-32-be" | "utf-32be" => Codec::Utf32 {
            big: true,
            bom: false,
        },
        _ => {
            return Err(vm.error(
                &vm.exc.lookup_error.clone(),
                format!("unknown encoding: {encoding}"),
            ));
        }
    };
    let points = s.code_points();
    let mut out = Vec::with_capacity(points.len());
    codec.start(&mut out);
    let mut i = 0;
    while i < points.len() {
        let c = points[i];
        if codec.encode_one(c, &mut out) {
            i += 1;
            continue;
        }
        // A run of characters the codec cannot encode, reported or replaced together.
        let mut end = i + 1;
        while end < points.len() && !codec.can_encode(points[end]) {
            end += 1;
        }
        match errors {
            "ignore" => {}
            "replace" => {
                for _ in i..end {
                    codec.encode_one('?' as u32, &mut out);
                }
            }
            "xmlcharrefreplace" => {
                for &p in &points[i..end] {
                    for ch in format!("&#{p};").chars() {
                        codec.encode_one(ch as u32, &mut out);
                    }
                }
            }
            "backslashreplace" => {
                for &p in &points[i..end] {
                    let esc = if p < 0x100 {
                        format!("\\x{p:02x}")
                    } else if p < 0x10000 {
                        format!("\\u{p:04x}")
                    } else {
                        format!("\\U{p:08x}")
                    };
                    for ch in esc.chars() {
                        codec.encode_one(ch as u32, &mut out);
                    }
                }
            }
            "surrogateescape" if points[i..end].iter().all(|p| (0xDC80..0xDD00).contains(p)) => {
                out.extend(points[i..end].iter().map(|p| (p - 0xDC00) as u8));
            }
            "surrogatepass" if points[i..end].iter().all(|p| (0xD800..0xE000).contains(p)) => {
                for &p in &points[i..end] {
                    codec.encode_surrogate(p, &mut out);
                }
            }
            _ => {
                let reason = codec.reason();
                let name = codec.name();
                let object = vm.new_str_obj(crate::str::PyStr::from_code_points(points.clone()));
                return Err(unicode_error(vm, false, name, object, i, end, reason));
            }
        }
        i = end;
    }
    Ok(vm.new_bytes(out))
}

/// The text encodings `str.encode` knows.
#[derive(Clone, Copy)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
    Utf16 { big: bool, bom: bool },
    Utf32 { big: bool, bom: bool },
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16 {
                big: false,
                bom: false,
            } => "utf-16-le",
            Codec::Utf16 { big: true, .. } => "utf-16-be",
            Codec::Utf16 { .. } => "utf-16",
            Codec::Utf32 {
                big: false,
                bom: false,
            } => "utf-32-le",
            Codec::Utf32 { big: true, .. } => "utf-32-be",
            Codec::Utf32 { .. } => "utf-32",
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Codec::Ascii => "ordinal not in range(128)",
            Codec::Latin1 => "ordinal not in range(256)",
            _ => "surrogates not allowed",
        }
    }

    fn can_encode(self, c: u32) -> bool {
        match self {
            Codec::Ascii => c < 0x80,
            Codec::Latin1 => c < 0x100,
            _ => !(0xD800..0xE000).contains(&c),
        }
    }

    fn start(self, out: &mut Vec<u8>) {
        match self {
            Codec::Utf16 { bom: true, .. } => out.extend_from_slice(&[0xFF, 0xFE]),
            Codec::Utf32 { bom: true, .. } => out.extend_from_slice(&[0xFF, 0xFE, 0, 0]),
            _ => {}
        }
    }

    fn push_unit16(big: bool, u: u16, out: &mut Vec<u8>) {
        out.extend_from_slice(&if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }

    /// Encode one code point; `false` when this codec cannot.
    fn encode_one(self, c: u32, out: &mut Vec<u8>) -> bool {
        if !self.can_encode(c) {
            return false;
        }
        self.encode_surrogate(c, out);
        true
    }

    /// Encode a code point without the surrogate check (`surrogatepass`).
    fn encode_surrogate(self, c: u32, out: &mut Vec<u8>) {
        match self {
            Codec::Utf8 => taipan_text::push_code_point(out, c),
            Codec::Ascii | Codec::Latin1 => out.push(c as u8),
            Codec::Utf16 { big, .. } => {
                if c >= 0x10000 {
                    let v = c - 0x10000;
                    Codec::push_unit16(big, (0xD800 + (v >> 10)) as u16, out);
                    Codec::push_unit16(big, (0xDC00 + (v & 0x3FF)) as u16, out);
                } else {
                    Codec::push_unit16(big, c as u16, out);
                }
            }
            Codec::Utf32 { big, .. } => out.extend_from_slice(&if big {
                c.to_be_bytes()
            } else {
                c.to_le_bytes()
            }),
        }
    }
}

fn this_bytes(vm: &Vm, args: &Args<'_>) -> PyResult<Vec<u8>> {
    bytes_of(vm, args.values.first().unwrap_or(&Value::None))
}

pub(crate) fn make_like(vm: &Vm, like: &Value, data: Vec<u8>) -> Value {
    match like.payload() {
        Some(Payload::ByteArray(_)) => Value::Obj(Obj::new(
            vm.types.bytearray.clone(),
            Payload::ByteArray(RefCell::new(data)),
        )),
        _ => vm.new_bytes(data),
    }
}

/// `bytes(x)` / `bytearray(x)` contents.
fn construct(vm: &mut Vm, args: &Args<'_>, what: &str) -> PyResult<Vec<u8>> {
    let b = argparse::bind(vm, args, what, &["source", "encoding", "errors"], 0)?;
    match (&b[0], &b[1]) {
        (None, _) => Ok(Vec::new()),
        (Some(src), Some(enc)) => {
            let Some(s) = crate::objects::str::as_str(src) else {
                return Err(vm.type_error("encoding without a string argument"));
            };
            let enc = argparse::str_arg(vm, enc, "encoding")?;
            let errors = match &b[2] {
                Some(e) => argparse::str_arg(vm, e, "errors")?,
                None => "strict".to_owned(),
            };
            let r = encode(vm, s, &enc, &errors)?;
            bytes_of(vm, &r)
        }
        (Some(src), None) => {
            if crate::objects::str::as_str(src).is_some() {
                return Err(vm.type_error("string argument without an encoding"));
            }
            if let Ok(b) = bytes_of(vm, src) {
                return Ok(b);
            }
            // `bytes(obj)` asks `obj.__bytes__()` first (bytearray does not), as CPython's
            // bytes_new; a non-bytes result is a TypeError.
            let dunder = vm.intern("__bytes__");
            if what == "bytes"
                && matches!(src, Value::Obj(_))
                && let Some(r) = vm.call_special(src, &dunder, &[])?
            {
                if !matches!(r.payload(), Some(Payload::Bytes(_))) {
                    return Err(vm.type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        vm.type_name(&r)
                    )));
                }
                return bytes_of(vm, &r);
            }
            if let Some(i) = crate::objects::int::as_int(src) {
                let _ = i;
                let n = argparse::index_i64(vm, src)?;
                if n < 0 {
                    return Err(vm.value_error("negative count"));
                }
                if n > (1 << 34) {
                    return Err(vm.memory_error());
                }
                return Ok(vec![0; n as usize]);
            }
            bytes_from_ints(vm, src, what)
        }
    }
}

pub(crate) fn init(vm: &mut Vm) {
    let b = vm.types.bytes.clone();
    staticmethod(vm, &b, "__new__", |vm, a| {
        let Some(Value::Obj(cls)) = a.values.first() else {
            return Ok(Value::None);
        };
        let cls = cls.clone();
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let data = construct(vm, &rest, "bytes")?;
        if cls.is(&vm.types.bytes) {
            return Ok(vm.new_bytes(data));
        }
        Ok(Value::Obj(Obj::with_dict(
            cls.clone(),
            Some(vm.new_dict()),
            Payload::Bytes(data.into_boxed_slice()),
        )))
    });
    let ba = vm.types.bytearray.clone();
    staticmethod(vm, &ba, "__new__", |_vm, a| {
        let Some(Value::Obj(cls)) = a.values.first() else {
            return Ok(Value::None);
        };
        Ok(Value::Obj(Obj::new(
            cls.clone(),
            Payload::ByteArray(RefCell::new(Vec::new())),
        )))
    });
    method(vm, &ba, "__init__", |vm, a| {
        let rest = Args {
            values: &a.values[1..],
            kwnames: a.kwnames,
        };
        let data = construct(vm, &rest, "bytearray")?;
        if let Some(Payload::ByteArray(b)) = a.values.first().and_then(|v| v.payload()) {
            *b.borrow_mut() = data;
        }
        Ok(Value::None)
    });
    method(vm, &ba, "append", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "append", 1, 1)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        let n = argparse::index_i64(vm, &rest[0])?;
        if !(0..256).contains(&n) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
        if let Some(Payload::ByteArray(b)) = this.payload() {
            b.borrow_mut().push(n as u8);
        }
        Ok(Value::None)
    });
    method(vm, &ba, "extend", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "extend", 1, 1)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        let data = match bytes_of(vm, &rest[0]) {
            Ok(d) => d,
            Err(_) => {
                let items = vm.collect(&rest[0])?;
                let mut out = Vec::new();
                for it in items {
                    let n = argparse::index_i64(vm, &it)?;
                    if !(0..256).contains(&n) {
                        return Err(vm.value_error("byte must be in range(0, 256)"));
                    }
                    out.push(n as u8);
                }
                out
            }
        };
        if let Some(Payload::ByteArray(b)) = this.payload() {
            b.borrow_mut().extend(data);
        }
        Ok(Value::None)
    });
    crate::objects::set_type_attr(vm, &ba, "__hash__", Value::None);
    for class in [b.clone(), ba.clone()] {
        method(vm, &class, "__repr__", |vm, a| {
            let data = this_bytes(vm, &a)?;
            let r = taipan_text::bytes_repr(&data);
            let this = &a.values[0];
            Ok(match this.payload() {
                // CPython's bytearray repr escapes every single quote, even inside a
                // double-quoted literal.
                Some(Payload::ByteArray(_)) => {
                    let r = if r.starts_with("b\"") {
                        r.replace('\'', "\\'")
                    } else {
                        r
                    };
                    vm.new_string(format!("bytearray({r})"))
                }
                _ => vm.new_string(r),
            })
        });
        method(vm, &class, "__len__", |vm, a| {
            Ok(Value::Int(this_bytes(vm, &a)?.len() as i64))
        });
        method(vm, &class, "__iter__", |vm, a| {
            let this = a.values.first().cloned().unwrap_or(Value::None);
            Ok(crate::objects::iter::new_iterator(
                vm,
                &vm.types.bytes_iterator.clone(),
                IterState::Bytes {
                    bytes: this,
                    index: 0,
                },
            ))
        });
        method(vm, &class, "__getitem__", |vm, a| {
            let (this, rest) = argparse::method_args(vm, &a, "__getitem__", 1, 1)?;
            let data = bytes_of(vm, this)?;
            if let Some(Payload::Slice { .. }) = rest[0].payload() {
                let (start, _, step, count) =
                    crate::objects::slice::indices(vm, &rest[0], data.len())?;
                let mut out = Vec::with_capacity(count);
                let mut i = start;
                for _ in 0..count {
                    out.push(data[i as usize]);
                    i += step;
                }
                return Ok(make_like(vm, this, out));
            }
            let i = crate::objects::list::index_arg(vm, &rest[0], "byte")?;
            let idx = if i < 0 { i + data.len() as i64 } else { i };
            match data.get(idx as usize).filter(|_| idx >= 0) {
                Some(b) => Ok(Value::Int(*b as i64)),
                None => Err(vm.index_error("index out of range")),
            }
        });
        method(vm, &class, "__contains__", |vm, a| {
            let (this, rest) = argparse::method_args(vm, &a, "__contains__", 1, 1)?;
            let data = bytes_of(vm, this)?;
            if let Some(i) = crate::objects::int::as_int(&rest[0]) {
                let _ = i;
                let n = argparse::index_i64(vm, &rest[0])
                    .map_err(|_| vm.value_error("byte must be in range(0, 256)"))?;
                if !(0..256).contains(&n) {
                    return Err(vm.value_error("byte must be in range(0, 256)"));
                }
                return Ok(Value::bool(data.contains(&(n as u8))));
            }
            let needle = bytes_of(vm, &rest[0])?;
            Ok(Value::bool(
                needle.is_empty() || data.windows(needle.len()).any(|w| w == needle.as_slice()),
            ))
        });
        method(vm, &class, "__add__", |vm, a| {
            let (this, rest) = argparse::method_args(vm, &a, "__add__", 1, 1)?;
            let mut data = bytes_of(vm, this)?;
            let other = bytes_of(vm, &rest[0]).map_err(|_| {
                vm.type_error(format!(
                    "can't concat {} to {}",
                    vm.type_name(&rest[0]),
                    vm.type_name(this)
                ))
            })?;
            data.extend(other);
            Ok(make_like(vm, this, data))
        });
        method(vm, &class, "__mul__", bytes_repeat);
        method(vm, &class, "__rmul__", bytes_repeat);
        crate::objects::comparison_methods!(vm, &class, |vm, a, op| bytes_cmp(vm, a, op));
        method(vm, &class, "decode", |vm, a| {
            let data = this_bytes(vm, &a)?;
            let rest = Args {
                values: &a.values[1..],
                kwnames: a.kwnames,
            };
            let bnd = argparse::bind(vm, &rest, "decode", &["encoding", "errors"], 0)?;
            let enc = match &bnd[0] {
                Some(e) => argparse::str_arg(vm, e, "decode() argument 'encoding'")?,
                None => "utf-8".to_owned(),
            };
            let errors = match &bnd[1] {
                Some(e) => argparse::str_arg(vm, e, "decode() argument 'errors'")?,
                None => "strict".to_owned(),
            };
            decode(vm, &data, &enc, &errors)
        });
        method(vm, &class, "join", |vm, a| {
            let (this, rest) = argparse::method_args(vm, &a, "join", 1, 1)?;
            let sep = bytes_of(vm, this)?;
            let items = vm.collect(&rest[0])?;
            let mut out = Vec::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(&sep);
                }
                let b = bytes_of(vm, it).map_err(|_| {
                    vm.type_error(format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        vm.type_name(it)
                    ))
                })?;
                out.extend(b);
            }
            Ok(make_like(vm, this, out))
        });
    }
    method(vm, &b, "__hash__", |vm, a| {
        let data = this_bytes(vm, &a)?;
        Ok(Value::Int(vm.hash_secret().hash_bytes(&data)))
    });
    for class in [b.clone(), ba.clone()] {
        crate::objects::classmethod(vm, &class, "fromhex", bytes_fromhex);
    }
    method(vm, &b, "__bytes__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__bytes__", 0, 0)?;
        if matches!(this, Value::Obj(o) if o.dict().is_none()) {
            return Ok(this.clone());
        }
        let data = bytes_of(vm, this)?;
        Ok(vm.new_bytes(data))
    });
    bytes_methods::init(vm);
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)`: pairs of hex digits, ASCII whitespace allowed
/// between pairs; the error gives the position of the offending character, as CPython's.
fn bytes_fromhex(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (cls, rest) = argparse::method_args(vm, &args, "fromhex", 1, 1)?;
    let s = argparse::str_arg(vm, &rest[0], "fromhex() argument")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    let bad = |vm: &Vm, at: usize| {
        vm.value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {at}"
        ))
    };
    while i < chars.len() {
        if matches!(chars[i], ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
            i += 1;
            continue;
        }
        let Some(h) = chars[i].to_digit(16) else {
            return Err(bad(vm, i));
        };
        let Some(l) = chars.get(i + 1).and_then(|c| c.to_digit(16)) else {
            return Err(bad(vm, i + 1));
        };
        out.push((h * 16 + l) as u8);
        i += 2;
    }
    let cls = cls.clone();
    if cls.is(&Value::Obj(vm.types.bytes.clone())) {
        return Ok(vm.new_bytes(out));
    }
    if cls.is(&Value::Obj(vm.types.bytearray.clone())) {
        return Ok(Value::Obj(Obj::new(
            vm.types.bytearray.clone(),
            Payload::ByteArray(RefCell::new(out)),
        )));
    }
    let data = vm.new_bytes(out);
    vm.call1(&cls, data)
}

/// `b * n` / `n * b`: a sequence repeat, with CPython's "can't multiply sequence by non-int"
/// for a count that is no index.
fn bytes_repeat(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__mul__", 1, 1)?;
    let data = bytes_of(vm, this)?;
    if crate::objects::int::as_int(&rest[0]).is_none() {
        let class = vm.class_of(&rest[0]);
        let index = vm.names.__index__.clone();
        if crate::ops::attr::type_lookup(vm, &class, &index).is_none() {
            return Err(vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                vm.type_name(&rest[0])
            )));
        }
    }
    let n = crate::objects::str::repeat_count(vm, &rest[0])?.max(0) as usize;
    let bytes = matches!(this.payload(), Some(Payload::Bytes(_)));
    if bytes && !data.is_empty() && n > (i64::MAX as usize) / data.len() {
        return Err(vm.overflow_error("repeated bytes are too long"));
    }
    if data.len().saturating_mul(n) > (1 << 34) {
        return Err(vm.memory_error());
    }
    Ok(make_like(vm, this, data.repeat(n)))
}

fn bytes_cmp(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__eq__", 1, 1)?;
    let a = bytes_of(vm, this)?;
    let Ok(b) = bytes_of(vm, &rest[0]) else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(Value::bool(op.test(a.cmp(&b))))
}
