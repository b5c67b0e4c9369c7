//! # taipan-text: Python 3.13's text forms of values, as `repr()` writes them
//!
//! The one implementation, for every crate of Taipan, of how CPython 3.13 spells a value: the
//! `repr()` of a `str` (lone surrogates included), of `bytes`, of an `int` of any size, of a
//! `float` (the shortest digits that read back to the same number, in fixed or exponent notation
//! by CPython's rule) and of a `complex`; and `str.isprintable()` of one character, which
//! decides what `repr()` escapes, with CPython 3.13's Unicode 15.1 data.
//!
//! **For:** printing values exactly as CPython 3.13 prints them: in `ast.dump`, in `tokenize`
//! output, in error messages that quote a name or a literal. **Not for:** parsing literals (the
//! lexer and parser do that), or Unicode facts other than printability.
//!
//! The [`unicode`] module adds the Unicode algorithms behind Python 3.13's `str` methods
//! (casing, classification, numeric values of digits, whitespace splitting, line boundaries,
//! padding), over code points so lone surrogates are handled.
//!
//! Every function has two forms: one returning a `String`, and a `push_*` one appending to a
//! buffer, so a printer of large trees allocates once.
//!
//! ```
//! use taipan_text::*;
//!
//! assert_eq!(str_repr("it's"), r#""it's""#);
//! assert_eq!(code_points_repr([0x61, 0xD800]), r"'a\ud800'");
//! assert_eq!(bytes_repr(b"\x00a'\xff"), r#"b"\x00a'\xff""#);
//! assert_eq!(float_repr(1e16), "1e+16");
//! assert_eq!(float_repr(0.0001), "0.0001");
//! assert_eq!(float_repr(1e-5), "1e-05");
//! assert_eq!(complex_repr(0.0, 2.5), "2.5j");
//! assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
//! // 2**64, as little-endian 32-bit limbs.
//! assert_eq!(limbs_repr(&[0, 0, 1]), "18446744073709551616");
//! assert!(!is_printable('\u{2028}'));
//! ```
//!
//! ## Numbers as text, for the VM
//!
//! The object-model-free algorithms behind Python's numbers as text, each as CPython 3.13 has
//! it, errors included ([`TextError`]: the exception class and message to raise):
//! `format(value, spec)` for `int`, `float`, `complex` and `str` (the format-spec mini-language,
//! [`FormatSpec`]); the digit layout every float formatting shares ([`float_to_string`], from
//! correctly rounded digits); printf-style `%` conversions ([`parse_percent_spec`],
//! [`percent_int`], [`percent_float`], [`percent_text`]); `float()` and `int(…, base)` of a `str`
//! or `bytes`, `complex(str)`, `str(int)` under the int/str digit limit, `round(float, n)`,
//! `float.hex`, `float.fromhex`, `int(float)` and `float(int)`. Ints are `num_bigint::BigInt`
//! (or an `i64`, through [`IntRef`]), floats `f64`; the VM maps the errors to exceptions and does
//! the argument plumbing (`__format__` dispatch, `%` tuples and mappings, `__index__`,
//! `__float__`). Every expected value below was printed by CPython 3.13.0:
//!
//! ```
//! use num_bigint::BigInt;
//! use taipan_text::*;
//!
//! assert_eq!(format_float(0.125, ".2f", "float").unwrap(), "0.12");
//! assert_eq!(format_float(-0.0001, "z.2f", "float").unwrap(), "0.00");
//! let million = BigInt::from(1_000_000);
//! assert_eq!(format_int(&million, "_x", "int", 4300).unwrap(), "f_4240");
//! assert_eq!(format_int(&million, "0=+12,", "int", 4300).unwrap(), "+001,000,000");
//! assert_eq!(format_complex(1.0, -2.5, "^12.1f", "complex").unwrap(), "  1.0-2.5j  ");
//! assert_eq!(format_str("abc", "*^7.2", "str").unwrap(), "**ab***");
//! let error = format_float(1.0, "d", "float").unwrap_err();
//! assert_eq!(error.message, "Unknown format code 'd' for object of type 'float'");
//!
//! assert_eq!(round_float(2.675, 2).unwrap(), 2.67);
//! assert_eq!(float_hex(0.1), "0x1.999999999999ap-4");
//! assert_eq!(float_fromhex("0x1.8p1").unwrap(), 3.0);
//! assert_eq!(parse_float(" 1_000.5\n").unwrap(), 1000.5);
//! assert_eq!(parse_int("0x_ff", 0, 4300).unwrap(), BigInt::from(255));
//! assert_eq!(
//!     parse_int("12a", 10, 4300).unwrap_err().message,
//!     "invalid literal for int() with base 10: '12a'"
//! );
//!
//! // '%-+8.2f|' % 3.14159
//! let format: Vec<char> = "%-+8.2f".chars().collect();
//! let (spec, _) = parse_percent_spec(&format, 1).unwrap();
//! let text = percent_float(3.14159, spec.conversion, spec.flags, 8, Some(2)).unwrap();
//! assert_eq!(text, "+3.14   ");
//! ```

mod dtoa;
mod error;
mod float;
mod float_ops;
mod format;
mod int;
mod int_text;
mod number_parse;
mod percent;
mod printable;
mod pystr;
mod repr;
pub mod unicode;

pub use error::{ExceptionKind, MAX_TEXT_LEN, TextError};
pub use float::{complex_repr, float_repr, push_complex_repr, push_float_repr};
pub use float_ops::{float_fromhex, float_hex, float_to_int, round_float};
pub use format::*;
pub use int::{limbs_repr, push_limbs_repr};
pub use int_text::{DEFAULT_MAX_STR_DIGITS, IntRef, int_to_f64, int_to_str};
pub use number_parse::{parse_complex, parse_float, parse_float_bytes, parse_int, parse_int_bytes};
pub use percent::{
    PercentCount, PercentFlags, PercentSpec, parse_percent_spec, percent_char_code, percent_float,
    percent_int, percent_text,
};
pub use printable::{is_printable, is_printable_code_point};
pub use pystr::{PyStr, PyString, push_code_point};
pub use repr::str_repr;
pub use repr::{
    bytes_repr, code_points_repr, push_bytes_repr, push_code_points_repr, push_str_repr,
};
