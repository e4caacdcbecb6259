//! Writers of one assembled document in each format: PDF, DOCX, HTML and text.

use crate::error::Error;
use crate::pdf::{self, Block, BlockKind, Layout, PdfInfo, SOFT_HYPHEN, SPLIT_MARK};
use crate::rng::Rng;

/// The segment a piece of a document belongs to (as in the document contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Seg {
    /// The administration's case text.
    Case,
    /// Text quoted from the KS booklet.
    Booklet,
    /// The respondent's statement.
    Statement,
    /// The adopted decision.
    Decision,
    /// Letterheads, meeting metadata, signatures.
    Other,
}

/// One block of a document with its segment.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    /// Segment.
    pub seg: Seg,
    /// The block (text without split marks).
    pub block: Block,
}

/// A document ready to be written: its pieces and the words of its running lines.
#[derive(Debug, Clone)]
pub(crate) struct Assembled {
    /// Pieces in reading order.
    pub pieces: Vec<Piece>,
    /// Running header of every page (PDF), or the page title (HTML).
    pub header: String,
    /// Document title for metadata.
    pub title: String,
    /// Author for metadata (the respondent, or a neutral word where it must not be named).
    pub author: String,
    /// `nb` or `nn`.
    pub lang: &'static str,
    /// The notice that the document is fictional sample data.
    pub notice: String,
}

/// Known first parts of compounds, where a line-end split without hyphen happens
/// (`Kommune` / `sektoren`).
const COMPOUND_HEADS: [&str; 22] = [
    "kommune",
    "beredskaps",
    "arbeids",
    "samfunns",
    "helse",
    "velferds",
    "tjeneste",
    "teneste",
    "kompetanse",
    "fylkes",
    "rekrutterings",
    "sykefraværs",
    "sjukefråværs",
    "befolknings",
    "innbygger",
    "innbyggjar",
    "omsorgs",
    "stats",
    "lokal",
    "rapporterings",
    "digitaliserings",
    "forsynings",
];

fn is_vowel(c: char) -> bool {
    "aeiouyæøåé".contains(c.to_ascii_lowercase()) || "AEIOUYÆØÅ".contains(c)
}

/// Insert split marks into long words of `text`: at a known compound joint (without
/// hyphen, like the seed's `Kommune` / `sektoren`, or with one) and at syllable joints
/// (with a hyphen, like `sikker-` / `hetspolitisk`). `p` is the share of long words marked.
pub(crate) fn add_marks(text: &str, rng: &mut Rng, p: f64) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (wi, word) in text.split(' ').enumerate() {
        if wi > 0 {
            out.push(' ');
        }
        let chars: Vec<char> = word.chars().collect();
        let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
        if letters < 9
            || chars
                .iter()
                .any(|c| !c.is_alphabetic() && !"«»,.:;()’".contains(*c))
            || !rng.chance(p)
        {
            out.push_str(word);
            continue;
        }
        let lower: String = word.to_lowercase();
        let joint = COMPOUND_HEADS
            .iter()
            .find(|h| lower.starts_with(*h) && lower.chars().count() >= h.chars().count() + 4)
            .map(|h| h.chars().count());
        let unhyphenated = rng.chance(0.5);
        for (i, c) in chars.iter().enumerate() {
            if i >= 3 && i + 3 <= chars.len() && chars[i - 1].is_alphabetic() && c.is_alphabetic() {
                if Some(i) == joint {
                    out.push(if unhyphenated {
                        SPLIT_MARK
                    } else {
                        SOFT_HYPHEN
                    });
                } else if !is_vowel(*c)
                    && i + 1 < chars.len()
                    && is_vowel(chars[i + 1])
                    && is_vowel(chars[i - 1])
                    || (!is_vowel(*c)
                        && !is_vowel(chars[i - 1])
                        && i + 1 < chars.len()
                        && is_vowel(chars[i + 1]))
                {
                    out.push(SOFT_HYPHEN);
                }
            }
            out.push(*c);
        }
    }
    out
}

/// Write as PDF: pages with the running header and `Side n av N` footers.
pub(crate) fn to_pdf(doc: &Assembled, rng: &mut Rng) -> Result<Vec<u8>, Error> {
    let blocks: Vec<Block> = doc
        .pieces
        .iter()
        .map(|p| match p.block.kind {
            BlockKind::Verbatim | BlockKind::Space | BlockKind::PageBreak => p.block.clone(),
            _ => Block {
                kind: p.block.kind.clone(),
                text: add_marks(&p.block.text, rng, 0.5),
            },
        })
        .collect();
    let header = doc.header.clone();
    let pages = Layout::default().paginate(&blocks, |n, of| {
        (Some(header.clone()), Some(format!("Side {n} av {of}")))
    });
    let info = PdfInfo {
        title: Some(doc.title.clone()),
        author: Some(doc.author.clone()),
        subject: Some(doc.notice.clone()),
        keywords: Some(format!("{}; KS debatthefte; uttalelse", doc.notice)),
        creator: Some("innspill-sample".into()),
    };
    pdf::write(&pages, &info)
}

/// Write as text extracted from a PDF (like the seed): wrapped lines with words split over
/// line ends, page headers and footers between pages.
pub(crate) fn to_extracted_text(doc: &Assembled, rng: &mut Rng) -> String {
    let blocks: Vec<Block> = doc
        .pieces
        .iter()
        .map(|p| match p.block.kind {
            BlockKind::Verbatim | BlockKind::Space | BlockKind::PageBreak => p.block.clone(),
            _ => Block {
                kind: p.block.kind.clone(),
                text: add_marks(&p.block.text, rng, 0.5),
            },
        })
        .collect();
    let header = doc.header.clone();
    let pages = Layout::default().paginate(&blocks, |n, of| {
        (Some(header.clone()), Some(format!("Side {n} av {of}")))
    });
    let mut out = String::new();
    for page in pages {
        if let Some(h) = &page.header {
            out.push(' ');
            out.push_str(h);
            out.push_str("\n\n");
        }
        for line in &page.lines {
            out.push_str(&line.text);
            out.push_str(" \n");
        }
        if let Some(f) = &page.footer {
            out.push('\n');
            out.push_str(f);
            out.push('\n');
        }
    }
    out
}

/// Write as clean text: one paragraph a line block, blank lines between, bullets with
/// `bullet` as marker.
pub(crate) fn to_clean_text(doc: &Assembled, bullet: &str) -> String {
    let mut out = String::new();
    let mut last_was_item = false;
    for p in &doc.pieces {
        let b = &p.block;
        let is_item = matches!(
            b.kind,
            BlockKind::Bullet | BlockKind::Numbered(_) | BlockKind::Marked(_)
        );
        if last_was_item && !is_item {
            out.push('\n');
        }
        match &b.kind {
            BlockKind::Heading | BlockKind::Paragraph | BlockKind::Verbatim => {
                out.push_str(&b.text);
                out.push_str("\n\n");
            }
            BlockKind::Bullet => out.push_str(&format!("{bullet} {}\n", b.text)),
            BlockKind::Numbered(n) => out.push_str(&format!("{n}. {}\n", b.text)),
            BlockKind::Marked(m) => out.push_str(&format!("{m} {}\n", b.text)),
            BlockKind::Space | BlockKind::PageBreak => {}
        }
        last_was_item = is_item;
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Write as a page of a municipal meeting system, with navigation, a cookie banner and a
/// footer around the case.
pub(crate) fn to_html(doc: &Assembled, site: &str) -> String {
    let mut body = String::new();
    let mut list: Option<&str> = None;
    let mut first_heading = true;
    let mut statement_titled = false;
    for p in &doc.pieces {
        let b = &p.block;
        let want = match b.kind {
            BlockKind::Bullet | BlockKind::Marked(_) => Some("ul"),
            BlockKind::Numbered(_) => Some("ol"),
            _ => None,
        };
        if list != want {
            if let Some(l) = list {
                body.push_str(&format!("</{l}>\n"));
            }
            if let Some(l) = want {
                body.push_str(&format!("<{l}>\n"));
            }
            list = want;
        }
        match &b.kind {
            BlockKind::Heading => {
                // The statement's title is a section of the page like the case's parts;
                // its own headings stand under it.
                let tag = if first_heading {
                    "h1"
                } else if p.seg == Seg::Statement && statement_titled {
                    "h3"
                } else {
                    "h2"
                };
                first_heading = false;
                statement_titled |= p.seg == Seg::Statement;
                body.push_str(&format!("<{tag}>{}</{tag}>\n", esc(&b.text)));
            }
            BlockKind::Paragraph => body.push_str(&format!("<p>{}</p>\n", esc(&b.text))),
            BlockKind::Bullet | BlockKind::Numbered(_) | BlockKind::Marked(_) => {
                body.push_str(&format!("<li>{}</li>\n", esc(&b.text)));
            }
            BlockKind::Verbatim => {
                let class = if p.seg == Seg::Booklet {
                    " class=\"vedlegg\""
                } else {
                    ""
                };
                body.push_str(&format!("<div{class}>\n"));
                for para in b.text.split("\n\n").filter(|t| !t.trim().is_empty()) {
                    body.push_str(&format!("<p>{}</p>\n", esc(para.trim_matches('\n'))));
                }
                body.push_str("</div>\n");
            }
            BlockKind::Space | BlockKind::PageBreak => {}
        }
    }
    if let Some(l) = list {
        body.push_str(&format!("</{l}>\n"));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} – {site}</title>\n<meta name=\"description\" content=\"{notice}\">\n\
         <meta name=\"author\" content=\"{author}\">\n\
         <link rel=\"stylesheet\" href=\"/static/innsyn.css\">\n</head>\n<body>\n\
         <header class=\"topp\"><a class=\"logo\" href=\"/\">{site}</a>\n\
         <nav class=\"hovedmeny\"><ul><li><a href=\"/moter\">Møtekalender</a></li>\
         <li><a href=\"/utvalg\">Utvalg</a></li><li><a href=\"/sok\">Søk i saker</a></li>\
         <li><a href=\"/postliste\">Postliste</a></li></ul></nav></header>\n\
         <div class=\"cookie\">Vi bruker informasjonskapsler for å forbedre nettstedet. \
         <button>Godta</button> <button>Avvis</button></div>\n\
         <nav class=\"brodsmuler\"><a href=\"/\">Forside</a> › <a href=\"/utvalg\">Utvalg</a> › \
         <a href=\"/moter\">Møte</a> › Sak</nav>\n\
         <main>\n<p class=\"merknad\">{notice}</p>\n<article>\n{body}</article>\n</main>\n\
         <aside class=\"relatert\"><h2>Dokumenter i saken</h2><ul><li><a href=\"/dok/1\">Saksframlegg (PDF)</a></li>\
         <li><a href=\"/dok/2\">Vedlegg</a></li></ul></aside>\n\
         <footer><p>{site} · <a href=\"/personvern\">Personvern</a> · \
         <a href=\"/tilgjengelighet\">Tilgjengelighetserklæring</a></p></footer>\n</body>\n</html>\n",
        lang = doc.lang,
        title = esc(&doc.title),
        notice = esc(&doc.notice),
        author = esc(&doc.author),
    )
}

/// Write as DOCX: WordprocessingML by hand in a stored zip; headings with heading styles,
/// list items either as Word numbering or with a bullet character in the text.
pub(crate) fn to_docx(doc: &Assembled, word_lists: bool) -> Vec<u8> {
    let mut paras = String::new();
    let run = |t: &str| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(t));
    let mut first_heading = true;
    for p in &doc.pieces {
        let b = &p.block;
        match &b.kind {
            BlockKind::Heading => {
                let style = if first_heading {
                    "Heading1"
                } else {
                    "Heading2"
                };
                first_heading = false;
                paras.push_str(&format!(
                    "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}</w:p>",
                    run(&b.text)
                ));
            }
            BlockKind::Paragraph => paras.push_str(&format!("<w:p>{}</w:p>", run(&b.text))),
            BlockKind::Bullet | BlockKind::Numbered(_) | BlockKind::Marked(_) => {
                let num_id = if matches!(b.kind, BlockKind::Numbered(_)) {
                    2
                } else {
                    1
                };
                if word_lists {
                    paras.push_str(&format!(
                        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/>\
                         <w:numId w:val=\"{num_id}\"/></w:numPr></w:pPr>{}</w:p>",
                        run(&b.text)
                    ));
                } else {
                    let marker = match &b.kind {
                        BlockKind::Numbered(n) => format!("{n}."),
                        BlockKind::Marked(m) => m.clone(),
                        _ => "•".into(),
                    };
                    paras.push_str(&format!(
                        "<w:p>{}</w:p>",
                        run(&format!("{marker}\t{}", b.text))
                    ));
                }
            }
            BlockKind::Verbatim => {
                for para in b.text.split("\n\n").filter(|t| !t.trim().is_empty()) {
                    let lines: Vec<String> =
                        para.trim_matches('\n').split('\n').map(&run).collect();
                    paras.push_str(&format!("<w:p>{}</w:p>", lines.join("<w:r><w:br/></w:r>")));
                }
            }
            BlockKind::Space => paras.push_str("<w:p/>"),
            BlockKind::PageBreak => paras.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
    let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
              xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {ns}><w:body>{paras}\
         <w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>\
         </w:body></w:document>"
    );
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {ns}><w:p>{}</w:p></w:hdr>",
        run(&doc.header)
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {ns}>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>\
         <w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"720\"/></w:pPr></w:style></w:styles>"
    );
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering {ns}>\
         <w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>\
         <w:lvlText w:val=\"•\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>\
         <w:lvlText w:val=\"%1.\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
         </w:numbering>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
        <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
        <Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
        <Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
        <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
        </Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
        <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
        </Relationships>";
    let doc_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
        <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
        <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
        </Relationships>";
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject>\
         <dc:creator>{}</dc:creator><dc:description>{}</dc:description><dc:language>{}</dc:language>\
         </cp:coreProperties>",
        esc(&doc.title),
        esc(&doc.notice),
        esc(&doc.author),
        esc(&doc.notice),
        if doc.lang == "nn" { "nn-NO" } else { "nb-NO" }
    );
    zip_stored(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", doc_rels.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// A zip archive with the entries stored (no compression) and fixed timestamps
/// (1 January 1980), so that the bytes depend on the contents only.
pub(crate) fn zip_stored(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name_b = name.as_bytes();
        let mut local = Vec::new();
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        local.extend_from_slice(&20u16.to_le_bytes()); // version needed
        local.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
        local.extend_from_slice(&0u16.to_le_bytes()); // stored
        local.extend_from_slice(&0u16.to_le_bytes()); // time
        local.extend_from_slice(&0x0021u16.to_le_bytes()); // date 1980-01-01
        local.extend_from_slice(&crc.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&(name_b.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name_b);
        out.extend_from_slice(&local);
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&local[4..30]);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name_b);
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Encode `text` as UTF-16LE with a byte-order mark.
pub(crate) fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Assembled {
        Assembled {
            pieces: vec![
                Piece {
                    seg: Seg::Other,
                    block: Block::heading("Nordvik kommune"),
                },
                Piece {
                    seg: Seg::Statement,
                    block: Block::paragraph(
                        "Kommunestyret viser til KS’ debatthefte & «Tid for taktskifte».",
                    ),
                },
                Piece {
                    seg: Seg::Statement,
                    block: Block::bullet("realistiske øvelser"),
                },
                Piece {
                    seg: Seg::Statement,
                    block: Block::bullet("nødstrøm og reservevann"),
                },
                Piece {
                    seg: Seg::Booklet,
                    block: Block::verbatim("KS spør\n\n1. Hva må vi gjøre?"),
                },
            ],
            header: "Eksempeldata: fiktiv kommune".into(),
            title: "Uttalelse".into(),
            author: "Nordvik kommune".into(),
            lang: "nb",
            notice: "Eksempeldata: fiktiv kommune".into(),
        }
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn marks_never_change_the_logical_text() {
        let mut rng = Rng::new(9);
        let t = "Kommunesektoren trenger sikkerhetspolitisk beredskapsevne og rekrutteringstiltak, «arbeidskraftmangel».";
        for _ in 0..50 {
            let m = add_marks(t, &mut rng, 1.0);
            assert_eq!(pdf::strip_marks(&m), t);
        }
        // The compound joint is always a split point, with or without hyphen.
        let mut seen = [false; 2];
        for seed in 0..20 {
            let m = add_marks("Kommunesektoren", &mut Rng::new(seed), 1.0);
            seen[0] |= m.contains("ne\u{200B}sek");
            seen[1] |= m.contains("ne\u{AD}sek");
        }
        assert_eq!(seen, [true, true]);
    }

    #[test]
    fn html_has_navigation_and_escaped_text() {
        let h = to_html(&doc(), "Innsyn");
        assert!(h.contains("<nav class=\"hovedmeny\">"));
        assert!(h.contains("debatthefte &amp; «Tid"));
        assert!(h.contains(
            "<ul>\n<li>realistiske øvelser</li>\n<li>nødstrøm og reservevann</li>\n</ul>"
        ));
        assert!(h.contains("content=\"Eksempeldata: fiktiv kommune\""));
    }

    #[test]
    fn docx_is_a_zip_with_the_parts_word_needs() {
        let d = to_docx(&doc(), true);
        assert!(d.starts_with(b"PK\x03\x04"));
        let s = String::from_utf8_lossy(&d);
        for part in [
            "[Content_Types].xml",
            "word/document.xml",
            "docProps/core.xml",
            "w:numId w:val=\"1\"",
        ] {
            assert!(s.contains(part), "{part}");
        }
        assert_eq!(to_docx(&doc(), true), d);
    }

    #[test]
    fn clean_text_puts_bullets_on_their_own_lines() {
        let t = to_clean_text(&doc(), "-");
        assert!(t.starts_with("Nordvik kommune\n\n"), "{t}");
        assert!(
            t.contains("\n- realistiske øvelser\n- nødstrøm og reservevann\n\nKS spør"),
            "{t}"
        );
    }
}
