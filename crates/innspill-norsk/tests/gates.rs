//! Evaluation gates of the analyser's core against external data in `../shared/data/nlp`
//! (never committed; see SOURCES.md there). Run by `.ci/run`:
//!
//! ```text
//! cargo test -p innspill-norsk --test gates -- --ignored --nocapture
//! ```
//!
//! - tokenisation against the UD Norwegian Bokmål and Nynorsk **test** sets (gold FORM
//!   and SpaceAfter): token F1 ≥ 99.0 % each;
//! - sentence boundaries against the same sets: F1 ≥ 95 % each;
//! - Snowball stems: rust-stemmers against `voc_pre2025.txt` → `output_pre2025.txt`,
//!   all 20,628 pairs (the stemmer alone, without the Nynorsk layer).

use std::collections::HashSet;
use std::path::PathBuf;

use innspill_norsk::{Stemmer, Tokenizer, sentences};

fn nlp() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/nlp")
}

fn read(rel: &str) -> String {
    let path = nlp().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A UD test set rebuilt as running text, with the gold token spans and sentence ends.
struct Gold {
    text: String,
    tokens: Vec<(usize, usize)>,
    sentence_ends: Vec<usize>,
}

/// Rebuild the text of a CoNLL-U file: tokens joined by their SpaceAfter, sentences by a
/// space, paragraphs (`# newpar`) by a blank line. A sentence that ends without final
/// punctuation (a heading, a list item, a line of verse) is followed by a line break,
/// as it stood on its own line in the source.
fn gold(conllu: &str) -> Gold {
    let mut g = Gold {
        text: String::new(),
        tokens: Vec::new(),
        sentence_ends: Vec::new(),
    };
    let mut newpar = false;
    let mut in_sentence = false;
    let mut space_after = true;
    for line in conllu.lines() {
        if line.starts_with("# newpar") {
            newpar = true;
        } else if line.starts_with('#') {
        } else if line.is_empty() {
            if in_sentence {
                g.sentence_ends.push(g.text.len());
                in_sentence = false;
            }
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 || cols[0].contains(['-', '.']) {
                continue;
            }
            if !in_sentence {
                if !g.text.is_empty() {
                    let last = g.text.trim_end_matches(['»', '"', '”', ')', '\'']);
                    let terminal = last.ends_with(['.', '!', '?', '…']);
                    g.text.push_str(if newpar {
                        "\n\n"
                    } else if terminal {
                        " "
                    } else {
                        "\n"
                    });
                }
                newpar = false;
                in_sentence = true;
            } else if space_after {
                g.text.push(' ');
            }
            let start = g.text.len();
            g.text.push_str(cols[1]);
            g.tokens.push((start, g.text.len()));
            space_after = !cols[9].contains("SpaceAfter=No");
        }
    }
    if in_sentence {
        g.sentence_ends.push(g.text.len());
    }
    g
}

fn f1(gold: &HashSet<(usize, usize)>, predicted: &HashSet<(usize, usize)>) -> (f64, f64, f64) {
    let hit = gold.intersection(predicted).count() as f64;
    let p = hit / predicted.len().max(1) as f64;
    let r = hit / gold.len().max(1) as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (100.0 * p, 100.0 * r, 100.0 * f)
}

fn show(text: &str, spans: impl Iterator<Item = (usize, usize)>, n: usize) -> Vec<String> {
    spans
        .take(n)
        .map(|(s, e)| {
            let from = text.floor_char_boundary(s.saturating_sub(20));
            let to = text.ceil_char_boundary((e + 20).min(text.len()));
            format!(
                "{:?} in …{}…",
                &text[s..e],
                text[from..to].replace('\n', "⏎")
            )
        })
        .collect()
}

fn ud_gate(name: &str, rel: &str) {
    let g = gold(&read(rel));
    let gold_tokens: HashSet<(usize, usize)> = g.tokens.iter().copied().collect();
    let predicted: HashSet<(usize, usize)> = Tokenizer::new()
        .segments(&g.text)
        .iter()
        .map(|s| (s.start, s.end))
        .collect();
    let (p, r, f) = f1(&gold_tokens, &predicted);
    println!(
        "{name} tokens: gold {}, predicted {}, precision {p:.2} %, recall {r:.2} %, F1 {f:.2} %",
        gold_tokens.len(),
        predicted.len()
    );
    let mut missed: Vec<_> = gold_tokens.difference(&predicted).copied().collect();
    missed.sort();
    for m in show(&g.text, missed.into_iter(), 12) {
        println!("  missed gold token {m}");
    }

    let gold_ends: HashSet<(usize, usize)> = g.sentence_ends.iter().map(|&e| (e, e)).collect();
    let predicted_ends: HashSet<(usize, usize)> =
        sentences(&g.text).iter().map(|r| (r.end, r.end)).collect();
    let (sp, sr, sf) = f1(&gold_ends, &predicted_ends);
    println!(
        "{name} sentences: gold {}, predicted {}, precision {sp:.2} %, recall {sr:.2} %, F1 {sf:.2} %",
        gold_ends.len(),
        predicted_ends.len()
    );
    let mut missed: Vec<_> = gold_ends
        .difference(&predicted_ends)
        .map(|&(e, _)| (e, e))
        .collect();
    missed.sort();
    for m in show(&g.text, missed.into_iter(), 8) {
        println!("  missed sentence end {m}");
    }
    let mut extra: Vec<_> = predicted_ends
        .difference(&gold_ends)
        .map(|&(e, _)| (e, e))
        .collect();
    extra.sort();
    for m in show(&g.text, extra.into_iter(), 8) {
        println!("  extra sentence end {m}");
    }
    assert!(f >= 99.0, "{name}: token F1 {f:.2} % is below 99.0 %");
    assert!(
        sf >= 95.0,
        "{name}: sentence-boundary F1 {sf:.2} % is below 95 %"
    );
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn ud_bokmaal_tokens_and_sentences() {
    ud_gate(
        "UD Bokmål test",
        "ud_norwegian_bokmaal/no_bokmaal-ud-test.conllu",
    );
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn ud_nynorsk_tokens_and_sentences() {
    ud_gate(
        "UD Nynorsk test",
        "ud_norwegian_nynorsk/no_nynorsk-ud-test.conllu",
    );
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn snowball_pre2025_vocabulary() {
    let voc = read("snowball_norwegian/voc_pre2025.txt");
    let out = read("snowball_norwegian/output_pre2025.txt");
    let stemmer = Stemmer::new();
    let (mut total, mut same) = (0, 0);
    let mut wrong = Vec::new();
    for (word, want) in voc.lines().zip(out.lines()) {
        total += 1;
        let got = stemmer.snowball(word);
        if got == want {
            same += 1;
        } else if wrong.len() < 10 {
            wrong.push(format!("{word} → {got} (expected {want})"));
        }
    }
    println!("Snowball pre-2025 Norwegian vocabulary: {same}/{total} stems exact");
    for w in &wrong {
        println!("  {w}");
    }
    assert_eq!(
        voc.lines().count(),
        out.lines().count(),
        "voc and output differ in length"
    );
    assert_eq!((same, total), (20_628, 20_628));
}
