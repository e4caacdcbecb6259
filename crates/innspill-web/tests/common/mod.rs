//! The store the HTTP and browser tests share: two fictional statements (one with markup in
//! its text), their tags, the search index, an ingest report with an original file, and a
//! register with a municipality that did not answer.
#![allow(dead_code)]

use std::path::Path;

use innspill_aggregate::ThemeInfo;
use innspill_index::{NoProgress, SearchIndex};
use innspill_model::{
    DetectedBy, Document, DocumentTags, Evidence, Format, IngestOutcome, IngestReport,
    IngestReportEntry, Lang, Paragraph, ParagraphKind, ParagraphTags, Register, RegisterEntry,
    Respondent, RespondentKind, SCHEMA_VERSION, Segment, SegmentKind, SizeClass, Source, Store,
    Tag, Via,
};
use innspill_web::{App, Config};

pub(crate) const XSS: &str =
    "Vi siterer <script>alert(1)</script> og \"><img src=x onerror=alert(1)> ordrett.";

pub(crate) fn document(
    id: &str,
    nr: &str,
    name: &str,
    size: SizeClass,
    statement: &[&str],
) -> Document {
    let case = "Saken gjelder KS' debatthefte.";
    let mut text = format!("{case}\n\n");
    let mut paragraphs = Vec::new();
    for (i, s) in statement.iter().enumerate() {
        let start = text.chars().count();
        text.push_str(s);
        text.push_str("\n\n");
        paragraphs.push(Paragraph {
            n: i as u32 + 1,
            kind: ParagraphKind::Paragraph,
            text: s.to_string(),
            page: Some(2),
            start,
            end: start + s.chars().count(),
            section: None,
            question: Some(1),
            lines: None,
            ocr: None,
        });
    }
    Document {
        schema_version: SCHEMA_VERSION,
        id: id.into(),
        source: Source {
            path: format!("{id}.pdf"),
            sha256: format!("{id}-sha"),
            format: Format::Pdf,
            pages: Some(2),
            ocr: None,
        },
        respondent: Respondent {
            kommunenummer: Some(nr.into()),
            name: Some(name.into()),
            kind: RespondentKind::Kommune,
            fylke: Some("Fiktivfylke".into()),
            population: Some(if size == SizeClass::Liten {
                1_200
            } else {
                25_000
            }),
            size_class: Some(size),
            detected_by: DetectedBy::Manifest,
        },
        year: Some(2026),
        language: Some(Lang::Nb),
        segments: vec![
            Segment {
                kind: SegmentKind::Case,
                heading: None,
                paragraphs: vec![Paragraph {
                    n: 0,
                    kind: ParagraphKind::Paragraph,
                    text: case.into(),
                    page: Some(1),
                    start: 0,
                    end: case.chars().count(),
                    section: None,
                    question: None,
                    lines: None,
                    ocr: None,
                }],
            },
            Segment {
                kind: SegmentKind::Statement,
                heading: Some("Uttalelse".into()),
                paragraphs,
            },
        ],
        warnings: vec![],
        text,
    }
}

pub(crate) fn tag(theme: &str, term: &str) -> Tag {
    Tag {
        theme: theme.into(),
        sub: None,
        score: 3.0,
        evidence: vec![Evidence {
            term: term.into(),
            start: 0,
            end: 0,
        }],
        via: Via::Text,
        confidence: None,
    }
}

pub(crate) fn themes() -> Vec<ThemeInfo> {
    [
        ("workforce", "Arbeidskraft og kompetanse"),
        ("preparedness", "Samfunnssikkerhet og beredskap"),
        ("autonomy", "Lokalt handlingsrom"),
    ]
    .iter()
    .map(|(id, label)| ThemeInfo {
        id: id.to_string(),
        label: label.to_string(),
        subs: vec![],
    })
    .collect()
}

/// The store in `dir`; returns it with the originals' folder as the working paths.
pub(crate) fn write_store(dir: &Path) -> Store {
    let store = Store::new(dir.join("store"));
    let a = document(
        "9901-2026-aaaaaa",
        "9901",
        "Eksempelvik",
        SizeClass::Liten,
        &["Eksempelvik kommune mener at beredskap må styrkes.", XSS],
    );
    let b = document(
        "9902-2026-bbbbbb",
        "9902",
        "Prøvestad",
        SizeClass::Stor,
        &["Prøvestad ber om mer beredskap og lokalt handlingsrom."],
    );
    for d in [&a, &b] {
        store.write_document(d).unwrap();
    }
    let tags = |d: &Document, paras: Vec<(u32, Vec<Tag>)>| DocumentTags {
        doc_id: d.id.clone(),
        sha256: d.source.sha256.clone(),
        codebook: "test@1".into(),
        paragraphs: paras
            .into_iter()
            .map(|(n, tags)| ParagraphTags {
                n,
                tags,
                demands: vec![],
            })
            .collect(),
    };
    store
        .write_tags(&tags(&a, vec![(1, vec![tag("preparedness", "beredskap")])]))
        .unwrap();
    store
        .write_tags(&tags(
            &b,
            vec![(
                1,
                vec![
                    tag("autonomy", "lokalt handlingsrom"),
                    tag("preparedness", "beredskap"),
                ],
            )],
        ))
        .unwrap();
    let originals = dir.join("originals");
    std::fs::create_dir_all(&originals).unwrap();
    let pdf = originals.join("eksempelvik.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 eksempel").unwrap();
    store
        .write_ingest_report(&IngestReport {
            inputs: vec![
                IngestReportEntry {
                    path: pdf.display().to_string(),
                    outcome: IngestOutcome::Ok,
                    doc_id: Some(a.id.clone()),
                    sha256: None,
                    reason: None,
                    warnings: vec![],
                    duplicate_of: None,
                },
                IngestReportEntry {
                    path: dir.join("secret.txt").display().to_string(),
                    outcome: IngestOutcome::Failed,
                    doc_id: None,
                    sha256: None,
                    reason: Some("not read".into()),
                    warnings: vec![],
                    duplicate_of: None,
                },
            ],
        })
        .unwrap();
    std::fs::write(dir.join("secret.txt"), "hemmelig").unwrap();
    let entry = |nr: &str, name: &str, pop: u64| RegisterEntry {
        kommunenummer: nr.into(),
        name: name.into(),
        kind: RespondentKind::Kommune,
        fylkesnummer: "99".into(),
        fylke: "Fiktivfylke".into(),
        population: Some(pop),
        population_year: Some(2026),
    };
    let register = Register {
        entries: vec![
            entry("9901", "Eksempelvik", 1_200),
            entry("9902", "Prøvestad", 25_000),
            entry("9903", "Tenktby", 6_000),
        ],
        ..Register::default()
    };
    store.write_register(&register).unwrap();
    let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
    index.update_from_store(&store, &mut NoProgress).unwrap();
    store
}

pub(crate) fn app(dir: &Path) -> App {
    let store = write_store(dir);
    let mut config = Config::new(store.root());
    config.themes = themes();
    config.reviewer = "kari".into();
    App::new(config).unwrap()
}
