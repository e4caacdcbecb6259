use crate::{innspill, stdout};

#[test]
fn tokenize_json_gives_byte_offsets_into_the_input() {
    let input = "Røst kommune og KS’ debatthefte";
    let out = innspill(&["tokenize", "--json"], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let tokens: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(tokens.len() >= 4, "{text}");
    for t in &tokens {
        let (s, e) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert!(input.is_char_boundary(s) && input.is_char_boundary(e));
        for key in ["text", "norm", "stem", "parts", "stop", "sentence"] {
            assert!(t.get(key).is_some(), "token {t} lacks {key}");
        }
    }
    assert_eq!(tokens[0]["text"], "Røst");
    assert_eq!(tokens[0]["norm"], "røst");
}

#[test]
fn lang_tells_nynorsk() {
    let out = innspill(
        &["lang"],
        "Kommunane må få betre rammer for tenestene sine, og det er ikkje nok berre å snakke om det.",
    );
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("nn "), "{}", stdout(&out));
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let out = innspill(&["tokenize", "/nonexistent/fil.txt"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error:") && err.contains("/nonexistent/fil.txt"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/real/rost-2026.txt"
    );
    for json in [false, true] {
        let mut args = vec!["tokenize", seed];
        if json {
            args.push("--json");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_innspill"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end at once, like `| head -0`: the output (far more than a
        // pipe buffer) meets a closed pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "json={json}");
        assert!(
            out.stderr.is_empty(),
            "json={json}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
