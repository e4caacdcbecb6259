//! Which of the booklet's questions a statement section answers.

use innspill_model::BookletQuestion;
use innspill_norsk::Analyzer;

/// One numbered question of a debate booklet, with the word beginnings that tell an
/// answer to it (matched against the analyser's normalised tokens, so `beredskap`
/// matches `beredskapen`, `beredskapsevne` and `beredskapssituasjoner`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question's number in the booklet (1-based).
    pub number: u8,
    /// Lower-case word beginnings, Bokmål and Nynorsk.
    pub cues: Vec<String>,
}

impl Question {
    /// A question with its cues.
    pub fn new(number: u8, cues: &[&str]) -> Question {
        Question {
            number,
            cues: cues.iter().map(|c| c.to_lowercase()).collect(),
        }
    }
}

impl From<&BookletQuestion> for Question {
    fn from(q: &BookletQuestion) -> Question {
        Question {
            number: q.number,
            cues: q.cues.iter().map(|c| c.to_lowercase()).collect(),
        }
    }
}

/// The question a section answers: by its heading first (`Spørsmål 2`, or the cues of one
/// question only), else by its body when one question's cues clearly dominate.
pub(crate) fn question_of(
    analyzer: &Analyzer,
    questions: &[Question],
    heading: Option<&str>,
    body: &[&str],
) -> Option<u8> {
    if questions.is_empty() {
        return None;
    }
    if let Some(h) = heading {
        if let Some(n) = explicit(h).filter(|n| questions.iter().any(|q| q.number == *n)) {
            return Some(n);
        }
        let scores = score(analyzer, questions, h);
        if let Some(i) = clear_winner(&scores, 1, 1.0) {
            return Some(questions[i].number);
        }
        // A tie in a heading goes to the theme named first:
        // «Beredskap må integreres i velferdspolitikken» answers the preparedness question.
        if let Some(q) = named_first(analyzer, questions, h, &scores) {
            return Some(q);
        }
    }
    let mut scores = vec![0usize; questions.len()];
    for p in body {
        for (s, t) in scores.iter_mut().zip(score(analyzer, questions, p)) {
            *s += t;
        }
    }
    clear_winner(&scores, 3, 2.0).map(|i| questions[i].number)
}

/// `Spørsmål 2`, `spørsmål nr. 2`, `KS spør 2`, `Svar på spørsmål 3`.
fn explicit(heading: &str) -> Option<u8> {
    let lower = heading.to_lowercase();
    let i = lower
        .find("spørsmål")
        .map(|i| i + "spørsmål".len())
        .or_else(|| lower.find("ks spør").map(|i| i + "ks spør".len()))?;
    let rest = lower[i..].trim_start_matches(|c: char| !c.is_ascii_digit() && c != '\n');
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let between = &lower[i..lower.len() - rest.len()];
    if between.chars().count() > 6 {
        return None;
    }
    digits.parse().ok()
}

fn named_first(
    analyzer: &Analyzer,
    questions: &[Question],
    text: &str,
    scores: &[usize],
) -> Option<u8> {
    let top = *scores.iter().max()?;
    if top == 0 {
        return None;
    }
    analyzer.analyze(text).iter().find_map(|t| {
        questions
            .iter()
            .zip(scores)
            .find(|(q, s)| **s == top && q.cues.iter().any(|c| t.norm.starts_with(c.as_str())))
            .map(|(q, _)| q.number)
    })
}

fn score(analyzer: &Analyzer, questions: &[Question], text: &str) -> Vec<usize> {
    let tokens = analyzer.analyze(text);
    questions
        .iter()
        .map(|q| {
            tokens
                .iter()
                .filter(|t| q.cues.iter().any(|c| t.norm.starts_with(c.as_str())))
                .count()
        })
        .collect()
}

/// The index of the top score when it is at least `min` and `ratio` times the runner-up
/// (strictly more when `ratio` is 1).
fn clear_winner(scores: &[usize], min: usize, ratio: f64) -> Option<usize> {
    let (best, &top) = scores
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| (s, usize::MAX - i))?;
    let second = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, &s)| s)
        .max()
        .unwrap_or(0);
    let clear = if ratio <= 1.0 {
        top > second
    } else {
        top as f64 >= ratio * second as f64
    };
    (top >= min && clear).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(heading: Option<&str>, body: &[&str]) -> Option<u8> {
        let questions: Vec<Question> = crate::builtin_booklets()[0]
            .questions
            .iter()
            .map(Question::from)
            .collect();
        question_of(&Analyzer::default(), &questions, heading, body)
    }

    #[test]
    fn by_heading() {
        assert_eq!(
            q(
                Some("1. Taktskifte forutsetter tydelige prioriteringer"),
                &[]
            ),
            Some(1)
        );
        assert_eq!(
            q(Some("2. Arbeidskraft er den største begrensningen"), &[]),
            Some(2)
        );
        assert_eq!(
            q(Some("3. Beredskap må integreres i velferdspolitikken"), &[]),
            Some(3)
        );
        assert_eq!(q(Some("Svar på spørsmål 3"), &[]), Some(3));
        assert_eq!(q(Some("Spørsmål 2: Arbeidskraft"), &[]), Some(2));
    }

    #[test]
    fn by_body_when_clear() {
        assert_eq!(
            q(
                Some("3. Beredskap må integreres i velferdspolitikken"),
                &[
                    "Røst kommune er særlig sårbar i krise- og beredskapssituasjoner. \
                   Styrket beredskap må være en integrert del av arbeidet."
                ]
            ),
            Some(3)
        );
        assert_eq!(
            q(
                Some("4. Like krav gir ikke likeverdige tjenester"),
                &["Statlig detaljstyring svekker handlingsrommet."]
            ),
            None
        );
        assert_eq!(
            q(
                None,
                &["Uttalelsen svarer på endringstakt, arbeidskraft og beredskap."]
            ),
            None
        );
    }
}
