//! The shared data contracts of `innspill`.
//!
//! Every crate that reads or writes documents, tags or the register speaks through the
//! types here, so that the arrows between crates point one way (see `ARCHITECTURE.md`):
//!
//! - [`Document`] is what ingest produces from one input file (contract: `schema_version`
//!   1 in `design.md`): its [`Respondent`], its [`Segment`]s of [`Paragraph`]s, and the full
//!   extracted text that every offset points into.
//! - [`Tag`], [`Evidence`] and [`Demand`] are what the theme tagger says of a paragraph;
//!   [`DocumentTags`] gathers them for one document.
//! - [`Register`] is the municipality register (SSB) with [`SizeClass`]es from
//!   [`SizeThresholds`].
//! - [`Booklet`] is a KS debate booklet of one year with its [`BookletQuestion`]s.
//! - [`Store`] is the folder (`--store`, default `.innspill/`) that holds all of it.
//! - [`Review`]s are the analyst's corrections (`STORE/reviews.jsonl`); a [`ReviewSet`]
//!   turns the tagger's tags into the effective tags that every count uses.
//!
//! Offsets in documents and tags are **character** offsets (Unicode scalar values) into
//! [`Document::text`]; [`CharIndex`] converts the byte offsets that the analyser gives.
//!
//! # Example
//!
//! ```
//! use innspill_model::{SizeClass, SizeThresholds, CharIndex};
//!
//! let t = SizeThresholds::default();
//! assert_eq!(t.classify(471), SizeClass::Liten);
//! assert_eq!(t.classify(5_447), SizeClass::Mellomstor);
//! assert_eq!(SizeClass::Stor.as_str(), "stor");
//!
//! // "Røst" is 5 bytes but 4 characters.
//! let text = "Røst kommune";
//! let idx = CharIndex::new(text);
//! assert_eq!(idx.char_offset(6), 5);
//! ```
#![deny(missing_docs)]

mod booklet;
mod document;
mod error;
mod kind;
mod register;
mod review;
mod store;
mod tags;
mod text;

pub use crate::{
    booklet::{Booklet, BookletQuestion},
    document::{
        DetectedBy, Document, Format, Lang, Ocr, Paragraph, ParagraphKind, Respondent,
        SCHEMA_VERSION, Segment, SegmentKind, Source,
    },
    error::Error,
    kind::{RespondentKind, SizeClass},
    register::{Register, RegisterEntry, RegisterSource, SizeThresholds},
    review::{
        Agreement, Applied, Effective, Orphan, OrphanReason, Review, ReviewAction, ReviewSet,
        ReviewSummary, cohen_kappa, now_rfc3339, text_sha256,
    },
    store::{IngestOutcome, IngestReport, IngestReportEntry, Store},
    tags::{
        Addressee, Confidence, ConfidenceLevel, Demand, DocumentTags, Evidence, ParagraphTags, Tag,
        Via,
    },
    text::CharIndex,
};
