use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::{Error, LanguageGuess, StopWords, lang};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word (letters, possibly with inner hyphens).
    Word,
    /// A number (`700 000`, `1,5`, `2026`, `§ 5-2`).
    Number,
    /// An abbreviation (`bl.a.`, `f.eks.`).
    Abbreviation,
}

/// One token of analysed text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Token {
    /// The word as it should be indexed: joined where a line break split it, soft
    /// hyphens removed, possessive apostrophe dropped (`KS’` → `KS`).
    pub text: String,
    /// Byte offset of the token's first byte in the input.
    pub start: usize,
    /// Byte offset one past the token's last byte in the input.
    pub end: usize,
    /// `text` lower-cased: the key for exact matching.
    pub norm: String,
    /// The matching key: Snowball stem, with Nynorsk forms mapped to their Bokmål key.
    pub stem: String,
    /// Compound parts in lower case (`kommune`, `sektor`); empty when not a compound.
    pub parts: Vec<String>,
    /// Matching keys of `parts`.
    pub part_stems: Vec<String>,
    /// Whether `norm` is a stop word.
    pub stop: bool,
    /// 0-based sentence number within the input.
    pub sentence: u32,
    /// 0-based position of the token within the input (for phrase queries).
    pub position: u32,
    /// Word, number or abbreviation.
    pub kind: TokenKind,
    /// Whether the word carried a possessive apostrophe (`KS’`).
    pub possessive: bool,
}

/// Builds an [`Analyzer`].
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    dehyphenate: bool,
}

impl Default for AnalyzerBuilder {
    fn default() -> Self {
        AnalyzerBuilder { dehyphenate: true }
    }
}

impl AnalyzerBuilder {
    /// Join words split over line ends (text from PDFs). By default, on.
    pub fn dehyphenate(mut self, yes: bool) -> Self {
        self.dehyphenate = yes;
        self
    }

    /// Build the analyser, loading the embedded word lists.
    pub fn build(self) -> Result<Analyzer, Error> {
        Ok(Analyzer {
            inner: Arc::new(Inner {
                stop: StopWords::embedded()?,
                dehyphenate: self.dehyphenate,
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    stop: StopWords,
    #[allow(dead_code)]
    dehyphenate: bool,
}

/// The Norwegian analyser. Cheap to clone (shared inside), `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

impl Default for Analyzer {
    /// The analyser with the embedded word lists (tested to load).
    fn default() -> Self {
        AnalyzerBuilder::default()
            .build()
            .expect("embedded word lists are valid (tested)")
    }
}

thread_local! {
    static STEMMER: Stemmer = Stemmer::create(Algorithm::Norwegian);
}

impl Analyzer {
    /// A builder with the defaults.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Run the whole pipeline over `text`.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for (position, (start, word)) in text
            .split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .enumerate()
        {
            let norm = word.to_lowercase();
            let stem = self.key_of_norm(&norm);
            out.push(Token {
                text: word.to_string(),
                start,
                end: start + word.len(),
                stop: self.inner.stop.contains(&norm),
                norm,
                stem,
                parts: Vec::new(),
                part_stems: Vec::new(),
                sentence: 0,
                position: position as u32,
                kind: if word.chars().all(|c| c.is_ascii_digit()) {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                possessive: false,
            });
        }
        out
    }

    /// The matching key of one word (what [`Token::stem`] would be).
    pub fn key(&self, word: &str) -> String {
        self.key_of_norm(&word.to_lowercase())
    }

    fn key_of_norm(&self, norm: &str) -> String {
        STEMMER.with(|s| s.stem(norm).into_owned())
    }

    /// Whether the lower-cased word is a stop word.
    pub fn is_stop(&self, norm: &str) -> bool {
        self.inner.stop.contains(norm)
    }

    /// Bokmål or Nynorsk, with a confidence.
    pub fn language(&self, text: &str) -> LanguageGuess {
        lang::guess(text.unicode_words().map(str::to_lowercase))
    }
}
