//! `format(value, spec)` for `int`, `float`, `complex` and `str`: the format-spec
//! mini-language and each type's `__format__`, as CPython 3.13's `Python/formatter_unicode.c`.

mod float;
mod int;
mod layout;
mod spec;
mod string;

pub use float::{
    FloatFlags, float_to_string, format_complex, format_float, format_float_spec,
    push_float_to_string,
};
pub use int::{format_int, format_int_code_points, format_int_spec};
pub use spec::{Align, FormatSpec, Grouping, Sign};
pub use string::{format_code_points, format_str, format_str_spec};
