//! The searching, splitting, padding, case and classification methods shared by `bytes` and
//! `bytearray` (CPython's `bytes_methods.c` set: ASCII-only case and classes), and the
//! `bytearray` mutators. Results keep the receiver's type, as CPython's do.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::bytes::{bytes_of, make_like};
use crate::objects::{classmethod, method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Python's `bytes.isspace` set: space, \t, \n, \r, \x0b, \x0c.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn receiver(vm: &Vm, args: &Args<'_>) -> PyResult<(Value, Vec<u8>)> {
    let v = args.values.first().cloned().unwrap_or(Value::None);
    let data = bytes_of(vm, &v)?;
    Ok((v, data))
}

fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    }
}

/// A bytes-like argument, with CPython's message naming the method's argument.
fn bytes_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    bytes_of(vm, v).map_err(|_| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// A search argument: a bytes-like object or an int in range(256).
fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if crate::objects::int::as_int(v).is_some() {
        let n = argparse::index_i64(vm, v)?;
        if !(0..256).contains(&n) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
        return Ok(vec![n as u8]);
    }
    bytes_of(vm, v).map_err(|_| {
        vm.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// Slice-like `start`/`end` bounds: `start` may exceed `len` (then nothing is found).
fn range(
    vm: &mut Vm,
    len: usize,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<(usize, usize)> {
    let norm = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let big = crate::objects::int::index_value(vm, v)?;
                let i = num_traits::ToPrimitive::to_i64(&big).unwrap_or(
                    if big.sign() == num_bigint::Sign::Minus {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    },
                );
                Ok(if i < 0 { (i + len as i64).max(0) } else { i })
            }
        }
    };
    let s = norm(vm, start, 0)?;
    let e = norm(vm, end, len as i64)?.min(len as i64);
    Ok((s as usize, e as usize))
}

fn find_in(hay: &[u8], needle: &[u8], right: bool) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(if right { hay.len() } else { 0 });
    }
    let mut it = hay.windows(needle.len());
    if right {
        it.rposition(|w| w == needle)
    } else {
        it.position(|w| w == needle)
    }
}

fn count_in(hay: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return hay.len() + 1;
    }
    let mut n = 0;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if &hay[i..i + needle.len()] == needle {
            n += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    n
}

fn bfind(vm: &mut Vm, args: Args<'_>, name: &str, right: bool, raise: bool) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, name, 1, 3)?;
    let data = bytes_of(vm, this)?;
    let needle = sub_arg(vm, &r[0])?;
    let (st, en) = range(vm, data.len(), r.get(1), r.get(2))?;
    let found = if st > data.len() || en < st {
        None
    } else {
        find_in(&data[st..en], &needle, right).map(|p| p + st)
    };
    match found {
        Some(i) => Ok(Value::Int(i as i64)),
        None if raise => Err(vm.value_error("subsection not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn bcount(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, "count", 1, 3)?;
    let data = bytes_of(vm, this)?;
    let needle = sub_arg(vm, &r[0])?;
    let (st, en) = range(vm, data.len(), r.get(1), r.get(2))?;
    if st > data.len() || en < st {
        return Ok(Value::Int(0));
    }
    Ok(Value::Int(count_in(&data[st..en], &needle) as i64))
}

fn baffix(vm: &mut Vm, args: Args<'_>, prefix: bool) -> PyResult {
    let name = if prefix { "startswith" } else { "endswith" };
    let (this, r) = argparse::method_args(vm, &args, name, 1, 3)?;
    let data = bytes_of(vm, this)?;
    let (st, en) = range(vm, data.len(), r.get(1), r.get(2))?;
    let candidates: Vec<Value> = match r[0].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![r[0].clone()],
    };
    for c in &candidates {
        let Ok(p) = bytes_of(vm, c) else {
            return Err(vm.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                vm.type_name(c)
            )));
        };
        if st > data.len() || st > en {
            continue;
        }
        let w = &data[st..en];
        if (prefix && w.starts_with(&p)) || (!prefix && w.ends_with(&p)) {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn bsplit(vm: &mut Vm, args: Args<'_>, right: bool) -> PyResult {
    let name = if right { "rsplit" } else { "split" };
    let (this, data) = receiver(vm, &args)?;
    let b = argparse::bind(vm, &rest(&args), name, &["sep", "maxsplit"], 0)?;
    let max = match &b[1] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<&[u8]> = Vec::new();
    match &b[0] {
        None | Some(Value::None) => {
            // Runs of ASCII whitespace separate; leading/trailing runs give no empty parts.
            if right {
                let mut end = data.len();
                loop {
                    while end > 0 && is_space(data[end - 1]) {
                        end -= 1;
                    }
                    if end == 0 {
                        break;
                    }
                    if parts.len() == max {
                        parts.push(&data[..end]);
                        break;
                    }
                    let mut start = end;
                    while start > 0 && !is_space(data[start - 1]) {
                        start -= 1;
                    }
                    parts.push(&data[start..end]);
                    end = start;
                }
                parts.reverse();
            } else {
                let mut start = 0;
                loop {
                    while start < data.len() && is_space(data[start]) {
                        start += 1;
                    }
                    if start >= data.len() {
                        break;
                    }
                    if parts.len() == max {
                        parts.push(&data[start..]);
                        break;
                    }
                    let mut end = start;
                    while end < data.len() && !is_space(data[end]) {
                        end += 1;
                    }
                    parts.push(&data[start..end]);
                    start = end;
                }
            }
        }
        Some(sep) => {
            let sep = bytes_arg(vm, sep)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if right {
                let mut end = data.len();
                while parts.len() < max {
                    match find_in(&data[..end], &sep, true) {
                        Some(p) => {
                            parts.push(&data[p + sep.len()..end]);
                            end = p;
                        }
                        None => break,
                    }
                }
                parts.push(&data[..end]);
                parts.reverse();
            } else {
                let mut start = 0;
                while parts.len() < max {
                    match find_in(&data[start..], &sep, false) {
                        Some(p) => {
                            parts.push(&data[start..start + p]);
                            start += p + sep.len();
                        }
                        None => break,
                    }
                }
                parts.push(&data[start..]);
            }
        }
    }
    let items = parts
        .into_iter()
        .map(|p| make_like(vm, &this, p.to_vec()))
        .collect();
    Ok(vm.new_list(items))
}

fn bsplitlines(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, data) = receiver(vm, &args)?;
    let b = argparse::bind(vm, &rest(&args), "splitlines", &["keepends"], 0)?;
    let keep = match &b[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut items = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < data.len() {
        let eol = match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => 0,
        };
        if eol == 0 {
            i += 1;
            continue;
        }
        let end = if keep { i + eol } else { i };
        items.push(make_like(vm, &this, data[start..end].to_vec()));
        i += eol;
        start = i;
    }
    if start < data.len() {
        items.push(make_like(vm, &this, data[start..].to_vec()));
    }
    Ok(vm.new_list(items))
}

fn bpartition(vm: &mut Vm, args: Args<'_>, right: bool) -> PyResult {
    let name = if right { "rpartition" } else { "partition" };
    let (this, r) = argparse::method_args(vm, &args, name, 1, 1)?;
    let data = bytes_of(vm, this)?;
    let sep = bytes_arg(vm, &r[0])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let parts = match find_in(&data, &sep, right) {
        Some(p) => [
            data[..p].to_vec(),
            sep.clone(),
            data[p + sep.len()..].to_vec(),
        ],
        None if right => [Vec::new(), Vec::new(), data.clone()],
        None => [data.clone(), Vec::new(), Vec::new()],
    };
    let items = parts.into_iter().map(|p| make_like(vm, this, p)).collect();
    Ok(vm.new_tuple(items))
}

#[derive(Clone, Copy)]
enum Side {
    Both,
    Left,
    Right,
}

fn bstrip(vm: &mut Vm, args: Args<'_>, side: Side, name: &str) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, name, 0, 1)?;
    let data = bytes_of(vm, this)?;
    let set: Option<Vec<u8>> = match r.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_arg(vm, v)?),
    };
    let strip = |b: u8| match &set {
        Some(s) => s.contains(&b),
        None => is_space(b),
    };
    let mut s = 0;
    let mut e = data.len();
    if matches!(side, Side::Both | Side::Left) {
        while s < e && strip(data[s]) {
            s += 1;
        }
    }
    if matches!(side, Side::Both | Side::Right) {
        while e > s && strip(data[e - 1]) {
            e -= 1;
        }
    }
    Ok(make_like(vm, this, data[s..e].to_vec()))
}

fn breplace(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, "replace", 2, 3)?;
    let data = bytes_of(vm, this)?;
    let old = bytes_arg(vm, &r[0])?;
    let new = bytes_arg(vm, &r[1])?;
    let count = match r.get(2) {
        Some(v) => argparse::index_i64(vm, v)?,
        None => -1,
    };
    let mut left = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let mut out = Vec::with_capacity(data.len());
    if old.is_empty() {
        // As CPython: the new bytes go before every byte and at the end.
        for &b in &data {
            if left > 0 {
                out.extend_from_slice(&new);
                left -= 1;
            }
            out.push(b);
        }
        if left > 0 {
            out.extend_from_slice(&new);
        }
        return Ok(make_like(vm, this, out));
    }
    let mut i = 0;
    while i < data.len() {
        if left > 0 && data[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            left -= 1;
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    Ok(make_like(vm, this, out))
}

fn bcase(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&mut [u8])) -> PyResult {
    argparse::method_args(vm, &args, name, 0, 0)?;
    let (this, mut data) = receiver(vm, &args)?;
    f(&mut data);
    Ok(make_like(vm, &this, data))
}

fn bpredicate(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&[u8]) -> bool) -> PyResult {
    argparse::method_args(vm, &args, name, 0, 0)?;
    let (_, data) = receiver(vm, &args)?;
    Ok(Value::bool(f(&data)))
}

fn is_title(d: &[u8]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &b in d {
        if b.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn bpad(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, name, 1, 2)?;
    let data = bytes_of(vm, this)?;
    let width = argparse::index_i64(vm, &r[0])?.max(0) as usize;
    let fill = match r.get(1) {
        Some(f) => match bytes_of(vm, f) {
            Ok(b) if b.len() == 1 => b[0],
            Ok(b) => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    if b.is_empty() {
                        "bytes of length 0".to_owned()
                    } else {
                        format!("bytes of length {}", b.len())
                    }
                )));
            }
            Err(_) => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    vm.type_name(f)
                )));
            }
        },
        None => b' ',
    };
    if data.len() >= width {
        return Ok(make_like(vm, this, data));
    }
    if width > (1 << 32) {
        return Err(vm.memory_error());
    }
    let (left, right) = match name {
        "center" => taipan_text::unicode::center_padding(data.len(), width),
        "ljust" => taipan_text::unicode::ljust_padding(data.len(), width),
        _ => taipan_text::unicode::rjust_padding(data.len(), width),
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&data);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(make_like(vm, this, out))
}

fn bzfill(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, "zfill", 1, 1)?;
    let data = bytes_of(vm, this)?;
    let width = argparse::index_i64(vm, &r[0])?.max(0) as usize;
    if data.len() >= width {
        return Ok(make_like(vm, this, data));
    }
    if width > (1 << 32) {
        return Err(vm.memory_error());
    }
    let pad = width - data.len();
    let mut out = Vec::with_capacity(width);
    let (sign, body) = match data.first() {
        Some(&c @ (b'+' | b'-')) => (Some(c), &data[1..]),
        _ => (None, &data[..]),
    };
    out.extend(sign);
    out.extend(std::iter::repeat_n(b'0', pad));
    out.extend_from_slice(body);
    Ok(make_like(vm, this, out))
}

fn bexpandtabs(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, data) = receiver(vm, &args)?;
    let b = argparse::bind(vm, &rest(&args), "expandtabs", &["tabsize"], 0)?;
    let tab = match &b[0] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(data.len());
    let mut col: i64 = 0;
    for &c in &data {
        match c {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    if out.len() as i64 + n > (1 << 32) {
                        return Err(vm.memory_error());
                    }
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(make_like(vm, &this, out))
}

fn baffix_remove(vm: &mut Vm, args: Args<'_>, prefix: bool) -> PyResult {
    let name = if prefix {
        "removeprefix"
    } else {
        "removesuffix"
    };
    let (this, r) = argparse::method_args(vm, &args, name, 1, 1)?;
    let data = bytes_of(vm, this)?;
    let a = bytes_arg(vm, &r[0])?;
    let out = if prefix {
        data.strip_prefix(a.as_slice()).unwrap_or(&data)
    } else {
        data.strip_suffix(a.as_slice()).unwrap_or(&data)
    };
    Ok(make_like(vm, this, out.to_vec()))
}

fn bhex(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (_, data) = receiver(vm, &args)?;
    let b = argparse::bind(vm, &rest(&args), "hex", &["sep", "bytes_per_sep"], 0)?;
    let sep: Option<String> = match &b[0] {
        None => None,
        Some(v) => {
            let s = match v.as_str_obj() {
                Some(s) => s.to_lossy().into_owned(),
                _ => match bytes_of(vm, v) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(_) => return Err(vm.type_error("sep must be str or bytes.")),
                },
            };
            if s.chars().count() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if !s.is_ascii() {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(s)
        }
    };
    let per = match &b[1] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => 1,
    };
    let mut out = String::with_capacity(data.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, byte) in data.iter().enumerate() {
        if let Some(sep) = &sep
            && i > 0
            && group > 0
        {
            // Positive: groups counted from the right; negative: from the left.
            let boundary = if per > 0 {
                (data.len() - i) % group == 0
            } else {
                i % group == 0
            };
            if boundary {
                out.push_str(sep);
            }
        }
        out.push_str(&format!("{byte:02x}"));
    }
    Ok(vm.new_string(out))
}

fn btranslate(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, data) = receiver(vm, &args)?;
    let b = argparse::bind(vm, &rest(&args), "translate", &["table", "delete"], 1)?;
    let table: Option<Vec<u8>> = match &b[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let t = bytes_arg(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match &b[1] {
        Some(v) => bytes_arg(vm, v)?,
        None => Vec::new(),
    };
    let out: Vec<u8> = data
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| {
            table
                .as_ref()
                .and_then(|t| t.get(c as usize).copied())
                .unwrap_or(c)
        })
        .collect();
    Ok(make_like(vm, &this, out))
}

fn bmaketrans(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "maketrans", 2, 2)?;
    let from = bytes_arg(vm, &p[0])?;
    let to = bytes_arg(vm, &p[1])?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (a, b) in from.iter().zip(to.iter()) {
        table[*a as usize] = *b;
    }
    Ok(vm.new_bytes(table))
}

fn bytearray_data<'v>(vm: &Vm, v: &'v Value) -> PyResult<&'v std::cell::RefCell<Vec<u8>>> {
    match v.payload() {
        Some(Payload::ByteArray(b)) => Ok(b),
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'bytearray' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    if crate::objects::int::as_int(v).is_none() {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    let n = argparse::index_i64(vm, v)?;
    if !(0..256).contains(&n) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(n as u8)
}

/// The bytes an assigned value stands for (`ba[i:j] = value`).
fn assigned_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Ok(b) = bytes_of(vm, v) {
        return Ok(b);
    }
    if crate::objects::int::as_int(v).is_some() || crate::objects::str::as_str(v).is_some() {
        return Err(
            vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
        );
    }
    let items = vm.collect(v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        out.push(byte_value(vm, it)?);
    }
    Ok(out)
}

fn ba_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, "__setitem__", 2, 2)?;
    let cell = bytearray_data(vm, this)?;
    if let Some(Payload::Slice { .. }) = r[0].payload() {
        let new = assigned_bytes(vm, &r[1])?;
        let len = cell.borrow().len();
        let (start, stop, step, count) = crate::objects::slice::indices(vm, &r[0], len)?;
        let mut data = cell.borrow_mut();
        if step == 1 {
            let start = (start.max(0) as usize).min(len);
            let stop = (stop.max(0) as usize).clamp(start, len);
            data.splice(start..stop, new);
            return Ok(Value::None);
        }
        if new.len() != count {
            return Err(vm.value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {count}",
                new.len()
            )));
        }
        let mut i = start;
        for b in new {
            if let Some(slot) = data.get_mut(i as usize) {
                *slot = b;
            }
            i += step;
        }
        return Ok(Value::None);
    }
    let i = crate::objects::list::index_arg(vm, &r[0], "bytearray")?;
    let n = byte_value(vm, &r[1])?;
    let mut data = cell.borrow_mut();
    let idx = if i < 0 { i + data.len() as i64 } else { i };
    match data.get_mut(idx as usize).filter(|_| idx >= 0) {
        Some(slot) => *slot = n,
        None => return Err(vm.index_error("bytearray index out of range")),
    }
    Ok(Value::None)
}

fn ba_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, r) = argparse::method_args(vm, &args, "__delitem__", 1, 1)?;
    crate::objects::memoryview::check_resizable(vm, this)?;
    let cell = bytearray_data(vm, this)?;
    let len = cell.borrow().len();
    if let Some(Payload::Slice { .. }) = r[0].payload() {
        let (start, _stop, step, count) = crate::objects::slice::indices(vm, &r[0], len)?;
        let mut remove = vec![false; len];
        let mut i = start;
        for _ in 0..count {
            if let Some(slot) = remove.get_mut(i as usize) {
                *slot = true;
            }
            i += step;
        }
        let mut data = cell.borrow_mut();
        let mut k = 0;
        data.retain(|_| {
            let keep = !remove.get(k).copied().unwrap_or(false);
            k += 1;
            keep
        });
        return Ok(Value::None);
    }
    let i = crate::objects::list::index_arg(vm, &r[0], "bytearray")?;
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx as usize >= len {
        return Err(vm.index_error("bytearray index out of range"));
    }
    cell.borrow_mut().remove(idx as usize);
    Ok(Value::None)
}

pub(crate) fn init(vm: &mut Vm) {
    let b = vm.types.bytes.clone();
    let ba = vm.types.bytearray.clone();
    for class in [b.clone(), ba.clone()] {
        method(vm, &class, "find", |vm, a| {
            bfind(vm, a, "find", false, false)
        });
        method(vm, &class, "rfind", |vm, a| {
            bfind(vm, a, "rfind", true, false)
        });
        method(vm, &class, "index", |vm, a| {
            bfind(vm, a, "index", false, true)
        });
        method(vm, &class, "rindex", |vm, a| {
            bfind(vm, a, "rindex", true, true)
        });
        method(vm, &class, "count", bcount);
        method(vm, &class, "startswith", |vm, a| baffix(vm, a, true));
        method(vm, &class, "endswith", |vm, a| baffix(vm, a, false));
        method(vm, &class, "split", |vm, a| bsplit(vm, a, false));
        method(vm, &class, "rsplit", |vm, a| bsplit(vm, a, true));
        method(vm, &class, "splitlines", bsplitlines);
        method(vm, &class, "partition", |vm, a| bpartition(vm, a, false));
        method(vm, &class, "rpartition", |vm, a| bpartition(vm, a, true));
        method(vm, &class, "strip", |vm, a| {
            bstrip(vm, a, Side::Both, "strip")
        });
        method(vm, &class, "lstrip", |vm, a| {
            bstrip(vm, a, Side::Left, "lstrip")
        });
        method(vm, &class, "rstrip", |vm, a| {
            bstrip(vm, a, Side::Right, "rstrip")
        });
        method(vm, &class, "replace", breplace);
        method(vm, &class, "upper", |vm, a| {
            bcase(vm, a, "upper", |d| d.make_ascii_uppercase())
        });
        method(vm, &class, "lower", |vm, a| {
            bcase(vm, a, "lower", |d| d.make_ascii_lowercase())
        });
        method(vm, &class, "swapcase", |vm, a| {
            bcase(vm, a, "swapcase", taipan_text::unicode::ascii_swapcase)
        });
        method(vm, &class, "title", |vm, a| {
            bcase(vm, a, "title", taipan_text::unicode::ascii_title)
        });
        method(vm, &class, "capitalize", |vm, a| {
            bcase(vm, a, "capitalize", taipan_text::unicode::ascii_capitalize)
        });
        method(vm, &class, "isalpha", |vm, a| {
            bpredicate(vm, a, "isalpha", |d| {
                !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic)
            })
        });
        method(vm, &class, "isalnum", |vm, a| {
            bpredicate(vm, a, "isalnum", |d| {
                !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric)
            })
        });
        method(vm, &class, "isdigit", |vm, a| {
            bpredicate(vm, a, "isdigit", |d| {
                !d.is_empty() && d.iter().all(u8::is_ascii_digit)
            })
        });
        method(vm, &class, "isspace", |vm, a| {
            bpredicate(vm, a, "isspace", |d| {
                !d.is_empty() && d.iter().all(|&c| is_space(c))
            })
        });
        method(vm, &class, "islower", |vm, a| {
            bpredicate(vm, a, "islower", |d| {
                d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
            })
        });
        method(vm, &class, "isupper", |vm, a| {
            bpredicate(vm, a, "isupper", |d| {
                d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
            })
        });
        method(vm, &class, "istitle", |vm, a| {
            bpredicate(vm, a, "istitle", is_title)
        });
        method(vm, &class, "isascii", |vm, a| {
            bpredicate(vm, a, "isascii", |d| d.is_ascii())
        });
        method(vm, &class, "center", |vm, a| bpad(vm, a, "center"));
        method(vm, &class, "ljust", |vm, a| bpad(vm, a, "ljust"));
        method(vm, &class, "rjust", |vm, a| bpad(vm, a, "rjust"));
        method(vm, &class, "zfill", bzfill);
        method(vm, &class, "expandtabs", bexpandtabs);
        method(vm, &class, "removeprefix", |vm, a| {
            baffix_remove(vm, a, true)
        });
        method(vm, &class, "removesuffix", |vm, a| {
            baffix_remove(vm, a, false)
        });
        method(vm, &class, "hex", bhex);
        method(vm, &class, "translate", btranslate);
        staticmethod(vm, &class, "maketrans", bmaketrans);
        method(vm, &class, "__mod__", |vm, a| {
            let (this, r) = argparse::method_args(vm, &a, "__mod__", 1, 1)?;
            let data = bytes_of(vm, this)?;
            let rhs = r[0].clone();
            let out = crate::percent::format_percent_bytes(vm, &data, &rhs)?;
            Ok(make_like(vm, this, out))
        });
        method(vm, &class, "__rmod__", |vm, _a| {
            Ok(vm.not_implemented.clone())
        });
        method(vm, &class, "__getnewargs__", |vm, a| {
            let (_, data) = receiver(vm, &a)?;
            let v = vm.new_bytes(data);
            Ok(vm.new_tuple(vec![v]))
        });
    }
    let _ = classmethod;
    method(vm, &ba, "__setitem__", ba_setitem);
    method(vm, &ba, "__delitem__", ba_delitem);
    method(vm, &ba, "insert", |vm, a| {
        let (this, r) = argparse::method_args(vm, &a, "insert", 2, 2)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        let cell = bytearray_data(vm, this)?;
        let i = argparse::index_i64(vm, &r[0])?;
        let n = byte_value(vm, &r[1])?;
        let mut data = cell.borrow_mut();
        let len = data.len() as i64;
        let idx = if i < 0 { (i + len).max(0) } else { i.min(len) };
        data.insert(idx as usize, n);
        Ok(Value::None)
    });
    method(vm, &ba, "pop", |vm, a| {
        let (this, r) = argparse::method_args(vm, &a, "pop", 0, 1)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        let cell = bytearray_data(vm, this)?;
        let i = match r.first() {
            Some(v) => argparse::index_i64(vm, v)?,
            None => -1,
        };
        let mut data = cell.borrow_mut();
        if data.is_empty() {
            return Err(vm.index_error("pop from empty bytearray"));
        }
        let idx = if i < 0 { i + data.len() as i64 } else { i };
        if idx < 0 || idx as usize >= data.len() {
            return Err(vm.index_error("pop index out of range"));
        }
        Ok(Value::Int(data.remove(idx as usize) as i64))
    });
    method(vm, &ba, "remove", |vm, a| {
        let (this, r) = argparse::method_args(vm, &a, "remove", 1, 1)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        let cell = bytearray_data(vm, this)?;
        let n = byte_value(vm, &r[0])?;
        let mut data = cell.borrow_mut();
        match data.iter().position(|&c| c == n) {
            Some(p) => {
                data.remove(p);
                Ok(Value::None)
            }
            None => Err(vm.value_error("value not found in bytearray")),
        }
    });
    method(vm, &ba, "reverse", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "reverse", 0, 0)?;
        bytearray_data(vm, this)?.borrow_mut().reverse();
        Ok(Value::None)
    });
    method(vm, &ba, "clear", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "clear", 0, 0)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        bytearray_data(vm, this)?.borrow_mut().clear();
        Ok(Value::None)
    });
    method(vm, &ba, "copy", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "copy", 0, 0)?;
        let data = bytearray_data(vm, this)?.borrow().clone();
        Ok(Value::Obj(Obj::new(
            vm.types.bytearray.clone(),
            Payload::ByteArray(std::cell::RefCell::new(data)),
        )))
    });
    method(vm, &ba, "__iadd__", |vm, a| {
        let (this, r) = argparse::method_args(vm, &a, "__iadd__", 1, 1)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        let cell = bytearray_data(vm, this)?;
        let other = bytes_of(vm, &r[0]).map_err(|_| {
            vm.type_error(format!("can't concat {} to bytearray", vm.type_name(&r[0])))
        })?;
        cell.borrow_mut().extend(other);
        Ok(this.clone())
    });
    method(vm, &ba, "__imul__", |vm, a| {
        let (this, r) = argparse::method_args(vm, &a, "__imul__", 1, 1)?;
        crate::objects::memoryview::check_resizable(vm, this)?;
        let cell = bytearray_data(vm, this)?;
        let n = crate::objects::str::repeat_count(vm, &r[0])?.max(0) as usize;
        let mut data = cell.borrow_mut();
        if data.len().saturating_mul(n) > (1 << 34) {
            return Err(vm.memory_error());
        }
        let rep = data.repeat(n);
        *data = rep;
        Ok(this.clone())
    });
}
