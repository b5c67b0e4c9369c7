//! `-m compileall`: CPython 3.13's `python -m compileall [-l] [-r N] [-f] [-q] [FILE|DIR]…`,
//! writing the same `__pycache__/NAME.taipan-313.pyc` files as `-m py_compile` and imports.
//!
//! As `compileall.main`: folders are listed in sorted order (`Listing 'DIR'...`), recursing
//! into subfolders (`-l`: not at all; `-r N`: N levels; `__pycache__` skipped); each `.py` file
//! whose cache file is out of date (or all with `-f`) is compiled (`Compiling 'FILE'...`); a
//! syntax error prints `*** ` and the error (with `-q`, `*** Error compiling 'FILE'...` and the
//! error), and makes the exit status 1; a folder that cannot be listed prints `Can't list
//! 'DIR'` and is not a failure. With no arguments, the folders of `PYTHONPATH` and
//! `TAIPANPATH` are compiled (CPython's `sys.path` without the working folder).

use taipan_pyc::cache::{TAIPAN_CACHE_TAG, cache_from_source, optimization_for_level};

use crate::Io;
use crate::args::Options as Interpreter;

struct Settings {
    force: bool,
    quiet: u8,
    max_levels: usize,
    optimize: u8,
}

pub(crate) fn main(args: &[String], interpreter: &Interpreter, io: &mut Io<'_>) -> i32 {
    let mut settings = Settings {
        force: false,
        quiet: 0,
        max_levels: usize::MAX,
        optimize: interpreter.optimize.min(2),
    };
    let mut targets = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-f" => settings.force = true,
            "-q" => settings.quiet = settings.quiet.saturating_add(1),
            "-qq" => settings.quiet = settings.quiet.saturating_add(2),
            "-l" => settings.max_levels = 0,
            "-r" => match args.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) => settings.max_levels = n,
                None => {
                    let _ = writeln!(io.stderr, "compileall: error: -r takes a number of levels");
                    return 2;
                }
            },
            other if other.starts_with('-') && other != "-" => {
                let _ = writeln!(
                    io.stderr,
                    "compileall: error: unrecognized arguments: {other} (Taipan supports -f, -q, -l, -r N)"
                );
                return 2;
            }
            _ => targets.push(arg.clone()),
        }
    }
    let mut success = true;
    if targets.is_empty() {
        for variable in ["PYTHONPATH", "TAIPANPATH"] {
            if interpreter.ignore_environment || interpreter.isolated {
                break;
            }
            if let Ok(value) = std::env::var(variable) {
                for folder in value.split(':').filter(|p| !p.is_empty()) {
                    success &= compile_dir(folder, settings.max_levels, &settings, io);
                }
            }
        }
    }
    for target in &targets {
        if std::path::Path::new(target).is_dir() || !std::path::Path::new(target).exists() {
            success &= compile_dir(target, settings.max_levels, &settings, io);
        } else {
            success &= compile_file(target, &settings, io);
        }
    }
    i32::from(!success)
}

/// `compileall.compile_dir`: every file of `dir`, sorted, and its subfolders down to `levels`.
fn compile_dir(dir: &str, levels: usize, settings: &Settings, io: &mut Io<'_>) -> bool {
    if settings.quiet == 0 {
        let _ = writeln!(io.stdout, "Listing '{dir}'...");
    }
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => {
            if settings.quiet < 2 {
                let _ = writeln!(io.stdout, "Can't list '{dir}'");
            }
            return true;
        }
    };
    names.sort();
    let mut success = true;
    for name in names {
        if name == "__pycache__" {
            continue;
        }
        let full = if dir.ends_with('/') {
            format!("{dir}{name}")
        } else {
            format!("{dir}/{name}")
        };
        let path = std::path::Path::new(&full);
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if !path.is_dir() {
            success &= compile_file(&full, settings, io);
        } else if levels > 0 && !is_link {
            success &= compile_dir(&full, levels - 1, settings, io);
        }
    }
    success
}

/// `compileall.compile_file`: a `.py` file whose cache file is missing or stale (or any, with
/// `-f`) is compiled; other files are left alone.
fn compile_file(path: &str, settings: &Settings, io: &mut Io<'_>) -> bool {
    if !path.ends_with(".py") {
        return true;
    }
    if !settings.force && up_to_date(path, settings.optimize) {
        return true;
    }
    if settings.quiet == 0 {
        let _ = writeln!(io.stdout, "Compiling '{path}'...");
    }
    match super::py_compile::compile_file(path, settings.optimize) {
        Ok(_) => true,
        Err(message) => {
            match settings.quiet {
                0 => {
                    let _ = writeln!(io.stdout, "*** {message}");
                }
                1 => {
                    let _ = writeln!(io.stdout, "*** Error compiling '{path}'...\n{message}");
                }
                _ => {}
            }
            false
        }
    }
}

/// Whether the cache file's header is the one compiling now would write (timestamp mode: the
/// magic number, flags 0, the source's mtime and size).
fn up_to_date(path: &str, optimize: u8) -> bool {
    let Ok(cache) = cache_from_source(
        path,
        TAIPAN_CACHE_TAG,
        &optimization_for_level(u32::from(optimize)),
    ) else {
        return false;
    };
    let (Ok(metadata), Ok(data)) = (std::fs::metadata(path), std::fs::read(&cache)) else {
        return false;
    };
    let mtime = metadata
        .modified()
        .map(taipan_pyc::header::mtime_seconds)
        .unwrap_or(0);
    let expected = taipan_pyc::PycHeader::timestamp(mtime, metadata.len()).to_bytes();
    data.get(..expected.len()) == Some(&expected[..])
}
