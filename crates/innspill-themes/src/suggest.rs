//! Candidate codebook terms from a corpus: lemmas and two-word phrases strongly associated
//! with the paragraphs that carry a sub-theme, by weighted log-odds against the rest
//! (Monroe, Colaresi & Quinn 2008, «Fightin' Words»: an informative Dirichlet prior from the
//! whole corpus, z-scores so rare words do not top the list by chance). Nothing is added to
//! a codebook: a person reads the list and the quotes and writes the terms they accept.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use innspill_norsk::{Token, TokenKind};
use serde::Serialize;

use crate::Tagger;

/// One paragraph of the corpus with the sub-theme ids it carries (from the tagger's tags
/// or from hand labels).
#[derive(Debug, Clone)]
pub struct SuggestInput {
    /// Where the paragraph is from (shown with its quotes).
    pub id: String,
    /// The paragraph's text.
    pub text: String,
    /// Sub-theme ids it carries.
    pub subs: Vec<String>,
}

/// An example of a candidate in use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The paragraph's id.
    pub id: String,
    /// About 60 characters each side of the occurrence.
    pub text: String,
}

/// A candidate term for a sub-theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Sub-theme id.
    pub sub: String,
    /// The lemma, or two lemmas for a phrase, as a codebook term would be written.
    pub term: String,
    /// Weighted log-odds z-score of the sub-theme's paragraphs against the rest.
    pub z: f64,
    /// Paragraphs with the sub-theme that contain the term.
    pub with: usize,
    /// Paragraphs without it that contain the term.
    pub without: usize,
    /// Paragraphs with the sub-theme.
    pub sub_paragraphs: usize,
    /// Whether the codebook already finds the sub-theme on this term alone.
    pub known: bool,
    /// Up to three examples from paragraphs with the sub-theme, in input order.
    pub quotes: Vec<Quote>,
}

/// Units (lemma keys and adjacent two-word phrases) of a paragraph, with the byte range of
/// one occurrence of each; the lemmas as written for a codebook.
fn units(tokens: &[Token]) -> BTreeMap<String, (String, usize, usize)> {
    let mut out = BTreeMap::new();
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.stop && t.norm.chars().count() > 2)
        .collect();
    for t in &words {
        out.entry(t.key.clone())
            .or_insert_with(|| (t.lemma.to_lowercase(), t.start, t.end));
    }
    for w in tokens.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.kind == TokenKind::Word
            && b.kind == TokenKind::Word
            && !a.stop
            && !b.stop
            && a.sentence == b.sentence
            && a.norm.chars().count() > 2
            && b.norm.chars().count() > 2
        {
            out.entry(format!("{} {}", a.key, b.key))
                .or_insert_with(|| {
                    (
                        format!("{} {}", a.lemma.to_lowercase(), b.norm),
                        a.start,
                        b.end,
                    )
                });
        }
    }
    out
}

fn quote(text: &str, start: usize, end: usize) -> String {
    let mut lo = start.saturating_sub(60);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (end + 60).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let mut s = String::new();
    if lo > 0 {
        s.push('…');
    }
    s.push_str(&text[lo..start]);
    s.push('[');
    s.push_str(&text[start..end]);
    s.push(']');
    s.push_str(&text[end..hi]);
    if hi < text.len() {
        s.push('…');
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Candidates for each sub-theme (or only `only`), best first, at most `top` each; a
/// candidate must occur in at least `min_with` of the sub-theme's paragraphs. Deterministic:
/// ties are broken by the term.
pub fn suggest(
    tagger: &Tagger,
    corpus: &[SuggestInput],
    only: Option<&str>,
    top: usize,
    min_with: usize,
) -> Vec<Candidate> {
    let analyzer = tagger.analyzer();
    let paras: Vec<BTreeMap<String, (String, usize, usize)>> = corpus
        .iter()
        .map(|p| units(&analyzer.analyze(&p.text)))
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for p in &paras {
        for k in p.keys() {
            *df.entry(k.as_str()).or_default() += 1;
        }
    }
    let total: usize = df.values().sum();
    let alpha0 = 100.0_f64;
    let subs: BTreeSet<&str> = tagger
        .codebook()
        .themes()
        .iter()
        .flat_map(|t| t.subs.iter().map(|s| s.id.as_str()))
        .filter(|s| only.is_none_or(|o| o == *s))
        .collect();
    let mut out = Vec::new();
    for sub in subs {
        let inside: Vec<usize> = (0..corpus.len())
            .filter(|&i| corpus[i].subs.iter().any(|s| s == sub))
            .collect();
        if inside.is_empty() {
            continue;
        }
        let mut c_in: HashMap<&str, usize> = HashMap::new();
        for &i in &inside {
            for k in paras[i].keys() {
                *c_in.entry(k.as_str()).or_default() += 1;
            }
        }
        let n_in: usize = c_in.values().sum();
        let n_out = total - n_in;
        let mut cands: Vec<Candidate> = Vec::new();
        for (k, &ci) in &c_in {
            if ci < min_with {
                continue;
            }
            let co = df[k] - ci;
            let a = alpha0 * df[k] as f64 / total as f64;
            let (ci_f, co_f) = (ci as f64, co as f64);
            let l_in = ((ci_f + a) / (n_in as f64 + alpha0 - ci_f - a)).ln();
            let l_out = ((co_f + a) / (n_out as f64 + alpha0 - co_f - a)).ln();
            let z = (l_in - l_out) / (1.0 / (ci_f + a) + 1.0 / (co_f + a)).sqrt();
            if z <= 0.0 {
                continue;
            }
            let mut quotes = Vec::new();
            let mut written = String::new();
            for &i in &inside {
                if let Some((w, s, e)) = paras[i].get(*k) {
                    if written.is_empty() {
                        written = w.clone();
                    }
                    if quotes.len() < 3 {
                        quotes.push(Quote {
                            id: corpus[i].id.clone(),
                            text: quote(&corpus[i].text, *s, *e),
                        });
                    }
                }
            }
            let known = sub_of(tagger, &written).iter().any(|s| s == sub);
            cands.push(Candidate {
                sub: sub.to_string(),
                term: written,
                z,
                with: ci,
                without: co,
                sub_paragraphs: inside.len(),
                known,
                quotes,
            });
        }
        cands.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
        cands.truncate(top);
        out.extend(cands);
    }
    out
}

/// The sub-themes the tagger gives a text of just these words.
fn sub_of(tagger: &Tagger, words: &str) -> Vec<String> {
    let doc = crate::plain::document_from_text(words, "term");
    tagger
        .tag_paragraphs(&doc)
        .into_iter()
        .flat_map(|p| p.tags.into_iter().filter_map(|t| t.sub))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(id: &str, text: &str, subs: &[&str]) -> SuggestInput {
        SuggestInput {
            id: id.into(),
            text: text.into(),
            subs: subs.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn words_of_the_sub_themes_paragraphs_rank_first_with_quotes() {
        let tagger = Tagger::with_default_codebook();
        let corpus = vec![
            input(
                "a",
                "Kommunen mangler hjelpepleiere og fastleger.",
                &["recruitment"],
            ),
            input(
                "b",
                "Vi har for få hjelpepleiere på sykehjemmet.",
                &["recruitment"],
            ),
            input(
                "c",
                "Hjelpepleiere slutter fordi lønnen er lav.",
                &["recruitment"],
            ),
            input("d", "Budsjettet for veier og skoler er vedtatt.", &[]),
            input("e", "Skolene i kommunen får nye bøker.", &[]),
        ];
        let got = suggest(&tagger, &corpus, Some("recruitment"), 5, 2);
        assert_eq!(got[0].term, "hjelpepleier");
        assert_eq!(
            (got[0].with, got[0].without, got[0].sub_paragraphs),
            (3, 0, 3)
        );
        assert_eq!(got[0].quotes.len(), 3);
        assert_eq!(got[0].quotes[0].id, "a");
        assert!(
            got[0].quotes[0].text.contains("[hjelpepleiere]"),
            "{:?}",
            got[0].quotes
        );
        assert!(got.iter().all(|c| c.sub == "recruitment" && c.with >= 2));
        // The same input gives the same list.
        assert_eq!(got, suggest(&tagger, &corpus, Some("recruitment"), 5, 2));
    }

    #[test]
    fn a_word_the_codebook_already_has_is_marked_known() {
        let tagger = Tagger::with_default_codebook();
        let corpus = vec![
            input(
                "a",
                "Sykefraværet er høyt i hjemmetjenesten.",
                &["sick_leave"],
            ),
            input(
                "b",
                "Vi arbeider med sykefravær og nærvær.",
                &["sick_leave"],
            ),
            input("c", "Veien er stengt.", &[]),
        ];
        let got = suggest(&tagger, &corpus, Some("sick_leave"), 10, 2);
        let s = got
            .iter()
            .find(|c| c.term == "sykefravær")
            .expect("sykefravær suggested");
        assert!(s.known);
    }
}
