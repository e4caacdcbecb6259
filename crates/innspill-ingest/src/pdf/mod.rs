//! PDF to lines, with lopdf for the file and our own layout for the text.
//!
//! lopdf parses the file (and decrypts it when the user password is empty, as archive
//! copies often are); the rest is ours, because no PDF crate measured here reads real
//! producers' files well enough (see `ARCHITECTURE.md`, «Reading PDFs»):
//!
//! 1. [`content`]: each page's content stream (and its Form XObjects) to positioned
//!    glyphs, through each font's ToUnicode map or encoding and its widths ([`font`]);
//! 2. [`page`]: glyphs to words, lines and columns in reading order, by geometry;
//! 3. here: running headers and footers found as lines repeated at the same height at
//!    the top or bottom of the pages (page numbers varying), page labels, tagged
//!    artifacts and text along the margin set apart as page furniture; paragraph breaks
//!    from the space between lines, a change of size, a short last line; a paragraph that
//!    runs on over a column or page break (its last line full) continued there;
//!    headings from a larger font size;
//! 4. the text checked: letters that a broken ToUnicode shifted into CJK (Ghostscript
//!    writes ligatures so) are read back and reported, unreadable words are counted and
//!    reported when they are more than a few per cent, and page labels out of order are
//!    reported.
//!
//! The body text comes first, in reading order, so that words split over line, column
//! and page ends sit next to each other for [`innspill_norsk::dehyphenate`]; the page
//! furniture follows, each line with its page, for the `other` segment. Line-end hyphens
//! are kept as in the PDF for the Norwegian rules to decide.
//!
//! Damaged files must not take the run down: parsing runs under `catch_unwind`, and
//! every failure becomes a specific [`InputError`].

mod content;
mod font;
mod ocr;
mod page;
#[rustfmt::skip]
mod std14;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Document, Object};

use crate::{
    error::InputError,
    layout::is_page_label,
    raw::{Hint, RawText},
};
use page::PageLine;

pub(crate) use ocr::Tesseract;

/// Read the text layer of a PDF.
pub(crate) fn read_pdf(
    bytes: &[u8],
    tesseract: Option<&Tesseract>,
) -> Result<(RawText, Vec<String>), InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(InputError::PdfCorrupt {
            detail: "no %PDF- header".to_string(),
        });
    }
    match catch_unwind(AssertUnwindSafe(|| read_inner(bytes, tesseract))) {
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

/// One page laid out.
#[derive(Debug, Default)]
struct Page {
    lines: Vec<PageLine>,
    /// `[x0, y0, x1, y1]` of the page (CropBox, else MediaBox).
    bbox: [f32; 4],
    /// The largest image, when it covers much of the page (a scan).
    scan: Option<content::ImageUse>,
}

fn read_inner(
    bytes: &[u8],
    tesseract: Option<&Tesseract>,
) -> Result<(RawText, Vec<String>), InputError> {
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
    let ids = doc.get_pages();
    if ids.is_empty() {
        return Err(InputError::PdfCorrupt {
            detail: "no pages found (page tree missing or damaged)".to_string(),
        });
    }
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    let mut last_error = String::new();
    let mut fonts = content::Fonts::default();
    let mut pages: Vec<Page> = Vec::with_capacity(ids.len());
    for (&n, &id) in &ids {
        let bbox = page_box(&doc, id);
        match content::read_page(&doc, id, &mut fonts) {
            Ok(c) => {
                let lines = page::lines(&c);
                let area = |b: &[f32; 4]| (b[2] - b[0]).max(0.0) * (b[3] - b[1]).max(0.0);
                let scan = c
                    .images
                    .iter()
                    .max_by(|a, b| area(&a.bbox).total_cmp(&area(&b.bbox)))
                    .filter(|i| lines.is_empty() && area(&i.bbox) >= 0.25 * area(&bbox))
                    .copied();
                pages.push(Page { lines, bbox, scan });
            }
            Err(e) => {
                failed.push(n);
                last_error = e;
                pages.push(Page {
                    lines: Vec::new(),
                    bbox,
                    scan: None,
                });
            }
        }
    }
    let n_pages = pages.len() as u32;
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
    let ocr = read_scans(&doc, &mut pages, tesseract, &mut warnings)?;
    let mut raw = assemble(&mut pages, &mut warnings);
    raw.pages = Some(n_pages);
    raw.ocr = ocr;
    raw.visible_breaks = true;
    raw.trim_trailing_blank_lines();
    if !raw.has_words() {
        return Err(InputError::PdfNoTextNoImages { pages: n_pages });
    }
    check_text(&mut raw, &mut warnings);
    if std::env::var_os("INNSPILL_PDF_DEBUG").is_some() {
        for (i, l) in raw.lines.iter().enumerate() {
            eprintln!("raw {:?} {:?} {}", l.page, l.hint, raw.line(i));
        }
    }
    Ok((raw, warnings))
}

/// OCR the pages that are images only, where Tesseract is at hand.
fn read_scans(
    doc: &Document,
    pages: &mut [Page],
    tesseract: Option<&Tesseract>,
    warnings: &mut Vec<String>,
) -> Result<Option<innspill_model::Ocr>, InputError> {
    let scanned: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].scan.is_some())
        .collect();
    let n_pages = pages.len() as u32;
    let all_scanned = pages.iter().all(|p| p.lines.is_empty());
    if scanned.is_empty() {
        return Ok(None);
    }
    let Some(t) = tesseract else {
        if all_scanned {
            return Err(InputError::PdfNoText { pages: n_pages });
        }
        warnings.push(format!(
            "{} of {n_pages} pages are page images without text (scanned) and were not read: \
             OCR needs Tesseract with Norwegian data (`apt-get install tesseract-ocr tesseract-ocr-nor`)",
            scanned.len()
        ));
        return Ok(None);
    };
    let mut read = Vec::new();
    let mut failed: Vec<(u32, String)> = Vec::new();
    let mut confidence = Vec::new();
    for &i in &scanned {
        let image = pages[i].scan.expect("scanned pages have an image");
        match t.page(doc, &image) {
            Ok(mut lines) => {
                // Word boxes vary with ascenders and descenders: one size for the page's
                // running text, larger lines (headings) kept larger.
                let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
                sizes.sort_by(f32::total_cmp);
                if let Some(&median) = sizes.get(sizes.len() / 2) {
                    for l in &mut lines {
                        l.size = if l.size >= 1.3 * median {
                            l.size.round()
                        } else {
                            median.round()
                        };
                    }
                }
                // A bullet is read as `e`, `6`, `©`, `o`, often with a dash after it: at
                // the start of an indented line, it is a bullet.
                let left = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
                for l in &mut lines {
                    if l.x0 > left + 0.5 * l.size {
                        l.text = ocr_bullet(&l.text);
                    }
                }
                confidence.extend(lines.iter().filter_map(|l| l.confidence));
                if !lines.is_empty() {
                    read.push(i as u32 + 1);
                }
                pages[i].lines = lines;
            }
            Err(e) => failed.push((i as u32 + 1, e)),
        }
    }
    let mean = confidence.iter().sum::<f32>() / confidence.len().max(1) as f32;
    let words: usize = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.split_whitespace().count())
        .sum();
    if all_scanned && (read.is_empty() || words < 5 || mean < 0.3) {
        let detail = match failed.first() {
            Some((p, e)) if read.is_empty() => format!("page {p}: {e}"),
            _ => format!(
                "{} by {}: {words} words, mean confidence {:.0} %",
                if read.is_empty() {
                    "nothing read"
                } else {
                    "too little read"
                },
                t.version,
                mean * 100.0
            ),
        };
        return Err(InputError::PdfOcrFailed {
            pages: n_pages,
            detail,
        });
    }
    if !failed.is_empty() {
        warnings.push(format!(
            "OCR failed on {} scanned pages ({})",
            failed.len(),
            failed
                .iter()
                .map(|(p, e)| format!("page {p}: {e}"))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    if read.is_empty() {
        return Ok(None);
    }
    warnings.push(format!(
        "{} of {n_pages} pages read by OCR ({}, Norwegian), mean word confidence {:.0} %: \
         words may be misread; check quotes from this file against the PDF",
        read.len(),
        t.version,
        mean * 100.0
    ));
    Ok(Some(innspill_model::Ocr {
        engine: format!("{} (nor)", t.version),
        pages: read,
        confidence: (mean * 1000.0).round() / 1000.0,
    }))
}

/// `e — tekst`, `6 tekst`, `— tekst` as OCR reads a bullet: `• tekst`.
fn ocr_bullet(text: &str) -> String {
    let mut words = text.split(' ');
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    let dash = |w: &str| matches!(w, "—" | "–" | "-" | "+" | "*");
    let marker = matches!(
        first,
        "e" | "6" | "©" | "®" | "°" | "¢" | "o" | "«" | "»" | "*" | "+"
    );
    let (skip, is_bullet) = match (marker, rest.first()) {
        (true, Some(w)) if dash(w) => (1, rest.len() > 1),
        (true, Some(_)) => (0, true),
        (false, Some(_)) if dash(first) => (0, true),
        _ => (0, false),
    };
    if !is_bullet {
        return text.to_string();
    }
    format!("• {}", rest[skip..].join(" "))
}

fn page_box(doc: &Document, id: lopdf::ObjectId) -> [f32; 4] {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(d) = node else { break };
        for key in [&b"CropBox"[..], b"MediaBox"] {
            if let Ok(a) = d
                .get(key)
                .and_then(|o| doc.dereference(o).map(|(_, o)| o))
                .and_then(Object::as_array)
                && a.len() == 4
            {
                let v: Vec<f32> = a.iter().filter_map(content::num).collect();
                if v.len() == 4 && v.iter().all(|x| x.is_finite()) {
                    return [
                        v[0].min(v[2]),
                        v[1].min(v[3]),
                        v[0].max(v[2]),
                        v[1].max(v[3]),
                    ];
                }
            }
        }
        node = d
            .get(b"Parent")
            .and_then(Object::as_reference)
            .ok()
            .and_then(|p| doc.get_dictionary(p).ok());
    }
    [0.0, 0.0, 595.0, 842.0]
}

/// A line's text for comparing running lines across pages: lower case, every run of
/// digits one `#`, whitespace collapsed.
fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digit = false;
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            if !digit {
                out.push('#');
            }
            digit = true;
            continue;
        }
        digit = false;
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Which lines of each page are page furniture: running headers and footers, page
/// labels, tagged artifacts near the edge, text not upright.
fn furniture(pages: &[Page]) -> Vec<Vec<bool>> {
    // The top and bottom three lines of each page are candidates.
    let candidates: Vec<Vec<usize>> = pages
        .iter()
        .map(|p| {
            let mut idx: Vec<usize> = (0..p.lines.len())
                .filter(|&i| !p.lines[i].rotated)
                .collect();
            idx.sort_by(|&a, &b| p.lines[b].y.total_cmp(&p.lines[a].y));
            let mut c: Vec<usize> = idx.iter().take(3).copied().collect();
            c.extend(
                idx.iter()
                    .rev()
                    .take(3)
                    .copied()
                    .filter(|i| !c.contains(i))
                    .collect::<Vec<_>>(),
            );
            c
        })
        .collect();
    // Shapes seen at about the same height on how many pages.
    let mut seen: HashMap<(String, i32), Vec<usize>> = HashMap::new();
    for (n, (p, c)) in pages.iter().zip(&candidates).enumerate() {
        for &i in c {
            let key = (shape(&p.lines[i].text), (p.lines[i].y / 8.0).round() as i32);
            let pages_seen = seen.entry(key).or_default();
            if pages_seen.last() != Some(&n) {
                pages_seen.push(n);
            }
        }
    }
    let count = |text: &str, y: f32| -> usize {
        let s = shape(text);
        let b = (y / 8.0).round() as i32;
        (b - 1..=b + 1)
            .filter_map(|k| seen.get(&(s.clone(), k)))
            .flatten()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    // A one-page document repeats nothing: there a line alone at the top or bottom edge,
    // in running-text size or smaller and far from the rest, is a header or footer.
    let lone = |p: &Page, c: &[usize], i: usize| -> bool {
        if pages.len() != 1 || p.lines.len() < 4 {
            return false;
        }
        let mut sizes: Vec<f32> = p.lines.iter().map(|l| l.size).collect();
        sizes.sort_by(f32::total_cmp);
        let median = sizes[sizes.len() / 2];
        let mut ys: Vec<f32> = p.lines.iter().filter(|l| !l.rotated).map(|l| l.y).collect();
        ys.sort_by(|a, b| b.total_cmp(a));
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        let mut gaps: Vec<f32> = ys.windows(2).map(|w| w[0] - w[1]).collect();
        gaps.sort_by(f32::total_cmp);
        let pitch = gaps.get(gaps.len() / 4).copied().unwrap_or(median * 1.2);
        let l = &p.lines[i];
        let height = (p.bbox[3] - p.bbox[1]).max(1.0);
        let (first, last) = (
            c.first() == Some(&i),
            ys.last().is_some_and(|&y| (y - l.y).abs() < 1.0),
        );
        let neighbour = if first {
            ys.get(1)
        } else {
            ys.iter().rev().nth(1)
        };
        (first || last)
            && l.size <= median * 1.05
            && !l.bold
            && (l.y >= p.bbox[3] - 0.12 * height || l.y <= p.bbox[1] + 0.12 * height)
            && neighbour.is_some_and(|&y| (y - l.y).abs() >= 2.0 * pitch)
    };
    let need = if pages.len() >= 3 {
        (pages.len() * 2).div_ceil(5)
    } else {
        2
    };
    pages
        .iter()
        .zip(&candidates)
        .map(|(p, c)| {
            (0..p.lines.len())
                .map(|i| {
                    let l = &p.lines[i];
                    l.rotated
                        || (c.contains(&i)
                            && (is_page_label(&l.text)
                                || l.artifact
                                || lone(p, c, i)
                                || (pages.len() >= 2 && count(&l.text, l.y) >= need)))
                })
                .collect()
        })
        .collect()
}

/// The font size of most of the body text.
fn body_size(pages: &[Page], furniture: &[Vec<bool>]) -> f32 {
    let mut by_size: HashMap<i32, usize> = HashMap::new();
    for (p, f) in pages.iter().zip(furniture) {
        for (l, &f) in p.lines.iter().zip(f) {
            if !f {
                *by_size.entry((l.size * 2.0).round() as i32).or_default() += l.text.len();
            }
        }
    }
    by_size
        .into_iter()
        .max_by_key(|&(s, n)| (n, -s))
        .map_or(10.0, |(s, _)| s as f32 / 2.0)
}

/// The usual distance between the baselines of a page's running text.
fn line_pitch(lines: &[&PageLine], body: f32) -> f32 {
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[0].block == w[1].block && (w[0].size - w[1].size).abs() < 0.5)
        .map(|w| w[0].y - w[1].y)
        .filter(|&g| g > 0.9 * body && g < 2.2 * body)
        .collect();
    gaps.sort_by(f32::total_cmp);
    // The lower quartile: paragraph spacing must not count as line spacing.
    gaps.get(gaps.len() / 4).copied().unwrap_or(1.2 * body)
}

/// A line too short to tell whether text is justified (a heading, a list marker).
fn l_is_short_text(text: &str) -> bool {
    text.chars().count() < 30
}

fn is_heading_size(l: &PageLine, body: f32) -> bool {
    l.size >= 1.12 * body
}

/// Pages of lines to the document's text: body in reading order, then the furniture.
fn assemble(pages: &mut [Page], warnings: &mut Vec<String>) -> RawText {
    let furniture = furniture(pages);
    let body = body_size(pages, &furniture);
    // Each block's extent from its body lines (a running header can be wider).
    for (p, f) in pages.iter_mut().zip(&furniture) {
        let mut extent: HashMap<u32, [f32; 2]> = HashMap::new();
        for (l, _) in p.lines.iter().zip(f).filter(|(_, f)| !**f) {
            let e = extent
                .entry(l.block)
                .or_insert([f32::INFINITY, f32::NEG_INFINITY]);
            e[0] = e[0].min(l.x0);
            e[1] = e[1].max(l.x1);
        }
        for l in &mut p.lines {
            if let Some(e) = extent.get(&l.block) {
                l.column = *e;
            }
        }
    }
    // Justified text: most lines end at the column's right edge, so a line that does
    // not is the last of its paragraph.
    let (mut full, mut all) = (0usize, 0usize);
    for (p, f) in pages.iter().zip(&furniture) {
        for (l, _) in p
            .lines
            .iter()
            .zip(f)
            .filter(|(l, f)| !**f && !l_is_short_text(&l.text))
        {
            all += 1;
            if l.x1 >= l.column[1] - 0.5 * l.size.max(1.0) {
                full += 1;
            }
        }
    }
    // Ragged text has few lines (under a tenth) within half an em of the longest.
    let justified = all >= 10 && full * 100 >= all * 35;
    if std::env::var_os("INNSPILL_PDF_DEBUG").is_some() {
        eprintln!("body size {body}, {full} of {all} lines full: justified {justified}");
    }
    let mut raw = RawText::default();
    let mut prev: Option<(u32, PageLine)> = None;
    let mut page_labels: Vec<(u32, u32)> = Vec::new();
    let mut extra: Vec<(u32, String)> = Vec::new();
    for (n, (p, f)) in pages.iter().zip(&furniture).enumerate() {
        let page_no = n as u32 + 1;
        let lines: Vec<&PageLine> = p
            .lines
            .iter()
            .zip(f)
            .filter(|(_, f)| !**f)
            .map(|(l, _)| l)
            .collect();
        for (l, _) in p.lines.iter().zip(f).filter(|(_, f)| **f) {
            if let Some(k) = label_number(&l.text) {
                page_labels.push((page_no, k));
            }
            extra.push((page_no, l.text.clone()));
        }
        let pitch = line_pitch(&lines, body);
        if std::env::var_os("INNSPILL_PDF_DEBUG").is_some() {
            for l in &lines {
                eprintln!(
                    "p{page_no} b{} x{:.1}-{:.1} col{:.1}-{:.1} y{:.1} s{:.1} pitch{pitch:.1} {}",
                    l.block, l.x0, l.x1, l.column[0], l.column[1], l.y, l.size, l.text
                );
            }
        }
        for l in lines {
            let heading = is_heading_size(l, body);
            let hint = match &prev {
                None => {
                    if heading {
                        Hint::Heading
                    } else {
                        Hint::None
                    }
                }
                Some((q_page, q)) => {
                    let same_flow = q.block == l.block && *q_page == page_no;
                    let q_heading = is_heading_size(q, body);
                    let size_change = (q.size - l.size).abs() > 0.12 * body;
                    if l.cell || q.cell {
                        raw.push_blank(Some(page_no));
                        // A table cell is a paragraph (as DOCX cells are), never a heading.
                        if l.cell { Hint::Paragraph } else { Hint::Break }
                    } else if same_flow {
                        let gap = q.y - l.y;
                        // Headings have more space between their lines.
                        let pitch = pitch * (l.size.max(q.size) / body).max(1.0);
                        // Only justified text says where a paragraph ends by its last
                        // line; ragged text (and text extracted and re-set line by
                        // line, as quotes often are) is left to the text's own signs.
                        let short = justified && q.x1 < q.column[1] - 1.0 * q.size.max(1.0);
                        if gap > 1.35 * pitch
                            || gap < -0.5 * pitch
                            || size_change
                            || (short && !q_heading)
                        {
                            raw.push_blank(Some(page_no));
                            match (heading, justified) {
                                (true, _) => Hint::Heading,
                                (false, true) => Hint::Break,
                                (false, false) => Hint::None,
                            }
                        } else if heading && q_heading {
                            Hint::Continue
                        } else {
                            Hint::None
                        }
                    } else {
                        // A column or page break: the paragraph runs on when its last line
                        // was full and nothing about the next one says otherwise.
                        let full = q.x1
                            >= q.column[1] - if justified { 0.5 } else { 1.5 } * q.size.max(1.0);
                        let listed = crate::layout::marker(l.text.trim_start()).is_some();
                        if full && !size_change && !heading && !q_heading && !listed {
                            Hint::Continue
                        } else {
                            raw.push_blank(Some(page_no));
                            // In justified text a line short of the edge ended its
                            // paragraph; elsewhere the text decides.
                            match (heading, justified) {
                                (true, _) => Hint::Heading,
                                (false, true) => Hint::Break,
                                (false, false) => Hint::None,
                            }
                        }
                    }
                }
            };
            raw.push_line_read(&l.text, Some(page_no), hint, l.confidence);
            prev = Some((page_no, l.clone()));
        }
    }
    // Page labels out of order: the file's pages are not in the order they were printed.
    if page_labels.len() >= 2
        && page_labels
            .windows(2)
            .any(|w| w[1].1 <= w[0].1 && w[1].0 > w[0].0)
    {
        let shown: Vec<String> = page_labels
            .iter()
            .take(12)
            .map(|(_, k)| k.to_string())
            .collect();
        warnings.push(format!(
            "page order looks broken: the page numbers printed on the pages read {} in file order; \
             paragraphs that run over a page break may be joined wrongly",
            shown.join(", ")
        ));
    }
    if !extra.is_empty() {
        raw.push_blank(None);
        for (page_no, text) in extra {
            raw.push_line(&text, Some(page_no), Hint::Furniture);
            raw.push_blank(Some(page_no));
        }
    }
    raw
}

/// The page number a page label gives (`3`, `Side 3 av 14`, `3/14`, `- 3 -`).
fn label_number(text: &str) -> Option<u32> {
    let t = text.trim();
    if !is_page_label(t) {
        // Chromium's footer: `file:///…/x.html 3/14`.
        let last = t.rsplit(char::is_whitespace).next()?;
        let (a, b) = last.split_once('/')?;
        if a.is_empty() || b.is_empty() || !a.chars().chain(b.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        return a.parse().ok();
    }
    t.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())?
        .parse()
        .ok()
}

/// Characters that a broken ToUnicode shifted by a byte: `U+XX00` for an ASCII letter
/// `XX` (Ghostscript writes the two UTF-16 units of a ligature so: «fl» becomes 昀氀).
fn shifted_letter(c: char) -> Option<char> {
    let u = c as u32;
    let hi = (u >> 8) as u8;
    (u & 0xFF == 0 && (0x4100..=0x7A00).contains(&u) && hi.is_ascii_alphabetic())
        .then_some(hi as char)
}

/// A character that is not readable text here.
fn unreadable(c: char) -> bool {
    let u = c as u32;
    c == '\u{FFFD}'
        || (0xE000..=0xF8FF).contains(&u)
        || (0x2E80..=0x9FFF).contains(&u)
        || (0xAC00..=0xD7AF).contains(&u)
        || (c.is_control() && c != '\t')
}

/// Read back shifted letters, count unreadable words, and warn.
fn check_text(raw: &mut RawText, warnings: &mut Vec<String>) {
    let (mut words, mut bad, mut repaired) = (0usize, 0usize, 0usize);
    let (mut examples, mut bad_examples) = (Vec::new(), Vec::new());
    let mut fixed_lines: Vec<String> = Vec::with_capacity(raw.lines.len());
    for i in 0..raw.lines.len() {
        let line = raw.line(i);
        let mut out = String::with_capacity(line.len());
        for (k, word) in line.split(' ').enumerate() {
            if k > 0 {
                out.push(' ');
            }
            let shifted = word.chars().any(|c| c.is_ascii_alphabetic())
                && word.chars().any(|c| shifted_letter(c).is_some());
            let fixed: String = if shifted {
                let f: String = word
                    .chars()
                    .map(|c| shifted_letter(c).unwrap_or(c))
                    .collect();
                repaired += 1;
                if examples.len() < 3 {
                    examples.push(format!("«{word}» → «{f}»"));
                }
                f
            } else {
                word.to_string()
            };
            let unreadable_chars = fixed.chars().any(unreadable);
            if fixed.chars().any(char::is_alphanumeric) || unreadable_chars {
                words += 1;
                if unreadable_chars {
                    bad += 1;
                    if bad_examples.len() < 3 {
                        bad_examples.push(format!("«{fixed}»"));
                    }
                }
            }
            out.push_str(&fixed);
        }
        fixed_lines.push(out);
    }
    if repaired > 0 {
        let old = std::mem::take(raw);
        raw.pages = old.pages;
        raw.ocr = old.ocr;
        raw.visible_breaks = old.visible_breaks;
        for (l, text) in old.lines.iter().zip(&fixed_lines) {
            raw.push_line_read(text, l.page, l.hint, l.confidence);
        }
    }
    let share = |n: usize| 100.0 * n as f64 / words.max(1) as f64;
    if repaired > 0 {
        warnings.push(format!(
            "{repaired} words ({:.1} %) had letters that the PDF's ToUnicode table maps to CJK \
             characters (byte-shifted UTF-16, as Ghostscript writes ligatures such as «ti» and «fl»); \
             they were read back as Latin letters ({}): check quotes from this file against the PDF",
            share(repaired),
            examples.join(", ")
        ));
    }
    if bad > 0 && bad * 100 > words * UNREADABLE_PERCENT {
        warnings.push(format!(
            "{bad} of {words} words ({:.1} %) are unreadable (characters that are not text, e.g. {}): \
             the PDF's text layer is partly garbage; check this file or give its DOCX or text version",
            share(bad),
            bad_examples.join(", ")
        ));
    }
}

/// Above this share of unreadable words (per cent), a PDF gets a warning.
const UNREADABLE_PERCENT: usize = 2;

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
        let (raw, warnings) = read_pdf(&bytes, None).unwrap();
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
                // Page furniture comes last.
                "",
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
        let (raw, _) = read_pdf(&bytes, None).unwrap();
        assert_eq!(lines(&raw), ["Kommunestyret i Røst kommune vedtok"]);
    }

    #[test]
    fn lopdf_extract_text_merges_td_lines() {
        // Why we lay out text ourselves: lopdf's extract_text joins Td-positioned lines.
        let bytes = pdf(&[vec!["første linje".into(), "andre linje".into()]]);
        let doc = Document::load_mem(&bytes).unwrap();
        let theirs = doc.extract_text(&[1]).unwrap();
        assert!(theirs.contains("første linjeandre linje"), "{theirs:?}");
        let (raw, _) = read_pdf(&bytes, None).unwrap();
        assert_eq!(lines(&raw), ["første linje", "andre linje"]);
    }

    #[test]
    fn pages_out_of_order_are_reported() {
        let pages: Vec<Vec<String>> = (1..=3)
            .map(|n| {
                vec![format!(
                    "Tekst på side {n} om beredskap og arbeidskraft i kommunen."
                )]
            })
            .collect();
        let bytes = pdf_with(
            &pages,
            PdfOptions {
                header: Some("Røst kommune – Saksframlegg".into()),
                footer: Some("Side {page} av {pages}".into()),
                ..PdfOptions::default()
            },
        );
        let (_, warnings) = read_pdf(&bytes, None).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        // The same pages in the order 3, 1, 2.
        let mut doc = Document::load_mem(&bytes).unwrap();
        let pages_id = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        let pages = doc.get_dictionary_mut(pages_id).unwrap();
        let kids = pages.get_mut(b"Kids").unwrap().as_array_mut().unwrap();
        kids.rotate_right(1);
        let mut shuffled = Vec::new();
        doc.save_to(&mut shuffled).unwrap();
        let (raw, warnings) = read_pdf(&shuffled, None).unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("page order looks broken") && w.contains("read 3, 1, 2")),
            "{warnings:?}"
        );
        assert_eq!(raw.pages, Some(3));
    }

    #[test]
    fn page_numbers_of_labels() {
        assert_eq!(label_number("Side 3 av 14"), Some(3));
        assert_eq!(label_number("- 12 -"), Some(12));
        assert_eq!(label_number("file:///tmp/x/rost.html 3/16"), Some(3));
        assert_eq!(label_number("Røst kommune – Saksframlegg"), None);
    }

    #[test]
    fn shifted_letters_are_read_back_and_garbage_is_counted() {
        let mut raw = RawText::from_plain(
            "deba\u{7400}\u{7400}he\u{6600}\u{7400}e og beredskap\n\nvanlig tekst her",
        );
        let mut warnings = Vec::new();
        check_text(&mut raw, &mut warnings);
        assert_eq!(raw.line(0), "debatthefte og beredskap");
        assert!(warnings[0].contains("1 words"), "{warnings:?}");
        let mut raw = RawText::from_plain("\u{FFFD}\u{FFFD}\u{FFFD} ord \u{4E00}\u{4E01} tekst");
        let mut warnings = Vec::new();
        check_text(&mut raw, &mut warnings);
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("2 of 4 words (50.0 %) are unreadable")),
            "{warnings:?}"
        );
    }

    #[test]
    fn bullets_as_ocr_reads_them() {
        assert_eq!(ocr_bullet("e — tettare samarbeid"), "• tettare samarbeid");
        assert_eq!(ocr_bullet("6 ansvarleg bruk"), "• ansvarleg bruk");
        assert_eq!(ocr_bullet("— betre bruk"), "• betre bruk");
        assert_eq!(ocr_bullet("eit folkehelsearbeid"), "eit folkehelsearbeid");
        assert_eq!(ocr_bullet("e"), "e");
    }

    #[test]
    fn damaged_inputs_fail_with_reasons() {
        let good = pdf(&[vec!["Tekst på side én.".into()]]);
        assert!(matches!(
            read_pdf(&good[..good.len() / 2], None),
            Err(InputError::PdfCorrupt { .. } | InputError::PdfNoTextNoImages { .. })
        ));
        assert!(matches!(
            read_pdf(b"%PDF-1.7\n%garbage", None),
            Err(InputError::PdfCorrupt { .. })
        ));
        assert!(matches!(
            read_pdf(b"hello", None),
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
            read_pdf(&scanned, None),
            Err(InputError::PdfNoTextNoImages { pages: 2 })
        ));
        let locked = pdf_with(
            &[vec!["Hemmelig.".into()]],
            PdfOptions {
                encrypted: true,
                ..PdfOptions::default()
            },
        );
        let e = read_pdf(&locked, None).unwrap_err();
        assert!(matches!(e, InputError::PdfEncrypted { .. }), "{e}");
    }
}
