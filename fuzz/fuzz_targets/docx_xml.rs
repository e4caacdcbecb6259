//! Arbitrary bytes as `word/document.xml` of a valid zip: the WordprocessingML walk
//! (paragraphs, styles, list items, breaks, tabs) without a panic. The DOCX target
//! mutates whole archives, whose deflated parts and checksums rarely survive a mutation.
#![no_main]

use innspill_ingest::fixtures::zip_parts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    innspill_fuzz::ingest("uttale.docx", &zip_parts(&[("word/document.xml", data)]));
});
