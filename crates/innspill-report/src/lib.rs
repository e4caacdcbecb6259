//! The batch report of `innspill`: what KS' members say, per theme, size class and county,
//! in Norwegian Bokmål for KS' board and analysts.
//!
//! [`aggregate_and_write`] is the whole step from what the store holds
//! ([`ReportSources`]: documents, tags, register, themes) to the report: it builds the
//! tables with `innspill-aggregate` and calls [`write_report`], which takes the aggregate
//! [`Tables`](innspill_aggregate::Tables), the documents and their tags ([`ReportInput`])
//! and writes a folder:
//!
//! ```text
//! OUT/
//!   index.html              one self-contained page (inline CSS and SVG, no network, no
//!                           JavaScript): overview and response rates, one section per theme
//!                           with charts by size class and county, significance, quotes,
//!                           recurring demands, keyness, shared text, the respondents
//!   respondenter/ID.html    one page per respondent: the statement with the theme
//!                           evidence highlighted (also self-contained)
//!   innspill.xlsx           one sheet per table, in Norwegian, and «Om tabellene» that
//!                           explains each column and gives its machine name
//!   tables/NAME.csv         every table as CSV and Parquet
//!   tables/NAME.parquet
//! ```
//!
//! The respondents' pages are files beside `index.html` rather than sections inside it, so
//! that `index.html` stays small enough to mail and read on a board member's phone however
//! many statements there are (a few hundred statements run to several megabytes of text);
//! each page is self-contained too, and links back to the report.
//!
//! Charts are drawn with plotters' SVG backend ([`BarChart`](crate::chart)) and readable in
//! black and white: bars differ by lightness and outline, each bar carries its count and
//! share as text, and a significant difference is marked with `*`/`**`. Identical inputs
//! give byte-identical files: nothing depends on the clock, on hash order or on the
//! machine (the workbook gets a fixed creation date).
//!
//! # Example
//!
//! ```
//! use innspill_aggregate::{AggregateInput, ThemeInfo, aggregate};
//! use innspill_model::Register;
//! use innspill_norsk::Analyzer;
//! use innspill_report::{ReportInput, write_report};
//!
//! let themes = vec![ThemeInfo {
//!     id: "workforce".into(),
//!     label: "Arbeidskraft og kompetanse".into(),
//!     subs: vec![],
//! }];
//! let analyzer = Analyzer::default();
//! let register = Register::default();
//! let tables = aggregate(&AggregateInput {
//!     documents: &[],
//!     tags: &[],
//!     register: &register,
//!     themes: &themes,
//!     analyzer: &analyzer,
//! })
//! .unwrap();
//!
//! let out = tempfile::tempdir().unwrap();
//! let input = ReportInput::new(&tables, &[], &[], &themes);
//! let written = write_report(&input, out.path()).unwrap();
//! assert!(written.index.ends_with("index.html"));
//! let html = std::fs::read_to_string(&written.index).unwrap();
//! assert!(html.contains("Arbeidskraft og kompetanse"));
//! assert!(out.path().join("innspill.xlsx").exists());
//! assert!(out.path().join("tables/respondents.csv").exists());
//! ```
#![deny(missing_docs)]

mod align;
mod chart;
mod error;
mod frame;
mod html;
mod index;
mod names;
mod respondent;
mod xlsx;

pub use crate::{error::Error, index::ThemeRow, xlsx::write_workbook};

/// The report's style sheet, for other pages that should look like it (the web
/// workbench).
pub const STYLE: &str = html::CSS;

/// `&`, `<`, `>`, `"` and `'` as HTML entities: the report's escaping, for HTML built
/// in code elsewhere.
pub fn escape_html(s: &str) -> String {
    html::esc(s)
}

/// The rows of theme table `name` (`themes_by_size`, `themes_by_county` or
/// `subthemes_by_size`) of `tables`, in table order.
pub fn theme_table(tables: &Tables, name: &'static str) -> Result<Vec<ThemeRow>, Error> {
    let frames = index::Frames {
        frames: tables.iter().collect(),
    };
    index::theme_rows(frames.get(name)?)
}
/// The codebook's themes as the tables and the report need them.
pub use innspill_aggregate::ThemeInfo;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use innspill_aggregate::{AggregateInput, Tables};
use innspill_model::{
    Document, DocumentTags, IngestReport, Register, RegisterSource, ReviewSummary,
};
use innspill_norsk::Analyzer;

/// The default title of the report, followed by the year when the documents tell it.
pub const DEFAULT_TITLE: &str = "Innspill til KS' debatthefte";

/// Everything the report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The tables of [`innspill_aggregate::aggregate`].
    pub tables: &'a Tables,
    /// The documents, one page each (any order; pages are named by id).
    pub documents: &'a [Document],
    /// Their tags, matched by `doc_id`.
    pub tags: &'a [DocumentTags],
    /// The codebook's themes, in the order the report shows them.
    pub themes: &'a [ThemeInfo],
    /// The ingest report, for the inputs that could not be read. By default, none.
    pub ingest: Option<&'a IngestReport>,
    /// The report's title. By default, [`DEFAULT_TITLE`] and the most common year of the
    /// documents («Innspill til KS' debatthefte 2026»).
    pub title: Option<&'a str>,
    /// Where the register came from, stated beside the response rates. By default,
    /// nothing is said.
    pub register_source: Option<&'a RegisterSource>,
    /// What the analysts' reviews amount to (the tags given are then the effective tags):
    /// the report says how many paragraphs were reviewed and how well the tagger agrees
    /// with the reviewers. By default, none: «no paragraph reviewed».
    pub reviews: Option<&'a ReviewSummary>,
}

impl<'a> ReportInput<'a> {
    /// Input without ingest report and with the default title.
    pub fn new(
        tables: &'a Tables,
        documents: &'a [Document],
        tags: &'a [DocumentTags],
        themes: &'a [ThemeInfo],
    ) -> ReportInput<'a> {
        ReportInput {
            tables,
            documents,
            tags,
            themes,
            ingest: None,
            title: None,
            register_source: None,
            reviews: None,
        }
    }

    /// The title: the one given, or the default with the most common year.
    pub fn resolved_title(&self) -> String {
        if let Some(t) = self.title {
            return t.to_string();
        }
        let mut years: BTreeMap<u16, usize> = BTreeMap::new();
        for y in self.documents.iter().filter_map(|d| d.year) {
            *years.entry(y).or_default() += 1;
        }
        // The most common year; the latest among equals.
        match years.iter().max_by_key(|(y, n)| (**n, **y)) {
            Some((y, _)) => format!("{DEFAULT_TITLE} {y}"),
            None => DEFAULT_TITLE.to_string(),
        }
    }
}

/// Everything the report is made from before the tables exist: what the store holds.
/// [`aggregate_and_write`] makes the tables from it and writes the report.
#[derive(Debug, Clone, Copy)]
pub struct ReportSources<'a> {
    /// The documents (any order).
    pub documents: &'a [Document],
    /// Their tags, matched by `doc_id`: the effective tags when there are reviews.
    pub tags: &'a [DocumentTags],
    /// The register: response rates, and register data a document lacks.
    pub register: &'a Register,
    /// The codebook's themes, in the order the tables and the report show them.
    pub themes: &'a [ThemeInfo],
    /// The one Norwegian analyser.
    pub analyzer: &'a Analyzer,
    /// The ingest report, for the inputs that could not be read. By default, none.
    pub ingest: Option<&'a IngestReport>,
    /// The report's title. By default, [`DEFAULT_TITLE`] and the year.
    pub title: Option<&'a str>,
    /// A folder where the tables (CSV, Parquet) are also written, beside the report's own
    /// `OUT/tables/` (`innspill report` keeps them in the store). By default, none.
    pub tables_dir: Option<&'a Path>,
    /// What the reviews amount to ([`ReportInput::reviews`]). By default, none.
    pub reviews: Option<&'a ReviewSummary>,
}

impl<'a> ReportSources<'a> {
    /// Sources without ingest report, with the default title and no extra tables folder.
    pub fn new(
        documents: &'a [Document],
        tags: &'a [DocumentTags],
        register: &'a Register,
        themes: &'a [ThemeInfo],
        analyzer: &'a Analyzer,
    ) -> ReportSources<'a> {
        ReportSources {
            documents,
            tags,
            register,
            themes,
            analyzer,
            ingest: None,
            title: None,
            tables_dir: None,
            reviews: None,
        }
    }
}

/// The batch report in one step: the tables from the sources
/// ([`innspill_aggregate::aggregate`]), saved to [`ReportSources::tables_dir`] when given,
/// then [`write_report`] to `out`.
pub fn aggregate_and_write(src: &ReportSources<'_>, out: &Path) -> Result<Written, Error> {
    let tables = innspill_aggregate::aggregate(&AggregateInput {
        documents: src.documents,
        tags: src.tags,
        register: src.register,
        themes: src.themes,
        analyzer: src.analyzer,
    })
    .map_err(Error::Aggregate)?;
    if let Some(dir) = src.tables_dir {
        innspill_aggregate::write_tables(&tables, dir)?;
    }
    let mut input = ReportInput::new(&tables, src.documents, src.tags, src.themes);
    input.ingest = src.ingest;
    input.title = src.title;
    input.register_source = src.register.source.as_ref();
    input.reviews = src.reviews;
    write_report(&input, out)
}

/// What [`write_report`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// `OUT/index.html`.
    pub index: PathBuf,
    /// `OUT/respondenter/`, with one page per document.
    pub respondent_dir: PathBuf,
    /// Number of respondent pages.
    pub respondent_pages: usize,
    /// `OUT/innspill.xlsx`.
    pub workbook: PathBuf,
    /// `OUT/tables/`, with `NAME.csv` and `NAME.parquet` per table.
    pub tables_dir: PathBuf,
}

/// Render `index.html` as a string.
pub fn render_index(input: &ReportInput<'_>) -> Result<String, Error> {
    let pages: Vec<String> = input.documents.iter().map(|d| d.id.clone()).collect();
    let title = input.resolved_title();
    let codebooks = codebooks_by_year(input.documents, input.tags);
    index::render(&index::IndexInput {
        title: &title,
        frames: index::Frames {
            frames: input.tables.iter().collect(),
        },
        themes: input.themes,
        ingest: input.ingest,
        pages: &pages,
        register_source: input.register_source,
        reviews: input.reviews,
        codebooks: &codebooks,
    })
}

/// Which codebook (`name@version+hash`) tagged the documents of each year: (year, codebook,
/// documents), by year and codebook; documents without tags are not counted.
pub fn codebooks_by_year(
    documents: &[Document],
    tags: &[DocumentTags],
) -> Vec<(Option<u16>, String, usize)> {
    let by_id: HashMap<&str, &str> = tags
        .iter()
        .map(|t| (t.doc_id.as_str(), t.codebook.as_str()))
        .collect();
    let mut counts: BTreeMap<(Option<u16>, &str), usize> = BTreeMap::new();
    for d in documents {
        if let Some(cb) = by_id.get(d.id.as_str()) {
            *counts.entry((d.year, cb)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((y, cb), n)| (y, cb.to_string(), n))
        .collect()
}

/// Render the page of one respondent: its statement with the tags' evidence highlighted.
pub fn render_respondent(
    doc: &Document,
    tags: Option<&DocumentTags>,
    themes: &[ThemeInfo],
    report_title: &str,
) -> String {
    respondent::render(doc, tags, themes, report_title)
}

/// Write the whole report to `out` (created if missing): `index.html`, one page per
/// respondent in `respondenter/`, `innspill.xlsx` and `tables/`.
///
/// Respondent pages of documents no longer in the input are removed, so the folder always
/// matches the input.
pub fn write_report(input: &ReportInput<'_>, out: &Path) -> Result<Written, Error> {
    let span = tracing::debug_span!("report", documents = input.documents.len());
    let _guard = span.enter();
    let started = std::time::Instant::now();
    fs_err::create_dir_all(out)?;
    let index = out.join("index.html");
    let respondent_dir = out.join("respondenter");
    let workbook = out.join("innspill.xlsx");
    let tables_dir = out.join("tables");
    // The parts go to files of their own, so they are written side by side: the workbook
    // (one thread: rust_xlsxwriter builds and zips it in order) beside the respondent
    // pages (rendered and written in parallel), then `index.html` and the tables. Every
    // file's bytes are the same however the threads take turns.
    let (book, rest) = rayon::join(
        || write_workbook(input.tables.iter(), input.themes, &workbook),
        || -> Result<usize, Error> {
            let pages = write_pages(input, &respondent_dir)?;
            write_if_changed(&index, render_index(input)?.as_bytes())?;
            innspill_aggregate::write_tables(input.tables, &tables_dir)?;
            Ok(pages)
        },
    );
    book?;
    let pages = rest?;
    tracing::debug!(
        pages,
        ms = started.elapsed().as_secs_f64() * 1e3,
        "report written"
    );
    Ok(Written {
        index,
        respondent_dir,
        respondent_pages: pages,
        workbook,
        tables_dir,
    })
}

/// Write `bytes` to `path` unless the file already holds exactly them.
///
/// A rerun on the same input gives the same bytes, so nothing is rewritten; and
/// overwriting thousands of pages in place is what costs most on ext4, which flushes a
/// truncated file's data when it is closed.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes);
    if !same {
        fs_err::write(path, bytes)?;
    }
    Ok(())
}

/// Render and write one page per document to `dir` in parallel, and remove the pages of
/// documents no longer in the input. Returns the number of pages.
fn write_pages(input: &ReportInput<'_>, dir: &Path) -> Result<usize, Error> {
    use rayon::prelude::*;
    fs_err::create_dir_all(dir)?;
    let title = input.resolved_title();
    let tags: HashMap<&str, &DocumentTags> =
        input.tags.iter().map(|t| (t.doc_id.as_str(), t)).collect();
    let names: HashSet<String> = input
        .documents
        .par_iter()
        .map(|doc| -> Result<String, Error> {
            let t = tags.get(doc.id.as_str()).copied();
            let html = respondent::render(doc, t, input.themes, &title);
            let name = format!("{}.html", html::file_stem(&doc.id));
            write_if_changed(&dir.join(&name), html.as_bytes())?;
            Ok(name)
        })
        .collect::<Result<_, Error>>()?;
    for entry in fs_err::read_dir(dir)? {
        let path = entry?.path();
        let stale = path.extension().is_some_and(|e| e == "html")
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !names.contains(n));
        if stale {
            fs_err::remove_file(&path)?;
        }
    }
    Ok(input.documents.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use innspill_aggregate::{AggregateInput, aggregate};
    use innspill_model::{
        IngestOutcome, IngestReportEntry, Register, RegisterEntry, RespondentKind, SizeClass,
    };
    use innspill_norsk::Analyzer;

    fn register() -> Register {
        let e = |nr: &str, name: &str, pop| RegisterEntry {
            kommunenummer: nr.into(),
            name: name.into(),
            kind: RespondentKind::Kommune,
            fylkesnummer: "18".into(),
            fylke: "Nordland".into(),
            population: Some(pop),
            population_year: Some(2026),
        };
        let mut r = Register {
            thresholds: Default::default(),
            source: None,
            entries: vec![
                e("1856", "Røst", 471),
                e("1804", "Bodø", 53_712),
                e("1857", "Værøy", 700),
            ],
        };
        r.normalize();
        r
    }

    /// Two respondents: Røst (from the respondent tests) and a copy posing as Bodø.
    fn corpus() -> (Vec<Document>, Vec<DocumentTags>) {
        let (rost, rost_tags) = respondent::tests::document();
        let mut bodo = rost.clone();
        bodo.id = "1804-2026-0b0d0e".into();
        bodo.respondent.kommunenummer = Some("1804".into());
        bodo.respondent.name = Some("Bodø".into());
        bodo.respondent.population = Some(53_712);
        bodo.respondent.size_class = Some(SizeClass::Stor);
        let mut bodo_tags = rost_tags.clone();
        bodo_tags.doc_id = bodo.id.clone();
        (vec![rost, bodo], vec![rost_tags, bodo_tags])
    }

    fn write(out: &Path) -> Written {
        let (docs, tags) = corpus();
        let themes = respondent::tests::themes();
        let analyzer = Analyzer::default();
        let register = register();
        let tables = aggregate(&AggregateInput {
            documents: &docs,
            tags: &tags,
            register: &register,
            themes: &themes,
            analyzer: &analyzer,
        })
        .unwrap();
        let ingest = IngestReport {
            inputs: vec![
                IngestReportEntry {
                    path: "innspill/README.md".into(),
                    outcome: IngestOutcome::Skipped,
                    doc_id: None,
                    sha256: None,
                    reason: Some("not a statement format (.md)".into()),
                    warnings: vec![],
                    duplicate_of: None,
                },
                IngestReportEntry {
                    path: "innspill/skadet <fil>.pdf".into(),
                    outcome: IngestOutcome::Failed,
                    doc_id: None,
                    sha256: None,
                    reason: Some("no text layer".into()),
                    warnings: vec![],
                    duplicate_of: None,
                },
            ],
        };
        let mut input = ReportInput::new(&tables, &docs, &tags, &themes);
        input.ingest = Some(&ingest);
        write_report(&input, out).unwrap()
    }

    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let bytes = std::fs::read(&p).unwrap();
                    out.push((p.strip_prefix(dir).unwrap().to_path_buf(), bytes));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn identical_inputs_give_byte_identical_reports() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write(a.path());
        std::thread::sleep(std::time::Duration::from_millis(1100));
        write(b.path());
        let (fa, fb) = (files(a.path()), files(b.path()));
        let names: Vec<_> = fa
            .iter()
            .map(|(p, _)| p.to_string_lossy().into_owned())
            .collect();
        for want in [
            "index.html",
            "innspill.xlsx",
            "respondenter/1856-2026-9f2c1a.html",
            "respondenter/1804-2026-0b0d0e.html",
            "tables/themes_by_size.csv",
            "tables/themes_by_size.parquet",
        ] {
            assert!(
                names.iter().any(|n| n == want),
                "missing {want} in {names:?}"
            );
        }
        assert_eq!(fa.len(), fb.len());
        for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
            assert_eq!(pa, pb);
            assert!(ba == bb, "{} differs between two runs", pa.display());
        }
    }

    /// Every table and column the aggregate step writes has a Norwegian name and an
    /// explanation for the workbook: a new column fails here until it gets one in
    /// `names.rs`.
    #[test]
    fn every_table_and_column_has_a_norwegian_name() {
        let (docs, tags) = corpus();
        let themes = respondent::tests::themes();
        let analyzer = Analyzer::default();
        let tables = aggregate(&AggregateInput {
            documents: &docs,
            tags: &tags,
            register: &register(),
            themes: &themes,
            analyzer: &analyzer,
        })
        .unwrap();
        let listed: Vec<&str> = names::TABLES.iter().map(|t| t.machine).collect();
        assert_eq!(listed, innspill_aggregate::TABLE_NAMES);
        for (name, df) in tables.iter() {
            let t = names::table(name).unwrap();
            for col in df.columns() {
                assert!(
                    t.column(col.name()).is_some(),
                    "table {name}: column {} has no Norwegian name\nhelp: add it to TABLES in names.rs",
                    col.name()
                );
            }
        }
    }

    #[test]
    fn index_has_every_section_and_no_external_resource() {
        let out = tempfile::tempdir().unwrap();
        let w = write(out.path());
        assert_eq!(w.respondent_pages, 2);
        let html = std::fs::read_to_string(&w.index).unwrap();
        for needle in [
            "<h1>Innspill til KS&#39; debatthefte 2026</h1>",
            "id=\"oversikt\"",
            "id=\"tema-workforce\"",
            "id=\"tema-preparedness\"",
            "Arbeidskraft og kompetanse etter størrelse",
            "etter fylke",
            "Svarprosent etter størrelse",
            "id=\"krav\"",
            "id=\"saerpreg\"",
            "id=\"felles-tekst\"",
            "href=\"respondenter/1856-2026-9f2c1a.html\">Røst kommune</a>",
            "innspill/skadet &lt;fil&gt;.pdf",
            // A skipped file is not an input: one input, one failed, one skipped.
            "<li><b>1</b>innleste filer, 1 feilet (1 annen fil hoppet over, se ingest-report.json)</li>",
            "Fishers eksakte test",
            "<svg",
            // The register holds three municipalities: the report says so.
            "Registeret er ufullstendig:</b> det har bare 3 av landets 357 kommuner (2026)",
            "<code>innspill register import FILER…</code>",
            // The small-cell rule is stated.
            "«få» betyr færre enn 10 respondenter i gruppen",
        ] {
            assert!(html.contains(needle), "index.html lacks {needle:?}");
        }
        for bad in ["http://", "https://", "<script", "src="] {
            let hits = html.matches(bad).count();
            let allowed = if bad == "http://" {
                html.matches("http://www.w3.org/2000/svg").count()
            } else {
                0
            };
            assert_eq!(hits, allowed, "index.html refers to {bad:?}");
        }
    }

    #[test]
    fn two_years_get_the_year_over_year_view_with_the_codebook_of_each_year() {
        let (docs, tags) = corpus();
        let themes = respondent::tests::themes();
        let analyzer = Analyzer::default();
        let register = register();
        let one_year = |docs: &[Document], tags: &[DocumentTags]| {
            let tables = aggregate(&AggregateInput {
                documents: docs,
                tags,
                register: &register,
                themes: &themes,
                analyzer: &analyzer,
            })
            .unwrap();
            render_index(&ReportInput::new(&tables, docs, tags, &themes)).unwrap()
        };
        let html = one_year(&docs, &tags);
        assert!(!html.contains("aar-til-aar"), "one year: no view");
        assert!(html.contains("<h3>Typiske sitater</h3>"));
        // The same two respondents a year later, tagged with nothing by another codebook.
        let (mut docs2, mut tags2) = (docs.clone(), tags.clone());
        for (d, t) in docs.iter().zip(&tags) {
            let mut d = d.clone();
            d.id = d.id.replace("2026", "2027");
            d.year = Some(2027);
            let mut t = t.clone();
            t.doc_id = d.id.clone();
            t.codebook = "default@2+0badc0de".into();
            t.paragraphs.clear();
            docs2.push(d);
            tags2.push(t);
        }
        let html = one_year(&docs2, &tags2);
        for needle in [
            "<li><a href=\"#aar-til-aar\">Fra år til år</a></li>",
            "<section id=\"aar-til-aar\">",
            "<h3>2026 mot 2027</h3>",
            "2026: kodebok <code>default@1</code> (2 dokumenter); 2027: kodebok <code>default@2+0badc0de</code> (2 dokumenter)",
            "Årene er merket med ulike kodebøker",
            "Tema år mot år",
            "−100\u{A0}pp",
            "viser bare det siste året",
            "Temadelene under viser 2027, det siste året i lageret.",
            "svarprosent 2027 (",
            "Svarprosent etter størrelse, 2027",
            "Tallene under gjelder 2027, det siste året i lageret. Dokumenter per år: 2026: 2, 2027: 2.",
            "<li><b>2</b>respondenter</li>",
            "<p class=\"lead\">2027: 0 av 2 respondenter (0\u{A0}%) tar opp temaet.</p>",
        ] {
            assert!(html.contains(needle), "index.html lacks {needle:?}");
        }
        // The sections show 2027 only, which has no quotes: 2026's are not shown under it.
        assert!(!html.contains("<h3>Typiske sitater</h3>"));
        assert_eq!(
            codebooks_by_year(&docs2, &tags2),
            vec![
                (Some(2026), "default@1".to_string(), 2),
                (Some(2027), "default@2+0badc0de".to_string(), 2)
            ]
        );
    }

    /// Writes the example report to `$INNSPILL_REPORT_PREVIEW` to look at in a browser.
    #[test]
    #[ignore = "writes a preview report for a person to look at"]
    fn preview() {
        let dir = std::env::var("INNSPILL_REPORT_PREVIEW").unwrap();
        write(Path::new(&dir));
    }

    #[test]
    fn stale_respondent_pages_are_removed() {
        let out = tempfile::tempdir().unwrap();
        let stale = out.path().join("respondenter/0000-2025-aaaaaa.html");
        std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
        std::fs::write(&stale, "old").unwrap();
        write(out.path());
        assert!(!stale.exists());
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.html");
        write_if_changed(&f, b"samme").unwrap();
        // Back-date the file: a rewrite would give it the current time.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
        let mtime = || std::fs::metadata(&f).unwrap().modified().unwrap();
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_if_changed(&f, b"samme").unwrap();
        assert_eq!(mtime(), old, "the same bytes were written again");
        write_if_changed(&f, b"annet").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"annet");
        assert_ne!(mtime(), old);
        write_if_changed(&f, b"annen lengde").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"annen lengde");
    }

    #[test]
    fn title_takes_the_most_common_year() {
        let (mut docs, _) = corpus();
        let tables = Tables::default();
        let themes = respondent::tests::themes();
        let input = ReportInput::new(&tables, &docs, &[], &themes);
        assert_eq!(input.resolved_title(), "Innspill til KS' debatthefte 2026");
        docs[0].year = None;
        docs[1].year = None;
        let mut input = ReportInput::new(&tables, &docs, &[], &themes);
        assert_eq!(input.resolved_title(), DEFAULT_TITLE);
        input.title = Some("Styresak");
        assert_eq!(input.resolved_title(), "Styresak");
    }
}
