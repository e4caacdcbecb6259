//! Aggregation (all tables) and writing them (CSV + Parquet), on the generated sample
//! world at 1× and at 100× (`innspill-sample` with `--scale 10 --years 10`: ten times the
//! municipalities, ten years of statements).
//!
//! The documents and tags are built straight from the generator's ground truth (what a
//! perfect ingest and tagger would give; see
//! `crates/innspill-aggregate/tests/it/sample_world.rs`), so the time is the aggregator's
//! alone. Issue 7's target: aggregation and report together under 10 s on 2 cores at
//! 100×. Prints documents, MiB of statement text, seconds and MiB/s.
//!
//! `cargo bench -p innspill-benches --bench aggregate -- --warm-up-time 1 --measurement-time 3`
//! (`INNSPILL_BENCH_TABLES=DIR` also writes the tables to `DIR/1x` and `DIR/100x`).

// The bench uses the documents and tags of the sample world, not its ground truth.
#[allow(dead_code)]
#[path = "../../crates/innspill-aggregate/tests/it/sample_world.rs"]
mod sample_world;

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use innspill_aggregate::{Tables, aggregate, write_tables};
use innspill_norsk::Analyzer;
use innspill_sample::Config;

fn own_bytes(w: &sample_world::World) -> usize {
    w.documents
        .iter()
        .flat_map(|d| d.paragraphs())
        .filter(|(k, _)| k.is_respondents_own())
        .map(|(_, p)| p.text.len())
        .sum()
}

fn run(w: &sample_world::World, analyzer: &Analyzer) -> Tables {
    aggregate(&w.input(analyzer)).expect("aggregation succeeds")
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for (label, config) in [("1x", Config::default()), ("100x", Config::hundredfold())] {
        let t0 = Instant::now();
        let w = sample_world::world(&config);
        let gen_s = t0.elapsed().as_secs_f64();
        let bytes = own_bytes(&w);
        let mib = bytes as f64 / (1024.0 * 1024.0);

        // The result must be right before it is timed.
        let t0 = Instant::now();
        let tables = run(&w, &analyzer);
        let agg_s = t0.elapsed().as_secs_f64();
        let respondents = tables.get("respondents").unwrap();
        assert_eq!(respondents.height(), w.documents.len());
        for (name, df) in tables.iter() {
            assert!(df.height() > 0, "{name} is empty");
        }
        let drafts = respondents
            .column("draft")
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .flatten()
            .count();
        assert!(drafts > 0, "no regional drafts found");
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        write_tables(&tables, dir.path()).unwrap();
        // To compare the tables of two builds: `INNSPILL_BENCH_TABLES=DIR` keeps a copy.
        if let Ok(keep) = std::env::var("INNSPILL_BENCH_TABLES") {
            write_tables(&tables, &Path::new(&keep).join(label)).unwrap();
        }
        let write_s = t0.elapsed().as_secs_f64();
        println!(
            "aggregate {label}: {} documents, {mib:.1} MiB of statement text (world built in {gen_s:.1} s); \
             aggregate {agg_s:.2} s ({:.1} MiB/s on {threads} threads), write CSV+Parquet {write_s:.2} s; \
             {} shared-text rows, {drafts} respondents in a draft, {} demands",
            w.documents.len(),
            mib / agg_s,
            tables.get("shared_text").unwrap().height(),
            tables.get("demands").unwrap().height(),
        );

        let mut g = c.benchmark_group(format!("aggregate_{label}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("aggregate", |b| b.iter(|| black_box(run(&w, &analyzer))));
        g.bench_function("write_tables", |b| {
            b.iter(|| write_tables(black_box(&tables), dir.path()).unwrap())
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
