//! A tiny column-by-column builder for polars frames.

use polars::prelude::{Column, DataFrame, NamedFrom, Series};

use crate::Error;

/// Collects named columns of equal length and builds a [`DataFrame`].
#[derive(Debug)]
pub(crate) struct FrameBuilder {
    table: &'static str,
    columns: Vec<Column>,
}

impl FrameBuilder {
    pub(crate) fn new(table: &'static str) -> FrameBuilder {
        FrameBuilder {
            table,
            columns: Vec::new(),
        }
    }

    /// Add a column from anything polars can make a series of.
    pub(crate) fn col<T, V>(mut self, name: &str, values: V) -> FrameBuilder
    where
        Series: NamedFrom<V, T>,
        T: ?Sized,
    {
        self.columns.push(Column::new(name.into(), values));
        self
    }

    pub(crate) fn build(self) -> Result<DataFrame, Error> {
        let height = self.columns.first().map_or(0, Column::len);
        DataFrame::new(height, self.columns).map_err(Error::polars(self.table))
    }
}
