//! `innspill run` end to end on the embedded corpus (the real Røst document and the
//! generated sample world), checked against `corpus/sample/truth.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    fs_err::create_dir_all(to).unwrap();
    for entry in fs_err::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs_err::copy(entry.path(), target).unwrap();
        }
    }
}

/// Rows of a CSV file written by the aggregator, as maps from column to value (quoted
/// fields with commas and doubled quotes handled).
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = fs_err::read_to_string(path).unwrap();
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            ('\n', false) => {
                fields.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut fields));
            }
            (c, _) => field.push(c),
        }
    }
    let header = rows.remove(0);
    rows.into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

fn run_in(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_innspill"))
        .arg("run")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn files(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in fs_err::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.insert(path.clone(), fs_err::read(&path).unwrap());
        }
    }
}

#[test]
fn run_on_the_embedded_corpus_recovers_the_sample_world() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_dir(&workspace().join("corpus"), &dir.join("corpus"));

    let out = run_in(dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("open the report:"), "{stderr}");
    let report_dir = dir.join("reports/latest");
    for f in ["index.html", "innspill.xlsx", "tables/respondents.csv"] {
        assert!(report_dir.join(f).is_file(), "{f} missing\n{stderr}");
    }

    let truth: Value =
        serde_json::from_slice(&fs_err::read(dir.join("corpus/sample/truth.json")).unwrap())
            .unwrap();
    let report: Value =
        serde_json::from_slice(&fs_err::read(dir.join(".innspill/ingest-report.json")).unwrap())
            .unwrap();

    // Every input is accounted for: the sample world's files and the real document; the
    // broken ones failed with a reason. The other files of the corpus (READMEs,
    // manifests, registers, truth.json, the reference text) are skipped with a reason.
    let (skipped, inputs): (Vec<&Value>, Vec<&Value>) = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .partition(|e| e["outcome"] == "skipped");
    assert!(
        skipped
            .iter()
            .all(|e| e["reason"].as_str().is_some_and(|r| !r.is_empty())),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|e| e["path"] == "corpus/sample/truth.json")
    );
    let truth_docs = truth["documents"].as_array().unwrap();
    assert_eq!(inputs.len(), truth_docs.len() + 1);
    let path_to_doc: BTreeMap<String, Option<String>> = inputs
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["doc_id"].as_str().map(str::to_string),
            )
        })
        .collect();
    for d in truth_docs {
        let path = format!("corpus/sample/{}", d["file"].as_str().unwrap());
        let entry = inputs.iter().find(|e| e["path"] == path.as_str()).unwrap();
        let failed = entry["outcome"] == "failed";
        assert_eq!(failed, !d["broken"].is_null(), "{path}: {entry}");
        if failed {
            assert!(entry["reason"].as_str().is_some_and(|r| !r.is_empty()));
        }
    }

    // The planted size-class differences come out with the right sign.
    let subs = read_csv(&report_dir.join("tables/subthemes_by_size.csv"));
    let share = |class: &str, sub: &str| -> f64 {
        subs.iter()
            .find(|r| r["group"] == class && r["sub"] == sub)
            .unwrap_or_else(|| panic!("no row {class} × {sub}"))["share"]
            .parse()
            .unwrap()
    };
    for diff in truth["size_class_differences"].as_array().unwrap() {
        let sub = diff["sub"].as_str().unwrap();
        let (hi, lo) = (
            diff["higher"].as_str().unwrap(),
            diff["lower"].as_str().unwrap(),
        );
        assert!(
            share(hi, sub) > share(lo, sub),
            "{}: {hi} {} vs {lo} {}",
            diff["direction"],
            share(hi, sub),
            share(lo, sub)
        );
    }

    // The regional drafts are found: each draft's unchanged adopters share one draft group,
    // and a group holds only adopters of that draft (unchanged or edited).
    let respondents = read_csv(&report_dir.join("tables/respondents.csv"));
    let draft_of: BTreeMap<&str, &str> = respondents
        .iter()
        .map(|r| (r["doc_id"].as_str(), r["draft"].as_str()))
        .collect();
    let doc_of = |file: &Value| -> Option<&str> {
        let path = format!("corpus/sample/{}", file.as_str().unwrap());
        path_to_doc.get(&path).and_then(|d| d.as_deref())
    };
    for draft in truth["regional_drafts"].as_array().unwrap() {
        let unchanged: Vec<&str> = draft["unchanged"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(doc_of)
            .collect();
        let adopters: BTreeSet<&str> = unchanged
            .iter()
            .copied()
            .chain(
                draft["edited"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(doc_of),
            )
            .collect();
        let groups: BTreeSet<&str> = unchanged.iter().map(|d| draft_of[d]).collect();
        assert_eq!(
            groups.len(),
            1,
            "{}: unchanged adopters in groups {groups:?}",
            draft["id"]
        );
        let group = *groups.first().unwrap();
        assert!(!group.is_empty(), "{}: not found", draft["id"]);
        for (doc, g) in &draft_of {
            if *g == group {
                assert!(
                    adopters.contains(doc),
                    "{doc} is in {}'s group",
                    draft["id"]
                );
            }
        }
    }

    // No booklet text is counted as a respondent's words: no statement or decision
    // paragraph holds a run of 12 words of the booklet.
    let booklet =
        fs_err::read_to_string(dir.join("corpus/reference/ks-2026-tid-for-taktskifte.txt"))
            .unwrap();
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let booklet_runs: BTreeSet<Vec<String>> = words(&booklet)
        .windows(12)
        .map(<[String]>::to_vec)
        .collect();
    for entry in fs_err::read_dir(dir.join(".innspill/docs")).unwrap() {
        let doc: Value =
            serde_json::from_slice(&fs_err::read(entry.unwrap().path()).unwrap()).unwrap();
        for seg in doc["segments"].as_array().unwrap() {
            if seg["kind"] != "statement" && seg["kind"] != "decision" {
                continue;
            }
            for p in seg["paragraphs"].as_array().unwrap() {
                let w = words(p["text"].as_str().unwrap());
                assert!(
                    !w.windows(12).any(|run| booklet_runs.contains(run)),
                    "{}: booklet text in a {} paragraph: {}",
                    doc["id"],
                    seg["kind"],
                    p["text"]
                );
            }
        }
    }

    // Identical inputs give byte-identical outputs.
    let mut first = BTreeMap::new();
    files(&report_dir, &mut first);
    let again = run_in(dir);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let mut second = BTreeMap::new();
    files(&report_dir, &mut second);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            second[path] == *bytes,
            "{} changed between two runs",
            path.display()
        );
    }
}
