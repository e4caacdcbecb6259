use serde::{Deserialize, Serialize};

/// A KS debate booklet of one year: its text (the reference that quoted passages are
/// found by) and its questions (which statement paragraphs answer). The 2026 booklet is
/// built into `innspill`; others are added by the analyst (`innspill booklet add`) and kept
/// in the store's `booklets/{year}.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booklet {
    /// The year the statements answer («debatthefte 2026»).
    pub year: u16,
    /// The title («Tid for taktskifte»).
    pub title: String,
    /// Where it came from: the file it was read from, or `innebygd`.
    pub source: String,
    /// Whether it is built into the program.
    #[serde(default)]
    pub builtin: bool,
    /// Its questions, by number.
    pub questions: Vec<BookletQuestion>,
    /// The whole text.
    pub text: String,
}

/// One numbered question of a [`Booklet`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookletQuestion {
    /// Its number in the booklet (1-based).
    pub number: u8,
    /// The question as the booklet asks it.
    pub text: String,
    /// Lower-case word beginnings that tell an answer to it (Bokmål and Nynorsk), from
    /// the question's own words and the chapter it closes, or given by the analyst.
    pub cues: Vec<String>,
}
