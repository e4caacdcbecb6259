//! The one Norwegian analyser of `innspill`, for Bokmål and Nynorsk.
//!
//! Every step of `innspill` that looks at words (ingest, indexing, query parsing, theme
//! matching, keyness, shared-text detection) goes through [`Analyzer`], so a word that
//! search finds is a word that the theme counts see.
//!
//! The analyser is a pipeline of small stages, each its own type with its own tests:
//!
//! 1. normalise ([`Normalizer`]: NFC, typographic quotes and dashes, soft hyphens;
//!    `æøå` kept, never folded),
//! 2. dehyphenate text extracted from PDFs ([`dehyphenate`], deciding by a [`Lexicon`]),
//! 3. tokenise with Norwegian rules on top of Unicode word boundaries ([`Tokenizer`]),
//!    and split sentences ([`SentenceSplitter`]),
//! 4. stop words ([`StopWords`], Bokmål and Nynorsk),
//! 5. lemmatise ([`Lemmatizer`]: Norsk Ordbank and the Norwegian Dependency Treebank,
//!    with the word before choosing between readings; unknown compounds by their last
//!    part) and key every word by its lemma with a Nynorsk→Bokmål layer; Snowball
//!    ([`Stemmer`]) for the words no lexicon knows,
//! 6. split compounds ([`CompoundSplitter`]),
//! 7. tell Bokmål from Nynorsk ([`Lang`], [`LanguageGuess`]).
//!
//! It never fails or panics on input text; only building it (loading word lists) returns
//! a `Result`. Every [`Token`] carries byte offsets such that `&text[start..end]` is the
//! original span, also when a word was joined over a line break.
//!
//! [`Analyzer::analyze`] returns owned [`Token`]s; [`Analyzer::analyze_with`] hands out
//! borrowed [`TokenRef`]s without allocating per token, for indexing and counting.
//!
//! # Example
//!
//! ```
//! use innspill_norsk::{Analyzer, TokenKind};
//!
//! let analyzer = Analyzer::default();
//! let text = "KS’ debatthefte nevner bl.a. IKT-sikkerhet i Øst-Finnmark, \
//!             700 000 kroner og § 5-2. Også kommunene må med.";
//! let tokens = analyzer.analyze(text);
//! let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
//! assert_eq!(
//!     words,
//!     ["KS", "debatthefte", "nevner", "bl.a.", "IKT-sikkerhet", "i", "Øst-Finnmark",
//!      "700 000", "kroner", "og", "§ 5-2", "Også", "kommunene", "må", "med"]
//! );
//! // `KS’` is the word `KS`, marked possessive; its span still covers the apostrophe.
//! assert!(tokens[0].possessive);
//! assert_eq!(&text[tokens[0].start..tokens[0].end], "KS’");
//! // Deliberately not changed: `Øst-Finnmark` keeps its hyphen, `æøå` are not folded,
//! // and `Også kommunene` stays two words.
//! assert_eq!(tokens[6].norm, "øst-finnmark");
//! assert_eq!(tokens[11].norm, "også");
//! assert_eq!(tokens[12].norm, "kommunene");
//! // Hyphenated compounds also offer their parts.
//! assert_eq!(tokens[4].parts, ["ikt", "sikkerhet"]);
//! // Abbreviations do not end a sentence; the full stop after `§ 5-2` does.
//! assert_eq!(tokens[3].kind, TokenKind::Abbreviation);
//! assert_eq!((tokens[4].sentence, tokens[12].sentence), (0, 1));
//! // Stop words are marked, not removed.
//! assert!(tokens[5].stop && !tokens[4].stop);
//! // Nynorsk and Bokmål forms share their matching key.
//! assert_eq!(analyzer.key("kommunane"), tokens[12].key);
//! // Every inflected form finds its dictionary form, in either standard.
//! assert_eq!(tokens[12].lemma, "kommune");
//! assert_eq!(analyzer.key("sykepleiere"), analyzer.key("sykepleier"));
//! assert_eq!(analyzer.key("forsvarlige"), "forsvarlig");
//! assert_ne!(analyzer.key("forsvarlige"), analyzer.key("forsvar"));
//! assert_eq!(analyzer.key("samfunnstryggleik"), analyzer.key("samfunnssikkerhet"));
//! ```
#![deny(missing_docs)]

mod analyzer;
mod compound;
mod dehyphenate;
mod error;
mod lang;
mod lemma;
mod lexicon;
mod normalize;
mod sentence;
mod stem;
mod stop;
mod tokenize;

pub use crate::{
    analyzer::{Analyzer, AnalyzerBuilder, Parts, Token, TokenKind, TokenRef},
    compound::CompoundSplitter,
    dehyphenate::{Dehyphenated, Join, JoinKind, dehyphenate},
    error::Error,
    lang::{Lang, LanguageGuess, ParagraphLanguage, guess_language, guess_paragraphs},
    lemma::{Lemmatizer, Pos},
    lexicon::Lexicon,
    normalize::{Normalizer, fold_punctuation, lowercase_into},
    sentence::{SentenceSplitter, sentences},
    stem::{Stemmer, nynorsk_to_bokmal},
    stop::StopWords,
    tokenize::{Segment, SegmentKind, Tokenizer},
};
