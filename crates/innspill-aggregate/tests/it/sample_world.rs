//! The generated sample world (`innspill-sample`) as documents and tags, built straight
//! from its ground truth, so the tables can be checked against what was planted without
//! waiting for ingest and the tagger. Shared by the integration tests and the benchmark
//! (`benches/benches/aggregate.rs` includes this file).

use innspill_aggregate::{AggregateInput, ThemeInfo};
use innspill_model::{
    Addressee, Demand, DetectedBy, Document, DocumentTags, Format, Lang, Paragraph, ParagraphKind,
    ParagraphTags, Register, RegisterEntry, Respondent, RespondentKind, Segment, SegmentKind,
    SizeClass, Source, Tag, Via,
};
use innspill_sample::{Config, ParaKind, Truth};

/// The world as the aggregator sees it.
pub(crate) struct World {
    /// One document per readable file, in truth order.
    pub(crate) documents: Vec<Document>,
    /// Tags from the planted themes and demands (what a perfect tagger would say).
    pub(crate) tags: Vec<DocumentTags>,
    /// The world's register.
    pub(crate) register: Register,
    /// The codebook themes of the world.
    pub(crate) themes: Vec<ThemeInfo>,
    /// The ground truth.
    pub(crate) truth: Truth,
}

impl World {
    /// The aggregator's input: the world's documents, tags, register and themes.
    pub(crate) fn input<'a>(
        &'a self,
        analyzer: &'a innspill_norsk::Analyzer,
    ) -> AggregateInput<'a> {
        AggregateInput {
            documents: &self.documents,
            tags: &self.tags,
            register: &self.register,
            themes: &self.themes,
            analyzer,
        }
    }
}

/// The booklet passage every generated case quotes: KS' text, tagged as if the tagger
/// had seen it, so a test can tell that it is never counted.
const BOOKLET_QUOTE: &str = "Kommunene må rekruttere, beholde og utvikle arbeidskraft. \
    Sykefraværet er høyt, og beredskap og samfunnssikkerhet krever øvelser.";

/// Generate the world of `config` and convert it.
pub(crate) fn world(config: &Config) -> World {
    let sample = innspill_sample::generate(config).expect("the sample world generates");
    let register_csv = sample
        .files
        .iter()
        .find(|f| f.path == "register.csv")
        .map(|f| String::from_utf8(f.bytes.clone()).expect("register is UTF-8"))
        .expect("the sample world has a register");
    let register = parse_register(&register_csv);
    let truth = sample.truth;
    let mut documents = Vec::new();
    let mut tags = Vec::new();
    for (i, td) in truth.documents.iter().enumerate() {
        let Some(st) = &td.statement else { continue };
        let mut text = String::new();
        let mut n = 0u32;
        let mut para = |t: &str, kind: ParagraphKind, text: &mut String| {
            let start = text.chars().count();
            text.push_str(t);
            let end = text.chars().count();
            text.push_str("\n\n");
            n += 1;
            Paragraph {
                n: n - 1,
                kind,
                text: t.to_string(),
                page: None,
                start,
                end,
                section: None,
                question: None,
                lines: None,
                ocr: None,
            }
        };
        let booklet = vec![para(BOOKLET_QUOTE, ParagraphKind::Paragraph, &mut text)];
        let mut ptags = vec![ParagraphTags {
            n: 0,
            tags: vec![
                tag("workforce", Some("recruitment")),
                tag("preparedness", None),
            ],
            demands: Vec::new(),
        }];
        let mut statement = Vec::new();
        for tp in &st.paragraphs {
            let kind = match tp.kind {
                ParaKind::Heading => ParagraphKind::Heading,
                ParaKind::Paragraph => ParagraphKind::Paragraph,
                ParaKind::Bullet => ParagraphKind::Bullet,
            };
            let p = para(&tp.text, kind, &mut text);
            let mut t: Vec<Tag> = tp.tags.iter().map(|t| tag(t.theme, t.sub)).collect();
            t.sort_by(|a, b| (&a.theme, &a.sub).cmp(&(&b.theme, &b.sub)));
            let demands = tp
                .demand
                .map(|a| {
                    vec![Demand {
                        addressee: match a {
                            innspill_sample::Addressee::Ks => Addressee::Ks,
                            innspill_sample::Addressee::Staten => Addressee::Staten,
                            innspill_sample::Addressee::Kommunen => Addressee::Kommunen,
                        },
                        text: tp.text.clone(),
                        start: p.start,
                        end: p.end,
                        themes: tp.themes.iter().map(|t| t.to_string()).collect(),
                    }]
                })
                .unwrap_or_default();
            if !t.is_empty() || !demands.is_empty() {
                ptags.push(ParagraphTags {
                    n: p.n,
                    tags: t,
                    demands,
                });
            }
            statement.push(p);
        }
        let mut segments = vec![
            Segment {
                kind: SegmentKind::Booklet,
                heading: None,
                paragraphs: booklet,
            },
            Segment {
                kind: SegmentKind::Statement,
                heading: Some(st.title.clone()),
                paragraphs: statement,
            },
        ];
        if let Some(dec) = &td.decision {
            segments.push(Segment {
                kind: SegmentKind::Decision,
                heading: None,
                paragraphs: vec![para(dec, ParagraphKind::Paragraph, &mut text)],
            });
        }
        let r = &td.respondent;
        let kind = if r.kind == "fylkeskommune" {
            RespondentKind::Fylkeskommune
        } else {
            RespondentKind::Kommune
        };
        let id = format!("{}-{}-{:06x}", r.kommunenummer, td.year, i);
        tags.push(DocumentTags {
            doc_id: id.clone(),
            sha256: String::new(),
            codebook: "truth@1".into(),
            paragraphs: ptags,
        });
        documents.push(Document {
            schema_version: 1,
            id,
            source: Source {
                path: td.file.clone(),
                sha256: String::new(),
                format: Format::Txt,
                pages: None,
                ocr: None,
            },
            respondent: Respondent {
                kommunenummer: Some(r.kommunenummer.clone()),
                name: Some(r.name.clone()),
                kind,
                fylke: Some(r.fylke.clone()),
                population: Some(r.population),
                size_class: SizeClass::parse(r.size_class.as_str()),
                detected_by: DetectedBy::Text,
            },
            year: Some(td.year),
            language: Some(if td.language.as_str() == "nn" {
                Lang::Nn
            } else {
                Lang::Nb
            }),
            segments,
            warnings: Vec::new(),
            text,
        });
    }
    let themes = innspill_sample::THEMES
        .iter()
        .map(|(id, subs)| ThemeInfo {
            id: id.to_string(),
            label: id.to_string(),
            subs: subs
                .iter()
                .map(|s| (s.to_string(), s.to_string()))
                .collect(),
        })
        .collect();
    World {
        documents,
        tags,
        register,
        themes,
        truth,
    }
}

fn tag(theme: &str, sub: Option<&str>) -> Tag {
    Tag {
        theme: theme.to_string(),
        sub: sub.map(str::to_string),
        score: 1.0,
        evidence: Vec::new(),
        via: Via::Text,
        confidence: None,
    }
}

/// `kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar`
fn parse_register(csv: &str) -> Register {
    let mut r = Register::default();
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        r.entries.push(RegisterEntry {
            kommunenummer: f[0].to_string(),
            name: f[1].to_string(),
            kind: if f[0].len() == 2 {
                RespondentKind::Fylkeskommune
            } else {
                RespondentKind::Kommune
            },
            fylkesnummer: f[2].to_string(),
            fylke: f[3].to_string(),
            population: f[4].parse().ok(),
            population_year: f[5].trim().parse().ok(),
        });
    }
    r.normalize();
    r
}
