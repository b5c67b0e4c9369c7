//! Printing an uncaught exception as CPython 3.13 does: `Traceback (most recent call last):`,
//! a `File "…", line N, in NAME` entry per frame with its source line, chained exceptions
//! (`__cause__`, `__context__`), exception groups, and notes.

use std::collections::HashSet;

use crate::object::Payload;
use crate::objects::exception::exc_data;
use crate::value::Value;
use crate::vm::Vm;

/// Source lines of files, read once (as CPython's `linecache`).
fn source_line(vm: &mut Vm, filename: &str, lineno: i32) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    let text = vm.source_cache.entry(filename.to_owned()).or_insert_with(|| {
        std::fs::read(filename).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
    });
    text.as_ref()?.lines().nth(lineno as usize - 1).map(str::to_owned)
}

/// The text CPython's `sys.excepthook` writes for `exc`.
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    let mut seen = HashSet::new();
    format_chain(vm, exc, &mut out, &mut seen, "");
    out
}

fn format_chain(vm: &mut Vm, exc: &Value, out: &mut String, seen: &mut HashSet<usize>, indent: &str) {
    let Value::Obj(o) = exc else {
        out.push_str(&format_exception_only(vm, exc));
        return;
    };
    seen.insert(o.id());
    if let Some(d) = exc_data(exc) {
        let cause = d.cause.borrow().clone();
        let context = d.context.borrow().clone();
        if let Some(c) = cause.filter(|c| !c.is_none()) {
            if !c.as_obj().is_some_and(|co| seen.contains(&co.id())) {
                format_chain(vm, &c, out, seen, indent);
                out.push_str(&format!("{indent}\n{indent}The above exception was the direct cause of the following exception:\n{indent}\n"));
            }
        } else if let Some(c) = context.filter(|c| !c.is_none()) {
            if !d.suppress_context.get() && !c.as_obj().is_some_and(|co| seen.contains(&co.id())) {
                format_chain(vm, &c, out, seen, indent);
                out.push_str(&format!("{indent}\n{indent}During handling of the above exception, another exception occurred:\n{indent}\n"));
            }
        }
    }
    format_single(vm, exc, out, indent);
}

fn format_single(vm: &mut Vm, exc: &Value, out: &mut String, indent: &str) {
    let tb = exc_data(exc).and_then(|d| d.traceback.borrow().clone());
    if let Some(tb) = tb {
        out.push_str(indent);
        out.push_str("Traceback (most recent call last):\n");
        let mut cursor = Some(tb);
        let mut last: Option<(String, i32, String)> = None;
        let mut repeats = 0;
        let mut steps = 0;
        while let Some(Value::Obj(t)) = cursor {
            let Payload::Traceback(tbd) = t.payload() else { break };
            let filename = vm.str_lossy(&tbd.code.filename);
            let name = vm.str_lossy(&tbd.code.name);
            let position = tbd.code.position_of(tbd.lasti);
            let lineno = position.and_then(|p| p.0).unwrap_or(-1);
            let key = (filename.clone(), lineno, name.clone());
            if last.as_ref() == Some(&key) {
                repeats += 1;
            } else {
                flush_repeats(out, indent, repeats);
                repeats = 0;
                last = Some(key);
            }
            if repeats < 3 {
                let line_text = if lineno >= 0 { format!("line {lineno}") } else { "line None".to_owned() };
                out.push_str(&format!("{indent}  File \"{filename}\", {line_text}, in {name}\n"));
                if let Some(src) = source_line(vm, &filename, lineno) {
                    let stripped = src.trim();
                    if !stripped.is_empty() {
                        out.push_str(&format!("{indent}    {stripped}\n"));
                        if let Some((Some(l), Some(el), Some(c), Some(ec))) = position {
                            if let Some(carets) = crate::traceback_carets::carets(vm, &filename, l, el, c, ec, &src) {
                                out.push_str(&format!("{indent}    {carets}\n"));
                            }
                        }
                    }
                }
            }
            cursor = tbd.next.borrow().clone();
            steps += 1;
            if steps > 100_000 {
                break;
            }
        }
        flush_repeats(out, indent, repeats);
    }
    let is_group = crate::objects::exception_group::is_group(vm, exc);
    if is_group {
        // Exception groups are printed with their sub-exceptions in boxes.
        let only = format_exception_only(vm, exc);
        for line in only.lines() {
            out.push_str(indent);
            out.push_str(line);
            out.push('\n');
        }
        format_group_members(vm, exc, out, indent);
        return;
    }
    let only = format_exception_only(vm, exc);
    for line in only.lines() {
        out.push_str(indent);
        out.push_str(line);
        out.push('\n');
    }
}

fn flush_repeats(out: &mut String, indent: &str, repeats: usize) {
    if repeats >= 3 {
        let n = repeats - 2;
        let s = if n == 1 { "" } else { "s" };
        out.push_str(&format!("{indent}  [Previous line repeated {n} more time{s}]\n"));
    }
}

fn format_group_members(vm: &mut Vm, eg: &Value, out: &mut String, indent: &str) {
    let exceptions = match eg {
        Value::Obj(o) => o.dict().and_then(|d| crate::ops::mapping::dict_get_str(vm, d, "exceptions")),
        _ => None,
    };
    let items: Vec<Value> = exceptions
        .and_then(|e| crate::objects::tuple::tuple_items(&e).map(|t| t.to_vec()))
        .unwrap_or_default();
    let n = items.len();
    for (i, e) in items.iter().enumerate() {
        let header = if i == 0 { format!("{indent}+-+---------------- {} ----------------\n", i + 1) } else { format!("{indent}  +---------------- {} ----------------\n", i + 1) };
        out.push_str(&header);
        let inner_indent = format!("{indent}    | ");
        let mut inner = String::new();
        let mut seen = HashSet::new();
        format_chain(vm, e, &mut inner, &mut seen, "");
        for line in inner.lines() {
            out.push_str(inner_indent.trim_end_matches(' '));
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
            out.push('\n');
        }
        if i + 1 == n {
            out.push_str(&format!("{indent}    +------------------------------------\n"));
        }
    }
}

/// `traceback.format_exception_only`: `Type: message`, SyntaxError details, and notes.
pub fn format_exception_only(vm: &mut Vm, exc: &Value) -> String {
    let class = vm.class_of(exc);
    let name = crate::objects::type_::qualified_name(vm, &class);
    let name = name.strip_prefix("builtins.").unwrap_or(&name).to_owned();
    let mut out = String::new();
    if vm.is_instance_of(exc, &vm.exc.syntax_error.clone()) {
        out.push_str(&format_syntax_error(vm, exc, &name));
    } else {
        let msg = match vm.str_string(exc) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".to_owned(),
        };
        if msg.is_empty() {
            out.push_str(&name);
        } else {
            out.push_str(&format!("{name}: {msg}"));
        }
        out.push('\n');
    }
    // Notes.
    if let Value::Obj(o) = exc {
        if let Some(d) = o.dict() {
            if let Some(notes) = crate::ops::mapping::dict_get_str(vm, d, "__notes__") {
                match notes.payload() {
                    Some(Payload::List(l)) => {
                        let items = l.borrow().clone();
                        for n in items {
                            let text = match n.payload() {
                                Some(Payload::Str(s)) => s.to_lossy().into_owned(),
                                _ => vm.repr_string(&n).unwrap_or_default(),
                            };
                            out.push_str(&text);
                            out.push('\n');
                        }
                    }
                    _ => {
                        let r = vm.repr_string(&notes).unwrap_or_default();
                        out.push_str(&r);
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

fn format_syntax_error(vm: &mut Vm, exc: &Value, name: &str) -> String {
    let get = |vm: &mut Vm, n: &str| -> Value {
        match exc {
            Value::Obj(o) => o.dict().and_then(|d| crate::ops::mapping::dict_get_str(vm, d, n)).unwrap_or(Value::None),
            _ => Value::None,
        }
    };
    let msg = get(vm, "msg");
    let msg = if msg.is_none() { crate::objects::exception::exception_str(vm, exc).unwrap_or_default() } else { vm.str_lossy(&msg) };
    let filename = get(vm, "filename");
    let lineno = get(vm, "lineno");
    let text = get(vm, "text");
    let offset = get(vm, "offset");
    let end_offset = get(vm, "end_offset");
    let mut out = String::new();
    if let Value::Int(l) = lineno {
        let f = if filename.is_none() { "<string>".to_owned() } else { vm.str_lossy(&filename) };
        out.push_str(&format!("  File \"{f}\", line {l}\n"));
    }
    if let Some(Payload::Str(t)) = text.payload() {
        let t = t.to_lossy().into_owned();
        let line = t.trim_end_matches(['\n', '\r']);
        let stripped = line.trim_start_matches([' ', '\t', '\x0c']);
        let removed = line.chars().count() - stripped.chars().count();
        out.push_str(&format!("    {stripped}\n"));
        if let Value::Int(off) = offset {
            let start = (off - 1).max(0) as usize;
            let end = match end_offset {
                Value::Int(e) if e > off => (e - 1) as usize,
                _ => start + 1,
            };
            let start = start.saturating_sub(removed);
            let end = end.saturating_sub(removed).max(start + 1);
            let end = end.min(stripped.chars().count().max(start + 1));
            out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(end - start)));
        }
    }
    out.push_str(&format!("{name}: {msg}\n"));
    out
}
