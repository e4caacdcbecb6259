//! A text file of arbitrary bytes (UTF-8, UTF-16 or Windows-1252 detection, paragraphs,
//! segments, respondent and year): never a panic. Without an extension, the content
//! picks the reader (a `%PDF-` or zip header, an HTML sniff), so the first byte chooses
//! between `.txt` and no extension.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = if data.first().is_some_and(|b| b & 1 == 1) {
        "uttale"
    } else {
        "uttale.txt"
    };
    innspill_fuzz::ingest(name, data);
});
