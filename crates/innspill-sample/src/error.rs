use std::path::PathBuf;

/// Errors of the sample generator and its writers.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A character that the PDF's WinAnsiEncoding cannot show.
    #[error("character {ch:?} (U+{code:04X}) in {text:?} cannot be written in WinAnsiEncoding")]
    Unencodable {
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// The text it occurred in (shortened).
        text: String,
    },
    /// lopdf failed to build or save a PDF.
    #[error("pdf writer: {0}")]
    Pdf(String),
    /// The phrase bank could not be parsed.
    #[error("phrase bank line {line}: {message}")]
    PhraseBank {
        /// 1-based line in the phrase bank file.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A configuration value out of range.
    #[error("invalid setting {name} = {value}: {expected}")]
    Setting {
        /// Name of the setting.
        name: &'static str,
        /// The value given.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// Writing an output file failed.
    #[error("cannot write {path}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Serialising the ground truth failed.
    #[error("cannot write the ground truth as JSON")]
    Json(#[from] serde_json::Error),
}
