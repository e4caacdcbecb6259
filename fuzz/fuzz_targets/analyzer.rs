//! The analyser never panics on any string, and its offsets hold: every token's byte
//! range is on char boundaries, in order and within the text, and maps back onto the
//! token's letters; `analyze_with` hands out the same tokens as `analyze`; the language
//! guesses are probabilities.
#![no_main]

use std::sync::OnceLock;

use innspill_norsk::{Analyzer, Lang, Token};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

/// Letters and digits, NFC, lower case: what a token's text and its span share (joins
/// drop hyphens and line breaks, possessives the apostrophe, numbers group spaces).
fn letters(s: &str) -> String {
    s.nfc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn check(text: &str, tokens: &[Token]) {
    let mut last_start = 0;
    let mut last_end = 0;
    let mut last_sentence = 0;
    for (i, t) in tokens.iter().enumerate() {
        assert!(
            t.start <= t.end && t.end <= text.len(),
            "token {i} {}..{} outside the text of {} bytes",
            t.start,
            t.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "token {i} {}..{} not on char boundaries",
            t.start,
            t.end
        );
        assert!(
            t.start >= last_start && t.start >= last_end,
            "token {i} {}..{} before or over the previous one ({last_start}..{last_end})",
            t.start,
            t.end
        );
        assert!(t.sentence >= last_sentence, "token {i}: sentence goes back");
        assert_eq!(t.position as usize, i, "token {i}: position");
        assert!(
            !t.text.is_empty() && !t.norm.is_empty(),
            "token {i} is empty"
        );
        let span = &text[t.start..t.end];
        assert_eq!(
            letters(span),
            letters(&t.text),
            "token {i}: span {span:?} does not map onto {:?}",
            t.text
        );
        assert_eq!(
            t.parts.len(),
            t.part_stems.len(),
            "token {i}: parts and stems"
        );
        last_start = t.start;
        last_end = t.end;
        last_sentence = t.sentence;
    }
}

fn plain() -> &'static Analyzer {
    static PLAIN: OnceLock<Analyzer> = OnceLock::new();
    PLAIN.get_or_init(|| {
        Analyzer::builder()
            .dehyphenate(false)
            .build()
            .expect("the embedded word lists load")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for analyzer in [innspill_fuzz::analyzer(), plain()] {
        let tokens = analyzer.analyze(text);
        check(text, &tokens);
        let mut i = 0;
        analyzer.analyze_with(text, |t| {
            assert_eq!(tokens.get(i), Some(&t.to_token()), "analyze_with token {i}");
            i += 1;
        });
        assert_eq!(i, tokens.len(), "analyze_with gave as many tokens");
    }
    let analyzer = innspill_fuzz::analyzer();
    // Keys do not depend on the written standard whose lemmas a token shows; a word has
    // a lemma and a key.
    let nb = analyzer.with_language(Lang::Nb).analyze(text);
    let nn = analyzer.with_language(Lang::Nn).analyze(text);
    assert_eq!(nb.len(), nn.len());
    for (a, b) in nb.iter().zip(&nn) {
        assert_eq!(a.key, b.key, "key of {:?} differs between nb and nn", a.text);
        assert!(!a.lemma.is_empty() && !b.lemma.is_empty(), "{a:?} has no lemma");
    }
    let guess = analyzer.language(text);
    assert!(
        (0.0..=1.0).contains(&guess.confidence),
        "confidence {}",
        guess.confidence
    );
    let mut last_end = 0;
    for p in analyzer.paragraph_languages(text) {
        assert!((0.0..=1.0).contains(&p.guess.confidence), "{p:?}");
        assert!(
            last_end <= p.range.start && p.range.start <= p.range.end,
            "{p:?} out of order"
        );
        assert!(text.get(p.range.clone()).is_some(), "{p:?} not in the text");
        last_end = p.range.end;
    }
    let _ = analyzer.key(text);
});
