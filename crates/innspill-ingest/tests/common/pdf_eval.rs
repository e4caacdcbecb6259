//! Scoring ingest of the PDF fixtures (`tests/pdf/`) against their source paragraphs;
//! shared by the integration tests and the gates.
#![allow(dead_code)] // each test binary uses its part

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use innspill_ingest::{Ingester, RegisterImport};
use innspill_model::{Document, SegmentKind};

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pdf")
}

/// An ingester with the real and the sample register and the KS 2026 booklet.
pub(crate) fn ingester() -> Ingester {
    let mut register = RegisterImport::new();
    for r in ["corpus/real/register.csv", "corpus/sample/register.csv"] {
        register.add_file(&root().join(r)).unwrap();
    }
    Ingester::builder()
        .register(register.finish())
        .reference_file(&root().join("corpus/reference/ks-2026-tid-for-taktskifte.txt"))
        .unwrap()
        .build()
}

/// A source: the truth of one document's renderings.
#[derive(Debug)]
pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) respondent: String,
    pub(crate) header: String,
    /// `(segment, text)` of every paragraph.
    pub(crate) paragraphs: Vec<(String, String)>,
}

pub(crate) fn source(name: &str) -> Source {
    let path = fixtures().join("sources").join(format!("{name}.json"));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    Source {
        name: name.to_string(),
        respondent: v["respondent"].as_str().unwrap().to_string(),
        header: v["header"].as_str().unwrap().to_string(),
        paragraphs: v["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["segment"].as_str().unwrap().to_string(),
                    p["text"].as_str().unwrap().to_string(),
                )
            })
            .collect(),
    }
}

/// Words as compared: letters and digits, lower case.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn own(segment: &str) -> bool {
    segment == "statement" || segment == "decision"
}

/// What one rendering scored.
#[derive(Debug, Clone)]
pub(crate) struct Score {
    pub(crate) file: String,
    pub(crate) pages: u32,
    pub(crate) recall: f64,
    pub(crate) precision: f64,
    /// Words of the respondent's own paragraphs that are in no source paragraph.
    pub(crate) broken: usize,
    pub(crate) broken_examples: Vec<String>,
    /// Paragraphs outside `other` with header or footer text.
    pub(crate) furniture_leaks: Vec<String>,
    pub(crate) respondent_ok: bool,
    pub(crate) respondent: Option<String>,
    /// Statement paragraphs of the source found verbatim (whitespace aside) in the
    /// document's own paragraphs.
    pub(crate) identical: f64,
    pub(crate) own_paragraphs: usize,
    pub(crate) warnings: Vec<String>,
    /// Source statement paragraphs not found, with the document's nearest paragraph.
    pub(crate) missing: Vec<(String, String)>,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document's statement and decision paragraphs, whitespace squashed.
pub(crate) fn own_paragraphs(doc: &Document) -> Vec<String> {
    own_texts(doc)
}

fn own_texts(doc: &Document) -> Vec<String> {
    doc.paragraphs()
        .filter(|(k, _)| k.is_respondents_own())
        .map(|(_, p)| squash(&p.text))
        .collect()
}

fn missing(truth: &[String], got: &[String], doc: &Document) -> Vec<(String, String)> {
    let have: HashSet<&str> = got.iter().map(String::as_str).collect();
    let all: Vec<String> = doc
        .paragraphs()
        .map(|(k, p)| format!("[{}] {}", k.as_str(), squash(&p.text)))
        .collect();
    truth
        .iter()
        .filter(|t| !have.contains(t.as_str()))
        .map(|t| {
            let head: String = t.chars().take(25).collect();
            let near = all
                .iter()
                .find(|p| p.contains(&head))
                .cloned()
                .unwrap_or_default();
            (t.clone(), near)
        })
        .collect()
}

/// Share of `truth` paragraphs found among `got` (whitespace aside).
pub(crate) fn identical(truth: &[String], got: &[String]) -> f64 {
    let have: HashSet<&str> = got.iter().map(String::as_str).collect();
    let n = truth.iter().filter(|t| have.contains(t.as_str())).count();
    n as f64 / truth.len().max(1) as f64
}

pub(crate) fn score(src: &Source, file: &str, doc: &Document) -> Score {
    let truth_own: Vec<String> = src
        .paragraphs
        .iter()
        .filter(|(s, _)| own(s))
        .map(|(_, t)| squash(t))
        .collect();
    let got_own = own_texts(doc);
    let mut want: HashMap<String, usize> = HashMap::new();
    for w in truth_own.iter().flat_map(|t| words(t)) {
        *want.entry(w).or_default() += 1;
    }
    let mut got: HashMap<String, usize> = HashMap::new();
    for w in got_own.iter().flat_map(|t| words(t)) {
        *got.entry(w).or_default() += 1;
    }
    let hits: usize = want
        .iter()
        .map(|(w, n)| (*n).min(*got.get(w).unwrap_or(&0)))
        .sum();
    let total_want: usize = want.values().sum();
    let total_got: usize = got.values().sum();
    let vocab: HashSet<String> = src.paragraphs.iter().flat_map(|(_, t)| words(t)).collect();
    let mut broken_examples = Vec::new();
    let mut broken = 0;
    for t in &got_own {
        for w in words(t) {
            if !vocab.contains(&w) {
                broken += 1;
                if broken_examples.len() < 8 {
                    broken_examples.push(w);
                }
            }
        }
    }
    let header = squash(&src.header);
    let furniture_leaks = doc
        .paragraphs()
        .filter(|(k, _)| *k != SegmentKind::Other)
        .filter(|(_, p)| {
            let t = squash(&p.text);
            t.contains(&header)
                || t.contains(&header[..header.len().min(30)])
                || t.contains("Side ") && t.contains(" av ") && words(&t).len() <= 6
                || t.contains("file:///")
        })
        .map(|(_, p)| p.text.chars().take(80).collect())
        .collect();
    Score {
        file: file.to_string(),
        pages: doc.source.pages.unwrap_or(0),
        recall: hits as f64 / total_want.max(1) as f64,
        precision: hits as f64 / total_got.max(1) as f64,
        broken,
        broken_examples,
        furniture_leaks,
        respondent_ok: doc.respondent.kommunenummer.as_deref() == Some(src.respondent.as_str()),
        respondent: doc.respondent.kommunenummer.clone(),
        identical: identical(&truth_own, &got_own),
        own_paragraphs: got_own.len(),
        warnings: doc.warnings.clone(),
        missing: missing(&truth_own, &got_own, doc),
    }
}

/// Ingest one fixture file.
pub(crate) fn ingest(ingester: &Ingester, file: &Path) -> Result<Document, String> {
    let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    ingester
        .ingest_bytes(&name, &bytes, None)
        .map_err(|e| e.to_string())
}

/// The renderings with a text layer: `(source, file)`.
pub(crate) const TEXT_RENDERINGS: &[(&str, &str)] = &[
    ("rost", "rost.docx"),
    ("rost", "rost-lo.pdf"),
    ("rost", "rost-2col-lo.pdf"),
    ("rost", "rost-lo-pdfa.pdf"),
    ("rost", "rost-chromium.pdf"),
    ("rost", "rost-aes256.pdf"),
    ("rost", "rost-gs.pdf"),
    ("elvehaug", "elvehaug.docx"),
    ("elvehaug", "elvehaug-lo.pdf"),
    ("elvehaug", "elvehaug-chromium.pdf"),
    ("elvehaug", "elvehaug-rc4.pdf"),
    ("seljevatn", "seljevatn.docx"),
    ("seljevatn", "seljevatn-lo.pdf"),
    ("seljevatn", "seljevatn-2col-lo.pdf"),
    ("seljevatn", "seljevatn-chromium.pdf"),
    ("lyngbygd", "lyngbygd.docx"),
    ("lyngbygd", "lyngbygd-lo.pdf"),
    ("lyngbygd", "lyngbygd-chromium.pdf"),
    ("mosestrand", "mosestrand-lo.pdf"),
];

pub(crate) fn print_header() {
    println!(
        "{:<24} {:>5} {:>7} {:>9} {:>6} {:>6} {:>9} {:>10} {:>8}",
        "file",
        "pages",
        "recall",
        "precision",
        "broken",
        "leaks",
        "identical",
        "respondent",
        "warnings"
    );
}

pub(crate) fn print_score(s: &Score) {
    println!(
        "{:<24} {:>5} {:>7.4} {:>9.4} {:>6} {:>6} {:>9.3} {:>10} {:>8}",
        s.file,
        s.pages,
        s.recall,
        s.precision,
        s.broken,
        s.furniture_leaks.len(),
        s.identical,
        if s.respondent_ok {
            "ok".to_string()
        } else {
            format!("{:?}", s.respondent)
        },
        s.warnings.len()
    );
}

/// What keeps a text-layer rendering from passing the gates: statement word recall
/// and precision ≥ 99 %, at most 2 broken words, no header or footer text outside
/// `other`, the right respondent, ≥ 95 % of the statement paragraphs as in the source.
pub(crate) fn gate_failures(s: &Score) -> Vec<String> {
    let mut out = Vec::new();
    let f = &s.file;
    if s.recall < 0.99 {
        out.push(format!("{f}: recall {:.4} < 0.99", s.recall));
    }
    if s.precision < 0.99 {
        out.push(format!("{f}: precision {:.4} < 0.99", s.precision));
    }
    if s.broken > 2 {
        out.push(format!(
            "{f}: {} broken words {:?}",
            s.broken, s.broken_examples
        ));
    }
    if !s.furniture_leaks.is_empty() {
        out.push(format!(
            "{f}: header/footer outside other: {:?}",
            s.furniture_leaks
        ));
    }
    if !s.respondent_ok {
        out.push(format!("{f}: respondent {:?}", s.respondent));
    }
    if s.identical < 0.95 {
        out.push(format!(
            "{f}: identical statement paragraphs {:.3} < 0.95",
            s.identical
        ));
    }
    out
}

/// Statement paragraphs by text: `(section, question)`.
pub(crate) fn sections(doc: &Document) -> HashMap<String, (Option<String>, Option<u8>)> {
    doc.paragraphs()
        .filter(|(k, _)| k.is_respondents_own())
        .map(|(_, p)| {
            (
                squash(&p.text),
                (p.section.as_deref().map(squash), p.question),
            )
        })
        .collect()
}

/// How many of the `reference` document's statement paragraphs have the same section and
/// question in `doc` (among those `doc` has), and whether `doc`'s pages make sense: every
/// paragraph's page within the document's pages, never going back in reading order
/// outside the page furniture.
pub(crate) fn same_structure(reference: &Document, doc: &Document) -> (usize, usize, bool) {
    let want = sections(reference);
    let got = sections(doc);
    let (mut same, mut total) = (0, 0);
    for (t, sq) in &want {
        if let Some(g) = got.get(t) {
            total += 1;
            if g == sq {
                same += 1;
            }
        }
    }
    let pages = doc.source.pages.unwrap_or(0);
    let mut last = 0;
    let mut pages_ok = true;
    for (k, p) in doc.paragraphs() {
        if k == SegmentKind::Other {
            continue;
        }
        let page = p.page.unwrap_or(0);
        if pages > 0 && (page == 0 || page > pages || page < last) {
            pages_ok = false;
        }
        last = page;
    }
    (same, total, pages_ok)
}
