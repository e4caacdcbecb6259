//! Highlighted snippets.
//!
//! Two kinds of marks make a snippet:
//!
//! - on the analysed field, every word whose key (or the key of one of its compound parts)
//!   the query asks for, as the `text` field's tokenizer would index it, so `tenester`
//!   lights up `tjenestene` and `beredskap` lights up `beredskapsrådet`;
//! - on the exact field, a quoted phrase is marked only where the whole phrase stands, word
//!   for word, and an exact single word wherever it stands.
//!
//! Both come from one run of the analyser over the paragraph, with borrowed tokens.
//! (tantivy's `SnippetGenerator` gave the same marks from a run of the `text` tokenizer,
//! which copies every token into a string of its own: a third of a search at 100×.)
//!
//! The passage is the window of at most `max_len` bytes with the most marks, widened to
//! whole words.

use std::collections::HashSet;
use std::ops::Range;

use innspill_norsk::Analyzer;
use tantivy::Searcher;
use tantivy::query::Query;

use crate::Error;
use crate::schema::Fields;

/// Highlighting for one query.
pub(crate) struct Snippets {
    /// Analysed-field keys the query asks for (and the index has).
    keys: HashSet<String>,
    analyzer: Analyzer,
    /// Exact-field words the query asks for on their own.
    exact_words: HashSet<String>,
    /// Exact-field phrases (lower-cased words in order).
    phrases: Vec<Vec<String>>,
    max_len: usize,
}

impl Snippets {
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
        analyzer: &Analyzer,
        phrases: Vec<Vec<String>>,
        max_len: usize,
    ) -> Result<Snippets, Error> {
        // The query's keys on the analysed field that occur in the index (as tantivy's
        // `SnippetGenerator::create` takes them).
        let mut keys = HashSet::new();
        let mut failed = None;
        query.query_terms(&mut |term, _| {
            if ![fields.text, fields.other_text].contains(&term.field()) || failed.is_some() {
                return;
            }
            let value = term.value();
            let Some(word) = value.as_str() else {
                return;
            };
            if keys.contains(word) {
                return;
            }
            match searcher.doc_freq(term) {
                Ok(0) => {}
                Ok(_) => {
                    keys.insert(word.to_string());
                }
                Err(e) => failed = Some(e),
            }
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
        let mut exact_words = HashSet::new();
        query.query_terms(&mut |term, needs_positions| {
            if [fields.exact, fields.other_exact].contains(&term.field())
                && !needs_positions
                && let Some(word) = term.value().as_str()
            {
                exact_words.insert(word.to_string());
            }
        });
        Ok(Snippets {
            keys,
            analyzer: analyzer.clone(),
            exact_words,
            phrases: phrases.into_iter().filter(|p| !p.is_empty()).collect(),
            max_len: max_len.max(20),
        })
    }

    /// The best passage of `text`, HTML-escaped, with the matches in `<b>…</b>` and `…`
    /// where the passage is cut.
    pub(crate) fn html(&self, text: &str) -> String {
        let marks = self.marks(text);
        let range = window(text, &marks, self.max_len);
        render(text, range, &marks)
    }

    /// Every highlighted byte range of `text`, sorted, overlaps merged.
    pub(crate) fn marks(&self, text: &str) -> Vec<Range<usize>> {
        let mut marks: Vec<Range<usize>> = Vec::new();
        // Words in order, for phrases only.
        let mut words = Vec::new();
        self.analyzer.analyze_with(text, |t| {
            // As the `text` field indexes a word: not a stop word, its key and the keys
            // of its compound parts.
            let analysed = !t.stop
                && !t.key.is_empty()
                && (self.keys.contains(t.key)
                    || t.part_stems
                        .iter()
                        .any(|p| !p.is_empty() && self.keys.contains(p)));
            if analysed || self.exact_words.contains(t.norm) {
                marks.push(t.start..t.end);
            }
            if !self.phrases.is_empty() {
                words.push(Word {
                    norm: t.norm.to_string(),
                    start: t.start,
                    end: t.end,
                    position: t.position,
                });
            }
        });
        for i in 0..words.len() {
            for phrase in &self.phrases {
                let run = &words[i..];
                let matches = run.len() >= phrase.len()
                    && run.iter().zip(phrase).enumerate().all(|(k, (t, w))| {
                        t.norm == *w && t.position == words[i].position + k as u32
                    });
                if matches {
                    marks.extend(run[..phrase.len()].iter().map(|t| t.start..t.end));
                }
            }
        }
        marks.sort_by_key(|r| (r.start, r.end));
        // Overlapping marks become one, and so do marked words with only a space between
        // them (a phrase reads as one mark).
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
        for r in marks {
            match merged.last_mut() {
                Some(last)
                    if r.start <= last.end
                        || (r.start - last.end <= 2
                            && text[last.end..r.start].chars().all(char::is_whitespace)) =>
                {
                    last.end = last.end.max(r.end)
                }
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// What highlighting needs of a token.
struct Word {
    norm: String,
    start: usize,
    end: usize,
    position: u32,
}

/// The window of at most `max_len` bytes holding the most marks (the earliest such),
/// with some context before the first mark, cut at spaces.
fn window(text: &str, marks: &[Range<usize>], max_len: usize) -> Range<usize> {
    if marks.is_empty() {
        return 0..cut(text, 0, max_len);
    }
    let (mut best, mut count) = (0, 0);
    for i in 0..marks.len() {
        let limit = marks[i].start + max_len;
        let n = marks[i..].iter().take_while(|m| m.end <= limit).count();
        if n > count {
            (best, count) = (i, n);
        }
    }
    let first = marks[best].start;
    let last = marks[best + count.max(1) - 1].end;
    let slack = max_len.saturating_sub(last - first);
    let mut start = text.floor_char_boundary(first.saturating_sub(slack / 3));
    if start > 0 {
        // Start at a word: after the first space (or sentence end) in the context.
        match text[start..first].find(' ') {
            Some(sp) => start += sp + 1,
            None => start = first,
        }
    }
    if start <= 12 {
        start = 0;
    }
    start..cut(text, start, max_len).max(last)
}

/// End of a passage from `start` of at most `max_len` bytes: the text's end, or a space
/// near the limit, or the char boundary at the limit.
fn cut(text: &str, start: usize, max_len: usize) -> usize {
    if text.len() - start <= max_len {
        return text.len();
    }
    let end = text.floor_char_boundary(start + max_len);
    match text[start..end].rfind([' ', '\n']) {
        Some(sp) if sp > max_len / 2 => start + sp,
        _ => end,
    }
}

fn render(text: &str, range: Range<usize>, marks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(range.len() + marks.len() * 7 + 6);
    if range.start > 0 {
        out.push('…');
    }
    let mut at = range.start;
    for m in marks
        .iter()
        .filter(|m| m.start >= range.start && m.end <= range.end)
    {
        escape(&mut out, &text[at..m.start]);
        out.push_str("<b>");
        escape(&mut out, &text[m.start..m.end]);
        out.push_str("</b>");
        at = m.end;
    }
    escape(&mut out, &text[at..range.end]);
    if range.end < text.trim_end().len() {
        out.push('…');
    }
    out
}

fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Plain text of a snippet for a terminal: `<b>` marks become `bold` (or `*…*` when not
/// `bold`) and entities are decoded.
pub fn snippet_to_terminal(html: &str, bold: bool) -> String {
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("*", "*")
    };
    html.replace("<b>", on)
        .replace("</b>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_escapes_and_marks() {
        let text = "a <b> & beredskap c";
        let s = text.find("beredskap").unwrap();
        let mark = s..s + 9;
        let html = render(text, 0..text.len(), std::slice::from_ref(&mark));
        assert_eq!(html, "a &lt;b&gt; &amp; <b>beredskap</b> c");
        assert_eq!(snippet_to_terminal(&html, false), "a <b> & *beredskap* c");
    }

    #[test]
    fn render_marks_cut_passages() {
        let text = "første andre tredje";
        assert_eq!(render(text, 8..13, &[]), "…andre…");
    }

    #[test]
    fn cut_stays_on_char_boundaries_and_prefers_spaces() {
        let text = "Røst kommune er en liten øykommune";
        let end = cut(text, 0, 16);
        assert!(text.is_char_boundary(end));
        assert_eq!(&text[..end], "Røst kommune");
        assert_eq!(cut("æææ", 0, 3), 2);
        assert_eq!(cut(text, 6, 100), text.len());
    }

    #[test]
    fn the_window_holds_the_most_marks_and_starts_at_a_word() {
        let text = "a b c d e f g h i j k l m n o p q r s t beredskap x beredskap y z æ ø å";
        let at: Vec<Range<usize>> = text
            .match_indices("beredskap")
            .map(|(i, w)| i..i + w.len())
            .collect();
        let w = window(text, &[0..1, at[0].clone(), at[1].clone()], 30);
        assert!(
            w.start <= at[0].start && at[1].end <= w.end,
            "{:?}",
            &text[w.clone()]
        );
        assert!(w.len() <= 30 + 2);
        assert!(w.start == 0 || text[..w.start].ends_with(' '));
        assert_eq!(window(text, &[], 10), 0..9);
    }
}
