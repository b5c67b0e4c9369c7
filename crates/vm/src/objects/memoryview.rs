//! `memoryview`: one-dimensional views of `bytes` and `bytearray` (slices with any step,
//! `cast` between `B` and the native single-character formats), with CPython's attributes,
//! `release()`/`with`, and the export lock that stops a viewed `bytearray` from resizing
//! ("Existing exports of data: object cannot be re-sized").
//!
//! **Not for:** multi-dimensional shapes (`cast(fmt, shape)`), other exporters (`array`), or
//! the struct-module formats beyond single native characters.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::argparse;
use crate::error::{PyErr, PyResult};
use crate::function::Args;
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// The state of a memoryview.
pub struct MemoryViewData {
    /// The exporter: a `bytes` or `bytearray` (`mv.obj`).
    pub obj: Obj,
    /// Byte offset of item 0 in the exporter.
    pub start: usize,
    /// Bytes from one item to the next (negative for reversed slices).
    pub step: isize,
    /// Number of items.
    pub len: usize,
    pub itemsize: usize,
    pub format: String,
    pub readonly: bool,
    pub released: Cell<bool>,
    /// The exporter's count of live views (shared by every view of it).
    export: Rc<Cell<usize>>,
}

impl Drop for MemoryViewData {
    fn drop(&mut self) {
        if !self.released.get() {
            self.export.set(self.export.get().saturating_sub(1));
        }
    }
}

/// The item size of a native single-character struct format, as CPython's memoryview
/// accepts them (an optional `@` prefix).
fn format_size(format: &str) -> Option<usize> {
    let f = format.strip_prefix('@').unwrap_or(format);
    Some(match f {
        "B" | "b" | "c" | "?" => 1,
        "H" | "h" | "e" => 2,
        "I" | "i" | "f" => 4,
        "L" | "l" | "Q" | "q" | "N" | "n" | "d" | "P" => 8,
        _ => return None,
    })
}

fn is_byte_format(format: &str) -> bool {
    matches!(format.strip_prefix('@').unwrap_or(format), "B" | "b" | "c")
}

/// The shared export counter of `obj` (made on first use).
fn export_counter(vm: &Vm, obj: &Obj) -> Rc<Cell<usize>> {
    let mut table = vm.buffer_exports.borrow_mut();
    table.retain(|_, c| c.get() > 0 || Rc::strong_count(c) > 1);
    table
        .entry(obj.id())
        .or_insert_with(|| Rc::new(Cell::new(0)))
        .clone()
}

/// Refuse to resize a `bytearray` while memoryviews of it are alive, as CPython does.
pub fn check_resizable(vm: &Vm, obj: &Value) -> PyResult<()> {
    let Value::Obj(o) = obj else { return Ok(()) };
    let exported = vm
        .buffer_exports
        .borrow()
        .get(&o.id())
        .is_some_and(|c| c.get() > 0);
    if exported {
        return Err(vm.error(
            &vm.exc.buffer_error.clone(),
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn new_view(
    vm: &Vm,
    obj: &Obj,
    start: usize,
    step: isize,
    len: usize,
    itemsize: usize,
    format: String,
    readonly: bool,
) -> Value {
    let export = export_counter(vm, obj);
    export.set(export.get() + 1);
    Value::Obj(Obj::new(
        vm.types.memoryview.clone(),
        Payload::MemoryView(Box::new(MemoryViewData {
            obj: obj.clone(),
            start,
            step,
            len,
            itemsize,
            format,
            readonly,
            released: Cell::new(false),
            export,
        })),
    ))
}

/// `memoryview(obj)`.
pub fn memoryview_of(vm: &mut Vm, v: &Value) -> PyResult {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::Bytes(b) => Ok(new_view(vm, o, 0, 1, b.len(), 1, "B".into(), true)),
            Payload::ByteArray(b) => {
                let n = b.borrow().len();
                Ok(new_view(vm, o, 0, 1, n, 1, "B".into(), false))
            }
            Payload::MemoryView(m) => {
                let m = live(vm, v, m)?;
                Ok(new_view(
                    vm,
                    &m.obj,
                    m.start,
                    m.step,
                    m.len,
                    m.itemsize,
                    m.format.clone(),
                    m.readonly,
                ))
            }
            _ => Err(not_bytes_like(vm, v)),
        },
        _ => Err(not_bytes_like(vm, v)),
    }
}

fn not_bytes_like(vm: &Vm, v: &Value) -> PyErr {
    vm.type_error(format!(
        "memoryview: a bytes-like object is required, not '{}'",
        vm.type_name(v)
    ))
}

fn live<'a>(vm: &Vm, _v: &Value, m: &'a MemoryViewData) -> PyResult<&'a MemoryViewData> {
    if m.released.get() {
        return Err(vm.value_error("operation forbidden on released memoryview object"));
    }
    Ok(m)
}

/// The view's data, unreleased.
fn view<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a MemoryViewData> {
    match v.payload() {
        Some(Payload::MemoryView(m)) => live(vm, v, m),
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'memoryview' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Run `f` on the exporter's bytes.
fn with_data<T>(m: &MemoryViewData, f: impl FnOnce(&[u8]) -> T) -> T {
    match m.obj.payload() {
        Payload::Bytes(b) => f(b),
        Payload::ByteArray(b) => f(&b.borrow()),
        _ => f(&[]),
    }
}

/// The byte offset of item `i`.
fn offset(m: &MemoryViewData, i: usize) -> usize {
    (m.start as isize)
        .saturating_add((i as isize).saturating_mul(m.step))
        .max(0) as usize
}

/// The bytes the view covers, in item order (`tobytes()`).
pub fn view_bytes(m: &MemoryViewData) -> Vec<u8> {
    with_data(m, |data| {
        let mut out = Vec::with_capacity(m.len * m.itemsize);
        for i in 0..m.len {
            let at = offset(m, i);
            if let Some(item) = data.get(at..at + m.itemsize) {
                out.extend_from_slice(item);
            }
        }
        out
    })
}

/// The bytes of a memoryview value, for `bytes_of`.
pub fn bytes_of_view(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    Ok(view_bytes(view(vm, v)?))
}

/// One item as a Python value, decoded by the format (native byte order).
fn unpack(vm: &Vm, format: &str, raw: &[u8]) -> Value {
    let f = format.strip_prefix('@').unwrap_or(format);
    let mut buf = [0u8; 8];
    let n = raw.len().min(8);
    buf[..n].copy_from_slice(&raw[..n]);
    let u = u64::from_ne_bytes(buf);
    let signed = |bits: u32| -> i64 {
        let shift = 64 - bits;
        ((u << shift) as i64) >> shift
    };
    match f {
        "B" => Value::Int(i64::from(raw.first().copied().unwrap_or(0))),
        "b" => Value::Int(signed(8)),
        "c" => vm.new_bytes(raw.to_vec()),
        "?" => Value::bool(u != 0),
        "H" => Value::Int(u as i64 & 0xFFFF),
        "h" => Value::Int(signed(16)),
        "I" => Value::Int(u as i64 & 0xFFFF_FFFF),
        "i" => Value::Int(signed(32)),
        "f" => Value::float(f64::from(f32::from_bits(u as u32))),
        "d" => Value::float(f64::from_bits(u)),
        "e" => Value::float(half_to_f64(u as u16)),
        "l" | "q" | "n" => Value::Int(u as i64),
        _ => match i64::try_from(u) {
            Ok(i) => Value::Int(i),
            Err(_) => vm.new_int_big(num_bigint::BigInt::from(u)),
        },
    }
}

fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1F);
    let frac = f64::from(h & 0x3FF);
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + frac / 1024.0) * 2f64.powi(exp - 15),
    }
}

/// A Python value packed as one item of `format`, or CPython's type/value error.
fn pack(vm: &mut Vm, format: &str, v: &Value, itemsize: usize) -> PyResult<Vec<u8>> {
    let f = format.strip_prefix('@').unwrap_or(format);
    let invalid_type =
        |vm: &Vm| vm.type_error(format!("memoryview: invalid type for format '{format}'"));
    let invalid_value =
        |vm: &Vm| vm.value_error(format!("memoryview: invalid value for format '{format}'"));
    match f {
        "c" => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => Ok(b.to_vec()),
            Some(Payload::Bytes(_)) => Err(invalid_value(vm)),
            _ => Err(invalid_type(vm)),
        },
        "?" => Ok(vec![u8::from(vm.truthy(v)?)]),
        "f" | "d" | "e" => {
            let x = match v {
                Value::Float(x) => crate::objects::float::canonical_nan_bits(x.get()),
                Value::Int(i) => *i as f64,
                Value::Bool(b) => f64::from(u8::from(b.get())),
                _ => match v.payload() {
                    Some(Payload::Float(x)) => *x,
                    _ => return Err(invalid_type(vm)),
                },
            };
            Ok(match f {
                "f" => (x as f32).to_ne_bytes().to_vec(),
                "d" => x.to_ne_bytes().to_vec(),
                _ => return Err(vm.type_error("memoryview: format e not supported")),
            })
        }
        _ => {
            if crate::objects::int::as_int(v).is_none() {
                return Err(invalid_type(vm));
            }
            let big = crate::objects::int::index_value(vm, v)?;
            let signed = matches!(f, "b" | "h" | "i" | "l" | "q" | "n");
            let bits = itemsize as u32 * 8;
            let fits = if signed {
                let lo = -(num_bigint::BigInt::from(1) << (bits - 1));
                let hi = num_bigint::BigInt::from(1) << (bits - 1);
                big >= lo && big < hi
            } else {
                big >= num_bigint::BigInt::from(0) && big < (num_bigint::BigInt::from(1) << bits)
            };
            if !fits {
                return Err(invalid_value(vm));
            }
            let raw: i128 = num_traits::ToPrimitive::to_i128(&big).unwrap_or(0);
            let bytes = (raw as u64).to_ne_bytes();
            let take = itemsize.min(8);
            Ok(if cfg!(target_endian = "little") {
                bytes[..take].to_vec()
            } else {
                bytes[8 - take..].to_vec()
            })
        }
    }
}

fn item(vm: &Vm, m: &MemoryViewData, i: usize) -> Value {
    with_data(m, |data| {
        let at = offset(m, i);
        let raw = data.get(at..at + m.itemsize).unwrap_or(&[]);
        unpack(vm, &m.format, raw)
    })
}

/// An index into the view, or CPython's errors.
fn index(vm: &mut Vm, m: &MemoryViewData, key: &Value) -> PyResult<usize> {
    let i = argparse::index_i64(vm, key)?;
    let n = m.len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

fn is_index(vm: &Vm, key: &Value) -> bool {
    if crate::objects::int::as_int(key).is_some() {
        return true;
    }
    let class = vm.class_of(key);
    crate::ops::attr::type_lookup(vm, &class, &vm.names.__index__).is_some()
}

fn getitem(vm: &mut Vm, this: &Value, key: &Value) -> PyResult {
    let m = view(vm, this)?;
    if let Some(Payload::Slice { .. }) = key.payload() {
        let (start, _stop, step, count) = crate::objects::slice::indices(vm, key, m.len)?;
        let first = if count == 0 {
            m.start
        } else {
            offset(m, start.max(0) as usize)
        };
        return Ok(new_view(
            vm,
            &m.obj,
            first,
            m.step.saturating_mul(step as isize),
            count,
            m.itemsize,
            m.format.clone(),
            m.readonly,
        ));
    }
    if matches!(key.payload(), Some(Payload::Tuple(_))) {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    if !is_index(vm, key) {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = index(vm, m, key)?;
    Ok(item(vm, m, i))
}

fn setitem(vm: &mut Vm, this: &Value, key: &Value, value: &Value) -> PyResult<()> {
    let m = view(vm, this)?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let Payload::ByteArray(target) = m.obj.payload() else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    if let Some(Payload::Slice { .. }) = key.payload() {
        let (start, _stop, step, count) = crate::objects::slice::indices(vm, key, m.len)?;
        let src = match value.payload() {
            Some(Payload::MemoryView(_)) => bytes_of_view(vm, value)?,
            _ => crate::objects::bytes::bytes_of(vm, value)?,
        };
        if src.len() != count * m.itemsize {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut data = target.borrow_mut();
        for k in 0..count {
            let i = (start + k as i64 * step).max(0) as usize;
            let at = offset(m, i);
            let chunk = &src[k * m.itemsize..(k + 1) * m.itemsize];
            if let Some(dst) = data.get_mut(at..at + m.itemsize) {
                dst.copy_from_slice(chunk);
            }
        }
        return Ok(());
    }
    if !is_index(vm, key) {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = index(vm, m, key)?;
    let format = m.format.clone();
    let itemsize = m.itemsize;
    let packed = pack(vm, &format, value, itemsize)?;
    let at = offset(m, i);
    if let Some(dst) = target.borrow_mut().get_mut(at..at + itemsize) {
        dst.copy_from_slice(&packed);
    }
    Ok(())
}

fn tolist(vm: &Vm, m: &MemoryViewData) -> Vec<Value> {
    (0..m.len).map(|i| item(vm, m, i)).collect()
}

fn cast(vm: &mut Vm, this: &Value, rest: &[Value]) -> PyResult {
    let m = view(vm, this)?;
    let Some(fmt) = rest.first() else {
        return Err(vm.type_error("cast() missing required argument 'format' (pos 1)"));
    };
    let format = argparse::str_arg(vm, fmt, "cast() argument 'format'")?;
    if rest.len() > 1 {
        return Err(vm.type_error("memoryview: cast to a shape is not supported by Taipan"));
    }
    if m.step != m.itemsize as isize {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let Some(size) = format_size(&format) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    if !is_byte_format(&m.format) && !is_byte_format(&format) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = m.len * m.itemsize;
    if nbytes % size != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    Ok(new_view(
        vm,
        &m.obj,
        m.start,
        size as isize,
        nbytes / size,
        size,
        format,
        m.readonly,
    ))
}

fn release(vm: &Vm, this: &Value) {
    let _ = vm;
    if let Some(Payload::MemoryView(m)) = this.payload()
        && !m.released.get()
    {
        m.released.set(true);
        m.export.set(m.export.get().saturating_sub(1));
    }
}

/// `mv.readonly`, `mv.format`… for [`crate::objects::getset::native_attribute`].
pub fn attribute(vm: &mut Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
    let Some(Payload::MemoryView(m)) = this.payload() else {
        return Ok(None);
    };
    if name == "obj" && !m.released.get() {
        return Ok(Some(Value::Obj(m.obj.clone())));
    }
    let known = [
        "obj",
        "readonly",
        "format",
        "itemsize",
        "nbytes",
        "ndim",
        "shape",
        "strides",
        "suboffsets",
        "c_contiguous",
        "f_contiguous",
        "contiguous",
    ];
    if !known.contains(&name) {
        return Ok(None);
    }
    let m = view(vm, this)?;
    let contiguous = m.step == m.itemsize as isize || m.len <= 1;
    Ok(Some(match name {
        "readonly" => Value::bool(m.readonly),
        "format" => vm.new_str(&m.format),
        "itemsize" => Value::Int(m.itemsize as i64),
        "nbytes" => Value::Int((m.len * m.itemsize) as i64),
        "ndim" => Value::Int(1),
        "shape" => vm.new_tuple(vec![Value::Int(m.len as i64)]),
        "strides" => vm.new_tuple(vec![Value::Int(m.step as i64)]),
        "suboffsets" => vm.empty_tuple.clone(),
        _ => Value::bool(contiguous),
    }))
}

/// `mv == other`: equal when both are buffers with equal items (CPython compares the
/// unpacked values).
fn equals(vm: &mut Vm, this: &Value, other: &Value) -> PyResult {
    let Some(Payload::MemoryView(m)) = this.payload() else {
        return Ok(vm.not_implemented.clone());
    };
    if this.is(other) {
        return Ok(Value::TRUE);
    }
    if m.released.get() {
        return Ok(Value::FALSE);
    }
    let mine = tolist(vm, m);
    let theirs = match other.payload() {
        Some(Payload::MemoryView(o)) => {
            if o.released.get() {
                return Ok(Value::FALSE);
            }
            tolist(vm, o)
        }
        Some(Payload::Bytes(b)) => b.iter().map(|x| Value::Int(i64::from(*x))).collect(),
        Some(Payload::ByteArray(b)) => b
            .borrow()
            .iter()
            .map(|x| Value::Int(i64::from(*x)))
            .collect(),
        _ => return Ok(vm.not_implemented.clone()),
    };
    if mine.len() != theirs.len() {
        return Ok(Value::FALSE);
    }
    for (a, b) in mine.iter().zip(theirs.iter()) {
        if !vm.eq(a, b)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

pub(crate) fn init(vm: &mut Vm) {
    let mv = vm.types.memoryview.clone();
    staticmethod(vm, &mv, "__new__", |vm, a| {
        let rest = Args {
            values: a.values.get(1..).unwrap_or(&[]),
            kwnames: a.kwnames,
        };
        let b = argparse::bind(vm, &rest, "memoryview", &["object"], 1)?;
        let obj = b[0].clone().unwrap_or(Value::None);
        memoryview_of(vm, &obj)
    });
    method(vm, &mv, "tobytes", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "tobytes", 0, 1)?;
        let data = bytes_of_view(vm, this)?;
        Ok(vm.new_bytes(data))
    });
    method(vm, &mv, "tolist", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "tolist", 0, 0)?;
        let items = tolist(vm, view(vm, this)?);
        Ok(vm.new_list(items))
    });
    method(vm, &mv, "hex", |vm, a| {
        let this = a.values.first().cloned().unwrap_or(Value::None);
        let data = bytes_of_view(vm, &this)?;
        let b = vm.new_bytes(data);
        let rest: Vec<Value> = a.values.get(1..).unwrap_or(&[]).to_vec();
        let mut values = vec![b.clone()];
        values.extend(rest);
        let hex = vm.intern("hex");
        let f = crate::ops::get_attr(vm, &Value::Obj(vm.types.bytes.clone()), &hex)?;
        vm.call(
            &f,
            Args {
                values: &values,
                kwnames: a.kwnames,
            },
        )
    });
    method(vm, &mv, "toreadonly", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "toreadonly", 0, 0)?;
        let m = view(vm, this)?;
        Ok(new_view(
            vm,
            &m.obj,
            m.start,
            m.step,
            m.len,
            m.itemsize,
            m.format.clone(),
            true,
        ))
    });
    method(vm, &mv, "cast", |vm, a| {
        let this = a.values.first().cloned().unwrap_or(Value::None);
        let b = argparse::bind(
            vm,
            &Args {
                values: a.values.get(1..).unwrap_or(&[]),
                kwnames: a.kwnames,
            },
            "cast",
            &["format", "shape"],
            1,
        )?;
        let rest: Vec<Value> = b.into_iter().flatten().collect();
        cast(vm, &this, &rest)
    });
    method(vm, &mv, "release", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "release", 0, 0)?;
        release(vm, this);
        Ok(Value::None)
    });
    method(vm, &mv, "__enter__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__enter__", 0, 0)?;
        view(vm, this)?;
        Ok(this.clone())
    });
    method(vm, &mv, "__exit__", |vm, a| {
        let this = a.values.first().cloned().unwrap_or(Value::None);
        release(vm, &this);
        Ok(Value::None)
    });
    method(vm, &mv, "__len__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__len__", 0, 0)?;
        Ok(Value::Int(view(vm, this)?.len as i64))
    });
    method(vm, &mv, "__getitem__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__getitem__", 1, 1)?;
        getitem(vm, this, &rest[0])
    });
    method(vm, &mv, "__setitem__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__setitem__", 2, 2)?;
        setitem(vm, this, &rest[0], &rest[1])?;
        Ok(Value::None)
    });
    method(vm, &mv, "__delitem__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__delitem__", 1, 1)?;
        let m = view(vm, this)?;
        Err(vm.type_error(if m.readonly {
            "cannot modify read-only memory"
        } else {
            "cannot delete memory"
        }))
    });
    method(vm, &mv, "__iter__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
        let items = tolist(vm, view(vm, this)?);
        let list = vm.new_list(items);
        vm.iter(&list)
    });
    method(vm, &mv, "__eq__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
        equals(vm, this, &rest[0])
    });
    method(vm, &mv, "__ne__", |vm, a| {
        let (this, rest) = argparse::method_args(vm, &a, "__ne__", 1, 1)?;
        match equals(vm, this, &rest[0])? {
            Value::Bool(b) => Ok(Value::bool(!b.get())),
            other => Ok(other),
        }
    });
    method(vm, &mv, "__hash__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let m = view(vm, this)?;
        if !m.readonly {
            return Err(vm.value_error("cannot hash writable memoryview object"));
        }
        let data = view_bytes(m);
        let b = vm.new_bytes(data);
        vm.call_method(&b, "__hash__", &[])
    });
    method(vm, &mv, "__repr__", |vm, a| {
        let (this, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let released = matches!(this.payload(), Some(Payload::MemoryView(m)) if m.released.get());
        let id = this.as_obj().map_or(0, Obj::id);
        Ok(vm.new_string(if released {
            format!("<released memory at {id:#x}>")
        } else {
            format!("<memory at {id:#x}>")
        }))
    });
    let _: Option<RefCell<()>> = None;
}
