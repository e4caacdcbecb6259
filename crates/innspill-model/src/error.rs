use std::path::PathBuf;

/// Errors from reading or writing the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file of the store could not be read or written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A JSON file of the store did not have the expected shape.
    #[error("{path}: invalid JSON")]
    Json {
        /// The file.
        path: PathBuf,
        /// What serde said.
        source: serde_json::Error,
    },
    /// A line of `reviews.jsonl` is not a review.
    #[error("{path} line {line}: not a review")]
    Review {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What serde said.
        source: serde_json::Error,
    },
    /// A document was written by a newer or older version of the schema.
    #[error("{path}: schema_version {found} is not supported (expected {expected})")]
    SchemaVersion {
        /// The file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
}
