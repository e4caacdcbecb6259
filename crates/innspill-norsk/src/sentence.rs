//! Sentence splitting on top of the tokeniser's segments.
//!
//! [`SentenceSplitter`] is fed the [`Segment`]s of a text in order and says which
//! sentence each belongs to. A sentence ends:
//!
//! - after `.`, `!`, `?`, `…` (and closing quotes or brackets after them) when the next
//!   word does not start with a lower-case letter;
//! - after an abbreviation that often closes a list (`osv.`, `mv.`, `m.m.`) when the next
//!   word starts with a capital letter; other abbreviations (`bl.a.`, `f.eks.`, `jf.`,
//!   `nr.`) never end a sentence;
//! - after a colon when the next word starts with a capital letter;
//! - at a blank line (a paragraph break);
//! - at a line break before a bullet (`•`), and at a line break after a short line
//!   without final punctuation (a heading) when the next line starts with a capital
//!   letter or a digit.
//!
//! Line breaks inside running text (text extracted from PDFs wraps every line) do not
//! end a sentence.

use crate::tokenize::{Segment, SegmentKind, abbreviation_may_end_sentence};

/// A line shorter than this (in bytes, trimmed) that ends without punctuation and is
/// followed by a capitalised line is taken as a heading.
const HEADING_MAX: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    /// After `.`, `!`, `?`, `…`.
    Terminal,
    /// After `:`.
    Colon,
    /// After `osv.`, `mv.` and the like.
    ListAbbreviation,
    /// After `,` `;` or a hyphen: the sentence surely goes on.
    Continues,
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '’' | '\'' | ')' | ']' | '}')
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '▪'
            | '◦'
            | '●'
            | '■'
            | '□'
            | '○'
            | '►'
            | '‣'
            | '⁃'
            | '\u{F0B7}'
            | '*'
            | '–'
            | '—'
    )
}

/// Assigns sentence numbers to segments (see the module docs for the rules).
#[derive(Debug, Clone)]
pub struct SentenceSplitter<'t> {
    text: &'t str,
    prev_end: Option<usize>,
    line_start: usize,
    pending: Pending,
    sentence: u32,
    lower: String,
}

impl<'t> SentenceSplitter<'t> {
    /// A splitter for the segments of `text`.
    pub fn new(text: &'t str) -> SentenceSplitter<'t> {
        SentenceSplitter {
            text,
            prev_end: None,
            line_start: 0,
            pending: Pending::None,
            sentence: 0,
            lower: String::new(),
        }
    }

    /// The 0-based sentence number of `seg`, the next segment of the text.
    pub fn push(&mut self, seg: &Segment) -> u32 {
        let text = self.text;
        let first = text
            .get(seg.start..)
            .and_then(|s| s.chars().next())
            .unwrap_or(' ');
        if let Some(prev_end) = self.prev_end {
            let gap = text.get(prev_end..seg.start).unwrap_or("");
            // Gaps are mostly a space: a plain loop over their bytes, not a search.
            let newline = gap.bytes().rposition(|b| b == b'\n');
            let blank_line = newline.is_some_and(|n| gap.as_bytes()[..n].contains(&b'\n'));
            let boundary = if blank_line {
                // A blank line (spaces between the breaks are allowed).
                true
            } else if newline.is_some() && is_bullet(first) {
                true
            } else {
                match self.pending {
                    Pending::Terminal => {
                        if gap.is_empty()
                            && (is_closing(first) || matches!(first, '.' | '!' | '?' | '…'))
                        {
                            false
                        } else {
                            !first.is_lowercase() && first != ','
                        }
                    }
                    // A colon at the end of a line introduces a quote, a list or a
                    // new sentence on the next line.
                    Pending::Colon if newline.is_some() => {
                        first.is_uppercase() || matches!(first, '«' | '"' | '“' | '-' | '–' | '—')
                    }
                    Pending::Colon | Pending::ListAbbreviation => {
                        !gap.is_empty() && first.is_uppercase()
                    }
                    Pending::Continues => false,
                    Pending::None => {
                        newline.is_some()
                            && (first.is_uppercase() || first.is_ascii_digit())
                            && text[self.line_start..prev_end].trim().len() < HEADING_MAX
                    }
                }
            };
            if boundary {
                self.sentence += 1;
            }
            if let Some(n) = newline {
                self.line_start = prev_end + n + 1;
            }
        }
        // Bullets start a new line's sentence themselves, so nothing pends after them.
        self.pending = match seg.kind {
            SegmentKind::Punctuation => match first {
                '.' | '!' | '?' | '…' => Pending::Terminal,
                ':' => Pending::Colon,
                ',' | ';' | '-' => Pending::Continues,
                c if is_closing(c) && self.pending == Pending::Terminal => Pending::Terminal,
                _ => Pending::None,
            },
            SegmentKind::Abbreviation => {
                self.lower.clear();
                crate::normalize::lowercase_into(&text[seg.start..seg.end], &mut self.lower);
                if abbreviation_may_end_sentence(&self.lower) {
                    Pending::ListAbbreviation
                } else {
                    Pending::Continues
                }
            }
            // A truncated compound (`helse-`) or a short lower-case function word at the
            // end of a line (`til`, `i`, `og`) goes on on the next line.
            SegmentKind::Word
                if text[seg.start..seg.end].ends_with('-')
                    || (seg.end - seg.start <= 3
                        && text[seg.start..seg.end].chars().all(char::is_lowercase)) =>
            {
                Pending::Continues
            }
            _ => Pending::None,
        };
        self.prev_end = Some(seg.end);
        self.sentence
    }
}

/// The sentences of `text` as byte ranges (from the first to the last segment of each).
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut splitter = SentenceSplitter::new(text);
    crate::Tokenizer::new().for_each(text, |seg| {
        let n = splitter.push(&seg) as usize;
        if n < out.len() {
            out[n].end = seg.end;
        } else {
            out.push(seg.start..seg.end);
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per case: text, then the expected sentences.
    macro_rules! test_sentences {
        ($($text:expr => [$($want:expr),* $(,)?];)*) => {$(
            {
                let text: &str = $text;
                let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(
                    got, want,
                    "split sentences of {text:?}\nhelp: see the rules in sentence.rs"
                );
            }
        )*};
    }

    #[test]
    fn splits_norwegian_sentences() {
        test_sentences! {
            "Vi mener dette. Staten må lytte!" => ["Vi mener dette.", "Staten må lytte!"];
            "Dette gjelder bl.a. Røst. Og f.eks. Værøy." => ["Dette gjelder bl.a. Røst.", "Og f.eks. Værøy."];
            "Jf. kap. 5 og nr. 3 i loven." => ["Jf. kap. 5 og nr. 3 i loven."];
            "Skoler, barnehager osv. Neste punkt." => ["Skoler, barnehager osv.", "Neste punkt."];
            "Den 17. mai feires." => ["Den 17. mai feires."];
            "«Er det slik?» spurte han. Ja." => ["«Er det slik?» spurte han.", "Ja."];
            "«Tid for taktskifte.» Det er tittelen." => ["«Tid for taktskifte.»", "Det er tittelen."];
            "Innledning\n\nKommunestyret viser til\nKS’ debatthefte." => ["Innledning", "Kommunestyret viser til\nKS’ debatthefte."];
            "Tid for taktskifte\nKommunestyret mener at dette er viktig." => ["Tid for taktskifte", "Kommunestyret mener at dette er viktig."];
            "ta utgangspunkt i:\n• behovet for prioritering\n• arbeidskraftmangel" => ["ta utgangspunkt i:", "• behovet for prioritering", "• arbeidskraftmangel"];
            "Det har to former: Retrograd og anterograd." => ["Det har to former:", "Retrograd og anterograd."];
            "Sjå dette: ein ting." => ["Sjå dette: ein ting."];
            "Hva nå?! Ingen vet." => ["Hva nå?!", "Ingen vet."];
            "" => [];
        }
    }
}
