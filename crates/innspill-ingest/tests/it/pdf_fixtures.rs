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
