//! Theme tagging throughput with the default codebook, on the committed seed.
//!
//! Two inputs: Røst's own statement (lines 1013–1120 of `corpus/real/rost-2026.txt`) and
//! the whole seed document (case text, the quoted booklet and the statement). The time is
//! the tagger's alone (`Tagger::tag_document`: analysis, matching, section context,
//! demands, evidence offsets); reading the text into a document is done before. Prints
//! MiB/s of document text per core (the tagger is single-threaded).
//!
//! `cargo bench -p innspill-benches --bench themes -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use innspill_themes::{Tagger, document_from_text};

fn seed() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/real/rost-2026.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bench(c: &mut Criterion) {
    let tagger = Tagger::with_default_codebook();
    let seed = seed();
    let statement: String = seed.lines().skip(1012).collect::<Vec<_>>().join("\n");

    // The result must be right before it is timed.
    let doc = document_from_text(&statement, "rost-statement.txt");
    let tagged = tagger.tag_paragraphs(&doc);
    let exercises = tagged
        .iter()
        .find(|p| p.text.starts_with("realistiske øvelser"))
        .expect("the bullet on exercises");
    assert!(
        exercises
            .tags
            .iter()
            .any(|t| t.sub.as_deref() == Some("exercises")),
        "{exercises:?}"
    );
    let themes: std::collections::BTreeSet<&str> = tagged
        .iter()
        .flat_map(|p| p.tags.iter().map(|t| t.theme.as_str()))
        .collect();
    assert_eq!(themes.len(), 4, "{themes:?}");

    let mut group = c.benchmark_group("themes");
    for (name, text) in [
        ("statement", statement.as_str()),
        ("seed_document", seed.as_str()),
    ] {
        let doc = document_from_text(text, name);
        let bytes = doc.text.len() as u64;
        // A plain measurement first, so the figure is printed whatever criterion's options.
        // Wall time overstates the cost on a shared machine; the thread's CPU time (Linux)
        // is what one core spends.
        let start = Instant::now();
        let cpu0 = thread_cpu_secs();
        let mut runs = 0u32;
        while start.elapsed() < Duration::from_millis(2000) {
            black_box(tagger.tag_document(black_box(&doc)));
            runs += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        let mib = bytes as f64 * f64::from(runs) / (1024.0 * 1024.0);
        print!(
            "themes/{name}: {bytes} bytes, {:.2} ms per document, {:.1} MiB/s wall",
            secs * 1000.0 / f64::from(runs),
            mib / secs
        );
        match (cpu0, thread_cpu_secs()) {
            (Some(a), Some(b)) if b > a => println!(", {:.1} MiB/s per CPU second", mib / (b - a)),
            _ => println!(),
        }
        // For comparison: the shared analyser alone over the same paragraphs.
        let analyzer = innspill_norsk::Analyzer::default();
        let texts: Vec<&str> = doc.paragraphs().map(|(_, p)| p.text.as_str()).collect();
        let start = Instant::now();
        let cpu0 = thread_cpu_secs();
        let mut runs = 0u32;
        while start.elapsed() < Duration::from_millis(1000) {
            for t in &texts {
                black_box(analyzer.analyze(black_box(t)));
            }
            runs += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        let mib = bytes as f64 * f64::from(runs) / (1024.0 * 1024.0);
        print!(
            "themes/{name}: the analyser alone {:.1} MiB/s wall",
            mib / secs
        );
        match (cpu0, thread_cpu_secs()) {
            (Some(a), Some(b)) if b > a => println!(", {:.1} MiB/s per CPU second", mib / (b - a)),
            _ => println!(),
        }
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(name, |b| b.iter(|| tagger.tag_document(black_box(&doc))));
    }
    group.finish();
}

/// CPU seconds this thread has used (user + system), from `/proc/thread-self/stat`
/// (clock ticks of 1/100 s); `None` where there is no such file.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

criterion_group!(benches, bench);
criterion_main!(benches);
