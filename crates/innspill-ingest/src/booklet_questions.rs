//! Finding a debate booklet's questions in its text, and the words that tell an answer
//! to each.
//!
//! KS' booklets close a chapter with its questions: under a heading such as «KS spør»,
//! «Spørsmål til drøfting» or «Spørsmål til diskusjon» (Nynorsk «KS spør», «Spørsmål til
//! drøfting», «Spurnader»), numbered `1.`, `2)`, or as bullets; or as numbered questions
//! at the end of a chapter without a heading. A question runs to its last question mark.
//! Its cues are its own words and the words that set its chapter apart from the rest of
//! the booklet, less the words that several questions share.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use innspill_model::{BookletQuestion, ParagraphKind};
use innspill_norsk::{Analyzer, Lexicon};

use crate::layout::{Para, paragraphs};
use crate::raw::RawText;

/// Headings that open a booklet's questions (lower case, without a closing colon).
const MARKERS: &[&str] = &[
    "ks spør",
    "ks spyr",
    "spørsmål",
    "spørsmål til drøfting",
    "spørsmål til diskusjon",
    "spørsmål til debatt",
    "spørsmål til refleksjon",
    "drøftingsspørsmål",
    "diskusjonsspørsmål",
    "spurnader",
    "spørsmål til kommunestyret",
    "spørsmål til fylkestinget",
];

/// How many words of a chapter are taken as cues, at most.
const CHAPTER_CUES: usize = 12;

/// The questions of a booklet's text, numbered as the booklet numbers them (or 1, 2, …
/// in order when it does not, or numbers them again in every chapter), with their cues.
///
/// ```
/// use innspill_ingest::find_questions;
/// use innspill_norsk::Analyzer;
///
/// let text = "Grønn omstilling\n\nKommunene må kutte utslipp og klimatilpasse.\n\n\
///     KS spør\n\n1. Hvordan kan kommunen kutte utslipp raskere?\n\n\
///     Digitalisering\n\nFelles løsninger gir bedre tjenester.\n\n\
///     KS spør\n\n2. Hva skal til for at kommunen deler data med \
///     nabokommunene?\n";
/// let q = find_questions(&Analyzer::default(), text);
/// assert_eq!(q.len(), 2);
/// assert_eq!(q[1].text, "Hva skal til for at kommunen deler data med nabokommunene?");
/// assert!(q[0].cues.iter().any(|c| c == "utslipp"));
/// ```
pub fn find_questions(analyzer: &Analyzer, text: &str) -> Vec<BookletQuestion> {
    let lexicon = Lexicon::embedded();
    let raw = RawText::from_plain(text);
    let paras = paragraphs(&raw, &lexicon);
    // (paragraph index where the block starts, number, text)
    let mut found: Vec<(usize, Option<u32>, String)> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        if !is_marker(&paras[i]) {
            i += 1;
            continue;
        }
        let block = i;
        i += 1;
        while i < paras.len() {
            let p = &paras[i];
            let t = p.text.trim();
            let continues = found
                .last()
                .is_some_and(|(b, _, q)| *b == block && !q.ends_with('?'));
            if continues && !is_marker(p) && p.numbered.is_none() {
                let (_, _, q) = found.last_mut().expect("checked");
                q.push(' ');
                q.push_str(t);
                i += 1;
                continue;
            }
            if (p.numbered.is_some() || p.kind == ParagraphKind::Bullet) && t.contains('?')
                || p.numbered.is_some() && !t.is_empty()
            {
                found.push((block, p.numbered, t.to_string()));
                i += 1;
                continue;
            }
            break;
        }
    }
    if found.is_empty() {
        // Numbered questions at the end of a chapter, without a heading.
        for (i, p) in paras.iter().enumerate() {
            if p.numbered.is_some() && p.text.trim_end().ends_with('?') {
                found.push((i, p.numbered, p.text.trim().to_string()));
            }
        }
    }
    // Cut each question at its last question mark; drop what has none.
    let mut questions: Vec<(usize, Option<u32>, String)> = found
        .into_iter()
        .filter_map(|(b, n, q)| {
            let end = q.rfind('?')?;
            Some((b, n, squash(&q[..=end])))
        })
        .collect();
    // Numbers as the booklet gives them, if they are 1, 2, … in order; else in order.
    let given: Vec<Option<u32>> = questions.iter().map(|q| q.1).collect();
    let in_order = given
        .iter()
        .enumerate()
        .all(|(i, n)| *n == Some(i as u32 + 1));
    for (i, q) in questions.iter_mut().enumerate() {
        if !in_order {
            q.1 = Some(i as u32 + 1);
        }
    }
    let cues = cues(analyzer, &paras, &questions);
    questions
        .into_iter()
        .zip(cues)
        .map(|((_, n, text), cues)| BookletQuestion {
            number: n.unwrap_or(0).min(255) as u8,
            text,
            cues,
        })
        .collect()
}

/// Whether a paragraph is a heading that opens questions.
fn is_marker(p: &Para) -> bool {
    let t = p.text.trim().trim_end_matches(':').trim().to_lowercase();
    t.chars().count() <= 40 && MARKERS.contains(&t.as_str())
}

/// Single spaces, and `kommune/ fylkeskommune` closed up.
fn squash(s: &str) -> String {
    let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    out = out.replace("/ ", "/");
    // Strip a leading number marker left in the text.
    let trimmed = out
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')'])
        .trim_start();
    if trimmed.len() < out.len() && out.starts_with(|c: char| c.is_ascii_digit()) {
        out = trimmed.to_string();
    }
    out
}

/// Content words of a text: the analyser's normalised tokens that are not stop words,
/// of at least four letters, with the parts of compounds.
fn content_words(analyzer: &Analyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in analyzer.analyze(text) {
        if t.stop || t.norm.chars().count() < 4 || !t.norm.chars().all(char::is_alphabetic) {
            continue;
        }
        out.push(cue_of(&t.norm));
        for part in &t.parts {
            if part.chars().count() >= 5 {
                out.push(cue_of(part));
            }
        }
    }
    out
}

/// The beginning that stands for a word's forms: `endringstakten` → `endringstakt`,
/// `prioritere` → `priorite` (a common ending cut off, at least four letters kept).
fn cue_of(word: &str) -> String {
    const ENDINGS: &[&str] = &[
        "ene", "ane", "en", "et", "er", "ar", "a", "e", "ne", "re", "te", "ende", "ing",
    ];
    let chars = word.chars().count();
    for ending in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.chars().count() >= 4
            && chars > 5
        {
            return stem.to_string();
        }
    }
    word.to_string()
}

/// Cues per question: its own words and its chapter's distinctive words, without words
/// that two or more questions have.
fn cues(
    analyzer: &Analyzer,
    paras: &[Para],
    questions: &[(usize, Option<u32>, String)],
) -> Vec<Vec<String>> {
    // Chapters: from the end of the previous block of questions to this block's start.
    let blocks: BTreeSet<usize> = questions.iter().map(|q| q.0).collect();
    let mut chapter_of: BTreeMap<usize, String> = BTreeMap::new();
    let mut from = 0;
    for &b in &blocks {
        let text: Vec<&str> = paras[from.min(b)..b]
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        chapter_of.insert(b, text.join("\n"));
        from = b + 1;
        while from < paras.len() && (paras[from].numbered.is_some() || is_marker(&paras[from])) {
            from += 1;
        }
    }
    let counts: BTreeMap<usize, HashMap<String, usize>> = chapter_of
        .iter()
        .map(|(&b, t)| {
            let mut c = HashMap::new();
            for w in content_words(analyzer, t) {
                *c.entry(w).or_insert(0) += 1;
            }
            (b, c)
        })
        .collect();
    let mut own: Vec<BTreeSet<String>> = Vec::new();
    let mut chapter: Vec<BTreeSet<String>> = Vec::new();
    for (b, _, text) in questions {
        own.push(content_words(analyzer, text).into_iter().collect());
        // The chapter's distinctive words, against the other chapters.
        let mut set = BTreeSet::new();
        if blocks.len() > 1 {
            let here = &counts[b];
            let mut scored: Vec<(f64, &String)> = here
                .iter()
                .filter(|&(_, &n)| n >= 3)
                .map(|(w, &n)| {
                    let elsewhere: usize = counts
                        .iter()
                        .filter(|(k, _)| *k != b)
                        .map(|(_, c)| c.get(w).copied().unwrap_or(0))
                        .sum();
                    let ratio = (n as f64 + 1.0) / (elsewhere as f64 + 1.0);
                    (ratio * (n as f64).ln(), w)
                })
                .filter(|(s, _)| *s >= 2.0)
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            set.extend(
                scored
                    .into_iter()
                    .take(CHAPTER_CUES)
                    .map(|(_, w)| w.clone()),
            );
        }
        chapter.push(set);
    }
    // A question's own words count unless another question has them too; a chapter's
    // words unless another question has them among its own or its chapter's.
    let count_in =
        |sets: &[BTreeSet<String>], w: &String| sets.iter().filter(|s| s.contains(w)).count();
    (0..questions.len())
        .map(|i| {
            let mut cues: BTreeSet<String> = own[i]
                .iter()
                .filter(|w| own.len() == 1 || count_in(&own, w) == 1)
                .cloned()
                .collect();
            cues.extend(
                chapter[i]
                    .iter()
                    .filter(|w| {
                        count_in(&chapter, w) == 1
                            && own
                                .iter()
                                .enumerate()
                                .all(|(j, o)| j == i || !o.contains(*w))
                    })
                    .cloned(),
            );
            cues.into_iter().collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2026_booklet_has_three_questions() {
        let q = find_questions(&Analyzer::default(), crate::BOOKLET_2026);
        let texts: Vec<(u8, &str)> = q.iter().map(|q| (q.number, q.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (
                    1,
                    "Hva må vi gjøre i vår kommune/fylkeskommune de neste to årene for å øke \
                     endringstakten for bærekraftig velferd?"
                ),
                (
                    2,
                    "Hvordan kan vi i vår kommune/fylkeskommune de neste to årene ta i bruk de \
                     arbeidskraftressursene som finnes?"
                ),
                (
                    3,
                    "Hva må vi prioritere i vår kommune/fylkeskommune for å styrke \
                     beredskapsevnen – både i egen organisasjon og i lokalsamfunnet?"
                ),
            ]
        );
        for (n, cue) in [
            (1, "endringstakt"),
            (1, "velferd"),
            (2, "arbeidskraft"),
            (3, "beredskap"),
        ] {
            assert!(
                q[n - 1]
                    .cues
                    .iter()
                    .any(|c| c.starts_with(cue) || cue.starts_with(c.as_str())),
                "question {n} lacks {cue}: {:?}",
                q.iter().map(|q| &q.cues).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn questions_without_a_heading_and_under_other_headings() {
        let a = Analyzer::default();
        let q = find_questions(
            &a,
            "Kapittel 1\n\nTekst om klima.\n\n1. Hvordan kan vi kutte utslipp?\n\n\
             2. Hva gjør vi med flom?\n",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].text, "Hva gjør vi med flom?");
        let q = find_questions(
            &a,
            "Spørsmål til drøfting:\n\n• Korleis kan kommunen samarbeide betre?\n\n\
             • Kva må staten gjere?\n\nNeste kapittel\n",
        );
        let got: Vec<(u8, &str)> = q.iter().map(|q| (q.number, q.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "Korleis kan kommunen samarbeide betre?"),
                (2, "Kva må staten gjere?")
            ]
        );
        assert!(find_questions(&a, "Ingen spørsmål her.\n").is_empty());
    }
}
