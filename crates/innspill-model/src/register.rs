use serde::{Deserialize, Serialize};

use crate::kind::{RespondentKind, SizeClass};

/// Population thresholds between size classes. These are settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeThresholds {
    /// A municipality with fewer inhabitants is `liten`. By default, 5 000.
    pub mellomstor_from: u64,
    /// A municipality with at least this many inhabitants is `stor`. By default, 20 000.
    pub stor_from: u64,
}

impl Default for SizeThresholds {
    fn default() -> Self {
        SizeThresholds {
            mellomstor_from: 5_000,
            stor_from: 20_000,
        }
    }
}

impl SizeThresholds {
    /// The size class of a municipality with `population` inhabitants.
    pub fn classify(&self, population: u64) -> SizeClass {
        if population < self.mellomstor_from {
            SizeClass::Liten
        } else if population < self.stor_from {
            SizeClass::Mellomstor
        } else {
            SizeClass::Stor
        }
    }
}

/// One municipality or county authority of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    /// Four digits for a municipality (`1856`), two for a county (`18`).
    pub kommunenummer: String,
    /// Official name, possibly with Sami and Kven forms (`Porsanger - Porsáŋgu - Porsanki`).
    pub name: String,
    /// Municipality or county authority.
    pub kind: RespondentKind,
    /// Two-digit county number.
    pub fylkesnummer: String,
    /// County short name.
    pub fylke: String,
    /// Population on 1 January of `population_year`.
    pub population: Option<u64>,
    /// The year the population refers to.
    pub population_year: Option<u16>,
}

impl RegisterEntry {
    /// The first name form (`Porsanger` of `Porsanger - Porsáŋgu - Porsanki`).
    pub fn short_name(&self) -> &str {
        self.name.split(" - ").next().unwrap_or(&self.name).trim()
    }
}

/// The municipality register that ingest detects respondents against and that the
/// aggregator computes response rates from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Register {
    /// Size thresholds used for [`Register::size_class`].
    #[serde(default)]
    pub thresholds: SizeThresholds,
    /// Entries sorted by number.
    pub entries: Vec<RegisterEntry>,
    /// Where the register came from and the date it describes; absent in registers
    /// written before this was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RegisterSource>,
}

/// Where a [`Register`] came from, for `innspill register show` and the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterSource {
    /// The sources, as the report names them («SSB Klass 131 og 104 per 1. januar 2026, …»,
    /// or the files an import read).
    pub name: String,
    /// The date the register describes (`2026-01-01`), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Whether this is the register compiled into the program (the default of a new
    /// store) rather than one imported into the store.
    #[serde(default)]
    pub builtin: bool,
}

impl Register {
    /// The entry with number `nr`.
    pub fn get(&self, nr: &str) -> Option<&RegisterEntry> {
        self.entries
            .binary_search_by(|e| e.kommunenummer.as_str().cmp(nr))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// Sort entries by number and drop exact duplicates (call after building by hand).
    pub fn normalize(&mut self) {
        self.entries
            .sort_by(|a, b| a.kommunenummer.cmp(&b.kommunenummer));
        self.entries
            .dedup_by(|a, b| a.kommunenummer == b.kommunenummer);
    }

    /// The size class of an entry.
    pub fn size_class(&self, e: &RegisterEntry) -> Option<SizeClass> {
        match e.kind {
            RespondentKind::Fylkeskommune => Some(SizeClass::Fylkeskommune),
            RespondentKind::Kommune => e.population.map(|p| self.thresholds.classify(p)),
            RespondentKind::KsRegion | RespondentKind::Unknown => None,
        }
    }
}
