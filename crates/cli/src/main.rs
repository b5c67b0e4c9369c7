//! The `taipan` binary: Python 3.13's command line.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let status = taipan::run_process(&args);
    std::process::exit(status);
}
