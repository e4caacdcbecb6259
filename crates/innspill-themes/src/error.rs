use std::path::PathBuf;

/// Errors from loading a codebook or an evaluation set. Tagging itself never fails.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The codebook is not valid TOML or has a key or value of the wrong kind.
    #[error("codebook {name} line {line}: {message}")]
    Syntax {
        /// Codebook name (file path or `default`).
        name: String,
        /// 1-based line of the offending value (0 when the parser did not say).
        line: usize,
        /// What the TOML parser said.
        message: String,
    },
    /// A term appears twice in the codebook.
    #[error("codebook {name} line {line}: duplicate term {term:?} (first at line {first_line})")]
    DuplicateTerm {
        /// Codebook name.
        name: String,
        /// Line of the second occurrence.
        line: usize,
        /// The term as written.
        term: String,
        /// Line of the first occurrence.
        first_line: usize,
    },
    /// A theme or sub-theme id is used twice.
    #[error("codebook {name} line {line}: duplicate id {id:?}")]
    DuplicateId {
        /// Codebook name.
        name: String,
        /// Line of the second use.
        line: usize,
        /// The id.
        id: String,
    },
    /// A term that the analyser reduces to nothing (empty or only stop words).
    #[error(
        "codebook {name} line {line}: term {term:?} has no words the analyser keeps (only stop words or punctuation)"
    )]
    EmptyTerm {
        /// Codebook name.
        name: String,
        /// Line of the term.
        line: usize,
        /// The term as written.
        term: String,
    },
    /// A term, id or setting that is not well-formed.
    #[error("codebook {name} line {line}: {message}")]
    Invalid {
        /// Codebook name.
        name: String,
        /// Line of the value.
        line: usize,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A line of an evaluation set that is not a labelled item.
    #[error("evaluation set {name} line {line}: {message}")]
    EvalSet {
        /// File name.
        name: String,
        /// 1-based line.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}
