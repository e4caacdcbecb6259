//! Hand-built documents, tags and registers for the unit tests.

use innspill_model::{
    Addressee, Demand, DetectedBy, Document, DocumentTags, Format, Lang, Paragraph, ParagraphKind,
    ParagraphTags, Register, RegisterEntry, Respondent, RespondentKind, Segment, SegmentKind,
    Source, Tag, Via,
};

use crate::ThemeInfo;

pub(crate) fn themes() -> Vec<ThemeInfo> {
    vec![
        ThemeInfo {
            id: "workforce".into(),
            label: "Arbeidskraft og kompetanse".into(),
            subs: vec![
                ("recruitment".into(), "Rekruttering".into()),
                ("sick_leave".into(), "Sykefravær".into()),
            ],
        },
        ThemeInfo {
            id: "preparedness".into(),
            label: "Samfunnssikkerhet og beredskap".into(),
            subs: vec![],
        },
    ]
}

/// A municipality `nr` with `pop` inhabitants in `fylke`, and segments of paragraphs.
pub(crate) fn doc(
    nr: &str,
    name: &str,
    fylke: &str,
    pop: u64,
    segments: &[(SegmentKind, &[&str])],
) -> Document {
    let mut text = String::new();
    let mut n = 0;
    let mut segs = Vec::new();
    for (kind, paras) in segments {
        let mut ps = Vec::new();
        for p in *paras {
            let start = text.chars().count();
            text.push_str(p);
            let end = text.chars().count();
            text.push_str("\n\n");
            ps.push(Paragraph {
                n,
                kind: ParagraphKind::Paragraph,
                text: (*p).to_string(),
                page: Some(n + 1),
                start,
                end,
                section: None,
                question: None,
                lines: None,
                ocr: None,
            });
            n += 1;
        }
        segs.push(Segment {
            kind: *kind,
            heading: None,
            paragraphs: ps,
        });
    }
    Document {
        schema_version: 1,
        id: format!("{nr}-2026-abcdef"),
        source: Source {
            path: format!("{nr}.txt"),
            sha256: "0".repeat(64),
            format: Format::Txt,
            pages: None,
            ocr: None,
        },
        respondent: Respondent {
            kommunenummer: Some(nr.to_string()),
            name: Some(name.to_string()),
            kind: RespondentKind::Kommune,
            fylke: Some(fylke.to_string()),
            population: Some(pop),
            size_class: Some(innspill_model::SizeThresholds::default().classify(pop)),
            detected_by: DetectedBy::Text,
        },
        year: Some(2026),
        language: Some(Lang::Nb),
        segments: segs,
        warnings: Vec::new(),
        text,
    }
}

pub(crate) fn tag(theme: &str, sub: Option<&str>, score: f32) -> Tag {
    Tag {
        theme: theme.to_string(),
        sub: sub.map(str::to_string),
        score,
        evidence: Vec::new(),
        via: Via::Text,
        confidence: None,
    }
}

pub(crate) fn demand(text: &str, to: Addressee, themes: &[&str]) -> Demand {
    Demand {
        addressee: to,
        text: text.to_string(),
        start: 0,
        end: text.chars().count(),
        themes: themes.iter().map(|t| t.to_string()).collect(),
    }
}

/// Tags for `d`: `(paragraph n, tags, demands)`.
pub(crate) fn tags(d: &Document, paras: Vec<(u32, Vec<Tag>, Vec<Demand>)>) -> DocumentTags {
    DocumentTags {
        doc_id: d.id.clone(),
        sha256: d.source.sha256.clone(),
        codebook: "test@1".into(),
        paragraphs: paras
            .into_iter()
            .map(|(n, tags, demands)| ParagraphTags { n, tags, demands })
            .collect(),
    }
}

pub(crate) fn register(entries: &[(&str, &str, &str, u64)]) -> Register {
    let mut r = Register {
        thresholds: Default::default(),
        source: None,
        entries: entries
            .iter()
            .map(|(nr, name, fylke, pop)| RegisterEntry {
                kommunenummer: nr.to_string(),
                name: name.to_string(),
                kind: RespondentKind::Kommune,
                fylkesnummer: nr[..2].to_string(),
                fylke: fylke.to_string(),
                population: Some(*pop),
                population_year: Some(2026),
            })
            .collect(),
    };
    r.normalize();
    r
}

pub(crate) fn strs(df: &polars::prelude::DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.map(str::to_string))
        .collect()
}

pub(crate) fn f64s(df: &polars::prelude::DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name).unwrap().f64().unwrap().iter().collect()
}

pub(crate) fn u64s(df: &polars::prelude::DataFrame, name: &str) -> Vec<Option<u64>> {
    let c = df.column(name).unwrap();
    let c = c.cast(&polars::prelude::DataType::UInt64).unwrap();
    c.u64().unwrap().iter().collect()
}

pub(crate) fn bools(df: &polars::prelude::DataFrame, name: &str) -> Vec<Option<bool>> {
    df.column(name).unwrap().bool().unwrap().iter().collect()
}
