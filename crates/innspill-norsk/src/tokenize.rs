//! Stage 3: tokenisation with Norwegian rules on top of Unicode word boundaries.
//!
//! [`Tokenizer`] cuts text into [`Segment`]s: words, numbers, abbreviations and
//! punctuation, each with byte offsets into the text. It works in two passes:
//!
//! 1. **Word boundaries** (UAX #29, as `unicode-segmentation` computes them). Text in
//!    Latin script (everything Norwegian) takes a fast path that gives the same
//!    boundaries as `unicode-segmentation` (a property test checks this); any
//!    whitespace-delimited run that holds other scripts, combining marks or emoji is
//!    handed to `unicode-segmentation` itself.
//! 2. **Norwegian rules** that merge pieces:
//!    - abbreviations from a committed list (`bl.a.`, `f.eks.`, `jf.`, `mv.`, `nr.`,
//!      `kap.`) and initials (`P. Hansen`) keep their period;
//!    - hyphenated compounds stay whole (`IKT-sikkerhet`, `ROS-analyse`, `Øst-Finnmark`),
//!      and a truncated first part keeps its hyphen (`helse-` in
//!      `helse- og omsorgstjenester`);
//!    - numbers with group spaces (`700 000`), decimals (`1,5`), dates (`22.02.2011`),
//!      percentages (`12,5 %`), section numbers (`§ 5-2`) and ordinals (`1. januar`);
//!    - a possessive apostrophe after `s`, `x` or `z` belongs to its word (`KS’`).

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{is_apostrophe, is_hyphen, is_ignorable, is_number_space};

/// What a [`Segment`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// A word (letters, possibly with digits and inner hyphens).
    Word,
    /// A number (`700 000`, `1,5`, `2026`, `12 %`, `§ 5-2`, `1.`).
    Number,
    /// An abbreviation with its period (`bl.a.`) or an initial (`P.`).
    Abbreviation,
    /// A punctuation mark or symbol (`.`, `,`, `«`, `...`).
    Punctuation,
}

/// One piece of tokenised text: `&text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Segment {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Word, number, abbreviation or punctuation.
    pub kind: SegmentKind,
    /// Whether the segment ends with a possessive apostrophe (`KS’`).
    pub possessive: bool,
}

/// The committed abbreviation list (`data/abbreviations.txt`).
#[derive(Debug)]
struct Abbreviations {
    all: HashSet<&'static str>,
    ending: HashSet<&'static str>,
    longest: usize,
}

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");

fn abbreviations() -> &'static Abbreviations {
    static LIST: OnceLock<Abbreviations> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut all = HashSet::new();
        let mut ending = HashSet::new();
        for line in ABBREVIATIONS.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut fields = line.split_whitespace();
            let Some(word) = fields.next() else { continue };
            all.insert(word);
            if fields.next() == Some("end") {
                ending.insert(word);
            }
        }
        let longest = all.iter().map(|w| w.len()).max().unwrap_or(0);
        Abbreviations {
            all,
            ending,
            longest,
        }
    })
}

/// Whether the lower-cased abbreviation `abbr` (with its period) often ends a sentence
/// (`osv.`, `mv.`, `m.m.`).
pub(crate) fn abbreviation_may_end_sentence(abbr: &str) -> bool {
    abbreviations().ending.contains(abbr)
}

/// A piece from the first pass: a word (by UAX #29) or one punctuation mark.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    word: bool,
}

/// Word-boundary class of a character, as far as the fast path needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_` and friends (UAX #29 ExtendNumLet): glue inside words.
    Glue,
}

fn class_of(c: char) -> Option<Class> {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Some(Class::Letter)
        } else if c.is_ascii_digit() {
            Some(Class::Digit)
        } else if c == '_' {
            Some(Class::Glue)
        } else {
            None
        };
    }
    if (c as u32) < 0x100 {
        // Latin-1: the letters of Norwegian and its neighbours, without a table lookup.
        // Superscripts and fractions are not numbers to UAX #29.
        return matches!(c, 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' | 'ª' | 'µ' | 'º')
            .then_some(Class::Letter);
    }
    if c.is_alphabetic() {
        Some(Class::Letter)
    } else if c.is_numeric() {
        Some(Class::Digit)
    } else if matches!(c, '\u{203F}' | '\u{2040}' | '\u{2054}') {
        Some(Class::Glue)
    } else {
        None
    }
}

/// Whether the fast path can classify `c`; everything else goes to
/// `unicode-segmentation`.
fn is_simple(c: char) -> bool {
    let u = c as u32;
    u < 0x0300
        || (0x2000..=0x20CF).contains(&u)
        || (0x2100..=0x2BFF).contains(&u)
        || (0xE000..=0xF8FF).contains(&u)
        || u == 0xFEFF
}

fn is_mid_letter(c: char) -> bool {
    matches!(c, ':' | '\u{B7}' | '\u{2027}')
}

fn is_mid_num_let(c: char) -> bool {
    matches!(c, '.' | '\'' | '\u{2018}' | '\u{2019}' | '\u{2024}')
}

fn is_mid_num(c: char) -> bool {
    matches!(c, ',' | ';' | '\u{2044}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Splits text into [`Segment`]s. Cheap to create and to copy; never fails.
///
/// ```
/// use innspill_norsk::{SegmentKind, Tokenizer};
///
/// let text = "Jf. § 5-2 skal bl.a. IKT-sikkerhet koste 700 000 kr.";
/// let words: Vec<&str> = Tokenizer::new()
///     .segments(text)
///     .iter()
///     .filter(|s| s.kind != SegmentKind::Punctuation)
///     .map(|s| &text[s.start..s.end])
///     .collect();
/// assert_eq!(words, ["Jf.", "§ 5-2", "skal", "bl.a.", "IKT-sikkerhet", "koste", "700 000", "kr."]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Tokenizer {
    _private: (),
}

impl Tokenizer {
    /// A tokeniser with the committed abbreviation list.
    pub fn new() -> Tokenizer {
        Tokenizer { _private: () }
    }

    /// All segments of `text`, punctuation included.
    pub fn segments(&self, text: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        self.for_each(text, |s| out.push(s));
        out
    }

    /// Call `f` with each segment of `text` in order, punctuation included.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(Segment)) {
        let mut pieces = Vec::with_capacity(text.len() / 5 + 1);
        first_pass(text, &mut pieces);
        let mut merger = Merger {
            text,
            pieces: &pieces,
            lower: String::new(),
        };
        let mut i = 0;
        while i < pieces.len() {
            let (segment, next) = merger.segment_at(i);
            f(segment);
            i = next.max(i + 1);
        }
    }
}

/// First pass: UAX #29 word pieces and single punctuation marks; whitespace dropped.
fn first_pass(text: &str, out: &mut Vec<Piece>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Start of the current whitespace-delimited run, and how many pieces it has so far
    // (for handing the whole run to `unicode-segmentation` when the fast path cannot
    // classify a character).
    let mut run_start = 0;
    let mut run_pieces = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // What starts at `i`, and its length in bytes.
        let (what, n) = if b < 0x80 {
            if b.is_ascii_whitespace() || b == 0x0B {
                (Start::Space, 1)
            } else if b.is_ascii_alphanumeric() || b == b'_' {
                (Start::Word, 1)
            } else {
                (Start::Punct, 1)
            }
        } else {
            let c = char_at(text, i).unwrap_or('\u{FFFD}');
            let what = if is_space(c) {
                Start::Space
            } else if !is_simple(c) {
                Start::Other
            } else if is_ignorable(c) {
                Start::Ignorable
            } else if class_of(c).is_some() {
                Start::Word
            } else {
                Start::Punct
            };
            (what, c.len_utf8())
        };
        match what {
            Start::Space => {
                i += n;
                run_start = i;
                run_pieces = out.len();
            }
            // A format character outside a word joins nothing (UAX #29 attaches it to
            // what precedes it); it never makes a segment of its own.
            Start::Ignorable => i += n,
            Start::Punct => {
                out.push(Piece {
                    start: i,
                    end: i + n,
                    word: false,
                });
                i += n;
            }
            Start::Word => {
                if let Some(end) = scan_word(text, i) {
                    out.push(Piece {
                        start: i,
                        end,
                        word: true,
                    });
                    i = end;
                } else {
                    out.truncate(run_pieces);
                    i = fallback(text, run_start, out);
                }
            }
            Start::Other => {
                out.truncate(run_pieces);
                i = fallback(text, run_start, out);
            }
        }
    }
}

/// What the first pass finds at a position.
#[derive(Debug, Clone, Copy)]
enum Start {
    Space,
    Ignorable,
    Punct,
    Word,
    /// A character only `unicode-segmentation` can classify.
    Other,
}

/// The end of the word starting at `start`, or `None` when the word holds a character
/// the fast path cannot classify.
fn scan_word(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut last = Class::Glue;
    loop {
        // Letters, digits, glue and format characters.
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphabetic() {
                    last = Class::Letter;
                } else if b.is_ascii_digit() {
                    last = Class::Digit;
                } else if b == b'_' {
                    last = Class::Glue;
                } else {
                    break;
                }
                i += 1;
                continue;
            }
            let c = char_at(text, i)?;
            if !is_simple(c) {
                return None;
            }
            if let Some(class) = class_of(c) {
                last = class;
            } else if !is_ignorable(c) {
                break;
            }
            i += c.len_utf8();
        }
        // A middle character between two letters or two digits (`bl.a`, `1,5`, `O’Neil`).
        let Some(mid) = char_at(text, i) else {
            return Some(i);
        };
        // Format characters after the middle one are invisible to UAX #29 (WB4).
        let mut after = i + mid.len_utf8();
        while let Some(c) = char_at(text, after).filter(|&c| is_ignorable(c)) {
            after += c.len_utf8();
        }
        let Some(next) = char_at(text, after) else {
            return Some(i);
        };
        if !is_simple(next) {
            return None;
        }
        let joins = match (last, class_of(next)) {
            (Class::Letter, Some(Class::Letter)) => is_mid_letter(mid) || is_mid_num_let(mid),
            (Class::Digit, Some(Class::Digit)) => is_mid_num(mid) || is_mid_num_let(mid),
            _ => false,
        };
        if !joins {
            return Some(i);
        }
        i = after;
    }
}

/// Hand the whitespace-delimited run at `start` to `unicode-segmentation`; returns its
/// end.
fn fallback(text: &str, start: usize, out: &mut Vec<Piece>) -> usize {
    let end = text[start..]
        .char_indices()
        .find(|&(_, c)| is_space(c))
        .map_or(text.len(), |(i, _)| start + i);
    for (off, seg) in text[start..end].split_word_bound_indices() {
        let word = seg.chars().any(|c| class_of(c).is_some());
        if !word && seg.chars().all(|c| is_space(c) || is_ignorable(c)) {
            continue;
        }
        out.push(Piece {
            start: start + off,
            end: start + off + seg.len(),
            word,
        });
    }
    end
}

/// Whether `s` is two or more single letters each followed by a period (`H.S.`).
fn is_letters_with_periods(s: &str) -> bool {
    let mut n = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() || chars.next() != Some('.') {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Second pass: Norwegian rules merging pieces into segments.
struct Merger<'a> {
    text: &'a str,
    pieces: &'a [Piece],
    lower: String,
}

impl Merger<'_> {
    fn first_char(&self, p: Piece) -> char {
        char_at(self.text, p.start).unwrap_or(' ')
    }

    fn is_punct(&self, j: usize, at: usize, pred: impl Fn(char) -> bool) -> bool {
        self.pieces
            .get(j)
            .is_some_and(|p| !p.word && p.start == at && pred(self.first_char(*p)))
    }

    fn is_word_at(&self, j: usize, at: usize) -> bool {
        self.pieces.get(j).is_some_and(|p| p.word && p.start == at)
    }

    fn digits_only(&self, start: usize, end: usize) -> bool {
        self.text[start..end].bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether hyphen piece `j` is followed by a conjunction that ends the hyphen chain
    /// (`utenriks-og sikkerhet`, but not `berg-og-dal-bane`).
    fn glued_conjunction(&self, j: usize) -> bool {
        let Some(hyphen) = self.pieces.get(j) else {
            return false;
        };
        if !self.is_word_at(j + 1, hyphen.end) {
            return false;
        }
        let word = self.pieces[j + 1];
        matches!(&self.text[word.start..word.end], "og" | "eller")
            && !self.is_punct(j + 2, word.end, is_hyphen)
    }

    /// The segment that starts with piece `i`, and the index of the piece after it.
    fn segment_at(&mut self, i: usize) -> (Segment, usize) {
        let p = self.pieces[i];
        if p.word {
            return self.word_at(i);
        }
        let c = self.first_char(p);
        let mut seg = Segment {
            start: p.start,
            end: p.end,
            kind: SegmentKind::Punctuation,
            possessive: false,
        };
        let mut j = i + 1;
        if c == '.' {
            // `...` is one mark.
            while self.is_punct(j, seg.end, |c| c == '.') {
                seg.end = self.pieces[j].end;
                j += 1;
            }
        } else if c == '§' {
            // `§ 5-2`, `§§ 5-2`
            while self.is_punct(j, seg.end, |c| c == '§') {
                seg.end = self.pieces[j].end;
                j += 1;
            }
            let mut at = seg.end;
            if let Some(s) = char_at(self.text, at).filter(|&s| is_number_space(s)) {
                at += s.len_utf8();
            }
            if self.is_word_at(j, at) && self.first_char(self.pieces[j]).is_ascii_digit() {
                let (number, next) = self.word_at(j);
                seg.end = number.end;
                seg.kind = SegmentKind::Number;
                j = next;
            }
        }
        (seg, j)
    }

    fn word_at(&mut self, i: usize) -> (Segment, usize) {
        let p = self.pieces[i];
        let text = self.text;
        let mut end = p.end;
        let mut j = i + 1;
        // Hyphenated compounds: `IKT-sikkerhet`, `Øst-Finnmark`, `5-2`, `F-35`; but not a
        // conjunction glued to a truncated part (`utenriks-og`).
        while self.is_punct(j, end, is_hyphen)
            && self.is_word_at(j + 1, self.pieces[j].end)
            && !self.glued_conjunction(j)
        {
            end = self.pieces[j + 1].end;
            j += 2;
        }
        let has_letter = text[p.start..end]
            .chars()
            .any(|c| class_of(c) == Some(Class::Letter));
        let mut seg = Segment {
            start: p.start,
            end,
            kind: if has_letter {
                SegmentKind::Word
            } else {
                SegmentKind::Number
            },
            possessive: false,
        };
        // A truncated first part keeps its hyphen: `helse- og omsorgstjenester`,
        // `50- og 60-tallet`, also without the space (`utenriks-og sikkerhetspolitikk`).
        if self.is_punct(j, end, is_hyphen)
            && (char_at(text, self.pieces[j].end).is_none_or(|c| is_space(c) || c == ',')
                || self.glued_conjunction(j))
        {
            seg.end = self.pieces[j].end;
            return (seg, j + 1);
        }
        // E-mail addresses: `post@ks.no`.
        if self.is_punct(j, end, |c| c == '@') && self.is_word_at(j + 1, self.pieces[j].end) {
            let domain = self.pieces[j + 1];
            if text[domain.start..domain.end].contains('.') {
                seg.end = domain.end;
                seg.kind = SegmentKind::Word;
                return (seg, j + 2);
            }
        }
        if j > i + 1 {
            return (seg, j);
        }
        if !has_letter {
            return self.number_rules(seg, j);
        }
        // Abbreviations and initials keep their period.
        if self.is_punct(j, end, |c| c == '.') {
            let with_dot = &text[p.start..self.pieces[j].end];
            if with_dot.len() <= abbreviations().longest {
                self.lower.clear();
                crate::normalize::lowercase_into(with_dot, &mut self.lower);
                if abbreviations().all.contains(self.lower.as_str()) {
                    seg.end = self.pieces[j].end;
                    seg.kind = SegmentKind::Abbreviation;
                    return (seg, j + 1);
                }
            }
            // Initials: `P. Hansen`; letters with periods: `H.S.`, `N.Y.`, `t.v.`.
            let mut letters = text[p.start..end].chars();
            let initial =
                letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
            if initial && self.next_word_starts(self.pieces[j].end, char::is_uppercase)
                || is_letters_with_periods(with_dot)
            {
                seg.end = self.pieces[j].end;
                seg.kind = SegmentKind::Abbreviation;
                return (seg, j + 1);
            }
        }
        // Possessive apostrophe after s, x, z: `KS’`, `Lars’`.
        if self.is_punct(j, end, is_apostrophe)
            && text[p.start..end]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, 's' | 'S' | 'x' | 'X' | 'z' | 'Z'))
        {
            seg.end = self.pieces[j].end;
            seg.possessive = true;
            return (seg, j + 1);
        }
        (seg, j)
    }

    /// Whether, after one run of spaces (no blank line) from `at`, the next word's first
    /// character satisfies `pred`.
    fn next_word_starts(&self, at: usize, pred: impl Fn(char) -> bool) -> bool {
        let rest = &self.text[at..];
        let trimmed = rest.trim_start();
        trimmed.len() < rest.len()
            && !rest[..rest.len() - trimmed.len()].contains("\n\n")
            && trimmed.chars().next().is_some_and(pred)
    }

    /// Group spaces, percentages and ordinals for the number in `seg`.
    fn number_rules(&mut self, mut seg: Segment, mut j: usize) -> (Segment, usize) {
        let text = self.text;
        // `700 000`, `2 250`, `1 000 000,5`: a group of 1–3 digits followed by groups of
        // exactly three digits after one space.
        if seg.end - seg.start <= 3 && self.digits_only(seg.start, seg.end) {
            while let Some(s) = char_at(text, seg.end).filter(|&s| is_number_space(s)) {
                let at = seg.end + s.len_utf8();
                let Some(next) = self.pieces.get(j).filter(|n| n.word && n.start == at) else {
                    break;
                };
                let group = &text[next.start..next.end];
                let digits = group.bytes().take_while(u8::is_ascii_digit).count();
                let rest = &group[digits..];
                let decimals = rest.is_empty()
                    || rest.starts_with(',') && rest[1..].bytes().all(|b| b.is_ascii_digit());
                if digits != 3 || !decimals || self.is_punct(j + 1, next.end, is_hyphen) {
                    break;
                }
                seg.end = next.end;
                j += 1;
                if !rest.is_empty() {
                    break;
                }
            }
        }
        // Clock times: `04:30`, `9:15`.
        if seg.end - seg.start <= 2
            && self.is_punct(j, seg.end, |c| c == ':')
            && self.is_word_at(j + 1, seg.end + 1)
        {
            let minutes = self.pieces[j + 1];
            if minutes.end - minutes.start == 2 && self.digits_only(minutes.start, minutes.end) {
                seg.end = minutes.end;
                return (seg, j + 2);
            }
        }
        // `12,5 %`, `33%`
        let mut at = seg.end;
        if let Some(s) = char_at(text, at).filter(|&s| is_number_space(s)) {
            at += s.len_utf8();
        }
        if self.is_punct(j, at, |c| c == '%' || c == '‰') {
            seg.end = self.pieces[j].end;
            return (seg, j + 1);
        }
        // Ordinals: `1. januar`, `17. mai`; list numbers at the start of a line: `1. Tema`.
        if self.digits_only(seg.start, seg.end) && self.is_punct(j, seg.end, |c| c == '.') {
            let dot_end = self.pieces[j].end;
            let followed_lower = self.next_word_starts(dot_end, |c| c.is_lowercase());
            let line_start = text[..seg.start]
                .trim_end_matches([' ', '\t'])
                .ends_with('\n')
                || text[..seg.start].trim().is_empty();
            let list_number = line_start
                && seg.end - seg.start <= 2
                && char_at(text, dot_end).is_some_and(|c| c == ' ' || c == '\t');
            if followed_lower || list_number {
                seg.end = dot_end;
                return (seg, j + 1);
            }
        }
        (seg, j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokenise `$text` and compare the non-whitespace segments with `$want`, one line
    /// per case.
    macro_rules! test_tokenizer {
        ($($text:expr => [$($want:expr),* $(,)?];)*) => {$(
            {
                let text: &str = $text;
                let got: Vec<&str> = Tokenizer::new()
                    .segments(text)
                    .iter()
                    .map(|s| &text[s.start..s.end])
                    .collect();
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(
                    got, want,
                    "tokenise {text:?}\nhelp: see the Norwegian rules in tokenize.rs \
                     (abbreviations in data/abbreviations.txt)"
                );
            }
        )*};
    }

    #[test]
    fn norwegian_rules() {
        test_tokenizer! {
            "Kommunesektoren står overfor et veiskille." => ["Kommunesektoren", "står", "overfor", "et", "veiskille", "."];
            "bl.a. f.eks. jf. mv. nr. kap. ca. dvs. osv. m.m." => ["bl.a.", "f.eks.", "jf.", "mv.", "nr.", "kap.", "ca.", "dvs.", "osv.", "m.m."];
            "Bl.a. dette" => ["Bl.a.", "dette"];
            "IKT-sikkerhet og ROS-analyse i Øst-Finnmark" => ["IKT-sikkerhet", "og", "ROS-analyse", "i", "Øst-Finnmark"];
            "helse- og omsorgstjenester" => ["helse-", "og", "omsorgstjenester"];
            "utenriks-og sikkerhetspolitikk" => ["utenriks-", "og", "sikkerhetspolitikk"];
            "50- og 60-tallet" => ["50-", "og", "60-tallet"];
            "berg-og-dal-bane" => ["berg-og-dal-bane"];
            "klokken 04:30 på post@ks.no" => ["klokken", "04:30", "på", "post@ks.no"];
            "Eli H.S. og N.Y." => ["Eli", "H.S.", "og", "N.Y."];
            "700 000 kroner" => ["700 000", "kroner"];
            "1 200 000,50 kr" => ["1 200 000,50", "kr"];
            "1,5 prosent" => ["1,5", "prosent"];
            "12,5 % og 33%" => ["12,5 %", "og", "33%"];
            "etter § 5-2 i loven" => ["etter", "§ 5-2", "i", "loven"];
            "i 2026 og 2027" => ["i", "2026", "og", "2027"];
            "den 1. januar 2026." => ["den", "1.", "januar", "2026", "."];
            "1. Taktskifte forutsetter" => ["1.", "Taktskifte", "forutsetter"];
            "i 2026. Neste" => ["i", "2026", ".", "Neste"];
            "KS’ debatthefte" => ["KS’", "debatthefte"];
            "KS' debatthefte" => ["KS'", "debatthefte"];
            "«Tid for taktskifte»" => ["«", "Tid", "for", "taktskifte", "»"];
            "O’Neil og I'm" => ["O’Neil", "og", "I'm"];
            "Dette er ... slutt…" => ["Dette", "er", "...", "slutt", "…"];
            "P. Hansen kom" => ["P.", "Hansen", "kom"];
            "plan B." => ["plan", "B", "."];
            "22.02.2011 og 3.5.4" => ["22.02.2011", "og", "3.5.4"];
            "Aftenposten.no skriver" => ["Aftenposten.no", "skriver"];
            "sikker\u{AD}hetspolitisk" => ["sikker\u{AD}hetspolitisk"];
            "• behovet" => ["•", "behovet"];
            "CO2-fjerning F-35" => ["CO2-fjerning", "F-35"];
            "Oslo – Bergen" => ["Oslo", "–", "Bergen"];
            "" => [];
            "   " => [];
        }
    }

    #[test]
    fn other_scripts_use_unicode_segmentation() {
        test_tokenizer! {
            "café e\u{301}n" => ["café", "e\u{301}n"];
            "日本語 ok" => ["日", "本", "語", "ok"];
            "😀 hei" => ["😀", "hei"];
        }
    }

    #[test]
    fn kinds() {
        let text = "Jf. § 5-2 koster 700 000 kr, dvs. 12 %.";
        let kinds: Vec<(&str, SegmentKind)> = Tokenizer::new()
            .segments(text)
            .iter()
            .map(|s| (&text[s.start..s.end], s.kind))
            .collect();
        use SegmentKind::*;
        assert_eq!(
            kinds,
            [
                ("Jf.", Abbreviation),
                ("§ 5-2", Number),
                ("koster", Word),
                ("700 000", Number),
                ("kr", Word),
                (",", Punctuation),
                ("dvs.", Abbreviation),
                ("12 %", Number),
                (".", Punctuation),
            ]
        );
    }

    #[test]
    fn abbreviation_list_is_clean() {
        for line in ABBREVIATIONS.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let word = line.split_whitespace().next().unwrap_or("");
            assert!(
                word.ends_with('.') && word == word.to_lowercase(),
                "abbreviation {word:?}\nhelp: one lower-case abbreviation a line, with its period"
            );
        }
        assert!(abbreviation_may_end_sentence("osv."));
        assert!(!abbreviation_may_end_sentence("bl.a."));
    }
}
