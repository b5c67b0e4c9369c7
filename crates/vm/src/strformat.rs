//! `str.format()` and `str.format_map()`: CPython's replacement-field grammar
//! (`{field_name!conversion:format_spec}`, nested fields in the spec, `{{`/`}}`), parsed the
//! way CPython's markup iterator does so that the same malformed templates raise the same
//! `ValueError` at the same point (fields before the error are still evaluated, in order).

use taipan_text::unicode as uni;

use crate::error::PyResult;
use crate::function::Args;
use crate::value::Value;
use crate::vm::Vm;

/// PEP 3101: a format spec may hold replacement fields, but only one level deep.
const MAX_DEPTH: u32 = 2;

/// How positional fields are being numbered: CPython forbids mixing `{}` and `{0}`.
#[derive(Clone, Copy, PartialEq)]
enum Numbering {
    Unset,
    Auto,
    Manual,
}

struct State<'a, 'b> {
    args: &'b Args<'a>,
    /// `format_map`'s mapping; `None` for `format` (keywords come from `args`).
    mapping: Option<&'b Value>,
    numbering: Numbering,
    next_auto: usize,
}

pub fn str_format(vm: &mut Vm, template: &str, args: Args<'_>, mapping: Option<Value>) -> PyResult {
    let chars: Vec<char> = template.chars().collect();
    let mut state = State {
        args: &args,
        mapping: mapping.as_ref(),
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    let out = build(vm, &chars, &mut state, MAX_DEPTH)?;
    Ok(vm.new_string(out))
}

/// One parsed replacement field.
struct Field {
    name: Vec<char>,
    conversion: Option<char>,
    spec: Vec<char>,
    spec_has_fields: bool,
}

fn build(vm: &mut Vm, chars: &[char], state: &mut State<'_, '_>, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(chars.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '{' && c != '}' {
            out.push(c);
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        if c == '}' {
            // As CPython: a lone '}' is an error; '}}' is a literal brace.
            if next != Some('}') {
                return Err(vm.value_error("Single '}' encountered in format string"));
            }
            out.push('}');
            i += 2;
            continue;
        }
        match next {
            None => return Err(vm.value_error("Single '{' encountered in format string")),
            Some('{') => {
                out.push('{');
                i += 2;
                continue;
            }
            Some(_) => {}
        }
        let (field, end) = parse_field(vm, chars, i + 1)?;
        i = end;
        render_field(vm, &field, state, depth, &mut out)?;
    }
    Ok(out)
}

/// Parse the field starting just after its '{'; returns it and the index after its '}'.
fn parse_field(vm: &Vm, chars: &[char], start: usize) -> PyResult<(Field, usize)> {
    let mut i = start;
    let mut stop = None;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '{' => return Err(vm.value_error("unexpected '{' in field name")),
            // An index may hold any character up to its ']'.
            '[' => {
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
            }
            '}' | ':' | '!' => {
                stop = Some(c);
                break;
            }
            _ => {}
        }
    }
    let name_end = if stop.is_some() { i - 1 } else { i };
    let name = chars[start..name_end].to_vec();
    let mut field = Field {
        name,
        conversion: None,
        spec: Vec::new(),
        spec_has_fields: false,
    };
    match stop {
        Some('}') => return Ok((field, i)),
        None => return Err(vm.value_error("expected '}' before end of string")),
        _ => {}
    }
    if stop == Some('!') {
        let Some(&conv) = chars.get(i) else {
            return Err(vm.value_error("end of string while looking for conversion specifier"));
        };
        field.conversion = Some(conv);
        i += 1;
        if let Some(&c) = chars.get(i) {
            i += 1;
            if c == '}' {
                return Ok((field, i));
            }
            if c != ':' {
                return Err(vm.value_error("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = i;
    let mut level = 1;
    while i < chars.len() {
        match chars[i] {
            '{' => {
                field.spec_has_fields = true;
                level += 1;
            }
            '}' => {
                level -= 1;
                if level == 0 {
                    field.spec = chars[spec_start..i].to_vec();
                    return Ok((field, i + 1));
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(vm.value_error("unmatched '{' in format spec"))
}

fn render_field(
    vm: &mut Vm,
    field: &Field,
    state: &mut State<'_, '_>,
    depth: u32,
    out: &mut String,
) -> PyResult<()> {
    let mut value = field_value(vm, &field.name, state)?;
    if let Some(conv) = field.conversion {
        value = match conv {
            'r' => vm.repr(&value)?,
            's' => vm.str(&value)?,
            'a' => crate::builtins::ascii_of(vm, &value)?,
            c if (c as u32) > 32 && (c as u32) < 127 => {
                return Err(vm.value_error(format!("Unknown conversion specifier {c}")));
            }
            c => {
                return Err(
                    vm.value_error(format!("Unknown conversion specifier \\x{:x}", c as u32))
                );
            }
        };
    }
    let spec = if field.spec_has_fields {
        build(vm, &field.spec, state, depth - 1)?
    } else {
        field.spec.iter().collect()
    };
    let spec_v = vm.new_string(spec);
    let formatted = vm.format(&value, &spec_v)?;
    out.push_str(&vm.str_lossy(&formatted));
    Ok(())
}

/// CPython's field-name integer: all decimal digits (any script), else not an index.
fn field_index(vm: &Vm, part: &[char]) -> PyResult<Option<usize>> {
    if part.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for &c in part {
        let Some(d) = uni::decimal_value(c as u32) else {
            return Ok(None);
        };
        acc = match acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(d as usize))
            .filter(|&a| a <= isize::MAX as usize)
        {
            Some(a) => a,
            None => return Err(vm.value_error("Too many decimal digits in format string")),
        };
    }
    Ok(Some(acc))
}

fn field_value(vm: &mut Vm, name: &[char], state: &mut State<'_, '_>) -> PyResult {
    let first_end = name
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let index = field_index(vm, first)?;
    let empty = first.is_empty();
    let mut value = if empty || index.is_some() {
        if state.numbering == Numbering::Unset {
            state.numbering = if empty {
                Numbering::Auto
            } else {
                Numbering::Manual
            };
        }
        match (state.numbering, empty) {
            (Numbering::Manual, true) => {
                return Err(vm.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            (Numbering::Auto, false) => {
                return Err(vm.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            _ => {}
        }
        let idx = match index {
            Some(i) => i,
            None => {
                let i = state.next_auto;
                state.next_auto += 1;
                i
            }
        };
        if state.mapping.is_some() {
            return Err(vm.value_error("Format string contains positional fields"));
        }
        match state.args.positional().get(idx) {
            Some(v) => v.clone(),
            None => {
                return Err(vm.index_error(format!(
                    "Replacement index {idx} out of range for positional args tuple"
                )));
            }
        }
    } else {
        let key_text: String = first.iter().collect();
        match state.mapping {
            Some(m) => {
                let key = vm.new_string(key_text);
                vm.get_item(m, &key)?
            }
            None => match state
                .args
                .keywords()
                .find(|(k, _)| vm.str_lossy(k) == key_text)
            {
                Some((_, v)) => v.clone(),
                None => {
                    let key = vm.new_string(key_text);
                    return Err(vm.key_error(key));
                }
            },
        }
    };
    // Then `.attr` and `[key]` parts.
    let rest = &name[first_end..];
    let mut k = 0;
    while k < rest.len() {
        let lead = rest[k];
        k += 1;
        let part_start = k;
        match lead {
            '.' => {
                while k < rest.len() && rest[k] != '.' && rest[k] != '[' {
                    k += 1;
                }
                let part = &rest[part_start..k];
                if part.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let attr: String = part.iter().collect();
                let a = vm.intern(&attr);
                value = crate::ops::get_attr(vm, &value, &a)?;
            }
            '[' => {
                while k < rest.len() && rest[k] != ']' {
                    k += 1;
                }
                if k >= rest.len() {
                    return Err(vm.value_error("Missing ']' in format string"));
                }
                let part = &rest[part_start..k];
                k += 1;
                if part.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let key = match field_index(vm, part)? {
                    Some(n) => Value::Int(n as i64),
                    None => vm.new_string(part.iter().collect::<String>()),
                };
                value = vm.get_item(&value, &key)?;
            }
            _ => {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        }
    }
    Ok(value)
}
