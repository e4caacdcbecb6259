//! Issue 13: every inflected form of a word finds the others, in Bokmål and Nynorsk.
//! The sample world is ingested and indexed once; `innspill search` with any one form of
//! a word must find exactly the paragraphs that every other form finds, and those
//! paragraphs hold several of the forms.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::{innspill, stdout};

/// Forms of one word each, Bokmål and Nynorsk together where they share a key, and how
/// many of them at least the sample world's paragraphs hold (counted with grep in its
/// text files: `forsvarlige` is the only form of `forsvarlig` there, `rekruttere` of
/// `rekruttere`).
const GROUPS: &[(&[&str], usize)] = &[
    (
        &[
            "sykepleier",
            "sykepleiere",
            "sykepleierne",
            "sjukepleiar",
            "sjukepleiarar",
        ],
        3,
    ),
    (
        &[
            "tjeneste",
            "tjenester",
            "tjenestene",
            "teneste",
            "tenester",
            "tenestene",
        ],
        4,
    ),
    (&["lærer", "lærere", "lærerne", "lærar", "lærarar"], 2),
    (
        &["forsvarlig", "forsvarlige", "forsvarleg", "forsvarlege"],
        1,
    ),
    (
        &["rekruttere", "rekrutterer", "rekrutterte", "rekruttert"],
        1,
    ),
    (
        &[
            "barnehage",
            "barnehagen",
            "barnehager",
            "barnehagene",
            "barnehagar",
        ],
        2,
    ),
];

fn hits(store: &Path, query: &str) -> (BTreeSet<(String, u64)>, BTreeSet<String>) {
    let out = innspill(
        &[
            "search",
            query,
            "--paragraphs",
            "--json",
            "--limit",
            "100000",
            "--segment",
            "all",
            "--store",
            store.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ids = BTreeSet::new();
    let mut marked = BTreeSet::new();
    for line in stdout(&out).lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let (Some(doc), Some(n)) = (v["doc_id"].as_str(), v["paragraph"].as_u64()) else {
            continue;
        };
        ids.insert((doc.to_string(), n));
        let snippet = v["snippet"].as_str().unwrap_or_default();
        for piece in snippet.split("<b>").skip(1) {
            if let Some(word) = piece.split("</b>").next() {
                marked.insert(word.to_lowercase());
            }
        }
    }
    (ids, marked)
}

#[test]
fn any_form_finds_the_paragraphs_of_every_other_form_in_the_sample_world() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store_arg = store.to_str().unwrap();
    let sample = workspace.join("corpus/sample");
    let out = innspill(
        &["ingest", sample.to_str().unwrap(), "--store", store_arg],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = innspill(&["index", "--store", store_arg], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for &(group, present) in GROUPS {
        let (first, mut marked) = hits(&store, group[0]);
        assert!(!first.is_empty(), "{:?} finds nothing", group[0]);
        for form in &group[1..] {
            let (ids, m) = hits(&store, form);
            assert_eq!(
                ids, first,
                "{form:?} finds other paragraphs than {:?}",
                group[0]
            );
            marked.extend(m);
        }
        // The paragraphs found hold several forms of the word, all highlighted.
        let forms: Vec<&String> = marked
            .iter()
            .filter(|w| group.contains(&w.as_str()))
            .collect();
        assert!(forms.len() >= present, "{group:?}: highlighted {marked:?}");
    }
}
