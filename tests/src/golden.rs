//! The one golden format: a program's exit status, stdout and stderr in one readable file.
//!
//! ```text
//! status 1, stdout 0 bytes, stderr 52 bytes
//! ===== stdout
//! ===== stderr
//! fixtures/numbers/err_invalid_hex.py:1:6: error: invalid hexadecimal literal
//! ```
//! The byte counts make the format unambiguous whatever the outputs contain; the markers make
//! it readable in a diff.

use std::fmt::Write as _;

/// What one run of a program did.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Outcome {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

const STDOUT_MARK: &[u8] = b"===== stdout\n";
const STDERR_MARK: &[u8] = b"===== stderr\n";

impl Outcome {
    /// The golden file's bytes.
    pub fn to_golden(&self) -> Vec<u8> {
        let mut out = format!(
            "status {}, stdout {} bytes, stderr {} bytes\n",
            self.status,
            self.stdout.len(),
            self.stderr.len()
        )
        .into_bytes();
        out.extend_from_slice(STDOUT_MARK);
        out.extend_from_slice(&self.stdout);
        out.extend_from_slice(STDERR_MARK);
        out.extend_from_slice(&self.stderr);
        out
    }

    /// Read a golden file's bytes.
    pub fn from_golden(bytes: &[u8]) -> Result<Outcome, String> {
        let newline = bytes
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("golden: no header line")?;
        let header =
            std::str::from_utf8(&bytes[..newline]).map_err(|_| "golden: header is not UTF-8")?;
        let numbers: Vec<i64> = header
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .filter(|s| !s.is_empty() && *s != "-")
            .map(|s| {
                s.parse()
                    .map_err(|_| format!("golden: bad number in header {header:?}"))
            })
            .collect::<Result<_, _>>()?;
        let [status, out_len, err_len] = numbers[..] else {
            return Err(format!("golden: bad header {header:?}"));
        };
        let (out_len, err_len) = (out_len as usize, err_len as usize);
        let rest = &bytes[newline + 1..];
        let rest = rest
            .strip_prefix(STDOUT_MARK)
            .ok_or("golden: missing stdout marker")?;
        if rest.len() != out_len + STDERR_MARK.len() + err_len {
            return Err("golden: lengths do not match the header".into());
        }
        let (stdout, rest) = rest.split_at(out_len);
        let stderr = rest
            .strip_prefix(STDERR_MARK)
            .ok_or("golden: missing stderr marker")?;
        Ok(Outcome {
            status: status as i32,
            stdout: stdout.to_vec(),
            stderr: stderr.to_vec(),
        })
    }

    /// A readable account of how `actual` differs from `self` (the expected outcome), or `None`
    /// if they are the same.
    pub fn diff(&self, actual: &Outcome) -> Option<String> {
        if self == actual {
            return None;
        }
        let mut report = String::new();
        if self.status != actual.status {
            let _ = writeln!(
                report,
                "exit status: expected {}, got {}",
                self.status, actual.status
            );
        }
        for (name, expected, got) in [
            ("stdout", &self.stdout, &actual.stdout),
            ("stderr", &self.stderr, &actual.stderr),
        ] {
            if expected != got {
                let _ = writeln!(report, "{name} differs:");
                report.push_str(&first_difference(expected, got));
            }
        }
        Some(report)
    }
}

/// The first differing line of two outputs, with a little context, as `-`/`+` lines.
pub fn first_difference(expected: &[u8], got: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let got = String::from_utf8_lossy(got);
    let exp_lines: Vec<&str> = expected.split_inclusive('\n').collect();
    let got_lines: Vec<&str> = got.split_inclusive('\n').collect();
    let first = exp_lines
        .iter()
        .zip(&got_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(exp_lines.len().min(got_lines.len()));
    let mut out = String::new();
    let _ = writeln!(out, "  first difference at line {}:", first + 1);
    for line in &exp_lines[first.saturating_sub(2)..first] {
        let _ = writeln!(out, "    {}", line.trim_end_matches('\n'));
    }
    for line in exp_lines.iter().skip(first).take(3) {
        let _ = writeln!(out, "  - {:?}", line);
    }
    for line in got_lines.iter().skip(first).take(3) {
        let _ = writeln!(out, "  + {:?}", line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_round_trips_any_bytes() {
        let outcome = Outcome {
            status: 1,
            stdout: b"a\n===== stderr\nb".to_vec(),
            stderr: vec![0xff, b'\n'],
        };
        assert_eq!(Outcome::from_golden(&outcome.to_golden()).unwrap(), outcome);
        let empty = Outcome {
            status: 0,
            stdout: vec![],
            stderr: vec![],
        };
        assert_eq!(Outcome::from_golden(&empty.to_golden()).unwrap(), empty);
    }

    #[test]
    fn diff_names_the_first_differing_line() {
        let a = Outcome {
            status: 0,
            stdout: b"x\ny\n".to_vec(),
            stderr: vec![],
        };
        let b = Outcome {
            status: 0,
            stdout: b"x\nz\n".to_vec(),
            stderr: vec![],
        };
        let report = a.diff(&b).unwrap();
        assert!(report.contains("line 2"), "{report}");
        assert!(a.diff(&a.clone()).is_none());
    }
}
