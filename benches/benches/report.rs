//! The report (`index.html`, one page per respondent, `innspill.xlsx`, `tables/`) on the
//! generated sample world at 1× and at 100× (`innspill-sample` with `--scale 10 --years
//! 10`), and aggregation and report together: issue 7's target is the two together under
//! 10 s on 2 cores at 100×.
//!
//! Before criterion runs, each scale is aggregated and reported once into an empty folder
//! (the first run of a report), and the figures are printed: wall-clock seconds, CPU
//! seconds of the whole process (user + system, from `/proc/self/stat`; CPU above wall
//! means the threads ran side by side) and the machine's load average, since the machine
//! is shared. Criterion then times `write_report` rewriting an existing report (a rerun:
//! unchanged files are left alone) and aggregation + report into a new folder (at 100×
//! about 250 MB each; the folders stay until the group ends, so up to a few GB).
//!
//! `cargo bench -p innspill-benches --bench report -- --warm-up-time 1 --measurement-time 3`

// The report needs the world, not its ground truth (`World::truth`).
#[allow(dead_code)]
#[path = "../../crates/innspill-aggregate/tests/it/sample_world.rs"]
mod sample_world;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use innspill_aggregate::{Tables, aggregate};
use innspill_norsk::Analyzer;
use innspill_report::{ReportInput, Written, write_report};
use innspill_sample::Config;

fn aggregate_world(w: &sample_world::World, analyzer: &Analyzer) -> Tables {
    aggregate(&w.input(analyzer)).expect("aggregation succeeds")
}

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

/// CPU seconds of this process so far (user + system, all threads); 0 where
/// `/proc/self/stat` is missing.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name in parentheses; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok());
    // Linux reports in clock ticks of 1/100 s on every common configuration.
    ticks(11)
        .zip(ticks(12))
        .map_or(0.0, |(u, s)| (u + s) / 100.0)
}

/// The one-minute load average, if the system tells it.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

/// Wall and CPU seconds of `f`.
fn measure<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t0, c0) = (Instant::now(), cpu_seconds());
    let out = f();
    (out, t0.elapsed().as_secs_f64(), cpu_seconds() - c0)
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for (label, config) in [("1x", Config::default()), ("100x", Config::hundredfold())] {
        let w = sample_world::world(&config);
        let load_before = load();
        let (tables, agg_s, agg_cpu) = measure(|| aggregate_world(&w, &analyzer));

        // The result must be right before it is timed.
        let dir = tempfile::tempdir().unwrap();
        let (written, rep_s, rep_cpu) = measure(|| report(&w, &tables, dir.path()));
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
        let (_, rerun_s, rerun_cpu) = measure(|| report(&w, &tables, dir.path()));
        println!(
            "report {label}: {} documents → {} pages, index.html {:.1} MB, {mb:.1} MB in all",
            w.documents.len(),
            written.respondent_pages,
            index.len() as f64 / 1e6,
        );
        println!(
            "together {label}: aggregate {agg_s:.2} s (CPU {agg_cpu:.2} s) + report into an empty \
             folder {rep_s:.2} s (CPU {rep_cpu:.2} s) = {:.2} s wall, {:.2} s CPU on {threads} \
             threads, load {load_before} before, {} after; report rerun (unchanged files kept) \
             {rerun_s:.2} s (CPU {rerun_cpu:.2} s)",
            agg_s + rep_s,
            agg_cpu + rep_cpu,
            load(),
        );

        let mut g = c.benchmark_group(format!("report_{label}"));
        g.sample_size(10);
        if label == "100x" {
            g.measurement_time(Duration::from_secs(30));
        }
        g.bench_function("write_report_rerun", |b| {
            b.iter(|| report(black_box(&w), black_box(&tables), dir.path()))
        });
        // Each iteration writes into a new empty folder. The folders are kept until the
        // group is done: deleting 15,682 files just before creating as many makes ext4
        // search for inodes that were not freed recently, which more than doubles the
        // report's time and is not what a run after a run meets.
        let kept = std::cell::RefCell::new(Vec::new());
        g.bench_function("aggregate_and_report", |b| {
            b.iter_batched(
                || tempfile::tempdir().unwrap(),
                |out| {
                    let t = aggregate_world(black_box(&w), &analyzer);
                    report(&w, &t, out.path());
                    kept.borrow_mut().push(out);
                },
                BatchSize::PerIteration,
            )
        });
        g.finish();
        drop(kept);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
