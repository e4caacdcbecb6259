//! Properties of offsets: whatever the text, reading and tagging never panic, and every
//! evidence quotes the document at its character offsets.

use innspill_themes::{Tagger, document_from_text};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "beredskap",
    "beredskapsrådet",
    "øvelser",
    "sykefravær",
    "heltid",
    "rekruttere",
    "statlig",
    "detaljstyring",
    "lokalt",
    "handlingsrom",
    "fullfinansiering",
    "digitalisering",
    "frivillige",
    "prioritere",
    "Kommunestyret",
    "forventer",
    "at",
    "KS",
    "staten",
    "må",
    "og",
    "i",
    "kommunen",
    "Røst",
    "øykommune",
    "«Tid",
    "for",
    "taktskifte»",
    "KS’",
    "samfunnstryggleik",
    "ikkje",
    "sjukefråvær",
    "–",
    "2026",
    "ROS-analyse",
    "Øst-Finnmark",
];
const SEPS: &[&str] = &[
    " ", " ", " ", "\n", "  \n", "\n\n", "\n\n• ", "\n• ", "\n\n3. ", ". ", ": ", ", ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), 0..SEPS.len(), 0..8usize), 1..80).prop_map(|parts| {
        let mut s = String::new();
        for (w, sep, split) in parts {
            let word = WORDS[w];
            // Now and then a word split over a line end, with or without a hyphen.
            let n = word.chars().count();
            if split == 0 && n > 6 {
                let cut: String = word.chars().take(n / 2).collect();
                let rest: String = word.chars().skip(n / 2).collect();
                s.push_str(&format!("{cut}-\n{rest}"));
            } else {
                s.push_str(word);
            }
            s.push_str(SEPS[sep]);
        }
        s
    })
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{AD}' | '\u{2010}' | '\u{2011}'))
        .flat_map(char::to_lowercase)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn evidence_quotes_the_document(raw in text()) {
        let tagger = Tagger::with_default_codebook();
        let doc = document_from_text(&raw, "prop.txt");
        let chars: Vec<char> = doc.text.chars().collect();
        for (_, p) in doc.paragraphs() {
            prop_assert!(p.start <= p.end && p.end <= chars.len());
        }
        for p in tagger.tag_paragraphs(&doc) {
            let para = doc.paragraphs().find(|(_, q)| q.n == p.n).unwrap().1;
            for t in &p.tags {
                for ev in &t.evidence {
                    prop_assert!(ev.start < ev.end && ev.end <= chars.len(), "{ev:?}");
                    let quoted: String = chars[ev.start..ev.end].iter().collect();
                    let whole_paragraph = ev.start == para.start && ev.end == para.end;
                    let in_section = ev.end <= para.start;
                    prop_assert!(
                        squeeze(&quoted) == squeeze(&ev.term) || whole_paragraph,
                        "evidence {ev:?} quotes {quoted:?} (paragraph {:?}, section tag: {in_section})",
                        para.text
                    );
                }
            }
            for d in &p.demands {
                prop_assert!(d.start <= d.end && d.end <= chars.len(), "{d:?}");
            }
        }
        // Deterministic.
        let again = tagger.tag_document(&doc);
        prop_assert_eq!(serde_json::to_string(&tagger.tag_document(&doc)).unwrap(), serde_json::to_string(&again).unwrap());
    }
}
