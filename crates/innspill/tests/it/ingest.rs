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

#[test]
fn every_file_of_an_input_folder_is_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let inputs = dir.path().join("in");
    let write = |name: &str, bytes: &[u8]| {
        let p = inputs.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    write(
        "uttale.txt",
        "Kommunestyret i Røst kommune vedtok uttalelsen til debattheftet 2026.\n".as_bytes(),
    );
    write("tom.txt", b"");
    write("README.md", b"# Uttalelser\n");
    write(
        "manifest.csv",
        b"file,kommunenummer,year\nuttale.txt,1856,2026\n",
    );
    write("truth.json", b"{}\n");
    write("notater/utkast.odt", b"PK\x03\x04");
    write(".skjult.txt", b"hidden files are ignored\n");
    write(".git/HEAD", b"ref: refs/heads/main\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(inputs.join("notater"), inputs.join("lenke")).unwrap();

    let out = innspill(
        &[
            "ingest",
            &s(&inputs),
            "--store",
            &s(&store),
            "--no-reference",
            "--json",
        ],
        "",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let skipped = if cfg!(unix) { 5 } else { 4 };
    assert!(
        err.contains("ingest: 2 inputs: 1 ok, 0 ok with warnings, 1 failed; 1 documents"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "; {skipped} other files skipped (reasons in the report)"
        )),
        "{err}"
    );
    // Only failures are listed as failed.
    assert_eq!(err.matches("failed: ").count(), 1, "{err}");
    assert!(err.contains("tom.txt: empty file"), "{err}");

    // The report on disk and the JSON lines are the same entries, every file but the
    // hidden ones, sorted by path.
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join("ingest-report.json")).unwrap()).unwrap();
    let entries = report["inputs"].as_array().unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, entries);
    assert_eq!(entries.len(), 2 + skipped);
    let paths: Vec<&str> = entries
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    let prefix = format!("{}/", inputs.display()).replace('\\', "/");
    assert!(
        paths.iter().all(|p| p
            .strip_prefix(&prefix)
            .is_some_and(|rel| rel.split('/').all(|c| !c.starts_with('.')))),
        "{paths:?}"
    );
    let shown: String = entries
        .iter()
        .filter(|e| e["outcome"] == "skipped")
        .map(|e| {
            format!(
                "{}: {}\n",
                e["path"].as_str().unwrap().replace(&prefix, "IN/"),
                e["reason"].as_str().unwrap()
            )
        })
        .collect();
    if cfg!(unix) {
        insta::assert_snapshot!(shown, @r"
        IN/README.md: not a statement format (.md); inputs are .pdf, .docx, .html, .htm, .xhtml, .txt, .text
        IN/lenke: symlink to a folder, not followed
        IN/manifest.csv: manifest of this folder (respondent and year of its files)
        IN/notater/utkast.odt: not a statement format (.odt); inputs are .pdf, .docx, .html, .htm, .xhtml, .txt, .text
        IN/truth.json: not a statement format (.json); inputs are .pdf, .docx, .html, .htm, .xhtml, .txt, .text
        ");
    }
    for e in entries.iter().filter(|e| e["outcome"] == "skipped") {
        assert!(
            e.get("sha256").is_none() && e.get("doc_id").is_none(),
            "{e}"
        );
    }
}
