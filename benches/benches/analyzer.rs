//! Throughput of the Norwegian analyser (`innspill-norsk`) on real text.
//!
//! Text: NoReC reviews (`../shared/data/nlp/norec_v2.1/norec_test.jsonl.gz`, about
//! 8 MiB of it) when present, else the committed Røst document (`corpus/real/`).
//! Each benchmark checks its result before timing it, and the run prints MiB/s for:
//!
//! - `tokenize`: the tokeniser alone (Norwegian rules included), target ≥ 100 MiB/s;
//! - `analyze_with`: the full analyser (dehyphenate, normalise, tokenise, sentences,
//!   stop words, lemmas, stem, compounds) without allocating per token, target
//!   ≥ 30 MiB/s on one core (issue 13);
//! - `analyze_with_no_dehyphenation`: the same without dehyphenation (which only PDF
//!   text needs);
//! - `analyze`: the same into owned `Vec<Token>`.
//!
//! `cargo bench -p innspill-benches --bench analyzer -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use innspill_norsk::{Analyzer, SegmentKind, Tokenizer};

const MAX_BYTES: usize = 8 << 20;

/// Documents to analyse, and where they came from.
fn corpus() -> (Vec<String>, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let norec = root.join("../../shared/data/nlp/norec_v2.1/norec_test.jsonl.gz");
    if let Ok(file) = std::fs::File::open(&norec) {
        let mut docs = Vec::new();
        let mut bytes = 0;
        for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
            let Ok(line) = line else { break };
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
                bytes += text.len();
                docs.push(text.to_string());
            }
            if bytes >= MAX_BYTES {
                break;
            }
        }
        if !docs.is_empty() {
            let source = format!("NoReC test ({} documents)", docs.len());
            return (docs, source);
        }
    }
    let seed = std::fs::read_to_string(root.join("../corpus/real/rost-2026.txt"))
        .expect("the committed seed document corpus/real/rost-2026.txt");
    // Paragraph-sized documents, as ingest hands them to the analyser.
    let docs: Vec<String> = seed.split("\n\n").map(str::to_string).collect();
    (docs, "corpus/real/rost-2026.txt (NoReC absent)".to_string())
}

/// This thread's CPU time in seconds (Linux; `None` elsewhere). On a loaded machine the
/// wall clock also counts time the thread waited for a core.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Throughput of `f` over `bytes` in MiB/s: by the wall clock, and by this thread's CPU
/// time where the system reports it.
fn mib_per_s(bytes: usize, f: impl Fn()) -> String {
    f();
    let rounds = 5;
    let cpu = thread_cpu_seconds();
    let t = Instant::now();
    for _ in 0..rounds {
        f();
    }
    let mib = (bytes * rounds) as f64 / (1 << 20) as f64;
    let wall = mib / t.elapsed().as_secs_f64();
    match (cpu, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => format!(
            "{wall:.1} MiB/s wall clock, {:.1} MiB/s CPU time",
            mib / (b - a)
        ),
        _ => format!("{wall:.1} MiB/s wall clock"),
    }
}

fn check(analyzer: &Analyzer) {
    let text = "Kommunane må få meir handlingsrom, bl.a. i helse- og omsorgstenestene. \
                KS’ innspill gjeld 700 000 innbyggjarar i Øst-Finnmark.";
    let tokens = analyzer.analyze(text);
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        words,
        [
            "Kommunane",
            "må",
            "få",
            "meir",
            "handlingsrom",
            "bl.a.",
            "i",
            "helse-",
            "og",
            "omsorgstenestene",
            "KS",
            "innspill",
            "gjeld",
            "700 000",
            "innbyggjarar",
            "i",
            "Øst-Finnmark"
        ]
    );
    assert_eq!(tokens[0].key, analyzer.key("kommunene"));
    assert_eq!(tokens[0].lemma, "kommune");
    assert_eq!(tokens[10].sentence, 1);
    let mut n = 0;
    analyzer.analyze_with(text, |t| {
        assert_eq!(t.to_token(), tokens[n]);
        n += 1;
    });
    assert_eq!(n, tokens.len());
}

fn bench(c: &mut Criterion) {
    let (docs, source) = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let analyzer = Analyzer::default();
    let tokenizer = Tokenizer::new();
    check(&analyzer);

    // Every document: owned and borrowed tokens agree, offsets hold.
    let mut words = 0usize;
    for doc in &docs {
        let owned = analyzer.analyze(doc);
        let mut i = 0;
        analyzer.analyze_with(doc, |t| {
            assert_eq!(t.start, owned[i].start);
            assert_eq!(t.key, owned[i].key);
            assert_eq!(t.lemma, owned[i].lemma);
            assert!(doc.is_char_boundary(t.start) && doc.is_char_boundary(t.end));
            i += 1;
        });
        assert_eq!(i, owned.len());
        words += i;
    }

    let count_segments = || {
        let mut n = 0usize;
        for doc in &docs {
            tokenizer.for_each(doc, |s| n += (s.kind != SegmentKind::Punctuation) as usize);
        }
        black_box(n);
    };
    let analyze_with = || {
        let mut n = 0usize;
        for doc in &docs {
            analyzer.analyze_with(doc, |t| n += t.key.len() + t.lemma.len() + t.parts.len());
        }
        black_box(n);
    };
    // The "full analyser" (normalise, tokenise, stop words, stem, compounds)
    // without dehyphenation, which only PDF text needs.
    let plain = Analyzer::builder()
        .dehyphenate(false)
        .build()
        .expect("embedded lists");
    let analyze_plain = || {
        let mut n = 0usize;
        for doc in &docs {
            plain.analyze_with(doc, |t| n += t.key.len() + t.lemma.len() + t.parts.len());
        }
        black_box(n);
    };
    let analyze = || {
        for doc in &docs {
            black_box(analyzer.analyze(doc));
        }
    };
    println!(
        "analyser text: {source}, {:.1} MiB, {words} tokens",
        bytes as f64 / (1 << 20) as f64
    );
    println!(
        "tokenize: {} (target ≥ 100)",
        mib_per_s(bytes, count_segments)
    );
    println!(
        "analyze_with (full analyser, lemmas): {} (target ≥ 30, aim 50)",
        mib_per_s(bytes, analyze_with)
    );
    println!(
        "analyze_with without dehyphenation: {} (target ≥ 30, aim 50)",
        mib_per_s(bytes, analyze_plain)
    );
    println!("analyze (owned tokens): {}", mib_per_s(bytes, analyze));
    let lemmas = innspill_norsk::Lemmatizer::embedded();
    println!(
        "lemma lexicon: {} forms, {} bytes ({:.2} MiB) on disk and in the binary, read in \
         place; {} bytes on the heap (its rules)",
        lemmas.len(),
        lemmas.size_bytes(),
        lemmas.size_bytes() as f64 / (1 << 20) as f64,
        lemmas.heap_bytes()
    );

    let mut group = c.benchmark_group("norsk");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("tokenize", |b| b.iter(count_segments));
    group.bench_function("analyze_with", |b| b.iter(analyze_with));
    group.bench_function("analyze_with_no_dehyphenation", |b| b.iter(analyze_plain));
    group.bench_function("analyze", |b| b.iter(analyze));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
