//! PDF reading of real producers' files (`crates/innspill-ingest/tests/pdf/`), one core:
//! pages per second of `Ingester::ingest_bytes` (PDF parsing, layout, paragraphs,
//! dehyphenation, booklet shingles, segmentation, respondent) on the LibreOffice and
//! Chromium renderings, next to poppler's `pdftotext` on the same files in the same run
//! (text only: no paragraphs, no segments; run as a process, so its start-up counts), and
//! OCR of the scan separately when Tesseract is installed.
//!
//! `cargo bench -p innspill-benches --bench pdf -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use innspill_ingest::{Ingester, RegisterImport};
use innspill_model::SegmentKind;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> PathBuf {
    root().join("crates/innspill-ingest/tests/pdf").join(name)
}

fn make_ingester(ocr: bool) -> Ingester {
    let mut register = RegisterImport::new();
    for r in ["corpus/real/register.csv", "corpus/sample/register.csv"] {
        register.add_file(&root().join(r)).unwrap();
    }
    Ingester::builder()
        .register(register.finish())
        .reference_file(&root().join("corpus/reference/ks-2026-tid-for-taktskifte.txt"))
        .unwrap()
        .ocr(ocr)
        .build()
}

/// Best of `runs` wall times of `f`, and the CPU time of this process over all runs.
fn best_of(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let cpu0 = cpu_time();
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
    }
    (best, (cpu_time().saturating_sub(cpu0)) / runs as u32)
}

/// User + system time of this process and its waited-for children (Linux), else zero.
fn cpu_time() -> Duration {
    let ticks = |path: &str, fields: &[usize]| -> Option<u64> {
        let s = std::fs::read_to_string(path).ok()?;
        let rest = s.rsplit_once(')')?.1;
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some(
            fields
                .iter()
                .filter_map(|&i| f.get(i)?.parse::<u64>().ok())
                .sum(),
        )
    };
    // Fields after the name: utime 11, stime 12, cutime 13, cstime 14 (0-based from state).
    ticks("/proc/self/stat", &[11, 12, 13, 14])
        .map(|t| Duration::from_millis(t * 10))
        .unwrap_or_default()
}

fn pdftotext(file: &Path) -> Option<()> {
    let status = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then_some(())
}

fn bench(c: &mut Criterion) {
    let ingester = make_ingester(false);
    let has_pdftotext = pdftotext(&fixture("elvehaug-lo.pdf")).is_some();
    if !has_pdftotext {
        println!(
            "pdftotext not found: no comparison with poppler (Debian: apt-get install poppler-utils)"
        );
    }
    let mut group = c.benchmark_group("pdf");
    for file in [
        "rost-lo.pdf",
        "rost-2col-lo.pdf",
        "rost-chromium.pdf",
        "seljevatn-2col-lo.pdf",
    ] {
        let path = fixture(file);
        let bytes = std::fs::read(&path).unwrap();
        // The result must be right before it is timed.
        let doc = ingester.ingest_bytes(file, &bytes, None).unwrap();
        let pages = doc.source.pages.unwrap();
        assert!(doc.respondent.kommunenummer.is_some(), "{file}: respondent");
        assert!(
            doc.segments
                .iter()
                .any(|s| s.kind == SegmentKind::Statement),
            "{file}: statement"
        );
        let (wall, cpu) = best_of(5, || {
            black_box(
                ingester
                    .ingest_bytes(file, black_box(&bytes), None)
                    .unwrap(),
            );
        });
        let ours = pages as f64 / wall.as_secs_f64();
        let theirs = if has_pdftotext {
            let (w, _) = best_of(5, || {
                pdftotext(&path);
            });
            format!(
                "; pdftotext {:.1} ms, {:.0} pages/s (ratio {:.2})",
                w.as_secs_f64() * 1e3,
                pages as f64 / w.as_secs_f64(),
                ours / (pages as f64 / w.as_secs_f64())
            )
        } else {
            String::new()
        };
        println!(
            "{file}: {pages} pages: innspill {:.1} ms (CPU {:.1} ms), {ours:.0} pages/s per core{theirs}",
            wall.as_secs_f64() * 1e3,
            cpu.as_secs_f64() * 1e3,
        );
        group.throughput(Throughput::Elements(u64::from(pages)));
        group.bench_function(file, |b| {
            b.iter(|| {
                ingester
                    .ingest_bytes(file, black_box(&bytes), None)
                    .unwrap()
            })
        });
    }
    group.finish();

    // OCR, once: Tesseract dominates and takes seconds a page.
    let ocr = make_ingester(true);
    let scan = std::fs::read(fixture("mosestrand-scan.pdf")).unwrap();
    let t = Instant::now();
    match ocr.ingest_bytes("mosestrand-scan.pdf", &scan, None) {
        Ok(doc) if doc.source.ocr.is_some() => {
            let pages = doc.source.pages.unwrap_or(0);
            println!(
                "OCR mosestrand-scan.pdf: {pages} pages in {:.2} s, {:.2} pages/s ({})",
                t.elapsed().as_secs_f64(),
                pages as f64 / t.elapsed().as_secs_f64(),
                doc.source.ocr.map(|o| o.engine).unwrap_or_default()
            );
        }
        Ok(_) => println!("OCR: the scan was read without OCR?"),
        Err(e) => println!("OCR not measured: {e}"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
