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

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::Searcher;

use crate::schema::Profile;
use tantivy::index::SegmentId;

/// Ordinal → group of each segment, the groups' keys and their respondents.
#[derive(Debug)]
pub(crate) struct GroupTable {
    /// Per segment: column ordinal → group.
    segments: HashMap<SegmentId, Arc<Vec<u32>>>,
    /// Group → key.
    keys: Vec<String>,
    /// The group of paragraphs without a key (key `""`).
    none: u32,
    /// Group → respondent (the key up to `|`).
    respondent: Vec<u32>,
    /// Number of distinct respondents.
    respondents: usize,
    /// Per segment: profile column ordinal → profile (`None`: one this build cannot read).
    profiles: HashMap<SegmentId, Arc<Vec<Option<ProfileIds>>>>,
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
        let mut segments = HashMap::new();
        for reader in searcher.segment_readers() {
            let mut ords = Vec::new();
            if let Some(column) = reader.fast_fields().str("group")? {
                let mut stream = column.dictionary().stream()?;
                while stream.advance() {
                    // A key that is not UTF-8 (a damaged column) reads as empty, as before.
                    ords.push(intern(
                        std::str::from_utf8(stream.key()).unwrap_or_default(),
                    ));
                }
            }
            segments.insert(reader.segment_id(), Arc::new(ords));
        }
        let mut names = FacetNames::default();
        let mut profiles = HashMap::new();
        for reader in searcher.segment_readers() {
            let mut decoded = Vec::new();
            if let Some(column) = reader.fast_fields().str("profile")? {
                let mut stream = column.dictionary().stream()?;
                while stream.advance() {
                    decoded.push(Profile::decode(stream.key()).map(|p| {
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
            profiles.insert(reader.segment_id(), Arc::new(decoded));
        }
        let none = intern("");
        let respondents = respondent.iter().max().map_or(0, |&r| r as usize + 1);
        Ok(GroupTable {
            segments,
            keys,
            none,
            respondent,
            respondents,
            profiles,
            names,
        })
    }

    /// Profile ordinal → profile of segment `id` (empty for a segment it does not know).
    pub(crate) fn profiles(&self, id: SegmentId) -> Arc<Vec<Option<ProfileIds>>> {
        self.profiles.get(&id).cloned().unwrap_or_default()
    }

    /// Ordinal → group of segment `id` (empty for a segment it does not know).
    pub(crate) fn segment(&self, id: SegmentId) -> Arc<Vec<u32>> {
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
