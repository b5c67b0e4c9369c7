//! The VM's one error type: a raised Python exception.
//!
//! Every fallible operation returns [`PyResult`]; `Err` carries the exception *instance*
//! (a [`crate::object::Payload::Exception`] object), so `except` clauses, chaining and
//! tracebacks all work on the same object CPython would have. Handlers are found in the code
//! object's exception table by the evaluation loop, never by Rust unwinding.

use crate::value::{Obj, Value};

/// A raised exception.
#[derive(Clone)]
pub struct PyErr {
    pub exception: Obj,
}

pub type PyResult<T = Value> = Result<T, PyErr>;

impl PyErr {
    pub fn new(exception: Obj) -> PyErr {
        PyErr { exception }
    }

    pub fn value(&self) -> Value {
        Value::Obj(self.exception.clone())
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyErr({:?})", self.exception)
    }
}
