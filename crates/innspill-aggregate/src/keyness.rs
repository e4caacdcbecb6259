//! `keyness`: the words and phrases that set one size class or county apart from the
//! rest, by the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
//! Colaresi and Quinn 2008, «Fightin' Words»).
//!
//! Counts are of the analyser's keys (so Bokmål `kommunene` and Nynorsk `kommunane`
//! count together) of non-stop words in statement and decision paragraphs, and of
//! bigrams of adjacent such keys (phrases). The prior is the pooled corpus: each
//! feature's prior count is `prior_scale ×` its pooled count
//! ([`KeynessOptions::prior_scale`]).

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;
use rayon::prelude::*;

use crate::frame::FrameBuilder;
use crate::hash::{IdMap, combine};
use crate::prep::{Corpus, Para, UNKNOWN_GROUP};
use crate::stats::log_odds_dirichlet;
use crate::{Error, KeynessOptions};

/// A feature occurrence: its id and its byte span in the paragraph text.
struct Occ {
    id: u64,
    start: usize,
    end: usize,
    /// Key hashes (one for a word, two for a phrase).
    keys: [u64; 2],
    phrase: bool,
}

fn features(p: &Para<'_>) -> Vec<Occ> {
    let ok = |i: usize| {
        let t = &p.toks[i];
        t.word && !t.stop && t.end - t.start >= 2
    };
    let mut out = Vec::new();
    for i in 0..p.toks.len() {
        if !ok(i) {
            continue;
        }
        let t = p.toks[i];
        out.push(Occ {
            id: combine(1, t.key),
            start: t.start as usize,
            end: t.end as usize,
            keys: [t.key, 0],
            phrase: false,
        });
        if i + 1 < p.toks.len() && ok(i + 1) {
            let u = p.toks[i + 1];
            out.push(Occ {
                id: combine(combine(2, t.key), u.key),
                start: t.start as usize,
                end: u.end as usize,
                keys: [t.key, u.key],
                phrase: true,
            });
        }
    }
    out
}

struct Row {
    dimension: &'static str,
    group: String,
    feature: u64,
    keys: [u64; 2],
    phrase: bool,
    count_group: u64,
    count_rest: u64,
    log_odds: f64,
    z: f64,
}

/// The keyness table for both dimensions.
pub(crate) fn keyness(c: &Corpus<'_>, opt: &KeynessOptions) -> Result<DataFrame, Error> {
    // Per paragraph feature counts, computed once.
    let per_para: Vec<Vec<Occ>> = c.paras.par_iter().map(features).collect();
    // Pooled counts and what each feature is, once for both dimensions.
    let mut pooled: IdMap<(u64, [u64; 2], bool)> = IdMap::default();
    for occs in &per_para {
        for o in occs {
            pooled.entry(o.id).or_insert((0, o.keys, o.phrase)).0 += 1;
        }
    }
    let n_all: u64 = pooled.values().map(|v| v.0).sum();
    let mut rows = Vec::new();
    for dimension in ["size_class", "fylke"] {
        let group_of = |p: &Para<'_>| -> &str {
            let d = &c.docs[p.doc];
            if dimension == "size_class" {
                d.size_group()
            } else {
                d.fylke_group()
            }
        };
        // group → feature → count (BTreeMap for a fixed order of groups).
        let mut by_group: BTreeMap<&str, IdMap<u64>> = BTreeMap::new();
        for (p, occs) in c.paras.iter().zip(&per_para) {
            let g = by_group.entry(group_of(p)).or_default();
            for o in occs {
                *g.entry(o.id).or_default() += 1;
            }
        }
        if n_all == 0 {
            continue;
        }
        let alpha_0 = opt.prior_scale * n_all as f64;
        for (group, counts) in &by_group {
            if *group == UNKNOWN_GROUP || by_group.len() < 2 {
                continue;
            }
            let n_group: u64 = counts.values().sum();
            let n_rest = n_all - n_group;
            let mut cand: Vec<Row> = counts
                .iter()
                .filter(|&(_, &y)| y >= opt.min_count)
                .map(|(&f, &y)| {
                    let (y_all, keys, phrase) = pooled[&f];
                    let alpha_w = alpha_0 * y_all as f64 / n_all as f64;
                    let (delta, z) = log_odds_dirichlet(
                        y as f64,
                        n_group as f64,
                        (y_all - y) as f64,
                        n_rest as f64,
                        alpha_w,
                        alpha_0,
                    );
                    Row {
                        dimension,
                        group: group.to_string(),
                        feature: f,
                        keys,
                        phrase,
                        count_group: y,
                        count_rest: y_all - y,
                        log_odds: delta,
                        z,
                    }
                })
                .filter(|r| r.z >= opt.min_z)
                .collect();
            cand.sort_by(|a, b| {
                b.z.total_cmp(&a.z)
                    .then_with(|| key_text(c, a).cmp(&key_text(c, b)))
            });
            cand.truncate(opt.per_group);
            rows.extend(cand);
        }
    }
    examples(c, &per_para, rows)
}

fn key_text(c: &Corpus<'_>, r: &Row) -> String {
    if r.phrase {
        format!("{} {}", c.key(r.keys[0]), c.key(r.keys[1]))
    } else {
        c.key(r.keys[0]).to_string()
    }
}

/// Fill in the most frequent surface form and an example quote for every row, in one
/// pass over the paragraphs, and build the frame.
fn examples(c: &Corpus<'_>, per_para: &[Vec<Occ>], rows: Vec<Row>) -> Result<DataFrame, Error> {
    // feature → rows that want it.
    let mut wanted: IdMap<Vec<usize>> = IdMap::default();
    for (i, r) in rows.iter().enumerate() {
        wanted.entry(r.feature).or_default().push(i);
    }
    // Per row: surface form counts, and the best paragraph (occurrences, paragraph index).
    let mut surfaces: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); rows.len()];
    let mut best: Vec<Option<(u64, usize, usize)>> = vec![None; rows.len()];
    for (pi, (p, occs)) in c.paras.iter().zip(per_para).enumerate() {
        let d = &c.docs[p.doc];
        let mut here: HashMap<usize, (u64, usize)> = HashMap::new();
        for o in occs {
            let Some(ws) = wanted.get(&o.id) else {
                continue;
            };
            for &ri in ws {
                let g = if rows[ri].dimension == "size_class" {
                    d.size_group()
                } else {
                    d.fylke_group()
                };
                if g != rows[ri].group {
                    continue;
                }
                *surfaces[ri]
                    .entry(p.text[o.start..o.end].to_lowercase())
                    .or_default() += 1;
                let e = here.entry(ri).or_insert((0, o.start));
                e.0 += 1;
            }
        }
        for (ri, (n, at)) in here {
            // More occurrences win; ties: the earlier paragraph (documents are sorted).
            if best[ri].is_none_or(|(bn, _, _)| n > bn) {
                best[ri] = Some((n, pi, at));
            }
        }
    }
    let mut dimension = Vec::new();
    let mut group = Vec::new();
    let mut key = Vec::new();
    let mut example = Vec::new();
    let mut cg = Vec::new();
    let mut cr = Vec::new();
    let mut lo = Vec::new();
    let mut z = Vec::new();
    let mut quote = Vec::new();
    let mut citation = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        dimension.push(r.dimension.to_string());
        group.push(r.group.clone());
        key.push(key_text(c, r));
        // Most frequent surface form; ties: alphabetically first.
        let form = surfaces[i]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.clone());
        example.push(form);
        cg.push(r.count_group);
        cr.push(r.count_rest);
        lo.push(r.log_odds);
        z.push(r.z);
        match best[i] {
            Some((_, pi, at)) => {
                let p = &c.paras[pi];
                quote.push(Some(sentence_around(p.text, at, 300)));
                citation.push(Some(c.docs[p.doc].citation(p.page)));
            }
            None => {
                quote.push(None);
                citation.push(None);
            }
        }
    }
    FrameBuilder::new("keyness")
        .col("dimension", dimension)
        .col("group", group)
        .col("key", key)
        .col("example", example)
        .col("count_group", cg)
        .col("count_rest", cr)
        .col("log_odds", lo)
        .col("z", z)
        .col("example_quote", quote)
        .col("citation", citation)
        .build()
}

/// The sentence of `text` around byte `at`, at most about `max` characters (cut at word
/// boundaries with «…» where longer).
pub(crate) fn sentence_around(text: &str, at: usize, max: usize) -> String {
    let is_end = |b: &u8| matches!(b, b'.' | b'!' | b'?');
    let bytes = text.as_bytes();
    let mut s = at.min(text.len());
    while s > 0 {
        if is_end(&bytes[s - 1]) && bytes.get(s).is_some_and(u8::is_ascii_whitespace) {
            break;
        }
        s -= 1;
    }
    let mut e = at.min(text.len());
    while e < text.len() {
        if is_end(&bytes[e]) && bytes.get(e + 1).is_none_or(u8::is_ascii_whitespace) {
            e += 1;
            break;
        }
        e += 1;
    }
    let sentence = text[s..e].trim();
    if sentence.chars().count() <= max {
        return sentence.to_string();
    }
    let mut out = String::new();
    for w in sentence.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.push_str(" …");
    out
}
