//! Finding text quoted from reference texts (the KS booklet) by shingle overlap.
//!
//! A municipal case often quotes the whole booklet, or parts of it, anywhere in the
//! document. Headings alone cannot tell (a booklet pasted into the middle of a case has
//! none of its own), so every paragraph is compared with the reference texts: its words
//! (the analyser's normalised tokens) are cut into overlapping runs of
//! [`SHINGLE`] words, and a paragraph most of whose runs occur in a reference is
//! quoted. Quoted paragraphs close to each other form one region, which takes in the
//! page numbers, short headings and captions between them, and short paragraphs at its
//! edges that occur in the reference word for word (`FORORD`, `KS spør`).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use innspill_norsk::{Analyzer, Lexicon};

use crate::layout::paragraphs;
use crate::raw::RawText;

/// Words per shingle.
pub const SHINGLE: usize = 5;

/// Share of a paragraph's shingles that must occur in a reference.
const HIT_SHARE: f64 = 0.5;

/// Fewest matched shingles a region needs (about fifteen words quoted).
const MIN_REGION_SHINGLES: usize = 10;

/// Reference texts (the KS booklet of a year, a regional office's draft statement)
/// prepared for matching.
///
/// ```
/// use innspill_ingest::References;
/// use innspill_norsk::Analyzer;
///
/// let refs = References::new(&Analyzer::default(), [("hefte", "Kommunene må prioritere \
///     hardere og velge bort oppgaver som ikke er bærekraftige.")]);
/// assert_eq!(refs.len(), 1);
/// assert!(!refs.is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct References {
    names: Vec<String>,
    /// Shingle hash → the references that have it (bit i: reference i; the first 64).
    shingles: HashMap<u64, u64>,
    /// Every reference's words joined by single spaces, with a space at both ends, for
    /// word-for-word checks of short paragraphs.
    joined: String,
}

impl References {
    /// Prepare `(name, text)` pairs. The texts are read the same way as documents
    /// (lines, paragraphs, dehyphenation), so line breaks need not match.
    pub fn new<'a>(
        analyzer: &Analyzer,
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> References {
        let mut refs = References {
            joined: " ".to_string(),
            ..References::default()
        };
        let lexicon = Lexicon::embedded();
        for (i, (name, text)) in texts.into_iter().enumerate() {
            let bit = if i < 64 { 1u64 << i } else { 0 };
            refs.names.push(name.to_string());
            let raw = RawText::from_plain(text);
            for p in paragraphs(&raw, &lexicon) {
                let words = words(analyzer, &p.text);
                for w in &words {
                    refs.joined.push_str(w);
                    refs.joined.push(' ');
                }
                for s in words.windows(SHINGLE) {
                    *refs.shingles.entry(hash(s)).or_insert(0) |= bit;
                }
            }
        }
        refs
    }

    /// Number of reference texts.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no reference texts.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names the texts were given.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// `(matched shingles, shingles)` of a run of words.
    fn overlap(&self, words: &[String]) -> (usize, usize) {
        let total = words.len().saturating_sub(SHINGLE - 1);
        let hit = words
            .windows(SHINGLE)
            .filter(|s| self.shingles.contains_key(&hash(s)))
            .count();
        (hit, total)
    }

    /// Whether the words occur in a reference in this order, word for word.
    fn contains_run(&self, words: &[String]) -> bool {
        if words.is_empty() {
            return false;
        }
        let mut needle = String::from(" ");
        for w in words {
            needle.push_str(w);
            needle.push(' ');
        }
        self.joined.contains(&needle)
    }

    /// Which of `paras` (display texts, in reading order) are quoted from a reference.
    ///
    /// A quote never runs over a `barrier` (a heading that opens the respondent's own
    /// statement or decision, or the case): short paragraphs after a quote, before a
    /// heading that echoes the booklet, stay the respondent's.
    pub(crate) fn quoted(
        &self,
        analyzer: &Analyzer,
        paras: &[&str],
        barrier: &[bool],
    ) -> Vec<bool> {
        let n = paras.len();
        let barrier = |i: usize| barrier.get(i).copied().unwrap_or(false);
        let mut out = vec![false; n];
        if self.is_empty() || n == 0 {
            return out;
        }
        let words: Vec<Vec<String>> = paras.iter().map(|p| words(analyzer, p)).collect();
        let overlap: Vec<(usize, usize)> = words.iter().map(|w| self.overlap(w)).collect();
        let hit: Vec<bool> = overlap
            .iter()
            .map(|&(h, t)| t > 0 && h as f64 >= HIT_SHARE * t as f64)
            .collect();
        // Regions: hits joined over small gaps.
        let mut i = 0;
        while i < n {
            if !hit[i] {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i; // inclusive
            let mut j = i + 1;
            while j < n {
                if hit[j] {
                    end = j;
                    j += 1;
                    continue;
                }
                // Look ahead over a gap of up to 4 paragraphs with few words of their own.
                let mut k = j;
                let mut gap_words = 0;
                while k < n && !hit[k] && k - j < 4 && !barrier(k) {
                    let own = if overlap[k].0 > 0 || self.contains_run(&words[k]) {
                        0
                    } else {
                        words[k].len()
                    };
                    gap_words += own;
                    k += 1;
                }
                if k < n && hit[k] && gap_words <= 40 && !barrier(k) {
                    end = k;
                    j = k + 1;
                } else {
                    break;
                }
            }
            // Edges: short paragraphs found word for word in a reference.
            let mut s = start;
            while s > 0
                && !barrier(s - 1)
                && words[s - 1].len() < SHINGLE * 2
                && self.contains_run(&words[s - 1])
            {
                s -= 1;
            }
            let mut e = end;
            while e + 1 < n
                && !barrier(e + 1)
                && words[e + 1].len() < SHINGLE * 2
                && self.contains_run(&words[e + 1])
            {
                e += 1;
            }
            let matched: usize = overlap[start..=end].iter().map(|o| o.0).sum();
            if matched >= MIN_REGION_SHINGLES {
                for q in &mut out[s..=e] {
                    *q = true;
                }
            }
            i = end + 1;
        }
        out
    }
}

impl References {
    /// The reference (index into [`References::names`]) that the `quoted` paragraphs
    /// of `paras` quote most, by matched shingles; none when no region was quoted.
    pub(crate) fn most_quoted(
        &self,
        analyzer: &Analyzer,
        paras: &[&str],
        quoted: &[bool],
    ) -> Option<usize> {
        let mut hits = [0usize; 64];
        for (p, _) in paras.iter().zip(quoted).filter(|(_, q)| **q) {
            for s in words(analyzer, p).windows(SHINGLE) {
                let mut bits = self.shingles.get(&hash(s)).copied().unwrap_or(0);
                while bits != 0 {
                    hits[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
            }
        }
        let (best, &n) = hits
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
        (n >= MIN_REGION_SHINGLES).then_some(best)
    }
}

/// The normalised words of `text`, through the one analyser.
pub(crate) fn words(analyzer: &Analyzer, text: &str) -> Vec<String> {
    analyzer.analyze(text).into_iter().map(|t| t.norm).collect()
}

fn hash(words: &[String]) -> u64 {
    let mut h = DefaultHasher::new();
    words.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOKLET: &str = "FORORD\n\nKS’ debatthefte gir dere en mulighet til å diskutere \
        kommunenes og fylkeskommunenes viktigste utfordringer og beste løsninger. Å legge til \
        rette for gode diskusjoner i kommunestyrer og fylkesting er et viktig formål med dette \
        debattheftet.\n\nKS spør\n\n1. Hva må vi gjøre for å øke endringstakten i vår kommune \
        for å sikre bærekraftig velferd?\n";

    fn quoted(paras: &[&str]) -> Vec<bool> {
        let a = Analyzer::default();
        let refs = References::new(&a, [("2026", BOOKLET)]);
        refs.quoted(&a, paras, &[])
    }

    #[test]
    fn a_quote_in_the_middle_is_found_with_its_edges() {
        let got = quoted(&[
            "Kommunedirektøren anbefaler at kommunestyret vedtar uttalelsen.",
            "FORORD",
            "KS’ debatthefte gir dere en mulighet til å diskutere kommunenes og \
             fylkeskommunenes viktigste utfordringer og beste løsninger.",
            "3",
            "Å legge til rette for gode diskusjoner i kommunestyrer og fylkesting er et \
             viktig formål med dette debattheftet.",
            "KS spør",
            "Kommunestyret mener at økt endringstakt i små kommuner ikke kan handle om å \
             gjøre flere oppgaver på kortere tid.",
        ]);
        assert_eq!(got, [false, true, true, true, true, true, false]);
    }

    #[test]
    fn a_short_coincidence_is_not_a_quote() {
        let got =
            quoted(&["Vi vil diskutere kommunenes og fylkeskommunenes viktigste utfordringer."]);
        assert_eq!(got, [false]);
    }

    #[test]
    fn the_reference_quoted_most_is_told() {
        let a = Analyzer::default();
        let other = "Dette er et helt annet hefte om klima, flom og skred i kommunene, og \
            om hvordan vi planlegger for et våtere klima i alle deler av landet.";
        let refs = References::new(&a, [("2027", other), ("2026", BOOKLET)]);
        let paras = [
            "KS’ debatthefte gir dere en mulighet til å diskutere kommunenes og \
             fylkeskommunenes viktigste utfordringer og beste løsninger.",
            "Å legge til rette for gode diskusjoner i kommunestyrer og fylkesting er et \
             viktig formål med dette debattheftet.",
        ];
        let quoted = refs.quoted(&a, &paras, &[]);
        assert_eq!(quoted, [true, true]);
        assert_eq!(refs.most_quoted(&a, &paras, &quoted), Some(1));
        assert_eq!(refs.most_quoted(&a, &paras, &[false, false]), None);
    }

    #[test]
    fn no_references_no_quotes() {
        let a = Analyzer::default();
        let refs = References::default();
        assert_eq!(refs.quoted(&a, &["FORORD"], &[]), [false]);
    }
}
