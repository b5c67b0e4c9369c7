//! `__pycache__` caching of imported modules, through the `taipan` binary: written on the first
//! import, loaded on the next without compiling (proved with `-v`, whose messages are CPython
//! 3.13's), recompiled when stale or corrupt, never written with `-B`,
//! `PYTHONDONTWRITEBYTECODE` or `sys.dont_write_bytecode`, and never fatal when it cannot be
//! written. The rules are importlib's (`SourceLoader.get_code`); the expected program outputs
//! are what `python3.13` prints for the same files.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary folder holding a small program, removed when dropped.
struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(tag: &str) -> Project {
        let dir = std::env::temp_dir().join(format!("taipan-import-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let project = Project { dir };
        project.write(
            "main.py",
            "import m\nimport pkg.sub\nprint(m.X, pkg.sub.Y)\n",
        );
        project.write("m.py", "X = 1\n");
        project.write("pkg/__init__.py", "");
        project.write("pkg/sub.py", "import m\nY = m.X + 1\n");
        project
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// `taipan ARGS main.py` in the folder, with the environment's bytecode switch cleared
    /// (these machines set `PYTHONDONTWRITEBYTECODE`); (status, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
            .args(args)
            .arg("main.py")
            .current_dir(&self.dir)
            .env_remove("PYTHONDONTWRITEBYTECODE")
            .env_remove("PYTHONPATH")
            .env_remove("TAIPANPATH")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// The `-v` lines that say a module was compiled from its source.
    fn compiled(&self, stderr: &str) -> Vec<String> {
        let dir = self.dir.display().to_string();
        stderr
            .lines()
            .filter_map(|l| l.strip_prefix("# code object from "))
            .filter(|rest| !rest.starts_with('\''))
            .map(|rest| rest.replace(&dir, "DIR"))
            .collect()
    }

    /// The `-v` lines that say a module was loaded from its cache file.
    fn loaded(&self, stderr: &str) -> Vec<String> {
        let dir = self.dir.display().to_string();
        stderr
            .lines()
            .filter_map(|l| l.strip_prefix("# code object from '"))
            .map(|rest| rest.trim_end_matches('\'').replace(&dir, "DIR"))
            .collect()
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const CACHES: [&str; 3] = [
    "__pycache__/m.taipan-313.pyc",
    "pkg/__pycache__/__init__.taipan-313.pyc",
    "pkg/__pycache__/sub.taipan-313.pyc",
];

#[test]
fn written_then_reused_without_compiling() {
    let project = Project::new("reuse");
    let (status, out, err) = project.run(&["-v"]);
    assert_eq!((status, out.as_str()), (0, "1 2\n"), "{err}");
    assert_eq!(
        project.compiled(&err),
        ["DIR/m.py", "DIR/pkg/__init__.py", "DIR/pkg/sub.py"]
    );
    for cache in CACHES {
        assert!(project.path(cache).is_file(), "{cache} written");
        assert!(
            err.contains(&format!("# created '{}'", project.path(cache).display())),
            "{err}"
        );
    }
    // The second run compiles nothing: every module comes from its cache file.
    let (status, out, err) = project.run(&["-v"]);
    assert_eq!((status, out.as_str()), (0, "1 2\n"), "{err}");
    assert_eq!(project.compiled(&err), Vec::<String>::new(), "{err}");
    assert_eq!(
        project.loaded(&err),
        CACHES
            .iter()
            .map(|c| format!("DIR/{c}"))
            .collect::<Vec<_>>()
    );
    assert!(!err.contains("# created"), "{err}");
}

/// Set a file's modification time (whole seconds, as the `.pyc` header records it).
fn set_mtime(path: &Path, seconds: u64) {
    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
    file.set_modified(time).unwrap();
}

#[test]
fn stale_cache_is_recompiled() {
    let project = Project::new("stale");
    set_mtime(&project.path("m.py"), 1_700_000_000);
    assert_eq!(project.run(&[]).1, "1 2\n");
    // The same size and another modification time: stale.
    project.write("m.py", "X = 5\n");
    set_mtime(&project.path("m.py"), 1_700_000_100);
    let (_, out, err) = project.run(&["-v"]);
    assert_eq!(out, "5 6\n");
    assert!(err.contains("# bytecode is stale for 'm'"), "{err}");
    assert_eq!(project.compiled(&err), ["DIR/m.py"]);
    // Another size and the same modification time: stale too.
    project.write("m.py", "X = 50\n");
    set_mtime(&project.path("m.py"), 1_700_000_100);
    let (_, out, err) = project.run(&["-v"]);
    assert_eq!(out, "50 51\n");
    assert_eq!(project.compiled(&err), ["DIR/m.py"]);
    // Up to date again: loaded.
    let (_, out, err) = project.run(&["-v"]);
    assert_eq!(out, "50 51\n");
    assert_eq!(project.compiled(&err), Vec::<String>::new());
}

#[test]
fn corrupt_cache_is_recompiled_and_rewritten() {
    let project = Project::new("corrupt");
    assert_eq!(project.run(&[]).1, "1 2\n");
    let cache = project.path(CACHES[0]);
    let good = std::fs::read(&cache).unwrap();
    for bad in [
        b"garbage".to_vec(),
        good[..good.len() / 2].to_vec(),
        good[..16].to_vec(),
        {
            // A valid header over bytes that are not a code object.
            let mut v = good[..16].to_vec();
            v.extend_from_slice(b"\xff\xff\xff");
            v
        },
    ] {
        std::fs::write(&cache, &bad).unwrap();
        let (status, out, err) = project.run(&["-v"]);
        assert_eq!((status, out.as_str()), (0, "1 2\n"), "{err}");
        assert_eq!(project.compiled(&err), ["DIR/m.py"]);
        assert_eq!(std::fs::read(&cache).unwrap(), good, "rewritten");
    }
}

#[test]
fn hash_based_cache_files_follow_their_flags() {
    let project = Project::new("hash");
    assert_eq!(project.run(&[]).1, "1 2\n");
    let cache = project.path(CACHES[0]);
    let mut data = std::fs::read(&cache).unwrap();
    // An unchecked hash-based file (flags 1) is used whatever the source says, as CPython's
    // `--check-hash-based-pycs default`.
    data[4..8].copy_from_slice(&1u32.to_le_bytes());
    data[8..16].copy_from_slice(&[0; 8]);
    std::fs::write(&cache, &data).unwrap();
    project.write("m.py", "X = 7\n");
    let (_, out, err) = project.run(&["-v"]);
    assert_eq!(out, "1 2\n", "{err}");
    // A checked one (flags 3) whose hash is not the source's is stale.
    data[4..8].copy_from_slice(&3u32.to_le_bytes());
    std::fs::write(&cache, &data).unwrap();
    let (_, out, err) = project.run(&["-v"]);
    assert_eq!(out, "7 8\n", "{err}");
    assert!(err.contains("# bytecode is stale for 'm'"), "{err}");
}

#[test]
fn writing_turned_off() {
    let project = Project::new("nowrite");
    assert_eq!(project.run(&["-B"]).1, "1 2\n");
    assert!(!project.path("__pycache__").exists());
    let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .arg("main.py")
        .current_dir(&project.dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1 2\n");
    assert!(!project.path("__pycache__").exists());
    project.write(
        "main.py",
        "import sys\nprint(sys.dont_write_bytecode)\nsys.dont_write_bytecode = True\nimport m\nprint(m.X)\n",
    );
    assert_eq!(project.run(&[]).1, "False\n1\n");
    assert!(!project.path("__pycache__").exists());
    assert_eq!(project.run(&["-B"]).1, "True\n1\n");
}

#[test]
fn unwritable_cache_folder_is_not_an_error() {
    let project = Project::new("unwritable");
    // `__pycache__` is a file: the folder cannot be made, as with a read-only folder.
    project.write("__pycache__", "not a folder");
    let (status, out, err) = project.run(&["-v"]);
    assert_eq!((status, out.as_str()), (0, "1 2\n"), "{err}");
    assert!(err.contains("# could not create"), "{err}");
}

#[test]
fn concurrent_writers_leave_a_whole_file() {
    let project = Project::new("concurrent");
    let children: Vec<_> = (0..6)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_taipan"))
                .arg("main.py")
                .current_dir(&project.dir)
                .env_remove("PYTHONDONTWRITEBYTECODE")
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "1 2\n");
    }
    for cache in CACHES {
        let data = std::fs::read(project.path(cache)).unwrap();
        assert!(taipan_pyc::read_pyc(&data).is_ok(), "{cache} whole");
    }
    // No temporary file is left beside the cache files.
    let names: Vec<String> = std::fs::read_dir(project.path("__pycache__"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["m.taipan-313.pyc"]);
}

/// `-m` runs a module found on the path, or a package's `__main__`. Expected output from
/// `python3.13 -m …` in the same folder.
#[test]
fn dash_m_module_and_package() {
    let project = Project::new("dash-m");
    project.write(
        "pkg/__main__.py",
        "import sys\nfrom . import sub\nprint(__name__, __package__, __spec__.name, sub.Y, sys.argv[1:])\n",
    );
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
            .args(args)
            .current_dir(&project.dir)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (status, out, _) = run(&["-m", "pkg", "a", "b"]);
    assert_eq!(
        (status, out.as_str()),
        (Some(0), "__main__ pkg pkg.__main__ 2 ['a', 'b']\n")
    );
    let (status, _, err) = run(&["-m", "nosuch"]);
    assert_eq!(status, Some(1));
    assert!(err.ends_with(": No module named nosuch\n"), "{err}");
    let (status, _, err) = run(&["-m", "pkg.sub"]);
    assert_eq!(status, Some(0), "{err}");
    project.write("pkg/__main__.py", "");
    std::fs::remove_file(project.path("pkg/__main__.py")).unwrap();
    let (status, _, err) = run(&["-m", "pkg"]);
    assert_eq!(status, Some(1));
    assert!(
        err.ends_with(
            ": No module named pkg.__main__; 'pkg' is a package and cannot be directly executed\n"
        ),
        "{err}"
    );
}

/// The cache files Taipan writes load in CPython 3.13 (when it is installed here: the test
/// asks the oracle, and passes without it).
#[test]
fn cpython_runs_the_cache_files() {
    let oracle = std::env::var("TAIPAN_ORACLE").unwrap_or_else(|_| "python3".to_owned());
    let Ok(version) = Command::new(&oracle)
        .env("PYENV_VERSION", "3.13.0")
        .arg("--version")
        .output()
    else {
        return;
    };
    if String::from_utf8_lossy(&version.stdout).trim() != "Python 3.13.0" {
        return;
    }
    let project = Project::new("oracle");
    assert_eq!(project.run(&[]).1, "1 2\n");
    let script = "import importlib.util as u, sys\n\
                  for name, path in (('m', sys.argv[1]), ('pkg.sub', sys.argv[2])):\n\
                  \x20   loader = __import__('importlib.machinery').machinery.SourcelessFileLoader(name, path)\n\
                  \x20   spec = u.spec_from_loader(name, loader)\n\
                  \x20   module = u.module_from_spec(spec)\n\
                  \x20   sys.modules[name] = module\n\
                  \x20   if name == 'pkg.sub':\n\
                  \x20       import pkg\n\
                  \x20   loader.exec_module(module)\n\
                  print(sys.modules['m'].X, sys.modules['pkg.sub'].Y)\n";
    let out = Command::new(&oracle)
        .env("PYENV_VERSION", "3.13.0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(&project.dir)
        .args(["-c", script])
        .arg(project.path(CACHES[0]))
        .arg(project.path(CACHES[2]))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1 2\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `-m compileall DIR` and `-m py_compile FILE` write the cache files imports then load
/// without compiling (importlib fixes the recorded file name, as `_fix_co_filename`). The
/// listing is what `python3.13 -m compileall` prints for the same tree.
#[test]
fn compileall_and_py_compile_files_are_reused() {
    let project = Project::new("compileall");
    project.write("pkg/bad.py", "y = (\n");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
            .args(args)
            .current_dir(&project.dir)
            .env_remove("PYTHONDONTWRITEBYTECODE")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (status, out) = run(&["-m", "compileall", "pkg"]);
    assert_eq!(status, Some(1));
    assert_eq!(
        out,
        "Listing 'pkg'...\nCompiling 'pkg/__init__.py'...\nCompiling 'pkg/bad.py'...\n***   File \"pkg/bad.py\", line 1\n    y = (\n        ^\nSyntaxError: '(' was never closed\n\nCompiling 'pkg/sub.py'...\n"
    );
    // Up to date now: only the failing file is compiled again.
    let (_, out) = run(&["-m", "compileall", "-q", "pkg"]);
    assert!(
        out.starts_with("*** Error compiling 'pkg/bad.py'...\n"),
        "{out}"
    );
    std::fs::remove_file(project.path("pkg/bad.py")).unwrap();
    let (status, _) = run(&["-m", "py_compile", "m.py"]);
    assert_eq!(status, Some(0));
    let (status, out, err) = project.run(&["-v"]);
    assert_eq!((status, out.as_str()), (0, "1 2\n"), "{err}");
    assert_eq!(project.compiled(&err), Vec::<String>::new(), "{err}");
    // The file name recorded by `py_compile m.py` is replaced by the module's path.
    project.write(
        "main.py",
        "import m\nprint(m.f.__code__.co_filename == m.__file__)\n",
    );
    project.write("m.py", "X = 1\ndef f(): pass\n");
    let (status, _) = run(&["-m", "py_compile", "m.py"]);
    assert_eq!(status, Some(0));
    let (status, out, err) = project.run(&["-v"]);
    assert_eq!((status, out.as_str()), (0, "True\n"), "{err}");
    assert_eq!(project.compiled(&err), Vec::<String>::new(), "{err}");
}
