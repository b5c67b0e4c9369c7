//! Calling: functions, native functions, bound methods, classes, and `__call__`.

use std::rc::Rc;

use crate::error::PyResult;
use crate::function::{Args, NativeFunction};
use crate::object::Payload;
use crate::ops::attr::type_lookup;
use crate::value::{Obj, Value};
use crate::vm::Vm;

impl Vm {
    /// `callable(*args, **kwargs)`.
    pub fn call(&mut self, callable: &Value, args: Args<'_>) -> PyResult {
        let Value::Obj(o) = callable else {
            return Err(self.not_callable(callable));
        };
        match o.payload() {
            Payload::Function(_) => self.call_function(o, args),
            Payload::Native(n) => match &n.receiver {
                None => {
                    crate::objects::check_method_call(self, n, args.values, args.kwnames)?;
                    (n.func)(self, args)
                }
                Some(r) => {
                    crate::objects::check_no_arguments(self, n, args.values.len(), args.kwnames)?;
                    let r = r.clone();
                    let func = n.func;
                    with_prepended(&r, args.values, |values| {
                        func(
                            self,
                            Args {
                                values,
                                kwnames: args.kwnames,
                            },
                        )
                    })
                }
            },
            Payload::BoundMethod { func, receiver } => {
                let func = func.clone();
                with_prepended(receiver, args.values, |values| {
                    self.call(
                        &func,
                        Args {
                            values,
                            kwnames: args.kwnames,
                        },
                    )
                })
            }
            Payload::Type(_) => crate::objects::type_::type_call(self, o, args),
            _ => {
                let class = self.class_of(callable);
                match type_lookup(self, &class, &self.names.__call__.clone()) {
                    Some(call) => with_prepended(callable, args.values, |values| {
                        self.call(
                            &call,
                            Args {
                                values,
                                kwnames: args.kwnames,
                            },
                        )
                    }),
                    None => Err(self.not_callable(callable)),
                }
            }
        }
    }

    /// Call with positional arguments only.
    pub fn call0(&mut self, callable: &Value) -> PyResult {
        self.call(callable, Args::new(&[]))
    }

    pub fn call1(&mut self, callable: &Value, arg: Value) -> PyResult {
        self.call(callable, Args::new(&[arg]))
    }

    /// Call an unbound function found on a type with `receiver` as its first argument.
    pub fn call_method_value(
        &mut self,
        func: &Value,
        receiver: &Value,
        args: &[Value],
    ) -> PyResult {
        with_prepended(receiver, args, |values| self.call(func, Args::new(values)))
    }

    /// `obj.name(*args)`.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: &[Value]) -> PyResult {
        let name = self.intern(name);
        let method = crate::ops::attr::get_attr(self, obj, &name)?;
        self.call(&method, Args::new(args))
    }

    /// Call the special method `name` looked up on `type(obj)`, if it exists.
    pub fn call_special(
        &mut self,
        obj: &Value,
        name: &Value,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let class = self.class_of(obj);
        match type_lookup(self, &class, name) {
            Some(func) => {
                let bound = crate::ops::attr::bind(self, func, Some(obj), &class)?;
                self.call(&bound, Args::new(args)).map(Some)
            }
            None => Ok(None),
        }
    }

    pub fn not_callable(&self, v: &Value) -> crate::error::PyErr {
        self.type_error(format!("'{}' object is not callable", self.type_name(v)))
    }

    pub fn new_bound_method(&self, func: Value, receiver: Value) -> Value {
        Value::Obj(Obj::new(
            self.types.method.clone(),
            Payload::BoundMethod { func, receiver },
        ))
    }

    /// A native method bound to `receiver` (`[].append`).
    pub fn new_bound_native(&self, native: &Obj, receiver: Value) -> Value {
        let Payload::Native(n) = native.payload() else {
            return Value::Obj(native.clone());
        };
        // A slot wrapper binds to a `method-wrapper`, any other native to a builtin method.
        let class = if Vm::class_of_obj(&self.types, native).is(&self.types.wrapper_descriptor) {
            self.types.method_wrapper.clone()
        } else {
            self.types.builtin_function.clone()
        };
        Value::Obj(Obj::new(
            class,
            Payload::Native(Box::new(NativeFunction {
                name: n.name,
                func: n.func,
                kind: n.kind,
                receiver: Some(receiver),
                owner: n.owner.clone(),
                module: n.module,
                no_arguments: n.no_arguments,
                with_frame: None,
            })),
        ))
    }

    /// Run a Python function: bind the arguments into a new frame, then run it (or make the
    /// generator/coroutine object its flags ask for).
    pub fn call_function(&mut self, func: &Obj, args: Args<'_>) -> PyResult {
        let frame = crate::eval::args::frame_for_call(self, func, args)?;
        // A generator function's frame runs its prologue (`COPY_FREE_VARS`, `MAKE_CELL`) up to
        // `RETURN_GENERATOR`, which hands back the generator object.
        self.run_frame(frame)
    }

    pub fn code_of(&self, func: &Obj) -> Option<Rc<crate::runtime_code::Code>> {
        match func.payload() {
            Payload::Function(f) => Some(f.code.borrow().clone()),
            _ => None,
        }
    }
}

/// Run `f` on `first` followed by `rest`: on the stack for up to three more (a method call's
/// receiver and its arguments, on every dunder call), in a vector beyond.
#[inline]
fn with_prepended<R>(first: &Value, rest: &[Value], f: impl FnOnce(&[Value]) -> R) -> R {
    match rest {
        [] => f(&[first.clone()]),
        [a] => f(&[first.clone(), a.clone()]),
        [a, b] => f(&[first.clone(), a.clone(), b.clone()]),
        [a, b, c] => f(&[first.clone(), a.clone(), b.clone(), c.clone()]),
        _ => {
            let mut v = Vec::with_capacity(rest.len() + 1);
            v.push(first.clone());
            v.extend_from_slice(rest);
            f(&v)
        }
    }
}
