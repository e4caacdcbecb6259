//! CLI tests through the real `innspill` binary: one test binary, a module per command.

mod ingest;
mod issue16;
mod issue17;
mod lemmas;
mod report;
mod review;
mod run;
mod search;
mod serve;
mod themes;
mod tokenize;

use std::process::{Command, Output};

/// Run the binary with `args`, feeding `stdin`.
pub(crate) fn innspill(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_innspill"))
        .args(args)
        .env("NO_COLOR", "1")
        // Plain output wraps at $COLUMNS (100 when unset): the same width everywhere.
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the innspill binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Standard output as UTF-8.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}
