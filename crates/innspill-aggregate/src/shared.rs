//! `shared_text`: clusters of near-identical passages across respondents (a regional
//! draft adopted by many, copied paragraphs), and each respondent's own text beyond them.
//!
//! Each own paragraph of at least [`SharedOptions::min_tokens`] tokens becomes a set of
//! word shingles (`k`-grams of the analyser's keys, stop words included: copied text is
//! about the exact wording); MinHash + LSH propose candidate pairs, exact Jaccard confirms
//! them (see [`crate::minhash`]). A cluster must span at least two respondents.
//!
//! A *draft* is a whole text adopted by several respondents (a regional draft, or a
//! neighbour's statement). Single paragraphs do not tell it: the same stock sentences turn
//! up in many unrelated statements. So each document becomes the set of its paragraphs'
//! cluster ids (a paragraph in no cluster counts as an id of its own), and documents whose
//! sets have Jaccard ≥ [`SharedOptions::threshold`] — mostly the same paragraphs — are
//! joined, by the same MinHash + LSH machinery. Documents with fewer than
//! [`SharedOptions::min_draft_paragraphs`] comparable paragraphs take no part.

use std::collections::{BTreeSet, HashMap};

use polars::prelude::*;
use rayon::prelude::*;

use crate::frame::FrameBuilder;
use crate::minhash::{LshParams, clusters, intersection, jaccard_of, medoid, shingles};
use crate::prep::Corpus;
use crate::{Error, SharedOptions};

/// What the shared-text pass returns besides its table.
pub(crate) struct Shared {
    pub(crate) table: DataFrame,
    /// Per document (in corpus order): share of its own text outside shared passages.
    pub(crate) own_text_share: Vec<Option<f64>>,
    /// Per paragraph index (into `Corpus::paras`): its cluster id, if any.
    pub(crate) cluster_of: HashMap<usize, u32>,
    /// Per document: the draft that makes up at least half of its own text, if any.
    pub(crate) draft_of_doc: Vec<Option<u32>>,
}

pub(crate) fn shared_text(c: &Corpus<'_>, opt: &SharedOptions) -> Result<Shared, Error> {
    // Candidate paragraphs and their shingle sets.
    let items: Vec<usize> = (0..c.paras.len())
        .filter(|&i| c.paras[i].toks.iter().filter(|t| t.word).count() >= opt.min_tokens)
        .collect();
    let sets: Vec<Vec<u64>> = items
        .par_iter()
        .map(|&i| {
            let keys: Vec<u64> = c.paras[i].toks.iter().map(|t| t.key).collect();
            shingles(&keys, opt.shingle)
        })
        .collect();
    let params = LshParams {
        threshold: opt.threshold,
        ..LshParams::default()
    };
    let unit_of = |item: usize| c.docs[c.paras[items[item]].doc].unit.as_str();
    // Keep clusters spanning at least two respondents.
    let mut found: Vec<Vec<usize>> = clusters(&sets, params)
        .into_iter()
        .filter(|g| {
            let first = unit_of(g[0]);
            g.iter().any(|&m| unit_of(m) != first)
        })
        .collect();
    let units_in = |g: &[usize]| -> BTreeSet<&str> { g.iter().map(|&m| unit_of(m)).collect() };
    // Order: most respondents first, then by first member (documents are sorted).
    found.sort_by_cached_key(|g| (std::cmp::Reverse(units_in(g).len()), g[0]));

    let cluster_of_item: HashMap<usize, usize> = found
        .iter()
        .enumerate()
        .flat_map(|(ci, g)| g.iter().map(move |&m| (m, ci)))
        .collect();
    let draft_of_doc = drafts(c, &items, &cluster_of_item, opt);

    let mut cluster_col = Vec::new();
    let mut draft_col = Vec::new();
    let mut size_col = Vec::new();
    let mut doc_col = Vec::new();
    let mut nr_col = Vec::new();
    let mut name_col = Vec::new();
    let mut para_col = Vec::new();
    let mut sim_col = Vec::new();
    let mut changed_col = Vec::new();
    let mut text_col = Vec::new();
    let mut copied_chars = vec![0.0f64; c.docs.len()];
    let mut cluster_of = HashMap::new();
    // Each cluster's medoid, in parallel (the slow part for a draft adopted by many).
    let medoids: Vec<usize> = found.par_iter().map(|g| medoid(&sets, g)).collect();
    for ((ci, g), &m) in found.iter().enumerate().zip(&medoids) {
        let size = units_in(g).len() as u32;
        // Members in document order, the medoid first.
        let mut members = g.clone();
        members.sort_by_key(|&x| (x != m, x));
        for &x in &members {
            let p = &c.paras[items[x]];
            let d = &c.docs[p.doc];
            let inter = intersection(&sets[x], &sets[m]);
            let sim = jaccard_of(inter, sets[x].len(), sets[m].len());
            let kept = inter as f64 / sets[x].len().max(1) as f64;
            let changed = 1.0 - kept;
            copied_chars[p.doc] += p.chars as f64 * kept;
            cluster_of.insert(items[x], ci as u32 + 1);
            cluster_col.push(ci as u32 + 1);
            draft_col.push(draft_of_doc[p.doc]);
            size_col.push(size);
            doc_col.push(d.doc.id.as_str());
            nr_col.push(d.kommunenummer.as_deref());
            name_col.push(d.name.as_deref());
            para_col.push(p.n);
            sim_col.push(sim);
            changed_col.push(changed);
            text_col.push(p.text);
        }
    }
    let own_text_share = (0..c.docs.len())
        .map(|i| {
            let total: usize = c.paras_of(i).iter().map(|p| p.chars).sum();
            (total > 0).then(|| (1.0 - copied_chars[i] / total as f64).clamp(0.0, 1.0))
        })
        .collect();
    let table = FrameBuilder::new("shared_text")
        .col("cluster", cluster_col)
        .col("draft", draft_col)
        .col("cluster_size", size_col)
        .col("doc_id", doc_col)
        .col("kommunenummer", nr_col)
        .col("name", name_col)
        .col("paragraph", para_col)
        .col("similarity", sim_col)
        .col("changed_share", changed_col)
        .col("text", text_col)
        .build()?;
    Ok(Shared {
        table,
        own_text_share,
        cluster_of,
        draft_of_doc,
    })
}

/// Per document: its draft number, if it shares most of its paragraphs with documents of
/// at least one other respondent. Drafts are numbered by size (respondents), then by their
/// first document.
fn drafts(
    c: &Corpus<'_>,
    items: &[usize],
    cluster_of_item: &HashMap<usize, usize>,
    opt: &SharedOptions,
) -> Vec<Option<u32>> {
    let mut sets: Vec<Vec<u64>> = vec![Vec::new(); c.docs.len()];
    for (item, &pi) in items.iter().enumerate() {
        let id = match cluster_of_item.get(&item) {
            Some(&ci) => ci as u64,
            // A paragraph of its own: an id no cluster has.
            None => (1 << 63) | item as u64,
        };
        sets[c.paras[pi].doc].push(id);
    }
    for s in &mut sets {
        s.sort_unstable();
        s.dedup();
        if s.len() < opt.min_draft_paragraphs {
            s.clear();
        }
    }
    let params = LshParams {
        threshold: opt.threshold,
        ..LshParams::default()
    };
    let mut groups: Vec<Vec<usize>> = clusters(&sets, params)
        .into_iter()
        .filter(|g| g.iter().any(|&d| c.docs[d].unit != c.docs[g[0]].unit))
        .collect();
    let units = |g: &[usize]| {
        g.iter()
            .map(|&d| c.docs[d].unit.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    groups.sort_by_cached_key(|g| (std::cmp::Reverse(units(g)), g[0]));
    let mut out = vec![None; c.docs.len()];
    for (k, g) in groups.iter().enumerate() {
        for &d in g {
            out[d] = Some(k as u32 + 1);
        }
    }
    out
}
