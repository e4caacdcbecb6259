use std::path::PathBuf;

use crate::{innspill, stdout};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Røst's statement (lines 1013–1120 of the committed seed).
fn statement() -> String {
    let seed = std::fs::read_to_string(workspace().join("corpus/real/rost-2026.txt")).unwrap();
    seed.lines().skip(1012).collect::<Vec<_>>().join("\n")
}

fn lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn themes_json_tags_bullets_with_evidence_and_demands() {
    let input = statement();
    let out = innspill(&["themes", "--json"], &input);
    let paras = lines(&out);
    let chars: Vec<char> = input.chars().collect();
    let exercise = paras
        .iter()
        .find(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .starts_with("realistiske øvelser")
        })
        .expect("the bullet on exercises");
    assert_eq!(exercise["kind"], "bullet");
    assert_eq!(
        exercise["section"],
        "3. Beredskap må integreres i velferdspolitikken"
    );
    let tag = exercise["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["sub"] == "exercises")
        .expect("preparedness/exercises");
    assert_eq!(tag["theme"], "preparedness");
    let ev = &tag["evidence"][0];
    let (s, e) = (
        ev["start"].as_u64().unwrap() as usize,
        ev["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "øvelser",
        "evidence offsets are character offsets into the input"
    );

    let funding = paras
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with("fullfinansiering"))
        .unwrap();
    let d = &funding["demands"][0];
    assert_eq!(d["addressee"], "KS");
    assert!(
        d["text"]
            .as_str()
            .unwrap()
            .ends_with("arbeider for: fullfinansiering av nye og skjerpede lovpålagte oppgaver")
    );
    assert_eq!(d["themes"], serde_json::json!(["autonomy"]));
}

#[test]
fn themes_output_is_deterministic() {
    let input = statement();
    let a = innspill(&["themes", "--json"], &input);
    let b = innspill(&["themes", "--json"], &input);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn themes_eval_prints_the_figures() {
    let set = workspace().join("crates/innspill-themes/eval/dev.jsonl");
    let out = innspill(&["themes", "--eval", set.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("micro: precision"), "{text}");
    assert!(text.contains("Cohen's κ"), "{text}");
    for theme in ["workforce", "preparedness", "autonomy", "welfare"] {
        assert!(text.contains(theme), "{text}");
    }
}

#[test]
fn a_bad_codebook_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "name = \"mine\"\nversion = 1\n\n[[theme]]\nid = \"x\"\nlabel = \"X\"\nterms = [\"og\"]\n",
    )
    .unwrap();
    let out = innspill(
        &["themes", "--codebook", path.to_str().unwrap()],
        "Beredskap.",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 7: term \"og\" has no words the analyser keeps"),
        "{err}"
    );
}

#[test]
fn no_theme_exits_1() {
    let out = innspill(&["themes"], "Møtet ble hevet klokken ti.");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn themes_reads_a_document_json() {
    let mut doc = innspill_themes::document_from_text(
        "3. Beredskap må integreres i velferdspolitikken\n\n• realistiske øvelser tilpasset kommunens størrelse\n",
        "uttalelse.txt",
    );
    doc.id = "1856-2026-abcdef".to_string();
    let json = serde_json::to_string(&doc).unwrap();
    let paras = lines(&innspill(&["themes", "--json", "-"], &json));
    assert_eq!(paras.len(), 2);
    assert_eq!(paras[1]["kind"], "bullet");
    assert_eq!(
        paras[1]["section"],
        "3. Beredskap må integreres i velferdspolitikken"
    );
    let tags = paras[1]["tags"].as_array().unwrap();
    assert!(
        tags.iter()
            .any(|t| t["theme"] == "preparedness" && t["sub"] == "exercises"),
        "{tags:?}"
    );
}

#[test]
fn themes_suggest_lists_candidates_with_counts_and_quotes_and_changes_nothing() {
    let set = [
        (
            "a",
            "Kommunen mangler hjelpepleiere og har mange ledige stillinger.",
        ),
        ("b", "Vi har for få hjelpepleiere på sykehjemmet i sommer."),
        ("c", "Hjelpepleiere slutter fordi lønnen er for lav."),
        ("d", "Budsjettet for veier og skoler er vedtatt."),
        ("e", "Skolene i kommunen får nye bøker."),
    ];
    let input: String = set
        .iter()
        .map(|(id, text)| {
            let subs: &[&str] = if *id <= "c" { &["recruitment"] } else { &[] };
            format!(
                "{}\n",
                serde_json::json!({"id": id, "kind": "paragraph", "text": text, "themes": [], "subs": subs})
            )
        })
        .collect();
    let out = innspill(
        &[
            "themes",
            "suggest",
            "--labels",
            "--sub",
            "recruitment",
            "--json",
        ],
        &input,
    );
    let got = lines(&out);
    assert_eq!(got[0]["term"], "hjelpepleier");
    assert_eq!(got[0]["with"], 3);
    assert_eq!(got[0]["without"], 0);
    assert_eq!(got[0]["quotes"].as_array().unwrap().len(), 3);
    assert!(got.iter().all(|c| c["sub"] == "recruitment"));
    let plain = innspill(
        &["themes", "suggest", "--labels", "--sub", "recruitment"],
        &input,
    );
    assert!(plain.status.success());
    let text = stdout(&plain);
    assert!(
        text.starts_with("== recruitment (3 paragraphs)\nhjelpepleier"),
        "{text}"
    );
    assert!(
        text.contains("    a: Kommunen mangler [hjelpepleiere]"),
        "{text}"
    );
    let bad = innspill(&["themes", "suggest", "--sub", "nosuch"], &input);
    assert!(!bad.status.success());
}
