//! Ingest throughput: generated multi-page Norwegian PDFs and plain text, one core.
//!
//! The PDFs are the committed seed (`corpus/real/rost-2026.txt`, 1,120 lines) laid out
//! 40 lines a page with a running header and a `Side N av M` footer (Helvetica,
//! WinAnsiEncoding), once (29 pages) and four times over (113 pages). The time is the
//! whole of `Ingester::ingest_bytes`: PDF parsing and text layout, paragraphs,
//! dehyphenation, booklet shingles against the reference, segmentation, respondent and
//! year. Prints pages/s and MiB/s per core (one document is handled by one thread; a run
//! over many documents scales with rayon).
//!
//! `cargo bench -p innspill-benches --bench ingest -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use innspill_ingest::{
    Ingester, RegisterImport,
    fixtures::{PdfOptions, pdf_with},
};
use innspill_model::SegmentKind;

fn corpus(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn pages_of(text: &str, copies: usize) -> Vec<Vec<String>> {
    let lines: Vec<String> = (0..copies)
        .flat_map(|_| text.lines().map(|l| l.trim_end().to_string()))
        .collect();
    lines.chunks(40).map(<[String]>::to_vec).collect()
}

fn ingester() -> Ingester {
    let mut register = RegisterImport::new();
    register
        .add_csv("register.csv", &corpus("real/register.csv"))
        .unwrap();
    Ingester::builder()
        .register(register.finish())
        .reference(
            "ks-2026",
            &corpus("reference/ks-2026-tid-for-taktskifte.txt"),
        )
        .build()
}

fn bench(c: &mut Criterion) {
    let ingester = ingester();
    let seed = corpus("real/rost-2026.txt");
    let mut group = c.benchmark_group("ingest");
    for copies in [1usize, 4] {
        let pages = pages_of(&seed, copies);
        let n = pages.len();
        let pdf = pdf_with(
            &pages,
            PdfOptions {
                header: Some("Røst kommune – Saksframlegg 2025/112".into()),
                footer: Some("Side {page} av {pages}".into()),
                ..PdfOptions::default()
            },
        );
        // The result must be right before it is timed.
        let doc = ingester.ingest_bytes("rost.pdf", &pdf, None).unwrap();
        assert_eq!(doc.source.pages, Some(n as u32));
        assert_eq!(doc.respondent.kommunenummer.as_deref(), Some("1856"));
        assert!(doc.segments.iter().any(|s| s.kind == SegmentKind::Booklet));
        assert!(
            doc.segments
                .iter()
                .any(|s| s.kind == SegmentKind::Statement)
        );
        assert!(
            doc.paragraphs()
                .filter(|(k, _)| *k == SegmentKind::Other)
                .count()
                >= n,
            "running headers and footers are `other`"
        );

        let runs = 5;
        let start = Instant::now();
        for _ in 0..runs {
            black_box(
                ingester
                    .ingest_bytes("rost.pdf", black_box(&pdf), None)
                    .unwrap(),
            );
        }
        let secs = start.elapsed().as_secs_f64() / runs as f64;
        println!(
            "ingest pdf: {n} pages, {:.2} MiB: {:.1} ms, {:.0} pages/s, {:.2} MiB/s per core (target ≥ 200 pages/s)",
            pdf.len() as f64 / (1 << 20) as f64,
            secs * 1e3,
            n as f64 / secs,
            pdf.len() as f64 / (1 << 20) as f64 / secs
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("pdf_{n}_pages"), |b| {
            b.iter(|| {
                ingester
                    .ingest_bytes("rost.pdf", black_box(&pdf), None)
                    .unwrap()
            })
        });
    }

    let text = seed.repeat(4);
    let doc = ingester
        .ingest_bytes("rost.txt", text.as_bytes(), None)
        .unwrap();
    assert_eq!(doc.respondent.kommunenummer.as_deref(), Some("1856"));
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(
            ingester
                .ingest_bytes("rost.txt", black_box(text.as_bytes()), None)
                .unwrap(),
        );
    }
    let secs = start.elapsed().as_secs_f64() / runs as f64;
    println!(
        "ingest txt: {:.2} MiB: {:.1} ms, {:.2} MiB/s per core",
        text.len() as f64 / (1 << 20) as f64,
        secs * 1e3,
        text.len() as f64 / (1 << 20) as f64 / secs
    );
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("txt_seed_x4", |b| {
        b.iter(|| {
            ingester
                .ingest_bytes("rost.txt", black_box(text.as_bytes()), None)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
