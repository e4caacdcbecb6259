use std::path::Path;

use polars::prelude::DataFrame;
use polars_io::prelude::{CsvWriter, ParquetCompression, ParquetWriter, SerWriter};

use crate::Error;

/// The names of the tables, in the order [`Tables::iter`] gives them.
/// `themes_by_year` is there only when the documents answer two or more booklet years.
pub const TABLE_NAMES: [&str; 10] = [
    "respondents",
    "response_rate",
    "themes_by_size",
    "themes_by_county",
    "subthemes_by_size",
    "themes_by_year",
    "keyness",
    "shared_text",
    "demands",
    "quotes",
];

/// All tables of one aggregation, in a fixed order (see [`TABLE_NAMES`]).
#[derive(Debug, Clone, Default)]
pub struct Tables {
    tables: Vec<(&'static str, DataFrame)>,
}

impl Tables {
    pub(crate) fn push(&mut self, name: &'static str, df: DataFrame) {
        debug_assert!(TABLE_NAMES.contains(&name), "unknown table {name}");
        self.tables.push((name, df));
        self.tables.sort_by_key(|(n, _)| {
            TABLE_NAMES
                .iter()
                .position(|t| t == n)
                .unwrap_or(usize::MAX)
        });
    }

    /// The table called `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<&DataFrame> {
        self.tables
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, df)| df)
    }

    /// Every table with its name, in the order of [`TABLE_NAMES`].
    pub fn iter(&self) -> impl Iterator<Item = (&str, &DataFrame)> {
        self.tables.iter().map(|(n, df)| (*n, df))
    }

    /// Number of tables.
    pub fn len(&self) -> usize {
        self.tables.len()
    }

    /// Whether there are no tables.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }
}

/// Write every table as `dir/NAME.csv` and `dir/NAME.parquet`, creating `dir`.
///
/// The output is byte-identical for identical tables: CSV with a header, `,` separator
/// and full float precision; Parquet with Snappy compression, statistics, one row group
/// and no timestamps.
pub fn write_tables(tables: &Tables, dir: &Path) -> Result<(), Error> {
    fs_err::create_dir_all(dir)?;
    for (name, df) in tables.iter() {
        let mut df = df.clone();
        let csv = dir.join(format!("{name}.csv"));
        let mut f = fs_err::File::create(&csv)?;
        CsvWriter::new(&mut f)
            .include_header(true)
            .finish(&mut df)
            .map_err(|source| Error::Write {
                path: csv.clone(),
                source,
            })?;
        let pq = dir.join(format!("{name}.parquet"));
        let f = fs_err::File::create(&pq)?;
        ParquetWriter::new(f)
            .with_compression(ParquetCompression::Snappy)
            .with_row_group_size(None)
            .set_parallel(false)
            .finish(&mut df)
            .map_err(|source| Error::Write {
                path: pq.clone(),
                source,
            })?;
    }
    Ok(())
}
