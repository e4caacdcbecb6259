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
