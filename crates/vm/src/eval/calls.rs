//! The loop's instructions that call, load names, or build containers from iterables.

use crate::error::PyResult;
use crate::frame::Frame;
use crate::function::Args;
use crate::object::Payload;
use crate::ops::attr::{self, type_lookup};
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// What [`Vm::instance_attr_fast`] found.
pub(crate) enum FastAttr {
    /// The attribute, with `self` when it is a method left unbound (method form).
    Found(Value, Option<Value>),
    /// A property whose getter is this Python function.
    Getter(Obj),
    Slow,
}

/// What [`Vm::instance_setattr_fast`] did.
pub(crate) enum FastSet {
    Done,
    /// A property whose setter is this Python function, to call with the value.
    Setter(Obj, Value),
    /// The general path must store the value.
    Slow(Value),
}

pub(crate) enum CallOutcome {
    Value(Value),
    /// A Python function's frame, for the loop to push.
    Frame(Box<Frame>),
}

impl Vm {
    /// `CALL`/`CALL_KW`: a Python callee comes back as a frame to push; anything else is
    /// called here.
    pub(crate) fn call_instruction(
        &mut self,
        frame_box: &mut Box<Frame>,
        argc: usize,
        kwnames: &[Value],
    ) -> PyResult<Option<Box<Frame>>> {
        let frame: &mut Frame = frame_box;
        let len = frame.stack.len();
        if argc + 2 > len {
            return Err(self.system_error("CALL: stack underflow"));
        }
        let base = len - argc - 2;
        if kwnames.is_empty()
            && let Some(frame) = self.simple_call(frame, base, argc)
        {
            return Ok(Some(frame));
        }
        // The arguments go to a buffer kept on the VM (a call made while one is in use, from
        // a nested run, takes a fresh one): no allocation per call of a native function.
        let mut values = std::mem::take(&mut self.arg_buffer);
        values.clear();
        let mut drained = frame.stack.drain_from(base);
        let callable = drained.next().flatten().unwrap_or(Value::None);
        if let Some(Some(this)) = drained.next() {
            values.push(this);
        }
        values.extend(drained.map(|v| v.unwrap_or(Value::None)));
        let result = self.call_collected(frame_box, &callable, &values, kwnames);
        values.clear();
        if self.arg_buffer.capacity() < values.capacity() {
            self.arg_buffer = values;
        }
        result
    }

    /// The general path of `CALL`: `callable(*values)` with `kwnames` naming the last values.
    fn call_collected(
        &mut self,
        frame_box: &mut Box<Frame>,
        callable: &Value,
        values: &[Value],
        kwnames: &[Value],
    ) -> PyResult<Option<Box<Frame>>> {
        let kwnames_len = kwnames.len().min(values.len());
        let kwnames = &kwnames[..kwnames_len];
        // A built-in function or method descriptor (`len(x)`, `d.get(k)` in its method form):
        // straight to its Rust function (CPython's `CALL_BUILTIN_FAST`,
        // `CALL_METHOD_DESCRIPTOR_FAST`).
        if let Value::Obj(o) = callable
            && let Payload::Native(n) = o.payload()
            && n.receiver.is_none()
            && n.with_frame.is_none()
        {
            crate::objects::check_method_call(self, n, values, kwnames)?;
            let func = n.func;
            let v = self.call_parked(frame_box, |vm| func(vm, Args { values, kwnames }))?;
            frame_box.push(v);
            return Ok(None);
        }
        let frame: &mut Frame = frame_box;
        // `super()` needs the calling frame (its first argument and `__class__` cell).
        if values.is_empty() && matches!(callable, Value::Obj(o) if o.is(&self.types.super_)) {
            let sup = crate::objects::super_::zero_arg_super(self, frame)?;
            frame.push(sup);
            return Ok(None);
        }
        // `locals()`, `eval`, … read the calling frame too (see `frame_locals`).
        if let Some(with_frame) = crate::frame_locals::frame_reader(callable) {
            let v = with_frame(self, frame, Args { values, kwnames })?;
            frame.push(v);
            return Ok(None);
        }
        if let Value::Obj(cls) = callable
            && let Some(frame) = self.init_frame(cls, values, kwnames)
        {
            return frame.map(Some);
        }
        let outcome = self.call_parked(frame_box, |vm| vm.call_value(callable, values, kwnames))?;
        match outcome {
            CallOutcome::Value(v) => {
                frame_box.push(v);
                Ok(None)
            }
            CallOutcome::Frame(f) => Ok(Some(f)),
        }
    }

    /// Run `call` with the calling frame parked on `self.callers`, where the frames it may
    /// run, and `sys._getframe`, find it as their caller (CPython's frames are always linked;
    /// here the running frame is the loop's own until it calls out). A spare frame stands in
    /// for it meanwhile.
    pub(crate) fn call_parked<T>(
        &mut self,
        frame_box: &mut Box<Frame>,
        call: impl FnOnce(&mut Vm) -> PyResult<T>,
    ) -> PyResult<T> {
        let spare = match self.spare_frame.take() {
            Some(f) => f,
            None => Box::new(Frame::new(
                frame_box.code.clone(),
                frame_box.globals.clone(),
                frame_box.builtins.clone(),
                None,
            )),
        };
        let running = std::mem::replace(frame_box, spare);
        self.callers.push(running);
        let depth = self.callers.len();
        let result = call(self);
        // Nested runs give back exactly the callers they pushed.
        match (self.callers.len() == depth)
            .then(|| self.callers.pop())
            .flatten()
        {
            Some(running) => {
                let spare = std::mem::replace(frame_box, running);
                self.spare_frame = Some(spare);
                result
            }
            None => Err(self.system_error("the frame stack changed across a call")),
        }
    }

    /// The common call of a Python function with exactly its positional parameters: the
    /// arguments move from the caller's stack straight into the callee's locals.
    #[inline]
    fn simple_call(&mut self, frame: &mut Frame, base: usize, argc: usize) -> Option<Box<Frame>> {
        let (Some(Value::Obj(func)), this) = (&frame.stack[base], &frame.stack[base + 1]) else {
            return None;
        };
        let has_self = this.is_some();
        let Payload::Function(f) = func.payload() else {
            return None;
        };
        let code_ref = f.code.borrow();
        let code = &*code_ref;
        let nargs = argc + has_self as usize;
        let flags = code.flags.0;
        let simple = flags
            & (taipan_bytecode::CodeFlags::VARARGS.0 | taipan_bytecode::CodeFlags::VARKEYWORDS.0)
            == 0
            && code.object.kwonlyargcount == 0
            && code.argcount() == nargs;
        if !simple {
            return None;
        }
        let mut callee = self.new_frame(code, &f.globals, &f.builtins, None);
        drop(code_ref);
        let first_arg = if has_self { base + 1 } else { base + 2 };
        for (slot, v) in callee
            .locals
            .iter_mut()
            .zip(frame.stack.drain_from(first_arg))
        {
            *slot = v;
        }
        // The function moves from its stack slot to the frame (no count taken).
        callee.function = frame.stack.take_callable(base);
        Some(callee)
    }

    /// Call, returning a frame instead of running it when the callee is a Python function.
    pub(crate) fn call_value(
        &mut self,
        callable: &Value,
        values: &[Value],
        kwnames: &[Value],
    ) -> PyResult<CallOutcome> {
        if let Value::Obj(o) = callable {
            match o.payload() {
                Payload::Function(_) => {
                    let f =
                        crate::eval::args::frame_for_call_boxed(self, o, Args { values, kwnames })?;
                    return Ok(CallOutcome::Frame(f));
                }
                Payload::BoundMethod {
                    func: Value::Obj(fo),
                    receiver,
                } if matches!(fo.payload(), Payload::Function(_)) => {
                    let mut all = Vec::with_capacity(values.len() + 1);
                    all.push(receiver.clone());
                    all.extend_from_slice(values);
                    let f = crate::eval::args::frame_for_call_boxed(
                        self,
                        fo,
                        Args {
                            values: &all,
                            kwnames,
                        },
                    )?;
                    return Ok(CallOutcome::Frame(f));
                }
                _ => {}
            }
        }
        if let Some(e) = self.check_signals() {
            return Err(e);
        }
        self.call(callable, Args { values, kwnames })
            .map(CallOutcome::Value)
    }

    /// `CALL_FUNCTION_EX`: `func(*callargs, **kwargs)`.
    pub(crate) fn call_function_ex(
        &mut self,
        frame: &Frame,
        func: Value,
        callargs: Value,
        kwargs: Option<Value>,
    ) -> PyResult<CallOutcome> {
        let mut values = match callargs.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => {
                let class = self.class_of(&callargs);
                if type_lookup(self, &class, &self.names.__iter__.clone()).is_none()
                    && type_lookup(self, &class, &self.names.__getitem__.clone()).is_none()
                {
                    return Err(self.type_error(format!(
                        "{} argument after * must be an iterable, not {}",
                        crate::builtins::callable_name(self, &func),
                        self.type_name(&callargs)
                    )));
                }
                self.collect(&callargs)?
            }
        };
        let mut kwnames = Vec::new();
        if let Some(kw) = kwargs {
            let Some(Payload::Dict(d)) = kw.payload() else {
                return Err(self.type_error(format!(
                    "{} argument after ** must be a mapping, not {}",
                    crate::builtins::callable_name(self, &func),
                    self.type_name(&kw)
                )));
            };
            let items = d.borrow().items();
            for (k, v) in items {
                if k.as_str_obj().is_none() {
                    return Err(self.type_error("keywords must be strings"));
                }
                kwnames.push(k);
                values.push(v);
            }
        }
        // `eval(*args)` and the like read the calling frame too (see `frame_locals`).
        if let Some(with_frame) = crate::frame_locals::frame_reader(&func) {
            let args = Args {
                values: &values,
                kwnames: &kwnames,
            };
            return with_frame(self, frame, args).map(CallOutcome::Value);
        }
        self.call_value(&func, &values, &kwnames)
    }

    /// `cls(...)` for a Python class whose instances are made by `object.__new__` and whose
    /// `__init__` is a Python function: the instance is made here and `__init__` runs as a
    /// pushed frame that gives the instance back (as CPython 3.13's
    /// `CALL_ALLOC_AND_ENTER_INIT`). `None` when the class needs the general path.
    pub(crate) fn init_frame(
        &mut self,
        cls: &Obj,
        values: &[Value],
        kwnames: &[Value],
    ) -> Option<PyResult<Box<Frame>>> {
        let Payload::Type(t) = cls.payload() else {
            return None;
        };
        if !t.heap
            || t.layout != crate::types::Layout::Object
            || t.abstract_methods.get()
            || !Vm::class_of_obj(&self.types, cls).is(&self.types.type_)
        {
            return None;
        }
        let object_new = type_lookup(self, &self.types.object, &self.names.__new__)?;
        if !type_lookup(self, cls, &self.names.__new__)?.is(&object_new) {
            return None;
        }
        let init = type_lookup(self, cls, &self.names.__init__)?;
        let Value::Obj(init) = init else { return None };
        if !matches!(init.payload(), Payload::Function(_)) {
            return None;
        }
        let instance = crate::objects::object::new_instance(self, cls);
        let mut all = Vec::with_capacity(values.len() + 1);
        all.push(instance.clone());
        all.extend_from_slice(values);
        let frame = crate::eval::args::frame_for_call_boxed(
            self,
            &init,
            Args {
                values: &all,
                kwnames,
            },
        );
        Some(frame.map(|mut f| {
            f.on_return = crate::frame::OnReturn::Init(instance);
            f
        }))
    }

    /// The method form of `LOAD_ATTR`: (function, self) when the attribute is a plain function
    /// found on the type (no bound method made), else (attribute, NULL).
    pub(crate) fn load_method(
        &mut self,
        owner: &Value,
        name: &Value,
        site: super::attr_cache::AttrSite<'_>,
    ) -> PyResult<(Value, Option<Value>)> {
        if let FastAttr::Found(v, this) = self.instance_attr_fast(owner, name, true, site) {
            return Ok((v, this));
        }
        let class = self.class_of(owner);
        let is_type = matches!(owner.payload(), Some(Payload::Type(_)));
        let plain_getattr = !type_object(&class).is_some_and(|t| t.heap)
            || type_lookup(self, &class, &self.names.__getattribute__.clone())
                .is_some_and(|g| matches!(g.payload(), Some(Payload::Native(_))));
        if !is_type
            && plain_getattr
            && let Some(f) = type_lookup(self, &class, name)
        {
            let unbound = match f.payload() {
                Some(Payload::Function(_)) => true,
                Some(Payload::Native(n)) => {
                    n.kind == crate::function::NativeKind::Method && n.receiver.is_none()
                }
                _ => false,
            };
            if unbound {
                // An instance attribute of the same name shadows the method.
                let shadowed = match attr::instance_dict(owner) {
                    Some(d) => mapping::dict_get(self, &d, name)?,
                    None => None,
                };
                match shadowed {
                    Some(v) => return Ok((v, None)),
                    None => return Ok((f, Some(owner.clone()))),
                }
            }
        }
        let v = attr::get_attr(self, owner, name)?;
        Ok((v, None))
    }

    /// `LOAD_SUPER_ATTR`: stack [global super, class, self] → attribute (and self/NULL in the
    /// method form).
    pub(crate) fn load_super_attr(
        &mut self,
        frame: &mut Frame,
        code: &crate::runtime_code::Code,
        oparg: u32,
    ) -> PyResult<()> {
        let this = frame.pop();
        let class = frame.pop();
        let global_super = frame.pop();
        let Some(name) = code.names.get((oparg >> 2) as usize).cloned() else {
            return Err(self.system_error("name index out of range"));
        };
        let sup = if global_super.is(&Value::Obj(self.types.super_.clone())) {
            crate::objects::super_::new_super(self, &class, &this)?
        } else {
            let args = if oparg & 2 != 0 {
                vec![class.clone(), this.clone()]
            } else {
                Vec::new()
            };
            self.call(&global_super, Args::new(&args))?
        };
        if oparg & 1 != 0 {
            // Method form: an unbound function with self, when super() finds a function.
            if let Value::Obj(so) = &sup
                && let Some((f, _)) = crate::objects::super_::super_find(self, so, &name)
                && matches!(f.payload(), Some(Payload::Function(_)))
            {
                frame.push(f);
                frame.push(this);
                return Ok(());
            }
            let v = attr::get_attr(self, &sup, &name)?;
            frame.push(v);
            frame.stack.push(None);
        } else {
            let v = attr::get_attr(self, &sup, &name)?;
            frame.push(v);
        }
        Ok(())
    }

    pub(crate) fn load_global(&mut self, frame: &Frame, name: &Value) -> PyResult {
        if let Some(v) = mapping::dict_get_str_value(self, &frame.globals, name) {
            return Ok(v);
        }
        if let Some(v) = mapping::dict_get_str_value(self, &frame.builtins, name) {
            return Ok(v);
        }
        let n = self.str_lossy(name);
        Err(self.name_error(&n))
    }

    pub(crate) fn load_builtin_name(&mut self, frame: &Frame, name: &str) -> PyResult {
        match mapping::dict_get_str(self, &frame.builtins, name) {
            Some(v) => Ok(v),
            None => Err(self.error(&self.exc.name_error.clone(), format!("{name} not found"))),
        }
    }

    /// Look `name` up in a locals mapping (a dict or any mapping).
    pub(crate) fn mapping_lookup(
        &mut self,
        mapping: &Value,
        name: &Value,
    ) -> PyResult<Option<Value>> {
        match mapping {
            Value::Obj(o) if matches!(o.payload(), Payload::Dict(_)) && o.dict().is_none() => {
                Ok(mapping::dict_get_str_value(self, o, name))
            }
            _ => match self.get_item(mapping, name) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.is_instance_of(&e.value(), &self.exc.key_error.clone()) => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    pub(crate) fn load_name(&mut self, frame: &Frame, name: &Value) -> PyResult {
        if let Some(locals) = &frame.locals_map {
            let locals = locals.clone();
            if let Some(v) = self.mapping_lookup(&locals, name)? {
                return Ok(v);
            }
        }
        self.load_global(frame, name)
    }

    pub(crate) fn store_name(&mut self, frame: &Frame, name: Value, v: Value) -> PyResult<()> {
        match &frame.locals_map {
            Some(Value::Obj(o))
                if matches!(o.payload(), Payload::Dict(_)) && o.dict().is_none() =>
            {
                mapping::dict_set_str_value(self, o, name, v);
                Ok(())
            }
            Some(m) => {
                let m = m.clone();
                self.set_item(&m, &name, v)
            }
            None => Err(self.system_error("no locals found when storing a name")),
        }
    }

    pub(crate) fn delete_name(&mut self, frame: &Frame, name: &Value) -> PyResult<()> {
        let Some(m) = frame.locals_map.clone() else {
            return Err(self.system_error("no locals when deleting a name"));
        };
        let missing = match &m {
            Value::Obj(o) if matches!(o.payload(), Payload::Dict(_)) => {
                mapping::dict_del(self, o, name)?.is_none()
            }
            _ => match self.del_item(&m, name) {
                Ok(()) => false,
                Err(e) if self.is_instance_of(&e.value(), &self.exc.key_error.clone()) => true,
                Err(e) => return Err(e),
            },
        };
        if missing {
            let n = self.str_lossy(name);
            return Err(self.name_error(&n));
        }
        Ok(())
    }

    pub(crate) fn load_deref(&mut self, frame: &Frame, i: usize) -> PyResult {
        if let Some(Some(Value::Obj(cell))) = frame.locals.get(i)
            && let Payload::Cell(c) = cell.payload()
            && let Some(v) = c.borrow().clone()
        {
            return Ok(v);
        }
        Err(super::unwind::unbound_deref(self, &frame.code, i))
    }

    /// `FOR_ITER`'s next step, fast for the built-in iterators.
    #[inline(always)]
    pub(crate) fn for_iter_next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // `for` over a range or a list, in the loop (CPython's `FOR_ITER_RANGE`,
        // `FOR_ITER_LIST`); the end of either, and everything else, by the general path.
        if let Value::Obj(o) = it
            && let Payload::Iterator(state) = o.payload()
            && let Ok(mut st) = state.try_borrow_mut()
        {
            match &mut *st {
                crate::object::IterState::Range { next, stop, step } => {
                    let cur = *next;
                    if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                        *next = cur.checked_add(*step).unwrap_or(*stop);
                        return Ok(Some(Value::Int(cur)));
                    }
                }
                crate::object::IterState::Seq { seq, index } => {
                    if let Some(Payload::List(l)) = seq.payload()
                        && let Some(v) = l.borrow().get(*index)
                    {
                        *index += 1;
                        return Ok(Some(v.clone()));
                    }
                }
                _ => {}
            }
        }
        self.next(it)
    }

    pub(crate) fn list_extend_op(&mut self, target: &Value, iterable: &Value) -> PyResult<()> {
        let class = self.class_of(iterable);
        let iterable_ok = matches!(
            iterable.payload(),
            Some(Payload::List(_) | Payload::Tuple(_))
        ) || type_lookup(self, &class, &self.names.__iter__.clone()).is_some()
            || type_lookup(self, &class, &self.names.__getitem__.clone()).is_some();
        if !iterable_ok {
            return Err(self.type_error(format!(
                "Value after * must be an iterable, not {}",
                self.type_name(iterable)
            )));
        }
        let items = self.collect(iterable)?;
        if let Some(Payload::List(l)) = target.payload() {
            l.borrow_mut().extend(items);
        }
        Ok(())
    }

    /// `DICT_UPDATE` (`{**a}`) and `DICT_MERGE` (`f(**a)`, which refuses repeated keys and
    /// names the function in its errors).
    pub(crate) fn dict_update_op(
        &mut self,
        target: &Value,
        update: &Value,
        func: Option<Value>,
    ) -> PyResult<()> {
        let Value::Obj(d) = target else { return Ok(()) };
        let items: Vec<(Value, Value)> = match update.payload() {
            Some(Payload::Dict(u)) => u.borrow().items(),
            _ => {
                let keys_name = self.names.keys.clone();
                match attr::get_attr_opt(self, update, &keys_name)? {
                    Some(keys) => {
                        let keys = self.call0(&keys)?;
                        let keys = self.collect(&keys)?;
                        let mut items = Vec::new();
                        for k in keys {
                            let v = self.get_item(update, &k)?;
                            items.push((k, v));
                        }
                        items
                    }
                    None => {
                        return Err(match &func {
                            Some(f) => self.type_error(format!(
                                "{} argument after ** must be a mapping, not {}",
                                crate::builtins::callable_name(self, f),
                                self.type_name(update)
                            )),
                            None => self.type_error(format!(
                                "'{}' object is not a mapping",
                                self.type_name(update)
                            )),
                        });
                    }
                }
            }
        };
        for (k, v) in items {
            if let Some(f) = &func {
                if k.as_str_obj().is_none() {
                    // CPython 3.13 names no function here.
                    return Err(self.type_error("keywords must be strings"));
                }
                if mapping::dict_get(self, d, &k)?.is_some() {
                    let kn = self.str_lossy(&k);
                    return Err(self.type_error(format!(
                        "{} got multiple values for keyword argument '{kn}'",
                        crate::builtins::callable_name(self, f)
                    )));
                }
            }
            mapping::dict_set(self, d, k, v)?;
        }
        Ok(())
    }

    /// `UNPACK_SEQUENCE` (`star` None) and `UNPACK_EX` (`star` = names after the starred one).
    pub(crate) fn unpack(
        &mut self,
        seq: &Value,
        before: usize,
        star: Option<usize>,
    ) -> PyResult<Vec<Value>> {
        let fast: Option<Vec<Value>> = match seq.payload() {
            Some(Payload::Tuple(t)) => Some(t.to_vec()),
            Some(Payload::List(l)) => Some(l.borrow().clone()),
            _ => None,
        };
        let items = match fast {
            Some(items) => items,
            None => {
                let class = self.class_of(seq);
                if type_lookup(self, &class, &self.names.__iter__.clone()).is_none()
                    && type_lookup(self, &class, &self.names.__getitem__.clone()).is_none()
                {
                    return Err(self.type_error(format!(
                        "cannot unpack non-iterable {} object",
                        self.type_name(seq)
                    )));
                }
                match star {
                    Some(_) => self.collect(seq)?,
                    None => {
                        // Stop after one more than needed, as CPython does.
                        let it = self.iter(seq)?;
                        let mut items = Vec::new();
                        while let Some(v) = self.next(&it)? {
                            items.push(v);
                            if items.len() > before {
                                return Err(self.value_error(format!(
                                    "too many values to unpack (expected {before})"
                                )));
                            }
                        }
                        items
                    }
                }
            }
        };
        match star {
            None => {
                if items.len() != before {
                    if items.len() < before {
                        return Err(self.value_error(format!(
                            "not enough values to unpack (expected {before}, got {})",
                            items.len()
                        )));
                    }
                    return Err(
                        self.value_error(format!("too many values to unpack (expected {before})"))
                    );
                }
                Ok(items)
            }
            Some(after) => {
                if items.len() < before + after {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let mut out = Vec::with_capacity(before + after + 1);
                out.extend_from_slice(&items[..before]);
                let mid = items[before..items.len() - after].to_vec();
                out.push(self.new_list(mid));
                out.extend_from_slice(&items[items.len() - after..]);
                Ok(out)
            }
        }
    }

    /// `super` with an explicit class object (used by `LOAD_SUPER_ATTR`).
    pub fn class_obj(&self, v: &Value) -> Option<Obj> {
        match v {
            Value::Obj(o) if matches!(o.payload(), Payload::Type(_)) => Some(o.clone()),
            _ => None,
        }
    }
}
