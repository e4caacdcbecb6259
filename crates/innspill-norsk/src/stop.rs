use std::collections::HashSet;

use crate::Error;

/// Stop words of Bokmål and Nynorsk: function words that carry no theme.
///
/// The default lists are `stopwords/nb.txt` and `stopwords/nn.txt` of the workspace, one
/// word a line, `#` starts a comment.
#[derive(Debug, Clone, Default)]
pub struct StopWords {
    words: HashSet<String>,
}

impl StopWords {
    /// The lists shipped with `innspill`.
    pub fn embedded() -> Result<StopWords, Error> {
        let mut s = StopWords::default();
        s.add_list(
            "stopwords/nb.txt",
            include_str!("../../../stopwords/nb.txt"),
        )?;
        s.add_list(
            "stopwords/nn.txt",
            include_str!("../../../stopwords/nn.txt"),
        )?;
        Ok(s)
    }

    /// Add the words of a list in the one-word-a-line format.
    pub fn add_list(&mut self, name: &str, text: &str) -> Result<(), Error> {
        for (i, line) in text.lines().enumerate() {
            let word = line.split('#').next().unwrap_or("").trim();
            if word.is_empty() {
                continue;
            }
            if word.contains(char::is_whitespace) {
                return Err(Error::WordList {
                    list: name.to_string(),
                    line: i + 1,
                    message: format!("{word:?} is not one word"),
                });
            }
            self.words.insert(word.to_lowercase());
        }
        Ok(())
    }

    /// Whether the lower-cased `word` is a stop word.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_cover_both_standards() {
        let stop = StopWords::embedded().expect("the committed lists load");
        // One line per word: (word, expected).
        for (word, want) in [
            ("og", true),
            ("ikke", true),
            ("ikkje", true),
            ("jeg", true),
            ("eg", true),
            ("hva", true),
            ("kva", true),
            ("frå", true),
            ("fra", true),
            ("òg", true),
            ("dei", true),
            ("hjå", true),
            ("kommune", false),
            ("kommunane", false),
            ("beredskap", false),
            ("staten", false),
            ("arbeidskraft", false),
            ("handlingsrom", false),
            ("pa", false),
        ] {
            assert_eq!(
                stop.contains(word),
                want,
                "stop word {word:?}\nhelp: stopwords/nb.txt and nn.txt hold function words only"
            );
        }
        assert!(stop.len() > 200, "{} stop words", stop.len());
    }

    #[test]
    fn a_line_with_two_words_is_an_error() {
        let err = StopWords::default()
            .add_list("test.txt", "og\nfor eksempel # two\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "test.txt line 2: \"for eksempel\" is not one word"
        );
    }
}
