//! Modules built into the VM, written in Rust: `sys`, `math`, `time`.

pub mod ast_native;
pub mod ast_to_tree;
pub mod dis_native;
pub mod marshal;
pub mod math;
pub mod sys;
pub mod time;
pub mod tokenize_native;
