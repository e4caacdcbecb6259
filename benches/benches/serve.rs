//! Load on the web workbench (`innspill serve`): the sample world at 100× (`innspill-sample`
//! with `--scale 10 --years 10`) in a store with its search index, served on loopback, and
//! 32 clients for 30 s over search pages, theme-table cells and document pages.
//!
//! Prints errors (target 0), p50 and p99 per page kind (targets: p99 ≤ 50 ms for search
//! and theme cells, ≤ 100 ms for a document page), throughput and the process's peak RSS
//! (server and clients). Every kind of page is checked to answer 200 with its content
//! before the load starts.
//!
//! `cargo bench -p innspill-benches --bench serve` (release). `INNSPILL_BENCH_SERVE=SECS`
//! sets the duration (default 30), `INNSPILL_BENCH_CLIENTS=N` the clients (default 32),
//! `INNSPILL_BENCH_SAMPLE=1` the 1× world instead of 100×.

#[allow(dead_code)]
#[path = "../../crates/innspill-aggregate/tests/it/sample_world.rs"]
mod sample_world;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use innspill_index::{NoProgress, SearchIndex};
use innspill_model::Store;
use innspill_sample::Config as SampleConfig;
use innspill_web::{App, Config, router};

const KINDS: [&str; 3] = ["search", "theme cell", "document"];

const QUERIES: [&str; 8] = [
    "beredskap",
    "arbeidskraft",
    "\"lokalt handlingsrom\"",
    "sykefravær OR rekruttering",
    "finansiering -staten",
    "digitalisering",
    "tenester",
    "samarbeid",
];

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// GET over a fresh connection; the status code and the body's length.
fn get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, usize)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    let head = String::from_utf8_lossy(&out[..out.len().min(16)]).to_string();
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Ok((code, out.len()))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that excludes this bench skips it.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !args.is_empty() && !args.iter().any(|a| "serve".contains(a.as_str())) {
        return;
    }
    let seconds = env_or("INNSPILL_BENCH_SERVE", 30);
    let clients = env_or("INNSPILL_BENCH_CLIENTS", 32) as usize;
    let config = if env_or("INNSPILL_BENCH_SAMPLE", 100) == 1 {
        SampleConfig::default()
    } else {
        SampleConfig::hundredfold()
    };

    let t0 = Instant::now();
    let w = sample_world::world(&config);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("store"));
    for d in &w.documents {
        store.write_document(d).unwrap();
    }
    for t in &w.tags {
        store.write_tags(t).unwrap();
    }
    store.write_register(&w.register).unwrap();
    let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
    index.update_from_store(&store, &mut NoProgress).unwrap();
    drop(index);
    let built = t0.elapsed().as_secs_f64();

    let t0 = Instant::now();
    let mut cfg = Config::new(store.root());
    cfg.themes = w.themes.clone();
    let app = App::new(cfg).unwrap();
    let loaded = t0.elapsed().as_secs_f64();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_io()
            .build()
            .unwrap();
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(l, router(app)).await.unwrap();
        });
    });

    // The pages: searches with and without a filter, every theme × size-class cell, and
    // documents spread over the store.
    let mut paths: [Vec<String>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for q in QUERIES {
        let q = q.replace(' ', "%20").replace('"', "%22");
        paths[0].push(format!("/?q={q}"));
        paths[0].push(format!("/?q={q}&storrelse=liten"));
    }
    for t in &w.themes {
        for g in ["liten", "mellomstor", "stor", "alle"] {
            paths[1].push(format!("/temaer/celle?dim=size&gruppe={g}&tema={}", t.id));
        }
    }
    let step = (w.documents.len() / 200).max(1);
    for d in w.documents.iter().step_by(step) {
        paths[2].push(format!("/dokument/{}", d.id));
    }
    // Right before timed: every kind answers 200 with a page.
    for (k, list) in paths.iter().enumerate() {
        let (code, len) = get(addr, &list[0]).unwrap();
        assert_eq!(code, 200, "{} {}", KINDS[k], list[0]);
        assert!(len > 1000, "{} {} is too short", KINDS[k], list[0]);
    }

    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let paths = Arc::new(paths);
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let (stop, errors, paths) = (stop.clone(), errors.clone(), paths.clone());
            std::thread::spawn(move || {
                let mut lat: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
                let mut i = c;
                while !stop.load(Ordering::Relaxed) {
                    let k = i % 3;
                    let list = &paths[k];
                    let path = &list[(i / 3) % list.len()];
                    let t = Instant::now();
                    match get(addr, path) {
                        Ok((200, _)) => lat[k].push(t.elapsed().as_secs_f64() * 1000.0),
                        _ => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    i += clients;
                }
                lat
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    let mut all: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for h in handles {
        let lat = h.join().unwrap();
        for k in 0..3 {
            all[k].extend_from_slice(&lat[k]);
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let total: usize = all.iter().map(Vec::len).sum();
    let errors = errors.load(Ordering::Relaxed);
    println!(
        "serve: {} documents (store and index built in {built:.1} s, app loaded in {loaded:.1} s); \
         {clients} clients for {elapsed:.1} s: {total} pages, {:.0} pages/s, {errors} errors; peak RSS {:.0} MiB",
        w.documents.len(),
        total as f64 / elapsed,
        peak_rss_mib()
    );
    for (k, lat) in all.iter_mut().enumerate() {
        lat.sort_by(f64::total_cmp);
        let target = if k == 2 { 100.0 } else { 50.0 };
        println!(
            "serve {:<10}: {:>6} pages, p50 {:>6.1} ms, p99 {:>6.1} ms (target p99 ≤ {target:.0} ms)",
            KINDS[k],
            lat.len(),
            percentile(lat, 0.5),
            percentile(lat, 0.99)
        );
    }
    assert_eq!(errors, 0, "pages that failed under load");
}
