//! PEP 695 and PEP 585 at run time: `list[int]` (`types.GenericAlias`), `int | str`, type
//! aliases, type parameters, and the intrinsics the compiler emits for them.

use std::cell::RefCell;

use crate::argparse;
use crate::error::PyResult;
use crate::function::Args;
use crate::object::{Payload, TypeAliasData, TypeParamData, TypeParamKind};
use crate::objects::method;
use crate::value::{Obj, Value};
use crate::vm::Vm;

/// `cls[args]` for built-in generic classes.
pub fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (cls, rest) = argparse::method_args(vm, &args, "__class_getitem__", 1, 1)?;
    Ok(generic_alias(vm, cls.clone(), rest[0].clone()))
}

pub fn generic_alias(vm: &mut Vm, origin: Value, args: Value) -> Value {
    let args = match args.payload() {
        Some(Payload::Tuple(_)) => args,
        _ => vm.new_tuple(vec![args]),
    };
    Value::Obj(Obj::new(
        vm.types.generic_alias.clone(),
        Payload::GenericAlias { origin, args },
    ))
}

/// `typing`'s `_GenericAlias` (`Generic[T]`, `Stack[int]` for a PEP 695 class): the same
/// payload as `types.GenericAlias`, another class.
pub fn typing_alias(vm: &mut Vm, origin: Value, args: Value) -> Value {
    let args = match args.payload() {
        Some(Payload::Tuple(_)) => args,
        _ => vm.new_tuple(vec![args]),
    };
    Value::Obj(Obj::new(
        vm.types.typing_generic_alias.clone(),
        Payload::GenericAlias { origin, args },
    ))
}

/// `Generic.__class_getitem__`: `Stack[int]` checks the number of arguments against the
/// class's type parameters, with CPython's message.
fn generic_class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let (cls, rest) = argparse::method_args(vm, &args, "__class_getitem__", 1, 1)?;
    let (cls, params) = (cls.clone(), rest[0].clone());
    let given = match params.payload() {
        Some(Payload::Tuple(t)) => t.len(),
        _ => 1,
    };
    if !cls.is(&Value::Obj(vm.types.typing_generic.clone())) {
        let tp_name = vm.intern("__type_params__");
        let expected = match crate::ops::attr::get_attr_opt(vm, &cls, &tp_name)? {
            Some(Value::Obj(t)) => match t.payload() {
                Payload::Tuple(items) => Some(items.to_vec()),
                _ => None,
            },
            _ => None,
        };
        if let Some(expected) = expected {
            let variadic = expected
                .iter()
                .any(|p| matches!(p.payload(), Some(Payload::TypeParam(d)) if d.kind != TypeParamKind::TypeVar));
            if !variadic && !expected.is_empty() && given != expected.len() {
                let which = if given > expected.len() {
                    "many"
                } else {
                    "few"
                };
                let class_repr = vm.repr_string(&cls)?;
                return Err(vm.type_error(format!(
                    "Too {which} arguments for {class_repr}; actual {given}, expected {}{}",
                    if given < expected.len() {
                        "at least "
                    } else {
                        ""
                    },
                    expected.len()
                )));
            }
        }
    }
    Ok(typing_alias(vm, cls, params))
}

/// `a | b` between types: a `types.UnionType` (represented as a generic alias whose origin
/// is the str `|`). As CPython: `None` is stored as `NoneType`, nested unions are flattened,
/// duplicates dropped, and a union of one type is that type.
pub fn union(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    let ok = |v: &Value| {
        v.is_none()
            || matches!(
                v.payload(),
                Some(
                    Payload::Type(_)
                        | Payload::GenericAlias { .. }
                        | Payload::TypeParam(_)
                        | Payload::TypeAlias(_)
                )
            )
    };
    if !ok(&a) || !ok(&b) {
        return Ok(vm.not_implemented.clone());
    }
    let mut members: Vec<Value> = Vec::new();
    for side in [a, b] {
        let parts = match side.payload() {
            Some(Payload::GenericAlias { origin, args }) if is_union_origin(origin) => {
                crate::objects::tuple::tuple_items(args)
                    .map(|t| t.to_vec())
                    .unwrap_or_default()
            }
            _ if side.is_none() => vec![Value::Obj(vm.types.none_type.clone())],
            _ => vec![side],
        };
        for p in parts {
            let mut seen = false;
            for m in &members {
                if m.is(&p) || vm.eq(m, &p)? {
                    seen = true;
                    break;
                }
            }
            if !seen {
                members.push(p);
            }
        }
    }
    if members.len() == 1 {
        return Ok(members.pop().unwrap_or(Value::None));
    }
    // With a type variable in it, CPython builds it through typing: `typing.Union[T, int]`.
    let through_typing = members
        .iter()
        .any(|m| matches!(m.payload(), Some(Payload::TypeParam(_))));
    if through_typing {
        let origin = vm.new_str("typing.Union");
        let args = vm.new_tuple(members);
        return Ok(Value::Obj(Obj::new(
            vm.types.typing_generic_alias.clone(),
            Payload::GenericAlias { origin, args },
        )));
    }
    let origin = vm.new_str("|");
    let args = vm.new_tuple(members);
    Ok(Value::Obj(Obj::new(
        vm.types.generic_alias.clone(),
        Payload::GenericAlias { origin, args },
    )))
}

fn is_union_origin(origin: &Value) -> bool {
    origin
        .as_str_obj()
        .is_some_and(|s| matches!(s.as_str(), Some("|" | "typing.Union")))
}

fn type_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::None => Ok("None".to_owned()),
        Value::Obj(o) if o.is(&vm.types.none_type) => Ok("None".to_owned()),
        Value::Obj(o) if matches!(o.payload(), Payload::Type(_)) => {
            let q = crate::objects::type_::qualified_name(vm, o);
            Ok(q)
        }
        _ if v.is(&vm.ellipsis) => Ok("...".to_owned()),
        _ => vm.repr_string(v),
    }
}

pub fn intrinsic_1(vm: &mut Vm, which: u32, v: Value) -> PyResult {
    match which {
        7 => Ok(type_param(
            vm,
            TypeParamKind::TypeVar,
            v,
            Value::None,
            Value::None,
        )),
        8 => Ok(type_param(
            vm,
            TypeParamKind::ParamSpec,
            v,
            Value::None,
            Value::None,
        )),
        9 => Ok(type_param(
            vm,
            TypeParamKind::TypeVarTuple,
            v,
            Value::None,
            Value::None,
        )),
        10 => {
            // Generic[*params]: the base that gives a class its type parameters.
            let params = v;
            let generic = Value::Obj(vm.types.typing_generic.clone());
            Ok(typing_alias(vm, generic, params))
        }
        _ => {
            // INTRINSIC_TYPEALIAS: (name, type_params, compute_value).
            let items = crate::objects::tuple::tuple_items(&v)
                .map(|t| t.to_vec())
                .unwrap_or_default();
            let get = |i: usize| items.get(i).cloned().unwrap_or(Value::None);
            Ok(Value::Obj(Obj::new(
                vm.types.type_alias.clone(),
                Payload::TypeAlias(Box::new(TypeAliasData {
                    name: get(0),
                    type_params: if get(1).is_none() {
                        vm.empty_tuple.clone()
                    } else {
                        get(1)
                    },
                    compute_value: get(2),
                    value: RefCell::new(None),
                })),
            )))
        }
    }
}

pub fn intrinsic_2(vm: &mut Vm, which: u32, v1: Value, v2: Value) -> PyResult {
    match which {
        2 => Ok(type_param(vm, TypeParamKind::TypeVar, v1, v2, Value::None)),
        3 => Ok(type_param(vm, TypeParamKind::TypeVar, v1, Value::None, v2)),
        4 => {
            if let Some(Payload::Function(f)) = v1.payload() {
                *f.type_params.borrow_mut() = v2;
            }
            Ok(v1)
        }
        _ => Ok(v1),
    }
}

fn type_param(
    vm: &Vm,
    kind: TypeParamKind,
    name: Value,
    bound: Value,
    constraints: Value,
) -> Value {
    let class = match kind {
        TypeParamKind::TypeVar => vm.types.type_var.clone(),
        TypeParamKind::ParamSpec => vm.types.param_spec.clone(),
        TypeParamKind::TypeVarTuple => vm.types.type_var_tuple.clone(),
    };
    Value::Obj(Obj::new(
        class,
        Payload::TypeParam(Box::new(TypeParamData {
            kind,
            name,
            bound: RefCell::new(None),
            evaluate_bound: bound,
            constraints: RefCell::new(None),
            evaluate_constraints: constraints,
        })),
    ))
}

pub(crate) fn init(vm: &mut Vm) {
    let generic = vm.types.typing_generic.clone();
    crate::objects::classmethod(vm, &generic, "__class_getitem__", generic_class_getitem);
    for alias_class in [
        vm.types.generic_alias.clone(),
        vm.types.typing_generic_alias.clone(),
    ] {
        init_alias(vm, &alias_class);
    }
    init_type_params(vm);
}

fn init_alias(vm: &mut Vm, ga: &Obj) {
    let ga = ga.clone();
    method(vm, &ga, "__mro_entries__", |vm, a| {
        // PEP 560: a class statement with `list[int]` or `Generic[T]` as a base gets the
        // origin class.
        let (g, _) = argparse::method_args(vm, &a, "__mro_entries__", 1, 1)?;
        let Some(Payload::GenericAlias { origin, .. }) = g.payload() else {
            return Ok(vm.empty_tuple.clone());
        };
        let origin = origin.clone();
        Ok(vm.new_tuple(vec![origin]))
    });
    method(vm, &ga, "__repr__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::GenericAlias { origin, args }) = g.payload() else {
            return Ok(Value::None);
        };
        let (origin, args) = (origin.clone(), args.clone());
        let items = crate::objects::tuple::tuple_items(&args)
            .map(|t| t.to_vec())
            .unwrap_or_default();
        let mut parts = Vec::new();
        for i in &items {
            parts.push(type_repr(vm, i)?);
        }
        if vm.str_lossy(&origin) == "|" && origin.as_str_obj().is_some() {
            return Ok(vm.new_string(parts.join(" | ")));
        }
        let o = match origin.as_str_obj() {
            Some(s) => s.to_lossy().into_owned(),
            _ => type_repr(vm, &origin)?,
        };
        let inner = if parts.is_empty() {
            "()".to_owned()
        } else {
            parts.join(", ")
        };
        Ok(vm.new_string(format!("{o}[{inner}]")))
    });
    method(vm, &ga, "__call__", |vm, a| {
        let Some(Payload::GenericAlias { origin, .. }) = a.values.first().and_then(|v| v.payload())
        else {
            return Ok(Value::None);
        };
        let origin = origin.clone();
        vm.call(
            &origin,
            Args {
                values: &a.values[1..],
                kwnames: a.kwnames,
            },
        )
    });
    method(vm, &ga, "__or__", |vm, a| {
        let (g, rest) = argparse::method_args(vm, &a, "__or__", 1, 1)?;
        union(vm, g.clone(), rest[0].clone())
    });
    method(vm, &ga, "__ror__", |vm, a| {
        let (g, rest) = argparse::method_args(vm, &a, "__ror__", 1, 1)?;
        union(vm, rest[0].clone(), g.clone())
    });
    method(vm, &ga, "__eq__", |vm, a| {
        let (g, rest) = argparse::method_args(vm, &a, "__eq__", 1, 1)?;
        let (
            Some(Payload::GenericAlias {
                origin: o1,
                args: a1,
            }),
            Some(Payload::GenericAlias {
                origin: o2,
                args: a2,
            }),
        ) = (g.payload(), rest[0].payload())
        else {
            return Ok(vm.not_implemented.clone());
        };
        let (o1, a1, o2, a2) = (o1.clone(), a1.clone(), o2.clone(), a2.clone());
        Ok(Value::bool(vm.eq(&o1, &o2)? && vm.eq(&a1, &a2)?))
    });
    method(vm, &ga, "__hash__", |vm, a| {
        let (g, _) = argparse::method_args(vm, &a, "__hash__", 0, 0)?;
        let Some(Payload::GenericAlias { origin, args }) = g.payload() else {
            return Ok(Value::Int(0));
        };
        let (origin, args) = (origin.clone(), args.clone());
        Ok(Value::Int(vm.hash(&origin)? ^ vm.hash(&args)?))
    });
}

fn init_type_params(vm: &mut Vm) {
    let ta = vm.types.type_alias.clone();
    method(vm, &ta, "__getitem__", |vm, a| {
        let (t, rest) = argparse::method_args(vm, &a, "__getitem__", 1, 1)?;
        let Some(Payload::TypeAlias(d)) = t.payload() else {
            return Ok(Value::None);
        };
        let generic = matches!(d.type_params.payload(), Some(Payload::Tuple(p)) if !p.is_empty());
        if !generic {
            return Err(vm.type_error("Only generic type aliases are subscriptable"));
        }
        Ok(generic_alias(vm, t.clone(), rest[0].clone()))
    });
    method(vm, &ta, "__repr__", |vm, a| {
        let (t, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
        let Some(Payload::TypeAlias(d)) = t.payload() else {
            return Ok(Value::None);
        };
        let n = vm.str_lossy(&d.name);
        Ok(vm.new_string(n))
    });
    for class in [
        vm.types.type_var.clone(),
        vm.types.param_spec.clone(),
        vm.types.type_var_tuple.clone(),
    ] {
        method(vm, &class, "__repr__", |vm, a| {
            let (t, _) = argparse::method_args(vm, &a, "__repr__", 0, 0)?;
            let Some(Payload::TypeParam(d)) = t.payload() else {
                return Ok(Value::None);
            };
            // Type parameters from PEP 695 syntax infer their variance, and CPython shows
            // those by bare name (`T`, not `~T`).
            let n = vm.str_lossy(&d.name);
            Ok(vm.new_string(n))
        });
        method(vm, &class, "__or__", |vm, a| {
            let (g, rest) = argparse::method_args(vm, &a, "__or__", 1, 1)?;
            union(vm, g.clone(), rest[0].clone())
        });
    }
}
