//! `_dis`, the native side of Taipan's `dis` module (`dis.py`): the disassembler text and
//! instruction records from the bytecode crate (`taipan_bytecode::dis`, whose output is CPython
//! 3.13's), the opcode tables, and `stack_effect`.

use taipan_bytecode::dis::{ArgValue, Options};
use taipan_bytecode::{CodeObject, OpFlags, Opcode, OpcodeKind};

use crate::argparse;
use crate::error::PyResult;
use crate::object::Payload;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn make(vm: &mut Vm) -> Obj {
    let m = crate::import::new_module(vm, "_dis");
    let Some(d) = crate::ops::attr::instance_dict(&Value::Obj(m.clone())) else {
        return m;
    };
    let fns: [(&'static str, crate::function::NativeFn); 5] = [
        ("dis_text", |vm, a| {
            let p = argparse::between(vm, &a, "dis_text", 5, 5)?;
            let code = code_object(vm, &p[0])?;
            let options = options(vm, &p[1], &p[2], &p[3])?;
            let text = if vm.truthy(&p[4])? {
                taipan_bytecode::dis::dis(&code, &options)
            } else {
                taipan_bytecode::dis::disassemble(&code, &options)
            };
            Ok(vm.new_string(text))
        }),
        ("instructions", |vm, a| {
            let p = argparse::between(vm, &a, "instructions", 2, 2)?;
            let code_value = p[0].clone();
            let code = code_object(vm, &code_value)?;
            let options = options(vm, &p[1], &Value::FALSE, &Value::None)?;
            let list = taipan_bytecode::dis::instructions(&code, &options);
            let mut out = Vec::with_capacity(list.len());
            for i in list {
                out.push(instruction_tuple(vm, &code_value, i)?);
            }
            Ok(vm.new_list(out))
        }),
        ("line_starts", |vm, a| {
            let p = argparse::between(vm, &a, "line_starts", 1, 1)?;
            let code = code_object(vm, &p[0])?;
            let starts = taipan_bytecode::dis::line_starts(&code);
            let items = starts
                .into_iter()
                .map(|(offset, line)| {
                    let line = line.map_or(Value::None, |l| Value::Int(i64::from(l)));
                    vm.new_pair(Value::Int(i64::from(offset)), line)
                })
                .collect();
            Ok(vm.new_list(items))
        }),
        ("stack_effect", |vm, a| {
            let p = argparse::between(vm, &a, "stack_effect", 3, 3)?;
            let number = argparse::index_i64(vm, &p[0])?;
            let op = u16::try_from(number).ok().and_then(Opcode::new);
            let Some(op) = op.filter(|op| op.kind() != OpcodeKind::Specialized) else {
                return Err(vm.value_error("invalid opcode or oparg"));
            };
            // As CPython 3.13: a missing oparg is 0, and an opcode without one ignores it.
            let oparg = if p[1].is_none() {
                0
            } else {
                i32::try_from(argparse::index_i64(vm, &p[1])?)
                    .map_err(|_| vm.value_error("invalid opcode or oparg"))?
            };
            let jump = if p[2].is_none() {
                None
            } else {
                Some(vm.truthy(&p[2])?)
            };
            match op.stack_effect(oparg, jump) {
                Ok(effect) => Ok(Value::Int(i64::from(effect))),
                Err(_) => Err(vm.value_error("invalid opcode or oparg")),
            }
        }),
        ("tables", |vm, _a| tables(vm)),
    ];
    for (name, f) in fns {
        let v = crate::objects::function(vm, name, f, Some("_dis"));
        mapping::dict_set_str(vm, &d, name, v);
    }
    m
}

/// The code object a `code` value holds; raw bytecode (`bytes`) as a code object with nothing
/// else (no constants, names or line table), for `findlabels`.
fn code_object(vm: &Vm, v: &Value) -> PyResult<CodeObject> {
    match v.payload() {
        Some(Payload::Code(code)) => Ok(code.object.clone()),
        Some(Payload::Bytes(bytes)) => {
            let mut code = CodeObject::empty("<bytes>");
            code.code = bytes.to_vec();
            Ok(code)
        }
        _ => Err(vm.type_error(format!("expected a code object, not {}", vm.type_name(v)))),
    }
}

/// Disassembler options: `show_caches`, `show_offsets`, `depth`; frozensets ordered by the
/// VM's own hash secret, as the running program's `repr` orders them.
fn options(vm: &mut Vm, caches: &Value, offsets: &Value, depth: &Value) -> PyResult<Options> {
    let depth = if depth.is_none() {
        None
    } else {
        Some(argparse::index_i64(vm, depth)?.max(0) as usize)
    };
    Ok(Options {
        show_caches: vm.truthy(caches)?,
        show_offsets: vm.truthy(offsets)?,
        depth,
        repr: taipan_bytecode::repr::ReprOptions {
            secret: vm.flags.hash_secret,
        },
    })
}

/// `(opname, opcode, arg, argval, argrepr, offset, start_offset, starts_line, line_number,
/// label, positions, cache_info)` for `dis.Instruction`.
fn instruction_tuple(
    vm: &mut Vm,
    code: &Value,
    i: taipan_bytecode::dis::InstructionInfo,
) -> PyResult {
    let int = |v: Option<i32>| v.map_or(Value::None, |n| Value::Int(i64::from(n)));
    let argval = match i.argval {
        ArgValue::None => Value::None,
        ArgValue::Int(n) | ArgValue::Offset(n) => Value::Int(n),
        ArgValue::Const(index) => {
            let n = vm.intern("co_consts");
            let consts = crate::ops::attr::get_attr_opt(vm, code, &n)?.unwrap_or(Value::None);
            match consts.payload() {
                Some(Payload::Tuple(items)) => items.get(index).cloned().unwrap_or(Value::None),
                _ => Value::None,
            }
        }
        ArgValue::Name(name) => vm.new_string(name),
        ArgValue::NamePair(a, b) => {
            let (a, b) = (vm.new_string(a), vm.new_string(b));
            vm.new_pair(a, b)
        }
        ArgValue::Compare(op) => vm.new_str(op),
        ArgValue::Conversion(n) => {
            let name = match n {
                1 => "str",
                2 => "repr",
                3 => "ascii",
                _ => "",
            };
            match name {
                "" => Value::None,
                _ => mapping::dict_get_str(vm, &vm.builtins_dict(), name).unwrap_or(Value::None),
            }
        }
    };
    let positions = match i.positions {
        Some((a, b, c, d)) => vm.new_tuple(vec![int(a), int(b), int(c), int(d)]),
        None => Value::None,
    };
    let cache_info = match i.cache_info {
        Some(fields) => {
            let items = fields
                .into_iter()
                .map(|(name, size, data)| {
                    vm.new_tuple(vec![
                        vm.new_str(name),
                        Value::Int(i64::from(size)),
                        vm.new_bytes(data),
                    ])
                })
                .collect();
            vm.new_list(items)
        }
        None => Value::None,
    };
    let items = vec![
        vm.new_string(i.opname),
        Value::Int(i64::from(i.opcode)),
        int(i.arg),
        argval,
        vm.new_string(i.argrepr),
        Value::Int(i64::from(i.offset)),
        Value::Int(i64::from(i.start_offset)),
        Value::bool(i.starts_line),
        int(i.line_number),
        i.label.map_or(Value::None, |l| Value::Int(l as i64)),
        positions,
        cache_info,
    ];
    Ok(vm.new_tuple(items))
}

/// The opcode tables `dis` and `opcode` publish: `opname` (every number to 267, `<N>` for the
/// undefined), `opmap` (CPython's order: `CACHE`, `RESERVED`, `RESUME`, `INSTRUMENTED_LINE`,
/// then by number; specialized opcodes apart in `_specialized_opmap`), the `has*` lists in
/// `opmap`'s order, and each opcode's inline cache format.
fn tables(vm: &mut Vm) -> PyResult {
    let first = ["CACHE", "RESERVED", "RESUME", "INSTRUMENTED_LINE"];
    let mut ordered: Vec<Opcode> = first.iter().filter_map(|n| Opcode::from_name(n)).collect();
    ordered.extend(
        Opcode::all()
            .filter(|op| op.kind() != OpcodeKind::Specialized && !first.contains(&op.name())),
    );
    let max = Opcode::all().map(Opcode::number).max().unwrap_or(0);
    let opname: Vec<Value> = (0..=max)
        .map(|n| match Opcode::new(n) {
            Some(op) => vm.new_str(op.name()),
            None => vm.new_string(format!("<{n}>")),
        })
        .collect();
    let opmap = vm.new_dict();
    for op in &ordered {
        mapping::dict_set_str(vm, &opmap, op.name(), Value::Int(i64::from(op.number())));
    }
    let specialized = vm.new_dict();
    for op in Opcode::all().filter(|op| op.kind() == OpcodeKind::Specialized) {
        mapping::dict_set_str(
            vm,
            &specialized,
            op.name(),
            Value::Int(i64::from(op.number())),
        );
    }
    let has = |vm: &mut Vm, flag: OpFlags| -> Value {
        let items = ordered
            .iter()
            .filter(|op| op.flags().contains(flag))
            .map(|op| Value::Int(i64::from(op.number())))
            .collect();
        vm.new_list(items)
    };
    let out = vm.new_dict();
    let opname = vm.new_list(opname);
    mapping::dict_set_str(vm, &out, "opname", opname);
    mapping::dict_set_str(vm, &out, "opmap", Value::Obj(opmap));
    mapping::dict_set_str(vm, &out, "_specialized_opmap", Value::Obj(specialized));
    for (name, flag) in [
        ("hasarg", OpFlags::ARG),
        ("hasconst", OpFlags::CONST),
        ("hasname", OpFlags::NAME),
        ("hasjump", OpFlags::JUMP),
        ("haslocal", OpFlags::LOCAL),
        ("hasfree", OpFlags::FREE),
        ("hascompare", OpFlags::COMPARE),
        ("hasexc", OpFlags::EXC),
    ] {
        let list = has(vm, flag);
        mapping::dict_set_str(vm, &out, name, list);
    }
    let cache_format = vm.new_dict();
    for op in Opcode::all().filter(|op| !op.cache_format().is_empty() && op.base() == *op) {
        let fields = vm.new_dict();
        for field in op.cache_format() {
            mapping::dict_set_str(vm, &fields, field.name, Value::Int(i64::from(field.size)));
        }
        mapping::dict_set_str(vm, &cache_format, op.name(), Value::Obj(fields));
    }
    mapping::dict_set_str(vm, &out, "_cache_format", Value::Obj(cache_format));
    Ok(Value::Obj(out))
}
