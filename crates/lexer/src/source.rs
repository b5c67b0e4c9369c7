//! From bytes to source text: the UTF-8 byte order mark and PEP 263 coding cookies, found and
//! applied as CPython's `tokenize.detect_encoding` does.

use std::borrow::Cow;

/// Source bytes decoded to text.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding's name as `tokenize` reports it in its ENCODING token (`utf-8`,
    /// `iso-8859-1`, or the cookie's spelling).
    pub encoding: String,
    /// True if the bytes began with a UTF-8 byte order mark (removed from `text`).
    pub bom: bool,
}

/// Why bytes could not be decoded; `Display` gives CPython's message.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum DecodeError {
    /// A cookie line that is not valid UTF-8.
    InvalidDeclaration { filename: Option<String> },
    UnknownEncoding {
        filename: Option<String>,
        encoding: String,
    },
    /// A byte order mark and a cookie that is not UTF-8.
    BomMismatch { filename: Option<String> },
    /// Bytes not valid in the encoding: CPython's `UnicodeDecodeError` text.
    Undecodable {
        encoding: String,
        byte: u8,
        position: usize,
        reason: &'static str,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::InvalidDeclaration { filename: None } => {
                f.write_str("invalid or missing encoding declaration")
            }
            DecodeError::InvalidDeclaration {
                filename: Some(name),
            } => {
                write!(
                    f,
                    "invalid or missing encoding declaration for {}",
                    crate::python_repr(name)
                )
            }
            DecodeError::UnknownEncoding {
                filename: None,
                encoding,
            } => write!(f, "unknown encoding: {encoding}"),
            DecodeError::UnknownEncoding {
                filename: Some(name),
                encoding,
            } => {
                write!(
                    f,
                    "unknown encoding for {}: {encoding}",
                    crate::python_repr(name)
                )
            }
            DecodeError::BomMismatch { filename: None } => f.write_str("encoding problem: utf-8"),
            DecodeError::BomMismatch {
                filename: Some(name),
            } => {
                write!(
                    f,
                    "encoding problem for {}: utf-8",
                    crate::python_repr(name)
                )
            }
            DecodeError::Undecodable {
                encoding,
                byte,
                position,
                reason,
            } => write!(
                f,
                "'{encoding}' codec can't decode byte 0x{byte:02x} in position {position}: {reason}"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// A codec this crate can decode with.
#[derive(Clone, Copy, Debug)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
    Other(&'static encoding_rs::Encoding),
}

/// CPython's `get_normal_name`: the spellings of UTF-8 and Latin-1 it normalises.
fn normal_name(name: &str) -> String {
    let enc: String = name
        .chars()
        .take(12)
        .collect::<String>()
        .to_lowercase()
        .replace('_', "-");
    if enc == "utf-8" || enc.starts_with("utf-8-") {
        return "utf-8".into();
    }
    const LATIN: [&str; 3] = ["latin-1", "iso-8859-1", "iso-latin-1"];
    if LATIN.contains(&enc.as_str()) || LATIN.iter().any(|l| enc.starts_with(&format!("{l}-"))) {
        return "iso-8859-1".into();
    }
    name.to_owned()
}

/// Python's codec lookup, for the codecs source files use. Python normalises a name by
/// lowercasing it and turning runs of non-alphanumerics (other than `.`) into `_`.
fn lookup(name: &str) -> Option<Codec> {
    let mut key = String::with_capacity(name.len());
    let mut pending_sep = false;
    for ch in name.chars() {
        if ch.is_alphanumeric() || ch == '.' {
            if pending_sep && !key.is_empty() {
                key.push('_');
            }
            pending_sep = false;
            key.extend(ch.to_lowercase());
        } else {
            pending_sep = true;
        }
    }
    let label = match key.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => {
            return Some(Codec::Utf8);
        }
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "cp367"
        | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" => {
            return Some(Codec::Ascii);
        }
        "latin_1" | "latin1" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "latin"
        | "iso_ir_100" | "csisolatin1" | "ibm819" => return Some(Codec::Latin1),
        "cp1252" | "windows_1252" => "windows-1252",
        "cp1250" | "windows_1250" => "windows-1250",
        "cp1251" | "windows_1251" => "windows-1251",
        "cp1253" | "windows_1253" => "windows-1253",
        "cp1254" | "windows_1254" => "windows-1254",
        "cp1255" | "windows_1255" => "windows-1255",
        "cp1256" | "windows_1256" => "windows-1256",
        "cp1257" | "windows_1257" => "windows-1257",
        "cp1258" | "windows_1258" => "windows-1258",
        "iso8859_15" | "iso_8859_15" | "latin9" | "l9" => "iso-8859-15",
        "iso8859_2" | "iso_8859_2" | "latin2" | "l2" => "iso-8859-2",
        "iso8859_5" | "iso_8859_5" | "cyrillic" => "iso-8859-5",
        "iso8859_7" | "iso_8859_7" | "greek" | "greek8" => "iso-8859-7",
        "koi8_r" => "koi8-r",
        "koi8_u" => "koi8-u",
        "cp866" | "866" | "ibm866" => "ibm866",
        "mac_roman" | "macroman" | "macintosh" => "macintosh",
        "cp932" | "932" | "ms932" | "mskanji" | "ms_kanji" | "shift_jis" | "sjis" | "s_jis"
        | "csshiftjis" => "shift_jis",
        "euc_jp" | "eucjp" | "ujis" | "u_jis" => "euc-jp",
        "cp949" | "949" | "ms949" | "uhc" | "euc_kr" | "euckr" => "euc-kr",
        "gbk" | "936" | "cp936" | "ms936" | "gb2312" | "euc_cn" | "euccn" => "gbk",
        "gb18030" | "gb18030_2000" => "gb18030",
        "big5" | "big5_tw" | "csbig5" => "big5",
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes()).map(Codec::Other)
}

/// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`, as `tokenize`'s `cookie_re` (ASCII `\w`).
fn find_cookie_name(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches([' ', '\t', '\x0c']);
    let rest = rest.strip_prefix('#')?;
    let mut search = rest;
    while let Some(i) = search.find("coding") {
        let after = &search[i + 6..];
        if let Some(value) = after.strip_prefix([':', '=']) {
            let value = value.trim_start_matches([' ', '\t']);
            let len = value
                .bytes()
                .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
                .count();
            if len > 0 {
                return Some(&value[..len]);
            }
        }
        search = &search[i + 1..];
    }
    None
}

/// `^[ \t\f]*(?:[#\r\n]|$)`: a line that is blank or only a comment.
fn is_blank(line: &[u8]) -> bool {
    let i = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | 0x0c))
        .unwrap_or(line.len());
    matches!(line.get(i), None | Some(b'#' | b'\r' | b'\n'))
}

/// The first `n` lines of `bytes` (each with its `\n`).
fn first_lines(bytes: &[u8]) -> (&[u8], &[u8]) {
    let split = |b: &[u8]| -> usize { memchr::memchr(b'\n', b).map_or(b.len(), |i| i + 1) };
    let first_len = split(bytes);
    let second_len = split(&bytes[first_len..]);
    (
        &bytes[..first_len],
        &bytes[first_len..first_len + second_len],
    )
}

/// `tokenize.detect_encoding`: the encoding name and whether a BOM was found.
pub fn detect_encoding(
    bytes: &[u8],
    filename: Option<&str>,
) -> Result<(String, bool), DecodeError> {
    let (bytes, bom) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let default = || {
        if bom {
            "utf-8-sig".to_owned()
        } else {
            "utf-8".to_owned()
        }
    };
    let filename = filename.map(str::to_owned);
    let find_cookie = |line: &[u8]| -> Result<Option<String>, DecodeError> {
        let Ok(text) = std::str::from_utf8(line) else {
            return Err(DecodeError::InvalidDeclaration {
                filename: filename.clone(),
            });
        };
        let Some(name) = find_cookie_name(text) else {
            return Ok(None);
        };
        let encoding = normal_name(name);
        if lookup(&encoding).is_none() {
            return Err(DecodeError::UnknownEncoding {
                filename: filename.clone(),
                encoding,
            });
        }
        if bom {
            if encoding != "utf-8" {
                return Err(DecodeError::BomMismatch {
                    filename: filename.clone(),
                });
            }
            return Ok(Some("utf-8-sig".to_owned()));
        }
        Ok(Some(encoding))
    };
    let (first, second) = first_lines(bytes);
    if first.is_empty() {
        return Ok((default(), bom));
    }
    if let Some(encoding) = find_cookie(first)? {
        return Ok((encoding, bom));
    }
    if !is_blank(first) || second.is_empty() {
        return Ok((default(), bom));
    }
    Ok((find_cookie(second)?.unwrap_or_else(default), bom))
}

/// How to treat bytes the encoding cannot decode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Errors {
    /// Fail, as CPython's compiler does.
    Strict,
    /// Put U+FFFD in their place, as the `tokenize` module does past the lines that
    /// `detect_encoding` reads.
    Replace,
}

/// Decode source bytes: detect the encoding, strip a BOM, decode.
pub fn decode<'a>(
    bytes: &'a [u8],
    filename: Option<&str>,
    errors: Errors,
) -> Result<Decoded<'a>, DecodeError> {
    let (encoding, bom) = detect_encoding(bytes, filename)?;
    let body = if bom { &bytes[BOM.len()..] } else { bytes };
    let encoding = if encoding == "utf-8-sig" {
        "utf-8".to_owned()
    } else {
        encoding
    };
    let codec = lookup(&encoding).expect("detect_encoding checked the codec");
    let text = match errors {
        Errors::Strict => decode_with(codec, body, &encoding)?,
        Errors::Replace => decode_lossy(codec, body),
    };
    Ok(Decoded {
        text,
        encoding,
        bom,
    })
}

fn decode_lossy(codec: Codec, bytes: &[u8]) -> Cow<'_, str> {
    match codec {
        Codec::Utf8 => String::from_utf8_lossy(bytes),
        Codec::Ascii => match std::str::from_utf8(bytes) {
            Ok(text) if text.is_ascii() => Cow::Borrowed(text),
            _ => Cow::Owned(
                bytes
                    .iter()
                    .map(|&b| if b < 0x80 { b as char } else { '\u{fffd}' })
                    .collect(),
            ),
        },
        Codec::Latin1 => Cow::Owned(bytes.iter().map(|&b| b as char).collect()),
        Codec::Other(encoding) => encoding.decode_without_bom_handling(bytes).0,
    }
}

fn decode_with<'a>(codec: Codec, bytes: &'a [u8], name: &str) -> Result<Cow<'a, str>, DecodeError> {
    match codec {
        Codec::Utf8 => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => {
                let position = e.valid_up_to();
                let byte = bytes[position];
                let reason = match e.error_len() {
                    None => "unexpected end of data",
                    Some(_) if (0x80..0xc2).contains(&byte) || byte >= 0xf5 => "invalid start byte",
                    Some(_) => "invalid continuation byte",
                };
                Err(DecodeError::Undecodable {
                    encoding: "utf-8".into(),
                    byte,
                    position,
                    reason,
                })
            }
        },
        Codec::Ascii => match bytes.iter().position(|&b| b >= 0x80) {
            None => Ok(Cow::Borrowed(
                std::str::from_utf8(bytes).expect("ASCII is UTF-8"),
            )),
            Some(position) => Err(DecodeError::Undecodable {
                encoding: "ascii".into(),
                byte: bytes[position],
                position,
                reason: "ordinal not in range(128)",
            }),
        },
        Codec::Latin1 => Ok(Cow::Owned(bytes.iter().map(|&b| b as char).collect())),
        Codec::Other(encoding) => {
            match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => Ok(text),
                None => {
                    // Find the first undecodable byte for the message.
                    let mut decoder = encoding.new_decoder_without_bom_handling();
                    let mut out = String::with_capacity(bytes.len() * 3 + 16);
                    let (_, read) =
                        decoder.decode_to_string_without_replacement(bytes, &mut out, true);
                    let position = read.saturating_sub(1).min(bytes.len().saturating_sub(1));
                    Err(DecodeError::Undecodable {
                        encoding: name.to_owned(),
                        byte: bytes.get(position).copied().unwrap_or(0),
                        position,
                        reason: "illegal multibyte sequence",
                    })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies() {
        assert_eq!(
            find_cookie_name("# -*- coding: latin-1 -*-"),
            Some("latin-1")
        );
        assert_eq!(
            find_cookie_name("  # vim: set fileencoding=utf-8 :"),
            Some("utf-8")
        );
        assert_eq!(find_cookie_name("x = 1 # coding: latin-1"), None);
        assert_eq!(normal_name("Latin_1"), "iso-8859-1");
        assert_eq!(normal_name("UTF8"), "UTF8");
        assert_eq!(normal_name("utf_8"), "utf-8");
    }

    #[test]
    fn detect() {
        assert_eq!(
            detect_encoding(b"x = 1\n", None).unwrap(),
            ("utf-8".into(), false)
        );
        assert_eq!(
            detect_encoding(b"\xef\xbb\xbfx\n", None).unwrap(),
            ("utf-8-sig".into(), true)
        );
        assert_eq!(
            detect_encoding(b"#!/bin/python\n# coding: latin-1\n", None)
                .unwrap()
                .0,
            "iso-8859-1"
        );
        assert_eq!(
            detect_encoding(b"x = 1\n# coding: latin-1\n", None)
                .unwrap()
                .0,
            "utf-8"
        );
        assert!(matches!(
            detect_encoding(b"# coding: nope\n", None),
            Err(DecodeError::UnknownEncoding { .. })
        ));
    }
}
