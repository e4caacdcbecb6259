//! Generating the sample world: who answers, how, in which format, and the ground truth.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::bank::{Addressee, Bank, ItemKind, Lang, ThemeTag};
use crate::booklet::{Booklet, booklet_of};
use crate::error::Error;
use crate::pdf::{self, Block};
use crate::render::{self, Assembled, Piece, Seg};
use crate::rng::Rng;
use crate::statement::{Audience, Composer, Names, Origin, PLANTED, ParaKind, Statement};
use crate::world::{Member, Size, World};

/// The notice every generated document carries in its text and metadata.
pub const NOTICE: &str = "Eksempeldata: fiktiv kommune";

/// The KS 2026 booklet text (the reference that quotes are taken from).
pub const BOOKLET: &str = include_str!("../../../corpus/reference/ks-2026-tid-for-taktskifte.txt");

/// Settings of one generated world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Seed of everything. By default, 2026 (the committed corpus).
    pub seed: u64,
    /// Multiplier of counties and municipalities, 1–10. By default, 1 (8 counties, 200
    /// municipalities).
    pub scale: u32,
    /// Number of years (2026, 2027, …), each with its own statements. By default, 1.
    pub years: u16,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 2026,
            scale: 1,
            years: 1,
        }
    }
}

impl Config {
    /// The 100× world of the benchmarks: ten times the municipalities and counties
    /// (`scale` 10, the largest) and ten years of statements, from the default seed.
    ///
    /// ```
    /// let c = innspill_sample::Config::hundredfold();
    /// assert_eq!((c.scale, c.years), (10, 10));
    /// ```
    pub fn hundredfold() -> Config {
        Config {
            scale: 10,
            years: 10,
            ..Config::default()
        }
    }
}

/// File format of a generated document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// PDF with a text layer (or without, when broken as a scan).
    Pdf,
    /// Word document.
    Docx,
    /// A meeting-system web page.
    Html,
    /// Plain text.
    Txt,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Txt => "txt",
        }
    }
}

/// How the respondent can be told from the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Naming {
    /// Named in the running text («Kommunestyret i Nordvik kommune …»).
    Text,
    /// Named only in the letterhead at the top of the first page.
    Letterhead,
    /// Not named at all: only `manifest.csv` tells.
    Manifest,
}

/// How a respondent used its county's regional draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DraftUse {
    /// Adopted as it stands (with its own name filled in).
    Unchanged,
    /// Adopted with light edits.
    Edited,
    /// Wrote its own statement.
    Own,
}

/// Ground truth of one statement paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct TruthParagraph {
    /// 0-based position in the statement (the title is not counted).
    pub n: usize,
    /// heading, paragraph or bullet.
    pub kind: ParaKind,
    /// The exact text (bullet markers and section numbers of list items not included;
    /// numbered headings keep their number).
    pub text: String,
    /// The section heading it stands under.
    pub section: Option<String>,
    /// Themes planted in it.
    pub themes: Vec<&'static str>,
    /// Theme and sub-theme pairs planted in it.
    pub tags: Vec<ThemeTag>,
    /// The addressee if it is a demand.
    pub demand: Option<Addressee>,
    /// draft, edited or own.
    pub origin: Origin,
    /// The number of the booklet question it answers (the question of its year's booklet
    /// on the theme of its section), absent outside theme sections and where the booklet
    /// asks nothing on the theme.
    pub question: Option<u8>,
}

/// Ground truth of one statement.
#[derive(Debug, Clone, Serialize)]
pub struct TruthStatement {
    /// Title heading.
    pub title: String,
    /// Paragraphs.
    pub paragraphs: Vec<TruthParagraph>,
}

/// The respondent of a document.
#[derive(Debug, Clone, Serialize)]
pub struct TruthRespondent {
    /// Number.
    pub kommunenummer: String,
    /// Short name.
    pub name: String,
    /// kommune or fylkeskommune.
    pub kind: &'static str,
    /// County number.
    pub fylkesnummer: String,
    /// County name.
    pub fylke: String,
    /// Population.
    pub population: u64,
    /// Size class.
    pub size_class: Size,
}

/// A range of lines of the booklet reference that a document quotes.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LineRange {
    /// First line, 1-based.
    pub start_line: usize,
    /// Last line, inclusive.
    pub end_line: usize,
}

/// Use of a regional draft by one document.
#[derive(Debug, Clone, Serialize)]
pub struct TruthDraft {
    /// Id of the draft (`draft-83`), absent for own statements in counties without one.
    pub id: Option<String>,
    /// How it was used.
    #[serde(rename = "use")]
    pub usage: DraftUse,
}

/// Why a document cannot be read.
#[derive(Debug, Clone, Serialize)]
pub struct Broken {
    /// `scanned`, `empty`, `truncated` or `not_a_zip`.
    pub kind: &'static str,
    /// In words.
    pub reason: &'static str,
}

/// Ground truth of one generated file.
#[derive(Debug, Clone, Serialize)]
pub struct TruthDocument {
    /// Path relative to the sample folder.
    pub file: String,
    /// Format by content.
    pub format: Format,
    /// Text encoding of a text file.
    pub encoding: Option<&'static str>,
    /// nb or nn.
    pub language: Lang,
    /// Year of the statement.
    pub year: u16,
    /// Who wrote it.
    pub respondent: TruthRespondent,
    /// How the respondent can be told.
    pub named_in: Naming,
    /// True when `manifest.csv` has a line for it.
    pub in_manifest: bool,
    /// Set when the file is deliberately unreadable.
    pub broken: Option<Broken>,
    /// Another file with exactly the same bytes.
    pub duplicate_of: Option<String>,
    /// Regional draft use.
    pub regional_draft: TruthDraft,
    /// True when the document is a bare statement (a letter) without the council case.
    pub letter_only: bool,
    /// Booklet lines quoted in the document.
    pub booklet: Vec<LineRange>,
    /// The adopted decision, if the document has one.
    pub decision: Option<String>,
    /// The statement; absent for broken files.
    pub statement: Option<TruthStatement>,
}

/// A regional draft in the ground truth.
#[derive(Debug, Clone, Serialize)]
pub struct TruthRegionalDraft {
    /// `draft-83`.
    pub id: String,
    /// County number.
    pub fylkesnummer: String,
    /// Written standard.
    pub language: Lang,
    /// Its paragraphs with `{navn}` left as the placeholder `kommunen`.
    pub paragraphs: Vec<TruthParagraph>,
    /// Files that adopted it unchanged.
    pub unchanged: Vec<String>,
    /// Files that adopted it with edits.
    pub edited: Vec<String>,
}

/// Realised counts of one planted difference.
#[derive(Debug, Clone, Serialize)]
pub struct Realised {
    /// Size class.
    pub size_class: &'static str,
    /// Respondents of that class with a readable statement.
    pub respondents: usize,
    /// Of those, how many raise the sub-theme in some paragraph.
    pub raising: usize,
    /// raising / respondents.
    pub share: f64,
}

/// A planted difference and how it came out.
#[derive(Debug, Clone, Serialize)]
pub struct TruthDifference {
    /// The plan.
    #[serde(flatten)]
    pub planted: crate::statement::Planted,
    /// Direction in words.
    pub direction: String,
    /// Realised shares per municipal size class.
    pub realised: Vec<Realised>,
}

/// Realised counts of a planted year-over-year change in one size class and year.
#[derive(Debug, Clone, Serialize)]
pub struct RealisedYear {
    /// Size class.
    pub size_class: &'static str,
    /// Year.
    pub year: u16,
    /// Respondents of that class with a readable statement that year.
    pub respondents: usize,
    /// Of those, how many raise the sub-theme in some paragraph.
    pub raising: usize,
    /// raising / respondents.
    pub share: f64,
}

/// A planted year-over-year change and how it came out.
#[derive(Debug, Clone, Serialize)]
pub struct TruthYearChange {
    /// The plan.
    #[serde(flatten)]
    pub planted: crate::statement::YearChange,
    /// The year it is measured against (the year before the change).
    pub from_year: u16,
    /// In words.
    pub description: String,
    /// Realised shares per municipal size class, the year before and the year of the
    /// change.
    pub realised: Vec<RealisedYear>,
}

/// A booklet that the world's statements answer.
#[derive(Debug, Clone, Serialize)]
pub struct TruthBooklet {
    /// The year it is for.
    pub year: u16,
    /// Its title.
    pub title: String,
    /// Its text in the world folder (`reference/…`) when it is not built into innspill
    /// (the fictional ones); the analyst adds it with `innspill booklet add`.
    pub file: Option<String>,
    /// Its questions, each with the theme whose sections answer it.
    pub questions: Vec<crate::booklet::BookletQuestion>,
}

/// The whole ground truth (`truth.json`).
#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    /// Schema id.
    pub schema: &'static str,
    /// The notice on every document.
    pub notice: &'static str,
    /// Seed.
    pub seed: u64,
    /// Scale.
    pub scale: u32,
    /// Years.
    pub years: Vec<u16>,
    /// Counts.
    pub counts: Counts,
    /// The booklets the statements answer, by year.
    pub booklets: Vec<TruthBooklet>,
    /// Planted size-class differences.
    pub size_class_differences: Vec<TruthDifference>,
    /// Planted year-over-year changes (empty in a world of one year).
    pub year_changes: Vec<TruthYearChange>,
    /// Regional drafts.
    pub regional_drafts: Vec<TruthRegionalDraft>,
    /// Documents, sorted by file.
    pub documents: Vec<TruthDocument>,
}

/// Summary counts.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Municipalities in the register.
    pub municipalities: usize,
    /// County authorities in the register.
    pub counties: usize,
    /// Files written.
    pub files: usize,
    /// Readable files with a statement.
    pub readable: usize,
    /// Deliberately broken files.
    pub broken: usize,
    /// Respondents with a readable statement (distinct numbers over all years).
    pub respondents: usize,
    /// Documents in Nynorsk.
    pub nynorsk: usize,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Path relative to the output folder.
    pub path: String,
    /// Bytes.
    pub bytes: Vec<u8>,
}

/// The generated world: files and truth.
#[derive(Debug, Clone)]
pub struct Sample {
    /// All files (documents, register, manifest, truth, README) sorted by path.
    pub files: Vec<OutFile>,
    /// The ground truth.
    pub truth: Truth,
}

const FIRST_NAMES: [&str; 24] = [
    "Kari", "Ola", "Ingrid", "Lars", "Marte", "Per", "Silje", "Knut", "Hilde", "Erik", "Torunn",
    "Arne", "Randi", "Geir", "Sigrid", "Trond", "Anne", "Bjørn", "Liv", "Odd", "Solveig", "Håkon",
    "Turid", "Eivind",
];
const LAST_NAMES: [&str; 20] = [
    "Lunde",
    "Haugen",
    "Bakken",
    "Myklebust",
    "Strand",
    "Lie",
    "Dahl",
    "Berge",
    "Eide",
    "Moen",
    "Solheim",
    "Aasen",
    "Nygård",
    "Vik",
    "Rønning",
    "Tveit",
    "Holm",
    "Brekke",
    "Sæther",
    "Fjeld",
];

struct BookletLines {
    lines: Vec<&'static str>,
    /// The first line of the chapters.
    body: usize,
}

impl BookletLines {
    fn new(booklet: &Booklet) -> BookletLines {
        BookletLines {
            lines: booklet.text.lines().collect(),
            body: booklet.body,
        }
    }

    fn text(&self, r: LineRange) -> String {
        let lines: Vec<String> = self.lines[r.start_line - 1..r.end_line]
            .iter()
            .map(|l| pdf::sanitize(l))
            .collect();
        lines.join("\n")
    }

    /// Passages of 4–14 lines between blank lines in the chapters (after the foreword).
    fn passages(&self) -> Vec<LineRange> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, l) in self.lines.iter().enumerate() {
            let no = i + 1;
            if l.trim().is_empty() {
                if let Some(s) = start.take() {
                    let len = no - s;
                    if s >= self.body && (4..=14).contains(&len) {
                        out.push(LineRange {
                            start_line: s,
                            end_line: no - 1,
                        });
                    }
                }
            } else if start.is_none() {
                start = Some(no);
            }
        }
        out
    }
}

fn lab(lang: Lang, nb: &'static str, nn: &'static str) -> &'static str {
    lang.pick(nb, nn)
}

/// Everything decided about one document before it is written.
struct Plan {
    format: Format,
    naming: Naming,
    in_manifest: bool,
    letter_only: bool,
    protocol_first: bool,
    innstilling_first: bool,
    booklet: Vec<LineRange>,
    txt_style: u8,
    bullet: &'static str,
    word_lists: bool,
}

/// Generate the world of `config`.
pub fn generate(config: &Config) -> Result<Sample, Error> {
    if !(1..=10).contains(&config.scale) {
        return Err(Error::Setting {
            name: "scale",
            value: config.scale.to_string(),
            expected: "1 to 10 (four-digit numbers allow no more; use --years for larger corpora)",
        });
    }
    if !(1..=50).contains(&config.years) {
        return Err(Error::Setting {
            name: "years",
            value: config.years.to_string(),
            expected: "1 to 50",
        });
    }
    let bank = Bank::embedded()?;
    let world = World::generate(config.seed, config.scale);
    let booklets = crate::booklet::booklets();
    let root = Rng::new(config.seed);
    let mut files: Vec<OutFile> = Vec::new();
    let mut docs: Vec<TruthDocument> = Vec::new();
    let mut drafts_truth: Vec<TruthRegionalDraft> = Vec::new();
    let mut manifest = String::from("file,kommunenummer,year\n");
    let years: Vec<u16> = (0..config.years).map(|y| 2026 + y).collect();
    let mut used_paths: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();

    for &year in &years {
        let bk = booklet_of(&booklets, year);
        let composer = Composer::for_year(&bank, year, bk);
        let booklet = BookletLines::new(bk);
        let passages = booklet.passages();
        // The bank's titles name the 2026 booklet; other years name theirs.
        let title = (bk.title != booklets[0].title).then(|| bk.title.clone());
        let mut rng = root.derive(&format!("year-{year}"));
        // Regional drafts: most counties have one, in the county's majority standard.
        let mut drafts: Vec<Option<(String, Lang, Statement)>> = Vec::new();
        for (ci, c) in world.counties.iter().enumerate() {
            let has = ci % 8 != 4 && ci % 8 != 7 || rng.chance(0.2);
            if has {
                let lang = if c.nn_share > 0.5 { Lang::Nn } else { Lang::Nb };
                let st = composer.compose(&mut rng, Audience::Draft);
                let id = if years.len() > 1 {
                    format!("draft-{}-{year}", c.nr)
                } else {
                    format!("draft-{}", c.nr)
                };
                drafts.push(Some((id, lang, st)));
            } else {
                drafts.push(None);
            }
        }
        let mut draft_members: Vec<(Vec<String>, Vec<String>)> =
            vec![(Vec::new(), Vec::new()); world.counties.len()];
        // Which files are to be broken: a handful, spread over the world.
        let mut doc_no = 0usize;
        let mut txt_no = 0usize;
        let mut broken_slots: Vec<(usize, &'static str)> = Vec::new();
        for m in &world.members {
            let p_answer = match m.size {
                Size::Liten => 0.7,
                Size::Mellomstor => 0.78,
                Size::Stor => 0.88,
                Size::Fylkeskommune => 0.6,
            };
            if !rng.chance(p_answer) {
                continue;
            }
            doc_no += 1;
            let mut drng = rng.derive(&format!("doc-{}-{year}", m.nr));
            let county = &world.counties[m.county];
            // Statement and draft use.
            let (statement, usage, draft_id) = match &drafts[m.county] {
                Some((id, lang, draft)) if *lang == m.lang && !m.is_county() => {
                    let x = drng.unit();
                    if x < 0.45 {
                        let mut st = draft.clone();
                        for p in &mut st.paras {
                            p.origin = Origin::Draft;
                        }
                        (st, DraftUse::Unchanged, Some(id.clone()))
                    } else if x < 0.72 {
                        (
                            composer.edit(&mut drng, draft, m.size),
                            DraftUse::Edited,
                            Some(id.clone()),
                        )
                    } else {
                        (
                            composer.compose(&mut drng, Audience::Member(m.size)),
                            DraftUse::Own,
                            None,
                        )
                    }
                }
                _ => (
                    composer.compose(&mut drng, Audience::Member(m.size)),
                    DraftUse::Own,
                    None,
                ),
            };
            let plan = plan_document(&mut drng, m, bk, &passages, doc_no, &mut broken_slots);
            let mut file = file_name(&mut drng, m, &plan, year, county.name.as_str());
            // Random parts of names can meet in large worlds: keep every path unique.
            while used_paths.contains(&file) {
                let (stem, ext) = file.rsplit_once('.').unwrap_or((file.as_str(), ""));
                file = format!("{stem}-{}.{ext}", hex4(&mut drng));
            }
            used_paths.insert(file.clone());
            if plan.in_manifest {
                manifest.push_str(&format!("{file},{},{year}\n", m.nr));
            }
            let names = Names {
                full: (plan.naming == Naming::Text).then(|| m.full_name()),
                county: m.is_county(),
                lang: m.lang,
                year,
                title: title.clone(),
            };
            let truth_statement = truth_statement(&bank, &statement, &names, bk);
            let (assembled, decision) = assemble(
                &bank, &mut drng, m, &plan, &statement, usage, &names, &booklet, year, &bk.title,
            );
            let broken = broken_slots
                .iter()
                .find(|(d, _)| *d == doc_no)
                .map(|(_, k)| *k);
            let (bytes, broken, format, encoding) =
                write_format(&mut drng, &assembled, &plan, broken, &mut txt_no)?;
            match (usage, &draft_id) {
                (DraftUse::Unchanged, Some(_)) => draft_members[m.county].0.push(file.clone()),
                (DraftUse::Edited, Some(_)) => draft_members[m.county].1.push(file.clone()),
                _ => {}
            }
            files.push(OutFile {
                path: file.clone(),
                bytes,
            });
            docs.push(TruthDocument {
                file,
                format,
                encoding,
                language: m.lang,
                year,
                respondent: respondent(m, &world),
                named_in: plan.naming,
                in_manifest: plan.in_manifest,
                statement: broken.is_none().then_some(truth_statement),
                broken,
                duplicate_of: None,
                regional_draft: TruthDraft {
                    id: draft_id,
                    usage,
                },
                letter_only: plan.letter_only,
                booklet: plan.booklet.clone(),
                decision,
            });
        }
        for (ci, d) in drafts.into_iter().enumerate() {
            if let Some((id, lang, st)) = d {
                let names = Names {
                    full: None,
                    county: false,
                    lang,
                    year,
                    title: title.clone(),
                };
                let (mut unchanged, mut edited) = std::mem::take(&mut draft_members[ci]);
                unchanged.sort();
                edited.sort();
                drafts_truth.push(TruthRegionalDraft {
                    id,
                    fylkesnummer: world.counties[ci].nr.clone(),
                    language: lang,
                    paragraphs: truth_statement(&bank, &st, &names, bk).paragraphs,
                    unchanged,
                    edited,
                });
            }
        }
    }
    // One exact duplicate: the same bytes sent twice under another name.
    if let Some(i) = docs
        .iter()
        .position(|d| d.broken.is_none() && d.format == Format::Pdf && d.in_manifest)
    {
        let orig = docs[i].clone();
        let dup_path = orig.file.replace(".pdf", "-kopi.pdf");
        let bytes = files
            .iter()
            .find(|f| f.path == orig.file)
            .map(|f| f.bytes.clone())
            .unwrap_or_default();
        files.push(OutFile {
            path: dup_path.clone(),
            bytes,
        });
        let mut dup = orig.clone();
        dup.file = dup_path;
        dup.duplicate_of = Some(orig.file.clone());
        dup.in_manifest = false;
        docs.push(dup);
    }
    docs.sort_by(|a, b| a.file.cmp(&b.file));
    // The booklets of the years, the fictional ones written into the world as reference
    // texts (their file name as in the crate's booklet/ folder).
    let mut truth_booklets = Vec::new();
    for &year in &years {
        let bk = booklet_of(&booklets, year);
        let file = (bk.year != booklets[0].year).then(|| {
            let name = bk.path.rsplit('/').next().unwrap_or(&bk.path);
            format!("reference/{name}")
        });
        if let Some(f) = &file
            && !files.iter().any(|o| &o.path == f)
        {
            files.push(OutFile {
                path: f.clone(),
                bytes: bk.text.as_bytes().to_vec(),
            });
        }
        truth_booklets.push(TruthBooklet {
            year,
            title: bk.title.clone(),
            file,
            questions: bk.questions.clone(),
        });
    }
    let truth = build_truth(config, &world, &years, truth_booklets, docs, drafts_truth);
    files.push(OutFile {
        path: "register.csv".into(),
        bytes: world.register_csv(2026).into_bytes(),
    });
    files.push(OutFile {
        path: "manifest.csv".into(),
        bytes: manifest.into_bytes(),
    });
    let mut json = serde_json::to_string_pretty(&truth)?;
    json.push('\n');
    files.push(OutFile {
        path: "truth.json".into(),
        bytes: json.into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Sample { files, truth })
}

fn respondent(m: &Member, world: &World) -> TruthRespondent {
    let c = &world.counties[m.county];
    TruthRespondent {
        kommunenummer: m.nr.clone(),
        name: m.name.clone(),
        kind: if m.is_county() {
            "fylkeskommune"
        } else {
            "kommune"
        },
        fylkesnummer: c.nr.clone(),
        fylke: c.name.clone(),
        population: m.population,
        size_class: m.size,
    }
}

fn plan_document(
    rng: &mut Rng,
    m: &Member,
    bk: &Booklet,
    passages: &[crate::generate::LineRange],
    doc_no: usize,
    broken_slots: &mut Vec<(usize, &'static str)>,
) -> Plan {
    let format = match rng.below(100) {
        0..=71 => Format::Pdf,
        72..=83 => Format::Docx,
        84..=91 => Format::Html,
        _ => Format::Txt,
    };
    // The four broken files are the 7th, 31st, 58th and 95th documents of each year.
    for (slot, kind) in [
        (7, "scanned"),
        (31, "empty"),
        (58, "truncated"),
        (95, "not_a_zip"),
    ] {
        if doc_no == slot && !broken_slots.iter().any(|(d, _)| *d == slot) {
            broken_slots.push((slot, kind));
        }
    }
    let format = match broken_slots
        .iter()
        .find(|(d, _)| *d == doc_no)
        .map(|(_, k)| *k)
    {
        Some("scanned") | Some("truncated") => Format::Pdf,
        Some("not_a_zip") => Format::Docx,
        _ => format,
    };
    let naming = match rng.below(100) {
        0..=79 => Naming::Text,
        80..=89 => Naming::Letterhead,
        _ => Naming::Manifest,
    };
    let naming = if m.is_county() { Naming::Text } else { naming };
    let in_manifest = naming == Naming::Manifest
        || rng.chance(0.25)
        || broken_slots.iter().any(|(d, _)| *d == doc_no);
    let letter_only = rng.chance(0.1);
    let booklet = if letter_only {
        Vec::new()
    } else {
        match rng.below(100) {
            0..=29 => vec![LineRange {
                start_line: 1,
                end_line: bk.line_count(),
            }],
            30..=44 => vec![LineRange {
                start_line: bk.body,
                end_line: bk.split - 1,
            }],
            45..=54 => vec![LineRange {
                start_line: bk.split,
                end_line: bk.line_count(),
            }],
            55..=79 => {
                let k = 1 + rng.below(2) as usize;
                let mut picks: Vec<LineRange> = (0..k).map(|_| *rng.pick(passages)).collect();
                picks.sort_by_key(|r| r.start_line);
                picks.dedup_by_key(|r| r.start_line);
                picks
            }
            _ => Vec::new(),
        }
    };
    let bullet = match rng.below(10) {
        0..=5 => "•",
        6..=7 => "–",
        _ => "-",
    };
    Plan {
        format,
        naming,
        in_manifest,
        letter_only,
        protocol_first: rng.chance(0.3),
        innstilling_first: rng.chance(0.5),
        booklet,
        txt_style: rng.below(3) as u8,
        bullet,
        word_lists: rng.chance(0.6),
    }
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' => "ae".to_string(),
            'ø' => "o".to_string(),
            'å' => "a".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        })
        .collect()
}

fn file_name(rng: &mut Rng, m: &Member, plan: &Plan, year: u16, county: &str) -> String {
    let ext = plan.format.ext();
    let dir = format!("dokumenter/{}", slug(county));
    let name = if plan.naming != Naming::Text {
        // Nothing in the name tells who wrote it.
        format!("sak-{year}-{}-{}.{ext}", 1000 + rng.below(9000), hex4(rng))
    } else {
        match rng.below(4) {
            0 => format!("{}-{}-ks-debatthefte-{year}.{ext}", m.nr, slug(&m.name)),
            1 => format!("{}_uttalelse_{year}.{ext}", slug(&m.full_name())),
            2 => format!("saksframlegg-{}-{year}.{ext}", slug(&m.name)),
            _ => format!(
                "dokument-{year}-{}-{}.{ext}",
                1000 + rng.below(9000),
                hex4(rng)
            ),
        }
    };
    format!("{dir}/{name}")
}

fn hex4(rng: &mut Rng) -> String {
    format!("{:04x}", rng.below(0x10000))
}

fn truth_statement(bank: &Bank, st: &Statement, names: &Names, bk: &Booklet) -> TruthStatement {
    let title = names.fill(bank.items[st.title].text(names.lang));
    let mut section: Option<String> = None;
    // The question of the section a paragraph stands in: a theme section answers the
    // booklet's question on that theme; the introduction and the closing answer none.
    let mut question: Option<u8> = None;
    let paragraphs = st
        .paras
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let text = names.para_text(bank, p);
            if p.kind == ParaKind::Heading {
                section = Some(text.clone());
                question = p
                    .items
                    .first()
                    .and_then(|&i| bk.question_of(&bank.items[i].section));
            }
            let mut themes: Vec<&'static str> = p.tags.iter().map(|t| t.theme).collect();
            themes.dedup();
            TruthParagraph {
                n,
                kind: p.kind,
                section: if p.kind == ParaKind::Heading {
                    None
                } else {
                    section.clone()
                },
                text,
                themes,
                tags: p.tags.clone(),
                demand: p.demand,
                origin: p.origin,
                question,
            }
        })
        .collect();
    TruthStatement { title, paragraphs }
}

fn date(rng: &mut Rng, year: u16) -> String {
    format!("{:02}.{:02}.{year}", 2 + rng.below(26), 2 + rng.below(2))
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    bank: &Bank,
    rng: &mut Rng,
    m: &Member,
    plan: &Plan,
    st: &Statement,
    usage: DraftUse,
    names: &Names,
    booklet: &BookletLines,
    year: u16,
    booklet_title: &str,
) -> (Assembled, Option<String>) {
    let lang = m.lang;
    let county = m.is_county();
    let mut pieces: Vec<Piece> = Vec::new();
    let push = |pieces: &mut Vec<Piece>, seg: Seg, block: Block| pieces.push(Piece { seg, block });
    let pick = |rng: &mut Rng, section: &str, kind: ItemKind| -> String {
        let items: Vec<_> = bank
            .section(section)
            .into_iter()
            .filter(|i| i.kind == kind)
            .collect();
        names.fill(rng.pick(&items).text(lang))
    };
    let notice = if county {
        format!("{NOTICE} (fiktiv fylkeskommune)")
    } else {
        NOTICE.to_string()
    };
    let saksnr = format!("{}/{}", year % 100, 100 + rng.below(800));
    let person = |rng: &mut Rng| format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES));
    let organ = if county {
        "Fylkestinget"
    } else {
        "Kommunestyret"
    };
    let meeting = date(rng, year);
    // Letterhead.
    if plan.naming != Naming::Manifest {
        push(&mut pieces, Seg::Other, Block::heading(m.full_name()));
    }
    push(&mut pieces, Seg::Other, Block::paragraph(notice.clone()));
    let handler = person(rng);
    push(
        &mut pieces,
        Seg::Other,
        Block::verbatim(format!(
            "Arkiv: {:03}\nSaksmappe: {year}/{}\n{}: {handler}\nDato: {}",
            rng.below(999),
            100 + rng.below(900),
            lab(lang, "Saksbehandler", "Sakshandsamar"),
            date(rng, year)
        )),
    );
    let vedtak_text = {
        let mut t = pick(rng, "case.vedtak", ItemKind::Sentence);
        if rng.chance(0.15) {
            t = format!("{} {t}", pick(rng, "case.amendment", ItemKind::Sentence));
        }
        t
    };
    let protocol = |pieces: &mut Vec<Piece>, rng: &mut Rng| {
        push(
            pieces,
            Seg::Other,
            Block::heading(format!(
                "{} {organ} {meeting}",
                lab(lang, "Behandling i", "Handsaming i")
            )),
        );
        let beh = if rng.chance(0.5) {
            lab(
                lang,
                "Innstillingen ble enstemmig vedtatt.",
                "Innstillinga vart samrøystes vedteken.",
            )
        } else {
            lab(
                lang,
                "Ordføreren satte fram innstillingen. Ingen andre forslag.",
                "Ordføraren sette fram innstillinga. Ingen andre forslag.",
            )
        };
        push(pieces, Seg::Other, Block::paragraph(beh));
        push(
            pieces,
            Seg::Decision,
            Block::heading(match lang {
                Lang::Nb => format!("{organ}s vedtak"),
                Lang::Nn => format!("Vedtak i {}", organ.to_lowercase()),
            }),
        );
        push(pieces, Seg::Decision, Block::paragraph(vedtak_text.clone()));
    };
    let mut decision = None;
    if plan.letter_only {
        push(
            &mut pieces,
            Seg::Other,
            Block::paragraph(format!("{}: KS", lab(lang, "Til", "Til"))),
        );
    } else {
        if plan.protocol_first {
            protocol(&mut pieces, rng);
            decision = Some(vedtak_text.clone());
        }
        push(
            &mut pieces,
            Seg::Case,
            Block::heading(lab(lang, "Saksframlegg", "Saksframlegg")),
        );
        let (pre, body) = if county {
            ("Fylkesutvalget", "Fylkestinget")
        } else {
            ("Formannskapet", "Kommunestyret")
        };
        push(
            &mut pieces,
            Seg::Other,
            Block::verbatim(format!(
                "{}\n{pre} {saksnr} {}\n{body} {saksnr} {meeting}",
                lab(
                    lang,
                    "Utvalg  Utvalgssak  Møtedato",
                    "Utval  Utvalssak  Møtedato"
                ),
                date(rng, year)
            )),
        );
        push(
            &mut pieces,
            Seg::Case,
            Block::heading(format!("KS debatthefte {year} – {booklet_title}")),
        );
        let innstilling = |pieces: &mut Vec<Piece>, rng: &mut Rng, heading: &str| {
            push(pieces, Seg::Case, Block::heading(heading.to_string()));
            push(
                pieces,
                Seg::Case,
                Block::paragraph(pick(rng, "case.innstilling", ItemKind::Sentence)),
            );
        };
        let dir_label = if county {
            lab(
                lang,
                "Fylkesdirektørens innstilling",
                "Fylkesdirektøren si innstilling",
            )
        } else {
            lab(
                lang,
                "Kommunedirektørens innstilling",
                "Kommunedirektøren si innstilling",
            )
        };
        if plan.innstilling_first {
            innstilling(&mut pieces, rng, dir_label);
        }
        push(
            &mut pieces,
            Seg::Case,
            Block::heading(lab(lang, "Bakgrunn for saken", "Bakgrunn for saka")),
        );
        let bak: Vec<_> = bank.section("case.bakgrunn");
        let k = 2 + rng.below(3) as usize;
        let idx = rng.sample_indices(bak.len(), k);
        let sents: Vec<String> = idx.iter().map(|&i| names.fill(bak[i].text(lang))).collect();
        let cut = sents.len().div_ceil(2);
        push(
            &mut pieces,
            Seg::Case,
            Block::paragraph(sents[..cut].join(" ")),
        );
        if cut < sents.len() {
            push(
                &mut pieces,
                Seg::Case,
                Block::paragraph(sents[cut..].join(" ")),
            );
        }
        push(
            &mut pieces,
            Seg::Case,
            Block::heading(lab(lang, "Vurderinger", "Vurderingar")),
        );
        let vur = bank.section("case.vurdering");
        push(
            &mut pieces,
            Seg::Case,
            Block::paragraph(names.fill(vur[0].text(lang))),
        );
        if rng.chance(0.6) {
            push(
                &mut pieces,
                Seg::Case,
                Block::paragraph(names.fill(vur[1].text(lang))),
            );
            let basis = bank.section("case.basis");
            let k = 3 + rng.below(2) as usize;
            for i in rng.sample_indices(basis.len(), k) {
                push(
                    &mut pieces,
                    Seg::Case,
                    Block::bullet(names.fill(basis[i].text(lang))),
                );
            }
        }
        // Short quotes of the booklet inside the assessment.
        let inline = plan.booklet.iter().any(|r| r.end_line - r.start_line < 30);
        if inline {
            for r in &plan.booklet {
                push(
                    &mut pieces,
                    Seg::Case,
                    Block::paragraph(pick(rng, "case.quote_intro", ItemKind::Sentence)),
                );
                push(&mut pieces, Seg::Booklet, Block::verbatim(booklet.text(*r)));
                push(&mut pieces, Seg::Booklet, Block::space());
            }
        }
        // The last sentence of the assessment; the one about the regional draft only
        // where a draft was used.
        let last = if usage == DraftUse::Own {
            2 + rng.below(2) as usize
        } else {
            4
        };
        push(
            &mut pieces,
            Seg::Case,
            Block::paragraph(names.fill(vur[last].text(lang))),
        );
        if plan.innstilling_first {
            push(
                &mut pieces,
                Seg::Case,
                Block::heading(lab(lang, "Konklusjon", "Konklusjon")),
            );
            push(
                &mut pieces,
                Seg::Case,
                Block::paragraph(pick(rng, "case.konklusjon", ItemKind::Sentence)),
            );
        } else {
            innstilling(
                &mut pieces,
                rng,
                lab(lang, "Konklusjon og anbefaling", "Konklusjon og tilråding"),
            );
        }
        let director = person(rng);
        push(
            &mut pieces,
            Seg::Other,
            Block::verbatim(format!(
                "{director}\n{}",
                if county {
                    lab(lang, "Fylkesdirektør", "Fylkesdirektør")
                } else {
                    "Kommunedirektør"
                }
            )),
        );
        push(
            &mut pieces,
            Seg::Other,
            Block::verbatim(format!(
                "{}\n1. KS debatthefte {year} «{booklet_title}»\n2. {}",
                lab(lang, "Vedlegg", "Vedlegg"),
                lab(lang, "Forslag til uttalelse", "Forslag til uttale")
            )),
        );
        if !inline {
            for r in &plan.booklet {
                push(&mut pieces, Seg::Other, Block::page_break());
                push(&mut pieces, Seg::Booklet, Block::verbatim(booklet.text(*r)));
            }
        }
        push(&mut pieces, Seg::Other, Block::page_break());
    }
    // The statement.
    push(
        &mut pieces,
        Seg::Statement,
        Block::heading(names.fill(bank.items[st.title].text(lang))),
    );
    let numbered_lists = plan.bullet == "-" && rng.chance(0.5);
    let mut item_no = 0;
    for p in &st.paras {
        let text = names.para_text(bank, p);
        let block = match p.kind {
            ParaKind::Heading => {
                item_no = 0;
                Block::heading(text)
            }
            ParaKind::Paragraph => {
                item_no = 0;
                Block::paragraph(text)
            }
            ParaKind::Bullet => {
                item_no += 1;
                if numbered_lists {
                    Block::marked(
                        format!("{})", (b'a' + (item_no - 1) as u8 % 26) as char),
                        text,
                    )
                } else if plan.bullet == "•" {
                    Block::bullet(text)
                } else {
                    Block::marked(plan.bullet, text)
                }
            }
        };
        push(&mut pieces, Seg::Statement, block);
    }
    if plan.letter_only {
        let mayor = person(rng);
        push(
            &mut pieces,
            Seg::Other,
            Block::verbatim(format!(
                "{}\n\n{mayor}\n{}",
                lab(lang, "Med vennlig hilsen", "Med venleg helsing"),
                if county {
                    lab(lang, "fylkesordfører", "fylkesordførar")
                } else {
                    lab(lang, "ordfører", "ordførar")
                }
            )),
        );
    } else if !plan.protocol_first {
        push(&mut pieces, Seg::Other, Block::page_break());
        protocol(&mut pieces, rng);
        decision = Some(vedtak_text.clone());
    }
    let title = format!(
        "{} – KS debatthefte {year}",
        lab(lang, "Saksframlegg", "Saksframlegg")
    );
    let header = match plan.naming {
        Naming::Text => format!("{notice} · {} · {title}", m.full_name()),
        _ => format!("{notice} · {title}"),
    };
    let author = match plan.naming {
        Naming::Text => m.full_name(),
        _ => lab(lang, "Saksbehandler", "Sakshandsamar").to_string(),
    };
    (
        Assembled {
            pieces,
            header,
            title,
            author,
            lang: lang.as_str(),
            notice,
        },
        decision,
    )
}

type Written = (Vec<u8>, Option<Broken>, Format, Option<&'static str>);

fn write_format(
    rng: &mut Rng,
    doc: &Assembled,
    plan: &Plan,
    broken: Option<&'static str>,
    txt_no: &mut usize,
) -> Result<Written, Error> {
    let info = pdf::PdfInfo {
        title: Some(doc.title.clone()),
        subject: Some(doc.notice.clone()),
        ..pdf::PdfInfo::default()
    };
    match broken {
        Some("scanned") => {
            let bytes = pdf::write_scanned(3, rng.next_u64(), &info)?;
            return Ok((
                bytes,
                Some(Broken {
                    kind: "scanned",
                    reason: "scanned PDF: page images without a text layer",
                }),
                Format::Pdf,
                None,
            ));
        }
        Some("empty") => {
            return Ok((
                Vec::new(),
                Some(Broken {
                    kind: "empty",
                    reason: "empty file (0 bytes)",
                }),
                plan.format,
                None,
            ));
        }
        Some("truncated") => {
            let full = render::to_pdf(doc, rng)?;
            let cut = full.len() * 55 / 100;
            return Ok((
                full[..cut].to_vec(),
                Some(Broken {
                    kind: "truncated",
                    reason: "truncated PDF: the file stops at 55 % (no xref, no %%EOF)",
                }),
                Format::Pdf,
                None,
            ));
        }
        Some("not_a_zip") => {
            let html = format!(
                "<!DOCTYPE html><html><head><title>Feil</title></head><body><h1>Dokumentet er ikke tilgjengelig</h1>\
                 <p>{}</p></body></html>\n",
                doc.notice
            );
            return Ok((
                html.into_bytes(),
                Some(Broken {
                    kind: "not_a_zip",
                    reason: "DOCX that is not a zip archive (an HTML error page saved as .docx)",
                }),
                Format::Docx,
                None,
            ));
        }
        _ => {}
    }
    Ok(match plan.format {
        Format::Pdf => (render::to_pdf(doc, rng)?, None, Format::Pdf, None),
        Format::Docx => (
            render::to_docx(doc, plan.word_lists),
            None,
            Format::Docx,
            None,
        ),
        Format::Html => (
            render::to_html(doc, "Innsyn – politiske møter").into_bytes(),
            None,
            Format::Html,
            None,
        ),
        Format::Txt => {
            let text = if plan.txt_style == 0 {
                render::to_extracted_text(doc, rng)
            } else {
                render::to_clean_text(doc, plan.bullet)
            };
            // The first text files get the less common encodings, so each occurs at least once.
            let pick = match *txt_no {
                0 => 1,
                1 => 2,
                2 => 0,
                _ => rng.below(10),
            };
            *txt_no += 1;
            match pick {
                0 => {
                    let mut b = vec![0xEF, 0xBB, 0xBF];
                    b.extend_from_slice(text.as_bytes());
                    (b, None, Format::Txt, Some("utf-8-bom"))
                }
                1 => (
                    render::utf16le_bom(&text),
                    None,
                    Format::Txt,
                    Some("utf-16le-bom"),
                ),
                2 => (
                    pdf::winansi(&pdf::sanitize(&text))?,
                    None,
                    Format::Txt,
                    Some("windows-1252"),
                ),
                _ => (text.into_bytes(), None, Format::Txt, Some("utf-8")),
            }
        }
    })
}

fn build_truth(
    config: &Config,
    world: &World,
    years: &[u16],
    booklets: Vec<TruthBooklet>,
    documents: Vec<TruthDocument>,
    regional_drafts: Vec<TruthRegionalDraft>,
) -> Truth {
    let readable: Vec<&TruthDocument> = documents
        .iter()
        .filter(|d| d.broken.is_none() && d.duplicate_of.is_none())
        .collect();
    let raises = |d: &TruthDocument, sub: &str| {
        d.statement.as_ref().is_some_and(|s| {
            s.paragraphs
                .iter()
                .any(|q| q.tags.iter().any(|t| t.sub == Some(sub)))
        })
    };
    let share = |raising: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            (raising as f64 / n as f64 * 1000.0).round() / 1000.0
        }
    };
    let year_changes = crate::statement::YEAR_CHANGES
        .iter()
        .filter(|c| years.contains(&c.year) && years.contains(&(c.year - 1)))
        .map(|c| {
            let from_year = c.year - 1;
            let mut realised = Vec::new();
            for sc in ["liten", "mellomstor", "stor"] {
                for year in [from_year, c.year] {
                    let of: Vec<&&TruthDocument> = readable
                        .iter()
                        .filter(|d| d.year == year && d.respondent.size_class.as_str() == sc)
                        .collect();
                    let raising = of.iter().filter(|d| raises(d, c.sub)).count();
                    realised.push(RealisedYear {
                        size_class: sc,
                        year,
                        respondents: of.len(),
                        raising,
                        share: share(raising, of.len()),
                    });
                }
            }
            TruthYearChange {
                planted: *c,
                from_year,
                description: format!(
                    "{}.{}: share raising it {} from {from_year} to {} in {}",
                    c.theme,
                    c.sub,
                    c.direction,
                    c.year,
                    c.classes.join(", ")
                ),
                realised,
            }
        })
        .collect();
    let size_class_differences = PLANTED
        .iter()
        .map(|p| {
            let realised = ["liten", "mellomstor", "stor"]
                .into_iter()
                .map(|sc| {
                    let of_class: Vec<&&TruthDocument> = readable
                        .iter()
                        .filter(|d| d.respondent.size_class.as_str() == sc)
                        .collect();
                    let raising = of_class
                        .iter()
                        .filter(|d| {
                            d.statement.as_ref().is_some_and(|s| {
                                s.paragraphs
                                    .iter()
                                    .any(|q| q.tags.iter().any(|t| t.sub == Some(p.sub)))
                            })
                        })
                        .count();
                    let n = of_class.len();
                    Realised {
                        size_class: sc,
                        respondents: n,
                        raising,
                        share: if n == 0 {
                            0.0
                        } else {
                            (raising as f64 / n as f64 * 1000.0).round() / 1000.0
                        },
                    }
                })
                .collect();
            TruthDifference {
                planted: *p,
                direction: format!(
                    "{}.{}: share raising it is higher in {} than in {}",
                    p.theme, p.sub, p.higher, p.lower
                ),
                realised,
            }
        })
        .collect();
    let mut respondents: Vec<&str> = readable
        .iter()
        .map(|d| d.respondent.kommunenummer.as_str())
        .collect();
    respondents.sort_unstable();
    respondents.dedup();
    Truth {
        schema: "innspill-sample-truth/1",
        notice: NOTICE,
        seed: config.seed,
        scale: config.scale,
        years: years.to_vec(),
        booklets,
        counts: Counts {
            municipalities: world.members.iter().filter(|m| !m.is_county()).count(),
            counties: world.counties.len(),
            files: documents.len(),
            readable: readable.len(),
            broken: documents.iter().filter(|d| d.broken.is_some()).count(),
            respondents: respondents.len(),
            nynorsk: readable.iter().filter(|d| d.language == Lang::Nn).count(),
        },
        size_class_differences,
        year_changes,
        regional_drafts,
        documents,
    }
}

/// Write `sample` into `dir` (created if needed).
pub fn write_to(sample: &Sample, dir: &Path) -> Result<(), Error> {
    for f in &sample.files {
        let path: PathBuf = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, &f.bytes).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    }
    Ok(())
}
