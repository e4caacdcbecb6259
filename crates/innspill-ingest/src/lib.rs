//! Ingest for `innspill`: PDF, DOCX, HTML and text files to [`innspill_model::Document`]s.
//!
//! An [`Ingester`] reads each input, whatever its format, into lines (the full extracted
//! text, NFC, that every offset points into; a PDF by the geometry of its glyphs, in
//! reading order over columns, with running headers and footers set apart, and scanned
//! pages by OCR when Tesseract is installed, see [`IngesterBuilder::ocr`]), forms paragraphs (headings, running text,
//! bullets; words split over line ends joined by [`innspill_norsk::dehyphenate`]), and
//! splits the document into segments:
//!
//! - `booklet`: text quoted from the [`References`] (the KS booklet), found by shingle
//!   overlap wherever it stands;
//! - `case`, `statement`, `decision`: by the headings and phrases the text walks through;
//! - `other`: page numbers, running headers and footers, meeting metadata.
//!
//! Statement paragraphs get the booklet [`Question`] they answer where it can be told,
//! from the questions of the document's year ([`IngesterBuilder::booklet`]; the built-in
//! booklets are in [`builtin_booklets`], and [`find_questions`] reads another booklet's).
//! The respondent is detected from the text (council formula, letterhead), a
//! `manifest.csv` line, or the file name, against the register that [`RegisterImport`]
//! builds from SSB files; it is never guessed. A statement of one of KS' own regional
//! bodies («fylkesmøtet i KS Trøndelag», «KS Rogaland fylkesstyre») gets the kind
//! `ks_region` with its county and no number.
//!
//! [`Ingester::ingest_paths`] walks files and folders in parallel and accounts for every
//! file in an [`innspill_model::IngestReport`]: `ok`, `ok_with_warnings`, or `failed`
//! with a specific [`InputError`] (empty, scanned PDF without OCR, encrypted, corrupt, zip bomb,
//! binary data, too large, unreadable, broken link), or `skipped` with the reason for
//! files of a folder that are not inputs (another extension, the folder's `manifest.csv`,
//! a reference text, a symlinked folder). Hidden entries of folders (names starting with
//! `.`) are ignored. Progress goes to a [`Reporter`].
//!
//! # Example
//!
//! ```
//! use innspill_ingest::{Ingester, RegisterImport};
//! use innspill_model::SegmentKind;
//!
//! let mut register = RegisterImport::new();
//! register.add_csv("kommuner.csv", "kommunenummer,navn,fylkesnummer,fylke,folketall\n\
//!     1856,Røst,18,Nordland,471\n").unwrap();
//! let ingester = Ingester::builder()
//!     .register(register.finish())
//!     .reference("ks-2026", "Kommunene må gjennomføre endringer raskt hvis vi fortsatt \
//!         skal ha et bærekraftig velferdssamfunn og en god beredskap.\n")
//!     .build();
//! let text = "Saksopplysninger\n\nKS skriver:\n\nKommunene må gjennomføre endringer \
//!     raskt hvis vi fortsatt skal ha et bærekraftig velferdssamfunn og en god \
//!     beredskap.\n\nUttalelse\n\nKommunestyret i Røst kommune mener at arbeids-\n\
//!     kraft er den største begrensningen.\n";
//! let doc = ingester.ingest_bytes("rost.txt", text.as_bytes(), None).unwrap();
//! let kinds: Vec<SegmentKind> = doc.segments.iter().map(|s| s.kind).collect();
//! assert_eq!(kinds, [SegmentKind::Case, SegmentKind::Booklet, SegmentKind::Statement]);
//! assert_eq!(doc.respondent.kommunenummer.as_deref(), Some("1856"));
//! assert_eq!(doc.id, format!("1856-0000-{}", &doc.source.sha256[..6]));
//! ```
#![deny(missing_docs)]

mod booklet;
mod booklet_questions;
mod builtin;
mod csv;
mod decode;
mod docx;
mod error;
pub mod fixtures;
mod former;
mod html;
mod ingest;
mod ks;
mod layout;
mod pdf;
mod question;
mod raw;
mod register;
mod respondent;
mod segment;

pub use crate::{
    booklet::{References, SHINGLE},
    booklet_questions::find_questions,
    builtin::{BOOKLET_2026, REGISTER_2026_SOURCE, builtin_booklets, builtin_register},
    error::{Error, InputError},
    ingest::{
        Counts, Ingested, Ingester, IngesterBuilder, ManifestLine, NoReporter, Reporter,
        parse_manifest,
    },
    question::Question,
    register::RegisterImport,
};
