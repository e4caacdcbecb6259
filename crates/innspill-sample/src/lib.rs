//! The generated sample world of `innspill`: fictional municipalities, their register and
//! their statements on KS' 2026 debate booklet, as PDF, DOCX, HTML and text, with the
//! ground truth that later stages are checked against.
//!
//! - [`pdf`] writes text PDFs (and scanned ones without text) with Helvetica in
//!   WinAnsiEncoding, page headers and footers, and words split over line ends.
//! - [`Rng`] is the small seeded generator that makes everything reproducible.
//!
//! # Example
//!
//! ```
//! use innspill_sample::Rng;
//!
//! let mut a = Rng::new(2026);
//! let mut b = Rng::new(2026);
//! assert_eq!(a.next_u64(), b.next_u64());
//! ```
#![deny(missing_docs)]

mod bank;
mod error;
mod generate;
pub mod pdf;
mod render;
mod rng;
mod statement;
mod world;

pub use crate::{
    bank::{Addressee, Lang, THEMES, ThemeTag},
    error::Error,
    generate::{
        BOOKLET, Broken, Config, Counts, DraftUse, Format, LineRange, NOTICE, Naming, OutFile,
        Realised, Sample, Truth, TruthDifference, TruthDocument, TruthDraft, TruthParagraph,
        TruthRegionalDraft, TruthRespondent, TruthStatement, generate, write_to,
    },
    render::Seg,
    rng::Rng,
    statement::{Origin, PLANTED, ParaKind, Planted},
    world::Size,
};
