//! The tables of `innspill`: what the respondents say per theme, by size class and county,
//! with the statistics to tell a difference from noise.
//!
//! [`aggregate`] takes the documents, their theme tags, the register and the codebook's
//! themes ([`AggregateInput`]) and returns [`Tables`], a fixed, ordered set of polars
//! [`DataFrame`](polars::prelude::DataFrame)s (see [`TABLE_NAMES`]); [`write_tables`]
//! writes each as CSV and Parquet. Only statement and decision segments count as a
//! respondent's words: case text and quoted booklet text never do.
//!
//! - `respondents`: one row per document with register data, language, statement length,
//!   themes raised, the share of statement text per theme, `own_text_share` (text
//!   beyond shared passages) and `draft` (the shared-text draft it adopted, if any).
//! - `themes_by_size`, `themes_by_county`, `subthemes_by_size`, per booklet `year` (a
//!   respondent that answered two years counts once in each; documents of no known year
//!   form a null year; nothing is pooled across years): respondents, raising,
//!   share, population-weighted share, lift against all respondents, Fisher's exact
//!   two-sided p-value of the group against the rest, Benjamini–Hochberg q-value across the
//!   year's rows of the table, and `small_cell` — flagged, never hidden (see [`SMALL_GROUP`]). A last row per
//!   theme, group `alle`, holds all members (municipalities, county authorities and
//!   unknown senders). KS' own regional bodies (kind `ks_region`) are never counted in a
//!   size class, a county or `alle`: they form the group `ks_region`, tested against all
//!   members.
//! - `response_rate`: answered / in the register, by size class, county and kind
//!   (`kommune`, `fylkeskommune`), and for the whole register (`alle`); KS' regions are
//!   not in the register and not counted here. The register may
//!   be partial (the embedded one holds only the seed's municipality): compare the
//!   municipalities in it with [`MUNICIPALITIES_2026`].
//! - `keyness`: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi
//!   and Quinn 2008) of the analyser's keys and key bigrams, by size class and county.
//! - `shared_text`: clusters of near-identical paragraphs across respondents (MinHash +
//!   LSH over word shingles, verified by Jaccard), grouped into drafts.
//! - `demands`: every extracted demand, recurring ones grouped.
//! - `quotes`: the most representative paragraphs per theme × size class × year.
//!
//! Identical input gives identical tables, and [`write_tables`] identical bytes.
//!
//! # Example
//!
//! ```
//! use innspill_aggregate::{AggregateInput, ThemeInfo, aggregate, write_tables};
//! use innspill_model::Register;
//! use innspill_norsk::Analyzer;
//!
//! let themes = vec![ThemeInfo {
//!     id: "workforce".into(),
//!     label: "Arbeidskraft og kompetanse".into(),
//!     subs: vec![("recruitment".into(), "Rekruttering".into())],
//! }];
//! let analyzer = Analyzer::default();
//! let register = Register::default();
//! let input = AggregateInput {
//!     documents: &[],
//!     tags: &[],
//!     register: &register,
//!     themes: &themes,
//!     analyzer: &analyzer,
//! };
//! let tables = aggregate(&input).unwrap();
//! assert_eq!(tables.get("respondents").unwrap().height(), 0);
//! let names: Vec<&str> = tables.iter().map(|(n, _)| n).collect();
//! assert_eq!(names[0], "respondents");
//!
//! let dir = tempfile::tempdir().unwrap();
//! write_tables(&tables, dir.path()).unwrap();
//! assert!(dir.path().join("themes_by_size.parquet").exists());
//! ```
#![deny(missing_docs)]

mod demands;
mod error;
mod frame;
mod hash;
mod keyness;
mod minhash;
mod prep;
mod quotes;
mod response;
mod shared;
mod stats;
mod tables;
#[cfg(test)]
extern crate self as innspill_aggregate;
#[cfg(test)]
#[path = "../tests/it/sample_world.rs"]
#[allow(dead_code)]
mod sample_world;
#[cfg(test)]
mod testutil;
mod themes;

pub use crate::{
    error::Error,
    tables::{TABLE_NAMES, Tables, write_tables},
};

use innspill_model::{Document, DocumentTags, Register};
use innspill_norsk::Analyzer;
use polars::prelude::DataFrame;

/// A cell of a theme table is flagged `small_cell` when its group has fewer respondents
/// than this: then one respondent more or less moves the share by 10 percentage points or
/// more, so the share rests on few respondents and a difference is uncertain however the
/// test comes out.
///
/// The flag is about the group, not the test: Fisher's exact test (the `test` column)
/// holds at any count, so the chi-square rule of thumb (every expected count at least 5)
/// does not apply. That rule flagged nearly every theme-level cell, since when 99 % raise
/// a theme, the expected count of those who do not is below 5 in any group.
pub const SMALL_GROUP: u64 = 10;

/// Number of municipalities (kommuner) in Norway in 2026, for telling a partial register
/// from a full one: 357 since the splits of 1 January 2024 (Statistics Norway's Klass
/// 131). Update it when municipalities merge or split.
pub const MUNICIPALITIES_2026: u64 = 357;

/// A theme of the codebook, as the tables need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeInfo {
    /// Theme id (`workforce`).
    pub id: String,
    /// Norwegian label (`Arbeidskraft og kompetanse`).
    pub label: String,
    /// Sub-themes as `(id, label)`, in codebook order.
    pub subs: Vec<(String, String)>,
}

/// Everything [`aggregate`] reads.
#[derive(Debug, Clone, Copy)]
pub struct AggregateInput<'a> {
    /// The ingested documents (any order; tables are sorted).
    pub documents: &'a [Document],
    /// The tags, matched to documents by `doc_id` (a document without tags has none).
    pub tags: &'a [DocumentTags],
    /// The register: response rates, and register data missing from a document.
    pub register: &'a Register,
    /// The codebook's themes, in the order tables list them.
    pub themes: &'a [ThemeInfo],
    /// The one Norwegian analyser.
    pub analyzer: &'a Analyzer,
}

/// Settings of the keyness table.
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessOptions {
    /// Strength of the informative prior: each feature's prior count is this times its
    /// pooled count over all groups (so `alpha_0` is this times all pooled counts). Larger
    /// values shrink rare words harder. By default, 0.1.
    pub prior_scale: f64,
    /// A feature must occur this often in the group. By default, 3.
    pub min_count: u64,
    /// Only features with at least this z-score are listed. By default, 1.96.
    pub min_z: f64,
    /// At most this many features per group. By default, 15.
    pub per_group: usize,
}

impl Default for KeynessOptions {
    fn default() -> Self {
        KeynessOptions {
            prior_scale: 0.1,
            min_count: 3,
            min_z: 1.96,
            per_group: 15,
        }
    }
}

/// Settings of shared-text detection.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedOptions {
    /// Paragraphs with fewer words are not compared. By default, 8.
    pub min_tokens: usize,
    /// Words per shingle. By default, 3.
    pub shingle: usize,
    /// Minimum Jaccard similarity of shingle sets to join two paragraphs, and of
    /// paragraph-cluster sets to join two documents into one draft. By default, 0.5.
    pub threshold: f64,
    /// A document takes part in draft detection only with at least this many comparable
    /// paragraphs. By default, 4.
    pub min_draft_paragraphs: usize,
}

impl Default for SharedOptions {
    fn default() -> Self {
        SharedOptions {
            min_tokens: 8,
            shingle: 3,
            threshold: 0.5,
            min_draft_paragraphs: 4,
        }
    }
}

/// All settings of [`aggregate_with`].
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateOptions {
    /// Keyness settings.
    pub keyness: KeynessOptions,
    /// Shared-text settings.
    pub shared: SharedOptions,
    /// Quotes per theme × size class. By default, 3.
    pub quotes_per_cell: usize,
}

impl Default for AggregateOptions {
    fn default() -> Self {
        AggregateOptions {
            keyness: KeynessOptions::default(),
            shared: SharedOptions::default(),
            quotes_per_cell: 3,
        }
    }
}

/// Build every table with the default settings.
pub fn aggregate(input: &AggregateInput<'_>) -> Result<Tables, Error> {
    aggregate_with(input, &AggregateOptions::default())
}

/// Build every table.
///
/// The text is analysed once, in parallel; then the tables that need the shared-text
/// clusters (`shared_text`, `respondents`, `quotes`) are built beside the others
/// (`keyness`, `demands`, the theme tables, `response_rate`). Each table is built by one
/// function of the same input, so the result does not depend on how the threads take
/// turns.
pub fn aggregate_with(input: &AggregateInput<'_>, opt: &AggregateOptions) -> Result<Tables, Error> {
    let span = tracing::debug_span!("aggregate", documents = input.documents.len());
    let _guard = span.enter();
    let c = timed("analyse", || {
        prep::Corpus::build(
            input.documents,
            input.tags,
            input.register,
            Some(input.analyzer),
        )
    });
    let (shared, (counts, words)) = rayon::join(
        || -> Result<[(&'static str, DataFrame); 3], Error> {
            let shared = timed("shared_text", || shared::shared_text(&c, &opt.shared))?;
            let respondents = timed("respondents", || {
                themes::respondents(
                    &c,
                    input.themes,
                    &shared.own_text_share,
                    &shared.draft_of_doc,
                )
            })?;
            let quotes = timed("quotes", || {
                quotes::quotes(&c, input.themes, &shared.cluster_of, opt.quotes_per_cell)
            })?;
            Ok([
                ("respondents", respondents),
                ("quotes", quotes),
                ("shared_text", shared.table),
            ])
        },
        || {
            rayon::join(
                || timed("themes", || count_tables(&c, input)),
                || -> Result<[(&'static str, DataFrame); 2], Error> {
                    Ok([
                        (
                            "keyness",
                            timed("keyness", || keyness::keyness(&c, &opt.keyness))?,
                        ),
                        (
                            "demands",
                            timed("demands", || demands::demands(&c, input.analyzer))?,
                        ),
                    ])
                },
            )
        },
    );
    let mut t = Tables::default();
    for (name, df) in shared?.into_iter().chain(counts?).chain(words?) {
        t.push(name, df);
    }
    if let Some(by_year) = timed("themes_by_year", || themes::year_table(&c, input.themes))? {
        t.push("themes_by_year", by_year);
    }
    Ok(t)
}

/// The tables that only count tags — `response_rate`, `themes_by_size`,
/// `themes_by_county`, `subthemes_by_size`, and `themes_by_year` when the documents answer
/// two or more booklet years — each the same as [`aggregate`] builds, without analysing
/// any text: for a view that must follow a changed tag at once (the web workbench after a
/// review). The analyser in `input` is not used.
pub fn theme_tables(input: &AggregateInput<'_>) -> Result<Tables, Error> {
    let c = prep::Corpus::build(input.documents, input.tags, input.register, None);
    // On rayon's threads, as in `aggregate`: polars must not block a caller's async
    // runtime thread.
    let (counts, by_year) = rayon::join(
        || count_tables(&c, input),
        || themes::year_table(&c, input.themes),
    );
    let mut t = Tables::default();
    for (name, df) in counts? {
        t.push(name, df);
    }
    if let Some(by_year) = by_year? {
        t.push("themes_by_year", by_year);
    }
    Ok(t)
}

/// Response rate and the theme tables by size class and county.
fn count_tables(
    c: &prep::Corpus<'_>,
    input: &AggregateInput<'_>,
) -> Result<[(&'static str, DataFrame); 4], Error> {
    use themes::Dimension::{Fylke, Size};
    let table = |dim, subs, name| themes::theme_table(c, input.themes, dim, subs, name);
    Ok([
        ("response_rate", response::response_rate(c, input.register)?),
        ("themes_by_size", table(Size, false, "themes_by_size")?),
        ("themes_by_county", table(Fylke, false, "themes_by_county")?),
        ("subthemes_by_size", table(Size, true, "subthemes_by_size")?),
    ])
}

/// Run one stage and log its time (the stages run side by side, so each is timed alone).
fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    let clock = std::time::Instant::now();
    let out = f();
    tracing::debug!(
        stage,
        ms = clock.elapsed().as_secs_f64() * 1e3,
        "aggregate stage done"
    );
    out
}

#[cfg(test)]
mod tests {
    use innspill_model::{Addressee, SegmentKind};

    use super::*;
    use crate::testutil::*;

    const BOOKLET: &str = "Kommunesektoren trenger arbeidskraft, arbeidskraft og atter \
                           arbeidskraft i hele landet, sier debattheftet.";

    fn input_with<'a>(
        docs: &'a [Document],
        tags: &'a [DocumentTags],
        register: &'a Register,
        themes: &'a [ThemeInfo],
        analyzer: &'a Analyzer,
    ) -> AggregateInput<'a> {
        AggregateInput {
            documents: docs,
            tags,
            register,
            themes,
            analyzer,
        }
    }

    /// 12 small municipalities that all raise workforce (half with the sub-theme
    /// recruitment), 12 large that raise preparedness only.
    fn world() -> (Vec<Document>, Vec<DocumentTags>, Register) {
        let mut docs = Vec::new();
        let mut tags = Vec::new();
        let mut reg = Vec::new();
        for i in 0..24u32 {
            let small = i < 12;
            let nr = format!("{}{:02}", if i % 2 == 0 { "11" } else { "46" }, i);
            let name = format!("Kommune{i}");
            let fylke = if i % 2 == 0 { "Rogaland" } else { "Vestland" };
            let pop = if small { 1_000 } else { 30_000 };
            let statement: &[&str] = if small {
                &[
                    "Vi mangler sykepleiere og trenger bredbånd i distriktet. Rekruttering av \
                   fagfolk til små kommuner er krevende og bredbånd er avgjørende.",
                ]
            } else {
                &[
                    "Beredskapen må styrkes, og kollektivtransport i byene må bygges ut. \
                   Kollektivtransport og beredskap henger sammen for store kommuner.",
                ]
            };
            let d = doc(
                &nr,
                &name,
                fylke,
                pop,
                &[
                    (SegmentKind::Booklet, &[BOOKLET]),
                    (SegmentKind::Statement, statement),
                ],
            );
            // The booklet paragraph (n = 0) is tagged too: it must not count.
            let booklet_tag = (0, vec![tag("workforce", None, 5.0)], vec![]);
            let own = if small {
                let mut t = vec![tag("workforce", None, 2.0)];
                if i % 2 == 0 {
                    t.push(tag("workforce", Some("recruitment"), 1.0));
                }
                (1, t, vec![])
            } else {
                (1, vec![tag("preparedness", None, 1.5)], vec![])
            };
            tags.push(tags_for(&d, vec![booklet_tag, own]));
            reg.push((nr, name, fylke.to_string(), pop));
            docs.push(d);
        }
        // Two municipalities in the register that did not answer.
        reg.push(("1199".into(), "Stille".into(), "Rogaland".into(), 800));
        reg.push(("4699".into(), "Taus".into(), "Vestland".into(), 50_000));
        let reg: Vec<(&str, &str, &str, u64)> = reg
            .iter()
            .map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), *d))
            .collect();
        (docs, tags, register(&reg))
    }

    fn tags_for(
        d: &Document,
        paras: Vec<(u32, Vec<innspill_model::Tag>, Vec<innspill_model::Demand>)>,
    ) -> DocumentTags {
        testutil::tags(d, paras)
    }

    fn run(docs: &[Document], tags: &[DocumentTags], reg: &Register) -> Tables {
        let themes = themes();
        let analyzer = Analyzer::default();
        aggregate(&input_with(docs, tags, reg, &themes, &analyzer)).unwrap()
    }

    #[test]
    fn booklet_text_is_never_the_respondents() {
        let (docs, tags, reg) = world();
        let t = run(&docs, &tags, &reg);
        let r = t.get("respondents").unwrap();
        let themes = strs(r, "themes");
        let chars = u64s(r, "statement_chars");
        let sizes = strs(r, "size_class");
        for i in 0..r.height() {
            // Large municipalities raise preparedness only, although their booklet
            // paragraph carries a workforce tag.
            if sizes[i].as_deref() == Some("stor") {
                assert_eq!(themes[i].as_deref(), Some("preparedness"));
            }
            assert!(chars[i].unwrap() < 200, "booklet counted: {:?}", chars[i]);
        }
        // The booklet's «arbeidskraft» (3 × 24 times) is no key word of anyone.
        let k = t.get("keyness").unwrap();
        assert!(k.height() > 0);
        assert!(
            !strs(k, "key")
                .iter()
                .any(|k| k.as_deref() == Some("arbeidskraft"))
        );
    }

    /// `docs` and `tags`, and each document again (id with `-2`) in year `year(k)` of
    /// document `k`, tagged with nothing.
    fn again_raising_nothing(
        docs: &[Document],
        tags: &[DocumentTags],
        year: impl Fn(usize) -> Option<u16>,
    ) -> (Vec<Document>, Vec<DocumentTags>) {
        let (mut all, mut all_tags) = (docs.to_vec(), tags.to_vec());
        for (k, d) in docs.iter().enumerate() {
            let mut d2 = d.clone();
            d2.year = year(k);
            d2.id = format!("{}-2", d.id);
            all_tags.push(DocumentTags {
                doc_id: d2.id.clone(),
                sha256: d2.source.sha256.clone(),
                codebook: tags[0].codebook.clone(),
                paragraphs: Vec::new(),
            });
            all.push(d2);
        }
        (all, all_tags)
    }

    #[test]
    fn a_second_year_gives_the_year_over_year_table() {
        let (docs, tags, reg) = world();
        assert!(run(&docs, &tags, &reg).get("themes_by_year").is_none());
        // The same respondents a year later, raising nothing.
        let (all, all_tags) = again_raising_nothing(&docs, &tags, |_| Some(2027));
        let t = run(&all, &all_tags, &reg);
        let df = t.get("themes_by_year").unwrap();
        let (g, th, sub) = (strs(df, "group"), strs(df, "theme"), strs(df, "sub"));
        let i = (0..df.height())
            .find(|&i| {
                g[i].as_deref() == Some("alle")
                    && th[i].as_deref() == Some("preparedness")
                    && sub[i].is_none()
            })
            .expect("a row alle × preparedness");
        let (from, to, change) = (
            f64s(df, "share_from"),
            f64s(df, "share_to"),
            f64s(df, "change"),
        );
        assert!(from[i].unwrap() > 0.0);
        assert_eq!(to[i], Some(0.0));
        assert!(change[i].unwrap() < 0.0);
        assert_eq!(u64s(df, "year_from")[i], Some(2026));
        assert_eq!(u64s(df, "year_to")[i], Some(2027));
        let (p, q) = (f64s(df, "p"), f64s(df, "q"));
        assert!(p[i].unwrap() <= q[i].unwrap() && q[i].unwrap() <= 1.0);
    }

    #[test]
    fn theme_tables_count_each_year_apart() {
        let (docs, tags, reg) = world();
        let one = run(&docs, &tags, &reg);
        // The same respondents a year later, raising nothing, and one document with no year.
        let (all, all_tags) =
            again_raising_nothing(&docs, &tags, |k| if k == 0 { None } else { Some(2027) });
        let two = run(&all, &all_tags, &reg);
        for name in ["themes_by_size", "themes_by_county", "subthemes_by_size"] {
            let a = one.get(name).unwrap();
            let b = two.get(name).unwrap();
            let years = u64s(b, "year");
            // The unknown year first, then the years in order.
            assert_eq!(years.first(), Some(&None), "{name}");
            assert_eq!(years.last(), Some(&Some(2027)), "{name}");
            // The 2026 rows are the single year's table, cell for cell.
            let rows: Vec<usize> = (0..b.height())
                .filter(|&i| years[i] == Some(2026))
                .collect();
            let idx = polars::prelude::IdxCa::from_vec(
                "i".into(),
                rows.iter()
                    .map(|&i| i as polars::prelude::IdxSize)
                    .collect(),
            );
            let b26 = b.take(&idx).unwrap();
            assert!(a.equals_missing(&b26), "{name}: 2026 differs\n{a}\n{b26}");
            assert!(u64s(a, "year").iter().all(|y| *y == Some(2026)));
        }
        // Each respondent counts once in each year: 24 in 2026, 23 in 2027, 1 unknown.
        let df = two.get("themes_by_size").unwrap();
        let (y, g, th) = (u64s(df, "year"), strs(df, "group"), strs(df, "theme"));
        let (resp, rais) = (u64s(df, "respondents"), u64s(df, "raising"));
        let cell = |year: Option<u64>, group: &str| {
            let i = (0..df.height())
                .find(|&i| {
                    y[i] == year
                        && g[i].as_deref() == Some(group)
                        && th[i].as_deref() == Some("workforce")
                })
                .unwrap_or_else(|| panic!("no row {year:?} {group}"));
            (resp[i].unwrap(), rais[i].unwrap())
        };
        assert_eq!(cell(Some(2026), "alle"), (24, 12));
        assert_eq!(cell(Some(2026), "liten"), (12, 12));
        assert_eq!(cell(Some(2027), "alle"), (23, 0));
        assert_eq!(cell(Some(2027), "liten"), (11, 0));
        assert_eq!(cell(None, "alle"), (1, 0));
    }

    #[test]
    fn theme_tables_alone_equal_those_of_the_full_aggregate() {
        let (docs, tags, reg) = world();
        let mut all = docs.clone();
        let mut all_tags = tags.clone();
        // A second year with half the tags, so the year-over-year table is there too.
        for (d, t) in docs.iter().zip(&tags).step_by(2) {
            let mut d2 = d.clone();
            d2.year = Some(2027);
            d2.id = format!("{}-2027", d.id);
            let mut t2 = t.clone();
            t2.doc_id = d2.id.clone();
            all_tags.push(t2);
            all.push(d2);
        }
        let themes = themes();
        let analyzer = Analyzer::default();
        let input = input_with(&all, &all_tags, &reg, &themes, &analyzer);
        let full = aggregate(&input).unwrap();
        let alone = theme_tables(&input).unwrap();
        let names: Vec<&str> = alone.iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "response_rate",
                "themes_by_size",
                "themes_by_county",
                "subthemes_by_size",
                "themes_by_year"
            ]
        );
        for (name, df) in alone.iter() {
            assert!(df.height() > 0, "{name} is empty");
            assert!(full.get(name).unwrap().equals_missing(df), "{name} differs");
        }
    }

    #[test]
    fn theme_table_counts_tests_and_flags() {
        let (docs, tags, reg) = world();
        let t = run(&docs, &tags, &reg);
        let df = t.get("themes_by_size").unwrap();
        let g = strs(df, "group");
        let th = strs(df, "theme");
        let row = |group: &str, theme: &str| {
            (0..df.height())
                .find(|&i| g[i].as_deref() == Some(group) && th[i].as_deref() == Some(theme))
                .unwrap_or_else(|| panic!("no row {group} × {theme}"))
        };
        let (resp, rais) = (u64s(df, "respondents"), u64s(df, "raising"));
        let (share, lift, p, q) = (
            f64s(df, "share"),
            f64s(df, "lift"),
            f64s(df, "p_value"),
            f64s(df, "q_value"),
        );
        let pop = f64s(df, "pop_weighted_share");
        let small = bools(df, "small_cell");
        let test = strs(df, "test");
        let i = row("liten", "workforce");
        assert_eq!((resp[i], rais[i]), (Some(12), Some(12)));
        assert_eq!(share[i], Some(1.0));
        assert_eq!(lift[i], Some(2.0));
        // Fisher on [[12, 0], [0, 12]]: 2 / C(24, 12).
        let want = 2.0 / 2_704_156.0;
        assert!((p[i].unwrap() - want).abs() < 1e-15, "{:?}", p[i]);
        assert!(q[i].unwrap() >= p[i].unwrap());
        assert_eq!(small[i], Some(false));
        assert_eq!(test[i].as_deref(), Some(themes::FISHER));
        let j = row("stor", "workforce");
        assert_eq!(rais[j], Some(0));
        assert_eq!(lift[j], Some(0.0));
        let a = row(themes::ALL_GROUP, "workforce");
        assert_eq!((resp[a], rais[a]), (Some(24), Some(12)));
        assert_eq!(p[a], None);
        assert_eq!(test[a], None);
        let want_pop = 12_000.0 / (12_000.0 + 360_000.0);
        assert!((pop[a].unwrap() - want_pop).abs() < 1e-12);
        // Sub-themes: half the small ones raise recruitment; 6 of 12 in a group of 12 has
        // expected counts of 3, but Fisher's test holds at any count and the group is not
        // small: not flagged.
        let s = t.get("subthemes_by_size").unwrap();
        let (sg, ss, sr) = (strs(s, "group"), strs(s, "sub"), u64s(s, "raising"));
        let k = (0..s.height())
            .find(|&i| sg[i].as_deref() == Some("liten") && ss[i].as_deref() == Some("recruitment"))
            .unwrap();
        assert_eq!(sr[k], Some(6));
        assert_eq!(bools(s, "small_cell")[k], Some(false));
        // By county: 6 + 6 in each of two counties; no difference, p = 1.
        let c = t.get("themes_by_county").unwrap();
        let cp = f64s(c, "p_value");
        assert!(
            cp.iter().flatten().all(|&p| (p - 1.0).abs() < 1e-9),
            "{cp:?}"
        );
    }

    #[test]
    fn small_groups_are_flagged_whatever_the_expected_counts() {
        // 12 small municipalities and 3 large ones: the large group is small.
        let (docs, tags, reg) = world();
        let t = run(&docs[..15], &tags[..15], &reg);
        for name in ["themes_by_size", "subthemes_by_size"] {
            let df = t.get(name).unwrap();
            let (g, n, small) = (
                strs(df, "group"),
                u64s(df, "respondents"),
                bools(df, "small_cell"),
            );
            for i in 0..df.height() {
                let want = n[i].unwrap() < SMALL_GROUP;
                assert_eq!(small[i], Some(want), "{name} {:?} n = {:?}", g[i], n[i]);
            }
            assert!(small.contains(&Some(true)) && small.contains(&Some(false)));
        }
    }

    #[test]
    fn response_rate_by_size_and_county() {
        let (docs, tags, reg) = world();
        let t = run(&docs, &tags, &reg);
        let df = t.get("response_rate").unwrap();
        let rows: Vec<String> = (0..df.height())
            .map(|i| {
                format!(
                    "{} {} {}/{}",
                    strs(df, "dimension")[i].as_deref().unwrap(),
                    strs(df, "group")[i].as_deref().unwrap(),
                    u64s(df, "answered")[i].unwrap(),
                    u64s(df, "in_register")[i].unwrap(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                "size_class liten 12/13",
                "size_class stor 12/13",
                "fylke Rogaland 12/13",
                "fylke Vestland 12/13",
                "kind kommune 24/26",
                "alle alle 24/26"
            ]
        );
    }

    #[test]
    fn keyness_finds_each_groups_words_with_examples() {
        let (docs, tags, reg) = world();
        let t = run(&docs, &tags, &reg);
        let k = t.get("keyness").unwrap();
        let (dim, group, key) = (strs(k, "dimension"), strs(k, "group"), strs(k, "key"));
        let example = strs(k, "example");
        let quote = strs(k, "example_quote");
        let cite = strs(k, "citation");
        let z = f64s(k, "z");
        let find = |g: &str, word: &str| {
            (0..k.height()).find(|&i| {
                dim[i].as_deref() == Some("size_class")
                    && group[i].as_deref() == Some(g)
                    && example[i].as_deref() == Some(word)
            })
        };
        let b = find("liten", "bredbånd").expect("bredbånd is key for small municipalities");
        assert_eq!(
            key[b].as_deref(),
            Some(Analyzer::default().key("bredbånd").as_str())
        );
        assert!(z[b].unwrap() >= 1.96);
        assert!(quote[b].as_deref().unwrap().contains("bredbånd"));
        assert!(cite[b].as_deref().unwrap().starts_with("Kommune"));
        assert!(
            cite[b].as_deref().unwrap().contains(", 2026, s. 2"),
            "{:?}",
            cite[b]
        );
        assert!(find("stor", "kollektivtransport").is_some());
        assert!(find("liten", "kollektivtransport").is_none());
        // A phrase: two adjacent content keys.
        assert!(
            key.iter().flatten().any(|k| k.contains(' ')),
            "no phrases: {key:?}"
        );
        // Counties do not differ: nothing reaches z ≥ 1.96.
        assert!(!dim.iter().any(|d| d.as_deref() == Some("fylke")));
    }

    #[test]
    fn shared_text_finds_the_draft_and_own_text() {
        let draft = "Kommunestyret mener at staten må finansiere nye oppgaver fullt ut, og at \
                     rammetilskuddet må styrkes slik at kommunene kan gi gode tjenester i hele landet.";
        let edited = draft.replace("gode tjenester", "likeverdige tjenester");
        let own = "Vi har egne erfaringer med interkommunalt samarbeid om barnevern og legevakt \
                   som vi gjerne deler med andre kommuner i regionen.";
        let docs = vec![
            doc(
                "1101",
                "A",
                "Rogaland",
                1000,
                &[(SegmentKind::Statement, &[draft, own])],
            ),
            doc(
                "1102",
                "B",
                "Rogaland",
                1000,
                &[(SegmentKind::Statement, &[edited.as_str()])],
            ),
            doc(
                "1103",
                "C",
                "Rogaland",
                1000,
                &[(SegmentKind::Decision, &[draft])],
            ),
            doc(
                "1104",
                "D",
                "Rogaland",
                1000,
                &[
                    (
                        SegmentKind::Statement,
                        &[own.replace("barnevern", "skole").as_str()],
                    ),
                    (SegmentKind::Booklet, &[draft]),
                ],
            ),
        ];
        let t = run(&docs, &[], &Register::default());
        let s = t.get("shared_text").unwrap();
        let ids = strs(s, "doc_id");
        let cl = u64s(s, "cluster");
        let size = u64s(s, "cluster_size");
        let changed = f64s(s, "changed_share");
        // Cluster 1: the draft in A, B (edited) and C (in its decision); D's booklet copy
        // is not D's text. Cluster 2: A's own paragraph, copied by D with one word changed.
        let c1: Vec<&str> = (0..s.height())
            .filter(|&i| cl[i] == Some(1))
            .map(|i| ids[i].as_deref().unwrap())
            .collect();
        assert_eq!(
            c1,
            ["1101-2026-abcdef", "1102-2026-abcdef", "1103-2026-abcdef"]
        );
        assert!(
            (0..s.height())
                .filter(|&i| cl[i] == Some(1))
                .all(|i| size[i] == Some(3))
        );
        let b = ids
            .iter()
            .position(|d| d.as_deref() == Some("1102-2026-abcdef"))
            .unwrap();
        assert!(
            changed[b].unwrap() > 0.0 && changed[b].unwrap() < 0.5,
            "{:?}",
            changed[b]
        );
        assert_eq!(changed[0], Some(0.0), "the medoid comes first, unchanged");
        assert_eq!(cl.iter().flatten().max(), Some(&2));
        let r = t.get("respondents").unwrap();
        let own_share = f64s(r, "own_text_share");
        // C's only text is the draft: nothing of its own.
        assert!(own_share[2].unwrap() < 1e-9, "{own_share:?}");
        // B changed a few words.
        assert!(own_share[1].unwrap() > 0.0 && own_share[1].unwrap() < 0.5);
        assert!(own_share[3].unwrap() < 0.5);
    }

    #[test]
    fn demands_are_listed_and_recurring_ones_grouped() {
        let texts = [
            ("1101", "Staten må finansiere nye oppgaver fullt ut."),
            (
                "1102",
                "Staten må finansiere nye oppgaver fullt ut for kommunene.",
            ),
            ("1103", "Staten må finansiere nye oppgaver fullt ut."),
            (
                "1104",
                "KS bør arbeide for flere lærlingeplasser i helse og omsorg.",
            ),
        ];
        let mut docs = Vec::new();
        let mut tags = Vec::new();
        for (nr, text) in texts {
            let d = doc(
                nr,
                nr,
                "Rogaland",
                1000,
                &[(SegmentKind::Statement, &[text])],
            );
            let to = if text.starts_with("KS") {
                Addressee::Ks
            } else {
                Addressee::Staten
            };
            tags.push(testutil::tags(
                &d,
                vec![(0, vec![], vec![demand(text, to, &["autonomy"])])],
            ));
            docs.push(d);
        }
        let t = run(&docs, &tags, &Register::default());
        let df = t.get("demands").unwrap();
        assert_eq!(df.height(), 4);
        let group = u64s(df, "group");
        let size = u64s(df, "group_size");
        let to = strs(df, "addressee");
        let cite = strs(df, "citation");
        assert_eq!(group, [Some(1), Some(1), Some(1), Some(2)]);
        assert_eq!(size, [Some(3), Some(3), Some(3), Some(1)]);
        assert_eq!(to[3].as_deref(), Some("KS"));
        assert_eq!(cite[0].as_deref(), Some("1101 kommune, 2026, s. 1"));
    }

    #[test]
    fn quotes_are_chosen_within_each_year() {
        let (docs, tags, reg) = world();
        // The same statements and tags again in 2027.
        let (mut all, mut all_tags) = (docs.clone(), tags.clone());
        for (d, t) in docs.iter().zip(&tags) {
            let mut d = d.clone();
            d.year = Some(2027);
            d.id = format!("{}-2027", d.id);
            let mut t = t.clone();
            t.doc_id = d.id.clone();
            all.push(d);
            all_tags.push(t);
        }
        let t = run(&all, &all_tags, &reg);
        let q = t.get("quotes").unwrap();
        let (theme, size, rank, year) = (
            strs(q, "theme"),
            strs(q, "size_class"),
            u64s(q, "rank"),
            u64s(q, "year"),
        );
        let docs = strs(q, "doc_id");
        let rows: Vec<String> = (0..q.height())
            .map(|i| {
                let doc_year = all
                    .iter()
                    .find(|d| Some(d.id.as_str()) == docs[i].as_deref())
                    .and_then(|d| d.year);
                assert_eq!(doc_year.map(u64::from), year[i], "the quote's own year");
                format!(
                    "{} {} {} {}",
                    year[i].unwrap(),
                    theme[i].as_deref().unwrap(),
                    size[i].as_deref().unwrap(),
                    rank[i].unwrap()
                )
            })
            .collect();
        // One shared text, but each year has its own quote of it.
        assert_eq!(
            rows,
            [
                "2026 workforce liten 1",
                "2027 workforce liten 1",
                "2026 preparedness stor 1",
                "2027 preparedness stor 1"
            ]
        );
    }

    #[test]
    fn quotes_rank_one_per_respondent() {
        let (docs, tags, reg) = world();
        let t = run(&docs, &tags, &reg);
        let q = t.get("quotes").unwrap();
        let theme = strs(q, "theme");
        let size = strs(q, "size_class");
        let rank = u64s(q, "rank");
        // Every small municipality's statement is the same text: one shared-text cluster,
        // so one quote per theme × size class.
        let rows: Vec<String> = (0..q.height())
            .map(|i| {
                format!(
                    "{} {} {}",
                    theme[i].as_deref().unwrap(),
                    size[i].as_deref().unwrap(),
                    rank[i].unwrap()
                )
            })
            .collect();
        assert_eq!(rows, ["workforce liten 1", "preparedness stor 1"]);
        assert!(
            strs(q, "citation")[0]
                .as_deref()
                .unwrap()
                .ends_with(", 2026, s. 2")
        );
    }

    #[test]
    fn same_input_gives_identical_bytes() {
        let (docs, tags, reg) = world();
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write_tables(&run(&docs, &tags, &reg), a.path()).unwrap();
        // Documents in another order: the tables are sorted, so nothing changes.
        let mut rev = docs.clone();
        rev.reverse();
        write_tables(&run(&rev, &tags, &reg), b.path()).unwrap();
        let mut n = 0;
        // One booklet year: no year-over-year table.
        for name in TABLE_NAMES.iter().filter(|n| **n != "themes_by_year") {
            for ext in ["csv", "parquet"] {
                let f = format!("{name}.{ext}");
                let x = std::fs::read(a.path().join(&f)).unwrap();
                let y = std::fs::read(b.path().join(&f)).unwrap();
                assert!(x == y, "{f} differs between runs");
                n += 1;
            }
        }
        assert_eq!(n, 18);
        let csv = std::fs::read_to_string(a.path().join("themes_by_size.csv")).unwrap();
        insta::assert_snapshot!(csv);
    }
}

#[cfg(test)]
mod stage_timing {
    use crate::sample_world;

    #[test]
    #[ignore = "timing probe"]
    fn stage_timing() {
        let w = sample_world::world(&innspill_sample::Config::default());
        let a = innspill_norsk::Analyzer::default();
        let t = std::time::Instant::now();
        let c = crate::prep::Corpus::build(&w.documents, &w.tags, &w.register, Some(&a));
        println!("prep {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let s = crate::shared::shared_text(&c, &Default::default()).unwrap();
        println!("shared {:?}", t.elapsed());
        let t = std::time::Instant::now();
        crate::keyness::keyness(&c, &Default::default()).unwrap();
        println!("keyness {:?}", t.elapsed());
        let t = std::time::Instant::now();
        crate::quotes::quotes(&c, &w.themes, &s.cluster_of, 3).unwrap();
        println!("quotes {:?}", t.elapsed());
        let t = std::time::Instant::now();
        crate::demands::demands(&c, &a).unwrap();
        println!("demands {:?}", t.elapsed());
        let t = std::time::Instant::now();
        crate::themes::theme_table(
            &c,
            &w.themes,
            crate::themes::Dimension::Size,
            true,
            "subthemes_by_size",
        )
        .unwrap();
        println!("subthemes {:?}", t.elapsed());
    }
}
