//! `innspill index` and `innspill search` on a store written here: two fictional
//! statements (one Bokmål, one Nynorsk) and a case with quoted booklet text.

use std::path::Path;

use serde_json::{Value, json};

use crate::{innspill, stdout};

/// A municipality as the register gives it.
fn kommune(nr: &str, name: &str, fylke: &str, population: u64, size: &str) -> Value {
    json!({"kommunenummer": nr, "name": name, "kind": "kommune", "fylke": fylke,
           "population": population, "size_class": size, "detected_by": "manifest"})
}

/// A document as ingest writes it, with one segment per `(kind, [paragraph texts])`.
fn document(id: &str, respondent: Value, lang: &str, segments: &[(&str, &[&str])]) -> Value {
    let mut text = String::new();
    let mut n = 0;
    let mut segs = Vec::new();
    for (kind, paragraphs) in segments {
        let mut ps = Vec::new();
        for p in *paragraphs {
            let start = text.chars().count();
            text.push_str(p);
            ps.push(json!({
                "n": n, "kind": "paragraph", "text": p, "page": n / 2 + 1,
                "start": start, "end": start + p.chars().count()
            }));
            text.push_str("\n\n");
            n += 1;
        }
        segs.push(json!({"kind": kind, "heading": null, "paragraphs": ps}));
    }
    json!({
        "schema_version": 1,
        "id": id,
        "source": {"path": format!("{id}.txt"), "sha256": "0", "format": "txt", "pages": null},
        "respondent": respondent,
        "year": 2026,
        "language": lang,
        "segments": segs,
        "warnings": [],
        "text": text,
    })
}

fn write_store(dir: &Path) {
    let docs = [
        document(
            "8101-2026-aaaaaa",
            kommune("8101", "Nordvik", "Nordfylke", 1_200, "liten"),
            "nb",
            &[
                (
                    "booklet",
                    &["KS spør: Hvordan kan Totalberedskapsmeldingen følges opp i kommunene?"],
                ),
                (
                    "statement",
                    &[
                        "Eksempeldata: fiktiv kommune. Kommunestyret mener at beredskapsrådet må styrkes.",
                        "Kommunen må kunne levere likeverdige og forsvarlige tjenester til alle innbyggere.",
                        "Mangel på arbeidskraft er den største utfordringen for tjenestene.",
                    ],
                ),
            ],
        ),
        document(
            "8202-2026-bbbbbb",
            kommune("8202", "Sørvik", "Sørfylke", 9_000, "mellomstor"),
            "nn",
            &[(
                "statement",
                &[
                    "Eksempeldata: fiktiv kommune. Kommunane må få betre rammer for tenestene sine.",
                    "Beredskapsplanen må øvast kvart år.",
                ],
            )],
        ),
    ];
    let docs_dir = dir.join("docs");
    std::fs::create_dir_all(&docs_dir).unwrap();
    for d in docs {
        let id = d["id"].as_str().unwrap().to_string();
        std::fs::write(
            docs_dir.join(format!("{id}.json")),
            serde_json::to_vec_pretty(&d).unwrap(),
        )
        .unwrap();
    }
}

fn store() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write_store(tmp.path());
    let out = innspill(&["index", "--store", tmp.path().to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmp
}

fn search(store: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["search", "--store", store.to_str().unwrap()];
    all.extend_from_slice(args);
    innspill(&all, "")
}

fn json_lines(out: &std::process::Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn index_twice_changes_nothing_and_reports_it() {
    let tmp = store();
    let out = innspill(
        &["index", "--json", "--store", tmp.path().to_str().unwrap()],
        "",
    );
    assert!(out.status.success());
    let report: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(report["added"], json!([]));
    assert_eq!(report["unchanged"], 2);
    assert_eq!(report["commits"], 0);
    assert_eq!(report["paragraphs"], 6);
}

#[test]
fn search_json_groups_by_respondent_and_ends_with_facets() {
    let tmp = store();
    let out = search(tmp.path(), &["tenester", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3, "two respondents and the summary: {lines:?}");
    let sorted = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let expected = |keys: &[&str]| {
        let mut k: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        k.sort();
        k
    };
    for g in &lines[..2] {
        let group = [
            "kommunenummer",
            "name",
            "kind",
            "size_class",
            "fylke",
            "year",
            "score",
            "hits",
        ];
        assert_eq!(sorted(g), expected(&group));
        let hit = [
            "doc_id",
            "paragraph",
            "page",
            "segment",
            "snippet",
            "start",
            "end",
            "themes",
        ];
        assert_eq!(sorted(&g["hits"][0]), expected(&hit));
    }
    // Fields in the order of the issue's example.
    let first = stdout(&out).lines().next().unwrap().to_string();
    assert!(first.starts_with("{\"kommunenummer\":"), "{first}");
    assert!(first.contains("\"hits\":[{\"doc_id\":"), "{first}");
    // «tenester» (Nynorsk) finds Bokmål «tjenester» and «tjenestene».
    let nordvik = lines
        .iter()
        .find(|g| g["name"] == "Nordvik")
        .expect("Nordvik found");
    assert!(
        nordvik["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>tjeneste"),
        "{nordvik}"
    );
    let summary = lines.last().unwrap();
    assert_eq!(summary["total_hits"], 3);
    assert_eq!(summary["respondents"], 2);
    assert_eq!(
        summary["facets"]["size_class"],
        json!({"liten": 2, "mellomstor": 1})
    );
    assert_eq!(
        summary["facets"]["fylke"],
        json!({"Nordfylke": 2, "Sørfylke": 1})
    );
}

#[test]
fn search_paragraphs_is_flat_with_respondent_inline() {
    let tmp = store();
    let out = search(tmp.path(), &["beredskap", "--paragraphs", "--json"]);
    let lines = json_lines(&out);
    // «beredskapsrådet» and «Beredskapsplanen»; the booklet's «Totalberedskapsmeldingen»
    // is KS' text, not searched by default.
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[..2]
            .iter()
            .all(|l| l["segment"] == "statement" && l.get("name").is_some())
    );
    let all = json_lines(&search(
        tmp.path(),
        &["beredskap", "--paragraphs", "--json", "--segment", "all"],
    ));
    assert_eq!(all.last().unwrap()["total_hits"], 3);
}

#[test]
fn quoted_phrase_and_filters() {
    let tmp = store();
    let phrase = json_lines(&search(
        tmp.path(),
        &["\"forsvarlige tjenester\"", "--json"],
    ));
    assert_eq!(phrase.last().unwrap()["total_hits"], 1);
    let wrong_order = search(tmp.path(), &["\"tjenester forsvarlige\"", "--json"]);
    assert_eq!(
        wrong_order.status.code(),
        Some(1),
        "nothing found is exit 1"
    );
    let nn = json_lines(&search(tmp.path(), &["*", "--lang", "nn", "--json"]));
    assert_eq!(nn.len(), 2);
    assert_eq!(nn[0]["name"], "Sørvik");
    let small = json_lines(&search(
        tmp.path(),
        &["*", "--size", "liten", "--fylke", "nordfylke", "--json"],
    ));
    assert_eq!(small.last().unwrap()["total_hits"], 3);
}

#[test]
fn plain_output_cites_and_fits_a_terminal() {
    let tmp = store();
    let out = search(tmp.path(), &["arbeidskraft"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("1. Nordvik kommune · Nordfylke · liten · 2026"),
        "{text}"
    );
    assert!(text.contains("*arbeidskraft*"), "{text}");
    assert!(text.contains("Nordvik kommune, 2026, s. 2"), "{text}");
    assert!(text.contains("1 hit from 1 respondent"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
}

#[test]
fn a_bad_query_points_at_the_problem_with_exit_2() {
    let tmp = store();
    let out = search(tmp.path(), &["beredskap AND (kommune"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let out = search(tmp.path(), &["fylket:nord"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field \"fylket\""));
}

/// Issue 17: the query's message and caret were printed twice, once as the error and once
/// as its cause, because the index's error both showed the query error and gave it as its
/// source.
#[test]
fn issue17_a_bad_query_is_explained_once() {
    let tmp = store();
    let out = search(tmp.path(), &["beredskap AND ("]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr), @r#"
    error: query "beredskap AND (": expected word (close quotes and brackets; put a word with special characters in quotes)
      beredskap AND (
                     ^
    "#);
}

/// Issue 17: at 100× a search listed 80 counties on one line. The plain form shows the
/// eight largest values of each facet and how many more there are; `--json` keeps all.
#[test]
fn issue17_plain_facets_show_the_top_eight_and_json_keeps_all() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let counties = [
        "Agder",
        "Akershus",
        "Buskerud",
        "Finnmark",
        "Innlandet",
        "Nordland",
        "Rogaland",
        "Telemark",
        "Troms",
        "Vestland",
        "Østfold",
    ];
    // Agder gets three respondents and Akershus two, so the order is by count, then name.
    let mut n = 0;
    for (i, fylke) in counties.iter().enumerate() {
        let copies = match i {
            0 => 3,
            1 => 2,
            _ => 1,
        };
        for _ in 0..copies {
            n += 1;
            let nr = format!("{}", 8100 + n);
            let name = format!("Prøve{n}");
            let id = format!("{nr}-2026-{n:06x}");
            let d = document(
                &id,
                kommune(&nr, &name, fylke, 1_000 + n, "liten"),
                "nb",
                &[(
                    "statement",
                    &["Eksempeldata: vi må rekruttere flere sykepleiere."],
                )],
            );
            std::fs::write(docs.join(format!("{id}.json")), d.to_string()).unwrap();
        }
    }
    let index = innspill(&["index", "--store", tmp.path().to_str().unwrap()], "");
    assert!(
        index.status.success(),
        "{}",
        String::from_utf8_lossy(&index.stderr)
    );

    let out = search(tmp.path(), &["rekruttere sykepleiere", "--limit", "1"]);
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out), @r"
    1. Prøve1 kommune · Agder · liten · 2026 (1 hit, score 0.14)
       Eksempeldata: vi må *rekruttere* flere *sykepleiere*.
         Prøve1 kommune, 2026, s. 1 · statement · paragraph 0

    14 hits from 14 respondents
    size class: liten 14
    county: Agder 3, Akershus 2, Buskerud 1, Finnmark 1, Innlandet 1, Nordland 1, Rogaland 1,
            Telemark 1, … og 3 til
    ");

    let json = json_lines(&search(tmp.path(), &["rekruttere sykepleiere", "--json"]));
    let fylke = &json.last().unwrap()["facets"]["fylke"];
    assert_eq!(fylke.as_object().unwrap().len(), counties.len(), "{fylke}");
    assert_eq!(fylke["Agder"], 3);
    assert_eq!(fylke["Østfold"], 1);
}

#[test]
fn search_without_an_index_says_what_to_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = search(tmp.path(), &["beredskap"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("innspill index"));
}
