//! Helpers shared by the fuzz targets of `fuzz_targets/`: one analyser and one ingester
//! per process, the invariants every ingested document keeps, and a panic hook for the
//! readers that run third-party parsers under `catch_unwind`.
//!
//! The targets are run with `cargo +nightly fuzz run TARGET` from this folder; see
//! `README.md`.

use std::collections::HashSet;
use std::sync::{Mutex, Once, OnceLock};

use innspill_ingest::{Ingester, RegisterImport};
use innspill_model::Document;
use innspill_norsk::Analyzer;

/// The default analyser, built once.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

/// The register the ingest targets detect respondents against: one municipality, two
/// that share a name in different counties.
pub const REGISTER_CSV: &str = "kommunenummer,navn,fylkesnummer,fylke,folketall\n\
    1856,Røst,18,Nordland,471\n1818,Herøy,18,Nordland,1874\n\
    1515,Herøy,15,Møre og Romsdal,9003\n";

/// An ingester with [`REGISTER_CSV`] and a short reference text, built once.
pub fn ingester() -> &'static Ingester {
    static INGESTER: OnceLock<Ingester> = OnceLock::new();
    INGESTER.get_or_init(|| {
        let mut register = RegisterImport::new();
        register
            .add_csv("register.csv", REGISTER_CSV)
            .expect("the fuzz register is valid");
        Ingester::builder()
            .register(register.finish())
            .analyzer(analyzer().clone())
            // Tesseract would take seconds an input; scans are checked by the gates.
            .ocr(false)
            .reference(
                "hefte",
                "KS spør\n\n1. Hva må vi gjøre for å øke endringstakten i vår kommune for å \
                 sikre bærekraftig velferd?\n",
            )
            .build()
    })
}

/// Ingest `bytes` as the file `name` (its extension picks the reader when the bytes do
/// not tell) and check the document's invariants when it was read. Errors are fine:
/// every way to fail has its reason; panics and broken offsets are not.
pub fn ingest(name: &str, bytes: &[u8]) {
    allow_caught_third_party_panics();
    let result = ingester().ingest_bytes(name, bytes, None);
    if std::env::var_os("INNSPILL_FUZZ_DEBUG").is_some() {
        // For checking what a seed reaches: `INNSPILL_FUZZ_DEBUG=1 TARGET-BINARY FILE`.
        match &result {
            Ok(doc) => eprintln!(
                "innspill-fuzz: {name}: {} paragraphs, {} chars",
                doc.paragraphs().count(),
                doc.text.chars().count()
            ),
            Err(e) => eprintln!("innspill-fuzz: {name}: {e}"),
        }
    }
    if let Ok(doc) = result {
        check_document(&doc);
    }
}

/// Offsets point into the text, paragraphs are numbered in order, the id and hash are
/// well formed.
pub fn check_document(doc: &Document) {
    let chars = doc.text.chars().count();
    for (i, (_, p)) in doc.paragraphs().enumerate() {
        assert!(
            p.start <= p.end && p.end <= chars,
            "paragraph {i} {}..{} outside the text of {chars} chars",
            p.start,
            p.end
        );
        assert_eq!(p.n as usize, i, "paragraphs numbered in order");
        assert!(!p.text.is_empty(), "paragraph {i} is empty");
        if let Some([first, last]) = p.lines {
            assert!(
                first >= 1 && first <= last,
                "paragraph {i} lines {first}..{last}"
            );
        }
    }
    assert_eq!(doc.source.sha256.len(), 64);
    assert!(doc.id.len() > 6 && doc.id.is_ascii(), "id {:?}", doc.id);
}

/// libFuzzer's panic hook aborts on every panic, even one that is caught. The PDF reader
/// runs lopdf under `catch_unwind` on purpose (a damaged file becomes a reason, not a
/// crash), so this hook lets panics *raised in third-party crates* unwind to that
/// `catch_unwind`, printing each place once. A panic raised in innspill's own code still
/// aborts at once, and an uncaught one anywhere still reaches libFuzzer as a crash.
pub fn allow_caught_third_party_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let abort_hook = std::panic::take_hook();
        let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        std::panic::set_hook(Box::new(move |info| {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let third_party = place.contains("/.cargo/registry/")
                || place.contains("/.cargo/git/")
                || place.starts_with("/rustc/");
            if !third_party {
                abort_hook(info);
                return;
            }
            let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
            if seen.insert(place.clone()) {
                eprintln!("innspill-fuzz: third-party panic at {place} (caught?): {info}");
            }
        }));
    });
}

/// A one-page PDF whose content stream is `content`, uncompressed, with a Helvetica
/// WinAnsi font `/F1` and a correct cross-reference table: the PDF target mutates whole
/// files, whose compressed streams rarely survive a mutation, so this one puts arbitrary
/// operators in front of the text layout.
pub fn pdf_with_content(content: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objects: [&[u8]; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    offsets.push(out.len());
    out.extend_from_slice(format!("5 0 obj\n<< /Length {} >>\nstream\n", content.len()).as_bytes());
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A one-page PDF from `data` split at `\n%%\n` into up to four parts: a ToUnicode CMap,
/// the inside of a `/W` array, the page's content stream and a Form XObject's content.
/// The page has a composite font `/F1` (Type0, Identity-H, with that CMap and those
/// widths), the simple font `/F2` (Helvetica) and the form `/X1`, so mutations reach the
/// two-byte codes, the CMap and width readers and the form recursion of the PDF layout.
pub fn pdf_with_fonts(data: &[u8]) -> Vec<u8> {
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut rest = data;
    while parts.len() < 3 {
        match rest.windows(4).position(|w| w == b"\n%%\n") {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + 4..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts.resize(4, b"");
    let (cmap, widths, content, form) = (parts[0], parts[1], parts[2], parts[3]);
    let mut out: Vec<u8> = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |out: &mut Vec<u8>, body: &[u8], stream: Option<&[u8]>| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        if let Some(s) = stream {
            out.extend_from_slice(format!("\nstream\n").as_bytes());
            out.extend_from_slice(s);
            out.extend_from_slice(b"\nendstream");
        }
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>", None);
    object(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", None);
    object(
        &mut out,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R /F2 7 0 R >> /XObject << /X1 8 0 R >> >> /Contents 9 0 R >>",
        None,
    );
    object(
        &mut out,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Carlito /Encoding /Identity-H \
          /DescendantFonts [5 0 R] /ToUnicode 6 0 R >>",
        None,
    );
    let mut cid = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Carlito /DW 500 /W [".to_vec();
    cid.extend_from_slice(widths);
    cid.extend_from_slice(b"] >>");
    object(&mut out, &cid, None);
    object(&mut out, format!("<< /Length {} >>", cmap.len()).as_bytes(), Some(cmap));
    object(
        &mut out,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        None,
    );
    object(
        &mut out,
        format!(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -400] /Length {} >>",
            form.len()
        )
        .as_bytes(),
        Some(form),
    );
    object(&mut out, format!("<< /Length {} >>", content.len()).as_bytes(), Some(content));
    let xref = out.len();
    let n = offsets.len() + 1;
    out.extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}
