//! A PDF of arbitrary bytes: read, laid out and segmented without a panic of our own.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    innspill_fuzz::ingest("uttale.pdf", data);
});
