//! `type`: calling a class, creating classes (`type.__new__`, the `class` statement's last
//! step), and the attribute rules of classes.

use crate::argparse;
use crate::error::PyResult;
use crate::function::{Args, NativeKind};
use crate::object::Payload;
use crate::objects::{method, set_type_attr, staticmethod};
use crate::ops::attr::type_lookup;
use crate::ops::mapping;
use crate::types::{Layout, TypeObject, type_name, type_object};
use crate::value::{Obj, Value};
use crate::vm::Vm;

pub(crate) fn init(vm: &mut Vm) {
    let t = vm.types.type_.clone();
    staticmethod(vm, &t, "__new__", type_new_native);
    method(vm, &t, "__init__", type_init);
    method(vm, &t, "__call__", type_call_native);
    method(vm, &t, "__repr__", type_repr);
    method(vm, &t, "mro", type_mro);
    method(vm, &t, "__subclasses__", type_subclasses);
    method(vm, &t, "__instancecheck__", type_instancecheck);
    method(vm, &t, "__subclasscheck__", type_subclasscheck);
    method(vm, &t, "__dir__", type_dir);
    method(vm, &t, "__or__", type_or);
    method(vm, &t, "__ror__", type_ror);
    method(vm, &t, "__sizeof__", type_sizeof);
    crate::objects::classmethod(vm, &t, "__prepare__", type_prepare);
}

/// `module.qualname` for reprs (`__main__.Point`), just `qualname` for built-ins.
pub fn qualified_name(vm: &mut Vm, cls: &Obj) -> String {
    let Some(t) = type_object(cls) else {
        return "?".to_owned();
    };
    let qualname = t.qualname.borrow().clone();
    let module = mapping::table_get_str(vm, &t.dict.borrow(), &vm.names.__module__.clone());
    match module {
        Some(m) => {
            let m = vm.str_lossy(&m);
            if m == "builtins" || m.is_empty() {
                qualname
            } else {
                format!("{m}.{qualname}")
            }
        }
        None => qualname,
    }
}

fn type_repr(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__repr__", 0, 0)?;
    let Value::Obj(cls) = this else {
        return Ok(vm.new_str("<class ?>"));
    };
    let name = qualified_name(vm, cls);
    Ok(vm.new_string(format!("<class '{name}'>")))
}

/// Calling a class: `type(x)`, or `cls.__new__(cls, …)` then `__init__`.
pub fn type_call(vm: &mut Vm, cls: &Obj, args: Args<'_>) -> PyResult {
    let meta = Vm::class_of_obj(&vm.types, cls);
    if !meta.is(&vm.types.type_) {
        // A metaclass may override __call__.
        if let Some(call) = type_lookup(vm, &meta, &vm.names.__call__.clone())
            && !matches!(call.payload(), Some(Payload::Native(_)))
        {
            let mut values = vec![Value::Obj(cls.clone())];
            values.extend_from_slice(args.values);
            return vm.call(
                &call,
                Args {
                    values: &values,
                    kwnames: args.kwnames,
                },
            );
        }
    }
    type_call_default(vm, cls, args)
}

fn type_call_native(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let Some((Value::Obj(cls), _)) = args.positional().split_first() else {
        return Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument"));
    };
    let cls = cls.clone();
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    type_call_default(vm, &cls, rest)
}

fn type_call_default(vm: &mut Vm, cls: &Obj, args: Args<'_>) -> PyResult {
    if cls.is(&vm.types.type_) && args.values.len() == 1 && !args.has_keywords() {
        return Ok(Value::Obj(vm.class_of(&args.values[0])));
    }
    let Some(new) = type_lookup(vm, cls, &vm.names.__new__.clone()) else {
        return Err(vm.type_error(format!("cannot create '{}' instances", type_name(cls))));
    };
    let mut values = Vec::with_capacity(args.values.len() + 1);
    values.push(Value::Obj(cls.clone()));
    values.extend_from_slice(args.values);
    let new = match &new {
        Value::Obj(o) => match o.payload() {
            Payload::StaticMethod(f) => f.clone(),
            _ => new.clone(),
        },
        _ => new,
    };
    let obj = vm.call(
        &new,
        Args {
            values: &values,
            kwnames: args.kwnames,
        },
    )?;
    // `type(name, bases, ns)` returns a class that is initialised by type.__init__ (a no-op).
    let obj_class = vm.class_of(&obj);
    if !vm.is_subclass(&obj_class, cls) {
        return Ok(obj);
    }
    if let Some(init) = type_lookup(vm, &obj_class, &vm.names.__init__.clone()) {
        let mut values = Vec::with_capacity(args.values.len() + 1);
        values.push(obj.clone());
        values.extend_from_slice(args.values);
        let r = vm.call(
            &init,
            Args {
                values: &values,
                kwnames: args.kwnames,
            },
        )?;
        if !r.is_none() {
            return Err(vm.type_error(format!(
                "__init__() should return None, not '{}'",
                vm.type_name(&r)
            )));
        }
    }
    Ok(obj)
}

fn type_init(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let n = args.positional().len();
    if n != 2 && n != 4 {
        return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

fn type_prepare(vm: &mut Vm, _args: Args<'_>) -> PyResult {
    Ok(Value::Obj(vm.new_dict()))
}

fn type_new_native(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let pos = args.positional();
    let Some(Value::Obj(meta)) = pos.first() else {
        return Err(vm.type_error("type.__new__(): not enough arguments"));
    };
    if pos.len() == 2 && meta.is(&vm.types.type_) && !args.has_keywords() {
        return Ok(Value::Obj(vm.class_of(&pos[1])));
    }
    if pos.len() != 4 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let name = match pos[1].as_str_obj() {
        Some(s) => s.to_lossy().into_owned(),
        _ => {
            return Err(vm.type_error(format!(
                "type.__new__() argument 1 must be str, not {}",
                vm.type_name(&pos[1])
            )));
        }
    };
    let bases = match pos[2].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => {
            return Err(vm.type_error(format!(
                "type.__new__() argument 2 must be tuple, not {}",
                vm.type_name(&pos[2])
            )));
        }
    };
    let Value::Obj(ns) = &pos[3] else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            vm.type_name(&pos[3])
        )));
    };
    if !matches!(ns.payload(), Payload::Dict(_)) {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            vm.type_name(&pos[3])
        )));
    }
    let kwargs: Vec<(Value, Value)> = args
        .keywords()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    new_class(vm, meta, &name, bases, ns, &kwargs)
}

/// Create a class: `type.__new__(meta, name, bases, ns, **kwargs)`.
pub fn new_class(
    vm: &mut Vm,
    meta: &Obj,
    name: &str,
    bases: Vec<Value>,
    ns: &Obj,
    kwargs: &[(Value, Value)],
) -> PyResult {
    // The most derived metaclass among the bases' metaclasses (computed over every base
    // first, as CPython's `_PyType_CalculateMetaclass`: `type('X', (5,), {})` is a conflict).
    let mut winner = meta.clone();
    for b in &bases {
        let bm = vm.class_of(b);
        if vm.is_subclass(&winner, &bm) {
            continue;
        }
        if vm.is_subclass(&bm, &winner) {
            winner = bm;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    // The bases, each a class that allows subclassing.
    let mut base_objs = Vec::new();
    for b in &bases {
        match b {
            Value::Obj(o) if matches!(o.payload(), Payload::Type(_)) => {
                let t = type_object(o).expect("checked");
                if !t.basetype {
                    return Err(vm.type_error(format!(
                        "type '{}' is not an acceptable base type",
                        t.name()
                    )));
                }
                base_objs.push(o.clone());
            }
            _ => {
                return Err(vm.type_error("bases must be types"));
            }
        }
    }
    if !winner.is(meta) {
        // A more derived metaclass defines its own __new__: let it create the class.
        if let Some(new) = type_lookup(vm, &winner, &vm.names.__new__.clone()) {
            let is_type_new = matches!(new.payload(), Some(Payload::Native(n)) if n.owner.as_ref().is_some_and(|o| o.is(&vm.types.type_)));
            if !is_type_new {
                let tuple = vm.new_tuple(bases.clone());
                let mut values = vec![
                    Value::Obj(winner.clone()),
                    vm.new_str(name),
                    tuple,
                    Value::Obj(ns.clone()),
                ];
                let mut kwnames = Vec::new();
                for (k, v) in kwargs {
                    kwnames.push(k.clone());
                    values.push(v.clone());
                }
                let new = match new.payload() {
                    Some(Payload::StaticMethod(f)) => f.clone(),
                    _ => new,
                };
                return vm.call(
                    &new,
                    Args {
                        values: &values,
                        kwnames: &kwnames,
                    },
                );
            }
        }
    }
    let meta = winner;
    if base_objs.is_empty() {
        base_objs.push(vm.types.object.clone());
    }
    // The solid base decides the instance layout.
    let mut layout = Layout::Object;
    for b in &base_objs {
        if let Some(bt) = type_object(b)
            && bt.layout != Layout::Object
        {
            if layout != Layout::Object
                && layout != bt.layout
                && !layouts_compatible(layout, bt.layout)
            {
                return Err(vm.type_error("multiple bases have instance lay-out conflict"));
            }
            if layout == Layout::Object || layouts_compatible(bt.layout, layout) {
                layout = bt.layout;
            }
        }
    }
    let mut t = TypeObject::new(name, base_objs.clone(), layout, true);
    // Namespace: a copy of `ns`.
    let items = match ns.payload() {
        Payload::Dict(d) => d.borrow().items(),
        _ => Vec::new(),
    };
    {
        let mut dict = t.dict.borrow_mut();
        for (k, v) in &items {
            let h = vm.hash(k)?;
            dict.push(h, k.clone(), v.clone());
        }
    }
    // __slots__.
    let slots_name = vm.names.__slots__.clone();
    let slots_value = mapping::table_get_str(vm, &t.dict.borrow(), &slots_name);
    let mut inherited_slots: Vec<String> = Vec::new();
    let mut bases_have_dict = false;
    for b in &base_objs {
        if let Some(bt) = type_object(b) {
            for s in bt.slot_names.borrow().iter() {
                if !inherited_slots.contains(s) {
                    inherited_slots.push(s.clone());
                }
            }
            if bt.instance_dict && bt.heap {
                bases_have_dict = true;
            }
            if bt.layout == Layout::Exception {
                bases_have_dict = true;
            }
        }
    }
    let mut own_slots: Vec<String> = Vec::new();
    let (mut dict_slot, mut weakref_slot) = (false, false);
    match &slots_value {
        Some(sv) => {
            let names: Vec<Value> = match sv.as_str_obj() {
                Some(_) => vec![sv.clone()],
                _ => vm.collect(sv)?,
            };
            let mut wants_dict = false;
            for n in names {
                let Some(s) = n.as_str_obj() else {
                    return Err(vm.type_error(format!(
                        "__slots__ items must be strings, not '{}'",
                        vm.type_name(&n)
                    )));
                };
                let s = s.to_lossy().into_owned();
                if s == "__dict__" {
                    wants_dict = true;
                    dict_slot = true;
                    continue;
                }
                if s == "__weakref__" {
                    weakref_slot = true;
                    continue;
                }
                if own_slots.contains(&s) {
                    continue;
                }
                // As CPython: a slot may not shadow a class attribute of the same name.
                if mapping::table_get_str(vm, &t.dict.borrow(), &n).is_some() {
                    return Err(vm.error(
                        &vm.exc.value_error.clone(),
                        format!("'{s}' in __slots__ conflicts with class variable"),
                    ));
                }
                own_slots.push(s);
            }
            t.instance_dict = wants_dict || bases_have_dict;
        }
        None => t.instance_dict = true,
    }
    if layout != Layout::Object && layout != Layout::Exception {
        // Subclasses of built-ins other than object keep their dict in the box.
        t.instance_dict = t.instance_dict || slots_value.is_none();
    }
    let mut all_slots = inherited_slots.clone();
    let first_own = all_slots.len();
    all_slots.extend(own_slots.iter().cloned());
    *t.slot_names.borrow_mut() = all_slots;
    // Qualname, module.
    let qualname_key = vm.names.__qualname__.clone();
    if let Some(q) = mapping::table_get_str(vm, &t.dict.borrow(), &qualname_key) {
        match q.as_str_obj() {
            Some(s) => *t.qualname.borrow_mut() = s.to_lossy().into_owned(),
            _ => {
                return Err(vm.type_error(format!(
                    "type __qualname__ must be a str, not {}",
                    vm.type_name(&q)
                )));
            }
        }
    }
    // MRO.
    let mut seqs: Vec<Vec<Obj>> = base_objs
        .iter()
        .map(|b| {
            type_object(b)
                .map(|bt| bt.mro.borrow().clone())
                .unwrap_or_default()
        })
        .collect();
    seqs.push(base_objs.clone());
    let merged = c3_merge_checked(vm, &base_objs, seqs)?;
    let cls = Obj::new(meta.clone(), Payload::Type(Box::new(t)));
    // A new class may reuse a freed one's address: cached lookups must not outlive that.
    vm.types_changed();
    vm.register_heap_type(&cls);
    {
        let t = type_object(&cls).expect("just made");
        let mut mro = vec![cls.clone()];
        mro.extend(merged);
        *t.mro.borrow_mut() = mro;
        for b in &base_objs {
            if let Some(bt) = type_object(b) {
                bt.subclasses
                    .borrow_mut()
                    .push(std::rc::Rc::downgrade(&cls.0));
            }
        }
    }
    // Member descriptors for the new slots.
    for (i, s) in own_slots.iter().enumerate() {
        let name_obj = vm.intern(s);
        let member = Value::Obj(Obj::new(
            vm.types.member_descriptor.clone(),
            Payload::Member {
                name: name_obj,
                index: first_own + i,
                owner: cls.clone(),
            },
        ));
        set_type_attr(vm, &cls, s, member);
    }
    // `__module__` from the caller's globals when absent.
    if mapping::table_get_str(
        vm,
        &type_object(&cls).expect("type").dict.borrow(),
        &vm.names.__module__.clone(),
    )
    .is_none()
        && let Some(m) = vm.current_module_name()
    {
        set_type_attr(vm, &cls, "__module__", m);
    }
    // Special methods that are implicitly class or static methods.
    for (name, wrap) in [
        ("__init_subclass__", true),
        ("__class_getitem__", true),
        ("__new__", false),
    ] {
        let key = vm.intern(name);
        let v = mapping::table_get_str(vm, &type_object(&cls).expect("type").dict.borrow(), &key);
        if let Some(v) = v
            && matches!(v.payload(), Some(Payload::Function(_)))
        {
            let wrapped = if wrap {
                Value::Obj(Obj::new(
                    vm.types.classmethod.clone(),
                    Payload::ClassMethod(v),
                ))
            } else {
                Value::Obj(Obj::new(
                    vm.types.staticmethod.clone(),
                    Payload::StaticMethod(v),
                ))
            };
            set_type_attr(vm, &cls, name, wrapped);
        }
    }
    // `__eq__` without `__hash__` makes instances unhashable.
    {
        let t = type_object(&cls).expect("type");
        let has_eq =
            mapping::table_get_str(vm, &t.dict.borrow(), &vm.names.__eq__.clone()).is_some();
        let has_hash =
            mapping::table_get_str(vm, &t.dict.borrow(), &vm.names.__hash__.clone()).is_some();
        if has_eq && !has_hash {
            set_type_attr(vm, &cls, "__hash__", Value::None);
        }
    }
    // Remove `__classcell__` from the namespace and fill the cell.
    let classcell = vm.names.__classcell__.clone();
    let cell = mapping::table_get_str(
        vm,
        &type_object(&cls).expect("type").dict.borrow(),
        &classcell,
    );
    if let Some(cell) = cell {
        match cell.payload() {
            Some(Payload::Cell(c)) => {
                *c.borrow_mut() = Some(Value::Obj(cls.clone()));
            }
            _ => {
                return Err(vm.type_error(format!(
                    "__classcell__ must be a nonlocal cell, not {}",
                    vm.type_class_repr(&cell)
                )));
            }
        }
        remove_type_attr(vm, &cls, &classcell);
    }
    crate::objects::getset_descr::finish_class_namespace(
        vm,
        &cls,
        slots_value.is_some(),
        dict_slot,
        weakref_slot,
    );
    crate::objects::abc::update_abstract(vm, &cls)?;
    // __set_name__ on descriptors.
    let items = match type_object(&cls) {
        Some(t) => t.dict.borrow().items(),
        None => Vec::new(),
    };
    let set_name = vm.names.__set_name__.clone();
    for (k, v) in items {
        if let Value::Obj(_) = &v {
            let vclass = vm.class_of(&v);
            if let Some(f) = type_lookup(vm, &vclass, &set_name)
                && let Err(e) = vm.call_method_value(&f, &v, &[Value::Obj(cls.clone()), k.clone()])
            {
                let desc = vm.repr_string(&v)?;
                let kn = vm.repr_string(&k)?;
                let cn = type_name(&cls);
                crate::objects::exception::add_note_str(
                    vm,
                    &e.value(),
                    &format!(
                        "Error calling __set_name__ on '{}' instance {} in '{cn}'",
                        vm.type_name(&v),
                        kn
                    ),
                );
                let _ = desc;
                return Err(e);
            }
        }
    }
    // super(cls, cls).__init_subclass__(**kwargs)
    let parent = type_object(&cls).and_then(|t| t.mro.borrow().get(1).cloned());
    if let Some(parent) = parent
        && let Some(f) = type_lookup(vm, &parent, &vm.names.__init_subclass__.clone())
    {
        let bound = crate::ops::attr::bind(vm, f, None, &cls)?;
        let bound = match bound.payload() {
            Some(Payload::Function(_)) => vm.new_bound_method(bound, Value::Obj(cls.clone())),
            Some(Payload::Native(n))
                if n.kind == NativeKind::ClassMethod && n.receiver.is_none() =>
            {
                vm.new_bound_native(bound.as_obj().expect("obj"), Value::Obj(cls.clone()))
            }
            _ => bound,
        };
        let mut values = Vec::new();
        let mut kwnames = Vec::new();
        for (k, v) in kwargs {
            kwnames.push(k.clone());
            values.push(v.clone());
        }
        vm.call(
            &bound,
            Args {
                values: &values,
                kwnames: &kwnames,
            },
        )?;
    }
    Ok(Value::Obj(cls))
}

/// C3 linearisation of the bases' MROs followed by the bases, with CPython's errors: a base
/// listed twice is `duplicate base class X`; an impossible merge names the heads of the
/// sequences still unmerged, each once, in sequence order.
fn c3_merge_checked(vm: &Vm, bases: &[Obj], mut seqs: Vec<Vec<Obj>>) -> PyResult<Vec<Obj>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|o| o.is(b)) {
            return Err(vm.type_error(format!("duplicate base class {}", type_name(b))));
        }
    }
    let mut result = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(result);
        }
        let candidate = seqs
            .iter()
            .filter_map(|s| s.first())
            .find(|head| !seqs.iter().any(|s| s.iter().skip(1).any(|o| o.is(head))));
        let Some(head) = candidate.cloned() else {
            let mut heads: Vec<Obj> = Vec::new();
            for h in seqs.iter().filter_map(|s| s.first()) {
                if !heads.iter().any(|o| o.is(h)) {
                    heads.push(h.clone());
                }
            }
            let names: Vec<String> = heads.iter().map(type_name).collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for seq in seqs.iter_mut() {
            if seq.first().is_some_and(|o| o.is(&head)) {
                seq.remove(0);
            }
        }
        result.push(head);
    }
}

fn layouts_compatible(sub: Layout, sup: Layout) -> bool {
    matches!((sub, sup), (Layout::Bool, Layout::Int)) || sub == sup
}

fn remove_type_attr(vm: &mut Vm, cls: &Obj, name: &Value) {
    if let Some(t) = type_object(cls) {
        let found = {
            let d = t.dict.borrow();
            let Some(s) = name.as_str_obj() else {
                return;
            };
            match d.probe(s.hash(vm.hash_secret()), name, mapping::native_eq) {
                crate::dict::Probe::Found(i) => Some(i),
                _ => None,
            }
        };
        if let Some(i) = found {
            t.dict.borrow_mut().remove_at(i);
            vm.types_changed();
        }
    }
}

/// `setattr(cls, name, value)` / `delattr(cls, name)` on a class.
pub fn type_set_attr(
    vm: &mut Vm,
    cls: &Obj,
    t: &TypeObject,
    name: &Value,
    value: Option<Value>,
) -> PyResult<()> {
    let meta = Vm::class_of_obj(&vm.types, cls);
    if let Some(attr) = type_lookup(vm, &meta, name)
        && crate::ops::attr::is_data_descriptor(vm, &attr)
    {
        if crate::ops::attr::descriptor_set(
            vm,
            &attr,
            &Value::Obj(cls.clone()),
            name,
            value.clone(),
        )? {
            return Ok(());
        }
        if let Some(r) = crate::objects::getset::native_set_attribute(
            vm,
            &Value::Obj(cls.clone()),
            name,
            value.clone(),
        )? {
            return Ok(r);
        }
    }
    if !t.heap {
        let n = vm.str_lossy(name);
        return Err(vm.type_error(format!(
            "cannot set '{n}' attribute of immutable type '{}'",
            t.name()
        )));
    }
    if let Some(r) = crate::objects::getset::native_set_attribute(
        vm,
        &Value::Obj(cls.clone()),
        name,
        value.clone(),
    )? {
        return Ok(r);
    }
    match value {
        Some(v) => {
            let h = vm.hash(name)?;
            {
                let mut d = t.dict.borrow_mut();
                match d.probe(h, name, mapping::native_eq) {
                    crate::dict::Probe::Found(i) => {
                        d.set_value(i, v);
                    }
                    _ => d.push(h, name.clone(), v),
                }
            }
            vm.types_changed();
            crate::objects::abc::update_abstract(vm, cls)?;
            Ok(())
        }
        None => {
            let found = {
                let d = t.dict.borrow();
                let h = match name.as_str_obj() {
                    Some(s) => s.hash(vm.hash_secret()),
                    _ => 0,
                };
                match d.probe(h, name, mapping::native_eq) {
                    crate::dict::Probe::Found(i) => Some(i),
                    _ => None,
                }
            };
            match found {
                Some(i) => {
                    t.dict.borrow_mut().remove_at(i);
                    vm.types_changed();
                    Ok(())
                }
                None => {
                    let n = vm.str_lossy(name);
                    Err(vm.attribute_error(format!(
                        "type object '{}' has no attribute '{n}'",
                        t.name()
                    )))
                }
            }
        }
    }
}

/// Every attribute name along a class's MRO (for `dir()`).
pub fn all_attribute_names(vm: &Vm, cls: &Obj) -> Vec<Value> {
    let _ = vm;
    let mut out = Vec::new();
    if let Some(t) = type_object(cls) {
        for c in t.mro.borrow().iter() {
            if let Some(ct) = type_object(c) {
                out.extend(ct.dict.borrow().keys());
            }
        }
    }
    out
}

fn type_mro(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "mro", 0, 0)?;
    let Value::Obj(cls) = this else {
        return Ok(vm.new_list(Vec::new()));
    };
    let mro: Vec<Value> = type_object(cls)
        .map(|t| {
            t.mro
                .borrow()
                .iter()
                .map(|c| Value::Obj(c.clone()))
                .collect()
        })
        .unwrap_or_default();
    Ok(vm.new_list(mro))
}

fn type_subclasses(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__subclasses__", 0, 0)?;
    let Value::Obj(cls) = this else {
        return Ok(vm.new_list(Vec::new()));
    };
    let subs: Vec<Value> = type_object(cls)
        .map(|t| {
            t.subclasses
                .borrow()
                .iter()
                .filter_map(|w| w.upgrade())
                .map(|rc| Value::Obj(Obj(rc)))
                .collect()
        })
        .unwrap_or_default();
    Ok(vm.new_list(subs))
}

fn type_instancecheck(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__instancecheck__", 1, 1)?;
    let Value::Obj(cls) = this else {
        return Ok(Value::FALSE);
    };
    let mut r = vm.is_instance_of(&rest[0], cls);
    if !r {
        // `__class__` may differ from type() (proxies): check it too.
        let class_name = vm.names.__class__.clone();
        if let Ok(Some(Value::Obj(c))) = crate::ops::attr::get_attr_opt(vm, &rest[0], &class_name) {
            r = vm.is_subclass(&c, cls);
        }
    }
    Ok(Value::bool(r))
}

fn type_subclasscheck(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__subclasscheck__", 1, 1)?;
    let (Value::Obj(cls), Value::Obj(sub)) = (this, &rest[0]) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    if !matches!(sub.payload(), Payload::Type(_)) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    Ok(Value::bool(vm.is_subclass(sub, cls)))
}

fn type_dir(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, _) = argparse::method_args(vm, &args, "__dir__", 0, 0)?;
    let Value::Obj(cls) = this else {
        return Ok(vm.new_list(Vec::new()));
    };
    let names = all_attribute_names(vm, cls);
    let set = crate::objects::set::new_set(vm, names)?;
    let list = vm.collect(&set)?;
    Ok(vm.new_list(list))
}

fn type_or(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__or__", 1, 1)?;
    crate::objects::typing::union(vm, this.clone(), rest[0].clone())
}

fn type_ror(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (this, rest) = argparse::method_args(vm, &args, "__ror__", 1, 1)?;
    crate::objects::typing::union(vm, rest[0].clone(), this.clone())
}

fn type_sizeof(vm: &mut Vm, _args: Args<'_>) -> PyResult {
    let _ = vm;
    Ok(Value::Int(920))
}

impl Vm {
    /// `__name__` of the module whose code is running (for `__module__` of new classes).
    pub fn current_module_name(&self) -> Option<Value> {
        self.current_globals()
            .and_then(|g| mapping::dict_get_str(self, &g, "__name__"))
    }

    /// `<class 'X'>` of a value's type, for messages.
    pub fn type_class_repr(&self, v: &Value) -> String {
        format!("<class '{}'>", self.type_name(v))
    }
}

/// Make a plain heap class from Rust (used for internal helper classes).
pub fn make_class(vm: &mut Vm, name: &str, bases: Vec<Value>) -> PyResult<Obj> {
    let ns = vm.new_dict();
    let meta = vm.types.type_.clone();
    match new_class(vm, &meta, name, bases, &ns, &[])? {
        Value::Obj(o) => Ok(o),
        _ => Err(vm.system_error("class creation failed")),
    }
}
