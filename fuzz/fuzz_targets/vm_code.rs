//! Fuzz the VM with hostile code objects: arbitrary instruction units (any byte as an opcode,
//! any oparg, EXTENDED_ARG prefixes), a few constants (ints, strings, None, a nested code
//! object), names, locals, cells, a random exception table and stack size. Each goes through
//! the verifier and, if accepted, runs with a step budget. Nothing may panic, hang or overflow
//! the stack: bad code is refused by the verifier or answered with a `SystemError`.
#![no_main]

use std::cell::RefCell;
use std::rc::Rc;

use libfuzzer_sys::fuzz_target;
use taipan_bytecode::{CodeFlags, CodeObject, Constant, LocalKind, PyString};
use taipan_vm::{Config, SharedBuffer, Vm};

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }
}

fn code_from(input: &mut Input<'_>, depth: u32) -> CodeObject {
    let mut code = CodeObject::empty("f");
    let n_units = (input.byte() as usize % 64) + 1;
    let mut bytes = Vec::with_capacity(2 * n_units);
    for _ in 0..n_units {
        bytes.push(input.byte());
        bytes.push(input.byte());
    }
    code.code = bytes;
    let n_consts = input.byte() as usize % 6;
    for _ in 0..n_consts {
        let c = match input.byte() % 6 {
            0 => Constant::None,
            1 => Constant::int(input.byte() as i64 - 128),
            2 => Constant::str("x"),
            3 => Constant::Tuple(vec![Constant::int(1), Constant::str("y")].into_boxed_slice()),
            4 if depth < 2 => Constant::Code(Box::new(code_from(input, depth + 1))),
            _ => Constant::Bool(input.byte() % 2 == 0),
        };
        code.consts.push(c);
    }
    let n_names = input.byte() as usize % 4;
    for i in 0..n_names {
        code.names.push(PyString::new(["print", "len", "x", "y"][i % 4]));
    }
    let n_locals = input.byte() as usize % 5;
    for i in 0..n_locals {
        code.localsplusnames.push(PyString::new(&format!("v{i}")));
        let kind = match input.byte() % 4 {
            0 => LocalKind::CELL,
            1 => LocalKind::FREE,
            2 => LocalKind::ARG_POS | LocalKind::LOCAL,
            _ => LocalKind::LOCAL,
        };
        code.localspluskinds.push(LocalKind(kind));
    }
    code.argcount = (input.byte() % 3) as u32;
    code.stacksize = input.byte() as u32 % 16;
    code.flags = CodeFlags(match input.byte() % 5 {
        0 => 0,
        1 => CodeFlags::GENERATOR.0,
        2 => CodeFlags::COROUTINE.0,
        3 => CodeFlags::OPTIMIZED.0 | CodeFlags::NEWLOCALS.0,
        _ => CodeFlags::ASYNC_GENERATOR.0,
    });
    let n_handlers = input.byte() % 3;
    let mut entries = Vec::new();
    for _ in 0..n_handlers {
        let start = input.byte() as u32 % n_units as u32;
        let end = start + 1 + input.byte() as u32 % 8;
        entries.push(taipan_bytecode::exception_table::ExceptionTableEntry {
            start,
            end,
            target: input.byte() as u32 % n_units as u32,
            depth: input.byte() as u32 % 8,
            lasti: input.byte() % 2 == 0,
        });
    }
    code.exceptiontable = taipan_bytecode::exception_table::encode(&entries);
    code
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let code = code_from(&mut input, 0);
    let mut config = Config::process(vec!["fuzz".to_owned()]);
    config.hash_secret = taipan_hash::HashSecret::from_seed(0);
    config.stdout = Rc::new(RefCell::new(Box::new(SharedBuffer::default())));
    config.stderr = Rc::new(RefCell::new(Box::new(SharedBuffer::default())));
    config.stdin = Some(Rc::new(RefCell::new((Vec::new(), 0))));
    let mut vm = Vm::new(config);
    vm.recursion_limit = 200;
    // Text past 64 KiB is a MemoryError: reprs that grow exponentially stop early, and one
    // step cannot do unbounded work (a handler looping over `UNPACK_EX` of a 16 MiB repr
    // made 16 million strings per step; 2,000 steps of that is hours, not a hang).
    vm.max_text_len = 1 << 16;
    let _ = taipan_vm::run_untrusted(&mut vm, code, None, Some(2_000));
});
