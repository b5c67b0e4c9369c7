//! `_ast`'s native side: `ast.parse` turns source into Python node objects. The tree comes
//! from Taipan's parser (the stage whose `ast.dump` equals CPython's over its whole standard
//! library), and is walked by the ast crate's [`TreeSink`] (the one place that knows every
//! node's fields), this time building objects of the `ast` module's classes instead of text.
//!
//! Fields the walk does not report (a `None` or an empty list, as `ast.dump` leaves them out)
//! are set from the class's field kinds, so every node has all its fields, as CPython's do.
//! Contexts and operators are one shared instance per class, as in CPython.

use std::collections::HashMap;

use taipan_ast::fields::TreeSink;
use taipan_ast::{ConstantValue, Int, LineIndex, TextRange};

use crate::argparse;
use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub fn make(vm: &mut Vm) -> Obj {
    let m = crate::import::new_module(vm, "_ast_native");
    if let Some(d) = crate::ops::attr::instance_dict(&Value::Obj(m.clone())) {
        let f = crate::objects::function(vm, "parse", parse, Some("_ast_native"));
        mapping::dict_set_str(vm, &d, "parse", f);
    }
    m
}

/// `parse(source, filename, mode, type_comments, classes, optimize)`: the tree of `source`
/// (str or bytes) as node objects, constant-folded by the compiler's AST optimizer when
/// `optimize` is a level (`PyCF_OPTIMIZED_AST`) rather than `None`. `classes` maps each class
/// name to `(class, list_fields, other_fields)`: the fields to default to `[]` and to `None`.
fn parse(vm: &mut Vm, args: crate::function::Args<'_>) -> PyResult {
    let p = argparse::between(vm, &args, "parse", 6, 6)?;
    let optimize = if p[5].is_none() {
        None
    } else {
        Some(argparse::index_i64(vm, &p[5])?.clamp(0, 2) as i32)
    };
    let filename = vm.str_lossy(&p[1]);
    let mode = vm.str_lossy(&p[2]);
    let type_comments = vm.truthy(&p[3])?;
    let text = match p[0].as_str_obj() {
        Some(s) => s.to_lossy().into_owned(),
        _ => {
            let bytes = crate::objects::bytes::bytes_of(vm, &p[0]).map_err(|_| {
                vm.type_error("compile() arg 1 must be a string, bytes or AST object")
            })?;
            crate::compile::decode_source(vm, &bytes, &filename)?
        }
    };
    let parse_mode = match mode.as_str() {
        "exec" => taipan_parser::Mode::Exec,
        "eval" => taipan_parser::Mode::Eval,
        "single" => taipan_parser::Mode::Single,
        "func_type" => taipan_parser::Mode::FuncType,
        _ => {
            return Err(
                vm.value_error("compile() mode must be 'exec', 'eval', 'single' or 'func_type'")
            );
        }
    };
    let classes = class_table(vm, &p[4])?;
    let arena = bumpalo::Bump::new();
    let options = taipan_parser::Options {
        mode: parse_mode,
        type_comments,
        ..taipan_parser::Options::default()
    };
    let mut parsed = match taipan_parser::parse(&text, &options, &arena) {
        Ok(parsed) => parsed,
        Err(e) => return Err(crate::compile::parse_error(vm, &e, &filename)),
    };
    if let Some(level) = optimize
        && taipan_compiler::fold::optimize_checked(&mut parsed.tree, &arena, level, false).is_err()
    {
        return Err(vm.error(
            &vm.exc.recursion_error.clone(),
            "maximum recursion depth exceeded during compilation",
        ));
    }
    let index = LineIndex::new(&text);
    let mut builder = Builder {
        vm,
        classes,
        index: &index,
        stack: Vec::new(),
        leaves: HashMap::new(),
        error: None,
    };
    builder.module(&parsed.tree, 0);
    if let Some(e) = builder.error {
        return Err(e);
    }
    Ok(builder.stack.pop().unwrap_or(Value::None))
}

/// A node class and the fields it defaults: to `[]` (lists), to `None` (the others).
struct ClassInfo {
    class: Obj,
    list_fields: Vec<String>,
    other_fields: Vec<String>,
}

fn class_table(vm: &mut Vm, table: &Value) -> PyResult<HashMap<String, ClassInfo>> {
    let Some(Payload::Dict(d)) = table.payload() else {
        return Err(vm.type_error("parse: the class table must be a dict"));
    };
    let items = d.borrow().items();
    let mut out = HashMap::with_capacity(items.len());
    for (name, entry) in items {
        let name = vm.str_lossy(&name);
        let Some(Payload::Tuple(parts)) = entry.payload() else {
            continue;
        };
        let [Value::Obj(class), lists, others] = &parts[..] else {
            continue;
        };
        let names = |vm: &mut Vm, v: &Value| -> PyResult<Vec<String>> {
            Ok(vm.collect(v)?.iter().map(|n| vm.str_lossy(n)).collect())
        };
        let list_fields = names(vm, lists)?;
        let other_fields = names(vm, others)?;
        out.insert(
            name,
            ClassInfo {
                class: class.clone(),
                list_fields,
                other_fields,
            },
        );
    }
    Ok(out)
}

/// Builds node objects as the walk reports them: each reported value is pushed on `stack`.
struct Builder<'v, 'i> {
    vm: &'v mut Vm,
    classes: HashMap<String, ClassInfo>,
    index: &'i LineIndex,
    stack: Vec<Value>,
    /// The one instance of each context and operator class.
    leaves: HashMap<String, Value>,
    error: Option<PyErr>,
}

impl Builder<'_, '_> {
    fn missing_class(&mut self, class: &str) {
        if self.error.is_none() {
            self.error = Some(
                self.vm
                    .system_error(format!("the ast module has no node class {class}")),
            );
        }
        self.stack.push(Value::None);
    }
}

impl TreeSink for Builder<'_, '_> {
    type Open = Vec<(String, Value)>;

    fn node(
        &mut self,
        _level: usize,
        class: &str,
        range: Option<TextRange>,
        fields: impl FnOnce(&mut Self, &mut Self::Open),
    ) -> bool {
        let mut open = Vec::new();
        fields(self, &mut open);
        let Some(info) = self.classes.get(class) else {
            self.missing_class(class);
            return false;
        };
        let node = crate::objects::object::new_instance(self.vm, &info.class);
        let Some(dict) = crate::ops::attr::instance_dict(&node) else {
            self.stack.push(node);
            return false;
        };
        let vm = &mut *self.vm;
        for (name, value) in open {
            mapping::dict_set_str(vm, &dict, &name, value);
        }
        for name in &info.list_fields {
            if mapping::dict_get_str(vm, &dict, name).is_none() {
                let list = vm.new_list(Vec::new());
                mapping::dict_set_str(vm, &dict, name, list);
            }
        }
        for name in &info.other_fields {
            if mapping::dict_get_str(vm, &dict, name).is_none() {
                mapping::dict_set_str(vm, &dict, name, Value::None);
            }
        }
        if let Some(range) = range {
            let numbers = if range.is_none() {
                [-1; 4]
            } else {
                let p = self.index.position(range);
                [p.lineno, p.col_offset, p.end_lineno, p.end_col_offset].map(i64::from)
            };
            for (name, n) in ["lineno", "col_offset", "end_lineno", "end_col_offset"]
                .into_iter()
                .zip(numbers)
            {
                mapping::dict_set_str(vm, &dict, name, Value::Int(n));
            }
        }
        self.stack.push(node);
        false
    }

    fn leaf(&mut self, class: &str) -> bool {
        if let Some(v) = self.leaves.get(class) {
            self.stack.push(v.clone());
            return true;
        }
        let Some(info) = self.classes.get(class) else {
            self.missing_class(class);
            return true;
        };
        let node = crate::objects::object::new_instance(self.vm, &info.class);
        self.leaves.insert(class.to_owned(), node.clone());
        self.stack.push(node);
        true
    }

    fn field(
        &mut self,
        open: &mut Self::Open,
        name: &str,
        value: impl FnOnce(&mut Self, usize) -> bool,
    ) {
        let depth = self.stack.len();
        value(self, 0);
        let v = if self.stack.len() > depth {
            self.stack.pop().unwrap_or(Value::None)
        } else {
            Value::None
        };
        open.push((name.to_owned(), v));
    }

    fn list<T>(
        &mut self,
        level: usize,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T, usize),
    ) -> bool {
        let base = self.stack.len();
        for it in items {
            item(self, it, level);
        }
        let values = self.stack.split_off(base.min(self.stack.len()));
        let list = self.vm.new_list(values);
        self.stack.push(list);
        items.is_empty()
    }

    fn string(&mut self, text: &str) -> bool {
        let v = self.vm.new_str(text);
        self.stack.push(v);
        true
    }

    fn int_value(&mut self, value: i64) -> bool {
        self.stack.push(Value::Int(value));
        true
    }

    fn constant(&mut self, value: &ConstantValue<'_>) -> bool {
        let v = constant_value(self.vm, value);
        self.stack.push(v);
        true
    }

    fn none(&mut self) -> bool {
        self.stack.push(Value::None);
        true
    }
}

/// A constant of the tree as a Python value.
fn constant_value(vm: &mut Vm, value: &ConstantValue<'_>) -> Value {
    let limbs_value = |vm: &Vm, limbs: &[u32], negative: bool| {
        let magnitude = num_bigint::BigUint::new(limbs.to_vec());
        let sign = if negative {
            num_bigint::Sign::Minus
        } else {
            num_bigint::Sign::Plus
        };
        vm.new_int_big(num_bigint::BigInt::from_biguint(sign, magnitude))
    };
    match value {
        ConstantValue::None => Value::None,
        ConstantValue::True => Value::TRUE,
        ConstantValue::False => Value::FALSE,
        ConstantValue::Ellipsis => vm.ellipsis.clone(),
        ConstantValue::Int(Int::Small(n)) => Value::Int(*n),
        ConstantValue::Int(Int::Big(limbs)) => limbs_value(vm, limbs, false),
        ConstantValue::Int(Int::BigNeg(limbs)) => limbs_value(vm, limbs, true),
        ConstantValue::Float(x) => Value::float(*x),
        ConstantValue::Complex { real, imag } => {
            crate::objects::complex::new_complex(vm, *real, *imag)
        }
        ConstantValue::Str(s) => match s.as_str() {
            Some(text) => vm.new_str(text),
            None => vm.new_str_obj(crate::str::PyStr::from_code_points(
                s.code_points().collect::<Vec<u32>>(),
            )),
        },
        ConstantValue::Bytes(b) => vm.new_bytes(b.to_vec()),
        ConstantValue::Tuple(items) => {
            let items = items.iter().map(|c| constant_value(vm, c)).collect();
            vm.new_tuple(items)
        }
        ConstantValue::FrozenSet(items) => {
            let items = items.iter().map(|c| constant_value(vm, c)).collect();
            crate::objects::set::new_frozenset(vm, items).unwrap_or(Value::None)
        }
    }
}
