//! From source or a compiled file to runnable code: the parser and compiler stages behind
//! `compile()`, `exec()` and `eval()`, and the conversion of a [`CodeObject`]'s constants into
//! values ([`load_code`]).

use std::cell::Cell;
use std::rc::Rc;

use taipan_bytecode::{CodeObject, Constant};

use crate::argparse;
use crate::error::{PyErr, PyResult};
use crate::frame::Frame;
use crate::function::Args;
use crate::object::Payload;
use crate::ops::mapping;
use crate::runtime_code::Code;

use crate::value::{Obj, Value};
use crate::vm::Vm;

/// Prepare a code object (and the ones nested in its constants) to run.
pub fn load_code(vm: &mut Vm, object: CodeObject) -> Rc<Code> {
    let consts: Box<[Value]> = object
        .consts
        .iter()
        .map(|c| constant_value(vm, c))
        .collect();
    let names: Box<[Value]> = object
        .names
        .iter()
        .map(|n| intern_pystring(vm, n))
        .collect();
    let localsplus_names: Box<[Value]> = object
        .localsplusnames
        .iter()
        .map(|n| intern_pystring(vm, n))
        .collect();
    let first_free = object
        .localspluskinds
        .iter()
        .position(|k| k.is(taipan_bytecode::LocalKind::FREE))
        .unwrap_or(object.localspluskinds.len());
    let (units, global_slots, attr_slots) = Code::decode_units(&object.code);
    Rc::new(Code {
        units,
        global_cache: (0..global_slots)
            .map(|_| std::cell::RefCell::new(None))
            .collect(),
        attr_cache: (0..attr_slots)
            .map(|_| std::cell::RefCell::default())
            .collect(),
        exception_table: Code::decode_exception_table(&object.exceptiontable),
        localsplus_kinds: object.localspluskinds.clone().into_boxed_slice(),
        flags: object.flags,
        name: intern_pystring(vm, &object.name),
        qualname: intern_pystring(vm, &object.qualname),
        filename: intern_pystring(vm, &object.filename),
        consts,
        names,
        localsplus_names,
        first_free,
        warmup: Cell::new(0),
        object,
    })
}

fn pystring_value(vm: &Vm, s: &taipan_text::PyString) -> Value {
    match s.as_str() {
        Some(t) => vm.new_str(t),
        None => vm.new_str_obj(crate::str::PyStr::from_code_points(
            s.code_points().collect::<Vec<u32>>(),
        )),
    }
}

fn intern_pystring(vm: &Vm, s: &taipan_text::PyString) -> Value {
    match s.as_str() {
        Some(t) => vm.intern(t),
        None => pystring_value(vm, s),
    }
}

pub(crate) fn constant_value(vm: &mut Vm, c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::StopIteration => Value::Obj(vm.exc.stop_iteration.clone()),
        Constant::Ellipsis => vm.ellipsis.clone(),
        Constant::Bool(b) => Value::bool(*b),
        Constant::Int(taipan_bytecode::Int::Small(i)) => Value::Int(*i),
        Constant::Int(big) => {
            let (negative, limbs) = big.to_limbs();
            let mag = num_bigint::BigUint::new(limbs);
            let sign = if negative {
                num_bigint::Sign::Minus
            } else {
                num_bigint::Sign::Plus
            };
            vm.new_int_big(num_bigint::BigInt::from_biguint(sign, mag))
        }
        Constant::Float(x) => Value::float(*x),
        Constant::Complex { real, imag } => crate::objects::complex::new_complex(vm, *real, *imag),
        Constant::Str(s) => {
            // Short identifier-like constants are interned, as CPython's compiler does.
            match s.as_str() {
                Some(t)
                    if t.len() <= 40
                        && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                {
                    vm.intern(t)
                }
                _ => pystring_value(vm, s),
            }
        }
        Constant::Bytes(b) => vm.new_bytes(b.to_vec()),
        Constant::Tuple(items) => {
            let items = items.iter().map(|c| constant_value(vm, c)).collect();
            vm.new_tuple(items)
        }
        Constant::FrozenSet(items) | Constant::Set(items) => {
            let items: Vec<Value> = items.iter().map(|c| constant_value(vm, c)).collect();
            crate::objects::set::new_frozenset(vm, items).unwrap_or(Value::None)
        }
        Constant::List(items) => {
            let items = items.iter().map(|c| constant_value(vm, c)).collect();
            vm.new_list(items)
        }
        Constant::Dict(pairs) => {
            let d = vm.new_dict();
            for (k, v) in pairs.iter() {
                let k = constant_value(vm, k);
                let v = constant_value(vm, v);
                let _ = mapping::dict_set(vm, &d, k, v);
            }
            Value::Obj(d)
        }
        Constant::Code(code) => {
            let code = load_code(vm, (**code).clone());
            Value::Obj(Obj::new(vm.types.code.clone(), Payload::Code(code)))
        }
    }
}

/// Compile source text (`mode` "exec", "eval" or "single").
pub fn compile_text(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: &str,
    optimize: i32,
) -> PyResult<Rc<Code>> {
    let code = compile_object(vm, source, filename, mode, optimize)?;
    Ok(load_code(vm, code))
}

/// Compile the bytes of a module file as `compile(bytes, filename, "exec")` does: the
/// encoding from its BOM or PEP 263 cookie (UTF-8 by default), then [`compile_object`].
pub fn compile_bytes(
    vm: &mut Vm,
    bytes: &[u8],
    filename: &str,
    optimize: i32,
) -> PyResult<CodeObject> {
    let text = decode_source(vm, bytes, filename)?;
    compile_object(vm, &text, filename, "exec", optimize)
}

/// Source bytes as text, as `compile()` decodes them: the BOM or PEP 263 cookie's encoding
/// (UTF-8 by default); a `SyntaxError` for null bytes or an undecodable source.
pub fn decode_source(vm: &mut Vm, bytes: &[u8], filename: &str) -> PyResult<String> {
    use taipan_lexer::source::{Errors, decode};
    if bytes.contains(&0) {
        return Err(vm.error(
            &vm.exc.syntax_error.clone(),
            "source code string cannot contain null bytes",
        ));
    }
    match decode(bytes, Some(filename), Errors::Strict) {
        Ok(decoded) => Ok(decoded.text.into_owned()),
        Err(e) => {
            use taipan_lexer::source::DecodeError;
            // As CPython's compile() words them (the messages of `taipan -m ast`'s decoder).
            let message = match e {
                DecodeError::UnknownEncoding { encoding, .. } => {
                    format!("unknown encoding: {encoding}")
                }
                DecodeError::BomMismatch { .. } => {
                    let cookie = taipan_lexer::source::detect_encoding(&bytes[3..], None)
                        .map(|(name, _)| name)
                        .unwrap_or_default();
                    format!("encoding problem: {cookie} with BOM")
                }
                other => other.to_string(),
            };
            let class = vm.exc.syntax_error.clone();
            Err(syntax_error(
                vm,
                &class,
                &message,
                filename,
                Some(0),
                Some(-1),
                None,
                None,
                None,
            ))
        }
    }
}

/// The Python exception for a parse error: `SyntaxError`, `IndentationError`, `TabError` (with
/// CPython's attributes), `MemoryError` or `RecursionError`.
pub fn parse_error(vm: &mut Vm, e: &taipan_parser::ParseError, filename: &str) -> PyErr {
    use taipan_parser::ExceptionType as Exc;
    let class = match e.exception {
        Exc::IndentationError => vm.exc.indentation_error.clone(),
        Exc::TabError => vm.exc.tab_error.clone(),
        Exc::MemoryError => return vm.memory_error(),
        Exc::RecursionError => return vm.recursion_error(),
        Exc::SyntaxError => vm.exc.syntax_error.clone(),
    };
    syntax_error(
        vm,
        &class,
        &e.message,
        filename,
        e.lineno,
        e.offset,
        e.end_lineno,
        e.end_offset,
        e.text.as_deref(),
    )
}

/// `compile()`'s filename, mode and optimisation level (`-1`: the interpreter's).
fn compile_settings(vm: &mut Vm, b: &[Option<Value>]) -> PyResult<(String, String, i32)> {
    let filename = vm.str_string(b[1].as_ref().unwrap_or(&Value::None))?;
    let mode = vm.str_string(b[2].as_ref().unwrap_or(&Value::None))?;
    let optimize = match &b[5] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => -1,
    };
    let optimize = if optimize < 0 {
        vm.flags.optimize
    } else {
        optimize.min(i64::from(i32::MAX)) as i32
    };
    Ok((filename, mode, optimize))
}

/// The exception class of a compiler error (`MemoryError` is raised as the VM's own).
fn compile_error_class(vm: &Vm, kind: taipan_compiler::ErrorKind) -> PyResult<Obj> {
    Ok(match kind {
        taipan_compiler::ErrorKind::SyntaxError => vm.exc.syntax_error.clone(),
        taipan_compiler::ErrorKind::RecursionError => vm.exc.recursion_error.clone(),
        taipan_compiler::ErrorKind::OverflowError => vm.exc.overflow_error.clone(),
        taipan_compiler::ErrorKind::MemoryError => return Err(vm.memory_error()),
        _ => vm.exc.system_error.clone(),
    })
}

/// `compile(tree, filename, mode)` of `ast` node objects: converted to the arena tree
/// (`modules::ast_to_tree`), then the compiler stage, as for source.
fn compile_tree(
    vm: &mut Vm,
    ast_module: &Value,
    tree: &Value,
    filename: &str,
    mode: &str,
    optimize: i32,
) -> PyResult<Rc<Code>> {
    let (expected, compile_mode) = match mode {
        "exec" => ("Module", taipan_compiler::Mode::Exec),
        "eval" => ("Expression", taipan_compiler::Mode::Eval),
        "single" => ("Interactive", taipan_compiler::Mode::Single),
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let expected_class = crate::ops::attr::instance_dict(ast_module)
        .and_then(|d| mapping::dict_get_str(vm, &d, expected));
    let matches = match &expected_class {
        Some(Value::Obj(class)) => vm.is_instance_of(tree, class),
        _ => false,
    };
    if !matches {
        return Err(vm.type_error(format!(
            "expected {expected} node, got {}",
            vm.type_name(tree)
        )));
    }
    let arena = bumpalo::Bump::new();
    let (mut tree_mod, index) = crate::modules::ast_to_tree::convert(vm, ast_module, tree, &arena)?;
    let copts = taipan_compiler::Options {
        mode: compile_mode,
        filename: filename.to_owned(),
        optimize,
        ..taipan_compiler::Options::default()
    };
    match taipan_compiler::compile(&mut tree_mod, &arena, &index, &copts) {
        Ok(compiled) => Ok(load_code(vm, compiled.code)),
        Err(e) => {
            let class = compile_error_class(vm, e.kind)?;
            Err(vm.error(&class, e.message))
        }
    }
}

/// [`compile_text`] stopping at the code object (to be written to a cache file, or loaded).
pub fn compile_object(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: &str,
    optimize: i32,
) -> PyResult<CodeObject> {
    let (parse_mode, compile_mode) = match mode {
        "exec" => (taipan_parser::Mode::Exec, taipan_compiler::Mode::Exec),
        "eval" => (taipan_parser::Mode::Eval, taipan_compiler::Mode::Eval),
        "single" => (taipan_parser::Mode::Single, taipan_compiler::Mode::Single),
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let arena = bumpalo::Bump::new();
    let options = taipan_parser::Options {
        mode: parse_mode,
        skip_ast_construction_limit: true,
        ..taipan_parser::Options::default()
    };
    let parsed = match taipan_parser::parse(source, &options, &arena) {
        Ok(p) => p,
        Err(e) => return Err(parse_error(vm, &e, filename)),
    };
    let mut tree = parsed.tree;
    let index = taipan_ast::LineIndex::new(source);
    let copts = taipan_compiler::Options {
        mode: compile_mode,
        filename: filename.to_owned(),
        optimize,
        ..taipan_compiler::Options::default()
    };
    match taipan_compiler::compile(&mut tree, &arena, &index, &copts) {
        Ok(compiled) => Ok(compiled.code),
        Err(e) => {
            let (lineno, offset, end_lineno, end_offset) = e.cpython_position(source);
            let class = compile_error_class(vm, e.kind)?;
            if !class.is(&vm.exc.syntax_error) {
                return Err(vm.error(&class, e.message));
            }
            let text = source
                .split_inclusive('\n')
                .nth((lineno.max(1) - 1) as usize)
                .map(str::to_owned);
            Err(syntax_error(
                vm,
                &class,
                &e.message,
                filename,
                Some(lineno),
                Some(offset),
                Some(end_lineno),
                Some(end_offset),
                text.as_deref(),
            ))
        }
    }
}

/// [`compile_text`] for the source string of `compile()`, `exec` or `eval`, with CPython's
/// string-input rules: "exec" input gets a final newline if it lacks one (so a `SyntaxError`'s
/// `text` ends with one), and "eval"/"single" input does not, so a syntax error at the end of
/// such input is the end-of-input token's, which CPython reports at offset 0.
pub fn compile_string(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: &str,
    optimize: i32,
) -> PyResult<Rc<Code>> {
    if mode == "exec" && !source.is_empty() && !source.ends_with('\n') {
        let with_newline = format!("{source}\n");
        return compile_text(vm, &with_newline, filename, mode, optimize);
    }
    let result = compile_text(vm, source, filename, mode, optimize);
    let Err(e) = result else { return result };
    if source.ends_with('\n') || !vm.is_instance_of(&e.value(), &vm.exc.syntax_error.clone()) {
        return Err(e);
    }
    let exc = e.value();
    let get = |vm: &mut Vm, name: &str| {
        let n = vm.intern(name);
        crate::ops::get_attr_opt(vm, &exc, &n).ok().flatten()
    };
    let msg = get(vm, "msg").map(|m| vm.str_lossy(&m)).unwrap_or_default();
    let lineno = get(vm, "lineno").and_then(|v| match v {
        Value::Int(i) => Some(i),
        _ => None,
    });
    let end_offset = get(vm, "end_offset").and_then(|v| match v {
        Value::Int(i) => Some(i),
        _ => None,
    });
    let last_line = source.split('\n').count() as i64;
    let last_len = source.rsplit('\n').next().map_or(0, |l| l.chars().count()) as i64;
    let at_end = lineno == Some(last_line) && end_offset.is_some_and(|o| o > last_len + 1);
    if msg == "invalid syntax" && at_end {
        for name in ["offset", "end_offset"] {
            let n = vm.intern(name);
            crate::ops::set_attr(vm, &exc, &n, Value::Int(0))?;
        }
        if let Some(Payload::Exception(data)) = exc.payload() {
            let args = data.args.borrow().clone();
            if let Some(Payload::Tuple(items)) = args.payload()
                && let [msg, details_value, ..] = &items[..]
                && let Some(Payload::Tuple(details)) = details_value.payload()
            {
                let mut details = details.to_vec();
                if details.len() >= 6 {
                    details[2] = Value::Int(0);
                    details[5] = Value::Int(0);
                }
                let details = vm.new_tuple(details);
                let new_args = vm.new_tuple(vec![msg.clone(), details]);
                *data.args.borrow_mut() = new_args;
            }
        }
    }
    Err(e)
}

/// A `SyntaxError` (or subclass) with CPython's attributes.
#[allow(clippy::too_many_arguments)]
pub fn syntax_error(
    vm: &mut Vm,
    class: &Obj,
    msg: &str,
    filename: &str,
    lineno: Option<i32>,
    offset: Option<i32>,
    end_lineno: Option<i32>,
    end_offset: Option<i32>,
    text: Option<&str>,
) -> PyErr {
    let int = |v: Option<i32>| v.map_or(Value::None, |i| Value::Int(i as i64));
    let details = vm.new_tuple(vec![
        vm.new_str(filename),
        int(lineno),
        int(offset),
        text.map_or(Value::None, |t| vm.new_str(t)),
        int(end_lineno),
        int(end_offset),
    ]);
    let msg_v = vm.new_str(msg);
    match vm.call(&Value::Obj(class.clone()), Args::new(&[msg_v, details])) {
        Ok(Value::Obj(o)) => PyErr::new(o),
        Ok(_) => vm.error(class, msg),
        Err(e) => e,
    }
}

fn source_text(vm: &mut Vm, v: &Value, what: &str) -> PyResult<String> {
    match v.payload() {
        _ if let Some(s) = v.as_str_obj() => Ok(s.to_lossy().into_owned()),
        Some(Payload::Bytes(b)) => Ok(String::from_utf8_lossy(b).into_owned()),
        _ => Err(vm.type_error(format!(
            "{what}() arg 1 must be a string, bytes or code object"
        ))),
    }
}

/// `exec(source, globals=None, locals=None)` / `eval(…)`. `caller` is the globals and locals
/// of the frame calling them (see `frame_locals`), the namespaces used when none are given;
/// `None` when called without a frame (the innermost running code's globals are used).
pub fn builtin_exec(
    vm: &mut Vm,
    args: Args<'_>,
    is_eval: bool,
    caller: Option<(Obj, Value)>,
) -> PyResult {
    let name = if is_eval { "eval" } else { "exec" };
    // `exec` also takes `closure`: the cells of a code object's free variables.
    let params: &[&str] = if is_eval {
        &["source", "globals", "locals"]
    } else {
        &["source", "globals", "locals", "closure"]
    };
    let b = argparse::bind(vm, &args, name, params, 1)?;
    let source = b[0].clone().unwrap_or(Value::None);
    let explicit_locals = match &b[2] {
        Some(Value::None) | None => None,
        Some(l) => {
            let class = vm.class_of(l);
            let getitem = vm.names.__getitem__.clone();
            if crate::ops::attr::type_lookup(vm, &class, &getitem).is_none() {
                return Err(vm.type_error(if is_eval {
                    "locals must be a mapping".to_owned()
                } else {
                    format!("locals must be a mapping or None, not {}", vm.type_name(l))
                }));
            }
            Some(l.clone())
        }
    };
    // As CPython: explicit globals without locals use the globals for both; no globals at
    // all use the caller's namespaces.
    let (globals, locals) = match &b[1] {
        Some(Value::Obj(g)) if matches!(g.payload(), Payload::Dict(_)) => {
            let locals = explicit_locals.unwrap_or_else(|| Value::Obj(g.clone()));
            (g.clone(), locals)
        }
        Some(Value::None) | None => {
            let (g, l) = match caller {
                Some((g, l)) => (g, l),
                None => {
                    let g = match vm.current_globals() {
                        Some(g) => g,
                        None => vm.new_dict(),
                    };
                    let l = Value::Obj(g.clone());
                    (g, l)
                }
            };
            (g, explicit_locals.unwrap_or(l))
        }
        Some(other) => {
            return Err(vm.type_error(if is_eval {
                "globals must be a dict".to_owned()
            } else {
                format!("exec() globals must be a dict, not {}", vm.type_name(other))
            }));
        }
    };
    if mapping::dict_get_str(vm, &globals, "__builtins__").is_none() {
        // CPython inserts the running frame's builtins dict.
        let bd = Value::Obj(vm.builtins_dict());
        mapping::dict_set_str(vm, &globals, "__builtins__", bd);
    }
    let code = match source.payload() {
        Some(Payload::Code(c)) => c.clone(),
        _ => {
            let text = source_text(vm, &source, name)?;
            let text = if is_eval {
                text.trim_start_matches([' ', '\t']).to_owned()
            } else {
                text
            };
            compile_string(
                vm,
                &text,
                "<string>",
                if is_eval { "eval" } else { "exec" },
                vm.flags.optimize,
            )?
        }
    };
    // A code object with free variables needs `closure`: a tuple of exactly that many cells.
    let closure = match b.get(3).cloned().flatten() {
        None | Some(Value::None) => None,
        Some(_) if !matches!(source.payload(), Some(Payload::Code(_))) => {
            return Err(vm.type_error("closure can only be used when source is a code object"));
        }
        Some(c) => Some(c),
    };
    let nfree = code.nlocalsplus().saturating_sub(code.first_free);
    let cells: Vec<Value> = match closure.as_ref().and_then(|c| c.payload()) {
        Some(Payload::Tuple(items))
            if nfree > 0
                && items.len() == nfree
                && items
                    .iter()
                    .all(|c| matches!(c.payload(), Some(Payload::Cell(_)))) =>
        {
            items.to_vec()
        }
        None if nfree == 0 && closure.is_none() => Vec::new(),
        // `closure` given for code without free variables (an empty tuple too).
        _ if nfree == 0 => {
            return Err(vm.type_error("cannot use a closure with this code object"));
        }
        _ => {
            return Err(vm.type_error(format!(
                "code object requires a closure of exactly length {nfree}"
            )));
        }
    };
    let builtins = vm.builtins_dict();
    let mut frame = Frame::new(code, globals, builtins, Some(locals));
    let first_free = frame.code.first_free;
    for (slot, cell) in frame.locals.iter_mut().skip(first_free).zip(cells) {
        *slot = Some(cell);
    }
    let r = vm.run_frame(frame)?;
    Ok(if is_eval { r } else { Value::None })
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub fn builtin_compile(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = argparse::bind(
        vm,
        &args,
        "compile",
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
        3,
    )?;
    let source = b[0].clone().unwrap_or(Value::None);
    if let Some(Payload::Code(_)) = source.payload() {
        return Ok(source);
    }
    let flags = match &b[3] {
        Some(v) => argparse::index_i64(vm, v)?,
        None => 0,
    };
    // `PyCF_ONLY_AST`: the tree as `ast` node objects, through the `ast` module; with
    // `PyCF_OPTIMIZED_AST`, constant-folded at the `optimize` level.
    if flags & 0x400 != 0 {
        let ast = crate::import::import_module(vm, "ast")?;
        let parse = vm.intern("_parse_for_compile");
        let parse = crate::ops::attr::get_attr(vm, &ast, &parse)?;
        let filename = b[1].clone().unwrap_or(Value::None);
        let mode = b[2].clone().unwrap_or(Value::None);
        let type_comments = Value::bool(flags & 0x1000 != 0);
        let level = if flags & 0x8000 != 0 {
            let (_, _, optimize) = compile_settings(vm, &b)?;
            Value::Int(i64::from(optimize))
        } else {
            Value::None
        };
        let values = [source, filename, mode, type_comments, level];
        return vm.call(&parse, Args::new(&values));
    }
    let ast_module = {
        let modules = vm.modules.clone();
        mapping::dict_get_str(vm, &modules, "ast")
    };
    let ast_class = ast_module
        .as_ref()
        .and_then(crate::ops::attr::instance_dict)
        .and_then(|d| mapping::dict_get_str(vm, &d, "AST"));
    if let (Some(Value::Obj(ast_class)), Some(ast_module)) = (&ast_class, &ast_module)
        && vm.is_instance_of(&source, ast_class)
    {
        let (filename, mode, optimize) = compile_settings(vm, &b)?;
        let code = compile_tree(vm, ast_module, &source, &filename, &mode, optimize)?;
        return Ok(Value::Obj(Obj::new(
            vm.types.code.clone(),
            Payload::Code(code),
        )));
    }
    let text = source_text(vm, &source, "compile")?;
    let (filename, mode, optimize) = compile_settings(vm, &b)?;
    let code = compile_string(vm, &text, &filename, &mode, optimize)?;
    Ok(Value::Obj(Obj::new(
        vm.types.code.clone(),
        Payload::Code(code),
    )))
}
