//! Arbitrary bytes as the content stream of a well-formed one-page PDF: the text
//! operators (`Tf`, `Tm`, `Td`, `TD`, `T*`, `Tj`, `TJ`, `'`, `"`) with any operands go
//! through the layout without a panic of our own.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    innspill_fuzz::ingest("uttale.pdf", &innspill_fuzz::pdf_with_content(data));
});
