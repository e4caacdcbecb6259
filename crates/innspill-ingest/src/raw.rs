//! The extracted text of one input as lines, before paragraphs are formed.
//!
//! Every format reader (PDF, DOCX, HTML, text) produces a [`RawText`]: the full text
//! that becomes [`innspill_model::Document::text`] (NFC, `\n` line ends, private-use
//! bullets mapped to `•`), its lines with byte spans, the page of each line and what
//! the format said about it (heading, list item).

use unicode_normalization::UnicodeNormalization;

/// What the input format said about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Nothing: decide from the text.
    None,
    /// A heading (DOCX heading style, HTML `<h1>`…`<h6>`).
    Heading,
    /// A list item (DOCX numbering, HTML `<li>`).
    ListItem,
    /// The first line of a paragraph (DOCX `<w:p>`, HTML `<p>`): starts a new paragraph.
    Paragraph,
    /// Starts a new paragraph, whatever the text says; its kind is told from the text
    /// (a PDF line after more space than between lines, a change of size, a short line
    /// in justified text).
    Break,
    /// Continues the paragraph of the line before, whatever the text says (a PDF line
    /// after a full line at a column or page break, the second line of a heading).
    Continue,
    /// Page furniture: a running header or footer, a page label, text along the margin
    /// (PDF). A paragraph of its own, in the `other` segment.
    Furniture,
}

/// One line of [`RawText::text`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Line {
    /// Byte offset of the first byte.
    pub(crate) start: usize,
    /// Byte offset one past the last byte (the `\n` is not part of the line).
    pub(crate) end: usize,
    /// 1-based page, where the input has pages.
    pub(crate) page: Option<u32>,
    /// What the format said.
    pub(crate) hint: Hint,
    /// For a line read by OCR: the engine's mean word confidence (0–1).
    pub(crate) confidence: Option<f32>,
}

/// The text of one input as lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawText {
    pub(crate) text: String,
    pub(crate) lines: Vec<Line>,
    /// Number of pages, where the format has pages.
    pub(crate) pages: Option<u32>,
    /// Set when pages were read by OCR.
    pub(crate) ocr: Option<innspill_model::Ocr>,
    /// Line ends are where the layout broke lines (a PDF read by geometry, OCR): a word
    /// is split over one only with a visible hyphen.
    pub(crate) visible_breaks: bool,
}

impl RawText {
    /// Plain text: lines split at `\n`, `\r\n` and `\r`; a form feed starts a new page
    /// (as `pdftotext` writes), in which case lines get page numbers.
    pub(crate) fn from_plain(text: &str) -> RawText {
        let mut raw = RawText::default();
        let paged = text.contains('\u{0C}');
        let mut page = 1u32;
        let mut rest = text;
        loop {
            let cut = rest.find(['\n', '\r', '\u{0C}']);
            let (line, sep) = match cut {
                Some(i) => (&rest[..i], rest[i..].chars().next()),
                None => (rest, None),
            };
            raw.push_line(line, paged.then_some(page), Hint::None);
            match sep {
                None => break,
                Some(c) => {
                    let mut skip = c.len_utf8();
                    if c == '\r' && rest[cut.unwrap_or(0) + 1..].starts_with('\n') {
                        skip += 1;
                    }
                    if c == '\u{0C}' {
                        page += 1;
                    }
                    rest = &rest[cut.unwrap_or(0) + skip..];
                }
            }
        }
        if paged {
            // A trailing form feed ends the last page rather than starting an empty one.
            let last_has_text = raw
                .lines
                .iter()
                .any(|l| l.page == Some(page) && !raw.text[l.start..l.end].trim().is_empty());
            raw.pages = Some(if last_has_text || page == 1 {
                page
            } else {
                page - 1
            });
        }
        raw.trim_trailing_blank_lines();
        raw
    }

    /// Append one line (it must not contain a line break; any it has become spaces).
    pub(crate) fn push_line(&mut self, line: &str, page: Option<u32>, hint: Hint) {
        self.push_line_read(line, page, hint, None);
    }

    /// [`RawText::push_line`] for a line read by OCR with `confidence` (0–1).
    pub(crate) fn push_line_read(
        &mut self,
        line: &str,
        page: Option<u32>,
        hint: Hint,
        confidence: Option<f32>,
    ) {
        if !self.lines.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        clean_into(line, &mut self.text);
        self.lines.push(Line {
            start,
            end: self.text.len(),
            page,
            hint,
            confidence,
        });
    }

    /// Append an empty line (a paragraph break).
    pub(crate) fn push_blank(&mut self, page: Option<u32>) {
        if self.lines.last().is_some_and(|l| l.start == l.end) || self.lines.is_empty() {
            return;
        }
        self.push_line("", page, Hint::None);
    }

    /// The text of line `i`.
    pub(crate) fn line(&self, i: usize) -> &str {
        let l = self.lines[i];
        &self.text[l.start..l.end]
    }

    /// Drop empty lines at the end.
    pub(crate) fn trim_trailing_blank_lines(&mut self) {
        while let Some(l) = self.lines.last() {
            if self.text[l.start..l.end].trim().is_empty() {
                self.lines.pop();
            } else {
                break;
            }
        }
        match self.lines.last() {
            Some(l) => self.text.truncate(l.end),
            None => self.text.clear(),
        }
    }

    /// Whether any line has a letter or digit.
    pub(crate) fn has_words(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }
}

/// Private-use bullets that Word and LibreOffice fonts (Symbol, Wingdings) leave in
/// extracted text, mapped to `•`.
const PRIVATE_BULLETS: &[char] = &[
    '\u{F0B7}', '\u{F0A7}', '\u{F076}', '\u{F0D8}', '\u{F0FC}', '\u{F0A8}', '\u{F06C}', '\u{F06E}',
];

/// Latin ligatures (U+FB00…U+FB06) as their letters.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// NFC, ligatures expanded, private-use bullets to `•`, control characters (but tabs)
/// dropped, line breaks to spaces.
fn clean_into(line: &str, out: &mut String) {
    if line.chars().any(|c| ligature(c).is_some()) {
        let expanded: String = line
            .chars()
            .flat_map(|c| {
                let (one, many) = match ligature(c) {
                    Some(s) => (None, Some(s.chars())),
                    None => (Some(c), None),
                };
                one.into_iter().chain(many.into_iter().flatten())
            })
            .collect();
        return clean_into(&expanded, out);
    }
    let mapped = line.chars().filter_map(|c| match c {
        c if PRIVATE_BULLETS.contains(&c) => Some('•'),
        '\t' => Some('\t'),
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => Some(' '),
        '\u{FEFF}' => None,
        c if c.is_control() => None,
        c => Some(c),
    });
    out.extend(mapped.nfc());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(raw: &RawText) -> Vec<&str> {
        (0..raw.lines.len()).map(|i| raw.line(i)).collect()
    }

    #[test]
    fn plain_text_lines_and_line_ends() {
        let raw = RawText::from_plain("a\r\nb\rc\n\nd\n\n\n");
        assert_eq!(lines(&raw), ["a", "b", "c", "", "d"]);
        assert_eq!(raw.text, "a\nb\nc\n\nd");
        assert_eq!(raw.pages, None);
    }

    #[test]
    fn form_feed_starts_a_page() {
        let raw = RawText::from_plain("side en\n\u{0C}side to\n\u{0C}");
        assert_eq!(raw.pages, Some(2));
        assert_eq!(raw.lines[0].page, Some(1));
        assert_eq!(raw.lines.last().unwrap().page, Some(2));
    }

    #[test]
    fn bullets_and_nfc() {
        // "a" + combining ring above → "å"; U+F0B7 → "•".
        let raw = RawText::from_plain("\u{F0B7} tiltak p\u{0061}\u{030A}\u{0}");
        assert_eq!(raw.text, "• tiltak på");
    }

    #[test]
    fn ligatures_are_expanded() {
        let raw = RawText::from_plain("\u{FB01}nansiering og \u{FB02}ere o\u{FB03}sielle");
        assert_eq!(raw.text, "finansiering og flere offisielle");
    }

    #[test]
    fn empty_input_has_no_lines() {
        let raw = RawText::from_plain("");
        assert!(raw.lines.is_empty());
        assert_eq!(raw.text, "");
    }
}
