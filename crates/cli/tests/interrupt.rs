//! Ctrl-C: SIGINT raises `KeyboardInterrupt` in the running program, which can catch it;
//! uncaught, the traceback ends in `KeyboardInterrupt` and the process dies by SIGINT, as
//! CPython 3.13 does (checked against it by hand: `python3 loop.py`, two SIGINTs, gives the
//! same stdout and a process killed by signal 2).
//!
//! A process that starts with SIGINT ignored (a background job of a non-interactive shell)
//! keeps it ignored, as CPython does; the test checks whichever case it runs in.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::Duration;

const PROGRAM: &str = "\
print('start', flush=True)
try:
    while True:
        pass
except KeyboardInterrupt:
    print('caught', flush=True)
def f():
    while True:
        g()
def g():
    pass
f()
";

fn sigint_ignored_here() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("SigIgn:"))
                .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        })
        .is_some_and(|mask| mask & 2 != 0)
}

fn send_sigint(pid: u32) {
    let status = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
}

#[test]
fn sigint_raises_keyboard_interrupt() {
    let dir = std::env::temp_dir().join(format!("taipan-interrupt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("loop.py");
    std::fs::File::create(&script)
        .and_then(|mut f| f.write_all(PROGRAM.as_bytes()))
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .arg(&script)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Signal only once the program runs (the handler is installed before it starts), and
    // again once it has caught the first interrupt.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "start\n");
    send_sigint(child.id());
    if sigint_ignored_here() {
        // Inherited as ignored: the program must still be running.
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            child.try_wait().unwrap().is_none(),
            "SIGINT was ignored, yet taipan ended"
        );
        child.kill().unwrap();
        let _ = child.wait();
        return;
    }
    line.clear();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "caught\n");
    send_sigint(child.id());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().last(), Some("KeyboardInterrupt"), "{stderr}");
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n"),
        "{stderr}"
    );
    assert_eq!(out.status.signal(), Some(2), "{:?}", out.status);
    let _ = std::fs::remove_dir_all(&dir);
}
