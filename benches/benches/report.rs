//! The report (`index.html`, one page per respondent, `innspill.xlsx`, `tables/`) on the
//! generated sample world at 1× and at 100× (`innspill-sample` with `--scale 10 --years
//! 10`), from tables the aggregator made beforehand, so the time is the report's alone.
//! Issue 7's target: aggregation and report together under 10 s on 2 cores at 100×; the
//! aggregation's share is printed by the `aggregate` bench. Prints documents, pages,
//! megabytes written and seconds.
//!
//! `cargo bench -p innspill-benches --bench report -- --warm-up-time 1 --measurement-time 3`

// The report needs the world, not its ground truth (`World::truth`).
#[allow(dead_code)]
#[path = "../../crates/innspill-aggregate/tests/it/sample_world.rs"]
mod sample_world;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use innspill_aggregate::{AggregateInput, Tables, aggregate};
use innspill_norsk::Analyzer;
use innspill_report::{ReportInput, Written, write_report};
use innspill_sample::Config;

fn report(w: &sample_world::World, tables: &Tables, out: &Path) -> Written {
    let input = ReportInput::new(tables, &w.documents, &w.tags, &w.themes);
    write_report(&input, out).expect("the report is written")
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        total += if p.is_dir() {
            dir_bytes(&p)
        } else {
            p.metadata().unwrap().len()
        };
    }
    total
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    for (label, config) in [
        ("1x", Config::default()),
        (
            "100x",
            Config {
                scale: 10,
                years: 10,
                ..Config::default()
            },
        ),
    ] {
        let w = sample_world::world(&config);
        let tables = aggregate(&AggregateInput {
            documents: &w.documents,
            tags: &w.tags,
            register: &w.register,
            themes: &w.themes,
            analyzer: &analyzer,
        })
        .expect("aggregation succeeds");

        // The result must be right before it is timed.
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        let written = report(&w, &tables, dir.path());
        let secs = t0.elapsed().as_secs_f64();
        assert_eq!(written.respondent_pages, w.documents.len());
        let index = std::fs::read_to_string(&written.index).unwrap();
        for t in &w.themes {
            assert!(
                index.contains(&format!("id=\"tema-{}\"", t.id)),
                "no section for {}",
                t.id
            );
        }
        assert!(written.workbook.exists() && written.tables_dir.join("quotes.parquet").exists());
        let mb = dir_bytes(dir.path()) as f64 / 1e6;
        println!(
            "report {label}: {} documents → {} pages, index.html {:.1} MB, {mb:.1} MB in all; written in {secs:.2} s",
            w.documents.len(),
            written.respondent_pages,
            index.len() as f64 / 1e6,
        );

        let mut g = c.benchmark_group(format!("report_{label}"));
        g.sample_size(10);
        if label == "100x" {
            g.measurement_time(Duration::from_secs(30));
        }
        g.bench_function("write_report", |b| {
            b.iter(|| report(black_box(&w), black_box(&tables), dir.path()))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
