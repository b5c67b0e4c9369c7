//! Fuzz the compiler: arbitrary bytes as UTF-8 text, parsed (parse errors are fine), then
//! compiled at each optimisation level in `exec`, `eval` and `single` modes. On success the code
//! object must disassemble, marshal and load back equal; a compile error must carry a message.
//! Nothing may panic, hang or overflow the stack.
#![no_main]

use bumpalo::Bump;
use libfuzzer_sys::fuzz_target;
use taipan_ast::LineIndex;
use taipan_compiler::{Mode, Options, compile};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (parse_mode, mode) in [
        (taipan_parser::Mode::Exec, Mode::Exec),
        (taipan_parser::Mode::Eval, Mode::Eval),
        (taipan_parser::Mode::Single, Mode::Single),
    ] {
        for optimize in 0..=2 {
            let arena = Bump::new();
            // As `compile()` parses: the limit of converting a tree to Python objects
            // (`ast.parse`'s "during ast construction") does not apply.
            let parse_options = taipan_parser::Options {
                mode: parse_mode,
                type_comments: false,
                skip_ast_construction_limit: true,
            };
            let Ok(parsed) = taipan_parser::parse(&text, &parse_options, &arena) else {
                return;
            };
            let mut tree = parsed.tree;
            let index = LineIndex::new(&text);
            let options = Options {
                mode,
                optimize,
                ..Options::default()
            };
            match compile(&mut tree, &arena, &index, &options) {
                Ok(compiled) => {
                    let _ = taipan_bytecode::dis::dis(
                        &compiled.code,
                        &taipan_bytecode::dis::Options::default(),
                    );
                    let bytes = taipan_pyc::marshal::dumps_code(&compiled.code);
                    let again = taipan_pyc::marshal::loads_code(&bytes)
                        .expect("a compiled code object marshals and loads back");
                    assert!(again == compiled.code, "the marshal round trip changed the code");
                }
                Err(error) => assert!(!error.message.is_empty()),
            }
        }
    }
});
