//! The `marshal` module: `dumps`, `loads`, `dump`, `load`, `version`, through the pyc crate's
//! reader and writer (`taipan_pyc::marshal`), which are CPython 3.13's format exactly. Values
//! cross as [`taipan_bytecode::Constant`] trees: the types marshal knows (None, bools,
//! `Ellipsis`, `StopIteration`, ints, floats, complex numbers, str, bytes-like objects, tuples,
//! lists, dicts, sets, frozensets and code objects); anything else is CPython's
//! `ValueError: unmarshallable object`.
//!
//! **Known difference:** CPython marks an object in the output as shareable (`FLAG_REF`) when
//! its reference count is above one at the time, which depends on what else holds it; Taipan's
//! writer decides as it does for `.pyc` files (by value). `loads` of either gives equal values.

use num_bigint::Sign;
use taipan_bytecode::{Constant, Int};

use crate::argparse;
use crate::error::{PyErr, PyResult};
use crate::function::Args;
use crate::object::Payload;
use crate::ops::mapping;
use crate::str::StrData;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// The marshal format version (`marshal.version`).
const VERSION: i64 = 4;

pub fn make(vm: &mut Vm) -> Obj {
    let m = crate::import::new_module(vm, "marshal");
    let Some(d) = crate::ops::attr::instance_dict(&Value::Obj(m.clone())) else {
        return m;
    };
    mapping::dict_set_str(vm, &d, "version", Value::Int(VERSION));
    let fns: [(&'static str, crate::function::NativeFn); 4] = [
        ("dumps", |vm, a| {
            let b = argparse::bind(vm, &a, "dumps", &["value", "version", "allow_code"], 1)?;
            let value = b[0].clone().unwrap_or(Value::None);
            let allow_code = match &b[2] {
                Some(v) => vm.truthy(v)?,
                None => true,
            };
            let bytes = dumps(vm, &value, allow_code)?;
            Ok(vm.new_bytes(bytes))
        }),
        ("loads", |vm, a| {
            let b = argparse::bind(vm, &a, "loads", &["bytes", "allow_code"], 1)?;
            let data = bytes_like(vm, b[0].as_ref().unwrap_or(&Value::None))?;
            let allow_code = match &b[1] {
                Some(v) => vm.truthy(v)?,
                None => true,
            };
            let (constant, _) = load_prefix(vm, &data)?;
            to_value(vm, &constant, allow_code)
        }),
        ("dump", |vm, a| {
            let b = argparse::bind(
                vm,
                &a,
                "dump",
                &["value", "file", "version", "allow_code"],
                2,
            )?;
            let value = b[0].clone().unwrap_or(Value::None);
            let file = b[1].clone().unwrap_or(Value::None);
            let allow_code = match &b[3] {
                Some(v) => vm.truthy(v)?,
                None => true,
            };
            let bytes = dumps(vm, &value, allow_code)?;
            let bytes = vm.new_bytes(bytes);
            let write = vm.intern("write");
            let write = crate::ops::attr::get_attr(vm, &file, &write)?;
            vm.call(&write, Args::new(&[bytes]))?;
            Ok(Value::None)
        }),
        ("load", |vm, a| {
            let b = argparse::bind(vm, &a, "load", &["file", "allow_code"], 1)?;
            let file = b[0].clone().unwrap_or(Value::None);
            let allow_code = match &b[1] {
                Some(v) => vm.truthy(v)?,
                None => true,
            };
            let read = vm.intern("read");
            let read = crate::ops::attr::get_attr(vm, &file, &read)?;
            let data = vm.call(&read, Args::new(&[]))?;
            let data = bytes_like(vm, &data).map_err(|_| {
                vm.type_error(format!(
                    "file.read() returned not bytes but {}",
                    vm.type_name(&data)
                ))
            })?;
            let (constant, used) = load_prefix(vm, &data)?;
            // Leave the file just past the value read, as CPython's `marshal.load` does.
            if used < data.len() {
                let seek = vm.intern("seek");
                if let Some(seek) = crate::ops::attr::get_attr_opt(vm, &file, &seek)? {
                    let back = Value::Int(used as i64 - data.len() as i64);
                    vm.call(&seek, Args::new(&[back, Value::Int(1)]))?;
                }
            }
            to_value(vm, &constant, allow_code)
        }),
    ];
    for (name, f) in fns {
        let v = crate::objects::function(vm, name, f, Some("marshal"));
        mapping::dict_set_str(vm, &d, name, v);
    }
    m
}

/// The bytes of a bytes-like argument (`bytes`, `bytearray`, `memoryview`).
fn bytes_like(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        Some(Payload::ByteArray(b)) => Ok(b.borrow().clone()),
        _ => crate::objects::bytes::bytes_of(vm, v),
    }
}

/// `marshal.dumps(value)`.
fn dumps(vm: &mut Vm, value: &Value, allow_code: bool) -> PyResult<Vec<u8>> {
    let constant = to_constant(vm, value, allow_code, 0)?;
    taipan_pyc::marshal::try_dumps(&constant).map_err(|e| vm.value_error(e.to_string()))
}

/// The value at the start of `data` and how many bytes it took, or CPython's exception.
fn load_prefix(vm: &mut Vm, data: &[u8]) -> PyResult<(Constant, usize)> {
    taipan_pyc::marshal::loads_prefix(data).map_err(|e| {
        let class = match e.exception() {
            "EOFError" => vm.exc.eof_error.clone(),
            "TypeError" => vm.exc.type_error.clone(),
            "SystemError" => vm.exc.system_error.clone(),
            "UnicodeDecodeError" => vm.exc.unicode_decode_error.clone(),
            _ => vm.exc.value_error.clone(),
        };
        vm.error(&class, e.message())
    })
}

/// CPython's nesting limit for `marshal.dumps` (`MAX_MARSHAL_STACK_DEPTH`).
const MAX_DEPTH: usize = 2000;

fn unmarshallable(vm: &Vm) -> PyErr {
    vm.value_error("unmarshallable object")
}

/// A value as the marshal tree it is written from.
fn to_constant(vm: &mut Vm, value: &Value, allow_code: bool, depth: usize) -> PyResult<Constant> {
    if depth > MAX_DEPTH {
        return Err(vm.value_error("object too deeply nested to marshal"));
    }
    let items = |vm: &mut Vm, items: &[Value]| -> PyResult<Box<[Constant]>> {
        items
            .iter()
            .map(|v| to_constant(vm, v, allow_code, depth + 1))
            .collect()
    };
    Ok(match value {
        Value::None => Constant::None,
        Value::Bool(b) => Constant::Bool(b.get()),
        Value::Int(i) => Constant::Int(Int::Small(*i)),
        Value::Float(f) => Constant::Float(f.get()),
        Value::Str(s) => str_constant(s),
        Value::Obj(o) => {
            if o.is(&vm.exc.stop_iteration) {
                return Ok(Constant::StopIteration);
            }
            if value.is(&vm.ellipsis) {
                return Ok(Constant::Ellipsis);
            }
            match o.payload() {
                Payload::Int(big) => {
                    let (sign, limbs) = big.to_u32_digits();
                    Constant::Int(Int::from_limbs(sign == Sign::Minus, &limbs))
                }
                Payload::Float(f) => Constant::Float(*f),
                Payload::Complex(real, imag) => Constant::Complex {
                    real: *real,
                    imag: *imag,
                },
                Payload::StrSub(s) => str_constant(s),
                Payload::Bytes(b) => Constant::Bytes(b.clone()),
                Payload::ByteArray(b) => Constant::Bytes(b.borrow().clone().into_boxed_slice()),
                Payload::Tuple(t) => Constant::Tuple(items(vm, t)?),
                Payload::List(l) => {
                    let snapshot = l.borrow().clone();
                    Constant::List(items(vm, &snapshot)?)
                }
                Payload::Dict(d) => {
                    let pairs = d.borrow().items();
                    let mut out = Vec::with_capacity(pairs.len());
                    for (k, v) in pairs {
                        out.push((
                            to_constant(vm, &k, allow_code, depth + 1)?,
                            to_constant(vm, &v, allow_code, depth + 1)?,
                        ));
                    }
                    Constant::Dict(out.into_boxed_slice())
                }
                Payload::Set(s) => {
                    let keys: Vec<Value> = s.borrow().iter().map(|e| e.key.clone()).collect();
                    Constant::Set(items(vm, &keys)?)
                }
                Payload::FrozenSet(s) => {
                    let keys: Vec<Value> = s.borrow().iter().map(|e| e.key.clone()).collect();
                    Constant::FrozenSet(items(vm, &keys)?)
                }
                Payload::Code(code) => {
                    if !allow_code {
                        return Err(vm.value_error("unmarshalling code objects is disallowed"));
                    }
                    Constant::Code(Box::new(code.object.clone()))
                }
                _ => match crate::objects::bytes::bytes_of(vm, value) {
                    Ok(bytes) => Constant::Bytes(bytes.into_boxed_slice()),
                    Err(_) => return Err(unmarshallable(vm)),
                },
            }
        }
    })
}

/// A marshal tree as the value `marshal.loads` gives: sets are sets (not frozensets, as they are
/// in code constants), code objects are loaded for the VM (verified first).
fn to_value(vm: &mut Vm, c: &Constant, allow_code: bool) -> PyResult {
    Ok(match c {
        Constant::Set(items) => {
            let items = items
                .iter()
                .map(|c| to_value(vm, c, allow_code))
                .collect::<PyResult<Vec<_>>>()?;
            crate::objects::set::new_set(vm, items)?
        }
        Constant::List(items) => {
            let items = items
                .iter()
                .map(|c| to_value(vm, c, allow_code))
                .collect::<PyResult<Vec<_>>>()?;
            vm.new_list(items)
        }
        Constant::Tuple(items) => {
            let items = items
                .iter()
                .map(|c| to_value(vm, c, allow_code))
                .collect::<PyResult<Vec<_>>>()?;
            vm.new_tuple(items)
        }
        Constant::FrozenSet(items) => {
            let items = items
                .iter()
                .map(|c| to_value(vm, c, allow_code))
                .collect::<PyResult<Vec<_>>>()?;
            crate::objects::set::new_frozenset(vm, items)?
        }
        Constant::Dict(pairs) => {
            let d = vm.new_dict();
            for (k, v) in pairs.iter() {
                let k = to_value(vm, k, allow_code)?;
                let v = to_value(vm, v, allow_code)?;
                mapping::dict_set(vm, &d, k, v)?;
            }
            Value::Obj(d)
        }
        Constant::Code(code) => {
            if !allow_code {
                return Err(vm.value_error("unmarshalling code objects is disallowed"));
            }
            // Code from outside runs only if the verifier accepts it (see `verify`).
            crate::verify::verify(code).map_err(|why| {
                vm.value_error(format!("bad marshal data (invalid code object: {why})"))
            })?;
            crate::compile::constant_value(vm, c)
        }
        other => crate::compile::constant_value(vm, other),
    })
}

fn str_constant(s: &crate::str::StrObj) -> Constant {
    Constant::Str(match s.data() {
        StrData::Utf8(text) => taipan_text::PyString::new(text),
        StrData::CodePoints(points) => {
            taipan_text::PyString::from_code_points(points.iter().copied())
        }
    })
}
