//! The object protocols every part of the runtime uses: `repr`, `str`, `hash`, truth,
//! iteration, subscription, `len`, `in`, `isinstance`/`issubclass`.

use crate::error::{PyErr, PyResult};
use crate::function::Args;
use crate::object::{IterState, Payload};
use crate::ops::attr::type_lookup;
use crate::ops::mapping;
use crate::types::type_object;
use crate::value::{Obj, Value};
use crate::vm::Vm;

impl Vm {
    /// `repr(v)` as a `str` value.
    pub fn repr(&mut self, v: &Value) -> PyResult {
        match v {
            Value::Str(_) => {
                let s = crate::objects::str::repr_of(v);
                // Bounded as every repr is (see below): a repr of a repr of … grows with each.
                self.check_text_len(s.len())?;
                Ok(self.new_string(s))
            }
            Value::Obj(_) => {
                let r = self.native_recursion(" while getting the repr of an object", |vm| {
                    let name = vm.names.__repr__.clone();
                    vm.call_special(v, &name, &[])
                });
                match r? {
                    // Every repr, not only the containers', is bounded by `max_text_len`:
                    // a repr built from nested reprs (a slice of slices) can double in size
                    // with each level.
                    Some(r) if r.as_str_obj().is_some() => {
                        if let Some(s) = r.as_str_obj() {
                            self.check_text_len(s.char_len())?;
                        }
                        Ok(r)
                    }
                    Some(r) => Err(self.type_error(format!(
                        "__repr__ returned non-string (type {})",
                        self.type_name(&r)
                    ))),
                    None => Ok(self.new_string("<object>".to_string())),
                }
            }
            _ => Ok(self.new_string(self.repr_immediate(v))),
        }
    }

    pub(crate) fn repr_immediate(&self, v: &Value) -> String {
        match v {
            Value::None => "None".to_owned(),
            Value::Bool(b) => if b.get() { "True" } else { "False" }.to_owned(),
            Value::Int(i) => i.to_string(),
            Value::Float(x) => taipan_text::float_repr(x.get()),
            Value::Obj(_) | Value::Str(_) => String::new(),
        }
    }

    /// `repr(v)` as a Rust string (lone surrogates replaced).
    pub fn repr_string(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr(v)?;
        Ok(self.str_lossy(&r))
    }

    /// `str(v)` as a `str` value.
    pub fn str(&mut self, v: &Value) -> PyResult {
        match v {
            Value::Str(_) => Ok(v.clone()),
            Value::Obj(_) => {
                let name = self.names.__str__.clone();
                match self.call_special(v, &name, &[])? {
                    Some(r) if r.as_str_obj().is_some() => Ok(r),
                    Some(r) => Err(self.type_error(format!(
                        "__str__ returned non-string (type {})",
                        self.type_name(&r)
                    ))),
                    None => self.repr(v),
                }
            }
            _ => Ok(self.new_string(self.repr_immediate(v))),
        }
    }

    /// `str(v)` as a Rust string.
    pub fn str_string(&mut self, v: &Value) -> PyResult<String> {
        let s = self.str(v)?;
        Ok(self.str_lossy(&s))
    }

    /// The text of a `str` value (lossy for lone surrogates); other values give their
    /// immediate repr or an empty string. For messages.
    pub fn str_lossy(&self, v: &Value) -> String {
        match v {
            Value::Str(s) => s.to_lossy().into_owned(),
            Value::Obj(o) => match o.payload() {
                Payload::StrSub(s) => s.to_lossy().into_owned(),
                _ => String::new(),
            },
            _ => self.repr_immediate(v),
        }
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(taipan_hash::hash_int(*i)),
            Value::Bool(b) => Ok(b.get() as i64),
            Value::None => Ok(taipan_hash::hash_none()),
            // A NaN hashes by identity, as CPython's; a float's identity is its bits.
            Value::Float(x) => Ok(taipan_hash::hash_float(x.get())
                .unwrap_or_else(|| (x.get().to_bits() >> 4) as i64 & i64::MAX)),
            Value::Str(s) => Ok(s.hash(&self.hash_secret)),
            Value::Obj(o) => match o.payload() {
                // An exact tuple (a dict key such as `(word, word)`): no method call.
                Payload::Tuple(items) if o.class_is(&self.types.tuple) => {
                    self.native_recursion("", |vm| crate::objects::tuple::hash_items(vm, items))
                }
                _ => {
                    let class = self.class_of(v);
                    match type_lookup(self, &class, &self.names.__hash__.clone()) {
                        Some(Value::None) | None => {
                            Err(self
                                .type_error(format!("unhashable type: '{}'", self.type_name(v))))
                        }
                        Some(f) => {
                            // Hashing a tuple hashes its items (CPython has no guard here and
                            // crashes on deep nesting).
                            let r =
                                self.native_recursion("", |vm| vm.call_method_value(&f, v, &[]))?;
                            match r {
                                Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                                Value::Bool(b) => Ok(b.get() as i64),
                                Value::Obj(ref ro) if matches!(ro.payload(), Payload::Int(_)) => {
                                    // A big int returned by __hash__ is reduced as hash(int).
                                    crate::objects::int::hash_value(self, &r)
                                }
                                _ => {
                                    Err(self.type_error("__hash__ method should return an integer"))
                                }
                            }
                        }
                    }
                }
            },
        }
    }

    /// `bool(v)`.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::None => Ok(false),
            Value::Bool(b) => Ok(b.get()),
            Value::Int(i) => Ok(*i != 0),
            Value::Float(x) => Ok(x.get() != 0.0),
            Value::Str(s) => Ok(s.char_len() != 0),
            Value::Obj(o) => {
                let class = Vm::class_of_obj(&self.types, o);
                let heap = type_object(&class).is_some_and(|t| t.heap);
                if !heap {
                    match o.payload() {
                        Payload::StrSub(s) => return Ok(s.char_len() != 0),
                        Payload::List(l) => return Ok(!l.borrow().is_empty()),
                        Payload::Tuple(t) => return Ok(!t.is_empty()),
                        Payload::Dict(d) => return Ok(!d.borrow().is_empty()),
                        Payload::Set(d) | Payload::FrozenSet(d) => {
                            return Ok(!d.borrow().is_empty());
                        }
                        Payload::Int(_) => return Ok(true),
                        Payload::Bytes(b) => return Ok(!b.is_empty()),
                        Payload::Function(_)
                        | Payload::Type(_)
                        | Payload::Module(_)
                        | Payload::Native(_) => {
                            return Ok(true);
                        }
                        _ => {}
                    }
                }
                if let Some(f) = type_lookup(self, &class, &self.names.__bool__.clone()) {
                    let r = self.call_method_value(&f, v, &[])?;
                    return match r {
                        Value::Bool(b) => Ok(b.get()),
                        _ => Err(self.type_error(format!(
                            "__bool__ should return bool, returned {}",
                            self.type_name(&r)
                        ))),
                    };
                }
                if let Some(f) = type_lookup(self, &class, &self.names.__len__.clone()) {
                    let r = self.call_method_value(&f, v, &[])?;
                    let n = self.len_result(&r)?;
                    return Ok(n != 0);
                }
                Ok(true)
            }
        }
    }

    fn len_result(&mut self, r: &Value) -> PyResult<usize> {
        match r {
            Value::Int(i) if *i >= 0 => Ok(*i as usize),
            Value::Bool(b) => Ok(b.get() as usize),
            Value::Int(_) => Err(self.value_error("__len__() should return >= 0")),
            Value::Obj(o) if matches!(o.payload(), Payload::Int(_)) => {
                let i = crate::objects::int::index_value(self, r)?;
                if i.sign() == num_bigint::Sign::Minus {
                    Err(self.value_error("__len__() should return >= 0"))
                } else {
                    Err(self.overflow_error("cannot fit 'int' into an index-sized integer"))
                }
            }
            _ => Err(self.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                self.type_name(r)
            ))),
        }
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        if let Value::Str(s) = v {
            return Ok(s.char_len());
        }
        if let Value::Obj(o) = v {
            match o.payload() {
                Payload::StrSub(s) => return Ok(s.char_len()),
                Payload::List(l) if o.dict().is_none() => return Ok(l.borrow().len()),
                Payload::Tuple(t) if o.dict().is_none() => return Ok(t.len()),
                Payload::Dict(d) if o.dict().is_none() => return Ok(d.borrow().len()),
                _ => {}
            }
        }
        let name = self.names.__len__.clone();
        match self.call_special(v, &name, &[])? {
            Some(r) => self.len_result(&r),
            None => Err(self.type_error(format!(
                "object of type '{}' has no len()",
                self.type_name(v)
            ))),
        }
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult {
        if let Some(it) = crate::objects::iter::native_iter(self, v) {
            return Ok(it);
        }
        let class = self.class_of(v);
        if let Some(f) = type_lookup(self, &class, &self.names.__iter__.clone()) {
            if f.is_none() {
                return Err(self.not_iterable(v));
            }
            let it = self.call_method_value(&f, v, &[])?;
            let it_class = self.class_of(&it);
            if type_lookup(self, &it_class, &self.names.__next__.clone()).is_none() {
                return Err(self.type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    self.type_name(&it)
                )));
            }
            return Ok(it);
        }
        if type_lookup(self, &class, &self.names.__getitem__.clone()).is_some() {
            return Ok(crate::objects::iter::new_iterator(
                self,
                &self.types.seq_iterator.clone(),
                IterState::GetItem {
                    obj: v.clone(),
                    index: 0,
                },
            ));
        }
        Err(self.not_iterable(v))
    }

    pub fn not_iterable(&self, v: &Value) -> PyErr {
        self.type_error(format!("'{}' object is not iterable", self.type_name(v)))
    }

    /// `next(it)`: `Ok(None)` when exhausted (a `StopIteration` is consumed).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        if let Value::Obj(o) = it {
            match o.payload() {
                Payload::Iterator(state) => {
                    return crate::objects::iter::next_native(self, o, state);
                }
                Payload::Generator(_) => return crate::objects::generator::next_generator(self, o),
                _ => {}
            }
        }
        let class = self.class_of(it);
        match type_lookup(self, &class, &self.names.__next__.clone()) {
            Some(f) => match self.call_method_value(&f, it, &[]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.is_instance_of(&e.value(), &self.exc.stop_iteration.clone()) => {
                    Ok(None)
                }
                Err(e) => Err(e),
            },
            None => Err(self.type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(it)
            ))),
        }
    }

    /// Every item of an iterable.
    pub fn collect(&mut self, iterable: &Value) -> PyResult<Vec<Value>> {
        if let Value::Obj(o) = iterable
            && o.dict().is_none()
        {
            match o.payload() {
                Payload::List(l) => return Ok(l.borrow().clone()),
                Payload::Tuple(t) => return Ok(t.to_vec()),
                _ => {}
            }
        }
        // Sized first when the length is known without running Python code (CPython's
        // `list()` asks `__length_hint__`), else grown as a list grows.
        let mut out = Vec::with_capacity(native_len(iterable).unwrap_or(0));
        let it = self.iter(iterable)?;
        while let Some(v) = self.next(&it)? {
            crate::objects::list::push(&mut out, v);
        }
        Ok(out)
    }

    /// `obj[key]`.
    pub fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult {
        if let Some(r) = crate::objects::list::fast_get_item(self, obj, key) {
            return r;
        }
        // An exact dict: no method lookup or argument parsing (CPython's `BINARY_SUBSCR_DICT`).
        if let Value::Obj(o) = obj
            && let Payload::Dict(_) = o.payload()
            && o.class_is(&self.types.dict)
        {
            return match mapping::dict_get(self, o, key)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(key.clone())),
            };
        }
        // An exact list sliced: no method lookup or argument parsing.
        if let (Value::Obj(o), Some(Payload::Slice { .. })) = (obj, key.payload())
            && let Payload::List(l) = o.payload()
            && o.class_is(&self.types.list)
        {
            return crate::objects::list::get_slice(self, l, key);
        }
        let class = self.class_of(obj);
        if let Some(f) = type_lookup(self, &class, &self.names.__getitem__.clone()) {
            return self.call_method_value(&f, obj, &[key.clone()]);
        }
        if let Value::Obj(o) = obj
            && let Payload::Type(_) = o.payload()
        {
            if let Some(f) =
                crate::ops::attr::type_lookup(self, o, &self.names.__class_getitem__.clone())
            {
                let f = crate::ops::attr::bind(self, f, None, o)?;
                let f = match f.payload() {
                    Some(Payload::Function(_)) => self.new_bound_method(f, obj.clone()),
                    _ => f,
                };
                return self.call(&f, Args::new(&[key.clone()]));
            }
            if o.is(&self.types.type_) {
                return Ok(crate::objects::typing::generic_alias(
                    self,
                    obj.clone(),
                    key.clone(),
                ));
            }
            return Err(self.type_error(format!(
                "type '{}' is not subscriptable",
                crate::types::type_name(o)
            )));
        }
        Err(self.type_error(format!(
            "'{}' object is not subscriptable",
            self.type_name(obj)
        )))
    }

    /// `obj[key] = value`.
    pub fn set_item(&mut self, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
        if let Some(r) = crate::objects::list::fast_set_item(self, obj, key, &value) {
            return r;
        }
        if let (Value::Obj(o), Some(Payload::Slice { .. })) = (obj, key.payload())
            && let Payload::List(l) = o.payload()
            && o.class_is(&self.types.list)
        {
            return crate::objects::list::set_slice(self, l, key, &value);
        }
        // An exact dict (CPython's `STORE_SUBSCR_DICT`).
        if let Value::Obj(o) = obj
            && let Payload::Dict(_) = o.payload()
            && o.class_is(&self.types.dict)
        {
            return mapping::dict_set(self, o, key.clone(), value);
        }
        let class = self.class_of(obj);
        match type_lookup(self, &class, &self.names.__setitem__.clone()) {
            Some(f) => {
                self.call_method_value(&f, obj, &[key.clone(), value])?;
                Ok(())
            }
            None => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    /// `del obj[key]`.
    pub fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        let class = self.class_of(obj);
        match type_lookup(self, &class, &self.names.__delitem__.clone()) {
            Some(f) => {
                self.call_method_value(&f, obj, &[key.clone()])?;
                Ok(())
            }
            None => Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                self.type_name(obj)
            ))),
        }
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Value::Obj(o) = container {
            match o.payload() {
                Payload::Dict(_) if o.dict().is_none() => {
                    return crate::ops::mapping::contains(self, o, item);
                }
                Payload::Set(_) | Payload::FrozenSet(_) if o.dict().is_none() => {
                    // A set operand is looked up as a frozenset (`set_contains_key`).
                    return crate::objects::set::contains(self, container, item);
                }
                _ => {}
            }
        }
        let class = self.class_of(container);
        if let Some(f) = type_lookup(self, &class, &self.names.__contains__.clone()) {
            let r = self.call_method_value(&f, container, &[item.clone()])?;
            return self.truthy(&r);
        }
        if type_lookup(self, &class, &self.names.__iter__.clone()).is_none()
            && type_lookup(self, &class, &self.names.__getitem__.clone()).is_none()
        {
            return Err(self.type_error(format!(
                "argument of type '{}' is not iterable",
                self.type_name(container)
            )));
        }
        let it = self.iter(container)?;
        while let Some(v) = self.next(&it)? {
            if self.eq(&v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `issubclass(sub, sup)` by MRO (no `__subclasscheck__`).
    pub fn is_subclass(&self, sub: &Obj, sup: &Obj) -> bool {
        if sub.is(sup) {
            return true;
        }
        match type_object(sub) {
            Some(t) => t.mro.borrow().iter().any(|c| c.is(sup)),
            None => false,
        }
    }

    /// `isinstance(v, class)` by MRO (no `__instancecheck__`).
    pub fn is_instance_of(&self, v: &Value, class: &Obj) -> bool {
        let c = self.class_of(v);
        self.is_subclass(&c, class)
    }
}

/// The length of an exact built-in container, known without running Python code (a size hint:
/// the container may change while it is iterated).
fn native_len(v: &Value) -> Option<usize> {
    match v {
        Value::Str(s) => Some(s.char_len()),
        Value::Obj(o) if o.dict().is_none() => match o.payload() {
            Payload::Dict(d) => Some(d.borrow().len()),
            Payload::Set(t) | Payload::FrozenSet(t) => Some(t.borrow().len()),
            Payload::DictView { dict, .. } => match dict.payload() {
                Payload::Dict(d) => Some(d.borrow().len()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}
