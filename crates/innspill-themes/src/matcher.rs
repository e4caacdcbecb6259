//! Finding codebook terms in analysed text and scoring them per theme.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

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

/// The wildcard terms of each word seen, by lower-cased word.
pub(crate) type WildMemo = HashMap<Box<str>, Box<[u32]>>;

/// Index from the first element of each term to the term: a hash map for analyser keys,
/// one Aho-Corasick automaton for all wildcards (`word*`, `*word*`), so a word is looked
/// up once however many wildcard terms there are.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    by_key: HashMap<String, Vec<u32>>,
    /// Terms whose first element is a Snowball stem (`~word`).
    by_stem: HashMap<String, Vec<u32>>,
    /// Automaton over the distinct wildcard literals.
    wild: Option<AhoCorasick>,
    /// Per literal: the terms whose first element is `literal*` and those with `*literal*`.
    wild_terms: Vec<(Vec<u32>, Vec<u32>)>,
}

impl Matcher {
    pub(crate) fn new(cb: &Codebook) -> Matcher {
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_stem: HashMap<String, Vec<u32>> = HashMap::new();
        let mut literals: Vec<String> = Vec::new();
        let mut wild_terms: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for (i, t) in cb.terms.iter().enumerate() {
            let (lit, prefix) = match &t.elems[0] {
                Elem::Key(k) => {
                    by_key.entry(k.clone()).or_default().push(i as u32);
                    continue;
                }
                Elem::Stem(k) => {
                    by_stem.entry(k.clone()).or_default().push(i as u32);
                    continue;
                }
                Elem::Prefix(p) => (p, true),
                Elem::Contains(c) => (c, false),
            };
            let slot = *at.entry(lit.clone()).or_insert_with(|| {
                literals.push(lit.clone());
                wild_terms.push((Vec::new(), Vec::new()));
                literals.len() - 1
            });
            let (p, c) = &mut wild_terms[slot];
            if prefix { p } else { c }.push(i as u32);
        }
        let wild = (!literals.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .expect("wildcard literals are short words (checked when loading)")
        });
        Matcher {
            by_key,
            by_stem,
            wild,
            wild_terms,
        }
    }

    /// Push the terms whose first element is a wildcard matching `norm`.
    fn wildcards(&self, norm: &str, out: &mut Vec<u32>) {
        let Some(ac) = &self.wild else {
            return;
        };
        for m in ac.find_overlapping_iter(norm) {
            let (prefix, contains) = &self.wild_terms[m.pattern().as_usize()];
            if m.start() == 0 {
                out.extend_from_slice(prefix);
            }
            out.extend_from_slice(contains);
        }
    }

    /// Every occurrence of every term in `tokens`, exclusions applied. `memo` remembers
    /// the wildcard terms of each word seen (keep one per document: words repeat).
    pub(crate) fn find(&self, cb: &Codebook, tokens: &[Token], memo: &mut WildMemo) -> Vec<Match> {
        let mut out = Vec::new();
        let mut cands: Vec<u32> = Vec::new();
        let mut cache = PhraseCache::new(cb.phrases.len());
        let names = name_flags(tokens);
        for (i, tok) in tokens.iter().enumerate() {
            cands.clear();
            if let Some(v) = self.by_key.get(&tok.key) {
                cands.extend_from_slice(v);
            }
            if let Some(v) = self.by_stem.get(&tok.stem) {
                cands.extend_from_slice(v);
            }
            if !names[i] {
                for p in &tok.part_stems {
                    if let Some(v) = self.by_key.get(p) {
                        cands.extend_from_slice(v);
                    }
                }
                match memo.get(tok.norm.as_str()) {
                    Some(v) => cands.extend_from_slice(v),
                    None => {
                        let mut v = Vec::new();
                        self.wildcards(&tok.norm, &mut v);
                        cands.extend_from_slice(&v);
                        memo.insert(tok.norm.clone().into_boxed_str(), v.into_boxed_slice());
                    }
                }
            }
            cands.sort_unstable();
            cands.dedup();
            for &c in &cands {
                let term = &cb.terms[c as usize];
                // A one-word term never counts inside a name (`Hotell Beredskapen`); a
                // phrase may name one (`Røde Kors`).
                if names[i] && term.elems.len() == 1 {
                    continue;
                }
                if let Some(m) = verify(term, tokens, &names, i) {
                    if !sense_ok(cb, term, tokens, &m, &mut cache) {
                        tracing::trace!(term = %term.written, at = i, "match fails its sense check");
                    } else if excluded(cb, term, tokens, &m, &mut cache) {
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

/// Per token, whether it stands inside a proper name: a capitalised word (not all capitals,
/// not its sentence's first word) next to another such word (`Hotell Beredskapen`), or one
/// the lexicon does not know (its lemma keeps the capital: `Fjellstyresamband`).
pub(crate) fn name_flags(tokens: &[Token]) -> Vec<bool> {
    let cap = |j: usize| {
        let t = &tokens[j];
        let mut cs = t.text.chars();
        let first_upper = cs.next().is_some_and(char::is_uppercase);
        first_upper
            && t.text.chars().any(char::is_lowercase)
            && (j > 0 && tokens[j - 1].sentence == t.sentence)
    };
    (0..tokens.len())
        .map(|j| {
            cap(j)
                && (tokens[j]
                    .lemma
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    || (j > 0 && tokens[j - 1].sentence == tokens[j].sentence && cap(j - 1))
                    || (j + 1 < tokens.len()
                        && tokens[j + 1].sentence == tokens[j].sentence
                        && cap(j + 1)))
        })
        .collect()
}

/// Whether a match passes its term's sense checks (`not`, `needs`).
fn sense_ok(
    cb: &Codebook,
    term: &Term,
    tokens: &[Token],
    m: &[u32],
    cache: &mut PhraseCache,
) -> bool {
    if m.iter().any(|&j| {
        term.not
            .iter()
            .any(|e| e.matches(&tokens[j as usize], false))
    }) {
        return false;
    }
    if term.needs_ids.is_empty() {
        return true;
    }
    let first = m[0] as usize;
    let last = *m.last().unwrap_or(&m[0]) as usize;
    let sentence = tokens[first].sentence;
    let (lo, hi) = match term.needs_window {
        Some(w) => (first.saturating_sub(w as usize), last + w as usize),
        None => (0, usize::MAX),
    };
    term.needs_ids.iter().any(|&id| {
        cache.positions(cb, id, tokens).iter().any(|&j| {
            let j = j as usize;
            j >= lo && j <= hi && tokens[j].sentence == sentence
        })
    })
}

/// The tokens of an occurrence of `term` anchored at token `i`, if it occurs there.
fn verify(term: &Term, tokens: &[Token], names: &[bool], i: usize) -> Option<Vec<u32>> {
    match term.shape {
        Shape::Phrase => {
            if i + term.elems.len() > tokens.len() {
                return None;
            }
            for (k, e) in term.elems.iter().enumerate().skip(1) {
                if !e.matches(&tokens[i + k], names[i + k]) {
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
                        && e.matches(&tokens[j], names[j])
                })?;
                got.push(j as u32);
            }
            got.sort_unstable();
            Some(got)
        }
    }
}

/// Where each excluding phrase occurs in a paragraph: computed on first use, so each
/// phrase is looked for once per paragraph however many matches ask.
struct PhraseCache {
    at: Vec<Option<Vec<u32>>>,
}

impl PhraseCache {
    fn new(n: usize) -> PhraseCache {
        PhraseCache { at: vec![None; n] }
    }

    fn positions(&mut self, cb: &Codebook, id: u32, tokens: &[Token]) -> &[u32] {
        self.at[id as usize].get_or_insert_with(|| {
            let phrase = &cb.phrases[id as usize];
            (0..tokens.len().saturating_sub(phrase.len() - 1))
                .filter(|&j| {
                    let s = tokens[j].sentence;
                    phrase.iter().enumerate().all(|(k, e)| {
                        tokens[j + k].sentence == s && e.matches(&tokens[j + k], false)
                    })
                })
                .map(|j| j as u32)
                .collect()
        })
    }
}

/// Whether one of the term's excluding phrases stands in the same sentence as the match,
/// within `window` words of it (the match's own words included).
fn excluded(
    cb: &Codebook,
    term: &Term,
    tokens: &[Token],
    m: &[u32],
    cache: &mut PhraseCache,
) -> bool {
    if term.unless_ids.is_empty() {
        return false;
    }
    let window = cb.settings.exclude_window as usize;
    let first = m[0] as usize;
    let last = *m.last().unwrap_or(&m[0]) as usize;
    let sentence = tokens[first].sentence;
    let lo = first.saturating_sub(window);
    let hi = last + window;
    term.unless_ids.iter().any(|&id| {
        cache.positions(cb, id, tokens).iter().any(|&j| {
            let j = j as usize;
            j >= lo && j <= hi && tokens[j].sentence == sentence
        })
    })
}
