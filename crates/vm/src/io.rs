//! Files and the standard streams: `sys.stdout`/`stderr`/`stdin`, `print`'s output, `input()`,
//! and the state of the file objects `open()` makes (their methods and attributes are in
//! [`crate::io_file`]).
//!
//! The standard streams are buffered here and flushed at exit, before `input()` reads, and
//! whenever the other stream is written (so interleaved output keeps its order on a terminal).
//! A disk file keeps its whole content in memory while open (reads, seeks and `r+` updates are
//! then simple); what was written goes to the disk on `flush()`, `close()`, when a lot is
//! pending, or when the object dies (as CPython's buffered files flush on deallocation).

use std::io::{BufRead, Read, Seek, SeekFrom, Write};

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::Payload;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Where the standard streams go: the process's own, or buffers an embedder reads afterwards.
pub type Sink = std::rc::Rc<std::cell::RefCell<Box<dyn Write>>>;

/// Input given by an embedder: the bytes and the read position.
pub type GivenInput = std::rc::Rc<std::cell::RefCell<(Vec<u8>, usize)>>;

pub enum Stream {
    Stdout(Sink),
    Stderr(Sink),
    /// The process's stdin, or input given by the embedder.
    Stdin(Option<GivenInput>),
    /// A file on disk (or in memory, `io.StringIO`/`BytesIO`, with no handle): its content,
    /// the position, the open handle, and the lowest offset changed since the last flush.
    Disk {
        data: Vec<u8>,
        pos: usize,
        file: Option<std::fs::File>,
        dirty_from: Option<usize>,
        /// Set when the content got shorter (`truncate`) since the last flush.
        shrunk: bool,
        append: bool,
    },
}

pub struct FileObj {
    pub stream: Stream,
    pub binary: bool,
    /// `name`: the path as given (a str), or the descriptor number.
    pub name: Value,
    pub mode: String,
    pub closed: bool,
    /// Output of the standard streams not yet written.
    pub buffer: Vec<u8>,
    pub readable: bool,
    pub writable: bool,
    /// Text files: the `encoding`, `errors` and `newline` arguments (`None` is universal
    /// newlines: `\r\n` and `\r` read as `\n`).
    pub encoding: String,
    pub errors: String,
    pub newline: Option<String>,
    /// A text file's binary layer (`f.buffer`), made on first use.
    pub binary_layer: Option<Value>,
    /// `io.StringIO`/`io.BytesIO`: no name, mode or descriptor; positions of a StringIO
    /// count characters.
    pub memory: bool,
    /// Text files: the byte position up to which the content was checked by the decoder, in
    /// CPython's 8192-byte chunks (its decode errors surface per chunk, positions relative
    /// to the chunk).
    pub decoded_upto: usize,
    /// Bytes before `decoded_upto` that end in an incomplete sequence: the decoder keeps them
    /// and decodes them with the next chunk.
    pub decode_carry: usize,
    /// The line endings universal-newline reading has met (`f.newlines`): bits for `\r`,
    /// `\n`, `\r\n` as CPython's decoder records them.
    pub seen_newlines: u8,
}

/// Pending output past which a disk file writes through.
const WRITE_THROUGH: usize = 64 * 1024;

/// The largest gap a write or `truncate` past the end may fill with zero bytes (the content
/// is held in memory; a program seeking far past the end gets a MemoryError, not an abort).
pub(crate) const MAX_GAP: usize = 1 << 30;

/// The error of a write that would need an impossibly large buffer.
pub(crate) fn too_large() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::OutOfMemory, "file content too large")
}

impl FileObj {
    pub(crate) fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.stream {
            Stream::Stdout(sink) | Stream::Stderr(sink) => {
                if self.buffer.is_empty() {
                    return Ok(());
                }
                let data = std::mem::take(&mut self.buffer);
                let mut out = sink.borrow_mut();
                out.write_all(&data)?;
                out.flush()
            }
            Stream::Disk {
                data,
                file,
                dirty_from,
                shrunk,
                ..
            } => {
                let Some(file) = file else {
                    return Ok(());
                };
                if let Some(from) = dirty_from.take() {
                    let from = from.min(data.len());
                    file.seek(SeekFrom::Start(from as u64))?;
                    file.write_all(&data[from..])?;
                }
                if std::mem::take(shrunk) {
                    file.set_len(data.len() as u64)?;
                }
                Ok(())
            }
            Stream::Stdin(_) => Ok(()),
        }
    }

    /// Append `bytes` at the position (at the end in append mode).
    pub(crate) fn write_bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match &mut self.stream {
            Stream::Stdout(_) | Stream::Stderr(_) => {
                self.buffer.extend_from_slice(bytes);
                Ok(())
            }
            Stream::Disk {
                data,
                pos,
                dirty_from,
                append,
                file,
                ..
            } => {
                if *append {
                    *pos = data.len();
                }
                let start = *pos;
                if start.saturating_sub(data.len()) > MAX_GAP
                    || start.saturating_add(bytes.len()) > isize::MAX as usize
                {
                    return Err(too_large());
                }
                if data.len() < start {
                    data.resize(start, 0);
                }
                let overlap = (data.len() - start).min(bytes.len());
                data[start..start + overlap].copy_from_slice(&bytes[..overlap]);
                data.extend_from_slice(&bytes[overlap..]);
                *pos = start + bytes.len();
                *dirty_from = Some(dirty_from.map_or(start, |d| d.min(start)));
                let pending = data.len() - dirty_from.unwrap_or(data.len());
                if pending > WRITE_THROUGH && file.is_some() {
                    self.flush()?;
                }
                Ok(())
            }
            Stream::Stdin(_) => Ok(()),
        }
    }

    /// The unread bytes of a readable stream, after pulling all of the process's stdin in
    /// when `whole` (a `read()` or `read(n)`).
    fn unread(&mut self, whole: bool) -> &[u8] {
        if whole && let Stream::Stdin(None) = self.stream {
            let mut all = Vec::new();
            let _ = std::io::stdin().lock().read_to_end(&mut all);
            self.stream = Stream::Stdin(Some(std::rc::Rc::new(std::cell::RefCell::new((all, 0)))));
        }
        match &mut self.stream {
            Stream::Disk { data, pos, .. } => data.get(*pos..).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Consume up to `limit` bytes of input ending at `stop` (a line), or everything: the raw
    /// bytes (no decoding, no newline translation).
    pub(crate) fn take_bytes(&mut self, how: Take) -> Vec<u8> {
        let whole = !matches!(how, Take::Line(_));
        if let Stream::Stdin(Some(given)) = &self.stream {
            let given = given.clone();
            let mut g = given.borrow_mut();
            let (data, pos) = &mut *g;
            let rest = data.get(*pos..).unwrap_or(&[]);
            let n = how.extent(rest, self.newline.as_deref(), self.binary);
            let out = rest[..n].to_vec();
            *pos += n;
            return out;
        }
        if let Stream::Stdin(None) = self.stream {
            if let Take::Line(None) = how {
                let mut out = Vec::new();
                let _ = std::io::stdin().lock().read_until(b'\n', &mut out);
                return out;
            }
            self.unread(whole);
            return self.take_bytes(how);
        }
        let newline = self.newline.clone();
        let binary = self.binary;
        let rest = self.unread(whole);
        let n = how.extent(rest, newline.as_deref(), binary);
        let out = rest[..n].to_vec();
        if let Stream::Disk { pos, .. } = &mut self.stream {
            *pos += n;
        }
        out
    }
}

impl Drop for FileObj {
    /// A file dropped open writes out what is pending, as CPython's do when deallocated.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// How much a read takes.
#[derive(Clone, Copy)]
pub(crate) enum Take {
    All,
    /// `n` characters (bytes for binary files).
    Chars(usize),
    /// A line, of at most `n` characters when given.
    Line(Option<usize>),
}

impl Take {
    /// The number of bytes of `rest` this read consumes. Text files count UTF-8 characters
    /// and, under universal newlines, `\r\n` as one; lines end at `\n`, or also at `\r` when
    /// `newline` is `None` or `''` (CPython's line endings for those modes).
    fn extent(self, rest: &[u8], newline: Option<&str>, binary: bool) -> usize {
        let universal = !binary && newline.is_none();
        let any_ending = !binary && matches!(newline, None | Some(""));
        let (max_chars, line) = match self {
            Take::All => return rest.len(),
            Take::Chars(n) => (Some(n), false),
            Take::Line(n) => (n, true),
        };
        let mut i = 0;
        let mut chars = 0;
        while i < rest.len() {
            if max_chars.is_some_and(|m| chars >= m) {
                break;
            }
            let b = rest[i];
            let mut width = if binary { 1 } else { utf8_width(rest, i) };
            if b == b'\r' && rest.get(i + 1) == Some(&b'\n') && (universal || line && any_ending) {
                width = 2;
            }
            i += width;
            chars += 1;
            if line && (b == b'\n' || b == b'\r' && any_ending) {
                break;
            }
        }
        i.min(rest.len())
    }
}

/// The length of the UTF-8 sequence starting at `i` (1 for a stray byte).
fn utf8_width(data: &[u8], i: usize) -> usize {
    let Some(&b) = data.get(i) else { return 1 };
    let want = match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 1,
    };
    let mut n = 1;
    while n < want && data.get(i + n).is_some_and(|c| c & 0xC0 == 0x80) {
        n += 1;
    }
    n
}

pub fn new_file(vm: &Vm, stream: Stream, binary: bool, name: &str, mode: &str) -> Value {
    let readable = matches!(stream, Stream::Stdin(_));
    let file = FileObj {
        stream,
        binary,
        name: vm.new_str(name),
        mode: mode.to_owned(),
        closed: false,
        buffer: Vec::new(),
        readable,
        writable: !readable,
        encoding: "utf-8".to_owned(),
        // CPython's standard streams under the C/POSIX locale (and its UTF-8 mode), as the
        // oracle runs: surrogateescape, stderr backslashreplace.
        errors: match name {
            "<stderr>" => "backslashreplace",
            _ => "surrogateescape",
        }
        .to_owned(),
        // CPython's standard streams use `newline='\n'`: `\r\n` typed in stays as it is.
        newline: Some("\n".to_owned()),
        binary_layer: None,
        memory: false,
        seen_newlines: 0,
        decoded_upto: 0,
        decode_carry: 0,
    };
    wrap_file(vm, file)
}

/// The object for a file: a `TextIOWrapper`, or the `Buffered*` class its access asks for.
pub(crate) fn wrap_file(vm: &Vm, file: FileObj) -> Value {
    let class = if !file.binary {
        vm.types.text_io.clone()
    } else if file.readable && file.writable {
        vm.types.buffered_random.clone()
    } else if file.readable {
        vm.types.buffered_reader.clone()
    } else {
        vm.types.buffered_writer.clone()
    };
    Value::Obj(Obj::new(
        class,
        Payload::File(Box::new(std::cell::RefCell::new(file))),
    ))
}

fn sys_stream(vm: &Vm, name: &str) -> Option<Value> {
    let sys = vm.sys_dict.as_ref()?;
    mapping::dict_get_str(vm, sys, name)
}

/// `sys.stdout`, or `None` when it is missing or `None`.
pub fn stdout_object(vm: &Vm) -> Option<Value> {
    sys_stream(vm, "stdout").filter(|v| !v.is_none())
}

/// Write text to `sys.stdout` (a native stream directly; any other object through `write`).
pub fn write_stdout(vm: &mut Vm, text: &str) -> PyResult<()> {
    write_stream(vm, "stdout", text)
}

pub fn write_stderr(vm: &mut Vm, text: &str) -> PyResult<()> {
    write_stream(vm, "stderr", text)
}

fn write_stream(vm: &mut Vm, which: &str, text: &str) -> PyResult<()> {
    match sys_stream(vm, which) {
        Some(Value::None) | None => Ok(()),
        Some(stream) => write_to(vm, &stream, text),
    }
}

/// Write `text` to a file object: a native standard stream or file directly, anything else
/// through its `write` method.
pub fn write_to(vm: &mut Vm, stream: &Value, text: &str) -> PyResult<()> {
    if let Some(Payload::File(f)) = stream.payload() {
        let mut f = f.borrow_mut();
        if f.closed {
            drop(f);
            return Err(vm.value_error("I/O operation on closed file."));
        }
        if f.binary || !f.writable {
            drop(f);
            let s = vm.new_str(text);
            vm.call_method(stream, "write", &[s])?;
            return Ok(());
        }
        let translated;
        let mut bytes = text.as_bytes();
        if let Some(nl) = f.newline.as_deref()
            && !nl.is_empty()
            && nl != "\n"
        {
            translated = text.replace('\n', nl);
            bytes = translated.as_bytes();
        }
        if f.write_bytes(bytes).is_err() {
            drop(f);
            return Err(vm.memory_error());
        }
        let is_err = matches!(f.stream, Stream::Stderr(_));
        let is_std = matches!(f.stream, Stream::Stdout(_));
        let over = f.buffer.len() > WRITE_THROUGH;
        drop(f);
        if is_err {
            flush_stdout(vm)?;
            if let Some(Payload::File(f)) = stream.payload() {
                let _ = f.borrow_mut().flush();
            }
        } else if is_std
            && over
            && let Some(Payload::File(f)) = stream.payload()
        {
            let _ = f.borrow_mut().flush();
        }
        return Ok(());
    }
    let s = vm.new_str(text);
    vm.call_method(stream, "write", &[s])?;
    Ok(())
}

pub fn flush_stdout(vm: &mut Vm) -> PyResult<()> {
    for name in ["stdout", "__stdout__"] {
        if let Some(Value::Obj(o)) = sys_stream(vm, name)
            && let Payload::File(f) = o.payload()
        {
            let _ = f.borrow_mut().flush();
        }
    }
    Ok(())
}

/// Flush both standard streams (at exit).
pub fn flush_all(vm: &mut Vm) {
    for name in ["stdout", "stderr", "__stdout__", "__stderr__"] {
        if let Some(Value::Obj(o)) = sys_stream(vm, name)
            && let Payload::File(f) = o.payload()
        {
            let _ = f.borrow_mut().flush();
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
        Some(Payload::File(f)) => {
            let mut f = f.borrow_mut();
            if f.closed {
                drop(f);
                return Err(vm.value_error("I/O operation on closed file."));
            }
            f.take_bytes(Take::Line(None))
        }
        _ => {
            let line = vm.call_method(&stdin, "readline", &[])?;
            vm.str_lossy(&line).into_bytes()
        }
    };
    if data.is_empty() {
        return Err(vm.error(&vm.exc.eof_error.clone(), "EOF when reading a line"));
    }
    // Only the newline goes: sys.stdin keeps a `\r` before it (newline='\n').
    let mut line = String::from_utf8_lossy(&data).into_owned();
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(vm.new_string(line))
}
