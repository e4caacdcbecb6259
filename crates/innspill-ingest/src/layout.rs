//! Lines to paragraphs: headings, running paragraphs and bullets.
//!
//! Text from PDFs wraps inside paragraphs, so paragraphs are formed from lines:
//! a blank line ends a paragraph (unless the next line plainly continues it: no final
//! punctuation before, a lower-case word after), a bullet marker (`•`, `-`, `–`, `*`,
//! `1.`, `2)`, `a)`) starts one, and so does an indented line after a full stop. A
//! paragraph of one short line without final punctuation is a heading; a numbered line
//! like `1. Taktskifte forutsetter tydelige prioriteringer` is a (section) heading when
//! it stands alone, a numbered bullet otherwise.
//!
//! The display text of a paragraph has its lines joined, words split over line ends
//! joined by [`innspill_norsk::dehyphenate`], and its bullet marker removed.

use innspill_model::ParagraphKind;
use innspill_norsk::Lexicon;

use crate::raw::{Hint, RawText};

/// A paragraph before it is placed in a segment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Para {
    pub(crate) kind: ParagraphKind,
    /// First and last line (0-based) in the raw text.
    pub(crate) first_line: usize,
    pub(crate) last_line: usize,
    /// Byte span of the content (bullet marker excluded) in the raw text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Display text.
    pub(crate) text: String,
    pub(crate) page: Option<u32>,
    /// Whether the paragraph started with a numbered marker (`1.`, `2)`).
    pub(crate) numbered: Option<u32>,
    /// For text read by OCR: the mean confidence of its lines (0–1).
    pub(crate) confidence: Option<f32>,
}

/// What a bullet marker at the start of a line looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Bytes of the marker and the space after it.
    pub(crate) len: usize,
    /// The number of a numbered marker.
    pub(crate) number: Option<u32>,
}

/// The bullet marker at the start of `line` (already trimmed at the start).
pub(crate) fn marker(line: &str) -> Option<Marker> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if matches!(
        first,
        '•' | '▪' | '●' | '◦' | '‣' | '■' | '□' | '○' | '*' | '-' | '–' | '·'
    ) {
        let after = &line[first.len_utf8()..];
        let spaced = after.starts_with([' ', '\t', '\u{A0}']);
        // `•tiltak` is a bullet; `-3` or `–` alone are not.
        if !(spaced || matches!(first, '•' | '▪' | '●' | '■')) || after.trim().is_empty() {
            return None;
        }
        let len = line.len() - after.trim_start_matches([' ', '\t', '\u{A0}']).len();
        return Some(Marker { len, number: None });
    }
    // 1. / 12) / a)
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = if (1..=2).contains(&digits) {
        (line[..digits].parse::<u32>().ok(), &line[digits..])
    } else if first.is_ascii_lowercase() && line[1..].starts_with(')') {
        (None, &line[1..])
    } else {
        return None;
    };
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !rest.starts_with([' ', '\t', '\u{A0}']) {
        return None;
    }
    let content = rest.trim_start_matches([' ', '\t', '\u{A0}']);
    if content.is_empty() {
        return None;
    }
    Some(Marker {
        len: line.len() - content.len(),
        number: number.or(Some(0)).filter(|_| digits > 0),
    })
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', ':', '!', '?', ';', '»', '"', '”', ')'])
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a line is a page number or a page label (`3`, `- 3 -`, `Side 3 av 14`).
pub(crate) fn is_page_label(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if t.is_empty() {
        return false;
    }
    if t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let lower = t.to_lowercase();
    let rest = lower
        .strip_prefix("side ")
        .or_else(|| lower.strip_prefix("s. "))
        .or_else(|| lower.strip_prefix("page "));
    let t = rest.unwrap_or(&lower);
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.as_slice() {
        [n] if rest.is_some() => n.chars().all(|c| c.is_ascii_digit()),
        [n] => n
            .split_once('/')
            .is_some_and(|(a, b)| all_digits(a) && all_digits(b)),
        [a, "av" | "of" | "/", b] => all_digits(a) && all_digits(b),
        _ => false,
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())
}

struct Builder {
    first_line: usize,
    last_line: usize,
    marker: Option<Marker>,
    hint: Hint,
    /// Whether a blank line (or a page break) followed the last line.
    closed: bool,
    blanks: usize,
}

/// Form the paragraphs of `raw`.
pub(crate) fn paragraphs(raw: &RawText, lexicon: &Lexicon) -> Vec<Para> {
    let mut builders: Vec<Builder> = Vec::new();
    for (i, line) in raw.lines.iter().enumerate() {
        let text = raw.line(i);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            if let Some(b) = builders.last_mut() {
                b.closed = true;
                b.blanks += 1;
            }
            continue;
        }
        let m = marker(trimmed).filter(|_| !is_page_label(trimmed));
        let new = match builders.last_mut() {
            None => true,
            Some(_) if line.hint == Hint::Continue => false,
            Some(_) if line.hint != Hint::None => true,
            Some(_) if m.is_some() => {
                // A numbered "marker" in the middle of a sentence is a wrapped line
                // that happens to start with a number ("12. juni").
                let prev = raw.line(builders.last().map(|b| b.last_line).unwrap_or(0));
                let b = builders.last().expect("checked");
                let wrapped = m.and_then(|m| m.number).is_some()
                    && !b.closed
                    && !ends_sentence(prev)
                    && !starts_upper(&trimmed[m.map(|m| m.len).unwrap_or(0)..]);
                !wrapped
            }
            Some(b) => {
                let prev_line = b.last_line;
                let prev = raw.line(prev_line);
                let page_break = raw.lines[prev_line].page != line.page;
                if b.hint == Hint::Heading || is_page_label(prev) || is_page_label(trimmed) {
                    true
                } else if b.closed || page_break {
                    // Continue over a blank line or a page break only when the text
                    // plainly runs on.
                    !(b.blanks <= 2 && !ends_sentence(prev) && starts_lower(trimmed))
                } else if text.starts_with([' ', '\t']) {
                    // An indented line after a full stop, or an indented heading-like
                    // line standing before a blank line (` FORORD`, ` Avslutning`).
                    let next_blank = raw
                        .lines
                        .get(i + 1)
                        .is_none_or(|_| raw.line(i + 1).trim().is_empty());
                    ends_sentence(prev) || (next_blank && looks_like_heading(trimmed))
                } else {
                    false
                }
            }
        };
        if new {
            builders.push(Builder {
                first_line: i,
                last_line: i,
                marker: m,
                hint: line.hint,
                closed: false,
                blanks: 0,
            });
        } else if let Some(b) = builders.last_mut() {
            b.last_line = i;
            b.closed = false;
            b.blanks = 0;
        }
    }
    // Words split over line ends are joined over the whole text at once, so that the
    // analyser sees the text's own vocabulary and its line-end habits.
    let d = innspill_norsk::dehyphenate(&raw.text, lexicon);
    let joined = if raw.visible_breaks {
        Joined::without_hyphenless(&raw.text, &d)
    } else {
        Joined::new(d)
    };
    let mut out = Vec::with_capacity(builders.len());
    for (k, b) in builders.iter().enumerate() {
        let followed_by_break = builders
            .get(k + 1)
            .is_none_or(|next| next.first_line > b.last_line + 1 || next.hint != Hint::None)
            || b.closed;
        out.push(finish(raw, b, followed_by_break, &joined));
    }
    out
}

fn finish(raw: &RawText, b: &Builder, followed_by_break: bool, joined: &Joined) -> Para {
    let first = raw.lines[b.first_line];
    let first_text = raw.line(b.first_line);
    let lead = first_text.len() - first_text.trim_start().len();
    let mut start = first.start + lead + b.marker.map_or(0, |m| m.len);
    let last = raw.lines[b.last_line];
    let end = last.start + raw.line(b.last_line).trim_end().len();
    if start > end {
        start = end;
    }
    let text = collapse_whitespace(joined.slice(start, end));
    let single_line = b.first_line == b.last_line;
    let kind = match (b.hint, b.marker) {
        (Hint::Heading, _) => ParagraphKind::Heading,
        (Hint::ListItem, _) => ParagraphKind::Bullet,
        (_, Some(m)) if m.number.is_some() => {
            if single_line && followed_by_break && looks_like_heading(&text) {
                ParagraphKind::Heading
            } else {
                ParagraphKind::Bullet
            }
        }
        (_, Some(_)) => ParagraphKind::Bullet,
        (Hint::Paragraph | Hint::Furniture, None) => ParagraphKind::Paragraph,
        (Hint::None | Hint::Continue | Hint::Break, None) => {
            if single_line && followed_by_break && looks_like_heading(&text) {
                ParagraphKind::Heading
            } else {
                ParagraphKind::Paragraph
            }
        }
    };
    let text = match (kind, b.marker) {
        // A numbered heading keeps its number: "1. Taktskifte …".
        (ParagraphKind::Heading, Some(m)) if m.number.is_some() => {
            collapse_whitespace(joined.slice(first.start + lead, end))
        }
        _ => text,
    };
    Para {
        kind,
        first_line: b.first_line,
        last_line: b.last_line,
        start: if kind == ParagraphKind::Heading && b.marker.is_some() {
            first.start + lead
        } else {
            start
        },
        end,
        text,
        page: first.page,
        numbered: b.marker.and_then(|m| m.number),
        confidence: {
            let c: Vec<f32> = raw.lines[b.first_line..=b.last_line]
                .iter()
                .filter_map(|l| l.confidence)
                .collect();
            (!c.is_empty()).then(|| c.iter().sum::<f32>() / c.len() as f32)
        },
    }
}

/// The dehyphenated text with a map from original byte offsets.
struct Joined {
    text: String,
    /// `(removed range start, removed range end, offset in the joined text)`, sorted.
    joins: Vec<(usize, usize, usize)>,
    /// Bytes removed up to and including each join.
    removed: Vec<usize>,
}

impl Joined {
    fn new(d: innspill_norsk::Dehyphenated) -> Joined {
        let mut joins = Vec::with_capacity(d.joins().len());
        let mut removed = Vec::with_capacity(d.joins().len());
        let mut total = 0;
        for j in d.joins() {
            total += j.removed.len();
            joins.push((j.removed.start, j.removed.end, j.at));
            removed.push(total);
        }
        Joined {
            text: d.text,
            joins,
            removed,
        }
    }

    /// The joins of `d` but those of line breaks without a hyphen, applied to `original`:
    /// for text laid out from a PDF's geometry, where a line that ends without a hyphen
    /// ends a word (`full` / `finansiering` stays two words even when the text has
    /// `fullfinansiering` elsewhere).
    fn without_hyphenless(original: &str, d: &innspill_norsk::Dehyphenated) -> Joined {
        let mut text = String::with_capacity(original.len());
        let (mut joins, mut removed) = (Vec::new(), Vec::new());
        let (mut last, mut total) = (0, 0);
        for j in d.joins() {
            if j.kind == innspill_norsk::JoinKind::LineBreak || j.removed.start < last {
                continue;
            }
            text.push_str(&original[last..j.removed.start]);
            joins.push((j.removed.start, j.removed.end, text.len()));
            total += j.removed.len();
            removed.push(total);
            last = j.removed.end;
        }
        text.push_str(&original[last..]);
        Joined {
            text,
            joins,
            removed,
        }
    }

    /// The offset in the joined text of original byte offset `o`.
    fn map(&self, o: usize) -> usize {
        let i = self.joins.partition_point(|&(_, end, _)| end <= o);
        if let Some(&(start, _, at)) = self.joins.get(i)
            && start < o
        {
            return at;
        }
        let before = if i == 0 { 0 } else { self.removed[i - 1] };
        (o - before).min(self.text.len())
    }

    /// The joined text of original range `start..end`.
    fn slice(&self, start: usize, end: usize) -> &str {
        let (a, b) = (self.map(start), self.map(end));
        let mut a = a.min(b);
        while !self.text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = b.max(a);
        while !self.text.is_char_boundary(b) {
            b += 1;
        }
        &self.text[a..b]
    }
}

/// A short line that starts with a capital (or a digit) and has no final punctuation.
pub(crate) fn looks_like_heading(text: &str) -> bool {
    let t = text.trim();
    let body = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    !t.is_empty()
        && t.chars().count() <= 90
        && t.split_whitespace().count() <= 12
        && (starts_upper(body) || body.starts_with(['«', '"']))
        && !t.ends_with(['.', ',', ';', ':', '-', '–'])
        && !is_page_label(t)
        && t.chars().any(char::is_alphabetic)
}

/// Runs of whitespace (line breaks, tabs, no-break spaces) to one space; trimmed.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<(ParagraphKind, String)> {
        let raw = RawText::from_plain(text);
        paragraphs(&raw, &Lexicon::default())
            .into_iter()
            .map(|p| (p.kind, p.text))
            .collect()
    }

    #[test]
    fn markers() {
        assert_eq!(marker("• tiltak").unwrap().len, "• ".len());
        assert_eq!(marker("•tiltak").unwrap().len, "•".len());
        assert_eq!(marker("- punkt").unwrap().number, None);
        assert_eq!(marker("– punkt").unwrap().len, "– ".len());
        assert_eq!(marker("3.\t Hva må vi").unwrap().number, Some(3));
        assert_eq!(marker("12) Tolv").unwrap().number, Some(12));
        assert_eq!(marker("a) Første").unwrap().number, None);
        assert!(marker("-3 grader").is_none());
        assert!(marker("2026. Året").is_none());
        assert!(marker("1.5 prosent").is_none());
        assert!(marker("Røst").is_none());
    }

    #[test]
    fn page_labels() {
        for s in ["3", " 107", "- 3 -", "Side 3 av 14", "side 2", "3/14"] {
            assert!(is_page_label(s), "{s:?} is a page label");
        }
        for s in ["2026 er året", "Side om side", "3. Beredskap", "12345"] {
            assert!(!is_page_label(s), "{s:?} is not a page label");
        }
    }

    #[test]
    fn headings_paragraphs_and_bullets() {
        let got = paras(
            " Vurderinger \n\nRøst kommune er en liten øykommune med begrenset \nkapasitet. \n\n\
             Vedlagte forslag tar utgangspunkt i: \n\n• behovet for tydeligere prioriteringer og \n\
             gjennomføringsevne \n\n• arbeidskraftmangel \n• beredskap \n",
        );
        use ParagraphKind::*;
        assert_eq!(
            got,
            vec![
                (Heading, "Vurderinger".to_string()),
                (
                    Paragraph,
                    "Røst kommune er en liten øykommune med begrenset kapasitet.".to_string()
                ),
                (
                    Paragraph,
                    "Vedlagte forslag tar utgangspunkt i:".to_string()
                ),
                (
                    Bullet,
                    "behovet for tydeligere prioriteringer og gjennomføringsevne".to_string()
                ),
                (Bullet, "arbeidskraftmangel".to_string()),
                (Bullet, "beredskap".to_string()),
            ]
        );
    }

    #[test]
    fn numbered_section_heading_versus_numbered_bullet() {
        let got = paras(
            "1. Taktskifte forutsetter tydelige prioriteringer \n\nTekst her.\n\n\
             3.\t Hva må vi prioritere i vår kommune/ \nfylkeskommune?\n",
        );
        assert_eq!(got[0].0, ParagraphKind::Heading);
        assert_eq!(
            got[0].1,
            "1. Taktskifte forutsetter tydelige prioriteringer"
        );
        assert_eq!(got[2].0, ParagraphKind::Bullet);
    }

    #[test]
    fn a_bullet_continues_over_a_blank_line_in_lower_case() {
        let got = paras(
            "• systematisk arbeid for å forebygge slitasje på \n\nnøkkelpersonell \n• neste\n",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].1,
            "systematisk arbeid for å forebygge slitasje på nøkkelpersonell"
        );
    }

    #[test]
    fn indented_line_after_a_full_stop_starts_a_paragraph() {
        let got = paras("bedre og mer bærekraftig. \n Kommunestyret vil prioritere: \n");
        assert_eq!(got.len(), 2);
        let got = paras("Saksbehandler: Cesilie Janette Borge \n FORORD\n\nKS’ debatthefte");
        assert_eq!(got[1], (ParagraphKind::Heading, "FORORD".to_string()));
        let got = paras("• økt fleksibilitet lokalt \n Avslutning \n\nTekst.");
        assert_eq!(got[1], (ParagraphKind::Heading, "Avslutning".to_string()));
    }

    #[test]
    fn spans_point_at_the_content() {
        let text = "• tiltak én\n  og to\n";
        let raw = RawText::from_plain(text);
        let p = &paragraphs(&raw, &Lexicon::default())[0];
        assert_eq!(&raw.text[p.start..p.end], "tiltak én\n  og to");
        assert_eq!((p.first_line, p.last_line), (0, 1));
    }
}
