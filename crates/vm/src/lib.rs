//! # taipan-vm: run CPython 3.13 code objects
//!
//! The last stage of Taipan's pipeline: a virtual machine that executes [`CodeObject`]s, ours
//! (from `taipan-compiler`) or any CPython 3.13 wrote into a `.pyc`, with CPython's semantics,
//! built-in types, error messages and tracebacks.
//!
//! **For:** running Python programs (`taipan FILE`), and embedding: make a [`Vm`], hand it a
//! code object, get the exit status and the output. **Not for:** parsing or compiling (the
//! stage crates do that; [`compile::compile_text`] wires them for `exec`/`eval`/`compile`), the
//! command line (the `taipan` crate), or importing Python source modules (issue 7).
//!
//! Where to start reading: `ARCHITECTURE.md`'s runtime section, then [`value`] (what a value
//! is), [`object`] (the payloads of heap objects), [`types`] (how behaviour dispatches),
//! [`eval`] (the one evaluation loop) and [`ops`] (the protocols).
//!
//! ```
//! let source = "x = [i * i for i in range(5)]\nprint(sum(x), x[-1])\n";
//! let (status, out, _err) = taipan_vm::run_source_captured(source, "<example>", &[]);
//! assert_eq!(status, 0);
//! assert_eq!(out, "30 16\n");
//! ```

// Runtime types hold Python values; printing them needs the VM (`repr`), so most do not
// implement `Debug`.
#![allow(missing_debug_implementations)]

pub mod argparse;
pub mod builtins;
pub mod compile;
pub mod dict;
pub mod error;
pub mod eval;
pub mod exceptions;
pub mod format;
pub mod frame;
pub mod frame_locals;
pub mod function;
pub mod import;
pub mod io;
pub mod io_file;
pub mod io_memory;
pub mod modules;
pub mod names;
pub mod object;
pub mod objects;
pub mod ops;
pub mod percent;
pub mod runtime_code;
pub mod settable;
pub mod signals;
pub mod str;
pub mod strformat;
pub mod traceback;
mod traceback_carets;
mod traceback_suggest;
mod trashcan;
pub mod types;
pub mod value;
pub mod value_stack;
pub mod verify;
pub mod vm;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

pub use error::{PyErr, PyResult};
pub use taipan_bytecode::CodeObject;
pub use value::{Obj, Value};
pub use vm::Vm;

use crate::frame::Frame;
use crate::object::Payload;
use crate::ops::mapping;

/// How a [`Vm`] is set up.
pub struct Config {
    /// `sys.argv`.
    pub argv: Vec<String>,
    pub hash_secret: taipan_hash::HashSecret,
    /// `-O` level (0, 1, 2).
    pub optimize: i32,
    /// Where `sys.stdout` and `sys.stderr` write.
    pub stdout: io::Sink,
    pub stderr: io::Sink,
    /// `sys.stdin`'s content when given (else the process's stdin).
    pub stdin: Option<Rc<RefCell<(Vec<u8>, usize)>>>,
    /// `sys.path` at start-up: the script's folder (or `''` for `-c`), then the folders of
    /// `PYTHONPATH` and `TAIPANPATH`, then the library folders (see `taipan` the command).
    pub path: Vec<String>,
    /// `-B` or `PYTHONDONTWRITEBYTECODE`: imports write no `__pycache__` files
    /// (`sys.dont_write_bytecode`).
    pub dont_write_bytecode: bool,
    /// `-v` (how many): imports report what they do on stderr, in CPython's words.
    pub verbose: u8,
    /// `sys.warnoptions`: `PYTHONWARNINGS`, then the `-W` options, for `warnings`' filters.
    pub warnoptions: Vec<String>,
}

impl Config {
    /// The process's standard streams; `PYTHONHASHSEED` from the environment (0 when unset, as
    /// Taipan's stages agree on for reproducible output).
    pub fn process(argv: Vec<String>) -> Config {
        let hash_secret = taipan_hash::HashSecret::from_env()
            .unwrap_or_else(|_| taipan_hash::HashSecret::from_seed(0));
        Config {
            argv,
            hash_secret,
            optimize: 0,
            stdout: Rc::new(RefCell::new(Box::new(std::io::stdout()))),
            stderr: Rc::new(RefCell::new(Box::new(std::io::stderr()))),
            stdin: None,
            path: Vec::new(),
            dont_write_bytecode: false,
            verbose: 0,
            warnoptions: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Config {{ argv: {:?}, optimize: {} }}",
            self.argv, self.optimize
        )
    }
}

/// A shared byte buffer usable as a [`io::Sink`], for capturing output.
#[derive(Clone, Default)]
pub struct SharedBuffer(pub Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::fmt::Debug for SharedBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedBuffer({} bytes)", self.0.borrow().len())
    }
}

impl Vm {
    /// Run `code` as the `__main__` module; returns the exit status, having printed an uncaught
    /// exception's traceback to `sys.stderr` as CPython does.
    pub fn run_main(&mut self, code: CodeObject, main_file: Option<&str>) -> i32 {
        let code = compile::load_code(self, code);
        self.run_as_main(Ok(code), |vm, globals| {
            if let Some(f) = main_file {
                let f = vm.new_str(f);
                mapping::dict_set_str(vm, globals, "__file__", f);
            }
            mapping::dict_set_str(vm, globals, "__cached__", Value::None);
        })
    }

    /// Run the code `-m` found as `__main__` (see [`import::run_module_as_main`]): the module's
    /// spec, loader, file and cache path in its globals, its package as `__package__`.
    pub fn run_main_module(
        &mut self,
        code: PyResult<Rc<runtime_code::Code>>,
        spec: &Value,
        found: &import::finder::Found,
    ) -> i32 {
        self.run_as_main(code, |vm, globals| {
            let get = |vm: &mut Vm, name: &str| -> Value {
                let n = vm.intern(name);
                crate::ops::attr::get_attr(vm, spec, &n).unwrap_or(Value::None)
            };
            let loader = get(vm, "loader");
            let parent = get(vm, "parent");
            let cached = get(vm, "cached");
            mapping::dict_set_str(vm, globals, "__spec__", spec.clone());
            mapping::dict_set_str(vm, globals, "__loader__", loader);
            mapping::dict_set_str(vm, globals, "__package__", parent);
            if let Some(origin) = &found.origin {
                let f = vm.new_str(origin);
                mapping::dict_set_str(vm, globals, "__file__", f);
            }
            mapping::dict_set_str(vm, globals, "__cached__", cached);
        })
    }

    /// Run `code` in a fresh `__main__` module whose globals `setup` completes; the exit
    /// status. A compile error (`Err`) is reported as an uncaught exception.
    fn run_as_main(
        &mut self,
        code: PyResult<Rc<runtime_code::Code>>,
        setup: impl FnOnce(&mut Vm, &Obj),
    ) -> i32 {
        let main = import::new_module(self, "__main__");
        let globals = crate::ops::attr::instance_dict(&Value::Obj(main.clone()))
            .unwrap_or_else(|| self.new_dict());
        // A script's `__main__` has no package and an empty `__annotations__` (CPython's
        // `add_main_module`), before `__builtins__`.
        mapping::dict_set_str(self, &globals, "__package__", Value::None);
        let annotations = Value::Obj(self.new_dict());
        mapping::dict_set_str(self, &globals, "__annotations__", annotations);
        let builtins = Value::Obj(self.builtins.clone());
        mapping::dict_set_str(self, &globals, "__builtins__", builtins);
        setup(self, &globals);
        let modules = self.modules.clone();
        mapping::dict_set_str(self, &modules, "__main__", Value::Obj(main));
        let bdict = self.builtins_dict();
        let result = code.and_then(|code| {
            let frame = Frame::new(
                code,
                globals.clone(),
                bdict,
                Some(Value::Obj(globals.clone())),
            );
            self.run_frame(frame)
        });
        let status = match result {
            Ok(_) => 0,
            Err(e) => self.handle_uncaught(&e),
        };
        io::flush_all(self);
        crate::objects::generator::finalize_main(self, &globals);
        io::flush_all(self);
        status
    }

    /// What happens to an exception nothing caught: `SystemExit` gives the exit status; any
    /// other prints its traceback and gives 1.
    pub fn handle_uncaught(&mut self, e: &PyErr) -> i32 {
        let exc = e.value();
        if self.is_instance_of(&exc, &self.exc.system_exit.clone()) {
            let code_name = self.intern("code");
            let code = crate::ops::get_attr_opt(self, &exc, &code_name)
                .ok()
                .flatten()
                .unwrap_or(Value::None);
            return match &code {
                Value::None => 0,
                Value::Int(i) => (*i & 0xFF) as i32,
                Value::Bool(b) => b.get() as i32,
                other => {
                    if let Some(i) = crate::objects::int::to_bigint(other) {
                        let low =
                            num_traits::ToPrimitive::to_i64(&(i & num_bigint::BigInt::from(0xFF)))
                                .unwrap_or(1);
                        return low as i32;
                    }
                    let text = self.str_string(other).unwrap_or_default();
                    io::flush_stdout(self).ok();
                    let _ = io::write_stderr(self, &format!("{text}\n"));
                    1
                }
            };
        }
        io::flush_stdout(self).ok();
        let text = traceback::format_exception(self, &exc);
        let _ = io::write_stderr(self, &text);
        if self.is_instance_of(&exc, &self.exc.keyboard_interrupt.clone()) {
            // CPython kills itself with SIGINT (a shell shows 130); the status returned here
            // is that number, and `uncaught_interrupt` lets a process owner do the same.
            self.uncaught_interrupt = true;
            return 130;
        }
        1
    }
}

/// Run a code object from outside (a `.pyc`, fuzz input): verified first ([`verify::verify`]),
/// then run as `__main__` with at most `steps` backward jumps and calls when given. Returns
/// the exit status; the output goes to `vm`'s streams.
pub fn run_untrusted(
    vm: &mut Vm,
    code: CodeObject,
    main_file: Option<&str>,
    steps: Option<u64>,
) -> i32 {
    if let Err(why) = verify::verify(&code) {
        let _ = io::write_stderr(vm, &format!("SystemError: invalid bytecode: {why}\n"));
        io::flush_all(vm);
        return 1;
    }
    vm.step_budget = steps;
    vm.run_main(code, main_file)
}

/// Compile and run `source` with captured output: (exit status, stdout, stderr). For tests and
/// examples.
pub fn run_source_captured(source: &str, filename: &str, argv: &[String]) -> (i32, String, String) {
    let out = SharedBuffer::default();
    let err = SharedBuffer::default();
    let mut config = Config::process(argv.to_vec());
    config.stdout = Rc::new(RefCell::new(Box::new(out.clone())));
    config.stderr = Rc::new(RefCell::new(Box::new(err.clone())));
    config.stdin = Some(Rc::new(RefCell::new((Vec::new(), 0))));
    let mut vm = Vm::new(config);
    let status = match compile::compile_text(&mut vm, source, filename, "exec", 0) {
        Ok(code) => {
            let object = code.object.clone();
            vm.run_main(object, Some(filename))
        }
        Err(e) => vm.handle_uncaught(&e),
    };
    io::flush_all(&mut vm);
    let o = String::from_utf8_lossy(&out.0.borrow()).into_owned();
    let e = String::from_utf8_lossy(&err.0.borrow()).into_owned();
    let _ = Payload::Singleton("");
    (status, o, e)
}
