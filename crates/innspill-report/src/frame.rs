//! Reading the aggregate tables column by column into plain Rust values.
//!
//! The report reads the tables by the column names agreed with `innspill-aggregate`
//! (`helpers/TABLES.md`); it casts each column to the type it needs, so an integer count
//! stored as `u32` or `i64` reads the same. A missing column is an error that names the
//! table and the column.

use polars::prelude::{DataFrame, DataType};

use crate::Error;

/// A named table to read columns from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table<'a> {
    pub(crate) name: &'a str,
    pub(crate) df: &'a DataFrame,
}

impl<'a> Table<'a> {
    pub(crate) fn new(name: &'a str, df: &'a DataFrame) -> Table<'a> {
        Table { name, df }
    }

    pub(crate) fn height(&self) -> usize {
        self.df.height()
    }

    fn err(&self, column: &str, problem: impl std::fmt::Display) -> Error {
        Error::Column {
            table: self.name.to_string(),
            column: column.to_string(),
            problem: problem.to_string(),
        }
    }

    fn cast(&self, column: &str, to: &DataType) -> Result<polars::prelude::Column, Error> {
        let c = self
            .df
            .column(column)
            .map_err(|_| self.err(column, "is missing"))?;
        c.cast(to)
            .map_err(|e| self.err(column, format_args!("cannot be read as {to}: {e}")))
    }

    /// Whether the table has a column called `column`.
    pub(crate) fn has(&self, column: &str) -> bool {
        self.df.column(column).is_ok()
    }

    /// A column as text (numbers are formatted by polars; nulls stay `None`).
    pub(crate) fn strings(&self, column: &str) -> Result<Vec<Option<String>>, Error> {
        let c = self.cast(column, &DataType::String)?;
        let ca = c.str().map_err(|e| self.err(column, e))?;
        Ok(ca.iter().map(|v| v.map(str::to_string)).collect())
    }

    /// A column as text with nulls as empty strings.
    pub(crate) fn text(&self, column: &str) -> Result<Vec<String>, Error> {
        Ok(self
            .strings(column)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect())
    }

    /// A numeric column as `f64`.
    pub(crate) fn floats(&self, column: &str) -> Result<Vec<Option<f64>>, Error> {
        let c = self.cast(column, &DataType::Float64)?;
        let ca = c.f64().map_err(|e| self.err(column, e))?;
        Ok(ca.iter().collect())
    }

    /// A count column as `u64` (nulls and negative values read as 0).
    pub(crate) fn counts(&self, column: &str) -> Result<Vec<u64>, Error> {
        Ok(self
            .floats(column)?
            .into_iter()
            .map(|v| {
                v.filter(|x| x.is_finite() && *x > 0.0)
                    .map_or(0, |x| x as u64)
            })
            .collect())
    }

    /// A boolean column (nulls read as `false`).
    pub(crate) fn bools(&self, column: &str) -> Result<Vec<bool>, Error> {
        let c = self.cast(column, &DataType::Boolean)?;
        let ca = c.bool().map_err(|e| self.err(column, e))?;
        Ok(ca.iter().map(|v| v.unwrap_or(false)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    fn frame() -> DataFrame {
        df!(
            "group" => ["liten", "stor"],
            "raising" => [3u32, 7],
            "share" => [Some(0.25f64), None],
            "small_cell" => [true, false],
        )
        .unwrap()
    }

    #[test]
    fn reads_columns_by_casting() {
        let df = frame();
        let t = Table::new("themes_by_size", &df);
        assert_eq!(t.text("group").unwrap(), ["liten", "stor"]);
        assert_eq!(t.counts("raising").unwrap(), [3, 7]);
        assert_eq!(t.strings("raising").unwrap()[1].as_deref(), Some("7"));
        assert_eq!(t.floats("share").unwrap(), [Some(0.25), None]);
        assert_eq!(t.bools("small_cell").unwrap(), [true, false]);
        assert!(t.has("share") && !t.has("lift"));
    }

    #[test]
    fn a_missing_column_names_table_and_column() {
        let df = frame();
        let err = Table::new("themes_by_size", &df)
            .floats("lift")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"table "themes_by_size": column "lift" is missing"#
        );
    }
}
