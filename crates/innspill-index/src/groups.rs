//! Group keys (`{respondent}|{year}`) and facet profiles numbered once across all segments
//! of a searcher.
//!
//! Grouping by respondent needs, for every hit, a key that is the same in every segment.
//! Turning each segment's column ordinals into key strings on every search (and merging
//! the segments' groups in hash maps of strings) took a third of a search with hits in
//! 15,000 groups. The table here reads each segment's dictionary of keys once, numbers the
//! distinct keys (and the distinct respondents among them) across segments, and is kept
//! until the searcher has a segment it does not know (after a commit or a merge).
//!
//! Facet counts likewise: each segment's dictionary of [`Profile`]s (size class, county,
//! themes of a paragraph) is decoded once into numbers, so a search counts hits per
//! profile ordinal and adds up the profiles' sizes, counties and themes at the end.
//!
//! Both columns are also read through once per segment ([`SegmentTable`]), so that a
//! search with 100,000 hits does not decode two bit-packed fast-field values per hit
//! (which was a tenth of such a search). A document's paragraphs are indexed one after
//! the other, so a segment's group ordinals come in long runs: they are kept as runs,
//! which hits (in ascending order) walk through with a cursor. Profiles change from
//! paragraph to paragraph (themes are a paragraph's own): they are kept one per
//! paragraph, in two bytes while a segment has fewer than 65,535 distinct profiles.
//! Kept per-paragraph numbers of 4 bytes each were slower than the column: at 1.2 million
//! paragraphs every hit missed the cache.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::{DocId, Searcher, SegmentReader};

use crate::schema::Profile;
use tantivy::index::SegmentId;

/// What a search needs of one segment's `group` and `profile` columns.
#[derive(Debug, Default)]
pub(crate) struct SegmentTable {
    /// Group column ordinal → group.
    pub(crate) groups_of: Vec<u32>,
    /// The first paragraph of each run of paragraphs with the same group ordinal,
    /// ascending, the first one 0 (empty for a segment without paragraphs).
    run_starts: Vec<DocId>,
    /// The group column ordinal of each run; `groups_of.len()` for paragraphs without a key.
    run_ords: Vec<u32>,
    /// Profile column ordinal → profile (`None`: one this build cannot read).
    pub(crate) profiles: Vec<Option<ProfileIds>>,
    /// Paragraph → its profile column ordinal.
    doc_profile: DocOrds,
}

/// One ordinal per paragraph, the maximum of the type for none.
#[derive(Debug)]
enum DocOrds {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Default for DocOrds {
    fn default() -> Self {
        DocOrds::Narrow(Vec::new())
    }
}

impl SegmentTable {
    /// The group column ordinal of paragraph `doc` (`groups_of.len()` for one without a
    /// key). `cursor` is the run of the last call: from one call to the next with
    /// ascending paragraphs it moves forward, so a lookup is a comparison or two.
    #[inline]
    pub(crate) fn group_ord(&self, doc: DocId, cursor: &mut usize) -> usize {
        let starts = &self.run_starts;
        let within = |i: usize| {
            starts.get(i).is_some_and(|&s| s <= doc)
                && starts.get(i + 1).is_none_or(|&next| doc < next)
        };
        let c = *cursor;
        let run = if within(c) {
            c
        } else if within(c + 1) {
            c + 1
        } else {
            // Gallop forward from the cursor to a window that holds `doc`'s run, then
            // search it; behind the cursor, search from the start.
            let (mut lo, mut hi) = (0, starts.len());
            if starts.get(c).is_some_and(|&s| s <= doc) {
                lo = c;
                let mut step = 2;
                while c + step < starts.len() && starts[c + step] <= doc {
                    lo = c + step;
                    step *= 2;
                }
                hi = (c + step + 1).min(starts.len());
            }
            match (lo + starts[lo..hi].partition_point(|&s| s <= doc)).checked_sub(1) {
                Some(i) => i,
                None => return self.groups_of.len(),
            }
        };
        *cursor = run;
        self.run_ords[run] as usize
    }

    /// The profile column ordinal of paragraph `doc`, if it has one.
    #[inline]
    pub(crate) fn profile_ord(&self, doc: DocId) -> Option<usize> {
        match &self.doc_profile {
            DocOrds::Narrow(v) => v
                .get(doc as usize)
                .filter(|&&o| o != u16::MAX)
                .map(|&o| o as usize),
            DocOrds::Wide(v) => v
                .get(doc as usize)
                .filter(|&&o| o != u32::MAX)
                .map(|&o| o as usize),
        }
    }
}

/// Ordinal → group of each segment, the groups' keys and their respondents.
#[derive(Debug)]
pub(crate) struct GroupTable {
    /// Per segment: its groups and profiles.
    segments: HashMap<SegmentId, Arc<SegmentTable>>,
    /// Group → key.
    keys: Vec<String>,
    /// The group of paragraphs without a key (key `""`).
    none: u32,
    /// Group → respondent (the key up to `|`).
    respondent: Vec<u32>,
    /// Number of distinct respondents.
    respondents: usize,
    /// Size classes, counties and themes named in the profiles.
    pub(crate) names: FacetNames,
}

/// The names of sizes, counties and themes, numbered in order of first appearance.
#[derive(Debug, Default)]
pub(crate) struct FacetNames {
    pub(crate) size: Vec<String>,
    pub(crate) fylke: Vec<String>,
    pub(crate) theme: Vec<String>,
}

/// A [`Profile`] with its names as numbers in [`FacetNames`].
#[derive(Debug, Clone)]
pub(crate) struct ProfileIds {
    pub(crate) size: Option<u32>,
    pub(crate) fylke: Option<u32>,
    pub(crate) themes: Vec<u32>,
}

impl GroupTable {
    /// Read the `group` column's dictionary of each segment of `searcher`.
    fn build(searcher: &Searcher) -> tantivy::Result<GroupTable> {
        let mut by_key: HashMap<String, u32> = HashMap::new();
        let mut by_respondent: HashMap<String, u32> = HashMap::new();
        let mut keys = Vec::new();
        let mut respondent = Vec::new();
        let mut intern = |key: &str| -> u32 {
            if let Some(&g) = by_key.get(key) {
                return g;
            }
            let g = keys.len() as u32;
            let r_key = key.split('|').next().unwrap_or(key);
            let next = by_respondent.len() as u32;
            let r = *by_respondent.entry(r_key.to_string()).or_insert(next);
            keys.push(key.to_string());
            respondent.push(r);
            by_key.insert(key.to_string(), g);
            g
        };
        let mut names = FacetNames::default();
        let mut segments = HashMap::new();
        for reader in searcher.segment_readers() {
            let mut table = SegmentTable::default();
            if let Some(column) = reader.fast_fields().str("group")? {
                let mut stream = column.dictionary().stream()?;
                while stream.advance() {
                    // A key that is not UTF-8 (a damaged column) reads as empty, as before.
                    table.groups_of.push(intern(
                        std::str::from_utf8(stream.key()).unwrap_or_default(),
                    ));
                }
            }
            let none = table.groups_of.len() as u32;
            let column = reader.fast_fields().str("group")?;
            for_each_doc(reader, column.as_ref().map(|c| c.ords()), |doc, ord| {
                let ord = match ord {
                    Some(o) if o < u64::from(none) => o as u32,
                    _ => none,
                };
                if table.run_ords.last() != Some(&ord) {
                    table.run_starts.push(doc);
                    table.run_ords.push(ord);
                }
            });
            if let Some(column) = reader.fast_fields().str("profile")? {
                let mut stream = column.dictionary().stream()?;
                while stream.advance() {
                    table.profiles.push(Profile::decode(stream.key()).map(|p| {
                        ProfileIds {
                            size: p.size.map(|n| name_id(&mut names.size, n)),
                            fylke: p.fylke.map(|n| name_id(&mut names.fylke, n)),
                            themes: p
                                .themes
                                .into_iter()
                                .map(|n| name_id(&mut names.theme, n))
                                .collect(),
                        }
                    }));
                }
            }
            let known = table.profiles.len() as u64;
            let column = reader.fast_fields().str("profile")?;
            let column = column.as_ref().map(|c| c.ords());
            let docs = reader.max_doc() as usize;
            table.doc_profile = if known < u64::from(u16::MAX) {
                let mut v = Vec::with_capacity(docs);
                for_each_doc(reader, column, |_, ord| {
                    v.push(ord.filter(|&o| o < known).map_or(u16::MAX, |o| o as u16));
                });
                DocOrds::Narrow(v)
            } else {
                let mut v = Vec::with_capacity(docs);
                for_each_doc(reader, column, |_, ord| {
                    v.push(ord.filter(|&o| o < known).map_or(u32::MAX, |o| o as u32));
                });
                DocOrds::Wide(v)
            };
            segments.insert(reader.segment_id(), Arc::new(table));
        }
        let none = intern("");
        let respondents = respondent.iter().max().map_or(0, |&r| r as usize + 1);
        Ok(GroupTable {
            segments,
            keys,
            none,
            respondent,
            respondents,
            names,
        })
    }

    /// The groups and profiles of segment `id` (empty for a segment it does not know).
    pub(crate) fn segment(&self, id: SegmentId) -> Arc<SegmentTable> {
        self.segments.get(&id).cloned().unwrap_or_default()
    }

    /// Number of groups (including the group of paragraphs without a key).
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The group of paragraphs without a key.
    pub(crate) fn none(&self) -> u32 {
        self.none
    }

    /// The key of group `g`.
    pub(crate) fn key(&self, g: u32) -> &str {
        &self.keys[g as usize]
    }

    /// Distinct respondents among `groups`.
    pub(crate) fn distinct_respondents(&self, groups: impl Iterator<Item = u32>) -> u64 {
        let mut seen = vec![false; self.respondents];
        let mut n = 0;
        for g in groups {
            let r = self.respondent[g as usize] as usize;
            if !seen[r] {
                seen[r] = true;
                n += 1;
            }
        }
        n
    }
}

/// Call `f` with every paragraph of `reader` in order and its first value in `column`
/// (`None` without a column or a value), read in blocks.
fn for_each_doc(
    reader: &SegmentReader,
    column: Option<&tantivy::columnar::Column<u64>>,
    mut f: impl FnMut(DocId, Option<u64>),
) {
    const BLOCK: u32 = 4096;
    let max_doc = reader.max_doc();
    let mut docs: Vec<DocId> = Vec::with_capacity(BLOCK as usize);
    let mut vals = vec![None; BLOCK as usize];
    let mut start = 0;
    while start < max_doc {
        let end = max_doc.min(start + BLOCK);
        docs.clear();
        docs.extend(start..end);
        let vals = &mut vals[..docs.len()];
        if let Some(column) = column {
            column.first_vals(&docs, vals);
        }
        for (&doc, &v) in docs.iter().zip(vals.iter()) {
            f(doc, v);
        }
        start = end;
    }
}

/// The number of `name` in `names`, added when new (a handful of names: a scan is fine).
fn name_id(names: &mut Vec<String>, name: String) -> u32 {
    match names.iter().position(|n| *n == name) {
        Some(i) => i as u32,
        None => {
            names.push(name);
            names.len() as u32 - 1
        }
    }
}

/// The [`GroupTable`] of the segments searched last, kept between searches.
#[derive(Debug, Default)]
pub(crate) struct GroupCache(Mutex<Option<Arc<GroupTable>>>);

impl GroupCache {
    /// The table for `searcher`'s segments: the kept one when it knows them all.
    pub(crate) fn get(&self, searcher: &Searcher) -> tantivy::Result<Arc<GroupTable>> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(table) = kept.as_ref()
            && searcher
                .segment_readers()
                .iter()
                .all(|r| table.segments.contains_key(&r.segment_id()))
        {
            return Ok(Arc::clone(table));
        }
        let table = Arc::new(GroupTable::build(searcher)?);
        *kept = Some(Arc::clone(&table));
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A segment table whose paragraphs have the group ordinals `ords`.
    fn table(ords: &[u32], groups: usize) -> SegmentTable {
        let mut t = SegmentTable {
            groups_of: (0..groups as u32).collect(),
            ..SegmentTable::default()
        };
        for (doc, &ord) in ords.iter().enumerate() {
            if t.run_ords.last() != Some(&ord) {
                t.run_starts.push(doc as DocId);
                t.run_ords.push(ord);
            }
        }
        t
    }

    #[test]
    fn an_empty_segment_has_only_the_group_without_a_key() {
        let t = table(&[], 3);
        let mut cursor = 0;
        assert_eq!(t.group_ord(0, &mut cursor), 3);
        assert_eq!(t.group_ord(7, &mut cursor), 3);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Walking the runs with a cursor finds each paragraph's own ordinal, whether the
        /// paragraphs come in ascending order (as hits do), jump far ahead, or go back.
        #[test]
        fn the_run_cursor_finds_every_paragraphs_group(
            runs in proptest::collection::vec((0u32..6, 1usize..40), 1..60),
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..200),
            ascending in any::<bool>(),
        ) {
            let ords: Vec<u32> = runs
                .iter()
                .flat_map(|&(ord, len)| std::iter::repeat_n(ord, len))
                .collect();
            let t = table(&ords, 6);
            let mut docs: Vec<usize> = picks.iter().map(|i| i.index(ords.len())).collect();
            if ascending {
                docs.sort_unstable();
            }
            let mut cursor = 0;
            for doc in docs {
                prop_assert_eq!(t.group_ord(doc as DocId, &mut cursor), ords[doc] as usize);
            }
        }
    }
}
