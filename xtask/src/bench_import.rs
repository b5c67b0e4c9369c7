//! `cargo xtask bench import [--runs N] [--markdown]`: importing a generated tree of 200 modules
//! (10 packages of 20 modules, each importing a sibling relatively), under Taipan and CPython
//! 3.13 in the same run. The *first* run starts with no `__pycache__` (every module compiled and
//! its cache file written); the *second* loads every module from its cache file. Each time is
//! the median of `--runs` runs (default 5), the first run's cache folders removed before each.
//!
//! Both interpreters print a checksum of what they imported; the runner checks they agree.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::bench_vm::{Interpreter, cpython, taipan};

const PACKAGES: usize = 10;
const MODULES_PER_PACKAGE: usize = 20;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut runs = 5usize;
    let mut markdown = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--runs takes a positive number")?;
            }
            "--markdown" => markdown = true,
            other => return Err(format!("bench import: unknown argument {other}")),
        }
    }
    let tree = std::env::temp_dir().join(format!("taipan-bench-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tree);
    generate(&tree).map_err(|e| format!("cannot write the module tree: {e}"))?;
    let result = (|| {
        let cpython = cpython()?;
        let taipan = taipan()?;
        let (c_first, c_second, c_out) = measure(&cpython, &tree, runs)?;
        let (t_first, t_second, t_out) = measure(&taipan, &tree, runs)?;
        if c_out != t_out {
            return Err(format!(
                "outputs differ: CPython printed {c_out:?}, Taipan {t_out:?}"
            ));
        }
        report(markdown, [c_first, c_second], [t_first, t_second]);
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&tree);
    result
}

/// The module tree: `pkgK/__init__.py` and `pkgK/mNN.py`, and `main.py` importing them all.
fn generate(root: &Path) -> std::io::Result<()> {
    let mut main = String::from("import sys\nchecksum = 0\n");
    for p in 0..PACKAGES {
        let package = root.join(format!("pkg{p}"));
        std::fs::create_dir_all(&package)?;
        std::fs::write(
            package.join("__init__.py"),
            format!("\"\"\"Package {p}.\"\"\"\nNUMBER = {p}\n"),
        )?;
        for m in 0..MODULES_PER_PACKAGE {
            std::fs::write(package.join(format!("m{m:02}.py")), module_source(p, m))?;
            main.push_str(&format!(
                "import pkg{p}.m{m:02}\nchecksum += pkg{p}.m{m:02}.summary()\n"
            ));
        }
    }
    main.push_str("print(checksum, len([m for m in sys.modules if m.startswith('pkg')]))\n");
    std::fs::write(root.join("main.py"), main)
}

/// A module of about 70 lines: constants, functions, a class hierarchy, comprehensions, and a
/// relative import of the previous module of its package.
fn module_source(package: usize, module: usize) -> String {
    let sibling = if module > 0 {
        format!("from . import m{:02} as previous\n", module - 1)
    } else {
        "previous = None\n".to_owned()
    };
    format!(
        r#""""Module {module} of package {package}: generated for the import benchmark."""
{sibling}
TABLE = {{i: i * {k} % 97 for i in range(50)}}
NAMES = ["item-%d" % i for i in range(20)]


def scale(values, factor={k}):
    """Multiply each value by the factor."""
    return [v * factor for v in values]


def checksum(text):
    total = 0
    for i, ch in enumerate(text):
        total = (total * 31 + ord(ch) + i) % 1000003
    return total


class Base:
    kind = "base"

    def __init__(self, value):
        self.value = value

    def describe(self):
        return f"{{self.kind}}:{{self.value}}"

    def __repr__(self):
        return f"{{type(self).__name__}}({{self.value!r}})"


class Derived(Base):
    kind = "derived"

    def describe(self):
        text = super().describe()
        return text.upper() if self.value % 2 else text


def pipeline(n):
    items = [Derived(i) if i % 3 else Base(i) for i in range(n)]
    words = [item.describe() for item in items]
    return sum(checksum(w) for w in words) + sum(scale(range(n)))


def summary():
    return sum(TABLE.values()) + len(NAMES) + (previous.VALUE if previous is not None else 0)


try:
    VALUE = TABLE[{module}] // (1 if {module} else 1)
except (KeyError, ZeroDivisionError) as error:
    VALUE = -1
"#,
        k = package * MODULES_PER_PACKAGE + module + 3
    )
}

/// Median first-run and second-run times of `runs` runs, and the program's output.
fn measure(
    interpreter: &Interpreter,
    tree: &Path,
    runs: usize,
) -> Result<(Duration, Duration, String), String> {
    let mut first = Vec::with_capacity(runs);
    let mut second = Vec::with_capacity(runs);
    let mut output = String::new();
    for _ in 0..runs {
        clear_caches(tree);
        let (time, out) = timed(interpreter, tree)?;
        first.push(time);
        output = out;
        let (time, out) = timed(interpreter, tree)?;
        second.push(time);
        if out != output {
            return Err("the second run printed something else than the first".to_owned());
        }
    }
    clear_caches(tree);
    Ok((median(first), median(second), output))
}

fn timed(interpreter: &Interpreter, tree: &Path) -> Result<(Duration, String), String> {
    let start = Instant::now();
    let out = Command::new(&interpreter.program)
        .arg("main.py")
        .current_dir(tree)
        .env_remove("PYTHONDONTWRITEBYTECODE")
        .env_remove("PYTHONPATH")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", interpreter.program.display()))?;
    let elapsed = start.elapsed();
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            interpreter.program.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok((elapsed, String::from_utf8_lossy(&out.stdout).into_owned()))
}

fn clear_caches(tree: &Path) {
    let folders: Vec<PathBuf> = (0..PACKAGES)
        .map(|p| tree.join(format!("pkg{p}")).join("__pycache__"))
        .collect();
    for folder in folders {
        let _ = std::fs::remove_dir_all(folder);
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn report(markdown: bool, cpython: [Duration; 2], taipan: [Duration; 2]) {
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    let modules = PACKAGES * (MODULES_PER_PACKAGE + 1);
    if markdown {
        println!("| importing {modules} modules | CPython 3.13 | Taipan | Taipan / CPython |");
        println!("|---|---:|---:|---:|");
        println!(
            "| first run (compile, write `__pycache__`) | {} | {} | {:.2}× |",
            ms(cpython[0]),
            ms(taipan[0]),
            ratio(taipan[0], cpython[0])
        );
        println!(
            "| second run (from `__pycache__`) | {} | {} | {:.2}× |",
            ms(cpython[1]),
            ms(taipan[1]),
            ratio(taipan[1], cpython[1])
        );
        println!(
            "| second / first | {:.2} | {:.2} | |",
            ratio(cpython[1], cpython[0]),
            ratio(taipan[1], taipan[0])
        );
    } else {
        println!("importing {modules} modules        CPython 3.13     Taipan   Taipan/CPython");
        for (name, i) in [
            ("first run (compile + write)", 0),
            ("second run (from cache)", 1),
        ] {
            println!(
                "{name:<30} {:>12} {:>10} {:>10.2}x",
                ms(cpython[i]),
                ms(taipan[i]),
                ratio(taipan[i], cpython[i])
            );
        }
        println!(
            "{:<30} {:>12.2} {:>10.2}",
            "second / first",
            ratio(cpython[1], cpython[0]),
            ratio(taipan[1], taipan[0])
        );
    }
}
