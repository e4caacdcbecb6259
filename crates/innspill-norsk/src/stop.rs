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
        s.add_list("stopwords/nb.txt", include_str!("../../../stopwords/nb.txt"))?;
        s.add_list("stopwords/nn.txt", include_str!("../../../stopwords/nn.txt"))?;
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
