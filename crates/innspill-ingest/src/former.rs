//! Earlier municipalities and counties (mergers, splits and new numbers since 2017) and
//! their successors of 2026, from `data/former-2017-2026.csv`.
//!
//! The table was written by hand from SSB's published changes to Klass 131 (municipalities)
//! and 104 (counties): the county reforms of 2018 (Trøndelag), 2020 (Vestland, Agder,
//! Innlandet, Viken, Vestfold og Telemark, Troms og Finnmark) and 2024 (Viken, Vestfold og
//! Telemark, Troms og Finnmark split), the municipal mergers of 2017–2020 and the split
//! of Ålesund and Haram in 2024, with the numbers a municipality had before and, where
//! it had one, between 2020 and 2023. A unit that was divided among several successors
//! (Snillfjord, Tysfjord, Viken) lists them all and is never mapped to one of them.

use std::sync::OnceLock;

use crate::csv::records;

const TABLE: &str = include_str!("../data/former-2017-2026.csv");

/// One earlier municipality or county (or an earlier number of one that still exists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Former {
    /// Its number then (two digits for a county).
    pub(crate) nr: String,
    /// Its name then.
    pub(crate) name: String,
    /// The 2026 numbers it went into; more than one when it was divided.
    pub(crate) successors: Vec<String>,
    /// The day of the change (`2020-01-01`).
    pub(crate) date: String,
    /// What happened, in SSB's words (Norwegian).
    pub(crate) change: String,
}

impl Former {
    /// Whether this is a county.
    pub(crate) fn is_county(&self) -> bool {
        self.nr.len() == 2
    }

    /// `county` or `municipality`, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        if self.is_county() {
            "county"
        } else {
            "municipality"
        }
    }

    /// The one successor, unless it was divided.
    pub(crate) fn successor(&self) -> Option<&str> {
        match self.successors.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

/// The whole table, read once.
pub(crate) fn former() -> &'static [Former] {
    static TABLE_ROWS: OnceLock<Vec<Former>> = OnceLock::new();
    TABLE_ROWS.get_or_init(|| {
        records(TABLE)
            .into_iter()
            .skip(1)
            .map(|(_, r)| Former {
                nr: r[0].clone(),
                name: r[1].clone(),
                successors: r[2].split_whitespace().map(str::to_string).collect(),
                date: r[3].clone(),
                change: r[4].clone(),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_complete_and_no_earlier_number_is_a_number_of_2026() {
        let register = crate::builtin_register();
        assert!(former().len() >= 150, "{}", former().len());
        for f in former() {
            assert!(
                matches!(f.nr.len(), 2 | 4) && f.nr.chars().all(|c| c.is_ascii_digit()),
                "{f:?}"
            );
            assert!(!f.name.is_empty() && !f.change.is_empty(), "{f:?}");
            assert!(f.date.len() == 10 && f.date.starts_with("20"), "{f:?}");
            assert!(
                register.get(&f.nr).is_none(),
                "{} {} is a number of 2026 ({})",
                f.nr,
                f.name,
                register.get(&f.nr).unwrap().name
            );
            assert!(!f.successors.is_empty(), "{f:?}");
            for s in &f.successors {
                let e = register.get(s).unwrap_or_else(|| {
                    panic!("{} {}: successor {s} is not in the register", f.nr, f.name)
                });
                assert_eq!(e.kommunenummer.len(), f.nr.len(), "{f:?}");
            }
        }
    }
}
