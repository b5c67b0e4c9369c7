//! `str % args`: printf-style formatting. The spec parsing and number kernels are
//! `taipan-text`'s; this is the argument plumbing (tuples, mappings, `*`, conversions through
//! `__index__`/`__float__`/`str()`/`repr()`/`ascii()`), with CPython's errors.

use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use taipan_text::{PercentCount, parse_percent_spec};

pub fn format_percent(vm: &mut Vm, format: &str, args: &Value) -> PyResult {
    let chars: Vec<char> = format.chars().collect();
    let out = format_chars(vm, &chars, args, false)?;
    Ok(vm.new_string(out))
}

/// `bytes % args` (PEP 461): the same grammar over the bytes read as Latin-1; `%s`/`%b` take
/// bytes-like objects (or `__bytes__`), `%r`/`%a` are `ascii()`, `%c` an int or one byte.
pub fn format_percent_bytes(vm: &mut Vm, format: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = format.iter().map(|&b| b as char).collect();
    let out = format_chars(vm, &chars, args, true)?;
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

/// The bytes `%s`/`%b` insert, as Latin-1 text.
fn percent_bytes_arg(vm: &mut Vm, arg: &Value) -> PyResult<String> {
    let data = match crate::objects::bytes::bytes_of(vm, arg) {
        Ok(d) => d,
        Err(_) => {
            let name = vm.intern("__bytes__");
            match vm.call_special(arg, &name, &[])? {
                Some(r) if matches!(r.payload(), Some(Payload::Bytes(_))) => {
                    crate::objects::bytes::bytes_of(vm, &r)?
                }
                Some(r) => {
                    return Err(vm.type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        vm.type_name(&r)
                    )));
                }
                None => {
                    return Err(vm.type_error(format!(
                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                        vm.type_name(arg)
                    )));
                }
            }
        }
    };
    Ok(data.iter().map(|&b| b as char).collect())
}

fn format_chars(vm: &mut Vm, chars: &[char], args: &Value, bytes_mode: bool) -> PyResult<String> {
    let (items, mapping): (Vec<Value>, Option<Value>) = match args.payload() {
        // A tuple subclass too: CPython tests `PyTuple_Check`.
        Some(Payload::Tuple(t)) => (t.to_vec(), None),
        _ => {
            let class = vm.class_of(args);
            let is_mapping = args.as_str_obj().is_none()
                && !(bytes_mode && matches!(args.payload(), Some(Payload::Bytes(_))))
                && crate::ops::attr::type_lookup(vm, &class, &vm.names.__getitem__.clone())
                    .is_some()
                && !matches!(args.payload(), Some(Payload::Tuple(_)));
            (
                vec![args.clone()],
                if is_mapping { Some(args.clone()) } else { None },
            )
        }
    };
    let mut out = String::new();
    let mut next = 0usize;
    let mut i = 0;
    let mut used_mapping = false;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let (spec, after) = parse_percent_spec(chars, i + 1).map_err(|e| vm.text_error(e))?;
        i = after;
        if spec.literal_percent {
            out.push('%');
            continue;
        }
        let mut take = |vm: &mut Vm| -> PyResult<Value> {
            match items.get(next) {
                Some(v) => {
                    next += 1;
                    Ok(v.clone())
                }
                None => Err(vm.type_error("not enough arguments for format string")),
            }
        };
        let mut flags = spec.flags;
        let width = match spec.width {
            PercentCount::Absent => 0,
            PercentCount::Given(w) => w,
            PercentCount::FromArgument => {
                let v = take(vm)?;
                if crate::objects::int::as_int(&v).is_none() {
                    return Err(vm.type_error("* wants int"));
                }
                let w = crate::argparse::index_i64(vm, &v)?;
                if w < 0 {
                    flags.left = true;
                }
                w.unsigned_abs() as usize
            }
        };
        let precision = match spec.precision {
            PercentCount::Absent => None,
            PercentCount::Given(p) => Some(p),
            PercentCount::FromArgument => {
                let v = take(vm)?;
                if crate::objects::int::as_int(&v).is_none() {
                    return Err(vm.type_error("* wants int"));
                }
                let p = crate::argparse::index_i64(vm, &v)?;
                if p < 0 { None } else { Some(p as usize) }
            }
        };
        let arg = match &spec.key {
            Some(key) => {
                let Some(m) = &mapping else {
                    return Err(vm.type_error("format requires a mapping"));
                };
                used_mapping = true;
                // A bytes format looks its keys up as bytes.
                let k = if bytes_mode {
                    vm.new_bytes(key.chars().map(|c| c as u32 as u8).collect())
                } else {
                    vm.new_str(key)
                };
                vm.get_item(m, &k)?
            }
            None => take(vm)?,
        };
        let text = match spec.conversion {
            's' | 'b' if bytes_mode => {
                let t = percent_bytes_arg(vm, &arg)?;
                taipan_text::percent_text(&t, flags, width, precision)
            }
            'r' | 'a' if bytes_mode => {
                let a = crate::builtins::ascii_of(vm, &arg)?;
                let t = vm.str_lossy(&a);
                taipan_text::percent_text(&t, flags, width, precision)
            }
            'c' if bytes_mode => {
                let byte = if let Ok(b) = crate::objects::bytes::bytes_of(vm, &arg) {
                    match b.as_slice() {
                        [one] => *one,
                        _ => {
                            return Err(vm.type_error(
                                "%c requires an integer in range(256) or a single byte",
                            ));
                        }
                    }
                } else if crate::objects::int::as_int(&arg).is_some() {
                    match crate::objects::int::to_bigint(&arg)
                        .and_then(|b| num_traits::ToPrimitive::to_u8(&b))
                    {
                        Some(b) => b,
                        None => return Err(vm.overflow_error("%c arg not in range(256)")),
                    }
                } else {
                    return Err(
                        vm.type_error("%c requires an integer in range(256) or a single byte")
                    );
                };
                taipan_text::percent_text(&(byte as char).to_string(), flags, width, None)
            }
            's' | 'r' | 'a' => {
                let t = match spec.conversion {
                    's' => vm.str_string(&arg)?,
                    'r' => vm.repr_string(&arg)?,
                    _ => {
                        let a = crate::builtins::ascii_of(vm, &arg)?;
                        vm.str_lossy(&a)
                    }
                };
                taipan_text::percent_text(&t, flags, width, precision)
            }
            'c' => {
                let ch = if let Some(s) = crate::objects::str::as_str(&arg) {
                    if s.char_len() != 1 {
                        // CPython 3.13.0's message for every unusable %c argument.
                        return Err(vm.type_error("%c requires int or char"));
                    }
                    s.to_lossy().into_owned()
                } else if crate::objects::int::as_int(&arg).is_some() {
                    let big = crate::objects::int::to_bigint(&arg).unwrap_or_default();
                    let code =
                        taipan_text::percent_char_code(&big).map_err(|e| vm.text_error(e))?;
                    char::from_u32(code)
                        .map(String::from)
                        .unwrap_or_else(|| "\u{FFFD}".to_owned())
                } else {
                    return Err(vm.type_error("%c requires int or char"));
                };
                taipan_text::percent_text(&ch, flags, width, None)
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let big = match crate::objects::int::to_bigint(&arg) {
                    Some(b) => b,
                    None => {
                        if let Some(x) = crate::objects::float::as_float(&arg) {
                            if matches!(spec.conversion, 'o' | 'x' | 'X') {
                                return Err(vm.type_error(format!(
                                    "%{} format: an integer is required, not float",
                                    spec.conversion
                                )));
                            }
                            let v = crate::objects::int::float_to_int(vm, x)?;
                            crate::objects::int::to_bigint(&v).unwrap_or_default()
                        } else {
                            let name = if matches!(spec.conversion, 'o' | 'x' | 'X') {
                                vm.names.__index__.clone()
                            } else {
                                vm.names.__int__.clone()
                            };
                            match vm.call_special(&arg, &name, &[])? {
                                Some(r) => crate::objects::int::to_bigint(&r).unwrap_or_default(),
                                None => {
                                    let what = if matches!(spec.conversion, 'o' | 'x' | 'X') {
                                        "an integer"
                                    } else {
                                        "a real number"
                                    };
                                    return Err(vm.type_error(format!(
                                        "%{} format: {what} is required, not {}",
                                        spec.conversion,
                                        vm.type_name(&arg)
                                    )));
                                }
                            }
                        }
                    }
                };
                let conv = if spec.conversion == 'i' || spec.conversion == 'u' {
                    'd'
                } else {
                    spec.conversion
                };
                taipan_text::percent_int(&big, conv, flags, width, precision, vm.int_max_str_digits)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match crate::objects::float::as_float(&arg) {
                    Some(x) => x,
                    None if crate::objects::int::as_int(&arg).is_some() => {
                        crate::objects::float::float_from_value(vm, &arg)?
                    }
                    None => {
                        let name = vm.names.__float__.clone();
                        match vm.call_special(&arg, &name, &[])? {
                            Some(r) => crate::objects::float::as_float(&r).unwrap_or(0.0),
                            None => {
                                return Err(vm.type_error(format!(
                                    "must be real number, not {}",
                                    vm.type_name(&arg)
                                )));
                            }
                        }
                    }
                };
                taipan_text::percent_float(x, spec.conversion, flags, width, precision)
            }
            _ => return Err(vm.text_error(spec.unsupported())),
        };
        out.push_str(&text.map_err(|e| vm.text_error(e))?);
    }
    if next < items.len() && mapping.is_none() && !used_mapping {
        let what = if bytes_mode { "bytes" } else { "string" };
        return Err(vm.type_error(format!(
            "not all arguments converted during {what} formatting"
        )));
    }
    Ok(out)
}
