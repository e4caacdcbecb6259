//! The PDF fixtures of real producers (`tests/pdf/`) read as cleanly as their DOCX.

#[path = "../common/pdf_eval.rs"]
mod pdf_eval;

use pdf_eval::*;

#[test]
fn renderings_read_like_their_source() {
    let ingester = ingester();
    print_header();
    let mut failures = Vec::new();
    for (name, file) in TEXT_RENDERINGS {
        let src = source(name);
        let doc = match ingest(&ingester, &fixtures().join(file)) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{file}: failed: {e}"));
                continue;
            }
        };
        let s = score(&src, file, &doc);
        print_score(&s);
        failures.extend(gate_failures(&s));
        if std::env::var_os("PDF_EVAL_VERBOSE").is_some() {
            println!("  broken: {:?}", s.broken_examples);
            println!("  leaks: {:?}", s.furniture_leaks);
            println!("  warnings: {:?}", s.warnings);
            for (t, near) in &s.missing {
                println!("  MISSING {t:?}\n     got {near:?}");
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_scan_without_ocr_fails_with_the_command_that_installs_it() {
    let ingester = innspill_ingest::Ingester::builder().ocr(false).build();
    let e = ingest(&ingester, &fixtures().join("mosestrand-scan.pdf")).unwrap_err();
    assert!(e.starts_with("PDF without a text layer (1 pages"), "{e}");
    assert!(
        e.contains("apt-get install tesseract-ocr tesseract-ocr-nor"),
        "{e}"
    );
}

#[test]
fn a_garbled_text_layer_is_reported() {
    let doc = ingest(&ingester(), &fixtures().join("rost-gs.pdf")).unwrap();
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("ToUnicode") && w.contains("Ghostscript")),
        "{:?}",
        doc.warnings
    );
    // And the text reads as the LibreOffice original it was distilled from.
    let lo = ingest(&ingester(), &fixtures().join("rost-lo.pdf")).unwrap();
    assert_eq!(own_paragraphs(&doc), own_paragraphs(&lo));
}
