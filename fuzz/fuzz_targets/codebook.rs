//! A codebook of any TOML text is compiled or refused with an error, never a panic; a
//! compiled one tags a short document.
#![no_main]

use std::sync::OnceLock;

use innspill_model::Document;
use innspill_themes::{Codebook, Tagger};
use libfuzzer_sys::fuzz_target;

/// A short statement, ingested once.
fn document() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let text = "Uttalelse\n\nKommunestyret i Røst kommune mener at kommunen trenger \
                    flere fastleger og bedre rekruttering av sykepleiere.\n\n\
                    Vi ber KS arbeide for økt rammetilskudd og mindre statlig detaljstyring.\n";
        innspill_fuzz::ingester()
            .ingest_bytes("rost.txt", text.as_bytes(), None)
            .expect("the fuzz statement is read")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analyzer = innspill_fuzz::analyzer();
    let Ok(codebook) = Codebook::from_toml("fuzz.toml", text, analyzer) else {
        return;
    };
    let _ = codebook.id();
    let tagger = Tagger::new(codebook, analyzer.clone());
    let tags = tagger.tag_document(document());
    let _ = tagger.tag_paragraphs(document());
    assert_eq!(tags.doc_id, document().id);
});
