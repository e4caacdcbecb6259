//! Search over all responses: a tantivy index with the Norwegian analyser, facets and
//! snippets.
//!
//! - [`SearchIndex`] is the index (`STORE/index/`): one tantivy document per paragraph,
//!   heading or bullet, carrying the respondent, year, language, segment kind, question,
//!   section, page, character offsets, theme facets, and the text twice: analysed (the
//!   matching keys of [`innspill_norsk::Analyzer`], with compound parts) and exact
//!   (lower-cased words), in fields of their own for the respondent's own words
//!   (statement, decision) and for the rest (booklet, case), so that the default search of
//!   own words never reads the quoted booklet's postings. [`SearchIndex::update_from_store`]
//!   keeps it in line with the store: idempotent, incremental and safe to interrupt.
//! - [`NorskTokenizer`] is the adapter that lets tantivy use the one Norwegian analyser, so
//!   a word that search finds is a word that the theme counts see.
//! - [`SearchRequest`] with [`Filters`] asks; [`SearchResults`] answers: hits ranked by
//!   BM25, grouped by respondent ([`Group`]) or flat ([`ParagraphHit`]), each [`Hit`] with a
//!   highlighted snippet and its citation, and [`Facets`] over all hits.
//!
//! The query syntax is tantivy's: words must all occur (`AND` by default), `OR`, `-word`,
//! `"a quoted phrase"` (matched word for word on the exact field), `field:value`
//! (`fylke:nordland`, `year:2026`, `section:beredskap`; `text:` and `exact:` name the text
//! of whichever segments are searched). A query in one written standard
//! finds the other (`tenester` finds `tjenester`) and a simple word finds the compounds
//! that contain it (`beredskap` finds `beredskapsrådet`), as far as the analyser maps them.
//!
//! # Example
//!
//! ```
//! use innspill_index::{NoProgress, SearchIndex, SearchRequest};
//! use innspill_model::*;
//!
//! let text = "Kommunestyret ber om at beredskapsrådet styrkes.";
//! let doc = Document {
//!     schema_version: SCHEMA_VERSION,
//!     id: "1856-2026-abcdef".into(),
//!     source: Source { path: "rost.txt".into(), sha256: "abcdef".into(), format: Format::Txt, pages: Some(1), ocr: None },
//!     respondent: Respondent {
//!         kommunenummer: Some("1856".into()), name: Some("Røst".into()), kind: RespondentKind::Kommune,
//!         fylke: Some("Nordland".into()), population: Some(471), size_class: Some(SizeClass::Liten),
//!         detected_by: DetectedBy::Text,
//!     },
//!     year: Some(2026),
//!     language: Some(Lang::Nb),
//!     segments: vec![Segment {
//!         kind: SegmentKind::Statement,
//!         heading: None,
//!         paragraphs: vec![Paragraph {
//!             n: 0, kind: ParagraphKind::Paragraph, text: text.into(), page: Some(13),
//!             start: 0, end: text.chars().count(), section: None, question: Some(3), lines: None, ocr: None,
//!         }],
//!     }],
//!     warnings: vec![],
//!     text: text.into(),
//! };
//! let index = SearchIndex::in_memory()?;
//! index.update_documents(&[(doc, None)], &mut NoProgress)?;
//!
//! let found = index.search(&SearchRequest::new("beredskap"))?;
//! assert_eq!(found.summary.total_hits, 1);
//! let group = &found.groups[0];
//! assert_eq!(group.respondent.name.as_deref(), Some("Røst"));
//! assert_eq!(group.hits[0].citation, "Røst kommune, 2026, s. 13");
//! assert!(group.hits[0].snippet.contains("<b>beredskapsrådet</b>"));
//! # Ok::<(), innspill_index::Error>(())
//! ```
#![deny(missing_docs)]

mod analysis;
mod error;
mod filter;
mod forward;
mod groups;
mod index;
mod schema;
mod search;
mod snippet;
#[cfg(test)]
mod testdata;

pub use crate::{
    analysis::{Mode, NorskTokenStream, NorskTokenizer},
    error::{Error, QueryError},
    index::{Change, NoProgress, Progress, SearchIndex, UpdateOptions, UpdateReport},
    search::{
        Facets, Filters, Group, Hit, HitRespondent, ParagraphHit, SearchRequest, SearchResults,
        Summary, citation,
    },
    snippet::snippet_to_terminal,
};
