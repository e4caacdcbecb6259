//! `quotes`: for each theme × size class × booklet year, the most representative
//! paragraphs (each year apart, as the theme tables count them).
//!
//! A candidate is a respondent's own paragraph (not a heading) tagged with the theme from
//! its own words. Its score is the tag's score times its centrality: the cosine between
//! the paragraph's counts of content keys and the summed counts of all candidates of the
//! same theme, size class and year. The best ones are taken in order of score (ties: document
//! order, then paragraph number), at most one per respondent and one per shared-text
//! cluster, so a draft adopted by many is quoted once.

use std::collections::{BTreeMap, HashMap, HashSet};

use innspill_model::{ParagraphKind, SizeClass, Via};
use polars::prelude::*;

use crate::frame::FrameBuilder;
use crate::prep::{Corpus, Para};
use crate::{Error, ThemeInfo};

/// Counts of content keys, sorted by key (sums in a fixed order: identical bytes out).
fn vector(p: &Para<'_>) -> Vec<(u64, f64)> {
    let mut keys: Vec<u64> = p
        .toks
        .iter()
        .filter(|t| t.word && !t.stop)
        .map(|t| t.key)
        .collect();
    keys.sort_unstable();
    let mut v: Vec<(u64, f64)> = Vec::new();
    for k in keys {
        match v.last_mut() {
            Some((last, n)) if *last == k => *n += 1.0,
            _ => v.push((k, 1.0)),
        }
    }
    v
}

fn own_text_score(p: &Para<'_>, theme: &str) -> Option<f64> {
    p.tags?
        .tags
        .iter()
        .filter(|t| t.theme == theme && t.via == Via::Text)
        .map(|t| f64::from(t.score))
        .reduce(f64::max)
}

/// A cell of quotes: booklet year (`None`: unknown) and size class.
type Cell = (Option<u16>, SizeClass);

pub(crate) fn quotes(
    c: &Corpus<'_>,
    themes: &[ThemeInfo],
    cluster_of: &HashMap<usize, u32>,
    per_cell: usize,
) -> Result<DataFrame, Error> {
    let (mut theme_c, mut size_c, mut rank_c, mut doc_c, mut nr_c, mut name_c) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let (mut text_c, mut cit_c, mut score_c) = (Vec::new(), Vec::new(), Vec::new());
    let mut year_c = Vec::new();
    for t in themes {
        // (year, size class) → candidates (paragraph index, tag score).
        let mut cells: BTreeMap<Cell, Vec<(usize, f64)>> = BTreeMap::new();
        for (pi, p) in c.paras.iter().enumerate() {
            if p.kind == ParagraphKind::Heading {
                continue;
            }
            let (Some(s), Some(sc)) = (own_text_score(p, &t.id), c.docs[p.doc].size_class) else {
                continue;
            };
            cells
                .entry((c.docs[p.doc].doc.year, sc))
                .or_default()
                .push((pi, s));
        }
        for ((_, sc), cands) in cells {
            let vectors: Vec<Vec<(u64, f64)>> =
                cands.iter().map(|&(pi, _)| vector(&c.paras[pi])).collect();
            let mut centroid: BTreeMap<u64, f64> = BTreeMap::new();
            for v in &vectors {
                for (k, x) in v {
                    *centroid.entry(*k).or_insert(0.0) += x;
                }
            }
            let cnorm = centroid.values().map(|v| v * v).sum::<f64>().sqrt();
            let mut scored: Vec<(f64, usize)> = cands
                .iter()
                .zip(&vectors)
                .map(|(&(pi, s), v)| {
                    let dot: f64 = v
                        .iter()
                        .map(|(k, x)| x * centroid.get(k).unwrap_or(&0.0))
                        .sum();
                    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
                    let cos = if norm > 0.0 && cnorm > 0.0 {
                        dot / (norm * cnorm)
                    } else {
                        0.0
                    };
                    (s * cos, pi)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut seen_units = HashSet::new();
            let mut seen_clusters = HashSet::new();
            let mut rank = 0u32;
            for (score, pi) in scored {
                if rank as usize >= per_cell {
                    break;
                }
                let p = &c.paras[pi];
                let d = &c.docs[p.doc];
                if !seen_units.insert(d.unit.as_str()) {
                    continue;
                }
                if let Some(&cl) = cluster_of.get(&pi)
                    && !seen_clusters.insert(cl)
                {
                    continue;
                }
                rank += 1;
                theme_c.push(t.id.as_str());
                size_c.push(sc.as_str());
                rank_c.push(rank);
                doc_c.push(d.doc.id.as_str());
                nr_c.push(d.kommunenummer.as_deref());
                name_c.push(d.name.as_deref());
                year_c.push(d.doc.year.map(u32::from));
                text_c.push(p.text);
                cit_c.push(d.citation(p.page));
                score_c.push(score);
            }
        }
    }
    FrameBuilder::new("quotes")
        .col("theme", theme_c)
        .col("size_class", size_c)
        .col("rank", rank_c)
        .col("doc_id", doc_c)
        .col("kommunenummer", nr_c)
        .col("name", name_c)
        .col("year", year_c)
        .col("text", text_c)
        .col("citation", cit_c)
        .col("score", score_c)
        .build()
}
