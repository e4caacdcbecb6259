use std::path::PathBuf;

/// Errors from building, updating or searching the index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// There is no index where one was expected.
    #[error("no index in {path} (run `innspill index` first)")]
    NoIndex {
        /// The index folder.
        path: PathBuf,
    },
    /// The index was built with another schema.
    #[error(
        "the index in {path} was built by another version of innspill; run `innspill index` to rebuild it"
    )]
    Format {
        /// The index folder.
        path: PathBuf,
    },
    /// Another process is updating the index.
    #[error("the index in {path} is being updated by another process; wait for it to finish")]
    Busy {
        /// The index folder.
        path: PathBuf,
    },
    /// A document of the store could not be read.
    #[error("document {path}: {message}")]
    Document {
        /// The document file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The query does not parse.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A filter value is not one the index knows.
    #[error("--{filter} {value:?}: {expected}")]
    Filter {
        /// The filter's name (`size`).
        filter: &'static str,
        /// The value given.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] innspill_model::Error),
    /// tantivy failed (I/O, a damaged index).
    #[error("the search engine (tantivy) failed")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file of the index could not be read or written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A query that does not parse, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query {query:?}: {message}{}", caret(query, *position))]
pub struct QueryError {
    /// The query as given.
    pub query: String,
    /// Byte offset into `query` of the problem, where it can be told.
    pub position: Option<usize>,
    /// What is wrong, and how to fix it.
    pub message: String,
}

/// A second line pointing at the problem: the query, then `^` under the position.
fn caret(query: &str, position: Option<usize>) -> String {
    match position {
        Some(pos) if !query.contains('\n') => {
            let pos = pos.min(query.len());
            let width = query[..query.floor_char_boundary(pos)].chars().count();
            format!("\n  {query}\n  {}^", " ".repeat(width))
        }
        _ => String::new(),
    }
}
