//! Where a module's `.pyc` file lives: `importlib.util.cache_from_source` and
//! `source_from_cache` of CPython 3.13 (PEP 3147 `__pycache__` directories, PEP 488
//! optimization levels), with the cache tag as a parameter.
//!
//! Paths are Python `str`s split on `/` as importlib splits them on POSIX (its
//! `_path_split`/`_path_join`, not `os.path`), quirks included: `cache_from_source("foo", ..)` is
//! `__pycache__/foocpython-313.pyc` (no dot before the tag when the name has no dot), and a
//! file at the root, `/foo.py`, gives the relative `__pycache__/foo.cpython-313.pyc`. Not
//! covered: `sys.pycache_prefix` and Windows separators.

use std::fmt;

use unicode_general_category::{GeneralCategory, get_general_category};

/// Taipan's `sys.implementation.cache_tag`: its `.pyc` files are `NAME.taipan-313.pyc`, beside
/// CPython's `NAME.cpython-313.pyc` and never mistaken for them.
pub const TAIPAN_CACHE_TAG: &str = "taipan-313";
/// CPython 3.13's cache tag, to find the files CPython wrote.
pub const CPYTHON_CACHE_TAG: &str = "cpython-313";
/// The cache directory's name (`importlib._bootstrap_external._PYCACHE`).
pub const PYCACHE: &str = "__pycache__";
/// Before an optimization level in a file name (`_OPT`).
pub const OPT_PREFIX: &str = "opt-";

/// A path importlib refuses, with its `ValueError` message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheError {
    /// `'x.y' is not alphanumeric`: the optimization given to [`cache_from_source`].
    OptimizationNotAlphanumeric(String),
    /// `__pycache__ not bottom-level directory in 'path'`.
    NotInPycache(String),
    /// `expected only 2 or 3 dots in 'file name'`.
    DotCount(String),
    /// `optimization portion of filename does not start with 'opt-'`.
    OptimizationPrefix,
    /// `optimization level 'opt-x.' is not an alphanumeric value`.
    OptimizationLevel(String),
}

/// The optimization part of a cache file name for `python -O` levels: `""` for 0, `"1"`, `"2"`
/// (importlib's `str(sys.flags.optimize)`, empty for 0).
pub fn optimization_for_level(level: u32) -> String {
    if level == 0 {
        String::new()
    } else {
        level.to_string()
    }
}

/// `importlib.util.cache_from_source(path, optimization=...)` with `sys.implementation.cache_tag`
/// = `cache_tag`: `dir/name.py` → `dir/__pycache__/name.TAG.pyc`, or `name.TAG.opt-N.pyc` for a
/// non-empty `optimization` (which must be alphanumeric, as Python's `str.isalnum`).
pub fn cache_from_source(
    path: &str,
    cache_tag: &str,
    optimization: &str,
) -> Result<String, CacheError> {
    let (head, tail) = path_split(path);
    // tail.rpartition('.'): a name without a dot is all `rest`, with an empty `sep`.
    let (base, sep, rest) = match tail.rfind('.') {
        Some(dot) => (&tail[..dot], ".", &tail[dot + 1..]),
        None => ("", "", tail),
    };
    let mut file_name = String::with_capacity(tail.len() + cache_tag.len() + 16);
    file_name.push_str(if base.is_empty() { rest } else { base });
    file_name.push_str(sep);
    file_name.push_str(cache_tag);
    if !optimization.is_empty() {
        if !is_alnum(optimization) {
            return Err(CacheError::OptimizationNotAlphanumeric(
                optimization.to_owned(),
            ));
        }
        file_name.push('.');
        file_name.push_str(OPT_PREFIX);
        file_name.push_str(optimization);
    }
    file_name.push_str(".pyc");
    Ok(path_join(&[head, PYCACHE, &file_name]))
}

/// `importlib.util.source_from_cache(path)`: `dir/__pycache__/name.TAG[.opt-N].pyc` →
/// `dir/name.py`. As importlib, the tag is not checked: any `name.X.pyc` maps to `name.py`.
pub fn source_from_cache(path: &str) -> Result<String, CacheError> {
    let (head, file_name) = path_split(path);
    let (head, pycache) = path_split(head);
    if pycache != PYCACHE {
        return Err(CacheError::NotInPycache(path.to_owned()));
    }
    let dots = file_name.matches('.').count();
    if dots == 3 {
        // file_name.rsplit('.', 2)[-2]
        let mut parts = file_name.rsplitn(3, '.');
        let optimization = parts.nth(1).unwrap_or_default();
        let Some(level) = optimization.strip_prefix(OPT_PREFIX) else {
            return Err(CacheError::OptimizationPrefix);
        };
        if !is_alnum(level) {
            return Err(CacheError::OptimizationLevel(optimization.to_owned()));
        }
    } else if dots != 2 {
        return Err(CacheError::DotCount(file_name.to_owned()));
    }
    let base = file_name.split('.').next().unwrap_or_default();
    Ok(path_join(&[head, &format!("{base}.py")]))
}

/// importlib's `_path_split` on POSIX: around the last `/`, or `("", path)` without one.
fn path_split(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(slash) => (&path[..slash], &path[slash + 1..]),
        None => ("", path),
    }
}

/// importlib's `_path_join` on POSIX: the non-empty parts, each without trailing `/`, joined
/// with `/`.
fn path_join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .map(|part| part.trim_end_matches('/'))
        .collect::<Vec<_>>()
        .join("/")
}

/// Python's `str.isalnum()`: not empty, and every character a letter or a number (general
/// categories L* and N*: `isalpha`, `isdecimal`, `isdigit` and `isnumeric` together).
fn is_alnum(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(
                get_general_category(c),
                GeneralCategory::UppercaseLetter
                    | GeneralCategory::LowercaseLetter
                    | GeneralCategory::TitlecaseLetter
                    | GeneralCategory::ModifierLetter
                    | GeneralCategory::OtherLetter
                    | GeneralCategory::DecimalNumber
                    | GeneralCategory::LetterNumber
                    | GeneralCategory::OtherNumber
            )
        })
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use taipan_text::str_repr;
        match self {
            CacheError::OptimizationNotAlphanumeric(optimization) => {
                write!(f, "{} is not alphanumeric", str_repr(optimization))
            }
            CacheError::NotInPycache(path) => write!(
                f,
                "{PYCACHE} not bottom-level directory in {}",
                str_repr(path)
            ),
            CacheError::DotCount(file_name) => {
                write!(f, "expected only 2 or 3 dots in {}", str_repr(file_name))
            }
            CacheError::OptimizationPrefix => write!(
                f,
                "optimization portion of filename does not start with {}",
                str_repr(OPT_PREFIX)
            ),
            CacheError::OptimizationLevel(optimization) => write!(
                f,
                "optimization level {} is not an alphanumeric value",
                str_repr(optimization)
            ),
        }
    }
}

impl std::error::Error for CacheError {}

/// Write a cache file as importlib's `_write_atomic`: the bytes go to a temporary file beside
/// `path` (a name no other writer uses: this process's id and a counter), which is then
/// renamed over it, so concurrent writers never leave a torn file; the `__pycache__` folder is
/// made first. `source_mode` (the source's permission bits) gives the file's, with
/// owner-write added, as `_calc_mode`. On failure no temporary file is left behind.
pub fn write_atomic(path: &str, bytes: &[u8], source_mode: Option<u32>) -> std::io::Result<()> {
    use std::io::Write;
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let target = std::path::Path::new(path);
    if let Some(folder) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = format!(
        "{path}.{}.{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        #[cfg(unix)]
        if let Some(mode) = source_mode {
            use std::os::unix::fs::PermissionsExt;
            let mode = (mode & 0o666) | 0o200;
            let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
        }
        #[cfg(not(unix))]
        let _ = source_mode;
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// The permission bits of a file's metadata, for [`write_atomic`] (`None` off Unix).
pub fn mode_of(metadata: &std::fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(metadata.permissions().mode())
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}
