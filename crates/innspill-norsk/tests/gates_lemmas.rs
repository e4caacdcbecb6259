//! Evaluation gate of the lemmatiser against the UD Norwegian Bokmål and Nynorsk **test**
//! sets in `../shared/data/nlp` (never committed). Run by `.ci/run`:
//!
//! ```text
//! cargo test -p innspill-norsk --test gates_lemmas -- --ignored --nocapture
//! ```
//!
//! Word tokens (UPOS not PUNCT, SYM or NUM); lemmas compared case-insensitively. Each
//! sentence is analysed as its gold words joined by spaces, so the analyser sees the
//! context it uses (the word before), and a gold token's lemma is that of the analyser's
//! token with the same span (the word analysed alone where the tokenisers disagree). The
//! analyser is told the written standard of each set, as ingest tells it a document's.
//! Gates: ≥ 97.0 % Bokmål, ≥ 96.0 % Nynorsk. The lexicon was built without these
//! sentences (`examples/build_lemmas.rs` leaves them out of the treebank counts).
//!
//! Beside it, simplemma 2.0's figure on the same tokens, from `lemmas/simplemma_ud.py`
//! (run when `python3` with simplemma is installed; `.ci/run` installs it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use innspill_norsk::{Analyzer, Lang};

fn nlp() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/nlp")
}

/// Errors: how often the analyser gave `ours` where UD has `gold`, by (form, gold, ours).
type Errors = BTreeMap<(String, String, String), usize>;

/// The score on one test set.
struct Score {
    right: usize,
    total: usize,
    /// Tokens analysed alone because the tokenisers split differently.
    alone: usize,
    errors: Errors,
}

fn score(analyzer: &Analyzer, rel: &str) -> Score {
    let path = nlp().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (mut right, mut total, mut alone) = (0, 0, 0);
    let mut errors = BTreeMap::new();
    for block in text.split("\n\n") {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| c.len() == 10 && !c[0].contains(['-', '.']))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let mut sentence = String::new();
        let mut spans = Vec::new();
        for r in &rows {
            if !sentence.is_empty() {
                sentence.push(' ');
            }
            spans.push((sentence.len(), sentence.len() + r[1].len()));
            sentence.push_str(r[1]);
        }
        let tokens = analyzer.analyze(&sentence);
        for (r, (start, end)) in rows.iter().zip(spans) {
            if matches!(r[3], "PUNCT" | "SYM" | "NUM") {
                continue;
            }
            total += 1;
            let ours = match tokens.iter().find(|t| t.start == start && t.end == end) {
                Some(t) => t.lemma.to_lowercase(),
                None => {
                    alone += 1;
                    analyzer
                        .analyze(r[1])
                        .first()
                        .map_or_else(|| r[1].to_lowercase(), |t| t.lemma.to_lowercase())
                }
            };
            if ours == r[2].to_lowercase() {
                right += 1;
            } else {
                *errors
                    .entry((r[1].to_lowercase(), r[2].to_lowercase(), ours))
                    .or_insert(0) += 1;
            }
        }
    }
    Score {
        right,
        total,
        alone,
        errors,
    }
}

fn simplemma() -> Vec<String> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/lemmas/simplemma_ud.py");
    match std::process::Command::new("python3")
        .arg(&script)
        .arg(nlp())
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
        Ok(out) => vec![format!(
            "simplemma not measured: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        )],
        Err(e) => vec![format!("simplemma not measured: python3: {e}")],
    }
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn lemma_accuracy_on_the_ud_test_sets() {
    let reference = simplemma();
    let mut failed = Vec::new();
    for (lang, rel, gate) in [
        ("nb", "ud_norwegian_bokmaal/no_bokmaal-ud-test.conllu", 97.0),
        ("nn", "ud_norwegian_nynorsk/no_nynorsk-ud-test.conllu", 96.0),
    ] {
        // A document's written standard is known (ingest tells it), as it is here.
        let standard = if lang == "nn" { Lang::Nn } else { Lang::Nb };
        let analyzer = Analyzer::default().with_language(standard);
        let Score {
            right,
            total,
            alone,
            errors,
        } = score(&analyzer, rel);
        let pct = 100.0 * right as f64 / total as f64;
        println!(
            "lemmas {lang}: {right}/{total} = {pct:.2} % (gate ≥ {gate:.1} %; {alone} tokens analysed alone where the tokenisers split differently)"
        );
        for line in reference
            .iter()
            .filter(|l| l.contains(&format!(" {lang} ")) || l.starts_with("simplemma not"))
        {
            println!("  reference: {line}");
        }
        let mut worst: Vec<_> = errors.into_iter().collect();
        worst.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let shown: Vec<String> = worst
            .iter()
            .take(25)
            .map(|((form, gold, ours), n)| format!("{form}→{ours} (gold {gold}) ×{n}"))
            .collect();
        println!("  commonest errors: {}", shown.join(", "));
        if pct < gate {
            failed.push(format!("{lang} {pct:.2} % < {gate} %"));
        }
    }
    assert!(failed.is_empty(), "lemma gate failed: {failed:?}");
}
