//! The loop's less frequent instructions: raising and matching exceptions, `with`, intrinsics,
//! pattern matching, imports, `yield from`/`await` delegation.

use crate::error::{PyErr, PyResult};
use crate::frame::Frame;
use crate::function::Args;
use crate::object::Payload;
use crate::ops::attr::{self, type_lookup};
use crate::ops::mapping;
use crate::value::{Obj, Value};
use crate::vm::Vm;
use taipan_bytecode::CodeFlags;

impl Vm {
    /// `RAISE_VARARGS`: the error, and whether it re-raises (no new traceback entry).
    pub(crate) fn raise_varargs(&mut self, frame: &mut Frame, argc: u32) -> (PyErr, bool) {
        match argc {
            0 => {
                if self.handled.is_none() {
                    return (self.runtime_error("No active exception to reraise"), false);
                }
                let h = self.handled.clone();
                (self.exception_to_err(h), true)
            }
            1 => {
                let exc = frame.pop();
                match crate::objects::exception::make_raisable(self, exc) {
                    Ok(o) => (PyErr::new(o), false),
                    Err(e) => (e, false),
                }
            }
            _ => {
                let cause = frame.pop();
                let exc = frame.pop();
                let exc = match crate::objects::exception::make_raisable(self, exc) {
                    Ok(o) => o,
                    Err(e) => return (e, false),
                };
                let cause = match cause {
                    Value::None => None,
                    c => match crate::objects::exception::make_cause(self, c) {
                        Ok(c) => Some(Value::Obj(c)),
                        Err(e) => return (e, false),
                    },
                };
                if let Payload::Exception(d) = exc.payload() {
                    *d.cause.borrow_mut() = cause;
                    d.suppress_context.set(true);
                }
                (PyErr::new(exc), false)
            }
        }
    }

    /// `except CLASS:` — `class` a class or a tuple of classes.
    pub(crate) fn exception_matches(&mut self, exc: &Value, class: &Value) -> PyResult<bool> {
        let classes: Vec<Value> = match class.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![class.clone()],
        };
        for c in &classes {
            let ok = match c {
                Value::Obj(o) => {
                    matches!(o.payload(), Payload::Type(_))
                        && self.is_subclass(o, &self.exc.base_exception)
                }
                _ => false,
            };
            if !ok {
                return Err(self.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
        for c in classes {
            if let Value::Obj(o) = c
                && self.is_instance_of(exc, &o)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(crate) fn setup_annotations(&mut self, frame: &mut Frame) -> PyResult<()> {
        let Some(locals) = frame.locals_map.clone() else {
            return Err(self.system_error("no locals found when setting up annotations"));
        };
        let name = self.names.__annotations__.clone();
        if self.mapping_lookup(&locals, &name)?.is_none() {
            let d = Value::Obj(self.new_dict());
            self.set_item(&locals, &name, d)?;
        }
        Ok(())
    }

    /// `BEFORE_WITH`/`BEFORE_ASYNC_WITH`: (bound `__exit__`, result of `__enter__()`).
    pub(crate) fn before_with(&mut self, mgr: &Value, is_async: bool) -> PyResult<(Value, Value)> {
        let (enter_name, exit_name) = if is_async {
            (self.names.__aenter__.clone(), self.names.__aexit__.clone())
        } else {
            (self.names.__enter__.clone(), self.names.__exit__.clone())
        };
        let class = self.class_of(mgr);
        let tn = self.type_name(mgr);
        let (proto, extra) = if is_async {
            ("asynchronous context manager", "async with")
        } else {
            ("context manager", "with")
        };
        let _ = extra;
        let Some(enter) = type_lookup(self, &class, &enter_name) else {
            return Err(self.type_error(format!(
                "'{tn}' object does not support the {proto} protocol"
            )));
        };
        let Some(exit) = type_lookup(self, &class, &exit_name) else {
            let missed = if is_async { "__aexit__" } else { "__exit__" };
            return Err(self.type_error(format!(
                "'{tn}' object does not support the {proto} protocol (missed {missed} method)"
            )));
        };
        let exit = attr::bind(self, exit, Some(mgr), &class)?;
        let enter = attr::bind(self, enter, Some(mgr), &class)?;
        let entered = self.call0(&enter)?;
        if is_async {
            let awaitable = crate::objects::generator::get_awaitable(self, &entered, 1)?;
            return Ok((exit, awaitable));
        }
        Ok((exit, entered))
    }

    pub(crate) fn with_except_start(&mut self, exit: &Value, val: &Value) -> PyResult {
        let class = Value::Obj(self.class_of(val));
        let tb = match val.payload() {
            Some(Payload::Exception(d)) => d.traceback.borrow().clone().unwrap_or(Value::None),
            _ => Value::None,
        };
        self.call(exit, Args::new(&[class, val.clone(), tb]))
    }

    pub(crate) fn intrinsic_1(&mut self, frame: &mut Frame, which: u32, v: Value) -> PyResult {
        match which {
            1 => {
                // INTRINSIC_PRINT: the interactive loop's display of an expression statement.
                if !v.is_none() {
                    let r = self.repr_string(&v)?;
                    crate::io::write_stdout(self, &format!("{r}\n"))?;
                    crate::ops::mapping::dict_set_str(self, &self.builtins_dict(), "_", v);
                }
                Ok(Value::None)
            }
            2 => {
                self.import_star(frame, &v)?;
                Ok(Value::None)
            }
            3 => Ok(crate::objects::generator::stopiteration_error(
                self,
                &frame.code,
                v,
            )),
            4 => Ok(crate::objects::generator::wrap_async_gen_value(self, v)),
            5 => self.positive(&v),
            6 => match v.payload() {
                Some(Payload::List(l)) => {
                    let items = l.borrow().clone();
                    Ok(self.new_tuple(items))
                }
                _ => Ok(v),
            },
            7..=11 => crate::objects::typing::intrinsic_1(self, which, v),
            _ => Err(self.system_error(format!("unknown intrinsic {which}"))),
        }
    }

    pub(crate) fn intrinsic_2(&mut self, which: u32, v1: Value, v2: Value) -> PyResult {
        match which {
            1 => crate::objects::exception_group::prep_reraise_star(self, v1, v2),
            2..=5 => crate::objects::typing::intrinsic_2(self, which, v1, v2),
            _ => Err(self.system_error(format!("unknown intrinsic {which}"))),
        }
    }

    pub(crate) fn is_mapping_for_match(&self, v: &Value) -> bool {
        let class = self.class_of(v);
        self.is_subclass(&class, &self.types.dict)
            || crate::objects::abc::registered_mapping(self, &class)
    }

    pub(crate) fn is_sequence_for_match(&self, v: &Value) -> bool {
        let class = self.class_of(v);
        let t = &self.types;
        if [&t.str, &t.bytes, &t.bytearray]
            .iter()
            .any(|c| self.is_subclass(&class, c))
        {
            return false;
        }
        [&t.list, &t.tuple, &t.range, &t.memoryview]
            .iter()
            .any(|c| self.is_subclass(&class, c))
            || crate::objects::abc::registered_sequence(self, &class)
    }

    /// `MATCH_KEYS`: a tuple of the subject's values for `keys`, or `None` if one is missing.
    pub(crate) fn match_keys(&mut self, subject: &Value, keys: &Value) -> PyResult {
        let keys: Vec<Value> = match keys.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        };
        if keys.is_empty() {
            return Ok(self.empty_tuple.clone());
        }
        let get_name = self.intern("get");
        let get = attr::get_attr(self, subject, &get_name)?;
        let dummy = Value::Obj(Obj::new(
            self.types.object.clone(),
            Payload::Instance {
                slots: Default::default(),
            },
        ));
        let mut seen: Vec<Value> = Vec::new();
        let mut values = Vec::new();
        for k in keys {
            for s in &seen {
                if self.eq(s, &k)? {
                    let r = self.repr_string(&k)?;
                    return Err(
                        self.value_error(format!("mapping pattern checks duplicate key ({r})"))
                    );
                }
            }
            seen.push(k.clone());
            let v = self.call(&get, Args::new(&[k, dummy.clone()]))?;
            if v.is(&dummy) {
                return Ok(Value::None);
            }
            values.push(v);
        }
        Ok(self.new_tuple(values))
    }

    /// `MATCH_CLASS`: the attributes a class pattern extracts, or `None` on no match.
    pub(crate) fn match_class(
        &mut self,
        subject: &Value,
        cls: &Value,
        nargs: usize,
        names: &Value,
    ) -> PyResult {
        let Value::Obj(class) = cls else {
            return Err(self.type_error("called match pattern must be a class"));
        };
        if !matches!(class.payload(), Payload::Type(_)) {
            return Err(self.type_error("called match pattern must be a class"));
        }
        if !crate::builtins::isinstance(self, subject, cls)? {
            return Ok(Value::None);
        }
        let kw_names: Vec<Value> = match names.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        };
        let mut seen: Vec<Value> = Vec::new();
        let mut out = Vec::new();
        let cname = crate::types::type_name(class);
        if nargs > 0 {
            let match_args_name = self.names.__match_args__.clone();
            let match_args = attr::get_attr_opt(self, cls, &match_args_name)?;
            match match_args {
                Some(ma) => {
                    let Some(Payload::Tuple(items)) = ma.payload() else {
                        return Err(self.type_error(format!(
                            "{cname}.__match_args__ must be a tuple (got {})",
                            self.type_name(&ma)
                        )));
                    };
                    let items = items.to_vec();
                    if nargs > items.len() {
                        let s = if items.len() == 1 { "" } else { "s" };
                        return Err(self.type_error(format!(
                            "{cname}() accepts {} positional sub-pattern{s} ({nargs} given)",
                            items.len()
                        )));
                    }
                    for name in items.into_iter().take(nargs) {
                        if name.as_str_obj().is_none() {
                            return Err(self.type_error(format!(
                                "__match_args__ elements must be strings (got {})",
                                self.type_name(&name)
                            )));
                        }
                        seen.push(name.clone());
                        match attr::get_attr_opt(self, subject, &name)? {
                            Some(v) => out.push(v),
                            None => return Ok(Value::None),
                        }
                    }
                }
                None if self.matches_self(class) => {
                    if nargs > 1 {
                        return Err(self.type_error(format!(
                            "{cname}() accepts 1 positional sub-pattern ({nargs} given)"
                        )));
                    }
                    out.push(subject.clone());
                }
                None => {
                    return Err(self.type_error(format!(
                        "{cname}() accepts 0 positional sub-patterns ({nargs} given)"
                    )));
                }
            }
        }
        for name in kw_names {
            for s in &seen {
                if self.eq(s, &name)? {
                    let n = self.str_lossy(&name);
                    return Err(self.type_error(format!(
                        "{cname}() got multiple sub-patterns for attribute '{n}'"
                    )));
                }
            }
            seen.push(name.clone());
            match attr::get_attr_opt(self, subject, &name)? {
                Some(v) => out.push(v),
                None => return Ok(Value::None),
            }
        }
        Ok(self.new_tuple(out))
    }

    /// The built-in classes whose single positional pattern matches the subject itself.
    fn matches_self(&self, class: &Obj) -> bool {
        let t = &self.types;
        [
            &t.bool,
            &t.bytearray,
            &t.bytes,
            &t.dict,
            &t.float,
            &t.frozenset,
            &t.int,
            &t.list,
            &t.set,
            &t.str,
            &t.tuple,
        ]
        .iter()
        .any(|c| self.is_subclass(class, c))
    }

    pub(crate) fn import_name(
        &mut self,
        frame: &Frame,
        name: &Value,
        fromlist: &Value,
        level: &Value,
    ) -> PyResult {
        let import = mapping::dict_get_str(self, &frame.builtins, "__import__");
        let globals = Value::Obj(frame.globals.clone());
        let locals = frame.locals_map.clone().unwrap_or(Value::None);
        match import {
            Some(f) => self.call(
                &f,
                Args::new(&[
                    name.clone(),
                    globals,
                    locals,
                    fromlist.clone(),
                    level.clone(),
                ]),
            ),
            None => Err(self.error(&self.exc.import_error.clone(), "__import__ not found")),
        }
    }

    pub(crate) fn import_from(&mut self, module: &Value, name: &Value) -> PyResult {
        crate::import::import_from(self, module, name)
    }

    fn import_star(&mut self, frame: &mut Frame, module: &Value) -> PyResult<()> {
        let Some(locals) = frame.locals_map.clone() else {
            return Err(self.system_error("no locals found during 'import *'"));
        };
        let all_name = self.intern("__all__");
        let names: Vec<Value> = match attr::get_attr_opt(self, module, &all_name)? {
            Some(all) => self.collect(&all)?,
            None => match attr::instance_dict(module) {
                Some(d) => {
                    let keys = match d.payload() {
                        Payload::Dict(t) => t.borrow().keys(),
                        _ => Vec::new(),
                    };
                    keys.into_iter()
                        .filter(|k| !self.str_lossy(k).starts_with('_'))
                        .collect()
                }
                None => Vec::new(),
            },
        };
        for n in names {
            let v = attr::get_attr(self, module, &n)?;
            self.set_item(&locals, &n, v)?;
        }
        Ok(())
    }

    /// `GET_YIELD_FROM_ITER`.
    pub(crate) fn get_yield_from_iter(
        &mut self,
        v: &Value,
        code: &crate::runtime_code::Code,
    ) -> PyResult {
        if let Some(Payload::Generator(g)) = v.payload() {
            if g.kind == crate::object::GeneratorKind::Coroutine {
                if code.flags.0 & (CodeFlags::COROUTINE.0 | CodeFlags::ITERABLE_COROUTINE.0) == 0 {
                    return Err(self.type_error(
                        "cannot 'yield from' a coroutine object in a non-coroutine generator",
                    ));
                }
                return Ok(v.clone());
            }
            if g.kind == crate::object::GeneratorKind::Generator {
                return Ok(v.clone());
            }
        }
        self.iter(v)
    }

    /// `SEND`: pass `value` into the delegate; its next yielded value, or its return value.
    pub(crate) fn send(
        &mut self,
        receiver: &Value,
        value: Value,
    ) -> PyResult<crate::objects::generator::SendResult> {
        use crate::objects::generator::SendResult;
        if let Value::Obj(o) = receiver {
            if matches!(o.payload(), Payload::Generator(_)) {
                return crate::objects::generator::send(self, o, value);
            }
            if matches!(o.payload(), Payload::Awaitable(_)) {
                return crate::objects::generator::awaitable_send(self, o, value);
            }
        }
        let builtin_iterator = matches!(receiver.payload(), Some(Payload::Iterator(_)));
        let result = if value.is_none() && !builtin_iterator {
            // `__next__` itself, so that the value of its StopIteration reaches `yield from`.
            self.call_method(receiver, "__next__", &[])
        } else if value.is_none() {
            match self.next(receiver) {
                Ok(Some(v)) => return Ok(SendResult::Yield(v)),
                Ok(None) => return Ok(SendResult::Return(Value::None)),
                Err(e) => Err(e),
            }
        } else {
            self.call_method(receiver, "send", &[value])
        };
        match result {
            Ok(v) => Ok(SendResult::Yield(v)),
            Err(e) if self.is_instance_of(&e.value(), &self.exc.stop_iteration.clone()) => {
                let v = crate::objects::exception::stop_iteration_value(self, &e.value());
                Ok(SendResult::Return(v))
            }
            Err(e) => Err(e),
        }
    }

    /// `format(value, spec)`.
    pub fn format(&mut self, value: &Value, spec: &Value) -> PyResult {
        let name = self.names.__format__.clone();
        match self.call_special(value, &name, &[spec.clone()])? {
            Some(r) if r.as_str_obj().is_some() => Ok(r),
            Some(r) => Err(self.type_error(format!(
                "__format__ must return a str, not {}",
                self.type_name(&r)
            ))),
            None => Err(self.type_error("object has no __format__")),
        }
    }
}
