//! The debate booklets of the sample world, one a year, written as data (`booklet/*.tsv`):
//! KS' real 2026 booklet (the reference text in `corpus/reference/`) and a fictional
//! booklet for 2027 (`booklet/ks-2027-veivalg-for-fellesskapet.txt`) with four
//! questions in another order, so that a statement of one year answers other question
//! numbers than the same theme did the year before.

use serde::Serialize;

use crate::bank::THEMES;

/// The 2026 booklet's description.
const TSV_2026: &str = include_str!("../booklet/2026.tsv");
/// The fictional 2027 booklet's description.
const TSV_2027: &str = include_str!("../booklet/2027.tsv");
/// The fictional 2027 booklet's text.
const TEXT_2027: &str = include_str!("../booklet/ks-2027-veivalg-for-fellesskapet.txt");

/// One question of a booklet and the theme a statement section on it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookletQuestion {
    /// Its number in the booklet.
    pub number: u8,
    /// The question as the booklet asks it.
    pub text: String,
    /// The theme (codebook id) of the statement sections that answer it.
    pub theme: &'static str,
}

/// A booklet of the sample world.
#[derive(Debug, Clone)]
pub(crate) struct Booklet {
    /// The year whose statements answer it.
    pub year: u16,
    /// Its title.
    pub title: String,
    /// Where its text is, relative to the workspace.
    pub path: String,
    /// Its text.
    pub text: &'static str,
    /// The first line of its chapters (after the foreword), 1-based.
    pub body: usize,
    /// The first line of its second part (a document may quote one part).
    pub split: usize,
    /// Its questions.
    pub questions: Vec<BookletQuestion>,
}

impl Booklet {
    fn parse(tsv: &str, text: &'static str) -> Booklet {
        let mut b = Booklet {
            year: 0,
            title: String::new(),
            path: String::new(),
            text,
            body: 1,
            split: 1,
            questions: Vec::new(),
        };
        for line in tsv.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["year", y] => b.year = y.parse().expect("a year (tested)"),
                ["title", t] => b.title = (*t).to_string(),
                ["text", p] => b.path = (*p).to_string(),
                ["body", n] => b.body = n.parse().expect("a line (tested)"),
                ["split", n] => b.split = n.parse().expect("a line (tested)"),
                ["question", n, q, theme] => b.questions.push(BookletQuestion {
                    number: n.parse().expect("a number (tested)"),
                    text: (*q).to_string(),
                    theme: THEMES
                        .iter()
                        .map(|(t, _)| *t)
                        .find(|t| t == theme)
                        .expect("a theme of the codebook (tested)"),
                }),
                _ => {}
            }
        }
        b
    }

    /// The number of the question a section on `theme` answers, if any.
    pub(crate) fn question_of(&self, theme: &str) -> Option<u8> {
        self.questions
            .iter()
            .find(|q| q.theme == theme)
            .map(|q| q.number)
    }

    /// The order of theme sections in a statement: the booklet's questions first, in
    /// their order, then the themes it asks nothing about.
    pub(crate) fn theme_rank(&self, theme: &str) -> usize {
        self.questions
            .iter()
            .position(|q| q.theme == theme)
            .unwrap_or(self.questions.len())
    }

    /// Lines of the text.
    pub(crate) fn line_count(&self) -> usize {
        self.text.lines().count()
    }
}

/// The booklets of the sample world, by year.
pub(crate) fn booklets() -> Vec<Booklet> {
    vec![
        Booklet::parse(TSV_2026, crate::generate::BOOKLET),
        Booklet::parse(TSV_2027, TEXT_2027),
    ]
}

/// The booklet that the statements of `year` answer: that year's; a year without one (the
/// scale corpora's 2028–2075) answers the first (2026) under its own year's name, as the
/// scale corpora always did, so that a world of many years keeps the volume of quoted
/// booklet text that the benchmarks were measured on (the fictional 2027 booklet is a
/// sixth of the length of the real 2026 one).
pub(crate) fn booklet_of(booklets: &[Booklet], year: u16) -> &Booklet {
    booklets
        .iter()
        .find(|b| b.year == year)
        .unwrap_or(&booklets[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booklets_parse_with_their_questions_chapters_and_title() {
        let b = booklets();
        assert_eq!(
            b.iter()
                .map(|b| (b.year, b.questions.len()))
                .collect::<Vec<_>>(),
            vec![(2026, 3), (2027, 4)]
        );
        assert_eq!(b[1].title, "Veivalg for fellesskapet");
        assert_ne!(b[0].title, b[1].title);
        for bk in &b {
            assert!(bk.body > 1 && bk.body < bk.split && bk.split < bk.line_count());
            assert!(bk.text.contains(&format!("debatthefte {}", bk.year)) || bk.year == 2026);
            // Every question is asked in the text (line breaks aside).
            let flat = bk.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let flat = flat.replace("/ ", "/");
            for q in &bk.questions {
                let start: String = q.text.chars().take(40).collect();
                assert!(flat.contains(&start), "{}: {start}", bk.year);
            }
        }
        // The same theme is another question in 2027: nothing can be right by accident.
        for theme in ["welfare", "workforce", "preparedness"] {
            assert_ne!(b[0].question_of(theme), b[1].question_of(theme), "{theme}");
        }
        assert_eq!(b[0].question_of("autonomy"), None);
        assert_eq!(booklet_of(&b, 2027).year, 2027);
        assert_eq!(booklet_of(&b, 2031).year, 2026);
        assert_eq!(booklet_of(&b, 2026).year, 2026);
    }
}
