//! `format()` of numbers and strings: the built-in types' `__format__`, on top of
//! `taipan-text`'s exact format-spec implementation (checked against CPython there).

use num_bigint::BigInt;

use crate::error::{PyErr, PyResult};
use crate::vm::Vm;

impl Vm {
    /// Raise a `taipan-text` error as the Python exception CPython raises.
    pub fn text_error(&self, e: taipan_text::TextError) -> PyErr {
        match e.kind {
            taipan_text::ExceptionKind::ValueError => self.value_error(e.message),
            taipan_text::ExceptionKind::OverflowError => self.overflow_error(e.message),
            taipan_text::ExceptionKind::MemoryError => self.memory_error(),
        }
    }
}

/// `format(int, spec)`.
pub fn format_int(vm: &mut Vm, value: &BigInt, spec: &str) -> PyResult {
    let limit = vm.int_max_str_digits;
    match taipan_text::format_int(value, spec, "int", limit) {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => Err(vm.text_error(e)),
    }
}

/// `format(float, spec)`.
pub fn format_float(vm: &mut Vm, x: f64, spec: &str) -> PyResult {
    match taipan_text::format_float(x, spec, "float") {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => Err(vm.text_error(e)),
    }
}

/// `format(str, spec)`.
pub fn format_str(vm: &mut Vm, s: &str, spec: &str) -> PyResult<String> {
    taipan_text::format_str(s, spec, "str").map_err(|e| vm.text_error(e))
}

/// `float.hex()`.
pub fn float_hex(x: f64) -> String {
    taipan_text::float_hex(x)
}

/// `float.fromhex(s)`.
pub fn float_fromhex(vm: &Vm, s: &str) -> PyResult<f64> {
    taipan_text::float_fromhex(s).map_err(|e| vm.text_error(e))
}

/// `round(x, ndigits)` for floats.
pub fn round_float(vm: &Vm, x: f64, ndigits: i64) -> PyResult<f64> {
    taipan_text::round_float(x, ndigits).map_err(|e| vm.text_error(e))
}
