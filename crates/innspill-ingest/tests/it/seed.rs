//! The real seed: Røst kommune's 2026 case (`corpus/real/rost-2026.txt`).

use std::path::PathBuf;

use innspill_ingest::{Ingester, RegisterImport};
use innspill_model::{Document, ParagraphKind, SegmentKind};
use innspill_norsk::Analyzer;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn seed() -> Document {
    let corpus = corpus();
    let mut register = RegisterImport::new();
    register
        .add_file(&corpus.join("real/register.csv"))
        .unwrap();
    let ingester = Ingester::builder()
        .register(register.finish())
        .reference_dir(&corpus.join("reference"))
        .unwrap()
        .build();
    let bytes = std::fs::read(corpus.join("real/rost-2026.txt")).unwrap();
    ingester
        .ingest_bytes("corpus/real/rost-2026.txt", &bytes, None)
        .unwrap()
}

fn kind_at_line(doc: &Document, line: u32) -> Option<SegmentKind> {
    doc.segments.iter().find_map(|s| {
        s.paragraphs
            .iter()
            .any(|p| p.lines.is_some_and(|[a, b]| a <= line && line <= b))
            .then_some(s.kind)
    })
}

#[test]
fn respondent_year_and_language() {
    let doc = seed();
    let r = &doc.respondent;
    assert_eq!(r.kommunenummer.as_deref(), Some("1856"));
    assert_eq!(r.name.as_deref(), Some("Røst"));
    assert_eq!(r.fylke.as_deref(), Some("Nordland"));
    assert_eq!(r.population, Some(471));
    assert_eq!(r.detected_by, innspill_model::DetectedBy::Text);
    assert_eq!(doc.year, Some(2026));
    assert_eq!(doc.language, Some(innspill_model::Lang::Nb));
    assert!(doc.id.starts_with("1856-2026-"), "{}", doc.id);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn case_booklet_statement_by_line() {
    let doc = seed();
    let lines: Vec<&str> = doc.text.split('\n').collect();
    assert_eq!(lines.len(), 1120);
    for (i, line) in lines.iter().enumerate() {
        let n = i as u32 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let expected = match n {
            1..=49 => SegmentKind::Case,
            50..=1012 => SegmentKind::Booklet,
            _ => SegmentKind::Statement,
        };
        assert_eq!(
            kind_at_line(&doc, n),
            Some(expected),
            "line {n} {line:?}\nhelp: every non-blank line of the seed belongs to one segment"
        );
    }
    let kinds: Vec<SegmentKind> = doc.segments.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SegmentKind::Case,
            SegmentKind::Booklet,
            SegmentKind::Statement
        ]
    );
    // The recommendation is in the case.
    let case = &doc.segments[0];
    assert!(case.paragraphs.iter().any(|p| {
        p.text
            .starts_with("Kommunedirektøren anbefaler at kommunestyret vedtar")
    }));
    assert_eq!(case.heading.as_deref(), Some("Bakgrunn for saken"));
    assert_eq!(doc.segments[1].heading.as_deref(), Some("FORORD"));
    assert_eq!(
        doc.segments[2].heading.as_deref(),
        Some("Uttalelsene fra Røst kommune – KS debatthefte 2026")
    );
}

#[test]
fn statement_sections_questions_and_bullets() {
    let doc = seed();
    let statement = &doc.segments[2];
    let headings: Vec<&str> = statement
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Heading)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Uttalelsene fra Røst kommune – KS debatthefte 2026",
            "Tid for taktskifte",
            "Innledning",
            "1. Taktskifte forutsetter tydelige prioriteringer",
            "2. Arbeidskraft er den største begrensningen",
            "3. Beredskap må integreres i velferdspolitikken",
            "4. Like krav gir ikke likeverdige tjenester",
            "Avslutning",
        ]
    );
    for (prefix, question, members) in [
        ("1. ", Some(1), 6),
        ("2. ", Some(2), 7),
        ("3. ", Some(3), 7),
        ("4. ", None, 6),
    ] {
        let under: Vec<_> = statement
            .paragraphs
            .iter()
            .filter(|p| p.section.as_deref().is_some_and(|s| s.starts_with(prefix)))
            .collect();
        assert_eq!(under.len(), members, "section {prefix}");
        assert!(
            under.iter().all(|p| p.question == question),
            "section {prefix}"
        );
    }
    // Every line that starts with a bullet starts its own bullet paragraph.
    let bullets: Vec<u32> = doc
        .paragraphs()
        .filter(|(_, p)| p.kind == ParagraphKind::Bullet)
        .filter_map(|(_, p)| p.lines.map(|l| l[0]))
        .collect();
    for (i, line) in doc.text.split('\n').enumerate() {
        if line.trim_start().starts_with('•') {
            assert!(
                bullets.contains(&(i as u32 + 1)),
                "line {} {line:?} is not a bullet paragraph",
                i + 1
            );
        }
    }
    // A bullet continued after a blank line stays one bullet.
    assert!(statement.paragraphs.iter().any(|p| p.kind == ParagraphKind::Bullet
        && p.text == "systematisk arbeid for å redusere sykefravær og forebygge slitasje på nøkkelpersonell"));
}

#[test]
fn words_split_over_line_ends_are_joined() {
    let doc = seed();
    let all: Vec<&str> = doc.paragraphs().map(|(_, p)| p.text.as_str()).collect();
    let joined = all.join("\n");
    for w in [
        "helt ny sikkerhetspolitisk situasjon",
        "Kommunesektoren har et ansvar",
        "Kommunesektoren trenger større politisk",
        "nasjonale myndigheter",
        "styrke beredskapsevnen – både",
        "Kommune-til-kommune-samarbeid",
        "en god dialog i lokalsamfunnet",
    ] {
        assert!(joined.contains(w), "{w:?} not found in the paragraphs");
    }
    for bad in [
        "sikker- hetspolitisk",
        "Kommune sektoren",
        "beredskaps evnen",
        "myndig- heter",
    ] {
        assert!(!joined.contains(bad), "{bad:?} was not joined");
    }
}

#[test]
fn offsets_point_into_the_text() {
    let doc = seed();
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last_end = 0;
    for (_, p) in doc.paragraphs() {
        assert!(p.start <= p.end && p.end <= chars.len());
        assert!(
            p.start >= last_end,
            "paragraph {} overlaps the one before",
            p.n
        );
        last_end = p.end;
        let span: String = chars[p.start..p.end].iter().collect();
        let first: String = p.text.chars().take_while(|c| !c.is_whitespace()).collect();
        assert!(
            span.starts_with(first.trim_end_matches('-')),
            "paragraph {}: {span:?} vs {:?}",
            p.n,
            p.text
        );
    }
}

#[test]
fn booklet_words_outside_booklet() {
    let doc = seed();
    let analyzer = Analyzer::default();
    let index = innspill_model::CharIndex::new(&doc.text);
    // Character range of lines 50–1012, the booklet quote.
    let mut line_starts = vec![0usize];
    for (i, c) in doc.text.chars().enumerate() {
        if c == '\n' {
            line_starts.push(i + 1);
        }
    }
    let (lo, hi) = (line_starts[49], line_starts[1012]);
    let booklet: Vec<(usize, usize)> = doc
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Booklet)
        .flat_map(|s| s.paragraphs.iter().map(|p| (p.start, p.end)))
        .collect();
    let (mut total, mut outside) = (0usize, 0usize);
    for t in analyzer.analyze(&doc.text) {
        if t.kind != innspill_norsk::TokenKind::Word {
            continue;
        }
        let c = index.char_offset(t.start);
        if c < lo || c >= hi {
            continue;
        }
        total += 1;
        if !booklet.iter().any(|&(a, b)| a <= c && c < b) {
            outside += 1;
        }
    }
    let share = outside as f64 / total as f64;
    println!(
        "booklet words outside `booklet`: {outside} of {total} ({:.2} %)",
        share * 100.0
    );
    assert!(total > 5000, "{total}");
    assert!(share < 0.02, "share {share}");
}

#[test]
fn re_runs_are_byte_identical_and_the_snapshot_holds() {
    let a = serde_json::to_string_pretty(&seed()).unwrap();
    let b = serde_json::to_string_pretty(&seed()).unwrap();
    assert_eq!(a, b);
    let mut doc = seed();
    doc.text = format!(
        "[{} characters: corpus/real/rost-2026.txt]",
        doc.text.chars().count()
    );
    insta::assert_json_snapshot!("rost-2026", doc);
}
