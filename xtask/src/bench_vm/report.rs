//! The table `cargo xtask bench vm` prints (as text, or as Markdown for the README), and the
//! verdict on each of the VM issue's targets. Ratios are Taipan's time over CPython's: below 1
//! is faster. A program Taipan fails has no ratio, is left out of the geometric mean, and makes
//! every per-program target fail.

use std::fmt::Write as _;

#[derive(Debug)]
pub(super) struct Row {
    pub(super) name: String,
    pub(super) cpython_secs: f64,
    pub(super) cpython_kib: Option<u64>,
    /// Taipan's best time and peak memory, or why it has none.
    pub(super) taipan: Result<(f64, Option<u64>), String>,
    /// Taipan's peak no higher than CPython's (both known; within the measurement noise).
    pub(super) memory_ok: bool,
}

impl Row {
    fn ratio(&self) -> Option<f64> {
        let (secs, _) = self.taipan.as_ref().ok()?;
        Some(secs / self.cpython_secs)
    }
}

#[derive(Debug)]
pub(super) struct Targets {
    pub(super) geomean: f64,
    pub(super) worst: f64,
    pub(super) startup: f64,
}

#[derive(Debug)]
pub(super) struct Report {
    pub(super) rows: Vec<Row>,
    pub(super) cpython_startup: f64,
    pub(super) taipan_startup: Result<f64, String>,
    pub(super) runs: usize,
    pub(super) startup_runs: usize,
    pub(super) meter: &'static str,
    pub(super) targets: Targets,
}

/// One target: what it asks, what was measured, whether it is met.
#[derive(Debug)]
struct Verdict {
    target: String,
    measured: String,
    met: bool,
}

/// "1 program", "2 programs".
fn programs(count: usize) -> String {
    if count == 1 {
        "1 program".to_owned()
    } else {
        format!("{count} programs")
    }
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(
        || "?".to_owned(),
        |kib| format!("{:.1}", kib as f64 / 1024.0),
    )
}

impl Report {
    fn passing(&self) -> usize {
        self.rows.iter().filter(|row| row.taipan.is_ok()).count()
    }

    fn failing(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|row| row.taipan.is_err())
            .map(|row| row.name.as_str())
            .collect()
    }

    /// The geometric mean of the ratios of the programs Taipan passes.
    fn geomean(&self) -> Option<f64> {
        let logs: Vec<f64> = self
            .rows
            .iter()
            .filter_map(Row::ratio)
            .map(f64::ln)
            .collect();
        if logs.is_empty() {
            return None;
        }
        Some((logs.iter().sum::<f64>() / logs.len() as f64).exp())
    }

    fn worst(&self) -> Option<(&str, f64)> {
        self.rows
            .iter()
            .filter_map(|row| Some((row.name.as_str(), row.ratio()?)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    fn startup_ratio(&self) -> Option<f64> {
        self.taipan_startup
            .as_ref()
            .ok()
            .map(|secs| secs / self.cpython_startup)
    }

    fn verdicts(&self) -> Vec<Verdict> {
        let total = self.rows.len();
        let failing = self.failing();
        let all_pass = failing.is_empty();
        let fails_note = if all_pass {
            String::new()
        } else {
            format!("; Taipan fails {} of {total}", failing.len())
        };
        let geomean = self.geomean();
        let worst = self.worst();
        let startup = self.startup_ratio();
        let memory_over: Vec<&str> = self
            .rows
            .iter()
            .filter(|row| row.taipan.is_ok() && !row.memory_ok)
            .map(|row| row.name.as_str())
            .collect();
        let targets = &self.targets;
        vec![
            Verdict {
                target: format!("geometric mean of the ratios at most {}×", targets.geomean),
                measured: match geomean {
                    Some(g) => format!("{g:.2}× over {}{fails_note}", programs(self.passing())),
                    None => format!("no program runs under Taipan{fails_note}"),
                },
                met: all_pass && geomean.is_some_and(|g| g <= targets.geomean),
            },
            Verdict {
                target: format!("no program worse than {}×", targets.worst),
                measured: match worst {
                    Some((name, ratio)) => format!("worst {ratio:.2}× ({name}){fails_note}"),
                    None => format!("no program runs under Taipan{fails_note}"),
                },
                met: all_pass && worst.is_some_and(|(_, r)| r <= targets.worst),
            },
            Verdict {
                target: format!("start-up at most {}× CPython's", targets.startup),
                measured: match startup {
                    Some(ratio) => format!("{ratio:.2}×"),
                    None => "Taipan fails `-c pass`".to_owned(),
                },
                met: startup.is_some_and(|r| r <= targets.startup),
            },
            Verdict {
                target: "peak memory no higher than CPython's (within 2 %)".to_owned(),
                measured: if memory_over.is_empty() {
                    format!(
                        "within CPython's on {}{fails_note}",
                        programs(self.passing())
                    )
                } else {
                    format!(
                        "higher on {} of {total}: {}{fails_note}",
                        memory_over.len(),
                        memory_over.join(", ")
                    )
                },
                met: all_pass && self.rows.iter().all(|row| row.memory_ok),
            },
        ]
    }

    /// Each program (and `-c pass`) Taipan fails, with why.
    fn failures(&self) -> Vec<(&str, &str)> {
        let mut failures: Vec<(&str, &str)> = self
            .rows
            .iter()
            .filter_map(|row| Some((row.name.as_str(), row.taipan.as_ref().err()?.as_str())))
            .collect();
        if let Err(why) = &self.taipan_startup {
            failures.push(("-c pass", why.as_str()));
        }
        failures
    }

    fn taipan_cells(row: &Row) -> (String, String, String) {
        match &row.taipan {
            Ok((secs, kib)) => (
                format!("{secs:.3}"),
                format!("{:.2}×", secs / row.cpython_secs),
                mib(*kib),
            ),
            Err(_) => ("fails".to_owned(), "-".to_owned(), "-".to_owned()),
        }
    }

    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<20} {:>10} {:>10} {:>8} {:>12} {:>11}",
            "benchmark", "CPython s", "Taipan s", "ratio", "CPython MiB", "Taipan MiB"
        );
        for row in &self.rows {
            let (secs, ratio, kib) = Self::taipan_cells(row);
            let _ = writeln!(
                out,
                "{:<20} {:>10.3} {:>10} {:>8} {:>12} {:>11}",
                row.name,
                row.cpython_secs,
                secs,
                ratio,
                mib(row.cpython_kib),
                kib
            );
        }
        let (startup, startup_ratio) = match (&self.taipan_startup, self.startup_ratio()) {
            (Ok(secs), Some(ratio)) => (format!("{:.1} ms", secs * 1e3), format!("{ratio:.2}×")),
            _ => ("fails".to_owned(), "-".to_owned()),
        };
        let _ = writeln!(
            out,
            "{:<20} {:>10} {:>10} {:>8}",
            "start-up (-c pass)",
            format!("{:.1} ms", self.cpython_startup * 1e3),
            startup,
            startup_ratio
        );
        let _ = writeln!(out);
        match self.geomean() {
            Some(g) => {
                let _ = writeln!(
                    out,
                    "geometric mean: {g:.2}× (over the {} of {} programs Taipan passes)",
                    self.passing(),
                    self.rows.len()
                );
            }
            None => {
                let _ = writeln!(out, "geometric mean: none (Taipan passes no program)");
            }
        }
        if let Some((name, ratio)) = self.worst() {
            let _ = writeln!(out, "worst: {ratio:.2}× ({name})");
        }
        let failures = self.failures();
        if !failures.is_empty() {
            let _ = writeln!(out, "\nTaipan fails:");
            for (name, why) in failures {
                let _ = writeln!(out, "  {name}: {why}");
            }
        }
        let _ = writeln!(out, "\ntargets (issue 6, section 5):");
        for verdict in self.verdicts() {
            let _ = writeln!(
                out,
                "  [{}] {}: {}",
                if verdict.met { "met" } else { "NOT met" },
                verdict.target,
                verdict.measured
            );
        }
        let _ = writeln!(
            out,
            "\n(times: best of {} runs each, alternating, wall clock; start-up best of {}; \
             peak memory: {}, the median over the runs)",
            self.runs, self.startup_runs, self.meter
        );
        out
    }

    pub(super) fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "| benchmark | CPython 3.13 | Taipan | Taipan / CPython | CPython peak | Taipan peak |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
        for row in &self.rows {
            let (secs, ratio, kib) = match &row.taipan {
                Ok((secs, kib)) => (
                    format!("{secs:.3} s"),
                    format!("{:.2}×", secs / row.cpython_secs),
                    format!("{} MiB", mib(*kib)),
                ),
                Err(_) => ("fails".to_owned(), "—".to_owned(), "—".to_owned()),
            };
            let _ = writeln!(
                out,
                "| {} | {:.3} s | {secs} | {ratio} | {} MiB | {kib} |",
                row.name,
                row.cpython_secs,
                mib(row.cpython_kib)
            );
        }
        let (startup, startup_ratio) = match (&self.taipan_startup, self.startup_ratio()) {
            (Ok(secs), Some(ratio)) => (format!("{:.1} ms", secs * 1e3), format!("{ratio:.2}×")),
            _ => ("fails".to_owned(), "—".to_owned()),
        };
        let _ = writeln!(
            out,
            "| start-up (`-c pass`) | {:.1} ms | {startup} | {startup_ratio} | | |",
            self.cpython_startup * 1e3
        );
        let geomean = self
            .geomean()
            .map_or_else(|| "—".to_owned(), |g| format!("**{g:.2}×**"));
        let _ = writeln!(out, "| geometric mean | | | {geomean} | | |");
        let _ = writeln!(out);
        for verdict in self.verdicts() {
            let _ = writeln!(
                out,
                "- {}: {} ({})",
                verdict.target,
                if verdict.met {
                    "**met**"
                } else {
                    "**not met**"
                },
                verdict.measured
            );
        }
        let failures = self.failures();
        if !failures.is_empty() {
            let _ = writeln!(out, "\nTaipan fails:\n");
            for (name, why) in failures {
                let _ = writeln!(out, "- `{name}`: {why}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, cpython: f64, taipan: Result<f64, &str>, kib: (u64, u64)) -> Row {
        Row {
            name: name.to_owned(),
            cpython_secs: cpython,
            cpython_kib: Some(kib.0),
            memory_ok: taipan.is_ok() && kib.1 <= kib.0,
            taipan: taipan
                .map(|secs| (secs, Some(kib.1)))
                .map_err(str::to_owned),
        }
    }

    fn report(rows: Vec<Row>, startup: Result<f64, String>) -> Report {
        Report {
            rows,
            cpython_startup: 0.014,
            taipan_startup: startup,
            runs: 3,
            startup_runs: 20,
            meter: "test",
            targets: Targets {
                geomean: 2.0,
                worst: 4.0,
                startup: 0.5,
            },
        }
    }

    #[test]
    fn all_targets_met() {
        let report = report(
            vec![
                row("a", 1.0, Ok(0.5), (100, 50)),
                row("b", 1.0, Ok(2.0), (100, 100)),
            ],
            Ok(0.005),
        );
        let geomean = report.geomean().expect("two ratios");
        assert!((geomean - 1.0).abs() < 1e-12);
        assert_eq!(report.worst(), Some(("b", 2.0)));
        assert!(report.verdicts().iter().all(|v| v.met));
        assert!(
            report
                .markdown()
                .contains("| a | 1.000 s | 0.500 s | 0.50× |")
        );
    }

    #[test]
    fn a_failure_fails_every_program_target() {
        let report = report(
            vec![
                row("a", 1.0, Ok(0.5), (100, 50)),
                row("b", 1.0, Err("exit status 2: no VM"), (100, 0)),
            ],
            Err("exit status 2".to_owned()),
        );
        assert_eq!(report.geomean(), Some(0.5));
        assert!(report.verdicts().iter().all(|v| !v.met));
        let text = report.text();
        assert!(text.contains("b: exit status 2: no VM"), "{text}");
        assert!(text.contains("fails"), "{text}");
    }

    #[test]
    fn memory_over_cpython_is_named() {
        let report = report(vec![row("big", 1.0, Ok(1.0), (100, 101))], Ok(0.001));
        let verdicts = report.verdicts();
        assert!(!verdicts[3].met);
        assert!(verdicts[3].measured.contains("big"));
        assert!(verdicts[..3].iter().all(|v| v.met));
    }
}
