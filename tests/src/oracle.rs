//! The one place that knows the oracle: CPython 3.13, run as `PYENV_VERSION=3.13.0 python3`
//! (or the interpreter named by `TAIPAN_ORACLE`).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::golden::Outcome;

/// A CPython 3.13 interpreter.
#[derive(Clone, Debug)]
pub struct Oracle {
    program: String,
    /// `sys.version`'s first word, e.g. `3.13.0`.
    pub version: String,
}

const DRIVER: &str = include_str!("oracle_driver.py");

impl Oracle {
    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        if std::env::var_os("TAIPAN_ORACLE").is_none() {
            command.env("PYENV_VERSION", "3.13.0");
        }
        // The oracle's output must not depend on the caller's environment.
        command
            .env("PYTHONIOENCODING", "utf-8")
            .env_remove("PYTHONWARNINGS")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            // Set orders depend on the hash seed. Taipan reads PYTHONHASHSEED as CPython does
            // but treats "unset" as 0, where CPython picks a random seed: the same seed for both.
            .env(
                "PYTHONHASHSEED",
                std::env::var("PYTHONHASHSEED").unwrap_or_else(|_| "0".to_owned()),
            );
        command
    }

    /// Find the oracle, or say why it is not there.
    pub fn find() -> Result<Oracle, String> {
        let program = std::env::var("TAIPAN_ORACLE").unwrap_or_else(|_| "python3".to_owned());
        let mut oracle = Oracle {
            program,
            version: String::new(),
        };
        let output = oracle
            .command()
            .args(["-c", "import sys; print(sys.version.split()[0])"])
            .output()
            .map_err(|e| format!("the oracle ({}) cannot be run: {e}", oracle.program))?;
        let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if !output.status.success() || !version.starts_with("3.13.") {
            return Err(format!(
                "the oracle must be CPython 3.13 (PYENV_VERSION=3.13.0 python3, or TAIPAN_ORACLE); found {:?}",
                if version.is_empty() {
                    String::from_utf8_lossy(&output.stderr).trim().to_owned()
                } else {
                    version
                }
            ));
        }
        oracle.version = version;
        Ok(oracle)
    }

    /// Run `python3 ARGS` in `cwd`, as a separate process: the most faithful run, for goldens.
    pub fn run(&self, args: &[String], cwd: &Path) -> Result<Outcome, String> {
        let output = self
            .command()
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("running the oracle: {e}"))?;
        let status = output.status.code().unwrap_or(-1);
        Ok(Outcome {
            status,
            stdout: output.stdout,
            stderr: output.stderr,
        })
    }

    /// Compile `source` (relative to `cwd`) to `pyc` with `py_compile`, as CPython would cache it
    /// but with an unchecked-hash header, so that the bytes do not depend on the source's mtime
    /// and the file keeps running after a checkout. `co_filename` is `source` as given.
    pub fn write_pyc(&self, source: &Path, pyc: &Path, cwd: &Path) -> Result<(), String> {
        let compile = format!(
            "import py_compile; py_compile.compile({:?}, cfile={:?}, doraise=True, \
             invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)",
            source.to_string_lossy(),
            pyc.to_string_lossy()
        );
        let compiled = self.run(&["-c".to_owned(), compile], cwd)?;
        if compiled.status != 0 {
            return Err(format!(
                "py_compile {}: {}",
                source.display(),
                String::from_utf8_lossy(&compiled.stderr)
            ));
        }
        Ok(())
    }

    /// Run the oracle driver (`oracle_driver.py`) on one command, e.g. `--syntax FILE`.
    pub fn run_driver(&self, args: &[String], cwd: &Path) -> Result<Outcome, String> {
        let mut command = vec!["-c".to_owned(), DRIVER.to_owned()];
        command.extend_from_slice(args);
        self.run(&command, cwd)
    }

    /// Run many commands (`-m MODULE ARGS`, or `--syntax FILE`) in one interpreter through the
    /// driver (each module through its real `__main__`, with captured streams): how the
    /// conformance runs afford 1,726 files. Each outcome is handed to `each` with its index as
    /// soon as it arrives, so that nothing piles up in memory.
    pub fn run_many(
        &self,
        commands: &[Vec<String>],
        cwd: &Path,
        each: &mut dyn FnMut(usize, Outcome),
    ) -> Result<(), String> {
        let mut child = self
            .command()
            .args(["-c", DRIVER])
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("starting the oracle: {e}"))?;
        let mut stdin = child.stdin.take().expect("piped");
        let input: Vec<u8> = commands
            .iter()
            .flat_map(|c| format!("{}\n", c.join("\0")).into_bytes())
            .collect();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let mut reader = BufReader::new(child.stdout.take().expect("piped"));
        for index in 0..commands.len() {
            let mut header = String::new();
            reader
                .read_line(&mut header)
                .map_err(|e| format!("reading the oracle: {e}"))?;
            let numbers: Vec<usize> = header
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            let [status, out_len, err_len] = numbers[..] else {
                return Err(format!("the oracle driver said {header:?}"));
            };
            let mut stdout = vec![0; out_len];
            let mut stderr = vec![0; err_len];
            reader.read_exact(&mut stdout).map_err(|e| e.to_string())?;
            reader.read_exact(&mut stderr).map_err(|e| e.to_string())?;
            each(
                index,
                Outcome {
                    status: status as i32,
                    stdout,
                    stderr,
                },
            );
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(())
    }

    /// The `.pyc` files CPython wrote for its standard library (in `__pycache__` folders, without
    /// `site-packages`), sorted: plain, `opt-1` and `opt-2`.
    pub fn stdlib_pycs(&self) -> Result<(PathBuf, Vec<PathBuf>), String> {
        let root = self.stdlib_root()?;
        let files = crate::files_under(&root, ".pyc", &["site-packages"]);
        Ok((root, files))
    }

    /// The oracle's standard library folder.
    fn stdlib_root(&self) -> Result<PathBuf, String> {
        let output = self
            .command()
            .args([
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
            ])
            .output()
            .map_err(|e| e.to_string())?;
        Ok(PathBuf::from(
            String::from_utf8_lossy(&output.stdout).trim(),
        ))
    }

    /// The standard library's `.py` files (without `site-packages`), sorted.
    pub fn stdlib_files(&self) -> Result<(PathBuf, Vec<PathBuf>), String> {
        let root = self.stdlib_root()?;
        let files = crate::files_under(&root, ".py", &["site-packages", "__pycache__"]);
        Ok((root, files))
    }
}
