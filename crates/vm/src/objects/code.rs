//! The methods of code objects: `co_lines()`, `co_positions()`, `replace()`, equality and
//! hashing. (The `co_*` data attributes are answered in `getset`.)

use std::rc::Rc;

use crate::argparse;
use crate::error::PyResult;
use crate::object::Payload;
use crate::objects::method;
use crate::runtime_code::Code;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub(crate) fn init(vm: &mut Vm) {
    let code = vm.types.code.clone();
    method(vm, &code, "co_lines", |vm, a| {
        let (c, _) = argparse::method_args(vm, &a, "co_lines", 0, 0)?;
        let code = code_of(vm, c)?;
        // (start, end, line): byte offsets into `co_code`, as CPython's line iterator.
        let items = taipan_bytecode::linetable::lines(&code.object)
            .map(|(start, end, line)| {
                vm.new_tuple(vec![
                    Value::Int(start as i64),
                    Value::Int(end as i64),
                    opt_int(line),
                ])
            })
            .collect();
        let list = vm.new_list(items);
        vm.iter(&list)
    });
    method(vm, &code, "co_positions", |vm, a| {
        let (c, _) = argparse::method_args(vm, &a, "co_positions", 0, 0)?;
        let code = code_of(vm, c)?;
        // One (line, end line, column, end column) per code unit.
        let items = taipan_bytecode::linetable::positions(&code.object)
            .map(|p| {
                vm.new_tuple(vec![
                    opt_int(p.line),
                    opt_int(p.end_line),
                    opt_int(p.column),
                    opt_int(p.end_column),
                ])
            })
            .collect();
        let list = vm.new_list(items);
        vm.iter(&list)
    });
    method(vm, &code, "replace", code_replace);
    method(vm, &code, "__eq__", |vm, a| {
        let (c, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
        match (c.payload(), rest[0].payload()) {
            (Some(Payload::Code(x)), Some(Payload::Code(y))) => Ok(Value::bool(same_code(x, y))),
            _ => Ok(vm.not_implemented.clone()),
        }
    });
    method(vm, &code, "__ne__", |vm, a| {
        let (c, rest) = argparse::method_args(vm, &a, "__ne__", 1, 1)?;
        match (c.payload(), rest[0].payload()) {
            (Some(Payload::Code(x)), Some(Payload::Code(y))) => Ok(Value::bool(!same_code(x, y))),
            _ => Ok(vm.not_implemented.clone()),
        }
    });
    method(vm, &code, "__hash__", |vm, a| {
        let (c, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let code = code_of(vm, c)?;
        let o = &code.object;
        // Over the fields equality compares (a subset is enough for a hash).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut mix = |bytes: &[u8]| {
            for b in bytes {
                h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
            }
        };
        mix(o.name.as_bytes());
        mix(&o.code);
        mix(&o.argcount.to_le_bytes());
        mix(&o.flags.0.to_le_bytes());
        let h = (h >> 1) as i64;
        Ok(Value::Int(if h == -1 { -2 } else { h }))
    });
}

fn opt_int(v: Option<i32>) -> Value {
    v.map_or(Value::None, |i| Value::Int(i as i64))
}

fn code_of(vm: &Vm, v: &Value) -> PyResult<Rc<Code>> {
    match v.payload() {
        Some(Payload::Code(c)) => Ok(c.clone()),
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'code' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

/// CPython's code equality: the name, the signature counts, the flags, the first line, the
/// instructions, constants, names and local names, and the location and exception tables
/// (not the file name nor the qualified name).
fn same_code(x: &Code, y: &Code) -> bool {
    let (a, b) = (&x.object, &y.object);
    a.name == b.name
        && a.argcount == b.argcount
        && a.posonlyargcount == b.posonlyargcount
        && a.kwonlyargcount == b.kwonlyargcount
        && a.flags == b.flags
        && a.firstlineno == b.firstlineno
        && a.code == b.code
        && a.consts == b.consts
        && a.names == b.names
        && a.localsplusnames == b.localsplusnames
        && a.linetable == b.linetable
        && a.exceptiontable == b.exceptiontable
}

/// `code.replace(**changes)`: a copy with the named fields changed. The string and integer
/// fields and the byte tables are supported; the tuple fields (`co_consts`, `co_names`, …)
/// keep their values (they would need constants converted back).
fn code_replace(vm: &mut Vm, args: crate::function::Args<'_>) -> PyResult {
    let pos = args.positional();
    let [c] = pos else {
        return Err(vm.type_error("replace() takes no positional arguments"));
    };
    let code = code_of(vm, c)?;
    let mut object = code.object.clone();
    for (key, value) in args.keywords() {
        let key = vm.str_lossy(key);
        let text = |vm: &mut Vm, v: &Value| -> PyResult<taipan_text::PyString> {
            match v.as_str_obj() {
                Some(s) => Ok(taipan_text::PyString::from(&*s.to_lossy())),
                _ => Err(vm.type_error(format!(
                    "replace() argument '{key}' must be str, not {}",
                    vm.type_name(v)
                ))),
            }
        };
        let int = |vm: &mut Vm, v: &Value| -> PyResult<i64> { argparse::index_i64(vm, v) };
        let bytes = |vm: &mut Vm, v: &Value| -> PyResult<Vec<u8>> {
            match v.payload() {
                Some(Payload::Bytes(b)) => Ok(b.to_vec()),
                _ => Err(vm.type_error(format!(
                    "replace() argument '{key}' must be bytes, not {}",
                    vm.type_name(v)
                ))),
            }
        };
        let small = |vm: &mut Vm, v: &Value| -> PyResult<u32> {
            let i = int(vm, v)?;
            u32::try_from(i).map_err(|_| vm.value_error(format!("replace(): {key} out of range")))
        };
        match key.as_str() {
            "co_name" => object.name = text(vm, value)?,
            "co_qualname" => object.qualname = text(vm, value)?,
            "co_filename" => object.filename = text(vm, value)?,
            "co_firstlineno" => {
                let i = int(vm, value)?;
                object.firstlineno = i32::try_from(i)
                    .map_err(|_| vm.overflow_error("Python int too large to convert to C int"))?;
            }
            "co_argcount" => object.argcount = small(vm, value)?,
            "co_posonlyargcount" => object.posonlyargcount = small(vm, value)?,
            "co_kwonlyargcount" => object.kwonlyargcount = small(vm, value)?,
            "co_stacksize" => object.stacksize = small(vm, value)?,
            "co_flags" => object.flags = taipan_bytecode::CodeFlags(small(vm, value)?),
            "co_code" => object.code = bytes(vm, value)?,
            "co_linetable" => object.linetable = bytes(vm, value)?,
            "co_exceptiontable" => object.exceptiontable = bytes(vm, value)?,
            _ => {
                return Err(vm.type_error(format!(
                    "replace() got an unexpected keyword argument '{key}'"
                )));
            }
        }
    }
    // A changed instruction stream must still be safe to run.
    if let Err(why) = crate::verify::verify(&object) {
        return Err(vm.value_error(format!("replace(): invalid code: {why}")));
    }
    let code = crate::compile::load_code(vm, object);
    Ok(Value::Obj(Obj::new(
        vm.types.code.clone(),
        Payload::Code(code),
    )))
}
