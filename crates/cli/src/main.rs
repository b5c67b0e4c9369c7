//! The `taipan` binary: Python 3.13's command line.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdin = std::io::stdin();
    let mut stdin = stdin.lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut stderr = std::io::stderr().lock();
    let status = {
        let mut io = taipan::Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        };
        taipan::run(&args, &mut io)
    };
    let status = if stdout.flush().is_err() { 120 } else { status };
    std::process::exit(status);
}
