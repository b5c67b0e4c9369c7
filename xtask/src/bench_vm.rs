//! `cargo xtask bench vm [NAME…] [--runs N] [--markdown]`: the programs of `benches/vm` under
//! CPython 3.13 and under Taipan, back to back in one run, as the VM issue's speed and memory
//! targets are stated: each program's time ratio (Taipan over CPython, the best of N runs each,
//! alternating), the geometric mean and the worst ratio, each side's peak memory, and start-up
//! time (`-c pass`, best of 20). A program Taipan fails, or whose output differs from
//! CPython's, is shown as failing and gets no ratio: a fast wrong answer is not a result.
//!
//! `TAIPAN_BENCH_BIN=PATH` runs that binary as "Taipan" instead of building and running
//! `target/release/taipan`: pointing it at CPython itself tests the runner (every ratio near
//! 1), and it can compare two builds of Taipan.
//!
//! Peak memory is the kernel's own high-water mark of the process's resident set
//! (`ru_maxrss`, which `wait4` returns), read through GNU time (`/usr/bin/time -f %M`): exact
//! whatever the length of the peak, and no cost while the program runs. Without GNU time the
//! runner polls `/proc/PID/status` (`VmHWM`) every 2 ms instead, which misses growth in a
//! program's last moments and costs some CPU beside it; the report says which was used.
//! (Calling `wait4` ourselves would need `unsafe`, which the workspace denies.) A program's
//! wall time is taken around its whole run, GNU time's own start included (one to
//! two milliseconds, the same on both sides, under 0.5 % of a program's time); the start-up runs
//! go without GNU time, so that its cost does not blur 15 ms.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use taipan_snapshots::oracle::Oracle;

mod report;

use report::{Report, Row, Targets};

const PROGRAMS: &str = "benches/vm";
const DEFAULT_RUNS: usize = 3;
const STARTUP_RUNS: usize = 20;
const GNU_TIME: &str = "/usr/bin/time";
const POLL_INTERVAL: Duration = Duration::from_millis(2);

/// The targets (section 5 of issue 6).
const TARGET_GEOMEAN: f64 = 2.0;
const TARGET_WORST: f64 = 4.0;
const TARGET_STARTUP: f64 = 0.5;
/// Peak memory within 1/50 of CPython's counts as no higher: CPython's own peak on the same
/// program varies by up to 2 % between runs (measured here: `fannkuch` 9,188–9,376 KiB,
/// `pidigits` 9,740–9,880 KiB, `sort_key` 24,276–24,540 KiB over ten runs each).
const MEMORY_NOISE_DIVISOR: u64 = 50;

#[derive(Debug)]
struct Options {
    names: Vec<String>,
    runs: usize,
    markdown: bool,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        names: Vec::new(),
        runs: DEFAULT_RUNS,
        markdown: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--markdown" => options.markdown = true,
            "--runs" => {
                options.runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--runs takes a positive number")?;
            }
            flag if flag.starts_with('-') => {
                return Err(format!(
                    "unknown option {flag}; usage: cargo xtask bench vm [NAME…] [--runs N] [--markdown]"
                ));
            }
            name => options.names.push(name.trim_end_matches(".py").to_owned()),
        }
    }
    Ok(options)
}

/// How peak memory is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Meter {
    /// GNU time's `%M`: `ru_maxrss` from `wait4`, in KiB.
    GnuTime,
    /// `VmHWM` from `/proc/PID/status`, polled while the program runs.
    ProcPolling,
}

impl Meter {
    fn find(scratch: &Path) -> Meter {
        let file = scratch.join("meter-check");
        let works = Command::new(GNU_TIME)
            .args(["-f", "%M", "-o"])
            .arg(&file)
            .args(["--", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
            && std::fs::read_to_string(&file).is_ok_and(|text| last_number(&text).is_some());
        if works {
            Meter::GnuTime
        } else {
            Meter::ProcPolling
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Meter::GnuTime => "the kernel's ru_maxrss of each run, through GNU time",
            Meter::ProcPolling => {
                "VmHWM polled every 2 ms (GNU time not found: may miss a late peak)"
            }
        }
    }
}

/// The last line of `text` that is a number (GNU time writes "Command exited with non-zero
/// status N" before its format's line when the program fails).
fn last_number(text: &str) -> Option<u64> {
    text.lines().rev().find_map(|line| line.trim().parse().ok())
}

/// The signal GNU time reports its program was ended by ("Command terminated by signal 11").
fn gnu_time_signal(report: &str) -> Option<i32> {
    report
        .lines()
        .find_map(|line| line.trim().strip_prefix("Command terminated by signal "))
        .and_then(|n| n.trim().parse().ok())
}

/// `VmHWM` of a running process, in KiB.
fn proc_peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One interpreter as the runner starts it.
#[derive(Debug)]
pub(crate) struct Interpreter {
    pub(crate) program: PathBuf,
}

/// How a run ended.
#[derive(Debug)]
enum Ending {
    Exited(i32),
    /// Ended by this signal (a crash: SIGSEGV, SIGABRT, ...).
    Killed(i32),
    TimedOut(Duration),
}

#[derive(Debug)]
struct Run {
    wall: Duration,
    peak_kib: Option<u64>,
    ending: Ending,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn succeeded(&self) -> bool {
        matches!(self.ending, Ending::Exited(0))
    }

    /// Why the run failed, in a line: the exit status and the last line of its stderr (a
    /// traceback's last line is the exception).
    fn failure(&self) -> String {
        let status = match self.ending {
            Ending::Exited(code) => format!("exit status {code}"),
            Ending::Killed(signal) => format!("killed by signal {signal}"),
            Ending::TimedOut(limit) => format!("no result after {} s", limit.as_secs()),
        };
        let stderr = String::from_utf8_lossy(&self.stderr);
        match stderr.lines().rev().find(|line| !line.trim().is_empty()) {
            Some(line) => format!("{status}: {}", shorten(line.trim(), 100)),
            None => status,
        }
    }
}

fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        text.to_owned()
    } else {
        let short: String = text.chars().take(limit).collect();
        format!("{short}…")
    }
}

impl Interpreter {
    /// Run `ARGS` once, stdout and stderr to files (no reader threads to compete with the
    /// program), killing its process group after `limit`.
    fn run(
        &self,
        args: &[&std::ffi::OsStr],
        meter: Option<Meter>,
        limit: Duration,
        scratch: &Path,
    ) -> Result<Run, String> {
        use std::os::unix::process::{CommandExt, ExitStatusExt};
        let out_path = scratch.join("stdout");
        let err_path = scratch.join("stderr");
        let rss_path = scratch.join("rss");
        let file = |path: &Path| {
            std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let mut command = if meter == Some(Meter::GnuTime) {
            let _ = std::fs::remove_file(&rss_path);
            let mut command = Command::new(GNU_TIME);
            command
                .args(["-f", "%M", "-o"])
                .arg(&rss_path)
                .arg("--")
                .arg(&self.program);
            command
        } else {
            Command::new(&self.program)
        };
        command
            .args(args)
            // The same deterministic environment as the oracle's goldens: set orders depend on
            // the hash seed, and both sides must print the same text.
            .env(
                "PYTHONHASHSEED",
                std::env::var("PYTHONHASHSEED").unwrap_or_else(|_| "0".to_owned()),
            )
            .env("PYTHONIOENCODING", "utf-8")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env_remove("PYTHONWARNINGS")
            .stdin(Stdio::null())
            .stdout(file(&out_path)?)
            .stderr(file(&err_path)?)
            // Its own process group, so that a timeout ends GNU time and the program under it.
            .process_group(0);

        let start = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.program.display()))?;
        let pid = child.id();
        let (done, finished) = mpsc::channel();
        std::thread::spawn(move || {
            let status = child.wait();
            let _ = done.send((status, Instant::now()));
        });
        let mut polled_peak = None;
        let mut timed_out = false;
        let (status, end) = loop {
            let wait = if meter == Some(Meter::ProcPolling) {
                POLL_INTERVAL
            } else {
                limit
                    .saturating_sub(start.elapsed())
                    .max(Duration::from_millis(1))
            };
            match finished.recv_timeout(wait) {
                Ok(result) => break result,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err("the waiting thread ended without a status".to_owned());
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if meter == Some(Meter::ProcPolling)
                        && let Some(kib) = proc_peak_kib(pid)
                    {
                        polled_peak = Some(polled_peak.map_or(kib, |p: u64| p.max(kib)));
                    }
                    if !timed_out && start.elapsed() >= limit {
                        timed_out = true;
                        // Only the group this run created (its id is the child's pid).
                        let _ = Command::new("kill")
                            .args(["-KILL", "--", &format!("-{pid}")])
                            .stderr(Stdio::null())
                            .status();
                    }
                }
            }
        };
        let status = status.map_err(|e| format!("waiting for {}: {e}", self.program.display()))?;
        let time_report = if meter == Some(Meter::GnuTime) {
            std::fs::read_to_string(&rss_path).unwrap_or_default()
        } else {
            String::new()
        };
        let ending = if timed_out {
            Ending::TimedOut(limit)
        } else if let Some(signal) = status.signal().or_else(|| gnu_time_signal(&time_report)) {
            // Under GNU time a program's crash is time's exit status 128 + N; its report
            // names the signal.
            Ending::Killed(signal)
        } else {
            Ending::Exited(status.code().unwrap_or(-1))
        };
        let peak_kib = match meter {
            Some(Meter::GnuTime) => last_number(&time_report),
            Some(Meter::ProcPolling) => polled_peak,
            None => None,
        };
        let read =
            |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
        Ok(Run {
            wall: end.duration_since(start),
            peak_kib,
            ending,
            stdout: read(&out_path)?,
            stderr: read(&err_path)?,
        })
    }
}

/// One side's result on one program: the best time over its runs, and the median of its
/// peaks. (Peaks vary less than times but have outliers both ways: CPython's on `generators`
/// is 9.2 MiB in nine runs of ten and 8.8 MiB in the tenth; the median ignores one in three.)
#[derive(Debug, Clone)]
struct Side {
    best: Duration,
    peaks_kib: Vec<u64>,
}

impl Side {
    fn add(side: &mut Option<Side>, run: &Run) {
        let side = side.get_or_insert(Side {
            best: run.wall,
            peaks_kib: Vec::new(),
        });
        side.best = side.best.min(run.wall);
        side.peaks_kib.extend(run.peak_kib);
    }

    /// The median peak (of an even count, the mean of the middle two).
    fn peak_kib(&self) -> Option<u64> {
        let mut peaks = self.peaks_kib.clone();
        peaks.sort_unstable();
        let middle = peaks.len() / 2;
        match peaks.len() {
            0 => None,
            n if n % 2 == 1 => peaks.get(middle).copied(),
            _ => Some((peaks.get(middle - 1)? + peaks.get(middle)?) / 2),
        }
    }
}

#[derive(Debug)]
struct Measured {
    name: String,
    cpython: Side,
    /// Taipan's result, or why it has none.
    taipan: Result<Side, String>,
}

impl Measured {
    fn ratio(&self) -> Option<f64> {
        let taipan = self.taipan.as_ref().ok()?;
        Some(taipan.best.as_secs_f64() / self.cpython.best.as_secs_f64())
    }

    /// Whether Taipan's peak memory is no higher than CPython's, give or take the 2 % that
    /// CPython's own peak varies by from run to run (unknown counts as higher).
    fn memory_ok(&self) -> bool {
        let taipan = self.taipan.as_ref().ok().and_then(Side::peak_kib);
        match (taipan, self.cpython.peak_kib()) {
            (Some(t), Some(c)) => t <= c + c / MEMORY_NOISE_DIVISOR,
            _ => false,
        }
    }
}

/// Run one program `runs` times on each side, alternating. CPython failing, or printing
/// different text from one run to the next, is an error in the benchmark itself.
fn measure(
    name: &str,
    path: &Path,
    cpython: &Interpreter,
    taipan: &Interpreter,
    runs: usize,
    meter: Meter,
    scratch: &Path,
) -> Result<Measured, String> {
    let args = [path.as_os_str()];
    let mut expected: Option<Vec<u8>> = None;
    let mut cpython_side = None;
    let mut taipan_side: Result<Option<Side>, String> = Ok(None);
    for _ in 0..runs {
        let run = cpython.run(&args, Some(meter), Duration::from_secs(600), scratch)?;
        if !run.succeeded() {
            return Err(format!("{name}: CPython fails ({})", run.failure()));
        }
        match &expected {
            Some(text) if *text != run.stdout => {
                return Err(format!(
                    "{name}: CPython prints different output from one run to the next"
                ));
            }
            Some(_) => {}
            None => expected = Some(run.stdout.clone()),
        }
        Side::add(&mut cpython_side, &run);
        let Ok(side) = &mut taipan_side else {
            continue; // Taipan failed once: no point timing it again.
        };
        // A program that hangs under Taipan must not stall the table.
        let limit = cpython_side
            .as_ref()
            .map_or(Duration::ZERO, |s| s.best * 20)
            .max(Duration::from_secs(60));
        let run = taipan.run(&args, Some(meter), limit, scratch)?;
        if !run.succeeded() {
            taipan_side = Err(run.failure());
        } else if Some(&run.stdout) != expected.as_ref() {
            taipan_side = Err(format!(
                "wrong output: {}",
                first_difference(expected.as_deref().unwrap_or_default(), &run.stdout)
            ));
        } else {
            Side::add(side, &run);
        }
    }
    let cpython = cpython_side.ok_or_else(|| format!("{name}: no runs"))?;
    let taipan = taipan_side.and_then(|side| side.ok_or_else(|| "no runs".to_owned()));
    Ok(Measured {
        name: name.to_owned(),
        cpython,
        taipan,
    })
}

/// The first line where `got` differs from `want`, shown both ways.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let mut want_lines = want.lines();
    let mut got_lines = got.lines();
    for number in 1.. {
        match (want_lines.next(), got_lines.next()) {
            (Some(w), Some(g)) if w == g => continue,
            (None, None) => return "the same lines, different line endings".to_owned(),
            (w, g) => {
                return format!(
                    "line {number}: expected {:?}, got {:?}",
                    shorten(w.unwrap_or("<end>"), 40),
                    shorten(g.unwrap_or("<end>"), 40)
                );
            }
        }
    }
    String::new()
}

/// `-c pass`, best of `STARTUP_RUNS` each, alternating; Taipan's is `Err` when it fails.
fn startup(
    cpython: &Interpreter,
    taipan: &Interpreter,
    scratch: &Path,
) -> Result<(Duration, Result<Duration, String>), String> {
    let args = ["-c".as_ref(), "pass".as_ref()];
    let limit = Duration::from_secs(30);
    let mut cpython_best = Duration::MAX;
    let mut taipan_best: Result<Duration, String> = Ok(Duration::MAX);
    for _ in 0..STARTUP_RUNS {
        let run = cpython.run(&args, None, limit, scratch)?;
        if !run.succeeded() {
            return Err(format!("CPython fails `-c pass` ({})", run.failure()));
        }
        cpython_best = cpython_best.min(run.wall);
        if let Ok(best) = &mut taipan_best {
            let run = taipan.run(&args, None, limit, scratch)?;
            if run.succeeded() {
                *best = (*best).min(run.wall);
            } else {
                taipan_best = Err(run.failure());
            }
        }
    }
    Ok((cpython_best, taipan_best))
}

/// The benchmark programs, by name, in name order; only `names` if given.
fn programs(names: &[String]) -> Result<Vec<(String, PathBuf)>, String> {
    let dir = taipan_snapshots::repo_root().join(PROGRAMS);
    let mut all: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.strip_suffix(".py")?.to_owned();
            Some((name, path))
        })
        .collect();
    all.sort();
    if names.is_empty() {
        return Ok(all);
    }
    let known: Vec<&str> = all.iter().map(|(name, _)| name.as_str()).collect();
    if let Some(unknown) = names.iter().find(|name| !known.contains(&name.as_str())) {
        return Err(format!(
            "no benchmark {unknown} in {PROGRAMS} (there are: {})",
            known.join(", ")
        ));
    }
    Ok(all
        .into_iter()
        .filter(|(name, _)| names.contains(name))
        .collect())
}

/// CPython's own executable (not the pyenv shim in front of it, whose start-up would be
/// timed too).
pub(crate) fn cpython() -> Result<Interpreter, String> {
    let oracle =
        Oracle::find().map_err(|why| format!("bench needs the oracle to compare with: {why}"))?;
    let outcome = oracle.run(
        &[
            "-c".to_owned(),
            "import sys; print(sys.executable)".to_owned(),
        ],
        Path::new("."),
    )?;
    let program = String::from_utf8_lossy(&outcome.stdout).trim().to_owned();
    if outcome.status != 0 || program.is_empty() {
        return Err("cannot find the oracle's executable (sys.executable)".to_owned());
    }
    Ok(Interpreter {
        program: program.into(),
    })
}

/// `TAIPAN_BENCH_BIN`, or the release build of `taipan` beside this xtask (built first).
pub(crate) fn taipan() -> Result<Interpreter, String> {
    if let Some(program) = std::env::var_os("TAIPAN_BENCH_BIN") {
        return Ok(Interpreter {
            program: program.into(),
        });
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("building taipan (release)...");
    let built = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "--package",
            "taipan",
            "--bin",
            "taipan",
        ])
        .current_dir(taipan_snapshots::repo_root())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !built.success() {
        return Err("taipan did not build (see cargo's messages above)".to_owned());
    }
    // `cargo xtask` is a release build in the same target directory.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let program = exe
        .parent()
        .map(|dir| dir.join("taipan"))
        .ok_or("cannot tell the target directory")?;
    Ok(Interpreter { program })
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let options = parse_options(args)?;
    let programs = programs(&options.names)?;
    let cpython = cpython()?;
    let taipan = taipan()?;
    let scratch = std::env::temp_dir().join(format!("taipan-bench-vm-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let result = run_all(&options, &programs, &cpython, &taipan, &scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    let report = result?;
    if options.markdown {
        print!("{}", report.markdown());
    } else {
        print!("{}", report.text());
    }
    Ok(())
}

fn run_all(
    options: &Options,
    programs: &[(String, PathBuf)],
    cpython: &Interpreter,
    taipan: &Interpreter,
    scratch: &Path,
) -> Result<Report, String> {
    let meter = Meter::find(scratch);
    eprintln!(
        "CPython: {}\nTaipan:  {}\n{} programs, best of {} runs each",
        cpython.program.display(),
        taipan.program.display(),
        programs.len(),
        options.runs
    );
    let mut measured = Vec::new();
    for (name, path) in programs {
        eprint!("  {name}...");
        let result = measure(name, path, cpython, taipan, options.runs, meter, scratch)?;
        match result.ratio() {
            Some(ratio) => eprintln!(" {ratio:.2}×"),
            None => eprintln!(" Taipan fails"),
        }
        measured.push(result);
    }
    eprintln!("  start-up (-c pass)...");
    let (cpython_startup, taipan_startup) = startup(cpython, taipan, scratch)?;
    Ok(Report {
        rows: measured
            .into_iter()
            .map(|m| Row {
                memory_ok: m.memory_ok(),
                name: m.name,
                cpython_secs: m.cpython.best.as_secs_f64(),
                cpython_kib: m.cpython.peak_kib(),
                taipan: m
                    .taipan
                    .map(|side| (side.best.as_secs_f64(), side.peak_kib())),
            })
            .collect(),
        cpython_startup: cpython_startup.as_secs_f64(),
        taipan_startup: taipan_startup.map(|d| d.as_secs_f64()),
        runs: options.runs,
        startup_runs: STARTUP_RUNS,
        meter: meter.describe(),
        targets: Targets {
            geomean: TARGET_GEOMEAN,
            worst: TARGET_WORST,
            startup: TARGET_STARTUP,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let args: Vec<String> = ["fib.py", "--runs", "5", "nbody", "--markdown"]
            .map(str::to_owned)
            .to_vec();
        let options = parse_options(&args).expect("valid");
        assert_eq!(options.names, ["fib", "nbody"]);
        assert_eq!(options.runs, 5);
        assert!(options.markdown);
        assert!(parse_options(&["--runs".to_owned(), "0".to_owned()]).is_err());
        assert!(parse_options(&["--fast".to_owned()]).is_err());
    }

    #[test]
    fn median_peak() {
        let side = |peaks: &[u64]| Side {
            best: Duration::ZERO,
            peaks_kib: peaks.to_vec(),
        };
        assert_eq!(side(&[]).peak_kib(), None);
        assert_eq!(side(&[9376, 9000, 9380]).peak_kib(), Some(9376));
        assert_eq!(side(&[10, 20]).peak_kib(), Some(15));
    }

    #[test]
    fn gnu_time_output() {
        assert_eq!(
            last_number("Command exited with non-zero status 3\n1600\n"),
            Some(1600)
        );
        assert_eq!(last_number("Command terminated by signal 9\n"), None);
        assert_eq!(
            gnu_time_signal("Command terminated by signal 11\n9200\n"),
            Some(11)
        );
        assert_eq!(
            gnu_time_signal("Command exited with non-zero status 3\n1600\n"),
            None
        );
    }

    #[test]
    fn differences() {
        assert_eq!(
            first_difference(b"a\nb\n", b"a\nc\n"),
            "line 2: expected \"b\", got \"c\""
        );
        assert_eq!(
            first_difference(b"a\n", b""),
            "line 1: expected \"a\", got \"<end>\""
        );
    }
}
