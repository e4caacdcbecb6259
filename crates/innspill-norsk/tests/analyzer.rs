//! The analyser end to end: offsets, panics, determinism, the seed document, the JSON
//! form of tokens, and agreement of the tokeniser's fast path with
//! `unicode-segmentation`.

use innspill_norsk::{
    Analyzer, CompoundSplitter, Lexicon, SegmentKind, Token, TokenKind, Tokenizer,
};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

const SEED: &str = include_str!("../../../corpus/real/rost-2026.txt");

/// What a token's text and its original span have in common: the letters and digits,
/// NFC, lower-cased (joins drop hyphens, line breaks and soft hyphens; possessives drop
/// the apostrophe; numbers drop group spaces).
fn letters(s: &str) -> String {
    s.nfc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Offsets on char boundaries and in order, spans that map back onto the input, and
/// consistent positions and sentences.
fn check_tokens(text: &str, tokens: &[Token]) -> Result<(), String> {
    let mut last_start = 0;
    let mut last_sentence = 0;
    for (i, t) in tokens.iter().enumerate() {
        let ok = t.start <= t.end
            && t.end <= text.len()
            && text.is_char_boundary(t.start)
            && text.is_char_boundary(t.end);
        if !ok {
            return Err(format!(
                "token {i} {t:?}: offsets off char boundaries of {text:?}"
            ));
        }
        let span = &text[t.start..t.end];
        if letters(span) != letters(&t.text) {
            return Err(format!(
                "token {i}: span {span:?} does not map onto text {:?}",
                t.text
            ));
        }
        if t.start < last_start || t.sentence < last_sentence || t.position != i as u32 {
            return Err(format!("token {i} {t:?}: out of order"));
        }
        if t.text.is_empty() || t.norm.is_empty() {
            return Err(format!("token {i} {t:?}: empty"));
        }
        last_start = t.start;
        last_sentence = t.sentence;
    }
    Ok(())
}

/// Text in the shape of PDF extracts: Norwegian words, punctuation, hyphens and line
/// breaks, so that dehyphenation and every tokeniser rule gets exercised.
fn norwegian_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("kommune"),
        Just("sektoren"),
        Just("sikker-"),
        Just("hetspolitisk"),
        Just("Øst-"),
        Just("Finnmark"),
        Just("også"),
        Just("kommunene"),
        Just("KS’"),
        Just("bl.a."),
        Just("f.eks."),
        Just("700"),
        Just("000"),
        Just("1,5"),
        Just("§"),
        Just("5-2"),
        Just("%"),
        Just("helse-"),
        Just("og"),
        Just("«"),
        Just("»"),
        Just("."),
        Just(","),
        Just(":"),
        Just("\u{AD}"),
        Just("å"),
        Just("e\u{301}"),
        Just("1."),
        Just("•"),
        Just("-"),
        Just("–"),
        Just("'"),
        Just("’"),
        Just("@"),
        Just("日本"),
        Just("😀"),
        Just("A."),
    ];
    let sep = prop_oneof![
        Just(""),
        Just(" "),
        Just("\n"),
        Just(" \n"),
        Just("\n\n"),
        Just("-\n")
    ];
    prop::collection::vec((piece, sep), 0..40)
        .prop_map(|v| v.into_iter().flat_map(|(p, s)| [p, s]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_and_offsets_hold(text in any::<String>()) {
        let analyzer = Analyzer::default();
        let tokens = analyzer.analyze(&text);
        prop_assert_eq!(check_tokens(&text, &tokens), Ok(()));
        let _ = analyzer.key(&text);
        let _ = analyzer.paragraph_languages(&text);
    }

    #[test]
    fn offsets_hold_on_norwegian_pdf_text(text in norwegian_text()) {
        let analyzer = Analyzer::default();
        let tokens = analyzer.analyze(&text);
        prop_assert_eq!(check_tokens(&text, &tokens), Ok(()));
        // Borrowed and owned tokens agree.
        let mut i = 0;
        let mut same = true;
        analyzer.analyze_with(&text, |t| {
            same &= tokens.get(i) == Some(&t.to_token());
            i += 1;
        });
        prop_assert!(same && i == tokens.len());
    }

    /// Where no Norwegian rule applies, the fast path cuts text exactly where
    /// `unicode-segmentation` does.
    #[test]
    fn fast_path_matches_unicode_segmentation(
        // Number groups (`12 345`) and clock times (`12:30`) are Norwegian rules, so
        // digits come without spaces and colons.
        text in prop_oneof![
            "[a-zA-ZæøåÆØÅéüÞßÿª²½×÷ \n,;:!?()«»\"/_·\u{AD}]{0,60}",
            "[a-zA-ZæøåÆØÅéüÞßÿª²½×÷0-9,;!?()«»\"/_·\u{AD}]{0,60}",
        ]
    ) {
        // Soft hyphens are invisible: UAX #29 attaches them to whatever precedes them,
        // the fast path drops them between words.
        let visible = |w: &str| w.replace('\u{AD}', "");
        let ours: Vec<String> = Tokenizer::new()
            .segments(&text)
            .iter()
            .map(|s| visible(&text[s.start..s.end]))
            .collect();
        let theirs: Vec<String> = text
            .split_word_bounds()
            .map(visible)
            .filter(|w| !w.trim().is_empty())
            .collect();
        prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn seed_document_joins_and_keeps() {
    let analyzer = Analyzer::default();
    let tokens = analyzer.analyze(SEED);
    check_tokens(SEED, &tokens).unwrap();
    let find = |word: &str| tokens.iter().find(|t| t.text == word);
    // A word joined over a line break: the span is the original, hyphen and break included.
    let joined = find("sikkerhetspolitisk").expect("sikkerhetspolitisk joined");
    assert_eq!(&SEED[joined.start..joined.end], "sikker-\nhetspolitisk");
    for word in [
        "Kommunesektoren",
        "Helsepersonellkommisjonen",
        "samfunnssikkerhet",
    ] {
        assert!(
            find(word).is_some(),
            "{word} joined\nhelp: see dehyphenate.rs"
        );
    }
    // Deliberately not changed.
    for word in ["Øst-Finnmark", "Kårstø-anlegget"] {
        assert!(find(word).is_some(), "{word} keeps its hyphen");
    }
    assert!(
        find("ogsåkommunene").is_none(),
        "også kommunene stays two words"
    );
    // `KS’` is the possessive word `KS`.
    let ks = tokens.iter().find(|t| t.possessive).expect("a possessive");
    assert_eq!((ks.text.as_str(), &SEED[ks.start..ks.end]), ("KS", "KS’"));
    // Bullets and headings start sentences; tokens of one sentence share a number.
    let sentences = tokens.last().map_or(0, |t| t.sentence);
    assert!((150..800).contains(&sentences), "{sentences} sentences");
}

#[test]
fn same_input_same_output() {
    let a = Analyzer::default();
    let b = Analyzer::default();
    let first = a.analyze(SEED);
    // Another analyser on the same thread (the word cache changes hands), then the first.
    assert_eq!(b.analyze(SEED), first);
    assert_eq!(a.analyze(SEED), first);
    let json = |tokens: &[Token]| serde_json::to_string(tokens).unwrap();
    assert_eq!(json(&a.analyze(SEED)), json(&first));
}

#[test]
fn nested_calls_from_the_callback_agree() {
    let analyzer = Analyzer::default();
    let text = "Tenestene i kommunane og tjenestene i kommunene.";
    let mut keys = Vec::new();
    analyzer.analyze_with(text, |t| {
        keys.push((t.key.to_string(), analyzer.key(t.text)))
    });
    for (stem, key) in &keys {
        assert_eq!(stem, key);
    }
    assert_eq!(keys[0].0, keys[4].0, "tenestene/tjenestene");
    assert_eq!(keys[2].0, keys[6].0, "kommunane/kommunene");
}

#[test]
fn key_is_the_token_key() {
    let analyzer = Analyzer::default();
    let tokens = analyzer.analyze(SEED);
    for (i, t) in tokens.iter().enumerate() {
        // The word before may choose between two readings (`vi lærer`, `en lærer`), so
        // the word is keyed after it, as in the text.
        let key = match i.checked_sub(1).map(|j| &tokens[j]) {
            Some(prev)
                if prev.kind == TokenKind::Word
                    && t.kind == TokenKind::Word
                    && SEED[prev.end..t.start].trim().is_empty() =>
            {
                analyzer
                    .analyze(&format!("{} {}", prev.norm, t.text))
                    .last()
                    .map(|k| k.key.clone())
                    .unwrap_or_default()
            }
            _ => analyzer.key(&t.text),
        };
        assert_eq!(
            key, t.key,
            "key({:?})\nhelp: key() and analyze() must share one path",
            t.text
        );
    }
}

#[test]
fn search_in_one_standard_finds_the_other() {
    let analyzer = Analyzer::default();
    let nn = analyzer.analyze(
        "Kommunane treng fleire tilsette i tenestene, og samfunnstryggleiken må styrkjast. \
         Det er ikkje mogleg utan statleg finansiering av utfordringane.",
    );
    let nn_stems: Vec<&str> = nn.iter().map(|t| t.key.as_str()).collect();
    for nb in [
        "kommunene",
        "flere",
        "ansatte",
        "tjenestene",
        "samfunnssikkerheten",
        "ikke",
        "mulig",
        "statlig",
        "utfordringene",
    ] {
        let key = analyzer.key(nb);
        assert!(
            nn_stems.contains(&key.as_str()),
            "Bokmål {nb:?} (key {key:?}) not in {nn_stems:?}"
        );
    }
}

#[test]
fn compounds_come_from_the_splitter_and_the_given_lexicon() {
    let mut lexicon = Lexicon::embedded();
    lexicon.learn("taktskifte tempo endringstakt takt skifte endring");
    let analyzer = Analyzer::builder()
        .lexicon(lexicon.clone())
        .build()
        .unwrap();
    let splitter = CompoundSplitter::new(lexicon);
    for t in analyzer.analyze("Endringstakten og taktskiftet i IKT-sikkerhetsarbeidet") {
        if t.kind != TokenKind::Word || t.stop {
            continue;
        }
        let parts: Vec<&str> = t.parts.iter().map(String::as_str).collect();
        if !t.norm.contains('-') {
            let want = splitter.split(&t.norm);
            let want = if want.len() < 2 { Vec::new() } else { want };
            assert_eq!(parts, want, "parts of {:?}", t.norm);
        }
        assert_eq!(t.parts.len(), t.part_stems.len());
        for (p, s) in t.parts.iter().zip(&t.part_stems) {
            assert_eq!(&analyzer.key(p), s, "part key of {p:?}");
        }
    }
    let ikt = Analyzer::default().analyze("IKT-sikkerhet");
    assert_eq!(ikt[0].parts, ["ikt", "sikkerhet"]);
}

#[test]
fn paragraph_languages() {
    let analyzer = Analyzer::default();
    let text = "Kommunestyret mener at staten ikke kan styre alt.\n\n\
                Kommunestyret meiner at staten ikkje kan styre alt.";
    let paragraphs = analyzer.paragraph_languages(text);
    let langs: Vec<&str> = paragraphs.iter().map(|p| p.guess.lang.as_str()).collect();
    assert_eq!(langs, ["nb", "nn"]);
    assert_eq!(
        analyzer
            .language(&text[paragraphs[1].range.clone()])
            .lang
            .as_str(),
        "nn"
    );
}

#[test]
fn token_json() {
    let analyzer = Analyzer::default();
    let text = "KS’ innspill: bl.a. 700 000 kr til IKT-sikkerhet i Øst-Finnmark.\n\
                Også kommunane må med.";
    let lines: Vec<String> = analyzer
        .analyze(text)
        .iter()
        .map(|t| serde_json::to_string(t).unwrap())
        .collect();
    insta::assert_snapshot!("token_json", lines.join("\n"));
}

#[test]
fn segments_of_the_seed_are_words_numbers_abbreviations_or_punctuation() {
    // Every non-space character of the seed lies in exactly one segment.
    let segments = Tokenizer::new().segments(SEED);
    let mut covered = 0;
    for s in &segments {
        assert!(s.start >= covered, "overlap at {}", s.start);
        assert!(
            SEED[covered..s.start]
                .chars()
                .all(|c| c.is_whitespace() || c == '\u{AD}')
        );
        if s.kind == SegmentKind::Punctuation {
            assert!(!SEED[s.start..s.end].chars().any(char::is_alphabetic));
        }
        covered = s.end;
    }
    assert!(SEED[covered..].trim().is_empty());
}
