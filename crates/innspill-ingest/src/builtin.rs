//! Data compiled into the program, so that a folder of statements can be read with
//! nothing else: the register of 1 January 2026 and the KS booklet of 2026.
//!
//! `data/register-2026.csv` is made by `examples/builtin_data.rs` from SSB's and
//! Kartverket's data (see `data/README.md` for sources and licences);
//! `data/booklet-2026.tsv` gives the booklet's year, title and questions with the words
//! that tell an answer to each (lines `year`, `title`, `text` and
//! `question NUMBER TEXT CUES`, tab-separated).

use innspill_model::{Booklet, BookletQuestion, Register, RegisterSource};

use crate::RegisterImport;

/// The built-in register as CSV (`kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar`).
const REGISTER_2026_CSV: &str = include_str!("../data/register-2026.csv");

/// The sources of the built-in register, as the report names them.
pub const REGISTER_2026_SOURCE: &str = "innebygd register: SSB Klass 131 og 104 (kommune- og \
    fylkesinndeling per 1. januar 2026), SSB tabell 07459 (folketall 1. januar 2026) og \
    Kartverket (administrative enheter); CC BY 4.0";

/// The KS debate booklet of 2026, «Tid for taktskifte», as text: the reference that quoted
/// booklet passages are found by when no other is given.
pub const BOOKLET_2026: &str =
    include_str!("../../../corpus/reference/ks-2026-tid-for-taktskifte.txt");

/// The 2026 booklet's year, title and questions.
const BOOKLET_2026_TSV: &str = include_str!("../data/booklet-2026.tsv");

/// The booklets compiled into the program, by year: 2026, «Tid for taktskifte», with its
/// three questions.
///
/// ```
/// let b = &innspill_ingest::builtin_booklets()[0];
/// assert_eq!((b.year, b.title.as_str(), b.questions.len()), (2026, "Tid for taktskifte", 3));
/// assert!(b.builtin && b.text.contains("KS spør"));
/// ```
pub fn builtin_booklets() -> Vec<Booklet> {
    vec![booklet_of(BOOKLET_2026_TSV, BOOKLET_2026)]
}

/// A booklet from its TSV description and its text.
fn booklet_of(tsv: &str, text: &str) -> Booklet {
    let mut b = Booklet {
        year: 0,
        title: String::new(),
        source: "innebygd".to_string(),
        builtin: true,
        questions: Vec::new(),
        text: text.to_string(),
    };
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["year", y] => b.year = y.parse().expect("a year (tested)"),
            ["title", t] => b.title = (*t).to_string(),
            ["text", path] => b.source = format!("innebygd ({path})"),
            ["question", n, q, cues] => b.questions.push(BookletQuestion {
                number: n.parse().expect("a number (tested)"),
                text: (*q).to_string(),
                cues: cues.split_whitespace().map(str::to_string).collect(),
            }),
            _ => {}
        }
    }
    b
}

/// The register compiled into the program: the 357 municipalities and 14 county
/// authorities of 1 January 2026 with their population on that day (SSB, Kartverket).
/// It is the register of a store until `innspill register import` replaces it.
///
/// ```
/// let register = innspill_ingest::builtin_register();
/// let rost = register.get("1856").unwrap();
/// assert_eq!((rost.name.as_str(), rost.fylke.as_str(), rost.population), ("Røst", "Nordland", Some(471)));
/// assert_eq!(register.source.as_ref().unwrap().as_of.as_deref(), Some("2026-01-01"));
/// ```
pub fn builtin_register() -> Register {
    let mut import = RegisterImport::new();
    import
        .add_csv("register-2026.csv", REGISTER_2026_CSV)
        .expect("the built-in register is a valid combined CSV (tested)");
    let mut register = import.finish();
    register.source = Some(RegisterSource {
        name: REGISTER_2026_SOURCE.to_string(),
        as_of: Some("2026-01-01".to_string()),
        builtin: true,
    });
    register
}

#[cfg(test)]
mod tests {
    use innspill_model::RespondentKind;

    use super::*;

    #[test]
    fn the_builtin_booklet_questions_are_the_ones_its_text_asks() {
        let b = &builtin_booklets()[0];
        assert_eq!(b.year, 2026);
        let found = crate::find_questions(&innspill_norsk::Analyzer::default(), &b.text);
        let asked: Vec<(u8, &str)> = found.iter().map(|q| (q.number, q.text.as_str())).collect();
        let given: Vec<(u8, &str)> = b
            .questions
            .iter()
            .map(|q| (q.number, q.text.as_str()))
            .collect();
        assert_eq!(asked, given);
        assert!(b.questions.iter().all(|q| q.cues.len() >= 5));
    }

    #[test]
    fn the_builtin_register_holds_every_municipality_and_county_authority_of_2026() {
        let r = builtin_register();
        let count = |k| r.entries.iter().filter(|e| e.kind == k).count();
        assert_eq!(count(RespondentKind::Kommune), 357);
        assert_eq!(count(RespondentKind::Fylkeskommune), 14);
        assert!(r.get("03").is_none(), "Oslo has no county authority");
        assert!(r.entries.iter().all(|e| e.population_year == Some(2026)));
        let total: u64 = r
            .entries
            .iter()
            .filter(|e| e.kind == RespondentKind::Kommune)
            .filter_map(|e| e.population)
            .sum();
        assert_eq!(total, 5_627_400, "SSB's national total of 1 January 2026");
        for (nr, name, fylke) in [
            ("1856", "Røst", "Nordland"),
            ("1818", "Herøy", "Nordland"),
            ("1515", "Herøy", "Møre og Romsdal"),
            ("5622", "Porsanger - Porsáŋgu - Porsanki", "Finnmark"),
            ("5025", "Røros - Rosse", "Trøndelag"),
            ("0301", "Oslo - Oslove", "Oslo"),
            ("56", "Finnmark - Finnmárku - Finmarkku", "Finnmark"),
            ("50", "Trøndelag - Trööndelage", "Trøndelag"),
        ] {
            let e = r.get(nr).unwrap_or_else(|| panic!("{nr} is missing"));
            assert_eq!((e.name.as_str(), e.fylke.as_str()), (name, fylke), "{nr}");
        }
        assert_eq!(r.get("5025").unwrap().short_name(), "Røros");
    }
}
