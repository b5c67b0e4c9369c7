//! Finding a module on the search path, as CPython 3.13's `PathFinder` and `FileFinder` do, in
//! plain Rust (no Python objects): for each folder of the path, a package folder with an
//! `__init__.py` (or `__init__.pyc`), then `NAME.py`, then a sourceless `NAME.pyc`; a folder
//! without `__init__` is remembered as a namespace portion and used only when no folder of the
//! path holds a regular module or package (PEP 420).

use std::path::Path;

/// What kind of module a search found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A `.py` file (a package's `__init__.py` too).
    Source,
    /// A `.pyc` file with no source beside it.
    Sourceless,
    /// A namespace package: no file, only folders.
    Namespace,
}

/// A module found on the path: what `ModuleSpec` will record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    /// The file (`None` for a namespace package).
    pub origin: Option<String>,
    /// A package's `__path__`: its folder, or a namespace package's portions.
    pub search_locations: Option<Vec<String>>,
}

/// The file suffixes a folder is searched for, in CPython's order (after extension modules,
/// which Taipan does not load).
const SOURCE_SUFFIX: &str = ".py";
const BYTECODE_SUFFIX: &str = ".pyc";

/// Search `entries` (a package's `__path__`, or `sys.path`) for the module whose last name part
/// is `tail`. An empty entry means the current folder, as in CPython.
pub fn find(tail: &str, entries: &[String]) -> Option<Found> {
    let mut portions = Vec::new();
    for entry in entries {
        let folder = if entry.is_empty() {
            "."
        } else {
            entry.as_str()
        };
        // As CPython's FileFinder, an entry that is not a folder (a zip file, a missing folder)
        // holds nothing (zip imports are not supported).
        if !Path::new(folder).is_dir() {
            continue;
        }
        let base = join(entry, tail);
        if Path::new(&base).is_dir() {
            for (suffix, kind) in [
                (SOURCE_SUFFIX, Kind::Source),
                (BYTECODE_SUFFIX, Kind::Sourceless),
            ] {
                let init = join(&base, &format!("__init__{suffix}"));
                if Path::new(&init).is_file() {
                    return Some(Found {
                        kind,
                        origin: Some(init),
                        search_locations: Some(vec![base]),
                    });
                }
            }
            portions.push(base.clone());
        }
        for (suffix, kind) in [
            (SOURCE_SUFFIX, Kind::Source),
            (BYTECODE_SUFFIX, Kind::Sourceless),
        ] {
            let file = format!("{base}{suffix}");
            if Path::new(&file).is_file() {
                return Some(Found {
                    kind,
                    origin: Some(file),
                    search_locations: None,
                });
            }
        }
    }
    (!portions.is_empty()).then_some(Found {
        kind: Kind::Namespace,
        origin: None,
        search_locations: Some(portions),
    })
}

/// `os.path.join(folder, name)`, made absolute: as CPython's FileFinder (3.10 and later) a
/// relative entry, and the empty one that means the current folder, is joined to the working
/// folder, so every module's `__file__` is absolute.
fn join(folder: &str, name: &str) -> String {
    let folder = absolute(folder);
    if folder.ends_with('/') {
        format!("{folder}{name}")
    } else {
        format!("{folder}/{name}")
    }
}

/// `path` joined to the working folder unless it is absolute (`''` and `.` are the working
/// folder itself).
pub fn absolute(path: &str) -> String {
    if path.starts_with('/') {
        return path.to_owned();
    }
    let cwd = std::env::current_dir()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_else(|_| ".".to_owned());
    match path {
        "" | "." => cwd,
        _ => format!("{cwd}/{}", path.strip_prefix("./").unwrap_or(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempdir::Dir {
        let dir = tempdir::Dir::new("finder");
        dir.file("plain.py", "");
        dir.file("pkg/__init__.py", "");
        dir.file("pkg/sub.py", "");
        dir.file("compiled.pyc", "");
        dir.file("both.py", "");
        dir.file("both.pyc", "");
        dir.file("ns/inner.py", "");
        dir.file("shadow/x.txt", "");
        dir.file("shadow.py", "");
        dir
    }

    #[test]
    fn finds_each_kind_in_cpythons_order() {
        let dir = tree();
        let entries = vec![dir.path.clone()];
        let at = |p: &str| format!("{}/{p}", dir.path);
        assert_eq!(
            find("plain", &entries),
            Some(Found {
                kind: Kind::Source,
                origin: Some(at("plain.py")),
                search_locations: None
            })
        );
        assert_eq!(
            find("pkg", &entries),
            Some(Found {
                kind: Kind::Source,
                origin: Some(at("pkg/__init__.py")),
                search_locations: Some(vec![at("pkg")])
            })
        );
        assert_eq!(
            find("compiled", &entries).map(|f| f.kind),
            Some(Kind::Sourceless)
        );
        // Source wins over bytecode in the same folder.
        assert_eq!(find("both", &entries).map(|f| f.kind), Some(Kind::Source));
        assert_eq!(
            find("ns", &entries),
            Some(Found {
                kind: Kind::Namespace,
                origin: None,
                search_locations: Some(vec![at("ns")])
            })
        );
        // A folder without `__init__` does not hide a module of the same name beside it.
        assert_eq!(find("shadow", &entries).map(|f| f.kind), Some(Kind::Source));
        assert_eq!(find("missing", &entries), None);
        assert_eq!(
            find("sub", &[at("pkg")]).map(|f| f.kind),
            Some(Kind::Source)
        );
    }

    /// A temporary folder for the tests, removed when dropped.
    mod tempdir {
        pub struct Dir {
            pub path: String,
        }

        impl Dir {
            pub fn new(tag: &str) -> Dir {
                let path = std::env::temp_dir().join(format!(
                    "taipan-{tag}-{}-{:?}",
                    std::process::id(),
                    std::thread::current().id()
                ));
                let _ = std::fs::remove_dir_all(&path);
                std::fs::create_dir_all(&path).expect("temp folder");
                Dir {
                    path: path.to_string_lossy().into_owned(),
                }
            }

            pub fn file(&self, name: &str, text: &str) {
                let path = std::path::Path::new(&self.path).join(name);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("folder");
                }
                std::fs::write(path, text).expect("file");
            }
        }

        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.path);
            }
        }
    }
}
