//! Instance attributes at `LOAD_ATTR`/`STORE_ATTR` sites: the per-site inline cache.
//!
//! What `obj.name` means on an instance of a Python class depends only on its class (the
//! MRO's namespaces, `__getattribute__`/`__setattr__`/`__getattr__` being the defaults) and on
//! the instance's `__dict__`. The class part is worked out once ([`Vm::attr_plan`], two or
//! three MRO lookups) and kept in the instruction's cache entry ([`AttrCacheEntry`]) with the
//! class's address and the global type epoch: while no type changes (and every class creation
//! is a change, so a new class at a freed one's address cannot match), the next execution of
//! the instruction only probes the instance dict. CPython 3.13 specialises the same sites
//! (`LOAD_ATTR_INSTANCE_VALUE`, `LOAD_ATTR_METHOD_WITH_VALUES`, `LOAD_ATTR_CLASS`,
//! `LOAD_ATTR_PROPERTY`, `STORE_ATTR_INSTANCE_VALUE`) on type version tags.

use std::cell::RefCell;

use super::calls::{FastAttr, FastSet};
use crate::object::Payload;
use crate::ops::attr::{self, type_lookup};
use crate::ops::mapping;
use crate::runtime_code::{AttrCacheEntry, AttrPlan, AttrSiteCache};
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// One site's cache entry (`None`: the site has none, e.g. an attribute access made by
/// native code).
pub(crate) type AttrSite<'a> = Option<&'a RefCell<AttrSiteCache>>;

/// A class attribute that `obj.name` gives as it is when found on the class: its type has no
/// `__get__` (a class variable holding a number, a string, a container, a class).
fn is_plain_value(v: &Value) -> bool {
    match v {
        Value::Str(_) => true,
        Value::Obj(o) => {
            matches!(
                o.payload(),
                Payload::StrSub(_)
                    | Payload::Int(_)
                    | Payload::Tuple(_)
                    | Payload::List(_)
                    | Payload::Dict(_)
                    | Payload::Bytes(_)
                    | Payload::Type(_)
            ) && o.dict().is_none()
        }
        _ => true,
    }
}

impl Vm {
    /// The plan for `obj.name` (`store`: `obj.name = v`) on instances of `class`.
    pub(crate) fn attr_plan(&mut self, class: &Obj, name: &Value, store: bool) -> AttrPlan {
        let hook = if store {
            &self.names.__setattr__
        } else {
            &self.names.__getattribute__
        };
        let hook = type_lookup(self, class, &hook.clone());
        if !matches!(
            hook.as_ref().and_then(|g| g.payload()),
            Some(Payload::Native(_))
        ) {
            return AttrPlan::Slow;
        }
        // `__class__` and `__dict__` are attributes of the object itself, not dict entries.
        if name.is(&self.names.__class__) || name.is(&self.names.__dict__) {
            return AttrPlan::Slow;
        }
        let Some(class_attr) = type_lookup(self, class, name) else {
            return AttrPlan::dict(None);
        };
        if let Some(Payload::Property(p)) = class_attr.payload() {
            let accessor = if store { &p.fset } else { &p.fget };
            if let Value::Obj(f) = accessor {
                // On load, a class with `__getattr__` calls it when the getter raises
                // AttributeError: the general path knows that.
                let getattr_hook =
                    !store && type_lookup(self, class, &self.names.__getattr__.clone()).is_some();
                if matches!(f.payload(), Payload::Function(_)) && !getattr_hook {
                    return AttrPlan::Property(f.clone());
                }
            }
            return AttrPlan::Slow;
        }
        // A `__slots__` member of this class (or a base): its slot, read and written in place
        // (CPython's `LOAD_ATTR_SLOT`, `STORE_ATTR_SLOT`).
        if let Some(Payload::Member { index, owner, .. }) = class_attr.payload()
            && self.is_subclass(class, owner)
        {
            return AttrPlan::Slot(*index);
        }
        if attr::is_data_descriptor(self, &class_attr) {
            return AttrPlan::Slow;
        }
        if store {
            return AttrPlan::dict(None);
        }
        if matches!(class_attr.payload(), Some(Payload::Function(_))) || is_plain_value(&class_attr)
        {
            return AttrPlan::dict(Some(class_attr));
        }
        AttrPlan::Slow
    }

    /// Apply `act` to the plan for `class` at `site`, from the site's cache when it holds a
    /// valid one (borrowed there, not copied), else worked out and cached.
    #[inline]
    fn with_site_plan<R>(
        &mut self,
        site: AttrSite<'_>,
        class: &Obj,
        name: &Value,
        store: bool,
        act: impl FnOnce(&mut Vm, &AttrPlan) -> R,
    ) -> R {
        let epoch = self.type_epoch.get();
        let id = class.id();
        let Some(cell) = site else {
            let plan = self.attr_plan(class, name, store);
            return act(self, &plan);
        };
        {
            let cache = cell.borrow();
            let hit = cache
                .entries
                .iter()
                .flatten()
                .find(|e| e.class_id == id && e.epoch == epoch);
            if let Some(e) = hit {
                // `act` runs no Python code while the site is borrowed (dict probes by
                // interned str keys, frames made but not run).
                return act(self, &e.plan);
            }
        }
        let plan = self.attr_plan(class, name, store);
        let result = act(self, &plan);
        let mut cache = cell.borrow_mut();
        let slot = cache.next % AttrSiteCache::WAYS;
        cache.next = slot + 1;
        if let Some(entry) = cache.entries.get_mut(slot) {
            *entry = Some(AttrCacheEntry {
                class_id: id,
                epoch,
                plan,
            });
        }
        result
    }

    /// `obj.name` on an instance of a Python class, without running Python code where the plan
    /// allows: an instance-dict hit, a function on the class (method form: unbound, with
    /// `self`), a plain class value; or a property whose getter is a Python function, for the
    /// loop to run as a pushed frame. `Slow` sends the lookup down the general path.
    #[inline]
    pub(crate) fn instance_attr_fast(
        &mut self,
        owner: &Value,
        name: &Value,
        method: bool,
        site: AttrSite<'_>,
    ) -> FastAttr {
        let Value::Obj(o) = owner else {
            return FastAttr::Slow;
        };
        let Payload::Instance { slots } = o.payload() else {
            return FastAttr::Slow;
        };
        // The hot path: a valid entry for this class, read in place (no closure, no copy of
        // the plan, no reference taken to the class).
        if let Some(cell) = site {
            let epoch = self.type_epoch.get();
            let id = o.0.class_id();
            let cache = cell.borrow();
            if let Some(e) = cached_entry(&cache, id, epoch) {
                // No Python code runs while the site is borrowed (dict probes by interned
                // str keys; a bound method made).
                return self.apply_load_plan(&e.plan, owner, o, slots, name, method);
            }
        }
        let class = Vm::class_of_obj(&self.types, o);
        self.with_site_plan(site, &class, name, false, |vm, plan| {
            vm.apply_load_plan(plan, owner, o, slots, name, method)
        })
    }

    /// `owner.name` by `plan` (`o` is `owner`, an instance with these `__slots__` values).
    #[inline]
    fn apply_load_plan(
        &mut self,
        plan: &AttrPlan,
        owner: &Value,
        o: &Obj,
        slots: &RefCell<Vec<Option<Value>>>,
        name: &Value,
        method: bool,
    ) -> FastAttr {
        match plan {
            AttrPlan::Slow => FastAttr::Slow,
            AttrPlan::Property(fget) => FastAttr::Getter(fget.clone()),
            // An empty slot raises AttributeError: the general path words it.
            AttrPlan::Slot(index) => match slots.borrow().get(*index) {
                Some(Some(v)) => FastAttr::Found(v.clone(), None),
                _ => FastAttr::Slow,
            },
            AttrPlan::Dict { class_attr, hint } => {
                // (An instance of a class with `__slots__` and no `__dict__` has only the
                // class attribute.)
                if let Some(dict) = o.dict()
                    && let Some(v) = mapping::dict_get_str_hinted(self, dict, name, hint)
                {
                    return FastAttr::Found(v, None);
                }
                // A dict miss: the class attribute, bound as the instruction wants.
                match class_attr {
                    Some(f) if matches!(f.payload(), Some(Payload::Function(_))) => {
                        if method {
                            FastAttr::Found(f.clone(), Some(owner.clone()))
                        } else {
                            FastAttr::Found(self.new_bound_method(f.clone(), owner.clone()), None)
                        }
                    }
                    Some(v) => FastAttr::Found(v.clone(), None),
                    None => FastAttr::Slow,
                }
            }
        }
    }

    /// `obj.name = value` on an instance of a Python class: a store into its `__dict__`, or
    /// the property's setter to run as a pushed frame (its result dropped), as the plan says.
    #[inline]
    pub(crate) fn instance_setattr_fast(
        &mut self,
        owner: &Value,
        name: &Value,
        value: Value,
        site: AttrSite<'_>,
    ) -> FastSet {
        let Value::Obj(o) = owner else {
            return FastSet::Slow(value);
        };
        let Payload::Instance { .. } = o.payload() else {
            return FastSet::Slow(value);
        };
        if let Some(cell) = site {
            let epoch = self.type_epoch.get();
            let id = o.0.class_id();
            let cache = cell.borrow();
            if let Some(e) = cached_entry(&cache, id, epoch) {
                return self.apply_store_plan(&e.plan, o, name, value);
            }
        }
        let class = Vm::class_of_obj(&self.types, o);
        let mut value = Some(value);
        self.with_site_plan(site, &class, name, true, |vm, plan| {
            let v = value.take().unwrap_or(Value::None);
            vm.apply_store_plan(plan, o, name, v)
        })
    }

    /// `o.name = value` by `plan`. The value replaced is dropped while the site is borrowed:
    /// a drop runs no Python code (see `crate::trashcan`).
    #[inline]
    fn apply_store_plan(
        &mut self,
        plan: &AttrPlan,
        o: &Obj,
        name: &Value,
        value: Value,
    ) -> FastSet {
        match plan {
            AttrPlan::Dict { hint, .. } => match o.dict() {
                Some(dict) => {
                    drop(mapping::dict_set_str_hinted(self, dict, name, value, hint));
                    FastSet::Done
                }
                None => FastSet::Slow(value),
            },
            AttrPlan::Slot(index) => {
                if let Payload::Instance { slots } = o.payload()
                    && let Some(slot) = slots.borrow_mut().get_mut(*index)
                {
                    drop(slot.replace(value));
                    return FastSet::Done;
                }
                FastSet::Slow(value)
            }
            AttrPlan::Property(fset) => FastSet::Setter(fset.clone(), value),
            AttrPlan::Slow => FastSet::Slow(value),
        }
    }
}

/// The site's entry for the class with address `id` while the type epoch is `epoch`.
#[inline]
fn cached_entry(cache: &AttrSiteCache, id: usize, epoch: u64) -> Option<&AttrCacheEntry> {
    cache
        .entries
        .iter()
        .flatten()
        .find(|e| e.class_id == id && e.epoch == epoch)
}
