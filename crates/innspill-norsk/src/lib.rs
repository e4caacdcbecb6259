//! The one Norwegian analyser of `innspill`, for Bokmål and Nynorsk.
//!
//! Every step of `innspill` that looks at words (ingest, indexing, query parsing, theme
//! matching, keyness, shared-text detection) goes through [`Analyzer`], so a word that
//! search finds is a word that the theme counts see.
//!
//! The analyser is a pipeline of small stages, each its own type with its own tests:
//!
//! 1. normalise (NFC, typographic quotes and dashes, soft hyphens; `æøå` kept),
//! 2. dehyphenate text extracted from PDFs ([`dehyphenate`]),
//! 3. tokenise with Norwegian rules on top of Unicode word boundaries, and split sentences,
//! 4. stop words ([`StopWords`], Bokmål and Nynorsk),
//! 5. stem with Snowball plus a Nynorsk→Bokmål key layer,
//! 6. split compounds,
//! 7. tell Bokmål from Nynorsk ([`Lang`], [`LanguageGuess`]).
//!
//! It never fails or panics on input text; only building it (loading word lists) returns
//! a `Result`. Every [`Token`] carries byte offsets such that `&text[start..end]` is the
//! original span.
//!
//! # Example
//!
//! ```
//! use innspill_norsk::Analyzer;
//!
//! let analyzer = Analyzer::default();
//! let tokens = analyzer.analyze("KS’ debatthefte om tjenestene");
//! assert_eq!(tokens[0].text, "KS");
//! assert_eq!(tokens[3].stem, analyzer.key("tjenester"));
//! ```
#![deny(missing_docs)]

mod analyzer;
mod compound;
mod dehyphenate;
mod error;
mod lang;
mod lexicon;
mod stop;

pub use crate::{
    analyzer::{Analyzer, AnalyzerBuilder, Token, TokenKind},
    compound::CompoundSplitter,
    dehyphenate::{Dehyphenated, Join, JoinKind, dehyphenate},
    error::Error,
    lang::{Lang, LanguageGuess},
    lexicon::Lexicon,
    stop::StopWords,
};
