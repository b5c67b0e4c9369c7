//! The `python3.13`-style command line: options, then what to run.

/// Options that change how Taipan runs (recorded now; each takes effect when its stage exists).
#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub struct Options {
    pub dont_write_bytecode: bool,
    pub isolated: bool,
    pub ignore_environment: bool,
    pub no_site: bool,
    pub no_user_site: bool,
    pub unbuffered: bool,
    pub optimize: u8,
    pub inspect: bool,
    pub quiet: bool,
    pub safe_path: bool,
    pub verbose: u8,
    pub bytes_warning: u8,
    pub skip_first_line: bool,
    pub warnings: Vec<String>,
    pub xoptions: Vec<String>,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `-V` (1) or `-VV` (2).
    Version(u8),
    Help,
    /// `-c CODE args…`
    Command {
        code: String,
        args: Vec<String>,
    },
    /// `-m MODULE args…`
    Module {
        name: String,
        args: Vec<String>,
    },
    /// `FILE args…`, or `-` for standard input.
    Script {
        path: String,
        args: Vec<String>,
    },
    /// No script: the REPL (or standard input when it is not a terminal).
    Interactive,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    pub options: Options,
    pub action: Action,
}

/// A command-line mistake, with CPython's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Parse the arguments after the program name, as CPython's `Python/getopt.c` does: single-letter
/// options may be bundled (`-BIu`), `-c`, `-m`, `-W` and `-X` take an argument attached or next,
/// and `-c`, `-m`, a file name or `-` end the options.
pub fn parse(args: &[String]) -> Result<Invocation, UsageError> {
    let mut options = Options::default();
    let mut version = 0u8;
    let mut help = false;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            i += 1;
            break;
        }
        if arg == "--version" {
            version += 1;
            i += 1;
            continue;
        }
        if arg == "--help" || arg == "--help-all" {
            help = true;
            i += 1;
            continue;
        }
        if arg.starts_with("--") {
            return Err(UsageError(format!("unknown option {arg}")));
        }
        if !arg.starts_with('-') || arg == "-" {
            break;
        }
        let letters: Vec<char> = arg[1..].chars().collect();
        let mut j = 0;
        while j < letters.len() {
            let letter = letters[j];
            j += 1;
            let mut take_argument = |name: char| -> Result<String, UsageError> {
                if j < letters.len() {
                    let rest: String = letters[j..].iter().collect();
                    j = letters.len();
                    Ok(rest)
                } else if i + 1 < args.len() {
                    i += 1;
                    Ok(args[i].clone())
                } else {
                    Err(UsageError(format!(
                        "Argument expected for the -{name} option"
                    )))
                }
            };
            match letter {
                'c' => {
                    let code = take_argument('c')?;
                    let rest = args[i + 1..].to_vec();
                    return Ok(finish(
                        options,
                        version,
                        help,
                        Action::Command { code, args: rest },
                    ));
                }
                'm' => {
                    let name = take_argument('m')?;
                    let rest = args[i + 1..].to_vec();
                    return Ok(finish(
                        options,
                        version,
                        help,
                        Action::Module { name, args: rest },
                    ));
                }
                'W' => options.warnings.push(take_argument('W')?),
                'X' => options.xoptions.push(take_argument('X')?),
                'B' => options.dont_write_bytecode = true,
                'I' => {
                    options.isolated = true;
                    options.ignore_environment = true;
                    options.no_user_site = true;
                    options.safe_path = true;
                }
                'E' => options.ignore_environment = true,
                'S' => options.no_site = true,
                's' => options.no_user_site = true,
                'u' => options.unbuffered = true,
                'O' => options.optimize = options.optimize.saturating_add(1),
                'i' => options.inspect = true,
                'q' => options.quiet = true,
                'P' => options.safe_path = true,
                'v' => options.verbose = options.verbose.saturating_add(1),
                'b' => options.bytes_warning = options.bytes_warning.saturating_add(1),
                'd' => {}
                'x' => options.skip_first_line = true,
                'V' => version += 1,
                'h' | '?' => help = true,
                other => return Err(UsageError(format!("Unknown option: -{other}"))),
            }
        }
        i += 1;
    }
    let action = match args.get(i) {
        Some(path) => Action::Script {
            path: path.clone(),
            args: args[i + 1..].to_vec(),
        },
        None => Action::Interactive,
    };
    Ok(finish(options, version, help, action))
}

fn finish(options: Options, version: u8, help: bool, action: Action) -> Invocation {
    // As CPython: -h and -V win over anything to run.
    let action = if help {
        Action::Help
    } else if version > 0 {
        Action::Version(version.min(2))
    } else {
        action
    };
    Invocation { options, action }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn module_ends_options() {
        let inv = parse(&args(&["-B", "-m", "tokenize", "-e", "x.py"])).unwrap();
        assert!(inv.options.dont_write_bytecode);
        assert_eq!(
            inv.action,
            Action::Module {
                name: "tokenize".into(),
                args: args(&["-e", "x.py"])
            }
        );
    }

    #[test]
    fn bundled_and_attached() {
        let inv = parse(&args(&["-BSu", "-mtokenize"])).unwrap();
        assert!(inv.options.no_site && inv.options.unbuffered);
        assert_eq!(
            inv.action,
            Action::Module {
                name: "tokenize".into(),
                args: vec![]
            }
        );
        let inv = parse(&args(&["-c", "print(1)", "a"])).unwrap();
        assert_eq!(
            inv.action,
            Action::Command {
                code: "print(1)".into(),
                args: args(&["a"])
            }
        );
    }

    #[test]
    fn script_and_errors() {
        let inv = parse(&args(&["-X", "dev", "prog.py", "-B"])).unwrap();
        assert_eq!(inv.options.xoptions, args(&["dev"]));
        assert_eq!(
            inv.action,
            Action::Script {
                path: "prog.py".into(),
                args: args(&["-B"])
            }
        );
        assert_eq!(
            parse(&args(&["-z"])),
            Err(UsageError("Unknown option: -z".into()))
        );
        assert_eq!(
            parse(&args(&["-c"])),
            Err(UsageError("Argument expected for the -c option".into()))
        );
        assert_eq!(parse(&args(&["-VV"])).unwrap().action, Action::Version(2));
    }
}
