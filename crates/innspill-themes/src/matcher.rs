//! Finding codebook terms in analysed text and scoring them per theme.

use std::collections::HashMap;

use innspill_norsk::Token;

use crate::codebook::{Codebook, Elem, Shape, Term};

/// One occurrence of a term: the tokens it covers, in text order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Match {
    pub(crate) term: u32,
    pub(crate) tokens: Vec<u32>,
}

/// Per-theme outcome of one paragraph (before thresholds).
#[derive(Debug, Clone, Default)]
pub(crate) struct ThemeScore {
    pub(crate) score: f32,
    pub(crate) subs: Vec<f32>,
    /// Accepted matches of the theme, in text order.
    pub(crate) matches: Vec<Match>,
}

/// Index from the first element of each term to the term.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    by_key: HashMap<String, Vec<u32>>,
    wild: Vec<u32>,
}

impl Matcher {
    pub(crate) fn new(cb: &Codebook) -> Matcher {
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        let mut wild = Vec::new();
        for (i, t) in cb.terms.iter().enumerate() {
            match &t.elems[0] {
                Elem::Key(k) => by_key.entry(k.clone()).or_default().push(i as u32),
                Elem::Prefix(_) | Elem::Contains(_) => wild.push(i as u32),
            }
        }
        Matcher { by_key, wild }
    }

    /// Every occurrence of every term in `tokens`, exclusions applied.
    pub(crate) fn find(&self, cb: &Codebook, tokens: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut cands: Vec<u32> = Vec::new();
        for (i, tok) in tokens.iter().enumerate() {
            cands.clear();
            if let Some(v) = self.by_key.get(&tok.stem) {
                cands.extend_from_slice(v);
            }
            for p in &tok.part_stems {
                if let Some(v) = self.by_key.get(p) {
                    cands.extend_from_slice(v);
                }
            }
            for &w in &self.wild {
                if cb.terms[w as usize].elems[0].matches(tok) {
                    cands.push(w);
                }
            }
            cands.sort_unstable();
            cands.dedup();
            for &c in &cands {
                let term = &cb.terms[c as usize];
                if let Some(m) = verify(term, tokens, i) {
                    if excluded(term, tokens, &m, cb.settings.exclude_window) {
                        tracing::trace!(term = %term.written, at = i, "match cancelled by an excluding term");
                    } else {
                        out.push(Match { term: c, tokens: m });
                    }
                }
            }
        }
        out
    }

    /// Resolve overlaps within each theme and sum the weights.
    ///
    /// Within one theme a word counts once: matches are taken by weight, then length, then
    /// position, and a match that shares a word with one already taken is dropped. Each
    /// term adds its weight once, however often it occurs.
    pub(crate) fn score(&self, cb: &Codebook, mut matches: Vec<Match>) -> Vec<ThemeScore> {
        let mut out: Vec<ThemeScore> = cb
            .themes()
            .iter()
            .map(|t| ThemeScore {
                subs: vec![0.0; t.subs.len()],
                ..ThemeScore::default()
            })
            .collect();
        matches.sort_by(|a, b| {
            let (ta, tb) = (&cb.terms[a.term as usize], &cb.terms[b.term as usize]);
            ta.theme
                .cmp(&tb.theme)
                .then(tb.weight.total_cmp(&ta.weight))
                .then(b.tokens.len().cmp(&a.tokens.len()))
                .then(a.tokens[0].cmp(&b.tokens[0]))
                .then(a.term.cmp(&b.term))
        });
        let mut used: std::collections::HashSet<(usize, u32)> = std::collections::HashSet::new();
        let mut counted: std::collections::HashSet<u32> = std::collections::HashSet::new();
        for m in matches {
            let term = &cb.terms[m.term as usize];
            if m.tokens.iter().any(|t| used.contains(&(term.theme, *t))) {
                continue;
            }
            used.extend(m.tokens.iter().map(|&t| (term.theme, t)));
            let ts = &mut out[term.theme];
            // A term counts once per paragraph; repeating a word adds evidence, not score.
            if counted.insert(m.term) {
                ts.score += term.weight;
                if let Some(s) = term.sub {
                    ts.subs[s] += term.weight;
                }
            }
            ts.matches.push(m);
        }
        for ts in &mut out {
            ts.matches.sort_by_key(|m| (m.tokens[0], m.term));
        }
        out
    }
}

/// The tokens of an occurrence of `term` anchored at token `i`, if it occurs there.
fn verify(term: &Term, tokens: &[Token], i: usize) -> Option<Vec<u32>> {
    match term.shape {
        Shape::Phrase => {
            if i + term.elems.len() > tokens.len() {
                return None;
            }
            for (k, e) in term.elems.iter().enumerate().skip(1) {
                if !e.matches(&tokens[i + k]) {
                    return None;
                }
            }
            Some((i..i + term.elems.len()).map(|x| x as u32).collect())
        }
        Shape::Near(window) => {
            let sentence = tokens[i].sentence;
            let lo = i.saturating_sub(window as usize);
            let hi = (i + window as usize + 1).min(tokens.len());
            let mut got = vec![i as u32];
            for e in &term.elems[1..] {
                let j = (lo..hi).find(|&j| {
                    j != i
                        && !got.contains(&(j as u32))
                        && tokens[j].sentence == sentence
                        && !tokens[j].stop
                        && e.matches(&tokens[j])
                })?;
                got.push(j as u32);
            }
            got.sort_unstable();
            Some(got)
        }
    }
}

/// Whether one of the term's excluding phrases stands in the same sentence as the match,
/// within `window` words of it (the match's own words included).
fn excluded(term: &Term, tokens: &[Token], m: &[u32], window: u32) -> bool {
    if term.unless.is_empty() {
        return false;
    }
    let first = m[0] as usize;
    let last = *m.last().unwrap_or(&m[0]) as usize;
    let sentence = tokens[first].sentence;
    let lo = first.saturating_sub(window as usize);
    let hi = (last + window as usize + 1).min(tokens.len());
    term.unless.iter().any(|phrase| {
        (lo..hi).any(|j| {
            j + phrase.len() <= tokens.len()
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(k, e)| tokens[j + k].sentence == sentence && e.matches(&tokens[j + k]))
        })
    })
}
