//! Theme codebook and tagger of `innspill`: which themes a paragraph raises, why, and
//! what it asks of whom.
//!
//! - A [`Codebook`] is a versioned TOML file of themes, sub-themes and their terms in
//!   Bokmål and Nynorsk (the default one, `codebook/default.toml`, is embedded:
//!   [`DEFAULT_CODEBOOK`]). Terms are matched through the shared analyser
//!   ([`innspill_norsk::Analyzer`]): by stem, as compound parts, as phrases, and within a
//!   window of each other, with excluding terms for ambiguous words.
//! - A [`Tagger`] tags every paragraph of an [`innspill_model::Document`] multi-label
//!   ([`innspill_model::Tag`]), each tag with a score and its [`innspill_model::Evidence`]
//!   (the matched words with character offsets into the document text). A bullet or short
//!   paragraph under a heading that is clearly about one theme inherits it (`via:
//!   "section"`). It also finds [`innspill_model::Demand`]s: sentences and list items that
//!   ask something of KS, the state, the municipality itself or others.
//! - [`summarize`] gives the statement-level result: the themes a respondent raises and
//!   the share of its own text each covers.
//! - [`document_from_text`] reads plain text into a document (paragraphs, bullets,
//!   numbered headings), for `innspill themes FILE`.
//! - [`evaluate`] scores the tagger against hand labels ([`EvalItem`], `eval/dev.jsonl`):
//!   precision, recall and F1 per theme, micro and macro F1, Cohen's κ.
//!
//! Tagging is deterministic: the same text and codebook give byte-identical output.
//!
//! # Example
//!
//! ```
//! use innspill_themes::{Tagger, document_from_text};
//!
//! let tagger = Tagger::with_default_codebook();
//! let doc = document_from_text(
//!     "3. Beredskap må integreres i velferdspolitikken\n\n\
//!      • realistiske øvelser tilpasset kommunens størrelse\n\n\
//!      Kommunestyret forventer at KS arbeider for redusert statlig detaljstyring.\n",
//!     "uttalelse.txt",
//! );
//! let tagged = tagger.tag_paragraphs(&doc);
//! let bullet = &tagged[1];
//! assert!(bullet.tags.iter().any(|t| t.theme == "preparedness"));
//! // Evidence offsets are character offsets into the document text.
//! let ev = &bullet.tags[0].evidence[0];
//! let quoted: String = doc.text.chars().skip(ev.start).take(ev.end - ev.start).collect();
//! assert_eq!(quoted, ev.term);
//!
//! let demand = &tagged[2].demands[0];
//! assert_eq!(demand.addressee.as_str(), "KS");
//! assert_eq!(demand.themes, ["autonomy"]);
//! ```
#![deny(missing_docs)]

mod codebook;
mod demand;
mod error;
mod eval;
mod locate;
mod matcher;
mod plain;
mod suggest;
mod summary;
mod tagger;

pub use crate::{
    codebook::{Codebook, DEFAULT_CODEBOOK, Settings, SubTheme, Theme},
    error::Error,
    eval::{EvalItem, EvalReport, Prediction, ThemeMetrics, evaluate, load_eval_set},
    plain::document_from_text,
    suggest::{Candidate, Quote, SuggestInput, suggest},
    summary::{StatementSummary, ThemeShare, summarize},
    tagger::{TaggedParagraph, Tagger},
};
