//! `response_rate`: answered / all in the register, by size class and by county.

use std::collections::{BTreeMap, BTreeSet};

use innspill_model::{Register, RespondentKind, SizeClass};
use polars::prelude::*;

use crate::Error;
use crate::frame::FrameBuilder;
use crate::prep::{Corpus, UNKNOWN_GROUP, kind_name};
use crate::themes::ALL_GROUP;

/// One row per size class, per county and per kind (`kommune`, `fylkeskommune`) of the
/// register, and one for the whole register (`dimension` = `"alle"`), for each year
/// answered (`year`). Only respondents found in the register count as answered, once each
/// however many documents they sent. The `kind` rows tell how much of the country the
/// register covers (see [`crate::MUNICIPALITIES_2026`]).
pub(crate) fn response_rate(c: &Corpus<'_>, register: &Register) -> Result<DataFrame, Error> {
    // The years answered; documents without a year form their own (null) year.
    let years: BTreeSet<Option<u16>> = c.docs.iter().map(|d| d.doc.year).collect();
    let mut dim = Vec::new();
    let mut group = Vec::new();
    let mut in_reg = Vec::new();
    let mut ans = Vec::new();
    let mut rate = Vec::new();
    let mut year_col = Vec::new();
    for year in years {
        let answered: BTreeSet<&str> = c
            .docs
            .iter()
            .filter(|d| d.doc.year == year)
            .filter_map(|d| d.kommunenummer.as_deref())
            .filter(|nr| register.get(nr).is_some())
            .collect();
        // (dimension, group) → (in register, answered); dimension 0 = size class, 1 = fylke,
        // 2 = kind, 3 = all.
        let mut counts: BTreeMap<(u8, (usize, String)), (u64, u64)> = BTreeMap::new();
        for e in &register.entries {
            let yes = u64::from(answered.contains(e.kommunenummer.as_str()));
            let size = register.size_class(e);
            let size_key = (
                size.map_or(usize::MAX, |s| s as usize),
                size.map_or(UNKNOWN_GROUP, SizeClass::as_str).to_string(),
            );
            let kind = match e.kind {
                RespondentKind::Kommune => 0,
                RespondentKind::Fylkeskommune => 1,
                RespondentKind::KsRegion => 2,
                RespondentKind::Unknown => 3,
            };
            let kind = (kind, kind_name(e.kind));
            for key in [
                (0u8, size_key),
                (1u8, (0, e.fylke.clone())),
                (2u8, (kind.0, kind.1.to_string())),
                (3u8, (0, ALL_GROUP.to_string())),
            ] {
                let v = counts.entry(key).or_default();
                v.0 += 1;
                v.1 += yes;
            }
        }
        for ((d, (_, g)), (n, a)) in counts {
            dim.push(["size_class", "fylke", "kind", ALL_GROUP][d as usize].to_string());
            group.push(g);
            in_reg.push(n);
            ans.push(a);
            rate.push(a as f64 / n as f64);
            year_col.push(year.map(u32::from));
        }
    }
    FrameBuilder::new("response_rate")
        .col("dimension", dim)
        .col("group", group)
        .col("in_register", in_reg)
        .col("answered", ans)
        .col("rate", rate)
        .col("year", year_col)
        .build()
}
