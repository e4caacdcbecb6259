//! Word documents (`.docx`) to lines: paragraphs, headings (by style) and list items (by
//! numbering), read from `word/document.xml` with quick-xml. The zip is opened with a
//! guard against zip bombs: the document part may not inflate beyond a limit.

use std::io::{Cursor, Read};

use quick_xml::{Reader, events::Event};

use crate::{
    error::InputError,
    raw::{Hint, RawText},
};

/// The most `word/document.xml` may inflate to.
pub(crate) const MAX_DOCUMENT_XML: u64 = 64 << 20;
/// Above this size, a compression ratio over [`MAX_RATIO`] is taken as a bomb.
const RATIO_FROM: u64 = 8 << 20;
const MAX_RATIO: u64 = 200;

pub(crate) fn read_docx(bytes: &[u8]) -> Result<(RawText, Vec<String>), InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| InputError::DocxNotZip {
            detail: e.to_string(),
        })?;
    let mut part = archive
        .by_name("word/document.xml")
        .map_err(|_| InputError::DocxNoDocument)?;
    let compressed = part.compressed_size();
    let declared = part.size();
    let bomb = |limit| InputError::DocxZipBomb { compressed, limit };
    if declared > MAX_DOCUMENT_XML {
        return Err(bomb(MAX_DOCUMENT_XML));
    }
    if declared > RATIO_FROM && declared / compressed.max(1) > MAX_RATIO {
        return Err(bomb(compressed.max(1) * MAX_RATIO));
    }
    // Do not trust the declared size: read at most one byte past the limit.
    let mut xml = Vec::new();
    (&mut part)
        .take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| InputError::DocxNotZip {
            detail: e.to_string(),
        })?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(bomb(MAX_DOCUMENT_XML));
    }
    let xml = String::from_utf8(xml).map_err(|e| InputError::DocxXml {
        detail: format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })?;
    let raw = parse_document_xml(&xml)?;
    if !raw.has_words() {
        return Err(InputError::NoTextIn { format: "DOCX" });
    }
    Ok((raw, Vec::new()))
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.into_owned())
}

fn style_hint(style: &str) -> Hint {
    let s = style.to_lowercase();
    if s.starts_with("heading") || s.starts_with("overskrift") || s == "title" || s == "tittel" {
        Hint::Heading
    } else if s.contains("list") {
        Hint::ListItem
    } else {
        Hint::Paragraph
    }
}

/// The paragraphs of `word/document.xml`.
fn parse_document_xml(xml: &str) -> Result<RawText, InputError> {
    let mut reader = Reader::from_str(xml);
    let mut raw = RawText::default();
    let mut in_text = false;
    let mut in_ppr = false;
    let mut para: Option<(Hint, String)> = None;
    loop {
        let event = reader.read_event().map_err(|e| InputError::DocxXml {
            detail: format!("at byte {}: {e}", reader.buffer_position()),
        })?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                // <w:p/> is an empty paragraph.
                "w:p" => para = (!empty).then(|| (Hint::Paragraph, String::new())),
                "w:pPr" => in_ppr = !empty,
                "w:pStyle" if in_ppr => {
                    if let (Some(p), Some(v)) = (para.as_mut(), attr(e, "w:val")) {
                        let h = style_hint(&v);
                        if p.0 != Hint::ListItem || h == Hint::Heading {
                            p.0 = h;
                        }
                    }
                }
                "w:numPr" if in_ppr => {
                    if let Some(p) = para.as_mut().filter(|p| p.0 != Hint::Heading) {
                        p.0 = Hint::ListItem;
                    }
                }
                "w:t" => in_text = !empty,
                "w:tab" => {
                    if let Some(p) = para.as_mut() {
                        p.1.push('\t');
                    }
                }
                "w:br" | "w:cr" => {
                    if let Some(p) = para.as_mut() {
                        p.1.push('\n');
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:pPr" => in_ppr = false,
                "w:p" => {
                    if let Some((hint, text)) = para.take() {
                        push_paragraph(&mut raw, hint, &text);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = para.as_mut() {
                    p.1.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = para.as_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        p.1.push(c);
                    } else {
                        p.1.push_str(match &*r.into_inner() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    raw.trim_trailing_blank_lines();
    Ok(raw)
}

fn push_paragraph(raw: &mut RawText, hint: Hint, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    for (i, line) in text.split('\n').enumerate() {
        raw.push_line(line, None, if i == 0 { hint } else { Hint::None });
    }
    raw.push_blank(None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{DocxPara, docx, zip_parts};

    fn lines(raw: &RawText) -> Vec<(&str, Hint)> {
        (0..raw.lines.len())
            .map(|i| (raw.line(i), raw.lines[i].hint))
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_list_items() {
        let bytes = docx(&[
            DocxPara::heading("Fråsegn frå Hjartdal kommune"),
            DocxPara::text("Kommunestyret i Hjartdal kommune meiner at R&D <viktig>."),
            DocxPara::item("rekruttering av fagfolk"),
            DocxPara::item("beredskap\nog tryggleik"),
        ]);
        let (raw, _) = read_docx(&bytes).unwrap();
        assert_eq!(
            lines(&raw),
            [
                ("Fråsegn frå Hjartdal kommune", Hint::Heading),
                ("", Hint::None),
                (
                    "Kommunestyret i Hjartdal kommune meiner at R&D <viktig>.",
                    Hint::Paragraph
                ),
                ("", Hint::None),
                ("rekruttering av fagfolk", Hint::ListItem),
                ("", Hint::None),
                ("beredskap", Hint::ListItem),
                ("og tryggleik", Hint::None),
            ]
        );
    }

    #[test]
    fn not_a_zip_no_document_and_bombs() {
        assert!(matches!(
            read_docx(b"PK\x03\x04 broken"),
            Err(InputError::DocxNotZip { .. })
        ));
        assert!(matches!(
            read_docx(b"plain text"),
            Err(InputError::DocxNotZip { .. })
        ));
        let other = zip_parts(&[("hello.txt", b"hei")]);
        assert!(matches!(read_docx(&other), Err(InputError::DocxNoDocument)));
        let spaces = vec![b' '; (RATIO_FROM + 1024) as usize];
        let bomb = zip_parts(&[("word/document.xml", &spaces)]);
        assert!(bomb.len() < 200_000);
        let e = read_docx(&bomb).unwrap_err();
        assert!(matches!(e, InputError::DocxZipBomb { .. }), "{e}");
        let broken = zip_parts(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
        assert!(matches!(
            read_docx(&broken),
            Err(InputError::DocxXml { .. })
        ));
    }
}
