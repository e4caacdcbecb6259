use std::path::PathBuf;

/// What can go wrong while building or writing the tables.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Polars refused to build or transform a table.
    #[error("table {table:?} could not be built")]
    Polars {
        /// The table being built or written.
        table: String,
        /// What polars said.
        #[source]
        source: polars::prelude::PolarsError,
    },
    /// A table could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What polars or the file system said.
        #[source]
        source: polars::prelude::PolarsError,
    },
    /// A file or folder could not be created.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    pub(crate) fn polars(table: &str) -> impl FnOnce(polars::prelude::PolarsError) -> Error + '_ {
        move |source| Error::Polars {
            table: table.to_string(),
            source,
        }
    }
}
