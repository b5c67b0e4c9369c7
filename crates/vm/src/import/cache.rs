//! The code of a module file, through its `__pycache__` file, as CPython 3.13's
//! `SourceLoader.get_code`: a cache file whose header matches the source (timestamp and size,
//! or a hash-based file by `--check-hash-based-pycs default`'s rules) is loaded instead of
//! compiling; anything else (missing, unreadable, corrupt, stale, another Python's magic,
//! bytecode the verifier refuses) is silently recompiled, and the fresh code is written back
//! unless writing is off (`sys.dont_write_bytecode`: `-B`, `PYTHONDONTWRITEBYTECODE`).
//!
//! Files are written to a temporary name in the same folder and renamed over the cache file, as
//! CPython's `_write_atomic`, so concurrent writers never leave a torn file; a folder that
//! cannot be written is not an error. `-v` prints CPython's messages for each decision (`#
//! code object from …`, `# created …`), which is how a test proves a run compiled nothing.

use std::rc::Rc;

use taipan_bytecode::CodeObject;
use taipan_pyc::{CheckHashBasedPycs, Pyc, PycHeader, cache};

use crate::error::PyResult;
use crate::runtime_code::Code;
use crate::vm::Vm;

/// The code of the source file `path` (module `name`), from its cache file when up to date.
pub fn source_code(vm: &mut Vm, name: &str, path: &str) -> PyResult<Rc<Code>> {
    let optimize = vm.flags.optimize.max(0) as u32;
    let optimization = cache::optimization_for_level(optimize);
    let cache_path = cache::cache_from_source(path, cache::TAIPAN_CACHE_TAG, &optimization).ok();
    let metadata = std::fs::metadata(path).map_err(|e| crate::io_file::os_error(vm, &e, path))?;
    let mtime = metadata
        .modified()
        .map(taipan_pyc::header::mtime_seconds)
        .unwrap_or(0);
    let size = metadata.len();
    let mut source: Option<Vec<u8>> = None;
    if let Some(cache_path) = &cache_path
        && let Ok(data) = std::fs::read(cache_path)
    {
        match cached_code(&data, name, path, &mut source, mtime, size) {
            Ok(code) => {
                verbose(vm, &format!("# {cache_path} matches {path}"));
                verbose(vm, &format!("# code object from '{cache_path}'"));
                return Ok(crate::compile::load_code(vm, code));
            }
            Err(why) => verbose(vm, &format!("# {why}")),
        }
    }
    let source = match source {
        Some(bytes) => bytes,
        None => std::fs::read(path).map_err(|e| crate::io_file::os_error(vm, &e, path))?,
    };
    let code = crate::compile::compile_bytes(vm, &source, path, optimize as i32)?;
    verbose(vm, &format!("# code object from {path}"));
    if let Some(cache_path) = cache_path
        && !dont_write_bytecode(vm)
    {
        let pyc = Pyc {
            header: PycHeader::timestamp(mtime, size),
            code,
        };
        if let Ok(bytes) = taipan_pyc::try_write_pyc(&pyc) {
            let mode = std::fs::metadata(path)
                .ok()
                .and_then(|m| cache::mode_of(&m));
            match cache::write_atomic(&cache_path, &bytes, mode) {
                Ok(()) => verbose(vm, &format!("# created '{cache_path}'")),
                Err(e) => verbose(vm, &format!("# could not create '{cache_path}': {e}")),
            }
        }
        return Ok(crate::compile::load_code(vm, pyc.code));
    }
    Ok(crate::compile::load_code(vm, code))
}

/// The code in a cache file's bytes, if the file may be used for this source; else why not,
/// in CPython's `-v` words. Reads the source into `source` only when a checked hash-based
/// file needs it.
fn cached_code(
    data: &[u8],
    name: &str,
    path: &str,
    source: &mut Option<Vec<u8>>,
    mtime: i64,
    size: u64,
) -> Result<CodeObject, String> {
    let header = PycHeader::parse(data).map_err(|e| e.to_string())?;
    let check = CheckHashBasedPycs::Default;
    if taipan_pyc::header::needs_source_bytes(&header, check) && source.is_none() {
        *source = Some(std::fs::read(path).map_err(|e| e.to_string())?);
    }
    let bytes = source.as_deref().unwrap_or(&[]);
    taipan_pyc::validate(&header, bytes, mtime, size, check)
        .map_err(|_| format!("bytecode is stale for '{name}'"))?;
    let pyc = taipan_pyc::read_pyc(data).map_err(|e| format!("bad code object: {e}"))?;
    // Cache files are not trusted more than any other bytecode: the VM runs only what the
    // verifier accepts (CPython would crash on hostile bytecode; Taipan recompiles).
    crate::verify::verify(&pyc.code).map_err(|e| format!("invalid bytecode: {e}"))?;
    let mut code = pyc.code;
    fix_filename(&mut code, path);
    Ok(code)
}

/// As importlib's `_imp._fix_co_filename`: a cache file written under another name (by
/// `py_compile` given a relative path, or before the folder moved) gets the source's path as
/// the `co_filename` of every code object that had the old one.
fn fix_filename(code: &mut CodeObject, path: &str) {
    let old = code.filename.clone();
    if old.as_str() == Some(path) {
        return;
    }
    let new = taipan_text::PyString::new(path);
    fn replace(code: &mut CodeObject, old: &taipan_text::PyString, new: &taipan_text::PyString) {
        if &code.filename != old {
            return;
        }
        code.filename = new.clone();
        for constant in code.consts.iter_mut() {
            if let taipan_bytecode::Constant::Code(nested) = constant {
                stacker::maybe_grow(32 * 1024, 1024 * 1024, || replace(nested, old, new));
            }
        }
    }
    replace(code, &old, &new);
}

/// `sys.dont_write_bytecode`, read at each import as CPython does (a program may change it).
fn dont_write_bytecode(vm: &mut Vm) -> bool {
    let Some(sys) = vm.sys_dict.clone() else {
        return true;
    };
    match crate::ops::mapping::dict_get_str(vm, &sys, "dont_write_bytecode") {
        Some(v) => vm.truthy(&v).unwrap_or(true),
        None => false,
    }
}

/// A `-v` message on stderr.
pub(crate) fn verbose(vm: &mut Vm, message: &str) {
    if vm.flags.verbose > 0 {
        let _ = crate::io::write_stderr(vm, &format!("{message}\n"));
    }
}
