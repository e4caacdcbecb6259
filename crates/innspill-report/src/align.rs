//! Mapping evidence offsets onto a paragraph's cleaned text.
//!
//! Evidence spans are character offsets into [`Document::text`](innspill_model::Document),
//! the raw extracted text; a paragraph shows its cleaned `text`, where ingest joined line
//! breaks, joined words split over line ends (`sikker-\nhetspolitisk` →
//! `sikkerhetspolitisk`, `Kommune\nsektoren` → `Kommunesektoren`), removed the bullet
//! marker and collapsed whitespace. [`Alignment`] walks the raw span and the cleaned text
//! side by side and records, for every raw character, where it stands in the cleaned text;
//! characters that cleaning dropped map to the position where they were dropped. Where the
//! two texts disagree beyond that (a page header inside the paragraph's span), it resyncs
//! on the next run of matching characters.
//!
//! A mapped span is checked against the evidence term; if it does not match, the term is
//! looked up in the cleaned text near the mapped position instead, so a highlight is never
//! put on the wrong words.

/// Raw characters that cleaning may drop: whitespace, hyphens, soft hyphens and bullets.
fn droppable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{00AD}' | '•' | '▪' | '◦' | '*' | '–' | '\u{F0B7}'
        )
}

/// How many characters must agree to resync after a disagreement.
const RESYNC: usize = 6;
/// How far ahead to look for a resync point.
const WINDOW: usize = 400;

/// Where each raw character of a paragraph's span stands in its cleaned text.
#[derive(Debug, Clone)]
pub(crate) struct Alignment {
    /// `map[i]` is the cleaned char offset of raw char `i`; `map[raw_len]` = cleaned length.
    map: Vec<usize>,
}

impl Alignment {
    /// Align `raw` (the paragraph's span of the document text) with `clean`.
    pub(crate) fn new(raw: &str, clean: &str) -> Alignment {
        let r: Vec<char> = raw.chars().collect();
        let c: Vec<char> = clean.chars().collect();
        let mut map = Vec::with_capacity(r.len() + 1);
        let (mut i, mut j) = (0, 0);
        while i < r.len() {
            if j < c.len() && same(r[i], c[j]) {
                map.push(j);
                i += 1;
                j += 1;
            } else if droppable(r[i]) {
                map.push(j);
                i += 1;
            } else if j < c.len() && c[j].is_whitespace() {
                // A space the cleaning put in (two lines joined without a break char).
                j += 1;
            } else if j >= c.len() {
                map.push(c.len());
                i += 1;
            } else if let Some((di, dj)) = resync(&r[i..], &c[j..]) {
                for _ in 0..di {
                    map.push(j);
                }
                i += di;
                j += dj;
            } else {
                // One character for another (a normalised quote or ligature).
                map.push(j);
                i += 1;
                j += 1;
            }
        }
        map.push(j.min(c.len()));
        Alignment { map }
    }

    /// The cleaned char span of raw char span `start..end` (relative to the paragraph).
    pub(crate) fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let n = self.map.len() - 1;
        let (start, end) = (start.min(n), end.min(n));
        if end <= start {
            let p = self.map[start];
            return (p, p);
        }
        // The end is one past the last raw char's position, so dropped chars after the
        // term are not pulled in.
        (self.map[start], self.map[end - 1] + 1)
    }
}

fn same(a: char, b: char) -> bool {
    a == b || (a.is_whitespace() && b.is_whitespace())
}

/// The smallest skip `(raw, clean)` after which `RESYNC` characters agree.
fn resync(r: &[char], c: &[char]) -> Option<(usize, usize)> {
    let need = RESYNC.min(c.len());
    if need == 0 {
        return None;
    }
    let agrees = |di: usize, dj: usize| {
        di + need <= r.len()
            && dj + need <= c.len()
            && (0..need).all(|k| same(r[di + k], c[dj + k]))
    };
    for d in 1..WINDOW.min(r.len().max(c.len())) {
        // Extra raw text (a page header) is the usual case; extra clean text is rarer.
        if agrees(d, 0) {
            return Some((d, 0));
        }
        if agrees(0, d) {
            return Some((0, d));
        }
    }
    None
}

/// Fold a string for comparing an evidence term with the text it stands on: lower case,
/// without hyphens, soft hyphens and whitespace.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !droppable(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Place evidence `term`, whose raw span maps to the cleaned char span `(s, e)`, on the
/// cleaned text `clean`. Returns the cleaned char span to highlight, or `None` if the term
/// cannot be found at or near that position.
pub(crate) fn place(clean: &str, term: &str, (s, e): (usize, usize)) -> Option<(usize, usize)> {
    let chars: Vec<char> = clean.chars().collect();
    let want = fold(term);
    if want.is_empty() {
        return None;
    }
    let at = |a: usize, b: usize| fold(&chars[a..b].iter().collect::<String>());
    if s < e && e <= chars.len() && at(s, e) == want {
        return Some((s, e));
    }
    // Search the cleaned text for the term, preferring the occurrence nearest `s`.
    let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    if lower.len() != chars.len() {
        return None; // A character whose lower case is longer: give up rather than misplace.
    }
    let t: Vec<char> = term.trim().chars().flat_map(char::to_lowercase).collect();
    if t.is_empty() || t.len() > lower.len() {
        return None;
    }
    (0..=lower.len() - t.len())
        .filter(|&k| lower[k..k + t.len()] == t[..])
        .min_by_key(|&k| k.abs_diff(s))
        .map(|k| (k, k + t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn highlight(raw: &str, clean: &str, term: &str) -> Option<String> {
        let a = Alignment::new(raw, clean);
        let rs = raw.find(term).map(|b| raw[..b].chars().count())?;
        let re = rs + term.chars().count();
        let (s, e) = place(clean, term, a.span(rs, re))?;
        Some(clean.chars().skip(s).take(e - s).collect())
    }

    #[test]
    fn words_split_over_line_ends() {
        let raw = "en sikker-\nhetspolitisk situasjon i Kommune\nsektoren";
        let clean = "en sikkerhetspolitisk situasjon i Kommunesektoren";
        let a = Alignment::new(raw, clean);
        // "sikker-\nhetspolitisk" is raw chars 3..23.
        assert_eq!(a.span(3, 23), (3, 21));
        assert_eq!(
            place(clean, "sikker-\nhetspolitisk", a.span(3, 23)),
            Some((3, 21))
        );
        assert_eq!(
            highlight(raw, clean, "situasjon").as_deref(),
            Some("situasjon")
        );
        assert_eq!(
            highlight(raw, clean, "Kommune\nsektoren").as_deref(),
            Some("Kommunesektoren")
        );
    }

    #[test]
    fn line_breaks_and_runs_of_spaces_collapse() {
        let raw = "Røst  kommune\nmener at\n  beredskap må styrkes";
        let clean = "Røst kommune mener at beredskap må styrkes";
        assert_eq!(
            highlight(raw, clean, "beredskap").as_deref(),
            Some("beredskap")
        );
        assert_eq!(highlight(raw, clean, "må").as_deref(), Some("må"));
    }

    #[test]
    fn a_page_header_inside_the_span_is_skipped() {
        let raw = "vi trenger flere\nSide 13 av 20\nsykepleiere i distriktene";
        let clean = "vi trenger flere sykepleiere i distriktene";
        assert_eq!(
            highlight(raw, clean, "sykepleiere").as_deref(),
            Some("sykepleiere")
        );
        assert_eq!(highlight(raw, clean, "flere").as_deref(), Some("flere"));
    }

    #[test]
    fn a_wrong_mapping_falls_back_to_the_nearest_occurrence_or_nothing() {
        let clean = "beredskap og mer beredskap";
        assert_eq!(place(clean, "beredskap", (15, 20)), Some((17, 26)));
        assert_eq!(place(clean, "sykefravær", (0, 10)), None);
        assert_eq!(place(clean, "", (0, 0)), None);
    }

    /// Clean a raw text the way ingest does: hyphen + line break joined, other line
    /// breaks become spaces, runs of spaces collapse.
    fn clean_like_ingest(raw: &str) -> String {
        let joined = raw.replace("-\n", "");
        let mut out = String::new();
        for w in joined.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    proptest! {
        #[test]
        fn every_word_maps_onto_itself(
            words in proptest::collection::vec("[a-zæøå]{1,8}", 1..12),
            seps in proptest::collection::vec(prop_oneof![
                Just(" "), Just("\n"), Just("  "), Just(" \n "), Just("-\n")
            ], 12),
            pick in 0usize..12,
        ) {
            let mut raw = String::new();
            for (k, w) in words.iter().enumerate() {
                if k > 0 {
                    raw.push_str(seps[k % seps.len()]);
                }
                raw.push_str(w);
            }
            let clean = clean_like_ingest(&raw);
            let a = Alignment::new(&raw, &clean);
            // Every raw char maps inside the cleaned text.
            let n = raw.chars().count();
            for i in 0..n {
                let (s, e) = a.span(i, i + 1);
                prop_assert!(s <= e && e <= clean.chars().count());
            }
            // A word that stands whole in the cleaned text is found where it stands.
            let k = pick % words.len();
            let w = &words[k];
            let raw_start: usize = words[..k].iter().map(|w| w.chars().count()).sum::<usize>()
                + (1..=k).map(|j| seps[j % seps.len()].chars().count()).sum::<usize>();
            let (s, e) = a.span(raw_start, raw_start + w.chars().count());
            let got: String = clean.chars().skip(s).take(e - s).collect();
            prop_assert_eq!(&got, w);
        }
    }
}
