//! Fuzz the whole pipeline: arbitrary text (at most 2 KB) parsed, compiled and run by the VM
//! with a step budget (backward jumps and calls) and captured output. Every input must end
//! with an exit status: a Python exception is fine; a panic, a hang or a stack overflow is not.
#![no_main]

use std::cell::RefCell;
use std::rc::Rc;

use libfuzzer_sys::fuzz_target;
use taipan_vm::{Config, SharedBuffer, Vm};

fuzz_target!(|data: &[u8]| {
    if data.len() > 2048 {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let mut config = Config::process(vec!["fuzz".to_owned()]);
    config.hash_secret = taipan_hash::HashSecret::from_seed(0);
    config.stdout = Rc::new(RefCell::new(Box::new(SharedBuffer::default())));
    config.stderr = Rc::new(RefCell::new(Box::new(SharedBuffer::default())));
    config.stdin = Some(Rc::new(RefCell::new((Vec::new(), 0))));
    let mut vm = Vm::new(config);
    vm.step_budget = Some(2_000);
    vm.recursion_limit = 200;
    // Container reprs that grow exponentially stop at 16 MiB with MemoryError.
    vm.max_text_len = 1 << 24;
    match taipan_vm::compile::compile_text(&mut vm, &text, "<fuzz>", "exec", 0) {
        Ok(code) => {
            let object = code.object.clone();
            let _ = vm.run_main(object, None);
        }
        Err(e) => {
            let _ = vm.handle_uncaught(&e);
        }
    }
});
