//! Test documents built by hand: the real Røst document (`corpus/real/rost-2026.txt`) cut
//! into segments and paragraphs the simple way, and a short fictional Nynorsk statement.
//!
//! Ingest does this properly (`innspill-ingest`); these fixtures only need paragraphs with
//! the right text, offsets and segment kinds. The seed text has no page marks, so the
//! fixture counts a page every 50 lines.

use innspill_model::*;

/// The committed seed document.
pub(crate) const SEED: &str = include_str!("../../../corpus/real/rost-2026.txt");

/// A fictional Nynorsk statement («Eksempeldata: fiktiv kommune»).
pub(crate) const FJORDVIK: &str = "\
Eksempeldata: fiktiv kommune

Fråsegn frå Fjordvik kommune

Kommunestyret meiner at kommunane må få betre rammer for tenestene sine. Dei tilsette i \
helse- og omsorgstenestene er den viktigaste ressursen vår.

Beredskapsplanen må øvast kvart år, og kommunen treng fleire tilsette med kompetanse på \
samfunnstryggleik.

• Staten må fullfinansiere nye oppgåver
• Kommunane må få større lokalt handlingsrom
";

/// Segment kind of 1-based line `line` of the seed (see `design.md`).
fn seed_segment(line: usize) -> SegmentKind {
    match line {
        ..=49 => SegmentKind::Case,
        50..=1012 => SegmentKind::Booklet,
        _ => SegmentKind::Statement,
    }
}

/// Split `text` into segments of paragraphs: runs of non-blank lines (a line starting with
/// `•` is a bullet of its own), joined with `\n` so the analyser can dehyphenate.
pub(crate) fn split(text: &str, segment_of: impl Fn(usize) -> SegmentKind) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut current: Option<(usize, usize, usize, ParagraphKind)> = None; // byte start, end, first line
    let mut n = 0u32;
    let mut flush = |cur: &mut Option<(usize, usize, usize, ParagraphKind)>,
                     segments: &mut Vec<Segment>| {
        if let Some((s, e, line, kind)) = cur.take() {
            let raw = &text[s..e];
            let body = raw.trim_start_matches('•').trim();
            let offset = s + raw.find(body).unwrap_or(0);
            let start = text[..offset].chars().count();
            let seg = segment_of(line);
            if segments.last().is_none_or(|l| l.kind != seg) {
                segments.push(Segment {
                    kind: seg,
                    heading: None,
                    paragraphs: Vec::new(),
                });
            }
            segments.last_mut().unwrap().paragraphs.push(Paragraph {
                n,
                kind,
                text: body.to_string(),
                page: Some(line as u32 / 50 + 1),
                start,
                end: start + body.chars().count(),
                section: None,
                question: None,
                lines: None,
                ocr: None,
            });
            n += 1;
        }
    };
    let mut pos = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        let bullet = trimmed.starts_with('•');
        if trimmed.is_empty() || bullet {
            flush(&mut current, &mut segments);
        }
        if !trimmed.is_empty() {
            let s = pos + (line.len() - line.trim_start().len());
            let e = pos + line.trim_end().len();
            let kind = if bullet {
                ParagraphKind::Bullet
            } else {
                ParagraphKind::Paragraph
            };
            current = Some(match current {
                Some((cs, _, l, k)) => (cs, e, l, k),
                None => (s, e, i + 1, kind),
            });
        }
        pos += line.len();
    }
    flush(&mut current, &mut segments);
    segments
}

fn respondent(nr: &str, name: &str, fylke: &str, population: u64) -> Respondent {
    Respondent {
        kommunenummer: Some(nr.into()),
        name: Some(name.into()),
        kind: RespondentKind::Kommune,
        fylke: Some(fylke.into()),
        population: Some(population),
        size_class: Some(SizeThresholds::default().classify(population)),
        detected_by: DetectedBy::Manifest,
    }
}

fn document(
    id: &str,
    text: &str,
    respondent: Respondent,
    lang: Lang,
    segments: Vec<Segment>,
) -> Document {
    Document {
        schema_version: SCHEMA_VERSION,
        id: id.into(),
        source: Source {
            path: format!("{id}.txt"),
            sha256: id.rsplit('-').next().unwrap_or_default().into(),
            format: Format::Txt,
            pages: None,
            ocr: None,
        },
        respondent,
        year: Some(2026),
        language: Some(lang),
        segments,
        warnings: Vec::new(),
        text: text.into(),
    }
}

/// Røst kommune's 2026 case.
pub(crate) fn rost() -> Document {
    document(
        "1856-2026-74f937",
        SEED,
        respondent("1856", "Røst", "Nordland", 471),
        Lang::Nb,
        split(SEED, seed_segment),
    )
}

/// The fictional Nynorsk statement of «Fjordvik» (number 4699, not a real municipality).
pub(crate) fn fjordvik() -> Document {
    document(
        "4699-2026-0f0f0f",
        FJORDVIK,
        respondent("4699", "Fjordvik", "Vestland", 8_200),
        Lang::Nn,
        split(FJORDVIK, |_| SegmentKind::Statement),
    )
}

/// A copy of the Røst document under another id and respondent, with `extra` appended
/// to its last paragraph (documents that differ from each other).
pub(crate) fn variant(i: u32, extra: &str) -> Document {
    let mut d = rost();
    let nr = format!("{}", 4600 + i);
    d.id = format!("{nr}-2026-{i:06x}");
    d.respondent = respondent(
        &nr,
        &format!("Testvik {i}"),
        "Vestland",
        1_000 * u64::from(i + 1),
    );
    let last = d
        .segments
        .last_mut()
        .unwrap()
        .paragraphs
        .last_mut()
        .unwrap();
    last.text.push(' ');
    last.text.push_str(extra);
    d
}

/// The paragraphs of `doc` containing `needle` (case-insensitive), by segment.
pub(crate) fn containing(doc: &Document, needle: &str, segments: &[SegmentKind]) -> usize {
    let needle = needle.to_lowercase();
    doc.paragraphs()
        .filter(|(k, p)| segments.contains(k) && p.text.to_lowercase().contains(&needle))
        .count()
}

/// Like [`containing`], but also counting a word split over two lines without a hyphen
/// (`totalberedskaps` / `meldingen`), which the analyser may or may not join.
pub(crate) fn containing_joined(doc: &Document, needle: &str, segments: &[SegmentKind]) -> usize {
    let needle = needle.to_lowercase();
    doc.paragraphs()
        .filter(|(k, p)| {
            segments.contains(k) && p.text.replace('\n', "").to_lowercase().contains(&needle)
        })
        .count()
}

/// Tags for the Røst document: `preparedness` (sub `exercises`) on statement paragraphs
/// mentioning «beredskap», `workforce` on those mentioning «arbeidskraft».
pub(crate) fn rost_tags(doc: &Document) -> DocumentTags {
    let mut paragraphs = Vec::new();
    for (kind, p) in doc.paragraphs() {
        if kind != SegmentKind::Statement {
            continue;
        }
        let lower = p.text.to_lowercase();
        let mut tags = Vec::new();
        let tag = |theme: &str, sub: Option<&str>| Tag {
            theme: theme.into(),
            sub: sub.map(Into::into),
            score: 1.0,
            evidence: Vec::new(),
            via: Via::Text,
            confidence: None,
        };
        if lower.contains("arbeidskraft") {
            tags.push(tag("workforce", None));
        }
        if lower.contains("beredskap") {
            tags.push(tag("preparedness", None));
            tags.push(tag("preparedness", Some("exercises")));
        }
        if !tags.is_empty() {
            paragraphs.push(ParagraphTags {
                n: p.n,
                tags,
                demands: Vec::new(),
            });
        }
    }
    DocumentTags {
        doc_id: doc.id.clone(),
        sha256: doc.source.sha256.clone(),
        codebook: "test@1".into(),
        paragraphs,
    }
}

#[test]
fn fixtures_point_into_their_text() {
    for doc in [rost(), fjordvik()] {
        let chars: Vec<char> = doc.text.chars().collect();
        let mut count = 0;
        for (_, p) in doc.paragraphs() {
            let at: String = chars[p.start..p.end].iter().collect();
            assert_eq!(at, p.text, "paragraph {} of {}", p.n, doc.id);
            count += 1;
        }
        assert!(count > 5, "{} has {count} paragraphs", doc.id);
    }
    let r = rost();
    assert_eq!(
        r.segments.iter().map(|s| s.kind).collect::<Vec<_>>(),
        [
            SegmentKind::Case,
            SegmentKind::Booklet,
            SegmentKind::Statement
        ]
    );
}

/// The generated sample world (`corpus/sample/truth.json`) as documents: each readable
/// statement's paragraphs (with the generator's planted tags) and its decision, built from
/// the ground truth rather than through ingest.
pub(crate) fn sample() -> Vec<(Document, DocumentTags)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/sample/truth.json"
    );
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(path).expect("the committed sample corpus corpus/sample/truth.json"),
    )
    .expect("truth.json is JSON");
    let mut out = Vec::new();
    for (i, d) in truth["documents"].as_array().unwrap().iter().enumerate() {
        let Some(statement) = d["statement"].as_object() else {
            continue;
        };
        let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        let r = &d["respondent"];
        let respondent = Respondent {
            kommunenummer: Some(s(&r["kommunenummer"])),
            name: Some(s(&r["name"])),
            kind: if r["kind"] == "fylkeskommune" {
                RespondentKind::Fylkeskommune
            } else {
                RespondentKind::Kommune
            },
            fylke: Some(s(&r["fylke"])),
            population: r["population"].as_u64(),
            size_class: SizeClass::parse(&s(&r["size_class"])),
            detected_by: DetectedBy::Manifest,
        };
        let lang = if d["language"] == "nn" {
            Lang::Nn
        } else {
            Lang::Nb
        };
        let id = format!("{}-{}-{i:06}", s(&r["kommunenummer"]), d["year"]);
        let mut text = String::new();
        let mut statement_paragraphs = Vec::new();
        let mut tags = Vec::new();
        for p in statement["paragraphs"].as_array().unwrap() {
            let kind = match p["kind"].as_str() {
                Some("heading") => ParagraphKind::Heading,
                Some("bullet") => ParagraphKind::Bullet,
                _ => ParagraphKind::Paragraph,
            };
            let n = statement_paragraphs.len() as u32;
            statement_paragraphs.push(append(&mut text, n, p["text"].as_str().unwrap(), kind));
            let ptags: Vec<Tag> = p["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| Tag {
                    theme: s(&t["theme"]),
                    sub: t["sub"].as_str().map(str::to_string),
                    score: 1.0,
                    evidence: Vec::new(),
                    via: Via::Text,
                    confidence: None,
                })
                .collect();
            if !ptags.is_empty() {
                tags.push(ParagraphTags {
                    n,
                    tags: ptags,
                    demands: Vec::new(),
                });
            }
        }
        let n = statement_paragraphs.len() as u32;
        let mut segments = vec![Segment {
            kind: SegmentKind::Statement,
            heading: None,
            paragraphs: statement_paragraphs,
        }];
        if let Some(decision) = d["decision"].as_str() {
            segments.push(Segment {
                kind: SegmentKind::Decision,
                heading: None,
                paragraphs: vec![append(&mut text, n, decision, ParagraphKind::Paragraph)],
            });
        }
        let mut doc = document(&id, "", respondent, lang, segments);
        doc.year = d["year"].as_u64().map(|y| y as u16);
        doc.text = text;
        let tags = DocumentTags {
            doc_id: id,
            sha256: String::new(),
            codebook: "truth".into(),
            paragraphs: tags,
        };
        out.push((doc, tags));
    }
    out
}

/// Append paragraph `n` to `text` (and a blank line), with its character offsets.
fn append(text: &mut String, n: u32, t: &str, kind: ParagraphKind) -> Paragraph {
    let start = text.chars().count();
    text.push_str(t);
    text.push_str("\n\n");
    Paragraph {
        n,
        kind,
        text: t.to_string(),
        page: Some(1),
        start,
        end: start + t.chars().count(),
        section: None,
        question: None,
        lines: None,
        ocr: None,
    }
}
