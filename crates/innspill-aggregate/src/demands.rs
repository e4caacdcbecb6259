//! `demands`: every demand the tagger extracted from a respondent's own paragraphs, with
//! recurring demands grouped (near-identical key sets, MinHash + Jaccard ≥ 0.5).

use std::collections::{BTreeSet, HashMap};

use innspill_norsk::{Analyzer, TokenKind};
use polars::prelude::*;

use crate::Error;
use crate::frame::FrameBuilder;
use crate::hash::hash_str;
use crate::minhash::{LshParams, clusters, shingles};
use crate::prep::Corpus;

pub(crate) fn demands(c: &Corpus<'_>, analyzer: &Analyzer) -> Result<DataFrame, Error> {
    // (paragraph index, demand) in document order.
    let mut all = Vec::new();
    for (pi, p) in c.paras.iter().enumerate() {
        if let Some(pt) = p.tags {
            let mut ds: Vec<_> = pt.demands.iter().collect();
            ds.sort_by_key(|d| (d.start, d.end));
            all.extend(ds.into_iter().map(|d| (pi, d)));
        }
    }
    // Key sets of content words, for grouping: the paragraph's tokens where the demand's
    // offsets lie within it, else the demand's own text analysed.
    let sets: Vec<Vec<u64>> = all
        .iter()
        .map(|&(pi, d)| {
            let keys: Vec<u64> = match c.paras[pi].toks_in(d.start, d.end) {
                Some(toks) => toks
                    .iter()
                    .filter(|t| t.word && !t.stop)
                    .map(|t| t.key)
                    .collect(),
                None => analyzer
                    .analyze(&d.text)
                    .into_iter()
                    .filter(|t| t.kind == TokenKind::Word && !t.stop)
                    .map(|t| hash_str(&t.key))
                    .collect(),
            };
            shingles(&keys, 1)
        })
        .collect();
    let mut group_of: Vec<usize> = (0..all.len()).collect();
    for g in clusters(&sets, LshParams::default()) {
        for &m in &g {
            group_of[m] = g[0];
        }
    }
    // Group size: distinct respondents. Numbering: largest group first, then by first member.
    let mut respondents: HashMap<usize, BTreeSet<&str>> = HashMap::new();
    for (i, (pi, _)) in all.iter().enumerate() {
        respondents
            .entry(group_of[i])
            .or_default()
            .insert(c.docs[c.paras[*pi].doc].unit.as_str());
    }
    let mut roots: Vec<usize> = respondents.keys().copied().collect();
    roots.sort_by(|a, b| {
        respondents[b]
            .len()
            .cmp(&respondents[a].len())
            .then(a.cmp(b))
    });
    let number: HashMap<usize, u32> = roots
        .iter()
        .enumerate()
        .map(|(k, &r)| (r, k as u32 + 1))
        .collect();
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| (number[&group_of[i]], i));

    let mut cols: (Vec<&str>, Vec<Option<&str>>, Vec<Option<&str>>) = Default::default();
    let (mut size, mut fylke, mut addressee, mut themes, mut text, mut citation) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let (mut group, mut group_size, mut year) = (Vec::new(), Vec::new(), Vec::new());
    for i in order {
        let (pi, dem) = all[i];
        let p = &c.paras[pi];
        let d = &c.docs[p.doc];
        cols.0.push(d.doc.id.as_str());
        cols.1.push(d.kommunenummer.as_deref());
        cols.2.push(d.name.as_deref());
        size.push(d.size_class.map(|s| s.as_str()));
        fylke.push(d.fylke.as_deref());
        year.push(d.doc.year.map(u32::from));
        addressee.push(dem.addressee.as_str());
        themes.push(dem.themes.join(", "));
        text.push(dem.text.as_str());
        citation.push(d.citation(p.page));
        group.push(number[&group_of[i]]);
        group_size.push(respondents[&group_of[i]].len() as u32);
    }
    FrameBuilder::new("demands")
        .col("doc_id", cols.0)
        .col("kommunenummer", cols.1)
        .col("name", cols.2)
        .col("size_class", size)
        .col("fylke", fylke)
        .col("year", year)
        .col("addressee", addressee)
        .col("themes", themes)
        .col("text", text)
        .col("citation", citation)
        .col("group", group)
        .col("group_size", group_size)
        .build()
}
