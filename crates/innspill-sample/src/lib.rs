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

mod error;
pub mod pdf;
mod rng;

pub use crate::{error::Error, rng::Rng};
