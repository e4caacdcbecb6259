//! `innspill review` and effective tags: a rejected tag leaves the report's theme table,
//! the search facets and the agreement figures; a review whose paragraph changed is kept
//! and reported as orphaned.

use std::path::Path;

use serde_json::Value;

use crate::report::write_store;
use crate::{innspill, stdout};

fn run(store: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--store", store.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = innspill(&all, "");
    assert!(
        o.status.success(),
        "innspill {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// `raising` of the row (group `alle`, theme, no sub-theme) of `themes_by_size.csv`.
fn raising(out: &Path, theme: &str) -> String {
    let csv = std::fs::read_to_string(out.join("tables/themes_by_size.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (g, t, s, r) = (col("group"), col("theme"), col("sub"), col("raising"));
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        if cells[g] == "alle" && cells[t] == theme && cells[s].is_empty() {
            return cells[r].to_string();
        }
    }
    panic!("no row for {theme} in {csv}");
}

fn theme_facet(store: &Path, theme: &str) -> u64 {
    let o = innspill(
        &["--store", store.to_str().unwrap(), "search", "*", "--json"],
        "",
    );
    let out = stdout(&o);
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    summary["facets"]["theme"][theme].as_u64().unwrap_or(0)
}

#[test]
fn a_rejected_tag_leaves_every_count_and_the_report_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    write_store(&store);
    let (before, after) = (tmp.path().join("before"), tmp.path().join("after"));
    run(&store, &["report", "--out", before.to_str().unwrap(), "-q"]);
    run(&store, &["index", "-q"]);
    assert_eq!(raising(&before, "preparedness"), "1");
    assert_eq!(theme_facet(&store, "preparedness"), 1);
    let html = std::fs::read_to_string(before.join("index.html")).unwrap();
    assert!(html.contains("Ingen avsnitt er gjennomgått"), "{html}");

    // Unknown ids are refused with the valid ones named; nothing is written.
    let o = innspill(
        &[
            "--store",
            store.to_str().unwrap(),
            "review",
            "reject",
            "9901-2026-aaaaaa",
            "1",
            "beredskap",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown theme \"beredskap\" (expected one of: workforce, preparedness"),
        "{err}"
    );
    let o = innspill(
        &[
            "--store",
            store.to_str().unwrap(),
            "review",
            "add",
            "9901-2026-aaaaaa",
            "7",
            "welfare",
        ],
        "",
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("has no paragraph 7"));
    assert!(!store.join("reviews.jsonl").exists());

    let o = run(
        &store,
        &[
            "review",
            "reject",
            "9901-2026-aaaaaa",
            "1",
            "preparedness",
            "--reviewer",
            "kari",
        ],
    );
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("review: reject 9901-2026-aaaaaa paragraph 1 preparedness (kari)")
    );
    run(
        &store,
        &[
            "review",
            "add",
            "9902-2026-bbbbbb",
            "1",
            "welfare",
            "--reviewer",
            "ola",
        ],
    );
    run(
        &store,
        &[
            "review",
            "note",
            "9902-2026-bbbbbb",
            "1",
            "Godt eksempel",
            "--reviewer",
            "ola",
        ],
    );
    let lines = std::fs::read_to_string(store.join("reviews.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 3);
    let first: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["action"], "reject");
    assert_eq!(first["paragraph"], 1);
    assert_eq!(first["text_sha256"].as_str().unwrap().len(), 64);

    run(&store, &["report", "--out", after.to_str().unwrap(), "-q"]);
    assert_eq!(
        raising(&after, "preparedness"),
        "0",
        "the rejected tag is not counted"
    );
    let html = std::fs::read_to_string(after.join("index.html")).unwrap();
    assert!(
        html.contains("2 avsnitt er gjennomgått av kari, ola (3 vurderinger)"),
        "{html}"
    );
    assert!(html.contains("<th class=\"num\">κ</th>"));
    run(&store, &["index", "-q"]);
    assert_eq!(
        theme_facet(&store, "preparedness"),
        0,
        "the facets count effective tags"
    );
    assert_eq!(theme_facet(&store, "welfare"), 1);

    let o = run(&store, &["review", "status", "--json"]);
    let status: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(status["paragraphs"], 2);
    assert_eq!(status["reviews"], 3);
    let prep = status["agreement"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["theme"] == "preparedness")
        .unwrap();
    assert_eq!(
        (
            prep["both"].as_u64(),
            prep["tagger_only"].as_u64(),
            prep["neither"].as_u64()
        ),
        (Some(0), Some(1), Some(1))
    );
    // Tagger yes/no against reviewers no/no: κ is 0 (no better than chance).
    assert_eq!(prep["kappa"].as_f64(), Some(0.0));

    // Re-ingest changed the reviewed paragraph: the review is kept and listed, not applied.
    let path = store.join("docs/9901-2026-aaaaaa.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("beredskap og sykefravær", "beredskap og sykefraværet");
    std::fs::write(&path, text).unwrap();
    let o = run(&store, &["review", "status"]);
    let out = stdout(&o);
    assert!(
        out.contains("3 reviews by kari, ola on 1 paragraphs; 1 no longer apply"),
        "{out}"
    );
    assert!(
        out.contains("orphaned: 9901-2026-aaaaaa paragraph 1 reject preparedness (kari"),
        "{out}"
    );
    let o = run(&store, &["report", "--out", after.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 reviews no longer apply"));
    assert_eq!(raising(&after, "preparedness"), "1");
    let html = std::fs::read_to_string(after.join("index.html")).unwrap();
    assert!(
        html.contains("Vurderinger som ikke lenger gjelder (1)"),
        "{html}"
    );
    assert!(html.contains("avsnittet er endret etter ny innlesing"));
}
