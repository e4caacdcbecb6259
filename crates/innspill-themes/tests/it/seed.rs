//! The real seed document (`corpus/real/rost-2026.txt`) read as plain text.

use innspill_themes::{Tagger, document_from_text, summarize};

use crate::workspace;

fn seed() -> String {
    std::fs::read_to_string(workspace().join("corpus/real/rost-2026.txt")).expect("committed seed")
}

#[test]
fn every_evidence_quotes_the_document() {
    let text = seed();
    let doc = document_from_text(&text, "rost-2026.txt");
    let chars: Vec<char> = doc.text.chars().collect();
    let tagger = Tagger::with_default_codebook();
    let mut n = 0;
    for p in tagger.tag_paragraphs(&doc) {
        for t in &p.tags {
            for ev in &t.evidence {
                let quoted: String = chars[ev.start..ev.end].iter().collect();
                // The quote is the word as printed: line breaks and hyphens may split it.
                let dash = |c: &char| {
                    c.is_whitespace() || matches!(c, '-' | '\u{AD}' | '\u{2010}' | '\u{2011}')
                };
                let squeezed: String = quoted.chars().filter(|c| !dash(c)).collect();
                let term: String = ev.term.chars().filter(|c| !dash(c)).collect();
                assert_eq!(
                    squeezed, term,
                    "paragraph {} evidence {ev:?} quotes {quoted:?}",
                    p.n
                );
                n += 1;
            }
        }
        for d in &p.demands {
            assert!(d.start < d.end && d.end <= chars.len(), "{d:?}");
        }
    }
    assert!(n > 300, "{n} evidence spans");
}

#[test]
fn rost_statement_tags_demands_and_summary() {
    let text = seed();
    let statement: String = text.lines().skip(1012).collect::<Vec<_>>().join("\n");
    let doc = document_from_text(&statement, "rost-statement.txt");
    let tagger = Tagger::with_default_codebook();
    let tagged = tagger.tag_paragraphs(&doc);
    // The compact view of what the tagger says: one line per tagged paragraph.
    let mut view = String::new();
    for p in &tagged {
        let tags: Vec<String> = p
            .tags
            .iter()
            .map(|t| {
                format!(
                    "{}{}{}",
                    t.theme,
                    t.sub.as_ref().map(|s| format!("/{s}")).unwrap_or_default(),
                    if t.via == innspill_model::Via::Section {
                        "^"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let demands: Vec<String> = p
            .demands
            .iter()
            .map(|d| format!("→{}", d.addressee.as_str()))
            .collect();
        if !tags.is_empty() || !demands.is_empty() {
            let head: String = p.text.chars().take(48).collect();
            view.push_str(&format!(
                "{:>2} {:<9} {head:<48} {} {}\n",
                p.n,
                p.kind.as_str(),
                tags.join(" "),
                demands.join(" ")
            ));
        }
    }
    insta::assert_snapshot!("rost_statement", view);

    let tags = tagger.tag_document(&doc);
    let summary = summarize(&doc, &tags, tagger.codebook());
    let raised: Vec<&str> = summary.raised().map(|t| t.theme.as_str()).collect();
    assert_eq!(raised, ["workforce", "preparedness", "autonomy", "welfare"]);
    insta::assert_json_snapshot!("rost_statement_summary", summary);
}

#[test]
fn tagging_is_deterministic() {
    let text = seed();
    let doc = document_from_text(&text, "rost-2026.txt");
    let a = serde_json::to_string(&Tagger::with_default_codebook().tag_document(&doc)).unwrap();
    let b = serde_json::to_string(&Tagger::with_default_codebook().tag_document(&doc)).unwrap();
    assert_eq!(a, b);
}
