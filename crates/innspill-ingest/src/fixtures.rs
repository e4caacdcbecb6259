//! Small writers of test inputs: PDFs (Helvetica, WinAnsiEncoding, so `æøå«»–’•` work)
//! and DOCX files, for tests and benchmarks. Generated rather than committed, so that
//! fixtures stay readable in code review.
//!
//! ```
//! use innspill_ingest::fixtures::pdf;
//!
//! let bytes = pdf(&[vec!["Røst kommune".into(), "".into(), "Uttalelse".into()]]);
//! assert!(bytes.starts_with(b"%PDF-"));
//! ```

use std::io::Write;

use encoding_rs::WINDOWS_1252;
use lopdf::{
    Dictionary, Document, Object, Stream, StringFormat,
    content::{Content, Operation},
    dictionary,
};

/// How [`pdf_with`] writes.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Place every word with its own `Tm`, as some producers do.
    pub word_by_word: bool,
    /// Draw a rectangle instead of text on every page (a scanned PDF without a text layer).
    pub no_text: bool,
    /// Add an `/Encrypt` dictionary whose user password is not empty.
    pub encrypted: bool,
    /// A running header on every page.
    pub header: Option<String>,
    /// A running footer on every page; `{page}` and `{pages}` are replaced.
    pub footer: Option<String>,
}

/// A PDF with one page per element of `pages`, each a list of lines; an empty line
/// leaves a blank line (a paragraph break).
pub fn pdf(pages: &[Vec<String>]) -> Vec<u8> {
    pdf_with(pages, PdfOptions::default())
}

fn text(s: &str) -> Object {
    let (bytes, _, _) = WINDOWS_1252.encode(s);
    Object::String(bytes.into_owned(), StringFormat::Literal)
}

/// A PDF as [`pdf`] writes it, with options.
pub fn pdf_with(pages: &[Vec<String>], options: PdfOptions) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    let total = pages.len();
    for (n, lines) in pages.iter().enumerate() {
        let mut ops = Vec::new();
        if options.no_text {
            ops.push(Operation::new(
                "re",
                vec![50.into(), 50.into(), 495.into(), 742.into()],
            ));
            ops.push(Operation::new("f", vec![]));
        } else {
            let mut all: Vec<String> = Vec::new();
            if let Some(h) = &options.header {
                all.push(h.clone());
                all.push(String::new());
            }
            all.extend(lines.iter().cloned());
            if let Some(f) = &options.footer {
                all.push(String::new());
                all.push(
                    f.replace("{page}", &(n + 1).to_string())
                        .replace("{pages}", &total.to_string()),
                );
            }
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
            let mut y = 800.0f32;
            if !options.word_by_word {
                ops.push(Operation::new("Td", vec![56.into(), 800.into()]));
            }
            let mut pending = 0.0f32;
            for line in &all {
                if line.is_empty() {
                    pending += 14.0;
                    continue;
                }
                if options.word_by_word {
                    y -= pending;
                    let mut x = 56.0f32;
                    for w in line.split(' ') {
                        ops.push(Operation::new(
                            "Tm",
                            vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
                        ));
                        ops.push(Operation::new("Tj", vec![text(w)]));
                        // Wider than Helvetica's letters at 11 pt (0.2–0.9 em), so that
                        // words never touch.
                        x += w.chars().count() as f32 * 10.0 + 4.0;
                    }
                    y -= 14.0;
                } else {
                    if pending > 0.0 {
                        ops.push(Operation::new("Td", vec![0.into(), (-pending).into()]));
                    }
                    ops.push(Operation::new("Tj", vec![text(line)]));
                    ops.push(Operation::new("Td", vec![0.into(), (-14).into()]));
                }
                pending = 0.0;
            }
            ops.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations: ops }
            .encode()
            .expect("content encodes");
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::Reference(page_id));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => total as i64,
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    if options.encrypted {
        let encrypt_id = doc.add_object(dictionary! {
            "Filter" => "Standard",
            "V" => 1,
            "R" => 2,
            "O" => Object::String(vec![0x11; 32], StringFormat::Hexadecimal),
            "U" => Object::String(vec![0x22; 32], StringFormat::Hexadecimal),
            "P" => -4,
        });
        doc.trailer.set("Encrypt", encrypt_id);
        doc.trailer.set(
            "ID",
            vec![
                Object::String(vec![0x33; 16], StringFormat::Hexadecimal),
                Object::String(vec![0x33; 16], StringFormat::Hexadecimal),
            ],
        );
    }
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .expect("writing to memory cannot fail");
    out
}

/// One paragraph of a [`docx`]: its style (`Heading1`, `ListParagraph`, or none) and text.
#[derive(Debug, Clone)]
pub struct DocxPara {
    /// The paragraph style id, if any.
    pub style: Option<String>,
    /// Whether the paragraph is in a numbered or bulleted list (`<w:numPr>`).
    pub list: bool,
    /// The text; `\n` becomes a `<w:br/>`.
    pub text: String,
}

impl DocxPara {
    /// A plain paragraph.
    pub fn text(text: &str) -> DocxPara {
        DocxPara {
            style: None,
            list: false,
            text: text.to_string(),
        }
    }
    /// A heading (`Heading1`).
    pub fn heading(text: &str) -> DocxPara {
        DocxPara {
            style: Some("Heading1".to_string()),
            list: false,
            text: text.to_string(),
        }
    }
    /// A list item.
    pub fn item(text: &str) -> DocxPara {
        DocxPara {
            style: Some("ListParagraph".to_string()),
            list: true,
            text: text.to_string(),
        }
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A minimal Word document with the given paragraphs.
pub fn docx(paras: &[DocxPara]) -> Vec<u8> {
    let mut body = String::new();
    for p in paras {
        body.push_str("<w:p>");
        if p.style.is_some() || p.list {
            body.push_str("<w:pPr>");
            if let Some(s) = &p.style {
                body.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
            }
            if p.list {
                body.push_str("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>");
            }
            body.push_str("</w:pPr>");
        }
        for (i, part) in p.text.split('\n').enumerate() {
            if i > 0 {
                body.push_str("<w:r><w:br/></w:r>");
            }
            body.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                xml_escape(part)
            ));
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
         </w:body></w:document>"
    );
    zip_parts(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
                .as_bytes(),
        ),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// A zip archive of `(name, bytes)` parts, deflated.
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("zip in memory");
        zip.write_all(bytes).expect("zip in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}
