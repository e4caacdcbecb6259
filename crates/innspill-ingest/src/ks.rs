//! KS' own regional bodies as respondents: a statement adopted by a KS county meeting or
//! county board (`fylkesmøtet i KS Trøndelag`, `KS Rogaland fylkesstyre`, `fylkesstyret
//! i KS Møre og Romsdal`, `KS Vestland sitt fylkesstyre`, `KS' fylkesstyre i Agder`) or
//! sent under a KS region's letterhead (`KS Møre og Romsdal` in the first lines).
//!
//! A KS region is named after its county: the counties of 2026 (with their Sami names:
//! `Trööndelage`, `Romsa`, `Finnmárku`), the older counties that lie inside one of them
//! (`Sør-Trøndelag`, `Hordaland`, `Hedmark`, `Vest-Agder`…), the counties of 2020–2023
//! that were split in 2024 (`Viken`, `Vestfold og Telemark`, `Troms og Finnmark`: kept
//! as the region's county, with a warning), and the counties of the register (so a
//! fictional county of the sample world works as well as a real one).
//!
//! Only a council formula of a KS body or a letterhead counts: a municipality that
//! mentions «utkastet fra KS Agder» or «fylkesmøtet i KS Agder» in its own statement is
//! still the municipality, because its own council formula outweighs it (see
//! [`crate::respondent`]).

use std::collections::HashMap;

use innspill_model::{Register, RespondentKind};
use innspill_norsk::{Analyzer, Token};

/// The counties of 2026, each with its other forms and the older counties that lie wholly
/// inside it.
const COUNTIES: &[(&str, &[&str])] = &[
    ("Oslo", &[]),
    ("Rogaland", &[]),
    ("Møre og Romsdal", &[]),
    ("Nordland", &[]),
    ("Østfold", &[]),
    ("Akershus", &[]),
    ("Buskerud", &[]),
    ("Innlandet", &["Hedmark", "Oppland"]),
    ("Vestfold", &[]),
    ("Telemark", &[]),
    ("Agder", &["Aust-Agder", "Vest-Agder"]),
    ("Vestland", &["Hordaland", "Sogn og Fjordane"]),
    (
        "Trøndelag",
        &["Trööndelage", "Sør-Trøndelag", "Nord-Trøndelag"],
    ),
    ("Troms", &["Romsa", "Tromssa"]),
    ("Finnmark", &["Finnmárku", "Finmarkku"]),
];

/// Sami names that are the same county as their Norwegian name (the region's name is
/// given with the Norwegian one); every other form in [`COUNTIES`] names a county of its
/// own time.
const SAMI: &[&str] = &[
    "Trööndelage",
    "Romsa",
    "Tromssa",
    "Finnmárku",
    "Finmarkku",
    "Romsa ja Finnmárku",
    "Tromssa ja Finmarkku",
];

/// The counties of 2020–2023 that were split on 1 January 2024, with the counties they
/// became.
const SPLIT: &[(&str, &[&str], &str)] = &[
    ("Viken", &[], "Østfold, Akershus and Buskerud"),
    ("Vestfold og Telemark", &[], "Vestfold and Telemark"),
    (
        "Troms og Finnmark",
        &["Romsa ja Finnmárku", "Tromssa ja Finmarkku"],
        "Troms and Finnmark",
    ),
];

/// The bodies of a KS region whose decision a statement can be: county board and county
/// meeting, in Bokmål and Nynorsk (which spell them alike), definite and genitive.
const ORGANS: &[&str] = &[
    "fylkesstyre",
    "fylkesstyret",
    "fylkesstyrets",
    "fylkesstyremøte",
    "fylkesstyremøtet",
    "fylkesmøte",
    "fylkesmøtet",
    "fylkesmøtets",
    "styre",
    "styret",
    "styrets",
];

/// How much a finding counts, on the scale of [`crate::respondent`]'s weights.
pub(crate) const FORMULA: u32 = 5;
pub(crate) const LETTERHEAD: u32 = 3;

/// A KS region that a text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KsRegion {
    /// The region's name: `KS Trøndelag`, `KS Sør-Trøndelag`.
    pub(crate) name: String,
    /// Its county as the register spells it (of 2026, or a split county's old name).
    pub(crate) fylke: String,
    /// A warning to give with it (a county that was split).
    pub(crate) note: Option<String>,
}

/// What [`KsRegions::in_text`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct KsFound {
    /// The best region and its score.
    pub(crate) best: Option<(KsRegion, u32)>,
    /// Several regions with the best score.
    pub(crate) tied: Vec<String>,
}

/// County names prepared for matching after `KS`.
#[derive(Debug, Clone, Default)]
pub(crate) struct KsRegions {
    /// Joined token norms of a county form (and its genitive) → region.
    forms: HashMap<String, usize>,
    regions: Vec<KsRegion>,
    /// The longest form in words.
    longest: usize,
}

impl KsRegions {
    /// The built-in counties and those of `register`, which win where both know a name.
    pub(crate) fn new(analyzer: &Analyzer, register: &Register) -> KsRegions {
        let mut ks = KsRegions::default();
        for e in &register.entries {
            if e.fylke.is_empty() {
                continue;
            }
            let mut forms = vec![e.fylke.as_str()];
            if e.kind == RespondentKind::Fylkeskommune {
                forms.extend(e.name.split(" - ").map(str::trim));
            }
            ks.add(analyzer, &forms, &e.fylke, &e.fylke, None);
        }
        for (county, others) in COUNTIES {
            ks.add(analyzer, &[county], county, county, None);
            for other in *others {
                let named = if SAMI.contains(other) { county } else { other };
                ks.add(analyzer, &[other], named, county, None);
            }
        }
        for (county, others, became) in SPLIT {
            let note = format!(
                "KS {county} is named after {county}, which was split into {became} in 2024; \
                 its county is given as «{county}»"
            );
            let mut forms = vec![*county];
            forms.extend(others.iter());
            ks.add(analyzer, &forms, county, county, Some(note));
        }
        ks
    }

    /// Add the forms of one region, unless a form is already known.
    fn add(
        &mut self,
        analyzer: &Analyzer,
        forms: &[&str],
        named: &str,
        fylke: &str,
        note: Option<String>,
    ) {
        let region = KsRegion {
            name: format!("KS {named}"),
            fylke: fylke.to_string(),
            note,
        };
        let i = match self.regions.iter().position(|r| *r == region) {
            Some(i) => i,
            None => {
                self.regions.push(region);
                self.regions.len() - 1
            }
        };
        for form in forms {
            let words: Vec<String> = analyzer.analyze(form).into_iter().map(|t| t.norm).collect();
            let Some(last) = words.last() else { continue };
            self.longest = self.longest.max(words.len());
            self.forms.entry(words.join(" ")).or_insert(i);
            // The genitive: «KS Rogalands fylkesstyre».
            if !last.ends_with('s') {
                let mut genitive = words.clone();
                genitive.last_mut().unwrap().push('s');
                self.forms.entry(genitive.join(" ")).or_insert(i);
            }
        }
    }

    /// The KS region whose body adopted the text, or whose letterhead it carries.
    /// `letterhead` holds the byte ranges of the letterhead lines.
    pub(crate) fn in_text(&self, tokens: &[Token], letterhead: &[(usize, usize)]) -> KsFound {
        // Words, with `KS-Agder` split into `ks` and `agder`; each with the byte offset of
        // its token.
        let mut words: Vec<(&str, usize)> = Vec::with_capacity(tokens.len());
        for t in tokens {
            match t.norm.strip_prefix("ks-").filter(|rest| !rest.is_empty()) {
                Some(rest) => {
                    words.push(("ks", t.start));
                    words.push((rest, t.start));
                }
                None => words.push((t.norm.as_str(), t.start)),
            }
        }
        let organ = |i: usize| words.get(i).is_some_and(|(w, _)| ORGANS.contains(w));
        let word = |i: usize| words.get(i).map_or("", |(w, _)| *w);
        let mut scores: Vec<u32> = vec![0; self.regions.len()];
        for i in 0..words.len() {
            if word(i) != "ks" {
                continue;
            }
            // «KS Agder …»
            if let Some((region, end)) = self.county_at(&words, i + 1) {
                let adopted_after = organ(end)
                    || matches!(word(end), "sitt" | "sin" | "si" | "sine") && organ(end + 1);
                let adopted_before = i >= 2
                    && organ(i - 2)
                    && matches!(word(i - 1), "i" | "for" | "til" | "frå" | "fra");
                let weight = if adopted_after || adopted_before {
                    FORMULA
                } else if letterhead
                    .iter()
                    .any(|&(a, b)| words[i].1 >= a && words[i].1 < b)
                {
                    LETTERHEAD
                } else {
                    0
                };
                scores[region] += weight;
                continue;
            }
            // «KS' fylkesstyre i Agder», «KS sitt fylkesmøte i Agder»
            let at = if organ(i + 1) { i + 1 } else { i + 2 };
            if organ(at)
                && (at == i + 1 || matches!(word(i + 1), "sitt" | "sin" | "si"))
                && word(at + 1) == "i"
                && let Some((region, _)) = self.county_at(&words, at + 2)
            {
                scores[region] += FORMULA;
            }
        }
        let mut found = KsFound::default();
        let Some(&top) = scores.iter().max().filter(|&&s| s > 0) else {
            return found;
        };
        let best: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] == top).collect();
        if best.len() == 1 {
            found.best = Some((self.regions[best[0]].clone(), top));
        } else {
            found.tied = best.iter().map(|&i| self.regions[i].name.clone()).collect();
        }
        found
    }

    /// The longest county form starting at word `i`: its region and the word after it.
    fn county_at(&self, words: &[(&str, usize)], i: usize) -> Option<(usize, usize)> {
        let max = self.longest.min(words.len().saturating_sub(i));
        (1..=max).rev().find_map(|len| {
            let key = words[i..i + len]
                .iter()
                .map(|(w, _)| *w)
                .collect::<Vec<_>>()
                .join(" ");
            self.forms.get(&key).map(|&r| (r, i + len))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The region found in `text` (letterhead: its first line), with its county.
    fn region(text: &str) -> Option<(String, String)> {
        let a = Analyzer::default();
        let ks = KsRegions::new(&a, &Register::default());
        let first = text.find('\n').unwrap_or(text.len());
        ks.in_text(&a.analyze(text), &[(0, first)])
            .best
            .map(|(r, _)| (r.name, r.fylke))
    }

    fn is(text: &str, name: &str, fylke: &str) {
        assert_eq!(
            region(text),
            Some((name.to_string(), fylke.to_string())),
            "in {text:?}\nhelp: expected {name} ({fylke})"
        );
    }

    #[test]
    fn bodies_and_letterheads_of_the_2026_regions() {
        is(
            "Uttalelse\n\nFylkesstyret i KS Møre og Romsdal vedtok uttalelsen.",
            "KS Møre og Romsdal",
            "Møre og Romsdal",
        );
        is(
            "Notat\n\nFylkesmøtet i KS Trøndelag har drøftet heftet.",
            "KS Trøndelag",
            "Trøndelag",
        );
        is(
            "Notat\n\nKS Rogaland fylkesstyre vedtok følgende.",
            "KS Rogaland",
            "Rogaland",
        );
        is(
            "Notat\n\nKS Rogalands fylkesstyre vedtok følgende.",
            "KS Rogaland",
            "Rogaland",
        );
        is(
            "Notat\n\nKS' fylkesstyre i Agder ber om mer handlingsrom.",
            "KS Agder",
            "Agder",
        );
        is(
            "KS Nordland\n\nUttalelse til debattheftet",
            "KS Nordland",
            "Nordland",
        );
        is("KS-Agder\n\nUttalelse", "KS Agder", "Agder");
    }

    #[test]
    fn nynorsk_forms() {
        is(
            "Fråsegn\n\nKS Vestland sitt fylkesstyre meiner at kommunane må få meir handlingsrom.",
            "KS Vestland",
            "Vestland",
        );
        is(
            "Fråsegn\n\nFylkesmøtet i KS Møre og Romsdal vedtok denne fråsegna.",
            "KS Møre og Romsdal",
            "Møre og Romsdal",
        );
    }

    #[test]
    fn older_and_sami_county_names() {
        is(
            "Notat\n\nFylkesstyret i KS Sør-Trøndelag vedtok.",
            "KS Sør-Trøndelag",
            "Trøndelag",
        );
        is(
            "Notat\n\nKS Hordaland fylkesstyre vedtok.",
            "KS Hordaland",
            "Vestland",
        );
        is(
            "Notat\n\nFylkesstyret i KS Sogn og Fjordane vedtok.",
            "KS Sogn og Fjordane",
            "Vestland",
        );
        is(
            "Notat\n\nFylkesstyret i KS Trööndelage vedtok.",
            "KS Trøndelag",
            "Trøndelag",
        );
        let a = Analyzer::default();
        let ks = KsRegions::new(&a, &Register::default());
        let found = ks.in_text(&a.analyze("x\n\nFylkesstyret i KS Viken vedtok."), &[]);
        let (viken, _) = found.best.unwrap();
        assert_eq!(viken.fylke, "Viken");
        assert!(
            viken
                .note
                .unwrap()
                .contains("Østfold, Akershus and Buskerud")
        );
        // The longest name wins: «Troms og Finnmark», not «Troms».
        is(
            "Notat\n\nFylkesstyret i KS Troms og Finnmark vedtok.",
            "KS Troms og Finnmark",
            "Troms og Finnmark",
        );
    }

    #[test]
    fn the_registers_counties_count_too() {
        let mut imp = crate::RegisterImport::new();
        imp.add_csv(
            "r.csv",
            "kommunenummer,navn,fylkesnummer,fylke,folketall\n\
             81,Havbygda,81,Havbygda,391477\n\
             8101,Lauvheim,81,Havbygda,1063\n",
        )
        .unwrap();
        let a = Analyzer::default();
        let ks = KsRegions::new(&a, &imp.finish());
        let found = ks.in_text(&a.analyze("x\n\nFylkesstyret i KS Havbygda vedtok."), &[]);
        assert_eq!(found.best.unwrap().0.name, "KS Havbygda");
    }

    #[test]
    fn a_mention_is_not_a_respondent() {
        assert_eq!(
            region("Notat\n\nVi har fått et utkast fra KS Agder og støtter det."),
            None
        );
        assert_eq!(region("Notat\n\nKS mener at kommunene må få mer."), None);
        assert_eq!(region("Notat\n\nFylkesstyret i Agder vedtok."), None);
        let a = Analyzer::default();
        let ks = KsRegions::new(&a, &Register::default());
        let found = ks.in_text(
            &a.analyze("x\n\nFylkesstyret i KS Agder og fylkesstyret i KS Rogaland vedtok."),
            &[],
        );
        assert_eq!(found.best, None);
        assert_eq!(found.tied, ["KS Rogaland", "KS Agder"]);
    }
}
