//! The `innspill-sample` binary's command line (clap, like `innspill`'s).

use std::process::{Command, Output};

fn sample(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_innspill-sample"))
        .args(args)
        .output()
        .expect("the innspill-sample binary starts")
}

#[test]
fn help_names_every_option_with_its_default() {
    let o = sample(&["--help"]);
    assert!(o.status.success());
    let help = String::from_utf8(o.stdout).unwrap();
    for want in [
        "Usage: innspill-sample [OPTIONS] --out <DIR>",
        "--seed <N>",
        "[default: 2026]",
        "--scale <K>",
        "--years <Y>",
        "--force",
    ] {
        assert!(help.contains(want), "missing {want:?} in:\n{help}");
    }
}

#[test]
fn bad_values_and_a_missing_out_are_errors_with_exit_2() {
    for (args, want) in [
        (
            &["--out", "x", "--scale", "11"][..],
            "'--scale <K>': 11 is not in 1..=10",
        ),
        (
            &["--out", "x", "--years", "0"][..],
            "'--years <Y>': 0 is not in 1..=50",
        ),
        (&["--scale", "2"][..], "--out <DIR>"),
        (
            &["--out", "x", "--sede", "1"][..],
            "unexpected argument '--sede'",
        ),
    ] {
        let o = sample(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn an_existing_world_is_kept_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("dokumenter")).unwrap();
    let o = sample(&["--out", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("already has a generated world; pass --force to overwrite it"),
        "{err}"
    );
}
