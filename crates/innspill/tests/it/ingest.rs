//! `innspill register import` and `innspill ingest` on the committed seed and on bad inputs.

use std::path::PathBuf;

use crate::innspill;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn s(p: &std::path::Path) -> String {
    p.display().to_string()
}

#[test]
fn register_then_ingest_accounts_for_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let corpus = workspace().join("corpus");
    let out = innspill(
        &[
            "register",
            "import",
            &s(&corpus.join("real/register.csv")),
            "--store",
            &s(&store),
        ],
        "",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("register: 1 municipalities, 1 county authorities, population 2026"),
        "{err}"
    );

    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::copy(
        corpus.join("real/rost-2026.txt"),
        inputs.join("rost-2026.txt"),
    )
    .unwrap();
    std::fs::write(inputs.join("tom.txt"), b"").unwrap();
    std::fs::write(inputs.join("skadet.pdf"), b"%PDF-1.7\n1 0 obj\n<<").unwrap();
    let reference = corpus.join("reference/ks-2026-tid-for-taktskifte.txt");
    let out = innspill(
        &[
            "ingest",
            &s(&inputs),
            "--store",
            &s(&store),
            "--reference",
            &s(&reference),
            "--json",
        ],
        "",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("ingest: 3 inputs: 1 ok, 0 ok with warnings, 2 failed; 1 documents (0 with unknown respondent)"),
        "{err}"
    );
    assert!(err.contains("tom.txt: empty file"), "{err}");
    assert!(
        err.contains("skadet.pdf: truncated or corrupt PDF"),
        "{err}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let entries: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(entries.len(), 3);
    assert!(
        entries[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("rost-2026.txt")
    );
    assert_eq!(entries[0]["outcome"], "ok");
    let id = entries[0]["doc_id"].as_str().unwrap();
    assert!(id.starts_with("1856-2026-"), "{id}");
    let doc: serde_json::Value = serde_json::from_slice(
        &std::fs::read(store.join("docs").join(format!("{id}.json"))).unwrap(),
    )
    .unwrap();
    let kinds: Vec<&str> = doc["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["case", "booklet", "statement"]);
    assert!(store.join("ingest-report.json").is_file());
}

#[test]
fn errors_of_the_command_itself_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, b"a,b\n1,2\n").unwrap();
    let out = innspill(
        &[
            "register",
            "import",
            &s(&bad),
            "--store",
            &s(&dir.path().join("st")),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown register format"), "{err}");
    let out = innspill(&["ingest"], "");
    assert_eq!(out.status.code(), Some(2), "no input is a usage error");
}
