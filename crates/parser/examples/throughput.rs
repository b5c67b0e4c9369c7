//! Parses files repeatedly and prints the throughput: a quick profiling target
//! (`perf record`, `valgrind --tool=callgrind`). `cargo bench -p taipan-parser` and
//! `cargo xtask bench parser` are the measured benchmarks.
//!
//! ```text
//! cargo run --release -p taipan-parser --example throughput -- ROUNDS FILE...
//! ```

use std::time::Instant;

use taipan_parser::{Options, parse};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let sources: Vec<String> = args
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    let bytes: usize = sources.iter().map(String::len).sum();
    let mut arena = bumpalo::Bump::new();
    let start = Instant::now();
    let mut errors = 0;
    for _ in 0..rounds {
        for source in &sources {
            arena.reset();
            if parse(source, &Options::default(), &arena).is_err() {
                errors += 1;
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let megabytes = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} files, {:.1} MB, {errors} errors: {:.1} MB/s",
        sources.len(),
        megabytes,
        megabytes / seconds
    );
}
