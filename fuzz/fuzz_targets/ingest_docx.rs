//! A DOCX of arbitrary bytes (zip, then WordprocessingML): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    innspill_fuzz::ingest("uttale.docx", data);
});
