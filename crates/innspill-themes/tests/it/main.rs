//! Integration tests of the theme tagger: the committed evaluation set, the real seed
//! document, and the generated sample world.

mod eval;
mod props;
mod sample;
mod seed;
mod senses;

use std::path::PathBuf;

/// The workspace root.
pub(crate) fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
