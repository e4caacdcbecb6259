//! PDF with a text layer to lines, with lopdf.
//!
//! lopdf parses the file and decodes each font's encoding; the text is laid out here by
//! walking the page's content stream with the text positioning operators (`Tm`, `Td`,
//! `TD`, `T*`, `'`, `"`): a move down starts a new line, a larger move down (more than
//! about one and a half lines) a blank line, a move right on the same line a space, and
//! a large negative kerning in a `TJ` array a space. Line-end hyphens are kept as in the
//! PDF, so that the Norwegian rules of [`innspill_norsk::dehyphenate`] decide later.
//!
//! (lopdf's own `extract_text` breaks lines only at `ET` and `T*`, so PDFs that move
//! with `Td`, as reportlab and many others do, came out as one long line; pdf-extract
//! 0.12 sits on an older lopdf, 0.42, which would have put two lopdf versions in the
//! build. See the tests at the bottom for what is checked.)
//!
//! Damaged files must not take the run down: parsing runs under `catch_unwind`, and
//! every failure becomes a specific [`InputError`].

use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Document, Encoding, Object, content::Content};

use crate::{
    error::InputError,
    raw::{Hint, RawText},
};

/// Largest decompressed content of one page (bytes); more is a damaged or hostile file.
const MAX_PAGE_CONTENT: usize = 64 << 20;

/// Read the text layer of a PDF.
pub(crate) fn read_pdf(bytes: &[u8]) -> Result<(RawText, Vec<String>), InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(InputError::PdfCorrupt {
            detail: "no %PDF- header".to_string(),
        });
    }
    match catch_unwind(AssertUnwindSafe(|| read_inner(bytes))) {
        Ok(r) => r,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".to_string());
            Err(InputError::PdfPanic { detail })
        }
    }
}

fn read_inner(bytes: &[u8]) -> Result<(RawText, Vec<String>), InputError> {
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => InputError::PdfEncrypted {
            detail: e.to_string(),
        },
        e => InputError::PdfCorrupt {
            detail: e.to_string(),
        },
    })?;
    if doc.trailer.has(b"Encrypt") {
        return Err(InputError::PdfEncrypted {
            detail: "the document is encrypted with a user password".to_string(),
        });
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(InputError::PdfCorrupt {
            detail: "no pages found (page tree missing or damaged)".to_string(),
        });
    }
    let mut raw = RawText::default();
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    let mut last_error = String::new();
    for (&n, &id) in &pages {
        match page_lines(&doc, id) {
            Ok(lines) => {
                for line in lines {
                    match line {
                        Some(l) => raw.push_line(&l, Some(n), Hint::None),
                        None => raw.push_blank(Some(n)),
                    }
                }
                raw.push_blank(Some(n));
            }
            Err(e) => {
                failed.push(n);
                last_error = e;
            }
        }
    }
    raw.pages = Some(pages.len() as u32);
    raw.trim_trailing_blank_lines();
    if failed.len() == pages.len() {
        return Err(InputError::PdfCorrupt {
            detail: format!("no page could be read ({last_error})"),
        });
    }
    if !failed.is_empty() {
        warnings.push(format!(
            "{} of {} pages could not be read (pages {}): {last_error}",
            failed.len(),
            pages.len(),
            failed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !raw.has_words() {
        return Err(InputError::PdfNoText {
            pages: pages.len() as u32,
        });
    }
    Ok((raw, warnings))
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The lines of one page; `None` is a blank line.
fn page_lines(doc: &Document, page: lopdf::ObjectId) -> Result<Vec<Option<String>>, String> {
    let fonts = doc.get_page_fonts(page).map_err(|e| e.to_string())?;
    let encodings: Vec<(Vec<u8>, Encoding<'_>)> = fonts
        .into_iter()
        .filter_map(|(name, font)| font.get_font_encoding(doc).ok().map(|e| (name, e)))
        .collect();
    let data = doc
        .get_page_content_with_limit(page, MAX_PAGE_CONTENT)
        .map_err(|e| e.to_string())?;
    let content = Content::decode(&data).map_err(|e| e.to_string())?;

    let mut layout = Layout::default();
    let mut encoding: Option<&Encoding<'_>> = None;
    // Text matrix and line matrix: (a, b, c, d, e, f); only scale and position are used.
    let mut tm = [1.0f32, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut tlm = tm;
    let mut leading = 0.0f32;
    let mut size = 12.0f32;
    for op in &content.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "BT" => {
                tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
                tlm = tm;
            }
            "Tf" => {
                encoding = o
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| encodings.iter().find(|(k, _)| k == n).map(|(_, e)| e));
                if let Some(s) = o.get(1).and_then(num) {
                    size = s.abs();
                }
            }
            "TL" => leading = o.first().and_then(num).unwrap_or(0.0),
            "Tm" if o.len() == 6 => {
                for (k, v) in o.iter().enumerate() {
                    tm[k] = num(v).unwrap_or(tm[k]);
                }
                tlm = tm;
                layout.moved(&tm, size);
            }
            "Td" | "TD" => {
                let tx = o.first().and_then(num).unwrap_or(0.0);
                let ty = o.get(1).and_then(num).unwrap_or(0.0);
                if op.operator == "TD" {
                    leading = -ty;
                }
                tlm[4] += tx * tlm[0] + ty * tlm[2];
                tlm[5] += tx * tlm[1] + ty * tlm[3];
                tm = tlm;
                layout.moved(&tm, size);
            }
            "T*" => {
                tlm[4] += -leading * tlm[2];
                tlm[5] += -leading * tlm[3];
                tm = tlm;
                layout.moved(&tm, size);
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(op.operator.as_str(), "'" | "\"") {
                    tlm[4] += -leading * tlm[2];
                    tlm[5] += -leading * tlm[3];
                    tm = tlm;
                    layout.moved(&tm, size);
                }
                let Some(enc) = encoding else { continue };
                let shown = match op.operator.as_str() {
                    "\"" => o.get(2).into_iter().collect::<Vec<_>>(),
                    _ => o.iter().collect(),
                };
                for obj in shown {
                    show(obj, enc, &mut layout);
                }
            }
            _ => {}
        }
    }
    Ok(layout.finish())
}

fn show(obj: &Object, enc: &Encoding<'_>, layout: &mut Layout) {
    match obj {
        Object::String(bytes, _) => {
            let mut s = String::new();
            if enc.write_to_string(bytes, &mut s).is_ok() {
                layout.text(&s);
            }
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::String(..) => show(item, enc, layout),
                    // Kerning in thousandths of an em: a large gap is a word space.
                    other => {
                        if num(other).is_some_and(|k| k < -180.0) {
                            layout.space();
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// Lines built from text runs and moves.
#[derive(Debug, Default)]
struct Layout {
    lines: Vec<Option<String>>,
    current: String,
    /// Position (x, y) and em size of the last move, not yet followed by text.
    pending: Option<(f32, f32, f32)>,
    /// Baseline (y) and x of the last text shown.
    last_text: Option<(f32, f32)>,
    space: bool,
}

impl Layout {
    fn moved(&mut self, tm: &[f32; 6], size: f32) {
        let scale = tm[3].abs().max(tm[0].abs()).max(0.01);
        self.pending = Some((tm[4], tm[5], (size * scale).max(1.0)));
    }

    fn space(&mut self) {
        if !self.current.is_empty() {
            self.space = true;
        }
    }

    fn text(&mut self, s: &str) {
        if let Some((x, y, em)) = self.pending.take() {
            if let Some((ly, lx)) = self.last_text {
                let dy = (ly - y).abs();
                if dy > em * 0.5 {
                    self.newline();
                    // More than about one and a half lines down: a paragraph break.
                    if dy > em * 1.6 {
                        self.lines.push(None);
                    }
                } else if x > lx {
                    self.space = true;
                }
            }
            self.last_text = Some((y, x));
        }
        if self.space
            && !self.current.is_empty()
            && !self.current.ends_with(char::is_whitespace)
            && !s.starts_with(char::is_whitespace)
        {
            self.current.push(' ');
        }
        self.space = false;
        self.current.push_str(s);
    }

    fn newline(&mut self) {
        self.space = false;
        if !self.current.is_empty() {
            self.lines.push(Some(std::mem::take(&mut self.current)));
        }
    }

    fn finish(mut self) -> Vec<Option<String>> {
        self.newline();
        while self.lines.first().is_some_and(Option::is_none) {
            self.lines.remove(0);
        }
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{PdfOptions, pdf, pdf_with};

    fn lines(raw: &RawText) -> Vec<&str> {
        (0..raw.lines.len()).map(|i| raw.line(i)).collect()
    }

    #[test]
    fn norwegian_text_hyphens_and_pages_survive() {
        let bytes = pdf(&[
            vec![
                "Røst kommune – «Tid for taktskifte»".into(),
                "".into(),
                "Og vi må skjerpe beredskapen i en helt ny sikker-".into(),
                "hetspolitisk situasjon. KS’ hefte.".into(),
            ],
            vec!["• arbeidskraft og kompetanse".into(), "Side 2 av 2".into()],
        ]);
        let (raw, warnings) = read_pdf(&bytes).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(raw.pages, Some(2));
        assert_eq!(
            lines(&raw),
            [
                "Røst kommune – «Tid for taktskifte»",
                "",
                "Og vi må skjerpe beredskapen i en helt ny sikker-",
                "hetspolitisk situasjon. KS’ hefte.",
                "",
                "• arbeidskraft og kompetanse",
                "Side 2 av 2",
            ]
        );
        assert_eq!(raw.lines[5].page, Some(2));
    }

    #[test]
    fn words_placed_one_by_one_get_spaces() {
        let bytes = pdf_with(
            &[vec!["Kommunestyret i Røst kommune vedtok".into()]],
            PdfOptions {
                word_by_word: true,
                ..PdfOptions::default()
            },
        );
        let (raw, _) = read_pdf(&bytes).unwrap();
        assert_eq!(lines(&raw), ["Kommunestyret i Røst kommune vedtok"]);
    }

    #[test]
    fn lopdf_extract_text_merges_td_lines() {
        // Why we lay out text ourselves: lopdf's extract_text joins Td-positioned lines.
        let bytes = pdf(&[vec!["første linje".into(), "andre linje".into()]]);
        let doc = Document::load_mem(&bytes).unwrap();
        let theirs = doc.extract_text(&[1]).unwrap();
        assert!(theirs.contains("første linjeandre linje"), "{theirs:?}");
        let (raw, _) = read_pdf(&bytes).unwrap();
        assert_eq!(lines(&raw), ["første linje", "andre linje"]);
    }

    #[test]
    fn damaged_inputs_fail_with_reasons() {
        let good = pdf(&[vec!["Tekst på side én.".into()]]);
        assert!(matches!(
            read_pdf(&good[..good.len() / 2]),
            Err(InputError::PdfCorrupt { .. } | InputError::PdfNoText { .. })
        ));
        assert!(matches!(
            read_pdf(b"%PDF-1.7\n%garbage"),
            Err(InputError::PdfCorrupt { .. })
        ));
        assert!(matches!(
            read_pdf(b"hello"),
            Err(InputError::PdfCorrupt { .. })
        ));
        let scanned = pdf_with(
            &[vec![], vec![]],
            PdfOptions {
                no_text: true,
                ..PdfOptions::default()
            },
        );
        assert!(matches!(
            read_pdf(&scanned),
            Err(InputError::PdfNoText { pages: 2 })
        ));
        let locked = pdf_with(
            &[vec!["Hemmelig.".into()]],
            PdfOptions {
                encrypted: true,
                ..PdfOptions::default()
            },
        );
        let e = read_pdf(&locked).unwrap_err();
        assert!(matches!(e, InputError::PdfEncrypted { .. }), "{e}");
    }
}
