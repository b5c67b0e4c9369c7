//! `open()` and the methods and attributes of file objects: `_io.TextIOWrapper`,
//! `BufferedReader`, `BufferedWriter` and `BufferedRandom` (the state is [`crate::io`]'s).
//!
//! **For:** the surface programs use: `read`/`readline`/`readlines`/iteration, `write`/
//! `writelines`, `seek`/`tell`/`truncate`, `flush`/`close`/`with`, `closed`, `name`, `mode`,
//! `encoding`, `buffer`, and CPython's errors (`invalid mode: 'rz'`, `io.UnsupportedOperation:
//! not readable`, `I/O operation on closed file.`). **Not for:** raw `FileIO`, descriptors
//! opened by number, or encodings other than the codecs `bytes.decode` knows.

use crate::argparse;
use crate::error::{PyErr, PyResult};
use crate::function::Args;
use crate::io::{FileObj, Stream, Take, wrap_file};
use crate::object::Payload;
use crate::objects::method;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// `io.UnsupportedOperation(message)` (a subclass of both `OSError` and `ValueError`).
fn unsupported(vm: &mut Vm, message: &str) -> PyErr {
    let class = unsupported_class(vm);
    vm.error(&class, message)
}

/// The `io.UnsupportedOperation` class, made on first use.
pub fn unsupported_class(vm: &mut Vm) -> Obj {
    if let Some(c) = &vm.io_unsupported_operation {
        return c.clone();
    }
    let bases = vec![
        Value::Obj(vm.exc.os_error.clone()),
        Value::Obj(vm.exc.value_error.clone()),
    ];
    let class = match crate::objects::type_::make_class(vm, "UnsupportedOperation", bases) {
        Ok(c) => c,
        Err(_) => vm.exc.os_error.clone(),
    };
    let key = vm.intern("__module__");
    let module = vm.new_str("io");
    let _ = crate::ops::attr::set_attr(vm, &Value::Obj(class.clone()), &key, module);
    vm.io_unsupported_operation = Some(class.clone());
    class
}

/// Run `f` on the open file `v` (CPython's `ValueError` once it is closed).
fn with_file<T>(vm: &mut Vm, v: &Value, f: impl FnOnce(&mut FileObj) -> T) -> PyResult<T> {
    match v.payload() {
        Some(Payload::File(file)) => {
            let mut file = file.borrow_mut();
            if file.closed {
                // CPython's StringIO words it without the full stop.
                let msg = if file.memory && !file.binary {
                    "I/O operation on closed file"
                } else {
                    "I/O operation on closed file."
                };
                drop(file);
                return Err(vm.value_error(msg));
            }
            Ok(f(&mut file))
        }
        _ => Err(vm.type_error(format!(
            "descriptor requires a file object, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// The open file `v` checked for reading (or writing).
fn check(vm: &mut Vm, v: &Value, write: bool) -> PyResult<()> {
    let ok = with_file(vm, v, |f| if write { f.writable } else { f.readable })?;
    if !ok {
        let msg = if write {
            "not writable"
        } else {
            "not readable"
        };
        return Err(unsupported(vm, msg));
    }
    Ok(())
}

/// Bytes read from a file as the value its mode gives: `bytes`, or text decoded with the
/// file's codec after universal-newline translation.
fn to_value(vm: &mut Vm, v: &Value, data: Vec<u8>) -> PyResult {
    let (binary, universal, encoding, errors) = with_file(vm, v, |f| {
        (
            f.binary,
            f.newline.is_none(),
            f.encoding.clone(),
            f.errors.clone(),
        )
    })?;
    if binary {
        return Ok(vm.new_bytes(data));
    }
    if universal {
        let seen = newline_kinds(&data);
        with_file(vm, v, |f| f.seen_newlines |= seen)?;
    }
    let data = if universal && data.contains(&b'\r') {
        let mut out = Vec::with_capacity(data.len());
        let mut i = 0;
        while i < data.len() {
            if data[i] == b'\r' {
                out.push(b'\n');
                if data.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            } else {
                out.push(data[i]);
            }
            i += 1;
        }
        out
    } else {
        data
    };
    crate::objects::bytes::decode(vm, &data, &encoding, &errors)
}

/// The line endings in `data`: 1 for `\r`, 2 for `\n`, 4 for `\r\n`.
fn newline_kinds(data: &[u8]) -> u8 {
    let mut seen = 0;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => {
                seen |= 4;
                i += 1;
            }
            b'\r' => seen |= 1,
            b'\n' => seen |= 2,
            _ => {}
        }
        i += 1;
    }
    seen
}

/// `f.newlines`: None, one ending, or a tuple of them in CPython's order.
fn newlines_value(vm: &Vm, seen: u8) -> Value {
    let names: Vec<&str> = [(1, "\r"), (2, "\n"), (4, "\r\n")]
        .iter()
        .filter(|(bit, _)| seen & bit != 0)
        .map(|(_, n)| *n)
        .collect();
    match names.as_slice() {
        [] => Value::None,
        [one] => vm.new_str(one),
        many => {
            let items = many.iter().map(|n| vm.new_str(n)).collect();
            vm.new_tuple(items)
        }
    }
}

/// A size argument: `None` or negative is "all".
fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = argparse::index_i64(vm, v)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

fn read_line(vm: &mut Vm, f: &Value, limit: Option<usize>) -> PyResult {
    check(vm, f, false)?;
    read_text(vm, f, Take::Line(limit))
}

/// The size of the chunks CPython's TextIOWrapper decodes (`_CHUNK_SIZE`).
const TEXT_CHUNK: usize = 8192;

/// Consume and decode one read. A strict text file on disk first runs the decoder over the
/// chunks the read reaches, as CPython's TextIOWrapper does: a bad byte anywhere in such a
/// chunk fails the read, with its position counted from the chunk's start.
fn read_text(vm: &mut Vm, f: &Value, how: Take) -> PyResult {
    let start = with_file(vm, f, |file| match &file.stream {
        Stream::Disk { pos, .. } => Some(*pos),
        _ => None,
    })?;
    let data = with_file(vm, f, |file| file.take_bytes(how))?;
    if let Some(start) = start
        && let Err(e) = check_decodable(vm, f, start, start + data.len(), matches!(how, Take::All))
    {
        with_file(vm, f, |file| {
            if let Stream::Disk { pos, .. } = &mut file.stream {
                *pos = start;
            }
        })?;
        return Err(e);
    }
    to_value(vm, f, data)
}

/// Run the decoder over the not yet checked chunks up to `end` (or to the end of the file):
/// chunks of 8192 raw bytes from the last seek, an incomplete sequence at a chunk's end
/// carried into the next (CPython's buffered incremental decoder, whose error positions
/// count from the carried bytes).
fn check_decodable(vm: &mut Vm, f: &Value, start: usize, end: usize, all: bool) -> PyResult<()> {
    let _ = start;
    loop {
        let chunk = with_file(vm, f, |file| {
            if file.binary || file.memory || file.errors != "strict" {
                return None;
            }
            let Stream::Disk { data, .. } = &file.stream else {
                return None;
            };
            let raw = file.decoded_upto.min(data.len());
            let from = raw.saturating_sub(file.decode_carry);
            if raw >= data.len() && file.decode_carry == 0 {
                return None;
            }
            if !all && from >= end {
                return None;
            }
            let stop = if all {
                data.len()
            } else {
                (raw + TEXT_CHUNK).min(data.len())
            };
            let mut carry = 0;
            if stop < data.len() {
                // A sequence cut by the chunk's end waits for the next chunk.
                let mut lead = stop;
                while lead > from && stop - lead < 3 && data[lead - 1] & 0xC0 == 0x80 {
                    lead -= 1;
                }
                if lead > from {
                    let width = match data[lead - 1] {
                        0xC0..=0xDF => 2,
                        0xE0..=0xEF => 3,
                        0xF0..=0xF7 => 4,
                        _ => 1,
                    };
                    if stop - (lead - 1) < width {
                        carry = stop - (lead - 1);
                    }
                }
            }
            Some((
                data[from..stop - carry].to_vec(),
                stop,
                carry,
                file.encoding.clone(),
            ))
        })?;
        let Some((bytes, stop, carry, encoding)) = chunk else {
            return Ok(());
        };
        crate::objects::bytes::decode(vm, &bytes, &encoding, "strict")?;
        with_file(vm, f, |file| {
            file.decoded_upto = stop;
            file.decode_carry = carry;
        })?;
    }
}

/// `f.write(data)`: `str` for text files, a bytes-like object for binary ones; returns the
/// length written (characters or bytes).
fn write(vm: &mut Vm, f: &Value, data: &Value) -> PyResult {
    check(vm, f, true)?;
    let binary = with_file(vm, f, |file| file.binary)?;
    if binary {
        let bytes = crate::objects::bytes::bytes_of(vm, data)?;
        let n = bytes.len();
        let std = with_file(vm, f, |file| {
            matches!(file.stream, Stream::Stdout(_) | Stream::Stderr(_))
        })?;
        if std {
            // The binary layer of a standard stream: the text layer's output goes first.
            crate::io::flush_stdout(vm)?;
        }
        let written = with_file(vm, f, |file| {
            let r = file.write_bytes(&bytes);
            if std {
                let _ = file.flush();
            }
            r
        })?;
        if written.is_err() {
            return Err(vm.memory_error());
        }
        return Ok(Value::Int(n as i64));
    }
    let Some(s) = data.as_str_obj() else {
        let memory = with_file(vm, f, |file| file.memory)?;
        return Err(vm.type_error(if memory {
            format!("string argument expected, got '{}'", vm.type_name(data))
        } else {
            format!("write() argument must be str, not {}", vm.type_name(data))
        }));
    };
    let chars = s.char_len();
    if let Some(text) = s.as_str() {
        let (plain, enc) = with_file(vm, f, |file| {
            (
                matches!(
                    file.encoding.to_ascii_lowercase().as_str(),
                    "utf-8" | "utf8"
                ),
                file.encoding.clone(),
            )
        })?;
        if plain {
            crate::io::write_to(vm, f, text)?;
            return Ok(Value::Int(chars as i64));
        }
        let _ = enc;
    }
    // Another codec, or lone surrogates: encode under the file's error handler.
    let (enc, errors) = with_file(vm, f, |file| (file.encoding.clone(), file.errors.clone()))?;
    let encoded = crate::objects::bytes::encode(vm, s, &enc, &errors)?;
    let bytes = crate::objects::bytes::bytes_of(vm, &encoded)?;
    if with_file(vm, f, |file| file.write_bytes(&bytes))?.is_err() {
        return Err(vm.memory_error());
    }
    Ok(Value::Int(chars as i64))
}

/// The mode string the raw file reports (`f.buffer.mode`): `rb`, `wb`, `ab`, `xb`, or
/// with `+`: `rb+`, `ab+`, `xb+` (CPython's `FileIO.mode`).
fn raw_mode(mode: &str) -> String {
    let plus = mode.contains('+');
    let base = if mode.contains('x') {
        if plus { "xb+" } else { "xb" }
    } else if mode.contains('a') {
        if plus { "ab+" } else { "ab" }
    } else if plus {
        "rb+"
    } else if mode.contains('w') {
        "wb"
    } else {
        "rb"
    };
    base.to_owned()
}

/// Check `open()`'s mode as CPython does: (reading, writing, appending, creating, plus, binary).
fn parse_mode(vm: &Vm, mode: &str) -> PyResult<(char, bool, bool)> {
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxabt+".contains(c) || seen.contains(c) {
            return Err(vm.value_error(format!("invalid mode: '{mode}'")));
        }
        seen.push(c);
    }
    let kinds: Vec<char> = seen.chars().filter(|c| "rwxa".contains(*c)).collect();
    if seen.contains('t') && seen.contains('b') {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if kinds.len() > 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    let Some(&kind) = kinds.first() else {
        return Err(vm.value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    };
    Ok((kind, seen.contains('+'), seen.contains('b')))
}

/// CPython's `OSError` subclass for a failed open: `[Errno 2] No such file or directory: 'x'`.
pub(crate) fn os_error(vm: &mut Vm, e: &std::io::Error, path: &str) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(0);
    let text = e.to_string();
    // Rust's message is the C library's `strerror` plus " (os error N)".
    let strerror = match text.rfind(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    let args = [
        Value::Int(i64::from(errno)),
        vm.new_string(strerror),
        vm.new_str(path),
    ];
    let class = Value::Obj(vm.exc.os_error.clone());
    match vm.call(&class, Args::new(&args)) {
        Ok(Value::Obj(o)) => PyErr::new(o),
        Ok(_) => vm.system_error("OSError() returned a non-exception"),
        Err(err) => err,
    }
}

/// The path `open()` was given: a `str`, `bytes`, or an object with `__fspath__`.
fn path_arg(vm: &mut Vm, file: &Value) -> PyResult<String> {
    match file.payload() {
        _ if let Some(s) = file.as_str_obj() => return Ok(s.to_lossy().into_owned()),
        Some(Payload::Bytes(b)) => return Ok(String::from_utf8_lossy(b).into_owned()),
        _ => {}
    }
    let name = vm.intern("__fspath__");
    if matches!(file, Value::Obj(_))
        && let Some(p) = vm.call_special(file, &name, &[])?
        && (p.as_str_obj().is_some() || matches!(p.payload(), Some(Payload::Bytes(_))))
    {
        return path_arg(vm, &p);
    }
    Err(vm.type_error(format!(
        "expected str, bytes or os.PathLike object, not {}",
        vm.type_name(file)
    )))
}

pub fn builtin_open(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = argparse::bind(
        vm,
        &args,
        "open",
        &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
    )?;
    let file = b[0].clone().unwrap_or(Value::None);
    let mode = match &b[1] {
        Some(m) => argparse::str_arg(vm, m, "open() argument 'mode'")?,
        None => "r".to_owned(),
    };
    let opt_str = |vm: &Vm, v: &Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => argparse::str_arg(vm, v, what).map(Some),
        }
    };
    let encoding = opt_str(vm, &b[3], "open() argument 'encoding'")?;
    let errors = opt_str(vm, &b[4], "open() argument 'errors'")?;
    let newline = opt_str(vm, &b[5], "open() argument 'newline'")?;
    let (kind, plus, binary) = parse_mode(vm, &mode)?;
    if binary {
        for (given, what) in [
            (&encoding, "an encoding"),
            (&errors, "an errors"),
            (&newline, "a newline"),
        ] {
            if given.is_some() {
                return Err(vm.value_error(format!("binary mode doesn't take {what} argument")));
            }
        }
    }
    if let Some(nl) = &newline
        && !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n")
    {
        return Err(vm.value_error(format!("illegal newline value: {nl}")));
    }
    if let Some(enc) = &encoding {
        // An unknown codec is a LookupError before the file is touched, as in CPython.
        let probe = crate::str::PyStr::new("");
        crate::objects::bytes::encode(vm, &probe, enc, "strict")?;
    }
    if let Value::Int(fd) = file {
        return open_descriptor(vm, fd, &mode, binary, kind, plus, encoding, errors, newline);
    }
    let path = path_arg(vm, &file)?;
    let mut options = std::fs::OpenOptions::new();
    match kind {
        'r' => options.read(true).write(plus),
        'w' => options.write(true).read(plus).create(true).truncate(true),
        'a' => options.append(true).read(plus).create(true),
        _ => options.write(true).read(plus).create_new(true),
    };
    let mut handle = match options.open(&path) {
        Ok(h) => h,
        Err(e) => return Err(os_error(vm, &e, &path)),
    };
    if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(os_error(vm, &e, &path));
    }
    let mut data = Vec::new();
    if kind == 'r' || kind == 'a' {
        use std::io::Read;
        // An append-only handle cannot read: its content comes by path.
        let read = if kind == 'a' && !plus {
            std::fs::read(&path).map(|d| data = d)
        } else {
            handle.read_to_end(&mut data).map(|_| ())
        };
        if let Err(e) = read {
            return Err(os_error(vm, &e, &path));
        }
    }
    let pos = if kind == 'a' { data.len() } else { 0 };
    let file_obj = FileObj {
        stream: Stream::Disk {
            data,
            pos,
            file: Some(handle),
            dirty_from: None,
            shrunk: false,
            append: kind == 'a',
        },
        binary,
        name: file.clone(),
        mode: if binary { raw_mode(&mode) } else { mode },
        closed: false,
        buffer: Vec::new(),
        readable: kind == 'r' || plus,
        writable: kind != 'r' || plus,
        encoding: encoding.unwrap_or_else(|| "UTF-8".to_owned()),
        errors: errors.unwrap_or_else(|| "strict".to_owned()),
        newline,
        binary_layer: None,
        memory: false,
        seen_newlines: 0,
        decoded_upto: 0,
        decode_carry: 0,
    };
    Ok(wrap_file(vm, file_obj))
}

/// `open(fd)` for the process's standard descriptors 0, 1 and 2 (the only ones a Taipan
/// program can hold); another number is CPython's `[Errno 9] Bad file descriptor`.
#[allow(clippy::too_many_arguments)]
fn open_descriptor(
    vm: &mut Vm,
    fd: i64,
    mode: &str,
    binary: bool,
    kind: char,
    plus: bool,
    encoding: Option<String>,
    errors: Option<String>,
    newline: Option<String>,
) -> PyResult {
    if fd < 0 {
        return Err(vm.value_error("negative file descriptor"));
    }
    let stream = match fd {
        0 => Stream::Stdin(vm.flags.stdin.clone()),
        1 => Stream::Stdout(vm.flags.stdout.clone()),
        2 => Stream::Stderr(vm.flags.stderr.clone()),
        _ => {
            let e = std::io::Error::from_raw_os_error(9);
            let text = e.to_string();
            let strerror = text
                .rfind(" (os error ")
                .map_or(text.clone(), |i| text[..i].to_owned());
            let args = [Value::Int(9), vm.new_string(strerror)];
            let class = Value::Obj(vm.exc.os_error.clone());
            return match vm.call(&class, Args::new(&args)) {
                Ok(Value::Obj(o)) => Err(PyErr::new(o)),
                Ok(_) => Err(vm.system_error("OSError() returned a non-exception")),
                Err(err) => Err(err),
            };
        }
    };
    let readable = fd == 0 && (kind == 'r' || plus);
    let file_obj = FileObj {
        stream,
        binary,
        name: Value::Int(fd),
        mode: if binary {
            raw_mode(mode)
        } else {
            mode.to_owned()
        },
        closed: false,
        buffer: Vec::new(),
        readable,
        writable: fd != 0 && (kind != 'r' || plus),
        encoding: encoding.unwrap_or_else(|| "UTF-8".to_owned()),
        errors: errors.unwrap_or_else(|| "strict".to_owned()),
        newline,
        binary_layer: None,
        memory: false,
        seen_newlines: 0,
        decoded_upto: 0,
        decode_carry: 0,
    };
    Ok(wrap_file(vm, file_obj))
}

/// `f.name`, `f.closed`, `f.mode`… for [`crate::objects::getset::native_attribute`].
pub fn file_attribute(vm: &mut Vm, obj: &Value, name: &str) -> Option<Value> {
    let Some(Payload::File(cell)) = obj.payload() else {
        return None;
    };
    let f = cell.borrow();
    let text = !f.binary;
    if f.memory {
        // StringIO/BytesIO: no name, mode or binary layer; a StringIO's codec is None.
        return match name {
            "closed" => Some(Value::bool(f.closed)),
            "newlines" if text => Some(newlines_value(vm, f.seen_newlines)),
            "line_buffering" if text => Some(Value::bool(false)),
            "encoding" | "errors" if text => Some(Value::None),
            _ => None,
        };
    }
    Some(match name {
        "closed" => Value::bool(f.closed),
        "name" => f.name.clone(),
        "mode" => vm.new_str(&f.mode),
        "encoding" if text => vm.new_str(&f.encoding),
        "errors" if text => vm.new_str(&f.errors),
        "newlines" if text => newlines_value(vm, f.seen_newlines),
        "line_buffering" if text => Value::bool(false),
        "write_through" if text => Value::bool(false),
        "buffer" if text => {
            if let Some(b) = &f.binary_layer {
                return Some(b.clone());
            }
            drop(f);
            let layer = binary_layer(vm, cell);
            cell.borrow_mut().binary_layer = Some(layer.clone());
            layer
        }
        _ => return None,
    })
}

/// A standard stream's binary layer (`sys.stdout.buffer`); for a disk file, a second object
/// on a copy of the handle reading the same content.
fn binary_layer(vm: &Vm, cell: &std::cell::RefCell<FileObj>) -> Value {
    let f = cell.borrow();
    let stream = match &f.stream {
        Stream::Stdout(s) => Stream::Stdout(s.clone()),
        Stream::Stderr(s) => Stream::Stderr(s.clone()),
        Stream::Stdin(s) => Stream::Stdin(s.clone()),
        Stream::Disk {
            data, pos, file, ..
        } => match file.as_ref().map(std::fs::File::try_clone) {
            Some(Ok(file)) => Stream::Disk {
                data: data.clone(),
                pos: *pos,
                file: Some(file),
                dirty_from: None,
                shrunk: false,
                append: false,
            },
            _ => Stream::Stdin(Some(std::rc::Rc::new(std::cell::RefCell::new((
                data.clone(),
                *pos,
            ))))),
        },
    };
    let layer = FileObj {
        stream,
        binary: true,
        name: f.name.clone(),
        mode: raw_mode(&f.mode),
        closed: false,
        buffer: Vec::new(),
        readable: f.readable,
        writable: f.writable,
        encoding: String::new(),
        errors: String::new(),
        newline: None,
        binary_layer: None,
        memory: false,
        seen_newlines: 0,
        decoded_upto: 0,
        decode_carry: 0,
    };
    wrap_file(vm, layer)
}

fn close(vm: &mut Vm, f: &Value) -> PyResult<()> {
    if let Some(Payload::File(file)) = f.payload() {
        let mut file = file.borrow_mut();
        if file.closed {
            return Ok(());
        }
        if matches!(file.stream, Stream::Stdout(_)) {
            drop(file);
            crate::io::flush_stdout(vm)?;
            if let Some(Payload::File(file)) = f.payload() {
                let mut file = file.borrow_mut();
                let _ = file.flush();
                file.closed = true;
            }
            return Ok(());
        }
        let r = file.flush();
        file.closed = true;
        if let Err(e) = r {
            drop(file);
            return Err(os_error(vm, &e, ""));
        }
    }
    Ok(())
}

fn seek(vm: &mut Vm, f: &Value, rest: &[Value]) -> PyResult {
    let offset = argparse::index_i64(vm, rest.first().unwrap_or(&Value::Int(0)))?;
    let whence = match rest.get(1) {
        Some(w) => argparse::index_i64(vm, w)?,
        None => 0,
    };
    let (binary, memory) = with_file(vm, f, |file| (file.binary, file.memory))?;
    if memory {
        return seek_memory(vm, f, offset, whence, binary);
    }
    if !binary && offset != 0 && whence == 1 {
        return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
    }
    if !binary && offset != 0 && whence == 2 {
        return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
    }
    if !(0..=2).contains(&whence) {
        let msg = if binary {
            format!("whence value {whence} unsupported")
        } else {
            format!("invalid whence ({whence}, should be 0, 1 or 2)")
        };
        return Err(vm.value_error(msg));
    }
    if whence == 0 && offset < 0 {
        return Err(vm.value_error(format!("negative seek position {offset}")));
    }
    let result = with_file(vm, f, |file| match &mut file.stream {
        Stream::Disk { data, pos, .. } => {
            let base = match whence {
                0 => 0,
                1 => *pos as i64,
                _ => data.len() as i64,
            };
            let target = base.saturating_add(offset).max(0);
            *pos = usize::try_from(target).unwrap_or(usize::MAX);
            // The decoder starts afresh at the new position.
            file.decoded_upto = *pos;
            file.decode_carry = 0;
            Some(target)
        }
        _ => None,
    })?;
    match result {
        Some(p) => Ok(Value::Int(p)),
        None => Err(unsupported(vm, "underlying stream is not seekable")),
    }
}

/// `seek` on a StringIO (character positions) or BytesIO, with their CPython wordings.
fn seek_memory(vm: &mut Vm, f: &Value, offset: i64, whence: i64, binary: bool) -> PyResult {
    if !(0..=2).contains(&whence) {
        let head = if binary { "invalid" } else { "Invalid" };
        return Err(vm.value_error(format!("{head} whence ({whence}, should be 0, 1 or 2)")));
    }
    if !binary && offset != 0 && whence != 0 {
        let what = if whence == 1 { "cur" } else { "end" };
        return Err(vm.error(
            &vm.exc.os_error.clone(),
            format!("Can't do nonzero {what}-relative seeks"),
        ));
    }
    if whence == 0 && offset < 0 {
        return Err(vm.value_error(if binary {
            format!("negative seek value {offset}")
        } else {
            format!("Negative seek position {offset}")
        }));
    }
    let result = with_file(vm, f, |file| match &mut file.stream {
        Stream::Disk { data, pos, .. } => {
            if binary {
                let base = match whence {
                    0 => 0,
                    1 => *pos as i64,
                    _ => data.len() as i64,
                };
                let target = base.saturating_add(offset).max(0);
                *pos = usize::try_from(target).unwrap_or(usize::MAX);
                target
            } else {
                let chars = if whence == 2 {
                    crate::io_memory::char_index(data, data.len())
                } else if whence == 1 {
                    crate::io_memory::char_index(data, *pos)
                } else {
                    usize::try_from(offset).unwrap_or(usize::MAX)
                };
                *pos = crate::io_memory::byte_offset(data, chars);
                chars as i64
            }
        }
        _ => 0,
    })?;
    Ok(Value::Int(result))
}

fn tell(vm: &mut Vm, f: &Value) -> PyResult {
    let result = with_file(vm, f, |file| match &file.stream {
        Stream::Disk { pos, data, .. } if file.memory && !file.binary => {
            Some(crate::io_memory::char_index(data, *pos) as i64)
        }
        Stream::Disk { pos, .. } => Some(*pos as i64),
        _ => None,
    })?;
    match result {
        Some(p) => Ok(Value::Int(p)),
        None => Err(vm.error(&vm.exc.os_error.clone(), "[Errno 29] Illegal seek")),
    }
}

fn truncate(vm: &mut Vm, f: &Value, size: Option<&Value>) -> PyResult {
    check(vm, f, true)?;
    let size = match size {
        None | Some(Value::None) => None,
        Some(v) => Some(argparse::index_i64(vm, v)?),
    };
    let (memory_text, memory) =
        with_file(vm, f, |file| (file.memory && !file.binary, file.memory))?;
    if let Some(n) = size
        && n < 0
    {
        let head = if memory_text { "Negative" } else { "negative" };
        return Err(vm.value_error(format!("{head} size value {n}")));
    }
    let _ = memory;
    let result = with_file(vm, f, |file| match &mut file.stream {
        Stream::Disk {
            data,
            pos,
            dirty_from,
            shrunk,
            ..
        } => {
            let n = match size {
                None => *pos,
                Some(n) if memory_text => {
                    crate::io_memory::byte_offset(data, usize::try_from(n).unwrap_or(usize::MAX))
                }
                Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
            };
            let reported = size.unwrap_or(if memory_text {
                crate::io_memory::char_index(data, n) as i64
            } else {
                n as i64
            });
            if n.saturating_sub(data.len()) > crate::io::MAX_GAP {
                return Err(());
            }
            if n < data.len() {
                data.truncate(n);
                *shrunk = true;
            } else if n > data.len() {
                let old = data.len();
                data.resize(n, 0);
                *dirty_from = Some(dirty_from.map_or(old, |d| d.min(old)));
            }
            Ok(Some(reported))
        }
        _ => Ok(None),
    })?;
    match result {
        Ok(Some(n)) => Ok(Value::Int(n)),
        Ok(None) => Err(unsupported(vm, "truncate")),
        Err(()) => Err(vm.memory_error()),
    }
}

fn repr(vm: &mut Vm, f: &Value) -> PyResult {
    let Some(Payload::File(file)) = f.payload() else {
        return Ok(vm.new_str("<file>"));
    };
    if file.borrow().memory {
        let class = crate::types::type_name(&vm.class_of(f)).to_owned();
        let id = f.as_obj().map_or(0, Obj::id);
        let module = if class.contains('.') { "" } else { "_io." };
        return Ok(vm.new_string(format!("<{module}{class} object at {id:#x}>")));
    }
    let (binary, name, mode, encoding) = {
        let file = file.borrow();
        (
            file.binary,
            file.name.clone(),
            file.mode.clone(),
            file.encoding.clone(),
        )
    };
    let class = crate::types::type_name(&vm.class_of(f)).to_owned();
    let name = vm.repr(&name)?;
    let name = vm.str_lossy(&name);
    Ok(vm.new_string(if binary {
        format!("<_io.{class} name={name}>")
    } else {
        format!("<_io.{class} name={name} mode='{mode}' encoding='{encoding}'>")
    }))
}

pub(crate) fn init(vm: &mut Vm) {
    for class in [
        vm.types.text_io.clone(),
        vm.types.buffered_reader.clone(),
        vm.types.buffered_writer.clone(),
        vm.types.buffered_random.clone(),
        vm.types.string_io.clone(),
        vm.types.bytes_io.clone(),
    ] {
        method(vm, &class, "write", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "write", 1, 1)?;
            write(vm, f, &rest[0])
        });
        method(vm, &class, "writelines", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "writelines", 1, 1)?;
            check(vm, f, true)?;
            let iter = vm.iter(&rest[0])?;
            while let Some(line) = vm.next(&iter)? {
                write(vm, f, &line)?;
            }
            Ok(Value::None)
        });
        method(vm, &class, "flush", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "flush", 0, 0)?;
            let std = with_file(vm, f, |file| {
                matches!(file.stream, Stream::Stdout(_) | Stream::Stderr(_))
            })?;
            if std {
                // Another object on the same descriptor: sys.stdout's earlier output first.
                crate::io::flush_stdout(vm)?;
            }
            let r = with_file(vm, f, |file| file.flush())?;
            if let Err(e) = r {
                return Err(os_error(vm, &e, ""));
            }
            Ok(Value::None)
        });
        method(vm, &class, "read", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "read", 0, 1)?;
            let size = size_arg(vm, rest.first())?;
            check(vm, f, false)?;
            let how = size.map_or(Take::All, Take::Chars);
            read_text(vm, f, how)
        });
        method(vm, &class, "readline", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "readline", 0, 1)?;
            let size = size_arg(vm, rest.first())?;
            read_line(vm, f, size)
        });
        method(vm, &class, "readlines", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "readlines", 0, 1)?;
            let hint = size_arg(vm, rest.first())?.filter(|h| *h > 0);
            let mut lines = Vec::new();
            let mut total = 0;
            loop {
                let line = read_line(vm, f, None)?;
                let n = match vm.len(&line)? {
                    0 => break,
                    n => n,
                };
                lines.push(line);
                total += n;
                if hint.is_some_and(|h| total >= h) {
                    break;
                }
            }
            Ok(vm.new_list(lines))
        });
        method(vm, &class, "__iter__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
            with_file(vm, f, |_| ())?;
            Ok(f.clone())
        });
        method(vm, &class, "__next__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__next__", 0, 0)?;
            let line = read_line(vm, f, None)?;
            if vm.len(&line)? == 0 {
                return Err(vm.stop_iteration(Value::None));
            }
            Ok(line)
        });
        method(vm, &class, "close", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "close", 0, 0)?;
            close(vm, f)?;
            Ok(Value::None)
        });
        method(vm, &class, "__enter__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__enter__", 0, 0)?;
            with_file(vm, f, |_| ())?;
            Ok(f.clone())
        });
        method(vm, &class, "__exit__", |vm, a| {
            let f = a.values.first().cloned().unwrap_or(Value::None);
            vm.call_method(&f, "close", &[])?;
            Ok(Value::None)
        });
        method(vm, &class, "seek", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "seek", 1, 2)?;
            seek(vm, f, rest)
        });
        method(vm, &class, "tell", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "tell", 0, 0)?;
            tell(vm, f)
        });
        method(vm, &class, "truncate", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "truncate", 0, 1)?;
            truncate(vm, f, rest.first())
        });
        method(vm, &class, "readable", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "readable", 0, 0)?;
            Ok(Value::bool(with_file(vm, f, |file| file.readable)?))
        });
        method(vm, &class, "writable", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "writable", 0, 0)?;
            Ok(Value::bool(with_file(vm, f, |file| file.writable)?))
        });
        method(vm, &class, "seekable", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "seekable", 0, 0)?;
            let disk = with_file(vm, f, |file| matches!(file.stream, Stream::Disk { .. }))?;
            Ok(Value::bool(disk))
        });
        method(vm, &class, "fileno", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "fileno", 0, 0)?;
            let n = with_file(vm, f, |file| match file.stream {
                _ if file.memory => -1,
                Stream::Stdin(_) => 0,
                Stream::Stdout(_) => 1,
                Stream::Stderr(_) => 2,
                Stream::Disk { .. } => 3,
            })?;
            if n < 0 {
                return Err(unsupported(vm, "fileno"));
            }
            Ok(Value::Int(n))
        });
        method(vm, &class, "isatty", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "isatty", 0, 0)?;
            with_file(vm, f, |_| ())?;
            Ok(Value::FALSE)
        });
        method(vm, &class, "__repr__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
            repr(vm, f)
        });
    }
    for class in [
        vm.types.buffered_reader.clone(),
        vm.types.buffered_random.clone(),
        vm.types.bytes_io.clone(),
    ] {
        method(vm, &class, "read1", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "read1", 0, 1)?;
            let size = size_arg(vm, rest.first())?;
            check(vm, f, false)?;
            let how = size.map_or(Take::All, Take::Chars);
            let data = with_file(vm, f, |file| file.take_bytes(how))?;
            Ok(vm.new_bytes(data))
        });
        method(vm, &class, "peek", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "peek", 0, 1)?;
            check(vm, f, false)?;
            let data = with_file(vm, f, |file| match &file.stream {
                Stream::Disk { data, pos, .. } => data.get(*pos..).unwrap_or(&[]).to_vec(),
                _ => Vec::new(),
            })?;
            Ok(vm.new_bytes(data))
        });
    }
}

/// The `io` module: `open`, the file classes, `UnsupportedOperation` and the `SEEK_*`
/// constants, `StringIO` and `BytesIO`.
pub fn make_module(vm: &mut Vm) -> Obj {
    let m = crate::import::new_module(vm, "io");
    let Payload::Module(module) = m.payload() else {
        return m;
    };
    let d = module.dict.clone();
    let unsupported = unsupported_class(vm);
    let open = crate::ops::mapping::dict_get_str(vm, &vm.builtins_dict(), "open");
    let entries = [
        ("open", open.unwrap_or(Value::None)),
        ("UnsupportedOperation", Value::Obj(unsupported)),
        ("TextIOWrapper", Value::Obj(vm.types.text_io.clone())),
        (
            "BufferedReader",
            Value::Obj(vm.types.buffered_reader.clone()),
        ),
        (
            "BufferedWriter",
            Value::Obj(vm.types.buffered_writer.clone()),
        ),
        (
            "BufferedRandom",
            Value::Obj(vm.types.buffered_random.clone()),
        ),
        ("StringIO", Value::Obj(vm.types.string_io.clone())),
        ("BytesIO", Value::Obj(vm.types.bytes_io.clone())),
        ("SEEK_SET", Value::Int(0)),
        ("SEEK_CUR", Value::Int(1)),
        ("SEEK_END", Value::Int(2)),
        ("DEFAULT_BUFFER_SIZE", Value::Int(8192)),
    ];
    for (name, value) in entries {
        crate::ops::mapping::dict_set_str(vm, &d, name, value);
    }
    m
}
