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
//!   themes raised, the share of statement text per theme and `own_text_share` (text
//!   beyond shared drafts).
//! - `themes_by_size`, `themes_by_county`, `subthemes_by_size`: respondents, raising,
//!   share, population-weighted share, lift against all respondents, Fisher's exact
//!   two-sided p-value of the group against the rest, Benjamini–Hochberg q-value across the
//!   table, and `small_cell` (expected count < 5 or group < 10) — flagged, never hidden.
//!   A last row per theme, group `alle`, holds all respondents.
//! - `response_rate`: answered / in the register, by size class and county.
//! - `keyness`: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi
//!   and Quinn 2008) of the analyser's keys and key bigrams, by size class and county.
//! - `shared_text`: clusters of near-identical paragraphs across respondents (MinHash +
//!   LSH over word shingles, verified by Jaccard), grouped into drafts.
//! - `demands`: every extracted demand, recurring ones grouped.
//! - `quotes`: the most representative paragraphs per theme × size class.
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
mod themes;

pub use crate::{
    error::Error,
    tables::{TABLE_NAMES, Tables, write_tables},
};

use innspill_model::{Document, DocumentTags, Register};
use innspill_norsk::Analyzer;

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
    /// Total prior pseudo-count `alpha_0`, spread over features by their pooled frequency.
    /// By default, 1 000.
    pub prior_strength: f64,
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
            prior_strength: 1_000.0,
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
    /// Minimum Jaccard similarity of shingle sets to join two paragraphs. By default, 0.5.
    pub threshold: f64,
}

impl Default for SharedOptions {
    fn default() -> Self {
        SharedOptions {
            min_tokens: 8,
            shingle: 3,
            threshold: 0.5,
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
pub fn aggregate_with(input: &AggregateInput<'_>, opt: &AggregateOptions) -> Result<Tables, Error> {
    let span = tracing::debug_span!("aggregate", documents = input.documents.len());
    let _guard = span.enter();
    let c = prep::Corpus::build(input.documents, input.tags, input.register, input.analyzer);
    let shared = shared::shared_text(&c, &opt.shared)?;
    let mut t = Tables::default();
    t.push(
        "respondents",
        themes::respondents(&c, input.themes, &shared.own_text_share)?,
    );
    t.push("response_rate", response::response_rate(&c, input.register)?);
    use themes::Dimension::{Fylke, Size};
    t.push(
        "themes_by_size",
        themes::theme_table(&c, input.themes, Size, false, "themes_by_size")?,
    );
    t.push(
        "themes_by_county",
        themes::theme_table(&c, input.themes, Fylke, false, "themes_by_county")?,
    );
    t.push(
        "subthemes_by_size",
        themes::theme_table(&c, input.themes, Size, true, "subthemes_by_size")?,
    );
    t.push("keyness", keyness::keyness(&c, &opt.keyness)?);
    t.push(
        "quotes",
        quotes::quotes(&c, input.themes, &shared.cluster_of, opt.quotes_per_cell)?,
    );
    t.push("demands", demands::demands(&c, input.analyzer)?);
    t.push("shared_text", shared.table);
    Ok(t)
}
