//! A composite font (Type0, Identity-H) with an arbitrary ToUnicode CMap and `/W` widths,
//! shown by an arbitrary content stream and Form XObject (see
//! `innspill_fuzz::pdf_with_fonts`): two-byte codes, the CMap and width readers, the
//! content interpreter's matrices and form recursion, and the geometric layout (words,
//! lines, columns, page furniture) go through without a panic of our own.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    innspill_fuzz::ingest("uttale.pdf", &innspill_fuzz::pdf_with_fonts(data));
});
