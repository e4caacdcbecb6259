/// Errors from building an analyser (loading word lists). Analysing text never fails.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A word list has a line that is not a word.
    #[error("{list} line {line}: {message}")]
    WordList {
        /// Which list (`stopwords/nb.txt`).
        list: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
}
