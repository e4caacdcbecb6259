//! An HTML page of arbitrary bytes (decoding, then the tag walk): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    innspill_fuzz::ingest("uttale.html", data);
});
