//! `str.format()` and `str.format_map()`: CPython's replacement-field grammar
//! (`{field_name!conversion:format_spec}`, nested fields in the spec, `{{`/`}}`).

use crate::error::PyResult;
use crate::function::Args;
use crate::value::Value;
use crate::vm::Vm;

pub fn str_format(vm: &mut Vm, template: &str, args: Args<'_>, mapping: Option<Value>) -> PyResult {
    let mut auto = 0usize;
    let mut manual = false;
    let out = render(vm, template, &args, mapping.as_ref(), &mut auto, &mut manual, 2)?;
    Ok(vm.new_string(out))
}

fn render(
    vm: &mut Vm,
    template: &str,
    args: &Args<'_>,
    mapping: Option<&Value>,
    auto: &mut usize,
    manual: &mut bool,
    depth: u32,
) -> PyResult<String> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // A replacement field: find its matching '}'.
        let start = i + 1;
        let mut level = 1;
        let mut j = start;
        while j < chars.len() {
            match chars[j] {
                '{' => level += 1,
                '}' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(vm.value_error(if level > 1 { "expected '}' before end of string" } else { "expected '}' before end of string" }));
        }
        let field: String = chars[start..j].iter().collect();
        i = j + 1;
        if depth == 0 {
            return Err(vm.value_error("Max string recursion exceeded"));
        }
        // Split field_name, conversion, spec.
        let (name_part, rest) = split_field(&field);
        let (conversion, spec) = match rest {
            Some((conv, spec)) => (conv, spec),
            None => (None, String::new()),
        };
        let value = get_field(vm, &name_part, args, mapping, auto, manual)?;
        let value = match conversion {
            None => value,
            Some('r') => vm.repr(&value)?,
            Some('s') => vm.str(&value)?,
            Some('a') => crate::builtins::ascii_of(vm, &value)?,
            Some(c) => return Err(vm.value_error(format!("Unknown conversion specifier {c}"))),
        };
        let spec = if spec.contains('{') {
            render(vm, &spec, args, mapping, auto, manual, depth - 1)?
        } else {
            spec
        };
        let spec_v = vm.new_string(spec);
        let formatted = vm.format(&value, &spec_v)?;
        out.push_str(&vm.str_lossy(&formatted));
    }
    Ok(out)
}

/// (field name, Some((conversion, spec))) of a field's text.
fn split_field(field: &str) -> (String, Option<(Option<char>, String)>) {
    let chars: Vec<char> = field.chars().collect();
    let mut bracket = false;
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '[' => bracket = true,
            ']' => bracket = false,
            '!' | ':' if !bracket => {
                let name: String = chars[..k].iter().collect();
                if c == ':' {
                    return (name, Some((None, chars[k + 1..].iter().collect())));
                }
                let conv = chars.get(k + 1).copied();
                let spec = match chars.get(k + 2) {
                    Some(':') => chars[k + 3..].iter().collect(),
                    _ => String::new(),
                };
                return (name, Some((conv, spec)));
            }
            _ => {}
        }
    }
    (field.to_owned(), None)
}

fn get_field(vm: &mut Vm, name: &str, args: &Args<'_>, mapping: Option<&Value>, auto: &mut usize, manual: &mut bool) -> PyResult {
    // First part: up to '.' or '['.
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() {
        if *manual {
            return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"));
        }
        let idx = *auto;
        *auto += 1;
        match args.positional().get(idx) {
            Some(v) => v.clone(),
            None => return Err(vm.index_error(format!("Replacement index {idx} out of range for positional args tuple"))),
        }
    } else if let Ok(idx) = first.parse::<usize>() {
        if *auto > 0 {
            return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
        }
        *manual = true;
        match args.positional().get(idx) {
            Some(v) => v.clone(),
            None => return Err(vm.index_error(format!("Replacement index {idx} out of range for positional args tuple"))),
        }
    } else {
        let key = vm.new_str(first);
        match mapping {
            Some(m) => vm.get_item(m, &key)?,
            None => match args.keywords().find(|(k, _)| vm.str_lossy(k) == first) {
                Some((_, v)) => v.clone(),
                None => return Err(vm.key_error(key)),
            },
        }
    };
    // Then `.attr` and `[index]` parts.
    let rest: Vec<char> = name[first_end..].chars().collect();
    let mut k = 0;
    while k < rest.len() {
        if rest[k] == '.' {
            let end = rest[k + 1..].iter().position(|c| *c == '.' || *c == '[').map_or(rest.len(), |p| p + k + 1);
            let attr: String = rest[k + 1..end].iter().collect();
            if attr.is_empty() {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let a = vm.intern(&attr);
            value = crate::ops::get_attr(vm, &value, &a)?;
            k = end;
        } else if rest[k] == '[' {
            let end = rest[k + 1..].iter().position(|c| *c == ']').map(|p| p + k + 1).ok_or_else(|| vm.value_error("Missing ']' in format string"))?;
            let key: String = rest[k + 1..end].iter().collect();
            let key_v = match key.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => vm.new_string(key),
            };
            value = vm.get_item(&value, &key_v)?;
            k = end + 1;
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(value)
}
