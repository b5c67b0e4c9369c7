//! `io.StringIO` and `io.BytesIO`: in-memory files sharing the file objects' machinery
//! ([`crate::io::FileObj`] over a handle-less [`Stream::Disk`]), with their constructors,
//! `getvalue()`, and what differs from disk files: a StringIO's positions count characters,
//! it has no `name`/`mode`/descriptor, and CPython words some of its errors differently.

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::io::{FileObj, Stream};
use crate::object::Payload;
use crate::objects::{method, staticmethod};
use crate::value::{Obj, Value};
use crate::vm::Vm;

fn memory_file(data: Vec<u8>, binary: bool, newline: Option<String>) -> FileObj {
    FileObj {
        stream: Stream::Disk {
            data,
            pos: 0,
            file: None,
            dirty_from: None,
            shrunk: false,
            append: false,
        },
        binary,
        name: Value::None,
        mode: String::new(),
        closed: false,
        buffer: Vec::new(),
        readable: true,
        writable: true,
        encoding: "utf-8".to_owned(),
        errors: "strict".to_owned(),
        newline,
        binary_layer: None,
        memory: true,
        seen_newlines: 0,
        decoded_upto: 0,
        decode_carry: 0,
    }
}

/// A new in-memory file of class `cls` (a subclass gets an instance dict).
fn make(vm: &Vm, cls: &Obj, file: FileObj) -> Value {
    let exact = cls.is(&vm.types.string_io) || cls.is(&vm.types.bytes_io);
    let dict = if exact { None } else { Some(vm.new_dict()) };
    Value::Obj(Obj::with_dict(
        cls.clone(),
        dict,
        Payload::File(Box::new(std::cell::RefCell::new(file))),
    ))
}

fn string_io_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("StringIO.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let b = argparse::bind(vm, &rest, "StringIO", &["initial_value", "newline"], 0)?;
    let initial = match &b[0] {
        None | Some(Value::None) => String::new(),
        Some(v) => match v.as_str_obj() {
            Some(s) => s.to_lossy().into_owned(),
            _ => {
                return Err(vm.type_error(format!(
                    "initial_value must be str or None, not {}",
                    vm.type_name(v)
                )));
            }
        },
    };
    // A StringIO's default is `newline='\n'`: no translation either way.
    let newline = match &b[1] {
        None => Some("\n".to_owned()),
        Some(Value::None) => None,
        Some(v) => {
            let nl = argparse::str_arg(vm, v, "newline")?;
            if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
                let shown = vm.repr_string(v)?;
                return Err(vm.value_error(format!("illegal newline value: {shown}")));
            }
            Some(nl)
        }
    };
    let mut data = initial.into_bytes();
    if newline.is_none() && data.contains(&b'\r') {
        // Universal newlines translate what is written (the initial value included).
        data = String::from_utf8_lossy(&data)
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .into_bytes();
    }
    Ok(make(vm, &cls, memory_file(data, false, newline)))
}

fn bytes_io_new(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("BytesIO.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let b = argparse::bind(vm, &rest, "BytesIO", &["initial_bytes"], 0)?;
    let data = match &b[0] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => crate::objects::bytes::bytes_of(vm, v)?,
    };
    Ok(make(vm, &cls, memory_file(data, true, None)))
}

/// A StringIO's character position for a byte offset into its UTF-8 content.
pub(crate) fn char_index(data: &[u8], byte: usize) -> usize {
    let upto = byte.min(data.len());
    let chars = data[..upto].iter().filter(|b| *b & 0xC0 != 0x80).count();
    chars + byte.saturating_sub(data.len())
}

/// The byte offset of character `n` of a StringIO's content (past the end, one byte per
/// character: the gap is filled with NULs when written).
pub(crate) fn byte_offset(data: &[u8], n: usize) -> usize {
    let mut chars = 0;
    for (i, b) in data.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if chars == n {
                return i;
            }
            chars += 1;
        }
    }
    data.len().saturating_add(n - chars)
}

pub(crate) fn init(vm: &mut Vm) {
    let s = vm.types.string_io.clone();
    staticmethod(vm, &s, "__new__", string_io_new);
    let b = vm.types.bytes_io.clone();
    staticmethod(vm, &b, "__new__", bytes_io_new);
    for class in [s, b] {
        method(vm, &class, "__init__", |_vm, _a| Ok(Value::None));
        method(vm, &class, "getvalue", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "getvalue", 0, 0)?;
            let Some(Payload::File(cell)) = f.payload() else {
                return Err(vm.type_error("getvalue() needs an in-memory file"));
            };
            let file = cell.borrow();
            if file.closed {
                let msg = if file.binary {
                    "I/O operation on closed file."
                } else {
                    "I/O operation on closed file"
                };
                drop(file);
                return Err(vm.value_error(msg));
            }
            let data = match &file.stream {
                Stream::Disk { data, .. } => data.clone(),
                _ => Vec::new(),
            };
            let binary = file.binary;
            drop(file);
            if binary {
                Ok(vm.new_bytes(data))
            } else {
                Ok(vm.new_string(String::from_utf8_lossy(&data).into_owned()))
            }
        });
    }
}
