//! Fuzz the compiler's back end (CFG optimisation and assembly) on hand-made instruction
//! sequences, as a researcher might feed `optimize_and_assemble` (CPython's
//! `_testinternalcapi.optimize_cfg` + `assemble_code_object`): any opcode of the real and
//! pseudo tables (specialized ones too), opargs from small to extreme, jumps to labels placed
//! anywhere (or nowhere), odd locations, and unit metadata with a few locals, cells, free
//! variables and constants. Every input must give a code object or a `CompileError`; nothing
//! may panic, hang or run out of memory. A code object that comes out must disassemble.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_bytecode::{CodeFlags, Constant, JumpKind, Opcode, PyString};
use taipan_compiler::ir::{InstructionSequence, Label, Location};
use taipan_compiler::optimize_and_assemble;
use taipan_compiler::unit::UnitMetadata;

/// Reads the fuzzer's bytes as a little program for building a sequence.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }

    fn i32(&mut self) -> i32 {
        i32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The opcodes code generation emits most, and those the passes treat specially: most
/// instructions are picked from these, the others from the whole table.
const COMMON: &[&str] = &[
    "NOP",
    "POP_TOP",
    "LOAD_CONST",
    "RETURN_CONST",
    "RETURN_VALUE",
    "LOAD_FAST",
    "STORE_FAST",
    "LOAD_FAST_CHECK",
    "LOAD_CLOSURE",
    "LOAD_DEREF",
    "STORE_DEREF",
    "DELETE_FAST",
    "STORE_FAST_MAYBE_NULL",
    "SWAP",
    "COPY",
    "BUILD_TUPLE",
    "BUILD_LIST",
    "UNPACK_SEQUENCE",
    "IS_OP",
    "CONTAINS_OP",
    "COMPARE_OP",
    "TO_BOOL",
    "UNARY_NOT",
    "JUMP",
    "JUMP_NO_INTERRUPT",
    "JUMP_FORWARD",
    "JUMP_BACKWARD",
    "POP_JUMP_IF_TRUE",
    "POP_JUMP_IF_FALSE",
    "POP_JUMP_IF_NONE",
    "POP_JUMP_IF_NOT_NONE",
    "JUMP_IF_TRUE",
    "JUMP_IF_FALSE",
    "FOR_ITER",
    "SEND",
    "SETUP_FINALLY",
    "SETUP_CLEANUP",
    "SETUP_WITH",
    "POP_BLOCK",
    "RERAISE",
    "RAISE_VARARGS",
    "PUSH_EXC_INFO",
    "POP_EXCEPT",
    "CALL",
    "RESUME",
    "LOAD_GLOBAL",
    "LOAD_ATTR",
    "LOAD_NAME",
    "STORE_NAME",
    "GET_ITER",
    "END_FOR",
    "MAKE_CELL",
    "COPY_FREE_VARS",
    "RETURN_GENERATOR",
    "YIELD_VALUE",
    "EXTENDED_ARG",
    "CACHE",
];

fn oparg(input: &mut Input<'_>) -> i32 {
    match input.byte() {
        0..=199 => i32::from(input.byte() % 8),
        200..=219 => i32::from(input.byte()),
        220..=239 => [
            -1,
            -2,
            i32::MIN,
            i32::MAX,
            i32::MAX - 1,
            255,
            256,
            0xFFFF,
            0x1_0000,
            0xFF_FFFF,
            0x100_0000,
            1000,
            -1000,
            i32::MIN + 1,
            0x7FFF_FFFE,
            16,
        ][usize::from(input.byte() % 16)],
        _ => input.i32(),
    }
}

fn location(input: &mut Input<'_>, previous: Location) -> Location {
    match input.byte() % 8 {
        0..=2 => previous,
        3 => Location::NONE,
        4 => {
            let line = i32::from(input.byte() % 8) + 1;
            Location::new(line, line, 0, 1)
        }
        5 => Location::new(
            i32::from(input.byte() % 8) + 1,
            i32::from(input.byte() % 8) + 1,
            i32::from(input.byte()) - 1,
            i32::from(input.byte()) - 1,
        ),
        6 => Location::new(input.i32(), input.i32(), input.i32(), input.i32()),
        _ => Location::line(i32::from(input.byte() % 4)),
    }
}

fn constant(input: &mut Input<'_>, depth: u32) -> Constant {
    match input.byte() % 10 {
        0 => Constant::None,
        1 => Constant::int(i64::from(input.byte() as i8)),
        2 => Constant::Float(f64::from(input.byte()) / 3.0),
        3 => Constant::Str(PyString::new(&format!("s{}", input.byte() % 4))),
        4 => Constant::Bytes(vec![input.byte() % 4].into()),
        5 | 6 if depth < 3 => {
            let n = input.byte() % 4;
            let items: Box<[Constant]> = (0..n).map(|_| constant(input, depth + 1)).collect();
            if input.byte() % 2 == 0 {
                Constant::Tuple(items)
            } else {
                Constant::FrozenSet(items)
            }
        }
        7 => Constant::Ellipsis,
        _ => Constant::Bool(input.byte() % 2 == 0),
    }
}

fn names(prefix: &str, n: u8) -> Vec<PyString> {
    (0..n)
        .map(|i| PyString::new(&format!("{prefix}{i}")))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let all: Vec<Opcode> = Opcode::all().collect();
    let common: Vec<Opcode> = COMMON.iter().filter_map(|n| Opcode::from_name(n)).collect();

    let mut metadata = UnitMetadata::new("f");
    metadata.varnames = names("v", input.byte() % 6);
    // Some cells share a name with a local (a parameter that is also a cell).
    let cells = input.byte();
    metadata.cellvars = names(if cells & 0x80 != 0 { "v" } else { "c" }, cells % 4);
    metadata.freevars = names("f", input.byte() % 3);
    metadata.names = names("n", input.byte() % 4);
    let flags = input.byte();
    metadata.flags = CodeFlags(
        u32::from(flags & 0x0f) | if flags & 0x10 != 0 { 0x20 } else { 0 } // generator
            | if flags & 0x20 != 0 { 0x80 } else { 0 } // coroutine
            | if flags & 0x40 != 0 { 0x200 } else { 0 }, // async generator
    );
    metadata.argcount = u32::from(input.byte() % 4);
    metadata.firstlineno = match input.byte() % 4 {
        0 => input.i32(),
        _ => 1,
    };
    for _ in 0..input.byte() % 6 {
        metadata.consts.push(constant(&mut input, 0));
    }
    let nparams = usize::from(input.byte() % 8);

    let mut seq = InstructionSequence::new();
    let labels: Vec<Label> = (0..input.byte() % 8 + 1).map(|_| seq.new_label()).collect();
    let mut placed = vec![false; labels.len()];
    let mut loc = Location::line(1);
    let mut count = 0;
    while !input.is_empty() && count < 512 {
        count += 1;
        // Place labels before this instruction (a label is placed once at most).
        let place = input.byte();
        if place >= 0xC0 {
            let l = usize::from(place) % labels.len();
            if !placed[l] {
                placed[l] = true;
                seq.use_label(labels[l]);
            }
        }
        let which = input.byte();
        let opcode = if which < 0xE0 {
            common[usize::from(which) % common.len()]
        } else {
            all[usize::from(input.byte()) % all.len()]
        };
        let arg = if opcode.jump_kind() != JumpKind::None {
            let l = input.byte();
            if l == 0xFF {
                // A label nothing places.
                let unplaced = seq.new_label();
                unplaced.0 as i32
            } else {
                labels[usize::from(l) % labels.len()].0 as i32
            }
        } else {
            oparg(&mut input)
        };
        loc = location(&mut input, loc);
        seq.add(opcode, arg, loc);
    }
    // Labels left unplaced may stand at the end (a jump past the last instruction).
    if input.byte() % 2 == 0 {
        for (l, done) in labels.iter().zip(&placed) {
            if !done {
                seq.use_label(*l);
            }
        }
    }

    let filename = PyString::new("<fuzz>");
    match optimize_and_assemble(seq, &mut metadata, nparams, &filename) {
        Ok(code) => {
            let _ = taipan_bytecode::dis::dis(&code, &taipan_bytecode::dis::Options::default());
        }
        // CPython's `MemoryError` has no message; every other error has one.
        Err(error) => assert!(
            !error.message.is_empty() || error.kind == taipan_compiler::ErrorKind::MemoryError
        ),
    }
});
