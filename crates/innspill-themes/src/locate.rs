//! From positions in a paragraph's display text to character offsets in the document.
//!
//! [`innspill_model::Paragraph::text`] is the cleaned text (lines joined, words split over
//! line ends joined, bullet removed); [`innspill_model::Paragraph::start`]`..end` is the span
//! of the paragraph in [`innspill_model::Document::text`]. A matched word is looked up in
//! that raw span, in reading order, allowing a line break (with or without a hyphen or soft
//! hyphen) wherever the cleaned text has a space or nothing: `sikkerhetspolitisk` is found
//! in `sikker-\nhetspolitisk` and `lokalt handlingsrom` in `lokalt\nhandlingsrom`.

/// Converts character offsets of a text to byte offsets, fast when asked in increasing
/// order (as paragraphs are).
#[derive(Debug)]
pub(crate) struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    chr: usize,
}

impl<'a> CharCursor<'a> {
    pub(crate) fn new(text: &'a str) -> CharCursor<'a> {
        CharCursor {
            text,
            byte: 0,
            chr: 0,
        }
    }

    /// Byte offset of character offset `c` (the text's length when past the end).
    pub(crate) fn byte_of(&mut self, c: usize) -> usize {
        if c < self.chr {
            self.byte = 0;
            self.chr = 0;
        }
        let rest = &self.text[self.byte..];
        match rest.char_indices().nth(c - self.chr) {
            Some((b, _)) => {
                self.byte += b;
                self.chr = c;
            }
            None => {
                self.chr += rest.chars().count();
                self.byte = self.text.len();
            }
        }
        self.byte
    }
}

/// Is `c` something a line break may have left between two parts of a word?
fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{00AD}' | '\u{2010}' | '\u{2011}')
}

/// Byte range of `surface` in `raw`, searching from byte `from`: characters must follow
/// each other, except that a run of break characters in `raw` may stand where `surface`
/// has a space or between two of its letters. The match must start and end at a word
/// boundary.
pub(crate) fn find_surface(raw: &str, from: usize, surface: &str) -> Option<(usize, usize)> {
    let first = surface.chars().next()?;
    let mut pos = from.min(raw.len());
    while pos < raw.len() {
        let rel = raw[pos..].find(first)?;
        let start = pos + rel;
        let boundary_before = raw[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if boundary_before && let Some(end) = match_at(raw, start, surface) {
            let boundary_after = raw[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if boundary_after {
                return Some((start, end));
            }
        }
        pos = start + first.len_utf8();
    }
    None
}

fn match_at(raw: &str, start: usize, surface: &str) -> Option<usize> {
    let mut r = raw[start..].char_indices().peekable();
    let mut s = surface.chars().peekable();
    let mut end = start;
    while let Some(sc) = s.next() {
        if sc.is_whitespace() {
            // One or more break characters in raw (at least one).
            let mut n = 0;
            while let Some(&(_, rc)) = r.peek() {
                if is_break(rc) {
                    r.next();
                    n += 1;
                } else {
                    break;
                }
            }
            while s.peek().is_some_and(|c| c.is_whitespace()) {
                s.next();
            }
            if n == 0 {
                return None;
            }
            continue;
        }
        match r.next() {
            Some((b, rc)) if rc == sc => end = start + b + rc.len_utf8(),
            Some((_, rc)) if is_break(rc) && rc != sc => {
                // A break inside a word: skip the run, then the character must follow.
                // A hyphen alone (no line break) is not a break inside a word.
                let mut saw_space = rc.is_whitespace();
                let mut next = None;
                for (b2, c2) in r.by_ref() {
                    if is_break(c2) {
                        saw_space |= c2.is_whitespace();
                        continue;
                    }
                    next = Some((b2, c2));
                    break;
                }
                match next {
                    Some((b2, c2)) if c2 == sc && (saw_space || rc == '\u{00AD}') => {
                        end = start + b2 + c2.len_utf8()
                    }
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    Some(end)
}

/// Locates the byte spans `spans` (sorted, of `text`) in `raw`, in order; returns their
/// character offsets in the document, given that `raw` starts at character `raw_char`.
/// A span that cannot be found (ingest rewrote the text) gets the whole paragraph.
pub(crate) fn locate_all(
    raw: &str,
    raw_char: usize,
    text: &str,
    spans: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let raw_chars = raw.chars().count();
    let mut out = Vec::with_capacity(spans.len());
    let mut cursor = 0usize; // byte in raw
    let mut cursor_chars = 0usize; // chars in raw[..cursor]
    for &(s, e) in spans {
        let surface = &text[s..e];
        match find_surface(raw, cursor, surface) {
            Some((bs, be)) => {
                let cs = cursor_chars + raw[cursor..bs].chars().count();
                let ce = cs + raw[bs..be].chars().count();
                out.push((raw_char + cs, raw_char + ce));
                cursor = bs;
                cursor_chars = cs;
            }
            None => out.push((raw_char, raw_char + raw_chars)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_found(raw: &str, surface: &str, expected: &str) {
        let got = find_surface(raw, 0, surface).map(|(s, e)| &raw[s..e]);
        assert_eq!(
            got,
            Some(expected),
            "surface {surface:?} in {raw:?}\nhelp: a break run (space, newline, hyphen, soft hyphen) may stand only where the surface has a space or inside a word at a line end"
        );
    }

    #[test]
    fn finds_words_split_over_lines() {
        assert_found(
            "en ny sikker-\nhetspolitisk situasjon",
            "sikkerhetspolitisk",
            "sikker-\nhetspolitisk",
        );
        assert_found(
            "Kommune\nsektoren trenger",
            "Kommunesektoren",
            "Kommune\nsektoren",
        );
        assert_found(
            "styrke lokalt  \nhandlingsrom nå",
            "lokalt handlingsrom",
            "lokalt  \nhandlingsrom",
        );
        assert_found("soft\u{AD}hyphen", "softhyphen", "soft\u{AD}hyphen");
    }

    #[test]
    fn respects_word_boundaries_and_real_hyphens() {
        assert_eq!(
            find_surface("beredskapsråd og råd", 0, "råd"),
            Some((18, 22))
        );
        // `Øst-Finnmark` keeps its hyphen: the surface has it too.
        assert_found("hele Øst-Finnmark", "Øst-Finnmark", "Øst-Finnmark");
        // A hyphen without a line break does not join words.
        assert_eq!(find_surface("IKT-sikkerhet", 0, "IKTsikkerhet"), None);
    }

    #[test]
    fn char_cursor_matches_char_indices() {
        let text = "Røst – «KS’» øy æøå x";
        let mut c = CharCursor::new(text);
        let expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (i, b) in expected.iter().enumerate() {
            assert_eq!(c.byte_of(i), *b, "char {i}");
        }
        assert_eq!(c.byte_of(2), expected[2], "going back restarts");
        assert_eq!(c.byte_of(1000), text.len());
    }

    #[test]
    fn locate_gives_document_char_offsets() {
        let raw = "• å styrke digital og orga-\nnisatorisk beredskap";
        let text = "å styrke digital og organisatorisk beredskap";
        let spans = [
            (
                text.find("organisatorisk").unwrap(),
                text.find(" beredskap").unwrap(),
            ),
            (text.find("beredskap").unwrap(), text.len()),
        ];
        let got = locate_all(raw, 100, text, &spans);
        let chars: Vec<char> = raw.chars().collect();
        let s: String = chars[got[0].0 - 100..got[0].1 - 100].iter().collect();
        assert_eq!(s, "orga-\nnisatorisk");
        let s: String = chars[got[1].0 - 100..got[1].1 - 100].iter().collect();
        assert_eq!(s, "beredskap");
    }
}
