//! Plain text to a [`Document`], for `innspill themes FILE` on text that did not go
//! through ingest.

use innspill_model::{
    Document, Format, Paragraph, ParagraphKind, Respondent, SCHEMA_VERSION, Segment, SegmentKind,
    Source,
};
use innspill_norsk::{Lexicon, dehyphenate};

/// Bullet markers that start a list item.
const BULLETS: &[char] = &['•', '·', '▪', '◦', '→', '–', '-', '*', '\u{F0B7}'];

/// A list item marker at the start of `line`, if any: a bullet character or a list number
/// (`1.`, `2)`) followed by a space. Returns the byte length of the marker and its space.
fn marker(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let mut chars = t.char_indices();
    let (_, c) = chars.next()?;
    if BULLETS.contains(&c) {
        let rest = &t[c.len_utf8()..];
        if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
            return Some(lead + c.len_utf8() + (rest.len() - rest.trim_start().len()));
        }
        return None;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(['.', ')'])
            && r.starts_with(char::is_whitespace)
            && !r.trim().is_empty()
        {
            return Some(lead + digits + 1 + (r.len() - r.trim_start().len()));
        }
    }
    None
}

/// Whether a line standing alone is a short heading: a numbered line (`3. Beredskap må
/// integreres i velferdspolitikken`) or a short line, at most 80 characters, not ending
/// like a sentence or a lead-in.
fn is_heading_line(line: &str, numbered: bool) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    let ends_like_text = t.ends_with(['.', ',', ';', ':', '!', '?']);
    let starts_upper = t
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c == '.' || c == ')' || c.is_whitespace()
        })
        .starts_with(char::is_uppercase);
    starts_upper && !ends_like_text && n <= if numbered { 80 } else { 60 }
}

/// Build a document from plain text, read the way the `themes` command promises:
///
/// - paragraphs are separated by blank lines; the lines of a paragraph are joined;
/// - a line starting with a bullet (`•`, `-`, `–`, `*`, `→`, `▪`) or a list number (`1.`,
///   `2)`) starts a list item ([`ParagraphKind::Bullet`]); lines after it continue it
///   until a blank line or the next item;
/// - a numbered line of at most 80 characters (`3. Beredskap må integreres i
///   velferdspolitikken`) or an unnumbered one of at most 60, that starts with a capital,
///   does not end like a sentence (`.`, `:`, …) and stands alone (a blank line or the end
///   after it), is a [`ParagraphKind::Heading`], and the [`Paragraph::section`] of what
///   follows;
/// - a block that starts in lower case after one that does not end like a sentence
///   continues that paragraph (a page break cut it);
/// - words split over line ends are joined by the analyser's [`dehyphenate`].
///
/// Offsets (`start`, `end`) are character offsets into the returned document's `text`,
/// which is `text` unchanged; `lines` are 1-based. The one segment is a
/// [`SegmentKind::Statement`]: plain text is taken as the respondent's own words.
pub fn document_from_text(text: &str, path: &str) -> Document {
    let lexicon = Lexicon::embedded();
    let lines: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for l in text.split_inclusive('\n') {
            v.push((pos, l.trim_end_matches(['\n', '\r'])));
            pos += l.len();
        }
        v
    };
    // Blocks of consecutive lines: (first line index, last line index, kind).
    let mut blocks: Vec<(usize, usize, ParagraphKind, usize)> = Vec::new(); // last field: marker len
    let mut i = 0;
    while i < lines.len() {
        let (_, l) = lines[i];
        if l.trim().is_empty() {
            i += 1;
            continue;
        }
        let m = marker(l);
        let alone = i + 1 >= lines.len() || lines[i + 1].1.trim().is_empty();
        let numbered = m.is_some() && !l.trim_start().starts_with(BULLETS);
        if (m.is_none() || numbered) && alone && is_heading_line(l, numbered) {
            blocks.push((i, i, ParagraphKind::Heading, 0));
            i += 1;
            continue;
        }
        // A block that starts in lower case after one that does not end a sentence is
        // the same paragraph, cut by a page break (`slitasje på` / `nøkkelpersonell`).
        let continues = m.is_none()
            && l.trim_start().starts_with(char::is_lowercase)
            && blocks.last().is_some_and(|&(_, last, k, _)| {
                k != ParagraphKind::Heading
                    && !lines[last]
                        .1
                        .trim_end()
                        .ends_with(['.', '!', '?', ':', ';'])
            });
        let kind = if m.is_some() {
            ParagraphKind::Bullet
        } else {
            ParagraphKind::Paragraph
        };
        let mut j = i;
        while j + 1 < lines.len() {
            let next = lines[j + 1].1;
            if next.trim().is_empty() || marker(next).is_some() {
                break;
            }
            // A short heading line standing alone ends the block.
            let next_alone = j + 2 >= lines.len() || lines[j + 2].1.trim().is_empty();
            if next_alone && kind == ParagraphKind::Bullet && is_heading_line(next, false) {
                break;
            }
            j += 1;
        }
        match blocks.last_mut() {
            Some(prev) if continues => prev.1 = j,
            _ => blocks.push((i, j, kind, m.unwrap_or(0))),
        }
        i = j + 1;
    }

    let mut paragraphs = Vec::new();
    let mut section: Option<String> = None;
    let mut char_pos = 0usize;
    let mut byte_pos = 0usize;
    let mut to_chars = |b: usize| {
        char_pos += text[byte_pos..b].chars().count();
        byte_pos = b;
        char_pos
    };
    for (n, &(a, b, kind, mlen)) in blocks.iter().enumerate() {
        let (start_b, first) = lines[a];
        let lead = first.len() - first.trim_start().len();
        let start_b = start_b
            + if kind == ParagraphKind::Bullet {
                mlen
            } else {
                lead
            };
        let end_b = (lines[b].0 + lines[b].1.trim_end().len()).max(start_b);
        let raw = &text[start_b..end_b];
        let joined = dehyphenate(raw, &lexicon).text;
        let clean = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        let start = to_chars(start_b);
        let end = to_chars(end_b);
        let heading = kind == ParagraphKind::Heading;
        paragraphs.push(Paragraph {
            n: n as u32,
            kind,
            text: clean.clone(),
            page: None,
            start,
            end,
            section: if heading { None } else { section.clone() },
            question: None,
            lines: Some([a as u32 + 1, b as u32 + 1]),
            ocr: None,
        });
        if heading {
            section = Some(clean);
        }
    }
    statement_document("tekst", path, text.to_string(), paragraphs)
}

/// A document of plain text that is all statement: one `statement` segment holding
/// `paragraphs`, whose offsets point into `text`.
pub(crate) fn statement_document(
    id: &str,
    path: &str,
    text: String,
    paragraphs: Vec<Paragraph>,
) -> Document {
    Document {
        schema_version: SCHEMA_VERSION,
        id: id.to_string(),
        source: Source {
            path: path.to_string(),
            sha256: String::new(),
            format: Format::Txt,
            pages: None,
            ocr: None,
        },
        respondent: Respondent::default(),
        year: None,
        language: None,
        segments: vec![Segment {
            kind: SegmentKind::Statement,
            heading: None,
            paragraphs,
        }],
        warnings: Vec::new(),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_bullets_and_headings() {
        let text = "Innledning\n\nKommunestyret viser til\nheftet.\n\n3. Beredskap må integreres i velferdspolitikken\n\nKommunestyret vil prioritere:\n\n• å styrke digital og orga-\nnisatorisk beredskap\n• realistiske øvelser\n Avslutning\n\nSiste avsnitt.\n";
        let doc = document_from_text(text, "x.txt");
        let ps = &doc.segments[0].paragraphs;
        let got: Vec<(&str, &str, Option<&str>)> = ps
            .iter()
            .map(|p| (p.kind.as_str(), p.text.as_str(), p.section.as_deref()))
            .collect();
        assert_eq!(got[0], ("heading", "Innledning", None));
        assert_eq!(
            got[1],
            (
                "paragraph",
                "Kommunestyret viser til heftet.",
                Some("Innledning")
            )
        );
        assert_eq!(got[2].0, "heading");
        assert_eq!(
            got[3],
            (
                "paragraph",
                "Kommunestyret vil prioritere:",
                Some("3. Beredskap må integreres i velferdspolitikken")
            )
        );
        assert_eq!(got[4].0, "bullet");
        assert!(
            got[4].1.starts_with("å styrke digital og orga"),
            "{:?}",
            got[4]
        );
        assert_eq!(
            got[5],
            (
                "bullet",
                "realistiske øvelser",
                Some("3. Beredskap må integreres i velferdspolitikken")
            )
        );
        assert_eq!(got[6], ("heading", "Avslutning", None));
        assert_eq!(got[7].2, Some("Avslutning"));
        // Offsets are character offsets of the raw span.
        for p in ps {
            let raw: String = doc
                .text
                .chars()
                .skip(p.start)
                .take(p.end - p.start)
                .collect();
            let squeezed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                squeezed.replace("-\n", "").len() >= p.text.len() / 2,
                "{raw:?} vs {:?}",
                p.text
            );
            assert!(
                !raw.starts_with('•'),
                "bullet marker is outside the span: {raw:?}"
            );
        }
    }

    #[test]
    fn a_numbered_sentence_is_a_bullet_not_a_heading() {
        let doc = document_from_text("1. Vi må gjøre mer.\n\n2. Og enda mer.\n", "x");
        let kinds: Vec<&str> = doc.segments[0]
            .paragraphs
            .iter()
            .map(|p| p.kind.as_str())
            .collect();
        assert_eq!(kinds, ["bullet", "bullet"]);
    }

    #[test]
    fn a_lower_case_block_continues_the_paragraph_a_page_break_cut() {
        let doc = document_from_text(
            "• forebygge slitasje på\n\nnøkkelpersonell\n• neste punkt\n",
            "x",
        );
        let texts: Vec<&str> = doc.segments[0]
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            texts,
            ["forebygge slitasje på nøkkelpersonell", "neste punkt"]
        );
    }
}
