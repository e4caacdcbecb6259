//! A register file of any text (the SSB Klass, 07459 and combined CSV shapes, told apart
//! by the header) is imported or refused with an error, never a panic; an imported
//! register builds an ingester's name index and detects a respondent. A `manifest.csv`
//! of the same text is parsed too.
#![no_main]

use innspill_ingest::{Ingester, RegisterImport, parse_manifest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_manifest(text);
    let mut import = RegisterImport::new();
    if import.add_csv("fuzz.csv", text).is_err() {
        return;
    }
    let register = import.finish();
    for e in &register.entries {
        let _ = register.size_class(e);
        let _ = e.short_name();
        assert!(
            register.get(&e.kommunenummer).is_some(),
            "{e:?} is found by its number"
        );
    }
    let ingester = Ingester::builder()
        .register(register)
        .analyzer(innspill_fuzz::analyzer().clone())
        .build();
    if let Ok(doc) = ingester.ingest_bytes(
        "uttale.txt",
        "Kommunestyret i Røst kommune vedtok uttalelsen.\n".as_bytes(),
        None,
    ) {
        innspill_fuzz::check_document(&doc);
    }
});
