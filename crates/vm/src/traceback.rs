//! Printing an uncaught exception as CPython 3.13 does (its `sys.excepthook` runs
//! `traceback.print_exception(…, compact=True)`): `Traceback (most recent call last):`, a
//! `File "…", line N, in NAME` entry per frame with its source lines and markers
//! ([`crate::traceback_carets`]), `[Previous line repeated N more times]`, chained exceptions
//! (`__cause__`, `__context__`), exception groups in their boxes, notes, and the
//! "Did you mean" suggestions ([`crate::traceback_suggest`]).
//!
//! Not for: the `traceback` module's Python API, or raising and unwinding (`eval::unwind`).

use std::collections::HashSet;

use crate::object::Payload;
use crate::objects::exception::exc_data;
use crate::value::Value;
use crate::vm::Vm;

/// traceback.py's `_RECURSIVE_CUTOFF`: identical entries shown before summarizing.
const RECURSIVE_CUTOFF: usize = 3;
/// `TracebackException`'s defaults for groups.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
/// A bound on the exceptions one report walks (chains and groups), against pathological input.
const MAX_NODES: usize = 100_000;

const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// Source lines of files, read once (as CPython's `linecache`). A relative name that is not a
/// file from the working folder is looked for in each folder of `sys.path`, as `linecache`
/// does (so a `.pyc` compiled with a relative `co_filename` shows its source lines).
pub(crate) fn source_line(vm: &mut Vm, filename: &str, lineno: i32) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    if !vm.source_cache.contains_key(filename) {
        let mut text = std::fs::read(filename).ok();
        if text.is_none() && !filename.starts_with('/') && !filename.starts_with('<') {
            let folders = vm
                .sys_dict
                .clone()
                .and_then(|sys| crate::ops::mapping::dict_get_str(vm, &sys, "path"))
                .and_then(|path| match path.payload() {
                    Some(crate::object::Payload::List(items)) => Some(items.borrow().clone()),
                    _ => None,
                })
                .unwrap_or_default();
            for folder in folders {
                let Some(folder) = folder.as_str_obj() else {
                    continue;
                };
                let folder = folder.to_lossy();
                let candidate = if folder.is_empty() {
                    filename.to_owned()
                } else {
                    format!("{}/{filename}", folder.trim_end_matches('/'))
                };
                if let Ok(bytes) = std::fs::read(&candidate) {
                    text = Some(bytes);
                    break;
                }
            }
        }
        let text = text.map(|b| String::from_utf8_lossy(&b).into_owned());
        vm.source_cache.insert(filename.to_owned(), text);
    }
    let text = vm.source_cache.get(filename)?;
    text.as_ref()?
        .lines()
        .nth(lineno as usize - 1)
        .map(str::to_owned)
}

/// One exception of the report (`TracebackException`): its links are indexes into the arena.
struct Node {
    exc: Value,
    cause: Option<usize>,
    context: Option<usize>,
    exceptions: Option<Vec<usize>>,
    suppress_context: bool,
    /// `str(exc)` with any suggestion appended.
    text: String,
}

struct Report {
    nodes: Vec<Node>,
    seen: HashSet<usize>,
}

impl Report {
    /// `TracebackException.__init__`: records `exc` as seen and captures its text.
    fn node(&mut self, vm: &mut Vm, exc: &Value) -> usize {
        if let Value::Obj(o) = exc {
            self.seen.insert(o.id());
        }
        let text = exception_text(vm, exc);
        let suppress_context = exc_data(exc).is_some_and(|d| d.suppress_context.get());
        self.nodes.push(Node {
            exc: exc.clone(),
            cause: None,
            context: None,
            exceptions: None,
            suppress_context,
            text,
        });
        self.nodes.len() - 1
    }

    fn unseen(&self, v: &Option<Value>) -> Option<Value> {
        let v = v.as_ref().filter(|v| !v.is_none())?;
        match v {
            Value::Obj(o) if self.seen.contains(&o.id()) => None,
            _ => Some(v.clone()),
        }
    }

    /// The chain and group links, built breadth-last as CPython's queue does (so what counts
    /// as already seen matches).
    fn build(vm: &mut Vm, exc: &Value) -> (Report, usize) {
        let mut r = Report {
            nodes: Vec::new(),
            seen: HashSet::new(),
        };
        let root = r.node(vm, exc);
        let mut queue = vec![root];
        while let Some(i) = queue.pop() {
            if r.nodes.len() > MAX_NODES {
                break;
            }
            let e = r.nodes[i].exc.clone();
            let (cause, context) = match exc_data(&e) {
                Some(d) => (d.cause.borrow().clone(), d.context.borrow().clone()),
                None => (None, None),
            };
            let cause = r.unseen(&cause).map(|c| r.node(vm, &c));
            // compact=True: the context is only wanted when it would be printed.
            let need_context = cause.is_none() && !r.nodes[i].suppress_context;
            let context = if need_context {
                r.unseen(&context).map(|c| r.node(vm, &c))
            } else {
                None
            };
            let exceptions = if crate::objects::exception_group::is_group(vm, &e) {
                let members = group_members(vm, &e);
                Some(members.iter().map(|m| r.node(vm, m)).collect::<Vec<_>>())
            } else {
                None
            };
            queue.extend(cause);
            queue.extend(context);
            if let Some(ms) = &exceptions {
                queue.extend(ms.iter().copied());
            }
            let n = &mut r.nodes[i];
            n.cause = cause;
            n.context = context;
            n.exceptions = exceptions;
        }
        (r, root)
    }
}

fn group_members(vm: &mut Vm, eg: &Value) -> Vec<Value> {
    let exceptions = match eg {
        Value::Obj(o) => o
            .dict()
            .and_then(|d| crate::ops::mapping::dict_get_str(vm, d, "exceptions")),
        _ => None,
    };
    exceptions
        .and_then(|e| crate::objects::tuple::tuple_items(&e).map(|t| t.to_vec()))
        .unwrap_or_default()
}

/// `_ExceptionPrintContext`: the group nesting depth and whether a box still needs closing.
struct Ctx {
    depth: usize,
    need_close: bool,
}

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Every line of `text` prefixed with the indent and the margin (`|`, or `+` for a
    /// top-level group's header) inside groups.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// The text CPython's `sys.excepthook` writes for `exc`.
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let (report, root) = Report::build(vm, exc);
    let mut out = String::new();
    let mut ctx = Ctx {
        depth: 0,
        need_close: false,
    };
    format_node(vm, &report, root, &mut ctx, &mut out, 0);
    out
}

/// `TracebackException.format(chain=True)`.
fn format_node(
    vm: &mut Vm,
    r: &Report,
    root: usize,
    ctx: &mut Ctx,
    out: &mut String,
    nesting: usize,
) {
    let mut chain: Vec<(Option<&str>, usize)> = Vec::new();
    let mut cursor = Some(root);
    while let Some(i) = cursor {
        let Some(n) = r.nodes.get(i) else { break };
        if let Some(c) = n.cause {
            chain.push((Some(CAUSE_MESSAGE), i));
            cursor = Some(c);
        } else if let Some(c) = n.context.filter(|_| !n.suppress_context) {
            chain.push((Some(CONTEXT_MESSAGE), i));
            cursor = Some(c);
        } else {
            chain.push((None, i));
            cursor = None;
        }
        if chain.len() > MAX_NODES {
            break;
        }
    }
    for (message, i) in chain.into_iter().rev() {
        if let Some(m) = message {
            ctx.emit(out, m, '|');
        }
        let n = &r.nodes[i];
        let stack = format_stack(vm, &n.exc);
        match &n.exceptions {
            None => {
                if !stack.is_empty() {
                    ctx.emit(out, "Traceback (most recent call last):\n", '|');
                    ctx.emit(out, &stack, '|');
                }
                let only = format_only(vm, &n.exc, &n.text);
                ctx.emit(out, &only, '|');
            }
            Some(_) if ctx.depth > MAX_GROUP_DEPTH => {
                ctx.emit(
                    out,
                    &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                    '|',
                );
            }
            Some(members) => {
                let toplevel = ctx.depth == 0;
                if toplevel {
                    ctx.depth += 1;
                }
                if !stack.is_empty() {
                    ctx.emit(
                        out,
                        "Exception Group Traceback (most recent call last):\n",
                        if toplevel { '+' } else { '|' },
                    );
                    ctx.emit(out, &stack, '|');
                }
                let only = format_only(vm, &n.exc, &n.text);
                ctx.emit(out, &only, '|');
                let count = members.len();
                let shown = if count <= MAX_GROUP_WIDTH {
                    count
                } else {
                    MAX_GROUP_WIDTH + 1
                };
                ctx.need_close = false;
                #[allow(clippy::needless_range_loop)] // `k` also goes one past the members shown
                for k in 0..shown {
                    let last = k + 1 == shown;
                    if last {
                        ctx.need_close = true;
                    }
                    let truncated = k >= MAX_GROUP_WIDTH;
                    let title = if truncated {
                        "...".to_owned()
                    } else {
                        (k + 1).to_string()
                    };
                    let lead = if k == 0 { "+-" } else { "  " };
                    out.push_str(&format!(
                        "{}{lead}+---------------- {title} ----------------\n",
                        ctx.indent()
                    ));
                    ctx.depth += 1;
                    if !truncated {
                        if let Some(&member) = members.get(k)
                            && nesting < MAX_NODES
                        {
                            format_node(vm, r, member, ctx, out, nesting + 1);
                        }
                    } else {
                        let remaining = count - MAX_GROUP_WIDTH;
                        let s = if remaining > 1 { "s" } else { "" };
                        ctx.emit(out, &format!("and {remaining} more exception{s}\n"), '|');
                    }
                    if last && ctx.need_close {
                        out.push_str(&format!(
                            "{}+------------------------------------\n",
                            ctx.indent()
                        ));
                        ctx.need_close = false;
                    }
                    ctx.depth -= 1;
                }
                if toplevel {
                    ctx.depth = 0;
                }
            }
        }
    }
}

/// `StackSummary.format` of an exception's traceback: one entry per frame, runs of more than
/// three identical entries (same file, line and function) summarized.
fn format_stack(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    let mut cursor = exc_data(exc).and_then(|d| d.traceback.borrow().clone());
    let mut last: Option<(String, i32, String)> = None;
    let mut count = 0usize;
    let mut steps = 0usize;
    while let Some(Value::Obj(t)) = cursor {
        let Payload::Traceback(tbd) = t.payload() else {
            break;
        };
        let filename = vm.str_lossy(&tbd.code.filename);
        let name = vm.str_lossy(&tbd.code.name);
        let position = tbd.code.position_of(tbd.lasti);
        let lineno = position.and_then(|p| p.0).unwrap_or(-1);
        let key = (filename.clone(), lineno, name.clone());
        if last.as_ref() != Some(&key) {
            push_repeats(&mut out, count);
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count <= RECURSIVE_CUTOFF {
            let line_text = if lineno >= 0 {
                lineno.to_string()
            } else {
                "None".to_owned()
            };
            out.push_str(&format!(
                "  File \"{filename}\", line {line_text}, in {name}\n"
            ));
            if lineno >= 0 {
                let (end_lineno, col, end_col) = match position {
                    Some((_, el, c, ec)) => (el, c, ec),
                    None => (None, None, None),
                };
                let mut get = |l: i32| source_line(vm, &filename, l);
                for line in crate::traceback_carets::frame_source_lines(
                    &mut get, lineno, end_lineno, col, end_col,
                ) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
        cursor = tbd.next.borrow().clone();
        steps += 1;
        if steps > 10_000_000 {
            break;
        }
    }
    push_repeats(&mut out, count);
    out
}

fn push_repeats(out: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        let s = if n > 1 { "s" } else { "" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    }
}

/// The exception's type as traceback.py names it: `__qualname__`, prefixed with
/// `__module__` unless that is `builtins` or `__main__`.
fn type_display_name(vm: &mut Vm, exc: &Value) -> String {
    let class = Value::Obj(vm.class_of(exc));
    let get = |vm: &mut Vm, n: &str| {
        let key = vm.intern(n);
        crate::ops::get_attr_opt(vm, &class, &key).ok().flatten()
    };
    let qualname = get(vm, "__qualname__")
        .map(|q| vm.str_lossy(&q))
        .unwrap_or_default();
    let module = get(vm, "__module__");
    match module {
        Some(ref m) if m.as_str_obj().is_some() => {
            let m = vm.str_lossy(module.as_ref().unwrap_or(&Value::None));
            if m == "builtins" || m == "__main__" {
                qualname
            } else {
                format!("{m}.{qualname}")
            }
        }
        _ => format!("<unknown>.{qualname}"),
    }
}

/// `str(exc)` (or `<exception str() failed>`) with traceback.py's suggestion for NameError,
/// AttributeError and ImportError appended.
fn exception_text(vm: &mut Vm, exc: &Value) -> String {
    let mut text = match vm.str_string(exc) {
        Ok(t) => t,
        Err(_) => "<exception str() failed>".to_owned(),
    };
    text.push_str(&crate::traceback_suggest::suggestion_suffix(vm, exc));
    text
}

/// `traceback.format_exception_only` for one exception: `Type: message`, SyntaxError
/// details, and notes.
pub fn format_exception_only(vm: &mut Vm, exc: &Value) -> String {
    let text = exception_text(vm, exc);
    format_only(vm, exc, &text)
}

fn format_only(vm: &mut Vm, exc: &Value, text: &str) -> String {
    let name = type_display_name(vm, exc);
    let mut out = String::new();
    if vm.is_instance_of(exc, &vm.exc.syntax_error.clone()) {
        out.push_str(&format_syntax_error(vm, exc, &name));
    } else if text.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {text}\n"));
    }
    let key = vm.intern("__notes__");
    let notes = match crate::ops::get_attr_opt(vm, exc, &key) {
        Ok(n) => n,
        Err(e) => {
            let r = match vm.repr_string(&e.value()) {
                Ok(r) => r,
                Err(_) => "<__notes__ repr() failed>".to_owned(),
            };
            out.push_str(&format!("Ignored error getting __notes__: {r}\n"));
            return out;
        }
    };
    let Some(notes) = notes.filter(|n| !n.is_none()) else {
        return out;
    };
    let items = match notes.payload() {
        Some(Payload::List(l)) => Some(l.borrow().clone()),
        Some(Payload::Tuple(t)) => Some(t.to_vec()),
        _ => None,
    };
    match items {
        Some(items) => {
            for note in items {
                let s = match vm.str_string(&note) {
                    Ok(s) => s,
                    Err(_) => "<note str() failed>".to_owned(),
                };
                for line in s.split('\n') {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        None => {
            let r = match vm.repr_string(&notes) {
                Ok(r) => r,
                Err(_) => "<__notes__ repr() failed>".to_owned(),
            };
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

/// `TracebackException._format_syntax_error`.
fn format_syntax_error(vm: &mut Vm, exc: &Value, name: &str) -> String {
    let get = |vm: &mut Vm, n: &str| -> Value {
        let key = vm.intern(n);
        crate::ops::get_attr_opt(vm, exc, &key)
            .ok()
            .flatten()
            .unwrap_or(Value::None)
    };
    let msg = get(vm, "msg");
    let filename = get(vm, "filename");
    let lineno = get(vm, "lineno");
    let end_lineno = get(vm, "end_lineno");
    let text = get(vm, "text");
    let offset = get(vm, "offset");
    let end_offset = get(vm, "end_offset");
    let mut out = String::new();
    let mut filename_suffix = String::new();
    let truthy_str = |vm: &mut Vm, v: &Value| -> Option<String> {
        if v.is_none() {
            return None;
        }
        let s = vm.str_string(v).unwrap_or_default();
        (!s.is_empty()).then_some(s)
    };
    if !lineno.is_none() {
        let f = truthy_str(vm, &filename).unwrap_or_else(|| "<string>".to_owned());
        let l = vm.str_string(&lineno).unwrap_or_default();
        out.push_str(&format!("  File \"{f}\", line {l}\n"));
    } else if !filename.is_none() {
        let f = vm.str_string(&filename).unwrap_or_default();
        filename_suffix = format!(" ({f})");
    }
    if let Some(t) = text.as_str_obj() {
        let full: Vec<char> = t.to_lossy().chars().collect();
        let mut rlen = full.len();
        while rlen > 0 && full[rlen - 1] == '\n' {
            rlen -= 1;
        }
        let rtext = &full[..rlen];
        let spaces = rtext
            .iter()
            .take_while(|c| matches!(c, ' ' | '\n' | '\x0c'))
            .count();
        let ltext: String = rtext[spaces..].iter().collect();
        match offset {
            Value::Int(off) => {
                let mut offset = off;
                let same_line = match (&lineno, &end_lineno) {
                    (Value::Int(a), Value::Int(b)) => a == b,
                    (a, b) => a.is_none() && b.is_none(),
                };
                let mut end = if same_line {
                    match end_offset {
                        Value::Int(e) if e != 0 => e,
                        _ => offset,
                    }
                } else {
                    rlen as i64 + 1
                };
                let text_len = full.len() as i64;
                if text_len > 0 && offset > text_len {
                    offset = rlen as i64 + 1;
                }
                if text_len > 0 && end > text_len {
                    end = rlen as i64 + 1;
                }
                if offset >= end || end < 0 {
                    end = offset + 1;
                }
                let colno = offset - 1 - spaces as i64;
                let end_colno = end - 1 - spaces as i64;
                out.push_str(&format!("    {ltext}\n"));
                if colno >= 0 {
                    let lchars: Vec<char> = ltext.chars().collect();
                    let space: String = (0..(colno as usize).min(lchars.len()))
                        .map(|k| {
                            lchars
                                .get(k)
                                .copied()
                                .filter(|c| c.is_whitespace())
                                .unwrap_or(' ')
                        })
                        .collect();
                    let width = (end_colno - colno).clamp(0, 1_000_000) as usize;
                    out.push_str(&format!("    {space}{}\n", "^".repeat(width)));
                }
            }
            _ => out.push_str(&format!("    {ltext}\n")),
        }
    }
    let msg = truthy_str(vm, &msg).unwrap_or_else(|| "<no detail available>".to_owned());
    out.push_str(&format!("{name}: {msg}{filename_suffix}\n"));
    out
}
