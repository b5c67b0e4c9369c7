//! Files and the standard streams: `sys.stdout`/`stderr`/`stdin`, `print`'s output, `input()`,
//! and `open()` for text and binary files.
//!
//! The standard streams are buffered here and flushed at exit, before `input()` reads, and
//! whenever the other stream is written (so interleaved output keeps its order on a terminal).

use std::io::{BufRead, Read, Write};

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::objects::method;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Where the standard streams go: the process's own, or buffers an embedder reads afterwards.
pub type Sink = std::rc::Rc<std::cell::RefCell<Box<dyn Write>>>;

pub enum Stream {
    Stdout(Sink),
    Stderr(Sink),
    /// The process's stdin, or input given by the embedder.
    Stdin(Option<std::rc::Rc<std::cell::RefCell<(Vec<u8>, usize)>>>),
    /// A file opened for reading: its whole content and the read position.
    Reader {
        data: Vec<u8>,
        pos: usize,
    },
    Writer(std::fs::File),
}

pub struct FileObj {
    pub stream: Stream,
    pub binary: bool,
    pub name: String,
    pub mode: String,
    pub closed: bool,
    pub buffer: Vec<u8>,
}

impl FileObj {
    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.buffer);
        match &mut self.stream {
            Stream::Stdout(sink) | Stream::Stderr(sink) => {
                let mut out = sink.borrow_mut();
                out.write_all(&data)?;
                out.flush()
            }
            Stream::Writer(f) => f.write_all(&data),
            _ => Ok(()),
        }
    }
}

pub fn new_file(vm: &Vm, stream: Stream, binary: bool, name: &str, mode: &str) -> Value {
    let class = if binary {
        if matches!(stream, Stream::Reader { .. } | Stream::Stdin(_)) {
            vm.types.buffered_reader.clone()
        } else {
            vm.types.buffered_writer.clone()
        }
    } else {
        vm.types.text_io.clone()
    };
    Value::Obj(Obj::new(
        class,
        Payload::File(Box::new(std::cell::RefCell::new(FileObj {
            stream,
            binary,
            name: name.to_owned(),
            mode: mode.to_owned(),
            closed: false,
            buffer: Vec::new(),
        }))),
    ))
}

fn sys_stream(vm: &Vm, name: &str) -> Option<Value> {
    let sys = vm.sys_dict.as_ref()?;
    mapping::dict_get_str(vm, sys, name)
}

/// Write text to `sys.stdout` (a native stream directly; any other object through `write`).
pub fn write_stdout(vm: &mut Vm, text: &str) -> PyResult<()> {
    write_stream(vm, "stdout", text)
}

pub fn write_stderr(vm: &mut Vm, text: &str) -> PyResult<()> {
    write_stream(vm, "stderr", text)
}

fn write_stream(vm: &mut Vm, which: &str, text: &str) -> PyResult<()> {
    let stream = sys_stream(vm, which);
    match &stream {
        Some(Value::Obj(o)) => {
            if let Payload::File(f) = o.payload() {
                let mut f = f.borrow_mut();
                if f.closed {
                    drop(f);
                    return Err(vm.value_error("I/O operation on closed file."));
                }
                f.buffer.extend_from_slice(text.as_bytes());
                let is_err = matches!(f.stream, Stream::Stderr(_));
                if is_err || f.buffer.len() > 64 * 1024 {
                    drop(f);
                    if is_err {
                        flush_stdout(vm)?;
                        if let Payload::File(f) = o.payload() {
                            let _ = f.borrow_mut().flush();
                        }
                    } else if let Payload::File(f) = o.payload() {
                        let _ = f.borrow_mut().flush();
                    }
                }
                return Ok(());
            }
            let s = vm.new_str(text);
            let v = Value::Obj(o.clone());
            vm.call_method(&v, "write", &[s])?;
            Ok(())
        }
        Some(Value::None) | None => Ok(()),
        Some(other) => {
            let s = vm.new_str(text);
            let other = other.clone();
            vm.call_method(&other, "write", &[s])?;
            Ok(())
        }
    }
}

pub fn flush_stdout(vm: &mut Vm) -> PyResult<()> {
    if let Some(Value::Obj(o)) = sys_stream(vm, "stdout") {
        if let Payload::File(f) = o.payload() {
            let _ = f.borrow_mut().flush();
        }
    }
    Ok(())
}

/// Flush both standard streams (at exit).
pub fn flush_all(vm: &mut Vm) {
    for name in ["stdout", "stderr", "__stdout__", "__stderr__"] {
        if let Some(Value::Obj(o)) = sys_stream(vm, name) {
            if let Payload::File(f) = o.payload() {
                let _ = f.borrow_mut().flush();
            }
        }
    }
}

pub fn builtin_input(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "input", 0, 1)?;
    if let Some(prompt) = p.first() {
        let s = vm.str_string(prompt)?;
        write_stdout(vm, &s)?;
    }
    flush_stdout(vm)?;
    let stdin = sys_stream(vm, "stdin").unwrap_or(Value::None);
    let data = match stdin.payload() {
        Some(Payload::File(_)) => with_file(vm, &stdin, read_line)?,
        _ => {
            let line = vm.call_method(&stdin, "readline", &[])?;
            vm.str_lossy(&line).into_bytes()
        }
    };
    if data.is_empty() {
        return Err(vm.error(&vm.exc.eof_error.clone(), "EOF when reading a line"));
    }
    let mut line = String::from_utf8_lossy(&data).into_owned();
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    Ok(vm.new_string(line))
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
    let path = match file.payload() {
        Some(Payload::Str(s)) => s.to_lossy().into_owned(),
        _ => {
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                vm.type_name(&file)
            )));
        }
    };
    let mode = match &b[1] {
        Some(m) => argparse::str_arg(vm, m, "open() argument 'mode'")?,
        None => "r".to_owned(),
    };
    let binary = mode.contains('b');
    let os_err = |vm: &mut Vm, e: std::io::Error| {
        let (class, errno, msg) = match e.kind() {
            std::io::ErrorKind::NotFound => (
                vm.exc.file_not_found_error.clone(),
                2,
                "No such file or directory",
            ),
            std::io::ErrorKind::PermissionDenied => {
                (vm.exc.permission_error.clone(), 13, "Permission denied")
            }
            _ => match e.raw_os_error() {
                Some(21) => (vm.exc.is_a_directory_error.clone(), 21, "Is a directory"),
                _ => (
                    vm.exc.os_error.clone(),
                    e.raw_os_error().unwrap_or(0) as i64,
                    "I/O error",
                ),
            },
        };
        let args = vec![Value::Int(errno), vm.new_str(msg), vm.new_str(&path)];
        let exc = vm.new_exception(&class, args.clone());
        if let Some(d) = exc.dict() {
            mapping::dict_set_str(vm, d, "errno", Value::Int(errno));
            mapping::dict_set_str(vm, d, "strerror", vm.new_str(msg));
            mapping::dict_set_str(vm, d, "filename", vm.new_str(&path));
        }
        crate::error::PyErr::new(exc)
    };
    if mode.contains('w') || mode.contains('a') || mode.contains('x') {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(mode.contains('w'))
            .append(mode.contains('a'))
            .open(&path);
        match f {
            Ok(f) => Ok(new_file(vm, Stream::Writer(f), binary, &path, &mode)),
            Err(e) => Err(os_err(vm, e)),
        }
    } else {
        match std::fs::read(&path) {
            Ok(data) => Ok(new_file(
                vm,
                Stream::Reader { data, pos: 0 },
                binary,
                &path,
                &mode,
            )),
            Err(e) => Err(os_err(vm, e)),
        }
    }
}

fn with_file<T>(vm: &mut Vm, v: &Value, f: impl FnOnce(&mut FileObj) -> T) -> PyResult<T> {
    match v.payload() {
        Some(Payload::File(file)) => {
            let mut file = file.borrow_mut();
            if file.closed {
                drop(file);
                return Err(vm.value_error("I/O operation on closed file."));
            }
            Ok(f(&mut file))
        }
        _ => Err(vm.type_error("not a file")),
    }
}

fn read_all(file: &mut FileObj) -> Vec<u8> {
    match &mut file.stream {
        Stream::Reader { data, pos } => {
            let out = data[*pos..].to_vec();
            *pos = data.len();
            out
        }
        Stream::Stdin(Some(given)) => {
            let mut g = given.borrow_mut();
            let (data, pos) = &mut *g;
            let out = data[*pos..].to_vec();
            *pos = data.len();
            out
        }
        Stream::Stdin(None) => {
            let mut out = Vec::new();
            let _ = std::io::stdin().lock().read_to_end(&mut out);
            out
        }
        _ => Vec::new(),
    }
}

fn read_line(file: &mut FileObj) -> Vec<u8> {
    match &mut file.stream {
        Stream::Reader { data, pos } => {
            let rest = &data[*pos..];
            let end = rest
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |i| i + 1);
            let out = rest[..end].to_vec();
            *pos += end;
            out
        }
        Stream::Stdin(Some(given)) => {
            let mut g = given.borrow_mut();
            let (data, pos) = &mut *g;
            let rest = &data[*pos..];
            let end = rest
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |i| i + 1);
            let out = rest[..end].to_vec();
            *pos += end;
            out
        }
        Stream::Stdin(None) => {
            let mut out = Vec::new();
            let _ = std::io::stdin().lock().read_until(b'\n', &mut out);
            out
        }
        _ => Vec::new(),
    }
}

fn bytes_to_value(vm: &Vm, binary: bool, data: Vec<u8>) -> Value {
    if binary {
        vm.new_bytes(data)
    } else {
        let text = String::from_utf8_lossy(&data).replace("\r\n", "\n");
        vm.new_string(text)
    }
}

pub(crate) fn init(vm: &mut Vm) {
    for class in [
        vm.types.text_io.clone(),
        vm.types.buffered_reader.clone(),
        vm.types.buffered_writer.clone(),
    ] {
        method(vm, &class, "write", |vm, a| {
            let (f, rest) = argparse::method_args(vm, &a, "write", 1, 1)?;
            let data = match rest[0].payload() {
                Some(Payload::Str(s)) => s.to_lossy().into_owned().into_bytes(),
                _ => crate::objects::bytes::bytes_of(vm, &rest[0])?,
            };
            let n = data.len();
            let chars = match rest[0].payload() {
                Some(Payload::Str(s)) => s.char_len(),
                _ => n,
            };
            let is_err = with_file(vm, f, |file| {
                file.buffer.extend_from_slice(&data);
                let is_err = matches!(file.stream, Stream::Stderr(_));
                if is_err
                    || file.buffer.len() > 64 * 1024
                    || matches!(file.stream, Stream::Writer(_)) && file.buffer.len() > 8192
                {
                    if !is_err {
                        let _ = file.flush();
                    }
                }
                is_err
            })?;
            if is_err {
                flush_stdout(vm)?;
                with_file(vm, f, |file| {
                    let _ = file.flush();
                })?;
            }
            Ok(Value::Int(chars as i64))
        });
        method(vm, &class, "flush", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "flush", 0, 0)?;
            with_file(vm, f, |file| {
                let _ = file.flush();
            })?;
            Ok(Value::None)
        });
        method(vm, &class, "read", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "read", 0, 1)?;
            let (binary, data) = with_file(vm, f, |file| (file.binary, read_all(file)))?;
            Ok(bytes_to_value(vm, binary, data))
        });
        method(vm, &class, "readline", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "readline", 0, 1)?;
            let (binary, data) = with_file(vm, f, |file| (file.binary, read_line(file)))?;
            Ok(bytes_to_value(vm, binary, data))
        });
        method(vm, &class, "readlines", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "readlines", 0, 1)?;
            let mut lines = Vec::new();
            loop {
                let (binary, data) = with_file(vm, f, |file| (file.binary, read_line(file)))?;
                if data.is_empty() {
                    break;
                }
                lines.push(bytes_to_value(vm, binary, data));
            }
            Ok(vm.new_list(lines))
        });
        method(vm, &class, "__iter__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__iter__", 0, 0)?;
            Ok(f.clone())
        });
        method(vm, &class, "__next__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__next__", 0, 0)?;
            let (binary, data) = with_file(vm, f, |file| (file.binary, read_line(file)))?;
            if data.is_empty() {
                return Err(vm.stop_iteration(Value::None));
            }
            Ok(bytes_to_value(vm, binary, data))
        });
        method(vm, &class, "close", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "close", 0, 0)?;
            if let Some(Payload::File(file)) = f.payload() {
                let mut file = file.borrow_mut();
                let _ = file.flush();
                file.closed = true;
            }
            Ok(Value::None)
        });
        method(vm, &class, "__enter__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__enter__", 0, 0)?;
            Ok(f.clone())
        });
        method(vm, &class, "__exit__", |vm, a| {
            let f = a.values.first().cloned().unwrap_or(Value::None);
            vm.call_method(&f, "close", &[])?;
            Ok(Value::None)
        });
        method(vm, &class, "fileno", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "fileno", 0, 0)?;
            let n = with_file(vm, f, |file| match file.stream {
                Stream::Stdin(_) => 0,
                Stream::Stdout(_) => 1,
                Stream::Stderr(_) => 2,
                _ => 3,
            })?;
            Ok(Value::Int(n))
        });
        method(vm, &class, "isatty", |_vm, _a| Ok(Value::FALSE));
        method(vm, &class, "__repr__", |vm, a| {
            let (f, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
            let Some(Payload::File(file)) = f.payload() else {
                return Ok(Value::None);
            };
            let file = file.borrow();
            let text = if file.binary {
                format!("<_io.BufferedReader name='{}'>", file.name)
            } else {
                format!(
                    "<_io.TextIOWrapper name='{}' mode='{}' encoding='utf-8'>",
                    file.name, file.mode
                )
            };
            Ok(vm.new_string(text))
        });
    }
}
