//! Issue 16: `innspill` works on any folder of statements with nothing beside them: the
//! built-in register and booklet.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::{innspill, stdout};

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn docs(store: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for entry in fs_err::read_dir(store.join("docs")).unwrap() {
        out.push(serde_json::from_slice(&fs_err::read(entry.unwrap().path()).unwrap()).unwrap());
    }
    out
}

/// The folder of the issue: only the real Røst case (no register.csv, no reference/).
#[test]
fn a_folder_with_only_the_rost_case_gives_rost_nordland_liten_booklet_and_questions() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("innspill");
    fs_err::create_dir_all(&folder).unwrap();
    fs_err::copy(
        workspace().join("corpus/real/rost-2026.txt"),
        folder.join("000_74f93774da1ce0a0.txt"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_innspill"))
        .args(["run", "innspill", "--out", "rapport", "--store", "store"])
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("run: 1 documents from 1 respondents"),
        "{stderr}"
    );
    assert!(!stderr.contains("no register"), "{stderr}");

    let docs = docs(&tmp.path().join("store"));
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    let r = &doc["respondent"];
    assert_eq!(r["kommunenummer"], "1856", "{r}");
    assert_eq!(r["name"], "Røst");
    assert_eq!(r["fylke"], "Nordland");
    assert_eq!(r["population"], 471);
    assert_eq!(r["size_class"], "liten");
    assert_eq!(doc["year"], 2026);

    let segments = doc["segments"].as_array().unwrap();
    let booklet: usize = segments
        .iter()
        .filter(|s| s["kind"] == "booklet")
        .map(|s| s["paragraphs"].as_array().unwrap().len())
        .sum();
    let case: usize = segments
        .iter()
        .filter(|s| s["kind"] == "case")
        .map(|s| s["paragraphs"].as_array().unwrap().len())
        .sum();
    assert!(booklet >= 100, "booklet paragraphs {booklet}, case {case}");
    assert!(case < 40, "booklet paragraphs {booklet}, case {case}");
    let questions: BTreeSet<u64> = segments
        .iter()
        .filter(|s| s["kind"] == "statement")
        .flat_map(|s| s["paragraphs"].as_array().unwrap())
        .filter_map(|p| p["question"].as_u64())
        .collect();
    assert_eq!(questions, BTreeSet::from([1, 2, 3]));

    // The report says which register it used.
    let index = fs_err::read_to_string(tmp.path().join("rapport/index.html")).unwrap();
    assert!(
        index.contains("innebygd register: SSB Klass 131 og 104"),
        "the report names the built-in register"
    );
    assert!(index.contains("Registeret gjelder per 1. januar 2026."));
    assert!(!index.contains("Registeret er ufullstendig"));
}

#[test]
fn register_show_names_the_builtin_register_until_one_is_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store = store.to_str().unwrap();
    let out = innspill(&["register", "show", "--store", store], "");
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out), @r"
    register: built in (no register imported into this store)
    source: innebygd register: SSB Klass 131 og 104 (kommune- og fylkesinndeling per 1. januar 2026), SSB tabell 07459 (folketall 1. januar 2026) og Kartverket (administrative enheter); CC BY 4.0
    as of: 2026-01-01
    holds: 357 municipalities, 14 county authorities, population 2026
    ");

    let csv = tmp.path().join("kommuner.csv");
    fs_err::write(
        &csv,
        "kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar\n\
         1856,Røst,18,Nordland,480,2027\n",
    )
    .unwrap();
    let out = innspill(
        &[
            "register",
            "import",
            csv.to_str().unwrap(),
            "--store",
            store,
        ],
        "",
    );
    assert!(out.status.success());
    let out = innspill(&["register", "show", "--json", "--store", store], "");
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["builtin"], false);
    assert_eq!(v["source"], "importert fra kommuner.csv");
    assert_eq!(v["as_of"], "2027-01-01");
    assert_eq!(v["municipalities"], 1);
    assert_eq!(v["county_authorities"], 1);
}
