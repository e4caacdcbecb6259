//! Parsers never panic on arbitrary input, and offsets always point into the text.

use innspill_ingest::{Ingester, RegisterImport, parse_manifest};
use proptest::prelude::*;

fn ingester() -> &'static Ingester {
    static ING: std::sync::OnceLock<Ingester> = std::sync::OnceLock::new();
    ING.get_or_init(build)
}

fn build() -> Ingester {
    let mut r = RegisterImport::new();
    r.add_csv(
        "r.csv",
        "kommunenummer,navn,fylkesnummer,fylke,folketall\n1856,Røst,18,Nordland,471\n\
         1818,Herøy,18,Nordland,1874\n1515,Herøy,15,Møre og Romsdal,9003\n",
    )
    .unwrap();
    Ingester::builder()
        .register(r.finish())
        .reference(
            "hefte",
            "KS spør\n\n1. Hva må vi gjøre for å øke endringstakten i vår kommune for å sikre \
             bærekraftig velferd?\n",
        )
        .build()
}

/// Text made of the pieces that drive segmentation: headings, bullets, numbers, page
/// labels, hyphens, line breaks, Norwegian letters, form feeds.
fn pieces() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Vedtak\n".to_string()),
        Just("Innstilling\n".to_string()),
        Just("Uttalelse\n".to_string()),
        Just("• ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("Side 2 av 3\n".to_string()),
        Just("sikker-\n".to_string()),
        Just("Kommunestyret i Røst kommune vedtok".to_string()),
        Just("Herøy kommune ".to_string()),
        Just("\n\n".to_string()),
        Just("\u{0C}".to_string()),
        Just("\r\n".to_string()),
        Just(" \t".to_string()),
        Just("KS spør\n".to_string()),
        Just("Hva må vi gjøre for å øke endringstakten".to_string()),
        "[a-zæøåA-ZÆØÅ«»–’.,:;?!()\u{F0B7}\u{AD}\u{301} ]{0,30}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_offsets(doc: &innspill_model::Document) {
    let chars = doc.text.chars().count();
    for (_, p) in doc.paragraphs() {
        assert!(p.start <= p.end && p.end <= chars, "{p:?} in {chars} chars");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn text_never_panics(text in pieces()) {
        let ing = ingester();
        if let Ok(doc) = ing.ingest_bytes("x.txt", text.as_bytes(), None) {
            check_offsets(&doc);
        }
    }

    #[test]
    fn html_never_panics(body in pieces(), tags in prop::collection::vec(
        prop_oneof![Just("<p>"), Just("</p>"), Just("<li>"), Just("<h2>"), Just("</h2>"),
                    Just("<nav>"), Just("</nav>"), Just("<br>"), Just("<script>"), Just("<pre>"),
                    Just("&amp;"), Just("&#229;"), Just("<div class=\"menu\">"), Just("</div>")], 0..20)) {
        let html = format!("<html><body>{}{}</body></html>", tags.concat(), body);
        let ing = ingester();
        if let Ok(doc) = ing.ingest_bytes("x.html", html.as_bytes(), None) {
            check_offsets(&doc);
        }
    }

    #[test]
    fn bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), ext in
        prop_oneof![Just("txt"), Just("html"), Just("pdf"), Just("docx")]) {
        let ing = ingester();
        let _ = ing.ingest_bytes(&format!("x.{ext}"), &bytes, None);
    }

    #[test]
    fn csv_never_panics(text in pieces()) {
        let _ = parse_manifest(&text);
        let mut r = RegisterImport::new();
        let _ = r.add_csv("x.csv", &text);
        let _ = r.add_csv("x.csv", &format!("kommunenummer,navn\n{text}"));
        let _ = r.add_csv("x.csv", &format!("region;år;v\n{text}"));
        let _ = r.finish();
    }

    #[test]
    fn damaged_pdfs_fail_cleanly(cut in 0usize..2000, flip in 0usize..2000, byte in any::<u8>()) {
        let mut pdf = innspill_ingest::fixtures::pdf(&[vec![
            "Kommunestyret i Røst kommune vedtok uttalelsen.".into(),
        ]]);
        let i = flip % pdf.len();
        pdf[i] = byte;
        pdf.truncate(pdf.len().saturating_sub(cut % pdf.len()));
        let ing = ingester();
        let _ = ing.ingest_bytes("x.pdf", &pdf, None);
    }
}
