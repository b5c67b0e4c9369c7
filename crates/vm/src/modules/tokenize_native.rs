//! `_tokenize`, the native side of Taipan's `token` and `tokenize` modules: the token kinds
//! (the lexer crate's table, CPython 3.13's numbers and names), the token stream of a source
//! text as `tokenize.generate_tokens` gives it (the lexer crate's `Tokenize`, whose output is
//! CPython's over its whole standard library), and PEP 263 encoding detection.

use taipan_lexer::{LexErrorKind, TokenKind, Tokenize};

use crate::argparse;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn make(vm: &mut Vm) -> Obj {
    let m = crate::import::new_module(vm, "_tokenize");
    let Some(d) = crate::ops::attr::instance_dict(&Value::Obj(m.clone())) else {
        return m;
    };
    let fns: [(&'static str, crate::function::NativeFn); 4] = [
        ("decode", |vm, a| {
            // Source bytes as text by their BOM or coding cookie (every codec the lexer knows,
            // cp1252 and latin-1 among them).
            let p = argparse::between(vm, &a, "decode", 1, 1)?;
            let bytes = crate::objects::bytes::bytes_of(vm, &p[0])?;
            match taipan_lexer::source::decode(&bytes, None, taipan_lexer::source::Errors::Strict) {
                Ok(decoded) => Ok(vm.new_string(decoded.text.into_owned())),
                Err(e) => Err(vm.error(&vm.exc.syntax_error.clone(), e.to_string())),
            }
        }),
        ("kinds", |vm, _a| {
            // (number, name, fixed text or None) for every kind.
            let items = TokenKind::ALL
                .iter()
                .map(|k| {
                    let text = k.text().map_or(Value::None, |t| vm.new_str(t));
                    vm.new_tuple(vec![
                        Value::Int(i64::from(k.number())),
                        vm.new_str(k.name()),
                        text,
                    ])
                })
                .collect();
            Ok(vm.new_list(items))
        }),
        ("tokens", |vm, a| {
            let p = argparse::between(vm, &a, "tokens", 1, 1)?;
            let source = argparse::str_arg(vm, &p[0], "tokens() argument 1")?;
            Ok(tokens(vm, &source))
        }),
        ("detect_encoding", |vm, a| {
            let p = argparse::between(vm, &a, "detect_encoding", 1, 1)?;
            let bytes = crate::objects::bytes::bytes_of(vm, &p[0])?;
            match taipan_lexer::source::detect_encoding(&bytes, None) {
                Ok((encoding, _bom)) => Ok(vm.new_string(encoding)),
                Err(e) => Err(vm.error(&vm.exc.syntax_error.clone(), e.to_string())),
            }
        }),
    ];
    for (name, f) in fns {
        let v = crate::objects::function(vm, name, f, Some("_tokenize"));
        mapping::dict_set_str(vm, &d, name, v);
    }
    m
}

/// `(tokens, error)`: each token as `(type, string, start, end, line)` with `type` the generic
/// kind (`OP` for operators); `error` is `None`, or `(exception name, message, lineno, offset,
/// line text)` for the error that stopped the stream, with `tokenize`'s own message where it
/// differs from the tokenizer's.
fn tokens(vm: &mut Vm, source: &str) -> Value {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let line_of = |start: u32, end: u32| -> String {
        if start == 0 || start as usize > lines.len() {
            return String::new();
        }
        let last = (end.max(start) as usize).min(lines.len());
        lines[start as usize - 1..last].concat()
    };
    let mut out = Vec::new();
    let mut error = Value::None;
    for token in Tokenize::new(source) {
        match token {
            Ok(t) => {
                let line = line_of(t.start.0, t.end.0);
                let item = vec![
                    Value::Int(i64::from(t.kind.generic().number())),
                    vm.new_str(&t.string),
                    vm.new_pair(
                        Value::Int(i64::from(t.start.0)),
                        Value::Int(i64::from(t.start.1)),
                    ),
                    vm.new_pair(
                        Value::Int(i64::from(t.end.0)),
                        Value::Int(i64::from(t.end.1)),
                    ),
                    vm.new_string(line),
                ];
                out.push(vm.new_tuple(item));
            }
            Err(e) => {
                let message = match e.kind {
                    LexErrorKind::UnterminatedTripleQuotedString { .. } => {
                        "EOF in multi-line string".to_owned()
                    }
                    _ => e.kind.to_string(),
                };
                let text = line_of(e.lineno, e.lineno)
                    .trim_end_matches(['\r', '\n'])
                    .to_owned();
                error = vm.new_tuple(vec![
                    vm.new_str(e.exception_type().name()),
                    vm.new_string(message),
                    Value::Int(i64::from(e.lineno)),
                    Value::Int(i64::from(e.offset)),
                    vm.new_string(text),
                ]);
                break;
            }
        }
    }
    let list = vm.new_list(out);
    vm.new_pair(list, error)
}
