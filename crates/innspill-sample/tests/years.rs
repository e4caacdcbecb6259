//! A world of two years (`--years 2`): the 2027 statements answer the fictional 2027
//! booklet (its own title, four questions, its own text quoted), and the planted
//! year-over-year changes came out with their sign.

use std::sync::OnceLock;

use innspill_sample::{Config, Sample, TruthDocument, YEAR_CHANGES};

fn two_years() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        innspill_sample::generate(&Config {
            years: 2,
            ..Config::default()
        })
        .unwrap()
    })
}

fn readable(s: &Sample, year: u16) -> Vec<&TruthDocument> {
    s.truth
        .documents
        .iter()
        .filter(|d| d.year == year && d.statement.is_some() && d.duplicate_of.is_none())
        .collect()
}

#[test]
fn the_first_year_is_the_one_year_world() {
    let one = innspill_sample::generate(&Config::default()).unwrap();
    let two = two_years();
    for f in one
        .files
        .iter()
        .filter(|f| f.path.starts_with("dokumenter/"))
    {
        let again = two.files.iter().find(|g| g.path == f.path);
        assert!(
            again.is_some_and(|g| g.bytes == f.bytes),
            "{} differs",
            f.path
        );
    }
    assert_eq!(two.truth.years, vec![2026, 2027]);
    assert!(one.truth.year_changes.is_empty());
    assert_eq!(one.truth.booklets.len(), 1);
    assert_eq!(
        one.truth.booklets[0].file, None,
        "2026 is built into innspill"
    );
}

#[test]
fn the_2027_booklet_is_written_beside_the_documents_with_four_questions() {
    let s = two_years();
    let b = s.truth.booklets.iter().find(|b| b.year == 2027).unwrap();
    assert_eq!(b.title, "Veivalg for fellesskapet");
    assert_eq!(b.questions.len(), 4);
    let file = b.file.as_deref().unwrap();
    assert!(file.starts_with("reference/"), "{file}");
    let text = s.files.iter().find(|f| f.path == file).unwrap();
    let text = String::from_utf8(text.bytes.clone()).unwrap();
    assert!(text.contains("KS debatthefte 2027") && text.contains("KS spør"));
    assert!(text.starts_with("Eksempeldata"), "fictional, and says so");
}

#[test]
fn statements_of_2027_answer_its_booklet_and_not_the_2026_one() {
    let s = two_years();
    let docs = readable(s, 2027);
    assert!(docs.len() > 100, "{}", docs.len());
    let b27 = &s.truth.booklets.iter().find(|b| b.year == 2027).unwrap();
    let b26 = &s.truth.booklets.iter().find(|b| b.year == 2026).unwrap();
    let number = |b: &innspill_sample::TruthBooklet, theme: &str| {
        b.questions
            .iter()
            .find(|q| q.theme == theme)
            .map(|q| q.number)
    };
    let mut answering = 0;
    for d in &docs {
        let st = d.statement.as_ref().unwrap();
        assert!(!st.title.contains("Tid for taktskifte"), "{}", st.title);
        for p in &st.paragraphs {
            assert!(!p.text.contains("Tid for taktskifte"), "{}", p.text);
            if let Some(q) = p.question {
                answering += 1;
                assert!((1..=4).contains(&q));
                // A section answers the question of its theme in 2027's booklet.
                let theme = b27.questions[usize::from(q) - 1].theme;
                assert_eq!(number(b27, theme), Some(q));
            }
        }
        // Quoted lines are lines of the 2027 booklet.
        let lines = s
            .files
            .iter()
            .find(|f| f.path == b27.file.clone().unwrap())
            .map(|f| String::from_utf8_lossy(&f.bytes).lines().count())
            .unwrap();
        assert!(d.booklet.iter().all(|r| r.end_line <= lines), "{}", d.file);
    }
    assert!(answering > 1000, "{answering}");
    // Every 2027 theme section answers a question; in 2026 autonomy answers none.
    assert!(number(b26, "autonomy").is_none() && number(b27, "autonomy").is_some());
    for d in readable(s, 2026) {
        for p in &d.statement.as_ref().unwrap().paragraphs {
            assert!(p.question.is_none_or(|q| q <= 3), "{}", d.file);
        }
    }
}

#[test]
fn planted_year_over_year_changes_came_out_with_their_sign() {
    let s = two_years();
    assert_eq!(s.truth.year_changes.len(), YEAR_CHANGES.len());
    for c in &s.truth.year_changes {
        for class in c.planted.classes {
            let share = |year: u16| {
                c.realised
                    .iter()
                    .find(|r| r.size_class == *class && r.year == year)
                    .map(|r| r.share)
                    .unwrap()
            };
            let (before, after) = (share(c.from_year), share(c.planted.year));
            let change = after - before;
            match c.planted.direction {
                "rises" => assert!(change > 0.2, "{}: {before} -> {after}", c.description),
                "falls" => assert!(change < -0.1, "{}: {before} -> {after}", c.description),
                other => panic!("direction {other}"),
            }
        }
    }
}
