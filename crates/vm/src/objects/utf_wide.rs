//! Decoding UTF-16 and UTF-32 (`bytes.decode('utf-16')`, `-le`/`-be`, and the BOM-reading
//! plain names), with CPython's error reasons ("truncated data", "illegal UTF-16 surrogate",
//! "illegal encoding", "code point not in range(0x110000)") and error handlers.

use crate::error::PyResult;

use crate::value::Value;
use crate::vm::Vm;

/// Which wide encoding: unit size, byte order, and whether a BOM may choose the order.
#[derive(Clone, Copy)]
pub struct Wide {
    pub four: bool,
    pub big: bool,
    pub bom: bool,
}

impl Wide {
    /// The wide codec for a normalised encoding name.
    pub fn from_name(name: &str) -> Option<Wide> {
        let (four, rest) = if let Some(r) = name.strip_prefix("utf-16") {
            (false, r)
        } else if let Some(r) = name.strip_prefix("utf16") {
            (false, r)
        } else if let Some(r) = name.strip_prefix("utf-32") {
            (true, r)
        } else if let Some(r) = name.strip_prefix("utf32") {
            (true, r)
        } else {
            return None;
        };
        let (big, bom) = match rest {
            "" => (false, true),
            "-le" | "le" => (false, false),
            "-be" | "be" => (true, false),
            _ => return None,
        };
        Some(Wide { four, big, bom })
    }

    fn name(self) -> &'static str {
        match (self.four, self.big) {
            (false, false) => "utf-16-le",
            (false, true) => "utf-16-be",
            (true, false) => "utf-32-le",
            (true, true) => "utf-32-be",
        }
    }
}

/// Decode `data`; `errors` as `bytes.decode` takes it.
pub fn decode(vm: &mut Vm, data: &[u8], mut codec: Wide, errors: &str) -> PyResult {
    let unit = if codec.four { 4 } else { 2 };
    let mut pos = 0;
    if codec.bom {
        // A byte-order mark picks the order and is dropped; without one, little-endian.
        let (le, be): (&[u8], &[u8]) = if codec.four {
            (&[0xFF, 0xFE, 0, 0], &[0, 0, 0xFE, 0xFF])
        } else {
            (&[0xFF, 0xFE], &[0xFE, 0xFF])
        };
        if data.starts_with(le) {
            pos = unit;
        } else if data.starts_with(be) {
            codec.big = true;
            pos = unit;
        }
    }
    let read = |at: usize| -> u32 {
        let bytes = &data[at..at + unit];
        let mut v: u32 = 0;
        for k in 0..unit {
            let b = if codec.big {
                bytes[k]
            } else {
                bytes[unit - 1 - k]
            };
            v = (v << 8) | u32::from(b);
        }
        v
    };
    let mut out: Vec<u32> = Vec::with_capacity(data.len() / unit);
    while pos < data.len() {
        let (bad_end, reason) = if data.len() - pos < unit {
            (data.len(), "truncated data")
        } else {
            let u = read(pos);
            if codec.four {
                if u > 0x10FFFF {
                    (pos + 4, "code point not in range(0x110000)")
                } else if (0xD800..0xE000).contains(&u) {
                    (
                        pos + 4,
                        "code point in surrogate code point range(0xd800, 0xe000)",
                    )
                } else {
                    out.push(u);
                    pos += 4;
                    continue;
                }
            } else if (0xD800..0xDC00).contains(&u) {
                if data.len() - pos < 4 {
                    (data.len(), "unexpected end of data")
                } else {
                    let low = read(pos + 2);
                    if (0xDC00..0xE000).contains(&low) {
                        out.push(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                        pos += 4;
                        continue;
                    }
                    (pos + 2, "illegal UTF-16 surrogate")
                }
            } else if (0xDC00..0xE000).contains(&u) {
                (pos + 2, "illegal encoding")
            } else {
                out.push(u);
                pos += 2;
                continue;
            }
        };
        match errors {
            "replace" => out.push(0xFFFD),
            "ignore" => {}
            "backslashreplace" => {
                for b in &data[pos..bad_end] {
                    out.extend(format!("\\x{b:02x}").chars().map(|c| c as u32));
                }
            }
            _ => {
                let object = vm.new_bytes(data.to_vec());
                return Err(crate::objects::bytes::unicode_error(
                    vm,
                    true,
                    codec.name(),
                    object,
                    pos,
                    bad_end,
                    reason,
                ));
            }
        }
        pos = bad_end;
    }
    let s: Value = vm.new_str_obj(crate::str::PyStr::from_code_points(out));
    Ok(s)
}
