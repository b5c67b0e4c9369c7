//! Fuzz the disassembler and the code dump on arbitrary code objects: hostile bytecode (unknown
//! opcodes, runaway EXTENDED_ARGs, jumps anywhere, opargs past every table), garbage location
//! and exception tables, nested code constants. Every option of `dis` and the field dump must
//! produce text; nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_bytecode::dis::{Options, dis};
use taipan_bytecode::repr::ReprOptions;
use taipan_bytecode::{CodeFlags, CodeObject, Constant, LocalKind, PyString, dump, linetable};

/// Reads the fuzzer's bytes as a little program for building a code object.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.0.len());
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        taken
    }
}

fn constant(input: &mut Input<'_>, depth: u32) -> Constant {
    match input.byte() % 10 {
        0 => Constant::None,
        1 => Constant::int(i64::from(input.byte() as i8)),
        2 => Constant::Float(f64::from(input.byte()) / 3.0),
        3 => Constant::Str(PyString::from_code_points(
            input.take(3).iter().map(|&b| u32::from(b) * 257),
        )),
        4 => Constant::Bytes(input.take(3).into()),
        5 | 6 if depth < 4 => {
            let n = input.byte() % 4;
            let items: Box<[Constant]> = (0..n).map(|_| constant(input, depth + 1)).collect();
            if input.byte() % 2 == 0 {
                Constant::Tuple(items)
            } else {
                Constant::FrozenSet(items)
            }
        }
        7 if depth < 3 => Constant::Code(Box::new(code(input, depth + 1))),
        8 => Constant::Ellipsis,
        _ => Constant::Bool(input.byte() % 2 == 0),
    }
}

fn code(input: &mut Input<'_>, depth: u32) -> CodeObject {
    let mut code = CodeObject::empty("f");
    let len = 2 * usize::from(input.byte());
    code.code = input.take(len).to_vec();
    let len = usize::from(input.byte());
    code.linetable = input.take(len).to_vec();
    let len = usize::from(input.byte() % 32);
    code.exceptiontable = input.take(len).to_vec();
    code.firstlineno = i32::from(input.byte() as i8) * 1000;
    code.flags = CodeFlags(u32::from(input.byte()) << (input.byte() % 24));
    for _ in 0..input.byte() % 6 {
        code.consts.push(constant(input, depth));
    }
    for i in 0..input.byte() % 6 {
        code.names.push(PyString::new(&format!("n{i}")));
    }
    for i in 0..input.byte() % 6 {
        code.localsplusnames.push(PyString::new(&format!("v{i}")));
        code.localspluskinds.push(LocalKind(input.byte()));
    }
    code
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let code = code(&mut input, 0);
    for (show_caches, show_offsets) in [(false, false), (true, true)] {
        let options = Options {
            show_caches,
            show_offsets,
            depth: None,
            repr: ReprOptions::default(),
        };
        let text = dis(&code, &options);
        assert!(text.is_empty() || text.ends_with('\n'));
    }
    let _ = dump::dump(&code, &ReprOptions::default());
    // As in CPython, the location table (not `co_code`) decides how many positions there are:
    // each entry covers at most 8 code units and takes at least one byte.
    assert!(linetable::positions(&code).count() <= 8 * (code.linetable.len() + 1));
    let _ = linetable::lines(&code).count();
});
