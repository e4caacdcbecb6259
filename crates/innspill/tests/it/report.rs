//! `innspill report` on a store written here: two fictional statements, a register of
//! three municipalities, and a failed input in the ingest report.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::innspill;

/// A document with a case paragraph and a statement paragraph.
fn document(id: &str, nr: &str, name: &str, pop: u64, size: &str, statement: &str) -> Value {
    let case = "Saken gjelder KS' debatthefte «Tid for taktskifte».";
    let text = format!("{case}\n\n{statement}\n");
    let start = case.chars().count() + 2;
    json!({
        "schema_version": 1,
        "id": id,
        "source": {"path": format!("{id}.txt"), "sha256": id, "format": "txt", "pages": null},
        "respondent": {"kommunenummer": nr, "name": name, "kind": "kommune", "fylke": "Fiktivfylke",
                       "population": pop, "size_class": size, "detected_by": "manifest"},
        "year": 2026,
        "language": "nb",
        "segments": [
            {"kind": "case", "heading": null, "paragraphs": [
                {"n": 0, "kind": "paragraph", "text": case, "start": 0, "end": case.chars().count()}]},
            {"kind": "statement", "heading": null, "paragraphs": [
                {"n": 1, "kind": "paragraph", "text": statement, "start": start,
                 "end": start + statement.chars().count()}]}
        ],
        "warnings": [],
        "text": text,
    })
}

pub(crate) fn write_store(store: &Path) {
    let docs = store.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for d in [
        document(
            "9901-2026-aaaaaa",
            "9901",
            "Eksempelvik",
            1_200,
            "liten",
            "Eksempelvik kommune mener at beredskap og sykefravær må prioriteres, og staten må finansiere nye oppgaver fullt ut.",
        ),
        document(
            "9902-2026-bbbbbb",
            "9902",
            "Prøvestad",
            25_000,
            "stor",
            "Prøvestad kommune ber KS arbeide for mer lokalt handlingsrom og mindre statlig detaljstyring.",
        ),
    ] {
        let id = d["id"].as_str().unwrap().to_string();
        std::fs::write(docs.join(format!("{id}.json")), d.to_string()).unwrap();
    }
    let entry = |nr: &str, name: &str, pop: u64| {
        json!({"kommunenummer": nr, "name": name, "kind": "kommune", "fylkesnummer": "99",
               "fylke": "Fiktivfylke", "population": pop, "population_year": 2026})
    };
    let register = json!({"entries": [
        entry("9901", "Eksempelvik", 1_200),
        entry("9902", "Prøvestad", 25_000),
        entry("9903", "Tenktby", 6_000),
    ]});
    std::fs::write(store.join("register.json"), register.to_string()).unwrap();
    let ingest = json!({"inputs": [
        {"path": "9901.txt", "outcome": "ok", "doc_id": "9901-2026-aaaaaa"},
        {"path": "9902.txt", "outcome": "ok", "doc_id": "9902-2026-bbbbbb"},
        {"path": "skannet.pdf", "outcome": "failed", "reason": "PDF without a text layer"},
    ]});
    std::fs::write(store.join("ingest-report.json"), ingest.to_string()).unwrap();
}

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn report_writes_html_workbook_and_tables_byte_identically() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    write_store(&store);
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let s = store.to_str().unwrap();
    let o = innspill(&["--store", s, "report", "--out", a.to_str().unwrap()], "");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "stderr: {err}");
    assert!(
        err.contains("report: 2 documents (2 tagged now), 1 inputs failed"),
        "{err}"
    );
    // The second run reads the tags the first one wrote, and writes the same bytes.
    let o = innspill(
        &["--store", s, "report", "--out", b.to_str().unwrap(), "-q"],
        "",
    );
    assert!(o.status.success());
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(store.join("tags/9901-2026-aaaaaa.json").exists());
    assert!(store.join("tables/themes_by_size.parquet").exists());

    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs between two runs", pa.display());
    }
    let names: Vec<String> = fa.iter().map(|(p, _)| p.display().to_string()).collect();
    for want in [
        "index.html",
        "innspill.xlsx",
        "respondenter/9901-2026-aaaaaa.html",
        "tables/quotes.csv",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "missing {want} in {names:?}"
        );
    }
    let index = std::fs::read_to_string(a.join("index.html")).unwrap();
    assert!(index.contains("Innspill til KS&#39; debatthefte 2026"));
    assert!(index.contains("skannet.pdf"));
    assert!(index.contains("2 av 3 i registeret"));
    let page = std::fs::read_to_string(a.join("respondenter/9901-2026-aaaaaa.html")).unwrap();
    assert!(page.contains(">beredskap</mark>"), "{page}");
    assert!(
        !page.contains("Saken gjelder"),
        "case text shown as the respondent's words"
    );
}

#[test]
fn report_on_an_empty_store_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let o = innspill(
        &[
            "--store",
            tmp.path().to_str().unwrap(),
            "report",
            "--out",
            "x",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no documents in") && err.contains("innspill ingest"),
        "{err}"
    );
}

/// Issue 17: every level of an error chain is printed once: a damaged document names its
/// file, then what the JSON reader said (before, serde's message came twice).
#[test]
fn issue17_a_damaged_document_names_its_file_and_the_cause_once() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir_all(store.join("docs")).unwrap();
    std::fs::write(
        store.join("docs/9901-2026-aaaaaa.json"),
        "{\"schema_version\": 1,",
    )
    .unwrap();
    let out = innspill(
        &[
            "report",
            "--store",
            store.to_str().unwrap(),
            "--out",
            tmp.path().join("out").to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).replace(store.to_str().unwrap(), "[STORE]");
    insta::assert_snapshot!(err, @r"
    error: cannot read the documents of [STORE]
      caused by: [STORE]/docs/9901-2026-aaaaaa.json: invalid JSON
      caused by: EOF while parsing a value at line 1 column 21
    ");
}
