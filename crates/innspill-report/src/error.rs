use std::path::PathBuf;

/// Errors from building or writing the report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder of the report could not be written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A table the report needs is not among the tables.
    #[error("table {table:?} is missing (expected one of the aggregate tables)")]
    MissingTable {
        /// The table's name.
        table: String,
    },
    /// A table lacks a column the report reads, or it has a type that cannot be read.
    #[error("table {table:?}: column {column:?} {problem}")]
    Column {
        /// The table's name.
        table: String,
        /// The column's name.
        column: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A chart could not be drawn.
    #[error("chart {chart:?}: {message}")]
    Chart {
        /// Which chart.
        chart: String,
        /// What plotters said.
        message: String,
    },
    /// The workbook could not be written.
    #[error("{path}: cannot write workbook")]
    Workbook {
        /// The workbook file.
        path: PathBuf,
        /// What rust_xlsxwriter said.
        source: rust_xlsxwriter::XlsxError,
    },
    /// The tables could not be built from the documents.
    #[error("cannot build the tables")]
    Aggregate(#[source] innspill_aggregate::Error),
    /// The CSV and Parquet tables could not be written.
    #[error("cannot write the tables")]
    Tables(#[from] innspill_aggregate::Error),
}
