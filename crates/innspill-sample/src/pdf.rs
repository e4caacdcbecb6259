//! A small writer of text PDFs that look like municipal case documents.
//!
//! Pages of [`Line`]s with an optional running header and footer are written with the
//! standard Type1 font Helvetica (regular and bold) in `WinAnsiEncoding`, so that `æøå`,
//! `«»`, `–`, `’` and `•` come out right in any extractor without embedding a font.
//!
//! [`Layout`] turns [`Block`]s (headings, paragraphs, bullets, verbatim lines) into pages,
//! wrapping lines by Helvetica's glyph widths. Two invisible marks in the input text say
//! where a word may be split over a line end, the way municipal PDFs are:
//!
//! - U+00AD SOFT HYPHEN: split with a visible hyphen (`sikker-` / `hetspolitisk`);
//! - U+200B ZERO WIDTH SPACE: split without one (`Kommune` / `sektoren`).
//!
//! Marks that are not used for a split are dropped, so the logical text of a paragraph is
//! its input text with the marks removed (see [`strip_marks`]).
//!
//! [`write_scanned`] writes a PDF of page images with no text layer at all, the way a
//! scanned letter arrives.
//!
//! # Example
//!
//! ```
//! use innspill_sample::pdf::{Block, Layout, PdfInfo};
//!
//! let blocks = vec![
//!     Block::heading("3. Beredskap må integreres i velferdspolitikken"),
//!     Block::paragraph("Som øykommune er kommunen særlig sårbar i krise- og \
//!                       beredskaps\u{200B}situasjoner."),
//!     Block::bullet("realistiske øvelser tilpasset kommunens størrelse"),
//! ];
//! let layout = Layout::default();
//! let pages = layout.paginate(&blocks, |n, of| {
//!     (Some("Eksempeldata: fiktiv kommune".to_string()), Some(format!("Side {n} av {of}")))
//! });
//! let info = PdfInfo { title: Some("Uttalelse".into()), ..PdfInfo::default() };
//! let bytes = innspill_sample::pdf::write(&pages, &info).unwrap();
//! assert!(bytes.starts_with(b"%PDF-1.5"));
//! ```

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

use crate::error::Error;

/// Soft hyphen: a split point shown with a hyphen at the line end.
pub const SOFT_HYPHEN: char = '\u{00AD}';
/// Zero width space: a split point shown without a hyphen.
pub const SPLIT_MARK: char = '\u{200B}';

/// A4 width in points.
pub const A4_WIDTH: f32 = 595.0;
/// A4 height in points.
pub const A4_HEIGHT: f32 = 842.0;

/// The two faces of Helvetica used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
}

/// One line of text on a page, positioned by the page's line grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text as shown (no marks); empty for a blank line.
    pub text: String,
    /// Font face.
    pub font: Font,
    /// Font size in points.
    pub size: f32,
    /// Left indent in points from the margin.
    pub indent: f32,
}

impl Line {
    /// A body line in 10.5 pt Helvetica.
    pub fn body(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            font: Font::Regular,
            size: 10.5,
            indent: 0.0,
        }
    }

    /// A blank line.
    pub fn blank() -> Line {
        Line::body("")
    }
}

/// One page: a header line, the body lines and a footer line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Running header at the top, if any.
    pub header: Option<String>,
    /// Body lines, top to bottom.
    pub lines: Vec<Line>,
    /// Running footer at the bottom, if any.
    pub footer: Option<String>,
}

/// Document information dictionary entries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfInfo {
    /// `/Title`.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// `/Subject`.
    pub subject: Option<String>,
    /// `/Keywords`.
    pub keywords: Option<String>,
    /// `/Creator`.
    pub creator: Option<String>,
}

/// What a [`Block`] is, which decides its font, spacing and indent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading in bold, with a blank line before it.
    Heading,
    /// A wrapped body paragraph followed by a blank line.
    Paragraph,
    /// A bullet item `• text` with a hanging indent, no blank line after.
    Bullet,
    /// A numbered item `n. text` with a hanging indent, no blank line after.
    Numbered(u32),
    /// A list item with its own marker (`–`, `-`, `a)`), hanging indent, no blank line after.
    Marked(String),
    /// Lines written exactly as given (split on `\n`), never re-wrapped: quoted pages.
    Verbatim,
    /// A single blank line.
    Space,
    /// Forces the next block onto a new page.
    PageBreak,
}

/// A unit of text for [`Layout::paginate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its text, possibly with [`SOFT_HYPHEN`] and [`SPLIT_MARK`] split points.
    pub text: String,
}

impl Block {
    /// A heading.
    pub fn heading(text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Heading,
            text: text.into(),
        }
    }
    /// A paragraph.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }
    /// A bullet item.
    pub fn bullet(text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Bullet,
            text: text.into(),
        }
    }
    /// A numbered item.
    pub fn numbered(n: u32, text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Numbered(n),
            text: text.into(),
        }
    }
    /// A list item with its own marker.
    pub fn marked(marker: impl Into<String>, text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Marked(marker.into()),
            text: text.into(),
        }
    }
    /// Verbatim lines.
    pub fn verbatim(text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Verbatim,
            text: text.into(),
        }
    }
    /// A blank line.
    pub fn space() -> Block {
        Block {
            kind: BlockKind::Space,
            text: String::new(),
        }
    }
    /// A page break.
    pub fn page_break() -> Block {
        Block {
            kind: BlockKind::PageBreak,
            text: String::new(),
        }
    }
}

/// Page geometry and type sizes for [`Layout::paginate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Width of the text column in points. By default, 450 (A4 with 72 pt margins).
    pub width: f32,
    /// Body lines per page. By default, 52.
    pub lines_per_page: usize,
    /// Body font size. By default, 10.5 pt.
    pub body_size: f32,
    /// Heading font size. By default, 12 pt.
    pub heading_size: f32,
    /// Hanging indent of bullets and numbered items. By default, 14 pt.
    pub item_indent: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            width: 450.0,
            lines_per_page: 52,
            body_size: 10.5,
            heading_size: 12.0,
            item_indent: 14.0,
        }
    }
}

impl Layout {
    /// Lay `blocks` out on pages; `running(page, of)` gives each page's header and footer
    /// (1-based page number and page count).
    pub fn paginate<F>(&self, blocks: &[Block], running: F) -> Vec<Page>
    where
        F: Fn(usize, usize) -> (Option<String>, Option<String>),
    {
        let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
        let push = |pages: &mut Vec<Vec<Line>>, line: Line| {
            if pages.last().is_some_and(|p| p.len() >= self.lines_per_page) {
                pages.push(Vec::new());
            }
            let page = pages.last_mut().expect("at least one page");
            // No blank lines at the top of a page.
            if line.text.is_empty() && page.is_empty() {
                return;
            }
            page.push(line);
        };
        let mut last_was_item = false;
        for block in blocks {
            let is_item = matches!(
                block.kind,
                BlockKind::Bullet | BlockKind::Numbered(_) | BlockKind::Marked(_)
            );
            // A list ends with a blank line, as a paragraph does.
            if last_was_item && matches!(block.kind, BlockKind::Paragraph | BlockKind::Verbatim) {
                push(&mut pages, Line::blank());
            }
            last_was_item = is_item;
            match &block.kind {
                BlockKind::PageBreak => {
                    if pages.last().is_some_and(|p| !p.is_empty()) {
                        pages.push(Vec::new());
                    }
                }
                BlockKind::Space => push(&mut pages, Line::blank()),
                BlockKind::Heading => {
                    push(&mut pages, Line::blank());
                    // Keep a heading with at least two lines of what follows.
                    if pages
                        .last()
                        .is_some_and(|p| p.len() + 3 > self.lines_per_page)
                    {
                        pages.push(Vec::new());
                    }
                    for l in wrap(&block.text, self.width, self.heading_size, Font::Bold) {
                        push(
                            &mut pages,
                            Line {
                                text: l,
                                font: Font::Bold,
                                size: self.heading_size,
                                indent: 0.0,
                            },
                        );
                    }
                    push(&mut pages, Line::blank());
                }
                BlockKind::Paragraph => {
                    for l in wrap(&block.text, self.width, self.body_size, Font::Regular) {
                        push(
                            &mut pages,
                            Line {
                                size: self.body_size,
                                ..Line::body(l)
                            },
                        );
                    }
                    push(&mut pages, Line::blank());
                }
                BlockKind::Bullet | BlockKind::Numbered(_) | BlockKind::Marked(_) => {
                    let marker = match &block.kind {
                        BlockKind::Numbered(n) => format!("{n}."),
                        BlockKind::Marked(m) => m.clone(),
                        _ => "•".to_string(),
                    };
                    let lines = wrap(
                        &block.text,
                        self.width - self.item_indent,
                        self.body_size,
                        Font::Regular,
                    );
                    for (i, l) in lines.into_iter().enumerate() {
                        let text = if i == 0 { format!("{marker} {l}") } else { l };
                        let indent = if i == 0 { 0.0 } else { self.item_indent };
                        push(
                            &mut pages,
                            Line {
                                text,
                                font: Font::Regular,
                                size: self.body_size,
                                indent,
                            },
                        );
                    }
                }
                BlockKind::Verbatim => {
                    for l in block.text.split('\n') {
                        push(
                            &mut pages,
                            Line {
                                size: self.body_size,
                                ..Line::body(strip_marks(l))
                            },
                        );
                    }
                }
            }
        }
        // Drop trailing blank lines and empty pages.
        for p in &mut pages {
            while p.last().is_some_and(|l| l.text.is_empty()) {
                p.pop();
            }
        }
        pages.retain(|p| !p.is_empty());
        if pages.is_empty() {
            pages.push(Vec::new());
        }
        let of = pages.len();
        pages
            .into_iter()
            .enumerate()
            .map(|(i, lines)| {
                let (header, footer) = running(i + 1, of);
                Page {
                    header,
                    lines,
                    footer,
                }
            })
            .collect()
    }
}

/// The text with the split marks [`SOFT_HYPHEN`] and [`SPLIT_MARK`] removed.
pub fn strip_marks(text: &str) -> String {
    text.chars()
        .filter(|&c| c != SOFT_HYPHEN && c != SPLIT_MARK)
        .collect()
}

/// Width of `text` in points in Helvetica at `size` (marks count as zero).
pub fn text_width(text: &str, size: f32, font: Font) -> f32 {
    let units: u32 = text.chars().map(glyph_width).sum();
    let units = units as f32 * if font == Font::Bold { 1.06 } else { 1.0 };
    units * size / 1000.0
}

/// Wrap `text` into lines no wider than `width` points, splitting long words at their
/// marks where that fills the line better. Lines carry no marks.
pub fn wrap(text: &str, width: f32, size: f32, font: Font) -> Vec<String> {
    let space = text_width(" ", size, font);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0f32;
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let plain = strip_marks(&word);
            let w = text_width(&plain, size, font);
            let lead = if cur.is_empty() { 0.0 } else { space };
            if cur_w + lead + w <= width {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(&plain);
                cur_w += lead + w;
                break;
            }
            // Try the longest split of the word that fits in the rest of the line.
            let room = width - cur_w - lead;
            match best_split(&word, room, size, font) {
                Some((head, tail)) => {
                    if !cur.is_empty() {
                        cur.push(' ');
                    }
                    cur.push_str(&head);
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0.0;
                    word = tail;
                }
                None if cur.is_empty() => {
                    // A word wider than the line: it overflows on its own line.
                    lines.push(plain);
                    break;
                }
                None => {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0.0;
                }
            }
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The longest head (with its hyphen if split at a soft hyphen) of `word` that fits in
/// `room`, and the rest of the word with its remaining marks.
fn best_split(word: &str, room: f32, size: f32, font: Font) -> Option<(String, String)> {
    let mut best = None;
    for (i, c) in word.char_indices() {
        if c != SOFT_HYPHEN && c != SPLIT_MARK {
            continue;
        }
        let mut head = strip_marks(&word[..i]);
        if c == SOFT_HYPHEN && !head.ends_with('-') {
            head.push('-');
        }
        if head.chars().count() < 3 {
            continue;
        }
        if text_width(&head, size, font) <= room {
            best = Some((head, word[i + c.len_utf8()..].to_string()));
        }
    }
    best
}

/// Helvetica advance widths (AFM units per 1000 em).
fn glyph_width(c: char) -> u32 {
    const ASCII: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584,
    ];
    match c {
        SOFT_HYPHEN | SPLIT_MARK => 0,
        ' '..='~' => u32::from(ASCII[c as usize - 32]),
        'æ' => 889,
        'Æ' => 1000,
        'ø' => 611,
        'Ø' | 'Å' => 778,
        '—' | '…' => 1000,
        '’' | '‘' => 222,
        '“' | '”' => 333,
        '•' => 350,
        _ => 556,
    }
}

/// Encode `text` in WinAnsiEncoding (Windows-1252), failing on characters it lacks.
pub fn winansi(text: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(text.len());
    for ch in text.chars() {
        let b = match ch {
            SOFT_HYPHEN | SPLIT_MARK => continue,
            '\u{20}'..='\u{7E}' => ch as u8,
            '\u{A0}'..='\u{FF}' => ch as u32 as u8,
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            'Š' => 0x8A,
            'š' => 0x9A,
            'Ž' => 0x8E,
            'ž' => 0x9E,
            '\t' => b' ',
            '\n' | '\r' | '\u{C}' => ch as u8,
            _ => {
                return Err(Error::Unencodable {
                    ch,
                    code: ch as u32,
                    text: text.chars().take(60).collect(),
                });
            }
        };
        out.push(b);
    }
    Ok(out)
}

/// Replace the characters that WinAnsiEncoding lacks by their nearest ASCII forms
/// (`‑` → `-`, `→` → `->`, tab → space, anything else → `?`), so that quoted text can be
/// written.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch == '\t' {
            out.push(' ');
            continue;
        }
        if winansi(ch.encode_utf8(&mut [0; 4])).is_ok() {
            out.push(ch);
            continue;
        }
        match ch {
            '\u{2010}' | '\u{2011}' | '\u{2012}' => out.push('-'),
            '→' => out.push_str("->"),
            '\u{202F}' | '\u{2009}' => out.push(' '),
            _ => out.push('?'),
        }
    }
    out
}

fn pdf_string(text: &str) -> Result<Object, Error> {
    Ok(Object::String(winansi(text)?, StringFormat::Literal))
}

/// A text string for the information dictionary: UTF-16BE with a byte-order mark (text
/// strings there are PDFDocEncoding or UTF-16, not the font's WinAnsiEncoding).
fn info_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn info_dict(info: &PdfInfo) -> Dictionary {
    let mut d = Dictionary::new();
    let fields = [
        ("Title", &info.title),
        ("Author", &info.author),
        ("Subject", &info.subject),
        ("Keywords", &info.keywords),
        ("Creator", &info.creator),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            d.set(key, info_string(v));
        }
    }
    d.set("Producer", info_string("innspill-sample (lopdf)"));
    d
}

fn text_op(
    ops: &mut Vec<Operation>,
    font: Font,
    size: f32,
    x: f32,
    y: f32,
    text: &str,
) -> Result<(), Error> {
    let face = match font {
        Font::Regular => "F1",
        Font::Bold => "F2",
    };
    ops.push(Operation::new("BT", vec![]));
    ops.push(Operation::new("Tf", vec![face.into(), size.into()]));
    ops.push(Operation::new("Td", vec![x.into(), y.into()]));
    ops.push(Operation::new("Tj", vec![pdf_string(text)?]));
    ops.push(Operation::new("ET", vec![]));
    Ok(())
}

/// Write `pages` as a PDF 1.5 with compressed content streams.
pub fn write(pages: &[Page], info: &PdfInfo) -> Result<Vec<u8>, Error> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let regular = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let bold = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
    });
    let left = (A4_WIDTH - 450.0) / 2.0;
    let mut kids = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = Vec::new();
        if let Some(h) = &page.header {
            text_op(&mut ops, Font::Regular, 8.0, left, A4_HEIGHT - 40.0, h)?;
        }
        let top = A4_HEIGHT - 72.0;
        let leading = 13.0;
        for (i, line) in page.lines.iter().enumerate() {
            if line.text.is_empty() {
                continue;
            }
            let y = top - leading * i as f32;
            text_op(
                &mut ops,
                line.font,
                line.size,
                left + line.indent,
                y,
                &line.text,
            )?;
        }
        if let Some(f) = &page.footer {
            text_op(&mut ops, Font::Regular, 8.0, left, 36.0, f)?;
        }
        let content = Content { operations: ops }
            .encode()
            .map_err(|e| Error::Pdf(e.to_string()))?;
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    finish(doc, pages_id, kids, resources, info)
}

fn finish(
    mut doc: Document,
    pages_id: lopdf::ObjectId,
    kids: Vec<Object>,
    resources: lopdf::ObjectId,
    info: &PdfInfo,
) -> Result<Vec<u8>, Error> {
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), A4_WIDTH.into(), A4_HEIGHT.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info_id = doc.add_object(info_dict(info));
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info_id);
    compress_streams(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(out)
}

/// Compress every stream with zlib at level 9 through `miniz_oxide` itself rather than
/// lopdf's `Document::compress`: that goes through flate2, whose backend (miniz_oxide or
/// zlib-rs, which give different bytes) depends on the features other crates of the same
/// build enable. The committed corpus must be byte-identical however the generator is
/// built (`cargo test -p innspill-sample` or `cargo test --workspace`).
fn compress_streams(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&stream.content, 9);
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

/// Write a PDF of `pages` page images with no text layer (a scan). The images are grey
/// stripes like lines of type, varied by `seed`.
pub fn write_scanned(pages: usize, seed: u64, info: &PdfInfo) -> Result<Vec<u8>, Error> {
    const W: usize = 248;
    const H: usize = 351;
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let resources = doc.add_object(dictionary! {});
    let mut kids = Vec::new();
    let mut rng = crate::rng::Rng::new(seed);
    for _ in 0..pages.max(1) {
        let mut px = vec![250u8; W * H];
        let mut y = 30;
        while y + 4 < H - 30 {
            let len = 120 + rng.below(100) as usize;
            for row in y..y + 3 {
                for x in 25..25 + len.min(W - 50) {
                    if rng.below(5) != 0 {
                        px[row * W + x] = 40 + rng.below(60) as u8;
                    }
                }
            }
            y += 7 + rng.below(2) as usize * 4;
        }
        let image = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => W as i64,
                "Height" => H as i64, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            px,
        ));
        let ops = vec![
            Operation::new("q", vec![]),
            Operation::new(
                "cm",
                vec![
                    A4_WIDTH.into(),
                    0.into(),
                    0.into(),
                    A4_HEIGHT.into(),
                    0.into(),
                    0.into(),
                ],
            ),
            Operation::new("Do", vec!["Im1".into()]),
            Operation::new("Q", vec![]),
        ];
        let content = Content { operations: ops }
            .encode()
            .map_err(|e| Error::Pdf(e.to_string()))?;
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
        });
        kids.push(page_id.into());
    }
    finish(doc, pages_id, kids, resources, info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_pages() -> Vec<Page> {
        let blocks = vec![
            Block::heading("Uttalelse fra Nordvik kommune – KS debatthefte 2026"),
            Block::paragraph(format!(
                "Kommunestyret viser til KS’ debatthefte «Tid for taktskifte». Kommunen har \
                 begrenset administrativ kapasitet, små fagmiljøer og særskilt sårbarhet knyttet \
                 til transport, personell og beredskap, og den sikker{SOFT_HYPHEN}hetspolitiske \
                 situasjonen krever at hele kommune{SPLIT_MARK}sektoren øver mer."
            )),
            Block::bullet(
                "systematisk arbeid for å redusere sykefravær og forebygge slitasje på nøkkelpersonell",
            ),
            Block::numbered(2, "Arbeidskraft er den største begrensningen"),
        ];
        Layout::default().paginate(&blocks, |n, of| {
            (
                Some("Eksempeldata: fiktiv kommune".into()),
                Some(format!("Side {n} av {of}")),
            )
        })
    }

    #[test]
    fn winansi_covers_norwegian_typography() {
        let b = winansi("æøåÆØÅ«»–’•…").unwrap();
        assert_eq!(
            b,
            vec![
                0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, 0xAB, 0xBB, 0x96, 0x92, 0x95, 0x85
            ]
        );
        let err = winansi("Porsáŋgu").unwrap_err().to_string();
        assert!(err.contains("U+014B"), "{err}");
    }

    #[test]
    fn sanitize_keeps_what_winansi_can_show() {
        assert_eq!(
            sanitize("levekårs\u{2011} utfordringer → «tiltak»\tKS’"),
            "levekårs- utfordringer -> «tiltak» KS’"
        );
        assert!(winansi(&sanitize("Porsáŋgu")).is_ok());
    }

    #[test]
    fn wrap_splits_at_marks_with_and_without_hyphen() {
        let t = format!("aaaa bbbb sikker{SOFT_HYPHEN}hetspolitisk");
        let w = text_width("aaaa bbbb sikker-", 10.0, Font::Regular) + 1.0;
        assert_eq!(
            wrap(&t, w, 10.0, Font::Regular),
            vec!["aaaa bbbb sikker-", "hetspolitisk"]
        );
        let t = format!("aaaa bbbb Kommune{SPLIT_MARK}sektoren");
        let w = text_width("aaaa bbbb Kommune", 10.0, Font::Regular) + 1.0;
        assert_eq!(
            wrap(&t, w, 10.0, Font::Regular),
            vec!["aaaa bbbb Kommune", "sektoren"]
        );
        // Unused marks vanish.
        assert_eq!(
            wrap(&t, 1000.0, 10.0, Font::Regular),
            vec!["aaaa bbbb Kommunesektoren"]
        );
    }

    #[test]
    fn wrapped_lines_rejoin_to_the_text() {
        let text = "Kommunestyret mener at statlig detaljstyring og like krav til kommuner med svært \
                    ulike forutsetninger svekker det lokale handlingsrommet.";
        for width in [80.0, 150.0, 300.0] {
            let lines = wrap(text, width, 10.5, Font::Regular);
            assert_eq!(lines.join(" "), text);
            for l in &lines {
                assert!(
                    text_width(l, 10.5, Font::Regular) <= width || !l.contains(' '),
                    "{l}"
                );
            }
        }
    }

    #[test]
    fn pdf_is_deterministic_and_extracts() {
        let pages = sample_pages();
        let info = PdfInfo {
            subject: Some("Eksempeldata: fiktiv kommune".into()),
            ..Default::default()
        };
        let a = write(&pages, &info).unwrap();
        let b = write(&pages, &info).unwrap();
        assert_eq!(a, b);
        let doc = Document::load_mem(&a).unwrap();
        assert_eq!(doc.get_pages().len(), pages.len());
        let text = doc.extract_text(&[1]).unwrap();
        assert!(text.contains("Eksempeldata: fiktiv kommune"), "{text}");
        assert!(
            text.contains("KS’ debatthefte «Tid for taktskifte»"),
            "{text}"
        );
        assert!(text.contains("• systematisk arbeid"), "{text}");
        assert!(text.contains("Side 1 av 1"), "{text}");
    }

    #[test]
    fn long_text_makes_several_pages_with_running_lines() {
        let blocks: Vec<Block> = (0..80)
            .map(|i| Block::paragraph(format!("Avsnitt {i} om beredskap og øvelser i kommunen.")))
            .collect();
        let pages =
            Layout::default().paginate(&blocks, |n, of| (None, Some(format!("Side {n} av {of}"))));
        assert!(pages.len() >= 3);
        assert_eq!(
            pages[2].footer.as_deref(),
            Some(format!("Side 3 av {}", pages.len()).as_str())
        );
        assert!(pages.iter().all(|p| p.lines.len() <= 52));
        let bytes = write(&pages, &PdfInfo::default()).unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), pages.len());
    }

    #[test]
    fn a_list_is_followed_by_a_blank_line() {
        let blocks = vec![
            Block::paragraph("Kommunestyret vil prioritere:"),
            Block::bullet("øvelser"),
            Block::bullet("nødstrøm"),
            Block::paragraph("Staten må ta ansvar."),
        ];
        let pages = Layout::default().paginate(&blocks, |_, _| (None, None));
        let texts: Vec<&str> = pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Kommunestyret vil prioritere:",
                "",
                "• øvelser",
                "• nødstrøm",
                "",
                "Staten må ta ansvar."
            ]
        );
    }

    #[test]
    fn scanned_pdf_has_no_text() {
        let bytes = write_scanned(2, 7, &PdfInfo::default()).unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 2);
        let text = doc.extract_text(&[1, 2]).unwrap_or_default();
        assert!(text.trim().is_empty(), "{text:?}");
    }
}
