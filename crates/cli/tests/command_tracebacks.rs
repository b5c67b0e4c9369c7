//! `taipan -c CODE`: tracebacks show the command's source lines, as CPython 3.13's do (for
//! code `exec`'d from it too, whose `<string>` lines are read from the command). Expected
//! output produced by CPython 3.13.0 (`python3.13 -c ...`) and pasted here.

fn run(args: &[&str]) -> (i32, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut stdin, mut stdout, mut stderr): (&[u8], Vec<u8>, Vec<u8>) =
        (&[], Vec::new(), Vec::new());
    let status = {
        let mut io = taipan::Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        };
        taipan::run(&args, &mut io)
    };
    (status, String::from_utf8_lossy(&stderr).into_owned())
}

#[test]
fn command_source_lines_in_tracebacks() {
    let (status, stderr) = run(&["-c", "exec('1/0')"]);
    assert_eq!(status, 1);
    assert_eq!(
        stderr,
        r#"Traceback (most recent call last):
  File "<string>", line 1, in <module>
    exec('1/0')
    ~~~~^^^^^^^
  File "<string>", line 1, in <module>
    exec('1/0')
    ^^^
ZeroDivisionError: division by zero
"#
    );
}

/// A script named by a relative path: as CPython 3.13, `__file__`, `co_filename` and the
/// traceback carry it made absolute (the working folder joined on, not normalised), while
/// `sys.argv[0]` keeps it as given. Expected output from `python3.13 t.py` run in the folder.
#[test]
fn script_path_made_absolute() {
    let dir = std::env::temp_dir().join(format!("taipan-relpath-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("t.py"),
        "import sys\nprint(sys.argv[0], __file__ == sys._getframe().f_code.co_filename)\n1/0\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taipan"))
        .arg("t.py")
        .current_dir(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "t.py True\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "Traceback (most recent call last):\n  File \"{}/t.py\", line 3, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n",
            dir.display()
        )
    );
}
