//! Each error `marshal.loads` can raise, with its offset. Messages and exception classes are
//! those CPython 3.13.0 gives for the same bytes (`marshal.loads(DATA)` under
//! `PYENV_VERSION=3.13.0 python3`); the `Taipan*` kinds are this reader's own limits.

use taipan_pyc::marshal::{ErrorKind, MarshalError, NullIn, loads, loads_code};

/// The error for `data`, checked against CPython's class and message and the expected offset.
fn check(data: &[u8], exception: &str, message: &str, offset: usize) -> MarshalError {
    let error = loads(data).unwrap_err();
    assert_eq!(
        (error.exception(), error.message().as_str(), error.offset),
        (exception, message, offset),
        "{data:x?}"
    );
    assert_eq!(error.to_string(), format!("{message} at byte {offset}"));
    error
}

#[test]
fn data_ending_early() {
    check(b"", "EOFError", "EOF read where object expected", 0);
    check(
        b"(\x01\x00\x00\x00",
        "EOFError",
        "EOF read where object expected",
        5,
    );
    // A one-byte length is missing.
    check(b"z", "EOFError", "EOF read where not expected", 1);
    check(b")", "EOFError", "EOF read where not expected", 1);
    check(b"x\x031.5", "EOFError", "EOF read where not expected", 5);
    check(b"f\x05ab", "EOFError", "marshal data too short", 2);
    let mut code = b"c".to_vec();
    code.extend([0; 19]);
    check(&code, "EOFError", "marshal data too short", 17);
    check(b"i\x01", "EOFError", "marshal data too short", 1);
    check(
        b"s\x05\x00\x00\x00ab",
        "EOFError",
        "marshal data too short",
        5,
    );
    check(b"g\x00\x00", "EOFError", "marshal data too short", 1);
    // `l` with 2 digits and 1 given.
    check(
        b"l\x02\x00\x00\x00\x01\x00",
        "EOFError",
        "marshal data too short",
        7,
    );
    // A tuple declaring 2**31 - 1 items in a few bytes: no allocation, EOF after the first.
    check(
        b"(\xff\xff\xff\x7fN",
        "EOFError",
        "EOF read where object expected",
        6,
    );
}

#[test]
fn unknown_type_codes() {
    let error = check(
        b"q",
        "ValueError",
        "bad marshal data (unknown type code)",
        0,
    );
    assert_eq!(error.kind, ErrorKind::UnknownType(b'q'));
    check(
        b"\x80",
        "ValueError",
        "bad marshal data (unknown type code)",
        0,
    );
    check(
        b"(\x01\x00\x00\x00q",
        "ValueError",
        "bad marshal data (unknown type code)",
        5,
    );
}

#[test]
fn references() {
    let invalid = "bad marshal data (invalid reference)";
    check(b"r\x00\x00\x00\x00", "ValueError", invalid, 0);
    check(b"r\xff\xff\xff\xff", "ValueError", invalid, 0);
    // `r` with FLAG_REF is still a reference (b'\xf2...').
    check(b"\xf2\x00\x00\x00\x00", "ValueError", invalid, 0);
    // A frozenset is stored only once complete: a reference from inside it is invalid.
    check(
        b"\xbe\x01\x00\x00\x00r\x00\x00\x00\x00",
        "ValueError",
        invalid,
        5,
    );
    // So is a code object (marshal.loads(b'\xe3' + bytes(20) + b'r\0\0\0\0')).
    let mut code = b"\xe3".to_vec();
    code.extend([0; 20]);
    code.extend(b"r\x00\x00\x00\x00");
    check(&code, "ValueError", invalid, 21);
    // A tuple containing itself: CPython builds `((...),)`; a Constant cannot.
    let error = loads(b"\xa9\x01r\x00\x00\x00\x00").unwrap_err();
    assert_eq!(
        (error.kind, error.offset),
        (ErrorKind::TaipanRecursiveReference, 2)
    );
}

#[test]
fn sizes_out_of_range() {
    let cases: [(&[u8], &str); 7] = [
        (b"s\xff\xff\xff\xff", "bytes object size out of range"),
        (b"a\xff\xff\xff\xff", "string size out of range"),
        (b"u\x00\x00\x00\x80", "string size out of range"),
        (b"(\xff\xff\xff\xff", "tuple size out of range"),
        (b"[\xff\xff\xff\xff", "list size out of range"),
        (b"<\xff\xff\xff\xff", "set size out of range"),
        (b"l\x00\x00\x00\x80", "long size out of range"),
    ];
    for (data, what) in cases {
        check(data, "ValueError", &format!("bad marshal data ({what})"), 0);
    }
}

#[test]
fn bad_long_digits() {
    check(
        b"l\x03\x00\x00\x00\x00\x80\x01\x00",
        "ValueError",
        "bad marshal data (digit out of range in long)",
        5,
    );
    check(
        b"l\x01\x00\x00\x00\x00\x00",
        "ValueError",
        "bad marshal data (unnormalized long data)",
        5,
    );
}

#[test]
fn nulls() {
    check(
        b"0",
        "TypeError",
        "NULL object in marshal data for object",
        0,
    );
    check(
        b"\xb0",
        "TypeError",
        "NULL object in marshal data for object",
        0,
    );
    check(
        b"(\x01\x00\x00\x000",
        "TypeError",
        "NULL object in marshal data for tuple",
        5,
    );
    check(
        b"[\x01\x00\x00\x000",
        "TypeError",
        "NULL object in marshal data for list",
        5,
    );
    check(
        b"<\x01\x00\x00\x000",
        "TypeError",
        "NULL object in marshal data for set",
        5,
    );
    let mut code = b"c".to_vec();
    code.extend([0; 20]);
    code.push(b'0');
    let error = check(
        &code,
        "TypeError",
        "NULL object in marshal data for code object",
        21,
    );
    assert_eq!(error.kind, ErrorKind::Null(NullIn::Code));
}

#[test]
fn recursion_limit() {
    // 2000 nested tuples hold the None at depth 2001: marshal.loads(b')\x01' * 2000 + b'N').
    let mut data = b")\x01".repeat(2000);
    data.push(b'N');
    check(&data, "ValueError", "recursion limit exceeded", 4000);
    // 1999 are fine.
    assert!(loads(&data[2..]).is_ok());
}

#[test]
fn undecodable_utf8() {
    check(
        b"u\x02\x00\x00\x00\xc3(",
        "UnicodeDecodeError",
        "'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte",
        5,
    );
    check(
        b"t\x04\x00\x00\x00a\xf0\x90\x80",
        "UnicodeDecodeError",
        "'utf-8' codec can't decode bytes in position 1-3: unexpected end of data",
        6,
    );
}

#[test]
fn text_floats() {
    let message = |text: &str| format!("could not convert string to float: '{text}'");
    check(b"f\x03abc", "ValueError", &message("abc"), 0);
    check(b"f\x04 1.5", "ValueError", &message(" 1.5"), 0);
    check(b"f\x031_0", "ValueError", &message("1_0"), 0);
    check(b"f\x030x1", "ValueError", &message("0x1"), 0);
    check(b"f\x00", "ValueError", &message(""), 0);
    // The imaginary part of `x`.
    check(b"x\x031.5\x02-z", "ValueError", &message("-z"), 0);
    check(b"f", "EOFError", "EOF read where not expected", 1);
}

#[test]
fn unhashable_items() {
    check(
        b"<\x01\x00\x00\x00[\x00\x00\x00\x00",
        "TypeError",
        "unhashable type: 'list'",
        5,
    );
    check(
        b">\x01\x00\x00\x00)\x01{0",
        "TypeError",
        "unhashable type: 'dict'",
        5,
    );
    check(
        b"{[\x00\x00\x00\x00N0",
        "TypeError",
        "unhashable type: 'list'",
        1,
    );
    check(
        b"<\x01\x00\x00\x00<\x00\x00\x00\x00",
        "TypeError",
        "unhashable type: 'set'",
        5,
    );
}

/// A marshalled code object with these fields (defaults: a valid empty function).
#[derive(Clone)]
struct Code {
    counts: [i32; 5],
    fields: [&'static [u8]; 10],
}

impl Code {
    fn new() -> Code {
        Code {
            // argcount, posonlyargcount, kwonlyargcount, stacksize, flags
            counts: [0, 0, 0, 1, 0],
            fields: [
                b"s\x04\x00\x00\x00\x95\x00g\x00", // code: RESUME, RETURN_CONST
                b")\x01N",                         // consts
                b")\x00",                          // names
                b")\x00",                          // localsplusnames
                b"s\x00\x00\x00\x00",              // localspluskinds
                b"z\x01f",                         // filename
                b"z\x01n",                         // name
                b"z\x01q",                         // qualname
                b"s\x00\x00\x00\x00",              // linetable
                b"s\x00\x00\x00\x00",              // exceptiontable
            ],
        }
    }

    fn with(mut self, field: usize, data: &'static [u8]) -> Code {
        self.fields[field] = data;
        self
    }

    fn count(mut self, index: usize, value: i32) -> Code {
        self.counts[index] = value;
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = b"c".to_vec();
        for count in self.counts {
            out.extend(count.to_le_bytes());
        }
        for (i, field) in self.fields.iter().enumerate() {
            if i == 8 {
                out.extend(1i32.to_le_bytes()); // firstlineno
            }
            out.extend(*field);
        }
        out
    }
}

#[test]
fn code_object_checks() {
    assert!(loads_code(&Code::new().bytes()).is_ok());
    let bad = "Objects/codeobject.c:412: bad argument to internal function";
    let bad_arguments = [
        Code::new().with(0, b"N"),                 // code is not bytes
        Code::new().with(1, b"[\x00\x00\x00\x00"), // consts is a list
        Code::new().with(3, b")\x01z\x01x"),       // 1 name, 0 kinds
        Code::new().with(5, b"s\x00\x00\x00\x00"), // filename is bytes
        Code::new().with(7, b"N"),                 // qualname is None
        Code::new().with(8, b"N"),                 // linetable is None
        Code::new().count(0, -1),                  // argcount < 0
        Code::new().count(1, 5),                   // posonlyargcount > argcount
        Code::new().count(3, -1),                  // stacksize < 0
        Code::new().count(4, -1),                  // flags < 0
    ];
    for code in bad_arguments {
        check(&code.bytes(), "SystemError", bad, 0);
    }
    check(
        &Code::new().with(0, b"s\x03\x00\x00\x00\x95\x00g").bytes(),
        "ValueError",
        "code: co_code is malformed",
        0,
    );
    let too_small = "code: co_varnames is too small";
    check(&Code::new().count(0, 1).bytes(), "ValueError", too_small, 0);
    check(&Code::new().count(2, 1).bytes(), "ValueError", too_small, 0);
    // One local (kind 0x20) covers one argument, but not with *args (flags 0x04) too.
    let one_local = Code::new()
        .with(3, b")\x01z\x01x")
        .with(4, b"s\x01\x00\x00\x00\x20")
        .count(0, 1);
    assert!(loads_code(&one_local.bytes()).is_ok());
    check(
        &one_local.clone().count(4, 4).bytes(),
        "ValueError",
        too_small,
        0,
    );
    // A cell is not a local.
    let cell = one_local.with(4, b"s\x01\x00\x00\x00\x40");
    check(&cell.bytes(), "ValueError", too_small, 0);
    let non_string = "non-string found in code slot";
    check(
        &Code::new().with(2, b")\x01N").bytes(),
        "SystemError",
        non_string,
        0,
    );
    check(
        &Code::new()
            .with(3, b")\x01N")
            .with(4, b"s\x01\x00\x00\x00\x20")
            .bytes(),
        "SystemError",
        non_string,
        0,
    );
}

#[test]
fn not_a_code_object() {
    let error = loads_code(b"N").unwrap_err();
    assert_eq!(error.kind, ErrorKind::TaipanNotCode("NoneType"));
    assert_eq!(
        error.to_string(),
        "expected a code object, found NoneType at byte 0"
    );
}
