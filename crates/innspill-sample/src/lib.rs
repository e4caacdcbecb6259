//! The generated sample world of `innspill`: fictional municipalities, their register and
//! their statements on KS' 2026 debate booklet, as PDF, DOCX, HTML and text, with the
//! ground truth that later stages are checked against.
//!
//! - [`generate`] builds a [`Sample`] from a [`Config`] (seed, scale, years): the files of
//!   `corpus/sample/` (documents, `register.csv`, `manifest.csv`, `truth.json`) in memory;
//!   [`write_to`] writes them into a folder. The same seed always gives the same bytes.
//! - Each year answers its booklet (`booklet/*.tsv`): 2026 the real one, 2027 a fictional
//!   one with four questions in another order, written into the world as
//!   `reference/ks-2027-veivalg-for-fellesskapet.txt`; [`TruthBooklet`] and each
//!   paragraph's `question` say which question a statement section answers, and
//!   [`YEAR_CHANGES`] are the planted changes from one year to the next
//!   ([`TruthYearChange`]).
//! - [`Truth`] is `truth.json`: per [`TruthDocument`] its respondent, [`Format`],
//!   [`Lang`], [`Broken`] state, regional-draft use ([`DraftUse`]) and the statement's
//!   [`TruthParagraph`]s with their planted [`ThemeTag`]s; and the planted size-class
//!   differences ([`PLANTED`]) with their realised shares.
//! - The statements are composed from a phrase bank in Bokmål and Nynorsk
//!   (`bank/*.txt`, see `bank/README.md`) around a council case that quotes the booklet
//!   ([`BOOKLET`]).
//! - [`pdf`] writes text PDFs (and scanned ones without text) with Helvetica in
//!   WinAnsiEncoding, page headers and footers, and words split over line ends; other
//!   crates use it to make test PDFs.
//! - [`Rng`] is the small seeded generator that makes everything reproducible.
//!
//! Every generated document says [`NOTICE`] («Eksempeldata: fiktiv kommune») in its text
//! and metadata; names and numbers are invented and outside SSB's ranges.
//!
//! # Example
//!
//! ```
//! use innspill_sample::{Config, Rng, generate};
//!
//! let mut a = Rng::new(2026);
//! let mut b = Rng::new(2026);
//! assert_eq!(a.next_u64(), b.next_u64());
//!
//! let sample = generate(&Config::default()).unwrap();
//! assert_eq!(sample.truth.counts.municipalities, 200);
//! assert!(sample.files.iter().any(|f| f.path == "truth.json"));
//! let first = &sample.truth.documents[0];
//! assert!(first.file.starts_with("dokumenter/"));
//! ```
#![deny(missing_docs)]

mod bank;
mod booklet;
mod error;
mod generate;
pub mod pdf;
mod render;
mod rng;
mod statement;
mod world;

pub use crate::{
    bank::{Addressee, Lang, THEMES, ThemeTag},
    booklet::BookletQuestion,
    error::Error,
    generate::{
        BOOKLET, Broken, Config, Counts, DraftUse, Format, LineRange, NOTICE, Naming, OutFile,
        Realised, RealisedYear, Sample, Truth, TruthBooklet, TruthDifference, TruthDocument,
        TruthDraft, TruthParagraph, TruthRegionalDraft, TruthRespondent, TruthStatement,
        TruthYearChange, generate, write_to,
    },
    render::Seg,
    rng::Rng,
    statement::{Origin, PLANTED, ParaKind, Planted, YEAR_CHANGES, YearChange},
    world::Size,
};
