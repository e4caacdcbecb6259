//! `pdf-compare READER FILE.pdf`: the text READER reads from FILE, on stdout, and the
//! milliseconds it took (best of 5) on stderr. READER is one of `lopdf`, `pdf-extract`,
//! `pdf_oxide`, `innspill`.
use std::time::Instant;

fn read(reader: &str, bytes: &[u8]) -> String {
    match reader {
        "lopdf" => {
            let doc = lopdf::Document::load_mem(bytes).expect("lopdf load");
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            let mut out = String::new();
            for p in pages {
                out.push_str(&doc.extract_text(&[p]).unwrap_or_default());
                out.push('\u{0C}');
            }
            out
        }
        "pdf-extract" => match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes)) {
            Ok(Ok(t)) => t,
            Ok(Err(e)) => format!("ERROR {e}"),
            Err(_) => "PANIC".to_string(),
        },
        "pdf_oxide" => {
            let mut doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).expect("pdf_oxide load");
            let n = doc.page_count().unwrap_or(0);
            let mut out = String::new();
            for p in 0..n {
                out.push_str(&doc.extract_text(p).unwrap_or_default());
                out.push('\u{0C}');
            }
            out
        }
        "innspill" => {
            // Built once (the register, references and Tesseract lookup are not reading).
            static INGESTER: std::sync::OnceLock<innspill_ingest::Ingester> =
                std::sync::OnceLock::new();
            let ingester = INGESTER.get_or_init(|| innspill_ingest::Ingester::builder().ocr(false).build());
            match ingester.ingest_bytes("x.pdf", bytes, None) {
                Ok(d) => d
                    .paragraphs()
                    .map(|(_, p)| p.text.clone())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                Err(e) => format!("ERROR {e}"),
            }
        }
        other => panic!("unknown reader {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[2]).expect("read file");
    let mut best = f64::MAX;
    let mut text = read(&args[1], &bytes);
    for _ in 0..5 {
        let t = Instant::now();
        text = read(&args[1], &bytes);
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    print!("{text}");
    eprintln!("{best:.1}");
}
