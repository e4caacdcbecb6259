//! Shared helpers for the criterion benchmarks in `benches/`.
//!
//! Benchmarks read real text from `../shared/data` when it is there (NoReC for
//! throughput) and fall back to the committed seed document otherwise, so that
//! `cargo bench` runs on any clone.
#![deny(missing_docs)]

use std::path::PathBuf;

/// The folder with the external reference data (`../shared/data` beside the workspace),
/// if present.
pub fn shared_data() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    root.is_dir().then_some(root)
}
