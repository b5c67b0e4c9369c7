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

/// The one normalisation of outcomes, applied to both sides (the oracle's and Taipan's) before
/// goldens are written and before anything is compared: the stack frames of Python tracebacks
/// are dropped.
///
/// They name CPython's installation (`<frozen runpy>`, `/…/lib/python3.13/ast.py`, or the oracle
/// driver's own frames in a conformance run), which Taipan neither has nor prints. Kept: the
/// header line `Traceback (most recent call last):`, then, for a `SyntaxError`, its block
/// (`  File "NAME", line N`, the source line, the carets), then the exception line. Taipan
/// prints exactly that, so normalising its output changes nothing.
pub fn normalize(mut outcome: Outcome) -> Outcome {
    outcome.stderr = drop_traceback_frames(&outcome.stderr);
    outcome.stdout = hide_addresses(&outcome.stdout);
    outcome
}

/// For the `run` stages: of stderr only the last line is compared (a traceback's exception
/// line, `SystemExit`'s message, the last note of an uncaught exception): the frames above it
/// name files by absolute path and, from a `.pyc`, have no source lines. Trailing empty lines
/// are skipped; the line keeps its newline.
pub fn keep_last_stderr_line(mut outcome: Outcome) -> Outcome {
    let lines: Vec<&[u8]> = outcome.stderr.split_inclusive(|&b| b == b'\n').collect();
    let last = lines
        .iter()
        .rev()
        .find(|line| !line.iter().all(|b| b.is_ascii_whitespace()))
        .map(|line| line.to_vec())
        .unwrap_or_default();
    outcome.stderr = last;
    outcome
}

/// Object addresses differ between runs and between implementations: the address in
/// `<code object NAME at 0x7f…, file …>` (the repr `dis` prints) becomes `0xADDRESS`.
pub fn hide_addresses(text: &[u8]) -> Vec<u8> {
    const MARK: &[u8] = b"<code object ";
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, MARK) {
        out.extend_from_slice(&rest[..at + MARK.len()]);
        rest = &rest[at + MARK.len()..];
        // The name runs to " at 0x"; the address to the next comma.
        let Some(name_end) = find(rest, b" at 0x") else {
            continue;
        };
        let digits = rest[name_end + 6..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        out.extend_from_slice(&rest[..name_end]);
        out.extend_from_slice(b" at 0xADDRESS");
        rest = &rest[name_end + 6 + digits..];
    }
    out.extend_from_slice(rest);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

const TRACEBACK_HEADER: &[u8] = b"Traceback (most recent call last):\n";

fn drop_traceback_frames(stderr: &[u8]) -> Vec<u8> {
    let lines: Vec<&[u8]> = stderr.split_inclusive(|&b| b == b'\n').collect();
    let mut out = Vec::with_capacity(stderr.len());
    let mut i = 0;
    while i < lines.len() {
        out.extend_from_slice(lines[i]);
        i += 1;
        if lines[i - 1] != TRACEBACK_HEADER {
            continue;
        }
        // The indented lines after the header: frames, then a SyntaxError's block if any.
        let end = i + lines[i..]
            .iter()
            .take_while(|line| line.starts_with(b"  "))
            .count();
        if let Some(block) = (i..end).rev().find(|&j| is_syntax_error_location(lines[j])) {
            for line in &lines[block..end] {
                out.extend_from_slice(line);
            }
        }
        i = end;
    }
    out
}

/// `  File "NAME", line N` with nothing after the number: a SyntaxError's location (a frame's
/// line goes on with `, in FUNCTION`).
fn is_syntax_error_location(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let Some(rest) = line.strip_prefix(b"  File \"") else {
        return false;
    };
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let head = &rest[..rest.len() - digits];
    let head = head.strip_suffix(b"-").unwrap_or(head);
    digits > 0 && head.ends_with(b"\", line ")
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
    fn normalize_keeps_only_the_syntax_error_block() {
        let outcome = |lines: &[&str]| Outcome {
            status: 1,
            stdout: vec![],
            stderr: lines.concat().into_bytes(),
        };
        let warning = "w.py:1: SyntaxWarning: invalid escape sequence '\\d'\n  x = \"\\d\"\n";
        let header = "Traceback (most recent call last):\n";
        let frames = [
            "  File \"<frozen runpy>\", line 198, in _run_module_as_main\n",
            "  File \"/x/lib/python3.13/ast.py\", line 1866, in <module>\n",
            "    main()\n",
            "    ~~~~^^\n",
        ]
        .concat();
        let block = "  File \"w.py\", line 2\n    1 +\n       ^\nSyntaxError: invalid syntax\n";
        let want = outcome(&[warning, header, block]);
        assert_eq!(normalize(outcome(&[warning, header, &frames, block])), want);
        assert_eq!(normalize(want.clone()), want);
        // No SyntaxError block (FileNotFoundError, or a SyntaxError without a line): no frames.
        let error = "FileNotFoundError: [Errno 2] No such file or directory: 'x'\n";
        assert_eq!(
            normalize(outcome(&[header, &frames, error])),
            outcome(&[header, error])
        );
    }

    #[test]
    fn run_stages_keep_the_last_line_of_stderr() {
        let outcome = Outcome {
            status: 1,
            stdout: b"out\n".to_vec(),
            stderr:
                b"Traceback (most recent call last):\n  File \"/x.py\", line 1\nKeyError: 1\n\n"
                    .to_vec(),
        };
        assert_eq!(keep_last_stderr_line(outcome).stderr, b"KeyError: 1\n");
        let quiet = Outcome {
            status: 0,
            stdout: vec![],
            stderr: vec![],
        };
        assert_eq!(keep_last_stderr_line(quiet.clone()), quiet);
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
