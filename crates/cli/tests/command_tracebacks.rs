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
